"""The subject of a quote's own clause when it is not a named person: an organisation, a
document, a group or a description that speaks through a verb the attribution patterns do not
read as saying.

Rule ``CLAUSE_SUBJECT``: a quote with no attribution of its own, inside its paragraph, whose
clause opens with a noun phrase and its verb (``The county board voted for a motion that
"..."``, ``The leaflet promises to "..."``, ``One delegate called the plan "..."``) is spoken
by that noun phrase, read as an attribution's mention is read
(:func:`kit.quotes.resolution._resolve`; a document speaks for the issuer the text names, as in
:func:`kit.quotes.extract._attributed_speaker`). Without it such a quote took the first person
named before it in its paragraph (``FIRST_PERSON_NAMED``), often the object of the verb, or no
speaker. A named person as the subject is left to ``SENTENCE_SUBJECT``
(:mod:`kit.quotes.sentence_speaker`), a pronoun to the pronoun rules.

>>> import pandas as pd
>>> from kit.quotes import extract_quotes
>>> texts = ["Mayor Ines Calloway spoke at the opening of the new depot on Monday.",
...          'The county board voted 5-2 for a motion that called the depot "a waste of public land."']
>>> p = pd.DataFrame({"doc_id": "x", "para_no": [0, 1], "role": "body", "text": texts})
>>> extract_quotes(p)[["speaker", "speaker_rule"]].values.tolist()
[['the county board', 'CLAUSE_SUBJECT']]
"""
from __future__ import annotations

import bisect
import re

from kit.quotes.entities import Person, _Article

#: A finite verb after the subject: an auxiliary, a regular past or present form, or a common
#: irregular past ('ran', 'gave'); an adverb in -ly may stand before it. A word in -s followed by
#: a verb, a preposition or a relative word is a plural noun of the subject ('Hundreds of marchers
#: walked', 'Activists in the city decried').
_FINITE = (r"(?:was|were|is|are|has|had|have|will|would|can|could|may|might|must|should|did|does"
           r"|ran|made|gave|took|put|sent|went|found|held|got|saw|set|led|left|came|became|began|kept"
           r"|[a-z]{2,}ed"
           r"|[a-z]{2,}[^s\W]s(?!\s+(?:[a-z]+ly\s+)?(?:was|were|is|are|has|had|have|will|would"
           r"|in|of|from|at|with|who|which|and|or"
           r"|[a-z]{2,}ed(?=\s+(?:the|a|an|to|that|through|in|on|at|for|with|by|from|into|out|up|back|over)\b))\b))")

#: A clause opened by a noun phrase (a determiner, a possessive or a capitalised word first, at
#: most six more words, no comma) and its verb; a relative clause between commas may follow the
#: noun phrase ('The lawsuit, which Roe brought in May, alleged').
_CLAUSE = re.compile(rf"""
    (?P<np>(?:[A-Z][\w’'&.-]*|one|the|a|an|his|her|its|their|this)        # the noun phrase's first word
           (?:\s+[\w’'&.-]+){{0,6}}?)                                        # up to six more words
    (?:\s*,\s*(?:which|who|whose|that)\b[^,;:“”"]{{1,120}},)?                # a relative clause
    \s+(?:[a-z]+ly\s+)?                                                       # an adverb
    (?P<verb>{_FINITE})\b""", re.VERBOSE)

#: Words that open a noun phrase but name nobody ('This prompted', 'It stated', 'There was').
_NO_SUBJECT = frozenset("""this that these those it its there here he she they we i you his her their
what which who whose some many most all both each such other another
unless if when while although though because since as after before once until whether""".split())

#: A past participle with its agent after the subject's noun: 'An e-mail sent out by X warned'.
_BY_AGENT = re.compile(r"\s+(?:out\s+|up\s+)?by\s+(?=(?:the\s+)?[A-Z])")
#: Where the agent's noun phrase ends: a comma or the clause's verb.
_AGENT_END = re.compile(rf",|\s+(?:[a-z]+ly\s+)?(?:{_FINITE})\b")

#: Sentence-first prepositions: the phrase they open is no subject ('Alongside the protests, ...').
_PREPOSITIONS = frozenset("""alongside among amid amidst for with without under unlike like beyond besides
against across through throughout within toward towards from to into onto upon about around behind
below beneath beside between by near of off over past per via along inside outside""".split())

#: A pronoun, a relative word or a verb's helper inside the noun phrase: a clause of its own ('The
#: danger he sees is', 'The plan that failed included'), or a verb group ('The plan cannot be called').
_PRONOUN_WORDS = frozenset("he she they it we i you cannot can't not be been being to that who which".split())

#: A subordinate clause between the verb and the quote has a subject of its own ('The incident
#: came at noon, when the crowd shouted "..."'), or an inverted attribution names a speaker ('...,
#: said Roe').
_SUBORDINATE = re.compile(r"[,—–]\s*(?:when|while|as|after|because|where|since|before|until|though|although|if)\s"
                          r"|\b(?:said|says|added|told)\s+(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){0,2}[A-Z]")

#: A passive verb ('The agency was found to ...', 'Risks have been exaggerated by ...') or a copula
#: right before the quote ('The aim was "..."'): the subject does not speak.
_BE = frozenset("was were is are".split())
_PASSIVE = re.compile(r"\s+(?:been\s+)?(?:[a-z]+ly\s+)?(?:[a-z]{2,}ed|found|made|given|seen|held|known|shown|told|taken)\b")

