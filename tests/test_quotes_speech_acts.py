"""Error classes of issue 11 on articles written by us: quotation marks as newsrooms write them,
speech acts, names with initials, and the command's units and table view."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from helpers import paras

from kit.cli import main
from kit.quotes import extract_quotes, newsroom_marks, speech_acts


@pytest.mark.parametrize("para, text", [
    ("''We are ready,'' said Mayor Lena Ortiz.", "We are ready,"),          # Nexis / NYT copy
    ("``We are ready,'' said Mayor Lena Ortiz.", "We are ready,"),          # typewriter opener
    ("«We are ready», said Mayor Lena Ortiz.", "We are ready"),             # guillemets
    ("„We are ready“, said Mayor Lena Ortiz.", "We are ready"),             # German low-high pair
])
def test_quotation_marks_as_newsrooms_write_them(para, text):
    q = extract_quotes(paras(para))
    assert q["text"].tolist() == [text]
    assert q.loc[0, "speaker"] == "Lena Ortiz"


def test_two_apostrophe_marks_keep_offsets():
    t = "She said, ''we won'' and left."
    assert len(newsroom_marks(t)) == len(t)
    q = extract_quotes(paras(t))
    assert t[q.loc[0, "start"]:q.loc[0, "end"]] == "we won"


def test_damaged_two_apostrophe_mark_stays_in_its_paragraph():
    q = extract_quotes(paras("''This never closes, said nobody.", "Next paragraph, no quote here."))
    assert len(q) == 1 and q.loc[0, "para_end"] == 0


def test_a_speech_act_over_a_sentence_break_is_one_attribution():
    q = extract_quotes(paras('"We are ready," Ana Ribeiro said. "So are they."',
                             '"And we will stay," she said, adding that talks go on. "Nobody leaves."',
                             'Bo Li disagreed. "Not yet," Li said.'))
    assert q["attribution_id"].tolist() == [0, 0, 2, 2, 4]
    acts = speech_acts(q)
    assert acts["n_quotes"].tolist() == [2, 2, 1]
    assert acts["speaker"].tolist() == ["Ana Ribeiro", "Ana Ribeiro", "Bo Li"]


def test_a_new_saying_sentence_starts_a_new_act():
    q = extract_quotes(paras('"We are ready," Ana Ribeiro said. Bo Li said talks failed. "So are they."'))
    assert q["attribution_id"].tolist() == [0, 1]


@pytest.mark.parametrize("intro, mention, full", [
    ("Col. Ruben T. Haskell, an army spokesman, briefed reporters.", "Mr. Haskell", "Ruben T. Haskell"),
    ("Donald J. Trump spoke on Monday.", "Mr. Trump", "Donald J. Trump"),
])
def test_a_middle_initial_is_part_of_the_name(intro, mention, full):
    q = extract_quotes(paras(intro, f'"It was planned," {mention} said.'))
    assert q.loc[0, "speaker"] == full


def test_segments_and_offsets_of_an_interrupted_quote():
    body = '"We are ready," she said, "and so are they."'
    q = extract_quotes(paras(body))
    assert [body[a:b] for a, b in q.loc[0, "segments"]] == ["We are ready,", "and so are they."]


def test_cli_units_and_readable_table(tmp_path, capsys):
    src = tmp_path / "a.jsonl"
    long = "word " * 200
    src.write_text(json.dumps({"outlet": "Harbor Weekly", "title": "Vote day", "published": "2024-01-02",
                               "text": f'"{long}," Ana Ribeiro said. "So are they."'}) + "\n")
    assert main(["quotes", str(src), "--unit", "attribution", "--json"]) == 0
    acts = json.loads(capsys.readouterr().out)
    assert len(acts) == 1 and acts[0]["n_quotes"] == 2 and acts[0]["speaker"] == "Ana Ribeiro"
    assert main(["quotes", str(src), "--width", "60"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Harbor Weekly | Vote day"
    assert "Ana Ribeiro (said)" in lines[1]
    assert max(len(x) for x in lines) <= 60 and any(x.endswith("…") for x in lines)


def test_a_party_label_before_a_name_is_not_part_of_it():
    q = extract_quotes(paras("Republican Dana Whitfield spoke in the morning.",
                             '"We will win," Dana Whitfield said.', '"Again," said Whitfield.'))
    assert q["speaker"].tolist() == ["Dana Whitfield", "Dana Whitfield"]


# -- single quotation marks (an outlet that quotes with them; fixture written by us) -------------

FIXTURE_SINGLE = __import__("pathlib").Path(__file__).parent / "fixtures" / "quotes" / "single_marks_article.txt"


def _single_article() -> pd.DataFrame:
    import re

    ps = [p for p in re.split(r"\n\s*\n", FIXTURE_SINGLE.read_text(encoding="utf-8")) if p.strip()]
    return pd.DataFrame({"doc_id": "x", "para_no": range(len(ps)),
                         "role": ["heading"] + ["body"] * (len(ps) - 1), "text": ps})


def test_single_marks_where_an_outlet_quotes_with_them():
    q = extract_quotes(_single_article())
    assert q["text"].tolist() == [
        "We cannot keep putting this off,",
        "The harbour walls won't last another winter.",             # apostrophe inside stays
        "The figures don’t add up,",                                # curly marks, curly apostrophe
        "We were promised a second consultation,",
        "It never happened. Now we are told it is too late.",       # runs over two paragraphs
        "a distraction",                                            # a short partial quote
    ]
    assert q["speaker"].tolist() == ["Priya Ramsden", "Priya Ramsden", "Owen Talbot", "Owen Talbot",
                                     "Owen Talbot", "Priya Ramsden"]
    assert q.loc[4, "para_no"] == 4 and q.loc[4, "para_end"] == 5
    # possessives ('traders'', 'residents’'), elisions (''90s', ''n''), and the damaged mark of the
    # last paragraph are no quotes: the damaged one never swallows the rest
    assert not q["text"].str.contains("association|survey|90s|roll|four").any()


def test_single_marks_are_left_alone_beside_double_marks():
    # nested single marks inside double ones stay part of the quote; apostrophes never pair
    q = extract_quotes(paras('"He told me \'never again\' and left," said Mayor Lena Ortiz.',
                             "The voters' rights group and the mayor's office disagree."))
    assert q["text"].tolist() == ["He told me 'never again' and left,"]


def test_quote_words_are_the_text_layers_words():
    from kit.text import count_words

    q = extract_quotes(paras('"The U.S. envoy’s high-stakes talks — 7 1/2 hours — ended badly," said Mayor Lena Ortiz.',
                             "'Rock 'n' roll,' she said."))
    assert len(q) >= 1
    assert q["n_words"].tolist() == [count_words(t) for t in q["text"]]
    assert q.loc[0, "n_words"] == count_words("The U.S. envoy’s high-stakes talks — 7 1/2 hours — ended badly,")


#: An invented article: a quote nobody is named for, a scare quote, then two acts of two quotes each;
#: in the second act (a *she*) the continuing quote is surer of its speaker than the act's first.
ACTS_ARTICLE = ('"The water is rising and nobody listens to us."', 'The so-called "plan" was late.',
                '"We are ready," Ana Ribeiro said. "So are they."', 'Bo Li came later.',
                '"And we will stay," she said. "Nobody leaves."')


def test_a_speech_act_carries_its_first_quotes_speaker_confidence():
    q = extract_quotes(paras(*ACTS_ARTICLE))
    acts = speech_acts(q).set_index("attribution_id")
    first = q[q["kind"].isin(["full", "partial"])].drop_duplicates("attribution_id").set_index("attribution_id")
    assert acts["speaker_confidence"].equals(first["speaker_confidence"])
    assert acts["speaker"].isna().tolist() == acts["speaker_confidence"].isna().tolist() == [True, False, False]


def test_min_confidence_with_unit_attribution_keeps_or_leaves_out_whole_acts(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("Flood day\n\n" + "\n\n".join(ACTS_ARTICLE) + "\n", encoding="utf-8")
    assert main(["quotes", str(src), "--json"]) == 0
    quotes = json.loads(capsys.readouterr().out)
    assert main(["quotes", str(src), "--json", "--unit", "attribution"]) == 0
    acts = json.loads(capsys.readouterr().out)
    # a cut between an act's first quote and a surer later quote of the same act
    later = {q["attribution_id"]: q["speaker_confidence"] for q in quotes if q["quote_no"] != q["attribution_id"]}
    act = next(a for a in acts if a["speaker_confidence"] is not None and later[a["attribution_id"]] > a["speaker_confidence"])
    cut = (act["speaker_confidence"] + later[act["attribution_id"]]) / 2
    assert main(["quotes", str(src), "--json", "--unit", "attribution", "--min-confidence", str(cut)]) == 0
    kept = json.loads(capsys.readouterr().out)
    assert kept == [a for a in acts if a["speaker_confidence"] is not None and a["speaker_confidence"] >= cut]
    assert act["attribution_id"] not in [a["attribution_id"] for a in kept] and len(kept) == 1
