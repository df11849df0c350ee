"""Tests for kit/quotes.py: finding quotes, their kinds and speakers, and source summaries.

Expected values are worked out by hand from the short texts in each test.
"""
from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import helpers
import numpy as np
import pandas as pd
import pytest

from kit.errors import KitError
from kit.quotes import QUOTE_COLUMNS, example_quotes, extract_quotes, quote_problems, read_actors, sources, top_speakers

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "quotes"


#: the paragraphs of article "d1" unless told (tests below read that id back)
paras = functools.partial(helpers.paras, doc_id="d1")


def rows(q, cols=("text", "kind", "speaker")):
    """Rows as tuples, with missing values as None."""
    return [tuple(None if (not isinstance(v, str) and pd.isna(v)) else v for v in r)
            for r in q[list(cols)].itertuples(index=False)]


# ----------------------------------------------------------------------------- finding quotes

def test_columns_and_empty_input():
    q = extract_quotes(paras("No quotes here at all."))
    assert list(q.columns) == list(QUOTE_COLUMNS)
    assert len(q) == 0


def test_straight_and_typographic_marks():
    q = extract_quotes(paras('"We are ready," said Ana Ruiz.', "“So are we,” said Bo Lind."))
    assert rows(q) == [("We are ready,", "full", "Ana Ruiz"), ("So are we,", "full", "Bo Lind")]


def test_nested_single_quotes_stay_inside():
    q = extract_quotes(paras("“My son asked, ‘Why are you never home?’ and I had no answer,” said Dan Hale."))
    assert len(q) == 1
    assert q.loc[0, "text"] == "My son asked, ‘Why are you never home?’ and I had no answer,"
    q2 = extract_quotes(paras("\"If the data say 'cut,' we will cut,\" said Marta Keller."))
    assert q2.loc[0, "text"] == "If the data say 'cut,' we will cut,"


def test_interrupted_quote_is_one_quote():
    q = extract_quotes(paras("“This deal,” said Captain Denise Harrow, the airline’s chief pilot, “gives crews a raise.”"))
    assert rows(q) == [("This deal, gives crews a raise.", "full", "Denise Harrow")]
    assert q.loc[0, "verb"] == "said"


def test_attribution_then_new_sentence_gives_two_quotes_same_speaker():
    q = extract_quotes(paras('"The ships can wait a day," Anna Vermeer added. "They cannot wait a month."'))
    assert rows(q) == [("The ships can wait a day,", "full", "Anna Vermeer"),
                       ("They cannot wait a month.", "full", "Anna Vermeer")]


def test_multi_paragraph_quote():
    q = extract_quotes(paras(
        "Director Eleni Papadaki defended the loan.",
        "“Every crate is monitored,” Papadaki said. “A conservator travels with them.",
        "“That is what a museum is for.”",
        "Critics disagreed."))
    assert rows(q) == [("Every crate is monitored,", "full", "Eleni Papadaki"),
                       ("A conservator travels with them. That is what a museum is for.", "full", "Eleni Papadaki")]
    assert q["para_no"].tolist() == [1, 1]
    assert q["para_end"].tolist() == [1, 2]


def test_colon_introduced_quote():
    q = extract_quotes(paras("Marcus Delaney, a first officer, put it bluntly: “The schedules are worse.”"))
    assert rows(q) == [("The schedules are worse.", "full", "Marcus Delaney")]
    assert q.loc[0, "verb"] in (":", "put")


def test_partial_scare_and_title_kinds():
    q = extract_quotes(paras(
        "Senator Harold Pike signed copies of his memoir, “Standing Firm: Notes From the Senate,” on Saturday.",
        "Pike has called the bill “a tax on every family” and vowed to block it.",
        "The so-called “climate caucus” has not commented."))
    assert rows(q) == [("Standing Firm: Notes From the Senate,", "title", None),
                       ("a tax on every family", "partial", "Harold Pike"),
                       ("climate caucus", "scare", None)]


def test_only_body_paragraphs_are_searched():
    q = extract_quotes(paras("“Headline quote” in a subhead", '"Body quote," said Ana Ruiz.', 'Read More: "Other story"',
                             roles=["heading", "body", "related"]))
    assert rows(q) == [("Body quote,", "full", "Ana Ruiz")]


def test_missing_closing_mark_stays_in_its_paragraph():
    q_paras = paras(
        "Councillor Gareth Price said the plan had been “rushed through without consultation.",
        "Price said his group would sue. “We have the legal advice,” he said.",
        "“We will use it,” he added.")
    q = extract_quotes(q_paras)
    assert rows(q) == [("rushed through without consultation.", "partial", "Gareth Price"),
                       ("We have the legal advice,", "full", "Gareth Price"),
                       ("We will use it,", "full", "Gareth Price")]
    assert "closing mark missing" in q.loc[0, "note"]
    assert q["note"].iloc[1:].isna().all()
    probs = extract_quotes(q_paras, return_problems=True)[1]
    assert probs[["para_no"]].values.tolist() == [[0]]


