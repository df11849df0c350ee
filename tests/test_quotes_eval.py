"""Tests for kit/quotes_eval.py: matching, precision/recall/F1 and speaker accuracy by hand."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kit.errors import KitError
from kit.quotes_eval import load_gold, match_quotes, score_quotes, speaker_key

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "quotes"


def gold(*rows):
    return pd.DataFrame([{"doc_id": d, "gold_no": i, "text": t, "kind": k, "speaker": s}
                         for i, (d, t, k, s) in enumerate(rows)])


def pred(*rows):
    return pd.DataFrame([{"doc_id": d, "quote_no": i, "text": t, "kind": k, "speaker": s}
                         for i, (d, t, k, s) in enumerate(rows)])


def test_coverage_threshold_is_80_percent_of_gold_tokens():
    g = gold(("a", "one two three four five", "full", "X"))
    # 4 of 5 gold tokens covered: 0.8 -> match
    m = match_quotes(pred(("a", "one two three four", "full", "X")), g)
    assert m.loc[0, "coverage"] == 0.8 and m.loc[0, "quote_no"] == 0
    # 3 of 5: 0.6 -> no match (one missed gold, one spurious prediction)
    m = match_quotes(pred(("a", "one two three", "full", "X")), g)
    assert m["quote_no"].isna().sum() == 1 and m["gold_no"].isna().sum() == 1
    # extra predicted words do not hurt coverage; case and punctuation are ignored
    m = match_quotes(pred(("a", "ONE, two; three four five and more", "full", "X")), g)
    assert m.loc[0, "coverage"] == 1.0


def test_matching_is_one_to_one_and_within_articles():
    g = gold(("a", "we will win", "full", "X"), ("b", "we will win", "full", "X"))
    p = pred(("a", "we will win", "full", "X"), ("a", "we will win", "full", "X"))
    s = score_quotes(p, g).set_index("scope")
    # a's gold matches one prediction; the second prediction is spurious; b's gold is missed
    assert s.loc["all", ["n_gold", "n_pred", "n_matched"]].tolist() == [2, 2, 1]
    assert s.loc["all", "precision"] == pytest.approx(0.5)
    assert s.loc["all", "recall"] == pytest.approx(0.5)


def test_scores_by_hand():
    g = gold(("a", "alpha beta gamma", "full", "Ana Ruiz"),
             ("a", "delta epsilon", "partial", "Bo Li"),
             ("a", "spy", "scare", None),
             ("a", "The Long Table", "title", None),
             ("a", "zeta eta theta iota", "full", "Ana Ruiz"))
    p = pred(("a", "alpha beta gamma", "full", "ana ruiz"),        # match, speaker ok (case)
             ("a", "delta epsilon", "full", "Bo Li"),               # span match, wrong kind
             ("a", "spy", "scare", None),                           # match
             ("a", "kappa lambda", "full", "Cy Do"))                # spurious
    s = score_quotes(p, g).set_index("scope")
    # all: 3 matched of 5 gold and 4 predicted
    assert s.loc["all", "precision"] == pytest.approx(3 / 4)
    assert s.loc["all", "recall"] == pytest.approx(3 / 5)
    assert s.loc["all", "f1"] == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    # full: pairs with both kinds full = 1; predicted full 3, gold full 2
    assert s.loc["full", ["n_gold", "n_pred", "n_matched"]].tolist() == [2, 3, 1]
    assert s.loc["full", "f1"] == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
    # speech: gold full+partial 3, predicted full+partial 3, matched 2 (kind mix allowed)
    assert s.loc["speech", ["n_gold", "n_pred", "n_matched"]].tolist() == [3, 3, 2]
    assert s.loc["speech", "speaker_accuracy"] == pytest.approx(1.0)
    assert s.loc["scare", "f1"] == pytest.approx(1.0)
    assert s.loc["title", "recall"] == pytest.approx(0.0)
    assert pd.isna(s.loc["title", "precision"])  # nothing predicted as a title


def test_speaker_accuracy_counts_wrong_and_missing_speakers():
    g = gold(("a", "one two", "full", "Ana Ruiz"), ("a", "three four", "full", "the Pentagon"),
             ("a", "five six", "full", "Bo Li"))
    p = pred(("a", "one two", "full", "Bo Li"), ("a", "three four", "full", "Pentagon"),
             ("a", "five six", "full", None))
    s = score_quotes(p, g).set_index("scope")
    assert s.loc["full", "speaker_accuracy"] == pytest.approx(1 / 3)


def test_speaker_key():
    assert speaker_key("The Foreign Ministry") == speaker_key("foreign ministry")
    assert speaker_key("Whitcombe’s") == "whitcombe"
    assert speaker_key(float("nan")) is None
    assert speaker_key("Daniel Okoro") != speaker_key("Grace Okoro")


def test_score_rejects_missing_columns():
    with pytest.raises(KitError, match="lacks columns"):
        score_quotes(pd.DataFrame({"doc_id": ["a"]}), gold(("a", "x", "full", None)))


def test_load_gold_reads_sources_and_inline_text():
    paras, g, arts = load_gold([FIXTURES / "gold_small.json"])
    assert len(arts) == 3
    assert g.groupby("title").size().to_dict() == {"Bakery closes": 2, "Inline article": 1, "Port talks stall": 3}
    inline = arts[arts["title"] == "Inline article"].iloc[0]
    assert inline["outlet"] == "Inline Daily"
    assert paras[paras["doc_id"] == inline["doc_id"]]["text"].tolist() == [
        "LONDON -- A quiet day.", '"It was quiet," said Tom Reed, a police officer.']


def test_load_gold_errors(tmp_path):
    bad_kind = tmp_path / "bad.json"
    bad_kind.write_text(json.dumps({"articles": [{"title": "t", "text": "x", "quotes": [{"text": "x", "kind": "quote"}]}]}))
    with pytest.raises(KitError, match="kind"):
        load_gold([bad_kind])
    missing = tmp_path / "missing.json"
    missing.write_text(json.dumps({"articles": [{"title": "t", "source": "nowhere/x.txt", "quotes": []}]}))
    with pytest.raises(KitError, match="not found"):
        load_gold([missing])
    wrong_title = tmp_path / "wrong.json"
    wrong_title.write_text(json.dumps({"articles": [{"title": "No such headline",
                                                     "source": str(FIXTURES / "two_articles.jsonl"), "quotes": []}]}))
    with pytest.raises(KitError, match="no article titled"):
        load_gold([wrong_title])
    with pytest.raises(KitError, match="'articles' list"):
        (tmp_path / "shape.json").write_text("[]")
        load_gold([tmp_path / "shape.json"])


@pytest.mark.slow
def test_cli_quotes_eval_prints_figures():
    out = subprocess.run([sys.executable, "-m", "kit", "quotes-eval", str(FIXTURES / "gold_small.json"), "--json"],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    rows = {r["scope"]: r for r in json.loads(out.stdout)}
    assert rows["all"]["n_gold"] == 6
    assert rows["full"]["f1"] == pytest.approx(1.0)
    assert rows["speech"]["speaker_accuracy"] == pytest.approx(1.0)
    text = subprocess.run([sys.executable, "-m", "kit", "quotes-eval", str(FIXTURES / "gold_small.json"), "--errors"],
                          capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert "speaker_accuracy" in text and "0 problem(s)" in text
    bad = subprocess.run([sys.executable, "-m", "kit", "quotes-eval", "no/such/file.json"],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "not found" in bad.stderr


def test_matching_is_a_maximum_matching_not_greedy():
    # Q3: gold A has 10 tokens, gold B 2. P1 = A + B covers both fully; P2 covers 9 of A's 10
    # tokens (0.9 >= 0.8). Greedy best-coverage-first takes A-P1 (coverage 1.0) and leaves B and
    # P2 unmatched (precision = recall = F1 = 1/2). The maximum matching is A-P2, B-P1: 2 pairs,
    # precision = recall = F1 = 2/2 = 1.
    a = "a1 a2 a3 a4 a5 a6 a7 a8 a9 a10"
    g = gold(("d", a, "full", "X"), ("d", "b1 b2", "full", "Y"))
    p = pred(("d", a + " b1 b2", "full", "Y"), ("d", "a1 a2 a3 a4 a5 a6 a7 a8 a9", "full", "X"))
    m = match_quotes(p, g)
    assert m[["gold_no", "quote_no", "coverage"]].values.tolist() == [[0, 1, 0.9], [1, 0, 1.0]]
    s = score_quotes(p, g).set_index("scope")
    assert s.loc["all", ["n_matched", "precision", "recall", "f1"]].tolist() == [2, 1.0, 1.0, 1.0]
    assert s.loc["full", "speaker_accuracy"] == pytest.approx(1.0)


def test_matching_prefers_higher_coverage_when_the_count_ties():
    # one gold quote, two candidate predictions: both match (coverage 1.0 and 0.8); the better one wins
    g = gold(("d", "one two three four five", "full", "X"))
    p = pred(("d", "one two three four", "full", "X"), ("d", "one two three four five", "full", "X"))
    m = match_quotes(p, g)
    assert m[["gold_no", "quote_no", "coverage"]].dropna().values.tolist() == [[0, 1, 1.0]]
    # equal coverage: the prediction with fewer extra tokens wins
    p = pred(("d", "one two three four five six seven", "full", "X"), ("d", "one two three four five six", "full", "X"))
    assert match_quotes(p, g).loc[0, "quote_no"] == 1
