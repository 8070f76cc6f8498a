"""Sync: merge the local store with a shared file (a Lan Tỏa store) both ways, losing nothing.

The API the CLI and the TUI use:
- `sync(store, shared_path, dry_run=False, progress=None) -> SyncReport` (engine.py);
- `sync_status(store, shared_path, snapshot=None) -> SyncStatus` for a status line (cheap);
- `list_conflicts(snapshot)`, `find_conflict`, `resolve_conflict(store, id, keep)`;
- `remembered_file(store)` / `remember_file(store, path)`: the shared file set once.
Design: merge.py (the pure three-way merge), plan.py (one sync in memory: base, version
vectors, clocks), stamps.py (capping far-future stamps), engine.py (files, locks, retries,
backups, crash safety), copies.py (conflict copies of synced folders), sidecar.py (the base
and status), conflicts.py (conflict records), report.py (what happened, `--json`).
"""

from __future__ import annotations

from pathlib import Path

from ..config import load_state, save_state
from ..db import Store
from .conflicts import find_conflict, list_conflicts, open_count, resolve_conflict
from .engine import SyncError, sync
from .report import EXIT_CONFLICTS, EXIT_OK, SyncReport
from .sidecar import SyncStatus, sync_status

STATE_KEY = "sync_files"


def remembered_file(store: Store) -> Path | None:
    """The shared file this store last synced with (app state, per store file)."""
    files = load_state().get(STATE_KEY)
    chosen = files.get(str(store.path)) if isinstance(files, dict) else None
    return Path(chosen) if isinstance(chosen, str) and chosen else None


def remember_file(store: Store, shared_path: str | Path) -> None:
    files = load_state().get(STATE_KEY)
    files = dict(files) if isinstance(files, dict) else {}
    files[str(store.path)] = str(Path(shared_path).expanduser().absolute())
    save_state(**{STATE_KEY: files})


__all__ = [
    "EXIT_CONFLICTS",
    "EXIT_OK",
    "SyncError",
    "SyncReport",
    "SyncStatus",
    "find_conflict",
    "list_conflicts",
    "open_count",
    "remember_file",
    "remembered_file",
    "resolve_conflict",
    "sync",
    "sync_status",
]
