"""One sync computed in memory: both sides' new contents and the report; nothing is written.

The engine runs this again when the shared file changed between reading and writing, and the
dry run stops here. Steps: read both sides and the conflict copies; take the base only if the
shared file (and each copy) descends from it (version vectors, VERSIONS_KEY); cap far-future
stamps everywhere (stamps.py) and pull the local clock back likewise, then let it observe the
greatest stamp merged, so every later local change sorts after everything seen; merge the
copies into the shared side, then that with the local side; add conflict records; work out
what changes on each side and the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..clock import MAX_FUTURE_MS, HybridClock, Stamp, parse
from ..db import FileSignature, Snapshot, Store, meta_of, new_store_data
from ..errors import LantoaError
from ..i18n import _
from ..migrations import migrate
from ..records import new_id, utc_now_iso
from ..storage import FORMAT_TAG, META_TABLE, SCHEMA_VERSION, dumps, parse_store_bytes
from .conflicts import conflict_record, conflict_view, open_count, record_name
from .copies import Candidate, find_copies
from .merge import CONFLICTS_TABLE, MergeContext, Tables, merge_tables
from .report import RECORD_WHAT, Notice, SyncReport, diff_tables
from .sidecar import index_tables, load_base, local_key
from .stamps import CAPPED, cap_stamp, cap_stamps, own_cap_evidence

#: Shared meta key: the version vector of the shared file, {device node: writes}. A version
#: descends from another when every count is at least as high; the base is only trusted for a
#: shared file (and conflict copies) descending from it, else a write of ours was overwritten
#: (a lock that did not reach across machines) and the merge falls back to creation stamps.
VERSIONS_KEY = "sync_versions"
#: Shared and local meta key: {device node: the name of who works on it}, so a conflict says
#: "Lan's laptop" rather than a node id; the union of every store's, each device's own wins.
DEVICE_NAMES_KEY = "device_names"
#: Local meta key: how many versions of shared files this device wrote (its vector entry).
COUNTER_KEY = "sync_writes"
#: A stamp more than MAX_FUTURE_MS ahead is set back to now + CAP_TO_MS (see cap_stamps).
CAP_TO_MS = MAX_FUTURE_MS // 2
#: Local meta key: per device node, the greatest stamp of it this store has merged (MergeContext).
SEEN_KEY = "sync_seen"


@dataclass
class SharedSide:
    path: Path
    raw: bytes | None
    data: dict | None
    signature: FileSignature
    migrated: bool = False


@dataclass
class Plan:
    shared: SharedSide
    report: SyncReport
    local_data: dict
    local_existed: bool
    local_migrated: bool
    local_changed: bool
    shared_changed: bool
    shared_bytes: bytes
    local_key: str
    shared_id: str
    clock_last: str
    copies: list[Candidate] = field(default_factory=list)
    #: The shared file's signature once synced (as read, or as written by this sync).
    shared_signature: FileSignature = None

    def local_bytes(self) -> bytes:
        return dumps(self.local_data)


def versions_of(data: dict | None) -> dict[str, int]:
    versions = meta_of(data).get(VERSIONS_KEY) if data else None
    if not isinstance(versions, dict):
        return {}
    return {str(k): v for k, v in versions.items() if isinstance(v, int)}


def descends(version: dict[str, int], ancestor: dict[str, int]) -> bool:
    return all(version.get(node, 0) >= count for node, count in ancestor.items())


def _rebuild_table(original: dict, merged: dict[str, dict]) -> dict:
    """The merged records under this side's own TinyDB keys; new records get new keys."""
    out: dict[str, dict] = {}
    placed: set[str] = set()
    for key, record in original.items():
        try:
            rid = record["id"]
            out[key] = merged[rid]
        except (KeyError, TypeError):  # an id-less or odd row stays as it is
            out[key] = record
        else:
            placed.add(rid)
    if len(placed) < len(merged):
        top = max(map(int, filter(str.isdigit, original)), default=0)
        for rid, record in merged.items():
            if rid not in placed:
                top += 1
                out[str(top)] = record
    return out


