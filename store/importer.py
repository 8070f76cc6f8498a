"""Importing contacts and organisations from CSV or JSON: an idempotent upsert, one transaction.

The rules a person can rely on (the README repeats them):
- Matching. A row with the `id` of a record updates it. Otherwise a contact row updates the
  contact that has one of its emails or phones *and the same name* (case and diacritics aside),
  so people sharing a newsroom email or an office line are never merged; without email or phone,
  the contact with the same name in the same organisation (if their emails and phones do not
  contradict). An organisation row updates the organisation with the same name. Anything else
  is added. A row whose email and phone point to different people is rejected, not guessed.
- Changes. Only fields that differ are written. An empty cell (a JSON null, "", [] or false)
  never erases a stored value. A row with the record's id is an edit (an export edited in a
  spreadsheet): its lists replace the stored ones. A row matched otherwise adds its emails,
  phones, beats and tags to the stored lists; contact points are never lost to someone else's
  list. A do-not-contact flag is set by an import, never lifted.
- Rows that only update (no name) and rows matched by name alone are planned after the others,
  without undoing what a later row of the file set, so the outcome follows the file's order
  and importing the same file twice is the same as importing it once: the second time changes
  nothing and does not even rewrite the store.
- A row that fails validation is rejected with its line and reason and changes nothing; the valid
  rows are applied (unless `all_or_nothing`). Deleted records are never brought back (skipped);
  imports never delete.
- An unknown organisation name in a contacts file creates the organisation (kind "other"),
  reported by name, unless `create_orgs` is off.
- JSON fields the model does not know are kept; the view-only keys of `contacts list --json`
  (org_name, org_kind, province, region) are dropped, org_name naming the organisation.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .db import Store
from .errors import LantoaError, ValidationError
from .headers import CONTACTS, FAMILY, GIVEN, ORGS
from .i18n import _
from .import_columns import Columns, prepare_columns
from .import_report import COUNTS, ImportReport
from .import_rows import Prepared, Preparer, prepare
from .rows import Row
from .tabular import Parsed, cell_value, parse
from .upsert import Planner

__all__ = [
    "ImportReport",
    "Prepared",
    "Preparer",
    "bulk_work",
    "import_file",
    "import_parsed",
    "prepare",
    "read_input",
]


def read_input(
    path: str | Path,
    *,
    fmt: str | None = None,
    encoding: str | None = None,
    table: str | None = None,
) -> tuple[Parsed, str]:
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
            raise LantoaError(
                _("Cannot read {name}: {why}.", name=name, why=exc.strerror or exc)
            ) from None
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
    with bulk_work():
        parsed, name = read_input(path, fmt=fmt, encoding=encoding, table=table)
        return import_parsed(
            store,
            parsed,
            name,
            dry_run=dry_run,
            create_orgs=create_orgs,
            all_or_nothing=all_or_nothing,
        )


@contextlib.contextmanager
def bulk_work() -> Iterator[None]:
    """Pause the cyclic garbage collector while an import builds its many small objects.

    An import allocates hundreds of thousands of dicts and lists and frees almost none, the
    worst case for CPython's collector: it would walk the whole growing heap again and again,
    which measured at more than half of a 10,000-row import. Nothing here makes reference
    cycles, so nothing is lost by collecting once afterwards instead.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def import_parsed(
    store: Store,
    parsed: Parsed,
    name: str,
    *,
    dry_run: bool = False,
    create_orgs: bool = True,
    all_or_nothing: bool = False,
) -> ImportReport:
    prepared: list[tuple[str, list[Prepared], Columns | None]] = []
    refused: list[tuple[str, Row, ValidationError]] = []
    preparer = Preparer()
    for batch in parsed.batches:
        rows: list[Prepared] = []
        columns = (
            prepare_columns(preparer, batch)
            if parsed.format == "csv" and batch.table == CONTACTS
            else None
        )
        alone = (
            range(len(batch.rows))
            if columns is None
            else [i for i, slow in enumerate(columns.row_path) if slow]
        )  # the other rows were prepared with their columns
        for i in alone:
            row = batch.rows[i]
            try:
                rows.append(preparer.prepare(batch.table, row, parsed.format))
            except ValidationError as exc:
                refused.append((batch.table, row, exc))
        prepared.append((batch.table, rows, columns))

    def plan(source: Any) -> tuple[Planner, ImportReport]:
        report = _new_report(parsed, name, dry_run)
        for table, row, exc in refused:
            report.reject(table, row, str(exc), _row_label(row), {f: m for f, m in exc.errors if f})
        planner = Planner(source, report, create_orgs=create_orgs)
        for table, rows, columns in prepared:
            planner.plan_batch(table, rows, columns)
        planner.finish()
        report.rejections.sort(key=lambda r: (r["table"] != ORGS, r["record"]))
        return planner, report

    if dry_run or not store.exists():
        # Plan against what is there now; the store is not touched (nor created) unless needed.
        planner, report = plan(store.load())
        if dry_run or not planner.net_changes():
            return report
        if all_or_nothing and not report.ok:
            report.held_back = True
            return report
    with store.transaction(backup="import") as tx:
        planner, report = plan(tx)  # again, under the lock, against the fresh file
        if all_or_nothing and not report.ok:
            report.held_back = bool(planner.net_changes())
            return report
        planner.apply(tx)
        report.applied = bool(planner.net_changes())
    return report


def _new_report(parsed: Parsed, name: str, dry_run: bool) -> ImportReport:
    report = ImportReport(
        file=name,
        format=parsed.format,
        encoding=parsed.encoding,
        delimiter=parsed.delimiter,
        dry_run=dry_run,
    )
    for batch in parsed.batches:
        report.tables.setdefault(batch.table, dict.fromkeys(COUNTS, 0))
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
            return (cell_value(value) or "")[:80]
    return ""
