"""Coded frames on real coded news (frames-dev): coder agreement, trained classifiers vs the dictionary.

Discovered by ``make eval`` (alone: ``python -m evaluation.frames [DEVSETS]``): :func:`evaluate` returns
rows ``devset, measure, kit, baseline, n``.
The devset (``frames-dev``, see its SOURCE.md) is read at run time and never copied.

- ``alpha_<frame>``: Krippendorff's alpha of the coders' frame codes, a coder's code being 1 when
  they answered yes to any of the frame's defining questions (``kit`` column; no baseline);
- ``auc_<frame>`` / ``f1_<frame>``: 5-fold cross-validated AUC / F1 of :func:`kit.frames.coded.train_frames`
  with its defaults (``kit``) against the bundled dictionary's AUC on the same articles
  (``baseline``; missing for frames the dictionary has no category for);
- ``auc_mean``: the mean over the five frames, and ``auc_mean_plain``: the plain recipe (TF-IDF
  with scikit-learn's own tokenizer + logistic regression, default C) on the same folds as baseline;
- ``auc_weighted_<frame>`` / ``auc_mean_weighted``: the same classifiers trained with coder-agreement
  weights (``train_frames(weights=...)``; an article's weight is the coders' agreement with its
  label, their mean yes-share over the frame's defining questions for a present frame and one minus
  it for an absent one, plus :data:`kit.frames.coded.AGREEMENT_FLOOR`), unweighted AUC as baseline;
- ``human_auc_<frame>`` / ``human_auc_mean``: what the labels allow: the AUC of ONE trained coder's
  frame score (the share of the frame's defining questions they answered yes) against the label of
  the OTHER coders of the same article (their mean score > 0.5), every coder of every article with at
  least two coders left out in turn. A classifier trained on these labels is measured against
  labels that trained humans reproduce only this well (``kit``; the classifier's AUC as baseline).
"""
from __future__ import annotations

import pathlib

import numpy as np
import pandas as pd

FRAMES = ("conflict", "economic", "human_interest", "morality", "resolution")
#: Codebook questions that define each frame (SOURCE.md of frames-dev).
QUESTIONS = {"conflict": ("co1", "co2", "co3"), "economic": ("ec1", "ec2", "ec3"),
             "human_interest": ("hi1", "hi2", "hi5"), "morality": ("mo1", "mo2"), "resolution": ("re1", "re5")}
DEVSET = "frames-dev"


def coder_codes(coders: pd.DataFrame) -> pd.DataFrame:
    """Raw answers -> ``doc_id, coder, frame, code`` (1 when any defining question was answered yes)."""
    rows = []
    c = coders.assign(yes=coders["answer"].astype(str).str.strip().str.lower().eq("yes"))
    for f, qs in QUESTIONS.items():
        sub = c[c["question"].isin(qs)].groupby(["id", "coder"])["yes"].any().reset_index()
        rows.append(pd.DataFrame({"doc_id": sub["id"].astype(str), "coder": sub["coder"].astype(str), "frame": f,
                                  "code": sub["yes"].astype(int)}))
    return pd.concat(rows, ignore_index=True)


def human_auc(coders: pd.DataFrame, frame: str) -> tuple[float, int]:
    """Leave-one-coder-out AUC of a coder's frame score against the other coders' label, and the number of (article, coder) cases."""
    from sklearn.metrics import roc_auc_score

    c = coders.assign(yes=coders["answer"].astype(str).str.strip().str.lower().eq("yes").astype(float))
    sc = c[c["question"].isin(QUESTIONS[frame])].groupby(["id", "coder"])["yes"].mean().unstack()
    y, p = [], []
    for _, row in sc.iterrows():
        cs = row.dropna()
        if len(cs) < 2:
            continue
        for k in cs.index:
            y.append(int(cs.drop(k).mean() > 0.5))
            p.append(float(cs[k]))
    return (float(roc_auc_score(y, p)) if 0 < sum(y) < len(y) else float("nan")), len(y)


