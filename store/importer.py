"""Importing contacts and organisations from CSV or JSON: an idempotent upsert, one transaction.

The rules a person can rely on (the README repeats them):
- A row updates the record with the same `id`; without one (or with an id this store does not
  know), the contact with the same email, else the same phone, *and the same name* (diacritics and
  case aside) - so people sharing a newsroom email or an office line are never merged; an
  organisation is matched by its name. Otherwise the row adds a record.
- Only fields that differ are written; an empty cell (a JSON null, [] or false) never wipes a
  stored value, so re-importing a file changes nothing and does not even rewrite the store.
- A row that fails validation is rejected with its line and reason and changes nothing; the valid
  rows are applied (unless `all_or_nothing`). Deleted records are never brought back (skipped).
- An unknown organisation name in a contacts file creates the organisation (kind "other"),
  reported by name, unless `create_orgs` is off. A do-not-contact flag is set, never lifted.
- JSON fields the model does not know are kept; the view-only keys of `contacts list --json`
  (org_name, org_kind, province, region) are dropped, org_name naming the organisation.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .db import Store
from .errors import LantoaError, ValidationError
from .headers import CONTACTS, FAMILY, GIVEN, MIDDLE, ORG_REF, ORGS, PHONES_NATIONAL
from .i18n import _
from .model import ENTITY_FIELDS, validate
from .records import META_FIELDS
from .tabular import Parsed, Row, parse

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_LIST_FIELDS = {"beats", "topics", "emails", "phones", "tags"}
#: Keys `contacts list --json` / `orgs list --json` add to records; not stored fields.
VIEW_KEYS = {CONTACTS: {"org_name", "org_kind", "province", "region"},
             ORGS: {"province", "contacts"}}
_COUNTS = ("added", "updated", "unchanged", "skipped", "rejected")


@dataclass
class Prepared:
    """A row validated on its own (no store needed yet): clean values and references to resolve."""

    row: Row
    table: str
    clean: dict[str, Any]
    row_id: str | None = None
    org_id_text: str | None = None
    org_name_text: str | None = None
    created_at: str | None = None
    from_view: bool = False
    name_key: str | None = None  # the full name, folded for matching (set by the planner)

    @property
    def label(self) -> str:
        return str(self.clean.get("full_name") or self.clean.get("name") or "")


@dataclass
class ImportReport:
    """What an import did (or would do, with dry_run), row by row. `to_json` is the --json form."""

    file: str
    format: str = ""
    encoding: str = ""
    delimiter: str | None = None
    dry_run: bool = False
    applied: bool = False
    tables: dict[str, dict[str, int]] = field(default_factory=dict)
    changes: list[dict] = field(default_factory=list)
    rejections: list[dict] = field(default_factory=list)
    skips: list[dict] = field(default_factory=list)
    created_organisations: list[dict] = field(default_factory=list)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    ignored_columns: dict[str, list[str]] = field(default_factory=dict)
    header_line: int | None = None
    warnings: list[str] = field(default_factory=list)

    def count(self, table: str, what: str, n: int = 1) -> None:
        counts = self.tables.setdefault(table, dict.fromkeys(_COUNTS, 0))
        counts[what] += n

    def total(self, what: str) -> int:
        return sum(c[what] for c in self.tables.values())

    @property
    def ok(self) -> bool:
        return not self.rejections

    def reject(self, table: str, row: Row, reason: str, name: str = "",
               fields: dict[str, str] | None = None) -> None:
        self.count(table, "rejected")
        self.rejections.append({"table": table, "line": row.line, "record": row.record,
                                "name": name, "reason": reason,
                                "fields": fields or {}})

    def skip(self, table: str, row: Row, record_id: str, name: str, reason: str) -> None:
        self.count(table, "skipped")
        self.skips.append({"table": table, "line": row.line, "record": row.record,
                           "id": record_id, "name": name,
                           "reason": reason})

    def change(self, table: str, row: Row, action: str, record_id: str, name: str,
               fields: list[str]) -> None:
        self.count(table, action)
        self.changes.append({"table": table, "line": row.line, "record": row.record,
                             "action": action, "id": record_id,
                             "name": name, "fields": fields})

    def to_json(self) -> dict:
        return {
            "file": self.file, "format": self.format, "encoding": self.encoding,
            "delimiter": self.delimiter, "dry_run": self.dry_run, "applied": self.applied,
            **{what: self.total(what) for what in _COUNTS},
            "tables": self.tables, "created_organisations": self.created_organisations,
            "rejections": self.rejections, "skips": self.skips, "changes": self.changes,
            "columns": self.columns, "ignored_columns": self.ignored_columns,
            "header_line": self.header_line, "warnings": self.warnings,
        }


# -- preparing rows ---------------------------------------------------------------------------


def _check_id(value: Any) -> str:
    text = str(value).strip().lower() if isinstance(value, str) else ""
    if not _UUID.match(text):
        raise ValidationError([("id", _("id {value!r} is not a Lan Tỏa id (a UUID such as "
                                        "3f2b…-…); leave the id column empty for new records",
                                        value=str(value)))])
    return text


def _json_values(table: str, item: dict, prep: Prepared) -> dict[str, Any]:
    """The storable fields of a JSON record; view keys feed references, wrong types are refused."""
    spec = ENTITY_FIELDS[table]
    errors: list[tuple[str, str]] = []
    values: dict[str, Any] = {}
    view_keys = VIEW_KEYS[table]
    prep.from_view = any(k in item for k in view_keys)
    for key, value in item.items():
        if key in META_FIELDS or key in view_keys or value is None:
            continue
        known = spec.get(key)
        if known is not None:
            if key in _LIST_FIELDS:
                ok = isinstance(value, str) or (
                    isinstance(value, list)
                    and all(isinstance(v, str | int | float) for v in value))
            else:
                ok = isinstance(value, str | int | float | bool)
            if not ok:
                errors.append((key, _("{label}: expected text, not {kind}",
                                      label=_(known.label), kind=type(value).__name__)))
                continue
            if value in ("", []) or value is False:
                continue
        values[key] = value
    if table == CONTACTS:
        org_name = item.get("org_name")
        if isinstance(org_name, str) and org_name.strip():
            prep.org_name_text = org_name.strip()
        org_id = values.pop("org_id", None)
        if org_id is not None:
            prep.org_id_text = str(org_id).strip()
    created = item.get("created_at")
    if isinstance(created, str) and len(created) >= 10:
        prep.created_at = created
    if errors:
        raise ValidationError(errors)
    return values


def _csv_values(table: str, row: Row, prep: Prepared) -> dict[str, Any]:
    values = dict(row.values)
    extra = values.pop("_extra_cells", None)
    if extra:
        raise ValidationError([("", _("the row has {n} more cells than the header row; a value "
                                      "with the delimiter in it needs quotes", n=extra))])
    if table == CONTACTS:
        parts = [values.pop(p, "") for p in (FAMILY, MIDDLE, GIVEN)]
        if not values.get("full_name") and any(parts):
            values["full_name"] = " ".join(p for p in parts if p)
        prep.org_name_text = values.pop(ORG_REF, None)
        prep.org_id_text = values.pop("org_id", None)
    return values


#: Contact fields with few distinct values (a province, a role, a beat list): each distinct value is
#: validated once per import. They do not depend on other fields, unlike an organisation's
#: province (which fills its region), so only contacts use the cache.
_CACHED = frozenset({"province_code", "role", "preferred_channel", "beats", "tags", "title",
                     "consent_source", "consent_date", "do_not_contact"})


class Preparer:
    """Validates rows one by one (`model.validate`), remembering the cheap-to-repeat answers."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], tuple[bool, Any]] = {}

    def validate(self, table: str, values: dict[str, Any]) -> dict[str, Any]:
        if table != CONTACTS:
            return validate(table, values, partial=True)
        rest: dict[str, Any] = {}
        clean: dict[str, Any] = {}
        errors: list[tuple[str, str]] = []
        for key, value in values.items():
            if key not in _CACHED or not isinstance(value, str):
                rest[key] = value
                continue
            hit = self._cache.get((key, value))
            if hit is None:
                try:
                    hit = (True, validate(table, {key: value}, partial=True)[key])
                except ValidationError as exc:
                    hit = (False, exc.errors)
                self._cache[(key, value)] = hit
            if not hit[0]:
                errors += hit[1]
            else:
                clean[key] = list(hit[1]) if isinstance(hit[1], list) else hit[1]
        try:
            clean.update(validate(table, rest, partial=True))
        except ValidationError as exc:
            errors += exc.errors
        if errors:
            raise ValidationError(errors)
        return clean

    def prepare(self, table: str, row: Row, source_format: str) -> Prepared:
        """Validate one row in isolation; raises ValidationError with every bad field."""
        prep = Prepared(row, table, {})
        if source_format == "json":
            if "_not_an_object" in row.values:
                raise ValidationError([("", _("a record must be a JSON object, not {kind}",
                                              kind=row.values["_not_an_object"]))])
            values = _json_values(table, row.values, prep)
            raw_id = row.values.get("id")
        else:
            values = _csv_values(table, row, prep)
            raw_id = values.get("id")
        values.pop("id", None)
        if raw_id not in (None, ""):
            prep.row_id = _check_id(raw_id)
        national = values.pop(PHONES_NATIONAL, None)
        clean = self.validate(table, values)
        prep.clean = {k: v for k, v in clean.items() if v is not None}
        if national:
            try:
                national_phones = validate(table, {"phones": national}, partial=True)["phones"]
            except ValidationError as exc:
                raise ValidationError([("phones", m) for _f, m in exc.errors]) from None
            given = prep.clean.get("phones")
            if given is None:
                prep.clean["phones"] = national_phones
            elif set(given) != set(national_phones or []):
                raise ValidationError([("phones", _(
                    "the Phones and Phones (national) columns disagree; edit one and empty the "
                    "other"))])
        return prep


