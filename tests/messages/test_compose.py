"""Composition into channel variants, Markdown/plain text, and .eml read back by `email`."""

from __future__ import annotations

import email
from datetime import datetime, timedelta, timezone
from email import policy
from email.headerregistry import Address

import pytest
from message_cards import CRISIS_VI, POLICY_EN, POLICY_VI, card

from store import Store, network
from store.checks import thresholds
from store.compose import (
    PLACEHOLDER_SENDER,
    compose,
    configured_sender,
    contact_addresses,
    md_escape,
    to_eml,
)
from store.errors import NotFoundError
from store.messages import validate_message

FULL_VI = validate_message(
    card(
        POLICY_VI,
        quote="Người dân không còn phải xếp hàng.",
        quote_speaker="Nguyễn Văn A",
        quote_title="Giám đốc Sở TT&TT",
        story="Chị Lan, chủ hộ kinh doanh, nay nộp hồ sơ qua mạng.",
        story_source="Sở TT&TT Quảng Ninh",
        story_illustrative=True,
        spokesperson="Trần Thị B",
        contact_phone="0912345678",
        tags=["dịch vụ công", "mẫu"],
        figures=[
            {
                "value": "1.2",
                "unit": "triệu hộ",
                "label": "Hộ kinh doanh",
                "period": "2022",
                "baseline": "năm 2021",
                "source": "Tổng cục Thống kê",
            }
        ],
    )
)


