"""``kit frames-train CODED.csv... --corpus PATH --out model.pkl``: train and validate frame classifiers."""
from __future__ import annotations

from pathlib import Path

from kit.commands._common import add_output_arguments, emit, existing_file, non_negative_int, positive_int, say_to
from kit.errors import KitError

NAME = "frames-train"
HELP = "train one classifier per frame on coded articles; cross-validated P/R/F1/AUC vs the dictionary; save the model"


def add_arguments(p):
    """The arguments of ``kit frames-train`` (``kit frames-train --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit frames-train")
    >>> add_arguments(parser)
    >>> args = parser.parse_args(['data/coding/sample_coding.csv'])
    >>> (args.folds, args.weights)
    (5, 'agreement')
    """
    p.add_argument("sheets", nargs="+", metavar="CODED", type=existing_file, help="filled coding sheet(s), CSV")
    p.add_argument("--corpus", default=None,
                   help="corpus holding the coded articles (sources or an ingested .parquet); not needed when "
                        "the sheet carries the texts (texts/ folder written by code-sample, or a text column)")
    p.add_argument("--frames", default=None, help="comma-separated frames (default: every frame column)")
    p.add_argument("--out", default="frames_model.pkl", help="model file (default frames_model.pkl; provenance in <out>.json)")
    p.add_argument("--folds", type=positive_int, default=5, help="cross-validation folds (default 5)")
    p.add_argument("--C", type=float, default=None, help="inverse regularisation of the logistic regression (default 10)")
    p.add_argument("--seed", type=int, default=0, help="seed of folds, model and bootstrap (default 0)")
    p.add_argument("--weights", choices=("agreement", "none"), default="agreement",
                   help="'agreement' (default): articles weigh more in training the more coders agree with their "
                        "label (kit.frames.coded.agreement_weights); 'none': every article weighs the same")
    p.add_argument("--n-boot", type=non_negative_int, default=1000, help="bootstrap resamples for the intervals (default 1000)")
    p.add_argument("--dictionary", default="generic_frames",
                   help="dictionary to compare with (bundled name or file; default generic_frames; 'none' to skip)")
    add_output_arguments(p, "the validation table (one object per frame and method)")


def _articles(args, coded):
    from kit.frames.coded import coded_texts

    if args.corpus:
        from kit.corpus import load_corpus

        corpus = load_corpus(args.corpus)
        return coded_texts(coded, corpus.articles), corpus.manifest.get("fingerprint")
    if "text" not in coded.columns:
        raise KitError("the coding sheet carries no texts (no texts/ folder beside it, no text column): "
                       "give the corpus with --corpus")
    return coded_texts(coded), None


def run(args) -> int:
    """``kit frames-train``: train one classifier per frame, print the cross-validated figures and save the
    model; returns the exit status.

    >>> import contextlib, io, tempfile
    >>> from kit.cli import build_parser
    >>> tmp = tempfile.mkdtemp()
    >>> args = build_parser(only="frames_train").parse_args(["frames-train", "data/coding/sample_coding.csv",
    ...                                                       "--out", tmp + "/m.pkl", "--n-boot", "0", "--dictionary", "none"])
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(args)
    >>> status, out.getvalue().split()[:2]
    (0, ['frame', 'method'])
    """

    import pandas as pd

    from kit.frames.coded import compare_with_dictionary, gold_labels, read_coding_sheet, train_frames, training_weights
    from kit.frames.coded.train import DEFAULTS

    say = say_to(args)  # --json: stdout holds only JSON
    frames = [f.strip() for f in args.frames.split(",")] if args.frames else None
    coded = read_coding_sheet(args.sheets, frames=frames)
    articles, fingerprint = _articles(args, coded)
    labels = gold_labels(coded)
    weights = training_weights(coded, labels, args.weights)
    model = train_frames(articles, labels, folds=args.folds, C=args.C if args.C is not None else DEFAULTS["C"],
                         seed=args.seed, n_boot=args.n_boot, corpus_fingerprint=fingerprint, weights=weights)
    table = model.validation
    if args.dictionary and args.dictionary.lower() != "none":
        table = pd.concat([table, compare_with_dictionary(articles, labels, args.dictionary, n_boot=args.n_boot,
                                                          seed=args.seed)], ignore_index=True)
    path = model.save(args.out)
    from kit.csvsafe import neutralise_frame  # no live formulas in a spreadsheet

    neutralise_frame(table).to_csv(Path(str(path) + ".validation.csv"), index=False)
    cols = ["frame", "method", "n_articles", "n_positive", "precision", "recall", "f1", "auc", "auc_low", "auc_high"]
    emit(args, table[cols].round(3))
    say(f"\nmodel: {path}\nprovenance: {path}.json\nvalidation: {path}.validation.csv")
    return 0
