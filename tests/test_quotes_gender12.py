"""Issue 11, twelfth round (gender): which person a pronoun after a name tells the gender of. The
articles here are written by us."""
from __future__ import annotations

import pytest
from helpers import speakers

from kit.quotes.entities import Mention, Person, _Article
from kit.quotes.pronouns import _earlier_person_fits

# -- rule TWO_PERSONS_NO_VOTE -----------------------------------------------------------------------

def test_a_pronoun_after_the_second_of_two_persons_is_no_vote_for_it():
    # before: 'she' after Tom Vale voted for Vale, and his own 'he' could not outvote it, so the
    # 'he' of the quote passed him by and went to Ann Roe
    got = speakers(
        "Gov. Ann Roe on Monday attacked Tom Vale over trade, and she vowed to keep pressing.",
        "Vale said he would answer in Ohio.",
        'Vale toured a steel plant in Dayton on Tuesday. "We are ready for this fight," he said.',
    )
    assert got == ["Tom Vale"]


def test_a_pronoun_only_the_second_person_fits_still_votes():
    # 'he' cannot be Mrs. Roe's: it tells Vale's gender
    got = speakers(
        "Mrs. Ann Roe on Monday attacked Tom Vale over trade, and he vowed to answer her.",
        "Vale said she had misread the bill.",
        'Vale toured a steel plant in Dayton on Tuesday. "We are ready for this fight," he said.',
    )
    assert got == ["Tom Vale"]


def test_a_reflexive_or_a_relative_clause_after_the_second_person_is_its_own():
    ann, tom = Person("Ann Roe", ("Ann", "Roe")), Person("Tom Vale", ("Tom", "Vale"))

    def fits(text: str, pron: str) -> bool:
        at = text.index("Tom")
        art = _Article(doc_id=1, paras=[], text=text, sent_starts=[0], mention_pos=[0, at],
                       mentions=[Mention(0, 7, ann), Mention(at, at + 8, tom)])
        return _earlier_person_fits(art, art.mentions[1], pron)

    assert fits("Ann Roe lost, and Tom Vale said he won.", "he")  # Roe's gender is unknown: may be hers
    assert not fits("Ann Roe lost, while Tom Vale praised himself for the turnout.", "himself")
    assert not fits("Ann Roe met Tom Vale, who said he won.", "he")


# -- rule SHARED_SURNAME_OWN_GENDER ---------------------------------------------------------------

def test_a_bare_surname_two_persons_carry_gives_its_pronoun_to_the_bearer_of_that_gender():
    # before: 'Dorsey said she', resolved to Paul Dorsey (the bearer named last), made him a woman,
    # and the 'he' of his quote found no one
    got = speakers(
        '"We will fix the roads first," Ann Dorsey said, and she promised lower fares.',
        "Paul Dorsey, a retired banker, watched from the front row.",
        "Dorsey said she would visit every county before the vote.",
        'Paul Dorsey spoke next. "I have never seen anyone work harder," he said.',
    )
    assert got == ["Ann Dorsey", "Paul Dorsey"]


# -- rule DATE_OR_PLACE_BETWEEN -------------------------------------------------------------------

@pytest.mark.parametrize("between", ["on Monday", "in Ohio"])
def test_a_date_or_a_place_between_a_name_and_its_pronoun_keeps_the_vote(between):
    # before: any capitalised word between kept 'he' from telling Vale's gender, and the 'she' of
    # the quote went to him as the subject of the paragraph before
    got = speakers(
        f"Ann Roe went after Tom Vale {between}, saying he would raise taxes on farms.",
        "Vale was in Dayton at the time.",
        '"Farmers deserve better," she said.',
    )
    assert got == ["Ann Roe"]


def test_a_single_unknown_name_between_still_keeps_the_vote_from_the_first():
    got = speakers(
        "Tom Vale said Marla was sure she would win the seat.",
        'Vale spoke in Dayton on Friday. "We can do it," he said.',
    )
    assert got == ["Tom Vale"]
