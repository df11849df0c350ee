"""Arguments shared by the term functions: tokenizer options, grouping, checks and renamed keywords.

One place decides what ``tokens=``, ``group_by=`` and an old keyword mean, so every function of
:mod:`kit.terms` reads them the same way.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from kit.deprecation import renamed_keywords as renamed  # noqa: F401 (re-exported for the term modules)
from kit.errors import KitTypeError, KitValueError
from kit.groups import PERIODS, check_group_by, period_of
from kit.text import TokenOptions
from kit.text import token_options as _token_options

#: The five tokenizer keywords every counting function also accepts one by one.
TOKEN_KEYWORDS = ("stopwords", "min_length", "stem", "merge_us", "split_hyphens")

#: Defaults of the counting functions: stopwords left out (frequency tables are what they are for).
COUNTING_DEFAULTS = {"stopwords": "english", "min_length": 1, "stem": False, "merge_us": True, "split_hyphens": False}


def token_options(tokens, given: dict, defaults: dict = COUNTING_DEFAULTS) -> TokenOptions:
    """The :class:`~kit.text.TokenOptions` of a call: ``tokens`` when given, else built from the
    flat keywords ``given`` (see :func:`kit.text.token_options`; ``defaults`` are the defaults of
    the caller's signature).

    >>> token_options(None, {"stopwords": None, "min_length": 2}).min_length
    2
    >>> token_options(TokenOptions(stem=True), {"stopwords": "english"}).stem
    True
    """
    return _token_options(tokens, defaults, **given)


def check_columns(df: pd.DataFrame, cols: Iterable[str], what: str) -> None:
    """Fail unless ``df`` is a DataFrame holding ``cols``."""
    if not isinstance(df, pd.DataFrame):
        raise KitTypeError(f"{what} must be a DataFrame, got {type(df).__name__}")
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise KitValueError(f"{what} has no column(s) {missing}; columns are {list(df.columns)}")


def check_counts(counts: pd.DataFrame, cols: Iterable[str], term_col: str, n_col: str) -> None:
    """Fail unless ``counts`` holds the columns and no negative count."""
    check_columns(counts, [term_col, n_col, *cols], "counts")
    if (counts[n_col] < 0).any():
        raise KitValueError("counts must not be negative")


def as_list(group_by) -> list[str]:
    """``group_by`` as a list of names (None: no grouping)."""
    if group_by is None:
        return []
    if isinstance(group_by, str):
        return [group_by]
    if isinstance(group_by, Sequence):
        return list(group_by)
    raise KitTypeError(f"group_by must be a column name, a list of them, a period ({', '.join(PERIODS)}) or None, "
                   f"got {group_by!r}")


def article_groups(articles: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """One column per name of ``names``: the article column itself (values as they are), or for a
    period name that is not a column the period label of ``published`` (``2024-03`` for ``month``;
    see :mod:`kit.groups`)."""
    out = {}
    for name in names:
        check_group_by(articles, name)
        out[name] = articles[name].to_numpy() if name in articles.columns else period_of(articles["published"], name).to_numpy()
    return pd.DataFrame(out, index=articles.index)
