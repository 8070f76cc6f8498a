"""Keys typed fast land where they belong in every input of the app, not only the story card:
the contact form, the text dialogs, the search box, and the quit key typed right after text.

A terminal hands the app every key waiting in its buffer at once. These tests send them that way
(`type_fast`: no pause for the app to handle one key before the next arrives), where Pilot's
`press` waits until the app is idle after each key and would hide any disorder.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea
from tuikit import names, network_section, open_new_contact_form, type_fast, wait_ready

from store import Store, network
from tui.app import create_app
from tui.screens.contact_form import ContactFormScreen
from tui.screens.dialogs import AskScreen, TagScreen, UnsavedScreen

sys.path.insert(0, str(Path(__file__).parent / "messages"))

from msgkit import (  # noqa: F401 - fixtures are found by name
    cards_store,
    frozen_clock,
    idle,
    open_message,
    until,
)


async def settle(pilot) -> None:
    """Wait until every key sent has been handled (and what it started has run)."""
    await pilot.pause(0.3)
    await idle(pilot)


def field(form: ContactFormScreen, name: str):
    return form.query_one(f"#field-{name}")


# -- the contact form -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_contact_form_keys_after_tab_go_to_the_next_field(people, size):
    """Name, Tab, Tab (past the organisation), title, Tab, Tab (past the role), email: each in
    its own field, and ctrl+s right after them saves exactly that."""
    app = create_app(people, config={})
    async with app.run_test(size=size) as pilot:
        form = await open_new_contact_form(pilot)
        assert app.focused is field(form, "full_name")
        type_fast(
            app,
            "Hoàng Thu Hà",
            "tab",
            "tab",
            "Phóng viên",
            "tab",
            "tab",
            "ha@quangninh.gov.vn",
            "shift+tab",
            "shift+tab",
            "end",  # a field reached by Tab has its text selected: typing would replace it
            " thường trú",
            "ctrl+s",
        )
        await settle(pilot)
        assert app.screen is app.main_screen  # saved and closed
    saved = network.resolve(Store(people.path).load(), "contacts", "Hoàng Thu Hà")
    assert saved["title"] == "Phóng viên thường trú"
    assert saved["emails"] == ["ha@quangninh.gov.vn"]


async def test_contact_form_backspaces_then_text_keep_the_new_text(people):
    """Backspace is a binding (the field types characters itself): both act in the order
    typed, and ctrl+s right after them saves what the field shows."""
    lan = network.resolve(people.load(), "contacts", "Nguyễn Thị Lan")
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        network_section(app).edit_contact(lan["id"])
        await until(pilot, lambda: isinstance(app.screen, ContactFormScreen), "the form")
        form = app.screen
        await until(pilot, lambda: bool(form.query("#field-full_name")), "the fields")
        await pilot.pause()
        name = field(form, "full_name")
        assert app.focused is name
        type_fast(app, "end", *["backspace"] * 3, "Hoa", "tab", "tab", "end")
        type_fast(app, *["backspace"] * 8, "Trưởng phòng")
        await settle(pilot)
        assert name.value == "Nguyễn Thị Hoa"
        assert field(form, "title").value == "Phó Trưởng phòng"
        type_fast(app, "ctrl+s")
        await settle(pilot)
        assert app.screen is app.main_screen
    saved = Store(people.path).load().get("contacts", lan["id"])
    assert (saved["full_name"], saved["title"]) == ("Nguyễn Thị Hoa", "Phó Trưởng phòng")


async def test_contact_form_notes_and_checkbox_take_their_keys_in_order(people):
    """The notes (a TextArea) and the do-not-contact box: Backspaces before new words, and the
    space that ticks the box after a Tab, act where and when they were typed."""
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_new_contact_form(pilot)
        notes = form.query_one("#field-notes", TextArea)
        notes.focus()
        await pilot.pause()
        type_fast(app, "Gặp ở hội nghịx", "backspace", " 2024", "tab", "space")
        await settle(pilot)
        assert notes.text == "Gặp ở hội nghị 2024"
        assert field(form, "do_not_contact").value is True


# -- the text dialogs ---------------------------------------------------------------------------


async def test_ask_dialog_submits_the_text_as_typed(people):
    """Seven Backspaces erase the old value, then the new word and Enter: the answer is the
    new word (not the new word erased and the old one cut)."""
    app = create_app(people, config={})
    answers: list = []
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        app.push_screen(AskScreen("Tag", "Tag:", value="old-tag"), answers.append)
        await until(pilot, lambda: isinstance(app.screen, AskScreen), "the dialog")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.value == "old-tag"
        type_fast(app, *["backspace"] * 7, "hội nghị", "enter")
        await settle(pilot)
    assert answers == ["hội nghị"]


async def test_tag_dialog_keys_act_in_order_then_tab_moves_on(people):
    app = create_app(people, config={})
    answers: list = []
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        app.push_screen(TagScreen(2, ["vip"], lambda value: None), answers.append)
        await until(pilot, lambda: isinstance(app.screen, TagScreen), "the dialog")
        await pilot.pause()
        # Tab, Tab: past "Add tag" to "Remove tag", whose Enter removes
        type_fast(app, "hội nghị 2O", "backspace", "024", "tab", "tab", "enter")
        await settle(pilot)
    assert answers == [("remove", "hội nghị 2024")]


# -- the search box ------------------------------------------------------------------------------


async def test_search_box_backspaces_then_text_search_for_the_new_text(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        section.action_focus_search()
        await pilot.pause()
        type_fast(app, "Lê Minhx", "backspace", " Châu")
        await settle(pilot)
        assert section.search_input.value == "Lê Minh Châu"
        await until(pilot, lambda: names(app) == ["Lê Minh Châu"], "the search")


# -- quitting right after typing ------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["n", "y", "ctrl+s"])
async def test_quit_right_after_typing_asks_about_what_was_typed(people, answer):
    """ctrl+q waits for the keys typed before it: the form has them, so it asks first (as
    Escape does); keep editing (n) stays, discard (y) quits, save (ctrl+s) saves and quits."""
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_new_contact_form(pilot)
        type_fast(app, "Hoàng Thu", "backspace", "u Hà", "ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the question")
        assert field(form, "full_name").value == "Hoàng Thu Hà"
        assert not app._exit
        await pilot.press(answer)
        await pilot.pause(0.3)
        if answer == "n":
            await until(pilot, lambda: app.screen is form, "back to the form")
            assert not app._exit and field(form, "full_name").value == "Hoàng Thu Hà"
        else:
            await until(pilot, lambda: app._exit, "the quit")
    live = [c["full_name"] for c in Store(people.path).load().live("contacts")]
    assert ("Hoàng Thu Hà" in live) is (answer == "ctrl+s")


async def test_quit_with_nothing_typed_quits_at_once(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await open_new_contact_form(pilot)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app._exit, "the quit")


#: 41 Backspaces at its end leave "…doanh thu dư" (as in the report of the lost fix).
PROPOSAL = "Miễn thuế cho hộ có doanh thu dưới 200 triệu một năm, áp dụng từ năm 2026"
TYPED = " cho hộ kinh doanh nhỏ."
FIXED = "Miễn thuế cho hộ có doanh thu dư cho hộ kinh doanh nhỏ."


@pytest.mark.usefixtures("frozen")
async def test_story_card_quit_right_after_typing_saves_what_was_typed(cards, monkeypatch):
    """The story card saves on the way out: with ctrl+q in the same burst as the typing, what
    it saves is the typing (the quit waits for it)."""
    import tui.messages.editor as editor_module
    from store.messages import create_message, find_message, update_message

    record = create_message(cards, {"title": "Hộ kinh doanh", "language": "vi"}, template="policy")
    update_message(cards, record["id"], {"proposal": PROPOSAL})
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(120, 35)) as pilot:
        editor = await open_message(pilot, record["id"])
        monkeypatch.setattr(editor_module, "DEBOUNCE", 60.0)  # no check runs before the quit
        proposal = editor.form.fields["proposal"]
        proposal.focus()
        proposal.move_cursor(proposal.document.end)
        await pilot.pause()
        type_fast(app, *["backspace"] * 41, TYPED, "ctrl+q")
        await until(pilot, lambda: app._exit, "the quit")
    assert find_message(Store(cards.path).load(), record["id"])["proposal"] == FIXED


async def test_a_refused_save_keeps_the_field_being_fixed_and_selects_nothing(people):
    """Emails `tu@@x`, Phones `0123`, ctrl+s from Phones, then a key: it replaced the email
    (focus jumped to Emails with its text selected)."""
    app = create_app(people, config={})
    async with app.run_test(size=(100, 30)) as pilot:
        form = await open_new_contact_form(pilot)
        field(form, "full_name").value = "Lê Văn Tư"
        field(form, "emails").value = "tu@@x"
        field(form, "phones").value = "0123"
        field(form, "phones").focus()
        await pilot.pause()
        await pilot.press("end")  # typing in Phones: the cursor at the end, nothing selected
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        assert app.screen is form and form.focused is field(form, "phones")
        await pilot.press("4")
        await pilot.pause()
        assert field(form, "emails").value == "tu@@x"
        assert field(form, "phones").value == "01234"
        field(form, "phones").value = "0912 345 678"  # now only the email is bad
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        assert form.focused is field(form, "emails")
        await pilot.press("y")
        await pilot.pause()
        assert field(form, "emails").value == "tu@@xy"  # typed at the end, nothing replaced
