"""Tables for reports: deterministic CSV files and safe, tidy display in notebooks.

Every report notebook writes its result tables with :func:`save_table`, so that running the same
batch twice on the same corpus gives byte-identical files:

- UTF-8 without a byte-order mark, ``"\\n"`` line ends on every platform;
- floats written with a fixed format (six significant digits by default, so the last bits of a
  floating-point sum never show), ``-0`` written as ``0``, missing values as empty fields;
- list, tuple and dict cells written as JSON (``["A", "B"]``), timestamps in ISO 8601, each cell of a
  text column by its own type (a float there formatted as in a float column);
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
import numbers
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
    return _csv_text(df, float_format=float_format, index=index, neutralise_formulas=neutralise_formulas)


#: Rows :func:`save_table` formats at a time for a long table, so that its CSV text (several times
#: the table's own memory while it is made) is never held whole; the file is the same.
CSV_CHUNK_ROWS = 20_000


def _text_cell(float_format: str):
    """How a cell of a text (object) column is written, by the cell's own type, so a table written
    in parts gives the text of the whole: lists, tuples, dicts and arrays as JSON; a float formatted
    like a float column (NaN left empty); a date in ISO form; anything else unchanged."""
    def cell(v):
        if isinstance(v, (list, tuple, dict, np.ndarray)):
            return _cell_to_text(v)
        if isinstance(v, (float, np.floating)):
            return v if np.isnan(v) else float_format % (v + 0.0)
        if isinstance(v, (_dt.date, _dt.datetime)):
            return v.isoformat()
        return v
    return cell


def _csv_text(df: pd.DataFrame, *, float_format: str, index: bool, neutralise_formulas: bool,
              header: bool = True) -> str:
    out = df.copy()
    cell = _text_cell(float_format)
    for i in range(out.shape[1]):
        s = out.iloc[:, i]
        if pd.api.types.is_float_dtype(s.dtype):
            out.isetitem(i, s + 0.0)  # -0.0 -> 0.0 (the sum of -0.0 and +0.0 is +0.0)
        elif s.dtype == object:
            out.isetitem(i, s.map(cell))
    if neutralise_formulas:
        out = neutralise_frame(out)
        if index:
            out.index = out.index.map(neutralise)
    for i in range(out.shape[1]):  # floats formatted here: the same text as to_csv's float_format, 3x faster
        if pd.api.types.is_float_dtype(out.dtypes.iloc[i]):
            out.isetitem(i, _format_floats(out.iloc[:, i], float_format))
    return out.to_csv(index=index, float_format=float_format, lineterminator="\n", date_format=None, header=header)


def _chunkable(df: pd.DataFrame) -> bool:
    """True when every column is written value by value (pandas formats a column of dates, periods or
    categories as a whole: such a table is written in one piece)."""
    return not any(isinstance(t, (pd.DatetimeTZDtype, pd.PeriodDtype, pd.CategoricalDtype, pd.IntervalDtype))
                   or pd.api.types.is_datetime64_any_dtype(t) or pd.api.types.is_timedelta64_dtype(t)
                   for t in df.dtypes)


def _format_floats(s: pd.Series, float_format: str) -> pd.Series:
    """A float column as the text ``to_csv(float_format=...)`` writes: ``float_format % v``, empty
    for missing values."""
    vals = s.to_numpy(dtype=float, na_value=np.nan)
    text = [float_format % v if v == v else "" for v in vals.tolist()]
    return pd.Series(text, index=s.index, dtype=object)


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
    if not isinstance(df, pd.DataFrame):
        raise KitError(f"expected a pandas DataFrame, got {type(df).__name__}")
    folder = Path(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    opts = dict(float_format=float_format, index=index, neutralise_formulas=neutralise_formulas)
    if len(df) <= CSV_CHUNK_ROWS or not _chunkable(df):
        _atomic_write(path, _csv_text(df, **opts).encode("utf-8"))
        return path
    from kit.paths import write_atomic_chunks

    chunks = (_csv_text(df.iloc[i:i + CSV_CHUNK_ROWS], header=i == 0, **opts).encode("utf-8")
              for i in range(0, len(df), CSV_CHUNK_ROWS))
    write_atomic_chunks(path, chunks)  # a long table: formatted and written a chunk of rows at a time
    return path


def save_table_parts(parts, output_dir: str | os.PathLike, name: str, *, float_format: str = FLOAT_FORMAT,
                     neutralise_formulas: bool = True) -> Path:
    """Write the tables ``parts`` yields, one after the other, to ``output_dir/name.csv``: the file
    :func:`save_table` writes for ``pd.concat(parts)``, without ever holding the whole table (each
    part is formatted and written, then dropped). For a table made a piece at a time (a report's
    per-hit evidence, read from a corpus store). The parts have the same columns; the header comes
    from the first; no part at all is an error (write an empty table with :func:`save_table`).

    Each part's text columns are formatted as :func:`save_table` formats them (lists as JSON,
    floats and dates in a text column as there): a rule that applies to a value's type gives the
    same text whichever part holds the value. Tables with date, period or category columns (which
    pandas formats a column at a time) are refused: use :func:`save_table`.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> df = pd.DataFrame({"frame": ["a", "b", "c"], "n": [1, 2, 3]})
    >>> p = save_table_parts(iter([df.iloc[:2], df.iloc[2:]]), folder, "parts")
    >>> p.read_bytes() == save_table(df, folder, "whole").read_bytes()
    True
    """
    from kit.paths import write_atomic_chunks

    name = check_name(name)
    folder = Path(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    opts = dict(float_format=float_format, index=False, neutralise_formulas=neutralise_formulas)

    def chunks():
        first = None
        for part in parts:
            if not isinstance(part, pd.DataFrame):
                raise KitError(f"{path}: expected pandas DataFrames, got {type(part).__name__}")
            if first is not None and list(part.columns) != first:
                raise KitError(f"{path}: a part has other columns ({', '.join(map(str, part.columns))}) than the "
                               f"first ({', '.join(map(str, first))})")
            if not _chunkable(part):
                raise KitError(f"{path}: a table with date, period or category columns is written whole: "
                               "use save_table")
            yield _csv_text(part, header=first is None, **opts).encode("utf-8")
            first = list(part.columns)
        if first is None:
            raise KitError(f"{path}: no part to write (write an empty table with save_table)")

    write_atomic_chunks(path, chunks())
    return path


def save_parquet(df: pd.DataFrame, output_dir: str | os.PathLike, name: str) -> Path:
    """Write ``df`` to ``output_dir/name.parquet`` (for long tables a spreadsheet cannot open anyway).

    Used for the per-sentence tables of a report (a 10,000-article corpus gives about 400,000
    sentences: a 45 MB CSV nobody opens by hand). Parquet keeps the column types, is several
    times smaller and reads back in one call (``pd.read_parquet``). The index is not written;
    the file is replaced atomically like :func:`save_table`'s.

    Parameters
    ----------
    df : the table to write (not modified)
    output_dir : folder of the report (created when missing)
    name : file stem, as for :func:`save_table`

    Returns
    -------
    Path of the Parquet file.

    Examples
    --------
    >>> folder = tempfile.mkdtemp()
    >>> p = save_parquet(pd.DataFrame({"doc_id": ["a", "b"], "compound": [0.5, -0.25]}), folder, "sentences")
    >>> p.name, pd.read_parquet(p).values.tolist()
    ('sentences.parquet', [['a', 0.5], ['b', -0.25]])
    """
    name = check_name(name)
    folder = Path(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.parquet"
    from kit.paths import atomic_file

    with atomic_file(path) as fh:  # written as it is made, not held as bytes first
        df.reset_index(drop=True).to_parquet(fh, index=False)
    return path


def _atomic_write(path: Path, data: bytes) -> None:
    from kit.paths import write_atomic

    write_atomic(path, data)  # readable by all, like the figures and HTML (0644 less the umask)


_BREAKS = re.compile(r"""
    (?<!\s)            # only at the start of a run of white space (linear under sub)
    (?=[^\S\n]*\n)     # a run that holds a line break
    \s++              # the whole run, never given back (Python 3.11 possessive)
