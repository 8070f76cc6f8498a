"""Organisations by id, name and short name, as an import finds them (a part of the planner)."""

from __future__ import annotations

from collections import defaultdict

from .records import is_live
from .upsert_contacts import key as _key
from .vietnamese import nfc

MIN_ID_PREFIX = 8


class OrgIndex:
    """Organisations by id, name and short name (exact, then diacritic-free)."""

    def __init__(self, records: dict[str, dict]) -> None:
        self.records = records
        self.names: dict[str, set[str]] = defaultdict(set)
        self.shorts: dict[str, set[str]] = defaultdict(set)
        self.deleted_names: dict[str, str] = {}
        self._found: dict[str, list[str]] = {}  # answers of find(), until the next change
        for org in records.values():
            self.add(org)

    def add(self, org: dict) -> None:
        self._found.clear()
        if not is_live(org):
            if org.get("name"):
                self.deleted_names.setdefault(_key(org["name"]), org["id"])
            return
        if org.get("name"):
            self.names[_key(org["name"])].add(org["id"])
        if org.get("short_name"):
            self.shorts[_key(org["short_name"])].add(org["id"])

    def forget(self, org: dict) -> None:
        self._found.clear()
        self.names.get(_key(org.get("name") or ""), set()).discard(org["id"])
        self.shorts.get(_key(org.get("short_name") or ""), set()).discard(org["id"])

    def live(self, ids: set[str]) -> list[str]:
        return sorted(i for i in ids if is_live(self.records[i]))

    def by_name(self, name: str) -> list[str]:
        return self.live(self.names.get(_key(name), set()))

    def find(self, ref: str) -> list[str]:
        """Live organisations a reference names: an id, an id prefix, a name or a short name."""
        found = self._found.get(ref)
        if found is None:
            found = self._found[ref] = self._find(ref)
        return list(found)

    def _find(self, ref: str) -> list[str]:
        ref = nfc(ref.strip())
        lowered = ref.lower()
        record = self.records.get(lowered)
        if record is not None:
            return [lowered] if is_live(record) else []
        exact = [i for i in self.by_name(ref) if nfc(self.records[i].get("name", "")) == ref]
        if exact:
            return exact
        for ids in (self.names.get(_key(ref)), self.shorts.get(_key(ref))):
            found = self.live(ids or set())
            if found:
                return found
        if len(ref) >= MIN_ID_PREFIX and all(c in "0123456789abcdef-" for c in lowered):
            return sorted(
                i for i, r in self.records.items() if i.startswith(lowered) and is_live(r)
            )
        return []

    def describe(self, ids: list[str]) -> str:
        return "; ".join(f"{i[:8]} {self.records[i].get('name', '')}" for i in ids[:5])
