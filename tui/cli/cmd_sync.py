"""`lantoa sync [FILE]`: merge this store with a shared file both ways.

Exit codes: 0 synced (or nothing to do), 3 synced but conflicts wait for a decision (new or
older ones), 1 the sync could not run (bad shared file, busy, folder missing: nothing written),
2 usage. `--json` prints `SyncReport.to_json()` (documented in store/sync/report.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from store.i18n import N_, _
from store.model import field_label
from store.sync import remember_file, remembered_file, sync
from store.sync.report import Change, SyncReport

from .common import UsageFailure, console, info, print_json, print_table, state

ORDER = 60
#: The top-level commands `register` adds (read without importing: see tui/cli/__init__.py).
COMMANDS = ("sync",)
SHOWN = 20

TABLE_LABELS = {
    "organisations": N_("Organisation"),
    "contacts": N_("Contact"),
    "messages": N_("Message"),
    "outreach": N_("Outreach"),
}
ACTION_LABELS = {
    "added": N_("added"),
    "updated": N_("updated"),
    "deleted": N_("deleted"),
    "restored": N_("restored"),
}


def table_label(table: str) -> str:
    return _(TABLE_LABELS[table]) if table in TABLE_LABELS else table


def _changes(title: str, changes: list[Change]) -> None:
    if not changes:
        return
    rows = [
        [
            table_label(c.table),
            c.name,
            _(ACTION_LABELS.get(c.action, c.action)),
            ", ".join(field_label(c.table, f) for f in c.fields),
        ]
        for c in changes[:SHOWN]
    ]
    print_table([_("What"), _("Name"), _("Change"), _("Fields")], rows, title=title)
    if len(changes) > SHOWN:
        info(_("… and {n} more (see --json).", n=len(changes) - SHOWN))


def show_report(report: SyncReport) -> None:
    from rich.text import Text

    out = console()
    path = report.shared_path
    if report.dry_run and report.created:
        out.print(
            Text(
                _(
                    "Dry run: nothing was written. {path} does not exist yet; syncing would create "
                    "it from this store ({n} records).",
                    path=path,
                    n=len(report.outgoing),
                )
            )
        )
    elif report.dry_run:
        out.print(
            Text(_("Dry run: nothing was written. Syncing with {path} would do this:", path=path))
        )
    elif report.created:
        out.print(
            Text(
                _(
                    "Created the shared file {path} from this store ({n} records).",
                    path=path,
                    n=len(report.outgoing),
                )
            )
        )
    elif not report.changed:
        out.print(Text(_("Already in sync with {path}.", path=path)))
    else:
        out.print(Text(_("Synced with {path}.", path=path)))
    dry = report.dry_run
    if not report.created:
        _changes(
            _("Would come in ({n})", n=len(report.incoming))
            if dry
            else _("Came in ({n})", n=len(report.incoming)),
            report.incoming,
        )
        _changes(
            _("Would go out ({n})", n=len(report.outgoing))
            if dry
            else _("Went out ({n})", n=len(report.outgoing)),
            report.outgoing,
        )
        if report.changed and not report.incoming and not report.outgoing:
            out.print(Text(_("Only bookkeeping (change times) differed.")))
    for notice in report.notices:
        out.print(Text(_("Notice: {message}", message=notice.message)))
    if report.open_conflicts:
        out.print(
            Text(
                _(
                    "Conflicts: {new} new, {open} open. Each kept the later value for now; see them with "
                    "`lantoa conflicts list` and decide with `lantoa conflicts resolve ID --keep "
                    "mine|theirs` (or `--value TEXT`).",
                    new=len(report.new_conflicts),
                    open=report.open_conflicts,
                )
            )
        )
    if report.local_backup or report.shared_backup:
        info(
            _(
                "Backups made first: {paths}",
                paths=", ".join(str(p) for p in (report.local_backup, report.shared_backup) if p),
            )
        )


def register(app: typer.Typer) -> None:
    @app.command(
        "sync",
        help=_(
            "Merge this store with a shared file (on a network drive, a synced folder, a USB stick) "
            "both ways. Without FILE, the file of the last sync. Exit code 3: conflicts wait."
        ),
    )
    def sync_command(
        file: Annotated[
            Path | None,
            typer.Argument(help=_("The shared file (created if missing)."), show_default=False),
        ] = None,
        dry_run: Annotated[
            bool,
            typer.Option(
                "--dry-run", help=_("Show what would change on each side; write nothing.")
            ),
        ] = False,
        remember: Annotated[
            bool,
            typer.Option(
                "--remember",
                help=_("Make FILE the file `lantoa sync` uses from now on (the first one is)."),
            ),
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON for scripts."))] = False,
    ) -> None:
        store = state.store()
        known = remembered_file(store)
        path = file or known
        if path is None:
            raise UsageFailure(
                _(
                    "Give the shared file, e.g. `lantoa sync /mnt/shared/lantoa-shared.json`; "
                    "it is remembered for the next time."
                )
            )
        report = sync(store, path, dry_run=dry_run)
        other = known is not None and not _same_file(known, path)
        if not dry_run and (known is None or remember or not other):
            remember_file(store, path)
        if as_json:
            print_json(report.to_json())
        else:
            show_report(report)
        if not dry_run and other and not remember:
            # a USB stick or an attachment, once: the unit's shared file stays the default
            info(
                _(
                    "Synced with {path} this once; `lantoa sync` alone still uses {known} "
                    "(--remember switches to {path}).",
                    path=path,
                    known=known,
                )
            )
        raise typer.Exit(report.exit_code)


def _same_file(a: Path, b: Path) -> bool:
    return Path(a).expanduser().absolute() == Path(b).expanduser().absolute()
