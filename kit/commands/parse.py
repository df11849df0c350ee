"""``kit parse PATH... [--json]``: every article found, as a table or as JSON."""
from __future__ import annotations

from kit.commands._common import add_output_arguments, add_source_arguments, emit, finish, json_value, load

NAME = "parse"
HELP = "read sources and list the articles found (a table, or JSON with every field); rejections go to stderr"

#: Columns of the table form; --json prints every field and the body paragraphs.
TABLE_COLUMNS = ["doc_id", "outlet", "published", "title", "n_paragraphs", "source_path", "source_format"]


def add_arguments(p):
    """The arguments of ``kit parse`` (``kit parse --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit parse")
    >>> add_arguments(parser)
    >>> args = parser.parse_args(['data/sample', '--json'])
    >>> args.json
    True
    """
    add_source_arguments(p)
    add_output_arguments(p, "one object per article with every field and its body paragraphs")


def articles_json(corpus) -> list[dict]:
    """Articles as plain JSON-ready dicts, with their body paragraphs in order.

    >>> import json, kit
    >>> rows = articles_json(kit.load_corpus("tests/fixtures/webcopy"))
    >>> len(rows), type(rows[0]["paragraphs"]).__name__, len(json.dumps(rows)) > 0
    (2, 'list', True)
    """
    body = corpus.paragraphs[corpus.paragraphs["role"] == "body"].sort_values(["doc_id", "para_no"])
    paras = body.groupby("doc_id", sort=False)["text"].agg(list).to_dict()
    out = []
    for row in corpus.articles.to_dict("records"):
        rec = {k: json_value(v) for k, v in row.items()}
        rec["paragraphs"] = paras.get(row["doc_id"], [])
        out.append(rec)
    return out


def run(args) -> int:
    """``kit parse``: print the articles found in the sources (a table, or JSON with every field); returns the
    exit status.

    >>> import contextlib, io
    >>> from kit.cli import build_parser
    >>> args = build_parser(only="parse").parse_args(["parse", "tests/fixtures/webcopy"])
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(args)
    >>> status, out.getvalue().split()[:2]
    (0, ['doc_id', 'outlet'])
    """
    corpus = load(args)
    rows = articles_json(corpus)
    if not args.json:
        for r in rows:
            r["n_paragraphs"] = len(r.pop("paragraphs"))
    emit(args, rows, columns=TABLE_COLUMNS, empty="(no articles)")
    return finish(corpus, args)
