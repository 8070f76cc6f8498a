"""`lantoa conflicts list|show|resolve`: the values that lost a clash during sync.

`list --json` and `show --json` print conflict views (store/sync/conflicts.py: id, status, kind,
table, record_id, record_name, record_deleted, field, current, kept, other, mine, theirs,
detected_at, resolved_at, resolution; `kept`/`other` are {value, present, stamp, node,
this_device}). `resolve ID --keep mine|theirs|VALUE` writes the chosen value with a fresh change
time, so it wins on every device at their next sync.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from store.i18n import N_, _
from store.sync import list_conflicts, resolve_conflict
from store.sync.conflicts import conflict_view, device_node, find_conflict

from .cmd_sync import table_label
from .common import info, print_fields, print_json, print_table, state

ORDER = 61
#: The top-level commands `register` adds (read without importing: see tui/cli/__init__.py).
COMMANDS = ("conflicts",)

KIND_LABELS = {
    "edit": N_("edited on two devices"),
    "stale": N_("an older version came back"),
    "create": N_("created twice"),
}
Json = Annotated[bool, typer.Option("--json", help=_("Print JSON for scripts."))]


def show_value(side: dict[str, Any]) -> str:
    if not side.get("present", True) or side.get("value") in (None, "", []):
        return _("(empty)")
    value = side["value"]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return str(value)


def _marked(side: dict[str, Any]) -> str:
    """The value, marked when it was written on this device (what `--keep mine` means)."""
    value = show_value(side)
    return _("{value} (this device)", value=value) if side.get("this_device") else value


def _origin(side: dict[str, Any]) -> str:
    return (
        _("this device")
        if side.get("this_device")
        else _("device {node}", node=side.get("node") or "?")
    )


def register(app: typer.Typer) -> None:
    conflicts = typer.Typer(
        help=_("Values that lost a clash during sync: list them and decide which to keep."),
        no_args_is_help=True,
    )
    app.add_typer(conflicts, name="conflicts")

    @conflicts.command("list", help=_("List open conflicts (--all: resolved ones too)."))
    def list_(
        all_: Annotated[bool, typer.Option("--all", help=_("Include resolved conflicts."))] = False,
        as_json: Json = False,
    ) -> None:
        views = list_conflicts(state.store().load(), include_resolved=all_)
        if as_json:
            print_json(views)
            return
        rows = [
            [
                v["id"][:8],
                f"{table_label(v['table'])}: {v['record_name']}",
                v["field_label"],
                _marked(v["kept"]),
                _marked(v["other"]),
                _("open") if v["status"] == "open" else _("resolved"),
            ]
            for v in views
        ]
        print_table(
            [_("Id"), _("Record"), _("Field"), _("Shown now"), _("Set aside"), _("Status")], rows
        )
        info(_("{n} conflicts", n=len(views)))

    @conflicts.command("show", help=_("Show both values of one conflict side by side."))
    def show(
        ref: Annotated[str, typer.Argument(help=_("Conflict id or id prefix."))],
        as_json: Json = False,
    ) -> None:
        snapshot = state.store().load()
        view = conflict_view(find_conflict(snapshot, ref), snapshot, device_node(snapshot.meta))
        if as_json:
            print_json(view)
            return
        kept, other = view["kept"], view["other"]
        print_fields(
            [
                (_("Record"), f"{table_label(view['table'])}: {view['record_name']}"),
                (_("Field"), view["field_label"]),
                (_("What happened"), _(KIND_LABELS.get(view["kind"], view["kind"]))),
                (_("Shown now (kept)"), f"{show_value(kept)}  [{_origin(kept)}]"),
                (_("Set aside (other)"), f"{show_value(other)}  [{_origin(other)}]"),
                (_("--keep mine"), show_value(view[view["mine"]])),
                (_("--keep theirs"), show_value(view[view["theirs"]])),
                (_("Status"), _("open") if view["status"] == "open" else _("resolved")),
                (_("Detected"), view["detected_at"]),
                ("id", view["id"]),
            ]
        )

    @conflicts.command(
        "resolve",
        help=_(
            "Decide a conflict: --keep mine (written on this device), theirs (the other), or a new "
            "VALUE. When neither value was written here, mine is the value shown now."
        ),
    )
    def resolve(
        ref: Annotated[str, typer.Argument(help=_("Conflict id or id prefix."))],
        keep: Annotated[
            str,
            typer.Option(
                "--keep",
                help=_("mine, theirs, or the value to keep (text; lists separated by commas)."),
            ),
        ],
        as_json: Json = False,
    ) -> None:
        view = resolve_conflict(state.store(), ref, keep)
        if as_json:
            print_json(view)
            return
        resolution = view.get("resolution") or {}
        info(
            _(
                "Resolved: {field} of {name} is now {value}. Other devices get it at their next "
                "sync.",
                field=view["field_label"],
                name=view["record_name"],
                value=show_value(resolution),
            )
        )
