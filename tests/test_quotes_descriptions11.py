"""Issue 11 items 1 and 2, session 11: described sources and organisations. The articles here are
written by us (fictional names and places)."""
from __future__ import annotations

import pandas as pd
import pytest

from kit.quotes import extract_quotes
from kit.quotes.attribution import _attr_after


def quotes(*texts: str) -> pd.DataFrame:
    p = pd.DataFrame({"doc_id": "x", "para_no": range(len(texts)), "role": "body", "text": list(texts)})
    q = extract_quotes(p)
    return q[q["kind"].isin(["full", "partial"])].reset_index(drop=True)


OPENING = "Senator Ann Roe of Calder spoke to the council on Monday."


@pytest.mark.parametrize("possessor, noun", [("Roe's", "office"), ("Roe’s", "office"),
                                             ("Roe's", "spokesman"), ("Roe's", "campaign")])
def test_a_possessive_description_after_the_quote(possessor, noun):
    # rule POSSESSIVE_AFTER_QUOTE: '"...," Roe's office said' names the office, not Roe
    q = quotes(OPENING, f'"The meeting will go ahead next week," {possessor} {noun} said in a statement.')
    assert q.loc[0, "speaker_mention"] == f"{possessor} {noun}"
    assert q.loc[0, "verb"] == "said"
    assert q.loc[0, "speaker"] != "Ann Roe"


def test_a_possessive_description_with_an_adverb_before_the_verb():
    assert _attr_after(" Roe's report predictably concludes.") == ("Roe's report", "concludes")


def test_a_possessive_role_with_a_name_in_apposition_still_names_the_person():
    q = quotes(OPENING, '"The meeting will go ahead," Roe\'s chief of staff, Bo Lind, said.')
    assert q.loc[0, "speaker"] == "Bo Lind"


def test_even_before_a_described_subject():
    # rule EVEN_BEFORE_SUBJECT: 'Even a senior party adviser said, "..."': 'even' opens no
    # adverbial, the description after it is the subject
    q = quotes(OPENING, 'Even a senior party adviser said Roe must choose, saying, "She cannot wait much longer."')
    assert q.loc[0, "speaker"] == "a senior party adviser"


@pytest.mark.parametrize("opener", ["Even so, ", "Even after the vote, "])
def test_even_before_an_adverbial_leaves_the_subject_after_it(opener):
    q = quotes(OPENING, f'{opener}Councilman Bo Lind said, "The vote was a mistake."')
    assert q.loc[0, "speaker"] == "Bo Lind"


@pytest.mark.parametrize("text", [
    '"The plan is dead," the influential US daily said in an editorial.',
    '"The plan is dead," said the influential US daily.',
    'The influential US daily wrote that the plan was "dead on arrival."',
])
def test_a_description_ending_in_a_noun_in_ly_is_not_cut(text):
    # rule LY_NOUN: 'daily' is the head of the description, not an adverb before the verb
    q = quotes(OPENING, text)
    assert q.loc[0, "speaker"] == "the influential US daily"


@pytest.mark.parametrize("text, speaker", [
    ('"The plan is dead," a longtime ally said.', "a longtime ally"),
    ('"The plan is dead," the treasurer quickly said.', "the treasurer"),
])
def test_nouns_and_adverbs_in_ly_after_a_quote(text, speaker):
    q = quotes(OPENING, text)
    assert q.loc[0, "speaker"] == speaker


@pytest.mark.parametrize("share", ["Forty-one percent", "Fifteen percent", "Forty-one percent of respondents"])
def test_a_spelled_share_of_people_speaks_as_a_whole(share):
    # rule SHARE_OF_PEOPLE with the number spelled: never the name 'Forty-one'
    q = quotes("Ann Roe's office ran a poll of the town.", f'{share} said the plan was "a bad idea."')
    assert q.loc[0, "speaker"] == share


@pytest.mark.parametrize("description", ["the trust", "the Harbor Trust"])
def test_an_organisation_noun_is_not_the_role_of_its_chief(description):
    # rule ORGANISATION_NOT_ROLE: 'the trust' after 'Harbor Trust director Jo Pike' is the trust
    q = quotes(OPENING, '"We will not back down," Harbor Trust director Jo Pike said.',
               f'"The plan must be stopped," {description} said in a statement.')
    assert q.loc[0, "speaker"] == "Jo Pike"
    assert q.loc[1, "speaker"] == "Harbor Trust"


def test_a_person_noun_still_names_the_role_holder():
    q = quotes(OPENING, '"We will not back down," Harbor Trust director Jo Pike said.',
               '"The plan must be stopped," the director said.')
    assert q.loc[1, "speaker"] == "Jo Pike"


@pytest.mark.parametrize("text, group", [
    ('Protesters, including Bo Lind, chanted "No more cuts!"', "Protesters"),
    ('Several residents, among them Bo Lind, called the plan "a mess."', "Several residents"),
])
def test_a_group_is_not_replaced_by_a_member_it_includes(text, group):
    # rule MEMBER_OF_GROUP: the piece naming a member is an appositive of the group
    q = quotes(OPENING, text)
    assert q.loc[0, "speaker"] == group


def test_a_name_after_a_leading_including_phrase_is_the_subject():
    q = quotes(OPENING, 'Including the mayor, Bo Lind said the plan was "a mess."')
    assert q.loc[0, "speaker"] == "Bo Lind"


@pytest.mark.parametrize("intro, speaker", [
    ("A plant executive tells the staff the line will close.", "a plant executive"),
    ("One official replied with a question.", "one official"),
])
def test_an_earlier_introduction_ends_before_its_verb(intro, speaker):
    # rule INTRODUCTION_ENDS_AT_VERB: 'the executive' refers to 'a plant executive', not to
    # 'a plant executive tells the staff ...'
    q = quotes(OPENING, intro, '"We have no choice," the ' + speaker.split()[-1] + ' said.')
    assert q.loc[0, "speaker"] == speaker