def _rebuild(data: dict, merged: Tables, meta: dict) -> dict:
    out: dict = {}
    meta_table = data.get(META_TABLE) or {"1": {}}
    meta_key = next(iter(meta_table), "1")
    for name, table in data.items():
        if name == META_TABLE:
            out[name] = {**meta_table, meta_key: meta}
        elif name in merged and isinstance(table, dict):
            out[name] = _rebuild_table(table, merged[name])
        else:
            out[name] = table
    if META_TABLE not in out:
        out[META_TABLE] = {meta_key: meta}
    for name, records in merged.items():
        if name not in out:
            out[name] = _rebuild_table({}, records)
    return out


def _load_copies(
    side: SharedSide, shared_id: str | None, report: SyncReport
) -> tuple[list[tuple[Candidate, dict]], str | None]:
    """Valid copies of this shared store beside it; returns them and the shared store id
    (taken from the newest copy when the shared file itself is missing)."""
    valid: list[tuple[Candidate, dict]] = []
    for candidate in find_copies(side.path):
        try:
            data, _migrated = migrate(
                parse_store_bytes(candidate.path, candidate.path.read_bytes())
            )
        except (OSError, LantoaError) as exc:
            if candidate.strict:
                report.notices.append(
                    Notice(
                        "copy_skipped",
                        _(
                            "Skipped {name}: it looks like a conflict copy but cannot be used ({why}).",
                            name=candidate.path.name,
                            why=exc,
                        ),
                        {"path": str(candidate.path), "reason": str(exc)},
                    )
                )
            continue
        valid.append((candidate, data))
    if shared_id is None and valid:
        newest = max(valid, key=lambda cv: cv[0].path.stat().st_mtime_ns)
        shared_id = meta_of(newest[1]).get("store_id")
    kept = []
    for candidate, data in valid:
        if shared_id and meta_of(data).get("store_id") == shared_id:
            kept.append((candidate, data))
        elif candidate.strict:
            report.notices.append(
                Notice(
                    "copy_skipped",
                    _(
                        "Skipped {name}: it is a different shared file (another store id).",
                        name=candidate.path.name,
                    ),
                    {"path": str(candidate.path), "reason": "different store id"},
                )
            )
    return kept, shared_id


_FROM_SIDECAR: Any = object()


def _cap_all(
    local: Tables,
    shared: Tables,
    copies: list[tuple[Candidate, Tables]],
    base: Tables | None,
    limit: int,
    target: int,
) -> tuple[str, int, int, set[str]]:
    """Cap future stamps everywhere; (greatest stamp, capped local, capped shared, nodes)."""
    top_local, capped_local = cap_stamps(local, limit, target)
    top_shared, capped_shared = cap_stamps(shared, limit, target)
    tops = [top_local, top_shared]
    nodes = {parse(s).node.split(CAPPED)[0] for _t, _r, s in capped_local + capped_shared}
    for _candidate, tables in copies:
        top, capped = cap_stamps(tables, limit, target)
        tops.append(top)
        nodes.update(parse(s).node.split(CAPPED)[0] for _t, _r, s in capped)
    if base is not None and base is not shared:
        cap_stamps(base, limit, target)
    return max(tops), len(capped_local), len(capped_shared), nodes


def _device_clock(meta: dict, now: int, greatest: str) -> HybridClock:
    """This device's clock for the merge: pulled back if it ran ahead before and its wall clock
    is right again (its later stamps then follow the wall clock, below the old ones, so no
    stamp is issued twice), then moved past everything merged."""
    clock = HybridClock(meta["device_id"][:8], meta.get("clock"))
    last = parse(clock.last)
    if last.ms > now + MAX_FUTURE_MS:
        clock = HybridClock(clock.node, Stamp(now + CAP_TO_MS, last.counter, clock.node).encode())
    if greatest:
        clock.observe(greatest, now)
    return clock


def _add_conflicts(merged: Tables, ctx: MergeContext, local: Tables, shared: Tables) -> list[dict]:
    """Conflict records of this merge's clashes (an existing one is kept as it is, it may be
    resolved already); returns those neither side had before."""
    if not ctx.clashes:
        return []
    now = utc_now_iso()
    conflicts = dict(merged.get(CONFLICTS_TABLE) or {})
    new: dict[str, dict] = {}
    before = set(local.get(CONFLICTS_TABLE) or {}) | set(shared.get(CONFLICTS_TABLE) or {})
    for clash in ctx.clashes:
        record = conflict_record(clash, now)
        conflicts.setdefault(record["id"], record)
        if record["id"] not in before:
            new[record["id"]] = conflicts[record["id"]]
    merged[CONFLICTS_TABLE] = conflicts
    return list(new.values())


