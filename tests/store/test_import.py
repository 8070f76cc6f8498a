"""Importing contacts and organisations: header mapping, file shapes, the idempotent upsert."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from store import LantoaError, Store
from store.headers import CONTACTS, ORGS, lookup_header, map_headers
from store.importer import import_file
from store.storage import AtomicJSONStorage, list_backups


def write(tmp_path: Path, text: str, name: str = "list.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def cp1258(text: str) -> bytes:
    """Text as Windows Vietnamese stores it: letters with ^ ˘ ' precomposed, tones combining."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            quality = "".join(m for m in parts[1:] if m in "\u0302\u0306\u031b")
            tones = "".join(m for m in parts[1:] if m not in quality)
            out.append((unicodedata.normalize("NFC", parts[0] + quality) + tones).encode("cp1258"))
    return b"".join(out)


def contacts(store: Store) -> dict[str, dict]:
    return {c["full_name"]: c for c in store.load().live(CONTACTS)}


def orgs(store: Store) -> dict[str, dict]:
    return {o["name"]: o for o in store.load().live(ORGS)}


PRESS_LIST = (
    "DANH SÁCH PHÓNG VIÊN THEO DÕI MẢNG TT&TT\n"
    "\n"
    "STT;Họ và tên;Cơ quan;Chức vụ;SĐT;Email;Mảng;Tỉnh/thành;Ghi chú\n"
    "1;Nguyễn Văn An;Báo Thử Nghiệm;Phóng viên;0912 345 678;an@baothu.vn;chuyển đổi số, viễn "
    "thông;Quảng Ninh;\n"
    "2;Trần Thị Bình;Báo Thử Nghiệm;Biên tập viên;+84 24 3943 1234;binh@baothu.vn;báo chí;"
    'Hà Nội;"gọi sau 14h"\n'
)


# -- headers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Họ và tên", "full_name"),
        ("HỌ TÊN", "full_name"),
        ("Full name", "full_name"),
        ("Tên", "full_name"),
        ("Name", "full_name"),
        ("Điện thoại", "phones"),
        ("SĐT", "phones"),
        ("Số điện thoại (*)", "phones"),
        ("Di động", "phones"),
        ("Mobile", "phones"),
        ("Phone 2", "phones"),
        ("E-mail", "emails"),
        ("Thư điện tử", "emails"),
        ("Email (cơ quan)", "emails"),
        ("Cơ quan", "_org"),
        ("Đơn vị", "_org"),
        ("Organization", "_org"),
        ("Chức vụ", "title"),
        ("Chức danh", "title"),
        ("Vai trò", "role"),
        ("Lĩnh vực", "beats"),
        ("Mảng", "beats"),
        ("Tỉnh/thành", "province_code"),
        ("Tinh", "province_code"),
        ("Zalo", "zalo"),
        ("Ghi chú:", "notes"),
        ("Thẻ", "tags"),
        ("Không liên hệ", "do_not_contact"),
        ("Do not contact", "do_not_contact"),
        ("Nguồn đồng ý", "consent_source"),
        ("Ngày đồng ý", "consent_date"),
        ("id", "id"),
        ("Điện thoại (trong nước)", "_phones_national"),
    ],
)
def test_contact_headers_map_in_both_languages(header: str, field: str) -> None:
    assert lookup_header(header, CONTACTS) == field


def test_unknown_headers_are_reported_not_guessed() -> None:
    hmap = map_headers(["Họ và tên", "Sở thích", "Email 2", "STT"], CONTACTS)
    assert hmap.targets == ["full_name", None, "emails", "_ignore"]
    assert hmap.unknown == ["Sở thích"]
    assert hmap.mapped == {"Họ và tên": "full_name", "Email 2": "emails"}


def test_a_name_split_over_columns_is_joined_in_vietnamese_order(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, "Họ,Tên đệm,Tên,Email\nNguyễn,Thị Minh,Khai,khai@example.org\n")
    report = import_file(store, path)
    assert report.total("added") == 1
    assert "Nguyễn Thị Minh Khai" in contacts(store)


# -- file shapes -------------------------------------------------------------------------------


