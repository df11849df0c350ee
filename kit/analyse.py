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
``sentence_tone``   :func:`kit.tone.sentence_tone` (one row per sentence: large)
``article_tone``    :func:`kit.tone.article_tone` (reuses ``sentence_tone``)
``quotes``          :func:`kit.quotes.extract_quotes` on the body paragraphs
``quote_problems``  the quotation-mark problems :func:`kit.quotes.extract_quotes` finds in the same
                    pass (``return_problems=True``): stored together with ``quotes``
``actor_mentions``  :func:`kit.actors.actor_mentions`
``near_duplicates`` :func:`kit.dedupe.near_duplicate_pairs` (a whole-corpus table: computed by
                    :func:`kit.dedupe_store.store_near_duplicate_pairs`, not per partition)
"""
from __future__ import annotations

import hashlib
import importlib
import json
import os
import time
import uuid
import weakref
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kit import __version__
from kit.compute import MODES, Engine, sum_by
from kit.compute import engine as make_engine
from kit.corpus.store import Store
from kit.dedupe import NEAR_OPTIONS
from kit.errors import KitError

#: Options of term counting and their defaults (those of :func:`kit.terms.count_terms`).
COUNT_OPTIONS = {"stopwords": "english", "min_length": 1, "stem": False, "merge_us": True, "split_hyphens": False,
                 "ngrams": 1}
#: Every derived table: its options with defaults, and the tables it is computed from.
TABLES: dict[str, dict[str, Any]] = {
    "term_counts": {"options": COUNT_OPTIONS, "needs": None},
    "group_counts": {"options": {"group_by": "outlet", **COUNT_OPTIONS}, "needs": None},
    "frame_hits": {"options": {"dictionary": None, "negation_window": 3}, "needs": None,
                   "order": ["doc_id", "start", "frame"]},  # dictionary_hits sorts by article id
    "frame_scores": {"options": {"dictionary": None, "negation_window": 3, "min_hits": 2}, "needs": "frame_hits"},
    "sentence_tone": {"options": {}, "needs": None},
    "article_tone": {"options": {}, "needs": "sentence_tone"},
    "quotes": {"options": {"actors": None}, "needs": None, "order": ["doc_id"],  # extract_quotes: by article id
               "companion": "quote_problems"},  # made in the same pass, stored beside it
    "quote_problems": {"options": {"actors": None}, "needs": None, "order": ["doc_id"], "made_by": "quotes"},
    "actor_mentions": {"options": {"actors": None}, "needs": None},
    # whole: a function (store, engine=, **options) -> the table, for tables that are not per partition
    "near_duplicates": {"options": NEAR_OPTIONS, "needs": None, "whole": "kit.dedupe_store.store_near_duplicate_pairs"},
}
#: What ``kit analyse`` computes by default (what the report notebooks read).
DEFAULT_TABLES = ("term_counts", "group_counts", "frame_hits", "frame_scores", "sentence_tone", "article_tone")


@dataclass
class Derived:
    """A derived table in a store: where it is and what ``meta.json`` says about it."""

    store: Store
    table: str
    key: str
    meta: dict

    @property
    def path(self) -> str:
        return self.store.join("derived", self.table, self.key)

    def read(self, partition: str | None = None, columns: list[str] | None = None) -> pd.DataFrame:
        """The table (or one partition of it), with the dtypes the in-memory function gives."""
        parts = [partition] if partition is not None else [p["name"] for p in self.meta["partitions"]]
        frames = []
        for name in parts:
            with self.store.fs.open(f"{self.path}/{name}.parquet", "rb") as f:
                frames.append(pd.read_parquet(f, columns=columns))
        keep = [f for f in frames if len(f)] or frames[:1]
        out = pd.concat(keep, ignore_index=True) if len(keep) > 1 else keep[0].reset_index(drop=True)
        out = _restore_dtypes(out, self.meta.get("dtypes", {}))
        order = TABLES[self.table].get("order")
        if order and partition is None and len(out) and (columns is None or set(order) <= set(columns)):
            # each partition is sorted; a stable sort of them in partition order is the global order
            out = out.sort_values(order, kind="stable").reset_index(drop=True)
        return out


def _as_lists(v):
    """A list cell read back from Parquet (numpy arrays, nested) as the Python lists it was written from."""
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
        v = v.tolist()
    return [_as_lists(x) for x in v] if isinstance(v, list) else v


def _restore_dtypes(df: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    for col, dt in dtypes.items():
        if col not in df.columns:
            continue
        if dt == "object" and df[col].dtype == object:
            first = next((v for v in df[col] if v is not None), None)
            if first is not None and hasattr(first, "tolist") and not isinstance(first, str):
                df[col] = df[col].map(lambda v: None if v is None else _as_lists(v))
        if str(df[col].dtype) == dt:
            continue
        if dt == "object":
            s = df[col].astype(object)
            df[col] = s.where(s.notna(), None)
        else:
            df[col] = df[col].astype(dt)
    return df


# -- options and keys -----------------------------------------------------------------------------
def resolve_options(table: str, options: dict) -> dict:
    """The table's options with defaults filled in; an unknown table or option is an error.

    >>> resolve_options("group_counts", {"group_by": "month"})["group_by"], resolve_options("term_counts", {})["ngrams"]
    ('month', 1)
    """
    if table not in TABLES:
        raise KitError(f"unknown derived table {table!r} (choose from {', '.join(TABLES)})")
    known = TABLES[table]["options"]
    bad = sorted(set(options) - set(known))
    if bad:
        raise KitError(f"{table}: unknown option(s) {', '.join(bad)} (choose from {', '.join(known) or 'none'})")
    return {**known, **options}


def _loaded(table: str, options: dict) -> dict:
    """Options with the dictionary and actor list loaded (what the tasks get)."""
    out = dict(options)
    if "dictionary" in out:
        from kit.frames import load_dictionary
        out["dictionary"] = load_dictionary(out["dictionary"])
    if "actors" in out and out["actors"] is not None and not isinstance(out["actors"], pd.DataFrame):
        from kit.actors import load_actors
        out["actors"] = load_actors(out["actors"])
    return out


def _canonical(value: Any) -> Any:
    """A JSON-able stand-in for an option: loaded dictionaries and actor tables by their content."""
    if isinstance(value, pd.DataFrame):
        return {"table_sha256": hashlib.sha256(value.to_csv(index=False).encode()).hexdigest()}
    if hasattr(value, "entries") and hasattr(value, "negation"):  # a kit.frames.Dictionary
        body = value.entries[["frame", "pattern"]].to_csv(index=False) + json.dumps(value.negation, sort_keys=True)
        return {"dictionary": value.name, "sha256": hashlib.sha256(body.encode()).hexdigest()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_canonical(v) for v in (sorted(value, key=str) if isinstance(value, (set, frozenset)) else value)]
    return value


def table_key(store: Store, table: str, loaded: dict) -> tuple[str, dict]:
    """``(key, canonical options)``: the hash that names a derived table's folder."""
    canon = {k: _canonical(v) for k, v in sorted(loaded.items())}
    body = json.dumps({"table": table, "fingerprint": store.fingerprint, "kit": __version__, "options": canon},
                      sort_keys=True, default=str)
    return hashlib.sha256(body.encode()).hexdigest()[:16], canon


