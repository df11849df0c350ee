"""Resolving a pronoun to a person: the story's latest speaker (rule PRONOUN_FOLLOWS_STORY), the
paragraph's subject (rule PRONOUN_PARAGRAPH_SUBJECT, after a leading phrase, LEADING_PHRASE, or a
possessive role, POSSESSIVE_ROLE_SUBJECT; the first of two joined subjects, SUBJECT_COORDINATION),
the person asked (rule ASKED_ANSWERS), each person's gender by the majority of the pronouns and
titles around its mentions (rule GENDER_BY_MAJORITY) and the optional learned ranking (rule
PRONOUN_MODEL). Rule PRONOUN_LEADS_QUOTE is in :func:`kit.quotes.extract._unattributed_speaker`."""
from __future__ import annotations

import bisect
import re


def _pronoun_gender(p: str) -> str | None:
    p = p.lower()
    return "f" if p in ("she", "her") else "m" if p in ("he", "him", "his") else None


#: How many paragraphs back (besides the pronoun's own) the story's latest speaker is looked for.
STORY_PARAGRAPHS = 2
#: How many earlier sentences of saying are looked at for a speaker of the right gender.
STORY_EVENTS = 6


#: Rule GENDER_BY_MAJORITY: the fewest votes (pronouns after a person's mentions, gendered titles)
#: that may overrule the gender the entity step gave it, and how many times the other gender's
#: count they must reach. Measured on PolNeAR's development part: at least 2 votes gained 12
#: pronoun quotes and lost 3 (all 3 right by the text); 1 vote gained 23 and lost 4 (3 right by
#: the text).
GENDER_MIN_VOTES = 1
GENDER_MAJORITY = 2
#: A subject or reflexive pronoun in the clause after a name ('Roe said he', 'Roe ... herself');
#: the object and possessive forms (*him*, *her*, *his*) are left out: they often belong to someone
#: else ('Roe confronted him', 'Ruggles, who calls her fees a scandal'), and counting
#: *his* but not the ambiguous *her* would lean every vote towards men.
_GENDER_VOTE = re.compile(r"""
    [^.;!?“”"]{0,50}?                     # the rest of the clause, no sentence end, no quotation mark
    \b(he|she|himself|herself)\b
    """, re.VERBOSE)
#: A title that tells a gender, right before a mention.
_GENDER_TITLE_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
_GENDER_TITLE_AT = re.compile(r"(Mr|Mrs|Ms|Miss)\.?\s")


def _gender_votes(art: _Article) -> dict[int, list[int]]:
    """Rule GENDER_BY_MAJORITY, the votes: for every person of the article, [female, male]
    counts of the pronouns written right after its mentions (not after a name in passing, not
    when a capitalised run that may name another person comes between, DATE_OR_PLACE_BETWEEN,
    not after *the*:
    'the Roe campaign', not when another person named before in the sentence may be the
    pronoun's: rule TWO_PERSONS_NO_VOTE) and of *Mr.*/*Mrs.*/*Ms.* before them and a gendered
    noun in its role (*spokeswoman*, *congressman*; two votes each). The pronoun after a bare
    surname two persons carry votes last, by rule SHARED_SURNAME_OWN_GENDER."""
    votes = art.cache.get("gender_votes")
    if votes is not None:
        return votes
    votes = art.cache["gender_votes"] = {}
    text = art.text
    bare: list[tuple[Mention, int]] = []  # bare surnames two persons carry, with their pronoun's vote
    shared = _shared_surnames(art)
    for m in art.mentions:
        if m.entity.kind != "person" or m.passing:
            continue
        if text.endswith(("the ", "The "), max(0, m.pos - 4), m.pos):
            continue  # 'the Clinton campaign ... his record': the name only qualifies a noun
        v = votes.get(id(m.entity))
        if v is None:
            v = votes[id(m.entity)] = [0, 0]
            role = _words((m.entity.role or "").lower())  # 'spokeswoman', 'congressman': two votes
            v[0] += 2 * any(w in _GENDER_NOUNS["f"] for w in role)
            v[1] += 2 * any(w in _GENDER_NOUNS["m"] for w in role)
        t = _GENDER_TITLE_BEFORE.search(text[max(0, m.pos - 6):m.pos]) or _GENDER_TITLE_AT.match(text, m.pos)
        if t is not None:
            v[0 if t.group(1) != "Mr" else 1] += 2
        g = _GENDER_VOTE.match(text, m.end, min(len(text), m.end + 60))
        if g and not _person_may_be_between(art, m, g.start(1)) and not _earlier_person_fits(art, m, g.group(1)):
            side = 0 if g.group(1).startswith(("she", "her")) else 1
            bearers = shared.get(text[m.pos:m.end].lower()) if t is None else None
            if bearers and any(p is not m.entity and p.first_pos < m.pos for p in bearers):
                bare.append((m, side))  # after another bearer was named: which of them is it?
            else:
                v[side] += 1
    moved = art.cache["gender_moved"] = set()  # (person, gender) of pronouns another bearer took
    own = {k: _own_gender(v) for k, v in votes.items()} if bare else {}  # before any bare surname's vote
    for m, side in bare:
        if _bare_surname_vote(votes, own, shared[text[m.pos:m.end].lower()], m.entity, side):
            moved.add((id(m.entity), "fm"[side]))
    return votes


