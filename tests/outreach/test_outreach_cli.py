"""`lantoa outreach …` end to end on a temp store, through the real console entry point."""

from __future__ import annotations

import csv
import io
import os
import sys
from pathlib import Path

import pytest

import tui.cli.outreach_bulk as bulk
from store.outreach import ITEM_JSON_KEYS


def ids_of(lantoa, *filters: str) -> list[str]:
    result = lantoa("outreach", "list", "--json", *filters)
    assert result.code == 0, result.err
    return [item["id"] for item in result.json()]


def test_plan_list_done_publish_report_undo(lantoa) -> None:
    result = lantoa(
        "outreach",
        "plan",
        "-m",
        "Chuyển đổi số 2023",
        "--org",
        "vu-bc",
        "--org",
        "Sở TT&TT Quảng Ninh",
        "--to",
        "n-free",
        "--due",
        "+3d",
        "--note",
        "gửi thông cáo",
        "--json",
    )
    assert result.code == 0, result.err
    data = result.json()
    assert data["message"] == {"id": "msg-ready", "title": "Chuyển đổi số 2023"}
    assert sorted(i["contact_id"] for i in data["created"]) == [
        "a-spoke",
        "b-comms",
        "f-comms",
        "n-free",
    ]
    assert data["skipped"][0]["contact_id"] == "e-dnc"
    assert data["skipped"][0]["reason"] == "do_not_contact"
    assert all(i["owner"] == "tester" for i in data["created"])

    listed = lantoa("outreach", "list", "--json")
    items = listed.json()
    assert len(items) == 4 and list(items[0])[: len(ITEM_JSON_KEYS)] == list(ITEM_JSON_KEYS)
    human = lantoa("outreach", "list")
    assert "Chuyển đổi số 2023" in human.out and "Nguyễn Văn An" in human.out
    assert "4 outreach items, 0 overdue" in human.err

    a = next(i["id"] for i in items if i["contact_id"] == "a-spoke")
    done = lantoa("outreach", "done", a[:8], "--note", "Đã gọi điện")
    assert done.code == 0 and "Marked 1 item done." in done.err
    shown = lantoa("outreach", "show", a[:6], "--json").json()
    assert shown["status"] == "done" and shown["note"] == "Đã gọi điện"
    assert [(e["from"], e["to"]) for e in shown["history"]] == [
        (None, "planned"),
        ("planned", "done"),
    ]
    human_show = lantoa("outreach", "show", a)
    assert "Planned → Done" in human_show.out and "Đã gọi điện" in human_show.out

    no_link = lantoa("outreach", "set", a, "--status", "published")
    assert no_link.code == 1 and "--link URL" in no_link.err
    published = lantoa(
        "outreach", "set", a, "--status", "published", "--link", "https://baochinhphu.vn/bai-1"
    )
    assert published.code == 0, published.err

    report = lantoa("outreach", "report", "--message", "msg-ready", "--json").json()
    assert report["groups"]["ministry_unit"]["published"] == 1
    assert report["groups"]["provincial_department"]["planned"] == 1
    assert report["groups"]["provincial_department"]["total"] == 63
    table = lantoa("outreach", "report", "-m", "msg-ready")
    assert "Ministry units" in table.out and "Đồng bằng sông Hồng" in table.out
    assert "No provincial department reached yet." in table.err
    lantoa(
        "outreach",
        "set",
        lantoa("outreach", "list", "--json", "--contact", "f-comms").json()[0]["id"],
        "--status",
        "sent",
    )
    table = lantoa("outreach", "report", "-m", "msg-ready")
    assert "Departments not reached yet (62): Hà Nội, Vĩnh Phúc" in table.err
    assert "Quảng Ninh" not in table.err

    undo = lantoa("outreach", "undo")  # the Quảng Ninh "sent"
    assert undo.code == 0 and "Undid the status change of 1 item" in undo.err
    assert lantoa("outreach", "show", a, "--json").json()["status"] == "published"
    lantoa("outreach", "undo")
    assert lantoa("outreach", "show", a, "--json").json()["status"] == "done"
    assert lantoa("outreach", "undo", "--json").json()["command"]["command"] == "done"
    assert lantoa("outreach", "show", a, "--json").json()["status"] == "planned"


