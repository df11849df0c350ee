"""Tables for reports: deterministic CSV files and safe, tidy display in notebooks.

Every report notebook writes its result tables with :func:`save_table`, so that running the same
batch twice on the same corpus gives byte-identical files:

- UTF-8 without a byte-order mark, ``"\\n"`` line ends on every platform;
- floats written with a fixed format (six significant digits by default, so the last bits of a
  floating-point sum never show), ``-0`` written as ``0``, missing values as empty fields;
- list, tuple and dict cells written as JSON (``["A", "B"]``), timestamps in ISO 8601;
- no index column unless asked for; the row order is the caller's (sort before saving);
- text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
  a tab or a carriage return: article titles, outlet names, quotes) get a leading apostrophe, as
  OWASP recommends against CSV injection (:mod:`kit.csvsafe`); ``neutralise_formulas=False`` turns
  that off.

:func:`show_table` displays a table in a notebook with every cell HTML-escaped: article text can
contain markup (``<script>``, ``onerror=``) and must be shown as text, never interpreted.
"""
from __future__ import annotations

import datetime as _dt
import html
import json
import os
import re
import tempfile  # noqa: F401 - the doctests use it
from pathlib import Path

import numpy as np
import pandas as pd

from kit.csvsafe import neutralise, neutralise_frame
from kit.errors import KitError

#: Default format for float columns in CSV files: six significant digits.
FLOAT_FORMAT = "%.6g"

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def check_name(name: str, *, what: str = "table") -> str:
    """Validate a file stem for an output file and return it (a trailing ``.csv`` is dropped).

    Names are letters, digits, ``_``, ``-`` and ``.``, starting with a letter or digit, so that
    they are safe in every file system and in links of the report index.

    >>> check_name("outlet_summary")
    'outlet_summary'
    >>> check_name("../etc/passwd")
    Traceback (most recent call last):
    ...
    kit.errors.KitError: bad table name '../etc/passwd': use letters, digits, '_', '-' and '.', starting with a letter or digit
    """
    if not isinstance(name, str) or not name:
        raise KitError(f"a {what} name must be a non-empty string, got {name!r}")
    if name.lower().endswith(".csv") and what == "table":
        name = name[:-4]
    if not _NAME.match(name) or ".." in name:
        raise KitError(f"bad {what} name '{name}': use letters, digits, '_', '-' and '.', starting with a letter or digit")
    return name


def _cell_to_text(v):
    """List-like and dict cells -> JSON text; everything else unchanged."""
    if isinstance(v, np.ndarray):
        v = v.tolist()
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v, ensure_ascii=False, default=str, sort_keys=isinstance(v, dict))
    return v


def table_to_csv(df: pd.DataFrame, *, float_format: str = FLOAT_FORMAT, index: bool = False,
                 neutralise_formulas: bool = True) -> str:
    """The CSV text :func:`save_table` writes (see the module notes for the rules).

    Parameters
    ----------
    df : any DataFrame; it is not modified
    float_format : printf-style format for float columns
    index : also write the index as the first column(s)
    neutralise_formulas : prefix text cells starting with ``= + - @``, a tab or a carriage return
        with an apostrophe so spreadsheets show them as text (default True; see :mod:`kit.csvsafe`)

    Examples
    --------
    >>> df = pd.DataFrame({"term": ["china", "talks"], "score": [1 / 3, -0.0], "tags": [["a", "b"], []]})
    >>> print(table_to_csv(df), end="")
    term,score,tags
    china,0.333333,"[""a"", ""b""]"
    talks,0,[]
    >>> print(table_to_csv(pd.DataFrame({"title": ["=HYPERLINK(1)", "Talks"], "n": [-1, 2]})), end="")
    title,n
    '=HYPERLINK(1),-1
    Talks,2
    """
    if not isinstance(df, pd.DataFrame):
        raise KitError(f"expected a pandas DataFrame, got {type(df).__name__}")
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_float_dtype(s.dtype):
            out[col] = s + 0.0  # -0.0 -> 0.0 (the sum of -0.0 and +0.0 is +0.0)
        elif s.dtype == object:
            if s.map(lambda v: isinstance(v, (list, tuple, dict, np.ndarray))).any():
                out[col] = s.map(_cell_to_text)
            elif s.map(lambda v: isinstance(v, (float, np.floating))).any():
                out[col] = s.map(lambda v: (float_format % (v + 0.0)) if isinstance(v, (float, np.floating)) and not np.isnan(v)
                                 else v)
            elif s.map(lambda v: isinstance(v, (_dt.date, _dt.datetime))).any():
                out[col] = s.map(lambda v: v.isoformat() if isinstance(v, (_dt.date, _dt.datetime)) else v)
    if neutralise_formulas:
        out = neutralise_frame(out)
        if index:
            out.index = out.index.map(neutralise)
    return out.to_csv(index=index, float_format=float_format, lineterminator="\n", date_format=None)