def _shared_surnames(art: _Article) -> dict[str, list[Person]]:
    """Surnames (lower case) that two or more persons of the article carry in full names."""
    by: dict[str, list[Person]] = {}
    for p in art.persons.values():
        if p.kind == "person" and len(p.tokens) > 1 and p not in by.get(p.tokens[-1].lower(), []):
            by.setdefault(p.tokens[-1].lower(), []).append(p)
    return {k: v for k, v in by.items() if len(v) > 1}


def _own_gender(v: list[int] | None) -> int | None:
    """The side (0 female, 1 male) that the votes ``v`` hold by :data:`GENDER_MAJORITY`, or None."""
    if v is None:
        return None
    if v[0] >= GENDER_MIN_VOTES and v[0] >= GENDER_MAJORITY * v[1]:
        return 0
    if v[1] >= GENDER_MIN_VOTES and v[1] >= GENDER_MAJORITY * v[0]:
        return 1
    return None


def _bare_surname_vote(votes: dict[int, list[int]], own: dict[int, int | None], bearers: list[Person], ent: Person,
                       side: int) -> bool:
    """Rule SHARED_SURNAME_OWN_GENDER: the pronoun after a bare surname that two persons carry
    ('Roe said she' after Ann Roe and Tom Roe) votes for the bearer whose own evidence (``own``:
    the pronouns after its full names, its titles and role nouns) is of the pronoun's gender when the
    person the surname was resolved to has none of that gender (returns True: the vote moved);
    otherwise for that person."""
    if own.get(id(ent)) != side:
        fits = [p for p in bearers if p is not ent and own.get(id(p)) == side]
        if len(fits) == 1:
            votes[id(fits[0])][side] += 1
            return True
    votes.setdefault(id(ent), [0, 0])[side] += 1
    return False


def _person_may_be_between(art: _Article, m: Mention, end: int) -> bool:
    """Rule DATE_OR_PLACE_BETWEEN: whether a capitalised run between mention ``m`` and ``end`` (a
    pronoun after it) may name another person, whose the pronoun may be: any run but a mention of
    an organisation or group, a date ('Monday', 'Super Tuesday') or a place ('Ohio'), so that
    'Tom Vale on Monday, saying he' still tells Vale's gender."""
    for r in _CAP_RUN.finditer(art.text, m.end, end):
        toks = r.group(0).split()
        if _calendar(toks) or _is_place(toks):
            continue
        k = bisect.bisect_right(art.mention_pos, r.start()) - 1
        o = art.mentions[k] if k >= 0 else None
        if o is not None and o.pos <= r.start() < o.end and o.entity.kind != "person":
            continue
        return True
    return False


