"""The network model: organisations and contacts, their fields, and validation at the boundary.

Validation turns what a person typed (or a CSV cell held) into the stored form, or explains in one
message per field what to fix. Invalid input changes nothing: callers validate before writing.
Fields the model does not know are passed through untouched (they may come from a newer version).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .errors import ValidationError
from .i18n import N_, _
from .reference import find_province, find_region, provinces, unknown_region
from .validate import (
    InvalidValue,
    clean_line,
    clean_text,
    normalise_date,
    normalise_email,
    normalise_phone,
    parse_bool,
    split_list,
)
from .vietnamese import fold

ORG_KINDS: dict[str, str] = {
    "ministry_unit": N_("Ministry unit"),
    "provincial_department": N_("Provincial department"),
    "press_agency": N_("Press agency"),
    "other": N_("Other"),
}
ROLES: dict[str, str] = {
    "leader": N_("Leader"),
    "spokesperson": N_("Spokesperson"),
    "comms_officer": N_("Communications officer"),
    "specialist": N_("Specialist"),
    "journalist": N_("Journalist"),
    "editor": N_("Editor"),
    "other": N_("Other"),
}
CHANNELS: dict[str, str] = {
    "email": N_("Email"),
    "phone": N_("Phone"),
    "zalo": N_("Zalo"),
    "meeting": N_("Meeting"),
    "press_conference": N_("Press conference"),
    "letter": N_("Official letter"),
    "other": N_("Other"),
}
#: Extra spellings people use for enum values (folded), beyond keys and both languages' labels.
ALIASES: dict[str, str] = {
    "bo": "ministry_unit",
    "don vi": "ministry_unit",
    "ministry": "ministry_unit",
    "unit": "ministry_unit",
    "so": "provincial_department",
    "department": "provincial_department",
    "province": "provincial_department",
    "so tt&tt": "provincial_department",
    "press": "press_agency",
    "bao chi": "press_agency",
    "bao": "press_agency",
    "agency": "press_agency",
    "lanh dao": "leader",
    "nguoi phat ngon": "spokesperson",
    "phat ngon": "spokesperson",
    "comms": "comms_officer",
    "communications": "comms_officer",
    "truyen thong": "comms_officer",
    "can bo truyen thong": "comms_officer",
    "chuyen vien": "specialist",
    "phong vien": "journalist",
    "nha bao": "journalist",
    "reporter": "journalist",
    "bien tap vien": "editor",
    "dien thoai": "phone",
    "thu": "email",
    "hop": "meeting",
    "hop bao": "press_conference",
    "cong van": "letter",
    "khac": "other",
}


def enum_value(value: object, allowed: dict[str, str], what: str) -> str:
    """The key of an enum from a key, a label in either language, or a common alias."""
    from .i18n import catalogue

    text = fold(str(value).strip()).replace("-", "_")
    if not text:
        raise InvalidValue(_("{what} is empty", what=what))
    vi = catalogue("vi")
    for key, label in allowed.items():
        if text in (key, key.replace("_", " "), fold(label), fold(vi.get(label, label))):
            return key
    alias = ALIASES.get(text.replace("_", " "))
    if alias in allowed:
        return alias
    from .i18n import get_language

    if get_language() == "en":
        choices = ", ".join(allowed)
    else:  # the codes scripts use, and what each means in the interface language
        choices = ", ".join(f"{key} ({_(label)})" for key, label in allowed.items())
    raise InvalidValue(
        _(
            "unknown {what} {value!r}; choose one of: {allowed}",
            what=what,
            value=str(value),
            allowed=choices,
        )
    )


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    clean: Callable[[Any], Any]
    required: bool = False


def _line(max_len: int = 300) -> Callable[[Any], str | None]:
    def clean(value: Any) -> str | None:
        return clean_line(value, max_len) or None

    return clean


def _text(value: Any) -> str | None:
    return clean_text(value) or None


def _words(value: Any) -> list[str] | None:
    items = [clean_line(v, 80) for v in split_list(value)]
    return [v for v in items if v] or None


def _emails(value: Any) -> list[str] | None:
    out: list[str] = []
    for item in split_list(value):
        email = normalise_email(item)
        if email.lower() not in (e.lower() for e in out):
            out.append(email)
    return out or None


def _phones(value: Any) -> list[str] | None:
    out: list[str] = []
    for item in split_list(value):
        phone = normalise_phone(item)
        if phone not in out:
            out.append(phone)
    return out or None


#: A Zalo value made only of what phone numbers are written with is a phone number; anything else
#: (letters: "0900000232 X") is an account id, which has no spaces.
_PHONE_LIKE = re.compile(r"[\d\s+().\-]+")


def _zalo(value: Any) -> str | None:
    text = clean_line(value, 120)
    if not text:
        return None
    if _PHONE_LIKE.fullmatch(text):
        return normalise_phone(text)
    if " " in text:
        raise InvalidValue(_("a Zalo account is a phone number or an id without spaces"))
    return text


def _date(value: Any) -> str | None:
    text = str(value).strip()
    return normalise_date(text) if text else None


def _bool(value: Any) -> bool | None:
    return True if parse_bool(value) else None


def _province(value: Any) -> str | None:
    text = str(value).strip()
    if not text:
        return None
    found = find_province(text)
    if found is None:
        raise InvalidValue(
            _("unknown province {value!r}; give its name (Quảng Ninh) or GSO code (22)", value=text)
        )
    return found.code


def _region(value: Any) -> str | None:
    text = str(value).strip()
    if not text:
        return None
    found = find_region(text)
    if found is None:
        raise InvalidValue(unknown_region(text))
    return found


def _website(value: Any) -> str | None:
    text = clean_line(value, 300)
    if not text:
        return None
    if " " in text or "." not in text:
        raise InvalidValue(_("{value!r} is not a web address", value=text))
    if not text.startswith(("http://", "https://")):
        text = "https://" + text
    return text


def _ref(value: Any) -> str | None:
    text = str(value).strip()
    return text or None


def _enum(allowed: dict[str, str], what: str) -> Callable[[Any], str | None]:
    def clean(value: Any) -> str | None:
        if value is None or not str(value).strip():
            return None
        return enum_value(value, allowed, _(what))  # `what` is marked with N_()

    return clean


def _full_name(value: Any) -> str | None:
    text = clean_line(value, 120)
    if text and not any(map(str.isalpha, text)):
        raise InvalidValue(_("a name needs letters"))
    return text or None


ORG_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("name", N_("Name"), _line(200), required=True),
        Field("short_name", N_("Short name"), _line(80)),
        Field("name_en", N_("English name"), _line(200)),
        Field("kind", N_("Kind"), _enum(ORG_KINDS, N_("kind")), required=True),
        Field("province_code", N_("Province"), _province),
        Field("region", N_("Region"), _region),
        Field("topics", N_("Topics"), _words),
        Field("website", N_("Website"), _website),
        Field("emails", N_("Emails"), _emails),
        Field("phones", N_("Phones"), _phones),
        Field("notes", N_("Notes"), _text),
        Field("tags", N_("Tags"), _words),
        Field("parent_id", N_("Parent organisation"), _ref),
        Field("successor_id", N_("Successor organisation"), _ref),
        Field("ended", N_("Ended on"), _date),
    )
}

CONTACT_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("full_name", N_("Full name"), _full_name, required=True),
        Field("org_id", N_("Organisation"), _ref),
        Field("title", N_("Title"), _line(200)),
        Field("role", N_("Role"), _enum(ROLES, N_("role"))),
        Field("beats", N_("Beats"), _words),
        Field("emails", N_("Emails"), _emails),
        Field("phones", N_("Phones"), _phones),
        Field("zalo", N_("Zalo"), _zalo),
        Field("preferred_channel", N_("Preferred channel"), _enum(CHANNELS, N_("channel"))),
        Field("province_code", N_("Province"), _province),
        Field("tags", N_("Tags"), _words),
        Field("notes", N_("Notes"), _text),
        Field("do_not_contact", N_("Do not contact"), _bool),
        Field("consent_source", N_("Consent source"), _line(300)),
        Field("consent_date", N_("Consent date"), _date),
    )
}

ENTITY_FIELDS = {"organisations": ORG_FIELDS, "contacts": CONTACT_FIELDS}


def validate(table: str, values: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Clean `values` for `table`; raise ValidationError listing every bad field.

    With `partial` (an edit) only the given fields are checked and a None/empty value means
    "clear this field". Unknown fields pass through unchanged.
    """
    spec = ENTITY_FIELDS[table]
    clean: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []
    for name, value in values.items():
        field = spec.get(name)
        if field is None:
            clean[name] = value
            continue
        try:
            clean[name] = None if value is None else field.clean(value)
        except InvalidValue as exc:
            errors.append((name, f"{_(field.label)}: {exc}"))
    for name, field in spec.items():
        needed = field.required and (name in values or not partial) and not clean.get(name)
        if needed and not any(e[0] == name for e in errors):
            errors.append((name, _("{label} is required", label=_(field.label))))
    if table == "organisations" and clean.get("province_code") and not clean.get("region"):
        clean["region"] = provinces()[clean["province_code"]].region_vi
    if errors:
        raise ValidationError(errors)
    return clean if partial else {k: v for k, v in clean.items() if v is not None}


def labels(mapping: dict[str, str]) -> dict[str, str]:
    """Translated labels of an enum, for display."""
    return {key: _(label) for key, label in mapping.items()}


def field_names(table: str) -> Iterable[str]:
    return ENTITY_FIELDS[table].keys()


def field_label(table: str, name: str) -> str:
    """A field's label in the interface language ("Chức vụ" for a contact's title), else its
    name: conflicts and change reports name fields the way the forms do."""
    spec = ENTITY_FIELDS.get(table, {}).get(name)
    if spec is not None:
        return _(spec.label)
    if table == "messages":
        from .messages import FIELDS  # messages imports this module

        if name in FIELDS:
            return _(FIELDS[name].label)
    if table == "outreach" and name in _OUTREACH_LABELS:
        return _(_OUTREACH_LABELS[name])
    return name


#: The outreach fields a conflict or a change report can name.
_OUTREACH_LABELS = {
    "status": N_("Status"),
    "note": N_("Note"),
    "link": N_("Link"),
    "due": N_("Due"),
    "channel": N_("Channel"),
    "owner": N_("Owner"),
    "contact_id": N_("Recipient"),
    "message_id": N_("Message"),
    "org_id": N_("Organisation"),
    "history": N_("History"),
}
