"""The story card as an editor form holds it, and the rules that keep a person's typing safe.

A form value is what a widget shows: text as typed, lists as lists, figures as rows of strings with
the number written the message's way ("3.893.595"). `FormState` remembers what each field showed
when it was opened or last saved (`initial`) and the record it came from (`base`), so that:

- a save sends only the fields the person changed (someone else's edit of another field is kept);
- a change made outside (CLI, sync) to a field the person has not touched is taken into the form,
  while a field they did touch keeps their text and is reported as a conflict.

No Textual here: the editor widgets read and write these values.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from store.checks.numbers import format_number
from store.errors import ValidationError
from store.i18n import _
from store.messages import (
    FIELDS,
    FIGURE_KEYS,
    KINDS,
    LANGUAGES,
    SLOTS,
    clean_field,
    clean_form,
    is_empty,
    slots_for,
)
from store.validate import InvalidValue, national_phone

#: A date as typed, and nothing after it. (The store reads a date at the start of the text:
#: "2025-06-01Cục Thuế" would be saved as 2025-06-01, the rest dropped without a word.)
WHOLE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")
#: Fields of the card's header row (besides the slots); kind and status have their own actions.
META_FIELDS = ("title", "kind", "language", "owner", "tags")


def form_fields(kind: str | None, record: Mapping[str, Any]) -> list[str]:
    """The fields the editor shows for a kind: its slots, plus any other slot already filled."""
    names: list[str] = []
    for slot in slots_for(kind):
        names += [f for f in SLOTS[slot].fields if f not in names]
    for slot in SLOTS.values():
        for name in slot.fields:
            if name not in names and not is_empty(record.get(name)):
                names.append(name)
    return names


def form_slots(names: Iterable[str]) -> list[str]:
    """The slots of `names`, in card order."""
    out: list[str] = []
    for name in names:
        slot = FIELDS[name].slot
        if slot and slot not in out:
            out.append(slot)
    return out


def figure_row(figure: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """One stored figure as the editor shows it; unknown keys ride along untouched."""
    row: dict[str, Any] = {k: v for k, v in figure.items() if k not in FIGURE_KEYS}
    raw = figure.get("value")
    try:
        row["value"] = format_number(Decimal(str(raw)), lang) if raw is not None else ""
    except ArithmeticError:
        row["value"] = str(raw)
    for key in FIGURE_KEYS[1:]:
        row[key] = str(figure.get(key) or "")
    return row


def form_value(record: Mapping[str, Any], name: str, lang: str | None = None) -> Any:
    """What field `name` shows for `record` (typed-looking text, lists, figure rows, flags)."""
    lang = lang or record.get("language") or "vi"
    value = record.get(name)
    kind = FIELDS[name].type
    if kind == "list":
        return [str(v) for v in value or []]
    if kind == "bool":
        return bool(value)
    if kind == "figures":
        return [figure_row(f, lang) for f in value or [] if isinstance(f, Mapping)]
    if value is None:
        return "policy" if name == "kind" else ("vi" if name == "language" else "")
    if kind == "datetime":
        return str(value).replace("T", " ")
    if kind == "phone":
        return national_phone(str(value))
    return str(value)


def blank_figure() -> dict[str, str]:
    return dict.fromkeys(FIGURE_KEYS, "")


def _figure_rows_to_store(rows: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    kept = [r for r in rows if any(str(r.get(k) or "").strip() for k in FIGURE_KEYS)]
    return kept or None


def store_value(name: str, value: Any) -> Any:
    """A form value as `update_message` takes it (None clears the field)."""
    kind = FIELDS[name].type
    if kind == "figures":
        return _figure_rows_to_store(list(value or []))
    if kind == "list":
        items = [str(v).strip() for v in value or [] if str(v).strip()]
        return items or None
    if kind == "bool":
        return bool(value)
    text = str(value or "")
    return text if text.strip() else None


def kept_form_value(name: str, value: Any) -> Any:
    """A value kept in a recovery file (as `store_value` made it: the text as typed, None for
    a cleared field) as the field shows it; ValueError if it is not one the field can show (a
    file edited by hand, or from another version)."""
    spec = FIELDS.get(name)
    if spec is None:
        raise ValueError(_("{name!r} is not a field of a story card", name=name))
    kind = spec.type
    if kind == "figures":
        rows = [] if value is None else value
        if not isinstance(rows, list) or not all(isinstance(r, Mapping) for r in rows):
            raise ValueError(_("{field}: not a list of figures", field=_(spec.label)))
        return [{**dict(r), **{k: str(r.get(k) or "") for k in FIGURE_KEYS}} for r in rows]
    if kind == "list":
        items = [] if value is None else value
        if not isinstance(items, list):
            raise ValueError(_("{field}: not a list", field=_(spec.label)))
        return [str(v).strip() for v in items if str(v).strip()]
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(_("{field}: not yes or no", field=_(spec.label)))
        return value
    if name in ("kind", "language"):
        choices = KINDS if name == "kind" else LANGUAGES
        if value not in choices:
            raise ValueError(
                _("{field}: {value!r} is not a choice", field=_(spec.label), value=value)
            )
        return value
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise ValueError(_("{field}: not a text", field=_(spec.label)))
    return str(value)


def relanguage_figures(rows: list[dict[str, Any]], old: str, new: str) -> list[dict[str, Any]]:
    """Figure rows typed for `old` rewritten for `new` (3.893.595 -> 3,893,595); rows whose
    number does not read in `old` are left as typed, for the person to fix."""
    from store.checks.numbers import parse_number

    out = []
    for row in rows:
        row = dict(row)
        text = str(row.get("value") or "").strip()
        if text:
            with contextlib.suppress(ValueError, ArithmeticError):
                row["value"] = format_number(parse_number(text, old), new)
        out.append(row)
    return out


def same_as_stored(name: str, value: Any, stored: Any, lang: str) -> bool:
    """Would saving `value` leave the stored value as it is?"""
    try:
        cleaned = (
            None
            if store_value(name, value) is None
            else clean_field(FIELDS[name], store_value(name, value), lang)
        )
    except InvalidValue:
        return False
    if FIELDS[name].type == "bool":
        return bool(cleaned) == bool(stored)
    return (None if is_empty(cleaned) else cleaned) == (None if is_empty(stored) else stored)


def _cut_date(text: str) -> str | None:
    text = text.strip()
    if not text or WHOLE_DATE.fullmatch(text):
        return None  # (a whole date that does not exist, 2024-02-31, is the store's to refuse)
    return _("{raw!r} is not a date; write 2024-03-15 or 15/03/2024", raw=text)


def cut_dates(values: Mapping[str, Any]) -> dict[str, str]:
    """Dates the store would read only in part (a date field, a figure's "as of"): what to fix,
    by field."""
    out: dict[str, str] = {}
    for name, value in values.items():
        kind = FIELDS[name].type if name in FIELDS else None
        if kind == "date":
            problem = _cut_date(str(value or ""))
        elif kind == "figures":
            problem = next(
                (
                    _("Figure {n}", n=number) + ": " + found
                    for number, row in enumerate(value or [], 1)
                    if (found := _cut_date(str(row.get("as_of") or "")))
                ),
                None,
            )
        else:
            continue
        if problem:
            out[name] = problem
    return out


@dataclass
class Merge:
    """What an outside change means for the open form."""

    apply: dict[str, Any] = field(default_factory=dict)  # untouched fields: new values to show
    conflicts: list[str] = field(default_factory=list)  # touched fields changed outside too


@dataclass
class FormState:
    """The record a form was opened on and what each field showed then (or at the last save)."""

    base: dict[str, Any]
    names: list[str]
    initial: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def open(cls, record: Mapping[str, Any]) -> FormState:
        record = dict(record)
        names = [*META_FIELDS, *form_fields(record.get("kind"), record)]
        lang = record.get("language") or "vi"
        return cls(record, names, {n: form_value(record, n, lang) for n in names})

    @property
    def language(self) -> str:
        return self.base.get("language") or "vi"

    def add_fields(self, names: Iterable[str]) -> None:
        """Fields shown from now on (a kind change brings new slots)."""
        for name in names:
            if name not in self.names:
                self.names.append(name)
                self.initial[name] = form_value(self.base, name, self.language)

    def dirty(self, values: Mapping[str, Any]) -> list[str]:
        """The fields whose form value differs from what they showed when opened or saved."""
        return [n for n in self.names if n in values and values[n] != self.initial.get(n)]

    def changes(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """The changed fields, as `update_message` takes them."""
        return {name: store_value(name, values[name]) for name in self.dirty(values)}

    def refused(self, values: Mapping[str, Any]) -> ValidationError | None:
        """Changes the store would take only in part (cut_dates): not to be saved, as a value
        the store cannot read is not; the error says what to fix, as the store's would."""
        cut = cut_dates({name: values[name] for name in self.dirty(values)})
        if not cut:
            return None
        return ValidationError([(n, f"{_(FIELDS[n].label)}: {m}") for n, m in cut.items()])

    def saved(self, record: Mapping[str, Any], sent: Mapping[str, Any]) -> None:
        """A save of the form values `sent` returned `record`."""
        self.base = dict(record)
        self.initial.update(sent)

    def merge(self, record: Mapping[str, Any], values: Mapping[str, Any]) -> Merge:
        """Take a newer version of the record (changed outside the form) into the state."""
        out = Merge()
        old_lang = self.language
        new_lang = record.get("language") or "vi"
        for name in self.names:
            before = form_value(self.base, name, old_lang)
            after = form_value(record, name, new_lang)
            if before == after:
                continue
            current = values.get(name, self.initial.get(name))
            if current == self.initial.get(name):
                out.apply[name] = after
                self.initial[name] = after
            elif same_as_stored(name, current, record.get(name), new_lang):
                self.initial[name] = current  # the same change, made twice: nothing to keep
            else:
                out.conflicts.append(name)
        self.base = dict(record)
        return out

    def checked(self, values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        """The record as it would be with the form's values (for the checks and the preview),
        and the fields whose typed value does not validate (with what to fix)."""
        lang = values.get("language") or self.language
        raw = {n: store_value(n, v) for n, v in values.items() if n in FIELDS}
        clean, errors = clean_form(raw, lang)
        for name, problem in cut_dates(values).items():
            errors.setdefault(name, problem)
            clean.pop(name, None)  # as for a value the store refuses: the last good one
        merged = dict(self.base)
        for name, value in clean.items():
            if value is None:
                merged.pop(name, None)
            else:
                merged[name] = value
        return merged, errors
