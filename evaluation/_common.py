"""Helpers shared by the evaluation modules."""
from __future__ import annotations

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
