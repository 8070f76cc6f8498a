"""`lantoa contacts …` and `lantoa orgs …` end to end on a temp store."""

from __future__ import annotations

import json

from store import Store


def test_add_list_show_edit_rm_restore(lantoa) -> None:
    r = lantoa(
        "orgs",
        "add",
        "--name",
        "Sở Thông tin và Truyền thông Quảng Ninh",
        "--short",
        "Sở TT&TT Quảng Ninh",
        "--kind",
        "provincial_department",
        "--province",
        "22",
    )
    assert r.code == 0, r.err
    r = lantoa(
        "contacts",
        "add",
        "--name",
        "Đặng Thị Hoa",
        "--org",
        "Sở TT&TT Quảng Ninh",
        "--role",
        "spokesperson",
        "--phone",
        "0912 345 678",
        "--email",
        "hoa@example.org",
        "--json",
    )
    assert r.code == 0, r.err
    added = r.json()
    assert added["phones"] == ["+84912345678"] and added["province"] == "Quảng Ninh"

    listed = lantoa("contacts", "list", "--search", "quang ninh", "--json").json()
    assert [c["full_name"] for c in listed] == ["Đặng Thị Hoa"]
    human = lantoa("contacts", "list", "--search", "quang ninh")
    assert (
        "Đặng Thị Hoa" in human.out and "1 contact" in human.err and "1 contacts" not in human.err
    )

    r = lantoa("contacts", "edit", "dang thi hoa", "--title", "Phó Giám đốc Sở")
    assert r.code == 0, r.err
    shown = lantoa("contacts", "show", added["id"][:8], "--json").json()
    assert shown["title"] == "Phó Giám đốc Sở"
    assert "Phó Giám đốc Sở" in lantoa("contacts", "show", "Đặng Thị Hoa").out

    r = lantoa("contacts", "rm", added["id"][:8])
    assert r.code == 0 and "restore" in r.err
    assert lantoa("contacts", "list", "--json").json() == []
    assert lantoa("contacts", "restore", added["id"][:8]).code == 0
    assert len(lantoa("contacts", "list", "--json").json()) == 1


def test_json_output_has_every_documented_key(lantoa) -> None:
    lantoa("contacts", "add", "--name", "Lê Văn An")
    [contact] = lantoa("contacts", "list", "--json").json()
    from store.network import CONTACT_VIEW_KEYS

    assert list(contact)[: len(CONTACT_VIEW_KEYS)] == list(CONTACT_VIEW_KEYS)
    assert "_clock" not in contact


def test_bad_input_exits_1_with_a_message_and_changes_nothing(lantoa) -> None:
    lantoa("contacts", "add", "--name", "Lê Văn An")
    before = lantoa.store_path.read_bytes()
    r = lantoa("contacts", "add", "--name", "Người Mới", "--phone", "12345")
    assert r.code == 1 and "not a valid phone number" in r.err and "Traceback" not in r.err
    r = lantoa("contacts", "edit", "Lê Văn An", "--role", "boss")
    assert r.code == 1 and "choose one of" in r.err
    r = lantoa("contacts", "show", "Không Có Ai")
    assert r.code == 1 and "No contact matches" in r.err
    r = lantoa("contacts", "list", "--province", "Atlantis")
    assert r.code == 1 and "unknown province" in r.err
    assert lantoa.store_path.read_bytes() == before


def test_usage_errors_exit_2(lantoa) -> None:
    assert lantoa("contacts", "list", "--bogus").code == 2
    assert lantoa("contacts", "edit", "x").code == 2  # nothing to change
    assert lantoa("--lang", "fr", "where").code == 2


def test_corrupt_store_names_the_file_and_backup(lantoa) -> None:
    lantoa("contacts", "add", "--name", "Lê Văn An")
    from store.storage import make_backup

    backup = make_backup(lantoa.store_path, "test")
    lantoa.store_path.write_text('{"meta": {"1": {"format": "lantoa", "sch')
    r = lantoa("contacts", "list")
    assert r.code == 1
    assert str(lantoa.store_path) in r.err and backup.name in r.err and "truncated" in r.err
    assert lantoa.store_path.read_text().endswith('"sch')  # untouched
    r = lantoa("backups", "restore")
    assert r.code == 0, r.err
    assert [c["full_name"] for c in lantoa("contacts", "list", "--json").json()] == ["Lê Văn An"]


def test_markup_and_escapes_in_data_are_printed_literally(lantoa) -> None:
    store = Store(lantoa.store_path)
    with store.transaction() as tx:  # as if it came from a synced file
        tx.insert("contacts", {"full_name": "[bold red]x[/] \x1b[31mred"})
    out = lantoa("contacts", "list").out
    assert "[bold red]x[/]" in out and "\x1b[31m" not in out and "\\x1b[31m" in out


def test_orgs_merge_and_rm(lantoa) -> None:
    lantoa("orgs", "add", "--name", "Sở TT&TT Hà Giang", "--kind", "so", "--province", "Hà Giang")
    lantoa("orgs", "add", "--name", "Sở KH&CN Tuyên Quang", "--kind", "so", "--province", "08")
    lantoa("contacts", "add", "--name", "Vũ Thị Mai", "--org", "Sở TT&TT Hà Giang")
    r = lantoa("orgs", "rm", "Sở TT&TT Hà Giang")
    assert r.code == 1 and "--force" in r.err
    r = lantoa("orgs", "merge", "Sở TT&TT Hà Giang", "Sở KH&CN Tuyên Quang", "--json")
    assert r.code == 0, r.err
    assert r.json()["contacts_moved"] == 1
    listed = lantoa("orgs", "list", "--json").json()
    assert [o["name"] for o in listed] == ["Sở KH&CN Tuyên Quang"]
    shown = lantoa("orgs", "show", "Sở KH&CN Tuyên Quang", "--json").json()
    assert [c["full_name"] for c in shown["contacts"]] == ["Vũ Thị Mai"]


