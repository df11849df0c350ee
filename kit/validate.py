"""Argument checks with one message form, used by every module of the kit.

Each check returns the checked (and, where said, converted) value, or raises a
:mod:`kit.errors` exception that is also the standard Python one:

=====================  ==========================================  =================================
check                  fails with                                  message form
=====================  ==========================================  =================================
:func:`check_frame`    :class:`~kit.errors.KitTypeError`           ``<name> must be a DataFrame ...,
                                                                   got <type>``
:func:`require_columns` :class:`~kit.errors.KitValueError`         ``<name> has no column(s) 'a';
                                                                   columns are x, y[ (<hint>)]``
:func:`check_unique`   :class:`~kit.errors.KitValueError`          ``<name> has duplicate <column>
                                                                   values (e.g. 'x'); ...``
:func:`check_int`      ``KitTypeError`` / ``KitValueError``        ``<name> must be <an integer ...>,
                                                                   got <value>``
:func:`check_number`   ``KitTypeError`` / ``KitValueError``        ``<name> must be <a number ...>,
                                                                   got <value>``
:func:`check_bool`     :class:`~kit.errors.KitTypeError`           ``<name> must be True or False,
                                                                   got <value>``
:func:`check_choice`   :class:`~kit.errors.KitValueError`          ``unknown <name> <value>; choose
                                                                   one of a, b, c``
:func:`check_path`     :class:`~kit.errors.KitFileNotFoundError`   ``<name> not found: <path>``
=====================  ==========================================  =================================

Booleans are never accepted as numbers (``True`` is an ``int`` in Python, never what a caller meant).

>>> check_int(3, "n", min=1)
3
>>> check_int(0, "n", min=1)
Traceback (most recent call last):
...
kit.errors.KitValueError: n must be a positive integer, got 0
"""
from __future__ import annotations

import numbers
import os
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from kit.errors import KitFileNotFoundError, KitTypeError, KitValueError

__all__ = ["check_frame", "require_columns", "check_unique", "check_int", "check_number", "check_bool",
           "check_choice", "check_path"]


def _listing(values: Iterable) -> str:
    return ", ".join(map(str, values))


def check_frame(value, name: str = "articles", *, hint: str | None = None) -> pd.DataFrame:
    """``value`` when it is a DataFrame, else :class:`~kit.errors.KitTypeError`.

    >>> check_frame([1, 2], "scores", hint="pass the output of frame_scores")
    Traceback (most recent call last):
    ...
    kit.errors.KitTypeError: scores must be a DataFrame (pass the output of frame_scores), got list
    """
    if not isinstance(value, pd.DataFrame):
        extra = f" ({hint})" if hint else ""
        raise KitTypeError(f"{name} must be a DataFrame{extra}, got {type(value).__name__}")
    return value


def require_columns(df, columns: Iterable[str], name: str = "articles", *, hint: str | None = None) -> pd.DataFrame:
    """``df`` when it is a DataFrame holding every column of ``columns`` (None entries are skipped).

    Raises :class:`~kit.errors.KitTypeError` for a non-DataFrame and
    :class:`~kit.errors.KitValueError` naming the missing columns and listing those present.

    >>> require_columns(pd.DataFrame({"id": [1], "text": ["x"]}), ["doc_id", "text"], hint="pass id_col=")
    Traceback (most recent call last):
    ...
    kit.errors.KitValueError: articles has no column(s) 'doc_id'; columns are id, text (pass id_col=)
    """
    check_frame(df, name, hint=hint)
    missing = [c for c in columns if c is not None and c not in df.columns]
    if missing:
        extra = f" ({hint})" if hint else ""
        raise KitValueError(f"{name} has no column(s) {_listing(repr(c) for c in missing)}; "
                            f"columns are {_listing(df.columns)}{extra}")
    return df


def check_unique(df: pd.DataFrame, column: str, name: str = "articles", *, hint: str = "drop duplicates first") -> None:
    """Fail when ``df[column]`` holds a value twice.

    >>> check_unique(pd.DataFrame({"doc_id": ["a", "a"]}), "doc_id")
    Traceback (most recent call last):
    ...
    kit.errors.KitValueError: articles has duplicate doc_id values (e.g. 'a'); drop duplicates first
    """
    dup = df[column].duplicated()
    if dup.any():
        raise KitValueError(f"{name} has duplicate {column} values (e.g. '{df[column][dup].iloc[0]}'); {hint}")


def _range_words(kind: str, min, max) -> str:
    if kind == "integer" and max is None and min == 1:
        return "a positive integer"
    if kind == "integer" and max is None and min == 0:
        return "a non-negative integer"
    article = "an" if kind == "integer" else "a"
    if min is not None and max is not None:
        return f"{article} {kind} from {min} to {max}"
    if min is not None:
        return f"{article} {kind} >= {min}"
    if max is not None:
        return f"{article} {kind} <= {max}"
    return f"{article} {kind}"


