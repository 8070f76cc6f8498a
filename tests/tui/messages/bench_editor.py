"""Benchmark of the story-card editor: what typing costs, and how long a card takes to open.

Run: python tests/tui/messages/bench_editor.py [--repeat 3] [--json]

Everything runs through Textual's `run_test` (headless) on the bundled sample network, opening its
incomplete policy draft (29 fields, 24 findings), so it times the real app. Reference points
measured in the same run: opening the network's contact form (15 fields) and a plain `json.loads`
of the store file; results are also given as ratios to them, so they hold on a noisy machine.

- checks: one run of what the debounce timer does (clean the form, check, in-memory), with one
  field changed each time as typing does (per-field caches hit for the rest);
- keystroke: a key event posted until the repaint that shows the typed character (the checks do
  not run per key: they wait for a pause in typing, DEBOUNCE);
- checklist: from the last key of a burst to the repaint that shows the new checklist;
- open: from Enter on the list to the first repaint that shows the card (the view shown, checked,
  the cursor in its start field scrolled into view), wall and CPU: the first card of the app
  run (a new editor), and the cards opened after it in the same run (REOPENED: the three sample
  cards in turn, `--reopens` rounds; the editor of the last card is refilled, editor_open.py).
- the contact form, the same way: from the key to the first repaint with the cursor in its first
  field. (Repaints are timed on every screen of the app: the form is a screen of its own, and
  timing only the main screen's repaints waited for the next one there, half a minute later.)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent.parent), str(HERE), str(HERE.parent)]

from textual import events  # noqa: E402
from textual.screen import Screen  # noqa: E402

from store.checks import check_message  # noqa: E402
from store.sample import demo_store  # noqa: E402
from tui.app import create_app  # noqa: E402
from tui.messages.editor import DEBOUNCE  # noqa: E402
from tui.messages.formvalues import FormState  # noqa: E402

DRAFT = "41c1608f-276c-5c91-a0c0-60c17b572c71"
#: Opened after the first card, in turn: complete (vi, three figures), complete (en), the draft.
REOPENED = (
    "81e18262-15d3-5e3d-a02c-d204a8153e18",
    "4e3aabca-a0a6-5fa7-b04c-a42d3021bac0",
    DRAFT,
)
TYPED = "Nguoi dan cho lau"


def checks_ms(record: dict, runs: int = 200) -> float:
    state = FormState.open(record)
    values = dict(state.initial)
    times = []
    for i in range(runs):
        values["lead"] = record["lead"] + " x" * (i % 7)  # a field changes, as typing does
        start = time.perf_counter()
        merged, _errors = state.checked(values)
        check_message(merged)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def card_ready(app, section) -> bool:
    """The card is shown, checked, with the cursor in a field of it scrolled into view."""
    editor = section.editor
    if editor is None or not editor._built or editor.report is None:
        return False  # (`_built` first: a query each ms would walk a card being built)
    if section.query_one("#msg-views").current != "msg-editor":
        return False
    focused = app.focused
    return (
        editor.form.reveals > 0
        and focused is not None
        and editor.form in focused.ancestors
        and editor.checklist.option_list.option_count > 0
    )


async def run_app(path: Path, reopens: int) -> dict:
    from store import Store

    app = create_app(Store(path), config={})
    painted: list[float] = []
    refresh = Screen._compositor_refresh

    def timed_refresh(screen: Screen) -> None:
        refresh(screen)
        if screen.app is app:
            painted.append(time.perf_counter())

    Screen._compositor_refresh = timed_refresh  # every screen: the contact form is one
    try:
        return await _run(app, painted, reopens)
    finally:
        Screen._compositor_refresh = refresh


async def _run(app, painted: list[float], reopens: int) -> dict:
    async def repaint_after(moment: float) -> float:
        while not painted or painted[-1] < moment:
            await asyncio.sleep(0.0005)
        return painted[-1]

    async def timed_open(section, start) -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        start()
        while not card_ready(app, section):
            await asyncio.sleep(0.001)
        return await repaint_after(time.perf_counter()) - t0, time.process_time() - c0

    async def select_row(section, record_id: str) -> None:
        rows = section.table.rows_data
        section.table.move_cursor(
            row=next(i for i, (r, _) in enumerate(rows) if r["id"] == record_id)
        )
        section.table.focus()
        await pilot.pause(0.3)

    async def back_to_list(section) -> None:
        section.close_editor()
        while section.editor is not None or any(
            w.group == "close-editor" and w.is_running for w in app.workers
        ):
            await pilot.pause(0.01)
        await pilot.pause(0.3)

    async with app.run_test(size=(120, 40)) as pilot:
        while app.data is None:
            await asyncio.sleep(0.01)
        await pilot.pause(0.5)
        # the reference: the network's contact form
        network = app.main_screen.query_one("#section-network")
        network.contact_list.focus()
        await pilot.pause(0.3)
        start, cpu = time.perf_counter(), time.process_time()
        network.action_edit()
        while app.focused is None or app.focused.id != "field-full_name":
            await asyncio.sleep(0.001)
        form_open = await repaint_after(time.perf_counter()) - start
        form_cpu = time.process_time() - cpu
        app.screen.dismiss(None)
        await pilot.pause(0.5)
        # the card
        await pilot.press("f3")
        await pilot.pause(0.5)
        section = app.main_screen.query_one("#section-messages")
        await select_row(section, DRAFT)
        card_open, card_cpu = await timed_open(section, section.action_open)
        editor = section.editor
        field = editor.form.fields["problem"]
        field.focus()
        await pilot.pause(1.0)
        per_key, checklist = [], []
        for word in TYPED.split():
            for char in " " + word:
                before = field.text
                start = time.perf_counter()
                app.post_message(events.Key(char if char != " " else "space", char))
                while field.text == before:
                    await asyncio.sleep(0.0005)
                per_key.append(await repaint_after(time.perf_counter()) - start)
                await asyncio.sleep(0.12)  # about 8 keys a second: faster than the debounce
            report = editor.report
            start = time.perf_counter()
            while editor.report is report:
                await asyncio.sleep(0.0005)
            checklist.append(await repaint_after(time.perf_counter()) - start)
        editor.closing = True  # leave the sample untouched
        await back_to_list(section)
        reopened = []
        for _round in range(reopens):
            for record_id in REOPENED:
                await select_row(section, record_id)
                reopened.append(await timed_open(section, section.action_open))
                section.editor.closing = True  # nothing typed: nothing to save
                await back_to_list(section)
    return {
        "form_open": form_open,
        "form_cpu": form_cpu,
        "card_open": card_open,
        "card_cpu": card_cpu,
        "reopened": reopened,
        "keys": per_key,
        "checklist": checklist,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reopens", type=int, default=2, help="rounds of cards opened after")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("LANTOA_DATA_DIR", str(Path(tmp) / "data"))
        os.environ.setdefault("LANTOA_CONFIG_DIR", str(Path(tmp) / "config"))
        path = Path(tmp) / "store.json"
        store = demo_store(path)
        record = store.load().by_id("messages")[DRAFT]
        floor = min(_timed(lambda: json.loads(path.read_bytes())) for _ in range(5))
        checks = checks_ms(record)
        asyncio.run(run_app(path, 1))  # warm: imports and CSS, as any start pays
        runs = [asyncio.run(run_app(path, args.reopens)) for _ in range(args.repeat)]
    keys = [k for r in runs for k in r["keys"]]
    out = {
        "floor_json_load_ms": round(floor * 1000, 1),
        "checks_median_ms": round(checks, 2),
        "keystroke_median_ms": round(statistics.median(keys) * 1000, 1),
        "keystroke_p90_ms": round(sorted(keys)[int(len(keys) * 0.9)] * 1000, 1),
        "checklist_after_last_key_median_ms": round(
            statistics.median(c for r in runs for c in r["checklist"]) * 1000, 1
        ),
        "debounce_ms": round(DEBOUNCE * 1000),
        "card_open_median_ms": round(statistics.median(r["card_open"] for r in runs) * 1000),
        "card_open_cpu_median_ms": round(statistics.median(r["card_cpu"] for r in runs) * 1000),
        "next_card_open_median_ms": round(
            statistics.median(w for r in runs for w, _c in r["reopened"]) * 1000
        ),
        "next_card_open_cpu_median_ms": round(
            statistics.median(c for r in runs for _w, c in r["reopened"]) * 1000
        ),
        "contact_form_open_median_ms": round(
            statistics.median(r["form_open"] for r in runs) * 1000
        ),
        "contact_form_open_cpu_median_ms": round(
            statistics.median(r["form_cpu"] for r in runs) * 1000
        ),
    }
    out["card_open_over_contact_form"] = round(
        out["card_open_cpu_median_ms"] / max(out["contact_form_open_cpu_median_ms"], 1), 2
    )
    out["checks_over_floor"] = round(
        out["checks_median_ms"] / max(out["floor_json_load_ms"], 0.001), 2
    )
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"floor: json.loads of the sample store {out['floor_json_load_ms']} ms")
    print(
        f"checks per pause in typing: {out['checks_median_ms']} ms "
        f"({out['checks_over_floor']}x floor)"
    )
    print(
        f"keystroke to repaint: median {out['keystroke_median_ms']} ms, "
        f"p90 {out['keystroke_p90_ms']} ms"
    )
    print(
        f"checklist shown after the last key: median "
        f"{out['checklist_after_last_key_median_ms']} ms (debounce {out['debounce_ms']} ms)"
    )
    print(
        f"open the next cards: {out['next_card_open_median_ms']} ms "
        f"(CPU {out['next_card_open_cpu_median_ms']} ms)"
    )
    print(
        f"open a first card: {out['card_open_median_ms']} ms (CPU {out['card_open_cpu_median_ms']} "
        f"ms); the contact form: {out['contact_form_open_median_ms']} ms (CPU "
        f"{out['contact_form_open_cpu_median_ms']} ms); ratio "
        f"{out['card_open_over_contact_form']}"
    )


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
