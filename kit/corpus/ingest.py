"""Sources -> the articles and paragraphs tables, a manifest and an ingest report (in memory).

:func:`build_corpus` runs four named steps: :func:`read_files` (files read and turned into rows,
in parallel worker processes for a large corpus), :func:`number_articles` (unique ids, exact
duplicates, inferred outlets), :func:`tabulate` (flags and tables in reading order) and
:func:`make_manifest` (counts and fingerprint). Writing and reading the store is
:mod:`kit.corpus.store`.
"""
from __future__ import annotations

import datetime
import hashlib
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from kit import __version__, newsclean
from kit.errors import KitError
from kit.readers import Limits, ReadOptions, Rejection, check_format, iter_files, read_file
from kit.readers.outlets import load_outlet_table, normalise_outlet, outlet_for_path
from kit.schema import ARTICLE_COLUMNS, PARAGRAPH_COLUMNS, Article, content_hash, make_doc_id
from kit.text import count_words_many

REPORT_COLUMNS = ["source_path", "line", "record", "status", "reason", "doc_id"]
_LIST_COLUMNS = ("authors", "contributors", "headings", "related")


@dataclass
class Corpus:
    """An articles table, its paragraphs, the ingest report and the manifest.

    Attributes
    ----------
    articles : DataFrame with the columns of ``kit.schema.ARTICLE_COLUMNS``
    paragraphs : DataFrame with ``doc_id, para_no, role, text``
    report : DataFrame with ``source_path, line, record, status, reason, doc_id``: every
        rejected (not an article) or flagged (an article with a warning) input
    manifest : dict with ``kit_version``, ``inputs`` (as given), ``sources`` (path, sha256, bytes,
        format, articles, rejected, flagged), ``skipped`` (hidden and system files not read, relative
        to their input folder), ``counts`` and ``fingerprint`` (a sha256 of every source's path
        relative to its input root and its content hash, plus the kit version and reading options:
        the same wherever the corpus sits)
    """

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    report: pd.DataFrame
    manifest: dict = field(default_factory=dict)
    #: the document-term matrix of ``articles`` when ``build_corpus(..., count=...)`` counted it (else None)
    term_matrix: object = field(default=None, repr=False, compare=False)

    def summary(self) -> str:
        """One paragraph saying what was read, written and rejected.

        >>> from kit.corpus import load_corpus
        >>> load_corpus("tests/fixtures/webcopy").summary().split(".")[0]
        '2 files seen: 2 read, 0 rejected'
        """
        c = self.manifest.get("counts", {})
        return (f"{c.get('files_seen', 0)} files seen: {c.get('files_read', 0)} read, "
                f"{c.get('files_rejected', 0)} rejected. {c.get('articles', 0)} articles written "
                f"({c.get('duplicates', 0)} exact duplicates {'dropped' if c.get('duplicates_dropped') else 'flagged'}), "
                f"{c.get('records_rejected', 0)} records rejected, {c.get('flagged', 0)} flags."
                + (f" {c['files_skipped']} hidden or system files skipped." if c.get("files_skipped") else "")
                + (f" {c['no_outlet']} articles have no outlet (per-outlet reports leave them out; see --outlet-from"
                   " and --outlets)." if c.get("no_outlet") else ""))


def read_setup(sources, *, format, outlet_from, outlets, column_map, outlet, limits, as_of=None):
    """The checked inputs of a read (shared by :func:`build_corpus` and the streaming ingest):
    ``(sources as a list of str, the outlet table or None, ReadOptions)``; raises for an unknown
    format or ``outlet_from``, or an ``as_of`` that is no day. ``as_of`` is parsed here, once: the
    options carry the ingest day as a UTC Timestamp at midnight (``ingest_day(as_of).normalize()``),
    which the readers use as it is.

    >>> sources, table, options = read_setup(["tests/fixtures/webcopy"], format=None, outlet_from=None,
    ...                                      outlets=None, column_map=None, outlet=None, limits=None)
    >>> sources, table, type(options).__name__
    (['tests/fixtures/webcopy'], None, 'ReadOptions')
    """
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    sources = [str(s) for s in sources]
    check_format(format)
    if outlet_from not in (None, "folder"):
        raise KitError(f"unknown outlet_from {outlet_from!r} (choose from: folder)")
    table = load_outlet_table(outlets) if outlets is not None else None
    if as_of is not None:
        from kit.readers.dates import ingest_day

        try:
            as_of = ingest_day(as_of).normalize()
        except ValueError as e:
            raise KitError(str(e)) from None
    options = ReadOptions(column_map=dict(column_map or {}), outlet=outlet, outlet_table=table, limits=limits or Limits(),
                          as_of=as_of)
    return sources, table, options


