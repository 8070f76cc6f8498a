"""Multi-select, bulk tag (undoable), export of the selection, copying to the clipboard."""

from __future__ import annotations

import csv
import io

from textual.widgets import Input
from tuikit import names, network_section, wait_ready, wait_reload

from tui.app import create_app
from tui.screens.dialogs import AskScreen, TagScreen


async def test_space_selects_and_tag_goes_to_all_selected_in_one_write(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        section.contact_list.focus()
        await pilot.press("space", "space")  # Bình and Châu (the cursor moves down)
        await pilot.pause()
        assert len(section.contact_list.selected) == 2
        assert "2 selected" in str(section.query_one("#count").render())
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagScreen)
        tag_input = app.screen.query_one("#tag-input", Input)
        tag_input.value = "a,b"
        await pilot.pause()
        assert app.screen.query_one("#tag-error").display  # one tag at a time
        tag_input.value = "hội nghị 2024"
        await pilot.pause()
        before, mtime = app.data, people.path.stat().st_mtime_ns
        await pilot.press("enter")
        await wait_reload(pilot, before)
        tagged = [
            c["full_name"]
            for c in people.load().live("contacts")
            if "hội nghị 2024" in (c.get("tags") or [])
        ]
        assert sorted(tagged) == ["Lê Minh Châu", "Trần Văn Bình"]
        assert people.path.stat().st_mtime_ns != mtime
        before = app.data
        await pilot.press("u")
        await wait_reload(pilot, before)
        assert not [
            c for c in people.load().live("contacts") if "hội nghị 2024" in (c.get("tags") or [])
        ]


async def test_select_all_shown_then_export_writes_a_csv(people, tmp_path):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        section.search_input.value = "quang ninh"
        await pilot.pause()
        section.contact_list.focus()
        await pilot.press("a")
        await pilot.pause()
        assert len(section.contact_list.selected) == 2
        section.search_input.value = ""  # the selection survives a new search
        await pilot.pause()
        assert len(section.contact_list.selected) == 2
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        target = tmp_path / "out.csv"
        app.screen.query_one("#ask-input", Input).value = str(target)
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.02)
            if target.exists():
                break
        rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
        assert len(rows) == 3
        text = target.read_text(encoding="utf-8-sig")
        assert "Nguyễn Thị Lan" in text and "Trần Văn Bình" in text
        assert "Lê Minh Châu" not in text


async def test_export_refuses_to_overwrite_the_store(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        network_section(app).contact_list.focus()
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#ask-input", Input).value = str(people.path)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        assert "store itself" in str(app.screen.query_one("#ask-error").render())


async def test_copy_email_phone_and_zalo_to_the_clipboard(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        section.search_input.value = "lan"
        await pilot.pause()
        section.contact_list.focus()
        await pilot.press("c")
        assert app.clipboard == "lan@quangninh.gov.vn"
        await pilot.press("p")
        assert app.clipboard == "0912 345 678"
        await pilot.press("z")
        assert app.clipboard == "0912 345 678"
        await pilot.pause()
        assert any("Copied the email of Nguyễn Thị Lan" in n.message for n in app._notifications)
        section.search_input.value = "dung"
        await pilot.pause()
        section.contact_list.focus()
        await pilot.press("c")  # Dũng has no email: say so, keep the clipboard
        await pilot.pause()
        assert app.clipboard == "0912 345 678"
        assert any("has no email" in n.message for n in app._notifications)


async def test_copy_from_the_contact_screen(people):
    app = create_app(people, config={})
    async with app.run_test() as pilot:
        await wait_ready(pilot)
        await pilot.press(*"chau", "enter")
        await pilot.pause()
        await pilot.press("c")
        assert app.clipboard == "chau@tuoitre.vn"
        assert names(app) == ["Lê Minh Châu"]
