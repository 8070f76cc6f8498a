"""Outreach items: the record, its statuses, settings, and the append-only history trail.

An outreach item (table "outreach") is one act of reaching one person or one organisation:

- `message_id` (optional: a call or a meeting without a message is outreach too);
- `contact_id` for a person, and `org_id` for the organisation credited with it (the person's
  organisation when it was planned, or the organisation itself when no person is named);
- `channel` (store.model.CHANNELS), `status` (STATUSES), `due` (ISO date of the next follow-up),
  `owner` (who planned it), `note` (the latest note), `link` (the coverage, required for published);
- `history`: a list of entries `{id, at, by, action, from, to, note, link?, changes?, undo_of?}`.
  Every change appends one entry and never rewrites an old one: sync merges the list as a union by
  entry id, so the trail survives concurrent edits on several devices.
"""

from __future__ import annotations

import getpass
import os
import urllib.parse
from dataclasses import dataclass
from typing import Any

from ..config import load_config
from ..db import Transaction
from ..errors import LantoaError
from ..i18n import N_, _
from ..model import CHANNELS, enum_value
from ..records import BASE_CLOCK, CLOCK, META_FIELDS, TOMBSTONE_FIELD, new_id
from ..validate import InvalidValue, clean_line, clean_text
from ..vietnamese import fold

OUTREACH = "outreach"
MESSAGES = "messages"

STATUSES: dict[str, str] = {
    "planned": N_("Planned"),
    "sent": N_("Sent"),
    "done": N_("Done"),
    "replied": N_("Replied"),
    "published": N_("Published"),
    "declined": N_("Declined"),
    "no_answer": N_("No answer"),
}
#: Other spellings (folded) people type for a status, Vietnamese first.
STATUS_ALIASES: dict[str, str] = {
    "du kien": "planned",
    "ke hoach": "planned",
    "plan": "planned",
    "da gui": "sent",
    "gui": "sent",
    "xong": "done",
    "hoan thanh": "done",
    "da xong": "done",
    "tra loi": "replied",
    "da tra loi": "replied",
    "reply": "replied",
    "da dang": "published",
    "dang bai": "published",
    "publish": "published",
    "tu choi": "declined",
    "decline": "declined",
    "khong tra loi": "no_answer",
    "no answer": "no_answer",
    "noanswer": "no_answer",
}
#: How far a status got, for coverage: 1 planned, 2 reached, 3 answered, 4 published.
#: "done" and "no answer" mean the message went out; "declined" is an answer (a no).
LEVEL: dict[str, int] = {
    "planned": 1,
    "sent": 2,
    "done": 2,
    "no_answer": 2,
    "replied": 3,
    "declined": 3,
    "published": 4,
}
#: Where a status stands in the pipeline, the one place that says which change moves an item
#: backwards: a bulk status change (`--all`) never does that to items nobody asked for.
#: "done", "replied" and "declined" share a rank (an answer may come before or after "done").
PIPELINE: dict[str, int] = {
    "planned": 0,
    "sent": 1,
    "no_answer": 2,
    "done": 3,
    "replied": 3,
    "declined": 3,
    "published": 4,
}
REACHED = frozenset(s for s, level in LEVEL.items() if level >= 2)
REPLIED = frozenset(s for s, level in LEVEL.items() if level >= 3)
#: Items still waiting for the press officer: their due date can be overdue.
OPEN_STATUSES = ("planned", "sent", "replied")
DEFAULT_CHANNEL = "email"
DEFAULT_DOUBLE_PITCH_DAYS = 14

ACTIONS: dict[str, str] = {
    "plan": N_("planned"),
    "status": N_("status change"),
    "note": N_("note"),
    "edit": N_("edited"),
    "undo": N_("undo"),
    "delete": N_("deleted"),
    "restore": N_("restored"),
}


def moves_back(from_status: str | None, to_status: str | None) -> bool:
    """Whether changing `from_status` to `to_status` goes back in the pipeline (e.g. published
    to sent); unknown statuses never count as going back."""
    if from_status not in PIPELINE or to_status not in PIPELINE:
        return False
    return PIPELINE[to_status] < PIPELINE[from_status]


def status_value(value: object) -> str:
    """A status key from a key, a label in either language, or a common alias."""
    text = fold(str(value).strip()).replace("-", " ").replace("_", " ")
    alias = STATUS_ALIASES.get(text)
    if alias:
        return alias
    return enum_value(value, STATUSES, _("status"))


def channel_value(value: object) -> str:
    return enum_value(value, CHANNELS, _("channel"))