def test_unclosed_quote_is_cut_at_its_attribution():
    q = extract_quotes(paras('"This is the key decision, said council leader Fiona Marsh, opening the debate.'))
    assert rows(q) == [("This is the key decision,", "full", "Fiona Marsh")]


def test_stray_marks_never_crash_and_are_reported():
    texts = ["The vote was 41 to 29”. Nobody objected.", '"', "“", "”“”", 'He said "" and left.', ""]
    q = extract_quotes(paras(*texts))
    assert (q["text"].str.len() < 60).all()
    probs = quote_problems(paras(*texts))
    assert 0 in set(probs["para_no"]) and len(probs) >= 2


def test_straight_marks_pair_even_when_spacing_is_wrong():
    # two straight marks that both look like closing marks (after '.' and ','): the cheapest
    # pairing reads the first as the opening mark, so there is exactly one quote and no repair.
    # The speaker is not asserted: 'Marsh' is a bare surname the text never introduces as a
    # person, so 'she' stays unresolved (what this test checks is the pairing).
    q, probs = extract_quotes(paras('Marsh said it would be reviewed." Buses will be faster," she said.',
                                    doc_id="d9"), return_problems=True)
    assert rows(q, ("text", "kind", "speaker_mention", "verb", "para_no")) == [
        ("Buses will be faster,", "full", "she", "said", 0)]
    assert probs.empty


def test_offsets_point_into_the_body_text():
    p = paras("WASHINGTON — Intro.", "“We are ready,” said Ana Ruiz, “and so are they.”", 'Later "a real change" came.')
    body = "\n\n".join(p["text"])
    q = extract_quotes(p)
    first = q.iloc[0]
    assert body[first.start:first.start + len("We are ready,")] == "We are ready,"
    assert body[first.end - len("and so are they."):first.end] == "and so are they."
    last = q.iloc[-1]
    assert body[last.start:last.end] == "a real change"
    assert body.find("a real change") == last.start


# ----------------------------------------------------------------------------- attribution

@pytest.mark.parametrize("text, speaker, verb", [
    ('"We came to talk," Ana Ruiz said.', "Ana Ruiz", "said"),
    ('"We came to talk," said Ana Ruiz.', "Ana Ruiz", "said"),
    ('Ana Ruiz said: "We came to talk."', "Ana Ruiz", "said"),
    ('Ana Ruiz told reporters that "talks will go on."', "Ana Ruiz", "told"),
    ('Talks were "on track," according to Ana Ruiz, a diplomat.', "Ana Ruiz", "according to"),
    ('Ana Ruiz, a senior fellow at the Atlantic Institute, said "talks will go on."', "Ana Ruiz", "said"),
    ('"We will not yield," Ana Ruiz warned.', "Ana Ruiz", "warned"),
    ('"We will not yield," Ana Ruiz insisted on Monday.', "Ana Ruiz", "insisted"),
    ('"Who pays for this?" asked Ana Ruiz.', "Ana Ruiz", "asked"),
    ('Ana Ruiz described the talks as "frank."', "Ana Ruiz", "described"),
])
def test_attribution_patterns(text, speaker, verb):
    q = extract_quotes(paras(text))
    assert q.loc[0, "speaker"] == speaker
    assert q.loc[0, "verb"] == verb


def test_quote_alone_in_paragraph_belongs_to_previous_speaker():
    q = extract_quotes(paras('"Our customers are leaving," said Pieter Janssen.', '"Every day costs us money."'))
    assert q["speaker"].tolist() == ["Pieter Janssen", "Pieter Janssen"]


def test_paragraph_of_quotation_after_a_paraphrase():
    q = extract_quotes(paras("Miriam Castellanos, a senior fellow at the Atlantic Institute, doubts that view.",
                             "“The military will study the whole week.”"))
    assert q.loc[0, "speaker"] == "Miriam Castellanos"


def test_surname_and_pronoun_resolution():
    q = extract_quotes(paras(
        "Annelies Vermeer, a deputy director at the Port Authority, rejected that account.",
        '"Nobody walked out," she said.',
        'Drew Thompson, an analyst, disagreed. "They did," said Thompson.'))
    assert q["speaker"].tolist() == ["Annelies Vermeer", "Drew Thompson"]
    assert q["speaker_mention"].tolist() == ["she", "Thompson"]


def test_shared_surname_nearest_mention_wins():
    q = extract_quotes(paras(
        "“The club needs patient money,” said Daniel Okoro, a developer.",
        "His sister, Grace Okoro, runs a data company. “Fans have paid enough,” Okoro said.",
        "Daniel Okoro disagreed. “Anyone can freeze prices,” Okoro said."))
    assert q["speaker"].tolist() == ["Daniel Okoro", "Grace Okoro", "Daniel Okoro"]


