"""Speakers on real news without gold: ``evaluation.speaker_check`` (session 14, branch fdcheck).

The articles here are invented; the stored coding is checked for its shape only.
"""
from __future__ import annotations

import pandas as pd
from helpers import frames_dev_folder

import evaluation.speaker_check as sc


def _devset(tmp_path):
    return frames_dev_folder(tmp_path, ['The harbour plan moved ahead. "We counted every bird on the shore," said Cy Marr, the '
                                        'program director at the Heron Alliance. The agency called the plan "a fair start."',
                                        '"Sales will grow next year," said Dee Holt, chief executive of Holt Shipping Company.'])


def _coding(tmp_path, root):
    from kit.corpus import load_corpus

    arts = load_corpus([str(root / "articles.csv")], column_map={"published": "date"}).articles
    a, b = arts["doc_id"].astype(str).tolist()
    ta, tb = arts["text"].tolist()
    first = ta.index("We counted")
    second = tb.index("Sales")
    rows = [  # (doc, start, end, gold, form)
        (a, first, ta.index(',"', first) + 1, "Cy Marr", "person"),          # right
        (a, ta.index("a fair"), ta.index('."') + 1, "none", "none"),         # the kit gives a speaker: wrong
        (b, second, tb.index(',"') + 1, "Ann Holt", "person"),               # another person: wrong
        (b, 0, 3, "Dee Holt", "person"),                                      # no such quote: not found
    ]
    coding = pd.DataFrame(rows, columns=["doc_id", "start", "end", "gold_speaker", "gold_form"])
    coding = coding.assign(half=[0, 0, 1, 1], note="", stratum="FULL_NAME", weight=1.0)
    path = tmp_path / "coding.csv"
    coding.to_csv(path, index=False)
    return path


def test_scored_finds_quotes_by_offsets_and_applies_the_match_rule(tmp_path):
    root = _devset(tmp_path)
    s = sc.scored(tmp_path, _coding(tmp_path, root))
    assert s["found"].tolist() == [True, True, True, False]
    assert s["speaker"].tolist()[0] == "Cy Marr" and s["speaker"].tolist()[3] is None
    assert s["right"].tolist() == [True, False, False, False]


def test_evaluate_rows(tmp_path, monkeypatch):
    root = _devset(tmp_path)
    monkeypatch.setattr(sc, "CODING", _coding(tmp_path, root))
    rows = {r["measure"]: r for r in sc.evaluate(tmp_path)}
    acc = rows["speaker accuracy by the text (coded quotes)"]
    assert acc["kit"] == 0.25 and acc["n"] == 4 and acc["baseline"] == 0.25 and acc["low"] <= 0.25 <= acc["high"]
    assert rows["speaker accuracy by the text, half 0"]["kit"] == 0.5
    assert rows["speaker accuracy by the text, half 1"]["kit"] == 0.0
    assert rows["speaker precision (kit gives a speaker)"]["n"] == 3
    assert rows["coded quotes no longer found"]["kit"] == 1
    assert rows["quotes the kit gives no speaker"]["kit"] == 0.25


def test_same_speaker_rules():
    assert sc.same_speaker("Ann B. Roe", "Ann Roe", "person")             # the PolNeAR same-person test
    assert not sc.same_speaker("Sen. Ann Roe", "Ann Roe", "person")       # a title glued to the name is wrong
    assert not sc.same_speaker("Roe", "Ann Roe", "person")                # a surname for a full name is not
    assert sc.same_speaker("Ann Roe", "Roe", "person")                    # the article gives the surname only
    assert sc.same_speaker("The Harbor Agency", "Harbor Agency/HA", "org")
    assert sc.same_speaker("HA", "Harbor Agency/HA", "org")
    assert not sc.same_speaker("Harbor", "Harbor Agency", "org")          # organisations: exact
    assert not sc.same_speaker("a city official", "a senior city official", "desc")
    assert sc.same_speaker(None, "none", "none") and not sc.same_speaker("Ann Roe", "none", "none")
    assert not sc.same_speaker(None, "Ann Roe", "person")


def test_the_stored_coding_holds_names_and_short_descriptions_only():
    c = pd.read_csv(sc.CODING, keep_default_na=False)
    assert list(c.columns) == ["doc_id", "start", "end", "gold_speaker", "gold_form", "half", "note", "stratum",
                               "weight"]
    assert len(c) == 197 and set(c["half"]) == {0, 1}
    assert set(c["gold_form"]) == {"person", "org", "desc", "none"}
    assert (c.loc[c["gold_form"] == "none", "gold_speaker"] == "none").all()
    assert (c["end"] >= c["start"]).all()
    # no article text: every accepted string is at most seven words
    assert c["gold_speaker"].str.split("/").explode().str.split().str.len().max() <= 7
