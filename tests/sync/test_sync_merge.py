"""The pure three-way merge (store/sync/merge.py): each rule on hand-made records."""

from __future__ import annotations

import copy
import itertools

from hypothesis import given, settings
from hypothesis import strategies as hs

from store.sync.conflicts import conflict_id, conflict_record
from store.sync.fast import supersedes
from store.sync.merge import MISSING, MergeContext, merge_record, merge_tables
from store.sync.stamps import CAPPED, cap_stamps


def st(ms: int, node: str = "aaaaaaaa", counter: int = 0) -> str:
    return f"{ms:013d}-{counter:06d}-{node}"


BASE = st(1000, "sample00")
A, B = "aaaaaaaa", "bbbbbbbb"


def rec(rid: str = "r1", star: str = BASE, clocks: dict | None = None, **fields) -> dict:
    return {
        "id": rid,
        **fields,
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00Z",
        "_clock": {"*": star, **(clocks or {})},
    }


def ctx(**kw) -> MergeContext:
    counter = itertools.count()
    return MergeContext(fresh_stamp=lambda: st(9_000_000 + next(counter), "ffffffff"), **kw)


def both_ways(local: dict, shared: dict, base: dict | None, **kw) -> tuple[dict, MergeContext]:
    """Merge in both orders: the result must not depend on which side is which."""
    c1, c2 = ctx(**kw), ctx(**kw)
    one = merge_record(
        "contacts", "r1", copy.deepcopy(local), copy.deepcopy(shared), copy.deepcopy(base), c1
    )
    two = merge_record(
        "contacts", "r1", copy.deepcopy(shared), copy.deepcopy(local), copy.deepcopy(base), c2
    )
    assert one == two
    assert [(c.winner, c.loser) for c in c1.clashes] == [(c.winner, c.loser) for c in c2.clashes]
    return one, c1


def test_a_field_changed_on_one_side_wins_without_conflict() -> None:
    base = rec(title="Phóng viên", phones=["+84900000001"])
    local = rec(title="Trưởng ban", phones=["+84900000001"], clocks={"title": st(2000, A)})
    shared = rec(title="Phóng viên", phones=["+84900000002"], clocks={"phones": st(2100, B)})
    merged, c = both_ways(local, shared, base)
    assert merged["title"] == "Trưởng ban" and merged["phones"] == ["+84900000002"]
    assert merged["_clock"] == {"*": BASE, "title": st(2000, A), "phones": st(2100, B)}
    assert not c.clashes


def test_both_changed_to_the_same_value_is_no_conflict() -> None:
    base = rec(title="x")
    local = rec(title="y", clocks={"title": st(2000, A)})
    shared = rec(title="y", clocks={"title": st(2500, B)})
    merged, c = both_ways(local, shared, base)
    assert merged["title"] == "y" and merged["_clock"]["title"] == st(2500, B)
    assert not c.clashes


def test_both_changed_differently_is_a_conflict_won_by_the_later_stamp() -> None:
    base = rec(headline="old")
    local = rec(headline="mine", clocks={"headline": st(3000, A)})
    shared = rec(headline="theirs", clocks={"headline": st(2000, B)})
    merged, c = both_ways(local, shared, base)
    assert merged["headline"] == "mine"
    [clash] = c.clashes
    assert clash.kind == "edit"
    assert clash.winner == ("mine", st(3000, A)) and clash.loser == ("theirs", st(2000, B))


def test_equal_stamps_break_ties_by_node_then_value() -> None:
    base = rec(headline="old")
    local = rec(headline="a", clocks={"headline": st(3000, A)})
    shared = rec(headline="b", clocks={"headline": st(3000, B)})
    merged, _c = both_ways(local, shared, base)
    assert merged["headline"] == "b"  # node bbbbbbbb > aaaaaaaa


