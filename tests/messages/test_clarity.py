"""Clarity: sentence length, acronyms at first use, filler and vague words (vi and en)."""

from __future__ import annotations

from message_cards import POLICY_EN, POLICY_VI, TODAY, card

from store.checks import check_message
from store.checks.base import count_tokens, sentences
from store.i18n import set_language


def codes(message: dict, field: str | None = None) -> list[str]:
    report = check_message(message, today=TODAY)
    return [f.code for f in report.findings if field is None or f.field == field]


def findings(message: dict, code: str) -> list:
    return [f for f in check_message(message, today=TODAY).findings if f.code == code]


def test_the_example_cards_are_clear() -> None:
    for example in (POLICY_VI, POLICY_EN):
        clarity = {
            "sentence-long",
            "sentence-very-long",
            "acronym",
            "acronym-unknown",
            "filler-phrase",
            "vague-word",
            "headline-long",
            "headline-vague",
            "lead-long",
        }
        assert not clarity & set(codes(example))


def test_sentences_split_at_ends_not_at_numbers_or_abbreviations() -> None:
    text = "Doanh thu đạt 3.893.595 tỷ đồng. TP. Hồ Chí Minh dẫn đầu! Còn lại?\n- Một dòng"
    parts = [text[a:b] for a, b in sentences(text)]
    assert parts == [
        "Doanh thu đạt 3.893.595 tỷ đồng.",
        "TP. Hồ Chí Minh dẫn đầu!",
        "Còn lại?",
        "- Một dòng",
    ]
    assert count_tokens("Doanh thu đạt 3.893.595 tỷ đồng, tăng 12,7% — rất tốt.") == 10


def _sentence(n: int, lang: str) -> str:
    word = "người" if lang == "vi" else "word"
    return " ".join([word] * n) + "."


def test_sentence_length_warns_over_25_and_is_very_hard_over_40() -> None:
    assert "sentence-long" not in codes(card(POLICY_VI, problem=_sentence(25, "vi")), "problem")
    assert codes(card(POLICY_VI, problem=_sentence(26, "vi")), "problem") == ["sentence-long"]
    assert codes(card(POLICY_VI, problem=_sentence(41, "vi")), "problem") == ["sentence-very-long"]
    [long] = findings(card(POLICY_EN, problem=_sentence(30, "en")), "sentence-long")
    assert "30 words" in long.message and (long.start, long.end) == (0, len(_sentence(30, "en")))
    [vi] = findings(card(POLICY_VI, problem=_sentence(30, "vi")), "sentence-long")
    assert "30 syllables" in vi.message


def test_short_sentences_in_a_long_paragraph_do_not_warn() -> None:
    text = " ".join([_sentence(20, "vi")] * 5)
    assert "sentence-long" not in codes(card(POLICY_VI, problem=text))


def test_acronym_not_spelled_out_at_first_use() -> None:
    message = card(POLICY_VI, problem="UBND các xã nhận hồ sơ giấy. Ủy ban nhân dân trả chậm.")
    [found] = findings(message, "acronym")
    assert found.field == "problem" and "Ủy ban nhân dân (UBND)" in found.message
    assert (found.start, found.end) == (0, 4)


def test_acronym_spelled_out_before_or_in_brackets_is_fine() -> None:
    for text in (
        "Ủy ban nhân dân (UBND) các xã nhận hồ sơ. UBND trả kết quả.",
        "Uỷ ban nhân dân các xã nhận hồ sơ. Sau đó UBND trả kết quả.",  # old-style tone mark
        "UBND (Ủy ban nhân dân) các xã nhận hồ sơ.",
        "Sở Thông tin và Truyền thông (Sở TT&TT) hướng dẫn; Sở TT&TT trả lời.",
    ):
        assert "acronym" not in codes(card(POLICY_VI, problem=text)), text


def test_acronym_spelled_out_in_an_earlier_slot_counts() -> None:
    message = card(
        POLICY_VI,
        lead="Công nghệ thông tin giúp hộ kinh doanh từ ngày 1/7/2023.",
        problem="Nhiều hộ chưa dùng CNTT.",
    )
    assert "acronym" not in codes(message)
    message = card(
        POLICY_VI,
        lead="CNTT giúp hộ kinh doanh từ ngày 1/7/2023.",
        problem="Công nghệ thông tin còn mới với nhiều hộ.",
    )
    assert [f.field for f in findings(message, "acronym")] == ["lead"]


