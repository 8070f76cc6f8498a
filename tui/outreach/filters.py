"""The Outreach list's filters: the chips (overdue, due today, mine, one message, grouping,
clear), the search and status boxes they work with, and the count beside them. Mixed into
OutreachSection (which provides the list, the data, `select_value` and `apply`)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Input, Select

from store.i18n import N_, _

from .. import keys
from ..widgets.status_bar import Counter
from ..widgets.text import plain
from .chips import Chip

#: Filter chips: toggle name -> (label, binding id).
TOGGLES = {
    "overdue": (N_("Overdue"), "outreach.overdue"),
    "due_today": (N_("Due today"), "outreach.today"),
    "mine": (N_("Mine"), "outreach.mine"),
}

#: The search box's width (cells) worth keeping on a narrow screen: the hint's first items.
SEARCH_ROOM = 30


class OutreachFilters:
    """Which items the list shows, and the chips that say so."""

    def filtering(self) -> bool:
        return bool(
            any(self.toggles.values())
            or self.message_filter
            or self.search_input.value.strip()
            or self.select_value("status")
            or self.select_value("channel")
        )

    def show_count(self) -> None:
        """ "12 / 40 · 3 selected". On a narrow screen the count is only as wide as its text
        (the search box gets the rest), and when "3 selected" would leave the search fewer than
        SEARCH_ROOM cells it reads "✓3" (✓ marks the selected rows)."""
        shown, total = self._counts
        text = str(shown) if total is None else f"{shown} / {total}"
        selected = len(self.outreach_list.selected)
        narrow = self.screen.has_class("-narrow")
        counter = self.query_one("#out-count", Counter)
        if selected:
            full = text + " · " + _("{n} selected", n=selected)
            room = self.search_input.size.width + counter.size.width - cell_len(full)
            text = full if not narrow or room >= SEARCH_ROOM else f"{text} · ✓{selected}"
        resized = cell_len(counter.text) != cell_len(text)
        counter.text = text
        if narrow and resized:
            counter.refresh(layout=True)

    def show_chips(self) -> None:
        for name, (label, binding) in TOGGLES.items():
            chip = self.query_one(f"#chip-{name}", Chip)
            chip.text = f"{_(label)} ({keys.display_keys(binding)})"
            chip.on = self.toggles[name]
        message = self.query_one("#chip-message", Chip)
        message.display = bool(self.message_filter)
        if self.message_filter and self.data is not None:
            record = self.data.snapshot.by_id("messages").get(self.message_filter) or {}
            message.text = _("Message: {title} ✕", title=plain(record.get("title")))
            message.on = True
        group = self.query_one("#chip-group", Chip)
        group.text = _(
            "Grouped by {what} ({key})",
            what=_("message") if self.by == "message" else _("recipient"),
            key=keys.display_keys("outreach.group"),
        )
        clear = self.query_one("#chip-clear", Chip)
        clear.text = _("✕ clear filters ({key})", key=keys.display_keys("outreach.clear"))
        clear.display = self.filtering()

    def on_chip_pressed(self, event: Chip.Pressed) -> None:
        event.stop()
        name = (event.chip.id or "").removeprefix("chip-")
        if name in TOGGLES:
            self.action_toggle(name)
        elif name == "message":
            self.show_message(None)
        elif name == "group":
            self.action_group()
        elif name == "clear":
            self.action_clear()

    def action_toggle(self, name: str) -> None:
        self.toggles[name] = not self.toggles[name]
        self.apply()

    def action_group(self) -> None:
        self.by = "contact" if self.by == "message" else "message"
        self.apply()

    def action_clear(self) -> None:
        self.toggles = dict.fromkeys(TOGGLES, False)
        self.message_filter = None
        with self.search_input.prevent(Input.Changed):
            self.search_input.value = ""
        for name in ("status", "channel"):
            select = self.query_one(f"#out-{name}", Select)
            with select.prevent(Select.Changed):
                select.value = Select.NULL
        self.apply()
        self.focus_now(self.outreach_list)  # type: ignore[attr-defined]

    def show_message(self, message_id: str | None) -> None:
        """Only the items of this message (None: every message); the coverage follows."""
        self.message_filter = message_id
        self.apply()
        if message_id:
            self.coverage.set_message(message_id)

    def action_focus_search(self) -> None:
        self.focus_now(self.search_input)  # type: ignore[attr-defined]

    def action_focus_filters(self) -> None:
        self.focus_now(self.query_one("#out-status", Select))  # type: ignore[attr-defined]
