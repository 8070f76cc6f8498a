"""Benchmark of the store and the CLI's hot paths, as ratios to plain `json.load` of the same file.

Run: python -m tests.bench.bench_store [--sizes 10000 50000]
The floor is measured in the same run, so the ratios hold on a noisy shared machine.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from store import network
from tests.bench.synth import build_store

#: The `lantoa` script of the Python running the benchmark (a venv need not be activated).
LANTOA = str(Path(sys.executable).with_name("lantoa"))


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """Best wall time of `repeat` cold runs (sort-key caches cleared, as in a fresh process)."""
    from store.vietnamese import name_sort_key, word_key

    times = []
    for _ in range(repeat):
        name_sort_key.cache_clear()
        word_key.cache_clear()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def without_gc(fn: Callable[[], object]) -> Callable[[], object]:
    """Run as the CLI runs its commands: with cyclic garbage collection off (see tui.cli.main)."""
    import gc

    def run() -> object:
        gc.disable()
        try:
            return fn()
        finally:
            gc.enable()

    return run


def list_json(path: Path) -> None:
    """What `lantoa contacts list --json` does after start-up."""
    from store import Store

    snapshot = Store(path).load()
    views = network.list_contacts(snapshot, network.ContactFilter())
    import orjson

    io.BytesIO().write(orjson.dumps(views, option=orjson.OPT_INDENT_2))


def search(path: Path, query: str) -> None:
    from store import Store

    snapshot = Store(path).load()
    network.list_contacts(snapshot, network.build_filter(snapshot, search=query))


def cli_wall(path: Path, *args: str) -> float:
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([LANTOA, "--store", str(path), *args], check=True, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 50_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(
            f"{'contacts':>9} {'file MB':>8} {'json.load':>10} {'list --json':>18} "
            f"{'search':>16} {'CLI wall (list --json)':>24}"
        )
        for size in args.sizes:
            path = Path(tmp) / f"s{size}.json"
            build_store(path, size)
            floor = best_of(lambda p=path: json.loads(p.read_bytes()))
            listed = best_of(without_gc(lambda p=path: list_json(p)))
            found = best_of(without_gc(lambda p=path: search(p, "quang ninh")))
            wall = cli_wall(path, "contacts", "list", "--json")
            mb = path.stat().st_size / 1e6
            print(
                f"{size:>9} {mb:>8.1f} {floor * 1000:>8.0f}ms "
                f"{listed * 1000:>7.0f}ms ({listed / floor:>4.2f}x) "
                f"{found * 1000:>6.0f}ms ({found / floor:>4.2f}x) {wall * 1000:>14.0f}ms"
            )
            sys.stdout.flush()


if __name__ == "__main__":
    main()
