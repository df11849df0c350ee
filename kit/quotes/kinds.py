"""Kinds of quotes: full, partial, scare, title."""
from __future__ import annotations

import re


def _is_title_case(text: str) -> bool:
    ws = _LETTER_WORD.findall(text)
    if not ws or not ws[0][0].isupper():
        return False
    content = [w for w in ws if len(w) > 3]
    if not content:
        return all(w[0].isupper() for w in ws)
    caps = sum(1 for w in content if w[0].isupper())
    return caps / len(content) >= 0.75


_SCARE_ENDINGS: list[tuple[str, ...]] = []  # every cue, alone and before 'the' / 'a' (built on first use)


def _scare_cue(before: str) -> bool:
    """'so-called', 'the word', 'what has long been called' right before the quote."""
    bl = before.rstrip().lower()
    if not _SCARE_ENDINGS:
        _SCARE_ENDINGS.append(tuple(c + tail for c in _SCARE_CUES for tail in ("", " the", " a")))
    return bl.endswith(_SCARE_ENDINGS[0]) or \
        ("called" in bl and _SO_CALLED.search(bl + " ") is not None)


def _kind(inner: str, before: str, after: str, has_attr: bool, para_start: bool) -> str:
    """Classify one quote: full, partial, scare or title."""
    txt = inner.strip()
    words = _words(txt)
    n = len(words)
    b = before.rstrip()
    bl = b.lower()
    tail_words = _words(bl)[-6:]
    # titles: title-case text after a title noun or 'titled'
    if n <= 14 and _is_title_case(txt) and (not _END_PUNCT.search(txt.rstrip(",")) or any(
            w in ("titled", "entitled", "headlined") for w in tail_words)):
        if any(w in _TITLE_NOUNS for w in tail_words[-4:]) or _TITLED_END.search(bl):
            if not has_attr or any(w in ("titled", "entitled", "headlined", "title") for w in tail_words) \
                    or any(w in _TITLE_NOUNS for w in tail_words[-2:]):
                return "title"
    # a quoted word used as a modifier or topic: the "spy" balloon, "Guardrails" has become ...
    if n <= 4 and not has_attr and _modifier_quote(before, after):
        return "scare"
    # scare quotes: 'so-called', 'the word', or a very short phrase that nobody is said to say
    if _scare_cue(b):
        return "scare"
    starts_upper = bool(_STARTS_UPPER.match(txt))
    prev_char = b[-1:] if b else ""
    sentence_start = para_start or prev_char in ("", ".", "!", "?", ":", "”", '"', "—", "–") and not b.endswith(" -")
    # the pattern ends the text: searched from where its longest match could start
    after_verb = bool(_VERB_END.search(bl, max(0, len(bl) - _VERB_END_CHARS))) and not _OBJECT_END.search(bl)
    if starts_upper and (sentence_start or prev_char == "," and (after_verb or has_attr) or after_verb) and n >= 1:
        if n <= 2 and not has_attr and not sentence_start and not _FINAL_PUNCT.search(txt.rstrip(",")):
            return "scare"
        return "full"
    if n <= 3 and not has_attr:
        return "scare"
    if not starts_upper and sentence_start and n >= 4:
        # a paragraph opening with lower case words is still a full quote continuation
        return "full" if para_start else "partial"
    return "partial"


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.attribution import _VERB_ALT  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.extract import _modifier_quote  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.textutil import _words  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.words import _SCARE_CUES, _TITLE_NOUNS, _UP  # noqa: E402,F401 (imported last, as the modules refer to each other)

# compiled once (after the imports above, whose word lists they hold)
_LETTER_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SO_CALLED = re.compile(r"\bso[- ]called\s+(?:\w+\s+){0,1}$")
_END_PUNCT = re.compile(r"[.!?]\W*$")
_FINAL_PUNCT = re.compile(r"[.!?]$")
_TITLED_END = re.compile(r"\b(?:titled|entitled|headlined|called|named)$")
_STARTS_UPPER = re.compile(r"^[\s'‘’…\.]*[A-Z0-9" + _UP + "]")
_VERB_END = re.compile(rf"\b(?:{_VERB_ALT})[,]?$")
#: The longest text :data:`_VERB_END` can match, and a character more ('$' before a final new line).
_VERB_END_CHARS = max(map(len, _VERB_ALT.split("|"))) + 2
_OBJECT_END = re.compile(r"\b(?:as|it|them|him|her|this|that)$")
