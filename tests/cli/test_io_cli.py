"""`lantoa import` and `lantoa export` on a temp store, good input and bad."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from store import LantoaError, Store
from tui.cli import app

runner = CliRunner()

PRESS_LIST = (
    "STT;Họ và tên;Cơ quan;SĐT;Email;Vai trò\r\n"
    "1;Nguyễn Văn An;Báo Thử Nghiệm;0912 345 678;an@baothu.vn;Phóng viên\r\n"
    "2;Trần Thị Bình;Báo Thử Nghiệm;024 3943 1234;binh@baothu.vn;Biên tập viên\r\n"
)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.json"


def run(store_path: Path, *args: str, input: bytes | None = None):
    return runner.invoke(app, ["--store", str(store_path), *args], input=input)


def error_of(result) -> str:
    """What the person reads: `lantoa` prints a LantoaError's message on stderr."""
    exc = result.exception
    text = result.stderr
    if exc is not None and not isinstance(exc, SystemExit):
        assert isinstance(exc, LantoaError), repr(exc)  # never a traceback
        text += str(exc)
    return text


def csv_file(tmp_path: Path, text: str, name: str = "list.csv", encoding="utf-8-sig") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_import_reports_and_reimport_changes_nothing(store_path: Path, tmp_path: Path) -> None:
    path = csv_file(tmp_path, PRESS_LIST)
    result = run(store_path, "import", str(path))
    assert result.exit_code == 0, error_of(result)
    assert "Contacts: added 2, updated 0, unchanged 0, skipped 0, rejected 0." in result.stderr
    assert 'New organisations (kind "other"): Báo Thử Nghiệm' in result.stderr
    assert "Họ và tên -> Full name" in result.stderr and "delimiter ;" in result.stderr
    people = {c["full_name"]: c for c in Store(store_path).load().live("contacts")}
    assert people["Trần Thị Bình"]["role"] == "editor"
    before = store_path.read_bytes()
    again = run(store_path, "import", str(path))
    assert again.exit_code == 0
    assert "unchanged 2" in again.stderr
    assert "Nothing changed; the store was not rewritten." in again.stderr
    assert store_path.read_bytes() == before


def test_import_json_report_is_stable(store_path: Path, tmp_path: Path) -> None:
    result = run(store_path, "import", str(csv_file(tmp_path, PRESS_LIST)), "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert list(report)[:12] == [
        "file",
        "format",
        "encoding",
        "delimiter",
        "dry_run",
        "applied",
        "held_back",
        "added",
        "updated",
        "unchanged",
        "skipped",
        "rejected",
    ]
    assert report["added"] == 3 and report["tables"]["contacts"]["added"] == 2
    assert report["created_organisations"][0]["name"] == "Báo Thử Nghiệm"
    assert report["columns"]["contacts"]["SĐT"] == "phones"
    assert report["changes"][0] == {
        "table": "contacts",
        "line": 2,
        "record": 1,
        "action": "added",
        "id": report["changes"][0]["id"],
        "name": "Nguyễn Văn An",
        "fields": ["emails", "full_name", "org_id", "phones", "role"],
    }


def test_a_bad_row_is_reported_by_line_and_exits_1(store_path: Path, tmp_path: Path) -> None:
    text = PRESS_LIST + "3;Lê Văn Sai;Báo Thử Nghiệm;0912;sai@baothu.vn;Phóng viên\r\n"
    result = run(store_path, "import", str(csv_file(tmp_path, text)))
    assert result.exit_code == 1
    assert "line 4 (Lê Văn Sai): Phones: '0912' is not a valid phone number" in result.stderr
    assert len(Store(store_path).load().live("contacts")) == 2  # the valid rows are applied
    as_json = run(store_path, "import", str(csv_file(tmp_path, text)), "--json")
    assert as_json.exit_code == 1
    [rejection] = json.loads(as_json.stdout)["rejections"]
    assert rejection["line"] == 4 and "phones" in rejection["fields"]


def test_all_or_nothing_and_dry_run_write_nothing(store_path: Path, tmp_path: Path) -> None:
    bad = csv_file(tmp_path, PRESS_LIST + "3;Lê Văn Sai;;0912;;\r\n")
    result = run(store_path, "import", str(bad), "--all-or-nothing")
    assert result.exit_code == 1 and "Nothing was written (--all-or-nothing)" in result.stderr
    assert not store_path.exists()
    dry = run(store_path, "import", str(csv_file(tmp_path, PRESS_LIST)), "--dry-run")
    assert dry.exit_code == 0 and "Contacts: would add 2" in dry.stderr
    assert "line 2: add Nguyễn Văn An" in dry.stderr and "Dry run: nothing was written." in (
        dry.stderr
    )
    assert not store_path.exists()


