"""``kit ingest SOURCES... --out corpus``: write the corpus store (a folder of Parquet partitions)."""
from __future__ import annotations

import argparse
import sys

from kit.commands._common import add_output_arguments, add_source_arguments, column_map, emit, limits, print_report

NAME = "ingest"
HELP = "read sources into a corpus store (Parquet partitions + manifest + ingest report)"


def add_arguments(p):
    """The arguments of ``kit ingest`` (``kit ingest --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit ingest")
    >>> add_arguments(parser)
    >>> args = parser.parse_args(['data/sample', '--out', 'corpus'])
    >>> args.out
    'corpus'
    """
    add_source_arguments(p)
    p.add_argument("--out", default="corpus", help="store folder to write, local or an fsspec URL (default corpus); "
                   "a path ending in .parquet writes the older single-file layout")
    p.add_argument("--workers", type=int, default=None,
                   help="processes reading files in parallel (default: one per core for a large corpus; 1: none)")
    p.add_argument("--partition-size", type=int, default=None, help="articles per Parquet partition (default 2000)")
    p.add_argument("--drop-duplicates", action="store_true", help="drop exact duplicates instead of flagging them")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar (default: when stderr is a terminal and there are many files)")
    p.add_argument("--strict", action="store_true", help="exit with status 1 when any input was rejected")
    loud = p.add_mutually_exclusive_group()
    loud.add_argument("-q", "--quiet", action="store_true",
                      help="print only the summary: no rejections or flags on stderr, no progress bar")
    loud.add_argument("-v", "--verbose", action="store_true",
                      help="list every flagged article on stderr (default: one line per reason of flagging)")
    add_output_arguments(p, "one {n_articles, n_rejected, n_flagged, articles_path, paragraphs_path, manifest_path, "
                            "report_path} object")


def run(args) -> int:
    """``kit ingest``: read the sources into a corpus store and print what was read and where it went; returns
    the exit status.

    >>> import contextlib, io, tempfile
    >>> from kit.cli import build_parser
    >>> tmp = tempfile.mkdtemp()
    >>> args = build_parser(only="ingest").parse_args(["ingest", "tests/fixtures/webcopy", "--out", tmp + "/corpus", "--quiet"])
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(args)
    >>> status, out.getvalue().split(".")[0]
    (0, '2 files seen: 2 read, 0 rejected')
    """
    from kit.corpus import PARTITION_SIZE, ingest, store_paths

    if args.workers is not None and args.workers < 1:
        print("kit ingest: --workers must be at least 1", file=sys.stderr)
        return 2
    corpus = ingest(args.paths, args.out, format=args.format, column_map=column_map(args.map), outlet=args.outlet,
                    drop_duplicates=args.drop_duplicates, progress=False if args.quiet else args.progress, workers=args.workers,
                    partition_size=args.partition_size or PARTITION_SIZE, outlet_from=args.outlet_from,
                    outlets=args.outlets, limits=limits(args), as_of=args.as_of)
    if args.quiet:
        rejected = int((corpus.report["status"] == "rejected").sum())
    else:
        rejected = print_report(corpus, flags="each" if args.verbose else "summary")
    paths = store_paths(args.out)
    if args.json:
        status = corpus.report["status"].value_counts()
        emit(args, [{"n_articles": corpus.manifest["counts"]["articles"], "n_rejected": int(status.get("rejected", 0)),
                     "n_flagged": int(status.get("flagged", 0)), **{f"{k}_path": str(v) for k, v in paths.items()}}])
    else:
        print(corpus.summary())
        print(f"articles: {paths['articles']}\nreport:   {paths['report']}\nmanifest: {paths['manifest']}")
    if not corpus.manifest["counts"]["articles"]:
        print("kit ingest: no articles were read", file=sys.stderr)
        return 1
    return 1 if (args.strict and rejected) else 0
