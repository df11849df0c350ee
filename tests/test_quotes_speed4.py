"""Session 16 speed work (branch speed4): the faster scans find exactly what the plain forms find.

Every text here is invented. Each fast path is compared with the plain form it replaces, written
out again in this file, on texts built to hit the edges (start and end of text, runs of marks,
words glued to hyphens and apostrophes, accented letters).
"""
from __future__ import annotations

import random
import re

import pytest

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