def test_report_csv_has_a_bom_and_can_go_to_a_file(lantoa, tmp_path: Path) -> None:
    lantoa("outreach", "plan", "--org", "so-hg", "--status", "sent")
    out = lantoa("outreach", "report", "--format", "csv")
    assert out.code == 0 and out.out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.out.lstrip("\ufeff"))))
    assert next(r for r in rows if r["code"] == "02")["reached"] == "1"
    target = tmp_path / "coverage.csv"
    assert lantoa("outreach", "report", "--format", "csv", "--output", str(target)).code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "Hà Giang".encode() in raw


def test_bulk_changes_need_confirmation(lantoa, monkeypatch) -> None:
    lantoa("outreach", "plan", "-m", "msg-ready", "--org", "vu-bc", "--org", "cuc-bc")
    before = lantoa.store.path.read_bytes()
    refused = lantoa("outreach", "done", "--all", "--message", "msg-ready")
    assert refused.code == 1 and "--yes" in refused.err and "not a terminal" in refused.err
    assert lantoa.store.path.read_bytes() == before

    monkeypatch.setattr(bulk, "_interactive", lambda: True)
    declined = lantoa("outreach", "done", "--all", "--message", "msg-ready", input="n\n")
    assert declined.code == 1 and "Go ahead? [y/N]" in declined.err
    assert "Cancelled" in declined.err and "This changes 3 outreach items" in declined.err
    assert lantoa.store.path.read_bytes() == before
    empty = lantoa("outreach", "done", "--all", input="")
    assert empty.code == 1 and lantoa.store.path.read_bytes() == before

    accepted = lantoa("outreach", "done", "--all", "--org", "vu-bc", input="y\n")
    assert accepted.code == 0 and "Marked 2 items done." in accepted.err
    assert len(ids_of(lantoa, "--status", "done")) == 2

    monkeypatch.setattr(bulk, "_interactive", lambda: False)
    forced = lantoa(
        "outreach", "set", "--all", "--from-status", "done", "--status", "sent", "--yes", "--json"
    )
    assert forced.code == 0 and len(forced.json()["changed"]) == 2
    single = lantoa(
        "outreach", "set", ids_of(lantoa, "--contact", "d-lead")[0], "--status", "no answer"
    )
    assert single.code == 0  # one item: no question asked
    assert ids_of(lantoa, "--status", "no_answer") == ids_of(lantoa, "--contact", "d-lead")


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (
            ["outreach", "set", "ITEM", "--status", "bogus"],
            1,
            "unknown status 'bogus'; choose one of",
        ),
        (["outreach", "list", "--status", "bogus"], 1, "choose one of: planned, sent"),
        (["outreach", "set", "ITEM", "--due", "someday"], 1, "+3d"),
        (["outreach", "set", "ITEM", "--link", "nope"], 1, "is not a web address"),
        (["outreach", "plan", "-m", "no such", "--to", "a-spoke"], 1, "lantoa messages list"),
        (["outreach", "plan", "--to", "a-spoke", "--channel", "pigeon"], 1, "zalo"),
        (["outreach", "plan", "--group", "everyone"], 1, "tag:NAME"),
        (["outreach", "plan", "--to", "nobody at all"], 1, "lantoa contacts list"),
        (["outreach", "done", "ffffffff"], 1, "lantoa outreach list"),
        (["outreach", "done", "ab"], 1, "lantoa outreach list"),
        (["outreach", "list", "--message", "nope"], 1, "lantoa messages list"),
        (["outreach", "done"], 2, "--all"),
        (["outreach", "done", "ITEM", "--all"], 2, "not both"),
        (["outreach", "done", "ITEM", "--org", "vu-bc", "--mine"], 2, "(--org, --mine) select"),
        (
            ["outreach", "set", "ITEM", "--from-status", "sent", "--status", "done"],
            2,
            "(--from-status) select items only with --all",
        ),
        (["outreach", "plan", "-m", "msg-ready"], 2, "--to CONTACT"),
        (["outreach", "list", "--by", "mood"], 2, "message or contact"),
        (["outreach", "report", "--format", "xml"], 2, "table, csv or json"),
        (["outreach", "set", "ITEM"], 1, "Nothing to change"),
    ],
)
def test_bad_input_exits_with_a_message_that_says_what_to_fix(lantoa, args, code, says) -> None:
    lantoa("outreach", "plan", "--to", "a-spoke")
    item = ids_of(lantoa)[0]
    before = lantoa.store.path.read_bytes()
    result = lantoa(*[item if a == "ITEM" else a for a in args])
    assert result.code == code, result.err
    assert says in result.err and "Traceback" not in result.err
    assert lantoa.store.path.read_bytes() == before


