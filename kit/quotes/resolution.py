"""Resolving a speaker mention to an entity: names, pronouns, roles, groups, documents."""
from __future__ import annotations

import bisect
import re

from kit.quotes.words import _CALENDAR_WORDS, _PREPOSITION_OPENERS


def _resolve_name(art: _Article, mention: str, pos: int) -> Person | None:
    """A capitalised name (full or partial) to the nearest matching person or organisation."""
    toks = mention.split()
    titles, name_toks = _strip_titles(toks)
    if not name_toks:
        name_toks = toks
    if len(name_toks) >= 2 and _opener_word(name_toks[0], _lower_words(art)):
        name_toks = name_toks[1:]  # 'Stated Stanhope:' (rule in kit.quotes.entities._opener_word)
    if name_toks and name_toks[-1].endswith(("’s", "'s")):
        name_toks[-1] = name_toks[-1][:-2]
    low = [t.lower() for t in name_toks]
    key = " ".join(low)
    direct = art.persons.get(key)
    if direct is not None and (len(direct.tokens) >= 2 or direct.kind != "person"):
        return direct
    lkey = list(_name_key(name_toks))
    tg = _title_gender(titles)  # 'Mrs. Clinton' is never a man

    def fits(ent: Person) -> bool:
        if ent.kind == "person":  # name keys: initials and 'Jr.' do not count ('Mr. Biden' fits 'Joseph R. Biden Jr.')
            if tg is not None and ent.gender not in (None, tg):
                return False
            ekey = list(_name_key(ent.tokens))
            return 0 < len(lkey) < len(ekey) and (ekey[-len(lkey):] == lkey or ekey[:len(lkey)] == lkey)
        return key == " ".join(t.lower() for t in ent.tokens) or key == ent.name.lower()

    found = _nearest_fitting(art, low, pos, fits)
    if found is not None:
        return found
    if direct is not None:
        return direct
    heads = art.cache.get("headline_persons", {})
    if low and low[-1] in heads and len(low) == 1:
        return heads[low[-1]]
    # organisations by name
    for o in art.orgs.values():
        if key == " ".join(t.lower() for t in o.tokens):
            return o
    return None


def _nearest_fitting(art: _Article, low: list[str], pos: int, fits) -> Person | None:
    """The entity of the nearest mention that ``fits``, at or before ``pos``, else the nearest
    after it (a live blog, a surname before the full name). Only mentions sharing the first or
    last word of ``low`` are looked at (token index, walked from ``pos``). Rule SURNAME_WRITTEN:
    a surname alone ('Mr. Brandt') follows the mentions that write it, not 'Teddy' of *Teddy
    Brandt*; rule PASSING_NAME: a person named after a preposition only when nobody else fits."""
    n_upto = bisect.bisect_right(art.mention_pos, pos)  # mentions at or before pos
    before_i, after_i, fallback_i = -1, None, -1
    surname_only = low[0] if len(low) == 1 else None
    for t in {low[0], low[-1]} if low else ():
        lst = art.token_index.get(t, [])
        k = bisect.bisect_left(lst, n_upto)
        for i in reversed(lst[max(0, k - MAX_LOOKBACK):k]):
            if i <= before_i:
                break
            m = art.mentions[i]
            if fits(m.entity):
                if m.passing or (surname_only and surname_only not in art.text[m.pos:m.end].lower()):
                    fallback_i = max(fallback_i, i)
                    continue
                before_i = i
                break
        for i in lst[k:k + MAX_LOOKBACK]:
            if after_i is not None and i >= after_i:
                break
            if fits(art.mentions[i].entity):
                after_i = i
                break
    if before_i < 0 and after_i is None:
        before_i = fallback_i
    if before_i >= 0 and surname_only:
        spoke = art.cache.get("spoke", {})
        ent = art.mentions[before_i].entity
        near = art.mentions[before_i]
        head = _headline_person(art, surname_only, fits) if art.headline else None
        if head is not None and head is not ent:
            return head
        if not spoke.get(id(ent)) and not ("\n\n" not in art.text[near.end:pos] and _opens_sentence(art, near.pos)):
            # rule SURNAME_SPEAKER: with two people of one surname, 'Voss said' is the one who
            # has spoken before, not a relative or a victim named since ('Greta Voss');
            # but one introduced as a sentence's subject in the attribution's own paragraph
            # speaks: 'His sister, Grace Okoro, runs a company. "...," Okoro said.'

            for i in reversed(art.token_index.get(surname_only, [])[:bisect.bisect_left(
                    art.token_index.get(surname_only, []), before_i)][-MAX_LOOKBACK:]):
                e2 = art.mentions[i].entity
                if e2 is not ent and spoke.get(id(e2)) and fits(e2) and not art.mentions[i].passing \
                        and e2.kind == "person" and list(_name_key(e2.tokens))[-1:] == [surname_only]:
                    return e2
        return ent
    if before_i >= 0:
        return art.mentions[before_i].entity
    if after_i is not None:
        return art.mentions[after_i].entity
    return None


