"""Attribution patterns: who is said to speak before and after a quote."""
from __future__ import annotations

import re

from kit.quotes.words import (  # noqa: F401 (re-exported, or used by this module)
    _LY_NOUNS,
    _MODAL_VERBS,
    _NOT_FUNCTION_WORD,
    _NOT_LY_NOUN,
    _PARTICLES,
    _SPEECH_VERB_ALT,
    _TOK,
    SPEECH_VERBS,
    _word_trie,
)

#: The verbs of saying as an alternation (``words._SPEECH_VERB_ALT``, shared with ``marks._SAYING``).
_VERB_ALT = _SPEECH_VERB_ALT


def _verb_of(m: re.Match) -> str:
    """The verb of saying that a match of ``_VERB_ALT`` found (its group ``verb``), in lower case; a
    two-word verb with one space between its words, however the text spaces them ('went  on').

    >>> _verb_of(re.match(rf"(?P<verb>{_VERB_ALT})", "went  on")), _verb_of(re.match(rf"(?P<verb>{_VERB_ALT})", "said"))
    ('went on', 'said')
    """
    verb = m.group("verb").lower()
    return verb if verb.isalpha() else " ".join(verb.split())


#: An adverb before a verb of saying; rule LY_NOUN: a noun in -ly ('the US daily said') is none.
_ADV = (r"(?:(?:also|later|then|again|once|previously|earlier|recently|separately|simply|quickly|flatly|bluntly|angrily|firmly|repeatedly|publicly|privately|"
        rf"{_NOT_LY_NOUN}[a-z]+ly)\s+)")
_AUX = r"(?:(?:has|had|have|would|will|did|does|was|is|were|could|might)\s+(?:also\s+|not\s+|never\s+|previously\s+)?)"
_NAME_NP = (rf"(?:(?:{_TOK})(?:\s+(?:{_PARTICLES}\s+)*(?:{_TOK}))*)")
_NP_AFTER = (
    # 'Acme's chief executive,'; rule POSSESSIVE_AFTER_QUOTE: also before the verb ('Roe's office said')
    rf"(?:[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){{0,3}}['’]s\s+(?:[a-z][\w-]*\s+){{0,4}}?[a-z][\w-]*(?=\s*,|\s)"
    rf"|{_NAME_NP}|(?:the|a|an|one|another|both|two|some|many|several|other|his|her|their|its|this|these)\s+"
    rf"(?:[\w’'-]+\s+){{0,5}}?[\w’'-]+(?:\s+(?:at|of|for|from|with)\s+(?:the\s+)?{_NAME_NP})?"
    rf"|{_NAME_NP}\s+(?:[a-z][\w-]*\s+){{1,2}}{_NAME_NP}"
    rf"|[a-z]+(?:\s+[a-z]+)?\s+(?:at|of|for|from|with)\s+(?:the\s+)?{_NAME_NP}"
    # rule ROLE_WITH_ORGANISATION: 'former FBI agent Dana Gill' (a role holding a capitalised word)
    rf"|(?:{_NOT_FUNCTION_WORD}[a-z][\w-]*\s+){{1,2}}[A-Z][\w.&-]*\s+"
    rf"(?:{_NOT_FUNCTION_WORD}[a-z][\w-]*\s+){{1,2}}{_NAME_NP}"
    rf"|(?:[a-z][\w-]*\s+){{1,3}}{_NAME_NP})"
)
# a word of a noun phrase: 'U.S.', 'AT&T', 'co-founder', 'ministry’s'
_NPW = r"(?:[A-Z]\.(?:[A-Z]\.)+|(?:Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Sens|Rep|Reps|Gov|Lt|Col|Capt|Sgt|Adm|Maj|Rev)\.|[\w’'&-]+)"
# a speaker noun phrase AFTER its verb ('said X', 'according to X'): nothing ends it but punctuation,
# so it is matched greedily (up to 10 words) and _trim_np cuts the clause words that follow the head
_NP_TAIL = (
    rf"(?:{_NAME_NP}\s+(?:{_NOT_FUNCTION_WORD}[a-z][\w-]*\s+){{1,2}}{_NAME_NP}"
    rf"|{_NAME_NP}['’]s\s+(?:{_NPW}\s+){{0,6}}{_NPW}"
    rf"|{_NAME_NP}"
    rf"|(?:the|a|an|one|another|both|two|three|some|many|several|other|his|her|their|its)\s+(?:{_NPW}\s+){{0,9}}{_NPW}"
    rf"|[a-z][\w’'-]*(?:\s+{_NPW}){{0,9}})"
)
# after the closing mark: ', said X' / ', X said' / ', she said' / ', according to X'
_AFTER_INV = re.compile(rf"^\s*[,—–-]?\s*(?P<verb>{_VERB_ALT})\s+(?P<np>{_NP_TAIL})")
#: 'NP[, appositive,] verb' after a closing mark; rule APPOSITIVE_ABBREVIATIONS: the appositive may
#: hold initials and abbreviations ('under George W. Bush', 'R-Ky.').
_AFTER_NORMAL = re.compile(
    rf"^\s*[,—–-]?\s*(?P<np>he|she|they|it|we|{_NP_AFTER})(?:\s*,\s*(?P<app>(?:[^,.“”\"]|(?<=\b[A-Z])\.|(?<=\b[A-Z][a-z])\.){{2,120}}?),|\s*,\s*(?:who|the|a|an)\s(?:[^,.“”\"]|(?<=\w)\.(?=[a-z])){{2,120}}?(?=\s))?\s+{_ADV}?{_AUX}?(?P<verb>{_VERB_ALT})\b")
#: The verb right after a noun phrase that ended in a noun homograph ('the report said').
_NEXT_VERB = re.compile(rf"\s+{_ADV}?{_AUX}?(?P<verb>{_VERB_ALT})\b")
_AFTER_ACC = re.compile(rf"^\s*[,—–-]?\s*(?P<verb>according to|in the words of)\s+(?P<np>{_NP_TAIL})")
_PRONOUNS = ("he", "she", "they", "it", "we")
#: A few lower-case words after a closing mark, up to the comma before an inverted attribution.
_RUN_ON = re.compile(r"\s{1,3}(?:[a-z0-9][\w’'-]{0,30}\s{1,3}){0,8}[a-z][\w’'-]{0,30}(?=\s{0,3},\s{0,3}\w)")


#: Rule RUN_ON_NAMES: up to fourteen words of any case after a closing mark (no sentence end, no
#: quotation mark), up to the comma before an attribution.
_RUN_ON_NAMES = re.compile(r"""
    [ ,]{0,3}(?:[^\s“”"‘’.!?;:,]{1,30}[ ,]{1,3}){0,13}    # words, and commas between them
    [^\s“”"‘’.!?;:,]{1,30}                               # the last word
    (?=\s{0,3},\s{0,3}\w)                                # before the attribution's comma
    """, re.VERBOSE)


def _np_end(text: str) -> str:
    """Trim a matched noun phrase: stop before time/place adverbials."""
    text = re.split(r"\s+(?:on|in|at|to|after|before|during|when|while|as|last|this|late|early|"
                    r"yesterday|today|on|by|from|via|who|which|that|but|and|told|said)\b(?!\s+(?:[A-Z]))",
                    text, maxsplit=1)[0]
    return _clean_mention(text)


#: Rule PARTY_STATE_BEFORE_VERB: a party-and-state label between a name and its verb ('"...,"
#: Rep. Jo Dale (D-Wash.) said'); blanked out (same length, so offsets hold) before matching.
_PARTY_LABEL = re.compile(r"""
    (?<=[\w.])\s{0,2}                          # right after the name
    \((?:[DRI]|Dem|Rep|Ind)\s?[-–—]\s?        # the party: (D-, (R-, (I-
    [A-Z][\w. ]{0,14}\)                      # the state, abbreviated or not: Wash.) N.Y.) Ohio)
    """, re.VERBOSE)


#: Rule POSSESSIVE_ROLE_NAME: an organisation's or a person's role, then the name in apposition
#: ('"...," Acme's chief executive, Lars Bock, told'; 'said Acme's chief executive, Lars Bock').
_POSSESSIVE_ROLE = re.compile(r"""
    [A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}['’]s     # the possessor: 'Acme's', 'The Daily Star's'
    \s+[a-z]                                        # and a lower-case role after it
    """, re.VERBOSE)


