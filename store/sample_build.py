"""Build the bundled sample network: `python -m store.sample_build` writes data/sample_network.json.

The organisations are the real 2023 network from the reference CSVs (ministry units, the 63
provincial departments, the press agencies), with what became of each in 2025 in Vietnamese notes.
The people are fictional: drawn from name lists with a seeded random generator, reachable only at
reserved example domains and at 0900 0xx xxx numbers. Nothing depends on the clock or the machine,
so the output is byte-for-byte reproducible and a test rebuilds it and compares it with the file.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path
from typing import Any

from . import records
from . import sample_names as N
from . import sample_terms as T
from .model import validate
from .reference import find_province, read_data_csv
from .sample import SAMPLE_STAMP, SAMPLE_TAG, SAMPLE_TIME, sample_id
from .sample_people import Org, People, department_staff, journalists, ministry_staff, slug

SEED = 20231124
OUTPUT = Path(__file__).resolve().parent / "data" / "sample_network.json"
_TLDS = re.compile(r"\.(?:com|org|gov|edu|net)?\.?vn$|\.(?:com|net|org)$")


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _term(table: dict[str, str], english: str, what: str) -> str:
    """The Vietnamese form of a CSV term; a new term must be added, not guessed."""
    try:
        return table[english]
    except KeyError:
        hint = "add it to store/sample_terms.py"
        raise ValueError(f"no Vietnamese for {what} {english!r}: {hint}") from None


def _topics(text: str) -> list[str]:
    out: list[str] = []
    for term in _split(text):
        vi = _term(T.TOPICS, term, "topic")
        if vi not in out:
            out.append(vi)
    return out


def _join(notes: list[str]) -> str:
    """Note lines, one fact each; a line another already says (two CSVs agreeing) is dropped."""
    kept: list[str] = []
    for line in notes:
        if not any(line.rstrip(".") in other for other in kept):
            kept.append(line)
    return "\n".join(kept)


def _mic_notes(row: dict[str, str]) -> list[str]:
    notes = [
        _term(T.BASIS_2023, row["basis_2023"], "basis"),
        "Năm 2025: " + _term(T.STATUS_2025, row["status_2025"], "2025 status"),
    ]
    if row["notes"]:
        notes.append(_term(T.NOTES, row["notes"], "note"))
    return notes


def _confidence(level: str) -> list[str]:
    if level not in T.CONFIDENCE:
        return []
    return [f"Độ tin cậy của dữ liệu tham chiếu: {T.CONFIDENCE[level]}."]


def ministry_units(press_names: set[str]) -> tuple[list[Org], dict[str, dict[str, str]]]:
    """The ministry's units; those also listed as press agencies are returned apart, to merge."""
    orgs: list[Org] = []
    as_press: dict[str, dict[str, str]] = {}
    rows = read_data_csv("ministry_units.csv")
    names = {row["name_vi"] for row in rows}
    for row in rows:
        name = row["name_vi"]
        if name in press_names:
            as_press[name] = row
            continue
        parent = row["parent"] if row["parent"] in names else None
        enterprise = row["level"] == "state enterprise"
        fields = {
            "name": name,
            "short_name": row["short_name"],
            "name_en": row["name_en"],
            "kind": "ministry_unit",
            "topics": _topics(row["topics"]),
            "notes": _join(_mic_notes(row) + _confidence(row["confidence"])),
            "tags": [SAMPLE_TAG],
            "parent_id": sample_id("org", "mic", parent) if parent else None,
        }
        domain = f"{slug(row['short_name'])}.example.com" if enterprise else "mic.example.org"
        orgs.append(Org(("org", "mic", name), fields, domain))
    return orgs, as_press


def _province_change(row: dict[str, str], unit_type: str) -> str:
    """The 1 July 2025 fate of a 2023 province, from provinces.csv's change_2025 wording."""
    name, change = row["name_vi"], row["change_2025"]
    code = row["successor_2025_code"]
    kind = "thành phố" if unit_type.startswith("thành phố") else "tỉnh"
    successor = f"{kind} {row['successor_2025_name']}"
    partners = ", ".join(_split(row["merged_with_2025"]))
    others = ", ".join(
        p for p in _split(row["merged_with_2025"]) if p != row["successor_2025_name"]
    )
    if change == "not merged":
        text = f"{name} không hợp nhất với tỉnh, thành phố khác (mã {code})."
    elif change.startswith("merged into "):
        text = f"{name} hợp nhất vào {successor} (mã {code})"
        text += f", cùng với {others}." if others else "."
    elif change.startswith("kept name and code"):
        text = f"{name} giữ tên và mã {code}, hợp nhất thêm {partners}."
    elif change.startswith("kept name; unit now uses code"):
        text = (
            f"{name} hợp nhất với {partners}, giữ tên {name} và dùng mã {code} (mã của {partners})."
        )
    elif change.startswith("merged; new unit named"):
        text = (
            f"{name} hợp nhất với {partners} thành {successor} (mới); đơn vị mới giữ mã "
            f"{code} của {name}, trung tâm chính trị - hành chính đặt tại {name}."
        )
    else:
        raise ValueError(f"unknown change_2025 {change!r} for {name}: teach sample_build.py")
    return "Từ 01/07/2025: " + text


