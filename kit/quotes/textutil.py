"""Small text helpers: sentence starts, words, mentions."""
from __future__ import annotations

import re

from kit.quotes.words import _UP  # noqa: F401 (re-exported, or used by this module)
from kit.text.sentence_split import sentence_spans


def _sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start (0 included): the text layer's splitter
    (:func:`kit.text.sentence_spans`, one definition of a sentence for the kit; it is the
    splitter the quotes module had, moved there)."""
    return [0] + [s for s, _ in sentence_spans(text)[1:]]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


_SPACES = re.compile(r"\s+")


def _clean_mention(s: str) -> str:
    s = s.strip(" ,;:—–-\n\t\"“”'’")
    s = _SPACES.sub(" ", s)
    return s


def _is_title_token(tok: str) -> bool:
    """A title or its plural ('Senators Rubio and Cruz', 'Professors Foner').

    >>> _is_title_token("Sen."), _is_title_token("Senators"), _is_title_token("Hayes")
    (True, True, False)
    """
    low = tok.lower().rstrip(".")
    return low in _TITLE_WORDS or (len(low) > 4 and low.endswith("s") and low[:-1] in _TITLE_WORDS)


#: A lower-case word in -ly.
_LY_WORD = re.compile(r"[a-z]+ly")


def _ly_adverb(word: str) -> bool:
    """An adverb in -ly, which is no name and no head noun: a lower-case word ending in 'ly' that is
    not a noun in -ly (rule LY_NOUN, ``_LY_NOUNS``: 'the US daily said', 'a longtime ally'). The one
    test of an -ly adverb for ``attribution._clean_np`` (trailing words of a subject) and
    ``resolution`` (rule CAPITALISED_DESCRIPTION's head, rule CLAUSE_IN_MENTION's trailing adverbs).

    >>> _ly_adverb("repeatedly"), _ly_adverb("daily"), _ly_adverb("ally"), _ly_adverb("Kelly")
    (True, False, False, False)
    """
    return _LY_WORD.fullmatch(word) is not None and word not in _LY_NOUNS


def _tok_list(run: str) -> list[str]:
    return run.split()


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.words import _LY_NOUNS, _TITLE_WORDS, _WORD  # noqa: E402,F401 (imported last, as the modules refer to each other)
