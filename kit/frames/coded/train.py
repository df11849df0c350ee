"""Train and validate one classifier per frame on coded articles.

Default model, per frame: TF-IDF over the kit's tokens (:func:`kit.text.find_tokens`: news-aware
terms, English stopwords out, unigrams and bigrams, sublinear term frequency) followed by an
L2-regularised logistic regression (scikit-learn ``LogisticRegression``, ``class_weight=
"balanced"``, so a rare frame is not ignored). Any scikit-learn classifier with ``predict_proba``
can be passed as ``estimator`` instead.

Validation: stratified k-fold cross-validation (seeded); every article gets an out-of-fold
probability from a model that did not see it. Precision, recall, F1 (at probability 0.5),
specificity and ROC AUC are computed on the pooled out-of-fold predictions, with a seeded
percentile bootstrap interval over articles. The out-of-fold predictions are kept in the model:
:func:`kit.frames.coded.coded_prevalence` uses their sensitivity and specificity to correct prevalence.
"""
from __future__ import annotations

import hashlib
import json
import pickle
import platform
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kit.errors import KitError
from kit.resample import check_bootstrap_args

__all__ = ["KitAnalyzer", "FrameModel", "train_frames", "compare_with_dictionary", "validation_table", "load_model",
           "validation_metrics", "METRICS", "THRESHOLD"]

#: Probability at or above which a frame is predicted present.
THRESHOLD = 0.5
#: Measures of the validation table, each with ``_low`` / ``_high`` interval columns.
METRICS = ("precision", "recall", "f1", "specificity", "auc")
#: Default TF-IDF and model settings (all recorded in the model's provenance).
DEFAULTS = {"stopwords": "english", "ngrams": 2, "min_df": 2, "max_df": 0.9, "C": 10.0, "folds": 5}


class KitAnalyzer:
    """The kit's tokenizer as a scikit-learn analyzer: kept terms (stopwords out) and n-grams of them.

    >>> KitAnalyzer(ngrams=2)("China’s trade talks resumed")
    ['china', 'trade', 'talks', 'resumed', 'china trade', 'trade talks', 'talks resumed']
    """

    def __init__(self, *, stopwords="english", ngrams: int = 2, merge_us: bool = True, stem: bool = False):
        from kit.text import TokenOptions

        if not isinstance(ngrams, int) or isinstance(ngrams, bool) or ngrams < 1:
            raise KitError(f"ngrams must be a positive integer, got {ngrams!r}")
        self.options = TokenOptions.make(stopwords=stopwords, merge_us=merge_us, stem=stem)
        self.ngrams = ngrams
        self.settings = {"stopwords": stopwords if isinstance(stopwords, (str, type(None))) else sorted(stopwords),
                         "ngrams": ngrams, "merge_us": merge_us, "stem": stem}

    def __call__(self, text) -> list[str]:
        from kit.text import find_tokens

        terms = [t[3] for t in find_tokens(text if isinstance(text, str) else "", self.options) if t[4]]
        out = list(terms)
        for n in range(2, self.ngrams + 1):
            out += [" ".join(terms[i:i + n]) for i in range(len(terms) - n + 1)]
        return out


def _identity(x):
    return x


def _estimator(estimator, C: float, seed: int):
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression

    if estimator == "logistic":
        return LogisticRegression(C=C, class_weight="balanced", max_iter=5000, solver="liblinear", random_state=seed)
    if isinstance(estimator, str):
        raise KitError(f"unknown estimator {estimator!r}; use 'logistic' or a scikit-learn classifier object")
    if not hasattr(estimator, "fit") or not hasattr(estimator, "predict_proba"):
        raise KitError("estimator must be 'logistic' or a scikit-learn classifier with fit and predict_proba")
    return clone(estimator)


def _pipeline(estimator, opts: dict, seed: int):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline

    vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=opts["min_df"], max_df=opts["max_df"])
    return make_pipeline(vec, _estimator(estimator, opts["C"], seed))


