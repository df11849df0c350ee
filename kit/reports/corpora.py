"""The batch's corpora: each distinct source corpus ingested ONCE, then read by every run.

:func:`prepare_corpora` turns every ``corpus`` value of the planned runs into an ingested corpus
(a source path is ingested into the corpus store ``<out>/corpus/``; an ingested store folder or
``.parquet`` is used as it is) and
returns its facts (path, sources, fingerprint, article count) for provenance and the index.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any, Callable

from kit.errors import KitError
from kit.reports.plan import RunEntry


def corpus_paths(parquet: Path) -> dict[str, Path]:
    """The files of an ingested single-file corpus: ``articles``, ``manifest``, ``report``.

    >>> sorted(p.name for p in corpus_paths(Path("c/corpus.parquet")).values())
    ['corpus.manifest.json', 'corpus.parquet', 'corpus.report.csv']
    """
    stem = parquet.with_suffix("")
    return {"articles": parquet, "manifest": Path(f"{stem}.manifest.json"), "report": Path(f"{stem}.report.csv")}


def corpus_info(parquet: str | os.PathLike, *, sources: str | None = None) -> dict:
    """Path, fingerprint and counts of an ingested corpus (from its manifest; sha256 of the file otherwise);
    ``parquet`` is a store folder (:mod:`kit.corpus.store`) or a single-file ``.parquet`` corpus.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "corpus"
    >>> _ = default_ingest("tests/fixtures/webcopy", out)
    >>> info = corpus_info(out)
    >>> info["articles"], len(info["fingerprint"]), info["manifest"] == str(out / "manifest.json")
    (2, 64, True)
    """
    parquet = Path(parquet)
    paths = corpus_paths(parquet)
    if parquet.is_dir():  # a corpus store
        paths = {"articles": parquet / "articles", "manifest": parquet / "manifest.json", "report": parquet / "report.csv"}
    info: dict[str, Any] = {"path": str(parquet), "sources": sources, "manifest": None, "fingerprint": None,
                            "articles": None, "report": str(paths["report"]) if paths["report"].is_file() else None}
    if paths["manifest"].is_file():
        manifest = json.loads(paths["manifest"].read_text(encoding="utf-8"))
        info["manifest"] = str(paths["manifest"])
        info["fingerprint"] = manifest.get("fingerprint")
        info["articles"] = (manifest.get("counts") or {}).get("articles")
        info["kit_version"] = manifest.get("kit_version")
    if not info["fingerprint"] and parquet.is_file():
        info["fingerprint"] = "sha256:" + hashlib.sha256(parquet.read_bytes()).hexdigest()
    return info


def default_ingest(sources: str, out: Path):
    """Ingest ``sources`` into the store folder ``out`` with :func:`kit.corpus.ingest` (the batch's default).

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "corpus"
    >>> len(default_ingest("tests/fixtures/webcopy", out).articles), (out / "manifest.json").is_file()
    (2, True)
    """
    import kit.corpus

    return kit.corpus.ingest([sources], out)


def prepare_corpora(entries: list[RunEntry], batch_dir: Path, *, ingest: Callable | None = None,
                    log: Callable[[str], None] = print) -> dict[str, dict]:
    """Ingest every distinct source corpus of the runs once; returns corpus value -> corpus info.

    >>> import tempfile
    >>> from kit.reports.plan import RunEntry
    >>> batch = Path(tempfile.mkdtemp())
    >>> entries = [RunEntry(n, Path("nb.ipynb"), {}, {"corpus": "tests/fixtures/webcopy"}) for n in ("a", "b")]
    >>> corpora = prepare_corpora(entries, batch, log=lambda msg: None)  # ingested once for both runs
    >>> list(corpora), corpora["tests/fixtures/webcopy"]["path"] == str(batch / "corpus")
    (['tests/fixtures/webcopy'], True)
    """
    ingest = ingest or default_ingest
    done: dict[str, dict] = {}
    for e in entries:
        value = e.parameters.get("corpus")
        if not isinstance(value, str) or value in done:
            continue
        path = Path(value)
        if not path.exists():
            raise KitError(f"run '{e.name}': corpus not found: {value}")
        if path.is_dir() and (path / "manifest.json").is_file() and (path / "articles").is_dir():  # a store
            done[value] = corpus_info(path)
            continue
        if path.is_file() and path.suffix == ".parquet":
            if not corpus_paths(path)["manifest"].is_file():
                raise KitError(f"run '{e.name}': {value} is not an ingested corpus (no .manifest.json beside it); "
                               "pass the sources instead, or make it with `kit ingest`")
            done[value] = corpus_info(path)
            continue
        n = sum(1 for v in done.values() if v.get("sources"))
        folder = batch_dir / ("corpus" if n == 0 else f"corpus_{n + 1}")
        log(f"ingesting {value} -> {folder}")
        t0 = time.perf_counter()
        out = ingest_privately(value, folder, ingest)
        info = corpus_info(out, sources=value)
        info["ingest_seconds"] = round(time.perf_counter() - t0, 3)
        done[value] = info
    return done


def ingest_privately(sources: str, folder: Path, ingest: Callable) -> Path:
    """Ingest ``sources`` into a private folder beside ``folder`` and rename it into place when
    complete, so no reader ever sees a half-written corpus (and a stopped ingest leaves none).

    >>> import tempfile
    >>> batch = Path(tempfile.mkdtemp())
    >>> ingest_privately("tests/fixtures/webcopy", batch / "corpus", default_ingest) == batch / "corpus"
    True
    >>> sorted(p.name for p in batch.iterdir())  # no private folder left behind
    ['corpus']
    """
    private = folder.parent / f".kit-ingest-{os.getpid()}-{folder.name}"
    shutil.rmtree(private, ignore_errors=True)
    private.mkdir(parents=True)
    try:
        ingest(sources, private)  # the folder becomes the corpus store
        if folder.exists():
            old = folder.parent / f".kit-old-{os.getpid()}-{folder.name}"
            os.replace(folder, old)
            shutil.rmtree(old, ignore_errors=True)
        os.replace(private, folder)
    finally:
        shutil.rmtree(private, ignore_errors=True)
    return folder
