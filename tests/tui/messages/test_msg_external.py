"""$EDITOR round trips from the editor: one field, the whole card (store.cardfile's strict
parser), and a malformed card that changes nothing and is offered again for fixing.

The editor is a real process: a Python script named by $EDITOR that rewrites the file. Headless
tests cannot suspend the app, so tui/messages/external.py runs it without a terminal there.
"""

from __future__ import annotations

import pytest
from msgkit import (  # noqa: F401 - fixtures are found by name
    DRAFT,
    REVENUE,
    cards_store,
    close_card,
    fake_editor,
    frozen_clock,
    idle,
    notes,
    open_message,
)

from store.messages import find_message
from tui.app import create_app
from tui.messages.editor import DEBOUNCE

pytestmark = pytest.mark.usefixtures("frozen")

HEADLINE = """
lines = text.split("\\n")
i = lines.index("## headline") + 1
while lines[i].startswith("<!--"):
    i += 1
lines[i] = "Tiêu đề sửa trong trình soạn thảo"
path.write_text("\\n".join(lines), encoding="utf-8")
"""
BREAK = """
text = text.replace("---\\n", "---\\nnot a header line\\n", 1).replace("## lead", "## leed")
path.write_text(text, encoding="utf-8")
"""
MEND = """
text = text.replace("not a header line\\n", "").replace("## leed", "## lead")
path.write_text(text.replace("Tiêu đề sửa", "Tiêu đề đã sửa"), encoding="utf-8")
"""


async def test_a_field_then_the_whole_card_in_the_editor_and_back_or_not(
    cards, tmp_path, monkeypatch
):
    monkeypatch.setenv(
        "EDITOR",
        fake_editor(
            tmp_path,
            ("path.write_text(text.rstrip('\\n') + ' Thêm một câu.\\n', encoding='utf-8')\n"),
        ),
    )
    monkeypatch.delenv("VISUAL", raising=False)
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_message(pilot, REVENUE)
        lead = editor.form.fields["lead"]
        before = lead.text
        lead.focus()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert lead.text == before + " Thêm một câu."
        assert (tmp_path / "seen.txt").read_text(encoding="utf-8").startswith(before)
        assert app.focused is lead
        await pilot.pause(DEBOUNCE + 0.1)
        assert "lead" in editor.state.dirty(editor.values())
        # an editor that fails changes nothing
        monkeypatch.setenv("EDITOR", fake_editor(tmp_path, "sys.exit(3)\n", "fail.py"))
        values = editor.values()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "The editor exited with code 3; nothing was changed." in notes(app)
        assert editor.values() == values
        await close_card(pilot)
        await _the_whole_card_in_the_editor_changes_only_what_was_edited_or_nothing(
            app, pilot, cards, tmp_path / "card", monkeypatch
        )


async def _the_whole_card_in_the_editor_changes_only_what_was_edited_or_nothing(
    app, pilot, cards, tmp_path, monkeypatch
) -> None:
    tmp_path.mkdir()
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, HEADLINE))
    monkeypatch.delenv("VISUAL", raising=False)
    editor = await open_message(pilot, DRAFT)
    effective = editor.form.fields["policy_effective"]
    effective.value = "31/02/2024"  # typed, not valid, not saved: must survive the card
    await pilot.pause(DEBOUNCE + 0.1)
    await pilot.press("ctrl+g")
    await pilot.pause(0.1)
    seen = (tmp_path / "seen.txt").read_text(encoding="utf-8")
    assert "## headline" in seen and "title: Nháp: tuyên truyền chuyển đổi số" in seen
    assert editor.form.fields["headline"].text == "Tiêu đề sửa trong trình soạn thảo"
    assert effective.value == "31/02/2024"
    assert any(n.startswith("Taken from the card: Headline.") for n in notes(app))
    effective.value = ""
    await pilot.press("ctrl+s")
    await idle(pilot)
    assert find_message(cards.load(), DRAFT)["headline"] == ("Tiêu đề sửa trong trình soạn thảo")
    # a malformed card is refused with line numbers, and offered again for fixing
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, BREAK, "break.py"))
    values = editor.values()
    await pilot.press("ctrl+g")
    await pilot.pause(0.1)
    refusal = next(n for n in notes(app) if n.startswith("The card was not applied"))
    assert "line 3: write “key: value” here" in refusal
    assert "unknown section 'leed'" in refusal
    assert editor.values() == values  # the old version stays
    broken = editor.rejected_card
    assert broken is not None and "not a header line" in broken
    # the next round opens what was typed, not a fresh card: nothing is lost
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, MEND, "mend.py"))
    await pilot.press("ctrl+g")
    await pilot.pause(0.1)
    seen = (tmp_path / "seen.txt").read_text(encoding="utf-8").split("\n=====\n")
    assert seen[2] == broken
    assert editor.rejected_card is None
    assert editor.form.fields["headline"].text == "Tiêu đề đã sửa trong trình soạn thảo"
    assert editor.form.fields["lead"].text == values["lead"]
