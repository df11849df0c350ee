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
    if not _HAS_LETTER.search(txt):
        return "scare"  # rule EMPTY_QUOTE: '“”' or marks around punctuation only hold no speech
    b = before.rstrip()
    bl = b.lower()
    tail_words = _words(bl)[-6:]
    title_case = n <= 14 and _is_title_case(txt)  # computed once: _named_thing reads it too
    named = _named_thing(txt, n, b, after, has_attr, title_case)
    if named is not None:
        return NAMED_THING_KINDS[named]
    # titles: title-case text after a title noun or 'titled'
    if title_case and (not _END_PUNCT.search(txt.rstrip(",")) or any(
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


#: The kind each rule of :func:`_named_thing` gives (none of them speech: no speaker, no voice).
NAMED_THING_KINDS = {"TITLE_BEFORE_NOUN": "title", "TITLE_IN_SENTENCE": "title", "TERM_AS_SUBJECT": "scare",
                     "MODIFIER_AFTER_ADJECTIVE": "scare"}


def _named_thing(txt: str, n: int, b: str, after: str, has_attr: bool,
                 title_case: bool | None = None) -> str | None:
    """The rule by which a quote names or labels something rather than reporting speech, or None
    (its kind: :data:`NAMED_THING_KINDS`).

    - rule TITLE_BEFORE_NOUN: a title-case stretch with no sentence end, right before a title
      noun (*the "State of Things" report*, *her "Open Roads" initiative*): a title, even with
      an attribution in the sentence.
    - rule TITLE_IN_SENTENCE: a title-case stretch of two words or more inside a sentence, with
      no attribution, not at the sentence's start and not after a colon, a comma or a verb of
      saying or chanting (*she played "Moose Run Deluxe," ...*, *joined in "Stop the Drills,"*):
      a title or a name.
    - rule TERM_AS_SUBJECT: a title-case quote of one to four words with no punctuation at its
      end that opens its sentence and runs straight on into a lower-case word (*"Heat Dome" describes
      ...*): a term the sentence is about, not speech.
    - rule MODIFIER_AFTER_ADJECTIVE: a quote of one to four lower-case words after a determiner
      and one adjective, before a lower-case noun (*the current "burden of proof" rules*).

    ``title_case``: whether ``txt`` is title case and of at most 14 words, when the caller has it
    already (:func:`_kind`); computed here when None.

    >>> _named_thing("Moose Run Deluxe,", 3, "As a boy he played", " for hours", False)
    'TITLE_IN_SENTENCE'
    >>> _named_thing("Heat Dome", 2, "It was hot.", " describes it well", False)
    'TERM_AS_SUBJECT'
    >>> _named_thing("We are not done,", 4, "", " Roe said", True) is None
    True
    """
    a = after[:40]
    no_end = not _END_PUNCT.search(txt.rstrip(",")) and not txt.endswith(",")
    if title_case is None:
        title_case = n <= 14 and _is_title_case(txt)
    if title_case and no_end:
        m = _NEXT_WORD.match(a)
        if m and m.group(1).lower() in _TITLE_NOUNS:
            return "TITLE_BEFORE_NOUN"
    if has_attr:
        return None
    prev_char = b[-1:]
    if title_case and n >= 2 and prev_char not in _NOT_INSIDE and _LOWER_WORD_END.search(b) \
            and not _VERB_END.search(b.lower()[-_VERB_END_CHARS:]) and not _CHANT_END.search(b.lower()):
        return "TITLE_IN_SENTENCE"
    if n <= 4 and no_end and title_case and prev_char in _SENTENCE_END and _RUNS_ON.match(a):
        return "TERM_AS_SUBJECT"
    if n <= 4 and no_end and txt[:1].islower() and _DET_ADJ_END.search(b.lower()) and _RUNS_ON.match(a) \
            and not _FUNCTION_START.match(a.lstrip()):
        return "MODIFIER_AFTER_ADJECTIVE"
    return None


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.attribution import _VERB_ALT  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.extract import _modifier_quote  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.textutil import _words  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.words import _CHANT_WORDS, _SCARE_CUES, _TITLE_NOUNS, _UP  # noqa: E402,F401 (imported last, as the modules refer to each other)

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
_HAS_LETTER = re.compile(r"[^\W_]")
#: The word right after a quote's closing mark.
_NEXT_WORD = re.compile(r"\s{1,2}([a-z][a-z-]*)\b")
#: Characters before a quote that open a sentence or a quotation ('', '.', ':', ',', a dash ...).
_NOT_INSIDE = ("", ".", "!", "?", ":", ",", ";", "”", '"', "—", "–", "(")
#: Characters before a quote that opens its sentence.
_SENTENCE_END = ("", ".", "!", "?", "”", '"')
#: The text before ends with a lower-case word (the quote stands inside a sentence).
_LOWER_WORD_END = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*$")
#: After the quote: a space, then a lower-case word (the sentence runs straight on).
_RUNS_ON = re.compile(r"\s{1,2}[a-z]")
#: Before the quote: a determiner and one more lower-case word (an adjective).
_DET_ADJ_END = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|these|those)\s+[a-z][a-z-]+$")
#: Words that cannot be the noun a quoted modifier stands before.
_FUNCTION_START = re.compile(
    r"(?:and|or|but|to|that|which|who|for|from|with|in|on|at|as|of|by|said|says|is|was|were|are|had|has|"
    r"have|would|will|could|can|may|might|should|must|be|been|than|if|when|while|because)\b")
#: The text before ends with a verb or noun of chanting (a crowd's words are speech, not a title).
_CHANT_END = re.compile(r"\b(?:" + "|".join(_CHANT_WORDS) + r")(?:\s+(?:of|the))?[,:]?$")
