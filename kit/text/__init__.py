"""The text layer: sentences, news-aware tokens, stopwords, stems and n-grams.

One tokenizer serves every analysis of the kit (counts, keyness, KWIC, dictionaries, quotes), so
numbers agree across reports. Everything here works without NLTK data; NLTK's stopword list is
used when it is installed.

Tokenizer rules
---------------
A *token* is a span of the text; its *term* is the normalised form that gets counted. Tokens are
found by one regular expression (:data:`TOKEN_PATTERN`), tried in this order at each position:

1. **URLs** starting ``http://``, ``https://`` or ``www.`` stay whole (trailing ``.,;:!?`` dropped).
   Term: unchanged.
2. **@handles and #hashtags** stay whole, with a possessive (``#MeToo's``). Term: lower case,
   possessive removed (``#Taiwan`` -> ``#taiwan``, ``@nytimes’s`` -> ``@nytimes``).
3. **E-mail addresses** stay whole (``press.office@state.gov``, ``j.smith@state.gov``); term
   lower case. The part before the ``@`` is at most 64 characters (RFC 5321's limit).
4. **Dotted abbreviations** of single letters (``U.S.``, ``U.K.``, ``a.m.``, ``U.S``) keep their
   periods, may carry a hyphenated tail (``U.S.-China``) and a possessive (``U.S.'s``), and must
   end at a word boundary (``e.coli`` is ``e`` and ``coli``, never ``e.c`` and ``oli``).
5. **Numbers** keep inner separators: ``1,000``, ``3.5``, ``10:30``, ``1/2``; a **mixed number**
   (a whole number of one or two digits, a space, a fraction of one- or two-digit numbers:
   ``7 1/2``, ``12 3/16``) is one token with a space, while ``2019 1/3`` is two tokens; attached
   letters or hyphenated tails stay: ``1990s``, ``3rd``, ``3.5bn``, ``19-year-old``. A currency
   sign or ``%`` is not part of the token.
6. **Words**: letters/digits joined by inner hyphens and apostrophes (``high-stakes``,
   ``China-US``, ``China-U.S.``, ``O'Brien``, ``don't``). The en dash and em dash are punctuation
   (ranges such as ``2019–2020``), so ``China–US`` is two tokens.
   Underscores alone (``___``, separator lines of exported copy) are not a word.

Punctuation and symbols are never tokens. Term normalisation (:func:`normalise_term`):

- Typographic apostrophes (’ ‘ ʼ) become ``'`` and the Unicode hyphen ‐ becomes ``-``, so
  ``China’s`` and ``China's`` are the same.
- **Possessives count for their noun**: a final ``'s`` or ``'S`` is removed (``China’s``,
  ``CHINA'S`` -> ``china``; ``WHO’s`` -> ``WHO``), and a plural possessive ``officials'`` is
  tokenized as ``officials``. Contractions that are not possessives (``it's``, ``he's``,
  ``that's``, ``let's``, ..., also in capitals: ``IT'S``) are kept as they are; an acronym in
  capitals followed by a lower-case ``'s`` (``WHO's``, ``IT's``) is always a possessive.
- **Lower-casing keeps acronyms apart where it matters**: only the acronyms of
  :data:`ACRONYMS` (``US``, ``WHO``, ``IT``, ``IS``: their lower-case forms are function words)
  keep their capitals, so they never merge with the pronouns and are never removed as stopwords.
  Every other word is lower-cased, headlines in capitals included (``NATO`` -> ``nato``,
  ``THE TALKS`` -> ``the talks``).
- **U.S. merging** (``merge_us=True``, the default): ``U.S.``, ``U.S``, ``US``, ``U.S.A.``,
  ``U.S.A`` and ``USA`` all give the term ``US``. With ``merge_us=False``, ``U.S.`` gives
  ``u.s.``, ``USA`` gives ``usa`` and ``US`` stays ``US``.
- **Hyphenated compounds** are one token whose parts are normalised one by one and joined by ``-``:
  ``China-US`` -> ``china-US``, ``U.S.-China`` -> ``US-china``, ``high-stakes`` -> ``high-stakes``.
  With ``split_hyphens=True`` each part becomes its own token (with its own offsets).
- Other dotted abbreviations are lower-cased with their periods (``U.K.`` -> ``u.k.``).

Options (the same keywords in :func:`tokenize`, :func:`tokens` and the counting functions of
:mod:`kit.terms`): ``stopwords`` (``None`` keeps everything; ``"english"`` is NLTK's list plus
:data:`NEWS_STOPWORDS` (the pronoun ``us``, missing from NLTK's list) when NLTK's list is
installed, otherwise the kit's own list; ``"kit"`` is always the kit's list
``kit/resources/stopwords_en.txt``; ``"nltk"`` is NLTK's list unchanged; or any iterable of
terms). :func:`tokenize` keeps every token by default (``stopwords=None``: it is the raw layer
that KWIC, dictionaries and quotes build on), while :func:`tokens` and the counting functions of
:mod:`kit.terms` leave out ``"english"`` stopwords by default (frequency tables are what they are
for), ``min_length`` (minimum number of
characters in a term), ``stem`` (NLTK's Snowball English stemmer, applied to lower-case alphabetic
terms only, so ``US`` and numbers are never stemmed), ``merge_us``, ``split_hyphens`` and, in
:func:`tokenize`, ``ngrams`` (n-grams of consecutive tokens; an n-gram that contains a removed
token is dropped, so no n-gram bridges a stopword).

Sentences
---------
:func:`sentences` (in :mod:`kit.text.sentence_split`) splits each body paragraph with the kit's one
sentence splitter (also :func:`sentence_spans` for one string, and the quotes' sentences): a
sentence ends at ``.``, ``!``, ``?`` or ``…`` (and any closing quotes or brackets) followed by white
space and a capital letter or digit, perhaps after opening quotes (``''`` included). A period after
an abbreviation (:data:`ABBREVIATIONS`: titles such as ``Mr.``, ``Sen.``, ``Gen.``, months, weekdays,
``U.S.``-style abbreviations) or an initial (``John F. Kennedy``) does not end a sentence unless a
usual sentence starter follows (:data:`SENTENCE_STARTERS`, so ``... in the U.S. The talks`` splits);
``No.`` does not end one before a number (``No. 1``). No NLTK data is needed, and the rules are one
linear pass. Sentences never cross paragraphs and start at their first character that is not white
space; a piece starting with a lower-case letter is never a sentence of its own (``“Go!” she said.``
is one sentence). Known limit: after a dotted abbreviation a capitalised word other than the usual
sentence starters does not start a sentence (``in the U.K. Officials said`` stays one sentence),
because ``U.S. Trade Representative`` and the like are as common.

Pathological text (a token over 1,000 characters, a paragraph over 100,000, a sentence over
10,000) is kept and counted in full but processed in bounded windows: see :mod:`kit.text.windows`.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from itertools import filterfalse
from typing import NamedTuple

import numpy as np
import pandas as pd

from kit.deprecation import renamed_keywords, warn_renamed
from kit.errors import KitError, KitTypeError, KitValueError
from kit.text.windows import MAX_PARAGRAPH_CHARS, windows
from kit.validate import check_bool, check_int, require_columns

__all__ = [
    "Token",
    "TOKEN_PATTERN",
    "TokenOptions",
    "TOKEN_DEFAULTS",
    "token_options",
    "count_words",
    "count_words_many",
    "normalise_term",
    "stopword_set",
    "tokenize",
    "tokens",
    "sentences",
    "sentence_spans",
    "punkt_model",
    "ngrams",
    "find_tokens",
    "ACRONYMS",
    "NEWS_STOPWORDS",
    "ABBREVIATIONS",
    "NUMBER_ABBREVIATIONS",
    "SENTENCE_STARTERS",
]


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


@functools.lru_cache(maxsize=1)
def _kit_stopwords() -> frozenset[str]:
    text = resources.files("kit").joinpath("resources/stopwords_en.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _nltk_data_dirs() -> list[str]:
    """NLTK's default data search path, computed without importing nltk (which is slow)."""
    import os
    import sys

    dirs = [d for d in os.environ.get("NLTK_DATA", "").split(os.pathsep) if d]
    dirs.append(os.path.expanduser("~/nltk_data"))
    for base in (sys.prefix, getattr(sys, "base_prefix", sys.prefix)):
        dirs += [os.path.join(base, "nltk_data"), os.path.join(base, "share", "nltk_data"), os.path.join(base, "lib", "nltk_data")]
    dirs += ["/usr/share/nltk_data", "/usr/local/share/nltk_data", "/usr/lib/nltk_data", "/usr/local/lib/nltk_data",
             os.path.join(os.environ.get("APPDATA", ""), "nltk_data"), r"C:\nltk_data", r"D:\nltk_data", r"E:\nltk_data"]
    return dirs