# -- per-partition work (runs in workers) --------------------------------------------------------
def compute_partition(part: str, store_path: str, table: str, options: dict, out_dir: str,
                      needs_dir: str | None) -> dict | pd.DataFrame:
    """Compute ``table`` for one partition of the store; per-row tables are written to
    ``out_dir/<part>.parquet`` (the worker returns only their size), group counts come back as
    partial sums to be added up."""
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
    info = _write_part(store, out_dir, part, df)
    if companion is not None:
        info["companion"] = companion
    return info


#: The sub-folder of a table being computed that holds its companion table (``quote_problems``
#: of ``quotes``) until both are published.
COMPANION_DIR = "companion"


def _write_part(store: Store, folder: str, part: str, df: pd.DataFrame) -> dict:
    """Write one partition of a derived table; ``{name, rows, dtypes}`` for its meta.json."""
    store.fs.makedirs(folder, exist_ok=True)
    with store.fs.open(f"{folder}/{part}.parquet", "wb") as f:
        pd.DataFrame(df).to_parquet(f, index=False)
    return {"name": part, "rows": len(df), "dtypes": {c: str(t) for c, t in df.dtypes.items()}}


def _read_need(store: Store, needs_dir: str | None, part: str) -> pd.DataFrame | None:
    if needs_dir is None:
        return None
    meta = json.loads(store.fs.cat_file(f"{needs_dir}/meta.json").decode())
    return Derived(store, meta["table"], meta["key"], meta).read(part)


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


