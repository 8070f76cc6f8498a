"""Reading import files: CSV (any delimiter, with or without BOM, UTF-8 or UTF-16) and JSON.

Nothing here knows the store: a file becomes batches of rows (field -> raw value) with the line
each row came from, or a `LantoaError` saying what is wrong with the file and how to fix it.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from .errors import LantoaError
from .headers import (
    CONTACTS,
    IGNORE,
    LIST_FIELDS,
    ORGS,
    guess_table,
    map_headers,
    unneutralise,
)
from .i18n import _
from .rows import CellRows, Row

MAX_HEADER_SCAN = 10
_DELIMITERS = (",", ";", "\t", "|")
_JSON_TABLES = {"contacts": CONTACTS, "organisations": ORGS, "organizations": ORGS, "orgs": ORGS}


@dataclass
class Batch:
    """The rows of one table, in file order."""

    table: str
    rows: Sequence[Row]
    columns: dict[str, str] = field(default_factory=dict)  # header -> field (CSV)
    ignored: list[str] = field(default_factory=list)  # unknown headers (CSV)
    header_line: int | None = None
    detected: bool = False  # table guessed from the content rather than chosen
    #: CSV with one column per field: each field's raw cells, by row (the rows' values, by
    #: column, for `import_columns`)
    cells: dict[str, list[str]] | None = None


@dataclass
class Parsed:
    format: str  # "csv" or "json"
    encoding: str
    batches: list[Batch]
    delimiter: str | None = None


def _nfc(text: str) -> str:
    return (
        text
        if text.isascii() or unicodedata.is_normalized("NFC", text)
        else (unicodedata.normalize("NFC", text))
    )


# -- decoding -------------------------------------------------------------------------------------


def decode(raw: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used). UTF-8 (BOM optional) and UTF-16 with a BOM are recognised."""
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise LantoaError(
            _(
                "{name} is an Excel workbook, not a CSV file. In Excel choose File > Save As > "
                '"CSV UTF-8 (Comma delimited)" and import that file.',
                name=name,
            )
        )
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise LantoaError(
                _("Unknown encoding {encoding!r}; try utf-8, utf-16 or cp1258.", encoding=encoding)
            ) from None
        try:
            return raw.decode(encoding).removeprefix("\ufeff"), encoding
        except UnicodeDecodeError as exc:
            raise LantoaError(
                _(
                    "{name} is not valid {encoding} text (byte {pos}).",
                    name=name,
                    encoding=encoding,
                    pos=exc.start,
                )
            ) from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise LantoaError(
                _("{name} starts like UTF-16 text but is damaged.", name=name)
            ) from None
    if b"\x00" in raw[:4096]:
        sample = raw[:4096]
        if sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4:
            raise LantoaError(
                _(
                    "{name} looks like UTF-16 text without a byte order mark; pass "
                    "--encoding utf-16-le (or utf-16-be).",
                    name=name,
                )
            )
        raise LantoaError(_("{name} is not a text file (it contains NUL bytes).", name=name))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise LantoaError(
            _(
                "{name} is not UTF-8 text (line {line} has byte 0x{byte:02x}). Save it as "
                '"CSV UTF-8" in Excel (or choose the UTF-8 character set in LibreOffice), or pass '
                "the file's encoding, e.g. --encoding cp1258 for Windows Vietnamese.",
                name=name,
                line=line,
                byte=raw[exc.start],
            )
        ) from None
    return text.removeprefix("\ufeff"), "utf-8"


def looks_like_json(text: str, path: Path | None) -> bool:
    suffix = path.suffix.lower() if path else ""
    if suffix in (".json", ".jsonl", ".ndjson"):
        return True
    if suffix in (".csv", ".tsv", ".txt"):
        return False
    return text.lstrip()[:1] in ("[", "{")


def parse(
    raw: bytes,
    *,
    name: str,
    path: Path | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
    table: str | None = None,
) -> Parsed:
    text, used = decode(raw, name, encoding)
    if not text.strip():
        raise LantoaError(_("{name} is empty: there is nothing to import.", name=name))
    if fmt is None:
        fmt = "json" if looks_like_json(text, path) else "csv"
    if fmt == "json":
        return Parsed("json", used, parse_json(text, name, table))
    batch, delimiter = parse_csv(text, name, table)
    return Parsed("csv", used, [batch], delimiter)


