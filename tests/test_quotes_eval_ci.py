"""Article-level (cluster) bootstrap intervals of the quote scores, checked against independent oracles:
the exact bootstrap distribution enumerated by hand (all n^n resamples of a few articles) and
``scipy.stats.bootstrap`` (paired, percentile) on a generated example. Fixtures are written by us."""
from __future__ import annotations

import itertools
import json
import shutil
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kit.cli import main
from kit.errors import KitError
from kit.quotes.polnear import (
    COUNT_COLUMNS,
    article_counts,
    evaluate_polnear,
    read_polnear,
    score_intervals,
    score_polnear,
    scores_from_counts,
    split_of,
)
from kit.resample import bootstrap_ci, percentile_interval, resampled_sums

FIX = Path(__file__).parent / "fixtures" / "polnear"
STEM = "gazette_2016-01-01_council-votes"


def _ratio(sums):
    """right / scored of summed (right, scored) columns."""
    return sums[..., 0] / sums[..., 1]


# ------------------------------------------------------------------------------------------
# Hand-worked: every resample enumerated
# ------------------------------------------------------------------------------------------

def test_two_articles_by_hand():
    # article A: 3 of 4 speakers right, article B: 0 of 2. The 2^2 = 4 equally likely resamples:
    # AA 6/8 = 0.75, AB and BA 3/6 = 0.5, BB 0/4 = 0: P(0) = 1/4, P(0.5) = 1/2, P(0.75) = 1/4,
    # so the 2.5% and 97.5% quantiles are 0 and 0.75.
    counts = np.array([[3, 4], [0, 2]])
    rep = _ratio(resampled_sums(counts, n_boot=4000, seed=7))
    assert set(np.round(rep, 9)) == {0.0, 0.5, 0.75}
    for value, p in ((0.0, 0.25), (0.5, 0.5), (0.75, 0.25)):
        assert abs(np.mean(np.isclose(rep, value)) - p) < 0.03  # binomial SD <= 0.008
    low, high = percentile_interval(rep)
    assert (low[0], high[0]) == (0.0, 0.75)


def _exact_distribution(counts):
    """{ratio: probability} over all n^n resamples, in exact fractions."""
    n = len(counts)
    dist: dict[Fraction, Fraction] = {}
    for pick in itertools.product(range(n), repeat=n):
        right = sum(counts[i][0] for i in pick)
        scored = sum(counts[i][1] for i in pick)
        v = Fraction(right, scored)
        dist[v] = dist.get(v, Fraction(0)) + Fraction(1, n ** n)
    return dict(sorted(dist.items()))


def _exact_quantile(dist, q):
    """The smallest value whose cumulative probability reaches q (the inverse CDF)."""
    cum = Fraction(0)
    for v, p in dist.items():
        cum += p
        if cum >= q:
            return v
    raise AssertionError("no quantile")


def test_four_articles_all_256_resamples():
    counts = [(2, 5), (0, 4), (2, 9), (0, 3)]   # (right, scored) per article: 4 of 21
    dist = _exact_distribution(counts)
    assert sum(dist.values()) == 1 and len(dist) == 26
    # no step of the exact CDF lies within 0.008 of 2.5% or 97.5%: there the Monte Carlo quantile
    # of 40,000 resamples is the exact one (the SD of a share near 2.5% is under 0.001)
    cum = np.cumsum([float(p) for p in dist.values()])
    assert not np.any(np.abs(cum - 0.025) < 0.008) and not np.any(np.abs(cum - 0.975) < 0.008)
    lo, hi = _exact_quantile(dist, Fraction(1, 40)), _exact_quantile(dist, Fraction(39, 40))
    # by hand: P(0) = P(only the two articles with none right) = (2/4)^4 = 1/16 > 2.5%, so the low
    # end is 0; the top atom, all four draws from article 1 (2/5), has 1/256 and the next,
    # 1/3 (three draws of it and one of article 4: 6/18), brings the CDF from 0.965 to 0.996
    assert (lo, hi) == (0, Fraction(1, 3))
    rep = _ratio(resampled_sums(np.array(counts), n_boot=40_000, seed=11))
    low, high = percentile_interval(rep)
    assert low[0] == pytest.approx(float(lo)) and high[0] == pytest.approx(float(hi))
    # and the whole distribution: every atom's share within 0.01 of its exact probability
    for v, p in dist.items():
        assert abs(np.mean(np.isclose(rep, float(v))) - float(p)) < 0.01


def test_score_intervals_on_two_hand_made_articles():
    # the same two articles as above, through the PolNeAR path: details rows and speech-act counts
    d = pd.DataFrame({"doc_id": ["A"] * 4 + ["B"] * 2, "gold_id": [f"E{i}" for i in range(6)],
                      "pred_text": ["q"] * 6, "form": ["surname"] * 6,
                      "speaker_ok": [True, True, True, False, False, False]})
    acts = pd.DataFrame({"doc_id": ["A", "B"], "act_tp": [4, 2], "act_pred": [4, 2], "act_gold": [4, 2]})
    summary = pd.DataFrame({"measure": ["speaker accuracy", "speaker accuracy: surname"], "n": [6, 6],
                            "value": [0.5, 0.5]})
    t = score_intervals({"summary": summary, "details": d, "acts": acts}, n_boot=4000, seed=3)
    assert t[["low", "high"]].to_numpy().tolist() == [[0.0, 0.75], [0.0, 0.75]]
    assert t[["measure", "n", "value"]].equals(summary)


