"""Findings of a newcomer test in the Outreach dialogs, at 80x24:

- the error under the published link is read whole (it wraps), in both languages;
- the footer of an open Select list speaks the interface language (Textual's own "Dismiss menu");
- the status dialogs say which item they change (message → recipient), or the first few;
- keys typed in a burst with Tab land in the field they were typed for.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "outreach"))

from outkit import (
    CONFIG,
    REVENUE,
    create,
    demo_fixture,  # noqa: F401 - fixtures
    frozen_fixture,  # noqa: F401
    idle,
    open_outreach,
    prepared,
    until,
)
from textual.widgets import Input, Select
from textual.widgets._select import SelectOverlay
from tuikit import type_fast

from store.i18n import _, catalogue, set_language
from tui.outreach.common import message_title, who
from tui.outreach.marking import MarkScreen
from tui.outreach.send import SendScreen, open_send_dialog

BAD_LINK = "baolaocai.vn/bai"


def screen_lines(app) -> list[str]:
    """The rows the terminal shows for the active screen."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def shown(app) -> str:
    """The text of the open dialog as the terminal shows it, frame and line ends dropped:
    words wrapped onto the next row read as one sentence."""
    dialog = app.screen.query_one(".dialog").region
    strips = app.screen._compositor.render_strips()[dialog.y : dialog.bottom]
    rows = [strip.crop(dialog.x, dialog.right).text.strip(" █▀▄▔▁▌▏") for strip in strips]
    return " ".join(" ".join(rows).split())


async def _mark(pilot, key: str) -> MarkScreen:
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, MarkScreen), "the status dialog")
    await pilot.pause()
    return pilot.app.screen


# -- 1. the link error is read whole at 80x24 ------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_bad_link_error_is_read_whole_at_80x24(demo, frozen, lang):
    prepared(demo)
    app = create(demo, lang=lang, config=CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_outreach(pilot)
        screen = await _mark(pilot, "p")
        await pilot.press(*BAD_LINK)
        await pilot.pause()
        error = screen.query_one("#mark-link-error")
        message = _(
            "{value!r} is not a web address; give the full link, like https://baochinhphu.vn/…",
            value=BAD_LINK,
        )
        assert error.display
        assert message.endswith("https://baochinhphu.vn/…")
        assert message in shown(app)  # every word of it, the example too
        # and the dialog still shows its buttons below it
        assert _("Save") in shown(app) and _("Cancel") in shown(app)


# -- 2. the footer of an open list speaks the interface language ----------------------------------


async def test_open_select_footer_is_in_vietnamese(demo, frozen):
    prepared(demo)
    app = create(demo, lang="vi", config=CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        await idle(pilot)
        open_send_dialog(app)
        await until(pilot, lambda: isinstance(app.screen, SendScreen), "Send to…")
        await pilot.pause()
        select = app.screen.query_one("#send-message", Select)
        assert select.has_focus
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.focused, SelectOverlay), "the open list")
        await pilot.pause(0.1)
        footer = screen_lines(app)[-1]
        assert "Dismiss" not in footer
        assert "esc Đóng danh sách" in footer


async def test_open_select_footer_follows_a_language_switch(demo, frozen):
    """A list made before the switch (the dialog was open) speaks the new language too."""
    from tui.screens.main import switch_language

    prepared(demo)
    app = create(demo, lang="en", config=CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        await idle(pilot)
        open_send_dialog(app)
        await until(pilot, lambda: isinstance(app.screen, SendScreen), "Send to…")
        await pilot.pause()
        await switch_language(app, "vi")
        await pilot.pause()
        app.screen.query_one("#send-message", Select).focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.focused, SelectOverlay), "the open list")
        await pilot.pause(0.1)
        assert "esc Đóng danh sách" in screen_lines(app)[-1]


