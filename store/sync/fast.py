"""The common case of a merge, decided without merging field by field.

Most records a sync merges were changed on one side only since the base: the other side still
holds the base record exactly. Then the three-way merge (merge.merge_record) returns the changed
side's record as it is, provided that record is a plain forward edit of the base. `supersedes`
checks exactly the conditions under which merge_record would give that record back unchanged
(same fields, values, stamps and times, no clash, no notice, no new stamp); anything else (a
rollback to older stamps, history entries, lists with repeats or empty, odd clocks or times) is
left to the full merge. It is an optimisation only: the result is the same either way.
"""

from __future__ import annotations

from typing import Any

from ..records import BASE_CLOCK, CLOCK, META_FIELDS, TOMBSTONE_FIELD

#: Lists of entries that are only ever appended to: merged as a union by entry id.
APPEND_ONLY_FIELDS = frozenset({"history"})
_ABSENT: Any = object()


def _plain_list_ok(value: Any) -> bool:
    """A list of strings merges as a set: given back as is only without repeats or emptiness."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return True
    return bool(value) and len(set(value)) == len(value)


def supersedes(new: dict, old: dict) -> bool:
    """Would merging `new` with an unchanged side equal to the base `old` give `new` back?"""
    nc, oc = new.get(CLOCK), old.get(CLOCK)
    if not isinstance(nc, dict) or not isinstance(oc, dict):
        return False
    nstar, ostar = nc.get(BASE_CLOCK) or "", oc.get(BASE_CLOCK) or ""
    if not isinstance(nstar, str) or not isinstance(ostar, str) or nstar < ostar:
        return False
    for key, stamp in nc.items():  # the merge keeps only stamps that differ from "*"
        if key != BASE_CLOCK and (not isinstance(stamp, str) or not stamp or stamp == nstar):
            return False
    names = ((new.keys() | old.keys()) - META_FIELDS) | ((nc.keys() | oc.keys()) - {BASE_CLOCK})
    names.add(TOMBSTONE_FIELD)
    for name in names:
        ns, os_ = nc.get(name) or nstar, oc.get(name) or ostar
        nv = new.get(name, _ABSENT)
        if ns == os_ and nv == old.get(name, _ABSENT):
            continue
        if not isinstance(os_, str) or ns <= os_:  # older, or a tie: the full rules decide
            return False
        if name in APPEND_ONLY_FIELDS or not _plain_list_ok(nv):
            return False
    if new.get(TOMBSTONE_FIELD):
        if new[TOMBSTONE_FIELD] is not True:
            return False
        if old.get(TOMBSTONE_FIELD) and new.get("deleted_at") != old.get("deleted_at"):
            return False
    elif TOMBSTONE_FIELD in new or "deleted_at" in new:
        return False
    for name, keep in (("created_at", min), ("updated_at", max)):  # the earliest, the latest
        times = [t for t in (new.get(name), old.get(name)) if t]
        if not all(isinstance(t, str) for t in times):
            return False
        if new.get(name, _ABSENT) != (keep(times) if times else _ABSENT):
            return False
    return True
