r"""The counting engine: tidy term counts and sparse document-term matrices.

:func:`document_term_matrix` and :func:`count_stream` give exactly the terms of
:func:`kit.text.tokenize` without running the full pattern over every character: each text is
split on white space where ``str.split`` splits and its pieces hashed, a whole chunk at once by
Arrow (``str.split`` and ``collections.Counter`` for what Arrow cannot take); each *distinct* piece
is tokenized and normalised once per process; one sparse product turns piece counts into term
counts. This is exact because no token holds white space (the space inside a fraction such as
``7 1/2`` is kept inside its piece before splitting) and a scan of a piece alone finds the tokens a
scan of the whole text finds there (the pattern restarts at white space). Large inputs are cut
into chunks and counted by worker processes that send back only the terms they have not reported
yet (an Arrow array) and three integer arrays (forked workers read in-memory texts from their copy
of the parent's memory, and :func:`count_stream` workers read their own byte range of a file), so
a corpus larger than memory can be streamed; the workers' terms are merged into one vocabulary at
the end. Results do not depend on the number of workers or the chunk size; terms are sorted by
code point.

Each call is one :class:`_CountingRun` that owns its piece table and vocabulary; when the call
returns, nothing of it stays in the module (worker processes end with the run's pool).
"""
from __future__ import annotations

import itertools
import os
import re
import uuid
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse

from kit.compute import pool_start_method as _start_method  # one rule for every process pool of the kit
from kit.errors import KitValueError
from kit.terms._args import article_groups, as_list, check_columns, renamed, token_options
from kit.text import (
    _FRACTION_RE,
    _FRACTION_SPACE_RE,
    _JOIN,
    _MAYBE_URL,
    _NEVER_IN_TOKENS,
    _S_CONTRACTIONS,
    _TOKEN_RE,
    TokenOptions,
)

__all__ = ["DocumentTermMatrix", "document_term_matrix", "count_stream", "count_terms"]

#: a number without letters, hyphens or a fraction: its own term (see _piece_terms)
_PLAIN_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*").fullmatch


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


class _PieceTable:
    """State of the counting engine for one run in one process, kept across that run's chunks:
    the white-space pieces seen so far (each tokenized and normalised once), their terms, and how
    many terms the run has already been told about.

    A run (:class:`_CountingRun`) owns its in-process table and drops it when it ends; a worker
    process keeps one table for the run it serves (:func:`_worker_table`) and ends with the run's
    pool, so nothing outlives a run. A table that grows past ``MAX_PIECES`` is replaced by a
    fresh one (the term numbering then starts again under a new ``key``)."""

    MAX_PIECES = 4_000_000

    def __init__(self, options: TokenOptions, run: str):
        self.key = (os.getpid(), next(_TABLE_SERIAL))
        self.options = options
        self.run = run
        self.pieces: dict = defaultdict(itertools.count().__next__)
        self.term_ids: dict[str, int] = {}
        self.done = 0  # pieces already mapped to terms
        self.reported = 0  # terms already sent to the run
        self.p2t: sparse.csr_matrix | None = None

    def fresh(self, options: TokenOptions, run: str) -> bool:
        """True when this table can serve another chunk of ``run`` with ``options``."""
        return (self.run == run and self.options == options and len(self.pieces) <= self.MAX_PIECES
                and self.key[0] == os.getpid())


_TABLE_SERIAL = itertools.count(1)  # numbers tables apart; holds no state of any run

#: The table of the run a *worker process* serves (empty in the process that starts a run: its
#: own table belongs to the :class:`_CountingRun`). Ends with the worker process.
_WORKER_TABLE: list[_PieceTable] = []


def _worker_table(options: TokenOptions, run: str) -> _PieceTable:
    if not (_WORKER_TABLE and _WORKER_TABLE[0].fresh(options, run)):
        _WORKER_TABLE[:] = [_PieceTable(options, run)]
    return _WORKER_TABLE[0]