def _nltk_has(resource: str) -> bool:
    """Whether an NLTK data package (e.g. ``corpora/stopwords``) looks installed."""
    import os

    return any(os.path.exists(os.path.join(d, resource)) or os.path.exists(os.path.join(d, resource + ".zip")) for d in _nltk_data_dirs())


def _nltk_stopword_list() -> list[str]:
    from nltk.corpus import stopwords as sw  # lazy: nltk is slow to import

    return sw.words("english")


@functools.lru_cache(maxsize=1)
def _nltk_stopwords() -> frozenset[str] | None:
    if not _nltk_has("corpora/stopwords"):
        return None
    try:
        return frozenset(w.translate(_APOS_FOLD).lower() for w in _nltk_stopword_list())
    except (LookupError, OSError, ImportError):
        return None


def stopword_set(source: str | Iterable[str] = "english") -> frozenset[str]:
    """Return a stopword set of normalised terms (the ``stopwords=`` option of every tokenizer
    function is passed through this).

    Parameters
    ----------
    source : {"english", "kit", "nltk"} or iterable of str
        ``"english"``: NLTK's English list plus :data:`NEWS_STOPWORDS` (the pronoun ``us``) when
        NLTK's list is installed, else the kit's own list; ``"kit"``: the kit's list
        (``kit/resources/stopwords_en.txt``); ``"nltk"``: NLTK's list exactly as NLTK gives it
        (error when not installed); an iterable: those words, normalised like terms (apostrophes
        folded, lower-cased except the :data:`ACRONYMS`).

    Examples
    --------
    >>> sw = stopword_set("kit")
    >>> "us" in sw, "US" in sw, "the" in sw
    (True, False, True)
    >>> sorted(stopword_set(["The", "China’s", "WHO", "AND"]))
    ['WHO', 'and', "china's", 'the']
    """
    if isinstance(source, str):
        if source == "kit":
            return _kit_stopwords()
        if source == "english":
            sw = _nltk_stopwords()
            return (sw | NEWS_STOPWORDS) if sw is not None else _kit_stopwords()
        if source == "nltk":
            sw = _nltk_stopwords()
            if sw is None:
                raise KitError("NLTK's stopword list is not installed (python -m nltk.downloader stopwords); use 'kit'")
            return sw
        raise KitValueError(f"unknown stopword list {source!r}; choose 'english', 'kit', 'nltk' or give a list of words")
    if not isinstance(source, Iterable):
        raise KitTypeError(f"stopwords must be 'english', 'kit', 'nltk', a list of words or None, got {source!r}")
    words = set()
    for w in source:
        if not isinstance(w, str):
            raise KitTypeError(f"stopwords must be strings, got {w!r}")
        w = w.strip().translate(_APOS_FOLD)
        words.add(w if w in ACRONYMS else w.lower())
    return frozenset(words)


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


