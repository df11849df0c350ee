"""Build and check the quote column ``speaker_confidence`` (:mod:`kit.quotes.confidence`).

A confidence that a quote's speaker is right: the candidates compared (docs/quotes.md, "Sixteenth
round (session 16): a speaker confidence"):

- ``rule``: the development-part accuracy of the quote's ``speaker_rule``, shrunk towards its rule
  family's (and the family's towards the overall) by :data:`SHRINK` pseudo-quotes, so a rule with
  few dev quotes falls back to its family;
- ``ranker``: the fifteenth round's learned candidate ranker (:mod:`kit.quotes.speaker_model`,
  pointwise logistic regression, C=1) as the probability of the rules' own choice;
- ``ranker_share``: the same scores as a softmax over the quote's candidates (the rules' choice's
  share: low when another candidate scores as high);
- ``quote_lr``: a logistic regression of "the rules are right" on the rules' choice's features;
- ``rule_share``: two numbers, the ``rule`` table's log-odds and the ``ranker_share`` log-odds,
  combined by a logistic regression.

Checks: (ii) the development part of the PolNeAR train split, 5-fold cross-validation grouped by
article (every candidate is fitted on four folds and scored on the fifth); (i) the frames-dev hand
coding (``evaluation/speaker_check_frames_dev.csv``), fitted on the whole development part, by half
and together: ROC AUC of confidence against right/wrong and the precision of the 90/75/50% most
confident, each with a 95% article-bootstrap interval. The held-out part is read only with
``--held-out`` (once, at the end: figures only). ``--out DIR`` writes the shipped data file
(``speaker_confidence.json``: the per-rule table, counts and a data card).

Usage::

    .venv/bin/python -m evaluation._train_confidence DEVSETS [--out kit/resources/quotes] [--held-out]
"""
from __future__ import annotations

import argparse
import datetime
import json
import math
import pathlib
import sys

import numpy as np
import pandas as pd

FOLDS = 5
#: Pseudo-quotes of the family's (or overall) accuracy added to each rule's (family's) dev counts.
SHRINK = 10
#: Shares of the quotes kept, most confident first.
KEPT = (0.9, 0.75, 0.5)
N_BOOT = 2000


def _collect(paragraphs):
    """Quotes and, per quote of speech, ``(doc_id, start) -> (rule, [(is_rule_choice, features)])``."""
    import kit.quotes.confidence as cf
    import kit.quotes.speaker_model as sm
    from kit.quotes import extract_quotes

    saved = sm.SPEAKER_MODEL
    sm.SPEAKER_MODEL, sm.COLLECT, cf.COLLECT = None, [], []
    try:
        quotes = extract_quotes(paragraphs)
        xs = {(str(d), s): x for d, s, x in cf.COLLECT}
        log = {(str(d), s): (rule, [(e is ent, x, e.name) for e, x in cands], xs.get((str(d), s)))
               for d, s, ent, rule, cands in sm.COLLECT}
    finally:
        sm.SPEAKER_MODEL, sm.COLLECT, cf.COLLECT = saved, None, None
    return quotes, log


def polnear_items(folder: pathlib.Path, split: str) -> pd.DataFrame:
    """One row per scored PolNeAR segment whose quote has a speaker: doc_id, rule, right, cands."""
    from kit.quotes.polnear import _articles_paragraphs, read_polnear, score_polnear, speaker_matches

    arts = read_polnear(folder, split=split)
    quotes, log = _collect(_articles_paragraphs(arts))
    d = score_polnear(arts, quotes)["details"]
    d = d[d["speaker_ok"].notna() & d["pred_row"].notna()]
    rows = []
    for r in d.to_dict("records"):
        q = quotes.loc[r["pred_row"]]
        if q["speaker_rule"] is None or q["speaker_rule"] != q["speaker_rule"]:
            continue
        rule, cands, x = log.get((str(q["doc_id"]), int(q["start"])), (q["speaker_rule"], [], None))

        def right(name, r=r):
            return bool(speaker_matches(name, r["gold_speaker"], r["match_form"]) or (
                r["also"] is not None and speaker_matches(name, r["also"], r["also_form"])))
        rows.append({"doc_id": str(q["doc_id"]), "rule": q["speaker_rule"], "right": bool(r["speaker_ok"]),
                     "cands": [(is_rule, xx, right(name)) for is_rule, xx, name in cands], "x": x,
                     "confidence": q["speaker_confidence"], "weight": 1.0})
    return pd.DataFrame(rows)