# ------------------------------------------------------------------------------------------
# Against scipy.stats.bootstrap
# ------------------------------------------------------------------------------------------

def test_agrees_with_scipy_bootstrap_on_a_generated_example():
    from scipy.stats import bootstrap

    g = np.random.default_rng(2026)
    sizes = g.geometric(0.12, size=150)                 # quotes per article, clustered
    p_article = g.beta(8, 2, size=150)                  # each article its own accuracy
    right = g.binomial(sizes, p_article)
    ours = _ratio(resampled_sums(np.column_stack([right, sizes]), n_boot=10_000, seed=5))
    low, high = percentile_interval(ours)
    res = bootstrap((right, sizes), lambda r, s, axis=-1: r.sum(axis=axis) / s.sum(axis=axis), paired=True,
                    vectorized=True, method="percentile", n_resamples=10_000, rng=np.random.default_rng(9))
    se = ours.std()
    assert res.standard_error == pytest.approx(se, rel=0.05)
    # Monte Carlo SD of a 2.5% quantile of 10,000 resamples is about 0.03 SE for each; allow 0.25 SE
    assert abs(low[0] - res.confidence_interval.low) < 0.25 * se
    assert abs(high[0] - res.confidence_interval.high) < 0.25 * se
    # the articles make the interval wider than a binomial one over the quotes taken one by one
    acc = right.sum() / sizes.sum()
    assert high[0] - low[0] > 1.2 * 2 * 1.96 * np.sqrt(acc * (1 - acc) / sizes.sum())


def test_seeded_and_checked():
    c = np.array([[1, 2], [3, 3], [0, 5]])
    assert np.array_equal(resampled_sums(c, seed=4), resampled_sums(c, seed=4))
    assert not np.array_equal(resampled_sums(c, seed=4), resampled_sums(c, seed=5))
    with pytest.raises(ValueError, match="n_boot"):
        resampled_sums(c, n_boot=0)
    with pytest.raises(KitError, match="one row per article"):
        resampled_sums(np.zeros((0, 2)))
    with pytest.raises(KitError, match="ci must"):
        percentile_interval(np.ones(3), ci=95)


# ------------------------------------------------------------------------------------------
# PolNeAR: the per-article counts give the summary exactly
# ------------------------------------------------------------------------------------------

def _folder(tmp_path, names):
    """A PolNeAR folder holding our fixture article under each of ``names``."""
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for n in names:
        shutil.copy(FIX / "text" / f"{STEM}.txt", tmp_path / "text" / f"{n}.txt")
        shutil.copy(FIX / "attributions" / f"{STEM}_ab12.ann", tmp_path / "attributions" / f"{n}_ab12.ann")
    return tmp_path


def test_summed_article_counts_give_the_summary_to_the_last_bit(tmp_path):
    from kit.quotes import extract_quotes
    from kit.quotes.polnear import polnear_paragraphs

    arts = read_polnear(_folder(tmp_path, ["a1", "a2", "a3", "a4"]))
    q = extract_quotes(polnear_paragraphs(arts))
    # damage the kit's output so that the figures are not all 1: one article's quotes dropped,
    # another's speakers wrong, a spurious quote in a third
    q = q[q["doc_id"] != "a2"].copy()
    q.loc[q["doc_id"] == "a3", "speaker"] = "Ann Roe"
    extra = q[q["doc_id"] == "a4"].iloc[[0]].copy()
    extra["segments"] = [[(0, 8)]]
    extra["attribution_id"] = 99
    q = pd.concat([q, extra], ignore_index=True)
    res = score_polnear(arts, q)
    c = article_counts(res)
    assert c["doc_id"].tolist() == ["a1", "a2", "a3", "a4"] and list(c.columns[1:]) == list(COUNT_COLUMNS)
    assert c.loc[1, "seg_tp"] == 0 and c.loc[1, "seg_gold"] > 0 and c.loc[3, "seg_pred"] > c.loc[3, "seg_tp"]
    values = res["summary"]["value"].to_numpy()
    assert 0 < values[6] < 1 and values[0] < 1
    assert np.array_equal(scores_from_counts(c[list(COUNT_COLUMNS)].sum().to_numpy()), values, equal_nan=True)
    # the intervals leave measure, n and value as they were
    t = score_intervals(res)
    pd.testing.assert_frame_equal(t[["measure", "n", "value"]], res["summary"])
    ok = t["value"].notna()
    assert ((t.loc[ok, "low"] <= t.loc[ok, "value"]) & (t.loc[ok, "value"] <= t.loc[ok, "high"])).all()
    assert t.loc[6, "low"] < t.loc[6, "high"]


