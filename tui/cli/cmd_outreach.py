"""`lantoa outreach …`: plan a message to the network, track each item, undo, see the coverage.

Like Taskwarrior, naming items is not a bulk change: `done`, `set` and `rm` with up to
NAMED_WITHOUT_ASKING (3, in outreach_bulk.py) ids apply directly. `--all` (the list filters) on
more than one item, or more than 3 named items, is a bulk change: confirmed on a terminal unless
`--yes`, refused (exit 1) without a terminal and without `--yes`, so a script never changes
hundreds of items by accident. A status change with `--all` never moves an item backwards in the
pipeline (store.outreach.PIPELINE: published is not sent back to "sent") unless its status was
asked for with the status filter; those items are skipped and counted.

JSON output keys are listed in ITEM_JSON_KEYS (store/outreach/query.py); `done`/`set`/`rm --json`
print {changed: [items], unchanged: [ids], skipped: [ids]} (skipped: further along, left alone).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from store import outreach as core
from store.i18n import _
from store.network import resolve
from store.outreach.model import MESSAGES

from .common import UsageFailure, info, print_json, state
from .outreach_bulk import confirm_bulk
from .outreach_coverage import write_coverage
from .outreach_options import (
    All,
    Channel,
    Contact,
    Due,
    DueToday,
    Ids,
    Json,
    Message,
    Mine,
    Note,
    Org,
    Overdue,
    PlanBeats,
    PlanDryRun,
    PlanForce,
    PlanGroups,
    PlanOrgOnly,
    PlanOrgs,
    PlanProvinces,
    PlanRegion,
    PlanRoles,
    PlanStatus,
    PlanTo,
    Status,
    Yes,
    select_items,
)
from .outreach_output import (
    item_json,
    items_text,
    print_item,
    print_list,
    print_undo,
    report_change,
)
from .outreach_plan import reached_nobody, run_plan

ORDER = 50
#: The top-level commands `register` adds (read without importing: see tui/cli/__init__.py).
COMMANDS = ("outreach",)


def _settings() -> core.OutreachSettings:
    return core.settings_from_config(state.config)


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
        to: PlanTo = None,
        org: PlanOrgs = None,
        group: PlanGroups = None,
        region: PlanRegion = None,
        province: PlanProvinces = None,
        role: PlanRoles = None,
        beat: PlanBeats = None,
        channel: Channel = None,
        due: Due = None,
        note: Note = None,
        status: PlanStatus = "planned",
        force: PlanForce = False,
        org_only: PlanOrgOnly = False,
        dry_run: PlanDryRun = False,
        as_json: Json = False,
    ) -> None:
        """Plan outreach: a message to contacts, organisations or whole groups."""
        request = core.PlanRequest(
            message=message,
            contacts=to or [],
            orgs=org or [],
            groups=group or [],
            region=region,
            provinces=province or [],
            roles=role or [],
            beats=beat or [],
            channel=channel,
            due=due,
            note=note,
            status=status,
            force=force,
            expand=not org_only,
        )
        result = run_plan(request, _settings(), dry_run, as_json)
        _warn_if_past({i.get("due") for i in result.created})
        if reached_nobody(result, dry_run):
            raise typer.Exit(1)  # nobody could be planned: not done (see "Exit codes")

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
            int | None, typer.Option("--limit", min=1, help=_("Show at most this many."))
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
            print_json([item_json(v) for v in views])
        else:
            print_list(views, by)

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
            print_json(item_json(view))
            return
        print_item(view)

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
        items, lookup, asked = select_items(
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
        confirm_bulk(moving, lookup, _("mark done"), yes, all_)
        result = core.mark_done(
            state.store(),
            [i["id"] for i in items],
            _settings(),
            note,
            keep_progress=all_,
            back_from=asked,
        )
        report_change(result, as_json, _("Marked {items} done.", items=items_text(result.changed)))

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
        items, lookup, asked = select_items(
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
        confirm_bulk(moving, lookup, what, yes, all_)
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
        report_change(result, as_json, _("Changed {items}.", items=items_text(result.changed)))
        if result.changed:
            _warn_if_past({clean.get("due")})

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
        items, lookup, _asked = select_items(
            ids, all_, dict(status=status, message=message, contact=contact, org=org)
        )
        if not items:
            info(_("No outreach item matches; nothing was changed."))
            return
        confirm_bulk(items, lookup, _("delete"), yes, all_)
        result = core.delete_items(state.store(), [i["id"] for i in items], _settings())
        report_change(result, as_json, _("Deleted {items}.", items=items_text(result.changed)))

    @outreach.command("undo")
    def undo(as_json: Json = False) -> None:
        """Revert the last outreach command (plan, done, set, rm); history is kept."""
        result = core.undo_last(state.store(), _settings())
        if as_json:
            print_json(result.to_json())
        else:
            print_undo(result)
        if not result.reverted:
            raise typer.Exit(1)  # nothing could be undone

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
        write_coverage(core.coverage_report(snapshot, message_id), fmt, output)


def _warn_if_past(dues: set[str | None]) -> None:
    """A follow-up date already passed is allowed (recording an old call), but said: a typo
    of the year would otherwise make every item overdue at once."""
    from datetime import date

    today = date.today().isoformat()
    past = sorted(d for d in dues if isinstance(d, str) and d < today)
    if past:
        info(
            _(
                "Note: the follow-up date {day} has already passed; these items show as overdue.",
                day=past[0],
            )
        )
