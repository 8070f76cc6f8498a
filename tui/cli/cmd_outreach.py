"""`lantoa outreach …`: plan a message to the network, track each item, undo, see the coverage.

Like Taskwarrior, naming items is not a bulk change: `done`, `set` and `rm` with up to
NAMED_WITHOUT_ASKING (3) ids apply directly. `--all` (the list filters) on more than one item, or
more than 3 named items, is a bulk change: confirmed on a terminal unless `--yes`, refused
(exit 1) without a terminal and without `--yes`, so a script never changes hundreds of items by
accident. A status change with `--all` never moves an item backwards in the pipeline
(store.outreach.PIPELINE: published is not sent back to "sent") unless its status was asked for
with the status filter; those items are skipped and counted.

JSON output keys are listed in ITEM_JSON_KEYS (store/outreach/query.py); `done`/`set`/`rm --json`
print {changed: [items], unchanged: [ids], skipped: [ids]} (skipped: further along, left alone).
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from store import outreach as core
from store.errors import LantoaError
from store.i18n import _
from store.model import CHANNELS
from store.network import resolve
from store.outreach.model import MESSAGES
from store.vietnamese import fold

from . import complete
from .common import (
    UsageFailure,
    console,
    info,
    print_fields,
    print_json,
    print_table,
    safe,
    state,
)

ORDER = 50
#: The top-level commands `register` adds (read without importing: see tui/cli/__init__.py).
COMMANDS = ("outreach",)

Json = Annotated[bool, typer.Option("--json", help=_("Print JSON for scripts."))]
Ids = Annotated[
    list[str] | None,
    typer.Argument(
        help=_("Outreach item ids or id prefixes (see `lantoa outreach list`)."), show_default=False
    ),
]
All = Annotated[bool, typer.Option("--all", help=_("Every item matching the filters."))]
Yes = Annotated[
    bool,
    typer.Option(
        "--yes",
        "-y",
        help=_(
            "Do not ask for confirmation (asked for --all, or more than 3 ids, on a terminal; "
            "without a terminal such a change needs --yes)."
        ),
    ),
]
#: Named items changed without asking (Taskwarrior's `bulk`); --all always counts as bulk.
NAMED_WITHOUT_ASKING = 3
Note = Annotated[str | None, typer.Option("--note", help=_("A note kept in the history."))]
Message = Annotated[
    str | None, typer.Option("--message", "-m", help=_("Message: id, id prefix or title."))
]
Contact = Annotated[
    str | None, typer.Option("--contact", "-c", help=_("Contact: id, id prefix or name."))
]
Org = Annotated[
    str | None,
    typer.Option(
        "--org", "-o", help=_("Organisation: id, id prefix or name (its people's items too).")
    ),
]
Status = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        "-s",
        help=_("Status: {values} (repeat for more).", values=", ".join(core.STATUSES)),
    ),
]
Channel = Annotated[
    str | None,
    typer.Option(
        "--channel",
        autocompletion=complete.channels,
        help=_("Channel: {values}.", values=", ".join(CHANNELS)),
    ),
]
Overdue = Annotated[
    bool, typer.Option("--overdue", help=_("Only open items whose follow-up date has passed."))
]
DueToday = Annotated[bool, typer.Option("--due-today", help=_("Only open items due today."))]
Mine = Annotated[bool, typer.Option("--mine", help=_("Only items I own (config `owner`)."))]
Due = Annotated[
    str | None,
    typer.Option(
        "--due",
        help=_(
            "Follow-up date: 2024-03-15, today, tomorrow, +3d, +2w, mon…sun, hôm nay, mai, t2…cn."
        ),
    ),
]


def _interactive() -> bool:
    """Whether a person can answer a prompt (tests replace this)."""
    return sys.stdin.isatty()


def _settings() -> core.OutreachSettings:
    return core.settings_from_config(state.config)


def _local(at: str | None) -> str:
    """A stored UTC time as local 'YYYY-MM-DD HH:MM'."""
    if not at:
        return ""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _item_json(view: dict) -> dict:
    return {**{k: view.get(k) for k in core.ITEM_JSON_KEYS}, **view}


def _items(count: int | list) -> str:
    """'1 item' / '5 items' in the interface language."""
    n = count if isinstance(count, int) else len(count)
    return _("1 item") if n == 1 else _("{n} items", n=n)


def _who(view: dict) -> str:
    return view.get("contact_name") or view.get("org_name") or ""


#: Room a text column of `_table` needs to wrap between words.
_TEXT_MIN = 6


def _table(
    headers: list[tuple[str, bool]],
    rows: list[list[Any]],
    title: str | None = None,
    sections: set[int] = frozenset(),  # type: ignore[assignment]
):
    """A table that stays readable at 80 columns: columns marked True (ids, dates, statuses)
    never wrap or shrink; the other (text) columns wrap at word boundaries. Cells are plain
    text (Text or str), never markup."""
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=title,
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
    )
    widths = [
        max([cell_len(header), *(cell_len(str(row[index])) for row in rows)]) if keep else None
        for index, (header, keep) in enumerate(headers)
    ]
    # on a very narrow terminal everything wraps rather than run off the edge
    fits = sum(w or _TEXT_MIN for w in widths) + len(widths) - 1 <= console().width
    for (header, _keep), width in zip(headers, widths, strict=True):
        if width is not None and fits:
            table.add_column(header, no_wrap=True, min_width=width)
        else:
            table.add_column(header, overflow="fold")
    for number, row in enumerate(rows, 1):
        cells = (c if isinstance(c, Text) else Text(safe(c)) for c in row)
        table.add_row(*cells, end_section=number in sections)
    return table


def _print_items(views: list[dict], by: str = "message") -> None:
    """One table, with a heading row per group (message or recipient) in the second column,
    so the narrow id column never holds a title. The owner column only when owners differ."""
    from rich.text import Text

    other = _("Recipient") if by == "message" else _("Message")
    with_owner = len({v.get("owner") or "" for v in views}) > 1
    headers = [
        (_("Id"), True),
        (other, False),
        (_("Organisation"), False),
        (_("Channel"), False),
        (_("Status"), True),
        (_("Due"), True),
        *([(_("Owner"), False)] if with_owner else []),
        (_("Note"), False),
    ]
    rows: list[list[Any]] = []
    sections: set[int] = set()
    for heading, group in core.group_views(views, by):
        label = heading or (_("(no message)") if by == "message" else "")
        rows.append(["", Text(safe(label), style="bold"), *[""] * (len(headers) - 2)])
        for v in group:
            who = _who(v) if by == "message" else (v.get("message_title") or "")
            org = v.get("org_name") if v.get("contact_name") or by == "contact" else ""
            due = (v.get("due") or "") + (" !" if v.get("overdue") else "")
            rows.append(
                [
                    v["id"][:8],
                    who,
                    org or "",
                    core.channel_label(v.get("channel")),
                    core.status_label(v.get("status")),
                    due,
                    *([v.get("owner") or ""] if with_owner else []),
                    (v.get("note") or "").splitlines()[0] if v.get("note") else "",
                ]
            )
        sections.add(len(rows))
    console().print(_table(headers, rows, sections=sections))


_OPTION_NAMES = {"owner": "mine", "due_today": "due-today"}


def _select(
    ids: list[str] | None,
    all_: bool,
    filters: dict[str, Any],
    status_option: str = "status",
) -> tuple[list[dict], core.Lookup, frozenset[str]]:
    """The live items named by ids/prefixes, or matching the filters with --all, and the
    statuses the filter asked for (items a bulk change may move backwards)."""
    if ids and all_:
        raise UsageFailure(_("Give item ids or --all with filters, not both."))
    names = {**_OPTION_NAMES, "status": status_option}
    used = [names.get(k, k) for k, v in filters.items() if v]
    if not ids and not all_:
        raise UsageFailure(_("Give item ids (see `lantoa outreach list`) or --all with filters."))
    if used and not all_:
        raise UsageFailure(
            _("Filters (--{names}) select items only with --all.", names=", --".join(used))
        )
    snapshot = state.store().load()
    asked: frozenset[str] = frozenset()
    if all_:
        criteria = core.build_filter(snapshot, **filters)
        items = core.find_items(snapshot, criteria)
        asked = frozenset(criteria.statuses or ())
    else:
        items = core.resolve_items(snapshot, ids or [])
    return items, core.Lookup(snapshot), asked


def _is_bulk(count: int, by_filter: bool) -> bool:
    """Taskwarrior's rule: a filter (--all) over several items, or many named items."""
    return count > 1 if by_filter else count > NAMED_WITHOUT_ASKING


