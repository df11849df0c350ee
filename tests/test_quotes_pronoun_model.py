"""The candidate features of rule PRONOUN_MODEL (kit.quotes.pronoun_model; the model is off)."""
import json

import pandas as pd
import pytest

import kit.quotes.pronoun_model as pm
import kit.quotes.pronouns as pronouns
from kit.quotes import extract_quotes

# written by us: the paragraph's subject (Lena Marsh), then two people named in passing
TEXT = ("Lena Marsh, a bus driver in Kendal, spoke at the depot on Monday.",
        "Marsh said the vote for Tom Reyes and the letter to Ana Ruiz had changed little. "
        "\u201cWe keep driving,\u201d she said.")


def _paragraphs():
    return pd.DataFrame({"doc_id": ["d1"] * 2, "para_no": [0, 1], "role": ["body"] * 2, "text": list(TEXT)})


@pytest.fixture
def collected(monkeypatch):
    monkeypatch.setattr(pm, "COLLECT", [])
    quotes = extract_quotes(_paragraphs())
    return quotes, list(pm.COLLECT)


def test_candidates_and_features(collected):
    quotes, log = collected
    assert quotes["speaker"].tolist() == ["Lena Marsh"]
    (doc, pos, rule, cands), = log                            # one 'she', one decision
    assert doc == "d1" and rule.name == "Lena Marsh"
    feats = {e.name: dict(zip(pm.FEATURES, x)) for e, x in cands}
    assert set(feats) == {"Lena Marsh", "Tom Reyes", "Ana Ruiz"}   # gender of the two others unknown
    marsh, ruiz = feats["Lena Marsh"], feats["Ana Ruiz"]
    assert marsh["is_rule_choice"] == 1 and ruiz["is_rule_choice"] == 0
    assert marsh["is_paragraph_subject"] == 1 and ruiz["latest_passing"] == 1
    assert marsh["latest_passing"] == 0 and marsh["introduced"] == 0
    assert ruiz["recency_rank"] == 0 and marsh["recency_rank"] > 0    # Ruiz is named last
    assert marsh["mentions_so_far"] > ruiz["mentions_so_far"]


def test_model_picks_subject_over_passing_name(collected, tmp_path, monkeypatch):
    _, log = collected
    _, _, rule, cands = log[-1]
    w = {f: 0.0 for f in pm.FEATURES}
    w.update(is_paragraph_subject=2.0, latest_passing=-1.0, recency_rank=-0.5)
    f = tmp_path / "m.json"
    f.write_text(json.dumps({"features": list(pm.FEATURES), "weights": [w[k] for k in pm.FEATURES],
                             "intercept": 0.0, "card": {"what": "hand-set for a test"}}))
    model = pm.load_model(f)
    assert pm.choose(cands, rule, model).name == "Lena Marsh"
    # the arithmetic is the logistic regression's: intercept + weights . features
    x = dict(zip(pm.FEATURES, cands[0][1]))
    assert pm.score(cands[0][1], model) == pytest.approx(sum(w[k] * x[k] for k in pm.FEATURES))
    # with the model on, the quote goes where the model says; a model preferring a name in
    # passing shows that the switch is live
    w2 = {k: 0.0 for k in pm.FEATURES}
    w2.update(latest_passing=5.0)
    f2 = tmp_path / "m2.json"
    f2.write_text(json.dumps({"features": list(pm.FEATURES), "weights": [w2[k] for k in pm.FEATURES], "intercept": 0.0}))
    monkeypatch.setattr(pronouns, "PRONOUN_MODEL", str(f2))
    assert extract_quotes(_paragraphs())["speaker"].tolist() == ["Ana Ruiz"]
    monkeypatch.setattr(pronouns, "PRONOUN_MODEL", str(f))
    assert extract_quotes(_paragraphs())["speaker"].tolist() == ["Lena Marsh"]


def test_model_file_with_other_features_is_refused(tmp_path):
    f = tmp_path / "old.json"
    f.write_text(json.dumps({"features": ["is_rule_choice"], "weights": [1.0], "intercept": 0.0}))
    with pytest.raises(ValueError, match="old.json"):
        pm.load_model(f)


def test_no_candidate_keeps_the_rules_choice():
    assert pm.choose([], "rule", {"weights": [], "intercept": 0.0}) == "rule"


@pytest.mark.parametrize("ids, want", [
    ([3, 3, 1], [(1, "Ana Ruiz"), (3, "Lena Marsh"), (3, "Tom Reyes")]),
    (pd.array([2, 2, pd.NA], dtype="Int64"), [(2, "Lena Marsh"), (2, "Tom Reyes")]),   # a missing id is skipped
    ([2.0, 2.0, float("nan")], [(2.0, "Lena Marsh"), (2.0, "Tom Reyes")]),
    (pd.Categorical(["c", "d", "c"]), [("c", "Lena Marsh"), ("c", "Ana Ruiz"), ("d", "Tom Reyes")]),
])
def test_articles_grouped_by_doc_id(ids, want):
    """extract_quotes reads each article's paragraphs from plain lists (no pandas group per
    article): every kind of id keeps an article's paragraphs together, in doc_id order."""
    paras = pd.DataFrame({"doc_id": ids, "para_no": [0, 1, 2], "role": "body",
                          "text": ["\u201cWe keep driving,\u201d said Lena Marsh.", "\u201cNo,\u201d said Tom Reyes.",
                                   "\u201cYes,\u201d said Ana Ruiz."]})
    q = extract_quotes(paras)
    assert list(zip(q["doc_id"], q["speaker"])) == want
