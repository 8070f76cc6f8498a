"""Properties of import/export, checked on generated data (Hypothesis).

- export -> import is the identity on content (CSV: the known fields; JSON: everything);
- importing a file twice leaves the store as importing it once, and the second time writes nothing;
- garbage never crashes an import: every row is accounted for, rejections carry a line;
- any spelling of a known header (case, diacritics, spacing, remarks) maps to its field;
- neutralising formula cells round-trips;
- the importer's fast validation gives exactly what model.validate gives.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import random
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from store import LantoaError, Store, ValidationError
from store.exporter import export_csv, export_json
from store.headers import CONTACTS, FORMULA_START, ORGS, lookup_header, neutralise, unneutralise
from store.importer import Preparer, import_file
from store.model import CHANNELS, ORG_KINDS, ROLES, validate
from store.records import META_FIELDS
from store.reference import provinces
from store.vietnamese import fold

#: LANTOA_HYPOTHESIS_EXAMPLES=500 for a deeper search than the suite's quick one.
SETTINGS = settings(
    max_examples=int(os.environ.get("LANTOA_HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

FAMILY = ["Nguyễn", "Trần", "Lê", "Đặng", "Ngô", "Âu"]
GIVEN = ["An", "Ánh", "Đức", "Hòa", "Quảng", "Yến", "Bé"]
TRICKY = "=+-@'\t\n;,\"ăđ"
#: Text as the store holds it: NFC (the importer composes what it reads, as Vietnamese needs).
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(TRICKY), max_size=24
).map(lambda s: unicodedata.normalize("NFC", s))
name = (
    st.builds(
        lambda f, m, g: " ".join(p for p in (f, m, g) if p),
        st.sampled_from(FAMILY),
        st.sampled_from(["", "Văn", "Thị", "-Thị"]),
        st.sampled_from(GIVEN),
    )
    | text
)
phone = st.sampled_from(
    [
        "0912 345 678",
        "+84 24 3943 1234",
        "0203 383 5555",
        "+1 202-555-0143",
        "0987654321",
        "+84912000111",
    ]
)
email = st.from_regex(r"[a-z0-9=+'._-]{1,8}@[a-z]{1,6}\.(vn|org)", fullmatch=True)
#: List items never hold ; , or a line break in CSV (they separate items); JSON keeps any text.
words = st.lists(text.map(lambda s: s.translate(str.maketrans(";,\n", "   "))), max_size=3)


def clean_or_none(table: str, values: dict) -> dict | None:
    try:
        return validate(table, values)
    except ValidationError:
        return None


@st.composite
def networks(draw: st.DrawFn) -> tuple[list[dict], list[dict]]:
    """Organisations and contacts in their stored (validated) form, ids assigned later."""
    orgs: list[dict] = []
    for _ in range(draw(st.integers(0, 3))):
        values = {
            "name": draw(name),
            "kind": draw(st.sampled_from(list(ORG_KINDS))),
            "short_name": draw(text),
            "topics": draw(words),
            "notes": draw(text),
            "province_code": draw(st.sampled_from(["", *list(provinces())[:5]])),
            "phones": draw(st.lists(phone, max_size=2)),
        }
        clean = clean_or_none(ORGS, values)
        if clean:
            if orgs and draw(st.booleans()):
                clean["parent_index"] = draw(st.integers(0, len(orgs) - 1))
            orgs.append(clean)
    people: list[dict] = []
    for _ in range(draw(st.integers(0, 6))):
        values = {
            "full_name": draw(name),
            "title": draw(text),
            "notes": draw(text),
            "role": draw(st.sampled_from(["", *ROLES])),
            "preferred_channel": draw(st.sampled_from(["", *CHANNELS])),
            "emails": draw(st.lists(email, max_size=2)),
            "phones": draw(st.lists(phone, max_size=2)),
            "beats": draw(words),
            "tags": draw(words),
            "province_code": draw(st.sampled_from(["", "01", "22", "79"])),
            "do_not_contact": draw(st.booleans()),
            "consent_source": draw(text),
            "consent_date": draw(st.sampled_from(["", "2023-11-24", "01/02/2024"])),
            "zalo": draw(st.sampled_from(["", "0912 345 678", "zalo.id_1"])),
        }
        clean = clean_or_none(CONTACTS, values)
        if clean:
            if orgs and draw(st.booleans()):
                clean["org_index"] = draw(st.integers(0, len(orgs) - 1))
            people.append(clean)
    return orgs, people


def build(path: Path, orgs: list[dict], people: list[dict], extra: bool = False) -> Store:
    store = Store(path)
    with store.transaction() as tx:
        made = []
        for org in orgs:
            fields = {k: v for k, v in org.items() if k != "parent_index"}
            if "parent_index" in org:
                fields["parent_id"] = made[org["parent_index"]]["id"]
            made.append(tx.insert(ORGS, fields))
        for person in people:
            fields = {k: v for k, v in person.items() if k != "org_index"}
            if "org_index" in person:
                fields["org_id"] = made[person["org_index"]]["id"]
            if extra:
                fields["x_future_field"] = {"kept": person["full_name"]}
            tx.insert(CONTACTS, fields)
    return store


def content(store: Store) -> dict[str, dict[str, dict]]:
    snapshot = store.load()
    return {
        t: {r["id"]: {k: v for k, v in r.items() if k not in META_FIELDS} for r in snapshot.live(t)}
        for t in (ORGS, CONTACTS)
    }


@SETTINGS
@given(networks(), st.sampled_from(["en", "vi", "keys"]), st.sampled_from([",", ";", "\t"]))
def test_csv_export_then_import_is_the_identity(network, style: str, delimiter: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = build(folder / "a.json", *network)
        snapshot = source.load()
        for table in (ORGS, CONTACTS):
            path = folder / f"{table}.csv"
            path.write_bytes(export_csv(snapshot, table, style=style, delimiter=delimiter))
            again = import_file(source, path)
            assert again.ok and not again.applied, (
                again.rejections,
                again.changes,
                again.created_organisations,
                table,
            )
        target = Store(folder / "b.json")
        for table in (ORGS, CONTACTS):
            assert import_file(target, folder / f"{table}.csv").ok
        assert content(target) == content(source)


@SETTINGS
@given(networks())
def test_json_export_then_import_is_the_identity(network) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = build(folder / "a.json", *network, extra=True)
        path = folder / "all.json"
        path.write_bytes(export_json(source.load(), "all"))
        assert not import_file(source, path).applied
        target = Store(folder / "b.json")
        assert import_file(target, path).ok
        assert content(target) == content(source)


ROW_NAMES = ["Nguyễn Văn An", "NGUYEN VAN AN", "Lê Thị Bé", "Trần Đức", "", "1234", "Ngô Ánh"]
ROW_EMAILS = [
    "",
    "an@example.org",
    "AN@example.org",
    "be@example.org",
    "chung@example.org",
    "not-an-email",
]
ROW_PHONES = ["", "0912 345 678", "+84912345678", "0987 654 321", "12"]
ORG_OF = {
    fold(n): o
    for n, o in zip(ROW_NAMES, ["Báo A", "Báo A", "Báo B", "", "", "Báo B", "Sở C"], strict=True)
}


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.sampled_from(ROW_NAMES),
            st.sampled_from(ROW_EMAILS),
            st.sampled_from(ROW_PHONES),
            st.sampled_from(["", "PV", "BTV", "=x"]),
        ),
        max_size=8,
    )
)
def test_importing_twice_is_importing_once(rows) -> None:
    """Each person keeps one organisation (a row without email or phone is matched by name
    within its organisation); everything else collides freely: shared emails, case, bad values."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Họ và tên", "Email", "SĐT", "Chức vụ", "Cơ quan"])
    for row_name, row_email, row_phone, title in rows:
        writer.writerow([row_name, row_email, row_phone, title, ORG_OF[fold(row_name)]])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "list.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        store = Store(Path(tmp) / "s.json")
        import_file(store, path)
        once = content(store)
        second = import_file(store, path)
        assert content(store) == once
        assert second.total("added") == 0 and not second.applied


