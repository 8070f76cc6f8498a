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
  side added or removed since the base is added or removed; never a conflict. The merged list
  keeps the later side's stamp only if it is that side's list, else it is a new write of this
  device: a value never carries a stamp older than one it replaced (see lists.combined);
- append-only lists (`history`: dicts with an `id`) are a union by entry id, sorted by `at`;
- an edit beats a concurrent delete: a record tombstoned on one side and changed on the other since
  the base comes back (a notice is reported);
- created_at is the earliest, updated_at the latest, `_clock` holds the winners' stamps.
The merge is symmetric: swapping the sides gives the same records, which is what makes devices
converge whatever order they sync in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..records import BASE_CLOCK, CLOCK, META_FIELDS, TOMBSTONE_FIELD, field_clock
from .fast import APPEND_ONLY_FIELDS, supersedes
from .lists import (
    MISSING,
    Side,
    is_entry_list,
    is_str_list,
    set_merge,
    union_merge,
    wins,
)
from .stamps import CAPPED

Tables = dict[str, dict[str, dict]]

#: Tables whose own clashes never create conflict records (a conflict about a conflict): the
#: higher stamp simply wins there.
NO_CONFLICT_TABLES = frozenset({"conflicts"})
CONFLICTS_TABLE = "conflicts"


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


def _settle_stamp(lc: str, lch: bool, sc: str, sch: bool) -> str:
    """The stamp of a value both sides agree on: the side that changed it, else the later."""
    if lch and not sch:
        return lc
    if sch and not lch:
        return sc
    return max(lc, sc)


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
    left = Side(lv, lc, lch, b is not None and lch and lc < bc)
    right = Side(sv, sc, sch, b is not None and sch and sc < bc)
    bv = b.get(name, MISSING) if b is not None else MISSING
    if name in APPEND_ONLY_FIELDS and all(v is MISSING or is_entry_list(v) for v in (lv, sv)):
        return union_merge(left, right, ctx)
    if (
        (lv is MISSING or is_str_list(lv))
        and (sv is MISSING or is_str_list(sv))
        and (bv is MISSING or is_str_list(bv))
    ):
        return set_merge(left, right, bv, b is not None, ctx)
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
        if local and lch and lc > sc and ctx.has_seen(sc):
            # the other value is one this device already accounted for, and its own value is
            # later: its own edit that reached the shared file before a sync was cut short, or
            # an old copy of a shared file (a USB stick, never synced with here, so no base)
            # bringing back a value since replaced: no clash
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
    xc, yc = x.get(CLOCK) or {}, y.get(CLOCK) or {}
    names = ((x.keys() | y.keys()) - META_FIELDS) | ((xc.keys() | yc.keys()) - {BASE_CLOCK})
    names.discard(TOMBSTONE_FIELD)
    lstar = xc.get(BASE_CLOCK) or ""
    sstar = yc.get(BASE_CLOCK) or ""
    if b is not None:  # the creation stamp settles like a field (a capped one sticks)
        bstar = (b.get(CLOCK) or {}).get(BASE_CLOCK) or ""
        star = _settle_stamp(lstar, lstar != bstar, sstar, sstar != bstar)
    else:
        star = max(lstar, sstar)
    out: dict[str, Any] = {"id": rid}
    clocks: dict[str, str] = {BASE_CLOCK: star}
    local = labels[0] == "local"
    for name in sorted(names):
        value, stamp = x.get(name, MISSING), xc.get(name) or lstar
        if stamp != (yc.get(name) or sstar) or value != y.get(name, MISSING):
            value, stamp = merge_field(table, rid, name, x, y, b, ctx, local)
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
    """Merge two sides' tables with their base; records are shared, not copied (read-only).

    A record equal on both sides becomes the same object in `b`'s table too (the tables are
    indexes, the records are untouched), so finding what changed on each side afterwards
    (report.diff_tables) is an identity check for the many records a sync leaves alone. A
    record changed on one side only is taken as it is when fast.supersedes proves the full merge
    would give exactly that record."""
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
            if rb is None or rb is ra:
                merged[rid] = ra
            elif rb == ra:
                merged[rid] = bt[rid] = ra
            else:
                ctx.note(rb)
                rbase = bases.get(rid)
                if rbase is not None and ra == rbase and supersedes(rb, rbase):
                    merged[rid] = rb  # changed on b's side only: what merge_record gives
                elif rbase is not None and rb == rbase and supersedes(ra, rbase):
                    merged[rid] = ra
                else:
                    merged[rid] = merge_record(name, rid, ra, rb, rbase, ctx, labels)
        for rid, rb in bt.items():
            if rid not in merged:
                ctx.note(rb)
                merged[rid] = rb
        out[name] = merged
    return out
