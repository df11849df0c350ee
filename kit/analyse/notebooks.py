"""Derived tables for the notebooks: :func:`table` (read from a store or computed in memory), and
:func:`for_reports` (every table the report notebooks will read, computed once beforehand)."""
from __future__ import annotations

import json
import time
import weakref

import pandas as pd

from kit.analyse.partitions import _compute, _sum_groups
from kit.analyse.registry import COUNT_OPTIONS, TABLES, _canonical, _loaded, resolve_options
from kit.analyse.storage import Derived
from kit.analyse.waves import _analysis_mode, derived, ensure, ensure_all
from kit.compute import engine as make_engine
from kit.corpus.store import Store
from kit.errors import KitError


def table(corpus, name: str, *, articles: pd.DataFrame | None = None, paragraphs: pd.DataFrame | None = None,
          using: pd.DataFrame | None = None, doc_ids=None, **options) -> pd.DataFrame:
    """A derived table for a notebook: read from (or computed once into) the store when ``corpus``
    is a store folder, computed in memory from ``articles`` otherwise; the same table either way.

    ``corpus`` is what the notebook was given (a store, an older ``.parquet`` corpus or sources);
    ``articles`` (and ``paragraphs`` for ``quotes`` and ``quote_problems``) are its tables, used
    when it is not a store (quotes then come from the paragraphs of ``articles`` only, as from a store);
    ``using`` is the table this one is made from when already at hand (``frame_hits`` for
    ``frame_scores``, ``sentence_tone`` for ``article_tone``), so it is not computed twice.
    ``doc_ids`` keeps only the rows of these articles (a table with a ``doc_id`` column): read
    partition by partition with that filter from a store, so a large per-sentence table need not
    be held whole when a report needs the sentences of some articles. The last table computed in
    memory is kept for the next call with the same articles and options (a corpus that is not a
    store: the rows of several calls come from one computation).
    A missing table is computed in this process, or on the cluster named by ``DASK_SCHEDULER_ADDRESS``.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["Trade talks.", "Trade."]})
    >>> table("not/a/store", "group_counts", articles=arts, group_by="outlet")["n"].tolist()
    [1, 1, 1]
    """
    from kit.compute import reading_mode
    from kit.corpus.store import is_store

    if doc_ids is not None and name in ("group_counts", "near_duplicates"):
        raise KitError(f"doc_ids= selects the rows of some articles: {name} has no doc_id column "
                       "(pass those articles as articles= instead)")
    if doc_ids is not None:
        ids = set(pd.Series(list(doc_ids), dtype=object))
        if is_store(corpus):
            subset = _subset_ids(corpus, articles)
            ids = ids if subset is None else ids & subset
            mode = reading_mode()
            return ensure(corpus, name, mode=mode, **options).read(doc_ids=ids)
        full = table(corpus, name, articles=articles, paragraphs=paragraphs, using=using, **options)
        return full[full["doc_id"].isin(ids)].reset_index(drop=True)
    if is_store(corpus):
        mode = reading_mode()
        subset = _subset_ids(corpus, articles)
        if subset is None:
            return derived(corpus, name, mode=mode, **options)
        if name == "group_counts":  # a subset (deduplicated articles): summed again from per-article counts
            opts = resolve_options(name, options)
            terms = ensure(corpus, "term_counts", mode=mode, **{k: opts[k] for k in COUNT_OPTIONS})
            return _sum_groups_by_partition(terms, subset, articles, opts["group_by"])
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
    key = json.dumps([name, {k: _canonical(v) for k, v in sorted(opts.items())}], sort_keys=True, default=str)
    last = _LAST_TABLES.get(name)
    if using is None and last is not None and last[0]() is articles and last[1] == len(articles) and last[2] == key:
        return last[3].copy(deep=False)
    need = using
    if TABLES[name]["needs"] and need is None:
        dep = TABLES[name]["needs"]
        need = table(corpus, dep, articles=articles, **{k: v for k, v in options.items() if k in TABLES[dep]["options"]})
    out = _compute(name, articles, opts, need)
    if using is None:
        _LAST_TABLES[name] = (weakref.ref(articles), len(articles), key, out)
        return out.copy(deep=False)
    return out


#: The last table of each name computed in memory by :func:`table` (for a corpus that is not a store):
#: a weak reference to the articles it was made from, their length, the options, the table. A report
#: that asks again for the same table (the rows of some articles, or a table made from it) reuses it.
_LAST_TABLES: dict = {}


#: Partitions of per-group sums held before they are added up (:func:`_sum_groups_by_partition`).
SUM_FOLD = 8


def _sum_groups_by_partition(terms: Derived, subset: set, articles: pd.DataFrame, group_by) -> pd.DataFrame:
    """``_sum_groups`` of the stored per-article counts of ``subset``, one partition of them at a time
    (integer sums per group and term, added up every :data:`SUM_FOLD` partitions): the same table
    as on the whole ``term_counts`` table, without holding it."""
    col = group_by or "group"
    total: list[pd.DataFrame] = []

    def fold(frames):
        both = pd.concat(frames, ignore_index=True)
        return [both.groupby([col, "term"], sort=True)[["n", "n_docs"]].sum().reset_index()
                .astype({"n": "int64", "n_docs": "int64"})]

    first = None
    for part in terms.meta["partitions"]:
        counts = terms.read(part["name"], doc_ids=subset)
        first = counts.iloc[:0] if first is None else first
        if len(counts):
            total.append(_sum_groups(counts, articles, group_by))
            if len(total) > SUM_FOLD:
                total = fold(total)
    if not total:
        empty = articles.iloc[:0]
        return _sum_groups(first if first is not None else pd.DataFrame(columns=["doc_id", "term", "n"]),
                           empty if "text" in empty.columns else empty.assign(text=pd.Series(dtype="str")), group_by)
    return fold(total)[0] if len(total) > 1 else total[0]


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


def report_requests(runs: list[dict]) -> list[tuple[str, dict]]:
    """The ``(table, options)`` the report notebooks will ask :func:`table` for, from their runs' parameters.

    Notebook 01 (parameter ``period``) reads the near-duplicate pairs for its reprint share;
    notebook 02 (parameters ``target``/``kwic_terms``) reads ``group_counts`` by its ``group_by``
    with and without stopwords; notebook 03 (parameters ``dictionary`` and ``negation_window``)
    reads frame hits, scores and evidence, tone and actor mentions; notebook 04 (parameter ``n_examples``)
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
            add("frame_evidence", dictionary=d, negation_window=neg)  # every hit's sentence: frame_evidence.csv
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
    not load, say) is left to the notebook, which reports the problem itself.

    >>> import tempfile, kit
    >>> store = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], store)
    >>> [t.table for t in for_reports(store, [{"group_by": "outlet", "target": None}], quiet=True)]  # notebook 02's
    ['group_counts', 'group_counts']
    """
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
