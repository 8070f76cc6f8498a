"""The clock the Outreach views read: "today" for overdue and due-today, local times in history.

Overdue items, the due-today filter and dates typed as `+3d` all depend on the day, so tests and
snapshots freeze it here instead of patching `datetime`.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

_frozen: dict[str, object] = {"today": None, "tz": None}


def freeze(today: date | None, tz: tzinfo | None = None) -> None:
    """Use `today` from now on (None returns to the real clock); `tz` is the zone stored UTC
    stamps are shown in (default: the machine's)."""
    _frozen["today"] = today
    _frozen["tz"] = tz


def today() -> date:
    fixed = _frozen["today"]
    return fixed if isinstance(fixed, date) else date.today()


def local(stamp: str | None) -> datetime | None:
    """A stored UTC stamp ("2023-11-24T00:00:00.000000Z") as a naive local time."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment
    tz = _frozen["tz"]
    return moment.astimezone(tz if isinstance(tz, tzinfo) else None).replace(tzinfo=None)


def when(stamp: str | None) -> str:
    """A stored stamp as people read it: "2023-12-01 09:30" in local time."""
    moment = local(stamp)
    return moment.strftime("%Y-%m-%d %H:%M") if moment else (stamp or "")
