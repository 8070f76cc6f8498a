""" "Send to…": from the network's selection, from a message with an organisation and a group,
the preview (expansion, do-not-contact, double pitching) and the plan written in one go."""

from __future__ import annotations

from outkit import (
    CONFIG,
    NORTH,
    REVENUE,
    create,
    demo_fixture,  # noqa: F401 - fixtures
    frozen_fixture,  # noqa: F401
    idle,
    live_items,
    network,
    notes,
    open_outreach,
    until,
)
from textual.widgets import Input, Select

from store import Store
from tui.outreach.deliver import DeliverScreen
from tui.outreach.send import SendScreen, open_send_dialog


async def _send_screen(pilot) -> SendScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, SendScreen), "the send dialog")
    await pilot.pause(0.05)
    return pilot.app.screen


async def test_send_to_the_selected_contacts_plans_one_item_each(demo, frozen):
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(120, 40)) as pilot:
        await idle(pilot)
        net = network(app)
        net.search_input.value = "phóng viên"
        await pilot.pause(0.1)
        net.contact_list.focus()
        await pilot.press("space", "space", "space")
        chosen = net.chosen_ids()
        assert len(chosen) == 3
        await pilot.press("s")
        screen = await _send_screen(pilot)
        assert [c.value for c in screen.picker.chosen] == chosen
        screen.query_one("#send-message", Select).value = REVENUE
        screen.query_one("#send-channel", Select).value = "email"
        await pilot.pause(0.1)
        preview = str(screen.query_one("#send-preview").render())
        assert "Recipients (3)" in preview
        assert str(screen.query_one("#send-plan").label) == "Plan 3 items"
        assert "2023-12-04 (Mon)" in str(screen.query_one("#send-due-date").render())
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, DeliverScreen), "the deliver dialog")
        items = live_items(demo)
        assert sorted(i["contact_id"] for i in items) == sorted(chosen)
        assert {
            (i["status"], i["channel"], i["due"], i["message_id"], i["owner"]) for i in items
        } == {("planned", "email", "2023-12-04", REVENUE, "lan")}
        assert any("Planned 3 items for Doanh thu ngành năm 2022" in n for n in notes(app))
        await pilot.press("escape")
        section = await open_outreach(pilot)
        await until(pilot, lambda: len(section.outreach_list.views) == 3, "the planned items")
        assert {v["status"] for v in section.outreach_list.views} == {"planned"}


async def test_send_a_message_to_an_org_and_a_region_group_skips_do_not_contact(demo, frozen):
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(100, 30)) as pilot:
        await idle(pilot)
        open_send_dialog(app, message_id=REVENUE)
        screen = await _send_screen(pilot)
        assert screen.query_one("#send-message", Select).value == REVENUE
        search = screen.query_one("#pick-search", Input)
        search.focus()
        await pilot.press(*"so tt quang ninh")
        await pilot.pause(0.1)
        await pilot.press("enter")  # the department is the first match
        assert [c.kind for c in screen.picker.chosen] == ["org"]
        screen.query_one("#pick-region", Select).value = NORTH
        screen.query_one("#pick-group", Select).value = "provincial_department"
        await pilot.pause(0.1)
        assert [c.value for c in screen.picker.chosen][1:] == ["provincial_department"]
        preview = str(screen.query_one("#send-preview").render())
        assert "Skipped Nguyễn Thị Ngân: do not contact." in preview
        result = screen.preview
        # Quảng Ninh: spokesperson + 2 communications officers; 14 northern departments expand
        # to their spokespeople and comms officers, Thái Nguyên's spokesperson skipped
        assert len(result.created) > 14
        names = {c.get("contact_id") for c in result.created}
        assert len(names) == len(result.created)  # nobody twice
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, DeliverScreen), "the deliver dialog")
        assert len(live_items(demo)) == len(result.created)
        assert any("Skipped 1 (do not contact)" in n for n in notes(app))


async def test_the_same_message_again_is_a_double_pitch_unless_ticked(demo, frozen):
    demo = Store(demo.path)  # the double-pitch window is measured on the real clock
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(100, 30)) as pilot:
        await idle(pilot)
        contact = journalists_of(demo, 1)[0]
        open_send_dialog(app, message_id=REVENUE, contact_ids=[contact])
        await _send_screen(pilot)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, DeliverScreen), "the deliver dialog")
        await pilot.press("escape")
        await idle(pilot)
        open_send_dialog(app, message_id=REVENUE, contact_ids=[contact])
        screen = await _send_screen(pilot)
        assert len(screen.preview.duplicates) == 1 and not screen.preview.created
        assert "already planned or sent this message within 14 days" in str(
            screen.query_one("#send-preview").render()
        )
        assert screen.query_one("#send-plan").disabled
        force = screen.query_one("#send-force")
        assert force.display
        force.value = True
        await pilot.pause(0.05)
        assert not screen.query_one("#send-plan").disabled
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(live_items(demo)) == 2, "the second item")


async def test_bad_follow_up_date_and_no_recipient_block_the_plan(demo, frozen):
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        await idle(pilot)
        open_send_dialog(app)
        screen = await _send_screen(pilot)
        assert screen.query_one("#send-plan").disabled
        assert "say who to reach" in str(screen.query_one("#send-preview").render())
        screen.picker.add_contacts(journalists_of(demo, 1))
        due = screen.query_one("#send-due", Input)
        due.value = "thứ hai tuần sau nữa"
        await pilot.pause(0.05)
        assert "not a date" in str(screen.query_one("#send-due-date").render())
        screen.refresh_preview()
        assert screen.query_one("#send-plan").disabled
        await pilot.press("ctrl+s")  # refused, with the reason
        await pilot.pause(0.05)
        assert isinstance(app.screen, SendScreen)
        assert any("is not a date" in n for n in notes(app))
        due.value = "t2"  # Vietnamese: next Monday
        await pilot.pause(0.05)
        assert "2023-12-04" in str(screen.query_one("#send-due-date").render())
        assert not screen.query_one("#send-plan").disabled
        await pilot.press("escape")
        await pilot.pause(0.05)
        assert not live_items(demo)


async def test_send_to_the_organisation_highlighted_in_the_tree(demo, frozen):
    app = create(demo, config=CONFIG)
    async with app.run_test(size=(120, 40)) as pilot:
        await idle(pilot)
        net = network(app)
        net.contact_list.focus()
        await pilot.press("o")
        await pilot.pause(0.1)
        tree = net.org_tree
        node = next(n for n in tree._all_nodes() if n.data and n.data.get("type") == "org")
        tree.move_cursor(node)
        await pilot.pause(0.05)
        await pilot.press("s")
        screen = await _send_screen(pilot)
        assert [(c.kind, c.value) for c in screen.picker.chosen] == [("org", node.data["id"])]


def journalists_of(store, n: int) -> list[str]:
    return [
        c["id"]
        for c in store.load().live("contacts")
        if c.get("role") == "journalist" and not c.get("do_not_contact")
    ][:n]