def test_a_cleared_field_clashing_with_an_edit_keeps_both() -> None:
    base = rec(notes="n")
    local = rec(clocks={"notes": st(3000, A)})  # cleared
    shared = rec(notes="edited", clocks={"notes": st(2000, B)})
    merged, c = both_ways(local, shared, base)
    assert "notes" not in merged and merged["_clock"]["notes"] == st(3000, A)
    assert c.clashes[0].loser == ("edited", st(2000, B))
    assert c.clashes[0].winner == (MISSING, st(3000, A))


def test_without_a_base_the_creation_stamp_is_the_common_ancestor() -> None:
    local = rec(title="t", phones=["1"], clocks={"phones": st(2000, A)})
    shared = rec(title="t2", phones=["1"], clocks={"title": st(2000, B)})
    merged, c = both_ways(local, shared, None)
    assert merged["title"] == "t2" and merged["phones"] == ["1"] and not c.clashes
    # a field changed on both sides since creation clashes
    local = rec(title="a", clocks={"title": st(2000, A)})
    shared = rec(title="b", clocks={"title": st(2100, B)})
    merged, c = both_ways(local, shared, None)
    assert merged["title"] == "b" and len(c.clashes) == 1


def test_lists_of_strings_merge_as_sets_three_way() -> None:
    base = rec(tags=["a", "b", "c"])
    local = rec(tags=["a", "c", "d"], clocks={"tags": st(2000, A)})  # -b +d
    shared = rec(tags=["a", "b", "e"], clocks={"tags": st(2100, B)})  # -c +e
    merged, c = both_ways(local, shared, base)
    assert sorted(merged["tags"]) == ["a", "d", "e"] and not c.clashes
    assert merged["_clock"]["tags"].endswith("ffffffff")  # a new value: a fresh stamp
    # without a base nothing is removed
    merged, c = both_ways(local, shared, None)
    assert sorted(merged["tags"]) == ["a", "b", "c", "d", "e"] and not c.clashes


def test_history_is_a_union_by_entry_id_in_time_order() -> None:
    e1 = {"id": "e1", "at": "2024-01-01T10:00:00Z", "note": "sent"}
    e2 = {"id": "e2", "at": "2024-01-02T10:00:00Z", "note": "called"}
    e3 = {"id": "e3", "at": "2024-01-01T12:00:00Z", "note": "replied"}
    base = rec(history=[e1])
    local = rec(history=[e1, e2], clocks={"history": st(2000, A)})
    shared = rec(history=[e1, e3], clocks={"history": st(2100, B)})
    merged, c = both_ways(local, shared, base)
    assert [e["id"] for e in merged["history"]] == ["e1", "e3", "e2"] and not c.clashes


def test_an_edit_beats_a_concurrent_delete() -> None:
    base = rec(notes="n")
    deleted = rec(
        notes="n", clocks={"deleted": st(3000, A)}, deleted=True, deleted_at="2024-02-01T00:00:00Z"
    )
    edited = rec(notes="edited", clocks={"notes": st(2000, B)})
    merged, c = both_ways(deleted, edited, base)
    assert not merged.get("deleted") and merged["notes"] == "edited"
    assert merged["_clock"]["deleted"] > st(3000, A)  # a fresh stamp, later than the delete
    assert [r.deleted_on for r in c.resurrected] == ["local"]


def test_a_delete_wins_when_the_other_side_did_not_change_the_record() -> None:
    base = rec(notes="n")
    deleted = rec(
        notes="n", clocks={"deleted": st(3000, A)}, deleted=True, deleted_at="2024-02-01T00:00:00Z"
    )
    merged, c = both_ways(deleted, copy.deepcopy(base), base)
    assert merged["deleted"] is True and merged["deleted_at"] == "2024-02-01T00:00:00Z"
    assert not c.resurrected
    # the deleter had seen the edit (same stamp): no revival either
    edited = rec(notes="e", clocks={"notes": st(2000, B)})
    deleted = rec(notes="e", clocks={"notes": st(2000, B), "deleted": st(3000, A)}, deleted=True)
    merged, c = both_ways(deleted, edited, base)
    assert merged["deleted"] is True and not c.resurrected