def agreement_weights_dev(coders: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """``doc_id, frame, weight`` for frames-dev: coders' agreement with each label (see the module docs) + floor."""
    from kit.frames.coded.agreement import AGREEMENT_FLOOR

    c = coders.assign(yes=coders["answer"].astype(str).str.strip().str.lower().eq("yes").astype(float))
    share = c.groupby(["id", "question"])["yes"].mean().unstack()
    share.index = share.index.astype(str)
    parts = []
    for f, qs in QUESTIONS.items():
        s = share[list(qs)].mean(axis=1)
        lab = labels[labels["frame"] == f]
        sc = lab["doc_id"].map(s).fillna(0.5).to_numpy()
        agree = np.where(lab["label"].to_numpy() == 1, sc, 1 - sc)
        parts.append(pd.DataFrame({"doc_id": lab["doc_id"].to_numpy(), "frame": f, "weight": agree + AGREEMENT_FLOOR}))
    return pd.concat(parts, ignore_index=True)


def plain_recipe_auc(texts, y, folds: int = 5, seed: int = 0) -> float:
    """TF-IDF (scikit-learn tokenizer) + default logistic regression, pooled out-of-fold AUC."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline

    pipe = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=2000))
    cv = StratifiedKFold(folds, shuffle=True, random_state=seed)
    p = cross_val_predict(pipe, list(texts), y, cv=cv, method="predict_proba")[:, 1]
    return float(roc_auc_score(y, p))


def evaluate(devsets: pathlib.Path) -> list[dict]:
    """Rows ``devset, measure, kit, baseline, n`` for frames-dev (empty when it is absent)."""
    from kit.frames.coded import agreement, compare_with_dictionary, train_frames

    root = pathlib.Path(devsets) / DEVSET
    if not (root / "articles.csv").is_file():
        return []
    arts = pd.read_csv(root / "articles.csv")
    arts = arts.assign(doc_id=arts["id"].astype(str))
    rows = []
    coders = pd.read_csv(root / "coders.csv") if (root / "coders.csv").is_file() else None
    if coders is not None:
        codes = coder_codes(coders)
        for r in agreement(codes, n_boot=0).itertuples(index=False):
            rows.append({"devset": DEVSET, "measure": f"alpha_{r.frame}", "kit": r.alpha, "baseline": None,
                         "n": r.n_articles})
    labels = arts.melt(id_vars="doc_id", value_vars=list(FRAMES), var_name="frame", value_name="label")
    model = train_frames(arts, labels, folds=5, seed=0, n_boot=0)
    dic = compare_with_dictionary(arts, labels, "generic_frames", n_boot=0).set_index("frame")
    aucs, plain = [], []
    for r in model.validation.itertuples(index=False):
        base = float(dic.at[r.frame, "auc"]) if r.frame in dic.index else None
        rows.append({"devset": DEVSET, "measure": f"auc_{r.frame}", "kit": r.auc, "baseline": base, "n": r.n_articles})
        rows.append({"devset": DEVSET, "measure": f"f1_{r.frame}", "kit": r.f1,
                     "baseline": float(dic.at[r.frame, "f1"]) if r.frame in dic.index else None, "n": r.n_articles})
        aucs.append(r.auc)
        plain.append(plain_recipe_auc(arts["text"], arts[r.frame].to_numpy(dtype=int)))
    rows.append({"devset": DEVSET, "measure": "auc_mean", "kit": float(np.mean(aucs)),
                 "baseline": float(dic["auc"].mean()) if len(dic) else None, "n": len(arts)})
    rows.append({"devset": DEVSET, "measure": "auc_mean_plain", "kit": float(np.mean(aucs)),
                 "baseline": float(np.mean(plain)), "n": len(arts)})
    if coders is not None:
        weighted = train_frames(arts, labels, folds=5, seed=0, n_boot=0, weights=agreement_weights_dev(coders, labels))
        w_auc = dict(zip(weighted.validation["frame"], weighted.validation["auc"]))
        for f in FRAMES:
            rows.append({"devset": DEVSET, "measure": f"auc_weighted_{f}", "kit": float(w_auc[f]),
                         "baseline": float(dict(zip(model.validation["frame"], model.validation["auc"]))[f]),
                         "n": len(arts)})
        rows.append({"devset": DEVSET, "measure": "auc_mean_weighted", "kit": float(np.mean(list(w_auc.values()))),
                     "baseline": float(np.mean(aucs)), "n": len(arts)})
        human = []
        by_frame = dict(zip(model.validation["frame"], model.validation["auc"]))
        for f in FRAMES:
            h, n = human_auc(coders, f)
            auc = float(by_frame[f])
            human.append(h)
            rows.append({"devset": DEVSET, "measure": f"human_auc_{f}", "kit": h, "baseline": auc, "n": n})
        rows.append({"devset": DEVSET, "measure": "human_auc_mean", "kit": float(np.mean(human)),
                     "baseline": float(np.mean(aucs)), "n": len(arts)})
    return rows


if __name__ == "__main__":
    import sys

    res = pd.DataFrame(evaluate(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/devsets")))
    print(res.to_string(index=False))
