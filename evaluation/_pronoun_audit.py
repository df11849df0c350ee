"""Audit of the PolNeAR scorer's pronoun rule: how often is the kit right *by the text*?

PolNeAR has no coreference: a pronoun Source (*he*, *she*) is scored against the gold speaker of
the annotators' nearest earlier attribution whose Source is a person (:mod:`kit.quotes.polnear`,
"Pronoun rule"). That is often not the person the pronoun refers to. This script draws a seeded
random sample of the development part's pronoun quotes, stratified by the scorer's verdict
(``--wrong`` quotes it counts wrong, ``--right`` it counts right), prints each in its article for
a reader (``--show``; the text goes to the terminal only, never into the repository), and turns
the reader's verdicts into an estimate of the kit's pronoun accuracy by the text.

Only the **development** part of PolNeAR's train split is read (:func:`kit.quotes.polnear.split_of`).

Verdicts live in ``evaluation/pronoun_audit_verdicts.csv`` (ids and verdicts, no text): one row per
sampled quote with ``doc_id, gold_id, seg_start`` (the quote's gold segment start in the article
file), ``scorer_ok`` (1/0), ``by_text`` (``right``, ``wrong`` or ``unclear``: is the kit's speaker
the person the pronoun refers to, read in the article) and ``shape`` (a short code of why the
scorer and the text disagree).

The estimate (:func:`estimate`) is stratified by the scorer's verdict: with ``N_r`` quotes the
scorer counts right and ``N_w`` wrong (``N = N_r + N_w``), and the shares ``p_r``, ``p_w`` of each
sample that are right by the text,

    accuracy = (N_r * p_r + N_w * p_w) / N
    var      = sum_h (N_h / N)^2 * p_h (1 - p_h) / (n_h - 1) * (1 - n_h / N_h)

(the variance of a stratified proportion with the finite-population correction; ``unclear``
verdicts are left out of their stratum), and the 95% interval is accuracy +- 1.96 sqrt(var).

Usage::

    .venv/bin/python -m evaluation._pronoun_audit DIR --show            # the sample, for reading
    .venv/bin/python -m evaluation._pronoun_audit DIR                   # the estimate from the verdicts

(a module with a leading underscore: ``make eval`` does not run it).
"""
from __future__ import annotations

import argparse
import math
import pathlib
import random

import pandas as pd

#: The seed of the sample in docs/quotes.md.
SEED = 20261205
#: Sample sizes per stratum (the scorer's verdict).
N_WRONG, N_RIGHT = 60, 40
#: The kit the verdicts were given for, and its scored pronoun quotes by the scorer's verdict: the
#: sample is drawn from the kit's own predictions, so another kit draws another sample; to redraw
#: this one, run the script on that commit's ``kit`` (``git archive 8278493 kit``).
AUDITED = {"commit": "8278493", "n_right": 929, "n_wrong": 302}
#: Where the reader's verdicts are kept.
VERDICTS = pathlib.Path(__file__).with_name("pronoun_audit_verdicts.csv")
#: The verdicts a reader may give.
BY_TEXT = ("right", "wrong", "unclear")


def pronoun_quotes(folder) -> tuple[pd.DataFrame, dict]:
    """The scored pronoun quotes of the development part (one row per matched gold segment):
    doc_id, gold_id, seg_start, seg_end, scorer_ok, gold_speaker, pred_speaker, source_start."""
    from kit.quotes import extract_quotes
    from kit.quotes.polnear import _articles_paragraphs, read_polnear, score_polnear

    arts = read_polnear(folder, split="dev")
    quotes = extract_quotes(_articles_paragraphs(arts))
    det = score_polnear(arts, quotes)["details"]
    det = det[(det["form"] == "pronoun") & det["speaker_ok"].notna()].copy()
    by_name = {a.name: a for a in arts}
    starts, ends, src = [], [], []
    for doc, gid, gtext in zip(det["doc_id"], det["gold_id"], det["gold_text"]):
        art = by_name[doc]
        att = next(a for a in art.attributions if a["id"] == gid)
        lo = min(c[0] for c in att["content"])
        at = art.text.find(gtext, max(0, lo - 5))
        starts.append(at)
        ends.append(at + len(gtext))
        src.append(att["source_span"][0] if att["source_span"] else -1)
    det["seg_start"], det["seg_end"], det["source_start"] = starts, ends, src
    det["scorer_ok"] = det["speaker_ok"].astype(bool).astype(int)
    det = det.sort_values(["doc_id", "seg_start", "gold_id"], kind="stable").reset_index(drop=True)
    return det[["doc_id", "gold_id", "seg_start", "seg_end", "scorer_ok", "gold_speaker", "pred_speaker",
                "source_start"]], by_name


