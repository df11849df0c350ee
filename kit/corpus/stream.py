"""Streaming ingest: sources -> a corpus store, written partition by partition, in memory that does not grow with the corpus.

:func:`ingest_store` gives the same store as ``write_store(build_corpus(...))`` (the tests compare
them) without ever holding the corpus: worker processes read the sources (whole files in batches,
large JSONL/CSV exports in byte ranges, :mod:`kit.corpus.split`) and write the rows they make to a
stage file each, returning only what numbering needs (id, content hash, outlet, position: a few
hundred bytes an article). Ids, exact duplicates and inferred outlets are then settled over the whole
corpus (:func:`kit.corpus.ingest.number_articles`, on those small rows), the fingerprint is built from
the per-file hashes, and the stage files are read back one at a time, put through the same
:func:`~kit.corpus.ingest.tabulate` step and written out as partitions (:class:`StoreWriter`).
"""
from __future__ import annotations

import contextlib
import gc
import os
import pickle
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kit.corpus import split
from kit.corpus.ingest import (
    Built,
    Corpus,
    _article_row,
    _process_pool,
    _read_batch,
    _trailer_domains,
    articles_frame,
    make_manifest,
    number_articles,
    paragraphs_frame,
    read_setup,
    report_frame,
    settle,
    typed_column,
)
from kit.corpus.store import PARTITION_SIZE, Store, StoreWriter
from kit.readers import Limits, ReadOptions, Rejection, detect_format, iter_files
from kit.readers.base import ReadError
from kit.schema import Article

#: Sources are read in worker processes once they are larger than this (a smaller corpus is read here).
PARALLEL_BATCH_BYTES = 2_000_000
#: Files sent to a worker at once (at most this many, or about PARALLEL_BATCH_BYTES).
PARALLEL_BATCH_FILES = 64
#: The fields of an article row kept in memory until ids are settled (the rest waits in a stage file).
_KEPT = ("doc_id", "content_hash", "outlet", "source_path", "source_record", "duplicate_of", "published",
         "outlet_source", "source_format")
#: The columns numbering and settling may change after a row was staged (the rest is final when staged).
_SETTLED = ("doc_id", "duplicate_of", "published", "outlet", "outlet_source")


class StoredCorpus(Corpus):
    """A :class:`Corpus` whose articles and paragraphs stay in the store until asked for.

    ``report`` and ``manifest`` are in memory; ``articles`` and ``paragraphs`` are read from the store
    (all partitions) on first use. ``store`` is the :class:`~kit.corpus.store.Store`.
    """

    def __init__(self, store: Store, report: pd.DataFrame, manifest: dict):
        self.store, self.report, self.manifest = store, report, manifest
        self._tables: dict[str, pd.DataFrame] = {}

    def __repr__(self) -> str:
        return f"StoredCorpus({self.store.path!r}, {self.manifest['counts']['articles']} articles)"

    @property
    def articles(self) -> pd.DataFrame:
        """The articles table, read from the store on first use.

        >>> import tempfile, kit
        >>> corpus = kit.ingest(["tests/fixtures/webcopy"], tempfile.mkdtemp() + "/corpus")
        >>> len(corpus.articles)
        2
        """
        if "articles" not in self._tables:
            self._tables["articles"] = self.store.articles()
        return self._tables["articles"]

    @property
    def paragraphs(self) -> pd.DataFrame:
        """The paragraphs table, read from the store on first use.

        >>> import tempfile, kit
        >>> corpus = kit.ingest(["tests/fixtures/webcopy"], tempfile.mkdtemp() + "/corpus")
        >>> sorted(set(corpus.paragraphs["doc_id"])) == sorted(corpus.articles["doc_id"])
        True
        """
        if "paragraphs" not in self._tables:
            self._tables["paragraphs"] = self.store.paragraphs()
        return self._tables["paragraphs"]


@dataclass
class _Chunk:
    """What one task gave back: ``(manifest entry, record)`` pairs in reading order, articles as small
    rows; their full rows wait in ``stage`` (``source_record`` there is to be shifted by ``rec_off``)."""

    records: list = field(default_factory=list)
    stage: str | None = None
    rec_off: int = 0
    counted: tuple | None = None  # the term counts of its articles' texts, when asked (see _count)
    #: with ``columns`` asked (nothing staged): those not kept in the small rows, as a table of its articles
    columns: pd.DataFrame | None = None


