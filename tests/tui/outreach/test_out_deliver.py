"""Getting planned outreach out: .eml per recipient and with Bcc (parsed back), the mailto: link,
the call sheet's numbers and talking points on the clipboard, and "mark as sent"."""

from __future__ import annotations

import email
import urllib.parse
from email import policy
from email.headerregistry import Address
from pathlib import Path

from outkit import (
    CONFIG,
    REVENUE,
    SETTINGS,
    TODAY,
    create,
    demo_fixture,  # noqa: F401 - fixtures
    frozen_fixture,  # noqa: F401
    idle,
    journalists,
    live_items,
    notes,
    until,
)

from store import outreach as core
from tui.outreach import delivery
from tui.outreach.deliver import DeliverScreen

SENDER = {"messages": {"from": "Phòng Truyền thông <press@mic.example.org>"}, **CONFIG}


def _plan(store, channel: str, n: int = 3) -> list[dict]:
    return core.plan_outreach(
        store,
        core.PlanRequest(message=REVENUE, contacts=journalists(store, n), channel=channel),
        SETTINGS,
        today=TODAY,
    ).created


async def _deliver(pilot, items: list[dict]) -> DeliverScreen:
    app = pilot.app
    await idle(pilot)
    message = app.data.snapshot.get("messages", REVENUE)
    app.push_screen(DeliverScreen(items, message, app.data.snapshot, app.config))
    await until(pilot, lambda: isinstance(app.screen, DeliverScreen), "the deliver dialog")
    await pilot.pause(0.05)
    return app.screen


def _headline(store) -> str:
    return store.load().get("messages", REVENUE)["headline"]


def _parse(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


async def test_eml_per_recipient_and_one_with_bcc(demo, frozen, tmp_path):
    items = _plan(demo, "email")
    folder = tmp_path / "out"
    folder.mkdir()
    app = create(demo, config=SENDER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _deliver(pilot, items)
        assert "Email: 3 recipients" in str(screen.query_one(".deliver-heading").render())
        screen.query_one("#deliver-folder").value = str(folder)
        await pilot.click("#deliver-each")
        await until(pilot, lambda: len(screen.written) == 3, "three emails")
        contacts = {c["id"]: c for c in demo.load().live("contacts")}
        wanted = {contacts[i["contact_id"]]["emails"][0] for i in items}
        seen = set()
        for path in screen.written:
            mail = _parse(path)
            assert mail["Subject"] == _headline(demo)
            assert mail["From"].addresses[0].addr_spec == "press@mic.example.org"
            (address,) = mail["To"].addresses
            seen.add(address.addr_spec)
            assert mail["X-Unsent"] == "1"
            assert "3.893.595" in mail.get_body().get_content()
        assert seen == wanted
        await pilot.click("#deliver-bcc")
        await until(pilot, lambda: len(screen.written) == 4, "the Bcc email")
        bcc = _parse(screen.written[-1])
        assert screen.written[-1].name == "doanh-thu-nganh-nam-2022--bcc.eml"
        assert {a.addr_spec for a in bcc["Bcc"].addresses} == wanted
        assert [a.addr_spec for a in bcc["To"].addresses] == ["press@mic.example.org"]
        screen.query_one("#deliver-bcc").press()  # again: a new file, never a replaced one
        await until(pilot, lambda: len(screen.written) == 5, "a second Bcc email")
        assert screen.written[-1].name == "doanh-thu-nganh-nam-2022--bcc-2.eml"


async def test_mailto_opens_the_mail_program_with_everyone_in_bcc(demo, frozen):
    items = _plan(demo, "email", 2)
    app = create(demo, config=SENDER)
    opened: list[str] = []
    app.open_url = lambda url, new_tab=True: opened.append(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await _deliver(pilot, items)
        await pilot.click("#deliver-mailto")
        await pilot.pause()
        (url,) = opened
        assert url.startswith("mailto:?bcc=")
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
        contacts = {c["id"]: c for c in demo.load().live("contacts")}
        assert query["bcc"][0].split(",") == [contacts[i["contact_id"]]["emails"][0] for i in items]
        assert query["subject"] == [_headline(demo)]
        assert "\r\n" in query["body"][0]
        assert " " not in url and "+" not in urllib.parse.urlsplit(url).query.split("&")[1]
        assert any("mail program" in n for n in notes(app))


async def test_call_sheet_copies_numbers_and_talking_points_then_marks_sent(demo, frozen):
    items = _plan(demo, "phone", 2)
    app = create(demo, config=SENDER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _deliver(pilot, items)
        calls = screen.query_one("#deliver-calls")
        calls.focus()
        await pilot.press("enter")
        first = screen.calls[0]
        assert app.clipboard == delivery.dial_text(first)
        assert app.clipboard.startswith("0900 ")  # the sample's fake lines, read as dialled
        await pilot.click("#deliver-points")
        points = app.clipboard
        assert points == delivery.talking_points(demo.load().get("messages", REVENUE))
        assert "Điểm nói chính" in points or "Thông điệp chính" in points
        assert any("Copied the talking points." in n for n in notes(app))
        await pilot.click("#deliver-sent")
        await idle(pilot)
        assert {i["status"] for i in live_items(demo)} == {"sent"}
        assert any("Marked 2 items as sent." in n for n in notes(app))


def test_mailto_url_is_encoded_and_file_names_are_ascii(tmp_path):
    url = delivery.mailto_url(
        [Address("Lê Hà", addr_spec="ha+news@example.org")],
        {"title": "A & B", "headline": "Tin mới: 50% & hơn", "language": "vi"},
    )
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qs(parts.query)
    assert query["bcc"] == ["ha+news@example.org"]
    assert query["subject"] == ["Tin mới: 50% & hơn"]
    assert delivery.slug("Sở TT&TT Quảng Ninh") == "so-tt-tt-quang-ninh"
    assert delivery.slug("Đặng Thị Chi") == "dang-thi-chi"
    (tmp_path / "x.eml").write_text("old")
    assert delivery.free_path(tmp_path, "x").name == "x-2.eml"


def test_targets_leave_out_do_not_contact_and_missing_emails(demo):
    snapshot = demo.load()
    dnc = next(c for c in snapshot.live("contacts") if c.get("do_not_contact"))
    found = delivery.targets(
        snapshot,
        [
            {"id": "a", "contact_id": dnc["id"], "channel": "email"},
            {"id": "b", "org_id": dnc["org_id"], "channel": "email"},
        ],
    )
    addresses, notes_ = delivery.email_addresses(found)
    assert any("do not contact" in n for n in notes_)
    org = snapshot.get("organisations", dnc["org_id"])
    assert [t.name for t, _a in addresses] == ([org["name"]] if org.get("emails") else [])
