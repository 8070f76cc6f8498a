"""Planning outreach: who a message goes to when a person names contacts, organisations or groups.

Expansion rules (documented in the README):
- A contact named directly is reached directly.
- An organisation expands to the people of the first role tier that has someone reachable:
  ministry units, provincial departments and other organisations: spokespeople and
  communications officers (spokespeople first), else leaders, else anyone else there;
  press agencies: journalists and editors whose beats match the beats asked for (or the
  message's tags), else all journalists, else editors, else spokespeople and communications
  officers, else leaders, else anyone else.
  Every person of the chosen tier is reached; within a tier, directory order.
- An organisation with nobody reachable is planned as itself (an official letter to the
  department), with a notice. `expand=False` plans organisations as themselves directly.
- A group (`ministry_unit`, `provincial_department`, `press_agency`, or `tag:NAME`) is every live
  organisation of that kind that has not ended (or every organisation and contact with the tag),
  optionally of one region, each expanded as above.
- "Do not contact" people are never planned, even when named: they are listed as skipped.
  Tombstoned (deleted) contacts and organisations are never reached.
- A person reached through several names (a contact and their organisation) is planned once.
- No double pitching: the same message to the same person (or organisation) planned or sent in
  the last `double_pitch_days` days (config, default 14) is listed as a duplicate and not planned
  again unless `force`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from ..db import Snapshot, Store, Transaction
from ..errors import ValidationError
from ..i18n import N_, _
from ..model import ORG_KINDS, enum_value
from ..network import CONTACTS, ORGS, contact_province, resolve
from ..reference import find_region, provinces
from ..validate import InvalidValue
from ..vietnamese import fold, name_sort_key
from .dates import due_value
from .model import (
    DEFAULT_CHANNEL,
    MESSAGES,
    OUTREACH,
    OutreachSettings,
    channel_value,
    history_entry,
    note_value,
    status_value,
)
from .undo import Recorder

Source = Snapshot | Transaction

Tiers = tuple[tuple[str, ...] | None, ...]
#: Role tiers, best first; None is "anyone else there".
UNIT_TIERS: Tiers = (("spokesperson", "comms_officer"), ("leader",), None)
PRESS_TIERS: Tiers = (
    ("journalist",), ("editor",), ("spokesperson", "comms_officer"), ("leader",), None,
)
#: Why a recipient was not planned.
SKIP_REASONS: dict[str, str] = {
    "do_not_contact": N_("do not contact"),
    "duplicate": N_("already pitched this message within {days} days"),
}


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
        return {"contact_id": self.contact_id, "org_id": self.org_id, "name": self.name,
                "reason": self.reason, "item_id": self.item_id}


@dataclass
class Expansion:
    recipients: list[Recipient] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


@dataclass
class PlanRequest:
    """What a person asked for; references are ids, id prefixes or names."""

    message: str | None = None
    contacts: Sequence[str] = ()
    orgs: Sequence[str] = ()
    groups: Sequence[str] = ()
    region: str | None = None
    beats: Sequence[str] = ()
    channel: str | None = None
    due: str | date | None = None
    note: str | None = None
    status: str = "planned"
    force: bool = False
    expand: bool = True


@dataclass
class PlanResult:
    created: list[dict] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Skipped] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    message: dict | None = None


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
            _("unknown group {value!r}; choose ministry_unit, provincial_department, "
              "press_agency or tag:NAME", value=raw)
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

    def __init__(self, source: Source, beats: Iterable[str] = ()) -> None:
        self.contacts = {c["id"]: c for c in source.live(CONTACTS)}
        self.orgs = {o["id"]: o for o in source.live(ORGS)}
        self.members: dict[str, list[dict]] = {}
        for contact in self.contacts.values():
            if contact.get("org_id"):
                self.members.setdefault(contact["org_id"], []).append(contact)
        self.beats = [fold(b) for b in beats if b.strip()]
        self.result = Expansion()
        self._seen: set[tuple[str, str]] = set()

    def _recipient(self, contact: dict) -> Recipient:
        org = self.orgs.get(contact.get("org_id") or "")
        return Recipient(contact["id"], contact.get("org_id"), contact.get("full_name", ""),
                         (org or {}).get("name"), contact.get("preferred_channel"))

    def add_contact(self, contact: dict) -> None:
        key = ("c", contact["id"])
        if key in self._seen:
            return
        self._seen.add(key)
        if contact.get("do_not_contact"):
            self.result.skipped.append(
                Skipped(contact["id"], contact.get("org_id"), contact.get("full_name", ""),
                        "do_not_contact")
            )
            return
        self.result.recipients.append(self._recipient(contact))

    def add_org_itself(self, org: dict) -> None:
        key = ("o", org["id"])
        if key not in self._seen:
            self._seen.add(key)
            self.result.recipients.append(Recipient(None, org["id"], org.get("name", ""),
                                                    org.get("name")))

    def tiers(self, org: dict) -> list[list[dict]]:
        people = sorted(self.members.get(org["id"], []),
                        key=lambda c: name_sort_key(c.get("full_name", "")))
        if org.get("kind") == "press_agency":
            rules = PRESS_TIERS
            first = [c for c in people if c.get("role") in ("journalist", "editor")
                     and self.beats and _beat_match(c, self.beats)]
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

    def add_org(self, org: dict, expand: bool = True) -> None:
        if org.get("ended"):
            self.result.notices.append(
                _("{name} ended on {date}; check whether its successor should get this "
                  "instead.", name=org.get("name", ""), date=org["ended"])
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
        self.result.notices.append(
            _("Nobody at {name} can be reached; planned to the organisation itself.",
              name=org.get("name", ""))
        )
        self.add_org_itself(org)

    def add_group(self, group: Group, region: str | None, expand: bool = True) -> None:
        before = len(self.result.recipients) + len(self.result.skipped)
        orgs = [o for o in self.orgs.values() if not o.get("ended")
                and (group.kind is None or o.get("kind") == group.kind)
                and (region is None or _org_region(o) == region)]
        if group.tag:
            wanted = fold(group.tag)
            orgs = [o for o in orgs if wanted in (fold(t) for t in o.get("tags") or [])]
        orgs.sort(key=lambda o: (o.get("province_code") or "", fold(o.get("name", ""))))
        for org in orgs:
            self.add_org(org, expand)
        if group.tag:
            wanted = fold(group.tag)
            people = [c for c in self.contacts.values()
                      if wanted in (fold(t) for t in c.get("tags") or [])]
            if region is not None:
                people = [c for c in people if _contact_region(c, self.orgs) == region]
            for contact in sorted(people, key=lambda c: name_sort_key(c.get("full_name", ""))):
                self.add_contact(contact)
        if len(self.result.recipients) + len(self.result.skipped) == before:
            name = f"tag:{group.tag}" if group.tag else group.kind
            self.result.notices.append(_("The group {group} has nobody to reach.", group=name))


def _contact_region(contact: dict, orgs: dict[str, dict]) -> str | None:
    org = orgs.get(contact.get("org_id") or "")
    code = contact_province(contact, org)
    return provinces()[code].region_vi if code in provinces() else (org or {}).get("region")


def _check_request(request: PlanRequest, today: date) -> tuple[dict, list[Group], str | None]:
    """Validate the plain values of a request, every problem at once."""
    errors: list[tuple[str, str]] = []
    clean: dict = {}
    groups: list[Group] = []
    region = None
    for name, value, check in (
        ("channel", request.channel, channel_value),
        ("status", request.status, status_value),
        ("note", request.note, note_value),
    ):
        if value:
            try:
                clean[name] = check(value)
            except InvalidValue as exc:
                errors.append((name, str(exc)))
    try:
        clean["due"] = due_value(request.due, today)
    except InvalidValue as exc:
        errors.append(("due", str(exc)))
    for text in request.groups:
        try:
            groups.append(parse_group(text))
        except InvalidValue as exc:
            errors.append(("group", str(exc)))
    if request.region:
        region = find_region(request.region)
        if region is None:
            errors.append(("region", _("unknown region {value!r}", value=request.region)))
        elif not request.groups:
            errors.append(("region", _("--region narrows a --group; give one")))
    if not (request.contacts or request.orgs or request.groups):
        errors.append(("to", _("say who to reach: contacts, organisations or a group")))
    if clean.get("status") == "published":
        errors.append(("status", _("plan first, then mark published with its link "
                                   "(`lantoa outreach set ID --status published --link URL`)")))
    if errors:
        raise ValidationError(errors)
    return clean, groups, region


def _pitched_at(item: dict) -> str:
    """When an item last went out (or was planned): the newest plan/sent entry, else creation."""
    times = [e.get("at", "") for e in item.get("history") or []
             if e.get("to") in ("planned", "sent") and e.get("action") != "undo"]
    return max([*times, item.get("created_at", "")])


def _recent_pitches(source: Source, message_id: str, days: int, now: datetime) -> dict:
    """(kind, id) -> the newest live item of this message pitched within the window."""
    since = (now - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    found: dict[tuple[str, str], dict] = {}
    for item in source.live(OUTREACH):
        if item.get("message_id") != message_id or _pitched_at(item) < since:
            continue
        key = ("c", item["contact_id"]) if item.get("contact_id") else ("o", item.get("org_id"))
        found[key] = item
    return found


def build_plan(
    source: Source, request: PlanRequest, settings: OutreachSettings, today: date | None = None,
    now: datetime | None = None,
) -> tuple[PlanResult, list[dict]]:
    """The plan as data: the result and the field dicts of the items to create. Pure."""
    today = today or date.today()
    clean, groups, region = _check_request(request, today)
    result = PlanResult()
    message = None
    if request.message:
        message = resolve(source, MESSAGES, request.message)
        result.message = message
        if message.get("status") == "draft":
            result.notices.append(_("The message {title!r} is still a draft.",
                                    title=message.get("title", "")))
        elif message.get("status") == "archived":
            result.notices.append(_("The message {title!r} is archived.",
                                    title=message.get("title", "")))
    beats = list(request.beats) or list((message or {}).get("tags") or [])
    expander = Expander(source, beats)
    for ref in request.contacts:
        contact = expander.contacts.get(ref) or resolve(source, CONTACTS, ref)
        expander.add_contact(contact)
    for ref in request.orgs:
        org = expander.orgs.get(ref) or resolve(source, ORGS, ref)
        expander.add_org(org, request.expand)
    for group in groups:
        expander.add_group(group, region, request.expand)
    expansion = expander.result
    result.skipped = expansion.skipped
    result.notices += expansion.notices
    recent: dict = {}
    if message is not None and settings.double_pitch_days > 0:
        now = now or datetime.now(UTC)
        recent = _recent_pitches(source, message["id"], settings.double_pitch_days, now)
    to_create: list[dict] = []
    for person in expansion.recipients:
        key = ("c", person.contact_id) if person.contact_id else ("o", person.org_id)
        previous = recent.get(key)
        if previous is not None:
            result.duplicates.append(Skipped(person.contact_id, person.org_id, person.name,
                                             "duplicate", previous["id"]))
            if not request.force:
                continue
        fields = {
            "message_id": message["id"] if message else None,
            "contact_id": person.contact_id,
            "org_id": person.org_id,
            "channel": clean.get("channel") or person.channel or DEFAULT_CHANNEL,
            "status": clean.get("status", "planned"),
            "due": clean.get("due"),
            "owner": settings.owner,
            "note": clean.get("note"),
        }
        to_create.append({k: v for k, v in fields.items() if v is not None})
    return result, to_create


def preview_plan(
    source: Source, request: PlanRequest, settings: OutreachSettings, today: date | None = None
) -> PlanResult:
    """What `plan_outreach` would do, without writing: `created` holds unsaved field dicts."""
    result, to_create = build_plan(source, request, settings, today)
    result.created = to_create
    return result


def plan_outreach(
    store: Store, request: PlanRequest, settings: OutreachSettings, today: date | None = None
) -> PlanResult:
    """Create the planned items in one transaction (one write), journalled for undo."""
    with store.transaction() as tx:
        result, to_create = build_plan(tx, request, settings, today)
        recorder = Recorder("plan", detail={"message_id": (result.message or {}).get("id")})
        for fields in to_create:
            entry = history_entry(tx.now, settings.owner, None, fields["status"], action="plan",
                                  note=fields.get("note"))
            record = tx.insert(OUTREACH, {**fields, "history": [entry]})
            recorder.created(record)
            result.created.append(record)
        recorder.save(tx)
    return result


def skip_reason(skipped: Skipped, settings: OutreachSettings) -> str:
    if skipped.reason == "duplicate":
        return _(SKIP_REASONS["duplicate"], days=settings.double_pitch_days)
    return _(SKIP_REASONS.get(skipped.reason, skipped.reason))

