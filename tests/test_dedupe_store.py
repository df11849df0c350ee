"""Near-duplicates on the partitioned store: the same pairs as the in-memory path, partition by partition."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kit
from kit.corpus import Store, write_store
from kit.corpus.ingest import Corpus
from kit.dedupe import near_duplicate_pairs
from kit.dedupe_eval import reprint_testset
from kit.dedupe_store import banded_candidates, lsh_bands, partition_signatures, store_near_duplicate_pairs

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def reprints():
    """Sample articles plus edited copies, shuffled (partitions are not in date order), a few undated,
    dates spread so that some true copies fall outside a one-day window."""
    arts = kit.load_corpus(ROOT / "data" / "sample").articles
    test, truth = reprint_testset(arts, seed=2)
    rng = np.random.default_rng(5)
    test = test.sample(frac=1.0, random_state=7).reset_index(drop=True)
    shift = pd.to_timedelta(rng.uniform(0, 3, len(test)), unit="D")
    test["published"] = pd.to_datetime(test["published"], utc=True) + shift
    test.loc[rng.choice(len(test), 4, replace=False), "published"] = pd.NaT
    return test[["doc_id", "outlet", "title", "published", "text"]], truth


@pytest.fixture(scope="module")
def store(reprints, tmp_path_factory):
    test, _ = reprints
    paras = pd.DataFrame({"doc_id": pd.Series(dtype=str), "para_no": pd.Series(dtype="int64"),
                          "role": pd.Series(dtype=str), "text": pd.Series(dtype=str)})
    report = pd.DataFrame(columns=["source_path", "line", "record", "status", "reason", "doc_id"])
    corpus = Corpus(test, paras, report, {"fingerprint": "test", "counts": {"articles": len(test)}})
    return write_store(corpus, tmp_path_factory.mktemp("st") / "corpus", partition_size=11)


@pytest.mark.parametrize("window", [7, 1, None])
def test_store_pairs_identical_to_in_memory(reprints, store, window, monkeypatch):
    test, truth = reprints
    assert len(store.partitions) >= 5
    mem = near_duplicate_pairs(test, window_days=window)
    # the store path must never load the whole articles table
    monkeypatch.setattr(Store, "articles", lambda self, *a, **k: pytest.fail("store.articles() was called"))
    got = store_near_duplicate_pairs(store, window_days=window, mode="sync")
    pd.testing.assert_frame_equal(got, mem)
    assert len(mem) >= 0.3 * len(truth)  # a real test: many pairs (fewer in a one-day window), across partitions
    part = {d: k for k in range(len(store.partitions))
            for d in store.read_table("articles", store.partitions[k], ["doc_id"])["doc_id"]}
    assert sum(part[a] != part[b] for a, b in zip(got["doc_id_a"], got["doc_id_b"])) > 10
    if window is not None:
        assert (got["days_apart"].dropna() <= window).all()
    assert got["days_apart"].isna().any()  # undated articles are compared with every article


def test_store_path_through_near_duplicate_pairs_and_a_path(reprints, store):
    test, _ = reprints
    pd.testing.assert_frame_equal(near_duplicate_pairs(store.path), near_duplicate_pairs(test))


def test_signatures_are_datasketch_minhash(store):
    from datasketch import MinHash

    from kit.dedupe import NUM_PERM, shingles

    r = partition_signatures(store.partitions[0], store.path)
    text = store.read_table("articles", store.partitions[0], ["doc_id", "text"]).set_index("doc_id")["text"]
    m = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int)
    m.update_batch(shingles(text[r["doc_id"][0]]).tolist())
    assert np.array_equal(r["sig"][0], m.hashvalues)


def test_banding_matches_datasketch_index():
    """Candidates of the banding are exactly what datasketch's MinHashLSH index returns."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    rng = np.random.default_rng(0)
    base = rng.integers(0, 2**32, 300)
    sets = [np.unique(np.r_[base[rng.random(300) < 0.35], rng.integers(0, 2**32, 40)]) for _ in range(60)]
    sigs = []
    for s in sets:
        m = MinHash(num_perm=64, seed=1, hashfunc=int)
        m.update_batch(s.tolist())
        sigs.append(LeanMinHash(m))
    lsh = MinHashLSH(threshold=0.3, num_perm=64)
    for i, m in enumerate(sigs):
        lsh.insert(i, m)
    expect = {(min(i, j), max(i, j)) for i, m in enumerate(sigs) for j in lsh.query(m) if j != i}
    b, r = lsh_bands(0.3, 64)
    sig = np.vstack([m.hashvalues.astype(np.uint32) for m in sigs])
    got = {tuple(p) for p in banded_candidates(sig, np.zeros(len(sigs)), bands=b, rows=r, window_days=None).tolist()}
    assert got == expect and len(got) > 20


def test_window_and_undated_in_banding():
    sig = np.array([[1, 1], [1, 1], [1, 1], [1, 1]], dtype=np.uint32)
    days = np.array([0.0, 2.0, 2.5, np.nan])
    got = banded_candidates(sig, days, bands=1, rows=2, window_days=1.0).tolist()
    assert got == [[0, 3], [1, 2], [1, 3], [2, 3]]


def test_store_clusters_identical_to_in_memory(reprints, store, monkeypatch):
    from kit.dedupe import reprint_clusters
    from kit.dedupe_store import store_reprint_clusters

    test, _ = reprints
    mem = reprint_clusters(test)
    monkeypatch.setattr(Store, "articles", lambda self, *a, **k: pytest.fail("store.articles() was called"))
    got = store_reprint_clusters(store, mode="sync")
    assert len(mem) > 50 and mem["cluster"].nunique() > 10
    pd.testing.assert_frame_equal(got, mem)


class _TwoWorkers:
    """An engine that says it has two workers and runs the tasks here (the chunked cluster path without Dask)."""

    mode, workers = "local", 2

    def map(self, func, items, *args, progress=False, desc="", **kwargs):
        return [func(item, *args, **kwargs) for item in items]


def test_store_clusters_on_workers_identical_to_in_memory(reprints, store):
    """With worker processes, each task builds the clusters of some whole components: the same table."""
    from kit.dedupe import reprint_clusters
    from kit.dedupe_store import _component_chunks, store_reprint_clusters

    test, _ = reprints
    pairs = store_near_duplicate_pairs(store, mode="sync")
    chunks = _component_chunks(pairs, 3)
    assert len(chunks) == 3 and sum(map(len, chunks)) == len(pairs)
    ids = [set(c["doc_id_a"]) | set(c["doc_id_b"]) for c in chunks]
    assert not (ids[0] & ids[1]) and not (ids[0] & ids[2]) and not (ids[1] & ids[2])  # whole clusters
    got = store_reprint_clusters(store, pairs, engine=_TwoWorkers())
    pd.testing.assert_frame_equal(got, reprint_clusters(test))


@pytest.mark.slow
def test_store_clusters_on_a_local_cluster(reprints, store):
    from kit.dedupe import reprint_clusters
    from kit.dedupe_store import store_reprint_clusters

    test, _ = reprints
    got = store_reprint_clusters(store, mode="local", workers=2)
    pd.testing.assert_frame_equal(got, reprint_clusters(test))
