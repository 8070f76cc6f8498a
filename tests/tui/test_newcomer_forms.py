"""The contact form never loses what was typed: Escape (or Cancel) with changes asks first whether
to keep editing, discard or save; an error under a field is shown whole, wrapped."""

from __future__ import annotations

from rich.cells import cell_len
from textual.geometry import Region
from textual.widgets import Button, Input, Label
from tuikit import network_section, wait_ready, wait_reload

from store import network
from tui.app import create_app
from tui.screens.contact_form import ContactFormScreen
from tui.screens.dialogs import UnsavedScreen

ADDED = " Ban Thời sự"


async def open_edit(pilot, name: str = "lan") -> ContactFormScreen:
    section = network_section(pilot.app)
    section.search_input.value = name
    await pilot.pause()
    section.contact_list.focus()
    await pilot.press("e")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ContactFormScreen)
    return form


async def type_into_title(pilot, form: ContactFormScreen) -> Input:
    """Type at the end of the Title as a person would (focus, End, keys)."""
    title = form.query_one("#field-title", Input)
    title.focus()
    await pilot.pause()
    await pilot.press("end", *ADDED)
    await pilot.pause()
    assert title.value == "Phó Giám đốc" + ADDED
    return title


def title_in_store(store) -> str:
    return network.resolve(store.load(), "contacts", "Nguyễn Thị Lan")["title"]


async def test_escape_with_changes_asks_and_keep_editing_keeps_them(people):
    app = create_app(people, config={})
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        form = await open_edit(pilot)
        await type_into_title(pilot, form)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        assert app.screen.focused is app.screen.query_one("#keep", Button)
        await pilot.press("escape")  # Escape again: back to the form, nothing lost
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#field-title", Input).value == "Phó Giám đốc" + ADDED
        assert title_in_store(people) == "Phó Giám đốc"


async def test_discard_closes_without_saving(people):
    app = create_app(people, config={})
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        form = await open_edit(pilot)
        await type_into_title(pilot, form)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # "Discard changes?" yes
        await pilot.pause()
        assert app.screen is app.main_screen
        assert title_in_store(people) == "Phó Giám đốc"


async def test_save_from_the_question_saves(people):
    app = create_app(people, config={})
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        form = await open_edit(pilot)
        await type_into_title(pilot, form)
        await pilot.press("escape")
        await pilot.pause()
        before = app.data
        await pilot.click("#save")
        await wait_reload(pilot, before)
        assert app.screen is app.main_screen
        assert title_in_store(people) == "Phó Giám đốc" + ADDED


async def test_escape_without_changes_closes_at_once(people):
    app = create_app(people, config={})
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        form = await open_edit(pilot, "dung")  # empty lists (province, channel) read as None
        assert form.changes() == {}
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen


async def test_a_new_contact_with_a_typed_name_asks_too(people):
    app = create_app(people, config={})
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        network_section(app).contact_list.focus()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Hoàng Thu Hà")
        await pilot.click("#cancel")  # the Cancel button asks like Escape
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("n")  # no, do not discard
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#field-full_name", Input).value == "Hoàng Thu Hà"


async def test_the_save_button_saves(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        form = await open_edit(pilot)
        await type_into_title(pilot, form)
        before = app.data
        await pilot.click("#save")
        await wait_reload(pilot, before)
        assert app.screen is app.main_screen
        assert title_in_store(people) == "Phó Giám đốc" + ADDED


async def test_the_phone_error_is_shown_whole_at_80_columns(people):
    for lang in ("en", "vi"):
        app = create_app(people, lang=lang, config={})
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_ready(pilot)
            form = await open_edit(pilot)
            form.query_one("#field-phones", Input).value = "12ab"
            await pilot.pause()
            error = form.query_one("#error-phones", Label)
            message = form.errors["phones"]
            assert error.display
            width = error.content_size.width
            assert cell_len(message) > width  # the message is longer than one line here
            assert error.content_size.height >= 2
            shown = error.render_lines(Region(0, 0, *error.outer_size))
            words = " ".join(strip.text for strip in shown).split()
            assert " ".join(words) == " ".join(message.split())
