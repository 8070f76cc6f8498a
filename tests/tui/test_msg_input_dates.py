"""A date the store would read only in part ("2025-06-01Cục Thuế" as 2025-06-01) or not at all
("xyz"): said under the field as it is typed, refused by every save with the reason, and kept on
screen as typed (a figure's "as of" as the policy's "takes effect on")."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from textual.widgets import Input

sys.path.insert(0, str(Path(__file__).parent / "messages"))

from msgkit import (  # noqa: F401 - fixtures are found by name
    DRAFT,
    REVENUE,
    cards_store,
    frozen_clock,
    idle,
    notes,
    open_message,
    section,
    until,
)
from test_msg_input_keys import settle, stored, type_fast

from store.messages import find_message
from tui.app import create_app

pytestmark = pytest.mark.usefixtures("frozen")


def test_dates_with_more_after_them_are_not_dates():
    from tui.messages.formvalues import cut_dates

    rows = [{"as_of": "2023-06-30"}, {"as_of": "2025-06-01Cục Thuế"}]
    assert cut_dates({"figures": rows, "policy_effective": "1/7/2026"}) == {
        "figures": "Figure 2: '2025-06-01Cục Thuế' is not a date; write 2024-03-15 or 15/03/2024"
    }
    assert cut_dates({"policy_effective": "2024-07-01 (dự kiến)", "lead": "2024-07-01x"}) == {
        "policy_effective": "'2024-07-01 (dự kiến)' is not a date; write 2024-03-15 or 15/03/2024"
    }
    assert cut_dates({"figures": [{"as_of": ""}], "policy_effective": " 2024-02-31 "}) == {}


async def open_as_of(pilot, editor) -> Input:
    """Figure 1 opened, the cursor in its "as of" (empty in the sample)."""
    row = editor.form.fields["figures"].figure_rows[0]
    await row.toggle()
    await pilot.pause()
    as_of = row.query_one(".fig-as_of", Input)
    as_of.focus()
    await pilot.pause()
    return as_of


def error_under(editor, name: str) -> str:
    label = editor.form.error_labels.get(name)
    return str(label.render()) if label is not None and label.display else ""


@pytest.mark.parametrize("typed", ["2025-06-01Cục Thuế", "xyz"])
async def test_a_figure_date_that_is_not_one_is_said_and_not_saved(cards, typed):
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_message(pilot, REVENUE)
        as_of = await open_as_of(pilot, editor)
        type_fast(app, typed)
        await settle(pilot)
        assert f"'{typed}' is not a date" in error_under(editor, "figures")  # before any save
        type_fast(app, "ctrl+s")
        await settle(pilot)
        assert f"Not saved: Figures: Figure 1: '{typed}' is not a date" in notes(app)[-1] or (
            f"Not saved: Figures: '{typed}' is not a date" in notes(app)[-1]
        )
        assert not any(n.startswith("Saved") for n in notes(app))
        assert "as_of" not in stored(cards, REVENUE)["figures"][0]
        assert as_of.value == typed and app.focused is as_of  # nothing typed is lost
        # fixed: saved
        type_fast(app, *["backspace"] * len(typed), "2025-06-01", "ctrl+s")
        await settle(pilot)
        assert stored(cards, REVENUE)["figures"][0]["as_of"] == "2025-06-01"
        assert error_under(editor, "figures") == "" and notes(app)[-1].startswith("Saved")


async def test_takes_effect_on_with_more_after_the_date_is_refused_everywhere(cards):
    """Every way out of the card: Escape asks before dropping it, another card does not open
    over it, and quitting saves the rest and keeps the date in a recovery file (the store is
    never given a date to cut)."""
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(120, 35)) as pilot:
        editor = await open_message(pilot, DRAFT)
        effective = editor.form.fields["policy_effective"]
        effective.focus()
        await pilot.pause()
        type_fast(app, "2024-07-01 Cục Thuế")
        await settle(pilot)
        assert "'2024-07-01 Cục Thuế' is not a date" in error_under(editor, "policy_effective")
        type_fast(app, "escape")
        await settle(pilot)
        assert app.screen.query_one("#yes") and "Not saved" in str(
            app.screen.query_one(".dialog-title").render()
        )
        await pilot.press("escape")  # keep the card
        await settle(pilot)
        sec = section(app)
        assert sec.editor is editor
        await sec.open_editor(find_message(cards.load(), REVENUE))  # the palette's "open"
        await settle(pilot)
        assert sec.editor is editor and editor.record_id == DRAFT
        assert notes(app)[-1].startswith("Not saved: Takes effect on: '2024-07-01 Cục Thuế'")
        assert effective.value == "2024-07-01 Cục Thuế"
        assert "policy_effective" not in stored(cards, DRAFT)
        editor.form.fields["problem"].text = "Người dân chờ lâu."
        await pilot.press("ctrl+q")  # the rest is saved; the date kept aside
    assert "policy_effective" not in stored(cards, DRAFT)
    assert stored(cards, DRAFT)["problem"] == "Người dân chờ lâu."
    from store.paths import data_dir

    (kept,) = (data_dir() / "unsaved").glob("message-*.json")
    assert json.loads(kept.read_text())["changes"] == {"policy_effective": "2024-07-01 Cục Thuế"}