def ingest_store(sources, out, *, partition_size: int = PARTITION_SIZE, format: str | None = None,
                 column_map: dict[str, str] | None = None, outlet: str | None = None,
                 drop_duplicates: bool = False, progress: bool | None = None, workers: int | None = None,
                 outlet_from: str | None = None, outlets=None, limits: Limits | None = None, as_of=None) -> StoredCorpus:
    """Read ``sources`` into the store folder ``out`` without holding the corpus in memory.

    Takes the options of :func:`~kit.corpus.ingest.build_corpus` and writes what
    ``write_store(build_corpus(sources, ...), out)`` writes; returns a :class:`StoredCorpus`.

    Examples
    --------
    >>> import tempfile
    >>> c = ingest_store(["tests/fixtures/webcopy"], tempfile.mkdtemp() + "/corpus")
    >>> c.manifest["counts"]["articles"] == len(c.articles) == len(c.store.articles())
    True
    """
    sources, table, options = read_setup(sources, format=format, outlet_from=outlet_from, outlets=outlets,
                                         column_map=column_map, outlet=outlet, limits=limits, as_of=as_of)
    writer = StoreWriter(out, partition_size=partition_size)
    stage = _stage_dir(writer, sources)
    reader = _StreamReader(format, options, stage, progress=progress, workers=workers)
    try:
        skipped: list[str] = []
        reader.read(sources, skipped)
        chunks, entries = reader.chunks, reader.entries
        records = [pair for c in chunks for pair in c.records]
        n_dupes = number_articles(records)
        rows, kept = settle(records, drop_duplicates=drop_duplicates, table=table, outlet_from=outlet_from)
        report = report_frame(rows)
        plans = _plans(chunks, kept)
        counts = _counts(plans)
        _write_partitions(writer, plans, reader.pool)
        manifest = make_manifest(sources, entries, skipped, counts, report, n_dupes=n_dupes, format=format,
                                 column_map=column_map, outlet=outlet, drop_duplicates=drop_duplicates,
                                 outlet_from=outlet_from, outlets=outlets, as_of=options.as_of)
        store = writer.finish(report, manifest)
    except BaseException:
        writer.abort()
        raise
    finally:
        reader.close()
        shutil.rmtree(stage, ignore_errors=True)
    return StoredCorpus(store, report, store.manifest)


def _stage_dir(writer: StoreWriter, sources: list[str]) -> str:
    """A folder for the stage files: beside the store when it is on local disk (the disk the user chose
    for the corpus; the stage files hold about as much as the corpus until they are written out) and
    not inside a source folder being read, else in the system's temporary folder."""
    protocol = writer.fs.protocol if isinstance(writer.fs.protocol, str) else writer.fs.protocol[0]
    if protocol in ("file", "local"):
        parent = os.path.realpath(os.path.dirname(writer.store.root.rstrip("/")) or ".")
        inside = any(os.path.isdir(src) and os.path.commonpath([parent, os.path.realpath(src)]) == os.path.realpath(src)
                     for src in sources)
        if os.path.isdir(parent) and not inside:
            return tempfile.mkdtemp(prefix=".kit-stage-", dir=parent)
    return tempfile.mkdtemp(prefix="kit-ingest-")


class _LightRow:
    """The part of an article row that numbering and settling read and write (``row["doc_id"]`` ...),
    in a few hundred bytes; the full row waits in a stage file. ``first`` holds the values of
    :data:`_SETTLED` as staged, ``n_paras`` the article's number of paragraphs."""

    __slots__ = (*_KEPT, "text", "_inferred", "n_paras", "first")

    def __init__(self, row: dict, n_paras: int):
        for k in _KEPT:
            v = row[k]
            setattr(self, k, sys.intern(v) if k in ("outlet", "source_path", "outlet_source", "source_format")
                    and isinstance(v, str) else v)
        self.text = bool(row["text"])  # numbering only asks whether there is a body
        self.n_paras = n_paras
        self.first = tuple(row[k] for k in _SETTLED)

    def __getitem__(self, key: str):
        return getattr(self, key)

    def __setitem__(self, key: str, value) -> None:
        setattr(self, key, value)

    def __contains__(self, key: str) -> bool:
        return hasattr(self, key)

    def pop(self, key: str, default=None):
        if not hasattr(self, key):
            return default
        value = getattr(self, key)
        delattr(self, key)
        return value


