"""Completeness: the slots a kind needs are filled, and each slot's parts belong together
(criticism needs a proposal, a quote needs its speaker, a policy its instrument and date …).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from ..i18n import _
from ..messages import OPT, REC, SLOTS, is_empty, slot_filled
from . import lexicon
from .base import ERROR, WARNING, Finding


def _has(message: Mapping[str, Any], name: str) -> bool:
    return not is_empty(message.get(name)) and not (
        isinstance(message.get(name), str) and not message[name].strip()
    )


def _part(found: list, slot: str, field: str, severity: str, code: str, message: str) -> None:
    found.append(Finding(slot, field, severity, code, message))


#: Whole dates a deadline is written with: 31/12/2025, 31-12-2025, 2025-12-31, "ngày 31 tháng 12
#: năm 2025". A day and month without a year ("trước 31/12") may be next year's: not judged.
_DATES = re.compile(
    r"(?<!\d)(?:(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"|(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    r"|ngày\s+(?P<vd>\d{1,2})\s+tháng\s+(?P<vm>\d{1,2})\s+năm\s+(?P<vy>\d{4}))(?!\d)",
    re.IGNORECASE,
)


def _dates(text: str) -> list[tuple[date, int, int]]:
    """(date, start, end) of each whole, real date in `text`."""
    out = []
    for found in _DATES.finditer(text):
        parts = [found.group(g) for g in ("d", "m", "y", "id", "im", "iy", "vd", "vm", "vy")]
        day, month, year = next(
            (int(a), int(b), int(c)) for a, b, c in (parts[0:3], parts[3:6], parts[6:9]) if a
        )
        try:
            out.append((date(year, month, day), found.start(), found.end()))
        except ValueError:
            continue  # 31/02: not a date, said elsewhere if at all
    return out


def _past_deadline(found: list, slot: str, text: str, today: date) -> None:
    """A call to action whose every date has passed asks readers for the impossible."""
    dates = _dates(text)
    if dates and all(day < today for day, _start, _end in dates):
        _latest, start, end = max(dates)
        found.append(
            Finding(
                slot,
                "call_to_action",
                WARNING,
                "action-date-past",
                _(
                    "The date {date} has passed: readers cannot act by it. Give a date still "
                    "ahead, or drop it.",
                    date=text[start:end],
                ),
                start,
                end,
            )
        )


def check(
    message: Mapping[str, Any], levels: Mapping[str, str], today: date | None = None
) -> list[Finding]:
    found: list[Finding] = []
    for slot, level in levels.items():
        filled = slot_filled(message, slot)
        label, hint = _(SLOTS[slot].label), _(SLOTS[slot].help)
        if not filled:
            if level == "required":
                _part(
                    found,
                    slot,
                    SLOTS[slot].fields[0],
                    ERROR,
                    "missing",
                    _("Fill in {slot}: {hint}", slot=label, hint=hint),
                )
            elif level == REC:
                _part(
                    found,
                    slot,
                    SLOTS[slot].fields[0],
                    WARNING,
                    "recommended",
                    _("Consider adding {slot}: {hint}", slot=label, hint=hint),
                )
            continue
        # A filled slot must be whole; parts of an optional slot only warn.
        severity = WARNING if level == OPT else ERROR
        has = lambda name: _has(message, name)  # noqa: E731 - short local helper
        if slot == "policy":
            if not has("policy"):
                _part(
                    found,
                    slot,
                    "policy",
                    severity,
                    "policy-text",
                    _("Say in plain words what changes for people."),
                )
            if not has("policy_instrument"):
                _part(
                    found,
                    slot,
                    "policy_instrument",
                    severity,
                    "policy-instrument",
                    _("Name the instrument with its number (e.g. Nghị định 13/2023/NĐ-CP)."),
                )
            elif not any(c.isdigit() for c in message["policy_instrument"]):
                _part(
                    found,
                    slot,
                    "policy_instrument",
                    WARNING,
                    "policy-number",
                    _("Give the instrument's number and year (e.g. Quyết định 411/QĐ-TTg)."),
                )
            if not has("policy_effective"):
                _part(
                    found,
                    slot,
                    "policy_effective",
                    severity,
                    "policy-effective",
                    _("Say when the policy takes effect."),
                )
        elif slot == "benefits":
            if not has("benefits_people"):
                _part(
                    found,
                    slot,
                    "benefits_people",
                    severity,
                    "benefits-people",
                    _("Say what people gain."),
                )
            if not any(
                has(f) for f in ("benefits_businesses", "benefits_country", "benefits_sector")
            ):
                _part(
                    found,
                    slot,
                    "benefits_businesses",
                    severity,
                    "benefits-other",
                    _("Add what businesses, the country or the sector gain."),
                )
        elif slot == "story" and not has("story"):
            _part(
                found,
                slot,
                "story",
                severity,
                "story-text",
                _("Tell the story itself: a real person or case, before and after."),
            )
        elif slot == "quote":
            if not has("quote"):
                _part(found, slot, "quote", WARNING, "quote-text", _("Add the quote itself."))
            elif not has("quote_speaker"):
                _part(
                    found,
                    slot,
                    "quote_speaker",
                    ERROR,
                    "quote-speaker",
                    _("Say who said the quote."),
                )
            elif not has("quote_title"):
                _part(
                    found,
                    slot,
                    "quote_title",
                    WARNING,
                    "quote-title",
                    _("Give the speaker's title and organisation."),
                )
        elif slot == "call_to_action":
            _past_deadline(found, slot, message.get("call_to_action") or "", today or date.today())
            if not lexicon.ACTION_MEANS.search(message.get("call_to_action") or ""):
                _part(
                    found,
                    slot,
                    "call_to_action",
                    WARNING,
                    "action-means",
                    _("Add a link, a phone number or a deadline so readers can act."),
                )
        elif slot == "criticism":
            if not has("proposal"):
                _part(
                    found,
                    slot,
                    "proposal",
                    ERROR,
                    "criticism-proposal",
                    _("Criticism needs a proposal: say concretely what answers it."),
                )
            elif not has("criticism"):
                _part(
                    found,
                    slot,
                    "criticism",
                    severity,
                    "criticism-text",
                    _("State the criticism your proposal answers."),
                )
        elif slot == "next_update":
            for name, code, text in (
                ("next_update_at", "next-update-at", _("Say when the next update comes.")),
                (
                    "next_update_where",
                    "next-update-where",
                    _("Say where the next update will be published."),
                ),
            ):
                if not has(name):
                    _part(found, slot, name, severity, code, text)
        elif slot == "contact":
            if not has("spokesperson"):
                _part(
                    found,
                    slot,
                    "spokesperson",
                    severity,
                    "contact-spokesperson",
                    _("Name the spokesperson."),
                )
            if not has("contact_phone"):
                _part(
                    found,
                    slot,
                    "contact_phone",
                    severity,
                    "contact-phone-missing",
                    _("Give a phone number that answers."),
                )
    return found