def _earlier_person_fits(art: _Article, m: Mention, pron: str) -> bool:
    """Rule TWO_PERSONS_NO_VOTE: whether another person, named earlier in the sentence of mention
    ``m`` (outside quotation marks), may be the referent of the pronoun ``pron`` written after
    ``m``: its gender, as the entity step gives it, is unknown or the pronoun's. Such a pronoun
    casts no vote for ``m`` ('Ann Roe on Monday hit Ed Doe on guns, she said': *she* is Roe's);
    a pronoun only the later person's gender fits still does ('Ann Roe attacked Ed Doe, saying he
    ...'), and so do a reflexive ('while Ed Doe praised himself') and a pronoun in a
    relative clause right after ``m`` ('Ed Doe, who said he').

    >>> from kit.quotes.entities import Person
    >>> ann, ed = Person("Ann Roe", ("Ann", "Roe"), gender="f"), Person("Ed Doe", ("Ed", "Doe"))
    >>> text = "Ann Roe hit Ed Doe on guns, and she won."
    >>> art = _Article(doc_id=1, paras=[], text=text, sent_starts=[0],
    ...                mentions=[Mention(0, 7, ann), Mention(12, 18, ed)], mention_pos=[0, 12])
    >>> _earlier_person_fits(art, art.mentions[1], "she"), _earlier_person_fits(art, art.mentions[1], "he")
    (True, False)
    """
    if pron.endswith("self") or re.match(r",?\s+who\b", art.text[m.end:m.end + 8]):
        return False  # a reflexive is its own clause's subject's: 'while Doe praised himself'
    starts = art.sent_starts or [0]
    s0 = starts[bisect.bisect_right(starts, m.pos) - 1]
    k = bisect.bisect_left(art.mention_pos, s0)
    while k < len(art.mentions) and art.mentions[k].pos < m.pos:
        o = art.mentions[k]
        if o.entity is not m.entity and o.entity.kind == "person" and not _in_quote(art, o.pos) \
                and o.entity.gender in (None, _pronoun_gender(pron)):
            return True
        k += 1
    return False


def _gender_of(art: _Article | None, ent: Person) -> str | None:
    """Rule GENDER_BY_MAJORITY: a person's gender for a pronoun. The entity step takes the first
    evidence it meets (a title, *spokeswoman*, the first *he*/*her* after the name), which one
    stray possessive can get wrong (`Vance faces attacks from Tom Ruggles, who calls her fees a
    scandal` made Ruggles a woman, and every later *he* passed him by); when the pronouns written after
    the person's mentions across the article hold a clear majority for the other gender (at
    least :data:`GENDER_MIN_VOTES`, and :data:`GENDER_MAJORITY` times the other count), the
    majority wins."""
    if art is None:
        return ent.gender
    v = _gender_votes(art).get(id(ent))
    if v is not None:
        f, m = v
        if f >= GENDER_MIN_VOTES and f >= GENDER_MAJORITY * m:
            return "f"
        if m >= GENDER_MIN_VOTES and m >= GENDER_MAJORITY * f:
            return "m"
        if (id(ent), ent.gender) in art.cache["gender_moved"]:
            return None  # the pronoun that gave its gender was another bearer's (SHARED_SURNAME_OWN_GENDER)
    return ent.gender


def _compatible(ent: Person | None, g: str | None, art: _Article | None = None, *, known: bool = True) -> bool:
    """A person of gender ``g`` (None: any; the gender is :func:`_gender_of` when ``art`` is
    given) that the article names (when ``art`` is given and ``known``)."""
    if ent is None or ent.kind != "person" or (g is not None and _gender_of(art, ent) not in (None, g)):
        return False
    if art is None or not known:
        return True
    return _known_person(art, ent)