def _confirm(items: list[dict], lookup: core.Lookup, what: str, yes: bool, by_filter: bool) -> None:
    """A bulk change is confirmed first; naming a few items is not a bulk change."""
    if yes or not _is_bulk(len(items), by_filter):
        return
    if not _interactive():
        raise LantoaError(
            _(
                "{n} outreach items would change ({what}), and nobody can confirm: "
                "standard input is not a terminal. Pass --yes to go ahead.",
                n=len(items),
                what=what,
            )
        )
    info(_("This changes {n} outreach items ({what}):", n=len(items), what=what))
    for item in items[:10]:
        view = lookup.view(item)
        info(
            f"  {item['id'][:8]}  {_who(view)}  {view.get('message_title') or ''}  "
            f"{core.status_label(item.get('status'))}"
        )
    if len(items) > 10:
        info(_("  … and {n} more", n=len(items) - 10))
    sys.stderr.write(_("Go ahead? [y/N] "))
    sys.stderr.flush()
    answer = fold(sys.stdin.readline().strip())
    if answer not in ("y", "yes", "c", "co"):
        raise LantoaError(_("Cancelled; nothing was changed."))


def _skipped_text(items: list[dict]) -> str:
    """'Skipped 2 items already further along (done, published).'"""
    statuses = sorted(
        {i.get("status") or "" for i in items}, key=lambda s: (core.PIPELINE.get(s, 9), s)
    )
    return _(
        "Skipped {items} already further along ({statuses}); name them, or filter for their "
        "status, to move them back.",
        items=_items(items),
        statuses=", ".join(core.status_label(s) for s in statuses),
    )


