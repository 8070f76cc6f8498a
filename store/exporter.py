"""Exporting contacts and organisations as CSV (for Excel and LibreOffice) or JSON (for scripts).

CSV: UTF-8 with a BOM and CRLF line ends (Excel then reads Vietnamese correctly), lists joined with
"; ", phones in E.164 plus a readable national copy, and every cell a spreadsheet would run as a
formula prefixed with a quote (the importer removes it again). CSV carries the known fields only;
JSON carries whole records: every field, known or not, the id and timestamps, without the internal
change clocks. Deleted records are not exported. Both import back unchanged (`store.importer`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from .db import Snapshot
from .headers import CONTACTS, EXPORT_COLUMNS, ORGS, export_headers, neutralise
from .i18n import catalogue
from .model import CHANNELS, ORG_KINDS, ROLES
from .network import ContactFilter, ContactIndex, org_sort_key
from .records import public_view
from .reference import provinces
from .validate import national_phone

TABLES = (CONTACTS, ORGS)
_YES = {"en": "yes", "vi": "có", "keys": "true"}


def contact_records(snapshot: Snapshot, criteria: ContactFilter | None = None) -> list[dict]:
    """Live contacts in directory order (given name, middle, family), optionally filtered."""
    index = ContactIndex(snapshot)
    return [entry.record for entry in index.filter(criteria or ContactFilter())]


def org_records(snapshot: Snapshot) -> list[dict]:
    """Live organisations by kind, then Vietnamese name order (ended ones too: they are history)."""
    return sorted(snapshot.live(ORGS), key=org_sort_key)


# -- JSON ------------------------------------------------------------------------------------


def json_records(snapshot: Snapshot, table: str, criteria: ContactFilter | None = None) -> list:
    """Records as `lantoa export --format json` writes them.

    Contacts also carry `org_name` (view-only, like in `contacts list --json`) so that a contacts
    file imports into another store even where the organisation ids differ.
    """
    if table == ORGS:
        return [public_view(r) for r in org_records(snapshot)]
    orgs = snapshot.by_id(ORGS)
    out = []
    for record in contact_records(snapshot, criteria):
        view = public_view(record)
        org = orgs.get(record.get("org_id") or "")
        if org is not None:
            view["org_name"] = org.get("name")
        out.append(view)
    return out


def json_data(snapshot: Snapshot, table: str, criteria: ContactFilter | None = None) -> Any:
    """A list of records for one table; for "all", {"organisations": […], "contacts": […]}."""
    if table == "all":
        return {
            ORGS: json_records(snapshot, ORGS),
            CONTACTS: json_records(snapshot, CONTACTS, criteria),
        }
    return json_records(snapshot, table, criteria)


def export_json(snapshot: Snapshot, table: str, criteria: ContactFilter | None = None) -> bytes:
    return _json_bytes(json_data(snapshot, table, criteria))


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# -- CSV -------------------------------------------------------------------------------------


def _label(mapping: dict[str, str], key: str | None, style: str) -> str:
    if not key:
        return ""
    if style == "keys" or key not in mapping:
        return key
    label = mapping[key]
    return catalogue("vi").get(label, label) if style == "vi" else label


def _province(code: str | None, style: str) -> str:
    if not code:
        return ""
    if style == "keys" or code not in provinces():
        return code
    return provinces()[code].name


def _join(values: Any) -> str:
    if isinstance(values, list):
        return "; ".join(str(v) for v in values)
    return "" if values is None else str(values)


def _cell_getters(table: str, style: str, orgs: dict[str, dict]) -> dict[str, Callable]:
    getters: dict[str, Callable[[dict], str]] = {
        "phones_national": lambda r: "; ".join(national_phone(p) for p in r.get("phones") or []),
        "province_code": lambda r: _province(r.get("province_code"), style),
    }
    if table == CONTACTS:
        getters.update(
            {
                "org_name": lambda r: (orgs.get(r.get("org_id") or "") or {}).get("name", ""),
                "role": lambda r: _label(ROLES, r.get("role"), style),
                "preferred_channel": lambda r: _label(CHANNELS, r.get("preferred_channel"), style),
                "do_not_contact": lambda r: _YES[style] if r.get("do_not_contact") else "",
            }
        )
    else:
        getters["kind"] = lambda r: _label(ORG_KINDS, r.get("kind"), style)
    return getters


def csv_rows(
    snapshot: Snapshot, table: str, style: str = "en", criteria: ContactFilter | None = None
) -> list[list[str]]:
    """The header row and one row per record, cells already neutralised."""
    columns = EXPORT_COLUMNS[table]
    getters = _cell_getters(table, style, snapshot.by_id(ORGS))
    records = org_records(snapshot) if table == ORGS else contact_records(snapshot, criteria)
    rows = [export_headers(table, style)]
    for record in records:
        row = []
        for column in columns:
            getter = getters.get(column.key)
            value = getter(record) if getter else _join(record.get(column.key))
            row.append(neutralise(value))
        rows.append(row)
    return rows


def export_csv(
    snapshot: Snapshot,
    table: str,
    *,
    style: str = "en",
    delimiter: str = ",",
    bom: bool = True,
    criteria: ContactFilter | None = None,
) -> bytes:
    """CSV bytes that Excel and LibreOffice open with Vietnamese intact (BOM, CRLF)."""
    return export(
        snapshot, "csv", table, style=style, delimiter=delimiter, bom=bom, criteria=criteria
    )[0]


def export(
    snapshot: Snapshot,
    fmt: str,
    table: str,
    *,
    style: str = "en",
    delimiter: str = ",",
    bom: bool = True,
    criteria: ContactFilter | None = None,
) -> tuple[bytes, dict[str, int]]:
    """(file bytes, records per table) for `lantoa export`; CSV takes one table at a time."""
    if fmt == "json":
        data = json_data(snapshot, table, criteria)
        counts = (
            {name: len(rows) for name, rows in data.items()}
            if isinstance(data, dict)
            else {table: len(data)}
        )
        return _json_bytes(data), counts
    if table not in TABLES:
        raise ValueError("CSV holds one table")
    rows = csv_rows(snapshot, table, style, criteria)
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
    )
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8"), {table: len(rows) - 1}
