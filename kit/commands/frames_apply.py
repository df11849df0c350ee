"""``kit frames-apply MODEL PATH... --out DIR``: frame probabilities and corrected prevalence per group."""
from __future__ import annotations

from pathlib import Path

from kit.commands._common import (
    add_output_arguments,
    add_source_arguments,
    emit,
    existing_file,
    load,
    non_negative_int,
    say_to,
)

NAME = "frames-apply"
HELP = "apply a trained frame model: probabilities per article, error-corrected prevalence per group, least certain articles"


def add_arguments(p):
    """The arguments of ``kit frames-apply`` (``kit frames-apply --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit frames-apply")
    >>> add_arguments(parser)
    >>> args = parser.parse_args(['reports.yml', 'data/sample'])  # MODEL: any file here, read when run
    >>> (args.group_by, args.dedupe)
    ('outlet', 'exact')
    """
    p.add_argument("model", metavar="MODEL", type=existing_file, help="model file written by kit frames-train")
    add_source_arguments(p)
    p.add_argument("--group-by", default="outlet", help="articles column or period (month, ...) (default outlet)")
    p.add_argument("--dedupe", choices=("none", "exact", "near"), default="exact",
                   help="count reprints once: none, exact (default) or near duplicates")
    p.add_argument("--n-boot", type=non_negative_int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--out", default="frames_applied", help="folder for predictions.csv, prevalence.csv, least_certain.csv")
    add_output_arguments(p, "the prevalence table (one object per group and frame)")


def run(args) -> int:
    """``kit frames-apply``: apply a trained model: probabilities, error-corrected prevalence per group and the
    least certain articles; returns the exit status.

    >>> import contextlib, io, tempfile
    >>> from kit.cli import build_parser
    >>> tmp = tempfile.mkdtemp()
    >>> from kit.commands import frames_train
    >>> train = build_parser(only="frames_train").parse_args(["frames-train", "data/coding/sample_coding.csv",
    ...     "--out", tmp + "/m.pkl", "--n-boot", "0", "--dictionary", "none"])
    >>> with contextlib.redirect_stdout(io.StringIO()):
    ...     _ = frames_train.run(train)
    >>> args = build_parser(only="frames_apply").parse_args(["frames-apply", tmp + "/m.pkl", "data/sample",
    ...                                                       "--out", tmp + "/applied", "--n-boot", "0"])
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(args)
    >>> status, out.getvalue().split()[:2]
    (0, ['outlet', 'frame'])
    """

    from kit.dedupe import dedupe
    from kit.frames.coded import apply_frames, coded_prevalence, least_certain, load_model

    say = say_to(args)  # --json: stdout holds only JSON
    model = load_model(args.model)
    corpus = str(args.paths[0]) if len(args.paths) == 1 else None  # a store: its stored near-duplicate pairs
    arts = dedupe(load(args).articles, args.dedupe, corpus=corpus)
    pred = apply_frames(model, arts)
    prev = coded_prevalence(pred, model, arts, group_by=args.group_by, n_boot=args.n_boot, seed=args.seed)
    unsure = least_certain(pred, arts, n=10)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pred.to_csv(out / "predictions.csv", index=False)
    prev.to_csv(out / "prevalence.csv", index=False)
    unsure.to_csv(out / "least_certain.csv", index=False)
    emit(args, prev.round(3))
    say(f"\n{len(arts)} articles ({arts.attrs['dedupe']['dropped']} dropped by dedupe={args.dedupe}); written to {out}/")
    return 0