# -- the store side -------------------------------------------------------------------------------
def find(store: Store | str, table: str, **options) -> Derived | None:
    """The stored table for these options, or None when it has not been computed."""
    store = store if isinstance(store, Store) else Store(store)
    opts = resolve_options(table, options)
    key, _ = table_key(store, table, _loaded(table, opts))
    return _stored(store, table, key)


def _stored(store: Store, table: str, key: str) -> Derived | None:
    """The table stored under ``key`` (its ``meta.json`` read), or None when there is none."""
    path = store.join("derived", table, key, "meta.json")
    if not store.fs.isfile(path):
        return None
    return Derived(store, table, key, json.loads(store.fs.cat_file(path).decode()))


def ensure(store: Store | str, table: str, *, engine: Engine | None = None, scheduler: str | None = None,
           mode: str = "auto", progress: bool = False, recompute: bool = False, **options) -> Derived:
    """The stored table for these options, computed (through :mod:`kit.compute`) when missing."""
    return ensure_all(store, [(table, options)], engine=engine, scheduler=scheduler, mode=mode, progress=progress,
                      recompute=recompute)[0]


#: CPU milliseconds an article of each table (measured on 2,000-article partitions of generated
#: news, 2026-12-04): :func:`ensure_all` hands the longest tasks to the workers first, so that they
#: finish together. Only the order depends on these figures, never a table.
TASK_COST_MS = {"quotes": 5.2, "frame_hits": 1.6, "actor_mentions": 1.4, "near_duplicates": 1.0,
                "sentence_tone": 0.8, "group_counts": 0.4, "term_counts": 0.3, "frame_scores": 0.05,
                "article_tone": 0.01}
#: Articles from which :func:`for_reports` and :func:`analyse` start worker processes (one per core)
#: by default. All report tables together cost about 12 ms of CPU an article; a forked local cluster
#: costs about 1 s to start and 2-4 CPU-seconds of Dask's own work, so 2 workers pay from about
#: 500 articles on an idle machine (1,000 generated articles: 11.5 s in one process, 7.9 s on 2
#: workers at load 3.6); below 1,000 the gain is too small to be worth the extra CPU on a shared one.
WORKERS_MIN_ARTICLES = 1000


@dataclass
class _Job:
    """A table to compute in :func:`ensure_all`: its options, key, the table it needs, its folder."""

    table: str
    loaded: dict
    key: str
    canon: dict
    need: tuple[str, str] | None = None  # (table, key) of the table it is made from
    tmp: str = ""
    needs_dir: str | None = None


