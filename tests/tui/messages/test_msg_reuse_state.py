"""Nothing of one card reaches the next opened in the same editor (tui/messages/editor_open.py),
and nothing of a card outlives it.

A card's "fingerprint" is everything a person could see or reach of it: every field's value,
cursor, scroll position and undo history, its placeholder, the error lines, the slot being edited
and its hint, the figures (folded or not), the checklist and its cursor, the header, the view and
the focus. A card refilled after another, whatever was done there, must have the fingerprint it
has when opened first in a new app."""

from __future__ import annotations

import gc
import weakref
from typing import Any

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
from textual.widgets import Input, TextArea

from store.messages import create_message, find_message
from tui.app import create_app
from tui.messages.editor import DEBOUNCE, MessageEditor
from tui.messages.fields import TextField
from tui.messages.figures import FigureInput, FiguresField
from tui.messages.form import CardForm, SlotBox

pytestmark = pytest.mark.usefixtures("frozen")

SIZE = (100, 30)


def field_print(widget: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": type(widget).__name__, "value": widget.form_value}
    if isinstance(widget, TextArea):
        out |= {
            "selection": tuple(widget.selection),
            "scroll": tuple(widget.scroll_offset),
            "undo": len(widget.history._undo_stack),
            "redo": len(widget.history._redo_stack),
            "placeholder": str(widget.placeholder),
        }
    elif isinstance(widget, Input):
        out |= {
            "selection": tuple(widget.selection),
            "scroll": tuple(widget.scroll_offset),
            "placeholder": str(widget.placeholder),
        }
    elif isinstance(widget, FiguresField):
        out["rows"] = [
            (row.number, row.is_open, str(row.query_one(".figure-title").render()))
            for row in widget.figure_rows
        ]
    return out


def fingerprint(app, editor: MessageEditor) -> dict[str, Any]:
    form = editor.form
    focused = app.focused
    boxes = {}
    for box in form.query(SlotBox):
        hints = [str(h.render()) for h in box.query(".slot-hint") if h.display]
        boxes[box.slot] = (
            box.has_class("-current"),
            hints if box.has_class("-current") else [],
            str(box.query_one(".slot-heading").render()),
        )
    options = editor.checklist.option_list
    return {
        "fields": {name: field_print(w) for name, w in form.fields.items()},
        "errors": {n: str(lbl.render()) for n, lbl in form.error_labels.items() if lbl.display},
        "boxes": boxes,
        "meta_current": form.query_one("#box-meta").has_class("-current"),
        "form_scroll": tuple(form.scroll_offset),
        "checklist": [
            str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
        ],
        "checklist_cursor": options.highlighted,
        "checklist_scroll": tuple(options.scroll_offset),
        "title": str(editor.query_one("#ed-title").render()),
        "timer": editor.query_one("#ed-timer").display,
        "view": editor.view,
        "preview_built": editor.has_preview,
        "classes": sorted(editor.classes),
        "focus": getattr(focused, "field_name", None) or getattr(focused, "id", None),
        "dirty": editor.state.dirty(editor.values()),
    }


async def settled(pilot) -> None:
    """The cursor comes with the first paint; the checks' timer may follow a typed change."""
    await idle(pilot)
    await pilot.pause(DEBOUNCE + 0.1)


async def open_settled(pilot, record_id: str) -> MessageEditor:
    editor = await open_message(pilot, record_id)
    await settled(pilot)
    return editor


def crisis_card(cards) -> str:
    return create_message(
        cards,
        {"title": "Mất điện diện rộng", "kind": "crisis", "language": "vi"},
        template="crisis",
    )["id"]


async def fresh_prints(cards, ids: list[str]) -> dict[str, dict]:
    """Each card as a new app opens it first (one app each: no editor before it)."""
    prints = {}
    for record_id in ids:
        app = create_app(cards, lang="en", config={})
        async with app.run_test(size=SIZE) as pilot:
            prints[record_id] = fingerprint(app, await open_settled(pilot, record_id))
    return prints


async def work_on(pilot, editor: MessageEditor, name: str, text: str, keep: bool = True) -> None:
    """Type in a field (and take it back unless `keep`: an undo history, nothing saved), move
    the cursor, scroll; leave an error line, the preview and the checklist's cursor behind."""
    editor.form.focus_field(name)
    await pilot.pause(0.1)
    await pilot.press("end", *text)
    if not keep:
        await pilot.press(*["backspace"] * len(text))
    await pilot.press("home", "right", "right")
    date = next((n for n in ("policy_effective", "incident_at") if n in editor.form.fields), None)
    if date:
        before = editor.form.fields[date].value
        editor.form.fields[date].value = "not a date"
        await until(pilot, lambda: date in editor.errors, "an error line")
        editor.form.fields[date].value = before  # (a card with an error does not close)
        await until(pilot, lambda: date not in editor.errors, "the error gone")
    await pilot.press("f8")  # the checklist, its cursor on a finding
    await until(pilot, lambda: editor.checklist.option_list.highlighted is not None, "cursor")
    await pilot.press("f5")
    await until(pilot, lambda: editor.view == "preview", "the preview")
    await pilot.press("f5")
    editor.form.scroll_end(animate=False, immediate=True)
    await pilot.pause(DEBOUNCE + 0.1)


async def test_a_card_opened_after_others_is_the_card_a_new_app_opens(cards):
    crisis = crisis_card(cards)
    fresh = await fresh_prints(cards, [WORKFORCE, crisis, REVENUE])
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_settled(pilot, DRAFT)
        await work_on(pilot, editor, "problem", " Chờ lâu, rất lâu.")
        await close_card(pilot)  # saved
        # the same form (policy and achievement have the same slots), another language
        assert await open_settled(pilot, WORKFORCE) is editor
        assert fingerprint(app, editor) == fresh[WORKFORCE]
        await work_on(pilot, editor, "lead", " Thêm một câu.", keep=False)
        await close_card(pilot)
        # another form: new the first time, refilled the second
        assert await open_settled(pilot, crisis) is editor
        assert fingerprint(app, editor) == fresh[crisis]
        await work_on(pilot, editor, "facts", "Điện mất từ 9 giờ.")
        await close_card(pilot)
        assert await open_settled(pilot, REVENUE) is editor  # figures: rows reused
        assert fingerprint(app, editor) == fresh[REVENUE]
        await editor.form.fields["figures"].figure_rows[0].toggle()
        await close_card(pilot)
        assert await open_settled(pilot, WORKFORCE) is editor
        assert fingerprint(app, editor) == fresh[WORKFORCE]
        await close_card(pilot)
        assert await open_settled(pilot, crisis) is editor
        print_ = fingerprint(app, editor)
        # the crisis card was saved with its facts: its own new value, nothing else
        assert print_["fields"]["facts"]["value"] == "Điện mất từ 9 giờ."
        assert "Chờ lâu" not in str(print_) and "Thêm một câu" not in str(print_)
    saved = find_message(cards.load(), DRAFT)
    assert saved["problem"] == "Chờ lâu, rất lâu."


async def test_undo_in_a_card_never_brings_back_the_card_before(cards):
    crisis = crisis_card(cards)
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_settled(pilot, DRAFT)
        draft_problem = editor.form.fields["problem"].text
        editor.form.focus_field("problem")
        await pilot.pause(0.1)
        await pilot.press("end", *" Người dân chờ lâu.")
        assert editor.form.fields["problem"].text.endswith("chờ lâu.")
        await pilot.press("escape")  # saved and closed
        await until(pilot, lambda: section(app).editor is None, "the list")
        await idle(pilot)
        for record_id, name in ((REVENUE, "problem"), (WORKFORCE, "problem"), (crisis, "facts")):
            editor = await open_settled(pilot, record_id)
            own = find_message(cards.load(), record_id).get(name) or ""
            field = editor.form.fields[name]
            assert field.text == own
            field.focus()
            await pilot.pause(0.05)
            await pilot.press("ctrl+z", "ctrl+z", "ctrl+z", "ctrl+y")
            assert field.text == own, record_id
            assert editor.state.dirty(editor.values()) == []
            await pilot.press(*"xyz")
            await close_card(pilot)
        # back to the first card: what was saved, with no undo of the others' typing
        editor = await open_settled(pilot, DRAFT)
        field = editor.form.fields["problem"]
        saved = find_message(cards.load(), DRAFT)["problem"]
        assert saved == (draft_problem + " Người dân chờ lâu.").strip()
        assert field.text == saved
        field.focus()
        await pilot.press("ctrl+z", "ctrl+z")
        assert field.text == saved
    assert find_message(cards.load(), REVENUE)["problem"].startswith("xyz")  # cursor at start


async def test_cards_opened_all_day_leave_nothing_behind(cards):
    """Each card's field widgets are reused or freed: opening more cards does not grow the
    number of live editors, forms and text areas, and the inputs of a figure opened and folded
    away by the next card are freed (a TextArea or Input is otherwise held by the app's theme
    watchers, the screen's signal and Textual's lookup caches: fieldbase.py). (Textual keeps the
    last few arrangements of a figure row: the last round's inputs may live a little longer.)"""
    crisis = crisis_card(cards)

    def alive(kind: type) -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, kind))

    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=SIZE) as pilot:
        counts = []
        figure_inputs: list[list[weakref.ref]] = []
        for _round in range(2):
            for record_id in (DRAFT, crisis, REVENUE):  # the figure folds with the next DRAFT
                editor = await open_settled(pilot, record_id)
                if record_id == REVENUE:
                    row = editor.form.fields["figures"].figure_rows[0]
                    await row.toggle()  # open: seven inputs, removed when the next card comes
                    figure_inputs.append([weakref.ref(w) for w in row.query(FigureInput)])
                    assert len(figure_inputs[-1]) == 7
                await close_card(pilot)
            await idle(pilot)
            counts.append(
                (alive(MessageEditor), alive(CardForm), alive(TextField), alive(FigureInput))
            )
        assert counts[0] == counts[1], counts
        assert counts[0][:2] == (1, 2)  # one editor, with a policy form and a crisis form
        assert counts[0][3] <= 7
        gc.collect()
        assert [r for refs in figure_inputs[:-1] for r in refs if r() is not None] == []
