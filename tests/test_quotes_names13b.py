"""Session 13 (branch names3): speaker strings still wrong by their shape, second pass.

- Rule ORG_AND_THE (``words._ORG_RUN``): after a 'for' or 'on' inside an organisation's name,
  'and the' and title-case words go on with the name ('Center for Tides and the Coastal Economy');
  elsewhere 'and the' parts two names.
- Rule TITLE_CASE_VERB_FULL_NAME (``name_shape._title_case_verb``, in ``name_shape._name_tokens``):
  a title-case headline's verb in '-s' after a two-word name ends the name ('Ann Roe Downplays').

Every article here is written by us (fictional names and places).
"""
from __future__ import annotations

from helpers import quotes

from kit.quotes.name_shape import _name_tokens
from kit.quotes.words import _CAP_RUN, _ORG_RUN


def _runs(text: str) -> list[str]:
    return [m.group(0) for m in _ORG_RUN.finditer(text)]


def test_an_organisation_named_with_and_the_is_kept_whole():
    # before: 'Center for Tides' (the name was cut at 'and the')
    q = quotes('"The tide tables are out of date," Lee, now the director of Westbrook University\'s Center for '
               'Tides and the Coastal Economy, told reporters. "We back the new harbor rules and ask for no '
               'delay," they wrote in a post on Monday.')
    assert q.loc[1, "speaker"] == "Center for Tides and the Coastal Economy"


def test_the_role_of_an_organisation_named_with_and_the():
    # before: 'the Center for Tides'
    q = quotes('The Center for Tides and the Coastal Economy spoke on Monday. "We have studied the bay for ten '
               'years now," the center said in a statement.')
    assert q.loc[0, "speaker"] == "the Center for Tides and the Coastal Economy"


def test_and_the_still_parts_two_names():
    assert _runs("the Senate and the House") == ["Senate", "House"]
    assert _runs("Ann Roe and the Harbor Board met") == ["Ann Roe", "Harbor Board"]
    assert _runs("the Department of Justice and the Pentagon said") == ["Department of Justice", "Pentagon"]
    assert _runs("the Center for Tides and the FBI") == ["Center for Tides", "FBI"]


_HEADLINE_WORDS = {"flood", "threat", "at", "tense", "hearing", "port", "nominee"}


def _first_name(text: str) -> list[str]:
    return _name_tokens(text, next(_CAP_RUN.finditer(text)), set(), _HEADLINE_WORDS)[2]


def test_a_headline_verb_after_a_full_name_ends_the_name():
    # before: ['Carl', 'Lee', 'Downplays']
    t = ("Port Nominee Carl Lee Downplays Flood Threat At Tense Hearing He would not call the rising water "
         "a danger. Lee said the flood study was old.")
    assert _first_name(t) == ["Carl", "Lee"]


def test_a_surname_in_s_stays_when_the_body_writes_it_again():
    t = ("Port Nominee Carl Lee Downplays Flood Threat At Tense Hearing He would not call it a danger. "
         "Downplays said the study was old; Lee agreed.")
    assert _first_name(t) == ["Carl", "Lee", "Downplays"]
