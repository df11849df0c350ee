"""Session 17 speed work (branch speed5): memos never leak between articles, fast paths match the plain forms.

Every text here is invented (made-up people, places and outlets). The memos of the quote extractor
are either kept per article (``_Article.cache``) or keyed by everything the memoised function reads
(``entities._ORG_OF_RUN``, ``extract._SPEAKER_TYPES``); the tests below run articles that would take
each other's answers if a memo were keyed wrongly, together and apart, and compare.
"""
from __future__ import annotations

import pickle
import random
import re
import subprocess
import sys

import pandas as pd
import pytest

from kit.quotes import entities, extract_quotes
from kit.quotes.name_shape import _glued_words

#: Article A writes 'Kestrel Mosses' (so the run 'Kestrel Moss' is a plant, rule NOT_A_PERSON's
#: plural test), names a governor Ann Roe and the Harbor Board, who speak; in article B a person
#: Kestrel Moss, a professor Ann Roe and the Tidewater Board speak.
ARTICLE_A = [
    "Kestrel Mosses cover the rocks near the inlet, and Kestrel Moss spreads fast in spring.",
    "Governor Ann Roe visited the Harbor Board on Monday.",
    '"We will protect the inlet," Roe said.',
    '"The inlet is safe," the Harbor Board said.',
]
ARTICLE_B = [
    "Kestrel Moss met reporters on Tuesday.",
    '"The trails stay open," Moss said.',
    "Ann Roe, a professor at Tidewater University, studies the Tidewater Board.",
    '"The data are clear," Roe said.',
    '"We approved the plan," the Tidewater Board said.',
]


def _paras(doc_id: str, texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": doc_id, "para_no": range(len(texts)), "role": "body", "text": texts})


def _clear() -> None:
    """Empty the memos kept across calls (as benchmarks/bench_quotes.py does before a cold run)."""
    entities._ORG_OF_RUN.clear()
    from kit.quotes import extract, name_shape, variants

    extract._SPEAKER_TYPES.clear()
    name_shape._ORGISH_TOKEN.clear()
    variants._name_key_of.cache_clear()


_ALONE = """
import pickle, sys
import pandas as pd
from kit.quotes import extract_quotes
doc_id, texts = pickle.loads(sys.stdin.buffer.read())
paras = pd.DataFrame({"doc_id": doc_id, "para_no": range(len(texts)), "role": "body", "text": texts})
sys.stdout.buffer.write(pickle.dumps(extract_quotes(paras)))
"""


@pytest.fixture(scope="module")
def alone() -> dict[str, pd.DataFrame]:
    """Each article's quotes from a process of its own: no memo of any kind, named or not, is warm."""
    out = {}
    for doc_id, texts in (("a", ARTICLE_A), ("b", ARTICLE_B)):
        done = subprocess.run([sys.executable, "-c", _ALONE], input=pickle.dumps((doc_id, texts)),
                              capture_output=True, check=True)
        out[doc_id] = pickle.loads(done.stdout)
    return out


def _rows(df: pd.DataFrame) -> list[dict]:
    """The rows as plain values (a column all missing in one article is typed apart from one with values)."""
    return df.astype(object).where(df.notna(), None).to_dict("records")


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    assert list(a.columns) == list(b.columns)
    assert _rows(a) == _rows(b)


TEXTS = {"a": ARTICLE_A, "b": ARTICLE_B}


def test_the_fixtures_reach_the_memos(alone):
    """The fixtures do what the leak tests need: B's Kestrel Moss and both Roes speak, typed apart."""
    a, b = alone["a"], alone["b"]
    assert b["speaker"].tolist() == ["Kestrel Moss", "Ann Roe", "the Tidewater Board"]
    assert a["speaker"].tolist() == ["Ann Roe", "the Harbor Board"]
    assert a["speaker_type"].tolist()[0] == "official" and b["speaker_type"].tolist()[1] == "expert"


@pytest.mark.parametrize("order", [("a", "b"), ("b", "a")])
def test_two_articles_in_one_call_as_apart(alone, order):
    """Two articles in one call: each as when it runs alone (in a process of its own)."""
    together = extract_quotes(pd.concat([_paras(d, TEXTS[d]) for d in order], ignore_index=True))
    for d in order:
        _same(together[together["doc_id"] == d], alone[d])


@pytest.mark.parametrize("first", ["a", "b"])
def test_a_second_call_as_a_first(alone, first):
    """Memos warm from another article (a second call, with or without clearing the named memos first)."""
    second = "b" if first == "a" else "a"
    extract_quotes(_paras(first, TEXTS[first]))
    _same(extract_quotes(_paras(second, TEXTS[second])), alone[second])
    _clear()
    _same(extract_quotes(_paras(second, TEXTS[second])), alone[second])


def test_words_shape_is_per_article():
    """Rule NOT_A_PERSON's word-only tests read the article they are kept in."""
    a = entities._Article(doc_id="a", paras=[], text=" ".join(ARTICLE_A))
    b = entities._Article(doc_id="b", paras=[], text=" ".join(ARTICLE_B))
    assert entities._words_shape(a, ["Kestrel", "Moss"]) == "plural"
    assert entities._words_shape(b, ["Kestrel", "Moss"]) is None
    assert entities._words_shape(a, ["Kestrel", "Moss"]) == "plural"


def test_org_of_run_memo_is_keyed_by_the_whole_run():
    _clear()
    assert entities._org_of_run("The Harbor Board") == (["Harbor", "Board"], "Harbor Board", 4)
    for run in ("The Harbor Board", "The Harbor Board Trust", "Harbor Board", "Treasury Secretary Ann Roe"):
        entities._ORG_OF_RUN.clear()
        expected = entities._org_of_run(run)
        b = entities._Article(doc_id="b", paras=[], text=f"Reporters met {run} at noon. {run} said no.")
        entities._find_orgs(b)
        assert entities._ORG_OF_RUN[run] == expected
        assert {b.text[m.pos:m.end] for m in b.mentions} == (set() if expected is None else {expected[1]})


#: The determiner pattern as written before session 17: the word boundary first.
PLAIN_AFTER_DETERMINER = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y|[Yy]our|[Tt]his|[Tt]hese|[Tt]hose|[Ss]ome|[Mm]any|[Oo]ther)"
    r"\s+([a-z][a-z'’-]+)")


