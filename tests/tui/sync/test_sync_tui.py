"""Sync in the app: sync now (key), the first-time dialog, a bad shared file, sync on start and
exit, the status slot, and a responsive UI while a sync runs."""

from __future__ import annotations

import asyncio
import threading
import time

from synckit import (
    MAI,
    b_adds_mai,
    file_bytes,
    notes,
    ready,
    settled,
    slot_text,
    team_fixture,  # noqa: F401 - fixture
    until,
)
from textual.widgets import Input
from tuikit import names

from store import Store, network
from store.sync import remembered_file
from tui.app import create_app
from tui.screens.dialogs import AskScreen


async def test_sync_now_runs_in_a_worker_merges_and_refreshes_the_list(team, monkeypatch):
    gate = threading.Event()
    from tui.sync import actions

    real_sync = actions.sync

    def slow_sync(store, path, **kwargs):
        gate.wait(5)
        return real_sync(store, path, **kwargs)

    monkeypatch.setattr(actions, "sync", slow_sync)
    b_adds_mai(team)
    app = create_app(team.a, lang="en", config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert MAI not in names(app)
        assert slot_text(app) == "⇅ synced just now · shared file changed"  # B synced since
        await pilot.press("ctrl+l")
        await until(pilot, lambda: slot_text(app) == "⇅ syncing…", "the syncing mark")
        await pilot.press(*"mai")  # typing and filtering go on while the sync runs
        await until(pilot, lambda: names(app) == [], "the search")
        await pilot.press("ctrl+l")
        assert "A sync is already running." in notes(app)
        gate.set()
        await until(pilot, lambda: names(app) == [MAI], "the merged contact, still searched")
        await settled(pilot)
        assert app.main_screen.query_one("#search", Input).value == "mai"
        assert any("1 in, 0 out, 0 open conflicts" in n for n in notes(app))
        assert slot_text(app) == "⇅ synced just now"
    assert any(c["full_name"] == MAI for c in team.a.load().live("contacts"))


async def test_first_sync_asks_for_the_file_refuses_a_bad_one_and_remembers_a_good_one(tmp_path):
    store = Store(tmp_path / "store.json")
    network.add_contact(store, {"full_name": "Nguyễn Thị Lan"})
    bad = tmp_path / "other-app.json"
    bad.write_text('{"customers": [1, 2', encoding="utf-8")
    before = file_bytes(store.path)
    target = tmp_path / "team.json"
    app = create_app(store, lang="en", config={})
    async with app.run_test(size=(100, 30)) as pilot:

        async def choose(path) -> None:
            await pilot.press("ctrl+l")
            await until(pilot, lambda: isinstance(app.screen, AskScreen), "the dialog")
            app.screen.query_one("#ask-input", Input).value = str(path)  # Changed fires
            await pilot.pause(0.05)
            await pilot.press("enter")

        await ready(pilot)
        assert slot_text(app) == ""  # nothing to say before a shared file is chosen
        await choose(tmp_path / "nowhere" / "x.json")
        error = app.screen.query_one("#ask-error")
        assert error.display and "does not exist" in str(error.render())
        assert isinstance(app.screen, AskScreen)  # refused: the dialog stays
        await pilot.press("escape")
        # a file that is not a Lan Tỏa store: the engine's message, nothing changed or remembered
        await choose(bad)
        await until(pilot, lambda: notes(app, "error"), "the error")
        await settled(pilot)
        (message,) = notes(app, "error")
        assert str(bad) in message and "Nothing was synced" in message
        assert "Traceback" not in message and app.is_running
        assert file_bytes(store.path) == before and remembered_file(store) is None
        # a good one: created, remembered, the status line says so
        await choose(target)
        await until(pilot, lambda: not isinstance(app.screen, AskScreen), "the dialog to close")
        await settled(pilot)
        assert any("Created the shared file" in n for n in notes(app))
        assert slot_text(app) == "⇅ synced just now"
    assert bad.read_text(encoding="utf-8") == '{"customers": [1, 2'
    assert remembered_file(store) == target  # the same memory `lantoa sync` uses
    assert Store(target).load().live("contacts")[0]["full_name"] == "Nguyễn Thị Lan"


async def test_sync_on_start_brings_the_change_in(team):
    b_adds_mai(team)
    app = create_app(team.a, lang="en", config={"sync": {"on_start": True}})
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.data is not None and MAI in names(app), "the merged list")
        await settled(pilot)
        assert slot_text(app) == "⇅ synced just now"


async def test_sync_on_exit_sends_the_pending_change_then_quits(team):
    network.add_contact(team.a, {"full_name": "Đỗ Văn Hùng"})
    app = create_app(team.a, lang="en", config={"sync": {"on_exit": True}})
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert slot_text(app) == "⇅ synced just now · 1 change to send"

        def slow_edit(store) -> None:  # an edit still being saved when the person quits
            time.sleep(0.3)
            network.add_contact(store, {"full_name": "Trịnh Văn Quý"})

        app.run_store_job(slow_edit)
        await pilot.press("ctrl+q")
        for _ in range(400):
            if app._exit:
                break
            await asyncio.sleep(0.02)
        assert app._exit
    shared_names = [c["full_name"] for c in Store(team.shared).load().live("contacts")]
    assert {"Đỗ Văn Hùng", "Trịnh Văn Quý"} <= set(shared_names)


def test_settings_and_palette_commands(team, tmp_path):
    from tui.sync.settings import read_settings

    settings = read_settings({"sync": {"on_start": "yes", "on_exit": True, "file": "~/x.json"}})
    assert not settings.on_start and settings.on_exit
    assert settings.file is not None and settings.file.name == "x.json"
    assert settings.problems == ["[sync] on_start in config.toml must be true or false"]
    assert read_settings({"sync": 3}).problems == ["[sync] in config.toml must be a table"]
    app = create_app(team.a, lang="en", config={})
    titles = [(c.title, c.help) for c in app.sync_palette_commands()]
    assert titles[0] == ("sync: now", str(team.shared))
    assert [t for t, _h in titles] == ["sync: now", "sync: choose shared file…", "sync: conflicts"]
