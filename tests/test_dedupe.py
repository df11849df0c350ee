"""Near-duplicates: fixture clusters with known members, the date window, wire credits, provenance,
the dedupe switch, and pair precision / recall on reprints built from the sample corpus."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kit
from kit.dedupe import (
    dedupe,
    near_duplicate_pairs,
    plot_provenance,
    reprint_clusters,
    reprint_provenance,
    reprint_share,
    shingles,
    wire_credits,
)
from kit.dedupe_eval import cluster_pairs, pair_scores, reprint_testset
from kit.errors import KitError

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures" / "dedupe" / "tuna_reprints.json"


@pytest.fixture(scope="module")
def tuna():
    a = pd.read_json(FIX, dtype={"authors": str})
    a["published"] = pd.to_datetime(a["published"], utc=True)
    return a


def exact_sets(a, b, k=3):
    """Jaccard and containment of word 3-gram sets, computed with plain Python sets (an independent oracle)."""
    import re

    def grams(t):
        w = re.findall(r"\w+", t.lower())
        return {tuple(w[i:i + k]) for i in range(len(w) - k + 1)}

    A, B = grams(a), grams(b)
    return len(A & B) / len(A | B), len(A & B) / min(len(A), len(B))


def test_known_cluster_members_origin_and_changes(tuna):
    cl = reprint_clusters(tuna)
    assert cl["doc_id"].tolist() == ["wire1", "reprint1", "reprint2"]
    assert (cl["cluster"] == "wire1").all() and cl["is_origin"].tolist() == [True, False, False]
    r = cl.set_index("doc_id")
    # reprint1: new lede (added), original lede and last paragraph gone (removed)
    assert r.at["reprint1", "n_added"] == 1 and r.at["reprint1", "n_removed"] == 2
    assert r.at["reprint1", "added"].startswith("Nine Pacific governments")
    # reprint2: one local paragraph inserted, nothing removed
    assert r.at["reprint2", "n_added"] == 1 and r.at["reprint2", "n_removed"] == 0
    assert "northern wharf" in r.at["reprint2", "added"]
    text = tuna.set_index("doc_id")["text"]
    for d in ("reprint1", "reprint2"):
        jac, con = exact_sets(text["wire1"], text[d])
        assert r.at[d, "jaccard"] == pytest.approx(jac, abs=1e-9)
        assert r.at[d, "containment"] == pytest.approx(con, abs=1e-9)
    assert set(r["wire_credit"]) == {"AP"}


def test_date_window_and_distractor(tuna):
    pairs = near_duplicate_pairs(tuna)
    ids = set(pairs["doc_id_a"]) | set(pairs["doc_id_b"])
    assert "analysis1" not in ids  # same topic, different article
    assert "late1" not in ids  # a copy, but 75 days later
    wide = near_duplicate_pairs(tuna, window_days=None)
    assert {("wire1", "late1")} <= set(zip(wide["doc_id_a"], wide["doc_id_b"]))
    with pytest.raises(KitError, match="window_days"):
        near_duplicate_pairs(tuna, window_days=-1)


def test_wire_credits_and_provenance(tuna):
    wc = wire_credits(tuna)
    assert set(map(tuple, wc[["doc_id", "where"]].values)) >= {("wire1", "authors"), ("wire1", "first_paragraph"),
                                                                ("reprint2", "first_paragraph")}
    assert not wc["doc_id"].isin(["analysis1"]).any()
    more = pd.DataFrame({"doc_id": ["r", "f", "x"], "authors": ["By Reuters", None, None],
                         "text": ["Talks.\n\n(Reporting by A. Writer; Editing by B. Editor)",
                                  "PARIS (AFP) - Talks.", "Reuters reported that talks resumed."]})
    got = wire_credits(more)
    assert sorted(map(tuple, got[["doc_id", "agency"]].values)) == [("f", "AFP"), ("r", "Reuters"), ("r", "Reuters")]
    prov = reprint_provenance(reprint_clusters(tuna))
    assert prov[["source", "source_kind", "outlet", "n_reprints"]].values.tolist() == [
        ["AP", "wire credit", "Harbour Gazette", 1], ["AP", "wire credit", "Island Times", 1]]
    share = reprint_share(tuna, reprint_clusters(tuna)).set_index("outlet")
    assert share.at["Island Times", "reprint_share"] == 0.5 and share.at["Ocean Wire", "n_reprints"] == 0


def test_dedupe_switch(tuna):
    assert dedupe(tuna, "none")["doc_id"].tolist() == tuna["doc_id"].tolist()
    near = dedupe(tuna, "near")
    assert near["doc_id"].tolist() == ["wire1", "analysis1", "late1"]
    assert near.attrs["dedupe"] == {"mode": "near", "dropped": 2, "kept": 3, "pairs": "computed"}
    twice = pd.concat([tuna, tuna.iloc[[0]].assign(doc_id="copy-of-wire1")], ignore_index=True)
    assert dedupe(twice)["doc_id"].tolist() == tuna["doc_id"].tolist()  # exact: same body dropped
    assert tuna["doc_id"].tolist() == ["wire1", "reprint1", "reprint2", "analysis1", "late1"]  # input untouched
    with pytest.raises(KitError, match="unknown dedupe mode"):
        dedupe(tuna, "fuzzy")
    with pytest.raises(KitError, match="only to mode='near'"):
        dedupe(tuna, "exact", window_days=3)


def test_dedupe_uses_ingest_duplicates():
    arts = kit.load_corpus(ROOT / "data" / "sample").articles
    dup = pd.concat([arts, arts.iloc[[0]].assign(doc_id="dup", duplicate_of=arts["doc_id"].iloc[0])], ignore_index=True)
    assert len(dedupe(dup)) == len(arts) and len(dedupe(dup, "none")) == len(arts) + 1


def test_shingles_ignore_case_and_punctuation():
    assert np.array_equal(shingles("Talks, RESUMED: in Geneva."), shingles("talks resumed in geneva"))
    assert len(shingles("a b c d e")) == 3


@pytest.mark.parametrize("seed", [0, 1])
def test_pair_precision_recall_on_edited_sample_copies(seed):
    arts = kit.load_corpus(ROOT / "data" / "sample").articles
    test, truth = reprint_testset(arts, seed=seed)
    assert test["edits"].str.contains("trim").any() and test["edits"].str.contains("lede").any()
    found = cluster_pairs(reprint_clusters(test))
    s = pair_scores(found, truth)
    assert s["precision"] >= 0.98 and s["recall"] >= 0.95, s
    raw = pair_scores(near_duplicate_pairs(test), truth)
    assert raw["precision"] >= 0.98, raw


def test_lsh_candidates_agree_with_brute_force():
    """Every pair of the brute-force exact check above the threshold is found through LSH."""
    arts = kit.load_corpus(ROOT / "data" / "sample").articles
    test, _ = reprint_testset(arts, seed=3)
    test = test.head(60)
    found = set(zip(near_duplicate_pairs(test, window_days=None)["doc_id_a"], near_duplicate_pairs(test, window_days=None)["doc_id_b"]))
    texts = test.set_index("doc_id")["text"]
    ids = test["doc_id"].tolist()
    brute = set()
    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            if exact_sets(texts[ids[i]], texts[ids[j]])[1] >= 0.5:
                brute.add((ids[i], ids[j]))
    assert found <= brute
    assert len(found) >= 0.95 * len(brute)


def test_plot(tuna):
    import matplotlib

    matplotlib.use("Agg")
    fig = plot_provenance(reprint_provenance(reprint_clusters(tuna)))
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Harbour Gazette", "Island Times"]
    empty = plot_provenance(reprint_provenance(reprint_clusters(tuna.iloc[[3]])))
    assert empty.axes[0].texts[0].get_text() == "No reprints found"
