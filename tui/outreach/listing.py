"""The outreach list: items grouped under headings (by message or by recipient), drawn line by line.

Like the contact list it is a virtual list (Textual's Line API): a plan to 5,000 recipients shows
at once and a reload never rebuilds widgets. Headings are not cursor stops; the cursor moves over
items only, and a click on a heading selects (or unselects) its whole group. Cells are plain text
segments: store text is never parsed as markup.
"""

from __future__ import annotations

import textwrap
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store import outreach as core
from store.i18n import _

from ..widgets.keyorder import ActsAsRead
from ..widgets.text import fit, plain
from .common import STATUS_MARKS, due_text, items_text, message_title, status_counts, status_text
from .rows import MARK, NOTE_WIDTH, Row, build_rows, column_widths

__all__ = ["NOTE_WIDTH", "OutreachList", "Row", "build_rows", "column_widths"]


class OutreachList(ActsAsRead, ScrollView, can_focus=True):
    """Outreach items under their group headings, with a cursor and a multi-selection."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "outreach-list--header",
        "outreach-list--heading",
        "outreach-list--cursor",
        "outreach-list--selected",
        "outreach-list--muted",
        "outreach-list--overdue",
        *(f"outreach-list--{s}" for s in STATUS_MARKS),
    }
    DEFAULT_CSS = """
    OutreachList { overflow-x: hidden; }
    OutreachList > .outreach-list--header { text-style: bold; color: $text-accent; }
    OutreachList > .outreach-list--heading { text-style: bold; color: $text-primary; }
    OutreachList > .outreach-list--cursor { background: $surface-lighten-2; }
    OutreachList:focus > .outreach-list--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    OutreachList > .outreach-list--selected { color: $text-success; text-style: bold; }
    OutreachList > .outreach-list--muted { color: $text-muted; }
    OutreachList > .outreach-list--overdue { color: $text-error; text-style: bold; }
    OutreachList > .outreach-list--planned { color: $text-warning; }
    OutreachList > .outreach-list--sent { color: $text-primary; }
    OutreachList > .outreach-list--done { color: $text-success; }
    OutreachList > .outreach-list--replied { color: $text-accent; }
    OutreachList > .outreach-list--published { color: $text-success; text-style: bold; }
    OutreachList > .outreach-list--declined { color: $text-error; }
    OutreachList > .outreach-list--no_answer { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class Highlighted(Message):
        def __init__(self, view: dict | None) -> None:
            super().__init__()
            self.view = view

    class Chosen(Message):
        def __init__(self, view: dict) -> None:
            super().__init__()
            self.view = view

    class SelectionChanged(Message):
        pass

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[Row] = []
        self.by = "message"
        self.selected: set[str] = set()
        self.empty_text = ""
        self._positions: dict[str, int] = {}
        self._last: str | None = "<none>"
        self._styles: dict[str, Style] | None = None
        #: Bumped each time rows are set (tests wait on it).
        self.version = 0

    # -- data ------------------------------------------------------------------------------

    def set_groups(
        self, groups: list[tuple[str, list[dict]]], by: str, keep_id: str | None = None
    ) -> None:
        """Show `groups`; the cursor stays on `keep_id` if it is still listed, else near where
        it was."""
        old = self.cursor
        self.by = by
        self.rows = build_rows(groups, by)
        self._positions = {r.id: i for i, r in enumerate(self.rows) if r.id}
        self.version += 1
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + 1)
        position = self._positions.get(keep_id or "")
        if position is None:
            position = (
                self._item_near(min(old, len(self.rows) - 1), 1)
                if keep_id
                else (self._item_near(0, 1))
            )
        self.cursor = position if position is not None else 0
        self.refresh()

    @property
    def views(self) -> list[dict]:
        return [r.view for r in self.rows if r.view is not None]

    @property
    def current(self) -> dict | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].view
        return None

    def cursor_to_position(self, position: int) -> None:
        """The item at (or nearest after) row `position`."""
        target = self._item_near(min(position, len(self.rows) - 1), 1) if self.rows else None
        if target is not None:
            self.cursor = target

    def select_id(self, item_id: str) -> bool:
        position = self._positions.get(item_id)
        if position is not None:
            self.cursor = position
        return position is not None

    def chosen_ids(self) -> list[str]:
        """The selected items still listed (in list order), else the item under the cursor."""
        if self.selected:
            listed = [v["id"] for v in self.views if v["id"] in self.selected]
            if listed:
                return listed
        current = self.current
        return [current["id"]] if current else []

    def toggle_selected(self) -> None:
        view = self.current
        if view is None:
            return
        self.selected ^= {view["id"]}
        self.post_message(self.SelectionChanged())
        self.refresh()
        self.action_move(1)

    def set_selected(self, ids: set[str]) -> None:
        self.selected = set(ids)
        self.post_message(self.SelectionChanged())
        self.refresh()

    # -- cursor ----------------------------------------------------------------------------

    def _item_near(self, start: int, step: int) -> int | None:
        """The first item row from `start` in direction `step`, else the other way."""
        for direction in (step, -step):
            index = start
            while 0 <= index < len(self.rows):
                if self.rows[index].view is not None:
                    return index
                index += direction
        return None

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, value: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        view = self.current
        key = view["id"] if view else None
        if key != self._last:
            self._last = key
            self.post_message(self.Highlighted(view))

    def _scroll_to_cursor(self) -> None:
        visible = max(self.scrollable_content_region.height - 1, 1)
        top = round(self.scroll_y)
        # a group's heading shows with its first item
        want_top = (
            self.cursor - 1 if self.cursor and self.rows[self.cursor - 1].heading else (self.cursor)
        )
        if want_top < top:
            self.scroll_to(y=want_top, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + 1)
        self._scroll_to_cursor()

    def action_move(self, delta: int) -> None:
        step = 1 if delta > 0 else -1
        target = self._item_near(self.cursor + delta, step) if self.rows else None
        if target is not None and (target - self.cursor) * step > 0:
            self.cursor = target

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(self.scrollable_content_region.height - 2, 1))

    def action_jump(self, position: int) -> None:
        last = len(self.rows) - 1
        target = self._item_near(0, 1) if position >= 0 else self._item_near(last, -1)
        if target is not None:
            self.cursor = target

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        index = round(self.scroll_y) + offset.y - 1
        if not 0 <= index < len(self.rows):
            return
        self.focus()
        row = self.rows[index]
        if row.heading is not None:
            ids = {v["id"] for v in row.views}
            self.set_selected(self.selected - ids if ids <= self.selected else self.selected | ids)
            return
        self.cursor = index
        if event.chain >= 2 and row.view is not None:
            self.post_message(self.Chosen(row.view))

    # -- drawing ---------------------------------------------------------------------------

    def _line_styles(self) -> dict[str, Style]:
        if self._styles is None:
            base = self.rich_style
            styles = {"base": base}
            for name in self.COMPONENT_CLASSES:
                short = name.removeprefix("outreach-list--")
                styles[short] = base + self.get_component_rich_style(name)
            styles["selected-cursor"] = styles["selected"] + self.get_component_rich_style(
                "outreach-list--cursor"
            )
            self._styles = styles
        return self._styles

    def notify_style_update(self) -> None:
        self._styles = None
        super().notify_style_update()

    def on_focus(self, event: events.Focus) -> None:
        self._styles = None

    def on_blur(self, event: events.Blur) -> None:
        self._styles = None

    def header_labels(self) -> dict[str, str]:
        return {
            "who": _("Recipient"),
            "org": _("Organisation"),
            "what": _("Message"),
            "channel": _("Channel"),
            "status": _("Status"),
            "due": _("Follow-up"),
            "note": _("Note"),
        }

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        styles = self._line_styles()
        columns = column_widths(width, self.by)
        if y == 0:
            labels = self.header_labels()
            text = " " * MARK + " ".join(fit(labels[name], w) for name, w in columns)
            return Strip([Segment(fit(text, width), styles["header"])], width)
        index = round(self.scroll_y) + y - 1
        if index >= len(self.rows):
            lines = self._empty_lines(width) if not self.rows else []
            if index < len(lines):
                return Strip([Segment(fit(" " + lines[index], width), styles["muted"])], width)
            return Strip.blank(width, styles["base"])
        row = self.rows[index]
        if row.view is None:
            return self._heading(row, width, styles)
        return self._item(index, row.view, columns, width, styles)

    def _empty_lines(self, width: int) -> list[str]:
        """The empty text wrapped to the width (paragraphs kept)."""
        lines: list[str] = []
        for paragraph in self.empty_text.split("\n"):
            lines += textwrap.wrap(paragraph, max(width - 2, 10)) or [""]
        return lines

    def _heading(self, row: Row, width: int, styles: dict[str, Style]) -> Strip:
        ids = {v["id"] for v in row.views}
        mark = "✓ " if ids and ids <= self.selected else "▾ "
        summary = f"  {items_text(len(row.views))}: {status_counts(row.views)}"
        title = plain(row.heading)
        room = max(width - MARK - len(summary), 8)
        if cell_len(title) > room:
            title = fit(title, room)
        segments = [Segment(mark + title, styles["heading"]), Segment(summary, styles["muted"])]
        return Strip(segments).adjust_cell_length(width, styles["base"])

    def _item(
        self,
        index: int,
        view: dict,
        columns: list[tuple[str, int]],
        width: int,
        styles: dict[str, Style],
    ) -> Strip:
        selected = view["id"] in self.selected
        if index == self.cursor:
            base = styles["selected-cursor" if selected else "cursor"]
            cursor = True
        else:
            base = styles["selected" if selected else "base"]
            cursor = False
        status = view.get("status") or ""
        values = {
            "who": plain(view.get("contact_name") or view.get("org_name")),
            "org": plain(view.get("org_short") or view.get("org_name"))
            if view.get("contact_name")
            else "",
            "what": message_title(view),
            "channel": core.channel_label(view.get("channel")),
            "status": status_text(status),
            "due": due_text(view),
            "note": plain((view.get("note") or "").replace("\n", " ")),
        }
        segments = [Segment("✓ " if selected else "  ", base)]
        for i, (name, w) in enumerate(columns):
            style = base
            if not cursor and not selected:
                if name == "status":
                    style = styles.get(status, base)
                elif name == "due" and view.get("overdue"):
                    style = styles["overdue"]
                elif name in ("org", "note"):
                    style = styles["muted"]
            segments.append(Segment(fit(values[name], w), style))
            if i < len(columns) - 1:
                segments.append(Segment(" ", base))
        return Strip(segments).adjust_cell_length(width, base)