def _auc(y: np.ndarray, p: np.ndarray) -> float:
    """ROC AUC of scores ``p`` for 0/1 labels ``y`` holding both classes, as the Mann-Whitney
    statistic: the chance that a positive outscores a negative, ties counting one half (the area
    scikit-learn's ``roc_auc_score`` computes; the tests compare the two). Written out because the
    bootstrap calls it thousands of times and ``roc_auc_score`` spends milliseconds checking its input.

    >>> float(_auc(np.array([1, 1, 0, 0]), np.array([0.9, 0.4, 0.6, 0.1])))
    0.75
    """
    if np.isnan(p).any():
        from sklearn.metrics import roc_auc_score

        return float(roc_auc_score(y, p))  # raises its own error about the missing scores
    values, inverse, counts = np.unique(p, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)  # rank (1-based) of the last of each tied run
    ranks = (ends - (counts - 1) / 2.0)[inverse.ravel()]  # tied scores share their mean rank
    pos = y == 1
    n_pos = int(pos.sum())
    n_neg = len(y) - n_pos
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def _metrics(y: np.ndarray, p: np.ndarray) -> dict:
    pred = p >= THRESHOLD
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    tn = int((~pred & (y == 0)).sum())
    nan = float("nan")
    prec = tp / (tp + fp) if tp + fp else nan
    rec = tp / (tp + fn) if tp + fn else nan
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else nan
    spec = tn / (tn + fp) if tn + fp else nan
    auc = _auc(y, p) if 0 < y.sum() < len(y) else nan
    return {"precision": prec, "recall": rec, "f1": f1, "specificity": spec, "auc": auc}


def validation_metrics(predictions: pd.DataFrame, *, n_boot: int = 1000, seed: int = 0, ci: float = 0.95,
                       method: str = "classifier") -> pd.DataFrame:
    """Precision, recall, F1, specificity and ROC AUC per frame, with percentile bootstrap intervals.

    Parameters
    ----------
    predictions : ``doc_id``, ``frame``, ``label`` (0/1), ``probability`` (a score: predicted
        present when ``>= THRESHOLD``; AUC uses the ranking only)
    n_boot, seed, ci : bootstrap over articles (a resample without both classes is skipped for AUC)

    Returns
    -------
    DataFrame
        ``frame``, ``method``, ``n_articles``, ``n_positive``, then for each of :data:`METRICS` the
        value and ``<metric>_low`` / ``<metric>_high``.

    Examples
    --------
    >>> p = pd.DataFrame({"doc_id": list("abcd"), "frame": "f", "label": [1, 1, 0, 0], "probability": [0.9, 0.4, 0.6, 0.1]})
    >>> validation_metrics(p, n_boot=0)[["precision", "recall", "f1", "auc"]]
       precision  recall   f1   auc
    0        0.5     0.5  0.5  0.75
    """
    check_bootstrap_args(n_boot, seed, ci)
    q = (1 - ci) / 2
    rows = []
    for f, g in predictions.groupby("frame", sort=False):
        y = g["label"].to_numpy(dtype=int)
        p = g["probability"].to_numpy(dtype=float)
        row = {"frame": f, "method": method, "n_articles": len(y), "n_positive": int(y.sum())}
        m = _metrics(y, p)
        boots = {k: [] for k in METRICS}
        if n_boot:
            rng = np.random.default_rng(seed)
            for _ in range(n_boot):
                idx = rng.integers(0, len(y), len(y))
                for k, v in _metrics(y[idx], p[idx]).items():
                    boots[k].append(v)
        for k in METRICS:
            row[k] = m[k]
            b = np.asarray(boots[k], dtype=float)
            b = b[~np.isnan(b)]
            row[f"{k}_low"], row[f"{k}_high"] = (float(x) for x in np.quantile(b, [q, 1 - q])) if len(b) else (float("nan"),) * 2
        rows.append(row)
    cols = ["frame", "method", "n_articles", "n_positive"] + [c for k in METRICS for c in (k, f"{k}_low", f"{k}_high")]
    return pd.DataFrame(rows, columns=cols)


def _data_hash(docs: pd.DataFrame, labels: pd.DataFrame, text_col: str) -> str:
    from kit.schema import content_hash

    h = hashlib.sha256()
    for d, t in sorted(zip(docs["doc_id"].astype(str), docs[text_col].fillna(""))):
        h.update(f"{d}\t{content_hash(t)}\n".encode())
    for r in labels.sort_values(["doc_id", "frame"]).itertuples(index=False):
        h.update(f"{r.doc_id}\t{r.frame}\t{int(r.label)}\n".encode())
    return h.hexdigest()


