"""The search box: an Input that does not re-layout the whole screen on every keystroke, and
whose hint (the list of what it searches) fits the box at any terminal width."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

from .keyorder import InOrderKeys
from .text import fit


def fit_choices(text: str, width: int) -> str:
    """A comma-separated hint within `width` cells: whole items from the start, then ", …".

    "name, organisation, province, …" says there is more; a hint cut mid-word ("email, phon")
    reads as a typo.
    """
    if cell_len(text) <= width:
        return text
    items = text.split(", ")
    while len(items) > 1:
        items.pop()
        shorter = ", ".join(items) + ", …"
        if cell_len(shorter) <= width:
            return shorter
    return fit(text, width).rstrip()


class SearchInput(Input, InOrderKeys):
    """Textual's Input resizes its virtual (scrollable) width as the text grows, and that
    reactive asks for a layout of the whole screen: a repaint of every widget per keystroke,
    the largest cost of search-as-you-type. The box has a fixed size, so the virtual width
    needs no layout; scrolling within the box still follows the cursor.

    Its keys act in the order typed (keyorder.py): Backspaces typed before new words erase
    the old words, not the new ones."""

    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.hint = self.placeholder

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width > 0:
            self.placeholder = fit_choices(self.hint, width)
