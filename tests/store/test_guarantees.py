"""The store's guarantees with real processes: kill -9 mid-write, parallel writers, stale locks."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store import Store

pytestmark = pytest.mark.slow

WRITER = """
import sys, itertools
from store import Store
store = Store(sys.argv[1])
for round in itertools.count():
    with store.transaction() as tx:
        for i in range(400):
            tx.insert("contacts", {"full_name": f"Người {round} {i}", "notes": "x" * 200})
    print(round, flush=True)
"""

INCREMENTER = """
import sys
from store import Store
store = Store(sys.argv[1], lock_timeout=60)
name, times = sys.argv[2], int(sys.argv[3])
for i in range(times):
    with store.transaction() as tx:
        counter = tx.get("contacts", "counter")
        tx.update("contacts", "counter", {"n": counter["n"] + 1})
        tx.insert("contacts", {"full_name": f"{name} {i}"})
"""

HOLDER = """
import sys, time
from store import Store
store = Store(sys.argv[1])
with store.locked():
    print("locked", flush=True)
    time.sleep(600)
"""


def _spawn(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE)


def test_kill_9_at_any_instant_leaves_a_loadable_store(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.json")
    store.ensure()
    rng = random.Random(1)
    sizes = set()
    for _ in range(25):
        proc = _spawn(WRITER, str(store.path))
        proc.stdout.readline()  # started and wrote once: now kill it at a random instant
        time.sleep(rng.uniform(0.0, 0.3))
        proc.kill()
        proc.wait()
        snapshot = store.load()  # raises if the file were torn
        sizes.add(len(snapshot.live("contacts")))
    assert len(sizes) > 1, "the writer never got to write: the test proved nothing"
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # a killed writer may leave its temp file behind, but never in place of the store
    assert all(p.name.startswith(".s.json.") for p in leftovers)
    with store.transaction() as tx:  # and the lock of a killed writer never blocks
        tx.insert("contacts", {"full_name": "Sau cùng"})


def test_concurrent_writers_lose_no_change(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.json")
    with store.transaction() as tx:
        tx.insert("contacts", {"full_name": "Bộ đếm", "n": 0}, record_id="counter")
    workers, times = 4, 30
    procs = [_spawn(INCREMENTER, str(store.path), f"W{w}", str(times)) for w in range(workers)]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    snapshot = store.load()
    assert snapshot.get("contacts", "counter")["n"] == workers * times
    assert len(snapshot.live("contacts")) == workers * times + 1


def test_a_lock_held_by_a_killed_process_does_not_block(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.json", lock_timeout=2)
    store.ensure()
    proc = _spawn(HOLDER, str(store.path))
    assert proc.stdout.readline().strip() == b"locked"
    from store import StoreLockedError

    with pytest.raises(StoreLockedError, match="busy"), store.transaction():
        pass
    proc.kill()
    proc.wait()
    start = time.monotonic()
    with store.transaction() as tx:
        tx.insert("contacts", {"full_name": "Được ghi"})
    assert time.monotonic() - start < 2
