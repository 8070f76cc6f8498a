"""Planning the contact rows of an import (a part of `upsert.Planner`).

Contacts are found by email and phone (with the same name), else by name within an organisation;
their organisation by id, name or short name, created when unknown. Indexes are built once per
import and kept current row by row.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import Any

from .errors import ValidationError
from .headers import CONTACTS, ORGS
from .i18n import _
from .import_rows import Prepared
from .model import validate
from .records import is_live
from .vietnamese import match_key

key = match_key  # the name the import planner uses


_key = key

#: Plan plainly new contacts on the short path (`_plan_new_contact`); tests turn it off to check
#: both paths give the same store and the same report.
FAST_NEW_CONTACTS = True


class ContactPlanning:
    """The contact half of the planner; the shared state and helpers live in `upsert.Planner`."""

    # Provided by Planner: records, orgs, report, source, created, touched, _ids, _track and
    # the methods _insert, _update, _touch, _claimed, _skip_deleted.
    records: dict[str, dict[str, dict]]

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
        for email in record.get("emails") or ():
            bucket = self.by_email[email.lower()]
            bucket.add(rid) if add else bucket.discard(rid)
        for phone in record.get("phones") or ():
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
        """Rows that name someone by id, email or phone first, in file order; then rows matched
        by name alone; then rows without a name (they can only update someone, perhaps someone a
        later row adds). The later phases do not undo what a later row of the file set (see
        `_update`), so the result does not depend on which phase a row fell in."""
        self._contacts()
        phases: tuple[list[Prepared], list[Prepared], list[Prepared]] = ([], [], [])
        for prep in rows:
            clean = prep.clean
            if not clean.get("full_name"):
                phases[2].append(prep)
            elif prep.row_id or clean.get("emails") or clean.get("phones"):
                phases[0].append(prep)
            else:
                phases[1].append(prep)
        self._track = bool(phases[1] or phases[2])
        fast = FAST_NEW_CONTACTS and not self._track
        for prep in phases[0]:
            if not (fast and self._plan_new_contact(prep)):
                self._plan_contact(prep, final=False)
        for prep in phases[1]:
            self._plan_contact(prep, final=True)
        # A row without a name may match only once another such row gave someone its phone:
        # go round until nothing more matches; what is left matches nobody.
        waiting = phases[2]
        while waiting:
            left = [p for p in waiting if not self._plan_contact(p, final=True, wait=True)]
            if len(left) == len(waiting):
                for prep in left:
                    self._plan_contact(prep, final=True)
                break
            waiting = left
        self._track = False

    def _plan_new_contact(self, prep: Prepared) -> bool:
        """`_plan_contact` for the common row of a first import, without its general matching: a
        new person (no id, no email or phone known, nobody of that name in its organisation) whose
        organisation is known or not given. Returns False, having changed nothing, for any other
        row."""
        if prep.row_id is not None or prep.from_view or prep.org_id_text:
            return False
        clean = prep.clean
        for email in clean.get("emails") or ():
            if self.by_email.get(email.lower()):
                return False
        for phone in clean.get("phones") or ():
            if self.by_phone.get(phone):
                return False
        org_id = ""
        if prep.org_name_text:
            found = self.orgs.find(prep.org_name_text)
            if len(found) != 1:
                return False  # unknown (to create) or ambiguous: the general path says so
            org_id = found[0]
        name = _key(clean["full_name"])
        if self._names().get((name, org_id)):
            return False
        prep.name_key = name
        record = self._insert(CONTACTS, prep, {**clean, "org_id": org_id} if org_id else clean)
        self.folded[record["id"]] = name
        self._index_keys(record, add=True)
        return True

    def _plan_contact(self, prep: Prepared, final: bool, wait: bool = False) -> bool:
        """Plan one row (`final`: planned after the rows before it in the file could be).

        With `wait`, a row without a name that matches nobody yet is left for later: False.
        """
        contacts = self.records[CONTACTS]
        clean = dict(prep.clean)
        org = self._find_org(prep)
        if org[0] == "reject":
            self.report.reject(CONTACTS, prep.row, org[1], prep.label)
            return True
        if org[0] == "found":
            clean["org_id"] = org[1]
        target, sharers = self._match_contact(prep, clean, org)
        if target is False:
            return True
        if prep.from_view and clean.get("province_code"):
            org_record = self.records[ORGS].get(clean.get("org_id") or "")
            if org_record and org_record.get("province_code") == clean["province_code"]:
                del clean["province_code"]  # the view shows the organisation's province
        if target is None and not clean.get("full_name"):
            if wait:
                return False
            self.report.reject(
                CONTACTS,
                prep.row,
                _(
                    "Full name is required: no contact in the store has this row's id, email or "
                    "phone"
                ),
                prep.label,
            )
            return True
        if org[0] == "create":
            made = self._create_org(prep, org[1])
            if made is None:
                return True
            clean["org_id"] = made
        if target is None:
            record = self._insert(CONTACTS, prep, clean)
            self.folded[record["id"]] = prep.name_key or ""
            self._index_keys(record, add=True)
            for other in sharers[:3]:
                self.report.warnings.append(
                    _(
                        "{where}: {name} shares an email or phone with {other} ({id}); added as "
                        "a separate contact",
                        where=prep.row.where(),
                        name=prep.label,
                        other=contacts[other].get("full_name", ""),
                        id=other[:8],
                    )
                )
        else:
            record = self._update(CONTACTS, prep, target, clean, late=final)
            if record is not target and any(
                record.get(k) != target.get(k) for k in ("emails", "phones", "full_name", "org_id")
            ):
                self._index_keys(target, add=False)
                self.folded.pop(target["id"], None)
                self._index_keys(record, add=True)
        return True

    def _match_contact(self, prep: Prepared, clean: dict, org: tuple) -> tuple[Any, list[str]]:
        """(record to update | None for new | False when reported, people sharing a key)."""
        contacts = self.records[CONTACTS]
        if prep.row_id and prep.row_id in contacts:
            current = contacts[prep.row_id]
            if is_live(current):
                return current, []
            self._skip_deleted(CONTACTS, prep, current)
            return False, []
        name = prep.name_key = _key(clean["full_name"]) if clean.get("full_name") else None
        own_id = prep.row_id is not None
        emails, phones = clean.get("emails"), clean.get("phones")
        hits = [self.by_email[k] for k in (e.lower() for e in emails or ()) if self.by_email.get(k)]
        hits += [self.by_phone[k] for k in phones or () if self.by_phone.get(k)]
        sharers: list[str] = []
        if hits:
            ids = set().union(*hits)
            if own_id:
                ids = {i for i in ids if not self._claimed(CONTACTS, i)}
            same = sorted(i for i in ids if name is None or self._fold(contacts[i]) == name)
            sharers = [i for i in sorted(ids) if i not in same and is_live(contacts[i])]
            live = [i for i in same if is_live(contacts[i])]
            if len(live) == 1:
                return contacts[live[0]], []
            if len(live) > 1:  # its emails and phones name different people: the file must say
                self.report.reject(
                    CONTACTS,
                    prep.row,
                    _(
                        "the email or phone matches several contacts ({names}); add the id column "
                        "to say which",
                        names=_describe(contacts, live),
                    ),
                    prep.label,
                )
                return False, []
            if same:
                self._skip_deleted(CONTACTS, prep, contacts[same[0]])
                return False, []
        if name is None or org[0] == "create":
            return None, sharers
        same_name = self._names().get((name, clean.get("org_id") or ""))
        if not same_name:
            return None, sharers
        candidates = [
            i
            for i in sorted(same_name)
            if is_live(contacts[i])
            and _compatible(contacts[i], clean)
            and not (own_id and self._claimed(CONTACTS, i))
        ]
        if len(candidates) == 1:
            return contacts[candidates[0]], []
        if len(candidates) > 1 and not own_id:
            self.report.reject(
                CONTACTS,
                prep.row,
                _(
                    "several contacts have this name in this organisation ({names}); add an email, "
                    "a phone or the id column to say which",
                    names=_describe(contacts, candidates),
                ),
                prep.label,
            )
            return False, []
        return None, sharers

    def _find_org(self, prep: Prepared) -> tuple[str, str | None]:
        """('found', id) | ('create', name) | ('none', None) | ('reject', reason)."""
        by_id: list[str] = []
        if prep.org_id_text:
            by_id = self.orgs.find(prep.org_id_text)
            if not by_id and prep.org_id_text.lower() in self.records[ORGS]:
                return "found", prep.org_id_text.lower()  # kept: its organisation was deleted
            if len(by_id) > 1:
                return "reject", _(
                    "organisation {ref!r} matches several: {names}",
                    ref=prep.org_id_text,
                    names=self.orgs.describe(by_id),
                )
        name = prep.org_name_text
        by_name = self.orgs.find(name) if name else []
        if by_id:
            if len(by_name) == 1 and by_name[0] != by_id[0]:
                return "reject", _(
                    "the organisation {name!r} and the organisation id {id} ({other}) disagree; "
                    "empty one of the two cells",
                    name=name,
                    id=by_id[0][:8],
                    other=self.orgs.records[by_id[0]].get("name", ""),
                )
            return "found", by_id[0]
        if not name:
            if prep.org_id_text:
                return "reject", _(
                    "no organisation has the id {ref!r}; import the organisations "
                    "first or give the organisation's name",
                    ref=prep.org_id_text,
                )
            return "none", None
        if len(by_name) == 1:
            return "found", by_name[0]
        if len(by_name) > 1:
            return "reject", _(
                "organisation {ref!r} matches several: {names}; use its id",
                ref=name,
                names=self.orgs.describe(by_name),
            )
        if _key(name) in self.orgs.deleted_names:
            return "reject", _("the organisation {ref!r} was deleted in this store", ref=name)
        if not self.create_orgs:
            return "reject", _(
                "no organisation is named {ref!r} (add it first, or import "
                "without --no-create-orgs)",
                ref=name,
            )
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
        org_id = next(self._ids)
        record = {"id": org_id, **fields}
        self.records[ORGS][org_id] = record
        self.orgs.add(record)
        self.created[key] = org_id
        self._touch(ORGS, org_id, None, None, fields["name"])
        self.report.count(ORGS, "added")
        self.report.created_organisations.append(
            {"id": org_id, "name": fields["name"], "line": prep.row.line, "record": prep.row.record}
        )
        self._warn_if_typo(prep, fields["name"], key)
        return org_id

    def _warn_if_typo(self, prep: Prepared, name: str, key: str) -> None:
        """A new organisation whose name is a letter or two from a known one is most likely a
        typo: say so, since the import would otherwise split one newsroom in two."""
        known = {k: ids for k, ids in self.orgs.names.items() if ids and k not in self.created}
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.9)
        if close:
            similar = self.records[ORGS][sorted(known[close[0]])[0]].get("name", "")
            self.report.warnings.append(
                _(
                    "{where}: {name!r} is a new organisation; did you mean {similar!r}? If so, "
                    "correct the file and import it again, or merge the two with `lantoa orgs "
                    "merge`.",
                    where=prep.row.where(),
                    name=name,
                    similar=similar,
                )
            )


def _compatible(record: dict, clean: dict) -> bool:
    """A same-name contact is the same person unless emails or phones say otherwise."""
    for key in ("emails", "phones"):
        mine, theirs = clean.get(key), record.get(key)
        if mine and theirs and not {v.lower() for v in mine} & {v.lower() for v in theirs}:
            return False
    return True


def _describe(records: dict[str, dict], ids: list[str]) -> str:
    return "; ".join(f"{i[:8]} {records[i].get('full_name', '')}" for i in ids[:5])
