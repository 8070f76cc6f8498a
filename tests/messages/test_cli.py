"""`lantoa messages …` end to end on a temp store, including the $EDITOR round trip."""

from __future__ import annotations

import email
import json
import subprocess
import sys
from email import policy
from pathlib import Path

import pytest

from store import Store, network

FAKE_EDITOR = r"""
import json, os, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
with open(os.environ["FAKE_SEEN"], "w", encoding="utf-8") as seen:
    seen.write(text)
for old, new in json.loads(os.environ.get("FAKE_EDITS", "[]")):
    assert old in text, old
    text = text.replace(old, new)
open(path, "w", encoding="utf-8").write(text)
sys.exit(int(os.environ.get("FAKE_EXIT", "0")))
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A scripted $EDITOR: `editor(edits)` sets the (old, new) replacements it will make."""
    script = tmp_path / "fake_editor.py"
    script.write_text(FAKE_EDITOR, encoding="utf-8")
    seen = tmp_path / "seen.md"
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("FAKE_SEEN", str(seen))

    def configure(edits: list[tuple[str, str]], exit_code: int = 0) -> Path:
        monkeypatch.setenv("FAKE_EDITS", json.dumps(edits))
        monkeypatch.setenv("FAKE_EXIT", str(exit_code))
        return seen

    return configure


def new_policy(lantoa, title: str = "Cấp phép trực tuyến") -> str:
    result = lantoa(
        "messages", "new", "--kind", "policy", "--title", title, "--language", "vi", "--json"
    )
    assert result.code == 0, result.err
    return result.json()["id"]


FILL = {
    "headline": "Từ 1/7, 1,2 triệu hộ kinh doanh được cấp phép trực tuyến",
    "lead": "Từ ngày 1/7/2023, hộ kinh doanh xin giấy phép qua mạng.",
    "problem": "Chủ hộ kinh doanh phải nghỉ bán hàng cả ngày để nộp hồ sơ giấy.",
    "audiences": "hộ kinh doanh; chính quyền địa phương",
    "policy": "Hồ sơ được nộp và trả kết quả qua Cổng dịch vụ công.",
    "policy.instrument": "Nghị định 13/2023/NĐ-CP",
    "policy_effective": "01/07/2023",
    "benefits.people": "Hộ kinh doanh tiết kiệm một ngày công cho mỗi lần xin phép.",
    "benefits.country": "Nhà nước bớt chi phí in ấn hồ sơ giấy.",
    "figures": "1,2 triệu hộ; period=2022; source=Tổng cục Thống kê",
    "call_to_action": "Nộp hồ sơ tại https://dichvucong.gov.vn.",
    "criticism": "Người cao tuổi chưa quen dùng điện thoại thông minh.",
}


def fill(lantoa, ref: str, via_cli: bool = False) -> None:
    """Fill every slot but the proposal (through `messages set`, or directly: faster)."""
    if via_cli:
        for field, value in FILL.items():
            result = lantoa("messages", "set", ref, field, value)
            assert result.code == 0, (field, result.err)
        return
    from store import messages as msgs
    from store.cardfile import slot_changes

    store = Store(lantoa.store_path)
    changes = {}
    for field, value in FILL.items():
        changes.update(slot_changes(field, value, {"language": "vi"}))
    msgs.update_message(store, ref, changes)


def test_new_set_show_list_check(lantoa) -> None:
    ref = new_policy(lantoa)
    fill(lantoa, ref, via_cli=True)
    shown = lantoa("messages", "show", "cap phep truc tuyen", "--json").json()
    assert shown["audiences"] == ["hộ kinh doanh", "chính quyền địa phương"]
    assert shown["figures"][0]["value"] == "1.2"
    assert shown["readiness"]["summary"] == "9/9 slots, 1 error, 2 warnings"
    listed = lantoa("messages", "list", "--json").json()
    assert listed[0]["summary"] == shown["readiness"]["summary"]
    assert set(listed[0]) >= {"id", "title", "kind", "status", "score", "summary", "ready"}
    human = lantoa("messages", "list")
    assert "Score" in human.out and "9/9 slots, 1 error, 2 warnings" in human.out
    check = lantoa("messages", "check", ref)
    assert check.code == 0 and "Criticism needs a proposal" in check.out
    strict = lantoa("messages", "check", ref, "--strict", "--json")
    assert strict.code == 1 and strict.json()["ready"] is False
    assert strict.json()["findings"][0]["code"]
    assert "Readiness" in lantoa("messages", "show", ref).out