def test_pronoun_skips_a_man_when_she_speaks():
    q = extract_quotes(paras("Health Secretary Neil Baxter and Dr. Farah Siddiqui met. Mr. Baxter left early.",
                             "“You cannot train a nurse in a year,” she said."))
    assert q.loc[0, "speaker"] == "Farah Siddiqui"


def test_role_resolves_to_the_linked_person():
    q = extract_quotes(paras(
        "Foreign Minister Ana Ribeiro met Indonesia’s trade minister, Hendra Wijaya, on Monday.",
        "“Nobody should expect miracles,” the trade minister cautioned.",
        "“We are close,” the foreign minister said."))
    assert q["speaker"].tolist() == ["Hendra Wijaya", "Ana Ribeiro"]


def test_organisations_and_groups_speak():
    q = extract_quotes(paras(
        "A dispute between Hanseong Semiconductor and the Ministry of Trade deepened.",
        "“The ministry has sat on our files,” Hanseong Semiconductor said in a statement.",
        "“All files are processed in order,” the ministry said.",
        "Later both sides said that “nobody benefits from a fight.”",
        "“Delay means lost orders,” analysts at Daeyang Securities wrote."))
    assert q["speaker"].tolist() == ["Hanseong Semiconductor", "the Ministry of Trade", "both sides",
                                     "analysts at Daeyang Securities"]
    assert q["speaker_type"].tolist() == ["organisation", "organisation", "organisation", "expert"]


def test_statement_speaks_for_its_issuer():
    q = extract_quotes(paras('The Pentagon said in a statement that the jet was safe. '
                             '"There was no risk to civilians," the statement said.'))
    assert q.loc[0, "speaker"] == "the Pentagon"


def test_profile_role_affiliation_and_type():
    q = extract_quotes(paras(
        '"Rates will stay high," said Jonas Brandt, chief economist at Rheinland Bank.',
        '"We are not there yet," ECB President Marta Keller said.',
        '"I have baked here for forty years," said Arthur Pennock, 81, a retired farmer.',
        '"It is a small tragedy," wrote Tom Ashby, a columnist at the Craven Herald.'))
    got = q[["speaker", "role", "affiliation", "speaker_type"]].values.tolist()
    assert got[0] == ["Jonas Brandt", "chief economist", "Rheinland Bank", "expert"]
    assert got[1][:2] == ["Marta Keller", "ECB President"] and got[1][3] == "official"
    assert got[2][0] == "Arthur Pennock" and got[2][3] == "citizen"
    assert got[3][0] == "Tom Ashby" and got[3][3] == "media"


def test_actor_file_adds_aliases_side_and_type(tmp_path):
    actors = pd.DataFrame({"name": ["Zhou Hanlin", "the Pentagon"], "aliases": [["Zhou"], ["Pentagon"]],
                           "role": ["Foreign Minister", ""], "organisation": ["Foreign Ministry", ""],
                           "side": ["China", "US"], "type": ["official", "organisation"]})
    p = paras('"We want stable ties," Zhou said.', '"The debris is ours," the Pentagon said.')
    q = extract_quotes(p, actors=actors)
    assert rows(q, ["speaker", "side", "speaker_type", "role"]) == [
        ("Zhou Hanlin", "China", "official", "Foreign Minister"), ("the Pentagon", "US", "organisation", None)]
    yml = tmp_path / "actors.yml"
    yml.write_text("actors:\n  - name: Zhou Hanlin\n    aliases: [Zhou]\n    side: China\n    type: official\n",
                   encoding="utf-8")
    q2 = extract_quotes(p, actors=str(yml))
    assert q2.loc[0, "speaker"] == "Zhou Hanlin" and q2.loc[0, "side"] == "China"
    assert q2.loc[1, "side"] is None or pd.isna(q2.loc[1, "side"])


def test_read_actors_rejects_bad_input(tmp_path):
    with pytest.raises(KitError, match="name"):
        read_actors(pd.DataFrame({"who": ["x"]}))
    with pytest.raises(KitError, match="not found"):
        read_actors(tmp_path / "missing.csv")


def test_accepts_articles_table_and_rejects_other_input():
    arts = pd.DataFrame({"doc_id": ["a"], "text": ['Intro.\n\n"We will win," said Bo Li.']})
    q = extract_quotes(arts)
    assert rows(q, ("doc_id", "para_no", "speaker")) == [("a", 1, "Bo Li")]
    with pytest.raises(KitError, match="paragraphs table"):
        extract_quotes(["not a table"])
    with pytest.raises(KitError, match=r"lacks column\(s\) \['doc_id'\]; it needs doc_id, text; it has: text"):
        extract_quotes(pd.DataFrame({"text": ["x"]}))


def test_row_order_does_not_matter():
    p = paras('Bo Li spoke.', '"We will win," he said.', '"And soon."', doc_id="a")
    p = pd.concat([p, paras('"Fine," said Ana Ruiz.', doc_id="b")], ignore_index=True)
    a = extract_quotes(p)
    b = extract_quotes(p.sample(frac=1.0, random_state=3))
    key = ["doc_id", "quote_no"]
    pd.testing.assert_frame_equal(a.sort_values(key).reset_index(drop=True), b.sort_values(key).reset_index(drop=True))


