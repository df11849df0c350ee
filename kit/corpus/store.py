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
        """A path inside the store, in the store's file system.

        >>> Store("corpus").join("articles", "part-00000.parquet").endswith("corpus/articles/part-00000.parquet")
        True
        """
        return "/".join([self.root.rstrip("/"), *parts])

    def exists(self) -> bool:
        """True when the folder holds a store written by :func:`write_store`.

        >>> import tempfile, kit
        >>> path = tempfile.mkdtemp() + "/corpus"
        >>> _ = kit.ingest(["tests/fixtures/webcopy"], path)
        >>> Store(path).exists(), Store("tests/fixtures/webcopy").exists()
        (True, False)
        """
        return self.fs.isfile(self.join("manifest.json")) and self.fs.isdir(self.join("articles"))

    @property
    def manifest(self) -> dict:
        """The store's ``manifest.json`` (read once); a folder that holds no store is an error.

        >>> import tempfile, kit
        >>> path = tempfile.mkdtemp() + "/corpus"
        >>> _ = kit.ingest(["tests/fixtures/webcopy"], path)
        >>> Store(path).manifest["counts"]["articles"]
        2
        """
        if self._manifest is None:
            if not self.exists():
                raise KitError(f"{self.path}: not a corpus store (no manifest.json and articles/ folder; "
                               "make one with `kit ingest SOURCES --out FOLDER`)")
            self._manifest = self.read_json("manifest.json")
        return self._manifest

    @property
    def fingerprint(self) -> str:
        """The corpus fingerprint of the manifest (the same sources give the same one).

        >>> import tempfile, kit
        >>> path = tempfile.mkdtemp() + "/corpus"
        >>> _ = kit.ingest(["tests/fixtures/webcopy"], path)
        >>> len(Store(path).fingerprint)
        64
        """
        return self.manifest["fingerprint"]

    @property
    def partitions(self) -> list[str]:
        """Partition names (``part-00000`` ...) in order.

        >>> import tempfile, kit
        >>> path = tempfile.mkdtemp() + "/corpus"
        >>> _ = kit.ingest(["tests/fixtures/webcopy"], path)
        >>> Store(path).partitions
        ['part-00000']
        """
        return [p["name"] for p in self.manifest["partitions"]]

    def read_json(self, *parts: str) -> dict:
        """A JSON file of the store (``parts`` joined below its folder).

        >>> import tempfile, kit
        >>> path = tempfile.mkdtemp() + "/corpus"
        >>> _ = kit.ingest(["tests/fixtures/webcopy"], path)
        >>> Store(path).read_json("manifest.json")["counts"]["by_format"]
        {'webcopy': 2}
        """
        with self.fs.open(self.join(*parts), "r", encoding="utf-8") as f:
            return json.load(f)

    def read_table(self, table: str, partition: str, columns: list[str] | None = None) -> pd.DataFrame:
        """One partition of ``articles`` or ``paragraphs``.

        >>> import tempfile, kit
        >>> path = tempfile.mkdtemp() + "/corpus"
        >>> _ = kit.ingest(["tests/fixtures/webcopy"], path)
        >>> len(Store(path).read_table("articles", "part-00000", columns=["doc_id"]))
        2
        """
        path = self.join(table, f"{partition}.parquet")
        try:
            with self.fs.open(path, "rb") as f:
                df = pd.read_parquet(f, columns=columns)
        except FileNotFoundError:
            raise KitError(f"{path}: missing from the corpus store {self.path} (listed in its manifest); "
                           "ingest the sources again") from None
        if table == "articles":
            for col in _LIST_COLUMNS:
                if col in df.columns:
                    df[col] = df[col].map(lambda v: [] if v is None else list(v))
            df = _infer_text(df)
        return df

    def articles(self, columns: list[str] | None = None) -> pd.DataFrame:
        """The whole articles table (partitions concatenated in order).

        >>> import tempfile, kit
        >>> path = tempfile.mkdtemp() + "/corpus"
        >>> _ = kit.ingest(["tests/fixtures/webcopy"], path)
        >>> Store(path).articles(columns=["doc_id", "outlet"]).shape
        (2, 2)
        """
        return _infer_text(_concat([self.read_table("articles", p, columns) for p in self.partitions]))

    @property
    def columns(self) -> list[str]:
        """Names of the articles table's columns (read from the first partition's schema, no rows).

        >>> import tempfile, kit
        >>> path = tempfile.mkdtemp() + "/corpus"
        >>> _ = kit.ingest(["tests/fixtures/webcopy"], path)
        >>> Store(path).columns[:3]
        ['doc_id', 'outlet', 'title']
        """
        import pyarrow.parquet as pq

        if not self.partitions:
            return []
        with self.fs.open(self.join("articles", f"{self.partitions[0]}.parquet"), "rb") as f:
            return list(pq.read_schema(f).names)

    def paragraphs(self) -> pd.DataFrame:
        """The whole paragraphs table (partitions concatenated in order).

        >>> import tempfile, kit
        >>> path = tempfile.mkdtemp() + "/corpus"
        >>> _ = kit.ingest(["tests/fixtures/webcopy"], path)
        >>> Store(path).paragraphs().columns.tolist()
        ['doc_id', 'para_no', 'role', 'text']
        """
        return _concat([self.read_table("paragraphs", p) for p in self.partitions])

    def report(self) -> pd.DataFrame:
        """The ingest report (``report.csv``; an empty table with its columns when there is none).

        >>> import tempfile, kit
        >>> path = tempfile.mkdtemp() + "/corpus"
        >>> _ = kit.ingest(["tests/fixtures/webcopy"], path)
        >>> Store(path).report()[["source_path", "status"]].values.tolist()
        [['minimal.txt', 'flagged']]
        """
        path = self.join("report.csv")
        if not self.fs.isfile(path):
            return pd.DataFrame(columns=REPORT_COLUMNS)
        with self.fs.open(path, "r", encoding="utf-8") as f:
            return restore_frame(pd.read_csv(f, dtype={"line": "Int64", "record": "Int64"}))

    def corpus(self, *, paragraphs: bool = True, columns: list[str] | None = None, text: bool = True) -> Corpus:
        """Everything as one in-memory :class:`Corpus` (for a corpus that fits in memory).

        ``paragraphs=False`` leaves the paragraphs table empty (its columns only) and ``columns``
        reads only these article columns: what an analysis of article text alone needs (terms,
        keyness, frames), without reading the rest of the store. ``text=False`` leaves out the
        ``text`` column (the bulk of a store): the metadata a report counts and lists, whose
        texts are read later partition by partition where needed (:mod:`kit.analyse.reading`).

        >>> import tempfile
        >>> s = write_store(build_corpus("tests/fixtures/webcopy"), tempfile.mkdtemp() + "/corpus")
        >>> c = s.corpus(paragraphs=False, columns=["doc_id", "text"])
        >>> list(c.articles.columns), len(c.paragraphs), len(c.articles) == len(s.articles())
        (['doc_id', 'text'], 0, True)
        >>> "text" in s.corpus(paragraphs=False, text=False).articles.columns
        False
        """
        if not text:
            columns = [c for c in (columns if columns is not None else self.columns) if c != "text"]
        arts = self.articles(columns)
        paras = self.paragraphs() if paragraphs else pd.DataFrame(columns=list(PARAGRAPH_COLUMNS))
        return Corpus(arts, paras, self.report(), self.manifest)


