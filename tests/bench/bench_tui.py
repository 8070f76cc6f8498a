"""Benchmark of the app: time to ready and keystroke-to-update, at 10,000 and 50,000 contacts.

Run: python -m tests.bench.bench_tui [--sizes 10000 50000] [--repeat 3]

Everything runs through Textual's `run_test` (headless), so it times the real app: loading worker,
index, list widget, compositor. The floor, measured in the same run, is a plain `json.load` of the
same store file; results are also given as ratios to it, so they hold on a noisy machine.

- ready: from creating the app to the first repaint showing the contacts with the search box
  focused (wall time, and the process's CPU time, which a busy machine inflates less);
- max UI stall while loading: the longest gap seen by a 10 ms asyncio ticker (the UI thread);
- keystroke: a key event posted until the screen repaint that shows the updated list, for each
  key of "quang ninh" then four backspaces, typed at ~6 keys a second (the first key scans the
  whole index, later ones refine the previous result).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tui"))

from bigstore import make_store
from textual import events

from store.network import ContactFilter, ContactIndex
from tui.app import create_app
from tui.sections.network_search import ContactSearch

KEYS = [*"quang ninh", "backspace", "backspace", "backspace", "backspace"]


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


async def run_app(path: Path, keys: list[str]) -> dict:
    """One app run: ready time, UI stall while loading, and per-key update times."""
    from store import Store

    stalls: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            stalls.append(now - last - 0.01)
            last = now

    started = time.perf_counter()
    cpu_started = time.process_time()
    app = create_app(Store(path), config={})
    painted: list[float] = []
    screen = app.main_screen
    compositor_refresh = screen._compositor_refresh

    def timed_refresh() -> None:  # the screen's repaint: record when each one finishes
        compositor_refresh()
        painted.append(time.perf_counter())

    screen._compositor_refresh = timed_refresh
    async with app.run_test(size=(120, 40)) as pilot:
        tick = asyncio.create_task(ticker())
        section = None
        while True:
            await asyncio.sleep(0.001)
            if app.data is None:
                continue
            section = app.main_screen.section
            if section.contact_list.rows and app.focused is section.search_input:
                break
        shown = time.perf_counter()
        while not painted or painted[-1] < shown:  # ... and painted on the screen
            await asyncio.sleep(0.001)
        ready = painted[-1] - started
        ready_cpu = time.process_time() - cpu_started
        done.set()
        await tick
        await pilot.pause(1.0)  # nobody types within a second of the window appearing
        per_key = []
        cpu = []
        for key in keys:
            version = section.contact_list.version
            start = time.perf_counter()
            cpu_start = time.process_time()
            app.post_message(events.Key(key, None if len(key) > 1 else key))
            while section.contact_list.version == version:
                await asyncio.sleep(0.0005)
            changed = time.perf_counter()
            while not painted or painted[-1] < changed:
                await asyncio.sleep(0.0005)
            per_key.append(painted[-1] - start)
            cpu.append(time.process_time() - cpu_start)
            await asyncio.sleep(0.15)  # a person types about 5-8 keys a second
        screen._compositor_refresh = compositor_refresh
        shown = len(section.contact_list.rows)
    return {
        "ready": ready,
        "ready_cpu": ready_cpu,
        "stall": max(stalls, default=0.0),
        "keys": per_key,
        "cpu": cpu,
        "shown": shown,
    }


def measure(size: int, repeat: int, folder: Path) -> dict:
    path = folder / f"store-{size}.json"
    make_store(path, size)
    floor = best(lambda: json.loads(path.read_bytes()), repeat)
    from store import Store

    def load_and_index() -> None:
        index = ContactIndex(Store(path).load())
        index.prepare()

    load = best(load_and_index, repeat)
    index = ContactIndex(Store(path).load())
    search = ContactSearch(index)
    first_filter = best(lambda: ContactSearch(index).run(ContactFilter(search="q")), repeat)
    search.run(ContactFilter(search="quang nin"))
    runs = [asyncio.run(run_app(path, KEYS)) for _ in range(repeat)]
    ready = [r["ready"] for r in runs]
    keys = [k for r in runs for k in r["keys"]]
    cpu = [k for r in runs for k in r["cpu"]]
    return {
        "contacts": size,
        "floor_json_load_s": round(floor, 4),
        "store_load_and_index_s": round(load, 4),
        "filter_first_key_s": round(first_filter, 4),
        "ready_best_s": round(min(ready), 3),
        "ready_median_s": round(statistics.median(ready), 3),
        "ready_over_floor": round(min(ready) / floor, 1),
        "ready_cpu_median_s": round(statistics.median(r["ready_cpu"] for r in runs), 3),
        "max_ui_stall_while_loading_s": round(min(r["stall"] for r in runs), 3),
        "keystroke_median_ms": round(statistics.median(keys) * 1000, 1),
        "keystroke_p90_ms": round(sorted(keys)[int(len(keys) * 0.9)] * 1000, 1),
        "keystroke_max_ms": round(max(keys) * 1000, 1),
        "first_key_median_ms": round(statistics.median(r["keys"][0] for r in runs) * 1000, 1),
        "keystroke_cpu_median_ms": round(statistics.median(cpu) * 1000, 1),
        "shown_after_keys": runs[0]["shown"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_store(folder / "warm.json", 10)
        asyncio.run(run_app(folder / "warm.json", []))  # imports and CSS, as any start pays
        results = [measure(size, args.repeat, folder) for size in args.sizes]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for r in results:
        print(
            f"{r['contacts']:>6} contacts: floor json.load {r['floor_json_load_s'] * 1000:.0f} ms,"
            f" load+index {r['store_load_and_index_s'] * 1000:.0f} ms"
        )
        print(
            f"        ready {r['ready_best_s'] * 1000:.0f} ms best, "
            f"{r['ready_median_s'] * 1000:.0f} ms median ({r['ready_over_floor']}x floor; "
            f"CPU {r['ready_cpu_median_s'] * 1000:.0f} ms); "
            f"longest UI stall while loading {r['max_ui_stall_while_loading_s'] * 1000:.0f} ms"
        )
        print(
            f"        keystroke to repaint: median {r['keystroke_median_ms']} ms, "
            f"p90 {r['keystroke_p90_ms']} ms, max {r['keystroke_max_ms']} ms "
            f"(first key {r['first_key_median_ms']} ms; filter alone "
            f"{r['filter_first_key_s'] * 1000:.1f} ms; CPU per key "
            f"{r['keystroke_cpu_median_ms']} ms)"
        )


if __name__ == "__main__":
    main()