def _known_person(art: _Article, ent: Person) -> bool:
    """Whether ``ent`` is one of the persons the article names (``art.persons``; the set of their
    ids is built once per article, in ``art.cache["known_persons"]``)."""
    ids = art.cache.get("known_persons")
    if ids is None:
        ids = art.cache["known_persons"] = {id(p) for p in art.persons.values()}
    return id(ent) in ids


def _story_speaker(art: _Article, pos: int, g: str | None) -> tuple[int, Person | None]:
    """Rule PRONOUN_FOLLOWS_STORY: the latest speaker before ``pos`` (of a quote or of a sentence
    of saying, 'X said ...', named there, not by a pronoun) of compatible gender, in the pronoun's
    paragraph or the :data:`STORY_PARAGRAPHS` before it, with the position where it was named
    (-1 and None when there is none). Measured on PolNeAR's development part, letting a person
    newly introduced in the pronoun's paragraph take over lost one point of pronoun accuracy,
    so the latest speaker wins."""
    starts = art.cache.get("para_starts")
    if starts is None:
        starts = art.cache["para_starts"] = [po for _, _, po in art.paras]
    k = bisect.bisect_right(starts, pos) - 1
    since = starts[max(0, k - STORY_PARAGRAPHS)] if starts else 0
    best_pos, best = -1, None
    prev = art.cache.get("prev_speech")
    if prev is not None and prev.entity is not None and since <= prev.mention_pos < pos \
            and _compatible(prev.entity, g, art, known=False):
        best_pos, best = prev.mention_pos, prev.entity
    events = art.cache.get("events", [])
    memo = art.cache.setdefault("event_entity", {})
    hi = bisect.bisect_left(art.cache.get("event_pos", []), pos)
    for i in range(hi - 1, max(-1, hi - 1 - STORY_EVENTS), -1):
        epos, mention, _verb, pstart = events[i]
        if epos < since or epos <= best_pos:
            break
        if mention.lower() in _PRONOUN_WORDS:
            continue
        if i not in memo:
            memo[i] = _resolve(art, mention, epos, pstart)
        if _compatible(memo[i], g, art, known=False):
            return epos, memo[i]
    return best_pos, best


_PRONOUN_WORDS = frozenset(("he", "she", "they", "it", "we", "him", "her", "i", "you"))

#: How many sentences before the pronoun's own, in its paragraph, are looked at for a subject.
SUBJECT_SENTENCES = 2

#: Words a sentence may open with before its subject: 'But Rep. Jane Roe ...'.
_SUBJECT_OPENERS = re.compile(r"""
    ^[\s"“”‘’']*                                     # leading space or marks
    (?:(?:But|And|So|Yet|Still|Now|Meanwhile|Later|Then)\b,?\s+)?   # one joining word
    (?:(?:Was|Is|Were|Are|Did|Does|Do|Has|Have|Had|Would|Will|Could|Can)\s+(?=[A-Z]))?  # a question: 'Was Roe satisfied?'
    """, re.VERBOSE)
#: A leading subordinate clause or phrase before a sentence's subject, up to its comma.
_LEADING_CLAUSE = re.compile(r"""
    ^(?:Although|Though|While|When|After|Before|As|Since|Because|If|Once|Until|In|On|At|During
       |Despite|Amid|Following|Asked|Pressed           # more openers (rule LEADING_PHRASE)
       |[A-Z][a-z]+ing                                 # a participle: 'Speaking to reporters,'
       |(?:Days|Weeks|Months|Years|Hours|Minutes|Moments)\s+(?:after|before|later)   # a time
       |(?:Last|Earlier|Later)\s+(?:this\s+)?(?:week|month|year|spring|summer|fall|winter)
    )\b
    (?:[^,“”"]                                        # the clause up to its comma, where a short
      |“[^“”]{1,60}”|"[^"“”]{1,60}"                    # quotation may stand ('a "sacred" duty')
    ){3,160}?
    (?:,\s+|(?<=,”)\s+|(?<=,")\s+)                   # its comma, also inside a closing mark
    """, re.VERBOSE)
