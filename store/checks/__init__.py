"""The checks that coach a writer through the story card: pure functions, no Textual.

`check_message(values)` takes a message record (or the values of an editor form, in stored form)
and returns a `Report`: findings (slot, field, severity, code, message in the UI language, span),
the checklist per slot, a readiness score and the one-line summary every listing shows. It is cheap
enough to run on every (debounced) keystroke: per-field results are cached on their text.

Families, one module each: completeness, clarity, figures, story, crisis. Every threshold lives in
`thresholds`, every word list in `lexicon`, number reading in `numbers`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from ..messages import SLOTS, slot_filled, slots_for
from . import clarity, completeness, crisis, figures, story, thresholds
from .base import ERROR, WARNING, Finding, Report, SlotState
from .crisis import is_late, minutes_since_incident

__all__ = [
    "ERROR",
    "WARNING",
    "Finding",
    "Report",
    "SlotState",
    "check_message",
    "is_late",
    "minutes_since_incident",
    "thresholds",
]


def check_message(
    message: Mapping[str, Any], *, today: date | None = None, now: datetime | None = None
) -> Report:
    """Every finding about a message, grouped into its checklist, score and summary.

    `today` (figure ages, deadlines) and `now` (crisis times) default to the clock; pass them for
    reproducible results. Figures are expected in stored form (`messages.clean_figures`).
    """
    kind = message.get("kind") or "policy"
    lang = message.get("language") if message.get("language") in ("vi", "en") else "vi"
    levels = slots_for(kind)
    found: list[Finding] = []
    found += completeness.check(message, levels, today)
    found += clarity.check(message, levels, lang)
    if kind != "crisis":
        found += figures.check(message, levels, lang, today)
    found += story.check(message, levels, lang)
    found += crisis.check(message, levels, now)
    order = {slot: i for i, slot in enumerate(levels)}
    unique = list(dict.fromkeys(f for f in found if f.slot in order))
    unique.sort(key=lambda f: (order[f.slot], f.severity != ERROR, f.start or 0))
    checklist = []
    for slot, level in levels.items():
        mine = [f for f in unique if f.slot == slot]
        checklist.append(
            SlotState(
                slot,
                level,
                slot_filled(message, slot),
                sum(1 for f in mine if f.severity == ERROR),
                sum(1 for f in mine if f.severity == WARNING),
            )
        )
    required = [s for s in checklist if s.level == "required"]
    return Report(unique, sum(1 for s in required if s.filled), len(required), checklist)


def slot_label(slot: str) -> str:
    """The translated label of a slot (for checklists and CLI output)."""
    from ..i18n import _

    return _(SLOTS[slot].label)