#: A coordinated clause: the quote's clause starts after it when a subject of its own follows
#: ('The motion failed, but one delegate dubbed him "..."').
_COORDINATED = re.compile(r",\s+(?:and|but|yet|so)\s+")


def _mention_at(art: _Article, pos: int) -> bool:
    """Does a mention of a known entity start at ``pos``?"""
    k = bisect.bisect_left(art.mention_pos, pos)
    return k < len(art.mention_pos) and art.mention_pos[k] == pos


def _subject_start(head: str) -> int:
    """Where the subject of the clause ``head`` (a sentence up to the quote) starts: after a
    dateline, a joining word, a leading clause or phrase ('In May, ...'), and after the last
    coordinated clause that has a subject of its own."""
    b0 = len(head) - len(_strip_dateline(head))
    lead = _SUBJECT_OPENERS.match(head[b0:])
    b0 += lead.end() if lead else 0
    clause = _LEADING_CLAUSE.match(head[b0:b0 + 200])
    if clause:
        b0 += clause.end()
    while b0 < len(head) and head[b0] in " ,":
        b0 += 1
    for co in reversed(list(_COORDINATED.finditer(head, b0))):
        rest = head[co.end():]
        if _CLAUSE.match(rest) or rest.split(" ", 1)[0].lower() in _NO_SUBJECT:
            return co.end()
    return b0


def clause_subject(art: _Article, para_off: int, pos: int) -> tuple[Person, str] | None:
    """Rule CLAUSE_SUBJECT: the speaker named by the subject of the clause of ``pos`` (a quote's
    opening mark) and the rule name, or None when the clause opens otherwise (see the module notes).

    Parameters
    ----------
    art : the article being read (sentence starts, quoted stretches and mentions indexed)
    para_off : the offset of the quote's paragraph in ``art.text``
    pos : the offset of the quote's opening mark

    >>> import pandas as pd
    >>> from kit.quotes import extract_quotes
    >>> texts = ["Tomas Ruiz, the mayor, opened the depot.",
    ...          'It was busy. The Harbor Trust, which owns the land, printed leaflets that promised "a gift to the town."']
    >>> p = pd.DataFrame({"doc_id": "x", "para_no": [0, 1], "role": "body", "text": texts})
    >>> extract_quotes(p)[["speaker", "speaker_rule"]].values.tolist()
    [['the Harbor Trust', 'CLAUSE_SUBJECT']]
    """
    k = bisect.bisect_right(art.sent_starts, pos) - 1
    s0 = max(para_off, art.sent_starts[k]) if k >= 0 else para_off
    mtext = _masked_text(art)
    for mark in ";:":
        cut = mtext.rfind(mark, s0, pos)
        if cut >= 0 and mtext[cut + 1:pos].strip():
            s0 = cut + 1  # 'That prompted a debate; one lawmaker called him "..."'
    head = mtext[s0:pos]
    m = _CLAUSE.match(head, _subject_start(head))
    if m is None or m.group("np").split()[0].lower() in _NO_SUBJECT | _PREPOSITIONS \
            or any(w in _PRONOUN_WORDS for w in m.group("np").lower().split()[1:]) \
            or _SUBORDINATE.search(head, m.end()):
        return None  # 'Among the posts ...', 'The danger he sees is', '..., when the crowd shouted "..."'
    verb = m.group("verb")
    if verb in _BE and not head[m.end():].strip() or verb in _BE | {"has", "have", "had"} and _PASSIVE.match(head, m.end()):
        return None  # 'The aim was "..."', 'The agency was found ...'
    np_ = m.group("np")
    at = s0 + m.start("np")
    agent = _BY_AGENT.match(head, m.end())
    if agent is not None and not m.group("verb").endswith("s"):
        # 'A campaign e-mail sent out by Ana Roe warned that "..."': the agent is the issuer
        end = _AGENT_END.search(head, agent.end())
        np_, at = head[agent.end():end.start() if end else len(head)], s0 + agent.end()
        named = _resolve(art, np_, at, para_off)
        return (named, "CLAUSE_SUBJECT") if named is not None else None
    if " " not in np_.strip() and not np_.isupper() and (
            not _mention_at(art, at) or np_.strip().lower() in _lower_words(art)):
        return None  # 'Safe fracking is ...': a capitalised sentence word (written in lower case too), not a name
    ent = _resolve(art, np_, at, para_off)
    if ent is None or ent.kind == "person" and re.match(r"[A-Z]", np_) and " " not in np_.strip():
        return None  # a one-word name is SENTENCE_SUBJECT's (or a sentence word, 'Obviously')
    if ent.kind == "descriptor" and not _source_can_speak(np_):
        return None  # rule THING_NOT_SUBJECT: 'the new ferry terminal will handle "..."' speaks not
    if ent.kind == "document":
        ent = _document_issuer(art, np_, at, para_off) or ent
    return ent, "CLAUSE_SUBJECT"


from kit.quotes.descriptions import _source_can_speak  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.extract import _document_issuer, _masked_text, _strip_dateline  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.name_shape import _lower_words  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.pronouns import _LEADING_CLAUSE, _SUBJECT_OPENERS  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.resolution import _resolve  # noqa: E402,F401 (imported last, as the modules refer to each other)
