"""The local store: one TinyDB JSON file, read lock-free, changed only in locked transactions.

Reads (`Store.load`) need no lock: writes replace the file atomically, so a reader always sees a
whole version. Every change is a read-modify-write inside `Store.transaction()`: take the file lock,
read the file fresh, change records in memory, write once. A process killed while holding the lock
releases it with its file descriptor (flock), so a stale lock never blocks.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware

from . import records
from .clock import HybridClock
from .errors import StoreLockedError
from .i18n import _
from .migrations import migrate
from .storage import (
    FORMAT_TAG,
    META_TABLE,
    SCHEMA_VERSION,
    AtomicJSONStorage,
    make_backup,
    read_store_file,
)

TABLES = ("organisations", "contacts", "messages", "outreach", "conflicts")
LOCK_TIMEOUT_S = 15.0


def new_store_data(role: str = "local") -> dict:
    meta = {
        "format": FORMAT_TAG,
        "schema": SCHEMA_VERSION,
        "store_id": records.new_id(),
        "role": role,
        "created_at": records.utc_now_iso(),
    }
    data: dict[str, Any] = {META_TABLE: {"1": meta}}
    for name in TABLES:
        data[name] = {}
    return data


def meta_of(data: dict) -> dict:
    table = data.setdefault(META_TABLE, {})
    if not table:
        table["1"] = {}
    return next(iter(table.values()))


FileSignature = tuple[int, int, int] | None


def file_signature(path: Path) -> FileSignature:
    """What changes whenever the file is replaced: lets the TUI notice outside changes cheaply."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class Snapshot:
    """One consistent version of the store, for reading. Treat its records as read-only."""

    def __init__(self, data: dict, signature: FileSignature = None) -> None:
        self.data = data
        self.signature = signature
        self._by_id: dict[str, dict[str, dict]] = {}
        self._live: dict[str, list[dict]] = {}

    @property
    def meta(self) -> dict:
        return meta_of(self.data)

    def table(self, name: str) -> dict[str, dict]:
        return self.data.get(name) or {}

    def by_id(self, name: str) -> dict[str, dict]:
        """Every record of a table (tombstones too), by id."""
        if name not in self._by_id:
            self._by_id[name] = {r["id"]: r for r in self.table(name).values() if "id" in r}
        return self._by_id[name]

    def live(self, name: str) -> list[dict]:
        """The records a person sees: tombstones are hidden from every listing."""
        if name not in self._live:
            self._live[name] = [r for r in self.by_id(name).values() if records.is_live(r)]
        return self._live[name]

    def get(self, name: str, record_id: str, include_deleted: bool = False) -> dict | None:
        record = self.by_id(name).get(record_id)
        if record is None or (not include_deleted and not records.is_live(record)):
            return None
        return record


