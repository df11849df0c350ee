"""Validate dictionaries against hand-annotated frames: per-frame precision, recall and F1 of presence.

The gold standard is one JSON file per outlet in ``tests/eval/gold/`` (written by the annotators
of the sample corpus before any dictionary existed): ``{"outlet": ..., "articles": [{"source":
..., "title": ..., "frames": [...], ...}]}``. An article is found in the corpus by its title
(compared with quotes, dashes, case and white space folded), preferring the article read from the
gold ``source`` file; an article may instead carry its own ``text`` (as in ``hard_cases.json``).

Presence is article-level: a frame is predicted present when the dictionary has at least
``min_hits`` non-negated hits in the article's body text (:func:`kit.frames.frame_scores`);
it is gold-present when the annotators listed it. Per frame:

- ``tp`` / ``fp`` / ``fn``: articles both present / predicted only / gold only;
- ``precision = tp / (tp + fp)``, ``recall = tp / (tp + fn)``, ``f1 = 2 P R / (P + R)``
  (NaN when a denominator is 0);
- the ``micro`` row pools the counts of all frames; the ``macro`` row averages P, R and F1 over
  the frames with at least one gold article (an undefined precision or F1 of such a frame, i.e. no
  prediction at all, counts as 0); its counts are those of the same frames;
- frames without any gold article cannot enter the macro average, but their predictions are all
  false positives: the ``no_gold`` row pools them (its ``fp`` is the number of such false hits,
  precision 0 when there is any, recall and F1 undefined), so the macro row does not hide them.

Rerun with ``kit frames-eval`` (see ``kit frames-eval --help``).
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from kit.errors import KitError
from kit.validate import check_int, check_path, require_columns

__all__ = ["DEFAULT_GOLD_DIR", "load_frame_gold", "gold_articles", "presence_metrics", "evaluate_dictionary",
           "frames_without_gold", "SUMMARY_ROWS"]

#: Rows of :func:`presence_metrics` that summarise frames rather than being one.
SUMMARY_ROWS = ("micro", "macro", "no_gold")

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


#: Where ``kit frames-eval`` looks for gold files when ``--gold`` is not given (relative to the
#: current folder, i.e. the project folder of a checkout). The library functions take the folder
#: as an argument and never look for the project themselves.
DEFAULT_GOLD_DIR = "tests/eval/gold"


def _norm_title(t) -> str:
    if not isinstance(t, str):
        return ""
    return " ".join(unicodedata.normalize("NFKC", t).translate(_FOLD).lower().split())


def load_frame_gold(gold_dir, *, files=None) -> pd.DataFrame:
    """The annotated articles of every gold file in ``gold_dir`` (or of ``files`` in it).

    Articles without a ``frames`` key (files annotated for quotes only) are skipped.

    Returns
    -------
    DataFrame
        ``gold_file`` (file stem), ``outlet``, ``source``, ``title``, ``text`` (inline text or
        missing), ``frames`` (list of labels).

    Examples
    --------
    >>> g = load_frame_gold("tests/eval/gold")
    >>> {"gold_file", "title", "frames"} <= set(g.columns)
    True
    """
    d = check_path(gold_dir, "gold folder", kind="dir")
    paths = sorted(d.glob("*.json")) if files is None else [d / f for f in files]
    if not paths:
        raise KitError(f"no gold files (*.json) in {d}")
    rows = []
    for p in paths:
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise KitError(f"{p}, line {e.lineno}: not valid JSON: {e.msg}") from None
        if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
            raise KitError(f"{p}: expected an object with a list 'articles'")
        for i, a in enumerate(data["articles"], start=1):
            if not isinstance(a, dict):
                raise KitError(f"{p}: article {i} is not an object")
            if "frames" not in a:  # annotated for something else (e.g. quotes only): not frame gold
                continue
            frames = a["frames"]
            if not isinstance(frames, list):
                raise KitError(f"{p}: article {i} ('{a.get('title')}') has 'frames' that is not a list")
            rows.append({"gold_file": p.stem, "outlet": a.get("outlet") or data.get("outlet"), "source": a.get("source"),
                         "title": a.get("title"), "text": a.get("text"), "frames": [str(f) for f in frames]})
    if not rows:
        raise KitError(f"no article with a 'frames' list in {', '.join(p.name for p in paths)}")
    return pd.DataFrame(rows, columns=["gold_file", "outlet", "source", "title", "text", "frames"])


def gold_articles(gold: pd.DataFrame, articles: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Join the gold annotations to article texts.

    Parameters
    ----------
    gold : output of :func:`load_frame_gold`
    articles : the corpus' articles table (for gold rows without inline text)

    Returns
    -------
    (matched, unmatched)
        ``matched``: ``doc_id`` (the corpus id, or ``gold:<file>:<n>`` for inline texts),
        ``gold_file``, ``outlet``, ``title``, ``text``, ``frames``; ``unmatched``: the gold rows
        whose article was not found (with a ``reason``).

    Examples
    --------
    >>> import kit
    >>> gold = load_frame_gold("tests/eval/gold")
    >>> matched, unmatched = gold_articles(gold, kit.load_corpus("data/sample").articles)
    >>> len(gold), len(matched), len(unmatched)
    (57, 57, 0)
    """
    rows, missing = [], []
    by_title: dict[str, list] = {}
    if articles is not None:
        for r in articles.itertuples(index=False):
            by_title.setdefault(_norm_title(r.title), []).append(r)
    used = set()
    for i, g in enumerate(gold.itertuples(index=False)):
        if isinstance(g.text, str) and g.text.strip():
            rows.append((f"gold:{g.gold_file}:{i}", g.gold_file, g.outlet, g.title, g.text, g.frames))
            continue
        cands = [c for c in by_title.get(_norm_title(g.title), []) if c.doc_id not in used]
        if not cands:
            missing.append((g.gold_file, g.source, g.title, "no article with this title in the corpus"))
            continue
        src = Path(str(g.source)).name if g.source else None
        best = next((c for c in cands if src and str(getattr(c, "source_path", "")).endswith(src)), cands[0])
        used.add(best.doc_id)
        rows.append((best.doc_id, g.gold_file, g.outlet, g.title, best.text, g.frames))
    matched = pd.DataFrame(rows, columns=["doc_id", "gold_file", "outlet", "title", "text", "frames"])
    unmatched = pd.DataFrame(missing, columns=["gold_file", "source", "title", "reason"])
    return matched, unmatched