def _blank_party_labels(after: str) -> str:
    """``after`` with party-and-state labels replaced by spaces of the same length.

    >>> _blank_party_labels(" Rep. Jo Dale (D-Wash.) said.")
    ' Rep. Jo Dale          said.'
    """
    if "(" not in after:
        return after
    return _PARTY_LABEL.sub(lambda m: " " * len(m.group(0)), after)


#: Rule STATE_IN_APPOSITIVE: a US state after a town inside an appositive ('Mr. Dalby, now retired
#: in Salem, Mass., said'): the comma and the abbreviation are blanked (same length) so that the
#: appositive runs on to the comma before the verb.
_TOWN_STATE = re.compile(r"""
    ,\s(?P<st>[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.)   # ', Mass.' ', Calif.' ', N.H.'
    (?=,\s)                                       # and the appositive's closing comma
    """, re.VERBOSE)


def _blank_town_states(after: str) -> str:
    """``after`` with ', St.' of a town in an appositive blanked out (rule STATE_IN_APPOSITIVE).

    >>> _blank_town_states(" Mr. Dalby, retired in Salem, Mass., said.")
    ' Mr. Dalby, retired in Salem       , said.'
    """
    if ".," not in after:
        return after
    return _TOWN_STATE.sub(lambda m: " " * len(m.group(0)) if m.group("st").replace(".", "").lower()
                           in _STATE_ABBREVIATIONS else m.group(0), after)


def _attr_after(after: str) -> tuple[str, str] | None:
    """Attribution right after the closing mark. Returns (mention, verb)."""
    after = _blank_town_states(_blank_party_labels(after))
    if re.match(r"^\s*[,—–-]?\s*(?:according to|in the words of)\b", after):
        m = _AFTER_ACC.match(after)
        if m:
            np_ = m.group("np")
            np_ = _trim_np(np_)
            if not _according_source(np_):
                return None  # rule ACCORDING_TO_THING: 'according to plan' names no source
            return np_, "according to"
    m = _AFTER_INV.match(after)
    if m is not None and m.group("verb") in _FINDING_VERBS:
        m = None  # rule FINDING_VERB: '"...," Roe found it funny' reports no speech
    if m is None:
        # a quoted fragment that the sentence continues: '"We're happy" about it, said X'
        run_on = _RUN_ON.match(after)
        m2 = _AFTER_INV.match(after[run_on.end():]) if run_on else None
        if m2 is not None:
            after, m = after[run_on.end():], m2  # type: ignore[union-attr]
        elif run_on is not None:
            # rule RUN_ON_DESCRIPTION: '"..." of the appeal, the three judges said': a described
            # speaker before its verb after the fragment's run-on
            m3 = _AFTER_NORMAL.match(after[run_on.end():])
            if m3 is not None and m3.group("np")[:1].islower() and not m3.group("app") \
                    and not _noun_homograph(m3.group("np") + " ", m3.group("verb")):
                np_ = _trim_np(m3.group("np"))
                if np_ and np_.lower() not in _PRONOUNS and _looks_speaker_np(np_):
                    return np_, _verb_of(m3)
    if m:
        np_ = _trim_np(_chain_after(m.group("np"), after, m.end("np")))
        if not np_ or np_.lower() in _PRONOUNS or np_.split()[0].lower() in ("that", "this", "it", "these", "those"):
            return None
        # 'said the company's chief executive, Mark Li.': the name in apposition speaks; rule
        # DESCRIPTION_APPOSITIVE_NAME also when the description names no role ('said her oldest
        # friend from school, Bo Tarry, who ...')
        app = re.match(rf"\s*,\s*(?P<name>{_NAME_NP})(?:\s+of\s+(?:the\s+)?[\w’' -]{{2,60}}?)?\s*(?:[,.;!?]|$)", after[m.end():])
        if app and (_POSSESSIVE_ROLE.match(np_) or np_[0].islower() and np_.split()[0].lower() in ("his", "her", "their", "the", "a", "an", "another")) \
                and len(app.group("name").split()) >= 2 and not _is_orgish(app.group("name").split()) \
                and not _is_state_abbreviation(app.group("name")):
            return app.group("name"), _verb_of(m)
        # a capitalised name speaks; a lower-case phrase only when it names someone who can
        # ('a senior official', 'the State Department', 'residents of the town')
        if np_[0].isupper() or _looks_speaker_np(np_) or _name_like(np_):
            if app and np_[0].islower() and np_ == _clean_mention(m.group("np")) and not _is_orgish(app.group("name").split()) \
                    and not _is_state_abbreviation(app.group("name")):
                return app.group("name"), _verb_of(m)
            return np_, _verb_of(m)
    m = _AFTER_NORMAL.match(after)
    if m is not None and m.group("verb") in _FINDING_VERBS:
        m = None
    if m and _noun_homograph(m.group("np") + " ", m.group("verb")):
        # rule NOUN_HOMOGRAPH: '"...," the congressional report said': the noun ends the phrase
        nxt = _NEXT_VERB.match(after, m.end("verb"))
        if nxt is None:
            return None
        return _trim_np(after[m.start("np"):m.end("verb")]), _verb_of(nxt)
    if m:
        np_ = _trim_np(m.group("np"))
        if not np_:
            return None
        w = _words(np_.lower())
        if len(w) > 1 and any(x in ("he", "she", "they", "it", "we", "i", "you") for x in w):
            return None
        app = m.group("app")
        if app and (np_.split()[0].lower() in ("the", "a", "an", "his", "her", "its", "their") or np_[0].islower()
                    or _POSSESSIVE_ROLE.match(np_)) \
                and not _is_state_abbreviation(app.strip()) \
                and re.fullmatch(rf"\s*(?:{_NAME_NP})\s*", app):
            return app.strip(), _verb_of(m)  # '..., the ministry's spokeswoman, Ana Ruiz, said'
        return np_, _verb_of(m)
    return _run_on_names(after) or _carrier_reads(after)


#: Rule CARRIER_READS: a thing that carries written words *reads* the quote ('"...," the email
#: read', '"...," reads a Monday editorial in the Daily Star'): a determiner and up to five words, the
#: last of them (before *read*) or any of them (after *reads*) a carrier noun of ``words._READ_CARRIERS``.
_CARRIER_NP = r"(?:the|a|an|one|this|that|its|his|her|their|another)(?:\s+[\w’'-]+){1,5}"
_CARRIER_READS = re.compile(rf"""
    ^\s*[,—–-]?\s*(?:
      (?P<np>{_CARRIER_NP}?)\s+(?:also\s+)?reads?\b         # '"...," the email read'
    | reads?\s+(?P<np2>{_CARRIER_NP})                        # '"...," reads the sign'
    )""", re.VERBOSE)


def _carrier_reads(after: str) -> tuple[str, str] | None:
    """Rule CARRIER_READS: (mention, 'read') when a carrier of written words reads the quote.

    >>> _carrier_reads(", the flyer read. Then"), _carrier_reads(", reads a Monday editorial in the Star.")
    (('the flyer', 'read'), ('a Monday editorial', 'read'))
    >>> _carrier_reads(", the senator read from her notes."), _carrier_reads(" he read.")
    (None, None)
    """
    if "read" not in after[:90]:
        return None  # the pattern's verb is within its first 90 characters
    m = _CARRIER_READS.match(after)
    if m is None:
        return None
    if m.group("np"):
        words = m.group("np").split()
        return (m.group("np"), "read") if words[-1].lower() in _READ_CARRIERS else None
    words = m.group("np2").split()
    k = next((i for i, w in enumerate(words) if w.lower() in _READ_CARRIERS), None)
    return (" ".join(words[:k + 1]), "read") if k is not None else None


