"""Add, edit, delete and undo through the app; invalid input never reaches the store."""

from __future__ import annotations

import errno

from textual.widgets import Input, Label
from tuikit import names, network_section, wait_ready, wait_reload

from store import network
from tui.app import create_app
from tui.screens.contact_form import ContactFormScreen
from tui.screens.dialogs import ConfirmScreen


async def _fill(pilot, form: ContactFormScreen, name: str, value: str) -> None:
    field = form.query_one(f"#field-{name}", Input)
    field.value = value
    await pilot.pause()


async def test_add_contact_validates_as_you_type_and_saves(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        network_section(app).contact_list.focus()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        await _fill(pilot, form, "full_name", "Hoàng Thu Hà")
        await _fill(pilot, form, "emails", "ha@")
        error = form.query_one("#error-emails", Label)
        assert error.display and "not a valid email" in str(error.render())
        await _fill(pilot, form, "phones", "12")
        assert form.query_one("#error-phones", Label).display
        before = app.data
        await pilot.press("ctrl+s")  # refused: the form stays, nothing is written
        await pilot.pause()
        assert app.screen is form
        assert app.data is before and len(people.load().live("contacts")) == 4
        await _fill(pilot, form, "emails", "ha@quangninh.gov.vn")
        await _fill(pilot, form, "phones", "0903 123 456")
        assert not form.errors
        await pilot.press("ctrl+s")
        await wait_reload(pilot, before)
        assert app.screen is app.main_screen
        added = network.resolve(people.load(), "contacts", "Hoàng Thu Hà")
        assert added["emails"] == ["ha@quangninh.gov.vn"] and added["phones"] == ["+84903123456"]
        section = network_section(app)
        assert section.contact_list.current.id == added["id"]  # the cursor is on the new person


async def test_full_name_is_required(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        network_section(app).contact_list.focus()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        await _fill(pilot, form, "title", "Phóng viên")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "required" in form.errors["full_name"]


async def test_edit_changes_only_what_was_typed_and_is_undoable(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        section.search_input.value = "lan"
        await pilot.pause()
        section.contact_list.focus()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#field-phones", Input).value == "0912 345 678"
        await _fill(pilot, form, "title", "Giám đốc")
        # meanwhile someone else changes another field of the same person (CLI, sync)
        network.edit_contact(people, "Nguyễn Thị Lan", {"notes": "gọi sau 14h"})
        before = app.data
        await pilot.press("ctrl+s")
        await wait_reload(pilot, before)
        lan = network.resolve(people.load(), "contacts", "Nguyễn Thị Lan")
        assert lan["title"] == "Giám đốc"
        assert lan["notes"] == "gọi sau 14h"  # not overwritten by the form
        assert lan["phones"] == ["+84912345678"]
        before = app.data
        await pilot.press("u")
        await wait_reload(pilot, before)
        assert network.resolve(people.load(), "contacts", "Nguyễn Thị Lan")["title"] == (
            "Phó Giám đốc"
        )


async def test_delete_asks_then_undo_brings_the_contact_back(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        section.contact_list.focus()
        first = section.contact_list.current.record["full_name"]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no
        await pilot.pause()
        assert first in names(app)
        await pilot.press("d")
        await pilot.pause()
        before = app.data
        await pilot.press("y")
        await wait_reload(pilot, before)
        assert first not in names(app)
        assert first not in [c["full_name"] for c in people.load().live("contacts")]
        before = app.data
        await pilot.press("u")
        await wait_reload(pilot, before)
        assert first in names(app)


async def _save_until_done(pilot, form) -> None:
    """Ctrl+S, then wait until that save has ended: a failure is told in a new notification, a
    success closes the form. `form.saving` alone is not enough: on a loaded machine the key can
    reach the form after `press` returns, and the save has not begun when it is first read."""
    app = pilot.app
    shown = {n.identity for n in app._notifications}
    await pilot.press("ctrl+s")
    for _ in range(250):
        await pilot.pause(0.02)
        told = any(n.identity not in shown for n in app._notifications)
        if not form.saving and (told or app.screen is not form):
            return


async def test_a_failed_save_keeps_the_form_and_says_why(people, monkeypatch):
    """Disk full, then the store locked by another process: the form stays with the input."""
    from filelock import FileLock

    from store import storage

    people.lock_timeout = 0.3
    people._lock = FileLock(people.lock_path, timeout=0.3)
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        network_section(app).contact_list.focus()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        await _fill(pilot, form, "full_name", "Đỗ Văn Khoa")

        def disk_full(src, dst):
            raise OSError(errno.ENOSPC, "No space left on device")

        with monkeypatch.context() as patch:
            patch.setattr(storage.os, "replace", disk_full)
            await _save_until_done(pilot, form)
        assert app.screen is form
        assert form.query_one("#field-full_name", Input).value == "Đỗ Văn Khoa"
        messages = [n.message for n in app._notifications]
        assert any("Not saved" in m and "disk is full" in m for m in messages), messages

        other = FileLock(people.lock_path)  # another Lan Tỏa process holds the store
        other.acquire()
        try:
            await _save_until_done(pilot, form)
        finally:
            other.release()
        assert app.screen is form
        messages = [n.message for n in app._notifications]
        assert any("busy" in m for m in messages), messages
        assert "Đỗ Văn Khoa" not in [c["full_name"] for c in people.load().live("contacts")]

        await _save_until_done(pilot, form)  # all is well again: the same form saves
        for _ in range(100):
            await pilot.pause(0.02)
            if app.screen is not form:
                break
        assert app.screen is app.main_screen
        assert "Đỗ Văn Khoa" in [c["full_name"] for c in people.load().live("contacts")]
