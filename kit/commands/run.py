"""``kit run``: execute the batch of report notebooks declared in reports.yml (see kit.reports)."""
from __future__ import annotations

import argparse
import sys

from kit.commands._common import add_output_arguments, emit, existing_file, positive_int

NAME = "run"
HELP = "run the report notebooks of a batch file (reports.yml) in parallel: HTML, CSV tables, provenance, index"
#: Exit status of a batch stopped by Ctrl-C or SIGTERM (the shell's 128 + SIGINT).
EXIT_INTERRUPTED = 130


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``kit run`` (``kit run --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit run")
    >>> add_arguments(parser)
    >>> args = parser.parse_args(['reports.yml', '--only', '01_corpus_overview'])
    >>> args.only
    ['01_corpus_overview']
    """
    parser.add_argument("config", nargs="?", default="reports.yml", metavar="CONFIG", type=existing_file,
                        help="batch file listing the runs (default: reports.yml)")
    parser.add_argument("--only", nargs="+", action="extend", metavar="NAME",
                        help="run only these runs (names or glob patterns such as 'keyness_*')")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a parameter for every run whose notebook declares it, e.g. -p corpus my_articles/ "
                             "(repeatable; a name that only runs left out by --only declare is ignored, with a note, and "
                             "its value is not checked; a name no run declares is an error)")
    parser.add_argument("--jobs", type=positive_int, default=None, metavar="N", help="parallel runs (default: one per core)")
    parser.add_argument("--out", default="reports", metavar="DIR", help="output folder (default: reports)")
    parser.add_argument("--archive", action="store_true",
                        help="write into DIR/<UTC date-time>/ and point DIR/latest at it (for scheduled runs)")
    parser.add_argument("--resume", action="store_true",
                        help="keep the runs in DIR that finished ok with the same notebook, parameters and corpus; "
                             "run only the others (default: start fresh)")
    parser.add_argument("--show-code", action="store_true", help="keep the code cells in the HTML reports")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="a running Dask scheduler (tcp://host:8786): the analysis and the notebook runs go to its "
                             "workers (default $DASK_SCHEDULER_ADDRESS; none: local processes)")
    parser.add_argument("--no-analyse", action="store_true",
                        help="do not compute the stored tables before the notebooks (each notebook computes its own)")
    add_output_arguments(parser, "one {run, notebook, status, duration_seconds, folder, error} object per run "
                                 "(on stdout; the summary goes to stderr)")
    loud = parser.add_mutually_exclusive_group()
    loud.add_argument("-q", "--quiet", action="store_true", help="print only the summary and failures")
    loud.add_argument("-v", "--verbose", action="store_true", help="also print what the batch does before the runs")
    parser.epilog = ("Exit status: 0 all runs ok; 1 some run failed; 2 a usage error (nothing run); "
                     f"{EXIT_INTERRUPTED} stopped by Ctrl-C/SIGTERM. Put CONFIG before --only, or end the names with --.")


def _logger(args: argparse.Namespace):
    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    if args.quiet:
        return lambda msg: log(msg) if msg.startswith(("SIGINT", "SIGTERM")) else None
    return log


def run(args: argparse.Namespace) -> int:
    """``kit run``: run the batch; prints the summary and returns 0 when every run is ok, 1 when one failed;
    returns the exit status.

    >>> import contextlib, io, tempfile
    >>> from kit.cli import build_parser
    >>> tmp = tempfile.mkdtemp()
    >>> args = build_parser(only="run").parse_args(["run", "reports.yml", "-p", "sed", "7", "--out", tmp])
    >>> run(args)  # a typo of seed: nothing runs
    Traceback (most recent call last):
    ...
    kit.errors.KitError: parameter check failed, nothing was run:
      - unknown parameter 'sed' (from -p): no run of the batch declares it; accepted: ...
    """
    from kit.errors import KitError
    from kit.reports import format_failures, run_batch

    try:
        result = run_batch(args.config, only=args.only, params=[tuple(p) for p in args.parameter], jobs=args.jobs,
                           out=args.out, archive=args.archive, show_code=args.show_code, resume=args.resume,
                           verbose=args.verbose, log=_logger(args), progress=False if args.quiet else None,
                           scheduler=args.scheduler, analyse=not args.no_analyse)
    except KeyboardInterrupt:
        print("kit run: stopped before any run started; nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as e:  # a full disk, a folder that went away: one line, not a traceback
        raise KitError(f"{e.filename or ''}: {e.strerror or e}".lstrip(": ")) from None
    n, n_bad = len(result.runs), len(result.failed)
    if args.json:
        from kit.reports.html import error_line

        emit(args, [{"run": r.get("run"), "notebook": r.get("notebook"), "status": r.get("status"),
                     "duration_seconds": r.get("duration_seconds"), "folder": str(result.out_dir / str(r.get("run"))),
                     "error": error_line(r) or None} for r in result.runs])
    print(f"{n} run(s): {n - n_bad} ok, {n_bad} not ok in {result.seconds:.1f} s"
          if result.interrupted else f"{n} run(s): {n - n_bad} ok, {n_bad} failed in {result.seconds:.1f} s",
          file=sys.stderr if args.json else sys.stdout)
    if n_bad:
        print(format_failures(result), file=sys.stderr)
    print(f"Open {result.out_dir / 'index.html'}", file=sys.stderr if args.json else sys.stdout)
    if result.interrupted:
        print(f"kit run: interrupted; run again with --resume to finish the {n_bad} run(s) not ok", file=sys.stderr)
        return EXIT_INTERRUPTED
    return 1 if n_bad else 0