def prepare(table: str, row: Row, source_format: str) -> Prepared:
    """Validate one row in isolation (see `Preparer`)."""
    return Preparer().prepare(table, row, source_format)


# -- the command --------------------------------------------------------------------------------


def read_input(path: str | Path, *, fmt: str | None = None, encoding: str | None = None,
               table: str | None = None) -> tuple[Parsed, str]:
    """Read and parse a file (or '-' for stdin); unreadable input raises LantoaError."""
    if str(path) == "-":
        raw = sys.stdin.buffer.read()
        name, file_path = "<stdin>", None
    else:
        file_path = Path(path).expanduser()
        name = str(file_path)
        if file_path.is_dir():
            raise LantoaError(_("{name} is a folder, not a file.", name=name))
        try:
            raw = file_path.read_bytes()
        except FileNotFoundError:
            raise LantoaError(_("{name} does not exist.", name=name)) from None
        except OSError as exc:
            raise LantoaError(_("Cannot read {name}: {why}.", name=name,
                                why=exc.strerror or exc)) from None
    return parse(raw, name=name, path=file_path, fmt=fmt, encoding=encoding, table=table), name


def import_file(
    store: Store,
    path: str | Path,
    *,
    table: str | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
    dry_run: bool = False,
    create_orgs: bool = True,
    all_or_nothing: bool = False,
) -> ImportReport:
    """Import a file into `store` in one transaction (none with `dry_run`); see the module doc."""
    parsed, name = read_input(path, fmt=fmt, encoding=encoding, table=table)
    return import_parsed(store, parsed, name, dry_run=dry_run, create_orgs=create_orgs,
                         all_or_nothing=all_or_nothing)