def stopwords(source: str | Iterable[str] = "english") -> frozenset[str]:
    """Deprecated name of :func:`stopword_set` (it was shadowed by the ``stopwords=`` option)."""
    warn_renamed("kit.text.stopwords()", "kit.text.stopword_set()")
    return stopword_set(source)


@functools.lru_cache(maxsize=1)
def _snowball():
    from nltk.stem.snowball import SnowballStemmer  # lazy

    return SnowballStemmer("english")


@functools.lru_cache(maxsize=1_000_000)
def _stem(term: str) -> str:
    if term.isalpha() and term.islower() or (term.replace("-", "").replace("'", "").isalpha() and term.islower()):
        return _snowball().stem(term)
    return term


@dataclass(frozen=True)
class TokenOptions:
    """The tokenizer options, checked once, passed as one ``tokens=`` argument.

    Every function that tokenizes takes ``tokens=TokenOptions(...)`` or the same options as flat
    keywords (not both with different values). Building one checks every value.

    Attributes
    ----------
    stopwords : None, {"english", "kit", "nltk"} or iterable of str
        Terms left out (kept as the normalised set of :func:`stopword_set`); None keeps every term.
    min_length : int
        Leave out terms shorter than this many characters (default 1).
    stem : bool
        Replace lower-case alphabetic terms by their Snowball stem (default False).
    merge_us : bool
        ``U.S.``, ``U.S``, ``USA`` and ``US`` all give the term ``US`` (default True).
    split_hyphens : bool
        Split hyphenated compounds into their parts (default False).

    Examples
    --------
    >>> opts = TokenOptions(stopwords="kit", split_hyphens=True)
    >>> [t.term for t in tokenize("The China-US talks", tokens=opts)]
    ['china', 'US', 'talks']
    >>> TokenOptions(min_length=0)
    Traceback (most recent call last):
    ...
    kit.errors.KitValueError: min_length must be a positive integer, got 0
    """

    stopwords: frozenset[str] | None = None
    min_length: int = 1
    stem: bool = False
    merge_us: bool = True
    split_hyphens: bool = False

    def __post_init__(self):
        # surface form -> terms_of(surface): find_tokens looks each distinct surface up once
        # (not a field: options compare and hash as before; replace() gives a fresh cache)
        object.__setattr__(self, "_surfaces", {})
        object.__setattr__(self, "_pieces", {})  # white-space piece -> its tokens (find_tokens)
        if self.stopwords is not None:
            object.__setattr__(self, "stopwords", stopword_set(self.stopwords))
        object.__setattr__(self, "min_length", check_int(self.min_length, "min_length", min=1))
        for name in ("stem", "merge_us", "split_hyphens"):
            object.__setattr__(self, name, check_bool(getattr(self, name), name))

    @classmethod
    def make(cls, *, stopwords=None, min_length=1, stem=False, merge_us=True, split_hyphens=False) -> "TokenOptions":
        """The same as ``TokenOptions(...)`` (kept for the callers that use it)."""
        return cls(stopwords, min_length, stem, merge_us, split_hyphens)

    def replace(self, **changes) -> "TokenOptions":
        """A copy with some options changed (checked again)."""
        return dataclasses.replace(self, **changes)

    def terms_of(self, surface: str) -> list[tuple[int, int, str, bool]]:
        """``(offset, length, term, keep)`` for each token a surface form yields (more than one
        only with ``split_hyphens``); ``keep`` is False for stopwords and short terms."""
        out = []
        if self.split_hyphens and ("-" in surface or "‐" in surface) and not surface.startswith(("http", "www.")) and "@" not in surface:
            pos = 0
            for piece in _HYPHEN_RE.split(surface):
                if piece:
                    out.append((pos, len(piece), normalise_term(piece, merge_us=self.merge_us)))
                pos += len(piece) + 1
        else:
            out.append((0, len(surface), normalise_term(surface, merge_us=self.merge_us)))
        res = []
        for off, ln, term in out:
            keep = not (self.stopwords is not None and term in self.stopwords) and len(term) >= self.min_length
            if self.stem:
                term = _stem(term)
            res.append((off, ln, term, keep))
        return res


