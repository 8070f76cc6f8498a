"""Numbers as Vietnamese and English writers write them, found in text and matched to figures.

Vietnamese groups thousands with dots and writes decimals with a comma (`3.893.595`, `12,7%`,
`98.982,30`); English does the opposite (`3,893,595`, `12.7%`). A number is read in the message's
language first; if it is only valid in the other convention it is read that way and flagged
(`foreign_style`) so the writer can fix it. Values are `Decimal`, so `98.982,30` stays exact.

`find_numbers` skips what is not a statistic: years, dates, times, document numbers
(`13/2023/NĐ-CP`), phone numbers, web and email addresses, names like `COVID-19`, versions like
`4.0`, small counts ("3 bước"), and durations (a number before a time unit: "trong 12 tháng",
"for 18 months"; but "12 triệu đồng/tháng" and "15% năm" are statistics). A scale word after a
number multiplies it (`1,5 triệu`, `98,982.30 billion`), so text and figures match whatever scale
each uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from . import thresholds

SCALES: dict[str, Decimal] = {
    "nghìn": Decimal(10) ** 3,
    "ngàn": Decimal(10) ** 3,
    "vạn": Decimal(10) ** 4,
    "triệu": Decimal(10) ** 6,
    "tỷ": Decimal(10) ** 9,
    "tỉ": Decimal(10) ** 9,
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "bn": Decimal(10) ** 9,
    "mn": Decimal(10) ** 6,
}
_PERCENT_WORDS = ("phần trăm", "percent", "per cent", "percentage points", "điểm phần trăm")
_NUMBER = re.compile(r"(?<![\w.,/])([+\-−]?)(\d+(?:[.,]\d+)*)(?![\w])")
_SCALE_AFTER = re.compile(
    r"\s*(?:(" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")(?!\w))", re.IGNORECASE
)
_PERCENT_AFTER = re.compile(
    r"\s?%|\s+(?:" + "|".join(re.escape(w) for w in _PERCENT_WORDS) + r")(?!\w)", re.IGNORECASE
)
#: Things that contain digits but are not statistics; they are blanked before numbers are read.
_MASKS = [
    re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE),
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    re.compile(r"\d+(?:/[\w.\-]+)+"),  # dates 31/12/2022, 6/2022 and 13/2023/NĐ-CP
    re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b"),  # ISO dates
    re.compile(r"\b\d{1,2}\s?[:hg]\s?\d{2}\b"),  # times 8:30, 8h30, 8g30
    re.compile(r"(?<![\w.,])(?:\+84|0084|0)(?:[\s.]?\d){8,10}(?!\w|[.,]\d)"),  # phones
    re.compile(r"(?<![\w.,])1[89]00(?:[\s.]?\d){4,6}(?!\w|[.,]\d)"),  # hotlines 1800 1096
    re.compile(r"[^\W\d_]+[-‑]\d+(?:[.,]\d+)*"),  # COVID-19, Vinasat-2
    re.compile(r"(?<![\w.,])\d\.0(?![\w]|[.,]\d)"),  # versions 4.0, 3.0
    re.compile(r"\b(?:19|20)\d{2}\s?[-–—]\s?(?:19|20)\d{2}\b"),  # periods 2021-2025
]
#: Words right before a number that make it a label, not a statistic ("Điều 5", "tháng 12").
_LABEL_TEXT = (
    "năm tháng ngày quý lúc thứ số điều khoản chương mục lục đoạn kỳ khóa khoá lần hạng "
    "year month day quarter article section clause chapter no number phase round annex "
    "january february march april may june july august september october november december "
    "gọi call dial hotline helpline nóng đài"
)
_LABEL_WORDS = frozenset(_LABEL_TEXT.split())
_TIME_AFTER = re.compile(r"\s*(?:giờ|phút|giây|am|pm|a\.m\.|p\.m\.)(?!\w)", re.IGNORECASE)
#: Time units: a number right before one is a duration or a date ("trong 12 tháng", "a 6-month
#: pilot", "1,5 năm"), not a statistic, unless it carries %, a scale word or a currency.
TIME_UNITS = (
    "giây phút giờ ngày tuần tháng quý năm "
    "second seconds minute minutes hour hours day days week weeks month months quarter quarters "
    "year years"
)
_DURATION_AFTER = re.compile(
    r"\s*-?\s*(?:(?:working|business|calendar)\s+)?(?:"
    + "|".join(sorted(TIME_UNITS.split(), key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥₫]|\b(?:usd|vnd|eur))\s*$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([^\W\d_][\w.]*)\s*$")


@dataclass(frozen=True)
class NumberMention:
    """One number in a text, with where it is and what it means."""

    start: int
    end: int
    raw: str
    value: Decimal
    decimals: int
    scale: Decimal = Decimal(1)
    percent: bool = False
    foreign_style: bool = False

    @property
    def magnitude(self) -> Decimal:
        return self.value * self.scale

    @property
    def precision(self) -> Decimal:
        """The place value of the last digit written (rounding tolerance is half of it)."""
        return Decimal(10) ** -self.decimals * self.scale


def _other(lang: str) -> str:
    return "en" if lang == "vi" else "vi"


def _separators(lang: str) -> tuple[str, str]:
    """(thousands separator, decimal separator) of a language."""
    return (".", ",") if lang == "vi" else (",", ".")


def _read(digits: str, lang: str) -> tuple[Decimal, int] | None:
    """(value, decimals) of digits written in `lang`'s convention, or None if not valid there."""
    group, point = _separators(lang)
    if digits.count(point) > 1:
        return None
    whole, _sep, frac = digits.partition(point)
    if group in frac:
        return None
    parts = whole.split(group)
    if len(parts) > 1 and (not 1 <= len(parts[0]) <= 3 or any(len(p) != 3 for p in parts[1:])):
        return None
    if any(not p.isdigit() for p in parts) or (frac and not frac.isdigit()):
        return None
    text = "".join(parts) + ("." + frac if frac else "")
    try:
        return Decimal(text), len(frac)
    except InvalidOperation:
        return None


