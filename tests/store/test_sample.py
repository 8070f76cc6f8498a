"""The bundled sample network: what it holds, that it is fictional, that loading is idempotent."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from store import LantoaError, Store, network, records, sample
from store import sample_names as N
from store.model import ENTITY_FIELDS, validate
from store.reference import provinces
from store.sample_build import OUTPUT, build, render
from store.storage import list_backups
from store.validate import national_phone, normalise_phone

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
PRESS_ROLES = {"journalist", "editor"}


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict]]:
    return sample.sample_data()


@pytest.fixture(scope="module")
def orgs(data: dict) -> dict[str, dict]:
    return {o["id"]: o for o in data["organisations"]}


@pytest.fixture(scope="module")
def people(data: dict) -> list[dict]:
    return data["contacts"]


def _fields(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in records.META_FIELDS}


# -- what the sample holds -------------------------------------------------------------------


def test_the_network_of_2023(orgs: dict, people: list) -> None:
    kinds = Counter(o["kind"] for o in orgs.values())
    assert kinds["ministry_unit"] >= 30
    assert kinds["provincial_department"] == 63
    assert kinds["press_agency"] >= 50
    departments = [o for o in orgs.values() if o["kind"] == "provincial_department"]
    assert {d["province_code"] for d in departments} == set(provinces())
    for dept in departments:
        assert dept["region"] == provinces()[dept["province_code"]].region_vi
        assert dept["short_name"].startswith("Sở TT&TT ")  # Sở TT&TT Quảng Ninh
        roles = {p["role"] for p in people if p["org_id"] == dept["id"]}
        assert roles & {"spokesperson", "comms_officer"}, dept["name"]
    both = [
        d
        for d in departments
        if {"spokesperson", "comms_officer"}
        <= {p["role"] for p in people if p["org_id"] == d["id"]}
    ]
    assert len(both) > 63 / 2
    units = [o for o in orgs.values() if o["kind"] == "ministry_unit"]
    assert all(u.get("topics") and u.get("name_en") for u in units)
    assert all(
        p.get("website", "").startswith("https://")
        for p in orgs.values()
        if p["kind"] == "press_agency"
    )


def test_about_250_people_and_80_journalists_with_beats(people: list) -> None:
    assert 230 <= len(people) <= 280
    press = [p for p in people if p["role"] in PRESS_ROLES]
    assert len(press) >= 80
    assert all(len(p.get("beats") or []) >= 2 for p in press)
    sector = set(N.SECTOR_BEATS)
    assert all(sector & set(p["beats"]) for p in press)
    roles = Counter(p["role"] for p in people)
    assert roles["leader"] >= 10 and roles["spokesperson"] >= 40 and roles["comms_officer"] >= 60
    agencies = {p["org_id"] for p in press}
    assert len(agencies) >= 50  # spread over the agencies, not piled on a few


def test_references_point_at_sample_organisations(orgs: dict, people: list) -> None:
    assert all(p["org_id"] in orgs for p in people)
    for org in orgs.values():
        for ref in ("parent_id", "successor_id"):
            if org.get(ref):
                assert org[ref] in orgs and org[ref] != org["id"]
    vietnamnet = next(o for o in orgs.values() if o["name"] == "Báo VietNamNet")
    ictnews = next(o for o in orgs.values() if o.get("short_name") == "ICTnews")
    assert ictnews["parent_id"] == vietnamnet["id"]


def test_2025_fate_is_in_vietnamese_notes(orgs: dict) -> None:
    for org in orgs.values():
        notes = org.get("notes", "")
        if org["kind"] == "provincial_department":
            assert "Đơn vị kế thừa: Sở Khoa học và Công nghệ" in notes
            assert "Từ 01/07/2025:" in notes
        elif org["kind"] == "ministry_unit":
            assert "Năm 2025:" in notes
        assert not re.search(r"\b(verify|Moved to|merged into|Kept under)\b", notes), notes
    ha_giang = next(o for o in orgs.values() if o["name"].endswith("Hà Giang"))
    assert "Tuyên Quang" in ha_giang["notes"]
    # Facts marked uncertain in the reference files stay marked so.
    plo = next(o for o in orgs.values() if o.get("short_name") == "PLO")
    assert "độ tin cậy của dữ liệu tham chiếu: thấp" in plo["notes"].lower()
    vnpost = next(o for o in orgs.values() if o.get("short_name") == "VNPost")
    assert "cần kiểm chứng" in vnpost["notes"]


def test_every_record_is_in_the_stores_stored_form(data: dict) -> None:
    for table, rows in data.items():
        ids = [r["id"] for r in rows]
        assert len(ids) == len(set(ids))
        for record in rows:
            assert UUID.match(record["id"])
            assert record["created_at"] == record["updated_at"] == sample.SAMPLE_TIME
            assert record["_clock"] == {"*": sample.SAMPLE_STAMP}
            if table in ENTITY_FIELDS:  # messages are checked by their own tests
                assert validate(table, _fields(record)) == _fields(record)
            assert sample.SAMPLE_TAG in record["tags"]


def test_lists_hold_no_separators_a_spreadsheet_would_split(data: dict) -> None:
    for rows in data.values():
        for record in rows:
            for key in ("topics", "beats", "tags"):
                assert not any("," in v or ";" in v for v in record.get(key) or []), record


def test_ids_are_stable_natural_keys(orgs: dict, people: list) -> None:
    quang_ninh = orgs[sample.sample_id("org", "dept", "22")]
    assert quang_ninh["name"] == "Sở Thông tin và Truyền thông Quảng Ninh"
    assert sample.sample_id("org", "mic", "Cục Báo chí") in orgs
    first = next(p for p in people if p["id"] == sample.sample_id("contact", "dept", "22", "1"))
    assert first["org_id"] == quang_ninh["id"]


# -- fictional people --------------------------------------------------------------------------


def test_contact_details_are_fictional(people: list) -> None:
    emails = [e for p in people for e in p.get("emails") or []]
    assert emails and all(sample.is_example_email(e) for e in emails)
    assert len(emails) == len(set(emails))
    phones = [ph for p in people for ph in p.get("phones") or []]
    assert len(phones) == len(set(phones))
    for phone in phones:
        assert phone.startswith(sample.SAMPLE_PHONE_PREFIX) and len(phone) == 12
        assert normalise_phone(phone) == phone
        assert national_phone(phone).startswith("0900 0")
    for person in people:
        assert person.get("emails") or person.get("phones")
        if person.get("zalo"):
            assert person["zalo"] in person["phones"]
        assert "Số điện thoại mẫu, không có thật." in person["notes"]
        assert person["consent_source"] and person["consent_date"] <= "2023-11-24"
    assert sum(1 for p in people if p.get("emails") and p.get("phones")) > len(people) / 2
    assert sum(1 for p in people if p.get("zalo")) > 50
    assert 3 <= sum(1 for p in people if p.get("do_not_contact")) <= 10
    assert len({p["preferred_channel"] for p in people}) >= 5


def test_names_are_plausible_and_unique(people: list) -> None:
    names = [p["full_name"] for p in people]
    assert len(names) == len(set(names))
    families = Counter()
    for name in names:
        parts = name.split()
        assert 3 <= len(parts) <= 4, name
        family, middle, given = parts[0], parts[1:-1], parts[-1]
        assert family in N.FAMILY_ALL, name
        families[family] += 1
        if middle[0] == "Văn":
            assert given in N.MALE_GIVEN, name
        if middle[0] == "Thị":
            assert given in N.FEMALE_GIVEN, name
        assert given not in middle
    assert 0.33 <= families["Nguyễn"] / len(names) <= 0.45  # about 38 % of Vietnamese
    assert families.most_common(1)[0][0] == "Nguyễn"
    assert len(families) >= 15


def test_generator_reproduces_the_committed_file() -> None:
    assert render(build()) == OUTPUT.read_text(encoding="utf-8")


# -- loading -------------------------------------------------------------------------------------


def test_load_adds_everything_then_nothing(store: Store, data: dict) -> None:
    first = sample.load_sample(store)
    assert first["added"] == {t: len(rows) for t, rows in data.items()}
    assert first["skipped"] == dict.fromkeys(data, 0)
    before = store.path.read_bytes()
    signature = store.signature()
    second = sample.load_sample(store)
    assert second["added"] == dict.fromkeys(data, 0)
    assert second["skipped"] == first["added"]
    assert store.path.read_bytes() == before
    assert store.signature() == signature  # not even rewritten with the same bytes
    assert len(store.load().live("contacts")) == len(data["contacts"])


def test_reload_keeps_deletions_and_edits(store: Store, people: list) -> None:
    sample.load_sample(store)
    gone, edited = people[0], people[1]
    network.remove_contact(store, gone["id"])
    network.edit_contact(store, edited["id"], {"title": "Trưởng phòng"})
    network.add_contact(store, {"full_name": "Đặng Thị Hoa", "tags": ["riêng"]})
    result = sample.load_sample(store)
    assert sum(result["added"].values()) == 0
    snapshot = store.load()
    assert snapshot.get("contacts", gone["id"]) is None
    assert snapshot.get("contacts", gone["id"], include_deleted=True)["deleted"] is True
    assert snapshot.get("contacts", edited["id"])["title"] == "Trưởng phòng"
    assert any(c["full_name"] == "Đặng Thị Hoa" for c in snapshot.live("contacts"))


def test_load_into_a_store_with_own_data_backs_it_up_first(store: Store) -> None:
    network.add_contact(store, {"full_name": "Đặng Thị Hoa"})
    sample.load_sample(store)
    assert any(b.name.endswith(".sample.bak") for b in list_backups(store.path))
    assert len(store.load().live("contacts")) == len(sample.sample_data()["contacts"]) + 1


def _fake_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: dict) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    shutil.copy(OUTPUT, folder / OUTPUT.name)
    for name, content in extra.items():
        (folder / name).write_text(json.dumps(content), encoding="utf-8")
    monkeypatch.setattr(sample, "data_folder", lambda: folder)
    return folder


def test_every_sample_file_loads_in_one_write(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    message = {
        "id": sample.sample_id("message", "1"),
        "title": "Thông cáo mẫu",
        "created_at": sample.SAMPLE_TIME,
        "updated_at": sample.SAMPLE_TIME,
        "_clock": {"*": sample.SAMPLE_STAMP},
    }
    _fake_data_folder(
        tmp_path,
        monkeypatch,
        {
            "sample_messages.json": {"messages": [message]},
            "provinces_extra.json": {"messages": [{"id": "not-a-sample-file"}]},
        },
    )
    assert [f.name for f in sample.sample_files()] == [
        "sample_messages.json",
        "sample_network.json",
    ]
    writes = []
    original = store.transaction

    def counting(*args, **kwargs):
        writes.append(kwargs.get("backup"))
        return original(*args, **kwargs)

    monkeypatch.setattr(store, "transaction", counting)
    result = sample.load_sample(store)
    assert writes == ["sample"]
    assert result["added"]["messages"] == 1
    assert list(result["added"]) == ["organisations", "contacts", "messages"]
    assert store.load().get("messages", message["id"])["title"] == "Thông cáo mẫu"


def test_a_damaged_sample_file_is_reported_and_nothing_is_written(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_data_folder(tmp_path, monkeypatch, {"sample_bad.json": {"contacts": [{"name": "x"}]}})
    with pytest.raises(LantoaError, match=r"sample_bad\.json"):
        sample.load_sample(store)
    assert not store.exists()


def test_demo_store_is_a_fresh_file_with_the_whole_sample(tmp_path: Path, data: dict) -> None:
    demo = sample.demo_store(tmp_path / "demo.json")
    snapshot = demo.load()
    assert len(snapshot.live("organisations")) == len(data["organisations"])
    assert len(snapshot.live("contacts")) == len(data["contacts"])
    with pytest.raises(LantoaError, match="already exists"):
        sample.demo_store(tmp_path / "demo.json")


# -- the command line ------------------------------------------------------------------------


def _cli(*args: str) -> object:
    from tui.cli import app

    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def test_cli_sample_load_then_quang_ninh_search(tmp_path: Path, orgs: dict, people: list) -> None:
    path = str(tmp_path / "cli.json")
    loaded = _cli("--store", path, "sample", "load", "--json")
    assert loaded.exit_code == 0, loaded.output
    counts = json.loads(loaded.stdout)
    assert counts["added"]["organisations"] == len(orgs)
    assert counts["added"]["contacts"] == len(people)
    assert set(counts["skipped"].values()) == {0}
    again = _cli("--store", path, "sample", "load", "--json")
    assert set(json.loads(again.stdout)["added"].values()) == {0}

    found = _cli("--store", path, "contacts", "list", "--search", "quang ninh", "--json")
    assert found.exit_code == 0, found.output
    hits = {c["id"]: c for c in json.loads(found.stdout)}
    department = sample.sample_id("org", "dept", "22")
    expected = {
        p["id"]
        for p in people
        if "22" in (p.get("province_code"), orgs[p["org_id"]].get("province_code"))
    }
    assert set(hits) == expected
    assert {p["id"] for p in people if p["org_id"] == department} <= set(hits)
    assert {c["org_name"] for c in hits.values()} >= {
        "Sở Thông tin và Truyền thông Quảng Ninh",
        "Báo Quảng Ninh",
    }
    assert len([c for c in hits.values() if c["org_id"] == department]) >= 3


def test_cli_human_output_and_info(tmp_path: Path) -> None:
    path = str(tmp_path / "cli.json")
    first = _cli("--store", path, "sample", "load")
    assert first.exit_code == 0
    assert "Contacts" in first.stdout and "Added" in first.stdout
    second = _cli("--store", path, "--lang", "vi", "sample", "load")
    assert second.exit_code == 0 and "Đã có sẵn" in second.stdout
    info = _cli("--store", path, "sample", "info", "--json")
    summary = json.loads(info.stdout)
    assert summary["tables"]["contacts"]["in_store"] == summary["tables"]["contacts"]["bundled"]
    assert summary["organisations_by_kind"]["provincial_department"] == 63
    assert "sample_network.json" in summary["files"]
