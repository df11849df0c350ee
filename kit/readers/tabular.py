"""Readers for tabular exports (JSON Lines and CSV).

Media Cloud-like exports hold one article per record with the columns
``id, title, url, publish_date, media_name, language, authors, text``. Other exports
name their columns differently; common alternatives are recognised automatically
(see :data:`COLUMN_ALIASES`, e.g. ``body``/``content``/``full_text`` for the text,
``source``/``outlet``/``publisher`` for the outlet, ``date``/``published``/``pubdate``
for the date), and ``ReadOptions(column_map={"text": "body", "outlet": "source"})``
names them explicitly; the map always wins over the automatic guess.

Every record that cannot be used becomes a :class:`~kit.readers.base.Rejection` naming the
file, line and record and the reason, and the rest of the file goes on:

- a line that is not JSON, or a JSON value that is not an object: rejected;
- a record without text but with a title (a story list, e.g. a Media Cloud export without text):
  kept with its title, URL, outlet and date, and flagged; without a title either: rejected;
- a date that cannot be parsed: the article is kept with ``published`` missing and a
  ``flagged`` rejection says why.

Dates become timezone-aware UTC :class:`pandas.Timestamp`. **A date without a time zone
(e.g. ``"2023-06-19 08:30:00"``) is taken to be UTC**, and a date without a time is
midnight UTC; an all-numeric date that could be read both ways (``06/07/2023``) is read
month first, as dateutil does. Numbers are Unix epoch seconds (milliseconds when larger
than 10^11), and so is a cell of 10 or 13 digits written as text (``"1686960000"``), flagged
"read as epoch seconds" (or milliseconds). Authors may be a list, a JSON list in a cell, or names separated by ``;``,
``,``, ``&`` or "and" (so "Surname, Given" bylines are split in two). Body text is split into paragraphs on blank lines (on single line
breaks when the text has no blank line at all). Paragraphs that are cross-links
("Read More: ..."), contributor lines ("With assistance from ...") or outlet trailers get
those roles instead of ``body`` (rules from :mod:`kit.newsclean`).

Dates, names and paragraphs are read with the helpers of :mod:`kit.readers.fields`, shared by
every reader.
"""
from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Iterator

from kit import newsclean
from kit.readers.base import ReadError, ReadOptions, Rejection, reader
from kit.readers.fields import decode_notes, label_paragraphs, language_code, parse_when, split_names, split_text
from kit.readers.outlets import normalise_outlet
from kit.schema import Article

# ---------------------------------------------------------------------------
# column matching
# ---------------------------------------------------------------------------

#: Article field -> column names recognised automatically, best first (case-insensitive).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "full_text", "fulltext", "article_text", "story_text", "maintext",
             "main_text", "article", "story"),
    "title": ("title", "headline", "hed", "article_title", "heading"),
    "published": ("publish_date", "published", "date", "pubdate", "pub_date", "publication_date", "published_at",
                  "publish_time", "datetime", "date_published", "timestamp"),
    "outlet": ("media_name", "outlet", "source", "publisher", "publication", "source_name", "media", "site_name",
               "sitename", "newspaper", "media_url", "domain"),
    "authors": ("authors", "author", "byline", "creator", "creators", "writers", "by"),
    "url": ("url", "link", "canonical_url", "permalink", "article_url", "story_url", "href"),
    "language": ("language", "lang", "language_code", "locale"),
    "id": ("id", "stories_id", "story_id", "article_id", "guid", "uid", "record_id"),
    "section": ("section", "category", "desk", "department"),
    "subtitle": ("subtitle", "dek", "standfirst", "description", "summary", "teaser"),
    "updated": ("updated", "updated_at", "modified", "last_modified", "date_modified", "update_date"),
}

_MAP_SYNONYMS = {"publish_date": "published", "date": "published", "media_name": "outlet", "author": "authors",
                 "source_id": "id", "body": "text", "headline": "title"}


