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

from msgkit import idle, until


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
