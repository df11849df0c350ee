"""Session 16 speed work (branch speed4): the faster scans find exactly what the plain forms find.

Every text here is invented. Each fast path is compared with the plain form it replaces, written
out again in this file, on texts built to hit the edges (start and end of text, runs of marks,
words glued to hyphens and apostrophes, accented letters).
"""
from __future__ import annotations

import random
import re

import pandas as pd
import pytest

from kit.quotes import attribution, extract_quotes, marks
from kit.quotes.words import _SPEECH_VERB_ALT, SPEECH_VERBS
from kit.text import sentence_split

#: The sentence-end pattern as it was written before session 16: the look-behind first.
PLAIN_SENT_END = re.compile(
    r"""
    (?<![.!?…])
    [.!?…]++
    [”’"')\]]*+
    \s++
    (?=["“‘'(\[]{0,2}[0-9""" + sentence_split._UPPER + """])
    """,
    re.VERBOSE,
)

SENT_TEXTS = [
    "",
    ".",
    "A. B",
    "Stop. Go on. Mr. Tan came.",
    "What?! No... Yes!!! “Go.” (Then) 'So.' [Fine.] 3. 4.",
    "Wait…… Émile left. ...Then Łukasz.  \n  Ok.\tFine. Done.",
    "No. 5 and Nos. 6 and 7. The U.S. The end.?",
    "He said “No.”\n\nAnd then “Yes!” 'Really?' ''Quite.'' Done",
]


def _random_texts(n: int = 300, seed: int = 16) -> list[str]:
    rng = random.Random(seed)
    pieces = [".", "!", "?", "…", " ", "  ", "\n", "\n\n", "”", "’", '"', "'", ")", "]", "“", "(", "A", "b",
              "Émile", "3", "Mr", "U.S", "no", "-", "x"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(n)]


@pytest.mark.parametrize("text", SENT_TEXTS + _random_texts())
def test_sentence_ends_are_those_of_the_plain_pattern(text):
    fast = [m.span() for m in sentence_split._SENT_END.finditer(text)]
    plain = [m.span() for m in PLAIN_SENT_END.finditer(text)]
    assert fast == plain


def test_the_sentence_end_pattern_opens_on_a_character_class():
    # what makes it fast: re skips to the candidates at C speed (a look-behind first defeats that)
    assert sentence_split._SENT_END.pattern.lstrip().startswith("[.!?…](?<!")


# --- attribution: the verbs of saying of a text in one scan ---