def import_parsed(store: Store, parsed: Parsed, name: str, *, dry_run: bool = False,
                  create_orgs: bool = True, all_or_nothing: bool = False) -> ImportReport:
    from .upsert import Planner

    prepared: list[tuple[str, list[Prepared]]] = []
    refused: list[tuple[str, Row, ValidationError]] = []
    preparer = Preparer()
    for batch in parsed.batches:
        rows: list[Prepared] = []
        for row in batch.rows:
            try:
                rows.append(preparer.prepare(batch.table, row, parsed.format))
            except ValidationError as exc:
                refused.append((batch.table, row, exc))
        prepared.append((batch.table, rows))

    def plan(source: Any) -> tuple[Planner, ImportReport]:
        report = _new_report(parsed, name, dry_run)
        for table, row, exc in refused:
            report.reject(table, row, str(exc), _row_label(row),
                          {f: m for f, m in exc.errors if f})
        planner = Planner(source, report, create_orgs=create_orgs)
        for table, rows in prepared:
            planner.plan_batch(table, rows)
        planner.finish()
        report.rejections.sort(key=lambda r: (r["table"] != ORGS, r["record"]))
        return planner, report

    if dry_run or not store.exists():
        # Plan against what is there now; the store is not touched (nor created) unless needed.
        planner, report = plan(store.load())
        if dry_run or not planner.ops or (all_or_nothing and not report.ok):
            return report
    with store.transaction(backup="import") as tx:
        planner, report = plan(tx)  # again, under the lock, against the fresh file
        if all_or_nothing and not report.ok:
            return report
        planner.apply(tx)
        report.applied = bool(planner.ops)
    return report


def _new_report(parsed: Parsed, name: str, dry_run: bool) -> ImportReport:
    report = ImportReport(file=name, format=parsed.format, encoding=parsed.encoding,
                          delimiter=parsed.delimiter, dry_run=dry_run)
    for batch in parsed.batches:
        report.tables.setdefault(batch.table, dict.fromkeys(_COUNTS, 0))
        if parsed.format == "csv":
            report.columns[batch.table] = batch.columns
            report.ignored_columns[batch.table] = batch.ignored
            report.header_line = batch.header_line
    return report


def _row_label(row: Row) -> str:
    values = row.values
    for key in ("full_name", "name", FAMILY, GIVEN, "emails"):
        value = values.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:80]
    return ""