def link_value(value: object) -> str:
    """A web address of the coverage (http/https); `www.…` gets https:// in front."""
    text = clean_line(str(value), 2000)
    if text.startswith("www."):
        text = "https://" + text
    parts = urllib.parse.urlsplit(text)
    if not text or " " in text or parts.scheme not in ("http", "https") or "." not in parts.netloc:
        raise InvalidValue(
            _(
                "{value!r} is not a web address; give the full link, like https://baochinhphu.vn/…",
                value=str(value),
            )
        )
    return text


def note_value(value: object) -> str | None:
    return clean_text(str(value), 5000) or None


def status_label(status: str | None) -> str:
    return _(STATUSES[status]) if status in STATUSES else (status or "")


def channel_label(channel: str | None) -> str:
    return _(CHANNELS[channel]) if channel in CHANNELS else (channel or "")


def action_label(action: str | None) -> str:
    return _(ACTIONS[action]) if action in ACTIONS else (action or "")


# -- settings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutreachSettings:
    """Who is working (history `by`, item `owner`) and the no-double-pitching window."""

    owner: str
    double_pitch_days: int = DEFAULT_DOUBLE_PITCH_DAYS


def system_user() -> str:
    for var in ("LANTOA_USER", "USER", "USERNAME", "LOGNAME"):
        if os.environ.get(var):
            return os.environ[var]
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def settings_from_config(config: dict[str, Any] | None = None) -> OutreachSettings:
    """Settings from config.toml: `[outreach] owner`, else top-level `owner` or `user`, else the
    login name ($LANTOA_USER, $USER); `[outreach] double_pitch_days` (default 14, 0 = off)."""
    if config is None:
        config = load_config()
    section = config.get("outreach") or {}
    if not isinstance(section, dict):
        section = {}
    owner = section.get("owner") or config.get("owner") or config.get("user") or system_user()
    days = section.get("double_pitch_days", DEFAULT_DOUBLE_PITCH_DAYS)
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise LantoaError(
            _(
                "config: outreach.double_pitch_days must be a whole number of days (0 turns "
                "the check off), not {value!r}",
                value=days,
            )
        )
    return OutreachSettings(owner=str(owner).strip() or system_user(), double_pitch_days=days)


# -- history ---------------------------------------------------------------------------------


def history_entry(
    at: str,
    by: str,
    from_status: str | None,
    to_status: str | None,
    *,
    action: str,
    note: str | None = None,
    link: str | None = None,
    **extra: Any,
) -> dict:
    """One entry of an item's trail; its unique id lets sync union the lists."""
    entry: dict[str, Any] = {
        "id": new_id(),
        "at": at,
        "by": by,
        "action": action,
        "from": from_status,
        "to": to_status,
        "note": note,
    }
    if link:
        entry["link"] = link
    entry.update({k: v for k, v in extra.items() if v is not None})
    return entry


def appended(item: dict, entry: dict) -> list[dict]:
    """The item's history with `entry` at the end (a new list: old entries are never touched)."""
    return [*(item.get("history") or []), entry]


def last_entry(item: dict) -> dict | None:
    history = item.get("history") or []
    return history[-1] if history else None


def is_contact_item(item: dict) -> bool:
    return bool(item.get("contact_id"))


def update_item(
    tx: Transaction, item: dict, changes: dict[str, Any], *, delete: bool = False
) -> dict:
    """`tx.update` (and `tx.delete` with `delete`) for outreach items without deep copies, for
    bulk commands (5,000 items).

    Same record semantics as records.apply_changes and records.set_deleted (per-field clock
    stamps, None clears, meta fields ignored, the tombstone with its own clock, `updated_at`),
    but the new version shares unchanged values with the old one, which the transaction
    replaces. Callers pass fresh values (a new history list).
    """
    updated = dict(item)
    clocks = dict(updated.get(CLOCK) or {BASE_CLOCK: tx.stamp})
    changed = False
    if delete and not updated.get("deleted"):
        updated["deleted"] = True
        updated["deleted_at"] = tx.now
        clocks[TOMBSTONE_FIELD] = tx.stamp
        changed = True
    for name, value in changes.items():
        if name in META_FIELDS or updated.get(name) == value:
            continue
        if value is None:
            if name not in updated:
                continue
            del updated[name]
        else:
            updated[name] = value
        clocks[name] = tx.stamp
        changed = True
    if changed:
        updated[CLOCK] = clocks
        updated["updated_at"] = tx.now
        tx.put(OUTREACH, updated)
        return updated
    return item
