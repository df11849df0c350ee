"""``kit run``: execute the batch of report notebooks declared in reports.yml (see kit.runner)."""
from __future__ import annotations

import argparse
import sys

NAME = "run"
HELP = "run the report notebooks of a batch file (reports.yml) in parallel: HTML, CSV tables, provenance, index"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("config", nargs="?", default="reports.yml", metavar="CONFIG",
                        help="batch file listing the runs (default: reports.yml)")
    parser.add_argument("--only", nargs="+", action="extend", metavar="NAME",
                        help="run only these runs (names or glob patterns such as 'keyness_*')")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a parameter for every run, e.g. -p corpus my_articles/ (repeatable)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N", help="parallel runs (default: one per core)")
    parser.add_argument("--out", default="reports", metavar="DIR", help="output folder (default: reports)")
    parser.add_argument("--archive", action="store_true",
                        help="write into DIR/<UTC date-time>/ and point DIR/latest at it (for scheduled runs)")
    parser.add_argument("--show-code", action="store_true", help="keep the code cells in the HTML reports")
    parser.epilog = "Put CONFIG before --only, or end the names with --."


def run(args: argparse.Namespace) -> int:
    from kit.runner import format_failures, run_batch

    result = run_batch(args.config, only=args.only, params=[tuple(p) for p in args.parameter], jobs=args.jobs,
                       out=args.out, archive=args.archive, show_code=args.show_code)
    n, n_fail = len(result.runs), len(result.failed)
    print(f"{n} run(s): {n - n_fail} ok, {n_fail} failed in {result.seconds:.1f} s")
    if n_fail:
        print(format_failures(result), file=sys.stderr)
    print(f"Open {result.out_dir / 'index.html'}")
    return 1 if n_fail else 0
