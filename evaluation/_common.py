"""Helpers shared by the evaluation modules."""
from __future__ import annotations

import pathlib
import re
import unicodedata


def norm(text: str | None) -> str:
    """Compare text loosely: NFKC, case-folded, whitespace collapsed, typographic quotes made plain."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    return " ".join(text.split()).casefold()


def words(text: str | None) -> set[str]:
    """The set of word tokens of ``text`` (for comparing author lists written in different orders)."""
    return set(re.findall(r"\w+", norm(text)))


def share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def accuracy_row(devset: str, part, measure: str, baseline: float | None, *, interval: bool) -> dict:
    """Row ``devset, measure, kit, baseline, n`` of a hand-coded sample: the share of ``part`` (a table with
    columns ``doc_id`` and boolean ``right``, one row a coded item) that the kit gets right (None when
    empty), with ``low``, ``high`` when ``interval``: the 95% article bootstrap of
    :func:`kit.resample.bootstrap_ci` (2,000 resamples, seed 0; items cluster by article).

    >>> import pandas as pd
    >>> part = pd.DataFrame({"doc_id": ["a", "a", "b"], "right": [True, False, True]})
    >>> accuracy_row("frames-dev", part, "accuracy", None, interval=False)["kit"]
    0.6666666666666666
    """
    from kit.resample import bootstrap_ci

    row = {"devset": devset, "measure": measure, "kit": float(part["right"].mean()) if len(part) else None,
           "baseline": baseline, "n": int(len(part))}
    if interval and len(part):
        per = part.groupby("doc_id")["right"].agg(["sum", "size"])
        row["low"], row["high"] = bootstrap_ci(per["sum"].to_numpy(), per["size"].to_numpy(), n_boot=2000, seed=0)
    return row


def coded_root(devsets, devset: str, coding: pathlib.Path) -> pathlib.Path | None:
    """The folder ``devsets/devset`` of a hand-coded sample, or None when its ``articles.csv`` or the
    coding file ``coding`` is missing (the evaluation then returns no rows).

    >>> import tempfile
    >>> coded_root(tempfile.mkdtemp(), "frames-dev", pathlib.Path(__file__)) is None
    True
    """
    root = pathlib.Path(devsets) / devset
    return root if (root / "articles.csv").is_file() and coding.is_file() else None


def kit_quotes(root: pathlib.Path, doc_ids: set[str]):
    """The kit's quotes (every kind) of the articles ``doc_ids`` of the frames-dev folder ``root``, read
    as ``kit quotes ... --map published=date`` reads them, ``doc_id`` as text."""
    from kit.corpus import load_corpus
    from kit.quotes import extract_quotes

    corpus = load_corpus([str(root / "articles.csv")], column_map={"published": "date"})
    paras = corpus.paragraphs[corpus.paragraphs["doc_id"].astype(str).isin(doc_ids)]
    q = extract_quotes(paras)
    return q.assign(doc_id=q["doc_id"].astype(str))
