"""What the card's field widgets share so that a card opens fast and leaves nothing behind.

- Styling once. Textual restyles a widget whenever one of its classes changes, mounted or not, and
  the `compact` reactive of Input, TextArea, Select, Checkbox and Button toggles a class from their
  constructors (off, its default, then on): each field was styled twice before it was mounted and
  once more when mounted. For a TextArea that is about 10 ms (each of its component classes is
  matched against the whole stylesheet): with twenty of them, a large share of opening a card.
- No leak. A TextArea watches the app's theme (`self.watch(self.app, "theme", …)`), and Textual
  drops such watchers only when the theme changes (Textualize/textual#6666); TextArea and Input
  subscribe to the screen's "text selection started" signal with a callback that holds them, which
  is dropped only when a mouse selection starts. So every field of every card ever opened stayed
  alive with its caches (about 50,000 objects a card) and each full garbage collection, which
  runs while a card opens, took longer through the day. Textual's cache of `query_one` lookups
  held on too: it is kept per node, keyed by that node's own count of child changes, so a lookup
  of a grandchild stays cached (up to 1024 a node) after the grandchild is removed (a folded
  figure's inputs, by the figure row kept for the next card).
"""

from __future__ import annotations

from contextlib import suppress

from textual.dom import NoScreen
from textual.widget import Widget
from textual.widgets import Button

from ..widgets.unhook import forget_lookups, forget_watchers
from .keyorder import InOrderKeys


class QuietStyles:
    """Mixin (before the widget class): no style updates while not in the DOM; mounting styles
    the widget with the classes it has then."""

    def update_node_styles(self, animate: bool = True) -> None:
        if getattr(self, "_parent", None) is None:
            return
        super().update_node_styles(animate=animate)  # type: ignore[misc]


class Repaints:
    """Mixin for TextAreas: repainted when resized. Textual wraps a TextArea's text again for
    its new width on Resize, but repaints it only when that changes its height in lines: the
    lines painted at the old width stayed, cut at the new right edge (80 to 120 columns makes
    the form narrower: the checklist comes beside it)."""

    def on_resize(self) -> None:
        self.refresh()  # type: ignore[attr-defined]  # painted after the wrap (same dispatch)


class Unhooks:
    """Mixin for TextAreas and Inputs: on unmount, drop what holds them in the app and screen."""

    def on_unmount(self) -> None:
        unhook(self)  # type: ignore[arg-type]


def unhook(widget: Widget) -> None:
    """Drop the app's theme watcher and the screen's signal subscription of `widget`, and the
    lookups of its ancestors (it is unmounted before it leaves them)."""
    forget_watchers(widget, widget.app)
    with suppress(NoScreen):  # no screen any more: nothing of it to drop
        widget.screen.text_selection_started_signal.unsubscribe(widget)
    forget_lookups(widget.ancestors)


class CompactButton(QuietStyles, Button, InOrderKeys):
    """A compact button (the figures' "Remove" and "+ Add a figure")."""

    def __init__(self, label: str, classes: str) -> None:
        super().__init__(label, classes=f"{classes} -textual-compact", compact=True)
