"""Coverage of a message (or of all outreach): who was reached, who answered, who published.

An organisation counts as reached when an item reached it or any of its people: an item credits
its `org_id` (the organisation itself, or the person's organisation when it was planned), else
the person's current organisation. Levels: planned < reached (sent, done, no answer) <
replied (replied, declined) < published; each organisation takes the best level of its items.
Groups: ministry units and press agencies count the live organisations of the store that have
not ended; provincial departments count the provinces of the reference data (63 in 2023), by
region, each province reached through any department organisation with its GSO code.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from ..db import Snapshot, Transaction
from ..i18n import N_, _
from ..network import ORGS
from ..reference import provinces, regions
from .model import LEVEL, OUTREACH, STATUSES
from .query import Lookup

Source = Snapshot | Transaction

GROUPS: dict[str, str] = {
    "ministry_unit": N_("Ministry units"),
    "provincial_department": N_("Provincial departments"),
    "press_agency": N_("Press agencies"),
}
#: Province grid states, by level (0 = nothing planned).
CELL_STATES = ("not_reached", "planned", "sent", "replied", "published")
CELL_LABELS: dict[str, str] = {
    "not_reached": N_("not reached"),
    "planned": N_("planned"),
    "sent": N_("sent"),
    "replied": N_("replied"),
    "published": N_("published"),
}


@dataclass
class Tally:
    """How many of `total` got at least each level."""

    total: int = 0
    planned: int = 0
    reached: int = 0
    replied: int = 0
    published: int = 0

    def count(self, level: int) -> None:
        self.planned += level >= 1
        self.reached += level >= 2
        self.replied += level >= 3
        self.published += level >= 4

    @property
    def reached_pct(self) -> float:
        return round(100 * self.reached / self.total, 1) if self.total else 0.0

    def to_json(self) -> dict:
        return {
            "total": self.total,
            "planned": self.planned,
            "reached": self.reached,
            "replied": self.replied,
            "published": self.published,
            "reached_pct": self.reached_pct,
        }


@dataclass
class ProvinceCell:
    """One provincial department in the grid the TUI draws."""

    code: str
    name: str
    region: str
    region_en: str
    level: int = 0
    org_ids: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def state(self) -> str:
        return CELL_STATES[self.level]

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "region": self.region,
            "region_en": self.region_en,
            "state": self.state,
            "org_ids": self.org_ids,
            "statuses": self.statuses,
        }


@dataclass
class Coverage:
    message: dict | None
    groups: dict[str, Tally]
    regions: list[tuple[str, str, Tally]]  # (region_vi, region_en, tally), north to south
    grid: list[tuple[str, str, list[ProvinceCell]]]  # cells by region, GSO order within
    statuses: dict[str, int]
    items: int

    def cells(self) -> list[ProvinceCell]:
        return [cell for _region, _en, cells in self.grid for cell in cells]

    def not_reached(self) -> list[ProvinceCell]:
        return [cell for cell in self.cells() if cell.level < 2]

    def to_json(self) -> dict:
        message = None
        if self.message is not None:
            message = {"id": self.message["id"], "title": self.message.get("title")}
        return {
            "message": message,
            "items": self.items,
            "statuses": self.statuses,
            "groups": {kind: tally.to_json() for kind, tally in self.groups.items()},
            "regions": [
                {"region": vi, "region_en": en, **tally.to_json()} for vi, en, tally in self.regions
            ],
            "provinces": [cell.to_json() for cell in self.cells()],
        }


def org_levels(
    source: Source, message_id: str | None = None
) -> tuple[dict[str, int], dict[str, dict[str, int]], dict[str, int], int]:
    """Best level per organisation id, status counts per organisation, status counts of all
    items, and the item count."""
    lookup = Lookup(source)
    levels: dict[str, int] = {}
    per_org: dict[str, dict[str, int]] = {}
    statuses = dict.fromkeys(STATUSES, 0)
    count = 0
    for item in source.live(OUTREACH):
        if message_id is not None and item.get("message_id") != message_id:
            continue
        count += 1
        status = item.get("status")
        if status in statuses:
            statuses[status] += 1
        level = LEVEL.get(status or "", 0)
        org_id = lookup.org_id(item)
        if org_id is None:
            continue  # a freelance journalist: counted in the statuses, not in any group
        levels[org_id] = max(levels.get(org_id, 0), level)
        counts = per_org.setdefault(org_id, {})
        counts[status] = counts.get(status, 0) + 1
    return levels, per_org, statuses, count


def coverage_report(source: Source, message_id: str | None = None) -> Coverage:
    """The coverage figures and the province grid (pure: reads `source` only)."""
    levels, per_org, statuses, count = org_levels(source, message_id)
    orgs = source.live(ORGS)
    groups = {kind: Tally() for kind in GROUPS}
    for org in orgs:
        kind = org.get("kind")
        if kind in ("ministry_unit", "press_agency") and not org.get("ended"):
            groups[kind].total += 1
            groups[kind].count(levels.get(org["id"], 0))
    cells = {
        code: ProvinceCell(code, p.name, p.region_vi, p.region_en)
        for code, p in provinces().items()
    }
    for org in orgs:
        cell = cells.get(org.get("province_code") or "")
        if org.get("kind") != "provincial_department" or cell is None:
            continue
        cell.org_ids.append(org["id"])
        cell.level = max(cell.level, levels.get(org["id"], 0))
        for status, n in per_org.get(org["id"], {}).items():
            cell.statuses[status] = cell.statuses.get(status, 0) + n
    grid = []
    region_tallies = []
    departments = groups["provincial_department"]
    for vi, en in regions():
        in_region = sorted((c for c in cells.values() if c.region == vi), key=lambda c: c.code)
        tally = Tally(total=len(in_region))
        for cell in in_region:
            tally.count(cell.level)
            departments.total += 1
            departments.count(cell.level)
        grid.append((vi, en, in_region))
        region_tallies.append((vi, en, tally))
    message = source.by_id("messages").get(message_id) if message_id else None
    return Coverage(message, groups, region_tallies, grid, statuses, count)


def coverage_rows(report: Coverage, *, provinces_too: bool = False) -> list[dict[str, Any]]:
    """Flat rows (group, then each region of the departments, optionally each province) for a
    table or a spreadsheet."""
    rows: list[dict[str, Any]] = []
    for kind, tally in report.groups.items():
        rows.append(
            {
                "level": "group",
                "group": kind,
                "name": _(GROUPS[kind]),
                "region": "",
                "code": "",
                **tally.to_json(),
            }
        )
        if kind != "provincial_department":
            continue
        for vi, _en, region_tally in report.regions:
            rows.append(
                {
                    "level": "region",
                    "group": kind,
                    "name": vi,
                    "region": vi,
                    "code": "",
                    **region_tally.to_json(),
                }
            )
    if provinces_too:
        for cell in report.cells():
            one = {
                "total": 1,
                "planned": int(cell.level >= 1),
                "reached": int(cell.level >= 2),
                "replied": int(cell.level >= 3),
                "published": int(cell.level >= 4),
                "reached_pct": 100.0 if cell.level >= 2 else 0.0,
            }
            rows.append(
                {
                    "level": "province",
                    "group": "provincial_department",
                    "name": cell.name,
                    "region": cell.region,
                    "code": cell.code,
                    **one,
                }
            )
    return rows


CSV_COLUMNS = (
    "level",
    "group",
    "region",
    "code",
    "name",
    "total",
    "planned",
    "reached",
    "replied",
    "published",
    "reached_pct",
)


def _cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def coverage_csv(report: Coverage) -> str:
    """CSV for Excel and LibreOffice: UTF-8 with BOM, one row per group, region and province."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(
        out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\r\n"
    )
    writer.writeheader()
    for row in coverage_rows(report, provinces_too=True):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()
