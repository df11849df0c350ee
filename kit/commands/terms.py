"""``kit terms PATH... --json [--by FIELD] [--top N] [--keep-stopwords]``: term frequencies."""
from __future__ import annotations

import json
import sys

from kit.commands._common import add_source_arguments, load

NAME = "terms"
HELP = "count terms (news-aware tokens, stopwords removed) and print them as JSON, most frequent first"


def add_arguments(p):
    add_source_arguments(p)
    p.add_argument("--json", action="store_true", help="print a JSON array of {term, n} (the only output form)")
    p.add_argument("--by", default=None, metavar="FIELD",
                   help="count per value of an article field (e.g. outlet); adds that field to every row")
    p.add_argument("--top", type=int, default=None, metavar="N", help="the N most frequent terms (per group with --by)")
    p.add_argument("--keep-stopwords", action="store_true", help="count stopwords too")


def scalar_field(articles, field: str) -> None:
    """Fail loudly unless ``field`` is an article column holding single values."""
    from kit.errors import KitError

    if field not in articles.columns or field == "text":
        valid = [c for c in articles.columns if c != "text"]
        raise KitError(f"unknown field {field!r}; choose one of {valid}")
    if articles[field].map(lambda v: isinstance(v, (list, tuple, dict))).any():
        raise KitError(f"field {field!r} holds lists; choose a field with one value per article (e.g. outlet)")


def json_value(v):
    """A JSON-friendly version of a cell (timestamps as ISO text, missing as null)."""
    import pandas as pd

    if v is None or (not isinstance(v, (list, tuple, dict, str)) and pd.isna(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    if hasattr(v, "item"):
        return v.item()
    return v


def terms_records(articles, *, by: str | None = None, top: int | None = None, keep_stopwords: bool = False) -> list[dict]:
    """``[{term, n}]`` (with ``by`` first when given), most frequent first (per group with ``by``)."""
    from kit.errors import KitError
    from kit.terms import count_terms, frequencies

    if top is not None and top < 1:
        raise KitError(f"--top must be a positive number, got {top}")
    if by is not None:
        scalar_field(articles, by)
    counts = count_terms(articles, group_by=by, stopwords=None if keep_stopwords else "english")
    freq = frequencies(counts, group_by=by)
    if top is not None:
        freq = freq.groupby(by, sort=False, dropna=False).head(top) if by else freq.head(top)
    cols = ([by] if by else []) + ["term", "n"]
    return [{c: json_value(v) for c, v in zip(cols, row)} for row in freq[cols].itertuples(index=False, name=None)]


def run(args) -> int:
    from kit.commands.parse import print_report

    corpus = load(args)
    res = terms_records(corpus.articles, by=args.by, top=args.top, keep_stopwords=args.keep_stopwords)
    json.dump(res, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    rejected = print_report(corpus)
    return 1 if rejected else 0
