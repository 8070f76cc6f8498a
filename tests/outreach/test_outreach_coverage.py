"""Coverage figures and the province grid, on the crafted network and on the bundled sample."""

from __future__ import annotations

import csv
import io

import pytest

import store.outreach.coverage as coverage_module
from store import Store
from store.outreach import (
    OutreachSettings,
    PlanRequest,
    change_items,
    coverage_csv,
    coverage_report,
    plan_outreach,
)
from store.reference import provinces, regions

SETTINGS = OutreachSettings(owner="tester", double_pitch_days=14)
NORTH = "Đồng bằng sông Hồng"
MOUNTAINS = "Trung du và miền núi phía Bắc"


def by_target(result) -> dict[str, str]:
    return {r.get("contact_id") or r["org_id"]: r["id"] for r in result.created}


@pytest.fixture
def worked(net: Store) -> Store:
    """msg-ready planned to vu-bc, so-qn, so-hg, bao-nd and n-free, then worked on."""
    result = plan_outreach(
        net,
        PlanRequest(
            message="msg-ready", orgs=["vu-bc", "so-qn", "so-hg", "bao-nd"], contacts=["n-free"]
        ),
        SETTINGS,
    )
    ids = by_target(result)
    change_items(net, [ids["a-spoke"]], SETTINGS, status="sent")
    change_items(net, [ids["f-comms"]], SETTINGS, status="replied")
    change_items(net, [ids["so-hg"]], SETTINGS, status="published", link="https://qn.gov.vn/a")
    change_items(net, [ids["j2"]], SETTINGS, status="declined")
    change_items(net, [ids["n-free"]], SETTINGS, status="published", link="https://x.vn/b")
    # another message reaching Hà Nội: not part of msg-ready's coverage
    plan_outreach(net, PlanRequest(message="msg-draft", orgs=["so-hn"], status="sent"), SETTINGS)
    return net


def test_group_figures(worked: Store) -> None:
    cov = coverage_report(worked.load(), "msg-ready")
    groups = {kind: tally.to_json() for kind, tally in cov.groups.items()}
    assert groups["ministry_unit"] == {
        "total": 3,
        "planned": 1,
        "reached": 1,
        "replied": 0,
        "published": 0,
        "reached_pct": 33.3,
    }
    assert groups["provincial_department"] == {
        "total": 63,
        "planned": 2,
        "reached": 2,
        "replied": 2,
        "published": 1,
        "reached_pct": 3.2,
    }
    # bao-old has ended and is not counted; a "declined" is an answer
    assert groups["press_agency"] == {
        "total": 2,
        "planned": 1,
        "reached": 1,
        "replied": 1,
        "published": 0,
        "reached_pct": 50.0,
    }
    assert cov.items == 6
    assert cov.statuses == {
        "planned": 1,
        "sent": 1,
        "done": 0,
        "replied": 1,
        "published": 2,
        "declined": 1,
        "no_answer": 0,
    }
    assert cov.message["title"] == "Chuyển đổi số 2023"


def test_regions_and_the_province_grid(worked: Store) -> None:
    cov = coverage_report(worked.load(), "msg-ready")
    tallies = {vi: t for vi, _en, t in cov.regions}
    assert [vi for vi, _en in regions()] == [vi for vi, _en, _t in cov.regions]
    assert (tallies[NORTH].total, tallies[NORTH].reached, tallies[NORTH].replied) == (11, 1, 1)
    assert (tallies[MOUNTAINS].total, tallies[MOUNTAINS].published) == (14, 1)
    cells = {c.code: c for c in cov.cells()}
    assert len(cells) == 63
    assert cells["22"].state == "replied" and cells["22"].org_ids == ["so-qn"]
    assert cells["02"].state == "published" and cells["02"].statuses == {"published": 1}
    assert cells["01"].state == "not_reached"  # only reached by another message
    assert cells["04"].state == "not_reached" and cells["04"].org_ids == []  # org deleted
    order = [(c.region, c.code) for c in cov.cells()]
    region_rank = {vi: i for i, (vi, _en) in enumerate(regions())}
    assert order == sorted(order, key=lambda rc: (region_rank[rc[0]], rc[1]))
    assert {c.code for c in cov.not_reached()} == set(cells) - {"22", "02"}


def test_all_messages_together(worked: Store) -> None:
    cov = coverage_report(worked.load())
    cells = {c.code: c for c in cov.cells()}
    assert cells["01"].state == "sent"
    assert cov.groups["provincial_department"].reached == 3 and cov.items == 7
    assert cov.message is None


