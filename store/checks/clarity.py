"""Clarity: short sentences, acronyms spelled out at first use, no filler, no vague words.

Per-field results are cached on (text, language, UI language), so re-checking a card on every
keystroke only re-reads the field that changed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ..i18n import _, get_language
from ..messages import SLOTS
from ..vietnamese import fold, nfc
from . import lexicon, thresholds
from .base import WARNING, Finding, count_tokens, sentences

#: Fields written as prose for readers (other text fields are names, sources, places).
PROSE = (
    "headline",
    "lead",
    "problem",
    "policy",
    "benefits_people",
    "benefits_businesses",
    "benefits_country",
    "benefits_sector",
    "story",
    "quote",
    "call_to_action",
    "criticism",
    "proposal",
    "empathy",
    "facts",
    "unknowns",
    "actions",
    "advice",
    "social_post",
)
_ACRONYM_TOKEN = re.compile(r"[^\W\d_][\w&.\-]*[^\W_]|[^\W\d_]{2,}", re.UNICODE)


def prose(message: Mapping[str, Any], levels: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(slot, field, text) of the filled prose fields of the kind's slots, in card order."""
    out = []
    for slot in levels:
        for name in SLOTS[slot].fields:
            value = message.get(name)
            if name in PROSE and isinstance(value, str) and value.strip():
                out.append((slot, name, nfc(value)))
    return out


@lru_cache(maxsize=2048)
def _sentence_findings(slot: str, field: str, text: str, lang: str, ui: str) -> tuple:
    found = []
    for start, end in sentences(text):
        n = count_tokens(text[start:end])
        if n > thresholds.SENTENCE_VERY_HARD:
            message = (
                _(
                    "This sentence has {n} syllables and is very hard to read; split it into two "
                    "or three.",
                    n=n,
                )
                if lang == "vi"
                else _(
                    "This sentence has {n} words and is very hard to read; split it into two or "
                    "three.",
                    n=n,
                )
            )
            found.append(Finding(slot, field, WARNING, "sentence-very-long", message, start, end))
        elif n > thresholds.SENTENCE_WARN:
            message = (
                _(
                    "This sentence has {n} syllables; split it so each has at most {max}.",
                    n=n,
                    max=thresholds.SENTENCE_WARN,
                )
                if lang == "vi"
                else _(
                    "This sentence has {n} words; split it so each has at most {max}.",
                    n=n,
                    max=thresholds.SENTENCE_WARN,
                )
            )
            found.append(Finding(slot, field, WARNING, "sentence-long", message, start, end))
    return tuple(found)


@lru_cache(maxsize=2048)
def _phrase_findings(slot: str, field: str, text: str, lang: str, ui: str) -> tuple:
    lowered = text.lower()
    found = []
    for phrase in lexicon.PHRASES.get(lang, ()):
        for match in phrase.regex.finditer(lowered):
            words = text[match.start() : match.end()]
            if phrase.vague:
                message = _("“{phrase}” is vague: {advice}.", phrase=words, advice=_(phrase.advice))
                code = "vague-word"
            else:
                message = _(
                    "“{phrase}” is bureaucratic filler: {advice}.",
                    phrase=words,
                    advice=_(phrase.advice),
                )
                code = "filler-phrase"
            found.append(Finding(slot, field, WARNING, code, message, match.start(), match.end()))
    return tuple(found)


def _shouted(line: str) -> bool:
    words = [w for w in line.split() if any(c.isalpha() for c in w)]
    if len(words) < 3:
        return False
    upper = sum(1 for w in words if lexicon.is_acronym(w.strip('.,:;!?()"“”')))
    return upper / len(words) > thresholds.SHOUTED_LINE_SHARE


@lru_cache(maxsize=2048)
def _acronyms_in(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, token) of the acronyms in a field's text (cached: it is the costly part)."""
    out = []
    offset = 0
    for line in text.split("\n"):
        if not _shouted(line):
            for match in _ACRONYM_TOKEN.finditer(line):
                token = match.group().rstrip(".")
                if lexicon.is_acronym(token):
                    start = offset + match.start()
                    out.append((start, start + len(token), token))
        offset += len(line) + 1
    return tuple(out)