def _check_map(path: str, column_map: dict[str, str]) -> dict[str, str]:
    out = {}
    for key, col in (column_map or {}).items():
        field = _MAP_SYNONYMS.get(key, key)
        if field not in COLUMN_ALIASES:
            raise ReadError(path, f"column_map has unknown field {key!r}; valid fields: {', '.join(COLUMN_ALIASES)}")
        out[field] = col
    return out


def _resolve_columns(columns: list[str], column_map: dict[str, str]) -> dict[str, str]:
    """Field -> actual column name among ``columns`` (map first, then aliases)."""
    by_fold = {}
    for c in columns:
        by_fold.setdefault(str(c).strip().casefold(), c)
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for field, col in column_map.items():
        actual = col if col in columns else by_fold.get(str(col).strip().casefold())
        if actual is not None:
            chosen[field] = actual
            used.add(actual)
    for field, aliases in COLUMN_ALIASES.items():
        if field in chosen or field in column_map:
            continue
        for alias in aliases:
            actual = by_fold.get(alias)
            # the title column stays the title when the map points the text at it (--map text=title)
            if actual is not None and (actual not in used or (field == "title" and chosen.get("text") == actual)):
                chosen[field] = actual
                used.add(actual)
                break
    return chosen


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip())


def _record_to_article(rec: dict, cols: dict[str, str], path: str, fmt: str, record: int, line: int,
                       options: ReadOptions, found: list[str], outlets: dict | None = None
                       ) -> Iterator[Article | Rejection]:
    """The article (and its flags) or the rejection one record gives. ``outlets`` remembers the
    outlet names already looked up in this file (the same few names recur on every record)."""
    def get(field):
        col = cols.get(field)
        value = None if col is None else rec.get(col)
        if isinstance(value, dict) and field != "authors":  # e.g. {"source": {"id": ..., "name": "Wire"}}
            value = value.get("name") or value.get("title") or value.get("id")
        return value

    headline_only = cols.get("text") is not None and cols.get("text") == cols.get("title")
    text = None if headline_only else get("text")  # --map text=title: the column is a headline, not a text
    if isinstance(text, list):
        text = "\n\n".join(str(t) for t in text)
    story_list = _blank(text) and not _blank(get("title"))
    if story_list:  # a story list (Media Cloud exports without text): kept for headline analyses, flagged
        text = ""
    elif _blank(text):
        if "text" not in cols:
            reason = (f"record has no text field (fields found: {', '.join(map(str, found)) or 'none'}; "
                      f"name the text field with ReadOptions(column_map={{'text': '<field>'}}))")
        else:
            reason = f"record without text (field {cols['text']!r} is empty)"
        yield Rejection(source_path=path, reason=reason, line=line, record=record)
        return
    title = "" if _blank(get("title")) else " ".join(str(get("title")).split())
    title, text, repaired = _repair_cells(title, text)
    outlet_raw = None if _blank(get("outlet")) else " ".join(str(get("outlet")).split())
    key = (outlet_raw, cols.get("outlet"))
    if outlets is None or key not in outlets:
        got = _outlet(outlet_raw, cols, options)
        if outlets is None:
            outlets = {}
        outlets[key] = got
    outlet, outlet_source = outlets[key]
    flags: list[Rejection] = []
    when = {}
    for field in ("published", "updated"):
        value = get(field)
        try:
            when[field] = _in_range(parse_cell_date(value))
        except ValueError as e:
            when[field] = None
            flags.append(Rejection(source_path=path, line=line, record=record, status="flagged",
                                   reason=f"unparsable {field} date in column {cols[field]!r}: {e}; kept without it"))
            continue
        if when[field] is not None and isinstance(value, str) and _EPOCH_TEXT.match(value):
            flags.append(Rejection(source_path=path, line=line, record=record, status="flagged",
                                   reason=f"{field} date {value.strip()!r} in column {cols[field]!r} read as epoch "
                                          f"{'milliseconds' if len(value.strip()) == 13 else 'seconds'} "
                                          f"({when[field].isoformat()[:19]} UTC)"))
    paras = split_text(str(text))
    if paras and title and " ".join(paras[0].split()).casefold() == title.casefold():
        first = [("title", paras[0])]
        paras = paras[1:]
    else:
        first = []
    pairs, contributors = label_paragraphs(paras)
    body = [t for r, t in pairs if r == "body"]
    extra: dict[str, Any] = {}
    if not _blank(get("id")):
        extra["source_id"] = get("id") if isinstance(get("id"), (int, str)) else str(get("id"))
    taken = set(cols.values())
    for k, v in rec.items():
        if k not in taken and not _blank(v):
            extra[str(k)] = v
    url = get("url")
    yield Article(
        title=title,
        outlet=outlet,
        subtitle=None if _blank(get("subtitle")) else " ".join(str(get("subtitle")).split()),
        published=when["published"],
        updated=when["updated"],
        authors=split_names(get("authors"), drop=(outlet or "",)),
        contributors=contributors,
        url=None if _blank(url) else str(url).strip(),
        section=None if _blank(get("section")) else str(get("section")).strip(),
        dateline=newsclean.dateline(body[0]) if body else None,
        language=language_code(get("language")),
        paragraphs=first + pairs,
        source_path=path,
        source_format=fmt,
        source_record=record,
        extra=extra,
        outlet_source=outlet_source,
        outlet_raw=outlet_raw,
    )
    if repaired:
        flags.append(Rejection(source_path=path, line=line, record=record, status="flagged",
                               reason=f"repaired mojibake in the {' and '.join(repaired)} (UTF-8 text that had been "
                                      "decoded as Windows-1252)"))
    yield from flags
    if story_list:
        why = (f"the text is mapped to the title field {cols['text']!r}: a headline only" if headline_only else
               f"record without text (field {cols['text']!r} is empty)" if "text" in cols else
               f"record has no text field (fields found: {', '.join(map(str, found)) or 'none'}; if one holds the "
               f"text, name it with --map text=<field> or ReadOptions(column_map={{'text': '<field>'}}))")
        yield Rejection(source_path=path, line=line, record=record, status="flagged",
                        reason=why + ": kept with its title, URL, outlet and date for headline analyses")