def test_orgs_rm_force_leaves_its_people_without_it(lantoa) -> None:
    """The message said the people no longer had an organisation, but listings and outreach
    still placed them under the deleted one."""
    lantoa("orgs", "add", "--name", "Báo Cần Thơ", "--kind", "press")
    lantoa("contacts", "add", "--name", "Phạm Hồng Yến", "--org", "Báo Cần Thơ")
    r = lantoa("orgs", "rm", "Báo Cần Thơ", "--force")
    assert r.code == 0 and "1 contact no longer has an organisation" in r.err, r.err
    [person] = lantoa("contacts", "list", "--json").json()
    assert person["full_name"] == "Phạm Hồng Yến" and person.get("org_id") is None
    assert not person.get("org_name")
    assert lantoa("contacts", "list", "--org", "Báo Cần Thơ").code == 1  # no such organisation


def test_where_prints_the_paths(lantoa) -> None:
    paths = lantoa("where", "--json").json()
    assert paths["store"] == str(lantoa.store_path)
    assert paths["config"].endswith("config.toml")


def test_store_from_environment(lantoa, tmp_path, monkeypatch) -> None:
    target = tmp_path / "env-store.json"
    monkeypatch.setenv("LANTOA_STORE", str(target))
    assert lantoa("contacts", "add", "--name", "Hồ Văn Sơn", store=None).code == 0
    assert json.loads(target.read_text())["contacts"]


def test_a_deleted_contact_is_restored_by_name(lantoa) -> None:
    lantoa("contacts", "add", "--name", "Nguyễn Văn An", "--email", "an@example.org")
    assert lantoa("contacts", "rm", "Nguyễn Văn An").code == 0
    assert "Nguyễn Văn An" not in lantoa("contacts", "list").out
    restored = lantoa("contacts", "restore", "nguyen van an")
    assert restored.code == 0, restored.err
    assert "Nguyễn Văn An" in lantoa("contacts", "list").out
    missing = lantoa("contacts", "restore", "Trần Thị Không")
    assert missing.code == 1 and "No deleted contact matches" in missing.err


def test_errors_under_json_are_json_on_stdout_too(lantoa) -> None:
    """A script piping `--json` into jq gets a parseable error, with the same exit code."""
    lantoa.store_path.write_text("{bad")
    r = lantoa("contacts", "list", "--json")
    assert r.code == 1 and "not a usable Lan Tỏa store" in r.err
    error = json.loads(r.out)["error"]
    assert error["exit_code"] == 1 and str(lantoa.store_path) in error["message"]
    r = lantoa("contacts", "list")  # without --json stdout stays empty
    assert r.code == 1 and r.out == ""


def test_a_store_in_a_missing_folder_is_refused_not_started_empty(
    lantoa, tmp_path, monkeypatch
) -> None:
    missing = tmp_path / "nodir" / "lantoa.json"
    listed = lantoa("contacts", "list", store=missing)
    assert listed.code == 1
    assert f"There is no folder {missing.parent}" in listed.err
    monkeypatch.setenv("LANTOA_STORE", str(missing))
    added = lantoa("contacts", "add", "--name", "Lê Văn An", store=None)
    assert added.code == 1 and "create the folder first" in added.err
    assert not missing.parent.exists()
    fresh = lantoa("contacts", "add", "--name", "Lê Văn An", store=tmp_path / "new.json")
    assert fresh.code == 0  # a new store file in a folder that exists is a first use


def test_a_table_into_a_pipe_keeps_each_row_on_one_line(lantoa, monkeypatch) -> None:
    """Rich folds at 80 columns when it cannot see a terminal: long organisation names and the
    header words were split over lines in `contacts list > file`. Into a pipe, no COLUMNS set,
    a row is one line and every header word is whole."""
    from store.i18n import set_language

    assert lantoa("sample", "load").code == 0
    monkeypatch.delenv("COLUMNS")
    for language, header in (("en", "Organisation"), ("vi", "Cơ quan")):
        monkeypatch.setenv("LANTOA_LANG", language)
        try:
            result = lantoa("contacts", "list", "--province", "quang-ninh")
        finally:
            set_language("en")
        assert result.code == 0, result.err
        lines = result.out.splitlines()
        rows = [line for line in lines if line.startswith("│")]
        assert len(rows) == 6, result.out  # one line per contact, none folded
        assert any(header in line for line in lines if line.startswith("┃")), result.out
        assert any("Sở Thông tin và Truyền thông Quảng Ninh" in row for row in rows)
        assert max(len(line) for line in lines) > 80
    monkeypatch.setenv("COLUMNS", "60")  # a width asked for is still obeyed
    narrow = lantoa("contacts", "list", "--province", "quang-ninh")
    assert max(len(line) for line in narrow.out.splitlines()) <= 60


def test_a_bad_choice_in_vietnamese_names_each_choice_in_vietnamese(lantoa) -> None:
    """The Vietnamese error listed only the English codes (planned, sent, comms_officer…)."""
    from store.i18n import set_language

    try:
        result = lantoa("--lang", "vi", "contacts", "add", "--name", "Lê Văn An", "--role", "xyz")
    finally:
        set_language("en")
    assert result.code == 1
    assert "vai trò 'xyz'" in result.err
    assert "spokesperson (Người phát ngôn)" in result.err and "comms_officer (" in result.err
    english = lantoa("contacts", "add", "--name", "Lê Văn An", "--role", "xyz")
    assert "choose one of: leader, spokesperson, comms_officer" in english.err
