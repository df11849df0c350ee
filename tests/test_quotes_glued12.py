"""Issue 11 item 1 (session 12, branch glued): speakers are entities, not stray capitalised runs.

- Rule TITLE_CASE_LINE (``entities._title_case_line``, a shape of NOT_A_PERSON): a run of name
  words that stands in a title-case line glued to the text (a headline or subhead) and holds a
  common word is no person, so no rule picks it as the first person named or a sentence's subject.
- Rule NOT_A_NAME_WORD (``words._NOT_NAME_WORDS``): a quantifier, determiner or interjection that
  opens a sentence ('Wait, ...', 'Any ...', 'Most Xs ...') names nobody.
- Rule NOUN_NOT_VERB (``extract._noun_not_verb``): 'states', 'reports', 'points', 'posts' before an
  auxiliary or a modal are a noun, so 'Coastal states will vote' is no sentence of saying.
- ``_NOT_PERSON_HEADS`` grows by the heads of observing and research places ('... Observatory').

Every article here is written by us (fictional names and places).
"""
from __future__ import annotations

from helpers import quotes

from kit.quotes.entities import _Article, _not_a_person, _title_case_line


def test_a_run_of_a_glued_title_case_headline_is_no_subject():
    # before: 'Harbor Town Readies' (the headline's first words) was the sentence's subject
    q = quotes("Harbor Town Readies for Wettest Spring on Record As Rivers Rise Forecasts show the river "
               'rising "faster than in any year on record" this month. The spring rains have closed two roads in town.')
    assert q["speaker"].tolist() == [None]


def test_a_glued_headline_phrase_after_a_possessive_is_not_the_first_person_named():
    # before: "Flood Alarm Isn't Surprising" (after 'Ann Roe's' in the headline) was the first person named
    q = quotes("Mayor Ann Roe's Flood Alarm Isn't Surprising. She Has Warned Before Harbor Mayor Ann Roe's "
               'claim that the docks will "be under water by May" came as no shock to the town. Her flood '
               "alarm has been raised for years.")
    assert q["speaker"].tolist() == ["Ann Roe"]


def test_title_case_line_keeps_a_person_whose_surname_the_body_writes_alone():
    text = "Rose Barks's Plan For Storms Gets Backing Barks said the rose garden will flood."
    art = _Article(doc_id=1, paras=[], text=text)
    assert not _title_case_line(art, ["Rose", "Barks"], 0, 10)
    text = "Harbor Town Readies for Wettest Spring on Record As Rivers Rise The spring rains came."
    assert _title_case_line(_Article(doc_id=1, paras=[], text=text), ["Wettest", "Spring"], 24, 38)


def test_title_case_line_needs_a_title_case_line():
    # running text around the run: a person, whatever words the article writes in lower case
    text = "The plan, said Rose Barks, will flood the rose garden by Monday, and the council agrees."
    assert not _title_case_line(_Article(doc_id=1, paras=[], text=text), ["Rose", "Barks"], 15, 25)


def test_a_list_of_names_in_running_text_stays_people():
    q = quotes("Ann Roe, Carl Moss, Dan Ruiz and Ada Lind Voted Yes on the harbor plan.",
               '"The docks need the money," Moss said.')
    assert q["speaker"].tolist() == ["Carl Moss"]


def test_an_interjection_that_opens_a_paragraph_is_no_speaker():
    # before: 'Wait' (of 'Wait, it gets worse:') was the paragraph's latest speaker
    q = quotes("The council met on Tuesday to review the harbor budget.",
               "Wait, it gets worse:",
               '"The fund will be empty by June and the docks will close before the summer."')
    assert q["speaker"].tolist() == [None]


def test_a_quantifier_that_opens_a_sentence_is_no_speaker():
    # before: 'Most Northern' (of 'Most Northern states ...', read as a sentence of saying with the
    # verb 'states') was the story's speaker for 'he'
    q = quotes("Dan Ruiz leads among older voters. Most Northern states that will vote next week have large ports.",
               '"We will all come together," he said during the rally.')
    assert q["speaker"].tolist() == ["Dan Ruiz"]


def test_an_observatory_is_no_person():
    art = _Article(doc_id=1, paras=[], text="The talks were held at Kestrel Ridge Observatory in June.")
    assert _not_a_person(art, ["Kestrel", "Ridge", "Observatory"], 23, 50) == "head"


def test_a_speech_verb_that_is_a_noun_before_an_auxiliary_opens_no_sentence_of_saying():
    # before: 'Coastal states will vote' was read as 'Coastal' + the verb 'states', and 'Coastal'
    # was the latest speaker of the quote that opens the next paragraph (rule NOUN_NOT_VERB)
    q = quotes("The board met on Monday. Coastal states will vote on the plan in May.",
               '"Our towns need the money now."')
    assert q["speaker"].tolist() == [None]
