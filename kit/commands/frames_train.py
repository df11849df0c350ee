"""``kit frames-train CODED.csv... --corpus PATH --out model.pkl``: train and validate frame classifiers."""
from __future__ import annotations

from pathlib import Path

from kit.errors import KitError

NAME = "frames-train"
HELP = "train one classifier per frame on coded articles; cross-validated P/R/F1/AUC vs the dictionary; save the model"


def add_arguments(p):
    p.add_argument("sheets", nargs="+", metavar="CODED", help="filled coding sheet(s), CSV")
    p.add_argument("--corpus", default=None,
                   help="corpus holding the coded articles (sources or an ingested .parquet); "
                        "not needed when the sheet has a text column")
    p.add_argument("--frames", default=None, help="comma-separated frames (default: every frame column)")
    p.add_argument("--out", default="frames_model.pkl", help="model file (default frames_model.pkl; provenance in <out>.json)")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    p.add_argument("--C", type=float, default=None, help="inverse regularisation of the logistic regression (default 10)")
    p.add_argument("--seed", type=int, default=0, help="seed of folds, model and bootstrap (default 0)")
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples for the intervals (default 1000)")
    p.add_argument("--dictionary", default="generic_frames",
                   help="dictionary to compare with (bundled name or file; default generic_frames; 'none' to skip)")


def _articles(args, coded):
    import pandas as pd

    if args.corpus:
        from kit.corpus import load_corpus

        corpus = load_corpus(args.corpus)
        return corpus.articles, corpus.manifest.get("fingerprint")
    if "text" not in coded.columns:
        raise KitError("the coding sheet has no text column: give the corpus with --corpus")
    arts = coded[["doc_id", "text"]].drop_duplicates("doc_id")
    return pd.DataFrame(arts), None


def run(args) -> int:
    import pandas as pd

    from kit.coded import compare_with_dictionary, gold_labels, read_coding_sheet, train_frames
    from kit.coded.train import DEFAULTS

    frames = [f.strip() for f in args.frames.split(",")] if args.frames else None
    coded = read_coding_sheet(args.sheets, frames=frames)
    articles, fingerprint = _articles(args, coded)
    labels = gold_labels(coded)
    model = train_frames(articles, labels, folds=args.folds, C=args.C if args.C is not None else DEFAULTS["C"],
                         seed=args.seed, n_boot=args.n_boot, corpus_fingerprint=fingerprint)
    table = model.validation
    if args.dictionary and args.dictionary.lower() != "none":
        table = pd.concat([table, compare_with_dictionary(articles, labels, args.dictionary, n_boot=args.n_boot,
                                                          seed=args.seed)], ignore_index=True)
    path = model.save(args.out)
    from kit.csvsafe import neutralise_frame  # no live formulas in a spreadsheet

    neutralise_frame(table).to_csv(Path(str(path) + ".validation.csv"), index=False)
    cols = ["frame", "method", "n_articles", "n_positive", "precision", "recall", "f1", "auc", "auc_low", "auc_high"]
    print(table[cols].round(3).to_string(index=False))
    print(f"\nmodel: {path}\nprovenance: {path}.json\nvalidation: {path}.validation.csv")
    return 0
