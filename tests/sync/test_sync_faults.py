"""Fault tests with real `lantoa sync` processes: kill -9 at any moment, conflict copies, bad files.

After every kill both files must still load, and the next syncs must bring every edit made by
anyone to both sides. Marked slow (real processes) but quick enough for the default run: 3 kills
by default (about 10 s); LANTOA_FAULT_KILLS=20 kills at many more moments (nightly).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from synctools import content

from store import Store
from store.storage import parse_store_bytes
from store.sync import sync

pytestmark = pytest.mark.slow
LANTOA = [sys.executable, "-c", "from tui.cli import main; main()"]
#: How many syncs to kill -9 (each at another moment); more in a nightly run.
KILLS = max(1, int(os.environ.get("LANTOA_FAULT_KILLS", "3")))


def run_sync(store: Path, shared: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*LANTOA, "--store", str(store), "sync", str(shared), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )


def fill(store: Store, n: int, prefix: str) -> list[str]:
    with store.transaction() as tx:
        return [
            tx.insert(
                "contacts", {"full_name": f"{prefix} {i}", "tags": [prefix], "notes": "x" * 200}
            )["id"]
            for i in range(n)
        ]


def loads(path: Path) -> None:
    if path.exists():
        parse_store_bytes(path, path.read_bytes())


def test_kill_9_during_sync_at_many_moments_loses_nothing(tmp_path: Path) -> None:
    a, b = Store(tmp_path / "a" / "a.json"), Store(tmp_path / "b" / "b.json")
    shared = tmp_path / "shared" / "shared.json"
    shared.parent.mkdir()
    a_ids = fill(a, 1000, "A")
    b_ids = fill(b, 1000, "B")
    sync(a, shared)
    # how long start-up alone and a whole sync of b take (the machine may be busy): each kill
    # lands at another moment between the two, i.e. inside the sync itself
    start = time.perf_counter()
    subprocess.run([*LANTOA, "--store", str(b.path), "where"], capture_output=True)
    startup = time.perf_counter() - start
    start = time.perf_counter()
    assert run_sync(b.path, shared).returncode == 0
    whole = max(time.perf_counter() - start, startup * 1.2)
    rng = random.Random(7)
    expected: dict[str, str] = {}
    kills = rounds = 0
    while kills < KILLS and rounds < 5 * KILLS:
        # new edits on both sides every round, so each sync has work to do on both files
        for store, ids in ((a, a_ids), (b, b_ids)):
            rid = rng.choice(ids)
            with store.transaction() as tx:
                tx.update("contacts", rid, {"notes": f"round {rounds} {store.path.name}"})
            expected[rid] = f"round {rounds} {store.path.name}"
        sync(a, shared)
        proc = subprocess.Popen(
            [*LANTOA, "--store", str(b.path), "sync", str(shared)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(startup, whole))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        else:  # finished first: the machine is quicker now than when start-up was timed
            startup *= 0.75
            whole = max(startup, (startup + whole) / 2)
        proc.wait()
        rounds += 1
        loads(b.path)  # both files are always whole: the old version or the new, never torn
        loads(shared)
    assert kills >= (KILLS + 1) // 2, "the kills should land inside syncs"
    result = run_sync(b.path, shared)  # the killed side recovers through the real command
    assert result.returncode == 0, result.stderr
    sync(a, shared)
    sync(b, shared)
    assert content(a.path) == content(b.path) == content(shared)
    records = content(shared)["contacts"]
    assert len(records) == 2000
    for rid, note in expected.items():
        assert records[rid]["notes"] == note
    assert not content(shared).get("conflicts")


def test_the_shared_file_replaced_by_a_conflict_copy_across_processes(tmp_path: Path) -> None:
    a, b = Store(tmp_path / "a" / "a.json"), Store(tmp_path / "b" / "b.json")
    shared = tmp_path / "sync-folder" / "shared.json"
    shared.parent.mkdir()
    fill(a, 5, "A")
    sync(a, shared)
    sync(b, shared)
    fill(a, 3, "A-new")
    fill(b, 2, "B-new")
    before = shared.read_bytes()
    assert run_sync(a.path, shared).returncode == 0
    a_version = shared.read_bytes()
    shared.write_bytes(before)  # b's machine had not seen a's write yet
    assert run_sync(b.path, shared).returncode == 0
    # Syncthing keeps b's file and renames a's version
    (shared.parent / "shared.sync-conflict-20250301-101500-ABCDEFG.json").write_bytes(a_version)
    result = run_sync(a.path, shared)
    assert result.returncode == 0, result.stderr
    notices = json.loads(result.stdout)["notices"]
    assert [n["kind"] for n in notices] == ["copy_merged"]
    for store in (b, a):  # the rest needs no new process
        sync(store, shared)
    names = {r["full_name"].split()[0] for r in content(shared)["contacts"].values()}
    assert names == {"A", "A-new", "B-new"}
    assert content(a.path) == content(b.path) == content(shared)
    assert list((shared.parent / ".lantoa-merged").iterdir())


BAD = {
    "corrupt": b'{"meta": {"1": {"format": "lantoa", "schema": 1}}, "contacts": [oops]}',
    "truncated": b'{"meta": {"1": {"format": "lantoa", "schema": 1}}, "contacts": {"1": {"id',
    "newer schema": b'{"meta": {"1": {"format": "lantoa", "schema": 42, "store_id": "x"}}}',
}


@pytest.mark.parametrize("kind", list(BAD))
def test_bad_shared_files_through_the_real_command(tmp_path: Path, kind: str) -> None:
    a = Store(tmp_path / "a.json")
    fill(a, 3, "A")
    shared = tmp_path / "shared.json"
    shared.write_bytes(BAD[kind])
    local = a.path.read_bytes()
    result = run_sync(a.path, shared)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert str(shared) in result.stderr and "Nothing was synced" in result.stderr
    assert shared.read_bytes() == BAD[kind] and a.path.read_bytes() == local
