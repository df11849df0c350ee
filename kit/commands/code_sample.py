"""``kit code-sample PATH... --n N --frames A,B --out DIR``: a stratified sample to code by hand."""
from __future__ import annotations

from kit.commands._common import add_output_arguments, add_source_arguments, emit, load, positive_int, say_to

NAME = "code-sample"
HELP = "draw a stratified random sample (by outlet and period, seeded) and write a coding sheet and codebook"


def _list(s: str) -> list[str]:
    return [x.strip() for x in s.split(",") if x.strip()]


def add_arguments(p):
    """The arguments of ``kit code-sample`` (``kit code-sample --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit code-sample")
    >>> add_arguments(parser)
    >>> args = parser.parse_args(['data/sample', '--n', '10', '--frames', 'conflict'])
    >>> (args.n, args.strata)
    (10, 'outlet,month')
    """
    add_source_arguments(p)
    p.add_argument("--n", type=positive_int, required=True, help="number of articles to sample")
    p.add_argument("--frames", required=True, help="comma-separated frame names (one sheet column each)")
    p.add_argument("--strata", default="outlet,month",
                   help="comma-separated strata: article columns and/or day, week, month, quarter, year "
                        "(default outlet,month; '' for a simple random sample)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--lede-words", type=positive_int, default=60, help="words of the body shown as the lede (default 60)")
    p.add_argument("--out", default="coding", help="folder for coding_sheet.csv, codebook.md and texts/ (default coding)")
    add_output_arguments(p, "the sampled articles (one object per sheet row)")


def run(args) -> int:
    """``kit code-sample``: draw the sample and write the coding sheet, its texts and the codebook; returns the
    exit status.

    >>> import contextlib, io, tempfile
    >>> from kit.cli import build_parser
    >>> tmp = tempfile.mkdtemp()
    >>> args = build_parser(only="code_sample").parse_args(["code-sample", "data/sample", "--n", "4", "--frames", "conflict", "--out", tmp])
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(args)
    >>> status, out.getvalue().splitlines()[0]
    (0, '4 articles in 4 strata')
    """

    from kit.frames.coded.sheet import code_sample, write_coding_sheet

    say = say_to(args)  # --json: stdout holds only JSON
    corpus = load(args)
    sheet = code_sample(corpus.articles, args.n, strata=tuple(_list(args.strata)), seed=args.seed,
                        frames=_list(args.frames), lede_words=args.lede_words)
    out = write_coding_sheet(sheet, args.out, corpus.articles)
    if args.json:
        emit(args, sheet)
    say(f"{len(sheet)} articles in {sheet['stratum'].nunique()} strata")
    say(sheet.groupby("stratum").size().rename("n").to_string())
    for k, v in out.items():
        say(f"{k}: {v}")
    return 0
