"""Status changes keep the whole trail, apply to all or none, and undo as new changes."""

from __future__ import annotations

import pytest

import store.outreach.changes as changes_module
from store import Store
from store.errors import LantoaError, NotFoundError, ValidationError
from store.outreach import (
    OutreachSettings,
    PlanRequest,
    change_items,
    delete_items,
    last_command,
    mark_done,
    plan_outreach,
    undo_last,
)
from store.outreach.undo import JOURNAL_KEY, MAX_COMMANDS
from store.records import field_clock

SETTINGS = OutreachSettings(owner="tester", double_pitch_days=14)
OTHER = OutreachSettings(owner="colleague", double_pitch_days=14)


def planned(net: Store, *orgs: str) -> list[str]:
    result = plan_outreach(net, PlanRequest(message="msg-ready", orgs=list(orgs)), SETTINGS)
    return [r["id"] for r in result.created]


def item(net: Store, item_id: str, include_deleted: bool = False) -> dict:
    return net.load().get("outreach", item_id, include_deleted=include_deleted)


def test_done_keeps_the_previous_state_in_history(net: Store) -> None:
    (a, _b) = planned(net, "vu-bc")
    before = item(net, a)
    result = mark_done(net, [a], OTHER, note="Gọi điện xong")
    after = item(net, a)
    assert [r["id"] for r in result.changed] == [a]
    assert after["status"] == "done" and after["note"] == "Gọi điện xong"
    assert after["history"][0] == before["history"][0]  # the old entry is untouched
    entry = after["history"][-1]
    assert (entry["from"], entry["to"], entry["by"], entry["action"], entry["note"]) == (
        "planned",
        "done",
        "colleague",
        "status",
        "Gọi điện xong",
    )
    assert entry["id"] != before["history"][0]["id"] and entry["at"] >= before["history"][0]["at"]
    assert after["owner"] == "tester"  # the owner stays who planned it


def test_history_only_grows(net: Store) -> None:
    (a,) = planned(net, "cuc-bc")
    trail = item(net, a)["history"]
    steps = [
        dict(status="sent"),
        dict(note="chased by phone"),
        dict(status="replied"),
        dict(due="2031-01-01"),
        dict(status="published", link="https://vnexpress.net/a"),
    ]
    for step in steps:
        change_items(net, [a], SETTINGS, **step)
        longer = item(net, a)["history"]
        assert longer[: len(trail)] == trail and len(longer) == len(trail) + 1
        trail = longer
    assert [e["to"] for e in trail] == [
        "planned",
        "sent",
        "sent",
        "replied",
        "replied",
        "published",
    ]
    assert trail[2]["action"] == "note" and trail[4]["changes"] == {"due": [None, "2031-01-01"]}
    assert trail[-1]["link"] == "https://vnexpress.net/a"
    undo_last(net, SETTINGS)
    assert item(net, a)["history"][: len(trail)] == trail


def test_published_needs_a_link_and_bad_values_change_nothing(net: Store) -> None:
    ids = planned(net, "vu-bc", "cuc-bc")
    before = net.path.read_bytes()
    with pytest.raises(ValidationError) as caught:
        change_items(net, ids, SETTINGS, status="published")
    assert "--link" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        change_items(net, ids, SETTINGS, status="lost", link="not a link", due="someday")
    assert set(caught.value.fields) == {"status", "link", "due"}
    with pytest.raises(ValidationError):
        change_items(net, ids, SETTINGS)  # nothing to change
    assert net.path.read_bytes() == before
    change_items(net, ids[:1], SETTINGS, link="www.baochinhphu.vn/x")
    assert item(net, ids[0])["link"] == "https://www.baochinhphu.vn/x"
    change_items(net, ids[:1], SETTINGS, status="đã đăng")  # the item has its link already
    assert item(net, ids[0])["status"] == "published"


