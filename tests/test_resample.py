"""One bootstrap for the kit: the quote scores' article intervals (kit.quotes.polnear,
kit.quotes_eval) and kit.resample.bootstrap_ci (frames, actors, tone) draw their resamples from
one function, kit.resample.resampled_sums, so one seed gives them the same resampled articles.
Fixtures are written by us."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import kit.resample
from kit.errors import KitError
from kit.quotes.polnear import score_intervals as polnear_intervals
from kit.quotes_eval import SCOPES, article_counts
from kit.quotes_eval import score_intervals as gold_intervals
from kit.resample import bootstrap_ci, percentile_interval, resampled_sums

# (right, scored) speakers per article: six invented articles, every one with a scored speaker,
# so that no resample has a zero denominator (bootstrap_ci and the quote intervals agree there)
RIGHT = np.array([3, 0, 5, 2, 1, 4])
SCORED = np.array([4, 2, 5, 3, 3, 6])


def test_resampled_sums_are_the_seeded_index_draw():
    c = np.column_stack([RIGHT, SCORED])
    idx = np.random.default_rng(17).integers(0, len(c), size=(300, len(c)))
    assert np.array_equal(resampled_sums(c, n_boot=300, seed=17), c[idx].sum(axis=1))
    assert resampled_sums(c, n_boot=3).dtype == np.int64
    assert resampled_sums(c.astype(float), n_boot=3).dtype == float


def test_blocks_do_not_change_the_draw(monkeypatch):
    c = np.column_stack([RIGHT, SCORED])
    whole = resampled_sums(c, n_boot=500, seed=3)
    monkeypatch.setattr(kit.resample, "_BLOCK_CELLS", 7)   # one or two resamples per block
    assert np.array_equal(resampled_sums(c, n_boot=500, seed=3), whole)


def test_bootstrap_ci_is_the_same_draw_as_the_quote_intervals():
    # bootstrap_ci's ratio interval, and the percentile interval of right / scored of the resampled sums
    lo, hi = bootstrap_ci(RIGHT, SCORED, n_boot=1500, seed=4)
    sums = resampled_sums(np.column_stack([RIGHT, SCORED]), n_boot=1500, seed=4)
    low, high = percentile_interval(sums[:, 0] / sums[:, 1])
    assert (lo, hi) == (low[0], high[0])
    assert lo < RIGHT.sum() / SCORED.sum() < hi


def _details(right, scored):
    """PolNeAR details rows and speech-act counts: article k has scored[k] surname quotes, right[k] right."""
    docs, ok = [], []
    for k, (r, s) in enumerate(zip(right, scored)):
        docs += [f"d{k}"] * int(s)
        ok += [True] * int(r) + [False] * int(s - r)
    d = pd.DataFrame({"doc_id": docs, "gold_id": [f"E{i}" for i in range(len(docs))], "pred_text": ["q"] * len(docs),
                      "form": ["surname"] * len(docs), "speaker_ok": ok})
    acts = pd.DataFrame({"doc_id": [f"d{k}" for k in range(len(right))], "act_tp": scored, "act_pred": scored,
                         "act_gold": scored})
    return d, acts


def test_polnear_speaker_interval_is_bootstrap_ci_of_the_same_seed():
    d, acts = _details(RIGHT, SCORED)
    summary = pd.DataFrame({"measure": ["speaker accuracy"], "n": [int(SCORED.sum())],
                            "value": [RIGHT.sum() / SCORED.sum()]})
    t = polnear_intervals({"summary": summary, "details": d, "acts": acts}, n_boot=1200, seed=9)
    assert tuple(t.loc[0, ["low", "high"]]) == bootstrap_ci(RIGHT, SCORED, n_boot=1200, seed=9)
    # another seed, other resamples
    t2 = polnear_intervals({"summary": summary, "details": d, "acts": acts}, n_boot=1200, seed=10)
    assert tuple(t2.loc[0, ["low", "high"]]) == bootstrap_ci(RIGHT, SCORED, n_boot=1200, seed=10)
    assert tuple(t2.loc[0, ["low", "high"]]) != tuple(t.loc[0, ["low", "high"]])


def test_gold_speaker_interval_is_bootstrap_ci_of_the_same_seed():
    docs, ok = [], []
    for k, (r, s) in enumerate(zip(RIGHT, SCORED)):
        docs += [f"d{k}"] * int(s)
        ok += [True] * int(r) + [False] * int(s - r)
    n = len(docs)
    d = pd.DataFrame({"doc_id": docs, "gold_no": range(n), "quote_no": range(n), "gold_kind": ["full"] * n,
                      "pred_kind": ["full"] * n, "speaker_ok": ok})
    assert article_counts(d)["doc_id"].tolist() == [f"d{k}" for k in range(len(RIGHT))]
    scores = pd.DataFrame({"scope": list(SCOPES), "speaker_accuracy": [RIGHT.sum() / SCORED.sum()] * 3 + [np.nan] * 3})
    t = gold_intervals(scores, d, n_boot=800, seed=2).set_index("scope")
    want = bootstrap_ci(RIGHT, SCORED, n_boot=800, seed=2)
    for scope in ("all", "speech", "full"):
        assert tuple(t.loc[scope, ["speaker_accuracy_low", "speaker_accuracy_high"]]) == want


def test_resampled_sums_checks_its_arguments():
    with pytest.raises(KitError, match="one row per article"):
        resampled_sums(np.zeros((0, 2)))
    with pytest.raises(KitError, match="one row per article"):
        resampled_sums(np.zeros(3))
    with pytest.raises(KitError, match="n_boot"):
        resampled_sums(np.ones((2, 2)), n_boot=0)
    with pytest.raises(KitError, match="seed"):
        resampled_sums(np.ones((2, 2)), seed=-1)
    with pytest.raises(KitError, match="ci must"):
        percentile_interval(np.ones(3), ci=1.5)
