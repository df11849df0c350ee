"""The work on one partition (runs in workers): the definition of each table on some articles
(:func:`_compute`, :func:`group_counts`) and the tasks the engine runs."""
from __future__ import annotations

import importlib
import time
from typing import Any

import pandas as pd

from kit.analyse.registry import COUNT_OPTIONS
from kit.analyse.storage import COMPANION_DIR, _read_need, _write_part
from kit.corpus.store import Store
from kit.errors import KitError


# -- per-partition work (runs in workers) --------------------------------------------------------
def compute_partition(part: str, store_path: str, table: str, options: dict, out_dir: str,
                      needs_dir: str | None) -> dict | pd.DataFrame:
    """Compute ``table`` for one partition of the store; per-row tables are written to
    ``out_dir/<part>.parquet`` (the worker returns only their size), group counts come back as
    partial sums to be added up.

    >>> import tempfile, kit
    >>> path, out_dir = tempfile.mkdtemp() + "/corpus", tempfile.mkdtemp()
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], path)
    >>> info = compute_partition("part-00000", path, "quotes", {"actors": None}, out_dir, None)
    >>> info["name"], info["rows"] == len(pd.read_parquet(f"{out_dir}/part-00000.parquet")) > 0
    ('part-00000', True)
    """
    store = Store(store_path)
    companion = None
    if table == "quotes":
        from kit.quotes import extract_quotes
        paras = store.read_table("paragraphs", part)
        df, problems = extract_quotes(paras, actors=options["actors"], return_problems=True)
        companion = _write_part(store, f"{out_dir}/{COMPANION_DIR}", part, problems)
    else:
        arts = store.read_table("articles", part)
        df = _compute(table, arts, options, _read_need(store, needs_dir, part))
    if table == "group_counts":
        return df
    from kit.analyse.registry import TABLES

    info = _write_part(store, out_dir, part, df, row_group_rows=TABLES[table].get("row_group_rows"))
    if companion is not None:
        info["companion"] = companion
    return info


def _compute(table: str, arts: pd.DataFrame, o: dict, need: pd.DataFrame | None) -> pd.DataFrame:
    """The in-memory function for one table on some articles (the definition of each table)."""
    counts = {k: o[k] for k in COUNT_OPTIONS if k in o}
    if table == "term_counts":
        from kit.terms import count_terms
        return count_terms(arts, **counts)
    if table == "group_counts":
        if need is not None:  # the per-article counts of the same options: summed, not counted again
            return _sum_groups(need, arts, o["group_by"])
        return group_counts(arts, group_by=o["group_by"], **counts)
    if table == "frame_hits":
        from kit.frames import dictionary_hits
        return dictionary_hits(arts, o["dictionary"], negation_window=o["negation_window"])
    if table == "frame_scores":
        from kit.frames import frame_scores
        from kit.text import count_words
        # the articles' token counts: n_words of the articles table is count_words of the text
        words = arts["n_words"] if "n_words" in arts.columns else arts["text"].map(count_words)
        sizes = pd.Series(words.to_numpy(), index=arts["doc_id"].to_numpy())
        return frame_scores(arts, o["dictionary"], hits=need, sizes=sizes, min_hits=o["min_hits"],
                            negation_window=o["negation_window"])
    if table == "frame_evidence":  # the hits of these articles, with their sentences and KWIC windows
        from kit.frames import frame_evidence
        return frame_evidence(need, arts, window=o["window"])
    if table == "sentence_tone":
        from kit.tone import sentence_tone
        return sentence_tone(arts)
    if table == "article_tone":
        from kit.tone import article_tone
        return article_tone(need)
    if table == "actor_mentions":
        from kit.actors import actor_mentions
        return actor_mentions(arts, o["actors"])
    if table == "near_duplicates":
        from kit.dedupe import near_duplicate_pairs
        return near_duplicate_pairs(arts, **o)
    raise KitError(f"no computation for {table!r}")  # pragma: no cover (TABLES and this list agree)


def group_counts(articles: pd.DataFrame, *, group_by: str | None = "outlet", **count_options) -> pd.DataFrame:
    """Term counts per group: ``<group_by>, term, n, n_docs`` (``n_docs``: articles of the group using the term).

    The group is a column or a period as in :func:`kit.groups.group_column` (missing values
    are ``(unknown)``, undated articles ``(undated)``); with ``group_by=None`` the column is ``group``
    and holds ``all``. Rows sorted by group and term. Summing these tables over partitions of a
    corpus gives the table of the whole corpus.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
    ...                      "text": ["trade talks", "trade, trade", "talks"]})
    >>> group_counts(arts, stopwords=None).values.tolist()
    [['X', 'talks', 1, 1], ['X', 'trade', 3, 2], ['Y', 'talks', 1, 1]]
    """
    from kit.groups import group_column
    from kit.terms import count_terms

    col = group_by or "group"
    counts = count_terms(articles, **count_options)
    labels = pd.Series(group_column(articles, group_by).to_numpy(), index=articles["doc_id"].to_numpy())
    counts[col] = labels.reindex(counts["doc_id"]).to_numpy()
    counts["n_docs"] = 1
    if counts.empty:
        return pd.DataFrame({col: pd.Series(dtype=object), "term": pd.Series(dtype=object),
                             "n": pd.Series(dtype="int64"), "n_docs": pd.Series(dtype="int64")})
    out = counts.groupby([col, "term"], sort=True)[["n", "n_docs"]].sum().reset_index()
    return out.astype({"n": "int64", "n_docs": "int64"})


def _sum_groups(term_counts: pd.DataFrame, articles: pd.DataFrame, group_by: str | None) -> pd.DataFrame:
    """:func:`group_counts` from per-article counts (the same table, without counting again)."""
    from kit.groups import group_column

    col = group_by or "group"
    labels = pd.Series(group_column(articles, group_by).to_numpy(), index=articles["doc_id"].to_numpy())
    counts = term_counts[["doc_id", "term", "n"]].copy()
    counts[col] = labels.reindex(counts["doc_id"]).to_numpy()
    counts["n_docs"] = 1
    if counts.empty:
        return group_counts(articles.iloc[:0], group_by=group_by)
    out = counts.groupby([col, "term"], sort=True)[["n", "n_docs"]].sum().reset_index()
    return out.astype({"n": "int64", "n_docs": "int64"})


def _partition_task(part: str, store_path: str, table: str, loaded: dict, out_dir: str, needs_dir: str | None
                    ) -> tuple[Any, float]:
    """:func:`compute_partition` and its seconds and CPU seconds (a worker's task)."""
    t0, c0 = time.perf_counter(), time.process_time()
    res = compute_partition(part, store_path, table, loaded, out_dir, needs_dir)
    return res, (time.perf_counter() - t0, time.process_time() - c0)


def _whole_function(func_path: str):
    """The function a ``whole`` entry of :data:`TABLES` names (``"module.function"``)."""
    module, func = func_path.rsplit(".", 1)
    return getattr(importlib.import_module(module), func)


def _whole_task(func_path: str, store_path: str, loaded: dict, out_dir: str) -> tuple[dict, float]:
    """A whole-corpus table (``near_duplicates``) computed in one worker, written as one partition."""
    from kit.compute import Engine as _Engine

    t0, c0 = time.perf_counter(), time.process_time()
    store = Store(store_path)
    df = _whole_function(func_path)(store, engine=_Engine("sync"), **loaded)
    return _write_part(store, out_dir, "part-00000", df), (time.perf_counter() - t0, time.process_time() - c0)