def _light(b: Built) -> Built:
    return Built(_LightRow(b.row, len(b.paras)), (), tuple(b.domains))


def _stage(built: list[Built], stage_dir: str, paragraphs: bool = True) -> str | None:
    """The articles and paragraphs tables of ``built`` (ids not yet settled) in a stage file
    (``paragraphs=False``: an empty paragraphs table)."""
    if not built:
        return None
    tables = (articles_frame([b.row for b in built]), paragraphs_frame(built if paragraphs else []))
    fd, path = tempfile.mkstemp(suffix=".pickle", dir=stage_dir)
    with os.fdopen(fd, "wb") as f:
        pickle.dump(tables, f, protocol=pickle.HIGHEST_PROTOCOL)
    return path


@dataclass
class _Plan:
    """What becomes of one staged chunk: ``keep`` (None: every article; else a mask), the settled
    values of :data:`_SETTLED` columns that changed (``patch``), paragraph counts, and the final
    outlet and format of each kept article (for the manifest's counts)."""

    stage: str
    rec_off: int
    n_paras: list
    keep: list | None
    patch: dict
    outlets: list
    formats: list

    @property
    def n_kept(self) -> int:
        return len(self.outlets)


def _plans(chunks: list[_Chunk], kept: list[bool]) -> list[_Plan]:
    """One :class:`_Plan` per staged chunk, from the settled small rows (``kept``: one flag per article)."""
    flags = iter(kept)
    plans = []
    for chunk in chunks:
        rows = [rec.row for _, rec in chunk.records if isinstance(rec, Built)]
        if chunk.stage is None:
            continue
        keep = [next(flags) for _ in rows]
        patch = {}
        for i, col in enumerate(_SETTLED):
            values = [getattr(r, col) for r in rows]
            if any(v is not r.first[i] and v != r.first[i] for v, r in zip(values, rows)):
                patch[col] = values
        kept_rows = [r for r, k in zip(rows, keep) if k]
        plans.append(_Plan(chunk.stage, chunk.rec_off, [r.n_paras for r in rows], None if all(keep) else keep, patch,
                           [r.outlet for r in kept_rows], [r.source_format for r in kept_rows]))
    return plans


def _counts(plans: list[_Plan]) -> dict:
    """The manifest's article counts, from the plans (as :func:`~kit.corpus.ingest.make_manifest` counts a table)."""
    return _article_counts(sum(p.n_kept for p in plans), [f for p in plans for f in p.formats],
                           [o for p in plans for o in p.outlets])


def _article_counts(n: int, formats: list, outlets: list) -> dict:
    """The manifest's article counts: ``n`` articles, their source formats and outlets (None: unknown)."""
    return {"articles": n, "by_format": Counter(formats),
            "by_outlet": Counter("(unknown)" if o is None else o for o in outlets),
            "no_outlet": sum(o is None for o in outlets)}


def _column(col: str, values: list) -> pd.Series:
    """A column made from Python values as :func:`~kit.corpus.ingest.articles_frame` makes it."""
    return typed_column(col, pd.DataFrame({col: values})[col])


_LOADED: list = [None, None]  # the last chunk assembled in this process: (stage path, paragraphs), tables


def _assemble(plan: _Plan, paragraphs: bool = True) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """A staged chunk's kept articles with their settled values, their paragraphs (empty when not
    wanted) and the paragraphs' offsets (``len(articles) + 1`` of them)."""
    if _LOADED[0] == (plan.stage, paragraphs):
        return _LOADED[1]
    with open(plan.stage, "rb") as f:
        art, para = pickle.load(f)
    if plan.rec_off:
        art["source_record"] += plan.rec_off
    for col, values in plan.patch.items():
        art[col] = _column(col, values)
    n = np.asarray(plan.n_paras, dtype=np.int64)
    if plan.keep is not None:
        keep = np.asarray(plan.keep, dtype=bool)
        art = art[keep].reset_index(drop=True)
        para = para[np.repeat(keep, n)].reset_index(drop=True) if paragraphs else para
        n = n[keep]
    if not paragraphs:
        para = para.iloc[:0]
    elif "doc_id" in plan.patch:
        para["doc_id"] = pd.Series(np.repeat(art["doc_id"].to_numpy(dtype=object), n), dtype=object).astype(str)
    offsets = np.concatenate([[0], np.cumsum(n)])
    _LOADED[:] = [(plan.stage, paragraphs), (art, para, offsets)]
    return art, para, offsets