def test_status_ready_is_refused_with_the_problems_then_allowed(lantoa) -> None:
    ref = new_policy(lantoa)
    fill(lantoa, ref)
    refused = lantoa("messages", "status", ref, "ready")
    assert refused.code == 1 and "Not ready" in refused.err and "proposal" in refused.err
    assert lantoa("messages", "show", ref, "--json").json()["status"] == "draft"
    lantoa("messages", "set", ref, "proposal", "Bưu điện xã hướng dẫn miễn phí.")
    assert lantoa("messages", "check", ref, "--strict").code == 0
    assert lantoa("messages", "status", ref, "ready").code == 0
    assert lantoa("messages", "list", "--status", "ready", "--json").json()[0]["id"] == ref
    demoted = lantoa("messages", "set", ref, "proposal", "")
    assert "went back to draft" in demoted.err
    assert lantoa("messages", "show", ref, "--json").json()["status"] == "draft"


def test_status_ready_refused_lists_one_problem_a_line(lantoa) -> None:
    ref = new_policy(lantoa)  # an empty card: many errors
    refused = lantoa("messages", "status", ref, "ready")
    assert refused.code == 1 and refused.out == ""
    summary, *lines = refused.err.rstrip("\n").split("\n")
    n = int(summary.removeprefix("Error: Not ready: ").split()[0])
    assert summary == f"Error: Not ready: {n} problems to fix first."
    assert n > 3 and len(lines) == n
    assert all(line.startswith("  ") and ": " in line and "; " not in line for line in lines)
    assert any(line.startswith("  Headline: ") for line in lines)


def test_new_takes_its_language_from_a_vietnamese_title(lantoa, tmp_path: Path) -> None:
    """The interface is English (tests run in English): a Vietnamese title still makes a
    Vietnamese message, down to the email's Content-Language; --language wins."""
    made = lantoa("messages", "new", "--title", "Miễn phí chữ ký số", "--json").json()
    assert made["language"] == "vi"
    assert lantoa("messages", "new", "--title", "Đi", "--json").json()["language"] == "vi"
    out = tmp_path / "m.eml"
    lantoa("messages", "export", made["id"], "--format", "eml", "--output", str(out))
    assert email.message_from_bytes(out.read_bytes())["Content-Language"] == "vi"
    plain = lantoa("messages", "new", "--title", "Free digital signatures", "--json").json()
    assert plain["language"] == "en"
    forced = lantoa(
        "messages", "new", "--title", "Miễn phí chữ ký số", "--language", "en", "--json"
    ).json()
    assert forced["language"] == "en"


def test_set_syntaxes(lantoa) -> None:
    ref = new_policy(lantoa)
    quote = lantoa(
        "messages", "set", ref, "quote", "“Nhanh hơn.” — Nguyễn Văn A, Chủ tịch xã", "--json"
    ).json()
    assert (quote["quote"], quote["quote_speaker"], quote["quote_title"]) == (
        "Nhanh hơn.",
        "Nguyễn Văn A",
        "Chủ tịch xã",
    )
    lantoa("messages", "set", ref, "audiences", "hộ kinh doanh")
    out = lantoa("messages", "set", ref, "audiences", "sinh viên", "--append", "--json").json()
    assert out["audiences"] == ["hộ kinh doanh", "sinh viên"]
    figures = json.dumps([{"value": 12.7, "unit": "%", "baseline": "2021"}])
    assert lantoa("messages", "set", ref, "figures", figures, "--json").json()["figures"] == [
        {"value": "12.7", "unit": "%", "baseline": "2021"}
    ]
    story = lantoa("messages", "set", ref, "story", "-", "--json", input="Dòng một.\nDòng hai.\n")
    assert story.json()["story"] == "Dòng một.\nDòng hai."
    bad = lantoa("messages", "set", ref, "policy_effective", "sắp tới")
    assert bad.code == 1 and "is not a date" in bad.err
    unknown = lantoa("messages", "set", ref, "benefits", "x")
    assert unknown.code == 1 and "benefits_people" in unknown.err


