"""Agreement between coders: Krippendorff's alpha per frame, disagreements, one label per article.

Krippendorff's alpha for nominal data (Krippendorff 2011, "Computing Krippendorff's
alpha-reliability", https://repository.upenn.edu/asc_papers/43; Hayes & Krippendorff 2007,
"Answering the call for a standard reliability measure for coding data", Communication Methods and
Measures 1(1)) is ``alpha = 1 - D_o / D_e``: the observed disagreement among the pairable codes
of the same article over the disagreement expected from all codes pooled. Articles coded by fewer
than two coders carry no information and are left out. The value is computed by the well-kept
``krippendorff`` package (Castro, https://github.com/pln-fing-udelar/fast-krippendorff); the
interval is a seeded percentile bootstrap over articles (units): ``n_boot`` resamples of the
articles with replacement, alpha of each, the ``(1-ci)/2`` and ``1-(1-ci)/2`` quantiles.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kit.errors import KitError
from kit.resample import check_bootstrap_args

__all__ = ["agreement", "disagreements", "gold_labels", "reliability_matrix", "agreement_weights", "training_weights",
           "AGREEMENT_FLOOR", "WEIGHTING"]

#: Name of the coder whose rows are the adjudicated (final) codes.
ADJUDICATED = "adjudicated"
#: Added to the coders' agreement with a label to give its training weight, so that an article the
#: coders split on still counts (a quarter of a unanimous one's extra weight, at least).
AGREEMENT_FLOOR = 0.25
#: Choices of :func:`training_weights`: coder agreement (the default of ``kit frames-train`` and notebook 05) or none.
WEIGHTING = ("agreement", "none")


def _check_coded(coded: pd.DataFrame) -> None:
    need = [c for c in ("doc_id", "coder", "frame", "code") if c not in coded.columns]
    if need:
        raise KitError(f"coded has no column(s) {need}; pass the output of read_coding_sheet")


def reliability_matrix(coded: pd.DataFrame, frame: str) -> tuple[np.ndarray, list, list]:
    """Codes of one frame as a coders x articles float matrix (NaN = not coded), with the coder
    and article labels; the adjudicated rows are left out.

    >>> c = pd.DataFrame({"doc_id": ["a", "a", "b"], "coder": ["x", "y", "x"], "frame": "f", "code": [1, 0, 1]})
    >>> reliability_matrix(c, "f")[0].tolist()
    [[1.0, 1.0], [0.0, nan]]
    """
    _check_coded(coded)
    sub = coded[(coded["frame"] == frame) & (coded["coder"] != ADJUDICATED)]
    if sub.empty:
        raise KitError(f"no codes for frame {frame!r}; frames are {sorted(coded['frame'].unique())}")
    wide = sub.pivot_table(index="coder", columns="doc_id", values="code", aggfunc="first")
    wide = wide.astype(float)
    return wide.to_numpy(), list(wide.index), list(wide.columns)


def _alpha(m: np.ndarray) -> float:
    import krippendorff

    vals = m[~np.isnan(m)]
    if len(np.unique(vals)) < 2:
        return float("nan")  # one value only: no expected disagreement, alpha undefined
    return float(krippendorff.alpha(reliability_data=m, level_of_measurement="nominal"))


def agreement(coded: pd.DataFrame, *, frames=None, n_boot: int = 1000, seed: int = 0, ci: float = 0.95) -> pd.DataFrame:
    """Krippendorff's alpha (nominal) per frame, with a bootstrap interval over articles.

    Parameters
    ----------
    coded : output of :func:`kit.frames.coded.read_coding_sheet` (``doc_id, coder, frame, code``)
    frames : frames to report (default all, in sheet order)
    n_boot, seed, ci : bootstrap settings (``n_boot=0``: no interval)

    Returns
    -------
    DataFrame
        ``frame``, ``n_articles`` (coded by at least two coders), ``n_coders``, ``n_codes``
        (pairable codes), ``percent_agreement`` (share of the articles on which all their coders
        agree), ``alpha``, ``alpha_low``, ``alpha_high``. ``alpha`` is NaN when every code is the
        same (no variation: the data cannot show agreement).

    Examples
    --------
    Krippendorff's (2011) first worked example (binary data, two coders, ten units) has alpha 0.095:

    >>> a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    >>> b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    >>> c = pd.DataFrame({"doc_id": list(range(10)) * 2, "coder": ["A"] * 10 + ["B"] * 10,
    ...                   "frame": "f", "code": a + b})
    >>> agreement(c, n_boot=0)[["frame", "n_articles", "alpha"]].round(3)
      frame  n_articles  alpha
    0     f          10  0.095
    """
    _check_coded(coded)
    check_bootstrap_args(n_boot, seed, ci)
    all_frames = list(dict.fromkeys(coded["frame"].tolist()))
    frames = all_frames if frames is None else list(frames)
    unknown = [f for f in frames if f not in all_frames]
    if unknown:
        raise KitError(f"unknown frame(s) {unknown}; the sheet has {all_frames}")
    rows = []
    q = (1 - ci) / 2
    for f in frames:
        m, coders, _ = reliability_matrix(coded, f)
        pairable = (~np.isnan(m)).sum(axis=0) >= 2
        m = m[:, pairable]
        n = m.shape[1]
        row = {"frame": f, "n_articles": int(n), "n_coders": len(coders), "n_codes": int((~np.isnan(m)).sum()),
               "percent_agreement": float("nan"), "alpha": float("nan"), "alpha_low": float("nan"),
               "alpha_high": float("nan")}
        if n:
            agree = [len(np.unique(col[~np.isnan(col)])) == 1 for col in m.T]
            row["percent_agreement"] = float(np.mean(agree))
            row["alpha"] = _alpha(m)
            if n_boot and n >= 2:
                rng = np.random.default_rng(seed)
                boots = np.array([_alpha(m[:, rng.integers(0, n, n)]) for _ in range(n_boot)])
                boots = boots[~np.isnan(boots)]
                if len(boots):
                    row["alpha_low"], row["alpha_high"] = (float(x) for x in np.quantile(boots, [q, 1 - q]))
        rows.append(row)
    return pd.DataFrame(rows, columns=["frame", "n_articles", "n_coders", "n_codes", "percent_agreement", "alpha",
                                       "alpha_low", "alpha_high"])


def disagreements(coded: pd.DataFrame) -> pd.DataFrame:
    """Article-frame pairs on which the coders disagree: the list to adjudicate.

    Returns
    -------
    DataFrame
        ``doc_id``, ``frame``, ``n_coders``, ``n_present`` (coders who coded 1), ``codes`` (e.g.
        ``"ann=1; bo=0"``), ``adjudicated`` (the adjudicated code when the sheet has one, else
        missing), sorted by frame and doc_id.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "coder": ["ann", "bo"] * 2, "frame": "f", "code": [1, 0, 1, 1]})
    >>> disagreements(c)[["doc_id", "codes"]]
      doc_id         codes
    0      a  ann=1; bo=0
    """
    _check_coded(coded)
    c = coded.dropna(subset=["code"])
    adj = c[c["coder"] == ADJUDICATED].set_index(["doc_id", "frame"])["code"]
    c = c[c["coder"] != ADJUDICATED]
    rows = []
    for (d, f), g in c.groupby(["doc_id", "frame"], sort=True):
        if g["code"].nunique() > 1:
            g = g.sort_values("coder")
            rows.append({"doc_id": d, "frame": f, "n_coders": len(g), "n_present": int(g["code"].sum()),
                         "codes": "; ".join(f"{k}={int(v)}" for k, v in zip(g["coder"], g["code"])),
                         "adjudicated": adj.get((d, f), pd.NA)})
    out = pd.DataFrame(rows, columns=["doc_id", "frame", "n_coders", "n_present", "codes", "adjudicated"])
    out["adjudicated"] = out["adjudicated"].astype("Int64")
    return out.sort_values(["frame", "doc_id"], kind="stable").reset_index(drop=True)


def gold_labels(coded: pd.DataFrame) -> pd.DataFrame:
    """One label per article and frame: the adjudicated code when there is one, else the majority
    of the coders; a tie (e.g. one coder each way) counts as present and is flagged.

    Returns
    -------
    DataFrame
        ``doc_id``, ``frame``, ``label`` (0/1), ``n_coders``, ``source`` (``adjudicated``,
        ``unanimous``, ``majority`` or ``tie``).

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "coder": ["ann", "bo"] * 2, "frame": "f", "code": [1, 0, 0, 0]})
    >>> gold_labels(c)[["doc_id", "label", "source"]]
      doc_id  label     source
    0      a      1        tie
    1      b      0  unanimous
    """
    _check_coded(coded)
    c = coded.dropna(subset=["code"]).copy()
    c["code"] = c["code"].astype(int)
    adj = c[c["coder"] == ADJUDICATED].set_index(["doc_id", "frame"])["code"]
    rows = []
    for (d, f), g in c[c["coder"] != ADJUDICATED].groupby(["doc_id", "frame"], sort=False):
        k, n = int(g["code"].sum()), len(g)
        if (d, f) in adj.index:
            lab, src = int(adj[(d, f)]), ADJUDICATED
        elif k in (0, n):
            lab, src = int(k == n), "unanimous"
        elif 2 * k == n:
            lab, src = 1, "tie"
        else:
            lab, src = int(2 * k > n), "majority"
        rows.append({"doc_id": d, "frame": f, "label": lab, "n_coders": n, "source": src})
    for (d, f), v in adj.items():
        if not ((c["doc_id"] == d) & (c["frame"] == f) & (c["coder"] != ADJUDICATED)).any():
            rows.append({"doc_id": d, "frame": f, "label": int(v), "n_coders": 0, "source": ADJUDICATED})
    return pd.DataFrame(rows, columns=["doc_id", "frame", "label", "n_coders", "source"])


def agreement_weights(coded: pd.DataFrame, labels: pd.DataFrame | None = None, *,
                      floor: float = AGREEMENT_FLOOR) -> pd.DataFrame:
    """Training weights from coder agreement: ``weight = share of coders agreeing with the label + floor``.

    Articles the coders agree on weigh more than those they split on, so a classifier learns less
    from labels the coders themselves were unsure of (sample weights from annotator agreement, as
    in learning from crowds / soft labels). Pass the result as ``weights`` to
    :func:`kit.frames.coded.train_frames`.

    Parameters
    ----------
    coded : output of :func:`kit.frames.coded.read_coding_sheet`
    labels : ``doc_id, frame, label`` (default :func:`gold_labels` of ``coded``)
    floor : added to every weight (> 0)

    Returns
    -------
    DataFrame
        ``doc_id``, ``frame``, ``agreement`` (share of the coders, adjudicator excluded, whose code
        equals the label; 1.0 when only an adjudicated code exists), ``weight``.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "coder": ["ann", "bo"] * 2, "frame": "f", "code": [1, 0, 0, 0]})
    >>> agreement_weights(c)
      doc_id frame  agreement  weight
    0      a     f        0.5    0.75
    1      b     f        1.0    1.25
    """
    _check_coded(coded)
    if not isinstance(floor, (int, float)) or isinstance(floor, bool) or not floor > 0:
        raise KitError(f"floor must be a positive number, got {floor!r}")
    labels = gold_labels(coded) if labels is None else labels
    c = coded.dropna(subset=["code"])
    c = c[c["coder"] != ADJUDICATED].astype({"code": int})
    m = labels[["doc_id", "frame", "label"]].merge(c[["doc_id", "frame", "code"]], on=["doc_id", "frame"], how="left")
    m["agree"] = (m["code"] == m["label"]).astype(float).where(m["code"].notna())
    out = m.groupby(["doc_id", "frame"], sort=False)["agree"].mean().fillna(1.0).rename("agreement").reset_index()
    out["weight"] = out["agreement"] + floor
    return out


def training_weights(coded: pd.DataFrame, labels: pd.DataFrame | None = None, weighting: str = "agreement"):
    """The ``weights`` for :func:`kit.frames.coded.train_frames`: :func:`agreement_weights` for
    ``"agreement"``, None for ``"none"``.

    >>> c = pd.DataFrame({"doc_id": ["a", "a"], "coder": ["ann", "bo"], "frame": "f", "code": [1, 0]})
    >>> training_weights(c, weighting="none") is None, list(training_weights(c)["weight"])
    (True, [0.75])
    """
    if weighting not in WEIGHTING:
        raise KitError(f"unknown weighting {weighting!r}; use one of {', '.join(WEIGHTING)}")
    return agreement_weights(coded, labels) if weighting == "agreement" else None