def check_int(value, name: str, *, min: int | None = None, max: int | None = None, none: bool = False,
              note: str | None = None) -> int | None:
    """``value`` as a Python ``int`` when it is an integer (not a bool) within ``[min, max]``.

    ``none=True`` lets None through; ``note`` is added to the message (e.g. "0 turns it off").

    >>> check_int(2.0, "window")
    Traceback (most recent call last):
    ...
    kit.errors.KitTypeError: window must be an integer, got 2.0
    >>> check_int(-1, "negation_window", min=0, note="0 turns negation off")
    Traceback (most recent call last):
    ...
    kit.errors.KitValueError: negation_window must be a non-negative integer (0 turns negation off), got -1
    """
    if value is None and none:
        return None
    words = _range_words("integer", min, max) + (f" ({note})" if note else "") + (" or None" if none else "")
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise KitTypeError(f"{name} must be {words}, got {value!r}")
    if (min is not None and value < min) or (max is not None and value > max):
        raise KitValueError(f"{name} must be {words}, got {value!r}")
    return int(value)


def check_number(value, name: str, *, min: float | None = None, max: float | None = None,
                 exclusive: bool = False, note: str | None = None) -> float:
    """``value`` as a ``float`` when it is a real number (not a bool) within the bounds.

    ``exclusive=True`` excludes the bounds themselves.

    >>> check_number(0.95, "ci", min=0, max=1, exclusive=True)
    0.95
    >>> check_number(1, "ci", min=0, max=1, exclusive=True, note="e.g. 0.95")
    Traceback (most recent call last):
    ...
    kit.errors.KitValueError: ci must be a number between 0 and 1 (e.g. 0.95), got 1
    """
    if exclusive and min is not None and max is not None:
        words = f"a number between {min} and {max}"
    else:
        words = _range_words("number", min, max)
    words += f" ({note})" if note else ""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or value != value:
        raise KitTypeError(f"{name} must be {words}, got {value!r}")
    lo_bad = min is not None and (value <= min if exclusive else value < min)
    hi_bad = max is not None and (value >= max if exclusive else value > max)
    if lo_bad or hi_bad:
        raise KitValueError(f"{name} must be {words}, got {value!r}")
    return float(value)


def check_bool(value, name: str, *, none: bool = False) -> bool | None:
    """``value`` when it is True or False (or None with ``none=True``).

    >>> check_bool("yes", "stem")
    Traceback (most recent call last):
    ...
    kit.errors.KitTypeError: stem must be True or False, got 'yes'
    """
    if value is None and none:
        return None
    if not isinstance(value, (bool, np.bool_)):
        raise KitTypeError(f"{name} must be True or False{' or None' if none else ''}, got {value!r}")
    return bool(value)


def check_choice(value, name: str, choices: Iterable, *, describe: dict | None = None):
    """``value`` when it is one of ``choices``; the message lists them (with ``describe[c]`` when given).

    >>> check_choice("month", "group_by period", ["day", "week"])
    Traceback (most recent call last):
    ...
    kit.errors.KitValueError: unknown group_by period 'month'; choose one of day, week
    """
    choices = list(choices)
    try:
        ok = value in choices
    except TypeError:  # unhashable value against a dict's keys
        ok = False
    if not ok:
        shown = [f"{c} ({describe[c]})" if describe and c in describe else str(c) for c in choices]
        raise KitValueError(f"unknown {name} {value!r}; choose one of {_listing(shown)}")
    return value


def check_path(path, name: str = "file", *, kind: str = "file") -> Path:
    """``path`` as a :class:`~pathlib.Path`, read as given (relative paths from the current
    folder), when it exists as a ``kind`` (``"file"``, ``"dir"`` or ``"any"``).

    >>> check_path("no/such.yml", "dictionary file")
    Traceback (most recent call last):
    ...
    kit.errors.KitFileNotFoundError: dictionary file not found: no/such.yml
    """
    check_choice(kind, "path kind", ("file", "dir", "any"))
    if not isinstance(path, (str, os.PathLike)):
        raise KitTypeError(f"{name} must be a path, got {type(path).__name__} {path!r}")
    p = Path(path).expanduser()
    ok = p.is_file() if kind == "file" else p.is_dir() if kind == "dir" else p.exists()
    if not ok:
        if p.exists():
            raise KitFileNotFoundError(f"{name} not found: {p} is a {'folder' if p.is_dir() else 'file'}, "
                                       f"not a {'file' if kind == 'file' else 'folder'}")
        raise KitFileNotFoundError(f"{name} not found: {p}")
    return p
