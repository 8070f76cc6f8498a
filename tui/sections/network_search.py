"""Filtering the contact index for the list, fast enough to run on every keystroke.

The rules are the store's (`ContactFilter.accepts`, `Matcher` tokens over the folded haystack,
then `rank_matches`: whole names first, exact-diacritic matches first, directory order): a test checks the results equal
`ContactIndex.filter`. What this adds is refinement: while a person keeps typing, each new query
only narrows the previous one, so it is tested against the previous matches instead of the whole
index.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from store.network import ContactEntry, ContactFilter, ContactIndex, rank_matches
from store.vietnamese import Matcher, fold


@dataclass
class _Previous:
    others: ContactFilter
    folded: str
    matched: list[ContactEntry]


class ContactSearch:
    """Runs filters over one index; remembers the last result to refine from."""

    def __init__(self, index: ContactIndex) -> None:
        self.index = index
        self._previous: _Previous | None = None

    def run(self, criteria: ContactFilter) -> list[ContactEntry]:
        """Matching entries, ranked as the store ranks them (`rank_matches`)."""
        query = " ".join((criteria.search or "").split())
        folded = fold(query)
        others = replace(criteria, search=None)
        pool: list[ContactEntry] = self.index.entries
        previous = self._previous
        if (
            previous is not None
            and previous.others == others
            and previous.folded
            and folded.startswith(previous.folded)
        ):
            pool = previous.matched
        matcher = Matcher(query)
        if matcher.tokens or not others.is_empty():
            self.index.prepare()  # no-op once the loading worker has done it
        matched = pool
        for token in matcher.tokens:
            matched = [e for e in matched if token in e.folded]
        if not others.is_empty():
            matched = [e for e in matched if others.accepts(e)]
        if matched is self.index.entries:
            matched = list(matched)
        self._previous = _Previous(others, folded, matched)
        return rank_matches(matched, matcher)


def facet_values(index: ContactIndex) -> dict[str, list[str]]:
    """Beats and tags in use, for the filter choices (as written, case-folded duplicates merged)."""
    beats: dict[str, str] = {}
    tags: dict[str, str] = {}
    for entry in index.entries:
        for beat in entry.record.get("beats") or []:
            beats.setdefault(fold(beat), beat)
        for tag in entry.record.get("tags") or []:
            tags.setdefault(fold(tag), tag)
    return {
        "beat": [beats[k] for k in sorted(beats)],
        "tag": [tags[k] for k in sorted(tags)],
    }
