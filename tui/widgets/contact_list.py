"""The contact list: a virtual list that draws only the rows on screen (Textual's Line API).

A DataTable rebuilt per keystroke cannot keep up with 10,000 contacts; this widget keeps a plain
Python list of index entries and renders the visible lines on demand, so replacing the rows after
a search costs nothing beyond the filtering itself. Cells are plain text segments: store text is
never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
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

from store.i18n import _
from store.model import ROLES
from store.network import ContactEntry

from .keyorder import ActsAsRead
from .text import fit, org_label, plain, province_name, role_label, role_short

#: Column shares of the width (name, title, organisation, province) and their minimums; the role
#: column is as wide as its longest label (a cut role reads as another one: "Communicat…").
_SHARES = (0.25, 0.22, 0.24, 0.14)
_MINIMUM = (12, 6, 8, 6)
_ROLE_MINIMUM = 6
#: The role column shows the full labels when they take at most this share of the width.
_ROLE_SHARE = 0.2
_MARK = 2


def column_widths(width: int, role: tuple[int, int] = (_ROLE_MINIMUM, _ROLE_MINIMUM)) -> list[int]:
    """Widths of the five columns for a list `width` cells wide (gaps of one cell).

    `role` is (longest short label, longest full label) in the UI language: the role column
    gets the full width when it fits its share, else the short one, and never less.
    """
    usable = max(width - _MARK - 4, sum(_MINIMUM) + _ROLE_MINIMUM)
    short, full = role
    wanted = full if full <= usable * _ROLE_SHARE else short
    role_width = max(_ROLE_MINIMUM, min(wanted, usable - sum(_MINIMUM)))
    rest = usable - role_width
    total = sum(_SHARES)
    widths = [max(m, int(rest * s / total)) for s, m in zip(_SHARES, _MINIMUM, strict=True)]
    widths[0] += rest - sum(widths)
    return [*widths, role_width]


@lru_cache(maxsize=32)
def _widths(width: int, role: tuple[int, int]) -> list[int]:
    return column_widths(width, role)


class ContactList(ActsAsRead, ScrollView, can_focus=True):
    """Contacts in the order given, with a cursor and a multi-selection (by contact id)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "contact-list--header",
        "contact-list--cursor",
        "contact-list--selected",
        "contact-list--muted",
    }
    DEFAULT_CSS = """
    ContactList { overflow-x: hidden; }
    ContactList > .contact-list--header { text-style: bold; color: $text-accent; }
    ContactList > .contact-list--cursor { background: $surface-lighten-2; }
    ContactList:focus > .contact-list--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    ContactList > .contact-list--selected { color: $text-success; text-style: bold; }
    ContactList > .contact-list--muted { color: $text-muted; }
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
        """The cursor moved to another contact (None when the list is empty)."""

        def __init__(self, contact_list: ContactList, entry: ContactEntry | None) -> None:
            super().__init__()
            self.contact_list = contact_list
            self.entry = entry

    class Chosen(Message):
        """Enter or a double click on a contact."""

        def __init__(self, contact_list: ContactList, entry: ContactEntry) -> None:
            super().__init__()
            self.contact_list = contact_list
            self.entry = entry

    class SelectionChanged(Message):
        def __init__(self, contact_list: ContactList) -> None:
            super().__init__()
            self.contact_list = contact_list

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: Sequence[ContactEntry] = []
        self.selected: set[str] = set()
        self.empty_text = ""
        self._positions: dict[str, int] | None = None
        self._last_highlight: str | None = "<none>"
        self._styles: dict[str, Style] | None = None
        self._overflowed: bool | None = None
        self._header: list[str] | None = None
        self._roles: tuple[dict[str, tuple[str, str]], tuple[int, int]] | None = None
        #: Bumped each time new rows are set (tests and the benchmark wait on it).
        self.version = 0

    # -- data --------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ContactEntry], keep_id: str | None = None) -> None:
        """Show `rows`; the cursor stays on `keep_id` if it is still there."""
        self.rows = rows
        self._positions = None
        self.version += 1
        self._set_virtual_height(len(rows) + 1)
        position = self.position_of(keep_id) if keep_id else None
        if position is None:
            position = 0 if keep_id is None else min(self.cursor, max(len(rows) - 1, 0))
        self.cursor = position
        self.refresh()

    def _set_virtual_height(self, height: int) -> None:
        """Resize the scroll range without a screen-wide layout pass when the scrollbar stays
        (a layout per keystroke was the largest cost of typing in a big list)."""
        size = Size(self.scrollable_content_region.width, height)
        overflows = height > self.scrollable_content_region.height
        if overflows == self._overflowed and self.is_mounted:
            self.set_reactive(ContactList.virtual_size, size)
            self._scroll_update(size)
            self.refresh()
        else:
            self._overflowed = overflows
            self.virtual_size = size

    def position_of(self, contact_id: str | None) -> int | None:
        if contact_id is None:
            return None
        if self._positions is None:
            self._positions = {e.id: i for i, e in enumerate(self.rows)}
        return self._positions.get(contact_id)

    @property
    def current(self) -> ContactEntry | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    def select_id(self, contact_id: str) -> None:
        position = self.position_of(contact_id)
        if position is not None:
            self.cursor = position

    def toggle_selected(self) -> None:
        entry = self.current
        if entry is None:
            return
        self.selected.symmetric_difference_update({entry.id})
        self.post_message(self.SelectionChanged(self))
        self.refresh()
        if self.cursor < len(self.rows) - 1:
            self.cursor += 1

    def set_selected(self, ids: set[str]) -> None:
        self.selected = set(ids)
        self.post_message(self.SelectionChanged(self))
        self.refresh()

    # -- cursor ----------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, value: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        entry = self.current
        key = entry.id if entry else None
        if key != self._last_highlight:
            self._last_highlight = key
            self.post_message(self.Highlighted(self, entry))

    def _scroll_to_cursor(self) -> None:
        visible = max(self.scrollable_content_region.height - 1, 1)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self._overflowed = None
        self._set_virtual_height(len(self.rows) + 1)
        self._scroll_to_cursor()

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(self.scrollable_content_region.height - 2, 1)

    def action_jump(self, position: int) -> None:
        self.cursor = position if position >= 0 else len(self.rows) - 1

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = round(self.scroll_y) + offset.y - 1
        if 0 <= row < len(self.rows):
            self.focus()
            self.cursor = row
            if event.chain >= 2:
                self.post_message(self.Chosen(self, self.rows[row]))

    # -- drawing ---------------------------------------------------------------------------

    def header_labels(self) -> list[str]:
        if self._header is None:
            self._header = [_("Full name"), _("Title"), _("Organisation"), _("Province"), _("Role")]
        return self._header

    def role_labels(self) -> tuple[dict[str, tuple[str, str]], tuple[int, int]]:
        """Role key -> (full, short) label in the UI language, and the widths the column needs
        for (short, full) labels (the header counts too)."""
        if self._roles is None:
            labels = {key: (role_label(key), role_short(key)) for key in ROLES}
            header = cell_len(self.header_labels()[4])
            short = max(header, *(cell_len(s) for _f, s in labels.values()))
            full = max(header, *(cell_len(f) for f, _s in labels.values()))
            self._roles = (labels, (short, full))
        return self._roles

    def _role_cell(self, role: str | None, width: int) -> str:
        labels = self.role_labels()[0]
        if role not in labels:
            return plain(role)
        full, short = labels[role]
        return full if cell_len(full) <= width else short

    def _line_styles(self) -> dict[str, Style]:
        """The row styles, computed once per theme/focus change (rich_style is costly per line)."""
        if self._styles is None:
            base = self.rich_style
            self._styles = {"base": base}
            for name in ("header", "cursor", "selected", "muted"):
                self._styles[name] = base + self.get_component_rich_style(f"contact-list--{name}")
            self._styles["selected-cursor"] = self._styles["selected"] + (
                self.get_component_rich_style("contact-list--cursor")
            )
        return self._styles

    def notify_style_update(self) -> None:
        self._styles = None
        super().notify_style_update()

    def on_focus(self, event: events.Focus) -> None:
        self._styles = None  # Widget._on_focus runs too (Textual dispatches along the MRO)

    def on_blur(self, event: events.Blur) -> None:
        self._styles = None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        styles = self._line_styles()
        if y == 0:
            style = styles["header"]
            return self._strip(" " * _MARK, self.header_labels(), width, style, style)
        index = round(self.scroll_y) + y - 1
        if index >= len(self.rows):
            if index == 0 and self.empty_text:
                return Strip([Segment(fit(" " + self.empty_text, width), styles["muted"])], width)
            return Strip.blank(width, styles["base"])
        entry = self.rows[index]
        record = entry.record
        selected = entry.id in self.selected
        if index == self.cursor:
            style = styles["selected-cursor" if selected else "cursor"]
        else:
            style = styles["selected" if selected else "base"]
        mark = (
            "✓ " if entry.id in self.selected else ("⊘ " if record.get("do_not_contact") else "  ")
        )
        cells = [
            plain(record.get("full_name")),
            plain(record.get("title")),
            org_label(entry.org),
            province_name(entry.province_code),
            self._role_cell(record.get("role"), self._column_widths(width)[4]),
        ]
        return self._strip(mark, cells, width, style, style)

    def _column_widths(self, width: int) -> list[int]:
        return _widths(width, self.role_labels()[1])

    def _strip(
        self, mark: str, cells: list[str], width: int, style: Style, mark_style: Style
    ) -> Strip:
        widths = self._column_widths(width)
        text = mark + " ".join(fit(c, w) for c, w in zip(cells, widths, strict=True))
        return Strip([Segment(fit(text, width), style)], width)
