"""The store's promises: one write per change, nothing lost, damage reported, never overwritten."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store import CorruptStoreError, NewerSchemaError, Store, StoreWriteError
from store.clock import HybridClock, parse
from store.records import field_clock
from store.storage import list_backups, make_backup


def test_new_store_file_is_private_and_tagged(store: Store) -> None:
    with store.transaction() as tx:
        tx.insert("contacts", {"full_name": "Nguyễn Thị Lan"})
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    data = json.loads(store.path.read_text(encoding="utf-8"))
    meta = data["meta"]["1"]
    assert meta["format"] == "lantoa" and meta["schema"] == 1
    assert meta["store_id"] and meta["device_id"]
    assert set(data) >= {"organisations", "contacts", "messages", "outreach", "conflicts"}
    assert "Nguyễn Thị Lan" in store.path.read_text(encoding="utf-8")  # readable, not \\u-escaped


def test_records_get_uuid_timestamps_and_a_clock(store: Store) -> None:
    with store.transaction() as tx:
        record = tx.insert("contacts", {"full_name": "Lê Văn Hùng"})
    assert len(record["id"]) == 36 and record["created_at"].endswith("Z")
    assert record["created_at"] == record["updated_at"]
    assert field_clock(record, "full_name") == record["_clock"]["*"]


def test_bulk_insert_makes_the_records_insert_makes(store: Store) -> None:
    """`insert_new` (imports) is `insert` for many records: same keys, order, clock and doc ids."""
    fields = {"full_name": "Đặng Thu Hà", "phones": ["+84912345678"], "notes": None, "id": "x"}
    with store.transaction() as tx:
        one = dict(tx.insert("contacts", fields, record_id="a" * 8))
        tx.insert_new("contacts", [("b" * 8, fields, None), ("c" * 8, fields, "2020-01-01")])
        stamp, now = tx.stamp, tx.now
    table = json.loads(store.path.read_text())["contacts"]
    assert list(table) == ["1", "2", "3"]
    two, three = table["2"], table["3"]
    assert one == {**two, "id": "a" * 8}
    assert (
        list(one)
        == list(two)
        == ["id", "created_at", "updated_at", "full_name", "phones", "_clock"]
    )
    assert two["_clock"] == {"*": stamp} and two["created_at"] == now
    assert three["created_at"] == "2020-01-01" and three["updated_at"] == now


def test_update_keeps_unknown_fields_and_stamps_only_changed_fields(store: Store) -> None:
    with store.transaction() as tx:
        record = tx.insert("contacts", {"full_name": "Lê Văn Hùng", "x_future": {"a": 1}})
    with store.transaction() as tx:
        updated = tx.update(
            "contacts", record["id"], {"title": "Phóng viên", "full_name": "Lê Văn Hùng"}
        )
    assert updated["x_future"] == {"a": 1}
    assert updated["_clock"]["title"] > updated["_clock"]["*"]
    assert "full_name" not in updated["_clock"]  # unchanged value, untouched clock
    assert store.load().get("contacts", record["id"])["x_future"] == {"a": 1}


def test_unknown_tables_and_meta_fields_survive_a_write(store: Store) -> None:
    store.ensure()
    data = json.loads(store.path.read_text())
    data["future_table"] = {"1": {"id": "x", "v": 1}}
    data["meta"]["1"]["future_setting"] = True
    store.path.write_text(json.dumps(data))
    with store.transaction() as tx:
        tx.insert("contacts", {"full_name": "Ai Đó"})
    after = json.loads(store.path.read_text())
    assert after["future_table"] == {"1": {"id": "x", "v": 1}}
    assert after["meta"]["1"]["future_setting"] is True


def test_delete_is_a_tombstone_hidden_from_listings(store: Store) -> None:
    with store.transaction() as tx:
        record = tx.insert("contacts", {"full_name": "Phạm Thu Trang"})
    with store.transaction() as tx:
        tx.delete("contacts", record["id"])
    snapshot = store.load()
    assert snapshot.live("contacts") == []
    assert snapshot.get("contacts", record["id"]) is None
    tomb = snapshot.get("contacts", record["id"], include_deleted=True)
    assert tomb["deleted"] is True and tomb["_clock"]["deleted"] > tomb["_clock"]["*"]
    with store.transaction() as tx:
        tx.restore("contacts", record["id"])
    assert store.load().get("contacts", record["id"])["full_name"] == "Phạm Thu Trang"


def test_transaction_writes_once_and_not_at_all_without_changes(store: Store, monkeypatch) -> None:
    store.ensure()
    writes = []
    import store.storage as storage

    real = storage.atomic_write_bytes
    monkeypatch.setattr(storage, "atomic_write_bytes", lambda p, b: (writes.append(p), real(p, b)))
    with store.transaction() as tx:
        for i in range(500):
            tx.insert("contacts", {"full_name": f"Người {i}"})
    assert len(writes) == 1
    with store.transaction() as tx:
        tx.live("contacts")
    assert len(writes) == 1


def test_exception_inside_a_transaction_writes_nothing(store: Store) -> None:
    with store.transaction() as tx:
        tx.insert("contacts", {"full_name": "Trước"})
    before = store.path.read_bytes()
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.insert("contacts", {"full_name": "Sau"})
        raise RuntimeError("boom")
    assert store.path.read_bytes() == before


def test_reading_a_missing_store_does_not_create_it(store: Store) -> None:
    assert store.load().live("contacts") == []
    assert not store.path.exists()


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "empty"),
        (
            b'{"meta": {"1": {"format": "lantoa", "schema": 1}}, "contacts": {"1": {"id"',
            "truncated",
        ),
        (b"not json at all {", "invalid JSON"),
        (b'{"_default": {"1": {"name": "x"}}}', "not a Lan T"),
        (b"[1, 2, 3]", "not a Lan T"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
    ],
)
def test_damaged_files_are_reported_and_never_overwritten(store: Store, content, why) -> None:
    with store.transaction() as tx:
        tx.insert("contacts", {"full_name": "Có Sao Lưu"})
    make_backup(store.path, "test")
    store.path.write_bytes(content)
    for action in (store.load, lambda: store.transaction().__enter__()):
        with pytest.raises(CorruptStoreError) as info:
            action()
        message = str(info.value)
        assert str(store.path) in message and why in message
        assert "Latest backup" in message and str(list_backups(store.path)[0]) in message
    assert store.path.read_bytes() == content


def test_newer_schema_is_refused_with_a_clear_message(store: Store) -> None:
    store.path.write_text(json.dumps({"meta": {"1": {"format": "lantoa", "schema": 99}}}))
    with pytest.raises(NewerSchemaError, match="newer Lan Tỏa"):
        store.load()
    with pytest.raises(NewerSchemaError), store.transaction():
        pass
    assert json.loads(store.path.read_text())["meta"]["1"]["schema"] == 99


def test_backups_rotate(store: Store) -> None:
    store.ensure()
    for i in range(14):
        with store.transaction() as tx:
            tx.insert("contacts", {"full_name": f"Người {i}"})
        make_backup(store.path, f"r{i}")
    backups = list_backups(store.path)
    assert len(backups) == 10
    assert all(stat.S_IMODE(os.stat(b).st_mode) == 0o600 for b in backups)
    assert backups[0].name.endswith(".r13.bak")


def test_an_unchanged_store_is_not_backed_up_twice(store: Store) -> None:
    """Ten syncs cut short (each backs up first) pushed every older backup out."""
    with store.transaction() as tx:
        tx.insert("contacts", {"full_name": "Một"})
    first = make_backup(store.path, "import")
    for _ in range(12):
        assert make_backup(store.path, "sync") == first  # the same content is already kept
    assert list_backups(store.path) == [first]
    with store.transaction() as tx:
        tx.insert("contacts", {"full_name": "Hai"})
    second = make_backup(store.path, "sync")
    assert second != first and list_backups(store.path) == [second, first]


def test_transaction_backup_is_made_before_the_change(store: Store) -> None:
    with store.transaction() as tx:
        tx.insert("contacts", {"full_name": "Một"})
    with store.transaction(backup="import") as tx:
        tx.insert("contacts", {"full_name": "Hai"})
    [backup] = list_backups(store.path)
    names = [r["full_name"] for r in json.loads(backup.read_text())["contacts"].values()]
    assert names == ["Một"]


def test_write_failure_keeps_the_old_file(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    store = Store(folder / "s.json")
    with store.transaction() as tx:
        tx.insert("contacts", {"full_name": "Giữ Nguyên"})
    before = store.path.read_bytes()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(StoreWriteError, match="intact"), store.transaction() as tx:
            tx.insert("contacts", {"full_name": "Mới"})
    finally:
        folder.chmod(0o700)
    assert store.path.read_bytes() == before


def test_disk_full_is_reported_and_old_file_kept(store: Store, monkeypatch) -> None:
    import errno

    with store.transaction() as tx:
        tx.insert("contacts", {"full_name": "Giữ Nguyên"})
    before = store.path.read_bytes()

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", lambda fd: full(fd, b""))
    with pytest.raises(StoreWriteError, match="disk is full"), store.transaction() as tx:
        tx.insert("contacts", {"full_name": "Mới"})
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert not [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")]


# -- the hybrid logical clock ----------------------------------------------------------------


def test_clock_never_goes_backwards_even_if_the_wall_clock_does() -> None:
    clock = HybridClock("aaaa")
    stamps = [clock.tick(now_ms=t) for t in (1000, 1000, 999, 500, 1001, 1001)]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


def test_clock_moves_past_observed_stamps_and_caps_the_far_future() -> None:
    clock = HybridClock("aaaa")
    clock.observe(HybridClock("bbbb").tick(now_ms=5000), now_ms=1000)
    assert clock.tick(now_ms=1000) > "0000000005000"
    far = HybridClock("cccc").tick(now_ms=10**12)
    clock.observe(far, now_ms=2000)
    assert parse(clock.tick(now_ms=2000)).ms < 10**12


@settings(max_examples=200)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 10**6)), max_size=60))
def test_clock_is_strictly_increasing_for_any_mix_of_ticks_and_observations(events) -> None:
    clock = HybridClock("node")
    other = HybridClock("peer")
    last = ""
    for observe, now in events:
        if observe:
            clock.observe(other.tick(now_ms=now * 3), now_ms=now)
        stamp = clock.tick(now_ms=now)
        assert stamp > last
        last = stamp


def test_stamps_survive_restarts_through_the_meta_record(store: Store) -> None:
    with store.transaction() as tx:
        first = tx.insert("contacts", {"full_name": "A"})["_clock"]["*"]
    meta = json.loads(store.path.read_text())["meta"]["1"]
    meta["clock"] = "9999999999999-000000-zzzzzzzz"  # as if a sync observed a later stamp
    data = json.loads(store.path.read_text())
    data["meta"]["1"] = meta
    store.path.write_text(json.dumps(data))
    with store.transaction() as tx:
        second = tx.insert("contacts", {"full_name": "B"})["_clock"]["*"]
    assert second > "9999999999999" > first


def test_permission_denied_is_reported_and_old_file_kept(store: Store, monkeypatch) -> None:
    import errno

    with store.transaction() as tx:
        tx.insert("contacts", {"full_name": "Giữ Nguyên"})
    before = store.path.read_bytes()

    def denied(src, dst):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(StoreWriteError, match="permission denied"), store.transaction() as tx:
        tx.insert("contacts", {"full_name": "Mới"})
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert not [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")]