""", re.VERBOSE)


#: Text cells longer than this are cut on screen (the CSV keeps the whole text).
DISPLAY_CHARS = 160


def _display_cell(v):
    """Cells as shown on screen: lists as JSON, paragraph breaks as a pilcrow (pandas would print \\n),
    text cut at :data:`DISPLAY_CHARS` characters with an ellipsis, UTC times as ``2023-06-18 09:00``
    (midnight: the date alone)."""
    if isinstance(v, pd.Timestamp) and v is not pd.NaT and (v.tzinfo is None or v.utcoffset() == _dt.timedelta(0)):
        return v.strftime("%Y-%m-%d") if v == v.normalize() else v.strftime("%Y-%m-%d %H:%M")
    v = _cell_to_text(v)
    if isinstance(v, str) and "\n" in v:
        v = _BREAKS.sub(lambda m: " \u00b6 " if m.group(0).count("\n") > 1 else " ", v)
    if isinstance(v, str) and len(v) > DISPLAY_CHARS:
        v = v[:DISPLAY_CHARS - 1].rstrip() + "\u2026"
    return v


#: Integer columns shown without thousands separators: years, ids and positions read as labels.
_LABEL_INTS = re.compile(r"(?:^|_)(?:year|id|no|number|rank|para|seed)$")


def _is_count_column(col: pd.Series) -> bool:
    """An integer column (not bool) whose name does not say it is a label (year, id, position)."""
    return (pd.api.types.is_integer_dtype(col.dtype) and not pd.api.types.is_bool_dtype(col.dtype)
            and not _LABEL_INTS.search(str(col.name).lower()))


#: A column holding text longer than this many characters on screen is shown at least
#: :data:`TEXT_MIN_WIDTH` wide (CSS), so that titles are not squeezed into one word a line.
TEXT_WIDE_CHARS = 40
TEXT_MIN_WIDTH = "18em"
#: When a table has :data:`TEXT_SHARED_FROM` or more such columns (03's evidence: left, right,
#: sentence), each gets :data:`TEXT_SHARED_WIDTH` (class ``kit-wide kit-wide-shared``), so that the
#: table fits the page's width and its text wraps rather than the last column running off the page.
TEXT_SHARED_FROM = 3
TEXT_SHARED_WIDTH = "11em"


class HTMLTable:
    """A table prepared for display in a notebook: every cell escaped, long tables cut.

    Created by :func:`show_table`; notebooks show it by making it the last expression of a cell.
    ``str()`` gives a plain-text rendering, ``_repr_html_()`` the escaped HTML.
    """

    def __init__(self, df: pd.DataFrame, *, max_rows: int, caption: str | None, float_format: str,
                 total: int | None = None, missing: dict | None = None):
        self.df = df
        self.missing = dict(missing or {})  # column -> what a missing cell shows (default: nothing)
        self.total = len(df) if total is None else total  # rows of the table df begins
        self.max_rows = max_rows
        self.caption = caption
        self.float_format = float_format

    def _float(self, v: float) -> str:
        """Floats on screen: thousands separators from 1,000 on (25,770 rather than 2.577e+04)."""
        return f"{v:,.0f}" if abs(v) >= 1000 else self.float_format % v

    def _shown(self) -> pd.DataFrame:
        df = self.df.head(self.max_rows) if len(self.df) > self.max_rows else self.df
        if not len(df.columns):
            return df
        counts = [c for c in df.columns if _is_count_column(df[c])]
        out = df.map(_display_cell)
        for c in counts:  # 5,702 like the floats beside them (never a year or an id: see _is_count_column)
            out[c] = df[c].map(lambda v: "" if pd.isna(v) else f"{int(v):,}").astype(object)
        for c in out.columns:  # a missing text cell is empty (pandas prints a column of None as "None")
            if out[c].dtype == object and out[c].isna().any():
                out[c] = out[c].where(out[c].notna(), self.missing.get(c, ""))
            elif c in self.missing and out[c].isna().any():
                out[c] = out[c].astype(object).where(out[c].notna(), self.missing[c])
        return out

    def _repr_html_(self) -> str:
        shown = self._shown()
        # a column of long text (titles, quotes) keeps a readable width; the box scrolls instead
        wide = [c for c in shown.columns
                if any(isinstance(v, str) and len(v) > TEXT_WIDE_CHARS for v in shown[c].tolist())]
        shared = len(wide) >= TEXT_SHARED_FROM  # several long texts side by side: narrower, so they fit the page
        width, kind = (TEXT_SHARED_WIDTH, "kit-wide kit-wide-shared") if shared else (TEXT_MIN_WIDTH, "kit-wide")
        body = shown.to_html(index=False, escape=True, na_rep="", border=0, classes="kit-table",
                             float_format=self._float, col_space=dict.fromkeys(wide, width) or None)
        for c in wide:  # the report page strips inline styles: its CSS gives the classes the width
            th = f'<th style="min-width: {width};">{html.escape(str(c))}</th>'
            body = body.replace(th, th.replace("<th ", f'<th class="{kind}" ', 1), 1)
        parts = []
        if self.caption:
            parts.append(f'<p class="kit-caption"><strong>{html.escape(self.caption)}</strong></p>')
        # a table wider than the page scrolls sideways inside its box instead of being cut at the page edge
        parts.append(f'<div class="kit-table-box" style="overflow-x: auto; max-width: 100%;">\n{body}\n</div>')
        if self.total > len(shown):
            parts.append(f"<p class=\"kit-note\">Showing {len(shown)} of {self.total} rows; "
                         "the CSV file holds them all.</p>")
        return "\n".join(parts)

    def __repr__(self) -> str:
        shown = self._shown()
        text = shown.to_string(index=False, na_rep="", float_format=self._float)
        head = f"{self.caption}\n" if self.caption else ""
        tail = f"\n(showing {len(shown)} of {self.total} rows)" if self.total > len(shown) else ""
        return head + text + tail


def show_table(df: pd.DataFrame, *, max_rows: int = 20, caption: str | None = None,
               float_format: str = "%.4g", total: int | None = None, missing: dict | None = None) -> HTMLTable:
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
    total : the rows of the whole table when ``df`` holds only its first rows (a table written a
        part at a time and never held): the note then counts them
    missing : what a missing cell of a column shows, e.g. ``{"side": "(none)"}`` (default: an
        empty cell, never "None" or "nan")

    Examples
    --------
    >>> t = show_table(pd.DataFrame({"title": ["<script>alert(1)</script>"]}), caption="A & B")
    >>> "<script>" in t._repr_html_(), "&lt;script&gt;" in t._repr_html_(), "A &amp; B" in t._repr_html_()
    (False, True, True)
    >>> sides = show_table(pd.DataFrame({"speaker": ["Ann Roe"], "side": [None]}), missing={"side": "(none)"})
    >>> "<td>(none)</td>" in sides._repr_html_(), "None" in sides._repr_html_()
    (True, False)
    """
    if not isinstance(df, pd.DataFrame):
        raise KitError(f"expected a pandas DataFrame, got {type(df).__name__}")
    if not isinstance(max_rows, int) or max_rows < 1:
        raise KitError(f"max_rows must be a positive integer, got {max_rows!r}")
    if total is not None and (isinstance(total, bool) or not isinstance(total, numbers.Integral) or total < len(df)):
        raise KitError(f"total must be a whole number of rows, at least the {len(df)} given; got {total!r}")
    if missing is not None and not isinstance(missing, dict):
        raise KitError(f"missing must be a dict of column -> label, got {missing!r}")
    return HTMLTable(df, max_rows=max_rows, caption=caption, float_format=float_format,
                     total=None if total is None else int(total), missing=missing)


