r"""Term statistics: counts, document-term matrices, frequencies, tf-idf, keyness, log-odds,
collocations, KWIC and dispersion.

Every function takes a DataFrame and returns a new one (inputs are never changed). Tokens come from
the one tokenizer of :mod:`kit.text`, with the same keyword options everywhere (``stopwords``,
``min_length``, ``stem``, ``merge_us``, ``split_hyphens``).

Tables
------
- counts (:func:`count_terms`): ``doc_id``, ``term``, ``n`` (plus the ``by`` columns when asked).
- frequencies (:func:`frequencies`): [group], ``term``, ``n``, ``freq`` (share of the group's
  tokens), ``per_million``, ``doc_freq`` (documents containing the term).
- keyness (:func:`keyness`) and log-odds (:func:`log_odds`) share ``term``, ``n_target``,
  ``n_reference`` and ``direction`` so a notebook can switch method without renaming columns.

Statistics
----------
For a term with count :math:`a` in the target corpus of :math:`c` tokens and :math:`b` in the
reference corpus of :math:`d` tokens:

- **Log-likelihood G2** (Dunning 1993; as computed by Rayson & Garside 2000):
  :math:`E_1 = c(a+b)/(c+d)`, :math:`E_2 = d(a+b)/(c+d)`,
  :math:`G^2 = 2\,[a\ln(a/E_1) + b\ln(b/E_2)]` with :math:`0 \ln 0 = 0`. The kit reports it
  **signed**: positive when the term is relatively more frequent in the target
  (:math:`a/c > b/d`), negative otherwise, so swapping target and reference flips the sign.
  ``p_value`` is the upper tail of :math:`\chi^2_1` at :math:`|G^2|`.
- **Log ratio** (Hardie 2014): :math:`\log_2\big((a/c)/(b/d)\big)`; a zero count is replaced by
  0.5 so the ratio stays finite. 1 means twice as frequent in the target.
- **Pearson's chi-squared** (optional, ``chi2=True``): on the 2x2 table
  :math:`[[a, b], [c-a, d-b]]`, without continuity correction, signed like G2.
- **Bonferroni** (``correction="bonferroni"``): ``p_adjusted`` = min(1, p x m) for m terms tested;
  ``significant`` is ``p_adjusted < alpha``.
- **Weighted log-odds with an informative Dirichlet prior** (Monroe, Colaresi & Quinn 2008,
  eqs. 16 and 20): for group :math:`i` against the rest :math:`j`, with counts :math:`y_w`,
  totals :math:`n`, prior :math:`\alpha_w` and :math:`\alpha_0 = \sum_w \alpha_w`,

  .. math::
     \delta_w = \ln\frac{y^i_w+\alpha_w}{n^i+\alpha_0-y^i_w-\alpha_w}
              - \ln\frac{y^j_w+\alpha_w}{n^j+\alpha_0-y^j_w-\alpha_w},\qquad
     \sigma^2_w \approx \frac{1}{y^i_w+\alpha_w} + \frac{1}{y^j_w+\alpha_w},\qquad
     z_w = \delta_w/\sigma_w.

  ``prior="corpus"`` (default) sets :math:`\alpha_w = s \cdot y_w` (the term's count in the whole
  corpus, times ``prior_scale`` s); ``prior="uniform"`` sets :math:`\alpha_w = s`.
- **tf-idf**: :math:`tf = n / \text{tokens in the document}`, :math:`idf = \ln(N/df)` (N
  documents, df documents containing the term), :math:`tf\text{-}idf = tf \cdot idf`.
- **Collocations**: NLTK's association measures (Manning & Schütze 1999, ch. 5): pointwise mutual
  information, Dunning's log-likelihood ratio and Student's t-score, over pairs of tokens at most
  ``window - 1`` tokens apart; stopwords break adjacency (no pair bridges a removed token).

Speed
-----
:func:`document_term_matrix` and :func:`count_stream` give exactly the terms of
:func:`kit.text.tokenize` without running the full pattern over every character: each text is
split on white space and the pieces counted with ``str.split`` and ``collections.Counter`` (both
in C); each *distinct* piece is tokenized and normalised once per process; one sparse product
turns piece counts into term counts. This is exact because no token holds white space (the space
inside a fraction such as ``7 1/2`` is kept inside its piece before splitting) and a scan of a
piece alone finds the tokens a scan of the whole text finds there (the pattern restarts at white
space). Large inputs are cut into chunks and counted by worker processes that send back only the
terms they have not reported yet and three integer arrays (forked workers read in-memory texts
from their copy of the parent's memory, and :func:`count_stream` workers read their own byte
range of a file), so a corpus larger than memory can be streamed. Results do not depend on the
number of workers or the chunk size; terms are sorted by code point.
"""
from __future__ import annotations

import fnmatch
import math
import numbers
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse, stats

from kit.errors import KitError
from kit.schema import UNKNOWN_GROUP  # missing groups: one group, labelled as everywhere
from kit.text import _S_CONTRACTIONS, _TOKEN_RE, TokenOptions, find_tokens, normalise_term, sentences

__all__ = [
    "DocumentTermMatrix",
    "document_term_matrix",
    "count_stream",
    "count_terms",
    "frequencies",
    "trim",
    "tf_idf",
    "keyness",
    "largest_group",
    "log_odds",
    "collocations",
    "phrases",
    "kwic",
    "format_kwic",
    "dispersion",
]

_TOKEN_OPTION_NAMES = ("stopwords", "min_length", "stem", "merge_us", "split_hyphens")


# ----------------------------------------------------------------------------- counting engine


# a superset of the spaces the tokenizer keeps inside a mixed number ("7 1/2": a whole number of
# one or two digits, a fraction of one- or two-digit numbers); joining two pieces is always exact,
# so joining a few more than needed ("2019 1/3") changes no count
_FRACTION_RE = re.compile(r"\d \d{1,2}/\d")
_FRACTION_SPACE_RE = re.compile(r"(\d) (?=\d{1,2}/\d)")
_NEVER_IN_TOKENS = ".,;:!?\"“”‘«»()[]{}…–—/*%$€£"
#: a number without letters, hyphens or a fraction: its own term (see _piece_terms)
_PLAIN_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*").fullmatch
_MAYBE_URL = re.compile(r"https?://|www\.").search
_JOIN = "\uffff"  # a noncharacter: stands for the space inside "7 1/2" while splitting


def _piece_terms(piece, options: TokenOptions) -> tuple[str, ...]:
    """Kept terms (with repeats) of one white-space piece, or of one ready token (a 1-tuple).
    Plain alphabetic words take a fast path with the same result as :meth:`TokenOptions.terms_of`."""
    if isinstance(piece, tuple):
        surfaces = piece
    elif piece.isalpha():
        surfaces = (piece,)
    else:
        core = piece.strip(_NEVER_IN_TOKENS)
        # a word between characters no token starts with is exactly one token, unless the
        # piece can be a URL (URLs may hold and end with some of those characters)
        surfaces = (core,) if core.isalpha() and not _MAYBE_URL(piece) else _TOKEN_RE.findall(piece)
    sw = options.stopwords
    out: list[str] = []
    for s in surfaces:
        if s.isalpha() and not options.stem and not (len(s) > 1 and s.isupper()):
            term = s if s.islower() else s.lower()
            if (sw is None or term not in sw) and len(term) >= options.min_length:
                out.append(term)
        else:
            out.extend(term for _, _, term, keep in options.terms_of(s) if keep)
    return tuple(out)


