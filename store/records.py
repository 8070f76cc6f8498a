"""The record format every table shares, designed for a per-field three-way merge (see sync).

A record is a JSON object: the domain fields, plus
- `id`: a UUID string that never changes (TinyDB's doc_id is only a storage detail);
- `created_at`, `updated_at`: UTC ISO 8601 wall times, for people;
- `deleted` / `deleted_at`: a tombstone, so deletions travel through sync; hidden from listings;
- `_clock`: change stamps (hybrid logical clock) per field; `"*"` is the stamp of the creation and
  of every field without its own entry, so a fresh record carries a single stamp.
Fields this version does not know are kept untouched by every update.
"""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime
from typing import Any

META_FIELDS = frozenset({"id", "created_at", "updated_at", "deleted", "deleted_at", "_clock"})
CLOCK = "_clock"
BASE_CLOCK = "*"
#: Fields whose changes are tracked as the record's own state rather than content.
TOMBSTONE_FIELD = "deleted"


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def iso_from_ms(ms: int) -> str:
    """The ISO form of a wall time in ms (for an injected clock, see `Store(now_ms=...)`)."""
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def field_clock(record: dict, field: str) -> str:
    clocks = record.get(CLOCK) or {}
    return clocks.get(field) or clocks.get(BASE_CLOCK) or ""


def content_fields(record: dict) -> set[str]:
    """Every field that carries content (domain fields, known or not), plus the tombstone."""
    fields = {k for k in record if k not in META_FIELDS}
    fields.update(k for k in (record.get(CLOCK) or {}) if k != BASE_CLOCK)
    return fields


def is_live(record: dict) -> bool:
    return not record.get("deleted")


def make_record(fields: dict[str, Any], stamp: str, now: str, record_id: str | None = None) -> dict:
    record: dict[str, Any] = {"id": record_id or new_id(), "created_at": now, "updated_at": now}
    if META_FIELDS.isdisjoint(fields) and None not in fields.values():  # the usual new record
        record.update(fields)
    else:
        record.update({k: v for k, v in fields.items() if v is not None and k not in META_FIELDS})
    record[CLOCK] = {BASE_CLOCK: stamp}
    return record


def apply_changes(record: dict, changes: dict[str, Any], stamp: str, now: str) -> tuple[dict, list]:
    """A new version of `record` with `changes` (None clears a field); returns (record, changed)."""
    updated = copy.deepcopy(record)
    clocks = updated.setdefault(CLOCK, {BASE_CLOCK: stamp})
    changed = []
    for field, value in changes.items():
        if field in META_FIELDS:
            continue
        if updated.get(field) == value:
            continue
        if value is None:
            if field not in updated:
                continue
            del updated[field]
        else:
            updated[field] = copy.deepcopy(value)
        clocks[field] = stamp
        changed.append(field)
    if changed:
        updated["updated_at"] = now
    return updated, changed


def set_deleted(record: dict, deleted: bool, stamp: str, now: str) -> dict:
    """Tombstone (or bring back) a record; the tombstone has its own clock like a field."""
    updated = copy.deepcopy(record)
    if deleted:
        updated["deleted"] = True
        updated["deleted_at"] = now
    else:
        updated.pop("deleted", None)
        updated.pop("deleted_at", None)
    updated.setdefault(CLOCK, {BASE_CLOCK: stamp})[TOMBSTONE_FIELD] = stamp
    updated["updated_at"] = now
    return updated


def public_view(record: dict) -> dict:
    """The record as scripts see it: without the internal clocks."""
    return {k: v for k, v in record.items() if k != CLOCK}