# --------------------------------------------------------------------------------------------
# the articles a report works on

#: Publication dates before this year are placeholders (``0001-01-01``) or errors, not news.
EARLIEST_YEAR = 1900
#: Dates more than this many days after the report is made are errors too.
FUTURE_DAYS = 366


class Note(str):
    """A sentence for the reader of a report; shows as plain text (escaped) in a notebook."""

    def _repr_html_(self) -> str:
        return f'<p class="kit-note">{html.escape(str(self))}</p>'


class Notes(list):
    """The :class:`Note` sentences of a report step; shows as one paragraph each (nothing when empty)."""

    def _repr_html_(self) -> str:
        return "\n".join(Note(n)._repr_html_() for n in self)

    def __repr__(self) -> str:
        return "\n".join(str(n) for n in self)


def _listing(df: pd.DataFrame, limit: int = 8) -> str:
    items = [f"{d} ({p})" for d, p in zip(df["doc_id"].astype(str), df["_as_given"])]
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def implausible_dates(articles: pd.DataFrame, *, earliest: int = EARLIEST_YEAR, future_days: int = FUTURE_DAYS,
                      today=None) -> pd.Series:
    """True for articles whose ``published`` is before ``earliest`` (a year) or more than
    ``future_days`` after ``today`` (default: now, UTC): placeholders and typing errors.

    >>> a = pd.DataFrame({"published": pd.to_datetime(["2023-02-04", "1901-01-01", "2999-12-31", None], utc=True)})
    >>> implausible_dates(a, today=pd.Timestamp("2024-01-01", tz="UTC")).tolist()
    [False, False, True, False]
    """
    if "published" not in articles.columns:
        return pd.Series(False, index=articles.index)
    pub = pd.to_datetime(articles["published"], utc=True, errors="coerce")
    now = pd.Timestamp.now(tz="UTC") if today is None else pd.Timestamp(today)
    lo = pd.Timestamp(year=earliest, month=1, day=1, tz="UTC")
    hi = now + pd.Timedelta(days=future_days)
    return pub.notna() & ((pub < lo) | (pub > hi))