def test_a_bulk_change_applies_to_all_or_none(net: Store, monkeypatch) -> None:
    ids = planned(net, "vu-bc", "cuc-bc", "so-qn")
    before = net.path.read_bytes()
    with net.transaction() as tx:  # someone deletes one item meanwhile
        tx.delete("outreach", ids[1])
    deleted = net.path.read_bytes()
    with pytest.raises(NotFoundError) as caught:
        mark_done(net, ids, SETTINGS)
    assert ids[1][:8] in str(caught.value) and "Nothing was changed" in str(caught.value)
    assert net.path.read_bytes() == deleted
    with net.transaction() as tx:
        tx.restore("outreach", ids[1])

    calls = []
    real = changes_module._change_one

    def crash_on_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("power cut")
        return real(*args, **kwargs)

    monkeypatch.setattr(changes_module, "_change_one", crash_on_third)
    snapshot = net.path.read_bytes()
    with pytest.raises(RuntimeError):
        mark_done(net, ids, SETTINGS)
    assert net.path.read_bytes() == snapshot  # the first two changes were never written
    assert before != snapshot


def test_unchanged_items_are_reported_and_a_note_alone_is_an_annotation(net: Store) -> None:
    (a, b) = planned(net, "vu-bc")
    mark_done(net, [a], SETTINGS)
    result = mark_done(net, [a, b], SETTINGS)
    assert [r["id"] for r in result.unchanged] == [a] and [r["id"] for r in result.changed] == [b]
    mark_done(net, [a], SETTINGS, note="confirmed again")
    last = item(net, a)["history"][-1]
    assert (last["from"], last["to"], last["action"]) == ("done", "done", "note")


def test_undo_reverts_the_last_command_with_a_new_history_entry(net: Store) -> None:
    (a, b) = planned(net, "vu-bc")
    mark_done(net, [a, b], SETTINGS, note="both done")
    done = item(net, a)
    done_entry = done["history"][-1]
    assert last_command(net.load())["command"] == "done"
    result = undo_last(net, OTHER)
    assert sorted(result.reverted) == sorted([a, b]) and result.skipped == []
    undone = item(net, a)
    assert undone["status"] == "planned" and undone.get("note") is None
    assert undone["history"][:-1] == done["history"]
    entry = undone["history"][-1]
    assert (entry["action"], entry["from"], entry["to"], entry["undo_of"], entry["by"]) == (
        "undo",
        "done",
        "planned",
        done_entry["id"],
        "colleague",
    )
    # a new change with a newer clock, so a sync carries it over the old "done"
    assert field_clock(undone, "status") > field_clock(done, "status")


def test_undo_twice_goes_back_two_commands_then_stops(net: Store) -> None:
    ids = planned(net, "vu-bc")
    change_items(net, ids, SETTINGS, status="sent")
    assert undo_last(net, SETTINGS).command["command"] == "set"
    assert {item(net, i)["status"] for i in ids} == {"planned"}
    assert undo_last(net, SETTINGS).command["command"] == "plan"
    snapshot = net.load()
    assert snapshot.live("outreach") == []
    gone = snapshot.get("outreach", ids[0], include_deleted=True)
    assert gone["deleted"] and gone["history"][-1]["action"] == "undo"
    with pytest.raises(LantoaError, match="Nothing to undo"):
        undo_last(net, SETTINGS)


def test_undo_leaves_items_changed_since_as_they_are(net: Store) -> None:
    (a, b) = planned(net, "vu-bc")
    mark_done(net, [a, b], SETTINGS)
    with net.transaction() as tx:  # a change from elsewhere (another device, via sync)
        current = tx.get("outreach", a)
        entry = {
            "id": "remote-1",
            "at": tx.now,
            "by": "other",
            "action": "status",
            "from": "done",
            "to": "replied",
            "note": None,
        }
        tx.update("outreach", a, {"status": "replied", "history": [*current["history"], entry]})
    result = undo_last(net, SETTINGS)
    assert result.reverted == [b] and result.skipped == [(a, "changed")]
    assert item(net, a)["status"] == "replied" and item(net, b)["status"] == "planned"


