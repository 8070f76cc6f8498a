"""Conflict records: the value that lost a clash, kept until a person decides.

A conflict is a normal record of the table "conflicts", so it syncs like everything else. Its id
is derived from the clash (table, record, field and the losing value's stamp), so two officers
whose syncs detect the same clash create the same record, and its creation stamp is the winning
value's stamp, so both copies are identical. Fields:
- `table`, `record_id`, `field`: where the clash happened;
- `kind`: "edit" (both sides changed the field), "stale" (one side's value was older than what
  the other already had: a file that went back in time), "create" (two records created with the
  same id and different values, and no sync between them yet);
- `kept` and `other`: `{value, present, stamp, node}`: the provisional winner (what the record
  shows now, everywhere) and the value set aside; `node` is the device that wrote it (the node of
  its stamp), `present` is false when the value was an empty (cleared) field;
- `status`: "open" or "resolved"; once resolved: `resolved_at` and `resolution`
  `{keep, value, present, node}`.

The view (`conflict_view`, `conflicts list --json`) adds to each side `this_device`,
`device_name` (who works on the device that wrote it, from the stores' `device_names` meta;
null when unknown) and `label` (a coded value such as an outreach status in words, else null);
the resolution gets `label` too.

"mine" and "theirs" are relative to the device resolving: "mine" is the value written on this
device, "theirs" the other one. When neither value (or both) was written on this device, e.g. a
coordinator resolving a clash between two officers, "mine" is the value this device shows (the
provisional winner, `kept`) and "theirs" is the value set aside (`other`).

What a person types after `--keep` is read by `keep_choice`: mine/theirs in any case, or in
Vietnamese with or without diacritics ("của tôi", "cua toi", "của họ", "ho"); a near miss
("their", "mien", "my") or a few words with a side in them ("theirs please") is refused with a
suggestion, so a typo never becomes the field's value everywhere.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Mapping
from typing import Any

from ..clock import is_stamp, parse
from ..db import Snapshot, Store, Transaction
from ..errors import AmbiguousError, LantoaError, NotFoundError
from ..i18n import _
from ..model import field_label
from ..records import BASE_CLOCK, CLOCK, is_live
from ..vietnamese import fold
from .merge import CONFLICTS_TABLE, MISSING, Clash
from .stamps import CAPPED

#: Namespace of conflict ids; never change it, or two versions would not converge.
CONFLICT_NAMESPACE = uuid.UUID("0f6d7e55-3c4b-5a1e-8e0c-6c616e746f61")
OPEN, RESOLVED = "open", "resolved"
KEEP_MINE, KEEP_THEIRS = "mine", "theirs"
#: The field that names a record of each table, to show a person which record a clash is in.
NAME_FIELDS = {
    "organisations": "name",
    "contacts": "full_name",
    "messages": "title",
    "outreach": "note",
}
_MIN_PREFIX = 4
#: Words that mean mine/theirs after `--keep`, folded (no diacritics, lower case): "của họ",
#: "cua ho" and "CỦA HỌ" are the same choice.
KEEP_WORDS = {
    "mine": KEEP_MINE,
    "theirs": KEEP_THEIRS,
    "cua toi": KEEP_MINE,
    "toi": KEEP_MINE,
    "cua minh": KEEP_MINE,
    "minh": KEEP_MINE,
    "cua ho": KEEP_THEIRS,
    "ho": KEEP_THEIRS,
}
#: What a typo of mine/theirs is close to, and what it then most likely meant.
_NEAR_WORDS = {"mine": KEEP_MINE, "my": KEEP_MINE, "theirs": KEEP_THEIRS, "their": KEEP_THEIRS}
_NEAR_DISTANCE = 2
#: A word that, anywhere in a `--keep` text of a few words, shows the person meant to choose a
#: side ("theirs please", "keep mine"): refused rather than stored as the value.
_CHOICE_HINTS = {
    "mine": KEEP_MINE,
    "my": KEEP_MINE,
    "toi": KEEP_MINE,
    "minh": KEEP_MINE,
    "theirs": KEEP_THEIRS,
    "their": KEEP_THEIRS,
    "ho": KEEP_THEIRS,
}


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (the words are short)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def keep_choice(raw: str) -> str | None:
    """ "mine" or "theirs" for what a person typed after `--keep` (with or without diacritics),
    None for anything else."""
    return KEEP_WORDS.get(" ".join(fold(str(raw)).split()))


def near_keep(raw: str) -> str | None:
    """The choice a `--keep` text not in KEEP_WORDS was probably meant to be ("mine" or
    "theirs"): a word within edit distance 2 of mine/my/theirs/their, or a text of up to three
    words with one of them in it ("theirs please", "keep mine"); else None."""
    if keep_choice(raw) is not None:
        return None
    words = fold(str(raw)).split()
    if not words:
        return None
    if len(words) <= 3:
        for word in words:
            if word in _CHOICE_HINTS:
                return _CHOICE_HINTS[word]
    text = " ".join(words)
    best = min(_NEAR_WORDS, key=lambda w: (_distance(text, w), w))
    return _NEAR_WORDS[best] if _distance(text, best) <= _NEAR_DISTANCE else None


def conflict_id(table: str, record_id: str, field: str, losing_stamp: str) -> str:
    return str(uuid.uuid5(CONFLICT_NAMESPACE, f"{table}/{record_id}/{field}/{losing_stamp}"))


def node_of(stamp: str) -> str:
    """The device that wrote a value (a capped stamp's mark removed)."""
    return parse(stamp).node.split(CAPPED)[0] if is_stamp(stamp) else ""


def _side(value: Any, stamp: str) -> dict:
    present = value is not MISSING
    return {
        "value": value if present else None,
        "present": present,
        "stamp": stamp,
        "node": node_of(stamp),
    }


def conflict_record(clash: Clash, now: str) -> dict:
    """The conflict record of a clash: identical on every device that detects it."""
    winner, loser = clash.winner, clash.loser
    return {
        "id": conflict_id(clash.table, clash.record_id, clash.field, loser[1]),
        "table": clash.table,
        "record_id": clash.record_id,
        "field": clash.field,
        "kind": clash.kind,
        "status": OPEN,
        "kept": _side(*winner),
        "other": _side(*loser),
        "created_at": now,
        "updated_at": now,
        CLOCK: {BASE_CLOCK: winner[1]},
    }


def is_open(conflict: dict) -> bool:
    return is_live(conflict) and conflict.get("status", OPEN) == OPEN


def open_count(tables_or_snapshot: Snapshot | dict) -> int:
    if isinstance(tables_or_snapshot, Snapshot):
        records = tables_or_snapshot.by_id(CONFLICTS_TABLE).values()
    else:
        records = (tables_or_snapshot.get(CONFLICTS_TABLE) or {}).values()
    return sum(1 for c in records if is_open(c))


def device_node(meta: dict) -> str:
    return str(meta.get("device_id") or "")[:8]


def mine_side(conflict: dict, node: str) -> str:
    """Which of "kept"/"other" `--keep mine` means on the device with this node."""
    kept_here = (conflict.get("kept") or {}).get("node") == node
    other_here = (conflict.get("other") or {}).get("node") == node
    return "other" if other_here and not kept_here else "kept"


#: Where a name is looked up: {table: {id: record}} (a store's tables, tombstones included).
Lookup = Mapping[str, Mapping[str, dict]]


def record_name(table: str, record: dict | None, tables: Lookup | None = None) -> str:
    """How a person recognises a record. An outreach item is named by what went to whom
    ("Doanh thu ngành 2022 → Lê Trọng Khoa"), not by its note, when `tables` can tell."""
    if record is None:
        return ""
    if table == "outreach" and tables is not None:
        title = _name_in(tables, "messages", record.get("message_id"), "title")
        who = _name_in(tables, "contacts", record.get("contact_id"), "full_name") or _name_in(
            tables, "organisations", record.get("org_id"), "name"
        )
        if title or who:
            return f"{title or _('(no message)')} → {who or '?'}"
    name = record.get(NAME_FIELDS.get(table, "name"))
    return str(name) if name else record.get("id", "")[:8]


def _name_in(tables: Lookup, table: str, record_id: Any, field: str) -> str:
    found = (tables.get(table) or {}).get(record_id) if isinstance(record_id, str) else None
    return str(found.get(field) or "") if found else ""


def _snapshot_lookup(source: Snapshot | Transaction) -> Lookup:
    return {t: source.by_id(t) for t in ("messages", "contacts", "organisations")}


def origin_label(side: dict) -> str:
    """Who wrote a side of a conflict, for people: this device, the officer's, or its node."""
    if side.get("this_device"):
        return _("this device")
    if side.get("device_name"):
        return _("{name}'s device", name=side["device_name"])
    return _("device {node}", node=side.get("node") or "?")


def value_label(table: str, field: str | None, value: Any) -> str | None:
    """A coded value in words, in the interface language (an outreach status "done" is
    "Done"/"Đã xong"); None when the value is shown as it is."""
    if table != "outreach" or not isinstance(value, str):
        return None
    from ..outreach.model import CHANNELS, STATUSES, channel_label, status_label

    if field == "status" and value in STATUSES:
        return status_label(value)
    if field == "channel" and value in CHANNELS:
        return channel_label(value)
    return None


def conflict_view(conflict: dict, source: Snapshot | Transaction, node: str) -> dict:
    """A conflict as scripts and people see it (`conflicts list --json`); keys always present."""
    table, rid = conflict.get("table", ""), conflict.get("record_id", "")
    name = conflict.get("field")
    record = source.by_id(table).get(rid) if table else None
    mine = mine_side(conflict, node)
    found = source.meta.get("device_names")
    names = found if isinstance(found, dict) else {}
    sides = {}
    for key in ("kept", "other"):
        side = dict(conflict.get(key) or {})
        side.setdefault("value", None)
        side.setdefault("present", True)
        side["this_device"] = bool(side.get("node")) and side.get("node") == node
        side["device_name"] = names.get(side.get("node") or "")
        side["label"] = value_label(table, name, side["value"])
        sides[key] = side
    resolution = conflict.get("resolution")
    if isinstance(resolution, dict):
        resolution = {**resolution, "label": value_label(table, name, resolution.get("value"))}
    return {
        "id": conflict["id"],
        "status": conflict.get("status", OPEN),
        "kind": conflict.get("kind", "edit"),
        "table": table,
        "record_id": rid,
        "record_name": record_name(
            table, record, _snapshot_lookup(source) if table == "outreach" and record else None
        ),
        "record_deleted": bool(record and not is_live(record)),
        "field": name,
        "field_label": field_label(table, name) if name else "",
        "current": record.get(name) if record else None,
        "kept": sides["kept"],
        "other": sides["other"],
        "mine": mine,
        "theirs": "other" if mine == "kept" else "kept",
        "detected_at": conflict.get("created_at"),
        "resolved_at": conflict.get("resolved_at"),
        "resolution": resolution,
    }


def list_conflicts(snapshot: Snapshot, include_resolved: bool = False) -> list[dict]:
    """Conflict views, open ones first, oldest first (the order they need attention)."""
    node = device_node(snapshot.meta)
    found = [
        c
        for c in snapshot.by_id(CONFLICTS_TABLE).values()
        if is_live(c) and (include_resolved or is_open(c))
    ]
    found.sort(key=lambda c: (not is_open(c), c.get("created_at") or "", c["id"]))
    return [conflict_view(c, snapshot, node) for c in found]


def find_conflict(source: Snapshot | Transaction, ref: str) -> dict:
    """A conflict record by id or unambiguous id prefix (4 characters or more)."""
    ref = str(ref).strip().lower()
    records = source.by_id(CONFLICTS_TABLE)
    if ref in records:
        return records[ref]
    found = [c for rid, c in records.items() if len(ref) >= _MIN_PREFIX and rid.startswith(ref)]
    if not found:
        raise NotFoundError(
            _("No conflict matches {ref!r}. See `lantoa conflicts list --all`.", ref=ref)
        )
    if len(found) > 1:
        raise AmbiguousError(
            _("{ref!r} matches {n} conflicts; use a longer id.", ref=ref, n=len(found)), found
        )
    return found[0]


def _clean_value(table: str, field: str, raw: str, like: Any) -> Any:
    """VALUE typed by a person, checked like an edit of that field would be."""
    from ..validate import split_list

    if raw.strip() == "":
        return None
    if table in ("organisations", "contacts"):
        from ..model import validate

        return validate(table, {field: raw}, partial=True).get(field)
    if table == "messages":
        from ..messages import validate_message

        return validate_message({field: raw}, partial=True).get(field)
    if table == "outreach":
        from ..outreach.changes import TRACKED, check_change

        if field in TRACKED:  # status, note, link, due, channel: checked as `outreach set` does
            return check_change(**{field: raw})[field]
        raise LantoaError(
            _(
                "{field} of an outreach item cannot be typed in; keep mine or theirs.",
                field=field_label(table, field),
            )
        )
    if isinstance(like, list):
        return split_list(raw) or None
    if isinstance(like, bool):
        from ..validate import parse_bool

        return parse_bool(raw)
    return raw


def set_field(tx: Transaction, table: str, record_id: str, field: str, value: Any) -> dict:
    """Set a field with a fresh stamp even if the value is unchanged, so the decision wins
    over every older value on every device."""
    current = tx.get(table, record_id, include_deleted=True)
    if current is None:
        raise NotFoundError(
            _(
                "The {table} record {id} of this conflict is not in this store.",
                table=table,
                id=record_id[:8],
            )
        )
    updated = copy.deepcopy(current)
    if value is None:
        updated.pop(field, None)
    else:
        updated[field] = value
    updated.setdefault(CLOCK, {BASE_CLOCK: tx.stamp})[field] = tx.stamp
    updated["updated_at"] = tx.now
    tx.put(table, updated)
    return updated


def resolve_conflict(
    store: Store, ref: str, keep: str | None = None, *, value: str | None = None
) -> dict:
    """Decide a conflict: keep "mine", "theirs", or a VALUE typed by the person.

    `value` (when given) is always the typed value, even if it reads "mine"; otherwise `keep`
    is exactly "mine" or "theirs", or (older callers, the TUI's "another value") the value.
    The chosen value is written to the record with a fresh stamp, so it wins on every device at
    their next sync, and the conflict is marked resolved (which syncs too). Returns the view.
    """
    if value is not None:
        keep = value
        typed = True
    elif keep is None:
        raise LantoaError(_("Say which value to keep: mine, theirs, or a new value."))
    else:
        typed = keep not in (KEEP_MINE, KEEP_THEIRS)
    with store.transaction() as tx:
        conflict = find_conflict(tx, ref)
        if not is_live(conflict):
            raise NotFoundError(_("Conflict {id} was deleted.", id=conflict["id"][:8]))
        node = device_node(tx.meta)
        table, rid, field = conflict["table"], conflict["record_id"], conflict["field"]
        if field in ("id", CLOCK):
            raise LantoaError(_("This conflict cannot be resolved here."))
        mine = mine_side(conflict, node)
        if not typed:
            side_name = mine if keep == KEEP_MINE else ("other" if mine == "kept" else "kept")
            side = conflict.get(side_name) or {}
            chosen = copy.deepcopy(side.get("value")) if side.get("present", True) else None
        else:
            like = (conflict.get("kept") or {}).get("value")
            if like is None:
                like = (conflict.get("other") or {}).get("value")
            chosen = _clean_value(table, field, keep, like)
        set_field(tx, table, rid, field, chosen)
        choice = "value" if typed else keep
        tx.update(
            CONFLICTS_TABLE,
            conflict["id"],
            {
                "status": RESOLVED,
                "resolved_at": tx.now,
                "resolution": {
                    "keep": choice,
                    "value": chosen,
                    "present": chosen is not None,
                    "node": node,
                },
            },
        )
        return conflict_view(tx.get(CONFLICTS_TABLE, conflict["id"]), tx, node)