def read_number(digits: str, lang: str) -> tuple[Decimal, int, bool] | None:
    """(value, decimals, foreign_style): `lang`'s convention first, then the other one."""
    found = _read(digits, lang)
    if found is not None:
        return found[0], found[1], False
    found = _read(digits, _other(lang))
    if found is not None:
        return found[0], found[1], True
    return None


def parse_number(text: str, lang: str) -> Decimal:
    """A number typed by a person ("3.893.595", "12,7", "1,500.5", "-3"); ValueError if not one."""
    raw = str(text).strip().replace("\u00a0", "").replace(" ", "").replace("−", "-")
    sign = ""
    if raw and raw[0] in "+-":
        sign, raw = raw[0], raw[1:]
    if not raw or not re.fullmatch(r"\d+(?:[.,]\d+)*", raw):
        raise ValueError(text)
    found = read_number(raw, lang)
    if found is None:
        raise ValueError(text)
    return -found[0] if sign == "-" else found[0]


def format_number(
    value: Decimal | int | float | str, lang: str, decimals: int | None = None
) -> str:
    """`value` written as a `lang` reader expects: 3893595 -> "3.893.595" (vi), "3,893,595" (en)."""
    number = Decimal(str(value))
    if decimals is None:
        exponent = number.as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    text = f"{abs(number):,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return ("-" if number < 0 else "") + text


def canonical(value: Decimal) -> str:
    """The stored form of a figure's value: plain digits, a dot for decimals ("98982.30")."""
    text = format(value, "f")
    return text


def _mask(text: str) -> str:
    for pattern in _MASKS:
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def _scale_of(text: str, pos: int) -> tuple[Decimal, int]:
    """The product of up to two scale words after `pos` ("nghìn tỷ" = 10^12) and where it ends."""
    scale = Decimal(1)
    for _ in range(2):
        match = _SCALE_AFTER.match(text, pos)
        if not match:
            break
        scale *= SCALES[match.group(1).lower()]
        pos = match.end()
    return scale, pos


@lru_cache(maxsize=4096)
def find_numbers(text: str, lang: str) -> tuple[NumberMention, ...]:
    """The statistics written in `text` (see the module doc for what is skipped)."""
    masked = _mask(text)
    lowered = text.lower()
    found: list[NumberMention] = []
    low, high = thresholds.YEAR_RANGE
    for match in _NUMBER.finditer(masked):
        sign, digits = match.group(1), match.group(2)
        read = read_number(digits, lang)
        if read is None:
            continue
        value, decimals, foreign = read
        end = match.end()
        percent_match = _PERCENT_AFTER.match(lowered, end)
        percent = bool(percent_match)
        scale, scale_end = (Decimal(1), end) if percent else _scale_of(lowered, end)
        if percent_match:
            end = percent_match.end()
        elif scale_end != end:
            end = scale_end
        before = _WORD_BEFORE.search(lowered[max(0, match.start() - 40) : match.start()])
        plain = not percent and scale == 1 and decimals == 0 and not foreign
        if plain and before and before.group(1).rstrip(".") in _LABEL_WORDS:
            continue
        if plain and _TIME_AFTER.match(lowered, match.end()):
            continue
        if (
            not percent
            and scale == 1
            and not foreign
            and _DURATION_AFTER.match(lowered, match.end())
            and not _CURRENCY_BEFORE.search(lowered[max(0, match.start() - 5) : match.start()])
        ):
            continue  # a duration or a date: "trong 12 tháng", "for 18 months"
        if plain and low <= value <= high and len(digits) == 4:
            continue
        if plain and value <= thresholds.SMALL_NUMBER_MAX and not sign:
            continue
        if sign in ("-", "−"):
            value = -value
        found.append(
            NumberMention(
                match.start(),
                end,
                text[match.start() : end],
                value,
                decimals,
                scale,
                percent,
                foreign,
            )
        )
    return tuple(found)


def unit_scale(unit: str | None) -> tuple[Decimal, bool]:
    """(scale, is_percent) of a figure's unit: "tỷ đồng" -> 10^9, "%" -> percent."""
    text = (unit or "").strip().lower()
    if "%" in text or any(w in text for w in _PERCENT_WORDS):
        return Decimal(1), True
    scale, _end = _scale_of(text, 0)
    return scale, False


def matches(mention: NumberMention, value: Decimal, unit: str | None) -> bool:
    """Whether a number in the text states this figure (equal, or rounded as written)."""
    scale, percent = unit_scale(unit)
    if mention.percent != percent:
        return False
    if abs(mention.value) == abs(value):
        return True
    tolerance = mention.precision / 2
    return abs(abs(mention.magnitude) - abs(value * scale)) <= tolerance
