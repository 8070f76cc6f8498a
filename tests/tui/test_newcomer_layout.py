"""Text is never cut mid-word at 80x24 (nor at 120x35), in English and Vietnamese: the search
hints, the role column, the status line, the outreach "last change" line, the contact screen."""

from __future__ import annotations

from datetime import date

import pytest
from rich.cells import cell_len
from rich.console import Console
from tuikit import network_section, show_section, wait_ready

from store import Store, network
from store import outreach as core
from store.i18n import set_language
from store.sample import demo_store
from tui.app import create_app
from tui.widgets.contact_detail import Addresses
from tui.widgets.contact_list import column_widths
from tui.widgets.search_input import SearchInput, fit_choices
from tui.widgets.status_bar import elide_path, store_line
from tui.widgets.text import role_label, role_short

SIZES = [(80, 24), (120, 35)]
LANGS = ["en", "vi"]


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


def screen_lines(app) -> list[str]:
    """The screen as a person sees it (what Textual writes to the terminal), line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def until(pilot, condition, what: str) -> None:
    for _ in range(300):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x35"])
async def test_every_role_is_shown_whole(people, lang, size):
    app = create_app(people, lang=lang, config={})
    async with app.run_test(size=size) as pilot:
        await wait_ready(pilot)
        contacts = network_section(app).contact_list
        width = contacts.scrollable_content_region.width
        role_width = contacts._column_widths(width)[4]
        for y, entry in enumerate(contacts.rows, start=1):
            role = entry.record["role"]
            cell = contacts.render_line(y).text[-role_width:].rstrip()
            assert cell in (role_label(role), role_short(role)), (cell, role)
            assert not cell.endswith("…")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x35"])
async def test_search_hints_fit_their_box(people, lang, size):
    app = create_app(people, lang=lang, config={})
    async with app.run_test(size=size) as pilot:
        await wait_ready(pilot)
        for section in ("network", "messages", "outreach"):
            box = (await show_section(pilot, section)).search_input
            await until(pilot, lambda box=box: box.scrollable_content_region.width, "the box")
            await pilot.pause(0.05)
            assert isinstance(box, SearchInput)
            shown = box.placeholder
            assert cell_len(shown) <= box.scrollable_content_region.width, (section, shown)
            assert shown == box.hint or (
                shown.endswith(", …") and box.hint.startswith(shown.removesuffix("…"))
            )
            row = next(line for line in screen_lines(app) if shown in line)
            assert row  # and it is on screen as a whole


@pytest.mark.parametrize("lang", LANGS)
async def test_the_status_line_keeps_the_count_and_a_gap_before_the_sync_badge(
    tmp_path, lang, people
):
    deep = tmp_path / "a folder with a long name" / "another long folder name" / "lantoa.json"
    deep.parent.mkdir(parents=True)
    deep.write_bytes(people.path.read_bytes())
    app = create_app(Store(deep), lang=lang, config={})
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        app.set_status("sync", "⇅ synced 5 min ago · 1 change to send")
        await pilot.pause(0.1)
        status = screen_lines(app)[-2]
        count = "4 contacts" if lang == "en" else "4 liên hệ"
        assert count in status
        assert "⇅ synced 5 min ago · 1 change to send" in status
        assert status.index("⇅") > status.index(count) + len(count)  # a gap between them
        assert status[status.index("⇅") - 1] == " "
        assert "…/" in status  # the path gave way


def test_store_line_gives_way_path_first_then_organisations():
    path = "/home/lan/.local/share/lantoa/lantoa.json"
    counts = ["256 contacts", "12 organisations"]
    assert store_line(path, counts, 80) == f"{path} · 256 contacts · 12 organisations"
    assert store_line(path, counts, 54) == "…/lantoa/lantoa.json · 256 contacts · 12 organisations"
    assert store_line(path, counts, 50) == "…/lantoa.json · 256 contacts · 12 organisations"
    assert store_line(path, counts, 30) == "…/lantoa.json · 256 contacts"
    assert store_line(path, counts, 12) == "256 contacts"
    assert elide_path("/tmp/x/demo.json", 5) == "demo…"


@pytest.mark.parametrize("lang", LANGS)
async def test_the_last_outreach_change_keeps_its_undo_key_at_80_columns(tmp_path, lang):
    store = demo_store(tmp_path / "store.json")
    settings = core.OutreachSettings(owner="lan")
    journalists = [c["id"] for c in store.load().live("contacts") if c.get("role") == "journalist"]
    planned = core.plan_outreach(
        store,
        core.PlanRequest(contacts=journalists[:3], channel="email", due="+3d"),
        settings,
        today=date(2026, 11, 26),
    )
    ids = [item["id"] for item in planned.created]
    core.change_items(store, ids, settings, status="published", link="https://example.org/a")
    app = create_app(store, lang=lang, config={})
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        section = await show_section(pilot, "outreach")
        await until(pilot, lambda: section.query_one("#out-last").variants, "the last change")
        await pilot.pause(0.1)
        undoes = "u undoes" if lang == "en" else "u để hoàn tác"
        row = next(line for line in screen_lines(app) if undoes in line)
        assert row.rstrip().endswith(undoes)
        assert "…" not in row


async def test_the_contact_screen_uses_the_whole_width(people):
    address = "nguyen.thi.lan.phong.bao.chi@sotttt.quangninh.gov.vn"
    lan = network.resolve(people.load(), "contacts", "Nguyễn Thị Lan")
    network.edit_contact(people, lan["id"], {"emails": [address]})
    app = create_app(people, config={})
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        section.search_input.value = "lan"
        await pilot.pause()
        section.contact_list.focus()
        await pilot.press("enter")
        await pilot.pause(0.2)
        detail = app.screen.query_one("#contact-detail")
        assert detail.outer_size.width == 80
        assert any(address in line for line in screen_lines(app))


def test_an_address_too_wide_breaks_before_the_at_sign_only():
    console = Console(width=20, record=True)
    console.print(Addresses(["an.nguyenhuu@danang.example.org", "x@y.vn"]))
    lines = [line.rstrip() for line in console.export_text().splitlines()]
    assert lines == ["an.nguyenhuu", "@danang.example.org", "x@y.vn"]


def test_hints_keep_whole_items():
    hint = "name, organisation, province, beat, email, phone"
    assert fit_choices(hint, 60) == hint
    assert fit_choices(hint, 47) == "name, organisation, province, beat, email, …"
    assert fit_choices(hint, 25) == "name, organisation, …"
    assert fit_choices("tên, tiêu đề, người phụ trách, nhãn", 18) == "tên, tiêu đề, …"


def test_the_role_column_is_as_wide_as_its_longest_label():
    widths = column_widths(78, (13, 22))
    assert widths[4] == 13 and sum(widths) == 78 - 2 - 4
    assert column_widths(160, (13, 22))[4] == 22  # room for the full labels