# -- CSV ----------------------------------------------------------------------------------------


def _first_lines(text: str, count: int) -> list[str]:
    """The first `count` lines, without splitting the whole (perhaps 50 MB) text."""
    end = 0
    for _n in range(count):
        end = text.find("\n", end) + 1
        if not end:
            return text.splitlines()[:count]
    return text[:end].splitlines()[:count]


def sniff_delimiter(text: str) -> str:
    """The delimiter that reveals the most known column headers, then the most regular rows.

    Vietnamese Excel saves with ';' (the regional list separator), Excel's "Unicode text" with tab.
    Regularity beats width: our own lists ("a; b; c") put semicolons inside comma files.
    """
    sample = "\n".join(_first_lines(text, MAX_HEADER_SCAN * 3))
    best, best_score = ",", (0, 0, 0)
    for delim in _DELIMITERS:
        try:
            rows = [
                c
                for c in csv.reader(io.StringIO(sample), delimiter=delim)
                if any(x.strip() for x in c)
            ]
        except csv.Error:
            continue
        known = max(
            (map_headers(r, t).known() for r in rows[:MAX_HEADER_SCAN] for t in (CONTACTS, ORGS)),
            default=0,
        )
        wide = [len(r) for r in rows if len(r) > 1]
        if not wide:
            continue
        modal = max(set(wide), key=lambda c: (wide.count(c), c))
        score = (known, wide.count(modal), modal)
        if score > best_score:
            best, best_score = delim, score
    return best


def _find_header(records: list[tuple[int, list[str]]], table: str | None) -> int:
    """Index of the header row among the first records: title rows above it are skipped."""
    fallback = None
    for i, (_line, cells) in enumerate(records[:MAX_HEADER_SCAN]):
        tables = [table] if table else [CONTACTS, ORGS]
        known = max(map_headers(cells, t).known() for t in tables)
        if known >= 2 or (known == 1 and len([c for c in cells if c.strip()]) == 1):
            return i
        if known == 1 and fallback is None:
            fallback = i
    if fallback is not None:
        return fallback
    raise LantoaError(
        _(
            "No known column headers in the first rows. Put a header row such as "
            '"Họ và tên, Cơ quan, Điện thoại, Email" (see `lantoa import --help` for the list).'
        )
    )


def parse_csv(text: str, name: str, table: str | None = None) -> tuple[Batch, str]:
    text = _nfc(text)  # once for the whole file: macOS and cp1258 write decomposed Vietnamese
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if (cells and cells[0].strip()) or "".join(cells).strip():  # not a blank row
                records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise LantoaError(
            _(
                "{name} is not a readable CSV file (line {line}: {why}).",
                name=name,
                line=reader.line_num,
                why=str(exc),
            )
        ) from None
    if not records:
        raise LantoaError(_("{name} is empty: there is nothing to import.", name=name))
    header_at = _find_header(records, table)
    header_line, headers = records[header_at]
    headers = [h.strip() for h in headers]
    detected = table is None
    table = table or guess_table(headers)
    hmap = map_headers(headers, table)
    rows, cells = _csv_rows(hmap.targets, records[header_at + 1 :])
    batch = Batch(table, rows, hmap.mapped, hmap.unknown, header_line, detected, cells)
    return batch, delimiter


def cell_value(raw: str) -> str | None:
    """A CSV cell as the importer reads it: trimmed, empty as None, our formula quote removed."""
    text = raw.strip()
    if not text:
        return None
    return unneutralise(text) if text[0] == "'" else text


