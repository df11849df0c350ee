"""Rule NOT_A_PERSON (issue 11 item 1, session 11): entity typing of capitalised runs. A run that
names a place, a built thing, an event or a title-case phrase is never a speaker nor a person a
pronoun can take, and the real speaker is still found. Every fixture is written by us."""
from __future__ import annotations

import pytest
from helpers import quotes, speaker_and_rule

from kit.quotes.entities import _Article, _not_a_person


def _speakers(*paras: str) -> list:
    return quotes(*paras)["speaker"].tolist()


@pytest.mark.parametrize("paras", [
    # a geographic head ends the run
    ("Kestrel Glacier has lost a third of its ice since 1990, the survey found.",
     '"We have never seen it melt this fast."'),
    # the run left by the title-case cut of 'The Varrow Sea Ice Survey'
    ("The Varrow Sea Ice Survey counted the floes again this spring.",
     '"The ice is thinner than last year."'),
    # an event head
    ("The Harlow Festival drew crowds to the green this weekend.",
     '"Every year it gets bigger."'),
    # a place opener ('Santa', the points of the compass)
    ("Santa Orla votes on the levy next week.", '"The schools need the money."'),
    ("West Arden votes on the levy next week.", '"The schools need the money."'),
    # an event: a storm, a crisis
    ("Hurricane Ada flattened the pier on Tuesday.", '"Nobody saw it coming."'),
    ("Harvest Crisis ended on Monday after ten weeks.", '"Nobody was spared."'),
])
def test_places_and_things_are_no_speakers(paras):
    assert _speakers(*paras) == [None]


def test_a_run_modifying_a_noun_takes_no_pronoun():
    q = quotes("Past an Art Deco cinema, Tom Hale walked with me to the square. The cinema closed in May.",
               '"I grew up here," he said.')
    assert q.loc[0, "speaker"] == "Tom Hale"


def test_a_run_written_in_the_plural_takes_no_pronoun():
    q = quotes("Ann Roe told a forum for Pacific Islander voters in Dunmore that clinics matter. "
               "Later, Pacific Islanders cheered.",
               '"We need more clinics," she said.')
    assert speaker_and_rule(q, 0)[0] == "Ann Roe"


def test_a_title_case_phrase_the_article_writes_in_lower_case():
    # a headline run into the text: 'Clean Rivers Plan' beside 'clean rivers'
    q = quotes("Voters Want A Clean Rivers Plan: Poll The survey asked about clean rivers and jobs.",
               '"Water comes first."')
    assert q.loc[0, "speaker"] != "Clean Rivers Plan"


@pytest.mark.parametrize("paras, who", [
    (("Ann Roe spoke in Dunmore on Friday.", '"We will win," she said.'), "Ann Roe"),
    # a name used as a modifier once, and as a subject elsewhere, stays a person
    (("Ann Roe supporters packed the hall. Ann Roe said the hall was too small.",
      '"Next time we rent the stadium," she said.'), "Ann Roe"),
    # 'the Ann Roes of this world' is no plural of a kind
    (("Tom Hale spoke at the mill. He mocked the Tom Hales of this world.",
      '"I am not one of them," Hale said.'), "Tom Hale"),
    # a hyphen: 'South Korean-born' opens no place name here (the kit keeps it in the name)
    (("South Korean-born Dana Pike runs the shop.", '"Business is slow," she said.'), "Dana Pike"),
])
def test_people_stay_people(paras, who):
    got = _speakers(*paras)
    assert len(got) == 1 and isinstance(got[0], str) and got[0].endswith(who)


@pytest.mark.parametrize("text, toks, start, shape", [
    ("Boats crossed the Arctic Sea.", ["Arctic", "Sea"], 18, "head"),
    ("We met in Fort Ledger.", ["Fort", "Ledger"], 10, "place opener"),
    ("Pacific Islander voters, and Pacific Islanders.", ["Pacific", "Islander"], 0, "plural"),
    ("Green Jobs Plan. Most green jobs pay.", ["Green", "Jobs"], 0, "lower case"),
    ("He saw an Art Deco lobby. The lobby was cold.", ["Art", "Deco"], 10, "thing"),
    ("Ann Roe said so.", ["Ann", "Roe"], 0, None),
    ("Ann Roe campaign staff met. The staff left. Ann Roe said so.", ["Ann", "Roe"], 0, None),
])
def test_not_a_person_shapes(text, toks, start, shape):
    art = _Article(doc_id=1, paras=[], text=text)
    assert _not_a_person(art, toks, start, start + len(" ".join(toks))) == shape
