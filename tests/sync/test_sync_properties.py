"""Property proof of sync: three officers, one shared file, anything in any order.

A hypothesis state machine drives three stores (each with its own skewed clock) and one shared
file through random creates, edits (scalar, list and unknown fields, an unknown table), deletes,
history appends, conflict resolutions, syncs in any order, crashes at every write step, racing
syncs (the shared file changes between read and write), lost locks across machines (a write lost
or turned into a Syncthing conflict copy) and shared files restored to an older version.

Checked: after every step, syncing twice changes nothing (on a copy of the world); at the end,
after two rounds of syncs everyone is identical; and every value ever written is visible, or was
replaced by a writer whose store held it, or is in a conflict record (a ghost model of writes).

Size (env HYPOTHESIS_PROFILE, the profiles of tests/conftest.py): "ci" (the default) runs 1 000
examples of up to 16 steps (about 13 on average: about 13 000 state-machine steps, each followed by
the invariant, plus 6 to 9 syncs per example at the end), about a minute on one core; "nightly"
runs ten times as many examples (10 000, about 130 000 steps). Each example starts from small stores (two
sample contacts, the records its steps create), so a step costs a few milliseconds, not the
sample network's hundreds of records.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from synctools import SimClock, content, officer, put_records, sample_record

from store.clock import MAX_FUTURE_MS
from store.storage import atomic_write_bytes
from store.sync import resolve_conflict, sync
from store.sync.conflicts import is_open
from store.sync.engine import read_shared
from store.sync.plan import SharedSide, make_plan

PROFILES = {
    "ci": {"max_examples": 1000, "stateful_step_count": 16},
    "nightly": {"max_examples": 10000, "stateful_step_count": 16},
}
PROFILE = PROFILES.get(os.environ.get("HYPOTHESIS_PROFILE", "ci"), PROFILES["ci"])
CRASH_POINTS = [
    None,
    None,
    None,
    "before_shared_write",
    "after_shared_write",
    "after_copies",
    "after_local_write",
    "after_base_write",
]
SKEWS = [0, 0, 900, -900, -120_000, 3 * 3600_000, 2 * MAX_FUTURE_MS]
SCALARS = ["title", "notes", "x_future_field"]
NS = uuid.UUID("3d0c2a3e-2f7c-4c1e-9b7e-000000000000")
SHM = "/dev/shm" if os.path.isdir("/dev/shm") else None


class Crash(Exception):
    """A simulated crash at one step of a sync."""


@dataclass
class Write:
    table: str
    rid: str
    field: str
    value: Any  # scalar value (None: cleared) or list
    prevs: list = field(default_factory=list)  # values the writer's store held and replaced


@dataclass
class Delete:
    table: str
    rid: str
    snapshot: dict


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="lantoa-sync-", dir=SHM))
        self.clock = SimClock()
        self.shared = self.root / "shared" / "shared.json"
        self.shared.parent.mkdir()
        self.writes: list[Write] = []
        self.deletes: list[Delete] = []
        self.entries: list[tuple[str, str]] = []  # (outreach id, history entry id)
        self.versions: list[bytes] = []
        self.counter = 0
        self.steps = 0
        self.copies = 0
        self.history_lost = False
        self.stores = []
        self.skews = [0, 0, 0]

    # -- helpers ---------------------------------------------------------------------------

    def unique(self, who: int) -> str:
        self.counter += 1
        return f"o{who}-v{self.counter}"

    def store(self, who: int):
        return self.stores[who]

    def live(self, who: int, table: str) -> list[dict]:
        return sorted(self.store(who).load().live(table), key=lambda r: r["id"])

    def do_sync(self, who: int, crash: str | None = None, race: int | None = None) -> None:
        raced = []

        def hook(point: str) -> None:
            if point == "after_read" and race is not None and not raced:
                raced.append(point)
                sync(self.store(race), self.shared)
            if point == crash:
                raise Crash(point)

        try:
            report = sync(self.store(who), self.shared, hooks=hook)
        except Crash:
            pass
        else:  # syncing again right away changes nothing, on disk (unless another sync wrote
            # the file after this one read it and this one had nothing to write: then it is
            # right as of its read, and the next sync brings the rest)
            if not (raced and report.attempts == 1 and not report.shared_changed):
                me = self.store(who)
                before = (me.path.read_bytes(), self.shared.read_bytes())
                again = sync(me, self.shared)
                assert not (again.local_changed or again.shared_changed), again.to_json()
                assert (me.path.read_bytes(), self.shared.read_bytes()) == before
        if self.shared.exists():
            self.versions.append(self.shared.read_bytes())

    # -- rules -----------------------------------------------------------------------------

    @initialize(skews=st.tuples(*[st.sampled_from(SKEWS)] * 3), sample=st.booleans())
    def start(self, skews: tuple[int, int, int], sample: bool) -> None:
        self.skews = list(skews)
        self.stores = [officer(self.root / f"o{i}", self.clock.of(s)) for i, s in enumerate(skews)]
        records = [
            sample_record(
                str(uuid.uuid5(NS, f"sample{i}")),
                title=f"sample title {i}",
                notes=f"sample notes {i}",
                tags=[f"s{i}", "common"],
            )
            for i in range(2 if sample else 0)
        ]
        for i, store in enumerate(self.stores):  # fixed device ids: examples replay exactly
            device = f"{i}{i}{i}{i}dev{i}-{uuid.uuid5(NS, str(i))}"
            put_records(store, "contacts", records, meta={"device_id": device})
        if sample:
            for r in records:
                for name in ("title", "notes", "tags"):
                    self.writes.append(Write("contacts", r["id"], name, r[name]))

    @rule(ms=st.integers(0, 30_000))
    def wait(self, ms: int) -> None:
        self.clock.ms += ms

    @rule(who=st.integers(0, 2), table=st.sampled_from(["contacts", "contacts", "x_future_table"]))
    def create(self, who: int, table: str) -> None:
        rid = str(uuid.uuid5(NS, self.unique(who)))
        values = {"title": self.unique(who), "tags": [self.unique(who)]}
        with self.store(who).transaction() as tx:
            tx.insert(table, values, record_id=rid)
        for name, value in values.items():
            self.writes.append(Write(table, rid, name, value))

    @rule(
        who=st.integers(0, 2),
        pick=st.integers(0, 50),
        name=st.sampled_from(SCALARS),
        clear=st.integers(0, 9),
        table=st.sampled_from(["contacts", "x_future_table"]),
    )
    def edit_scalar(self, who: int, pick: int, name: str, clear: int, table: str) -> None:
        records = self.live(who, table)
        if not records:
            return
        record = records[pick % len(records)]
        value = None if clear == 0 else self.unique(who)
        with self.store(who).transaction() as tx:
            tx.update(table, record["id"], {name: value})
        self.writes.append(Write(table, record["id"], name, value, [record.get(name)]))

    @rule(
        who=st.integers(0, 2), pick=st.integers(0, 50), drop=st.integers(0, 15), add=st.booleans()
    )
    def edit_tags(self, who: int, pick: int, drop: int, add: bool) -> None:
        records = self.live(who, "contacts")
        if not records:
            return
        record = records[pick % len(records)]
        before = list(record.get("tags") or [])
        after = [t for i, t in enumerate(before) if not (drop >> i) & 1]
        if add:
            after.append(self.unique(who))
        with self.store(who).transaction() as tx:
            tx.update("contacts", record["id"], {"tags": after or None})
        self.writes.append(Write("contacts", record["id"], "tags", after, [before]))

    @rule(
        who=st.integers(0, 2),
        pick=st.integers(0, 50),
        table=st.sampled_from(["contacts", "contacts", "x_future_table"]),
    )
    def delete(self, who: int, pick: int, table: str) -> None:
        records = self.live(who, table)
        if not records:
            return
        record = records[pick % len(records)]
        with self.store(who).transaction() as tx:
            tx.delete(table, record["id"])
        self.deletes.append(Delete(table, record["id"], dict(record)))

    @rule(who=st.integers(0, 2), pick=st.integers(0, 3))
    def append_history(self, who: int, pick: int) -> None:
        rid = str(uuid.uuid5(NS, f"outreach{pick % 2}"))
        entry_id = self.unique(who)
        with self.store(who).transaction() as tx:
            current = tx.get("outreach", rid, include_deleted=True)
            entry = {"id": entry_id, "at": tx.now, "note": entry_id}
            if current is None:
                tx.insert("outreach", {"history": [entry]}, record_id=rid)
            else:
                tx.update("outreach", rid, {"history": [*(current.get("history") or []), entry]})
        self.entries.append((rid, entry_id))

    @rule(
        who=st.integers(0, 2),
        pick=st.integers(0, 50),
        how=st.sampled_from(["mine", "theirs", "value"]),
    )
    def resolve(self, who: int, pick: int, how: str) -> None:
        snapshot = self.store(who).load()
        found = sorted(
            (c for c in snapshot.by_id("conflicts").values() if is_open(c)), key=lambda c: c["id"]
        )
        if not found:
            return
        conflict = found[pick % len(found)]
        table, rid, name = conflict["table"], conflict["record_id"], conflict["field"]
        current = (snapshot.by_id(table).get(rid) or {}).get(name)
        keep = self.unique(who) if how == "value" else how
        view = resolve_conflict(self.store(who), conflict["id"], keep)
        value = view["resolution"]["value"]
        prevs = [current, conflict["kept"]["value"], conflict["other"]["value"]]
        self.writes.append(Write(table, rid, name, value, prevs))

    @rule(
        who=st.integers(0, 2),
        crash=st.sampled_from(CRASH_POINTS),
        race=st.sampled_from([None, None, None, 0, 1, 2]),
    )
    def sync_one(self, who: int, crash: str | None, race: int | None) -> None:
        self.do_sync(who, crash, None if race == who else race)

    @precondition(lambda self: self.shared.exists())
    @rule(first=st.integers(0, 2), second=st.integers(0, 2), copy=st.booleans())
    def lost_lock(self, first: int, second: int, copy: bool) -> None:
        """Two machines sync at once where no lock reaches (a synced folder): the second write
        is based on the old file. The sync tool keeps one and makes the other a conflict copy
        (copy=True), or a network drive simply keeps the last write (copy=False)."""
        if first == second:
            return
        before = self.shared.read_bytes()
        sync(self.store(first), self.shared)
        first_bytes = self.shared.read_bytes()
        atomic_write_bytes(self.shared, before)
        sync(self.store(second), self.shared)
        self.history_lost = self.history_lost or not copy
        if copy:
            self.copies += 1
            name = f"shared.sync-conflict-20250101-{self.copies:06d}-ABCDEFG.json"
            atomic_write_bytes(self.shared.parent / name, first_bytes)
        self.versions.append(self.shared.read_bytes())

    @precondition(lambda self: len(self.versions) > 1)
    @rule(pick=st.integers(0, 100))
    def restore_old_shared_file(self, pick: int) -> None:
        """Someone puts back an older copy of the shared file (from a backup or a USB stick)."""
        self.history_lost = True
        atomic_write_bytes(self.shared, self.versions[pick % len(self.versions)])

    # -- checks ----------------------------------------------------------------------------

    @invariant()
    def syncing_twice_changes_nothing(self) -> None:
        """Replayed in memory for one officer per step (the engine's own writes are checked
        for real after every sync step): a sync, then a second one that must change nothing."""
        if not self.stores:
            return
        self.steps += 1
        me = self.store(self.steps % 3)
        now = self.clock.of(self.skews[self.steps % 3])
        local = me.path.read_bytes() if me.path.exists() else None
        first = make_plan(me, local, read_shared(self.shared), now)
        side = read_shared(self.shared)
        again_shared = SharedSide(
            side.path, first.shared_bytes, json.loads(first.shared_bytes), None
        )
        again = make_plan(
            me,
            first.local_bytes(),
            again_shared,
            now,
            with_copies=False,
            base_raw=first.shared_bytes,
        )
        assert not again.local_changed and not again.shared_changed, again.report.to_json()
        assert again.local_bytes() == first.local_bytes()

    def teardown(self) -> None:
        try:
            if self.stores:
                self.final_checks()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def final_checks(self) -> None:
        # A device whose clock runs more than a day ahead has its change times capped by the
        # others, which it cannot know while its clock is wrong: sync keeps everything safe
        # meanwhile (checked below), and the stores converge once its clock is put right.
        for who, skew in enumerate(self.skews):
            if skew > MAX_FUTURE_MS // 2:
                self.skews[who] = 0
                self.stores[who].now_ms = self.clock.of(0)
        # Two rounds make everyone identical. When a version of the shared file was lost (a
        # write overwritten where no lock reaches, or an old copy put back), merges that cannot
        # trust their base keep everything both sides have (a set removal comes back) until the
        # next round settles it: one more round.
        for _round in range(3 if self.history_lost else 2):
            for who in range(3):
                sync(self.store(who), self.shared)
        final = content(self.shared)
        for who in range(3):
            assert content(self.store(who).path) == final, f"officer {who} differs"
        conflicts = list((final.get("conflicts") or {}).values())
        for write in self.writes:
            self.check_write(write, final, conflicts)
        for rid, entry_id in self.entries:
            history = final["outreach"][rid].get("history") or []
            assert entry_id in {e["id"] for e in history}, f"history entry {entry_id} lost"

    def check_write(self, w: Write, final: dict, conflicts: list[dict]) -> None:
        record = final[w.table][w.rid]
        same = [o for o in self.writes if (o.table, o.rid, o.field) == (w.table, w.rid, w.field)]
        deleted = [d.snapshot for d in self.deletes if (d.table, d.rid) == (w.table, w.rid)]
        if isinstance(w.value, list):  # a set: every element it added survives or was removed
            now = record.get(w.field) or []
            before = set().union(*[set(p or []) for p in w.prevs]) if w.prevs else set()
            for item in set(w.value) - before:
                ok = (
                    item in now
                    or any(
                        item in set().union(*[set(p or []) for p in o.prevs])
                        and item not in (o.value or [])
                        for o in same
                    )
                    or (
                        record.get("deleted")
                        and any(item in (s.get(w.field) or []) for s in deleted)
                    )
                )
                assert ok, f"{item!r} added to {w.table}/{w.rid[:8]}.{w.field} was lost"
            return
        if w.value is None:
            return
        ok = (
            record.get(w.field) == w.value
            or any(w.value in o.prevs for o in same)
            or any(
                (c["table"], c["record_id"], c["field"]) == (w.table, w.rid, w.field)
                and w.value in (c["kept"]["value"], c["other"]["value"])
                for c in conflicts
            )
            or (record.get("deleted") and any(s.get(w.field) == w.value for s in deleted))
        )
        assert ok, (
            f"{w.value!r} written to {w.table}/{w.rid[:8]}.{w.field} was lost; now "
            f"{record.get(w.field)!r}"
        )


SyncMachine.TestCase.settings = settings(
    max_examples=PROFILE["max_examples"],
    stateful_step_count=PROFILE["stateful_step_count"],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestSyncProperties = SyncMachine.TestCase
