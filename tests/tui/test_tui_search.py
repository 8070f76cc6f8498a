"""Search as you type, filters that combine, the organisation view."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from tuikit import names, network_section, type_fast, wait_ready

from store.network import ContactFilter, ContactIndex
from tui.app import create_app
from tui.sections.network_search import ContactSearch
from tui.widgets.filters import FilterChips


async def test_starts_with_every_contact_in_directory_order_and_search_focused(people):
    app = create_app(people, config={})
    async with app.run_test() as pilot:
        await wait_ready(pilot)
        # directory order: given name first (Bình, Châu, Dũng, Lan)
        assert names(app) == ["Trần Văn Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Nguyễn Thị Lan"]
        assert isinstance(app.focused, Input) and app.focused.id == "search"


async def test_typing_without_diacritics_narrows_the_list(people):
    app = create_app(people, config={})
    async with app.run_test() as pilot:
        await wait_ready(pilot)
        await pilot.press(*"quang ninh")
        await pilot.pause()
        assert names(app) == ["Trần Văn Bình", "Nguyễn Thị Lan"]
        await pilot.press(*" lan")
        await pilot.pause()
        assert names(app) == ["Nguyễn Thị Lan"]
        for _ in range(4):
            await pilot.press("backspace")
        await pilot.pause()
        assert len(names(app)) == 2  # widening again works from the whole index


async def test_escape_leaves_the_search_box_for_the_list_and_keeps_the_search(people):
    """Escape takes the keys to the list, so `n` then makes a new contact instead of typing."""
    from tui.screens.contact_form import ContactFormScreen

    app = create_app(people, config={})
    async with app.run_test() as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        await pilot.press(*"chau", "escape")
        await pilot.pause()
        assert app.focused is section.contact_list
        assert section.search_input.value == "chau"
        assert names(app) == ["Lê Minh Châu"]
        await pilot.press("escape")  # on the list it changes nothing
        await pilot.pause()
        assert app.focused is section.contact_list and names(app) == ["Lê Minh Châu"]
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is section.search_input
        await pilot.press("escape", "n")
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, ContactFormScreen):
                break
        assert isinstance(app.screen, ContactFormScreen)
        assert section.search_input.value == "chau"


@pytest.mark.parametrize("key", ["down", "escape"])
async def test_keys_typed_behind_down_or_escape_go_to_the_list(people, key):
    """In one burst (a fast typist): the search, then Down or Escape, then more keys. The keys
    after it reach the list, not the search box."""
    app = create_app(people, config={})
    async with app.run_test() as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        type_fast(app, "chau", key, "qq")  # q: no key of the list
        await pilot.pause(0.3)
        assert section.search_input.value == "chau"
        assert app.focused is section.contact_list and names(app) == ["Lê Minh Châu"]


async def test_enter_typed_behind_the_search_opens_the_person_and_takes_what_follows(people):
    """In one burst: the search, Enter, then `e`. The search is complete before Enter acts (it
    opens the person found), and the `e` behind it edits that person: it is not typed into the
    search box."""
    from tui.screens.contact import ContactScreen
    from tui.screens.contact_form import ContactFormScreen

    app = create_app(people, config={})
    async with app.run_test() as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        type_fast(app, "chau", "enter", "e")
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, ContactFormScreen) and app.screen.keys_are_ready:
                break  # (shown: pushed, then built and focused)
        assert isinstance(app.screen, ContactFormScreen)
        assert isinstance(app.screen_stack[-2], ContactScreen)
        assert app.screen_stack[-2].contact_id == section.contact_list.rows[0].id
        assert section.search_input.value == "chau" and names(app) == ["Lê Minh Châu"]


@pytest.mark.parametrize("start", [[], ["escape", "/"]], ids=["in-search", "from-list"])
@pytest.mark.parametrize("key", ["down", "escape"])
async def test_a_list_key_typed_behind_the_search_acts_on_a_person_it_shows(people, start, key):
    """In one burst: (from the list, "/"), a search, Down or Escape, then `d`. The delete asks
    about the person the search shows: the search is shown before the keys behind it act (they
    acted on the first person of the list before the search, Nguyễn Thị Lan)."""
    from tui.screens.dialogs import ConfirmScreen

    app = create_app(people, config={})
    async with app.run_test() as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        if start:
            type_fast(app, start[0])
            await pilot.pause(0.1)
        type_fast(app, *start[1:], "chau", key, "d")
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, ConfirmScreen) and app.screen.keys_are_ready:
                break  # (shown: pushed, then composed and focused)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Lê Minh Châu" in app.screen.question
        assert section.search_input.value == "chau" and names(app) == ["Lê Minh Châu"]


async def test_search_finds_phones_emails_and_beats(people):
    app = create_app(people, config={})
    async with app.run_test() as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        for query, expected in [
            ("0987 654", ["Phạm Quốc Dũng"]),
            ("chau@tuoitre", ["Lê Minh Châu"]),
            ("chuyen doi so", ["Nguyễn Thị Lan"]),
            ("xyz không có", []),
        ]:
            section.search_input.value = query
            await pilot.pause()
            assert names(app) == expected, query
        assert "No contact matches" in section.contact_list.empty_text


async def test_enter_in_search_opens_the_first_person(people):
    app = create_app(people, config={})
    async with app.run_test() as pilot:
        await wait_ready(pilot)
        await pilot.press(*"chau", "enter")
        await pilot.pause()
        from tui.screens.contact import ContactScreen

        assert isinstance(app.screen, ContactScreen)
        assert app.screen.contact_id == network_section(app).contact_list.rows[0].id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen


async def test_filters_combine_show_as_chips_and_clear(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        section.contact_list.focus()
        await pilot.press("f")
        await pilot.pause(0.1)
        section.set_filter("kind", "press_agency")
        await pilot.pause()
        assert names(app) == ["Lê Minh Châu", "Phạm Quốc Dũng"]
        section.set_filter("role", "editor")
        await pilot.pause()
        assert names(app) == ["Phạm Quốc Dũng"]
        chips = app.main_screen.query_one(FilterChips)
        assert chips.display
        labels = [str(b.label) for b in chips.query("Button")]
        assert any("Press agency" in label for label in labels)
        assert any("Editor" in label for label in labels)
        # removing one chip keeps the other filter
        role_chip = next(b for b in chips.query("Button") if b.name == "role")
        role_chip.press()
        await pilot.pause()
        assert names(app) == ["Lê Minh Châu", "Phạm Quốc Dũng"]
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert len(names(app)) == 4
        assert not chips.display


async def test_filter_panel_select_filters_by_province(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        section.contact_list.focus()
        await pilot.press("f")
        await pilot.pause(0.2)
        select = app.main_screen.query_one("#filter-province_code")
        select.value = "22"
        await pilot.pause()
        assert names(app) == ["Trần Văn Bình", "Nguyễn Thị Lan"]
        select = app.main_screen.query_one("#filter-tag")
        select.value = "vip"
        await pilot.pause()
        assert names(app) == ["Nguyễn Thị Lan"]


async def test_organisation_view_lists_groups_orgs_and_people(people):
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        section = network_section(app)
        section.contact_list.focus()
        await pilot.press("o")
        await pilot.pause()
        tree = section.org_tree
        assert app.focused is tree
        groups = [str(n.label) for n in tree.root.children]
        assert groups == ["Provincial department (1)", "Press agency (1)"]
        department = tree.root.children[0].children[0]
        department.expand()
        await pilot.pause()
        assert [str(n.label).split(" · ")[0] for n in department.children] == [
            "Trần Văn Bình",
            "Nguyễn Thị Lan",
        ]
        tree.move_cursor(department)
        await pilot.press("l")  # the people of this organisation, in the list
        await pilot.pause()
        assert not section.showing_orgs
        assert names(app) == ["Trần Văn Bình", "Nguyễn Thị Lan"]
        assert section.filters["org_id"] == department.data["id"]


def test_refined_search_equals_the_store_search(big):
    index = ContactIndex(big.load())
    search = ContactSearch(index)
    queries = [
        "n",
        "ng",
        "nguy",
        "nguyen",
        "nguyen v",
        "Nguyễn",
        "Nguyễn V",
        "hà",
        "ha",
        "q",
        "qu",
        "quang",
        "quảng ninh",
        "",
        "user1",
        "0910",
        "xyz",
    ]
    for query in queries:
        for extra in ({}, {"role": "journalist"}, {"kind": "press_agency", "beat": "báo chí"}):
            criteria = ContactFilter(search=query or None, **extra)
            assert [e.id for e in search.run(criteria)] == [e.id for e in index.filter(criteria)], (
                query,
                extra,
            )


async def test_detail_shows_every_field_and_the_outreach_history(people):
    from tui.widgets.contact_detail import ContactDetail

    lan = next(c for c in people.load().live("contacts") if c["full_name"] == "Nguyễn Thị Lan")
    with people.transaction() as tx:
        message = tx.insert("messages", {"title": "Chuyển đổi số 2024", "kind": "policy"})
        tx.insert(
            "outreach",
            {
                "contact_id": lan["id"],
                "message_id": message["id"],
                "channel": "email",
                "status": "replied",
            },
        )
        tx.insert(
            "outreach", {"contact_id": "someone-else", "channel": "phone", "status": "planned"}
        )
    app = create_app(people, config={})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        network_section(app).search_input.value = "lan"
        await pilot.pause(0.3)
        detail = app.main_screen.query_one(ContactDetail)
        assert detail.entry.id == lan["id"]
        from rich.console import Console

        console = Console(width=60, record=True)
        console.print(detail.renderable)
        text = console.export_text()
        for expected in (
            "Phó Giám đốc",
            "Spokesperson",
            "Sở Thông tin và Truyền thông Quảng Ninh",
            "Quảng Ninh",
            "lan@quangninh.gov.vn",
            "0912 345 678",
            "chuyển đổi số",
            "vip",
            "Outreach history",
            "Chuyển đổi số 2024",
            "Email · Replied",
        ):
            assert expected in text, expected
        assert "Phone" not in text.split("Outreach history")[1]  # only this person's items


def test_a_short_name_that_is_only_a_place_is_not_shown_as_the_organisation() -> None:
    """ "Quảng Ninh" for Báo Quảng Ninh would read as the province column beside it."""
    from tui.widgets.text import org_label

    assert org_label({"name": "Báo Quảng Ninh", "short_name": "Quảng Ninh"}) == "Báo Quảng Ninh"
    assert org_label({"name": "Báo Đà Nẵng", "short_name": "Da Nang"}) == "Báo Đà Nẵng"
    assert org_label(
        {"name": "Sở TT&TT Quảng Ninh, long", "short_name": "Sở TT&TT Quảng Ninh"}
    ) == ("Sở TT&TT Quảng Ninh")
    assert org_label({"name": "Đài Truyền hình TP. Hồ Chí Minh", "short_name": "HTV"}) == "HTV"
    assert org_label({"name": "Cục Báo chí"}) == "Cục Báo chí"
    assert org_label(None) == ""
