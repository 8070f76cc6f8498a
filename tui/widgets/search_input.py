"""The search box: an Input that does not re-layout the whole screen on every keystroke."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class SearchInput(Input):
    """Textual's Input resizes its virtual (scrollable) width as the text grows, and that
    reactive asks for a layout of the whole screen: a repaint of every widget per keystroke,
    the largest cost of search-as-you-type. The box has a fixed size, so the virtual width
    needs no layout; scrolling within the box still follows the cursor."""

    virtual_size = Reactive(Size(0, 0), layout=False)
