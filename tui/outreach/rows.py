"""What the outreach list shows, before any drawing: its rows (group headings and items) and
its columns' widths at a given width.

Kept apart from the widget (tui/outreach/listing.py, cursor, selection and painting) because
this is the list's layout as plain data: it is checked without a running app, and a column
change is made here without touching the widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from store.i18n import _

from ..widgets.text import plain

#: Cells before the first column: the selection mark ("✓ ") or two spaces.
MARK = 2
#: Fixed column widths (channel, status, due) and the flexible columns' shares and minimums.
_FIXED = {"channel": 10, "status": 13, "due": 12}
_FLEX = {
    "message": ({"who": 0.34, "org": 0.28, "note": 0.38}, {"who": 10, "org": 8, "note": 6}),
    "contact": ({"what": 0.55, "note": 0.45}, {"what": 12, "note": 6}),
}
#: Below this width the note column is dropped (the item panel or Enter shows it).
NOTE_WIDTH = 96


@dataclass
class Row:
    """A line of the list: a group heading (`views` = its items) or one item (`view`)."""

    heading: str | None = None
    views: list[dict] = field(default_factory=list)
    view: dict | None = None

    @property
    def id(self) -> str | None:
        return self.view["id"] if self.view else None


def build_rows(groups: list[tuple[str, list[dict]]], by: str) -> list[Row]:
    rows: list[Row] = []
    for heading, views in groups:
        if by == "message":
            label = heading or _("(no message)")
        else:
            first = views[0]
            org = plain(first.get("org_name")) if first.get("contact_name") else ""
            label = plain(heading) + (f" · {org}" if org else "")
        rows.append(Row(heading=label, views=views))
        rows += [Row(view=v) for v in views]
    return rows


def column_widths(width: int, by: str) -> list[tuple[str, int]]:
    """(column, width) for a list `width` cells wide, one-cell gaps."""
    shares, minimum = dict(_FLEX[by][0]), dict(_FLEX[by][1])
    names = ["who", "org"] if by == "message" else ["what"]
    order = [*names, "channel", "status", "due", "note"]
    if width < NOTE_WIDTH:
        order.remove("note")
        del shares["note"], minimum["note"]
        total = sum(shares.values())
        shares = {k: v / total for k, v in shares.items()}
    fixed = sum(_FIXED.values())
    usable = max(width - MARK - (len(order) - 1) - fixed, sum(minimum.values()))
    flex = {k: max(minimum[k], int(usable * shares[k])) for k in shares}
    flex[names[0]] += usable - sum(flex.values())
    return [(name, _FIXED.get(name) or flex[name]) for name in order]