def stack(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Tables of consecutive parts of a corpus as one, typed as one table made from all their rows
    would be (a column typed differently in two parts, e.g. text in one and no value in the other,
    is typed again from all its values).

    >>> stack([pd.DataFrame({"n": [1]}), pd.DataFrame({"n": [None]})])["n"].dtype  # not object
    dtype('float64')
    """
    full = [f for f in frames if len(f)] or frames[:1]
    if len(full) == 1:
        return full[0].reset_index(drop=True)
    out = pd.concat(full, ignore_index=True)
    for col in out.columns:
        if len({str(f[col].dtype) for f in full}) > 1:
            out[col] = _column(col, [v for f in full for v in f[col].tolist()])
    return out


def assemble_all(plans: list[_Plan], *, paragraphs: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The whole articles and paragraphs tables of the staged chunks (in memory).

    >>> import tempfile
    >>> from kit.corpus.ingest import build_corpus, number_articles, settle
    >>> reader = _read_all(["tests/fixtures/webcopy"], None, ReadOptions(), [], tempfile.mkdtemp(), progress=False,
    ...                    workers=1)
    >>> records = [pair for c in reader.chunks for pair in c.records]
    >>> n_dupes, (rows, kept) = number_articles(records), settle(records)
    >>> arts, paras = assemble_all(_plans(reader.chunks, kept))
    >>> full = build_corpus("tests/fixtures/webcopy")  # the same tables
    >>> arts.equals(full.articles), paras.equals(full.paragraphs)
    (True, True)
    """
    parts = [_assemble(p, paragraphs) for p in plans]
    _LOADED[:] = [None, None]
    arts = stack([a for a, _, _ in parts]) if parts else articles_frame([])
    paras = stack([p for _, p, _ in parts]) if parts and paragraphs else paragraphs_frame([])
    return arts, paras


def light_articles(chunks: list[_Chunk], kept: list[bool], columns: tuple) -> tuple[pd.DataFrame, dict]:
    """The articles table with ``columns`` only and the manifest's article counts, for a read that
    staged nothing (``_read_all(..., columns=...)``): settled values from the small rows, the other
    columns from the tables the tasks kept; typed as :func:`~kit.corpus.ingest.articles_frame` types
    the whole table (``kept``: one flag per article, False for a dropped duplicate).

    >>> import tempfile
    >>> from kit.corpus.ingest import build_corpus, number_articles, settle
    >>> reader = _read_all(["tests/fixtures/webcopy"], None, ReadOptions(), [], tempfile.mkdtemp(), progress=False,
    ...                    workers=1, columns=("doc_id", "outlet"))
    >>> records = [pair for c in reader.chunks for pair in c.records]
    >>> n_dupes, (rows, kept) = number_articles(records), settle(records)
    >>> arts, counts = light_articles(reader.chunks, kept, ("doc_id", "outlet"))
    >>> arts.equals(build_corpus("tests/fixtures/webcopy").articles[["doc_id", "outlet"]]), counts["articles"]
    (True, 2)
    """
    rows = [rec.row for c in chunks for _, rec in c.records if isinstance(rec, Built)]
    kept_rows = [r for r, k in zip(rows, kept) if k]
    other = [c for c in columns if c not in _KEPT]
    if other:
        parts = [c.columns for c in chunks if c.columns is not None]
        table = stack(parts) if parts else articles_frame([])[other]
        if not all(kept):
            table = table[np.asarray(kept, dtype=bool)].reset_index(drop=True)
    data = {col: _column(col, [getattr(r, col) for r in kept_rows]) if col in _KEPT else table[col]
            for col in columns}
    counts = _article_counts(len(kept_rows), [r.source_format for r in kept_rows], [r.outlet for r in kept_rows])
    return pd.DataFrame(data, columns=list(columns)), counts


def _partition_task(tmp_path: str, name: str, pieces: list) -> tuple[int, int]:
    """Write one partition (in a worker process or here) from ``pieces``: ``(plan, first, stop)``
    ranges of kept articles of consecutive chunks."""
    from kit.corpus.store import Store, write_partition

    arts, paras = [], []
    for plan, a, b in pieces:
        art, para, off = _assemble(plan)
        arts.append(art.iloc[a:b])
        paras.append(para.iloc[off[a]:off[b]])
    arts, paras = stack(arts), stack(paras)
    tmp = Store(tmp_path)
    write_partition(tmp.fs, tmp, name, arts, paras)
    return len(arts), len(paras)


def _write_partitions(writer: StoreWriter, plans: list[_Plan], pool) -> None:
    """Every partition of the store (``writer.size`` kept articles each, in order), written by the
    worker processes in parallel when the store is on local disk, else here."""
    specs, cur, room = [], [], writer.size
    for p in plans:
        a = 0
        while a < p.n_kept:
            b = min(p.n_kept, a + room)
            cur.append((p, a, b))
            room -= b - a
            a = b
            if room == 0:
                specs.append(cur)
                cur, room = [], writer.size
    if cur:
        specs.append(cur)
    if not specs:  # an empty corpus: one empty partition
        writer.add(articles_frame([]), paragraphs_frame([]))
        return
    writer.prepare()
    protocol = writer.fs.protocol if isinstance(writer.fs.protocol, str) else writer.fs.protocol[0]
    run_here = pool is None or protocol not in ("file", "local") or len(specs) == 1
    names = [writer.next_name(i) for i in range(len(specs))]
    futs = [_Done(_partition_task(writer.tmp.path, name, spec)) if run_here else
            pool.submit(_partition_task, writer.tmp.path, name, spec) for name, spec in zip(names, specs)]
    _LOADED[:] = [None, None]
    for name, fut in zip(names, futs):
        n_art, n_para = fut.result()
        writer.parts.append({"name": name, "articles": n_art, "paragraphs": n_para})


def _count(built: list[Built], count) -> tuple | None:
    """The term counts of the articles' texts (``count``: the run's token options and id), counted
    by the counting engine with this process's piece table (:mod:`kit.terms.counts`)."""
    if count is None or not built:
        return None
    from kit.terms.counts import _count_chunk, _worker_table

    return _count_chunk([b.row["text"] for b in built], _worker_table(*count))


def _keep(chunk: _Chunk, built: list[Built], stage_dir: str, paragraphs: bool, columns: tuple | None) -> None:
    """What a task keeps of its articles beyond the small rows: their tables in a stage file, or (a
    read that wants only ``columns`` of the articles table, e.g. ``kit terms``) nothing on disk and
    the values of the wanted columns that the small rows do not hold."""
    if columns is None:
        chunk.stage = _stage(built, stage_dir, paragraphs)
        return
    other = [c for c in columns if c not in _KEPT]
    if other and built:  # (a grouping field the small rows do not hold: rare, its table built here)
        chunk.columns = articles_frame([b.row for b in built])[other]


@contextlib.contextmanager
def _gc_paused():
    """The cyclic garbage collector paused for one reading task (and resumed after it, when it was on).

    A task makes hundreds of thousands of short-lived objects (records, rows, pieces) and almost no
    reference cycles, so the collections they set off find nothing to free; they cost about a tenth
    of a task's CPU time. What a cycle holds is freed by the first collection after the task.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _files_task(items: list, format: str | None, options: ReadOptions, stage_dir: str, count=None,
                paragraphs: bool = True, columns: tuple | None = None) -> tuple[list, _Chunk]:
    """Read whole files (in a worker process or here): manifest entries and one chunk (staged, or
    with ``columns`` only the values of those columns: see :func:`_keep`)."""
    with _gc_paused():
        return _read_files_chunk(items, format, options, stage_dir, count, paragraphs, columns)


def _read_files_chunk(items, format, options, stage_dir, count, paragraphs, columns) -> tuple[list, _Chunk]:
    chunk = _Chunk()
    entries, built = [], []
    for entry, recs in _read_batch(items, format, options):
        entries.append(entry)
        for rec in recs:
            if isinstance(rec, Built):
                built.append(rec)
                rec = _light(rec)
            chunk.records.append((entry, rec))
    _keep(chunk, built, stage_dir, paragraphs, columns)
    chunk.counted = _count(built, count)
    return entries, chunk


def _range_task(r: split.Range, fmt: str, path: str, name: str, options: ReadOptions, stage_dir: str, count=None,
                paragraphs: bool = True, columns: tuple | None = None):
    """Read one byte range: ``(chunk, n_lines, header_lines, n_records)`` with numbers local to the
    range (the caller shifts them), or :data:`kit.corpus.split.FALLBACK`."""
    with _gc_paused():
        return _read_range_chunk(r, fmt, path, name, options, stage_dir, count, paragraphs, columns)


def _read_range_chunk(r, fmt, path, name, options, stage_dir, count, paragraphs, columns):
    got = split.read_range(r, fmt, path, name, options)
    if got == split.FALLBACK:
        return got
    recs, n_lines, header_lines = got
    chunk, built = _Chunk(), []
    n_records = 0
    for rec in recs:
        n_records = max(n_records, rec.record if isinstance(rec, Rejection) else rec.source_record or 0)
        if isinstance(rec, Article):
            row, paras = _article_row(rec)
            b = Built(row, paras, sorted(_trailer_domains(rec)))
            built.append(b)
            rec = _light(b)
        chunk.records.append((None, rec))
    _keep(chunk, built, stage_dir, paragraphs, columns)
    chunk.counted = _count(built, count)
    return chunk, n_lines, header_lines, n_records


def _plan_split(item, format: str | None, workers: int = 1, shared: bool = False) -> tuple[str, list, str, int] | None:
    """``(format, ranges, sha256, size)`` when ``item`` is a plain JSONL/CSV file large enough to split:
    ranges of at most about ``split.RANGE_BYTES``, as many as a multiple of ``workers`` (so that the
    workers finish together); for a ``shared`` read (:func:`_read_shared`) at least
    :data:`SHARED_RANGES_PER_PROCESS` per process, so that the processes that claim them finish
    within a small range of each other."""
    from kit.readers import _FileLoader

    if item.size < 2 * split.RANGE_BYTES or not isinstance(item._load, _FileLoader):
        return None
    try:
        with open(item._load.path, "rb") as f:
            head = f.read(65536)
        fmt = format or detect_format(head, item.path, name=item.name)
    except (OSError, ReadError):
        return None
    if not split.splittable_format(head, fmt):
        return None
    n = -(-item.size // split.RANGE_BYTES)
    if shared:
        n = max(n, SHARED_RANGES_PER_PROCESS * max(1, workers))
    n = -(-n // max(1, workers)) * max(1, workers)
    ranges, sha, size = split.plan_ranges(item._load.path, fmt, range_bytes=-(-item.size // n))
    return (fmt, ranges, sha, size) if len(ranges) > 1 else None


def _read_all(sources: list[str], format: str | None, options: ReadOptions, skipped: list[str], stage_dir: str,
              *, progress: bool | None, workers: int | None, count=None, paragraphs: bool = True,
              columns: tuple | None = None) -> _StreamReader:
    """Step 1, streaming: every file read into chunks (``.chunks``, in reading order) and the manifest
    entries (``.entries``); with ``count`` (token options) each chunk's term counts too (``.mapper``);
    with ``columns`` nothing is staged (see :func:`light_articles`)."""
    reader = _StreamReader(format, options, stage_dir, progress=progress, workers=workers, count=count,
                           paragraphs=paragraphs, columns=columns)
    try:
        reader.read(sources, skipped)
    finally:
        reader.close()
    return reader


class _StreamReader:
    """The state of :func:`_read_all`: a process pool (started on first need), the queue of pending
    results in reading order, the small files batched together, and the chunks and manifest entries
    taken so far. Results are taken in reading order, at most ``2 * workers`` ahead."""

    def __init__(self, format, options, stage_dir, *, progress, workers, count=None, paragraphs: bool = True,
                 columns: tuple | None = None):
        self.format, self.options, self.stage_dir = format, options, stage_dir
        self.paragraphs, self.columns = paragraphs, columns
        self.count = self.mapper = None
        if count is not None:  # the terms of every article's text are counted where it is read
            import uuid

            from kit.terms.counts import _TermMapper

            self.count, self.mapper = (count, uuid.uuid4().hex), _TermMapper()
        if progress is None:
            progress = sys.stderr.isatty()
        self.bar = None
        if progress:
            from tqdm import tqdm
            self.bar = tqdm(desc="reading", unit="file")
        self.n = workers if workers is not None else (os.cpu_count() or 1)
        # a read that stages nothing reads a big export with this process taking part (_read_shared)
        self.shared = columns is not None and self.n > 1
        self.pool = None
        self.frozen = False
        self.pending: list = []  # (kind, payload) in reading order
        self.chunks: list[_Chunk] = []
        self.entries: list[dict] = []
        self.batch: list = []
        self.batch_bytes = 0

    def read(self, sources: list[str], skipped: list[str]) -> None:
        """Every file below ``sources`` read into :attr:`chunks` and :attr:`entries` (the pool stays up)."""
        for item in iter_files(sources, skipped=skipped, limits=self.options.limits):  # names; bytes read one at a time
            plan = None if isinstance(item, Rejection) else _plan_split(item, self.format, self.n, self.shared)
            if plan is None:
                self.add_file(item)
            else:
                self.add_split(item, plan)
        self.flush()
        self.drain(keep=0)

    def _task_args(self) -> tuple:
        return self.format, self.options, self.stage_dir, self.count, self.paragraphs, self.columns

    def run(self, func, *args):
        """``func(*args)`` in the pool (started when first needed) or here, as a future.

        The objects of this process are frozen for the garbage collector (``gc.freeze``) before the
        workers are forked, until :meth:`close`: a collection in a worker then never walks the
        modules and tables it inherited (which also spares it copying their memory pages), nor
        does one here while the results come in."""
        if self.pool is None and self.n > 1:
            gc.freeze()
            self.frozen = True
            self.pool = _process_pool(self.n)
        return self.pool.submit(func, *args) if self.pool is not None else _Done(func(*args))

    def _tick(self, k: int) -> None:
        if self.bar is not None:
            self.bar.update(k)

    def _map(self, chunk: _Chunk) -> None:
        """The chunk's term counts in the run's vocabulary (taken in the order the tasks were given,
        which is each worker's order of counting, as the counting engine needs)."""
        if chunk.counted is not None:
            chunk.counted = self.mapper.to_terms(*chunk.counted)

    def take_files(self, fut) -> None:
        es, chunk = fut.result()
        self._map(chunk)
        self.entries.extend(es)
        self.chunks.append(chunk)
        self._tick(len(es))

    def take_split(self, item, entry, futs) -> None:
        results = [f.result() for f in futs]
        for r in results:
            if r != split.FALLBACK:
                self._map(r[0])
        if any(r == split.FALLBACK for r in results):  # read the whole file in one piece instead
            for r in results:
                if r != split.FALLBACK and r[0].stage:
                    os.unlink(r[0].stage)
            self.take_files(self.run(_files_task, [item], *self._task_args()))
            return
        self.entries.append(entry)
        flags = [(entry, Rejection(item.path, note, status="flagged")) for note in item.flags]
        self.chunks.append(_Chunk(records=flags))
        lines = recs = 0
        for chunk, n_lines, header_lines, n_records in results:
            _renumber(chunk, entry, recs, lines - header_lines)
            self.chunks.append(chunk)
            lines += n_lines
            recs += n_records
        self._tick(1)

    def drain(self, keep: int) -> None:
        while len(self.pending) > keep:
            kind, payload = self.pending.pop(0)
            self.take_files(payload) if kind == "files" else self.take_split(*payload)

    def flush(self) -> None:
        if self.batch:
            args = (self.batch, *self._task_args())
            parallel = (self.pool is not None or self.batch_bytes >= PARALLEL_BATCH_BYTES
                        or len(self.batch) >= PARALLEL_BATCH_FILES)
            fut = self.run(_files_task, *args) if parallel else _Done(_files_task(*args))
            self.pending.append(("files", fut))
            self.batch, self.batch_bytes = [], 0
        self.drain(keep=2 * self.n)

    def add_file(self, item) -> None:
        """A file read whole, batched with other small files."""
        self.batch.append(item)
        self.batch_bytes += 0 if isinstance(item, Rejection) else item.size
        if self.batch_bytes >= PARALLEL_BATCH_BYTES or len(self.batch) >= PARALLEL_BATCH_FILES:
            self.flush()

    def add_split(self, item, plan) -> None:
        """A big export read in byte ranges by several workers."""
        self.flush()
        fmt, ranges, sha, size = plan
        entry = {"path": item.path, "sha256": sha, "bytes": size, "format": fmt, "articles": 0, "rejected": 0,
                 "flagged": 0, "_key": item.rel or item.path}
        if self.shared:
            if not self.frozen:
                gc.freeze()  # (see run)
                self.frozen = True
            args = (fmt, item.path, item.name, self.options, self.stage_dir, self.count, self.paragraphs, self.columns)
            results = _read_shared(ranges, args, self.n - 1)
            self.pending.append(("split", (item, entry, [_Done(r) for r in results])))
            self.drain(keep=2 * self.n)
            return
        futs = []
        for r in ranges:
            futs.append(self.run(_range_task, r, fmt, item.path, item.name, self.options, self.stage_dir, self.count,
                                 self.paragraphs, self.columns))
            if len(futs) > 2 * self.n:  # keep the queue short: wait for the oldest range
                futs[-2 * self.n - 1].result()
        self.pending.append(("split", (item, entry, futs)))
        self.drain(keep=2 * self.n)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
        if self.bar is not None:
            self.bar.close()


#: The least number of ranges per process of a shared read (:func:`_read_shared`): the processes end
#: within about one range of each other, so smaller ranges keep the last one from waiting long.
SHARED_RANGES_PER_PROCESS = 8


def _claim(counter, n: int) -> int | None:
    """The next range of a shared read not yet claimed by any of its processes, or None."""
    with counter.get_lock():
        i = counter.value
        if i >= n:
            return None
        counter.value = i + 1
        return i


def _claiming_worker(counter, ranges: list, args: tuple, conn) -> None:
    """A forked process of a shared read: reads the ranges it claims, sending ``("range", index,
    result)`` for each as it is done (a thread of the parent takes it at once), then ``("done",)``,
    or the exception that stopped it."""
    try:
        while (i := _claim(counter, len(ranges))) is not None:
            conn.send(("range", i, _range_task(ranges[i], *args)))
        conn.send(("done",))
    except BaseException as e:  # noqa: BLE001 (sent to the parent, which raises it)
        try:
            conn.send(("error", e))
        except Exception:  # (an exception that cannot be pickled)
            conn.send(("error", RuntimeError(f"{type(e).__name__}: {e}")))
    finally:
        conn.close()


def _read_shared(ranges: list, args: tuple, helpers: int) -> list:
    """The :func:`_range_task` results of every range (in order), read by this process and ``helpers``
    forked ones, each claiming the next unread range when it is free (a shared counter), so they
    finish together whatever each range costs; this process, idle otherwise, reads its share without
    sending it through a pipe. A process keeps the ranges it claimed in order, as the counting
    engine needs (each process numbers its terms in the order it counts them)."""
    import multiprocessing
    import threading

    from kit.compute import pool_start_method  # one rule for every process pool of the kit

    ctx = multiprocessing.get_context(pool_start_method())
    counter = ctx.Value("i", 0)
    procs, got, errors, threads = [], [], [], []
    for _ in range(max(0, helpers)):
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_claiming_worker, args=(counter, ranges, args, send), daemon=True)
        proc.start()
        send.close()
        procs.append(proc)

        def take(conn=recv):  # (a thread per helper: its results are taken as soon as they are sent)
            try:
                while (msg := conn.recv())[0] == "range":
                    got.append(msg[1:])
                if msg[0] == "error":
                    errors.append(msg[1])
            except EOFError:
                errors.append(RuntimeError("a reading process ended without sending its results"))
            finally:
                conn.close()

        threads.append(threading.Thread(target=take, daemon=True))
    for t in threads:
        t.start()
    results: list = [None] * len(ranges)
    try:
        while (i := _claim(counter, len(ranges))) is not None:
            results[i] = _range_task(ranges[i], *args)
    except BaseException:
        with counter.get_lock():  # the helpers stop after the range they are reading
            counter.value = len(ranges)
        raise
    finally:
        for t in threads:
            t.join()
        for proc in procs:
            proc.join()
    if errors:
        raise errors[0]
    for i, r in got:
        results[i] = r
    return results


def _renumber(chunk, entry: dict, record_offset: int, line_offset: int) -> None:
    """Record and line numbers of one byte range shifted to whole-file numbers, tied to the file's entry."""
    for _, rec in chunk.records:
        if isinstance(rec, Built):
            rec.row["source_record"] += record_offset
        else:
            rec.record += record_offset
            if rec.line is not None:
                rec.line += line_offset
    chunk.records = [(entry, rec) for _, rec in chunk.records]
    chunk.rec_off = record_offset


class _Done:
    """A finished result with the interface of a future."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value