def test_release_has_every_part_in_order_with_vietnamese_headings() -> None:
    text = compose(FULL_VI, "release").markdown()
    order = [
        "# Từ 1/7, 1,2 triệu hộ",
        "## Điều gì thay đổi",
        "Nghị định 13/2023/NĐ-CP, có hiệu lực từ 01/07/2023.",
        "## Lợi ích",
        "- Người dân: Hộ kinh doanh",
        "## Câu chuyện",
        "Câu chuyện minh họa",
        "> “Người dân không còn phải xếp hàng.”",
        "> — Nguyễn Văn A, Giám đốc Sở TT&TT",
        "## Số liệu",
        "- Hộ kinh doanh: 1,2 triệu hộ (2022; so với năm 2021; nguồn: Tổng cục Thống kê)",
        "## Ý kiến còn băn khoăn",
        "Đề xuất: Bưu điện xã",
        "## Bạn có thể làm gì",
        "## Liên hệ",
        "Trần Thị B · Điện thoại: 0912 345 678",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_release_in_english_uses_english_headings_and_dates() -> None:
    text = compose(validate_message(POLICY_EN), "release").text()
    assert "What changes\n------------" in text
    assert "Decree 13/2023/ND-CP, in effect from 1 July 2023." in text
    assert "The country: The state spends less" in text


def test_contact_falls_back_to_the_configured_line() -> None:
    text = compose(POLICY_VI, "release", contact="Phòng Truyền thông, 024 3943 1234").text()
    assert text.rstrip().endswith("Phòng Truyền thông, 024 3943 1234")


def test_crisis_release_follows_the_holding_statement_order() -> None:
    text = compose(validate_message(CRISIS_VI), "release").markdown()
    order = [
        "# Thông tin ban đầu",
        "*Thời điểm xảy ra: 07:30 ngày 01/06/2023*",
        "Chúng tôi hiểu",
        "## Những điều đã xác nhận",
        "## Những điều chưa rõ",
        "## Chúng tôi đang làm gì",
        "## Người dân nên làm gì",
        "## Thông tin tiếp theo",
        "10:00 ngày 01/06/2023 tại Cổng thông tin điện tử tỉnh",
        "## Liên hệ",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_talking_points_answer_the_criticism() -> None:
    composed = compose(FULL_VI, "talking-points")
    [title, bullets] = composed.blocks
    assert title.text.startswith("Điểm nói chính: ")
    assert any(
        item.startswith("Nếu được hỏi “Người cao tuổi") and "trả lời: Bưu điện" in item
        for item in bullets.items
    )
    crisis = compose(validate_message(CRISIS_VI), "talking-points").blocks[1].items
    assert crisis[0].startswith("Chia sẻ:") and any(i.startswith("Liên hệ:") for i in crisis)


def test_social_post_fits_the_limit_and_counts() -> None:
    post = compose(FULL_VI, "social")
    assert post.limit == thresholds.SOCIAL_POST_LIMIT
    assert post.length == len(post.text().rstrip("\n")) <= post.limit
    assert post.remaining == post.limit - post.length
    assert "#DịchVụCông" in post.text() and "#Mẫu" not in post.text()
    long = card(FULL_VI, benefits_people="Rất dài. " * 40, call_to_action="Gọi 1800 1096. " * 5)
    trimmed = compose(long, "social")
    assert trimmed.length <= trimmed.limit
    assert trimmed.text().startswith(FULL_VI["headline"])


def test_own_social_post_is_used_as_is_and_may_be_over() -> None:
    post = compose(card(POLICY_VI, social_post="x" * 300), "social")
    assert post.text().strip() == "x" * 300 and post.remaining == -20


def test_markdown_escapes_user_text() -> None:
    assert md_escape("# not a heading\n- not a list\n*bold* <b>") == (
        "\\# not a heading\n\\- not a list\n\\*bold\\* \\<b\\>"
    )
    assert md_escape("1. not a list\n1.5 million") == "1\\. not a list\n1.5 million"
    text = compose(card(POLICY_VI, problem="# Tiêu đề giả\n[link](x)"), "release").markdown()
    assert "\\# Tiêu đề giả" in text and "\\[link\\](x)" in text


def _parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)


def test_eml_reads_back_with_utf8_subject_body_and_headers() -> None:
    sender = Address("Phòng Truyền thông", "press", "mic.example.org")
    to = [Address("Lê Phương Huế", "hue", "example.org")]
    bcc = [Address("Nguyễn Văn Tú", "tu", "example.net"), Address("", "x", "example.com")]
    when = datetime(2023, 11, 24, 9, 30, tzinfo=timezone(timedelta(hours=7)))
    raw = to_eml(FULL_VI, sender=sender, to=to, bcc=bcc, when=when)
    assert raw.isascii() and b"\r\n" in raw  # 7-bit safe headers and body, CRLF lines
    mail = _parse(raw)
    assert mail["Subject"] == FULL_VI["headline"]
    assert mail["From"].addresses[0].display_name == "Phòng Truyền thông"
    assert mail["To"].addresses[0].addr_spec == "hue@example.org"
    assert [a.addr_spec for a in mail["Bcc"].addresses] == ["tu@example.net", "x@example.com"]
    assert mail["Date"].datetime == when
    assert mail["Message-ID"].endswith("@mic.example.org>")
    assert mail["X-Unsent"] == "1" and mail["Content-Language"] == "vi"
    assert mail.get_content_type() == "text/plain"
    assert mail.get_content_charset() == "utf-8"
    body = mail.get_content().replace("\r\n", "\n")
    assert body == compose(FULL_VI, "release").text()
    assert "Số liệu" in body and "Hộ kinh doanh: 1,2 triệu hộ" in body


def test_eml_with_only_bcc_is_addressed_to_the_sender() -> None:
    sender = Address("", "press", "mic.example.org")
    mail = _parse(
        to_eml(
            POLICY_VI,
            sender=sender,
            bcc=[Address("", "a", "example.org")],
            variant="talking-points",
        )
    )
    assert mail["To"].addresses[0].addr_spec == "press@mic.example.org"
    assert mail.get_content().startswith("Điểm nói chính")


def test_sender_from_config_or_placeholder() -> None:
    address, placeholder = configured_sender({})
    assert placeholder and str(address) == PLACEHOLDER_SENDER
    address, placeholder = configured_sender(
        {"messages": {"from": "Sở TT&TT Quảng Ninh <stttt@quangninh.example.org>"}}
    )
    assert not placeholder and address.display_name == "Sở TT&TT Quảng Ninh"


def test_contact_addresses_resolve_contacts_and_explain_who_is_left_out(store: Store) -> None:
    org = network.add_org(store, {"name": "Báo Mẫu", "kind": "press_agency"})
    network.add_contact(
        store,
        {
            "full_name": "Lê Văn Một",
            "org_id": org["id"],
            "emails": ["mot@example.org", "mot2@example.org"],
        },
    )
    network.add_contact(
        store, {"full_name": "Trần Thị Hai", "do_not_contact": True, "emails": ["hai@example.org"]}
    )
    network.add_contact(store, {"full_name": "Phạm Ba", "phones": ["0912345678"]})
    found, notes = contact_addresses(
        store.load(), ["Le Van Mot", "Trần Thị Hai", "Phạm Ba", "Lê Văn Một"]
    )
    assert [str(a) for a in found] == ["Lê Văn Một <mot@example.org>"]
    assert len(notes) == 2 and "do not contact" in notes[0] and "no email" in notes[1]
    with pytest.raises(NotFoundError):
        contact_addresses(store.load(), ["Không Có Ai"])
