"""Retrain the weights of rule PRONOUN_MODEL (:mod:`kit.quotes.pronoun_model`) on PolNeAR.

Only the **development** part of the PolNeAR train split is read (:func:`kit.quotes.polnear.split_of`);
the held-out part and PolNeAR's own dev and test splits are never read. Steps:

1. Extract quotes with the rules alone (``PRONOUN_MODEL`` off), recording for every *he*/*she*
   of an attribution the candidates and their features (:func:`kit.quotes.pronoun_model.candidates`).
2. Score the quotes with the PolNeAR scorer; a candidate is a positive when the scorer would
   count its name as the quote's speaker.
3. Grouped cross-validation over articles (``--folds``, default 5): a logistic regression (one
   row per candidate, a binary choice) is fitted on the other folds, and on the held-back fold
   the candidate scored highest is compared with the rules' choice, decision by decision.
   Two other learners are cross-validated the same way for comparison (:func:`compare`): a
   pairwise logistic regression (differences of a right and a wrong candidate's features) and
   gradient-boosted trees.
4. With ``--out FILE``: fit on every decision with a right candidate and write the weights, the
   feature names and a data card to FILE; :data:`kit.quotes.pronouns.PRONOUN_MODEL` set to
   that path turns the model on. No weights are shipped: the cross-validation showed no gain.

Usage::

    .venv/bin/python -m evaluation._train_pronoun_model /work/shared/devsets/polnear-train [--out FILE]

(run as a module: this folder holds an ``html.py`` that would shadow the standard library's; the leading
underscore keeps it out of ``make eval``, which runs every other module here).
"""
from __future__ import annotations

import argparse
import datetime
import json
import pathlib
import sys

import numpy as np

#: Regularisation of the logistic regression (sklearn's C) and the folds of the cross-validation.
C = 1.0
FOLDS = 5


def collect(folder: pathlib.Path):
    """Decisions of the rules on the development part: a list of (doc_id, rules' choice,
    [(name, features, right)], position of the pronoun, gold speaker)."""
    import kit.quotes.extract as ex
    import kit.quotes.pronoun_model as pm
    import kit.quotes.pronouns as res
    from kit.quotes import extract_quotes
    from kit.quotes.polnear import _articles_paragraphs, read_polnear, score_polnear, speaker_matches

    arts = read_polnear(folder, split="dev")
    where: dict[tuple, int] = {}   # (doc_id, quote start) -> position of its attribution's mention
    orig = ex._attributed_speaker

    def wrapped(art, q, attr, lay, prev_speech):
        first = q.segs[0]
        _, ptext, po = art.paras[first.para_idx]
        where[(art.doc_id, po + ex._bounds(ptext, first)[0])] = attr[2]
        return orig(art, q, attr, lay, prev_speech)

    saved = res.PRONOUN_MODEL
    ex._attributed_speaker, res.PRONOUN_MODEL, pm.COLLECT = wrapped, None, []
    try:
        quotes = extract_quotes(_articles_paragraphs(arts))
        log = {(d, p): (rule, cands) for d, p, rule, cands in pm.COLLECT}
    finally:
        ex._attributed_speaker, res.PRONOUN_MODEL, pm.COLLECT = orig, saved, None
    details = score_polnear(arts, quotes)["details"]
    details = details[details["speaker_ok"].notna() & details["pred_row"].notna()]
    out, seen = [], set()
    for d in details.to_dict("records"):
        row = quotes.loc[d["pred_row"]]
        key = (row["doc_id"], where.get((row["doc_id"], row["start"])))
        if key[1] is None or key not in log or d["pred_row"] in seen:
            continue
        seen.add(d["pred_row"])
        rule, cands = log[key]

        def right(name):
            return speaker_matches(name, d["gold_speaker"], d["match_form"]) or (
                d["also"] is not None and speaker_matches(name, d["also"], d["also_form"]))
        out.append((row["doc_id"], rule.name if rule is not None else None, right(rule.name) if rule is not None else False,
                    [(e.name, x, right(e.name)) for e, x in cands], key[1], d["gold_speaker"]))
    return out


def _matrix(decisions):
    X, y, grp = [], [], []
    for i, (_, _, _, cands, *_) in enumerate(decisions):
        for _, x, ok in cands:
            X.append(x)
            y.append(int(ok))
            grp.append(i)
    return np.array(X, dtype=float), np.array(y), np.array(grp)


def _fit(decisions):
    from sklearn.linear_model import LogisticRegression

    learnable = [d for d in decisions if any(ok for _, _, ok in d[3])]
    X, y, _ = _matrix(learnable)
    return LogisticRegression(C=C, max_iter=2000).fit(X, y)


def _picks_right(model, decisions) -> np.ndarray:
    right = []
    for _, _, rule_ok, cands, *_ in decisions:
        if not cands:
            right.append(rule_ok)
            continue
        s = model.decision_function(np.array([x for _, x, _ in cands], dtype=float))
        right.append(cands[int(np.argmax(s))][2])
    return np.array(right, dtype=bool)


