"""``kit ingest SOURCES... --out corpus.parquet``: write the corpus store."""
from __future__ import annotations

import argparse
import sys

from kit.commands._common import add_output_arguments, add_source_arguments, column_map, emit, limits, print_report

NAME = "ingest"
HELP = "read sources into an ingested corpus (Parquet + manifest + ingest report)"


def add_arguments(p):
    add_source_arguments(p)
    p.add_argument("--out", default="corpus/corpus.parquet", help="where to write (default corpus/corpus.parquet)")
    p.add_argument("--drop-duplicates", action="store_true", help="drop exact duplicates instead of flagging them")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar (default: when stderr is a terminal and there are many files)")
    p.add_argument("--strict", action="store_true", help="exit with status 1 when any input was rejected")
    p.add_argument("--quiet", action="store_true", help="do not list rejections and flags on stderr")
    add_output_arguments(p, "one {n_articles, n_rejected, n_flagged, articles_path, paragraphs_path, manifest_path, "
                            "report_path} object")


def run(args) -> int:
    from kit.corpus import _paths, ingest

    corpus = ingest(args.paths, args.out, format=args.format, column_map=column_map(args.map), outlet=args.outlet,
                    drop_duplicates=args.drop_duplicates, progress=args.progress, limits=limits(args))
    rejected = print_report(corpus) if not args.quiet else int((corpus.report["status"] == "rejected").sum())
    paths = _paths(args.out)
    if args.json:
        status = corpus.report["status"].value_counts()
        emit(args, [{"n_articles": len(corpus.articles), "n_rejected": int(status.get("rejected", 0)),
                     "n_flagged": int(status.get("flagged", 0)), **{f"{k}_path": str(v) for k, v in paths.items()}}])
    else:
        print(corpus.summary())
        print(f"articles: {paths['articles']}\nreport:   {paths['report']}\nmanifest: {paths['manifest']}")
    if corpus.articles.empty:
        print("kit ingest: no articles were read", file=sys.stderr)
        return 1
    return 1 if (args.strict and rejected) else 0
