"""Planning: expansion rules by role, do-not-contact, tombstones, groups, double pitching."""

from __future__ import annotations

import pytest

import store.storage as storage
from store import Store
from store.errors import NotFoundError, ValidationError
from store.outreach import OutreachSettings, PlanRequest, plan_outreach, preview_plan
from store.outreach.plan import build_plan

SETTINGS = OutreachSettings(owner="tester", double_pitch_days=14)


def targets(result) -> list[str]:
    """Who the created items reach: contact ids, or `org:<id>` for organisation items."""
    return [r.get("contact_id") or f"org:{r['org_id']}" for r in result.created]


def plan(net: Store, settings: OutreachSettings = SETTINGS, **kwargs):
    return plan_outreach(net, PlanRequest(**kwargs), settings)


def test_unit_expands_to_spokesperson_then_comms_officer_not_leader(net: Store) -> None:
    result = plan(net, message="msg-ready", orgs=["vu-bc"])
    assert targets(result) == ["a-spoke", "b-comms"]  # z-gone is deleted; c-lead not needed
    assert [r["org_id"] for r in result.created] == ["vu-bc", "vu-bc"]
    assert result.skipped == [] and result.duplicates == []


def test_unit_without_spokespeople_falls_back_to_its_leader(net: Store) -> None:
    assert targets(plan(net, orgs=["Cục Báo chí"])) == ["d-lead"]


def test_org_with_nobody_is_planned_as_itself_with_a_notice(net: Store) -> None:
    result = plan(net, orgs=["tt-x"])
    assert targets(result) == ["org:tt-x"]
    assert any("Nobody at Trung tâm X" in n for n in result.notices)


def test_do_not_contact_people_are_skipped_with_a_notice(net: Store) -> None:
    result = plan(net, orgs=["so-qn"])
    assert targets(result) == ["f-comms"]
    assert [(s.contact_id, s.reason) for s in result.skipped] == [("e-dnc", "do_not_contact")]


def test_tier_with_only_do_not_contact_people_falls_to_the_next(net: Store) -> None:
    result = plan(net, orgs=["so-hn"])
    assert targets(result) == ["h-lead"]
    assert [s.contact_id for s in result.skipped] == ["g-dnc"]


def test_named_do_not_contact_person_is_never_planned(net: Store) -> None:
    result = plan(net, contacts=["e-dnc"])
    assert result.created == []
    assert result.skipped[0].name == "Hoàng Thị Em"
    assert net.load().live("outreach") == []


def test_deleted_contacts_and_orgs_cannot_be_named(net: Store) -> None:
    with pytest.raises(NotFoundError):
        plan(net, contacts=["z-gone"])
    with pytest.raises(NotFoundError):
        plan(net, orgs=["so-cb"])


def test_press_agency_prefers_beat_then_journalists_then_editors(net: Store) -> None:
    assert targets(plan(net, orgs=["bao-nd"], beats=["chuyen doi so"])) == ["j1"]
    # the message's tags ("bưu chính") act as beats when none are given
    assert targets(plan(net, message="msg-ready", orgs=["bao-nd"])) == ["j2"]
    # no beat: every journalist, editors only when there is no journalist
    assert sorted(targets(plan(net, orgs=["bao-nd"]))) == ["j1", "j2"]
    assert targets(plan(net, orgs=["vnx"])) == ["l-ed"]


def test_group_of_provincial_departments_skips_deleted_orgs(net: Store) -> None:
    result = plan(net, message="msg-ready", groups=["provincial_department"])
    assert sorted(targets(result)) == ["f-comms", "h-lead", "org:so-hg"]  # no Cao Bằng
    assert {s.contact_id for s in result.skipped} == {"e-dnc", "g-dnc"}


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("Trung du và miền núi phía Bắc", ["org:so-hg"]),
        ("red river delta", ["f-comms", "h-lead"]),
    ],
)
def test_group_of_one_region(net: Store, region: str, expected: list[str]) -> None:
    result = plan(net, groups=["sở"], region=region)
    assert sorted(targets(result)) == expected


def test_group_of_press_agencies_leaves_out_ended_ones(net: Store) -> None:
    result = plan(net, groups=["press_agency"])
    assert "m-old" not in targets(result)
    named = plan(net, orgs=["bao-old"])
    assert targets(named) == ["m-old"]
    assert any("ended on 2025-03-01" in n for n in named.notices)


def test_tag_group_reaches_tagged_people(net: Store) -> None:
    assert targets(plan(net, groups=["tag:Digital"])) == ["n-free"]


def test_a_person_reached_twice_is_planned_once(net: Store) -> None:
    result = plan(net, contacts=["a-spoke", "Nguyễn Văn An"], orgs=["vu-bc"])
    assert targets(result) == ["a-spoke", "b-comms"]


