"""The report of an import: what each row did, for people (`lantoa import`) and scripts (--json).

`ImportReport.to_json()` is the documented `lantoa import --json` output: counts (added, updated,
unchanged, skipped, rejected; per table in `tables`), `created_organisations`, `rejections` and
`skips` (each with `table`, `line` or `record`, `name`, `reason`; rejections also `fields`),
`changes` (`action` added/updated, `id`, the `fields` written), `columns` (header -> field),
`ignored_columns`, `header_line` and `warnings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .rows import Row

COUNTS = ("added", "updated", "unchanged", "skipped", "rejected")


@dataclass
class ImportReport:
    """What an import did (or would do, with dry_run), row by row. `to_json` is the --json form."""

    file: str
    format: str = ""
    encoding: str = ""
    delimiter: str | None = None
    dry_run: bool = False
    applied: bool = False
    held_back: bool = False  # --all-or-nothing kept the valid rows from being written
    tables: dict[str, dict[str, int]] = field(default_factory=dict)
    _changes: list[tuple] = field(default_factory=list, repr=False)
    rejections: list[dict] = field(default_factory=list)
    skips: list[dict] = field(default_factory=list)
    created_organisations: list[dict] = field(default_factory=list)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    ignored_columns: dict[str, list[str]] = field(default_factory=dict)
    header_line: int | None = None
    warnings: list[str] = field(default_factory=list)

    def count(self, table: str, what: str, n: int = 1) -> None:
        counts = self.tables.setdefault(table, dict.fromkeys(COUNTS, 0))
        counts[what] += n

    def total(self, what: str) -> int:
        return sum(c[what] for c in self.tables.values())

    @property
    def ok(self) -> bool:
        return not self.rejections

    def reject(
        self,
        table: str,
        row: Row,
        reason: str,
        name: str = "",
        fields: dict[str, str] | None = None,
    ) -> None:
        self.count(table, "rejected")
        self.rejections.append(
            {
                "table": table,
                "line": row.line,
                "record": row.record,
                "name": name,
                "reason": reason,
                "fields": fields or {},
            }
        )

    def skip(self, table: str, row: Row, record_id: str, name: str, reason: str) -> None:
        self.count(table, "skipped")
        self.skips.append(
            {
                "table": table,
                "line": row.line,
                "record": row.record,
                "id": record_id,
                "name": name,
                "reason": reason,
            }
        )

    def change(
        self, table: str, row: Row, action: str, record_id: str, name: str, fields: Any
    ) -> None:
        """A record added or updated by a row (`fields`: the names of the fields it wrote)."""
        counts = self.tables.get(table) or self.tables.setdefault(table, dict.fromkeys(COUNTS, 0))
        counts[action] += 1
        self._changes.append((table, row.line, row.record, action, record_id, name, tuple(fields)))

    @property
    def changes(self) -> list[dict]:
        return [
            {
                "table": t,
                "line": line,
                "record": rec,
                "action": a,
                "id": i,
                "name": n,
                "fields": sorted(f),
            }
            for t, line, rec, a, i, n, f in self._changes
        ]

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "format": self.format,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "dry_run": self.dry_run,
            "applied": self.applied,
            "held_back": self.held_back,
            **{what: self.total(what) for what in COUNTS},
            "tables": self.tables,
            "created_organisations": self.created_organisations,
            "rejections": self.rejections,
            "skips": self.skips,
            "changes": self.changes,
            "columns": self.columns,
            "ignored_columns": self.ignored_columns,
            "header_line": self.header_line,
            "warnings": self.warnings,
        }