#: Rule VERB_SLOT: right after a quote that ends in a comma, a question or exclamation mark, a name
#: or he/she and a finite verb that ends the clause ('"...," Roe riffed.', '"...?" she questioned.',
#: '"...," reacted Roe.'): the slot makes the verb one of saying, whatever the verb.
_VERB_SLOT = re.compile(rf"""
    ^\s{{1,3}}(?:
      (?P<np>he|she|they|{_NAME_NP})\s+(?P<verb>[a-z]{{3,}}(?:ed|s))          # '"...," Roe riffed'
    | (?P<verb2>[a-z]{{3,}}ed)\s+(?P<np2>{_NAME_NP})                        # '"...," reacted Roe'
    )(?=\s*[.,;!?]|\s+(?:in|on|at|to|during|after|before|with|about|when|as|while|into|over)\b)
    """, re.VERBOSE)
#: Words in -s that are no verb of that slot.
_NOT_SLOT_VERBS = frozenset("was has is does goes its yes this thus plus gas bus news".split())


def _verb_slot(after: str) -> tuple[str, str] | None:
    """Rule VERB_SLOT: (mention, verb) of a name or pronoun and any finite verb right after a quote
    closed by a comma, a question or an exclamation mark (the caller checks the mark); None else.

    >>> _verb_slot(" Ann Roe riffed. Then she left."), _verb_slot(" she elaborated, smiling.")
    (('Ann Roe', 'riffed'), ('she', 'elaborated'))
    >>> _verb_slot(" reacted Ann Roe."), _verb_slot(" The Senate adjourned."), _verb_slot(" Roe's aides")
    (('Ann Roe', 'reacted'), None, None)
    """
    m = _VERB_SLOT.match(after)
    if m is None:
        return _described_verb_slot(after)
    np_, verb = (m.group("np"), m.group("verb")) if m.group("np") else (m.group("np2"), m.group("verb2"))
    if verb in _NOT_SLOT_VERBS or verb.endswith(("ss", "us")) or np_.split()[0] in _CAP_STOP:
        return None
    return np_, verb


#: Rule DESCRIBED_VERB_SLOT: the slot of rule VERB_SLOT held by a description that names someone who
#: can speak ('"...," the retired judge quipped.', '"...?" a protester heckled at the back.').
_DESCRIBED_SLOT = re.compile(r"""
    ^\s{1,3}(?P<np>(?:the|a|an|this|another|one)\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+)   # the description
    \s+(?P<verb>[a-z]{3,}(?:ed|s))                                                  # any finite verb
    (?=\s*[.,;!?]|\s+(?:in|on|at|during|after|before|with|about|when|as|while|over)\b)   # ends the clause
    """, re.VERBOSE)
#: Words that end a description before the slot's verb (a relative clause: 'a radio show that
#: began in May'), and verbs of that slot that report no speech ('seems', 'remains').
_NOT_SLOT_DESCRIPTION = frozenset("that who which whose where when whom".split())
_NOT_DESCRIBED_SLOT_VERBS = frozenset("seems appears remains needs wants tends".split())


def _described_verb_slot(after: str) -> tuple[str, str] | None:
    """Rule DESCRIBED_VERB_SLOT: (description, verb) in the slot of rule VERB_SLOT when the
    description names someone who can speak (:func:`_looks_speaker_np`); None else.

    >>> _described_verb_slot(" the retired judge quipped. Then"), _described_verb_slot(" the rain stopped.")
    (('the retired judge', 'quipped'), None)
    >>> _described_verb_slot(" a radio show that first aired in May"), _described_verb_slot(" the mayor seems to agree")
    (None, None)
    """
    m = _DESCRIBED_SLOT.match(after)
    if m is None:
        return None
    np_, verb = m.group("np"), m.group("verb")
    if verb in _NOT_SLOT_VERBS or verb in _NOT_DESCRIBED_SLOT_VERBS or verb.endswith(("ss", "us")) \
            or _NOT_SLOT_DESCRIPTION.intersection(np_.lower().split()) or not _looks_speaker_np(np_):
        return None
    return np_, verb


def _run_on_names(after: str) -> tuple[str, str] | None:
    """Rule RUN_ON_NAMES: a quoted fragment that the sentence continues with words that may
    hold names, opened by a lower-case word, then the attribution after a comma, inverted or
    not: '"..." for Castillo, said Kunz', '"...," as their mother hoped, Mr. Turry said'."""
    if "," not in after or not re.match(r"[ ,]{0,3}[a-z]", after):
        return None
    run_on = _RUN_ON_NAMES.match(after)
    if run_on is None:
        return None
    rest = after[run_on.end():]
    m = _AFTER_INV.match(rest)
    if m is not None:
        np_ = _trim_np(m.group("np"))
        return (np_, _verb_of(m)) if np_ and (np_[0].isupper() or _looks_speaker_np(np_)) else None
    m = _AFTER_NORMAL.match(rest)
    if m is not None and re.match(r"\s*,\s*(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z]", rest):
        np_ = _trim_np(m.group("np"))
        return (np_, _verb_of(m)) if np_ else None
    return None


#: Rule PERSON_NOUN_SHAPE: the shapes of nouns for people that no word list holds: an age
#: ('the 46-year-old'), an agent noun ('the narrator', 'the organizer', 'a Carrier retiree').
_PERSON_NOUN_SHAPE = re.compile(r"""
    \d{1,3}-year-old                                            # an age used as a noun
    | [a-z]{3,}(?:or|er|ist|ian|ee|ant)                          # an agent noun
    """, re.VERBOSE)
#: Words of those shapes that name no person ('said the other', 'said the same number').
_NOT_PERSON_NOUNS = frozenset("""
other order water number matter letter paper corner quarter summer winter weather center
error power tower border manner answer chapter cover poster trailer ledger platform
majority minority issue guarantee committee better later never ever over after under rather
together whether either neither further former latter sooner longer bigger smaller greater
""".split())


#: Rule SHARE_OF_PEOPLE: a share of the people asked ('14 percent', 'about 40% of voters') speaks
#: as a group, like 'most' or 'many'; the number may be spelled ('Forty-one percent of respondents').
_SHARE = re.compile(r"""
    (?:(?:about|some|nearly|almost|roughly|only|just|over|more\s+than|fewer\s+than|less\s+than)\s+)?
    (?:\d{1,3}(?:\.\d)?\s?                                # a number in figures
    |(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-[a-z]{3,5})?  # or spelled
      |one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]{3,5}teen|a\s+hundred)\s)
    (?:%|percent|per\s+cent)                                 # the share
    (?:\s+of\s+(?:the\s+|all\s+|those\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})?   # of whom
    """, re.VERBOSE | re.IGNORECASE)


def _looks_speaker_np(np_: str) -> bool:
    """Does a lower-case noun phrase name someone who can speak ('a senior official', 'the ministry')?

    >>> _looks_speaker_np("their chief negotiator"), _looks_speaker_np("our steady move to a clean energy grid")
    (True, False)
    """
    w = _words(np_.lower())
    if not w:
        return False
    if w[-1] in ("percent", "cent") or "%" in np_ or " of " in np_:
        if _SHARE.fullmatch(np_.strip()):
            return True
    hw = _words(_head_part(np_)[0].lower()) or w
    if any(x[-1] in _GROUP_HEADS or x[-1] in _TITLE_WORDS or x[-1] in _ORG_WORDS or x[-1] in _TYPE_WORDS
           or x[-1] in _DOC_NOUNS or _is_source_noun(x[-1]) for x in (w, hw)):
        return True  # rule DESCRIBED_SOURCE: 'said a person close to X', 'one of those aides'
    if len(hw) >= 2 and hw[0] in ("two", "three", "four", "five", "several", "many", "some", "both", "dozens",
                                  "hundreds", "thousands") and hw[-1].endswith("s"):
        return True  # 'two witnesses', 'several shopkeepers'
    if _PERSON_NOUN_SHAPE.fullmatch(hw[-1]) and hw[-1] not in _NOT_PERSON_NOUNS and len(hw) >= 2 \
            and hw[0] not in ("it", "he", "she", "they", "we", "i", "you", "this", "that"):
        return True  # rule PERSON_NOUN_SHAPE: 'said the 46-year-old', 'says the ad's narrator'
    if w[0] in _POSSESSIVE_DETERMINERS:
        return False  # rule POSSESSIVE_NOT_SPEAKER: only its head may name a speaker, 'our move to clean energy' none
    return any(x in _TITLE_WORDS or x in _TYPE_WORDS for x in w)


