"""The upsert's finer rules: edits replace lists, other matches add to them, conflicts are
refused."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from store import LantoaError, Store
from store.headers import CONTACTS
from store.importer import import_file


def write(tmp_path: Path, text: str, name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def person(store: Store, name: str) -> dict:
    [found] = [c for c in store.load().live(CONTACTS) if c["full_name"] == name]
    return found


@pytest.fixture
def an(store: Store) -> dict:
    with store.transaction() as tx:
        return tx.insert(
            CONTACTS,
            {
                "full_name": "Nguyễn Văn An",
                "emails": ["an@example.org"],
                "phones": ["+84912345678"],
                "tags": ["họp báo"],
            },
        )


def test_a_row_with_the_id_is_an_edit_and_replaces_lists(
    store: Store, an: dict, tmp_path: Path
) -> None:
    text = f"id,Họ và tên,Điện thoại,Thẻ\n{an['id']},Nguyễn Văn An,0987 654 321,vip\n"
    report = import_file(store, write(tmp_path, text))
    assert report.changes[0]["fields"] == ["phones", "tags"]
    assert person(store, "Nguyễn Văn An")["phones"] == ["+84987654321"]
    assert person(store, "Nguyễn Văn An")["tags"] == ["vip"]


def test_a_row_matched_by_email_adds_to_lists(store: Store, an: dict, tmp_path: Path) -> None:
    text = "Họ và tên,Email,Điện thoại,Thẻ\nNguyễn Văn An,an@example.org,0987 654 321,vip\n"
    import_file(store, write(tmp_path, text))
    record = person(store, "Nguyễn Văn An")
    assert record["phones"] == ["+84912345678", "+84987654321"]
    assert record["tags"] == ["họp báo", "vip"]
    again = import_file(store, write(tmp_path, text))
    assert again.tables[CONTACTS]["unchanged"] == 1 and not again.applied


def test_an_email_and_a_phone_of_two_people_are_refused(
    store: Store, an: dict, tmp_path: Path
) -> None:
    with store.transaction() as tx:
        tx.insert(
            CONTACTS,
            {
                "full_name": "Nguyễn Văn An",
                "emails": ["an2@example.org"],
                "phones": ["+84987654321"],
            },
        )
    text = "Họ và tên,Email,Điện thoại\nNguyễn Văn An,an@example.org,0987 654 321\n"
    report = import_file(store, write(tmp_path, text))
    assert "matches several contacts" in report.rejections[0]["reason"]
    assert not report.applied


def test_a_person_twice_in_a_file_is_reported_and_the_later_row_wins(
    store: Store, tmp_path: Path
) -> None:
    text = (
        "Họ và tên,Email,Chức vụ\n"
        "Lê Thị Hoa,hoa@example.org,Phóng viên\n"
        "Lê Thị Hoa,hoa@example.org,Biên tập viên\n"
    )
    report = import_file(store, write(tmp_path, text))
    assert person(store, "Lê Thị Hoa")["title"] == "Biên tập viên"
    assert "is also on line 2" in report.warnings[0]
    assert report.tables[CONTACTS]["added"] == 1 and report.tables[CONTACTS]["updated"] == 1


def test_a_row_without_a_name_updates_someone_a_later_row_adds(
    store: Store, tmp_path: Path
) -> None:
    text = "Họ và tên,Email,Zalo\n,hoa@example.org,0912345678\nLê Thị Hoa,hoa@example.org,\n"
    report = import_file(store, write(tmp_path, text))
    assert report.ok
    assert person(store, "Lê Thị Hoa")["zalo"] == "+84912345678"
    assert not import_file(store, write(tmp_path, text)).applied


def test_an_organisation_made_for_nobody_is_not_created(store: Store, tmp_path: Path) -> None:
    """Row 1 would create Báo Cũ, but row 2 moves the same person to Báo Mới."""
    text = (
        "Họ và tên,Email,Cơ quan\n"
        "Lê Thị Hoa,hoa@example.org,Báo Cũ\n"
        "Lê Thị Hoa,hoa@example.org,Báo Mới\n"
    )
    report = import_file(store, write(tmp_path, text))
    assert [o["name"] for o in report.created_organisations] == ["Báo Mới"]
    assert report.tables["organisations"]["added"] == 1
    assert len(store.load().live("organisations")) == 1


def test_the_garbage_collector_is_back_on_after_an_import(store: Store, tmp_path: Path) -> None:
    assert gc.isenabled()
    import_file(store, write(tmp_path, "Họ và tên\nAn\n"))
    assert gc.isenabled()
    with pytest.raises(LantoaError):
        import_file(store, write(tmp_path, "", "empty.csv"))
    assert gc.isenabled()


def test_all_or_nothing_is_reported_as_held_back(store: Store, tmp_path: Path) -> None:
    store.ensure()
    text = "Họ và tên,Điện thoại\nLê Văn Một,0912000001\nLê Văn Hai,123\n"
    report = import_file(store, write(tmp_path, text), all_or_nothing=True)
    assert report.held_back and not report.applied
    assert report.to_json()["held_back"] is True
    assert store.load().live(CONTACTS) == []


def test_the_cli_knows_the_table_names() -> None:
    from store import headers
    from tui.cli import cmd_io

    assert (cmd_io.CONTACTS, cmd_io.ORGS) == (headers.CONTACTS, headers.ORGS)


def test_a_sheet_without_diacritics_never_overwrites_the_stored_spelling(
    store: Store, tmp_path: Path
) -> None:
    with store.transaction() as tx:
        tx.insert(
            CONTACTS,
            {
                "full_name": "Hoàng Thanh Hùng",
                "title": "Giám đốc Sở",
                "emails": ["hung@example.org"],
                "beats": ["báo chí"],
            },
        )
    text = (
        "Họ và tên,Email,Chức vụ,Lĩnh vực\n"
        "Hoang Thanh Hung,hung@example.org,Giam doc So,bao chi; chuyển đổi số\n"
    )
    report = import_file(store, write(tmp_path, text))
    [record] = store.load().live(CONTACTS)
    assert record["full_name"] == "Hoàng Thanh Hùng"
    assert record["title"] == "Giám đốc Sở"
    assert record["beats"] == ["báo chí", "chuyển đổi số"]  # "bao chi" is the stored beat
    assert report.changes[0]["name"] == "Hoàng Thanh Hùng"
    assert report.changes[0]["fields"] == ["beats"]
    assert any("spelling of 2 values" in w for w in report.warnings)
    capitals = "Họ và tên,Email\nHOÀNG THANH HÙNG,hung@example.org\n"
    again = import_file(store, write(tmp_path, capitals))
    assert not again.applied
    assert store.load().live(CONTACTS)[0]["full_name"] == "Hoàng Thanh Hùng"


def test_a_corrected_mark_or_added_diacritics_still_update(store: Store, tmp_path: Path) -> None:
    with store.transaction() as tx:
        tx.insert(CONTACTS, {"full_name": "Hoàng Thanh Hùng", "emails": ["hung@example.org"]})
        tx.insert(CONTACTS, {"full_name": "Tran Thi Mai", "emails": ["mai@example.org"]})
    text = (
        "Họ và tên,Email\n"
        "Hoàng Thanh Hưng,hung@example.org\n"  # another mark: a correction
        "Trần Thị Mai,mai@example.org\n"  # diacritics added
    )
    report = import_file(store, write(tmp_path, text))
    names = sorted(c["full_name"] for c in store.load().live(CONTACTS))
    assert names == ["Hoàng Thanh Hưng", "Trần Thị Mai"]
    assert not any("Kept the store's spelling" in w for w in report.warnings)


def test_a_new_organisation_a_letter_from_a_known_one_is_questioned(
    store: Store, tmp_path: Path
) -> None:
    from store import network

    network.add_org(store, {"name": "Báo Quảng Ninh", "kind": "press_agency"})
    text = "Họ và tên,Cơ quan\nPhạm Văn Tư,Báo Quảng Nihn\nPhạm Văn Năm,Báo Mới Hoàn Toàn\n"
    report = import_file(store, write(tmp_path, text))
    assert [o["name"] for o in report.created_organisations] == [
        "Báo Quảng Nihn",
        "Báo Mới Hoàn Toàn",
    ]
    [typo] = [w for w in report.warnings if "did you mean" in w]
    assert typo.startswith("line 2: 'Báo Quảng Nihn' is a new organisation")
    assert "'Báo Quảng Ninh'" in typo