def _infer_text(df: pd.DataFrame) -> pd.DataFrame:
    """Text columns typed as pandas types them in memory: ``str`` when any value is a string, ``object``
    holding ``None`` when none is (a column with no value, e.g. no subtitles in one partition, is
    stored without a type), whatever the partitions the values were stored in."""
    for col in df.columns:
        s = df[col]
        if col in _LIST_COLUMNS or not (s.dtype == object or pd.api.types.is_string_dtype(s.dtype)):
            continue
        if s.isna().all():
            if s.dtype != object or s.notna().any() or any(v is not None for v in s):
                df[col] = pd.Series([None] * len(s), index=s.index, dtype=object)
        elif s.dtype == object and all(isinstance(v, str) for v in s if v is not None and v == v):
            df[col] = s.astype("str")
    return df


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

    >>> import tempfile
    >>> from kit.corpus import load_corpus
    >>> out = tempfile.mkdtemp() + "/store"
    >>> store = write_store(load_corpus("tests/fixtures/webcopy"), out)
    >>> is_store(out), len(store.articles())
    (True, 2)
    """
    writer = StoreWriter(out, partition_size=partition_size)
    writer.add(corpus.articles, corpus.paragraphs)
    return writer.finish(corpus.report, corpus.manifest)


class StoreWriter:
    """Writes a store partition by partition: :meth:`add` articles (and their paragraphs) in order, as
    often as needed; :meth:`finish` writes the report and manifest and renames the store into place.

    Only the articles of one unfinished partition are held; the partitions are exactly those
    :func:`write_store` writes for the same table (``partition_size`` articles each, in order).
    """

    def __init__(self, out: str | os.PathLike, *, partition_size: int = PARTITION_SIZE):
        if not isinstance(partition_size, int) or isinstance(partition_size, bool) or partition_size < 1:
            raise KitError(f"partition_size must be a positive integer, got {partition_size!r}")
        self.out, self.size = out, partition_size
        self.store = Store(out)
        fs = self.fs = self.store.fs
        self.old = self.store.exists()
        if not self.old and fs.exists(self.store.root) and fs.ls(self.store.root):
            raise KitError(f"{out}: the folder exists and is not a corpus store; choose an empty or new folder")
        self.tmp = Store(f"{self.store.path.rstrip('/')}.tmp-{uuid.uuid4().hex[:8]}")  # made at the first write
        self.parts: list[dict] = []
        self._arts: list[pd.DataFrame] = []
        self._paras: list[pd.DataFrame] = []
        self._n = 0
        self._first: tuple[pd.DataFrame, pd.DataFrame] | None = None  # (empty) tables kept for an empty corpus

    def add(self, articles: pd.DataFrame, paragraphs: pd.DataFrame) -> None:
        """Queue ``articles`` (and the paragraphs of exactly these articles, in article order).

        >>> import tempfile
        >>> from kit.corpus import load_corpus
        >>> corpus = load_corpus("tests/fixtures/webcopy")
        >>> writer = StoreWriter(tempfile.mkdtemp() + "/store", partition_size=1)
        >>> writer.add(corpus.articles, corpus.paragraphs)  # two articles: two partitions written
        >>> store = writer.finish(corpus.report, corpus.manifest)
        >>> store.partitions, len(store.articles())
        (['part-00000', 'part-00001'], 2)
        """
        if self._first is None:
            self._first = (articles.iloc[:0], paragraphs.iloc[:0])
        if not len(articles):
            return
        self._arts.append(articles)
        self._paras.append(paragraphs)
        self._n += len(articles)
        while self._n >= self.size:
            self._flush(self.size)

    def _flush(self, n: int) -> None:
        arts = _concat(self._arts) if len(self._arts) > 1 else self._arts[0].reset_index(drop=True)
        paras = _concat(self._paras) if len(self._paras) > 1 else self._paras[0].reset_index(drop=True)
        chunk = arts.iloc[:n]
        # paragraphs are in article order: the first k rows belong to the chunk's articles
        k = int(paras["doc_id"].isin(set(chunk["doc_id"])).sum()) if n < len(arts) else len(paras)
        self._write(chunk, paras.iloc[:k])
        rest, prest = arts.iloc[n:], paras.iloc[k:]
        self._arts, self._paras = ([rest], [prest]) if len(rest) else ([], [])
        self._n = len(rest)

    def prepare(self) -> None:
        """Make the temporary store's table folders (before partitions are written into them).

        >>> import tempfile
        >>> writer = StoreWriter(tempfile.mkdtemp() + "/store")
        >>> writer.prepare()
        >>> writer.fs.isdir(writer.tmp.join("articles")), writer.fs.isdir(writer.tmp.join("paragraphs"))
        (True, True)
        >>> writer.abort()
        """
        self.fs.makedirs(self.tmp.join("articles"), exist_ok=True)
        self.fs.makedirs(self.tmp.join("paragraphs"), exist_ok=True)

    def next_name(self, k: int = 0) -> str:
        """The name of the ``k``-th partition after those written so far.

        >>> StoreWriter("new_store").next_name(), StoreWriter("new_store").next_name(2)
        ('part-00000', 'part-00002')
        """
        return f"part-{len(self.parts) + k:05d}"

    def _write(self, arts: pd.DataFrame, paras: pd.DataFrame) -> None:
        name = self.next_name()
        if not self.parts:
            self.prepare()
        write_partition(self.fs, self.tmp, name, arts, paras)
        self.parts.append({"name": name, "articles": len(arts), "paragraphs": len(paras)})

    def abort(self) -> None:
        """Remove the temporary folder (after a failure); the store at ``out`` is untouched.

        >>> import tempfile
        >>> writer = StoreWriter(tempfile.mkdtemp() + "/store")
        >>> writer.prepare()
        >>> writer.abort()
        >>> writer.fs.exists(writer.tmp.root), writer.store.exists()
        (False, False)
        """
        if self.fs.exists(self.tmp.root):
            self.fs.rm(self.tmp.root, recursive=True)

    def finish(self, report: pd.DataFrame, manifest: dict) -> Store:
        """Write the last partition, the report and the manifest, and move the store into place.

        >>> import tempfile
        >>> from kit.corpus import load_corpus
        >>> corpus = load_corpus("tests/fixtures/webcopy")
        >>> writer = StoreWriter(tempfile.mkdtemp() + "/store")
        >>> writer.add(corpus.articles, corpus.paragraphs)
        >>> writer.finish(corpus.report, corpus.manifest).manifest["layout"]
        'store'
        """
        if self._n:
            self._flush(self._n)
        if not self.parts:  # an empty corpus: one empty partition
            arts, paras = self._first if self._first is not None else (pd.DataFrame(), pd.DataFrame())
            self._write(arts, paras)
        fs, tmp, store = self.fs, self.tmp, self.store
        with fs.open(tmp.join("report.csv"), "w", encoding="utf-8") as f:
            _write_report(report, f)
        manifest = dict(manifest, layout="store", partitions=self.parts)
        with fs.open(tmp.join("manifest.json"), "w", encoding="utf-8") as f:
            f.write(json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n")
        if self.old:
            if store.manifest.get("fingerprint") == manifest["fingerprint"] and fs.isdir(store.join("derived")):
                fs.mv(store.join("derived"), tmp.join("derived"), recursive=True)
            fs.rm(store.root, recursive=True)
        elif fs.exists(store.root):
            fs.rm(store.root, recursive=True)  # an empty folder
        fs.mv(tmp.root, store.root, recursive=True)
        return Store(self.out)


def write_partition(fs, store: Store, name: str, arts: pd.DataFrame, paras: pd.DataFrame) -> None:
    """Partition ``name`` of the articles and paragraphs tables in ``store`` (whose folders exist).

    >>> import tempfile
    >>> store = Store(tempfile.mkdtemp())
    >>> for folder in ("articles", "paragraphs"):
    ...     store.fs.makedirs(store.join(folder), exist_ok=True)
    >>> write_partition(store.fs, store, "part-00000", pd.DataFrame({"doc_id": ["a"]}),
    ...                 pd.DataFrame({"doc_id": ["a", "a"], "para_no": [0, 1]}))
    >>> len(pd.read_parquet(store.join("paragraphs", "part-00000.parquet")))
    2
    """
    _write_parquet(fs, store.join("articles", f"{name}.parquet"), arts.reset_index(drop=True))
    _write_parquet(fs, store.join("paragraphs", f"{name}.parquet"), paras.reset_index(drop=True))


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

    ``out`` is a folder (local or an fsspec URL) that becomes a store (see :class:`Store`), written
    partition by partition without holding the corpus in memory (:func:`kit.corpus.stream.ingest_store`:
    large JSONL/CSV exports are read in byte ranges by several processes); the returned
    :class:`~kit.corpus.stream.StoredCorpus` reads its articles from the store when asked. A path
    ending in ``.parquet`` writes the older single-file layout instead (built in memory) and returns
    the :class:`Corpus`. Sources are only read, never written.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "corpus"
    >>> c = ingest(["tests/fixtures/webcopy"], out)
    >>> sorted(p.name for p in out.iterdir())
    ['articles', 'manifest.json', 'paragraphs', 'report.csv']
    >>> single = ingest(["tests/fixtures/webcopy"], out.parent / "c.parquet")
    >>> sorted(p.name for p in out.parent.iterdir() if p.name.startswith("c."))
    ['c.manifest.json', 'c.paragraphs.parquet', 'c.parquet', 'c.report.csv']
    """
    if not str(out).endswith(".parquet"):
        from kit.corpus.stream import ingest_store

        return ingest_store(sources, out, partition_size=partition_size, **kwargs)
    corpus = build_corpus(sources, **kwargs)
    _write_single_file(corpus, out)
    return corpus