HEADERS = [
    "Họ và tên",
    "Cơ quan",
    "Điện thoại",
    "Email",
    "Tỉnh/thành",
    "Vai trò",
    "Ghi chú",
    "Không liên hệ",
    "Ngày đồng ý",
    "Thẻ",
    "Zalo",
]


@SETTINGS
@given(
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6, unique=True),
    st.lists(st.lists(text, max_size=8), max_size=6),
)
def test_garbage_rows_never_crash_and_are_all_accounted_for(headers, cells) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(cells)
    data = buffer.getvalue().encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "garbage.csv"
        path.write_bytes(data)
        store = Store(Path(tmp) / "s.json")
        try:
            report = import_file(store, path)
        except LantoaError:
            return  # an unreadable file: a clear error, nothing written
        rows = csv.reader(io.StringIO(data.decode(), newline=""), delimiter=report.delimiter)
        data_rows = sum(1 for r in rows if "".join(r).strip()) - report.header_line
        assert sum(report.tables.get(CONTACTS, {}).values()) == data_rows
        assert all(isinstance(r["line"], int) and r["line"] >= 2 for r in report.rejections)


@SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes_never_crash(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random.csv"
        path.write_bytes(data)
        with contextlib.suppress(LantoaError):
            import_file(Store(Path(tmp) / "s.json"), path)


SPELLINGS = {
    "full_name": ["Họ và tên", "Họ tên", "Full name", "Name"],
    "phones": ["Số điện thoại", "SĐT", "Di động", "Mobile", "Điện thoại"],
    "emails": ["Email", "Thư điện tử", "E-mail"],
    "_org": ["Cơ quan", "Đơn vị", "Organisation", "Organization"],
    "title": ["Chức vụ", "Chức danh", "Title"],
    "role": ["Vai trò", "Role"],
    "beats": ["Lĩnh vực", "Mảng", "Beats"],
    "province_code": ["Tỉnh", "Tỉnh/thành", "Province"],
    "notes": ["Ghi chú", "Notes"],
    "tags": ["Thẻ", "Tags"],
    "do_not_contact": ["Không liên hệ", "Do not contact"],
    "consent_source": ["Nguồn đồng ý"],
    "consent_date": ["Ngày đồng ý"],
    "zalo": ["Zalo"],
}


@SETTINGS
@given(
    st.sampled_from([(f, s) for f, spellings in SPELLINGS.items() for s in spellings]),
    st.randoms(use_true_random=False),
    st.sampled_from(["", ":", " (*)", "*", " "]),
    st.booleans(),
)
def test_any_spelling_of_a_known_header_maps(
    choice, rnd: random.Random, suffix: str, strip_marks: bool
) -> None:
    field, spelling = choice
    header = fold(spelling) if strip_marks else spelling
    header = "".join(c.upper() if rnd.random() < 0.5 else c.lower() for c in header)
    header = header.replace(" ", " " * rnd.randint(1, 3)) + suffix
    assert lookup_header(header, CONTACTS) == field


@given(text)
def test_neutralising_round_trips_and_disarms(cell: str) -> None:
    out = neutralise(cell)
    assert unneutralise(out) == cell
    assert out[:1] not in FORMULA_START
    assert (
        not out.lstrip(" \t\r\n")[:1]
        or out.lstrip(" \t\r\n")[0] not in "=+-@"
        or (out.startswith("'"))
    )


@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "full_name",
                "emails",
                "phones",
                "role",
                "province_code",
                "beats",
                "tags",
                "title",
                "notes",
                "zalo",
                "do_not_contact",
                "consent_date",
                "x_unknown",
                "preferred_channel",
            ]
        ),
        text
        | email
        | phone
        | st.sampled_from(
            [
                "Phóng viên",
                "journalist",
                "Quảng Ninh",
                "22",
                "có",
                "yes",
                "2023-11-24",
                "a@b.vn; c@d.vn",
                " ",
            ]
        ),
        max_size=6,
    )
)
def test_fast_validation_matches_the_model(values: dict) -> None:
    assume(values)
    try:
        expected = {
            k: v for k, v in validate(CONTACTS, values, partial=True).items() if v is not None
        }
    except ValidationError as exc:
        expected = exc.errors
    try:
        got = Preparer().validate(CONTACTS, dict(values))
    except ValidationError as exc:
        got = exc.errors
    assert got == expected
