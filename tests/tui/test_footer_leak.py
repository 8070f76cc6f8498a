"""The footer rebuilds its keys on every change of bindings (a story card opened or closed): the
keys it no longer shows must be freed, and the keys it shows must still follow its style."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey
from tuikit import until_built

from store import Store
from store.sample import sample_data
from tui.app import create_app
from tui.widgets.footer import Footer


@pytest.fixture
def cards(tmp_path: Path) -> Store:
    """Only the sample messages: the Messages list has cards to open."""
    store = Store(tmp_path / "store.json")
    with store.transaction() as tx:
        for record in sample_data()["messages"]:
            tx.put("messages", record)
    return store


async def until(pilot, condition, what: str) -> None:
    for _ in range(250):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def leftover_keys(app) -> int:
    """Footer keys alive but no longer shown (any footer of this process, after a collection)."""
    gc.collect()
    alive = sum(1 for o in gc.get_objects() if isinstance(o, FooterKey))
    return alive - len(app.main_screen.query(FooterKey))


async def test_opening_and_closing_cards_leaves_no_footer_keys_behind(cards):
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.data is not None and not app._job_running, "the store")
        await pilot.press("f3")
        sec = await until_built(pilot, "messages")
        await until(pilot, lambda: sec.table.rows_data, "the message list")
        sec.table.focus()
        await pilot.pause(0.2)
        before = leftover_keys(app)
        for _round in range(2):
            await pilot.press("enter")
            await until(pilot, lambda: sec.editor is not None and sec.editor.report, "the card")
            await pilot.pause(0.2)  # the footer shows the card's keys
            await pilot.press("escape")
            await until(pilot, lambda: sec.editor is None, "the list")
            await pilot.pause(0.2)
        assert leftover_keys(app) <= before  # about 70 more a round when they were kept
        footer = app.main_screen.query_one(Footer)
        shown = list(footer.query(FooterKey).exclude(".-command-palette"))  # (not bound)
        assert shown and all(key.has_class("-compact") for key in shown)
        footer.compact = False  # the keys shown still follow the footer's style
        await pilot.pause()
        assert not any(key.has_class("-compact") for key in shown)
