"""Frequency tables of tidy counts: frequencies, trimming, tf-idf.

- **frequencies**: ``n`` per term (per group), ``freq`` = n / all counts of the group,
  ``per_million`` = freq x 1e6, ``doc_freq`` = documents containing the term.
- **tf-idf**: tf = n / tokens in the document, idf = ln(N / df) (N documents, df documents
  containing the term), tf-idf = tf x idf.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kit.errors import KitValueError
from kit.terms._args import as_list, check_counts, renamed

__all__ = ["frequencies", "trim", "tf_idf"]


@renamed(group="group_by")
def frequencies(
    counts: pd.DataFrame,
    *,
    group_by: str | Sequence[str] | None = None,
    term_col: str = "term",
    n_col: str = "n",
    doc_col: str = "doc_id",
    top: int | None = None,
) -> pd.DataFrame:
    """Frequency table of terms, overall or per group.

    Parameters
    ----------
    counts : DataFrame
        Tidy counts (``term``, ``n``, optionally ``doc_id`` and group columns), e.g. from
        :func:`kit.terms.count_terms`.
    group_by : str, list of str or None
        Columns of ``counts`` to compute the table for each value of (e.g. ``"outlet"``, or
        ``"month"`` when the counts were made with ``count_terms(..., group_by="month")``).
        (Formerly ``group``.)
    top : int or None
        The ``top`` most frequent terms of each group only (``freq`` still the share of all the
        group's counts), e.g. for a table of each group's top terms; None: every term.

    Returns
    -------
    DataFrame
        [group columns], ``term``, ``n`` (total count), ``freq`` (n / all counts of the group),
        ``per_million`` (freq x 1e6), ``doc_freq`` (documents of the group containing the term;
        missing when ``counts`` has no ``doc_id``). Sorted by group, then ``n`` descending, then term.

    Examples
    --------
    >>> counts = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["trade", "war", "trade"], "n": [3, 1, 1]})
    >>> frequencies(counts).values.tolist()
    [['trade', 4, 0.8, 800000.0, 2], ['war', 1, 0.2, 200000.0, 1]]
    >>> frequencies(counts, top=1)["term"].tolist()
    ['trade']
    """
    gcols = as_list(group_by)
    check_counts(counts, gcols, term_col, n_col)
    if top is not None and (not isinstance(top, (int, np.integer)) or isinstance(top, bool) or top < 0):
        raise KitValueError(f"top must be a non-negative integer, got {top!r}")
    keys = [*gcols, term_col]
    if doc_col in counts.columns:
        agg = counts.groupby(keys, sort=False, dropna=False)[n_col].sum().rename("n").reset_index()
        df = counts[counts[n_col] > 0].groupby(keys, sort=False, dropna=False)[doc_col].nunique().rename("doc_freq").reset_index()
        agg = agg.merge(df, on=keys, how="left")
        agg["doc_freq"] = agg["doc_freq"].fillna(0).astype("int64")
    elif "n_docs" in counts.columns:  # counts per group (kit.analyse.group_counts): documents add up
        # one grouping for both sums (documents only where the term occurs): as a merge of two, faster
        both = counts[[*keys, n_col]].assign(doc_freq=counts["n_docs"].where(counts[n_col] > 0, 0))
        agg = both.groupby(keys, sort=False, dropna=False)[[n_col, "doc_freq"]].sum().reset_index()
        agg = agg.rename(columns={n_col: "n"}) if n_col != "n" else agg
        agg["doc_freq"] = agg["doc_freq"].astype("int64")
    else:
        agg = counts.groupby(keys, sort=False, dropna=False)[n_col].sum().rename("n").reset_index()
        agg["doc_freq"] = pd.NA
    return _frequency_table(agg.rename(columns={term_col: "term"}), gcols, top)


def _frequency_table(agg: pd.DataFrame, gcols: list[str], top: int | None, total=None) -> pd.DataFrame:
    """The end of :func:`frequencies`, from one row per group and term (``[gcols], term, n, doc_freq``):
    shares, the ``top`` rows of each group, the order. ``total`` (no groups only): the sum of all
    counts when ``agg`` holds only the rows that can be among the ``top`` (see
    :func:`kit.terms.counts.term_totals`); the rows' own sum otherwise."""
    if total is None:
        total = agg.groupby(gcols, dropna=False)["n"].transform("sum") if gcols else agg["n"].sum()
    agg["freq"] = agg["n"] / total
    agg["per_million"] = agg["freq"] * 1e6
    if top is not None:
        agg = agg[_within_top(agg, gcols, top)]
    agg = agg.sort_values([*gcols, "n", "term"], ascending=[True] * len(gcols) + [False, True], kind="stable")
    if top is not None:
        agg = agg.groupby(gcols, sort=False, dropna=False).head(top) if gcols else agg.head(top)
    return agg[[*gcols, "term", "n", "freq", "per_million", "doc_freq"]].reset_index(drop=True)


