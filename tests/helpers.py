"""Helpers shared by test modules (plain functions, imported as ``from helpers import ...``; pytest
puts ``tests/`` on ``sys.path`` because the folder is not a package)."""
from __future__ import annotations

import warnings

import pandas as pd

from kit.quotes import extract_quotes
from kit.readers import read_one
from kit.schema import Article


def paras(*texts: str, doc_id: str = "x", roles=None) -> pd.DataFrame:
    """The paragraphs table of one article ``doc_id`` whose paragraphs are ``texts``, numbered from 0,
    in the roles ``roles`` (default: all body)."""
    roles = roles or ["body"] * len(texts)
    return pd.DataFrame({"doc_id": doc_id, "para_no": range(len(texts)), "role": roles, "text": list(texts)})


def quotes(*texts: str) -> pd.DataFrame:
    """The full and partial quotes of one article whose body paragraphs are ``texts``, numbered from 0."""
    q = extract_quotes(paras(*texts))
    return q[q["kind"].isin(["full", "partial"])].reset_index(drop=True)


def speakers(*texts: str) -> list:
    """The speakers of the full and partial quotes of one article whose body paragraphs are ``texts``, in order."""
    return quotes(*texts)["speaker"].tolist()


def speaker_and_rule(q: pd.DataFrame, i: int) -> tuple:
    """(speaker, speaker_rule) of row ``i`` of a quotes table."""
    return q.loc[i, "speaker"], q.loc[i, "speaker_rule"]


def read_articles(name: str, data: bytes) -> tuple[list, list]:
    """(articles, rejections) that ``read_one`` gives for the bytes ``data`` read as ``fixtures/<name>``,
    warnings silenced; fails when a reader crashed (a rejection ``... reader failed``)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = [r for _, r in read_one(data, f"fixtures/{name}")]
    arts = [r for r in out if isinstance(r, Article)]
    rejs = [r for r in out if not isinstance(r, Article)]
    assert all("reader failed" not in r.reason for r in rejs), [r.reason for r in rejs]
    return arts, rejs


def frames_dev_folder(tmp_path, texts: list[str]):
    """A ``frames-dev`` folder under ``tmp_path`` whose ``articles.csv`` holds ``texts`` (ids 1, 2, ...;
    outlets x, y, ...; dates from 2019-01-02), the layout the frames-dev evaluations read."""
    root = tmp_path / "frames-dev"
    root.mkdir()
    n = len(texts)
    pd.DataFrame({"id": range(1, n + 1), "outlet": [chr(ord("x") + i % 3) for i in range(n)],
                  "date": [f"2019-01-{i + 2:02d}" for i in range(n)], "text": texts}).to_csv(
        root / "articles.csv", index=False)
    return root
