"""Planning an import against the store: matching rows to records, and the minimal changes.

The planner works on a snapshot or a transaction (both offer `by_id`) and never changes it: it
keeps its own working view of the records it has planned, with indexes (email, phone, name,
organisation name) built once and kept up to date row by row, so a 10,000-row import is linear.
`apply` then replays the planned operations on a transaction: one write for the whole import.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .db import Transaction
from .errors import ValidationError
from .headers import CONTACTS, ORGS
from .i18n import _
from .importer import ImportReport, Prepared
from .model import validate
from .records import is_live, new_id
from .vietnamese import fold, nfc

MIN_ID_PREFIX = 8
_REF_FIELDS = ("parent_id", "successor_id")


def _key(text: str) -> str:
    return fold(" ".join(nfc(text).split()))


class OrgIndex:
    """Organisations by id, name and short name (exact, then diacritic-free)."""

    def __init__(self, records: dict[str, dict]) -> None:
        self.records = records
        self.names: dict[str, set[str]] = defaultdict(set)
        self.shorts: dict[str, set[str]] = defaultdict(set)
        self.deleted_names: dict[str, str] = {}
        self._found: dict[str, list[str]] = {}  # answers of find(), until the next change
        for org in records.values():
            self.add(org)

    def add(self, org: dict) -> None:
        self._found.clear()
        if not is_live(org):
            if org.get("name"):
                self.deleted_names.setdefault(_key(org["name"]), org["id"])
            return
        if org.get("name"):
            self.names[_key(org["name"])].add(org["id"])
        if org.get("short_name"):
            self.shorts[_key(org["short_name"])].add(org["id"])

    def forget(self, org: dict) -> None:
        self._found.clear()
        self.names.get(_key(org.get("name") or ""), set()).discard(org["id"])
        self.shorts.get(_key(org.get("short_name") or ""), set()).discard(org["id"])

    def live(self, ids: set[str]) -> list[str]:
        return sorted(i for i in ids if is_live(self.records[i]))

    def by_name(self, name: str) -> list[str]:
        return self.live(self.names.get(_key(name), set()))

    def find(self, ref: str) -> list[str]:
        """Live organisations a reference names: an id, an id prefix, a name or a short name."""
        found = self._found.get(ref)
        if found is None:
            found = self._found[ref] = self._find(ref)
        return list(found)

    def _find(self, ref: str) -> list[str]:
        ref = nfc(ref.strip())
        lowered = ref.lower()
        record = self.records.get(lowered)
        if record is not None:
            return [lowered] if is_live(record) else []
        exact = [i for i in self.by_name(ref) if nfc(self.records[i].get("name", "")) == ref]
        if exact:
            return exact
        for ids in (self.names.get(_key(ref)), self.shorts.get(_key(ref))):
            found = self.live(ids or set())
            if found:
                return found
        if len(ref) >= MIN_ID_PREFIX and all(c in "0123456789abcdef-" for c in lowered):
            return sorted(i for i, r in self.records.items()
                          if i.startswith(lowered) and is_live(r))
        return []

    def describe(self, ids: list[str]) -> str:
        return "; ".join(f"{i[:8]} {self.records[i].get('name', '')}" for i in ids[:5])


class Planner:
    """Turns prepared rows into operations, filling the report as it goes."""

    def __init__(self, source: Any, report: ImportReport, *, create_orgs: bool = True) -> None:
        self.source = source
        self.report = report
        self.create_orgs = create_orgs
        self.ops: list[tuple] = []
        self.records: dict[str, dict[str, dict]] = {ORGS: dict(source.by_id(ORGS))}
        self.orgs = OrgIndex(self.records[ORGS])
        self.created: dict[str, str] = {}  # folded name -> id of organisations made by this import
        self.defaulted_kind = 0
        self._contacts_ready = False

    # -- shared ---------------------------------------------------------------------------------

    def _insert(self, table: str, prep: Prepared, fields: dict[str, Any]) -> dict:
        record_id = prep.row_id or new_id()
        record = {"id": record_id, **fields}
        self.records[table][record_id] = record
        self.ops.append(("insert", table, record_id, fields, prep.created_at))
        self.report.change(table, prep.row, "added", record_id, prep.label or _label(record),
                           sorted(fields))
        return record

    def _update(self, table: str, prep: Prepared, current: dict, wanted: dict[str, Any]) -> dict:
        changes = {k: v for k, v in wanted.items() if current.get(k) != v}
        name = _label({**current, **wanted})
        if not changes:
            self.report.count(table, "unchanged")
            return current
        updated = {**current, **changes}
        self.records[table][current["id"]] = updated
        self.ops.append(("update", table, current["id"], changes))
        self.report.change(table, prep.row, "updated", current["id"], name, sorted(changes))
        return updated

    def finish(self) -> None:
        if self.defaulted_kind:
            self.report.warnings.append(_(
                "{n} new organisations had no kind; they were given the kind \"other\" "
                "(change it with `lantoa orgs edit ID --kind ...`).", n=self.defaulted_kind))

    def apply(self, tx: Transaction) -> None:
        for op in self.ops:
            if op[0] == "insert":
                _kind, table, record_id, fields, created_at = op
                record = tx.insert(table, fields, record_id=record_id)
                if created_at:
                    record["created_at"] = created_at
            else:
                _kind, table, record_id, changes = op
                tx.update(table, record_id, changes)

    def plan_batch(self, table: str, rows: list[Prepared]) -> None:
        if table == ORGS:
            self._plan_orgs(rows)
        else:
            self._plan_contacts(rows)

    # -- organisations --------------------------------------------------------------------------

    def _plan_orgs(self, rows: list[Prepared]) -> None:
        later: set[str] = set()  # what rows of this file could be referred to by
        for prep in rows:
            later.update(k for k in (prep.row_id, _key(prep.clean.get("name") or ""),
                                     _key(prep.clean.get("short_name") or "")) if k)
        deferred: list[tuple[Prepared, str, str, str]] = []
        for prep in rows:
            clean = dict(prep.clean)
            refs = {f: clean.pop(f) for f in _REF_FIELDS if f in clean}
            target = self._match_org(prep, clean)
            if target is False:
                continue
            waiting: list[tuple[str, str]] = []
            problem = None
            for ref_field, ref in refs.items():
                found = self.orgs.find(ref)
                if len(found) == 1:
                    if target and found[0] == target["id"]:
                        problem = _("an organisation cannot point to itself")
                    clean[ref_field] = found[0]
                elif len(found) > 1:
                    problem = _("{ref!r} matches several organisations: {names}; use the id",
                                ref=ref, names=self.orgs.describe(found))
                elif ref.lower() in later or _key(ref) in later:
                    waiting.append((ref_field, ref))
                else:
                    problem = _("no organisation matches {ref!r}", ref=ref)
            if problem:
                self.report.reject(ORGS, prep.row, problem, prep.label)
                continue
            if target is None:
                if not clean.get("name"):
                    self.report.reject(ORGS, prep.row, _("Name is required for a new "
                                                         "organisation"), prep.label)
                    continue
                if not clean.get("kind"):
                    clean["kind"] = "other"
                    self.defaulted_kind += 1
                record = self._insert(ORGS, prep, clean)
                self.orgs.add(record)
            else:
                self.orgs.forget(target)
                record = self._update(ORGS, prep, target, clean)
                self.orgs.add(record)
            deferred += [(prep, record["id"], f, ref) for f, ref in waiting]
        for prep, org_id, ref_field, ref in deferred:
            found = self.orgs.find(ref)
            if len(found) == 1 and found[0] != org_id:
                current = self.records[ORGS][org_id]
                if current.get(ref_field) != found[0]:
                    self.records[ORGS][org_id] = {**current, ref_field: found[0]}
                    self.ops.append(("update", ORGS, org_id, {ref_field: found[0]}))
            else:
                self.report.warnings.append(_("{where}: {ref!r} was not imported, so {name} was "
                                              "left without it", where=prep.row.where(), ref=ref,
                                              name=prep.label))

    def _match_org(self, prep: Prepared, clean: dict) -> dict | bool | None:
        """The organisation a row updates, None for a new one, False when reported already."""
        if prep.row_id and prep.row_id in self.records[ORGS]:
            current = self.records[ORGS][prep.row_id]
            if is_live(current):
                return current
            self._skip_deleted(ORGS, prep, current)
            return False
        if clean.get("name"):
            found = self.orgs.by_name(clean["name"])
            if len(found) == 1:
                return self.records[ORGS][found[0]]
            if len(found) > 1:
                self.report.reject(ORGS, prep.row, _(
                    "the name matches several organisations ({names}); add their id column",
                    names=self.orgs.describe(found)), prep.label)
                return False
            deleted = self.orgs.deleted_names.get(_key(clean["name"]))
            if deleted and not prep.row_id:
                self._skip_deleted(ORGS, prep, self.records[ORGS][deleted])
                return False
        return None

    def _skip_deleted(self, table: str, prep: Prepared, record: dict) -> None:
        self.report.skip(table, prep.row, record["id"], prep.label or _label(record), _(
            "it was deleted in this store; imports never bring records back"))

    # -- contacts -------------------------------------------------------------------------------

    def _contacts(self) -> dict[str, dict]:
        if not self._contacts_ready:
            self.records[CONTACTS] = dict(self.source.by_id(CONTACTS))
            self.by_email: dict[str, set[str]] = defaultdict(set)
            self.by_phone: dict[str, set[str]] = defaultdict(set)
            self.by_name: dict[tuple[str, str], set[str]] | None = None
            self.folded: dict[str, str] = {}
            for record in self.records[CONTACTS].values():
                self._index_keys(record, add=True)
            self._contacts_ready = True
        return self.records[CONTACTS]

    def _index_keys(self, record: dict, add: bool) -> None:
        rid = record["id"]
        for email in record.get("emails") or []:
            bucket = self.by_email[email.lower()]
            bucket.add(rid) if add else bucket.discard(rid)
        for phone in record.get("phones") or []:
            bucket = self.by_phone[phone]
            bucket.add(rid) if add else bucket.discard(rid)
        if self.by_name is not None:
            bucket = self.by_name[(self._fold(record), record.get("org_id") or "")]
            bucket.add(rid) if add else bucket.discard(rid)

    def _fold(self, record: dict) -> str:
        rid = record["id"]
        if rid not in self.folded:
            self.folded[rid] = _key(record.get("full_name") or "")
        return self.folded[rid]

    def _names(self) -> dict[tuple[str, str], set[str]]:
        if self.by_name is None:
            self.by_name = defaultdict(set)
            for record in self.records[CONTACTS].values():
                self.by_name[(self._fold(record), record.get("org_id") or "")].add(record["id"])
        return self.by_name

    def _plan_contacts(self, rows: list[Prepared]) -> None:
        contacts = self._contacts()
        for prep in rows:
            clean = dict(prep.clean)
            org = self._find_org(prep)
            if org[0] == "reject":
                self.report.reject(CONTACTS, prep.row, org[1], prep.label)
                continue
            if org[0] == "found":
                clean["org_id"] = org[1]
            target, sharers = self._match_contact(prep, clean, org)
            if target is False:
                continue
            if prep.from_view and clean.get("province_code"):
                org_record = self.records[ORGS].get(clean.get("org_id") or "")
                if org_record and org_record.get("province_code") == clean["province_code"]:
                    del clean["province_code"]  # the view shows the organisation's province
            if target is None and not clean.get("full_name"):
                self.report.reject(CONTACTS, prep.row, _(
                    "Full name is required: no contact in the store has this row's id, email or "
                    "phone"), prep.label)
                continue
            if org[0] == "create":
                made = self._create_org(prep, org[1])
                if made is None:
                    continue
                clean["org_id"] = made
            if target is None:
                record = self._insert(CONTACTS, prep, clean)
                self.folded.pop(record["id"], None)
                self._index_keys(record, add=True)
                for other in sharers[:3]:
                    self.report.warnings.append(_(
                        "{where}: {name} shares an email or phone with {other} ({id}); added as "
                        "a separate contact", where=prep.row.where(), name=prep.label,
                        other=contacts[other].get("full_name", ""), id=other[:8]))
            else:
                self._index_keys(target, add=False)
                self.folded.pop(target["id"], None)
                record = self._update(CONTACTS, prep, target, clean)
                self._index_keys(record, add=True)

    def _match_contact(self, prep: Prepared, clean: dict, org: tuple) -> tuple[Any, list[str]]:
        """(record to update | None for new | False when reported, people sharing a key)."""
        contacts = self.records[CONTACTS]
        if prep.row_id and prep.row_id in contacts:
            current = contacts[prep.row_id]
            if is_live(current):
                return current, []
            self._skip_deleted(CONTACTS, prep, current)
            return False, []
        name = _key(clean["full_name"]) if clean.get("full_name") else None
        sharers: list[str] = []
        for keys, index in (([e.lower() for e in clean.get("emails") or []], self.by_email),
                            (clean.get("phones") or [], self.by_phone)):
            ids: set[str] = set()
            for key in keys:
                ids |= index.get(key, set())
            if not ids:
                continue
            same = sorted(i for i in ids if name is None or self._fold(contacts[i]) == name)
            sharers += [i for i in sorted(ids) if i not in same and is_live(contacts[i])]
            live = [i for i in same if is_live(contacts[i])]
            if len(live) == 1:
                return contacts[live[0]], []
            if len(live) > 1:
                self.report.reject(CONTACTS, prep.row, _(
                    "the email or phone matches several contacts ({names}); add the id column "
                    "to say which", names=_describe(contacts, live)), prep.label)
                return False, []
            if same:
                self._skip_deleted(CONTACTS, prep, contacts[same[0]])
                return False, []
        if name is None or org[0] == "create":
            return None, sharers
        org_id = clean.get("org_id") or ""
        candidates = [i for i in sorted(self._names().get((name, org_id), set()))
                      if is_live(contacts[i]) and _compatible(contacts[i], clean)]
        if len(candidates) == 1:
            return contacts[candidates[0]], []
        return None, sharers

    def _find_org(self, prep: Prepared) -> tuple[str, str | None]:
        """('found', id) | ('create', name) | ('none', None) | ('reject', reason)."""
        by_id: list[str] = []
        if prep.org_id_text:
            by_id = self.orgs.find(prep.org_id_text)
            if len(by_id) > 1:
                return "reject", _("organisation {ref!r} matches several: {names}",
                                   ref=prep.org_id_text, names=self.orgs.describe(by_id))
        name = prep.org_name_text
        by_name = self.orgs.find(name) if name else []
        if by_id:
            if len(by_name) == 1 and by_name[0] != by_id[0]:
                return "reject", _(
                    "the organisation {name!r} and the organisation id {id} ({other}) disagree; "
                    "empty one of the two cells", name=name, id=by_id[0][:8],
                    other=self.orgs.records[by_id[0]].get("name", ""))
            return "found", by_id[0]
        if not name:
            if prep.org_id_text:
                return "reject", _("no organisation has the id {ref!r}; import the organisations "
                                   "first or give the organisation's name", ref=prep.org_id_text)
            return "none", None
        if len(by_name) == 1:
            return "found", by_name[0]
        if len(by_name) > 1:
            return "reject", _("organisation {ref!r} matches several: {names}; use its id",
                               ref=name, names=self.orgs.describe(by_name))
        if _key(name) in self.orgs.deleted_names:
            return "reject", _("the organisation {ref!r} was deleted in this store",
                               ref=name)
        if not self.create_orgs:
            return "reject", _("no organisation is named {ref!r} (add it first, or import "
                               "without --no-create-orgs)", ref=name)
        return "create", name

    def _create_org(self, prep: Prepared, name: str) -> str | None:
        key = _key(name)
        if key in self.created:
            return self.created[key]
        try:
            fields = validate(ORGS, {"name": name, "kind": "other"})
        except ValidationError as exc:
            self.report.reject(CONTACTS, prep.row, str(exc), prep.label)
            return None
        org_id = new_id()
        record = {"id": org_id, **fields}
        self.records[ORGS][org_id] = record
        self.orgs.add(record)
        self.created[key] = org_id
        self.ops.append(("insert", ORGS, org_id, fields, None))
        self.report.count(ORGS, "added")
        self.report.created_organisations.append({"id": org_id, "name": fields["name"],
                                                  "where": prep.row.where()})
        return org_id


def _compatible(record: dict, clean: dict) -> bool:
    """A same-name contact is the same person unless emails or phones say otherwise."""
    for key in ("emails", "phones"):
        mine, theirs = clean.get(key), record.get(key)
        if mine and theirs and not {v.lower() for v in mine} & {v.lower() for v in theirs}:
            return False
    return True


def _describe(records: dict[str, dict], ids: list[str]) -> str:
    return "; ".join(f"{i[:8]} {records[i].get('full_name', '')}" for i in ids[:5])


def _label(record: dict) -> str:
    return str(record.get("full_name") or record.get("name") or "")