def report_articles(articles: pd.DataFrame, *, date_from=None, date_to=None, group_by: str | None = None,
                    earliest: int = EARLIEST_YEAR, future_days: int = FUTURE_DAYS) -> tuple[pd.DataFrame, Notes]:
    """The articles a report works on, and one sentence for each thing the reader should know.

    Implausible dates (before ``earliest``, or more than ``future_days`` ahead) are set to missing:
    those articles count as undated, and a sentence names them with the date as given. Then
    ``date_from`` / ``date_to`` are applied (:func:`kit.overview.filter_dates`: with a bound,
    undated articles are left out). Sentences say how many articles are undated and when no
    article is left. Never raises on what a corpus holds; bad bounds are errors.

    When ``group_by`` is a period (``day``, ``week``, ``month``, ``quarter``, ``year``) that is not
    already a column, the table gets a column of that name holding each article's period
    (:func:`kit.groups.period_of`, undated articles ``(undated)``), so every table and figure of
    a report groups by it as by any other column.

    Returns
    -------
    (articles, notes) : a new table (the input is not modified) and :class:`Notes` (a list of sentences)

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["a", "b", "c"], "title": ["x", "y", "z"],
    ...                   "published": pd.to_datetime(["2023-02-04", "0001-01-01", None], utc=True, format="ISO8601")})
    >>> kept, notes = report_articles(a)
    >>> len(kept), int(kept["published"].notna().sum())
    (3, 1)
    >>> print(notes[0])
    1 article has an implausible publication date and counts as undated: b (0001-01-01).
    >>> print(notes[1])
    2 of 3 articles have no publication date: they are left out of everything shown over time.
    >>> report_articles(a, group_by="month")[0]["month"].tolist()
    ['2023-02', '(undated)', '(undated)']
    """
    from kit.overview import filter_dates

    out = articles.copy()
    notes = Notes()
    if "published" in out.columns and len(out):
        pub = pd.to_datetime(out["published"], utc=True, errors="coerce")
        bad = implausible_dates(out, earliest=earliest, future_days=future_days)
        if bad.any():
            given = pub[bad].dt.strftime("%Y-%m-%d") if hasattr(pub.dt, "strftime") else pub[bad].astype(str)
            listing = _listing(out.loc[bad].assign(_as_given=given))
            n = int(bad.sum())
            notes.append(Note(f"{n} article{'s have' if n != 1 else ' has'} an implausible publication date and "
                              f"count{'s' if n == 1 else ''} as undated: {listing}."))
            out["published"] = pub.where(~bad)
    n_all = len(out)
    out = filter_dates(out, start=date_from, end=date_to)
    if date_from is not None or date_to is not None:
        notes.append(Note(f"{len(out)} of {n_all} articles were published from {date_from or 'the first'} to "
                          f"{date_to or 'the last'} date (undated ones left out)."))
    elif "published" in out.columns and len(out):
        undated = int(out["published"].isna().sum())
        if undated:
            notes.append(Note(f"{undated} of {len(out)} articles have no publication date: they are left out of "
                              "everything shown over time."))
    if not len(out):
        notes.append(Note("No article to report on: the tables below are empty and the figures say so."))
    return _with_period_column(out, group_by), notes


