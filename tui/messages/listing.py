"""The list of messages: kind, status, readiness score, the one-line summary and when it changed.

Reports are computed once per version of a message (cached on its id and `updated_at`), so a
store reload or a search keystroke re-checks only what changed. Cells are rich Text built from
strings: a title like `[red]x[/]` shows literally.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from store.checks import check_message
from store.checks.base import Report
from store.errors import ValidationError
from store.i18n import N_, _, get_language
from store.messages import KINDS, STATUSES, TABLE, choice
from store.validate import InvalidValue
from store.vietnamese import Matcher, fold

from ..widgets.keyorder import ActsAsRead
from ..widgets.text import fit, plain
from . import clock

#: Kinds as a list column shows them (the full names are for forms and help).
KIND_SHORT = {"policy": N_("Policy"), "achievement": N_("Achievement"), "crisis": N_("Crisis")}
STATUS_STYLE = {"ready": "bold green", "draft": "", "archived": "dim"}


def kind_short(kind: str | None) -> str:
    return _(KIND_SHORT[kind]) if kind in KIND_SHORT else plain(kind)


def status_label(status: str | None) -> str:
    return _(STATUSES.get(status or "draft", STATUSES["draft"]))


def score_style(report: Report) -> str:
    if report.errors:
        return "bold red"
    return "bold green" if report.score >= 80 else "yellow"


def updated_text(record: Mapping[str, Any]) -> str:
    """When it last changed: the time today, else the date as the UI language writes it."""
    moment = clock.local(record.get("updated_at"))
    if moment is None:
        return ""
    if moment.date() == clock.today():
        return moment.strftime("%H:%M")
    return moment.strftime("%d/%m/%Y") if get_language() == "vi" else moment.strftime("%Y-%m-%d")


class ReportCache:
    """Check reports per message version; dropped when the day changes (figure ages move)."""

    def __init__(self) -> None:
        self._day: date | None = None
        self._reports: dict[tuple[str, str, str], Report] = {}

    def get(self, record: Mapping[str, Any]) -> Report:
        today = clock.today()
        if today != self._day:
            self._day = today
            self._reports.clear()
        key = (record["id"], str(record.get("updated_at")), str(record.get("_clock")))
        report = self._reports.get(key)
        if report is None:
            report = check_message(record, today=today, now=clock.now())
            self._reports[key] = report
        return report


def filter_messages(
    snapshot: Any,
    cache: ReportCache,
    *,
    status: str | None = None,
    kind: str | None = None,
    search: str = "",
) -> list[tuple[dict, Report]]:
    """Live messages matching the filters, most recently changed first (as `messages list`)."""
    wanted: dict[str, str] = {}
    for name, value, allowed in (("status", status, STATUSES), ("kind", kind, KINDS)):
        if value:
            try:
                wanted[name] = choice(value, allowed, name)
            except InvalidValue as exc:
                raise ValidationError([(name, str(exc))]) from None
    matcher = Matcher(search or "")
    out = []
    for record in snapshot.live(TABLE):
        if any(
            (record.get(k) or ("draft" if k == "status" else None)) != v for k, v in wanted.items()
        ):
            continue
        if matcher:
            hay = " ".join(
                [
                    str(record.get("title") or ""),
                    str(record.get("headline") or ""),
                    str(record.get("owner") or ""),
                    *(record.get("tags") or []),
                ]
            )
            if not matcher.matches(fold(hay)):
                continue
        out.append((record, cache.get(record)))
    out.sort(key=lambda item: str(item[0].get("updated_at") or ""), reverse=True)
    return out


class MessageTable(ActsAsRead, DataTable):
    """One row per message; column widths follow the table's width (the title takes the rest)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.rows_data: list[tuple[dict, Report]] = []
        self._width = 0
        #: Called when Enter is about to open the card under the cursor (set by the section).
        self.before_open: Callable[[], object] | None = None

    def on_mount(self) -> None:
        self._build()

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._build(self.current_id)

    def action_select_cursor(self) -> None:
        """Enter opens the card under the cursor. The section hears of it only after the keys
        typed right behind Enter are read, so it is told now that a card is on its way: those
        keys wait for the card instead of acting on the list."""
        if self.current_id is not None and self.before_open is not None:
            self.before_open()
        super().action_select_cursor()

    @property
    def current_id(self) -> str | None:
        if not self.rows_data or self.cursor_row < 0 or self.cursor_row >= len(self.rows_data):
            return None
        return self.rows_data[self.cursor_row][0]["id"]

    @property
    def current(self) -> tuple[dict, Report] | None:
        current = self.current_id
        return self.rows_data[self.cursor_row] if current else None

    def set_rows(self, rows: list[tuple[dict, Report]], keep_id: str | None = None) -> None:
        self.rows_data = rows
        self._build(keep_id)

    def _columns(self) -> list[tuple[str, int]]:
        headers = [_("Message"), _("Kind"), _("Status"), _("Score"), _("Checks"), _("Updated")]
        texts = [
            [kind_short(r.get("kind")) for r, _rep in self.rows_data],
            [status_label(r.get("status")) for r, _rep in self.rows_data],
            [str(rep.score) for _r, rep in self.rows_data],
            [rep.summary for _r, rep in self.rows_data],
            [updated_text(r) for r, _rep in self.rows_data],
        ]
        widths = [
            max([cell_len(headers[i + 1]), *(cell_len(t) for t in column)])
            for i, column in enumerate(texts)
        ]
        width = max(self.size.width, 40) - 1  # the vertical scrollbar, when there is one
        narrow = width < 100
        if narrow:
            headers, widths = headers[:5], widths[:4]
        count = len(headers)
        free = width - 2 * self.cell_padding * count - sum(widths)
        wanted = max(14, width // 4)  # the title keeps at least a quarter of the width
        title = max(free, wanted)
        if free < wanted and len(widths) >= 4:  # the summary gives way (cut with "…")
            widths[3] = max(12, widths[3] - (wanted - free))
            title = max(width - 2 * self.cell_padding * count - sum(widths), 10)
        return list(zip(headers, [title, *widths], strict=True))

    def _build(self, keep_id: str | None = None) -> None:
        self._width = self.size.width
        columns = self._columns()
        self.clear(columns=True)
        for header, width in columns:
            self.add_column(Text(header), width=width)
        narrow = len(columns) == 5
        for record, report in self.rows_data:
            title = plain(record.get("title") or record.get("headline") or record["id"][:8])
            cells = [
                Text(fit(title, columns[0][1]).rstrip()),
                Text(kind_short(record.get("kind"))),
                Text(
                    status_label(record.get("status")),
                    style=STATUS_STYLE.get(record.get("status") or "draft", ""),
                ),
                Text(str(report.score), style=score_style(report), justify="right"),
                Text(
                    fit(report.summary, columns[4][1]).rstrip(),
                    style="red" if report.errors else "",
                ),
            ]
            if not narrow:
                cells.append(Text(updated_text(record), style="dim"))
            self.add_row(*cells, key=record["id"])
        if keep_id is not None:
            index = next(
                (i for i, (r, _rep) in enumerate(self.rows_data) if r["id"] == keep_id), None
            )
            if index is not None:
                self.move_cursor(row=index, animate=False)