def presence_metrics(predicted: pd.DataFrame, gold: pd.DataFrame, *, frames=None, n_boot: int = 0,
                     seed: int = 0) -> pd.DataFrame:
    """Per-frame precision, recall and F1 of article-level presence.

    Parameters
    ----------
    predicted : ``doc_id``, ``frame``, ``present`` (e.g. :func:`kit.frames.frame_scores`)
    gold : ``doc_id``, ``frames`` (list of gold labels per article)
    frames : frames to score (default: those in ``predicted``, in order)
    n_boot, seed : with ``n_boot > 0``, add ``f1_low`` and ``f1_high``: a 95% percentile bootstrap
        interval of F1 over articles (resamples where F1 is undefined are left out; the ``macro``
        and ``no_gold`` rows get no interval)

    Returns
    -------
    DataFrame
        ``frame``, ``n_articles``, ``n_gold``, ``n_predicted``, ``tp``, ``fp``, ``fn``,
        ``precision``, ``recall``, ``f1`` [, ``f1_low``, ``f1_high``]; then rows ``micro`` and
        ``macro``, and, when some frames have no gold article, ``no_gold`` (those frames pooled:
        every prediction of theirs is a false positive left out of the macro row).

    Examples
    --------
    >>> pred = pd.DataFrame({"doc_id": ["a", "b", "c"], "frame": "conflict", "present": [True, True, False]})
    >>> gold = pd.DataFrame({"doc_id": ["a", "b", "c"], "frames": [["conflict"], [], ["conflict"]]})
    >>> presence_metrics(pred, gold)[["frame", "tp", "fp", "fn", "precision", "recall", "f1"]].head(1).values.tolist()
    [['conflict', 1, 1, 1, 0.5, 0.5, 0.5]]
    """
    require_columns(predicted, ("doc_id", "frame", "present"), "predicted", hint="e.g. the output of frame_scores")
    require_columns(gold, ("doc_id", "frames"), "gold", hint="e.g. the matched articles of gold_articles")
    from kit.resample import check_bootstrap_args

    check_bootstrap_args(n_boot, seed, 0.95)
    frames = list(dict.fromkeys(predicted["frame"])) if frames is None else list(frames)
    docs = gold["doc_id"].tolist()
    gold_sets = dict(zip(gold["doc_id"], gold["frames"].map(set)))
    pred = predicted[predicted["doc_id"].isin(docs)]
    pred_sets: dict = {d: set() for d in docs}
    for d, f, p in zip(pred["doc_id"], pred["frame"], pred["present"]):
        if p:
            pred_sets[d].add(f)
    rows = []
    for f in frames:
        g = np.array([f in gold_sets[d] for d in docs])
        p = np.array([f in pred_sets[d] for d in docs])
        tp, fp, fn = int((g & p).sum()), int((~g & p).sum()), int((g & ~p).sum())
        rows.append(_prf(f, len(docs), int(g.sum()), int(p.sum()), tp, fp, fn))
    out = pd.DataFrame(rows)
    tot = out[["n_gold", "n_predicted", "tp", "fp", "fn"]].sum()
    micro = _prf("micro", len(docs), int(tot.n_gold), int(tot.n_predicted), int(tot.tp), int(tot.fp), int(tot.fn))
    has_gold = out[out["n_gold"] > 0]
    macro = {"frame": "macro", "n_articles": len(docs), "n_gold": int(has_gold["n_gold"].sum()),
             "n_predicted": int(has_gold["n_predicted"].sum()), "tp": int(has_gold["tp"].sum()),
             "fp": int(has_gold["fp"].sum()), "fn": int(has_gold["fn"].sum()),
             "precision": float(has_gold["precision"].fillna(0.0).mean()) if len(has_gold) else np.nan,
             "recall": float(has_gold["recall"].mean()) if len(has_gold) else np.nan,
             "f1": float(has_gold["f1"].fillna(0.0).mean()) if len(has_gold) else np.nan}
    summary = [micro, macro]
    no_gold = out[out["n_gold"] == 0]
    if len(no_gold):
        summary.append(_prf("no_gold", len(docs), 0, int(no_gold["n_predicted"].sum()), 0,
                            int(no_gold["fp"].sum()), 0))
    res = pd.concat([out, pd.DataFrame(summary)], ignore_index=True)
    if n_boot:
        G = np.array([[f in gold_sets[d] for f in frames] for d in docs], dtype=bool).reshape(len(docs), len(frames))
        P = np.array([[f in pred_sets[d] for f in frames] for d in docs], dtype=bool).reshape(len(docs), len(frames))
        lows, highs = [], []
        for j in range(len(frames) + 1):  # every frame, then micro (all frames pooled)
            g = G[:, j:j + 1] if j < len(frames) else G
            p = P[:, j:j + 1] if j < len(frames) else P
            tp_d, fp_d, fn_d = (g & p).sum(1), (~g & p).sum(1), (g & ~p).sum(1)
            rng = np.random.default_rng(seed)
            idx = rng.integers(0, len(docs), size=(n_boot, len(docs)))
            tp, fp, fn = tp_d[idx].sum(1), fp_d[idx].sum(1), fn_d[idx].sum(1)
            with np.errstate(invalid="ignore", divide="ignore"):
                f1 = np.where(tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)
                f1 = np.where((tp + fp > 0) & (tp + fn > 0), f1, np.nan)
            ok = f1[np.isfinite(f1)]
            lo, hi = np.quantile(ok, [0.025, 0.975]) if len(ok) else (np.nan, np.nan)
            lows.append(float(lo))
            highs.append(float(hi))
        pad = [np.nan] * (len(res) - len(lows))  # macro (and no_gold) get no interval
        res["f1_low"] = lows + pad
        res["f1_high"] = highs + pad
    return res