def test_unknown_organisations_can_be_refused(store_path: Path, tmp_path: Path) -> None:
    result = run(store_path, "import", str(csv_file(tmp_path, PRESS_LIST)), "--no-create-orgs")
    assert result.exit_code == 1 and "no organisation is named 'Báo Thử Nghiệm'" in result.stderr


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (None, "missing.csv", "does not exist"),
        (b"", "empty.csv", "is empty"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "list.xlsx", "is an Excel workbook"),
        (b"\x00\x01\x02\x03binary\x00", "blob.csv", "not a text file"),
        (
            "Họ và tên,Điện thoại\nĐỗ Văn Đức,0912345678\n".encode("utf-16-le"),
            "x.csv",
            "--encoding utf-16-le",
        ),
        (
            "Họ và tên,SĐT\nLê Thị Hà,0912345678\n".encode("cp1258", "replace"),
            "old.csv",
            "--encoding cp1258",
        ),
        (b"col1,col2\nx,y\n", "other.csv", "No known column headers"),
        (b"[1, 2", "broken.json", "not valid JSON"),
    ],
)
def test_unreadable_files_exit_1_with_a_clear_message(
    store_path: Path, tmp_path: Path, content: bytes | None, name: str, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run(store_path, "import", str(path))
    assert result.exit_code == 1
    assert message in error_of(result)
    assert not store_path.exists()


def test_the_encoding_option_reads_legacy_files(store_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    path.write_bytes("Ho và tên,SĐT\nLa Văn Tâm,0912345678\n".encode("cp1258"))
    assert run(store_path, "import", str(path), "--encoding", "cp1258").exit_code == 0
    bad = run(store_path, "import", str(path), "--encoding", "klingon")
    assert bad.exit_code == 1 and "Unknown encoding" in error_of(bad)


def test_usage_errors_exit_2(store_path: Path, tmp_path: Path) -> None:
    path = csv_file(tmp_path, PRESS_LIST)
    assert run(store_path, "import", str(path), "--table", "people").exit_code == 2
    assert run(store_path, "import", str(path), "--format", "xml").exit_code == 2
    assert run(store_path, "export", "--table", "all").exit_code == 2
    assert run(store_path, "export", "--headers", "fr").exit_code == 2
    assert run(store_path, "export", "--delimiter", "#").exit_code == 2
    assert run(store_path, "export", "--table", "orgs", "--role", "journalist").exit_code == 2


def test_export_csv_to_stdout_and_to_a_file(store_path: Path, tmp_path: Path) -> None:
    run(store_path, "import", str(csv_file(tmp_path, PRESS_LIST)))
    result = run(store_path, "export")
    assert result.exit_code == 0
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == 3
    assert "Nguyễn Văn An" in data.decode("utf-8-sig") and "'+84912345678" in data.decode()
    out = tmp_path / "danh-ba.csv"
    result = run(
        store_path,
        "export",
        "--output",
        str(out),
        "--delimiter",
        "semicolon",
        "--headers",
        "vi",
        "--role",
        "journalist",
    )
    assert result.exit_code == 0 and "Exported 1 contact to" in result.stderr
    assert out.read_bytes().decode("utf-8-sig").startswith("id;Họ và tên;Cơ quan;")
    assert oct(out.stat().st_mode & 0o777) == "0o600"  # personal data
    again = run(store_path, "import", str(out))
    assert again.exit_code == 0 and "unchanged 1" in again.stderr


def test_export_json_of_everything_imports_into_a_new_store(
    store_path: Path, tmp_path: Path
) -> None:
    run(store_path, "import", str(csv_file(tmp_path, PRESS_LIST)))
    out = tmp_path / "all.json"
    result = run(store_path, "export", "--table", "all", "--output", str(out))
    assert result.exit_code == 0, error_of(result)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["organisations", "contacts"] and "_clock" not in data["contacts"][0]
    other = tmp_path / "other.json"
    result = run(other, "import", str(out))
    assert result.exit_code == 0 and "Contacts: added 2" in result.stderr
    orgs_csv = run(store_path, "export", "--table", "orgs", "--headers", "keys", "--no-bom")
    assert orgs_csv.stdout.startswith("id,name,short_name,")


def test_export_refuses_to_overwrite_the_store(store_path: Path, tmp_path: Path) -> None:
    run(store_path, "import", str(csv_file(tmp_path, PRESS_LIST)))
    before = store_path.read_bytes()
    result = run(store_path, "export", "--output", str(store_path))
    assert result.exit_code == 1 and "Refusing to overwrite" in error_of(result)
    assert store_path.read_bytes() == before


def test_contacts_list_json_piped_back_changes_nothing(store_path: Path, tmp_path: Path) -> None:
    run(store_path, "import", str(csv_file(tmp_path, PRESS_LIST)))
    listed = run(store_path, "contacts", "list", "--json")
    result = run(store_path, "import", "-", input=listed.stdout_bytes)
    assert result.exit_code == 0, error_of(result)
    assert "unchanged 2" in result.stderr and "Nothing changed" in result.stderr


def test_vietnamese_interface(store_path: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["--lang", "vi", "--store", str(store_path), "import", str(csv_file(tmp_path, PRESS_LIST))],
    )
    assert result.exit_code == 0
    assert "Liên hệ: thêm 2, cập nhật 0, không đổi 0, bỏ qua 0, từ chối 0." in result.stderr
    exported = runner.invoke(app, ["--lang", "vi", "--store", str(store_path), "export"])
    assert exported.stdout_bytes.decode("utf-8-sig").startswith("id,Họ và tên,Cơ quan,")


def test_the_real_command_prints_errors_and_never_imports_textual(tmp_path: Path) -> None:
    probe = (
        "import sys\nsys.argv = ['lantoa'] + sys.argv[1:]\nfrom tui.cli import main\n"
        "try:\n    main()\nfinally:\n"
        "    print('TEXTUAL' if any(m.startswith('textual') for m in sys.modules) else '')"
    )
    store = tmp_path / "s.json"
    good = csv_file(tmp_path, PRESS_LIST)
    env = {**os.environ, "LANTOA_LANG": "en"}
    ok = subprocess.run(
        [sys.executable, "-c", probe, "--store", str(store), "import", str(good)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert ok.returncode == 0 and "TEXTUAL" not in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-c", probe, "--store", str(store), "import", str(tmp_path / "nope.csv")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert (
        bad.returncode == 1 and bad.stderr.startswith("Error: ") and "Traceback" not in (bad.stderr)
    )