def _with_period_column(articles: pd.DataFrame, group_by: str | None) -> pd.DataFrame:
    """``articles`` with a column ``group_by`` holding each article's period, when ``group_by``
    names a period and no column of that name exists (a column named like a period wins)."""
    from kit.groups import PERIODS, check_group_by, period_of

    if group_by is None or group_by in articles.columns:
        return articles
    check_group_by(articles, group_by)  # an unknown name: the error lists the columns and periods
    if group_by not in PERIODS:
        return articles
    pub = articles["published"] if "published" in articles.columns else pd.Series(pd.NaT, index=articles.index)
    return articles.assign(**{group_by: period_of(pub, group_by)})


def attempt(func, *args, **kwargs):
    """``func(*args, **kwargs)``, or, when the data cannot give that result, an empty table and one
    printed sentence saying why (a report goes on to the end on any corpus).

    Only the kit's own errors about the data (:class:`~kit.errors.KitError`: no tokens to compare,
    a single group, no hits) are caught; anything else is a bug and raises.

    >>> from kit.errors import KitError
    >>> def compare(df):
    ...     raise KitError("target and reference must both contain tokens")
    >>> out = attempt(compare, pd.DataFrame())
    Not shown: target and reference must both contain tokens.
    >>> out.empty
    True
    """
    try:
        return func(*args, **kwargs)
    except KitError as e:
        print(Note(f"Not shown: {str(e).rstrip('.')}."))
        return pd.DataFrame()