def ensure_all(store: Store | str, requests: list[tuple[str, dict]], *, engine: Engine | None = None,
               scheduler: str | None = None, mode: str = "auto", progress: bool = False, recompute: bool = False,
               whole_on_one_worker: bool = False) -> list[Derived]:
    """Every ``(table, options)`` of ``requests`` as a stored table, the missing ones computed side by side.

    The partitions of all missing tables go to the engine as one list of tasks (the costliest
    first, :data:`TASK_COST_MS`), so a corpus of one partition still keeps every worker busy;
    tables made from another (``frame_scores``, ``article_tone``; ``group_counts`` from the
    ``term_counts`` of the same options when those are asked for too or stored) follow in a second round.
    Whole-corpus tables (``near_duplicates``) run in this process on the engine, or, with
    ``whole_on_one_worker``, as one task on a worker beside the others. Returns the tables in the
    order of ``requests``; each table's ``meta.json`` ``seconds`` (``cpu_seconds``) is its own
    compute time (CPU time) summed over its partitions.
    """
    store = store if isinstance(store, Store) else Store(store)
    if mode not in MODES:
        raise KitError(f"unknown compute mode {mode!r} (choose from {', '.join(MODES)})")
    done: dict[tuple[str, str], Derived] = {}
    jobs: dict[tuple[str, str], _Job] = {}
    companions: dict[tuple[str, str], tuple[str, str]] = {}  # quote_problems -> the quotes job making it

    def plan(table: str, options: dict, force: bool) -> tuple[str, str]:
        opts = resolve_options(table, options)
        loaded = _loaded(table, opts)
        key, canon = table_key(store, table, loaded)
        ident = (table, key)
        if ident in jobs or (ident in done and not force):
            return ident
        found = None if force else _stored(store, table, key)
        if found is not None:
            done[ident] = found
            return ident
        done.pop(ident, None)
        made_by = TABLES[table].get("made_by")
        if made_by:  # computed in the pass that makes another table (quote_problems with quotes); a maker
            # stored without it (by an older kit) is computed again
            companions[ident] = plan(made_by, opts, True)
            return ident
        job = _Job(table, loaded, key, canon)
        needs = TABLES[table]["needs"]
        if needs:
            job.need = plan(needs, {k: v for k, v in opts.items() if k in TABLES[needs]["options"]}, False)
        elif table == "group_counts":  # summed from the per-article counts when they are made too (or stored)
            counts = {k: opts[k] for k in COUNT_OPTIONS}
            counts_key = table_key(store, "term_counts", counts)[0]
            if counts_key in term_keys or _stored(store, "term_counts", counts_key) is not None:
                job.need = plan("term_counts", counts, False)
        jobs[ident] = job
        return ident

    term_keys = {table_key(store, t, _loaded(t, resolve_options(t, o)))[0] for t, o in requests if t == "term_counts"}
    wanted = [plan(table, options, recompute) for table, options in requests]
    own = engine is None
    eng = engine or make_engine(scheduler, mode=mode, n_items=len(store.partitions))
    try:
        while jobs:
            wave = [j for j in jobs.values() if j.need is None or j.need in done]
            if not wave:  # pragma: no cover (TABLES has no cycles)
                raise KitError("derived tables wait on each other: " + ", ".join(j.table for j in jobs.values()))
            for job in wave:
                del jobs[(job.table, job.key)]
            for job, meta in _run_wave(store, wave, eng, progress, recompute, done, whole_on_one_worker):
                done[(job.table, job.key)] = Derived(store, job.table, job.key, meta)
    finally:
        if own:
            eng.close()
    for ident, maker in companions.items():
        found = _stored(store, *ident)
        if found is None:  # pragma: no cover (the maker writes its companion)
            raise KitError(f"{ident[0]} was not written by {maker[0]}")
        done[ident] = found
    return [done[ident] for ident in wanted]


#: A group_counts job's partition sums are added up whenever more than this many have come back,
#: so the main process holds about this many partitions' group counts, not every partition's.
GROUP_FOLD = 8


def _run_wave(store: Store, wave: list[_Job], eng: Engine, progress: bool, recompute: bool,
              done: dict, whole_on_one_worker: bool) -> list[tuple[_Job, dict]]:
    """Compute the tables of ``wave`` (none needing another of the wave) and publish them."""
    tasks: list[tuple] = []
    owner: list[_Job] = []
    in_driver: list[_Job] = []
    for job in wave:
        job.needs_dir = done[job.need].path if job.need else None
        job.tmp = store.join("derived", job.table, f".tmp-{job.key}-{uuid.uuid4().hex[:8]}")
        store.fs.makedirs(job.tmp, exist_ok=True)
    try:
        for job in wave:
            whole = TABLES[job.table].get("whole")
            if whole and not (whole_on_one_worker and eng.mode != "sync"):
                in_driver.append(job)
            elif whole:
                tasks.append((_whole_task, whole, (store.path, job.loaded, job.tmp), {}))
                owner.append(job)
            else:
                for part in store.partitions:
                    tasks.append((_partition_task, part, (store.path, job.table, job.loaded, job.tmp, job.needs_dir),
                                  {}))
                    owner.append(job)
        order = sorted(range(len(tasks)), key=lambda i: -TASK_COST_MS.get(owner[i].table, 1.0))
        sums: dict[int, list[pd.DataFrame]] = {}  # a group_counts job's partial sums, folded as they come

        def take(i: int, res: tuple) -> tuple:
            job = owner[order[i]]
            if job.table != "group_counts":
                return res
            part, timing = res
            acc = sums.setdefault(id(job), [])
            acc.append(part)
            if len(acc) > GROUP_FOLD:
                acc[:] = [sum_by(acc, [job.loaded["group_by"] or "group", "term"], ["n", "n_docs"])]
            return None, timing

        ran = eng.run([tasks[i] for i in order], progress=progress, desc=", ".join(j.table for j in wave), take=take)
        results: dict[int, list] = {id(job): [] for job in wave}
        for i, res in zip(order, ran):
            results[id(owner[i])].append(res)
        for job in in_driver:
            t0, c0 = time.perf_counter(), time.process_time()
            df = _whole_function(TABLES[job.table]["whole"])(store, engine=eng, **job.loaded)
            results[id(job)].append((_write_part(store, job.tmp, "part-00000", df),
                                     (time.perf_counter() - t0, time.process_time() - c0)))
        out = []
        for job in wave:
            # the tasks of a job ran in partition order within its cost class (a stable sort)
            infos = [r for r, _ in results[id(job)]]
            seconds = [sum(t[i] for _, t in results[id(job)]) for i in (0, 1)]  # wall, CPU
            if job.table == "group_counts":
                t0, c0 = time.perf_counter(), time.process_time()
                col = job.loaded["group_by"] or "group"
                df = sum_by(sums.get(id(job), []), [col, "term"], ["n", "n_docs"]).astype(
                    {"n": "int64", "n_docs": "int64"})
                infos = [_write_part(store, job.tmp, "part-00000", df)]
                seconds = [seconds[0] + time.perf_counter() - t0, seconds[1] + time.process_time() - c0]
            companion = TABLES[job.table].get("companion")
            if companion:  # its companion (quote_problems) was written in the same pass: published first
                c_key, c_canon = table_key(store, companion, job.loaded)
                c_tmp = f"{job.tmp}/{COMPANION_DIR}"
                _write_meta(store, c_tmp, companion, c_key, c_canon, [r["companion"] for r in infos], seconds, eng)
                _publish(store, c_tmp, store.join("derived", companion, c_key), replace=recompute)
                if store.fs.exists(c_tmp):  # another run published the same companion first
                    store.fs.rm(c_tmp, recursive=True)
            meta = _write_meta(store, job.tmp, job.table, job.key, job.canon, infos, seconds, eng)
            _publish(store, job.tmp, store.join("derived", job.table, job.key), replace=recompute)
            out.append((job, meta))
        return out
    finally:
        for job in wave:
            if store.fs.exists(job.tmp):
                store.fs.rm(job.tmp, recursive=True)


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


