"""Scores: hits per article and frame, and the prevalence of frames per group with intervals."""
from __future__ import annotations

import numpy as np
import pandas as pd

from kit.errors import KitValueError
from kit.frames.constants import MIN_HITS, NEGATION_WINDOW
from kit.frames.dictionaries import load_dictionary
from kit.frames.matching import HIT_COLUMNS, _check_articles, _check_hits_fit, dictionary_hits, frames_tokens
from kit.groups import ALL, group_name, group_series
from kit.resample import bootstrap_ci, check_bootstrap_args, wilson_ci
from kit.text import TokenOptions, find_tokens
from kit.validate import check_int, require_columns

__all__ = ["frame_scores", "frame_prevalence"]


def frame_scores(
    articles: pd.DataFrame,
    dictionary=None,
    *,
    hits: pd.DataFrame | None = None,
    sizes: pd.Series | None = None,
    include_negated: bool = False,
    min_hits: int = MIN_HITS,
    negation_window: int = NEGATION_WINDOW,
    tokens: TokenOptions | None = None,
    split_hyphens: bool | None = None,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Per article and frame: hits, hits per 1,000 tokens and presence.

    Parameters
    ----------
    articles : DataFrame with ``doc_id`` and ``text``
    dictionary : as in :func:`dictionary_hits` (default the bundled generic frames)
    hits : the output of :func:`dictionary_hits` for these articles, to avoid matching twice
        (the dictionary is still needed for the list of frames; token counts are recomputed with
        ``tokens``, so pass the options the hits were made with: hits that do not line up with
        the articles' tokens raise :class:`kit.errors.KitValueError`).
    sizes : Series ``doc_id -> number of tokens``, optional
        With ``hits``: the articles' token counts (``dictionary_hits(..., with_sizes=True)``, or
        the articles table's ``n_words`` for the default tokens), so the articles are not
        tokenized again; the hits are then taken as made from these articles, unchecked.
    include_negated : count negated hits too
    tokens : kit.text.TokenOptions, optional
        Tokenizer options as in :func:`dictionary_hits` (only ``split_hyphens`` and ``merge_us`` apply).
    split_hyphens : the same option as a flat keyword (default False).
    min_hits : int
        Presence threshold: a frame is ``present`` in an article with at least this many
        (non-negated) hits. The default 2 was fixed before the bundled dictionaries were
        validated: one stray word is weak evidence of a frame.

    Returns
    -------
    DataFrame
        One row per article and frame (zeros included), in article order then dictionary order:
        ``doc_id``, ``frame``, ``hits``, ``negated_hits`` (hits flagged as negated; left out of ``hits`` unless ``include_negated``),
        ``n_tokens`` (all tokens of the article: :func:`kit.text.count_words`, the same number as
        the articles table's ``n_words``), ``per_1k`` (``1000 * hits / n_tokens``, 0 for an
        empty article), ``present`` (``hits >= min_hits``).

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Talks, talks and no talks.", "Quiet day."]})
    >>> frame_scores(arts, {"diplomacy": ["talks"]}, min_hits=1)
      doc_id   frame  hits  negated_hits  n_tokens  per_1k  present
    0      a  diplomacy     2             1         5   400.0     True
    1      b  diplomacy     0             0         2     0.0    False
    """
    min_hits = check_int(min_hits, "min_hits", min=1)
    d = load_dictionary(dictionary)
    opts = frames_tokens(tokens, split_hyphens, None)
    if sizes is not None and hits is None:
        raise KitValueError("frame_scores: sizes= goes with hits= (the token counts of the articles the hits come from)")
    if hits is None:
        h, sizes = dictionary_hits(articles, d, negation_window=negation_window, tokens=opts,
                                   text_col=text_col, id_col=id_col, with_sizes=True)
    elif sizes is not None:
        require_columns(hits, HIT_COLUMNS, "hits", hint="pass the output of dictionary_hits")
        _check_articles(articles, text_col, id_col)
        h = hits
        sizes = pd.Series(sizes).astype("int64")
    else:
        require_columns(hits, HIT_COLUMNS, "hits", hint="pass the output of dictionary_hits")
        _check_articles(articles, text_col, id_col)
        h = hits
        by_doc = {doc: g for doc, g in h.groupby("doc_id", sort=False)} if len(h) else {}
        n_tok = {}
        for doc, t in zip(articles[id_col].tolist(), articles[text_col].tolist()):
            toks = find_tokens(t, opts) if isinstance(t, str) else []
            n_tok[doc] = len(toks)
            if doc in by_doc:
                _check_hits_fit(by_doc[doc], doc, toks)
        sizes = pd.Series(n_tok, dtype="int64")
    docs = articles[id_col].tolist()
    frames = d.categories
    counted = h if include_negated else h[~h["negated"]]
    n_hit = counted.groupby(["doc_id", "frame"]).size()
    n_neg = h[h["negated"]].groupby(["doc_id", "frame"]).size()
    idx = pd.MultiIndex.from_product([docs, frames], names=["doc_id", "frame"])
    out = idx.to_frame(index=False)
    out["hits"] = n_hit.reindex(idx, fill_value=0).to_numpy().astype("int64")
    out["negated_hits"] = n_neg.reindex(idx, fill_value=0).to_numpy().astype("int64")
    out["n_tokens"] = sizes.reindex(out["doc_id"]).fillna(0).to_numpy().astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(out["n_tokens"] > 0, 1000.0 * out["hits"] / out["n_tokens"].where(out["n_tokens"] > 0, 1), 0.0)
    out["per_1k"] = rate.astype(float)
    out["present"] = out["hits"] >= min_hits
    return out


def frame_prevalence(
    scores: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    group_by: str | None = "outlet",
    n_boot: int = 1000,
    seed: int = 0,
    ci: float = 0.95,
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Per group and frame: share of articles with the frame and mean rate, with bootstrap intervals.

    Parameters
    ----------
    scores : output of :func:`frame_scores`
    articles : the articles table (needed for ``group_by``; may be None when ``group_by`` is None)
    group_by : a column of ``articles``, a period (``day``, ``week``, ``month``, ``quarter``,
        ``year``), or None (see :mod:`kit.groups`)
    n_boot, seed, ci : interval settings. ``share_low`` / ``share_high`` are a Wilson score
        interval of ``n_present`` out of ``n_articles`` (:func:`kit.resample.wilson_ci`, at
        coverage ``ci``; it needs no resampling and does not depend on ``n_boot``);
        ``per_1k_low`` / ``per_1k_high`` are a seeded percentile bootstrap over the group's
        articles (:func:`kit.resample.bootstrap_ci`): NaN for a group of fewer than two articles
        (one article resamples to itself) and when ``n_boot`` is 0.
    id_col : id column of ``articles``

    Returns
    -------
    DataFrame
        ``<group_by>`` (or ``group`` = ``all`` when None), ``frame``, ``n_articles``,
        ``n_present``, ``share`` (``n_present / n_articles``), ``share_low``, ``share_high``
        (Wilson), ``hits`` (total), ``mean_per_1k`` (mean of the articles' ``per_1k``),
        ``per_1k_low``, ``per_1k_high`` (bootstrap). Groups sorted, frames in dictionary order.

    Examples
    --------
    >>> sc = pd.DataFrame({"doc_id": ["a", "b", "c"], "frame": "conflict", "hits": [2, 0, 3],
    ...                    "per_1k": [4.0, 0.0, 6.0], "present": [True, False, True]})
    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"]})
    >>> frame_prevalence(sc, arts, n_boot=0)[["outlet", "n_articles", "share", "share_low", "mean_per_1k"]].round(4)
      outlet  n_articles  share  share_low  mean_per_1k
    0      X           2    0.5     0.0945          2.0
    1      Y           1    1.0     0.2065          6.0
    """
    check_bootstrap_args(n_boot, seed, ci)
    require_columns(scores, ("doc_id", "frame", "hits", "per_1k", "present"), "scores",
                    hint="pass the output of frame_scores")
    name = group_name(group_by)
    if group_by is None:
        groups = pd.Series(ALL, index=pd.Index(scores["doc_id"].unique(), name="doc_id"))
    else:
        if articles is None:
            raise KitValueError("frame_prevalence needs the articles table to group by " + repr(group_by))
        groups = group_series(articles, group_by, id_col=id_col)
    frames = list(dict.fromkeys(scores["frame"].tolist()))
    wide_p = scores.pivot_table(index="doc_id", columns="frame", values="present", aggfunc="max").reindex(columns=frames)
    wide_r = scores.pivot_table(index="doc_id", columns="frame", values="per_1k", aggfunc="mean").reindex(columns=frames)
    wide_h = scores.pivot_table(index="doc_id", columns="frame", values="hits", aggfunc="sum").reindex(columns=frames)
    docs = [doc for doc in groups.index if doc in wide_p.index]
    g_of = groups.loc[docs]
    rows = []
    for g in sorted(g_of.unique(), key=str):
        ids = g_of.index[g_of == g]
        p = wide_p.loc[ids].fillna(False).to_numpy(dtype=float)
        r = wide_r.loc[ids].fillna(0.0).to_numpy(dtype=float)
        hsum = wide_h.loc[ids].fillna(0).to_numpy(dtype=float).sum(axis=0)
        lo, hi = bootstrap_ci(r, n_boot=n_boot, seed=seed, ci=ci)
        n_present = p.sum(axis=0)
        s_lo, s_hi = wilson_ci(n_present, np.full(len(frames), len(ids)), ci=ci)
        for j, f in enumerate(frames):
            rows.append({name: g, "frame": f, "n_articles": len(ids), "n_present": int(n_present[j]),
                         "share": float(p[:, j].mean()), "share_low": s_lo[j], "share_high": s_hi[j],
                         "hits": int(hsum[j]), "mean_per_1k": float(r[:, j].mean()),
                         "per_1k_low": lo[j], "per_1k_high": hi[j]})
    cols = [name, "frame", "n_articles", "n_present", "share", "share_low", "share_high", "hits",
            "mean_per_1k", "per_1k_low", "per_1k_high"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("n_articles", "n_present", "hits"):
        out[c] = out[c].astype("int64")
    for c in ("share", "share_low", "share_high", "mean_per_1k", "per_1k_low", "per_1k_high"):
        out[c] = out[c].astype(float)
    return out
