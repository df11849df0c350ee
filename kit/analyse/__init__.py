"""Analyse a corpus once, keep the results beside it: derived tables computed partition by partition.

Each derived table is the same table the in-memory function returns for the whole corpus (a test
compares them), computed one store partition at a time through :mod:`kit.compute` (in this process,
on a local cluster or on a Dask cluster) and written to the store as a Parquet dataset::

    corpus/derived/<table>/<key>/part-00000.parquet ...   one file per corpus partition
    corpus/derived/<table>/<key>/meta.json                options, kit version, fingerprint, rows

``key`` is a short hash of the corpus fingerprint, the kit version and the options that change the
table, so a second call with the same options only reads; another corpus, kit version or option
gives another key. Folders are written under a temporary name and renamed when complete.

Tables (:data:`TABLES`)
-----------------------
``term_counts``     ``doc_id, term, n``: :func:`kit.terms.count_terms` per article
``group_counts``    ``<group_by>, term, n, n_docs``: counts summed per group (a column or a period),
                    reduced exactly; keyness and log-odds of any group are arithmetic on it
``frame_hits``      :func:`kit.frames.dictionary_hits` (per-hit evidence: large)
``frame_scores``    :func:`kit.frames.frame_scores` per article and frame (reuses ``frame_hits``)
``frame_evidence``  :func:`kit.frames.frame_evidence` of every hit (reuses ``frame_hits``; large: a
                    report copies it to its CSV a chunk at a time, :func:`save_frame_evidence`)
``sentence_tone``   :func:`kit.tone.sentence_tone` (one row per sentence: large)
``article_tone``    :func:`kit.tone.article_tone` (reuses ``sentence_tone``)
``quotes``          :func:`kit.quotes.extract_quotes` on the body paragraphs
``quote_problems``  the quotation-mark problems :func:`kit.quotes.extract_quotes` finds in the same
                    pass (``return_problems=True``): stored together with ``quotes``
``actor_mentions``  :func:`kit.actors.actor_mentions`
``near_duplicates`` :func:`kit.dedupe.near_duplicate_pairs` (a whole-corpus table: computed by
                    :func:`kit.dedupe_store.store_near_duplicate_pairs`, not per partition)

Modules
-------
:mod:`kit.analyse.registry` (the tables, their options and keys), :mod:`kit.analyse.storage`
(stored tables: :class:`Derived`, :func:`find`, :func:`stored_tables`, :func:`prune_stored`, writing and publishing),
:mod:`kit.analyse.partitions` (the work on one partition, in workers), :mod:`kit.analyse.waves`
(:func:`ensure_all`, :func:`ensure`, :func:`derived`, :func:`analyse`: the missing tables computed in
waves on one engine), :mod:`kit.analyse.notebooks` (:func:`table`, :func:`for_reports`) and
:mod:`kit.analyse.reading` (a report's tables that need the texts, read one partition at a time:
:func:`with_text`, :func:`frame_evidence`, :func:`uncovered_names`, :func:`apply_frames` ...) and
:mod:`kit.analyse.article_rows` (the quotes of a report's articles read a part at a time, never
whole: :func:`rows`, and report 04's summaries reduced over the parts). Everything
is used from ``kit.analyse``; a test that changes a tuning constant (``GROUP_FOLD``,
``WORKERS_MIN_ARTICLES``) or ``compute_partition`` patches the module that reads it.
"""
# ruff: noqa: F401  (a front of re-exports: the private names are those tests and other modules use)
from __future__ import annotations

from kit.analyse.article_rows import ArticleRows, example_quotes, quote_sources, rows, save_speech_acts, top_speakers
from kit.analyse.notebooks import (
    _LAST_QUOTES_PASS,
    _near_in_process,
    _quotes_pass,
    _subset_ids,
    for_reports,
    report_requests,
    table,
)
from kit.analyse.partitions import _compute, _partition_task, _sum_groups, _whole_task, compute_partition, group_counts
from kit.analyse.reading import (
    actor_salience,
    apply_frames,
    evidence_sample,
    frame_evidence,
    reprint_clusters,
    save_frame_evidence,
    save_parquet,
    text_parts,
    uncovered_names,
    with_text,
)
from kit.analyse.registry import COUNT_OPTIONS, DEFAULT_TABLES, TABLES, _canonical, _loaded, resolve_options, table_key
from kit.analyse.storage import (
    COMPANION_DIR,
    Derived,
    _publish,
    _stored,
    _table_dtypes,
    _write_meta,
    _write_part,
    find,
    prune_stored,
    stored_tables,
)
from kit.analyse.waves import (
    GROUP_FOLD,
    TASK_COST_MS,
    WORKERS_MIN_ARTICLES,
    _analysis_mode,
    _run_wave,
    analyse,
    derived,
    ensure,
    ensure_all,
)

__all__ = ["TABLES", "DEFAULT_TABLES", "Derived", "analyse", "derived", "ensure", "ensure_all", "find", "for_reports",
           "group_counts", "report_requests", "resolve_options", "stored_tables", "prune_stored", "table",
           "text_parts", "with_text", "frame_evidence", "evidence_sample", "save_frame_evidence", "actor_salience", "uncovered_names", "apply_frames",
           "reprint_clusters", "save_parquet", "rows", "ArticleRows", "save_speech_acts", "quote_sources", "top_speakers",
           "example_quotes"]
