"""Corpus overview tables: what is in the corpus, from whom, when, and how long.

Every function takes the articles table (``kit.schema.ARTICLE_COLUMNS``) and returns a new
tidy DataFrame; none modifies its input.
"""
from __future__ import annotations

import re

import pandas as pd

from kit.schema import group_labels
from kit.errors import KitError

_FREQS = {"D": "day", "W": "week (starting Monday)", "M": "month", "Q": "quarter", "Y": "year"}


def _check_group(articles: pd.DataFrame, group: str) -> None:
    if group not in articles.columns:
        raise KitError(f"unknown group column '{group}'; the articles table has: {', '.join(articles.columns)}")


def _group_values(articles: pd.DataFrame, group: str) -> pd.Series:
    return group_labels(articles[group])


def _date_bound(value, name: str) -> pd.Timestamp:
    """A ``start`` / ``end`` bound as a UTC midnight timestamp; anything but a date or ISO text fails loudly."""
    import datetime as dt

    if isinstance(value, bool) or not isinstance(value, (str, dt.date)):  # dt.datetime and pd.Timestamp are dates too
        raise KitError(f"{name} must be a date as text ('YYYY-MM-DD'), a date, or None; got {type(value).__name__} "
                       f"{value!r} (a year alone is not a date: write '2023-01-01')")
    if isinstance(value, str):
        if not re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}([T ][0-9:.]+)?(Z|[+-]\d{2}:?\d{2})?\s*", value):
            raise KitError(f"{name} must be a date written 'YYYY-MM-DD', got {value!r}")
        try:
            ts = pd.Timestamp(value.strip())
        except ValueError as e:
            raise KitError(f"{name} is not a valid date: {value!r} ({e})") from None
    else:
        ts = pd.Timestamp(value)
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    return ts.normalize()


def filter_dates(articles: pd.DataFrame, *, start=None, end=None) -> pd.DataFrame:
    """Articles published from ``start`` to ``end`` (both inclusive days; None for open).

    ``start`` and ``end`` are ISO dates as text (``"2023-06-01"``), ``datetime.date`` or
    ``datetime.datetime`` / ``pd.Timestamp`` values (their UTC day counts); anything else (a
    number such as ``2023``, a word) raises :class:`~kit.errors.KitError`, so a bad bound never
    silently keeps every article. With no bound every article is kept, dated or not; with a bound,
    undated articles are left out (count them with ``articles['published'].isna().sum()`` before
    filtering).

    Examples
    --------
    >>> a = pd.DataFrame({"published": pd.to_datetime(["2023-02-04", "2023-06-18", None], utc=True)})
    >>> len(filter_dates(a, start="2023-06-01")), len(filter_dates(a))
    (1, 3)
    >>> filter_dates(a, start=2023)
    Traceback (most recent call last):
    ...
    kit.errors.KitError: start must be a date as text ('YYYY-MM-DD'), a date, or None; got int 2023 (a year alone is not a date: write '2023-01-01')
    """
    lo = None if start is None else _date_bound(start, "start")
    hi = None if end is None else _date_bound(end, "end")
    if lo is None and hi is None:
        return articles.copy()
    pub = articles["published"]
    keep = pub.notna()
    if lo is not None:
        keep &= pub >= lo
    if hi is not None:
        keep &= pub < hi + pd.Timedelta(days=1)
    return articles[keep].copy()


def outlet_summary(articles: pd.DataFrame, *, group: str = "outlet") -> pd.DataFrame:
    """Articles and words per group, with length statistics and the date span.

    Returns columns ``<group>, n_articles, n_words, share_articles, mean_words, median_words,
    min_words, max_words, first_published, last_published, n_undated``, largest group first.

    Examples
    --------
    >>> a = pd.DataFrame({"outlet": ["A", "A", "B"], "n_words": [100, 300, 250],
    ...                   "published": pd.to_datetime(["2023-02-04", "2023-06-18", None], utc=True)})
    >>> outlet_summary(a)[["outlet", "n_articles", "n_words", "median_words", "n_undated"]]
      outlet  n_articles  n_words  median_words  n_undated
    0      A           2      400         200.0          0
    1      B           1      250         250.0          1
    """
    _check_group(articles, group)
    df = articles.assign(_g=_group_values(articles, group))
    g = df.groupby("_g", sort=True)
    out = pd.DataFrame({
        "n_articles": g.size(),
        "n_words": g["n_words"].sum(),
        "mean_words": g["n_words"].mean().round(1),
        "median_words": g["n_words"].median().astype(float),
        "min_words": g["n_words"].min(),
        "max_words": g["n_words"].max(),
        "first_published": g["published"].min(),
        "last_published": g["published"].max(),
        "n_undated": g["published"].apply(lambda s: int(s.isna().sum())),
    })
    out.insert(1, "share_articles", (out["n_articles"] / out["n_articles"].sum()).round(4))
    out = out.rename_axis(group).reset_index()
    out = out.sort_values(["n_articles", group], ascending=[False, True], kind="stable").reset_index(drop=True)
    return out[[group, "n_articles", "n_words", "share_articles", "mean_words", "median_words", "min_words",
                "max_words", "first_published", "last_published", "n_undated"]]


