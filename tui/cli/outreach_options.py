"""The options the `lantoa outreach` commands share, and how ids, --all and the filters select
the items a command changes (rules: see tui/cli/cmd_outreach.py)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from store import outreach as core
from store.i18n import _
from store.model import CHANNELS, ROLES

from . import complete
from .common import UsageFailure, state

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

#: Options of `plan` alone.
PlanTo = Annotated[
    list[str] | None,
    typer.Option("--to", "-t", help=_("Contact: id, id prefix or name (repeat for more).")),
]
PlanOrgs = Annotated[
    list[str] | None,
    typer.Option(
        "--org",
        "-o",
        help=_("Organisation, expanded to its people by role (repeat for more)."),
    ),
]
PlanGroups = Annotated[
    list[str] | None,
    typer.Option(
        "--group",
        "-g",
        help=_("ministry_unit, provincial_department, press_agency or tag:NAME."),
    ),
]
PlanRegion = Annotated[
    str | None,
    typer.Option("--region", help=_("Only organisations of this region (with --group).")),
]
PlanProvinces = Annotated[
    list[str] | None,
    typer.Option(
        "--province",
        "-p",
        autocompletion=complete.provinces,
        help=_(
            "Only organisations of this province (with --group; repeat for more): name, "
            "GSO code or quang-ninh."
        ),
    ),
]
PlanRoles = Annotated[
    list[str] | None,
    typer.Option(
        "--role",
        autocompletion=complete.roles,
        help=_(
            "Reach only people of this role at each organisation of --org or --group (repeat "
            "for more): {values}. People named with --to are reached whatever their role.",
            values=", ".join(ROLES),
        ),
    ),
]
PlanBeats = Annotated[
    list[str] | None,
    typer.Option("--beat", help=_("Prefer journalists with this beat at press agencies.")),
]
PlanStatus = Annotated[
    str,
    typer.Option(
        "--status",
        help=_("Status of the new items (default planned; e.g. done for a call already made)."),
    ),
]
PlanForce = Annotated[
    bool,
    typer.Option(
        "--force",
        help=_("Plan even people who got this message within the double-pitch window."),
    ),
]
PlanOrgOnly = Annotated[
    bool,
    typer.Option(
        "--org-only",
        help=_("Plan organisations themselves, not their people (an official letter)."),
    ),
]
PlanDryRun = Annotated[
    bool, typer.Option("--dry-run", help=_("Show who would be reached; change nothing."))
]


_OPTION_NAMES = {"owner": "mine", "due_today": "due-today"}


def select_items(
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
