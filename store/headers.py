"""Column headers of contact and organisation spreadsheets, and spreadsheet-safe cells.

People keep their lists in Excel with headers in Vietnamese or English, with or without diacritics
("Họ và tên", "Ho ten", "SĐT", "Full name"). `map_headers` folds each header (case, diacritics,
punctuation) and looks it up in an alias table per table; a header that is not found is reported,
never guessed. The headers Lan Tỏa writes itself (`export_columns`) are in the same tables, in both
languages, so an export always imports back.

The export labels are a file format (both languages at once), not interface text, so they live here
rather than in the translation catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .vietnamese import fold, nfc

CONTACTS = "contacts"
ORGS = "organisations"

#: Pseudo-fields: columns that feed a field indirectly.
ORG_REF = "_org"  # a contact's organisation by name, short name or id
PHONES_NATIONAL = "_phones_national"  # the readable copy of the phones column in our exports
FAMILY, MIDDLE, GIVEN = "_family", "_middle", "_given"  # a name split over several columns
IGNORE = "_ignore"  # row numbers (STT) and our own read-only columns: dropped without a warning
#: How the pseudo-fields are named in reports.
PUBLIC_NAMES = {
    ORG_REF: "organisation",
    PHONES_NATIONAL: "phones_national",
    FAMILY: "family_name",
    MIDDLE: "middle_name",
    GIVEN: "given_name",
}

#: Fields that hold lists: several columns may feed one (Điện thoại cơ quan + Di động).
LIST_FIELDS = frozenset({"beats", "topics", "emails", "phones", "tags", PHONES_NATIONAL})

_COMMON = {
    "id": ["id", "uuid", "lantoa id", "ma id"],
    "emails": [
        "email",
        "emails",
        "e mail",
        "e mails",
        "mail",
        "thu dien tu",
        "dia chi email",
        "dia chi thu dien tu",
        "hop thu",
        "email address",
    ],
    "phones": [
        "dien thoai",
        "sdt",
        "so dien thoai",
        "so dt",
        "dt",
        "dtdd",
        "di dong",
        "dien thoai di dong",
        "dien thoai co quan",
        "dien thoai ban",
        "so di dong",
        "phone",
        "phones",
        "mobile",
        "mobile phone",
        "cell",
        "telephone",
        "tel",
        "phone number",
        "phone e164",
    ],
    PHONES_NATIONAL: ["phones national", "dien thoai trong nuoc", "phones_national"],
    "province_code": [
        "tinh",
        "tinh thanh",
        "tinh thanh pho",
        "tinh tp",
        "province",
        "province code",
        "province_code",
        "ma tinh",
        "dia phuong",
        "dia ban",
    ],
    "tags": ["the", "tags", "tag", "nhan"],
    "notes": ["ghi chu", "notes", "note", "chu thich", "comments", "comment"],
    IGNORE: [
        "stt",
        "tt",
        "so tt",
        "so thu tu",
        "no",
        "nr",
        "row",
        "created at",
        "updated at",
        "created_at",
        "updated_at",
        "ngay tao",
        "ngay cap nhat",
    ],
}

_CONTACT_ALIASES = {
    **_COMMON,
    "full_name": [
        "ho va ten",
        "ho ten",
        "ho va ten day du",
        "full name",
        "fullname",
        "full_name",
        "name",
        "ten",
        "contact name",
        "ten lien he",
        "nguoi lien he",
        "display name",
        "ten nguoi",
    ],
    FAMILY: [
        "ho",
        "ho va ten dem",
        "ho va dem",
        "ho dem",
        "family name",
        "last name",
        "lastname",
        "surname",
    ],
    MIDDLE: ["ten dem", "chu lot", "dem", "middle name"],
    GIVEN: ["first name", "firstname", "given name"],
    ORG_REF: [
        "co quan",
        "don vi",
        "co quan don vi",
        "don vi cong tac",
        "noi cong tac",
        "to chuc",
        "ten co quan",
        "ten don vi",
        "co quan bao chi",
        "bao",
        "toa soan",
        "organisation",
        "organization",
        "org",
        "org name",
        "org_name",
        "organisation name",
        "organization name",
        "company",
        "agency",
        "employer",
    ],
    "org_id": ["organisation id", "organization id", "org id", "org_id", "id co quan"],
    "title": ["chuc vu", "chuc danh", "chuc vu chuc danh", "title", "job title", "position"],
    "role": ["vai tro", "role", "contact role"],
    "beats": [
        "linh vuc",
        "mang",
        "mang phu trach",
        "linh vuc phu trach",
        "chuyen mang",
        "mang de tai",
        "beats",
        "beat",
        "topics",
        "chu de",
    ],
    "zalo": ["zalo", "so zalo", "zalo id", "tai khoan zalo"],
    "preferred_channel": [
        "kenh uu tien",
        "kenh lien he",
        "preferred channel",
        "preferred_channel",
        "channel",
    ],
    "do_not_contact": [
        "khong lien he",
        "khong lien lac",
        "do not contact",
        "do_not_contact",
        "dnc",
    ],
    "consent_source": ["nguon dong y", "consent source", "consent_source", "consent"],
    "consent_date": ["ngay dong y", "consent date", "consent_date"],
}

_ORG_ALIASES = {
    **_COMMON,
    "name": [
        "ten",
        "ten co quan",
        "ten don vi",
        "ten to chuc",
        "co quan",
        "don vi",
        "to chuc",
        "name",
        "organisation",
        "organization",
        "organisation name",
        "organization name",
        "org name",
        "ten day du",
    ],
    "short_name": [
        "ten viet tat",
        "viet tat",
        "ten ngan",
        "ten goi tat",
        "short name",
        "short_name",
        "abbreviation",
        "short",
    ],
    "name_en": ["ten tieng anh", "english name", "name en", "name_en"],
    "kind": ["loai", "loai hinh", "loai co quan", "loai don vi", "kind", "type", "nhom"],
    "region": ["vung", "vung kinh te", "region"],
    "topics": ["linh vuc", "chu de", "mang", "topics", "topic", "beats"],
    "website": [
        "website",
        "trang web",
        "web",
        "url",
        "trang thong tin dien tu",
        "cong thong tin dien tu",
        "site",
    ],
    "parent_id": [
        "co quan cap tren",
        "don vi cap tren",
        "co quan chu quan",
        "truc thuoc",
        "parent",
        "parent organisation",
        "parent organization",
        "parent id",
        "parent_id",
    ],
    "successor_id": [
        "co quan ke thua",
        "don vi ke thua",
        "ke thua",
        "successor",
        "successor organisation",
        "successor organization",
        "successor id",
        "successor_id",
    ],
    "ended": ["ngay ket thuc", "ket thuc", "ngung hoat dong", "ended", "ended on", "end date"],
}

ALIASES: dict[str, dict[str, list[str]]] = {CONTACTS: _CONTACT_ALIASES, ORGS: _ORG_ALIASES}

#: Columns that only one table has: they tell a contacts file from an organisations file.
_SIGNATURE = {
    CONTACTS: {
        "full_name",
        FAMILY,
        MIDDLE,
        GIVEN,
        ORG_REF,
        "org_id",
        "title",
        "role",
        "beats",
        "zalo",
        "preferred_channel",
        "do_not_contact",
        "consent_source",
        "consent_date",
    },
    ORGS: {
        "name",
        "short_name",
        "name_en",
        "kind",
        "region",
        "topics",
        "website",
        "parent_id",
        "successor_id",
        "ended",
    },
}
#: Aliases that mean the whole name alone, but the given name beside a family-name column.
_BARE_NAME = {"ten", "name"}


def header_key(text: str) -> str:
    """A header folded for lookup: 'Số ĐT (*)' -> 'so dt', 'Tỉnh/thành' -> 'tinh thanh'."""
    folded = fold(nfc(str(text)).replace("\ufeff", ""))
    return " ".join(re.sub(r"[^0-9a-z_]+", " ", folded).split())


def _lookup_tables() -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {}
    for table, aliases in ALIASES.items():
        lookup: dict[str, str] = {}
        for target, spellings in aliases.items():
            for spelling in spellings:
                lookup.setdefault(header_key(spelling), target)
        tables[table] = lookup
    return tables


_LOOKUP = _lookup_tables()
_PAREN = re.compile(r"\([^)]*\)")
_TRAILING_NUMBER = re.compile(r"\s*\d+$")


@lru_cache(maxsize=4096)
def lookup_header(header: str, table: str) -> str | None:
    """The field a header feeds in `table`, or None.

    Tries the whole header, then without a parenthesised remark ('Email (cơ quan)'), then without
    a trailing number ('Điện thoại 2') for list fields.
    """
    lookup = _LOOKUP[table]
    key = header_key(header)
    if not key:
        return None
    if key in lookup:
        return lookup[key]
    plain = header_key(_PAREN.sub(" ", fold(nfc(str(header)))))
    if plain in lookup:
        return lookup[plain]
    bare = _TRAILING_NUMBER.sub("", plain)
    if bare != plain and lookup.get(bare) in LIST_FIELDS:
        return lookup[bare]
    return None


@dataclass
class HeaderMap:
    """How the columns of a file feed the fields of one table."""

    table: str
    headers: list[str]
    targets: list[str | None]  # per column: field, pseudo-field, IGNORE or None (unknown)
    unknown: list[str] = field(default_factory=list)

    @property
    def mapped(self) -> dict[str, str]:
        """Header -> field, for the report (row-number columns left out)."""
        return {
            h: PUBLIC_NAMES.get(t, t)
            for h, t in zip(self.headers, self.targets, strict=True)
            if t is not None and t != IGNORE
        }

    def score(self) -> int:
        return sum(1 for t in self.targets if t in _SIGNATURE[self.table])

    def known(self) -> int:
        return sum(1 for t in self.targets if t is not None and t != IGNORE)


def map_headers(headers: list[str], table: str) -> HeaderMap:
    targets = [lookup_header(h, table) for h in headers]
    if table == CONTACTS and FAMILY in targets:
        for i, header in enumerate(headers):
            if targets[i] == "full_name" and header_key(header) in _BARE_NAME:
                targets[i] = GIVEN
    unknown = [h for h, t in zip(headers, targets, strict=True) if t is None and h.strip()]
    return HeaderMap(table, list(headers), targets, unknown)


def guess_table(headers: list[str]) -> str:
    """Contacts unless the headers look clearly like an organisations list."""
    contacts, orgs = map_headers(headers, CONTACTS), map_headers(headers, ORGS)
    return ORGS if orgs.score() > contacts.score() else CONTACTS


# -- the columns Lan Tỏa writes ---------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str  # header in --keys mode, and what the column holds
    en: str
    vi: str


CONTACT_COLUMNS = (
    Column("id", "id", "id"),
    Column("full_name", "Full name", "Họ và tên"),
    Column("org_name", "Organisation", "Cơ quan"),
    Column("org_id", "Organisation id", "Id cơ quan"),
    Column("title", "Title", "Chức vụ"),
    Column("role", "Role", "Vai trò"),
    Column("beats", "Beats", "Lĩnh vực"),
    Column("emails", "Emails", "Email"),
    Column("phones", "Phones", "Điện thoại"),
    Column("phones_national", "Phones (national)", "Điện thoại (trong nước)"),
    Column("zalo", "Zalo", "Zalo"),
    Column("preferred_channel", "Preferred channel", "Kênh ưu tiên"),
    Column("province_code", "Province", "Tỉnh/thành"),
    Column("tags", "Tags", "Thẻ"),
    Column("notes", "Notes", "Ghi chú"),
    Column("do_not_contact", "Do not contact", "Không liên hệ"),
    Column("consent_source", "Consent source", "Nguồn đồng ý"),
    Column("consent_date", "Consent date", "Ngày đồng ý"),
)

ORG_COLUMNS = (
    Column("id", "id", "id"),
    Column("name", "Name", "Tên cơ quan"),
    Column("short_name", "Short name", "Tên viết tắt"),
    Column("name_en", "English name", "Tên tiếng Anh"),
    Column("kind", "Kind", "Loại"),
    Column("province_code", "Province", "Tỉnh/thành"),
    Column("region", "Region", "Vùng"),
    Column("topics", "Topics", "Lĩnh vực"),
    Column("website", "Website", "Trang web"),
    Column("emails", "Emails", "Email"),
    Column("phones", "Phones", "Điện thoại"),
    Column("phones_national", "Phones (national)", "Điện thoại (trong nước)"),
    Column("tags", "Tags", "Thẻ"),
    Column("notes", "Notes", "Ghi chú"),
    Column("parent_id", "Parent organisation", "Cơ quan cấp trên"),
    Column("successor_id", "Successor organisation", "Cơ quan kế thừa"),
    Column("ended", "Ended on", "Ngày kết thúc"),
)

EXPORT_COLUMNS = {CONTACTS: CONTACT_COLUMNS, ORGS: ORG_COLUMNS}


def export_headers(table: str, style: str) -> list[str]:
    """Header row of an export: 'en' or 'vi' labels, or 'keys' (field names, for scripts)."""
    columns = EXPORT_COLUMNS[table]
    if style == "keys":
        return [c.key for c in columns]
    return [c.vi if style == "vi" else c.en for c in columns]


# -- formula neutralisation ---------------------------------------------------------------------

#: A cell starting with one of these runs as a formula in Excel/LibreOffice (CSV injection).
FORMULA_START = frozenset("=+-@\t\r\n＝＋－＠")


def needs_neutralising(cell: str) -> bool:
    if not cell:
        return False
    first = cell[0]
    if first in FORMULA_START or first == "'":
        return True
    stripped = cell.lstrip(" \t\r\n")
    return bool(stripped) and stripped[0] in FORMULA_START


def neutralise(cell: str) -> str:
    """Prefix a cell a spreadsheet would run as a formula with a single quote.

    A cell that already starts with a quote gets one too, so that `unneutralise` can always strip
    exactly one: `unneutralise(neutralise(x)) == x` for every text.
    """
    return "'" + cell if needs_neutralising(cell) else cell


def unneutralise(cell: str) -> str:
    """Undo `neutralise`: a leading quote before formula-like text is ours; drop it."""
    if cell[:1] == "'" and needs_neutralising(cell[1:]):
        return cell[1:]
    return cell