def _report_change(result: core.ChangeResult, as_json: bool, done_text: str) -> None:
    snapshot = state.store().load()
    lookup = core.Lookup(snapshot)
    if as_json:
        print_json(
            {
                "changed": [_item_json(lookup.view(r)) for r in result.changed],
                "unchanged": [r["id"] for r in result.unchanged],
                "skipped": [r["id"] for r in result.skipped],
            }
        )
        return
    info(done_text)
    if result.skipped:
        info(_skipped_text(result.skipped))
    if result.unchanged:
        info(_("{items} already had that; left as they were.", items=_items(result.unchanged)))
    if result.changed:
        info(_("Undo with `lantoa outreach undo`."))


def _print_plan(
    result: core.PlanResult,
    settings: core.OutreachSettings,
    dry_run: bool,
    force: bool,
    lookup: core.Lookup,
) -> None:
    title = (result.message or {}).get("title")
    n = len(result.created)
    if dry_run:
        info(_("Would plan {items}.", items=_items(n)))
    elif title:
        info(_("Planned {items} for {title!r}.", items=_items(n), title=title))
    else:
        info(_("Planned {items}.", items=_items(n)))
    if result.created:
        rows = [
            [
                (r.get("id") or "")[:8],
                _who(v),
                v.get("org_name") if r.get("contact_id") else "",
                core.channel_label(r.get("channel")),
                core.status_label(r.get("status")),
                r.get("due") or "",
            ]
            for r in result.created
            for v in [lookup.view(r)]
        ]
        headers = [
            (_("Id"), True),
            (_("Recipient"), False),
            (_("Organisation"), False),
            (_("Channel"), False),
            (_("Status"), True),
            (_("Due"), True),
        ]
        console().print(_table(headers, rows))
    for skipped in result.skipped:
        info(
            _(
                "Skipped {name}: {reason}.",
                name=skipped.name,
                reason=core.skip_reason(skipped, settings),
            )
        )
    for dup in result.duplicates:
        info(
            _(
                "{name}: {reason} (item {id}); {outcome}.",
                name=dup.name,
                reason=core.skip_reason(dup, settings),
                id=(dup.item_id or "")[:8],
                outcome=_("planned again (--force)")
                if force
                else _("not planned again; --force plans it"),
            )
        )
    for notice in result.notices:
        info(_("Notice: {message}", message=notice))
    if result.created and not dry_run:
        info(_("Undo with `lantoa outreach undo`."))


