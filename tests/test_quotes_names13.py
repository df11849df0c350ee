"""Session 13 (branch names2): speaker strings that are wrong by their shape.

- Rule MODAL_IN_MENTION (``resolution._cut_clause``): a modal ends a mention as a finite verb does,
  and adverbs of frequency trail it ('a spokesman for X could', 'the mayor often').
- Rule TITLE_CHAIN_AND (``attribution._title_chain``, ``attribution._chain_after``): titles joined
  by 'and' before a name belong to that one person ('Chairman and Chief Executive Ann Roe').
- Rule HEADLINE_WORDS_BEFORE_NAME (``name_shape._headline_words_before_name``, used by
  ``names._resolve_capitalised``): words of a title-case headline glued before a name come off.
- Rule NOUN_BEFORE_VERB (``attribution._noun_before_verb``): a plural noun of saying followed by a
  plain verb of saying heads the subject ('Recent reports, however, say ...').
- Rule ORG_NAME_TAIL (``resolution._outside_org_names``, ``resolution._law_name``,
  ``attribution._law_name_after``): the words of an organisation's or a law's name after its 'for',
  'on' or 'and' name no person.
- Rule POSSESSIVE_NOT_SPEAKER (``attribution._looks_speaker_np``): a phrase opened by a possessive
  determiner names a speaker only by its head.

Every article here is written by us (fictional names and places).
"""
from __future__ import annotations

from helpers import quotes

from kit.quotes.attribution import _chain_after, _looks_speaker_np, _noun_before_verb, _title_chain
from kit.quotes.resolution import _cut_clause, _law_name


def test_a_modal_ends_the_mention_of_a_spokesman():
    # before: 'a spokesman for Senator Ann Roe could' was the speaker
    q = quotes("The pier will close in June.",
               'It was such a strange hour that a spokesman for Senator Ann Roe could only joke: "I guess the pier was booked."')
    assert q["speaker"].tolist() == ["Ann Roe"]


def test_a_frequency_adverb_trails_a_description():
    assert _cut_clause("the mayor often") == "the mayor"
    assert _cut_clause("the deal shall") == "the deal"
    assert _cut_clause("the will of the people") == "the will of the people"


def test_titles_joined_by_and_name_one_person_after_the_verb():
    # before: 'Chairman' was the speaker (the phrase stopped at 'and')
    q = quotes("The mill will close in May.",
               '"We are not going anywhere," said Chairman and Chief Executive Ann Roe, who has led the mill since 2004.')
    assert q["speaker"].tolist() == ["Ann Roe"]


def test_titles_joined_by_and_keep_two_people_apart():
    assert _title_chain("Ann Roe and Carl Lee") == "Ann Roe and Carl Lee"
    assert _title_chain("Senator and Mrs. Roe") == "Senator and Mrs. Roe"
    assert _chain_after("Ann Roe", "said Ann Roe and Carl Lee", 12) == "Ann Roe"
    assert _title_chain("founder and editor Ann Roe") == "editor Ann Roe"


def test_headline_words_glued_before_a_surname_come_off():
    # before: 'Ban Dredging Roe' (the headline's last words and the body's first) was the speaker
    q = quotes("Ann Roe Promises Order on River Leases, Pledges to Ban Dredging Roe promised on Friday to "
               '"end all new leases on the river" if elected. Roe wants to ban dredging on the river.')
    assert q["speaker"].tolist() == ["Ann Roe"]


def test_a_common_given_name_stays():
    q = quotes("The mill will close.", '"We are not going anywhere," Rose Barks said. The rose garden is dry and the dog barks.')
    assert q["speaker"].tolist() == ["Rose Barks"]


def test_a_plural_noun_of_saying_before_a_verb_heads_the_subject():
    # before: 'Recent' was the speaker ('reports' read as the verb)
    q = quotes("The mill will close in May after the recent floods.",
               'Recent reports, however, say that "the mill is not safe."')
    assert q["speaker_mention"].tolist() == ["Recent reports"]
    assert q["speaker"].tolist() == [None]
    assert not _noun_before_verb("Roe reports that", 4, "reports")


def test_the_tail_of_an_organisation_name_is_no_speaker():
    # before: 'Coastal Safety' (the words after the institute's 'and') was the speaker
    q = quotes("The mill will close in May.",
               '"Our costs are rising every month," said a spokeswoman for the Institute for Tides and Coastal Safety.')
    assert q["speaker"].tolist() == ["a spokeswoman for the Institute for Tides and Coastal Safety"]


def test_a_law_named_with_and_is_one_name():
    # before: 'Harbor Protection' (the words before the law's 'and') was the speaker
    q = quotes("The mill will close in May.",
               '"Our costs are rising every month," the Harbor Protection and Fair Wages Act says in its preamble.')
    assert q["speaker"].tolist() == ["the Harbor Protection and Fair Wages Act"]
    assert not _law_name("Ann Roe and Carl Lee")


def test_a_person_before_an_organisation_with_and_stays():
    q = quotes("The mill will close in May.",
               '"Our costs are rising every month," said Ann Roe of the Institute for Tides and Coastal Safety.')
    assert q["speaker"].tolist() == ["Ann Roe"]


def test_a_possessive_phrase_names_a_speaker_only_by_its_head():
    # before: the phrase was a speaker because 'energy' (a type word) stood in it
    assert not _looks_speaker_np("our steady move to a clean energy grid")
    assert _looks_speaker_np("their chief negotiator")
    assert _looks_speaker_np("a clean energy lobbyist")
