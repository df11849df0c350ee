"""Issue 11 item 2, pronouns that follow the story: the error classes found among the pronoun
speakers of real news (PolNeAR's development part), each with a named rule in
:mod:`kit.quotes.pronouns`. The articles here are written by us and reproduce those layouts."""
from __future__ import annotations

from helpers import speakers

# -- GENDER_BY_MAJORITY ---------------------------------------------------------------------

def test_one_stray_possessive_does_not_make_a_man_a_woman():
    # before: 'her' after Tom Ruggles made him a woman, and every later 'he' passed him by
    got = speakers(
        "Nora Vance faces attacks from Tom Ruggles, who calls her fees from banks a scandal.",
        "Vance says she has published her tax filings and wants Ruggles to follow.",
        "Ruggles says he will gladly publish his filings.",
        'On the filings, he promises to publish them "by Friday at noon."',
        'He adds, "Nothing is hidden."',
    )
    assert got == ["Tom Ruggles", "Tom Ruggles"]


def test_an_object_pronoun_after_a_name_is_outvoted():
    # before: 'Whitlock confronted him' made the anchor a man, so her quote went to the mayor
    got = speakers(
        "Mayor Ben Osgood sat down with the television anchor Dana Whitlock on Sunday.",
        "Whitlock confronted him about the budget, and Osgood smiled.",
        "Whitlock said she had requested the meeting to settle old disputes.",
        '"I came to ask about roads, not about me," she said.',
    )
    assert got == ["Dana Whitlock"]


def test_a_name_that_qualifies_a_noun_casts_no_vote():
    # 'the Vance campaign ... he': the pronoun is not Vance's, so she stays a woman
    got = speakers(
        "Nora Vance spoke in Dover on Monday, and she took questions.",
        "A reporter told the Vance campaign he had seen the memo.",
        'Vance said she had not. "I have never read it," she said.',
    )
    assert got == ["Nora Vance"]


def test_a_gendered_role_outweighs_one_pronoun_about_someone_else():
    # 'he' after the spokeswoman's name is the mayor; her role keeps her a woman
    got = speakers(
        "Mayor Tom Ash was away on Monday.",
        "Ada Lind, the mayor's spokeswoman, said he would not comment on the audit.",
        '"We have nothing to add today," she said.',
    )
    assert got == ["Ada Lind"]

# -- LEADING_PHRASE -------------------------------------------------------------------------

def test_the_subject_follows_a_leading_clause_that_holds_a_quotation():
    # before: a quotation mark inside 'When ...,' hid the subject, and the host got the quote
    got = speakers(
        "Host Clara Benn interviewed Senator Ida Marsh on Tuesday.",
        'When Benn noted that critics call the bill "a blank cheque," Marsh pushed back. '
        '"It is nothing of the kind," she said.',
    )
    assert got[-1] == "Ida Marsh"  # (the phrase in the clause is Benn's, a partial quote)


def test_the_subject_follows_a_time_phrase_or_a_participle():
    # before: 'Days after ..., Pell volunteered' and 'Speaking to ..., Pell said' had no subject,
    # and the pronoun went to the first person of the sentence
    got = speakers(
        "Omar Lind, a lawyer, was arrested in March and flown home.",
        'Days after Lind\'s arrest, Ivo Pell volunteered to take his place. "Was I going to stay '
        'in my office?" he asked.',
        'Speaking to Lind\'s family by phone, Pell promised to fight on. "We will not stop," he said.',
    )
    assert got == ["Ivo Pell", "Ivo Pell"]


# -- SUBJECT_COORDINATION -------------------------------------------------------------------

def test_a_second_subject_joined_by_and_is_not_the_subject():
    # before: 'Quill and running mate Kim Abel' made Abel the subject, so 'She says' went to Abel
    got = speakers(
        "Governor Mara Quill spent the morning at a diner in Keene.",
        'At each table, Quill and running mate Kim Abel thanked the owners. She says, "We will be back."',
    )
    assert got == ["Mara Quill"]


# -- PRONOUN_LEADS_QUOTE --------------------------------------------------------------------

def test_a_pronoun_that_opens_the_quote_sentence_speaks():
    # before: no verb of saying next to the quote, so it had no speaker at all
    got = speakers(
        "Mayor Lena Quist spoke for an hour at the depot on Friday.",
        '"We will finish the bridge by May," Quist said.',
        'She then turned to her critics on the council: "Come and see for yourselves."',
        'Later she issued a short note to residents, adding, "The work goes on."',
    )
    assert got == ["Lena Quist", "Lena Quist", "Lena Quist"]


# -- POSSESSIVE_ROLE_SUBJECT ----------------------------------------------------------------

def test_a_possessive_role_before_the_name_leads_to_the_subject():
    # before: 'the paper's city editor Nina Holt' was no subject (a determiner before the name),
    # and 'Ash's chief rival, Carl Dunn,' made the owner Ash the subject
    got = speakers(
        "Tom Ash, a reader in Dover, wrote to the Ledger about its flood maps.",
        "After the storm, the paper's city editor Nina Holt took up the letter in print. "
        '"We got the maps wrong," she wrote.',
        "Ash's chief rival, Carl Dunn, stayed away from the hearing. "
        '"I had a prior commitment," he said.',
    )
    assert got == ["Nina Holt", "Carl Dunn"]
