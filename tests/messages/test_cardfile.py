"""The card file for $EDITOR: it reads back what it renders, and rejects malformed files with line
numbers."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from message_cards import CRISIS_VI, POLICY_EN, POLICY_VI, card

from store.cardfile import CardError, card_changes, parse_card, render_card
from store.errors import ValidationError
from store.i18n import set_language
from store.messages import validate_message


def _samples() -> list[dict]:
    text = resources.files("store").joinpath("data/sample_messages.json").read_text("utf-8")
    return json.loads(text)["messages"]


@pytest.mark.parametrize(
    "message", [POLICY_VI, POLICY_EN, CRISIS_VI, *_samples()], ids=lambda m: m["title"]
)
def test_render_then_parse_changes_nothing(message: dict) -> None:
    stored = validate_message(
        {k: v for k, v in message.items() if not k.startswith(("_", "id", "created", "updated"))}
    )
    for hints in (True, False):
        parsed = parse_card(render_card(stored, hints=hints))
        assert card_changes(stored, parsed) == {}


def test_hints_follow_the_interface_language() -> None:
    set_language("vi")
    try:
        text = render_card(validate_message(POLICY_VI))
    finally:
        set_language("en")
    assert "<!-- Thẻ thông điệp Lan Tỏa" in text
    assert "<!-- Tiêu đề: Ngắn, cụ thể" in text


def test_an_edit_changes_only_what_was_edited() -> None:
    stored = validate_message(POLICY_VI)
    text = render_card(stored)
    text = text.replace("owner:", "owner: Sở TT&TT Quảng Ninh")
    text = text.replace("- chính quyền địa phương\n", "- chính quyền địa phương\n- sinh viên\n")
    text = text.replace("Hộ kinh doanh tiết kiệm", "Mỗi hộ kinh doanh tiết kiệm")
    text = text.replace("- value: 1,2\n", "- value: 1,3\n")
    changes = card_changes(stored, parse_card(text))
    assert changes == {
        "owner": "Sở TT&TT Quảng Ninh",
        "audiences": ["hộ kinh doanh", "chính quyền địa phương", "sinh viên"],
        "benefits_people": "Mỗi hộ kinh doanh tiết kiệm một ngày công cho mỗi lần xin phép.",
        "figures": [{**stored["figures"][0], "value": "1.3"}],
    }


def test_emptying_a_field_clears_it() -> None:
    stored = validate_message(POLICY_VI)
    text = render_card(stored, hints=False)
    text = text.replace("policy_effective: 2023-07-01", "policy_effective:")
    text = text.replace("Người cao tuổi chưa quen dùng điện thoại thông minh.\n", "")
    assert card_changes(stored, parse_card(text)) == {"policy_effective": None, "criticism": None}


def test_text_lines_that_look_like_headings_or_hints_survive() -> None:
    problem = "Dòng một.\n## không phải mục\n  <!-- không phải gợi ý -->\n\\ gạch chéo\nDòng ba."
    stored = validate_message(card(POLICY_VI, problem=problem))
    text = render_card(stored)
    assert "\\## không phải mục" in text and "\\  <!--" in text and "\\\\ gạch" in text
    assert parse_card(text)["problem"] == problem


def problems(text: str) -> list[tuple[int, str]]:
    with pytest.raises(CardError) as caught:
        parse_card(text)
    return caught.value.problems


GOOD = """---
title: Thử
kind: policy
language: vi
---

## headline
Tiêu đề

## figures
- value: 3.893.595
  unit: tỷ đồng
"""


def test_the_minimal_card_parses() -> None:
    parsed = parse_card(GOOD)
    assert parsed["figures"] == [{"value": "3893595", "unit": "tỷ đồng"}]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: x\n", [(1, "the card must start with a line “---”")]),
        ("---\ntitle: x\nkind: policy\n", [(1, "the header opened here is never closed")]),
        (GOOD.replace("kind: policy", "kind: memo"), [(3, "Kind: unknown kind 'memo'")]),
        (GOOD.replace("language: vi", "langauge: vi"), [(4, "unknown header field 'langauge'")]),
        (GOOD.replace("language: vi", "just words"), [(4, "write “key: value” here")]),
        (GOOD.replace("language: vi", "title: again"), [(4, "title is given twice")]),
        (GOOD.replace("## headline", "## headlin"), [(7, "unknown section 'headlin'")]),
        (GOOD.replace("Tiêu đề", "Tiêu đề\nhai dòng"), [(9, "headline is a single line")]),
        (GOOD.replace("- value: 3.893.595", "- value: nhiều"), [(11, "figure 1: 'nhiều'")]),
        (GOOD.replace("  unit:", "  colour: red\n  unit:"), [(12, "unknown figure field")]),
        (GOOD.replace("- value: 3.893.595", "value: 3.893.595"), [(11, "write a figure as")]),
        (
            GOOD.replace("---\n\n## headline", "---\nstray text\n## headline"),
            [(6, "text outside a section")],
        ),
        (GOOD + "\n<!-- an open hint\n", [(14, "this hint is never closed")]),
        (GOOD.replace("title: Thử", "title:"), [(2, "Working title is required")]),
        (GOOD + "\n## audiences\nhộ kinh doanh\n", [(15, "write each item as a line")]),
        (
            GOOD.replace("kind: policy", "kind: policy\npolicy_effective: sắp tới"),
            [(4, "Takes effect on: 'sắp tới' is not a date")],
        ),
    ],
)
def test_malformed_cards_are_rejected_with_line_numbers(text: str, expected: list) -> None:
    found = problems(text)
    assert [
        (line, message[: len(start)])
        for (line, message), (_l, start) in zip(found, expected, strict=False)
    ] == expected, found
    assert len(found) == len(expected), found


def test_several_problems_are_reported_together() -> None:
    text = GOOD.replace("kind: policy", "kind: memo").replace("## headline", "## headlin")
    assert [line for line, _msg in problems(text)] == [3, 7]
    message = str(CardError(problems(text)))
    assert message.startswith("line 3: ") and "; line 7: " in message


_tricky = st.sampled_from(
    ["## ", "<!-- ", "-->", "\\", "---", "- value: 1", "  unit: x", "title: y", "\n", " "]
)
text_values = (
    st.lists(
        st.one_of(
            _tricky,
            st.text(
                alphabet=st.characters(
                    blacklist_categories=("Cs", "Cc"), blacklist_characters="\r"
                ),
                max_size=20,
            ),
        ),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .map(lambda s: "\n".join(line.rstrip() for line in s.split("\n")).strip())
    .filter(bool)
)


@settings(max_examples=150, deadline=None)
@given(
    problem=text_values,
    criticism=text_values,
    owner=text_values.map(lambda s: " ".join(s.split())).filter(bool),
)
def test_any_text_round_trips(problem: str, criticism: str, owner: str) -> None:
    try:
        stored = validate_message(
            card(POLICY_VI, problem=problem, criticism=criticism, owner=owner[:120])
        )
    except ValidationError:
        return  # refused by validation (e.g. control characters): nothing to edit
    parsed = parse_card(render_card(stored))
    assert card_changes(stored, parsed) == {}