#: The defaults of the flat tokenizer keywords (the fields of :class:`TokenOptions`).
TOKEN_DEFAULTS: dict = {f.name: f.default for f in dataclasses.fields(TokenOptions)}


def token_options(tokens: TokenOptions | None = None, defaults: dict | None = None, **flat) -> TokenOptions:
    """One :class:`TokenOptions` from a ``tokens=`` argument and/or flat tokenizer keywords.

    ``flat`` holds the keywords as the caller received them and ``defaults`` their defaults in
    the caller's signature (:data:`TOKEN_DEFAULTS` when None). Without ``tokens`` the flat values
    make the options; with ``tokens``, a flat value different from its default must agree with
    ``tokens`` (one setting, one place).

    >>> token_options(None, split_hyphens=True).split_hyphens
    True
    >>> token_options(TokenOptions(stem=True), stem=False).stem
    True
    >>> token_options(TokenOptions(stem=False), stem=True)
    Traceback (most recent call last):
    ...
    kit.errors.KitValueError: tokens has stem=False but stem=True was passed too; give the option in one place
    """
    base = TOKEN_DEFAULTS if defaults is None else {**TOKEN_DEFAULTS, **defaults}
    unknown = sorted(set(flat) - set(TOKEN_DEFAULTS))
    if unknown:
        raise KitTypeError(f"unknown tokenizer option(s) {', '.join(unknown)}; options are {', '.join(TOKEN_DEFAULTS)}")
    if tokens is None:
        return TokenOptions(**{k: flat.get(k, base[k]) for k in TOKEN_DEFAULTS})
    if not isinstance(tokens, TokenOptions):
        raise KitTypeError(f"tokens must be a kit.text.TokenOptions, got {type(tokens).__name__} {tokens!r}")
    for k, v in flat.items():
        if v is base[k] or (not isinstance(v, (set, frozenset, list, tuple)) and v == base[k]):
            continue
        mine = getattr(tokens, k)
        theirs = stopword_set(v) if k == "stopwords" and v is not None else v
        if mine != theirs:
            raise KitValueError(f"tokens has {k}={_short(mine)} but {k}={_short(v)} was passed too; "
                                "give the option in one place")
    return tokens


