"""`lantoa conflicts list|show|resolve`: the values that lost a clash during sync.

`list --json` and `show --json` print conflict views (store/sync/conflicts.py: id, status, kind,
table, record_id, record_name, record_deleted, field, current, kept, other, mine, theirs,
detected_at, resolved_at, resolution; `kept`/`other` are {value, present, stamp, node,
this_device}). `resolve ID --keep mine|theirs` or `--value TEXT` writes the chosen value with a
fresh change time, so it wins on every device at their next sync. `--keep VALUE` (the issue's
wording) still stores VALUE, but only when it is not a near miss of mine/theirs (exit 2, with a
suggestion) and it says which value it stored.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from store.i18n import N_, _
from store.sync import list_conflicts, resolve_conflict
from store.sync.conflicts import (
    conflict_view,
    device_node,
    find_conflict,
    keep_choice,
    near_keep,
    origin_label,
)

from .cmd_sync import table_label
from .common import UsageFailure, info, print_fields, print_json, print_table, state

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
    if side.get("label"):  # a coded value (an outreach status) in words
        return str(side["label"])
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
        if not views:
            info(_("No conflicts.") if all_ else _("No open conflicts."))
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
                (_("Shown now (kept)"), f"{show_value(kept)}  [{origin_label(kept)}]"),
                (_("Set aside (other)"), f"{show_value(other)}  [{origin_label(other)}]"),
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
            "Decide a conflict: --keep mine (written on this device) or theirs (the other), or "
            "--value TEXT for a new value. When neither value was written here, mine is the value "
            "shown now."
        ),
    )
    def resolve(
        ref: Annotated[str, typer.Argument(help=_("Conflict id or id prefix."))],
        keep: Annotated[
            str | None,
            typer.Option(
                "--keep",
                help=_("mine or theirs (also: của tôi, của họ)."),
                show_default=False,
            ),
        ] = None,
        value: Annotated[
            str | None,
            typer.Option(
                "--value",
                help=_("A new value to keep instead (text; lists separated by commas)."),
                show_default=False,
            ),
        ] = None,
        as_json: Json = False,
    ) -> None:
        if (keep is None) == (value is None):
            raise UsageFailure(_("Give --keep mine, --keep theirs or --value TEXT (one of them)."))
        typed = value
        if keep is not None:
            choice = keep_choice(keep)
            if choice is None:
                guess = near_keep(keep)
                if guess is not None:
                    raise UsageFailure(
                        _(
                            "--keep takes mine or theirs; did you mean --keep {guess}? To store "
                            "{value!r} itself, use --value {value!r}.",
                            guess=guess,
                            value=keep,
                        )
                    )
                typed = keep  # `--keep VALUE`, the wording of the original command
        if typed is not None:
            view = resolve_conflict(state.store(), ref, value=typed)
        else:
            view = resolve_conflict(state.store(), ref, choice)
        if keep is not None and typed is not None:
            info(
                _(
                    "--keep {value!r} is neither mine nor theirs, so it was stored as the new "
                    "value (--value says so explicitly).",
                    value=keep,
                )
            )
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
