"""Story rules (beneficiary, source, consent, composite) and crisis holding statement rules."""

from __future__ import annotations

from datetime import datetime

import pytest
from message_cards import CRISIS_VI, POLICY_EN, POLICY_VI, TODAY, card

from store.checks import check_message, is_late, minutes_since_incident
from store.checks.story import audience_keys, names_audience

NOW = datetime(2023, 6, 1, 8, 0)
STORY_VI = {
    "story": "Chị Lan, chủ hộ kinh doanh ở Hạ Long, trước phải nghỉ bán cả ngày để nộp hồ sơ. "
    "Nay chị nộp qua điện thoại trong giờ nghỉ trưa.",
    "story_source": "Phỏng vấn của Sở TT&TT Quảng Ninh, tháng 5/2023",
    "story_consent": True,
}


def codes(message: dict, now: datetime = NOW) -> list[str]:
    return [f.code for f in check_message(message, today=TODAY, now=now).findings]


def findings(message: dict, code: str, now: datetime = NOW) -> list:
    return [f for f in check_message(message, today=TODAY, now=now).findings if f.code == code]


# -- story ---------------------------------------------------------------------------------------


def test_a_sourced_consented_story_naming_a_beneficiary_passes() -> None:
    story_codes = {
        "story-beneficiary",
        "story-source",
        "story-consent",
        "story-no-consent",
        "story-composite",
        "recommended",
    }
    assert not story_codes & set(codes(card(POLICY_VI, **STORY_VI)))


def test_story_must_name_one_of_the_audiences() -> None:
    story = "Chị Lan trước phải nghỉ bán cả ngày. Nay chị nộp qua điện thoại."
    [found] = findings(card(POLICY_VI, **{**STORY_VI, "story": story}), "story-beneficiary")
    assert "hộ kinh doanh" in found.message and found.severity == "warning"


def test_text_without_any_audience_warns_when_there_is_no_story() -> None:
    message = card(POLICY_VI, audiences=["sinh viên"])
    assert findings(message, "audience-missing")
    assert not findings(POLICY_VI, "audience-missing")


def test_audience_matching_is_lenient_but_on_word_boundaries() -> None:
    assert audience_keys("người lao động", "vi") == ["nguoi lao dong", "lao dong"]
    assert names_audience("Hơn 1,5 triệu lao động được lợi.", ["người lao động"], "vi")
    assert names_audience("Các doanh nghiệp nhỏ tiết kiệm tiền.", ["doanh nghiệp nhỏ và vừa"], "vi")
    assert not names_audience("Danh sách đã có.", ["người dân"], "vi")  # "dân" ≠ "danh"
    assert names_audience("Small businesses save time.", ["small businesses"], "en")
    assert names_audience("Each business saves a day.", ["household businesses"], "en")
    assert not names_audience("Workshops are open.", ["workers"], "en")


def test_story_needs_a_source_and_consent_unless_illustrative() -> None:
    no_source = card(POLICY_VI, **{**STORY_VI, "story_source": None})
    assert [f.severity for f in findings(no_source, "story-source")] == ["error"]
    no_consent = card(POLICY_VI, **{**STORY_VI, "story_consent": None})
    assert [f.field for f in findings(no_consent, "story-consent")] == ["story_consent"]
    refused = card(POLICY_VI, **{**STORY_VI, "story_consent": False})
    assert findings(refused, "story-no-consent")
    composite = card(POLICY_VI, **{**STORY_VI, "story_consent": None, "story_illustrative": True})
    assert not {"story-consent", "story-no-consent"} & set(codes(composite))


def test_a_story_that_calls_itself_a_composite_should_be_marked() -> None:
    story = STORY_VI["story"] + " Đây là câu chuyện minh họa."
    [found] = findings(card(POLICY_VI, **{**STORY_VI, "story": story}), "story-composite")
    assert found.field == "story_illustrative"
    marked = card(POLICY_VI, **{**STORY_VI, "story": story, "story_illustrative": True})
    assert not findings(marked, "story-composite")


def test_achievement_requires_a_story_policy_recommends_it() -> None:
    assert [
        f.severity
        for f in findings(card(POLICY_VI, kind="achievement"), "missing")
        if f.slot == "story"
    ] == ["error"]
    assert [f.slot for f in findings(POLICY_EN, "recommended")] == ["story"]


