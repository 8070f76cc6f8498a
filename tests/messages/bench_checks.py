"""Benchmark: is `check_message` cheap enough to re-run on every (debounced) keystroke?

Run: /tmp/venv/bin/python tests/messages/bench_checks.py

Floor: splitting the same card's text into tokens once (`re.findall(r"\\S+")`), the least any
check must do. Reported: the time of a full check when nothing is cached (first open), and after
one keystroke in one field (the editor's case), as milliseconds and as ratios to the floor.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from store.checks import check_message, clarity, numbers

TODAY = date(2023, 12, 1)


def _cards() -> dict[str, dict]:
    path = Path(__file__).resolve().parents[2] / "store" / "data" / "sample_messages.json"
    samples = {r["title"]: r for r in json.loads(path.read_text(encoding="utf-8"))["messages"]}
    revenue = samples["Doanh thu ngành năm 2022"]
    long = dict(revenue)
    long["story"] = " ".join([revenue["story"]] * 30)  # ~2,700 words of story
    return {"sample card": revenue, "long card (story x30)": long}


def _clear() -> None:
    numbers.find_numbers.cache_clear()
    clarity._sentence_findings.cache_clear()
    clarity._phrase_findings.cache_clear()
    clarity._acronyms_in.cache_clear()
    clarity._folded.cache_clear()


def _time(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    for name, card in _cards().items():
        text = " ".join(v for v in card.values() if isinstance(v, str))
        floor = _time(lambda text=text: re.findall(r"\S+", text), 200)

        def cold(card=card) -> None:
            _clear()
            check_message(card, today=TODAY)

        state = {"i": 0}

        def keystroke(card=card, state=state) -> None:
            state["i"] += 1
            edited = dict(card, problem=card["problem"] + "x" * (state["i"] % 50))
            check_message(edited, today=TODAY)

        cold_s = _time(cold, 30)
        keystroke(card)
        key_s = _time(keystroke, 100)
        print(
            f"{name}: {len(text.split())} tokens; floor {floor * 1e3:.3f} ms; "
            f"cold check {cold_s * 1e3:.2f} ms ({cold_s / floor:.0f}x floor); "
            f"after one keystroke {key_s * 1e3:.2f} ms ({key_s / floor:.0f}x floor)"
        )


if __name__ == "__main__":
    main()