def frames_without_gold(metrics: pd.DataFrame) -> pd.DataFrame:
    """The per-frame rows of :func:`presence_metrics` whose frame has no gold article.

    >>> pred = pd.DataFrame({"doc_id": ["a", "b"], "frame": "morality", "present": [True, False]})
    >>> gold = pd.DataFrame({"doc_id": ["a", "b"], "frames": [[], []]})
    >>> frames_without_gold(presence_metrics(pred, gold))[["frame", "n_predicted", "fp"]].values.tolist()
    [['morality', 1, 1]]
    """
    m = metrics[~metrics["frame"].isin(SUMMARY_ROWS)]
    return m[m["n_gold"] == 0].reset_index(drop=True)


def _prf(frame, n, n_gold, n_pred, tp, fp, fn) -> dict:
    p = tp / (tp + fp) if tp + fp else np.nan
    r = tp / (tp + fn) if tp + fn else np.nan
    f1 = 2 * p * r / (p + r) if (tp + fp and tp + fn and (p + r) > 0) else (0.0 if tp + fp and tp + fn else np.nan)
    return {"frame": frame, "n_articles": n, "n_gold": n_gold, "n_predicted": n_pred, "tp": tp, "fp": fp, "fn": fn,
            "precision": p, "recall": r, "f1": f1}


