"""The corpus store: an ingested corpus as a folder of Parquet partitions, kept beside its derived tables.

A store (``kit ingest SOURCES --out corpus``) is a folder, local or any fsspec URL (``file://``,
``memory://``, ``s3://`` ... when the matching fsspec package is installed)::

    corpus/
      manifest.json                 sources with sha256, kit version, counts, fingerprint, partitions
      report.csv                    every rejected or flagged file/record and why
      articles/part-00000.parquet   articles table (kit.schema.ARTICLE_COLUMNS), one file per partition
      paragraphs/part-00000.parquet paragraphs of the same articles (kit.schema.PARAGRAPH_COLUMNS)
      derived/<table>/<key>/        tables computed from the corpus (kit.analyse), with meta.json

Partition ``i`` of ``paragraphs`` holds the paragraphs of the articles of partition ``i``, so a
worker can analyse one partition without the rest. The older single-file layout
(``corpus.parquet`` with ``corpus.manifest.json`` etc. beside it) is still read by
:func:`load_corpus` and written when ``out`` ends with ``.parquet``.
"""
from __future__ import annotations

import csv
import json
import os
import uuid
from pathlib import Path
from typing import Iterable

import pandas as pd

from kit.corpus.ingest import _LIST_COLUMNS, REPORT_COLUMNS, Corpus, build_corpus
from kit.csvsafe import neutralise_frame, restore_frame
from kit.errors import KitError
from kit.schema import PARAGRAPH_COLUMNS

#: Articles per partition written by :func:`ingest` (a partition is what one worker analyses at once).
PARTITION_SIZE = 2000


class Store:
    """A corpus store folder (see the module docstring); ``path`` is a local path or an fsspec URL.

    Examples
    --------
    >>> import tempfile
    >>> s = write_store(build_corpus("tests/fixtures/webcopy"), tempfile.mkdtemp() + "/corpus")
    >>> s.partitions, len(s.articles()) == s.manifest["counts"]["articles"]
    (['part-00000'], True)
    """

    def __init__(self, path: str | os.PathLike):
        from fsspec.core import url_to_fs

        self.path = str(path)
        self.fs, self.root = url_to_fs(self.path)
        self._manifest: dict | None = None

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    def join(self, *parts: str) -> str:
        """A path inside the store, in the store's file system."""
        return "/".join([self.root.rstrip("/"), *parts])

    def exists(self) -> bool:
        """True when the folder holds a store written by :func:`write_store`."""
        return self.fs.isfile(self.join("manifest.json")) and self.fs.isdir(self.join("articles"))

    @property
    def manifest(self) -> dict:
        if self._manifest is None:
            if not self.exists():
                raise KitError(f"{self.path}: not a corpus store (no manifest.json and articles/ folder; "
                               "make one with `kit ingest SOURCES --out FOLDER`)")
            self._manifest = self.read_json("manifest.json")
        return self._manifest

    @property
    def fingerprint(self) -> str:
        return self.manifest["fingerprint"]

    @property
    def partitions(self) -> list[str]:
        """Partition names (``part-00000`` ...) in order."""
        return [p["name"] for p in self.manifest["partitions"]]

    def read_json(self, *parts: str) -> dict:
        with self.fs.open(self.join(*parts), "r", encoding="utf-8") as f:
            return json.load(f)

    def read_table(self, table: str, partition: str, columns: list[str] | None = None) -> pd.DataFrame:
        """One partition of ``articles`` or ``paragraphs``."""
        with self.fs.open(self.join(table, f"{partition}.parquet"), "rb") as f:
            df = pd.read_parquet(f, columns=columns)
        if table == "articles":
            for col in _LIST_COLUMNS:
                if col in df.columns:
                    df[col] = df[col].map(lambda v: [] if v is None else list(v))
        return df

    def articles(self, columns: list[str] | None = None) -> pd.DataFrame:
        """The whole articles table (partitions concatenated in order)."""
        return _concat([self.read_table("articles", p, columns) for p in self.partitions])

    def paragraphs(self) -> pd.DataFrame:
        return _concat([self.read_table("paragraphs", p) for p in self.partitions])

    def report(self) -> pd.DataFrame:
        path = self.join("report.csv")
        if not self.fs.isfile(path):
            return pd.DataFrame(columns=REPORT_COLUMNS)
        with self.fs.open(path, "r", encoding="utf-8") as f:
            return restore_frame(pd.read_csv(f, dtype={"line": "Int64", "record": "Int64"}))

    def corpus(self) -> Corpus:
        """Everything as one in-memory :class:`Corpus` (for a corpus that fits in memory)."""
        return Corpus(self.articles(), self.paragraphs(), self.report(), self.manifest)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)] or frames[:1]
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)


