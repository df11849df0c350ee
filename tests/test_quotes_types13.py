"""Session 13 (types): speaker types of the shapes a hand coding of real news found wrong, and the
speaker-type evaluation (``evaluation.speaker_types``).

Every sentence here is written by us (fictional people, places and organisations)."""
from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from helpers import frames_dev_folder, quotes


def _type_of(q: pd.DataFrame, speaker: str) -> str:
    rows = q[q["speaker"] == speaker]
    assert len(rows), f"{speaker!r} not among {q['speaker'].tolist()}"
    return rows["speaker_type"].iloc[0]


@pytest.mark.parametrize("text, speaker, stype", [
    # rule ROLE_TYPE_WORDS: an abbreviated title, a plural title, a royal title, a scientist's job noun
    ('Marlow Gov. Ann Roe said the dam was "safe for now."', "Ann Roe", "official"),
    ('Associate Justices Ada Vey and Tom Orr dissented. "The law is clear," Vey wrote.', "Ada Vey", "official"),
    ('Prince Olaf opened the port. "We must protect the coast," Olaf said.', "Olaf", "official"),
    ('Tidewater climatologist Rhea Kand said the winter would be "unusually dry."', "Rhea Kand", "expert"),
    ('Station meteorologist Lev Dunmore said the storm was "moving fast."', "Lev Dunmore", "expert"),
    ('The findings were grim. "The shoreline retreats every year," a recent study said.', "a recent study",
     "expert"),
    # rule RELIGIOUS_LEADER: a religious leader speaks for a church (organisation)
    ('Pope Aurel spoke in Lorn on Sunday. "The earth is our common home," Aurel said.', "Aurel", "organisation"),
    ('Cardinal Pia Reyes said the parish would "stand with the farmers."', "Pia Reyes", "organisation"),
])
def test_role_words_give_the_type(text, speaker, stype):
    assert _type_of(quotes(text), speaker) == stype


@pytest.mark.parametrize("text, speaker, stype", [
    # rule NGO_STAFF: an organisation's staff, the organisation of no known kind
    ('"We will sue," said Ann Roe, executive director of the Tidewater League.', "Ann Roe", "organisation"),
    ('"The river is dying," said Bo Lindqvist, a co-founder of Clean Rivers Now.', "Bo Lindqvist", "organisation"),
    ('"We counted every bird," said Cy Marr, the program director at the Heron Alliance.', "Cy Marr", "organisation"),
    # ... but a company's head stays business, and a university's staff expert
    ('"Sales will grow," said Dee Holt, chief executive of Holt Shipping Company.', "Dee Holt", "business"),
    ('"Growth is slow," said Eli Vance, chief executive and co-founder of Brightfield Farms.', "Eli Vance",
     "business"),
    ('"The data are clear," said Fay Orm, director of the Coastal Institute.', "Fay Orm", "expert"),
])
def test_an_organisations_staff(text, speaker, stype):
    assert _type_of(quotes(text), speaker) == stype


@pytest.mark.parametrize("text, speaker, stype", [
    # rule ROLE_INSTITUTION: a short role that names an institution, no affiliation
    ('Senate Majority Leader Ann Roe said the bill was "dead on arrival."', "Ann Roe", "official"),
    ('Harbor Agency head Tom Vale said the port "will reopen soon."', "Tom Vale", "official"),
    ('The vote was close. "It is a start," CNN\'s Rita Orr said.', "Rita Orr", "media"),
    # a role with a type word keeps it: 'Energy Secretary' is official, not a company's
    ('Energy Secretary Bo Kim said the grid was "stronger than ever."', "Bo Kim", "official"),
    ('Marlow House press secretary Una Pell said the report was "not based on facts."', "Una Pell", "official"),
])
def test_a_role_names_its_institution(text, speaker, stype):
    assert _type_of(quotes(text), speaker) == stype


def test_a_title_glued_to_the_name_gives_the_type():
    # rule GLUED_TITLE_TYPE: 'Administrator' stayed in the name; it is still the person's title
    from kit.quotes.entities import Person
    from kit.quotes.extract import _speaker_type

    p = Person(name="Administrator Ann Roe", tokens=("Administrator", "Ann", "Roe"), first_pos=0, role="EPA")
    assert _speaker_type(p, "full") == "official"
    p = Person(name="Tom Orr Vale", tokens=("Tom", "Orr", "Vale"), first_pos=0, role="EPA")
    assert _speaker_type(p, "full") == "citizen"


def test_environmental_justice_is_no_title():
    # 'justice' makes a role official only as its last word
    from kit.quotes.entities import Person
    from kit.quotes.extract import _speaker_type

    p = Person(name="Ann Roe", tokens=("Ann", "Roe"), first_pos=0, role="environmental justice activist")
    assert _speaker_type(p, "full") == "citizen"
    p = Person(name="Ann Roe", tokens=("Ann", "Roe"), first_pos=0, role="Associate Justice")
    assert _speaker_type(p, "full") == "official"


# -- the evaluation --------------------------------------------------------------------------

def _devset(tmp_path):
    return frames_dev_folder(tmp_path, ['Marlow Gov. Ann Roe said the dam was "safe for now." '
                                        '"We counted every bird," said Cy Marr, the program director at the Heron Alliance.',
                                        '"Sales will grow," said Dee Holt, chief executive of Holt Shipping Company.'])


def test_speaker_types_evaluation_scores_a_coding(tmp_path):
    import evaluation.speaker_types as st
    from kit.corpus import load_corpus

    root = _devset(tmp_path)
    ids = load_corpus([str(root / "articles.csv")], column_map={"published": "date"}).articles["doc_id"].astype(str)
    a, b = ids.tolist()
    coding = pd.DataFrame({
        "doc_id": [a, a, b, b],
        "speaker": ["Ann Roe", "Cy Marr", "md5:" + hashlib.md5(b"Dee Holt").hexdigest(), "Nobody Here"],
        "gold_type": ["official", "organisation", "media", "not_a_speaker"],
        "half": [0, 0, 1, 1], "note": ["", "", "", ""]})
    path = tmp_path / "coding.csv"
    coding.to_csv(path, index=False)
    s = st.scored(tmp_path, path)
    assert s["kit_type"].tolist() == ["official", "organisation", "business", None]
    assert s["right"].tolist() == [True, True, False, False]


def test_the_stored_coding_holds_the_columns_and_no_long_phrases():
    import evaluation.speaker_types as st

    c = pd.read_csv(st.CODING, keep_default_na=False)
    assert list(c.columns) == ["doc_id", "speaker", "gold_type", "half", "note"]
    assert set(c["gold_type"]) <= set(st.TYPES) | {"not_a_speaker"}
    assert set(c["half"]) == {0, 1}
    assert len(c) == 200
    # a phrase of the article, not a name, is stored as its digest
    assert c["speaker"].str.split().str.len().max() <= 6


def test_administrator_is_a_title_before_the_name():
    # rule GLUED_TITLE: the speaker is shown without the title, which becomes the role
    q = quotes('Harbor Agency Administrator Ann Roe said the new limits were "within reach."',
               '"We will meet them," Roe said.')
    assert q["speaker"].tolist() == ["Ann Roe", "Ann Roe"]
    assert set(q["speaker_type"]) == {"official"} and "Administrator" in q.loc[0, "role"]
