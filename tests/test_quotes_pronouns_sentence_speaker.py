"""Issue 11, quotes with no attribution of their own (third round): the error classes among the
wrong ``LATEST_SPEAKER`` and ``FIRST_PERSON_NAMED`` speakers and the quotes with no speaker of
PolNeAR's development part, read in their articles. The largest class that is the kit's own: the
quote's sentence names its speaker after the quote in a shape the attribution patterns miss (an
age and a long appositive before the verb, a verb after an unquoted continuation, a name with a
company code before it); the fallback then took the paragraph's earlier speaker. The next: a
quote in a sentence whose subject is not the paragraph's first person. Rules
``NAMED_AFTER_QUOTE`` and ``SENTENCE_SUBJECT`` (:mod:`kit.quotes.sentence_speaker`). The
articles here are written by us and reproduce those layouts."""
from __future__ import annotations

from helpers import quotes, speaker_and_rule

# -- NAMED_AFTER_QUOTE ---------------------------------------------------------------------

def test_an_age_and_a_long_appositive_before_the_verb():
    # before: the number word opening the paragraph's previous sentence was taken as the speaker
    q = quotes(
        "Only 31 percent of voters trust the council. Forty percent said it wasted money.",
        '"I just want the potholes fixed before winter," Wilma Pardee, 58, who drives a school '
        "bus in Dover, Del., said on the phone.",
    )
    assert speaker_and_rule(q, 0) == ("Wilma Pardee", "NAMED_AFTER_QUOTE")


def test_a_name_with_a_company_code_after_the_verb():
    # before: the latest speaker of the paragraph before, an organisation
    q = quotes(
        '"The board has reviewed the offer," the Harbor Transit Authority said on Friday.',
        '"It was a large order of rails," said R7 president Olaf Brandt, who gave no price. '
        "The firm is based in Toledo.",
    )
    assert speaker_and_rule(q, 1) == ("Olaf Brandt", "NAMED_AFTER_QUOTE")


def test_the_verb_after_an_unquoted_continuation():
    # '"..." for X to win, said NAME': the name before the comma is not the subject
    q = quotes(
        "Campaign manager Rita Solis said on Monday that the race was still open.",
        '"The numbers are not there yet" for Mayor Dunn to win the seat, said Hal Becker, '
        "a strategist for the county party.",
    )
    assert speaker_and_rule(q, 0) == ("Hal Becker", "NAMED_AFTER_QUOTE")


def test_a_name_after_and_called_is_an_object_not_a_speaker():
    # 'X thanked them "..." and called NAME ...': Abel is what X called, not who spoke
    q = quotes(
        "Tessa Grant spoke at the union hall on Sunday.",
        'The union paid for the buses, and the crowd cheered when Grant thanked its members "for '
        'standing with me" and called Abel Ortiz a loyal friend.',
    )
    assert q.loc[0, "speaker_rule"] != "NAMED_AFTER_QUOTE"
    assert q.loc[0, "speaker"] != "Abel Ortiz"


def test_a_name_inside_a_description_after_the_verb_is_no_speaker():
    # 'said the aide to NAME': the aide speaks, not the person named
    q = quotes(
        "Tessa Grant toured the port on Friday.",
        '"The cranes are older than I am," said the longtime aide to Mayor Abel Ortiz.',
    )
    assert q.loc[0, "speaker"] != "Abel Ortiz"


# -- SENTENCE_SUBJECT ---------------------------------------------------------------------

def test_the_subject_of_the_quotes_sentence_not_the_paragraphs_first_person():
    # before: the first person of the paragraph, the attorney general who sued
    q = quotes(
        "Attorney General Mara Quint sued the academy in 2014. At the county fair, Leo Varga "
        'handed out flyers that promised "teachers who are simply the best in the world."',
    )
    assert speaker_and_rule(q, 0) == ("Leo Varga", "SENTENCE_SUBJECT")


def test_a_possessive_subject_against_the_person_it_is_about():
    q = quotes(
        "In the 2010 race, the union backed Carl Rudd against Nina Pell. Pell's old motto, painted on "
        'every bus, was that Rudd "would sell the harbor to anyone."',
    )
    assert speaker_and_rule(q, 0) == ("Nina Pell", "SENTENCE_SUBJECT")


def test_a_name_after_a_preposition_is_no_subject():
    # 'Preceded by NAME, the crowd ...': no named subject, so the paragraph's first person speaks
    q = quotes(
        "Leo Varga flew to Tucson on Tuesday to speak at the fairground. Preceded at the lectern by "
        'Sheriff Ada Kemp, the event opened with a promise that "the families of this state will '
        'never be forgotten again."',
    )
    assert q.loc[0, "speaker"] == "Leo Varga"


def test_the_sentence_subject_before_the_paragraphs_latest_speaker():
    # before: the speaker of the paragraph's earlier quote, though the sentence names its own subject
    q = quotes(
        '"We will win the county," Nora Vance said at the rally. On Tuesday, Gov. Tim Oakes endorsed '
        'her as a leader with "a steady hand in a hard decade, and the nerve to use it."',
    )
    assert speaker_and_rule(q, 1) == ("Tim Oakes", "SENTENCE_SUBJECT")


def test_a_name_right_before_the_quote_is_its_topic():
    # '"A," said X. Abel "B"': Abel is what X talks about; X's act goes on
    q = quotes(
        '"We thought only the mayor was careless," said Hilda Brook, who wrote a book on the city. '
        'Abel Ortiz "kind of slipped. This is not something a mayor should say in public."',
    )
    assert q.loc[1, "speaker"] == "Hilda Brook"


def test_a_name_in_the_next_sentence_after_a_closing_question_mark_is_no_speaker():
    # '"...?"Also on Monday, NAME said': the quote ended its sentence (no space after the mark)
    q = quotes(
        'The council met on Monday. "We should finish the bridge. Who can say how long it takes?"Also '
        "on Monday, Mayor Abel Ortiz said the ferry would run until June.",
    )
    assert q.loc[0, "speaker"] != "Abel Ortiz"


def test_a_sentence_opener_the_article_writes_in_lower_case_is_no_name():
    from types import SimpleNamespace

    from kit.quotes.sentence_speaker import _common_word

    text = "Drought Relief is a blog. Drought is the word; the drought goes on. Ortiz spoke."
    opener = SimpleNamespace(pos=26, end=33)   # 'Drought' opening the second sentence
    name = SimpleNamespace(pos=text.index("Ortiz"), end=text.index("Ortiz") + 5)
    art = SimpleNamespace(text=text)
    assert (_common_word(art, opener), _common_word(art, name)) == (True, False)
