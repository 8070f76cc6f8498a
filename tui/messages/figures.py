"""The figures of a story card: one row per figure (value, unit, what it counts, period, compared
with, as of, source), folded to a one-line summary until opened, added and removed with buttons.
Same small interface as the other fields (fields.py): `field_name`, `form_value`,
`set_form_value`, `jump`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from store.i18n import N_, _
from store.messages import FIGURE_KEYS

from .fieldbase import CompactButton, QuietStyles, Unhooks
from .formvalues import blank_figure
from .keyorder import InOrderKeys

FIGURE_LABELS = {
    "value": N_("Value"),
    "unit": N_("Unit"),
    "label": N_("What it counts"),
    "period": N_("Period"),
    "baseline": N_("Compared with"),
    "as_of": N_("As of"),
    "source": N_("Source"),
}
FIGURE_HINTS = {
    "value": {"vi": "3.893.595", "en": "3,893,595"},
    "unit": {"vi": "tỷ đồng, %, người", "en": "billion VND, %, people"},
    "label": {"vi": "Doanh thu toàn ngành", "en": "Sector revenue"},
    "period": {"vi": "2022, Q3/2022", "en": "2022, Q3/2022"},
    "baseline": {"vi": "năm 2021", "en": "2021"},
    "as_of": {"vi": "2023-06-30", "en": "2023-06-30"},
    "source": {"vi": "Báo cáo tổng kết năm 2022 của Bộ …", "en": "Ministry year-end report 2022"},
}


class FigureInput(Unhooks, QuietStyles, Input, InOrderKeys):
    virtual_size = Reactive(Size(0, 0), layout=False)


class FigureSummary(Static, InOrderKeys, can_focus=True):
    """A figure folded to one line ("1. 3.893.595 tỷ đồng · Doanh thu · 2022 · Báo cáo…");
    Enter or a click opens its fields. Folded figures keep a long card short and quick."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,space", "toggle", show=False)]

    def action_toggle(self) -> None:
        row = next((a for a in self.ancestors if isinstance(a, FigureRow)), None)
        if row is not None:
            self.run_worker(row.toggle(), exclusive=True, group="figure")

    def on_click(self) -> None:
        self.action_toggle()


class FigureRow(Vertical):
    """One figure: its number, unit and what it counts, when, compared with what, and source."""

    def __init__(self, number: int, row: dict[str, Any], lang: str, *, open_: bool = False) -> None:
        super().__init__(classes="figure-row")
        self.number = number
        self.row = dict(row)
        self.lang = lang
        self.open_at_start = open_

    def compose(self) -> ComposeResult:
        with Horizontal(classes="figure-head"):
            yield FigureSummary(self.summary(), classes="figure-title")
            yield CompactButton(_("Remove"), "figure-remove")
        if self.open_at_start:
            yield self._grid()

    def _grid(self) -> Grid:
        cells: list[Widget] = []
        for key in ("value", "unit", "label", "period", "baseline", "as_of", "source"):
            cells.append(Label(Content(_(FIGURE_LABELS[key])), classes="figure-label"))
            cells.append(
                FigureInput(
                    str(self.row.get(key) or ""),
                    placeholder=FIGURE_HINTS[key].get(self.lang, ""),
                    compact=True,
                    classes=f"figure-input fig-{key} -textual-compact",
                )
            )
        return Grid(*cells, classes="figure-grid")

    @property
    def is_open(self) -> bool:
        return bool(self.query_children(Grid))

    def summary(self) -> Content:
        row = self.row
        head = " ".join(str(row.get(k) or "").strip() for k in ("value", "unit")).strip()
        parts = [
            p
            for p in (
                str(row.get("label") or "").strip(),
                str(row.get("period") or "").strip(),
                str(row.get("source") or "").strip(),
            )
            if p
        ]
        mark = "▾" if self.is_mounted and self.is_open else "▸"
        text = Content.assemble(f"{mark} ", (_("Figure {n}", n=self.number), "bold"))
        if head or parts:
            text = text + Content(": ") + Content.styled(head or "?", "bold")
        if parts:
            text = text + Content.styled(" · " + " · ".join(parts), "$text-muted")
        return text

    def _show_summary(self) -> None:
        self.query_one(FigureSummary).update(self.summary())

    async def toggle(self, focus: bool = True) -> None:
        if self.is_open:
            self.row = self.values
            await self.query_one(Grid).remove()
            self._show_summary()
            if focus:
                self.query_one(FigureSummary).focus()
        else:
            await self.mount(self._grid())
            self._show_summary()
            if focus:
                self.query_one(".fig-value", Input).focus()

    async def open_and_focus(self) -> None:
        if not self.is_open:
            await self.toggle()
        else:
            self.query_one(".fig-value", Input).focus()

    def renumber(self, number: int) -> None:
        self.number = number
        self._show_summary()

    @property
    def values(self) -> dict[str, Any]:
        out = dict(self.row)
        if self.is_open:
            for key in FIGURE_KEYS:
                out[key] = self.query_one(f".fig-{key}", Input).value
        return out

    def set_values(self, row: dict[str, Any]) -> None:
        self.row = dict(row)
        if self.is_open:
            for key in FIGURE_KEYS:
                self.query_one(f".fig-{key}", Input).value = str(row.get(key) or "")
        self._show_summary()