def coverage_over_time(articles: pd.DataFrame, *, group: str = "outlet", freq: str = "M") -> pd.DataFrame:
    """Articles and words per period and group, with empty periods filled with zeros.

    ``freq`` is one of D (day), W (week starting Monday), M (month), Q (quarter), Y (year).
    Undated articles are left out. Returns ``period_start`` (UTC date of the period's first day),
    ``<group>``, ``n_articles``, ``n_words``.

    Examples
    --------
    >>> a = pd.DataFrame({"outlet": ["A", "A", "B"], "n_words": [100, 300, 250],
    ...                   "published": pd.to_datetime(["2023-02-04", "2023-04-18", "2023-02-10"], utc=True)})
    >>> coverage_over_time(a, freq="M")
      period_start outlet  n_articles  n_words
    0   2023-02-01      A           1      100
    1   2023-02-01      B           1      250
    2   2023-03-01      A           0        0
    3   2023-03-01      B           0        0
    4   2023-04-01      A           1      300
    5   2023-04-01      B           0        0
    """
    if freq not in _FREQS:
        raise KitError(f"unknown freq '{freq}'; choose one of " + ", ".join(f"{k} ({v})" for k, v in _FREQS.items()))
    _check_group(articles, group)
    dated = articles[articles["published"].notna()]
    cols = ["period_start", group, "n_articles", "n_words"]
    if dated.empty:
        return pd.DataFrame(columns=cols)
    pandas_freq = {"D": "D", "W": "W-SUN", "M": "M", "Q": "Q", "Y": "Y"}[freq]
    periods = dated["published"].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period(pandas_freq)
    df = dated.assign(_p=periods, _g=_group_values(dated, group))
    counts = df.groupby(["_p", "_g"]).agg(n_articles=("n_words", "size"), n_words=("n_words", "sum"))
    full = pd.MultiIndex.from_product(
        [pd.period_range(periods.min(), periods.max(), freq=pandas_freq), sorted(df["_g"].unique())], names=["_p", "_g"])
    counts = counts.reindex(full, fill_value=0).reset_index()
    counts["period_start"] = counts["_p"].map(lambda p: p.start_time.date())
    return counts.rename(columns={"_g": group})[cols].astype({"n_articles": "int64", "n_words": "int64"})


def ingest_summary(report: pd.DataFrame) -> pd.DataFrame:
    """Rejections and flags of an ingest report, counted by status and reason.

    Reasons are grouped by their text up to the first parenthesis or colon, with ids and dates
    replaced, so "exact duplicate of X" and "exact duplicate of Y" count together. Returns ``status, reason, n``.

    Examples
    --------
    >>> r = pd.DataFrame({"status": ["flagged", "flagged", "rejected"],
    ...                   "reason": ["exact duplicate of 5a0f7e220b35dea5 (same body text)",
    ...                              "exact duplicate of 4f2dfc352a644ead (same body text)",
    ...                              "empty file"]})
    >>> ingest_summary(r)
         status                  reason  n
    0   flagged  exact duplicate of ...  2
    1  rejected              empty file  1
    """
    if report.empty:
        return pd.DataFrame({"status": pd.Series(dtype=str), "reason": pd.Series(dtype=str), "n": pd.Series(dtype="int64")})
    kind = (report["reason"].astype(str).str.replace(r"\s*[(:].*$", "", regex=True)
            .str.replace(r"\b\d{4}-\d\d-\d\d\b", "YYYY-MM-DD", regex=True)
            .str.replace(r"\b(of|from) [0-9a-f]{8,}(-\d+)?\b.*$", r"\1 ...", regex=True).str.strip())
    out = report.assign(reason=kind).groupby(["status", "reason"]).size().rename("n").reset_index()
    return out.sort_values(["status", "n", "reason"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


def article_listing(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article with where it came from, oldest first (undated last).

    Returns ``doc_id, published, outlet, title, n_words, authors, source_format, source_path,
    source_record`` (``authors`` joined with "; ").

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["b", "a"], "published": pd.to_datetime(["2023-06-18", "2023-02-04"], utc=True),
    ...                   "outlet": ["X", "Y"], "title": ["Later", "Earlier"], "n_words": [10, 20],
    ...                   "authors": [["A One", "B Two"], []], "source_format": ["html", "jsonl"],
    ...                   "source_path": ["p1", "p2"], "source_record": [1, 3]})
    >>> article_listing(a)[["doc_id", "title", "authors"]]
      doc_id    title         authors
    0      a  Earlier
    1      b    Later  A One; B Two
    """
    cols = ["doc_id", "published", "outlet", "title", "n_words", "authors", "source_format", "source_path",
            "source_record"]
    out = articles[cols].copy()
    out["authors"] = out["authors"].map(lambda v: "; ".join(v) if isinstance(v, (list, tuple)) else (v or ""))
    return out.sort_values(["published", "doc_id"], na_position="last", kind="stable").reset_index(drop=True)
