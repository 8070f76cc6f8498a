"""Every number the message checks use, in one place, with the reason for each.

Change a value here and every check, the readiness score, the composer and the tests follow.
Sentences are counted in syllables for Vietnamese (syllables are written apart, so a syllable is a
whitespace-separated token) and in words for English (also whitespace-separated tokens), which
makes the same limits usable for both languages.
"""

from __future__ import annotations

# -- clarity -----------------------------------------------------------------------------------

#: A sentence longer than this (syllables / words) warns: readers of news on a phone lose the
#: thread after ~25 (the plain-language guidance behind the issue).
SENTENCE_WARN = 25
#: Longer than this is "very hard": almost nobody reads it to the end; split it.
SENTENCE_VERY_HARD = 40
#: A headline longer than this (syllables / words) is no longer "short".
HEADLINE_MAX_TOKENS = 20
#: The lead says who, what, when, where in at most this many sentences.
LEAD_MAX_SENTENCES = 2
#: A line that is mostly upper case (share of its letters-only words) is a shouted headline, not a
#: run of acronyms: the acronym check skips it.
SHOUTED_LINE_SHARE = 0.5

# -- figures -----------------------------------------------------------------------------------

#: A figure older than this many months (from `as_of`, else the end of its `period`) warns.
FIGURE_MAX_AGE_MONTHS = 12
#: Whole numbers up to this value without a unit, scale or % are counts in prose ("2 bước",
#: "3 steps"), not statistics, so they need no entry in `figures`.
SMALL_NUMBER_MAX = 10
#: Four-digit whole numbers in this range are read as years, not statistics.
YEAR_RANGE = (1900, 2100)

# -- crisis holding statements ------------------------------------------------------------------

#: CDC's first message should go out within the first hour; after this many minutes since the
#: incident the TUI timer (and `minutes_since_incident`) marks the statement as late.
CRISIS_FIRST_MESSAGE_MINUTES = 60
#: A promised next update further away than this many hours after the incident warns: people
#: need updates at regular, short intervals during a crisis.
CRISIS_NEXT_UPDATE_MAX_HOURS = 24

# -- composition ---------------------------------------------------------------------------------

#: Length limit of the short social post, in characters (X/Twitter's limit; also a comfortable
#: Zalo/Facebook teaser). The composer drops optional parts to fit; the counter shows the rest.
SOCIAL_POST_LIMIT = 280

# -- readiness score ----------------------------------------------------------------------------

#: The score starts as the share of required slots that are filled and free of errors (0-100),
#: then loses this many points per warning ...
SCORE_WARNING_PENALTY = 3
#: ... and this many per error (an error anywhere also keeps the message from being ready).
SCORE_ERROR_PENALTY = 10
