"""Helpers shared by the sync tests: officers with their own store and clock, and file contents."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from store import Store
from store.sample import SAMPLE_STAMP, SAMPLE_TIME
from store.storage import META_TABLE
from store.sync.sidecar import index_tables

Tables = dict[str, dict[str, dict]]


class SimClock:
    """Simulated wall time shared by all officers; each officer's clock is skewed from it."""

    def __init__(self, start_ms: int = 1_750_000_000_000) -> None:
        self.ms = start_ms

    def of(self, skew_ms: int) -> Callable[[], int]:
        return lambda: self.ms + skew_ms


def officer(folder: Path, now_ms: Callable[[], int] | None = None) -> Store:
    folder.mkdir(parents=True, exist_ok=True)
    return Store(folder / "store.json", now_ms=now_ms)


def content(path: Path) -> Tables:
    """A store file's tables by record id, without meta: what "identical stores" compares."""
    data = json.loads(Path(path).read_bytes())
    return {k: v for k, v in index_tables(data).items() if k != META_TABLE and v}


def sample_record(rid: str, **fields) -> dict:
    """A record as the bundled sample carries it: fixed stamp and time on every device."""
    return {
        "id": rid,
        **fields,
        "created_at": SAMPLE_TIME,
        "updated_at": SAMPLE_TIME,
        "_clock": {"*": SAMPLE_STAMP},
    }


def put_records(store: Store, table: str, records: list[dict], meta: dict | None = None) -> None:
    """Raw records (stamps kept) and meta values, in one transaction (one write)."""
    with store.transaction() as tx:
        for record in records:
            tx.put(table, json.loads(json.dumps(record)))
        if meta:
            tx.meta.update(meta)
            tx.dirty = True
