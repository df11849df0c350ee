"""The text layer: sentences, news-aware tokens, stopwords, stems and n-grams.

One tokenizer serves every analysis of the kit (counts, keyness, KWIC, dictionaries, quotes), so
numbers agree across reports. Everything here works without NLTK data; NLTK's pretrained Punkt
model and stopword list are used when they are installed.

Tokenizer rules
---------------
A *token* is a span of the text; its *term* is the normalised form that gets counted. Tokens are
found by one regular expression (:data:`TOKEN_PATTERN`), tried in this order at each position:

1. **URLs** starting ``http://``, ``https://`` or ``www.`` stay whole (trailing ``.,;:!?`` dropped).
   Term: unchanged.
2. **@handles and #hashtags** stay whole, with a possessive (``#MeToo's``). Term: lower case,
   possessive removed (``#Taiwan`` -> ``#taiwan``, ``@nytimes’s`` -> ``@nytimes``).
3. **E-mail addresses** stay whole (``press.office@state.gov``, ``j.smith@state.gov``); term
   lower case.
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
:func:`sentences` splits each body paragraph with NLTK's Punkt algorithm (Kiss & Strunk 2006).
When NLTK's pretrained English model (``punkt_tab``) is installed it is used, extended with the
kit's abbreviations; otherwise Punkt runs on the kit's own parameters: titles (``Mr.``, ``Sen.``,
``Gen.``, ...), month and weekday abbreviations, ``U.S.``-style abbreviations, and common sentence
starters (so ``... in the U.S. The talks`` still splits). Initials (``John F. Kennedy``) are
handled by Punkt's initial heuristic. Sentences never cross paragraphs, start at their first
character that is not white space, and a piece that starts with a lower-case letter (after any
opening quote) continues the sentence before it (``“Go!” she said.`` is one sentence). Known
limit: after a dotted abbreviation such as ``U.K.`` a capitalised word other than the usual
sentence starters does not start a sentence (``in the U.K. Officials said`` stays one sentence),
because ``U.S. Trade Representative`` and the like are as common.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

import numpy as np
import pandas as pd

from kit.errors import KitError

__all__ = [
    "Token",
    "TOKEN_PATTERN",
    "TokenOptions",
    "normalise_term",
    "stopwords",
    "tokenize",
    "tokens",
    "sentences",
    "ngrams",
    "find_tokens",
    "ACRONYMS",
    "NEWS_STOPWORDS",
]


class Token(NamedTuple):
    """One token: ``text[start:end] == token``; ``term`` is the normalised form that is counted."""

    start: int
    end: int
    token: str
    term: str


_APOS = "'’‘ʼ"
_HYPH = "\\-‐"
_URL = r"(?:https?://|www\.)[^\s<>\"'“”‘’()\[\]{}]*[^\s<>\"'“”‘’()\[\]{}.,;:!?]"
_HANDLE = rf"[@#]\w+(?:[{_APOS}]s(?!\w))?"
_EMAIL = r"\w+(?:[.+\-]\w+)*@\w+(?:[.\-]\w+)*\.[A-Za-z]{2,}"
_ABBREV = rf"[A-Za-z](?:\.[A-Za-z])+\.?(?:[{_HYPH}]\w+(?:[{_HYPH}{_APOS}]\w+)*)?(?:[{_APOS}]s\b)?(?![A-Za-z0-9])"
# a mixed number joins a whole number of one or two digits and a fraction of one- or two-digit
# numbers ("7 1/2", "12 3/16"); "2019 1/3" is a year and a fraction
_NUMBER = rf"(?:\d{{1,2}} \d{{1,2}}/\d{{1,2}}(?![\d/])|\d+(?:[.,:/]\d+)*)(?:[{_HYPH}{_APOS}]?\w+)*"
# a word is letters/digits/underscores, but never underscores alone: "___" and "____" are
# separator lines in exported copy, not words
_WORD = rf"(?!_+\b)\w+(?:[{_HYPH}{_APOS}](?:[A-Za-z](?:\.[A-Za-z])+\.?|\w+))*"

#: The one regular expression behind every token of the kit (see the module docs for the rules).
TOKEN_PATTERN = "|".join([_URL, _HANDLE, _EMAIL, _ABBREV, _NUMBER, _WORD])
_TOKEN_RE = re.compile(TOKEN_PATTERN)

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


def stopwords(source: str | Iterable[str] = "english") -> frozenset[str]:
    """Return a stopword set of normalised terms.

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
    >>> sw = stopwords("kit")
    >>> "us" in sw, "US" in sw, "the" in sw
    (True, False, True)
    >>> sorted(stopwords(["The", "China’s", "WHO", "AND"]))
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
        raise KitError(f"unknown stopword list {source!r}; choose 'english', 'kit', 'nltk' or give a list of words")
    words = set()
    for w in source:
        if not isinstance(w, str):
            raise KitError(f"stopwords must be strings, got {w!r}")
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
    """Validated tokenizer options; build with :meth:`make` (checks every value)."""

    stopwords: frozenset[str] | None = None
    min_length: int = 1
    stem: bool = False
    merge_us: bool = True
    split_hyphens: bool = False

    @classmethod
    def make(cls, *, stopwords=None, min_length=1, stem=False, merge_us=True, split_hyphens=False) -> "TokenOptions":
        """Check and freeze the options (``stopwords`` as in :func:`kit.text.stopwords`, or None)."""
        sw = None if stopwords is None else globals()["stopwords"](stopwords)
        if not isinstance(min_length, (int, np.integer)) or isinstance(min_length, bool) or min_length < 1:
            raise KitError(f"min_length must be a positive integer, got {min_length!r}")
        for name, val in (("stem", stem), ("merge_us", merge_us), ("split_hyphens", split_hyphens)):
            if not isinstance(val, bool):
                raise KitError(f"{name} must be True or False, got {val!r}")
        return cls(sw, int(min_length), stem, merge_us, split_hyphens)

    def terms_of(self, surface: str) -> list[tuple[int, int, str, bool]]:
        """``(offset, length, term, keep)`` for each token a surface form yields (more than one
        only with ``split_hyphens``); ``keep`` is False for stopwords and short terms."""
        out = []
        if self.split_hyphens and ("-" in surface or "‐" in surface) and not surface.startswith(("http", "www.")) and "@" not in surface:
            pos = 0
            for piece in re.split(r"[-‐]", surface):
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


