"""The card's text fields follow the terminal's width: resized from 80 to 120 columns (and
back), every line of a field shows whole, wrapped at the field's new width."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.widgets import TextArea

sys.path.insert(0, str(Path(__file__).parent / "messages"))

from msgkit import REVENUE, cards_store, frozen_clock, open_message  # noqa: F401

from tui.app import create_app

pytestmark = pytest.mark.usefixtures("frozen")


def shown_fields(app, editor) -> dict[str, str]:
    """What the screen shows of each text field wholly in view: its lines, cut to its box."""
    screen = [strip.text for strip in app.screen._compositor.render_strips()]
    view = editor.form.region
    out = {}
    for name, field in editor.form.fields.items():
        region = field.region
        if not isinstance(field, TextArea) or not field.text or region.height == 0:
            continue
        if region.y < view.y or region.bottom > view.bottom:
            continue
        lines = [line[region.x : region.right] for line in screen[region.y : region.bottom]]
        out[name] = " ".join(" ".join(lines).split())
    return out


@pytest.mark.parametrize("sizes", [((80, 24), (120, 35)), ((120, 35), (80, 24))])
async def test_text_fields_rewrap_when_the_terminal_is_resized(cards, sizes):
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=sizes[0]) as pilot:
        editor = await open_message(pilot, REVENUE)
        await pilot.resize_terminal(*sizes[1])
        await pilot.pause(0.3)
        shown = shown_fields(app, editor)
        assert {"headline", "lead"} <= set(shown)  # the top of the card is in view
        for name, text in shown.items():
            assert text == " ".join(editor.form.fields[name].text.split()), name
