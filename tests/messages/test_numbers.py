"""Reading and writing numbers the Vietnamese and the English way, and matching them to figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.checks.numbers import (
    canonical,
    find_numbers,
    format_number,
    matches,
    parse_number,
    read_number,
    unit_scale,
)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("3.893.595", "vi", Decimal("3893595")),
        ("12,7", "vi", Decimal("12.7")),
        ("98.982,30", "vi", Decimal("98982.30")),
        ("3,893,595", "en", Decimal("3893595")),
        ("12.7", "en", Decimal("12.7")),
        ("98,982.30", "en", Decimal("98982.30")),
        ("1.500", "vi", Decimal("1500")),  # a Vietnamese thousands group …
        ("1.500", "en", Decimal("1.500")),  # … is an English decimal
        ("-3", "vi", Decimal("-3")),
        ("648", "en", Decimal("648")),
    ],
)
def test_parse_number_in_each_convention(text: str, lang: str, value: Decimal) -> None:
    assert parse_number(text, lang) == value


def test_a_number_only_valid_the_other_way_is_read_that_way_and_flagged() -> None:
    assert read_number("12.7", "vi") == (Decimal("12.7"), 1, True)
    assert read_number("3,893,595", "vi") == (Decimal("3893595"), 0, True)
    assert read_number("12,7", "en") == (Decimal("12.7"), 1, True)
    assert read_number("3.893.595", "vi") == (Decimal("3893595"), 0, False)


@pytest.mark.parametrize("text", ["", "abc", "1..2", "1.2.3,4,5", "12 tỷ"])
def test_parse_number_refuses_what_is_not_a_number(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text, "vi")


def test_format_number() -> None:
    assert format_number(Decimal("3893595"), "vi") == "3.893.595"
    assert format_number(Decimal("3893595"), "en") == "3,893,595"
    assert format_number(Decimal("98982.30"), "vi") == "98.982,30"
    assert format_number(Decimal("12.7"), "en") == "12.7"
    assert format_number(Decimal("-1234.5"), "vi") == "-1.234,5"
    assert canonical(Decimal("98982.30")) == "98982.30"


def _raws(text: str, lang: str) -> list[str]:
    return [m.raw for m in find_numbers(text, lang)]


def test_find_numbers_reads_the_seed_figures_in_vietnamese() -> None:
    text = (
        "Doanh thu đạt 3.893.595 tỷ đồng, tăng 12,7% so với năm 2021; nộp ngân sách "
        "98.982,30 tỷ đồng (+24,7%); khoảng 1,5 triệu lao động."
    )
    found = find_numbers(text, "vi")
    assert [m.raw for m in found] == [
        "3.893.595 tỷ",
        "12,7%",
        "98.982,30 tỷ",
        "+24,7%",
        "1,5 triệu",
    ]
    assert found[0].magnitude == Decimal("3893595") * 10**9
    assert found[1].percent and found[1].value == Decimal("12.7")
    assert found[4].magnitude == Decimal("1500000")


def test_find_numbers_reads_the_seed_figures_in_english() -> None:
    text = (
        "Revenue was 3,893,595 billion VND, up 12.7%; about 1.5 million workers earn 648 million."
    )
    assert _raws(text, "en") == ["3,893,595 billion", "12.7%", "1.5 million", "648 million"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Năm 2022 và giai đoạn 2021-2025", "vi"),
        ("Theo Nghị định 13/2023/NĐ-CP và Quyết định 411/QĐ-TTg", "vi"),
        ("Hạn chót 31/12/2023, họp lúc 8:30 hoặc 14h00", "vi"),
        ("Gọi 0912 345 678, 024 3943 1234 hoặc +84 912 345 678", "vi"),
        ("Tổng đài 1800 1096 và đường dây nóng 111", "vi"),
        ("Xem https://mic.gov.vn/tin/123456 hoặc viết cho press2023@mic.gov.vn", "vi"),
        ("Đại dịch COVID-19 và vệ tinh Vinasat-2 thời Cách mạng công nghiệp 4.0", "vi"),
        ("Điều 15, khoản 3, chương 2; tháng 12; quý 3; lần thứ 11", "vi"),
        ("Ba bước: 1 đăng ký, 2 nộp, 3 nhận kết quả", "vi"),
        ("Meeting at 9 am on 5 September 2023, Article 12", "en"),
        ("Call 1800 1096 or dial 115", "en"),
        ("Gặp khó khăn, người dân gọi tổng đài 1022 của thành phố", "vi"),  # a newcomer's card
        ("Call the helpline 1022", "en"),
    ],
)
def test_find_numbers_skips_what_is_not_a_statistic(text: str, lang: str) -> None:
    assert _raws(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Thí điểm trong 12 tháng, sau đó đánh giá", "vi"),
        (
            "Hồ sơ được giải quyết trong 15 ngày làm việc, chậm nhất 24 giờ với thủ tục đơn giản",
            "vi",
        ),
        ("Sau 18 tháng triển khai, 3 quý liên tiếp, 20 năm qua, 45 phút, 90 giây, 12 tuần", "vi"),
        ("Chương trình kéo dài 1,5 năm", "vi"),
        ("A 12-month pilot, then 18 months of roll-out", "en"),
        ("Decided within 15 working days (24 hours for simple cases), 20 years on", "en"),
        ("It took 2.5 years, 3 quarters, 45 minutes and 12 weeks", "en"),
    ],
)
def test_a_number_before_a_time_unit_is_a_duration_not_a_statistic(text: str, lang: str) -> None:
    assert _raws(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "raws"),
    [
        ("Mức hỗ trợ 12 triệu đồng/tháng trong 12 tháng", "vi", ["12 triệu"]),
        ("Doanh thu tăng 15% năm 2022", "vi", ["15%"]),
        ("Thu nhập bình quân 648 triệu năm 2022", "vi", ["648 triệu"]),
        (
            "Support of $12 months ahead and 15% a year, 1.5 million years",
            "en",
            ["12", "15%", "1.5 million"],
        ),
        ("Revenue of 3,893,595 billion in 12 months", "en", ["3,893,595 billion"]),
        ("Có 500 người chờ 12 tháng", "vi", ["500"]),
    ],
)
def test_a_duration_with_a_percent_scale_or_currency_is_still_a_statistic(
    text: str, lang: str, raws: list[str]
) -> None:
    assert _raws(text, lang) == raws


def test_figures_match_whatever_scale_each_side_uses() -> None:
    [revenue] = find_numbers("3.893.595 tỷ đồng", "vi")
    assert matches(revenue, Decimal("3893595"), "tỷ đồng")
    assert matches(revenue, Decimal("3893595000000000"), "đồng")
    [rounded] = find_numbers("gần 3,9 triệu tỷ đồng", "vi")
    assert matches(rounded, Decimal("3893595"), "tỷ đồng")
    [workers] = find_numbers("1.500.000 lao động", "vi")
    assert matches(workers, Decimal("1.5"), "triệu người")
    [percent] = find_numbers("12,7%", "vi")
    assert matches(percent, Decimal("12.7"), "%")
    assert matches(percent, Decimal("12.74"), "%")  # rounded as written
    assert not matches(percent, Decimal("12.7"), "tỷ đồng")  # a percent is not an amount
    assert not matches(percent, Decimal("15"), "%")
    [budget] = find_numbers("98.982,30 tỷ", "vi")
    assert not matches(budget, Decimal("3893595"), "tỷ đồng")


def test_unit_scale() -> None:
    assert unit_scale("tỷ đồng") == (Decimal(10) ** 9, False)
    assert unit_scale("nghìn tỷ đồng") == (Decimal(10) ** 12, False)
    assert unit_scale("million workers") == (Decimal(10) ** 6, False)
    assert unit_scale("%") == (Decimal(1), True)
    assert unit_scale("người") == (Decimal(1), False)


# -- properties ----------------------------------------------------------------------------------

amounts = st.decimals(
    min_value=Decimal("-1e15"),
    max_value=Decimal("1e15"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@settings(max_examples=300, deadline=None)
@given(amounts, st.sampled_from(["vi", "en"]), st.integers(0, 3))
def test_format_then_parse_gives_the_same_number(value: Decimal, lang: str, decimals: int) -> None:
    shown = format_number(value, lang, decimals)
    assert parse_number(shown, lang) == round(value, decimals)


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=Decimal("11"), max_value=Decimal("1e12"), places=2),
    st.sampled_from(["vi", "en"]),
    st.sampled_from(["tỷ đồng", "triệu người", "%", "người", "billion VND"]),
)
def test_a_figure_written_in_the_text_matches_that_figure(
    value: Decimal, lang: str, unit: str
) -> None:
    shown = format_number(value, lang) + ("%" if unit == "%" else f" {unit}")
    text = (
        f"Con số năm nay là {shown}, theo báo cáo."
        if lang == "vi"
        else f"This year the figure is {shown}, the report says."
    )
    found = find_numbers(text, lang)
    assert len(found) == 1
    assert not found[0].foreign_style
    assert matches(found[0], value, unit)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=11, max_value=10**9), st.integers(min_value=11, max_value=10**9))
def test_different_whole_numbers_do_not_match(a: int, b: int) -> None:
    if a == b:
        return
    [mention] = find_numbers(f"Có {format_number(a, 'vi')} người.", "vi")
    assert not matches(mention, Decimal(b), "người")