#: Rule POSSESSIVE_NOT_SPEAKER (session 13): a noun phrase opened by a possessive determiner
#: ('our move to clean energy') names a speaker only by its head ('their chief negotiator'), not by a
#: title or a type word further on, as a phrase with an article may ('a clean energy lobbyist').
_POSSESSIVE_DETERMINERS = frozenset("our his her their its my your".split())


# words that end a speaker noun phrase: time and place adverbials, relative clauses, auxiliaries
_NP_CUT = re.compile(
    r"\s+(?:on|in|to|after|before|during|when|while|as|last|this|next|late|early|yesterday|today|tonight|by|via|"
    r"who|whom|whose|which|that|where|but|or|nor|because|if|since|although|though|than|citing|"
    r"told|said|says|wrote|added|later|then|also|recently|previously|earlier|again|once|"
    r"would|will|could|should|can|may|might|must|is|was|were|are|has|had|have|did|does|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    # a participle or adjective with its complement: 'based in', 'speaking on', 'familiar with'
    r"|\s+(?:[a-z]{3,}(?:ed|ing)|familiar|close|privy|knowledgeable|aware|responsible)\s+"
    r"(?:in|at|to|by|with|on|from|for|as|about|of|that|the|a|an|his|her|their|its)\b"
    r"|\s+(?:[a-z]{3,}ing|declined|asked|requested)$")


def _trim_np(np_: str) -> str:
    """Cut a speaker noun phrase before the words that follow it.

    'a senior official on Tuesday' -> 'a senior official'; 'one European diplomat who declined
    to be named' -> 'one European diplomat'; 'the Department of Trade and Industry' stays whole
    (an 'and' between capitalised words of an organisation), 'Ana Ruiz and Bo Li' -> 'Ana Ruiz'.
    """
    np_ = np_.strip()
    # 'a report by the International Energy Agency': the issuer of a document stays
    dm = _DOC_BY.search(np_)
    if dm and not _NP_CUT.search(np_[:dm.start()]):
        rest = _trim_np(np_[dm.end():])
        return _clean_mention(np_[:dm.end()] + rest) if rest else _clean_mention(np_[:dm.start()])
    cut = _NP_CUT.split(np_, maxsplit=1)[0]
    if cut.lower() in _BARE_DETERMINER_WORDS:
        # rule ADVERB_IN_DESCRIPTION: 'the recently released handbook': an adverb after the
        # determiner modifies the next word and does not end the phrase
        cut = _NP_CUT.split(re.sub(r"^(\S+)\s+(?:recently|previously|earlier|once|newly|later)\s+", r"\1 ", np_), maxsplit=1)[0]
    cut = _title_chain(cut)
    # 'and' ends the phrase, unless it joins capitalised words of one organisation name
    for am in _AND.finditer(cut):
        left, right = cut[:am.start()], cut[am.end():]
        if _SPACE_CAPITAL.match(right) and _CAPITAL_WORD_END.search(left) and (
                _is_orgish(_words(left)) or _law_name_after(right)):
            continue
        cut = left
        break
    # 'at'/'for'/'from'/'with' stay only when an organisation follows ('a spokesperson for the
    # ministry of health', 'analysts at Daeyang Securities')
    for pm in _AT_FOR_FROM_WITH.finditer(cut):
        left, right = cut[:pm.start()], cut[pm.end():]
        if _CAPITAL_START.match(right):
            continue
        lw = _words(left.lower())
        if lw and (lw[-1] in _TYPE_WORDS or lw[-1] in _TITLE_WORDS or lw[-1] in _GROUP_HEADS) and _is_orgish(_words(right)):
            continue
        cut = left
        break
    cut = _POSSESSIVE_END.sub("", cut.strip())
    return _clean_mention(cut)


#: Patterns of _trim_np, compiled once (as written inline before; _DOC_BY at the end of the module).
_AND = re.compile(r"\s+and\b")
_SPACE_CAPITAL = re.compile(r"\s+[A-Z]")
_CAPITAL_WORD_END = re.compile(r"\b[A-Z][\w’'-]*$")
_AT_FOR_FROM_WITH = re.compile(r"\s+(?:at|for|from|with)\s+")
_CAPITAL_START = re.compile(r"(?:the\s+)?[A-Z]")
_POSSESSIVE_END = re.compile(r"[’']s$")

#: The capitalised words right after an 'and' (rule ORG_NAME_TAIL).
_CAPITALISED_WORDS = re.compile(r"\s*([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")


def _law_name_after(right: str) -> bool:
    """Rule ORG_NAME_TAIL in a noun phrase: the capitalised words after an 'and' close a law's or
    an agreement's name (``words._LAW_HEADS``: 'the Harbor Protection and Fair Wages Act'), so
    the 'and' joins one name.

    >>> _law_name_after(" Fair Wages Act says"), _law_name_after(" Carl Lee")
    (True, False)
    """
    m = _CAPITALISED_WORDS.match(right)
    return m is not None and m.group(1).split()[-1].lower() in _LAW_HEADS


#: Rule TITLE_CHAIN_AND (session 13): titles joined by 'and' before a name ('Chairman and Chief
#: Executive Ann Roe', 'founder and editor Ann Roe'): the titles before 'and', the 'and', then a
#: title and at most four more words, the last one capitalised.
_TITLE_CHAIN = re.compile(r"^((?:\S+\s+){0,2}\S+)\s+and\s+(?=(\S+)\s+(?:\S+\s+){0,4}[A-Z][\w.’'-]*$)")


def _title_chain(np_: str) -> str:
    """Rule TITLE_CHAIN_AND: a noun phrase that opens with titles joined by 'and' before a name
    is that name with its last titles; the 'and' joins two titles of one person, not two people.

    >>> _title_chain("Chairman and Chief Executive Ann Roe"), _title_chain("founder and editor Ann Roe")
    ('Chief Executive Ann Roe', 'editor Ann Roe')
    >>> _title_chain("Ann Roe and Carl Lee"), _title_chain("Senator and Mrs. Roe")
    ('Ann Roe and Carl Lee', 'Senator and Mrs. Roe')
    """
    m = _TITLE_CHAIN.match(np_)
    if m is None or not _is_title_token(m.group(2)) or m.group(2).lower().rstrip(".") in _HONORIFICS \
            or not all(_is_title_token(w) for w in m.group(1).split()):
        return np_
    return np_[m.end():]


#: Rule TITLE_CHAIN_AND after the verb: 'and', then a title and the name ('said Chairman and Chief
#: Executive Ann Roe', where the matched phrase stops at 'Chairman').
_AND_TITLED_NAME = re.compile(rf"\s+and\s+(?P<np>(?:[a-z][\w-]*\s+){{0,3}}{_NAME_NP})")


def _chain_after(np_: str, text: str, end: int) -> str:
    """Rule TITLE_CHAIN_AND: the phrase ``np_`` (ending at ``end`` of ``text``) joined to the
    titles and name after its 'and' when it is all titles ('said Chairman and Chief Executive Ann
    Roe'); otherwise ``np_``.

    >>> t = "said Chairman and Chief Executive Ann Roe, who"
    >>> _chain_after("Chairman", t, 13), _chain_after("Ann Roe", "said Ann Roe and Carl Lee", 12)
    ('Chairman and Chief Executive Ann Roe', 'Ann Roe')
    """
    if not np_ or not all(_is_title_token(w) for w in np_.split()):
        return np_
    m = _AND_TITLED_NAME.match(text, end)
    return np_ if m is None else _title_chain_check(np_ + text[end:m.end()])


def _title_chain_check(np_: str) -> str:
    """``np_`` when :func:`_title_chain` reads it as one titled name, else its words before 'and'."""
    return np_ if _title_chain(np_) != np_ else np_.split(" and ", 1)[0]


#: Honorifics, which stand before a name but name no office ('Senator and Mrs. Roe' are two people).
_HONORIFICS = frozenset("mr mrs ms miss dr sir dame lady lord".split())


#: Determiners that are no noun phrase on their own (rule ADVERB_IN_DESCRIPTION).
_BARE_DETERMINER_WORDS = frozenset("the a an its his her their one another".split())

_SPEECH_VERB_RE = re.compile(rf"\b(?P<verb>{_VERB_ALT})\b")