class Transaction:
    """The changes of one command, applied in memory and written once when the block ends."""

    def __init__(self, data: dict, now_ms: Callable[[], int] | None = None) -> None:
        self.data = data
        self.dirty = False
        self._now_ms = now_ms
        self.now = records.utc_now_iso() if now_ms is None else records.iso_from_ms(now_ms())
        self._stamp: str | None = None
        self._index: dict[str, dict[str, str]] = {}
        self._next_doc_id: dict[str, int] = {}
        meta = self.meta
        if not meta.get("device_id"):
            meta["device_id"] = records.new_id()
            self.dirty = True
        self.clock = HybridClock(meta["device_id"][:8], meta.get("clock"))

    @property
    def meta(self) -> dict:
        return meta_of(self.data)

    @property
    def stamp(self) -> str:
        """One clock stamp for every change of this transaction (it is a single change)."""
        if self._stamp is None:
            self._stamp = self.clock.tick(None if self._now_ms is None else self._now_ms())
        return self._stamp

    def table(self, name: str) -> dict[str, dict]:
        return self.data.setdefault(name, {})

    def _doc_ids(self, name: str) -> dict[str, str]:
        if name not in self._index:
            self._index[name] = {r["id"]: k for k, r in self.table(name).items() if "id" in r}
        return self._index[name]

    def by_id(self, name: str) -> dict[str, dict]:
        table = self.table(name)
        return {rid: table[key] for rid, key in self._doc_ids(name).items()}

    def live(self, name: str) -> list[dict]:
        return [r for r in self.table(name).values() if records.is_live(r)]

    def get(self, name: str, record_id: str, include_deleted: bool = False) -> dict | None:
        key = self._doc_ids(name).get(record_id)
        record = self.table(name).get(key) if key is not None else None
        if record is None or (not include_deleted and not records.is_live(record)):
            return None
        return record

    def put(self, name: str, record: dict) -> None:
        """Insert or replace a whole record by id (clocks as given): sync, sample load, undo."""
        ids = self._doc_ids(name)
        key = ids.get(record["id"])
        if key is None:
            key = str(self._allocate_doc_id(name))
            ids[record["id"]] = key
        self.table(name)[key] = record
        self.dirty = True

    def _allocate_doc_id(self, name: str) -> int:
        if name not in self._next_doc_id:
            keys = [int(k) for k in self.table(name) if k.isdigit()]
            self._next_doc_id[name] = max(keys, default=0) + 1
        doc_id = self._next_doc_id[name]
        self._next_doc_id[name] += 1
        return doc_id

    def insert(self, name: str, fields: dict[str, Any], record_id: str | None = None) -> dict:
        record = records.make_record(fields, self.stamp, self.now, record_id)
        self.put(name, record)
        return record

    def insert_new(
        self, name: str, items: Iterable[tuple[str, dict[str, Any], str | None]]
    ) -> None:
        """`insert` of many new records at once, (id, fields, created_at or None) each, for an
        import: the records `insert` makes, without a lookup of the table and its ids per record."""
        stamp, now = self.stamp, self.now
        ids, table = self._doc_ids(name), self.table(name)
        for record_id, fields, created_at in items:
            record = records.make_record(fields, stamp, now, record_id)
            if created_at:
                record["created_at"] = created_at
            key = ids.get(record_id)
            if key is None:
                key = ids[record_id] = str(self._allocate_doc_id(name))
            table[key] = record
            self.dirty = True

    def insert_ready(self, name: str, items: list[dict[str, Any]]) -> None:
        """`insert_new` of records an import made whole: each has its new id, no None value,
        and `created_at` and `updated_at` in place (after the id) for the times filled here."""
        stamp, now, clock, base = self.stamp, self.now, records.CLOCK, records.BASE_CLOCK
        ids, table = self._doc_ids(name), self.table(name)
        first = self._allocate_doc_id(name)
        self._next_doc_id[name] = first + len(items)
        for doc_id, record in enumerate(items, start=first):
            record["created_at"] = record["updated_at"] = now
            record[clock] = {base: stamp}
            key = ids[record["id"]] = str(doc_id)
            table[key] = record
        self.dirty = self.dirty or bool(items)

    def update(self, name: str, record_id: str, changes: dict[str, Any]) -> dict:
        """Apply field changes; fields not named (known to this version or not) stay as they are."""
        current = self.get(name, record_id, include_deleted=True)
        if current is None:
            raise KeyError(record_id)
        updated, changed = records.apply_changes(current, changes, self.stamp, self.now)
        if changed:
            self.put(name, updated)
        return updated

    def delete(self, name: str, record_id: str) -> dict:
        current = self.get(name, record_id, include_deleted=True)
        if current is None:
            raise KeyError(record_id)
        if current.get("deleted"):
            return current
        updated = records.set_deleted(current, True, self.stamp, self.now)
        self.put(name, updated)
        return updated

    def restore(self, name: str, record_id: str) -> dict:
        current = self.get(name, record_id, include_deleted=True)
        if current is None:
            raise KeyError(record_id)
        if not current.get("deleted"):
            return current
        updated = records.set_deleted(current, False, self.stamp, self.now)
        self.put(name, updated)
        return updated

    def snapshot(self) -> Snapshot:
        return Snapshot(self.data)


class Store:
    """A Lan Tỏa store file and its lock, backups and transactions."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        lock_timeout: float = LOCK_TIMEOUT_S,
        now_ms: Callable[[], int] | None = None,
    ) -> None:
        self.path = Path(path).expanduser().absolute()
        self.lock_timeout = lock_timeout
        #: Wall clock in ms for change stamps; injectable so tests can skew a device's clock.
        self.now_ms = now_ms
        self._lock = FileLock(self.lock_path, timeout=lock_timeout, mode=0o600)
        self._in_transaction = threading.local()

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def exists(self) -> bool:
        return self.path.exists()

    def signature(self) -> FileSignature:
        return file_signature(self.path)

    def load(self) -> Snapshot:
        """The current version, without taking the lock; a missing file reads as an empty store."""
        signature = self.signature()
        if signature is None:
            return Snapshot(new_store_data(), None)
        data = read_store_file(self.path)
        data, _migrated = migrate(data)
        return Snapshot(data, signature)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's file lock (shared with every Lan Tỏa process on this file)."""
        if getattr(self._in_transaction, "active", False):
            raise RuntimeError("nested transactions on one store are not supported")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreLockedError(
                _(
                    "{path} is busy: another Lan Tỏa process has held it for {seconds:.0f} s. "
                    "Try again; if it persists, close other Lan Tỏa windows.",
                    path=self.path,
                    seconds=self.lock_timeout,
                )
            ) from None
        self._in_transaction.active = True
        try:
            yield
        finally:
            self._in_transaction.active = False
            self._lock.release()

    @contextlib.contextmanager
    def transaction(self, backup: str | None = None) -> Iterator[Transaction]:
        """Read-modify-write under the lock, written once; `backup` names a backup made first."""
        with self.locked():
            db = TinyDB(self.path, storage=CachingMiddleware(AtomicJSONStorage))
            storage = db.storage
            data = storage.read()
            migrated = False
            if data is None:
                data = new_store_data()
                created = True
            else:
                created = False
                data, migrated = migrate(data)
            tx = Transaction(data, self.now_ms)
            yield tx
            if tx.dirty or created or migrated:
                if migrated:
                    make_backup(self.path, "migration")
                if backup and not created:
                    make_backup(self.path, backup)
                tx.meta["clock"] = tx.clock.last
                tx.meta["schema"] = max(tx.meta.get("schema", SCHEMA_VERSION), SCHEMA_VERSION)
                storage.write(data)
                storage.flush()

    def ensure(self) -> None:
        """Create the file (empty store) if it does not exist yet."""
        if not self.exists():
            with self.transaction():
                pass
