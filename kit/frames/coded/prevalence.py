"""Apply trained frame classifiers and estimate prevalence corrected for their measured error.

A classifier with sensitivity ``Se`` (recall on present articles) and specificity ``Sp`` flags a
share ``q = pi Se + (1 - pi)(1 - Sp)`` of articles when the true prevalence is ``pi``. Solving for
``pi`` gives the Rogan-Gladen estimator (Rogan & Gladen 1978, "Estimating prevalence from the
results of a screening test", American Journal of Epidemiology 107(1), 71-76):

    pi = (q + Sp - 1) / (Se + Sp - 1),   clipped to [0, 1]

``Se`` and ``Sp`` come from the out-of-fold predictions of cross-validation (never from the
training fit). The interval accounts for both sources of error (cf. Lang & Reiczigel 2014,
"Confidence limits for prevalence of disease adjusted for estimated sensitivity and
specificity", Preventive Veterinary Medicine 113(1)): each of ``n_boot`` seeded replicates
resamples the group's articles (giving ``q*``) and, independently, the coded validation articles
(giving ``Se*``, ``Sp*``), and computes ``pi*``; the interval is the percentile interval of the
``pi*``. It is undefined (NaN) when ``Se + Sp <= 1`` (a classifier no better than chance).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kit.errors import KitError
from kit.resample import check_bootstrap_args

__all__ = ["apply_frames", "coded_prevalence", "least_certain", "rogan_gladen"]


def rogan_gladen(q, se, sp):
    """Rogan-Gladen corrected prevalence ``(q + sp - 1) / (se + sp - 1)``, clipped to [0, 1]
    (NaN when ``se + sp <= 1``).

    >>> round(rogan_gladen(0.30, 0.80, 0.90), 4)   # (0.3 + 0.9 - 1) / (0.8 + 0.9 - 1) = 0.2 / 0.7
    0.2857
    >>> rogan_gladen(0.5, 0.5, 0.5)
    nan
    """
    q, se, sp = (np.asarray(v, dtype=float) for v in (q, se, sp))
    den = se + sp - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        pi = np.where(den > 0, np.clip((q + sp - 1) / np.where(den > 0, den, 1), 0, 1), np.nan)
    return float(pi) if pi.ndim == 0 else pi


def apply_frames(model, articles: pd.DataFrame, *, text_col: str = "text", id_col: str = "doc_id") -> pd.DataFrame:
    """Frame probabilities for every article: ``doc_id, frame, probability, predicted``
    (``predicted`` = probability >= 0.5), frames in model order.

    >>> from kit.frames.coded.train import train_frames
    >>> arts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(8)],
    ...                      "text": ["tariffs and markets"] * 4 + ["a family funeral"] * 4})
    >>> m = train_frames(arts, pd.DataFrame({"doc_id": arts["doc_id"], "frame": "economic",
    ...                  "label": [1] * 4 + [0] * 4}), folds=2, min_df=1, n_boot=0)
    >>> apply_frames(m, arts.head(1))[["doc_id", "frame", "predicted"]]
      doc_id     frame  predicted
    0     d0  economic       True
    """
    return model.predict(articles, text_col=text_col, id_col=id_col)


def least_certain(predictions: pd.DataFrame, articles: pd.DataFrame | None = None, *, n: int = 10) -> pd.DataFrame:
    """The ``n`` articles per frame whose probability is closest to 0.5: the ones to read (and code)
    next. With ``articles``, their ``title`` and ``outlet`` are added.

    >>> p = pd.DataFrame({"doc_id": list("abc"), "frame": "f", "probability": [0.9, 0.45, 0.6], "predicted": [True, False, True]})
    >>> least_certain(p, n=2)["doc_id"].tolist()
    ['b', 'c']
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise KitError(f"n must be a positive integer, got {n!r}")
    p = predictions.assign(uncertainty=1 - 2 * (predictions["probability"] - 0.5).abs())
    p = p.sort_values(["frame", "uncertainty", "doc_id"], ascending=[True, False, True], kind="stable")
    out = p.groupby("frame", sort=False).head(n).reset_index(drop=True)
    if articles is not None:
        keep = [c for c in ("doc_id", "outlet", "title") if c in articles.columns]
        out = out.merge(articles[keep].drop_duplicates("doc_id"), on="doc_id", how="left")
    return out


def _rates(y: np.ndarray, pred: np.ndarray) -> tuple[float, float]:
    pos, neg = y == 1, y == 0
    se = pred[pos].mean() if pos.any() else np.nan
    sp = (~pred[neg]).mean() if neg.any() else np.nan
    return float(se), float(sp)


