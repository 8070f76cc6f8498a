"""Capping change stamps that lie far in the future (a device whose clock runs ahead).

A stamp more than MAX_FUTURE_MS ahead of the merging device's clock is set back (engine: to now
+ MAX_FUTURE_MS / 2) on every side and in the base, with a notice. A capped stamp keeps its
counter and node, and its node is marked with CAPPED and the original time (`node~ms`, so two
capped stamps stay distinct and in their order): capping moves a device's changes out of
their order (devices cap to different times), so a capped stamp never proves that a later one
of that device was seen (MergeContext.has_seen). The device that ran ahead learns it was capped
when it finds its own node marked in the shared file, and caps its own stamps the same way
(`own_cap_evidence`), so everyone agrees again.
"""

from __future__ import annotations

from ..clock import Stamp, parse
from ..records import BASE_CLOCK, CLOCK

Tables = dict[str, dict[str, dict]]
CAPPED = "~"


def _capped(stamp: str, target_ms: int) -> str:
    old = parse(stamp)
    node = old.node if CAPPED in old.node else f"{old.node}{CAPPED}{old.ms}"
    return Stamp(target_ms, old.counter, node).encode()


def cap_stamp(stamp: str, limit_ms: int, target_ms: int) -> str:
    """One stamp, capped as `cap_stamps` would (so capping it again changes nothing)."""
    return _capped(stamp, target_ms) if int(stamp[:13]) > limit_ms else stamp


def own_cap_evidence(tables: Tables, node: str) -> int | None:
    """The latest time another device capped this device's stamps to, if it ever did."""
    mark = node + CAPPED
    found = None
    for table in tables.values():
        for record in table.values():
            for stamp in (record.get(CLOCK) or {}).values():
                if (
                    isinstance(stamp, str)
                    and stamp[21:].startswith(mark)
                    and _looks_like_stamp(stamp)
                ):
                    ms = int(stamp[:13])
                    found = ms if found is None else max(found, ms)
    return found


def cap_stamps(
    tables: Tables, limit_ms: int, target_ms: int | None = None, only_node: str | None = None
) -> tuple[str, list[tuple[str, str, str]]]:
    """Set every stamp later than `limit_ms` back to `target_ms` (default: the limit), in place;
    returns (greatest stamp, capped list of (table, record id, original stamp)).

    A capped stamp keeps its counter and its node, marked (`node~original ms`), so it names its
    device but is known to be out of that device's order. Capping well below
    the limit (the engine uses half of MAX_FUTURE_MS) means a device whose clock is a little
    behind the one that capped does not cap the same stamp again, so devices converge.
    `only_node` limits capping to that device's (unmarked) stamps.
    """
    target_ms = limit_ms if target_ms is None else target_ms
    limit = f"{limit_ms:013d}"
    above = limit + "~"  # a stamp sorts after this iff its time is later than the limit
    greatest = ""
    capped: list[tuple[str, str, str]] = []
    for name, table in tables.items():
        for rid, record in table.items():
            clocks = record.get(CLOCK)
            if not clocks:
                continue
            try:
                top = max(clocks.values())
            except TypeError:  # not stamps: leave the record to whoever wrote it
                continue
            if top > above:
                for key, stamp in list(clocks.items()):
                    if only_node is not None and stamp[21:] != only_node:
                        continue
                    if stamp[:13] > limit and _looks_like_stamp(stamp):
                        clocks[key] = _capped(stamp, target_ms)
                        capped.append((name, rid, stamp))
                star = clocks.get(BASE_CLOCK)
                for key in [k for k, v in clocks.items() if k != BASE_CLOCK and v == star]:
                    del clocks[key]  # the same form a merge gives, so devices agree byte for byte
                top = max(clocks.values())
            if top > greatest:
                greatest = top
    if greatest and not _looks_like_stamp(greatest):  # something odd sorts last: skip it
        valid = [
            s
            for t in tables.values()
            for r in t.values()
            for s in (r.get(CLOCK) or {}).values()
            if _looks_like_stamp(s)
        ]
        greatest = max(valid, default="")
    return greatest, capped


def _looks_like_stamp(value: object) -> bool:
    return isinstance(value, str) and len(value) > 21 and value[13] == "-" and value[:13].isdigit()