def register(app: typer.Typer) -> None:
    outreach = typer.Typer(
        help=_(
            "Outreach: send a message to the network, track it, mark it done, see the coverage."
        ),
        no_args_is_help=True,
    )
    app.add_typer(outreach, name="outreach")

    @outreach.command("plan")
    def plan(
        message: Message = None,
        to: Annotated[
            list[str] | None,
            typer.Option("--to", "-t", help=_("Contact: id, id prefix or name (repeat for more).")),
        ] = None,
        org: Annotated[
            list[str] | None,
            typer.Option(
                "--org",
                "-o",
                help=_("Organisation, expanded to its people by role (repeat for more)."),
            ),
        ] = None,
        group: Annotated[
            list[str] | None,
            typer.Option(
                "--group",
                "-g",
                help=_("ministry_unit, provincial_department, press_agency or tag:NAME."),
            ),
        ] = None,
        region: Annotated[
            str | None,
            typer.Option("--region", help=_("Only organisations of this region (with --group).")),
        ] = None,
        beat: Annotated[
            list[str] | None,
            typer.Option("--beat", help=_("Prefer journalists with this beat at press agencies.")),
        ] = None,
        channel: Channel = None,
        due: Due = None,
        note: Note = None,
        status: Annotated[
            str,
            typer.Option(
                "--status",
                help=_(
                    "Status of the new items (default planned; e.g. done for a call already made)."
                ),
            ),
        ] = "planned",
        force: Annotated[
            bool,
            typer.Option(
                "--force",
                help=_("Plan even people who got this message within the double-pitch window."),
            ),
        ] = False,
        org_only: Annotated[
            bool,
            typer.Option(
                "--org-only",
                help=_("Plan organisations themselves, not their people (an official letter)."),
            ),
        ] = False,
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help=_("Show who would be reached; change nothing."))
        ] = False,
        as_json: Json = False,
    ) -> None:
        """Plan outreach: a message to contacts, organisations or whole groups."""
        if not (to or org or group):
            raise UsageFailure(_("Say who to reach: --to CONTACT, --org ORG or --group GROUP."))
        request = core.PlanRequest(
            message=message,
            contacts=to or [],
            orgs=org or [],
            groups=group or [],
            region=region,
            beats=beat or [],
            channel=channel,
            due=due,
            note=note,
            status=status,
            force=force,
            expand=not org_only,
        )
        settings = _settings()
        store = state.store()
        if dry_run:
            result = core.preview_plan(store.load(), request, settings)
        else:
            result = core.plan_outreach(store, request, settings)
        lookup = core.Lookup(store.load())
        if as_json:
            msg = result.message
            print_json(
                {
                    "dry_run": dry_run,
                    "message": {"id": msg["id"], "title": msg.get("title")} if msg else None,
                    "created": [_item_json(lookup.view(r)) for r in result.created],
                    "skipped": [s.to_json() for s in result.skipped],
                    "duplicates": [s.to_json() for s in result.duplicates],
                    "notices": result.notices,
                }
            )
        else:
            _print_plan(result, settings, dry_run, force, lookup)

    @outreach.command("list")
    def list_(
        status: Status = None,
        message: Message = None,
        contact: Contact = None,
        org: Org = None,
        channel: Channel = None,
        overdue: Overdue = False,
        due_today: DueToday = False,
        mine: Mine = False,
        by: Annotated[
            str, typer.Option("--by", help=_("Group by message or contact."))
        ] = "message",
        limit: Annotated[
            int | None, typer.Option("--limit", help=_("Show at most this many."))
        ] = None,
        as_json: Json = False,
    ) -> None:
        """List outreach items: open ones first, by due date."""
        if by not in core.GROUP_BY:
            raise UsageFailure(_("--by takes message or contact."))
        snapshot = state.store().load()
        criteria = core.build_filter(
            snapshot,
            status=status,
            message=message,
            contact=contact,
            org=org,
            channel=channel,
            overdue=overdue,
            due_today=due_today,
            owner=_settings().owner if mine else None,
        )
        views = core.list_items(snapshot, criteria)
        if limit is not None:
            views = views[: max(limit, 0)]
        if as_json:
            print_json([_item_json(v) for v in views])
            return
        if not views:
            info(_("No outreach item matches."))
            return
        _print_items(views, by)
        late = sum(1 for v in views if v.get("overdue"))
        info(_("{n} outreach items, {late} overdue", n=len(views), late=late))

    @outreach.command("show")
    def show(
        ref: Annotated[str, typer.Argument(help=_("Item id or id prefix."))],
        as_json: Json = False,
    ) -> None:
        """Show one outreach item with its whole history."""
        snapshot = state.store().load()
        item = core.resolve_items(snapshot, [ref])[0]
        view = core.Lookup(snapshot).view(item)
        if as_json:
            print_json(_item_json(view))
            return
        print_fields(
            [
                (_("Message"), view.get("message_title")),
                (_("Recipient"), _who(view)),
                (_("Organisation"), view.get("org_name") if view.get("contact_name") else None),
                (_("Province"), view.get("province")),
                (_("Channel"), core.channel_label(view.get("channel"))),
                (_("Status"), core.status_label(view.get("status"))),
                (_("Due"), view.get("due")),
                (_("Overdue"), view.get("overdue")),
                (_("Owner"), view.get("owner")),
                (_("Note"), view.get("note")),
                (_("Link"), view.get("link")),
                ("id", view.get("id")),
            ]
        )
        rows = [
            [
                _local(e.get("at")),
                e.get("by") or "",
                core.action_label(e.get("action")),
                f"{core.status_label(e.get('from')) or '∅'} → {core.status_label(e.get('to'))}",
                e.get("note") or "",
                e.get("link") or "",
            ]
            for e in view.get("history") or []
        ]
        headers = [
            (_("When"), True),
            (_("By"), False),
            (_("Action"), False),
            (_("Status"), False),
            (_("Note"), False),
            (_("Link"), False),
        ]
        console().print(_table(headers, rows, title=_("History")))

    @outreach.command("done")
    def done(
        ids: Ids = None,
        note: Note = None,
        all_: All = False,
        status: Status = None,
        message: Message = None,
        contact: Contact = None,
        org: Org = None,
        channel: Channel = None,
        overdue: Overdue = False,
        due_today: DueToday = False,
        mine: Mine = False,
        yes: Yes = False,
        as_json: Json = False,
    ) -> None:
        """Mark items done (the previous status stays in the history).

        Up to 3 named ids change directly; --all (with filters) or more ids asks first (--yes
        for scripts). With --all, items already further along (published) are skipped unless
        --status asks for them."""
        core.check_change(status="done", note=note)
        items, lookup, asked = _select(
            ids,
            all_,
            dict(
                status=status,
                message=message,
                contact=contact,
                org=org,
                channel=channel,
                overdue=overdue,
                due_today=due_today,
                owner=_settings().owner if mine else None,
            ),
        )
        if not items:
            info(_("No outreach item matches; nothing was changed."))
            return
        moving = core.held_back(items, "done", asked)[0] if all_ else items
        _confirm(moving, lookup, _("mark done"), yes, all_)
        result = core.mark_done(
            state.store(),
            [i["id"] for i in items],
            _settings(),
            note,
            keep_progress=all_,
            back_from=asked,
        )
        _report_change(result, as_json, _("Marked {items} done.", items=_items(result.changed)))

    @outreach.command("set")
    def set_(
        ids: Ids = None,
        new_status: Annotated[
            str | None,
            typer.Option(
                "--status", "-s", help=_("New status: {values}.", values=", ".join(core.STATUSES))
            ),
        ] = None,
        note: Note = None,
        link: Annotated[
            str | None,
            typer.Option("--link", help=_("Link to the coverage (required for published).")),
        ] = None,
        due: Due = None,
        no_due: Annotated[bool, typer.Option("--no-due", help=_("Clear the due date."))] = False,
        channel: Channel = None,
        all_: All = False,
        from_status: Annotated[
            list[str] | None,
            typer.Option(
                "--from-status",
                help=_("With --all: only items with this status (repeat for more)."),
            ),
        ] = None,
        message: Message = None,
        contact: Contact = None,
        org: Org = None,
        overdue: Overdue = False,
        due_today: DueToday = False,
        mine: Mine = False,
        yes: Yes = False,
        as_json: Json = False,
    ) -> None:
        """Change the status (or note, link, due date, channel) of items.

        Up to 3 named ids change directly; --all (with filters) or more ids asks first (--yes
        for scripts). With --all, a status change skips items already further along the
        pipeline (planned < sent < no answer < done, replied, declined < published) unless
        --from-status asks for them."""
        clean = core.check_change(
            status=new_status, note=note, link=link, due=due, clear_due=no_due, channel=channel
        )
        items, lookup, asked = _select(
            ids,
            all_,
            dict(
                status=from_status,
                message=message,
                contact=contact,
                org=org,
                overdue=overdue,
                due_today=due_today,
                owner=_settings().owner if mine else None,
            ),
            "from-status",
        )
        if not items:
            info(_("No outreach item matches; nothing was changed."))
            return
        what = core.status_label(clean["status"]) if "status" in clean else _("edit")
        moving = items
        if all_ and "status" in clean:  # counted before asking; the store checks again
            moving = core.held_back(items, clean["status"], asked)[0]
        _confirm(moving, lookup, what, yes, all_)
        result = core.change_items(
            state.store(),
            [i["id"] for i in items],
            _settings(),
            status=new_status,
            note=note,
            link=link,
            due=due,
            clear_due=no_due,
            channel=channel,
            keep_progress=all_,
            back_from=asked,
        )
        _report_change(result, as_json, _("Changed {items}.", items=_items(result.changed)))

    @outreach.command("rm")
    def rm(
        ids: Ids = None,
        all_: All = False,
        status: Status = None,
        message: Message = None,
        contact: Contact = None,
        org: Org = None,
        yes: Yes = False,
        as_json: Json = False,
    ) -> None:
        """Delete items planned by mistake (undo brings them back).

        Up to 3 named ids are deleted directly; --all (with filters) or more ids asks first
        (--yes for scripts)."""
        items, lookup, _asked = _select(
            ids, all_, dict(status=status, message=message, contact=contact, org=org)
        )
        if not items:
            info(_("No outreach item matches; nothing was changed."))
            return
        _confirm(items, lookup, _("delete"), yes, all_)
        result = core.delete_items(state.store(), [i["id"] for i in items], _settings())
        _report_change(result, as_json, _("Deleted {items}.", items=_items(result.changed)))

    @outreach.command("undo")
    def undo(as_json: Json = False) -> None:
        """Revert the last outreach command (plan, done, set, rm); history is kept."""
        result = core.undo_last(state.store(), _settings())
        if as_json:
            print_json(result.to_json())
            return
        command = result.command
        info(
            _(
                "Undid the {command} of {items} made at {at}.",
                command=core.command_label(command.get("command")),
                items=_items(command.get("count") or 0),
                at=_local(command.get("at")),
            )
        )
        for item_id, reason in result.skipped:
            info(_("Not undone: {id}: {reason}.", id=item_id[:8], reason=core.reason_label(reason)))

    @outreach.command("report")
    def report(
        message: Message = None,
        fmt: Annotated[
            str, typer.Option("--format", "-f", help=_("table, csv or json."))
        ] = "table",
        output: Annotated[
            Path | None,
            typer.Option("--output", help=_("Write to this file instead of the screen.")),
        ] = None,
        as_json: Json = False,
    ) -> None:
        """Coverage: ministry units, provincial departments (by region) and press agencies
        reached, replied and published."""
        fmt = "json" if as_json else fmt.lower()
        if fmt not in ("table", "csv", "json"):
            raise UsageFailure(_("--format takes table, csv or json."))
        snapshot = state.store().load()
        message_id = None
        if message:
            message_id = resolve(snapshot, MESSAGES, message)["id"]
        cov = core.coverage_report(snapshot, message_id)
        if fmt == "table":
            _print_coverage(cov)
            return
        if fmt == "csv":
            text = core.coverage_csv(cov)
        else:
            import json

            text = json.dumps(cov.to_json(), ensure_ascii=False, indent=2) + "\n"
        if output:
            output.write_text(text, encoding="utf-8", newline="")
            info(_("Wrote {path}.", path=output))
        else:
            sys.stdout.write(text)


def _print_coverage(cov: core.Coverage) -> None:
    rows = [
        [
            ("  " if row["level"] == "region" else "") + row["name"],
            row["total"],
            row["planned"],
            row["reached"],
            row["replied"],
            row["published"],
            f"{row['reached_pct']:.0f}%",
        ]
        for row in core.coverage_rows(cov)
    ]
    title = (cov.message or {}).get("title")
    print_table(
        [
            _("Group"),
            _("Total"),
            _("Planned"),
            _("Reached"),
            _("Replied"),
            _("Published"),
            _("Reached %"),
        ],
        rows,
        title=_("Coverage of {title!r}", title=title) if title else _("Coverage"),
    )
    missing = [c.name for c in cov.not_reached()]
    if missing and len(missing) == len(cov.cells()):
        info(_("No provincial department reached yet."))
    elif missing:
        info(
            _(
                "Departments not reached yet ({n}): {names}",
                n=len(missing),
                names=", ".join(missing),
            )
        )
    info(_("{n} outreach items; as of {day}.", n=cov.items, day=date.today().isoformat()))