def test_nothing_to_undo(lantoa) -> None:
    result = lantoa("outreach", "undo")
    assert result.code == 1 and "Nothing to undo" in result.err


def test_filters_overdue_due_today_mine_channel_and_grouping(lantoa, tmp_path: Path) -> None:
    lantoa("outreach", "plan", "--to", "a-spoke", "--due", "yesterday")
    lantoa("outreach", "plan", "--to", "b-comms", "--due", "today")
    lantoa("outreach", "plan", "--to", "c-lead", "--due", "hôm nay", "--status", "done")
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[outreach]\nowner = "Thu"\n', encoding="utf-8")
    lantoa("outreach", "plan", "-m", "msg-ready", "--to", "d-lead", "--channel", "phone")

    def who(*filters: str) -> list[str]:
        return sorted(
            i["contact_id"] for i in lantoa("outreach", "list", "--json", *filters).json()
        )

    assert who("--overdue") == ["a-spoke"]
    assert who("--due-today") == ["b-comms"]  # c-lead is done: not waiting for anything
    assert who("--mine") == ["d-lead"]
    assert who("--channel", "điện thoại") == ["d-lead"]
    assert who("--org", "vu-bc") == ["a-spoke", "b-comms", "c-lead"]
    assert who("--status", "done", "--status", "planned") == [
        "a-spoke",
        "b-comms",
        "c-lead",
        "d-lead",
    ]
    by_contact = lantoa("outreach", "list", "--by", "contact")
    assert "Đặng Văn Dũng" in by_contact.out and "Chuyển đổi số 2023" in by_contact.out
    overdue = lantoa("outreach", "list")
    assert "1 overdue" in overdue.err
    done = lantoa("outreach", "done", "--all", "--overdue", "--yes")
    assert "Marked 1 item done." in done.err


def test_double_pitch_dry_run_and_force(lantoa, tmp_path: Path) -> None:
    lantoa("outreach", "plan", "-m", "msg-ready", "--to", "a-spoke")
    again = lantoa("outreach", "plan", "-m", "msg-ready", "--to", "a-spoke", "--to", "c-lead")
    assert again.code == 0
    assert "already planned or sent this message within 14 days" in again.err
    assert "--force plans it" in again.err and "Planned 1 item" in again.err
    before = lantoa.store.path.read_bytes()
    dry = lantoa("outreach", "plan", "--group", "provincial_department", "--dry-run", "--json")
    assert dry.json()["dry_run"] and len(dry.json()["created"]) == 3
    assert lantoa.store.path.read_bytes() == before
    forced = lantoa("outreach", "plan", "-m", "msg-ready", "--to", "a-spoke", "--force")
    assert "planned again (--force)" in forced.err
    assert len(ids_of(lantoa, "--contact", "a-spoke")) == 2

    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[outreach]\ndouble_pitch_days = -1\n", encoding="utf-8")
    bad = lantoa("outreach", "plan", "-m", "msg-ready", "--to", "b-comms")
    assert bad.code == 1 and "double_pitch_days" in bad.err
    config.write_text("[outreach]\ndouble_pitch_days = 0\n", encoding="utf-8")
    assert "Planned 1 item" in lantoa("outreach", "plan", "-m", "msg-ready", "--to", "a-spoke").err


def test_vietnamese_interface(lantoa) -> None:
    result = lantoa("--lang", "vi", "outreach", "undo")
    assert result.code == 1 and "hoàn tác" in result.err
    lantoa("outreach", "plan", "--to", "a-spoke")
    listed = lantoa("--lang", "vi", "outreach", "list")
    assert "Dự kiến" in listed.out