def departments() -> list[Org]:
    after = {row["code"]: row for row in read_data_csv("provinces_2025.csv")}
    orgs = []
    for row in read_data_csv("provinces.csv"):
        notes = [_term(T.NOTES, row["department_note"], "note")] if row["department_note"] else []
        notes.append(
            "Năm 2025: từ 01/03/2025, Sở Thông tin và Truyền thông hợp nhất với "
            "Sở Khoa học và Công nghệ."
        )
        successor = after[row["successor_2025_code"]]
        notes.append(_province_change(row, successor["unit_type_2025_07"]))
        heir, heir_code = successor["sci_tech_department"], successor["code"]
        notes.append(f"Đơn vị kế thừa: {heir} (mã {heir_code}).")
        fields = {
            "name": row["department_name"],
            "short_name": row["department_short"],
            "kind": "provincial_department",
            "province_code": row["gso_code"],
            "region": row["region_vi"],
            "topics": list(N.DEPT_TOPICS),
            "notes": _join(notes),
            "tags": [SAMPLE_TAG],
        }
        domain = f"{slug(row['name_ascii'])}.example.org"
        orgs.append(Org(("org", "dept", row["gso_code"]), fields, domain))
    return orgs


def press_agencies(rows: list[dict[str, str]], mic: dict[str, dict[str, str]]) -> list[Org]:
    names = {row["name_vi"] for row in rows}
    orgs = []
    for row in rows:
        name, unit = row["name_vi"], mic.get(row["name_vi"])
        notes = _mic_notes(unit) if unit else []
        notes.append(f"Cơ quan chủ quản (2023): {row['governing_body_2023']}.")
        kinds = [_term(T.PRESS_KINDS, k, "press kind") for k in _split(row["kind"])]
        notes.append("Loại hình: " + ", ".join(kinds) + ".")
        province = None
        local = re.fullmatch(r"local \((.+)\)", row["scope"])
        if local:
            province = find_province(T.PROVINCE_ALIASES.get(local[1], local[1]))
            if province is None:
                raise ValueError(f"unknown province in scope {row['scope']!r}: add an alias")
            notes.append(f"Phạm vi: địa phương ({province.full_name}).")
        else:
            notes.append("Phạm vi: toàn quốc.")
        if row["notes"]:
            notes.append(_term(T.NOTES, row["notes"], "note"))
        topics = _topics(row["typical_beats"])
        topics += [t for t in _topics(unit["topics"]) if t not in topics] if unit else []
        governing = row["governing_body_2023"]
        fields = {
            "name": name,
            "short_name": row["short_name"],
            "name_en": unit["name_en"] if unit else None,
            "kind": "press_agency",
            "province_code": province.code if province else None,
            "topics": topics,
            "website": row["website_domain"],
            "notes": _join(notes + _confidence(row["confidence"])),
            "tags": [SAMPLE_TAG, "báo chí địa phương" if province else "báo chí trung ương"],
            "parent_id": sample_id("org", "press", governing) if governing in names else None,
        }
        domain = _TLDS.sub("", row["website_domain"]) + ".example.com"
        media = _split(row["kind"])
        residents = province is None and "magazine" not in media
        broadcast = any(k in ("TV", "radio") for k in media)
        orgs.append(Org(("org", "press", name), fields, domain, residents, broadcast))
    return orgs


def _record(table: str, key: tuple[str, ...], fields: dict[str, Any]) -> dict[str, Any]:
    clean = validate(table, fields)
    return records.make_record(clean, SAMPLE_STAMP, SAMPLE_TIME, sample_id(*key))


def build() -> dict[str, list[dict[str, Any]]]:
    """The sample network as {"organisations": [...], "contacts": [...]} in the store's format."""
    rng = random.Random(SEED)
    press_rows = read_data_csv("press_agencies.csv")
    mic, as_press = ministry_units({row["name_vi"] for row in press_rows})
    depts = departments()
    press = press_agencies(press_rows, as_press)
    people = People(rng)
    ministry_staff(people, mic)
    department_staff(people, depts)
    journalists(people, press)
    for index in sorted(rng.sample(range(len(people.contacts)), N.DO_NOT_CONTACT_COUNT)):
        fields = people.contacts[index][1]
        fields["do_not_contact"] = True
        fields["notes"] += "\n" + N.DO_NOT_CONTACT_NOTE
    return {
        "organisations": [_record("organisations", o.key, o.fields) for o in mic + depts + press],
        "contacts": [_record("contacts", key, fields) for key, fields in people.contacts],
    }


def render(data: dict[str, list[dict[str, Any]]]) -> str:
    """The file's exact text (one record per few lines, Vietnamese kept readable)."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else OUTPUT
    data = build()
    target.write_text(render(data), encoding="utf-8")
    counts = ", ".join(f"{table}: {len(rows)}" for table, rows in data.items())
    print(f"wrote {target} ({counts})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
