"""Groups of articles: the one ``group_by`` vocabulary of every analysis function.

``group_by`` is always one of:

- a **column** of the articles table (``"outlet"``, ``"section"``, ...): its values as text, a
  missing value labelled :data:`UNKNOWN` (never dropped);
- a **period** of ``published``, one of :data:`PERIODS` (``day``, ``week``, ``month``,
  ``quarter``, ``year``): the period as text (``2023-06-18``, ``2023-06-12`` for the week starting
  that Monday, ``2023-06``, ``2023Q2``, ``2023``), undated articles labelled :data:`UNDATED`;
- **None**: every article in one group :data:`ALL` (the result's group column is then ``group``).

A column named like a period (``month``) wins over the period. Plot functions keep ``group=`` for
a column of an already grouped table (see :mod:`kit.plots`).
"""
from __future__ import annotations

import pandas as pd

from kit.errors import KitValueError
from kit.validate import check_frame

__all__ = ["UNKNOWN", "UNDATED", "ALL", "PERIODS", "PERIOD_FREQ", "group_labels", "group_column", "group_series",
           "group_name", "check_group_by", "period_of"]

#: Label of a missing value of a grouping column, in every grouped table and figure.
UNKNOWN = "(unknown)"
#: Label of an article without a publication date when grouping by a period.
UNDATED = "(undated)"
#: The one group when ``group_by`` is None.
ALL = "all"

#: The periods ``group_by`` accepts, with what they mean.
PERIODS: dict[str, str] = {
    "day": "calendar day (UTC)",
    "week": "week starting Monday (UTC)",
    "month": "calendar month (UTC)",
    "quarter": "calendar quarter (UTC)",
    "year": "calendar year (UTC)",
}

#: The pandas period frequency of each period (weeks end on Sunday, so they start on Monday).
PERIOD_FREQ: dict[str, str] = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}

#: How each period is written as a group label (``strftime``; quarters use pandas' ``2023Q2``).
_PERIOD_LABEL: dict[str, str | None] = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "quarter": None,
                                        "year": "%Y"}


def group_labels(values: pd.Series) -> pd.Series:
    """Group values as text, a missing value labelled :data:`UNKNOWN` (never dropped).

    >>> group_labels(pd.Series(["Wire", None, 3])).tolist()
    ['Wire', '(unknown)', '3']
    """
    return values.astype("object").where(values.notna(), UNKNOWN).astype(str)


def group_name(group_by: str | None) -> str:
    """The column that holds the groups in a result table: ``group_by``, or ``group`` for None.

    >>> group_name("outlet"), group_name(None)
    ('outlet', 'group')
    """
    return "group" if group_by is None else group_by


def check_group_by(articles: pd.DataFrame, group_by: str | None, *, what: str = "articles") -> str | None:
    """``group_by`` when ``articles`` can be grouped by it (see the module docs), else
    :class:`~kit.errors.KitValueError` listing what is accepted.

    >>> check_group_by(pd.DataFrame({"outlet": []}), "month")
    Traceback (most recent call last):
    ...
    kit.errors.KitValueError: group_by='month' needs a 'published' column in articles
    """
    check_frame(articles, what)
    if group_by is None or group_by in articles.columns:
        return group_by
    if group_by in PERIODS:
        if "published" not in articles.columns:
            raise KitValueError(f"group_by={group_by!r} needs a 'published' column in {what}")
        return group_by
    raise KitValueError(f"unknown group_by {group_by!r}; use a column of {what} ({', '.join(map(str, articles.columns))}), "
                        f"one of {', '.join(PERIODS)}, or None")


def period_of(published: pd.Series, period: str) -> pd.Series:
    """The ``period`` label (see the module docs) of every timestamp; :data:`UNDATED` where missing.

    >>> period_of(pd.Series(pd.to_datetime(["2023-06-18", None], utc=True)), "week").tolist()
    ['2023-06-12', '(undated)']
    """
    if period not in PERIODS:
        raise KitValueError(f"unknown period {period!r}; choose one of {', '.join(PERIODS)}")
    pub = pd.to_datetime(published, utc=True, errors="coerce")
    naive = pub.dt.tz_localize(None)
    if period == "week":
        vals = naive.dt.to_period(PERIOD_FREQ["week"]).dt.start_time.dt.strftime(_PERIOD_LABEL["week"])
    elif period == "quarter":
        vals = naive.dt.to_period("Q").astype(str)
    else:
        vals = pub.dt.strftime(_PERIOD_LABEL[period])
    return vals.astype("object").where(pub.notna(), UNDATED)


def group_column(articles: pd.DataFrame, group_by: str | None) -> pd.Series:
    """The group of every row of ``articles`` (same index), as text.

    >>> a = pd.DataFrame({"outlet": ["A", None], "published": pd.to_datetime(["2023-06-18", None], utc=True)})
    >>> group_column(a, "outlet").tolist(), group_column(a, "month").tolist(), group_column(a, None).tolist()
    (['A', '(unknown)'], ['2023-06', '(undated)'], ['all', 'all'])
    """
    check_group_by(articles, group_by)
    if group_by is None:
        return pd.Series(ALL, index=articles.index, dtype="object")
    if group_by in articles.columns:
        return group_labels(articles[group_by]).astype("object")
    return period_of(articles["published"], group_by)


def group_series(articles: pd.DataFrame, group_by: str | None, *, id_col: str = "doc_id",
                 what: str = "articles") -> pd.Series:
    """The group of every article, indexed by its id (:func:`group_column` with the id column checked).

    >>> a = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", None]})
    >>> group_series(a, "outlet").to_dict()
    {'a': 'X', 'b': '(unknown)'}
    """
    check_frame(articles, what, hint="the articles table")
    if id_col not in articles.columns:
        raise KitValueError(f"{what} has no id column '{id_col}'; columns are {', '.join(map(str, articles.columns))} "
                            "(pass id_col= to name the id column)")
    return pd.Series(group_column(articles, group_by).to_numpy(), index=articles[id_col].to_numpy())