# ----------------------------------------------------------------------------- sources

def _toy():
    arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"], "text": ["", "", ""]})
    # a: 10 words, b: 20 words, c: 8 words (words counted on the text)
    arts["text"] = [" ".join(["w"] * 10), " ".join(["w"] * 20), " ".join(["w"] * 8)]
    q = pd.DataFrame({
        "doc_id": ["a", "a", "b", "b", "c"],
        "kind": ["full", "partial", "full", "scare", "full"],
        "speaker": ["Ana Ruiz", "Bo Li", "Ana Ruiz", None, None],
        "speaker_type": ["official", "expert", "official", None, "unknown"],
        "side": ["US", "China", "US", None, None],
        "n_words": [4, 2, 6, 1, 3],
        "text": ["x"] * 5,
    })
    return q, arts


def test_sources_per_group_hand_counts():
    q, arts = _toy()
    s = sources(q, arts, group_by="outlet").set_index("outlet")
    # X: speech quotes 3 (scare excluded), voices {Ana Ruiz, Bo Li}, quoted words 4+2+6=12 of 30 words
    assert s.loc["X", ["n_articles", "n_quotes", "n_voices", "quoted_words", "words"]].tolist() == [2, 3, 2, 12, 30]
    assert s.loc["X", "quote_share"] == pytest.approx(12 / 30)
    assert s.loc["X", ["top_speaker", "top_speaker_quotes"]].tolist() == ["Ana Ruiz", 2]
    # Y: one quote of an unknown speaker: no named voice
    assert s.loc["Y", ["n_quotes", "n_voices", "quoted_words"]].tolist() == [1, 0, 3]


def test_sources_counts_article_words_as_the_quoted_words_are():
    """An article's words are its ingested n_words (no text needed), else its text counted with the
    tokenizer of the quotes' n_words: 'U.S.-China' is one word, an em dash none."""
    q = pd.DataFrame({"doc_id": ["a", "b"], "kind": ["full", "full"], "speaker": ["Ana Ruiz", None],
                      "n_words": [2, 1], "text": ["x", "y"]})
    stored = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"], "n_words": [40, 10]})  # no text column
    s = sources(q, stored, group_by="outlet")
    assert s[["words", "quoted_words"]].values.tolist() == [[50, 3]]
    texts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"],
                          "text": ["U.S.-China talks — resumed today.", "Nothing new."]})
    assert sources(q, texts, group_by="outlet")["words"].tolist() == [6]  # U.S.-China, talks, resumed, today; Nothing, new
    partly = stored.assign(n_words=pd.array([40, None], dtype="Int64"))
    with pytest.raises(KitError, match="1 article.*no n_words.*'b'"):
        sources(q, partly, group_by="outlet")
    assert sources(q, partly.assign(text=["", "Nothing new."]), group_by="outlet")["words"].tolist() == [42]


def test_sources_by_type_and_side():
    q, arts = _toy()
    t = sources(q, arts, group_by="outlet", by="speaker_type")
    x = t[t["outlet"] == "X"].set_index("speaker_type")
    assert x.loc["official", ["n_quotes", "quoted_words", "n_articles"]].tolist() == [2, 10, 2]
    assert x.loc["official", "share"] == pytest.approx(10 / 12)
    assert x.loc["expert", "share"] == pytest.approx(2 / 12)
    side = sources(q, arts, group_by="doc_id", by="side").set_index(["doc_id", "side"])
    assert side.loc[("a", "China"), "quoted_words"] == 2
    assert side.loc[("c", "(none)"), "n_quotes"] == 1


def test_sources_rejects_bad_arguments():
    q, arts = _toy()
    with pytest.raises(KitError, match="group_by 'nope' is not a column"):
        sources(q, arts, group_by="nope")
    with pytest.raises(KitError, match="valid: None"):
        sources(q, arts, by="colour")
    with pytest.raises(KitError, match="unknown quote kinds"):
        sources(q, arts, kinds=["fulll"])


# ----------------------------------------------------------------------------- evaluation set and CLI

def test_hard_case_set_meets_targets():
    from kit.quotes_eval import evaluate

    s = evaluate([ROOT / "tests" / "eval" / "gold" / "hard_cases.json"]).set_index("scope")
    assert s.loc["full", "f1"] >= 0.95
    assert s.loc["speech", "speaker_accuracy"] >= 0.93
    assert len(json.loads((ROOT / "tests" / "eval" / "gold" / "hard_cases.json").read_text())["articles"]) >= 12