class FiguresField(Vertical):
    """The figures: a row per figure, added and removed with buttons."""

    can_focus = False

    class Changed(Message):
        def __init__(self, field: FiguresField) -> None:
            super().__init__()
            self.field = field

    def __init__(self, name: str, rows: list[dict[str, Any]], lang: str) -> None:
        super().__init__(id=f"f-{name}", classes="figures")
        self.field_name = name
        self.rows = rows
        self.lang = lang

    def compose(self) -> ComposeResult:
        for number, row in enumerate(self.rows, 1):
            yield FigureRow(number, row, self.lang)
        yield CompactButton(_("+ Add a figure"), "figure-add")

    @property
    def figure_rows(self) -> list[FigureRow]:
        return list(self.query_children(FigureRow))

    @property
    def form_value(self) -> list[dict[str, Any]]:
        return [row.values for row in self.figure_rows]

    def set_form_value(self, value: Any) -> None:
        rows = list(value or [])
        current = self.figure_rows
        for row_widget, row in zip(current, rows, strict=False):
            row_widget.set_values(row)
        for extra in current[len(rows) :]:
            extra.remove()
        add = self.query_one(".figure-add", Button)
        for number, row in enumerate(rows[len(current) :], len(current) + 1):
            self.mount(FigureRow(number, row, self.lang), before=add)
        self.post_message(self.Changed(self))

    def relanguage(self, lang: str) -> None:
        self.lang = lang

    async def reset(self, rows: list[dict[str, Any]], lang: str) -> None:
        """Show `rows` as a new figures editor would: every figure folded. (The rows there are
        reused: a row is its number, its figure and a summary line once folded.)"""
        self.rows = rows
        self.lang = lang
        current = self.figure_rows
        for number, (widget, row) in enumerate(zip(current, rows, strict=False), 1):
            if widget.is_open:
                await widget.query_one(Grid).remove()
            widget.number, widget.row, widget.lang = number, dict(row), lang
            widget._show_summary()
        if len(current) > len(rows):
            await self.remove_children(current[len(rows) :])
        elif len(rows) > len(current):
            add = self.query_one(".figure-add", Button)
            more = [
                FigureRow(n, r, lang) for n, r in enumerate(rows[len(current) :], len(current) + 1)
            ]
            await self.mount(*more, before=add)

    def add_figure(self) -> None:
        add = self.query_one(".figure-add", Button)
        row = FigureRow(len(self.figure_rows) + 1, blank_figure(), self.lang, open_=True)
        self.mount(row, before=add)
        self.call_after_refresh(lambda: row.query_one(".fig-value", Input).focus())
        self.post_message(self.Changed(self))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.has_class("figure-add"):
            self.add_figure()
            return
        row = next((a for a in event.button.ancestors if isinstance(a, FigureRow)), None)
        if row is None:
            return
        position = self.figure_rows.index(row)
        await row.remove()
        for number, left in enumerate(self.figure_rows, 1):
            left.renumber(number)
        remaining = self.figure_rows
        target = (
            remaining[min(position, len(remaining) - 1)].query_one(FigureSummary)
            if remaining
            else self.query_one(".figure-add", Button)
        )
        target.focus()
        self.post_message(self.Changed(self))

    def jump(
        self,
        start: int | None = None,
        end: int | None = None,
        index: int | None = None,
        checked: str | None = None,
    ) -> None:
        rows = self.figure_rows
        if index is not None and 0 <= index < len(rows):
            self.run_worker(rows[index].open_and_focus(), exclusive=True, group="figure")
        elif rows:
            rows[0].query_one(FigureSummary).focus()
        else:
            self.query_one(".figure-add", Button).focus()
