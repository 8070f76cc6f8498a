"""Sync in the app: "sync now", choosing the shared file, sync on start and exit, the status slot.

Mixed into the App (before StoreIO). Textual calls `on_mount` and message handlers of every
class in the MRO, so this mixin's `on_mount` runs after the app's own. The sync runs in a thread
worker that posts `SyncFinished` or `SyncFailed` back; the store is then reloaded the usual way
(`load_store`), so every section refreshes through `app.store_changed`. The engine is
store/sync's public API only; nothing here writes the store except through it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from textual import work
from textual.message import Message

from store.errors import LantoaError
from store.i18n import _
from store.sync import SyncReport, SyncStatus, open_count, remember_file, sync, sync_status

from ..sections.base import PaletteCommand
from . import status as status_line
from .settings import SyncSettings, check_path, read_settings, shared_file

#: How often the status is recomputed (relative time, and whether someone wrote the shared file).
REFRESH_SECONDS = 30.0


class SyncFinished(Message):
    def __init__(self, path: Path, report: SyncReport, reason: str) -> None:
        super().__init__()
        self.path, self.report, self.reason = path, report, reason


class SyncFailed(Message):
    def __init__(self, path: Path, error: str, reason: str) -> None:
        super().__init__()
        self.path, self.error, self.reason = path, error, reason


class SyncStatusReady(Message):
    def __init__(self, status: SyncStatus | None, conflicts: int) -> None:
        super().__init__()
        self.status, self.conflicts = status, conflicts


class SyncActions:
    """Mixed into LanToaApp (needs `store`, `data`, `config`, `demo`, `load_store`, `set_status`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sync_settings = SyncSettings()
        self.sync_running = False
        self.sync_status_shown: SyncStatus | None = None
        self.sync_conflicts = 0
        # None: quit normally; "pending": a sync before quitting runs; "done": quit now
        self._exit_sync: str | None = None

    # -- start -------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.sync_settings = read_settings(self.config)
        for problem in self.sync_settings.problems:
            self.notify(problem, title=_("config.toml"), severity="warning", markup=False)
        self.set_interval(REFRESH_SECONDS, self.show_sync_status)
        if self.sync_settings.on_start and not self.demo:
            path = self.sync_file()
            if path is None:
                self.notify(
                    _(
                        "Sync on start is on, but no shared file is chosen yet: press {key}.",
                        key=_sync_key(),
                    ),
                    title=_("Sync"),
                    severity="warning",
                    markup=False,
                )
            else:
                self.start_sync(path, reason="start")

    def sync_file(self) -> Path | None:
        return shared_file(self.store, self.sync_settings, self.demo)

    # -- actions (keys and palette) -----------------------------------------------------------

    def action_sync_now(self) -> None:
        if self.sync_running:
            self.notify(_("A sync is already running."), title=_("Sync"), markup=False)
            return
        path = self.sync_file()
        if path is None:
            self.action_sync_choose()
        else:
            self.start_sync(path)

    def action_sync_choose(self) -> None:
        from .choose import SharedFileScreen

        current = self.sync_file()

        def answered(value: str | None) -> None:
            if value:
                self.start_sync(Path(value).expanduser().absolute(), reason="chosen")

        self.push_screen(
            SharedFileScreen(str(current) if current else "", lambda v: check_path(v, self.store)),
            answered,
        )

    def action_sync_conflicts(self) -> None:
        from .conflicts import ConflictsScreen

        if not isinstance(self.screen, ConflictsScreen):
            self.push_screen(ConflictsScreen())

    def sync_palette_commands(self) -> list[PaletteCommand]:
        path = self.sync_file()
        return [
            PaletteCommand(
                _("sync: now"),
                str(path) if path else _("Choose the shared file first"),
                self.action_sync_now,
            ),
            PaletteCommand(
                _("sync: choose shared file…"),
                _("The file on a network drive or synced folder"),
                self.action_sync_choose,
            ),
            PaletteCommand(
                _("sync: conflicts"),
                _("{n} open", n=self.sync_conflicts),
                self.action_sync_conflicts,
            ),
        ]

    # -- the sync ----------------------------------------------------------------------------

    def start_sync(self, path: Path, reason: str = "now") -> None:
        if self.sync_running:
            self.notify(_("A sync is already running."), title=_("Sync"), markup=False)
            return
        self.sync_running = True
        self._paint_sync_status()
        self._launch_when_idle(path, reason)

    def _launch_when_idle(self, path: Path, reason: str) -> None:
        """After the edits already on their way to the store: they are part of this sync."""
        if self._job_running or self._jobs:
            self.set_timer(0.1, lambda: self._launch_when_idle(path, reason))
        else:
            self._sync_worker(path, reason)

    @work(thread=True, exclusive=True, group="sync")
    def _sync_worker(self, path: Path, reason: str) -> None:
        store = self.store
        try:
            report = sync(store, path)
        except LantoaError as exc:
            self.post_message(SyncFailed(path, str(exc), reason))
            return
        except OSError as exc:
            why = exc.strerror or str(exc)
            self.post_message(
                SyncFailed(path, _("Cannot sync with {path}: {why}.", path=path, why=why), reason)
            )
            return
        except Exception as exc:  # told to the person, never a traceback
            self.post_message(SyncFailed(path, repr(exc), reason))
            return
        with contextlib.suppress(LantoaError, OSError):  # a nicety; the sync itself worked
            remember_file(store, path)
        self.post_message(SyncFinished(path, report, reason))

    def on_sync_finished(self, message: SyncFinished) -> None:
        self.sync_running = False
        report = message.report
        if report.local_changed:
            self.load_store()  # every section refreshes; the status follows the reload
        else:
            self.show_sync_status()
        quiet = message.reason in ("start", "exit") and not report.changed
        if not quiet:
            self.notify(
                report_text(report),
                title=_("Sync"),
                severity="warning" if report.new_conflicts else "information",
                markup=False,
                timeout=12 if report.new_conflicts or report.notices else 6,
            )
        if message.reason == "exit":
            self._exit_sync = "done"
            self.exit()

    def on_sync_failed(self, message: SyncFailed) -> None:
        self.sync_running = False
        self._paint_sync_status()
        text = message.error
        if message.reason == "exit":
            self._exit_sync = "done"  # the next quit quits
            text += "\n" + _("Quit again to quit without syncing.")
        self.notify(text, title=_("Sync failed"), severity="error", markup=False, timeout=20)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Quit; with `on_exit`, sync first (a failed sync keeps the app open once)."""
        if self._exit_sync is None and self.sync_settings.on_exit and not self.demo:
            path = self.sync_file()
            if path is not None:
                self._exit_sync = "pending"
                self.notify(_("Syncing before quitting…"), title=_("Sync"), markup=False)
                if not self.sync_running:
                    self.start_sync(path, reason="exit")
                return
        if self._exit_sync == "pending":
            self.notify(_("Syncing before quitting…"), title=_("Sync"), markup=False)
            return
        super().exit(*args, **kwargs)

    # -- the status slot ----------------------------------------------------------------------

    def show_sync_status(self) -> None:
        """Repaint the slot now and recompute it in a worker (called after every store load)."""
        self._paint_sync_status()
        if self.data is not None:
            self._sync_status_worker(self.data.snapshot)

    @work(thread=True, exclusive=True, group="sync-status")
    def _sync_status_worker(self, snapshot) -> None:
        status = None
        try:
            path = self.sync_file()
            if path is not None:
                status = sync_status(self.store, path, snapshot)
        except (LantoaError, OSError):
            status = None
        conflicts = status.open_conflicts if status else open_count(snapshot)
        self.post_message(SyncStatusReady(status, conflicts))

    def on_sync_status_ready(self, message: SyncStatusReady) -> None:
        self.sync_status_shown = message.status
        self.sync_conflicts = message.conflicts
        self._paint_sync_status()

    def _paint_sync_status(self) -> None:
        content = status_line.status_content(
            self.sync_status_shown, self.sync_conflicts, running=self.sync_running
        )
        from textual.css.query import NoMatches

        with contextlib.suppress(NoMatches):  # the main screen is not mounted (yet, or any more)
            self.set_status(status_line.SLOT, content)


def _sync_key() -> str:
    from .. import keys

    return keys.display_keys("app.sync")


def report_text(report: SyncReport) -> str:
    """The notification after a sync: what came in and went out, conflicts, notices."""
    path = report.shared_path
    if report.created:
        lines = [
            _(
                "Created the shared file {path} from this store ({n} records).",
                path=path,
                n=len(report.outgoing),
            )
        ]
    elif not report.changed:
        lines = [_("Already in sync with {path}.", path=path)]
    else:
        lines = [_("Synced with {path}.", path=path), report.summary()]
    lines += [notice.message for notice in report.notices]
    if report.new_conflicts:
        from .. import keys

        lines.append(
            _(
                "{n} new conflicts: the later value is shown for now. Decide in the conflicts "
                "view ({key}).",
                n=len(report.new_conflicts),
                key=keys.display_keys("app.conflicts"),
            )
        )
    return "\n".join(lines)
