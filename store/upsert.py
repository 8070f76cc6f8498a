"""Planning an import against the store: matching rows to records, and the net changes.

The planner works on a snapshot or a transaction (both offer `by_id`) and never changes it: it
keeps its own working copy of each record a row touches, with indexes (email, phone, name,
organisation name) built once and kept up to date row by row, so a 10,000-row import is linear.
`apply` writes, for each touched record, only the difference between the store and the final
working copy: rows that undo each other leave the store as it was, and unwritten.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from . import upsert_contacts
from .db import Transaction
from .headers import CONTACTS, ORGS
from .i18n import _
from .import_columns import Columns
from .import_report import ImportReport
from .import_rows import Prepared
from .org_index import OrgIndex
from .records import META_FIELDS, is_live
from .rows import Row
from .upsert_contacts import ContactPlanning
from .upsert_contacts import key as _key
from .upsert_plain import plan_columns
from .vietnamese import less_careful

_REF_FIELDS = ("parent_id", "successor_id")


def _fresh_ids() -> Iterator[str]:
    """UUID4 strings, like records.new_id(), drawn from the OS in blocks (10k rows: 10k ids)."""
    while True:
        h = os.urandom(16 * 512).hex()
        yield from [
            f"{h[i : i + 8]}-{h[i + 8 : i + 12]}-4{h[i + 13 : i + 16]}-"
            f"{_VARIANT[h[i + 16]]}{h[i + 17 : i + 20]}-{h[i + 20 : i + 32]}"
            for i in range(0, len(h), 32)
        ]


#: The variant nibble of a UUID (RFC 4122: binary 10xx) from a random hex digit.
_VARIANT = {d: "89ab"[int(d, 16) & 3] for d in "0123456789abcdef"}


class Planner(ContactPlanning):
    """Turns prepared rows into net changes, filling the report as it goes."""

    def __init__(self, source: Any, report: ImportReport, *, create_orgs: bool = True) -> None:
        self.source = source
        self.report = report
        self.create_orgs = create_orgs
        self.records: dict[str, dict[str, dict]] = {ORGS: dict(source.by_id(ORGS))}
        self.orgs = OrgIndex(self.records[ORGS])
        #: (table, id) -> (the store's record, or None for a new one; first row; created_at)
        self.touched: dict[tuple[str, str], tuple[dict | None, Row | None, str | None]] = {}
        self.created: dict[str, str] = {}  # folded name -> id of organisations made by this import
        self.defaulted_kind = 0
        self.kept_spelling = 0  # values the store had with diacritics or proper case: kept
        self._contacts_ready = False
        self._ids = _fresh_ids()
        #: plainly new contacts (see `upsert_plain`), as records with their id and the places of
        #: `created_at` and `updated_at`, which `Transaction.insert_ready` fills
        self.plain: list[dict[str, Any]] = []
        self._net: list[tuple] | None = None
        #: (table, id) -> field -> the record number of the last row that gave it a value; kept
        #: only while rows without a name wait to be planned (see `_plan_contacts`)
        self.setters: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
        self._track = False

    # -- shared ---------------------------------------------------------------------------------

    def _touch(
        self, table: str, record_id: str, original: dict | None, prep: Prepared | None, name: str
    ) -> None:
        key = (table, record_id)
        seen = self.touched.get(key)
        if seen is None:
            self.touched[key] = (
                original,
                prep.row if prep else None,
                prep.created_at if prep else None,
            )
        elif prep is not None and seen[1] is not None:
            self.report.warnings.append(
                _(
                    "{where}: {name} is also on {first} of this file; the later row's values win",
                    where=prep.row.where(),
                    name=name,
                    first=seen[1].where(),
                )
            )

    def _insert(self, table: str, prep: Prepared, fields: dict[str, Any]) -> dict:
        record_id = prep.row_id or next(self._ids)
        record = {"id": record_id, **fields}
        if self._track:
            self.setters[(table, record_id)].update(dict.fromkeys(fields, prep.row.record))
        self.records[table][record_id] = record
        name = prep.label or _label(record)
        self._touch(table, record_id, None, prep, name)
        self.report.change(table, prep.row, "added", record_id, name, fields)
        return record

    def _update(
        self, table: str, prep: Prepared, current: dict, wanted: dict[str, Any], late: bool = False
    ) -> dict:
        """Apply a row to a record. A `late` row (tried again after the others) gives only the
        fields no later row of the file gave, so the file's order still decides."""
        merging = prep.row_id != current["id"]
        if self._track:
            setters = self.setters[(table, current["id"])]
            number = prep.row.record
            if late:  # lists that merge do not depend on the order; values that replace do
                wanted = {
                    k: v
                    for k, v in wanted.items()
                    if setters.get(k, 0) < number or (merging and k in _LISTS)
                }
            setters.update(dict.fromkeys(wanted, number))
        if merging:
            wanted = _merged(current, wanted)
        changes = {k: v for k, v in wanted.items() if current.get(k) != v}
        if "emails" in changes and _lowered(changes["emails"]) == _lowered(current.get("emails")):
            del changes["emails"]  # the same addresses in other letter case
        for key in [k for k, v in changes.items() if _less_careful(v, current.get(k))]:
            del changes[key]  # "Hoang Thanh Hung" never overwrites "Hoàng Thanh Hùng"
            self.kept_spelling += 1
        name = _label({**current, **changes})
        self._touch(table, current["id"], current, prep, name)
        if not changes:
            self.report.count(table, "unchanged")
            return current
        updated = {**current, **changes}
        self.records[table][current["id"]] = updated
        self.report.change(table, prep.row, "updated", current["id"], name, changes)
        return updated

    def finish(self) -> None:
        """Drop organisations made for rows whose contact ended elsewhere (a later row moved it)."""
        used = {self.records[t][i].get("org_id") for (t, i) in self.touched if t == CONTACTS}
        used.update(record.get("org_id") for record in self.plain)
        unused = {i for i in self.created.values() if i not in used}
        if unused:
            for org_id in unused:
                del self.touched[(ORGS, org_id)]
                self.report.count(ORGS, "added", -1)
            self.report.created_organisations[:] = [
                o for o in self.report.created_organisations if o["id"] not in unused
            ]
        if self.kept_spelling:
            self.report.warnings.append(
                _(
                    "Kept the store's spelling of {n} values that the file has without "
                    "diacritics or in capitals only (edit them with `lantoa contacts edit` or "
                    "`lantoa orgs edit`).",
                    n=self.kept_spelling,
                )
            )
        if self.defaulted_kind:
            self.report.warnings.append(
                _(
                    '{n} new organisations had no kind; they were given the kind "other" '
                    "(change it with `lantoa orgs edit ID --kind ...`).",
                    n=self.defaulted_kind,
                )
            )

    def net_changes(self) -> list[tuple]:
        """(insert, table, id, fields, created_at) and (update, table, id, changes), in order."""
        if self._net is None:
            net: list[tuple] = []
            for (table, record_id), (original, _row, created_at) in self.touched.items():
                final = self.records[table][record_id]
                if final is original:
                    continue  # rows matched it and changed nothing
                if original is None:  # Transaction.insert leaves out the "id" key itself
                    net.append(("insert", table, record_id, final, created_at))
                    continue
                changes = {
                    k: v for k, v in final.items() if k not in META_FIELDS and original.get(k) != v
                }
                if changes:
                    net.append(("update", table, record_id, changes))
            self._net = net
        if self.plain:
            return [*self._net, ("insert", CONTACTS, None, None, None)]  # the plain records
        return self._net

    def apply(self, tx: Transaction) -> None:
        """Write the net changes: new records of a table together, in the order planned."""
        inserts: dict[str, list[tuple[str, dict, str | None]]] = defaultdict(list)
        self.net_changes()
        for op in self._net or ():
            if op[0] == "insert":
                _kind, table, record_id, fields, created_at = op
                inserts[table].append((record_id, fields, created_at))
            else:
                _kind, table, record_id, changes = op
                tx.update(table, record_id, changes)
        for table in (ORGS, CONTACTS):  # organisations first, as contacts refer to them
            if inserts.get(table):
                tx.insert_new(table, inserts[table])
        if self.plain:
            tx.insert_ready(CONTACTS, self.plain)

    def plan_batch(self, table: str, rows: list[Prepared], columns: Columns | None = None) -> None:
        """Plan a batch's rows; a contacts batch may come prepared by `columns` (`rows` are then
        its rows prepared one by one, see `upsert_plain`)."""
        if columns is not None:
            plan_columns(self, columns, rows, upsert_contacts.FAST_NEW_CONTACTS)
            return
        if any(p.deleted for p in rows):
            for prep in rows:
                if prep.deleted:
                    self.report.skip(
                        table,
                        prep.row,
                        prep.row_id or "",
                        prep.label,
                        _("it is marked deleted in the file; imports never delete"),
                    )
            rows = [p for p in rows if not p.deleted]
        if table == ORGS:
            self._plan_orgs(rows)
        else:
            self._plan_contacts(rows)

    def _claimed(self, table: str, record_id: str) -> bool:
        """Written by an earlier row of this file: a row with its own id never updates it."""
        seen = self.touched.get((table, record_id))
        return seen is not None and seen[1] is not None

    def _skip_deleted(self, table: str, prep: Prepared, record: dict) -> None:
        self.report.skip(
            table,
            prep.row,
            record["id"],
            prep.label or _label(record),
            _("it was deleted in this store; imports never bring records back"),
        )

    # -- organisations --------------------------------------------------------------------------

    def _plan_orgs(self, rows: list[Prepared]) -> None:
        later: set[str] = set()  # what rows of this file could be referred to by
        for prep in rows:
            later.update(
                k
                for k in (
                    prep.row_id,
                    _key(prep.clean.get("name") or ""),
                    _key(prep.clean.get("short_name") or ""),
                )
                if k
            )
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
                found = self._org_ref(ref)
                if len(found) == 1:
                    if target and found[0] == target["id"]:
                        problem = _("an organisation cannot point to itself")
                    clean[ref_field] = found[0]
                elif len(found) > 1:
                    problem = _(
                        "{ref!r} matches several organisations: {names}; use the id",
                        ref=ref,
                        names=self.orgs.describe(found),
                    )
                elif ref.lower() in later or _key(ref) in later:
                    waiting.append((ref_field, ref))
                else:
                    problem = _("no organisation matches {ref!r}", ref=ref)
            if problem:
                self.report.reject(ORGS, prep.row, problem, prep.label)
                continue
            if target is None:
                if not clean.get("name"):
                    self.report.reject(
                        ORGS, prep.row, _("Name is required for a new organisation"), prep.label
                    )
                    continue
                if not clean.get("kind"):
                    clean["kind"] = "other"
                    self.defaulted_kind += 1
                record = self._insert(ORGS, prep, clean)
            else:
                self.orgs.forget(target)
                record = self._update(ORGS, prep, target, clean)
            self.orgs.add(record)
            deferred += [(prep, record["id"], f, ref) for f, ref in waiting]
        for prep, org_id, ref_field, ref in deferred:
            found = self._org_ref(ref)
            current = self.records[ORGS][org_id]
            if len(found) == 1 and found[0] != org_id:
                if current.get(ref_field) != found[0]:
                    self.records[ORGS][org_id] = {**current, ref_field: found[0]}
            else:
                self.report.warnings.append(
                    _(
                        "{where}: {ref!r} was not imported, so {name} was left without it",
                        where=prep.row.where(),
                        ref=ref,
                        name=prep.label,
                    )
                )

    def _org_ref(self, ref: str) -> list[str]:
        """A parent or successor: a stored id stays valid even if that organisation was deleted."""
        if ref.strip().lower() in self.records[ORGS]:
            return [ref.strip().lower()]
        return self.orgs.find(ref)

    def _match_org(self, prep: Prepared, clean: dict) -> dict | bool | None:
        """The organisation a row updates, None for a new one, False when reported already."""
        records = self.records[ORGS]
        if prep.row_id and prep.row_id in records:
            current = records[prep.row_id]
            if is_live(current):
                return current
            self._skip_deleted(ORGS, prep, current)
            return False
        if clean.get("name"):
            found = [
                i
                for i in self.orgs.by_name(clean["name"])
                if not (prep.row_id and self._claimed(ORGS, i))
            ]
            if len(found) == 1:
                return records[found[0]]
            if len(found) > 1:
                self.report.reject(
                    ORGS,
                    prep.row,
                    _(
                        "the name matches several organisations ({names}); add their id column",
                        names=self.orgs.describe(found),
                    ),
                    prep.label,
                )
                return False
            deleted = self.orgs.deleted_names.get(_key(clean["name"]))
            if deleted and not prep.row_id:
                self._skip_deleted(ORGS, prep, records[deleted])
                return False
        return None


_LISTS = ("emails", "phones", "beats", "tags", "topics")


def _merged(current: dict, wanted: dict[str, Any]) -> dict[str, Any]:
    """A row matched by email, phone or name adds list items; only a row with the record's id
    (an edit of an export) replaces lists. Contact points are never lost to another's list."""
    out = dict(wanted)
    for key in _LISTS:
        mine, stored = wanted.get(key), current.get(key)
        if mine is None or mine == stored:
            continue
        if isinstance(mine, list) and isinstance(stored, list) and stored:
            have = {_key(str(v)) for v in stored}  # "bao chi" is the stored "báo chí"
            out[key] = stored + [v for v in mine if _key(str(v)) not in have]
    return out


def _less_careful(value: Any, stored: Any) -> bool:
    return isinstance(value, str) and isinstance(stored, str) and less_careful(value, stored)


def _lowered(values: Any) -> list[str] | None:
    return [str(v).lower() for v in values] if isinstance(values, list) else None


def _label(record: dict) -> str:
    return str(record.get("full_name") or record.get("name") or "")
