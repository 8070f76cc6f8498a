"""The Messages section in the shell: the palette's commands, F1 help, remapped keys, a language
switch with a card open (nothing typed is lost), and closing the app with unsaved text."""

from __future__ import annotations

import pytest
from msgkit import (  # noqa: F401 - fixtures are found by name
    DRAFT,
    REVENUE,
    cards_store,
    close_card,
    frozen_clock,
    idle,
    open_message,
    open_messages,
    section,
    until,
)

from store.messages import find_message
from tui.app import create_app
from tui.messages.editor import DEBOUNCE

pytestmark = pytest.mark.usefixtures("frozen")


async def _palette_and_help_follow_the_list_and_the_card(app, pilot, cards) -> None:
    from tui.screens.help import HelpScreen

    sec = await open_messages(pilot)
    await pilot.press("f1")
    await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
    assert app.screen.topic.startswith("## Messages")
    await pilot.press("escape")
    await pilot.pause()
    titles = [c.title for c in app.palette_commands(app.main_screen)]
    assert {
        "message: new…",
        "message: open",
        "message: set status…",
        "message: export…",
        "message: delete",
        "message: send to…",
        "message: recipients in the Outreach tab",
    } <= set(titles)
    await open_message(pilot, sec.table.current_id)
    titles = [c.title for c in app.palette_commands(app.main_screen)]
    assert "message: edit the whole card in $EDITOR" in titles
    assert {"message: send to…", "message: recipients and their statuses"} <= set(titles)
    assert "message: new…" not in titles  # list actions are off while a card is open
    await pilot.press("f1")
    await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
    assert app.screen.topic.startswith("## Story card")
    assert "f8" in app.screen.topic  # the keys as they are mapped
    await pilot.press("escape")
    await pilot.pause()
    preview = next(
        c for c in app.palette_commands(app.main_screen) if c.title == "message: preview"
    )
    preview.callback()
    await until(pilot, lambda: sec.editor.query_one("#ed-preview").display, "the preview")


async def test_keys_can_be_remapped_from_config(cards):
    config = {"keys": {"editor.preview": "ctrl+b", "messages.new": "a"}}
    app = create_app(cards, lang="en", config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        sec = await open_messages(pilot)
        await pilot.press("a")
        await until(pilot, lambda: app.screen.query("#new-templates"), "the template dialog")
        await pilot.press("escape")
        await pilot.pause()
        editor = await open_message(pilot, REVENUE)
        await pilot.press("ctrl+b")
        await until(pilot, lambda: editor.query_one("#ed-preview").display, "the preview")
        assert sec.editor is editor


async def _switching_language_keeps_the_open_card_and_its_unsaved_text(app, pilot, cards) -> None:
    editor = await open_message(pilot, DRAFT)
    editor.form.fields["problem"].text = "Người dân chờ lâu."
    editor.form.fields["policy_effective"].value = "31/02/2024"  # cannot be saved as is
    editor.form.fields["problem"].focus()
    await pilot.pause(DEBOUNCE + 0.1)
    await app.switch_language("vi")
    await until(
        pilot,
        lambda: section(app).editor is not None and section(app).editor.report is not None,
        "the card again",
    )
    await idle(pilot, 0.2)
    editor = section(app).editor
    assert editor.form.fields["problem"].text == "Người dân chờ lâu."
    assert editor.form.fields["policy_effective"].value == "31/02/2024"
    assert app.focused is editor.form.fields["problem"]
    assert str(editor.query_one("#slot-problem").render()).startswith("✓ Vấn đề")


async def test_palette_help_language_switch_and_closing_the_app(cards):
    """One session: the palette and F1 follow the list and the card; a language switch keeps
    the open card and its unsaved text; closing the app saves it."""
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await _palette_and_help_follow_the_list_and_the_card(app, pilot, cards)
        await close_card(pilot)
        await _switching_language_keeps_the_open_card_and_its_unsaved_text(app, pilot, cards)
        editor = section(app).editor
        editor.form.fields["policy_effective"].value = ""  # else the card cannot be saved
        editor.form.fields["problem"].focus()
        await pilot.press("end", *" Vẫn còn")
        await pilot.press("ctrl+q")
    assert find_message(cards.load(), DRAFT)["problem"] == "Người dân chờ lâu. Vẫn còn"