def build_corpus(sources: Iterable[str | os.PathLike] | str | os.PathLike, *, format: str | None = None,
                 column_map: dict[str, str] | None = None, outlet: str | None = None,
                 drop_duplicates: bool = False, progress: bool | None = None,
                 workers: int | None = None, outlet_from: str | None = None,
                 outlets: str | os.PathLike | None = None, limits: Limits | None = None,
                 split: bool = True, paragraphs: bool = True, count=None, columns: list[str] | None = None,
                 as_of=None) -> Corpus:
    """Read every source into a :class:`Corpus` (in memory; nothing is written).

    Parameters
    ----------
    sources : files, folders (read recursively) and ``.zip`` archives
    format : force one reader (see ``kit.readers.formats()``); detected per file by default
    column_map : for CSV/JSONL exports, article field -> column name (``{"text": "body"}``)
    outlet : outlet name for sources that do not say it
    drop_duplicates : drop exact duplicates (same normalised body text) instead of flagging them
    progress : show a progress bar (default: when stderr is a terminal)
    limits : how far archives and documents may expand (``kit.readers.Limits``); files over them are
        rejected with the reason
    workers : processes that read files in parallel (default: one per core once the sources are
        larger than :data:`PARALLEL_BATCH_BYTES`; 1 reads in this process). The tables do not depend on it.
    outlet_from : ``"folder"``: an article whose source names no outlet gets the name of the folder its file sits in
    outlets : a CSV file (columns ``match,outlet``) extending the bundled outlet table: domains and name
        variants -> canonical names, and path patterns (``guardian/*``) -> the outlet of plain files
    split : read a JSONL/CSV export larger than 16 MB in byte ranges, by several processes (as
        :mod:`kit.corpus.stream` does); False reads every file in one piece. The tables do not depend on it.
    paragraphs : False leaves the paragraphs table empty (its columns only): for an analysis of
        article text alone (``kit terms``, ``keyness``, ``frames``); the other tables are the same.
    count : :class:`kit.text.TokenOptions`: also count the terms of every article's text, in the
        processes that read them, into ``corpus.term_matrix`` (a
        :class:`kit.terms.counts.DocumentTermMatrix`, rows in the order of ``corpus.articles``: the
        matrix ``document_term_matrix(corpus.articles, tokens=count)`` gives, without a second pass).
    columns : only these columns of the articles table (None: all). A split read then keeps nothing
        of the articles on disk (``kit terms`` reads an export for its counts and one grouping column);
        the values are those of the whole table.
    as_of : the ingest day (``"2024-03-02"``, a date): a date after it is set aside and flagged, as
        one after today is by default (None). Giving it makes a later re-ingest read the same dates;
        it is recorded in the manifest (``ingest_day``, ``as_of``) and, when given, in the fingerprint.

    Notes
    -----
    ``doc_id`` is made from what the source itself says (outlet, title, date, body as read),
    before the kit fills anything in: a date taken from the file name and an outlet inferred
    from another article's contact address go into the ``published`` / ``outlet`` columns and
    are flagged in the report, but do not change the id. Articles with the same id get ``-2``,
    ``-3`` ... and exact duplicates (same body) point at the first one in ``duplicate_of``; "first"
    means first by path relative to the input root, then record number (never the order of the
    arguments). ``source_path`` is relative to the input folder a file was found under (a file
    given directly keeps the path as given), so tables made from two copies of a corpus match.

    The work is done in named steps: :func:`read_files` (parallel), :func:`number_articles`
    (ids and duplicates), :func:`tabulate` (flags and tables) and :func:`make_manifest`.

    Examples
    --------
    >>> c = build_corpus("tests/fixtures/webcopy/full_article.txt")
    >>> a = c.articles.iloc[0]
    >>> a.outlet, int(a.read_time_minutes), a.contributors
    ('Harbor Street Weekly', 7, ['Mara Quint', 'Felix Oduya', 'Sun Jiahui'])
    """
    sources, table, options = read_setup(sources, format=format, outlet_from=outlet_from, outlets=outlets,
                                         column_map=column_map, outlet=outlet, limits=limits, as_of=as_of)
    if columns is not None:
        unknown = [c for c in columns if c not in ARTICLE_COLUMNS]
        if unknown:
            raise KitError(f"unknown article column(s) {unknown}; choose from {list(ARTICLE_COLUMNS)}")
    skipped: list[str] = []
    if split:
        read = _read_tables(sources, format, options, skipped, progress=progress, workers=workers,
                            drop_duplicates=drop_duplicates, table=table, outlet_from=outlet_from,
                            paragraphs=paragraphs, count=count, columns=columns)
        art_df, para_df, rep_df, manifest_sources = read.articles, read.paragraphs, read.report, read.sources
        n_dupes, matrix, counts = read.n_dupes, read.matrix, read.counts
    else:
        files = read_files(sources, format=format, options=options, skipped=skipped, progress=progress, workers=workers)
        records = [(entry, rec) for entry, recs in files for rec in recs]
        manifest_sources = [entry for entry, _ in files]
        n_dupes = number_articles(records)
        art_df, para_df, rep_df = tabulate(records, drop_duplicates=drop_duplicates, table=table,
                                           outlet_from=outlet_from, paragraphs=paragraphs)
        matrix = None
        if count is not None:
            from kit.terms.counts import document_term_matrix

            matrix = document_term_matrix(art_df, tokens=count)
        counts = art_df
    manifest = make_manifest(sources, manifest_sources, skipped, counts, rep_df, n_dupes=n_dupes, format=format,
                             column_map=column_map, outlet=outlet, drop_duplicates=drop_duplicates,
                             outlet_from=outlet_from, outlets=outlets, as_of=options.as_of)
    if columns is not None:
        art_df = art_df[list(columns)]
    return Corpus(art_df, para_df, rep_df, manifest, term_matrix=matrix)