def coded_prevalence(predictions: pd.DataFrame, model, articles: pd.DataFrame | None = None, *,
                     group_by: str | None = "outlet", n_boot: int = 1000, seed: int = 0, ci: float = 0.95,
                     id_col: str = "doc_id") -> pd.DataFrame:
    """Per group and frame: the share of articles the classifier flags and the prevalence corrected
    for its cross-validated error (Rogan-Gladen), with an interval over both sampling and
    classifier error (see the module docs).

    Parameters
    ----------
    predictions : output of :func:`apply_frames`
    model : the :class:`kit.frames.coded.FrameModel` (its ``cv_predictions`` give Se and Sp)
    articles : the articles table (for ``group_by``)
    group_by : a column of ``articles``, a period (``month``, ...), or None for the whole corpus
    n_boot, seed, ci : bootstrap settings

    Returns
    -------
    DataFrame
        ``<group_by>`` (or ``group`` = ``all``), ``frame``, ``n_articles``, ``n_predicted``,
        ``raw_share`` (``n_predicted / n_articles``), ``sensitivity``, ``specificity`` (out of
        fold), ``share`` (corrected), ``share_low``, ``share_high``.

    Examples
    --------
    >>> class M:  # a model whose validation had Se = 0.8 and Sp = 0.9
    ...     frames = ["f"]
    ...     cv_predictions = pd.DataFrame({"frame": "f", "label": [1] * 10 + [0] * 10,
    ...                                    "predicted": [True] * 8 + [False] * 2 + [True] + [False] * 9})
    >>> pr = pd.DataFrame({"doc_id": range(10), "frame": "f", "predicted": [True] * 3 + [False] * 7})
    >>> coded_prevalence(pr, M(), group_by=None, n_boot=0)[["raw_share", "sensitivity", "specificity", "share"]].round(4)
       raw_share  sensitivity  specificity   share
    0        0.3          0.8          0.9  0.2857
    """
    from kit.groups import group_series

    check_bootstrap_args(n_boot, seed, ci)
    need = [c for c in ("doc_id", "frame", "predicted") if c not in predictions.columns]
    if need:
        raise KitError(f"predictions has no column(s) {need}; pass the output of apply_frames")
    name = group_by if group_by is not None else "group"
    if group_by is None:
        groups = pd.Series("all", index=pd.Index(predictions["doc_id"].unique(), name="doc_id"))
    else:
        if articles is None:
            raise KitError(f"coded_prevalence needs the articles table to group by {group_by!r}")
        groups = group_series(articles, group_by, id_col=id_col)
    cv = model.cv_predictions
    q = (1 - ci) / 2
    rows = []
    for f in model.frames:
        pf = predictions[predictions["frame"] == f].drop_duplicates("doc_id").set_index("doc_id")["predicted"]
        cvf = cv[cv["frame"] == f]
        yv, pv = cvf["label"].to_numpy(dtype=int), cvf["predicted"].to_numpy(dtype=bool)
        se, sp = _rates(yv, pv)
        pos_idx, neg_idx = np.flatnonzero(yv == 1), np.flatnonzero(yv == 0)
        docs = [d for d in groups.index if d in pf.index]
        g_of = groups.loc[docs]
        for g in sorted(g_of.unique(), key=str):
            x = pf.loc[g_of.index[g_of == g]].to_numpy(dtype=bool)
            raw = float(x.mean())
            row = {name: g, "frame": f, "n_articles": len(x), "n_predicted": int(x.sum()), "raw_share": raw,
                   "sensitivity": se, "specificity": sp, "share": rogan_gladen(raw, se, sp),
                   "share_low": np.nan, "share_high": np.nan}
            if n_boot:
                rng = np.random.default_rng(seed)
                qs = x[rng.integers(0, len(x), (n_boot, len(x)))].mean(axis=1)
                ses = pv[pos_idx[rng.integers(0, len(pos_idx), (n_boot, len(pos_idx)))]].mean(axis=1)
                sps = (~pv[neg_idx[rng.integers(0, len(neg_idx), (n_boot, len(neg_idx)))]]).mean(axis=1)
                pis = rogan_gladen(qs, ses, sps)
                pis = pis[~np.isnan(pis)]
                if len(pis) >= n_boot / 2:  # mostly defined: otherwise the classifier is too weak to correct
                    row["share_low"], row["share_high"] = (float(v) for v in np.quantile(pis, [q, 1 - q]))
            rows.append(row)
    cols = [name, "frame", "n_articles", "n_predicted", "raw_share", "sensitivity", "specificity", "share",
            "share_low", "share_high"]
    return pd.DataFrame(rows, columns=cols)