def test_textual_keys_the_footer_can_show_are_translated(store):
    """Every key with a description that a Textual widget the app uses would put in the footer
    (shown bindings) is in the interface language once the app is made."""
    from textual.widgets import (
        Button,
        Checkbox,
        ContentSwitcher,
        DataTable,
        Label,
        Markdown,
        OptionList,
        Static,
        TabbedContent,
        Tabs,
        TextArea,
        Tree,
    )

    from tui.app import create_app

    classes = [
        Button,
        Checkbox,
        ContentSwitcher,
        DataTable,
        Input,
        Label,
        Markdown,
        OptionList,
        Select,
        SelectOverlay,
        Static,
        TabbedContent,
        Tabs,
        TextArea,
        Tree,
    ]
    set_language("vi")
    try:
        create_app(store, config={})
        vietnamese = set(catalogue("vi").values())
        leaks = [
            (cls.__name__, key, binding.description)
            for cls in classes
            for key, bindings in cls._merged_bindings.key_to_bindings.items()
            for binding in bindings
            if binding.show and binding.description and binding.description not in vietnamese
        ]
        assert not leaks
        # and back in English for the next app made in English
        set_language("en")
        create_app(store, config={})
        assert SelectOverlay._merged_bindings.key_to_bindings["escape"][0].description == (
            "Dismiss menu"
        )
    finally:
        set_language("en")


# -- 3. the status dialogs name what they change -------------------------------------------------


async def test_mark_dialog_names_the_item(demo, frozen):
    prepared(demo)
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        section = await open_outreach(pilot)
        view = section.outreach_list.current
        assert view["message_id"] == REVENUE
        await _mark(pilot, "d")
        text = shown(app)
        assert "Mark 1 item as done" in text
        assert f"{message_title(view)} → {who(view)}" in text


async def test_mark_dialog_for_several_names_the_count_and_the_first_two(demo, frozen):
    prepared(demo)
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        section = await open_outreach(pilot)
        await pilot.press("space", "space", "space", "space")
        views = section.chosen_views()
        assert len(views) == 4 and {v["message_id"] for v in views} == {REVENUE}
        await _mark(pilot, "r")
        text = shown(app)
        assert "Mark 4 items as replied" in text
        # one message: named once, then the first two people and how many more
        assert f"{message_title(views[0])} → {who(views[0])}, {who(views[1])} and 2 more" in text
        assert who(views[2]) not in text


async def test_mark_dialog_for_items_of_several_messages_names_each(demo, frozen):
    prepared(demo)
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(100, 30)) as pilot:
        section = await open_outreach(pilot)
        listing = section.outreach_list
        revenue = next(v for v in listing.views if v.get("message_id") == REVENUE)
        call = next(v for v in listing.views if not v.get("message_id"))
        listing.set_selected({revenue["id"], call["id"]})
        await pilot.pause()
        views = section.chosen_views()
        await _mark(pilot, "x")
        text = shown(app)
        assert "Mark 2 items as declined" in text
        first, second = (f"{message_title(v)} → {who(v)}" for v in views)
        assert f"{first}; {second}" in text
        assert _("(no message)") in text


# -- 4. keys typed in a burst land in their field ------------------------------------------------


async def test_published_dialog_keys_after_tab_go_to_the_note(demo, frozen):
    """Link, Tab, note, Enter typed at once: the link in the link field, the note in the note
    field, and the change saved with both."""
    prepared(demo)
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_outreach(pilot)
        screen = await _mark(pilot, "p")
        link = screen.query_one("#mark-link", Input)
        assert link.has_focus
        answers: list = []
        screen.dismiss = answers.append  # keep the answer; the dialog stays to be read
        type_fast(app, "https://baolaocai.vn/bai-1", "tab", "Đã đăng trang nhất", "enter")
        await pilot.pause(0.3)
        await idle(pilot)
        assert link.value == "https://baolaocai.vn/bai-1"
        assert screen.query_one("#mark-note", Input).value == "Đã đăng trang nhất"
        assert answers == [
            {
                "status": "published",
                "note": "Đã đăng trang nhất",
                "link": "https://baolaocai.vn/bai-1",
            }
        ]


async def test_ctrl_s_saves_once_a_refused_link_is_fixed(demo, frozen):
    """A newcomer: after one refused link, ctrl+s did nothing (only Enter saved)."""
    prepared(demo)
    app = create(demo, lang="en", config=CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        section = await open_outreach(pilot)
        item = section.outreach_list.current["id"]
        screen = await _mark(pilot, "p")
        await pilot.press(*"abc", "ctrl+s")
        await pilot.pause(0.2)
        assert app.screen is screen and screen.query_one("#mark-link-error").display
        link = screen.query_one("#mark-link", Input)
        link.value = ""
        await pilot.press(*"https://vietnamnews.vn/a", "ctrl+s")
        await until(pilot, lambda: app.screen is not screen, "the dialog to save and close")
        await idle(pilot)
        saved = demo.load().get("outreach", item)
        assert saved["status"] == "published" and saved["link"] == "https://vietnamnews.vn/a"