#: a date cell of digits only: 10 of them are Unix epoch seconds, 13 epoch milliseconds
_EPOCH_TEXT = re.compile(r"^\s*(?:\d{10}|\d{13})\s*$")


def parse_cell_date(value: Any):
    """A table cell's date as :func:`kit.readers.fields.parse_when` reads it, and a cell of 10 or 13
    digits written as text (``"1686960000"``, ``"1686960000000"``) as Unix epoch seconds or
    milliseconds, as the same number written as a JSON number is read (the readers flag it: such a
    cell is read, never guessed silently). Other digit-only cells are read as before (an 8-digit
    ``"20230617"`` has no year :func:`~kit.readers.fields.parse_when` sees, and is flagged).

    >>> str(parse_cell_date("1686960000")), str(parse_cell_date("1686960000000"))
    ('2023-06-17 00:00:00+00:00', '2023-06-17 00:00:00+00:00')
    >>> str(parse_cell_date(1686960000)), str(parse_cell_date("2023-06-17"))
    ('2023-06-17 00:00:00+00:00', '2023-06-17 00:00:00+00:00')
    """
    if isinstance(value, str) and _EPOCH_TEXT.match(value):
        return parse_when(int(value))
    return parse_when(value)


def _repair_cells(title: str, text: Any) -> tuple[str, Any, list[str]]:
    """``(title, text, repaired)``: the title and text cells with mojibake repaired as
    :func:`kit.decode.decode_bytes` repairs a file's (ftfy's ``fix_encoding``, which changes nothing
    else), and the names of the cells it changed. A cell can be double-encoded when the file is not:
    a JSON string escaped as ``"Fran\\u00c3\\u00a7ois"`` is plain ASCII in the file."""
    from kit.decode import repair_mojibake

    repaired = []
    cells = {"title": title, "text": text}
    for name, value in cells.items():
        if isinstance(value, str) and (fixed := repair_mojibake(value)) is not None:
            cells[name] = fixed
            repaired.append(f"{name} cell")
    return cells["title"], cells["text"], repaired


