"""Issue 11 item 1 (session 11): what is a name when a title-case headline is glued to the text.
Rules VERB_BEFORE_NAME and HEADLINE_VERB decide in one place (``name_shape._cut_headline_verb``)
on one list of verbs (``name_shape._HEADLINE_VERBS``, the one-word verbs of ``SPEECH_VERBS`` but the
nouns of names in ``words._SPEECH_VERB_NOUNS``). The articles here are written by us."""
from __future__ import annotations

from helpers import speakers

from kit.quotes.name_shape import _cut_headline_verb, _headline_verb

# -- one list of headline verbs ---------------------------------------------------------------

def test_every_form_of_a_verb_of_saying_is_a_headline_verb():
    # before, VERB_BEFORE_NAME knew 30 hand-picked verbs and HEADLINE_VERB the present in -s only
    assert all(map(_headline_verb, ["Recall", "Recalls", "Recalled", "Warned", "Praises", "Says"]))


def test_the_nouns_of_names_are_no_headline_verbs():
    assert not any(map(_headline_verb, ["States", "State", "Post", "Report", "Point", "Points"]))
    assert _cut_headline_verb([], ["Washington", "Post", "Editor"]) == ([], ["Washington", "Post", "Editor"])


def test_a_glued_verb_outside_the_old_list_is_no_given_name():
    # 'Experts Recall Ann Roe ...': before, 'Recall Ann Roe' became a person
    got = speakers(
        "Harbor Strike Ends, Experts Recall Ann Roe of the Dock Union, a labour group, welcomed the deal on Monday.",
        '"It will hold for years," Roe said.',
    )
    assert got == ["Ann Roe"]


def test_a_headline_verb_in_the_past_ends_the_name():
    # 'Velasco Warned Lindqvist to ...': before, only the present in -s ended a name
    assert _cut_headline_verb([], ["Velasco", "Warned", "Lindqvist"]) == ([], ["Velasco"])
    got = speakers(
        "Harbor Dispute: Velasco Warned Lindqvist to Keep Out of the Talks as He Weighs a Boycott "
        "According to port records, traffic fell by a third this year.",
        '"The boycott hurts fishermen on both sides," Velasco said.',
        'Lindqvist answered on Tuesday: "We will decide for ourselves."',
    )
    assert got == ["Velasco", "Lindqvist"]


def test_a_two_word_name_keeps_a_last_word_shaped_like_a_verb():
    assert _cut_headline_verb([], ["Carl", "Barks"]) == ([], ["Carl", "Barks"])


# -- a name with an apostrophe prefix (plain bug) ---------------------------------------------

def test_a_name_with_a_one_letter_prefix_and_an_apostrophe_is_one_word():
    # before: only O' was one name word; 'Marc D’Souza' became 'Marc' and 'Souza' (no speaker)
    for full, last in (("Marc D'Souza", "D'Souza"), ("Marc D’Souza", "D’Souza"), ("Awa N'Diaye", "N'Diaye"),
                       ("Lena L’Engle", "L’Engle"), ("Ann O'Neill", "O'Neill")):
        assert speakers(f'"The plan is dead," {full} said.') == [full]
        assert speakers(f"{full} runs the county board.", f'"The plan is dead," {last} said.') == [full]


def test_a_contraction_of_i_is_no_name_prefix():
    from kit.quotes.words import _CAP_RUN
    assert not any(m.group(0).startswith("I’") for m in _CAP_RUN.finditer("I’Ve Seen Ana Ruiz"))


# -- HEADLINE_VERB after a title; QUOTED_TITLE_CASE ---------------------------------------------

GLUED_TITLE = ("Bishop Ana Calls for 'Bold Steps' on River Pollution In a letter to the parishes, the bishop "
               "asked for a cleaner river.", '"We cannot wait another decade," Ana wrote. "The river is our neighbour."')


def test_a_headline_verb_after_a_titled_name_ends_it():
    # before: 'Ana Calls' became a person (a lower-case word follows the verb, so no word after it
    # in the run) and took the quotes
    got = speakers(*GLUED_TITLE)
    assert "Ana Calls" not in got
    assert got[0] == "Ana"


def test_a_title_case_run_alone_in_quotation_marks_is_no_person():
    # before: 'Bold Steps' was a person and the bishop's quotes could go to it
    from kit.quotes.name_shape import _quoted_alone
    text = GLUED_TITLE[0]
    assert _quoted_alone(text, text.index("Bold"), text.index("Steps") + len("Steps"))
    assert "Bold Steps" not in speakers(*GLUED_TITLE, '"Rivers heal slowly," he said.')
