"""Figures: every number in the text is one of the card's figures, and every figure is sourced,
dated, recent, and (for a percentage) compared with something.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from ..i18n import _
from ..messages import FIGURE_KEYS, LANGUAGES
from ..validate import InvalidValue, clean_line, normalise_date
from ..vietnamese import fold, nfc
from . import lexicon, numbers, thresholds
from .base import ERROR, WARNING, Finding, sentences
from .clarity import prose

_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


# -- reading figures as people type them ----------------------------------------------------------


def clean_figures(value: Any, lang: str, first: int = 1) -> list[dict] | None:
    """Figures from a list of objects, JSON, or the one-line syntax (one figure per line)."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.startswith(("[", "{")):
            try:
                value = json.loads(text)
            except ValueError as exc:
                raise InvalidValue(_("not valid JSON: {why}", why=exc)) from None
        else:
            value = [parse_figure_spec(line) for line in text.splitlines() if line.strip()]
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise InvalidValue(_("give a list of figures"))
    out: list[dict] = []
    for number, item in enumerate(value, first):
        if not isinstance(item, dict):
            raise InvalidValue(_("figure {n} is not an object", n=number))
        raw = item.get("value")
        try:
            if isinstance(raw, bool) or raw is None or str(raw).strip() == "":
                raise ValueError
            # typed text is read in the message's language; a JSON number is plain notation
            amount = numbers.parse_number(str(raw), lang if isinstance(raw, str) else "en")
        except ValueError:
            raise InvalidValue(
                _(
                    "figure {n}: {value!r} is not a number (write 3.893.595 or 12,7 in "
                    "Vietnamese, 3,893,595 or 12.7 in English)",
                    n=number,
                    value=raw,
                )
            ) from None
        figure: dict[str, Any] = {"value": numbers.canonical(amount)}
        for key in FIGURE_KEYS[1:]:
            text = clean_line(item.get(key) or "", 300)
            if text and key == "as_of":
                text = normalise_date(text)
            if text:
                figure[key] = nfc(text)
        figure.update({k: v for k, v in item.items() if k not in FIGURE_KEYS})
        out.append(figure)
    return out or None


_SPEC_KEYS = {
    "unit": "unit",
    "don vi": "unit",
    "label": "label",
    "nhan": "label",
    "chi tieu": "label",
    "period": "period",
    "ky": "period",
    "baseline": "baseline",
    "so voi": "baseline",
    "source": "source",
    "nguon": "source",
    "as_of": "as_of",
    "as of": "as_of",
    "ngay": "as_of",
}


def parse_figure_spec(text: str) -> dict:
    """One figure from `3.893.595 tỷ đồng; period=2022; baseline=2021; source=…; as_of=…`."""
    first, *parts = [p.strip() for p in text.split(";")]
    match = re.match(r"^([+\-−]?\d[\d.,]*)\s*(.*)$", first)
    if not match:
        raise InvalidValue(
            _("a figure starts with its number, e.g. “3.893.595 tỷ đồng; period=2022; source=…”")
        )
    figure: dict[str, Any] = {"value": match.group(1)}
    if match.group(2):
        figure["unit"] = match.group(2)
    for part in parts:
        if not part:
            continue
        key, sep, val = part.partition("=")
        field = _SPEC_KEYS.get(fold(key.strip()).replace("_", " ").strip()) or _SPEC_KEYS.get(
            key.strip()
        )
        if not sep or field is None:
            raise InvalidValue(
                _(
                    "unknown figure part {part!r}; use unit=, label=, period=, baseline=, "
                    "source=, as_of=",
                    part=part,
                )
            )
        figure[field] = val.strip()
    return figure


# -- checking them ------------------------------------------------------------------------------


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


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter: 31/1 -> 28/2)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def is_older_than(day: date, months: int, today: date) -> bool:
    return add_months(day, months) < today


def _figure_findings(figures: list, lang: str, today: date) -> list[Finding]:
    found = []
    for i, figure in enumerate(figures):
        n = i + 1
        if not isinstance(figure, Mapping) or figure_value(figure, lang) is None:
            raw = figure.get("value") if isinstance(figure, Mapping) else figure
            found.append(
                Finding(
                    "figures",
                    "figures",
                    ERROR,
                    "figure-value",
                    _("Figure {n}: {value!r} is not a number.", n=n, value=raw),
                    index=i,
                )
            )
            continue
        shown = figure_text(figure, lang)
        if not (figure.get("unit") or "").strip():
            found.append(
                Finding(
                    "figures",
                    "figures",
                    WARNING,
                    "figure-unit",
                    _(
                        "Figure {figure}: say what it counts (its unit: tỷ đồng, người, %…).",
                        figure=shown,
                    ),
                    index=i,
                )
            )
        if not (figure.get("source") or "").strip():
            found.append(
                Finding(
                    "figures",
                    "figures",
                    WARNING,
                    "figure-source",
                    _(
                        "Figure {figure} has no source: say who published it (report, agency, date).",
                        figure=shown,
                    ),
                    index=i,
                )
            )
        if numbers.unit_scale(figure.get("unit"))[1] and not (figure.get("baseline") or "").strip():
            found.append(
                Finding(
                    "figures",
                    "figures",
                    WARNING,
                    "figure-baseline",
                    _(
                        "Figure {figure}: say what the percentage is compared with (its baseline).",
                        figure=shown,
                    ),
                    index=i,
                )
            )
        when = figure_date(figure)
        if when is None:
            found.append(
                Finding(
                    "figures",
                    "figures",
                    WARNING,
                    "figure-date",
                    _(
                        "Figure {figure}: add its period or date (as of), so readers know how recent "
                        "it is.",
                        figure=shown,
                    ),
                    index=i,
                )
            )
        elif is_older_than(when, thresholds.FIGURE_MAX_AGE_MONTHS, today):
            found.append(
                Finding(
                    "figures",
                    "figures",
                    WARNING,
                    "figure-old",
                    _(
                        "Figure {figure} is from {date}, more than {months} months ago: use newer data "
                        "if there is any, and say when it is from.",
                        figure=shown,
                        date=when.isoformat(),
                        months=thresholds.FIGURE_MAX_AGE_MONTHS,
                    ),
                    index=i,
                )
            )
    return found


def _sentence_of(text: str, pos: int) -> str:
    for start, end in sentences(text):
        if start <= pos < end:
            return text[start:end]
    return text


def check(
    message: Mapping[str, Any], levels: Mapping[str, str], lang: str, today: date | None = None
) -> list[Finding]:
    today = today or date.today()
    figures = message.get("figures") or []
    if not isinstance(figures, list):
        figures = []
    found = _figure_findings(figures, lang, today) if "figures" in levels else []
    known = [
        (i, figure_value(f, lang), f.get("unit"), f)
        for i, f in enumerate(figures)
        if isinstance(f, Mapping)
    ]
    known = [k for k in known if k[1] is not None]
    used: set[int] = set()
    percents: dict[Decimal, list] = {}
    for slot, field, text in prose(message, levels):
        for mention in numbers.find_numbers(text, lang):
            if mention.foreign_style:
                fixed = numbers.format_number(mention.value, lang, mention.decimals)
                found.append(
                    Finding(
                        slot,
                        field,
                        WARNING,
                        "number-style",
                        _(
                            "Write {number} the {language} way: {fixed}.",
                            number=mention.raw,
                            language=_(LANGUAGES[lang]).lower(),
                            fixed=fixed,
                        ),
                        mention.start,
                        mention.end,
                    )
                )
            hits = [k for k in known if numbers.matches(mention, k[1], k[2])]
            used.update(k[0] for k in hits)
            if not hits:
                found.append(
                    Finding(
                        slot,
                        field,
                        ERROR,
                        "number-unsourced",
                        _(
                            "{number} is not among the figures: add it to Figures with its source, or "
                            "remove it.",
                            number=mention.raw,
                        ),
                        mention.start,
                        mention.end,
                    )
                )
            if mention.percent:
                sentence = _sentence_of(text, mention.start).lower()
                stated = bool(lexicon.COMPARISON.search(sentence) or lexicon.SHARE.search(sentence))
                percents.setdefault(abs(mention.value), []).append(
                    (slot, field, mention, stated, hits)
                )
    for mentions in percents.values():
        if any(stated for *_rest, stated, _hits in mentions):
            continue
        slot, field, mention, _stated, hits = mentions[0]
        baseline = next((k[3].get("baseline") for k in hits if k[3].get("baseline")), None)
        message_text = (
            _(
                "Say what {number} is compared with, e.g. “so với {baseline}”.",
                number=mention.raw,
                baseline=baseline,
            )
            if baseline and lang == "vi"
            else _(
                "Say what {number} is compared with, e.g. “compared with {baseline}”.",
                number=mention.raw,
                baseline=baseline,
            )
            if baseline
            else _(
                "Say what {number} is compared with (e.g. “so với năm 2021”, “compared with "
                "2021”).",
                number=mention.raw,
            )
        )
        found.append(
            Finding(
                slot, field, WARNING, "percent-comparison", message_text, mention.start, mention.end
            )
        )
    if "figures" in levels and prose(message, levels):
        for i, _value, _unit, figure in known:
            if i not in used:
                found.append(
                    Finding(
                        "figures",
                        "figures",
                        WARNING,
                        "figure-unused",
                        _(
                            "Figure {figure} is not used in the text: use it or remove it.",
                            figure=figure_text(figure, lang),
                        ),
                        index=i,
                    )
                )
    return found
