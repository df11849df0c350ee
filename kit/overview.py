"""Corpus overview tables: what is in the corpus, from whom, when, and how long.

Every function takes the articles table (``kit.schema.ARTICLE_COLUMNS``) and returns a new
tidy DataFrame; none modifies its input.
"""
from __future__ import annotations

import re

import pandas as pd

from kit.deprecation import renamed_keywords, warn_renamed
from kit.errors import KitTypeError, KitValueError
from kit.groups import PERIOD_FREQ, PERIODS, check_group_by, group_column, group_name
from kit.validate import check_choice, require_columns

#: The old one-letter ``freq`` codes of :func:`coverage_over_time` and the period each means.
_FREQ_CODES = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}

#: A date bound written as text: ``YYYY-MM-DD``, optionally a time and a UTC offset.
_ISO_DATE = re.compile(
    r"""
    \s*\d{4}-\d{2}-\d{2}         # the date: 2023-06-18
    ([T\ ][0-9:.]+)?            # optional time after T or a space: T14:30, 14:30:00.5
    (Z|[+-]\d{2}:?\d{2})?        # optional zone: Z, +08:00, -0500
    \s*
    """,
    re.VERBOSE,
)

#: Rewrites that turn an ingest report's reason into its kind, applied in order (pattern, replacement).
_REASON_KIND = [
    (re.compile(r"""\s*[(:].*$   # everything from the first parenthesis or colon: the details""", re.VERBOSE), ""),
    (re.compile(r"""\b\d{4}-\d\d-\d\d\b   # a date""", re.VERBOSE), "YYYY-MM-DD"),
    (re.compile(r"""\b(of|from)\ [0-9a-f]{8,}(-\d+)?\b.*$   # "of <doc id>" or "from <doc id>-<n>" and the rest""",
                re.VERBOSE), r"\1 ..."),
]


def _date_bound(value, name: str) -> pd.Timestamp:
    """A ``start`` / ``end`` bound as a UTC midnight timestamp; anything but a date or ISO text fails loudly."""
    import datetime as dt

    if isinstance(value, bool) or not isinstance(value, (str, dt.date)):  # dt.datetime and pd.Timestamp are dates too
        raise KitTypeError(f"{name} must be a date as text ('YYYY-MM-DD'), a date, or None; got {type(value).__name__} "
                       f"{value!r} (a year alone is not a date: write '2023-01-01')")
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value):
            raise KitValueError(f"{name} must be a date written 'YYYY-MM-DD', got {value!r}")
        try:
            ts = pd.Timestamp(value.strip())
        except ValueError as e:
            raise KitValueError(f"{name} is not a valid date: {value!r} ({e})") from None
    else:
        ts = pd.Timestamp(value)
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    return ts.normalize()


def filter_dates(articles: pd.DataFrame, *, start=None, end=None) -> pd.DataFrame:
    """Articles published from ``start`` to ``end`` (both inclusive days; None for open).

    ``start`` and ``end`` are ISO dates as text (``"2023-06-01"``), ``datetime.date`` or
    ``datetime.datetime`` / ``pd.Timestamp`` values (their UTC day counts); anything else (a
    number such as ``2023``, a word) raises :class:`~kit.errors.KitTypeError` /
    :class:`~kit.errors.KitValueError`, so a bad bound never
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
    kit.errors.KitTypeError: start must be a date as text ('YYYY-MM-DD'), a date, or None; got int 2023 (a year alone is not a date: write '2023-01-01')
    """
    lo = None if start is None else _date_bound(start, "start")
    hi = None if end is None else _date_bound(end, "end")
    if lo is None and hi is None:
        return articles.copy()
    require_columns(articles, ["published"], "articles")
    pub = articles["published"]
    keep = pub.notna()
    if lo is not None:
        keep &= pub >= lo
    if hi is not None:
        keep &= pub < hi + pd.Timedelta(days=1)
    return articles[keep].copy()


