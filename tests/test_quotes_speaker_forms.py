"""Speaker error classes of issue 11 seen on real news, on sentences written by us: an
organisation before a titled person's name, a given name that looks like a job word."""
from __future__ import annotations

import pandas as pd
import pytest

from kit.quotes import extract_quotes


def speaker_of(*texts: str) -> list:
    paras = pd.DataFrame({"doc_id": "x", "para_no": range(len(texts)), "role": "body", "text": list(texts)})
    return extract_quotes(paras)["speaker"].tolist()


@pytest.mark.parametrize("said, speaker", [
    ('"We will not wait," said Senate Minority Whip Dana Oberholt.', "Dana Oberholt"),
    ('"We will not wait," Harbor Council Press Secretary Ilse Varga told reporters.', "Ilse Varga"),
    ('"We will not wait," said retired Army Lt. Gen. Rhys Candel.', "Rhys Candel"),
    ('"We will not wait," House Speaker Tomas Brel said in a statement.', "Tomas Brel"),
    ('"We will not wait," said Harbor Party Chairman Aldo Meret.', "Aldo Meret"),
    # the organisation alone still speaks as the organisation
    ('"We will not wait," the Senate Armed Services Committee said.', "the Senate Armed Services Committee"),
    ('"We will not wait," Harbor Ministry spokesperson Ina Solberg said.', "Ina Solberg"),
])
def test_an_organisation_before_a_titled_name_is_the_affiliation(said, speaker):
    assert speaker_of("The session opened on Monday.", said) == [speaker]


@pytest.mark.parametrize("given", ["Oliver", "Walter", "Christian"])
def test_a_given_name_that_looks_like_a_job_word_before_an_initial(given):
    # 'Rancher Dale Hutchins' drops the job word; before a middle initial the word is a given name
    got = speaker_of(f"{given} K. Varga, who appraises golf courses, spoke on Monday.",
                     '"A lot of clubs have closed," Mr. Varga said.')
    assert got == [f"{given} K. Varga"]
