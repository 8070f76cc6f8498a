"""Recovery files: edits the app could not save when it closed, kept so they are never lost.

When the app closes with changes to a story card that cannot be written (the write fails, or a
date would be cut), they go to `<data dir>/unsaved/message-<id8>-<stamp>.json`:

    {"id": "<message id>", "table": "messages", "kept_at": "<ISO UTC>",
     "changes": {field: value as `update_message` takes it},
     "was": {field: the stored value it was typed over, as the app last saw it}}

(Files written before `table`, `kept_at` and `was` existed have only `id` and `changes`; the time
then comes from the name.) The editor offers them back when the card is opened; this module only
finds, reads, merges and removes them. A file that cannot be read is reported by name, never
deleted: it is someone's text.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .i18n import _
from .paths import data_dir
from .storage import atomic_write_bytes

FOLDER = "unsaved"
#: File name prefix by table (the part before the id's first 8 characters).
PREFIX = {"messages": "message"}
_NAME = re.compile(
    r"^(?P<prefix>[a-z]+)-(?P<id8>[^-]{1,8})-(?P<stamp>\d{8}T\d{6})(?:-(?P<n>\d+))?\.json$"
)
_STAMP = "%Y%m%dT%H%M%S"


#: Set for a throwaway store (`lantoa demo`): its recovery files stay with it (`use_folder`).
_folder: Path | None = None


def folder() -> Path:
    """Where recovery files are kept: the data folder, whatever store is open, except for a
    throwaway one (`use_folder`)."""
    return _folder if _folder is not None else data_dir() / FOLDER


def use_folder(where: Path | None) -> None:
    """Keep recovery files in `where` from now on (None: the data folder). The demo keeps them
    in its throwaway folder: its sample messages have the ids of the sample a person may have
    loaded into their own store, whose unsaved text a demo must neither show nor add to."""
    global _folder
    _folder = where


@dataclass(frozen=True)
class Kept:
    """One recovery file, read."""

    path: Path
    record_id: str
    kept_at: datetime  # aware, UTC
    changes: dict[str, Any]
    was: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Unreadable:
    """A recovery file that could not be read: its path and why (in the person's words)."""

    path: Path
    why: str


@dataclass
class Found:
    """The recovery files for a record (or all of them), oldest first, and those unreadable."""

    kept: list[Kept] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.kept or self.unreadable)


def keep(
    record_id: str,
    changes: Mapping[str, Any],
    *,
    was: Mapping[str, Any] | None = None,
    table: str = "messages",
    now: datetime | None = None,
    where: Path | None = None,
) -> Path:
    """Write a recovery file for `changes` to `record_id`; its path. Never replaces another file
    (two closes in the same second get -2, -3...). Raises StoreWriteError if it cannot write."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    where = where or folder()
    base = f"{PREFIX[table]}-{record_id[:8]}-{now.strftime(_STAMP)}"
    path = where / f"{base}.json"
    number = 1
    while path.exists():
        number += 1
        path = where / f"{base}-{number}.json"
    payload = {
        "id": record_id,
        "table": table,
        "kept_at": now.isoformat(timespec="seconds"),
        "changes": dict(changes),
        "was": dict(was or {}),
    }
    text = json.dumps(payload, ensure_ascii=False, indent=1, default=str)
    atomic_write_bytes(path, text.encode("utf-8"))
    return path


def read(path: Path) -> Kept:
    """One recovery file; ValueError (saying what is wrong) if it is not one Lan Tỏa can read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValueError(exc.strerror or str(exc)) from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(_("not JSON ({why})", why=exc)) from exc
    if not isinstance(data, dict):
        raise ValueError(_("not a recovery file"))
    record_id, changes, was = data.get("id"), data.get("changes"), data.get("was", {})
    if not isinstance(record_id, str) or not record_id:
        raise ValueError(_("it has no message id"))
    if not isinstance(changes, dict) or not isinstance(was, dict):
        raise ValueError(_("its changes are not a list of fields and values"))
    return Kept(path, record_id, _kept_at(path, data.get("kept_at")), changes, was)


def _kept_at(path: Path, text: Any) -> datetime:
    """When the file was kept: as it says, else as its name says, else its modification time."""
    if isinstance(text, str):
        try:
            when = datetime.fromisoformat(text)
            return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)
        except ValueError:
            pass
    match = _NAME.match(path.name)
    if match:
        return datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return datetime.fromtimestamp(0, UTC)


def _order(kept: Kept) -> tuple[datetime, int, str]:
    """Time order; files of the same second by their number (-2 after the first)."""
    match = _NAME.match(kept.path.name)
    return kept.kept_at, int(match["n"] or 1) if match else 1, kept.path.name


def _candidates(where: Path, pattern: str) -> list[Path]:
    try:
        return sorted(p for p in where.glob(pattern) if p.is_file())
    except OSError:
        return []


def find(
    record_id: str | None = None, *, table: str = "messages", where: Path | None = None
) -> Found:
    """The recovery files of `record_id` (all of the table's if None), oldest first. A file
    named for the record that cannot be read is listed as unreadable (it may be this record's);
    one that reads but belongs to another record (same first 8 characters) is left out."""
    where = where or folder()
    found = Found()
    if not where.is_dir():
        return found
    id8 = record_id[:8] if record_id else "*"
    for path in _candidates(where, f"{PREFIX[table]}-{id8}-*.json"):
        try:
            kept = read(path)
        except ValueError as exc:
            found.unreadable.append(Unreadable(path, str(exc)))
            continue
        if record_id is None or kept.record_id == record_id:
            found.kept.append(kept)
    found.kept.sort(key=_order)
    return found


def merged(kept: Iterable[Kept]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The changes of several files as one: taken in time order, so each field has its newest
    kept value; and what each of those fields held in the store when that value was typed."""
    changes: dict[str, Any] = {}
    was: dict[str, Any] = {}
    for item in sorted(kept, key=_order):
        for name, value in item.changes.items():
            changes[name] = value
            if name in item.was:
                was[name] = item.was[name]
            else:
                was.pop(name, None)
    return changes, was


def remove(kept: Iterable[Kept | Unreadable]) -> list[Unreadable]:
    """Delete these recovery files; those that could not be deleted, with why. (A file already
    gone is not a problem: someone else restored or discarded it.)"""
    problems: list[Unreadable] = []
    for item in kept:
        try:
            os.unlink(item.path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            problems.append(Unreadable(item.path, exc.strerror or str(exc)))
    return problems


def when_text(moment: datetime, now: datetime | None = None) -> str:
    """A time as people say it here: 26/11 20:15 this year, 26/11/2025 20:15 before (local)."""
    local = moment.astimezone()
    now = (now or datetime.now(UTC)).astimezone()
    return local.strftime("%d/%m %H:%M" if local.year == now.year else "%d/%m/%Y %H:%M")
