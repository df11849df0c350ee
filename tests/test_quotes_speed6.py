"""Session 17 speed work (branch speed6): the memos added never leak between clauses or articles.

Every text here is invented (made-up people, places and outlets). ``attribution._SUBJECTS`` keeps
:func:`attribution._subject` by the whole head it reads; the tests ask heads that share their last
words (so that a memo keyed by a part of the head would hand one head's subject to the other), in
either order, and run two articles built the same way together and apart.
"""
from __future__ import annotations

import pandas as pd
import pytest

from kit.quotes import attribution, extract_quotes

#: Heads (the text before a verb of saying) that end alike and name different subjects.
HEADS = [
    "Ann Roe, a nurse at the Kestrel clinic, ",
    "Later Bo Lind, a nurse at the Kestrel clinic, ",
    "The nurse at the Kestrel clinic ",
    "Meanwhile the Harbor Board ",
    "In Tidewater, the Harbor Board ",
    "",
]

ARTICLE_A = [
    "The wards were full on Monday.",
    'Ann Roe, a nurse at the Kestrel clinic, said: "We need more beds."',
]
ARTICLE_B = [
    "The wards were calm on Tuesday.",
    'Later Bo Lind, a nurse at the Kestrel clinic, said: "We have room."',
]


def _paras(doc_id: str, texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": doc_id, "para_no": range(len(texts)), "role": "body", "text": texts})


@pytest.mark.parametrize("order", [1, -1])
def test_subject_memo_is_keyed_by_the_whole_head(order):
    attribution._SUBJECTS.clear()
    expected = {h: attribution._subject_of(h) for h in HEADS}
    got = {h: attribution._subject(h) for h in HEADS[::order]}
    again = {h: attribution._subject(h) for h in HEADS[::-order]}
    assert got == expected == again
    assert expected[HEADS[0]][0] == "Ann Roe" and expected[HEADS[1]][0] == "Bo Lind"


def test_subject_memo_does_not_leak_between_articles():
    alone = []
    for doc_id, texts in (("a", ARTICLE_A), ("b", ARTICLE_B)):
        attribution._SUBJECTS.clear()
        alone.append(extract_quotes(_paras(doc_id, texts)))
    for first, second in ((0, 1), (1, 0)):
        attribution._SUBJECTS.clear()
        docs = [("a", ARTICLE_A), ("b", ARTICLE_B)]
        both = extract_quotes(pd.concat([_paras(*docs[first]), _paras(*docs[second])], ignore_index=True))
        for k, (doc_id, _) in enumerate(docs):
            got = both[both["doc_id"] == doc_id].reset_index(drop=True)
            pd.testing.assert_frame_equal(got, alone[k].reset_index(drop=True))
    speakers = set(both["speaker"])
    assert {"Ann Roe", "Bo Lind"} <= speakers


def test_subject_memo_is_emptied_when_full(monkeypatch):
    attribution._SUBJECTS.clear()
    for k in range(5):
        attribution._SUBJECTS[f"head {k} "] = None
    monkeypatch.setattr(attribution, "_SUBJECTS", dict.fromkeys((f"h{k}" for k in range(100_001)), None))
    assert attribution._subject("Ann Roe ") == ("Ann Roe", 0)
    assert len(attribution._SUBJECTS) == 1
