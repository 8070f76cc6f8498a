"""Outreach from a message: "send to…" from the list and from the card (what is typed is saved
first), and the card's Recipients view with each recipient's status, following store changes.

One session of a person at work (an app start costs more than its steps)."""

from __future__ import annotations

import pytest
from msgkit import (  # noqa: F401 - fixtures are found by name
    REVENUE,
    cards_store,
    frozen_clock,
    idle,
    notes,
    open_message,
    open_messages,
    reloaded,
    section,
    until,
)
from textual.geometry import Region

from store import outreach as core
from store.messages import find_message
from tui.app import create_app
from tui.outreach.common import settings_of
from tui.outreach.send import SendScreen

pytestmark = pytest.mark.usefixtures("frozen")


def screen_text(widget) -> str:
    """What a widget shows on screen, as lines of text."""
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.size)))


def _plan(store) -> list[str]:
    request = core.PlanRequest(
        message=REVENUE, contacts=["Nguyễn Thị Lan", "Trần Văn Bình"], channel="email"
    )
    result = core.plan_outreach(store, request, settings_of({}))
    return [item["id"] for item in result.created]


async def test_send_to_and_recipients_from_a_message(cards):
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(120, 30)) as pilot:
        sec = await open_messages(pilot)
        sec.table.move_cursor(
            row=next(i for i, (r, _) in enumerate(sec.table.rows_data) if r["id"] == REVENUE)
        )
        await pilot.pause()
        detail = str(sec.query_one("#msg-detail").render())
        assert "Recipients: Not sent to anyone yet." in detail
        # "send to…" from the list: the dialog opens on this message
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, SendScreen), "the send dialog")
        assert app.screen.query_one("#send-message").value == REVENUE
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.main_screen, "the list")

        # planned elsewhere (CLI, another tab): the list's side panel follows
        before = app.data
        items = _plan(cards)
        await reloaded(pilot, before)
        await pilot.pause()
        assert "Recipients: 2 items: 2 planned" in str(sec.query_one("#msg-detail").render())
        # r: this message's items in the Outreach tab
        await pilot.press("r")
        await pilot.pause()
        outreach = app.main_screen.query_one("#section-outreach")
        assert outreach.message_filter == REVENUE and outreach.is_on_screen
        await pilot.press("f3")
        await pilot.pause()

        # the card's Recipients view: who and where each stands
        editor = await open_message(pilot, REVENUE)
        headline = editor.form.fields["headline"]
        headline.focus()
        await pilot.press("end", *" mới")
        await pilot.press("ctrl+r")
        await until(pilot, lambda: editor.view == "recipients", "the recipients view")
        await pilot.pause()
        table = editor.recipients.table
        assert app.focused is table
        await pilot.press("f2", "f3")  # another tab and back: still on the recipients
        await pilot.pause(0.1)
        assert editor.view == "recipients" and app.focused is table
        assert sorted(v.get("contact_name") for v in table.views) == [
            "Nguyễn Thị Lan",
            "Trần Văn Bình",
        ]
        shown = screen_text(table.query_one(".recipients-table"))
        assert "Nguyễn Thị Lan" in shown and "○ Planned" in shown and "Email" in shown
        assert str(table.query_one(".recipients-summary").render()) == "2 items: 2 planned"
        # marked done elsewhere: the view follows
        before = app.data
        core.mark_done(cards, items[:1], settings_of({}), note="Đã gửi")
        await reloaded(pilot, before)
        await pilot.pause()
        assert str(table.query_one(".recipients-summary").render()) == "2 items: 1 planned, 1 done"
        assert "● Done" in screen_text(table.query_one(".recipients-table"))

        # "send to…" from the card: the typed headline is saved first, then the dialog
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, SendScreen), "the send dialog")
        assert app.screen.query_one("#send-message").value == REVENUE
        assert find_message(cards.load(), REVENUE)["headline"] == headline.text
        assert " mới" in headline.text
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.main_screen, "the card")
        # back to the card: the cursor is where it was
        await pilot.press("ctrl+r")
        await until(pilot, lambda: editor.view == "card", "the card")
        await pilot.pause()
        assert app.focused is headline
        assert not any("Error" in n for n in notes(app))
