"""Store text is shown as text: markup and terminal escapes in data are displayed, never run."""

from __future__ import annotations

import html

from tuikit import network_section, wait_ready

from store import Store
from tui.app import create_app

MARKUP = "[bold red]x[/]"
ESCAPE = "Evil\x1b[31mRed\x07"


def _store(tmp_path) -> Store:
    store = Store(tmp_path / "store.json")
    with store.transaction() as tx:  # raw records, as a sync or an old file could bring them
        org = tx.insert(
            "organisations",
            {"name": "[link=https://evil.example]Báo[/link]", "kind": "press_agency"},
        )
        tx.insert(
            "contacts",
            {
                "full_name": MARKUP,
                "title": "[reverse]Phóng viên",
                "org_id": org["id"],
                "emails": ["x@example.vn"],
            },
        )
        tx.insert("contacts", {"full_name": ESCAPE, "notes": "line\x1b]52;c;ZXZpbA==\x07"})
    return store


def _screen_text(app) -> str:
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


async def test_markup_and_escapes_in_names_are_shown_literally(tmp_path):
    app = create_app(_store(tmp_path), config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        contacts = section.contact_list
        lines = [contacts.render_line(y).text for y in range(1, 3)]
        assert any(MARKUP in line for line in lines)
        assert any(line.lstrip().startswith("Evil\\x1b[31m") for line in lines)
        assert not any("\x1b" in line or "\x07" in line for line in lines)
        # the detail panel and the contact screen, the form title, the palette
        section.search_input.value = "phong vien"
        await pilot.pause()
        text = _screen_text(app)
        assert MARKUP in text and "[reverse]Phóng viên" in text
        section.search_input.value = "evil"
        await pilot.pause()
        detail_text = _screen_text(app)
        assert "line\\x1b]52;c;ZXZpbA==\\x07" in detail_text
        assert "Evil\\x1b[31mRed\\x07" in detail_text
        section.search_input.value = "phong vien"
        await pilot.pause()
        contacts.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "[link=https://evil.example]Báo[/link]" in _screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        assert f"Edit {MARKUP}" in _screen_text(app)
        await pilot.press("escape", "escape")
        await pilot.pause()
        titles = app.palette_commands(app.main_screen)
        assert any(c.help == MARKUP for c in titles)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"contact: edit")
        await pilot.pause(0.3)
        assert MARKUP in _screen_text(app)
        await pilot.press("escape")
        await pilot.press("c")  # copy: the notification shows the name literally
        await pilot.pause()
        assert any(MARKUP in n.message for n in app._notifications)
        assert MARKUP in _screen_text(app)