def _within_top(agg: pd.DataFrame, gcols: list[str], top: int) -> np.ndarray:
    """Rows whose ``n`` reaches the ``top``-th largest ``n`` of their group (ties kept): the only
    rows that can be among a group's ``top`` first, so only they need sorting by term."""
    if top == 0 or agg.empty:
        return np.zeros(len(agg), dtype=bool)
    codes = agg.groupby(gcols, sort=False, dropna=False).ngroup().to_numpy() if gcols else np.zeros(len(agg), dtype=np.int64)
    n = agg["n"].to_numpy()
    order = np.lexsort((-n, codes))  # by group, n descending
    codes_sorted, n_sorted = codes[order], n[order]
    starts = np.flatnonzero(np.r_[True, codes_sorted[1:] != codes_sorted[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    nth = n_sorted[starts + np.minimum(sizes, top) - 1]  # the top-th largest n of each group
    threshold = np.empty(codes.max() + 1, dtype=n.dtype)
    threshold[codes_sorted[starts]] = nth
    return n >= threshold[codes]


def trim(
    counts: pd.DataFrame,
    *,
    min_count: int = 1,
    min_docs: int = 1,
    max_doc_share: float = 1.0,
    term_col: str = "term",
    n_col: str = "n",
    doc_col: str = "doc_id",
) -> pd.DataFrame:
    """Keep only the rows of terms frequent enough overall.

    A term is kept when its total count is at least ``min_count``, it occurs in at least
    ``min_docs`` documents and in at most ``max_doc_share`` of all documents.

    Examples
    --------
    >>> counts = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["trade", "war", "trade"], "n": [3, 1, 1]})
    >>> trim(counts, min_docs=2)["term"].tolist()
    ['trade', 'trade']
    """
    check_counts(counts, [doc_col], term_col, n_col)
    for name, v in (("min_count", min_count), ("min_docs", min_docs)):
        if not isinstance(v, (int, np.integer)) or v < 0:
            raise KitValueError(f"{name} must be a non-negative integer, got {v!r}")
    if not 0 < max_doc_share <= 1:
        raise KitValueError(f"max_doc_share must be in (0, 1], got {max_doc_share!r}")
    pos = counts[counts[n_col] > 0]
    n_docs = counts[doc_col].nunique()
    tot = counts.groupby(term_col)[n_col].sum()
    df = pos.groupby(term_col)[doc_col].nunique().reindex(tot.index, fill_value=0)
    keep = tot.index[(tot >= min_count) & (df >= min_docs) & (df <= max_doc_share * n_docs)]
    return counts[counts[term_col].isin(keep)].reset_index(drop=True)


def tf_idf(
    counts: pd.DataFrame, *, term_col: str = "term", n_col: str = "n", doc_col: str = "doc_id"
) -> pd.DataFrame:
    """Add ``tf``, ``idf`` and ``tf_idf`` to tidy counts (formulas in the module docs).

    Examples
    --------
    >>> counts = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["trade", "war", "trade"], "n": [3, 1, 1]})
    >>> tf_idf(counts)[["term", "tf", "tf_idf"]].round(4).values.tolist()
    [['trade', 0.75, 0.0], ['war', 0.25, 0.1733], ['trade', 1.0, 0.0]]
    """
    check_counts(counts, [doc_col], term_col, n_col)
    out = counts.copy()
    n_docs = out[doc_col].nunique()
    out["tf"] = out[n_col] / out.groupby(doc_col)[n_col].transform("sum")
    dfreq = out[out[n_col] > 0].groupby(term_col)[doc_col].nunique()
    out["idf"] = np.log(n_docs / out[term_col].map(dfreq).astype(float))
    out["tf_idf"] = out["tf"] * out["idf"]
    return out
