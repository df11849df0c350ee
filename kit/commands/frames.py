"""``kit frames PATH... [--json] [--dictionary PATH]``: dictionary frames per article, with evidence."""
from __future__ import annotations

import json
import sys

from kit.commands._common import add_output_arguments, add_source_arguments, emit, finish, load, non_negative_int

NAME = "frames"
HELP = "count dictionary frames per article: a table, or JSON with the matched sentences"

#: Columns of the table form; --json adds the evidence sentences.
TABLE_COLUMNS = ["doc_id", "frame", "hits", "per_1k", "n_sentences"]


def add_arguments(p):
    """The arguments of ``kit frames`` (``kit frames --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit frames")
    >>> add_arguments(parser)
    >>> args = parser.parse_args(['data/sample', '--dictionary', 'generic_frames'])
    >>> args.dictionary
    ['generic_frames']
    """
    add_source_arguments(p)
    add_output_arguments(p, "{doc_id, frame, hits, per_1k, evidence} objects (evidence: the matched sentences)")
    p.add_argument("--dictionary", action="append", default=None, metavar="PATH",
                   help="dictionary file (.yml, .dic, .lc3/.lcd) or bundled name (generic_frames, "
                        "cooperation_security, us_china_issues); repeat to combine; default generic_frames")
    p.add_argument("--negation-window", type=non_negative_int, default=3, metavar="N",
                   help="tokens before a hit searched for a negator (0 = off; default 3)")
    p.add_argument("--include-negated", action="store_true", help="count negated hits too")
    p.add_argument("--all", action="store_true", help="also print article-frame pairs without hits")


def frames_json(articles, dictionary, *, negation_window: int = 3, include_negated: bool = False,
                with_zeros: bool = False) -> list[dict]:
    """``[{doc_id, frame, hits, per_1k, evidence}]``: evidence is the list of matched sentences
    (each sentence once, in text order).

    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["Ash", "Elm"],
    ...                      "text": ["Tariffs hit the economy and jobs. Tariffs rose.", "Troops massed at the border."]})
    >>> frames_json(arts, "generic_frames")
    [{'doc_id': 'a', 'frame': 'economic', 'hits': 4, 'per_1k': 500.0, 'evidence': ['Tariffs hit the economy and jobs.', 'Tariffs rose.']}]
    """
    return list(frame_records([articles], dictionary, negation_window=negation_window,
                              include_negated=include_negated, with_zeros=with_zeros))


def frame_records(parts, dictionary, *, negation_window: int = 3, include_negated: bool = False,
                  with_zeros: bool = False, evidence: bool = True):
    """The records of :func:`frames_json`, made one part of the articles (``doc_id, text``) at a
    time: hits, scores and evidence are per article, so the parts' records, one after the other,
    are the whole corpus's. ``evidence=False`` gives ``n_sentences`` instead of the sentences.

    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["Ash", "Elm"],
    ...                      "text": ["Tariffs hit the economy and jobs. Tariffs rose.", "Troops massed at the border."]})
    >>> list(frame_records([arts.iloc[:1], arts.iloc[1:]], "generic_frames", evidence=False))
    [{'doc_id': 'a', 'frame': 'economic', 'hits': 4, 'per_1k': 500.0, 'n_sentences': 2}]
    """
    from kit.frames import dictionary_hits, frame_evidence, frame_scores, load_dictionary

    d = load_dictionary(dictionary)
    for articles in parts:
        hits = dictionary_hits(articles, d, negation_window=negation_window)
        scores = frame_scores(articles, d, hits=hits, include_negated=include_negated, min_hits=1)
        ev = frame_evidence(hits, articles, include_negated=include_negated, window=0)
        sents = {k: list(dict.fromkeys(g.sort_values("start", kind="stable")["sentence"]))
                 for k, g in ev.groupby(["doc_id", "frame"], sort=False)}
        del hits, ev
        for r in scores.itertuples(index=False):
            if r.hits == 0 and not with_zeros:
                continue
            found = sents.get((r.doc_id, r.frame), [])
            yield {"doc_id": r.doc_id, "frame": r.frame, "hits": int(r.hits), "per_1k": round(float(r.per_1k), 4),
                   **({"evidence": found} if evidence else {"n_sentences": len(found)})}


def _article_parts(corpus, args):
    """The articles (``doc_id, text``) a part at a time: a store or ``.parquet`` corpus's texts one
    partition (or :data:`kit.analyse.reading.PART_ROWS` rows) at a time, sources' in parts of that
    many articles (they were read whole)."""
    from kit.analyse.reading import PART_ROWS, text_parts

    arts = corpus.articles
    if "text" not in arts.columns:
        yield from text_parts(args.stored_corpus, arts[["doc_id"]])
        return
    arts = arts[["doc_id", "text"]]
    for i in range(0, len(arts), PART_ROWS):
        yield arts.iloc[i:i + PART_ROWS]


def _write_json_array(items, out) -> None:
    """``json.dump(list(items), out, ensure_ascii=False, indent=2)`` and a newline, an item at a time."""
    from kit.commands._common import records

    first = True
    for item in items:
        out.write("[\n  " if first else ",\n  ")
        out.write(json.dumps(records([item])[0], ensure_ascii=False, indent=2).replace("\n", "\n  "))
        first = False
    out.write("[]\n" if first else "\n]\n")


def run(args) -> int:
    """``kit frames``: print the dictionary frames of every article (a table, or JSON with the matched
    sentences); returns the exit status.

    >>> import contextlib, io
    >>> from kit.cli import build_parser
    >>> args = build_parser(only="frames").parse_args(["frames", "tests/fixtures/webcopy"])
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(args)
    >>> status, out.getvalue().strip()
    (0, '(no frame hits)')
    """
    from kit.corpus import is_ingested

    stored = len(args.paths) == 1 and (args.paths[0].endswith(".parquet") or is_ingested(args.paths[0]))
    if stored:  # the ids only: the texts are read a partition at a time
        from kit.corpus import load_corpus

        args.stored_corpus = args.paths[0]
        corpus = load_corpus(args.paths[0], paragraphs=False, columns=["doc_id"])
    else:
        corpus = load(args, text_only=True)
    dictionary = None
    if args.dictionary:
        dictionary = args.dictionary[0] if len(args.dictionary) == 1 else args.dictionary
    res = frame_records(_article_parts(corpus, args), dictionary, negation_window=args.negation_window,
                        include_negated=args.include_negated, with_zeros=args.all, evidence=args.json)
    if args.json:  # written as made: every hit's sentences are never held together
        _write_json_array(res, sys.stdout)
    else:
        emit(args, list(res), columns=TABLE_COLUMNS, empty="(no frame hits)")
    return finish(corpus, args)
