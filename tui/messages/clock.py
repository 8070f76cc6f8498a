"""The clock the Messages section reads: figure ages, the crisis timer, "updated" dates.

Checks depend on today's date (figures older than 12 months warn) and a crisis statement's timer on
the current minute, so tests and snapshots freeze the clock here instead of patching datetime.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

_frozen: dict[str, object] = {"now": None, "tz": None}


def freeze(now: datetime | None, tz: tzinfo | None = None) -> None:
    """Use `now` (a naive local time) from now on; None returns to the real clock. `tz` is the
    time zone stored UTC stamps are shown in (default: the machine's)."""
    _frozen["now"] = now
    _frozen["tz"] = tz


def now() -> datetime:
    """The local time, naive (as crisis times are stored)."""
    fixed = _frozen["now"]
    return fixed if isinstance(fixed, datetime) else datetime.now()


def today() -> date:
    return now().date()


def local(stamp: str | None) -> datetime | None:
    """A stored UTC stamp ("2023-11-24T00:00:00.000000Z") in local time, naive."""
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
