"""Figures: numbers in the text are figures; figures are sourced, dated, recent and compared."""

from __future__ import annotations

from datetime import date

from message_cards import POLICY_EN, POLICY_VI, TODAY, card

from store.checks import check_message
from store.checks.figures import add_months, figure_date, is_older_than, period_end

REVENUE_VI = [
    *POLICY_VI["figures"],
    {"value": "3893595", "unit": "tỷ đồng", "period": "2022", "source": "Bộ TT&TT"},
    {"value": "12.7", "unit": "%", "period": "2022", "baseline": "năm 2021", "source": "Bộ TT&TT"},
]


def findings(message: dict, code: str, today: date = TODAY) -> list:
    return [f for f in check_message(message, today=today).findings if f.code == code]


def test_numbers_that_are_figures_pass_in_both_languages() -> None:
    assert not findings(POLICY_VI, "number-unsourced")
    assert not findings(POLICY_EN, "number-unsourced")
    text = "Doanh thu đạt 3.893.595 tỷ đồng, tăng 12,7% so với năm 2021."
    assert not findings(card(POLICY_VI, problem=text, figures=REVENUE_VI), "number-unsourced")


def test_a_number_without_a_figure_is_an_error_at_its_place() -> None:
    text = "Có 200 nghìn hồ sơ giấy mỗi năm."
    [found] = findings(card(POLICY_VI, problem=text), "number-unsourced")
    assert found.severity == "error" and found.field == "problem"
    assert text[found.start : found.end] == "200 nghìn"
    assert "200 nghìn" in found.message


def test_a_duration_does_not_block_ready_but_an_amount_per_month_does() -> None:
    """ "trong 12 tháng" is how long, not a statistic; "12 triệu đồng/tháng" is one."""
    lead = POLICY_VI["lead"] + " Chương trình thí điểm trong 12 tháng."
    report = check_message(card(POLICY_VI, lead=lead), today=TODAY)
    assert not [f for f in report.findings if f.code == "number-unsourced"]
    assert report.ready == check_message(POLICY_VI, today=TODAY).ready
    text = "Mỗi hộ được hỗ trợ 12 triệu đồng/tháng trong 12 tháng."
    [found] = findings(card(POLICY_VI, problem=text), "number-unsourced")
    assert text[found.start : found.end] == "12 triệu"
    call = POLICY_EN["call_to_action"] + " The pilot runs for 18 months, 15 working days each."
    assert not findings(card(POLICY_EN, call_to_action=call), "number-unsourced")
    [found] = findings(card(POLICY_EN, problem="Fees rose 18% in 18 months."), "number-unsourced")
    assert found.message.startswith("18%")


def test_a_wrong_number_does_not_match_the_real_figure() -> None:
    text = "Doanh thu tăng 15% so với năm 2021."
    [found] = findings(card(POLICY_VI, problem=text, figures=REVENUE_VI), "number-unsourced")
    assert found.message.startswith("15%")


def test_english_number_formats_match() -> None:
    figures = [
        *POLICY_EN["figures"],
        {"value": "3893595", "unit": "billion VND", "source": "MIC", "period": "2022"},
        {"value": "12.7", "unit": "%", "baseline": "2021", "source": "MIC", "period": "2022"},
    ]
    text = "Revenue reached 3,893,595 billion VND, 12.7% more than in 2021."
    message = card(POLICY_EN, problem=text, figures=figures)
    assert not findings(message, "number-unsourced")
    assert not findings(message, "percent-comparison")


def test_a_number_written_the_other_way_is_flagged_with_the_fix() -> None:
    [found] = findings(
        card(POLICY_VI, problem="Doanh thu tăng 12.7% so với năm 2021.", figures=REVENUE_VI),
        "number-style",
    )
    assert "12,7" in found.message and found.severity == "warning"
    [found] = findings(
        card(POLICY_EN, headline="1,2 million household businesses go online"), "number-style"
    )
    assert "1.2" in found.message


