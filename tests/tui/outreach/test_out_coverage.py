"""The coverage view follows the store: numbers and the province grid change after marking; and the
pieces other sections embed (a message's recipients, a contact's outreach history)."""

from __future__ import annotations

from outkit import (
    CONFIG,
    QUANG_NINH,
    REVENUE,
    create,
    demo_fixture,  # noqa: F401 - fixtures
    frozen_fixture,  # noqa: F401
    idle,
    network,
    notes,
    open_outreach,
    prepared,
    until,
)
from textual.app import App, ComposeResult
from textual.widgets import Select

from store import outreach as core
from store.i18n import set_language
from tui.outreach.coverage import CoverageView, bar
from tui.outreach.marking import MarkScreen
from tui.outreach.widgets import RecipientsTable, recipients_summary


def _cell(view: CoverageView, name: str) -> core.ProvinceCell:
    return next(c for c in view.report.cells() if c.name == name)


async def test_coverage_changes_after_marking(demo, frozen):
    prepared(demo)
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(120, 40)) as pilot:
        section = await open_outreach(pilot)
        await pilot.press("v")
        await pilot.pause()
        view = section.coverage
        assert view.display and section.view == "coverage"
        report = view.report
        assert report.groups["press_agency"].reached == 4  # 3 done + 1 published
        assert report.groups["press_agency"].published == 1
        assert report.groups["provincial_department"].planned == 6  # Quảng Ninh + 5 highlands
        assert report.groups["provincial_department"].reached == 0
        assert _cell(view, "Quảng Ninh").state == "planned"
        grid = str(view.query_one("#cov-grid").render())
        assert "◔ Quảng Ninh" in grid and "○ Hà Nội" in grid
        assert "Not reached yet (63)" in str(view.query_one("#cov-missing").render())
        # only the message: the highlands round had none
        view.query_one("#cov-message", Select).value = REVENUE
        await pilot.pause()
        assert view.report.groups["provincial_department"].planned == 1
        assert "Doanh thu ngành năm 2022" in str(view.query_one("#cov-summary").render())
        # back to the list, mark the Quảng Ninh spokesperson done: the department is reached
        await pilot.press("v")
        await pilot.pause()
        listing = section.outreach_list
        spokesperson = next(v for v in listing.views if v.get("org_name") == QUANG_NINH)
        listing.select_id(spokesperson["id"])
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, MarkScreen), "the status dialog")
        await pilot.press("enter")
        await idle(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert view.report.groups["provincial_department"].reached == 1
        assert _cell(view, "Quảng Ninh").state == "sent"
        assert "◑ Quảng Ninh" in str(view.query_one("#cov-grid").render())
        assert "Not reached yet (62)" in str(view.query_one("#cov-missing").render())
        table = str(view.query_one("#cov-report").render())
        assert "Red River Delta" in table


def test_bars_stack_the_levels_in_the_width():
    tally = core.Tally(total=10, planned=8, reached=6, replied=3, published=1)
    text = str(bar(tally, 20))
    assert text == "██" + "▓▓▓▓" + "▒▒▒▒▒▒" + "░░░░" + "····"
    assert len(str(bar(core.Tally(total=0), 7))) == 7


async def test_recipients_table_for_a_message_follows_changes(demo, frozen):
    created = prepared(demo)

    class Host(App):
        def __init__(self) -> None:
            super().__init__()
            from textual.signal import Signal

            from store.network import ContactIndex
            from tui.sections.base import StoreData

            self.store_changed = Signal(self, "store-changed")
            snapshot = demo.load()
            self.data = StoreData(snapshot, ContactIndex(snapshot))

        def compose(self) -> ComposeResult:
            yield RecipientsTable(REVENUE, id="recipients")

    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one(RecipientsTable)
        assert len(table.views) == len(created) == 13
        summary = str(recipients_summary(app.data.snapshot, REVENUE))
        assert summary == "13 items: 9 planned, 3 done, 1 published"
        core.mark_done(demo, [created[5]["id"]], core.OutreachSettings(owner="lan"))
        from store.network import ContactIndex
        from tui.sections.base import StoreData

        snapshot = demo.load()
        app.store_changed.publish(StoreData(snapshot, ContactIndex(snapshot)))
        await pilot.pause()
        assert "4 done" in str(table.query_one(".recipients-summary").render())
        assert str(recipients_summary(snapshot, None)) == "Not sent to anyone yet."


async def test_contact_detail_shows_the_outreach_history_with_note_and_link(demo, frozen):
    created = prepared(demo)
    published = created[3]
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(120, 40)) as pilot:
        await idle(pilot)
        net = network(app)
        entry = net.data.entry(published["contact_id"])
        net.search_input.value = entry.record["full_name"]
        await pilot.pause(0.2)
        net.contact_list.focus()
        await pilot.pause(0.2)
        detail = net.query_one("#detail")
        assert detail.entry.id == published["contact_id"]
        text = "".join(seg.text for seg in app.console.render(detail.renderable))
        assert "Doanh thu ngành năm 2022" in text
        assert "Published" in text
        assert "https://vnexpress.net/doanh-thu-nganh-2022" in text


async def test_vietnamese_marking_and_coverage(demo, frozen):
    prepared(demo)
    app = create(demo, lang="vi", config=CONFIG)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            section = await open_outreach(pilot)
            assert "Nhóm theo thông điệp (g)" in str(section.query_one("#chip-group").render())
            await pilot.press("x")
            await until(pilot, lambda: isinstance(app.screen, MarkScreen), "the status dialog")
            assert "Đánh dấu 1 lượt là từ chối" in str(
                app.screen.query_one(".dialog-title").render()
            )
            await pilot.press(*"Anh ấy bận, không viết được", "enter")
            await idle(pilot)
            assert any("Đã đánh dấu 1 lượt là từ chối." in n for n in notes(app))
            await pilot.press("v")
            await pilot.pause()
            assert "Chưa tiếp cận (63):" in str(section.query_one("#cov-missing").render())
            assert "Đồng bằng sông Hồng" in str(section.query_one("#cov-grid").render())
    finally:
        set_language("en")


async def test_store_text_is_shown_literally_and_a_message_opens_its_outreach(demo, frozen):
    from tui.outreach.widgets import show_message_outreach

    with demo.transaction() as tx:  # as a foreign file or a sync could bring it
        tx.update("messages", REVENUE, {"title": "[bold red]Tin[/] \x1b[31mđỏ"})
    prepared(demo)
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(120, 40)) as pilot:
        await idle(pilot)
        show_message_outreach(app, REVENUE)
        await pilot.pause(0.2)
        section = app.main_screen.section
        assert section.section_id == "outreach" and section.message_filter == REVENUE
        listing = section.outreach_list
        assert len(listing.views) == 13
        heading = next(r.heading for r in listing.rows if r.heading)
        assert heading == "[bold red]Tin[/] \x1b[31mđỏ"  # plain() then renders \x1b visibly
        line = "".join(seg.text for seg in listing.render_line(1))
        assert "[bold red]Tin[/] \\x1b[31mđỏ" in line
        chip = str(section.query_one("#chip-message").render())
        assert "Message: [bold red]Tin[/] \\x1b[31mđỏ ✕" in chip
        await pilot.press("v")
        await pilot.pause()
        summary = str(section.coverage.query_one("#cov-summary").render())
        assert summary.startswith("[bold red]Tin[/] \\x1b[31mđỏ")
        assert section.coverage.message_id == REVENUE
