"""The corpus store: sources -> articles and paragraphs tables, with a manifest and an ingest report.

:func:`build_corpus` reads sources into memory; :func:`ingest` also writes them to disk;
:func:`load_corpus` accepts either sources or an ingested corpus, so every notebook can take a
``corpus`` parameter that is a folder of sources or the Parquet file ``kit ingest`` wrote.

An ingested corpus ``corpus.parquet`` is four files side by side::

    corpus.parquet              articles table (kit.schema.ARTICLE_COLUMNS)
    corpus.paragraphs.parquet   paragraphs table (kit.schema.PARAGRAPH_COLUMNS)
    corpus.manifest.json        sources with sha256, kit version, counts, fingerprint
    corpus.report.csv           every rejected or flagged file/record and why
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from kit import __version__, newsclean
from kit.csvsafe import neutralise_frame, restore_frame
from kit.errors import KitError
from kit.readers import Limits, ReadOptions, Rejection, check_format, iter_files, read_file
from kit.schema import ARTICLE_COLUMNS, PARAGRAPH_COLUMNS, Article, content_hash, make_doc_id
from kit.text import count_words

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

    def summary(self) -> str:
        """One paragraph saying what was read, written and rejected."""
        c = self.manifest.get("counts", {})
        return (f"{c.get('files_seen', 0)} files seen: {c.get('files_read', 0)} read, "
                f"{c.get('files_rejected', 0)} rejected. {c.get('articles', 0)} articles written "
                f"({c.get('duplicates', 0)} exact duplicates {'dropped' if c.get('duplicates_dropped') else 'flagged'}), "
                f"{c.get('records_rejected', 0)} records rejected, {c.get('flagged', 0)} flags."
                + (f" {c['files_skipped']} hidden or system files skipped." if c.get("files_skipped") else ""))


def build_corpus(sources: Iterable[str | os.PathLike] | str | os.PathLike, *, format: str | None = None,
                 column_map: dict[str, str] | None = None, outlet: str | None = None,
                 drop_duplicates: bool = False, progress: bool | None = None, limits: Limits | None = None) -> Corpus:
    """Read every source into a :class:`Corpus` (in memory; nothing is written).

    Parameters
    ----------
    sources : files, folders (read recursively) and ``.zip`` archives
    format : force one reader (see ``kit.readers.formats()``); detected per file by default
    column_map : for CSV/JSONL exports, article field -> column name (``{"text": "body"}``)
    outlet : outlet name for sources that do not say it
    drop_duplicates : drop exact duplicates (same normalised body text) instead of flagging them
    progress : show a progress bar (default: when stderr is a terminal)
    limits : how far archives and documents may expand (``kit.readers.Limits``); files over them
        are rejected with the reason

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

    Examples
    --------
    >>> c = build_corpus("tests/fixtures/webcopy/full_article.txt")
    >>> a = c.articles.iloc[0]
    >>> a.outlet, int(a.read_time_minutes), a.contributors
    ('Harbor Street Weekly', 7, ['Mara Quint', 'Felix Oduya', 'Sun Jiahui'])
    """
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    sources = [str(s) for s in sources]
    check_format(format)
    options = ReadOptions(column_map=dict(column_map or {}), outlet=outlet, limits=limits or Limits())
    skipped: list[str] = []
    files = list(iter_files(sources, skipped=skipped, limits=options.limits))  # names only: read one at a time
    if progress is None:
        progress = sys.stderr.isatty() and len(files) > 20
    it = files
    if progress:
        from tqdm import tqdm
        it = tqdm(files, desc="reading", unit="file")

    # pass 1: read every file; keep records in order with the manifest entry they belong to
    records: list[tuple[dict, Article | Rejection]] = []
    manifest_sources: list[dict] = []
    for item in it:
        if isinstance(item, Rejection):
            entry = {"path": item.source_path, "sha256": None, "bytes": None, "format": None,
                     "articles": 0, "rejected": 0, "flagged": 0}
            records.append((entry, item))
            fp_key = os.path.basename(item.source_path) if os.path.isabs(item.source_path) else item.source_path
        else:
            try:
                data = item.read()
            except Exception:  # read_file turns the failure into a rejection naming it
                data = None
            entry = {"path": item.path, "sha256": None if data is None else hashlib.sha256(data).hexdigest(),
                     "bytes": None if data is None else len(data), "format": None, "articles": 0, "rejected": 0, "flagged": 0}
            for fmt, rec in read_file(item, format=format, options=options, data=data):
                entry["format"] = entry["format"] or fmt or None
                records.append((entry, rec))
            fp_key = item.rel or item.path
        entry["_key"] = fp_key
        manifest_sources.append(entry)

    # pass 2: rows with ids made from what each source says, BEFORE any value is inferred
    built: list[tuple[dict, Article, dict, list]] = []
    for entry, rec in records:
        if isinstance(rec, Article):
            row, paras = _article_row(rec)
            built.append((entry, rec, row, paras))
    inferred = infer_outlets([rec for _, rec, _, _ in built])
    # exact duplicates (same id, or same body) are numbered in an order that does not depend on the
    # order of the arguments: by path relative to the input root, then record, then the row itself
    order = sorted(range(len(built)), key=lambda i: _dup_sort_key(built[i][0], built[i][2]))
    seen_ids: Counter = Counter()
    first_by_hash: dict[str, str] = {}
    n_dupes = 0
    for i in order:
        row = built[i][2]
        row["doc_id"] = _unique(row["doc_id"], seen_ids)
        dup_of = first_by_hash.get(row["content_hash"])
        if dup_of is None:
            first_by_hash[row["content_hash"]] = row["doc_id"]
        else:
            row["duplicate_of"] = dup_of
            n_dupes += 1
    ids_by_record = {(rec.source_path, rec.source_record): row["doc_id"] for _, rec, row, _ in built}
    built_by_rec = {id(rec): (row, paras) for _, rec, row, paras in built}

    # pass 3: flags and tables, in reading order
    articles: list[dict] = []
    paragraphs: list[dict] = []
    report: list[dict] = []

    def add_report(entry: dict, rej: Rejection) -> None:
        if rej.doc_id is None and rej.record is not None:
            rej.doc_id = ids_by_record.get((rej.source_path, rej.record))
        report.append(_report_row(rej))
        entry["rejected" if rej.status == "rejected" else "flagged"] += 1

    for entry, rec in records:
        if isinstance(rec, Rejection):
            add_report(entry, rec)
            continue
        row, paras = built_by_rec[id(rec)]
        flag = lambda reason, status="flagged": add_report(entry, Rejection(  # noqa: E731 (a one-line helper bound to this entry)
            rec.source_path, reason, record=rec.source_record, status=status, doc_id=row["doc_id"]))
        file_date = date_from_filename(rec.source_path) if row["published"] is None else None
        if file_date is not None:
            row["published"] = file_date
            flag(f"no date in the source; published date {file_date.date()} taken from the file name")
        if id(rec) in inferred:
            row["outlet"] = rec.outlet
            flag(f"outlet inferred from the contact address ({inferred[id(rec)]})")
        elif not rec.outlet:
            flag("no outlet: the source does not name one (pass --outlet to set it)")
        if row["duplicate_of"] is not None:
            if drop_duplicates:
                flag(f"exact duplicate of {row['duplicate_of']} (same body text), dropped", "rejected")
                continue
            flag(f"exact duplicate of {row['duplicate_of']} (same body text), kept")
        articles.append(row)
        paragraphs.extend({"doc_id": row["doc_id"], "para_no": i, "role": r, "text": t}
                          for i, (r, t) in enumerate(paras))
        entry["articles"] += 1

    art_df = articles_frame(articles)
    para_df = pd.DataFrame(paragraphs, columns=list(PARAGRAPH_COLUMNS)).astype({"para_no": "int64"})
    rep_df = pd.DataFrame(report, columns=REPORT_COLUMNS).astype({"line": "Int64", "record": "Int64"})
    n_files = len(manifest_sources)
    files_rejected = sum(1 for s in manifest_sources if s["articles"] == 0)
    counts = {
        "files_seen": n_files,
        "files_read": n_files - files_rejected,
        "files_rejected": files_rejected,
        "files_skipped": len(skipped),
        "articles": len(art_df),
        "records_rejected": int((rep_df["status"] == "rejected").sum()),
        "flagged": int((rep_df["status"] == "flagged").sum()),
        "duplicates": n_dupes,
        "duplicates_dropped": bool(drop_duplicates),
        "by_format": dict(sorted(Counter(art_df["source_format"]).items())),
        "by_outlet": dict(sorted(Counter(art_df["outlet"].fillna("(unknown)")).items())),
    }
    # the fingerprint: paths relative to their input root and content hashes, never where the corpus sits
    fp = hashlib.sha256()
    for key, sha in sorted((s.pop("_key"), s["sha256"] or "") for s in manifest_sources):
        fp.update(f"{key}\0{sha}\n".encode())
    fp.update(f"kit {__version__} drop={drop_duplicates} format={format} map={sorted((column_map or {}).items())} outlet={outlet}".encode())
    manifest = {"kit_version": __version__, "inputs": sources, "format": format, "column_map": column_map or {},
                "outlet": outlet, "drop_duplicates": drop_duplicates, "sources": manifest_sources, "skipped": skipped,
                "counts": counts, "fingerprint": fp.hexdigest()}
    return Corpus(art_df, para_df, rep_df, manifest)


_EMAIL_DOMAIN = re.compile(r"""
    (?<![\w.+-])                       # start only where a run of address characters starts
    [\w.+-]++ @                        # the local part, never given back (possessive): linear
    (?P<d> [\w-]++ (?: \.[\w-]++ )+ )   # the domain: labels separated by dots