def test_undo_of_a_plan_keeps_items_worked_on_since(net: Store) -> None:
    (a, b) = planned(net, "vu-bc")
    with net.transaction() as tx:
        tx.meta[JOURNAL_KEY] = tx.meta[JOURNAL_KEY][-1:]
    # mark a sent without journalling (as a sync would bring it)
    with net.transaction() as tx:
        current = tx.get("outreach", a)
        tx.update(
            "outreach",
            a,
            {
                "status": "sent",
                "history": [
                    *current["history"],
                    {
                        "id": "x",
                        "at": tx.now,
                        "by": "o",
                        "action": "status",
                        "from": "planned",
                        "to": "sent",
                        "note": None,
                    },
                ],
            },
        )
    result = undo_last(net, SETTINGS)
    assert result.reverted == [b] and result.skipped == [(a, "changed")]
    assert item(net, a)["status"] == "sent" and item(net, b) is None


def test_delete_and_undo_brings_items_back(net: Store) -> None:
    ids = planned(net, "vu-bc")
    delete_items(net, ids, SETTINGS, note="wrong list")
    assert net.load().live("outreach") == []
    gone = item(net, ids[0], include_deleted=True)
    assert gone["history"][-1]["action"] == "delete"
    assert gone["history"][-1]["note"] == "wrong list"
    result = undo_last(net, SETTINGS)
    assert sorted(result.reverted) == sorted(ids)
    back = item(net, ids[0])
    assert back["status"] == "planned" and back["history"][-1]["action"] == "undo"


def test_the_journal_is_bounded_and_written_with_the_change(net: Store) -> None:
    (a,) = planned(net, "cuc-bc")
    for i in range(MAX_COMMANDS + 5):
        change_items(net, [a], SETTINGS, note=f"note {i}")
    stack = net.load().meta[JOURNAL_KEY]
    assert len(stack) == MAX_COMMANDS
    assert stack[-1]["items"][0]["after"] == {"note": f"note {MAX_COMMANDS + 4}"}
    mark_done(net, [a], SETTINGS)  # unchanged items are not journalled
    mark_done(net, [a], SETTINGS)
    assert net.load().meta[JOURNAL_KEY][-1]["command"] == "done"
    assert len(net.load().meta[JOURNAL_KEY]) == MAX_COMMANDS


def test_the_copy_light_update_matches_the_store_semantics(net: Store) -> None:
    from store.outreach.model import update_item
    from store.records import apply_changes, set_deleted

    (a, _b) = planned(net, "vu-bc")
    changes = {
        "status": "sent",
        "note": None,
        "due": "2030-01-01",
        "channel": "email",
        "id": "ignored",
        "history": [{"id": "h"}],
    }
    with net.transaction() as tx:
        current = tx.get("outreach", a)
        expected, _changed = apply_changes(current, changes, tx.stamp, tx.now)
        assert update_item(tx, current, changes) == expected
        assert tx.get("outreach", a) == expected
        assert update_item(tx, expected, {"status": "sent"}) is expected  # no change, no put
        tombstone, _changed = apply_changes(expected, {"note": "bye"}, tx.stamp, tx.now)
        tombstone = set_deleted(tombstone, True, tx.stamp, tx.now)
        assert update_item(tx, expected, {"note": "bye"}, delete=True) == tombstone
        assert tx.get("outreach", a) is None


def test_a_too_short_id_says_how_long_an_id_must_be(net: Store) -> None:
    from store.outreach.query import resolve_items

    item_id = planned(net, net.load().live("organisations")[0]["id"])[0]
    with pytest.raises(NotFoundError, match="too short: give at least 4 characters"):
        resolve_items(net.load(), [item_id[:3]])
    assert resolve_items(net.load(), [item_id[:4]])[0]["id"] == item_id
    with pytest.raises(NotFoundError, match="No outreach item has the id"):
        resolve_items(net.load(), ["zzzz"])
