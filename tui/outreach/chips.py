"""Small clickable one-line widgets of the outreach section: filter chips and the view switch.

A chip shows a filter's state in words and a box (☑/☐), so the active filters are visible at a
glance and clearable by a click or their key; the view switch shows which view is on.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from store.i18n import _


class Chip(Widget):
    """A one-line label that posts `Chip.Pressed` when clicked; `on` highlights it."""

    on: reactive[bool] = reactive(False)
    text: reactive[str] = reactive("")

    class Pressed(Message):
        def __init__(self, chip: Chip) -> None:
            super().__init__()
            self.chip = chip

    def __init__(self, text: str = "", *, toggle: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.toggle = toggle
        self.set_reactive(Chip.text, text)

    def render(self) -> Content:
        if not self.toggle:
            return Content(self.text)
        return Content(("☑ " if self.on else "☐ ") + self.text)

    def watch_on(self, value: bool) -> None:
        self.set_class(value, "-on")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Pressed(self))


class ViewSwitch(Widget):
    """ "Items │ Coverage": which view of the section is shown; a click switches."""

    current: reactive[str] = reactive("items")

    class Switched(Message):
        def __init__(self, view: str) -> None:
            super().__init__()
            self.view = view

    def labels(self) -> list[tuple[str, str]]:
        return [("items", _("Items")), ("coverage", _("Coverage"))]

    def render(self) -> Content:
        parts = []
        for key, label in self.labels():
            style = "bold reverse $primary" if key == self.current else "$text-muted"
            parts.append(Content.styled(f" {label} ", style))
        return Content(" ").join(parts)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        x = event.get_content_offset(self)
        if x is None:
            return
        position = 0
        for key, label in self.labels():
            position += len(label) + 3
            if x.x < position:
                self.post_message(self.Switched(key))
                return