class _WorkerState:
    """Per-process state of the counting engine, kept across chunks: the white-space pieces seen
    so far (each tokenized and normalised once), their terms, and how many terms the parent has
    already been told about. Reset when the options change or the piece table grows too large."""

    MAX_PIECES = 4_000_000
    generation = 0

    def __init__(self, options: TokenOptions, run: str):
        import itertools
        from collections import defaultdict

        _WorkerState.generation += 1
        self.key = (os.getpid(), _WorkerState.generation)
        self.options = options
        self.run = run
        self.pieces: dict = defaultdict(itertools.count().__next__)
        self.term_ids: dict[str, int] = {}
        self.done = 0  # pieces already mapped to terms
        self.reported = 0  # terms already sent to the parent
        self.p2t: sparse.csr_matrix | None = None


_STATE: dict[str, _WorkerState] = {}


def _state(options: TokenOptions, run: str) -> _WorkerState:
    st = _STATE.get("s")
    if st is None or st.run != run or st.options != options or len(st.pieces) > _WorkerState.MAX_PIECES or st.key[0] != os.getpid():
        st = _STATE["s"] = _WorkerState(options, run)
    return st


def _count_chunk(texts: Sequence[str], options: TokenOptions, run: str = ""):
    """Worker: term counts of a chunk of texts.

    Fast path, exactly equivalent to ``TOKEN_PATTERN.findall(text)``: each text is split on white
    space (``str.split``) and the pieces counted with ``Counter`` (both in C). Scanning a piece on
    its own gives the same tokens as scanning it inside the text, because no token contains white
    space (the one exception, the space of a fraction such as ``7 1/2``, is kept inside its
    piece; joining pieces is always exact). Each *distinct* piece is tokenized and normalised once
    per process, and a sparse product maps piece counts to term counts.

    Returns ``(state key, first new term number, new terms, indptr, indices, data)``: only the
    terms the parent has not yet seen from this process and three integer arrays.
    """
    st = _state(options, run)
    findall = _TOKEN_RE.findall
    frac = _FRACTION_RE.search
    getid = st.pieces.__getitem__
    indptr = [0]
    indices: list[int] = []
    data: list[int] = []
    for text in texts:
        if text:
            if "/" in text and frac(text):
                if _JOIN in text:
                    c = Counter((s,) for s in findall(text))  # a tuple key is a ready token
                else:
                    c = Counter(_FRACTION_SPACE_RE.sub("\\1" + _JOIN, text).split())
                    for k in [k for k in c if _JOIN in k]:
                        n = c.pop(k)
                        k2 = k.replace(_JOIN, " ")
                        c[k2] = c.get(k2, 0) + n
            else:
                c = Counter(text.split())
            indices += map(getid, c)
            data += c.values()
        indptr.append(len(indices))
    # map the pieces first seen in this chunk to terms (one new block of the piece-term matrix)
    n_pieces = len(st.pieces)
    if n_pieces > st.done or st.p2t is None:
        setid = st.term_ids.setdefault
        tid = st.term_ids
        rows: list[int] = []
        cols: list[int] = []
        new = _tail(st.pieces, n_pieces - st.done)
        sw = options.stopwords if options.stopwords is not None else frozenset()
        minlen = options.min_length
        plain_ok = not options.stem
        strip = _NEVER_IN_TOKENS
        maybe_url = _MAYBE_URL
        plain_number = _PLAIN_NUMBER
        split = options.split_hyphens
        s_contr = _S_CONTRACTIONS
        for j, piece in enumerate(new):
            # inline fast path of _piece_terms for a plain word, possibly between punctuation
            if plain_ok and type(piece) is str:
                core = piece if piece.isalpha() else piece.strip(strip)
                if core.isalpha() and not (len(core) > 1 and core.isupper()) and (core is piece or not maybe_url(piece)):
                    term = core.lower()
                    if term not in sw and len(term) >= minlen:
                        rows.append(j)
                        cols.append(setid(term, len(tid)))
                    continue
                if not split and core and core[-1] == "s" and core[-2:-1] in "'’" and maybe_url(piece) is None:
                    # possessive of a plain word ("China’s"): the word's term (not "it's" and kin)
                    base = core[:-2]
                    if base.isalpha() and not (len(base) > 1 and base.isupper()) and core.lower().replace("’", "'") not in s_contr:
                        term = base.lower()
                        if term not in sw and len(term) >= minlen:
                            rows.append(j)
                            cols.append(setid(term, len(tid)))
                        continue
                if not split and "-" in core and maybe_url(piece) is None:
                    # compound of plain lower/title-case words ("high-stakes", "Sino-Japanese")
                    parts = core.split("-")
                    if all(x.isalpha() and not (len(x) > 1 and x.isupper()) for x in parts):
                        term = core.lower()
                        if term not in sw and len(term) >= minlen:
                            rows.append(j)
                            cols.append(setid(term, len(tid)))
                        continue
                if core and (core.isdecimal() or plain_number(core)) and not maybe_url(piece):
                    # a number between characters no token starts or ends with is one token,
                    # and its term is the number as written
                    if core not in sw and len(core) >= minlen:
                        rows.append(j)
                        cols.append(setid(core, len(tid)))
                    continue
            for t in _piece_terms(piece, options):
                rows.append(j)
                cols.append(setid(t, len(tid)))
        n_terms = len(tid)
        block = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.int64), (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))),
            shape=(n_pieces - st.done, n_terms),
        )
        if st.p2t is None:
            st.p2t = block
        else:
            old = sparse.csr_matrix((st.p2t.data, st.p2t.indices, st.p2t.indptr), shape=(st.p2t.shape[0], n_terms))
            st.p2t = sparse.vstack([old, block], format="csr")
        st.done = n_pieces
    x = sparse.csr_matrix(
        (np.array(data, dtype=np.int64), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int64)),
        shape=(len(texts), n_pieces),
    )
    y = (x @ st.p2t).tocsr()
    y.sum_duplicates()
    first = st.reported
    new_terms = _tail(st.term_ids, len(st.term_ids) - first)
    st.reported = len(st.term_ids)
    return st.key, first, new_terms, y.indptr.astype(np.int64), y.indices.astype(np.int32), y.data.astype(np.int32)


def _tail(d: dict, n: int) -> list:
    """The last ``n`` keys of a dict in insertion order, in O(n) (read from the end)."""
    import itertools

    out = list(itertools.islice(reversed(d), n))
    out.reverse()
    return out


def _count_chunk_path(path: str, start: int, stop: int, options: TokenOptions, run: str = ""):
    """Worker: like :func:`_count_chunk` for the lines (one text per line) of a byte range of a file."""
    with open(path, "rb") as f:
        f.seek(start)
        raw = f.read(stop - start)
    texts = raw.decode("utf-8").split("\n")
    del raw
    if texts and texts[-1] == "":
        texts.pop()
    return _count_chunk(texts, options, run)


class _TermMapper:
    """Merges chunk results of every worker into one global term vocabulary."""

    def __init__(self):
        self.term_ids: dict[str, int] = {}
        self.luts: dict[tuple, np.ndarray] = {}

    def to_terms(self, key, first, new_terms, indptr, indices, data) -> tuple:
        """``(indptr, indices, data)`` of a chunk with global term ids (int32 indices and counts)."""
        ids = self.term_ids
        lut = self.luts.get(key, np.zeros(0, dtype=np.int32))
        if first != len(lut):
            raise RuntimeError("worker results arrived out of order")  # pragma: no cover
        add = np.fromiter((ids.setdefault(t, len(ids)) for t in new_terms), dtype=np.int32, count=len(new_terms))
        lut = self.luts[key] = np.concatenate([lut, add])
        return indptr, (lut[indices] if len(indices) else indices), data


