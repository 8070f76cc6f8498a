"""The message record: validation at the boundary, CRUD in one transaction each, readiness."""

from __future__ import annotations

import pytest
from message_cards import POLICY_VI, card

from store import Store
from store import messages as msgs
from store.cardfile import field_name, parse_quote_spec, slot_changes
from store.checks.crisis import normalise_datetime
from store.checks.figures import parse_figure_spec
from store.errors import NotFoundError, ValidationError
from store.network import resolve
from store.validate import InvalidValue


def test_validation_cleans_every_type() -> None:
    clean = msgs.validate_message(
        {
            "title": "  Cấp   phép ",
            "kind": "Chính sách",
            "language": "Tiếng Anh",
            "audiences": "hộ kinh doanh; người cao tuổi",
            "policy_effective": "01/07/2023",
            "story_consent": "có",
            "contact_phone": "0912 345 678",
            "contact_email": "A@Mic.GOV.vn",
            "incident_at": "7h30 1/6/2023",
            "figures": "1,2 triệu hộ; period=2022; source=GSO",
            "lead": "Dòng một.  \r\nDòng hai.",
            "x_future": {"kept": True},
        }
    )
    assert clean["title"] == "Cấp phép" and clean["kind"] == "policy"
    assert clean["language"] == "en"
    assert clean["audiences"] == ["hộ kinh doanh", "người cao tuổi"]
    assert clean["policy_effective"] == "2023-07-01"
    assert clean["story_consent"] is True
    assert clean["contact_phone"] == "+84912345678"
    assert clean["contact_email"] == "A@mic.gov.vn"
    assert clean["incident_at"] == "2023-06-01T07:30"
    # the language is English, but "1,2" is only valid the Vietnamese way: read as 1.2
    assert (
        msgs.validate_message(
            {"title": "t", "kind": "policy", "language": "English", "figures": "1,500 người"}
        )["figures"][0]["value"]
        == "1500"
    )
    assert clean["figures"] == [
        {"value": "1.2", "unit": "triệu hộ", "period": "2022", "source": "GSO"}
    ]
    assert clean["lead"] == "Dòng một.\nDòng hai."
    assert clean["x_future"] == {"kept": True}


def test_validation_reports_every_bad_field_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        msgs.validate_message(
            {
                "title": "",
                "kind": "memo",
                "contact_phone": "12",
                "policy_effective": "soon",
                "figures": [{"value": "nhiều"}],
            }
        )
    fields = caught.value.fields
    assert set(fields) == {"title", "kind", "contact_phone", "policy_effective", "figures"}
    assert "policy, achievement, crisis" in fields["kind"]


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("2025-03-04 08:30", "2025-03-04T08:30"),
        ("08:30 04/03/2025", "2025-03-04T08:30"),
        ("8h30 ngày 4/3/2025", "2025-03-04T08:30"),
        ("04/03/2025 lúc 14 giờ", "2025-03-04T14:00"),
        ("2025-03-04T08:30:15", "2025-03-04T08:30"),
    ],
)
def test_datetimes(raw: str, stored: str) -> None:
    assert normalise_datetime(raw) == stored


@pytest.mark.parametrize("raw", ["2025-03-04", "08:30", "32/01/2025 08:00", "sáng mai 8h"])
def test_bad_datetimes(raw: str) -> None:
    with pytest.raises(InvalidValue):
        normalise_datetime(raw)


def test_figure_and_quote_syntax() -> None:
    assert parse_figure_spec("98.982,30 tỷ đồng; nguồn=Bộ TT&TT; so với=năm 2021") == {
        "value": "98.982,30",
        "unit": "tỷ đồng",
        "source": "Bộ TT&TT",
        "baseline": "năm 2021",
    }
    with pytest.raises(InvalidValue):
        parse_figure_spec("khoảng ba triệu")
    with pytest.raises(InvalidValue):
        parse_figure_spec("3 triệu; colour=red")
    assert parse_quote_spec("“Nhanh hơn.” — Nguyễn Văn A, Chủ tịch UBND xã") == {
        "quote": "Nhanh hơn.",
        "quote_speaker": "Nguyễn Văn A",
        "quote_title": "Chủ tịch UBND xã",
    }
    assert parse_quote_spec('{"text": "Hi", "speaker": "An"}')["quote_speaker"] == "An"


def test_create_update_list_and_resolve_by_title(store: Store) -> None:
    record = msgs.create_message(store, card(POLICY_VI, language="vi"))
    assert record["status"] == "draft"
    assert resolve(store.load(), "messages", "cap phep truc tuyen")["id"] == record["id"]
    result = msgs.update_message(store, record["id"][:6], {"owner": "Sở TT&TT", "lead": None})
    assert result.changed == ["owner", "lead"] and "lead" not in result.record
    assert result.record["_clock"]["owner"] == result.record["_clock"]["lead"]
    listed = msgs.list_messages(store.load(), status="nháp", kind="policy", search="truc tuyen")
    assert [item.record["id"] for item in listed] == [record["id"]]
    assert listed[0].report.summary.startswith("8/9 slots")
    assert msgs.list_messages(store.load(), status="ready") == []
    with pytest.raises(ValidationError):
        msgs.list_messages(store.load(), kind="memo")


