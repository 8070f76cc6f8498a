"""The Messages list: what it shows, search and filters, new from a template, delete and undo,
status (ready refused with the reasons), copy, and a store changed by someone else."""

from __future__ import annotations

import pytest
from msgkit import (  # noqa: F401 - fixtures are found by name
    DRAFT,
    REVENUE,
    WORKFORCE,
    cards_store,
    frozen_clock,
    idle,
    notes,
    open_messages,
    reloaded,
    section,
    until,
)
from tuikit import type_fast

from store.compose import compose
from store.messages import find_message, update_message
from tui.app import create_app

pytestmark = pytest.mark.usefixtures("frozen")


def titles(sec) -> list[str]:
    return [r["title"] for r, _rep in sec.table.rows_data]


async def test_list_shows_cells_literally_then_search_filters_and_copy(cards):
    with cards.transaction() as tx:  # as a sync from an older copy could bring it
        tx.update("messages", WORKFORCE, {"title": "[bold red]x[/] \x1b[31mred"})
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(200, 40)) as pilot:
        sec = await open_messages(pilot)
        assert len(sec.table.rows_data) == 3
        table = sec.table
        # store text is text: no markup, and escapes are shown, not sent to the terminal
        assert "[bold red]x[/] \\x1b[31mred" in [str(table.get_row_at(i)[0]) for i in range(3)]
        for row, (record, report) in enumerate(sec.table.rows_data):
            cells = [str(c) for c in table.get_row_at(row)]
            assert cells[2] == {"ready": "Ready", "draft": "Draft"}[record["status"]]
            assert cells[3] == str(report.score)
            assert cells[4] == report.summary  # "7/9 slots, 8 errors, 16 warnings"
        draft = next(rep for r, rep in sec.table.rows_data if r["id"] == DRAFT)
        assert draft.summary.startswith("7/9 slots") and draft.errors
        assert app.focused is table  # keys work at once: n, enter, d …
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        for row, (_record, report) in enumerate(sec.table.rows_data):
            shown = str(table.get_row_at(row)[4])
            assert report.summary.startswith(shown.removesuffix("…"))  # cut, never wrong
        # search (no diacritics needed), filters, and c to copy
        await pilot.press("slash", *"doanh thu")  # no diacritics needed
        await pilot.pause()
        assert titles(sec) == ["Doanh thu ngành năm 2022"]
        assert sec.query_one("#msg-count").text == "1 / 3"
        await pilot.press("escape")  # back to the list: its keys work again, the search stays
        await pilot.pause()
        assert app.focused is table and titles(sec) == ["Doanh thu ngành năm 2022"]
        for key in ("down", "enter"):
            await pilot.press("slash")
            type_fast(app, key, "zz")  # in one burst: the keys after Down or Enter are the list's
            await pilot.pause(0.3)
            assert app.focused is table and sec.search_input.value == "doanh thu"
        type_fast(app, "/", "doanh", "enter", "zz")  # "/" and all, from the list ("/" selects
        await pilot.pause(0.3)  # the search, so typing replaces it)
        assert app.focused is table and sec.search_input.value == "doanh"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert len(titles(sec)) == 3
        sec.query_one("#msg-status").value = "draft"
        await pilot.pause()
        assert {r["id"] for r, _ in sec.table.rows_data} == {WORKFORCE, DRAFT}
        sec.query_one("#msg-kind").value = "policy"
        await pilot.pause()
        assert [r["id"] for r, _ in sec.table.rows_data] == [DRAFT]
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert len(titles(sec)) == 3
        # c copies the press release of the message under the cursor
        record = sec.current_record()
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == compose(record, "release").text()
        assert any(n.startswith("Copied the press release") for n in notes(app))