_PARTICIPLES = frozenset("""calling describing saying adding noting warning accusing urging insisting
arguing stressing labelling labeling terming dismissing praising hailing telling asking writing
declaring promising vowing pledging branding condemning criticising criticizing welcoming rejecting
denying claiming suggesting predicting explaining repeating reiterating emphasising emphasizing
characterising characterizing""".split())
_PART_ALT = "|".join(sorted(_PARTICIPLES, key=len, reverse=True))
_SPEECH_OR_PART = SPEECH_VERBS | _PARTICIPLES | {"expressed", "voiced"}
_LOWER_WORD_RE = re.compile(r"(?<![\w’'-])[a-z]+(?![\w’'-])")


class _VerbHit:
    """A speech verb found in a text (the part of re.Match that _attr_before uses)."""

    __slots__ = ("_start", "_word")

    def __init__(self, start: int, word: str):
        self._start, self._word = start, word

    def start(self) -> int:
        return self._start

    def group(self, _name: str = "verb") -> str:
        return self._word


#: The lower-case words of ``_SPEECH_OR_PART`` between the bounds of ``_LOWER_WORD_RE``: what a
#: set lookup of every lower-case word finds, in one scan (the two-word verbs are never one word).
_SPEECH_WORD_RE = re.compile(
    rf"(?<![\w’'-]){_word_trie(w for w in _SPEECH_OR_PART if re.fullmatch('[a-z]+', w))}(?![\w’'-])")


def _speech_verbs_in(s: str, start_at: int = 0):
    """Speech verbs and participles of ``s`` in order, as whole lower-case words (``_LOWER_WORD_RE``)
    from ``start_at`` on: one scan of ``_SPEECH_WORD_RE``.

    >>> [(h.start(), h.group()) for h in _speech_verbs_in("She said, adding: well-said, 'said' unsaid")]
    [(4, 'said'), (10, 'adding')]
    """
    for m in _SPEECH_WORD_RE.finditer(s, start_at):
        yield _VerbHit(m.start(), m.group(0))

_ADVERBIAL_START = re.compile(
    r"^(?:a|an|who|whose|which|where|when|\d+|asked|speaking|writing|standing|sitting|according|in|on|at|"
    r"after|before|during|while|as|for|with|without|by|from|despite|unlike|like|under|since|until|earlier|"
    r"later|last|this|that|next|then|still|meanwhile|however|instead|yesterday|today|back|once|again|"
    r"also|too|moreover|nevertheless|nonetheless|separately|similarly|likewise|elsewhere|here|there|now|so|yet|but|and|or|"
    r"not|only|even|if|because|although|though|whether|to|over|through|across|inside|outside|near|"
    r"around|among|between|against|toward|towards|beyond|within|into|onto|upon|amid|alongside|besides|"
    r"beside|following|regarding|concerning"
    # rule MEMBER_OF_GROUP: a piece naming members of the group before it ('Protesters, including
    # Bo Lind, chanted') is an appositive; the group speaks
    r"|including)\b"
    # rule PARTICIPLE_CLAUSE: any participle opening a clause, 'Rattling off promises, ...',
    # 'Walking to the next address, ...', 'Pressed on the issue, ...' (a name is never followed
    # by a lower-case word inside its own comma-separated piece before the verb)
    r"|^[A-Za-z]{3,}ing\s+(?-i:[a-z])"
    r"|^[A-Za-z]{3,}ed\s+(?:on|about|by|for|with|to|in|at|from|after|over|during)\b", re.I)

_AUX_WORDS = ("has", "had", "have", "also", "then", "later", "once", "again", "would", "will", "did", "was", "is",
              "not", "never", "previously", "recently", "earlier", "separately", "himself", "herself", "first",
              "both", "all", "each", "only", "just", "still", "further", "even", "publicly", "privately")

_POSS_PRON = {"his": "he", "her": "she", "their": "they", "its": "it", "our": "we"}
_CLAUSE_MARK = re.compile(r"^.*\b(?:what|that|which|who|whom|and|but|as|because|while|when|where|if|after|before|since|than)\s+(?=\S)", re.I)


def _name_like(p: str) -> bool:
    """Does this text hold a capitalised name that is not a function word?"""
    for r in _CAP_RUN.finditer(p):
        toks = [t for t in r.group(0).split() if t not in _CAP_STOP]
        if not toks:
            continue
        pre = p[:r.start()].rstrip().lower()
        if _PREP_END.search(pre):
            continue
        return True
    return False


#: Rule PREDICATE_NOT_SUBJECT: lower-case modals (``words._MODAL_VERBS``) and auxiliaries that open a
#: predicate, never a subject.
_PREDICATE_OPENERS = _MODAL_VERBS | frozenset("has have had is are was were does did do".split())
#: Determiners after a verb in -ed that make the two a verb and its object ('finalized the plan').
_OBJECT_DETERMINERS = frozenset("the a an his her its their this that these those".split())


def _predicate_piece(ws: list[str]) -> bool:
    """Rule PREDICATE_NOT_SUBJECT (session 17): a clause piece whose words ``ws`` open with a
    lower-case auxiliary or modal ('would ease the rules for ponds'), or with a verb in *-ed* and a
    determiner ('finalized the plan under Roe'), is a predicate whose subject stands before it: it
    names no speaker ('The draft, presented by X, would ease ...' was read as the speaker
    *would ease ...*).

    >>> _predicate_piece("would ease the rules".split()), _predicate_piece("finalized the plan".split())
    (True, True)
    >>> _predicate_piece("the retired judge".split()), _predicate_piece("retired judges".split())
    (False, False)
    """
    first = ws[0]
    if not first[:1].islower():
        return False
    if first in _PREDICATE_OPENERS:
        return True
    return len(ws) > 1 and len(first) > 4 and first.endswith("ed") and ws[1] in _OBJECT_DETERMINERS


def _clean_np(p: str) -> str | None:
    """A subject noun phrase out of a clause piece (drop auxiliaries, verbs, leading conjunctions)."""
    ws = p.split()
    while ws and (ws[-1].lower() in _AUX_WORDS or _ly_adverb(ws[-1])):
        ws = ws[:-1]
    if not ws:
        return None
    if _predicate_piece(ws):
        return None  # rule PREDICATE_NOT_SUBJECT: 'would ease the rules', 'finalized the plan under X'
    np_ = " ".join(ws)
    m = _NP_BEFORE_VERB.match(np_)
    if m and m.group(1).lower() in ("the", "a", "an", "this", "that") and m.group(0).endswith("ed"):
        # rule PARTICIPLE_ADJECTIVE: after a determiner a word in -ed is an adjective ('The
        # retired judge has given ...'): the phrase runs on to the next verb
        tail = np_[m.end():].lstrip()
        m2 = _NP_BEFORE_VERB.match(tail)
        np_ = m.group(0) + " " + (m2.group(1) if m2 else tail) if tail else np_
    elif m and m.group(1) != np_:
        np_ = m.group(1)
    np_ = _LEADING_CONNECTIVE.sub("", np_)
    np_ = _LEADING_LY.sub("", np_)
    pm = _POSSESSIVE_WORDS.match(np_)
    if pm:
        return _POSS_PRON[pm.group(1).lower()]
    if len(np_.split()) > 10:
        return None
    if _PRONOUN_NP.fullmatch(np_):
        return np_.lower()
    if _name_like(np_) or np_.split()[0].lower() in ("the", "a", "an", "one", "another", "both", "two", "three",
                                                      "some", "many", "several", "most", "other") \
            or _looks_speaker_np(np_):
        return np_
    return None


# Patterns of _subject and _clean_np, compiled once (the same patterns as written inline before).
#: A pronoun subject right before the verb, after at most two auxiliaries or adverbs.
_PRONOUN_SUBJECT = re.compile(r"\b(he|she|they|it|we)\s+(?:(?:also|later|then|again|once|had|has|have|would|will|did|was|"
                              r"never|not|first|further|[a-z]+ly)\s+){0,2}$", re.I)