def test_a_new_message_is_in_the_language_of_its_title(store: Store) -> None:
    """What the TUI's "new message" dialog sends: a title and a template, no language."""
    from store.i18n import set_language

    create_message = msgs.create_message
    vi = create_message(store, {"title": "Miễn phí chữ ký số"}, template="policy")
    assert vi["language"] == "vi"
    assert create_message(store, {"title": "Free signatures", "kind": "policy"})["language"] == "en"
    set_language("vi")
    try:
        assert create_message(store, {"title": "Chu ky so", "kind": "policy"})["language"] == "vi"
        assert (
            create_message(store, {"title": "Digital", "kind": "policy", "language": "en"})[
                "language"
            ]
            == "en"
        )
    finally:
        set_language("en")


def test_ready_is_refused_while_errors_exist_and_nothing_changes(store: Store) -> None:
    record = msgs.create_message(store, card(POLICY_VI, proposal=None))
    before = store.path.read_bytes()
    with pytest.raises(ValidationError) as caught:
        msgs.set_status(store, record["id"], "ready")
    assert "Criticism needs a proposal" in str(caught.value)
    assert store.path.read_bytes() == before
    msgs.update_message(store, record["id"], {"proposal": "Bưu điện xã hướng dẫn miễn phí."})
    assert msgs.set_status(store, record["id"], "ready").record["status"] == "ready"


def test_an_edit_that_brings_errors_puts_a_ready_message_back_to_draft(store: Store) -> None:
    record = msgs.create_message(store, POLICY_VI)
    msgs.set_status(store, record["id"], "ready")
    result = msgs.update_message(store, record["id"], {"proposal": None})
    assert result.demoted and result.record["status"] == "draft"
    fine = msgs.update_message(store, record["id"], {"proposal": "Có hướng dẫn miễn phí."})
    assert not fine.demoted


def test_slot_changes_for_the_cli(store: Store) -> None:
    current = msgs.validate_message(POLICY_VI)
    assert slot_changes("benefits.people", "Nhanh hơn.", current) == {
        "benefits_people": "Nhanh hơn."
    }
    assert slot_changes("headline", "", current) == {"headline": None}
    appended = slot_changes("audiences", "sinh viên", current, append=True)
    assert appended["audiences"][-1] == "sinh viên" and len(appended["audiences"]) == 3
    more = slot_changes("figures", "5 %; baseline=2021; source=GSO", current, append=True)
    assert len(more["figures"]) == 2 and more["figures"][1]["value"] == "5"
    assert slot_changes("quote", "“Tốt.” — An, Chủ tịch", current)["quote_speaker"] == "An"
    with pytest.raises(ValidationError, match="benefits has several fields"):
        field_name("benefits")
    with pytest.raises(ValidationError, match="unknown field"):
        field_name("colour")


def test_remove_and_restore(store: Store) -> None:
    record = msgs.create_message(store, POLICY_VI)
    msgs.remove_message(store, record["title"])
    assert msgs.list_messages(store.load()) == []
    with pytest.raises(NotFoundError):
        msgs.find_message(store.load(), record["id"])
    assert msgs.restore_message(store, record["id"][:8])["id"] == record["id"]
    assert len(msgs.list_messages(store.load())) == 1


def test_every_slot_is_a_top_level_field_so_sync_merges_slots_separately(store: Store) -> None:
    record = msgs.create_message(store, POLICY_VI)
    msgs.update_message(store, record["id"], {"headline": "Tiêu đề mới có 1,2 triệu hộ"})
    msgs.update_message(store, record["id"], {"quote_speaker": "Nguyễn Văn A"})
    clocks = msgs.find_message(store.load(), record["id"])["_clock"]
    assert clocks["headline"] != clocks["quote_speaker"]
    assert all("." not in name and isinstance(name, str) for name in msgs.FIELDS)
    assert set(msgs.FIELDS) >= msgs.MERGE_AS_SET and set(msgs.FIELDS) >= msgs.MERGE_AS_VALUE


def test_clean_form_reports_per_field_and_never_raises() -> None:
    clean, errors = msgs.clean_form(
        {
            "headline": " Tiêu đề  mới ",
            "contact_phone": "12",
            "policy_effective": "1/7/2023",
            "figures": [{"value": "3.893.595", "unit": "tỷ đồng"}],
            "audiences": "a; b",
            "colour": "red",
        },
        "vi",
    )
    assert clean == {
        "headline": "Tiêu đề mới",
        "policy_effective": "2023-07-01",
        "figures": [{"value": "3893595", "unit": "tỷ đồng"}],
        "audiences": ["a", "b"],
    }
    assert list(errors) == ["contact_phone"] and "0912 345 678" in errors["contact_phone"]
