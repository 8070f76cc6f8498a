"""Organisations and contacts: find, list, add, edit, delete, merge; each change one transaction.

Listing works on a `Snapshot` (no lock); each change re-reads the store under the lock, validates,
and writes once, so two processes never overwrite each other's change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from .db import Snapshot, Store, Transaction
from .errors import AmbiguousError, NotFoundError, ValidationError
from .i18n import N_, _
from .model import ORG_KINDS, ROLES, enum_value, validate
from .records import public_view
from .reference import find_province, find_region, provinces, unknown_region
from .validate import InvalidValue, national_phone
from .vietnamese import Matcher, fold, match_key, name_sort_key, nfc, text_sort_key

ORGS = "organisations"
CONTACTS = "contacts"
#: The field a person names a record by, per table (resolve() accepts it as a reference).
NAME_FIELD = {ORGS: "name", CONTACTS: "full_name", "messages": "title"}
_WHAT = {ORGS: N_("organisation"), CONTACTS: N_("contact"), "messages": N_("message")}
_LIST_COMMAND = {ORGS: "orgs", CONTACTS: "contacts", "messages": "messages"}
MIN_PREFIX = 4

Source = Snapshot | Transaction


# -- finding records -----------------------------------------------------------------------


def _word_matches(records: list[dict], name_field: str, wanted: str) -> list[dict]:
    """Records whose name contains the folded words of `wanted` as whole words, in order.

    The last resort of `resolve`, so that `lantoa messages check "doanh thu"` finds "Doanh thu
    ngành năm 2022" when it is the only one; several matches are an AmbiguousError, never a guess.
    """
    words = wanted.split()
    if not words:
        return []
    pattern = re.compile(r"(?:^| )" + re.escape(" ".join(words)) + r"(?: |$)")
    return [r for r in records if pattern.search(match_key(r.get(name_field, "")))]


def resolve(source: Source, table: str, ref: str) -> dict:
    """A live record by id, unambiguous id prefix, exact name, or unique words of its name
    (diacritics optional)."""
    return _resolve_among(source.live(table), table, ref)


def resolve_deleted(source: Source, table: str, ref: str) -> dict:
    """A deleted record (a tombstone) by id, id prefix or name, to bring it back."""
    deleted = [r for r in source.by_id(table).values() if r.get("deleted")]
    try:
        return _resolve_among(deleted, table, ref)
    except NotFoundError:
        raise NotFoundError(
            _("No deleted {what} matches {ref!r}.", what=_(_WHAT[table]), ref=ref)
        ) from None


def _resolve_among(records: list[dict], table: str, ref: str) -> dict:
    ref = nfc(str(ref).strip())
    if not ref:
        raise NotFoundError(_("Give an id, an id prefix or a name."))
    by_id = {r["id"]: r for r in records}
    if ref in by_id:
        return by_id[ref]
    candidates: list[dict] = []
    if len(ref) >= MIN_PREFIX:
        candidates = [r for r in records if r["id"].startswith(ref.lower())]
    if not candidates:
        name_field = NAME_FIELD[table]
        candidates = [r for r in records if r.get(name_field) == ref]
        if not candidates and table == ORGS:
            candidates = [r for r in records if r.get("short_name") == ref]
        if not candidates:
            wanted = fold(ref)
            candidates = [r for r in records if fold(r.get(name_field, "")) == wanted]
            if not candidates and table == ORGS:
                candidates = [r for r in records if fold(r.get("short_name", "")) == wanted]
            if not candidates:
                candidates = _word_matches(records, name_field, wanted)
    what = _(_WHAT[table])
    if not candidates:
        raise NotFoundError(
            _(
                "No {what} matches {ref!r}. Find its id with `lantoa {cmd} list --search ...`.",
                what=what,
                ref=ref,
                cmd=_LIST_COMMAND.get(table, table),
            )
        )
    if len(candidates) > 1:
        shown = candidates[:_CANDIDATES_SHOWN]
        names = "; ".join(f"{r['id'][:8]} {r.get(NAME_FIELD[table], '')}" for r in shown)
        if len(candidates) > len(shown):
            names = _("the first {shown}: {names}", shown=len(shown), names=names)
        raise AmbiguousError(
            _(
                "{ref!r} matches {n} records: {names}. Use a longer id or more of the name.",
                ref=ref,
                n=len(candidates),
                names=names,
            ),
            candidates,
        )
    return candidates[0]


#: How many candidates an ambiguous reference lists.
_CANDIDATES_SHOWN = 10


# -- views -----------------------------------------------------------------------------------


def org_view(org: dict) -> dict:
    """An organisation as scripts see it (`--json`)."""
    view = public_view(org)
    code = org.get("province_code")
    if code and code in provinces():
        view["province"] = provinces()[code].name
    return view


#: Keys of a contact view (`contacts list --json`), always present, in this order; fields the
#: app does not know follow them unchanged.
CONTACT_VIEW_KEYS = (
    "id",
    "full_name",
    "title",
    "role",
    "org_id",
    "org_name",
    "org_kind",
    "province_code",
    "province",
    "region",
    "beats",
    "emails",
    "phones",
    "zalo",
    "preferred_channel",
    "tags",
    "notes",
    "do_not_contact",
    "consent_source",
    "consent_date",
    "created_at",
    "updated_at",
)
_VIEW_DEFAULTS: dict[str, Any] = {k: None for k in CONTACT_VIEW_KEYS} | {
    "beats": [],
    "emails": [],
    "phones": [],
    "tags": [],
    "do_not_contact": False,
}


def contact_view(contact: dict, orgs: dict[str, dict]) -> dict:
    """A contact as scripts see it: every documented key, its organisation and region."""
    return contact_views([contact], orgs)[0]


@cache
def _places() -> dict[str, tuple[str, str]]:
    """Province code -> (name, region) for contact views (the reference data never changes)."""
    return {code: (p.name, p.region_vi) for code, p in provinces().items()}


def contact_views(contacts: Iterable[dict], orgs: dict[str, dict]) -> list[dict]:
    """`contact_view` of many contacts: the hot path of `contacts list --json`, so the parts that
    come from an organisation are worked out once per organisation, not once per contact."""
    places = _places()
    defaults = _VIEW_DEFAULTS
    from_org: dict[Any, tuple] = {}
    views = []
    append = views.append
    for contact in contacts:
        view = defaults | contact
        view.pop("_clock", None)
        if "deleted" in contact or "deleted_at" in contact:
            view.pop("deleted", None)
            view.pop("deleted_at", None)
        org_id = contact.get("org_id")
        parts = from_org.get(org_id)
        if parts is None:
            parts = from_org[org_id] = _org_parts(orgs.get(org_id or ""), places)
        org, code, place = parts
        if org is not None:
            view["org_name"] = org.get("name")
            view["org_kind"] = org.get("kind")
        own_code = contact.get("province_code")
        if own_code:
            code, place = own_code, places.get(own_code)
        view["province_code"] = code
        if place:
            view["province"], view["region"] = place
        elif org:
            view["region"] = org.get("region")
        append(view)
    return views


def _org_parts(org: dict | None, places: dict) -> tuple[dict | None, str | None, tuple | None]:
    """(organisation, its province code, that province's (name, region)) for contact views."""
    code = org.get("province_code") if org else None
    return org, code, places.get(code) if code else None


def contact_province(contact: dict, org: dict | None) -> str | None:
    """A contact's own province, else its organisation's."""
    return contact.get("province_code") or (org or {}).get("province_code")


@dataclass(slots=True)
class ContactEntry:
    """A contact prepared for sorting and filtering (built once per store version)."""

    record: dict
    org: dict | None
    sort_key: tuple
    province_code: str | None
    region: str | None
    folded: str = ""
    lowered: str = ""
    beats_folded: list[str] = field(default_factory=list)
    tags_folded: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.record["id"]


#: Between the fields of a search haystack; the full name comes first.
_FIELD_SEPARATOR = " \x1f "


def _haystack_parts(contact: dict, org: dict | None, province_code: str | None) -> list[str]:
    parts = [contact.get("full_name", ""), contact.get("title", "")]
    if org:
        parts += [org.get("name", ""), org.get("short_name", "")]
    if province_code in provinces():
        parts.append(provinces()[province_code].name)
    parts += contact.get("beats") or []
    parts += contact.get("emails") or []
    for phone in contact.get("phones") or []:
        parts += [phone, national_phone(phone).replace(" ", "")]
    if contact.get("zalo"):
        parts.append(contact["zalo"])
    return parts


class ContactIndex:
    """Every live contact of a snapshot, keyed once, filtered many times.

    Search text is folded lazily, on the first filter that needs it, so listing everything
    (`contacts list --json`) pays only for the sort keys.
    """

    def __init__(self, snapshot: Source) -> None:
        self.orgs = {o["id"]: o for o in snapshot.by_id(ORGS).values()}
        table = provinces()
        entries = []
        for contact in snapshot.live(CONTACTS):
            org = self.orgs.get(contact.get("org_id") or "")
            code = contact.get("province_code") or (org.get("province_code") if org else None)
            province = table.get(code) if code else None
            region = province.region_vi if province else (org.get("region") if org else None)
            entries.append(
                ContactEntry(
                    contact, org, name_sort_key(contact.get("full_name", "")), code, region
                )
            )
        entries.sort(key=lambda e: e.sort_key)
        self.entries = entries
        self._prepared = False

    def __len__(self) -> int:
        return len(self.entries)

    def prepare(self) -> None:
        """Fold every entry's search text (done once; the TUI may call it in a worker)."""
        if self._prepared:
            return
        for entry in self.entries:
            contact = entry.record
            text = _FIELD_SEPARATOR.join(
                p for p in _haystack_parts(contact, entry.org, entry.province_code) if p
            )
            entry.folded = fold(text)
            entry.lowered = text.lower()
            entry.beats_folded = [fold(b) for b in contact.get("beats") or []]
            entry.tags_folded = [fold(t) for t in contact.get("tags") or []]
        self._prepared = True

    def filter(self, criteria: ContactFilter) -> list[ContactEntry]:
        """Matching entries in directory order, ranked by `rank_matches`: "nguyen van an"
        finds Nguyễn Văn An before Nguyễn Hữu An of the Văn phòng."""
        matcher = Matcher(criteria.search or "")
        if matcher or criteria.beat or criteria.tag:
            self.prepare()
        matched = [
            entry
            for entry in self.entries
            if criteria.accepts(entry) and (not matcher or matcher.matches(entry.folded))
        ]
        return rank_matches(matched, matcher)


def _whole(text: str) -> re.Pattern[str]:
    """`text` as whole words: not inside a longer word ("can tho" is not in "cand … thong")."""
    return re.compile(r"(?<![0-9a-z])" + re.escape(text) + r"(?![0-9a-z])")


def rank_matches(matched: list[ContactEntry], matcher: Matcher) -> list[ContactEntry]:
    """Search results (in directory order) ranked: people whose name is the query, then those
    whose name holds it as whole words, then those with the query as whole words in another
    field (their organisation, province, title…), then those with each word of it whole
    somewhere, then the rest (parts of words: an email, a longer word). Within each, a query
    typed with diacritics puts exact matches first. The order is otherwise kept (stable)."""
    query = " ".join(matcher.tokens)
    if not query:
        return matched
    phrase = f" {query} "
    whole_phrase = _whole(query)
    whole_tokens = [_whole(token) for token in dict.fromkeys(matcher.tokens)]
    buckets: list[list[ContactEntry]] = [[] for _ in range(10)]
    for entry in matched:
        folded = entry.folded
        name = folded.partition(_FIELD_SEPARATOR)[0]
        if name == query:
            rank = 0
        elif phrase in f" {name} ":
            rank = 2
        elif whole_phrase.search(folded):
            rank = 4
        elif all(token.search(folded) for token in whole_tokens):
            rank = 6
        else:
            rank = 8
        if matcher.exact_tokens and not matcher.is_exact(entry.lowered):
            rank += 1
        buckets[rank].append(entry)
    return [entry for bucket in buckets for entry in bucket]


@dataclass
class ContactFilter:
    """Criteria that combine (all must hold). Values are already resolved to stored forms."""

    search: str | None = None
    kind: str | None = None
    org_id: str | None = None
    province_code: str | None = None
    region: str | None = None
    beat: str | None = None
    role: str | None = None
    tag: str | None = None
    ids: set[str] | None = None

    def accepts(self, entry: ContactEntry) -> bool:
        record = entry.record
        if self.ids is not None and entry.id not in self.ids:
            return False
        if self.kind and (entry.org or {}).get("kind") != self.kind:
            return False
        if self.org_id and record.get("org_id") != self.org_id:
            return False
        if self.province_code and entry.province_code != self.province_code:
            return False
        if self.region and entry.region != self.region:
            return False
        if self.role and record.get("role") != self.role:
            return False
        if self.beat:
            wanted = fold(self.beat)
            if not any(wanted in b for b in entry.beats_folded):
                return False
        return not (self.tag and fold(self.tag) not in entry.tags_folded)

    def is_empty(self) -> bool:
        return not any(
            (
                self.search,
                self.kind,
                self.org_id,
                self.province_code,
                self.region,
                self.beat,
                self.role,
                self.tag,
                self.ids is not None,
            )
        )


def build_filter(
    source: Source,
    *,
    search: str | None = None,
    kind: str | None = None,
    org: str | None = None,
    province: str | None = None,
    region: str | None = None,
    beat: str | None = None,
    role: str | None = None,
    tag: str | None = None,
) -> ContactFilter:
    """Turn what a person typed into a filter; bad values raise ValidationError."""
    errors: list[tuple[str, str]] = []
    criteria = ContactFilter(search=search or None, beat=beat or None, tag=tag or None)
    if kind:
        try:
            criteria.kind = enum_value(kind, ORG_KINDS, _("kind"))
        except InvalidValue as exc:
            errors.append(("kind", str(exc)))
    if role:
        try:
            criteria.role = enum_value(role, ROLES, _("role"))
        except InvalidValue as exc:
            errors.append(("role", str(exc)))
    if province:
        found = find_province(province)
        if found is None:
            errors.append(
                (
                    "province",
                    _(
                        "unknown province {value!r}; give its name (Quảng Ninh) or GSO code (22)",
                        value=province,
                    ),
                )
            )
        else:
            criteria.province_code = found.code
    if region:
        found_region = find_region(region)
        if found_region is None:
            errors.append(("region", unknown_region(region)))
        criteria.region = found_region
    if errors:
        raise ValidationError(errors)
    if org:
        criteria.org_id = resolve(source, ORGS, org)["id"]
    return criteria


def list_contacts(snapshot: Snapshot, criteria: ContactFilter | None = None) -> list[dict]:
    """Contact views in directory order."""
    orgs = snapshot.by_id(ORGS)
    if criteria is None or criteria.is_empty():
        people = sorted(
            snapshot.live(CONTACTS), key=lambda c: name_sort_key(c.get("full_name", ""))
        )
        return contact_views(people, orgs)
    index = ContactIndex(snapshot)
    return contact_views((e.record for e in index.filter(criteria)), orgs)


def org_sort_key(org: dict) -> tuple:
    kinds = list(ORG_KINDS)
    kind = org.get("kind", "other")
    return (kinds.index(kind) if kind in kinds else len(kinds), text_sort_key(org.get("name", "")))


def list_orgs(
    snapshot: Snapshot,
    *,
    search: str | None = None,
    kind: str | None = None,
    province: str | None = None,
    region: str | None = None,
    include_ended: bool = False,
) -> list[dict]:
    errors: list[tuple[str, str]] = []
    kind_key = province_code = region_name = None
    if kind:
        try:
            kind_key = enum_value(kind, ORG_KINDS, _("kind"))
        except InvalidValue as exc:
            errors.append(("kind", str(exc)))
    if province:
        found = find_province(province)
        if found is None:
            errors.append(
                (
                    "province",
                    _(
                        "unknown province {value!r}; give its name (Quảng Ninh) or GSO code (22)",
                        value=province,
                    ),
                )
            )
        else:
            province_code = found.code
    if region:
        region_name = find_region(region)
        if region_name is None:
            errors.append(("region", unknown_region(region)))
    if errors:
        raise ValidationError(errors)
    matcher = Matcher(search or "")
    out = []
    for org in snapshot.live(ORGS):
        if org.get("ended") and not include_ended:
            continue
        if kind_key and org.get("kind") != kind_key:
            continue
        if province_code and org.get("province_code") != province_code:
            continue
        if region_name and org.get("region") != region_name:
            continue
        if matcher:
            hay = " ".join(
                [org.get("name", ""), org.get("short_name", ""), org.get("name_en", "")]
                + (org.get("topics") or [])
            )
            if not matcher.matches(fold(hay)):
                continue
        out.append(org)
    out.sort(key=org_sort_key)
    return [org_view(o) for o in out]


def members(snapshot: Snapshot, org_id: str) -> list[dict]:
    """The live contacts of an organisation, in directory order."""
    people = [c for c in snapshot.live(CONTACTS) if c.get("org_id") == org_id]
    return sorted(people, key=lambda c: name_sort_key(c.get("full_name", "")))


# -- changes ---------------------------------------------------------------------------------


def _resolve_refs(tx: Transaction, values: dict[str, Any], ref_fields: Iterable[str]) -> None:
    errors: list[tuple[str, str]] = []
    for name in ref_fields:
        ref = values.get(name)
        if ref:
            try:
                values[name] = resolve(tx, ORGS, ref)["id"]
            except (NotFoundError, AmbiguousError) as exc:
                errors.append((name, str(exc)))
    if errors:
        raise ValidationError(errors)


def duplicates_of(source: Source, values: dict[str, Any], exclude_id: str | None = None) -> list:
    """Live contacts that share an email or phone with `values` (a warning, not a refusal)."""
    emails = {e.lower() for e in values.get("emails") or []}
    phones = set(values.get("phones") or [])
    if not emails and not phones:
        return []
    found = []
    for contact in source.live(CONTACTS):
        if contact["id"] == exclude_id:
            continue
        if emails & {e.lower() for e in contact.get("emails") or []} or phones & set(
            contact.get("phones") or []
        ):
            found.append(contact)
    return found


def same_name_in_org(source: Source, values: dict[str, Any]) -> list[dict]:
    """Live contacts with the same name (case and diacritics aside) in the same organisation."""
    name = match_key(values.get("full_name") or "")
    org_id = values.get("org_id")
    return [
        c
        for c in source.live(CONTACTS)
        if c.get("org_id") == org_id and match_key(c.get("full_name") or "") == name
    ]


def add_contact(store: Store, values: dict[str, Any]) -> tuple[dict, list[str]]:
    """Add a contact; returns the record and warnings (e.g. a shared email with someone)."""
    clean = validate(CONTACTS, values)
    with store.transaction() as tx:
        _resolve_refs(tx, clean, ["org_id"])
        shared = duplicates_of(tx, clean)
        namesakes = same_name_in_org(tx, clean)
        record = tx.insert(CONTACTS, clean)
    warnings = [_("{name} has the same email or phone", name=c.get("full_name")) for c in shared]
    warnings += [
        _(
            "{name} ({id}) with the same name is already in this organisation; if it is the "
            "same person, delete this one (`lantoa contacts rm {new}`) and edit the other",
            name=c.get("full_name"),
            id=c["id"][:8],
            new=record["id"][:8],
        )
        for c in namesakes
    ]
    return record, warnings


def edit_contact(store: Store, ref: str, changes: dict[str, Any]) -> dict:
    clean = validate(CONTACTS, changes, partial=True)
    with store.transaction() as tx:
        current = resolve(tx, CONTACTS, ref)
        _resolve_refs(tx, clean, ["org_id"])
        return tx.update(CONTACTS, current["id"], clean)


def remove_contact(store: Store, ref: str) -> dict:
    with store.transaction() as tx:
        current = resolve(tx, CONTACTS, ref)
        return tx.delete(CONTACTS, current["id"])


def restore_record(store: Store, table: str, record_id: str) -> dict:
    """Bring back a tombstoned record (undo of a delete)."""
    with store.transaction() as tx:
        return tx.restore(table, record_id)


def add_org(store: Store, values: dict[str, Any]) -> dict:
    clean = validate(ORGS, values)
    with store.transaction() as tx:
        _resolve_refs(tx, clean, ["parent_id", "successor_id"])
        return tx.insert(ORGS, clean)


def edit_org(store: Store, ref: str, changes: dict[str, Any]) -> dict:
    clean = validate(ORGS, changes, partial=True)
    with store.transaction() as tx:
        current = resolve(tx, ORGS, ref)
        _resolve_refs(tx, clean, ["parent_id", "successor_id"])
        if current["id"] in (clean.get("parent_id"), clean.get("successor_id")):
            raise ValidationError([("parent_id", _("an organisation cannot point to itself"))])
        return tx.update(ORGS, current["id"], clean)


def remove_org(store: Store, ref: str, force: bool = False) -> tuple[dict, int]:
    """Tombstone an organisation; refuses while people belong to it unless `force`, which
    leaves them without an organisation (as it says): listings, searches and outreach must not
    keep placing people under an organisation that is gone."""
    with store.transaction() as tx:
        current = resolve(tx, ORGS, ref)
        people = [c for c in tx.live(CONTACTS) if c.get("org_id") == current["id"]]
        if people and not force:
            raise ValidationError(
                [
                    (
                        "org",
                        _(
                            "{n} contacts belong to {name}; move them first "
                            "(`lantoa orgs merge`) or pass --force",
                            n=len(people),
                            name=current.get("name"),
                        ),
                    )
                ]
            )
        for person in people:
            tx.update(CONTACTS, person["id"], {"org_id": None})
        return tx.delete(ORGS, current["id"]), len(people)


def merge_orgs(store: Store, source_ref: str, target_ref: str) -> tuple[dict, int]:
    """Merge one organisation into another (a 2025 reorganisation, a duplicate).

    Its people move to the target, its topics and tags join the target's, and it stays in the
    store as history: ended today, with the target as its successor.
    """
    with store.transaction() as tx:
        source = resolve(tx, ORGS, source_ref)
        target = resolve(tx, ORGS, target_ref)
        if source["id"] == target["id"]:
            raise ValidationError([("org", _("cannot merge an organisation into itself"))])
        moved = 0
        for contact in tx.live(CONTACTS):
            if contact.get("org_id") == source["id"]:
                tx.update(CONTACTS, contact["id"], {"org_id": target["id"]})
                moved += 1
        union: dict[str, Any] = {}
        for key in ("topics", "tags"):
            merged = list(target.get(key) or [])
            merged += [v for v in source.get(key) or [] if v not in merged]
            if merged != (target.get(key) or []):
                union[key] = merged
        if union:
            tx.update(ORGS, target["id"], union)
        changes = {"successor_id": target["id"]}
        if not source.get("ended"):
            changes["ended"] = date.today().isoformat()
        updated = tx.update(ORGS, source["id"], changes)
    return updated, moved
