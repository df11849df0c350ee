"""Helpers shared by test modules (plain functions, imported as ``from helpers import ...``; pytest
puts ``tests/`` on ``sys.path`` because the folder is not a package)."""
from __future__ import annotations

import pandas as pd

from kit.quotes import extract_quotes


def quotes(*texts: str) -> pd.DataFrame:
    """The full and partial quotes of one article whose body paragraphs are ``texts``, numbered from 0."""
    p = pd.DataFrame({"doc_id": "x", "para_no": range(len(texts)), "role": "body", "text": list(texts)})
    q = extract_quotes(p)
    return q[q["kind"].isin(["full", "partial"])].reset_index(drop=True)


def speaker_and_rule(q: pd.DataFrame, i: int) -> tuple:
    """(speaker, speaker_rule) of row ``i`` of a quotes table."""
    return q.loc[i, "speaker"], q.loc[i, "speaker_rule"]