def _count_chunk(texts: Sequence[str], st: _PieceTable):
    """Term counts of a chunk of texts, with the piece table ``st`` of the run.

    Fast path, exactly equivalent to ``TOKEN_PATTERN.findall(text)``: each text is split on white
    space and its pieces counted, by Arrow for a whole chunk at once (:func:`_piece_counts`). Scanning a piece on
    its own gives the same tokens as scanning it inside the text, because no token contains white
    space (the one exception, the space of a fraction such as ``7 1/2``, is kept inside its
    piece; joining pieces is always exact). Each *distinct* piece is tokenized and normalised once
    per process, and a sparse product maps piece counts to term counts.

    Returns ``(state key, first new term number, new terms, indptr, indices, data)``: only the
    terms the parent has not yet seen from this process and three integer arrays.
    """
    indptr, indices, data = _piece_counts(texts, st)
    n_pieces = len(st.pieces)
    if n_pieces > st.done or st.p2t is None:
        _map_new_pieces(st, n_pieces)
    x = sparse.csr_matrix((data, indices, indptr), shape=(len(texts), n_pieces))
    y = (x @ st.p2t).tocsr()  # one entry per document and term (the product adds up repeated pieces)
    first = st.reported
    new_terms = _as_arrow(_tail(st.term_ids, len(st.term_ids) - first))
    st.reported = len(st.term_ids)
    return st.key, first, new_terms, y.indptr.astype(np.int64), y.indices.astype(np.int32), y.data.astype(np.int32)


def _as_arrow(terms: list[str]):
    """``terms`` as an Arrow array (sent to the parent as a few buffers), or the list itself when a
    term cannot be UTF-8 (a lone surrogate inside a URL)."""
    try:
        return pa.array(terms, type=pa.large_string())
    except (pa.ArrowException, UnicodeError):
        return terms


#: the characters str.split() cuts at besides Arrow's ASCII white space (tab, line feed, vertical tab,
#: form feed, carriage return, space): the information separators U+001C-U+001F, NEL, the no-break
#: space and the Unicode spaces and separators (checked against str.isspace for every code point in
#: the tests); as an RE2 character class
_NOT_ASCII_SPACE = "[" + "".join(f"\\x{{{c:04x}}}" for c in (
    0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)) + "]"


