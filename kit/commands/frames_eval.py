"""``kit frames-eval``: precision, recall and F1 of dictionary frames against the gold annotations."""
from __future__ import annotations

import sys

from kit.commands._common import emit, non_negative_int, positive_int

NAME = "frames-eval"
HELP = "validate dictionaries: per-frame precision/recall/F1 of presence against tests/eval/gold"


def add_arguments(p):
    """The arguments of ``kit frames-eval`` (``kit frames-eval --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit frames-eval")
    >>> add_arguments(parser)
    >>> args = parser.parse_args([])
    >>> args.markdown
    False
    """
    p.add_argument("--dictionary", action="append", default=None, metavar="PATH",
                   help="dictionary file or bundled name; repeat to combine "
                        "(default: generic_frames + cooperation_security + us_china_issues)")
    p.add_argument("--corpus", default="data/sample",
                   help="corpus holding the gold articles (default data/sample, from the current folder)")
    p.add_argument("--gold", default="tests/eval/gold", metavar="DIR",
                   help="folder of gold JSON files (default tests/eval/gold, from the current folder)")
    p.add_argument("--files", nargs="+", default=None, metavar="FILE",
                   help="only these gold files (e.g. harbor_street_weekly.json); default every *.json that has frame labels")
    p.add_argument("--min-hits", type=positive_int, default=2, metavar="N", help="presence threshold in hits (default 2)")
    p.add_argument("--negation-window", type=non_negative_int, default=3, metavar="N", help="negation window (default 3)")
    p.add_argument("--n-boot", type=non_negative_int, default=1000, metavar="N",
                   help="bootstrap resamples for the 95%% interval of F1 (0 = none; default 1000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--json", action="store_true", help="print the table as JSON records instead of text")
    p.add_argument("--markdown", action="store_true", help="print the table as a Markdown table")


def no_gold_note(metrics) -> str:
    """A sentence naming the frames without gold articles and their false positives ('' if none).

    >>> import pandas as pd
    >>> metrics = pd.DataFrame({"frame": ["conflict", "morality"], "n_gold": [4, 0], "n_predicted": [3, 2],
    ...                         "tp": [3, 0], "fp": [0, 2], "fn": [1, 0], "precision": [1.0, 0.0],
    ...                         "recall": [0.75, float("nan")], "f1": [0.857, float("nan")]})
    >>> no_gold_note(metrics)
    'Frames without any gold article, not in the macro row (row no_gold pools them; every prediction is a false positive): morality (2 FP).'
    """
    from kit.frames_eval import frames_without_gold

    ng = frames_without_gold(metrics)
    if ng.empty:
        return ""
    parts = ", ".join(f"{r.frame} ({r.fp} FP)" for r in ng.itertuples(index=False))
    return (f"Frames without any gold article, not in the macro row (row no_gold pools them; every "
            f"prediction is a false positive): {parts}.")


def markdown_table(metrics) -> str:
    """The metrics as a Markdown table (2 decimals, '-' for undefined), with a note on frames without gold.

    >>> import pandas as pd
    >>> metrics = pd.DataFrame({"frame": ["conflict", "morality"], "n_gold": [4, 0], "n_predicted": [3, 2],
    ...                         "tp": [3, 0], "fp": [0, 2], "fn": [1, 0], "precision": [1.0, 0.0],
    ...                         "recall": [0.75, float("nan")], "f1": [0.857, float("nan")]})
    >>> print(markdown_table(metrics).splitlines()[2:4])
    ['| conflict | 4 | 3 | 3 | 0 | 1 | 1.00 | 0.75 | 0.86 |', '| morality | 0 | 2 | 0 | 2 | 0 | 0.00 | - | - |']
    """
    ci = "f1_low" in metrics.columns
    lines = ["| frame | gold | predicted | TP | FP | FN | precision | recall | F1 |" + (" F1 95% CI |" if ci else ""),
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if ci else "")]
    for r in metrics.itertuples(index=False):
        f = lambda v: "-" if v != v else f"{v:.2f}"  # noqa: E731  (NaN check)
        line = (f"| {r.frame} | {r.n_gold} | {r.n_predicted} | {r.tp} | {r.fp} | {r.fn} | "
                f"{f(r.precision)} | {f(r.recall)} | {f(r.f1)} |")
        if ci:
            line += " - |" if r.f1_low != r.f1_low else f" {f(r.f1_low)}–{f(r.f1_high)} |"
        lines.append(line)
    note = no_gold_note(metrics)
    if note:
        lines += ["", note]
    return "\n".join(lines)


def run(args) -> int:
    """``kit frames-eval``: print per-frame precision, recall and F1 of the dictionaries against the gold
    frames; returns the exit status.

    >>> import contextlib, io
    >>> from kit.cli import build_parser
    >>> args = build_parser(only="frames_eval").parse_args(["frames-eval"])
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(args)
    >>> status, out.getvalue().split()[:2]
    (0, ['frame', 'n_articles'])
    """
    from kit.errors import KitError
    from kit.frames_eval import evaluate_dictionary

    if args.min_hits < 1:
        raise KitError(f"--min-hits must be 1 or more, got {args.min_hits}")
    d = args.dictionary or ["generic_frames", "cooperation_security", "us_china_issues"]
    res = evaluate_dictionary(d if len(d) > 1 else d[0], args.gold, corpus=args.corpus, files=args.files,
                              min_hits=args.min_hits, negation_window=args.negation_window,
                              n_boot=args.n_boot, seed=args.seed)
    m = res["metrics"]
    if args.json:
        emit(args, m)
    elif args.markdown:
        print(markdown_table(m))
    else:
        print(m.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    n = len(res["matched"])
    print(f"kit frames-eval: {n} gold article(s) scored, min_hits={args.min_hits}", file=sys.stderr)
    note = no_gold_note(m)
    if note and not args.markdown:
        print(f"kit frames-eval: {note}", file=sys.stderr)
    for r in res["unmatched"].itertuples(index=False):
        print(f"kit frames-eval: not found: {r.gold_file}: '{r.title}' ({r.reason})", file=sys.stderr)
    return 1 if len(res["unmatched"]) else 0