""", re.VERBOSE)


def infer_outlets(articles: list[Article]) -> dict[int, str]:
    """Fill in missing outlets from trailer e-mail addresses shared with articles whose outlet is known.

    Web copy that lost its "More Must-Reads From X" block often still ends with "Contact us at
    letters@x.example"; when another article of the same batch names its outlet and carries the same
    address domain, that outlet is used. Returns ``{id(article): domain}`` for each article changed.
    """
    def domains(a: Article) -> set[str]:
        return {m.group("d").lower() for t in a.with_role("trailer") for m in _EMAIL_DOMAIN.finditer(t)}

    by_domain: dict[str, set[str]] = {}
    for a in articles:
        if a.outlet:
            for d in domains(a):
                by_domain.setdefault(d, set()).add(a.outlet)
    changed: dict[int, str] = {}
    for a in articles:
        if a.outlet:
            continue
        for d in sorted(domains(a)):
            if len(by_domain.get(d, ())) == 1:
                a.outlet = next(iter(by_domain[d]))
                changed[id(a)] = d
                break
    return changed


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
    body = a.body()
    text = "\n\n".join(body)
    related = [newsclean.related_headline(t) for t in a.with_role("related")]
    contributors = list(a.contributors) or [n for t in a.with_role("contributors") for n in newsclean.split_contributors(t)]
    published = _ts(a.published)
    row = {
        "doc_id": make_doc_id(a.outlet, a.title, published, text),
        "outlet": a.outlet, "title": a.title, "subtitle": a.subtitle,
        "published": published, "updated": _ts(a.updated),
        "authors": list(a.authors), "contributors": contributors,
        "read_time_minutes": a.read_time_minutes, "url": a.url, "section": a.section,
        "dateline": a.dateline, "language": a.language,
        "headings": a.with_role("heading"), "related": related,
        "text": text, "n_words": count_words(text),
        "source_path": a.source_path, "source_format": a.source_format, "source_record": a.source_record,
        "content_hash": content_hash(text), "duplicate_of": None,
    }
    return row, list(a.paragraphs)


def _ts(v) -> pd.Timestamp | None:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    ts = pd.Timestamp(v)
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def articles_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows -> the articles table with its documented dtypes (empty input gives an empty table)."""
    df = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))
    for col in ("published", "updated"):
        df[col] = pd.to_datetime(df[col], utc=True).astype("datetime64[us, UTC]")
    df["read_time_minutes"] = df["read_time_minutes"].astype("Int64")
    df["n_words"] = df["n_words"].astype("int64")
    df["source_record"] = df["source_record"].astype("int64")
    for col in _LIST_COLUMNS:
        df[col] = df[col].map(lambda v: list(v) if isinstance(v, (list, tuple)) else [])
    return df


