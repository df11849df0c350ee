"""Near-duplicate pairs on a partitioned corpus store, partition by partition.

:func:`store_near_duplicate_pairs` finds the same pairs as :func:`kit.dedupe.near_duplicate_pairs`
does on the whole articles table in memory (a test checks it), without holding the article texts of
the corpus at once:

1. **Signatures per partition** (mapped over the store's partitions by :mod:`kit.compute`, in this
   process or on Dask workers): each task reads ``doc_id``, ``text`` and ``published`` of one
   partition, shingles the texts and computes their MinHash signatures (the same datasketch
   permutations as the in-memory path), and returns only ``doc_id``, the publication day and the
   signature (``num_perm`` 32-bit values, 512 bytes an article by default).
2. **LSH banding across partitions**: the signature is cut into the ``b`` bands of ``r`` rows that
   ``datasketch.MinHashLSH`` chooses for ``lsh_threshold`` and ``num_perm``; articles whose values in
   some band are equal are candidates (the rule of datasketch's index, computed here with one sort
   per band over all articles). Inside a bucket, articles are ordered by day and paired only with
   those at most ``window_days`` later (undated articles with every member), so a steady flow of
   news gives work linear in the corpus.
3. **Exact check by partition**: the shingles of the articles that have a candidate partner are
   computed again, partition by partition, and each candidate pair gets the exact Jaccard and
   containment; a pair is kept when ``containment >= min_containment``.

**Where it runs.** Unless told otherwise, near-duplicate detection runs in one process below
:data:`LOCAL_CLUSTER_MIN_ARTICLES` articles and on a local Dask cluster (one worker per core) from
there (:func:`near_mode`, used by ``kit dedupe STORE`` and ``kit run``'s preparation); a named
scheduler (``--scheduler``, ``$DASK_SCHEDULER_ADDRESS``) or a number of workers always wins.

Memory of the driver: the signatures (``num_perm * 4`` bytes an article) and the shingles of the
articles that have a candidate partner (reprints and their origins), never the texts of the corpus.
"""
from __future__ import annotations

import os

import numpy as np
import pandas as pd

from kit.dedupe import (
    LSH_THRESHOLD,
    MIN_CONTAINMENT,
    MINHASH_SEED,
    NUM_PERM,
    SHINGLE_WORDS,
    WINDOW_DAYS,
    _days,
    _Signer,
    _similarity,
    check_options,
    shingles,
    sort_clusters,
)
from kit.errors import KitError

__all__ = ["corpus_pairs", "near_mode", "near_engine", "LOCAL_CLUSTER_MIN_ARTICLES", "store_near_duplicate_pairs", "store_reprint_clusters", "partition_signatures", "banded_candidates", "lsh_bands"]

#: Columns of the pairs table (the same as :func:`kit.dedupe.near_duplicate_pairs`).
PAIR_COLUMNS = ["doc_id_a", "doc_id_b", "jaccard", "containment", "days_apart"]
#: Articles from which near-duplicate detection starts a local Dask cluster by default; below, one
#: process. On 2 cores one process was faster at 10,000 and 50,000 articles
#: (``benchmarks/bench_dedupe.py``: "one process" vs "2 worker processes"): starting the workers and
#: shipping the signatures back cost more than the second core saves. 100,000 (the size the kit is
#: built for) and above use every core.
LOCAL_CLUSTER_MIN_ARTICLES = 100_000