@dataclass
class FrameModel:
    """Trained frame classifiers with their validation and provenance.

    Attributes
    ----------
    frames : frame names, in training order
    pipelines : frame -> fitted scikit-learn pipeline (TF-IDF over analysed terms + estimator)
    analyzer : the :class:`KitAnalyzer` that turns a text into terms
    validation : output of :func:`validation_metrics` on the out-of-fold predictions
    cv_predictions : ``doc_id, frame, label, probability, predicted, fold`` (out of fold)
    provenance : kit and scikit-learn versions, corpus fingerprint, options, data hash, sizes
    """

    frames: list
    pipelines: dict
    analyzer: KitAnalyzer
    validation: pd.DataFrame
    cv_predictions: pd.DataFrame
    provenance: dict = field(default_factory=dict)

    def predict(self, articles: pd.DataFrame, *, text_col: str = "text", id_col: str = "doc_id") -> pd.DataFrame:
        """``doc_id, frame, probability, predicted`` for every article and frame (see :func:`kit.frames.coded.apply_frames`).

        >>> import kit
        >>> from kit.frames.coded import gold_labels, read_coding_sheet, train_frames
        >>> articles = kit.load_corpus("data/sample").articles
        >>> model = train_frames(articles, gold_labels(read_coding_sheet("data/coding/sample_coding.csv")), folds=2, n_boot=0)
        >>> pred = model.predict(articles.head(2))
        >>> pred.columns.tolist(), len(pred) == 2 * len(model.frames)
        (['doc_id', 'frame', 'probability', 'predicted'], True)
        """
        for c in (id_col, text_col):
            if c not in articles.columns:
                raise KitError(f"articles has no column {c!r}; columns are {list(articles.columns)}")
        docs = [self.analyzer(t) for t in articles[text_col].tolist()]
        # the vectorizers count only terms of their vocabulary: the others are left out here, once,
        # rather than looked up and skipped by each frame's vectorizer (the same counts)
        vocab = [getattr(self.pipelines[f].steps[0][1], "vocabulary_", None) for f in self.frames]
        if docs and vocab and all(isinstance(v, dict) for v in vocab):
            known = set().union(*vocab)
            docs = [[w for w in d if w in known] for d in docs]
        parts = []
        for f in self.frames:
            p = self.pipelines[f].predict_proba(docs)[:, 1] if docs else np.array([])
            parts.append(pd.DataFrame({"doc_id": articles[id_col].to_numpy(), "frame": f, "probability": p,
                                       "predicted": p >= THRESHOLD}))
        out = pd.concat(parts, ignore_index=True)
        return out.sort_values(["doc_id", "frame"], kind="stable", key=lambda s: s.map(self.frames.index) if s.name == "frame" else s).reset_index(drop=True)

    def save(self, path) -> Path:
        """Pickle the model to ``path`` (``.pkl``) and write its provenance and validation beside it
        (``<path>.json``). Load it with :func:`load_model` (only load model files you trust: pickle
        runs code).

        >>> import kit
        >>> from kit.frames.coded import gold_labels, read_coding_sheet, train_frames
        >>> articles = kit.load_corpus("data/sample").articles
        >>> model = train_frames(articles, gold_labels(read_coding_sheet("data/coding/sample_coding.csv")), folds=2, n_boot=0)
        >>> import tempfile
        >>> path = model.save(Path(tempfile.mkdtemp()) / "frames.pkl")
        >>> load_model(path).frames == model.frames, Path(str(path) + ".json").is_file()
        (True, True)
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            pickle.dump(self, fh, protocol=pickle.HIGHEST_PROTOCOL)
        side = {"provenance": self.provenance, "validation": json.loads(self.validation.to_json(orient="records"))}
        Path(str(path) + ".json").write_text(json.dumps(side, indent=2, default=str) + "\n", encoding="utf-8")
        return path


def load_model(path) -> FrameModel:
    """Load a model saved by :meth:`FrameModel.save` (a clear error for anything else).

    >>> import pickle, tempfile
    >>> path = Path(tempfile.mkdtemp()) / "model.pkl"
    >>> _ = path.write_bytes(pickle.dumps({"not": "a model"}))
    >>> load_model(path)
    Traceback (most recent call last):
    ...
    kit.errors.KitError: ...model.pkl: not a kit frame model (got dict)
    """
    path = Path(path)
    if not path.is_file():
        raise KitError(f"{path}: model file not found")
    try:
        with open(path, "rb") as fh:
            model = pickle.load(fh)
    except Exception as e:  # noqa: BLE001 - any unpickling failure is a bad model file
        raise KitError(f"{path}: not a kit frame model ({type(e).__name__}: {e})") from None
    if not isinstance(model, FrameModel):
        raise KitError(f"{path}: not a kit frame model (got {type(model).__name__})")
    return model


def _join(articles: pd.DataFrame, labels: pd.DataFrame, text_col: str, id_col: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    for c in (id_col, text_col):
        if c not in articles.columns:
            raise KitError(f"articles has no column {c!r}; columns are {list(articles.columns)}")
    need = [c for c in ("doc_id", "frame", "label") if c not in labels.columns]
    if need:
        raise KitError(f"labels has no column(s) {need}; pass the output of gold_labels")
    arts = articles[[id_col, text_col]].rename(columns={id_col: "doc_id", text_col: "text"})
    arts = arts.assign(doc_id=arts["doc_id"].astype(str)).drop_duplicates("doc_id")
    labels = labels.assign(doc_id=labels["doc_id"].astype(str))
    missing = sorted(set(labels["doc_id"]) - set(arts["doc_id"]))
    if missing:
        raise KitError(f"{len(missing)} coded article(s) not in the corpus, e.g. {missing[:5]}; "
                       "code articles of this corpus (kit code-sample) or give the sheet a text column")
    docs = arts[arts["doc_id"].isin(set(labels["doc_id"]))].sort_values("doc_id").reset_index(drop=True)
    return docs, labels


def _weights_for(weights: pd.DataFrame | None, frame: str, doc_ids) -> np.ndarray | None:
    """The weight of every coded article of ``frame`` (in ``doc_ids`` order), checked."""
    if weights is None:
        return None
    w = weights[weights["frame"] == frame].drop_duplicates(["doc_id"]).set_index("doc_id")["weight"]
    missing = [d for d in doc_ids if d not in w.index]
    if missing:
        raise KitError(f"weights has no weight for {len(missing)} coded article(s) of frame {frame!r}, e.g. {missing[:5]}")
    out = w.reindex(list(doc_ids)).to_numpy(dtype=float)
    if not np.isfinite(out).all() or (out <= 0).any():
        raise KitError(f"weights of frame {frame!r} must be positive finite numbers")
    return out / out.mean()  # mean 1: the regularisation keeps its strength; equal weights = no weights


def _check_weights(weights) -> pd.DataFrame | None:
    if weights is None:
        return None
    if not isinstance(weights, pd.DataFrame) or {"doc_id", "frame", "weight"} - set(weights.columns):
        raise KitError("weights must be a DataFrame with doc_id, frame, weight (see kit.frames.coded.agreement_weights)")
    return weights.assign(doc_id=weights["doc_id"].astype(str))


def _fit(pipe, X, y, w):
    if w is None:
        return pipe.fit(X, y)
    return pipe.fit(X, y, **{f"{pipe.steps[-1][0]}__sample_weight": w})


def train_frames(articles: pd.DataFrame, labels: pd.DataFrame, *, frames=None, estimator="logistic",
                 folds: int = DEFAULTS["folds"], C: float = DEFAULTS["C"], ngrams: int = DEFAULTS["ngrams"],
                 min_df: int = DEFAULTS["min_df"], max_df: float = DEFAULTS["max_df"],
                 stopwords=DEFAULTS["stopwords"], seed: int = 0, n_boot: int = 1000, ci: float = 0.95,
                 corpus_fingerprint: str | None = None, weights: pd.DataFrame | None = None,
                 text_col: str = "text", id_col: str = "doc_id") -> FrameModel:
    """Train one classifier per frame on coded articles, with cross-validated measures.

    Parameters
    ----------
    articles : DataFrame with ``doc_id`` and ``text`` (every coded article must be in it)
    labels : ``doc_id, frame, label`` (:func:`kit.frames.coded.gold_labels`)
    frames : frames to train (default all of ``labels``); each needs at least 2 positive and 2
        negative articles (folds are reduced to the size of the smaller class, at least 2)
    estimator : ``"logistic"`` (default, see the module docs) or a scikit-learn classifier
    folds : k of the stratified k-fold cross-validation
    C : inverse regularisation strength of the logistic regression
    ngrams, min_df, max_df, stopwords : TF-IDF settings (terms from :class:`KitAnalyzer`)
    seed : seed of the folds, the model and the bootstrap
    n_boot, ci : bootstrap intervals of the measures
    corpus_fingerprint : recorded in the provenance (the ``fingerprint`` of the corpus manifest)
    weights : optional ``doc_id, frame, weight`` (e.g. :func:`kit.frames.coded.agreement_weights`):
        each coded article's weight in training (the estimator's ``sample_weight``, scaled to mean 1
        per frame, so equal weights give the unweighted model); the measures stay unweighted
        (every article counts once)

    Returns
    -------
    FrameModel

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(12)],
    ...                      "text": ["tariffs hurt exporters and markets"] * 6 + ["the family mourned at the funeral"] * 6})
    >>> labels = pd.DataFrame({"doc_id": arts["doc_id"], "frame": "economic", "label": [1] * 6 + [0] * 6})
    >>> m = train_frames(arts, labels, folds=3, min_df=1, n_boot=0)
    >>> m.validation[["frame", "n_articles", "n_positive", "auc"]]
          frame  n_articles  n_positive  auc
    0  economic          12           6  1.0
    >>> m.predict(pd.DataFrame({"doc_id": ["x"], "text": ["markets fell on tariffs"]}))["predicted"].tolist()
    [True]
    """
    from sklearn.model_selection import StratifiedKFold

    import kit

    check_bootstrap_args(n_boot, seed, ci)
    if not isinstance(folds, int) or isinstance(folds, bool) or folds < 2:
        raise KitError(f"folds must be an integer of at least 2, got {folds!r}")
    if not isinstance(C, (int, float)) or isinstance(C, bool) or C <= 0:
        raise KitError(f"C must be a positive number, got {C!r}")
    docs, labels = _join(articles, labels, text_col, id_col)
    weights = _check_weights(weights)
    all_frames = list(dict.fromkeys(labels["frame"].tolist()))
    frames = all_frames if frames is None else list(frames)
    unknown = [f for f in frames if f not in all_frames]
    if unknown:
        raise KitError(f"unknown frame(s) {unknown}; the labels have {all_frames}")
    opts = {"estimator": estimator if isinstance(estimator, str) else repr(estimator), "folds": folds, "C": float(C),
            "ngrams": ngrams, "min_df": min_df, "max_df": max_df, "stopwords": stopwords, "seed": seed,
            "threshold": THRESHOLD, "weights": None if weights is None else "given"}
    analyzer = KitAnalyzer(stopwords=stopwords, ngrams=ngrams)
    terms = {d: analyzer(t) for d, t in zip(docs["doc_id"], docs["text"])}
    pipelines, preds = {}, []
    for f in frames:
        lab = labels[labels["frame"] == f].drop_duplicates("doc_id").sort_values("doc_id")
        y = lab["label"].to_numpy(dtype=int)
        X = [terms[d] for d in lab["doc_id"]]
        w = _weights_for(weights, f, lab["doc_id"])
        n_pos, n_neg = int(y.sum()), int(len(y) - y.sum())
        if min(n_pos, n_neg) < 2:
            raise KitError(f"frame {f!r} has {n_pos} present and {n_neg} absent coded article(s): a classifier "
                           "needs at least 2 of each (code more articles, or leave the frame out)")
        k = min(folds, n_pos, n_neg)
        oof = np.zeros(len(y))
        fold_of = np.zeros(len(y), dtype=int)
        for i, (tr, te) in enumerate(StratifiedKFold(k, shuffle=True, random_state=seed).split(X, y)):
            pipe = _fit(_pipeline(estimator, opts, seed), [X[j] for j in tr], y[tr], None if w is None else w[tr])
            oof[te] = pipe.predict_proba([X[j] for j in te])[:, 1]
            fold_of[te] = i
        preds.append(pd.DataFrame({"doc_id": lab["doc_id"].to_numpy(), "frame": f, "label": y, "probability": oof,
                                   "predicted": oof >= THRESHOLD, "fold": fold_of}))
        pipelines[f] = _fit(_pipeline(estimator, opts, seed), X, y, w)
    cv = pd.concat(preds, ignore_index=True)
    validation = validation_metrics(cv, n_boot=n_boot, seed=seed, ci=ci)
    import sklearn

    prov = {"kit_version": kit.__version__, "sklearn_version": sklearn.__version__,
            "python": platform.python_version(), "corpus_fingerprint": corpus_fingerprint, "options": opts,
            "data_hash": _data_hash(docs, labels[labels["frame"].isin(frames)], "text"),
            "n_articles": int(len(docs)), "frames": list(frames)}
    return FrameModel(list(frames), pipelines, analyzer, validation, cv, prov)


def compare_with_dictionary(articles: pd.DataFrame, labels: pd.DataFrame, dictionary=None, *, min_hits: int = 1,
                            n_boot: int = 1000, seed: int = 0, ci: float = 0.95, text_col: str = "text",
                            id_col: str = "doc_id") -> pd.DataFrame:
    """The dictionary measured on the same coded articles, as rows of :func:`validation_metrics`
    with ``method = "dictionary"``: AUC ranks articles by hits per 1,000 tokens, precision / recall
    / F1 use presence (``hits >= min_hits``). Only frames present both in the labels and in the
    dictionary are compared.

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Tariffs and markets.", "A quiet funeral."]})
    >>> labels = pd.DataFrame({"doc_id": ["a", "b"], "frame": "economic", "label": [1, 0]})
    >>> compare_with_dictionary(arts, labels, {"economic": ["tariff*", "market*"]}, n_boot=0)[["frame", "method", "auc"]]
          frame      method  auc
    0  economic  dictionary  1.0
    """
    from kit.dictionaries import _as_dictionary, frame_scores

    docs, labels = _join(articles, labels, text_col, id_col)
    d = _as_dictionary(dictionary)
    frames = [f for f in dict.fromkeys(labels["frame"]) if f in d.categories]
    sc = frame_scores(docs, d, min_hits=min_hits)
    sc = sc[sc["frame"].isin(frames)]
    m = labels[labels["frame"].isin(frames)].merge(sc[["doc_id", "frame", "per_1k", "present"]], on=["doc_id", "frame"])
    # rank by rate; presence decides the 0.5 threshold: map present to [0.5, 1), absent to [0, 0.5)
    r = m["per_1k"] / (1.0 + m["per_1k"].max() if len(m) else 1.0)
    m["probability"] = np.where(m["present"], 0.5 + r / 2, r / 2)
    return validation_metrics(m[["doc_id", "frame", "label", "probability"]], n_boot=n_boot, seed=seed, ci=ci,
                              method="dictionary")


def validation_table(model: FrameModel, articles: pd.DataFrame, labels: pd.DataFrame, dictionary=None, *,
                     min_hits: int = 1, n_boot: int = 1000, seed: int = 0, ci: float = 0.95) -> pd.DataFrame:
    """The model's cross-validated rows followed by the dictionary's rows on the same articles
    (:func:`compare_with_dictionary`); ``dictionary=None`` gives the model's rows only.

    >>> arts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(8)],
    ...                      "text": ["tariffs and markets"] * 4 + ["a family funeral"] * 4})
    >>> labels = pd.DataFrame({"doc_id": arts["doc_id"], "frame": "economic", "label": [1] * 4 + [0] * 4})
    >>> m = train_frames(arts, labels, folds=2, min_df=1, n_boot=0)
    >>> validation_table(m, arts, labels, {"economic": ["tariff*"]}, n_boot=0)[["frame", "method", "auc"]]
          frame      method  auc
    0  economic  classifier  1.0
    1  economic  dictionary  1.0
    """
    if dictionary is None:
        return model.validation.copy()
    d = compare_with_dictionary(articles, labels, dictionary, min_hits=min_hits, n_boot=n_boot, seed=seed, ci=ci)
    return pd.concat([model.validation, d], ignore_index=True)