def test_org_only_plans_the_organisations_themselves(net: Store) -> None:
    result = plan(net, orgs=["vu-bc", "so-qn"], expand=False, channel="letter")
    assert targets(result) == ["org:vu-bc", "org:so-qn"]
    assert {r["channel"] for r in result.created} == {"letter"}


def test_items_carry_channel_due_owner_note_and_a_first_history_entry(net: Store) -> None:
    result = plan(net, message="msg-ready", orgs=["vu-bc"], due="2030-01-02", note="call first")
    by_contact = {r["contact_id"]: r for r in result.created}
    assert by_contact["a-spoke"]["channel"] == "email"  # the default
    assert by_contact["b-comms"]["channel"] == "zalo"  # her preferred channel
    item = by_contact["a-spoke"]
    assert (item["status"], item["due"], item["owner"], item["note"]) == (
        "planned",
        "2030-01-02",
        "tester",
        "call first",
    )
    (entry,) = item["history"]
    assert entry["from"] is None and entry["to"] == "planned" and entry["by"] == "tester"
    assert entry["action"] == "plan" and entry["note"] == "call first" and entry["id"]
    explicit = plan(net, contacts=["b-comms"], channel="Điện thoại")
    assert explicit.created[0]["channel"] == "phone"


def test_double_pitch_is_refused_unless_forced(net: Store) -> None:
    first = plan(net, message="msg-ready", orgs=["vu-bc"])
    again = plan(net, message="msg-ready", contacts=["a-spoke", "c-lead"])
    assert targets(again) == ["c-lead"]
    assert [(d.contact_id, d.item_id) for d in again.duplicates] == [
        ("a-spoke", first.created[0]["id"])
    ]
    forced = plan(net, message="msg-ready", contacts=["a-spoke"], force=True)
    assert targets(forced) == ["a-spoke"] and len(forced.duplicates) == 1
    other_message = plan(net, message="msg-draft", contacts=["a-spoke"])
    assert targets(other_message) == ["a-spoke"]
    assert any("still a draft" in n for n in other_message.notices)
    no_message = plan(net, contacts=["a-spoke"])
    assert targets(no_message) == ["a-spoke"] and no_message.duplicates == []


def test_double_pitch_window_is_configurable(net: Store) -> None:
    plan(net, message="msg-ready", contacts=["a-spoke"])
    off = OutreachSettings(owner="tester", double_pitch_days=0)
    assert targets(plan(net, off, message="msg-ready", contacts=["a-spoke"])) == ["a-spoke"]
    with net.transaction() as tx:  # make every existing pitch 20 days old
        for item in tx.live("outreach"):
            old = "2000-01-01T00:00:00.000000Z"
            history = [{**e, "at": old} for e in item["history"]]
            tx.put("outreach", {**item, "created_at": old, "history": history})
    assert targets(plan(net, message="msg-ready", contacts=["a-spoke"])) == ["a-spoke"]


def test_bad_values_are_all_reported_and_nothing_is_written(net: Store) -> None:
    before = net.path.read_bytes()
    with pytest.raises(ValidationError) as caught:
        plan(
            net,
            contacts=["a-spoke"],
            channel="pigeon",
            due="someday",
            status="lost",
            groups=["nowhere"],
        )
    fields = caught.value.fields
    assert set(fields) == {"channel", "due", "status", "group"}
    assert "email" in fields["channel"] and "+3d" in fields["due"]
    assert "provincial_department" in fields["group"]
    with pytest.raises(ValidationError) as caught:
        plan(net, groups=["press_agency"], region="Atlantis")
    assert "region" in caught.value.fields
    with pytest.raises(ValidationError):
        plan(net, contacts=["a-spoke"], region="Tây Nguyên")  # region needs a group
    with pytest.raises(ValidationError):
        plan(net)  # nobody to reach
    with pytest.raises(NotFoundError) as missing:
        plan(net, message="no such message", contacts=["a-spoke"])
    assert "lantoa messages list" in str(missing.value)
    assert net.path.read_bytes() == before


def test_plan_is_one_write_and_preview_writes_nothing(net: Store, monkeypatch) -> None:
    writes = []
    real = storage.atomic_write_bytes
    monkeypatch.setattr(
        storage,
        "atomic_write_bytes",
        lambda path, payload: (writes.append(path), real(path, payload)),
    )
    preview = preview_plan(net.load(), PlanRequest(groups=["provincial_department"]), SETTINGS)
    assert len(preview.created) == 3 and writes == []
    assert net.load().live("outreach") == []
    result = plan(net, groups=["provincial_department", "ministry_unit", "press_agency"])
    assert len(result.created) >= 8
    assert writes == [net.path]


def test_build_plan_is_pure(net: Store) -> None:
    snapshot = net.load()
    result, fields = build_plan(snapshot, PlanRequest(orgs=["vu-bc"]), SETTINGS)
    assert [f["contact_id"] for f in fields] == ["a-spoke", "b-comms"] and result.created == []
