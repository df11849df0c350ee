"""Arguments shared by the term functions: tokenizer options, grouping, checks and renamed keywords.

One place decides what ``tokens=``, ``group_by=`` and an old keyword mean, so every function of
:mod:`kit.terms` reads them the same way.
"""
from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable, Sequence

import pandas as pd

from kit.errors import KitError
from kit.text import TokenOptions

#: The five tokenizer keywords every counting function also accepts one by one.
TOKEN_KEYWORDS = ("stopwords", "min_length", "stem", "merge_us", "split_hyphens")

#: Defaults of the counting functions: stopwords left out (frequency tables are what they are for).
COUNTING_DEFAULTS = {"stopwords": "english", "min_length": 1, "stem": False, "merge_us": True, "split_hyphens": False}

#: Periods ``group_by`` accepts besides a column name.
PERIODS = ("day", "week", "month", "quarter", "year")


def token_options(tokens, given: dict, defaults: dict = COUNTING_DEFAULTS) -> TokenOptions:
    """The :class:`~kit.text.TokenOptions` of a call: ``tokens`` when given, else built from the
    flat keywords. Giving ``tokens`` together with a flat keyword that differs from its default
    is an error (one of the two would be silently ignored).

    >>> token_options(None, {"stopwords": None, "min_length": 2}).min_length
    2
    >>> token_options(TokenOptions.make(stem=True), {"stopwords": "english"}).stem
    True
    """
    if tokens is None:
        return TokenOptions.make(**{**defaults, **given})
    if not isinstance(tokens, TokenOptions):
        raise KitError(f"tokens must be a kit.text.TokenOptions, got {type(tokens).__name__}")
    clash = sorted(k for k, v in given.items() if not _same(v, defaults[k]))
    if clash:
        raise KitError(f"give the tokenizer options either as tokens=TokenOptions(...) or as keywords, not both "
                       f"(also given: {', '.join(clash)})")
    return tokens


def _same(a, b) -> bool:
    try:
        return bool(a is b or (type(a) is type(b) and a == b))
    except (TypeError, ValueError):
        return False


def renamed(**mapping: str):
    """Decorator: accept the old keyword names of ``mapping`` (old -> new) for one release, with a
    :class:`DeprecationWarning` naming the new one."""

    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for old, new in mapping.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{fn.__name__}() got both {old}= (its old name) and {new}=")
                    warnings.warn(f"{fn.__name__}({old}=...) is now {fn.__name__}({new}=...); "
                                  f"the old name will be removed in the next release",
                                  DeprecationWarning, stacklevel=2)
                    kwargs[new] = kwargs.pop(old)
            return fn(*args, **kwargs)

        return wrapper

    return deco


def check_columns(df: pd.DataFrame, cols: Iterable[str], what: str) -> None:
    """Fail unless ``df`` is a DataFrame holding ``cols``."""
    if not isinstance(df, pd.DataFrame):
        raise KitError(f"{what} must be a DataFrame, got {type(df).__name__}")
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise KitError(f"{what} has no column(s) {missing}; columns are {list(df.columns)}")


def check_counts(counts: pd.DataFrame, cols: Iterable[str], term_col: str, n_col: str) -> None:
    """Fail unless ``counts`` holds the columns and no negative count."""
    check_columns(counts, [term_col, n_col, *cols], "counts")
    if (counts[n_col] < 0).any():
        raise KitError("counts must not be negative")


def as_list(group_by) -> list[str]:
    """``group_by`` as a list of names (None: no grouping)."""
    if group_by is None:
        return []
    if isinstance(group_by, str):
        return [group_by]
    if isinstance(group_by, Sequence):
        return list(group_by)
    raise KitError(f"group_by must be a column name, a list of them, a period ({', '.join(PERIODS)}) or None, "
                   f"got {group_by!r}")


def article_groups(articles: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """One column per name of ``names``: the article column itself, or for a period name that is
    not a column the period label of ``published`` (``2024-03`` for ``month``; see
    :func:`kit.dictionaries.group_column`)."""
    out = {}
    for name in names:
        if name in articles.columns:
            out[name] = articles[name].to_numpy()
        elif name in PERIODS:
            from kit.dictionaries import group_column

            out[name] = group_column(articles, name).to_numpy()
        else:
            raise KitError(f"unknown group_by {name!r}; use a column of the articles table "
                           f"({', '.join(map(str, articles.columns))}), one of {', '.join(PERIODS)}, or None")
    return pd.DataFrame(out, index=articles.index)
