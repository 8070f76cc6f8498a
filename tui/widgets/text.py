"""Showing store text safely: literal (never markup), control characters made visible, fitted.

A contact named `[bold red]x[/]` must read exactly that, and one holding terminal escapes must not
drive the terminal. Everything the app shows from the store goes through `plain()` / `literal()`.
"""

from __future__ import annotations

import re
from functools import cache

from rich.cells import cell_len, set_cell_size
from textual.content import Content

from store.i18n import N_, _
from store.model import ORG_KINDS, ROLES
from store.reference import provinces
from store.vietnamese import match_key

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def plain(value: object) -> str:
    """One line of text from a store value: control characters shown as \\xNN, lists joined."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = str(value)
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text


def literal(value: object) -> Content:
    """Content that shows `value` exactly as written (no markup, no escapes)."""
    return Content(plain(value))


def fit(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if text.isascii() and len(text) <= width:
        return text + " " * (width - len(text))
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


def role_label(role: str | None) -> str:
    return _(ROLES[role]) if role in ROLES else plain(role)


#: Roles whose full label is much longer than the others, written short for list columns.
_SHORT_ROLES = {"comms_officer": N_("Comms officer")}


def role_short(role: str | None) -> str:
    """A role as a list column shows it when the full label does not fit (same in filters)."""
    return _(_SHORT_ROLES[role]) if role in _SHORT_ROLES else role_label(role)


def kind_label(kind: str | None) -> str:
    return _(ORG_KINDS[kind]) if kind in ORG_KINDS else plain(kind)


def province_name(code: str | None) -> str:
    return provinces()[code].name if code in provinces() else ""


def org_label(org: dict | None) -> str:
    """How an organisation is named in tight places: its short name, else its name.

    A short name that is only a place ("Quảng Ninh" for Báo Quảng Ninh) would read as the
    province column beside it, so the full name is used instead.
    """
    if not org:
        return ""
    short = org.get("short_name")
    if not short or match_key(short) in _place_keys():
        return plain(org.get("name") or short)
    return plain(short)


@cache
def _place_keys() -> frozenset[str]:
    """Province names as `match_key` folds them, with and without "Tỉnh"/"Thành phố"."""
    keys = set()
    for province in provinces().values():
        key = match_key(province.name)
        keys.add(key)
        for prefix in ("tinh ", "thanh pho ", "tp. ", "tp "):
            keys.add(key.removeprefix(prefix))
    return frozenset(keys)
