"""Matching: every dictionary hit in every article, with negation (rules in :mod:`kit.frames`)."""
from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
import pandas as pd

from kit.errors import KitValueError
from kit.frames.constants import (
    CLAUSE_BREAK,
    FOLD,
    HYPHENS,
    MATCH_CACHE_LIMIT,
    NEGATION_WINDOW,
    NEGATOR_SUFFIX,
    NEGATORS,
    NOT_ONLY,
    NUMBER_AFTER_NO,
)
from kit.frames.dictionaries import Dictionary, load_dictionary
from kit.text import TOKEN_DEFAULTS, TokenOptions, find_tokens, normalise_term, token_options
from kit.text import sentences as split_sentences
from kit.validate import check_int, check_unique, require_columns

__all__ = ["HIT_COLUMNS", "dictionary_hits", "frames_tokens"]

#: Columns of the hits table of :func:`dictionary_hits`.
HIT_COLUMNS = ["doc_id", "frame", "pattern", "sent_no", "token_no", "n_tokens", "start", "end", "match", "negated",
               "negator"]


def _compile_word(word: str, merge_us: bool):
    """('exact', term) or ('wild', compiled regex) for one word of an entry."""
    if "*" in word:
        folded = [re.escape(p.translate(FOLD).lower()) for p in word.split("*")]
        return ("wild", re.compile(".*".join(folded), re.IGNORECASE))
    return ("exact", normalise_term(word, merge_us=merge_us))


def _entry_words(pattern: str, split_hyphens: bool) -> list[str]:
    words = pattern.split(" ")
    if split_hyphens:
        words = [p for w in words for p in HYPHENS.split(w) if p]
    return words


class _Matcher:
    """Entries compiled for fast lookup by first token."""

    def __init__(self, d: Dictionary, merge_us: bool, split_hyphens: bool):
        self.exact_first: dict[str, list] = defaultdict(list)
        self.wild_first: list = []
        self._cache: dict[str, list] = {}
        self._starts_none: set[str] = set()  # terms of _cache that start no entry
        self.prefix_first: dict[str, list] = defaultdict(list)  # "stabili*" entries by their prefix
        for cat, pattern in zip(d.entries["frame"].tolist(), d.entries["pattern"].tolist()):
            raw = _entry_words(pattern, split_hyphens)
            words = [_compile_word(w, merge_us) for w in raw]
            item = (cat, pattern, words)
            first = raw[0]
            if words[0][0] == "exact":
                self.exact_first[words[0][1]].append(item)
            elif first.endswith("*") and first.count("*") == 1:
                self.prefix_first[first[:-1].translate(FOLD).lower()].append(item)
            else:
                self.wild_first.append(item)
        self._prefix_lengths = sorted({len(k) for k in self.prefix_first})

    @staticmethod
    def _word_ok(w, term: str) -> bool:
        kind, val = w
        return term == val if kind == "exact" else val.fullmatch(term) is not None

    def candidates(self, term: str) -> list:
        """Entries whose first word matches ``term`` (memoised per distinct term)."""
        got = self._cache.get(term)
        if got is None:
            low = term.lower()
            got = list(self.exact_first.get(term, []))
            for k in self._prefix_lengths:
                if k > len(low):
                    break
                got.extend(self.prefix_first.get(low[:k], ()))
            got.extend(c for c in self.wild_first if self._word_ok(c[2][0], term))
            if len(self._cache) < MATCH_CACHE_LIMIT:
                self._cache[term] = got
                if not got:
                    self._starts_none.add(term)
        return got

    def matches(self, terms: list[str]):
        """Yield (category, pattern, first index, n tokens) for every entry matching at every position."""
        n = len(terms)
        known = self._cache
        none = self._starts_none  # most tokens start no entry: skipped in one pass (C speed)
        word_ok = self._word_ok
        for i in [i for i, t in enumerate(terms) if t not in none]:
            t = terms[i]
            cands = known.get(t)
            if cands is None:
                cands = self.candidates(t)
            for cat, pattern, words in cands:
                m = len(words)
                if m == 1:
                    yield cat, pattern, i, 1
                elif i + m <= n and all(word_ok(words[k], terms[i + k]) for k in range(1, m)):
                    yield cat, pattern, i, m


def _is_negator(term: str, negators: frozenset) -> bool:
    t = term.lower()
    return t in negators or t.endswith(NEGATOR_SUFFIX)