def _notices(
    report: SyncReport, ctx: MergeContext, capped: int, nodes: set[str], tables: Tables
) -> None:
    for rez in ctx.resurrected:
        name = record_name(rez.table, rez.record, tables)
        where = (
            _("on this device")
            if rez.deleted_on == "local"
            else (_("in the shared file") if rez.deleted_on == "shared" else rez.deleted_on)
        )
        what = _(RECORD_WHAT[rez.table]) if rez.table in RECORD_WHAT else rez.table
        report.notices.append(
            Notice(
                "resurrected",
                _(
                    "The {what} “{name}” was deleted {where} but edited elsewhere at the same time; it "
                    "was kept. Delete it again if it should go.",
                    what=what,
                    name=name,
                    where=where,
                ),
                {
                    "table": rez.table,
                    "id": rez.record_id,
                    "name": name,
                    "deleted_on": rez.deleted_on,
                },
            )
        )
    if nodes:
        report.notices.append(
            Notice(
                "clock_capped",
                _(
                    "{count} change times lay more than a day in the future (device clock wrong: "
                    "{nodes}); they were set back to now + 12 hours.",
                    count=capped,
                    nodes=", ".join(sorted(nodes)),
                ),
                {"count": capped, "nodes": sorted(nodes)},
            )
        )