@pytest.mark.skipif(not (ROOT / "data" / "sample").is_dir(), reason="sample corpus not present")
def test_sample_gold_meets_targets():
    from kit.quotes_eval import evaluate

    files = [f for f in sorted((ROOT / "tests" / "eval" / "gold").glob("*.json")) if f.name != "hard_cases.json"]
    if not files:
        pytest.skip("no sample gold files")
    s = evaluate(files).set_index("scope")
    assert s.loc["full", "f1"] >= 0.93
    assert s.loc["speech", "speaker_accuracy"] >= 0.93


def test_cli_quotes_json():
    out = subprocess.run([sys.executable, "-m", "kit", "quotes", str(FIXTURES / "two_articles.jsonl"), "--json"],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    data = json.loads(out.stdout)
    assert {"doc_id", "text", "kind", "speaker", "para_no"} <= set(data[0])
    assert {d["kind"] for d in data} <= {"full", "partial"}
    assert sorted(d["text"] for d in data) == sorted(
        ["We came with a fair offer,", "not serious.", "Nobody walked out, and nobody will.",
         "We could not keep the ovens on,"])
    assert {d["speaker"] for d in data} == {"Pieter Janssen", "the port authority", "Jenny Holroyd"}
    out_all = subprocess.run([sys.executable, "-m", "kit", "quotes", str(FIXTURES / "two_articles.jsonl"), "--json",
                              "--all"], capture_output=True, text=True, cwd=ROOT, check=True)
    assert "golden age" in [d["text"] for d in json.loads(out_all.stdout)]


# ----------------------------------------------------------------------------- robustness

from hypothesis import given, settings  # noqa: E402 (imported where the property tests start)
from hypothesis import strategies as st  # noqa: E402 (imported where the property tests start)

_ALPHABET = st.sampled_from(list('ab cd,.:;!?"“”‘’\'—') + ["said Ana Ruiz", " she said", "The ", "Mr. Li "])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_ALPHABET, max_size=25).map("".join), min_size=1, max_size=5))
def test_any_text_never_crashes_and_quotes_stay_in_bounds(texts):
    p = paras(*texts)
    body = "\n\n".join(texts)
    q = extract_quotes(p)
    for r in q.itertuples(index=False):
        assert 0 <= r.start <= r.end <= len(body)
        assert r.para_no <= r.para_end
        # a quote only runs into the next paragraph when that paragraph opens with a mark
        for k in range(r.para_no + 1, r.para_end + 1):
            assert texts[k].lstrip().startswith(('"', "“", "«", "„", "''", "``"))  # '' and `` : newsroom marks
        assert r.kind in ("full", "partial", "scare", "title")


# ----------------------------------------------------------------------------- review findings Q1-Q11

@pytest.mark.parametrize("text, speaker, stype", [
    # Q1: the noun phrase after the verb is read whole, then cut before the clause that follows it
    ('"Growth will slow," said a senior official.', "a senior official", "official"),
    ('"Growth will slow," said the State Department.', "the State Department", "organisation"),
    ('Growth will "slow sharply," according to the World Trade Organization.', "the World Trade Organization",
     "organisation"),
    ('"Growth will slow," said the International Monetary Fund.', "the International Monetary Fund", "organisation"),
    ('"Growth will slow," said one European diplomat who declined to be named.', "one European diplomat", "official"),
    ('"Growth will slow," said a senior official on Tuesday.', "a senior official", "official"),
    ('"Growth will slow," said a diplomat based in Geneva.', "a diplomat", "official"),
    ('"Growth will slow," said a United Nations spokesperson.', "a United Nations spokesperson", "official"),
    ('"Growth will slow," said the company’s chief executive, Mark Li.', "Mark Li", "business"),
    ('"Growth will slow," said a former diplomat now at the Brookings Institution.',
     "a former diplomat now at the Brookings Institution", "official"),
    ('"We saw it," said two witnesses.', "two witnesses", "unknown"),
    ('"This will hurt," said Beijing’s foreign ministry.', "Beijing’s foreign ministry", "organisation"),
    ('"Prices will rise," said a report by the International Energy Agency.', "the International Energy Agency",
     "organisation"),
    ('"We oppose this," a foreign ministry spokesperson said at a regular briefing on Tuesday.',
     "a foreign ministry spokesperson", "official"),
    # the same phrases before the verb
    ('One European diplomat, who declined to be named, said the plan was "dead on arrival."', "one European diplomat",
     "official"),
    ('A Foreign Ministry spokesperson, Shen Meiling, told a briefing: "We oppose this."', "Shen Meiling", "official"),
    ('Analysts at Capital Economics wrote that growth was "stalling."', "Analysts at Capital Economics", "expert"),
])
def test_speaker_noun_phrase_after_the_verb(text, speaker, stype):
    q = extract_quotes(paras(text))
    assert rows(q, ("speaker", "speaker_type")) == [(speaker, stype)]


