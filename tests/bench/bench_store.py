"""Benchmark of the store and the CLI's hot paths, as ratios to plain `json.load` of the same file.

Run: python -m tests.bench.bench_store [--sizes 10000 50000] [--repeat 7] [--no-cli]
The floor is measured in the same run, in turns with the measured paths (floor, list, search,
floor, ...), so a slow spell of a noisy shared machine hits them alike. Each figure gives the best
time, its ratio to the best floor, the median of the per-round ratios (steadier than the best on a
busy machine) and the ratio of best CPU times.
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


def clear_caches() -> None:
    """Forget the sort keys, as a fresh process starts without them."""
    from store.vietnamese import name_sort_key, word_key

    name_sort_key.cache_clear()
    word_key.cache_clear()


def in_turns(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, list[tuple]]:
    """(wall, CPU) times of `repeat` cold runs of each function, taking turns round by round.

    The floor and the measured paths run side by side, so a slow spell of the shared machine
    slows them alike; per-round ratios (floor and path from the same round) are then stable
    enough to give a median as well as the best.
    """
    times: dict[str, list[tuple]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            clear_caches()
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return times


def ratios(times: dict[str, list[tuple]], name: str) -> tuple[float, float, float, float]:
    """Best time, best wall ratio, median per-round wall ratio and best CPU ratio to the floor."""
    floor, path = times["floor"], times[name]
    best = min(t[0] for t in path)
    median = statistics.median(p[0] / f[0] for p, f in zip(path, floor, strict=True))
    best_cpu = min(t[1] for t in path) / min(t[1] for t in floor)
    return best, best / min(t[0] for t in floor), median, best_cpu


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
    parser.add_argument("--repeat", type=int, default=7, help="rounds (best and median count)")
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI wall-time column")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(
            "ratio = best time / best floor; med = median of per-round ratios; cpu = ratio of "
            "best CPU times"
        )
        print(
            f"{'contacts':>9} {'file MB':>8} {'json.load':>10} "
            f"{'list --json (ratio, med, cpu)':>34} {'search (ratio, med, cpu)':>34} "
            f"{'CLI wall (list --json)':>23}"
        )
        for size in args.sizes:
            path = Path(tmp) / f"s{size}.json"
            build_store(path, size)
            times = in_turns(
                {
                    "floor": lambda p=path: json.loads(p.read_bytes()),
                    "list": without_gc(lambda p=path: list_json(p)),
                    "search": without_gc(lambda p=path: search(p, "quang ninh")),
                },
                args.repeat,
            )
            floor = min(t[0] for t in times["floor"])
            cells = []
            for name in ("list", "search"):
                best, ratio, median, cpu = ratios(times, name)
                cells.append(f"{best * 1000:>7.0f}ms ({ratio:.2f}x, {median:.2f}x, {cpu:.2f}x)")
            wall = (
                "-"
                if args.no_cli
                else f"{cli_wall(path, 'contacts', 'list', '--json') * 1000:.0f}ms"
            )
            mb = path.stat().st_size / 1e6
            print(
                f"{size:>9} {mb:>8.1f} {floor * 1000:>8.0f}ms {cells[0]:>34} {cells[1]:>34} "
                f"{wall:>23}"
            )
            sys.stdout.flush()


if __name__ == "__main__":
    main()