def save_table(df: pd.DataFrame, output_dir: str | os.PathLike, name: str, *,
               float_format: str = FLOAT_FORMAT, index: bool = False, neutralise_formulas: bool = True) -> Path:
    """Write ``df`` to ``output_dir/name.csv`` deterministically and return the path.

    The folder is created when missing; the file is replaced atomically, so a reader never sees a
    half-written table. Two runs on the same data give byte-identical files (see the module notes).

    Parameters
    ----------
    df : the table to write (not modified)
    output_dir : folder of the report (a notebook's ``output_dir`` parameter)
    name : file stem: letters, digits, ``_``, ``-``, ``.`` (``"outlet_summary"`` -> ``outlet_summary.csv``)
    float_format : printf-style format for floats (default six significant digits)
    index : also write the index
    neutralise_formulas : put an apostrophe before text cells a spreadsheet would run as a formula
        (``=``, ``+``, ``-``, ``@``, tab, carriage return first; default True, see :mod:`kit.csvsafe`)

    Returns
    -------
    Path of the CSV file.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> p = save_table(pd.DataFrame({"outlet": ["A", "B"], "share": [2 / 3, 1 / 3]}), folder, "shares")
    >>> p.name, p.read_bytes()
    ('shares.csv', b'outlet,share\\nA,0.666667\\nB,0.333333\\n')
    """
    name = check_name(name)
    text = table_to_csv(df, float_format=float_format, index=index, neutralise_formulas=neutralise_formulas)
    folder = Path(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    _atomic_write(path, text.encode("utf-8"))
    return path


def _atomic_write(path: Path, data: bytes) -> None:
    from kit.paths import write_atomic

    write_atomic(path, data)  # readable by all, like the figures and HTML (0644 less the umask)


_BREAKS = re.compile(r"""
    (?<!\s)            # only at the start of a run of white space (linear under sub)
    (?=[^\S\n]*\n)     # a run that holds a line break
    \s++              # the whole run, never given back (Python 3.11 possessive)
""", re.VERBOSE)


def _display_cell(v):
    """Cells as shown on screen: lists as JSON, paragraph breaks as a pilcrow (pandas would print \\n)."""
    v = _cell_to_text(v)
    if isinstance(v, str) and "\n" in v:
        v = _BREAKS.sub(lambda m: " \u00b6 " if m.group(0).count("\n") > 1 else " ", v)
    return v


class HTMLTable:
    """A table prepared for display in a notebook: every cell escaped, long tables cut.

    Created by :func:`show_table`; notebooks show it by making it the last expression of a cell.
    ``str()`` gives a plain-text rendering, ``_repr_html_()`` the escaped HTML.
    """

    def __init__(self, df: pd.DataFrame, *, max_rows: int, caption: str | None, float_format: str):
        self.df = df
        self.max_rows = max_rows
        self.caption = caption
        self.float_format = float_format

    def _shown(self) -> pd.DataFrame:
        df = self.df.head(self.max_rows) if len(self.df) > self.max_rows else self.df
        return df.map(_display_cell) if len(df.columns) else df

    def _repr_html_(self) -> str:
        shown = self._shown()
        body = shown.to_html(index=False, escape=True, na_rep="", border=0, classes="kit-table",
                             float_format=lambda v: self.float_format % v)
        parts = []
        if self.caption:
            parts.append(f'<p class="kit-caption"><strong>{html.escape(self.caption)}</strong></p>')
        parts.append(body)
        if len(self.df) > len(shown):
            parts.append(f"<p class=\"kit-note\">Showing {len(shown)} of {len(self.df)} rows; "
                         "the CSV file holds them all.</p>")
        return "\n".join(parts)

    def __repr__(self) -> str:
        shown = self._shown()
        text = shown.to_string(index=False, na_rep="", float_format=lambda v: self.float_format % v)
        head = f"{self.caption}\n" if self.caption else ""
        tail = f"\n(showing {len(shown)} of {len(self.df)} rows)" if len(self.df) > len(shown) else ""
        return head + text + tail


def show_table(df: pd.DataFrame, *, max_rows: int = 20, caption: str | None = None,
               float_format: str = "%.4g") -> HTMLTable:
    """Display ``df`` in a notebook with every cell HTML-escaped, at most ``max_rows`` rows.

    Use it (or plain DataFrame display, which also escapes) for anything holding article text.
    Never build Markdown or HTML from data: a headline containing ``<script>`` would become live
    markup in the shared report.

    Parameters
    ----------
    df : table to show (not modified)
    max_rows : rows shown; a note says how many were left out
    caption : a title above the table (escaped too)
    float_format : printf-style format for floats on screen (the CSV keeps its own format)

    Examples
    --------
    >>> t = show_table(pd.DataFrame({"title": ["<script>alert(1)</script>"]}), caption="A & B")
    >>> "<script>" in t._repr_html_(), "&lt;script&gt;" in t._repr_html_(), "A &amp; B" in t._repr_html_()
    (False, True, True)
    """
    if not isinstance(df, pd.DataFrame):
        raise KitError(f"expected a pandas DataFrame, got {type(df).__name__}")
    if not isinstance(max_rows, int) or max_rows < 1:
        raise KitError(f"max_rows must be a positive integer, got {max_rows!r}")
    return HTMLTable(df, max_rows=max_rows, caption=caption, float_format=float_format)
