"""The Outreach search box keeps a usable width and a meaningful hint at 80 columns, in English
and Vietnamese, without changing 100x30 and 120x40; the list's rows and columns (tui/outreach/
rows.py, split from the widget) still come through the listing module."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "outreach"))

from outkit import (
    CONFIG,
    create,
    demo_fixture,  # noqa: F401 - fixtures
    frozen_fixture,  # noqa: F401
    open_outreach,
    prepared,
)

from tui.outreach.filters import SEARCH_ROOM

#: (language, size) -> the hint's items that must show whole (the placeholder keeps whole items).
HINTS = {
    ("en", (80, 24)): "name, organisation, province, …",
    ("vi", (80, 24)): "tên, cơ quan, tỉnh, thông điệp, …",
    ("en", (100, 30)): "name, organisation, province, message, note",
    ("vi", (100, 30)): "tên, cơ quan, tỉnh, thông điệp, ghi chú",
    ("en", (120, 40)): "name, organisation, province, message, note",
    ("vi", (120, 40)): "tên, cơ quan, tỉnh, thông điệp, ghi chú",
}


def _widths(section) -> dict[str, int]:
    return {
        name: section.query_one(f"#out-{name}").size.width
        for name in ("search-label", "search", "status", "channel", "count")
    }


@pytest.mark.parametrize(("lang", "size"), list(HINTS), ids=[f"{a}-{b[0]}" for a, b in HINTS])
async def test_search_box_width_and_hint(demo, frozen, lang, size):
    prepared(demo)
    app = create(demo, config=CONFIG, lang=lang)
    async with app.run_test(size=size) as pilot:
        section = await open_outreach(pilot)
        await pilot.pause(0.1)
        widths = _widths(section)
        assert widths["search"] >= SEARCH_ROOM, widths
        assert sum(widths.values()) + 2 <= size[0]  # the row fits (the selects' margins)
        assert section.search_input.placeholder == HINTS[(lang, size)]
        assert section.query_one("#out-count").text == "22"


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80", "100"])
async def test_a_selection_keeps_the_search_usable(demo, frozen, size):
    prepared(demo)
    app = create(demo, config=CONFIG)
    async with app.run_test(size=size) as pilot:
        section = await open_outreach(pilot)
        await pilot.press("space", "space", "space", "space")
        section.search_input.value = "a"
        await pilot.pause(0.1)
        count = section.query_one("#out-count").text
        if size[0] == 80:
            assert count.endswith(" · ✓4")  # "4 selected" would squeeze the search box
        else:
            assert count.endswith(" · 4 selected")
        assert section.query_one("#out-count").outer_size.width == len(count) + 2  # shown whole
        # typed text needs less room than the hint: 80 - label, selects and "2 / 22 · ✓4"
        assert _widths(section)["search"] >= (20 if size[0] == 80 else SEARCH_ROOM)
        await pilot.press("ctrl+r")  # clearing the filters goes back to the plain count
        await pilot.pause(0.1)
        section.outreach_list.set_selected(set())
        await pilot.pause(0.1)
        assert section.query_one("#out-count").text == "22"
        assert section.query_one("#out-count").outer_size.width == 4


async def test_wide_screen_count_keeps_its_place(demo, frozen):
    prepared(demo)
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(120, 40)) as pilot:
        section = await open_outreach(pilot)
        await pilot.pause(0.1)
        assert section.query_one("#out-count").outer_size.width == 18  # as before: no jumping


def test_rows_and_columns_through_the_listing_module():
    from tui.outreach import listing, rows

    assert listing.column_widths is rows.column_widths and listing.Row is rows.Row
    narrow = [name for name, _w in rows.column_widths(80, "message")]
    assert narrow == ["who", "org", "channel", "status", "due"]  # the note needs room
    wide = rows.column_widths(140, "contact")
    assert [name for name, _w in wide] == ["what", "channel", "status", "due", "note"]
    assert sum(w for _n, w in wide) + len(wide) - 1 + rows.MARK == 140
    views = [{"id": "a", "contact_name": "Lan", "org_name": "VTV"}, {"id": "b", "org_name": "VOV"}]
    built = rows.build_rows([("Lan", views[:1]), ("VOV", views[1:])], "contact")
    assert [(r.heading, r.id) for r in built] == [
        ("Lan · VTV", None),
        (None, "a"),
        ("VOV", None),
        (None, "b"),
    ]
