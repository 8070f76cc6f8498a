"""One translation mechanism for every text a person reads (CLI, TUI, store messages).

Source strings are English; the files in `locale/vi/` map each to Vietnamese (one file per area,
merged at load). A test walks the code for every
`_()` call and checks that the Vietnamese catalogue covers it, so both languages stay complete.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from importlib import resources

LANGUAGES = ("vi", "en")
_state = {"lang": "en"}


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The msgid -> translation map of one language (English is the identity)."""
    if lang == "en":
        return {}
    merged: dict[str, str] = {}
    folder = resources.files("store").joinpath(f"locale/{lang}")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            merged.update(json.loads(entry.read_text(encoding="utf-8")))
    return merged


def detect_language(explicit: str | None = None, configured: str | None = None) -> str:
    """`--lang` beats the config setting, which beats the locale; Vietnamese locales get vi."""
    for choice in (explicit, configured, os.environ.get("LANTOA_LANG")):
        if choice:
            choice = choice.strip().lower()[:2]
            if choice in LANGUAGES:
                return choice
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _state["lang"] = lang


def get_language() -> str:
    return _state["lang"]


def _(msgid: str, /, **params: object) -> str:
    """Translate `msgid` into the current language and fill `{name}` placeholders.

    English source strings are written for many ("{n} contacts"); with n=1 they read in the
    singular. Vietnamese nouns do not change with the number.
    """
    text = catalogue(_state["lang"]).get(msgid, msgid)
    if params.get("n") == 1 and _state["lang"] == "en":
        text = english_singular(text)
    return text.format(**params) if params else text


#: English plurals that follow "{n} " in our messages, and their singular.
_SINGULAR = {
    "addresses": "address",
    "people": "person",
    "tries": "try",
    **{
        f"{noun}s": noun
        for noun in [
            "change",
            "character",
            "conflict",
            "contact",
            "day",
            "email",
            "error",
            "field",
            "item",
            "message",
            "number",
            "organisation",
            "problem",
            "recipient",
            "record",
            "sentence",
            "syllable",
            "value",
            "warning",
            "word",
        ]
    },
}
_COUNTED = re.compile(r"\{n\} (outreach |new |open )?(\w+)( belong| no longer have| are)?\b")


@cache
def english_singular(text: str) -> str:
    """`text` with the noun counted by {n} (and a verb right after it) in the singular."""

    def one(match: re.Match[str]) -> str:
        adjective, noun, verb = match.group(1) or "", match.group(2), match.group(3) or ""
        if noun not in _SINGULAR:
            return match.group(0)
        verb = {" belong": " belongs", " no longer have": " no longer has", " are": " is"}.get(
            verb, verb
        )
        return "{n} " + adjective + _SINGULAR[noun] + verb

    return _COUNTED.sub(one, text)


def N_(msgid: str, /) -> str:
    """Mark a string for the catalogue without translating it yet (module-level constants)."""
    return msgid
