"""Coverage: how many ministry units, provincial departments (of 63, by region) and press agencies
a message (or all outreach) reached, how many replied and published; and the province grid.

One table with a stacked bar per row (beside the table on wide screens, below it on narrow ones),
then the 63 departments by region, each a symbol and a colour (so the grid reads without colour
too), then the departments not reached yet by name. Everything is drawn as plain text cells from
`store.outreach.coverage_report`; only the chosen message and the width change the picture.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Select, Static

from store import outreach as core
from store.i18n import N_, _, get_language

from ..widgets.text import fit, plain
from .common import CELL_MARKS, items_text

#: Bar glyphs, best level first: published, replied, reached, planned, nothing yet.
BAR = (
    ("█", "$text-success"),
    ("▓", "$text-accent"),
    ("▒", "$text-primary"),
    ("░", "$text-warning"),
    ("·", "$text-muted"),
)
BAR_LABELS = (N_("published"), N_("replied"), N_("reached"), N_("planned"), N_("not reached"))
COLUMNS = (
    N_("Total"),
    N_("Planned"),
    N_("Reached"),
    N_("Replied"),
    N_("Published"),
    N_("Reached %"),
)
#: Wide enough for the bars to sit beside the table.
SIDE_BY_SIDE = 110
CELL_WIDTH = 15


def region_name(vi: str, en: str) -> str:
    return en if get_language() == "en" else vi


def report_rows(cov: core.Coverage) -> list[tuple[str, core.Tally, bool]]:
    """(label, tally, is_region) in table order: groups, the departments' regions indented."""
    rows: list[tuple[str, core.Tally, bool]] = []
    for kind, tally in cov.groups.items():
        rows.append((_(core.GROUPS[kind]), tally, False))
        if kind == "provincial_department":
            rows += [(region_name(vi, en), t, True) for vi, en, t in cov.regions]
    return rows


def _numbers(tally: core.Tally) -> list[str]:
    pct = f"{tally.reached_pct:.0f}%"
    return [
        str(tally.total),
        str(tally.planned),
        str(tally.reached),
        str(tally.replied),
        str(tally.published),
        pct,
    ]


def table_lines(cov: core.Coverage, name_width: int) -> list[Content]:
    headers = [_(c) for c in COLUMNS]
    widths = [max(cell_len(h), 4) for h in headers]
    head = fit("", name_width) + "".join(
        " " + h.rjust(w) for h, w in zip(headers, widths, strict=True)
    )
    lines = [Content.styled(head, "bold $text-accent")]
    for label, tally, is_region in report_rows(cov):
        name = fit(("  " + label) if is_region else label, name_width)
        cells = "".join(" " + v.rjust(w) for v, w in zip(_numbers(tally), widths, strict=True))
        style = "" if is_region else "bold"
        lines.append(Content.styled(name, style) + Content(cells))
    return lines


def table_width(name_width: int) -> int:
    return name_width + sum(1 + max(cell_len(_(c)), 4) for c in COLUMNS)


def bar(tally: core.Tally, width: int) -> Content:
    """A stacked bar `width` cells wide: published, replied, reached, planned, the rest."""
    if width <= 0:
        return Content("")
    levels = [tally.published, tally.replied, tally.reached, tally.planned, tally.total]
    ends = [round(width * n / tally.total) if tally.total else 0 for n in levels]
    ends[-1] = width
    parts = []
    start = 0
    for (glyph, style), end in zip(BAR, ends, strict=True):
        end = max(end, start)
        if end > start:
            parts.append((glyph * (end - start), style))
        start = end
    return Content.assemble(*parts)


