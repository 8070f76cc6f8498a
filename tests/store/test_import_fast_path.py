"""The import's short paths give exactly what the general path gives.

A CSV contacts file is prepared a column at a time (`import_columns`) and its plainly new people
are planned together (`upsert_plain`); a row either short path does not fully understand goes
the general way. Two imports of the same files, one with the short paths on and one with them
off, must leave the same store and the same report. Ids are drawn from a counter in both runs,
so records and reports compare one to one; rows are drawn to collide (shared emails and phones,
the same name in the same organisation, unknown and ambiguous organisations, ids, rows without
a name or a contact point) and to carry every shape of cell the column checks decide on.
"""

from __future__ import annotations

import csv
import io
import itertools
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import example, given
from hypothesis import strategies as st

from store import Store, import_columns, upsert, upsert_contacts, upsert_plain
from store.headers import CONTACTS
from store.importer import import_file
from tests.store.test_import_properties import SETTINGS

NAMES = ["Nguyễn Văn An", "nguyen van an", "Trần Thị Ánh", "Lê Đức", "Ngô Bé", ""]
EMAILS = ["", "an@baoa.vn", "AN@baoa.vn", "toasoan@baob.vn", "anh@so.gov.vn", "x@"]
PHONES = ["", "0912 345 678", "+84912345678", "0987 654 321", "024 3943 1234", "12"]
ORGS = ["", "Báo A", "báo a", "Báo B", "Sở C", "Báo Mới Lạ", "AMBIGUOUS"]
IDS = ["", "00000000-0000-4000-8000-000000000001", "not-an-id"]
#: Cells of the other columns, some repeated, some odd (a formula quote, a bad value, spacing).
BEATS = ["", "y tế", "y tế; giáo dục", "'=chuyển đổi số", "giáo dục,  y tế"]
PROVINCES = ["", "Hà Nội", "quang ninh", "22", "Atlantis"]
ROLES = ["", "Phóng viên", "journalist", "thợ lặn"]
NOTES = ["", "Gọi trước 9 giờ.", "dòng 1\ndòng 2", "bad\x07bell"]

row = st.tuples(
    st.sampled_from(NAMES),
    st.sampled_from(EMAILS),
    st.sampled_from(PHONES),
    st.sampled_from(ORGS),
    st.sampled_from(IDS),
    st.sampled_from(["", "PV", "BTV"]),
)

#: Rows that all name someone and give an email or a phone: a file of these alone is planned on
#: the short path wherever it can be.
plain_row = st.tuples(
    st.sampled_from([n for n in NAMES if n]),
    st.sampled_from(EMAILS),
    st.sampled_from([p for p in PHONES if p]),
    st.sampled_from(ORGS),
    st.sampled_from(["", "", "", *IDS]),
    st.sampled_from(["", "PV", "BTV"]),
)
a_file = st.lists(plain_row, max_size=10) | st.lists(row, max_size=10)

#: Names, emails and phones as people type them: mostly plain and distinct (the column checks
#: pass), sometimes not (spacing, capitals, a list, another country, 00, a bad one).
person_name = st.one_of(
    st.builds(
        lambda f, g, n: f"{f} {g} {n}",
        st.sampled_from(["Nguyễn", "Trần", "Lê", "Đặng", "Ngô"]),
        st.sampled_from(["Văn", "Thị", "Hữu", "Ngọc"]),
        st.sampled_from(["An", "Bình", "Cường", "Dũng", "Hà", "Hằng"]),
    ),
    st.sampled_from(["Lê  Đức", "Lê\tĐức", "Đặng Thị\u00a0Quảng", "A\u0301nh", "123", "'=Hùng"]),
)
email = st.one_of(
    st.builds(lambda n: f"nguoi{n}@baoa.vn", st.integers(0, 30)),
    st.sampled_from(
        ["AN@BAOA.VN", "an@Baoa.vn", "a@b.vn; c@d.vn", "an @baoa.vn", "x@", "ân@báo.vn", ""]
    ),
)
phone = st.one_of(
    st.builds(lambda n: f"091{n:07d}", st.integers(0, 30)),
    st.builds(lambda n: f"+84 98 765 {n:04d}", st.integers(0, 30)),
    st.sampled_from(
        ["024 3943 1234", "0084 912 345 678", "0912.345.678", "+1 202 555 0100", "12", ""]
    ),
)
wide_row = st.tuples(
    person_name,
    email,
    phone,
    st.sampled_from(ORGS),
    st.sampled_from(BEATS),
    st.sampled_from(PROVINCES),
    st.sampled_from(ROLES),
    st.sampled_from(NOTES),
)


def _csv(rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "Họ và tên", "Email", "SĐT", "Cơ quan", "Chức vụ"])
    for name, email, phone, org, rid, title in rows:
        writer.writerow([rid, name, email, phone, org, title])
    return buffer.getvalue()


def _wide_csv(rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        ["Họ và tên", "Email", "SĐT", "Cơ quan", "Lĩnh vực", "Tỉnh", "Vai trò", "Ghi chú"]
    )
    writer.writerows(rows)
    return buffer.getvalue()