def _in_range(ts):
    """``ts``, unless it lies outside pandas' nanosecond range (years 1677-2262, which the kit keeps as
    the span of plausible table dates; e.g. a placeholder ``0001-01-01``): that raises ``ValueError``, so
    the article is kept without it and flagged."""
    if ts is not None:
        if not _BOUNDS:
            import pandas as pd

            _BOUNDS[:] = [pd.Timestamp.min.tz_localize("UTC"), pd.Timestamp.max.tz_localize("UTC")]
        if not (_BOUNDS[0] <= ts <= _BOUNDS[1]):
            raise ValueError(f"{str(ts)[:10]!r} lies outside the dates a table reader accepts (1677-2262; a placeholder?)")
    return ts


_BOUNDS: list = []  # the first and last time a table column can hold (made on first use: pandas loads late)


def _outlet(raw: str | None, cols: dict[str, str], options: ReadOptions) -> tuple[str | None, str | None]:
    """``(outlet, outlet_source)``: ``--outlet``, else the outlet column's value under its canonical
    name from the outlet table (:func:`kit.readers.outlets.normalise_outlet`), else as given."""
    if options.outlet:
        return options.outlet, "--outlet"
    if raw is None:
        return None, None
    outlet, how = normalise_outlet(raw, options.outlet_table)
    column = f"column {cols['outlet']!r}"
    return outlet, (f"{how} ({column})" if how else column)


# ---------------------------------------------------------------------------
# readers
# ---------------------------------------------------------------------------

def _sniff_jsonl(head: bytes, path: str) -> bool:
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return first == b"{" and b'"' in head[:200]


@reader("jsonl", extensions=(".jsonl", ".ndjson", ".json"), sniff=_sniff_jsonl,
        description="JSON Lines (or a JSON array) of article objects, Media Cloud-like")
def read_jsonl(data: bytes, path: str, options: ReadOptions) -> Iterator[Article | Rejection]:
    """JSON Lines (or a JSON array) of article objects, Media Cloud-like.

    >>> from kit.readers.base import ReadOptions
    >>> line = b'{"id": "a1", "title": "Talks", "publish_date": "2023-06-19 08:30:00", "text": "One.\\\\n\\\\nTwo."}'
    >>> [a.paragraphs for a in read_jsonl(line, "x.jsonl", ReadOptions())]
    [[('body', 'One.'), ('body', 'Two.')]]
    """
    from kit.decode import decode_bytes

    text, notes = decode_bytes(data, path)
    column_map = _check_map(path, options.column_map)
    yield from decode_notes(path, notes)
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            values = json.loads(stripped)
        except RecursionError:
            raise ReadError(path, "not a readable JSON array: nested too deeply (beyond Python's recursion limit)") from None
        except ValueError as e:
            raise ReadError(path, f"not a JSON array: {e}") from None
        items = [(None, i + 1, v) for i, v in enumerate(values)]
    else:
        items = []
        record = 0
        for lineno, raw in enumerate(text.split("\n"), start=1):
            if not raw.strip():
                continue
            record += 1
            try:
                items.append((lineno, record, json.loads(raw)))
            except json.JSONDecodeError as e:
                items.append((lineno, record, _NotJSON(f"{e.msg} at column {e.colno}")))
            except RecursionError:  # only this line is lost
                items.append((lineno, record, _NotJSON("nested too deeply (arrays or objects inside each other "
                                                       "beyond Python's recursion limit)")))
            except ValueError as e:  # e.g. an integer of more than 4,300 digits
                items.append((lineno, record, _NotJSON(f"a value cannot be read ({e})")))
    resolved: dict[tuple, dict[str, str]] = {}  # a record's keys -> its columns (records share their keys)
    outlets: dict = {}
    for lineno, record, value in items:
        if isinstance(value, _NotJSON):
            yield Rejection(source_path=path, line=lineno, record=record, reason=f"not JSON: {value.msg}")
            continue
        if not isinstance(value, dict):
            yield Rejection(source_path=path, line=lineno, record=record,
                            reason=f"JSON value is {_json_kind(value)}, not an object")
            continue
        keys = tuple(value)
        cols = resolved.get(keys)
        if cols is None:
            cols = resolved[keys] = _resolve_columns(list(keys), column_map)
        yield from _record_to_article(value, cols, path, "jsonl", record, lineno, options, list(keys), outlets)


