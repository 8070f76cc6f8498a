"""Snapshots of the main views at 80x24 and 120x40, in English and Vietnamese.

The data is the seeded synthetic network (tests/tui/bigstore.py), HOME is the test folder (the
status line reads ~/store.json) and cursors do not blink, so the pictures are the same every run.
Update after an intended change with `pytest tests/tui --snapshot-update` and look at the diff.
"""

from __future__ import annotations

import pytest
from tuikit import network_section, wait_ready

from store import Store
from tui.app import create_app

SIZES = [(80, 24), (120, 40)]


async def _ready(pilot) -> None:
    await wait_ready(pilot)


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_network_list(snap_compare, big, home, lang, size):
    app = create_app(big, lang=lang, config={})
    assert snap_compare(app, terminal_size=size, run_before=_ready)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_search_with_a_filter(snap_compare, big, home, lang):
    async def run_before(pilot) -> None:
        await wait_ready(pilot)
        section = network_section(pilot.app)
        section.set_filter("role", "journalist")
        await pilot.press(*"nguyen")
        await pilot.pause()

    app = create_app(big, lang=lang, config={})
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_contact_form_at_80x24(snap_compare, big, home, lang):
    async def run_before(pilot) -> None:
        await wait_ready(pilot)
        network_section(pilot.app).contact_list.focus()
        await pilot.press("e")
        await pilot.pause()
        pilot.app.screen.query_one("#field-emails").value = "not-an-email"
        await pilot.pause()

    app = create_app(big, lang=lang, config={})
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_organisations_vi(snap_compare, big, home):
    async def run_before(pilot) -> None:
        await wait_ready(pilot)
        network_section(pilot.app).contact_list.focus()
        await pilot.press("o")
        await pilot.pause()

    app = create_app(big, lang="vi", config={})
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_contact_screen_at_80x24(snap_compare, big, home):
    async def run_before(pilot) -> None:
        await wait_ready(pilot)
        network_section(pilot.app).contact_list.focus()
        await pilot.press("enter")
        await pilot.pause()

    app = create_app(big, lang="en", config={})
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_welcome(snap_compare, home, lang):
    app = create_app(Store(home / "store.json"), lang=lang, config={})
    assert snap_compare(app, terminal_size=(80, 24), run_before=_ready)
