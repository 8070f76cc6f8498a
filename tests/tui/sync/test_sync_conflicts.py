"""The conflicts view: both values side by side, deciding with a key or another value, the badge
going away, F1 help; and the status-line texts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from synckit import (
    LAN,
    notes,
    ready,
    settled,
    slot_text,
    team_fixture,  # noqa: F401 - fixture
    title_clash,
    until,
)
from textual.widgets import DataTable, Input

from store import network
from store.sync import list_conflicts, open_count
from tui.app import create_app
from tui.screens.dialogs import AskScreen
from tui.screens.help import HelpScreen
from tui.sync import status as status_line
from tui.sync.conflicts import ConflictsScreen


def _body(app, side: str) -> str:
    from rich.console import Console

    console = Console(width=60, record=True)
    console.print(app.screen.query_one(f"#conflicts-{side}-body").content)
    return console.export_text()


def _title(team) -> str:
    return network.resolve(team.a.load(), "contacts", LAN)["title"]


async def test_the_view_shows_both_values_and_keep_theirs_clears_the_badge(team):
    title_clash(team)
    app = create_app(team.a, lang="en", config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert slot_text(app) == "⇅ synced just now · ⚠ 1 conflict"
        await pilot.press("f12")
        await until(pilot, lambda: isinstance(app.screen, ConflictsScreen), "the view")
        await pilot.pause(0.05)
        assert app.screen.query_one(DataTable).row_count == 1
        mine, theirs = _body(app, "mine"), _body(app, "theirs")
        assert "Chánh Văn phòng" in mine and "this device" in mine
        assert "Trưởng phòng Báo chí" in theirs and "device " in theirs
        assert "shown now" in theirs and "set aside" in mine  # B's edit was later
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        assert "Sync conflicts" in app.screen.topic and "keeps mine" in app.screen.topic
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConflictsScreen), "back to the view")
        await pilot.press("t")
        await until(pilot, lambda: open_count(team.a.load()) == 0, "the decision")
        await settled(pilot)
        assert app.screen.query_one(DataTable).row_count == 0
        assert "No open conflicts." in str(app.screen.query_one("#conflicts-empty").render())
        assert any("Resolved: Title of Nguyễn Thị Lan" in n for n in notes(app))
        assert slot_text(app) == "⇅ synced just now · 1 change to send"
        await pilot.press("escape")
        assert app.screen is app.main_screen
    assert _title(team) == "Trưởng phòng Báo chí"


async def test_keep_mine_and_another_value(team):
    title_clash(team)
    network.edit_contact(team.a, "Lê Minh Châu", {"title": "Thư ký tòa soạn"})
    network.edit_contact(team.b, "Lê Minh Châu", {"title": "Biên tập viên"})
    from store.sync import sync

    sync(team.b, team.shared)
    sync(team.a, team.shared)
    assert open_count(team.a.load()) == 2
    app = create_app(team.a, lang="en", config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert "⚠ 2 conflicts" in slot_text(app)
        await pilot.press("f12")
        await until(pilot, lambda: isinstance(app.screen, ConflictsScreen), "the view")
        first = app.screen.current
        await pilot.press("m")
        await until(pilot, lambda: open_count(team.a.load()) == 1, "the first decision")
        await settled(pilot)
        second = app.screen.current
        assert second["id"] != first["id"]
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, AskScreen), "the value dialog")
        app.screen.query_one("#ask-input", Input).value = "Phó Tổng biên tập"
        await pilot.press("enter")
        await until(pilot, lambda: open_count(team.a.load()) == 0, "the second decision")
        await settled(pilot)
        assert "conflict" not in slot_text(app)
    snapshot = team.a.load()
    titles = {c["full_name"]: c.get("title") for c in snapshot.live("contacts")}
    mine_value = first[first["mine"]]["value"]
    assert titles[LAN if LAN in first["record_name"] else "Lê Minh Châu"] == mine_value
    other = "Lê Minh Châu" if LAN in first["record_name"] else LAN
    assert titles[other] == "Phó Tổng biên tập"
    assert all(c["status"] == "resolved" for c in list_conflicts(snapshot, include_resolved=True))


def test_relative_times(monkeypatch):
    moment = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    monkeypatch.setattr(status_line, "now", lambda: moment)

    def iso(delta: timedelta) -> str:
        return (moment - delta).isoformat().replace("+00:00", "Z")

    assert status_line.ago(None) == "not synced yet"
    assert status_line.ago(iso(timedelta(seconds=20))) == "synced just now"
    assert status_line.ago(iso(timedelta(minutes=5))) == "synced 5 min ago"
    assert status_line.ago(iso(timedelta(hours=3, minutes=5))) == "synced 3 h ago"
    assert status_line.ago(iso(timedelta(days=2, hours=1))) == "synced 2 days ago"


def test_the_slot_speaks_vietnamese():
    from store.i18n import set_language

    set_language("vi")
    try:
        assert status_line.conflicts_badge(2).plain == "⚠ 2 xung đột"
        assert status_line.status_content(None, 0, running=True).plain == "⇅ đang đồng bộ…"
    finally:
        set_language("en")


def test_pending_after_an_incoming_only_sync(tmp_path, monkeypatch):
    from synckit import b_adds_mai, counted_ids, make_team

    from store.sync import sync, sync_status

    counted_ids(monkeypatch, descending=False)  # B's device sorts after A's
    team = make_team(tmp_path)
    b_adds_mai(team)
    sync(team.a, team.shared)  # only incoming: nothing of A's waits to go out
    assert sync_status(team.a, team.shared).pending == 0
