"""The token pattern: the one regular expression behind every token of the kit (rules in :mod:`kit.text`).

Also the helpers the fast paths share: the mixed-number join (``7 1/2`` kept inside one white-space
piece), the characters no token starts or ends with, and :func:`_token_matches` (windowed scan of
pathological text).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from kit.text.windows import MAX_PARAGRAPH_CHARS, windows


class Token(NamedTuple):
    """One token: ``text[start:end] == token``; ``term`` is the normalised form that is counted."""

    start: int
    end: int
    token: str
    term: str


_APOS = "'’‘ʼ"
_HYPH = "\\-‐"
#: The one regular expression behind every token of the kit (rules in the module docs), tried
#: alternative by alternative at each position; compile it with ``re.VERBOSE``.
TOKEN_PATTERN = rf"""
    # 1. URL: http(s):// or www., up to white space, quotes or brackets; trailing .,;:!? left out
    (?:https?://|www\.)[^\s<>"'“”‘’()\[\]{{}}]*[^\s<>"'“”‘’()\[\]{{}}.,;:!?]
    # 2. @handle or #hashtag, with a possessive: #MeToo's
  | [@#]\w+(?:[{_APOS}]s(?!\w))?
    # 3. e-mail address: press.office@state.gov; the look-ahead first checks that an @ follows
    #    within 64 address characters (the longest local part RFC 5321 allows), so a long run such
    #    as "a+a+a+..." (base64 pasted into a paragraph) is not rescanned from every word in it
  | (?=[\w.+\-]{{1,64}}@)\w+(?:[.+\-]\w+)*@\w+(?:[.\-]\w+)*\.[A-Za-z]{{2,}}
    # 4. dotted abbreviation of single letters (U.S., a.m.), a hyphenated tail (U.S.-China), a
    #    possessive (U.S.'s), ending at a word boundary (e.coli is two words)
  | [A-Za-z](?:\.[A-Za-z])+\.?(?:[{_HYPH}]\w+(?:[{_HYPH}{_APOS}]\w+)*)?(?:[{_APOS}]s\b)?(?![A-Za-z0-9])
    # 5. number: a mixed number of one- or two-digit parts ("7 1/2", "12 3/16"; "2019 1/3" is a
    #    year and a fraction), or digits with inner separators (1,000 3.5 10:30 1/2); then attached
    #    letters or hyphenated tails (1990s, 3rd, 19-year-old)
  | (?:\d{{1,2}}\ \d{{1,2}}/\d{{1,2}}(?![\d/])|\d+(?:[.,:/]\d+)*)(?:[{_HYPH}{_APOS}]?\w+)*
    # 6. word: letters/digits joined by inner hyphens and apostrophes (high-stakes, O'Brien,
    #    China-U.S.); never underscores alone ("___" separator lines of exported copy). A word
    #    never starts right after an underscore (the scan there would fail anyway: the run
    #    before it was tried), so a long "_____" line is scanned once, not from every position
  | (?<!_)(?!_+\b)\w+(?:[{_HYPH}{_APOS}](?:[A-Za-z](?:\.[A-Za-z])+\.?|\w+))*
"""
_TOKEN_RE = re.compile(TOKEN_PATTERN, re.VERBOSE)

#: The hyphens that ``split_hyphens`` splits compounds at.
_HYPHEN_RE = re.compile(
    r"""
    [-‐]    # ASCII hyphen-minus or Unicode hyphen U+2010
    """,
    re.VERBOSE,
)


# A superset of the spaces the pattern keeps inside a mixed number ("7 1/2": a whole number of one
# or two digits, a fraction of one- or two-digit numbers). Joining the two white-space pieces
# around such a space (with _JOIN, a noncharacter) is always exact: "2019 1/3" joined still scans
# as two tokens. Used by count_words and by the counting engine (kit.terms.counts).
_FRACTION_RE = re.compile(r"""
    \d \ \d{1,2} / \d     # a digit, a space, then the start of a fraction
""", re.VERBOSE)
_FRACTION_SPACE_RE = re.compile(r"""
    (\d) \ (?=\d{1,2}/\d)   # the space between a digit and a fraction (kept: the digit)
""", re.VERBOSE)
_JOIN = "\uffff"  # a noncharacter: stands for the space inside "7 1/2" while splitting
#: characters no token starts or ends with (outside URLs): a word between them is one token
_NEVER_IN_TOKENS = ".,;:!?\"“”‘«»()[]{}…–—/*%$€£"
_MAYBE_URL = re.compile(r"""
    https?:// | www\.    # where a URL may start
""", re.VERBOSE).search


def _token_matches(text: str):
    """The pattern's matches over the whole text; a text longer than
    :data:`kit.text.windows.MAX_PARAGRAPH_CHARS` is scanned window by window (cut at white space
    no token spans: the same matches, with bounded work per window)."""
    if len(text) <= MAX_PARAGRAPH_CHARS:
        yield from _TOKEN_RE.finditer(text)
        return
    for s, e in windows(text):
        yield from _TOKEN_RE.finditer(text, s, e)