def _negator_before(text, found, terms, i, window, negators, sno):
    """The surface form of the negator governing token ``i``, or None (rules in the module docs)."""
    for k in range(i - 1, max(i - window, 0) - 1, -1):
        if sno[k] != sno[i] or CLAUSE_BREAK.search(text, found[k][1], found[k + 1][0]):
            return None
        if not _is_negator(terms[k], negators):
            continue
        t = terms[k].lower()
        if t == "no" and NUMBER_AFTER_NO.match(text, found[k][1]):
            continue  # "No. 1": a number sign
        if t == "not" and k + 1 < len(terms) and terms[k + 1].lower() in NOT_ONLY:
            continue  # "not only ... but": no negation
        return found[k][2]
    return None


def _check_articles(articles, text_col, id_col):
    require_columns(articles, [id_col, text_col], "articles", hint="pass text_col= / id_col= to name them")
    check_unique(articles, id_col)


HIT_COLUMNS = ["doc_id", "frame", "pattern", "sent_no", "token_no", "n_tokens", "start", "end", "match", "negated", "negator"]

#: The tokenizer options of matching per (split_hyphens, merge_us) when no ``tokens=`` is given.
_MATCH_TOKENS: dict[tuple, TokenOptions] = {}


def frames_tokens(tokens: TokenOptions | None, split_hyphens: bool | None, merge_us: bool | None) -> TokenOptions:
    """The tokenizer options of dictionary matching, from ``tokens=`` or the flat keywords.

    Matching sees every token (stopwords included) in its unstemmed form, so only
    ``split_hyphens`` and ``merge_us`` apply; other options in ``tokens`` are an error.

    >>> frames_tokens(None, True, None)
    TokenOptions(stopwords=None, min_length=1, stem=False, merge_us=True, split_hyphens=True)
    >>> frames_tokens(TokenOptions.make(stem=True), None, None)
    Traceback (most recent call last):
    ...
    kit.errors.KitValueError: dictionary matching counts every token as written; tokens= may set only split_hyphens and merge_us, not stem
    """
    if tokens is None:
        flags = (False if split_hyphens is None else split_hyphens, True if merge_us is None else merge_us)
        opts = _MATCH_TOKENS.get(flags)
        if opts is None:  # one per setting, kept: its memory of token forms serves every later call
            opts = _MATCH_TOKENS.setdefault(flags, TokenOptions(split_hyphens=flags[0], merge_us=flags[1]))
    else:
        opts = token_options(tokens, {"split_hyphens": None, "merge_us": None},
                             split_hyphens=split_hyphens, merge_us=merge_us)
    bad = [k for k in ("stopwords", "min_length", "stem") if getattr(opts, k) != TOKEN_DEFAULTS[k]]
    if bad:
        raise KitValueError(f"dictionary matching counts every token as written; tokens= may set only split_hyphens "
                            f"and merge_us, not {', '.join(bad)}")
    return opts


def _check_hits_fit(h: pd.DataFrame, doc, toks) -> None:
    """Fail when a hit of article ``doc`` does not line up with the article's tokens ``toks``."""
    for i, m, start, end in zip(h["token_no"].tolist(), h["n_tokens"].tolist(), h["start"].tolist(), h["end"].tolist()):
        if i < 0 or i + m > len(toks) or toks[i][0] != start or toks[i + m - 1][1] != end:
            raise KitValueError(f"hit at offset {start} of article '{doc}' does not line up with the article's tokens: "
                           "the hits were made from other texts or with other tokenizer options "
                           "(pass the tokens= / split_hyphens= given to dictionary_hits, or rerun it on these articles)")


def _doc_hits(text, matcher, opts, negators, window, sent_starts, no_negation=frozenset()):
    found = find_tokens(text, opts)
    terms = [f[3] for f in found]
    if not found:
        return [], 0
    starts = np.fromiter((f[0] for f in found), dtype=np.int64, count=len(found))
    if sent_starts is not None and len(sent_starts):
        sno = np.maximum(np.searchsorted(sent_starts, starts, side="right") - 1, 0)
    else:
        sno = np.zeros(len(found), dtype=np.int64)
    by_cat: dict[str, list] = defaultdict(list)
    for cat, pattern, i, m in matcher.matches(terms):
        by_cat[cat].append((i, m, pattern))
    out = []
    for cat, cands in by_cat.items():
        cands.sort(key=lambda c: (c[0], -c[1], c[2]))
        last_end = -1
        for i, m, pattern in cands:
            if i < last_end:
                continue
            last_end = i + m
            negator = None
            if window > 0 and cat not in no_negation:
                negator = _negator_before(text, found, terms, i, window, negators, sno)
            s, e = found[i][0], found[i + m - 1][1]
            out.append((cat, pattern, int(sno[i]), i, m, s, e, text[s:e], negator is not None, negator))
    return out, len(found)


