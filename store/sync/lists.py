"""Merging the values of one field: list fields (sets, append-only histories) and the tie rule.

Split from merge.py (the per-record and per-field rules); see its docstring for the rules.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .merge import MergeContext


class _Missing:
    """A field that is absent (never set, or cleared): distinct from any JSON value."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def canonical(value: Any) -> str:
    """A total order on values, used only to break exact stamp ties deterministically."""
    if value is MISSING:
        return ""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def wins(a_value: Any, a_stamp: str, b_value: Any, b_stamp: str) -> bool:
    """Does side a win a clash? Higher stamp; equal stamps: the greater value (deterministic)."""
    if a_stamp != b_stamp:
        return a_stamp > b_stamp
    return canonical(a_value) >= canonical(b_value)


def is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def is_entry_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, dict) for x in value)


@dataclass
class Side:
    value: Any
    stamp: str
    changed: bool
    stale: bool = False  # changed, but to something older than the base: a rollback


def set_merge(x: Side, y: Side, base: Any, has_base: bool, ctx: MergeContext) -> tuple[Any, str]:
    xv = x.value if isinstance(x.value, list) else []
    yv = y.value if isinstance(y.value, list) else []
    if has_base:
        bv = base if isinstance(base, list) else []
    elif not x.changed:
        bv = xv
    elif not y.changed:
        bv = yv
    else:  # no common ancestor known: keep everything either side has
        yset = set(yv)
        bv = [item for item in xv if item in yset]
    bset = set(bv)
    removed: set[str] = set()
    added: set[str] = set()
    for side, values in ((x, xv), (y, yv)):
        if side.stale:  # older than the base: its removals are not real, its additions old
            if not ctx.has_seen(side.stamp):
                added.update(v for v in values if v not in bset)
            continue
        removed |= bset - set(values)
        added.update(v for v in values if v not in bset)
    keep = (bset - removed) | added
    first, second = (xv, yv) if wins(x.value, x.stamp, y.value, y.stamp) else (yv, xv)
    out: list[str] = []
    placed: set[str] = set()
    for item in (*first, *second, *bv):
        if item in keep and item not in placed:
            out.append(item)
            placed.add(item)
    return combined(out or MISSING, x, y, ctx)


def combined(value: Any, x: Side, y: Side, ctx: MergeContext) -> tuple[Any, str]:
    """The stamp of a merged list: the winning side's (the higher stamp) when the list is its
    value; anything else is a new write of this device (a fresh stamp, later than both).

    A merged value must never carry a stamp older than a value it replaced: a device whose base
    holds the replaced value would take it for an older version coming back (a rollback) and
    keep its own. That happens when the merge equals the side with the OLDER stamp (its removals
    cover the other side's), so that side's stamp is not reused; and a stamp still always
    names the device that wrote that value."""
    top = x if wins(x.value, x.stamp, y.value, y.stamp) else y
    if value == top.value:
        return value, top.stamp
    return value, ctx.fresh_stamp()


def _entry_key(entry: Any) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return entry["id"]
    return canonical(entry)


def union_merge(x: Side, y: Side, ctx: MergeContext) -> tuple[Any, str]:
    lv = x.value if isinstance(x.value, list) else []
    sv = y.value if isinstance(y.value, list) else []
    first, second = (lv, sv) if wins(x.value, x.stamp, y.value, y.stamp) else (sv, lv)
    entries: dict[str, Any] = {}
    for entry in (*first, *second):
        entries.setdefault(_entry_key(entry), entry)
    out = sorted(
        entries.items(),
        key=lambda kv: (str(kv[1].get("at") or "") if isinstance(kv[1], dict) else "", kv[0]),
    )
    return combined([e for _k, e in out] or MISSING, x, y, ctx)
