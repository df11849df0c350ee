"""A report's per-row tables read a part at a time: the quotes (and quotation-mark problems) and
the frame hits of a report's articles, never held whole.

The stored ``quotes`` table grows with the corpus (about 11 quotes an article, with their text):
report 04 reads it through :func:`rows`, which gives the table :func:`kit.analyse.table` gives,
in parts of whole articles, in the same order (articles by ``doc_id``, each article's rows as
stored), with only the columns a step needs. The report's summaries are reduced over those parts
(:mod:`kit.quotes.summary`: ``sources_in_parts``, ``top_speakers_in_parts``,
``example_quotes_in_parts``: the same tables as on the whole table), and its per-row files are
written a part at a time (:func:`kit.reporting.save_table_parts`: the same bytes). Report 03
reads its ``frame_hits`` so: the file, the evidence (:func:`kit.analyse.save_frame_evidence`), the
negated hits (:meth:`ArticleRows.rows_with`) and the example draw
(:func:`kit.analyse.evidence_sample`) are made from the parts.

==============================  ==============================================================
:func:`rows`                    an :class:`ArticleRows` of a stored per-article table
:meth:`ArticleRows.parts`       its rows, parts of whole articles, in the table's order
:meth:`ArticleRows.head`        its first rows
:meth:`ArticleRows.save`        its CSV, written a part at a time
:meth:`ArticleRows.rows_with`   its rows whose column is one of some values (the few kept)
:func:`save_speech_acts`        ``speech_acts.csv`` (:func:`kit.quotes.speech_acts` per part)
:func:`quote_sources`           :func:`kit.quotes.sources`
:func:`top_speakers`            :func:`kit.quotes.top_speakers`
:func:`example_quotes`          :func:`kit.quotes.example_quotes`
==============================  ==============================================================
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd

from kit.errors import KitError

#: Rows read from a stored partition at a time (a batch of its Parquet file), at most; a part draws
#: on every partition (the articles are merged by id), so each reads about a part's rows divided by
#: the partitions, at least :data:`MIN_BATCH_ROWS`: what is held stays about a part, not a
#: batch per partition (which would grow with the corpus).
BATCH_ROWS = 2000
MIN_BATCH_ROWS = 200
#: Per-article tables :func:`rows` reads in parts (stored sorted by article id).
ARTICLE_TABLES = ("quotes", "quote_problems", "frame_hits")


def rows(corpus, name: str, *, articles: pd.DataFrame, paragraphs: pd.DataFrame | None = None,
         **options) -> "ArticleRows":
    """The derived table ``name`` (``quotes``, ``quote_problems`` or ``frame_hits``) of ``articles``, to be read a
    part at a time: the table :func:`kit.analyse.table` returns for the same arguments, which a
    corpus store never holds whole (computed into the store first when missing). For a corpus
    that is not a store the table is made in memory (from ``paragraphs``) and its one part is the
    table.

    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> meta = kit.load_corpus(out, paragraphs=False, text=False).articles
    >>> q = rows(out, "quotes", articles=meta)
    >>> pd.concat(q.parts()).equals(kit.analyse.table(out, "quotes", articles=meta)), len(q) > 0
    (True, True)
    """
    if name not in ARTICLE_TABLES:
        raise KitError(f"rows() reads {', '.join(ARTICLE_TABLES)}; use kit.analyse.table for {name!r}")
    return ArticleRows(corpus, name, articles, paragraphs=paragraphs, **options)


class ArticleRows:
    """A per-article derived table of a report's articles (see :func:`rows`); ``len()`` is its rows."""

    def __init__(self, corpus, name: str, articles: pd.DataFrame, *, paragraphs=None, **options):
        from kit.analyse.notebooks import table
        from kit.analyse.waves import ensure
        from kit.compute import reading_mode
        from kit.corpus.store import is_store

        self.corpus, self.name, self.articles = corpus, name, articles
        self._whole = self._handle = None
        if not is_store(corpus):
            self._whole = table(corpus, name, articles=articles, paragraphs=paragraphs, **options)
            return
        self._handle = ensure(corpus, name, mode=reading_mode(), **options)
        self._plan = self._article_plan()

    def _article_plan(self) -> pd.DataFrame:
        """``doc_id, part, n``: the articles with rows, in the table's order (by ``doc_id``, as the
        whole table is sorted when read), the stored partition holding them and their rows."""
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        from kit.analyse.storage import _restore_dtypes

        h = self._handle
        # one set of the wanted ids, looked up row by row (a pyarrow is_in would hash all the wanted
        # ids again for every partition and every batch: a cost of articles x partitions)
        self._ids = frozenset(pd.unique(self.articles["doc_id"].astype(str)).tolist())
        self._every_row = set()  # the partitions all of whose rows are wanted: read without a filter
        frames = []
        for i, p in enumerate(h.meta["partitions"]):
            with h.store.fs.open(f"{h.path}/{p['name']}.parquet", "rb") as f:
                ids = pq.read_table(f, columns=["doc_id"])["doc_id"]
            ids = pc.cast(ids, pa.string())  # (a partition without rows may store a null-typed column)
            counts = pc.value_counts(ids)  # in order of first appearance (the stored order)
            values = counts.field("values").to_pylist()
            wanted = _wanted(values, self._ids)
            if not wanted.any():
                continue
            if wanted.all():
                self._every_row.add(i)
            frames.append(pd.DataFrame({"doc_id": [v for v, w in zip(values, wanted) if w], "part": i,
                                        "n": counts.field("counts").to_numpy().astype("int64")[wanted]}))
        plan = (pd.concat(frames, ignore_index=True) if frames
                else pd.DataFrame({"doc_id": pd.Series(dtype=object), "part": pd.Series(dtype="int64"),
                                   "n": pd.Series(dtype="int64")}))
        plan = _restore_dtypes(plan, {"doc_id": h.meta.get("dtypes", {}).get("doc_id", "object")})
        if plan["doc_id"].duplicated().any():
            raise KitError(f"{h.path}: article {plan.loc[plan['doc_id'].duplicated(), 'doc_id'].iloc[0]!r} has rows "
                           "in two partitions (or apart in one); compute the table again (kit analyse --recompute)")
        return plan.sort_values("doc_id", kind="stable").reset_index(drop=True)

    def __len__(self) -> int:
        return len(self._whole) if self._whole is not None else int(self._plan["n"].sum())

    def parts(self, columns: list[str] | None = None, rows: int | None = None) -> Iterator[pd.DataFrame]:
        """The table's rows (``columns`` only; ``doc_id`` is always read), in parts of whole articles
        of about ``rows`` rows (default :data:`kit.reporting.CSV_CHUNK_ROWS`) in the table's
        order; concatenated they are the whole table. At least one part (empty when the table is).

        >>> import tempfile, kit
        >>> out = tempfile.mkdtemp() + "/corpus"
        >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
        >>> meta = kit.load_corpus(out, paragraphs=False, text=False).articles
        >>> q = rows(out, "quotes", articles=meta)
        >>> [list(part.columns) for part in q.parts(["speaker"])]
        [['doc_id', 'speaker']]
        >>> pd.concat(q.parts(rows=1)).equals(kit.analyse.table(out, "quotes", articles=meta))
        True
        """
        from kit.reporting import CSV_CHUNK_ROWS

        if self._whole is not None:
            yield self._whole if columns is None else self._whole[[c for c in self._whole.columns if c in
                                                                   set(columns) | {"doc_id"}]]
            return
        h = self._handle
        cols = None if columns is None else [c for c in h.meta["dtypes"] if c in set(columns) | {"doc_id"}]
        plan = self._plan
        if not len(plan):
            yield self._empty(cols)
            return
        rows = int(rows or CSV_CHUNK_ROWS)
        readers: dict = {}
        try:
            yield from self._merged(plan, rows, cols, readers)
        finally:
            for r in readers.values():
                r.close()

    def _merged(self, plan: pd.DataFrame, rows: int, cols, readers: dict) -> Iterator[pd.DataFrame]:
        h = self._handle
        batch = min(BATCH_ROWS, max(MIN_BATCH_ROWS, rows // max(1, plan["part"].nunique())))
        ends = np.cumsum(plan["n"].to_numpy())

        def reader(k: int) -> _Batches:
            return _Batches(h, h.meta["partitions"][k]["name"], None if k in self._every_row else self._ids, cols, batch)

        start = 0
        while start < len(plan):  # a part: the articles up to about ``rows`` rows (one at least)
            before = ends[start - 1] if start else 0
            stop = max(start + 1, int(np.searchsorted(ends, before + rows, side="right")))
            chunk = plan.iloc[start:stop]
            labels = np.repeat(chunk["part"].to_numpy(), chunk["n"].to_numpy())
            out = _gather(labels, readers, reader, h.meta.get("dtypes", {}))
            want = np.repeat(chunk["doc_id"].to_numpy(), chunk["n"].to_numpy())
            if not np.array_equal(out["doc_id"].to_numpy(dtype=object), want.astype(object)):
                raise KitError(f"{h.path}: a partition's rows are not sorted by article id; compute the table "
                               "again (kit analyse --recompute)")
            yield out
            start = stop

    def _empty(self, cols) -> pd.DataFrame:
        from kit.analyse.storage import _restore_dtypes

        dtypes = self._handle.meta.get("dtypes", {})
        names = cols if cols is not None else list(dtypes)
        if not names:  # no partition at all: the whole (empty) table as read
            return self._handle.read()
        empty = pd.DataFrame({c: pd.Series(dtype=object) for c in names})
        return _restore_dtypes(empty, {c: dtypes[c] for c in names})

    def head(self, n: int = 5, columns: list[str] | None = None) -> pd.DataFrame:
        """The table's first ``n`` rows (``columns`` only), reading only as far as they go.

        >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ['"We will win," said Ana Ruiz.', '"No," said Bo Li.']})
        >>> paras = arts.assign(para_no=0, role="body")
        >>> rows("not/a/store", "quotes", articles=arts, paragraphs=paras).head(1, columns=["speaker"])
          doc_id   speaker
        0      a  Ana Ruiz
        """
        got, have = [], 0
        for part in self.parts(columns, rows=n):
            got.append(part)
            have += len(part)
            if have >= n:
                break
        out = pd.concat(got, ignore_index=True) if len(got) > 1 else got[0]
        return out.head(n).reset_index(drop=True)

    def save(self, output_dir: str | os.PathLike, file_name: str | None = None) -> Path:
        """Write the table to ``output_dir/<file_name>.csv`` (default: the table's name) a part at a
        time: the file :func:`kit.save_table` writes for the whole table; returns its path.

        >>> import tempfile
        >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ['"We will win," said Ana Ruiz.', '"No," said Bo Li.']})
        >>> paras = arts.assign(para_no=0, role="body")
        >>> path = rows("not/a/store", "quotes", articles=arts, paragraphs=paras).save(tempfile.mkdtemp())
        >>> path.name, pd.read_csv(path)["speaker"].tolist()
        ('quotes.csv', ['Ana Ruiz', 'Bo Li'])
        """
        from kit.reporting import save_table_parts

        return save_table_parts(self.parts(), output_dir, file_name or self.name)

    def rows_with(self, column: str, values) -> pd.DataFrame:
        """Its rows whose ``column`` is one of ``values`` (read a part at a time, only those kept):
        :func:`kit.reporting.rows_with` of the whole table, numbered from 0.

        >>> import tempfile, kit
        >>> out = tempfile.mkdtemp() + "/corpus"
        >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
        >>> meta = kit.load_corpus(out, paragraphs=False, text=False).articles
        >>> q = rows(out, "quotes", articles=meta)
        >>> whole = kit.analyse.table(out, "quotes", articles=meta)
        >>> q.rows_with("kind", ["direct"]).equals(whole[whole["kind"] == "direct"].reset_index(drop=True))
        True
        """
        from kit.reporting import rows_with

        kept = [rows_with(part, column, values) for part in self.parts()]
        return pd.concat(kept, ignore_index=True) if len(kept) > 1 else kept[0].reset_index(drop=True)


class _Batches:
    """The rows of one partition of a stored table for some articles, taken a few at a time in their
    stored order: one Parquet batch (``batch_rows`` rows) is read and held at a time. ``ids``: the
    articles' ids (a frozenset of strings), None for every row."""

    def __init__(self, handle, part: str, ids: frozenset | None, columns=None, batch_rows: int = BATCH_ROWS, *,
                 fewer: str = "counted; compute the table again"):
        self.path, self.ids, self.dtypes = f"{handle.path}/{part}.parquet", ids, handle.meta.get("dtypes", {})
        self.fewer = fewer  # the end of the error when the partition holds fewer rows than are taken
        self.file = handle.store.fs.open(self.path, "rb")
        import pyarrow.parquet as pq

        self.batches = pq.ParquetFile(self.file).iter_batches(batch_size=batch_rows, columns=columns)
        self.buf = None

    def take(self, k: int) -> pd.DataFrame:
        """The next ``k`` stored rows of the articles, in their stored order."""
        return self._frame(self.take_table(k))

    def take_table(self, k: int):
        """:meth:`take` as an Arrow table (slices of the batches read, not copied)."""
        import pyarrow as pa

        pieces = []
        while k > 0:
            if not self._fill():
                raise KitError(f"{self.path}: fewer stored rows than {self.fewer}")
            piece = self.buf.slice(0, k)
            self.buf = self.buf.slice(piece.num_rows)
            pieces.append(piece)
            k -= piece.num_rows
        return pa.Table.from_batches(pieces)

    def left(self) -> pd.DataFrame | None:
        """The next stored row of the articles not taken yet (None when every one was taken)."""
        return self._frame(self.buf.slice(0, 1)) if self._fill() else None

    def _fill(self) -> bool:
        """Read batches until one holds rows of the articles not taken yet (False at the end)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        while self.buf is None or not self.buf.num_rows:
            batch = next(self.batches, None)
            if batch is None:
                return False
            if self.ids is not None:  # a lookup per row in the set made once (its cost follows the batch)
                batch = batch.filter(pa.array(_wanted(pc.cast(batch["doc_id"], pa.string()).to_pylist(), self.ids)))
            self.buf = batch
        return True

    def _frame(self, table) -> pd.DataFrame:
        from kit.analyse.storage import _restore_dtypes

        return _restore_dtypes(table.to_pandas(), self.dtypes)

    def close(self) -> None:
        self.file.close()


def _wanted(ids: list, wanted: frozenset) -> np.ndarray:
    """Which of ``ids`` (strings) are in ``wanted``: a lookup per id in a set made once (a pyarrow
    ``is_in`` would hash all the wanted ids again at every call: a cost of articles x batches)."""
    return np.fromiter((i in wanted for i in ids), dtype=bool, count=len(ids))


def _gather(labels: np.ndarray, readers: dict, reader, dtypes: dict) -> pd.DataFrame:
    """The next rows of a part, row ``j`` taken from stored partition ``labels[j]``: each partition's
    rows from its :class:`_Batches` (``readers[k]``, opened with ``reader(k)`` when first needed) in
    their stored order, put back in the part's order. The pieces stay Arrow until the part is whole:
    one conversion to pandas per part, not one per batch (the batches get smaller as the partitions
    grow in number)."""
    import pyarrow as pa

    from kit.analyse.storage import _restore_dtypes

    order = np.argsort(labels, kind="stable")  # the part's rows grouped by partition, in order
    kinds, counts = np.unique(labels[order], return_counts=True)
    pieces = []
    for k, c in zip(kinds.tolist(), counts.tolist()):
        if k not in readers:
            readers[k] = reader(k)
        pieces.append(readers[k].take_table(c))
    both = pa.concat_tables(pieces, promote_options="permissive") if len(pieces) > 1 else pieces[0]
    both = both.take(pa.array(np.argsort(order, kind="stable")))  # back in the part's order
    return _restore_dtypes(both.to_pandas(), dtypes)


# -- report 04's summaries, reduced over the parts ------------------------------------------------
#: Columns each summary reads (``doc_id`` always).
SOURCE_COLUMNS = ["kind", "speaker", "n_words"]  # (not the quotes' text: a quote is counted by its row)


def save_speech_acts(quotes: ArticleRows, output_dir: str | os.PathLike, file_name: str = "speech_acts", *,
                     head: int = 12) -> tuple[pd.DataFrame, int]:
    """Write :func:`kit.quotes.speech_acts` of ``quotes`` to ``output_dir/<file_name>.csv``, made a
    part of whole articles at a time (an act never spans articles, so the parts' acts are the
    table's, in its order); the file :func:`kit.save_table` writes for the whole table. Returns the
    first ``head`` acts and the number of acts.

    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> meta = kit.load_corpus(out, paragraphs=False, text=False).articles
    >>> first, n = save_speech_acts(rows(out, "quotes", articles=meta), tempfile.mkdtemp())
    >>> n == len(kit.quotes.speech_acts(kit.analyse.table(out, "quotes", articles=meta)))
    True
    """
    from kit.quotes import speech_acts
    from kit.reporting import save_table_parts

    state = {"n": 0, "head": []}

    def acts():
        for part in quotes.parts():
            a = speech_acts(part)
            state["n"] += len(a)
            if sum(len(h) for h in state["head"]) < head:
                state["head"].append(a.head(head))
            yield a

    save_table_parts(acts(), output_dir, file_name)
    first = pd.concat(state["head"], ignore_index=True) if len(state["head"]) > 1 else state["head"][0]
    return first.head(head).reset_index(drop=True), state["n"]


def quote_sources(quotes: ArticleRows, *, group_by: str | None = "doc_id", by: str | None = None,
                  **options) -> pd.DataFrame:
    """:func:`kit.quotes.sources` of ``quotes`` and its articles, summed over the parts (the columns
    it needs only); the same table.

    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> meta = kit.load_corpus(out, paragraphs=False, text=False).articles
    >>> q = rows(out, "quotes", articles=meta)
    >>> quote_sources(q, group_by="outlet").equals(
    ...     kit.quotes.sources(kit.analyse.table(out, "quotes", articles=meta), meta, group_by="outlet"))
    True
    """
    from kit.quotes.summary import sources_in_parts

    cols = SOURCE_COLUMNS + ([by] if by else [])
    return sources_in_parts(quotes.parts(cols), quotes.articles, group_by=group_by, by=by, **options)


def top_speakers(quotes: ArticleRows, *, group_by: str | None = "outlet", n: int = 10, **options) -> pd.DataFrame:
    """:func:`kit.quotes.top_speakers` of ``quotes`` and its articles, reduced over the parts; the
    same table.

    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> meta = kit.load_corpus(out, paragraphs=False, text=False).articles
    >>> top_speakers(rows(out, "quotes", articles=meta), n=2).equals(
    ...     kit.quotes.top_speakers(kit.analyse.table(out, "quotes", articles=meta), meta, n=2))
    True
    """
    from kit.quotes.summary import top_speakers_in_parts

    return top_speakers_in_parts(quotes.parts(SOURCE_COLUMNS + ["speaker_type", "side"]), quotes.articles,
                                 group_by=group_by, n=n, **options)


def example_quotes(quotes: ArticleRows, *, group_by: str | None = "outlet", n: int = 3, seed: int = 0,
                   **options) -> pd.DataFrame:
    """:func:`kit.quotes.example_quotes` of ``quotes`` and its articles: the same seeded sample,
    drawn in two passes over the parts (the rows' count, then the drawn rows); the same table.

    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> meta = kit.load_corpus(out, paragraphs=False, text=False).articles
    >>> example_quotes(rows(out, "quotes", articles=meta), n=2, seed=1).equals(
    ...     kit.quotes.example_quotes(kit.analyse.table(out, "quotes", articles=meta), meta, n=2, seed=1))
    True
    """
    from kit.quotes.summary import example_quotes_in_parts

    return example_quotes_in_parts(quotes.parts, quotes.articles, group_by=group_by, n=n, seed=seed, **options)


__all__ = ["rows", "ArticleRows", "save_speech_acts", "quote_sources", "top_speakers", "example_quotes"]