class _NotJSON:
    def __init__(self, msg: str):
        self.msg = msg


def _json_kind(v: Any) -> str:
    if isinstance(v, list):
        return "an array"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, (int, float)):
        return "a number"
    return "null" if v is None else type(v).__name__


@reader("csv", extensions=(".csv", ".tsv"), description="CSV/TSV export with one article per row, Media Cloud-like")
def read_csv(data: bytes, path: str, options: ReadOptions) -> Iterator[Article | Rejection]:
    """CSV/TSV export with one article per row, Media Cloud-like.

    The delimiter is a comma, or a tab/semicolon when the header row says so.
    ``line`` in a rejection is the line where the row starts (the header is line 1).

    >>> from kit.readers.base import ReadOptions
    >>> data = b'title,date,body\\nTalks,2023-06-19,"One.\\n\\nTwo."\\n'
    >>> [(a.title, str(a.published), len(a.paragraphs)) for a in read_csv(data, "x.csv", ReadOptions())]
    [('Talks', '2023-06-19 00:00:00+00:00', 2)]
    """
    from kit.decode import decode_bytes

    text, notes = decode_bytes(data, path)
    column_map = _check_map(path, options.column_map)
    header_line = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=lambda d: (header_line.count(d), d == ","))
    if path.lower().endswith(".tsv") and "\t" in header_line:
        delimiter = "\t"
    if csv.field_size_limit() < 2**31 - 1:
        csv.field_size_limit(2**31 - 1)  # article texts are longer than the 128 kB default
    buf = io.StringIO(text, newline="")
    rows = csv.reader(buf, delimiter=delimiter, strict=True)
    try:
        header = next(rows)
    except StopIteration:
        raise ReadError(path, "empty file") from None
    except csv.Error as e:
        raise ReadError(path, f"bad CSV header row: {e}", line=1) from None
    header = [h.strip() for h in header]
    cols = _resolve_columns(header, column_map)
    missing = [f"{f}={c!r}" for f, c in column_map.items() if f not in cols]
    if missing:
        raise ReadError(path, f"column_map names columns that are not in the file ({', '.join(missing)}); "
                              f"columns found: {', '.join(header)}", line=1)
    if "text" not in cols and "title" not in cols:
        raise ReadError(path, f"no text or title column; columns found: {', '.join(header)}; name the text column with "
                              f"--map text=<column> (Python: column_map={{'text': '<column>'}}) (recognised names: "
                              f"{', '.join(COLUMN_ALIASES['text'])})", line=1)
    yield from decode_notes(path, notes)
    outlets: dict = {}
    line_starts: list[int] = []  # where every line starts, to restart after an unclosed quotation mark
    record = 0
    base = 0  # lines before the current reader's start
    start = rows.line_num + 1
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as e:
            record += 1
            yield Rejection(source_path=path, line=start, record=record,
                            reason=f"bad CSV row ({e}): a quotation mark that is never closed? This line is rejected "
                                   "and the lines after it are read as rows of their own")
            if not line_starts:
                line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
            if start >= len(line_starts):
                break
            # read again from the line after the bad one, so the rows it swallowed are not lost
            buf = io.StringIO(text, newline="")
            buf.seek(line_starts[start])
            rows = csv.reader(buf, delimiter=delimiter, strict=True)
            base = start
            start = base + 1
            continue
        line, start = start, base + rows.line_num + 1
        if not any(c.strip() for c in row):
            continue
        record += 1
        if len(row) != len(header):
            yield Rejection(source_path=path, line=line, record=record,
                            reason=f"row has {len(row)} fields, the header has {len(header)}")
            continue
        rec = dict(zip(header, row))
        yield from _record_to_article(rec, cols, path, "csv", record, line, options, header, outlets)