def test_org_counts_through_its_people_or_itself(net: Store) -> None:
    result = plan_outreach(net, PlanRequest(orgs=["vu-bc"], expand=False, status="sent"), SETTINGS)
    assert "contact_id" not in result.created[0]
    assert coverage_report(net.load()).groups["ministry_unit"].reached == 1


def test_a_person_who_moves_leaves_the_credit_with_the_old_organisation(net: Store) -> None:
    plan_outreach(net, PlanRequest(contacts=["d-lead"], status="sent"), SETTINGS)
    with net.transaction() as tx:
        tx.update("contacts", "d-lead", {"org_id": "tt-x"})
    assert coverage_module.org_levels(net.load())[0] == {"cuc-bc": 2}
    assert coverage_report(net.load()).groups["ministry_unit"].reached == 1
    with net.transaction() as tx:  # an item without org_id credits the person's organisation
        for item in tx.live("outreach"):
            tx.update("outreach", item["id"], {"org_id": None})
    assert coverage_module.org_levels(net.load())[0] == {"tt-x": 2}


def test_the_63_comes_from_the_reference_data(worked: Store, monkeypatch) -> None:
    assert coverage_report(worked.load()).groups["provincial_department"].total == len(provinces())
    fewer = {code: p for code, p in provinces().items() if code in ("01", "02", "22")}
    monkeypatch.setattr(coverage_module, "provinces", lambda: fewer)
    cov = coverage_report(worked.load(), "msg-ready")
    assert cov.groups["provincial_department"].total == 3
    assert len(cov.cells()) == 3 and cov.groups["provincial_department"].reached == 2


def test_json_shape(worked: Store) -> None:
    data = coverage_report(worked.load(), "msg-ready").to_json()
    assert set(data) == {"message", "items", "statuses", "groups", "regions", "provinces"}
    assert data["message"] == {"id": "msg-ready", "title": "Chuyển đổi số 2023"}
    assert len(data["provinces"]) == 63 and len(data["regions"]) == 6
    assert set(data["provinces"][0]) == {
        "code",
        "name",
        "region",
        "region_en",
        "state",
        "org_ids",
        "statuses",
    }


def test_csv_opens_in_excel(worked: Store) -> None:
    text = coverage_csv(coverage_report(worked.load(), "msg-ready"))
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r["level"] for r in rows].count("group") == 3
    assert [r["level"] for r in rows].count("region") == 6
    provinces_rows = {r["code"]: r for r in rows if r["level"] == "province"}
    assert len(provinces_rows) == 63
    assert provinces_rows["22"]["name"] == "Quảng Ninh" and provinces_rows["22"]["replied"] == "1"
    assert provinces_rows["02"]["published"] == "1" and provinces_rows["01"]["reached"] == "0"
    departments = next(
        r for r in rows if r["group"] == "provincial_department" and r["level"] == "group"
    )
    assert (departments["total"], departments["reached"]) == ("63", "2")


def test_csv_cells_cannot_run_as_formulas() -> None:
    assert coverage_module._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert coverage_module._cell("-1") == "'-1" and coverage_module._cell(5) == 5


def test_coverage_on_the_sample_network(store: Store) -> None:
    sample = pytest.importorskip("store.sample")
    sample.load_sample(store)
    with store.transaction() as tx:
        tx.insert(
            "messages",
            {"title": "Doanh thu 2022", "kind": "achievement", "status": "ready"},
            record_id="m-sample",
        )
    snapshot = store.load()
    units = [
        o
        for o in snapshot.live("organisations")
        if o.get("kind") == "ministry_unit" and not o.get("ended")
    ]
    empty = coverage_report(snapshot, "m-sample")
    assert empty.groups["ministry_unit"].total == len(units)
    assert empty.groups["provincial_department"].total == 63 and empty.items == 0
    result = plan_outreach(
        store,
        PlanRequest(message="m-sample", groups=["provincial_department"], region="Tây Nguyên"),
        SETTINGS,
    )
    assert result.created
    change_items(store, [r["id"] for r in result.created], SETTINGS, status="sent")
    cov = coverage_report(store.load(), "m-sample")
    tallies = {vi: t for vi, _en, t in cov.regions}
    assert (tallies["Tây Nguyên"].total, tallies["Tây Nguyên"].reached) == (5, 5)
    assert cov.groups["provincial_department"].reached == 5
    assert all(t.reached == 0 for vi, t in tallies.items() if vi != "Tây Nguyên")
    assert cov.groups["ministry_unit"].planned == 0
    skipped = {s.contact_id for s in result.skipped}
    dnc = {c["id"] for c in store.load().live("contacts") if c.get("do_not_contact")}
    assert skipped <= dnc
    assert not ({r.get("contact_id") for r in result.created} & dnc)
