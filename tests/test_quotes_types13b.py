"""Session 13, second pass (types2): speaker types of outlets without a media word in the name
(rule OUTLET_TYPE) and of names listed after a plural title (rule PLURAL_TITLE_LIST).

Every sentence here is written by us (fictional people, places, outlets and organisations)."""
from __future__ import annotations

import pandas as pd
import pytest
from helpers import quotes


def _type_of(q: pd.DataFrame, speaker: str) -> str:
    rows = q[q["speaker"] == speaker]
    assert len(rows), f"{speaker!r} not among {q['speaker'].tolist()}"
    return rows["speaker_type"].iloc[0]


@pytest.mark.parametrize("text, speaker, stype", [
    # rule OUTLET_TYPE: an outlet of the bundled table, named without a media word, speaks as itself
    ('Ann Roe left the agency in May. "She was never told why," Mother Jones reported.', "Mother Jones",
     "media"),
    # rule OUTLET_TYPE: 'The ... Globe' with no role, not in the table
    ('The Harbor Globe, which first reported the leak, said the plan "was drafted in secret."',
     "The Harbor Globe", "media"),
    # rule PLURAL_TITLE_LIST: each name of a list after a plural title takes the title
    ('The bill was backed by Reps. Ann Roe (D-Ore.), Tom Vale (D-Wash.) and Bo Lindqvist (D-Mont.). '
     '"This is long overdue," Vale said.', "Tom Vale", "official"),
    ('Senators Ann Roe of Ohio and Bo Lindqvist of Iowa wrote to the agency. '
     '"The rules are too weak," Lindqvist said.', "Bo Lindqvist", "official"),
])
def test_types_second_pass(text, speaker, stype):
    assert _type_of(quotes(text), speaker) == stype


@pytest.mark.parametrize("text, speaker, stype", [
    # a person named like an outlet's word keeps a person's type
    ('Ann Globe, a nurse in Marlow, said the clinic "closed without warning."', "Ann Globe", "citizen"),
    # a list broken by a description is no list: the son is no representative
    ('Reps. Ann Roe and her son, Tom Vale, toured the plant. "It was spotless," Vale said.', "Tom Vale",
     "citizen"),
])
def test_types_second_pass_limits(text, speaker, stype):
    assert _type_of(quotes(text), speaker) == stype
