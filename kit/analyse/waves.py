"""Computing stored tables: :func:`ensure_all` plans the missing tables and runs them in waves on one
engine (the costliest tasks first); :func:`ensure`, :func:`derived` and :func:`analyse` on top."""
from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass

import pandas as pd

from kit.analyse.partitions import _partition_task, _whole_function, _whole_task
from kit.analyse.registry import COUNT_OPTIONS, DEFAULT_TABLES, TABLES, _loaded, resolve_options, table_key
from kit.analyse.storage import COMPANION_DIR, Derived, _publish, _stored, _write_meta, _write_part
from kit.compute import MODES, Engine, sum_by
from kit.compute import engine as make_engine
from kit.corpus.store import Store
from kit.errors import KitError


def ensure(store: Store | str, table: str, *, engine: Engine | None = None, scheduler: str | None = None,
           mode: str = "auto", progress: bool = False, recompute: bool = False, **options) -> Derived:
    """The stored table for these options, computed (through :mod:`kit.compute`) when missing.

    >>> import tempfile, kit
    >>> store = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], store)
    >>> derived = ensure(store, "term_counts")
    >>> derived.table, ensure(store, "term_counts").key == derived.key  # the second time: read, not computed
    ('term_counts', True)
    """
    return ensure_all(store, [(table, options)], engine=engine, scheduler=scheduler, mode=mode, progress=progress,
                      recompute=recompute)[0]


#: CPU milliseconds an article of each table (measured on 2,000-article partitions of generated
#: news, 2026-12-04): :func:`ensure_all` hands the longest tasks to the workers first, so that they
#: finish together. Only the order depends on these figures, never a table.
TASK_COST_MS = {"quotes": 5.2, "frame_hits": 1.6, "actor_mentions": 1.4, "near_duplicates": 1.0,
                "sentence_tone": 0.8, "frame_evidence": 0.8, "group_counts": 0.4, "term_counts": 0.3, "frame_scores": 0.05,
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

    >>> import tempfile, kit
    >>> store = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], store)
    >>> tables = ensure_all(store, [("term_counts", {}), ("frame_scores", {"dictionary": "generic_frames"})])
    >>> [t.table for t in tables]
    ['term_counts', 'frame_scores']
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
    >>> from kit.analyse import find
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

    >>> import tempfile, kit
    >>> store = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], store)
    >>> sorted(analyse(store, ("term_counts", "group_counts"), options={"group_counts": {"group_by": "outlet"}}))
    ['group_counts', 'term_counts']
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
