"""The Lan Tỏa app: the shell that owns the store, its loading, watching and writing.

Sections (tui/sections/) and screens (tui/screens/) do the rest. Store IO never runs on the UI
thread: loads, change checks and writes are thread workers that post back their results.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.message import Message
from textual.signal import Signal
from textual.worker import get_current_worker

from store import Store
from store.config import load_config, load_state, save_state
from store.errors import LantoaError
from store.i18n import _, get_language, set_language
from store.network import ContactIndex

from . import keys
from .screens.main import MainScreen, switch_language
from .screens.palette import LanToaCommands, app_commands
from .sections.base import StoreData


class StoreLoaded(Message):
    def __init__(self, data: StoreData, sequence: int) -> None:
        super().__init__()
        self.data = data
        self.sequence = sequence


class StoreLoadFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class LanToaApp(App[None]):
    CSS_PATH = "lantoa.tcss"
    TITLE = "Lan Tỏa"
    COMMANDS = {LanToaCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    POLL_SECONDS = 1.5
    BINDINGS = [
        keys.bind("app.help", "help"),
        keys.bind("app.palette", "command_palette", show=False, priority=True),
        keys.bind("app.quit", "quit", priority=True),
        keys.bind("app.network", "section('network')"),
        keys.bind("app.messages", "section('messages')"),
        keys.bind("app.outreach", "section('outreach')"),
    ]

    def __init__(self, store: Store, *, config: dict[str, Any] | None = None,
                 demo: bool = False) -> None:
        super().__init__()
        keys.localize(self)
        self.store = store
        self.demo = demo
        self.config_error = None
        if config is None:
            try:
                config = load_config()
            except LantoaError as exc:
                config, self.config_error = {}, str(exc)
        self.config = config
        self.data: StoreData | None = None
        self.store_changed: Signal[StoreData] = Signal(self, "store-changed")
        self.undo_stack: list[tuple[str, Callable[[Any], Any]]] = []
        self.main_screen = MainScreen()
        self.ready_at: float | None = None
        self._sequence = 0
        self._applied = 0
        self._jobs: deque = deque()
        self._job_running = False
        self._started = time.perf_counter()

    # -- startup ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        theme = load_state().get("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        keymap, problems = keys.keymap_from_config(self.config)
        self.set_keymap(keymap)
        if keymap.get("app.palette"):
            self.COMMAND_PALETTE_BINDING = keymap["app.palette"].split(",")[0]
        for problem in [self.config_error, *problems]:
            if problem:
                self.notify(problem, title=_("config.toml"), severity="warning", markup=False)
        self.push_screen(self.main_screen)
        self.load_store()
        self.set_interval(self.POLL_SECONDS, self._poll)

    def _remember_theme(self, theme) -> None:
        try:
            save_state(theme=theme.name)
        except (LantoaError, OSError):
            pass  # remembering the theme is a nicety; never an error for the person

    # -- loading and watching ----------------------------------------------------------------

    def load_store(self) -> None:
        self._sequence += 1
        self._load(self._sequence)

    @work(thread=True, exclusive=True, group="load")
    def _load(self, sequence: int) -> None:
        started = time.perf_counter()
        try:
            snapshot = self.store.load()
            index = ContactIndex(snapshot)
            index.prepare()
        except LantoaError as exc:
            self.post_message(StoreLoadFailed(str(exc)))
            return
        except OSError as exc:
            self.post_message(StoreLoadFailed(_("Cannot read {path}: {why}.",
                                                path=self.store.path, why=exc.strerror or exc)))
            return
        if not get_current_worker().is_cancelled:
            data = StoreData(snapshot, index, time.perf_counter() - started)
            self.post_message(StoreLoaded(data, sequence))

    def on_store_loaded(self, message: StoreLoaded) -> None:
        if message.sequence < self._applied:
            return
        self._applied = message.sequence
        self.data = message.data
        self.show_status()
        self.store_changed.publish(message.data)
        if self.ready_at is None:
            self.ready_at = time.perf_counter() - self._started

    def on_store_load_failed(self, message: StoreLoadFailed) -> None:
        self.notify(message.error, title=_("The store cannot be read"), severity="error",
                    markup=False, timeout=30)
        for section in self.main_screen.sections():
            if hasattr(section, "store_failed"):
                section.store_failed(message.error)

    def _poll(self) -> None:
        if not self._job_running:
            self._check_signature()

    @work(thread=True, exclusive=True, group="poll")
    def _check_signature(self) -> None:
        seen = self.data.snapshot.signature if self.data else None
        if self.data is not None and self.store.signature() != seen:
            self.call_from_thread(self.load_store)

    def show_status(self) -> None:
        from .widgets.status_bar import StatusBar

        data = self.data
        self.main_screen.query_one(StatusBar).show_store(
            self.store.path, len(data.index) if data else None,
            len(data.snapshot.live("organisations")) if data else None, self.demo)

    # -- writing -----------------------------------------------------------------------------

    def run_store_job(self, job: Callable[[Store], Any], done: Callable[[Any], None] | None = None,
                      failed: Callable[[Exception], None] | None = None) -> None:
        """Run `job(store)` in a worker, one job at a time, in order; then reload the store."""
        self._jobs.append((job, done, failed))
        if not self._job_running:
            self._next_job()

    def _next_job(self) -> None:
        if not self._jobs:
            self._job_running = False
            return
        self._job_running = True
        job, done, failed = self._jobs.popleft()
        self.run_worker(lambda: self._run_job(job, done, failed), thread=True, group="write")

    def _run_job(self, job, done, failed) -> None:
        try:
            result = job(self.store)
        except Exception as exc:  # reported to the person, never swallowed
            self.call_from_thread(self._job_finished, failed, exc, True)
        else:
            self.call_from_thread(self._job_finished, done, result, False)

    def _job_finished(self, callback, value, is_error: bool) -> None:
        if is_error and not isinstance(value, LantoaError):
            self.log.error(repr(value))
        if is_error and callback is None:
            self.notify(str(value) if isinstance(value, LantoaError) else repr(value),
                        title=_("Not saved"), severity="error", markup=False, timeout=15)
        elif callback is not None:
            callback(value)
        self.load_store()
        self._next_job()

    def push_undo(self, label: str, undo: Callable[[Any], Any]) -> None:
        self.undo_stack.append((label, undo))

    def undo_last(self) -> None:
        if not self.undo_stack:
            self.notify(_("Nothing to undo."), markup=False)
            return
        label, undo = self.undo_stack.pop()

        def job(store: Store) -> None:
            with store.transaction() as tx:
                undo(tx)

        def failed(exc: Exception) -> None:
            self.undo_stack.append((label, undo))
            self.notify(_("Could not undo {what}: {why}", what=label, why=exc),
                        severity="error", markup=False)

        self.run_store_job(job, lambda _r: self.notify(_("Undone: {what}.", what=label),
                                                       markup=False), failed)

    # -- shell -------------------------------------------------------------------------------

    def palette_commands(self, screen) -> list:
        return app_commands(self, screen)

    async def switch_language(self, lang: str) -> None:
        await switch_language(self, lang)

    def open_store(self, path: Path) -> None:
        """Work on another store file from now on (nothing is copied or changed)."""
        self.store = Store(path)
        self.undo_stack.clear()
        self.data = None
        self.load_store()
        self.notify(_("Opened {path}.", path=self.store.path), markup=False)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen(self.screen))

    def action_section(self, section_id: str) -> None:
        if self.screen is self.main_screen:
            self.main_screen.show_section(section_id)


def create_app(store: Store, *, lang: str | None = None, config: dict[str, Any] | None = None,
               demo: bool = False) -> LanToaApp:
    """The one way to build the app: CLI, tests and snapshot tests all come through here."""
    if lang is not None:
        set_language(lang)
    return LanToaApp(store, config=config, demo=demo)


def run_app(store: Store, *, demo: bool = False, lang: str | None = None) -> None:
    create_app(store, lang=lang or get_language(), demo=demo).run()
