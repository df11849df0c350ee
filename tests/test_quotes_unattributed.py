"""Issue 11, quotes with no attribution of their own (session 9): the wrong speakers of
``FIRST_PERSON_NAMED`` and ``LATEST_SPEAKER`` and the quotes with no speaker of PolNeAR's
development part, read in their articles. The largest class the kit can read from grammar: the
quote's own clause opens with a subject that is no named person (an organisation, a council, a
document, an advertisement, a described speaker) and a verb the attribution patterns do not read
as saying (*voted*, *filed*, *targets*, *lists*, *promises*, *issued a report charging*), or a verb
of saying with an object between it and the quote (*one lawmaker called him "..."*). The fallback
then took the first person named before the quote (often the verb's object) or no one. Rule
``CLAUSE_SUBJECT`` (:mod:`kit.quotes.clause_subject`). The articles here are written by us and
reproduce those layouts."""
from __future__ import annotations

from helpers import quotes, speaker_and_rule

from kit.quotes import SPEAKER_RULES


def test_the_rule_is_in_the_vocabulary():
    assert "CLAUSE_SUBJECT" in SPEAKER_RULES
    rules = list(SPEAKER_RULES)  # new rules go at the end of the list: CLAUSE_SUBJECT after the rule before it
    assert rules[rules.index("CLAUSE_SUBJECT") - 1] == "PRONOUN_LEADS_QUOTE"


# -- the subject speaks, not the person named after it ----------------------------------------

def test_an_organisation_subject_not_the_object_named_after_it():
    # before: FIRST_PERSON_NAMED took Mayor Dunn, the object of 'lobbied'
    q = quotes(
        "The harbor vote is set for Thursday.",
        'The Dockworkers Guild lobbied Mayor Ray Dunn all week against "any sale of the north pier."',
    )
    assert speaker_and_rule(q, 0) == ("The Dockworkers Guild", "CLAUSE_SUBJECT")


def test_a_described_speaker_after_a_semicolon_or_a_coordinating_word():
    # 'one delegate dubbed Abel "..."': before, LATEST_SPEAKER took Ann Roe, who asked
    for joint in ("; ", ", but "):
        q = quotes(
            "Senator Ann Roe asked the assembly to bar Tom Abel from the port last year. "
            f'The motion failed{joint}one delegate dubbed Abel "the loudest man on the quay."',
        )
        assert speaker_and_rule(q, 0) == ("one delegate", "CLAUSE_SUBJECT")


def test_a_council_that_voted_for_a_resolution():
    # before: no speaker (no person is named in the paragraph)
    q = quotes(
        "Tidewater is a port town of 9,000 people.",
        'The town council voted 6-1 for a resolution which said the port "rejects any plan to close '
        'the ferry."',
    )
    assert speaker_and_rule(q, 0) == ("the town council", "CLAUSE_SUBJECT")


def test_a_document_speaks_as_itself_when_no_issuer_is_named():
    # before: no speaker
    q = quotes(
        "Voters in the district will see more ads before the primary.",
        'A new radio ad targets a "harbor board that sold the pier to its friends."',
    )
    assert speaker_and_rule(q, 0) == ("a new radio ad", "CLAUSE_SUBJECT")


def test_a_document_sent_out_by_a_named_person_speaks_for_that_person():
    q = quotes(
        "The campaign has been quiet since the debate.",
        'A fundraising letter sent out by Senator Ann Roe on Friday warned that "the harbor will be sold '
        'by spring."',
    )
    assert speaker_and_rule(q, 0) == ("Ann Roe", "CLAUSE_SUBJECT")


def test_the_clause_subject_comes_before_the_paragraphs_latest_speaker():
    # before: LATEST_SPEAKER took the campaign that sued, not the lawsuit that alleged
    q = quotes(
        "The Roe campaign sued the board on Friday, claiming the vote was rigged. The lawsuit, "
        'which runs to forty pages, alleged that the board "ignored its own rules."',
    )
    assert speaker_and_rule(q, 0) == ("the lawsuit", "CLAUSE_SUBJECT")


# -- where the rule does not read a subject -----------------------------------------------------

def test_a_named_person_is_still_the_sentence_subject():
    q = quotes(
        "The county sued Marta Kovacs in May. In reply, Ilse Brandt hung a banner over the gate "
        'that promised "the bridge will open when it is safe."',
    )
    assert speaker_and_rule(q, 0) == ("Ilse Brandt", "SENTENCE_SUBJECT")


def test_a_quote_inside_a_subordinate_clause_is_not_the_main_subjects():
    # 'The first clash came at noon, when X ... shouting "..."': the clash does not speak
    q = quotes(
        "The rally was loud from the start.",
        "The first clash came at noon, when supporters of Ann Roe interrupted the speech, "
        'shouting "sell the pier, lose the vote!"',
    )
    assert q.loc[0, "speaker_rule"] != "CLAUSE_SUBJECT"


def test_a_sentence_opened_by_a_preposition_or_a_pronoun_has_no_clause_subject():
    q = quotes(
        "Hal Becker runs the ferry.",
        'Among the posts was one from a sailor who wrote that "the ferry is late again."',
        'It said the ferry was "never on time."',
    )
    assert not (q["speaker_rule"] == "CLAUSE_SUBJECT").any()


def test_a_passive_or_a_copula_subject_does_not_speak():
    # 'The agency was found to ...', 'The aim of the plan was "..."': the subject is what is spoken
    # of, not who speaks; before the guard the rule gave them the quotes
    q = quotes(
        "Hal Becker runs the ferry.",
        'The port agency was found to lose most cases "where the neighbors sued first."',
        'The aim of the plan was "a ferry every hour, all year."',
    )
    assert not (q["speaker_rule"] == "CLAUSE_SUBJECT").any()


def test_a_plural_noun_before_a_preposition_is_no_verb():
    # 'Several dock workers in Tidewater decried ...': 'workers' is the subject's noun
    q = quotes(
        "The harbor vote is set for Thursday.",
        'Several dock workers in Tidewater decried the sale, citing the "largest loss of jobs in '
        'a decade."',
    )
    assert q.loc[0, "speaker"] == "several dock workers in Tidewater"