def frames_dev_items(devsets: pathlib.Path) -> pd.DataFrame:
    """One row per coded frames-dev quote the kit gives a speaker: doc_id, half, weight, rule, right, cands."""
    from evaluation import speaker_check as sc
    from kit.corpus import load_corpus

    root = pathlib.Path(devsets) / sc.DEVSET
    coding = pd.read_csv(sc.CODING, dtype={"doc_id": str, "gold_speaker": str}, keep_default_na=False)
    corpus = load_corpus([str(root / "articles.csv")], column_map={"published": "date"})
    paras = corpus.paragraphs[corpus.paragraphs["doc_id"].astype(str).isin(set(coding["doc_id"]))]
    quotes, log = _collect(paras)
    quotes = quotes.assign(doc_id=quotes["doc_id"].astype(str))
    s = sc.find(coding, quotes)
    rows = []
    for r in s.to_dict("records"):
        if r["speaker"] is None:
            continue
        q = quotes.loc[r["quote_row"]]
        rule, cands, x = log.get((r["doc_id"], int(q["start"])), (q["speaker_rule"], [], None))
        rows.append({"doc_id": r["doc_id"], "half": int(r["half"]), "weight": float(r["weight"]),
                     "rule": q["speaker_rule"], "right": sc.same_speaker(r["speaker"], r["gold_speaker"], r["gold_form"]),
                     "cands": [(is_rule, xx, None) for is_rule, xx, _ in cands], "x": x,
                     "confidence": q["speaker_confidence"]})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# the candidates: fit(train items) -> score(items) -> confidence per item
# ---------------------------------------------------------------------------------------------

def rule_table(items: pd.DataFrame, shrink: float = SHRINK) -> dict:
    """The shrunk per-rule accuracy table of ``items`` (columns rule, right): ``{"overall", "families",
    "rules"}``, each rule and family with ``n``, ``right`` and ``confidence``."""
    from kit.quotes.speaker_model import RULE_FAMILIES

    overall = float(items["right"].mean())
    fam = items["rule"].map(lambda r: RULE_FAMILIES.get(r, "other"))
    families = {}
    for f, g in items.groupby(fam):
        families[f] = {"n": int(len(g)), "right": int(g["right"].sum()),
                       "confidence": (g["right"].sum() + shrink * overall) / (len(g) + shrink)}
    rules = {}
    for r, g in items.groupby("rule"):
        base = families.get(RULE_FAMILIES.get(r, "other"), {"confidence": overall})["confidence"]
        rules[r] = {"n": int(len(g)), "right": int(g["right"].sum()),
                    "confidence": (g["right"].sum() + shrink * base) / (len(g) + shrink)}
    return {"overall": {"n": int(len(items)), "right": int(items["right"].sum()), "confidence": overall},
            "families": families, "rules": rules}


def rule_confidence(table: dict, rule) -> float:
    from kit.quotes.speaker_model import RULE_FAMILIES

    if rule in table["rules"]:
        return table["rules"][rule]["confidence"]
    fam = table["families"].get(RULE_FAMILIES.get(rule, "other"))
    return fam["confidence"] if fam else table["overall"]["confidence"]


def _rank_fit(items):
    from sklearn.linear_model import LogisticRegression

    X, y = [], []
    for cands, ok in zip(items["cands"], items["right"]):
        for is_rule, x, _ in cands:   # the rules' choice's features, right when the rules are
            if is_rule:
                X.append(x)
                y.append(int(ok))
    return LogisticRegression(C=1.0, max_iter=5000).fit(np.array(X), np.array(y))