def _short(value) -> str:
    if isinstance(value, frozenset):
        return f"<{len(value)} stopwords>"
    return repr(value)


def count_words(text, tokens: TokenOptions | None = None) -> int:
    """The number of words of a text: its tokens under the kit's rules (:data:`TOKEN_PATTERN`;
    punctuation is not a word, ``U.S.`` and ``high-stakes`` are one word each, or two with
    ``split_hyphens``), stopwords included. The articles table's ``n_words`` and the frames
    denominator (``n_tokens`` of :func:`kit.frames.frame_scores`) are this number.

    >>> count_words("The U.S. envoy’s high-stakes talks — 7 1/2 hours — ended.")
    8
    >>> count_words("high-stakes", TokenOptions(split_hyphens=True)), count_words(None)
    (2, 0)
    """
    if not isinstance(text, str) or not text:
        return 0
    opts = _DEFAULT_TOKENS if tokens is None else tokens
    if not opts.split_hyphens:
        # exactly the number of pattern matches, counted per white-space piece (see _PieceTokens)
        if _JOIN in text:  # (never in news text) the one character the pieces cannot hold
            return sum(1 for _ in _token_matches(text))
        if "/" in text and _FRACTION_RE.search(text):
            text = _FRACTION_SPACE_RE.sub("\\1" + _JOIN, text)
        pieces = text.split()
        odd = list(filterfalse(str.isalpha, pieces))  # a piece of letters only is one word
        return len(pieces) - len(odd) + sum(map(_PIECE_TOKENS.__getitem__, odd))
    return sum(len(opts.terms_of(m.group())) for m in _token_matches(text))


