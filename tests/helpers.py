"""Helpers shared by test modules (plain functions, imported as ``from helpers import ...``; pytest
puts ``tests/`` on ``sys.path`` because the folder is not a package)."""
from __future__ import annotations

import warnings

import pandas as pd

from kit.quotes import extract_quotes
from kit.readers import read_one
from kit.schema import Article


def quotes(*texts: str) -> pd.DataFrame:
    """The full and partial quotes of one article whose body paragraphs are ``texts``, numbered from 0."""
    p = pd.DataFrame({"doc_id": "x", "para_no": range(len(texts)), "role": "body", "text": list(texts)})
    q = extract_quotes(p)
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
