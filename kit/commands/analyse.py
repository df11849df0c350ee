"""``kit analyse CORPUS [--tables ...] [--scheduler ADDRESS]``: compute the derived tables once, into the store."""
from __future__ import annotations

import argparse
import json
import sys

NAME = "analyse"
HELP = "compute the derived tables (term counts, frames, tone ...) of an ingested corpus once, stored beside it"


def add_arguments(p):
    """The arguments of ``kit analyse`` (``kit analyse --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit analyse")
    >>> add_arguments(parser)
    >>> args = parser.parse_args(['corpus', '--tables', 'term_counts'])
    >>> args.tables
    ['term_counts']
    """
    from kit.analyse import DEFAULT_TABLES, TABLES

    p.add_argument("corpus", metavar="CORPUS", help="a corpus store folder written by `kit ingest` (path or fsspec URL)")
    p.add_argument("--tables", nargs="+", default=list(DEFAULT_TABLES), choices=list(TABLES), metavar="TABLE",
                   help=f"tables to compute (default: {' '.join(DEFAULT_TABLES)}; all: {' '.join(TABLES)})")
    p.add_argument("--group-by", default="outlet",
                   help="groups of group_counts: an articles column or day|week|month|quarter|year (default outlet)")
    p.add_argument("--dictionary", nargs="+", default=None, metavar="DICT",
                   help="bundled dictionary names or files for frame_hits/frame_scores (default generic_frames)")
    p.add_argument("--actors", default=None, help="actor file for quotes and actor_mentions")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="a running Dask scheduler (tcp://host:8786); default $DASK_SCHEDULER_ADDRESS, else a local cluster")
    p.add_argument("--mode", default="auto", choices=["auto", "sync", "local"],
                   help="auto: a scheduler when named, else a local cluster (in this process for one partition)")
    p.add_argument("--workers", type=int, default=None, help="worker processes of the local cluster (default: one per core)")
    p.add_argument("--recompute", action="store_true", help="compute again even when the store holds the tables")
    p.add_argument("--prune", action="store_true",
                   help="first remove the stored tables another kit computed (they would not be read again)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bars (default: when stderr is a terminal)")
    p.add_argument("--json", action="store_true", help="print what was stored as JSON")
    p.add_argument("--quiet", action="store_true", help="do not print where the work runs")


def run(args) -> int:
    """``kit analyse``: compute the derived tables of a store that it does not hold yet, and list them; returns
    the exit status.

    >>> import contextlib, io, tempfile
    >>> from kit.cli import build_parser
    >>> tmp = tempfile.mkdtemp()
    >>> import kit
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], tmp + "/corpus")
    >>> args = build_parser(only="analyse").parse_args(["analyse", tmp + "/corpus", "--tables", "term_counts", "--no-progress"])
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(args)
    >>> status, out.getvalue().split()[0]
    (0, 'term_counts')
    """
    from kit.analyse import analyse
    from kit.corpus import Store
    from kit.errors import KitError

    store = Store(args.corpus)
    if not store.exists():
        raise KitError(f"{args.corpus}: not a corpus store; make one with `kit ingest SOURCES --out {args.corpus}`")
    if args.workers is not None and args.workers < 1:
        raise KitError("--workers must be at least 1")
    if args.prune:
        from kit.analyse import prune_stored

        gone = prune_stored(store)
        if not args.quiet:
            print(f"removed {len(gone)} stored table(s) computed by another kit", file=sys.stderr)
    shared = {"dictionary": args.dictionary, "actors": args.actors}
    options = {"*": shared, "group_counts": {"group_by": None if args.group_by == "none" else args.group_by}}
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    out = analyse(store, args.tables, scheduler=args.scheduler, mode=args.mode, workers=args.workers,
                  progress=progress, recompute=args.recompute, options=options, quiet=args.quiet)
    rows = [{"table": t, "rows": d.meta["rows"], "seconds": d.meta["seconds"], "path": d.path} for t, d in out.items()]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for r in rows:
            print(f"{r['table']:<15} {r['rows']:>10,} rows  {r['path']}")
    return 0