def _counter_ids(counter: itertools.count):
    """Deterministic UUID4-shaped ids, the same in both runs, never twice in one run."""

    def fresh_ids():
        for n in counter:
            yield f"{n:08x}-0000-4000-8000-{n:012x}"

    return fresh_ids


def _run(tmp: Path, files: list[str], fast: bool) -> tuple[list[dict], dict]:
    store = Store(tmp / "s.json")
    with store.transaction() as tx:  # organisations both runs start from (one name twice)
        for rid, name in (("a", "Báo A"), ("b", "Báo B"), ("c", "Sở C"), ("d", "Ambiguous")):
            tx.insert("organisations", {"name": name, "kind": "press"}, f"{rid * 8}-{rid * 4}")
        tx.insert("organisations", {"name": "ambiguous", "kind": "other"}, "e" * 8 + "-eeee")
    reports = []
    with (
        mock.patch.object(upsert_contacts, "FAST_NEW_CONTACTS", fast),
        mock.patch.object(import_columns, "ENABLED", fast),
        mock.patch.object(upsert, "_fresh_ids", _counter_ids(itertools.count(1))),
    ):
        for number, text in enumerate(files):
            path = tmp / f"{number}.csv"
            path.write_text(text, encoding="utf-8")
            report = import_file(store, path).to_json()
            report.pop("file")
            reports.append(report)
    records = [
        {k: v for k, v in r.items() if k not in ("created_at", "updated_at", "_clock")}
        for table in (CONTACTS, "organisations")
        for r in sorted(store.load().by_id(table).values(), key=lambda r: r["id"])
    ]
    return records, {"reports": reports}


@SETTINGS
@given(a_file, a_file)
@example(  # two people share a newsroom email, written in another case the second time
    [
        ("Nguyễn Văn An", "an@baoa.vn", "0912 345 678", "Báo A", "", ""),
        ("Trần Thị Ánh", "AN@baoa.vn", "0987 654 321", "Báo A", "", "PV"),
    ],
    [],
)
@example(  # someone known by name alone, then a row with their name, organisation and a phone
    [("Lê Đức", "", "", "Báo A", "", "")], [("Lê Đức", "", "0912 345 678", "báo a", "", "PV")]
)
def test_fast_path_gives_the_general_paths_store_and_report(first, second) -> None:
    files = [_csv(first), _csv(second)]
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        assert _run(Path(a), files, fast=True) == _run(Path(b), files, fast=False)


@SETTINGS
@given(st.lists(wide_row, max_size=12), st.lists(wide_row, max_size=6))
@example(  # the usual first import: plain people, one after the other
    [
        ("Nguyễn Văn An", "nguoi1@baoa.vn", "0910000001", "Báo A", "y tế", "22", "", ""),
        ("Trần Thị Hà", "nguoi2@baoa.vn", "0910000002", "", "", "", "Phóng viên", ""),
    ],
    [("Nguyễn Văn An", "nguoi1@baoa.vn", "0910000001", "Báo A", "", "", "", "Gọi trước 9 giờ.")],
)
def test_the_column_paths_give_the_general_paths_store_and_report(first, second) -> None:
    files = [_wide_csv(first), _wide_csv(second)]
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        assert _run(Path(a), files, fast=True) == _run(Path(b), files, fast=False)


def test_plain_rows_are_added_together_and_the_others_one_by_one() -> None:
    """The short path takes new people at an organisation the store knows or at none, and
    leaves the others: a shared email, an organisation to create, a namesake at the same one."""
    plain: list[str] = []
    original = upsert_plain._add

    def spy(planner, columns, orgs, ids):
        plain.extend(columns.values["full_name"][i] for i, o in enumerate(orgs) if o is not None)
        return original(planner, columns, orgs, ids)

    rows = [
        ("Nguyễn Văn An", "an@baoa.vn", "", "Báo A", "", ""),  # shares an email: one by one
        ("Trần Thị Ánh", "", "0912 345 678", "", "", ""),  # new, no organisation: plain
        ("Lê Đức", "", "0987 654 321", "Báo Mới Lạ", "", ""),  # organisation to create
        ("Nguyễn Văn An", "AN@baoa.vn", "", "Báo A", "", ""),  # same email: an update
        ("Ngô Bé", "be@baob.vn", "", "Báo B", "", "PV"),  # new, known organisation: plain
        ("Ngô Bé", "be2@baob.vn", "", "báo b", "", ""),  # namesake there: one by one
        ("Ngô Bé", "be3@soc.vn", "", "Sở C", "", ""),  # namesake elsewhere: plain
    ]
    with (
        tempfile.TemporaryDirectory() as tmp,
        mock.patch.object(upsert_plain, "_add", spy),
    ):
        records, result = _run(Path(tmp), [_csv(rows)], fast=True)
    assert plain == ["Trần Thị Ánh", "Ngô Bé"]
    report = result["reports"][0]
    assert report["added"] == 7  # six people (two namesakes with other emails) and Báo Mới Lạ
    assert report["unchanged"] == 1  # the same email in capitals
    assert [c["line"] for c in report["changes"]] == [2, 3, 4, 6, 7, 8]  # in file order
    names = sorted(r["full_name"] for r in records if "full_name" in r)
    assert names == sorted(["Nguyễn Văn An", "Trần Thị Ánh", "Lê Đức", *["Ngô Bé"] * 3])
