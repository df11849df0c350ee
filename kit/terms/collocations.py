"""Which terms go together: collocations (NLTK's association measures) and frequent phrases.

Collocations use NLTK's association measures (Manning & Schütze 1999, ch. 5): pointwise mutual
information, Dunning's log-likelihood ratio and Student's t-score, over pairs of tokens at most
``window - 1`` tokens apart; stopwords break adjacency (no pair bridges a removed token).

Pairs are scored here with the formulas of NLTK's ``BigramAssocMeasures`` (the same operations in
the same order, so the same numbers; the tests compare every measure with NLTK's), because
importing NLTK (which imports ``scipy.stats``) costs every per-outlet report 1-2 s. Triples are
scored by NLTK itself.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import pandas as pd

from kit.errors import KitValueError
from kit.terms._args import renamed, token_options
from kit.text import TokenOptions, find_tokens

__all__ = ["collocations", "phrases"]



_MEASURES = {"pmi": "pmi", "llr": "likelihood_ratio", "t": "student_t", "chi2": "chi_sq"}

#: NLTK's guard against a zero denominator or logarithm (``nltk.metrics.association._SMALL``).
_SMALL = 1e-20


def _pair_table(n_ii, n_ix, n_xi, n_xx) -> tuple:
    """The 2x2 table of a pair (w1, w2): both, w2 without w1, w1 without w2, neither."""
    n_oi = n_xi - n_ii
    n_io = n_ix - n_ii
    return (n_ii, n_oi, n_io, n_xx - n_ii - n_oi - n_io)


def _pair_llr(n_ii, n_ix, n_xi, n_xx) -> float:
    """Dunning's log-likelihood ratio: 2 sum obs ln(obs / exp) over the four cells."""
    table = _pair_table(n_ii, n_ix, n_xi, n_xx)
    total = sum(table)
    # expected count of cell i: its row total times its column total over the table's total
    expected = ((table[i] + table[i ^ 1]) * (table[i] + table[i ^ 2]) / total for i in range(4))
    return 2 * sum(obs * math.log(obs / (exp + _SMALL) + _SMALL) for obs, exp in zip(table, expected))


def _pair_pmi(n_ii, n_ix, n_xi, n_xx) -> float:
    """Pointwise mutual information, log2 of P(w1 w2) / (P(w1) P(w2))."""
    return math.log2(n_ii * n_xx) - math.log2(n_ix * n_xi)


def _pair_t(n_ii, n_ix, n_xi, n_xx) -> float:
    """Student's t: (observed - expected) / sqrt(observed)."""
    return (n_ii - n_ix * n_xi / n_xx) / (n_ii + _SMALL) ** 0.5


def _pair_chi2(n_ii, n_ix, n_xi, n_xx) -> float:
    """Pearson's chi-squared of the 2x2 table: N times phi squared."""
    a, b, c, d = _pair_table(n_ii, n_ix, n_xi, n_xx)
    return n_xx * ((a * d - b * c) ** 2 / ((a + b) * (a + c) * (b + d) * (c + d)))


_PAIR_SCORES = {"pmi": _pair_pmi, "llr": _pair_llr, "t": _pair_t, "chi2": _pair_chi2}


#: The last texts tokenized here, their options and term streams (one entry): a report asks for
#: the collocations and the phrases of the same articles, which are then tokenized once. A hit
#: needs equal options and an equal list of texts (compared by content; the same strings compare
#: at pointer speed), so a changed text is tokenized again. Streams longer than
#: :data:`STREAM_CACHE_TERMS` terms in all are not kept.
_LAST_STREAMS: list = []
STREAM_CACHE_TERMS = 5_000_000


def _term_streams(articles, text_col, id_col, opts: TokenOptions) -> list[list[str | None]]:
    """Per document, the terms in order with removed tokens as None (so nothing bridges them)."""
    texts = articles[text_col].tolist()
    if _LAST_STREAMS and _LAST_STREAMS[0] == opts and _LAST_STREAMS[1] == texts:
        return _LAST_STREAMS[2]
    out = []
    for text in texts:
        if isinstance(text, str) and text:
            out.append([term if keep else None for _, _, _, term, keep in find_tokens(text, opts)])
    _LAST_STREAMS[:] = [opts, texts, out] if sum(map(len, out)) <= STREAM_CACHE_TERMS else []
    return out


