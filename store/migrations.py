"""Schema migrations: each step turns version N into N+1, in memory; the store backs up first.

Schema 1 is the first released format, so the table of steps is empty; a new format adds
`MIGRATIONS[1] = _v1_to_v2` and a test that opens a schema-1 file.
"""

from __future__ import annotations

from collections.abc import Callable

from .storage import META_TABLE, SCHEMA_VERSION

MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def migrate(data: dict) -> tuple[dict, bool]:
    """Bring `data` up to SCHEMA_VERSION; returns (data, whether anything changed)."""
    meta = next(iter(data[META_TABLE].values()))
    version = meta["schema"]
    changed = False
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        meta = next(iter(data[META_TABLE].values()))
        meta["schema"] = version
        changed = True
    return data, changed
