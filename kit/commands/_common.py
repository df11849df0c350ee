"""What the commands share: source arguments, tokenizer options, argument types, output (one JSON
converter, one table printer) and the common tail (ingest report on stderr, exit status).

Every command prints a table by default and a JSON array with ``--json``; rejections and flags of
the readers go to stderr; the exit status is 1 when a source was rejected, 2 for a bad argument.
Nothing here imports pandas at module level, so ``kit --help`` starts fast.
"""
from __future__ import annotations

import argparse
import functools
import json
import math
import os
import sys

from kit.errors import KitError

# ----------------------------------------------------------------------------- argument types


def positive_int(text: str) -> int:
    """argparse type: an integer of at least 1.

    >>> positive_int("3")
    3
    >>> positive_int("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be a positive integer, got '0'
    """
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text!r}")
    return value


def non_negative_int(text: str) -> int:
    """argparse type: an integer of at least 0.

    >>> non_negative_int("0")
    0
    >>> non_negative_int("-1")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be 0 or a positive integer, got '-1'
    """
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or a positive integer, got {text!r}")
    return value


def existing_path(text: str) -> str:
    """argparse type: a file or folder that exists.

    >>> existing_path("/no/such/place")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: no such file or folder: '/no/such/place'
    """
    if not os.path.exists(text):
        raise argparse.ArgumentTypeError(f"no such file or folder: {text!r}")
    return text


def day(text: str):
    """argparse type of ``--as-of``: a calendar day, parsed once, as a UTC Timestamp at midnight
    (:func:`kit.readers.dates.ingest_day`).

    >>> day("2024-03-02").isoformat()
    '2024-03-02T00:00:00+00:00'
    >>> day("next week")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: not a day for the ingest day (as_of): 'next week' (...)
    """
    from kit.readers.dates import ingest_day

    try:
        return ingest_day(text).normalize()
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def existing_file(text: str) -> str:
    """argparse type: a file that exists."""
    if not os.path.isfile(text):
        raise argparse.ArgumentTypeError(f"no such file: {text!r}")
    return text


# ----------------------------------------------------------------------------- shared arguments


def add_source_arguments(p: argparse.ArgumentParser) -> None:
    """PATH... plus the reader options every reading command accepts."""
    p.add_argument("paths", nargs="+", metavar="PATH", type=existing_path,
                   help="source files, folders (read recursively), .zip archives, or an ingested corpus (store folder or .parquet)")
    p.add_argument("--format", default=None, type=reader_name,
                   help="force one reader for every file (default: detected per file); see `kit formats`")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="CSV/JSONL column for an article field, e.g. --map text=body --map outlet=source")
    p.add_argument("--outlet", default=None, help="outlet name for sources that do not say it")
    p.add_argument("--outlet-from", choices=["folder"], default=None,
                   help="an article whose source names no outlet gets the name of its file's folder")
    p.add_argument("--outlets", metavar="CSV", default=None,
                   help="outlet table (columns match,outlet): domains, name variants and path patterns -> outlet")
    p.add_argument("--as-of", type=day, default=None, metavar="YYYY-MM-DD",
                   help="the ingest day: a date after it is set aside and flagged (default today, UTC); give it so that "
                        "a later read of the same sources reads the same dates (recorded in the manifest). Sources "
                        "only: an ingested corpus keeps the day it was ingested with")
    g = p.add_argument_group("limits on archives and documents (see kit.readers.Limits)")
    g.add_argument("--max-file-mb", type=positive_int, default=None, metavar="MB",
                   help="largest file, archive member or document part once expanded (default 256; a JSONL/CSV "
                        "export read in byte ranges is not limited)")
    g.add_argument("--max-archive-mb", type=positive_int, default=None, metavar="MB",
                   help="largest total of one .zip or .docx once expanded (default 2048)")
    g.add_argument("--max-ratio", type=positive_int, default=None, metavar="R",
                   help="largest compression ratio of a member over 1 MiB (default 200; zip bombs reach thousands)")


def limits(args: argparse.Namespace):
    """:class:`kit.readers.Limits` from ``--max-file-mb``, ``--max-archive-mb`` and ``--max-ratio``."""
    from kit.readers.base import Limits

    given = {"max_file_bytes": getattr(args, "max_file_mb", None), "max_archive_bytes": getattr(args, "max_archive_mb", None)}
    kw = {k: v * 2**20 for k, v in given.items() if v is not None}
    if getattr(args, "max_ratio", None) is not None:
        kw["max_ratio"] = float(args.max_ratio)
    return Limits(**kw)


def reader_name(text: str) -> str:
    """argparse type: the name of a reader (checked when given, so building the parser stays fast).

    >>> reader_name("factiva")
    'factiva'
    >>> reader_name("pdf")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: unknown format 'pdf' (choose from apa, csv, europresse, factiva, html, jsonl, lexisnexis, webcopy)
    """
    from kit.readers import REGISTRY

    if text not in REGISTRY:
        raise argparse.ArgumentTypeError(f"unknown format {text!r} (choose from {', '.join(sorted(REGISTRY))})")
    return text