async def _new_policy_draft_from_the_template(app, pilot, cards) -> None:
    sec = await open_messages(pilot)
    await pilot.press("n")
    await until(pilot, lambda: app.screen.query("#new-templates"), "the template dialog")
    options = app.screen.query_one("#new-templates")
    assert options.get_option_at_index(0).id == "tpl-policy"
    await pilot.press(*"Dich vu cong truc tuyen", "enter")
    await until(
        pilot,
        lambda: sec.editor is not None and sec.editor.report is not None,
        "the editor of the new draft",
    )
    record = find_message(cards.load(), "Dich vu cong truc tuyen")
    assert record["kind"] == "policy" and record["template"] == "policy"
    assert record["status"] == "draft"
    editor = sec.editor
    assert editor.record_id == record["id"]
    assert app.focused.id == "f-headline"  # the first empty required slot
    assert editor.report.slots_filled == 0 and editor.report.errors


async def _delete_asks_and_undo_brings_it_back(app, pilot, cards) -> None:
    sec = await open_messages(pilot)
    first = sec.table.current_id
    await pilot.press("d")
    await pilot.pause()
    await pilot.press("n")  # the dialog's "No"
    await idle(pilot)
    assert len(sec.table.rows_data) == 3
    await pilot.press("d")
    await pilot.pause()
    await pilot.press("y")
    await idle(pilot)
    assert first not in {r["id"] for r, _ in sec.table.rows_data}
    assert cards.load().by_id("messages")[first]["deleted"]
    assert any("Press u to undo" in n for n in notes(app))
    await pilot.press("u")
    await idle(pilot)
    assert first in {r["id"] for r, _ in sec.table.rows_data}
    assert not cards.load().by_id("messages")[first].get("deleted")


async def _choose_status(pilot, status: str) -> None:
    await pilot.press("s")
    await until(pilot, lambda: pilot.app.screen.query("#status-options"), "the status dialog")
    options = pilot.app.screen.query_one("#status-options")
    options.highlighted = ["draft", "ready", "archived"].index(status)
    await pilot.press("enter")
    await idle(pilot)


async def _ready_is_refused_with_the_errors_shown_and_accepted_without(app, pilot, cards) -> None:
    sec = await open_messages(pilot)
    index = next(i for i, (r, _) in enumerate(sec.table.rows_data) if r["id"] == DRAFT)
    sec.table.move_cursor(row=index)
    await pilot.pause()
    await _choose_status(pilot, "ready")
    assert find_message(cards.load(), DRAFT)["status"] == "draft"
    refusal = next(n for n in notes(app) if n.startswith("Not ready:"))
    assert "Problem: Fill in Problem" in refusal  # each reason, in the store's words
    assert "• " in refusal
    # a complete draft (warnings only) becomes ready, and the cursor follows it to the top
    index = next(i for i, (r, _) in enumerate(sec.table.rows_data) if r["id"] == WORKFORCE)
    sec.table.move_cursor(row=index)
    await pilot.pause()
    await _choose_status(pilot, "ready")
    assert find_message(cards.load(), WORKFORCE)["status"] == "ready"
    assert sec.table.current_id == WORKFORCE
    assert sec.table.cursor_row == 0


async def _outside_change_refreshes_and_keeps_the_cursor(app, pilot, cards) -> None:
    sec = await open_messages(pilot)
    index = next(i for i, (r, _) in enumerate(sec.table.rows_data) if r["id"] == DRAFT)
    sec.table.move_cursor(row=index)
    await pilot.pause()
    before = app.data
    # another process (the CLI) changes another message: it moves to the top
    update_message(cards, WORKFORCE, {"headline": "1.5 million people work in the sector"})
    await reloaded(pilot, before)
    await pilot.pause(0.1)
    assert sec.table.rows_data[0][0]["id"] == WORKFORCE
    assert sec.table.current_id == DRAFT
    assert sec.table.rows_data[0][0]["headline"] == "1.5 million people work in the sector"


async def test_a_morning_at_80x24_outside_change_status_delete_and_a_new_draft(cards):
    """One session: someone else edits, ready is refused then granted, a deletion is undone,
    and a new draft starts from the policy template."""
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(80, 24)) as pilot:
        await _outside_change_refreshes_and_keeps_the_cursor(app, pilot, cards)
        await _ready_is_refused_with_the_errors_shown_and_accepted_without(app, pilot, cards)
        await _delete_asks_and_undo_brings_it_back(app, pilot, cards)
        await _new_policy_draft_from_the_template(app, pilot, cards)
