"""The story card as a text file for `$EDITOR`, and the strict parser that reads it back.

The file is Markdown with a small YAML-like header:

    ---
    title: Doanh thu ngành 2022
    kind: achievement
    tags: kinh tế số, doanh thu
    policy_effective: 2023-07-01
    story_consent: yes
    ---

    ## headline
    Doanh thu ngành năm 2022 đạt 3.893.595 tỷ đồng

    ## audiences
    - người lao động

    ## figures
    - value: 3.893.595
      unit: tỷ đồng
      source: Báo cáo tổng kết năm 2022 của Bộ TT&TT

One-line fields are `key: value` lines in the header; text fields are `## field` sections (a text
line that itself starts with `##` is written `\\##`). Whole lines inside `<!-- … -->` are hints
and are ignored. The parser accepts nothing else: each problem is reported with its line number
and nothing is applied, so a malformed edit never damages the stored message.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .checks.figures import clean_figures
from .checks.numbers import format_number
from .errors import LantoaError, ValidationError
from .i18n import _
from .messages import FIELDS, FIGURE_KEYS, SLOTS, clean_field, is_empty, language_of, slots_for
from .validate import InvalidValue, national_phone, split_list

META = ("title", "kind", "status", "language", "owner", "tags", "template")
HEADER_TYPES = ("line", "enum", "date", "datetime", "bool", "phone", "email")
_HEADER_LINE = re.compile(r"^([A-Za-z_]+)\s*:(.*)$")
_HEADING = re.compile(r"^##\s+(\S+)\s*$")
_FIGURE_START = re.compile(r"^-\s+([A-Za-z_]+)\s*:(.*)$")
_FIGURE_MORE = re.compile(r"^\s+([A-Za-z_]+)\s*:(.*)$")
_SKIP = "\x00skip"


class CardError(LantoaError):
    """A card file that cannot be read; `problems` are (line number, what is wrong)."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems = sorted(problems)
        super().__init__(
            "; ".join(_("line {line}: {problem}", line=n, problem=p) for n, p in self.problems)
        )


def _is_header(name: str) -> bool:
    """One-line fields sit in the header; the headline leads the text sections instead."""
    return name in META or (FIELDS[name].type in HEADER_TYPES and name != "headline")


