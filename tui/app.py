"""The Lan Tỏa app: a small shell that owns the store, the keys, the theme and the language.

Sections (tui/sections/) and screens (tui/screens/) do the rest; store IO lives in
sections/store_io.py and never runs on the UI thread (loads, change checks and writes are thread
workers that post back their results).
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, ClassVar

from textual.actions import SkipAction
from textual.app import App
from textual.binding import BindingType
from textual.signal import Signal

from store import Store
from store.config import load_config, load_state, save_state
from store.errors import LantoaError
from store.i18n import _, set_language

from . import keys
from .screens.main import MainScreen, switch_language
from .screens.palette import LanToaCommands, app_commands
from .sections.base import StoreData
from .sections.store_io import _PRELOAD, StoreIO, read_store
from .sync.actions import SyncActions
from .widgets.keyorder import KeysBeforeQuit, KeysWhileOpening


class LanToaApp(KeysWhileOpening, KeysBeforeQuit, SyncActions, StoreIO, App[None]):
    CSS_PATH = "lantoa.tcss"
    TITLE = "Lan Tỏa"
    COMMANDS: ClassVar[set] = {LanToaCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (110, "-wide")]
    POLL_SECONDS = 1.5
    BINDINGS: ClassVar[list[BindingType]] = [
        keys.bind("app.help", "help"),
        keys.bind("app.palette", "command_palette", show=False, priority=True),
        keys.bind("app.quit", "quit", priority=True),
        # run as the app reads them, whatever has the focus: the keys typed behind F3 are for the
        # tab shown (MainScreen holds them until it has the focus), not for the search box left
        keys.bind("app.network", "section('network')", priority=True),
        keys.bind("app.messages", "section('messages')", priority=True),
        keys.bind("app.outreach", "section('outreach')", priority=True),
        keys.bind("app.sync", "sync_now", show=False),
        keys.bind("app.conflicts", "sync_conflicts", show=False),
    ]

    def __init__(
        self, store: Store, *, config: dict[str, Any] | None = None, demo: bool = False
    ) -> None:
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
        # Start reading the store now, while Textual sets up the terminal; the first load
        # worker picks the result up.
        self._first_read: Future | None = _PRELOAD.submit(read_store, store)

    # -- startup ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        theme = load_state().get("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        keymap, problems = keys.keymap_from_config(self.config)
        self.set_keymap(keymap)
        keys.set_active_keymap(keymap)
        if keymap.get("app.palette"):
            self.COMMAND_PALETTE_BINDING = keymap["app.palette"].split(",")[0]
        for problem in [self.config_error, *problems]:
            if problem:
                self.notify(problem, title=_("config.toml"), severity="warning", markup=False)
        self.push_screen(self.main_screen)
        self.load_store()
        self.set_interval(self.POLL_SECONDS, self._poll)

    def _remember_theme(self, theme) -> None:
        # remembering the theme is a nicety; never an error for the person
        with contextlib.suppress(LantoaError, OSError):
            save_state(theme=theme.name)

    # -- status ----------------------------------------------------------------------------

    def _status_bar(self):
        """The status line; None while the main screen rebuilds itself (a language switch),
        which shows the status again once it is back."""
        from .widgets.status_bar import StatusBar

        found = self.main_screen.query(StatusBar)
        return found.first() if found else None

    def show_status(self) -> None:
        data = self.data
        bar = self._status_bar()
        if bar is None:
            return
        bar.show_store(
            self.store.path,
            len(data.index) if data else None,
            len(data.snapshot.live("organisations")) if data else None,
            self.demo,
        )
        self.show_sync_status()

    def set_status(self, slot: str, content: Any) -> None:
        """A short badge in the status line, by slot (e.g. "sync": last sync, open conflicts)."""
        bar = self._status_bar()
        if bar is not None:
            bar.set_slot(slot, content)

    # -- shell -------------------------------------------------------------------------------

    def palette_commands(self, screen) -> list:
        return app_commands(self, screen)

    async def switch_language(self, lang: str) -> None:
        await switch_language(self, lang)
        # remembered for the next start (--lang and config.toml still win); a nicety, never an
        # error for the person
        with contextlib.suppress(LantoaError, OSError):
            save_state(language=lang)

    def open_store(self, path: Path) -> None:
        """Work on another store file from now on (nothing is copied or changed)."""
        self.store = Store(path)
        self._first_read = None
        self.undo_stack.clear()
        self.data = None
        self.load_store()
        self.notify(_("Opened {path}.", path=self.store.path), markup=False)

    def action_command_palette(self) -> None:
        from .screens.palette import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette", placeholder=_("Search for commands…")))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen(self.screen))

    def action_section(self, section_id: str) -> None:
        if self.screen is not self.main_screen:
            raise SkipAction()  # a dialog's: the key is its focused widget's, as before
        self.main_screen.show_section(section_id)


def create_app(
    store: Store,
    *,
    lang: str | None = None,
    config: dict[str, Any] | None = None,
    demo: bool = False,
) -> LanToaApp:
    """The one way to build the app: CLI, tests and snapshot tests all come through here."""
    from store import recovery

    if lang is not None:
        set_language(lang)
    # the demo's unsaved text goes with its throwaway store, never to the person's data folder
    recovery.use_folder(Path(store.path).parent / recovery.FOLDER if demo else None)
    return LanToaApp(store, config=config, demo=demo)