def test_edit_round_trip_with_the_editor(lantoa, editor) -> None:
    ref = new_policy(lantoa)
    fill(lantoa, ref)
    seen = editor(
        [
            ("## proposal\n", "## proposal\nBưu điện xã hướng dẫn miễn phí.\n"),
            ("owner:", "owner: Sở TT&TT Quảng Ninh"),
            ("- value: 1,2\n", "- value: 1,2\n  baseline: năm 2021\n"),
        ]
    )
    result = lantoa("messages", "edit", ref)
    assert result.code == 0, result.err
    assert "Updated proposal, owner, figures" in result.err or "Updated owner" in result.err
    card = seen.read_text(encoding="utf-8")
    assert card.startswith("<!-- Lan Tỏa message card") and "## headline" in card
    shown = lantoa("messages", "show", ref, "--json").json()
    assert shown["proposal"] == "Bưu điện xã hướng dẫn miễn phí."
    assert shown["owner"] == "Sở TT&TT Quảng Ninh"
    assert shown["figures"][0]["baseline"] == "năm 2021"
    assert shown["readiness"]["ready"] is True
    editor([])
    assert "No changes." in lantoa("messages", "edit", ref).err


def test_malformed_edit_is_rejected_with_line_numbers_and_kept(
    lantoa, editor, tmp_path: Path
) -> None:
    ref = new_policy(lantoa)
    fill(lantoa, ref)
    before = Path(lantoa.store_path).read_bytes()
    editor([("kind: policy", "kind: memo"), ("## lead", "## leed"), ("owner:", "owner: Người mới")])
    result = lantoa("messages", "edit", ref)
    assert result.code == 1
    assert "kind 'memo'" in result.err and "unknown section 'leed'" in result.err
    lines = [line for line in result.err.splitlines() if line.startswith("message-")]
    assert len(lines) == 2 and all(line.split(":")[1].isdigit() for line in lines)
    assert Path(lantoa.store_path).read_bytes() == before  # the old version is kept
    kept = Path(result.err.split("Your edit is kept in ")[1].split(";")[0])
    assert "kind: memo" in kept.read_text(encoding="utf-8")
    assert kept.stat().st_mode & 0o777 == 0o600
    fixed = (
        kept.read_text(encoding="utf-8")
        .replace("kind: memo", "kind: policy")
        .replace("## leed", "## lead")
    )
    kept.write_text(fixed, encoding="utf-8")
    applied = lantoa("messages", "edit", ref, "--file", str(kept))
    assert applied.code == 0, applied.err
    assert lantoa("messages", "show", ref, "--json").json()["owner"] == "Người mới"


def test_editor_failure_changes_nothing(lantoa, editor) -> None:
    ref = new_policy(lantoa)
    editor([("owner:", "owner: X")], exit_code=3)
    result = lantoa("messages", "edit", ref)
    assert result.code == 1 and "exited with code 3" in result.err
    assert lantoa("messages", "show", ref, "--json").json()["owner"] is None


def test_an_edit_keeps_changes_made_meanwhile_to_other_fields(lantoa, editor, monkeypatch) -> None:
    """The editor may stay open for minutes; only the fields the person changed are written."""
    ref = new_policy(lantoa)
    fill(lantoa, ref)
    store = Store(lantoa.store_path)
    from store import messages as msgs

    original_run = subprocess.run

    def run_and_meanwhile(*args, **kwargs):
        result = original_run(*args, **kwargs)
        msgs.update_message(store, ref, {"problem": "Đổi ở nơi khác trong lúc sửa."})
        return result

    monkeypatch.setattr(subprocess, "run", run_and_meanwhile)
    editor([("owner:", "owner: Người sửa")])
    assert lantoa("messages", "edit", ref).code == 0
    shown = lantoa("messages", "show", ref, "--json").json()
    assert shown["owner"] == "Người sửa"
    assert shown["problem"] == "Đổi ở nơi khác trong lúc sửa."