def card_fields(message: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """(header keys, section names) a card shows: the kind's slots, plus anything filled."""
    names = list(META)
    for slot in slots_for(message.get("kind")):
        names += [f for f in SLOTS[slot].fields if f not in names]
    names += [f for f in FIELDS if f not in names and not is_empty(message.get(f))]
    return [n for n in names if _is_header(n)], [n for n in names if not _is_header(n)]


def _header_value(name: str, value: Any) -> str:
    if is_empty(value):
        return ""
    kind = FIELDS[name].type
    if kind == "bool":
        return "yes" if value else "no"
    if kind == "list":
        return ", ".join(value)
    if kind == "datetime":
        return str(value).replace("T", " ")
    if kind == "phone":
        return national_phone(str(value))
    return str(value)


def _comment(text: str) -> str:
    return "<!-- " + text.replace("-->", "—>") + " -->"


def render_card(message: Mapping[str, Any], *, hints: bool = True) -> str:
    """The card as editable text (hints in the UI language, numbers in the message's)."""
    from .templates import template_for

    lang = message.get("language") or "vi"
    template = template_for(dict(message)) if hints else None
    header, sections = card_fields(message)
    out = []
    if hints:
        out.append(
            _comment(
                _(
                    "Lan Tỏa message card. Edit the “key: value” lines and the text "
                    "under each “## field” heading, then save and close. Lines like "
                    "this one are hints and are ignored."
                )
            )
        )
    out.append("---")
    out += [f"{name}: {_header_value(name, message.get(name))}".rstrip() for name in header]
    out.append("---")
    for name in sections:
        out += ["", f"## {name}"]
        if hints:
            hint = (template.hint(name) if template else None) or _(SLOTS[FIELDS[name].slot].help)
            out.append(_comment(f"{_(FIELDS[name].label)}: {hint}"))
        value = message.get(name)
        if name == "figures":
            if hints:
                out.append(
                    _comment(
                        _(
                            "One figure per item: “- value: …” then indented unit:, "
                            "label:, period:, baseline:, source:, as_of: lines."
                        )
                    )
                )
            for figure in value or []:
                out.append(f"- value: {_figure_number(figure.get('value'), lang)}")
                out += [f"  {key}: {figure[key]}" for key in FIGURE_KEYS[1:] if figure.get(key)]
        elif FIELDS[name].type == "list":
            out += [f"- {item}" for item in value or []]
        elif value:
            out += [_escape(line) for line in str(value).split("\n")]
    return "\n".join(out) + "\n"


def _escape(line: str) -> str:
    """A text line that would read as a heading, a hint or an escape gets a leading backslash."""
    if line.startswith(("##", "\\")) or line.lstrip().startswith("<!--"):
        return "\\" + line
    return line


def _figure_number(value: Any, lang: str) -> str:
    try:
        return format_number(Decimal(str(value)), lang)
    except ArithmeticError:
        return str(value)


def _strip_comments(lines: list[str], problems: list) -> list[tuple[int, str]]:
    """(line number, text) of the lines outside hint comments."""
    kept: list[tuple[int, str]] = []
    opened: int | None = None
    for number, line in enumerate(lines, 1):
        if opened is None and line.lstrip().startswith("<!--"):
            opened = number
        if opened is not None:
            if "-->" in line:
                if line.split("-->", 1)[1].strip():
                    problems.append((number, _("text after the end of a hint (-->)")))
                opened = None
            continue
        kept.append((number, line))
    if opened is not None:
        problems.append((opened, _("this hint is never closed with -->")))
    return kept


def parse_card(text: str, number_language: str | None = None) -> dict[str, Any]:
    """Every field the card holds, cleaned (None = empty); CardError lists all problems.

    `number_language` is the language the figures were written in (the message's language
    when the card was rendered); by default the language in the header.
    """
    problems: list[tuple[int, str]] = []
    lines = _strip_comments(text.replace("\r\n", "\n").split("\n"), problems)
    body = [(n, line) for n, line in lines]
    while body and not body[0][1].strip():
        body.pop(0)
    if not body or body[0][1].strip() != "---":
        first = body[0][0] if body else 1
        raise CardError([*problems, (first, _("the card must start with a line “---”"))])
    opening = body.pop(0)[0]
    raw: dict[str, tuple[int, Any]] = {}
    closed = False
    while body:
        number, line = body.pop(0)
        if line.strip() == "---":
            closed = True
            break
        match = _HEADER_LINE.match(line)
        if not line.strip():
            continue
        if not match:
            problems.append((number, _("write “key: value” here (or end the header with ---)")))
            continue
        key = match.group(1)
        if key not in FIELDS or not _is_header(key):
            problems.append((number, _("unknown header field {key!r}", key=key)))
        elif key in raw:
            problems.append((number, _("{key} is given twice", key=key)))
        else:
            raw[key] = (number, match.group(2).strip())
    if not closed:
        raise CardError(
            [*problems, (opening, _("the header opened here is never closed with a line “---”"))]
        )
    current: str | None = None
    stray = False
    sections: dict[str, tuple[int, list[tuple[int, str]]]] = {}
    for number, line in body:
        heading = _HEADING.match(line)
        if heading:
            current = heading.group(1)
            if current not in FIELDS or _is_header(current):
                problems.append((number, _("unknown section {name!r}", name=current)))
                current = _SKIP
            elif current in sections or current in raw:
                problems.append((number, _("{key} is given twice", key=current)))
                current = _SKIP
            else:
                sections[current] = (number, [])
            continue
        if current == _SKIP:
            continue  # the content of a refused section: its heading is reported
        if current is None:
            if line.strip() and not stray:
                stray = True
                problems.append(
                    (number, _("text outside a section: put it under a “## field” heading"))
                )
            continue
        sections[current][1].append((number, line))
    lang = raw.get("language", (0, ""))[1] or "vi"
    values = _values(raw, sections, number_language or lang, problems)
    if problems:
        raise CardError(problems)
    return values


def _values(raw: dict, sections: dict, lang: str, problems: list) -> dict[str, Any]:
    values: dict[str, Any] = {}
    cleaned_lang = language_of({"language": lang}, None)
    for key, (number, text) in raw.items():
        values[key] = _checked(key, text, number, cleaned_lang, problems)
    for key, (number, content) in sections.items():
        while content and not content[-1][1].strip():
            content.pop()
        while content and not content[0][1].strip():
            content.pop(0)
        kind = FIELDS[key].type
        if kind == "figures":
            values[key] = _figures(content, number, cleaned_lang, problems)
        elif kind == "list":
            items = []
            for n, line in content:
                if not line.strip():
                    continue
                if not line.startswith("- "):
                    problems.append((n, _("write each item as a line starting with “- ”")))
                else:
                    items.append(line[2:].strip())
            values[key] = _checked(key, items, number, cleaned_lang, problems)
        else:
            text = "\n".join(line[1:] if line.startswith("\\") else line for _n, line in content)
            if FIELDS[key].type == "line" and len([x for x in content if x[1].strip()]) > 1:
                problems.append((content[1][0], _("{key} is a single line", key=key)))
            values[key] = _checked(key, text, number, cleaned_lang, problems)
    for key in ("title", "kind"):
        if key in raw and not values.get(key) and not any(n == raw[key][0] for n, _p in problems):
            problems.append((raw[key][0], _("{label} is required", label=_(FIELDS[key].label))))
    return values


def _checked(key: str, value: Any, number: int, lang: str, problems: list) -> Any:
    try:
        return clean_field(FIELDS[key], value, lang) if not is_empty(value) else None
    except InvalidValue as exc:
        problems.append((number, f"{_(FIELDS[key].label)}: {exc}"))
        return None


def _figures(content: list, heading: int, lang: str, problems: list) -> list[dict] | None:
    items: list[tuple[int, dict]] = []
    reported = False
    for n, line in content:
        if not line.strip():
            continue
        start, more = _FIGURE_START.match(line), _FIGURE_MORE.match(line)
        match = start or more
        if not match or (more and not items):
            if not reported:  # one report per section: the lines after it follow from it
                problems.append(
                    (n, _("write a figure as “- value: …” followed by indented “key: value” lines"))
                )
            reported = True
            continue
        key, value = match.group(1), match.group(2).strip()
        if start:
            items.append((n, {}))
        if key not in FIGURE_KEYS:
            problems.append(
                (
                    n,
                    _(
                        "unknown figure field {key!r}; use {keys}",
                        key=key,
                        keys=", ".join(FIGURE_KEYS),
                    ),
                )
            )
        elif key in items[-1][1]:
            problems.append((n, _("{key} is given twice", key=key)))
        else:
            items[-1][1][key] = value
    out = []
    for index, (n, figure) in enumerate(items, 1):
        try:
            out += clean_figures([figure], lang, first=index) or []
        except InvalidValue as exc:
            problems.append((n, str(exc)))
    return out or None


def card_changes(record: Mapping[str, Any], parsed: Mapping[str, Any]) -> dict[str, Any]:
    """The fields a saved card changes (None clears); fields the card does not show stay."""
    changes = {}
    for key, value in parsed.items():
        old = record.get(key)
        if (None if is_empty(old) else old) != value:
            changes[key] = value
    return changes


# -- one field as text: `lantoa messages set ID FIELD VALUE` -----------------------------------


def parse_quote_spec(text: str) -> dict[str, str | None]:
    """`"Câu nói…" — Nguyễn Văn A, Thứ trưởng` -> quote, quote_speaker, quote_title (or JSON)."""
    raw = text.strip()
    if raw.startswith("{"):
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise InvalidValue(_("not valid JSON: {why}", why=exc)) from None
        return {
            "quote": data.get("text"),
            "quote_speaker": data.get("speaker"),
            "quote_title": data.get("title"),
        }
    body, sep, who = raw.rpartition(" — ")
    if not sep:
        body, sep, who = raw.rpartition(" -- ")
    if not sep:
        return {"quote": raw.strip('"“” ')}
    speaker, _comma, title = who.partition(",")
    return {
        "quote": body.strip().strip('"“” '),
        "quote_speaker": speaker.strip() or None,
        "quote_title": title.strip() or None,
    }


def field_name(name: str) -> str:
    """A field from what a person typed: `headline`, `benefits.people`, `quote-speaker`…"""
    key = name.strip().lower().replace(".", "_").replace("-", "_")
    if key in FIELDS or key in ("quote", "figures"):
        return key
    slot = SLOTS.get(key)
    hint = (
        _("{slot} has several fields: {fields}", slot=key, fields=", ".join(slot.fields))
        if slot
        else _("known fields: {fields}", fields=", ".join(FIELDS))
    )
    raise ValidationError([("field", _("unknown field {name!r}; {hint}", name=name, hint=hint))])


def slot_changes(
    name: str, raw: str, current: Mapping[str, Any], *, append: bool = False
) -> dict[str, Any]:
    """The changes `messages set ID NAME VALUE` makes (quote and figures have a small syntax)."""
    key = field_name(name)
    value: Any = raw if raw.strip() else None
    try:
        if (
            key == "quote"
            and value is not None
            and (" — " in raw or " -- " in raw or raw.lstrip().startswith("{"))
        ):
            return parse_quote_spec(raw)
        if append and value is not None and FIELDS[key].type in ("list", "figures"):
            lang = current.get("language") or "vi"
            new = clean_field(FIELDS[key], raw, lang) if key == "figures" else split_list(raw)
            return {key: list(current.get(key) or []) + list(new or [])}
    except InvalidValue as exc:
        raise ValidationError([(key, f"{_(FIELDS[key].label)}: {exc}")]) from None
    return {key: value}