def _csv_rows(
    targets: list[str | None], records: list[tuple[int, list[str]]]
) -> tuple[Sequence[Row], dict[str, list[str]] | None]:
    """Rows of raw cells by field (`cell_value` is applied later, once, by the importer), and
    with one column per field (the usual case) the same cells by field, from C code
    (itemgetter, zip); the rows are then made when asked for (`CellRows`). Several columns for
    one list (Điện thoại 1, Điện thoại 2) are joined here instead.
    """
    pairs = [(i, t) for i, t in enumerate(targets) if t is not None and t != IGNORE]
    fields = [t for _i, t in pairs]
    width = len(targets)
    rows = []
    if not pairs:
        return [Row(n, line, {}) for n, (line, _cells) in enumerate(records, start=1)], None
    if len(set(fields)) == len(fields) and records:
        get = itemgetter(*(i for i, _t in pairs))
        need = pairs[-1][0] + 1
        lines = [line for line, _cells in records]
        extra: dict[int, int] = {}
        if all(len(cells) == width for _line, cells in records):  # the usual case
            got = list(map(get, (cells for _line, cells in records)))
        else:
            got = []
            for index, (_line, cells) in enumerate(records):
                count = len(cells)
                if count < need:
                    cells = cells + [""] * (need - count)
                got.append(get(cells))
                if count > width and "".join(cells[width:]).strip():
                    extra[index] = count - width
        by_field = (
            {fields[0]: got}
            if len(fields) == 1
            else dict(zip(fields, map(list, zip(*got, strict=True)), strict=True))
        )
        return CellRows(fields, got, lines, extra), by_field
    for number, (line, cells) in enumerate(records, start=1):
        values: dict[str, Any] = {}
        count = len(cells)
        for index, target in pairs:
            if index >= count or not cells[index].strip():
                continue
            if target not in values:
                values[target] = cells[index]  # raw: the importer trims and unquotes it
            elif target in LIST_FIELDS:  # a second column for a list adds to it
                values[target] = f"{values[target]}; {cell_value(cells[index])}"
            # a second column for a single value: the first one wins
        if count > width and "".join(cells[width:]).strip():
            values["_extra_cells"] = count - width
        rows.append(Row(number, line, values))
    return rows, None


# -- JSON ---------------------------------------------------------------------------------------


def parse_json(text: str, name: str, table: str | None = None) -> list[Batch]:
    """A list of records (`lantoa export --format json`, `contacts list --json`), an object of
    tables (`--table all`), a single record, or JSON lines (one record per line)."""
    lines: list[int | None]
    try:
        data = json.loads(text)
        lines = []
    except json.JSONDecodeError as exc:
        data, lines = _json_lines(text)
        if data is None:
            raise LantoaError(
                _(
                    "{name} is not valid JSON (line {line}, column {col}: {why}).",
                    name=name,
                    line=exc.lineno,
                    col=exc.colno,
                    why=exc.msg,
                )
            ) from None
    if isinstance(data, dict) and any(k in _JSON_TABLES for k in data):
        unknown = [k for k in data if k not in _JSON_TABLES]
        if unknown:
            raise LantoaError(
                _(
                    "{name}: unknown tables {tables}; expected contacts and organisations.",
                    name=name,
                    tables=", ".join(unknown),
                )
            )
        batches = []
        for key in sorted(data, key=lambda k: _JSON_TABLES[k] != ORGS):  # organisations first
            wanted = _JSON_TABLES[key]
            if table and wanted != table:
                continue
            batches.append(_json_batch(data[key], wanted, [], name, detected=False))
        return batches
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise LantoaError(_("{name}: expected a JSON list of records.", name=name))
    detected = table is None
    chosen = table or _guess_json_table(data)
    return [_json_batch(data, chosen, lines, name, detected)]


def _json_lines(text: str) -> tuple[list | None, list[int | None]]:
    out, lines = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            return None, []
        lines.append(number)
    return (out, lines) if len(out) > 1 else (None, [])


def _guess_json_table(data: list) -> str:
    for item in data[:100]:
        if isinstance(item, dict):
            if "full_name" in item:
                return CONTACTS
            if "name" in item or "kind" in item:
                return ORGS
    return CONTACTS


def _json_batch(data: Any, table: str, lines: list, name: str, detected: bool) -> Batch:
    if not isinstance(data, list):
        raise LantoaError(_("{name}: expected a JSON list of records.", name=name))
    rows = []
    for i, item in enumerate(data):
        line = lines[i] if i < len(lines) else None
        values = item if isinstance(item, dict) else {"_not_an_object": type(item).__name__}
        rows.append(Row(i + 1, line, values))
    return Batch(table, rows, detected=detected)