def test_percentage_needs_a_comparison() -> None:
    bare = card(POLICY_VI, problem="Doanh thu tăng 12,7%.", figures=REVENUE_VI)
    [found] = findings(bare, "percent-comparison")
    assert "so với năm 2021" in found.message  # the figure's baseline is suggested
    compared = card(POLICY_VI, problem="Doanh thu tăng 12,7% so với năm 2021.", figures=REVENUE_VI)
    assert not findings(compared, "percent-comparison")
    share_figures = [
        {"value": "30", "unit": "%", "period": "2022", "source": "GSO", "baseline": "tổng số hộ"}
    ]
    share = card(POLICY_VI, problem="Hộ kinh doanh chiếm 30% số hộ.", figures=share_figures)
    assert not findings(share, "percent-comparison")


def test_a_comparison_stated_once_covers_the_headline() -> None:
    message = card(
        POLICY_VI,
        figures=REVENUE_VI,
        headline="Doanh thu ngành tăng 12,7%",
        problem="Doanh thu tăng 12,7% so với năm 2021.",
    )
    assert not findings(message, "percent-comparison")


def test_english_percentage_comparisons() -> None:
    figures = [{"value": "5", "unit": "%", "baseline": "2021", "source": "MIC", "period": "2022"}]
    for text in (
        "Jobs grew 5% on 2021.",
        "Jobs grew 5% year on year.",
        "Jobs grew 5% compared with 2021.",
    ):
        assert not findings(card(POLICY_EN, problem=text, figures=figures), "percent-comparison"), (
            text
        )
    assert findings(card(POLICY_EN, problem="Jobs grew 5%.", figures=figures), "percent-comparison")


def test_figure_without_source_or_baseline_warns() -> None:
    figures = [{"value": "12.7", "unit": "%", "period": "2022"}]
    message = card(POLICY_VI, figures=figures, problem="Tăng 12,7% so với năm 2021.")
    assert findings(message, "figure-source")
    assert findings(message, "figure-baseline")
    assert findings(message, "figure-source")[0].index == 0


def test_old_and_undated_figures_warn() -> None:
    figures = [{"value": "1.2", "unit": "triệu hộ", "source": "GSO", "period": "2022"}]
    message = card(POLICY_VI, figures=figures)
    assert not findings(message, "figure-old", today=date(2023, 12, 31))
    assert not findings(message, "figure-old", today=date(2023, 12, 31))
    [old] = findings(message, "figure-old", today=date(2024, 1, 1))
    assert "2022-12-31" in old.message
    dated = card(POLICY_VI, figures=[{**figures[0], "as_of": "2023-03-31"}])
    assert not findings(dated, "figure-old", today=date(2024, 1, 1))
    undated = card(POLICY_VI, figures=[{"value": "1.2", "unit": "triệu hộ", "source": "GSO"}])
    assert findings(undated, "figure-date")


def test_unused_figure_warns() -> None:
    extra = [
        *POLICY_VI["figures"],
        {"value": "648", "unit": "triệu đồng", "source": "GSO", "period": "2022"},
    ]
    [found] = findings(card(POLICY_VI, figures=extra), "figure-unused")
    assert found.index == 1 and "648" in found.message


def test_bad_figure_value_is_an_error() -> None:
    [found] = findings(card(POLICY_VI, figures=[{"value": "nhiều", "unit": "hộ"}]), "figure-value")
    assert found.severity == "error"


def test_period_end_and_ages() -> None:
    assert period_end("2022") == date(2022, 12, 31)
    assert period_end("Q3/2022") == date(2022, 9, 30)
    assert period_end("quý III/2022") == date(2022, 9, 30)
    assert period_end("tháng 6/2022") == date(2022, 6, 30)
    assert period_end("2022-02") == date(2022, 2, 28)
    assert period_end("2021-2025") == date(2025, 12, 31)
    assert period_end("6 tháng đầu năm 2023") == date(2023, 12, 31)
    assert period_end("gần đây") is None
    assert figure_date({"as_of": "2023-03-31", "period": "2020"}) == date(2023, 3, 31)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2022, 12, 31), 12) == date(2023, 12, 31)
    assert not is_older_than(date(2022, 12, 31), 12, date(2023, 12, 31))
    assert is_older_than(date(2022, 12, 31), 12, date(2024, 1, 1))


def test_crisis_statements_are_not_held_to_the_figures_rule() -> None:
    from message_cards import CRISIS_VI

    message = card(CRISIS_VI, facts="Khoảng 3.000 thuê bao bị ảnh hưởng.")
    assert not findings(message, "number-unsourced")