def _paths(out: str | os.PathLike) -> dict[str, Path]:
    out = Path(out)
    stem = out.with_suffix("") if out.suffix == ".parquet" else out
    return {"articles": stem.with_suffix(".parquet"), "paragraphs": Path(f"{stem}.paragraphs.parquet"),
            "manifest": Path(f"{stem}.manifest.json"), "report": Path(f"{stem}.report.csv")}


def ingest(sources, out: str | os.PathLike = "corpus/corpus.parquet", **kwargs) -> Corpus:
    """Read ``sources`` (see :func:`build_corpus` for the options) and write the corpus store at ``out``.

    Returns the :class:`Corpus`. Sources are only read, never written.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "c.parquet"
    >>> c = ingest(["tests/fixtures/webcopy"], out)
    >>> sorted(p.name for p in out.parent.iterdir())
    ['c.manifest.json', 'c.paragraphs.parquet', 'c.parquet', 'c.report.csv']
    """
    corpus = build_corpus(sources, **kwargs)
    paths = _paths(out)
    paths["articles"].parent.mkdir(parents=True, exist_ok=True)
    corpus.articles.to_parquet(paths["articles"], index=False)
    corpus.paragraphs.to_parquet(paths["paragraphs"], index=False)
    # quoted text cells (a carriage return in a file name survives), no live formulas (kit.csvsafe)
    neutralise_frame(corpus.report).to_csv(paths["report"], index=False, lineterminator="\n",
                                           quoting=csv.QUOTE_NONNUMERIC)
    paths["manifest"].write_text(json.dumps(corpus.manifest, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return corpus


def is_ingested(path: str | os.PathLike) -> bool:
    """True when ``path`` is a corpus written by :func:`ingest`."""
    p = _paths(path)
    return str(path).endswith(".parquet") and p["articles"].is_file() and p["manifest"].is_file()


def load_corpus(path: str | os.PathLike | Iterable[str | os.PathLike], **kwargs) -> Corpus:
    """A :class:`Corpus` from an ingested ``.parquet`` store or from sources (read on the fly).

    Keyword arguments go to :func:`build_corpus` when sources are read.

    >>> load_corpus("tests/fixtures/webcopy").articles.shape[0] >= 1
    True
    """
    if isinstance(path, (str, os.PathLike)) and str(path).endswith(".parquet"):
        if not is_ingested(path):
            raise KitError(f"{path}: not an ingested corpus (expected {Path(path).name} with a .manifest.json beside it; "
                           "make one with `kit ingest SOURCES --out PATH.parquet`)")
        p = _paths(path)
        articles = pd.read_parquet(p["articles"])
        for col in _LIST_COLUMNS:
            articles[col] = articles[col].map(lambda v: [] if v is None else list(v))
        paragraphs = pd.read_parquet(p["paragraphs"]) if p["paragraphs"].is_file() else pd.DataFrame(columns=list(PARAGRAPH_COLUMNS))
        report = (restore_frame(pd.read_csv(p["report"], dtype={"line": "Int64", "record": "Int64"})) if p["report"].is_file()
                  else pd.DataFrame(columns=REPORT_COLUMNS))
        manifest = json.loads(p["manifest"].read_text(encoding="utf-8"))
        return Corpus(articles, paragraphs, report, manifest)
    paths = [path] if isinstance(path, (str, os.PathLike)) else list(path)
    missing = [str(p) for p in paths if not Path(p).exists()]
    if len(missing) == len(paths):  # some missing among others become rejections in the report
        raise KitError(f"no such file or folder: {', '.join(missing)}")
    return build_corpus(paths, **kwargs)