@renamed(n="ngrams")
def collocations(
    articles: pd.DataFrame,
    *,
    measure: str = "llr",
    ngrams: int = 2,
    window: int = 2,
    min_count: int = 3,
    top: int | None = 100,
    tokens: TokenOptions | None = None,
    stopwords: str | Iterable[str] | None = "english",
    min_length: int = 1,
    stem: bool = False,
    merge_us: bool = True,
    split_hyphens: bool = False,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Collocations scored with NLTK's association measures.

    Parameters
    ----------
    measure : {"pmi", "llr", "t", "chi2"}
        Pointwise mutual information, log-likelihood ratio, Student's t, Pearson's chi-squared.
    ngrams : {2, 3}
        Pairs or triples of terms. (Formerly ``n``.)
    window : int
        For pairs: the second term is at most ``window - 1`` tokens after the first (2 = adjacent),
        with no removed token (stopword, short term) between them. Triples are always adjacent.
    min_count : int
        Minimum number of co-occurrences.
    top : int or None
        The best ``top`` rows (None: all).
    tokens : TokenOptions, optional
        Tokenizer options in one object, instead of ``stopwords`` ... ``split_hyphens``.

    Returns
    -------
    DataFrame
        ``collocation`` (terms joined by a space), ``term1``, ``term2`` [, ``term3``], ``n``
        (co-occurrences), ``score``, ``measure``; best first.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": list("abc"), "text": ["trade war looms", "the trade war", "trade war talks"]})
    >>> collocations(arts, min_count=2, stopwords="kit")[["collocation", "n"]].values.tolist()
    [['trade war', 3]]
    """
    from kit.text import _check_articles

    _check_articles(articles, text_col, id_col)
    if measure not in _MEASURES:
        raise KitValueError(f"unknown measure {measure!r}; choose one of {list(_MEASURES)}")
    if ngrams not in (2, 3):
        raise KitValueError(f"ngrams must be 2 or 3, got {ngrams!r}")
    if not isinstance(window, int) or window < 2 or (ngrams == 3 and window != 2):
        raise KitValueError(f"window must be an integer >= 2 (and 2 for triples), got {window!r}")
    opts = token_options(tokens, dict(stopwords=stopwords, min_length=min_length, stem=stem, merge_us=merge_us,
                                      split_hyphens=split_hyphens))
    streams = _term_streams(articles, text_col, id_col, opts)
    if ngrams == 2:
        # counted here rather than by NLTK's BigramCollocationFinder.from_words, whose window
        # reaches across a removed token: a pair is counted only inside a run of kept tokens
        word_fd: Counter = Counter()
        pair_fd: Counter = Counter()
        for stream in streams:
            run: list[str] = []
            for term in [*stream, None]:
                if term is not None:
                    run.append(term)
                    continue
                word_fd.update(run)
                for i, w1 in enumerate(run):
                    for w2 in run[i + 1:i + window]:
                        pair_fd[(w1, w2)] += 1
                run = []
        # as NLTK's finder: pairs seen at least min_count times; a pair's count is divided by
        # window - 1 (Church & Hanks 1990) and its words' counts and the number of words are
        # the margins; best score first, ties by the pair
        score, n_words = _PAIR_SCORES[measure], sum(word_fd.values())
        freq = pair_fd
        scored = sorted(((g, score(c / (window - 1.0), word_fd[g[0]], word_fd[g[1]], n_words))
                         for g, c in pair_fd.items() if c >= min_count), key=lambda t: (-t[1], t[0]))
    else:
        from nltk.collocations import TrigramCollocationFinder  # lazy: importing NLTK takes seconds
        from nltk.metrics import TrigramAssocMeasures

        words: list[str | None] = []
        for stream in streams:
            words.extend(stream)
            words.extend([None] * ngrams)
        finder = TrigramCollocationFinder.from_words(words)
        finder.apply_word_filter(lambda w: w is None)
        scorer = getattr(TrigramAssocMeasures, _MEASURES[measure])
        freq = finder.ngram_fd
        finder.apply_freq_filter(min_count)
        scored = finder.score_ngrams(scorer)
    cols = [f"term{i + 1}" for i in range(ngrams)]
    rows = [(" ".join(g), *g, int(freq[g]), float(s), measure) for g, s in scored]
    out = pd.DataFrame(rows, columns=["collocation", *cols, "n", "score", "measure"])
    out = out.sort_values(["score", "n", "collocation"], ascending=[False, False, True], kind="stable").reset_index(drop=True)
    return out.head(top) if top is not None else out


@renamed(n="ngrams")
def phrases(
    articles: pd.DataFrame,
    *,
    ngrams: Sequence[int] | int = (2, 3),
    min_count: int = 3,
    tokens: TokenOptions | None = None,
    stopwords: str | Iterable[str] | None = "english",
    min_length: int = 1,
    stem: bool = False,
    merge_us: bool = True,
    split_hyphens: bool = False,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Frequent multi-word phrases: n-grams of consecutive tokens containing no stopword.

    Parameters
    ----------
    ngrams : int or list of int
        Phrase lengths in terms, each at least 2. (Formerly ``n``.)
    min_count : int
        Keep phrases occurring at least this often.
    tokens : TokenOptions, optional
        Tokenizer options in one object, instead of ``stopwords`` ... ``split_hyphens``.

    Returns
    -------
    DataFrame
        ``phrase``, ``length`` (number of terms), ``n`` (occurrences), ``doc_freq``; most frequent first.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": list("ab"), "text": ["the trade war talks", "trade war talks resumed"]})
    >>> phrases(arts, min_count=2, stopwords="kit").values.tolist()
    [['trade war', 2, 2, 2], ['trade war talks', 3, 2, 2], ['war talks', 2, 2, 2]]
    """
    from kit.text import _check_articles

    _check_articles(articles, text_col, id_col)
    sizes = [ngrams] if isinstance(ngrams, int) else list(ngrams)
    if not sizes or any(not isinstance(k, int) or k < 2 for k in sizes):
        raise KitValueError(f"ngrams must be integers >= 2, got {ngrams!r}")
    opts = token_options(tokens, dict(stopwords=stopwords, min_length=min_length, stem=stem, merge_us=merge_us,
                                      split_hyphens=split_hyphens))
    total: Counter = Counter()
    docs: Counter = Counter()
    for stream in _term_streams(articles, text_col, id_col, opts):
        seen = Counter()
        for k in sizes:
            for i in range(len(stream) - k + 1):
                g = stream[i:i + k]
                if None not in g:
                    seen[(" ".join(g), k)] += 1
        total.update(seen)
        docs.update(seen.keys())
    rows = [(p, k, c, docs[(p, k)]) for (p, k), c in total.items() if c >= min_count]
    out = pd.DataFrame(rows, columns=["phrase", "length", "n", "doc_freq"])
    out = out.sort_values(["n", "phrase"], ascending=[False, True], kind="stable").reset_index(drop=True)
    for c in ("length", "n", "doc_freq"):
        out[c] = out[c].astype("int64")
    return out
