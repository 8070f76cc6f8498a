"""Helpers for the app's tests: wait until the app shows its store, read the network list.

A module of its own (not conftest.py): several test folders have a conftest, and a test module
importing "conftest" would get whichever was imported last.
"""

from __future__ import annotations

from textual import events
from textual.keys import _character_to_key

#: Key names `type_fast` sends as keys (any other text is typed character by character).
KEY_NAMES = {
    "tab",
    "shift+tab",
    "enter",
    "escape",
    "backspace",
    "ctrl+s",
    "ctrl+q",
    "space",
    "end",
    "home",
    "down",
    "up",
    "f2",
    "f3",
    "f4",
}


def type_fast(app, *parts: str) -> None:
    """Send keys as a terminal does when several wait in its buffer: all at once. (Pilot's
    `press` waits until the app is idle after each key and would hide any disorder.)"""
    for part in parts:
        for key in [part] if part in KEY_NAMES else list(part):
            char = key if len(key) == 1 else (" " if key == "space" else None)
            if len(key) == 1 and not key.isalnum():
                key = _character_to_key(key)
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)


async def wait_ready(pilot, version: int | None = None) -> None:
    """Wait until the app shows its store (and, given `version`, a newer list than that)."""
    app = pilot.app
    for _ in range(400):
        await pilot.pause(0.01)
        if app.ready_at is None or app._job_running:
            continue
        section = app.main_screen.section
        if version is None or section.contact_list.version > version:
            await pilot.pause()
            return
    raise AssertionError("the app did not show its store in time")


def built_section(app, section_id: str):
    """The section of a tab once built and composed (a tab is built on its first visit), or
    None."""
    for section in app.main_screen.query(f"#section-{section_id}"):
        return section if section.is_mounted else None
    return None


async def show_section(pilot, section_id: str):
    """Switch to a tab as its key does and wait until its section is built; the section."""
    pilot.app.action_section(section_id)
    return await until_built(pilot, section_id)


async def until_built(pilot, section_id: str):
    """Wait until the section of a tab is built and composed; the section."""
    for _ in range(250):
        await pilot.pause(0.02)
        section = built_section(pilot.app, section_id)
        if section is not None:
            await pilot.pause()
            return section
    raise AssertionError(f"the {section_id} section was not built in time")


def network_section(app):
    return app.main_screen.query_one("#section-network")


def names(app) -> list[str]:
    return [e.record["full_name"] for e in network_section(app).contact_list.rows]


async def wait_reload(pilot, before) -> None:
    """Wait until the app has loaded a newer version of the store than `before` (app.data)."""
    app = pilot.app
    for _ in range(500):
        await pilot.pause(0.01)
        if app.data is not before and not app._job_running:
            await pilot.pause()
            return
    raise AssertionError("the app did not reload the store in time")


async def open_new_contact_form(pilot):
    """`n` on the network list, then wait until the contact form shows all its fields."""
    from tui.screens.contact_form import ContactFormScreen

    app = pilot.app
    await wait_ready(pilot)
    network_section(app).contact_list.focus()
    await pilot.press("n")
    for _ in range(250):
        await pilot.pause(0.02)
        screen = app.screen
        if isinstance(screen, ContactFormScreen) and all(
            screen.query(q) for q in ("#field-full_name", "#field-role", "#namesake")
        ):
            await pilot.pause()
            return screen
    raise AssertionError("the contact form did not open in time")