def near_mode(n_articles: int, *, scheduler: str | None = None, workers: int | None = None) -> str:
    """The compute mode (:func:`kit.compute.engine`) for near-duplicate detection over ``n_articles``.

    ``"sync"`` (one process) below :data:`LOCAL_CLUSTER_MIN_ARTICLES`, else ``"auto"`` (a local
    cluster). An explicit choice wins: a scheduler address (``scheduler``, or
    ``$DASK_SCHEDULER_ADDRESS`` when ``scheduler`` is None; ``""`` names none) or ``workers`` gives
    ``"auto"``, which runs there (``workers=1``: one process).

    >>> near_mode(20_000), near_mode(200_000)
    ('sync', 'auto')
    >>> near_mode(20_000, workers=2), near_mode(20_000, scheduler="tcp://10.0.0.5:8786")
    ('auto', 'auto')
    """
    from kit.compute import SCHEDULER_ENV

    address = scheduler if scheduler is not None else os.environ.get(SCHEDULER_ENV)
    if address or workers is not None:
        return "auto"
    return "sync" if n_articles < LOCAL_CLUSTER_MIN_ARTICLES else "auto"


def near_engine(store, *, scheduler: str | None = None, workers: int | None = None, quiet: bool = False):
    """The :class:`kit.compute.Engine` (not started) for near-duplicate detection on a store, by
    its size (:func:`near_mode`).

    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> near_engine(out).describe()  # a few articles: no cluster
    'in this process'
    """
    from kit.compute import engine
    from kit.corpus.store import Store

    st = store if isinstance(store, Store) else Store(store)
    n = int(st.manifest.get("counts", {}).get("articles", 0))
    return engine(scheduler, mode=near_mode(n, scheduler=scheduler, workers=workers), workers=workers,
                  n_items=len(st.partitions), quiet=quiet)


