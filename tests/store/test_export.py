"""Exporting for Excel/LibreOffice and for scripts, and importing the export back unchanged."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from store import Store
from store.exporter import csv_rows, export, export_csv, export_json
from store.headers import CONTACTS, ORGS, export_headers, neutralise, unneutralise
from store.importer import import_file
from store.network import build_filter
from store.records import META_FIELDS
from store.reference import provinces


@pytest.fixture
def network(store: Store) -> Store:
    """Two organisations and three people, with the awkward values spreadsheets meet."""
    with store.transaction() as tx:
        dept = tx.insert(
            ORGS,
            {
                "name": "Sở Thông tin và Truyền thông Quảng Ninh",
                "short_name": "Sở TT&TT Quảng Ninh",
                "kind": "provincial_department",
                "province_code": "22",
                "region": provinces()["22"].region_vi,
                "topics": ["chuyển đổi số"],
                "phones": ["+842033835555"],
            },
        )
        paper = tx.insert(
            ORGS,
            {
                "name": "Báo Thử Nghiệm",
                "kind": "press_agency",
                "website": "https://baothu.example.org",
                "parent_id": dept["id"],
            },
        )
        tx.insert(
            CONTACTS,
            {
                "full_name": "Đặng Thị Quảng",
                "org_id": dept["id"],
                "title": "Chánh Văn phòng",
                "role": "spokesperson",
                "emails": ["quang@example.org", "vp@example.org"],
                "phones": ["+84912345678", "+842033835555"],
                "zalo": "+84912345678",
                "beats": ["báo chí", "chuyển đổi số"],
                "tags": ["họp báo"],
                "do_not_contact": True,
                "consent_source": "Hội nghị 2023",
                "consent_date": "2023-11-24",
            },
        )
        tx.insert(
            CONTACTS,
            {
                "full_name": "Nguyễn Văn An",
                "org_id": paper["id"],
                "role": "journalist",
                "notes": '=HYPERLINK("http://x")\ndòng hai',
                "emails": ["an@example.org"],
                "preferred_channel": "zalo",
                "linkedin": "nguyen-van-an",
            },
        )
        gone = tx.insert(CONTACTS, {"full_name": "Người Đã Xóa", "emails": ["x@example.org"]})
        tx.delete(CONTACTS, gone["id"])
        tx.insert(
            CONTACTS,
            {
                "full_name": "Ân Bé",
                "title": "-Phó phòng",
                "tags": ["@vip"],
                "phones": ["+12025550143"],
            },
        )
    return store


def parse(data: bytes, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def content(store: Store, table: str) -> dict[str, dict]:
    return {
        r["id"]: {k: v for k, v in r.items() if k not in META_FIELDS}
        for r in store.load().live(table)
    }


def test_csv_opens_in_excel_with_vietnamese_intact(network: Store) -> None:
    data = export_csv(network.load(), CONTACTS)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.count("\r\n") == 4  # header and three people; the one bare \n is in a note
    assert text.replace("\r\n", "").count("\n") == 1
    rows = parse(data)
    assert rows[0] == export_headers(CONTACTS, "en")
    by_name = {r[1]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert set(by_name) == {"Ân Bé", "Nguyễn Văn An", "Đặng Thị Quảng"}  # tombstone left out
    quang = by_name["Đặng Thị Quảng"]
    assert quang["Organisation"] == "Sở Thông tin và Truyền thông Quảng Ninh"
    assert quang["Emails"] == "quang@example.org; vp@example.org"
    assert quang["Phones"] == "'+84912345678; +842033835555"
    assert quang["Phones (national)"] == "0912 345 678; 0203 383 5555"
    assert quang["Role"] == "Spokesperson" and quang["Do not contact"] == "yes"
    assert quang["Province"] == "" and quang["Consent date"] == "2023-11-24"


def test_csv_rows_are_in_directory_order(network: Store) -> None:
    names = [r[1] for r in csv_rows(network.load(), CONTACTS)[1:]]
    assert names == ["Nguyễn Văn An", "Ân Bé", "Đặng Thị Quảng"]  # by given name: An, Bé, Quảng


def test_formula_cells_are_neutralised(network: Store) -> None:
    rows = csv_rows(network.load(), CONTACTS)
    cells = [c for r in rows[1:] for c in r]
    for cell in cells:
        assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert '\'=HYPERLINK("http://x")\ndòng hai' in cells
    assert "'-Phó phòng" in cells and "'@vip" in cells


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "+84912",
        "-x",
        "@SUM(A1)",
        "\tx",
        " =cmd",
        "'quoted",
        "''",
        "'",
        "plain",
        "",
        "a=b",
        "＝1",
    ],
)
def test_neutralising_round_trips(text: str) -> None:
    assert unneutralise(neutralise(text)) == text


def test_header_styles_and_delimiter(network: Store) -> None:
    snapshot = network.load()
    vi = parse(export_csv(snapshot, CONTACTS, style="vi", delimiter=";"), ";")
    assert vi[0][:3] == ["id", "Họ và tên", "Cơ quan"]
    assert next(r for r in vi if r[1] == "Đặng Thị Quảng")[15] == "có"
    keys = parse(export_csv(snapshot, ORGS, style="keys", bom=False))
    assert keys[0][:5] == ["id", "name", "short_name", "name_en", "kind"]
    dept = next(r for r in keys if r[1].startswith("Sở"))
    assert dept[4] == "provincial_department" and dept[5] == "22"


def test_json_export_is_whole_records_without_clocks(network: Store) -> None:
    records = json.loads(export_json(network.load(), CONTACTS))
    an = next(r for r in records if r["full_name"] == "Nguyễn Văn An")
    assert an["linkedin"] == "nguyen-van-an" and an["org_name"] == "Báo Thử Nghiệm"
    assert "_clock" not in an and an["created_at"] and an["updated_at"]
    assert all(not r.get("deleted") for r in records) and len(records) == 3
    both = json.loads(export_json(network.load(), "all"))
    assert list(both) == [ORGS, CONTACTS] and len(both[ORGS]) == 2


def test_export_counts_and_filters(network: Store) -> None:
    snapshot = network.load()
    data, counts = export(snapshot, "json", "all")
    assert counts == {ORGS: 2, CONTACTS: 3}
    criteria = build_filter(snapshot, role="journalist")
    data, counts = export(snapshot, "csv", CONTACTS, criteria=criteria)
    assert counts == {CONTACTS: 1} and "Nguyễn Văn An" in data.decode("utf-8-sig")


@pytest.mark.parametrize("style", ["en", "vi", "keys"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_export_imports_back_unchanged(
    network: Store, tmp_path: Path, style: str, delimiter: str
) -> None:
    snapshot = network.load()
    for table in (ORGS, CONTACTS):
        path = tmp_path / f"{table}.csv"
        path.write_bytes(export_csv(snapshot, table, style=style, delimiter=delimiter))
        report = import_file(network, path)
        assert report.ok and not report.applied, report.to_json()
        assert report.tables[table]["unchanged"] == len(snapshot.live(table))
    fresh = Store(tmp_path / "fresh.json")
    for table in (ORGS, CONTACTS):
        assert import_file(fresh, tmp_path / f"{table}.csv").ok
    for table in (ORGS, CONTACTS):
        expected = content(network, table)
        if table == CONTACTS:
            for record in expected.values():
                record.pop("linkedin", None)  # CSV carries the known fields only
        assert content(fresh, table) == expected


def test_json_export_imports_back_with_everything(network: Store, tmp_path: Path) -> None:
    path = tmp_path / "all.json"
    path.write_bytes(export_json(network.load(), "all"))
    again = import_file(network, path)
    assert again.ok and not again.applied
    fresh = Store(tmp_path / "fresh.json")
    assert import_file(fresh, path).ok
    for table in (ORGS, CONTACTS):
        assert content(fresh, table) == content(network, table)
    assert {r["id"]: r["created_at"] for r in fresh.load().live(CONTACTS)} == {
        r["id"]: r["created_at"] for r in network.load().live(CONTACTS)
    }


def test_contacts_json_alone_imports_into_another_store(network: Store, tmp_path: Path) -> None:
    """org_name travels with each contact, so the organisations are found or made by name."""
    path = tmp_path / "contacts.json"
    path.write_bytes(export_json(network.load(), CONTACTS))
    fresh = Store(tmp_path / "fresh.json")
    report = import_file(fresh, path)
    assert report.ok and sorted(o["name"] for o in report.created_organisations) == [
        "Báo Thử Nghiệm",
        "Sở Thông tin và Truyền thông Quảng Ninh",
    ]


def test_the_sample_network_round_trips(store: Store, tmp_path: Path) -> None:
    """The bundled network (~400 records): every export imports back with nothing to change."""
    from store.sample import load_sample

    load_sample(store)
    snapshot = store.load()
    for table in (ORGS, CONTACTS):
        for style in ("vi", "en"):
            path = tmp_path / f"{table}-{style}.csv"
            path.write_bytes(export_csv(snapshot, table, style=style, delimiter=";"))
            report = import_file(store, path)
            assert report.ok and not report.applied, report.rejections[:3]
    path = tmp_path / "all.json"
    path.write_bytes(export_json(snapshot, "all"))
    report = import_file(store, path)
    assert report.ok and not report.applied
    assert report.total("unchanged") == len(snapshot.live(ORGS)) + len(snapshot.live(CONTACTS))
