"""What a newcomer tripped over: named ids vs bulk changes, bulk changes that would move items
backwards in the pipeline, empty lists, and the list at 80 columns."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

import tui.cli.outreach_bulk as bulk
from store import Store
from store.outreach import (
    PIPELINE,
    STATUSES,
    OutreachSettings,
    PlanRequest,
    change_items,
    mark_done,
    moves_back,
    plan_outreach,
)

SETTINGS = OutreachSettings(owner="tester", double_pitch_days=14)
DATE = re.compile(r"\d{4}-\d\d-\d\d")


def statuses(lantoa) -> dict[str, str]:
    """contact id -> status."""
    return {i["contact_id"]: i["status"] for i in lantoa("outreach", "list", "--json").json()}


def item_of(lantoa, contact: str) -> str:
    [found] = lantoa("outreach", "list", "--contact", contact, "--json").json()
    return found["id"]


@pytest.fixture
def no_terminal(monkeypatch):
    monkeypatch.setattr(bulk, "_interactive", lambda: False)


@pytest.fixture
def five(lantoa) -> list[str]:
    """Five planned items (vu-bc: a-spoke, b-comms; cuc-bc: d-lead; so-qn: f-comms; n-free)."""
    lantoa("outreach", "plan", "-m", "msg-ready", "-o", "vu-bc", "-o", "cuc-bc", "-o", "so-qn")
    lantoa("outreach", "plan", "-m", "msg-ready", "--to", "n-free")
    ids = [i["id"] for i in lantoa("outreach", "list", "--json").json()]
    assert len(ids) == 5
    return ids


# -- named ids are not a bulk change ---------------------------------------------------------


def test_up_to_three_named_items_change_without_a_terminal(lantoa, five, no_terminal) -> None:
    two = lantoa("outreach", "done", five[0][:8], five[1][:8], "--note", "Đã gửi")
    assert two.code == 0, two.err
    assert "Marked 2 items done." in two.err
    three = lantoa("outreach", "set", *[i[:6] for i in five[2:5]], "--status", "sent")
    assert three.code == 0, three.err
    assert sorted(statuses(lantoa).values()) == ["done", "done", "sent", "sent", "sent"]
    removed = lantoa("outreach", "rm", five[3], five[4])
    assert removed.code == 0 and "Deleted 2 items." in removed.err
    assert len(statuses(lantoa)) == 3


def test_more_than_three_named_items_or_all_need_yes(lantoa, five, no_terminal) -> None:
    before = lantoa.store.path.read_bytes()
    for args in (
        ["done", *five[:4]],
        ["set", *five[:4], "--status", "sent"],
        ["rm", *five[:4]],
        ["done", "--all", "--org", "vu-bc"],  # a filter over two items
    ):
        refused = lantoa("outreach", *args)
        assert refused.code == 1, args
        assert "Pass --yes" in refused.err and "not a terminal" in refused.err
    assert lantoa.store.path.read_bytes() == before
    assert lantoa("outreach", "done", *five[:4], "--yes").code == 0
    assert sorted(statuses(lantoa).values()) == ["done"] * 4 + ["planned"]


def test_four_named_items_ask_on_a_terminal(lantoa, five, monkeypatch) -> None:
    monkeypatch.setattr(bulk, "_interactive", lambda: True)
    asked = lantoa("outreach", "done", *five[:4], input="n\n")
    assert asked.code == 1 and "This changes 4 outreach items" in asked.err
    assert set(statuses(lantoa).values()) == {"planned"}
    direct = lantoa("outreach", "done", *five[:3], input="")
    assert direct.code == 0 and "Go ahead?" not in direct.err


@pytest.mark.parametrize("command", ["done", "set", "rm"])
def test_the_rule_is_in_the_help(lantoa, command) -> None:
    shown = lantoa("outreach", command, "--help")
    text = " ".join(shown.out.split())
    assert shown.code == 0 and "Up to 3 named ids" in text and "--all" in text


# -- a bulk change never moves items backwards -------------------------------------------------


def test_the_pipeline_order() -> None:
    assert set(PIPELINE) == set(STATUSES)
    order = ["planned", "sent", "no_answer", "done", "published"]
    assert [PIPELINE[s] for s in order] == sorted(PIPELINE[s] for s in order)
    assert PIPELINE["replied"] == PIPELINE["declined"] == PIPELINE["done"]
    assert moves_back("published", "sent") and moves_back("done", "no_answer")
    assert not moves_back("done", "replied") and not moves_back("replied", "done")
    assert not moves_back("planned", "published") and not moves_back(None, "planned")
    assert not moves_back("someday", "planned")  # unknown statuses never count


def worked_on(lantoa) -> dict[str, str]:
    """a-spoke published, b-comms done, d-lead replied, f-comms and n-free planned."""
    link = ["--link", "https://baochinhphu.vn/bai-1"]
    assert lantoa("outreach", "set", item_of(lantoa, "a-spoke"), "-s", "published", *link).code == 0
    assert lantoa("outreach", "done", item_of(lantoa, "b-comms")).code == 0
    assert lantoa("outreach", "set", item_of(lantoa, "d-lead"), "-s", "replied").code == 0
    return statuses(lantoa)


def test_set_all_skips_items_further_along(lantoa, five, no_terminal) -> None:
    worked_on(lantoa)
    result = lantoa("outreach", "set", "--all", "--status", "sent", "--yes", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert sorted(i["contact_id"] for i in data["changed"]) == ["f-comms", "n-free"]
    assert len(data["skipped"]) == 3 and data["unchanged"] == []
    assert statuses(lantoa) == {
        "a-spoke": "published",
        "b-comms": "done",
        "d-lead": "replied",
        "f-comms": "sent",
        "n-free": "sent",
    }
    again = lantoa("outreach", "set", "--all", "--status", "no answer", "--yes")
    assert again.code == 0 and "Changed 2 items." in again.err
    assert "Skipped 3 items already further along (Done, Replied, Published)" in again.err


def test_filtering_for_a_status_or_naming_the_item_moves_it_back(lantoa, five, no_terminal):
    worked_on(lantoa)
    filtered = lantoa(
        "outreach", "set", "--all", "--from-status", "published", "-s", "sent", "--yes"
    )
    assert filtered.code == 0 and "Skipped" not in filtered.err
    assert statuses(lantoa)["a-spoke"] == "sent"
    named = lantoa("outreach", "set", item_of(lantoa, "b-comms"), "-s", "planned")
    assert named.code == 0 and statuses(lantoa)["b-comms"] == "planned"


def test_done_all_skips_published_unless_asked(lantoa, five, no_terminal) -> None:
    worked_on(lantoa)
    done = lantoa("outreach", "done", "--all", "--yes")
    assert done.code == 0 and "Skipped 1 item already further along (Published)" in done.err
    assert statuses(lantoa)["a-spoke"] == "published"
    assert statuses(lantoa)["d-lead"] == "done"  # replied to done is not back: same rank
    asked = lantoa("outreach", "done", "--all", "--status", "published", "--yes")
    assert asked.code == 0 and statuses(lantoa)["a-spoke"] == "done"


def test_when_everything_is_further_along_nothing_is_written(lantoa, five, no_terminal):
    lantoa("outreach", "done", "--all", "--yes")
    before = lantoa.store.path.read_bytes()
    result = lantoa("outreach", "set", "--all", "--org", "vu-bc", "-s", "planned", "--json")
    assert result.code == 0, result.err  # nothing to confirm: nothing would change
    assert result.json()["changed"] == [] and len(result.json()["skipped"]) == 2
    assert lantoa.store.path.read_bytes() == before


def test_the_store_checks_progress_in_its_transaction(net: Store) -> None:
    created = plan_outreach(net, PlanRequest(message="msg-ready", orgs=["vu-bc"]), SETTINGS)
    a, b = (r["id"] for r in created.created)
    mark_done(net, [a], SETTINGS)
    result = change_items(net, [a, b], SETTINGS, status="sent", keep_progress=True)
    assert [r["id"] for r in result.skipped] == [a] and [r["id"] for r in result.changed] == [b]
    assert net.load().get("outreach", a)["status"] == "done"
    allowed = change_items(
        net, [a], SETTINGS, status="planned", keep_progress=True, back_from={"done"}
    )
    assert [r["id"] for r in allowed.changed] == [a]
    plain = mark_done(net, [a, b], SETTINGS)  # without keep_progress (the TUI): as before
    assert len(plain.changed) == 2 and not plain.skipped


# -- empty results -------------------------------------------------------------------------------


def test_an_empty_list_says_so_in_one_line(lantoa) -> None:
    lantoa("outreach", "plan", "--to", "a-spoke", "--due", "+3d")
    empty = lantoa("outreach", "list", "--overdue")
    assert empty.code == 0 and empty.out == ""
    assert empty.err.strip() == "No outreach item matches."
    as_json = lantoa("outreach", "list", "--overdue", "--json")
    assert as_json.code == 0 and as_json.json() == []


# -- 80 columns ------------------------------------------------------------------------------


def test_the_list_is_readable_at_80_columns(lantoa, five, monkeypatch) -> None:
    lantoa("outreach", "set", five[0], "--due", "2026-11-29", "--note", "gửi thông cáo " * 6)
    lantoa("outreach", "set", five[1], "--due", "2026-11-29", "--channel", "press_conference")
    monkeypatch.setenv("COLUMNS", "80")
    for by in ("message", "contact"):
        listed = lantoa("outreach", "list", "--by", by)
        assert listed.code == 0, listed.err
        lines = listed.out.splitlines()
        assert lines and all(cell_len(line) <= 80 for line in lines)
        starts = [line[:8] for line in lines]
        for item_id in five:  # ids whole, at the start of a line (the Id column)
            assert item_id[:8] in starts
        assert sum(len(DATE.findall(line)) for line in lines) == 2  # dates never broken
        assert not any(line.startswith("Chuyển") for line in lines)  # no title in the Id column
    shown = lantoa("outreach", "show", five[0])
    history = [
        line for line in shown.out.splitlines() if re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d ", line)
    ]
    assert len(history) == 2  # "When" never wraps
    planned = lantoa("outreach", "plan", "--to", "c-lead", "--due", "2026-11-30")
    new_id = item_of(lantoa, "c-lead")[:8]
    assert any(
        line.startswith(new_id) and "2026-11-30" in line for line in planned.out.splitlines()
    )
    assert all(cell_len(line) <= 80 for line in planned.out.splitlines())
