"""`lantoa where` and `lantoa backups …`: where the data lives and how to get it back."""

from __future__ import annotations

from typing import Annotated

import typer

from store.config import state_path
from store.i18n import N_, _
from store.paths import config_path, data_dir
from store.storage import (
    atomic_write_bytes,
    backup_facts,
    list_backups,
    make_backup,
    parse_store_bytes,
)

from .common import info, print_json, print_table, state

ORDER = 90
#: Why a backup was made, as its file name says it.
REASONS = {
    "import": N_("before an import"),
    "sync": N_("before a sync"),
    "migration": N_("before a migration"),
    "sample": N_("before loading the sample"),
    "before-restore": N_("before a restore"),
}
#: The top-level commands `register` adds (read without importing: see tui/cli/__init__.py).
COMMANDS = ("where", "backups")


def register(app: typer.Typer) -> None:
    @app.command("where", help=_("Print the paths in use: store, backups, config."))
    def where(
        as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON for scripts."))] = False,
    ) -> None:
        store = state.store()
        backups = list_backups(store.path)
        paths = {
            "store": str(store.path),
            "store_exists": store.exists(),
            "backups": str(store.path.parent / "backups"),
            "latest_backup": str(backups[0]) if backups else None,
            "config": str(config_path()),
            "state": str(state_path()),
            "data_dir": str(data_dir()),
        }
        if as_json:
            print_json(paths)
            return
        rows = [
            [
                _("Store"),
                paths["store"] + ("" if paths["store_exists"] else "  " + _("(not created yet)")),
            ],
            [_("Backups"), paths["backups"]],
            [_("Latest backup"), paths["latest_backup"] or _("none yet")],
            [_("Settings (yours)"), paths["config"]],
            [_("Templates (yours)"), str(config_path().parent / "templates")],
            [_("What the app remembers"), paths["state"]],
            [_("Data folder"), paths["data_dir"]],
        ]
        print_table([_("What"), _("Path")], rows)

    backups = typer.Typer(
        help=_("Backups of the store, made before imports, migrations and syncs."),
        no_args_is_help=True,
    )
    app.add_typer(backups, name="backups")

    @backups.command("list", help=_("List backups, newest first."))
    def list_(
        as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON for scripts."))] = False,
    ) -> None:
        found = list_backups(state.store().path)
        facts = [backup_facts(p) for p in found]
        if as_json:
            print_json(
                [
                    {
                        "path": str(p),
                        "size": p.stat().st_size,
                        "made_at": made.isoformat().replace("+00:00", "Z") if made else None,
                        "reason": reason or None,
                    }
                    for p, (made, reason) in zip(found, facts, strict=True)
                ]
            )
            return
        print_table(
            [_("Backup"), _("Made"), _("Why"), _("Size")],
            [
                [
                    p.name,
                    made.astimezone().strftime("%d/%m/%Y %H:%M") if made else "",
                    _(REASONS[reason]) if reason in REASONS else reason,
                    p.stat().st_size,
                ]
                for p, (made, reason) in zip(found, facts, strict=True)
            ],
            empty=_("There are no backups of {path}.", path=state.store().path),
        )

    @backups.command(
        "restore",
        help=_("Put a backup back in place of the store (the current file is backed up first)."),
    )
    def restore(
        backup: Annotated[
            str | None, typer.Argument(help=_("Backup file name or path (default: the latest)."))
        ] = None,
    ) -> None:
        store = state.store()
        found = list_backups(store.path)
        if backup is None:
            if not found:
                info(_("There are no backups of {path}.", path=store.path))
                raise typer.Exit(1)
            chosen = found[0]
        else:
            chosen = next((p for p in found if p.name == backup or str(p) == backup), None)
            if chosen is None:
                from pathlib import Path

                chosen = Path(backup)
            if not chosen.exists():
                info(_("No backup named {name}.", name=backup))
                raise typer.Exit(1)
        payload = chosen.read_bytes()  # read before the rotation below could touch it
        parse_store_bytes(chosen, payload)  # refuse to restore a damaged backup
        with store.locked():
            if store.exists():
                make_backup(store.path, "before-restore", spare=chosen)
            atomic_write_bytes(store.path, payload)
        info(_("Restored {backup} to {path}.", backup=chosen.name, path=store.path))
        from store.sync import remembered_file

        shared = remembered_file(store)
        if shared is not None:
            info(
                _(
                    "This store syncs with {shared}: its next sync brings back every newer value "
                    "kept there. To undo a change everywhere, change it again and sync.",
                    shared=shared,
                )
            )
