"""Benchmark of outreach bulk commands, as ratios to plain `json.load` of the same store file.

Run: python -m tests.bench.bench_outreach [--recipients 5000] [--existing 5000] [--repeat 3]

The store holds the 63 departments, 100 press agencies, `recipients` contacts and `existing`
outreach items of an earlier message (so the double-pitch check has history to scan). Each
command is the store-level call the CLI and the TUI make, one transaction and one write each:
plan to every contact, mark all of them done, read the coverage and the list, undo the "done",
undo the plan.
The floor (`json.load` of the file as it is before the command) is measured in the same run;
each figure is the best of `repeat` runs on a fresh copy of the file.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from store import Store
from store.outreach import (
    OutreachSettings,
    PlanRequest,
    coverage_report,
    list_items,
    mark_done,
    plan_outreach,
    undo_last,
)
from tests.bench.synth import build_store

SETTINGS = OutreachSettings(owner="bench", double_pitch_days=14)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def floor(path: Path, repeat: int = 5) -> float:
    return min(timed(lambda: json.loads(path.read_bytes()))[0] for _ in range(repeat))


def prepare(path: Path, recipients: int, existing: int) -> list[str]:
    """The synthetic network, two messages, and `existing` items of the older message."""
    store = build_store(path, recipients)
    with store.transaction() as tx:
        tx.insert(
            "messages",
            {"title": "Bench old", "kind": "policy", "status": "ready"},
            record_id="bench-old",
        )
        tx.insert(
            "messages",
            {"title": "Bench new", "kind": "policy", "status": "ready"},
            record_id="bench-new",
        )
    contacts = [c["id"] for c in store.load().live("contacts")]
    if existing:
        plan_outreach(
            store, PlanRequest(message="bench-old", contacts=contacts[:existing]), SETTINGS
        )
        with store.transaction() as tx:  # start with an empty undo journal
            tx.meta.pop("outreach_undo", None)
            tx.dirty = True
    return contacts


def run_once(base: Path, work: Path, contacts: list[str]) -> dict[str, tuple[float, float]]:
    """(seconds, floor seconds) per command, on a fresh copy of the prepared store."""
    shutil.copyfile(base, work)
    store = Store(work)
    out: dict[str, tuple[float, float]] = {}

    base_floor = floor(work)
    seconds, result = timed(
        lambda: plan_outreach(store, PlanRequest(message="bench-new", contacts=contacts), SETTINGS)
    )
    assert len(result.created) == len(contacts), "every recipient must be planned"
    out[f"plan {len(contacts)}"] = (seconds, base_floor)
    ids = [r["id"] for r in result.created]

    planned_floor = floor(work)
    seconds, done = timed(lambda: mark_done(store, ids, SETTINGS, note="bench"))
    assert len(done.changed) == len(ids)
    out[f"done {len(ids)}"] = (seconds, planned_floor)

    done_floor = floor(work)
    seconds, _cov = timed(lambda: coverage_report(store.load(), "bench-new"))
    out["coverage report"] = (seconds, done_floor)
    seconds, _views = timed(lambda: list_items(store.load()))
    out["list all items"] = (seconds, done_floor)

    seconds, undone = timed(lambda: undo_last(store, SETTINGS))
    assert len(undone.reverted) == len(ids)
    out[f"undo done {len(ids)}"] = (seconds, done_floor)

    undone_floor = floor(work)
    seconds, undone = timed(lambda: undo_last(store, SETTINGS))
    assert len(undone.reverted) == len(ids) and undone.command["command"] == "plan"
    out[f"undo plan {len(ids)}"] = (seconds, undone_floor)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=5_000)
    parser.add_argument("--existing", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.json"
        work = Path(tmp) / "work.json"
        contacts = prepare(base, args.recipients, args.existing)
        best: dict[str, tuple[float, float]] = {}
        for _ in range(args.repeat):
            for name, (seconds, floor_s) in run_once(base, work, contacts).items():
                if name not in best or seconds < best[name][0]:
                    best[name] = (seconds, floor_s)
        size = base.stat().st_size / 1e6
        print(
            f"store: {args.recipients} contacts, {args.existing} earlier outreach items, "
            f"{size:.1f} MB before planning; best of {args.repeat}"
        )
        print(f"{'command':<20} {'seconds':>9} {'json.load floor':>16} {'ratio':>7}")
        for name, (seconds, floor_s) in best.items():
            print(f"{name:<20} {seconds:>9.3f} {floor_s:>16.3f} {seconds / floor_s:>6.1f}x")


if __name__ == "__main__":
    main()
