"""Snapshots: the conflicts view at 80x24, and the status line with its sync slot and conflicts
badge at 80x24.

Deterministic: writes stamped from a fixed moment (synckit.T0_MS), device ids from a counter,
local time UTC, HOME the test folder. "synced just now" holds because the sync happens in the
test's setup. Update after an intended change with `pytest tests/tui/sync --snapshot-update`.
"""

from __future__ import annotations

from synckit import (
    ready,
    team_fixture,  # noqa: F401 - fixtures
    title_clash,
    until,
    utc_fixture,  # noqa: F401
)

from tui.app import create_app
from tui.sync.conflicts import ConflictsScreen


def test_conflicts_view_80x24(snap_compare, team, utc, home):
    title_clash(team)
    app = create_app(team.a, lang="en", config={})

    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("f12")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConflictsScreen), "the view")
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_status_line_with_conflicts_badge_80x24(snap_compare, team, utc, home):
    title_clash(team)
    app = create_app(team.a, lang="en", config={})

    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