def test_a_vietnamese_excel_list_imports(store: Store, tmp_path: Path) -> None:
    """Title rows, ';', a BOM, Vietnamese headers and values, a new organisation."""
    report = import_file(store, write(tmp_path, PRESS_LIST, encoding="utf-8-sig"))
    assert report.ok and report.delimiter == ";" and report.header_line == 3
    assert report.total("added") == 3  # two people and their newspaper
    assert [o["name"] for o in report.created_organisations] == ["Báo Thử Nghiệm"]
    people = contacts(store)
    an = people["Nguyễn Văn An"]
    assert an["phones"] == ["+84912345678"] and an["emails"] == ["an@baothu.vn"]
    assert an["beats"] == ["chuyển đổi số", "viễn thông"]
    assert an["province_code"] == "22"
    assert an["org_id"] == people["Trần Thị Bình"]["org_id"]
    assert orgs(store)["Báo Thử Nghiệm"]["kind"] == "other"
    assert people["Trần Thị Bình"]["phones"] == ["+842439431234"]
    assert people["Trần Thị Bình"]["notes"] == "gọi sau 14h"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_delimiters_and_encodings_are_recognised(
    store: Store, tmp_path: Path, delimiter: str, encoding: str
) -> None:
    text = delimiter.join(["Họ và tên", "Điện thoại", "Lĩnh vực"]) + "\r\n"
    text += delimiter.join(["Đặng Thị Quảng", "0912 345 678", '"y tế; giáo dục"']) + "\r\n"
    report = import_file(store, write(tmp_path, text, encoding=encoding))
    assert report.ok, report.rejections
    assert contacts(store)["Đặng Thị Quảng"]["beats"] == ["y tế", "giáo dục"]


def test_windows_vietnamese_files_need_the_encoding_named(store: Store, tmp_path: Path) -> None:
    text = "Họ và tên,Điện thoại\nNguyễn Văn Đức,0912345678\n"
    path = tmp_path / "legacy.csv"
    path.write_bytes(cp1258(text))
    with pytest.raises(LantoaError, match=r"not UTF-8.*line 1.*--encoding cp1258"):
        import_file(store, path)
    assert not store.exists()
    report = import_file(store, path, encoding="cp1258")
    assert report.ok
    assert "Nguyễn Văn Đức" in contacts(store)  # composed again (cp1258 decomposes tones)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "is empty"),
        (b"\xef\xbb\xbf  \r\n", "is empty"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook"),
        (b"a\x00b\x00c,d\n", "NUL bytes"),
        (b"x,y,z\n1,2,3\n", "No known column headers"),
        (b'[{"full_name": "A"', "not valid JSON"),
    ],
)
def test_unreadable_files_say_what_is_wrong(
    store: Store, tmp_path: Path, payload: bytes, message: str
) -> None:
    path = tmp_path / ("f.json" if payload.startswith(b"[") else "f.csv")
    path.write_bytes(payload)
    with pytest.raises(LantoaError, match=message):
        import_file(store, path)
    assert not store.exists()


def test_a_missing_file_is_an_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(LantoaError, match="does not exist"):
        import_file(store, tmp_path / "nope.csv")


def test_a_header_only_file_imports_nothing(store: Store, tmp_path: Path) -> None:
    report = import_file(store, write(tmp_path, "Họ và tên,Email\n"))
    assert report.ok and report.total("added") == 0 and not store.exists()


# -- rejections --------------------------------------------------------------------------------


def test_bad_rows_are_rejected_with_their_line_and_the_rest_applied(
    store: Store, tmp_path: Path
) -> None:
    text = (
        "Họ và tên,Điện thoại,Ghi chú,Email\n"
        'Lê Văn Một,0912 000 001,"dòng một\ndòng hai",\n'
        "Lê Văn Hai,123,,\n"
        ",0912 000 003,,\n"
        "Lê Văn Bốn,0912 000 004,,khong-phai-email\n"
        "Lê Văn Năm,0912 000 005,,\n"
    )
    report = import_file(store, write(tmp_path, text))
    assert not report.ok
    assert [(r["line"], r["record"]) for r in report.rejections] == [(4, 2), (5, 3), (6, 4)]
    assert "'123' is not a valid phone number" in report.rejections[0]["reason"]
    assert "phones" in report.rejections[0]["fields"]
    assert "Full name is required" in report.rejections[1]["reason"]
    assert "not a valid email" in report.rejections[2]["reason"]
    assert set(contacts(store)) == {"Lê Văn Một", "Lê Văn Năm"}
    assert contacts(store)["Lê Văn Một"]["notes"] == "dòng một\ndòng hai"


