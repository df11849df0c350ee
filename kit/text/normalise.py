"""Term normalisation: a token's surface form -> the term that is counted (rules in :mod:`kit.text`),
and the Snowball stem of a term.
"""
from __future__ import annotations

import functools

_APOS_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-"})
_US_FORMS = frozenset({"U.S.", "U.S", "US", "U.S.A.", "U.S.A", "USA"})
#: Acronyms written in capitals that keep them, because their lower-case form is a function word
#: (the country US, the World Health Organization, information technology, the Islamic State).
#: Every other word is lower-cased, headlines in capitals included ("THE TALKS" -> "the talks").
ACRONYMS = frozenset({"US", "WHO", "IT", "IS"})
#: What the news rules add to NLTK's English list when ``stopwords="english"`` uses it: NLTK's list
#: has no "us", and the pronoun must go while the country ``US`` stays.
NEWS_STOPWORDS = frozenset({"us"})
#: Contractions ending in 's that are not possessives.
_S_CONTRACTIONS = frozenset(
    "it's he's she's that's there's here's what's who's where's how's let's when's why's".split()
)


def _norm_part(part: str, merge_us: bool) -> str:
    if merge_us and part in _US_FORMS:
        return "US"
    if part in ACRONYMS:
        return part
    return part.lower()


def _is_possessive(s: str) -> bool:
    """Whether a final ``'s`` (apostrophes folded) marks a possessive rather than a contraction.

    ``China's``, ``CHINA'S`` and ``WHO's`` are possessives; ``it's``, ``IT'S`` and ``who's`` are
    contractions. An acronym in capitals followed by a lower-case ``'s`` is always a possessive.
    """
    base = s[:-2]
    if s[-1] == "s" and len(base) > 1 and base.isupper():
        return True
    return s.lower() not in _S_CONTRACTIONS


@functools.lru_cache(maxsize=1_000_000)
def normalise_term(surface: str, *, merge_us: bool = True) -> str:
    """The term of a token's surface form (rules in the module docs).

    Examples
    --------
    >>> [normalise_term(s) for s in ["China’s", "China's", "U.S.", "US", "us", "WHO", "NATO"]]
    ['china', 'china', 'US', 'US', 'us', 'WHO', 'nato']
    >>> normalise_term("U.S.", merge_us=False), normalise_term("China-U.S.")
    ('u.s.', 'china-US')
    >>> normalise_term("it’s"), normalise_term("https://Example.com/A")
    ("it's", 'https://Example.com/A')
    >>> normalise_term("CHINA'S"), normalise_term("WHO’s"), normalise_term("IT'S"), normalise_term("#MeToo’s")
    ('china', 'WHO', "it's", '#metoo')
    """
    if surface.startswith(("http://", "https://", "www.")):
        return surface
    s = surface.translate(_APOS_FOLD)
    if len(s) > 2 and s[-2:].lower() == "'s" and _is_possessive(s):
        s = s[:-2]
    if s[0] in "@#" or "@" in s:
        return s.lower()
    if "-" in s:
        return "-".join(_norm_part(p, merge_us) for p in s.split("-"))
    return _norm_part(s, merge_us)


@functools.lru_cache(maxsize=1)
def _snowball():
    from nltk.stem.snowball import SnowballStemmer  # lazy

    return SnowballStemmer("english")


@functools.lru_cache(maxsize=1_000_000)
def _stem(term: str) -> str:
    if term.isalpha() and term.islower() or (term.replace("-", "").replace("'", "").isalpha() and term.islower()):
        return _snowball().stem(term)
    return term
