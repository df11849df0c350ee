"""Issue 11 item 1 (session 11, branch titlecase): a title-case headline glued to the text with a
verb that is not a verb of saying ('Pope Ann Wants to Add ...'): rule TITLE_CASE_VERB
(``name_shape._title_case_verb``) ends the name before the verb; surnames that are also words
('Carl Barks', 'Ann Woods') stay. The articles here are written by us."""
from __future__ import annotations

from helpers import speakers

from kit.quotes.name_shape import _title_case_verb


def test_a_headline_verb_in_s_is_no_surname():
    # before, the headline's 'Ann Wants' was the person's full name and every 'Pope Ann' was it
    got = speakers(
        "Pope Ann Wants to Add 'Green Sins' to Church Teaching VALLETTA - Pope Ann on Friday asked bishops to act.",
        '"We must care for the earth we share," Pope Ann told the synod.',
    )
    assert got == ["Ann"]


def test_a_headline_verb_after_a_surname_is_cut():
    got = speakers(
        "In Long Speech, Kovacs Misses the Point of River Treaty Critics say the governor never read the text.",
        '"The treaty will cost us jobs," Kovacs said on Tuesday.',
    )
    assert got == ["Kovacs"]


def test_a_surname_that_is_also_a_verb_stays_when_the_body_uses_it():
    got = speakers(
        "Carl Barks at Ninety: New Ducks for Comic Fans The artist, Carl to his friends, still draws every day.",
        '"I drew ducks all my life," Barks said.',
    )
    assert got == ["Carl Barks"]


def test_a_surname_in_running_text_stays():
    # a lower-case word of four letters or more follows: no title-case line
    assert not _title_case_verb("Ann Woods leaves the city council after ten years. Ann said", 9, ["Ann", "Woods"])
    assert not _title_case_verb("Tom Hayes Wins Seat In Harbor Vote, Hayes said", 9, ["Tom", "Hayes"])
    assert not _title_case_verb("Bo Lands Big Role In New Film Series", 8, ["Bo", "Lands"])
