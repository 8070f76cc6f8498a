"""The status line under the sections: which store, how big, demo mode, and slots for others.

Other parts of the app put a short badge in a named slot (`set_slot("sync", ...)`): the sync
status and the open-conflicts badge live there without the shell knowing about sync.
"""

from __future__ import annotations

import os

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label

from store.i18n import _

from .text import plain


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


class StatusBar(Horizontal):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._slots: dict[str, Content] = {}

    def compose(self) -> ComposeResult:
        yield Label(id="status-demo", classes="status-demo")
        yield Label(id="status-store", classes="status-store")
        yield Label(id="status-slots", classes="status-slots")

    def show_store(self, path: object, contacts: int | None, orgs: int | None, demo: bool) -> None:
        demo_label = self.query_one("#status-demo", Label)
        demo_label.update(Content(_("DEMO: a throwaway copy") if demo else ""))
        demo_label.display = demo
        parts = [plain(short_path(path))]
        if contacts is not None:
            parts.append(_("{n} contacts", n=f"{contacts:,}".replace(",", ".")))
        if orgs is not None:
            parts.append(_("{n} organisations", n=f"{orgs:,}".replace(",", ".")))
        self.query_one("#status-store", Label).update(Content(" · ".join(parts)))

    def set_slot(self, name: str, content: Content | str | None) -> None:
        """Show `content` (plain text or Content) in slot `name`; None removes it."""
        if content is None or content == "":
            self._slots.pop(name, None)
        else:
            self._slots[name] = content if isinstance(content, Content) else Content(content)
        joined = Content("  ").join(self._slots[k] for k in sorted(self._slots))
        self.query_one("#status-slots", Label).update(joined)

    def slot(self, name: str) -> Content | None:
        return self._slots.get(name)
