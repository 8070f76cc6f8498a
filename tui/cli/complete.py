"""Shell completion of option values: roles, kinds, channels, formats and provinces.

Typer offers only values that start with what was typed, and bash inserts them as they are, so
values are plain words: the keys of roles and kinds (their names in the interface language shown
beside them by zsh and fish), and provinces as the slug `quang-ninh` (`--province` accepts it, as
it accepts "Quảng Ninh", "quang ninh" or the GSO code 22).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from store.i18n import _
from store.model import CHANNELS, ORG_KINDS, ROLES
from store.reference import province_slug
from store.vietnamese import fold, text_sort_key

Completion = list[tuple[str, str]]


def _matching(pairs: Iterable[tuple[str, str]], incomplete: str) -> Completion:
    """(value, meaning) pairs whose value starts as typed, case and diacritics aside. The value
    keeps the letters typed ("Quảng" + "-ninh"): Typer drops values that do not start with them,
    and every option here reads its value without case or diacritics."""
    wanted = fold(incomplete)
    if len(wanted) != len(incomplete):  # a decomposed or unusual spelling: as typed only
        return [(value, meaning) for value, meaning in pairs if value.startswith(incomplete)]
    return [
        (incomplete + value[len(wanted) :], meaning)
        for value, meaning in pairs
        if fold(value).startswith(wanted)
    ]


def _keys(choices: dict[str, str]) -> Callable[[str], Completion]:
    """Completion of an option whose values are the keys of `choices` (key -> label)."""

    def complete(incomplete: str) -> Completion:
        return _matching(((key, _(label)) for key, label in choices.items()), incomplete)

    return complete


roles = _keys(ROLES)
org_kinds = _keys(ORG_KINDS)
channels = _keys(CHANNELS)


def formats(incomplete: str) -> Completion:
    return _matching([("csv", "CSV (Excel, LibreOffice)"), ("json", "JSON")], incomplete)


def provinces(incomplete: str) -> Completion:
    """Province slugs (quang-ninh) for what was typed, diacritics and case aside; GSO codes for
    digits ("2" offers 20, 22, …)."""
    from store.reference import provinces as all_provinces

    found = sorted(all_provinces().values(), key=lambda p: text_sort_key(p.name))
    if incomplete.isdigit():
        return [
            (p.code, p.name)
            for p in sorted(found, key=lambda p: p.code)
            if p.code.startswith(incomplete)
        ]
    return _matching(((province_slug(p.name), p.name) for p in found), incomplete)


def message_kinds(incomplete: str) -> Completion:
    from store.messages import KINDS  # imported here: the other commands do not need it

    return _keys(KINDS)(incomplete)