#: 'with X' right before the verb.
_WITH_NP = re.compile(r"\bwith\s+((?:[\w’'.-]+\s+){0,5}?[\w’'.-]+)\s*$")
#: A sentence adverb in front of a clause piece ('Later both sides said'); rule EVEN_BEFORE_SUBJECT:
#: 'even' too ('Even a senior adviser said'; 'Even so, ...' leaves the adverbial 'so').
_SENTENCE_ADVERB = re.compile(r"^(\s*)(?:[Ll]ater|[Ee]arlier|[Mm]eanwhile|[Ss]eparately|[Ss]till|[Tt]hen|[Nn]ow|[Aa]lso|"
                              r"[Hh]owever|[Ii]nstead|[Aa]gain|[Mm]oreover|[Ss]imilarly|[Ll]ikewise|[Ss]o|[Yy]et|[Ee]ven)\s+(?=\S)")


def _no_sentence_adverb(piece: str) -> str:
    """``piece`` without a sentence adverb in front (``_SENTENCE_ADVERB``; its white space before kept).

    >>> _no_sentence_adverb(" Later both sides"), _no_sentence_adverb("Latergate")
    (' both sides', 'Latergate')
    """
    m = _SENTENCE_ADVERB.match(piece)
    return piece if m is None else m.group(1) + piece[m.end():]


#: A time adverb right before a capitalised subject ('then Okoro', 'later Ms. Reyes').
_ADVERB_NAME = re.compile(r"^(?:then|later|also|again|now|still|finally|soon|afterwards)\s+(?=[A-Z])")
#: A noun phrase followed by a finite verb: the phrase.
_NP_BEFORE_VERB = re.compile(r"^(.*?\w)\s+(?:put|was|were|is|are|had|has|have|went|made|got|took|gave|struck|"
                             r"sounded|kept|offered|used|chose|summed|laid|spelled|spelt|set|reached|pointed|turned|"
                             r"returned|stood|sat|met|expects|believes|thinks|sees|says|told|said|wrote|spoke|saw|came|"
                             r"held|sent|left|found|thought|knew|became|began|brought|ran|led|won|lost|did|"
                             r"[a-z]+ed)\b")
#: A connective opening a clause piece.
_LEADING_CONNECTIVE = re.compile(r"^(?:But|And|Yet|So|Still|Then|Now|Meanwhile|However|Later|Earlier|Separately|Instead|Also|"
                                 r"In turn|Even|Only)\s+")
#: A capitalised adverb in -ly opening a clause piece.
_LEADING_LY = re.compile(r"^(?:[A-Z][a-z]+ly)\s+")

#: A clause piece that is a description of a person: a determiner, a possessive name or a
#: lower-case word first ('the regional director at the time', 'Lund's campaign manager').
_DESCRIPTION_START = re.compile(r"""
    ^(?:(?:[Tt]he|[Aa]n?|[Aa]nother|[Oo]ne|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s   # a determiner
    |(?:[A-Z][\w.-]*\s){0,3}[A-Z][\w-]*['’]s\s+[a-z]                     # 'Mr. Trump's campaign ...'
    |[a-z])                                                               # 'former adviser'
    """, re.VERBOSE)


def _is_state_abbreviation(piece: str) -> bool:
    """A US state abbreviation, alone or closing a party label: 'Va.', 'N.H.', 'R-OH)'.

    >>> _is_state_abbreviation("N.H."), _is_state_abbreviation("R-OH)"), _is_state_abbreviation("Lazar")
    (True, True, False)
    """
    p = _PARTY_TAG.sub("", piece).rstrip(")")
    return 0 < len(p) <= 6 and p[:1].isupper() and p.replace(".", "").lower() in _STATE_ABBREVIATIONS


#: Patterns of _name_like, _clean_np, _subject and _attr_before, compiled once (as written inline before).
_PREP_END = re.compile(r"\b(?:in|at|from|to|near|of|into|across|over|outside|inside|off|via|for|on|by|with)$")
_POSSESSIVE_WORDS = re.compile(r"^(his|her|their|its|our)\s+(?:[\w-]+\s+){0,2}?(?:message|words|reply|answer|response|"
                               r"statement|verdict|comment|comments|view|argument|point|advice|conclusion|warning|"
                               r"assessment|explanation|position|tone|verdict|summary|account)\b", re.I)
_PRONOUN_NP = re.compile(r"(?:he|she|they|it|we)", re.I)
_PARTY_TAG = re.compile(r"^\(?[RDI]-")
_CONJUNCTION_END = re.compile(r"\b(?:and|but|or|then|before|after)\s*$")
_NAME_NP_RE = re.compile(rf"(?:{_NAME_NP})")
_PRONOUN_START = re.compile(r"^(?:he|she|they|it|we)\b", re.I)
_DETERMINER_START = re.compile(r"^(?:a|an|the|one)\s", re.I)
_COMMA_END = re.compile(r"[,]\s*$")

#: What separates the pieces of a clause: a comma, or a dash between spaces (a parenthesis).
#: Rule DOUBLE_HYPHEN_DASH (session 17): a dash typed as two hyphens (' -- ') separates pieces too.
_PIECE_SPLIT = re.compile(r"(,|\s(?:--|[-–—])\s)")


#: 'a' or 'an' opening a clause piece (rule INDEFINITE_SUBJECT).
_A_OR_AN = re.compile(r"(?i:an?)\s")


def _indefinite_speaker(piece: str) -> bool:
    """Rule INDEFINITE_SUBJECT: a clause piece opened by 'a'/'an' is a subject, not an
    adverbial, when a noun for someone who speaks comes within its first four words ('a senior
    official', 'a person close to X', 'a familiar voice').

    >>> _indefinite_speaker("a familiar voice praised it"), _indefinite_speaker("a day later")
    (True, False)
    """
    if not _A_OR_AN.match(piece):
        return False
    ws = _words(piece.lower())[1:5]
    if not ws or ws[0] in ("few", "lot", "bit", "number", "day", "week", "year", "month", "while"):
        return False
    for w in ws:
        if w.endswith("s") and not w.startswith("spokes") and (w[:-1] in _TYPE_WORDS or w[:-1] in _SOURCE_NOUNS):
            return False  # a plural is no head after 'a' ('a phenomenon scientists warn is ...')
        if w.startswith("spokes") or w in _TYPE_WORDS or w in _SOURCE_NOUNS:
            return True
        if w in ("who", "that", "which", "of", "in", "at", "on", "for", "to", "with", "by", "from"):
            break
    return False


# --- session 14, branch fdcheck ---
def _is_degree(piece: str) -> bool:
    """Rule DEGREE_AFTER_NAME: an academic degree after a name ('Ann Roe, Ph.D., a forecaster, said')
    is no clause piece of its own and never the subject.

    >>> _is_degree("Ph.D."), _is_degree("PhD"), _is_degree("M.D."), _is_degree("Roe")
    (True, True, True, False)
    """
    return piece.replace(".", "").replace(" ", "").lower() in _DEGREES


#: 'As ' and a name that is the whole clause piece: the name is the subject of the 'as' clause's verb.
_AS_NAME_RE = None  # compiled on first use (the name pattern is built at import time)


def _as_name(piece: str) -> str | None:
    """Rule AS_NAME_SAID: a clause piece 'As <name>' before an attribution verb ('As Ann Roe, a
    storm expert, recently stated, "..."'): the name is the verb's subject, not an adverbial.

    >>> _as_name("As Ann Roe"), _as_name("As the storm neared"), _as_name("Ann Roe")
    ('Ann Roe', None, None)
    """
    global _AS_NAME_RE
    if _AS_NAME_RE is None:
        _AS_NAME_RE = re.compile(rf"As\s+(?P<name>{_NAME_NP})")
    m = _AS_NAME_RE.fullmatch(piece)
    if m is None or not _name_like(m.group("name")) or len(m.group("name").split()) < 2:
        return None
    return m.group("name")