def _headline_person(art: _Article, surname: str, fits) -> Person | None:
    """Rule HEADLINE_PERSON: with two people of one surname in the article ('Ivy Marsh' and her
    father 'Don Marsh'), a bare surname is the one the headline names in full ('Ivy Marsh
    Champions Paid Leave'), when the headline names only one of them."""
    key = ("headline_person", surname)
    if key in art.cache:
        return art.cache[key]
    found: list[Person] = []
    for i in art.token_index.get(surname, []):
        e = art.mentions[i].entity
        if e.kind == "person" and len(e.tokens) >= 2 and e not in found and fits(e) \
                and list(_name_key(e.tokens))[-1:] == [surname]:
            found.append(e)
    named = [e for e in found if re.search(rf"(?<![\w’'-]){re.escape(e.tokens[0])}\s+(?:\S+\s+)?{re.escape(e.tokens[-1])}(?![\w-])",
                                           art.headline)]
    if found and not named:
        # the headline's person may be named in the body only inside a name the entity step
        # took for an organisation ('the Eric Marsh Foundation')
        h = _headline_name(art, found[0].tokens[-1], anywhere=False)
        if h is not None and h.name in art.text and all(_name_key(h.tokens) != _name_key(e.tokens) for e in found):
            found.append(h)
            named = [h]
    out = named[0] if len(found) >= 2 and len(named) == 1 else None
    art.cache[key] = out
    return out


def _opens_sentence(art: _Article, at: int) -> bool:
    """Is the mention at ``at`` among the first four words of its sentence (its subject)?"""
    starts = art.sent_starts or [0]
    s0 = starts[bisect.bisect_right(starts, at) - 1] if starts else 0
    return len(art.text[s0:at].split()) <= 4


def _pronoun_gender(p: str) -> str | None:
    p = p.lower()
    return "f" if p in ("she", "her") else "m" if p in ("he", "him", "his") else None


#: How many paragraphs back (besides the pronoun's own) the story's latest speaker is looked for.
STORY_PARAGRAPHS = 2
#: How many earlier sentences of saying are looked at for a speaker of the right gender.
STORY_EVENTS = 6