def store_paths(out: str | os.PathLike) -> dict[str, str]:
    """Where :func:`ingest` writes the articles, report and manifest for ``out`` (either layout).

    >>> store_paths("c.parquet")
    {'articles': 'c.parquet', 'paragraphs': 'c.paragraphs.parquet', 'manifest': 'c.manifest.json', 'report': 'c.report.csv'}
    >>> store_paths("corpus")["manifest"].endswith("corpus/manifest.json")
    True
    """
    if str(out).endswith(".parquet"):
        return {k: str(v) for k, v in _paths(out).items()}
    s = Store(out)
    return {"articles": s.join("articles") + "/", "paragraphs": s.join("paragraphs") + "/",
            "manifest": s.join("manifest.json"), "report": s.join("report.csv")}


def is_store(path) -> bool:
    """True when ``path`` (a path or URL) is a store folder written by :func:`write_store`.

    >>> is_store("tests/fixtures/webcopy"), is_store("no/such/folder")  # sources, and nothing
    (False, False)
    """
    if not isinstance(path, (str, os.PathLike)):
        return False
    if "://" not in str(path) and not os.path.isdir(path):
        return False  # a local path that is no folder (e.g. an export): fsspec need not be imported
    try:
        return Store(path).exists()
    except (ValueError, ImportError, OSError):
        return False


