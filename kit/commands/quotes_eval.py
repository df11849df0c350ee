"""``kit quotes-eval [GOLD...]``: precision, recall, F1 and speaker accuracy of quote extraction."""
from __future__ import annotations

from pathlib import Path

from kit.commands._common import emit

NAME = "quotes-eval"
HELP = "score quote extraction against annotated gold files (default tests/eval/gold/*.json)"


def add_arguments(p):
    """The arguments of ``kit quotes-eval`` (``kit quotes-eval --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit quotes-eval")
    >>> add_arguments(parser)
    >>> args = parser.parse_args(['--polnear', 'polnear-train', '--split', 'dev', '--ci'])
    >>> (args.split, args.ci)
    ('dev', True)
    """
    p.add_argument("gold", nargs="*", metavar="GOLD",
                   help="gold JSON files or folders (default: every *.json in tests/eval/gold)")
    p.add_argument("--min-coverage", type=float, default=0.8, metavar="X",
                   help="share of a gold quote's tokens a prediction must cover to match (default 0.8)")
    p.add_argument("--actors", default=None, metavar="FILE",
                   help="actor file: speakers on both sides are compared by the file's canonical names")
    p.add_argument("--by-file", action="store_true", help="also print the figures for each gold file")
    p.add_argument("--errors", action="store_true",
                   help="list every missed, spurious, wrong-kind or wrong-speaker quote")
    p.add_argument("--json", action="store_true", help="print the figures as JSON records")
    p.add_argument("--polnear", default=None, metavar="DIR",
                   help="score on PolNeAR instead (DIR holds text/ and attributions/; see kit.quotes.polnear)")
    p.add_argument("--split", choices=["all", "dev", "heldout"], default="all",
                   help="with --polnear: the articles to score (fixed hash split, see the README; default all)")
    p.add_argument("--ci", action="store_true",
                   help="add the 95%% interval of every figure from an article-level (cluster) bootstrap: "
                        "articles resampled with replacement, each figure recomputed from the resampled "
                        "articles' summed counts, percentile interval; seeded, so the figures reproduce. With "
                        "--polnear low and high columns (kit.quotes.polnear.score_intervals); on gold files a "
                        "second table, and MEASURE_low / MEASURE_high with --json (kit.quotes_eval.score_intervals)")
    p.add_argument("--n-boot", type=int, default=None, metavar="N",
                   help="with --ci: bootstrap resamples (default 2000)")
    p.add_argument("--seed", type=int, default=None, metavar="S", help="with --ci: the bootstrap's seed (default 0)")
    p.add_argument("--by-rule", action="store_true",
                   help="also print speaker accuracy by the rule that chose the speaker (the speaker_rule "
                        "column; see kit.quotes.SPEAKER_RULES); with --json one record per rule after the figures")


def default_gold() -> list[Path]:
    """Every ``*.json`` of tests/eval/gold under the current folder (none when there is no such folder).

    >>> "hard_cases.json" in [p.name for p in default_gold()]  # run from the repository
    True
    """
    d = Path.cwd() / "tests" / "eval" / "gold"
    return sorted(d.glob("*.json")) if d.is_dir() else []


def _fmt(df):
    return df.to_string(index=False, float_format=lambda v: f"{v:.3f}")


def run(args) -> int:
    """``kit quotes-eval``: score the quotes against gold files (or PolNeAR) and print the figures; returns the
    exit status.

    >>> import contextlib, io
    >>> from kit.cli import build_parser
    >>> args = build_parser(only="quotes_eval").parse_args(["quotes-eval", "tests/eval/gold/hard_cases.json"])
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(args)
    >>> status, out.getvalue().split()[:3]
    (0, ['quote', 'extraction', 'on'])
    """
    import pandas as pd

    from kit.errors import KitError
    from kit.quotes_eval import accuracy_by_rule, evaluate

    if not 0 < args.min_coverage <= 1:
        raise KitError(f"--min-coverage must be in (0, 1], got {args.min_coverage}")
    if (args.n_boot is not None or args.seed is not None) and not args.ci:
        raise KitError("--n-boot and --seed go with --ci")
    if args.polnear:
        return _run_polnear(args)
    files = []
    for g in args.gold:
        p = Path(g)
        if p.is_dir():
            files.extend(sorted(p.glob("*.json")))
        elif p.is_file():
            files.append(p)
        else:
            raise KitError(f"gold file or folder not found: {g}")
    if not args.gold:
        files = default_gold()
    if not files:
        raise KitError("no gold files given and none found in tests/eval/gold")
    scores, details = evaluate(files, actors=args.actors, min_coverage=args.min_coverage, details=True,
                               intervals=args.ci, n_boot=args.n_boot, seed=args.seed)
    by_rule = accuracy_by_rule(details) if args.by_rule else None
    if args.json:  # with --by-rule one JSON array: the scopes, then one record per rule ('rule: NAME')
        emit(args, _with_rules(scores, by_rule, "scope", "rule: ", "n_speaker", "speaker_accuracy"))
    else:
        print(f"quote extraction on {len(files)} gold file(s), match = covers >= {args.min_coverage:.0%} "
              f"of the gold quote's tokens (one-to-one)")
        print(_fmt(scores[[c for c in scores.columns if not c.endswith(("_low", "_high"))]]))
        if args.ci:
            print(f"\n{_ci_note(args, 'gold')}")
            print(_fmt(_long_intervals(scores)))
    if args.by_file:
        for f in files:
            s = evaluate([f], actors=args.actors, min_coverage=args.min_coverage)
            print(f"\n{f.name}")
            print(_fmt(s[s["scope"].isin(["all", "speech", "full", "partial"])]))
    _print_rules(args, by_rule)
    if args.errors:
        d = details
        bad = d[d["gold_no"].isna() | d["quote_no"].isna() | (d["gold_kind"] != d["pred_kind"])
                | (~d["speaker_ok"] & d["gold_kind"].isin(["full", "partial"]))]
        print(f"\n{len(bad)} problem(s):")
        for r in bad.itertuples(index=False):
            what = ("missed" if pd.isna(r.quote_no) else "spurious" if pd.isna(r.gold_no) else
                    "kind" if r.gold_kind != r.pred_kind else "speaker")
            text = r.gold_text if isinstance(r.gold_text, str) else r.pred_text
            print(f"  {what:8} {r.doc_id} gold={r.gold_kind}/{r.gold_speaker} pred={r.pred_kind}/{r.pred_speaker}: "
                  f"{text[:90]}")
    return 0