def test_times_unknown_fields_and_unknown_tables() -> None:
    base = rec(x_new=1)
    local = rec(x_new=2, clocks={"x_new": st(2000, A)})
    local["created_at"], local["updated_at"] = "2024-01-02T00:00:00Z", "2024-03-01T00:00:00Z"
    shared = rec(x_other="kept", clocks={"x_other": st(2100, B)}, x_new=1)
    shared["created_at"], shared["updated_at"] = "2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"
    merged, _c = both_ways(local, shared, base)
    assert merged["x_new"] == 2 and merged["x_other"] == "kept"
    assert merged["created_at"] == "2024-01-01T00:00:00Z"
    assert merged["updated_at"] == "2024-03-01T00:00:00Z"
    tables = merge_tables(
        {"future_table": {"r1": local}}, {"future_table": {"r2": shared}}, None, ctx()
    )
    assert set(tables["future_table"]) == {"r1", "r2"}


def test_an_old_version_coming_back_never_silently_undoes_newer_edits() -> None:
    base = rec(title="new", tags=["a", "b"], clocks={"title": st(5000, A), "tags": st(5000, A)})
    local = copy.deepcopy(base)
    old = rec(title="old", tags=["a"], clocks={"title": st(2000, B), "tags": st(2000, B)})
    merged, c = both_ways(local, old, base)
    assert merged["title"] == "new" and merged["tags"] == ["a", "b"]
    assert [(x.kind, x.loser[0]) for x in c.clashes] == [("stale", "old")]
    # ... unless this device already merged a later stamp of that writer: then it is just old
    merged, c = both_ways(local, old, base, seen={B: st(4000, B)})
    assert merged["title"] == "new" and not c.clashes


def test_future_stamps_are_capped_marked_and_capping_is_idempotent() -> None:
    far = st(10_000_000, A)
    tables = {"contacts": {"r1": rec(title="t", star=far, clocks={"title": far})}}
    greatest, capped = cap_stamps(tables, limit_ms=5_000_000, target_ms=4_000_000)
    clocks = tables["contacts"]["r1"]["_clock"]
    assert clocks == {"*": st(4_000_000, f"{A}{CAPPED}10000000")}  # one entry: "*"
    assert greatest == clocks["*"] and len(capped) == 2
    assert cap_stamps(tables, limit_ms=5_000_000, target_ms=4_500_000)[1] == []


def test_two_devices_detecting_the_same_clash_create_the_same_conflict() -> None:
    base = rec(headline="old")
    local = rec(headline="mine", clocks={"headline": st(3000, A)})
    shared = rec(headline="theirs", clocks={"headline": st(2000, B)})
    _m, c1 = both_ways(local, shared, base)
    _m, c2 = both_ways(shared, local, None)
    r1 = conflict_record(c1.clashes[0], "2024-05-01T00:00:00Z")
    r2 = conflict_record(c2.clashes[0], "2024-05-02T00:00:00Z")
    assert r1["id"] == r2["id"] == conflict_id("contacts", "r1", "headline", st(2000, B))
    assert {k: v for k, v in r1.items() if not k.endswith("_at")} == {
        k: v for k, v in r2.items() if not k.endswith("_at")
    }
    assert r1["kept"] == {"value": "mine", "present": True, "stamp": st(3000, A), "node": A}