def dictionary_hits(
    articles: pd.DataFrame,
    dictionary=None,
    *,
    negation_window: int = NEGATION_WINDOW,
    negators=None,
    tokens: TokenOptions | None = None,
    split_hyphens: bool | None = None,
    merge_us: bool | None = None,
    text_col: str = "text",
    id_col: str = "doc_id",
    with_sizes: bool = False,
):
    """Every dictionary hit in every article, negated hits included (flagged).

    Parameters
    ----------
    articles : DataFrame with ``doc_id`` and ``text``
    dictionary : Dictionary, path, bundled name, ``{category: [entries]}`` dict, or a list of these
        (merged); default the bundled ``generic_frames``.
    negation_window : int
        Tokens before a hit searched for a negator (0 turns negation off).
    negators : iterable of str, optional
        Replaces :data:`NEGATORS` (``n't`` forms always count).
    tokens : kit.text.TokenOptions, optional
        Tokenizer options; only ``split_hyphens`` and ``merge_us`` apply to matching (every token
        is matched as written, stopwords included). Pass the same to :func:`frame_scores` and
        :func:`frame_evidence` with these hits.
    split_hyphens, merge_us : the same two options as flat keywords (default False, True).
    with_sizes : also return a Series ``doc_id -> number of tokens``
        (:func:`kit.text.count_words`, the denominator of :func:`frame_scores`).

    Returns
    -------
    DataFrame
        ``doc_id``, ``frame`` (category), ``pattern`` (entry that matched), ``sent_no`` (sentence
        of the article, as in :func:`kit.text.sentences`), ``token_no`` (0-based index of the first
        token among all tokens of the article), ``n_tokens`` (tokens in the hit), ``start``,
        ``end`` (character offsets into ``text``), ``match`` (the text matched), ``negated``,
        ``negator`` (the negating word or missing; always missing for categories with negation
        switched off). Ordered by article, then position.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Both sides want to stabilise ties. There was no agreement."]})
    >>> h = dictionary_hits(arts, {"cooperation": ["stabili*", "agree*"]})
    >>> h[["frame", "match", "sent_no", "start", "negated", "negator"]].values.tolist()
    [['cooperation', 'stabilise', 0, 19, False, None], ['cooperation', 'agreement', 1, 48, True, 'no']]
    """
    _check_articles(articles, text_col, id_col)
    negation_window = check_int(negation_window, "negation_window", min=0, note="0 turns negation off")
    d = load_dictionary(dictionary)
    neg = NEGATORS if negators is None else frozenset(str(w).lower() for w in negators)
    opts = frames_tokens(tokens, split_hyphens, merge_us)
    matcher = _Matcher(d, opts.merge_us, opts.split_hyphens)
    no_negation = frozenset(c for c in d.categories if not d.negates(c))
    sents = split_sentences(articles, text_col=text_col, id_col=id_col)
    sent_starts = {k: g["start"].to_numpy() for k, g in sents.groupby("doc_id", sort=False)}
    rows, sizes = [], {}
    for doc_id, text in zip(articles[id_col].tolist(), articles[text_col].tolist()):
        if not isinstance(text, str) or not text:
            sizes[doc_id] = 0
            continue
        hits, n = _doc_hits(text, matcher, opts, neg, int(negation_window), sent_starts.get(doc_id), no_negation)
        sizes[doc_id] = n
        rows.extend((doc_id,) + h for h in hits)
    out = pd.DataFrame(rows, columns=HIT_COLUMNS)
    for c in ("sent_no", "token_no", "n_tokens", "start", "end"):
        out[c] = out[c].astype("int64")
    out["negated"] = out["negated"].astype(bool)
    out["negator"] = out["negator"].astype("object").where(out["negator"].notna(), None)
    out = out.sort_values(["doc_id", "start", "frame"], kind="stable").reset_index(drop=True) if len(out) else out
    if with_sizes:
        return out, pd.Series(sizes, name="n_tokens", dtype="int64")
    return out