def add_output_arguments(p: argparse.ArgumentParser, what: str) -> None:
    """``--json``: print ``what`` as a JSON array instead of a table."""
    p.add_argument("--json", action="store_true", help=f"print {what} as a JSON array (default: a table)")


def say_to(args: argparse.Namespace):
    """Where a command's messages go: ``print``, or with ``--json`` a print to standard error, so that
    standard output holds only the JSON.

    >>> import contextlib, io
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     say_to(argparse.Namespace(json=True))("12 articles")
    >>> err.getvalue(), say_to(argparse.Namespace(json=False)) is print
    ('12 articles\\n', True)
    """
    return functools.partial(print, file=sys.stderr) if args.json else print


def add_token_arguments(p: argparse.ArgumentParser, *, keep_stopwords_help: str = "count stopwords too") -> None:
    """The tokenizer options of every command that counts terms (see :class:`kit.text.TokenOptions`)."""
    g = p.add_argument_group("tokenizer options")
    g.add_argument("--keep-stopwords", action="store_true", help=keep_stopwords_help)
    g.add_argument("--min-length", type=positive_int, default=1, metavar="N",
                   help="leave out terms shorter than N characters (default 1)")
    g.add_argument("--stem", action="store_true", help="count Snowball stems of lower-case words")
    g.add_argument("--split-hyphens", action="store_true",
                   help="count the parts of hyphenated compounds (high-stakes -> high, stakes)")


def token_options(args: argparse.Namespace, *, stopwords: str | None = "english"):
    """:class:`kit.text.TokenOptions` from the tokenizer arguments (``--keep-stopwords`` keeps all)."""
    from kit.text import TokenOptions

    return TokenOptions.make(stopwords=None if args.keep_stopwords else stopwords, min_length=args.min_length,
                             stem=args.stem, merge_us=True, split_hyphens=args.split_hyphens)


def column_map(pairs: list[str]) -> dict[str, str]:
    """Parse ``FIELD=COLUMN`` pairs.

    >>> column_map(["text=body", "outlet=source"])
    {'text': 'body', 'outlet': 'source'}
    """
    out = {}
    for pair in pairs:
        field, sep, col = pair.partition("=")
        if not sep or not field.strip() or not col.strip():
            raise KitError(f"--map takes FIELD=COLUMN, got '{pair}'")
        out[field.strip()] = col.strip()
    return out


def load(args: argparse.Namespace, *, text_only: bool = False, by: str | None = None, count=None):
    """The corpus named by ``args.paths`` with the reader options given.

    Sets ``args.stored_corpus`` to the store's path when the input is an ingested corpus (whose
    ingest report was printed by ``kit ingest``), else None; :func:`finish` reads it.

    ``text_only=True`` (commands that analyse article text alone: terms, keyness, frames) reads
    from an ingested corpus only what they use: no paragraphs, and of the articles ``doc_id``,
    ``text`` and the grouping field ``by`` (``published`` for a period). An unknown ``by`` reads
    every column, so the command's error lists them all. From sources, every article column is
    built but no paragraphs table. ``count`` (token options): sources are read with their terms
    counted into ``corpus.term_matrix`` (see :func:`kit.corpus.build_corpus`); a stored corpus has none.
    Sources counted for a text analysis build of the articles only ``doc_id`` and the grouping
    field (the counts are all such a command reads of the text; an unknown ``by`` builds every column).
    """
    from kit.corpus import is_ingested, load_corpus

    args.stored_corpus = None
    if len(args.paths) == 1 and (args.paths[0].endswith(".parquet") or is_ingested(args.paths[0])):
        args.stored_corpus = args.paths[0]
        if not text_only:
            return load_corpus(args.paths[0])
        return load_corpus(args.paths[0], paragraphs=False, columns=_text_columns(args.paths[0], by))
    columns = _counted_columns(by) if text_only and count is not None else None
    return load_corpus(args.paths, format=args.format, column_map=column_map(args.map), outlet=args.outlet,
                       outlet_from=args.outlet_from, outlets=args.outlets, limits=limits(args), as_of=args.as_of,
                       paragraphs=not text_only, count=count, columns=columns)


def _counted_columns(by: str | None) -> list[str] | None:
    """The article columns a text analysis grouped by ``by`` builds from sources whose terms are
    counted while reading (None: all, so that an unknown field's error lists them).

    >>> _counted_columns(None), _counted_columns("month"), _counted_columns("outlet"), _counted_columns("colour")
    (['doc_id'], ['doc_id', 'published'], ['doc_id', 'outlet'], None)
    """
    from kit.groups import PERIODS
    from kit.schema import ARTICLE_COLUMNS

    if by is None:
        return ["doc_id"]
    if by in PERIODS:
        return ["doc_id", "published"]
    return ["doc_id", by] if by in ARTICLE_COLUMNS and by != "text" else None