def top_rows(table: pd.DataFrame, group_by: str | None, n: int = 5) -> pd.DataFrame:
    """The first ``n`` rows of each ``group_by`` group in the table's order (all rows' first ``n``
    without ``group_by``); an empty or column-less table comes back empty.

    >>> t = pd.DataFrame({"outlet": ["A", "A", "B", "A"], "term": ["x", "y", "z", "w"]})
    >>> top_rows(t, "outlet", 2)["term"].tolist()
    ['x', 'y', 'z']
    """
    if table.empty or (group_by is not None and group_by not in table.columns):
        return table.head(0)
    if group_by is None:
        return table.head(n)
    return table.groupby(group_by, sort=False).head(n)


def top_values(table: pd.DataFrame, column: str, *, chosen=None, by: str | None = None, n: int = 4,
               only_present: bool = False) -> list:
    """The values to show: ``chosen`` (a list, or one value) when given, else the ``n`` distinct
    values of ``column`` ranked by ``by`` (largest first; the table's order without ``by``).

    For defaults that follow the data: the frames of the dictionary in use, the top keywords.
    With ``only_present``, chosen values that the table does not hold (e.g. ``time_frames`` of
    another dictionary) are left out and the report says so in one printed sentence; when none of
    them is there, the ``n`` top values are shown instead. (Without it, chosen values are kept as
    given: KWIC terms may be patterns such as ``tariff*``.)

    >>> t = pd.DataFrame({"frame": ["a", "b", "c", "b"], "share": [0.1, 0.5, 0.3, 0.2]})
    >>> top_values(t, "frame", by="share", n=2), top_values(t, "frame", chosen="c")
    (['b', 'c'], ['c'])
    >>> top_values(t, "frame", chosen=["c", "taiwan"], only_present=True)
    Not in the table, so not shown: frame 'taiwan'.
    ['c']
    >>> top_values(pd.DataFrame(), "frame")
    []
    """
    if chosen is not None:
        chosen = [chosen] if isinstance(chosen, str) else list(chosen)
        if not only_present or table.empty or column not in table.columns:
            return chosen
        present = set(table[column].dropna().tolist())
        missing = [v for v in chosen if v not in present]
        if missing:
            shown = ", ".join(repr(v) for v in missing)
            print(f"Not in the table, so not shown: {column} {shown}."
                  + ("" if len(missing) < len(chosen) else f" Showing the top {n} instead."))
        chosen = [v for v in chosen if v in present]
        if chosen:
            return chosen
    if table.empty or column not in table.columns:
        return []
    ranked = table.sort_values(by, ascending=False, kind="stable") if by in table.columns else table
    return [v for v in dict.fromkeys(ranked[column].dropna().tolist())][:n]


def largest(table: pd.DataFrame, column: str, weight: str = "n"):
    """The value of ``column`` with the largest total ``weight`` (ties: the first in sorted order),
    or ``None`` for an empty table: e.g. the group with the most counted tokens.

    >>> largest(pd.DataFrame({"outlet": ["A", "B", "B"], "n": [5, 2, 2]}), "outlet")
    'A'
    >>> largest(pd.DataFrame(), "outlet") is None
    True
    """
    if table.empty or column not in table.columns or weight not in table.columns:
        return None
    tot = table.groupby(column, sort=True)[weight].sum()
    return tot.sort_values(ascending=False, kind="stable").index[0]


