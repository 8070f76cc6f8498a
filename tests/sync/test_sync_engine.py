"""The sync engine on real files: creation, bad files, backups, base, crashes, races, status."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from synctools import SimClock, content, officer

from store import CorruptStoreError, NewerSchemaError, Store
from store.storage import FORMAT_TAG, SCHEMA_VERSION, list_backups
from store.sync import SyncError, sync, sync_status
from store.sync.sidecar import sync_dir


def add(store: Store, table: str = "contacts", **fields) -> str:
    with store.transaction() as tx:
        return tx.insert(table, fields)["id"]


def edit(store: Store, rid: str, table: str = "contacts", **changes) -> None:
    with store.transaction() as tx:
        tx.update(table, rid, changes)


def values(path: Path) -> dict:
    """Content without ids, clocks and times: what a person sees (those differ between runs)."""
    skip = ("_clock", "created_at", "updated_at", "deleted_at", "id", "record_id", "stamp")
    out = {}
    for table, records in content(path).items():
        rows = [{k: v for k, v in r.items() if k not in skip} for r in records.values()]
        if table == "conflicts":
            rows = [{**r, "kept": r["kept"]["value"], "other": r["other"]["value"]} for r in rows]
        out[table] = sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)
    return out


def test_first_sync_creates_the_shared_file_from_the_store(officers, shared) -> None:
    [a] = officers(1)
    rid = add(a, full_name="Nguyễn Thị Lan", phones=["+84900011122"])
    before = a.path.read_bytes()
    report = sync(a, shared)
    assert report.created and report.shared_changed and not report.local_changed
    assert a.path.read_bytes() == before  # the store itself is untouched
    data = json.loads(shared.read_bytes())
    meta = data["meta"]["1"]
    assert meta["format"] == FORMAT_TAG and meta["schema"] == SCHEMA_VERSION
    assert meta["role"] == "shared"
    assert meta["store_id"] != json.loads(before)["meta"]["1"]["store_id"]
    assert content(shared)["contacts"][rid]["full_name"] == "Nguyễn Thị Lan"
    assert stat.S_IMODE(os.stat(shared).st_mode) & 0o007 == 0  # never world-readable
    [base] = sync_dir(a).glob("*.base.json")
    assert base.read_bytes() == shared.read_bytes()
    assert stat.S_IMODE(os.stat(base).st_mode) == 0o600
    assert Store(shared).load().get("contacts", rid)["full_name"] == "Nguyễn Thị Lan"


def test_two_officers_end_identical_and_a_second_sync_changes_nothing(officers, shared) -> None:
    a, b = officers(2)
    ra = add(a, full_name="A", tags=["x"])
    rb = add(b, full_name="B")
    sync(a, shared)
    report = sync(b, shared)
    assert [c.id for c in report.incoming] == [ra] and [c.id for c in report.outgoing] == [rb]
    sync(a, shared)
    assert content(a.path) == content(b.path) == content(shared)
    for who in (a, b):
        again = sync(who, shared)
        assert not again.changed and not again.incoming and not again.outgoing


def test_unknown_fields_and_tables_survive_the_round_trip(officers, shared) -> None:
    a, b = officers(2)
    with a.transaction() as tx:
        rid = tx.insert("contacts", {"full_name": "A", "x_from_2027": {"deep": [1, 2]}})["id"]
        tx.insert("x_future_table", {"anything": "kept"}, record_id="f1")
    sync(a, shared)
    sync(b, shared)
    got = content(b.path)
    assert got["contacts"][rid]["x_from_2027"] == {"deep": [1, 2]}
    assert got["x_future_table"]["f1"]["anything"] == "kept"
    edit(b, rid, full_name="B")  # an old version edits, unknown things stay
    sync(b, shared)
    sync(a, shared)
    assert content(a.path)["contacts"][rid]["x_from_2027"] == {"deep": [1, 2]}
    assert content(shared)["x_future_table"]["f1"]["anything"] == "kept"


BAD_FILES = {
    "not json": b"hello, this is a letter",
    "truncated": b'{"meta": {"1": {"format": "lantoa", "schema": 1, "store_id": "x"}}, '
    b'"contacts": {"1": {"id": "a", "full_name": "Ng',
    "empty": b"",
    "another app": b'{"users": [1, 2, 3]}',
    "half synced": b'{"meta": {"1": {"format": "lantoa", "schema": 1}}, "contacts": {',
    "newer schema": json.dumps({"meta": {"1": {"format": "lantoa", "schema": 99}}}).encode(),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_bad_shared_file_is_never_merged_nor_overwritten(officers, shared, kind) -> None:
    [a] = officers(1)
    add(a, full_name="A")
    shared.write_bytes(BAD_FILES[kind])
    before_local, before_shared = a.path.read_bytes(), shared.read_bytes()
    expected = NewerSchemaError if kind == "newer schema" else CorruptStoreError
    with pytest.raises(expected) as info:
        sync(a, shared)
    message = str(info.value)
    assert str(shared) in message and "Nothing was synced" in message
    if kind == "newer schema":
        assert "newer Lan Tỏa" in message
    assert shared.read_bytes() == before_shared and a.path.read_bytes() == before_local
    assert not list_backups(a.path) and not sync_dir(a).exists()
    with pytest.raises(expected):
        sync(a, shared, dry_run=True)


def test_dry_run_reports_both_sides_and_writes_nothing(officers, shared) -> None:
    a, b = officers(2)
    rid = add(a, full_name="A", title="old")
    sync(a, shared)
    sync(b, shared)
    edit(a, rid, title="from a")
    edit(b, rid, title="from b")
    add(b, full_name="New")
    sync(b, shared)
    files = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (a.path, shared)}
    sidecars = sorted(p.read_bytes() for p in sync_dir(a).iterdir())
    report = sync(a, shared, dry_run=True)
    assert report.dry_run and report.exit_code == 3
    assert "New" in {c.name for c in report.incoming}
    assert {c.name for c in report.incoming + report.outgoing} == {"New", "A"}
    assert [c["field"] for c in report.new_conflicts] == ["title"]
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == files
    assert sorted(p.read_bytes() for p in sync_dir(a).iterdir()) == sidecars
    assert not list_backups(a.path)


def test_backups_of_both_sides_before_a_changing_sync_only(officers, shared) -> None:
    a, b = officers(2)
    add(a, full_name="A")
    sync(a, shared)
    add(b, full_name="B")
    first_shared = shared.read_bytes()
    report = sync(b, shared)
    assert report.shared_backup and report.shared_backup.read_bytes() == first_shared
    assert report.shared_backup.parent == b.path.parent / "backups"  # not the shared folder
    report = sync(a, shared)
    assert report.local_backup and report.local_backup in list_backups(a.path)
    again = sync(a, shared)
    assert again.local_backup is None and again.shared_backup is None


def test_the_clock_observes_merged_stamps(officers, shared) -> None:
    a, b = officers(2, skews=(0, -3_600_000))  # b's clock is an hour behind
    rid = add(a, full_name="A")
    sync(a, shared)
    sync(b, shared)
    edit(b, rid, title="later")
    stamp = content(b.path)["contacts"][rid]["_clock"]["title"]
    assert stamp > max(content(shared)["contacts"][rid]["_clock"].values())
    sync(b, shared)
    sync(a, shared)
    assert content(a.path)["contacts"][rid]["title"] == "later"


def test_a_far_future_stamp_is_capped_with_a_notice(officers, shared) -> None:
    a, b = officers(2, skews=(3 * 24 * 3_600_000, 0))  # a's clock is three days ahead
    rid = add(a, full_name="A")
    sync(a, shared)
    report = sync(b, shared)
    [notice] = [n for n in report.notices if n.kind == "clock_capped"]
    assert notice.details["count"] >= 1 and "future" in notice.message
    capped = content(shared)["contacts"][rid]["_clock"]["*"]
    assert int(capped[:13]) <= b.now_ms() + 24 * 3_600_000
    edit(b, rid, title="after")
    sync(b, shared)
    sync(a, shared)
    assert content(a.path)["contacts"][rid]["title"] == "after"


CRASH_POINTS = [
    "before_shared_write",
    "after_shared_write",
    "after_copies",
    "after_local_write",
    "after_base_write",
]


class Crash(Exception):
    pass


def scenario(a: Store, b: Store, shared: Path, clock, crash: str | None) -> tuple[Store, Store]:
    """Both officers edit, one also deletes what the other edits; a syncs with a crash."""
    r1, r2 = add(a, full_name="Lan", title="t"), add(a, name="Sở X", table="organisations")
    sync(a, shared)
    sync(b, shared)
    edit(a, r1, title="from a", phones=["+84900000001"])
    clock.ms += 1000
    edit(b, r1, title="from b", tags=["press"])
    with a.transaction() as tx:
        tx.delete("organisations", r2)
    edit(b, r2, table="organisations", notes="edited by b")
    sync(b, shared)

    def hook(point: str) -> None:
        if point == crash:
            raise Crash(point)

    if crash:
        with pytest.raises(Crash):
            sync(a, shared, hooks=hook)
    for who in (a, b, a, b):
        sync(who, shared)
    return a, b


@pytest.mark.parametrize("crash", CRASH_POINTS)
def test_a_crash_at_any_write_step_loses_nothing_and_adds_no_conflict(
    officers, shared, crash, tmp_path, clock
) -> None:
    a, b = scenario(*officers(2), shared, clock, crash)
    assert content(a.path) == content(b.path) == content(shared)
    clean_root = tmp_path / "clean"
    clean_root.mkdir()
    other = SimClock()
    ca, _cb = scenario(
        officer(clean_root / "a", other.of(0)),
        officer(clean_root / "b", other.of(0)),
        clean_root / "shared.json",
        other,
        None,
    )
    assert values(a.path) == values(ca.path)
    conflicts = content(a.path)["conflicts"]
    assert [c["field"] for c in conflicts.values()] == ["title"]


def test_a_sync_that_finds_the_file_changed_re_reads_and_merges_again(officers, shared) -> None:
    a, b, c = officers(3)
    add(a, full_name="A")
    sync(a, shared)
    add(b, full_name="B")
    add(c, full_name="C")
    raced = []

    def hook(point: str) -> None:
        if point == "after_read" and not raced:
            raced.append(point)
            sync(c, shared)  # another officer writes the file meanwhile

    report = sync(b, shared, hooks=hook)
    assert report.attempts == 2
    names = {r["full_name"] for r in content(shared)["contacts"].values()}
    assert names == {"A", "B", "C"}


def test_the_shared_lock_held_elsewhere_makes_a_clear_error(officers, shared, monkeypatch):
    from filelock import FileLock

    import store.sync.engine as engine

    a, b = officers(2)
    add(a, full_name="A")
    sync(a, shared)
    add(b, full_name="B")
    monkeypatch.setattr(engine, "SHARED_LOCK_TIMEOUT_S", 0.2)
    before = b.path.read_bytes()
    with FileLock(str(shared) + ".lock"), pytest.raises(SyncError, match="someone else"):
        sync(b, shared)
    assert b.path.read_bytes() == before


def test_paths_that_cannot_be_a_shared_file(officers, tmp_path) -> None:
    [a] = officers(1)
    add(a, full_name="A")
    with pytest.raises(SyncError, match="this store itself"):
        sync(a, a.path)
    with pytest.raises(SyncError, match="does not exist"):
        sync(a, tmp_path / "no-such-drive" / "shared.json")
    with pytest.raises(SyncError, match="folder"):
        sync(a, tmp_path)


def test_sync_status_for_a_status_line(officers, shared) -> None:
    a, b = officers(2)
    rid = add(a, full_name="A", title="t")
    status = sync_status(a, shared)
    assert status.last_sync is None and status.pending is None and not status.shared_exists
    sync(a, shared)
    status = sync_status(a, shared)
    assert status.last_sync and status.pending == 0 and status.shared_changed is False
    edit(a, rid, title="x")
    add(a, full_name="Z")
    assert sync_status(a, shared).pending == 2
    sync(b, shared)
    edit(b, rid, title="y")
    sync(b, shared)
    status = sync_status(a, shared)
    assert status.shared_changed is True and status.open_conflicts == 0
    sync(a, shared)
    status = sync_status(a, shared)
    assert status.open_conflicts == 1 and status.pending == 0 and status.shared_changed is False
    assert set(status.to_json()) == {
        "file",
        "exists",
        "last_sync",
        "pending",
        "open_conflicts",
        "shared_changed",
    }


def test_progress_is_reported_for_a_ui_worker(officers, shared) -> None:
    [a] = officers(1)
    add(a, full_name="A")
    stages: list[tuple[str, float]] = []
    sync(a, shared, progress=lambda stage, fraction: stages.append((stage, fraction)))
    assert [s for s, _f in stages] == ["read", "merge", "write", "done"]
    assert [f for _s, f in stages] == sorted(f for _s, f in stages)


def test_a_folder_that_cannot_hold_a_lock_still_syncs(officers, shared, monkeypatch) -> None:
    import store.sync.engine as engine

    class NoLock:
        def __init__(self, *args, **kwargs) -> None:
            pass

        def acquire(self) -> None:
            raise PermissionError("read-only share")

    a, b = officers(2)
    add(a, full_name="A")
    sync(a, shared)
    add(b, full_name="B")
    monkeypatch.setattr(engine, "FileLock", NoLock)
    report = sync(b, shared)
    assert [n.kind for n in report.notices] == ["lock_unavailable"]
    assert {r["full_name"] for r in content(shared)["contacts"].values()} == {"A", "B"}


def test_editing_again_after_a_sync_cut_short_is_no_conflict(officers, shared, clock) -> None:
    """The shared file got this device's edit, the store did not record the sync (killed),
    then the same field is edited again here: the newer own edit simply wins."""
    a, b = officers(2)
    rid = add(a, full_name="Lan", notes="v0")
    sync(a, shared)
    sync(b, shared)
    edit(a, rid, notes="v1")

    def cut(point: str) -> None:
        if point == "after_shared_write":
            raise Crash(point)

    with pytest.raises(Crash):
        sync(a, shared, hooks=cut)
    clock.ms += 1000
    edit(a, rid, notes="v2")
    report = sync(a, shared)
    assert report.exit_code == 0 and not report.new_conflicts
    sync(b, shared)
    assert content(b.path)["contacts"][rid]["notes"] == "v2"


def test_set_removals_of_three_officers_converge(officers, shared, clock) -> None:
    """Regression (property test): one officer removes a tag, another (with an earlier clock)
    removes both, after the shared file was created by a third; two rounds make all equal."""
    stores = officers(3, skews=(0, 900, 0))
    rid = "00000000-0000-4000-8000-000000000001"
    for who in stores:
        with who.transaction() as tx:
            tx.insert("contacts", {"full_name": "Lan", "tags": ["s0", "common"]}, record_id=rid)
    a, b, c = stores
    with c.transaction() as tx:  # the same record on every device, as the sample gives
        tx.put("contacts", {**a.load().get("contacts", rid)})
    with b.transaction() as tx:
        tx.put("contacts", {**a.load().get("contacts", rid)})
    sync(c, shared)
    sync(a, shared)
    edit(b, rid, tags=["common"])
    edit(c, rid, tags=None)
    for _round in range(2):
        for who in stores:
            sync(who, shared)
    assert content(a.path) == content(b.path) == content(c.path) == content(shared)
    assert "tags" not in content(shared)["contacts"][rid]