def lsh_bands(lsh_threshold: float = LSH_THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """``(bands, rows)`` that ``datasketch.MinHashLSH`` picks for a threshold and signature length.

    >>> lsh_bands(0.2, 128)
    (28, 2)
    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


def partition_signatures(partition: str, store_path: str, *, num_perm: int = NUM_PERM, seed: int = MINHASH_SEED,
                         shingle_words: int = SHINGLE_WORDS) -> dict:
    """MinHash signatures of one partition of a store (the per-partition task of step 1).

    Returns
    -------
    dict
        ``doc_id`` (array of str), ``days`` (float days since 1970, NaN when undated) and ``sig``
        (``uint32`` array of shape ``(n, num_perm)``), for the articles with at least one word.

    Examples
    --------
    >>> import tempfile
    >>> from kit.corpus import build_corpus, write_store
    >>> s = write_store(build_corpus("tests/fixtures/webcopy"), tempfile.mkdtemp() + "/corpus")
    >>> r = partition_signatures(s.partitions[0], s.path)
    >>> r["sig"].shape[1], r["sig"].dtype.name, len(r["doc_id"]) == len(r["days"])
    (128, 'uint32', True)
    """
    from kit.corpus.store import Store

    store = Store(store_path)
    cols = ["doc_id", "text"] + (["published"] if "published" in _columns(store, partition) else [])
    df = store.read_table("articles", partition, columns=cols)
    signer = _Signer(num_perm, seed)
    days = _days(df["published"]) if "published" in df.columns else np.full(len(df), np.nan)
    ids, keep_days, sigs = [], [], []
    for d, t, day in zip(df["doc_id"].astype(str), df["text"].tolist(), days):
        m = signer(shingles(t, shingle_words))
        if m is None:
            continue
        ids.append(d)
        keep_days.append(day)
        sigs.append(m.hashvalues.astype(np.uint32))  # datasketch keeps values below 2**32
    sig = np.vstack(sigs) if sigs else np.zeros((0, num_perm), dtype=np.uint32)
    return {"doc_id": np.array(ids, dtype=object), "days": np.array(keep_days, dtype=float), "sig": sig}


def _columns(store, partition: str) -> list[str]:
    import pyarrow.parquet as pq

    with store.fs.open(store.join("articles", f"{partition}.parquet"), "rb") as f:
        return pq.read_schema(f).names


def _spans(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Pairs ``(a, b)`` for every ``a`` and every ``b`` in ``starts[a] <= b < ends[a]`` (vectorised)."""
    counts = np.maximum(ends - starts, 0)
    total = int(counts.sum())
    a = np.repeat(np.arange(len(starts)), counts)
    offset = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.column_stack([a, np.repeat(starts, counts) + offset])


def _band_pairs(bucket: np.ndarray, days: np.ndarray, window_days: float | None) -> np.ndarray:
    """Index pairs ``(i, j)`` of articles in the same bucket of one band, inside the date window.

    Dated articles are sorted by (bucket, day) and each is paired with the later ones of its bucket
    at most ``window_days`` away (all of them when ``window_days`` is None); an undated article is
    paired with every member of its bucket.
    """
    n = len(bucket)
    undated = np.isnan(days)
    out = []
    dated = np.flatnonzero(~undated)
    if len(dated) > 1:
        if window_days is None:
            order = dated[np.argsort(bucket[dated], kind="stable")]
            b = bucket[order]
            ends = np.searchsorted(b, b, side="right")
        else:
            order = dated[np.lexsort((days[dated], bucket[dated]))]
            b, d = bucket[order], days[order]
            # one sorted key: buckets spaced further apart than the whole date range plus the window
            gap = float(np.nanmax(d) - np.nanmin(d)) + float(window_days) + 2.0
            key = b * gap + (d - np.nanmin(d))
            ends = np.minimum(np.searchsorted(key, key + window_days + 1e-6, side="right"),
                              np.searchsorted(b, b, side="right"))
        p = _spans(np.arange(1, len(order) + 1), ends)
        p = order[p]
        if window_days is not None:  # the exact rule of the in-memory path
            p = p[np.abs(days[p[:, 0]] - days[p[:, 1]]) <= window_days]
        out.append(p)
    for u in np.flatnonzero(undated):  # undated articles are rare: one vector per article
        others = np.flatnonzero((bucket == bucket[u]) & (np.arange(n) != u))
        out.append(np.column_stack([np.full(len(others), u), others]))
    if not out:
        return np.zeros((0, 2), dtype=np.int64)
    p = np.vstack(out)
    return np.column_stack([p.min(axis=1), p.max(axis=1)])


def banded_candidates(sig: np.ndarray, days: np.ndarray, *, bands: int, rows: int,
                      window_days: float | None = WINDOW_DAYS) -> np.ndarray:
    """Candidate pairs of LSH banding: rows ``(i, j)``, ``i < j``, of articles equal in at least one
    band, inside the date window (undated articles are paired with every bucket member).

    >>> sig = np.array([[1, 2, 3, 4], [1, 2, 9, 9], [7, 7, 3, 4], [5, 6, 7, 8]], dtype=np.uint32)
    >>> banded_candidates(sig, np.array([0.0, 1.0, 30.0, 0.0]), bands=2, rows=2, window_days=7).tolist()
    [[0, 1]]
    >>> banded_candidates(sig, np.array([0.0, 1.0, 30.0, 0.0]), bands=2, rows=2, window_days=None).tolist()
    [[0, 1], [0, 2]]
    """
    n = len(sig)
    keys = []
    for b in range(bands):
        band = np.ascontiguousarray(sig[:, b * rows:(b + 1) * rows]).view(np.dtype((np.void, 4 * rows))).ravel()
        _, bucket, counts = np.unique(band, return_inverse=True, return_counts=True)
        shared = np.flatnonzero(counts[bucket] > 1)
        if len(shared) < 2:
            continue
        p = _band_pairs(bucket[shared].astype(np.int64), days[shared], window_days)
        keys.append(shared[p[:, 0]].astype(np.int64) * n + shared[p[:, 1]])
    if not keys:
        return np.zeros((0, 2), dtype=np.int64)
    key = np.unique(np.concatenate(keys))
    return np.column_stack([key // n, key % n])


def _partition_shingles(partition: str, store_path: str, wanted: list[str], shingle_words: int) -> dict:
    """``doc_id -> shingles`` of the ``wanted`` articles of one partition (the task of step 3)."""
    from kit.corpus.store import Store

    df = Store(store_path).read_table("articles", partition, columns=["doc_id", "text"])
    want = set(wanted)
    return {d: shingles(t, shingle_words) for d, t in zip(df["doc_id"].astype(str), df["text"].tolist()) if d in want}


def store_near_duplicate_pairs(store, *, window_days: float | None = WINDOW_DAYS,
                               min_containment: float = MIN_CONTAINMENT, num_perm: int = NUM_PERM,
                               lsh_threshold: float = LSH_THRESHOLD, shingle_words: int = SHINGLE_WORDS,
                               seed: int = MINHASH_SEED, engine=None, scheduler: str | None = None,
                               mode: str = "auto", workers: int | None = None,
                               progress: bool = False) -> pd.DataFrame:
    """Near-duplicate pairs of a corpus store, computed partition by partition (see the module docs).

    Parameters
    ----------
    store : a :class:`kit.corpus.Store` or its path
    window_days, min_containment, num_perm, lsh_threshold, shingle_words, seed : as in
        :func:`kit.dedupe.near_duplicate_pairs` (same defaults, same pairs)
    engine : a :class:`kit.compute.Engine` to run on (else one made from ``scheduler``, ``mode``,
        ``workers`` by :func:`kit.compute.engine`)
    progress : show a progress bar per step

    Returns
    -------
    DataFrame
        ``doc_id_a``, ``doc_id_b`` (``a`` before ``b`` in store order: partitions in order, rows in
        order), ``jaccard``, ``containment``, ``days_apart``, sorted by ``doc_id_a``, ``doc_id_b``.

    Examples
    --------
    >>> import tempfile
    >>> from kit.corpus import build_corpus, write_store
    >>> s = write_store(build_corpus("tests/fixtures/webcopy"), tempfile.mkdtemp() + "/corpus")
    >>> list(store_near_duplicate_pairs(s, mode="sync").columns)
    ['doc_id_a', 'doc_id_b', 'jaccard', 'containment', 'days_apart']
    """
    from kit.compute import engine as make_engine
    from kit.corpus.store import Store

    check_options(window_days=window_days, min_containment=min_containment)
    st = store if isinstance(store, Store) else Store(store)
    parts = st.partitions
    own = engine is None
    eng = engine or make_engine(scheduler, mode=mode, workers=workers, n_items=len(parts))
    try:
        sigs = eng.map(partition_signatures, parts, st.path, num_perm=num_perm, seed=seed,
                       shingle_words=shingle_words, progress=progress, desc="signatures")
        ids = np.concatenate([s["doc_id"] for s in sigs]) if sigs else np.zeros(0, dtype=object)
        if len(set(ids)) != len(ids):
            dup = pd.Series(ids)[pd.Series(ids).duplicated()].iloc[0]
            raise KitError(f"{st.path}: doc_id {dup!r} appears more than once in the store")
        days = np.concatenate([s["days"] for s in sigs]) if sigs else np.zeros(0)
        part_of = np.concatenate([np.full(len(s["doc_id"]), k) for k, s in enumerate(sigs)]) if sigs else np.zeros(0, int)
        sig = np.vstack([s["sig"] for s in sigs]) if sigs else np.zeros((0, num_perm), dtype=np.uint32)
        del sigs
        b, r = lsh_bands(lsh_threshold, num_perm)
        cand = banded_candidates(sig, days, bands=b, rows=r, window_days=window_days)
        del sig
        need = np.unique(cand.ravel())
        wanted = [ids[need[part_of[need] == k]].tolist() for k in range(len(parts))]
        todo = [k for k in range(len(parts)) if wanted[k]]
        found = eng.map(_partition_shingles_item, [(parts[k], wanted[k]) for k in todo], st.path, shingle_words,
                        progress=progress, desc="exact check")
    finally:
        if own:
            eng.close()
    sh = {}
    for f in found:
        sh.update(f)
    rows = []
    for i, j in cand:
        dd = abs(days[i] - days[j])
        jac, con = _similarity(sh[ids[i]], sh[ids[j]])
        if con >= min_containment:
            rows.append((ids[i], ids[j], jac, con, dd))
    out = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    return out.sort_values(["doc_id_a", "doc_id_b"], kind="stable").reset_index(drop=True)


def _partition_shingles_item(item: tuple, store_path: str, shingle_words: int) -> dict:
    partition, wanted = item
    return _partition_shingles(partition, store_path, wanted, shingle_words)


def _partition_members(partition: str, store_path: str, wanted: list[str]) -> pd.DataFrame:
    from kit.corpus.store import Store

    store = Store(store_path)
    cols = [c for c in ("doc_id", "text", "published", "outlet", "authors") if c in _columns(store, partition)]
    df = store.read_table("articles", partition, columns=cols)
    return df[df["doc_id"].astype(str).isin(set(wanted))]


def store_reprint_clusters(store, pairs: pd.DataFrame | None = None, *, engine=None, mode: str = "auto",
                           scheduler: str | None = None, workers: int | None = None, **options) -> pd.DataFrame:
    """:func:`kit.dedupe.reprint_clusters` of a corpus store: the pairs found partition by partition
    (:func:`store_near_duplicate_pairs` with ``options``, unless ``pairs`` is given), then the
    clusters built from the texts of the clustered articles only (read partition by partition).

    >>> import tempfile
    >>> from kit.corpus import build_corpus, write_store
    >>> s = write_store(build_corpus("tests/fixtures/webcopy"), tempfile.mkdtemp() + "/corpus")
    >>> list(store_reprint_clusters(s, mode="sync").columns)[:4]
    ['cluster', 'doc_id', 'outlet', 'published']
    """
    from kit.compute import engine as make_engine
    from kit.corpus.store import Store
    from kit.dedupe import reprint_clusters

    st = store if isinstance(store, Store) else Store(store)
    own = engine is None
    eng = engine or make_engine(scheduler, mode=mode, workers=workers, n_items=len(st.partitions))
    try:
        if pairs is None:
            pairs = store_near_duplicate_pairs(st, engine=eng, **options)
        elif options:
            raise KitError(f"options {sorted(options)} apply only when pairs is None")
        k = options.get("shingle_words", SHINGLE_WORDS)
        chunks = _component_chunks(pairs, 1 if eng.mode == "sync" else max(2, eng.workers or os.cpu_count() or 2))
        if len(chunks) > 1:  # worker processes: each builds the clusters of some components
            found = eng.map(_chunk_clusters, chunks, st.path, k, progress=False, desc="clusters")
            return sort_clusters(pd.concat(found, ignore_index=True))
        members = set(pairs["doc_id_a"]) | set(pairs["doc_id_b"])
        parts = eng.map(_partition_members, st.partitions, st.path, sorted(members))
    finally:
        if own:
            eng.close()
    arts = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["doc_id", "text"])
    return reprint_clusters(arts, pairs, shingle_words=k)


def _component_chunks(pairs: pd.DataFrame, n: int) -> list[pd.DataFrame]:
    """The pairs cut into at most ``n`` parts of whole clusters (connected components), balanced by size."""
    if n <= 1 or len(pairs) < 2:
        return [pairs]
    from kit.dedupe import pair_roots

    root = pairs["doc_id_a"].map(pair_roots(pairs))
    sizes = root.value_counts()
    load, chunk_of = [0] * n, {}
    for r, size in sizes.items():  # largest first, each to the lightest chunk
        i = load.index(min(load))
        chunk_of[r] = i
        load[i] += size
    which = root.map(chunk_of)
    return [pairs[which == i] for i in range(n) if (which == i).any()]


def _chunk_clusters(pairs: pd.DataFrame, store_path: str, shingle_words: int) -> pd.DataFrame:
    """:func:`kit.dedupe.reprint_clusters` of some whole clusters, their texts read from every partition."""
    from kit.corpus.store import Store
    from kit.dedupe import reprint_clusters

    members = sorted(set(pairs["doc_id_a"]) | set(pairs["doc_id_b"]))
    parts = [_partition_members(p, store_path, members) for p in Store(store_path).partitions]
    return reprint_clusters(pd.concat(parts, ignore_index=True), pairs, shingle_words=shingle_words)


def corpus_pairs(corpus, articles: pd.DataFrame | None = None, *, mode: str | None = None, engine=None,
                 **options) -> pd.DataFrame | None:
    """The near-duplicate pairs of a corpus store, computed once per corpus and options, then read.

    The pairs (:func:`store_near_duplicate_pairs`) are a derived table of the store
    (``derived/near_duplicates/<key>/``, :mod:`kit.analyse`; the key follows the corpus fingerprint,
    the kit version and ``options``), so every report and per-outlet run of a batch reads the
    table that ``kit run`` (or the first caller) stored. Whether an article pair is a
    near-duplicate depends only on the two articles (their shingles and days apart), so the pairs
    of a part of the corpus are the stored pairs between its articles.

    Parameters
    ----------
    corpus : a corpus store (path or :class:`kit.corpus.Store`); anything else gives None
    articles : when given, only the pairs between these articles; None (compute in memory instead)
        when one of them is not in the store, or its publication date differs from the store's (a
        report that set an implausible date to missing changes which pairs the window allows)
    mode : where a missing table is computed (:func:`kit.compute.engine`; default in this process,
        or on the cluster of ``$DASK_SCHEDULER_ADDRESS``)
    engine : a :class:`kit.compute.Engine` to compute a missing table on (instead of ``mode``;
        :func:`near_engine` chooses one by the corpus size)
    options : those of :func:`kit.dedupe.near_duplicate_pairs` (an unknown one is an error)

    Returns
    -------
    DataFrame or None
        The columns of :func:`kit.dedupe.near_duplicate_pairs`, sorted the same way.

    Examples
    --------
    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> list(corpus_pairs(out).columns)
    ['doc_id_a', 'doc_id_b', 'jaccard', 'containment', 'days_apart']
    >>> from kit.analyse import find
    >>> find(out, "near_duplicates") is not None  # stored: the next call only reads
    True
    >>> corpus_pairs("not/a/store") is None
    True
    """

    from kit.analyse import derived
    from kit.compute import reading_mode
    from kit.corpus.store import Store, is_store

    if not (isinstance(corpus, Store) or is_store(corpus)):
        return None
    st = corpus if isinstance(corpus, Store) else Store(corpus)
    mode = mode or reading_mode()
    if articles is not None and not _same_articles(st, articles):
        return None
    pairs = derived(st, "near_duplicates", mode=mode, engine=engine, **options)
    if articles is None:
        return pairs
    ids = set(articles["doc_id"].astype(str))
    keep = pairs["doc_id_a"].isin(ids) & pairs["doc_id_b"].isin(ids)
    return pairs[keep].reset_index(drop=True)


def _same_articles(store, articles: pd.DataFrame) -> bool:
    """True when every article is in the store with the same publication day (NaN = undated)."""
    if not store.partitions:
        return len(articles) == 0
    cols = ["doc_id"] + (["published"] if "published" in _columns(store, store.partitions[0]) else [])
    have = store.articles(cols)
    ids = articles["doc_id"].astype(str).to_numpy()
    stored = pd.Series(_days(have["published"]) if "published" in have else np.full(len(have), np.nan),
                       index=have["doc_id"].astype(str).to_numpy())
    if not pd.Index(ids).isin(stored.index).all():
        return False
    mine = _days(articles["published"]) if "published" in articles.columns else np.full(len(ids), np.nan)
    theirs = stored.reindex(ids).to_numpy()
    return bool(np.all((mine == theirs) | (np.isnan(mine) & np.isnan(theirs))))
