"""Due dates as people type them, in English and Vietnamese."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.outreach.dates import due_value, next_weekday, parse_day
from store.validate import InvalidValue

WED = date(2024, 5, 15)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", WED),
        ("TODAY", WED),
        ("tomorrow", date(2024, 5, 16)),
        ("yesterday", date(2024, 5, 14)),
        ("hôm nay", WED),
        ("hom nay", WED),
        ("mai", date(2024, 5, 16)),
        ("ngày mai", date(2024, 5, 16)),
        ("ngày kia", date(2024, 5, 17)),
        ("+3d", date(2024, 5, 18)),
        ("+0d", WED),
        ("+2w", date(2024, 5, 29)),
        ("+ 3 ngày", date(2024, 5, 18)),
        ("+1 tuần", date(2024, 5, 22)),
        ("2024-06-01", date(2024, 6, 1)),
        ("01/06/2024", date(2024, 6, 1)),
        ("mon", date(2024, 5, 20)),
        ("Monday", date(2024, 5, 20)),
        ("thu", date(2024, 5, 16)),
        ("wed", date(2024, 5, 22)),  # the next Wednesday, not today
        ("sun", date(2024, 5, 19)),
        ("t2", date(2024, 5, 20)),
        ("T7", date(2024, 5, 18)),
        ("cn", date(2024, 5, 19)),
        ("chủ nhật", date(2024, 5, 19)),
        ("thứ hai", date(2024, 5, 20)),
        ("Thứ 5", date(2024, 5, 16)),
        ("thứ tư", date(2024, 5, 22)),
    ],
)
def test_words_and_formats(text: str, expected: date) -> None:
    assert parse_day(text, WED) == expected


@pytest.mark.parametrize(
    "text", ["", "soon", "+d", "-3d", "2024-13-01", "32/01/2024", "t8", "+99999d"]
)
def test_bad_dates_say_what_is_accepted(text: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_day(text, WED)
    message = str(caught.value)
    assert "is not a date" in message
    assert "+3d" in message and "2024-03-15" in message


@given(st.integers(min_value=0, max_value=9999), st.dates(date(2000, 1, 1), date(2100, 1, 1)))
def test_plus_n_days_and_weeks(n: int, today: date) -> None:
    assert parse_day(f"+{n}d", today) == today + timedelta(days=n)
    assert parse_day(f"+{n} ngày", today) == today + timedelta(days=n)
    if n <= 1000:
        assert parse_day(f"+{n}w", today) == today + timedelta(weeks=n)


@given(st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.integers(0, 6))
def test_weekday_is_the_next_such_day(today: date, weekday: int) -> None:
    found = next_weekday(today, weekday)
    assert found.weekday() == weekday
    assert 1 <= (found - today).days <= 7


def test_due_value_stores_iso_or_nothing() -> None:
    assert due_value("+1d", WED) == "2024-05-16"
    assert due_value(None) is None
    assert due_value("  ") is None
    assert due_value(date(2024, 1, 2)) == "2024-01-02"