@renamed_keywords(group="group_by")
def outlet_summary(articles: pd.DataFrame, *, group_by: str | None = "outlet") -> pd.DataFrame:
    """Articles and words per group, with length statistics and the date span.

    ``group_by`` is a column of ``articles``, a period (``day``, ``week``, ``month``, ``quarter``,
    ``year``) or None (one group ``all``); see :mod:`kit.groups`. ``group=`` is its deprecated name.

    Returns columns ``<group_by>`` (``group`` for None), ``n_articles, n_words, share_articles,
    mean_words, median_words, min_words, max_words, first_published, last_published,
    n_undated``, largest group first.

    Examples
    --------
    >>> a = pd.DataFrame({"outlet": ["A", "A", "B"], "n_words": [100, 300, 250],
    ...                   "published": pd.to_datetime(["2023-02-04", "2023-06-18", None], utc=True)})
    >>> outlet_summary(a)[["outlet", "n_articles", "n_words", "median_words", "n_undated"]]
      outlet  n_articles  n_words  median_words  n_undated
    0      A           2      400         200.0          0
    1      B           1      250         250.0          1
    >>> outlet_summary(a, group_by="month")[["month", "n_articles"]].values.tolist()
    [['(undated)', 1], ['2023-02', 1], ['2023-06', 1]]
    """
    require_columns(articles, ["n_words", "published"], "articles")
    check_group_by(articles, group_by)
    name = group_name(group_by)
    df = articles.assign(_g=group_column(articles, group_by))
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
    out = out.rename_axis(name).reset_index()
    out = out.sort_values(["n_articles", name], ascending=[False, True], kind="stable").reset_index(drop=True)
    return out[[name, "n_articles", "n_words", "share_articles", "mean_words", "median_words", "min_words",
                "max_words", "first_published", "last_published", "n_undated"]]


def _period(period, freq) -> str:
    """The period of :func:`coverage_over_time`, with the deprecated ``freq`` codes mapped."""
    if freq is not None:
        warn_renamed("coverage_over_time(freq=...)", "coverage_over_time(period=...)", stacklevel=4)
        period = freq
    if period in _FREQ_CODES:
        warn_renamed(f"period={period!r}", f"period={_FREQ_CODES[period]!r}", stacklevel=4)
        period = _FREQ_CODES[period]
    return check_choice(period, "period", PERIODS, describe=PERIODS)


@renamed_keywords(group="group_by")
def coverage_over_time(articles: pd.DataFrame, *, group_by: str | None = "outlet", period: str = "month",
                       freq: str | None = None) -> pd.DataFrame:
    """Articles and words per period and group, with empty periods filled with zeros.

    ``period`` is one of ``day``, ``week`` (starting Monday), ``month``, ``quarter``, ``year``
    (the periods of :mod:`kit.groups`; ``freq=`` with the codes D, W, M, Q, Y is its deprecated
    form). ``group_by`` is a column of ``articles`` or None (one group ``all``). Undated articles
    are left out. Returns ``period_start`` (UTC date of the period's first day), ``<group_by>``
    (``group`` for None), ``n_articles``, ``n_words``.

    Examples
    --------
    >>> a = pd.DataFrame({"outlet": ["A", "A", "B"], "n_words": [100, 300, 250],
    ...                   "published": pd.to_datetime(["2023-02-04", "2023-04-18", "2023-02-10"], utc=True)})
    >>> coverage_over_time(a, period="month")
      period_start outlet  n_articles  n_words
    0   2023-02-01      A           1      100
    1   2023-02-01      B           1      250
    2   2023-03-01      A           0        0
    3   2023-03-01      B           0        0
    4   2023-04-01      A           1      300
    5   2023-04-01      B           0        0
    """
    period = _period(period, freq)
    require_columns(articles, ["n_words", "published"], "articles")
    check_group_by(articles, group_by)
    name = group_name(group_by)
    dated = articles[articles["published"].notna()]
    cols = ["period_start", name, "n_articles", "n_words"]
    if dated.empty:
        return pd.DataFrame(columns=cols)
    pandas_freq = PERIOD_FREQ[period]
    periods = dated["published"].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period(pandas_freq)
    df = dated.assign(_p=periods, _g=group_column(dated, group_by))
    counts = df.groupby(["_p", "_g"]).agg(n_articles=("n_words", "size"), n_words=("n_words", "sum"))
    full = pd.MultiIndex.from_product(
        [pd.period_range(periods.min(), periods.max(), freq=pandas_freq), sorted(df["_g"].unique())], names=["_p", "_g"])
    counts = counts.reindex(full, fill_value=0).reset_index()
    counts["period_start"] = counts["_p"].map(lambda p: p.start_time.date())
    return counts.rename(columns={"_g": name})[cols].astype({"n_articles": "int64", "n_words": "int64"})


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
    require_columns(report, ["status", "reason"], "report", hint="pass the ingest report")
    if report.empty:
        return pd.DataFrame({"status": pd.Series(dtype=str), "reason": pd.Series(dtype=str), "n": pd.Series(dtype="int64")})
    kind = report["reason"].astype(str)
    for pattern, repl in _REASON_KIND:
        kind = kind.str.replace(pattern, repl, regex=True)
    kind = kind.str.strip()
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
    require_columns(articles, cols, "articles")
    out = articles[cols].copy()
    out["authors"] = out["authors"].map(lambda v: "; ".join(v) if isinstance(v, (list, tuple)) else (v or ""))
    return out.sort_values(["published", "doc_id"], na_position="last", kind="stable").reset_index(drop=True)
