"""Session 16, branch speakers16: speakers are entities on real news. Speaker strings that cannot be a
speaker by their shape (a possessive phrase of a thing, ...). The articles here are written by us
(fictional names, places and outlets)."""
from __future__ import annotations

import pandas as pd
import pytest

from kit.quotes import SPEAKER_RULES, extract_quotes


def quotes(*texts: str) -> pd.DataFrame:
    p = pd.DataFrame({"doc_id": "x", "para_no": range(len(texts)), "role": "body", "text": list(texts)})
    q = extract_quotes(p)
    return q[q["kind"].isin(["full", "partial"])].reset_index(drop=True)


# --- rule POSSESSOR_SPEAKS ----------------------------------------------------------------------

INTRO = "Councilwoman Dara Quill unveiled a harbor bill in Tolvik on Monday."


@pytest.mark.parametrize("sentence", [
    'Quill\'s plan says the port "will double its ferry runs by 2030."',
    'Quill\'s written response called the audit "a fishing trip."',
    'Quill\'s latest email claimed the audit was "a fishing trip."',
    'The councilwoman\'s campaign video urged voters to "come down to the docks."',
])
def test_a_thing_that_carries_words_speaks_for_its_owner(sentence):
    # before: the phrase itself was the speaker ("Quill's plan", DESCRIPTION_KEPT)
    q = quotes(INTRO, sentence)
    assert q.loc[0, "speaker"] == "Dara Quill"
    assert q.loc[0, "speaker_rule"] == "POSSESSOR_SPEAKS"


def test_an_owner_written_with_s_apostrophe_speaks():
    q = quotes("Senator Abel Mathers released a farm bill on Monday.",
               'Mathers\' proposal promises that the state "will buy every acre it can."')
    assert q.loc[0, "speaker"] == "Abel Mathers"
    assert q.loc[0, "speaker_rule"] == "POSSESSOR_SPEAKS"


@pytest.mark.parametrize("sentence, speaker", [
    # a person after the possessive speaks as before
    ('Quill\'s spokesman, Ted Orr, said the vote "is not the end."', "Ted Orr"),
    # a choice or a stance carries no words: not this rule
    ('Quill\'s decision "is final," the clerk said.', "the clerk"),
])
def test_people_and_choices_are_not_read_as_owned_words(sentence, speaker):
    q = quotes(INTRO, sentence)
    assert q.loc[0, "speaker"] == speaker
    assert q.loc[0, "speaker_rule"] != "POSSESSOR_SPEAKS"


def test_the_rule_is_in_the_vocabulary():
    assert "POSSESSOR_SPEAKS" in SPEAKER_RULES


# --- rule OUTLET_DESK -----------------------------------------------------------------------------

def test_an_outlets_desk_speaks_as_an_outlet():
    # before: a name the entity step did not know (NAME_AS_WRITTEN), typed unknown
    q = quotes("Farmers in Velden lost half the barley crop to the drought.",
               'Reuters Climate reported that "the losses will reach the grain markets by spring."')
    assert q.loc[0, "speaker"] == "Reuters Climate"
    assert q.loc[0, "speaker_rule"] == "KNOWN_ORGANISATION"
    assert q.loc[0, "speaker_type"] == "media"


@pytest.mark.parametrize("name, outlet", [
    ("CNN Politics", "CNN Politics"), ("The Washington Post", "The Washington Post"),
    ("Ann Politics", None), ("Reuters Harbor", None)])
def test_only_an_outlet_and_a_desk_word_make_a_desk(name, outlet):
    from kit.quotes.resolution import _outlet_name

    assert _outlet_name(name) == outlet


# --- rules NOUN_AFTER_PREPOSITION and ROLE_HEAD_IS_A_NOUN -----------------------------------------

def test_a_plural_noun_after_of_is_no_verb_of_the_mention():
    # before: 'states' was read as the mention's verb, 'The coalition of' was left, headed by 'of',
    # and matched the court's name ('Court of Appeals') as a role of an organisation
    q = quotes("A coalition of states, led by Vermont, sued the Marrow Basin Authority on Monday.",
               "The suit asks the Fifth Circuit Court of Appeals to hear the case quickly.",
               'The coalition of states told the judges that any delay "only helps the Authority."')
    assert q.loc[0, "speaker"] == "a coalition of states"


@pytest.mark.parametrize("mention, kept", [("the coalition of states", "the coalition of states"),
                                           ("the Q survey also shows that", "the Q survey")])
def test_cut_clause_keeps_a_noun_after_a_preposition(mention, kept):
    from kit.quotes.resolution import _cut_clause

    assert _cut_clause(mention) == kept


