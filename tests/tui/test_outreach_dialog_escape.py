"""Escape in the outreach dialogs never loses what was typed: the status dialog (mark done, set
status, note) and "Send to…" ask "Discard changes?" (keep editing, discard or save) once something
was typed, and close at once when nothing was."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "outreach"))

from outkit import (
    CONFIG,
    REVENUE,
    create,
    demo_fixture,  # noqa: F401 - fixtures
    frozen_fixture,  # noqa: F401
    idle,
    journalists,
    live_items,
    open_outreach,
    prepared,
    until,
)
from textual.widgets import Input

from tui.outreach.deliver import DeliverScreen
from tui.outreach.marking import MarkScreen
from tui.outreach.send import SendScreen, open_send_dialog
from tui.screens.dialogs import UnsavedScreen


def _question(app) -> str:
    screen = app.screen
    assert isinstance(screen, UnsavedScreen)
    return str(screen.query_one(".dialog-text").render())


async def _mark_dialog(pilot, key: str) -> MarkScreen:
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, MarkScreen), "the status dialog")
    return pilot.app.screen


async def test_escape_after_typing_a_note_asks_and_keeps_it(demo, frozen):
    prepared(demo)
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        section = await open_outreach(pilot)
        target = section.outreach_list.current
        screen = await _mark_dialog(pilot, "d")
        await pilot.press(*"Chị Hà hẹn gọi lại")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the question")
        assert "You changed the note and did not save it." in _question(app)
        await pilot.press("escape")  # Escape again keeps editing: back with the note
        await until(pilot, lambda: app.screen is screen, "the status dialog again")
        assert screen.query_one("#mark-note", Input).value == "Chị Hà hẹn gọi lại"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the question")
        await pilot.press("y")  # discard: closed, nothing written
        await until(pilot, lambda: not isinstance(app.screen, (UnsavedScreen, MarkScreen)))
        await idle(pilot)
        item = demo.load().get("outreach", target["id"])
        assert item["status"] == "planned"
        assert not item.get("note")


async def test_save_from_the_question_marks_with_the_note(demo, frozen):
    prepared(demo)
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        section = await open_outreach(pilot)
        target = section.outreach_list.current
        await _mark_dialog(pilot, "d")
        await pilot.press(*"Đã gửi bản tin")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the question")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, (UnsavedScreen, MarkScreen)))
        await idle(pilot)
        item = demo.load().get("outreach", target["id"])
        assert (item["status"], item["note"]) == ("done", "Đã gửi bản tin")


async def test_escape_with_nothing_typed_closes_at_once(demo, frozen):
    prepared(demo)
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_outreach(pilot)
        for key in ("d", "s", "c"):  # done, any status, a note alone
            screen = await _mark_dialog(pilot, key)
            screen.query_one("#mark-note", Input).value = "   "  # blanks are nothing typed
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, MarkScreen), "closed")
            assert not isinstance(app.screen, UnsavedScreen)


async def test_a_typed_link_for_published_is_kept_too(demo, frozen):
    prepared(demo)
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_outreach(pilot)
        screen = await _mark_dialog(pilot, "p")
        await pilot.press(*"https://baochinhphu.vn/bai-1")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the question")
        assert "You changed the link and did not save it." in _question(app)
        await pilot.press("n")
        await until(pilot, lambda: app.screen is screen, "the status dialog again")
        assert screen.query_one("#mark-link", Input).value == "https://baochinhphu.vn/bai-1"
        # the Cancel button asks the same question as Escape
        await pilot.click("#mark-cancel")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the question")


async def _send_screen(pilot) -> SendScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, SendScreen), "the send dialog")
    await pilot.pause(0.05)
    return pilot.app.screen


async def test_send_dialog_opened_with_people_and_left_untouched_closes_at_once(demo, frozen):
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        await idle(pilot)
        open_send_dialog(app, message_id=REVENUE, contact_ids=journalists(demo, 2))
        await _send_screen(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, SendScreen), "closed")
        assert not isinstance(app.screen, UnsavedScreen)


async def test_send_dialog_escape_after_typing_asks_and_keeps_everything(demo, frozen):
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        await idle(pilot)
        people = journalists(demo, 2)
        open_send_dialog(app, message_id=REVENUE, contact_ids=people[:1])
        screen = await _send_screen(pilot)
        screen.picker.add_contacts(people[1:])
        screen.query_one("#send-note", Input).focus()
        await pilot.press(*"Xin gửi anh chị thông cáo")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the question")
        assert "You changed the plan and did not save it." in _question(app)
        await pilot.press("escape")  # keep editing
        await until(pilot, lambda: app.screen is screen, "the send dialog again")
        assert screen.query_one("#send-note", Input).value == "Xin gửi anh chị thông cáo"
        assert [c.value for c in screen.picker.chosen] == people
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the question")
        await pilot.press("y")  # discard
        await until(pilot, lambda: not isinstance(app.screen, (UnsavedScreen, SendScreen)))
        await idle(pilot)
        assert not live_items(demo)


async def test_send_dialog_a_chosen_recipient_alone_asks_and_save_plans(demo, frozen):
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        await idle(pilot)
        open_send_dialog(app, message_id=REVENUE)
        screen = await _send_screen(pilot)
        search = screen.query_one("#pick-search", Input)
        search.focus()
        await pilot.press(*"so tt quang ninh")
        await pilot.pause(0.1)
        await pilot.press("enter")  # the department is added; the search box is empty again
        assert [c.kind for c in screen.picker.chosen] == ["org"] and not search.value
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the question")
        await pilot.press("ctrl+s")  # save from the question: the plan is written
        await until(pilot, lambda: isinstance(app.screen, DeliverScreen), "the deliver dialog")
        items = live_items(demo)
        assert items and {i["message_id"] for i in items} == {REVENUE}