def _texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    pieces = ["the", "The", "a", "An", "an", "his", "Her", "their", "its", "our", "my", "Your", "this", "these",
              "those", "some", "Many", "other", "Other", "bathe", "xthe", "_the", "éthe", "3the", "the-",
              "lobby", "dog", "well-kept", "it's", "o’clock", "Roe", "\n", "\t", "  ", " ", ".", ",", "—", "(", "'"]
    return ["".join(rng.choice(pieces) + rng.choice(["", " ", " ", "\n"]) for _ in range(rng.randint(0, 40)))
            for _ in range(n)]


@pytest.mark.parametrize("seed", range(5))
def test_after_determiner_matches_the_plain_pattern(seed):
    for text in _texts(seed, 400) + ["the dog", "the the dog", "xthe dog", "A an lobby", "Other lobby."]:
        assert entities._AFTER_DETERMINER.findall(text) == PLAIN_AFTER_DETERMINER.findall(text), text


def test_glued_words_as_the_plain_count():
    words = ["FoleyFlagShareLikeReplyAni", "DiPietro", "MacNab", "Ann", "A.", "ÉmileZolaParisRome", "ǅabcDefGhiJ",
             "", "a", "abcDefGhiJkl", "McDonald", "ROE", "RoeAnnBoLi"]
    for w in words:
        assert _glued_words(w) == (sum(1 for a, b in zip(w, w[1:]) if a.islower() and b.isupper()) >= 3), w


def test_plural_title_prefilter_never_hides_a_match():
    """profiles._plural_title_before skips the pattern for an ASCII window holding none of
    _PLURAL_TITLE_WORDS: then the pattern finds nothing there either."""
    from kit.quotes import profiles

    rng = random.Random(7)
    pieces = ["Reps.", "reps.", "REPS.", "Sens.", "Govs.", "Senators", "SENATORS", "representatives", "Governors",
              "Congressmen", "congresswomen", "Mayors", "Mayor", "Rep.", "Sen", "ſenators", "Ann Roe", "and", ",", " "]
    for _ in range(3000):
        w = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        if w.isascii() and not any(k in w.lower() for k in profiles._PLURAL_TITLE_WORDS):
            assert profiles._PLURAL_TITLE.search(w) is None, w
    t = "Senators Ann Roe and Bo Li met. MAYORS Cy Dee and Di Fox"
    assert profiles._plural_title_before(t, t.index("Bo")) == "Senator"
    assert profiles._plural_title_before(t, t.index("Di")) == "Mayor"
