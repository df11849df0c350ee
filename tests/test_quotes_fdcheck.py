"""Session 14 (fdcheck): speaker strings wrong by their shape, found by hand-coding frames-dev quotes by
the text (docs/quotes.md, "Fourteenth round (session 14): speakers on real news").

Every sentence here is written by us (fictional people, places and organisations)."""
from __future__ import annotations

import pytest
from helpers import quotes


@pytest.mark.parametrize("text, speaker", [
    # rule DEGREE_AFTER_NAME: a degree after the name is no clause piece of its own
    ('Tides rose again. As Ann Roe, Ph.D., a coastal scientist who once worked for the port, recently '
     'stated, "The tides have stayed the same over the long run."', "Ann Roe"),
    ('Tides rose again. Bo Lindqvist, PhD, a coastal scientist, recently wrote: "The tides have not changed."',
     "Bo Lindqvist"),
    # rule AS_NAME_SAID: 'As <name>, <appositive>, put it, "..."': the name is the verb's subject
    ('The vote was close. As Cy Marr, the No. 3 on the harbour board, put it: "This plan will not pass."',
     "Cy Marr"),
])
def test_the_named_subject_of_an_as_clause_speaks(text, speaker):
    assert quotes(text)["speaker"].tolist() == [speaker]


def test_an_as_clause_of_events_is_still_an_adverbial():
    q = quotes('As the storm neared the coast, harbour officials said, "Every boat must stay in port."')
    assert q["speaker"].tolist() == ["harbour officials"]


def test_a_nickname_in_quotation_marks_is_no_part_of_the_name():
    # rule NICKNAME_IN_NAME
    q = quotes('Cal "Hook" Dunmore is the mayor of a small fishing town.',
               '"I have fished these waters for forty years and the water is where it always was," Dunmore said.')
    speech = q[q["kind"].isin(["full", "partial"])]
    assert speech["speaker"].tolist() == ["Cal Dunmore"]


def test_co_author_is_a_title():
    # rule CO_AUTHOR_TITLE: the speaker without the title, typed expert as a study's author
    q = quotes('Co-author Bea Kell, from the University of Elm, said the islands were growing.',
               '"The islands are not sinking, they are changing shape," she said.')
    assert q["speaker"].tolist() == ["Bea Kell"]
    assert q["speaker_type"].tolist() == ["expert"]


@pytest.mark.parametrize("text", [
    # rule WEEKDAY_AFTER_NAME: 'said <title> <name> Tuesday morning'
    '"The bill does not have the votes," said Senate President Ray Tolliver Tuesday morning. "That will not change."',
    '"The bill does not have the votes," said Ray Tolliver Tuesday in an admission of defeat.',
])
def test_a_weekday_after_the_name_is_when_it_was_said(text):
    q = quotes(text)
    assert set(q["speaker"]) == {"Ray Tolliver"}



def test_a_mark_glued_after_an_attribution_opens_the_next_quote():
    # rule GLUED_OPENER: text whose paragraphs were joined with the opening mark glued to the sentence
    # before ('," Gore said." It ...'); the mark after 'said.' was read as closing and the rest paired wrong
    q = quotes('The mayor met the visitor on the dock. "Is the water rising?" Gore asked." It is not," Eskin '
               'replied, " this erosion has gone on for a century." Well, that is no comfort to you," Gore said." '
               'It won\'t help you to hear it, but the sea is rising here," he continued, "and you have lost most of '
               'the island already.""Our land is only four feet above the water," Eskin said.')
    speech = q[q["kind"].isin(["full", "partial"])]
    assert "Gore said." not in q["text"].tolist()
    rising = speech[speech["text"].str.contains("the sea is rising")]
    assert rising["speaker"].tolist() == ["Gore"]
    assert rising["text"].str.contains("lost most of the island").all()
    assert speech["speaker"].tolist()[-1] == "Eskin"


def test_a_closing_mark_after_said_inside_a_quote_still_closes():
    q = quotes('"That is exactly what she said." The room went quiet after the mayor spoke.')
    assert q["text"].tolist() == ["That is exactly what she said."]


def test_given_opening_a_sentence_is_no_given_name():
    # rule GIVEN_OPENER: 'Given Marlow's history' made a person 'Given Marlow' whom 'she' then resolved to
    q = quotes("Given Marlow's long history with the river, a local candidate can tell a strong story, said Ada "
               'Quint, director of River Marlow, a local group. "I think the town has a real story to tell," she said.')
    assert q["speaker"].tolist() == ["Ada Quint"]