#: The data card section that says where a bundled dictionary was validated and where not.
VALIDITY_HEADING = "## Where it was validated, and where not"


def dictionary_validity(dictionary) -> Notes:
    """One sentence per dictionary in use: where its data card says it was validated and where not.

    ``dictionary`` is what notebook 03 takes: a bundled name, a file, or a list of them. For a
    bundled dictionary the sentence is the first paragraph of its data card's section
    :data:`VALIDITY_HEADING`, joined into one line; for your own file it says the kit has not
    validated it.

    Examples
    --------
    >>> print(dictionary_validity("generic_frames")[0][:70])
    generic_frames: Validated on the fictional sample corpus (44 articles
    >>> print(dictionary_validity(["my_frames.yml"])[0])
    my_frames.yml: your own dictionary, not validated by the kit; check it on your corpus (kit frames-eval) before trusting a number.
    """
    from importlib import resources

    from kit.frames.dictionaries import BUNDLED_DICTIONARIES

    notes = Notes()
    for item in [dictionary] if isinstance(dictionary, (str, os.PathLike)) else list(dictionary or []):
        name = str(item)
        if name not in BUNDLED_DICTIONARIES:
            notes.append(Note(f"{Path(name).name}: your own dictionary, not validated by the kit; check it on your "
                              "corpus (kit frames-eval) before trusting a number."))
            continue
        card = resources.files("kit.resources").joinpath("dictionaries").joinpath(f"{name}.md").read_text(encoding="utf-8")
        section = card.split(VALIDITY_HEADING, 1)[1] if VALIDITY_HEADING in card else ""
        first = section.strip().split("\n\n", 1)[0]
        line = re.sub(r"\s+", " ", first.replace("**", "")).strip() or "its data card does not say where it was validated."
        notes.append(Note(f"{name}: {line}"))
    return notes


def group_rows(articles: pd.DataFrame, group_by: str | None, group) -> pd.DataFrame:
    """The articles of one group, with the ``group_by`` vocabulary of :mod:`kit.groups` (a column,
    a period, or None for all articles; a missing value is the group ``(unknown)``).

    >>> a = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["Wire", "Daily", None]})
    >>> group_rows(a, "outlet", "Wire")["doc_id"].tolist(), group_rows(a, "outlet", "(unknown)")["doc_id"].tolist()
    (['a'], ['c'])
    >>> len(group_rows(a, None, "all"))
    3
    """
    from kit.groups import group_column

    if not len(articles):
        return articles
    return articles[group_column(articles, group_by) == str(group)]


def group_order(articles: pd.DataFrame, group_by: str | None) -> list[str]:
    """The report's one group order: groups by number of articles, largest first, ties by name.

    Every figure and table of a report that lists groups takes this order (``order=`` of
    :func:`kit.plots.bar_counts` and :func:`kit.plots.prevalence_plot`, :func:`in_order` for tables),
    so a group keeps its place from one figure to the next. Groups are the labels of
    :func:`kit.groups.group_column` (a column, a period, or ``all`` when ``group_by`` is None).

    >>> a = pd.DataFrame({"outlet": ["Wire", "Daily", "Daily", "Post", None]})
    >>> group_order(a, "outlet")
    ['Daily', '(unknown)', 'Post', 'Wire']
    >>> group_order(a, None)
    ['all']
    """
    from kit.groups import group_column

    if not len(articles):
        return []
    counts = group_column(articles, group_by).value_counts(sort=False)
    return sorted((str(g) for g in counts.index), key=lambda g: (-int(counts[g]), g))


def in_order(table: pd.DataFrame, column: str, order) -> pd.DataFrame:
    """``table`` with its rows in the order ``order`` gives the values of ``column`` (the report's
    one group order, e.g. the summary table's); values not in ``order`` follow, as they were.

    >>> t = pd.DataFrame({"outlet": ["A", "B", "C"], "n": [1, 2, 3]})
    >>> in_order(t, "outlet", ["C", "A"])["outlet"].tolist()
    ['C', 'A', 'B']
    """
    if column not in table.columns or not len(table):
        return table
    rank = {str(v): i for i, v in enumerate(order)}
    key = table[column].astype(str).map(rank).fillna(len(rank))
    return table.iloc[key.reset_index(drop=True).sort_values(kind="stable").index].reset_index(drop=True)