#: What may stand between the sentence opening and the subject's name: a title or role, no
#: comma and no verb ('former Sen.', 'campaign consultant'), at most four words.
_SUBJECT_PREFIX = re.compile(r"""
    ^(?:[A-Za-z][\w.’'-]*\s+){0,4}$                   # up to four words, no comma
    """, re.VERBOSE)
#: 'For ' opening a sentence before a name and its comma: the person the sentence is about.
_FOR_TOPIC = re.compile(r"(?P<for>For\s+)(?=[A-Z])")
#: A described subject that then gives the name: 'One of the hikers, a Dutch teacher named '.
_NAMED_SUBJECT = re.compile(r"""
    ^(?:One|A|An|The)\s                               # a description opens the sentence
    [^.;:!?“”"]{0,80}?                                 # its words (an appositive may follow)
    \b(?:named|called)\s+$                            # and the name comes after 'named'
    """, re.VERBOSE)
#: Rule POSSESSIVE_ROLE_SUBJECT: a possessive and a role before the subject's name, with or without
#: the appositive's comma ("Acme's chief engineer ", "The network's evening anchor ",
#: "Roe's main rival, ").
_POSSESSIVE_ROLE = re.compile(r"""
    ^(?:[Tt]he\s+)?(?:[A-Z][\w.&-]*\s+){0,3}?[\w.&-]+['’]s\s+   # the owner and its possessive
    (?:[A-Za-z][\w-]*\s+){0,3}[a-z][\w-]*                      # the role, ending in a noun
    (?:\s+|,\s+)$                                             # then the name (an appositive's comma)
    """, re.VERBOSE)
#: The same when the owner is a name that opens the sentence: "Roe's main rival, Sen. Ray Dunn,"
#: (the subject is Dunn, not Roe).
_POSSESSIVE_APPOSITIVE = re.compile(r"""
    ^['’]s\s+(?:[A-Za-z][\w-]*\s+){0,3}[a-z][\w-]*,\s+   # the possessive, the role, a comma
    (?:[A-Z][a-z]{1,4}\.\s+)?$                            # and a title before the name
    """, re.VERBOSE)
#: What may join a name to a later one inside the same subject: a possessive or role words
#: ('Obama consultant Jane Roe', 'Smith's spokesman John Doe', 'Former Acme CEO Jane Roe').
_SUBJECT_LINK = re.compile(r"""
    ^(?:['’]s)?                                       # a possessive
    \s+(?:[A-Za-z][\w.-]*\s+){1,3}$                   # one to three words (role words, no comma)
    """, re.VERBOSE)


#: Rule SUBJECT_COORDINATION: words that join two subjects rather than a role to its holder: in
#: 'Roe and her husband Tom Roe thanked the diner' the subject is Roe (first), not Tom Roe.
_COORDINATORS = frozenset(("and", "or", "nor", "with", "&"))


def _looks_verb(word: str) -> bool:
    """A lower-case word that is likely a verb rather than a role noun ('recalled', 'says')."""
    w = word.lower()
    return w.endswith("ed") or w in _SUBJECT_VERBS


#: Common verbs right after a subject that are not recognised by their ending.
_SUBJECT_VERBS = frozenset("""is was has had says said told wrote thinks knows took made gave went
    seems seemed also himself herself""".split())


def _says_nearby(art: _Article, m: Mention) -> bool:
    """Is the mention right after or right before a speech verb ('Doe argues', 'said Doe')?"""
    if _in_quote(art, m.pos):
        return False
    after = _words(art.text[m.end:m.end + 30].lower())[:1]
    before = _words(art.text[max(0, m.pos - 20):m.pos].lower())[-1:]
    return any(w in _SPEECH_OR_PART for w in after + before)


def _speaks_after(art: _Article, m: Mention) -> bool:
    """Rule LATER_SPEAKER_IN_SENTENCE: is the mention the subject of a verb of saying written right
    after it ('Roe is right on the issues, Doe argues.')? A name followed by a possessive, or one
    that only follows a verb of saying as its object ('saying Doe was wrong', 'to praise Doe's
    record'), is not: the sentence's subject stays."""
    if _in_quote(art, m.pos) or not art.text[m.end:m.end + 1].isspace():
        return False
    return any(w in _SPEECH_OR_PART for w in _words(art.text[m.end:m.end + 30].lower())[:1])


