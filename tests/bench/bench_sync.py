"""Benchmark of `sync`: a store and the shared file with N records each, 10% changed on each side.

Run: python -m tests.bench.bench_sync [--sizes 10000 50000] [--changed 0.1]
The timed sync merges both ways (the shared file brings the other officer's changes, the store
sends its own), so it reads both files and the base and writes all three. The floor, measured in
the same run on the same files, is what any sync must do at least: load both files once and
write both once (the store's own JSON codec, atomic durable writes). Target: within 3x.
Both run with the cycle collector off, as in the `lantoa` console script (and inside `sync`).
The machine may be shared: each figure is the best of 3, as wall time and as CPU time of this
process (the CPU ratio is the one that does not depend on what else the machine runs).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson

from store import Store
from store.records import new_id
from store.storage import atomic_write_bytes, dumps
from store.sync import sync
from tests.bench.synth import build_store


def best_of(
    fn: Callable[[], object], setup: Callable[[], object] | None = None, repeat: int = 3
) -> tuple[float, float]:
    """(best wall time, best CPU time) of `repeat` runs, with the cycle collector off."""
    walls, cpus = [], []
    for _ in range(repeat):
        if setup:
            setup()
        gc.collect()
        gc.disable()
        try:
            start, cpu = time.perf_counter(), time.process_time()
            fn()
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        finally:
            gc.enable()
    return min(walls), min(cpus)


def edit_some(store: Store, rng: random.Random, count: int, avoid: set[str]) -> set[str]:
    """Change `count` contacts (title and a tag) in one transaction; returns their ids."""
    with store.transaction() as tx:
        ids = [c["id"] for c in tx.live("contacts") if c["id"] not in avoid]
        chosen = rng.sample(ids, count)
        for rid in chosen:
            record = tx.get("contacts", rid)
            tx.update(
                "contacts",
                rid,
                {
                    "title": f"Đổi {rng.random():.6f}",
                    "tags": [*(record.get("tags") or []), "đã sửa"],
                },
            )
    return set(chosen)


def prepare(root: Path, size: int, changed: int) -> tuple[Path, Path]:
    """Two officers in sync with a shared file; then each changes `changed` records and the
    first syncs. Returns the second officer's folder and the shared folder (to copy per run)."""
    a = build_store(root / "a" / "lantoa.json", size)
    data = json.loads(a.path.read_bytes())
    meta = next(iter(data["meta"].values()))
    meta.update(store_id=new_id(), device_id=new_id())
    b = Store(root / "b" / "lantoa.json")
    b.path.parent.mkdir(parents=True)
    atomic_write_bytes(b.path, dumps(data))
    shared = root / "shared" / "shared.json"
    shared.parent.mkdir()
    for store in (a, b, a):
        sync(store, shared)
    rng = random.Random(size)
    mine = edit_some(a, rng, changed, set())
    edit_some(b, rng, changed, mine)
    sync(a, shared)
    return b.path.parent, shared.parent


def run(size: int, fraction: float) -> dict[str, float]:
    changed = int(size * fraction)
    with tempfile.TemporaryDirectory(prefix="lantoa-bench-sync-") as tmp:
        root = Path(tmp)
        b_dir, shared_dir = prepare(root / "prep", size, changed)
        work = root / "work"

        def fresh() -> None:
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(b_dir, work / "b")
            shutil.copytree(shared_dir, work / "shared")

        def do_sync() -> None:
            report = sync(Store(work / "b" / "lantoa.json"), work / "shared" / "shared.json")
            assert len(report.incoming) >= changed and len(report.outgoing) >= changed

        sync_s = best_of(do_sync, fresh)
        fresh()
        local_file, shared_file = work / "b" / "lantoa.json", work / "shared" / "shared.json"

        def floor() -> None:
            first = orjson.loads(local_file.read_bytes())
            second = orjson.loads(shared_file.read_bytes())
            atomic_write_bytes(work / "floor-1.json", dumps(first))
            atomic_write_bytes(work / "floor-2.json", dumps(second))

        def floor_stdlib() -> None:
            first = json.loads(local_file.read_bytes())
            second = json.loads(shared_file.read_bytes())
            atomic_write_bytes(work / "floor-1.json", json.dumps(first).encode())
            atomic_write_bytes(work / "floor-2.json", json.dumps(second).encode())

        floor_s = best_of(floor)
        floor_std_s = best_of(floor_stdlib)
        do_sync()
        noop_s = best_of(lambda: sync(Store(local_file), shared_file))
        mb = (local_file.stat().st_size + shared_file.stat().st_size) / 1e6
    return {
        "size": size,
        "changed": changed,
        "mb": mb,
        "sync": sync_s[0],
        "floor": floor_s[0],
        "sync_cpu": sync_s[1],
        "floor_cpu": floor_s[1],
        "floor_stdlib": floor_std_s[0],
        "noop": noop_s[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--changed", type=float, default=0.1)
    args = parser.parse_args()
    print(
        f"{'records':>8} {'changed':>8} {'MB':>6} {'sync s':>8} {'floor s':>8} {'ratio':>6} "
        f"{'CPU s':>7} {'floor':>6} {'ratio':>6} {'vs stdlib json':>15} {'no-op s':>8}"
    )
    for size in args.sizes:
        r = run(size, args.changed)
        print(
            f"{r['size']:>8} {r['changed']:>8} {r['mb']:>6.1f} {r['sync']:>8.3f} "
            f"{r['floor']:>8.3f} {r['sync'] / r['floor']:>5.2f}x "
            f"{r['sync_cpu']:>7.3f} {r['floor_cpu']:>6.3f} {r['sync_cpu'] / r['floor_cpu']:>5.2f}x "
            f"{r['sync'] / r['floor_stdlib']:>14.2f}x {r['noop']:>8.3f}"
        )


if __name__ == "__main__":
    main()
