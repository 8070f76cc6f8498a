"""What every check returns: findings, and the report that sums them up for listings and the TUI."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from ..i18n import _
from . import thresholds

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing to fix (error: blocks "ready") or to consider (warning), said in the UI language.

    `slot` is the card slot for the checklist, `field` the record field to jump to; `start`/`end`
    locate the words in that field's text and `index` the item of a list (a figure) when known.
    """

    slot: str
    field: str
    severity: str
    code: str
    message: str
    start: int | None = None
    end: int | None = None
    index: int | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SlotState:
    """One line of the checklist: a slot, how much the kind needs it, and how it stands."""

    slot: str
    level: str  # required | recommended | optional
    filled: bool
    errors: int
    warnings: int

    @property
    def state(self) -> str:
        """ok | warning | error | empty: what colour the checklist shows."""
        if self.errors:
            return "error"
        if self.warnings:
            return "warning"
        return "ok" if self.filled else "empty"


@dataclass
class Report:
    """Everything the checks found about one message, plus its score and one-line summary."""

    findings: list[Finding]
    slots_filled: int
    slots_total: int
    checklist: list[SlotState] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == WARNING)

    @property
    def ready(self) -> bool:
        """Can be marked ready: no errors (warnings only coach)."""
        return self.errors == 0

    @property
    def score(self) -> int:
        """0-100: required slots filled without errors, minus penalties (see thresholds)."""
        if not self.slots_total:
            return 0
        ok = sum(1 for s in self.checklist if s.level == "required" and s.filled and not s.errors)
        score = round(100 * ok / self.slots_total)
        score -= thresholds.SCORE_WARNING_PENALTY * self.warnings
        score -= thresholds.SCORE_ERROR_PENALTY * self.errors
        return max(0, min(100, score))

    @property
    def summary(self) -> str:
        """ "7/9 slots, 1 error, 2 warnings": the line every listing shows."""
        parts = [_("{filled}/{total} slots", filled=self.slots_filled, total=self.slots_total)]
        if self.errors:
            parts.append(_("1 error") if self.errors == 1 else _("{n} errors", n=self.errors))
        if self.warnings:
            parts.append(
                _("1 warning") if self.warnings == 1 else _("{n} warnings", n=self.warnings)
            )
        if not self.errors and not self.warnings:
            parts.append(_("all checks pass"))
        return ", ".join(parts)

    def by_slot(self) -> dict[str, list[Finding]]:
        """Findings grouped by slot, in checklist order (errors first within a slot)."""
        order = [s.slot for s in self.checklist]
        grouped: dict[str, list[Finding]] = {slot: [] for slot in order}
        for finding in self.findings:
            grouped.setdefault(finding.slot, []).append(finding)
        for items in grouped.values():
            items.sort(key=lambda f: (f.severity != ERROR, f.start or 0))
        return grouped

    def for_field(self, name: str) -> list[Finding]:
        return [f for f in self.findings if f.field == name]

    def to_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "summary": self.summary,
            "ready": self.ready,
            "errors": self.errors,
            "warnings": self.warnings,
            "slots_filled": self.slots_filled,
            "slots_total": self.slots_total,
            "checklist": [
                {"slot": s.slot, "level": s.level, "filled": s.filled, "state": s.state}
                for s in self.checklist
            ],
            "findings": [f.to_json() for f in self.findings],
        }


# -- text helpers shared by the checks ----------------------------------------------------------

#: Abbreviations whose dot does not end a sentence (TP. Hồ Chí Minh, ThS. Nguyễn, Mr. Smith).
_ABBREVIATIONS = (
    "tp",
    "ths",
    "ts",
    "pgs",
    "gs",
    "bs",
    "mr",
    "mrs",
    "ms",
    "dr",
    "no",
    "st",
    "e.g",
    "i.e",
    "etc",
    "vs",
    "tt",
    "q",
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)]*(?=\s|$)|\n+")
_TOKEN = re.compile(r"\S+")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence; a line break also ends one (lists, bullet lines)."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith("."):
            word = re.search(r"([\w.]+)$", text[start : match.start()])
            if word and word.group(1).lower() in _ABBREVIATIONS:
                continue
        end = match.end() if not match.group().startswith("\n") else match.start()
        if text[start:end].strip():
            yield _trim(text, start, end)
        start = match.end()
    if text[start:].strip():
        yield _trim(text, start, len(text))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def count_tokens(text: str) -> int:
    """Syllables (vi) or words (en): whitespace-separated tokens with a letter or a digit."""
    return sum(1 for t in _TOKEN.findall(text) if any(c.isalnum() for c in t))


def text_fields(message: Mapping[str, Any], names: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(field, text) of the non-empty text fields among `names`, in that order."""
    for name in names:
        value = message.get(name)
        if isinstance(value, str) and value.strip():
            yield name, value
