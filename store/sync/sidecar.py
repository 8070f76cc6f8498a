"""What the local side remembers of a shared file: the base of the next merge, and sync status.

Beside the local store, `sync/<local store id>.<shared store id>.base.json` holds the exact bytes
of the shared file as this store last synced with it: the merged result both sides held then, so
the next merge can tell who changed what since. `….state.json` is small: when, which path, the
sha256 of the base bytes (when the shared file still has those bytes, it IS the base and the base
file need not even be read), the local clock after the sync (what changed locally since), and
the shared file's signature (has anyone written it since). Both are written atomically, mode 0600
(the base holds the same personal data as the store).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..clock import time_part
from ..db import Snapshot, Store, file_signature
from ..errors import LantoaError
from ..records import CLOCK
from ..storage import META_TABLE, atomic_write_bytes, parse_store_bytes
from .conflicts import open_count
from .merge import CONFLICTS_TABLE, Tables

SYNC_DIR = "sync"


def sync_dir(store: Store) -> Path:
    return store.path.parent / SYNC_DIR


def local_key(store: Store, meta: dict) -> str:
    """Names this local store in sidecar files (two stores may share a folder)."""
    store_id = meta.get("store_id")
    if isinstance(store_id, str) and store_id:
        return store_id
    return hashlib.sha1(str(store.path).encode()).hexdigest()[:16]


def base_path(store: Store, key: str, shared_id: str) -> Path:
    return sync_dir(store) / f"{key}.{shared_id}.base.json"


def state_path(store: Store, key: str, shared_id: str) -> Path:
    return sync_dir(store) / f"{key}.{shared_id}.state.json"


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def read_state(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def index_tables(data: dict) -> Tables:
    """{table: {record id: record}} of a store's data (meta and id-less rows left out)."""
    tables: Tables = {}
    for name, table in data.items():
        if name == META_TABLE or not isinstance(table, dict):
            continue
        tables[name] = {
            r["id"]: r
            for r in table.values()
            if isinstance(r, dict) and isinstance(r.get("id"), str)
        }
    return tables


def load_base(
    store: Store, key: str, shared_id: str, shared_raw: bytes | None
) -> dict | str | None:
    """The base (a shared file's data); "shared" when the shared file still holds the base's
    bytes; None if there is no usable base (first sync, or the sidecar was lost or damaged: the
    merge then falls back to creation stamps and loses nothing)."""
    state = read_state(state_path(store, key, shared_id))
    if state and shared_raw is not None and state.get("sha256") == sha256(shared_raw):
        return "shared"
    path = base_path(store, key, shared_id)
    try:
        return parse_store_bytes(path, path.read_bytes())
    except (OSError, LantoaError):
        return None


def write_base(
    store: Store, key: str, shared_id: str, shared_bytes: bytes, state: dict[str, Any]
) -> None:
    """Base first, then the state that describes it (a crash between leaves a stale state,
    whose hash no longer matches, so the base file is read: still correct)."""
    sync_dir(store).mkdir(parents=True, exist_ok=True, mode=0o700)
    current = read_state(state_path(store, key, shared_id))
    digest = sha256(shared_bytes)
    path = base_path(store, key, shared_id)
    if not (current and current.get("sha256") == digest and path.exists()):
        atomic_write_bytes(path, shared_bytes)
    state = {**state, "sha256": digest}
    atomic_write_bytes(
        state_path(store, key, shared_id),
        json.dumps(state, ensure_ascii=False, indent=2).encode("utf-8"),
    )


@dataclass
class SyncStatus:
    """For a status line: cheap (a stat, a small file, and the snapshot the caller has)."""

    shared_path: Path
    shared_exists: bool
    last_sync: str | None  # ISO UTC, None if this store never synced with the file
    pending: int | None  # records changed here since the last sync (None: never synced)
    open_conflicts: int
    shared_changed: bool | None  # written by someone since our last sync (None: unknown)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.shared_path),
            "exists": self.shared_exists,
            "last_sync": self.last_sync,
            "pending": self.pending,
            "open_conflicts": self.open_conflicts,
            "shared_changed": self.shared_changed,
        }


def find_state(store: Store, meta: dict, shared_path: Path) -> dict[str, Any] | None:
    key = local_key(store, meta)
    folder = sync_dir(store)
    best: dict[str, Any] | None = None
    if not folder.is_dir():
        return None
    for path in folder.glob(f"{key}.*.state.json"):
        state = read_state(path)
        if (
            state
            and state.get("shared_path") == str(shared_path)
            and (best is None or str(state.get("synced_at")) > str(best.get("synced_at")))
        ):
            best = state
    return best


def sync_status(
    store: Store, shared_path: str | Path, snapshot: Snapshot | None = None
) -> SyncStatus:
    """Last sync, pending local changes, open conflicts, and whether the shared file moved on."""
    shared_path = Path(shared_path).expanduser().absolute()
    snapshot = snapshot if snapshot is not None else store.load()
    state = find_state(store, snapshot.meta, shared_path)
    signature = file_signature(shared_path)
    pending = None
    changed = None
    if state:
        last_clock = time_part(str(state.get("local_clock") or ""))
        pending = 0
        for name, table in snapshot.data.items():
            if name in (META_TABLE, CONFLICTS_TABLE) or not isinstance(table, dict):
                continue
            for record in table.values():
                clocks = record.get(CLOCK) if isinstance(record, dict) else None
                if clocks and time_part(max(clocks.values())) > last_clock:
                    pending += 1
        recorded = state.get("shared_signature")
        changed = list(signature) != recorded if signature else None
    return SyncStatus(
        shared_path=shared_path,
        shared_exists=signature is not None,
        last_sync=state.get("synced_at") if state else None,
        pending=pending,
        open_conflicts=open_count(snapshot),
        shared_changed=changed,
    )