def _logit(p):
    p = np.clip(np.asarray(p, dtype=float), 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _rule_x(cands):
    return next((x for is_rule, x, _ in cands if is_rule), None)


def _share(cands, w, b):
    s = [(is_rule, float(np.dot(x, w) + b)) for is_rule, x, _ in cands]
    if not any(r for r, _ in s):
        return math.nan
    m = max(v for _, v in s)
    z = sum(math.exp(v - m) for _, v in s)
    return next(math.exp(v - m) for r, v in s if r) / z


class Candidates:
    """Every candidate confidence fitted on ``train`` (a table of ``polnear_items``); ``scores(items)``
    gives one column per candidate."""

    def __init__(self, train: pd.DataFrame, ranker_weights=None):
        from sklearn.linear_model import LogisticRegression

        self.table = rule_table(train)
        if ranker_weights is None:
            ranker_weights = _fit_ranker(train)
        self.w, self.b = ranker_weights
        self.quote_lr = _rank_fit(train[train["cands"].map(lambda c: _rule_x(c) is not None)])
        self.conf_w, self.conf_b = fit_confidence(train)
        tr = self._base(train)
        ok = tr[["rule", "ranker_share"]].notna().all(axis=1)
        Z = np.column_stack([_logit(tr.loc[ok, "rule"]), _logit(tr.loc[ok, "ranker_share"])])
        self.combo = LogisticRegression(C=1.0, max_iter=5000).fit(Z, train.loc[ok, "right"].astype(int))

    def _base(self, items):
        rule = items["rule"].map(lambda r: rule_confidence(self.table, r))
        xs = items["cands"].map(_rule_x)
        ranker = xs.map(lambda x: math.nan if x is None else 1 / (1 + math.exp(-(float(np.dot(x, self.w)) + self.b))))
        share = items["cands"].map(lambda c: _share(c, self.w, self.b))
        return pd.DataFrame({"rule": rule, "ranker": ranker, "ranker_share": share}, index=items.index)

    def scores(self, items: pd.DataFrame) -> pd.DataFrame:
        out = self._base(items)
        xs = items["cands"].map(_rule_x)
        have = xs.notna()
        q = pd.Series(math.nan, index=items.index)
        if have.any():
            q[have] = self.quote_lr.predict_proba(np.array(list(xs[have])))[:, 1]
        out["quote_lr"] = q
        ok = out[["rule", "ranker_share"]].notna().all(axis=1)
        c = pd.Series(math.nan, index=items.index)
        if ok.any():
            Z = np.column_stack([_logit(out.loc[ok, "rule"]), _logit(out.loc[ok, "ranker_share"])])
            c[ok] = self.combo.predict_proba(Z)[:, 1]
        out["rule_share"] = c
        out["confidence"] = items["x"].map(lambda x: math.nan if x is None else _sigmoid(np.dot(x, self.conf_w) + self.conf_b))
        # a quote whose rule choice was not listed as a candidate falls back to the rule table
        for col in ("ranker", "ranker_share", "quote_lr", "rule_share", "confidence"):
            out[col] = out[col].fillna(out["rule"])
        return out


def _sigmoid(z) -> float:
    return float(1 / (1 + np.exp(-z)))


def fit_confidence(items, C: float = 1.0):
    """The shipped model: a logistic regression of ``right`` on the chosen speaker's features
    (:data:`kit.quotes.confidence.FEATURES`, column ``x``); returns ``(weights, intercept)``."""
    from sklearn.linear_model import LogisticRegression

    have = items["x"].notna()
    m = LogisticRegression(C=C, max_iter=5000).fit(np.array(list(items.loc[have, "x"])),
                                                   items.loc[have, "right"].astype(int))
    return np.asarray(m.coef_[0]), float(m.intercept_[0])


def _fit_ranker(items):
    """The fifteenth round's pointwise candidate ranker (C=1), fitted on the candidates of ``items``
    whose rightness is known from the rules' choice: the rules' choice is right or wrong as scored,
    and when it is right every other candidate is wrong (a quote has one speaker)."""
    from sklearn.linear_model import LogisticRegression

    X, y = [], []
    for cands in items["cands"]:
        oks = [ok for _, _, ok in cands]
        if not any(oks) or all(oks):   # as the fifteenth round's _learnable: both kinds of candidate
            continue
        for _, x, ok in cands:
            X.append(x)
            y.append(int(ok))
    m = LogisticRegression(C=1.0, max_iter=5000).fit(np.array(X), np.array(y))
    return np.asarray(m.coef_[0]), float(m.intercept_[0])


NAMES = ("rule", "ranker", "ranker_share", "quote_lr", "rule_share", "confidence")


# ---------------------------------------------------------------------------------------------
# the measures
# ---------------------------------------------------------------------------------------------

def auc(conf, right, weight=None) -> float:
    """ROC AUC of ``conf`` against ``right`` (ties count a half; optional item weights).

    >>> auc([0.9, 0.8, 0.1], [True, True, False]), auc([0.5, 0.5], [True, False])
    (1.0, 0.5)
    """
    c = np.asarray(conf, dtype=float)
    y = np.asarray(right, dtype=bool)
    w = np.ones(len(c)) if weight is None else np.asarray(weight, dtype=float)
    if y.all() or not y.any():
        return math.nan
    order = np.argsort(c, kind="stable")
    c, y, w = c[order], y[order], w[order]
    # for each distinct value: weight of wrong below it, plus half the wrong tied with it
    vals, start = np.unique(c, return_index=True)
    wneg = np.where(~y, w, 0.0)
    wpos = np.where(y, w, 0.0)
    neg_by = np.add.reduceat(wneg, start)
    pos_by = np.add.reduceat(wpos, start)
    below = np.concatenate([[0.0], np.cumsum(neg_by)[:-1]])
    return float((pos_by * (below + neg_by / 2)).sum() / (wpos.sum() * wneg.sum()))


def precision_kept(conf, right, share: float, weight=None) -> float:
    """Precision of the ``share`` most confident items (a tie at the cut counts in part, as a random
    order of the tied items would on average).

    >>> precision_kept([0.9, 0.5, 0.5, 0.1], [True, True, False, False], 0.5)
    0.75
    """
    c = np.asarray(conf, dtype=float)
    y = np.asarray(right, dtype=float)
    w = np.ones(len(c)) if weight is None else np.asarray(weight, dtype=float)
    want = share * w.sum()
    kept_w = kept_r = 0.0
    for v in np.unique(c)[::-1]:
        at = c == v
        tw, tr = w[at].sum(), (w[at] * y[at]).sum()
        if kept_w + tw >= want:
            f = (want - kept_w) / tw if tw else 0.0
            return float((kept_r + f * tr) / want) if want else math.nan
        kept_w, kept_r = kept_w + tw, kept_r + tr
    return float(kept_r / kept_w) if kept_w else math.nan


def measures(items: pd.DataFrame, conf: pd.Series, *, weighted=False, n_boot=N_BOOT, seed=0) -> dict:
    """AUC and precision at each of :data:`KEPT` (and all kept), with 95% article-bootstrap intervals
    (articles drawn as :func:`kit.resample.resampled_sums` draws them)."""
    from kit.resample import percentile_interval

    w = items["weight"].to_numpy(float) if weighted else np.ones(len(items))
    c, y = conf.to_numpy(float), items["right"].to_numpy(bool)

    def figs(ix):
        return [auc(c[ix], y[ix], w[ix]), float((w[ix] * y[ix]).sum() / w[ix].sum())] + \
            [precision_kept(c[ix], y[ix], k, w[ix]) for k in KEPT]

    point = figs(np.arange(len(items)))
    docs = items["doc_id"].to_numpy()
    uniq, inv = np.unique(docs, return_inverse=True)
    members = [np.flatnonzero(inv == i) for i in range(len(uniq))]
    rng = np.random.default_rng(seed)
    reps = []
    for draw in rng.integers(0, len(uniq), size=(n_boot, len(uniq))):
        reps.append(figs(np.concatenate([members[i] for i in draw])))
    low, high = percentile_interval(np.array(reps, dtype=float), ci=0.95)
    names = ["auc", "all"] + [f"p{int(k * 100)}" for k in KEPT]
    return {n: (p, lo, hi) for n, p, lo, hi in zip(names, point, low, high)} | {"n": len(items),
                                                                               "articles": len(uniq)}


def _fmt(m) -> str:
    return (f"n {m['n']} ({m['articles']} articles) | AUC {m['auc'][0]:.3f} ({m['auc'][1]:.3f}-{m['auc'][2]:.3f})"
            f" | all {m['all'][0]:.3f} | " + " | ".join(
                f"{k} {m[k][0]:.3f} ({m[k][1]:.3f}-{m[k][2]:.3f})" for k in ("p90", "p75", "p50")))


def cross_validate(items: pd.DataFrame, folds: int = FOLDS) -> pd.DataFrame:
    """Every candidate's confidence per item, each fold scored by candidates fitted on the others."""
    from sklearn.model_selection import GroupKFold

    out = []
    for tr, te in GroupKFold(n_splits=folds).split(np.zeros(len(items)), groups=items["doc_id"]):
        out.append(Candidates(items.iloc[tr]).scores(items.iloc[te]))
    return pd.concat(out).loc[items.index]


def calibration(items: pd.DataFrame, conf: pd.Series, bins=(0, 0.6, 0.8, 0.9, 0.95, 1.0001)) -> pd.DataFrame:
    """Reliability table: per confidence bin the quotes, mean confidence and share right."""
    b = pd.cut(conf, bins=list(bins), right=False)
    g = pd.DataFrame({"bin": b, "conf": conf, "right": items["right"].astype(float)}).groupby("bin", observed=True)
    return g.agg(n=("right", "size"), confidence=("conf", "mean"), right=("right", "mean"))


def data_file(w, b, dev: pd.DataFrame, cv: dict, fd: dict, reliability: dict) -> dict:
    """The shipped ``speaker_confidence.json``: features, weights, intercept and the data card."""
    from kit.quotes.confidence import FEATURES

    return {
        "features": list(FEATURES), "weights": [round(float(v), 6) for v in w], "intercept": round(float(b), 6),
        "card": {
            "what": "speaker_confidence: the probability that the speaker the named rules chose for a quote is "
                    "right, by a logistic regression (C=1, features unscaled) on the chosen speaker's features "
                    "(kit.quotes.confidence.FEATURES)",
            "trained_on": "PolNeAR v1.0.0 train split, development part only (kit.quotes.polnear.split_of == 'dev'): "
                          f"{len(dev)} scored quote segments whose quote has a speaker, {dev['doc_id'].nunique()} "
                          "articles; no text is stored",
            "label": "the PolNeAR scorer's speaker_ok (kit.quotes.polnear.score_polnear): the annotators' source "
                     "(a pronoun source: the name it refers to by the scorer's rule)",
            "checked": {"dev_5_fold_cross_validation_grouped_by_article": cv,
                        "frames_dev_hand_coding_by_the_text": fd,
                        "reliability": reliability},
            "caveat": "calibrated on PolNeAR's 2016 US election news, where the kit's speakers are right in 0.91; "
                      "on other news the kit is right less often and the numbers run high (frames-dev): "
                      "use them to rank and filter, and check a sample",
            "trained": datetime.date.today().isoformat(),
            "script": "python -m evaluation._train_confidence DEVSETS --out kit/resources/quotes",
        },
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("devsets", type=pathlib.Path)
    ap.add_argument("--out", type=pathlib.Path, help="folder to write speaker_confidence.json to")
    ap.add_argument("--held-out", action="store_true", help="also score the held-out part (once, at the end)")
    ap.add_argument("--weighted", action="store_true", help="frames-dev figures weighted by stratum")
    a = ap.parse_args(argv)
    folder = a.devsets / "polnear-train"
    dev = polnear_items(folder, "dev")
    print(f"dev: {len(dev)} scored segments with a speaker, precision {dev['right'].mean():.3f}")
    cv = cross_validate(dev)
    from evaluation._train_speaker_model import half
    h = dev["doc_id"].map(half)
    cv_figs = {}
    for name in NAMES:
        m = measures(dev, cv[name], n_boot=200)
        cv_figs[name] = {k: round(v[0], 4) for k, v in m.items() if isinstance(v, tuple)}
        print(f"dev CV {name}: {_fmt(m)}")
        for hh in (0, 1):
            print(f"   half {hh}: {_fmt(measures(dev[h == hh], cv[name][h == hh], n_boot=200))}")
    fit = Candidates(dev)
    fd = frames_dev_items(a.devsets)
    fs = fit.scores(fd)
    fd_figs = {}
    for name in NAMES:
        for part, sel in (("all", fd.index), ("half 0", fd.index[fd["half"] == 0]), ("half 1", fd.index[fd["half"] == 1])):
            m = measures(fd.loc[sel], fs.loc[sel, name], weighted=a.weighted)
            if name == "confidence":
                fd_figs[part] = {k: [round(x, 4) for x in v] for k, v in m.items() if isinstance(v, tuple)}
            print(f"frames-dev {name} {part}: {_fmt(m)}")
    rel = {"dev_cross_validation": calibration(dev, cv["confidence"]),
           "frames_dev": calibration(fd, fs["confidence"])}
    for k, t in rel.items():
        print(f"reliability of confidence, {k}:")
        print(t.to_string())
    if a.held_out:
        ho = polnear_items(folder, "heldout")
        hs = fit.scores(ho)
        for name in NAMES:
            m = measures(ho, hs[name])
            print(f"held-out {name}: AUC {m['auc'][0]:.3f} ({m['auc'][1]:.3f}-{m['auc'][2]:.3f}), "
                  f"all {m['all'][0]:.3f}, p50 {m['p50'][0]:.3f} ({m['p50'][1]:.3f}-{m['p50'][2]:.3f})")
    if a.out is not None:
        rel_json = {k: [{"bin": str(i), "n": int(r.n), "confidence": round(float(r.confidence), 3),
                         "right": round(float(r.right), 3)} for i, r in t.iterrows()] for k, t in rel.items()}
        doc = data_file(fit.conf_w, fit.conf_b, dev, cv_figs["confidence"], fd_figs, rel_json)
        path = a.out / "speaker_confidence.json"
        path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
