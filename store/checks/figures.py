"""Figures: every number in the text is one of the card's figures, and every figure is sourced,
dated, recent, and (for a percentage) compared with something.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from ..i18n import _
from ..messages import LANGUAGES
from ..vietnamese import nfc
from . import lexicon, numbers, thresholds
from .base import ERROR, WARNING, Finding, sentences
from .clarity import prose

_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def figure_value(figure: Mapping[str, Any], lang: str) -> Decimal | None:
    """The value of a figure, stored ("98982.30") or as typed in the message's language."""
    raw = figure.get("value")
    if raw is None or isinstance(raw, bool) or str(raw).strip() == "":
        return None
    text = str(raw).strip()
    try:
        return numbers.parse_number(text, "en" if re.fullmatch(r"-?\d+(\.\d+)?", text) else lang)
    except ValueError:
        return None


def figure_text(figure: Mapping[str, Any], lang: str) -> str:
    """A figure as a reader of `lang` writes it: "3.893.595 tỷ đồng"."""
    value = figure_value(figure, lang)
    shown = numbers.format_number(value, lang) if value is not None else str(figure.get("value"))
    unit = (figure.get("unit") or "").strip()
    if unit in ("%", "％"):
        return shown + "%"
    return f"{shown} {unit}".strip()


def _month_end(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def period_end(period: str | None) -> date | None:
    """The last day a period covers: "2022", "Q3/2022", "quý III/2022", "6/2022", "2021-2025"."""
    text = nfc(period or "").strip().lower()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    quarter = re.search(r"(?:q|quý)\s*([1-4]|iv|iii|ii|i)\b\D*(\d{4})", text)
    if quarter:
        q = _ROMAN_Q.get(quarter.group(1)) or int(quarter.group(1))
        return _month_end(int(quarter.group(2)), q * 3)
    month = re.search(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)|(\d{4})-(\d{2})(?!\d)", text)
    if month:
        if month.group(1):
            return _month_end(int(month.group(2)), int(month.group(1)))
        return _month_end(int(month.group(3)), int(month.group(4)))
    years = re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)
    if years:
        return date(int(years[-1]), 12, 31)
    return None


def figure_date(figure: Mapping[str, Any]) -> date | None:
    """How recent a figure is: its `as_of` date, else the end of its `period`."""
    as_of = str(figure.get("as_of") or "").strip()
    if as_of:
        try:
            return date.fromisoformat(as_of[:10])
        except ValueError:
            pass
    return period_end(figure.get("period"))


def months_between(earlier: date, later: date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def _figure_findings(figures: list, lang: str, today: date) -> list[Finding]:
    found = []
    for i, figure in enumerate(figures):
        n = i + 1
        if not isinstance(figure, Mapping) or figure_value(figure, lang) is None:
            raw = figure.get("value") if isinstance(figure, Mapping) else figure
            found.append(Finding("figures", "figures", ERROR, "figure-value", _(
                "Figure {n}: {value!r} is not a number.", n=n, value=raw), index=i))
            continue
        shown = figure_text(figure, lang)
        if not (figure.get("unit") or "").strip():
            found.append(Finding("figures", "figures", WARNING, "figure-unit", _(
                "Figure {figure}: say what it counts (its unit: tỷ đồng, người, %…).",
                figure=shown), index=i))
        if not (figure.get("source") or "").strip():
            found.append(Finding("figures", "figures", WARNING, "figure-source", _(
                "Figure {figure} has no source: say who published it (report, agency, date).",
                figure=shown), index=i))
        if numbers.unit_scale(figure.get("unit"))[1] and not (figure.get("baseline") or "").strip():
            found.append(Finding("figures", "figures", WARNING, "figure-baseline", _(
                "Figure {figure}: say what the percentage is compared with (its baseline).",
                figure=shown), index=i))
        when = figure_date(figure)
        if when is None:
            found.append(Finding("figures", "figures", WARNING, "figure-date", _(
                "Figure {figure}: add its period or date (as of), so readers know how recent "
                "it is.", figure=shown), index=i))
        elif months_between(when, today) > thresholds.FIGURE_MAX_AGE_MONTHS:
            found.append(Finding("figures", "figures", WARNING, "figure-old", _(
                "Figure {figure} is from {date}, more than {months} months ago: use newer data "
                "if there is any, and say when it is from.", figure=shown,
                date=when.isoformat(), months=thresholds.FIGURE_MAX_AGE_MONTHS), index=i))
    return found


def _sentence_of(text: str, pos: int) -> str:
    for start, end in sentences(text):
        if start <= pos < end:
            return text[start:end]
    return text


def check(message: Mapping[str, Any], levels: Mapping[str, str], lang: str,
          today: date | None = None) -> list[Finding]:
    today = today or date.today()
    figures = message.get("figures") or []
    if not isinstance(figures, list):
        figures = []
    found = _figure_findings(figures, lang, today) if "figures" in levels else []
    known = [
        (i, figure_value(f, lang), f.get("unit"), f)
        for i, f in enumerate(figures) if isinstance(f, Mapping)
    ]
    known = [k for k in known if k[1] is not None]
    used: set[int] = set()
    percents: dict[Decimal, list] = {}
    for slot, field, text in prose(message, levels):
        for mention in numbers.find_numbers(text, lang):
            if mention.foreign_style:
                fixed = numbers.format_number(mention.value, lang, mention.decimals)
                found.append(Finding(slot, field, WARNING, "number-style", _(
                    "Write {number} the {language} way: {fixed}.", number=mention.raw,
                    language=_(LANGUAGES[lang]).lower(), fixed=fixed), mention.start,
                    mention.end))
            hits = [k for k in known if numbers.matches(mention, k[1], k[2])]
            used.update(k[0] for k in hits)
            if not hits:
                found.append(Finding(slot, field, ERROR, "number-unsourced", _(
                    "{number} is not among the figures: add it to Figures with its source, or "
                    "remove it.", number=mention.raw), mention.start, mention.end))
            if mention.percent:
                sentence = _sentence_of(text, mention.start).lower()
                stated = bool(lexicon.COMPARISON.search(sentence) or lexicon.SHARE.search(sentence))
                percents.setdefault(abs(mention.value), []).append(
                    (slot, field, mention, stated, hits))
    for mentions in percents.values():
        if any(stated for *_rest, stated, _hits in mentions):
            continue
        slot, field, mention, _stated, hits = mentions[0]
        baseline = next((k[3].get("baseline") for k in hits if k[3].get("baseline")), None)
        message_text = (
            _("Say what {number} is compared with, e.g. “so với {baseline}”.",
              number=mention.raw, baseline=baseline) if baseline and lang == "vi" else
            _("Say what {number} is compared with, e.g. “compared with {baseline}”.",
              number=mention.raw, baseline=baseline) if baseline else
            _("Say what {number} is compared with (e.g. “so với năm 2021”, “compared with "
              "2021”).", number=mention.raw)
        )
        found.append(Finding(slot, field, WARNING, "percent-comparison", message_text,
                             mention.start, mention.end))
    if "figures" in levels and prose(message, levels):
        for i, _value, _unit, figure in known:
            if i not in used:
                found.append(Finding("figures", "figures", WARNING, "figure-unused", _(
                    "Figure {figure} is not used in the text: use it or remove it.",
                    figure=figure_text(figure, lang)), index=i))
    return found