@lru_cache(maxsize=2048)
def _folded(text: str) -> str:
    return fold(text)


def acronym_findings(fields: list[tuple[str, str, str]]) -> list[Finding]:
    """Each acronym must be spelled out the first time the reader meets it (card order)."""
    seen: set[str] = set()
    read_so_far = ""  # folded text of the fields already read
    found = []
    for slot, field, text in fields:
        folded = _folded(text)
        for start, end, token in _acronyms_in(text):
            key = token.upper()
            if key in seen or key in lexicon.KNOWN:
                continue
            seen.add(key)
            before = read_so_far + " " + folded[:start]
            if text[:start].rstrip().endswith("("):
                continue  # "Ủy ban nhân dân (UBND)": spelled out right before
            expansions = lexicon.ACRONYMS.get(key, ())
            after = folded[end : end + 120].lstrip()
            if after.startswith("(") and (
                not expansions or any(after[1:].startswith(fold(e)) for e in expansions)
            ):
                continue  # "UBND (Ủy ban nhân dân)"
            if any(fold(e) in before for e in expansions):
                continue
            if expansions:
                message = _(
                    "Spell out {acronym} at first use: “{expansion} ({acronym})”.",
                    acronym=token,
                    expansion=expansions[0],
                )
                code = "acronym"
            else:
                message = _(
                    "Spell out {acronym} at first use, e.g. “full name ({acronym})”.", acronym=token
                )
                code = "acronym-unknown"
            found.append(Finding(slot, field, WARNING, code, message, start, end))
        read_so_far += " " + folded
    return found


def check(message: Mapping[str, Any], levels: Mapping[str, str], lang: str) -> list[Finding]:
    ui = get_language()
    fields = prose(message, levels)
    found: list[Finding] = []
    for slot, field, text in fields:
        found += _sentence_findings(slot, field, text, lang, ui)
        found += _phrase_findings(slot, field, text, lang, ui)
    found += acronym_findings(fields)
    headline = nfc(message.get("headline") or "")
    if headline:
        n = count_tokens(headline)
        if n > thresholds.HEADLINE_MAX_TOKENS:
            found.append(
                Finding(
                    "headline",
                    "headline",
                    WARNING,
                    "headline-long",
                    (
                        _(
                            "The headline has {n} syllables; keep it to {max}.",
                            n=n,
                            max=thresholds.HEADLINE_MAX_TOKENS,
                        )
                        if lang == "vi"
                        else _(
                            "The headline has {n} words; keep it to {max}.",
                            n=n,
                            max=thresholds.HEADLINE_MAX_TOKENS,
                        )
                    ),
                )
            )
        audiences = message.get("audiences") or []
        if (
            message.get("kind") != "crisis"
            and not any(c.isdigit() for c in headline)
            and not any(fold(a) in fold(headline) for a in audiences)
        ):
            found.append(
                Finding(
                    "headline",
                    "headline",
                    WARNING,
                    "headline-vague",
                    _("Make the headline concrete: put in a number or who benefits."),
                )
            )
    lead = nfc(message.get("lead") or "")
    if lead and "lead" in levels:
        n = len(list(sentences(lead)))
        if n > thresholds.LEAD_MAX_SENTENCES:
            found.append(
                Finding(
                    "lead",
                    "lead",
                    WARNING,
                    "lead-long",
                    _(
                        "The lead has {n} sentences; say who, what, when and where in at most {max}.",
                        n=n,
                        max=thresholds.LEAD_MAX_SENTENCES,
                    ),
                )
            )
    social = message.get("social_post") or ""
    if social and len(nfc(social)) > thresholds.SOCIAL_POST_LIMIT:
        found.append(
            Finding(
                "social",
                "social_post",
                WARNING,
                "social-long",
                _(
                    "The social post has {n} characters; the limit is {max}.",
                    n=len(nfc(social)),
                    max=thresholds.SOCIAL_POST_LIMIT,
                ),
            )
        )
    return found