@dataclass(frozen=True)
class DocumentTermMatrix:
    """A sparse document-term matrix: ``matrix[i, j]`` counts ``terms[j]`` in document ``doc_ids[i]``.

    ``matrix`` is a :class:`scipy.sparse.csr_matrix` of int32 counts; ``terms`` is sorted by code point so
    results do not depend on chunking or on the number of workers.
    """

    matrix: sparse.csr_matrix
    doc_ids: np.ndarray
    terms: np.ndarray

    def to_counts(self) -> pd.DataFrame:
        """The tidy counts table (``doc_id``, ``term``, ``n``), documents in matrix order."""
        coo = self.matrix.tocoo()
        order = np.lexsort((coo.col, coo.row))
        return pd.DataFrame(
            {
                "doc_id": self.doc_ids[coo.row[order]],
                "term": self.terms[coo.col[order]],
                "n": coo.data[order].astype("int64"),
            }
        )

    def term_totals(self) -> pd.Series:
        """Total count of every term, most frequent first."""
        tot = np.asarray(self.matrix.sum(axis=0)).ravel()
        return pd.Series(tot, index=pd.Index(self.terms, name="term"), name="n").sort_values(ascending=False, kind="stable")


def _sorted_order(terms: list[str]) -> np.ndarray:
    """Indices that sort ``terms`` by code point (Arrow's C++ sort: much faster than numpy on objects)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.sort_indices(pa.array(terms, type=pa.large_string())).to_numpy().astype(np.int64)


def _finish(mapper: _TermMapper, pieces: list[tuple], doc_ids) -> DocumentTermMatrix:
    """Assemble chunk results into one CSR matrix with alphabetical columns, freeing chunks as it goes."""
    n_terms = len(mapper.term_ids)
    terms_list = list(mapper.term_ids)
    order = _sorted_order(terms_list) if n_terms else np.zeros(0, dtype=np.int64)
    rank = np.empty(n_terms, dtype=np.int32)
    rank[order] = np.arange(n_terms, dtype=np.int32)
    n_docs = sum(len(p[0]) - 1 for p in pieces)
    nnz = sum(len(p[1]) for p in pieces)
    indptr = np.zeros(n_docs + 1, dtype=np.int64)
    indices = np.empty(nnz, dtype=np.int32)
    data = np.empty(nnz, dtype=np.int32)
    row = pos = 0
    while pieces:
        p_indptr, p_indices, p_data = pieces.pop(0)
        k, m = len(p_indptr) - 1, len(p_indices)
        indptr[row + 1:row + k + 1] = p_indptr[1:] + pos
        indices[pos:pos + m] = rank[p_indices]
        data[pos:pos + m] = p_data
        row += k
        pos += m
    mat = sparse.csr_matrix((data, indices, indptr), shape=(n_docs, n_terms))
    mat.has_sorted_indices = False
    mat.sort_indices()
    terms = np.array(terms_list, dtype=object)[order]
    return DocumentTermMatrix(mat, np.asarray(doc_ids, dtype=object), terms)


def _chunks(texts: Iterable[str], chunk_chars: int) -> Iterator[list[str]]:
    buf, size = [], 0
    for t in texts:
        t = t if isinstance(t, str) else ""
        buf.append(t)
        size += len(t)
        if size >= chunk_chars:
            yield buf
            buf, size = [], 0
    if buf:
        yield buf


def _n_jobs(n_jobs: int | None) -> int:
    if n_jobs is None:
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if not isinstance(n_jobs, int) or n_jobs < 1:
        raise KitError(f"n_jobs must be a positive integer or None (all cores), got {n_jobs!r}")
    return n_jobs


def _start_method() -> str:
    import multiprocessing as mp

    # fork: workers start at once, need not re-import the caller's main module, and can read the
    # parent's texts without copying them through a pipe
    return "fork" if "fork" in mp.get_all_start_methods() else "spawn"


def _executor(n_jobs: int):
    import concurrent.futures as cf
    import multiprocessing as mp

    return cf.ProcessPoolExecutor(max_workers=n_jobs, mp_context=mp.get_context(_start_method()))


#: The text column a forked worker reads from its copy of the parent's memory (set just before
#: the fork; the Arrow-backed strings of a pandas column are read without copying pages).
_FORKED_TEXTS: pd.Series | None = None


def _texts_slice(col: pd.Series, start: int, stop: int) -> list[str]:
    """Python strings of ``col[start:stop]`` (anything but a string becomes "")."""
    return [t if isinstance(t, str) else "" for t in col.iloc[start:stop].tolist()]


def _count_chunk_forked(start: int, stop: int, options: TokenOptions, run: str = ""):
    """Worker: :func:`_count_chunk` for rows ``start:stop`` of ``_FORKED_TEXTS`` (inherited, not sent)."""
    return _count_chunk(_texts_slice(_FORKED_TEXTS, start, stop), options, run)


def _text_lengths(col: pd.Series) -> np.ndarray:
    """Characters of each text (0 for anything but a string), vectorised when the column allows it."""
    if isinstance(col.dtype, pd.StringDtype):
        return col.str.len().fillna(0).to_numpy(dtype=np.int64)
    return np.fromiter((len(t) if isinstance(t, str) else 0 for t in col.tolist()), dtype=np.int64, count=len(col))


def _chunk_bounds(lengths: np.ndarray, chunk_chars: int) -> list[tuple[int, int]]:
    """Row ranges holding about ``chunk_chars`` characters each."""
    out = []
    start = size = 0
    for i, n in enumerate(lengths.tolist()):
        size += n
        if size >= chunk_chars:
            out.append((start, i + 1))
            start, size = i + 1, 0
    if start < len(lengths):
        out.append((start, len(lengths)))
    return out


def _run_chunks(work: Iterable[tuple], fn, n_jobs: int, mapper: _TermMapper, options: TokenOptions) -> list[tuple]:
    """Run ``fn(*args)`` for every item of ``work`` (in order) and map results to term columns,
    keeping at most ``2 * n_jobs`` chunks in flight so memory stays bounded."""
    import uuid

    run = uuid.uuid4().hex  # workers keep their piece tables for this run only
    pieces = []
    if n_jobs == 1:
        for args in work:
            pieces.append(mapper.to_terms(*fn(*args, options, run)))
        return pieces
    from collections import deque

    with _executor(n_jobs) as ex:
        pending: deque = deque()
        for args in work:
            pending.append(ex.submit(fn, *args, options, run))
            if len(pending) >= 2 * n_jobs:
                pieces.append(mapper.to_terms(*pending.popleft().result()))
        while pending:
            pieces.append(mapper.to_terms(*pending.popleft().result()))
    return pieces


def document_term_matrix(
    articles: pd.DataFrame,
    *,
    stopwords: str | Iterable[str] | None = "english",
    min_length: int = 1,
    stem: bool = False,
    merge_us: bool = True,
    split_hyphens: bool = False,
    text_col: str = "text",
    id_col: str = "doc_id",
    n_jobs: int | None = 1,
    chunk_chars: int = 8_000_000,
) -> DocumentTermMatrix:
    """Count every term of every article into a sparse document-term matrix.

    Parameters
    ----------
    articles : DataFrame with ``doc_id`` and ``text``
    stopwords, min_length, stem, merge_us, split_hyphens
        Tokenizer options (see :mod:`kit.text`); stopwords and short terms are not counted.
    n_jobs : int or None
        Worker processes (None: every core). Results are identical for any value.
    chunk_chars : int
        Characters of text per chunk given to a worker.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["China’s talks, China's aims.", "US talks"]})
    >>> m = document_term_matrix(arts, stopwords="kit")
    >>> list(m.terms), m.matrix.toarray().tolist()
    (['US', 'aims', 'china', 'talks'], [[0, 1, 2, 1], [1, 0, 0, 1]])
    """
    from kit.text import _check_articles

    _check_articles(articles, text_col, id_col)
    opts = TokenOptions.make(stopwords=stopwords, min_length=min_length, stem=stem, merge_us=merge_us, split_hyphens=split_hyphens)
    if not isinstance(chunk_chars, int) or chunk_chars < 1:
        raise KitError(f"chunk_chars must be a positive integer, got {chunk_chars!r}")
    jobs = _n_jobs(n_jobs)
    col = articles[text_col]
    # texts are turned into Python strings one chunk at a time, never all at once
    lengths = _text_lengths(col)
    if jobs > 1 and int(lengths.sum()) < 2 * chunk_chars:
        jobs = 1  # not worth starting processes
    mapper = _TermMapper()
    bounds = _chunk_bounds(lengths, chunk_chars)
    if jobs > 1 and _start_method() == "fork":
        global _FORKED_TEXTS
        _FORKED_TEXTS = col
        try:
            pieces = _run_chunks(bounds, _count_chunk_forked, jobs, mapper, opts)
        finally:
            _FORKED_TEXTS = None
    else:
        pieces = _run_chunks(((_texts_slice(col, a, b),) for a, b in bounds), _count_chunk, jobs, mapper, opts)
    return _finish(mapper, pieces, articles[id_col].tolist())


def count_stream(
    texts: Iterable[str] | str | os.PathLike,
    *,
    stopwords: str | Iterable[str] | None = "english",
    min_length: int = 1,
    stem: bool = False,
    merge_us: bool = True,
    split_hyphens: bool = False,
    n_jobs: int | None = None,
    chunk_chars: int = 8_000_000,
) -> DocumentTermMatrix:
    """Count a stream of texts without holding the texts or their tokens in memory at once.

    ``texts`` is an iterable of strings, or the path of a UTF-8 file with one text per line (then
    each worker reads its own byte range, so the text never passes through the parent process).
    Documents are numbered 0, 1, 2, ... in ``doc_ids``. Memory holds only the sparse counts.

    Examples
    --------
    >>> m = count_stream(iter(["Trade talks.", "Trade deal."]), stopwords="kit", n_jobs=1)
    >>> m.term_totals().to_dict()
    {'trade': 2, 'deal': 1, 'talks': 1}
    """
    opts = TokenOptions.make(stopwords=stopwords, min_length=min_length, stem=stem, merge_us=merge_us, split_hyphens=split_hyphens)
    jobs = _n_jobs(n_jobs)
    mapper = _TermMapper()
    if isinstance(texts, (str, os.PathLike)):
        path = os.fspath(texts)
        if not os.path.isfile(path):
            raise KitError(f"no such file: {path}")
        size = os.path.getsize(path)
        ranges = []
        with open(path, "rb") as f:
            start = 0
            while start < size:
                f.seek(min(start + chunk_chars, size))
                f.readline()
                stop = min(f.tell(), size) if start + chunk_chars < size else size
                ranges.append((path, start, stop))
                start = stop
        pieces = _run_chunks(ranges, _count_chunk_path, jobs, mapper, opts)
    else:
        pieces = _run_chunks(((c,) for c in _chunks(texts, chunk_chars)), _count_chunk, jobs, mapper, opts)
    n_docs = sum(len(p[0]) - 1 for p in pieces)
    return _finish(mapper, pieces, np.arange(n_docs))


# ----------------------------------------------------------------------------- tidy tables


def _check_columns(df: pd.DataFrame, cols: Iterable[str], what: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise KitError(f"{what} must be a DataFrame, got {type(df).__name__}")
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise KitError(f"{what} has no column(s) {missing}; columns are {list(df.columns)}")


def _as_list(by) -> list[str]:
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def count_terms(
    articles: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    stopwords: str | Iterable[str] | None = "english",
    min_length: int = 1,
    stem: bool = False,
    merge_us: bool = True,
    split_hyphens: bool = False,
    ngrams: int = 1,
    text_col: str = "text",
    id_col: str = "doc_id",
    n_jobs: int | None = 1,
) -> pd.DataFrame:
    """Tidy term counts per document.

    Parameters
    ----------
    articles : DataFrame with ``doc_id`` and ``text``
    by : str or list of str, optional
        Article columns to carry onto every row (e.g. ``"outlet"``) for grouped statistics.
    ngrams : int
        1 counts single terms; n > 1 counts n-grams that contain no stopword (slower path).

    Returns
    -------
    DataFrame
        [``by`` columns], ``doc_id``, ``term``, ``n`` (int64); one row per document and term,
        documents in input order, terms alphabetical within a document.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                      "text": ["The U.S. and China’s trade", "US trade, trade"]})
    >>> count_terms(arts, by="outlet", stopwords="kit").values.tolist()
    [['X', 'a', 'US', 1], ['X', 'a', 'china', 1], ['X', 'a', 'trade', 1], ['Y', 'b', 'US', 1], ['Y', 'b', 'trade', 2]]
    """
    by_cols = _as_list(by)
    _check_columns(articles, [id_col, text_col, *by_cols], "articles")
    if articles[id_col].duplicated().any():
        raise KitError(f"articles has duplicated {id_col!r} values; counts would be ambiguous")
    if not isinstance(ngrams, int) or isinstance(ngrams, bool) or ngrams < 1:
        raise KitError(f"ngrams must be a positive integer, got {ngrams!r}")
    options = dict(stopwords=stopwords, min_length=min_length, stem=stem, merge_us=merge_us, split_hyphens=split_hyphens)
    if ngrams == 1:
        counts = document_term_matrix(articles, text_col=text_col, id_col=id_col, n_jobs=n_jobs, **options).to_counts()
    else:
        from kit.text import tokenize

        rows = []
        for doc_id, text in zip(articles[id_col].tolist(), articles[text_col].tolist()):
            if isinstance(text, str):
                c = Counter(t.term for t in tokenize(text, ngrams=ngrams, **options))
                rows.extend((doc_id, term, n) for term, n in sorted(c.items()))
        counts = pd.DataFrame(rows, columns=["doc_id", "term", "n"])
        counts["n"] = counts["n"].astype("int64")
    if by_cols:
        meta = articles[[id_col, *by_cols]].rename(columns={id_col: "doc_id"})
        counts = counts.merge(meta, on="doc_id", how="left", validate="many_to_one")
        counts = counts[[*by_cols, "doc_id", "term", "n"]]
    return counts.reset_index(drop=True)


def _check_counts(counts: pd.DataFrame, cols: Iterable[str], term_col: str, n_col: str) -> None:
    _check_columns(counts, [term_col, n_col, *cols], "counts")
    if (counts[n_col] < 0).any():
        raise KitError("counts must not be negative")


def frequencies(
    counts: pd.DataFrame,
    *,
    group: str | Sequence[str] | None = None,
    term_col: str = "term",
    n_col: str = "n",
    doc_col: str = "doc_id",
) -> pd.DataFrame:
    """Frequency table of terms, overall or per group.

    Returns
    -------
    DataFrame
        [group columns], ``term``, ``n`` (total count), ``freq`` (n / all counts of the group),
        ``per_million`` (freq x 1e6), ``doc_freq`` (documents of the group containing the term;
        missing when ``counts`` has no ``doc_id``). Sorted by group, then ``n`` descending, then term.

    Examples
    --------
    >>> counts = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["trade", "war", "trade"], "n": [3, 1, 1]})
    >>> frequencies(counts).values.tolist()
    [['trade', 4, 0.8, 800000.0, 2], ['war', 1, 0.2, 200000.0, 1]]
    """
    gcols = _as_list(group)
    _check_counts(counts, gcols, term_col, n_col)
    keys = [*gcols, term_col]
    agg = counts.groupby(keys, sort=False, dropna=False)[n_col].sum().rename("n").reset_index()
    if doc_col in counts.columns:
        df = counts[counts[n_col] > 0].groupby(keys, sort=False, dropna=False)[doc_col].nunique().rename("doc_freq").reset_index()
        agg = agg.merge(df, on=keys, how="left")
        agg["doc_freq"] = agg["doc_freq"].fillna(0).astype("int64")
    else:
        agg["doc_freq"] = pd.NA
    total = agg.groupby(gcols, dropna=False)["n"].transform("sum") if gcols else agg["n"].sum()
    agg["freq"] = agg["n"] / total
    agg["per_million"] = agg["freq"] * 1e6
    agg = agg.rename(columns={term_col: "term"})
    agg = agg.sort_values([*gcols, "n", "term"], ascending=[True] * len(gcols) + [False, True], kind="stable")
    return agg[[*gcols, "term", "n", "freq", "per_million", "doc_freq"]].reset_index(drop=True)


def trim(
    counts: pd.DataFrame,
    *,
    min_count: int = 1,
    min_docs: int = 1,
    max_doc_share: float = 1.0,
    term_col: str = "term",
    n_col: str = "n",
    doc_col: str = "doc_id",
) -> pd.DataFrame:
    """Keep only the rows of terms frequent enough overall.

    A term is kept when its total count is at least ``min_count``, it occurs in at least
    ``min_docs`` documents and in at most ``max_doc_share`` of all documents.

    Examples
    --------
    >>> counts = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["trade", "war", "trade"], "n": [3, 1, 1]})
    >>> trim(counts, min_docs=2)["term"].tolist()
    ['trade', 'trade']
    """
    _check_counts(counts, [doc_col], term_col, n_col)
    for name, v in (("min_count", min_count), ("min_docs", min_docs)):
        if not isinstance(v, (int, np.integer)) or v < 0:
            raise KitError(f"{name} must be a non-negative integer, got {v!r}")
    if not 0 < max_doc_share <= 1:
        raise KitError(f"max_doc_share must be in (0, 1], got {max_doc_share!r}")
    pos = counts[counts[n_col] > 0]
    n_docs = counts[doc_col].nunique()
    tot = counts.groupby(term_col)[n_col].sum()
    df = pos.groupby(term_col)[doc_col].nunique().reindex(tot.index, fill_value=0)
    keep = tot.index[(tot >= min_count) & (df >= min_docs) & (df <= max_doc_share * n_docs)]
    return counts[counts[term_col].isin(keep)].reset_index(drop=True)


def tf_idf(
    counts: pd.DataFrame, *, term_col: str = "term", n_col: str = "n", doc_col: str = "doc_id"
) -> pd.DataFrame:
    """Add ``tf``, ``idf`` and ``tf_idf`` to tidy counts (formulas in the module docs).

    Examples
    --------
    >>> counts = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["trade", "war", "trade"], "n": [3, 1, 1]})
    >>> tf_idf(counts)[["term", "tf", "tf_idf"]].round(4).values.tolist()
    [['trade', 0.75, 0.0], ['war', 0.25, 0.1733], ['trade', 1.0, 0.0]]
    """
    _check_counts(counts, [doc_col], term_col, n_col)
    out = counts.copy()
    n_docs = out[doc_col].nunique()
    out["tf"] = out[n_col] / out.groupby(doc_col)[n_col].transform("sum")
    dfreq = out[out[n_col] > 0].groupby(term_col)[doc_col].nunique()
    out["idf"] = np.log(n_docs / out[term_col].map(dfreq).astype(float))
    out["tf_idf"] = out["tf"] * out["idf"]
    return out


# ----------------------------------------------------------------------------- comparing groups


def _group_totals(counts, group, term_col, n_col) -> pd.DataFrame:
    """Wide table: one row per term, one column per group value."""
    wide = counts.pivot_table(index=term_col, columns=group, values=n_col, aggfunc="sum", fill_value=0, observed=True)
    return wide


def _xlogx_ratio(obs: np.ndarray, exp: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(obs > 0, obs * np.log(obs / exp), 0.0)


def largest_group(counts: pd.DataFrame, *, group: str, n_col: str = "n"):
    """The value of ``group`` with the most tokens (a default target for :func:`keyness`).

    >>> counts = pd.DataFrame({"outlet": ["A", "B", "B"], "term": ["x", "x", "y"], "n": [5, 1, 2]})
    >>> largest_group(counts, group="outlet")
    'A'
    """
    _check_columns(counts, [group, n_col], "counts")
    if counts.empty:
        raise KitError("counts is empty: no tokens to compare")
    tot = counts.groupby(group, sort=True)[n_col].sum()
    return tot.sort_values(ascending=False, kind="stable").index[0]


_CORRECTIONS = (None, "bonferroni")


def _group_values(counts: pd.DataFrame, group: str) -> pd.Series:
    """The group column with missing values labelled :data:`UNKNOWN_GROUP`, so keyness against
    "all others" and log-odds count the same tokens."""
    col = counts[group]
    missing = col.isna()
    if missing.any():
        col = col.astype(object).where(~missing, UNKNOWN_GROUP)
    return col


def _excluded(exclude) -> frozenset[str]:
    """Terms to leave out of a result table (``exclude`` as the ``stopwords`` option, or None)."""
    if exclude is None:
        return frozenset()
    from kit.text import stopword_set as _stopwords

    return _stopwords(exclude)


def _direction(diff: np.ndarray) -> np.ndarray:
    """"target" for a positive difference, "reference" for a negative one, "none" for zero."""
    return np.select([diff > 0, diff < 0], ["target", "reference"], "none").astype(object)


def keyness(
    counts: pd.DataFrame,
    *,
    group: str,
    target,
    reference=None,
    min_count: int = 0,
    chi2: bool = False,
    correction: str | None = None,
    alpha: float = 0.05,
    exclude: str | Iterable[str] | None = None,
    term_col: str = "term",
    n_col: str = "n",
) -> pd.DataFrame:
    """Keywords of a target group against a reference group (or all other groups).

    Parameters
    ----------
    counts : DataFrame
        Tidy counts with ``term``, ``n`` and the ``group`` column (e.g. from
        ``count_terms(articles, by="outlet", stopwords=None)``). Corpus sizes are the sums of ``n``
        per side, so pass untrimmed counts (stopwords included) and leave terms out of the result
        with ``min_count`` and ``exclude``.
    group : str
        Column holding the groups; a missing value is the group ``"(unknown)"``.
    target : value of ``group``
    reference : value of ``group`` or None
        None compares against every other group together.
    min_count : int
        Keep terms with ``n_target + n_reference >= min_count``.
    chi2 : bool
        Add Pearson's chi-squared (``chi2`` and ``chi2_p_value``).
    correction : {None, "bonferroni"}
        Adds ``p_adjusted`` and ``significant``; the number of tests is the number of rows
        returned (after ``min_count`` and ``exclude``).
    alpha : float
        Significance level for ``significant``, strictly between 0 and 1.
    exclude : None, {"english", "kit", "nltk"} or iterable of str
        Terms left out of the result *after* scoring (e.g. ``"english"`` for stopwords): they
        still count in the corpus sizes c and d.

    Returns
    -------
    DataFrame
        ``term``, ``n_target``, ``n_reference``, ``per_million_target``, ``per_million_reference``,
        ``g2`` (signed log-likelihood), ``p_value``, ``log_ratio``, ``direction`` ("target",
        "reference", or "none" when the relative frequencies are equal), [``chi2``, ``chi2_p_value``], [``p_adjusted``, ``significant``]; sorted by
        ``g2`` descending (keywords of the target first, of the reference last).

    Examples
    --------
    >>> counts = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "term": ["tariff", "talks", "tariff", "talks"],
    ...                        "n": [30, 70, 10, 90]})
    >>> keyness(counts, group="outlet", target="A")[["term", "n_target", "n_reference", "g2", "log_ratio"]].round(3).values.tolist()
    [['tariff', 30, 10, 10.465, 1.585], ['talks', 70, 90, -2.507, -0.363]]
    >>> keyness(counts, group="outlet", target="A", exclude=["talks"])["term"].tolist()
    ['tariff']
    """
    _check_counts(counts, [group], term_col, n_col)
    gcol = _group_values(counts, group)
    groups = pd.unique(gcol)
    if target not in set(groups):
        raise KitError(f"target {target!r} is not a value of {group!r}; values are {sorted(map(str, groups))}")
    if reference is not None:
        if reference not in set(groups):
            raise KitError(f"reference {reference!r} is not a value of {group!r}; values are {sorted(map(str, groups))}")
        if reference == target:
            raise KitError("reference must differ from target")
    if correction not in _CORRECTIONS:
        raise KitError(f"unknown correction {correction!r}; choose one of {list(_CORRECTIONS)}")
    if not isinstance(min_count, (int, np.integer)) or isinstance(min_count, bool) or min_count < 0:
        raise KitError(f"min_count must be a non-negative integer, got {min_count!r}")
    if not isinstance(chi2, (bool, np.bool_)):
        raise KitError(f"chi2 must be True or False, got {chi2!r}")
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real) or not 0 < alpha < 1:
        raise KitError(f"alpha must be a number strictly between 0 and 1, got {alpha!r}")
    drop = _excluded(exclude)
    is_t = gcol == target
    is_r = (gcol == reference) if reference is not None else ~is_t
    t = counts[is_t].groupby(term_col)[n_col].sum()
    r = counts[is_r].groupby(term_col)[n_col].sum()
    terms = t.index.union(r.index)
    a = t.reindex(terms, fill_value=0).to_numpy(dtype=float)
    b = r.reindex(terms, fill_value=0).to_numpy(dtype=float)
    c, d = a.sum(), b.sum()
    if c == 0 or d == 0:
        raise KitError("target and reference must both contain tokens")
    keep = (a + b) >= min_count
    keep &= (a + b) > 0
    if drop:
        keep &= ~np.asarray(terms.isin(list(drop)), dtype=bool)
    a, b, terms = a[keep], b[keep], terms[keep]
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    g2 = 2 * (_xlogx_ratio(a, e1) + _xlogx_ratio(b, e2))
    g2 = np.maximum(g2, 0.0)
    # a/c against b/d compared exactly as a*d against b*c: equal rates give sign 0 and G2 0
    sign = np.sign(a * d - b * c)
    out = pd.DataFrame(
        {
            "term": np.asarray(terms, dtype=object),
            "n_target": a.astype("int64"),
            "n_reference": b.astype("int64"),
            "per_million_target": a / c * 1e6,
            "per_million_reference": b / d * 1e6,
            "g2": sign * g2,
            "p_value": stats.chi2.sf(g2, 1),
            "log_ratio": np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d)),
            "direction": _direction(sign),
        }
    )
    if chi2:
        n = c + d
        # 2x2 table [[a, b], [c - a, d - b]]; expected = row total * column total / n
        obs = np.stack([a, b, c - a, d - b])
        exp = np.stack([e1, e2, c * (n - a - b) / n, d * (n - a - b) / n])
        with np.errstate(divide="ignore", invalid="ignore"):
            x2 = np.where(exp > 0, (obs - exp) ** 2 / exp, 0.0).sum(axis=0)
        out["chi2"] = sign * x2
        out["chi2_p_value"] = stats.chi2.sf(x2, 1)
    if correction == "bonferroni":
        out["p_adjusted"] = np.minimum(1.0, out["p_value"] * max(len(out), 1))
        out["significant"] = out["p_adjusted"] < alpha
    out = out.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return out


_PRIORS = ("corpus", "uniform")


def log_odds(
    counts: pd.DataFrame,
    *,
    group: str,
    prior: str = "corpus",
    prior_scale: float = 1.0,
    min_count: int = 0,
    exclude: str | Iterable[str] | None = None,
    term_col: str = "term",
    n_col: str = "n",
) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008),
    each group against all the others.

    Parameters
    ----------
    counts : DataFrame with ``term``, ``n`` and ``group``
    prior : {"corpus", "uniform"}
        ``"corpus"``: alpha_w = prior_scale x count of w in the whole corpus; ``"uniform"``:
        alpha_w = prior_scale for every term.
    prior_scale : float
        Strength of the prior (> 0).
    min_count : int
        Keep terms whose corpus count is at least this (after the prior is computed); terms with
        no occurrence at all are never scored.
    exclude : None, {"english", "kit", "nltk"} or iterable of str
        Terms left out of the result after scoring (they still count in the totals and the prior).

    Returns
    -------
    DataFrame
        ``group`` column (a missing value is the group ``"(unknown)"``), ``term``, ``n_target``
        (count in the group), ``n_reference`` (count in the other groups), ``delta`` (log-odds
        ratio), ``variance``, ``z`` (delta / sqrt(variance)), ``direction`` ("target" for z > 0,
        "reference" for z < 0, "none" for z = 0); sorted by group, then ``z`` descending.

    Examples
    --------
    >>> counts = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "term": ["tariff", "talks", "tariff", "talks"],
    ...                        "n": [30, 70, 10, 90]})
    >>> log_odds(counts, group="outlet")[["outlet", "term", "z"]].round(3).values.tolist()
    [['A', 'tariff', 2.267], ['A', 'talks', -4.595], ['B', 'talks', 4.595], ['B', 'tariff', -2.267]]
    """
    _check_counts(counts, [group], term_col, n_col)
    if prior not in _PRIORS:
        raise KitError(f"unknown prior {prior!r}; choose one of {list(_PRIORS)}")
    if isinstance(prior_scale, bool) or not (isinstance(prior_scale, numbers.Real) and prior_scale > 0 and math.isfinite(prior_scale)):
        raise KitError(f"prior_scale must be a positive number, got {prior_scale!r}")
    prior_scale = float(prior_scale)
    if not isinstance(min_count, (int, np.integer)) or isinstance(min_count, bool) or min_count < 0:
        raise KitError(f"min_count must be a non-negative integer, got {min_count!r}")
    drop = _excluded(exclude)
    counts = counts.assign(**{group: _group_values(counts, group)})
    wide = _group_totals(counts, group, term_col, n_col)
    if wide.shape[1] < 2:
        raise KitError(f"log_odds needs at least two values of {group!r}")
    y = wide.to_numpy(dtype=float)  # terms x groups
    y_all = y.sum(axis=1)
    alpha = prior_scale * y_all if prior == "corpus" else np.full(len(y_all), float(prior_scale))
    a0 = alpha.sum()
    keep = (y_all >= min_count) & (y_all > 0)
    if drop:
        keep &= ~np.asarray(wide.index.isin(list(drop)), dtype=bool)
    parts = []
    for k, g in enumerate(wide.columns):
        yi = y[:, k]
        yj = y_all - yi
        ni, nj = yi.sum(), yj.sum()
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = np.log((yi + alpha) / (ni + a0 - yi - alpha)) - np.log((yj + alpha) / (nj + a0 - yj - alpha))
            var = 1.0 / (yi + alpha) + 1.0 / (yj + alpha)
        z = delta / np.sqrt(var)
        parts.append(
            pd.DataFrame(
                {
                    group: g,
                    "term": np.asarray(wide.index, dtype=object),
                    "n_target": yi.astype("int64"),
                    "n_reference": yj.astype("int64"),
                    "delta": delta,
                    "variance": var,
                    "z": z,
                    "direction": _direction(z),
                }
            )[keep]
        )
    out = pd.concat(parts, ignore_index=True)
    out = out.sort_values([group, "z", "term"], ascending=[True, False, True], kind="stable").reset_index(drop=True)
    return out