@dataclass
class _Read:
    """What :func:`_read_tables` read: the three tables, the manifest's file entries, the exact
    duplicates, the term matrix (None without ``count``) and what the manifest counts the articles
    from (the articles table, or its counts when only some columns were built)."""

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    report: pd.DataFrame
    sources: list[dict]
    n_dupes: int
    matrix: object
    counts: pd.DataFrame | dict


def _read_tables(sources: list[str], format: str | None, options: ReadOptions, skipped: list[str], *,
                 progress: bool | None, workers: int | None, drop_duplicates: bool, table, outlet_from: str | None,
                 paragraphs: bool, count=None, columns=None) -> _Read:
    """Steps 1 to 3 as the streaming ingest does them (:mod:`kit.corpus.stream`): files read in
    worker processes (a large JSONL/CSV export in byte ranges read by several of them), each part
    tabulated where it was read; ids, duplicates and flags settled on the few fields numbering needs;
    the parts' tables put together: a :class:`_Read` of the tables :func:`read_files`,
    :func:`number_articles` and :func:`tabulate` give, and with ``count`` (token options) the
    document-term matrix of the articles (:class:`kit.terms.counts.DocumentTermMatrix`, rows in
    article order), counted by the processes that read them. With ``columns``, nothing is staged
    and the articles table holds those columns only."""
    import shutil
    import tempfile

    from kit.corpus.stream import _plans, _read_all, assemble_all, light_articles

    stage = tempfile.mkdtemp(prefix="kit-read-")
    matrix = None
    # (doc_id always: the matrix's rows are named by it)
    want = None if columns is None else tuple(dict.fromkeys(("doc_id", *columns)))
    try:
        reader = _read_all(sources, format, options, skipped, stage, progress=progress, workers=workers, count=count,
                           paragraphs=paragraphs, columns=want)
        chunks, entries = reader.chunks, reader.entries
        records = [pair for c in chunks for pair in c.records]
        n_dupes = number_articles(records)
        rows, kept = settle(records, drop_duplicates=drop_duplicates, table=table, outlet_from=outlet_from)
        if columns is None:
            art_df, para_df = assemble_all(_plans(chunks, kept), paragraphs=paragraphs)
            counts = art_df
        else:
            (art_df, counts), para_df = light_articles(chunks, kept, want), paragraphs_frame([])
        if count is not None:
            from kit.terms.counts import _WORKER_TABLE, _PendingMatrix

            _WORKER_TABLE.clear()  # (a part counted in this process)
            # assembled on first use (``kit terms`` without --by only adds its counts up)
            matrix = _PendingMatrix(reader.mapper, [c.counted for c in chunks if c.counted is not None],
                                    None if all(kept) else np.asarray(kept, dtype=bool),
                                    art_df["doc_id"].to_numpy(dtype=object))
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return _Read(art_df, para_df, report_frame(rows), entries, n_dupes, matrix, counts)