def _write_meta(store: Store, folder: str, table: str, key: str, canon: dict, results: list[dict],
                seconds: list[float], eng: Engine) -> dict:
    """Write (and return) the meta.json of a computed table from its partitions' ``{name, rows, dtypes}``."""
    meta = {"table": table, "key": key, "options": canon, "kit_version": __version__,
            "fingerprint": store.fingerprint, "created": pd.Timestamp.now(tz="UTC").isoformat(),
            "rows": sum(r["rows"] for r in results), "seconds": round(seconds[0], 3),
            "cpu_seconds": round(seconds[1], 3),
            "engine": eng.describe(), "dtypes": _table_dtypes(results),
            "partitions": [{"name": r["name"], "rows": r["rows"]} for r in results]}
    with store.fs.open(f"{folder}/meta.json", "w", encoding="utf-8") as f:
        f.write(json.dumps(meta, indent=2, default=str) + "\n")
    return meta


def _table_dtypes(results: list[dict]) -> dict[str, str]:
    """The dtypes of the whole table from its partitions': a column that is all missing in one
    partition is ``object`` there, while the function on all articles gives the dtype of the values
    (text columns such as the quotes' ``note``), so the first partition with another dtype decides.

    >>> _table_dtypes([{"rows": 0, "dtypes": {"a": "int64"}}, {"rows": 2, "dtypes": {"a": "object"}},
    ...                {"rows": 1, "dtypes": {"a": "str"}}])
    {'a': 'str'}
    """
    filled = [r["dtypes"] for r in results if r["rows"]] or [r["dtypes"] for r in results[:1]]
    if not filled:
        return {}
    out = dict(filled[0])
    for col, dt in out.items():
        if dt == "object":
            out[col] = next((d[col] for d in filled if d.get(col, "object") != "object"), "object")
    return out


def _publish(store: Store, tmp: str, final: str, *, replace: bool) -> None:
    """Rename a finished table folder into place. When another run (a parallel notebook) stored the
    same table first, its copy is kept: the key says both are the same table."""
    fs = store.fs
    if fs.exists(final):
        if not replace:
            return
        fs.rm(final, recursive=True)
    try:
        fs.mv(tmp, final, recursive=True)
    except OSError:
        if not fs.isfile(f"{final}/meta.json"):
            raise