def test_export_markdown_text_social_and_eml(lantoa, tmp_path: Path) -> None:
    ref = new_policy(lantoa)
    fill(lantoa, ref)
    store = Store(lantoa.store_path)
    network.add_contact(store, {"full_name": "Lê Phương Huế", "emails": ["hue@example.org"]})
    network.add_contact(store, {"full_name": "Nguyễn Văn Tú", "emails": ["tu@example.net"]})
    md = lantoa("messages", "export", ref, "--format", "md")
    assert md.code == 0 and md.out.startswith("# Từ 1/7, 1,2 triệu hộ")
    assert "not ready" in md.err
    txt = lantoa("messages", "export", ref, "-f", "txt", "--variant", "talking-points")
    assert txt.out.startswith("Điểm nói chính: ")
    social = lantoa("messages", "export", ref, "-f", "txt", "--variant", "social")
    assert "Social post:" in social.err and "of 280 characters" in social.err
    out = tmp_path / "release.eml"
    eml = lantoa(
        "messages",
        "export",
        ref,
        "--format",
        "eml",
        "--to",
        "Lê Phương Huế",
        "--bcc",
        "Nguyen Van Tu",
        "--bcc",
        "press@example.com",
        "--from",
        "Sở TT&TT <stttt@example.org>",
        "--output",
        str(out),
    )
    assert eml.code == 0, eml.err
    mail = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert mail["Subject"] == "Từ 1/7, 1,2 triệu hộ kinh doanh được cấp phép trực tuyến"
    assert [a.addr_spec for a in mail["To"].addresses] == ["hue@example.org"]
    assert [a.addr_spec for a in mail["Bcc"].addresses] == ["tu@example.net", "press@example.com"]
    assert mail["From"].addresses[0].display_name == "Sở TT&TT"
    assert "Nghị định 13/2023/NĐ-CP" in mail.get_content()


def test_eml_sender_comes_from_config_or_a_placeholder(lantoa, isolated_dirs: Path) -> None:
    ref = new_policy(lantoa)
    placeholder = lantoa("messages", "export", ref, "--format", "eml")
    assert "placeholder" in placeholder.err and "No recipients" in placeholder.err
    assert b"set-your-address@example.invalid" in placeholder.out.encode()
    config = isolated_dirs / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        '[messages]\nfrom = "Phòng Báo chí <press@mic.example.org>"\n'
        'contact = "Phòng Báo chí, 024 3943 1234"\n',
        encoding="utf-8",
    )
    configured = lantoa("messages", "export", ref, "--format", "eml")
    assert "placeholder" not in configured.err
    mail = email.message_from_string(configured.out, policy=policy.default)
    assert mail["From"].addresses[0].addr_spec == "press@mic.example.org"
    assert "Phòng Báo chí, 024 3943 1234" in mail.get_content()


def test_usage_errors_exit_2(lantoa) -> None:
    ref = new_policy(lantoa)
    assert lantoa("messages", "export", ref, "--format", "pdf").code == 2
    assert lantoa("messages", "export", ref, "--variant", "tweet").code == 2
    assert lantoa("messages", "export", ref, "--to", "x@example.org").code == 2
    assert lantoa("messages", "new").code == 2


def test_rm_restore_and_templates(lantoa) -> None:
    ref = new_policy(lantoa)
    removed = lantoa("messages", "rm", ref)
    assert removed.code == 0 and "Undo: lantoa messages restore" in removed.err
    assert lantoa("messages", "list", "--json").json() == []
    assert lantoa("messages", "show", ref).code == 1
    assert lantoa("messages", "restore", ref[:8]).code == 0
    assert len(lantoa("messages", "list", "--json").json()) == 1
    templates = lantoa("messages", "templates", "--json").json()
    assert {t["name"] for t in templates["templates"]} >= {"policy", "achievement", "crisis"}
    crisis = lantoa("messages", "new", "--title", "Sự cố", "--template", "crisis", "--json")
    assert crisis.json()["kind"] == "crisis" and crisis.json()["template"] == "crisis"


def test_vietnamese_interface(lantoa) -> None:
    ref = new_policy(lantoa)
    result = lantoa("--lang", "vi", "messages", "check", ref)
    assert "Điền mục Tiêu đề" in result.out and "0/9 mục, 9 lỗi" in result.out


@pytest.mark.slow
def test_messages_commands_do_not_import_textual(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "sys.argv = ['lantoa', '--store', sys.argv[1], 'messages', 'list', '--json']\n"
        "from tui.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "import store.compose, store.cardfile, store.templates\n"
        "print('TEXTUAL', any(m.split('.')[0] == 'textual' for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "s.json")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "TEXTUAL False" in result.stdout, result.stderr
