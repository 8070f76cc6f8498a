"""Expansion rules: who a plan reaches when a person names contacts, organisations or groups.

Expansion rules (documented in the README):
- A contact named directly is reached directly (the role filter does not apply: they were named).
- An organisation expands to the people of the first role tier that has someone reachable:
  ministry units, provincial departments and other organisations: spokespeople and
  communications officers (spokespeople first), else leaders, else anyone else there;
  press agencies: journalists and editors whose beats match the beats asked for (or the
  message's tags), else all journalists, else editors, else spokespeople and communications
  officers, else leaders, else anyone else.
  Every person of the chosen tier is reached; within a tier, directory order.
- An organisation with nobody reachable is planned as itself (an official letter to the
  department), with a notice. `expand=False` plans organisations as themselves directly.
- Roles asked for (`roles`, `--role`) replace the tiers: an organisation expands to every
  reachable person of those roles (at a press agency with beats, those whose beats match first,
  as above). An organisation with nobody of those roles (or only "do not contact" people) is
  not planned at all, not even as itself: it is a gap, listed in one notice ("Nobody with role
  … at …") and in `Expansion.gaps`.
- A group (`ministry_unit`, `provincial_department`, `press_agency`, or `tag:NAME`) is every live
  organisation of that kind that has not ended (or every organisation and contact with the tag),
  optionally of one region and/or of some provinces (both must hold: an organisation's own
  province; a tagged contact's own province, else its organisation's), each expanded as above.
  A province asked for where the group has nobody is named in a notice.
  Tagged contacts reached through a group are filtered by role too (they were not named).
- "Do not contact" people are never planned, even when named: they are listed as skipped.
  Tombstoned (deleted) contacts and organisations are never reached.
- A person reached through several names (a contact and their organisation) is planned once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..db import Snapshot, Transaction
from ..i18n import N_, _
from ..model import ORG_KINDS, ROLES, enum_value
from ..network import CONTACTS, ORGS, contact_province
from ..reference import provinces
from ..validate import InvalidValue
from ..vietnamese import fold, name_sort_key

Source = Snapshot | Transaction

Tiers = tuple[tuple[str, ...] | None, ...]
#: Role tiers, best first; None is "anyone else there".
UNIT_TIERS: Tiers = (("spokesperson", "comms_officer"), ("leader",), None)
PRESS_TIERS: Tiers = (
    ("journalist",),
    ("editor",),
    ("spokesperson", "comms_officer"),
    ("leader",),
    None,
)


#: Why a recipient was not planned.
@dataclass
class Recipient:
    """One person (or organisation) a plan reaches, and how it was reached."""

    contact_id: str | None
    org_id: str | None
    name: str
    org_name: str | None = None
    channel: str | None = None  # the person's preferred channel


@dataclass
class Skipped:
    contact_id: str | None
    org_id: str | None
    name: str
    reason: str
    item_id: str | None = None  # for duplicates: the existing item

    def to_json(self) -> dict:
        return {
            "contact_id": self.contact_id,
            "org_id": self.org_id,
            "name": self.name,
            "reason": self.reason,
            "item_id": self.item_id,
        }


@dataclass
class Expansion:
    recipients: list[Recipient] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    #: Organisations not planned because nobody there has the roles asked for (reason
    #: "no_role") or only "do not contact" people do ("do_not_contact").
    gaps: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True)
class Group:
    kind: str | None = None
    tag: str | None = None


def parse_group(text: str) -> Group:
    """`ministry_unit` / `provincial_department` / `press_agency` (or a label, alias like `so`,
    `bao chi`), or `tag:NAME`."""
    raw = str(text).strip()
    if fold(raw).startswith(("tag:", "the:")):
        tag = raw.split(":", 1)[1].strip()
        if not tag:
            raise InvalidValue(_("give the tag after tag:, like tag:digital"))
        return Group(tag=tag)
    try:
        kind = enum_value(raw, ORG_KINDS, _("group"))
    except InvalidValue:
        raise InvalidValue(
            _(
                "unknown group {value!r}; choose ministry_unit, provincial_department, "
                "press_agency or tag:NAME",
                value=raw,
            )
        ) from None
    return Group(kind=kind)


def _org_region(org: dict) -> str | None:
    code = org.get("province_code")
    return provinces()[code].region_vi if code in provinces() else org.get("region")


def _beat_match(contact: dict, beats: list[str]) -> bool:
    mine = [fold(b) for b in contact.get("beats") or []]
    return any(b in m or m in b for b in beats for m in mine if b and m)


class Expander:
    """Applies the expansion rules on one store version (indexes built once: fast for 5,000)."""

    def __init__(
        self, source: Source, beats: Iterable[str] = (), roles: Iterable[str] = ()
    ) -> None:
        self.contacts = {c["id"]: c for c in source.live(CONTACTS)}
        self.orgs = {o["id"]: o for o in source.live(ORGS)}
        self.members: dict[str, list[dict]] = {}
        for contact in self.contacts.values():
            if contact.get("org_id"):
                self.members.setdefault(contact["org_id"], []).append(contact)
        self.beats = [fold(b) for b in beats if b.strip()]
        self.roles = tuple(dict.fromkeys(roles))  # keys of ROLES, already checked
        self.result = Expansion()
        self._seen: set[tuple[str, str]] = set()

    def _recipient(self, contact: dict) -> Recipient:
        org = self.orgs.get(contact.get("org_id") or "")
        return Recipient(
            contact["id"],
            contact.get("org_id"),
            contact.get("full_name", ""),
            (org or {}).get("name"),
            contact.get("preferred_channel"),
        )

    def add_contact(self, contact: dict) -> None:
        key = ("c", contact["id"])
        if key in self._seen:
            return
        self._seen.add(key)
        if contact.get("do_not_contact"):
            self.result.skipped.append(
                Skipped(
                    contact["id"],
                    contact.get("org_id"),
                    contact.get("full_name", ""),
                    "do_not_contact",
                )
            )
            return
        self.result.recipients.append(self._recipient(contact))

    def add_org_itself(self, org: dict) -> None:
        key = ("o", org["id"])
        if key not in self._seen:
            self._seen.add(key)
            self.result.recipients.append(
                Recipient(None, org["id"], org.get("name", ""), org.get("name"))
            )

    def tiers(self, org: dict) -> list[list[dict]]:
        people = sorted(
            self.members.get(org["id"], []), key=lambda c: name_sort_key(c.get("full_name", ""))
        )
        if self.roles:
            return self._role_tiers(org, people)
        if org.get("kind") == "press_agency":
            rules = PRESS_TIERS
            first = [
                c
                for c in people
                if c.get("role") in ("journalist", "editor")
                and self.beats
                and _beat_match(c, self.beats)
            ]
            out = [first]
        else:
            rules, out = UNIT_TIERS, []
        taken: set[str] = set()
        for roles in rules:
            if roles is None:
                tier = [c for c in people if c["id"] not in taken]
            else:
                tier = [c for r in roles for c in people if c.get("role") == r]
            taken.update(c["id"] for c in tier)
            out.append(tier)
        return out

    def _role_tiers(self, org: dict, people: list[dict]) -> list[list[dict]]:
        """Only the roles asked for; at a press agency with beats, those with the beat first."""
        chosen = [c for c in people if c.get("role") in self.roles]
        if org.get("kind") == "press_agency" and self.beats:
            return [[c for c in chosen if _beat_match(c, self.beats)], chosen]
        return [chosen]

    def add_org(self, org: dict, expand: bool = True) -> None:
        if org.get("ended"):
            self.result.notices.append(
                _(
                    "{name} ended on {date}; check whether its successor should get this instead.",
                    name=org.get("name", ""),
                    date=org["ended"],
                )
            )
        if not expand:
            self.add_org_itself(org)
            return
        passed: list[dict] = []
        for tier in self.tiers(org):
            reachable = [c for c in tier if not c.get("do_not_contact")]
            passed += [c for c in tier if c.get("do_not_contact")]
            if reachable:
                for contact in passed + reachable:
                    self.add_contact(contact)
                return
        for contact in passed:
            self.add_contact(contact)
        if self.roles:  # a gap to see, not a letter to the organisation
            reason = "do_not_contact" if passed else "no_role"
            key = ("g", org["id"])
            if key not in self._seen:
                self._seen.add(key)
                self.result.gaps.append(Skipped(None, org["id"], org.get("name", ""), reason))
            return
        self.result.notices.append(
            _(
                "Nobody at {name} can be reached; planned to the organisation itself.",
                name=org.get("name", ""),
            )
        )
        self.add_org_itself(org)

    def add_group(
        self,
        group: Group,
        region: str | None,
        expand: bool = True,
        codes: frozenset[str] = frozenset(),
    ) -> None:
        """Every organisation of the group, of the region and province codes when given."""
        before = len(self.result.recipients) + len(self.result.skipped) + len(self.result.gaps)
        orgs = [
            o
            for o in self.orgs.values()
            if not o.get("ended")
            and (group.kind is None or o.get("kind") == group.kind)
            and (region is None or _org_region(o) == region)
            and (not codes or o.get("province_code") in codes)
        ]
        if group.tag:
            wanted = fold(group.tag)
            orgs = [o for o in orgs if wanted in (fold(t) for t in o.get("tags") or [])]
        orgs.sort(key=lambda o: (o.get("province_code") or "", fold(o.get("name", ""))))
        for org in orgs:
            self.add_org(org, expand)
        found = {o.get("province_code") for o in orgs}
        if group.tag:
            wanted = fold(group.tag)
            people = [
                c
                for c in self.contacts.values()
                if wanted in (fold(t) for t in c.get("tags") or [])
            ]
            if region is not None:
                people = [c for c in people if _contact_region(c, self.orgs) == region]
            if codes:
                people = [c for c in people if self._contact_province(c) in codes]
            if self.roles:
                people = [c for c in people if c.get("role") in self.roles]
            for contact in sorted(people, key=lambda c: name_sort_key(c.get("full_name", ""))):
                self.add_contact(contact)
            found |= {self._contact_province(c) for c in people}
        name = f"tag:{group.tag}" if group.tag else group.kind
        if len(self.result.recipients) + len(self.result.skipped) + len(self.result.gaps) == before:
            self.result.notices.append(_("The group {group} has nobody to reach.", group=name))
        elif missing := sorted(codes - found):
            self.result.notices.append(
                _(
                    "The group {group} has nobody in {provinces}.",
                    group=name,
                    provinces=", ".join(provinces()[code].name for code in missing),
                )
            )

    def _contact_province(self, contact: dict) -> str | None:
        return contact_province(contact, self.orgs.get(contact.get("org_id") or ""))

    def gap_notices(self) -> list[str]:
        """One notice per kind of gap, naming every organisation, so a group of 63 departments
        does not print 40 lines."""
        if not self.result.gaps:
            return []
        roles = _(" or ").join(_(ROLES[r]).lower() for r in self.roles)
        notices = []
        for reason, text in (
            ("no_role", N_("Nobody with role {roles} at {orgs}; not planned.")),
            (
                "do_not_contact",
                N_("Only people not to contact have role {roles} at {orgs}; not planned."),
            ),
        ):
            names = [g.name for g in self.result.gaps if g.reason == reason]
            if names:
                notices.append(_(text, roles=roles, orgs=", ".join(names)))
        return notices


def _contact_region(contact: dict, orgs: dict[str, dict]) -> str | None:
    org = orgs.get(contact.get("org_id") or "")
    code = contact_province(contact, org)
    return provinces()[code].region_vi if code in provinces() else (org or {}).get("region")
