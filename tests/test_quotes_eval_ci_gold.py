"""The article bootstrap on our own gold files (kit.quotes_eval.score_intervals): the summed
per-article counts give score_quotes' table exactly, a hand-worked interval, and the command.
Fixtures are written by us."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from kit.cli import main
from kit.quotes_eval import (
    INTERVAL_MEASURES,
    SCOPES,
    _figures,
    article_counts,
    evaluate,
    match_quotes,
    score_intervals,
    score_quotes,
)

GOLD = Path(__file__).resolve().parent / "fixtures" / "quotes" / "gold_small.json"


def _tables():
    """Gold and predicted quotes of three invented articles: misses, a spurious scare quote,
    kinds confused and wrong speakers, so that no figure is trivially 1."""
    gold = pd.DataFrame([
        ("a", 0, "We will open the harbor bridge in May", "full", "Ann Roe"),
        ("a", 1, "a long winter", "partial", "Ann Roe"),
        ("a", 2, "saviour", "scare", None),
        ("b", 0, "The budget is not a promise but a plan", "full", "Tom Vale"),
        ("b", 1, "Nobody asked the fishermen what they needed", "full", "Lia Brandt"),
        ("c", 0, "We have counted every vote twice", "full", "the county clerk"),
    ], columns=["doc_id", "gold_no", "text", "kind", "speaker"])
    pred = pd.DataFrame([
        ("a", 0, "We will open the harbor bridge in May", "full", "Ann Roe"),
        ("a", 1, "a long winter", "scare", None),
        ("b", 0, "The budget is not a promise but a plan", "full", "Lia Brandt"),
        ("b", 1, "Nobody asked the fishermen what they needed", "full", "Lia Brandt"),
        ("b", 2, "reform", "scare", None),
        ("c", 0, "We have counted every vote twice", "full", "Tom Vale"),
    ], columns=["doc_id", "quote_no", "text", "kind", "speaker"])
    return gold, pred


def test_summed_counts_give_score_quotes_table_to_the_last_bit():
    gold, pred = _tables()
    scores = score_quotes(pred, gold)
    d = match_quotes(pred, gold)
    c = article_counts(d, articles=["a", "b", "c", "d"])
    assert c["doc_id"].tolist() == ["a", "b", "c", "d"] and c.iloc[3, 1:].sum() == 0  # 'd': no quote at all
    fig = _figures(c.drop(columns="doc_id").sum().to_numpy())
    assert np.array_equal(fig, scores[list(INTERVAL_MEASURES)].to_numpy(), equal_nan=True)
    for col, key in (("n_gold", "gold"), ("n_pred", "pred"), ("n_matched", "tp"), ("n_speaker", "n_speaker")):
        assert scores[col].tolist() == [int(c[f"{sc}_{key}"].sum()) for sc in scores["scope"]]
    s = scores.set_index("scope")
    assert 0 < s.loc["speech", "speaker_accuracy"] < 1 and s.loc["all", "precision"] == 5 / 6
    assert s.loc["scare", "precision"] == 0.0 and s.loc["scare", "f1"] == 0.0
    t = score_intervals(scores, d, articles=["a", "b", "c", "d"])
    pd.testing.assert_frame_equal(t[list(scores.columns)], scores)
    ok = t["speaker_accuracy"].notna()
    assert (t.loc[ok, "speaker_accuracy_low"] <= t.loc[ok, "speaker_accuracy"]).all()
    assert (t.loc[ok, "speaker_accuracy"] <= t.loc[ok, "speaker_accuracy_high"]).all()


def test_hand_worked_interval_on_gold_tables():
    # article A: 4 full quotes, 3 speakers right; article B: 2 full quotes, none right. Resamples:
    # AA 6/8, AB and BA 3/6, BB 0/4 with probabilities 1/4, 1/2, 1/4: the 95% interval is 0 to 0.75
    d = pd.DataFrame({"doc_id": ["A"] * 4 + ["B"] * 2, "gold_no": [0, 1, 2, 3, 0, 1], "quote_no": [0, 1, 2, 3, 0, 1],
                      "gold_kind": ["full"] * 6, "pred_kind": ["full"] * 6,
                      "speaker_ok": [True, True, True, False, False, False]})
    scores = pd.DataFrame({"scope": list(SCOPES), "speaker_accuracy": [0.5, 0.5, 0.5, np.nan, np.nan, np.nan]})
    t = score_intervals(scores, d, n_boot=4000, seed=2).set_index("scope")
    assert t.loc["full", ["speaker_accuracy_low", "speaker_accuracy_high"]].tolist() == [0.0, 0.75]
    assert np.isnan(t.loc["partial", "speaker_accuracy_low"])   # no partial quote in any resample


def test_evaluate_with_ci_keeps_the_figures(tmp_path):
    plain = evaluate([GOLD])
    with_ci = evaluate([GOLD], intervals=True, n_boot=200, seed=1)
    pd.testing.assert_frame_equal(with_ci[list(plain.columns)], plain)
    assert [c for c in with_ci.columns if c not in plain.columns] == [
        f"{m}_{e}" for m in INTERVAL_MEASURES for e in ("low", "high")]


def test_command_prints_a_second_table_and_json_columns(capsys):
    assert main(["quotes-eval", str(GOLD)]) == 0
    plain = capsys.readouterr().out
    assert main(["quotes-eval", str(GOLD), "--ci"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(plain)   # the table without --ci is printed unchanged first
    assert "article bootstrap (2000 resamples of the gold articles, seed 0, percentile)" in out
    assert out[len(plain):].splitlines()[2].split() == ["scope", "measure", "value", "low", "high"]
    assert main(["quotes-eval", str(GOLD), "--ci", "--json", "--n-boot", "100"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"f1_low", "f1_high", "speaker_accuracy_low"} <= set(rows[0])
    assert main(["quotes-eval", str(GOLD), "--n-boot", "100"]) == 2
    assert "go with --ci" in capsys.readouterr().err
