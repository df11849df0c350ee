"""Rule SPEAKER_MODEL (kit.quotes.speaker_model): the candidate listing, its features, the
run-time choice and the pieces of the training script. Fixtures are invented sentences."""
from __future__ import annotations

import json

import pandas as pd
import pytest

import kit.quotes.speaker_model as sm
from evaluation import _train_speaker_model as tr
from kit.quotes import extract_quotes

PARAS = [
    "Senator Ann Roe met the mayor, Tom Vale, at the harbour on Monday.",
    'Roe said the port needed "a new breakwater before the winter storms."',
    "Vale, a former engineer, was less sure.",
    '"We cannot pay for it this year," he said.',
]


def _paras(texts=PARAS) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": "a1", "para_no": list(range(len(texts))), "role": "body", "text": texts})


@pytest.fixture
def collected(monkeypatch):
    log: list = []
    monkeypatch.setattr(sm, "COLLECT", log)
    quotes = extract_quotes(_paras())
    return quotes, log


def _features(cands, name):
    return next(dict(zip(sm.FEATURES, x)) for e, x in cands if e.name == name)


def test_candidates_hold_the_rules_choice_and_the_persons_named_before(collected):
    quotes, log = collected
    assert len(log) == 2  # one record per quote of speech
    doc, start, rule_ent, rule, cands = log[1]
    assert doc == "a1" and start == quotes["start"].iloc[1]
    assert rule_ent.name == "Tom Vale" and rule == quotes["speaker_rule"].iloc[1]
    names = {e.name for e, _ in cands}
    assert {"Ann Roe", "Tom Vale"} <= names
    assert all(len(x) == len(sm.FEATURES) for _, x in cands)


def test_features_describe_each_candidate(collected):
    _, log = collected
    cands = log[1][4]
    vale, roe = _features(cands, "Tom Vale"), _features(cands, "Ann Roe")
    assert vale["is_rule_choice"] == 1.0 and vale["rule_pronoun"] == 1.0 and roe["is_rule_choice"] == 0.0
    assert vale["introduced"] == 1.0          # 'Vale, a former engineer, ...'
    assert vale["sentences_away"] < roe["sentences_away"]
    assert roe["is_previous_speaker"] == 1.0  # Roe spoke the quote before
    assert vale["kind_person"] == 1.0 and vale["full_name"] == 1.0
    assert vale["pronoun_disagrees"] == 0.0
    first = _features(log[0][4], "Ann Roe")
    assert first["same_sentence"] == 1.0 and first["says_nearby"] == 1.0 and first["rule_name"] == 1.0


def test_listing_candidates_changes_no_quote(monkeypatch):
    before = extract_quotes(_paras())
    monkeypatch.setattr(sm, "COLLECT", [])
    after = extract_quotes(_paras())
    pd.testing.assert_frame_equal(before, after)


def _model_file(tmp_path, weights: dict, min_score=None):
    doc = {"features": list(sm.FEATURES), "weights": [weights.get(f, 0.0) for f in sm.FEATURES], "intercept": 0.0}
    if min_score is not None:
        doc["min_score"] = min_score
    path = tmp_path / "m.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def test_model_on_overrides_the_rules_and_names_its_rule(tmp_path, monkeypatch):
    # weights that prefer the previous quote's speaker over the rules' choice
    monkeypatch.setattr(sm, "SPEAKER_MODEL", _model_file(tmp_path, {"is_previous_speaker": 5.0, "is_rule_choice": 1.0}))
    q = extract_quotes(_paras())
    assert q["speaker"].tolist() == ["Ann Roe", "Ann Roe"]
    assert q["speaker_rule"].iloc[1] == "SPEAKER_MODEL"


def test_model_below_its_min_score_keeps_the_rules(tmp_path, monkeypatch):
    monkeypatch.setattr(sm, "SPEAKER_MODEL", _model_file(
        tmp_path, {"is_previous_speaker": 5.0, "is_rule_choice": 1.0}, min_score=6.0))
    q = extract_quotes(_paras())
    assert q["speaker"].tolist() == ["Ann Roe", "Tom Vale"]
    assert "SPEAKER_MODEL" not in q["speaker_rule"].tolist()


def test_model_off_by_default():
    assert sm.SPEAKER_MODEL is None and sm.COLLECT is None
    assert extract_quotes(_paras())["speaker"].tolist() == ["Ann Roe", "Tom Vale"]


def test_a_model_with_other_features_is_refused(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"features": ["a"], "weights": [1.0], "intercept": 0.0}), encoding="utf-8")
    with pytest.raises(ValueError, match="features"):
        sm.load_model(path)


def test_pronoun_it_disagrees_with_a_person(monkeypatch):
    log: list = []
    monkeypatch.setattr(sm, "COLLECT", log)
    extract_quotes(_paras([
        "Dr. Lena Holt studies storms at the Marsh Institute.",
        'The Marsh Institute issued a warning. "The dikes are too low," it said.',
    ]))
    assert log[-1][3] == "PRONOUN_ORGANISATION"
    assert _features(log[-1][4], "Lena Holt")["pronoun_disagrees"] == 1.0
    assert _features(log[-1][4], "the Marsh Institute")["pronoun_disagrees"] == 0.0


def _decision(doc, rule_ok, cands, form="pronoun"):
    return {"doc_id": doc, "form": form, "rule": "PRONOUN_FOLLOWS_STORY", "rule_ok": rule_ok, "cands": cands}


def test_pick_keeps_the_rules_unless_beaten_by_margin_and_probability():
    import numpy as np

    d = _decision("d", False, [("A", [1.0, 0.0], False, True), ("B", [0.0, 1.0], True, False)])
    assert tr.pick(d, np.array([1.0, 2.0]), 0.0) == 1
    assert tr.pick(d, np.array([1.0, 2.0]), 0.0, margin=1.5) == 0
    assert tr.pick(d, np.array([1.0, 2.0]), -5.0, min_prob=0.5) == 0
    assert tr.pick(_decision("d", False, []), np.array([1.0, 2.0]), 0.0) is None


def test_summarise_counts_gains_losses_and_their_articles():
    res = [{"fold": 0, "rules": False, "model": True, "changed": True, "doc_id": "a", "form": "pronoun"},
           {"fold": 0, "rules": True, "model": False, "changed": True, "doc_id": "b", "form": "pronoun"},
           {"fold": 1, "rules": True, "model": True, "changed": False, "doc_id": "c", "form": "surname"}]
    s = tr.summarise(res)["all"]
    assert (s["n"], s["rules"], s["model"], s["gains"], s["losses"], s["gain_articles"]) == (3, 2, 2, 1, 1, 1)


def test_every_rule_family_names_a_speaker_rule():
    from kit.quotes.columns import SPEAKER_RULES

    assert set(sm.RULE_FAMILIES) <= set(SPEAKER_RULES)
    assert "SPEAKER_MODEL" in SPEAKER_RULES