def _first_pieces(pieces: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The clause pieces that may name the subject, stripped, with their offsets (step 2 of
    :func:`_subject`): no adverbial, no state and no degree; an 'As <name>' piece gives the name."""
    firsts = []
    for part, o in pieces:
        p = part.strip()
        if _is_state_abbreviation(p) or _is_degree(p):
            continue  # rule STATE_ABBREVIATION: 'In Alexandria, Va., Lazar ... said'; rule DEGREE_AFTER_NAME
        as_name = _as_name(p)
        if as_name is not None:  # rule AS_NAME_SAID: 'As Ann Roe, a forecaster, put it, "..."'
            firsts.append((as_name, o + part.find(as_name)))
            continue
        if not p or _ADVERBIAL_START.match(p) and not _indefinite_speaker(p):
            continue
        firsts.append((p, o + part.find(p)))
    return firsts


#: Memo of :func:`_subject`, keyed by the head, all that it reads (besides the module's patterns and word
#: lists): the sentences of saying (``extract._speech_events``) and the text before a quote
#: (``extract._choose_attribution``) often end in the same head; emptied past 100,000 heads.
_SUBJECTS: dict[str, tuple[str, int] | None] = {}


def _subject(head: str) -> tuple[str, int] | None:
    """The subject noun phrase of a clause, given the text before its verb (mention, offset in
    ``head``), or None; :func:`_subject_of`, kept in :data:`_SUBJECTS`.

    >>> _subject("Later the mayor ")
    ('the mayor', 0)
    """
    try:
        return _SUBJECTS[head]
    except KeyError:
        pass
    if len(_SUBJECTS) > 100_000:
        _SUBJECTS.clear()
    found = _SUBJECTS[head] = _subject_of(head)
    return found


def _subject_of(head: str) -> tuple[str, int] | None:
    """The subject noun phrase of a clause, given the text before its verb (the work of :func:`_subject`).

    >>> _subject_of("Ann Roe, a nurse, ")
    ('Ann Roe', 0)
    """
    pm = _PRONOUN_SUBJECT.search(head)
    if pm:
        return pm.group(1).lower(), pm.start(1)
    wm = _WITH_NP.search(head) if "with" in head else None  # (the pattern holds the literal 'with')
    pieces: list[tuple[str, int]] = []
    pos = 0
    for k_part, part in enumerate(_PIECE_SPLIT.split(head)):  # rule DASH_PARENTHESIS: ' - ' ends a piece like a comma
        if k_part % 2:  # a separator
            pos += len(part)
            continue
        pieces.append((part, pos))
        pos += len(part)
    # a sentence adverb in front of a piece is not part of it: 'Later both sides said'
    pieces = [(_no_sentence_adverb(part), o) for part, o in pieces]
    # 1. the words right before the verb, when no comma separates them from it
    last, off = pieces[-1]
    if _is_state_abbreviation(last.strip()):
        last = ""  # 'Gov. Ada Brenner (R-OH), said': a state is never the subject
    if _CONJUNCTION_END.search(last):
        last = ""  # a verb coordinated with the main clause shares its subject
    if last.strip():
        lp = last.strip()
        cm = _CLAUSE_MARK.match(lp)
        cand = lp[cm.end():] if cm else lp
        # rule ADVERB_BEFORE_NAME: 'The crowd cheers, and then Okoro continues': an adverb
        # before a capitalised word opens no adverbial, the name is the subject
        cand = _ADVERB_NAME.sub("", cand)
        # (an indefinite description after a name is its appositive: 'Said Mona Ferrante, a nurse:')
        if not _ADVERBIAL_START.match(cand) or _SHARE.fullmatch(cand.strip()) or _indefinite_speaker(cand) and not (
                len(pieces) > 1 and _name_like(pieces[-2][0])):
            np_ = _clean_np(cand)
            if np_:
                return np_, off + last.find(cand[:10])
        elif wm:
            np_ = _clean_np(wm.group(1))
            if np_:
                return np_, wm.start(1)
        # an adverbial right before the verb: the subject is earlier
    # 2. the first piece that names someone (appositives after it are skipped)
    firsts = _first_pieces(pieces)
    for k, (p, o) in enumerate(firsts[:-1]):
        # rule DESCRIPTION_APPOSITIVE_NAME: 'Reyes's campaign chairman, Tomas Lind, said',
        # 'another adviser, Ana Ruiz, said': the name in apposition to a description speaks
        if _DESCRIPTION_START.match(p) and _NAME_NP_RE.fullmatch(firsts[k + 1][0]) \
                and not _is_orgish(firsts[k + 1][0].split()) and not _is_state_abbreviation(firsts[k + 1][0]):
            return firsts[k + 1]
        break
    for k, (p, o) in enumerate(firsts):
        if _name_like(p) or _PRONOUN_START.match(p):
            # 'A Foreign Ministry spokesperson, Shen Meiling, told ...': the name in apposition
            # to a description is the subject
            if k + 1 < len(firsts) and _DETERMINER_START.match(p) and \
                    _NAME_NP_RE.fullmatch(firsts[k + 1][0]) and not _is_orgish(firsts[k + 1][0].split()):
                return firsts[k + 1]
            np_ = _clean_np(p)
            if np_:
                return np_, o
    for p, o in firsts:
        np_ = _clean_np(p)
        if np_:
            return np_, o
    return None


_ACCORDING = None  # compiled on first use (the patterns they hold are built at import time)
_WITH_PART = None
#: Words before a speech verb that make it a noun ('Keller's remarks', 'the call', 'in a statement').
#: Rule NEWS_NAME_SUBJECT: the noun modifiers ('press', 'news', ...) count in lower case only, so
#: that an outlet whose name ends in one ('Fox News reported', 'the Associated Press said') is a
#: subject, not a noun phrase ('the news conference', 'a press release').
_NOUN_BEFORE = re.compile(r"(?:['’]s|\b(?:(?i:the|a|an|his|her|their|its|our|my|your|this|that|these|those|whose|of|in|"
                          r"with|for)|joint|press|news|public|brief|short|written|formal))\s+$")
_RELATIVE_BEFORE = re.compile(r"(?:\bwho|\bwhich|\bthat)\s+$")
#: The most characters ``_NOUN_BEFORE`` and ``_RELATIVE_BEFORE`` match before their final white
#: space ('written'), for :func:`_ends_in`.
_BEFORE_WORD_CHARS = 7


def _ends_in(rx: re.Pattern, s: str, head: int = _BEFORE_WORD_CHARS) -> re.Match | None:
    """``rx.search(s)`` for a pattern that matches at most ``head`` characters and then white space
    to the end of ``s`` (``...\\s+$``), found without scanning the whole of ``s``: such a match
    starts at most ``head`` characters before the trailing white space (the characters before the
    search's start still count for ``\\b`` and look-behinds).

    >>> bool(_ends_in(_NOUN_BEFORE, "In the end, officials in a ")), bool(_ends_in(_NOUN_BEFORE, "Ann Roe "))
    (True, False)
    >>> bool(_ends_in(_RELATIVE_BEFORE, "Ann Roe, who ")), bool(_ends_in(_RELATIVE_BEFORE, "Ann Roe, somewho "))
    (True, False)
    """
    body = len(s.rstrip())
    if body == len(s):
        return None  # no white space at the end: no match
    return rx.search(s, max(0, body - head))
#: The last word before a verb of saying, for rule NOUN_HOMOGRAPH.
_LAST_WORD = re.compile(r"([\w’'-]+)\s+$")
#: Words after which a base form ('call', 'report') is still a verb: subjects that take it
#: ('I', 'they', 'who'), auxiliaries and adverbs ('to', 'will', 'often').
_BASE_VERB_AFTER = frozenset("""i you we they who to will would could should can may might must shall
did do does also often usually always never not then still and or later now just again""".split())


def _noun_homograph(pre: str, verb: str) -> bool:
    """Rule NOUN_HOMOGRAPH: a verb of saying that is also a noun ('report', 'tweet', 'call',
    'points') is the noun after a number ('by 21 points', 'One tweet said') and, in its base
    form, after a lower-case word that cannot be its subject ('the congressional report said',
    'the senator's conference call'); 'officials report', 'they call', 'to note' stay verbs.

    >>> _noun_homograph("the congressional ", "report"), _noun_homograph("officials ", "report")
    (True, False)
    >>> _noun_homograph("Sanders leads by 21 ", "points"), _noun_homograph("Clinton ", "points")
    (True, False)
    """
    if verb not in _NOUN_HOMOGRAPHS:
        return False
    m = _LAST_WORD.search(pre)
    if m is None:
        return False
    prev = m.group(1)
    low = prev.lower()
    if prev.isdigit() or low in _NUMBER_WORDS:
        return True
    if verb.endswith("s") and verb[:-1] in _NOUN_HOMOGRAPHS or verb.endswith("ies"):
        return False  # 'the memo states', 'Clinton points out'
    return prev[:1].islower() and low not in _BASE_VERB_AFTER and not low.endswith(("s", "ly"))


#: Rule NOUN_BEFORE_VERB (session 13): after a plural noun of saying ('reports', 'claims'), at most
#: an aside between commas, then a plain verb of saying: the noun heads the subject.
_VERB_AFTER_NOUN = re.compile(r"\s*(?:,[^,.;:“”\"]{1,40},\s*)?(?:also\s+|now\s+|still\s+|all\s+)?([a-z]+)\b")


def _noun_before_verb(s: str, start: int, verb: str) -> bool:
    """Rule NOUN_BEFORE_VERB: a verb of saying that is also a plural noun ('reports', 'claims',
    ``_NOUN_HOMOGRAPHS``) is that noun when a verb of saying in its plain form follows it, after
    at most an aside between commas ('Recent reports, however, say that ...': the subject is
    'Recent reports', not 'Recent'); 'Roe reports that ...' keeps its verb.

    >>> t = "Recent reports, however, say that"
    >>> _noun_before_verb(t, 7, "reports"), _noun_before_verb("Roe reports that", 4, "reports")
    (True, False)
    """
    if not (verb.endswith("s") and verb[:-1] in _NOUN_HOMOGRAPHS):
        return False
    m = _VERB_AFTER_NOUN.match(s, start + len(verb))
    return m is not None and m.group(1) in _PLAIN_SPEECH_VERBS


#: The plain (third person plural) form of verbs of saying, after a plural subject.
_PLAIN_SPEECH_VERBS = frozenset(v for v in SPEECH_VERBS if " " not in v and not v.endswith(("s", "ed", "ing"))) \
    - {"said", "told", "wrote", "found", "sang", "put"}


#: Rule VERB_FIRST: a sentence opened by its verb of saying, the speaker after it and the quote
#: after a comma or colon: 'Said Comey, "..."', 'Added the mayor: "..."'.
_VERB_FIRST = re.compile(rf"""
    ^\s*(?P<verb>Said|Says|Added|Adds|Asked|Asks|Wrote|Writes|Tweeted|Told|Replied|Recalled)
    \s+(?P<np>{_NP_TAIL})                      # the speaker
    \s*[,:]\s*$                               # and the quote right after a comma or colon
    """, re.VERBOSE)


#: Rule FINDING_VERB: verbs of finding ('the survey found that "..."', 'the report finds "..."') attribute
#: only the quote that follows them at once (after 'that' or a colon), never one before them.
_FINDING_VERBS = frozenset(("found", "finds"))
_FINDING_TAIL = re.compile(r"\s*(?:that\b\s*)?(?:[:,]\s*)?")


def _attr_before(frag: str) -> tuple[str, str, int] | None:
    """Attribution in the sentence before the opening mark. Returns (mention, verb, offset)."""
    global _ACCORDING, _WITH_PART
    if _ACCORDING is None:
        _ACCORDING = re.compile(rf"\b(?:[Aa]ccording to|[Ii]n the words of)\s+(?P<np>{_NP_TAIL})")
        _WITH_PART = re.compile(rf"\bwith\s+((?:[\w’'.-]+\s+){{0,5}}?[\w’'.-]+)\s+(?:{_PART_ALT})\b(?:(?!\bwith\b)[^.;:])*$")
    s = frag
    # cheap substring tests first: the patterns are only tried where they can match
    acc = _ACCORDING.search(s) if ("ccording to" in s or "words of" in s) else None
    if acc and not _according_source(_trim_np(acc.group("np"))):
        acc = None  # rule ACCORDING_TO_THING: 'a toll charged according to the fuel ...'
    start_at = 0
    if acc:
        # 'According to a readout, Liang told Garrity that ...': the main clause wins
        comma = s.find(",", acc.end())
        start_at = comma + 1 if comma >= 0 else len(s)
    colon = s.rstrip().endswith(":")
    wm = _WITH_PART.search(s) if "with" in s else None  # type: ignore[union-attr]
    if wm:
        np_ = _clean_np(wm.group(1))
        if np_:
            return np_, "with", wm.start(1)
    inv = _VERB_FIRST.match(s) if s.lstrip()[:1] in ("S", "A", "W", "T", "R") else None
    if inv:  # rule VERB_FIRST: 'Said Comey, "..."', 'Added the mayor: "..."'
        np_ = _trim_np(inv.group("np"))
        if np_ and np_.lower() not in _PRONOUNS and (np_[0].isupper() or _looks_speaker_np(np_)):
            return np_, inv.group("verb").lower(), inv.start("np")
    for cand in _speech_verbs_in(s, start_at):
        pre = s[:cand.start()]
        if not pre[start_at:].strip():
            continue
        if cand.group("verb") in _FINDING_VERBS and not _FINDING_TAIL.fullmatch(s, cand.start() + len(cand.group("verb"))):
            continue  # rule FINDING_VERB: 'found' speaks only right before the quote
        if _ends_in(_NOUN_BEFORE, pre) or _noun_homograph(pre, cand.group("verb")) \
                or _noun_before_verb(s, cand.start(), cand.group("verb")):
            continue  # 'Keller's remarks', 'the call', 'in a statement': nouns, not verbs
        if _ends_in(_RELATIVE_BEFORE, pre) and not _COMMA_END.search(pre):
            continue  # 'X, who said ...' keeps looking for the main verb
        subj = _subject(pre[start_at:] if acc else pre)
        if subj is not None:
            return subj[0], cand.group("verb").lower(), subj[1] + (start_at if acc else 0)
    if acc:
        return _trim_np(acc.group("np")), "according to", acc.start("np")
    if colon:
        subj = _subject(s.rstrip()[:-1])
        if subj is not None:
            return subj[0], ":", subj[1]
    return None


#: Object pronouns after *according to* ('according to him'): a source, resolved as a pronoun.
_OBJECT_PRONOUNS = frozenset("him her them us me it".split())


def _according_source(np_: str) -> bool:
    """Rule ACCORDING_TO_THING (session 17): whether the words after *according to* name a source. A
    capitalised name or an object pronoun does; a lower-case phrase only when it can speak
    (``descriptions._source_can_speak``: 'a senior official', 'a new poll', 'the emails'), and a
    bare singular noun never ('according to plan', 'according to schedule'). Otherwise *according
    to* means *in proportion to* or *as ... says* of a thing ('a toll charged according to the fuel
    each ship burns', 'according to the grade of the steel'): no attribution.

    >>> _according_source("Ann Roe"), _according_source("him"), _according_source("a new poll")
    (True, True, True)
    >>> _according_source("plan"), _according_source("the fuel each ship burns")
    (False, False)
    """
    s = np_.strip()
    if not s or s[0].isupper() or not s[0].isalpha():
        return True
    ws = s.split()
    if len(ws) == 1:
        return ws[0].lower() in _OBJECT_PRONOUNS or (ws[0].endswith("s") and _source_can_speak(s))
    return _source_can_speak(s)


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.descriptions import _head_part, _is_source_noun, _source_can_speak  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.extract import _DOC_NOUNS  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.name_shape import _is_orgish  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.textutil import _clean_mention, _is_title_token, _ly_adverb, _words  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.words import (  # noqa: E402,F401 (imported last, as the modules refer to each other)
    _CAP_RUN,
    _CAP_STOP,
    _DEGREES,
    _GROUP_HEADS,
    _LAW_HEADS,
    _NOUN_HOMOGRAPHS,
    _NUMBER_WORDS,
    _ORG_WORDS,
    _READ_CARRIERS,
    _SOURCE_NOUNS,
    _STATE_ABBREVIATIONS,
    _TITLE_WORDS,
    _TYPE_WORDS,
)

#: A document and its issuer's preposition ('a report by ...'): _trim_np keeps the issuer.
_DOC_BY = re.compile(r"\b(?:%s)\s+(?:(?:issued|released|published|signed)\s+)?(?:by|from)\s+(?=\S)" % "|".join(_DOC_NOUNS))
