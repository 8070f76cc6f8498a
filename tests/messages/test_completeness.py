"""Completeness rules, and the report every listing shows (checklist, score, summary)."""

from __future__ import annotations

import time

import pytest
from message_cards import CRISIS_VI, POLICY_EN, POLICY_VI, TODAY, card

from store.checks import check_message, thresholds
from store.i18n import set_language


def report(message: dict):
    return check_message(message, today=TODAY)


def codes(message: dict) -> list[str]:
    return [f.code for f in report(message).findings]


@pytest.mark.parametrize(
    ("field", "slot"),
    [
        ("headline", "headline"),
        ("lead", "lead"),
        ("problem", "problem"),
        ("audiences", "audiences"),
        ("figures", "figures"),
        ("call_to_action", "call_to_action"),
    ],
)
def test_each_required_slot_is_an_error_when_empty(field: str, slot: str) -> None:
    found = [f for f in report(card(POLICY_VI, **{field: None})).findings if f.code == "missing"]
    assert [(f.slot, f.severity) for f in found] == [(slot, "error")]


def test_an_empty_card_lists_every_required_slot() -> None:
    result = report({"title": "x", "kind": "policy", "language": "vi"})
    assert result.slots_filled == 0 and result.slots_total == 9
    assert result.errors == 9 and result.score == 0
    assert result.summary == "0/9 slots, 9 errors, 1 warning"


def test_criticism_without_a_proposal_is_an_error() -> None:
    message = card(POLICY_VI, proposal=None)
    [found] = [f for f in report(message).findings if f.code == "criticism-proposal"]
    assert (found.slot, found.field, found.severity) == ("criticism", "proposal", "error")
    assert "criticism-text" in codes(card(POLICY_VI, criticism=None))


def test_policy_needs_instrument_with_number_and_date() -> None:
    assert "policy-instrument" in codes(card(POLICY_VI, policy_instrument=None))
    assert "policy-effective" in codes(card(POLICY_VI, policy_effective=None))
    assert "policy-number" in codes(card(POLICY_VI, policy_instrument="Nghị định mới"))
    assert "policy-number" not in codes(POLICY_VI)


def test_benefits_need_people_and_one_other() -> None:
    assert "benefits-other" in codes(card(POLICY_VI, benefits_country=None))
    assert "benefits-people" in codes(card(POLICY_VI, benefits_people=None))
    assert "benefits-other" not in codes(
        card(POLICY_VI, benefits_country=None, benefits_sector="Ngành có thêm dữ liệu.")
    )


def test_quote_parts() -> None:
    assert "quote-speaker" in codes(card(POLICY_VI, quote="Thủ tục nhanh hơn."))
    assert "quote-title" in codes(
        card(POLICY_VI, quote="Thủ tục nhanh hơn.", quote_speaker="Nguyễn Văn A")
    )
    full = card(
        POLICY_VI,
        quote="Thủ tục nhanh hơn.",
        quote_speaker="Nguyễn Văn A",
        quote_title="Chủ tịch UBND xã",
    )
    assert not {"quote-speaker", "quote-title", "quote-text"} & set(codes(full))


def test_call_to_action_needs_a_way_to_act() -> None:
    assert "action-means" in codes(card(POLICY_VI, call_to_action="Hãy ủng hộ chính sách."))
    for text in (
        "Đăng ký trước ngày 30/6.",
        "Gọi tổng đài để được hướng dẫn.",
        "Xem dichvucong.gov.vn.",
        "Register before 30 June.",
    ):
        assert "action-means" not in codes(card(POLICY_VI, call_to_action=text)), text


def test_a_complete_card_reports_slots_score_and_summary() -> None:
    result = report(POLICY_EN)
    assert (result.slots_filled, result.slots_total) == (9, 9)
    assert result.ready and result.errors == 0 and result.warnings == 1
    assert result.summary == "9/9 slots, 1 warning"
    assert result.score == 100 - thresholds.SCORE_WARNING_PENALTY
    states = {s.slot: s.state for s in result.checklist}
    assert states["story"] == "warning" and states["headline"] == "ok"
    assert states["quote"] == "empty"
    assert [s.level for s in result.checklist if s.slot == "quote"] == ["optional"]


def test_report_groups_findings_per_slot_and_field() -> None:
    message = card(POLICY_VI, proposal=None, lead="UBND tiến hành cấp phép từ ngày 1/7/2023.")
    result = report(message)
    grouped = result.by_slot()
    assert list(grouped)[:3] == ["headline", "lead", "problem"]
    assert {f.code for f in grouped["lead"]} == {"acronym", "filler-phrase"}
    assert [f.code for f in result.for_field("proposal")] == ["criticism-proposal"]
    data = result.to_json()
    assert data["ready"] is False and data["errors"] == 1
    assert {"slot", "field", "severity", "code", "message", "start", "end", "index"} == set(
        data["findings"][0]
    )


def test_summary_in_vietnamese() -> None:
    set_language("vi")
    try:
        assert report(card(POLICY_VI, proposal=None)).summary == "9/9 mục, 1 lỗi, 1 cảnh báo"
    finally:
        set_language("en")


def test_crisis_kind_has_its_own_slots() -> None:
    result = check_message(card(CRISIS_VI, empathy=None), today=TODAY)
    assert [s.slot for s in result.checklist][:3] == ["headline", "incident", "empathy"]
    assert result.summary.startswith("8/9 slots, 1 error")


def test_checks_are_cheap_enough_for_every_keystroke() -> None:
    """Not a benchmark (see bench_checks.py): re-checking after one edit must stay well below a
    keystroke's budget even on a slow CI machine."""
    base = card(POLICY_VI, story=" ".join(["Câu chuyện dài có số 1,2 triệu hộ."] * 40))
    check_message(base, today=TODAY)
    start = time.perf_counter()
    for i in range(20):
        check_message(card(base, problem=f"Chủ hộ kinh doanh mất {i} ngày."), today=TODAY)
    assert (time.perf_counter() - start) / 20 < 0.05


@pytest.mark.parametrize(
    ("action", "past"),
    [
        ("Đăng ký tại https://dichvucong.gov.vn trước ngày 31/12/2022.", "31/12/2022"),
        ("Gửi ý kiến trước ngày 5 tháng 1 năm 2023 qua 1800 1096.", "ngày 5 tháng 1 năm 2023"),
        ("Apply at https://dichvucong.gov.vn by 2023-05-31.", "2023-05-31"),
        ("Nộp từ 01.03.2023 đến 15.05.2023 tại bộ phận một cửa.", "15.05.2023"),
        ("Đăng ký trước ngày 30/6/2023 tại https://dichvucong.gov.vn.", None),  # ahead
        ("Nộp từ 01/01/2023 đến 31/12/2023 tại bộ phận một cửa.", None),  # one still ahead
        ("Đăng ký trước 31/12 tại https://dichvucong.gov.vn.", None),  # no year: not judged
        ("Đăng ký trước ngày 31/02/2023 tại https://dichvucong.gov.vn.", None),  # not a date
    ],
)
def test_a_call_to_action_whose_dates_have_passed_is_flagged(action: str, past) -> None:
    found = [
        f
        for f in report(card(POLICY_VI, call_to_action=action)).findings
        if f.code == "action-date-past"
    ]
    if past is None:
        assert not found
    else:
        [finding] = found
        assert finding.field == "call_to_action" and finding.severity == "warning"
        assert action[finding.start : finding.end] == past
        assert past in finding.message