#: Sources are read in worker processes once they are larger than this (a smaller corpus is read here).
PARALLEL_BATCH_BYTES = 2_000_000
#: Files sent to a worker at once (at most this many, or about PARALLEL_BATCH_BYTES).
PARALLEL_BATCH_FILES = 64


@dataclass
class Built:
    """One article as a worker returns it: its row (id not yet made unique), paragraphs and the
    e-mail domains of its trailer (for :func:`infer_outlets`)."""

    row: dict
    paras: list
    domains: list


def read_files(sources: list[str], *, format: str | None, options: ReadOptions, skipped: list[str],
               progress: bool | None = None, workers: int | None = None) -> list[tuple[dict, list]]:
    """Step 1: every file below ``sources`` read into ``(manifest entry, [Built | Rejection, ...])``.

    Files are read (and their articles turned into rows) in worker processes when the sources are
    large enough; results come back in the order of :func:`kit.readers.iter_files` either way.

    >>> from kit.readers.base import ReadOptions
    >>> files = read_files(["tests/fixtures/webcopy"], format=None, options=ReadOptions(), skipped=[])
    >>> [(entry["path"], [type(rec).__name__ for rec in recs]) for entry, recs in files]
    [('full_article.txt', ['Built']), ('minimal.txt', ['Built'])]
    """
    if progress is None:
        progress = sys.stderr.isatty()
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(desc="reading", unit="file")
    pool, pending, out = None, [], []
    batch: list = []
    batch_bytes = 0

    def collect(keep: int) -> None:
        while len(pending) > keep:
            res = pending.pop(0)
            res = res.result() if hasattr(res, "result") else res
            out.extend(res)
            if bar is not None:
                bar.update(len(res))

    def submit(items: list) -> None:
        nonlocal pool
        n = workers if workers is not None else (os.cpu_count() or 1)
        if pool is None and n > 1 and (batch_bytes >= PARALLEL_BATCH_BYTES or len(items) >= PARALLEL_BATCH_FILES):
            pool = _process_pool(n)
        if pool is not None:
            pending.append(pool.submit(_read_batch, items, format, options))
            collect(keep=2 * n)
        else:
            pending.append(_read_batch(items, format, options))
            collect(keep=0)

    try:
        for item in iter_files(sources, skipped=skipped, limits=options.limits):  # names; bytes read one at a time
            if isinstance(item, Rejection):
                batch.append(item)
            else:
                batch.append(item)
                batch_bytes += item.size
            if batch_bytes >= PARALLEL_BATCH_BYTES or len(batch) >= PARALLEL_BATCH_FILES:
                submit(batch)
                batch, batch_bytes = [], 0
        if batch:
            submit(batch)
        collect(keep=0)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()
    return out


def _process_pool(n: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from kit.compute import pool_start_method  # one rule for every process pool of the kit

    return ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context(pool_start_method()))


def _read_batch(items: list, format: str | None, options: ReadOptions) -> list[tuple[dict, list]]:
    """Read a batch of files (in a worker process or here): manifest entries and their records."""
    out = []
    for item in items:
        if isinstance(item, Rejection):
            entry = {"path": item.source_path, "sha256": None, "bytes": None, "format": None,
                     "articles": 0, "rejected": 0, "flagged": 0}
            entry["_key"] = os.path.basename(item.source_path) if os.path.isabs(item.source_path) else item.source_path
            out.append((entry, [item]))
            continue
        try:
            data = item.read()
        except Exception:  # read_file turns the failure into a rejection naming it
            data = None
        entry = {"path": item.path, "sha256": None if data is None else hashlib.sha256(data).hexdigest(),
                 "bytes": None if data is None else len(data), "format": None, "articles": 0, "rejected": 0,
                 "flagged": 0}
        recs: list = []
        for fmt, rec in read_file(item, format=format, options=options, data=data):
            entry["format"] = entry["format"] or fmt or None
            if isinstance(rec, Article):
                row, paras = _article_row(rec)
                rec = Built(row, paras, sorted(_trailer_domains(rec)))
            recs.append(rec)
        entry["_key"] = item.rel or item.path
        out.append((entry, recs))
    return out


