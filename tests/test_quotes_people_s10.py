"""Issue 11 item 2, tenth round (people): two people of one surname, one of them introduced as the
other's relative (docs/quotes.md, "Tenth round (session 10): people and coreference"). The
articles here are written by us."""
from __future__ import annotations

import pandas as pd

from kit.quotes import extract_quotes


def speakers(*texts: str) -> list:
    p = pd.DataFrame({"doc_id": "x", "para_no": range(len(texts)), "role": "body", "text": list(texts)})
    q = extract_quotes(p)
    return q.loc[q["kind"].isin(["full", "partial"]), "speaker"].tolist()


# -- RELATIVE_KEEPS_NO_SURNAME ---------------------------------------------------------------------

def test_a_husband_named_once_does_not_take_his_wifes_surname():
    # before: 'Roe' went to Tom Roe, the person of that surname named last
    got = speakers(
        "Senator Ann Roe opened her campaign in Dover on Monday.",
        "She flew home that night with her husband, Tom Roe, and worked on the speech.",
        "Roe told the crowd on Tuesday that the plant would stay open.",
        '"We will not let this town down," Roe said.',
    )
    assert got == ["Ann Roe"]


def test_a_brother_named_after_of_does_not_take_the_surname():
    got = speakers(
        "Actor Cal Brandt says he will vote for the governor.",
        "Brandt, the younger brother of film director Leo Brandt, spoke at a rally on Friday.",
        '"He is the only one who has kept his word," Brandt said.',
    )
    assert got == ["Cal Brandt"]


def test_a_title_still_chooses_the_relative():
    # the rule leaves a title's gender to choose: 'Mr. Roe' is the husband
    got = speakers(
        "Senator Ann Roe opened her campaign in Dover on Monday.",
        "She flew home that night with her husband, Tom Roe, and worked on the speech.",
        '"She has never missed a vote," Mr. Roe said.',
    )
    assert got == ["Tom Roe"]


def test_a_relative_who_speaks_under_his_full_name_keeps_it():
    got = speakers(
        "Senator Ann Roe opened her campaign in Dover on Monday.",
        "Her husband, Tom Roe, spoke first.",
        '"She has never missed a vote," Tom Roe said.',
    )
    assert got == ["Tom Roe"]
