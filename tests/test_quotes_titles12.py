"""Session 12 (titles): a title before one name, and a possessive organisation before a role.

Every sentence here is written by us (fictional people, places and firms)."""
from __future__ import annotations

import pytest
from helpers import quotes

from kit.quotes.entities import _Article, _build_entities


def _persons(text: str) -> dict:
    art = _Article(doc_id=1, paras=[(0, text, 0)], text=text)
    _build_entities(art, None)
    return art.persons


@pytest.mark.parametrize("title, name, gender", [
    ("Pope", "Aurel", "m"), ("King", "Tomas", "m"), ("Queen", "Ilse", "f"), ("Cardinal", "Reyes", "m"),
    ("Empress", "Vanna", "f"), ("Prince", "Olaf", "m"),
])
def test_one_name_title_is_a_person_with_the_title_as_role(title, name, gender):
    # rule ONE_NAME_TITLE: the title makes the one name a person, its role the title, its gender
    # the title's where the title has one
    p = _persons(f"{title} {name} visited the port of Lorn on Sunday.").get(name.lower())
    assert p is not None and p.role == title and p.gender == gender


@pytest.mark.parametrize("run", ["King County", "Queen Street", "Prince Bridge"])
def test_one_name_title_before_a_place_word_is_no_person(run):
    text = f"Voters in {run} met on Sunday. The lawsuit of {run}, filed in May, names three firms."
    assert not any(p.tokens[-1] == run.split()[1] for p in _persons(text).values())


def test_the_title_alone_and_a_later_pronoun_go_to_the_titled_person():
    q = quotes("Pope Aurel visited the fishing village of Lorn on Sunday.",
               '"We must care for those who have least," the pope said.',
               'Later he met the harbour workers. "The sea is a gift to all of us," he said.')
    assert q["speaker"].tolist() == ["Aurel", "Aurel"]


def test_the_king_after_king_and_one_name():
    q = quotes("King Tomas opened the new bridge over the Vell on Monday.",
               '"It took eleven years to build," the king said.')
    assert q.loc[0, "speaker"] == "Tomas"


def test_a_place_after_a_one_name_title_gives_no_speaker_to_the_document():
    q = quotes("A firm in Lorn handles King County, Ardenia's lawsuit against four mills.",
               'The mills hid "the costs of the spill from their owners," the lawsuit says.')
    assert q.loc[0, "speaker"] != "County"


@pytest.mark.parametrize("owner", ["Acme Corp", "Vell River Mills", "Acme"])
def test_a_possessive_organisation_before_a_role_is_a_described_source(owner):
    # rule POSSESSIVE_ORGANISATION: the role speaks, not the organisation that owns it; a name of
    # several words was read as a name as its second word looked like one
    q = quotes(f"{owner} reported a loss on Tuesday.",
               f'"We will recover next year," {owner}\'s chief executive said.')
    assert (q.loc[0, "speaker"], q.loc[0, "speaker_rule"]) == (f"{owner}'s chief executive", "DESCRIPTION_KEPT")


def test_a_possessive_before_a_role_and_a_name_still_names_the_person():
    q = quotes('"We will recover next year," Acme Corp\'s chief executive Lena Varga said.')
    assert q.loc[0, "speaker"] == "Lena Varga"
