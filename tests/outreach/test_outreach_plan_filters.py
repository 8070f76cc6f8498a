"""`plan --province` narrows a group to some provinces; `--role` picks people by role instead of
the role tiers, and lists organisations without anyone of those roles instead of writing to them.

The crafted network (conftest.py) gets a Hải Phòng department, a Quảng Ninh newspaper and a
tagged Quảng Ninh official here, so "the spokespeople of the departments of Quảng Ninh and Hải
Phòng" has someone in each province.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import Store
from store.db import Snapshot
from store.errors import ValidationError
from store.i18n import set_language
from store.outreach import OutreachSettings, PlanRequest, plan_outreach, preview_plan

SETTINGS = OutreachSettings(owner="tester", double_pitch_days=14)


@pytest.fixture
def wide(net: Store) -> Store:
    hai_phong = {"province_code": "31", "region": "Đồng bằng sông Hồng"}
    with net.transaction() as tx:
        for oid, name, kind, extra in (
            ("so-hp", "Sở TT&TT Hải Phòng", "provincial_department", hai_phong),
            ("bao-qn", "Báo Quảng Ninh", "press_agency", {"province_code": "22"}),
        ):
            tx.insert("organisations", {"name": name, "kind": kind, **extra}, record_id=oid)
        for cid, name, org, role, extra in (
            ("p-hp", "Phan Văn Phong", "so-hp", "spokesperson", {}),
            ("q-hp", "Quách Văn Quý", "so-hp", "leader", {}),
            ("r-qn", "Ròng Thị Ruby", "bao-qn", "journalist", {"beats": ["du lịch"]}),
            ("s-qn", "Sầm Văn Sơn", None, "specialist", {"province_code": "22"}),
        ):
            fields = {"full_name": name, "role": role, "tags": ["digital"], **extra}
            if org:
                fields["org_id"] = org
            tx.insert("contacts", fields, record_id=cid)
    return net


def preview(store: Store, **kwargs):
    return preview_plan(store.load(), PlanRequest(**kwargs), SETTINGS)


def targets(result) -> list[str]:
    return [r.get("contact_id") or f"org:{r['org_id']}" for r in result.created]


# --- --province -------------------------------------------------------------------------------


def test_provinces_narrow_a_group_of_departments(wide: Store) -> None:
    result = preview(wide, groups=["provincial_department"], provinces=["Quảng Ninh", "Hải Phòng"])
    assert targets(result) == ["f-comms", "p-hp"]  # by province code: 22 before 31
    assert [s.contact_id for s in result.skipped] == ["e-dnc"]  # do not contact, listed
    assert result.notices == []


@pytest.mark.parametrize(
    "spelling", ["Quảng Ninh", "quang ninh", "QUANG NINH", "22", "quang-ninh", "Tỉnh Quảng Ninh"]
)
def test_a_province_is_found_however_it_is_written(wide: Store, spelling: str) -> None:
    assert targets(preview(wide, groups=["sở"], provinces=[spelling])) == ["f-comms"]


def test_province_and_region_must_both_hold(wide: Store) -> None:
    asked = dict(groups=["provincial_department"], provinces=["22", "02"])
    assert targets(preview(wide, region="Đồng bằng sông Hồng", **asked)) == ["f-comms"]
    # Hà Giang is in the northern midlands; nobody works there, so the department itself
    assert targets(preview(wide, region="Northern Midlands", **asked)) == ["org:so-hg"]
    nothing = preview(wide, region="Tây Nguyên", **asked)
    assert nothing.created == [] and "has nobody to reach" in nothing.notices[0]


def test_a_province_where_the_group_has_nobody_is_said(wide: Store) -> None:
    result = preview(wide, groups=["provincial_department"], provinces=["Quảng Ninh", "Đà Nẵng"])
    assert targets(result) == ["f-comms"]
    assert result.notices == ["The group provincial_department has nobody in Đà Nẵng."]


def test_provinces_narrow_press_agencies_and_tagged_people(wide: Store) -> None:
    assert targets(preview(wide, groups=["press_agency"], provinces=["22"])) == ["r-qn"]
    # a tag group: tagged organisations none, tagged people by their own province (s-qn) or
    # their organisation's (p-hp, q-hp in Hải Phòng; r-qn at Báo Quảng Ninh)
    tagged = preview(wide, groups=["tag:digital"], provinces=["quang ninh"])
    assert sorted(targets(tagged)) == ["r-qn", "s-qn"]


def test_province_needs_a_group_and_a_known_name(wide: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        preview(wide, orgs=["so-qn"], provinces=["22"])
    assert list(caught.value.fields) == ["province"]
    assert "--province narrows a --group" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        preview(wide, groups=["sở"], provinces=["Quang Nihn", "Atlantis"])
    text = str(caught.value)
    assert "unknown province 'Quang Nihn'" in text and "did you mean Quảng Ninh" in text
    assert "unknown province 'Atlantis'" in text and "GSO code (22)" in text


# --- --role -----------------------------------------------------------------------------------


def test_roles_replace_the_tiers(wide: Store) -> None:
    # the tiers would give the spokesperson and the comms officer; the leader was asked for
    assert targets(preview(wide, orgs=["vu-bc"], roles=["leader"])) == ["c-lead"]
    both = preview(wide, orgs=["vu-bc"], roles=["leader", "spokesperson"])
    assert targets(both) == ["a-spoke", "c-lead"]  # directory order within the organisation


def test_spokespeople_of_quang_ninh_and_hai_phong_in_vietnamese(wide: Store) -> None:
    result = preview(
        wide,
        groups=["sở"],
        provinces=["quảng ninh", "hai-phong"],
        roles=["người phát ngôn", "can bo truyen thong"],
    )
    assert targets(result) == ["f-comms", "p-hp"]
    assert [s.contact_id for s in result.skipped] == ["e-dnc"]
    spokes = preview(wide, groups=["sở"], provinces=["22", "31"], roles=["phát ngôn"])
    assert targets(spokes) == ["p-hp"]  # Quảng Ninh's only spokesperson is not to be contacted
    assert [(g.org_id, g.reason) for g in spokes.gaps] == [("so-qn", "do_not_contact")]
    assert spokes.notices == [
        "Only people not to contact have role spokesperson at Sở TT&TT Quảng Ninh; not planned."
    ]


def test_a_role_nobody_has_plans_nobody_and_lists_every_organisation(wide: Store) -> None:
    result = preview(wide, groups=["ministry_unit"], roles=["specialist"])
    assert result.created == [] and result.skipped == []
    assert [(g.org_id, g.reason) for g in result.gaps] == [
        ("cuc-bc", "no_role"),
        ("tt-x", "no_role"),
        ("vu-bc", "no_role"),
    ]
    assert result.notices == [
        "Nobody with role specialist at Cục Báo chí, Trung tâm X, Vụ Bưu chính; not planned."
    ]


def test_roles_with_beats_at_press_agencies(wide: Store) -> None:
    asked = dict(groups=["press_agency"], roles=["journalist"])
    result = preview(wide, beats=["chuyển đổi số"], **asked)
    # Nhân Dân: only the journalist with the beat; Báo Quảng Ninh: nobody with it, so all its
    # journalists; VnExpress has editors only: a gap
    assert targets(result) == ["j1", "r-qn"]
    assert [g.org_id for g in result.gaps] == ["vnx"]
    assert "Nobody with role journalist at VnExpress" in result.notices[0]
    # the message's tags act as beats when none are given, as without --role
    assert targets(preview(wide, message="msg-ready", **asked)) == ["j2", "r-qn"]
    editors = preview(wide, groups=["press_agency"], roles=["editor", "journalist"])
    assert sorted(targets(editors)) == ["j1", "j2", "k-ed", "l-ed", "r-qn"]


def test_named_contacts_are_not_filtered_by_role(wide: Store) -> None:
    result = preview(wide, contacts=["d-lead"], orgs=["vu-bc"], roles=["spokesperson"])
    assert targets(result) == ["d-lead", "a-spoke"]
    # a named do-not-contact person is still skipped
    skipped = preview(wide, contacts=["g-dnc"], orgs=["vu-bc"], roles=["spokesperson"])
    assert [s.contact_id for s in skipped.skipped] == ["g-dnc"]


def test_an_organisation_named_twice_is_one_gap(wide: Store) -> None:
    result = preview(wide, orgs=["tt-x"], groups=["ministry_unit"], roles=["editor"])
    assert [g.org_id for g in result.gaps].count("tt-x") == 1


def test_role_needs_organisations_expanded_and_a_known_role(wide: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        preview(wide, contacts=["a-spoke"], roles=["leader"])
    assert list(caught.value.fields) == ["role"] and "--org or --group" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        preview(wide, orgs=["vu-bc"], roles=["leader"], expand=False)
    assert "--org-only" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        preview(wide, orgs=["vu-bc"], roles=["boss"])
    assert "unknown role 'boss'" in str(caught.value)
    assert "spokesperson, comms_officer" in str(caught.value)


def test_vietnamese_notices_name_the_roles_in_vietnamese(wide: Store) -> None:
    set_language("vi")
    try:
        result = preview(wide, orgs=["tt-x"], roles=["spokesperson", "leader"])
        assert result.notices == [
            "Không có ai giữ vai trò người phát ngôn hoặc lãnh đạo ở Trung tâm X; "
            "không đưa vào kế hoạch."
        ]
    finally:
        set_language("en")


def test_planning_with_filters_writes_only_those_people(wide: Store) -> None:
    result = plan_outreach(
        wide,
        PlanRequest(message="msg-ready", groups=["sở"], provinces=["22", "31"], roles=["leader"]),
        SETTINGS,
    )
    assert targets(result) == ["q-hp"]
    assert [i["contact_id"] for i in wide.load().live("outreach")] == ["q-hp"]
    assert [g.org_id for g in result.gaps] == ["so-qn"]


# --- the property: the filters are exact ---------------------------------------------------------

CODES = ["22", "31", None]
KINDS = ["provincial_department", "press_agency"]
SOME_ROLES = ["spokesperson", "leader", "journalist", "editor"]  # few, so people share them
org_st = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(KINDS),
        "code": st.sampled_from(CODES),
        "ended": st.sampled_from([False, False, False, True]),
    }
)
person_st = st.fixed_dictionaries(
    {
        "org": st.integers(0, 3),
        "role": st.sampled_from(SOME_ROLES),
        "dnc": st.sampled_from([False, False, True]),
    }
)


def snapshot_of(orgs: list[dict], people: list[dict]) -> Snapshot:
    org_records = {}
    for i, o in enumerate(orgs):
        record = {"id": f"o{i}", "name": f"Cơ quan {i}", "kind": o["kind"]}
        if o["code"]:
            record["province_code"] = o["code"]
        if o["ended"]:
            record["ended"] = "2020-01-01"
        org_records[record["id"]] = record
    contacts = {}
    for i, p in enumerate(people):
        record = {"id": f"c{i}", "full_name": f"Người {i:02}", "role": p["role"]}
        if p["org"] < len(orgs):
            record["org_id"] = f"o{p['org']}"
        if p["dnc"]:
            record["do_not_contact"] = True
        contacts[record["id"]] = record
    return Snapshot({"organisations": org_records, "contacts": contacts})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    orgs=st.lists(org_st, min_size=1, max_size=3),
    people=st.lists(person_st, min_size=2, max_size=16),
    kind=st.sampled_from(KINDS),
    codes=st.sets(st.sampled_from(["22", "31", "02"]), max_size=2),
    roles=st.sets(st.sampled_from([*SOME_ROLES, "other"]), max_size=3),
)
def test_every_planned_person_fits_and_nobody_fitting_is_missed(
    orgs: list[dict], people: list[dict], kind: str, codes: set[str], roles: set[str]
) -> None:
    snapshot = snapshot_of(orgs, people)
    request = PlanRequest(groups=[kind], provinces=sorted(codes), roles=sorted(roles))
    result = preview_plan(snapshot, request, SETTINGS)
    in_group = {
        org["id"]
        for org in snapshot.live("organisations")
        if org["kind"] == kind
        and not org.get("ended")
        and (not codes or org.get("province_code") in codes)
    }
    contacts = snapshot.by_id("contacts")
    planned = {r["contact_id"] for r in result.created if r.get("contact_id")}
    assert {r["org_id"] for r in result.created} <= in_group
    for cid in planned:
        assert not contacts[cid].get("do_not_contact")
        assert not roles or contacts[cid]["role"] in roles
    if not roles:
        return  # the tiers: covered by test_outreach_plan.py
    assert all(r.get("contact_id") for r in result.created)  # never the organisation itself
    fitting = {
        c["id"]
        for c in contacts.values()
        if c.get("org_id") in in_group and c["role"] in roles and not c.get("do_not_contact")
    }
    assert planned == fitting
    with_someone = {contacts[cid]["org_id"] for cid in fitting}
    assert {g.org_id for g in result.gaps} == in_group - with_someone
    skipped = {s.contact_id for s in result.skipped}
    assert skipped == {
        c["id"]
        for c in contacts.values()
        if c.get("org_id") in in_group and c["role"] in roles and c.get("do_not_contact")
    }


# --- the command line -----------------------------------------------------------------------------

PLAN_KEYS = {"dry_run", "message", "created", "skipped", "duplicates", "notices", "gaps"}


def test_cli_spokespeople_of_two_provinces_dry_run_json(wide: Store, lantoa) -> None:
    before = wide.path.read_bytes()
    result = lantoa(
        "outreach", "plan", "-m", "msg-ready", "-g", "sở", "-p", "Quảng Ninh", "--province",
        "hai phong", "--role", "người phát ngôn", "--role", "comms_officer", "--dry-run", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    data = result.json()
    assert set(data) == PLAN_KEYS and data["dry_run"] is True
    assert [i["contact_id"] for i in data["created"]] == ["f-comms", "p-hp"]
    assert [s["contact_id"] for s in data["skipped"]] == ["e-dnc"]
    assert data["gaps"] == [] and data["notices"] == []
    assert wide.path.read_bytes() == before  # a dry run writes nothing


def test_cli_a_role_nobody_has_lists_the_gaps_and_exits_1(wide: Store, lantoa) -> None:
    args = ("outreach", "plan", "-m", "msg-ready", "-g", "ministry_unit", "--role", "specialist")
    shown = lantoa(*args, "--dry-run")
    assert shown.code == 0  # a dry run only shows
    assert "Would plan 0 items." in shown.err
    assert (
        "Notice: Nobody with role specialist at Cục Báo chí, Trung tâm X, Vụ Bưu chính; "
        "not planned." in shown.err
    )
    done = lantoa(*args, "--json")
    assert done.code == 1  # nobody planned: not done
    gaps = done.json()["gaps"]
    assert [(g["org_id"], g["reason"]) for g in gaps] == [
        ("cuc-bc", "no_role"),
        ("tt-x", "no_role"),
        ("vu-bc", "no_role"),
    ]
    assert wide.load().live("outreach") == []


def test_cli_filters_combine_with_region_and_beat(wide: Store, lantoa) -> None:
    region = lantoa(
        "outreach", "plan", "-g", "provincial_department", "--region", "Đồng bằng sông Hồng",
        "-p", "22", "-p", "02", "--dry-run", "--json",
    )  # fmt: skip
    assert [i["contact_id"] for i in region.json()["created"]] == ["f-comms"]
    beat = lantoa(
        "outreach", "plan", "-g", "press_agency", "--beat", "chuyển đổi số", "--role",
        "phóng viên", "--dry-run", "--json",
    )  # fmt: skip
    assert [i["contact_id"] for i in beat.json()["created"]] == ["j1", "r-qn"]
    assert [g["org_id"] for g in beat.json()["gaps"]] == ["vnx"]
    local = lantoa(
        "outreach", "plan", "-g", "bao chi", "-p", "quang-ninh", "--beat", "du lịch", "--role",
        "journalist", "--role", "editor", "--dry-run", "--json",
    )  # fmt: skip
    assert [i["contact_id"] for i in local.json()["created"]] == ["r-qn"]


def test_cli_named_contacts_are_reached_whatever_their_role(wide: Store, lantoa) -> None:
    result = lantoa(
        "outreach", "plan", "--to", "d-lead", "--org", "vu-bc", "--role", "spokesperson",
        "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert [i["contact_id"] for i in result.json()["created"]] == ["d-lead", "a-spoke"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--to", "a-spoke", "--province", "22"), "--province narrows a --group"),
        (("--org", "so-qn", "-p", "22"), "--province narrows a --group"),
        (("--to", "a-spoke", "--region", "Tây Nguyên"), "--region narrows a --group"),
        (("--to", "a-spoke", "--role", "leader"), "--role picks people at the organisations"),
        (("--org", "vu-bc", "--role", "leader", "--org-only"), "--org-only plans organisations"),
    ],
)
def test_cli_filters_without_anything_to_narrow_are_usage_errors(
    lantoa, args: tuple[str, ...], says: str
) -> None:
    result = lantoa("outreach", "plan", "-m", "msg-ready", *args)
    assert result.code == 2, result.err
    assert says in result.err
    assert lantoa.store.load().live("outreach") == []


def test_cli_unknown_values_exit_1_and_say_what_is_allowed(lantoa) -> None:
    role = lantoa("outreach", "plan", "-g", "sở", "--role", "boss")
    assert role.code == 1
    assert "unknown role 'boss'; choose one of: leader, spokesperson, comms_officer" in role.err
    province = lantoa("outreach", "plan", "-g", "sở", "--province", "Quang Nihn", "--json")
    assert province.code == 1
    assert "did you mean Quảng Ninh" in province.json()["error"]["message"]


def test_cli_help_explains_the_filters(lantoa) -> None:
    result = lantoa("outreach", "plan", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    assert "--province" in text and "--role" in text
    assert "People named with --to are reached whatever their role." in text


def test_cli_in_vietnamese(wide: Store, lantoa, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANTOA_LANG", "vi")
    result = lantoa("outreach", "plan", "-g", "sở", "-p", "22", "--role", "lãnh đạo", "--dry-run")
    assert result.code == 0, result.err
    assert (
        "Không có ai giữ vai trò lãnh đạo ở Sở TT&TT Quảng Ninh; không đưa vào kế hoạch."
        in result.err
    )
    wrong = lantoa("outreach", "plan", "-m", "msg-ready", "--to", "a-spoke", "-p", "22")
    assert wrong.code == 2 and "--province chỉ dùng để thu hẹp --group" in wrong.err