def number_articles(records: list[tuple[dict, object]]) -> int:
    """Step 2: unique ids (``-2``, ``-3`` ...), ``duplicate_of`` and inferred outlets; returns the
    number of exact duplicates. Ids are made from what each source says, BEFORE any value is inferred.

    >>> from kit.readers.base import ReadOptions
    >>> files = read_files(["tests/fixtures/webcopy"], format=None, options=ReadOptions(), skipped=[])
    >>> records = [(entry, rec) for entry, recs in files for rec in recs]
    >>> number_articles(records)  # exact duplicates
    0
    """
    built = [(entry, rec) for entry, rec in records if isinstance(rec, Built)]
    inferred = _infer_from_domains([(b.row["outlet"], b.domains) for _, b in built])
    for i, (outlet, domain) in inferred.items():
        built[i][1].row["_inferred"] = (outlet, domain)
    # exact duplicates (same id, or same body) are numbered in an order that does not depend on the
    # order of the arguments: by path relative to the input root, then record, then the row itself
    order = sorted(range(len(built)), key=lambda i: _dup_sort_key(built[i][0], built[i][1].row))
    seen_ids: Counter = Counter()
    first_by_hash: dict[str, str] = {}
    n_dupes = 0
    for i in order:
        row = built[i][1].row
        row["doc_id"] = _unique(row["doc_id"], seen_ids)
        dup_of = first_by_hash.get(row["content_hash"]) if row["text"] else None  # text-less rows are not copies
        if dup_of is None:
            first_by_hash[row["content_hash"]] = row["doc_id"]
        else:
            row["duplicate_of"] = dup_of
            n_dupes += 1
    return n_dupes


def settle(records: list[tuple[dict, object]], *, drop_duplicates: bool = False, table=None,
           outlet_from: str | None = None) -> tuple[list[dict], list[bool]]:
    """Step 3 without the tables: every article row (a full row, or the few fields the streaming
    ingest keeps) gets its final ``published``, ``outlet`` and ``outlet_source``; returns the report
    rows in reading order and, for each article in order, whether it is kept (False: an exact
    duplicate dropped). The counts per manifest entry are filled in.

    >>> from kit.readers.base import ReadOptions
    >>> files = read_files(["tests/fixtures/webcopy"], format=None, options=ReadOptions(), skipped=[])
    >>> records = [(entry, rec) for entry, recs in files for rec in recs]
    >>> rows, kept = settle(records)
    >>> kept, [r["status"] for r in rows]  # one article names no outlet: flagged
    ([True, True], ['flagged'])
    """
    ids_by_record = {(b.row["source_path"], b.row["source_record"]): b.row["doc_id"]
                     for _, b in records if isinstance(b, Built)}
    report: list[dict] = []
    kept: list[bool] = []

    def add_report(entry: dict, rej: Rejection) -> None:
        if rej.doc_id is None and rej.record is not None:
            rej.doc_id = ids_by_record.get((rej.source_path, rej.record))
        report.append(_report_row(rej))
        entry["rejected" if rej.status == "rejected" else "flagged"] += 1

    for entry, rec in records:
        if isinstance(rec, Rejection):
            add_report(entry, rec)
            continue
        row = rec.row
        flag = lambda reason, status="flagged": add_report(entry, Rejection(  # noqa: E731 (a one-line helper bound to this entry)
            row["source_path"], reason, record=row["source_record"], status=status, doc_id=row["doc_id"]))
        file_date = date_from_filename(row["source_path"]) if row["published"] is None else None
        if file_date is not None:
            row["published"] = file_date
            flag(f"no date in the source; published date {file_date.date()} taken from the file name")
        inferred = row.pop("_inferred", None)
        given = (_outlet_for_file(row["source_path"], table, outlet_from)
                 if not row["outlet"] and inferred is None else None)
        if given is not None:
            row["outlet"], row["outlet_source"] = given
        elif inferred is not None:
            row["outlet"] = inferred[0]
            flag(f"outlet inferred from the contact address ({inferred[1]})")
        elif not row["outlet"]:
            flag("no outlet: the source does not name one (pass --outlet, --outlet-from folder or --outlets FILE)")
        if row["duplicate_of"] is not None:
            if drop_duplicates:
                flag(f"exact duplicate of {row['duplicate_of']} (same body text), dropped", "rejected")
                kept.append(False)
                continue
            flag(f"exact duplicate of {row['duplicate_of']} (same body text), kept")
        kept.append(True)
        entry["articles"] += 1
    return report, kept


def report_frame(rows: list[dict]) -> pd.DataFrame:
    """Report rows -> the ingest report table (``REPORT_COLUMNS``).

    >>> report_frame([{"source_path": "a.txt", "status": "rejected", "reason": "empty file"}]).columns.tolist()
    ['source_path', 'line', 'record', 'status', 'reason', 'doc_id']
    """
    return pd.DataFrame(rows, columns=REPORT_COLUMNS).astype({"line": "Int64", "record": "Int64"})


