"""What every section of the shell shares: the loaded store data and the hooks the shell calls.

The app loads the store in a worker and publishes a `StoreData` through `app.store_changed`
(a Textual Signal) whenever the file changes, by this app or anyone else. Sections subscribe and
refresh themselves, keeping their cursor, selection and any edit in progress.
"""

from __future__ import annotations

import asyncio
import threading
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from textual.actions import SkipAction
from textual.containers import Vertical
from textual.widget import Widget

from store.db import Snapshot
from store.network import ContactEntry, ContactIndex

from .. import keys


@dataclass
class StoreData:
    """One loaded version of the store, prepared for the views (built in a worker thread)."""

    snapshot: Snapshot
    index: ContactIndex
    load_seconds: float = 0.0
    #: Set by the loading worker once the index's search text is folded (see app._load).
    prepared: threading.Event = field(default_factory=threading.Event, repr=False)
    _by_id: dict[str, ContactEntry] | None = field(default=None, repr=False)

    def entry(self, contact_id: str | None) -> ContactEntry | None:
        """The index entry of a live contact, by id."""
        if self._by_id is None:
            self._by_id = {e.id: e for e in self.index.entries}
        return self._by_id.get(contact_id or "")

    @property
    def is_empty(self) -> bool:
        return not self.snapshot.live("contacts") and not self.snapshot.live("organisations")


class PaletteCommand(NamedTuple):
    """A command for the palette: title, help line, callback; `discover` shows it unprompted."""

    title: str
    help: str
    callback: Any
    discover: bool = True


class Section(Vertical):
    """A tab of the shell. Subclasses fill `compose` and override the hooks they need."""

    #: The tab id (also the section module's name).
    section_id = ""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        keys.localize(self)

    def on_mount(self) -> None:
        self.app.store_changed.subscribe(self, self.store_changed)
        data = getattr(self.app, "data", None)
        if data is not None:
            self.store_changed(data)

    def store_changed(self, data: StoreData) -> None:
        """A new version of the store was loaded (the first load, an own write, or outside)."""

    def focus_default(self) -> None:
        """Put the focus where a person starts typing in this section."""
        self.focus()

    async def leave_search(self, search: Widget) -> None:
        """↓, Escape or Enter in the search box, run as the app reads the key: the key is the
        focused widget's unless the box has (or is about to have) the cursor (SkipAction);
        else return once the list shows the search typed before it, so the keys typed behind
        it act on the rows shown."""
        if not self.from_search(search):
            raise SkipAction()
        await self.search_done(search)
        self.show_search_now()

    def show_search_now(self) -> None:
        """Show at once a search this section would show a moment later (a debounce)."""

    def from_search(self, search: Widget) -> bool:
        """The search box has the cursor, or is about to (`has_focus` is only True once the box
        has handled the keys read before its focus: "/" then words then Down in one burst)."""
        return self.screen.focused is search

    async def search_done(self, search: Widget) -> None:
        """Wait until the search box has typed the keys it holds and this section has shown
        their result: a key typed behind them (Down, then `d`) must act on the rows the search
        shows, not on the rows before it."""
        from ..widgets.keyorder import QUIT_WAIT, handled

        chain = [search, *(n for n in search.ancestors if self in n.ancestors_with_self)]

        async def done() -> None:
            # keys typed post Changed to the box itself, which climbs to here a queue at a
            # time: a second round carries it up
            for _round in range(2):
                for node in chain:
                    await handled(node)

        with suppress(TimeoutError):  # (a section busy elsewhere: act now rather than never)
            await asyncio.wait_for(done(), QUIT_WAIT)

    def focus_now(self, widget: Widget) -> None:
        """Move the cursor to `widget` before the next key is read, not after the keys already
        read (`Widget.focus` waits for them): a list's keys act as read (keyorder.ActsAsRead),
        and the text typed behind "/" belongs in the search box, not to the list's keys."""
        self.screen.set_focus(widget)

    def help_markdown(self) -> str:
        """F1 help for this section (Markdown, already translated)."""
        return ""

    def palette_commands(self) -> list[PaletteCommand]:
        """Commands this section offers in the palette right now (state-aware)."""
        return []

    def view_state(self) -> dict[str, Any]:
        """What to keep when the shell is rebuilt (language switch): search, cursor, selection."""
        return {}

    def restore_view_state(self, state: dict[str, Any]) -> None:
        """Put back what `view_state` returned."""
