"""Issue 11, ninth round (pronouns): rules simplified after the ablation of the pronoun and
description rules on PolNeAR's development part (docs/quotes.md, "Ninth round"). The articles
here are written by us."""
from __future__ import annotations

from helpers import speakers

# -- LATER_SPEAKER_IN_SENTENCE -------------------------------------------------------------------

def test_a_name_after_a_verb_of_saying_does_not_unseat_the_subject():
    # before: 'praise Ash's record' put a verb of saying before Ash, so Roe was no subject and
    # the pronoun went back to the story's speaker, Ash
    got = speakers(
        '"We need the plant open," Mayor Tom Ash told the council on Thursday.',
        "Sen. Ben Roe toured the plant on Friday and heard the workers praise Ash's record on jobs.",
        '"This is a good day for Dover," he said.',
    )
    assert got == ["Tom Ash", "Ben Roe"]


def test_a_later_name_that_speaks_in_the_sentence_still_unseats_the_subject():
    # 'Roe is right on the jobs, Ash argues.': Ash speaks in the sentence, Roe is spoken about
    got = speakers(
        '"We need the plant open," Mayor Tom Ash told the council on Thursday.',
        "Sen. Ben Roe is right on the jobs, Ash argues.",
        '"He has done the work," he said.',
    )
    assert got == ["Tom Ash", "Tom Ash"]
