"""Planning outreach: expand who was named (see expand.py), refuse double pitching, write once.

No double pitching: the same message to the same person (or organisation) planned or sent in the
last `double_pitch_days` days (config `[outreach] double_pitch_days`, default 14, 0 = off) is
listed as a duplicate and not planned again unless `force`. Outreach without a message (a call,
a meeting) is never a duplicate. Channel: `channel` if given, else the person's preferred
channel, else email. Every item starts its history with a "plan" entry.

Filters: `region` and `provinces` narrow the groups (both must hold); `roles` replaces the role
tiers for the organisations reached (see expand.py). Each needs something to act on: a region or
province without a group, or roles without an organisation or group (or with `expand=False`,
which plans organisations themselves), is refused rather than silently ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from difflib import get_close_matches

from ..db import Snapshot, Store, Transaction
from ..errors import ValidationError
from ..i18n import N_, _
from ..model import ROLES, enum_value
from ..network import CONTACTS, ORGS, resolve
from ..reference import find_province, find_region, provinces, unknown_region
from ..validate import InvalidValue
from ..vietnamese import fold
from .dates import due_value
from .expand import Expander, Group, Skipped, parse_group
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

SKIP_REASONS: dict[str, str] = {
    "do_not_contact": N_("do not contact"),
    "duplicate": N_("already planned or sent this message within {days} days"),
}


@dataclass
class PlanRequest:
    """What a person asked for; references are ids, id prefixes or names."""

    message: str | None = None
    contacts: Sequence[str] = ()
    orgs: Sequence[str] = ()
    groups: Sequence[str] = ()
    region: str | None = None
    provinces: Sequence[str] = ()  # names, GSO codes or slugs; narrow the groups
    roles: Sequence[str] = ()  # keys or labels of ROLES; replace the role tiers
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
    #: Organisations left out because nobody there has the roles asked for (see expand.py).
    gaps: list[Skipped] = field(default_factory=list)


@dataclass
class _Checked:
    """A request's values, checked."""

    clean: dict
    groups: list[Group]
    region: str | None
    provinces: frozenset[str]
    roles: tuple[str, ...]


def _unknown_province(text: str) -> str:
    message = _(
        "unknown province {value!r}; give its name (Quảng Ninh) or GSO code (22)", value=text
    )
    close = _close_provinces(text)
    if close:
        message += "; " + _("did you mean {names}?", names=", ".join(close))
    return message


def _close_provinces(text: str) -> list[str]:
    """Up to three province names close to a misspelt one (diacritics aside)."""
    names = {fold(p.name): p.name for p in provinces().values()}
    return [names[n] for n in get_close_matches(fold(text), list(names), n=3, cutoff=0.75)]


def _check_filters(request: PlanRequest, errors: list[tuple[str, str]]) -> tuple[set, list]:
    """The province codes and role keys asked for; problems go to `errors`."""
    codes: set[str] = set()
    roles: list[str] = []
    for text in request.provinces:
        found = find_province(str(text))
        if found is None:
            errors.append(("province", _unknown_province(str(text))))
        else:
            codes.add(found.code)
    for text in request.roles:
        try:
            roles.append(enum_value(text, ROLES, _("role")))
        except InvalidValue as exc:
            errors.append(("role", str(exc)))
    if request.provinces and not request.groups:
        errors.append(("province", _("--province narrows a --group; give one")))
    if request.roles and not (request.orgs or request.groups):
        errors.append(
            (
                "role",
                _(
                    "--role picks people at the organisations of --org or --group "
                    "(people named with --to are reached as named); give one"
                ),
            )
        )
    elif request.roles and not request.expand:
        errors.append(
            (
                "role",
                _("--role picks people; --org-only plans organisations themselves: choose one"),
            )
        )
    return codes, roles


def _check_request(request: PlanRequest, today: date) -> _Checked:
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
            errors.append(("region", unknown_region(request.region)))
        elif not request.groups:
            errors.append(("region", _("--region narrows a --group; give one")))
    codes, roles = _check_filters(request, errors)
    if not (request.contacts or request.orgs or request.groups):
        errors.append(("to", _("say who to reach: contacts, organisations or a group")))
    if clean.get("status") == "published":
        errors.append(
            (
                "status",
                _(
                    "plan first, then mark published with its link "
                    "(`lantoa outreach set ID --status published --link URL`)"
                ),
            )
        )
    if errors:
        raise ValidationError(errors)
    return _Checked(clean, groups, region, frozenset(codes), tuple(dict.fromkeys(roles)))


def _pitched_at(item: dict) -> str:
    """When an item last went out (or was planned): the newest plan/sent entry, else creation."""
    times = [
        e.get("at", "")
        for e in item.get("history") or []
        if e.get("to") in ("planned", "sent") and e.get("action") != "undo"
    ]
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
    source: Source,
    request: PlanRequest,
    settings: OutreachSettings,
    today: date | None = None,
    now: datetime | None = None,
) -> tuple[PlanResult, list[dict]]:
    """The plan as data: the result and the field dicts of the items to create. Pure."""
    today = today or date.today()
    checked = _check_request(request, today)
    clean = checked.clean
    result = PlanResult()
    message = None
    if request.message:
        message = resolve(source, MESSAGES, request.message)
        result.message = message
        if message.get("status") == "draft":
            result.notices.append(
                _("The message {title!r} is still a draft.", title=message.get("title", ""))
            )
        elif message.get("status") == "archived":
            result.notices.append(
                _("The message {title!r} is archived.", title=message.get("title", ""))
            )
    beats = list(request.beats) or list((message or {}).get("tags") or [])
    expander = Expander(source, beats, checked.roles)
    for ref in request.contacts:
        contact = expander.contacts.get(ref) or resolve(source, CONTACTS, ref)
        expander.add_contact(contact)
    for ref in request.orgs:
        org = expander.orgs.get(ref) or resolve(source, ORGS, ref)
        expander.add_org(org, request.expand)
    for group in checked.groups:
        expander.add_group(group, checked.region, request.expand, checked.provinces)
    expansion = expander.result
    result.skipped = expansion.skipped
    result.gaps = expansion.gaps
    result.notices += expansion.notices + expander.gap_notices()
    recent: dict = {}
    if message is not None and settings.double_pitch_days > 0:
        now = now or datetime.now(UTC)
        recent = _recent_pitches(source, message["id"], settings.double_pitch_days, now)
    to_create: list[dict] = []
    for person in expansion.recipients:
        key = ("c", person.contact_id) if person.contact_id else ("o", person.org_id)
        previous = recent.get(key)
        if previous is not None:
            result.duplicates.append(
                Skipped(person.contact_id, person.org_id, person.name, "duplicate", previous["id"])
            )
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
            entry = history_entry(
                tx.now,
                settings.owner,
                None,
                fields["status"],
                action="plan",
                note=fields.get("note"),
            )
            record = tx.insert(OUTREACH, {**fields, "history": [entry]})
            recorder.created(record)
            result.created.append(record)
        recorder.save(tx)
    return result


def skip_reason(skipped: Skipped, settings: OutreachSettings) -> str:
    if skipped.reason == "duplicate":
        return _(SKIP_REASONS["duplicate"], days=settings.double_pitch_days)
    return _(SKIP_REASONS.get(skipped.reason, skipped.reason))
