"""Rule CORPUS_PERSON (kit.quotes.people): one person per name across a corpus, as a table to review."""
from __future__ import annotations

import pandas as pd

from kit.quotes import extract_quotes
from kit.quotes.people import corpus_people, people_as_actors, with_people


def _quotes(*rows):
    """rows of (doc_id, speaker[, kind])"""
    return pd.DataFrame([{"doc_id": r[0], "speaker": r[1], "kind": r[2] if len(r) > 2 else "full",
                          "speaker_type": "official"} for r in rows])


def _persons(people):
    return dict(zip(people["speaker"], people["person"])), dict(zip(people["speaker"], people["rule"]))


def test_name_variants_merge_and_the_most_quoted_form_names_the_person():
    q = _quotes(("a", "Joseph R. Biden Jr."), ("b", "Joseph Biden"), ("c", "Joseph Biden"), ("d", "Joseph Biden's"),
                ("e", "JOSEPH BIDEN"))
    person, rule = _persons(corpus_people(q))
    assert set(person.values()) == {"Joseph Biden"}  # 2 quotes, more than any other form
    assert set(rule.values()) == {"same name"}


def test_middle_name_joins_only_when_it_is_the_one_longer_form():
    q = _quotes(("a", "Hillary Rodham Clinton"), ("b", "Hillary Clinton"), ("b", "Hillary Clinton"),
                ("c", "John Paul Smith"), ("d", "John Peter Smith"), ("e", "John Smith"))
    person, rule = _persons(corpus_people(q))
    assert person["Hillary Rodham Clinton"] == person["Hillary Clinton"] == "Hillary Clinton"
    assert rule["Hillary Rodham Clinton"] == "middle name" and rule["Hillary Clinton"] == "same name"
    # two different middle names: "John Smith" could be either, so nothing is merged
    assert {person[s] for s in ("John Paul Smith", "John Peter Smith", "John Smith")} == {
        "John Paul Smith", "John Peter Smith", "John Smith"}
    assert rule["John Smith"] == "not merged"


def test_surnames_descriptions_and_organisations_are_never_merged():
    q = _quotes(("a", "Clinton"), ("b", "Clinton"), ("a", "Hillary Clinton"), ("c", "a senior official"),
                ("d", "a senior official"), ("e", "Ministry of Commerce"), ("f", "the Ministry of Commerce"),
                ("g", "Bill Clinton"), ("h", None), ("i", "Hillary Clinton", "scare"))
    people = corpus_people(q)
    person, rule = _persons(people)
    assert person["Clinton"] == "Clinton" and person["Bill Clinton"] == "Bill Clinton"
    assert person["Ministry of Commerce"] == "Ministry of Commerce"
    assert set(rule.values()) == {"not merged"}
    # only speech quotes are counted; a quote without a speaker is not a row
    assert people.set_index("speaker").loc["Hillary Clinton", "n_quotes"] == 1
    assert people.set_index("speaker").loc["Clinton", ["n_quotes", "n_articles"]].tolist() == [2, 2]
    assert people["speaker"].notna().all()


def test_with_people_uses_the_reviewed_table_as_it_stands():
    q = _quotes(("a", "Antony J. Blinken"), ("b", "Antony Blinken"), ("c", "Xie Feng"), ("d", None))
    people = corpus_people(q)
    assert with_people(q, people)["person"].tolist()[:3] == ["Antony J. Blinken"] * 2 + ["Xie Feng"]
    # the reviewer undoes the merge: the edited table is used as given
    people.loc[people["speaker"] == "Antony Blinken", "person"] = "Antony Blinken"
    out = with_people(q, people)
    assert out["person"].tolist()[:3] == ["Antony J. Blinken", "Antony Blinken", "Xie Feng"]
    assert pd.isna(out["person"].iloc[3])


def test_empty_and_speakerless_tables():
    assert corpus_people(_quotes(("a", None))).empty
    assert list(corpus_people(_quotes(("a", None))).columns) == list(corpus_people(_quotes(("a", "X Y"))).columns)


def test_people_as_actors_makes_the_merge_apply_inside_articles():
    paras = pd.DataFrame({"doc_id": ["a", "b"], "para_no": [0, 0], "role": ["body", "body"], "text": [
        '"We will keep the channels open," Antony J. Blinken told reporters in Beijing on Monday.',
        '"The talks were candid and useful," Antony Blinken said after the meeting.']})
    q = extract_quotes(paras)
    assert sorted(q["speaker"]) == ["Antony Blinken", "Antony J. Blinken"]
    actors = people_as_actors(corpus_people(q))
    # equal counts: the longer form names the person; speaker_type 'unknown' is no actor type, so left missing
    assert q["speaker_type"].eq("unknown").all()
    assert actors.to_dict("records") == [{"name": "Antony J. Blinken", "type": None, "aliases": ["Antony Blinken"]}]
    again = extract_quotes(paras, actors=actors.assign(type="official"))
    assert set(again["speaker"]) == {"Antony J. Blinken"}
