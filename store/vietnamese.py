"""Vietnamese text: diacritic-free search folding and directory name order.

Search folds case and diacritics (NFD, drop marks, đ -> d, casefold) so "quang ninh" finds
"Quảng Ninh" and "dang" finds "Đặng". Names sort as Vietnamese directories sort them: by given name,
then middle name, then family name, each compared letter by letter in Vietnamese order
(a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y), with the tone of each syllable
(none, huyền, hỏi, ngã, sắc, nặng) breaking ties, then case.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Vietnamese letters in dictionary order; f j w z (foreign names) sit where Latin puts them.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
#: Tone marks in dictionary order: ngang (none), huyền, hỏi, ngã, sắc, nặng.
TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_QUALITY = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_WITH_QUALITY = {
    ("a", "breve"): "ă",
    ("a", "circumflex"): "â",
    ("e", "circumflex"): "ê",
    ("o", "circumflex"): "ô",
    ("o", "horn"): "ơ",
    ("u", "horn"): "ư",
}
_LETTER_BASE = 0x100  # letters sort after digits, spaces and punctuation


def _decompose(char: str) -> tuple[str, int] | None:
    """(Vietnamese letter, tone index) of a character, or None if it is not a Latin letter."""
    lower = char.lower()
    if lower in ("đ",):
        return "đ", 0
    parts = unicodedata.normalize("NFD", lower)
    base, marks = parts[0], parts[1:]
    if not ("a" <= base <= "z"):
        return None
    quality = next((_QUALITY[m] for m in marks if m in _QUALITY), None)
    letter = _WITH_QUALITY.get((base, quality), base) if quality else base
    tone = next((TONE_MARKS.index(m) for m in marks if m in TONE_MARKS[1:]), 0)
    return letter, tone


def _build_tables() -> tuple[dict[int, str], dict[int, str]]:
    primary: dict[int, str] = {}
    tone: dict[int, str] = {}
    candidates = set(range(0x41, 0x5B)) | set(range(0x61, 0x7B))
    candidates |= set(range(0xC0, 0x250)) | set(range(0x1E00, 0x1F00))
    for code in candidates:
        char = chr(code)
        found = _decompose(char)
        if found is None:
            continue
        letter, tone_index = found
        if letter not in ALPHABET:
            continue
        primary[code] = chr(_LETTER_BASE + ALPHABET.index(letter))
        tone[code] = str(tone_index)
    return primary, tone


_PRIMARY, _TONE = _build_tables()


def nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


_NON_LATIN = re.compile(r"[^\x00-\u024f\u0300-\u036f\u1e00-\u1eff]")


def fold(text: str) -> str:
    """Case- and diacritic-free form for matching: 'Đặng Thị Quảng' -> 'dang thi quang'."""
    if text.isascii():
        return text.lower()
    if not _NON_LATIN.search(text):  # Latin script (all Vietnamese): the fast C-level path
        text = text.replace("đ", "d").replace("Đ", "D")
        return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode().lower()
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c)
    ).replace("đ", "d")
    if not _NON_LATIN.search(stripped):
        # only Latin left (the other script was marks): folded as the fast path folds Latin,
        # so that folding again changes nothing ("\x80" + a Balinese mark gave "\x80", then "")
        return fold(stripped)
    return stripped


@lru_cache(maxsize=65_536)
def match_key(text: str) -> str:
    """A name for matching: case, diacritics and spacing aside (fold() also undoes NFD)."""
    return " ".join(fold(text).split())


def _odd_spaces(lines: str) -> bool:
    """Two spaces, or a space at either end of a line: what `match_key` would take out."""
    return (
        "  " in lines
        or "\n " in lines
        or " \n" in lines
        or lines.startswith(" ")
        or lines.endswith(" ")
    )


def match_keys(texts: list[str]) -> list[str]:
    """`[match_key(t) for t in texts]`; a column of one-line Latin names (an import's) is folded
    in one call, which gives the same keys: folding Latin text works letter by letter."""
    joined = "\n".join(texts)
    if joined.count("\n") == len(texts) - 1 and not _NON_LATIN.search(joined):
        folded = fold(joined)  # ASCII: its only printable space is " "
        if folded.replace("\n", "").isprintable() and not _odd_spaces(folded):
            return folded.split("\n")
    return list(map(match_key, texts))


def has_diacritics(text: str) -> bool:
    return fold(text) != text.casefold()


def less_careful(new: str, old: str) -> bool:
    """`new` is `old` written with less care: some or all of its diacritics dropped
    ("Hoang" for "Hoàng", "Dang" for "Đặng"), or all in capitals or small letters where `old`
    is mixed case. It says nothing `old` does not, so an import keeps `old`. Another letter or
    another mark ("Hưng" for "Hùng") is a correction, not this."""
    new, old = nfc(" ".join(new.split())), nfc(" ".join(old.split()))
    if new == old or len(new) != len(old):
        return False
    one_case = (new.isupper() or new.islower()) and not (old.isupper() or old.islower())
    for mine, theirs in zip(new, old, strict=True):
        if mine == theirs or (one_case and mine.casefold() == theirs.casefold()):
            continue
        if not (mine.isascii() and not theirs.isascii() and fold(mine) == fold(theirs)):
            return False
    return True


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a name written in Vietnamese order."""
    words = full_name.split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def _syllable_tones(word: str) -> str:
    """One tone digit per syllable, wherever the mark sits (hoà and hòa sort together)."""
    return "".join(max(syllable.translate(_TONE) or "0") for syllable in word.split())


def _primary(word: str) -> str:
    lowered = nfc(word).lower()
    return lowered.translate(_PRIMARY)


@lru_cache(maxsize=50_000)
def word_key(word: str) -> tuple[str, str]:
    """Letters first, tones as tie-breaker, for one name part."""
    word = nfc(word)
    keep = "".join(c for c in word.lower() if ord(c) in _TONE or c == " ")
    return _primary(word), _syllable_tones(keep)


def name_sort_parts(full_name: str) -> tuple[str, ...]:
    """Directory order of a Vietnamese full name, part by part: given, middle, family name
    (letters, then tones, of each), then case."""
    name = nfc(" ".join(full_name.split()))
    family, middle, given = split_name(name)
    gp, gt = word_key(given)
    mp, mt = word_key(middle)
    fp, ft = word_key(family)
    return (gp, gt, mp, mt, fp, ft, name.swapcase())


@lru_cache(maxsize=200_000)
def name_sort_key(full_name: str) -> str:
    """`name_sort_parts` as one string, in the same order: sorting 10k contacts compares strings
    (one C-level comparison) instead of 7-part tuples, about three times faster. The parts are
    joined by NUL, which sorts before every character a part can hold (NULs in a name are
    dropped), so a shorter part still sorts first."""
    return "\0".join(name_sort_parts(full_name.replace("\0", "")))


def text_sort_key(text: str) -> tuple[str, str, str]:
    """Vietnamese order for other text (organisation names): letters, tones, then case."""
    text = nfc(" ".join(text.split()))
    primary, tones = word_key(text)
    return primary, tones, text.swapcase()


class Matcher:
    """A search query, folded once, tested against many prepared haystacks.

    Every word of the query must occur in the haystack (any order). A query typed with diacritics
    also reports whether the match is exact, so exact matches can be listed first.
    """

    def __init__(self, query: str) -> None:
        query = nfc(" ".join(query.split()))
        self.raw = query
        self.tokens = fold(query).split()
        self.exact_tokens = query.lower().split() if has_diacritics(query) else []

    def __bool__(self) -> bool:
        return bool(self.tokens)

    def matches(self, folded_haystack: str) -> bool:
        return all(token in folded_haystack for token in self.tokens)

    def is_exact(self, lowered_haystack: str) -> bool:
        return bool(self.exact_tokens) and all(t in lowered_haystack for t in self.exact_tokens)