def make_plan(
    store: Store,
    local_raw: bytes | None,
    side: SharedSide,
    now_ms: Callable[[], int],
    *,
    with_copies: bool = True,
    base_raw: Any = _FROM_SIDECAR,
    device_name: str | None = None,
) -> Plan:
    """One sync in memory. `base_raw` (bytes, or None for no base) replaces the base sidecar
    and `with_copies=False` ignores conflict copies: for tests that replay a sync in memory."""
    report = SyncReport(shared_path=side.path)
    # -- the local side
    local_existed = local_raw is not None
    local_migrated = False
    if local_raw is None:
        local_data = new_store_data()
    else:
        local_data, local_migrated = migrate(parse_store_bytes(store.path, local_raw))
    local_changed = not local_existed or local_migrated
    local_meta = dict(meta_of(local_data))
    if not local_meta.get("device_id"):
        local_meta["device_id"] = new_id()
        local_changed = True
    key = local_key(store, local_meta)
    # -- the shared side and its conflict copies
    shared_data = side.data
    shared_id = meta_of(shared_data).get("store_id") if shared_data else None
    copies: list[tuple[Candidate, dict]] = []
    if with_copies:
        copies, shared_id = _load_copies(side, shared_id, report)
    created = shared_data is None and not copies
    if shared_data is None:
        shared_data = new_store_data(role="shared")
        if shared_id:
            meta_of(shared_data)["store_id"] = shared_id
    shared_meta = dict(meta_of(shared_data))
    shared_id = shared_meta.setdefault("store_id", new_id())
    shared_meta.setdefault("format", FORMAT_TAG)
    shared_meta["schema"] = max(int(shared_meta.get("schema") or 0), SCHEMA_VERSION)
    # -- tables, base, clocks
    local = index_tables(local_data)
    shared = index_tables(shared_data)
    copy_tables = [(c, index_tables(d)) for c, d in copies]
    if base_raw is _FROM_SIDECAR:
        found = None if created else load_base(store, key, shared_id, side.raw)
    else:
        found = parse_store_bytes(store.path, base_raw) if base_raw else None
    base: Tables | None = None
    if found == "shared":
        ancestor = versions_of(shared_data)
        if all(descends(versions_of(d), ancestor) for _c, d in copies):
            base = shared
    elif isinstance(found, dict):
        ancestor = versions_of(found)
        if all(descends(versions_of(d), ancestor) for d in (shared_data, *[d for _c, d in copies])):
            base = index_tables(found)
    now = now_ms()
    limit, target = now + MAX_FUTURE_MS, now + CAP_TO_MS
    node = str(local_meta["device_id"])[:8]
    raws = [local_raw or b"", side.raw or b""] + [c.path.read_bytes() for c, _d in copies]
    if any(f"-{node}{CAPPED}".encode() in raw for raw in raws):  # cheap test first
        # Others capped this device's stamps: its clock runs ahead of theirs. Cap as they
        # would (from their time, not ours), and keep new stamps within it, so all agree.
        found = [own_cap_evidence(t, node) for t in (local, shared, *[t for _c, t in copy_tables])]
        evidence = max((f for f in found if f is not None), default=None)
        if evidence is not None:
            limit = min(limit, evidence + MAX_FUTURE_MS - CAP_TO_MS)
            target = min(target, evidence)
    greatest, capped_local, capped_shared, nodes = _cap_all(
        local, shared, copy_tables, base, limit, target
    )
    clock = _device_clock(local_meta, now, greatest)

    def fresh_stamp() -> str:  # capped like every other stamp when the wall clock runs ahead
        return cap_stamp(clock.tick(now), limit, target)

    # -- merge: the copies into the shared side, then the shared side with the local one
    seen = local_meta.get(SEEN_KEY)
    seen = dict(seen) if isinstance(seen, dict) else {}
    ctx = MergeContext(fresh_stamp=fresh_stamp, seen=seen, own_node=clock.node, own_last=clock.last)
    merged_shared = shared
    for candidate, tables in copy_tables:
        merged_shared = merge_tables(
            merged_shared, tables, base, ctx, labels=("shared", candidate.path.name)
        )
    merged = merge_tables(local, merged_shared, base, ctx)
    new_conflicts = _add_conflicts(merged, ctx, local, shared)
    # -- what changes on each side
    report.incoming, local_differs = diff_tables(local, merged)
    report.outgoing, shared_differs = diff_tables(shared, merged)
    local_changed = local_changed or local_differs or bool(capped_local)
    shared_changed = side.data is None or shared_differs or bool(capped_shared) or side.migrated
    local_meta["clock"] = clock.last
    for node, stamp in ctx.noted.items():
        if node != clock.node and stamp > seen.get(node, ""):
            seen[node] = stamp
    local_meta[SEEN_KEY] = seen
    names = device_names(local_data, shared_data, *(d for _c, d in copies))
    if device_name:
        names[clock.node] = device_name
    if names:  # who works on each device, for conflicts; rides along with the next write
        local_meta[DEVICE_NAMES_KEY] = names
        shared_meta[DEVICE_NAMES_KEY] = names
    local_meta["schema"] = max(int(local_meta.get("schema") or 0), SCHEMA_VERSION)
    if shared_changed:  # a new version of the shared file: count it in its version vector
        versions: dict[str, int] = {}
        for data in (shared_data, *(d for _c, d in copies)):
            for node, count in versions_of(data).items():
                versions[node] = max(versions.get(node, 0), count)
        mine = int(local_meta.get(COUNTER_KEY) or 0)
        versions[clock.node] = max(versions.get(clock.node, 0), mine) + 1
        local_meta[COUNTER_KEY] = versions[clock.node]
        shared_meta[VERSIONS_KEY] = versions
    local_out = _rebuild(local_data, merged, local_meta) if local_changed else local_data
    shared_out = _rebuild(shared_data, merged, shared_meta) if shared_changed else shared_data
    shared_bytes = dumps(shared_out) if shared_changed else (side.raw or dumps(shared_out))
    # -- the report
    report.created = created
    report.local_changed = local_changed
    report.shared_changed = shared_changed
    snapshot = Snapshot({**merged, "meta": {"1": local_meta}})
    report.new_conflicts = [conflict_view(c, snapshot, clock.node) for c in new_conflicts]
    report.open_conflicts = open_count(merged)
    _notices(report, ctx, capped_local + capped_shared, nodes, merged)
    return Plan(
        shared=side,
        report=report,
        local_data=local_out,
        local_existed=local_existed,
        local_migrated=local_migrated,
        local_changed=local_changed,
        shared_changed=shared_changed,
        shared_bytes=shared_bytes,
        local_key=key,
        shared_id=shared_id,
        clock_last=clock.last,
        copies=[c for c, _d in copies],
        shared_signature=side.signature,
    )


def device_names(*datas: dict) -> dict[str, str]:
    """Device names known to these stores (later ones win), text entries only."""
    names: dict[str, str] = {}
    for data in datas:
        found = meta_of(data).get(DEVICE_NAMES_KEY) if data else None
        if isinstance(found, dict):
            names.update(
                {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}
            )
    return names
