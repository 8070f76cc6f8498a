"""Keys typed while the contact form opens go into it: `n` and the name right after it (the
form takes a moment to build its lists). They were dropped, and the name field stayed empty."""

from __future__ import annotations

import sys
from pathlib import Path

from test_keyorder_inputs import type_fast
from textual.widgets import Input
from tuikit import network_section, wait_ready

from tui.app import create_app
from tui.screens.contact_form import ContactFormScreen

sys.path.insert(0, str(Path(__file__).parent / "messages"))

from msgkit import cards_store, idle, until  # noqa: F401 - fixtures are found by name
from msgkit import section as messages_section


async def test_the_name_typed_right_after_n_lands_in_the_new_form(people):
    app = create_app(people, config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        network_section(app).contact_list.focus()
        await pilot.pause()
        type_fast(app, "n", "Lê Thị Thu Hà")  # "u" would be undo on the list: never run
        await until(pilot, lambda: isinstance(app.screen, ContactFormScreen), "the form")
        form = app.screen
        await until(pilot, lambda: bool(form.query("#field-full_name")), "the fields")
        name = form.query_one("#field-full_name", Input)
        await until(pilot, lambda: name.value == "Lê Thị Thu Hà", f"the name (now {name.value!r})")
        await idle(pilot)
        assert app.screen is form


async def test_escape_typed_while_the_form_opens_closes_it(people):
    app = create_app(people, config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        network_section(app).contact_list.focus()
        await pilot.pause()
        type_fast(app, "n", "escape")
        await pilot.pause(0.3)
        await idle(pilot)
        await until(pilot, lambda: app.screen is app.main_screen, "the form closed")


# -- a list's keys act in the order typed -------------------------------------------------------
#
# Typed in one burst on the contact list, the letters behind a key that opens a dialog are for
# that dialog. Before, the list's `n` and `e` acted as the app read them and its other keys only
# after every key read had reached the list: "s quang" opened the contact form (the "n") with
# "g" in its name, and "Send to…" never opened.


async def burst_on_the_list(app, pilot, *keys: str) -> None:
    network_section(app).contact_list.focus()
    await pilot.pause()
    type_fast(app, *keys)
    await pilot.pause(0.3)
    await idle(pilot)


async def test_send_to_then_a_name_searches_for_it_in_the_dialog(people):
    from tui.outreach.send import SendScreen

    app = create_app(people, config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        await burst_on_the_list(app, pilot, "s", "quang")
        await until(pilot, lambda: isinstance(app.screen, SendScreen), "Send to…")
        search = app.screen.query_one("#pick-search", Input)
        await until(pilot, lambda: search.value == "quang", f"the search (now {search.value!r})")
        assert app.screen_stack[-2] is app.main_screen  # no form opened under it


async def test_tag_then_a_tag_types_it_in_the_tag_dialog(people):
    from tui.screens.dialogs import TagScreen

    app = create_app(people, config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        await burst_on_the_list(app, pilot, "t", "ea")  # "e" would edit the contact
        await until(pilot, lambda: isinstance(app.screen, TagScreen), "the tag dialog")
        tag = app.screen.query_one("#tag-input", Input)
        await until(pilot, lambda: tag.value == "ea", f"the tag (now {tag.value!r})")


async def test_slash_then_words_search_and_open_nothing(people):
    app = create_app(people, config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        await burst_on_the_list(app, pilot, "/", "quang ninh")  # "n": new contact on the list
        assert app.screen is app.main_screen
        assert section.search_input.value == "quang ninh"
        assert app.focused is section.search_input


async def test_the_arrows_behind_o_move_in_the_organisations(people):
    app = create_app(people, config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        contacts_cursor = section.contact_list.cursor
        await burst_on_the_list(app, pilot, "o", "down", "down")
        assert app.focused is section.org_tree
        assert section.org_tree.cursor_line == 1  # from none: the first line, then the second
        assert section.contact_list.cursor == contacts_cursor  # the list did not take them


async def test_keys_typed_behind_a_tab_key_act_in_the_tab_shown(cards):
    """F3 then `n`, a title, Enter and text in one burst, from the contact list: a new story
    card with that title and text (before, the `n` opened a new contact in the Network, which
    F3 had left, with the rest typed in its name)."""
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        await burst_on_the_list(app, pilot, "f3", "n", "Tin mới", "enter", "abc")
        await until(pilot, lambda: card_open(app), "the card")
        editor = messages_section(app).editor
        await until(pilot, lambda: editor.form.fields["headline"].text == "abc", "the text")
        assert editor.state.base["title"] == "Tin mới"
        assert not any(isinstance(s, ContactFormScreen) for s in app.screen_stack)


async def test_keys_typed_behind_e_on_the_contact_screen_go_into_the_form(people):
    """Enter on a person, then `e`, End and more of the name, in one burst: the form opens with
    the name as typed (the keys behind `e` were dropped)."""
    from tui.screens.contact import ContactScreen

    app = create_app(people, config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        first = network_section(app).contact_list.current.record["full_name"]
        await burst_on_the_list(app, pilot, "enter", "e", "end", " Thu")
        await until(pilot, lambda: isinstance(app.screen, ContactFormScreen), "the form")
        form = app.screen
        await until(pilot, lambda: form.keys_are_ready, "the form shown")
        name = form.query_one("#field-full_name", Input)
        await until(pilot, lambda: name.value == first + " Thu", f"the name (now {name.value!r})")
        assert isinstance(app.screen_stack[-2], ContactScreen)


async def test_keys_typed_behind_a_tab_key_in_the_search_box_act_in_the_tab_shown(cards):
    """Where the app starts, in the Network search box: F3 then `n`, a title, Enter and text in
    one burst make the card (the keys went into the Network search: "nTin mới")."""
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        search = network_section(app).search_input
        await until(pilot, lambda: app.focused is search, "the search box")
        type_fast(app, "f3", "n", "Tin mới", "enter", "abc")
        await until(pilot, lambda: card_open(app), "the card")
        editor = messages_section(app).editor
        await until(pilot, lambda: editor.form.fields["headline"].text == "abc", "the text")
        assert editor.state.base["title"] == "Tin mới"
        assert search.value == ""


def card_open(app) -> bool:
    """A story card is open in Messages (built on its first visit: maybe not yet)."""
    if not app.main_screen.query("#section-messages"):
        return False
    editor = messages_section(app).editor
    return editor is not None and bool(editor.form.reveals)
