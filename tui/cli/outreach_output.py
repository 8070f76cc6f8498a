"""What the `lantoa outreach` commands print: item tables that stay readable at 80 columns, the
JSON views of items (ITEM_JSON_KEYS first), and the reports of a plan, a change and an undo."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from store import outreach as core
from store.i18n import _

from .common import console, info, print_fields, print_json, safe, state


def local_time(at: str | None) -> str:
    """A stored UTC time as local 'YYYY-MM-DD HH:MM'."""
    if not at:
        return ""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def item_json(view: dict) -> dict:
    return {**{k: view.get(k) for k in core.ITEM_JSON_KEYS}, **view}


def items_text(count: int | list) -> str:
    """'1 item' / '5 items' in the interface language."""
    n = count if isinstance(count, int) else len(count)
    return _("1 item") if n == 1 else _("{n} items", n=n)


def recipient_name(view: dict) -> str:
    return view.get("contact_name") or view.get("org_name") or ""


#: Room a text column of `readable_table` needs to wrap between words.
_TEXT_MIN = 6


def readable_table(
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


def print_items(views: list[dict], by: str = "message") -> None:
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
            who = recipient_name(v) if by == "message" else (v.get("message_title") or "")
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
    console().print(readable_table(headers, rows, sections=sections))


def print_list(views: list[dict], by: str) -> None:
    """`list` for people: the table and how many items are overdue, or that none matches."""
    if not views:
        info(_("No outreach item matches."))
        return
    print_items(views, by)
    late = sum(1 for v in views if v.get("overdue"))
    info(_("{n} outreach items, {late} overdue", n=len(views), late=late))


def print_item(view: dict) -> None:
    """One item's fields, then its whole history as a table."""
    print_fields(
        [
            (_("Message"), view.get("message_title")),
            (_("Recipient"), recipient_name(view)),
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
            local_time(e.get("at")),
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
    console().print(readable_table(headers, rows, title=_("History")))


def _skipped_text(items: list[dict]) -> str:
    """'Skipped 2 items already further along (done, published).'"""
    statuses = sorted(
        {i.get("status") or "" for i in items}, key=lambda s: (core.PIPELINE.get(s, 9), s)
    )
    return _(
        "Skipped {items} already further along ({statuses}); name them, or filter for their "
        "status, to move them back.",
        items=items_text(items),
        statuses=", ".join(core.status_label(s) for s in statuses),
    )


def report_change(result: core.ChangeResult, as_json: bool, done_text: str) -> None:
    snapshot = state.store().load()
    lookup = core.Lookup(snapshot)
    if as_json:
        print_json(
            {
                "changed": [item_json(lookup.view(r)) for r in result.changed],
                "unchanged": [r["id"] for r in result.unchanged],
                "skipped": [r["id"] for r in result.skipped],
            }
        )
        return
    info(done_text)
    if result.skipped:
        info(_skipped_text(result.skipped))
    if result.unchanged:
        info(_("{items} already had that; left as they were.", items=items_text(result.unchanged)))
    if result.changed:
        info(_("Undo with `lantoa outreach undo`."))


def plan_json(result: core.PlanResult, dry_run: bool, lookup: core.Lookup) -> dict:
    """`plan --json`: the message, the items created and who was left out, and why."""
    msg = result.message
    return {
        "dry_run": dry_run,
        "message": {"id": msg["id"], "title": msg.get("title")} if msg else None,
        "created": [item_json(lookup.view(r)) for r in result.created],
        "skipped": [s.to_json() for s in result.skipped],
        "duplicates": [s.to_json() for s in result.duplicates],
        "notices": result.notices,
    }


def print_plan(
    result: core.PlanResult,
    settings: core.OutreachSettings,
    dry_run: bool,
    force: bool,
    lookup: core.Lookup,
) -> None:
    title = (result.message or {}).get("title")
    n = len(result.created)
    if dry_run:
        info(_("Would plan {items}.", items=items_text(n)))
    elif title:
        info(_("Planned {items} for {title!r}.", items=items_text(n), title=title))
    else:
        info(_("Planned {items}.", items=items_text(n)))
    if result.created:
        rows = [
            [
                (r.get("id") or "")[:8],
                recipient_name(v),
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
        console().print(readable_table(headers, rows))
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


def print_undo(result: core.UndoResult) -> None:
    """What `undo` reverted, and the items it could not."""
    command = result.command
    if result.reverted:
        info(
            _(
                "Undid the {command} of {items} made at {at}.",
                command=core.command_label(command.get("command")),
                items=items_text(len(result.reverted)),
                at=local_time(command.get("at")),
            )
        )
    else:  # every item changed since: saying "Undid" would be untrue
        info(
            _(
                "Nothing undone: every item of the {command} made at {at} changed since, and "
                "was left as it is. The next undo goes to the change before it.",
                command=core.command_label(command.get("command")),
                at=local_time(command.get("at")),
            )
        )
    for item_id, reason in result.skipped:
        info(_("Not undone: {id}: {reason}.", id=item_id[:8], reason=core.reason_label(reason)))