def tabulate(records: list[tuple[dict, object]], *, drop_duplicates: bool = False, table=None,
             outlet_from: str | None = None, paragraphs: bool = True) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Step 3: flags (:func:`settle`), the articles, paragraphs and report tables, in reading order
    (counts per manifest entry are filled in); ``paragraphs=False`` leaves the paragraphs table empty.

    >>> from kit.readers.base import ReadOptions
    >>> files = read_files(["tests/fixtures/webcopy"], format=None, options=ReadOptions(), skipped=[])
    >>> records = [(entry, rec) for entry, recs in files for rec in recs]
    >>> articles, paragraphs, report = tabulate(records)
    >>> len(articles), len(paragraphs) > len(articles), len(report)
    (2, True, 1)
    """
    report, kept = settle(records, drop_duplicates=drop_duplicates, table=table, outlet_from=outlet_from)
    built = [rec for rec, keep in zip((r for _, r in records if isinstance(r, Built)), kept) if keep]
    art_df = articles_frame([b.row for b in built])
    para_df = paragraphs_frame(built if paragraphs else [])
    return art_df, para_df, report_frame(report)


def paragraphs_frame(built: list[Built]) -> pd.DataFrame:
    """The paragraphs table of these articles (built column-wise), in article order.

    >>> paragraphs_frame([]).columns.tolist()
    ['doc_id', 'para_no', 'role', 'text']
    """
    para_cols: dict[str, list] = {"doc_id": [], "para_no": [], "role": [], "text": []}
    for b in built:
        para_cols["doc_id"].extend([b.row["doc_id"]] * len(b.paras))
        para_cols["para_no"].extend(range(len(b.paras)))
        para_cols["role"].extend(r for r, _ in b.paras)
        para_cols["text"].extend(t for _, t in b.paras)
    return pd.DataFrame(para_cols, columns=list(PARAGRAPH_COLUMNS)).astype(
        {"doc_id": str, "para_no": "int64", "role": str, "text": str})


def make_manifest(sources: list[str], manifest_sources: list[dict], skipped: list[str], art_df: pd.DataFrame | dict,
                  rep_df: pd.DataFrame, *, n_dupes: int, format: str | None, column_map: dict | None,
                  outlet: str | None, drop_duplicates: bool,
                  outlet_from: str | None = None, outlets=None, as_of: pd.Timestamp | None = None) -> dict:
    """Step 4: counts and the fingerprint (paths relative to their input root and content hashes,
    never where the corpus sits). ``art_df`` is the articles table, or its counts (``articles``,
    ``by_format``, ``by_outlet``, ``no_outlet``) summed over its parts by a streaming ingest.
    ``as_of`` is the ingest day :func:`read_setup` made (a Timestamp; None: today), recorded as
    ``YYYY-MM-DD``.

    >>> from kit.readers.base import ReadOptions
    >>> files = read_files(["tests/fixtures/webcopy"], format=None, options=ReadOptions(), skipped=[])
    >>> records = [(entry, rec) for entry, recs in files for rec in recs]
    >>> articles, _, report = tabulate(records)
    >>> manifest = make_manifest(["tests/fixtures/webcopy"], [entry for entry, _ in files], [], articles, report,
    ...                          n_dupes=0, format=None, column_map=None, outlet=None, drop_duplicates=False)
    >>> manifest["counts"]["articles"], manifest["counts"]["by_format"]
    (2, {'webcopy': 2})
    """
    as_of = as_of.strftime("%Y-%m-%d") if as_of is not None else None
    if isinstance(art_df, pd.DataFrame):
        art_df = {"articles": len(art_df), "by_format": Counter(art_df["source_format"]),
                  "by_outlet": Counter(art_df["outlet"].fillna("(unknown)")), "no_outlet": int(art_df["outlet"].isna().sum())}
    n_files = len(manifest_sources)
    files_rejected = sum(1 for s in manifest_sources if s["articles"] == 0)
    counts = {
        "files_seen": n_files,
        "files_read": n_files - files_rejected,
        "files_rejected": files_rejected,
        "files_skipped": len(skipped),
        "articles": art_df["articles"],
        "records_rejected": int((rep_df["status"] == "rejected").sum()),
        "flagged": int((rep_df["status"] == "flagged").sum()),
        "duplicates": n_dupes,
        "duplicates_dropped": bool(drop_duplicates),
        "by_format": dict(sorted(art_df["by_format"].items())),
        "by_outlet": dict(sorted(art_df["by_outlet"].items())),
        "no_outlet": art_df["no_outlet"],
    }
    fp = hashlib.sha256()
    for key, sha in sorted((s.pop("_key"), s["sha256"] or "") for s in manifest_sources):
        fp.update(f"{key}\0{sha}\n".encode())
    fp.update(f"kit {__version__} drop={drop_duplicates} format={format} map={sorted((column_map or {}).items())} outlet={outlet}".encode())
    if outlet_from is not None or outlets is not None:  # (kept out of the fingerprint when unused)
        fp.update(f" outlet_from={outlet_from} outlets={outlets}".encode())
    if as_of is not None:  # (likewise)
        fp.update(f" as_of={as_of}".encode())
    return {"kit_version": __version__, "inputs": sources, "format": format, "column_map": column_map or {},
            "outlet": outlet, "outlet_from": outlet_from, "outlets": str(outlets) if outlets is not None else None,
            "drop_duplicates": drop_duplicates, "sources": manifest_sources, "skipped": skipped,
            "counts": counts, "fingerprint": fp.hexdigest(),
            # the day the dates were checked against (a date after it is set aside and flagged; the flags name
            # it): --as-of, else today, which is kept out of the fingerprint (a store read again is the same store)
            "ingest_day": as_of or pd.Timestamp.now(tz="UTC").strftime("%Y-%m-%d"), "as_of": as_of}


_EMAIL_DOMAIN = re.compile(r"""
    (?<![\w.+-])                       # start only where a run of address characters starts
    [\w.+-]++ @                        # the local part, never given back (possessive): linear
    (?P<d> [\w-]++ (?: \.[\w-]++ )+ )   # the domain: labels separated by dots