#: Words that show a sentence opening is not a title or role before the subject's name.
_NOT_ROLE = frozenset("""the a an her his their its in on at around with after before of to for from
    by as when while if about during since""".split())


def _sentence_subject(art: _Article, s0: int, s1: int, g: str | None) -> Mention | None:
    """The named person who is the subject of the sentence ``art.text[s0:s1]`` and of gender
    ``g`` (see :func:`_paragraph_subject`), or None."""
    lead = _SUBJECT_OPENERS.match(art.text[s0:min(s1, s0 + 40)])
    b0 = s0 + (lead.end() if lead else 0)
    clause = _LEADING_CLAUSE.match(art.text[b0:min(s1, b0 + 200)])
    if clause:  # 'Although it was late, Jane Roe took the stage': the subject follows the clause
        b0 += clause.end()
    lo = bisect.bisect_left(art.mention_pos, b0)
    topic = _FOR_TOPIC.match(art.text, b0, min(s1, b0 + 60))
    if topic and lo < len(art.mentions) and art.mentions[lo].pos == b0 + topic.end("for") - b0 \
            and art.text.startswith(",", art.mentions[lo].end) and _compatible(art.mentions[lo].entity, g, art):
        return art.mentions[lo]  # rule FOR_TOPIC: 'For Wanjiku, the arithmetic is simple. "...," she says.'
    ms = [m for m in art.mentions[lo:lo + 6] if m.pos < s1 and not m.passing]  # never a name after a preposition
    if not ms or _in_quote(art, ms[0].pos):
        return None
    m = ms[0]
    prefix = art.text[b0:m.pos]
    if _NAMED_SUBJECT.match(prefix):
        pass  # rule NAMED_SUBJECT: 'One of the hikers, a Dutch teacher named Joost van Dam, said'
    elif _POSSESSIVE_ROLE.match(prefix) and not any(_looks_verb(w) for w in prefix.split()):
        pass  # rule POSSESSIVE_ROLE_SUBJECT: "The paper's city editor, Ana Roe, wrote ..."
    elif not _SUBJECT_PREFIX.match(prefix) or any(_looks_verb(w) or w.lower() in _NOT_ROLE
                                                or w.lower().endswith("ing") for w in prefix.split()):
        return None
    for m2 in ms[1:]:
        gap = art.text[m.end:m2.pos]
        if m2.entity.kind == "person" and (_SUBJECT_LINK.match(gap) or _POSSESSIVE_APPOSITIVE.match(gap)) and \
                not any(_looks_verb(w) or w.lower() in _COORDINATORS for w in gap.split()):
            m = m2
        else:
            break
    if any(_speaks_after(art, m3) for m3 in ms if m3.pos > m.pos and m3.entity.kind == "person"):
        return None  # 'Roe is right on the issues, Doe argues.': someone else speaks in it
    # an organisation ('Campaign pollster ...', 'Former Acme CEO ...') only leads on to the person
    return m if _compatible(m.entity, g, art) else None