def test_acronym_only_reported_once() -> None:
    message = card(POLICY_VI, problem="UBND xã chậm. UBND huyện cũng chậm.")
    assert len(findings(message, "acronym")) == 1


def test_unknown_acronym_and_its_innocent_lookalikes() -> None:
    [found] = findings(
        card(POLICY_EN, problem="The DOIC will answer in a week."), "acronym-unknown"
    )
    assert "DOIC" in found.message
    clean = (
        "GDP grew, VND is stable, COVID ended, chapter II and III are out, and 5G covers the area."
    )
    assert not {"acronym", "acronym-unknown"} & set(codes(card(POLICY_EN, problem=clean)))
    defined = "The Department of Information and Communications (DOIC) answers. DOIC is quick."
    assert "acronym-unknown" not in codes(card(POLICY_EN, problem=defined))


def test_a_shouted_line_is_not_a_run_of_acronyms() -> None:
    shouted = card(POLICY_VI, problem="THÔNG BÁO KHẨN VỀ VIỆC NỘP HỒ SƠ")
    assert not {"acronym", "acronym-unknown"} & set(codes(shouted))


def test_english_acronym_dictionary() -> None:
    [found] = findings(card(POLICY_EN, problem="MIC will publish the guide."), "acronym")
    assert "Ministry of Information and Communications (MIC)" in found.message


def test_vietnamese_filler_phrases_with_a_plainer_suggestion() -> None:
    text = (
        "Xã tiến hành kiểm tra hồ sơ. Cán bộ thực hiện việc cấp phép. "
        "Công tác tuyên truyền được làm nhằm giúp người dân."
    )
    found = findings(card(POLICY_VI, problem=text), "filler-phrase")
    assert [text[f.start : f.end] for f in found] == [
        "tiến hành",
        "thực hiện việc",
        "Công tác",
        "nhằm",
    ]
    assert "“kiểm tra”" in found[0].message
    assert "“để”" in found[3].message


def test_filler_false_positives() -> None:
    text = (
        "Anh ấy đi công tác ở Huế. Cộng tác viên giúp đỡ. "
        "Có một cách khác để nộp. Tin giả nhằm vào người cao tuổi."
    )
    assert not findings(card(POLICY_VI, problem=text), "filler-phrase")


def test_vague_words_vi_and_en() -> None:
    vi = findings(
        card(POLICY_VI, problem="Thủ tục giảm đáng kể và đạt kết quả nhất định."), "vague-word"
    )
    assert [f.message.split("”")[0] for f in vi] == ["“đáng kể", "“kết quả nhất định"]
    en = findings(
        card(POLICY_EN, problem="Queues fell significantly in various offices."), "vague-word"
    )
    assert len(en) == 2 and "give the number" in en[0].message


def test_english_filler_inflections() -> None:
    text = "Officers carried out checks in order to utilise the new portal."
    found = findings(card(POLICY_EN, problem=text), "filler-phrase")
    assert [text[f.start : f.end] for f in found] == ["carried out", "in order to", "utilise"]


def test_english_text_is_not_checked_with_the_vietnamese_list() -> None:
    assert not findings(
        card(POLICY_EN, problem="The nham and cong tac words are names here."), "filler-phrase"
    )


def test_headline_and_lead_shape() -> None:
    long_headline = card(POLICY_VI, headline=" ".join(["chữ"] * 21) + " 2")
    assert "headline-long" in codes(long_headline)
    vague = card(POLICY_VI, headline="Thủ tục mới được áp dụng")
    assert "headline-vague" in codes(vague)
    with_beneficiary = card(POLICY_VI, headline="Hộ kinh doanh được cấp phép qua mạng")
    assert "headline-vague" not in codes(with_beneficiary)
    three = card(POLICY_VI, lead="Câu một có ngày 1/7/2023. Câu hai. Câu ba.")
    assert "lead-long" in codes(three)


def test_social_post_over_the_limit_warns() -> None:
    assert "social-long" in codes(card(POLICY_VI, social_post="a" * 281))
    assert "social-long" not in codes(card(POLICY_VI, social_post="a" * 280))


def test_messages_follow_the_interface_language() -> None:
    message = card(POLICY_VI, problem="UBND tiến hành kiểm tra.")
    set_language("vi")
    try:
        texts = [f.message for f in check_message(message, today=TODAY).findings]
    finally:
        set_language("en")
    assert any(t.startswith("Viết đầy đủ UBND") for t in texts)
    assert any("là từ đệm hành chính" in t for t in texts)