""", re.VERBOSE)


def _trailer_domains(a: Article) -> set[str]:
    return {m.group("d").lower() for t in a.with_role("trailer") for m in _EMAIL_DOMAIN.finditer(t)}


def _outlet_for_file(path: str, table, outlet_from: str | None) -> tuple[str, str] | None:
    """``(outlet, source)`` for an article whose source names none: a path pattern of the user's
    outlet table, else (``outlet_from="folder"``) the name of the folder the file sits in, written as
    the outlet table writes it when the table knows it (``usa-today/`` -> "USA Today")."""
    if table is not None:
        hit = outlet_for_path(path.split("!")[-1], table)
        if hit:
            return hit, "--outlets path pattern"
    if outlet_from == "folder":
        folder = Path(path.split("!")[-1]).parent.name
        if folder:
            return normalise_outlet(folder, table)[0], "folder"
    return None


def infer_outlets(articles: list[Article]) -> dict[int, str]:
    """Fill in missing outlets from trailer e-mail addresses shared with articles whose outlet is known.

    Web copy that lost its "More Must-Reads From X" block often still ends with "Contact us at
    letters@x.example"; when another article of the same batch names its outlet and carries the same
    address domain, that outlet is used. Returns ``{id(article): domain}`` for each article changed.

    >>> known = Article(title="A", outlet="Harbor Times", paragraphs=[("trailer", "Contact us at news@harbortimes.example")])
    >>> unknown = Article(title="B", paragraphs=[("trailer", "Contact us at desk@harbortimes.example")])
    >>> list(infer_outlets([known, unknown]).values()), unknown.outlet
    (['harbortimes.example'], 'Harbor Times')
    """
    found = _infer_from_domains([(a.outlet, _trailer_domains(a)) for a in articles])
    changed: dict[int, str] = {}
    for i, (outlet, domain) in found.items():
        articles[i].outlet = outlet
        changed[id(articles[i])] = domain
    return changed


def _infer_from_domains(items: list[tuple[str | None, Iterable[str]]]) -> dict[int, tuple[str, str]]:
    """``{index: (outlet, domain)}`` for items without an outlet whose domain belongs to one known outlet."""
    by_domain: dict[str, set[str]] = {}
    for outlet, doms in items:
        if outlet:
            for d in doms:
                by_domain.setdefault(d, set()).add(outlet)
    found: dict[int, tuple[str, str]] = {}
    for i, (outlet, doms) in enumerate(items):
        if outlet:
            continue
        for d in sorted(doms):
            if len(by_domain.get(d, ())) == 1:
                found[i] = (next(iter(by_domain[d])), d)
                break
    return found


def _dup_sort_key(entry: dict, row: dict) -> tuple:
    """Order in which identical articles get ``-2``, ``-3``: independent of the order of the inputs."""
    return (entry.get("_key") or "", int(row["source_record"] or 0), entry.get("sha256") or "",
            str(row["source_path"]), row["content_hash"])


def _unique(doc_id: str, seen: Counter) -> str:
    """``doc_id``, or ``doc_id-2``, ``-3`` ... when an identical article came before."""
    seen[doc_id] += 1
    return doc_id if seen[doc_id] == 1 else f"{doc_id}-{seen[doc_id]}"


_FILE_DATE = re.compile(r"(?<!\d)(20\d\d|19\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")


def date_from_filename(path: str) -> pd.Timestamp | None:
    """A ``YYYY-MM-DD`` (or ``YYYYMMDD``) date in a file's name, as UTC midnight.

    >>> date_from_filename("data/outlet/2023-07-08-treasury-visit.txt")
    Timestamp('2023-07-08 00:00:00+0000', tz='UTC')
    >>> date_from_filename("export_2023_h1.txt") is None
    True
    """
    m = _FILE_DATE.search(os.path.basename(path.split("!")[-1]))
    if not m:
        return None
    try:
        return pd.Timestamp(f"{m.group(1)}-{m.group(2)}-{m.group(3)}", tz="UTC")
    except ValueError:
        return None


def _report_row(r: Rejection) -> dict:
    return {"source_path": r.source_path, "line": r.line, "record": r.record, "status": r.status,
            "reason": r.reason, "doc_id": r.doc_id}


def _article_row(a: Article) -> tuple[dict, list[tuple[str, str]]]:
    if all(r == "body" for r, _ in a.paragraphs):  # (the usual article: body text only, one pass)
        body, related, headings, contributor_lines = [t for _, t in a.paragraphs], [], [], []
    else:
        body, headings, contributor_lines = a.body(), a.with_role("heading"), a.with_role("contributors")
        related = [newsclean.related_headline(t) for t in a.with_role("related")]
    text = "\n\n".join(body)
    contributors = list(a.contributors) or [n for t in contributor_lines for n in newsclean.split_contributors(t)]
    published = _ts(a.published)
    row = {
        "doc_id": make_doc_id(a.outlet, a.title, published, text),
        "outlet": a.outlet, "title": a.title, "subtitle": a.subtitle,
        "published": published, "updated": _ts(a.updated),
        "authors": list(a.authors), "contributors": contributors,
        "read_time_minutes": a.read_time_minutes, "url": a.url, "section": a.section,
        "dateline": a.dateline, "language": a.language,
        "headings": headings, "related": related,
        "text": text, "n_words": None,  # counted for a whole chunk of rows by articles_frame
        "source_path": a.source_path, "source_format": a.source_format, "source_record": a.source_record,
        "content_hash": content_hash(text), "duplicate_of": None,
        **a.export_fields(),
    }
    return row, list(a.paragraphs)


def _ts(v) -> pd.Timestamp | None:
    if type(v) is pd.Timestamp and v.tzinfo is _UTC:  # (what the readers give)
        return v
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    ts = pd.Timestamp(v)
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


_UTC = datetime.timezone.utc


def articles_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows -> the articles table with its documented dtypes (empty input gives an empty table).

    A row whose ``n_words`` is missing (None) gets :func:`kit.text.count_words` of its ``text``,
    counted for all such rows at once (:func:`kit.text.count_words_many`); the rows are not changed.

    >>> articles_frame([]).shape[0], "published" in articles_frame([]).columns
    (0, True)
    """
    df = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))
    need = [i for i, r in enumerate(rows) if r.get("n_words") is None]
    if need:
        n_words = df["n_words"].to_numpy(dtype=object, copy=True)
        n_words[need] = count_words_many([rows[i].get("text") for i in need]).tolist()
        df["n_words"] = n_words
    for col in _TYPED:
        df[col] = typed_column(col, df[col])
    return df


_TYPED = ("published", "updated", "read_time_minutes", "length_words", "n_words", "source_record", *_LIST_COLUMNS)


def typed_column(col: str, s: pd.Series) -> pd.Series:
    """Column ``col`` of the articles table as :func:`articles_frame` types it (``s`` as pandas made it from the values).

    >>> typed_column("published", pd.Series(["2024-01-02T10:00:00+00:00", None])).dtype
    datetime64[us, UTC]
    """
    if col in ("published", "updated"):
        return pd.to_datetime(s, utc=True).astype("datetime64[us, UTC]")
    if col in ("read_time_minutes", "length_words"):
        return s.astype("Int64")
    if col in ("n_words", "source_record"):
        return s.astype("int64")
    if col in _LIST_COLUMNS:
        return s.map(lambda v: list(v) if isinstance(v, (list, tuple)) else [])
    return s