def test_all_or_nothing_writes_nothing_when_a_row_is_rejected(store: Store, tmp_path: Path) -> None:
    text = "Họ và tên,Điện thoại\nLê Văn Một,0912000001\nLê Văn Hai,123\n"
    report = import_file(store, write(tmp_path, text), all_or_nothing=True)
    assert report.total("rejected") == 1 and not report.applied
    assert not store.exists()


def test_a_row_with_more_cells_than_headers_is_rejected(store: Store, tmp_path: Path) -> None:
    text = "Họ và tên,Email\nNguyễn Văn A, Jr,a@example.org\nLê B,b@example.org\n"
    report = import_file(store, write(tmp_path, text))
    assert report.rejections[0]["line"] == 2 and "needs quotes" in report.rejections[0]["reason"]
    assert set(contacts(store)) == {"Lê B"}


# -- the upsert --------------------------------------------------------------------------------


def test_reimporting_changes_nothing_and_does_not_rewrite_the_store(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, PRESS_LIST)
    writes: list[int] = []
    original = AtomicJSONStorage.write
    monkeypatch.setattr(
        AtomicJSONStorage, "write", lambda self, data: (writes.append(1), original(self, data))[1]
    )
    import_file(store, path)
    assert len(writes) == 1  # one import, one write
    before = store.path.read_bytes(), store.path.stat().st_mtime_ns, list_backups(store.path)
    report = import_file(store, path)
    assert report.tables[CONTACTS] == {
        "added": 0,
        "updated": 0,
        "unchanged": 2,
        "skipped": 0,
        "rejected": 0,
    }
    assert not report.applied and not report.created_organisations
    assert len(writes) == 1
    assert (
        store.path.read_bytes(),
        store.path.stat().st_mtime_ns,
        list_backups(store.path),
    ) == before


def test_an_import_that_changes_the_store_backs_it_up_first(store: Store, tmp_path: Path) -> None:
    import_file(store, write(tmp_path, PRESS_LIST))
    assert list_backups(store.path) == []  # the store did not exist before
    import_file(store, write(tmp_path, "Họ và tên,Email\nMới,moi@example.org\n", "b.csv"))
    assert [p.name.split(".")[-2] for p in list_backups(store.path)] == ["import"]


def test_rows_update_by_id_then_email_then_phone(store: Store, tmp_path: Path) -> None:
    import_file(store, write(tmp_path, PRESS_LIST))
    an = contacts(store)["Nguyễn Văn An"]
    text = (
        "id,Họ và tên,Email,Điện thoại,Chức vụ\n"
        f"{an['id']},Nguyễn Văn An,,,Trưởng ban\n"
        ",Trần Thị Bình,BINH@baothu.vn,,Phó ban\n"
        ",Trần Thị Bình,,024 3943 1234,Phó ban\n"
    )
    report = import_file(store, write(tmp_path, text, "update.csv"))
    assert report.tables[CONTACTS] == {
        "added": 0,
        "updated": 2,
        "unchanged": 1,
        "skipped": 0,
        "rejected": 0,
    }
    people = contacts(store)
    assert people["Nguyễn Văn An"]["title"] == "Trưởng ban"
    assert people["Nguyễn Văn An"]["phones"] == ["+84912345678"]  # empty cells keep values
    assert people["Trần Thị Bình"]["title"] == "Phó ban"
    assert len(people) == 2
    changed = {c["name"]: c["fields"] for c in report.changes}
    assert changed == {"Nguyễn Văn An": ["title"], "Trần Thị Bình": ["title"]}


def test_people_sharing_a_newsroom_email_are_not_merged(store: Store, tmp_path: Path) -> None:
    text = (
        "Họ và tên,Email,Cơ quan\n"
        "Phạm Văn Một,toasoan@baothu.vn,Báo Thu\n"
        "Phạm Thị Hai,toasoan@baothu.vn,Báo Thu\n"
    )
    report = import_file(store, write(tmp_path, text))
    assert report.tables[CONTACTS]["added"] == 2
    assert "shares an email or phone with Phạm Văn Một" in report.warnings[0]
    again = import_file(store, write(tmp_path, text))
    assert again.tables[CONTACTS]["unchanged"] == 2
    upper = text.replace("Phạm Thị Hai", "PHAM THI HAI")  # same person, case and marks aside
    matched = import_file(store, write(tmp_path, upper)).tables[CONTACTS]
    assert (matched["added"], matched["unchanged"]) == (0, 2)  # and her spelling is kept
    assert "Phạm Thị Hai" in {c["full_name"] for c in store.load().live(CONTACTS)}


