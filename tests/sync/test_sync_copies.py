"""Conflict copies left by synced folders: recognised, checked, merged in, moved aside."""

from __future__ import annotations

import json

import pytest
from synctools import content

from store import Store
from store.storage import atomic_write_bytes
from store.sync import sync
from store.sync.copies import MERGED_DIR, find_copies

COPY_NAMES = [
    ("shared.sync-conflict-20250301-101500-ABCDEFG.json", "syncthing"),
    ("shared (Lan's conflicted copy 2025-03-01).json", "dropbox-nextcloud"),
    ("shared (conflicted copy 2025-03-01 101500).json", "dropbox-nextcloud"),
    ("shared (Bản sao xung đột của Minh 2025-03-01).json", "dropbox-nextcloud"),
    ("shared_conflict-20250301-101500.json", "nextcloud"),
    ("shared-DESKTOP-AB12CD.json", "onedrive"),
    ("shared-DESKTOP-AB12CD-2.json", "onedrive"),
    ("shared (1).json", "duplicate"),
]
NOT_COPIES = [
    "shared.json.lock",
    ".shared.json.abc.tmp",
    "other.json",
    "shared (notes).json",
    "shared.json.bak",
    "sharedfile.json",
]


def test_conflict_copy_names_of_every_sync_tool(tmp_path) -> None:
    shared = tmp_path / "shared.json"
    shared.write_text("{}")
    for name, _tool in COPY_NAMES:
        (tmp_path / name).write_text("{}")
    for name in NOT_COPIES:
        (tmp_path / name).write_text("{}")
    found = {c.path.name: c.tool for c in find_copies(shared)}
    assert found == dict(COPY_NAMES)


def lost_lock(a: Store, b: Store, shared, copy_name: str) -> None:
    """a and b sync at the same moment on two machines; the sync tool keeps b's file and
    renames a's to a conflict copy."""
    before = shared.read_bytes()
    sync(a, shared)
    a_version = shared.read_bytes()
    atomic_write_bytes(shared, before)
    sync(b, shared)
    atomic_write_bytes(shared.parent / copy_name, a_version)


@pytest.mark.parametrize("copy_name", [name for name, _tool in COPY_NAMES])
def test_a_conflict_copy_is_merged_in_and_moved_aside(officers, shared, copy_name) -> None:
    a, b = officers(2)
    with a.transaction() as tx:
        rid = tx.insert("contacts", {"full_name": "Lan", "title": "t", "tags": ["x"]})["id"]
    sync(a, shared)
    sync(b, shared)
    with a.transaction() as tx:
        tx.update("contacts", rid, {"title": "from a"})
        tx.insert("contacts", {"full_name": "Only in a's lost write"})
    with b.transaction() as tx:
        tx.update("contacts", rid, {"tags": ["x", "press"]})
    lost_lock(a, b, shared, copy_name)
    report = sync(b, shared)  # b finds a's version beside the file
    [notice] = [n for n in report.notices if n.kind == "copy_merged"]
    moved = shared.parent / MERGED_DIR / copy_name
    assert notice.details["moved_to"] == str(moved) and moved.exists()
    assert not (shared.parent / copy_name).exists()
    sync(a, shared)
    sync(b, shared)
    assert content(a.path) == content(b.path) == content(shared)
    merged = content(shared)["contacts"]
    assert merged[rid]["title"] == "from a" and merged[rid]["tags"] == ["x", "press"]
    assert "Only in a's lost write" in {r["full_name"] for r in merged.values()}
    assert not content(shared).get("conflicts")  # nothing clashed: no conflict to resolve


def test_copies_of_another_shared_file_or_damaged_ones_are_left_alone(officers, shared):
    a, other = officers(2)
    with a.transaction() as tx:
        tx.insert("contacts", {"full_name": "Lan"})
    sync(a, shared)
    unrelated = shared.parent / "unrelated.json"
    sync(other, unrelated)  # a Lan Tỏa shared file of another unit
    strict = shared.parent / "shared.sync-conflict-20250301-101500-ABCDEFG.json"
    strict.write_bytes(unrelated.read_bytes())
    loose = shared.parent / "shared-2024.json"  # OneDrive-like name, another file
    loose.write_bytes(unrelated.read_bytes())
    broken = shared.parent / "shared (Lan's conflicted copy 2025-03-01).json"
    broken.write_bytes(b'{"meta": {"1": {"format": "lantoa", "sch')
    report = sync(a, shared)
    kinds = sorted((n.kind, n.details["path"]) for n in report.notices)
    assert kinds == [("copy_skipped", str(broken)), ("copy_skipped", str(strict))]
    assert strict.exists() and loose.exists() and broken.exists()
    assert not report.changed


def test_a_missing_shared_file_is_rebuilt_from_its_conflict_copy(officers, shared) -> None:
    """The sync tool left only the copy (the file itself was renamed away): same store id."""
    a, b = officers(2)
    with a.transaction() as tx:
        tx.insert("contacts", {"full_name": "Lan"})
    sync(a, shared)
    copy = shared.parent / "shared.sync-conflict-20250301-101500-ABCDEFG.json"
    shared.rename(copy)
    with b.transaction() as tx:
        tx.insert("contacts", {"full_name": "Minh"})
    report = sync(b, shared)
    assert not report.created and [n.kind for n in report.notices] == ["copy_merged"]

    def meta(path):
        return json.loads(path.read_bytes())["meta"]["1"]["store_id"]

    assert meta(shared) == meta(shared.parent / ".lantoa-merged" / copy.name)
    assert {r["full_name"] for r in content(shared)["contacts"].values()} == {"Lan", "Minh"}
