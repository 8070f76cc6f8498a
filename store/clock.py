"""Hybrid logical clock: change stamps that never go backwards and survive skewed device clocks.

A stamp is a fixed-width string `MMMMMMMMMMMMM-CCCCCC-NODE` (wall milliseconds, a counter, the
device node), so stamps compare correctly as plain strings and the node breaks ties between
devices. Every stamp this device issues is greater than every stamp it has issued or observed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

#: A remote stamp more than this far ahead of our wall clock is capped (and reported).
MAX_FUTURE_MS = 24 * 3600 * 1000
_COUNTER_MAX = 999_999


@dataclass(frozen=True, order=True)
class Stamp:
    ms: int
    counter: int
    node: str

    def encode(self) -> str:
        return f"{self.ms:013d}-{self.counter:06d}-{self.node}"


def parse(stamp: str) -> Stamp:
    ms, counter, node = stamp.split("-", 2)
    return Stamp(int(ms), int(counter), node)


#: Length of a stamp's time part (milliseconds and counter, without the node).
TIME_PART = 20


def time_part(stamp: str) -> str:
    """The milliseconds and counter of a stamp: when it happened, whichever device it came from.

    After receiving a stamp, this device's clock has the same time part and its own node, so
    comparing whole stamps would call the received change newer than the clock when the other
    node sorts after ours.
    """
    return stamp[:TIME_PART]


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def is_stamp(value: object) -> bool:
    if not isinstance(value, str) or len(value) < 22:
        return False
    try:
        parse(value)
    except ValueError:
        return False
    return True


class HybridClock:
    """The clock of one device; `last` is the greatest stamp seen so far (kept in the store)."""

    def __init__(self, node: str, last: str | None = None) -> None:
        self.node = node
        self._last = parse(last) if last else Stamp(0, 0, node)

    @property
    def last(self) -> str:
        return self._last.encode()

    def tick(self, now_ms: int | None = None) -> str:
        """A new stamp, greater than anything seen, for a local change."""
        now = wall_ms() if now_ms is None else now_ms
        if now > self._last.ms:
            self._last = Stamp(now, 0, self.node)
        elif self._last.counter < _COUNTER_MAX:
            self._last = Stamp(self._last.ms, self._last.counter + 1, self.node)
        else:
            self._last = Stamp(self._last.ms + 1, 0, self.node)
        return self.last

    def observe(self, stamp: str, now_ms: int | None = None) -> None:
        """Move past a stamp received from elsewhere (sync), so later local stamps sort after it."""
        seen = parse(stamp)
        now = wall_ms() if now_ms is None else now_ms
        if seen.ms > now + MAX_FUTURE_MS:
            seen = Stamp(now + MAX_FUTURE_MS, seen.counter, seen.node)
        if seen > self._last:
            self._last = Stamp(seen.ms, seen.counter, self.node)


def cap_future(stamp: str, now_ms: int | None = None) -> tuple[str, bool]:
    """Cap a stamp that lies far in the future; returns (stamp, was_capped)."""
    parsed = parse(stamp)
    now = wall_ms() if now_ms is None else now_ms
    if parsed.ms > now + MAX_FUTURE_MS:
        return Stamp(now + MAX_FUTURE_MS, parsed.counter, parsed.node).encode(), True
    return stamp, False
