"""Speakers of quotes with no attribution of their own that their own sentence still names.

The attribution step (:mod:`kit.quotes.attribution`) reads the attribution patterns it knows; a
quote it finds none for falls back to the speaker of the paragraph (``LATEST_SPEAKER``) or the
first person named there (``FIRST_PERSON_NAMED``). Two named rules look at the quote's own
sentence first:

- ``NAMED_AFTER_QUOTE``: after the quote, in its sentence, a person the entity step knows is the
  subject of the first verb of saying (``"...," Ann Lee, 67, a retired clerk, said``; ``"..."
  Sen. Ray Dunn (D-Ore.) told reporters``) or follows it (``"...," said Q4 president Carl Moss, who
  ...``; ``"..." if she loses, said Ada Lind``). Only the first verb of saying after the quote is
  read, and only a name right before it (adverbs, an auxiliary, a party label or an appositive
  between commas may come between) or right after it (title words may come between, no comma,
  no determiner: ``said the aide to Carl Moss`` names no speaker).
- ``SENTENCE_SUBJECT``: the named subject of the quote's own sentence, as
  :func:`kit.quotes.pronouns._sentence_subject` reads it, with a lower-case word (its verb)
  between it and the quote (``Roe's motto, painted on every bus, was that Abel "would sell the
  harbor"``: Roe), rather than the paragraph's latest speaker (``LATEST_SPEAKER``) or its first
  person (``FIRST_PERSON_NAMED``); a name right before the quote (``Abel "never listened"``) is
  its topic, not its speaker.

Both are called from :func:`kit.quotes.extract._unattributed_speaker`.

>>> import pandas as pd
>>> from kit.quotes import extract_quotes
>>> texts = ["Marta Kovacs said on Monday that the steel would arrive late.",
...          '"We can only wait," Ilse Brandt, 61, a welder from Elmford, Del., said after the meeting.']
>>> p = pd.DataFrame({"doc_id": "x", "para_no": [0, 1], "role": "body", "text": texts})
>>> extract_quotes(p)[["speaker", "speaker_rule"]].values.tolist()
[['Ilse Brandt', 'NAMED_AFTER_QUOTE']]
"""
from __future__ import annotations

import bisect
import re

from kit.quotes.entities import Person, _Article
from kit.quotes.words import SPEECH_VERBS

#: Most characters after a quote's closing mark read for its verb of saying.
AFTER_QUOTE_WINDOW = 250
#: Most characters of title words between a verb of saying and the name after it
#: ('said Q4 president Carl Moss').
VERB_NAME_GAP = 40
#: Most characters from a quote's closing mark to the name of the subject that follows it
#: ('Fight for Fairness organizing director Ken Falls told').
SUBJECT_START_GAP = 60

# what may stand between a subject and its verb of saying
_SUBJECT_GAP = re.compile(r"""
    ^\s*
    (?:\([^()]{1,30}\)\s*)?                        # a party label: (D-Ill.)
    (?:,[^!?;“”"]{0,160}?[A-Za-z][^!?;“”"]{0,160}?,\s*)?    # an appositive between commas: ', 67, a clerk in Troy, Pa.,'
    (?:(?:[a-z]+ly|also|then|later|again|once|has|had|have|would|will|did|was|is|were|could|might)\s+)*
    $""", re.VERBOSE)

# what may stand between a verb of saying and the name after it: title words, no comma or determiner
_VERB_GAP = re.compile(r"""
    ^\s*
    (?!.*\b(?:the|a|an|his|her|their|its|our|my|to|of|for|about|with)\b)   # no determiner, no link word
    [^,.;:!?“”"()]*                                                    # no punctuation
    $""", re.VERBOSE | re.IGNORECASE)

# a determiner or link word between a quote and its subject makes the name part of a description
_DESCRIPTION_WORD = re.compile(r"\b(?:the|a|an|his|her|their|its|our|my|to|of|about|with)\b", re.IGNORECASE)

# a lower-case word (a verb) between a sentence's subject and its quote
_VERB_BETWEEN = re.compile(r"\b[a-z][a-z]")

# a sentence end inside a quote's closing mark: '?"', '."', '!”'
_SENTENCE_END_INSIDE = re.compile(r"[.?!][\s’']*[”\"'’]+$")

#: What may end the text between a quote and a verb of saying that its speaker follows (or
#: nothing at all: '"...," said NAME').
INVERSION_LEAD = ",—–-"

_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def _in_quote(art: _Article, pos: int) -> bool:
    k = bisect.bisect_right(art.quote_starts, pos) - 1
    return k >= 0 and art.quote_spans[k][1] > pos


def _common_word(art: _Article, m) -> bool:
    """A one-word mention the article also writes in lower case ('Climate change ...' where an
    entity holds the word): a sentence's first word, not a name."""
    word = art.text[m.pos:m.end]
    if " " in word.strip() or not word[:1].isupper():
        return False
    return re.search(rf"(?<![\w’'-]){re.escape(word.lower())}(?![\w’'-])", art.text) is not None


