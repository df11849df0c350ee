"""Session 17, branch speakers17: speakers that are no entity. A speaker string whose shape cannot be a
speaker (a thing, an event, a date, a verb phrase or a clause) gives way to the next candidate or to no
speaker. The articles here are written by us (fictional names, places and outlets)."""
from __future__ import annotations

import pandas as pd
import pytest

from kit.quotes import extract_quotes


def quotes(*texts: str) -> pd.DataFrame:
    p = pd.DataFrame({"doc_id": "x", "para_no": range(len(texts)), "role": "body", "text": list(texts)})
    return extract_quotes(p).reset_index(drop=True)


INTRO = "Harbor engineer Ilsa Marlow has led the ferry project since 2019."


# --- rule ACCORDING_TO_THING --------------------------------------------------------------------

def test_according_to_plan_names_no_source():
    # before: 'plan' spoke the quote (LATEST_SPEAKER after 'according to plan' was read as an attribution)
    q = quotes(INTRO, 'If the work runs according to plan, by 2027 Marlow says the ferry will cross the bay. '
                      '"This is the biggest crossing built here in fifty years."')
    assert q.loc[0, "speaker"] == "Ilsa Marlow"


@pytest.mark.parametrize("sentence", [
    'A port toll set according to the tonnage each ship carries has been praised as a "fair and simple" method.',
    'The ferry is "behind schedule," according to the grade of the steel.',
])
def test_according_to_a_measure_is_no_attribution(sentence):
    # before: 'the tonnage each ship carries', 'the grade of the steel' (DESCRIPTION_KEPT)
    q = quotes(INTRO, sentence)
    assert q["speaker"].isna().all()


@pytest.mark.parametrize("sentence, speaker", [
    ('The ferry is "behind schedule," according to a new poll of harbor pilots.', "a new poll of harbor pilots"),
    ('The ferry is "behind schedule," according to harbor officials.', "harbor officials"),
    ('The ferry is "behind schedule," according to the Tolvik Port Authority.', "the Tolvik Port Authority"),
    ('The ferry is "behind schedule," according to him.', "Ilsa Marlow"),
])
def test_according_to_a_source_still_attributes(sentence, speaker):
    q = quotes(INTRO, sentence)
    assert q.loc[0, "speaker"] == speaker


# --- rule THING_NOT_SUBJECT (CLAUSE_SUBJECT) --------------------------------------------------------

def test_a_thing_is_no_clause_subject():
    # before: 'the new ferry terminal' (CLAUSE_SUBJECT)
    q = quotes(INTRO, 'The new ferry terminal will be capable of handling "up to 4,000 passengers" a day.')
    assert q.loc[0, "speaker"] != "the new ferry terminal"
    assert q.loc[0, "speaker_rule"] != "CLAUSE_SUBJECT"


@pytest.mark.parametrize("sentence, speaker", [
    ('A 2019 study found that the bay was "warming faster than the open ocean."', "a 2019 study"),
    ('The county board voted 5-2 for a motion that called the depot "a waste of public land."', "the county board"),
    ('The new ad will put "a ferry in every harbor" on every screen.', "the new ad"),
])
def test_studies_documents_and_bodies_still_speak(sentence, speaker):
    q = quotes(INTRO, sentence)
    assert q.loc[0, "speaker"] == speaker


# --- rules DOUBLE_HYPHEN_DASH and PREDICATE_NOT_SUBJECT (attribution) -------------------------------

@pytest.mark.parametrize("verb_phrase", ["built the north pier under Mayor Reyes", "finalized the pier plan under Mayor Reyes"])
def test_a_relative_clause_between_double_hyphens_is_no_speaker(verb_phrase):
    # before: the relative clause between the ' -- ' dashes ('built the north pier ...', DESCRIPTION_KEPT)
    q = quotes(INTRO, f'At a hearing on Monday, former port director Ada Lund -- who {verb_phrase} -- said the plan '
                      '"ignores the tides."')
    assert q.loc[0, "speaker"] == "Ada Lund"


def test_a_predicate_opened_by_a_modal_is_no_speaker():
    # before: 'would ease Tolvik’s oversight of small boats' (a predicate, DESCRIPTION_KEPT)
    q = quotes(INTRO, "The draft rule, presented at noon on Monday by harbor chief Ada Lund and several other port "
                      "officials, would ease Tolvik’s oversight of small boats, undoing a rule Mayor Bo Reyes has "
                      'called "a tax on fishermen."')
    assert not str(q.loc[0, "speaker"]).startswith("would")


def test_a_subject_after_a_single_dash_still_speaks():
    q = quotes(INTRO, 'Port director Ada Lund - who finalized the pier plan - said the plan "ignores the tides."')
    assert q.loc[0, "speaker"] == "Ada Lund"


# --- rule TWO_CAPITAL_GIVEN_NAME (resolution) -----------------------------------------------------

def test_two_capitals_as_a_given_name_stay_with_the_surname():
    # before: 'Dunn' (the two capitals read as an acronym in front of the name)
    q = quotes(INTRO, '"We will fight this toll in court," said JP Dunn, the ferry union\'s political director.')
    assert q.loc[0, "speaker"] == "JP Dunn"


@pytest.mark.parametrize("mention", ["US Navy", "NY Post"])
def test_acronyms_before_a_word_are_not_given_names(mention):
    q = quotes(INTRO, f'"The toll is fair," the {mention} said.')
    assert q.loc[0, "speaker_rule"] != "NAME_AS_WRITTEN"
    assert q.loc[0, "speaker"].split()[-1] == mention.split()[-1]


# --- rule FUNCTION_WORD_HEAD (resolution) ---------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    'The most widely reported harbor study in 2018 warned the town was on track for a "drowned waterfront."',
    'If one can call it a plan, the council thinks the ferry "will sail in June."',
    'Ferry officials fail to agree toll Ferry officials have failed to agree a toll because of "union worries", '
    'it has emerged.',
])
def test_a_mention_ending_in_a_function_word_names_nobody(sentence):
    # before: 'the most', 'one can', 'ferry officials fail' (DESCRIPTION_KEPT)
    q = quotes(INTRO, sentence)
    assert q["speaker"].isna().all()


def test_a_relative_pronoun_ending_a_description_comes_off():
    # before: 'a harbor official who'
    q = quotes(INTRO, 'A harbor official who spoke on condition of anonymity said the ferry was "years late."')
    assert q.loc[0, "speaker"] == "a harbor official"


def test_a_name_before_a_negated_auxiliary_keeps_its_name():
    from kit.quotes.entities import _Article
    from kit.quotes.resolution import _function_word_head, _resolve

    assert _function_word_head("Lund hasn't")
    art = _Article(doc_id=1, paras=[], text="x")
    assert _resolve(art, "Ada Lund hasn't", 0, 0).name == "Ada Lund"


def test_a_description_opening_a_sentence_stays_a_description_without_its_who():
    # before the fix: 'Another Lutheran' (NAME_AS_WRITTEN) once 'who' came off; on main 'another Lutheran who'
    q = quotes(INTRO, 'Another Lutheran who attended the vigil said the town "will not be divided."')
    assert q.loc[0, "speaker"] == "another Lutheran"
    assert q.loc[0, "speaker_rule"] == "DESCRIPTION_KEPT"
