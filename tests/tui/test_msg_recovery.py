"""Changes kept when the app closed (a date the store would cut, a write that failed) come back:
opening their card says so and offers Restore / Later / Discard. Restore puts them into the
fields as unsaved changes (checked, saved as usual) and only then deletes the file; Later leaves
it (the palette and the next opening offer it again); Discard asks first. A file that cannot be
read is named and left alone."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Button

sys.path.insert(0, str(Path(__file__).parent / "messages"))

from msgkit import (  # noqa: F401 - fixtures are found by name
    DRAFT,
    REVENUE,
    cards_store,
    close_card,
    frozen_clock,
    idle,
    notes,
    open_message,
    section,
    until,
)
from test_msg_input_keys import settle, stored, type_fast

from store import recovery
from tui.app import create_app
from tui.messages.recovery import RecoveryScreen
from tui.screens.dialogs import ConfirmScreen

pytestmark = pytest.mark.usefixtures("frozen")

WHEN = datetime(2026, 11, 26, 13, 15, tzinfo=UTC)
DATE = "2024-07-01 Cục Thuế"
PROBLEM = "Người dân chờ lâu ở bộ phận một cửa."


def kept_files() -> list[Path]:
    return sorted(recovery.folder().glob("message-*.json"))


def keep(changes: dict, *, now: datetime = WHEN, record_id: str = DRAFT) -> Path:
    return recovery.keep(record_id, changes, was={n: None for n in changes}, now=now)


async def offered(pilot) -> RecoveryScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, RecoveryScreen), "the offer")
    await pilot.pause()
    return pilot.app.screen


def dialog_text(screen) -> str:
    return str(screen.query_one(".dialog-text").render())


def title_of(editor) -> str:
    return str(editor.query_one("#ed-title").render())


def error_under(editor, name: str) -> str:
    label = editor.form.error_labels.get(name)
    return str(label.render()) if label is not None and label.display else ""


async def test_quit_with_a_cut_date_then_restore_it_fix_it_and_save(cards):
    """The whole way: the date kept on quitting is offered on the next start, restored into its
    field as an unsaved change (its error shown), and saved once fixed."""
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(120, 35)) as pilot:
        editor = await open_message(pilot, DRAFT)
        editor.form.fields["policy_effective"].focus()
        await pilot.pause()
        type_fast(app, DATE)
        await settle(pilot)
        await pilot.press("ctrl+q")
    (path,) = kept_files()

    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(120, 35)) as pilot:
        editor = await open_message(pilot, DRAFT)
        screen = await offered(pilot)
        text = dialog_text(screen)
        assert "these changes to this card could not be saved" in text
        assert f"• Takes effect on: {DATE}" in text
        assert screen.focused is screen.query_one("#restore", Button)
        assert path.exists()
        await pilot.press("enter")  # Restore
        await until(pilot, lambda: not kept_files(), "the file removed")
        await settle(pilot)
        field = editor.form.fields["policy_effective"]
        assert field.value == DATE
        assert "unsaved" in title_of(editor)
        assert f"'{DATE}' is not a date" in error_under(editor, "policy_effective")
        assert any(n.startswith("Restored the changes kept on") for n in notes(app))
        assert "policy_effective" not in stored(cards, DRAFT)
        field.focus()
        await pilot.press("end")
        type_fast(app, *["backspace"] * (len(DATE) - len("2024-07-01")), "ctrl+s")
        await settle(pilot)
        assert field.value == "2024-07-01", notes(app)[-3:]
        assert stored(cards, DRAFT)["policy_effective"] == "2024-07-01"
        assert "unsaved" not in title_of(editor)


async def test_later_keeps_the_file_and_asks_again_from_the_palette_and_on_reopening(cards):
    path = keep({"problem": PROBLEM})
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(120, 35)) as pilot:
        editor = await open_message(pilot, DRAFT)
        await offered(pilot)
        await pilot.press("escape")  # Later
        await pilot.pause()
        assert not isinstance(app.screen, RecoveryScreen)
        assert path.exists() and editor.form.fields["problem"].text != PROBLEM
        assert "unsaved" not in title_of(editor)
        names = [c.title for c in section(app).palette_commands()]
        restore = "message: restore changes kept when the app closed…"
        assert restore in names
        command = next(c for c in section(app).palette_commands() if c.title == restore)
        command.callback()
        await offered(pilot)
        await pilot.press("escape")
        await close_card(pilot)
        await open_message(pilot, DRAFT)  # the same card again (the editor reused)
        await offered(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: not path.exists(), "the file removed")
        assert section(app).editor.form.fields["problem"].text == PROBLEM
        assert restore not in [c.title for c in section(app).palette_commands()]


async def test_discard_asks_first_and_no_goes_back_to_the_choice(cards):
    path = keep({"problem": PROBLEM})
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(120, 35)) as pilot:
        editor = await open_message(pilot, DRAFT)
        screen = await offered(pilot)
        await pilot.click(screen.query_one("#discard", Button))
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert str(path) in str(app.screen.query_one(".dialog-text").render())
        await pilot.press("escape")  # no: back to Restore / Later / Discard
        screen = await offered(pilot)
        assert path.exists()
        await pilot.click(screen.query_one("#discard", Button))
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await until(pilot, lambda: not path.exists(), "the file deleted")
        assert notes(app)[-1].startswith("Discarded the changes kept on")
        assert editor.form.fields["problem"].text != PROBLEM
        assert "unsaved" not in title_of(editor)


async def test_several_files_merge_in_time_order_and_all_go_once_restored(cards):
    older = keep({"problem": PROBLEM, "lead": "Bản cũ."}, now=WHEN)
    newer = keep({"lead": "Bản mới."}, now=WHEN + timedelta(hours=2))
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(120, 35)) as pilot:
        editor = await open_message(pilot, DRAFT)
        text = dialog_text(await offered(pilot))
        assert "(2 times, the last on" in text
        assert "• Lead: Bản mới." in text and "Bản cũ" not in text
        assert f"• Problem: {PROBLEM}" in text
        await pilot.press("enter")
        await until(pilot, lambda: not kept_files(), "both files removed")
        assert editor.form.fields["lead"].text == "Bản mới."
        assert editor.form.fields["problem"].text == PROBLEM
        assert not older.exists() and not newer.exists()


async def test_a_kind_kept_rebuilds_the_card_with_its_slots(cards):
    keep({"kind": "crisis", "empathy": "Chúng tôi chia sẻ với các gia đình."})
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(120, 35)) as pilot:
        editor = await open_message(pilot, DRAFT)
        assert "empathy" not in editor.form.fields
        await offered(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: not kept_files(), "the file removed")
        await settle(pilot)
        assert editor.form.kind == "crisis"
        assert editor.form.fields["empathy"].text == "Chúng tôi chia sẻ với các gia đình."
        assert editor.values()["kind"] == "crisis" and "unsaved" in title_of(editor)


async def test_an_unreadable_file_is_named_and_left_and_the_good_one_still_offered(cards):
    recovery.folder().mkdir(parents=True, exist_ok=True)
    broken = recovery.folder() / f"message-{DRAFT[:8]}-20261126T120000.json"
    broken.write_text('{"id": "' + DRAFT + '", "changes": {"lead": ', encoding="utf-8")
    wrong = keep({"audiences": "người dân"}, now=WHEN - timedelta(hours=1))  # not a list
    good = keep({"problem": PROBLEM})
    other = keep({"problem": "khác"}, record_id=REVENUE)
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(120, 35)) as pilot:
        editor = await open_message(pilot, DRAFT)
        text = dialog_text(await offered(pilot))
        assert "Audiences" not in text and f"• Problem: {PROBLEM}" in text
        said = [n for n in notes(app) if n.startswith("Could not read the kept changes")]
        assert len(said) == 2
        assert any(str(broken) in n and "not JSON" in n for n in said)
        assert any(str(wrong) in n and "Audiences: not a list" in n for n in said)
        await pilot.press("enter")
        await until(pilot, lambda: not good.exists(), "the good file removed")
        assert editor.form.fields["problem"].text == PROBLEM
        assert broken.exists() and wrong.exists() and other.exists()


async def test_a_restore_that_fails_keeps_the_file_and_says_so(cards, monkeypatch):
    path = keep({"problem": PROBLEM})
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(120, 35)) as pilot:
        editor = await open_message(pilot, DRAFT)
        await offered(pilot)

        def refuse(name, value) -> None:
            raise RuntimeError("widget gone")

        monkeypatch.setattr(editor.form, "set_value", refuse)
        await pilot.press("enter")
        await until(
            pilot, lambda: any("Could not put the kept" in n for n in notes(app)), "the failure"
        )
        assert str(path) in notes(app)[-1] and "Problem" in notes(app)[-1]
        assert path.exists() and json.loads(path.read_text())["changes"] == {"problem": PROBLEM}


async def test_changes_already_saved_are_not_offered_and_their_file_goes(cards):
    """The same text was saved since (from the CLI, another window): nothing can be lost."""
    from store.messages import update_message

    update_message(cards, DRAFT, {"problem": PROBLEM})
    path = keep({"problem": PROBLEM})
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(120, 35)) as pilot:
        await open_message(pilot, DRAFT)
        await until(pilot, lambda: not path.exists(), "the file removed")
        assert not isinstance(app.screen, RecoveryScreen)
        assert notes(app)[-1].endswith("are already saved in this card.")


async def test_the_offer_says_which_fields_changed_in_the_card_since(cards):
    from store.messages import update_message

    recovery.keep(DRAFT, {"problem": PROBLEM}, was={"problem": "Bản lúc đó."}, now=WHEN)
    update_message(cards, DRAFT, {"problem": "Người khác đã sửa."})
    app = create_app(cards, lang="en", config={})
    async with app.run_test(size=(120, 35)) as pilot:
        await open_message(pilot, DRAFT)
        text = dialog_text(await offered(pilot))
        assert f"• Problem: {PROBLEM}  (changed in the card since)" in text
        await pilot.press("escape")
        await idle(pilot)


async def test_figures_come_back_as_typed_and_the_offer_speaks_vietnamese(cards):
    """3.893.595 typed in a Vietnamese card stays 3.893.595 (not read as a decimal)."""
    from store.i18n import set_language

    rows = [{"value": "3.893.595", "unit": "hồ sơ", "as_of": "2023-06-30"}]
    keep({"figures": rows})
    app = create_app(cards, lang="vi", config={})
    try:
        async with app.run_test(size=(120, 35)) as pilot:
            editor = await open_message(pilot, DRAFT)
            screen = await offered(pilot)
            assert "• Số liệu: 3.893.595 hồ sơ" in dialog_text(screen)
            assert str(screen.query_one("#restore", Button).label) == "Khôi phục"
            await pilot.press("enter")
            await until(pilot, lambda: not kept_files(), "the file removed")
            (row,) = editor.form.fields["figures"].form_value
            assert (row["value"], row["unit"], row["as_of"]) == ("3.893.595", "hồ sơ", "2023-06-30")
            assert notes(app)[-1].startswith("Đã khôi phục các thay đổi")
    finally:
        set_language("en")
