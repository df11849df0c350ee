"""Issue 11, eleventh round (pronouns): coreference that follows the story. The articles here are
written by us."""
from __future__ import annotations

import pandas as pd

from kit.quotes import extract_quotes


def speakers(*texts: str) -> list:
    p = pd.DataFrame({"doc_id": "x", "para_no": range(len(texts)), "role": "body", "text": list(texts)})
    q = extract_quotes(p)
    return q.loc[q["kind"].isin(["full", "partial"]), "speaker"].tolist()


# -- a pronoun in an appositive tells no gender ----------------------------------------------------

def test_him_in_an_appositive_does_not_make_the_person_a_man():
    # before: 'who described him' gave Ann Lind the gender of 'him' before the role 'his
    # daughter' could give hers, and 'she' found no one
    got = speakers(
        '"We will win this county," Gov. Tom Lind said, adding that he would return in May.',
        "The rally opened with a short speech by his daughter Ann Lind, who described him as a tireless worker.",
        '"He never takes a day off," she said.',
    )
    assert got == ["Tom Lind", "Ann Lind"]


def test_a_noun_in_an_appositive_still_tells_the_gender():
    got = speakers(
        '"We will win this county," Gov. Tom Lind said on Saturday.',
        "Ann Lind, a mother of three who runs the farm, spoke after him.",
        '"He never takes a day off," she said.',
    )
    assert got == ["Tom Lind", "Ann Lind"]


# -- PRONOUN_CHAIN ---------------------------------------------------------------------------------

def test_a_sentence_whose_subject_is_the_pronoun_continues_the_person_before_it():
    # before: the paragraph before the quote ends with 'Yet she ...', which names no subject, so
    # the pronoun went to the story's latest speaker, Ash
    got = speakers(
        '"We will keep the clinic open," Mayor Tom Ash said on Monday.',
        "Sen. Ann Roe toured the clinic on Tuesday. Yet she stopped short of a promise.",
        '"We have to find the money first," she said.',
    )
    assert got == ["Tom Ash", "Ann Roe"]


def test_a_sentence_whose_subject_is_the_other_pronoun_breaks_the_chain():
    # 'he' is another person's: the search for the subject stops there, and the story's speaker
    # of the pronoun's gender stays
    got = speakers(
        '"We will keep the clinic open," Ms. Ann Ash said on Monday.',
        "Sen. Tom Roe toured the clinic on Tuesday. Later he stopped short of a promise.",
        '"We have to find the money first," she said.',
    )
    assert got == ["Ann Ash", "Ann Ash"]