def _paragraph_subject(art: _Article, pos: int, para_start: int, g: str | None) -> tuple[int, Person | None]:
    """Rule PRONOUN_PARAGRAPH_SUBJECT: the named person who is the subject of the pronoun's own
    sentence (before the pronoun) or of one of the :data:`SUBJECT_SENTENCES` sentences before it
    in its paragraph ('Jane Roe, a state senator, recalled the vote. "...," she said.'), with
    the position where it is named (-1 and None when there is none). The subject is a person
    mention near the start of the sentence, after at most a title or role ('former Sen.',
    'Obama consultant'), outside quotation marks, of compatible gender."""
    starts = art.sent_starts or [0]
    k = bisect.bisect_right(starts, pos) - 1
    own_sub = _sentence_subject(art, starts[k], pos, g)
    if own_sub is not None:
        return own_sub.pos, own_sub.entity
    own = art.mentions[bisect.bisect_left(art.mention_pos, starts[k]):bisect.bisect_left(art.mention_pos, pos)]
    if any(m.entity.kind == "person" and not m.passing and not _in_quote(art, m.pos) for m in own):
        return -1, None  # 'As Roe lost her cool, she said ...': the pronoun's own sentence names someone
    for kk in range(k - 1, max(-1, k - 1 - SUBJECT_SENTENCES), -1):
        s0 = starts[kk]
        if s0 < para_start and (kk < k - 1 or starts[k] > para_start):
            break  # the paragraph before only when the pronoun's paragraph opens with its quote
        s1 = starts[kk + 1] if kk + 1 < len(starts) else len(art.text)
        sub = _sentence_subject(art, s0, s1, g)
        if sub is not None:
            return sub.pos, sub.entity
    return -1, None


#: A verb of asking right after the subject: the person asked is its object ('X asked Y whether').
_ASKED = re.compile(r"""
    ['’]?s?\s*                                  # a possessive left after the mention
    (?:[a-z]+ly\s+)?                            # an adverb: 'repeatedly'
    (?:asked|asks|pressed|presses|questioned|challenged|quizzed)\s+
    """, re.X)


def _asked_person(art: _Article, found: Person, at: int, pos: int, g: str | None) -> Person | None:
    """Rule ASKED_ANSWERS: when ``found``, the person a pronoun would go to, named at ``at``,
    asks someone a question ('The Post's Ann Lee asked Sanders whether ... "Sure," he said'),
    the person asked answers: that person, when named right after the verb and followed by the
    question ('whether', 'if', 'about', 'why' ...), before ``pos``, of gender ``g``; else None.
    'Tom asked Lund to be the witness at his wedding' asks no question."""
    k = bisect.bisect_left(art.mention_pos, at)
    m = next((x for x in art.mentions[k:k + 4] if x.entity is found and x.pos < pos), None)
    if m is None:
        return None
    vm = _ASKED.match(art.text, m.end)
    if vm is None:
        return None
    k = bisect.bisect_left(art.mention_pos, vm.end())
    nxt = art.mentions[k] if k < len(art.mentions) and art.mentions[k].pos == vm.end() else None
    if nxt is None or nxt.pos >= pos or nxt.entity is found or not _compatible(nxt.entity, g, art):
        return None
    return nxt.entity if _QUESTION_AFTER.match(art.text, nxt.end) else None


#: What follows the person asked when a question is asked ('asked Sanders whether ...').
_QUESTION_AFTER = re.compile(r"""
    ['’]?s?\s*(?:,\s*)?                         # a possessive or comma after the name
    (?:whether|if|about|why|what|how|when|where|who|which|[:“"])
    """, re.X)

#: Rule PRONOUN_MODEL (:mod:`kit.quotes.pronoun_model`), OFF: *he* and *she* would go to the
#: person that a learned ranking of the candidates scores highest. Grouped cross-validation on
#: PolNeAR's development part showed no gain over the rules (docs/quotes.md), so no weights are
#: shipped; ``evaluation/_train_pronoun_model.py`` trains them (``--out FILE``), and setting this to
#: the path of such a file turns the model on.
PRONOUN_MODEL: str | None = None


def _resolve_pronoun(art: _Article, pron: str, pos: int, para_start: int) -> Person | None:
    low = pron.lower()
    if low not in ("he", "she", "him", "her"):
        return _resolve_pronoun_rules(art, pron, pos, para_start)[0]
    found, story, sub, learnt = _resolve_pronoun_rules(art, pron, pos, para_start)
    if PRONOUN_MODEL or _pm.COLLECT is not None:
        g = _pronoun_gender(pron)
        cands = _pm.candidates(art, g, pos, found, story, sub)
        if _pm.COLLECT is not None:
            _pm.COLLECT.append((art.doc_id, pos, found, cands))
        if PRONOUN_MODEL:
            choice = _pm.choose(cands, found, _pm.load_model(PRONOUN_MODEL))
            if choice is not found:
                found, learnt = choice, True
                _note_rule(art, "PRONOUN_MODEL")
    if learnt and found is not None and found.gender is None and found.kind == "person":
        found.gender = _pronoun_gender(pron)  # rule PRONOUN_TELLS_GENDER: 'X said ... "...," he said.'
    return found