#: The word pattern the verbs were looked up by, one set lookup per word, before session 16.
PLAIN_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]+(?![\w’'-])")


def _plain_speech_verbs(text: str, start_at: int = 0) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in PLAIN_LOWER_WORD.finditer(text, start_at)
            if m.group(0) in attribution._SPEECH_OR_PART]


VERB_TEXTS = [
    "",
    "said",
    "Ann Roe said, adding that she was told so.",
    "well-said 'said' said' unsaid saidx xsaid _said said_ said9 Said SAID",
    "says saying sayings went on, goes on; he shot back and chimed in",
    "tells telling told: warns warned warning, réponded responded résaid said",
    "characterizes characterized characterises, calling described describing",
]


def _random_verb_texts(n: int = 300, seed: int = 4) -> list[str]:
    rng = random.Random(seed)
    verbs = sorted(attribution._SPEECH_OR_PART)
    glue = [" ", "  ", ", ", "-", "'", "’", "x", "é", "_", "9", ". ", "\n", "s", "ing", "ed"]
    return ["".join(rng.choice(verbs) + rng.choice(glue) for _ in range(rng.randint(0, 12))) for _ in range(n)]


@pytest.mark.parametrize("text", VERB_TEXTS + _random_verb_texts())
def test_speech_verbs_are_those_of_a_set_lookup_per_word(text):
    for start_at in (0, 3, len(text) // 2):
        fast = [(h.start(), h.group()) for h in attribution._speech_verbs_in(text, start_at)]
        assert fast == _plain_speech_verbs(text, start_at)


def test_word_trie_matches_the_plain_alternation_between_word_bounds():
    words = ["say", "says", "said", "saying", "sa", "tell", "tells", "t", "x"]
    trie = re.compile(rf"(?<![a-z])(?:{attribution._word_trie(words)})(?![a-z])")  # (words._word_trie)
    plain = re.compile(rf"(?<![a-z])(?:{'|'.join(sorted(words, key=len, reverse=True))})(?![a-z])")
    text = "say says sayss said saying sa s tell tells t x xx sayi telling"
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


# --- one alternation of the verbs of saying (words._SPEECH_VERB_ALT) ---


def test_attribution_and_the_pairing_of_marks_share_one_alternation():
    assert attribution._VERB_ALT == marks._SAYING == _SPEECH_VERB_ALT
    alt = re.compile(_SPEECH_VERB_ALT)
    assert all(alt.fullmatch(v.replace(" ", " \n ")) for v in SPEECH_VERBS)
    assert not any(alt.fullmatch(v[:-1]) and v[:-1] not in SPEECH_VERBS for v in SPEECH_VERBS)


#: The alternation as it was written before session 16: every verb in turn, longest first.
PLAIN_VERB_ALT = "|".join(sorted((v.replace(" ", r"\s+") for v in SPEECH_VERBS), key=lambda v: (-len(v), v)))

#: The shapes the kit's patterns put around the alternation: a non-letter always follows it.
VERB_CONTEXTS = [r"\b(?P<v>{})\b", r"(?P<v>{})\s+(?P<w>\w+)", r"^.*\b(?P<v>{})\s+", r"\b(?P<v>{})[,]?$",
                 r"(?P<v>{})(?:\s+[^.!?]{{0,40}}?)?\s*[,:]\s*$", r"\s+(?P<v>{})\.$"]


def _random_saying_texts(n: int = 200, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    verbs = sorted(SPEECH_VERBS) + ["sa", "sai", "wen", "went", "chimed", "shot", "sayss", "x"]
    glue = [" ", "  ", ", ", ".", ":", "\n", "s", "ed", "-", "'", " Roe", " the aide"]
    return ["".join(rng.choice(verbs) + rng.choice(glue) for _ in range(rng.randint(0, 8))) for _ in range(n)]


@pytest.mark.parametrize("context", VERB_CONTEXTS)
def test_the_trie_matches_what_the_plain_alternation_matches(context):
    fast, plain = re.compile(context.format(_SPEECH_VERB_ALT)), re.compile(context.format(PLAIN_VERB_ALT))
    for text in VERB_TEXTS + _random_saying_texts():
        for pos in range(0, len(text) + 1, 3):
            a, b = fast.search(text, pos), plain.search(text, pos)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), (context, text, pos)


def test_the_alternation_is_a_trie_of_the_verbs():
    # what makes it fast: re follows one branch per letter, instead of trying every verb in turn
    alt = _SPEECH_VERB_ALT[3:-1] if _SPEECH_VERB_ALT.startswith("(?:") else _SPEECH_VERB_ALT
    depth, top = 0, 1
    for ch in alt:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        top += ch == "|" and depth == 0
    assert top == len({v[0] for v in SPEECH_VERBS})


def _one(text: str) -> list[list]:
    art = pd.DataFrame({"doc_id": ["a"], "para_no": [0], "role": ["body"], "text": [text]})
    return extract_quotes(art)[["speaker", "verb"]].values.tolist()


@pytest.mark.parametrize("text, expected", [
    ('"We will widen the pier," Ann Roe went  on.', [["Ann Roe", "went on"]]),
    ('"We will widen the pier," Ann Roe went on.', [["Ann Roe", "went on"]]),
    ('"No," Ann Roe said. "We will widen the pier," she chimed \n in.', [["Ann Roe", "said"], ["Ann Roe", "chimed in"]]),
])
def test_a_two_word_verb_is_read_however_the_text_spaces_its_words(text, expected):
    assert _one(text) == expected


# --- attribution: tests at the end of the text before a verb, and sentence adverbs ---


def _random_before_texts(n: int = 400, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    words = ["the", "THE", "a", "an", "his", "their", "these", "those", "whose", "of", "in", "with", "for", "joint",
             "press", "Press", "news", "public", "brief", "short", "written", "formal", "Roe's", "aide’s", "who",
             "which", "that", "somewho", "bathe", "Written", "x", "", "Later", "later", "Even", "So", "soon"]
    glue = [" ", "  ", "\n", "\t", "", ",", "-", "'", " \n "]
    return ["".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(0, 6))) for _ in range(n)]


@pytest.mark.parametrize("rx", [attribution._NOUN_BEFORE, attribution._RELATIVE_BEFORE], ids=["noun", "relative"])
def test_ends_in_finds_what_a_search_of_the_whole_text_finds(rx):
    for text in VERB_TEXTS + _random_before_texts():
        fast, plain = attribution._ends_in(rx, text), rx.search(text)
        assert (fast and fast.span()) == (plain and plain.span()), text


def test_no_sentence_adverb_is_the_substitution_it_replaces():
    for text in _random_before_texts():
        assert attribution._no_sentence_adverb(text) == attribution._SENTENCE_ADVERB.sub(r"\1", text), text
