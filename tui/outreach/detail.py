"""One outreach item in full: who, what, where it stands, and its whole history (never rewritten).

Shown beside the list on wide screens and as a dialog (Enter) on narrow ones. Every cell is Text
built from plain strings, so store text is never markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from store import outreach as core
from store.i18n import _

from .. import keys
from ..widgets.footer import Footer
from ..widgets.keyorder import HoldsKeysUntilShown
from ..widgets.text import plain
from . import clock
from .common import STATUS_MARKS, css, message_title, who


def _status(status: str | None) -> Text:
    symbol, _style = STATUS_MARKS.get(status or "", ("?", ""))
    return Text(f"{symbol} {core.status_label(status)}")


def item_renderable(view: dict):
    """Fields then history (newest last, as it happened)."""
    fields = Table.grid(padding=(0, 1))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column(overflow="fold")

    def row(label: str, value: object, style: str = "") -> None:
        text = plain(value)
        if text:
            fields.add_row(Text(label), Text(text, style=style))

    row(_("Message"), message_title(view))
    row(_("Recipient"), who(view))
    if view.get("contact_name"):
        row(_("Organisation"), view.get("org_name"))
    row(_("Province"), view.get("province"))
    row(_("Channel"), core.channel_label(view.get("channel")))
    fields.add_row(Text(_("Status")), _status(view.get("status")))
    due = plain(view.get("due"))
    if due:
        fields.add_row(
            Text(_("Follow-up")),
            Text(
                due + ("  " + _("overdue") if view.get("overdue") else ""),
                style="bold red" if view.get("overdue") else "",
            ),
        )
    row(_("Owner"), view.get("owner"))
    row(_("Note"), view.get("note"))
    row(_("Link"), view.get("link"))
    row("id", (view.get("id") or "")[:8])
    history = Table.grid(padding=(0, 1))
    history.add_column(no_wrap=True, style="dim")
    history.add_column(overflow="fold")
    for entry in view.get("history") or []:
        change = core.action_label(entry.get("action"))
        if entry.get("from") != entry.get("to") and entry.get("to"):
            change = (f"{core.status_label(entry.get('from'))} → " if entry.get("from") else "") + (
                core.status_label(entry.get("to"))
            )
        line = Text(plain(change), style="bold")
        if entry.get("by"):
            line.append("  " + plain(entry["by"]), style="dim")
        for extra in (entry.get("note"), entry.get("link")):
            if extra:
                line.append("\n" + plain(extra))
        for name, (old, new) in (entry.get("changes") or {}).items():
            label = {"due": _("Follow-up"), "channel": _("Channel")}.get(name, name)
            if name == "channel":
                old, new = core.channel_label(old), core.channel_label(new)
            line.append("\n" + f"{label}: {plain(old) or '–'} → {plain(new) or '–'}")
        history.add_row(Text(clock.when(entry.get("at"))), line)
    parts = [Text(who(view), style="bold"), fields, Text(""), Text(_("History"), style="bold")]
    parts.append(history if view.get("history") else Text(_("No history."), style="dim"))
    return Group(*parts)


class ItemDetail(VerticalScroll):
    """The panel beside the list (hidden on narrow screens)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.view: dict | None = None
        self._body = Static(id="out-detail-body")

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, view: dict | None, empty: str = "") -> None:
        self.view = view
        if view is None:
            self._body.update(Text(empty or _("No item selected."), style="dim"))
        else:
            self._body.update(item_renderable(view))

    def help_markdown(self) -> str:
        return _(
            "## Outreach item\n\nWho it reaches, where it stands and its whole history: "
            "every status change with its note, link and who made it. The history is "
            "never rewritten, so an undo adds an entry too."
        )


class ItemScreen(HoldsKeysUntilShown, ModalScreen[None]):
    """The item in full on narrow screens (Enter in the list)."""

    SCOPED_CSS = False
    DEFAULT_CSS = css()
    BINDINGS: ClassVar[list[BindingType]] = [
        keys.bind("form.cancel", "close"),
        keys.bind("app.help", "app.help"),
    ]

    def __init__(self, view: dict) -> None:
        super().__init__(classes="dialog-screen")
        keys.localize(self)
        self.view = view

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog out-dialog"):
            yield Label(Content(_("Outreach item")), classes="dialog-title")
            with VerticalScroll(id="out-item-body"):
                yield Static(item_renderable(self.view))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#out-item-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