def is_ingested(path: str | os.PathLike) -> bool:
    """True when ``path`` is a corpus written by :func:`ingest` (a store folder or a ``.parquet`` file).

    >>> import tempfile
    >>> from kit.corpus import ingest
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = ingest(["tests/fixtures/webcopy"], out)
    >>> is_ingested(out), is_ingested("tests/fixtures/webcopy")
    (True, False)
    """
    if is_store(path):
        return True
    p = _paths(path)
    return str(path).endswith(".parquet") and p["articles"].is_file() and p["manifest"].is_file()


def load_corpus(path: str | os.PathLike | Iterable[str | os.PathLike], *, paragraphs: bool = True,
                columns: list[str] | None = None, text: bool = True, **kwargs) -> Corpus:
    """A :class:`Corpus` from a store folder, an ingested ``.parquet`` file or from sources (read on the fly).

    ``paragraphs=False`` leaves the paragraphs table empty: not read from a store or ``.parquet``
    file, not built from sources. ``columns`` reads only these article columns from a store or
    ``.parquet`` file (see :meth:`Store.corpus`), or builds only these from sources (see
    :func:`~kit.corpus.ingest.build_corpus`). ``text=False`` leaves out the ``text`` column of a
    store (a report that counts and lists articles, or reads the texts later one partition at a
    time: :mod:`kit.analyse.reading`); a single ``.parquet`` file and sources read on the fly keep
    it, since the tables of a corpus that is not a store are computed from its articles in memory. Other keyword arguments go to :func:`~kit.corpus.ingest.build_corpus` when
    sources are read.

    >>> load_corpus("tests/fixtures/webcopy").articles.shape[0] >= 1
    True
    """
    if is_store(path):
        return Store(path).corpus(paragraphs=paragraphs, columns=columns, text=text)
    if isinstance(path, (str, os.PathLike)) and str(path).endswith(".parquet"):
        if not is_ingested(path):
            raise KitError(f"{path}: not an ingested corpus (expected {Path(path).name} with a .manifest.json beside it; "
                           "make one with `kit ingest SOURCES --out FOLDER`)")
        p = _paths(path)
        articles = pd.read_parquet(p["articles"], columns=columns)
        for col in _LIST_COLUMNS:
            if col in articles.columns:
                articles[col] = articles[col].map(lambda v: [] if v is None else list(v))
        paras = (pd.read_parquet(p["paragraphs"]) if paragraphs and p["paragraphs"].is_file()
                 else pd.DataFrame(columns=list(PARAGRAPH_COLUMNS)))
        report = (restore_frame(pd.read_csv(p["report"], dtype={"line": "Int64", "record": "Int64"})) if p["report"].is_file()
                  else pd.DataFrame(columns=REPORT_COLUMNS))
        manifest = json.loads(p["manifest"].read_text(encoding="utf-8"))
        return Corpus(articles, paras, report, manifest)
    paths = [path] if isinstance(path, (str, os.PathLike)) else list(path)
    missing = [str(p) for p in paths if not Path(p).exists()]
    if len(missing) == len(paths):  # some missing among others become rejections in the report
        raise KitError(f"no such file or folder: {', '.join(missing)}")
    return build_corpus(paths, paragraphs=paragraphs, columns=columns, **kwargs)