def bar_lines(cov: core.Coverage, width: int, labels: bool) -> list[Content]:
    """One bar per table row (with its label and count when `labels`)."""
    rows = report_rows(cov)
    lines = [Content.styled(_("How far each group got"), "bold $text-accent")]
    label_width = min(24, max(10, width // 3)) if labels else 0
    for label, tally, is_region in rows:
        count = f" {tally.reached}/{tally.total}"
        room = width - label_width - len(count) - (1 if labels else 0)
        head = (
            Content(fit(("  " + label) if is_region else label, label_width) + " ")
            if (labels)
            else Content("")
        )
        lines.append(head + bar(tally, room) + Content.styled(count, "$text-muted"))
    return lines


def bar_legend() -> Content:
    parts: list[Any] = []
    for (glyph, style), label in zip(BAR, BAR_LABELS, strict=True):
        parts += [(glyph, style), f" {_(label)}  "]
    return Content.assemble(*parts)


def grid_legend() -> Content:
    parts: list[Any] = []
    for state, (symbol, style) in CELL_MARKS.items():
        parts += [(symbol, style), f" {_(core.CELL_LABELS[state])}  "]
    return Content.assemble(*parts)


def grid_lines(cov: core.Coverage, width: int) -> list[Content]:
    """The 63 departments by region: a heading per region, then cells in rows."""
    columns = max(1, width // CELL_WIDTH)
    lines: list[Content] = [
        Content.styled(_("Provincial departments by region"), "bold $text-accent"),
        grid_legend(),
    ]
    for (vi, en, cells), (_vi, _en, tally) in zip(cov.grid, cov.regions, strict=True):
        lines.append(
            Content.assemble(
                (region_name(vi, en), "bold"),
                (
                    f"  {_('{reached} of {total} reached', reached=tally.reached, total=tally.total)}",
                    "$text-muted",
                ),
            )
        )
        for start in range(0, len(cells), columns):
            row: list[Content] = []
            for cell in cells[start : start + columns]:
                symbol, style = CELL_MARKS[cell.state]
                name_style = style if cell.state == "not_reached" else ""
                row.append(
                    Content.assemble(
                        (symbol, style), " ", (fit(cell.name, CELL_WIDTH - 3), name_style), " "
                    )
                )
            lines.append(Content("").join(row))
    return lines


def missing_line(cov: core.Coverage) -> Content:
    missing = cov.not_reached()
    if not missing:
        return Content.styled(_("Every provincial department has been reached."), "$text-success")
    return Content.assemble(
        (_("Not reached yet ({n}):", n=len(missing)), "bold $text-error"),
        " " + ", ".join(c.name for c in missing),
    )


class CoverageView(Vertical):
    """The coverage of the chosen message (or all outreach), redrawn on store changes."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.snapshot: Any = None
        self.report: core.Coverage | None = None
        self._options_key: tuple = ()
        self._wanted: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="cov-head"):
            yield Label(_("Coverage of"), id="cov-label")
            yield Select([], prompt=_("all outreach"), compact=True, id="cov-message")
        with VerticalScroll(id="cov-body"):
            yield Static("", id="cov-summary")
            yield Static("", id="cov-report")
            yield Static("", id="cov-legend")
            yield Static("", id="cov-grid")
            yield Static("", id="cov-missing")

    @property
    def message_id(self) -> str | None:
        """The message shown (None: all outreach)."""
        return self._wanted

    def set_message(self, message_id: str | None) -> None:
        """Show this message's coverage (None: all); kept until the message list is known."""
        self._wanted = message_id
        select = self.query_one("#cov-message", Select)
        if message_id is None or message_id in {v for _label, v in self._options_key}:
            with select.prevent(Select.Changed):
                select.value = message_id if message_id else Select.NULL
        self.refresh_report()

    def show(self, snapshot: Any) -> None:
        self.snapshot = snapshot
        self._set_options(snapshot)
        self.refresh_report()

    def _set_options(self, snapshot: Any) -> None:
        """Messages with outreach first (most items first), then the others by title."""
        counts: dict[str, int] = {}
        for item in snapshot.live(core.OUTREACH):
            if item.get("message_id"):
                counts[item["message_id"]] = counts.get(item["message_id"], 0) + 1
        messages = sorted(
            snapshot.live("messages"),
            key=lambda m: (-counts.get(m["id"], 0), str(m.get("title") or "")),
        )
        options = [
            (
                Content(
                    str(m.get("title") or m.get("headline") or m["id"][:8])
                    + (f"  ({counts[m['id']]})" if counts.get(m["id"]) else "")
                ),
                m["id"],
            )
            for m in messages
        ]
        key = tuple((str(label), value) for label, value in options)
        if key == self._options_key:
            return
        self._options_key = key
        select = self.query_one("#cov-message", Select)
        with select.prevent(Select.Changed):
            select.set_options(options)
            ids = {v for _label, v in options}
            if self._wanted not in ids:  # its message was deleted: show all outreach
                self._wanted = None
            select.value = self._wanted or Select.NULL

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "cov-message":
            event.stop()
            value = event.select.value
            self._wanted = None if value is Select.NULL else str(value)
            self.refresh_report()

    def on_resize(self) -> None:
        self.draw()

    def refresh_report(self) -> None:
        if self.snapshot is None:
            return
        self.report = core.coverage_report(self.snapshot, self.message_id)
        statuses = [
            f"{n} {core.status_label(s).lower()}" for s, n in self.report.statuses.items() if n
        ]
        title = plain((self.report.message or {}).get("title")) or _("All outreach")
        self.query_one("#cov-summary", Static).update(
            Content.assemble(
                (title, "bold"),
                "  ",
                (
                    items_text(self.report.items)
                    + (": " + ", ".join(statuses) if statuses else ""),
                    "$text-muted",
                ),
            )
        )
        self.draw()

    def draw(self) -> None:
        cov = self.report
        if cov is None:
            return
        width = max(self.query_one("#cov-body").scrollable_content_region.width, 40)
        if width >= SIDE_BY_SIDE:
            name_width = 28
            table = table_lines(cov, name_width)
            bars = bar_lines(cov, width - table_width(name_width) - 3, labels=False)
            report = Content("\n").join(
                t + Content("   ") + b for t, b in zip(table, bars, strict=True)
            )
        else:
            name_width = max(14, min(28, width - table_width(0) - 1))
            report = Content("\n").join(
                [*table_lines(cov, name_width), Content(""), *bar_lines(cov, width, labels=True)]
            )
        self.query_one("#cov-report", Static).update(report)
        self.query_one("#cov-legend", Static).update(bar_legend())
        self.query_one("#cov-grid", Static).update(Content("\n").join(grid_lines(cov, width)))
        self.query_one("#cov-missing", Static).update(missing_line(cov))

    def focus_default(self) -> None:
        self.query_one("#cov-body").focus()

    def help_markdown(self) -> str:
        return _(
            "## Coverage\n\nFor the chosen message (or all outreach): how many ministry units, "
            "provincial departments (all 63, by region) and press agencies were planned, "
            "reached (sent, done, no answer), replied (replied, declined) and published. An "
            "organisation counts when it or any of its people was reached. The bars stack "
            "published █, replied ▓, reached ▒ and planned ░.\n\nThe grid shows each "
            "province's department: ○ not reached (red), ◔ planned, ◑ sent, ◕ replied, "
            "● published; the ones not reached yet are listed by name below it."
        )
