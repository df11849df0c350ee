"""The summary tables over a quotes table (speech_acts, top_speakers) on hand-written quotes tables:
known acts and profiles worked out by hand, input order that must not matter, and a problems list
that pandas must not copy into every derived table (issue 11: speech_acts was quadratic)."""
from __future__ import annotations

import copy

import pandas as pd

from kit.quotes import extract_quotes, speech_acts, top_speakers


def quote(doc_id, quote_no, attribution_id, text, kind, speaker, *, para_no=0, para_end=0, start=0, end=0,
          n_words=1, speaker_type="official", side=None, verb="said", mention=None):
    return {"doc_id": doc_id, "quote_no": quote_no, "attribution_id": attribution_id, "text": text, "kind": kind,
            "speaker": speaker, "speaker_mention": mention or speaker, "verb": verb, "para_no": para_no,
            "para_end": para_end, "start": start, "end": end, "n_words": n_words, "speaker_type": speaker_type,
            "side": side}


# d1: an act of three speech quotes (0, 2, 4) broken by a scare quote (1) and by another act (3)
# whose first quote names no speaker; d0: one act of one partial quote.
ROWS = [
    quote("d1", 0, 0, "We will,", "partial", None, para_no=1, para_end=1, start=10, end=18, n_words=2, verb="said"),
    quote("d1", 1, 1, "so-called", "scare", None, para_no=1, para_end=1, start=30, end=39),
    quote("d1", 2, 0, "And soon.", "full", "Ana Ruiz", para_no=2, para_end=3, start=50, end=59, n_words=2,
          verb="added"),
    quote("d1", 3, 3, "No.", "full", "Bo Li", para_no=4, para_end=4, start=70, end=73, verb="replied"),
    quote("d1", 4, 0, "Later.", "partial", "Ana Ruiz", para_no=5, para_end=5, start=80, end=86),
    quote("d0", 0, 0, "Fine", "partial", "Cy Moe", para_no=0, para_end=0, start=1, end=5, speaker_type="expert"),
]


def plain(rows: list) -> list:
    """Missing values as None (pandas may hold them as NaN in a text column)."""
    return [[None if pd.isna(v) else v for v in row] for row in rows]


def test_speech_acts_by_hand():
    quotes = pd.DataFrame(ROWS).sample(frac=1.0, random_state=3)  # row order must not matter
    acts = speech_acts(quotes)
    got = acts[["doc_id", "attribution_id", "text", "kind", "speaker", "verb", "para_no", "para_end", "start",
                "end", "n_quotes", "n_words"]].values.tolist()
    got = plain(got)
    assert got == [
        ["d0", 0, "Fine", "partial", "Cy Moe", "said", 0, 0, 1, 5, 1, 1],
        # fields of the act's first quote (its missing speaker too), the extent of all three
        ["d1", 0, "We will, … And soon. … Later.", "full", None, "said", 1, 5, 10, 86, 3, 5],
        ["d1", 3, "No.", "full", "Bo Li", "replied", 4, 4, 70, 73, 1, 1],
    ]


def test_speech_acts_of_no_speech_is_an_empty_table():
    acts = speech_acts(pd.DataFrame([ROWS[1]]))
    assert len(acts) == 0 and "attribution_id" in acts.columns


def test_top_speakers_profile_by_hand():
    rows = [quote("a", i, i, "word " * 3, "full", "Ana Ruiz", n_words=3, speaker_type=t, side=s)
            for i, (t, s) in enumerate([("expert", None), ("official", "left"), ("official", "right"),
                                        ("expert", None)])]
    rows += [quote("b", 0, 0, "one", "full", "Bo Li", n_words=1, speaker_type=None, side=None),
             quote("b", 1, 1, "x y", "full", None, n_words=2, speaker_type=None)]
    arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"], "text": ["t " * 20, "t " * 20]})
    top = top_speakers(pd.DataFrame(rows), arts, n=5)
    # Ana Ruiz: types expert 2, official 2 -> the tie goes to the first in sorted order ('expert');
    # side: the first one given in table order ('left'). Bo Li has neither: 'unknown' and '(none)',
    # the labels of the quoted-words tables (an empty cell printed "None" in report 04)
    got = top[["rank", "speaker", "speaker_type", "side", "n_quotes", "quoted_words", "n_articles"]].values.tolist()
    assert plain(got) == [
        [1, "Ana Ruiz", "expert", "left", 4, 12, 1],
        [2, "Bo Li", "unknown", "(none)", 1, 1, 1],
    ]
    assert top["share"].round(4).tolist() == [round(12 / 15, 4), round(1 / 15, 4)]


def test_the_problems_list_is_shared_not_copied_into_derived_tables():
    q = extract_quotes(pd.DataFrame({"doc_id": ["a"], "para_no": [0], "role": ["body"],
                                     "text": ['"We are ready," said Ana Ruiz. The vote was 41 to 29".']}))
    problems = q.attrs["problems"]
    assert len(problems) == 1
    assert copy.deepcopy(problems) is problems
    assert q[q["kind"] == "full"].attrs["problems"] is problems


def test_top_speakers_without_an_actor_file_say_none_as_the_side_table_does():
    """No actor file: every side is missing; the most-quoted speakers say '(none)', as the
    quoted-words-by-side table does, on the whole table and reduced over parts."""
    from kit.quotes import sources
    from kit.quotes.summary import top_speakers_in_parts

    rows = [quote("a", 0, 0, "word " * 4, "full", "Ann Roe", n_words=4, side=None),
            quote("b", 0, 0, "word " * 2, "full", "Bo Li", n_words=2, side=None)]
    q = pd.DataFrame(rows)
    arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"], "text": ["t " * 20, "t " * 20]})
    top = top_speakers(q, arts, n=5)
    assert top["side"].tolist() == ["(none)", "(none)"]
    assert sources(q, arts, group_by="outlet", by="side")["side"].tolist() == ["(none)"]
    pd.testing.assert_frame_equal(top_speakers_in_parts([q.iloc[:1], q.iloc[1:]], arts, n=5), top)