def _ci_note(args, articles: str) -> str:
    """The line that says how the intervals were drawn."""
    from kit.quotes_eval import BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED

    b = BOOTSTRAP_RESAMPLES if args.n_boot is None else args.n_boot
    return (f"low, high: 95% interval, article bootstrap ({b} resamples of the {articles} articles, "
            f"seed {BOOTSTRAP_SEED if args.seed is None else args.seed}, percentile)")


def _long_intervals(scores):
    """The interval columns of a gold-file scores table as rows: scope, measure, value, low, high
    (measures with no value left out)."""
    import pandas as pd

    from kit.quotes_eval import INTERVAL_MEASURES

    rows = [{"scope": r["scope"], "measure": m, "value": r[m], "low": r[f"{m}_low"], "high": r[f"{m}_high"]}
            for r in scores.to_dict("records") for m in INTERVAL_MEASURES if r[m] == r[m]]
    return pd.DataFrame(rows, columns=["scope", "measure", "value", "low", "high"])


def _with_rules(table, by_rule, key: str, prefix: str, n: str, value: str):
    """``table`` followed by one row per rule of ``by_rule`` (``key`` = prefix + rule, ``n``, ``value`` =
    the accuracy), the shape of --by-rule --json; ``table`` itself when there is no ``by_rule``."""
    if by_rule is None:
        return table
    import pandas as pd

    return pd.concat([table, pd.DataFrame({key: [f"{prefix}{r}" for r in by_rule["rule"]], n: by_rule["n"],
                                           value: by_rule["accuracy"]})], ignore_index=True)


def _print_rules(args, by_rule) -> None:
    """The --by-rule table as text (nothing with --json, where :func:`_with_rules` carries it)."""
    if by_rule is not None and not args.json:
        print("\nspeaker accuracy by the rule that chose the speaker (speaker_rule)")
        print(_fmt(by_rule))


def _run_polnear(args) -> int:
    from kit.errors import KitError
    from kit.quotes.polnear import accuracy_by_rule, evaluate_polnear, score_intervals

    if args.gold:
        raise KitError("give either gold files or --polnear DIR, not both")
    res = evaluate_polnear(args.polnear, split=None if args.split == "all" else args.split,
                           min_overlap=args.min_coverage, actors=args.actors)
    summary = score_intervals(res, n_boot=args.n_boot, seed=args.seed) if args.ci else res["summary"]
    by_rule = accuracy_by_rule(res["details"]) if args.by_rule else None
    if args.json:  # with --by-rule one JSON array: the figures, then one record per rule in the same shape
        emit(args, _with_rules(summary, by_rule, "measure", "speaker accuracy by rule: ", "n", "value"))
    else:
        print(f"PolNeAR direct quotes, {res['n_articles']} article(s) (split {args.split}); a match overlaps "
              f">= {args.min_coverage:.0%} of both spans (one-to-one)")
        if args.ci:
            print(_ci_note(args, str(res["n_articles"])))
        print(_fmt(summary))
    _print_rules(args, by_rule)
    if args.errors:
        d = res["details"]
        bad = d[d["gold_id"].isna() | d["pred_text"].isna() | d["speaker_ok"].eq(False)]
        print(f"\n{len(bad)} problem(s):")
        for r in bad.itertuples(index=False):
            what = "missed" if r.pred_text is None else "spurious" if r.gold_id is None else "speaker"
            text = r.gold_text if isinstance(r.gold_text, str) else r.pred_text
            rule = f" [{r.pred_rule}]" if isinstance(r.pred_rule, str) else ""
            print(f"  {what:8} {r.doc_id} {r.form}: gold={r.gold_speaker!s} ({r.source!s}) pred={r.pred_speaker}{rule}: "
                  f"{text[:80]!r}")
    return 0
