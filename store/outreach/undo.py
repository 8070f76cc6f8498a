"""The undo journal: what each outreach command changed, kept in the store's meta record.

The journal is written in the same transaction as the change it describes, so a change and its
undo record are on disk together or not at all. It is a stack of the last MAX_COMMANDS commands
(bounded by MAX_ITEMS item records); `undo` pops the newest.

Undo is a new change, never a rewrite (sync-safe): it restores the previous field values with
fresh clock stamps, appends an "undo" entry to each item's history (old entries stay), and
tombstones items the command created. An item that changed since the command (by this device,
another process or a sync) is left as it is and reported, so undo never overwrites newer work.
The journal is local to this store file and describes changes made here; it is not synced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..db import Snapshot, Store, Transaction
from ..errors import LantoaError
from ..i18n import N_, _
from ..records import new_id
from .model import (
    OUTREACH,
    OutreachSettings,
    appended,
    history_entry,
    last_entry,
    update_item,
)

JOURNAL_KEY = "outreach_undo"
MAX_COMMANDS = 10
MAX_ITEMS = 20_000

COMMANDS: dict[str, str] = {
    "plan": N_("plan"),
    "set": N_("status change"),
    "done": N_("mark done"),
    "rm": N_("delete"),
}
#: Reasons an item was not undone.
REASONS: dict[str, str] = {
    "gone": N_("no longer in the store"),
    "changed": N_("changed since; left as it is"),
    "restored": N_("already brought back"),
    "deleted": N_("deleted since"),
}


def command_label(command: str | None) -> str:
    return _(COMMANDS[command]) if command in COMMANDS else (command or "")


def reason_label(reason: str) -> str:
    return _(REASONS[reason]) if reason in REASONS else reason


@dataclass
class Recorder:
    """Collects the item changes of one command while it runs in a transaction."""

    command: str
    items: list[dict] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)

    def created(self, item: dict) -> None:
        self.items.append(
            {
                "id": item["id"],
                "op": "create",
                "entry": _entry_id(item),
                "after": {"status": item.get("status")},
            }
        )

    def updated(self, item: dict, before: dict, after: dict) -> None:
        self.items.append(
            {
                "id": item["id"],
                "op": "update",
                "before": before,
                "after": after,
                "entry": _entry_id(item),
            }
        )

    def deleted(self, item: dict) -> None:
        self.items.append({"id": item["id"], "op": "delete", "entry": _entry_id(item)})

    def save(self, tx: Transaction) -> dict | None:
        """Push this command onto the journal (nothing when it changed nothing)."""
        if not self.items:
            return None
        record = {
            "id": new_id(),
            "at": tx.now,
            "stamp": tx.stamp,
            "command": self.command,
            "count": len(self.items),
            "detail": self.detail,
            "items": self.items,
        }
        stack = [*journal(tx.meta), record]
        while len(stack) > 1 and (
            len(stack) > MAX_COMMANDS or sum(len(c["items"]) for c in stack) > MAX_ITEMS
        ):
            stack.pop(0)
        tx.meta[JOURNAL_KEY] = stack
        tx.dirty = True
        return record


def _entry_id(item: dict) -> str | None:
    entry = last_entry(item)
    return entry.get("id") if entry else None


def journal(meta: dict) -> list[dict]:
    stack = meta.get(JOURNAL_KEY)
    return list(stack) if isinstance(stack, list) else []


def last_command(source: Snapshot | Transaction) -> dict | None:
    """The command `undo` would revert, without its item list: {id, at, command, count, detail}."""
    stack = journal(source.meta)
    if not stack:
        return None
    return {k: v for k, v in stack[-1].items() if k != "items"}


@dataclass
class UndoResult:
    command: dict
    reverted: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "command": self.command,
            "reverted": self.reverted,
            "skipped": [{"id": i, "reason": r} for i, r in self.skipped],
        }


def effective_last_entry(item: dict) -> dict | None:
    """The newest history entry still in effect: undo entries and what they undid are skipped,
    so undoing twice walks back through the commands."""
    undone: set[str] = set()
    for entry in reversed(item.get("history") or []):
        if entry.get("action") == "undo":
            undone.add(entry.get("undo_of") or "")
        elif entry.get("id") not in undone:
            return entry
    return None


def _unchanged_since(item: dict, rec: dict) -> bool:
    """Nothing but undone work happened to the item since the journalled change."""
    entry = effective_last_entry(item)
    if rec.get("entry") and (entry is None or entry.get("id") != rec["entry"]):
        return False
    after = rec.get("after") or {}
    return all(item.get(k) == v for k, v in after.items())


def undo_last(store: Store, settings: OutreachSettings) -> UndoResult:
    """Revert the newest journalled command in one transaction; pops it from the journal."""
    with store.transaction() as tx:
        stack = journal(tx.meta)
        if not stack:
            raise LantoaError(_("Nothing to undo: no outreach change is recorded in this store."))
        command = stack.pop()
        tx.meta[JOURNAL_KEY] = stack
        tx.dirty = True
        result = UndoResult({k: v for k, v in command.items() if k != "items"})
        for rec in command["items"]:
            item = tx.get(OUTREACH, rec["id"], include_deleted=True)
            reason = _undo_item(tx, item, rec, settings)
            if reason:
                result.skipped.append((rec["id"], reason))
            else:
                result.reverted.append(rec["id"])
    return result


def _undo_item(
    tx: Transaction, item: dict | None, rec: dict, settings: OutreachSettings
) -> str | None:
    """Revert one item; returns why it was skipped, or None when reverted."""
    if item is None:
        return "gone"
    op = rec["op"]
    status = item.get("status")
    if op == "delete":
        if not item.get("deleted"):
            return "restored"
        if not _unchanged_since(item, rec):
            return "changed"
        entry = history_entry(
            tx.now, settings.owner, status, status, action="undo", undo_of=rec.get("entry")
        )
        tx.restore(OUTREACH, item["id"])
        tx.update(OUTREACH, item["id"], {"history": appended(item, entry)})
        return None
    if item.get("deleted"):
        return "deleted"
    if not _unchanged_since(item, rec):
        return "changed"
    if op == "create":
        entry = history_entry(
            tx.now, settings.owner, status, status, action="undo", undo_of=rec.get("entry")
        )
        update_item(tx, item, {"history": appended(item, entry)}, delete=True)
        return None
    before = rec.get("before") or {}
    entry = history_entry(
        tx.now,
        settings.owner,
        status,
        before.get("status", status),
        action="undo",
        undo_of=rec.get("entry"),
    )
    changes = dict(before)
    changes["history"] = appended(item, entry)
    update_item(tx, item, changes)
    return None
