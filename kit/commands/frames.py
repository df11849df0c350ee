"""``kit frames PATH... [--json] [--dictionary PATH]``: dictionary frames per article, with evidence."""
from __future__ import annotations

from kit.commands._common import add_output_arguments, add_source_arguments, emit, finish, load, non_negative_int

NAME = "frames"
HELP = "count dictionary frames per article: a table, or JSON with the matched sentences"

#: Columns of the table form; --json adds the evidence sentences.
TABLE_COLUMNS = ["doc_id", "frame", "hits", "per_1k", "n_sentences"]


def add_arguments(p):
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
    (each sentence once, in text order)."""
    from kit.frames import dictionary_hits, frame_evidence, frame_scores, load_dictionary

    d = load_dictionary(dictionary)
    hits = dictionary_hits(articles, d, negation_window=negation_window)
    scores = frame_scores(articles, d, hits=hits, include_negated=include_negated, min_hits=1)
    ev = frame_evidence(hits, articles, include_negated=include_negated, window=0)
    sents = {k: list(dict.fromkeys(g.sort_values("start", kind="stable")["sentence"]))
             for k, g in ev.groupby(["doc_id", "frame"], sort=False)}
    out = []
    for r in scores.itertuples(index=False):
        if r.hits == 0 and not with_zeros:
            continue
        out.append({"doc_id": r.doc_id, "frame": r.frame, "hits": int(r.hits), "per_1k": round(float(r.per_1k), 4),
                    "evidence": sents.get((r.doc_id, r.frame), [])})
    return out


def run(args) -> int:
    corpus = load(args, text_only=True)
    dictionary = None
    if args.dictionary:
        dictionary = args.dictionary[0] if len(args.dictionary) == 1 else args.dictionary
    arts = corpus.articles[["doc_id", "text"]]
    res = frames_json(arts, dictionary, negation_window=args.negation_window,
                      include_negated=args.include_negated, with_zeros=args.all)
    if not args.json:
        res = [{**r, "n_sentences": len(r["evidence"])} for r in res]
    emit(args, res, columns=TABLE_COLUMNS, empty="(no frame hits)")
    return finish(corpus, args)