def test_a_role_is_never_headed_by_a_function_word():
    from kit.quotes.descriptions import _resolve_role
    from kit.quotes.entities import Mention, Person, _Article, _index_mentions

    art = _Article(doc_id=1, paras=[], text="The Court of Appeals ruled. The coalition of")
    court = Person(name="the Court of Appeals", tokens=("Court", "of", "Appeals"), kind="org")
    art.orgs = {"court of appeals": court}
    art.mentions = [Mention(4, 21, court)]
    _index_mentions(art)
    assert _resolve_role(art, "The coalition of", 28) is None
    assert _resolve_role(art, "the court", 28) is court


# --- rule PLURAL_GROUP ----------------------------------------------------------------------------

def test_a_plural_group_takes_no_he():
    # before: 'Harborists' (a party's members, written in the singular too) was a person and the
    # latest speaker, so the next 'he' went to it instead of the man named before
    q = quotes("Eli Dornbusch chairs the budget panel.",
               'Harborists said the levy "is too high" for a Harborist town.',
               '"The levy pays for the seawall," he said.')
    assert q.loc[0, "speaker"] == "Harborists"  # the group still speaks
    assert q.iloc[-1]["speaker"] == "Eli Dornbusch"


@pytest.mark.parametrize("text, word, group", [
    ("A Harborist mayor spoke. Harborists said no.", "Harborists", True),
    ("Bo Sanders spoke. Sanders said no. A sander was sold.", "Sanders", False),
    ("Jones said no.", "Jones", False),
])
def test_plural_group_keeps_surnames(text, word, group):
    from kit.quotes.entities import Person, _Article
    from kit.quotes.names import _plural_group

    art = _Article(doc_id=1, paras=[], text=text)
    if "Bo Sanders" in text:
        art.persons = {"bo sanders": Person(name="Bo Sanders", tokens=("Bo", "Sanders"))}
    assert _plural_group(art, word) is group


# --- rules PEOPLE_IN_ORG_NAME and NAME_OF_ORGANISATION ---------------------------------------------

@pytest.mark.parametrize("sentence, speaker", [
    ('The Harbor Children\'s Fund said the new rules were "unlawful."', "the Harbor Children's Fund"),
    ('The Tolvik Women\'s League said the new rules were "unlawful."', "the Tolvik Women's League"),
])
def test_a_people_possessive_is_part_of_an_organisations_name(sentence, speaker):
    # before: the name was cut after the possessive ('Fund', 'League')
    q = quotes("The rules were issued in May.", sentence)
    assert q.loc[0, "speaker"] == speaker


@pytest.mark.parametrize("sentence", [
    'Ann Roe of the Acme Harbor League said the new rules were "unlawful."',
    'Ann Roe with the Acme Harbor League told reporters the rules were "unlawful."',
])
def test_a_person_of_an_organisation_speaks_not_the_organisation(sentence):
    # before: the organisation after 'of' / 'with' was the speaker
    q = quotes("The rules were issued in May.", sentence)
    assert q.loc[0, "speaker"] == "Ann Roe"
    assert q.loc[0, "affiliation"] == "the Acme Harbor League"


@pytest.mark.parametrize("sentence, speaker", [
    ('The Institute of Coastal Studies said the new rules were "unlawful."', "the Institute of Coastal Studies"),
    ('Sen. Ann Roe of Ohio said the new rules were "unlawful."', "Ann Roe"),
])
def test_organisations_and_titled_names_keep_their_speaker(sentence, speaker):
    q = quotes("The rules were issued in May.", sentence)
    assert q.loc[0, "speaker"] == speaker


# --- rule APPROXIMATE_NUMBER ---------------------------------------------------------------------

def test_an_approximate_number_stays_in_the_description():
    # before: the introduction began at 'a' ('a dozen harbor pilots'), so the group lost 'nearly'
    q = quotes("On Monday nearly a dozen harbor pilots wrote to the port board about the new rules.",
               'The pilots said the rules "put every night crossing at risk."')
    assert q.loc[0, "speaker"] == "nearly a dozen harbor pilots"


def test_an_indefinite_introduction_is_read_as_before():
    from kit.quotes.descriptions import _introductions

    assert _introductions("Later one senior official, who asked ...", "official") == [(6, "one senior official")]


# --- rule TITLE_ALONE ------------------------------------------------------------------------------

def test_a_title_alone_is_a_role_not_a_name():
    # before: the attribution's mention 'CEO of the Tolvik Harbor Association' was a person named 'CEO'
    q = quotes("The port raised its fees in May.",
               'Dana Quill, president and CEO of the Tolvik Harbor Association stated, "The fees will hurt '
               'every small fishing crew in the bay."')
    assert q.loc[0, "speaker"] == "Dana Quill"


def test_a_title_before_a_name_still_names_the_person():
    q = quotes("The port raised its fees in May.",
               'Secretary of State Ann Roe said the fees "are fair."')
    assert q.loc[0, "speaker"] == "Ann Roe"
