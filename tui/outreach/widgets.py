"""Outreach pieces other sections embed: a message's recipients and their statuses.

For the Messages section (its owner mounts these; nothing here imports the messages code):
- `RecipientsTable(message_id)`: a scrollable table of everyone this message was planned for or
  sent to, with channel, status and follow-up date, and a one-line summary above it. It follows
  store changes by itself (subscribes to `app.store_changed`); `show(message_id)` switches to
  another message. Enter (the `outreach.open` key) opens the Outreach tab on this message.
- `recipients_summary(snapshot, message_id)`: the one line alone ("13 items: 9 planned, 3 done,
  1 published · 2 overdue"), e.g. for a list's side panel.
- `show_message_outreach(app, message_id)`: switch to the Outreach tab showing only this message.
- `open_send_dialog(app, message_id=...)` (in tui/outreach/send.py): "send to…" for a message.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from store import outreach as core
from store.i18n import _

from .. import keys
from ..widgets.text import plain
from . import clock
from .common import STATUS_MARKS, due_text, items_text, status_counts, who


def message_views(snapshot: Any, message_id: str | None) -> list[dict]:
    """The live items of a message as list views (open first, then by follow-up date)."""
    if not message_id:
        return []
    criteria = core.OutreachFilter(message_id=message_id)
    return core.list_items(snapshot, criteria, clock.today())


def recipients_summary(snapshot: Any, message_id: str | None) -> Content:
    """ "13 items: 9 planned, 3 done, 1 published · 2 overdue", or that nothing was sent yet."""
    views = message_views(snapshot, message_id)
    if not views:
        return Content.styled(_("Not sent to anyone yet."), "$text-muted")
    late = sum(1 for v in views if v.get("overdue"))
    line = Content(f"{items_text(len(views))}: {status_counts(views)}")
    if late:
        line += Content.styled("  · " + _("{n} overdue", n=late), "$text-error")
    return line


def recipients_renderable(views: list[dict]) -> Table:
    table = Table(box=None, padding=(0, 1), header_style="bold", expand=True)
    for title, ratio in (
        (_("Recipient"), 3),
        (_("Organisation"), 3),
        (_("Channel"), 1),
        (_("Status"), 2),
        (_("Follow-up"), 2),
    ):
        table.add_column(title, ratio=ratio, no_wrap=True, overflow="ellipsis")
    for view in views:
        status = view.get("status") or ""
        symbol, _style = STATUS_MARKS.get(status, ("?", ""))
        table.add_row(
            Text(who(view)),
            Text(plain(view.get("org_name")) if view.get("contact_name") else "", style="dim"),
            Text(core.channel_label(view.get("channel"))),
            Text(f"{symbol} {core.status_label(status)}"),
            Text(due_text(view), style="bold red" if view.get("overdue") else ""),
        )
    return table


def show_message_outreach(app: Any, message_id: str | None) -> None:
    """The Outreach tab, showing only this message's items (and its coverage)."""
    main = app.main_screen
    if app.screen is not main:
        return
    main.show_section("outreach", then=lambda section: section.show_message(message_id))


class RecipientsTable(VerticalScroll):
    """Who a message went to and where each stands; follows store changes."""

    DEFAULT_CSS = """
    RecipientsTable { height: auto; max-height: 16; }
    RecipientsTable > .recipients-summary { height: auto; margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [keys.bind("outreach.open", "open_outreach")]

    def __init__(self, message_id: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        keys.localize(self)
        self.message_id = message_id
        self.views: list[dict] = []
        self._summary = Static("", classes="recipients-summary")
        self._table = Static("", classes="recipients-table")

    def compose(self) -> ComposeResult:
        yield self._summary
        yield self._table

    def on_mount(self) -> None:
        signal = getattr(self.app, "store_changed", None)
        if signal is not None:
            signal.subscribe(self, lambda data: self.refresh_from(data.snapshot))
        data = getattr(self.app, "data", None)
        if data is not None:
            self.refresh_from(data.snapshot)

    def show(self, message_id: str | None) -> None:
        self.message_id = message_id
        data = getattr(self.app, "data", None)
        if data is not None:
            self.refresh_from(data.snapshot)

    def refresh_from(self, snapshot: Any) -> None:
        self.views = message_views(snapshot, self.message_id)
        self._summary.update(recipients_summary(snapshot, self.message_id))
        self._table.display = bool(self.views)
        if self.views:
            self._table.update(recipients_renderable(self.views))

    def action_open_outreach(self) -> None:
        show_message_outreach(self.app, self.message_id)

    def help_markdown(self) -> str:
        return _(
            "## Recipients\n\nEveryone this message was planned for or sent to, with the "
            "channel, where each stands and when to follow up (! is overdue). {key} opens "
            "the Outreach tab on this message.",
            key=keys.display_keys("outreach.open"),
        )
