"""Crisis holding statements, after CDC's "first message in a crisis": only confirmed facts, never
"no comment", a next update promised after the incident and not too far off, a phone that answers.
Also the clock of the first hour: `minutes_since_incident` for the TUI timer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from ..i18n import _
from ..validate import InvalidValue, normalise_phone
from ..vietnamese import nfc
from . import lexicon, thresholds
from .base import ERROR, WARNING, Finding
from .clarity import prose

_DATE_PART = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_TIME_PART = re.compile(r"(\d{1,2})\s*(?::|giờ|h|g)\s*(\d{2})?(?:\s*phút)?(?::\d{2})?", re.I)
_DATETIME_FILLER = re.compile(r"^(?:[\s,T]|ngày|lúc|at|on)*$", re.I)


def normalise_datetime(raw: str) -> str:
    """A local date and time as 'YYYY-MM-DDTHH:MM' from '2025-03-04 08:30', '8h30 4/3/2025'…"""
    text = nfc(str(raw)).strip()
    date_match = _DATE_PART.search(text)
    rest = text[: date_match.start()] + " " + text[date_match.end() :] if date_match else text
    time_match = _TIME_PART.search(rest)
    leftover = (rest[: time_match.start()] + rest[time_match.end() :]) if time_match else rest
    problem = _(
        "{raw!r} is not a date and time; write 2025-03-04 08:30 or 08:30 04/03/2025", raw=raw
    )
    if not date_match or not time_match or not _DATETIME_FILLER.match(leftover.strip()):
        raise InvalidValue(problem)
    g = date_match.groups()
    year, month, day = (
        (int(g[0]), int(g[1]), int(g[2])) if g[0] else (int(g[5]), int(g[4]), int(g[3]))
    )
    try:
        moment = datetime(year, month, day, int(time_match.group(1)), int(time_match.group(2) or 0))
    except ValueError:
        raise InvalidValue(problem) from None
    return moment.strftime("%Y-%m-%dT%H:%M")


def parse_moment(value: Any) -> datetime | None:
    """A stored local date-time ('2025-03-04T08:30'), or what a form holds, as a naive datetime."""
    if not value:
        return None
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(normalise_datetime(text))
    except InvalidValue:
        return None


def minutes_since_incident(message: Mapping[str, Any], now: datetime | None = None) -> int | None:
    """Whole minutes from the incident to `now` (local time); None without an incident time."""
    incident = parse_moment(message.get("incident_at"))
    if incident is None:
        return None
    now = (now or datetime.now()).replace(tzinfo=None)
    return int((now - incident).total_seconds() // 60)


def is_late(message: Mapping[str, Any], now: datetime | None = None) -> bool:
    """Past the first hour (thresholds.CRISIS_FIRST_MESSAGE_MINUTES) since the incident."""
    minutes = minutes_since_incident(message, now)
    return minutes is not None and minutes > thresholds.CRISIS_FIRST_MESSAGE_MINUTES


def no_comment_findings(message: Mapping[str, Any], levels: Mapping[str, str]) -> list[Finding]:
    """ "No comment" is wrong in every kind of message, not only in crises."""
    found = []
    for slot, field, text in prose(message, levels):
        for match in lexicon.NO_COMMENT.finditer(text.lower()):
            found.append(
                Finding(
                    slot,
                    field,
                    ERROR,
                    "no-comment",
                    _(
                        "Never say “{phrase}”: say what you know, what you do not know yet, and when you "
                        "will say more.",
                        phrase=text[match.start() : match.end()],
                    ),
                    match.start(),
                    match.end(),
                )
            )
    return found


def check(
    message: Mapping[str, Any], levels: Mapping[str, str], now: datetime | None = None
) -> list[Finding]:
    found = no_comment_findings(message, levels)
    if message.get("kind") != "crisis":
        return found
    facts = message.get("facts") or ""
    for match in lexicon.SPECULATION.finditer(facts.lower()):
        found.append(
            Finding(
                "facts",
                "facts",
                ERROR,
                "speculation",
                _(
                    "“{phrase}” is a guess: facts must be confirmed. Move it to “Not yet known”.",
                    phrase=facts[match.start() : match.end()],
                ),
                match.start(),
                match.end(),
            )
        )
    incident = parse_moment(message.get("incident_at"))
    next_update = parse_moment(message.get("next_update_at"))
    now = (now or datetime.now()).replace(tzinfo=None)
    if message.get("incident_at") and incident is None:
        found.append(
            Finding(
                "incident",
                "incident_at",
                ERROR,
                "incident-time",
                _("Write the incident time like 2025-03-04 08:30."),
            )
        )
    if message.get("next_update_at") and next_update is None:
        found.append(
            Finding(
                "next_update",
                "next_update_at",
                ERROR,
                "next-update-time",
                _("Write the next update time like 2025-03-04 10:00."),
            )
        )
    if incident and incident > now + timedelta(minutes=5):
        found.append(
            Finding(
                "incident",
                "incident_at",
                WARNING,
                "incident-future",
                _("The incident time is in the future: check the date."),
            )
        )
    if incident and next_update:
        if next_update <= incident:
            found.append(
                Finding(
                    "next_update",
                    "next_update_at",
                    ERROR,
                    "next-update-before",
                    _(
                        "The next update must come after the incident ({incident}).",
                        incident=incident.strftime("%H:%M %d/%m/%Y"),
                    ),
                )
            )
        elif next_update - incident > timedelta(hours=thresholds.CRISIS_NEXT_UPDATE_MAX_HOURS):
            found.append(
                Finding(
                    "next_update",
                    "next_update_at",
                    WARNING,
                    "next-update-far",
                    _(
                        "Promise the next update sooner: within {hours} hours of the incident.",
                        hours=thresholds.CRISIS_NEXT_UPDATE_MAX_HOURS,
                    ),
                )
            )
    if next_update and next_update < now and (incident is None or next_update > incident):
        found.append(
            Finding(
                "next_update",
                "next_update_at",
                WARNING,
                "next-update-passed",
                _("The promised update time has passed: publish the update or set a new time."),
            )
        )
    phone = str(message.get("contact_phone") or "").strip()
    if phone:
        try:
            normalise_phone(phone)
        except InvalidValue as exc:
            found.append(Finding("contact", "contact_phone", ERROR, "contact-phone", str(exc)))
    return found