def _resolve_pronoun_rules(art: _Article, pron: str, pos: int, para_start: int):
    """The rules' choice for a pronoun: (entity, story speaker, paragraph subject, whether the
    pronoun may tell the entity's gender)."""
    g = _pronoun_gender(pron)
    hi = bisect.bisect_left(art.mention_pos, pos)
    story = sub = None
    if pron.lower() in ("he", "she", "him", "her"):
        story_pos, story = _story_speaker(art, pos, g)
        sub_pos, sub = _paragraph_subject(art, pos, para_start, g)
        found_pos, found = (sub_pos, sub) if sub is not None and sub_pos > story_pos else (story_pos, story)
        if found is not None:
            asked = _asked_person(art, found, found_pos, pos, g)
            _note_rule(art, "ASKED_ANSWERS" if asked is not None else
                       "PRONOUN_PARAGRAPH_SUBJECT" if found is sub and sub_pos > story_pos else "PRONOUN_FOLLOWS_STORY")
            return asked or found, story, sub, True
    if pron.lower() in ("they", "it", "we"):
        for m in reversed(art.mentions[max(0, hi - MAX_LOOKBACK):hi]):
            if m.entity.kind in ("org", "group"):
                _note_rule(art, "PRONOUN_ORGANISATION")
                return m.entity, story, sub, False
        return None, story, sub, False
    near = [m for m in art.mentions[max(0, hi - MAX_LOOKBACK):hi]
            if m.entity.kind == "person" and (g is None or _gender_of(art, m.entity) in (None, g))]
    near = [m for m in near if not m.passing] or near  # a name after a preposition comes last
    if not near:
        return None, story, sub, False
    cands = [m for m in near if not _in_quote(art, m.pos)] or near
    # the subject (first person) of the nearest sentence with a candidate; a sentence whose
    # subject is the same pronoun continues the chain and is skipped
    starts = art.sent_starts or [0]
    k = bisect.bisect_right(starts, pos) - 1
    steps = 0
    while k >= 0 and steps < 15:
        s0 = starts[k]
        s1 = min(starts[k + 1] if k + 1 < len(starts) else len(art.text), pos)
        sent = art.text[s0:s1]
        in_sent = [m for m in cands if s0 <= m.pos < s1]
        if s1 < pos and re.match(r"^[\s\"“”‘’']*(?:[A-Z][^,.]{0,60},\s+)?(?:he|she|He|She)\s", sent) and \
                (g is None or _pronoun_gender(re.search(r"\b(he|she|He|She)\b", sent).group(1)) == g):
            k -= 1
            steps += 1
            continue
        if in_sent:
            asked = _asked_person(art, in_sent[0].entity, in_sent[0].pos, pos, g)
            _note_rule(art, "ASKED_ANSWERS" if asked is not None else "PRONOUN_NEAREST_SUBJECT")
            return asked or in_sent[0].entity, story, sub, False
        k -= 1
        steps += 1
    _note_rule(art, "PRONOUN_NEAREST_PERSON")
    return cands[-1].entity, story, sub, False


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes import pronoun_model as _pm  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.attribution import _SPEECH_OR_PART  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.entities import MAX_LOOKBACK, Mention, Person, _Article  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.extract import _in_quote  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.name_shape import _calendar, _is_place  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.resolution import _note_rule, _resolve  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.textutil import _words  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.words import _CAP_RUN, _GENDER_NOUNS  # noqa: E402,F401 (imported last, as the modules refer to each other)
