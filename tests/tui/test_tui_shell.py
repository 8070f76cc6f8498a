"""The shell: outside changes, languages, keys, the palette, help, themes, the first run."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TabbedContent
from tuikit import (
    built_section,
    names,
    network_section,
    show_section,
    until_built,
    wait_ready,
    wait_reload,
)

from store import Store, network
from store.config import load_state
from store.i18n import get_language, set_language
from tui.app import create_app
from tui.screens.contact_form import ContactFormScreen
from tui.screens.help import HelpScreen
from tui.widgets.welcome import WelcomeView


async def test_an_outside_change_refreshes_keeping_cursor_selection_and_open_form(people):
    from tui.sections.store_io import StoreLoaded

    loads: list[StoreLoaded] = []
    app = create_app(people, config={})
    app.POLL_SECONDS = 0.1

    def hook(message) -> None:
        if isinstance(message, StoreLoaded):
            loads.append(message)

    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await wait_ready(pilot)
        assert len(loads) == 1
        await pilot.pause(0.5)  # polling an unchanged file loads nothing
        assert len(loads) == 1
        section = network_section(app)
        contacts = section.contact_list
        contacts.focus()
        await pilot.press("down", "down")  # on Dũng
        await pilot.press("space")  # select Dũng, cursor moves to Lan
        await pilot.pause()
        assert contacts.current.record["full_name"] == "Nguyễn Thị Lan"
        await pilot.press("e")  # an edit in progress
        await pilot.pause()
        form = app.screen
        form.query_one("#field-title", Input).value = "Giám đốc Sở"
        before = app.data
        # another process (the CLI, a sync) adds someone who sorts before Lan
        network.add_contact(people, {"full_name": "Vũ Thị Hạnh", "title": "Phóng viên"})
        await wait_reload(pilot, before)
        assert len(loads) == 2  # noticed once, loaded once
        assert "Vũ Thị Hạnh" in names(app)
        assert contacts.current.record["full_name"] == "Nguyễn Thị Lan"
        assert {
            contacts.rows[i].record["full_name"]
            for i in range(len(contacts.rows))
            if contacts.rows[i].id in contacts.selected
        } == {"Phạm Quốc Dũng"}
        assert app.screen is form and isinstance(form, ContactFormScreen)
        assert form.query_one("#field-title", Input).value == "Giám đốc Sở"
        # the outside change deletes the selected person: the selection forgets them
        before = app.data
        network.remove_contact(people, "Phạm Quốc Dũng")
        await wait_reload(pilot, before)
        assert not contacts.selected
        await pilot.press("escape")


async def test_language_switch_keeps_the_view(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        section.search_input.value = "quang ninh"
        await pilot.pause()
        section.contact_list.focus()
        await pilot.press("down", "space")
        selected = set(section.contact_list.selected)
        await app.switch_language("vi")
        await pilot.pause()
        try:
            assert get_language() == "vi"
            section = network_section(app)
            assert section.search_input.value == "quang ninh"
            assert section.contact_list.selected == selected
            assert names(app) == ["Trần Văn Bình", "Nguyễn Thị Lan"]
            tabs = app.main_screen.query_one(TabbedContent)
            labels = [str(t.label) for t in tabs.query("ContentTab")]
            assert labels == ["Mạng lưới", "Thông điệp", "Tiếp cận"]
            footer_descriptions = {b.description for _k, b in app._bindings}
            assert "Trợ giúp" in footer_descriptions
            assert "Họ và tên" in section.contact_list.header_labels()
        finally:
            set_language("en")


async def test_palette_offers_state_aware_commands_and_switches_language(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        titles = [c.title for c in app.palette_commands(app.main_screen)]
        assert "contact: new" in titles and "contact: copy email" in titles
        assert "store: open…" in titles and "theme: choose…" in titles
        assert "undo: " not in " ".join(titles)
        section = network_section(app)
        section.search_input.value = "dung"  # Dũng has a phone but no email
        await pilot.pause()
        titles = [c.title for c in app.palette_commands(app.main_screen)]
        assert "contact: copy phone" in titles and "contact: copy email" not in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"language")
        await pilot.pause(0.3)
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.02)
            if get_language() == "vi":
                break
        try:
            assert get_language() == "vi"
            await pilot.pause(0.1)
            assert network_section(app).search_input.value == "dung"
        finally:
            set_language("en")


async def test_palette_finds_vietnamese_titles_without_diacritics(people):
    from tui.screens.palette import LanToaCommands

    set_language("vi")
    try:
        app = create_app(people, config={})
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_ready(pilot)
            provider = LanToaCommands(app.main_screen)
            hits = [hit async for hit in provider.search("lien he moi")]
            assert hits and hits[0].text == "liên hệ: thêm mới"
    finally:
        set_language("en")


async def test_keys_are_remapped_from_config(people):
    config = {"keys": {"network.edit": "f6", "network": {"delete": "ctrl+d"}, "nonsense.key": "x"}}
    app = create_app(people, config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        assert any("nonsense.key" in n.message for n in app._notifications)
        network_section(app).contact_list.focus()
        await pilot.press("e")  # no longer edits
        await pilot.pause()
        assert app.screen is app.main_screen
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"


async def test_f1_explains_the_focused_part(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "## Network" in app.screen.topic
        assert ("Network", "network.edit", "e", "Edit") in app.screen.all_keys
        await pilot.press("f1")
        await pilot.pause()
        network_section(app).contact_list.focus()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert "Contact form" in app.screen.topic
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)


async def test_sections_by_key_and_honest_empty_states(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        tabs = app.main_screen.query_one(TabbedContent)
        # only the first tab is built at start; the others on their first visit
        assert [s.section_id for s in app.main_screen.sections()] == ["network"]
        await pilot.press("f3")
        await pilot.pause()
        assert tabs.active == "messages"
        messages = await until_built(pilot, "messages")
        assert "No messages yet" in str(messages.query_one("#msg-empty").render())
        await pilot.press("f4")
        await pilot.pause()
        assert tabs.active == "outreach"
        await until_built(pilot, "outreach")
        await pilot.pause(0.05)
        assert app.focused is not None and "section-outreach" in [
            n.id for n in app.focused.ancestors_with_self
        ]
        await pilot.press("f2", "f3")  # built once: the same section, kept
        await pilot.pause()
        assert built_section(app, "messages") is messages
        await pilot.press("f2")
        await pilot.pause()
        assert tabs.active == "network"
        assert app.focused.id == "search"


async def test_the_theme_is_remembered(people):
    app = create_app(people, config={})
    async with app.run_test() as pilot:
        await wait_ready(pilot)
        app.theme = "nord"
        await pilot.pause()
    assert load_state()["theme"] == "nord"
    app = create_app(people, config={})
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "nord"


async def test_first_run_welcomes_and_adds_the_first_contact(tmp_path):
    store = Store(tmp_path / "new.json")
    app = create_app(store, config={})
    async with app.run_test() as pilot:
        await wait_ready(pilot)
        welcome = app.main_screen.query_one(WelcomeView)
        assert welcome.display and welcome.query_one("#welcome-sample").disabled is False
        await pilot.click("#welcome-add")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        assert not store.exists()  # nothing written just by looking


async def test_first_run_loads_the_sample(tmp_path):
    store = Store(tmp_path / "new.json")
    app = create_app(store, config={})
    async with app.run_test() as pilot:
        await wait_ready(pilot)
        before = app.data
        await pilot.click("#welcome-sample")
        await wait_reload(pilot, before)
        assert len(names(app)) > 50
        assert network_section(app).query_one("#network-views").current == "browse"


async def test_a_corrupt_store_is_reported_not_crashed(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"contacts": ', encoding="utf-8")
    app = create_app(Store(path), config={})
    async with app.run_test() as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if app._notifications:
                break
        messages = [n.message for n in app._notifications]
        assert any("not a usable Lan Tỏa store" in m for m in messages), messages
        assert "not a usable" in network_section(app).contact_list.empty_text
        assert path.read_text(encoding="utf-8") == '{"contacts": '


async def test_narrow_layout_drops_the_detail_panel(people):
    app = create_app(people, config={})
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        assert not app.main_screen.query_one("#detail").display
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        assert app.main_screen.query_one("#detail").display


async def test_status_line_has_slots_for_other_parts(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        app.set_status("sync", "⟳ 2 conflicts [bold]open[/]")
        await pilot.pause()
        from tui.widgets.status_bar import StatusBar

        bar = app.main_screen.query_one(StatusBar)
        assert bar.slot("sync").plain == "⟳ 2 conflicts [bold]open[/]"  # text, not markup
        app.set_status("sync", None)
        assert bar.slot("sync") is None


async def test_an_import_with_bad_rows_reports_each_line_and_keeps_the_good_ones(tmp_path):
    """A spreadsheet as Excel writes it (BOM, semicolons, Vietnamese headers) with two bad rows:
    the app says which lines and why, and loads the rest; never a crash."""
    sheet = tmp_path / "danh-ba.csv"
    sheet.write_text(
        "Họ và tên;Cơ quan;Điện thoại;Email\n"
        "Nguyễn Thị Lan;Báo Quảng Ninh;0912 345 678;lan@example.org\n"
        "Trần Văn Bình;Báo Quảng Ninh;12345;binh@example.org\n"
        "Lê Thu Hà;Báo Quảng Ninh;0913 222 333;not-an-email\n"
        "Phạm Minh Đức;Sở TT&TT Quảng Ninh;0914 444 555;duc@example.org\n",
        encoding="utf-8-sig",
    )
    store = Store(tmp_path / "new.json")
    app = create_app(store, config={})
    async with app.run_test() as pilot:
        await wait_ready(pilot)
        before = app.data
        network_section(app).import_file(sheet)
        await wait_reload(pilot, before)
        messages = [n.message for n in app._notifications]
        assert any("rejected 2" in m for m in messages), messages
        assert any(m.startswith("line 3:") for m in messages), messages
        assert any(m.startswith("line 4:") for m in messages), messages
        assert sorted(names(app)) == ["Nguyễn Thị Lan", "Phạm Minh Đức"]


async def test_a_bug_after_a_write_is_told_and_logged_not_a_crash(people, tmp_path):
    app = create_app(people, config={})
    async with app.run_test() as pilot:
        await wait_ready(pilot)

        def broken(_result) -> None:
            raise KeyError("where")

        before = app.data
        app.run_store_job(lambda store: None, broken)
        await wait_reload(pilot, before)
        assert app.is_running
        assert any("Unexpected error: KeyError('where')" in n.message for n in app._notifications)
        assert "KeyError: 'where'" in (tmp_path / "data" / "crash.log").read_text(encoding="utf-8")


async def test_the_language_chosen_in_the_app_is_used_at_the_next_start(people, monkeypatch):
    app = create_app(people, lang="en", config={})
    async with app.run_test() as pilot:
        await wait_ready(pilot)
        await app.switch_language("vi")
        await pilot.pause()
    assert load_state()["language"] == "vi"
    set_language("en")

    import sys

    import tui.launch
    from tui.cli import main

    started_in: list[str] = []
    monkeypatch.setattr(tui.launch, "launch", lambda store: started_in.append(get_language()))
    for argv in (["--store", str(people.path)], ["--lang", "en", "--store", str(people.path)]):
        monkeypatch.setattr(sys, "argv", ["lantoa", *argv])
        with pytest.raises(SystemExit) as done:
            main()
        assert done.value.code in (0, None)
    assert started_in == ["vi", "en"]  # the remembered language, then --lang wins


async def test_the_palette_says_no_matches_in_vietnamese(people):
    """Textual writes "No matches found" into its palette; the Vietnamese interface said it too."""
    from textual.command import CommandList

    from tui.screens.palette import Palette

    set_language("vi")
    try:
        app = create_app(people, config={})
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_ready(pilot)
            await pilot.press("ctrl+p")
            for _ in range(100):
                await pilot.pause(0.02)
                if isinstance(app.screen, Palette):
                    break
            assert isinstance(app.screen, Palette)
            await pilot.press(*"qqzzxx")

            def shown() -> str:
                listed = app.screen.query_one(CommandList)
                return " ".join(
                    str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)
                )

            for _ in range(150):
                await pilot.pause(0.02)
                if "Không tìm thấy" in shown():
                    break
            assert "Không tìm thấy" in shown() and "No matches" not in shown()
    finally:
        set_language("en")


async def test_a_store_load_during_a_language_switch_does_not_crash(people):
    """A load that finished while the main screen rebuilt itself (a language switch) looked for
    the status line, absent for that moment, and the app crashed (NoMatches: StatusBar)."""
    from tui.widgets.status_bar import StatusBar

    app = create_app(people, config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        await app.main_screen.query_one(StatusBar).remove()  # as mid-recompose
        app.show_status()
        app.set_status("sync", "x")
        await pilot.pause()
        assert app.return_code is None and app.is_running


async def test_a_language_switch_stays_on_the_tab_shown_and_keeps_the_focus_there(people):
    """Restoring Outreach's coverage view (or an open card) after a language switch focuses a
    widget on its hidden tab: the tab shown stays, and so does the focus."""
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        outreach = await show_section(pilot, "outreach")
        await pilot.press("v")  # the coverage view
        await pilot.pause(0.1)
        assert outreach.view == "coverage"
        await show_section(pilot, "network")
        await app.switch_language("vi")
        await pilot.pause(0.3)
        tabs = app.main_screen.query_one(TabbedContent)
        assert tabs.active == "network"
        network = network_section(app)
        assert app.focused is not None and network in app.focused.ancestors_with_self
        assert built_section(app, "outreach").view == "coverage"  # its state kept
        await pilot.press("f4", "f2")  # a quick switch there and back ends on the Network
        await pilot.pause(0.3)
        assert tabs.active == "network" and network in app.focused.ancestors_with_self