def test_unnamed_speaker_keeps_role_noun_and_affiliation():
    q = extract_quotes(paras('"Growth will slow," said a United Nations spokesperson.'))
    assert rows(q, ("speaker_mention", "role")) == [("a United Nations spokesperson", "United Nations spokesperson")]
    q = extract_quotes(paras('A spokesperson for the ministry of health said the country was "well prepared."',
                             '"We have stockpiles," the spokesperson said.'))
    assert rows(q, ("speaker", "speaker_mention", "role", "affiliation", "speaker_type")) == [
        ("a spokesperson for the ministry of health", "A spokesperson for the ministry of health", "spokesperson",
         "the ministry of health", "official"),
        ("a spokesperson for the ministry of health", "the spokesperson", "spokesperson", "the ministry of health",
         "official")]


def test_another_unnamed_speaker_is_a_new_speaker():
    q = extract_quotes(paras('"Growth will slow," said a European diplomat. "We see it everywhere," said another diplomat.'))
    assert q["speaker"].tolist() == ["a European diplomat", "another diplomat"]
    from kit.quotes_eval import speaker_key
    assert speaker_key(q.loc[0, "speaker"]) != speaker_key(q.loc[1, "speaker"])


@pytest.mark.parametrize("text, speaker", [
    ('The Ministry of Trade issued a statement on Friday. The statement called the sanctions "a grave mistake."',
     "the Ministry of Trade"),
    ('A statement from the Pentagon was short. "There was no risk," the statement said.', "the Pentagon"),
    ('The Pentagon’s statement came late. "There was no risk," the statement said.', "the Pentagon"),
])
def test_a_document_speaks_for_its_issuer(text, speaker):
    q = extract_quotes(paras(text))
    assert rows(q, ("speaker", "speaker_type")) == [(speaker, "organisation")]


def test_sources_keeps_articles_whose_group_is_missing():
    # Q2: article b has no outlet; it is counted under '(unknown)', as in the frames tables
    arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", None],
                         "text": ['"We will win," said Ana Ruiz.', '"Not today," said Bo Li. Rain fell.']})
    q = extract_quotes(arts)
    s = sources(q, arts, group_by="outlet")
    # words: a = We will win said Ana Ruiz (6); b = Not today said Bo Li Rain fell (7)
    assert s[["outlet", "n_articles", "n_quotes", "n_voices", "quoted_words", "words"]].values.tolist() == [
        ["(unknown)", 1, 1, 1, 2, 7], ["X", 1, 1, 1, 3, 6]]
    t = sources(q, arts, group_by="outlet", by="speaker")
    assert t[["outlet", "speaker", "quoted_words"]].values.tolist() == [["(unknown)", "Bo Li", 2], ["X", "Ana Ruiz", 3]]


def test_integer_doc_ids_are_kept():
    # Q5: ids keep their dtype, so the quotes join their articles again
    arts = pd.DataFrame({"doc_id": [1, 2], "outlet": ["X", "Y"], "text": ['"Yes," said Bo Li.', "No quotes here."]})
    q = extract_quotes(arts)
    assert q["doc_id"].tolist() == [1] and q["doc_id"].dtype == np.int64
    s = sources(q, arts)
    # doc 1: Yes said Bo Li (4 words, 1 quoted); doc 2: No quotes here (3 words)
    assert s[["doc_id", "n_quotes", "quoted_words", "words"]].values.tolist() == [[1, 1, 1, 4], [2, 0, 0, 3]]
    assert sources(q, arts, group_by="outlet")["n_quotes"].tolist() == [1, 0]
    empty, probs = extract_quotes(arts.iloc[[1]], return_problems=True)
    assert len(empty) == 0 and empty["doc_id"].dtype == np.int64
    assert probs.empty


def test_n_accepts_any_integer_type():
    # Q6: numpy integers (e.g. from a papermill parameter or a DataFrame cell) are integers too
    arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
                         "text": ['"We will win this race and the next," said Ana Ruiz. "Maybe," said Bo Li.']})
    q = extract_quotes(arts)
    assert top_speakers(q, arts, n=np.int64(1))["speaker"].tolist() == ["Ana Ruiz"]
    assert example_quotes(q, arts, n=np.int32(2))["speaker"].tolist() == ["Ana Ruiz"]
    for bad in (True, 2.0, 0, "3"):
        with pytest.raises(KitError, match="positive integer"):
            top_speakers(q, arts, n=bad)


def test_group_by_everywhere_and_period_labels_as_in_frames():
    # Q7: group_by= (not group=), period labels from kit.dictionaries.group_column, keyword-only options
    from kit.dictionaries import group_column

    arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
                         "published": pd.to_datetime(["2023-02-04", "2023-03-01", None], utc=True),
                         "text": ['"We will win," said Ana Ruiz.', '"Not yet," said Bo Li.', '"Fine," said Cy Do.']})
    q = extract_quotes(arts)
    s = sources(q, arts, group_by="month")
    assert s[["month", "n_quotes"]].values.tolist() == [["(undated)", 1], ["2023-02", 1], ["2023-03", 1]]
    assert sorted(s["month"]) == sorted(set(group_column(arts, "month")))
    assert sources(q, arts, group_by=None)[["group", "n_articles", "n_quotes"]].values.tolist() == [["all", 3, 3]]
    assert top_speakers(q, arts, group_by="month", n=1)["month"].tolist() == ["(undated)", "2023-02", "2023-03"]
    assert example_quotes(q, arts, group_by="outlet", min_words=1)["outlet"].tolist() == ["X", "X", "Y"]
    with pytest.raises(TypeError):
        sources(q, arts, group="outlet")
    with pytest.raises(TypeError):
        extract_quotes(arts, None, None)


