"""Issue 17: pathological text is kept and counted in full, but processed in bounded windows.

Every input is built here in code. The expected answers come from an independent path: one
unwindowed pass of the token pattern over the whole text (linear since the e-mail alternative is
bounded), a plain ``Counter``, or the text itself. ``pytest-timeout`` is the hang guard (generous
limits; the base64-like runs took minutes before the e-mail alternative was bounded).
"""
from __future__ import annotations

import random
import re
from collections import Counter

import pandas as pd
import pytest

from kit.text import _TOKEN_RE, TokenOptions, count_words, find_tokens, normalise_term, sentences
from kit.text.windows import MAX_PARAGRAPH_CHARS, MAX_SENTENCE_CHARS, cut_long_span, windows

pytestmark = pytest.mark.timeout(240)

_OPTS = TokenOptions()


def _plain_tokens(text: str) -> list[tuple[int, int, str]]:
    """The independent path: one pass of the pattern over the whole text, no windows."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]


def _long_paragraph(seed: int, n_chars: int) -> str:
    """Words, numbers, mixed numbers ("7 1/2"), e-mail addresses, URLs and abbreviations, with
    only single spaces between them: every window cut lands next to something a cut could break."""
    rng = random.Random(seed)
    parts = ["talks", "7 1/2", "12 3/16", "2019 1/3", "press.office@state.gov", "U.S.-China", "https://ex.org/a.b",
             "1,000", "high-stakes", "O'Brien", "China’s", "e.coli", "a+b+c", "#G20", "3.5bn", "x" * 40]
    out, n = [], 0
    while n < n_chars:
        p = rng.choice(parts)
        out.append(p)
        n += len(p) + 1
    return " ".join(out) + "."


@pytest.mark.parametrize("seed", [1, 2])
def test_tokens_of_a_long_paragraph_are_those_of_one_unwindowed_pass(seed):
    text = _long_paragraph(seed, 3 * MAX_PARAGRAPH_CHARS)
    assert len(windows(text)) >= 3
    found = find_tokens(text, _OPTS)
    assert [(s, e, t) for s, e, t, _, _ in found] == _plain_tokens(text)
    assert count_words(text) == len(_plain_tokens(text))


def test_a_one_megabyte_token_is_one_token_and_the_words_around_it_count():
    token = "Q" * 1_000_000
    text = "The minister spoke. " + token + " Talks went on, the minister said."
    found = find_tokens(text, _OPTS)
    assert [t for _, _, t, _, _ in found] == ["The", "minister", "spoke", token, "Talks", "went", "on", "the",
                                             "minister", "said"]
    counts = Counter(term for *_, term, _ in found)
    assert counts["minister"] == 2 and counts[token.lower()] == 1


@pytest.mark.parametrize("unit", ["a+", "ab.cd-", "1x+", "a_+", "a.b@c", "a@b.c.d."])
def test_runs_that_rescanned_from_every_word_are_tokenized_like_one_pass(unit):
    # a base64-like run: the e-mail alternative used to scan to its end from every word (minutes)
    text = "Before " + unit * 60_000 + " after"
    found = find_tokens(text, _OPTS)
    assert [(s, e, t) for s, e, t, _, _ in found] == _plain_tokens(text)
    assert found[0][2] == "Before" and found[-1][2] == "after"


def test_the_e_mail_alternative_keeps_real_addresses_and_bounds_the_local_part():
    text = "Write to press.office@state.gov or j.smith+news@harbor.example."
    assert [t for _, _, t, _, _ in find_tokens(text, _OPTS)][2:5] == ["press.office@state.gov", "or",
                                                                    "j.smith+news@harbor.example"]
    long_local = "x" * 65 + "@state.gov"  # over RFC 5321's 64 characters: not an address
    assert [t for _, _, t, _, _ in find_tokens(long_local, _OPTS)] == ["x" * 65, "@state", "gov"]


def test_counts_of_a_pathological_article_equal_a_plain_counter():
    from kit.terms import count_terms

    text = _long_paragraph(3, 2 * MAX_PARAGRAPH_CHARS) + "\n\n" + "Z" * 1_000_000 + " closing words here."
    counts = count_terms(pd.DataFrame({"doc_id": ["a"], "text": [text]}), tokens=TokenOptions())
    expected = Counter(normalise_term(t) for _, _, t in _plain_tokens(text))
    assert dict(zip(counts.term, counts.n)) == dict(expected)


def test_sentences_of_a_long_paragraph_are_the_sentences_written_and_long_ones_are_cut():
    rng = random.Random(5)
    words = ["talks", "Mr.", "Tan", "met", "the", "envoy", "on", "Jan.", "5", "U.S.", "trade"]
    sents = []
    n = 0
    while n < 3 * MAX_PARAGRAPH_CHARS:
        s = "The " + " ".join(rng.choice(words) for _ in range(rng.randint(3, 20))) + "."
        sents.append(s)
        n += len(s) + 1
    para = " ".join(sents)
    got = sentences(pd.DataFrame({"doc_id": ["a"], "text": [para]}))
    assert got.text.tolist() == sents  # 'Mr. Tan', 'Jan. 5' and 'U.S. trade' inside, 'U.S. The' between
    # no punctuation at all: one endless "sentence" cut into bounded pieces, no word lost or split
    endless = " ".join(f"w{i}" for i in range(60_000))
    got = sentences(pd.DataFrame({"doc_id": ["b"], "text": [endless]}))
    assert got.text.str.len().max() <= MAX_SENTENCE_CHARS and len(got) > 1
    assert " ".join(got.text).split() == endless.split()


def test_cut_long_span_never_cuts_inside_a_token():
    text = "lead " + " ".join(["7 1/2"] * 5_000) + " tail"
    pieces = cut_long_span(text, 0, len(text), size=1_000)
    assert all(not re.search(r"\d$", text[s:e]) or text[e:e + 1] != " " or not text[e + 1:e + 2].isdigit()
               for s, e in pieces)
    assert sum(len(_plain_tokens(text[s:e])) for s, e in pieces) == len(_plain_tokens(text))


def test_a_quote_after_a_one_megabyte_token_is_found():
    from kit.quotes import extract_quotes

    paras = pd.DataFrame({
        "doc_id": ["a", "a"], "para_no": [0, 1], "role": ["body", "body"],
        "text": ["x" * 1_000_000 + " \u201cWe will keep talking,\u201d the minister said.",
                 "Then " + "y" * 1_000_000 + " \u201cNo deal yet,\u201d Ana Pereira said."]})
    quotes = extract_quotes(paras)
    assert quotes.text.tolist() == ["We will keep talking,", "No deal yet,"]
    assert quotes.speaker.tolist() == ["the minister", "Ana Pereira"]


def test_a_frame_hit_after_a_one_megabyte_token_is_counted():
    from kit.frames import dictionary_hits, frame_scores

    d = {"economy": ["tariff*", "trade"]}
    text = "b" * 1_000_000 + " New tariffs hit trade.\n\n" + "Talks on trade went on."
    arts = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    hits = dictionary_hits(arts, d)
    assert hits.match.tolist() == ["tariffs", "trade", "trade"]
    assert [text[s:e] for s, e in zip(hits.start, hits.end)] == hits.match.tolist()
    scores = frame_scores(arts, d)
    assert scores.loc[scores.frame == "economy", "hits"].item() == 3


def test_the_linear_pattern_finds_what_the_old_pattern_found_on_short_random_text():
    # the old pattern (no look-behind before a word, no 64-character look-ahead before an e-mail
    # address) is the oracle on text too short for either bound to matter
    from kit.text import TOKEN_PATTERN

    old = TOKEN_PATTERN.replace("(?<!_)", "").replace("(?=[\\w.+\\-]{1,64}@)", "")
    assert old != TOKEN_PATTERN and old.count("(?") == TOKEN_PATTERN.count("(?") - 2
    old_re = re.compile(old, re.VERBOSE)
    rng = random.Random(17)
    alphabet = "aZ9_ _.-@'#/:,+’" + "x" * 4
    for _ in range(5_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        assert _TOKEN_RE.findall(text) == old_re.findall(text), text


@pytest.mark.parametrize("unit", ["_", "_.", "-_"])
def test_a_long_underscore_line_is_no_token_and_is_scanned_once(unit):
    text = "Talks " + unit * 200_000 + " went on"
    assert [t for _, _, t, _, _ in find_tokens(text, _OPTS)] == ["Talks", "went", "on"]
