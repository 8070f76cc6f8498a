"""Planning a contacts batch prepared by columns: its plainly new people at once (a part of the
planner).

A first import of a press office's list is mostly people the store has never seen, each with
their own email and phone, at an organisation the store knows. Such a row cannot match anyone,
and nothing else in the file can match it, so it needs none of the planner's row-by-row
indexes and working copies: it is added as it is. Which rows are plain is decided for the whole
file with counts (`collections.Counter`, set lookups); the other rows go through the general
path in file order, as before. A property test checks that the store and the report are exactly
the general path's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from itertools import chain, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from .headers import CONTACTS
from .import_columns import Columns
from .import_rows import Prepared
from .vietnamese import match_key, match_keys

if TYPE_CHECKING:
    from .upsert import Planner

_ANY = object()  # an organisation found only when its row is planned: perhaps any
_LIST_FIELDS = ("beats", "topics", "tags")  # lists a column shares between rows (its cache)


def plan_columns(planner: Planner, columns: Columns, others: list[Prepared], fast: bool) -> None:
    """Plan a batch: the rows prepared by columns, and `others`, its rows prepared one by one."""
    n = len(columns.rows)
    index = [i for i, slow in enumerate(columns.row_path) if not slow]
    names = columns.values.get("full_name") or [None] * n
    emails = columns.values.get("emails") or [None] * n
    phones = columns.values.get("phones") or [None] * n
    first_phase = all(
        names[i] is not None and (emails[i] is not None or phones[i] is not None) for i in index
    ) and all(
        p.clean.get("full_name") and (p.row_id or p.clean.get("emails") or p.clean.get("phones"))
        for p in others
    )
    if not (fast and first_phase):  # rows waiting for others: the general path, in file order
        rows = others + [columns.prepared(i) for i in index]
        rows.sort(key=lambda p: p.row.record)
        planner._plan_contacts(rows)
        return
    planner._contacts()
    plain = _plain(planner, columns, index, others)
    by_record = {p.row.record: p for p in others}
    changes = planner.report._changes
    start = len(changes)
    ids: list[str | None] = [None] * n
    for i in range(n):  # file order: ids are drawn as the general path draws them
        if plain[i] is not None:
            ids[i] = next(planner._ids)
            continue
        prep = by_record.get(i + 1) if columns.row_path[i] else None
        if prep is None and not columns.row_path[i]:
            prep = columns.prepared(i)
        if prep is not None and not planner._plan_new_contact(prep):
            planner._plan_contact(prep, final=False)
    _add(planner, columns, plain, ids)
    changes[start:] = sorted(changes[start:], key=itemgetter(2))  # by record: file order


def _plain(
    planner: Planner, columns: Columns, index: list[int], others: list[Prepared]
) -> list[str | None]:
    """For each row, its organisation's id ("" for none) if the row plainly adds a new person,
    else None.

    Plain: prepared by columns, without an organisation id of its own; it names one organisation
    the planner knows (not one a row might create), or none; and its emails, phones and folded
    name at its organisation belong to nobody in the store and to no other row of the file."""
    values, n = columns.values, len(columns.rows)
    found = {t: planner.orgs.find(t) for t in set(columns.org_names) if t}
    for prep in others:
        if prep.org_name_text and prep.org_name_text not in found:
            found[prep.org_name_text] = planner.orgs.find(prep.org_name_text)
    # An organisation a row of this file creates may share a folded name with a text that
    # finds one today (it would then find two): such a text is left to the general path.
    unknown = {match_key(t) for t, ids in found.items() if not ids}
    org_of: dict[str | None, Any] = {None: ""}
    for text, ids in found.items():
        if len(ids) == 1 and match_key(text) not in unknown:
            org_of[text] = ids[0]
        else:  # to be created (a new id: shared with no other row) or refused, or unsure
            org_of[text] = _ANY if ids else None
    pick = _picker(index, n)
    names = pick(values["full_name"])
    distinct = list(set(names))
    folded = dict(zip(distinct, match_keys(distinct), strict=True))
    keys = list(map(folded.__getitem__, names))
    org_ids = pick(columns.org_ids)
    if any(org_ids):  # an organisation id is found only when its row is planned
        orgs = [
            _ANY if i else org_of[t] for t, i in zip(pick(columns.org_names), org_ids, strict=True)
        ]
    else:
        orgs = list(map(org_of.__getitem__, pick(columns.org_names)))
    emails = pick(values.get("emails") or [None] * n)
    phones = pick(values.get("phones") or [None] * n)
    pairs = list(zip(keys, orgs, strict=True))
    all_emails = list(chain.from_iterable(filter(None, emails)))
    all_phones = list(chain.from_iterable(filter(None, phones)))
    all_pairs = list(pairs)
    for prep in others:  # they count for what they share with the plain rows
        all_emails += prep.clean.get("emails") or ()
        all_phones += prep.clean.get("phones") or ()
        org = _ANY if prep.org_id_text else org_of[prep.org_name_text or None]
        all_pairs.append((match_key(prep.clean["full_name"]), org))
    lowered = "\n".join(all_emails).lower().split("\n") if all_emails else []
    taken_emails = _taken(lowered, planner.by_email)
    taken_phones = _taken(all_phones, planner.by_phone)
    pair_count = Counter(all_pairs)
    ok = [
        c == 1 and isinstance(org, str)
        for c, org in zip(map(pair_count.__getitem__, pairs), orgs, strict=True)
    ]
    if _ANY in set(org for _key, org in all_pairs):  # that name may be at any organisation
        anywhere = {k for k, org in all_pairs if org is _ANY}
        ok = [good and k not in anywhere for good, k in zip(ok, keys, strict=True)]
    if planner.records[CONTACTS]:
        stored = planner._names()
        ok = [good and not stored.get(pair) for good, pair in zip(ok, pairs, strict=True)]
    if taken_emails:
        ok = [
            good and not (mine and any(e.lower() in taken_emails for e in mine))
            for good, mine in zip(ok, emails, strict=True)
        ]
    if taken_phones:
        ok = [
            good and not (mine and any(p in taken_phones for p in mine))
            for good, mine in zip(ok, phones, strict=True)
        ]
    out: list[str | None] = [None] * n
    for i, good, org in zip(index, ok, orgs, strict=True):
        if good:
            out[i] = org
    return out


def _taken(keys: list[str], stored: dict[str, set[str]]) -> set[str]:
    """The keys (emails or phones) given twice in the file or known to the store (perhaps as an
    emptied index entry: leaving such a row to the general path changes nothing)."""
    count = Counter(keys)
    taken = count.keys() & stored.keys()
    if len(count) < len(keys):
        taken.update(k for k, n in count.items() if n > 1)
    return taken


def _picker(index: list[int], n: int) -> Callable[[list[Any]], list[Any]]:
    """The values of a column at `index` (all rows, most often: the column itself)."""
    if len(index) == n:
        return lambda column: column
    return lambda column: [column[i] for i in index]


def _add(
    planner: Planner, columns: Columns, plain: list[str | None], ids: list[str | None]
) -> None:
    """The plain rows' records and report lines, as `Planner._insert` and `Transaction.insert`
    make them; the records are kept whole (see `Transaction.insert_ready`).

    Rows with the same empty cells are made together: their values are picked from each column
    at once (`itemgetter`) and each record is made by one call of `_record_maker`'s function."""
    take = [i for i, org in enumerate(plain) if org is not None]
    if not take:
        return
    columns_of = {**columns.values, "org_id": [org or None for org in plain]}
    fields = list(columns_of)
    shapes = [0] * len(plain)  # a bit for each empty field
    for bit, field in enumerate(fields):
        column = columns_of[field]
        if None in column:
            for i in take:
                if column[i] is None:
                    shapes[i] |= 1 << bit
    groups: dict[int, list[int]] = {}
    for i in take:
        groups.setdefault(shapes[i], []).append(i)
    names = columns.values["full_name"]
    records: list[tuple[int, dict]] = []
    changes = planner.report._changes
    for shape, rows in groups.items():
        present = [f for bit, f in enumerate(fields) if not shape & (1 << bit)]
        pick = (lambda column, i=rows[0]: [column[i]]) if len(rows) == 1 else itemgetter(*rows)
        parts = []
        for field in present:
            part = pick(columns_of[field])
            if field in _LIST_FIELDS:  # the column's cache shares one list between rows
                part = list(map(list.copy, part))
            parts.append(part)
        chosen = pick(ids)
        make = _record_maker(("id", "created_at", "updated_at", *present))
        made = map(make, chosen, repeat(""), repeat(""), *parts)
        records += zip(rows, made, strict=True)
        lines = pick(columns.lines)
        changes += zip(
            repeat(CONTACTS),
            lines,
            (i + 1 for i in rows),
            repeat("added"),
            chosen,
            pick(names),
            repeat(tuple(present)),
        )
    records.sort(key=itemgetter(0))  # file order, as the general path inserts them
    planner.plain += map(itemgetter(1), records)
    planner.report.count(CONTACTS, "added", len(take))


@lru_cache(maxsize=64)
def _record_maker(keys: tuple[str, ...]) -> Callable[..., dict[str, Any]]:
    """A function of one value per key that returns the record as a dict display would: a
    display is built at its final size, without the pairs `dict(zip(...))` goes through (about
    40% fewer instructions per record). Made as `dataclasses` makes its methods; the keys are
    written with repr() and the parameters are numbered, so no text of a file becomes code."""
    params = ", ".join(f"v{i}" for i in range(len(keys)))
    display = ", ".join(f"{key!r}: v{i}" for i, key in enumerate(keys))
    return eval(f"lambda {params}: {{{display}}}")