def test_read_actors_checks_csv_and_json_like_yaml(tmp_path):
    # Q8: the columns and types of CSV/JSON actor files are checked like the YAML ones
    bad_col = tmp_path / "typo.csv"
    bad_col.write_text("name,typ\nZhou Hanlin,official\n", encoding="utf-8")
    with pytest.raises(KitError, match=r"unknown column\(s\) \['typ'\]; valid columns: name, aliases, role, "
                                       r"organisation, side, type"):
        read_actors(bad_col)
    no_type = tmp_path / "no_type.csv"
    no_type.write_text("name,side\nZhou Hanlin,China\n", encoding="utf-8")
    with pytest.raises(KitError, match="has no type"):
        read_actors(no_type)
    bad_type = tmp_path / "bad_type.csv"
    bad_type.write_text("name,type\nZhou Hanlin,offical\n", encoding="utf-8")
    with pytest.raises(KitError, match="unknown type 'offical'"):
        read_actors(bad_type)
    bad_json = tmp_path / "a.json"
    bad_json.write_text(json.dumps([{"name": "Zhou Hanlin", "type": "official", "party": "x"}]), encoding="utf-8")
    with pytest.raises(KitError, match=r"unknown key\(s\) \['party'\]"):
        read_actors(bad_json)
    with pytest.raises(KitError, match=r"unknown column\(s\) \['typ'\]"):
        read_actors(pd.DataFrame({"name": ["Zhou Hanlin"], "typ": ["official"]}))
    with pytest.raises(KitError, match=r"row 1: actor 'Zhou Hanlin' has unknown type 'offical'"):
        read_actors(pd.DataFrame({"name": ["Zhou Hanlin"], "type": ["offical"]}))
    good = tmp_path / "good.csv"
    good.write_text("name,aliases,side,type\nZhou Hanlin,Zhou;Minister Zhou,China,official\n", encoding="utf-8")
    df = read_actors(good)
    assert df.loc[0, ["name", "side", "type"]].tolist() == ["Zhou Hanlin", "China", "official"]
    assert df.loc[0, "aliases"] == ["Zhou", "Minister Zhou"] and df.loc[0, "role"] is None
    q = extract_quotes(paras('"We want stable ties," Zhou said.'), actors=good)
    assert rows(q, ("speaker", "side")) == [("Zhou Hanlin", "China")]
    good_json = tmp_path / "good.json"
    good_json.write_text(json.dumps({"actors": [{"name": "Zhou Hanlin", "aliases": ["Zhou"], "type": "official"}]}),
                         encoding="utf-8")
    assert read_actors(good_json)["aliases"].tolist() == [["Zhou"]]


def test_problems_come_back_from_the_same_pass():
    # Q10: extract_quotes(..., return_problems=True) returns what it found (no second extraction);
    # quote_problems(quotes=...) (read through DataFrame.attrs) still works for one release, warning
    p = paras("The vote was 41 to 29”. Nobody objected.", '"Open but never closed, said Ann.')
    q, problems = extract_quotes(p, return_problems=True)
    expected = [["d1", 0, "stray quotation mark ignored at offset 21"],
                ["d1", 1, "quotation mark opened at offset 0 is never closed"]]
    assert problems.values.tolist() == expected
    assert q.equals(extract_quotes(p))
    assert quote_problems(p).values.tolist() == expected
    with pytest.warns(DeprecationWarning, match="return_problems"):
        assert quote_problems(quotes=q).values.tolist() == expected
    with pytest.warns(DeprecationWarning), pytest.raises(KitError, match="not both"):
        quote_problems(p, quotes=q)
    with pytest.warns(DeprecationWarning), pytest.raises(KitError, match="attrs"):
        quote_problems(quotes=pd.DataFrame(q))  # a plain copy has lost the problems
    # two quote tables (with their problems) can be joined
    both = pd.concat([q, extract_quotes(paras('"Yes," said Bo Li.', doc_id="d2"))], ignore_index=True)
    assert both["doc_id"].tolist() == ["d1", "d2"]


