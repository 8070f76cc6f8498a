"""Opening cards fast (tui/messages/editor_open.py): the editor is built once and refilled for the
cards opened after it. A refilled card must be the card a new editor shows, its last slots must
work as the first ones do, and nothing of a card may reach the next one, or outlive it."""

from __future__ import annotations

import gc
import weakref

import pytest
from msgkit import (  # noqa: F401 - fixtures are found by name
    DRAFT,
    REVENUE,
    WORKFORCE,
    cards_store,
    close_card,
    frozen_clock,
    idle,
    open_message,
    section,
    until,
)

from store.messages import create_message, find_message
from tui.app import create_app
from tui.messages.editor import DEBOUNCE
from tui.messages.fields import TextField
from tui.messages.figures import FiguresField

pytestmark = pytest.mark.usefixtures("frozen")


def slot_state(editor, slot: str) -> str:
    return next(s.state for s in editor.report.checklist if s.slot == slot)


async def settled(pilot) -> None:
    """The footer follows the cursor a moment after the card shows."""
    await idle(pilot)
    await pilot.pause(0.3)


async def test_the_last_slot_of_a_refilled_card_is_checked_and_saved(cards):
    """Typing in the last slot of a card opened in the editor of the one before: the checklist
    follows, the save goes to this card, and the card before is left as it was."""
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_message(pilot, DRAFT)
        await close_card(pilot)
        assert await open_message(pilot, REVENUE) is editor
        draft_before = find_message(cards.load(), DRAFT)
        last = list(editor.form.fields)[-1]
        assert last == "social_post" and slot_state(editor, "social") == "empty"
        editor.form.fields[last].focus()
        await pilot.press(*"Doanh thu 2022: 3.893.595 ty dong")
        await pilot.pause(DEBOUNCE + 0.2)
        assert slot_state(editor, "social") != "empty"
        assert "unsaved" in str(editor.query_one("#ed-title").render())
        line = editor.checklist.option_list.get_option_at_index(
            next(i for i, (s, f) in enumerate(editor.checklist.items) if s == "social" and not f)
        )
        assert not str(line.prompt).startswith("○")
        await pilot.press("ctrl+s")
        await idle(pilot)
        assert find_message(cards.load(), REVENUE)["social_post"] == (
            "Doanh thu 2022: 3.893.595 ty dong"
        )
        assert find_message(cards.load(), DRAFT) == draft_before
        await pilot.press("f5")  # the preview, built again for this card
        await until(pilot, lambda: editor.view == "preview", "the preview")
        assert "3.893.595" in editor.preview.shown


async def test_a_save_still_running_does_not_reach_the_next_card(cards, monkeypatch):
    """Another card opened while the last one's save is still being written: the save lands in
    its own message, and the card now in the editor is not touched by its result; nor by a
    check that runs while its fields change hands (one once mixed the two cards)."""
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_message(pilot, DRAFT)
        editor.form.fields["problem"].text = "Hồ sơ giấy mất nhiều ngày."
        refill_figures = FiguresField.reset

        async def a_check_meanwhile(field, rows, lang):
            editor.run_checks(force=True)  # as the typing timer would, halfway through
            await refill_figures(field, rows, lang)

        monkeypatch.setattr(FiguresField, "reset", a_check_meanwhile)
        sec = section(app)
        revenue = find_message(cards.load(), REVENUE)
        sec.run_worker(sec.open_editor(revenue))  # saves the draft, then loads the revenue card
        await until(pilot, lambda: editor.record_id == REVENUE and editor.report, "the card")
        await idle(pilot)
        await pilot.pause(0.2)
        assert find_message(cards.load(), DRAFT)["problem"] == "Hồ sơ giấy mất nhiều ngày."
        assert editor.state.base["id"] == REVENUE
        assert editor.form.fields["problem"].text == revenue["problem"]
        assert editor.form.fields["proposal"].text == revenue["proposal"]  # after the figures
        assert editor.state.dirty(editor.values()) == []
        assert "unsaved" not in str(editor.query_one("#ed-title").render())


async def test_a_card_with_other_slots_gets_its_own_form_kept_for_the_next(cards):
    crisis = create_message(
        cards, {"title": "Mất điện", "kind": "crisis", "language": "vi"}, template="crisis"
    )
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_message(pilot, DRAFT)
        policy_form = editor.form
        await close_card(pilot)
        assert await open_message(pilot, crisis["id"]) is editor
        crisis_form = editor.form
        assert crisis_form is not policy_form and not policy_form.display
        assert "facts" in editor.form.fields and "problem" not in editor.form.fields
        assert editor.form.fields["facts"].text == "" and slot_state(editor, "facts") == "error"
        await close_card(pilot)
        assert await open_message(pilot, REVENUE) is editor  # the policy form, kept
        assert editor.form is policy_form and not crisis_form.display
        assert editor.form.fields["problem"].text == find_message(cards.load(), REVENUE)["problem"]
        assert editor.query_one("#slot-problem") in policy_form.walk_children()  # found first
        await close_card(pilot)
        assert await open_message(pilot, crisis["id"]) is editor
        assert editor.form is crisis_form and slot_state(editor, "facts") == "error"
        assert gc.isenabled()  # held while a card opens, and released (gchold.py)


async def test_a_form_no_longer_kept_is_freed(cards, monkeypatch):
    """A TextArea is held by the app's theme watchers and the screen's selection signal until
    they are dropped (fieldbase.py), and any widget by Textual's cache of lookups: the fields of
    a form removed must not outlive it."""
    import tui.messages.editor as editor_module

    monkeypatch.setattr(editor_module, "FORMS_KEPT", 1)
    crisis = create_message(
        cards, {"title": "Mất điện", "kind": "crisis", "language": "vi"}, template="crisis"
    )
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_message(pilot, DRAFT)
        old = [weakref.ref(w) for w in editor.form.query(TextField)]
        assert old
        await close_card(pilot)
        assert await open_message(pilot, crisis["id"]) is editor
        assert len(editor.query(".ed-form")) == 1
        await idle(pilot)
        assert app.screen.focus_chain  # (Textual keeps its last list of children until then)
        gc.collect()
        assert [ref for ref in old if ref() is not None] == []