def table(corpus, name: str, *, articles: pd.DataFrame | None = None, paragraphs: pd.DataFrame | None = None,
          using: pd.DataFrame | None = None, **options) -> pd.DataFrame:
    """A derived table for a notebook: read from (or computed once into) the store when ``corpus``
    is a store folder, computed in memory from ``articles`` otherwise; the same table either way.

    ``corpus`` is what the notebook was given (a store, an older ``.parquet`` corpus or sources);
    ``articles`` (and ``paragraphs`` for ``quotes`` and ``quote_problems``) are its tables, used
    when it is not a store (quotes then come from the paragraphs of ``articles`` only, as from a store);
    ``using`` is the table this one is made from when already at hand (``frame_hits`` for
    ``frame_scores``, ``sentence_tone`` for ``article_tone``), so it is not computed twice.
    A missing table is computed in this process, or on the cluster named by ``DASK_SCHEDULER_ADDRESS``.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["Trade talks.", "Trade."]})
    >>> table("not/a/store", "group_counts", articles=arts, group_by="outlet")["n"].tolist()
    [1, 1, 1]
    """
    from kit.compute import SCHEDULER_ENV
    from kit.corpus.store import is_store

    if is_store(corpus):
        mode = "auto" if os.environ.get(SCHEDULER_ENV) else "sync"
        subset = _subset_ids(corpus, articles)
        if subset is None:
            return derived(corpus, name, mode=mode, **options)
        if name == "group_counts":  # a subset (deduplicated articles): summed again from per-article counts
            opts = resolve_options(name, options)
            terms = derived(corpus, "term_counts", mode=mode, **{k: opts[k] for k in COUNT_OPTIONS})
            return _sum_groups(terms[terms["doc_id"].isin(subset)], articles, opts["group_by"])
        full = derived(corpus, name, mode=mode, **options)
        if name == "near_duplicates":  # the pairs between the subset's articles
            return full[full["doc_id_a"].isin(subset) & full["doc_id_b"].isin(subset)].reset_index(drop=True)
        return full[full["doc_id"].isin(subset)].reset_index(drop=True)
    opts = _loaded(name, resolve_options(name, options))
    if name in ("quotes", "quote_problems"):
        if paragraphs is None:
            raise KitError(f"{name} needs the paragraphs table when the corpus is not a store")
        quotes, problems = _quotes_pass(paragraphs, articles, opts["actors"])
        return quotes.copy() if name == "quotes" else problems.copy()
    if articles is None:
        raise KitError(f"{name} needs the articles table when the corpus is not a store")
    need = using
    if TABLES[name]["needs"] and need is None:
        dep = TABLES[name]["needs"]
        need = _compute(dep, articles, {k: v for k, v in opts.items() if k in TABLES[dep]["options"]}, None)
    return _compute(name, articles, opts, need)


#: The last in-memory quotes pass: weak references to the (paragraphs, articles) it was made from (so
#: the cache never keeps a corpus alive), the actors, their lengths, and (quotes, problems).
_LAST_QUOTES_PASS: list = []


