"""Export from the app: Markdown and email files (parsed back), never replacing a file silently,
and the clipboard."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from msgkit import (  # noqa: F401 - fixtures are found by name
    REVENUE,
    cards_store,
    frozen_clock,
    idle,
    notes,
    open_message,
    open_messages,
    until,
)

from store.compose import compose
from store.messages import find_message
from tui.app import create_app
from tui.messages.export import ExportScreen

pytestmark = pytest.mark.usefixtures("frozen")

CONFIG = {"messages": {"from": "Phòng Truyền thông <press@example.gov.vn>"}}


async def _export_dialog(pilot, record_id: str) -> ExportScreen:
    sec = await open_messages(pilot)
    index = next(i for i, (r, _) in enumerate(sec.table.rows_data) if r["id"] == record_id)
    sec.table.move_cursor(row=index)
    await pilot.pause()
    await pilot.press("x")
    await until(pilot, lambda: isinstance(pilot.app.screen, ExportScreen), "the export dialog")
    return pilot.app.screen


async def _set_path(pilot, dialog: ExportScreen, path: Path) -> None:
    dialog.query_one("#exp-path").value = str(path)
    await pilot.pause()


async def test_export_markdown_copy_and_email_from_the_list_and_the_editor(cards, home):
    """One session: Markdown named after the message (never replacing a file silently), the
    clipboard, an email to contacts found by search, and an export of unsaved text."""
    (home / "Documents").mkdir()
    app = create_app(cards, lang="en", config=CONFIG)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _export_dialog(pilot, REVENUE)
        default = home / "Documents" / "doanh-thu-nganh-nam-2022.md"
        assert dialog.query_one("#exp-path").value == str(default)
        dialog.query_one("#exp-format").value = "eml"
        dialog.query_one("#exp-variant").value = "social"
        await pilot.pause()
        assert dialog.query_one("#exp-path").value.endswith("doanh-thu-nganh-nam-2022-social.eml")
        assert dialog.query_one("#exp-mail").display
        dialog.query_one("#exp-format").value = "md"
        dialog.query_one("#exp-variant").value = "release"
        await pilot.pause()
        assert dialog.query_one("#exp-path").value == str(default)
        await pilot.click("#exp-save")
        await until(pilot, default.exists, "the file")
        record = find_message(cards.load(), REVENUE)
        assert default.read_text(encoding="utf-8") == compose(record, "release").markdown()
        assert any(n == f"Wrote {default}." for n in notes(app))
        # again, onto the same file: asked first; "no" keeps the file and the dialog
        default.write_text("keep me", encoding="utf-8")
        dialog = await _export_dialog(pilot, REVENUE)
        assert "exists" in str(dialog.query_one("#exp-note").render())
        await pilot.click("#exp-save")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause(0.2)
        assert default.read_text(encoding="utf-8") == "keep me"
        assert app.screen is dialog
        await pilot.click("#exp-save")
        await pilot.pause()
        await pilot.press("y")
        await until(pilot, lambda: default.read_text(encoding="utf-8") != "keep me", "the write")
        assert default.read_text(encoding="utf-8").startswith("# Doanh thu ngành")
        # the clipboard, from the same dialog
        dialog = await _export_dialog(pilot, REVENUE)
        dialog.query_one("#exp-format").value = "txt"
        dialog.query_one("#exp-variant").value = "talking-points"
        await pilot.pause()
        await pilot.click("#exp-copy")
        await pilot.pause()
        record = find_message(cards.load(), REVENUE)
        assert app.clipboard == compose(record, "talking-points").text()
        assert any(
            n.startswith("Copied the talking points to the clipboard (Plain text")
            for n in notes(app)
        )
        # an email to contacts found by search
        tmp_path = home
        dialog = await _export_dialog(pilot, REVENUE)
        dialog.query_one("#exp-format").value = "eml"
        await pilot.pause()
        await _set_path(pilot, dialog, tmp_path / "thong cao")  # no extension: .eml added
        assert dialog.path == tmp_path / "thong cao.eml"
        target = tmp_path / "thong-cao.eml"
        await _set_path(pilot, dialog, target)
        entry = next(
            e
            for e in app.data.index.entries
            if e.record.get("emails") and not e.record.get("do_not_contact")
        )
        name = entry.record["full_name"]
        dialog.query_one("#exp-search").focus()
        await pilot.press(*name.split()[-1], *[c for c in " " + name.split()[0]])
        await pilot.pause()
        assert any(r.id == entry.id for r in dialog.results)
        dialog.query_one("#exp-results").highlighted = next(
            i for i, r in enumerate(dialog.results) if r.id == entry.id
        )
        dialog.query_one("#exp-search").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert dialog.chosen == [entry.id]
        await pilot.click("#exp-save")
        await until(pilot, target.exists, "the email")
        mail = BytesParser(policy=policy.default).parsebytes(target.read_bytes())
        record = find_message(cards.load(), REVENUE)
        assert mail["Subject"] == record["headline"]
        assert mail["From"].addresses[0].addr_spec == "press@example.gov.vn"
        assert [a.addr_spec for a in mail["To"].addresses] == [entry.record["emails"][0]]
        assert mail["To"].addresses[0].display_name == name
        body = mail.get_body(("plain",)).get_content()
        assert "3.893.595 tỷ đồng" in body
        assert mail["Content-Language"] == "vi"
        # from the editor: what is on screen, saved or not
        editor = await open_message(pilot, REVENUE)
        editor.form.fields["headline"].text = "Tiêu đề mới, chưa lưu"
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog")
        target = tmp_path / "draft.txt"
        dialog = app.screen
        dialog.query_one("#exp-format").value = "txt"
        await _set_path(pilot, dialog, target)
        await pilot.click("#exp-save")
        await until(pilot, target.exists, "the file")
        assert target.read_text(encoding="utf-8").startswith("Tiêu đề mới, chưa lưu\n")