def draw(pron: pd.DataFrame, *, seed: int = SEED, n_wrong: int = N_WRONG, n_right: int = N_RIGHT) -> pd.DataFrame:
    """A seeded sample of ``n_wrong`` quotes the scorer counts wrong and ``n_right`` it counts right
    (rows of :func:`pronoun_quotes`, in a stable order, so the same kit gives the same sample).

    >>> p = pd.DataFrame({"doc_id": list("abcdef"), "scorer_ok": [0, 1, 0, 1, 0, 1]})
    >>> draw(p, seed=1, n_wrong=2, n_right=1)["scorer_ok"].tolist()
    [0, 0, 1]
    """
    rng = random.Random(seed)
    wrong = pron.index[pron["scorer_ok"] == 0].tolist()
    right = pron.index[pron["scorer_ok"] == 1].tolist()
    pick = sorted(rng.sample(wrong, min(n_wrong, len(wrong)))) + sorted(rng.sample(right, min(n_right, len(right))))
    return pron.loc[pick]


def estimate(verdicts: pd.DataFrame, n_right_total: int, n_wrong_total: int) -> dict:
    """Pronoun accuracy by the text, stratified by the scorer's verdict, with a 95% interval.

    >>> v = pd.DataFrame({"scorer_ok": [1] * 4 + [0] * 4, "by_text": ["right"] * 4 + ["right", "wrong", "wrong", "wrong"]})
    >>> r = estimate(v, n_right_total=60, n_wrong_total=40)
    >>> round(r["accuracy"], 3), r["right_of_scorer_wrong"], r["wrong_of_scorer_right"]
    (0.7, 1, 0)
    """
    out: dict = {}
    total = n_right_total + n_wrong_total
    acc, var = 0.0, 0.0
    for ok, big_n in ((1, n_right_total), (0, n_wrong_total)):
        v = verdicts[(verdicts["scorer_ok"] == ok) & (verdicts["by_text"] != "unclear")]
        n = len(v)
        p = float((v["by_text"] == "right").mean()) if n else float("nan")
        w = big_n / total
        acc += w * p
        if n > 1:
            var += w * w * p * (1 - p) / (n - 1) * (1 - n / big_n)
        key = "scorer_right" if ok else "scorer_wrong"
        out[f"n_{key}"] = n
        out[f"p_text_right_{key}"] = p
    out["right_of_scorer_wrong"] = int(((verdicts["scorer_ok"] == 0) & (verdicts["by_text"] == "right")).sum())
    out["wrong_of_scorer_right"] = int(((verdicts["scorer_ok"] == 1) & (verdicts["by_text"] == "wrong")).sum())
    out["unclear"] = int((verdicts["by_text"] == "unclear").sum())
    half = 1.96 * math.sqrt(var)
    out.update(accuracy=acc, low=acc - half, high=acc + half,
               scorer_accuracy=n_right_total / total if total else float("nan"), n=total)
    return out


def _show(sample: pd.DataFrame, by_name: dict) -> None:
    for k, r in enumerate(sample.itertuples()):
        art = by_name[r.doc_id]
        paras = [p for p in art.paras if p[0] <= r.seg_start]
        lo = paras[max(0, len(paras) - 3)][0] if paras else 0
        hi = min(len(art.text), max(r.seg_end, r.source_start) + 160)
        text = art.text[lo:hi]
        cut = r.source_start - lo
        if 0 <= cut <= len(text):
            text = text[:cut] + "[[SRC]]" + text[cut:]
        print(f"--- {k} {r.doc_id} {r.gold_id} start={r.seg_start} scorer_ok={r.scorer_ok}")
        print(f"    kit: {r.pred_speaker!r}   scorer's gold: {r.gold_speaker!r}")
        print(text[-2000:])
        print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", help="the PolNeAR train folder (text/ and attributions/)")
    ap.add_argument("--show", action="store_true", help="print the sample in context, for reading")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--verdicts", default=str(VERDICTS))
    args = ap.parse_args(argv)
    pron, by_name = pronoun_quotes(args.folder)
    sample = draw(pron, seed=args.seed)
    if args.show:
        _show(sample, by_name)
        return 0
    verdicts = pd.read_csv(args.verdicts)
    bad = set(verdicts["by_text"]) - set(BY_TEXT)
    if bad:
        raise SystemExit(f"{args.verdicts}: unknown by_text value(s) {sorted(bad)}; valid: {', '.join(BY_TEXT)}")
    keys = list(zip(sample["doc_id"], sample["gold_id"], sample["seg_start"]))
    vkeys = list(zip(verdicts["doc_id"], verdicts["gold_id"], verdicts["seg_start"]))
    n_right, n_wrong = int(pron["scorer_ok"].sum()), int(len(pron) - pron["scorer_ok"].sum())
    if sorted(keys) != sorted(vkeys):
        print(f"note: {len(set(keys) - set(vkeys))} of the {len(keys)} quotes this kit draws have no verdict: the "
              f"verdicts are for the kit of commit {AUDITED['commit']}, whose stratum sizes are used "
              f"(this kit: {n_right} right, {n_wrong} wrong by the scorer)")
        n_right, n_wrong = AUDITED["n_right"], AUDITED["n_wrong"]
    res = estimate(verdicts, n_right_total=n_right, n_wrong_total=n_wrong)
    for key, val in res.items():
        print(f"{key:>28}: {val:.3f}" if isinstance(val, float) else f"{key:>28}: {val}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