def test_notebook_04_extracts_once_and_uses_group_by(monkeypatch):
    nb = json.loads((ROOT / "notebooks" / "04_voices.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    # quotes and their problems come from the corpus store (kit.analyse), never extracted in the notebook
    assert "extract_quotes(" not in code and "quote_problems(" not in code
    assert 'kit.analyse.rows(corpus_path, "quotes"' in code and 'kit.analyse.rows(corpus_path, "quote_problems"' in code
    # off a store (plain papermill on a folder), both tables come from one extraction pass
    import kit.analyse
    import kit.quotes

    calls = []
    real = kit.quotes.extract_quotes
    monkeypatch.setattr(kit.quotes, "extract_quotes", lambda *a, **k: calls.append(1) or real(*a, **k))
    p = paras('"We will talk," said Bo Li.')
    arts = pd.DataFrame({"doc_id": ["d1"], "outlet": ["X"], "text": ["x"]})
    q = kit.analyse.table("not-a-store", "quotes", articles=arts, paragraphs=p)
    probs = kit.analyse.table("not-a-store", "quote_problems", articles=arts, paragraphs=p)
    assert len(calls) == 1 and q["speaker"].tolist() == ["Bo Li"] and probs.empty
    quote_calls = [line for line in code.splitlines() if "kit.quotes." in line or "kit.analyse.quote_sources" in line
                   or "kit.analyse.top_speakers" in line or "kit.analyse.example_quotes" in line]
    assert quote_calls and not any("group=" in line for line in quote_calls)
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
    assert sum("parameters" in c.get("metadata", {}).get("tags", []) for c in nb["cells"]) == 1


def test_missing_columns_are_named():
    # Q11: a missing required column gives an error that lists what is needed and what is there
    p = paras('"Yes," said Bo Li.').drop(columns="role")
    with pytest.raises(KitError, match=r"paragraphs table lacks column\(s\) \['role'\]; it needs doc_id, para_no, "
                                       r"role, text; it has: doc_id, para_no, text"):
        extract_quotes(p)
    q = extract_quotes(paras('"Yes," said Bo Li.'))
    arts = pd.DataFrame({"doc_id": ["d1"], "outlet": ["X"]})
    with pytest.raises(KitError, match=r"articles table lacks column\(s\) \['text'\]"):
        sources(q, arts)
    arts = arts.assign(text='"Yes," said Bo Li.')
    with pytest.raises(KitError, match=r"quotes table lacks column\(s\) \['n_words'\]"):
        top_speakers(q.drop(columns="n_words"), arts)
    with pytest.raises(KitError, match=r"quotes table lacks column\(s\) \['speaker_type'\]"):
        sources(q.drop(columns="speaker_type"), arts, by="speaker_type")


def test_cli_quotes_reports_rejected_sources():
    # Q4: like `kit frames`, the ingest report is printed and a rejected source gives exit status 1
    out = subprocess.run([sys.executable, "-m", "kit", "quotes", str(FIXTURES / "one_rejected"), "--json"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 1
    assert [d["speaker"] for d in json.loads(out.stdout)] == ["Ingrid Solberg"]
    assert "rejected" in out.stderr and "broken.jsonl" in out.stderr
    ok = subprocess.run([sys.executable, "-m", "kit", "quotes", str(FIXTURES / "one_rejected" / "good.jsonl")],
                        capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0 and "rejected" not in ok.stderr


def test_quotes_and_the_text_layer_split_sentences_the_same_way():
    # one definition of a sentence (issue 9): the quotes' splitter is kit.text's
    from kit.quotes.textutil import _sentence_starts
    from kit.text import sentences

    text = ("''We will go on,'' Mr. Tan said. ''Nothing changed.'' The U.S. envoy met Gen. Li on Jan. 5 in "
            "the U.S. The talks were the No. 1 topic. They said no. “Go!” she said. Prices rose 2.5 percent.")
    want = ["''We will go on,'' Mr. Tan said.", "''Nothing changed.''",
            "The U.S. envoy met Gen. Li on Jan. 5 in the U.S.", "The talks were the No. 1 topic.", "They said no.",
            "“Go!” she said.", "Prices rose 2.5 percent."]
    table = sentences(pd.DataFrame({"doc_id": ["a"], "text": [text]}))
    assert table["text"].tolist() == want
    starts = _sentence_starts(text)
    assert starts == table["start"].tolist()
    assert [text[a:b].strip() for a, b in zip(starts, starts[1:] + [len(text)])] == want


def test_speaker_type_unknown_holds_quotes_without_a_speaker_as_documented():
    # invented: a quote nobody is named for, a scare quote, a person named with no role, an official
    q = extract_quotes(helpers.paras('"The water is rising and nobody listens to us."', 'The so-called "plan" was late.',
                                     '"We are ready," Ana Ribeiro said.', '"Not yet," said Mayor Bo Lind.'))
    rows = [[None if pd.isna(v) else v for v in r] for r in q[["kind", "speaker", "speaker_type"]].values.tolist()]
    assert rows == [["full", None, "unknown"], ["scare", None, None], ["full", "Ana Ribeiro", "unknown"],
                    ["full", "Bo Lind", "official"]]
    doc = QUOTE_COLUMNS["speaker_type"]
    assert "unknown for a quote of speech with no speaker" in doc and "missing for scare quotes and titles" in doc