def test_an_article_with_nothing_to_count_is_still_a_cluster():
    d = pd.DataFrame({"doc_id": ["a"], "gold_id": ["E1"], "pred_text": ["x"], "form": ["full name"],
                      "speaker_ok": [True]})
    acts = pd.DataFrame({"doc_id": ["a", "b"], "act_tp": [1, 0], "act_pred": [1, 0], "act_gold": [1, 0]})
    c = article_counts({"details": d, "acts": acts})
    assert c["doc_id"].tolist() == ["a", "b"] and c.loc[1, list(COUNT_COLUMNS)].sum() == 0
    empty = article_counts({"details": pd.DataFrame(), "acts": acts})
    assert empty[list(COUNT_COLUMNS)].to_numpy().sum() == 3


# ------------------------------------------------------------------------------------------
# The command and make eval
# ------------------------------------------------------------------------------------------

def test_quotes_eval_ci_columns(tmp_path, capsys):
    folder = str(_folder(tmp_path, ["b1", "b2", "b3"]))
    assert main(["quotes-eval", "--polnear", folder, "--json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert main(["quotes-eval", "--polnear", folder, "--ci", "--json", "--n-boot", "300", "--seed", "1"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [{k: r[k] for k in ("measure", "n", "value")} for r in rows] == plain
    assert all("low" in r and "high" in r for r in rows)
    assert main(["quotes-eval", "--polnear", folder, "--ci"]) == 0
    out = capsys.readouterr().out
    assert "article bootstrap (2000 resamples of the 3 articles, seed 0" in out
    assert out.splitlines()[2].split() == ["measure", "n", "value", "low", "high"]


def test_ci_options_need_their_partners(capsys):
    assert main(["quotes-eval", "--polnear", str(FIX), "--seed", "2"]) == 2
    assert "go with --ci" in capsys.readouterr().err


def test_make_eval_rows_carry_the_interval(tmp_path):
    import io

    import evaluation.__main__ as runner

    # two articles a part: one article gets no interval (the kit's small-case convention, kit.resample)
    dev = [f"c{i}" for i in range(100) if split_of(f"c{i}") == "dev"][:2]
    held = [f"c{i}" for i in range(100) if split_of(f"c{i}") == "heldout"][:2]
    (tmp_path / "polnear-train").mkdir()
    _folder(tmp_path / "polnear-train", [*dev, *held])
    rows = runner.run(tmp_path, log=io.StringIO())   # the other dev sets are missing: skipped
    main_rows = [r for r in rows if "by rule" not in r["measure"]]
    assert {r["devset"] for r in main_rows} == {"polnear-train (dev)", "polnear-train (heldout)"}
    assert all("low" in r and "high" in r for r in main_rows)
    assert not any("low" in r for r in rows if "by rule" in r["measure"])
    text = runner.format_table(rows)
    assert text.splitlines()[0].split()[:5] == ["devset", "measure", "kit", "95%", "interval"]
    assert "1.000-1.000" in text
    md = runner.format_table(rows, markdown=True)
    assert md.splitlines()[0] == "| devset | measure | kit | 95% interval | baseline | n |"


def test_end_to_end_on_the_fixture_is_unchanged(tmp_path):
    res = evaluate_polnear(_folder(tmp_path, ["a1", "a2"]))
    t = score_intervals(res)
    assert t.loc[t["measure"] == "speaker accuracy", ["value", "low", "high"]].to_numpy().tolist() == [[1.0, 1.0, 1.0]]


def test_one_article_or_none_gets_no_interval_as_in_bootstrap_ci(tmp_path):
    # the fixture is one article: every resample is that article, so no interval (NaN), as
    # kit.resample.bootstrap_ci gives a group of one; it was a zero-width interval before session 14
    t = score_intervals(evaluate_polnear(FIX)).set_index("measure")
    assert t.loc["speaker accuracy", "value"] == 1.0
    assert t[["low", "high"]].isna().all().all()
    assert np.isnan(bootstrap_ci([1.0])).all()
    # n_boot=0 turns the intervals off, as bootstrap_ci's does (it raised before)
    two = evaluate_polnear(_folder(tmp_path, ["a1", "a2"]))
    assert score_intervals(two)[["low", "high"]].notna().any().all()
    assert score_intervals(two, n_boot=0)[["low", "high"]].isna().all().all()
    assert np.isnan(bootstrap_ci([1.0, 0.0], n_boot=0)).all()
    # the gold-file scorer: one article, and none (it raised before)
    from kit.quotes_eval import score_intervals as gold_intervals

    d = pd.DataFrame({"doc_id": ["a", "a"], "gold_no": [0, 1], "quote_no": [0, 1], "gold_kind": ["full"] * 2,
                      "pred_kind": ["full"] * 2, "speaker_ok": [True, False]})
    scores = pd.DataFrame({"scope": ["full"], "speaker_accuracy": [0.5]})
    for details in (d, d.head(0)):
        t = gold_intervals(scores, details)
        assert t[["speaker_accuracy_low", "speaker_accuracy_high", "f1_low"]].isna().all().all()