def count_words_many(texts: Iterable) -> np.ndarray:
    """:func:`count_words` of every text (default token options), as an ``int64`` array; the same
    numbers, counted over all the texts at once.

    The texts are cut at spaces by pyarrow (in C, no Python string per word). Any cut at white space
    keeps the count, since no token holds white space (the pattern's look-arounds see white space
    and a piece's edge alike, see :class:`_PieceTokens`): a piece of ASCII letters is one word, and
    every other piece (punctuation, digits, other letters, other white space, nothing) is looked up
    once per distinct piece in the cache :func:`count_words` uses. The space of a mixed number
    ("7 1/2", inside a token) is kept inside its piece as :func:`count_words` keeps it; a text holding
    the character reserved for that is counted by :func:`count_words` itself; anything but a
    non-empty string counts 0.

    >>> count_words_many(["The U.S. envoy’s talks — 7 1/2 hours — ended.", "", None, "Two  words"]).tolist()
    [7, 0, 0, 2]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = list(texts)
    out = np.zeros(len(texts), dtype=np.int64)
    fast: list[int] = []
    for i, t in enumerate(texts):
        if not isinstance(t, str) or not t:
            continue
        if _JOIN in t:
            out[i] = count_words(t)
            continue
        if "/" in t and _FRACTION_RE.search(t):  # the space of "7 1/2" kept inside its piece, as count_words does
            texts[i] = _FRACTION_SPACE_RE.sub("\\1" + _JOIN, t)
        fast.append(i)
    for start in range(0, len(fast), _MANY_BATCH):  # (memory: a batch's pieces, never the whole corpus's)
        batch = fast[start:start + _MANY_BATCH]
        out[np.asarray(batch)] = _count_batch([texts[i] for i in batch], pa, pc)
    return out


#: Texts counted at once by :func:`count_words_many` (its pieces take about four times their text).
_MANY_BATCH = 2000


def _count_batch(texts: list[str], pa, pc) -> np.ndarray:
    """The word counts of non-empty texts without the reserved character (see :func:`count_words_many`)."""
    arr = pa.array(texts, type=pa.large_string())
    lists = pc.split_pattern(pc.replace_substring(arr, "\n\n", " "), " ")  # (fewer distinct pieces)
    pieces = pc.list_flatten(lists)
    owner = pc.list_parent_indices(lists).to_numpy()
    letters = pc.ascii_is_alpha(pieces).to_numpy(zero_copy_only=False)
    n = np.bincount(owner[letters], minlength=len(texts))
    other = pc.dictionary_encode(pieces.filter(pa.array(~letters)))
    per_piece = np.fromiter(map(_PIECE_TOKENS.__getitem__, other.dictionary.to_pylist()), dtype=np.int64,
                            count=len(other.dictionary))
    n += np.bincount(owner[~letters], weights=per_piece[other.indices.to_numpy()], minlength=len(texts)).astype(np.int64)
    return n


_DEFAULT_TOKENS = TokenOptions()
#: Distinct surface forms whose terms one :class:`TokenOptions` remembers for :func:`find_tokens`
#: (about 200 bytes each; a corpus with more distinct forms normalises the rest each time).
SURFACE_CACHE_LIMIT = 500_000

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
#: cached pieces are forgotten when there are this many (the vocabulary of pieces keeps growing)
_PIECE_CACHE_MAX = 500_000


class _PieceTokens(dict):
    """White-space piece -> its number of pattern matches, computed on first sight.

    Scanning a piece alone finds the matches a scan of the whole text finds there, because no
    token holds white space (the space of a mixed number is kept inside its piece, see _JOIN) and
    the pattern's look-arounds at a piece's edges see white space or the string's edge alike.
    A piece of letters only is one word; other pieces are scanned once and remembered, so
    :func:`count_words` costs ``str.split`` and a dictionary look-up per piece.
    """

    def __missing__(self, piece: str) -> int:
        core = piece if piece.isalpha() else piece.strip(_NEVER_IN_TOKENS)
        if core.isalpha() and (core is piece or not _MAYBE_URL(piece)):
            n = 1  # a word, perhaps between characters no token starts or ends with
        else:
            n = len(_TOKEN_RE.findall(piece.replace(_JOIN, " ")))
        if len(self) >= _PIECE_CACHE_MAX:
            self.clear()
        self[piece] = n
        return n


_PIECE_TOKENS = _PieceTokens()


def _token_matches(text: str):
    """The pattern's matches over the whole text; a text longer than
    :data:`kit.text.windows.MAX_PARAGRAPH_CHARS` is scanned window by window (cut at white space
    no token spans: the same matches, with bounded work per window)."""
    if len(text) <= MAX_PARAGRAPH_CHARS:
        yield from _TOKEN_RE.finditer(text)
        return
    for s, e in windows(text):
        yield from _TOKEN_RE.finditer(text, s, e)


def find_tokens(text: str, options: TokenOptions) -> list[tuple[int, int, str, str, bool]]:
    """All tokens of ``text`` as ``(start, end, token, term, keep)``, stopwords included (keep=False).

    The text is read white-space piece by piece: no token holds white space (but the space of a
    mixed number, "7 1/2", whose texts are scanned whole) and the pattern's look-arounds see white
    space or a string's edge alike at a piece's edges, so scanning a piece alone finds the tokens
    a scan of the whole text finds there (as :func:`count_words` counts them); each distinct piece
    is scanned once and its tokens remembered (:data:`PIECE_CACHE_LIMIT`).

    >>> find_tokens("Mr. Xi’s U.S. trip", TokenOptions(stopwords="kit"))[1]
    (4, 8, 'Xi’s', 'xi', True)
    """
    if _JOIN in text or ("/" in text and _FRACTION_RE.search(text)):
        return _scan_tokens(text, options)
    out = []
    append = out.append
    known = options._pieces  # piece -> ((offset, length, token, term, keep), ...)
    get = known.get
    find = text.find
    pos = 0
    for piece in text.split():
        start = find(piece, pos)
        pos = start + len(piece)
        got = get(piece)
        if got is None:
            if len(piece) > _LONG_PIECE:  # (never in news text) scanned in windows with the whole text
                return _scan_tokens(text, options)
            got = _piece_tokens(piece, options)
            if len(known) < PIECE_CACHE_LIMIT:
                known[piece] = got
        if len(got) == 1:
            off, ln, tok, term, keep = got[0]
            append((start + off, start + off + ln, tok, term, keep))
        else:
            for off, ln, tok, term, keep in got:
                append((start + off, start + off + ln, tok, term, keep))
    return out


#: Distinct white-space pieces whose tokens one :class:`TokenOptions` remembers for
#: :func:`find_tokens` (about 250 bytes each); later pieces are scanned each time.
PIECE_CACHE_LIMIT = 300_000
#: Pieces longer than this send the whole text to the windowed scan (:func:`_token_matches`).
_LONG_PIECE = 1_000


def _piece_tokens(piece: str, options: TokenOptions) -> tuple:
    """The tokens of one white-space piece: ``((offset, length, token, term, keep), ...)``."""
    return tuple((s, e - s, tok, term, keep) for s, e, tok, term, keep in _scan_tokens(piece, options))


def _scan_tokens(text: str, options: TokenOptions) -> list[tuple[int, int, str, str, bool]]:
    """:func:`find_tokens` by a scan of the whole text with the token pattern."""
    out = []
    append = out.append
    seen = options._surfaces  # surface -> (term, keep, None) or (None, None, parts): most tokens are looked up
    for m in _token_matches(text):
        s = m.group()
        got = seen.get(s)
        if got is None:
            parts = tuple(options.terms_of(s))
            whole = len(parts) == 1 and parts[0][0] == 0 and parts[0][1] == len(s)
            got = (parts[0][2], parts[0][3], None) if whole else (None, None, parts)
            if len(seen) < SURFACE_CACHE_LIMIT:
                seen[s] = got
        term, keep, parts = got
        start = m.start()
        if parts is None:  # one token, the whole surface
            append((start, start + len(s), s, term, keep))
        else:
            for off, ln, term, keep in parts:
                append((start + off, start + off + ln, s[off:off + ln], term, keep))
    return out


@renamed_keywords(n="size")
def ngrams(terms: list[str], size: int, sep: str = " ") -> list[str]:
    """Consecutive n-grams of ``size`` terms, joined by ``sep`` (``n=`` is the deprecated name of ``size``).

    >>> ngrams(["trade", "war", "talks"], 2)
    ['trade war', 'war talks']
    """
    size = check_int(size, "size", min=1)
    return [sep.join(terms[i:i + size]) for i in range(len(terms) - size + 1)]


def tokenize(
    text: str,
    *,
    stopwords: str | Iterable[str] | None = None,
    min_length: int = 1,
    stem: bool = False,
    merge_us: bool = True,
    split_hyphens: bool = False,
    ngrams: int = 1,
    tokens: TokenOptions | None = None,
) -> list[Token]:
    """Tokenize one text with the kit's news-aware rules (see the module docs).

    Parameters
    ----------
    text : str
    stopwords : None, {"english", "kit", "nltk"} or iterable of str
        Tokens whose term is in the list are left out. The default None keeps every token: this is
        the raw layer (KWIC, dictionaries, quotes); the table functions default to "english".
    min_length : int
        Leave out terms shorter than this many characters.
    stem : bool
        Replace lower-case alphabetic terms by their Snowball stem.
    merge_us : bool
        ``U.S.``, ``U.S`` and ``US`` all give the term ``US`` (default True).
    split_hyphens : bool
        Split hyphenated compounds into their parts.
    ngrams : int
        1 for single tokens; n > 1 gives n-grams (term parts joined by a space, ``token`` the text
        span they cover); n-grams containing a left-out token are dropped.
    tokens : TokenOptions, optional
        All the options above (but ``ngrams``) in one object, instead of the keywords.

    Returns
    -------
    list of Token
        ``Token(start, end, token, term)``, with ``text[start:end] == token``.

    Examples
    --------
    >>> [t.term for t in tokenize("China’s talks with the U.S. on high-stakes trade, says US envoy")]
    ['china', 'talks', 'with', 'the', 'US', 'on', 'high-stakes', 'trade', 'says', 'US', 'envoy']
    >>> [t.term for t in tokenize("Tell us: 7 1/2 tons, press@state.gov, #G20 @WHO", stopwords="kit")]
    ['tell', '7 1/2', 'tons', 'press@state.gov', '#g20', '@who']
    >>> [t.term for t in tokenize("the trade war talks resumed", stopwords="kit", ngrams=2)]
    ['trade war', 'war talks', 'talks resumed']
    """
    if not isinstance(text, str):
        raise KitTypeError(f"text must be a string, got {type(text).__name__}")
    opts = token_options(tokens, stopwords=stopwords, min_length=min_length, stem=stem, merge_us=merge_us,
                         split_hyphens=split_hyphens)
    ngrams = check_int(ngrams, "ngrams", min=1)
    found = find_tokens(text, opts)
    if ngrams == 1:
        return [Token(s, e, tok, term) for s, e, tok, term, keep in found if keep]
    out = []
    for i in range(len(found) - ngrams + 1):
        window = found[i:i + ngrams]
        if all(w[4] for w in window):
            s, e = window[0][0], window[-1][1]
            out.append(Token(s, e, text[s:e], " ".join(w[3] for w in window)))
    return out


def _check_articles(articles: pd.DataFrame, text_col: str, id_col: str) -> None:
    """The articles table has its id and text columns (:func:`kit.validate.require_columns`)."""
    require_columns(articles, [id_col, text_col], "articles")


def tokens(
    articles: pd.DataFrame,
    *,
    stopwords: str | Iterable[str] | None = "english",
    drop_stopwords: bool = False,
    min_length: int = 1,
    stem: bool = False,
    merge_us: bool = True,
    split_hyphens: bool = False,
    tokens: TokenOptions | None = None,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """One row per token of every article.

    The tokenizer options are those of :func:`tokenize` (default ``stopwords="english"``: marked
    in ``is_stop``, and left out with ``drop_stopwords=True``), as keywords or one ``tokens=``.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_no`` (sentence number in the article, as in :func:`sentences`),
        ``token_no`` (0-based position among all tokens of the article, stopwords included, so
        positions stay the same whether or not stopwords are dropped), ``start``, ``end`` (offsets
        into the article text), ``token`` (surface form), ``term`` (normalised form), ``is_stop``
        (the term is in ``stopwords`` or shorter than ``min_length``).

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Mr. Xi met U.S. envoys.\\n\\nThey spoke."]})
    >>> tokens(arts, stopwords="kit")[["sent_no", "token_no", "term", "is_stop"]].to_string(index=False)
    ' sent_no  token_no   term  is_stop\\n       0         0     mr    False\\n       0         1     xi    False\\n       0         2    met    False\\n       0         3     US    False\\n       0         4 envoys    False\\n       1         5   they     True\\n       1         6  spoke    False'
    """
    _check_articles(articles, text_col, id_col)
    opts = token_options(tokens, {"stopwords": "english"}, stopwords=stopwords, min_length=min_length, stem=stem,
                         merge_us=merge_us, split_hyphens=split_hyphens)
    sents = sentences(articles, text_col=text_col, id_col=id_col)
    sent_starts = {d: g["start"].to_numpy() for d, g in sents.groupby("doc_id", sort=False)}
    cols: dict[str, list] = {k: [] for k in ("doc_id", "sent_no", "token_no", "start", "end", "token", "term", "is_stop")}
    for doc_id, text in zip(articles[id_col].tolist(), articles[text_col].tolist()):
        if not isinstance(text, str) or not text:
            continue
        found = find_tokens(text, opts)
        if not found:
            continue
        starts = np.fromiter((f[0] for f in found), dtype=np.int64, count=len(found))
        ss = sent_starts.get(doc_id)
        sno = np.searchsorted(ss, starts, side="right") - 1 if ss is not None and len(ss) else np.zeros(len(found), dtype=np.int64)
        sno = np.maximum(sno, 0)
        for i, (s, e, tok, term, keep) in enumerate(found):
            if drop_stopwords and not keep:
                continue
            cols["doc_id"].append(doc_id)
            cols["sent_no"].append(int(sno[i]))
            cols["token_no"].append(i)
            cols["start"].append(s)
            cols["end"].append(e)
            cols["token"].append(tok)
            cols["term"].append(term)
            cols["is_stop"].append(not keep)
    out = pd.DataFrame(cols)
    for c in ("sent_no", "token_no", "start", "end"):
        out[c] = out[c].astype("int64")
    out["is_stop"] = out["is_stop"].astype(bool)
    return out


# The sentence splitter lives in kit.text.sentence_split (imported last: it uses the helpers above).
from kit.text.sentence_split import (  # noqa: E402  (after the helpers it imports)
    ABBREVIATIONS,
    NUMBER_ABBREVIATIONS,
    SENTENCE_STARTERS,
    punkt_model,
    sentence_spans,
    sentences,
)