def value_order(table: pd.DataFrame, column: str, value: str, order=()) -> list[str]:
    """The groups of ``column`` by their total ``value``, largest first (ties in the report's group
    order ``order``, then by name): the ``order=`` of a figure whose point is the ranking, such as
    the distinct voices per outlet. Say so in its title or axis label; the other figures keep the
    report's group order (:func:`group_order`).

    Parameters
    ----------
    table : one row per group (or per group and another column: the values are summed per group)
    column : the group column (labels as :func:`kit.groups.group_labels` writes them)
    value : the numeric column to rank by (a missing value counts 0)
    order : the report's group order, for ties

    Returns
    -------
    list of str: the group labels, largest total first.

    Examples
    --------
    >>> t = pd.DataFrame({"outlet": ["Daily", "Wire", "Post"], "n_voices": [4, 9, 4]})
    >>> value_order(t, "outlet", "n_voices", ["Post", "Daily", "Wire"])
    ['Wire', 'Post', 'Daily']
    >>> value_order(t.head(0), "outlet", "n_voices")
    []
    """
    from kit.groups import group_labels

    if not len(table):
        return []
    totals = pd.to_numeric(table[value], errors="coerce").fillna(0.0).groupby(
        group_labels(table[column]).to_numpy(), sort=False).sum()
    rank = {str(g): i for i, g in enumerate(order)}
    return sorted((str(g) for g in totals.index), key=lambda g: (-float(totals[g]), rank.get(g, len(rank)), g))


def side_chart_note(by_side: pd.DataFrame, *, actors) -> Note | None:
    """Why a chart of quoted words by side would tell the reader nothing, or None when it is worth drawing.

    Sides come from the actor file. Without one every speaker's side is ``(none)``, and when all
    quotes fall under one side each group's bar is that side's share, 1: a chart of single bars of
    length 1 says only that there is nothing to compare. The report then shows this sentence instead
    (the table is still written).

    Parameters
    ----------
    by_side : :func:`kit.quotes.sources` with ``by="side"`` (columns: the group, ``side``, ``share`` ...)
    actors : the actor file the quotes were read with (None: none)

    Returns
    -------
    :class:`Note` or None

    Examples
    --------
    >>> one = pd.DataFrame({"outlet": ["A", "B"], "side": ["(none)", "(none)"], "share": [1.0, 1.0]})
    >>> print(side_chart_note(one, actors=None))
    No chart of quoted words by side: no actor file was given, so no speaker has a side (every quote counts under (none), a share of 1 in every group). Give one (parameter actors) to compare the sides.
    >>> two = pd.DataFrame({"outlet": ["A", "A"], "side": ["government", "(none)"], "share": [0.4, 0.6]})
    >>> side_chart_note(two, actors="cast.yml") is None
    True
    """
    from kit.quotes.summary import NO_SIDE

    sides = sorted(set(by_side["side"].dropna().astype(str))) if "side" in by_side.columns else []
    if actors is None:
        return Note("No chart of quoted words by side: no actor file was given, so no speaker has a side "
                    f"(every quote counts under {NO_SIDE}, a share of 1 in every group). Give one (parameter "
                    "actors) to compare the sides.")
    if not sides:
        return Note("No chart of quoted words by side: there is no quote to count.")
    if len(sides) == 1:
        return Note(f"No chart of quoted words by side: every quote counts under one side ({sides[0]}), a share "
                    "of 1 in every group. Extend the actor file (kit.actors.uncovered_names lists the speakers "
                    "it does not name) to compare the sides.")
    return None


def rows_with(table: pd.DataFrame, column: str, values) -> pd.DataFrame:
    """Rows whose ``column`` is one of ``values``; an empty table (even without the column) comes back empty.

    >>> rows_with(pd.DataFrame({"frame": ["a", "b"]}), "frame", ["b"])["frame"].tolist()
    ['b']
    >>> rows_with(pd.DataFrame(), "frame", ["b"]).empty
    True
    """
    if column not in table.columns:
        return table.head(0)
    return table[table[column].isin(list(values))]


def columns(table: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """The named columns that the table has, in the order given (an empty table keeps what it has).

    >>> columns(pd.DataFrame({"a": [1], "b": [2]}), ["b", "c"]).columns.tolist()
    ['b']
    """
    return table[[c for c in names if c in table.columns]]
