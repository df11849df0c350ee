"""Issue 11, eleventh round (pronouns): coreference that follows the story. The articles here are
written by us."""
from __future__ import annotations

from helpers import speakers

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
