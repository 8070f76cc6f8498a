"""Drop-downs in forms work from the keyboard: Enter opens the list, arrows move, Enter picks,
Escape closes the list only (a newcomer could not give a contact an organisation or a role: the
in-order key mechanism of the Select ran the Select's own "open" binding for the keys of its
open list)."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.widgets import Select
from textual.widgets._select import SelectOverlay
from tuikit import open_new_contact_form

from tui.app import create_app

sys.path.insert(0, str(Path(__file__).parent / "messages"))

from msgkit import cards_store, until  # noqa: F401  (cards_store: the `cards` fixture)


async def _overlay_open(pilot, select: Select) -> None:
    await until(pilot, lambda: select.expanded, "the list open")


async def _open_list(pilot, select: Select) -> None:
    """Focus a drop-down and open its list with Enter, as a keyboard user does."""
    select.focus()
    await pilot.pause()
    await pilot.press("enter")
    await _overlay_open(pilot, select)


async def test_a_role_and_an_organisation_are_chosen_with_the_keyboard(people):
    app = create_app(people, config={})
    async with app.run_test(size=(100, 30)) as pilot:
        form = await open_new_contact_form(pilot)
        role = form.query_one("#field-role", Select)
        await _open_list(pilot, role)
        assert isinstance(app.screen.focused, SelectOverlay)
        await pilot.press("down", "down", "enter")
        await until(pilot, lambda: not role.expanded, "the list closed")
        assert role.value not in (Select.NULL, None)
        chosen = role.value
        assert app.screen is form  # nothing else happened

        org = form.query_one("#field-org_id", Select)
        await _open_list(pilot, org)
        await pilot.press("down", "enter")  # the first organisation (a list wraps around)
        await until(pilot, lambda: not org.expanded, "the list closed")
        assert org.value not in (Select.NULL, None)
        assert role.value == chosen


async def test_escape_closes_the_list_not_the_form(people):
    app = create_app(people, config={})
    async with app.run_test(size=(100, 30)) as pilot:
        form = await open_new_contact_form(pilot)
        role = form.query_one("#field-role", Select)
        await _open_list(pilot, role)
        await pilot.press("escape")
        await until(pilot, lambda: not role.expanded, "the list closed")
        await pilot.pause(0.1)
        assert app.screen is form  # no "Discard changes?" over a list still drawn
        assert role.value is Select.NULL


async def test_the_story_card_kind_is_chosen_with_the_keyboard(cards):
    """The story card's choices (the same mechanism) had the same fault."""
    from msgkit import open_message

    record = next(iter(cards.load().by_id("messages").values()))
    app = create_app(cards, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_message(pilot, record["id"])
        choice = next(s for s in editor.query(Select) if s.id and "kind" in s.id)
        before = choice.value
        choice.focus()
        await pilot.pause()
        await pilot.press("enter")
        await _overlay_open(pilot, choice)
        await pilot.press("down", "enter")
        await until(pilot, lambda: not choice.expanded, "the list closed")
        assert choice.value != before


async def test_keys_typed_behind_the_enter_that_opens_a_list_are_the_lists(people):
    """Enter, Down, Enter in one burst picks the first organisation, as the same keys one by one
    do (the list opened and stayed open on "—": its focus comes after the keys typed behind
    the Enter had reached the drop-down)."""
    from tuikit import type_fast

    app = create_app(people, config={})
    async with app.run_test(size=(100, 30)) as pilot:
        form = await open_new_contact_form(pilot)
        org = form.query_one("#field-org_id", Select)
        org.focus()
        await pilot.pause()
        type_fast(app, "enter", "down", "enter")
        await until(pilot, lambda: org.value not in (Select.NULL, None), "an organisation")
        await until(pilot, lambda: not org.expanded, "the list closed")
        assert app.screen is form and app.screen.focused is org


async def test_the_message_of_send_to_is_chosen_by_keys_typed_in_one_burst(cards):
    """In "Send to…", with the message list focused: Enter, Down, Enter in one burst chooses a
    message (nothing was chosen, and ctrl+s then planned items without a message)."""
    from tuikit import network_section, type_fast, wait_ready

    from tui.outreach.send import SendScreen

    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        network_section(app).contact_list.focus()
        await pilot.pause()
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SendScreen), "Send to…")
        dialog = app.screen
        message = dialog.query_one("#send-message", Select)
        await until(pilot, lambda: dialog.focused is message, "the message list focused")
        type_fast(app, "enter", "down", "enter")
        await until(pilot, lambda: message.value not in (Select.NULL, None), "a message")
        await until(pilot, lambda: not message.expanded, "the list closed")
        assert app.screen is dialog
