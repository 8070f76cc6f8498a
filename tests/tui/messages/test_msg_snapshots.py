"""Snapshots at 80x24 (the smallest terminal the app supports): the Messages list, the story-card
editor (English), and the narrow checklist (Vietnamese). Wider layouts are checked by the Pilot
tests' assertions (a snapshot each costs an app start).

The data is the bundled sample (three messages, one deliberately incomplete), HOME is the test
folder (the status line reads ~/store.json), the clock is frozen (figure ages, "updated"), and
cursors do not blink. Update after an intended change with
`pytest tests/tui/messages --snapshot-update` and look at the diff.
"""

from __future__ import annotations

import pytest
from msgkit import (  # noqa: F401 - fixtures are found by name
    DRAFT,
    demo_network,
    frozen_clock,
    open_message,
    open_messages,
    until,
)

from tui.app import create_app

pytestmark = pytest.mark.usefixtures("frozen")


def test_message_list_at_80x24(snap_compare, demo, home):
    async def run_before(pilot) -> None:
        await open_messages(pilot)

    app = create_app(demo, lang="en", config={})
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_editor_at_80x24(snap_compare, demo, home):
    async def run_before(pilot) -> None:
        editor = await open_message(pilot, DRAFT)
        # the cursor starts in the first slot with an error, the lead, scrolled to its heading
        lead = editor.form.fields["lead"]
        await until(pilot, lambda: pilot.app.focused is lead, "the cursor in the lead")
        await until(pilot, lambda: editor.form.scroll_y > 0, "the lead scrolled into view")
        await pilot.pause(0.1)

    app = create_app(demo, lang="en", config={})
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_editor_checklist_at_80x24(snap_compare, demo, home):
    async def run_before(pilot) -> None:
        await open_message(pilot, DRAFT)
        await pilot.press("f8")
        await pilot.pause(0.1)

    app = create_app(demo, lang="vi", config={})
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
