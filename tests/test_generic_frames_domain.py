"""Out-of-domain false hits of the generic frames dictionary (issue 12, item 4): institution names,
investigations and everyday senses of trade words must not count as economic or moral framing.
Sentences written for this test; each expectation was decided from the frame definitions."""
from __future__ import annotations

import pandas as pd
import pytest

import kit.dictionaries as kd

CASES = [
    ("The investigation continued for weeks.", "economic", False),
    ("Investigators interviewed the witnesses.", "economic", False),
    ("Investors fled and investment fell.", "economic", True),
    ("The firm invested heavily in the port.", "economic", True),
    ("The Justice Department said it would appeal.", "morality", False),
    ("The Justice Minister resigned.", "morality", False),
    ("Marchers demanded social justice.", "morality", True),
    ("It was a miscarriage of justice.", "morality", True),
    ("The two leaders were trading insults.", "economic", False),
    ("Their largest trading partners cut orders.", "economic", True),
    ("New sanctions on two officials were announced.", "economic", False),
    ("Economic sanctions hit the banks.", "economic", True),
]


@pytest.mark.parametrize("sentence,frame,expected", CASES)
def test_generic_frames_hits_only_in_the_frames_sense(sentence, frame, expected):
    hits = kd.dictionary_hits(pd.DataFrame({"doc_id": ["a"], "text": [sentence]}), kd.load_dictionary("generic_frames"))
    assert (frame in set(hits["frame"])) is expected, hits[["frame", "pattern", "match"]].to_dict("records")