def cross_validate(decisions, folds: int = FOLDS) -> dict:
    """Grouped (by article) k-fold: per fold, decisions, rules right, model right."""
    from sklearn.model_selection import GroupKFold

    docs = np.array([d[0] for d in decisions])
    rows = []
    for k, (tr, te) in enumerate(GroupKFold(n_splits=folds).split(np.zeros(len(docs)), groups=docs)):
        model = _fit([decisions[i] for i in tr])
        test = [decisions[i] for i in te]
        rows.append({"fold": k, "decisions": len(test), "rules_right": int(sum(d[2] for d in test)),
                     "model_right": int(_picks_right(model, test).sum())})
    return {"folds": rows, "decisions": sum(r["decisions"] for r in rows),
            "rules_accuracy": sum(r["rules_right"] for r in rows) / sum(r["decisions"] for r in rows),
            "model_accuracy": sum(r["model_right"] for r in rows) / sum(r["decisions"] for r in rows)}


def _pairs(decisions):
    X, y = [], []
    for _, _, _, cands, *_ in decisions:
        right = [np.array(x, dtype=float) for _, x, ok in cands if ok]
        wrong = [np.array(x, dtype=float) for _, x, ok in cands if not ok]
        for p in right:
            for n in wrong:
                X += [p - n, n - p]
                y += [1, 0]
    return np.array(X), np.array(y)


def _cv_accuracy(decisions, fit, score, folds: int = FOLDS) -> float:
    from sklearn.model_selection import GroupKFold

    docs = np.array([d[0] for d in decisions])
    right = 0
    for tr, te in GroupKFold(n_splits=folds).split(np.zeros(len(docs)), groups=docs):
        model = fit([decisions[i] for i in tr])
        for i in te:
            cands = decisions[i][3]
            if not cands:
                right += decisions[i][2]
                continue
            s = score(model, np.array([x for _, x, _ in cands], dtype=float))
            right += cands[int(np.argmax(s))][2]
    return right / len(decisions)


def compare(decisions) -> dict[str, float]:
    """Grouped cross-validated accuracy of two other learners (see the module notes)."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    def trees(ds):
        X, y, _ = _matrix([d for d in ds if any(ok for _, _, ok in d[3])])
        return HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_depth=3, random_state=0).fit(X, y)

    return {
        "pairwise logistic regression": _cv_accuracy(
            decisions, lambda ds: LogisticRegression(C=C, fit_intercept=False, max_iter=5000).fit(*_pairs(ds)),
            lambda m, X: X @ m.coef_[0]),
        "gradient-boosted trees": _cv_accuracy(decisions, trees, lambda m, X: m.predict_proba(X)[:, 1]),
    }


def main(argv=None) -> int:
    from kit.quotes.pronoun_model import FEATURES

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=pathlib.Path, help="the PolNeAR train folder (text/, attributions/)")
    ap.add_argument("--out", type=pathlib.Path, help="write the weights and data card to this JSON file")
    a = ap.parse_args(argv)
    decisions = collect(a.folder)
    cv = cross_validate(decisions)
    for r in cv["folds"]:
        print(f"fold {r['fold']}: {r['decisions']} decisions, rules {r['rules_right'] / r['decisions']:.3f}, "
              f"model {r['model_right'] / r['decisions']:.3f}")
    print(f"all folds: {cv['decisions']} decisions, rules {cv['rules_accuracy']:.3f}, model {cv['model_accuracy']:.3f}")
    for name, acc in compare(decisions).items():
        print(f"all folds, {name}: {acc:.3f}")
    if a.out is None:
        return 0
    model = _fit(decisions)
    n_learn = sum(1 for d in decisions if any(ok for _, _, ok in d[3]))
    card = {
        "what": "weights of a logistic regression scoring the candidates of 'he'/'she' (rule PRONOUN_MODEL)",
        "trained_on": "PolNeAR v1.0.0 train split, development part only (kit.quotes.polnear.split_of == 'dev'), "
                      "the pronoun attributions of the quotes the rules extract; no text is stored",
        "label": "a candidate is right when the PolNeAR scorer counts its name as the quote's speaker",
        "decisions": len(decisions), "decisions_with_a_right_candidate": n_learn,
        "candidates": int(_matrix(decisions)[0].shape[0]),
        "model": f"sklearn LogisticRegression(C={C}), one row per candidate, features unscaled",
        "cross_validation": {k: v for k, v in cv.items() if k != "folds"} | {"folds": len(cv["folds"]), "grouped_by": "article"},
        "trained": datetime.date.today().isoformat(),
        "script": "python -m evaluation._train_pronoun_model DIR",
    }
    doc = {"features": list(FEATURES), "weights": [round(float(w), 6) for w in model.coef_[0]],
           "intercept": round(float(model.intercept_[0]), 6), "card": card}
    a.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
