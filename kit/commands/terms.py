"""``kit terms PATH... [--json] [--by FIELD] [--top N] [tokenizer options]``: term frequencies."""
from __future__ import annotations

from kit.commands._common import (
    add_output_arguments,
    add_source_arguments,
    add_token_arguments,
    emit,
    finish,
    load,
    positive_int,
    records,
    scalar_field,
    token_options,
)

NAME = "terms"
HELP = "count terms (news-aware tokens, stopwords removed), most frequent first, as a table or JSON"


def add_arguments(p):
    """The arguments of ``kit terms`` (``kit terms --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit terms")
    >>> add_arguments(parser)
    >>> args = parser.parse_args(['data/sample', '--top', '5'])
    >>> args.top
    5
    """
    add_source_arguments(p)
    add_output_arguments(p, "{term, n} rows (with the --by field first)")
    p.add_argument("--by", default=None, metavar="FIELD",
                   help="count per value of an article field (e.g. outlet) or period (day, week, month, quarter, "
                        "year); adds it to every row")
    p.add_argument("--top", type=positive_int, default=None, metavar="N",
                   help="the N most frequent terms (per group with --by)")
    add_token_arguments(p)


def terms_table(articles, *, by: str | None = None, top: int | None = None, tokens=None, matrix=None):
    """Frequencies (``[by], term, n, per_million, doc_freq``), most frequent first (per group with ``by``);
    ``matrix``: the articles' document-term matrix when it was counted while reading.

    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["Ash", "Elm"],
    ...                      "text": ["Tariffs hit the economy and jobs. Tariffs rose.", "Troops massed at the border."]})
    >>> terms_table(arts, top=2)[["term", "n", "doc_freq"]]
          term  n  doc_freq
    0  tariffs  2         1
    1   border  1         1
    """
    from kit.terms import frequencies
    from kit.terms._args import PERIODS
    from kit.terms.counts import group_term_counts

    if by is None and matrix is not None:
        return _totals_table(articles, matrix, top)
    if by is not None and by not in PERIODS:
        scalar_field(articles, by)
        from kit.groups import group_labels

        # a missing value is the group "(unknown)", as in every report, never "NaN"
        articles = articles.assign(**{by: group_labels(articles[by])})
    # summed straight from the sparse matrix (counted in worker processes for a large corpus): the
    # numbers of count_terms + frequencies without the per-article table in between
    counts = group_term_counts(articles, group_by=by, tokens=tokens, n_jobs=None, matrix=matrix)
    freq = frequencies(counts, group_by=by, top=top)  # (with top, only the rows that can be among them are sorted)
    return freq[([by] if by else []) + ["term", "n", "per_million", "doc_freq"]].reset_index(drop=True)


def _totals_table(articles, matrix, top: int | None):
    """:func:`terms_table` without groups, from the document-term matrix counted while reading: the
    terms' totals (in no order; with ``top`` only those that can be among the first) put in order
    by the end of :func:`kit.terms.frequencies` (the same table, without grouping every term)."""
    import pandas as pd

    from kit.errors import KitValueError
    from kit.terms.counts import term_totals
    from kit.terms.frequency import _frequency_table

    if len(matrix.doc_ids) != len(articles) or list(matrix.doc_ids) != articles["doc_id"].tolist():
        raise KitValueError(f"matrix has {len(matrix.doc_ids)} rows that are not the {len(articles)} articles in order")
    terms, n, n_docs, total = term_totals(matrix, top=top)
    agg = pd.DataFrame({"term": terms, "n": n, "doc_freq": n_docs})
    freq = _frequency_table(agg, [], top, total=total)
    return freq[["term", "n", "per_million", "doc_freq"]].reset_index(drop=True)


def terms_records(articles, *, by: str | None = None, top: int | None = None, keep_stopwords: bool = False,
                  tokens=None) -> list[dict]:
    """``[{term, n}]`` (with ``by`` first when given), most frequent first (per group with ``by``).

    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["Ash", "Elm"],
    ...                      "text": ["Tariffs hit the economy and jobs. Tariffs rose.", "Troops massed at the border."]})
    >>> terms_records(arts, top=2)
    [{'term': 'tariffs', 'n': 2}, {'term': 'border', 'n': 1}]
    """
    from kit.text import TokenOptions

    if tokens is None:
        tokens = TokenOptions.make(stopwords=None if keep_stopwords else "english")
    table = terms_table(articles, by=by, top=top, tokens=tokens)
    return records(table, ([by] if by else []) + ["term", "n"])


def run(args) -> int:
    """``kit terms``: print the most frequent terms (per group with --by), as a table or JSON; returns the exit
    status.

    >>> import contextlib, io
    >>> from kit.cli import build_parser
    >>> args = build_parser(only="terms").parse_args(["terms", "tests/fixtures/webcopy", "--top", "3"])
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(args)
    >>> status, out.getvalue().split()[:2]
    (0, ['term', 'n'])
    """
    tokens = token_options(args)
    # from sources, the terms are counted by the processes that read the articles (no second pass)
    corpus = load(args, text_only=True, by=args.by, count=tokens)
    table = terms_table(corpus.articles, by=args.by, top=args.top, tokens=tokens, matrix=corpus.term_matrix)
    emit(args, records(table, ([args.by] if args.by else []) + ["term", "n"]), empty="(no terms)")
    return finish(corpus, args)
