"""``kit agreement SHEET...``: Krippendorff's alpha per frame and the disagreements to adjudicate."""
from __future__ import annotations

from pathlib import Path

from kit.commands._common import add_output_arguments, emit, existing_file, non_negative_int, say_to

NAME = "agreement"
HELP = "Krippendorff's alpha per frame (bootstrap interval) and the disagreements of filled coding sheets"


def add_arguments(p):
    """The arguments of ``kit agreement`` (``kit agreement --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit agreement")
    >>> add_arguments(parser)
    >>> args = parser.parse_args(['tests/fixtures/coded/two_coders.csv', '--n-boot', '0'])
    >>> args.n_boot
    0
    """
    p.add_argument("sheets", nargs="+", metavar="SHEET", type=existing_file, help="filled coding sheet(s), CSV (one per coder, or one for all)")
    p.add_argument("--frames", default=None, help="comma-separated frames (default: every frame column)")
    p.add_argument("--n-boot", type=non_negative_int, default=1000, help="bootstrap resamples for the interval (default 1000; 0 = none)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--out", default=None, help="folder to write agreement.csv and disagreements.csv into")
    add_output_arguments(p, "the agreement table (one object per frame)")


def run(args) -> int:
    """``kit agreement``: print the agreement of the coders per frame and the disagreements, write both as CSV;
    returns the exit status.

    >>> import contextlib, io, tempfile
    >>> from kit.cli import build_parser
    >>> tmp = tempfile.mkdtemp()
    >>> args = build_parser(only="agreement").parse_args(["agreement", "tests/fixtures/coded/two_coders.csv", "--n-boot", "0", "--out", tmp])
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(args)
    >>> status, "2 article-frame disagreement(s) to adjudicate" in out.getvalue()
    (0, True)
    """

    from kit.frames.coded import agreement, disagreements, read_coding_sheet

    say = say_to(args)  # --json: stdout holds only JSON
    frames = [f.strip() for f in args.frames.split(",")] if args.frames else None
    coded = read_coding_sheet(args.sheets, frames=frames)
    table = agreement(coded, n_boot=args.n_boot, seed=args.seed)
    dis = disagreements(coded)
    emit(args, table.round(3))
    say(f"\n{len(dis)} article-frame disagreement(s) to adjudicate")
    if len(dis):
        say(dis.head(30).to_string(index=False))
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        from kit.csvsafe import neutralise_frame  # no live formulas in a spreadsheet

        neutralise_frame(table).to_csv(out / "agreement.csv", index=False)
        neutralise_frame(dis).to_csv(out / "disagreements.csv", index=False)
        say(f"written: {out / 'agreement.csv'}, {out / 'disagreements.csv'}")
    return 0
