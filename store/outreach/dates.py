"""Due dates as people type them: ISO or Vietnamese dates, `today`, `+3d`, `mon`, `hôm nay`, `t2`.

Weekday names mean the next such day, strictly after today (`mon` typed on a Monday is a week
away), as in Taskwarrior. Vietnamese: `hôm nay`, `mai`/`ngày mai`, `ngày kia`/`mốt`, `t2`…`t7`,
`cn`, `thứ hai`…`thứ bảy`, `chủ nhật`, `+3 ngày`, `+2 tuần`. Diacritics are optional.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..i18n import _
from ..validate import InvalidValue, normalise_date
from ..vietnamese import fold

_RELATIVE = re.compile(r"\+\s*(\d{1,4})\s*(d|day|days|w|week|weeks|ngay|tuan)")
_FIXED: dict[str, int] = {
    "today": 0,
    "tod": 0,
    "hom nay": 0,
    "nay": 0,
    "tomorrow": 1,
    "tmr": 1,
    "mai": 1,
    "ngay mai": 1,
    "ngay kia": 2,
    "mot": 2,
    "yesterday": -1,
    "hom qua": -1,
}
_WEEKDAY_WORDS = (
    ("mon", "monday", "t2", "thu 2", "thu hai"),
    ("tue", "tuesday", "t3", "thu 3", "thu ba"),
    ("wed", "wednesday", "t4", "thu 4", "thu tu"),
    ("thu", "thursday", "t5", "thu 5", "thu nam"),
    ("fri", "friday", "t6", "thu 6", "thu sau"),
    ("sat", "saturday", "t7", "thu 7", "thu bay"),
    ("sun", "sunday", "cn", "chu nhat"),
)
WEEKDAYS: dict[str, int] = {word: i for i, words in enumerate(_WEEKDAY_WORDS) for word in words}


def next_weekday(today: date, weekday: int) -> date:
    """The next date with this weekday (0 = Monday), 1 to 7 days after today."""
    ahead = (weekday - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


def parse_day(text: str | date, today: date | None = None) -> date:
    """A calendar date from what a person typed; InvalidValue says what is accepted."""
    if isinstance(text, date):
        return text
    today = today or date.today()
    raw = str(text)
    key = fold(" ".join(raw.split()))
    if key in _FIXED:
        return today + timedelta(days=_FIXED[key])
    match = _RELATIVE.fullmatch(key)
    if match:
        n = int(match.group(1))
        unit = match.group(2)
        days = n * 7 if unit[0] in "wt" else n
        return today + timedelta(days=days)
    if key in WEEKDAYS:
        return next_weekday(today, WEEKDAYS[key])
    try:
        return date.fromisoformat(normalise_date(raw))
    except (InvalidValue, ValueError):
        pass
    raise InvalidValue(
        _(
            "{value!r} is not a date; write 2024-03-15, 15/03/2024, today, tomorrow, +3d, +2w "
            "or a weekday (mon, t2)",
            value=raw,
        )
    )


def due_value(text: str | date | None, today: date | None = None) -> str | None:
    """The stored form of a due date (ISO), or None for no date."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    return parse_day(text, today).isoformat()
