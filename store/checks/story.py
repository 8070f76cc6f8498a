"""Story: the people it is for appear in it; a real story has a source and consent; a composite
is marked as illustrative (exports then label it so).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..i18n import _
from ..vietnamese import fold, nfc
from . import lexicon
from .base import ERROR, WARNING, Finding
from .clarity import prose

#: Leading words of an audience that are not what the text repeats ("người lao động" -> "lao động").
_LEADING = {"vi": ("nguoi", "cac", "nhung", "moi", "toan the"), "en": ("the", "all", "local")}


def audience_keys(audience: str, lang: str) -> list[str]:
    """Folded phrases that count as naming an audience in the text (the phrase, its head noun)."""
    words = fold(nfc(audience)).split()
    keys = [" ".join(words)] if words else []
    stripped = True
    while stripped:
        stripped = False
        for lead in _LEADING.get(lang, ()):
            parts = lead.split()
            if words[: len(parts)] == parts and len(words) > len(parts):
                words, stripped = words[len(parts) :], True
                break
    if lang == "vi" and words:
        keys.append(" ".join(words[:2]))
    elif words:
        keys.append(_singular(words[-1]))
    return [k for k in dict.fromkeys(keys) if k]


def _singular(word: str) -> str:
    """A rough English stem for matching: businesses -> business, workers -> worker."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3]
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def names_audience(text: str, audiences: list[str], lang: str) -> bool:
    """Whether the text names one of the audiences (English allows plural endings)."""
    folded = fold(nfc(text))
    ending = r"\w{0,3}" if lang == "en" else ""
    for audience in audiences:
        for key in audience_keys(audience, lang):
            if re.search(rf"(?<!\w){re.escape(key)}{ending}(?!\w)", folded):
                return True
    return False


def check(message: Mapping[str, Any], levels: Mapping[str, str], lang: str) -> list[Finding]:
    found: list[Finding] = []
    if "story" not in levels:
        return found
    story = nfc(message.get("story") or "").strip()
    audiences = [a for a in message.get("audiences") or [] if isinstance(a, str) and a.strip()]
    if audiences:
        if story and not names_audience(story, audiences, lang):
            found.append(
                Finding(
                    "story",
                    "story",
                    WARNING,
                    "story-beneficiary",
                    _(
                        "Say in the story who it is about: name one of the audiences ({audiences}).",
                        audiences=", ".join(audiences),
                    ),
                )
            )
        text = " ".join(t for _slot, _field, t in prose(message, levels))
        if not story and text and not names_audience(text, audiences, lang):
            found.append(
                Finding(
                    "audiences",
                    "audiences",
                    WARNING,
                    "audience-missing",
                    _(
                        "None of the audiences ({audiences}) appears in the text: say who benefits.",
                        audiences=", ".join(audiences),
                    ),
                )
            )
    if not story:
        return found
    illustrative = message.get("story_illustrative") is True
    if not (message.get("story_source") or "").strip():
        found.append(
            Finding(
                "story",
                "story_source",
                ERROR,
                "story-source",
                _("Say where the story comes from (who told it, where, when)."),
            )
        )
    if not illustrative:
        if message.get("story_consent") is False:
            found.append(
                Finding(
                    "story",
                    "story_consent",
                    ERROR,
                    "story-no-consent",
                    _(
                        "The person did not agree: remove what identifies them and mark the story as "
                        "illustrative, or drop it."
                    ),
                )
            )
        elif message.get("story_consent") is not True:
            found.append(
                Finding(
                    "story",
                    "story_consent",
                    ERROR,
                    "story-consent",
                    _("Confirm the person agreed to be named, or mark the story as illustrative."),
                )
            )
        match = lexicon.ILLUSTRATIVE.search(story.lower())
        if match:
            found.append(
                Finding(
                    "story",
                    "story_illustrative",
                    WARNING,
                    "story-composite",
                    _(
                        "The story says it is a composite: mark it as illustrative so exports label it."
                    ),
                    match.start(),
                    match.end(),
                )
            )
    return found