def _text_columns(path: str, by: str | None) -> list[str] | None:
    """The article columns a text analysis grouped by ``by`` reads from an ingested corpus (None: all)."""
    from kit.corpus import Store, is_store
    from kit.groups import PERIODS

    if is_store(path):
        stored = Store(path).columns
    else:
        import pyarrow.parquet as pq

        stored = list(pq.read_schema(path).names)
    wanted = ["doc_id", "text"] + ([] if by is None else [by, "published"] if by in PERIODS else [by])
    if by is not None and by not in PERIODS and by not in stored:
        return None
    return [c for c in dict.fromkeys(wanted) if c in stored]


def scalar_field(articles, field: str) -> None:
    """Fail loudly unless ``field`` is an article column holding single values."""
    if field not in articles.columns or field == "text":
        valid = [c for c in articles.columns if c != "text"]
        raise KitError(f"unknown field {field!r}; choose one of {valid}")
    if articles[field].map(lambda v: isinstance(v, (list, tuple, dict))).any():
        raise KitError(f"field {field!r} holds lists; choose a field with one value per article (e.g. outlet)")


# ----------------------------------------------------------------------------- output


def json_value(v):
    """The one converter of a table cell to JSON: timestamps as ISO text, missing and non-finite
    numbers as null, numpy scalars as Python numbers, lists and dicts converted inside.

    >>> import numpy as np, pandas as pd
    >>> [json_value(v) for v in (np.int64(3), float("nan"), pd.Timestamp("2024-01-02", tz="UTC"), [np.float64(1.5)])]
    [3, None, '2024-01-02T00:00:00+00:00', [1.5]]
    """
    import pandas as pd

    if isinstance(v, (list, tuple)):
        return [json_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): json_value(x) for k, x in v.items()}
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)) and getattr(v, "ndim", 0) > 0:
        return [json_value(x) for x in v.tolist()]
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


def records(table, columns: list[str] | None = None) -> list[dict]:
    """Rows of a DataFrame (or a list of dicts) as JSON-ready dicts, ``columns`` only when given."""
    rows = table if isinstance(table, list) else table.to_dict(orient="records")
    return [{k: json_value(v) for k, v in row.items() if columns is None or k in columns} for row in rows]


def print_table(table, *, columns: list[str] | None = None, empty: str = "(no rows)", width: int = 60) -> None:
    """A DataFrame (or list of dicts) as an aligned text table on stdout; long cells cut to ``width``."""
    import pandas as pd

    df = pd.DataFrame(table) if isinstance(table, list) else table
    if columns is not None:
        df = df[[c for c in columns if c in df.columns]]
    if df.empty:
        print(empty)
        return
    with pd.option_context("display.max_colwidth", width, "display.width", 250, "display.max_rows", None,
                           "display.max_columns", None):
        print(df.to_string(index=False))


def emit(args: argparse.Namespace, table, *, columns: list[str] | None = None, empty: str = "(no rows)") -> None:
    """Print ``table`` as JSON (``--json``) or as a table (``columns`` chooses the table's columns;
    JSON always carries every column)."""
    if getattr(args, "json", False):
        json.dump(records(table), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_table(table, columns=columns, empty=empty)


def print_report(corpus, *, flags: str = "each") -> int:
    """Print rejections and flags of the ingest report to stderr; the number of rejections.

    Every rejection gets a line naming the file (and line or record) and the reason. Flags (kept
    articles with something to know) get one line each with ``flags="each"``, one line per reason
    with their count and first file with ``flags="summary"``, none with ``flags="none"``.
    """
    import pandas as pd

    def where(r) -> str:
        return ", ".join([str(r.source_path)] + [f"{k} {v}" for k, v in (("line", r.line), ("record", r.record))
                                                 if not pd.isna(v)])

    n = 0
    summary: dict[str, list] = {}
    for r in corpus.report.itertuples():
        n += r.status == "rejected"
        if r.status == "rejected" or flags == "each":
            print(f"kit: {r.status}: {where(r)}: {r.reason}", file=sys.stderr)
        elif flags == "summary":
            summary.setdefault(str(r.reason), []).append(where(r))
    for reason, places in summary.items():
        more = f" and {len(places) - 1} more (--verbose lists them)" if len(places) > 1 else ""
        print(f"kit: flagged: {places[0]}{more}: {reason}", file=sys.stderr)
    return n


def finish(corpus, args: argparse.Namespace | None = None) -> int:
    """The common tail of a command that read sources: the ingest report on stderr, then the exit
    status (1 when a source was rejected, else 0).

    A corpus read from a store (``args.stored_corpus``, set by :func:`load`) was reported when it
    was ingested: one line says where its report is, and the status is 0.
    """
    stored = getattr(args, "stored_corpus", None)
    if stored is None:
        return 1 if print_report(corpus) else 0
    status = corpus.report["status"].value_counts() if len(corpus.report) else {}
    n_rej, n_flag = int(status.get("rejected", 0)), int(status.get("flagged", 0))
    if n_rej or n_flag:
        print(f"kit: {stored} was ingested with {n_flag} flagged article(s) and {n_rej} rejected source(s); "
              f"its ingest report (report.csv) names each", file=sys.stderr)
    return 0