def find_tokens(text: str, options: TokenOptions) -> list[tuple[int, int, str, str, bool]]:
    """All tokens of ``text`` as ``(start, end, token, term, keep)``, stopwords included (keep=False).

    >>> find_tokens("Mr. Xi’s U.S. trip", TokenOptions.make(stopwords="kit"))[1]
    (4, 8, 'Xi’s', 'xi', True)
    """
    out = []
    for m in _TOKEN_RE.finditer(text):
        s = m.group()
        start = m.start()
        for off, ln, term, keep in options.terms_of(s):
            out.append((start + off, start + off + ln, s[off:off + ln], term, keep))
    return out


def ngrams(terms: list[str], n: int, sep: str = " ") -> list[str]:
    """Consecutive n-grams of a list of terms joined by ``sep``.

    >>> ngrams(["trade", "war", "talks"], 2)
    ['trade war', 'war talks']
    """
    if not isinstance(n, int) or n < 1:
        raise KitError(f"n must be a positive integer, got {n!r}")
    return [sep.join(terms[i:i + n]) for i in range(len(terms) - n + 1)]


def tokenize(
    text: str,
    *,
    stopwords: str | Iterable[str] | None = None,
    min_length: int = 1,
    stem: bool = False,
    merge_us: bool = True,
    split_hyphens: bool = False,
    ngrams: int = 1,
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
        raise KitError(f"text must be a string, got {type(text).__name__}")
    opts = TokenOptions.make(stopwords=stopwords, min_length=min_length, stem=stem, merge_us=merge_us, split_hyphens=split_hyphens)
    found = find_tokens(text, opts)
    if not isinstance(ngrams, int) or isinstance(ngrams, bool) or ngrams < 1:
        raise KitError(f"ngrams must be a positive integer, got {ngrams!r}")
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
    if not isinstance(articles, pd.DataFrame):
        raise KitError(f"articles must be a DataFrame, got {type(articles).__name__}")
    missing = [c for c in (id_col, text_col) if c not in articles.columns]
    if missing:
        raise KitError(f"articles has no column(s) {missing}; columns are {list(articles.columns)}")


def tokens(
    articles: pd.DataFrame,
    *,
    stopwords: str | Iterable[str] | None = "english",
    drop_stopwords: bool = False,
    min_length: int = 1,
    stem: bool = False,
    merge_us: bool = True,
    split_hyphens: bool = False,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """One row per token of every article.

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
    opts = TokenOptions.make(stopwords=stopwords, min_length=min_length, stem=stem, merge_us=merge_us, split_hyphens=split_hyphens)
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


# ----------------------------------------------------------------------------- sentences

#: Abbreviations (lower case, without the final period) that never end a sentence by themselves.
ABBREVIATIONS = frozenset(
    """mr mrs ms messrs dr prof sen sens rep reps gov lt col gen maj capt cmdr adm sgt cpl pvt
    pres supt det insp amb hon rev fr sr jr st mt ft rd ave blvd
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    u.s u.k u.n e.u u.s.a d.c n.y l.a p.m a.m e.g i.e
    inc corp co ltd llc plc bros dept univ assn est approx vol vs etc al ph.d""".split()
)

#: Abbreviations that do not end a sentence only before a number ("No. 1", "Nos. 3 and 4"), so
#: "They said no. Talks ended." still splits (Punkt collocations with its number type).
NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})

#: Capitalised words that usually start a sentence (used after an abbreviation: "in the U.S. The").
SENTENCE_STARTERS = frozenset(
    """the a an he she it they we i you this that these those there his her its their our
    but and however meanwhile still yet in on at after before when while if as so
    some many most several one two three mr mrs ms""".split()
)


@functools.lru_cache(maxsize=1)
def _punkt():
    """The Punkt tokenizer: pretrained English (plus our abbreviations) when installed, else ours."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer  # lazy

    try:
        if not _nltk_has("tokenizers/punkt_tab"):
            raise LookupError("punkt_tab is not installed")
        from nltk.tokenize.punkt import PunktTokenizer

        tok = PunktTokenizer("english")
        tok._params.abbrev_types.update(ABBREVIATIONS)
        tok._params.abbrev_types.difference_update(NUMBER_ABBREVIATIONS)
        tok._params.collocations.update((a, "##number##") for a in NUMBER_ABBREVIATIONS)
        return tok, "pretrained"
    except (LookupError, OSError, ImportError, ValueError):
        params = PunktParameters()
        params.abbrev_types = set(ABBREVIATIONS)
        params.sent_starters = set(SENTENCE_STARTERS)
        params.collocations = {(a, "##number##") for a in NUMBER_ABBREVIATIONS}
        return PunktSentenceTokenizer(params), "kit"


def punkt_model() -> str:
    """Which Punkt parameters :func:`sentences` uses: ``"pretrained"`` or ``"kit"``."""
    return _punkt()[1]


_PARA_RE = re.compile(r"\n\s*\n")
_OPENERS = "\"'“‘«(["


def _sentence_spans(tok, block: str) -> list[tuple[int, int]]:
    """Punkt's spans of one paragraph, then two general repairs: a span starts at its first
    character that is not white space, and a span whose first letter (after any opening quote or
    bracket) is lower case continues the previous sentence (``“Go!” she said.`` is one sentence)."""
    spans: list[list[int]] = []
    for s, e in tok.span_tokenize(block):
        while s < e and block[s].isspace():
            s += 1
        if s >= e:
            continue
        head = block[s:e].lstrip(_OPENERS)
        if spans and head[:1].islower():
            spans[-1][1] = e
        else:
            spans.append([s, e])
    return [(s, e) for s, e in spans]


def sentences(
    articles: pd.DataFrame,
    *,
    paragraphs: pd.DataFrame | None = None,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Split every article's text into sentences, paragraph by paragraph.

    Parameters
    ----------
    articles : DataFrame with ``doc_id`` and ``text``
    paragraphs : DataFrame, optional
        The corpus' paragraphs table; when given, ``para_no`` is taken from its body paragraphs
        (the k-th block of ``text`` is the k-th body paragraph) instead of counting blocks.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_no`` (0-based in the article), ``para_no`` (0-based block of ``text``
        separated by a blank line, or the paragraphs table's number), ``start``, ``end`` (offsets
        into ``text``; ``text[start:end]`` is the sentence), ``text``.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": [
    ...     "Mr. Whitcombe met Gen. Tan in Beijing. The U.S. diplomat left on Jan. 5.\\n\\nTalks go on."]})
    >>> sentences(arts)[["sent_no", "para_no", "text"]].values.tolist()
    [[0, 0, 'Mr. Whitcombe met Gen. Tan in Beijing.'], [1, 0, 'The U.S. diplomat left on Jan. 5.'], [2, 1, 'Talks go on.']]
    """
    _check_articles(articles, text_col, id_col)
    tok, _ = _punkt()
    body_no: dict = {}
    if paragraphs is not None:
        for c in ("doc_id", "para_no", "role"):
            if c not in paragraphs.columns:
                raise KitError(f"paragraphs has no column {c!r}; columns are {list(paragraphs.columns)}")
        body = paragraphs[paragraphs["role"] == "body"].sort_values(["doc_id", "para_no"])
        body_no = {d: g["para_no"].tolist() for d, g in body.groupby("doc_id", sort=False)}
    rows: dict[str, list] = {k: [] for k in ("doc_id", "sent_no", "para_no", "start", "end", "text")}
    for doc_id, text in zip(articles[id_col].tolist(), articles[text_col].tolist()):
        if not isinstance(text, str) or not text.strip():
            continue
        numbers = body_no.get(doc_id)
        sent_no = 0
        pos = 0
        blocks = []
        for m in _PARA_RE.finditer(text):
            blocks.append((pos, m.start()))
            pos = m.end()
        blocks.append((pos, len(text)))
        k = 0
        for bstart, bend in blocks:
            block = text[bstart:bend]
            if not block.strip():
                continue
            pno = numbers[k] if numbers is not None and k < len(numbers) else k
            k += 1
            for s, e in _sentence_spans(tok, block):
                rows["doc_id"].append(doc_id)
                rows["sent_no"].append(sent_no)
                rows["para_no"].append(pno)
                rows["start"].append(bstart + s)
                rows["end"].append(bstart + e)
                rows["text"].append(block[s:e])
                sent_no += 1
    out = pd.DataFrame(rows)
    for c in ("sent_no", "para_no", "start", "end"):
        out[c] = out[c].astype("int64")
    return out
