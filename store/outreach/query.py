"""Reading outreach: item views with names, filters (status, overdue, mine…), grouping, id lookup.

Everything here is pure: it works on a `Snapshot` (or a `Transaction`) and never writes, so the
TUI can call it on every refresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..db import Snapshot, Transaction
from ..errors import AmbiguousError, NotFoundError, ValidationError
from ..i18n import _
from ..network import CONTACTS, MIN_PREFIX, ORGS, resolve
from ..records import public_view
from ..reference import provinces
from ..validate import InvalidValue
from ..vietnamese import name_sort_key, text_sort_key
from .model import MESSAGES, OPEN_STATUSES, OUTREACH, channel_value, status_value

Source = Snapshot | Transaction

#: Keys of an item in `--json` output, always present, in this order (then unknown fields).
ITEM_JSON_KEYS = (
    "id",
    "message_id",
    "message_title",
    "contact_id",
    "contact_name",
    "org_id",
    "org_name",
    "org_kind",
    "province_code",
    "province",
    "region",
    "channel",
    "status",
    "due",
    "overdue",
    "owner",
    "note",
    "link",
    "history",
    "created_at",
    "updated_at",
)


class Lookup:
    """Names of the people, organisations and messages items point to (tombstones included,
    so an old item still shows who it went to)."""

    def __init__(self, source: Source) -> None:
        self.contacts = source.by_id(CONTACTS)
        self.orgs = source.by_id(ORGS)
        self.messages = source.by_id(MESSAGES)

    def contact(self, item: dict) -> dict | None:
        return self.contacts.get(item.get("contact_id") or "")

    def org_id(self, item: dict) -> str | None:
        """The organisation an item credits: its own org_id, else its person's organisation."""
        if item.get("org_id"):
            return item["org_id"]
        contact = self.contact(item)
        return (contact or {}).get("org_id")

    def org(self, item: dict) -> dict | None:
        return self.orgs.get(self.org_id(item) or "")

    def message(self, item: dict) -> dict | None:
        return self.messages.get(item.get("message_id") or "")

    def message_title(self, item: dict) -> str | None:
        message = self.message(item)
        if message is None:
            return None
        return message.get("title") or message.get("headline") or message["id"][:8]

    def target_name(self, item: dict) -> str:
        """Who the item reaches: the person's name, else the organisation's."""
        contact = self.contact(item)
        if contact is not None:
            return contact.get("full_name") or contact["id"][:8]
        org = self.org(item)
        return (org or {}).get("name") or ""

    def view(self, item: dict, today: date | None = None) -> dict:
        """An item as scripts and screens see it: fields, names, and `overdue`."""
        today = today or date.today()
        contact = self.contact(item)
        org = self.org(item)
        code = (contact or {}).get("province_code") or (org or {}).get("province_code")
        province = provinces().get(code or "")
        base = public_view(item)
        view: dict[str, Any] = {
            "id": item.get("id"),
            "message_id": item.get("message_id"),
            "message_title": self.message_title(item),
            "contact_id": item.get("contact_id"),
            "contact_name": (contact or {}).get("full_name"),
            "org_id": self.org_id(item),
            "org_name": (org or {}).get("name"),
            "org_kind": (org or {}).get("kind"),
            "province_code": code if province else None,
            "province": province.name if province else None,
            "region": province.region_vi if province else (org or {}).get("region"),
            "channel": item.get("channel"),
            "status": item.get("status"),
            "due": item.get("due"),
            "overdue": is_overdue(item, today),
            "owner": item.get("owner"),
            "note": item.get("note"),
            "link": item.get("link"),
            "history": list(item.get("history") or []),
            "created_at": item.get("created_at"),
            "updated_at": item.get("updated_at"),
        }
        view.update({k: v for k, v in base.items() if k not in view})
        return view


def is_open(item: dict) -> bool:
    return item.get("status") in OPEN_STATUSES


def is_overdue(item: dict, today: date) -> bool:
    """Still open and its follow-up date has passed."""
    due = item.get("due")
    return bool(due) and is_open(item) and str(due) < today.isoformat()


@dataclass
class OutreachFilter:
    """Criteria that combine (all must hold); values already resolved to stored forms."""

    statuses: frozenset[str] | None = None
    message_id: str | None = None
    contact_id: str | None = None
    org_id: str | None = None
    channel: str | None = None
    overdue: bool = False
    due_today: bool = False
    owner: str | None = None

    def accepts(self, item: dict, lookup: Lookup, today: date) -> bool:
        if self.statuses is not None and item.get("status") not in self.statuses:
            return False
        if self.message_id and item.get("message_id") != self.message_id:
            return False
        if self.contact_id and item.get("contact_id") != self.contact_id:
            return False
        if self.org_id and self.org_id not in (
            item.get("org_id"),
            lookup.org_id(item),
            (lookup.contact(item) or {}).get("org_id"),
        ):
            return False
        if self.channel and item.get("channel") != self.channel:
            return False
        if self.overdue and not is_overdue(item, today):
            return False
        if self.due_today and not (is_open(item) and item.get("due") == today.isoformat()):
            return False
        return not (self.owner and item.get("owner") != self.owner)

    def is_empty(self) -> bool:
        return self == OutreachFilter()