# ----------------------------------------------------------------------------- collocations


_MEASURES = {"pmi": "pmi", "llr": "likelihood_ratio", "t": "student_t", "chi2": "chi_sq"}


def _term_streams(articles, text_col, id_col, opts: TokenOptions) -> list[list[str | None]]:
    """Per document, the terms in order with removed tokens as None (so nothing bridges them)."""
    out = []
    for text in articles[text_col].tolist():
        if isinstance(text, str) and text:
            out.append([term if keep else None for _, _, _, term, keep in find_tokens(text, opts)])
    return out


def collocations(
    articles: pd.DataFrame,
    *,
    measure: str = "llr",
    n: int = 2,
    window: int = 2,
    min_count: int = 3,
    top: int | None = 100,
    stopwords: str | Iterable[str] | None = "english",
    min_length: int = 1,
    stem: bool = False,
    merge_us: bool = True,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Collocations scored with NLTK's association measures.

    Parameters
    ----------
    measure : {"pmi", "llr", "t", "chi2"}
        Pointwise mutual information, log-likelihood ratio, Student's t, Pearson's chi-squared.
    n : {2, 3}
        Pairs or triples of terms.
    window : int
        For pairs: the second term is at most ``window - 1`` tokens after the first (2 = adjacent),
        with no removed token (stopword, short term) between them. Triples are always adjacent.
    min_count : int
        Minimum number of co-occurrences.

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
    from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder  # lazy
    from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures

    from kit.text import _check_articles

    _check_articles(articles, text_col, id_col)
    if measure not in _MEASURES:
        raise KitError(f"unknown measure {measure!r}; choose one of {list(_MEASURES)}")
    if n not in (2, 3):
        raise KitError(f"n must be 2 or 3, got {n!r}")
    if not isinstance(window, int) or window < 2 or (n == 3 and window != 2):
        raise KitError(f"window must be an integer >= 2 (and 2 for triples), got {window!r}")
    opts = TokenOptions.make(stopwords=stopwords, min_length=min_length, stem=stem, merge_us=merge_us)
    streams = _term_streams(articles, text_col, id_col, opts)
    if n == 2:
        # counted here rather than by BigramCollocationFinder.from_words, whose window reaches
        # across a removed token: a pair is counted only inside a run of kept tokens
        from nltk.probability import FreqDist

        word_fd, pair_fd = FreqDist(), FreqDist()
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
        finder = BigramCollocationFinder(word_fd, pair_fd, window_size=window)
        scorer = getattr(BigramAssocMeasures, _MEASURES[measure])
        freq = finder.ngram_fd
    else:
        words: list[str | None] = []
        for stream in streams:
            words.extend(stream)
            words.extend([None] * n)
        finder = TrigramCollocationFinder.from_words(words)
        finder.apply_word_filter(lambda w: w is None)
        scorer = getattr(TrigramAssocMeasures, _MEASURES[measure])
        freq = finder.ngram_fd
    finder.apply_freq_filter(min_count)
    scored = finder.score_ngrams(scorer)
    cols = [f"term{i + 1}" for i in range(n)]
    rows = [(" ".join(g), *g, int(freq[g]), float(s), measure) for g, s in scored]
    out = pd.DataFrame(rows, columns=["collocation", *cols, "n", "score", "measure"])
    out = out.sort_values(["score", "n", "collocation"], ascending=[False, False, True], kind="stable").reset_index(drop=True)
    return out.head(top) if top is not None else out


def phrases(
    articles: pd.DataFrame,
    *,
    n: Sequence[int] | int = (2, 3),
    min_count: int = 3,
    stopwords: str | Iterable[str] | None = "english",
    min_length: int = 1,
    stem: bool = False,
    merge_us: bool = True,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Frequent multi-word phrases: n-grams of consecutive tokens containing no stopword.

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
    sizes = [n] if isinstance(n, int) else list(n)
    if not sizes or any(not isinstance(k, int) or k < 2 for k in sizes):
        raise KitError(f"n must be integers >= 2, got {n!r}")
    opts = TokenOptions.make(stopwords=stopwords, min_length=min_length, stem=stem, merge_us=merge_us)
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


# ----------------------------------------------------------------------------- KWIC and dispersion


_WILDCARD_RE = re.compile(r"\*|\?|\[[^\]]*\]")
#: stand-ins for wildcards while a pattern is tokenized: letters (so a wildcard stays inside its
#: token, as in "US*" or "*-US") of a script no news text uses (Glagolitic)
_WILD_BASE = 0x2C30


def _pattern_parts(pattern: str, merge_us: bool) -> list[str]:
    """The terms of a KWIC pattern: split with the kit's tokenizer (so "7 1/2" and "China-US"
    are one token each, as in the text), wildcards protected; each literal part is normalised like
    a token and the wildcards put back ("US*" -> "US*", "Tariff*" -> "tariff*")."""
    wilds = _WILDCARD_RE.findall(pattern)
    if len(wilds) > 40:
        raise KitError(f"pattern {pattern!r} has too many wildcards (at most 40)")
    k = iter(range(len(wilds)))
    protected = _WILDCARD_RE.sub(lambda m: chr(_WILD_BASE + next(k)), pattern)
    marks = {chr(_WILD_BASE + i): w for i, w in enumerate(wilds)}
    out = []
    for tok in _TOKEN_RE.findall(protected):
        if not any(ch in marks for ch in tok):
            out.append(normalise_term(tok, merge_us=merge_us))
            continue
        # literal runs between wildcards: normalised part by part (hyphens kept)
        pieces, buf = [], ""
        for ch in tok:
            if ch in marks:
                if buf:
                    pieces.append(_normalise_literal(buf, merge_us))
                    buf = ""
                pieces.append(marks[ch])
            else:
                buf += ch
        if buf:
            pieces.append(_normalise_literal(buf, merge_us))
        out.append("".join(pieces))
    return out


def _normalise_literal(text: str, merge_us: bool) -> str:
    """A literal run of a wildcard pattern, normalised hyphen part by hyphen part."""
    from kit.text import _norm_part

    return "-".join(_norm_part(p.translate(_FOLD), merge_us) if p else p for p in re.split("[-\u2010]", text))


_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def _compile_patterns(patterns, merge_us: bool) -> list[tuple[str, list[str]]]:
    if isinstance(patterns, str):
        patterns = [patterns]
    out = []
    for p in patterns:
        if not isinstance(p, str) or not p.strip():
            raise KitError(f"patterns must be non-empty strings, got {p!r}")
        parts = _pattern_parts(p, merge_us)
        if not parts:
            raise KitError(f"pattern {p!r} holds no word, number or wildcard")
        out.append((p, parts))
    return out


def _matches(parts: list[str], terms: list[str], i: int) -> bool:
    if i + len(parts) > len(terms):
        return False
    for k, part in enumerate(parts):
        term = terms[i + k]
        if any(ch in part for ch in "*?["):
            if not fnmatch.fnmatchcase(term, part):
                return False
        elif term != part:
            return False
    return True


def _clean(s: str) -> str:
    return " ".join(s.split())


def kwic(
    articles: pd.DataFrame,
    patterns: str | Sequence[str],
    *,
    window: int | tuple[int, int] = 5,
    side: str = "both",
    sentence: bool = False,
    merge_us: bool = True,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Keywords in context.

    Parameters
    ----------
    patterns : str or list of str
        Words (``"tariff"``), phrases (``"trade war"``: consecutive tokens) or wildcards
        (``"tariff*"``, ``"*-US"``, ``"US*"``; ``*``, ``?`` and ``[...]`` as in shell patterns).
        A pattern is split into tokens by the kit's tokenizer (so ``"7 1/2"`` is one token, as in
        the text) and each token normalised like a text token (``"China's"`` matches ``china``;
        ``"US"`` matches the country, ``"us"`` the pronoun; in a wildcard pattern the literal parts
        are normalised, so ``"US*"`` finds ``US`` and ``US-led``); stopwords are matched too.
    window : int or (int, int)
        Tokens of context on each side, or (left, right).
    side : {"both", "left", "right"}
        One-sided windows keep context on one side only.
    sentence : bool
        Keep the context inside the keyword's sentence.

    Returns
    -------
    DataFrame
        ``doc_id``, ``token_start``, ``token_end`` (token positions, end exclusive), ``start``,
        ``end`` (character offsets of the keyword in the text), ``left``, ``keyword``, ``right``
        (original text, white space collapsed), ``pattern``. Display with :func:`format_kwic`.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Beijing says the trade war with the U.S. must end. Talks resume."]})
    >>> kwic(arts, ["trade war", "US"], window=2)[["left", "keyword", "right", "pattern"]].values.tolist()
    [['says the', 'trade war', 'with the', 'trade war'], ['with the', 'U.S.', 'must end', 'US']]
    >>> kwic(arts, "end", window=3, side="right", sentence=True)[["left", "keyword", "right"]].values.tolist()
    [['', 'end', '']]
    """
    from kit.text import _check_articles

    _check_articles(articles, text_col, id_col)
    if isinstance(window, int) and not isinstance(window, bool):
        left_n, right_n = window, window
    elif isinstance(window, tuple) and len(window) == 2 and all(isinstance(w, int) for w in window):
        left_n, right_n = window
    else:
        raise KitError(f"window must be an int or a (left, right) pair of ints, got {window!r}")
    if left_n < 0 or right_n < 0:
        raise KitError("window sizes must not be negative")
    if side not in ("both", "left", "right"):
        raise KitError(f"unknown side {side!r}; choose 'both', 'left' or 'right'")
    if side == "left":
        right_n = 0
    elif side == "right":
        left_n = 0
    pats = _compile_patterns(patterns, merge_us)
    opts = TokenOptions.make(merge_us=merge_us)
    sents = sentences(articles, text_col=text_col, id_col=id_col) if sentence else None
    sent_bounds = {d: (g["start"].to_numpy(), g["end"].to_numpy()) for d, g in sents.groupby("doc_id", sort=False)} if sentence else {}
    rows = []
    for doc_id, text in zip(articles[id_col].tolist(), articles[text_col].tolist()):
        if not isinstance(text, str) or not text:
            continue
        found = find_tokens(text, opts)
        terms = [f[3] for f in found]
        starts = np.array([f[0] for f in found], dtype=np.int64)
        for label, parts in pats:
            for i in range(len(found)):
                if not _matches(parts, terms, i):
                    continue
                j = i + len(parts)
                lo, hi = max(0, i - left_n), min(len(found), j + right_n)
                s, e = found[i][0], found[j - 1][1]
                if sentence and doc_id in sent_bounds:
                    ss, se = sent_bounds[doc_id]
                    k = max(int(np.searchsorted(ss, s, side="right")) - 1, 0)
                    lo = max(lo, int(np.searchsorted(starts, ss[k], side="left")))
                    hi = min(hi, int(np.searchsorted(starts, se[k], side="left")))
                left = _clean(text[found[lo][0]:s]) if lo < i else ""
                right = _clean(text[e:found[hi - 1][1]]) if hi > j else ""
                rows.append((doc_id, i, j, s, e, left, text[s:e], right, label))
    out = pd.DataFrame(rows, columns=["doc_id", "token_start", "token_end", "start", "end", "left", "keyword", "right", "pattern"])
    for c in ("token_start", "token_end", "start", "end"):
        out[c] = out[c].astype("int64")
    return out


def format_kwic(kw: pd.DataFrame, *, width: int = 40) -> pd.DataFrame:
    """Concordance lines for display: ``doc_id``, ``pattern`` and ``line`` (left context
    right-aligned and cut to ``width`` characters, the keyword in ``[...]``, right context).

    >>> kw = pd.DataFrame({"doc_id": ["a"], "left": ["says the"], "keyword": ["trade war"], "right": ["with"], "pattern": ["trade war"]})
    >>> format_kwic(kw, width=10)["line"].tolist()
    ['  says the [trade war] with']
    """
    _check_columns(kw, ["doc_id", "left", "keyword", "right", "pattern"], "kwic table")
    if not isinstance(width, int) or width < 1:
        raise KitError(f"width must be a positive integer, got {width!r}")
    lines = [
        f"{left[-width:]:>{width}} [{key}] {right[:width]}"
        for left, key, right in zip(kw["left"].tolist(), kw["keyword"].tolist(), kw["right"].tolist())
    ]
    return pd.DataFrame({"doc_id": kw["doc_id"].tolist(), "pattern": kw["pattern"].tolist(), "line": lines})


def dispersion(
    articles: pd.DataFrame,
    patterns: str | Sequence[str],
    *,
    merge_us: bool = True,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Where each match of each pattern falls in its article (for a lexical dispersion / x-ray plot).

    Returns
    -------
    DataFrame
        ``doc_id``, ``pattern``, ``token_no`` (position of the match), ``n_tokens`` (tokens in the
        article), ``position`` (token_no / n_tokens, 0 = start, towards 1 = end), ``start`` (offset).

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Tariffs rose. Then tariff talks began."]})
    >>> d = dispersion(arts, "tariff*")
    >>> d["token_no"].tolist(), d["n_tokens"].tolist(), d["position"].tolist()
    ([0, 3], [6, 6], [0.0, 0.5])
    """
    kw = kwic(articles, patterns, window=0, merge_us=merge_us, text_col=text_col, id_col=id_col)
    opts = TokenOptions.make(merge_us=merge_us)
    n_tok = {
        d: len(find_tokens(t, opts)) if isinstance(t, str) else 0
        for d, t in zip(articles[id_col].tolist(), articles[text_col].tolist())
    }
    out = pd.DataFrame(
        {
            "doc_id": kw["doc_id"],
            "pattern": kw["pattern"],
            "token_no": kw["token_start"],
            "n_tokens": kw["doc_id"].map(n_tok).astype("int64"),
            "start": kw["start"],
        }
    )
    out["position"] = (out["token_no"] / out["n_tokens"]).astype("float64")
    return out[["doc_id", "pattern", "token_no", "n_tokens", "position", "start"]]