def test_a_merged_set_never_carries_a_stamp_older_than_what_it_replaced() -> None:
    """Regression (property test): officer 1 removed one tag (later stamp), officer 2 both (an
    earlier stamp). Their merge equals officer 2's list; with officer 2's stamp, officer 1,
    whose base holds its own later-stamped list, took it for an old version coming back and
    kept its own, so the officers never converged."""
    base = rec(tags=["s0", "common"])
    one = rec(tags=["common"], clocks={"tags": st(2900, A)})
    two = rec(clocks={"tags": st(2000, B)})  # both removed: cleared
    merged, c = both_ways(one, two, base)
    assert "tags" not in merged and not c.clashes
    assert merged["_clock"]["tags"] > st(2900, A)  # a new write, later than both
    # officer 1, whose base is its own list, now takes the merge as the newer change
    again, c = both_ways(copy.deepcopy(one), merged, one)
    assert "tags" not in again and again["_clock"]["tags"] == merged["_clock"]["tags"]
    assert not c.clashes
    # a merge equal to the later side keeps that side's stamp (no needless new write)
    two_later = rec(clocks={"tags": st(3000, B)})
    merged, _c = both_ways(one, two_later, base)
    assert "tags" not in merged and merged["_clock"]["tags"] == st(3000, B)


def _record_strategy() -> hs.SearchStrategy[dict]:
    stamps = hs.integers(900, 1100).map(lambda ms: st(ms, "cccccccc"))
    value = hs.one_of(
        hs.text("ab", max_size=2),
        hs.lists(hs.sampled_from(["x", "y", "z"]), max_size=3),
        hs.lists(hs.fixed_dictionaries({"id": hs.sampled_from(["e1", "e2"])}), max_size=2),
        hs.none(),
    )
    field = hs.sampled_from(["title", "tags", "history", "deleted", "x_new"])
    times = hs.sampled_from([None, "2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"])
    return hs.fixed_dictionaries(
        {
            "star": stamps,
            "fields": hs.dictionaries(field, value, max_size=4),
            "clocks": hs.dictionaries(field, stamps, max_size=4),
            "created_at": times,
            "updated_at": times,
            "deleted_at": times,
        }
    )


def _build(spec: dict) -> dict:
    record = {"id": "r1", **spec["fields"]}
    if "deleted" in record:
        record["deleted"] = bool(record["deleted"]) or None
        if record["deleted"] is None:
            del record["deleted"]
    for name in ("created_at", "updated_at", "deleted_at"):
        if spec[name]:
            record[name] = spec[name]
    record["_clock"] = {"*": spec["star"], **spec["clocks"]}
    return record


def test_the_fast_path_gives_exactly_what_the_full_merge_gives() -> None:
    """store/sync/fast.py is an optimisation: whenever it takes a record as it is, the full
    three-way merge (both orders) returns that very record, with no clash, notice or stamp."""
    records = _record_strategy()
    bumps = hs.integers(0, 5)

    @hs.composite
    def pairs(draw):  # a record and a later version of it (often a forward edit), or any two
        old_spec = draw(records)
        new_spec = draw(records)
        if draw(hs.booleans()):
            fields = {**old_spec["fields"], **new_spec["fields"]}
            for name in draw(hs.lists(hs.sampled_from(list(fields) or ["title"]), max_size=2)):
                fields.pop(name, None)
            clocks = {**old_spec["clocks"]}
            for name in set(fields) ^ set(old_spec["fields"]) | set(new_spec["fields"]):
                clocks[name] = st(2000 + draw(bumps), "dddddddd")
            new_spec = {**old_spec, "fields": fields, "clocks": clocks}
            new_spec["updated_at"] = draw(hs.sampled_from([old_spec["updated_at"], "2025-01-01"]))
        return _build(old_spec), _build(new_spec)

    hits = []

    # derandomized: the same 300 pairs every run, so the count below is not left to chance
    @settings(max_examples=300, deadline=None, database=None, derandomize=True)
    @given(pairs())
    def check(pair: tuple[dict, dict]) -> None:
        old, new = pair
        if not supersedes(new, old):
            return
        for first, second in ((old, new), (new, old)):
            c = ctx()
            merged = merge_record(
                "contacts",
                "r1",
                copy.deepcopy(first),
                copy.deepcopy(second),
                copy.deepcopy(old),
                c,
            )
            assert merged == new
            assert not c.clashes and not c.resurrected
        hits.append(1)

    check()
    assert len(hits) > 30  # taken often enough to prove something (48 of these 300 pairs)