def _window_end(art: _Article, start: int, para_end: int) -> int:
    """Where the sentence after a quote's closing mark ends: the next sentence start, the next
    opening mark, the paragraph's end or :data:`AFTER_QUOTE_WINDOW` characters, whichever is first."""
    end = min(para_end, start + AFTER_QUOTE_WINDOW)
    k = bisect.bisect_right(art.sent_starts, start)
    if k < len(art.sent_starts):
        end = min(end, art.sent_starts[k])
    k = bisect.bisect_left(art.quote_starts, start)
    if k < len(art.quote_starts):
        end = min(end, art.quote_starts[k])
    return end


def named_after_quote(art: _Article, start: int, para_end: int) -> Person | None:
    """Rule NAMED_AFTER_QUOTE: the person the sentence after a quote's closing mark (at ``start``)
    names as the subject of its first verb of saying, or right after that verb; None when it
    names none (see the module notes, and its example).

    Parameters
    ----------
    art : the article being read (its mentions, sentence starts and quoted stretches indexed)
    start : the offset in ``art.text`` right after the quote's closing mark
    para_end : the offset where the quote's last paragraph ends

    Examples
    --------
    Through :func:`kit.quotes.extract_quotes`, which builds and indexes the article:

    >>> import pandas as pd
    >>> from kit.quotes import extract_quotes
    >>> texts = ["The ferry to Marlow Island was late again on Monday.",
    ...          '"We waited two hours for it," Ada Quist, 67, a retired teacher, said at the pier.']
    >>> p = pd.DataFrame({"doc_id": "x", "para_no": [0, 1], "role": "body", "text": texts})
    >>> extract_quotes(p)[["speaker", "speaker_rule"]].values.tolist()
    [['Ada Quist', 'NAMED_AFTER_QUOTE']]
    """
    end = _window_end(art, start, para_end)
    if end <= start:
        return None
    verb = None
    for m in _WORD.finditer(art.text, start, end):
        if m.group() in SPEECH_VERBS:  # lower case: 'State' in a title is no verb
            verb = m
            break
    if verb is None:
        return None
    lo = bisect.bisect_left(art.mention_pos, start)
    hi = bisect.bisect_left(art.mention_pos, end)
    persons = [m for m in art.mentions[lo:hi] if m.entity.kind == "person" and not _in_quote(art, m.pos)
               and not _common_word(art, m)]
    if _SENTENCE_END_INSIDE.search(art.text, max(0, start - 3), start):
        # '"... affect that?" Also in June, NAME said': a quote that ends its sentence is
        # followed by a new one, unless the name follows at once ('"Is it over?" Roe asked')
        persons = [m for m in persons if not art.text[start:m.pos].strip()]
    # the subject: a name right before the verb, near the quote, not a description's part
    for m in persons:
        if m.end <= verb.start() and m.pos - start <= SUBJECT_START_GAP \
                and not _DESCRIPTION_WORD.search(art.text, start, m.pos) \
                and _SUBJECT_GAP.match(art.text[m.end:verb.start()]):
            return m.entity
    # the name after the verb: 'said Q4 president Carl Moss', the verb right after the quote or
    # after a comma ('"..." if she loses, said Ada Lind'); 'and called Abel' names its object
    lead = art.text[start:verb.start()].rstrip()
    if lead and lead[-1] not in INVERSION_LEAD:
        return None
    for m in persons:
        if m.pos >= verb.end() and m.pos - verb.end() <= VERB_NAME_GAP \
                and _VERB_GAP.match(art.text[verb.end():m.pos]) \
                and not re.match(r"['’]s\b", art.text[m.end:m.end + 3]):
            return m.entity
    return None


def sentence_subject(art: _Article, para_off: int, pos: int) -> Person | None:
    """Rule SENTENCE_SUBJECT: the named person who is the subject of the sentence of ``pos``,
    read before ``pos`` and never before the paragraph (``para_off``), a lower-case word between
    it and ``pos``: after a leading clause
    ('At the fair, Roe handed out flyers that promised "..."'), a title or a possessive role;
    None when the sentence opens otherwise (a pronoun, a description, a name after a preposition).

    Parameters
    ----------
    art : the article being read
    para_off : the offset of the quote's paragraph in ``art.text``
    pos : the offset of the quote's opening mark

    >>> import pandas as pd
    >>> from kit.quotes import extract_quotes
    >>> text = ("The county sued Marta Kovacs in May. In reply, Ilse Brandt hung a banner over the gate "
    ...         'that promised "the bridge will open when it is safe and not a day before."')
    >>> p = pd.DataFrame({"doc_id": "x", "para_no": [0], "role": "body", "text": [text]})
    >>> extract_quotes(p)[["speaker", "speaker_rule"]].values.tolist()
    [['Ilse Brandt', 'SENTENCE_SUBJECT']]
    """
    from kit.quotes.pronouns import _sentence_subject

    k = bisect.bisect_right(art.sent_starts, pos) - 1
    s0 = max(para_off, art.sent_starts[k]) if k >= 0 else para_off
    m = _sentence_subject(art, s0, pos, None)
    if m is None or m.entity.kind != "person" or not _VERB_BETWEEN.search(art.text, m.end, pos) \
            or _common_word(art, m):
        return None  # 'Abel "kind of slipped"': a name right before the quote is its topic
    return m.entity
