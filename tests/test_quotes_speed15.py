"""Session 15 speed work: the faster scans find exactly what the plain patterns find.

Every text here is invented. Each fast path is compared with the plain form it replaces, written
out again in this file, on texts built to hit the edges (start of text, a capital after a full
stop or inside a word, digits, particles, overlapping candidates).
"""
from __future__ import annotations

import re

import pytest

from kit.quotes.entities import _NICKNAME_MIDDLE, _NICKNAMED, _THE_PAIR, _after_the_pairs, _Article, _nicknamed_persons
from kit.quotes.textutil import _cap_runs, _run_starts
from kit.quotes.words import _CAP_RUN, _ORG_RUN

TEXTS = [
    "",
    "A",
    "Ann Roe met Tom Vale.",
    "Sen. Ann Roe of the Harbor Board for Tides and the Coastal Economy spoke in Kestrel on Monday.",
    "U.S. Rep. Joost van Dam and McRae's aide, D'Souza, met the FBI-CIA team at 3 p.m. in 2019.",
    "xAnn and .Tom and ,Lee and 1st Lt. Ana Ruiz and 22nd Street and AZCentral said so.",
    "“Ann Roe,” she said. (Tom Vale) [Lee Park] Émile Zola and Łukasz Nowak wrote.",
    "The Department of Justice and the Pentagon; Ann Roe and the Harbor Board. NASA's J.R. Doe",
    "\nAnn\tRoe\u00a0Vale  Park\n\nThe the the Kestrel Glacier Fund",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("rx", [_CAP_RUN, _ORG_RUN], ids=["cap", "org"])
def test_cap_runs_are_the_finditer_runs(text, rx):
    art = _Article(doc_id=1, paras=[], text=text)
    fast = [(m.span(), m.groups()) for m in _cap_runs(rx, art)]
    plain = [(m.span(), m.groups()) for m in rx.finditer(text)]
    assert fast == plain


def test_run_starts_are_built_once_per_article_and_kept_in_its_cache():
    art = _Article(doc_id=1, paras=[], text="Ann met Tom. Then Lee came.")
    starts = _run_starts(art)
    assert starts == [0, 8, 13, 18]
    assert art.cache["run_starts"] is starts
    assert _run_starts(_Article(doc_id=2, paras=[], text="no capitals here")) == []


PLAIN_THE_PAIR = re.compile(r"\bthe\s+(\S+)\s+(\S+)")


@pytest.mark.parametrize("text", TEXTS + ["bathe the Harbor Board", "the\nKestrel Glacier", "_the a b", "the the a b c"])
def test_the_pair_matches_as_a_word_boundary_would(text):
    for pos in range(len(text) + 1):
        fast, plain = _THE_PAIR.search(text, pos), PLAIN_THE_PAIR.search(text, pos)
        assert (fast and (fast.span(), fast.groups())) == (plain and (plain.span(), plain.groups()))


def test_after_the_pairs_skips_a_the_inside_a_word():
    assert _after_the_pairs("we bathe Harbor Board daily") == set()
    assert "Harbor Board" in _after_the_pairs("near the Harbor Board gate")


@pytest.mark.parametrize("text", [
    'Cal "Hook" Dunmore runs the town.',
    'Cal “Hook” Dunmore-Vale runs the town.',
    'He said "Never" Dunmore would win.',
    'A "quoted phrase" Dunmore and "Yes" to that.',
])
def test_every_nicknamed_name_holds_the_middle_the_prefilter_looks_for(text):
    assert (_NICKNAMED.search(text) is not None) <= (_NICKNAME_MIDDLE.search(text) is not None)


def test_an_article_without_the_middle_keeps_its_single_words():
    art = _Article(doc_id="d", paras=[], text="Cal Dunmore runs the town. Dunmore said so.")
    singles = [(27, 34, "Dunmore", [], 27)]
    assert _nicknamed_persons(art, singles) == singles
    assert art.persons == {}