def _compatible(ent: Person | None, g: str | None, art: _Article | None = None) -> bool:
    """A person of gender ``g`` (None: any) that the article names (when ``art`` is given)."""
    if ent is None or ent.kind != "person" or (g is not None and ent.gender not in (None, g)):
        return False
    if art is None:
        return True
    known = art.cache.get("known_persons")
    if known is None:
        known = art.cache["known_persons"] = {id(p) for p in art.persons.values()}
    return id(ent) in known


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
            and _compatible(prev.entity, g):
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
        if _compatible(memo[i], g):
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
    ^(?:Although|Though|While|When|After|Before|As|Since|Because|If|Once|Until|In|On|At|During)\b
    [^,“”"]{3,160},\s+                                # the clause, no quotation, up to its comma
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
#: What may join a name to a later one inside the same subject: a possessive or role words
#: ('Obama consultant Jane Roe', 'Smith's spokesman John Doe', 'Former Acme CEO Jane Roe').
_SUBJECT_LINK = re.compile(r"""
    ^(?:['’]s)?                                       # a possessive
    \s+(?:[A-Za-z][\w.-]*\s+){1,3}$                   # one to three words (role words, no comma)
    """, re.VERBOSE)


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
    elif not _SUBJECT_PREFIX.match(prefix) or any(_looks_verb(w) or w.lower() in _NOT_ROLE
                                                or w.lower().endswith("ing") for w in prefix.split()):
        return None
    for m2 in ms[1:]:
        gap = art.text[m.end:m2.pos]
        if m2.entity.kind == "person" and _SUBJECT_LINK.match(gap) and \
                not any(_looks_verb(w) for w in gap.split()):
            m = m2
        else:
            break
    if any(_says_nearby(art, m3) for m3 in ms if m3.pos > m.pos and m3.entity.kind == "person"):
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
            found = _asked_person(art, found, found_pos, pos, g) or found
            return found, story, sub, True
    if pron.lower() in ("they", "it", "we"):
        for m in reversed(art.mentions[max(0, hi - MAX_LOOKBACK):hi]):
            if m.entity.kind in ("org", "group"):
                return m.entity, story, sub, False
        return None, story, sub, False
    near = [m for m in art.mentions[max(0, hi - MAX_LOOKBACK):hi]
            if m.entity.kind == "person" and (g is None or m.entity.gender in (None, g))]
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
            return _asked_person(art, in_sent[0].entity, in_sent[0].pos, pos, g) or in_sent[0].entity, story, sub, False
        k -= 1
        steps += 1
    return cands[-1].entity, story, sub, False


_ROLE_SYNONYMS = {"spokeswoman": "spokesperson", "spokesman": "spokesperson", "sen": "senator",
                  "rep": "representative", "congressman": "representative", "congresswoman": "representative",
                  "gov": "governor", "gen": "general", "brig": "brigadier", "adm": "admiral", "lt": "lieutenant",
                  "col": "colonel", "capt": "captain", "prof": "professor", "sgt": "sergeant", "maj": "major",
                  "chairwoman": "chair", "chairman": "chair", "chairperson": "chair", "defence": "defense",
                  "us": "u.s", "american": "u.s", "ceo": "executive", "secretary-general": "secretary"}


def _role_words(text: str) -> list[str]:
    text = text.lower().replace("under secretary", "undersecretary").replace("under-secretary", "undersecretary")
    text = text.replace("prime minister", "premier").replace("vice president", "vice-president")
    return [_ROLE_SYNONYMS.get(w.rstrip("."), w.rstrip(".")) for w in _words(text)]


#: Role words that do not make another role ('former president' is still 'the president').
_ROLE_GENERIC = frozenset("the a an former then current acting interim outgoing incoming new ex".split())

_INDEFINITE = re.compile(r"^(?:a|an|one|another|a\s+(?:second|third|fourth|fifth)|one\s+more)\s+", re.I)
_DETERMINER = re.compile(r"^(?:the|a|an|one|another|both|two|three|some|many|several|other)\s+", re.I)
_PREP_SPLIT = re.compile(r"\s+(?:of|for|at|from|with|in)\s+")


def _head_part(np_: str) -> tuple[str, str | None]:
    """Split a descriptive noun phrase at its first preposition: (head part, complement).

    >>> _head_part("a spokesperson for the ministry of health")
    ('a spokesperson', 'the ministry of health')
    """
    parts = _PREP_SPLIT.split(np_.strip(), maxsplit=1)
    # 'a former diplomat now at X': an adverb before the preposition is not the head
    head = re.sub(r"(?:\s+(?:now|currently|formerly|previously|also|still|once|later|then|[a-z]+ly))+$", "", parts[0])
    return head, (parts[1] if len(parts) > 1 else None)


def _is_person_word(w: str) -> bool:
    """A noun for a person (role, job, title), not an organisation: 'spokesperson', 'diplomat'."""
    w = w.lower().rstrip(".")
    if w in _ORG_WORDS and w not in _TYPE_WORDS:
        return False
    return w in _TYPE_WORDS or w in _PERSON_TITLES or w in _LEADER_WORDS or w in _GENDER_NOUNS["f"] | _GENDER_NOUNS["m"]


def _descriptor(np_: str) -> Person:
    """An unnamed speaker described by a noun phrase ('a United Nations spokesperson').

    The phrase (with its determiner, lower-cased) is the speaker's name, the words of the head
    part without the determiner are the role, and an organisation after a preposition or inside
    the head part is the affiliation.
    """
    np_ = _clean_mention(np_)
    if _DETERMINER.match(np_):
        np_ = np_[0].lower() + np_[1:]
    head, comp = _head_part(np_)
    role = _DETERMINER.sub("", head).strip() or None
    hw = _words(head)
    aff = None
    if comp and _is_orgish(_words(comp)) or comp and re.match(r"(?:the\s+)?[A-Z]", comp):
        aff = _clean_mention(comp)
    else:
        orgs = [r.group(0) for r in _ORG_RUN.finditer(head) if _is_orgish(r.group(0).split())]
        if orgs:
            aff = orgs[-1]
    kind = "org" if hw and hw[-1].lower() in _ORG_WORDS and not _is_person_word(hw[-1]) else "descriptor"
    return Person(name=np_, tokens=tuple(np_.split()), kind=kind, role=role if kind == "descriptor" else None,
                  affiliation=aff if kind == "descriptor" else None)


#: 'a', 'an', 'one' or 'another' and up to three words, ending where a head noun starts; the
#: words are modifiers, never a preposition, conjunction or verb, so the noun heads the phrase
#: ('a great fit for president' introduces no president).
_INTRO_BEFORE = re.compile(r"""
    \b(?:[Aa]|[Aa]n|[Oo]ne|[Aa]nother)\s+               # the indefinite determiner
    (?:(?!(?:for|of|to|in|at|on|with|as|by|from|and|or|but|is|was|are|were|be|who|that|which)\s)
       [\w’'-]+\s+){0,3}?                             # up to three modifiers
    $""", re.VERBOSE)
#: What follows the head noun of an introduction, to the end of its clause.
_INTRO_AFTER = re.compile(r"[^.;:!?,“”\"]{0,200}")


def _introductions(text: str, head: str) -> list[tuple[int, str]]:
    """Every introduction of someone by a head noun ('one senior official said'): (start,
    phrase to the end of its clause). Found from the head noun's occurrences, each looked at
    in a bounded window, so the cost is linear in the text.

    >>> _introductions("Later one senior official, who asked ...", "official")
    [(6, 'one senior official')]
    """
    out: list[tuple[int, str]] = []
    last_end = 0
    for hm in re.finditer(rf"\b{re.escape(head)}\b", text):
        lo = max(last_end, hm.start() - 80)
        im = _INTRO_BEFORE.search(text, lo, hm.start())
        if im is None:
            continue
        end = _INTRO_AFTER.match(text, hm.end()).end()  # type: ignore[union-attr]
        out.append((im.start(), text[im.start():end]))
        last_end = end
    return out


def _earlier_descriptor(art: _Article, head: str, pos: int, modifiers: tuple[str, ...] = ()) -> Person | None:
    """The nearest unnamed speaker introduced before ``pos`` with this head noun ('one senior official' ...
    'the official'); words inside quotation marks do not count. Rule DESCRIPTION_KEEPS_MODIFIERS:
    the introduction holds every modifier of the description ('the former official' is not
    'one senior official')."""
    ck = ("descriptor", head)
    if ck not in art.cache:  # every introduction with this head noun, found once per article
        art.cache[ck] = _introductions(art.text, head)
    found = None
    for start, grp in reversed(art.cache[ck]):
        if start < pos and not _in_quote(art, start) and (
                not modifiers or set(modifiers) <= set(_role_words(grp))):
            found = grp[:pos - start]
            break
    if found is None:
        return None
    np_ = _trim_np(found)
    return _descriptor(np_) if np_ else None


def _resolve_role(art: _Article, np_: str, pos: int) -> Person | None:
    """'the foreign minister' -> the person the article linked to that role; 'the ministry' -> org."""
    words = [w for w in _role_words(_head_part(np_)[0]) if w not in (
        "the", "a", "an", "one", "another", "this", "that", "our", "chinese", "china's", "china’s", "u.s", "top", "senior")]
    if not words:
        return None
    head = words[-1]
    if "roles" not in art.cache:
        by_word: dict[str, list[tuple[int, list[str], Person]]] = {}
        for at, role, p in art.role_links:
            rw = _role_words(role)
            for w in set(rw):
                by_word.setdefault(w, []).append((at, rw, p))
        art.cache["roles"] = by_word
    cands = []
    for at, rw, p in art.cache["roles"].get(head, ()):
        if all(w in rw for w in words[:-1]) and at <= pos:
            # rule ROLE_QUALIFIER: a role with a qualifier the description lacks ('World Bank
            # President Lo Pei', 'French President X') is another role than 'the president':
            # the latest person holding the role as written is taken first
            exact = set(rw) <= set(words) | _ROLE_GENERIC
            cands.append((exact, at, p))
    if cands:
        return max(cands, key=lambda x: (x[0], x[1]))[2]
    if head in _OUTLET_NOUNS:
        outlet = _latest_outlet(art, pos)
        if outlet is not None:
            return outlet
    if head in ("company", "firm", "carrier", "group", "business", "operator", "maker", "chipmaker", "airline", "club"):
        if "intro" not in art.cache:
            art.cache["intro"] = [(m.end(), m.group(1)) for m in re.finditer(
                r"\bthe\s+(?:[\w-]+\s+){0,2}?(?:company|firm|carrier|group|operator|maker|chipmaker|"
                r"airline|club|retailer|manufacturer|bank|insurer|startup|start-up)\s+"
                rf"({_NAME_NP})", art.text)]
        intro = [name for end, name in art.cache["intro"] if end <= pos]
        if intro:
            name = intro[-1]
            key = name.lower()
            return art.orgs.get(key) or Person(name=name, tokens=tuple(name.split()), kind="org")
    # organisations: 'the ministry', 'the airline', 'the college'
    stem = head.rstrip("s")
    hi = bisect.bisect_left(art.mention_pos, pos)
    for m in reversed(art.mentions[max(0, hi - MAX_LOOKBACK):hi]):
        if m.entity.kind == "org" and any(t.lower().rstrip("s") == stem for t in m.entity.tokens):
            return m.entity
    # unnamed descriptor earlier: 'one senior official' ... 'the official'
    return _earlier_descriptor(art, head, pos, tuple(words[:-1]))


def _latest_outlet(art: _Article, pos: int) -> Person | None:
    """Rule OUTLET_DESCRIPTION: 'the newspaper', 'the daily', 'the network' is the news outlet
    named last before ``pos`` (a name of the kit's outlet table, or an organisation whose name
    holds a newspaper or broadcaster word: *Post*, *Times*, *CNN*), None when there is none."""
    hi = bisect.bisect_left(art.mention_pos, pos)
    for m in reversed(art.mentions[max(0, hi - MAX_LOOKBACK):hi]):
        e = m.entity
        if e.kind == "org" and (any(t.strip(".,’'").lower() in _OUTLET_NAME_WORDS for t in e.tokens)
                                or _outlet_name(e.name) is not None):
            return e
    return None


_ACRONYM = re.compile(r"[A-Z]{2,6}")
#: Determiners and quantifiers that are never a speaker on their own.
_BARE_DETERMINERS = frozenset("the a an one another some many several both this that these those".split())
#: A short parenthesis after a name: party and state ('(R-OH)', '(D-N.Y.)'), an age or a handle.
_PARTY_STATE = re.compile(r"\s{0,3}\([^()]{1,30}\)")


def _known_org(art: _Article, mention: str) -> Person | None:
    """Rule KNOWN_ORGANISATIONS: a mention that is a known outlet ('USA Today', 'The Washington
    Post', from the kit's outlet table) or an acronym ('the FBI', 'CNN') is an organisation."""
    rest = re.sub(r"^(?:the|The)\s+", "", mention.strip().rstrip(".,"))
    rest = re.sub(r"['’]s$", "", rest)
    if not rest:
        return None
    outlet = _outlet_name(rest)
    if outlet is None and not (_ACRONYM.fullmatch(rest) and rest not in ("I", "OK", "TV")):
        return None
    name = outlet or rest
    key = name.lower()
    org = art.orgs.get(key)
    if org is None:
        org = art.orgs[key] = Person(name=name, tokens=tuple(name.split()), kind="org")
    return org


_OUTLETS: list = []  # the bundled outlet table, loaded on first use


def _outlet_name(name: str) -> str | None:
    if not _OUTLETS:
        from kit.readers.outlets import bundled_table

        try:
            _OUTLETS.append(bundled_table())
        except Exception:  # noqa: BLE001 (an unreadable outlet table must not stop quote extraction)
            _OUTLETS.append(None)
    return _OUTLETS[0].lookup_name(name) if _OUTLETS[0] is not None else None


def _resolve(art: _Article, mention: str, pos: int, para_start: int) -> Person | None:
    """Resolve a speaker mention written at ``pos``: pronoun, known organisation, document,
    group, organisation named in full, description, or capitalised name, tried in that order."""
    m = _PARTY_STATE.sub("", mention).strip()  # 'Sen. Chuck Schumer (D-N.Y.)'
    first, _, rest = m.partition(" ")
    if rest[:1].isupper() and first in SPEECH_VERBS:
        m = rest  # '"...," said Rep. Bo Scott at the time, adding that "..."': the subject of 'adding'
    m = _cut_clause(m)
    if not m:
        return None
    low = m.lower()
    if low in ("he", "she", "they", "it", "we", "him", "her"):
        return _resolve_pronoun(art, low, pos, para_start)
    if low in _BARE_DETERMINERS or (" " not in low and m in _LOWER_FUNCTION_WORDS):
        return None  # 'One said' (of 'One tweet said', cut), 'on': a function word names nobody
    words = _words(low)
    found = _known_org(art, m) or _resolve_document(art, m, words, pos, para_start) or _group_mention(m, words, low)
    if found is not None:
        return found
    # a person described by a role: 'a United Nations spokesperson', 'a spokesman for the Ministry
    # of Trade' (the organisation is the affiliation, not the speaker)
    hp_words = _words(_head_part(m)[0])
    person_head = bool(hp_words) and _is_person_word(hp_words[-1])
    org = None if person_head else _org_named_in_full(art, m)
    if org is not None:
        return org
    if _CAPITALISED_DESCRIPTION.fullmatch(m) and low.split()[0] not in _DESCRIBED_OPENERS \
            and _not_a_name_word(art, m.split(None, 1)[0]):
        # rule CAPITALISED_DESCRIPTION: 'Legal observers said', 'Other scientists called it':
        # a description that opens a sentence, not the capitalised word alone
        first = m.split(None, 1)[0]
        d = _trim_np((m[0].lower() + m[1:]) if first in _CAP_STOP or first.lower() in _lower_words(art) else m)
        last = d.split()[-1] if d else ""
        if len(d.split()) >= 2 and last.lower() not in _NOT_A_HEAD and not last.endswith("ly"):
            return _resolve_described(art, d, [], pos, person_head)
    # proper names (possibly after a title or a role written in lower case)
    runs = [r for r in _CAP_RUN.finditer(m)]
    possessive_np = bool(re.match(rf"^(?:{_NAME_NP})['’]s\s+[a-z]", m)) and not _name_like(m.split(None, 1)[1])
    if low.split()[0] in _DESCRIBED_OPENERS or not runs \
            or m[0].islower() or possessive_np:
        return _resolve_described(art, m, runs, pos, person_head)
    return _resolve_capitalised(art, runs, pos)


#: Rule CLAUSE_IN_MENTION: lower-case finite verbs that end a speaker mention taken from the
#: words before a quote ('the Q poll also finds that' -> 'the Q poll', 'a website called' -> 'a
#: website', 'Trump shot back in a statement' -> 'Trump'); verbs of saying end it too.
_MENTION_VERBS = frozenset("""
is was are were has had goes went held holds shot hits finds found reads reveals revealed
affirms affirmed vary varies known claims claimed shows showed lists listed
""".split())
#: Adverbs and reflexives that trail a mention cut before its verb ('Paul then', 'Obama himself').
_TRAILING_ADVERBS = frozenset("""
also then now again later still once previously earlier too even himself herself themselves itself
""".split())


def _cut_clause(m: str) -> str:
    """Rule CLAUSE_IN_MENTION: a mention ends before its first lower-case finite verb or verb
    of saying (from its second word on), and trailing adverbs come off.

    >>> _cut_clause("the Q poll also finds that"), _cut_clause("Trump shot back in a statement")
    ('the Q poll', 'Trump')
    >>> _cut_clause("Paul then"), _cut_clause("a spokesman for the ministry")
    ('Paul', 'a spokesman for the ministry')
    >>> _cut_clause("the Acme campaign on Tuesday"), _cut_clause("the report")
    ('the Acme campaign', 'the report')
    """
    ws = m.split()
    if len(ws) < 2:
        return m
    for k in range(1, len(ws)):
        w = ws[k]
        if w[:1].islower() and ws[k - 1].lower() not in _BARE_DETERMINERS and (w in _MENTION_VERBS or (
                w in SPEECH_VERBS and (w.endswith(("ed", "s")) or w in ("said", "told", "wrote")))):
            # not a noun ('the report', 'One tweet'), and no name after it ('this explains why Ann Lee')
            if not any(t[:1].isupper() for t in ws[k + 1:]):
                ws = ws[:k]
            break
        if w.lower() in ("on", "last", "this", "late", "early") and k + 1 < len(ws) and \
                ws[k + 1].lower().rstrip(".,") in _CALENDAR_WORDS:
            ws = ws[:k]  # 'the Trump campaign on Tuesday': a time, not part of the speaker
            break
    while len(ws) > 1 and ws[-1][:1].islower() and (ws[-1] in _TRAILING_ADVERBS or (ws[-1].endswith("ly") and len(ws[-1]) > 4)):
        ws = ws[:-1]
    return " ".join(ws)


#: Rule CAPITALISED_DESCRIPTION: one capitalised word, then only lower-case words (a
#: description that opens a sentence: 'Legal observers', 'Current sea temperatures').
_CAPITALISED_DESCRIPTION = re.compile(r"""
    [A-Z][\w’'-]*                      # the sentence's first word, capitalised
    (?:\s+[a-z][\w’'-]*){1,5}          # then only lower-case words (a noun phrase)
    """, re.VERBOSE)


#: Words that never head a description (rule CAPITALISED_DESCRIPTION: 'Texas and', 'First there').
_NOT_A_HEAD = frozenset("""
and or but nor as there here who whom which that what long so too very much more most less least
percent follows following ago
""".split())


def _not_a_name_word(art: _Article, word: str) -> bool:
    """A capitalised word that is no token of a person named in the article nor a pronoun: the
    first word of a description ('Legal' of 'Legal observers'), not 'Trump' of 'Trump aides'."""
    low = re.sub(r"[’']s?$", "", word.lower())
    if _ACRONYM.fullmatch(word) or low in art.orgs or _is_place([word]) or _known_org(art, word) is not None:
        return False
    if low in _PRONOUN_WORDS or low.rstrip("’'s") in _PRONOUN_WORDS or low.startswith(("they", "she", "he", "we")):
        return False
    tokens = art.cache.get("person_tokens")
    if tokens is None:
        tokens = art.cache["person_tokens"] = {t.lower() for p in art.persons.values() for t in p.tokens}
    return low not in tokens


#: Determiners that open a description ('the foreign minister', 'a senior official').
_DESCRIBED_OPENERS = ("the", "a", "an", "one", "another", "both", "two", "some", "many", "several")


def _resolve_document(art: _Article, m: str, words: list[str], pos: int, para_start: int) -> Person | None:
    """Documents speak for whoever issued them: 'the statement said', 'the ministry's summary
    said' (a capitalised 'Post' or 'Journal' names a newspaper, not a document); None when
    ``m`` names no document."""
    orig = _words(m)
    doc_at = next((k for k, w in enumerate(words) if w in _DOC_NOUNS and not orig[k][:1].isupper()), None)
    if doc_at is None or not (doc_at == len(words) - 1 or words[doc_at + 1] in ("of", "from", "by", "issued", "released")):
        return None
    poss = re.match(r"^(.*?)['’]s?\s+(?:own\s+|latest\s+|new\s+|official\s+|written\s+)?(?:%s)\b" % "|".join(_DOC_NOUNS), m)
    if poss and poss.group(1).strip():
        r = _resolve(art, poss.group(1), pos, para_start)
        if r is not None:
            return r
    by = re.search(r"\b(?:%s)\s+(?:(?:issued|released|published|signed|filed|written|prepared|submitted|sent|authored)\s+)?(?:by|from)\s+(.+)$" % "|".join(_DOC_NOUNS), m)
    if by and by.group(1).strip():
        r = _resolve(art, by.group(1), pos, para_start)
        if r is not None and r.kind != "document":
            return r
    return Person(name=m, tokens=tuple(m.split()), kind="document")


def _group_mention(m: str, words: list[str], low: str) -> Person | None:
    """Groups: 'analysts at X', 'both sides', 'some economists' (None when ``m`` is none)."""
    if words and (words[0] in _GROUP_HEADS or (len(words) > 1 and words[0] in ("both", "some", "many", "several", "two", "three", "other")
                                               and words[1] in _GROUP_HEADS)) and (words[-1] in _GROUP_HEADS or re.search(r"\b(?:at|of|from|in|with)\b", low)):
        return Person(name=_clean_mention(m[0].lower() + m[1:] if m.split()[0].lower() in ("both", "the") else m),
                      tokens=tuple(m.split()), kind="group")
    return None


def _org_named_in_full(art: _Article, m: str) -> Person | None:
    """An organisation named in full in the mention (not 'Foreign Ministry spokesperson Shen Meiling')."""
    for om in _ORG_RUN.finditer(m):
        if _titled_name_at(om.group(0).split()) is not None:
            continue  # 'Senate Minority Whip Dick Durbin', 'House Speaker Paul Ryan': a person
        ot = _org_tokens(om.group(0).split())
        tail = m[om.end():]
        if ot and _is_orgish(ot) and not _name_like(tail) and not any(
                w in _PERSON_TITLES or w in _TYPE_WORDS for w in _words(tail.lower())):
            key = re.sub(r"['’]s$", "", " ".join(ot)).lower()
            if key in art.orgs:
                return art.orgs[key]
            name = re.sub(r"['’]s$", "", " ".join(ot))
            if re.search(rf"\bthe\s+{re.escape(ot[0])}", m, re.I):
                name = "the " + name  # 'The Pentagon' -> 'the Pentagon', as organisations are named
            return Person(name=name, tokens=tuple(ot), kind="org")
    return None


def _resolve_described(art: _Article, m: str, runs: list, pos: int, person_head: bool) -> Person | None:
    """A mention opened by a determiner or a lower-case word: 'the foreign minister', 'analysts
    at X', 'both sides', 'Foreign Ministry spokesperson Shen Meiling' (a name at its end wins)."""
    low = m.lower()
    head_m = _head_part(m)[0]
    if runs and head_m != m:
        # rule NAME_OF_PLACE: 'undecided voter Lena Brisk of Keene': the name ending the
        # head part speaks, the place after 'of' is where she lives
        hr = list(_CAP_RUN.finditer(head_m))
        if hr and hr[-1].end() == len(head_m.rstrip(",. ")):
            _, nt = _strip_titles(hr[-1].group(0).split())
            if len(nt) >= 2 and not _is_orgish(nt) and not _is_place(nt):
                r = _resolve_name(art, " ".join(nt), pos)
                return r if r is not None else Person(name=" ".join(nt), tokens=tuple(nt))
    if runs:
        last = runs[-1]
        _, nt = _strip_titles(last.group(0).split())
        if nt and not _is_orgish(nt) and last.end() == len(m.rstrip(",. ")) and (
                len(nt) >= 2 or _resolve_name(art, " ".join(nt), pos)):
            r = _resolve_name(art, " ".join(nt), pos)
            if r is not None:
                return r
            if len(nt) >= 2:
                return Person(name=" ".join(nt), tokens=tuple(nt))
    words = _words(low)
    head = words[-1] if words else ""
    if head in _GROUP_HEADS or re.search(r"\b(?:at|of|from|in|with)\b", low) and words and words[0] in _GROUP_HEADS:
        return Person(name=_clean_mention(m[0].lower() + m[1:] if m[:4].lower() in ("both", "the ") else m),
                      tokens=tuple(m.split()), kind="group")
    if _INDEFINITE.match(m):
        # 'a senior official', 'another diplomat': someone new, never a person named before
        return _descriptor(m)
    r = _resolve_role(art, m, pos)
    if r is not None:
        return r
    if runs and _is_orgish(runs[-1].group(0).split()) and not person_head:
        name = runs[-1].group(0)
        return art.orgs.get(name.lower()) or Person(name=name, tokens=tuple(name.split()), kind="org")
    return _descriptor(m)


def _resolve_capitalised(art: _Article, runs: list, pos: int) -> Person | None:
    """A capitalised mention: the run that names a known person (a full name before a
    surname), else the last full name; never a place, nor a sentence's first word that the
    article also writes in lower case ('Rattling off promises, ...')."""
    found = []
    for run in runs:
        r = _resolve_name(art, run.group(0), pos)
        if r is not None and (r.kind == "person" or len(runs) == 1):
            found.append((len(_strip_titles(run.group(0).split())[1]), r))
    if found:
        full = [r for n_tok, r in found if n_tok >= 2]
        return full[-1] if full else found[0][1]
    cand = runs[0].group(0)
    for run in reversed(runs):
        _, nt = _strip_titles(run.group(0).split())
        if len(nt) >= 2 and not _is_orgish(nt):
            cand = run.group(0)
            break
    r = _resolve_name(art, cand, pos)
    if r is not None:
        return r
    toks = cand.split()
    _, nt = _strip_titles(toks)
    if _is_orgish(toks):
        name = re.sub(r"['’]s$", "", cand)
        return Person(name=name, tokens=tuple(name.split()), kind="org")
    nt = _name_shape(nt, _lower_words(art))
    if nt and not (len(nt) == 1 and nt[0].lower() in _lower_words(art)) and not _is_place(nt):
        if len(nt) < len(toks):
            r = _resolve_name(art, " ".join(nt), pos)  # 'Of Carson', 'Playing Trump': the name after the opener
            if r is not None:
                return r
        if len(nt) == 1:
            r = _headline_name(art, nt[0])
            if r is not None:
                return r
        return Person(name=" ".join(nt), tokens=tuple(nt))
    return None


def _headline_name(art: _Article, surname: str, anywhere: bool = True) -> Person | None:
    """Rule HEADLINE_NAME: a surname that no person of the body carries takes the full name the
    headline writes ('Cora Lind: I Am Done With Men Telling Us' and later '"...," Lind said'),
    or the body inside a title the entity step did not read as a person ('The Cora Lind Show'):
    the word before the surname in the headline is its given name when the body never writes
    that word in lower case and it is no title or sentence word (a title-case headline glues
    words to names: 'Understated Lind' is no name). One person per article and surname."""
    key = ("headline_name", surname, anywhere)
    if key in art.cache:
        return art.cache[key]
    found = None
    where = art.headline + "\n" + art.text if anywhere else art.headline
    if len(surname) > 1:
        lower = _lower_words(art)
        for m in re.finditer(rf"(?<![\w’'-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+{re.escape(surname)}(?![\w’'-])", where):
            given = m.group(1)
            prev = re.search(r"([A-Z][a-z]+)\s+$", where[max(0, m.start() - 30):m.start()])
            lead = [prev.group(1)] if prev and prev.group(1) not in _CAP_STOP else []
            if lead and (lead[0].lower() in lower or _is_orgish(lead) or _is_title_token(lead[0])):
                continue  # inside a longer capitalised name ('Royal Dutch Shell'): no given name
            if given.lower() in lower or given in _CAP_STOP or _is_title_token(given) or _participle_opener(given) \
                    or given.lower() in SPEECH_VERBS or _is_orgish([given]) or _is_place([given, surname]):
                continue
            toks = (*lead, given, surname)  # 'Luther Stan Pate': the whole name
            found = Person(name=" ".join(toks), tokens=toks)
            break
    art.cache[key] = found
    return found


#: A job word before a name at a sentence start (as in kit.quotes.entities._name_tokens).
_JOB_WORD = re.compile(r"[A-Z][a-z]+(?:er|or|ist|ian|man|woman|person|ant|ent)")
#: A pronoun with a contracted verb ('She's', 'They're'), never a name.
_PRONOUN_CONTRACTION = re.compile(r"(?:[Ss]he|[Hh]e|[Tt]hey|[Ww]e|I|[Yy]ou|[Ii]t)['’](?:s|re|ll|d|ve|m)")


#: Words that open a sentence before a name and are never a given name ('Of Carson', 'For
#: Britain', 'Regarding Trump'): prepositions and determiners (not 'Will', 'May' or 'New').
_LEADING_FUNCTION_WORDS = frozenset("""
The A An This That These Those In On At For From To Of By With Without About After Before Since
Until During Despite Under Over Between Among Against Within Across Around Near Inside Outside
Beyond Through Throughout Like Unlike Amid Along Toward Towards Upon And But Or Nor If When While
As Although Though Because According
""".split()) | _PREPOSITION_OPENERS


#: Rule STRAY_PHRASE: a lone lower-case preposition or conjunction is never a speaker.
_LOWER_FUNCTION_WORDS = frozenset(w.lower() for w in _LEADING_FUNCTION_WORDS)


def _name_shape(tokens: list[str], lower: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Rule STRAY_PHRASE (issue 11 item 1): the name words of a capitalised mention that the
    entity step did not know, or [] when the mention has no name's shape: a leading sentence word
    or preposition (``_CAP_STOP``: 'Of Carson' -> 'Carson', 'Regarding Trump') and a leading
    participle or verb of saying (rule PARTICIPLE_OPENER: 'Impeaching Trump') come off; a run
    still holding such a word, a day or a holiday (rule CALENDAR_NOT_SPEAKER: 'Super Tuesday')
    or a lone participle ('Boasting', 'Using') names nobody.

    >>> _name_shape(["Of", "Carson"]), _name_shape(["Super", "Tuesday"]), _name_shape(["Boasting"])
    (['Carson'], [], [])
    >>> _name_shape(["Playing", "Trump"]), _name_shape(["Sterling", "Brown"])
    (['Trump'], ['Sterling', 'Brown'])
    """
    toks = list(tokens)
    while toks and (toks[0] in _LEADING_FUNCTION_WORDS or (len(toks) > 1 and _participle_opener(toks[0]))):
        toks = toks[1:]
    if not toks or _calendar(toks) or any(map(_glued_words, toks)) or _PRONOUN_CONTRACTION.fullmatch(toks[0]):
        return []
    if len(toks) >= 3 and _JOB_WORD.fullmatch(toks[0]) and not _is_initial(toks[1]) and (
            toks[0].lower() in _TYPE_WORDS or toks[0].lower() in _TITLE_WORDS or toks[0].lower() in lower):
        toks = toks[1:]  # 'Journalist Ada Lark', 'Actor Bo Hale': a job, not a given name ('Brent')
    if len(toks) == 1 and _participle_opener(toks[0]):
        return []
    return toks


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes import pronoun_model as _pm  # noqa: E402 (imported last, as the modules refer to each other)
from kit.quotes.attribution import _NAME_NP, _SPEECH_OR_PART, _name_like, _trim_np  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.entities import (  # noqa: E402,F401 (imported last, as the modules refer to each other)
    _PERSON_TITLES,
    MAX_LOOKBACK,
    Mention,
    Person,
    _Article,
    _calendar,
    _glued_words,
    _is_initial,
    _is_orgish,
    _is_place,
    _lower_words,
    _name_key,
    _opener_word,
    _org_tokens,
    _participle_opener,
    _strip_titles,
    _title_gender,
    _titled_name_at,
)
from kit.quotes.extract import _DOC_NOUNS, _LEADER_WORDS, _in_quote  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.textutil import _clean_mention, _is_title_token, _words  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.words import (  # noqa: E402,F401 (imported last, as the modules refer to each other)
    _CAP_RUN,
    _CAP_STOP,
    _GENDER_NOUNS,
    _GROUP_HEADS,
    _ORG_RUN,
    _ORG_WORDS,
    _OUTLET_NAME_WORDS,
    _OUTLET_NOUNS,
    _TITLE_WORDS,
    _TYPE_WORDS,
    SPEECH_VERBS,
)