def build_filter(
    source: Source,
    *,
    status: list[str] | str | None = None,
    message: str | None = None,
    contact: str | None = None,
    org: str | None = None,
    channel: str | None = None,
    overdue: bool = False,
    due_today: bool = False,
    owner: str | None = None,
) -> OutreachFilter:
    """Turn what a person typed into a filter; bad values raise ValidationError, unknown
    references NotFoundError (with the command that finds the right one)."""
    errors: list[tuple[str, str]] = []
    criteria = OutreachFilter(overdue=overdue, due_today=due_today, owner=owner or None)
    wanted = [status] if isinstance(status, str) else list(status or [])
    if wanted:
        found = set()
        for value in wanted:
            try:
                found.add(status_value(value))
            except InvalidValue as exc:
                errors.append(("status", str(exc)))
        criteria.statuses = frozenset(found)
    if channel:
        try:
            criteria.channel = channel_value(channel)
        except InvalidValue as exc:
            errors.append(("channel", str(exc)))
    if errors:
        raise ValidationError(errors)
    if message:
        criteria.message_id = resolve(source, MESSAGES, message)["id"]
    if contact:
        criteria.contact_id = resolve(source, CONTACTS, contact)["id"]
    if org:
        criteria.org_id = resolve(source, ORGS, org)["id"]
    return criteria


def item_sort_key(view: dict) -> tuple:
    """Open items first, then by due date (none last), then by name."""
    status = view.get("status")
    return (
        0 if status in OPEN_STATUSES else 1,
        view.get("due") or "9999-99-99",
        name_sort_key(view.get("contact_name") or view.get("org_name") or ""),
    )


def find_items(
    source: Source, criteria: OutreachFilter | None = None, today: date | None = None
) -> list[dict]:
    """The live items matching `criteria` (raw records, store order)."""
    today = today or date.today()
    criteria = criteria or OutreachFilter()
    lookup = Lookup(source)
    return [i for i in source.live(OUTREACH) if criteria.accepts(i, lookup, today)]


def list_items(
    source: Source, criteria: OutreachFilter | None = None, today: date | None = None
) -> list[dict]:
    """Views of the matching items: open ones first, by due date, then by name."""
    today = today or date.today()
    lookup = Lookup(source)
    items = find_items(source, criteria, today)
    return sorted((lookup.view(i, today) for i in items), key=item_sort_key)


GROUP_BY = ("message", "contact")


def group_views(views: list[dict], by: str = "message") -> list[tuple[str, list[dict]]]:
    """Views grouped by message title or by recipient (person, else organisation), groups in
    Vietnamese order; items without a message form their own group, last."""
    if by not in GROUP_BY:
        raise ValidationError([("by", _("group by message or contact, not {value!r}", value=by))])
    groups: dict[str, list[dict]] = {}
    for view in views:
        if by == "message":
            key = view.get("message_title") or ""
        else:
            key = view.get("contact_name") or view.get("org_name") or ""
        groups.setdefault(key, []).append(view)
    sort = name_sort_key if by == "contact" else text_sort_key
    return sorted(groups.items(), key=lambda kv: (kv[0] == "", sort(kv[0])))


def resolve_items(source: Source, refs: list[str]) -> list[dict]:
    """Live items by id or unambiguous id prefix (at least 4 characters), in the given order,
    each once. Raises NotFoundError/AmbiguousError naming the reference to fix."""
    live = source.live(OUTREACH)
    by_id = {i["id"]: i for i in live}
    out: dict[str, dict] = {}
    for raw in refs:
        ref = str(raw).strip().lower()
        if ref in by_id:
            out.setdefault(ref, by_id[ref])
            continue
        if len(ref) < MIN_PREFIX:
            raise NotFoundError(
                _(
                    "{ref!r} is too short: give at least {n} characters of an outreach id "
                    "(see `lantoa outreach list`).",
                    ref=str(raw),
                    n=MIN_PREFIX,
                )
            )
        found = [i for i in live if i["id"].startswith(ref)]
        if not found:
            raise NotFoundError(
                _(
                    "No outreach item has the id {ref!r}. See the ids with `lantoa outreach list`.",
                    ref=str(raw),
                )
            )
        if len(found) > 1:
            raise AmbiguousError(
                _(
                    "{ref!r} matches {n} outreach items; use a longer id.",
                    ref=str(raw),
                    n=len(found),
                ),
                found,
            )
        out.setdefault(found[0]["id"], found[0])
    return list(out.values())
