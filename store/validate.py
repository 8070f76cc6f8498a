"""Validation of single values at the boundary: phones, emails, dates, text.

Phones are normalised to E.164 with Vietnam as the default region using `phonenumbers`; the common
Vietnamese shapes (0912 345 678, +84 24 3943 1234) take a fast path through phonenumbers' own VN
patterns so that importing 10,000 rows stays quick. A test checks both paths agree.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from .i18n import _

_SEPARATORS = re.compile(r"[\s.\-()/]")
_VN_PREFIX = re.compile(r"^(?:\+84|0084|0)(\d{8,10})$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
_EMAIL = re.compile(
    r"^(?P<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)"
    r"@(?P<domain>(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63})$"
)


class InvalidValue(ValueError):
    """A single value is wrong; the message says how to fix it (already translated)."""


@lru_cache(maxsize=1)
def _vn_valid() -> re.Pattern[str]:
    """Vietnam's mobile and fixed-line patterns, from phonenumbers' own metadata.

    phonenumbers is imported on first use only: it takes ~0.1 s, which listing commands skip.
    """
    return re.compile(vn_national_pattern())


@lru_cache(maxsize=1)
def vn_national_pattern() -> str:
    """The text of `_vn_valid`'s pattern (phonenumbers' VN mobile or fixed-line numbers)."""
    from phonenumbers import PhoneMetadata

    vn = PhoneMetadata.metadata_for_region("VN")
    return f"(?:{vn.mobile.national_number_pattern})|(?:{vn.fixed_line.national_number_pattern})"


def _compact(phone: str) -> str:
    """The phone without separators. Spaces alone are dropped without the regex (4x slower)."""
    compact = phone.replace(" ", "")
    return compact if compact.lstrip("+").isdigit() else _SEPARATORS.sub("", phone)


@lru_cache(maxsize=65_536)
def normalise_phone(raw: str) -> str:
    """E.164 form of a phone number written any common way; Vietnam is the default country."""
    text = raw.strip()
    if not text:
        raise InvalidValue(_("empty phone number"))
    compact = _compact(text)
    fast = _VN_PREFIX.match(compact)
    if fast and _vn_valid().fullmatch(fast.group(1)):
        return "+84" + fast.group(1)
    import phonenumbers

    try:
        parsed = phonenumbers.parse(text, "VN")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise InvalidValue(
            _(
                "{raw!r} is not a valid phone number; write it like 0912 345 678, "
                "024 3943 1234 or +84 912 345 678",
                raw=raw,
            )
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def national_phone(e164: str) -> str:
    """How a Vietnamese reader writes the number: +84912345678 -> 0912 345 678."""
    if e164.startswith("+84"):
        nsn = e164[3:]
        if len(nsn) == 9:
            return f"0{nsn[:3]} {nsn[3:6]} {nsn[6:]}"
        if len(nsn) == 10 and nsn[:2] in ("24", "28"):
            return f"0{nsn[:2]} {nsn[2:6]} {nsn[6:]}"
        if len(nsn) == 10:
            return f"0{nsn[:3]} {nsn[3:6]} {nsn[6:]}"
    return e164


def normalise_email(raw: str) -> str:
    text = raw.strip()
    match = _EMAIL.match(text)
    if not match or len(text) > 254:
        raise InvalidValue(_("{raw!r} is not a valid email address (name@domain.vn)", raw=raw))
    return f"{match.group('local')}@{match.group('domain').lower()}"


def normalise_date(raw: str) -> str:
    text = raw.strip()
    for parse in (_iso_date, _vn_date):
        found = parse(text)
        if found:
            return found.isoformat()
    raise InvalidValue(_("{raw!r} is not a date; write 2024-03-15 or 15/03/2024", raw=raw))


def _iso_date(text: str) -> date | None:
    """2024-03-15, or the date of an ISO time (2024-03-15T09:00); not "2024-03-15 Cục Thuế"."""
    if len(text) > 10 and text[10] != "T":
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _vn_date(text: str) -> date | None:
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _composed(text: str) -> str:
    """Vietnamese in one form (NFC): macOS and some keyboards send "ầ" as "a" plus two marks,
    which would not match, sort or count like the composed letter."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def clean_line(raw: str, max_len: int = 300) -> str:
    """One line of text: composed, trimmed, no control characters (no terminal escapes), not
    too long."""
    text = _composed(" ".join(str(raw).split()))
    if _CONTROL.search(text):
        raise InvalidValue(_("contains control characters; remove them"))
    if len(text) > max_len:
        raise InvalidValue(_("too long ({n} characters; at most {max})", n=len(text), max=max_len))
    return text


def clean_text(raw: str, max_len: int = 20_000) -> str:
    """Multi-line text (notes): keeps line breaks and tabs, refuses other control characters."""
    text = _composed(str(raw).replace("\r\n", "\n").strip())
    if _CONTROL.search(text.replace("\n", "").replace("\t", "")):
        raise InvalidValue(_("contains control characters; remove them"))
    if len(text) > max_len:
        raise InvalidValue(_("too long ({n} characters; at most {max})", n=len(text), max=max_len))
    return text


def parse_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "y", "x", "có", "co", "đúng", "dung", "on"):
        return True
    if text in ("", "0", "false", "no", "n", "không", "khong", "sai", "off"):
        return False
    raise InvalidValue(_("{raw!r} is not yes/no", raw=raw))


def split_list(raw: object) -> list[str]:
    """A list from JSON, or from text separated by ; , or newlines (as spreadsheets hold it)."""
    if raw is None:
        return []
    if isinstance(raw, list | tuple | set):
        items = [str(x) for x in raw]
    else:
        items = re.split(r"[;,\n]", str(raw))
    out: list[str] = []
    for item in items:
        item = " ".join(item.split())
        if item and item not in out:
            out.append(item)
    return out
