"""The status line under the sections: which store, how big, demo mode, and slots for others.

Other parts of the app put a short badge in a named slot (`set_slot("sync", ...)`): the sync
status and the open-conflicts badge live there without the shell knowing about sync.

The line is one row at any width: the store's path gives way first ("…/lantoa.json"), then the
count of organisations; the count of contacts and the slots stay (a label that wrapped lost its
second half below the row: "lantoa.json · 256" without "contacts").
"""

from __future__ import annotations

import os

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label

from store.i18n import _

from .text import fit, plain

_SEPARATOR = " · "


def short_path(path: object) -> str:
    """A path as people read it: the home folder written as ~."""
    text = str(path)
    home = os.path.expanduser("~")
    if home not in ("", "/") and text.startswith(home + os.sep):
        return "~" + text[len(home) :]
    return text


class Counter(Widget):
    """A one-line text that repaints without a layout pass (it changes on every keystroke)."""

    DEFAULT_CSS = "Counter { height: 1; }"
    text: reactive[str] = reactive("", layout=False)

    def render(self) -> Content:
        return Content(self.text)


def elide_path(path: str, width: int) -> str:
    """`path` within `width` cells, keeping whole folder names from the end: "…/data/lantoa.json"."""
    if cell_len(path) <= width:
        return path
    parts = path.split("/")
    kept = parts[-1]
    for part in reversed(parts[:-1]):
        longer = part + "/" + kept
        if cell_len("…/" + longer) > width:
            break
        kept = longer
    return "…/" + kept if cell_len("…/" + kept) <= width else fit(kept, width).rstrip()


def store_line(path: str, counts: list[str], width: int) -> str:
    """The store's path and counts within `width` cells (see the module docstring)."""
    counts = list(counts)
    while True:
        line = _SEPARATOR.join([path, *counts])
        if cell_len(line) <= width:
            return line
        room = width - cell_len(_SEPARATOR.join(["", *counts]))
        name = path.rsplit("/", 1)[-1]
        if room >= min(cell_len(name), 12) or len(counts) <= 1:
            break
        counts.pop()
    if room > 0:
        return _SEPARATOR.join([elide_path(path, room), *counts])
    return fit(_SEPARATOR.join(counts), width).rstrip()


class StoreLine(Widget):
    """Which store and how big, fitted to its width each time it is drawn."""

    DEFAULT_CSS = "StoreLine { height: 1; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.path = ""
        self.counts: list[str] = []

    def show(self, path: str, counts: list[str]) -> None:
        self.path, self.counts = path, counts
        self.refresh()

    def render(self) -> Content:
        return Content(store_line(self.path, self.counts, self.size.width))

    @property
    def text(self) -> str:
        """The whole line, unfitted (for tests and the palette)."""
        return _SEPARATOR.join([self.path, *self.counts])


class FittedLine(Widget):
    """One line showing the longest of its variants that fits its width, else the shortest cut
    with "…": the end of a line ("· u undoes") is worth more than the detail in its middle."""

    DEFAULT_CSS = "FittedLine { height: 1; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.variants: tuple[str, ...] = ()

    def show(self, *variants: str) -> None:
        self.variants = variants
        self.refresh()

    def render(self) -> Content:
        width = self.size.width
        for variant in self.variants:
            if cell_len(variant) <= width:
                return Content(variant)
        return Content(fit(self.variants[-1], width).rstrip() if self.variants else "")


class StatusBar(Horizontal):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._slots: dict[str, Content] = {}

    def compose(self) -> ComposeResult:
        yield Label(id="status-demo", classes="status-demo")
        yield StoreLine(id="status-store", classes="status-store")
        yield Label(id="status-slots", classes="status-slots")

    def show_store(self, path: object, contacts: int | None, orgs: int | None, demo: bool) -> None:
        demo_label = self.query_one("#status-demo", Label)
        demo_label.update(Content(_("DEMO: a throwaway copy") if demo else ""))
        demo_label.display = demo
        counts = []
        if contacts is not None:
            counts.append(_("{n} contacts", n=f"{contacts:,}".replace(",", ".")))
        if orgs is not None:
            counts.append(_("{n} organisations", n=f"{orgs:,}".replace(",", ".")))
        self.query_one(StoreLine).show(plain(short_path(path)), counts)

    def set_slot(self, name: str, content: Content | str | None) -> None:
        """Show `content` (plain text or Content) in slot `name`; None removes it."""
        if content is None or content == "":
            self._slots.pop(name, None)
        else:
            self._slots[name] = content if isinstance(content, Content) else Content(content)
        joined = Content("  ").join(self._slots[k] for k in sorted(self._slots))
        label = self.query_one("#status-slots", Label)
        label.update(joined)
        label.display = bool(self._slots)

    def slot(self, name: str) -> Content | None:
        return self._slots.get(name)
