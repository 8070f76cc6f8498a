"""The bundled sample network: fictional people in the real 2023 structure, loaded on request.

Every `store/data/sample_*.json` file (`{table: [records...]}`, full records in the store's format)
is part of the sample, so later features add their own file (messages, outreach) without touching
this module. The records carry fixed ids (uuid5 of a natural key) and one fixed clock stamp older
than any real change, which gives three properties:
- loading is idempotent: a record whose id is already in the store (even edited or deleted) is
  left alone, so loading twice changes nothing and a deleted sample person stays deleted;
- two stores that loaded the sample hold the same records, so sync sees no conflict in them;
- any edit made after loading carries a newer stamp and wins over the sample's value in a merge.
`store/sample_build.py` generates `sample_network.json` from the reference CSVs.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from .db import TABLES, Snapshot, Store
from .errors import LantoaError
from .i18n import _

#: Namespace of the sample's uuid5 ids; never change it, or loading would duplicate the sample.
SAMPLE_NAMESPACE = uuid.UUID("6b1f6c2e-5a0d-5e0a-9a53-4c616e546f61")
#: The one clock stamp of every sample field: 2023-11-24T00:00:00Z, the day the network launched.
SAMPLE_STAMP = "1700784000000-000000-sample00"
SAMPLE_TIME = "2023-11-24T00:00:00.000000Z"
#: Tag on every sample record, so a person can find (and remove) the sample.
SAMPLE_TAG = "mẫu"
#: Every sample phone number starts so (0900 0xx xxx): valid in format, clearly not a real line.
SAMPLE_PHONE_PREFIX = "+849000"
#: Reserved example domains (RFC 2606); every sample email is at one of them or a subdomain.
EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")

Tables = dict[str, list[dict[str, Any]]]


def sample_id(*key: str) -> str:
    """The fixed id of a sample record from its natural key, e.g. ("org", "dept", "22").

    Keys used by sample_network.json: ("org", "mic", name_vi) ministry units, ("org", "dept",
    gso_code) provincial departments, ("org", "press", name_vi) press agencies, ("contact", <org
    key...>, n) people (n counts from 1 within the organisation).
    """
    return str(uuid.uuid5(SAMPLE_NAMESPACE, "/".join(key)))


def is_example_email(email: str) -> bool:
    domain = email.rsplit("@", 1)[-1].lower()
    return any(domain == d or domain.endswith("." + d) for d in EXAMPLE_DOMAINS)


def data_folder() -> Traversable:
    """Where the sample files ship (inside the installed package)."""
    return resources.files("store").joinpath("data")


def sample_files() -> list[Traversable]:
    """The bundled sample files, in name order (so loading order never depends on the disk)."""
    found = [
        entry
        for entry in data_folder().iterdir()
        if entry.name.startswith("sample_") and entry.name.endswith(".json")
    ]
    return sorted(found, key=lambda e: e.name)


def _damaged(name: str, reason: str) -> LantoaError:
    return LantoaError(
        _(
            "The bundled sample file {name} is damaged ({reason}). Reinstall Lan Tỏa.",
            name=name,
            reason=reason,
        )
    )


def read_sample_file(entry: Traversable) -> Tables:
    """One sample file, checked for the shape load_sample relies on."""
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _damaged(entry.name, str(exc)) from None
    if not isinstance(data, dict):
        raise _damaged(entry.name, "not an object")
    for table, rows in data.items():
        if table not in TABLES:
            raise _damaged(entry.name, f"unknown table {table!r}")
        if not isinstance(rows, list) or not all(
            isinstance(r, dict) and isinstance(r.get("id"), str) for r in rows
        ):
            raise _damaged(entry.name, f"{table}: records need an id")
    return data


def sample_data() -> Tables:
    """The whole bundled sample, every file merged, tables in the store's order (fresh copies)."""
    merged: Tables = {}
    for entry in sample_files():
        for table, rows in read_sample_file(entry).items():
            merged.setdefault(table, []).extend(rows)
    return {t: merged[t] for t in TABLES if t in merged}


def load_sample(store: Store) -> dict[str, dict[str, int]]:
    """Add every sample record whose id the store lacks; one transaction, one write at most.

    Records already present (edited, deleted or not) are skipped and left exactly as they are.
    Returns {"added": {table: n}, "skipped": {table: n}}.
    """
    data = sample_data()
    added = dict.fromkeys(data, 0)
    skipped = dict.fromkeys(data, 0)
    with store.transaction(backup="sample") as tx:
        for table, rows in data.items():
            present = tx.by_id(table)
            for record in rows:
                if record["id"] in present:
                    skipped[table] += 1
                    continue
                tx.put(table, record)
                present[record["id"]] = record
                added[table] += 1
    return {"added": added, "skipped": skipped}


def demo_store(path: str | os.PathLike[str]) -> Store:
    """A new store file at `path` holding the whole sample (for `lantoa demo` and UI tests)."""
    store = Store(path)
    if store.exists():
        raise LantoaError(
            _("{path} already exists; a demo store needs a new file.", path=store.path)
        )
    load_sample(store)
    return store


def sample_summary(snapshot: Snapshot | None = None) -> dict[str, Any]:
    """What the bundle holds, and (given a snapshot) how much of it a store already has."""
    data = sample_data()
    tables: dict[str, dict[str, int]] = {}
    for table, rows in data.items():
        counts = {"bundled": len(rows)}
        if snapshot is not None:
            present = snapshot.by_id(table)
            ids = [r["id"] for r in rows if r["id"] in present]
            counts["in_store"] = len(ids)
            counts["deleted_in_store"] = sum(1 for i in ids if present[i].get("deleted"))
        tables[table] = counts
    kinds = Counter(o.get("kind", "other") for o in data.get("organisations", []))
    roles = Counter(c.get("role", "other") for c in data.get("contacts", []))
    return {
        "files": [entry.name for entry in sample_files()],
        "tables": tables,
        "organisations_by_kind": dict(sorted(kinds.items())),
        "contacts_by_role": dict(sorted(roles.items())),
    }
