"""The planner's short path for plainly new contacts gives exactly what the general path gives.

Two imports of the same files, one with `FAST_NEW_CONTACTS` on and one with it off, must leave the
same store and the same report. Ids are drawn from a counter in both runs, so records and reports
compare one to one; rows are drawn to collide (shared emails and phones, the same name in the same
organisation, unknown and ambiguous organisations, ids, rows without a name or a contact point).
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

from store import Store, upsert, upsert_contacts
from store.headers import CONTACTS
from store.importer import import_file
from tests.store.test_import_properties import SETTINGS

NAMES = ["Nguyễn Văn An", "nguyen van an", "Trần Thị Ánh", "Lê Đức", "Ngô Bé", ""]
EMAILS = ["", "an@baoa.vn", "AN@baoa.vn", "toasoan@baob.vn", "anh@so.gov.vn", "x@"]
PHONES = ["", "0912 345 678", "+84912345678", "0987 654 321", "024 3943 1234", "12"]
ORGS = ["", "Báo A", "báo a", "Báo B", "Sở C", "Báo Mới Lạ", "AMBIGUOUS"]
IDS = ["", "00000000-0000-4000-8000-000000000001", "not-an-id"]

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


def _csv(rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "Họ và tên", "Email", "SĐT", "Cơ quan", "Chức vụ"])
    for name, email, phone, org, rid, title in rows:
        writer.writerow([rid, name, email, phone, org, title])
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


def test_fast_path_takes_the_plain_rows_and_leaves_the_others() -> None:
    """It is used (new people with known or no organisation) and it declines the rest."""
    taken: list[str] = []
    original = upsert_contacts.ContactPlanning._plan_new_contact

    def spy(self, prep):
        done = original(self, prep)
        if done:
            taken.append(prep.label)
        return done

    rows = [
        ("Nguyễn Văn An", "an@baoa.vn", "", "Báo A", "", ""),  # new: taken
        ("Trần Thị Ánh", "", "0912 345 678", "", "", ""),  # new, no organisation: taken
        ("Lê Đức", "", "0987 654 321", "Báo Mới Lạ", "", ""),  # organisation to create
        ("Nguyễn Văn An", "AN@baoa.vn", "", "Báo A", "", ""),  # same email: an update
    ]
    with (
        tempfile.TemporaryDirectory() as tmp,
        mock.patch.object(upsert_contacts.ContactPlanning, "_plan_new_contact", spy),
    ):
        records, result = _run(Path(tmp), [_csv(rows)], fast=True)
    assert taken == ["Nguyễn Văn An", "Trần Thị Ánh"]
    report = result["reports"][0]
    assert report["added"] == 4  # three people and the new organisation
    assert report["updated"] == 0 and report["unchanged"] == 1
    assert {r.get("full_name") for r in records if "full_name" in r} == {
        "Nguyễn Văn An",
        "Trần Thị Ánh",
        "Lê Đức",
    }