def test_a_key_shared_by_two_same_name_contacts_is_ambiguous(store: Store, tmp_path: Path) -> None:
    with store.transaction() as tx:
        for _ in range(2):
            tx.insert(CONTACTS, {"full_name": "Hồ Văn Trùng", "emails": ["chung@example.org"]})
    text = "Họ và tên,Email,Chức vụ\nHồ Văn Trùng,chung@example.org,Mới\n"
    report = import_file(store, write(tmp_path, text))
    assert "matches several contacts" in report.rejections[0]["reason"]


def test_name_only_rows_match_the_same_name_in_the_same_organisation(
    store: Store, tmp_path: Path
) -> None:
    text = "Họ và tên,Cơ quan\nVõ Thị Sáu,Báo Một\nVõ Thị Sáu,Báo Hai\n"
    first = import_file(store, write(tmp_path, text))
    assert first.tables[CONTACTS]["added"] == 2
    second = import_file(store, write(tmp_path, text))
    assert second.tables[CONTACTS]["unchanged"] == 2 and not second.applied


def test_deleted_contacts_are_not_brought_back(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, PRESS_LIST)
    import_file(store, path)
    an = contacts(store)["Nguyễn Văn An"]
    with store.transaction() as tx:
        tx.delete(CONTACTS, an["id"])
    report = import_file(store, path)
    assert report.tables[CONTACTS]["skipped"] == 1
    assert report.skips[0]["id"] == an["id"] and "deleted" in report.skips[0]["reason"]
    assert "Nguyễn Văn An" not in contacts(store)


def test_do_not_contact_is_set_by_import_but_never_lifted(store: Store, tmp_path: Path) -> None:
    import_file(store, write(tmp_path, "Họ và tên,Email,Không liên hệ\nA B,a@example.org,x\n"))
    assert contacts(store)["A B"]["do_not_contact"] is True
    report = import_file(
        store, write(tmp_path, "Họ và tên,Email,Không liên hệ\nA B,a@example.org,không\n")
    )
    assert report.tables[CONTACTS]["unchanged"] == 1
    assert contacts(store)["A B"]["do_not_contact"] is True


# -- organisations ------------------------------------------------------------------------------


def test_unknown_organisations_are_created_once_or_rejected(store: Store, tmp_path: Path) -> None:
    text = "Họ và tên,Cơ quan\nA Một,Báo Mới\nB Hai,bao moi\nC Ba,Báo Mới\n"
    report = import_file(store, write(tmp_path, text), dry_run=True)
    assert [o["name"] for o in report.created_organisations] == ["Báo Mới"]
    assert not store.exists()
    rejected = import_file(store, write(tmp_path, text), create_orgs=False)
    assert (
        rejected.total("rejected") == 3
        and "no organisation is named" in (rejected.rejections[0]["reason"])
    )
    assert not store.exists()
    import_file(store, write(tmp_path, text))
    assert len(orgs(store)) == 1 and len({c["org_id"] for c in contacts(store).values()}) == 1


def test_organisation_id_and_name_that_disagree_are_rejected(store: Store, tmp_path: Path) -> None:
    with store.transaction() as tx:
        one = tx.insert(ORGS, {"name": "Báo Một", "kind": "press_agency"})
        tx.insert(ORGS, {"name": "Báo Hai", "kind": "press_agency"})
    text = (
        "Họ và tên,Cơ quan,Organisation id\n"
        f"A Một,Báo Hai,{one['id']}\n"
        f"B Hai,Báo Đổi Tên,{one['id']}\n"
    )  # a renamed organisation: the id wins
    report = import_file(store, write(tmp_path, text))
    assert report.rejections[0]["line"] == 2 and "disagree" in report.rejections[0]["reason"]
    assert contacts(store)["B Hai"]["org_id"] == one["id"]


