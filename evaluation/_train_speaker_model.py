"""Train and cross-validate rule SPEAKER_MODEL (:mod:`kit.quotes.speaker_model`) on PolNeAR.

Only the **development** part of the PolNeAR train split is read (:func:`kit.quotes.polnear.split_of`);
the held-out part and PolNeAR's own dev and test splits are never read. Steps:

1. Extract quotes with the named rules (the model off), recording for every quote of speech its
   candidate speakers and their features (:func:`kit.quotes.speaker_model.candidates`).
2. Score the quotes with the PolNeAR scorer; a candidate is right when the scorer would count
   its name as the quote's speaker. A *decision* is a quote matched to a gold segment with a
   speaker. The oracle is the share of decisions with a right candidate.
3. Grouped cross-validation over articles (``--folds``, default 5): learners (:data:`VARIANTS`)
   are fitted on the other folds; on the held-back fold the candidate scored highest is compared
   with the rules' choice, decision by decision; figures per fold, per speaker form and per half
   of dev (``md5(doc_id) % 2``), and the articles the changes come from.
4. With ``--out FILE``: fit the chosen variant on every decision and write the weights, the
   feature names and a data card to FILE; :data:`kit.quotes.speaker_model.SPEAKER_MODEL` set to
   that path turns the model on.

Usage::

    .venv/bin/python -m evaluation._train_speaker_model /work/shared/devsets/polnear-train [--out FILE]

(run as a module: this folder holds an ``html.py`` that would shadow the standard library's).
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import pathlib
import sys
from collections import Counter

import numpy as np

FOLDS = 5
#: The model speaks over the rules only when its best candidate has at least this probability
#: (the ``min_score`` of the weights file, as log-odds).
MIN_PROB = 0.2


def half(doc_id: str) -> int:
    """The half of dev an article falls in (``md5(doc_id) % 2``).

    >>> half("x") in (0, 1)
    True
    """
    return int(hashlib.md5(str(doc_id).encode()).hexdigest(), 16) % 2


def collect(folder: pathlib.Path) -> list[dict]:
    """The decisions on the development part: one dict per quote of speech matched to a gold
    speaker (doc_id, form, rule (the rules' rule name), rule_ok, cands: [(name, features, right)])."""
    import kit.quotes.speaker_model as sm
    from kit.quotes import extract_quotes
    from kit.quotes.polnear import _articles_paragraphs, read_polnear, score_polnear, speaker_matches

    arts = read_polnear(folder, split="dev")
    saved = sm.SPEAKER_MODEL
    sm.SPEAKER_MODEL, sm.COLLECT = None, []
    try:
        quotes = extract_quotes(_articles_paragraphs(arts))
        log = {(d, s): (ent, rule, cands) for d, s, ent, rule, cands in sm.COLLECT}
    finally:
        sm.SPEAKER_MODEL, sm.COLLECT = saved, None
    details = score_polnear(arts, quotes)["details"]
    details = details[details["speaker_ok"].notna() & details["pred_row"].notna()]
    out, seen = [], set()
    for d in details.to_dict("records"):
        if d["pred_row"] in seen:
            continue
        row = quotes.loc[d["pred_row"]]
        key = (row["doc_id"], row["start"])
        if key not in log:
            continue
        seen.add(d["pred_row"])
        ent, rule, cands = log[key]

        def right(name, d=d):
            return bool(speaker_matches(name, d["gold_speaker"], d["match_form"]) or (
                d["also"] is not None and speaker_matches(name, d["also"], d["also_form"])))
        out.append({"doc_id": row["doc_id"], "form": d["form"], "rule": rule,
                    "rule_ok": bool(d["speaker_ok"]),
                    "cands": [(e.name, x, right(e.name), e is ent) for e, x in cands]})
    return out


def _matrix(decisions):
    X, y = [], []
    for d in decisions:
        for _, x, ok, _ in d["cands"]:
            X.append(x)
            y.append(int(ok))
    return np.array(X, dtype=float), np.array(y)


def _pairs(decisions):
    X, y = [], []
    for d in decisions:
        right = [np.array(x, dtype=float) for _, x, ok, _ in d["cands"] if ok]
        wrong = [np.array(x, dtype=float) for _, x, ok, _ in d["cands"] if not ok]
        for p in right:
            for n in wrong:
                X += [p - n, n - p]
                y += [1, 0]
    return np.array(X), np.array(y)


def _learnable(decisions):
    return [d for d in decisions if any(c[2] for c in d["cands"]) and not all(c[2] for c in d["cands"])]


def _pointwise(C, balanced=False):
    def fit(ds):
        from sklearn.linear_model import LogisticRegression

        X, y = _matrix(_learnable(ds))
        m = LogisticRegression(C=C, max_iter=5000, class_weight="balanced" if balanced else None).fit(X, y)
        return np.asarray(m.coef_[0]), float(m.intercept_[0])
    return fit


def _pairwise(C):
    def fit(ds):
        from sklearn.linear_model import LogisticRegression

        X, y = _pairs(_learnable(ds))
        m = LogisticRegression(C=C, fit_intercept=False, max_iter=5000).fit(X, y)
        return np.asarray(m.coef_[0]), 0.0
    return fit


#: The learners cross-validated: name -> fit(decisions) -> (weights, intercept).
VARIANTS = {
    "pointwise C=1": _pointwise(1.0),
    "pointwise C=0.1": _pointwise(0.1),
    "pointwise C=0.01": _pointwise(0.01),
    "pointwise C=1 balanced": _pointwise(1.0, True),
    "pairwise C=1": _pairwise(1.0),
    "pairwise C=0.1": _pairwise(0.1),
}


def pick(d, w, b, margin: float = 0.0, min_prob: float = 0.0):
    """Index of the candidate the weights choose: the highest score, the rules' choice unless
    another beats it by more than ``margin`` with a probability of at least ``min_prob``; None
    (the rules' choice) without candidates."""
    if not d["cands"]:
        return None
    s = np.array([x for _, x, _, _ in d["cands"]], dtype=float) @ w + b
    ri = next((i for i, c in enumerate(d["cands"]) if c[3]), None)
    best = int(np.argmax(s))
    if ri is not None and s[best] - s[ri] <= margin or 1 / (1 + np.exp(-s[best])) < min_prob:
        return ri
    return best


def cross_validate(decisions, fit, folds: int = FOLDS, margin: float = 0.0, min_prob: float = 0.0) -> list[dict]:
    """Per decision (in input order): fold, rules right, model right, changed."""
    from sklearn.model_selection import GroupKFold

    docs = np.array([d["doc_id"] for d in decisions])
    res = [None] * len(decisions)
    for k, (tr, te) in enumerate(GroupKFold(n_splits=folds).split(np.zeros(len(docs)), groups=docs)):
        w, b = fit([decisions[i] for i in tr])
        for i in te:
            d = decisions[i]
            j = pick(d, w, b, margin, min_prob)
            chosen_rule = j is None or bool(d["cands"][j][3])
            ok = d["rule_ok"] if chosen_rule else d["cands"][j][2]
            res[i] = {"fold": k, "rules": d["rule_ok"], "model": ok, "changed": not chosen_rule,
                      "doc_id": d["doc_id"], "form": d["form"]}
    return res


def summarise(res) -> dict:
    """Counts of a cross-validation: decisions, rules and model right, gains and losses, the
    articles the gains come from, per half and per form."""
    def block(rows):
        n = len(rows)
        gains = [r for r in rows if r["model"] and not r["rules"]]
        losses = [r for r in rows if r["rules"] and not r["model"]]
        return {"n": n, "rules": sum(r["rules"] for r in rows), "model": sum(r["model"] for r in rows),
                "changed": sum(r["changed"] for r in rows), "gains": len(gains), "losses": len(losses),
                "gain_articles": len({r["doc_id"] for r in gains})}
    return {"all": block(res),
            "half": {h: block([r for r in res if half(r["doc_id"]) == h]) for h in (0, 1)},
            "fold": {k: block([r for r in res if r["fold"] == k]) for k in sorted({r["fold"] for r in res})},
            "form": {f: block([r for r in res if r["form"] == f]) for f in sorted({r["form"] for r in res})}}


def _line(name, b) -> str:
    n = max(b["n"], 1)
    return (f"{name}: {b['n']} decisions, rules {b['rules'] / n:.3f}, model {b['model'] / n:.3f} "
            f"({b['model'] - b['rules']:+d}; {b['changed']} changed, +{b['gains']} -{b['losses']}, "
            f"gains from {b['gain_articles']} articles)")


def oracle(decisions) -> None:
    """Print the oracle and the rules' accuracy per speaker form and per rule family."""
    import kit.quotes.speaker_model as sm

    by = {}
    for d in decisions:
        for key in ("all", "form " + str(d["form"]), "family " + sm.RULE_FAMILIES.get(d["rule"] or "", "none")):
            c = by.setdefault(key, Counter())
            c["n"] += 1
            c["rules"] += d["rule_ok"]
            c["oracle"] += any(x[2] for x in d["cands"]) or d["rule_ok"]
            c["cands"] += len(d["cands"])
    for key, c in by.items():
        print(f"{key}: {c['n']} decisions, rules {c['rules'] / c['n']:.3f}, oracle {c['oracle'] / c['n']:.3f}, "
              f"{c['cands'] / c['n']:.1f} candidates")


def main(argv=None) -> int:
    from kit.quotes.speaker_model import FEATURES

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=pathlib.Path, help="the PolNeAR train folder (text/, attributions/)")
    ap.add_argument("--out", type=pathlib.Path, help="write the weights and data card to this JSON file")
    ap.add_argument("--variant", default="pointwise C=1", choices=sorted(VARIANTS))
    a = ap.parse_args(argv)
    decisions = collect(a.folder)
    oracle(decisions)
    cvs = {}
    for name, fit in VARIANTS.items():
        for margin, min_prob in ((0.0, 0.0), (1.0, 0.0), (0.0, MIN_PROB)):
            s = summarise(cross_validate(decisions, fit, margin=margin, min_prob=min_prob))
            cvs[(name, margin, min_prob)] = s
            print(_line(f"{name}, margin {margin}, min_prob {min_prob}", s["all"]))
            for h in (0, 1):
                print("   " + _line(f"half {h}", s["half"][h]))
            if name == "pointwise C=1" and margin == 0.0 and min_prob == MIN_PROB:
                for k, b in s["fold"].items():
                    print("   " + _line(f"fold {k}", b))
                for f, b in s["form"].items():
                    print("   " + _line(f"form {f}", b))
    if a.out is None:
        return 0
    w, b = VARIANTS[a.variant](decisions)
    s = cvs[(a.variant, 0.0, MIN_PROB)]
    card = {
        "what": "weights of a logistic regression scoring the candidate speakers of a quote (rule SPEAKER_MODEL)",
        "trained_on": "PolNeAR v1.0.0 train split, development part only (kit.quotes.polnear.split_of == 'dev'), "
                      "the quotes of speech the rules extract that match a gold segment; no text is stored",
        "label": "a candidate is right when the PolNeAR scorer counts its name as the quote's speaker",
        "decisions": len(decisions), "model": a.variant + ", features unscaled",
        "min_prob": MIN_PROB,
        "cross_validation": {"folds": FOLDS, "grouped_by": "article", "all": s["all"], "halves": s["half"]},
        "trained": datetime.date.today().isoformat(),
        "script": "python -m evaluation._train_speaker_model DIR",
    }
    doc = {"features": list(FEATURES), "weights": [round(float(v), 6) for v in w],
           "intercept": round(float(b), 6), "min_score": round(float(np.log(MIN_PROB / (1 - MIN_PROB))), 6),
           "card": card}
    a.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
