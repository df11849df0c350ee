"""``kit keyness PATH... --by FIELD --target VALUE [--reference VALUE] [--top N] [--min-docs N] [--json]``."""
from __future__ import annotations

from kit.commands._common import (
    add_output_arguments,
    add_source_arguments,
    add_token_arguments,
    emit,
    finish,
    load,
    non_negative_int,
    positive_int,
    records,
    scalar_field,
    token_options,
)

NAME = "keyness"
HELP = "keywords of one group against another (or all others): G2, p-value, log ratio, documents; table or JSON"

#: Columns of the table form; --json prints every column of kit.terms.keyness.
TABLE_COLUMNS = ["term", "n_target", "n_reference", "docs_target", "docs_reference", "g2", "p_value", "log_ratio"]


def add_arguments(p):
    """The arguments of ``kit keyness`` (``kit keyness --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit keyness")
    >>> add_arguments(parser)
    >>> args = parser.parse_args(['data/sample', '--by', 'outlet', '--target', 'Harbor Street Weekly'])
    >>> (args.by, args.target)
    ('outlet', 'Harbor Street Weekly')
    """
    add_source_arguments(p)
    add_output_arguments(p, "keyness rows (every column of kit.terms.keyness)")
    p.add_argument("--by", required=True, metavar="FIELD",
                   help="article field (e.g. outlet) or period (day, week, month, quarter, year) that defines the groups")
    p.add_argument("--target", required=True, metavar="VALUE", help="the group whose keywords are wanted")
    p.add_argument("--reference", default=None, metavar="VALUE", help="the group to compare with (default: all others)")
    p.add_argument("--top", type=positive_int, default=None, metavar="N",
                   help="the first N rows (strongest target keywords)")
    p.add_argument("--min-count", type=non_negative_int, default=0, metavar="N",
                   help="leave out terms with fewer than N occurrences in target and reference together")
    p.add_argument("--min-docs", type=non_negative_int, default=2, metavar="N",
                   help="leave out terms found in fewer than N articles of target and reference together "
                        "(default 2: a name repeated in one article is not a keyword of its group)")
    add_token_arguments(p, keep_stopwords_help="keep stopwords in the result (they always count in the corpus sizes)")


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


def keyness_table(articles, *, by: str, target: str, reference: str | None = None, top: int | None = None,
                  min_count: int = 0, min_docs: int = 1, tokens=None):
    """The :func:`kit.terms.keyness` table of ``target`` against ``reference`` (or all other groups).

    Corpus sizes count every token (stopwords included); stopwords leave the result after scoring
    unless ``tokens`` keeps them (``stopwords=None``). The other tokenizer options of ``tokens``
    apply to the counting.

    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["Ash", "Elm"],
    ...                      "text": ["Tariffs hit the economy and jobs. Tariffs rose.", "Troops massed at the border."]})
    >>> keyness_table(arts, by="outlet", target="Ash", top=2)[["term", "n_target", "n_reference", "direction"]]
          term  n_target  n_reference direction
    0  tariffs         2            0    target
    1  economy         1            0    target
    """
    from kit.errors import KitError
    from kit.terms import count_terms, keyness
    from kit.terms._args import PERIODS, article_groups
    from kit.text import TokenOptions

    tokens = tokens if tokens is not None else TokenOptions.make(stopwords="english")
    if by in PERIODS and by not in articles.columns:
        articles = articles.assign(**{by: article_groups(articles, [by])[by]})
    scalar_field(articles, by)
    if top is not None and top < 1:
        raise KitError(f"--top must be a positive number, got {top}")
    if min_count < 0:
        raise KitError(f"--min-count must be 0 or more, got {min_count}")
    t = _match_value(articles, by, target, "--target")
    r = _match_value(articles, by, reference, "--reference") if reference is not None else None
    counting = TokenOptions.make(stopwords=None, min_length=tokens.min_length, stem=tokens.stem,
                                 merge_us=tokens.merge_us, split_hyphens=tokens.split_hyphens)
    counts = count_terms(articles, group_by=by, tokens=counting)
    exclude = tokens.stopwords if tokens.stopwords is not None else None
    res = keyness(counts, group_by=by, target=t, reference=r, min_count=min_count, min_docs=min_docs, exclude=exclude)
    return res.head(top).reset_index(drop=True) if top is not None else res


def keyness_records(articles, *, by: str, target: str, reference: str | None = None, top: int | None = None,
                    min_count: int = 0, min_docs: int = 1, tokens=None) -> list[dict]:
    """Keyness rows (columns of :func:`kit.terms.keyness`) as JSON-ready dicts, strongest target keywords first.

    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["Ash", "Elm"],
    ...                      "text": ["Tariffs hit the economy and jobs. Tariffs rose.", "Troops massed at the border."]})
    >>> [(r["term"], r["n_target"]) for r in keyness_records(arts, by="outlet", target="Ash", top=2)]
    [('tariffs', 2), ('economy', 1)]
    """
    return records(keyness_table(articles, by=by, target=target, reference=reference, top=top, min_count=min_count,
                                 min_docs=min_docs, tokens=tokens))


def run(args) -> int:
    """``kit keyness``: print the keywords of the target group against the reference (or all others); returns
    the exit status.

    >>> import contextlib, io
    >>> from kit.cli import build_parser
    >>> args = build_parser(only="keyness").parse_args(["keyness", "data/sample", "--by", "outlet", "--target", "Harbor Street Weekly", "--top", "3"])
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(args)
    >>> status, out.getvalue().split()[:3]
    (0, ['term', 'n_target', 'n_reference'])
    """
    corpus = load(args, text_only=True, by=args.by)
    res = keyness_table(corpus.articles, by=args.by, target=args.target, reference=args.reference, top=args.top,
                        min_count=args.min_count, min_docs=args.min_docs, tokens=token_options(args))
    emit(args, res, columns=TABLE_COLUMNS, empty="(no keywords)")
    return finish(corpus, args)
