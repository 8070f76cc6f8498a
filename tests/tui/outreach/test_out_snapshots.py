"""Snapshots of the outreach list, the coverage (table and bars) and the province grid at 80x24 and
120x40, and the "send to…" dialog at 80x24.

Deterministic: the sample network plus the outreach of `outkit.prepared` (fixed due dates, writes
stamped at a fixed moment, ids from a counter), "today" frozen, HOME the test folder. Update
after an intended change with `pytest tests/tui/outreach --snapshot-update` and look at the diff.
"""

from __future__ import annotations

import pytest
from outkit import (
    CONFIG,
    REVENUE,
    demo_fixture,  # noqa: F401 - fixtures
    fixed_ids_fixture,  # noqa: F401
    frozen_fixture,  # noqa: F401
    idle,
    journalists,
    prepared,
    section,
)

from tui.app import create_app
from tui.outreach.send import open_send_dialog

SIZES = [(80, 24), (120, 40)]
IDS = ["80x24", "120x40"]


async def _outreach(pilot, view: str = "items") -> None:
    await idle(pilot)
    await pilot.press("f4")
    await pilot.pause(0.1)
    if view != "items":
        await pilot.press("v")
        await pilot.pause(0.1)
    if view == "grid":
        body = section(pilot.app).coverage.query_one("#cov-body")
        body.scroll_to_widget(body.query_one("#cov-grid"), animate=False, top=True)
        await pilot.pause(0.1)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_outreach_list(snap_compare, fixed_ids, demo, frozen, home, size):
    prepared(demo)
    app = create_app(demo, lang="en", config=CONFIG)
    assert snap_compare(app, terminal_size=size, run_before=_outreach)


def test_outreach_list_vi(snap_compare, fixed_ids, demo, frozen, home):
    prepared(demo)
    app = create_app(demo, lang="vi", config=CONFIG)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_outreach)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_coverage_table_and_bars(snap_compare, fixed_ids, demo, frozen, home, size):
    prepared(demo)
    app = create_app(demo, lang="en", config=CONFIG)

    async def run_before(pilot) -> None:
        await _outreach(pilot, "coverage")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_coverage_province_grid(snap_compare, fixed_ids, demo, frozen, home, size):
    prepared(demo)
    app = create_app(demo, lang="en", config=CONFIG)

    async def run_before(pilot) -> None:
        await _outreach(pilot, "grid")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_send_dialog_80x24(snap_compare, fixed_ids, demo, frozen, home):
    people = journalists(demo, 2)
    app = create_app(demo, lang="en", config=CONFIG)

    async def run_before(pilot) -> None:
        await idle(pilot)
        open_send_dialog(pilot.app, message_id=REVENUE, contact_ids=people)
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