def evaluate_dictionary(dictionary, gold_dir, *, corpus="data/sample", files=None, min_hits: int = 2,
                        negation_window: int = 3, n_boot: int = 0, seed: int = 0) -> dict:
    """Score a dictionary against the gold frames.

    Parameters
    ----------
    dictionary : anything :func:`kit.frames.frame_scores` accepts (path, bundled name, list ...)
    gold_dir : folder of the gold files, read as given (``kit frames-eval`` passes
        :data:`DEFAULT_GOLD_DIR`, relative to the current folder)
    corpus : path of the corpus holding the gold articles (read as given with
        :func:`kit.load_corpus`), or None when every gold article carries its own text
    files : only these gold files of ``gold_dir`` (default every ``*.json``)
    min_hits : presence threshold (see :func:`kit.frames.frame_scores`)
    n_boot, seed : bootstrap intervals of F1 (see :func:`presence_metrics`)

    Returns
    -------
    dict
        ``metrics`` (:func:`presence_metrics`, only frames of the dictionary), ``scores``
        (per article and frame with a ``gold`` column), ``matched`` and ``unmatched`` (see
        :func:`gold_articles`).

    Examples
    --------
    >>> result = evaluate_dictionary("generic_frames", "tests/eval/gold")
    >>> sorted(result), len(result["unmatched"])
    (['matched', 'metrics', 'scores', 'unmatched'], 0)
    >>> int(result["metrics"].set_index("frame").loc["micro", "n_gold"])  # frames coded in the gold files
    131
    """
    from kit.frames import frame_scores

    check_int(min_hits, "min_hits", min=1)
    gold = load_frame_gold(gold_dir, files=files)
    articles = None
    if corpus is not None and gold["text"].isna().any():
        from kit.corpus import load_corpus

        articles = load_corpus(corpus).articles
    matched, unmatched = gold_articles(gold, articles)
    if matched.empty:
        raise KitError("no gold article could be matched to a text")
    scores = frame_scores(matched[["doc_id", "text"]], dictionary, min_hits=min_hits, negation_window=negation_window)
    gsets = dict(zip(matched["doc_id"], matched["frames"].map(set)))
    scores["gold"] = [f in gsets[d] for d, f in zip(scores["doc_id"], scores["frame"])]
    scores = scores.merge(matched[["doc_id", "gold_file", "title"]], on="doc_id", how="left")
    metrics = presence_metrics(scores, matched[["doc_id", "frames"]], n_boot=n_boot, seed=seed)
    return {"metrics": metrics, "scores": scores, "matched": matched, "unmatched": unmatched}