# -- crisis --------------------------------------------------------------------------------------


def test_the_example_holding_statement_has_no_errors() -> None:
    report = check_message(CRISIS_VI, today=TODAY, now=NOW)
    assert report.ready, [f.message for f in report.findings]
    assert report.summary == "9/9 slots, all checks pass"


@pytest.mark.parametrize("slot", ["empathy", "facts", "unknowns", "actions", "advice"])
def test_every_part_of_the_holding_statement_is_required(slot: str) -> None:
    report = check_message(card(CRISIS_VI, **{slot: None}), today=TODAY, now=NOW)
    assert [(f.slot, f.severity) for f in report.findings if f.code == "missing"] == [
        (slot, "error")
    ]
    assert not report.ready


def test_next_update_and_contact_parts() -> None:
    assert "next-update-where" in codes(card(CRISIS_VI, next_update_where=None))
    assert "contact-phone-missing" in codes(card(CRISIS_VI, contact_phone=None))
    assert "contact-spokesperson" in codes(card(CRISIS_VI, spokesperson=None))


@pytest.mark.parametrize(
    "guess", ["có thể do", "nghi", "dường như", "có lẽ", "được cho là", "probably", "might"]
)
def test_speculation_in_the_facts_is_an_error(guess: str) -> None:
    facts = f"Tuyến cáp bị đứt, {guess} thi công đường."
    [found] = findings(card(CRISIS_VI, facts=facts), "speculation")
    assert found.severity == "error" and facts[found.start : found.end] == guess


def test_speculation_false_positives() -> None:
    facts = "Nghi lễ khai trương bị hoãn. Người dân được nghỉ. Hội nghị diễn ra lúc 9 giờ."
    assert not findings(card(CRISIS_VI, facts=facts), "speculation")
    # Guesses belong in "not yet known", where they are allowed.
    assert not findings(
        card(CRISIS_VI, unknowns="Có thể do thi công; đang xác minh."), "speculation"
    )


@pytest.mark.parametrize(
    "phrase", ["Miễn bình luận", "không bình luận", "No comment", "declined to comment"]
)
def test_no_comment_is_an_error_in_any_message(phrase: str) -> None:
    assert findings(card(CRISIS_VI, actions=f"{phrase} về nguyên nhân."), "no-comment")
    assert findings(card(POLICY_VI, proposal=f"{phrase}."), "no-comment")


def test_bình_luận_alone_is_fine() -> None:
    assert not findings(
        card(CRISIS_VI, actions="Chúng tôi sẽ bình luận sau khi có kết quả."), "no-comment"
    )


def test_next_update_must_come_after_the_incident_and_soon() -> None:
    before = card(CRISIS_VI, next_update_at="2023-06-01T07:00")
    [found] = findings(before, "next-update-before")
    assert found.severity == "error" and "07:30 01/06/2023" in found.message
    far = card(CRISIS_VI, next_update_at="2023-06-03T10:00")
    assert findings(far, "next-update-far")
    assert findings(CRISIS_VI, "next-update-passed", now=datetime(2023, 6, 1, 10, 30))
    assert not findings(CRISIS_VI, "next-update-passed", now=NOW)


def test_contact_phone_must_be_valid() -> None:
    [found] = findings(card(CRISIS_VI, contact_phone="12345"), "contact-phone")
    assert found.severity == "error" and "0912 345 678" in found.message
    assert not findings(card(CRISIS_VI, contact_phone="024 3943 1234"), "contact-phone")


def test_incident_time_in_the_future_warns() -> None:
    assert findings(
        card(CRISIS_VI, incident_at="2023-06-02T07:30", next_update_at="2023-06-02T09:00"),
        "incident-future",
    )


def test_minutes_since_incident_for_the_timer() -> None:
    assert minutes_since_incident(CRISIS_VI, now=NOW) == 30
    assert minutes_since_incident(CRISIS_VI, now=datetime(2023, 6, 1, 9, 0)) == 90
    assert minutes_since_incident({"incident_at": "07:30 01/06/2023"}, now=NOW) == 30
    assert minutes_since_incident({}, now=NOW) is None
    assert not is_late(CRISIS_VI, now=NOW)
    assert is_late(CRISIS_VI, now=datetime(2023, 6, 1, 8, 31))
