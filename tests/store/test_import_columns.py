"""The column-at-a-time preparation of a CSV, and its helpers, against the row-by-row originals.

`import_columns` checks whole columns with a few C-level calls and leaves any row it does not
fully understand to `Preparer.prepare`. For every row it keeps, its clean values must be exactly
the row path's; a row the row path refuses must never be kept. Cells are drawn from alphabets
that reach every branch of the column checks: spacing, control and combining characters,
capitals, lists, 00 and +84 numbers, our formula quote.
"""

from __future__ import annotations

import copy
import csv
import io
import re
import uuid
from itertools import islice

from hypothesis import example, given
from hypothesis import strategies as st

from store.errors import ValidationError
from store.import_columns import prepare_columns
from store.import_rows import Preparer
from store.rows import CellRows, Row
from store.tabular import parse
from store.upsert import _fresh_ids
from store.vietnamese import match_key, match_keys
from tests.store.test_import_properties import SETTINGS

HEADERS = ["Họ và tên", "Email", "SĐT", "Cơ quan", "Lĩnh vực", "Zalo", "Ghi chú", "id"]

name_cell = st.one_of(
    st.sampled_from(["Nguyễn Văn An", "Đặng Thị Quảng", " Lê  Đức ", "Ngô Bé", "", "123"]),
    st.text(st.sampled_from("aăâđeAĐ ̀́\t\u00a0\x07'=-Ω"), max_size=8),
)
email_cell = st.one_of(
    st.builds(lambda n: f"nguoi{n}@baoa.vn", st.integers(0, 99)),
    st.sampled_from(["AN@BAOA.VN", "an@Báo.vn", "a@b.vn; c@d.vn", "x@", "a..b@c.vn", ""]),
    st.text(st.sampled_from("ab.@-_+AZ ,;"), max_size=12),
)
phone_cell = st.one_of(
    st.builds(lambda n: f"09{n:08d}", st.integers(0, 10**8 - 1)),
    st.builds(lambda n: f"+84 24 {n:08d}", st.integers(0, 10**8 - 1)),
    st.sampled_from(["0084 912 345 678", "0912.345.678", "+1 202 555 0100", "000", ""]),
    st.text(st.sampled_from("0123456789 +.-٣"), max_size=14),
)
other_cell = st.sampled_from(["", "Báo A", "y tế; giáo dục", "'=SUM(1)", "  x  ", "0912345678"])
a_row = st.tuples(
    name_cell, email_cell, phone_cell, other_cell, other_cell, other_cell, other_cell,
    st.sampled_from(["", "", "3f2b0000-0000-4000-8000-000000000001"]),
)  # fmt: skip


def _parse(rows: list[tuple]):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return parse(buffer.getvalue().encode("utf-8"), name="t.csv", table="contacts").batches[0]


@SETTINGS
@given(st.lists(a_row, min_size=1, max_size=8))
@example([("Nguyễn Văn An", "nguoi1@baoa.vn", "0912 345 678", "Báo A", "", "", "", "")])
@example([("Lê Đức", "AN@Baoa.vn", "+84 24 3943 1234", "", "y tế", "0912345678", "", "")])
def test_kept_rows_have_the_row_paths_values(rows: list[tuple]) -> None:
    batch = _parse(rows)
    alone = [copy.deepcopy(r) for r in batch.rows]  # the row path consumes its row's values
    columns = prepare_columns(Preparer(), batch)
    for i, row in enumerate(alone):
        try:
            expected = Preparer().prepare("contacts", row, "csv")
        except ValidationError:
            assert columns is None or columns.row_path[i], f"kept a refused row: {rows[i]}"
            continue
        if columns is None or columns.row_path[i]:
            continue
        got = columns.prepared(i)
        assert got.clean == expected.clean
        assert list(got.clean) == list(expected.clean)  # the same order of fields
        assert (got.org_name_text, got.org_id_text) == (expected.org_name_text, None)
        assert got.row_id is None and expected.row_id is None


def test_plain_columns_are_kept_whole() -> None:
    """The usual file goes the column way throughout: no row left to the row path."""
    rows = [
        (f"Nguyễn Văn {n}", f"nguoi{n}@baoa.vn", f"0912 345 {n:03d}", "Báo A", "", "", "", "")
        for n in range(20)
    ]
    columns = prepare_columns(Preparer(), _parse(rows))
    assert columns is not None and not any(columns.row_path)
    assert columns.values["phones"][7] == ["+84912345007"]
    assert columns.values["emails"][7] == ["nguoi7@baoa.vn"]


@given(st.lists(st.text(st.sampled_from("aăđĐ ÁẠ\t\n \u0301Ωx"), max_size=6), max_size=6))
@example(["Đặng  Thị", " An", "Bé "])
@example(["Ωmega", "Hà"])
def test_match_keys_is_match_key_of_each(texts: list[str]) -> None:
    assert match_keys(texts) == [match_key(t) for t in texts]


def test_cell_rows_are_the_rows_a_list_would_hold() -> None:
    batch = _parse([("An", "", "", "", "", "", "", ""), ("Bé", "b@c.vn", "", "", "", "", "", "")])
    rows = batch.rows
    assert isinstance(rows, CellRows) and len(rows) == 2
    assert rows[-1] is rows[1] and list(rows) == rows[0:2]
    second = {field: cells[1] for field, cells in batch.cells.items()}
    assert rows[1] == Row(2, 3, second)


def test_fresh_ids_are_distinct_version_4_uuids() -> None:
    ids = list(islice(_fresh_ids(), 2000))
    assert len(set(ids)) == len(ids)
    shape = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
    for text in ids:
        assert shape.fullmatch(text)
        assert uuid.UUID(text).version == 4 and str(uuid.UUID(text)) == text
