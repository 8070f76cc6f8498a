"""Reference facts shipped with the package: the 63 provinces of 2023, their GSO codes and regions.

The structure lives in data files (store/data/*.csv), never in code, so the 2025 reorganisation is
a data change.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .vietnamese import fold


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    full_name: str
    region_vi: str
    region_en: str
    department: str
    department_short: str
    successor_2025: str
    change_2025: str


def read_data_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("store").joinpath(f"data/{name}").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def provinces() -> dict[str, Province]:
    out = {}
    for row in read_data_csv("provinces.csv"):
        out[row["gso_code"]] = Province(
            code=row["gso_code"],
            name=row["name_vi"],
            full_name=row["name_vi_full"],
            region_vi=row["region_vi"],
            region_en=row["region_en"],
            department=row["department_name"],
            department_short=row["department_short"],
            successor_2025=row["successor_2025_name"],
            change_2025=row["change_2025"],
        )
    return out


@cache
def regions() -> list[tuple[str, str]]:
    """The six socio-economic regions as (Vietnamese, English), in north-to-south order."""
    seen: dict[str, str] = {}
    for province in provinces().values():
        seen.setdefault(province.region_vi, province.region_en)
    return list(seen.items())


def unknown_region(text: str) -> str:
    """The message for a region that is not one of the six, listing them (in the interface
    language; either language's names are accepted)."""
    from .i18n import _, get_language

    names = [vi if get_language() == "vi" else en for vi, en in regions()]
    return _(
        "unknown region {value!r}; give one of: {choices}",
        value=text,
        choices=", ".join(names),
    )


def province_slug(name: str) -> str:
    """A province's name as one word for command lines: "Bà Rịa - Vũng Tàu" -> ba-ria-vung-tau."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(name)))


@cache
def _by_slug() -> dict[str, Province]:
    return {province_slug(p.name): p for p in provinces().values()}


def find_province(text: str) -> Province | None:
    """A province by GSO code ('22', '2'), name or full name, with or without diacritics, or its
    slug (quang-ninh)."""
    text = text.strip()
    if not text:
        return None
    table = provinces()
    if text.isdigit():
        return table.get(text.zfill(2))
    wanted = fold(text)
    for prefix in ("tinh ", "thanh pho ", "tp. ", "tp "):
        if wanted.startswith(prefix):
            wanted = wanted[len(prefix) :]
    for province in table.values():
        if wanted in (fold(province.name), fold(province.full_name)):
            return province
    return _by_slug().get(province_slug(wanted))


def find_region(text: str) -> str | None:
    """The Vietnamese name of a region given in Vietnamese or English, diacritics optional."""
    wanted = fold(text.strip())
    if not wanted:
        return None
    for vi, en in regions():
        if wanted in (fold(vi), fold(en)):
            return vi
    matches = [vi for vi, en in regions() if wanted in fold(vi) or wanted in fold(en)]
    return matches[0] if len(matches) == 1 else None