def _piece_counts(texts: Sequence[str], st: _PieceTable) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR arrays (indptr, piece ids, counts) of the white-space pieces of each text; new pieces get
    the next ids of ``st`` in order of first appearance. A mixed number ("7 1/2") stays one piece.
    A row may name a piece more than once (its counts add up in the product with the piece-term matrix).

    The texts are split by Arrow (``utf8_split_whitespace`` splits where ``str.split`` does: the same
    white space, checked for every code point in the tests; ``ascii_split_whitespace``, twice as fast,
    when no text holds white space beyond ASCII's) and the pieces hashed by Arrow's
    ``dictionary_encode``, so Python sees each distinct piece of a chunk once; a chunk Arrow cannot
    take (a lone surrogate) or that holds :data:`~kit.text._JOIN` is counted piece by piece here.
    """
    frac = _FRACTION_RE.search
    prepared = []
    joined = False
    for text in texts:
        if not isinstance(text, str):
            text = ""
        elif _JOIN in text:  # (never in news text)
            return _piece_counts_python(texts, st)
        elif "/" in text and frac(text):
            text = _FRACTION_SPACE_RE.sub("\\1" + _JOIN, text)
            joined = True
        prepared.append(text)
    try:
        arr = pa.array(prepared, type=pa.large_string())
    except (pa.ArrowException, UnicodeError):  # a lone surrogate (from a JSON escape) has no UTF-8
        return _piece_counts_python(texts, st)
    # white space beyond ASCII's (rare in news text) needs the slower Unicode-aware split
    unicode_space = pc.any(pc.match_substring_regex(arr, _NOT_ASCII_SPACE)).as_py()
    pieces = (pc.utf8_split_whitespace if unicode_space else pc.ascii_split_whitespace)(arr)
    lengths = pc.list_value_length(pieces).to_numpy(zero_copy_only=False).astype(np.int64)
    enc = pc.dictionary_encode(pc.list_flatten(pieces))
    distinct = enc.dictionary.to_pylist()
    if joined:  # the piece of a mixed number is "7 1/2", with its space
        distinct = [p.replace(_JOIN, " ") if _JOIN in p else p for p in distinct]
    # a text's leading or trailing white space gives an empty piece (str.split gives none)
    empty = distinct.index("") if "" in distinct else -1
    if empty >= 0:
        distinct.pop(empty)
    ids = np.fromiter(map(st.pieces.__getitem__, distinct), dtype=np.int64, count=len(distinct))
    if empty >= 0:
        ids = np.insert(ids, empty, -1)
    cols = ids[enc.indices.to_numpy(zero_copy_only=False)]
    if empty >= 0:
        keep = cols >= 0
        lengths = np.bincount(np.repeat(np.arange(len(prepared)), lengths)[keep], minlength=len(prepared))
        cols = cols[keep]
    indptr = np.zeros(len(prepared) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    return indptr, cols.astype(np.int32), np.ones(len(cols), dtype=np.int64)


def _piece_counts_python(texts: Sequence[str], st: _PieceTable) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_piece_counts` one text at a time with ``str.split`` and ``Counter`` (any chunk: also
    one with a text holding :data:`~kit.text._JOIN`, or that Arrow cannot take)."""
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
    return (np.array(indptr, dtype=np.int64), np.array(indices, dtype=np.int32), np.array(data, dtype=np.int64))


def _plain_term(piece: str, split: bool) -> str | None:
    """The term of a piece that is a plain word, a possessive of one, a compound of plain words or a
    number (possibly between punctuation), without running the token pattern; None for any other
    piece (the caller then uses :func:`_piece_terms`). Same result as the full tokenizer."""
    core = piece if piece.isalpha() else piece.strip(_NEVER_IN_TOKENS)
    if core.isalpha() and not (len(core) > 1 and core.isupper()) and (core is piece or not _MAYBE_URL(piece)):
        return core.lower()
    if not core or _MAYBE_URL(piece):
        return None
    if not split and core[-1] == "s" and core[-2:-1] in "'’":
        # possessive of a plain word ("China’s"): the word's term (not "it's" and kin)
        base = core[:-2]
        if base.isalpha() and not (len(base) > 1 and base.isupper()) and core.lower().replace("’", "'") not in _S_CONTRACTIONS:
            return base.lower()
    if not split and "-" in core:
        # compound of plain lower/title-case words ("high-stakes", "Sino-Japanese")
        if all(x.isalpha() and not (len(x) > 1 and x.isupper()) for x in core.split("-")):
            return core.lower()
    if core.isdecimal() or _PLAIN_NUMBER(core):
        # a number between characters no token starts or ends with is one token, its term as written
        return core
    return None


def _map_new_pieces(st: _PieceTable, n_pieces: int) -> None:
    """Map the pieces first seen in this chunk to terms: one new block of the piece-term matrix."""
    options = st.options
    setid = st.term_ids.setdefault
    tid = st.term_ids
    rows: list[int] = []
    cols: list[int] = []
    sw = options.stopwords if options.stopwords is not None else frozenset()
    minlen, plain_ok, split = options.min_length, not options.stem, options.split_hyphens
    for j, piece in enumerate(_tail(st.pieces, n_pieces - st.done)):
        term = _plain_term(piece, split) if plain_ok and type(piece) is str else None
        if term is not None:
            if term not in sw and len(term) >= minlen:
                rows.append(j)
                cols.append(setid(term, len(tid)))
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


def _tail(d: dict, n: int) -> list:
    """The last ``n`` keys of a dict in insertion order, in O(n) (read from the end)."""
    import itertools

    out = list(itertools.islice(reversed(d), n))
    out.reverse()
    return out


def _read_lines(path: str, start: int, stop: int) -> list[str]:
    """The lines (one text per line) of a byte range of a UTF-8 file."""
    with open(path, "rb") as f:
        f.seek(start)
        raw = f.read(stop - start)
    texts = raw.decode("utf-8").split("\n")
    del raw
    if texts and texts[-1] == "":
        texts.pop()
    return texts


def _given_texts(texts: list[str]) -> list[str]:
    """The texts of a chunk sent along with it."""
    return texts


def _worker_count(load, args: tuple, options: TokenOptions, run: str):
    """Worker process: count the chunk ``load(*args)`` with this process's table for ``run``."""
    return _count_chunk(load(*args), _worker_table(options, run))


class _TermMapper:
    """Collects the chunk results of every worker (each numbers its terms in the order it met them)
    and merges the workers' terms into one vocabulary once, at the end (:meth:`vocabulary`)."""

    def __init__(self):
        self.new: dict[tuple, list] = {}  # worker table key -> its new terms, chunk by chunk
        self.sizes: dict[tuple, int] = {}

    def to_terms(self, key, first, new_terms, indptr, indices, data) -> tuple:
        """Take a chunk result (in the order its worker counted it): ``(key, indptr, indices, data)``,
        indices numbering the terms of the worker's table ``key`` (see :meth:`vocabulary`)."""
        n = self.sizes.get(key, 0)
        if first != n:
            raise RuntimeError("worker results arrived out of order")  # pragma: no cover
        self.new.setdefault(key, []).append(new_terms)
        self.sizes[key] = n + len(new_terms)
        return key, indptr, indices, data

    def vocabulary(self) -> tuple[np.ndarray, dict]:
        """``(terms, ranks)``: every distinct term, sorted by code point (an object array), and for each
        worker table the column of each of its terms (int32 array indexed by the worker's numbering).
        Merged and sorted by Arrow (hashing and sorting in C++); by Python when a term has no UTF-8."""
        keys = list(self.new)
        parts = [t for k in keys for t in self.new[k]]
        try:
            every = pa.concat_arrays([t if isinstance(t, pa.Array) else pa.array(t, type=pa.large_string())
                                      for t in parts]) if parts else pa.array([], type=pa.large_string())
        except (pa.ArrowException, UnicodeError):
            return self._vocabulary_python(keys)
        enc = pc.dictionary_encode(every)
        order = pc.sort_indices(enc.dictionary).to_numpy().astype(np.int64)
        rank = np.empty(len(order), dtype=np.int32)
        rank[order] = np.arange(len(order), dtype=np.int32)
        codes = rank[enc.indices.to_numpy(zero_copy_only=False)]
        bounds = np.cumsum([0] + [self.sizes[k] for k in keys])
        terms = enc.dictionary.take(pa.array(order)).to_numpy(zero_copy_only=False).astype(object)
        return terms, {k: codes[a:b] for k, a, b in zip(keys, bounds[:-1], bounds[1:])}

    def _vocabulary_python(self, keys: list) -> tuple[np.ndarray, dict]:
        ids: dict[str, int] = {}
        local = {k: np.fromiter((ids.setdefault(t, len(ids)) for part in self.new[k]
                                 for t in (part.to_pylist() if isinstance(part, pa.Array) else part)),
                                dtype=np.int32, count=self.sizes[k]) for k in keys}
        terms = sorted(ids)  # str order is code point order
        rank = np.empty(len(ids), dtype=np.int32)
        rank[np.fromiter((ids[t] for t in terms), dtype=np.int64, count=len(terms))] = np.arange(len(terms), dtype=np.int32)
        return np.array(terms, dtype=object), {k: rank[v] for k, v in local.items()}


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
        """The tidy counts table (``doc_id``, ``term``, ``n``), documents in matrix order.

        >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["talks talks trade", "trade"]})
        >>> document_term_matrix(arts, stopwords=None).to_counts().values.tolist()
        [['a', 'talks', 2], ['a', 'trade', 1], ['b', 'trade', 1]]
        """
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
        """Total count of every term, most frequent first.

        >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["talks talks trade", "trade"]})
        >>> document_term_matrix(arts, stopwords=None).term_totals().to_dict()
        {'talks': 2, 'trade': 2}
        """
        tot = np.asarray(self.matrix.sum(axis=0)).ravel()
        return pd.Series(tot, index=pd.Index(self.terms, name="term"), name="n").sort_values(ascending=False, kind="stable")


def _finish(mapper: _TermMapper, pieces: list[tuple], doc_ids) -> DocumentTermMatrix:
    """Assemble chunk results (``(worker table key, indptr, indices, data)``, see
    :meth:`_TermMapper.to_terms`) into one CSR matrix with alphabetical columns, freeing chunks as it goes."""
    terms, ranks = mapper.vocabulary()
    n_terms = len(terms)
    n_docs = sum(len(p[1]) - 1 for p in pieces)
    nnz = sum(len(p[2]) for p in pieces)
    indptr = np.zeros(n_docs + 1, dtype=np.int64)
    indices = np.empty(nnz, dtype=np.int32)
    data = np.empty(nnz, dtype=np.int32)
    row = pos = 0
    while pieces:
        key, p_indptr, p_indices, p_data = pieces.pop(0)
        k, m = len(p_indptr) - 1, len(p_indices)
        indptr[row + 1:row + k + 1] = p_indptr[1:] + pos
        indices[pos:pos + m] = ranks[key][p_indices]
        data[pos:pos + m] = p_data
        row += k
        pos += m
    mat = sparse.csr_matrix((data, indices, indptr), shape=(n_docs, n_terms))
    mat.has_sorted_indices = False
    mat.sort_indices()
    return DocumentTermMatrix(mat, np.asarray(doc_ids, dtype=object), terms)


class _PendingMatrix(DocumentTermMatrix):
    """The :class:`DocumentTermMatrix` of a read that counted while reading (``build_corpus(..., count=)``),
    assembled from its chunk results (:func:`_finish`) the first time ``matrix`` or ``terms`` is asked
    for. Until then :func:`term_totals` adds the chunks' counts up without assembling it: ``kit terms``
    without ``--by`` needs no more, and sorting the vocabulary and the matrix's rows would cost it more
    than the sums. ``keep`` (None: every row) drops rows (duplicates) from the assembled matrix; its
    columns stay those of every chunk, as they were when it was assembled at once."""

    def __init__(self, mapper: _TermMapper, pieces: list[tuple], keep: np.ndarray | None, doc_ids):
        object.__setattr__(self, "doc_ids", np.asarray(doc_ids, dtype=object))
        object.__setattr__(self, "_pending", (mapper, pieces, keep))

    def __getattr__(self, name: str):
        pending = self.__dict__.get("_pending")
        if name not in ("matrix", "terms") or pending is None:
            raise AttributeError(name)
        mapper, pieces, keep = pending
        whole = _finish(mapper, pieces, np.arange(sum(len(p[1]) - 1 for p in pieces)))
        x = whole.matrix if keep is None else whole.matrix[np.flatnonzero(keep)]
        object.__setattr__(self, "matrix", x)
        object.__setattr__(self, "terms", whole.terms)
        del self.__dict__["_pending"]
        return getattr(self, name)

    def __reduce__(self):  # (pickled as the plain matrix)
        return DocumentTermMatrix, (self.matrix, self.doc_ids, self.terms)


def term_totals(m: DocumentTermMatrix, *, top: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """``(terms, n, n_docs, total)``: every term with a count in ``m``, **in no particular order**, its
    total count and the number of documents (rows) holding it, and the sum of all counts. With
    ``top``, only the terms whose count reaches the ``top``-th largest (ties kept: every term that can
    be among the ``top`` most frequent). A matrix counted while reading and not yet assembled
    (:class:`_PendingMatrix`) is summed from its chunks, its vocabulary merged but not sorted.

    >>> import pandas as pd
    >>> m = document_term_matrix(pd.DataFrame({"doc_id": ["a", "b"], "text": ["Trade talks", "trade, trade"]}),
    ...                          stopwords=None)
    >>> terms, n, n_docs, total = term_totals(m)
    >>> sorted(zip(terms.tolist(), n.tolist(), n_docs.tolist())), total
    ([('talks', 1, 1), ('trade', 3, 2)], 4)
    >>> term_totals(m, top=1)[0].tolist()
    ['trade']
    """
    pending = m.__dict__.get("_pending") if isinstance(m, _PendingMatrix) else None
    if pending is None or not all(isinstance(t, pa.Array) for part in pending[0].new.values() for t in part):
        x = m.matrix.tocsr()
        x.sum_duplicates()
        col, d = x.indices, x.data
        terms, size = m.terms, x.shape[1]
    else:
        mapper, pieces, keep = pending
        keys = list(mapper.new)
        parts = [t for k in keys for t in mapper.new[k]]
        enc = pc.dictionary_encode(pa.concat_arrays(parts) if parts else pa.array([], type=pa.large_string()))
        codes = enc.indices.to_numpy(zero_copy_only=False)
        bounds = np.cumsum([0] + [mapper.sizes[k] for k in keys])
        local = {k: codes[a:b] for k, a, b in zip(keys, bounds[:-1], bounds[1:])}
        cols, ds = [], []
        row = 0
        for key, indptr, indices, data in pieces:  # (a chunk's result: one entry per row and term)
            k = len(indptr) - 1
            c = local[key][indices]
            if keep is not None:
                mask = np.repeat(keep[row:row + k], np.diff(indptr))
                c, data = c[mask], data[mask]
            cols.append(c)
            ds.append(data)
            row += k
        col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
        d = np.concatenate(ds) if ds else np.zeros(0, dtype=np.int32)
        terms, size = enc.dictionary, len(enc.dictionary)
    # sums of integer counts, exact in float64 below 2**53
    n = np.rint(np.bincount(col, weights=d, minlength=size)).astype(np.int64)
    n_docs = np.bincount(col[d != 0], minlength=size).astype(np.int64)
    total = int(n.sum())
    have = np.flatnonzero(n if top is None else n >= _nth_largest(n[n != 0], top))
    if isinstance(terms, pa.Array):
        terms = terms.take(pa.array(have)).to_numpy(zero_copy_only=False)
    else:
        terms = terms[have]
    return terms, n[have], n_docs[have], total


def _nth_largest(n: np.ndarray, top: int):
    """The ``top``-th largest value of ``n`` (its smallest when it has fewer; above its largest for
    ``top`` 0, so that nothing reaches it)."""
    if top <= 0 or len(n) == 0:
        return (n.max() + 1) if len(n) else 1
    k = min(top, len(n))
    return np.partition(n, len(n) - k)[len(n) - k]


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
        raise KitValueError(f"n_jobs must be a positive integer or None (all cores), got {n_jobs!r}")
    return n_jobs


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


def _forked_slice(start: int, stop: int) -> list[str]:
    """Worker: rows ``start:stop`` of ``_FORKED_TEXTS`` (inherited from the parent, not sent)."""
    return _texts_slice(_FORKED_TEXTS, start, stop)


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


class _CountingRun:
    """One counting run: its options, its id, the vocabulary its chunks are mapped into and (when
    it counts in this process) its piece table. Everything it holds goes when the run object goes;
    :meth:`count` returns the finished matrix and keeps nothing."""

    def __init__(self, options: TokenOptions, n_jobs: int):
        self.options = options
        self.n_jobs = n_jobs
        self.id = uuid.uuid4().hex  # worker tables serve this run only
        self.mapper = _TermMapper()
        self.table: _PieceTable | None = None

    def _local(self, texts: list[str]) -> tuple:
        if self.table is None or not self.table.fresh(self.options, self.id):
            self.table = _PieceTable(self.options, self.id)
        return _count_chunk(texts, self.table)

    def chunks(self, load, work: Iterable[tuple]) -> list[tuple]:
        """Count ``load(*args)`` for every item of ``work`` (in order), mapped to the run's term
        columns, keeping at most ``2 * n_jobs`` chunks in flight so memory stays bounded."""
        to_terms = self.mapper.to_terms
        pieces = []
        try:
            if self.n_jobs == 1:
                for args in work:
                    pieces.append(to_terms(*self._local(load(*args))))
                return pieces
            with _executor(self.n_jobs) as ex:
                pending: deque = deque()
                for args in work:
                    pending.append(ex.submit(_worker_count, load, args, self.options, self.id))
                    if len(pending) >= 2 * self.n_jobs:
                        pieces.append(to_terms(*pending.popleft().result()))
                while pending:
                    pieces.append(to_terms(*pending.popleft().result()))
            return pieces
        finally:
            self.table = None

    def count(self, load, work: Iterable[tuple], doc_ids=None) -> DocumentTermMatrix:
        """The document-term matrix of the chunks (documents numbered 0, 1, ... without ``doc_ids``)."""
        pieces = self.chunks(load, work)
        if doc_ids is None:
            doc_ids = np.arange(sum(len(p[1]) - 1 for p in pieces))
        return _finish(self.mapper, pieces, doc_ids)


def document_term_matrix(
    articles: pd.DataFrame,
    *,
    tokens: TokenOptions | None = None,
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
    tokens : TokenOptions, optional
        All tokenizer options in one object; or give them one by one:
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
    opts = token_options(tokens, dict(stopwords=stopwords, min_length=min_length, stem=stem, merge_us=merge_us,
                                      split_hyphens=split_hyphens))
    if not isinstance(chunk_chars, int) or chunk_chars < 1:
        raise KitValueError(f"chunk_chars must be a positive integer, got {chunk_chars!r}")
    jobs = _n_jobs(n_jobs)
    col = articles[text_col]
    # texts are turned into Python strings one chunk at a time, never all at once
    lengths = _text_lengths(col)
    if jobs > 1 and int(lengths.sum()) < 2 * chunk_chars:
        jobs = 1  # not worth starting processes
    bounds = _chunk_bounds(lengths, chunk_chars)
    doc_ids = articles[id_col].tolist()
    if jobs > 1 and _start_method() == "fork":
        global _FORKED_TEXTS
        _FORKED_TEXTS = col
        try:
            return _CountingRun(opts, jobs).count(_forked_slice, bounds, doc_ids)
        finally:
            _FORKED_TEXTS = None
    work = ((_texts_slice(col, a, b),) for a, b in bounds)
    return _CountingRun(opts, jobs).count(_given_texts, work, doc_ids)


def count_stream(
    texts: Iterable[str] | str | os.PathLike,
    *,
    tokens: TokenOptions | None = None,
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
    Tokenizer options as in :func:`document_term_matrix` (``tokens=`` or the five keywords).

    Examples
    --------
    >>> m = count_stream(iter(["Trade talks.", "Trade deal."]), stopwords="kit", n_jobs=1)
    >>> m.term_totals().to_dict()
    {'trade': 2, 'deal': 1, 'talks': 1}
    """
    opts = token_options(tokens, dict(stopwords=stopwords, min_length=min_length, stem=stem, merge_us=merge_us,
                                      split_hyphens=split_hyphens))
    jobs = _n_jobs(n_jobs)
    if isinstance(texts, (str, os.PathLike)):
        path = os.fspath(texts)
        if not os.path.isfile(path):
            raise KitValueError(f"no such file: {path}")
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
        return _CountingRun(opts, jobs).count(_read_lines, ranges)
    return _CountingRun(opts, jobs).count(_given_texts, ((c,) for c in _chunks(texts, chunk_chars)))




@renamed(by="group_by")
def count_terms(
    articles: pd.DataFrame,
    *,
    group_by: str | Sequence[str] | None = None,
    tokens: TokenOptions | None = None,
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
    group_by : str, list of str or None
        Article columns to carry onto every row (e.g. ``"outlet"``) for grouped statistics, or a
        period (``day``, ``week``, ``month``, ``quarter``, ``year``: a column of that name holding
        the period label of ``published``, e.g. ``2024-03``). (Formerly ``by``.)
    tokens : TokenOptions, optional
        All tokenizer options in one object, instead of the five keywords below.
    stopwords, min_length, stem, merge_us, split_hyphens
        Tokenizer options (see :mod:`kit.text`).
    ngrams : int
        N-gram size: 1 counts single terms; n > 1 counts n-grams that contain no stopword (slower path).

    Returns
    -------
    DataFrame
        [``group_by`` columns], ``doc_id``, ``term``, ``n`` (int64); one row per document and term,
        documents in input order, terms alphabetical within a document.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                      "text": ["The U.S. and China’s trade", "US trade, trade"]})
    >>> count_terms(arts, group_by="outlet", stopwords="kit").values.tolist()
    [['X', 'a', 'US', 1], ['X', 'a', 'china', 1], ['X', 'a', 'trade', 1], ['Y', 'b', 'US', 1], ['Y', 'b', 'trade', 2]]
    """
    by_cols = as_list(group_by)
    check_columns(articles, [id_col, text_col], "articles")
    groups = article_groups(articles, by_cols)
    if articles[id_col].duplicated().any():
        raise KitValueError(f"articles has duplicated {id_col!r} values; counts would be ambiguous")
    if not isinstance(ngrams, int) or isinstance(ngrams, bool) or ngrams < 1:
        raise KitValueError(f"ngrams must be a positive integer, got {ngrams!r}")
    opts = token_options(tokens, dict(stopwords=stopwords, min_length=min_length, stem=stem, merge_us=merge_us,
                                      split_hyphens=split_hyphens))
    if ngrams == 1:
        counts = document_term_matrix(articles, tokens=opts, text_col=text_col, id_col=id_col, n_jobs=n_jobs).to_counts()
    else:
        counts = _ngram_counts(articles, opts, ngrams, text_col, id_col)
    if by_cols:
        meta = groups.assign(doc_id=articles[id_col].to_numpy())
        counts = counts.merge(meta, on="doc_id", how="left", validate="many_to_one")
        counts = counts[[*by_cols, "doc_id", "term", "n"]]
    return counts.reset_index(drop=True)


def _ngram_counts(articles: pd.DataFrame, opts: TokenOptions, size: int, text_col: str, id_col: str) -> pd.DataFrame:
    """Counts of n-grams of ``size`` consecutive kept tokens (none bridges a removed token)."""
    from kit.text import tokenize

    rows = []
    for doc_id, text in zip(articles[id_col].tolist(), articles[text_col].tolist()):
        if isinstance(text, str):
            c = Counter(t.term for t in tokenize(text, tokens=opts, ngrams=size))
            rows.extend((doc_id, term, n) for term, n in sorted(c.items()))
    counts = pd.DataFrame(rows, columns=["doc_id", "term", "n"])
    counts["n"] = counts["n"].astype("int64")
    return counts


def group_term_counts(
    articles: pd.DataFrame,
    *,
    group_by: str | None = None,
    tokens: TokenOptions | None = None,
    text_col: str = "text",
    id_col: str = "doc_id",
    n_jobs: int | None = 1,
    matrix: DocumentTermMatrix | None = None,
) -> pd.DataFrame:
    """Term counts summed over all articles, or per group, straight from the sparse matrix.

    The same numbers as summing :func:`count_terms` per group (``n``) and counting the articles
    with a row (``n_docs``), without building the tidy per-article table in between: what
    :func:`kit.terms.frequencies` needs for a frequency table (it reads ``n_docs`` as document
    counts that add up). ``matrix`` is the articles' document-term matrix when it was counted
    already (``build_corpus(..., count=tokens)`` counts it while reading; its rows must be the
    articles, in order; ``articles`` then needs no text column), else it is counted here.

    Returns
    -------
    DataFrame
        [``group_by``], ``term``, ``n``, ``n_docs`` (int64); one row per group and term with
        ``n > 0``, groups in order of first appearance, terms by code point.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "Y", "X"],
    ...                      "text": ["Trade talks", "trade, trade", "Talks"]})
    >>> group_term_counts(arts, group_by="outlet", tokens=TokenOptions(stopwords=None)).values.tolist()
    [['X', 'talks', 2, 2], ['X', 'trade', 1, 1], ['Y', 'trade', 2, 1]]
    """
    check_columns(articles, [id_col] if matrix is not None else [id_col, text_col], "articles")
    groups = article_groups(articles, as_list(group_by))
    if articles[id_col].duplicated().any():
        raise KitValueError(f"articles has duplicated {id_col!r} values; counts would be ambiguous")
    if matrix is None:
        m = document_term_matrix(articles, tokens=tokens, text_col=text_col, id_col=id_col, n_jobs=n_jobs)
    elif matrix.matrix.shape[0] != len(articles) or list(matrix.doc_ids) != articles[id_col].tolist():
        raise KitValueError(f"matrix has {matrix.matrix.shape[0]} rows that are not the {len(articles)} articles in order")
    else:
        m = matrix
    x = m.matrix.tocsr().astype(np.int64)
    present = x.copy()
    present.data = np.ones_like(present.data)
    if group_by is None:
        n = np.asarray(x.sum(axis=0)).ravel()
        n_docs = np.asarray(present.sum(axis=0)).ravel()
        keep = n > 0
        return pd.DataFrame({"term": m.terms[keep], "n": n[keep].astype(np.int64),
                             "n_docs": n_docs[keep].astype(np.int64)})
    codes, labels = pd.factorize(groups[group_by], use_na_sentinel=False)
    g = sparse.csr_matrix((np.ones(len(codes), dtype=np.int64), (codes, np.arange(len(codes)))),
                          shape=(len(labels), x.shape[0]))
    gn = (g @ x).tocsr()
    gd = (g @ present).tocsr()
    gn.sort_indices()
    gd.sort_indices()
    rows = np.repeat(np.arange(gn.shape[0]), np.diff(gn.indptr))
    return pd.DataFrame({group_by: np.asarray(labels, dtype=object)[rows], "term": m.terms[gn.indices],
                         "n": gn.data.astype(np.int64), "n_docs": gd.data.astype(np.int64)})