def _write_parquet(fs, path: str, df: pd.DataFrame) -> None:
    with fs.open(path, "wb") as f:
        df.to_parquet(f, index=False)


def write_store(corpus: Corpus, out: str | os.PathLike, *, partition_size: int = PARTITION_SIZE) -> Store:
    """Write ``corpus`` as a store folder at ``out`` (replacing a store already there).

    The store is written into a temporary folder beside ``out`` and renamed into place, so a
    reader never sees half a store. Derived tables of a store with the same fingerprint are kept
    (they are still valid); any other folder at ``out`` that is not empty is refused, never deleted.
    """
    if not isinstance(partition_size, int) or isinstance(partition_size, bool) or partition_size < 1:
        raise KitError(f"partition_size must be a positive integer, got {partition_size!r}")
    store = Store(out)
    fs = store.fs
    old = store.exists()
    if not old and fs.exists(store.root) and fs.ls(store.root):
        raise KitError(f"{out}: the folder exists and is not a corpus store; choose an empty or new folder")
    tmp = Store(f"{store.path.rstrip('/')}.tmp-{uuid.uuid4().hex[:8]}")
    fs.makedirs(tmp.join("articles"), exist_ok=True)
    fs.makedirs(tmp.join("paragraphs"), exist_ok=True)
    arts, paras = corpus.articles, corpus.paragraphs
    parts = []
    bounds = list(range(0, len(arts), partition_size)) or [0]
    for i, lo in enumerate(bounds):
        name = f"part-{i:05d}"
        chunk = arts.iloc[lo:lo + partition_size]
        p = paras[paras["doc_id"].isin(chunk["doc_id"])] if len(bounds) > 1 else paras
        _write_parquet(fs, tmp.join("articles", f"{name}.parquet"), chunk)
        _write_parquet(fs, tmp.join("paragraphs", f"{name}.parquet"), p)
        parts.append({"name": name, "articles": len(chunk), "paragraphs": len(p)})
    with fs.open(tmp.join("report.csv"), "w", encoding="utf-8") as f:
        _write_report(corpus.report, f)
    manifest = dict(corpus.manifest, layout="store", partitions=parts)
    with fs.open(tmp.join("manifest.json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n")
    if old:
        if store.manifest.get("fingerprint") == manifest["fingerprint"] and fs.isdir(store.join("derived")):
            fs.mv(store.join("derived"), tmp.join("derived"), recursive=True)
        fs.rm(store.root, recursive=True)
    elif fs.exists(store.root):
        fs.rm(store.root, recursive=True)  # an empty folder
    fs.mv(tmp.root, store.root, recursive=True)
    return Store(out)


def _write_report(report: pd.DataFrame, dest) -> None:
    """The ingest report as CSV: text cells quoted (a carriage return in a file name survives) and no
    live formulas for a spreadsheet (:mod:`kit.csvsafe`; undone by :func:`restore_frame` on reading)."""
    neutralise_frame(report).to_csv(dest, index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)


def _paths(out: str | os.PathLike) -> dict[str, Path]:
    """The four files of the single-file layout (``corpus.parquet`` and its companions)."""
    out = Path(out)
    stem = out.with_suffix("") if out.suffix == ".parquet" else out
    return {"articles": stem.with_suffix(".parquet"), "paragraphs": Path(f"{stem}.paragraphs.parquet"),
            "manifest": Path(f"{stem}.manifest.json"), "report": Path(f"{stem}.report.csv")}


def _write_single_file(corpus: Corpus, out: str | os.PathLike) -> None:
    paths = _paths(out)
    paths["articles"].parent.mkdir(parents=True, exist_ok=True)
    corpus.articles.to_parquet(paths["articles"], index=False)
    corpus.paragraphs.to_parquet(paths["paragraphs"], index=False)
    _write_report(corpus.report, paths["report"])
    paths["manifest"].write_text(json.dumps(corpus.manifest, indent=2, ensure_ascii=False, default=str) + "\n",
                                 encoding="utf-8")


def ingest(sources, out: str | os.PathLike = "corpus", *, partition_size: int = PARTITION_SIZE, **kwargs) -> Corpus:
    """Read ``sources`` (see :func:`~kit.corpus.ingest.build_corpus` for the options) and write the store at ``out``.

    ``out`` is a folder (local or an fsspec URL) that becomes a store (see :class:`Store`); a path
    ending in ``.parquet`` writes the older single-file layout instead. Returns the
    :class:`Corpus`. Sources are only read, never written.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "corpus"
    >>> c = ingest(["tests/fixtures/webcopy"], out)
    >>> sorted(p.name for p in out.iterdir())
    ['articles', 'manifest.json', 'paragraphs', 'report.csv']
    >>> single = ingest(["tests/fixtures/webcopy"], out.parent / "c.parquet")
    >>> sorted(p.name for p in out.parent.iterdir() if p.name.startswith("c."))
    ['c.manifest.json', 'c.paragraphs.parquet', 'c.parquet', 'c.report.csv']
    """
    corpus = build_corpus(sources, **kwargs)
    if str(out).endswith(".parquet"):
        _write_single_file(corpus, out)
    else:
        corpus.manifest = write_store(corpus, out, partition_size=partition_size).manifest
    return corpus


def store_paths(out: str | os.PathLike) -> dict[str, str]:
    """Where :func:`ingest` writes the articles, report and manifest for ``out`` (either layout)."""
    if str(out).endswith(".parquet"):
        return {k: str(v) for k, v in _paths(out).items()}
    s = Store(out)
    return {"articles": s.join("articles") + "/", "paragraphs": s.join("paragraphs") + "/",
            "manifest": s.join("manifest.json"), "report": s.join("report.csv")}


def is_store(path) -> bool:
    """True when ``path`` (a path or URL) is a store folder written by :func:`write_store`."""
    if not isinstance(path, (str, os.PathLike)):
        return False
    try:
        return Store(path).exists()
    except (ValueError, ImportError, OSError):
        return False


def is_ingested(path: str | os.PathLike) -> bool:
    """True when ``path`` is a corpus written by :func:`ingest` (a store folder or a ``.parquet`` file)."""
    if is_store(path):
        return True
    p = _paths(path)
    return str(path).endswith(".parquet") and p["articles"].is_file() and p["manifest"].is_file()


def load_corpus(path: str | os.PathLike | Iterable[str | os.PathLike], **kwargs) -> Corpus:
    """A :class:`Corpus` from a store folder, an ingested ``.parquet`` file or from sources (read on the fly).

    Keyword arguments go to :func:`~kit.corpus.ingest.build_corpus` when sources are read.

    >>> load_corpus("tests/fixtures/webcopy").articles.shape[0] >= 1
    True
    """
    if is_store(path):
        return Store(path).corpus()
    if isinstance(path, (str, os.PathLike)) and str(path).endswith(".parquet"):
        if not is_ingested(path):
            raise KitError(f"{path}: not an ingested corpus (expected {Path(path).name} with a .manifest.json beside it; "
                           "make one with `kit ingest SOURCES --out FOLDER`)")
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