@pytest.mark.slow
def test_real_terminal_prompt(lantoa, tmp_path: Path) -> None:
    """The installed `lantoa` on a pseudo-terminal asks, and "y" goes ahead."""
    import pty
    import select

    lantoa("outreach", "plan", "--org", "vu-bc")
    env = {**os.environ, "LANTOA_STORE": str(lantoa.store.path), "COLUMNS": "120"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: run the real console script on the terminal
        os.execve(
            sys.executable,
            [sys.executable, "-c", "from tui.cli import main; main()", "outreach", "done", "--all"],
            env,
        )
    seen = b""
    answered = False
    while True:
        ready, _w, _x = select.select([fd], [], [], 20)
        if not ready:
            break
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if not answered and b"[y/N]" in seen:
            os.write(fd, b"y\n")
            answered = True
    _pid, status = os.waitpid(pid, 0)
    assert answered, seen.decode(errors="replace")
    assert os.waitstatus_to_exitcode(status) == 0
    assert b"Marked 2 items done." in seen
    assert {i["status"] for i in lantoa.store.load().live("outreach")} == {"done"}


def test_a_plan_that_reaches_nobody_exits_1(lantoa) -> None:
    """Planning only a do-not-contact person planned nothing and said so, with exit 0: a
    script went on as if the message had gone out."""
    result = lantoa("outreach", "plan", "-m", "msg-ready", "--to", "e-dnc")
    assert result.code == 1, result.err
    assert "do not contact" in result.err + result.out
    assert lantoa("outreach", "list", "--json").json() == []
    as_json = lantoa("outreach", "plan", "-m", "msg-ready", "--to", "e-dnc", "--json")
    assert as_json.code == 1 and as_json.json()["skipped"][0]["reason"] == "do_not_contact"
    preview = lantoa("outreach", "plan", "-m", "msg-ready", "--to", "e-dnc", "--dry-run")
    assert preview.code == 0  # a dry run only shows


def test_an_unknown_region_lists_the_six(lantoa) -> None:
    result = lantoa(
        "outreach", "plan", "-m", "msg-ready", "-g", "press_agency", "--region", "Bắc Bộ"
    )
    assert result.code == 1
    assert "unknown region 'Bắc Bộ'" in result.err and "Mekong Delta" in result.err


def test_an_undo_that_reverts_nothing_says_so_and_exits_1(lantoa, net) -> None:
    """Another device changed the item after `done` (it came in by sync): undo left it as it
    was, yet said "Undid the mark done of 1 item", exit 0."""
    planned = lantoa("outreach", "plan", "-m", "msg-ready", "--to", "a-spoke", "--json")
    [item] = planned.json()["created"]
    assert lantoa("outreach", "done", item["id"]).code == 0
    with net.transaction() as tx:  # what a sync brings from another device
        tx.update("outreach", item["id"], {"status": "replied"})
    result = lantoa("outreach", "undo")
    assert result.code == 1, result.err
    assert "Nothing undone" in result.err and "Undid" not in result.err
    assert [i["status"] for i in lantoa("outreach", "list", "--json").json()] == ["replied"]
    older = lantoa("outreach", "undo")  # the next undo goes to the plan before it (changed too)
    assert older.code == 1 and "of the plan made at" in older.err, older.err
    assert lantoa("outreach", "undo").code == 1  # and then there is nothing left


def test_a_follow_up_date_in_the_past_is_allowed_but_said(lantoa) -> None:
    planned = lantoa(
        "outreach", "plan", "-m", "msg-ready", "--to", "a-spoke", "--due", "2020-01-01"
    )
    assert planned.code == 0, planned.err
    assert "2020-01-01 has already passed" in planned.err
    [item] = lantoa("outreach", "list", "--json").json()
    assert item["due"] == "2020-01-01"
    later = lantoa("outreach", "set", item["id"], "--due", "+3d")
    assert later.code == 0 and "already passed" not in later.err
    again = lantoa("outreach", "set", item["id"], "--due", "2021-05-01")
    assert again.code == 0 and "2021-05-01 has already passed" in again.err


def test_a_group_with_nobody_in_it_exits_1(lantoa) -> None:
    result = lantoa("outreach", "plan", "-m", "msg-ready", "-g", "tag:không-có-ai")
    assert result.code == 1, result.err
    assert "has nobody to reach" in result.err
    preview = lantoa("outreach", "plan", "-m", "msg-ready", "-g", "tag:không-có-ai", "--dry-run")
    assert preview.code == 0
