"""Changing outreach items: status, note, link, due date, channel; deleting. One transaction each.

Every change of an item appends a history entry (`from`, `to`, `note`, `by`, `at`, `link`,
`changes`) and never edits an old one; the item's `note` is its latest note (all notes stay in
the history). A command over many items validates all of them first and writes once, so it
applies to all or none; it is journalled so `undo_last` can revert it.

With `keep_progress` (the CLI's `--all`), a status change skips items that are already further
along the pipeline (model.PIPELINE: a published item is not sent back to "sent") unless their
status is in `back_from` (the person filtered for exactly those items).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..db import Store, Transaction
from ..errors import NotFoundError, ValidationError
from ..i18n import _
from ..validate import InvalidValue
from .dates import due_value
from .model import (
    OUTREACH,
    OutreachSettings,
    appended,
    channel_value,
    history_entry,
    link_value,
    moves_back,
    note_value,
    status_value,
    update_item,
)
from .undo import Recorder

TRACKED = ("status", "note", "link", "due", "channel")


@dataclass
class ChangeResult:
    changed: list[dict] = field(default_factory=list)
    unchanged: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # further along: not moved back
    command: dict | None = None  # the journal record summary (what `undo` would revert)


def check_change(
    status: str | None = None,
    note: str | None = None,
    link: str | None = None,
    due: str | date | None = None,
    clear_due: bool = False,
    channel: str | None = None,
    today: date | None = None,
) -> dict:
    """The stored form of a change, or ValidationError naming every bad value (call it before
    asking for confirmation)."""
    errors: list[tuple[str, str]] = []
    clean: dict = {}
    for name, value, check in (
        ("status", status, status_value),
        ("note", note, note_value),
        ("link", link, link_value),
        ("channel", channel, channel_value),
    ):
        if value is not None and str(value).strip():
            try:
                clean[name] = check(value)
            except InvalidValue as exc:
                errors.append((name, str(exc)))
    if due is not None and str(due).strip():
        try:
            clean["due"] = due_value(due, today)
        except InvalidValue as exc:
            errors.append(("due", str(exc)))
    elif clear_due:
        clean["due"] = None
    if errors:
        raise ValidationError(errors)
    if not clean:
        raise ValidationError(
            [
                (
                    "status",
                    _("Nothing to change: give a status, a note, a link, a due date or a channel."),
                )
            ]
        )
    return clean


def _live_items(tx: Transaction, item_ids: Sequence[str]) -> list[dict]:
    items: list[dict] = []
    missing: list[str] = []
    for item_id in dict.fromkeys(item_ids):
        item = tx.get(OUTREACH, item_id)
        if item is None:
            missing.append(item_id)
        else:
            items.append(item)
    if missing:
        raise NotFoundError(
            _(
                "{n} outreach items are no longer in the store (deleted meanwhile?): {ids}. "
                "Nothing was changed; list them again with `lantoa outreach list`.",
                n=len(missing),
                ids=", ".join(i[:8] for i in missing[:10]),
            )
        )
    return items


def change_items(
    store: Store,
    item_ids: Sequence[str],
    settings: OutreachSettings,
    *,
    status: str | None = None,
    note: str | None = None,
    link: str | None = None,
    due: str | date | None = None,
    clear_due: bool = False,
    channel: str | None = None,
    command: str = "set",
    today: date | None = None,
    keep_progress: bool = False,
    back_from: Collection[str] = (),
) -> ChangeResult:
    """Apply one change to every item in one transaction (all or none), journalled for undo.

    `published` needs a link: given here, or already on the item. A note alone (same status)
    is recorded as an annotation in the history. With `keep_progress`, items the new status
    would move backwards (and whose status is not in `back_from`) are left alone, in `skipped`.
    """
    clean = check_change(status, note, link, due, clear_due, channel, today)
    result = ChangeResult()
    with store.transaction() as tx:
        items = _live_items(tx, item_ids)
        if keep_progress and "status" in clean:
            items, result.skipped = held_back(items, clean["status"], back_from)
        if clean.get("status") == "published":
            lacking = [i["id"][:8] for i in items if not (clean.get("link") or i.get("link"))]
            if lacking:
                raise ValidationError(
                    [
                        (
                            "link",
                            _(
                                "published needs the link to the coverage: add --link URL "
                                "(items without one: {ids})",
                                ids=", ".join(lacking[:10]),
                            ),
                        )
                    ]
                )
        recorder = Recorder(command, detail={"status": clean.get("status")})
        for item in items:
            updated = _change_one(tx, item, clean, settings)
            if updated is None:
                result.unchanged.append(item)
                continue
            record, before, after = updated
            recorder.updated(record, before, after)
            result.changed.append(record)
        saved = recorder.save(tx)
    if saved:
        result.command = {k: v for k, v in saved.items() if k != "items"}
    return result


def held_back(
    items: Sequence[dict], status: str, back_from: Collection[str] = ()
) -> tuple[list[dict], list[dict]]:
    """(items to change, items left alone) for a bulk change to `status` that must not move
    items backwards in the pipeline, except those whose status is in `back_from`."""
    keep: list[dict] = []
    held: list[dict] = []
    for item in items:
        old = item.get("status")
        if moves_back(old, status) and old not in back_from:
            held.append(item)
        else:
            keep.append(item)
    return keep, held


def _change_one(
    tx: Transaction, item: dict, clean: dict, settings: OutreachSettings
) -> tuple[dict, dict, dict] | None:
    changes = {k: v for k, v in clean.items() if item.get(k) != v}
    noted = "note" in clean
    if not changes and not noted:
        return None
    old_status = item.get("status")
    new_status = changes.get("status", old_status)
    if "status" in changes:
        action = "status"
    elif set(changes) <= {"note"}:
        action = "note"
    else:
        action = "edit"
    extra = {k: [item.get(k), changes[k]] for k in ("due", "channel") if k in changes}
    entry = history_entry(
        tx.now,
        settings.owner,
        old_status,
        new_status,
        action=action,
        note=clean.get("note"),
        link=clean.get("link"),
        changes=extra or None,
    )
    before = {k: item.get(k) for k in changes}
    after = dict(changes)
    record = update_item(tx, item, {**changes, "history": appended(item, entry)})
    return record, before, after


def mark_done(
    store: Store,
    item_ids: Sequence[str],
    settings: OutreachSettings,
    note: str | None = None,
    *,
    keep_progress: bool = False,
    back_from: Collection[str] = (),
) -> ChangeResult:
    """Mark items done (the previous status stays in each item's history)."""
    return change_items(
        store,
        item_ids,
        settings,
        status="done",
        note=note,
        command="done",
        keep_progress=keep_progress,
        back_from=back_from,
    )


def delete_items(
    store: Store,
    item_ids: Sequence[str],
    settings: OutreachSettings,
    note: str | None = None,
) -> ChangeResult:
    """Tombstone items (a mistaken plan); their history gets a "deleted" entry; undoable."""
    clean_note = note_value(note) if note else None
    result = ChangeResult()
    with store.transaction() as tx:
        items = _live_items(tx, item_ids)
        recorder = Recorder("rm")
        for item in items:
            status = item.get("status")
            entry = history_entry(
                tx.now, settings.owner, status, status, action="delete", note=clean_note
            )
            record = update_item(tx, item, {"history": appended(item, entry)}, delete=True)
            recorder.deleted(record)
            result.changed.append(record)
        saved = recorder.save(tx)
    if saved:
        result.command = {k: v for k, v in saved.items() if k != "items"}
    return result