def _quotes_pass(paragraphs: pd.DataFrame, articles: pd.DataFrame | None, actors) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``extract_quotes(..., return_problems=True)`` on the paragraphs of the articles kept, made once
    for ``quotes`` and ``quote_problems`` alike (as a store makes them in one pass): asking for the
    other table with the same inputs (the same objects, unchanged in length) reuses the pass."""
    from kit.quotes import extract_quotes

    shape = (len(paragraphs), _len(articles))
    if _LAST_QUOTES_PASS:
        p_ref, a_ref, act, last_shape, result = _LAST_QUOTES_PASS
        same_actors = act is actors or (isinstance(act, str) and isinstance(actors, str) and act == actors)
        same_articles = a_ref is None if articles is None else (a_ref is not None and a_ref() is articles)
        if p_ref() is paragraphs and same_articles and same_actors and last_shape == shape:
            return result
    kept = paragraphs
    if articles is not None:  # the articles kept (a notebook dropped duplicates), as from a store
        kept = paragraphs[paragraphs["doc_id"].isin(set(articles["doc_id"]))]
    result = extract_quotes(kept, actors=actors, return_problems=True)
    _LAST_QUOTES_PASS[:] = [weakref.ref(paragraphs), None if articles is None else weakref.ref(articles), actors,
                            shape, result]
    return result


def _len(df: pd.DataFrame | None) -> int:
    return -1 if df is None else len(df)


def _subset_ids(corpus, articles: pd.DataFrame | None) -> set | None:
    """The ids of ``articles`` when they are a part of the store's articles (a notebook dropped
    duplicates), None when they are all of them (or not given)."""
    if articles is None:
        return None
    ids = set(articles["doc_id"])
    if len(ids) == Store(corpus).manifest["counts"]["articles"]:
        return None
    return ids


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


def derived(store: Store | str, table: str, **kwargs) -> pd.DataFrame:
    """A derived table as a DataFrame: read from the store, computed first when missing.

    Keyword arguments are the table's options (:data:`TABLES`) and those of :func:`ensure`
    (``engine``, ``scheduler``, ``mode``, ``progress``, ``recompute``).

    Examples
    --------
    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> counts = derived(out, "group_counts", group_by="outlet", mode="sync")
    >>> list(counts.columns)
    ['outlet', 'term', 'n', 'n_docs']
    >>> find(out, "group_counts", group_by="outlet") is not None  # stored: the next call only reads
    True
    """
    return ensure(store, table, **kwargs).read()


def analyse(store: Store | str, tables: tuple[str, ...] | list[str] = DEFAULT_TABLES, *, scheduler: str | None = None,
            mode: str = "auto", workers: int | None = None, progress: bool = False, recompute: bool = False,
            options: dict[str, dict] | None = None, quiet: bool = False) -> dict[str, Derived]:
    """Compute every table of ``tables`` that is not in the store yet, on one engine (one cluster).

    ``options`` maps a table to its options (``{"group_counts": {"group_by": "month"}}``); options
    shared by several tables (``dictionary``, ``actors``) may be given once under ``"*"``.
    Returns ``{table: Derived}``.
    """
    store = store if isinstance(store, Store) else Store(store)
    options = dict(options or {})
    shared = options.pop("*", {})
    bad = sorted(set(options) - set(TABLES))
    if bad:
        raise KitError(f"options for unknown table(s) {', '.join(bad)} (choose from {', '.join(TABLES)})")
    requests = []
    for table in tables:
        opts = {k: v for k, v in shared.items() if k in resolve_options(table, {})}
        opts.update(options.get(table, {}))
        requests.append((table, opts))
    if mode == "auto":
        mode = _analysis_mode(store, scheduler, workers)
    with make_engine(scheduler, mode=mode, workers=workers, quiet=quiet) as eng:
        found = ensure_all(store, requests, engine=eng, progress=progress, recompute=recompute)
    return dict(zip(tables, found))


def _analysis_mode(store: Store, scheduler: str | None, workers: int | None) -> str:
    """``auto`` (worker processes, or the cluster named) when a cluster or workers are asked for or
    the corpus has :data:`WORKERS_MIN_ARTICLES` articles or more; ``sync`` (this process) below."""
    from kit.compute import SCHEDULER_ENV

    address = scheduler if scheduler is not None else os.environ.get(SCHEDULER_ENV)
    if address or workers is not None:
        return "auto"
    n = int(store.manifest.get("counts", {}).get("articles", 0))
    return "auto" if n >= WORKERS_MIN_ARTICLES else "sync"


def report_requests(runs: list[dict]) -> list[tuple[str, dict]]:
    """The ``(table, options)`` the report notebooks will ask :func:`table` for, from their runs' parameters.

    Notebook 01 (parameter ``period``) reads the near-duplicate pairs for its reprint share;
    notebook 02 (parameters ``target``/``kwic_terms``) reads ``group_counts`` by its ``group_by``
    with and without stopwords; notebook 03 (parameters ``dictionary`` and ``negation_window``)
    reads frame hits and scores, tone and actor mentions; notebook 04 (parameter ``n_examples``)
    reads quotes and quotation-mark problems. Notebook 05 reads none (its ``dictionary`` is
    matched on the coded articles only). Paths are resolved as the notebooks resolve them.

    >>> report_requests([{"group_by": "month", "target": None}])[0]
    ('group_counts', {'group_by': 'month'})
    """
    from kit.paths import resolve_inputs

    wanted: list[tuple[str, dict]] = []

    seen: set[str] = set()

    def add(table: str, **options) -> None:  # options may hold actor tables: compare their content
        key = json.dumps([table, {k: _canonical(v) for k, v in sorted(options.items())}], sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            wanted.append((table, options))

    for p in runs:
        if "target" in p or "kwic_terms" in p:
            add("group_counts", group_by=p.get("group_by", "outlet"))
            add("group_counts", group_by=p.get("group_by", "outlet"), stopwords=None)
            if p.get("dedupe", "none") != "none":  # a notebook that drops copies sums per-article counts
                add("term_counts")
                add("term_counts", stopwords=None)
        if p.get("dedupe") == "near" or "period" in p:  # the dedupe switch; notebook 01's reprint share
            add("near_duplicates")
        if "n_examples" in p:  # notebook 04: quotes (and their problems, made in the same pass)
            from kit.actors import BUNDLED_ACTORS

            path = resolve_inputs(p["actors"], keep=BUNDLED_ACTORS) if p.get("actors") else None
            add("quotes", actors=path or None)
            add("quote_problems", actors=path or None)
        if "dictionary" in p and "negation_window" in p:
            from kit.actors import BUNDLED_ACTORS, load_actors
            from kit.frames import BUNDLED_DICTIONARIES, load_dictionary

            d = load_dictionary(resolve_inputs(p["dictionary"], keep=BUNDLED_DICTIONARIES))
            neg = p.get("negation_window", TABLES["frame_hits"]["options"]["negation_window"])
            add("frame_hits", dictionary=d, negation_window=neg)
            add("frame_scores", dictionary=d, negation_window=neg,
                min_hits=p.get("min_hits", TABLES["frame_scores"]["options"]["min_hits"]))
            add("sentence_tone")
            add("article_tone")
            if "actors" in p:  # as notebook 03 loads them (no actor file: an empty table)
                actors = p["actors"]
                add("actor_mentions", actors=load_actors(resolve_inputs(actors, keep=BUNDLED_ACTORS) if actors else []))
    return wanted


def for_reports(store: Store | str, runs: list[dict], *, scheduler: str | None = None, workers: int | None = None,
                log=None, quiet: bool = False) -> list[Derived]:
    """Compute once, before the notebooks run, every table they will read (see :func:`report_requests`);
    per-outlet runs then only read. All tables are computed side by side (:func:`ensure_all`): on
    worker processes (one per core) from :data:`WORKERS_MIN_ARTICLES` articles, or where
    ``scheduler`` / ``workers`` say. The near-duplicate pairs are one task of one worker below
    :data:`kit.dedupe_store.LOCAL_CLUSTER_MIN_ARTICLES` articles unless ``scheduler`` or ``workers``
    is given. A request that cannot be prepared (a dictionary file that does
    not load, say) is left to the notebook, which reports the problem itself."""
    store = store if isinstance(store, Store) else Store(store)
    mode = _analysis_mode(store, scheduler, workers)
    with make_engine(scheduler, mode=mode, workers=workers, quiet=quiet) as eng:
        try:
            requests = report_requests(runs)
        except (KitError, OSError) as e:
            if log:
                log(f"analyse: not prepared ({e}); the notebooks compute what they need")
            requests = []
        t0 = time.perf_counter()
        out = ensure_all(store, requests, engine=eng,
                         whole_on_one_worker=_near_in_process(store, scheduler, workers)) if requests else []
        where = eng.describe()
    if log:
        for (name, _), d in zip(requests, out):
            log(f"analysed {name} ({d.meta['rows']:,} rows, {d.meta.get('seconds', 0):.1f} s of compute)")
        if out:
            log(f"analysis: {time.perf_counter() - t0:.1f} s ({where})")
    return out


def _near_in_process(store: Store, scheduler: str | None, workers: int | None) -> bool:
    """True when the near-duplicate pairs run in one process (:func:`kit.dedupe_store.near_mode`)."""
    from kit.dedupe_store import near_engine

    return near_engine(store, scheduler=scheduler, workers=workers).mode == "sync"


def stored_tables(store: Store | str) -> pd.DataFrame:
    """What the store holds: ``table, key, rows, kit_version, created, options`` (one row per folder)."""
    store = store if isinstance(store, Store) else Store(store)
    rows = []
    base = store.join("derived")
    if store.fs.isdir(base):
        for meta_path in sorted(store.fs.glob(f"{base}/*/*/meta.json")):
            m = json.loads(store.fs.cat_file(meta_path).decode())
            rows.append({"table": m["table"], "key": m["key"], "rows": m["rows"], "kit_version": m["kit_version"],
                         "created": m["created"], "options": json.dumps(m["options"], sort_keys=True)})
    return pd.DataFrame(rows, columns=["table", "key", "rows", "kit_version", "created", "options"])


__all__ = ["TABLES", "DEFAULT_TABLES", "Derived", "analyse", "derived", "ensure", "ensure_all", "find", "for_reports",
           "group_counts", "report_requests", "resolve_options", "stored_tables", "table"]
