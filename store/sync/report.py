"""What a sync did (or, dry, would do): changes in and out, conflicts, notices; stable JSON.

`SyncReport.to_json()` is the documented `lantoa sync --json` output:
- `file` (the shared file), `dry_run`, `created` (the shared file was created by this sync);
- `local_changed`, `shared_changed`: whether each side was (or would be) written;
- `incoming` / `outgoing`: changes to this store / to the shared file, each
  `{table, id, name, action, fields}` with action "added", "updated", "deleted" or "restored"
  (`fields`: the changed fields of an update). Changes to stamps only, to deleted records and to
  conflict records are not listed (conflicts have their own key);
- `conflicts`: `{"new": [conflict views as in `lantoa conflicts list --json`], "open": n}`;
- `notices`: `{kind, message, ...}`; kinds: "resurrected" (+ table, id, name, deleted_on),
  "clock_capped" (+ count, nodes), "copy_merged" (+ path, moved_to), "copy_skipped"
  (+ path, reason), "lock_unavailable" (+ path);
- `backups`: `{"local": path or null, "shared": path or null}`; `attempts` (re-merges after the
  shared file changed underneath + 1); `exit_code`: 0, or 3 when conflicts are open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import N_, _
from ..records import META_FIELDS, is_live
from .conflicts import record_name
from .merge import CONFLICTS_TABLE, Tables

#: What a record of each table is called in a sentence.
RECORD_WHAT = {
    "organisations": N_("organisation"),
    "contacts": N_("contact"),
    "messages": N_("message"),
    "outreach": N_("outreach item"),
}
EXIT_OK = 0
EXIT_CONFLICTS = 3
TABLE_ORDER = ("organisations", "contacts", "messages", "outreach")


@dataclass
class Change:
    table: str
    id: str
    name: str
    action: str  # added | updated | deleted | restored
    fields: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "id": self.id,
            "name": self.name,
            "action": self.action,
            "fields": self.fields,
        }


@dataclass
class Notice:
    kind: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, **self.details}


@dataclass
class SyncReport:
    shared_path: Path
    dry_run: bool = False
    created: bool = False
    local_changed: bool = False
    shared_changed: bool = False
    incoming: list[Change] = field(default_factory=list)
    outgoing: list[Change] = field(default_factory=list)
    new_conflicts: list[dict] = field(default_factory=list)
    open_conflicts: int = 0
    notices: list[Notice] = field(default_factory=list)
    local_backup: Path | None = None
    shared_backup: Path | None = None
    attempts: int = 1

    @property
    def exit_code(self) -> int:
        return EXIT_CONFLICTS if self.open_conflicts else EXIT_OK

    @property
    def changed(self) -> bool:
        return self.local_changed or self.shared_changed

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.shared_path),
            "dry_run": self.dry_run,
            "created": self.created,
            "local_changed": self.local_changed,
            "shared_changed": self.shared_changed,
            "incoming": [c.to_json() for c in self.incoming],
            "outgoing": [c.to_json() for c in self.outgoing],
            "conflicts": {"new": self.new_conflicts, "open": self.open_conflicts},
            "notices": [n.to_json() for n in self.notices],
            "backups": {
                "local": str(self.local_backup) if self.local_backup else None,
                "shared": str(self.shared_backup) if self.shared_backup else None,
            },
            "attempts": self.attempts,
            "exit_code": self.exit_code,
        }

    def summary(self) -> str:
        """One line for a status bar or a notification."""
        text = _(
            "{incoming} in, {outgoing} out, {n} open conflicts",
            incoming=len(self.incoming),
            outgoing=len(self.outgoing),
            n=self.open_conflicts,
        )
        return text


def _table_rank(name: str) -> tuple[int, str]:
    return (TABLE_ORDER.index(name) if name in TABLE_ORDER else len(TABLE_ORDER), name)


def diff_tables(before: Tables, after: Tables) -> tuple[list[Change], bool]:
    """The changes that turn `before` into `after`, and whether anything at all differs."""
    changes: list[Change] = []
    differs = False
    for table in sorted(after, key=_table_rank):
        old_table = before.get(table) or {}
        for rid, new in after[table].items():
            old = old_table.get(rid)
            if old is new or old == new:
                continue
            differs = True
            if table == CONFLICTS_TABLE:
                continue
            name = record_name(table, new, after)
            if old is None:
                if is_live(new):
                    changes.append(Change(table, rid, name, "added"))
            elif is_live(old) and not is_live(new):
                changes.append(Change(table, rid, name, "deleted"))
            elif not is_live(old) and is_live(new):
                changes.append(Change(table, rid, name, "restored", _fields(old, new)))
            elif is_live(new):
                fields = _fields(old, new)
                if fields:
                    changes.append(Change(table, rid, name, "updated", fields))
    for table in before:
        if table not in after:
            differs = True
    return changes, differs


def _fields(old: dict, new: dict) -> list[str]:
    names = (set(old) | set(new)) - META_FIELDS
    return sorted(n for n in names if old.get(n) != new.get(n))
