"""Small text helpers: sentence starts, words, mention keys."""
from __future__ import annotations

import re

from kit.quotes.words import _UP  # noqa: F401 (re-exported, or used by this module)

_SENT_END = re.compile(r"[.!?…]+[”’\"')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9" + _UP + "])")


def _sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start (0 included), skipping abbreviations and initials."""
    starts = [0]
    for m in _SENT_END.finditer(text):
        head = text[max(0, m.start() - 8): m.start() + 1]
        if _is_abbreviation(head):
            continue
        starts.append(m.end())
    return starts


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _clean_mention(s: str) -> str:
    s = s.strip(" ,;:—–-\n\t\"“”'’")
    s = re.sub(r"\s+", " ", s)
    return s


def _norm_key(s: str) -> str:
    s = s.lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    s = re.sub(r"^(?:the|a|an|one|another)\s+", "", s.strip())
    return " ".join(s.split())


def _is_title_token(tok: str) -> bool:
    """A title or its plural ('Senators Rubio and Cruz', 'Professors Foner').

    >>> _is_title_token("Sen."), _is_title_token("Senators"), _is_title_token("Hayes")
    (True, True, False)
    """
    low = tok.lower().rstrip(".")
    return low in _TITLE_WORDS or (len(low) > 4 and low.endswith("s") and low[:-1] in _TITLE_WORDS)


def _tok_list(run: str) -> list[str]:
    return run.split()


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.words import _TITLE_WORDS, _WORD, _is_abbreviation  # noqa: E402,F401 (imported last, as the modules refer to each other)