def test_an_organisations_list_imports_with_parents_in_any_order(
    store: Store, tmp_path: Path
) -> None:
    text = (
        "Tên cơ quan,Tên viết tắt,Loại,Tỉnh/thành,Cơ quan cấp trên,Trang web\n"
        "Phòng Báo chí,PBC,,Quảng Ninh,Sở TT&TT Thử,stt.example.org\n"
        "Sở Thông tin và Truyền thông Thử,Sở TT&TT Thử,Sở,22,,\n"
    )
    report = import_file(store, write(tmp_path, text))
    assert report.tables == {
        ORGS: {"added": 2, "updated": 0, "unchanged": 0, "skipped": 0, "rejected": 0}
    }
    assert 'kind "other"' in report.warnings[0]
    found = orgs(store)
    office = found["Phòng Báo chí"]
    assert office["parent_id"] == found["Sở Thông tin và Truyền thông Thử"]["id"]
    assert office["region"] and office["website"] == "https://stt.example.org"
    again = import_file(store, write(tmp_path, text))
    assert again.tables[ORGS]["unchanged"] == 2 and not again.applied


def test_an_organisation_cannot_be_its_own_parent(store: Store, tmp_path: Path) -> None:
    import_file(store, write(tmp_path, "Tên cơ quan,Loại\nSở A,Sở\n"))
    report = import_file(
        store, write(tmp_path, "Tên cơ quan,Loại,Cơ quan cấp trên\nSở A,Sở,Sở A\n")
    )
    assert "cannot point to itself" in report.rejections[0]["reason"]


# -- JSON ----------------------------------------------------------------------------------------


def test_json_keeps_unknown_fields_and_ignores_clocks(store: Store, tmp_path: Path) -> None:
    records = [
        {
            "id": "0b6f5c7e-8d1a-4b8e-9a3e-2f1d0c9b8a71",
            "full_name": "Lý Thị Mới",
            "emails": ["moi@example.org"],
            "linkedin": "ly-thi-moi",
            "_clock": {"*": "9999999999999-000000-evil0000"},
            "created_at": "2020-01-01T00:00:00Z",
            "org_name": None,
            "province": None,
        }
    ]
    path = write(tmp_path, json.dumps(records, ensure_ascii=False), "c.json")
    report = import_file(store, path)
    assert report.format == "json" and report.total("added") == 1
    record = store.load().get(CONTACTS, records[0]["id"])
    assert record["linkedin"] == "ly-thi-moi" and record["created_at"] == "2020-01-01T00:00:00Z"
    assert "evil" not in json.dumps(record["_clock"])
    assert "province" not in record and "org_name" not in record


def test_json_records_with_bad_types_or_deleted_are_not_imported(
    store: Store, tmp_path: Path
) -> None:
    records = [
        {"full_name": {"nested": 1}},
        "just a string",
        {"full_name": "Đã Xóa", "deleted": True, "emails": ["x@example.org"]},
        {"full_name": "Được Nhập", "phones": ["0912 345 678"]},
    ]
    report = import_file(store, write(tmp_path, json.dumps(records), "c.json"))
    assert [r["record"] for r in report.rejections] == [1, 2]
    assert all(r["line"] is None for r in report.rejections)
    assert "expected text" in report.rejections[0]["reason"]
    assert set(contacts(store)) == {"Được Nhập"}


def test_json_lines_report_their_line(store: Store, tmp_path: Path) -> None:
    text = '{"full_name": "Một"}\n\n{"full_name": "Hai", "phones": "12"}\n'
    report = import_file(store, write(tmp_path, text, "c.jsonl"))
    assert report.rejections[0]["line"] == 3


def test_contacts_list_json_output_imports_back_unchanged(store: Store, tmp_path: Path) -> None:
    from store import network

    import_file(store, write(tmp_path, PRESS_LIST))
    views = network.list_contacts(store.load())
    assert views[0]["org_name"] and views[0]["province"]
    report = import_file(store, write(tmp_path, json.dumps(views, ensure_ascii=False), "l.json"))
    assert report.tables[CONTACTS]["unchanged"] == 2 and not report.applied
    fresh = Store(tmp_path / "fresh.json")
    report = import_file(fresh, tmp_path / "l.json")
    assert report.total("added") == 3  # two people and, from org_name, their newspaper
    assert {c["full_name"] for c in fresh.load().live(CONTACTS)} == set(contacts(store))
