"""The contact form warns about a namesake in the same organisation, as `lantoa contacts add`
does: a line under the name before saving, the CLI's warning once saved (the save goes ahead)."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.widgets import Input, Label, Select
from tuikit import network_section, open_new_contact_form, wait_ready

from store import Store, network
from store.i18n import set_language
from tui.app import create_app
from tui.screens.contact_form import ContactFormScreen

sys.path.insert(0, str(Path(__file__).parent / "messages"))

from msgkit import until


async def fill(pilot, form: ContactFormScreen, name: str, org_id: str | None) -> None:
    form.query_one("#field-full_name", Input).value = name
    if org_id is not None:
        form.query_one("#field-org_id", Select).value = org_id
    await pilot.pause()


def namesake_line(form: ContactFormScreen) -> str | None:
    label = form.query_one("#namesake", Label)
    return str(label.render()) if label.display else None


async def test_a_namesake_in_the_same_organisation_is_told_before_and_after_saving(people):
    snapshot = people.load()
    lan = network.resolve(snapshot, "contacts", "Nguyễn Thị Lan")
    paper = network.resolve(snapshot, "organisations", "Báo Tuổi Trẻ")
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_new_contact_form(pilot)
        # the same name elsewhere is no namesake
        await fill(pilot, form, "nguyen thi LAN", paper["id"])
        assert namesake_line(form) is None
        # case, diacritics and spacing aside, in her organisation: told under the name
        form.query_one("#field-org_id", Select).value = lan["org_id"]
        await pilot.pause()
        line = namesake_line(form)
        assert line == (
            f"Nguyễn Thị Lan ({lan['id'][:8]}) with the same name is already in this organisation"
        )
        # the name changed: the line goes
        await fill(pilot, form, "Nguyễn Thị Lan Anh", None)
        assert namesake_line(form) is None
        await fill(pilot, form, "Nguyễn  thị lan", None)
        assert namesake_line(form) == line
        shown = {n.identity for n in app._notifications}
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is app.main_screen, "the save")
        told = [n.message for n in app._notifications if n.identity not in shown]
        assert any(
            f"Nguyễn Thị Lan ({lan['id'][:8]}) with the same name is already in this organisation"
            in message
            and "lantoa contacts rm" in message
            for message in told
        ), told
    # the save went ahead, as in the CLI
    live = Store(people.path).load().live("contacts")
    assert sum(1 for c in live if c["org_id"] == lan["org_id"]) == 3


async def test_editing_a_contact_tells_no_namesake(people):
    """Only a new contact is checked, as in the CLI (an edit keeps who it is)."""
    lan = network.resolve(people.load(), "contacts", "Nguyễn Thị Lan")
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        network_section(app).edit_contact(lan["id"])
        await until(pilot, lambda: isinstance(app.screen, ContactFormScreen), "the form")
        form = app.screen
        await until(pilot, lambda: bool(form.query("#namesake")), "the fields")
        await pilot.pause()
        await fill(pilot, form, "Nguyễn Thị Lan", None)
        assert form.query_one("#field-full_name", Input).value == "Nguyễn Thị Lan"
        assert namesake_line(form) is None


async def test_the_namesake_line_in_vietnamese(people):
    lan = network.resolve(people.load(), "contacts", "Nguyễn Thị Lan")
    app = create_app(people, lang="vi", config={})
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            form = await open_new_contact_form(pilot)
            await fill(pilot, form, "Nguyen Thi Lan", lan["org_id"])
            assert namesake_line(form) == (
                f"Nguyễn Thị Lan ({lan['id'][:8]}) cùng tên đã có trong cơ quan này"
            )
    finally:
        set_language("en")
