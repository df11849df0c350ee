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
