"""``kit keyness PATH... --by FIELD --target VALUE [--reference VALUE] [--top N] --json``."""
from __future__ import annotations

import json
import math
import sys

from kit.commands._common import add_source_arguments, load

NAME = "keyness"
HELP = "keywords of one group against another (or all others): G2, p-value, log ratio, as JSON"


def add_arguments(p):
    add_source_arguments(p)
    p.add_argument("--json", action="store_true", help="print a JSON array of keyness rows (the only output form)")
    p.add_argument("--by", required=True, metavar="FIELD", help="article field that defines the groups (e.g. outlet)")
    p.add_argument("--target", required=True, metavar="VALUE", help="the group whose keywords are wanted")
    p.add_argument("--reference", default=None, metavar="VALUE", help="the group to compare with (default: all others)")
    p.add_argument("--top", type=int, default=None, metavar="N", help="the first N rows (strongest target keywords)")
    p.add_argument("--min-count", type=int, default=0, metavar="N",
                   help="leave out terms with fewer than N occurrences in target and reference together")


def _match_value(articles, field: str, value: str, what: str):
    """The group value whose text form is ``value`` (command-line values are text).

    Timestamps (e.g. ``published``) match their ISO form or the same instant written as a date or
    date-time (``2023-06-01`` matches midnight of that day; a value without a time zone is read in
    the column's zone); the error lists the values in ISO form.
    """
    import pandas as pd

    from kit.errors import KitError

    col = articles[field].dropna()
    values = {}
    for v in col.unique():
        values[str(v)] = v
        if isinstance(v, pd.Timestamp):
            values[v.isoformat()] = v
    if value in values:
        return values[value]
    stamps = [v for v in col.unique() if isinstance(v, pd.Timestamp)]
    if stamps:
        try:
            want = pd.Timestamp(value)
        except (ValueError, TypeError):
            want = None
        if want is not None and not pd.isna(want):
            for v in stamps:
                w = want
                if w.tzinfo is None and v.tzinfo is not None:
                    w = w.tz_localize(v.tzinfo)
                elif w.tzinfo is not None and v.tzinfo is None:
                    continue
                if w == v:
                    return v
        shown = sorted({v.isoformat() for v in stamps})
        raise KitError(f"{what} {value!r} is not a value of {field!r} (compared as a date-time: every article has its "
                       f"own time, so group by a coarser field); values are {shown[:20]}{' ...' if len(shown) > 20 else ''}")
    raise KitError(f"{what} {value!r} is not a value of {field!r}; values are {sorted(values)}")


def keyness_records(articles, *, by: str, target: str, reference: str | None = None, top: int | None = None,
                    min_count: int = 0) -> list[dict]:
    """Keyness rows (columns of :func:`kit.terms.keyness`) as JSON-ready dicts, strongest target keywords first."""
    from kit.commands.terms import json_value, scalar_field
    from kit.errors import KitError
    from kit.terms import count_terms, keyness

    if top is not None and top < 1:
        raise KitError(f"--top must be a positive number, got {top}")
    if min_count < 0:
        raise KitError(f"--min-count must be 0 or more, got {min_count}")
    scalar_field(articles, by)
    t = _match_value(articles, by, target, "--target")
    r = _match_value(articles, by, reference, "--reference") if reference is not None else None
    # corpus sizes count every token (stopwords included); stopword rows leave the result after scoring
    counts = count_terms(articles, group_by=by, stopwords=None)
    res = keyness(counts, group_by=by, target=t, reference=r, min_count=min_count, exclude="english")
    if top is not None:
        res = res.head(top)
    out = []
    for row in res.to_dict(orient="records"):
        rec = {}
        for k, v in row.items():
            v = json_value(v)
            if isinstance(v, float) and not math.isfinite(v):
                v = None
            rec[k] = v
        out.append(rec)
    return out


def run(args) -> int:
    from kit.commands.parse import print_report

    corpus = load(args)
    res = keyness_records(corpus.articles, by=args.by, target=args.target, reference=args.reference, top=args.top,
                          min_count=args.min_count)
    json.dump(res, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    rejected = print_report(corpus)
    return 1 if rejected else 0
