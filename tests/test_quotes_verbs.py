"""Issue 11 item 1, session 10: what counts as an attribution. Rule ``VERB_SLOT``: right after a
quote closed by a comma, a question or an exclamation mark, a name or *he*/*she* and a finite verb
that ends the clause attribute the quote, whatever the verb ('"...," Roe riffed.'). The word lists
of verbs of saying cannot hold every verb reporters use there (*reacted, riffed, elaborated,
questioned, mocks*); the slot tells them apart by grammar. Rule ``VERB_BEFORE_NAME``: a verb of
saying glued in front of a two-word name ('Lawyers Say Ann Roe', a title-case headline run into the
text) is no given name. The articles here are written by us."""
from __future__ import annotations

import pandas as pd
import pytest

import kit.quotes.extract as extract_module
from kit.quotes import extract_quotes
from kit.quotes.words import SPEECH_VERBS


def quotes(*texts: str) -> pd.DataFrame:
    p = pd.DataFrame({"doc_id": "x", "para_no": range(len(texts)), "role": "body", "text": list(texts)})
    q = extract_quotes(p)
    return q[q["kind"].isin(["full", "partial"])].reset_index(drop=True)


OPENING = ('"The budget is a disgrace," Councilman Bo Lind said on Monday.',)


@pytest.mark.parametrize("verb", ["riffed", "elaborated", "mocks", "countered"])
def test_a_name_and_any_verb_after_a_quote_closed_by_a_comma(verb):
    q = quotes(*OPENING, f'"We will fix the roads before we fix the parks," Ann Roe {verb}. "The parks can wait."')
    assert q.loc[1, "speaker"] == "Ann Roe"
    assert q.loc[1, "verb"] == verb
    assert q.loc[2, "speaker"] == "Ann Roe"  # the speech act goes on with her


def test_a_pronoun_and_a_verb_after_a_question_mark():
    q = quotes(
        "Ann Roe, the treasurer, spoke after Councilman Bo Lind.",
        '"Who pays for the parks?" she questioned. "Not the city."',
    )
    assert q.loc[0, "speaker"] == "Ann Roe" and q.loc[0, "verb"] == "questioned"


def test_the_verb_before_the_name():
    q = quotes(*OPENING, '"It is a fair budget," reacted Ann Roe, the treasurer.')
    assert q.loc[1, "speaker"] == "Ann Roe" and q.loc[1, "verb"] == "reacted"


def test_a_verb_with_a_prepositional_phrase_after_it():
    q = quotes(*OPENING, '"We will fix the roads first," Ann Roe shrugged during the vote.')
    assert q.loc[1, "speaker"] == "Ann Roe" and q.loc[1, "verb"] == "shrugged"


def test_the_verbs_are_not_in_the_word_list():
    # the rule reads the slot, not a list: the verbs of the tests above are unknown to the list
    assert not {"riffed", "elaborated", "mocks", "questioned", "reacted", "shrugged"} & SPEECH_VERBS


def test_no_attribution_after_a_full_stop_nor_from_a_sentence_opener():
    q = quotes(
        '"The budget passed." Ann Roe nodded.',
        '"Will the parks close?" The council adjourned.',
    )
    assert q.loc[0, "verb"] != "nodded"
    assert q.loc[1, "verb"] != "adjourned"


def test_the_slot_is_the_rule(monkeypatch):
    # with the rule switched off the verb is not found: the speaker comes from the story instead
    monkeypatch.setattr(extract_module, "_verb_slot", lambda after: None)
    q = quotes(*OPENING, '"We will fix the roads before we fix the parks," Ann Roe riffed.')
    assert q.loc[1, "verb"] != "riffed"


# -- rule VERB_BEFORE_NAME: a verb of saying glued in front of a name is no given name ----------

GLUED = ("Judges Back the Harbor Plan, Lawyers Say Ann Roe of the Harbor Institute, a legal group, welcomed "
         "the ruling on Monday.", '"It will stand for years," Roe said.')


def test_a_headline_verb_glued_to_a_name_is_not_part_of_it():
    # a title-case headline run into the text: 'Lawyers Say Ann Roe' names Ann Roe
    q = quotes(*GLUED)
    assert q.loc[0, "speaker"] == "Ann Roe"


def test_the_glued_verb_made_a_name_before(monkeypatch):
    import kit.quotes.name_shape as name_shape
    monkeypatch.setattr(name_shape, "_headline_verb", lambda tok: False)
    q = quotes(*GLUED)
    assert q.loc[0, "speaker"] != "Ann Roe"


def test_a_longer_title_case_run_after_the_verb_is_left_alone():
    # 'Says Green Guru Ann Roe': four words after the verb are not taken for a name
    q = quotes('"Build the bridge now!" Says Green Guru Ann Roe', 'Ann Roe has campaigned for years. "It is time," she said.')
    assert "Green Guru Ann Roe" not in set(q["speaker"].dropna())
