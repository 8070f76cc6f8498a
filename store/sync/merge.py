"""The pure three-way merge of two versions of a store's tables, per record and per field.

Inputs are tables `{table: {record id: record}}` of two sides (the local store and the shared
file, or the shared file and a conflict copy) and the base: what both sides held after the last
sync (None when there is none). Nothing here touches files; the engine (engine.py) does.

Rules, per record id (a record on one side only is simply copied to the other):
- identical on both sides: kept as is (the fast path: most records of a sync);
- per field, a side "changed" the field if its stamp (or value) differs from the base; without a
  base for the record, the record's creation stamp `"*"` stands for the common ancestor, so a field
  whose stamp is still `"*"` on one side is unchanged there;
- one side changed: it wins, unless its stamp is older than the unchanged side's (the file went
  back in time, e.g. a restored copy or a conflict copy): then the newer value stays, and the
  older one is dropped only if this device provably accounted for it before (MergeContext.seen),
  else it is kept in a conflict record: a rollback never silently undoes edits;
- both changed to equal values: fine; to different values: a CONFLICT. The value with the higher
  stamp wins provisionally (the node inside the stamp breaks ties, then the value itself), so
  every device converges on the same value, and the other is kept in a conflict record whose id
  is derived from the clash, so two devices that detect it create the same record;
- lists of strings (tags, beats, emails, phones, audiences…) merge as sets, three-way: what one
  side added or removed since the base is added or removed; never a conflict;
- append-only lists (`history`: dicts with an `id`) are a union by entry id, sorted by `at`;
- an edit beats a concurrent delete: a record tombstoned on one side and changed on the other since
  the base comes back (a notice is reported);
- created_at is the earliest, updated_at the latest, `_clock` holds the winners' stamps.
The merge is symmetric: swapping the sides gives the same records, which is what makes devices
converge whatever order they sync in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..records import BASE_CLOCK, CLOCK, META_FIELDS, TOMBSTONE_FIELD, field_clock
from .stamps import CAPPED

Tables = dict[str, dict[str, dict]]

#: Lists of entries that are only ever appended to: merged as a union by entry id.
APPEND_ONLY_FIELDS = frozenset({"history"})
#: Tables whose own clashes never create conflict records (a conflict about a conflict): the
#: higher stamp simply wins there.
NO_CONFLICT_TABLES = frozenset({"conflicts"})
CONFLICTS_TABLE = "conflicts"


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


@dataclass
class Clash:
    """One field changed differently on both sides (or rolled back): what won and what lost."""

    table: str
    record_id: str
    field: str
    kind: str  # edit | stale | create
    winner: tuple[Any, str]  # (value or MISSING, stamp)
    loser: tuple[Any, str]


@dataclass
class Resurrection:
    table: str
    record_id: str
    deleted_on: str  # the label of the side that had deleted it
    record: dict


@dataclass
class MergeContext:
    """What a merge needs from outside and what it reports back.

    `seen` is this device's knowledge: per node, the greatest stamp of that node in any version
    it merged before (and `own_last` for its own node). An old value coming back (a file that
    went back in time) is dropped silently only when its stamp is known this way, because every
    version holding a later stamp of its node already accounted for it; otherwise it is kept as
    a conflict. `noted` collects the stamps met in this merge, to extend `seen` afterwards.
    """

    fresh_stamp: Callable[[], str]
    seen: dict[str, str] = field(default_factory=dict)
    own_node: str = ""
    own_last: str = ""
    clashes: list[Clash] = field(default_factory=list)
    resurrected: list[Resurrection] = field(default_factory=list)
    noted: dict[str, str] = field(default_factory=dict)

    def has_seen(self, stamp: str) -> bool:
        node = stamp[21:]
        if CAPPED in node:
            return False
        if node and node == self.own_node:
            return stamp <= self.own_last
        known = self.seen.get(node)
        return bool(known) and stamp <= known

    def note(self, record: dict) -> None:
        noted = self.noted
        for stamp in (record.get(CLOCK) or {}).values():
            if isinstance(stamp, str):
                node = stamp[21:]
                if stamp > noted.get(node, "") and CAPPED not in node:
                    noted[node] = stamp


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def _is_entry_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, dict) for x in value)


def _settle_stamp(lc: str, lch: bool, sc: str, sch: bool) -> str:
    """The stamp of a value both sides agree on: the side that changed it, else the later."""
    if lch and not sch:
        return lc
    if sch and not lch:
        return sc
    return max(lc, sc)


@dataclass
class _Side:
    value: Any
    stamp: str
    changed: bool
    stale: bool = False  # changed, but to something older than the base: a rollback


def _set_merge(x: _Side, y: _Side, base: Any, has_base: bool, ctx: MergeContext) -> tuple[Any, str]:
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
    return _combined(out or MISSING, x, y, ctx)


def _combined(value: Any, x: _Side, y: _Side, ctx: MergeContext) -> tuple[Any, str]:
    """A merged list carries the stamp of the side whose value it is; a value neither side
    had is a new write of this device (a fresh stamp), so a stamp always names who wrote it."""
    if value == x.value:
        return value, x.stamp
    if value == y.value:
        return value, y.stamp
    return value, ctx.fresh_stamp()


def _entry_key(entry: Any) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return entry["id"]
    return canonical(entry)


def _union_merge(x: _Side, y: _Side, ctx: MergeContext) -> tuple[Any, str]:
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
    return _combined([e for _k, e in out] or MISSING, x, y, ctx)


def _changed(rec: dict, star: str, base: dict | None, name: str, value: Any, stamp: str) -> bool:
    if base is None:
        return stamp != star
    return stamp != field_clock(base, name) or value != base.get(name, MISSING)


def merge_field(
    table: str,
    rid: str,
    name: str,
    x: dict,
    y: dict,
    b: dict | None,
    ctx: MergeContext,
    local: bool = False,
) -> tuple[Any, str]:
    """The merged (value or MISSING, stamp) of one field; clashes are recorded in `ctx`.

    `local`: x is this device's store (its changes since the base were made here, after every
    version it merged before)."""
    lv, sv = x.get(name, MISSING), y.get(name, MISSING)
    lc, sc = field_clock(x, name), field_clock(y, name)
    if lc == sc and lv == sv:  # the same write on both sides: most fields of a changed record
        return lv, lc
    lstar = (x.get(CLOCK) or {}).get(BASE_CLOCK) or ""
    sstar = (y.get(CLOCK) or {}).get(BASE_CLOCK) or ""
    lch = _changed(x, lstar, b, name, lv, lc)
    sch = _changed(y, sstar, b, name, sv, sc)
    if lv == sv:
        return lv, _settle_stamp(lc, lch, sc, sch)
    bc = field_clock(b, name) if b is not None else ""
    left = _Side(lv, lc, lch, b is not None and lch and lc < bc)
    right = _Side(sv, sc, sch, b is not None and sch and sc < bc)
    bv = b.get(name, MISSING) if b is not None else MISSING
    if name in APPEND_ONLY_FIELDS and all(v is MISSING or _is_entry_list(v) for v in (lv, sv)):
        return _union_merge(left, right, ctx)
    if (
        (lv is MISSING or _is_str_list(lv))
        and (sv is MISSING or _is_str_list(sv))
        and (bv is MISSING or _is_str_list(bv))
    ):
        return _set_merge(left, right, bv, b is not None, ctx)
    # a change back to an older value this device already accounted for is no change
    lnew = lch and not (left.stale and ctx.has_seen(lc))
    snew = sch and not (right.stale and ctx.has_seen(sc))
    if lnew != snew:
        changed = left if lnew else right
        if not changed.stale:
            return changed.value, changed.stamp
        kind = "stale"
    elif not lnew and (lch or sch):  # only old values came back: the current one stays
        if not lch:
            return lv, lc
        if not sch:
            return sv, sc
        kind = "stale"
    else:
        kind = "edit" if lch else "create"
        if local and b is not None and lch and lc > sc and ctx.has_seen(sc):
            # this device's own later edit replaced a value it already had (e.g. its own write
            # that reached the shared file before a sync was cut short): no clash
            return lv, lc
    if wins(lv, lc, sv, sc):
        winner, loser = (lv, lc), (sv, sc)
    else:
        winner, loser = (sv, sc), (lv, lc)
    if table not in NO_CONFLICT_TABLES:
        ctx.clashes.append(Clash(table, rid, name, kind, winner, loser))
    return winner


def _concurrent_edit(
    live: dict, dead: dict, b: dict | None, names: Iterable[str], ctx: MergeContext
) -> bool:
    """Did the live side change something the deleting side never had (since the base)?

    An old value coming back (older than the base, and known here) is not an edit."""
    star = (live.get(CLOCK) or {}).get(BASE_CLOCK) or ""
    for name in names:
        stamp = field_clock(live, name)
        before = field_clock(b, name) if b is not None else star
        if stamp == before or stamp == field_clock(dead, name):
            continue
        if b is None or stamp > before or not ctx.has_seen(stamp):
            return True
    return False


def _merge_tombstone(
    table: str,
    rid: str,
    x: dict,
    y: dict,
    b: dict | None,
    names: set[str],
    ctx: MergeContext,
    labels: tuple[str, str],
) -> tuple[bool, str, str | None]:
    """(deleted, stamp of the tombstone field, deleted_at) of the merged record."""
    lstar = (x.get(CLOCK) or {}).get(BASE_CLOCK) or ""
    sstar = (y.get(CLOCK) or {}).get(BASE_CLOCK) or ""
    ld, sd = bool(x.get(TOMBSTONE_FIELD)), bool(y.get(TOMBSTONE_FIELD))
    lc, sc = field_clock(x, TOMBSTONE_FIELD), field_clock(y, TOMBSTONE_FIELD)
    if b is not None:
        bd, bc = bool(b.get(TOMBSTONE_FIELD)), field_clock(b, TOMBSTONE_FIELD)
        lch, sch = (lc != bc or ld != bd), (sc != bc or sd != bd)
    else:
        lch, sch = lc != lstar, sc != sstar
    if ld == sd:
        stamp = _settle_stamp(lc, lch, sc, sch)
        if not ld:
            return False, stamp, None
        times = [t for t in (x.get("deleted_at"), y.get("deleted_at")) if t]
        return True, stamp, min(times) if times else None
    dead, live = (x, y) if ld else (y, x)
    dch, dc = (lch, lc) if ld else (sch, sc)
    vch, vc = (sch, sc) if ld else (lch, lc)
    dead_label = labels[0] if ld else labels[1]
    if not dch:  # the deletion is old news (in the base); the other side brought it back
        if b is not None and vc < dc and ctx.has_seen(vc):  # an old live version came back
            return True, dc, dead.get("deleted_at")
        if vch or wins(False, vc, True, dc):
            return False, vc, None
        return True, dc, dead.get("deleted_at")
    if vch or _concurrent_edit(live, dead, b, names, ctx):
        stamp = vc if vc > dc else ctx.fresh_stamp()
        ctx.resurrected.append(Resurrection(table, rid, dead_label, live))
        return False, stamp, None
    if b is not None and dc < vc and ctx.has_seen(dc):  # an old deletion came back: a rollback
        return False, vc, None
    return True, dc, dead.get("deleted_at")


def merge_record(
    table: str,
    rid: str,
    x: dict,
    y: dict,
    b: dict | None,
    ctx: MergeContext,
    labels: tuple[str, str] = ("local", "shared"),
) -> dict:
    """The merged version of one record present on both sides."""
    if x is y or x == y:
        return x
    names: set[str] = set()
    for rec in (x, y):
        names.update(k for k in rec if k not in META_FIELDS)
        names.update(k for k in (rec.get(CLOCK) or {}) if k != BASE_CLOCK)
    names.discard(TOMBSTONE_FIELD)
    lstar = (x.get(CLOCK) or {}).get(BASE_CLOCK) or ""
    sstar = (y.get(CLOCK) or {}).get(BASE_CLOCK) or ""
    if b is not None:  # the creation stamp settles like a field (a capped one sticks)
        bstar = (b.get(CLOCK) or {}).get(BASE_CLOCK) or ""
        star = _settle_stamp(lstar, lstar != bstar, sstar, sstar != bstar)
    else:
        star = max(lstar, sstar)
    out: dict[str, Any] = {"id": rid}
    clocks: dict[str, str] = {BASE_CLOCK: star}
    for name in sorted(names):
        value, stamp = merge_field(table, rid, name, x, y, b, ctx, labels[0] == "local")
        if value is not MISSING:
            out[name] = value
        if stamp != star:
            clocks[name] = stamp
    created = [c for c in (x.get("created_at"), y.get("created_at")) if c]
    updated = [u for u in (x.get("updated_at"), y.get("updated_at")) if u]
    if created:
        out["created_at"] = min(created)
    if updated:
        out["updated_at"] = max(updated)
    deleted, dstamp, deleted_at = _merge_tombstone(table, rid, x, y, b, names, ctx, labels)
    if deleted:
        out[TOMBSTONE_FIELD] = True
        if deleted_at:
            out["deleted_at"] = deleted_at
    if dstamp != star:
        clocks[TOMBSTONE_FIELD] = dstamp
    out[CLOCK] = clocks
    return out


def table_names(*sides: Tables | None) -> list[str]:
    """Every table of the sides, in first-seen order, the conflicts table last."""
    seen: dict[str, None] = {}
    for side in sides:
        for name in side or {}:
            seen.setdefault(name, None)
    names = [n for n in seen if n != CONFLICTS_TABLE]
    return [*names, CONFLICTS_TABLE] if CONFLICTS_TABLE in seen else names


def merge_tables(
    a: Tables,
    b: Tables,
    base: Tables | None,
    ctx: MergeContext,
    labels: tuple[str, str] = ("local", "shared"),
) -> Tables:
    """Merge two sides' tables with their base; records are shared, not copied (read-only)."""
    out: Tables = {}
    for name in table_names(a, b):
        at, bt = a.get(name) or {}, b.get(name) or {}
        if at is bt:
            out[name] = at
            continue
        bases = (base or {}).get(name) or {}
        merged: dict[str, dict] = {}
        for rid, ra in at.items():
            rb = bt.get(rid)
            if rb is None or rb is ra or rb == ra:
                merged[rid] = ra
            else:
                ctx.note(rb)
                merged[rid] = merge_record(name, rid, ra, rb, bases.get(rid), ctx, labels)
        for rid, rb in bt.items():
            if rid not in merged:
                ctx.note(rb)
                merged[rid] = rb
        out[name] = merged
    return out
