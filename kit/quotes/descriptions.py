"""Resolving a description to an entity: roles linked to a person ('the foreign minister'), unnamed
speakers ('one senior official' ... 'the official'), documents, groups, organisations named in full and
news outlets ('the newspaper')."""
from __future__ import annotations

import bisect
import re

from kit.quotes.words import _NOT_LY_NOUN

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


#: Adverbs closing a head part ('a former diplomat now'), compiled once.
_TRAILING_ADVERBS = re.compile(r"(?:\s+(?:now|currently|formerly|previously|also|still|once|later|then|%s[a-z]+ly))+$"
                               % _NOT_LY_NOUN)


def _head_part(np_: str) -> tuple[str, str | None]:
    """Split a descriptive noun phrase at its first preposition: (head part, complement).

    >>> _head_part("a spokesperson for the ministry of health")
    ('a spokesperson', 'the ministry of health')
    """
    parts = _PREP_SPLIT.split(np_.strip(), maxsplit=1)
    # 'a former diplomat now at X': an adverb before the preposition is not the head
    head = _TRAILING_ADVERBS.sub("", parts[0])  # rule LY_NOUN: 'a longtime ally' keeps its noun
    return head, (parts[1] if len(parts) > 1 else None)


def _is_person_word(w: str) -> bool:
    """A noun for a person (role, job, title), not an organisation: 'spokesperson', 'diplomat'."""
    w = w.lower().rstrip(".")
    if w in _ORG_WORDS and w not in _TYPE_WORDS:
        return False
    return w in _TYPE_WORDS or w in _PERSON_TITLES or w in _LEADER_WORDS or w in _GENDER_NOUNS["f"] | _GENDER_NOUNS["m"] \
        or w in _SOURCE_NOUNS


#: Plurals of source nouns that do not end in a plain 's'.
_IRREGULAR_PLURALS = {"people": "person", "witnesses": "witness", "eyewitnesses": "eyewitness", "allies": "ally",
                      "men": "man", "women": "woman", "wives": "wife", "children": "child"}


def _is_source_noun(w: str) -> bool:
    """Rule DESCRIBED_SOURCE: a noun for an unnamed person who can speak that no title or type
    list holds, or the plural of one or of a type word ('one of those aides').

    >>> _is_source_noun("source"), _is_source_noun("witnesses"), _is_source_noun("aides"), _is_source_noun("states")
    (True, True, True, False)
    """
    w = w.lower()
    if w in _SOURCE_NOUNS:
        return True
    sing = _IRREGULAR_PLURALS.get(w) or (w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else None)
    return sing is not None and (sing in _SOURCE_NOUNS or sing in _TYPE_WORDS)


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
    \b(?:(?:[Nn]early|[Aa]lmost|[Aa]bout|[Rr]oughly|[Mm]ore\s+than)\s+(?=an?\s))?  # 'nearly a dozen' (APPROXIMATE_NUMBER)
    (?:[Aa]|[Aa]n|[Oo]ne|[Aa]nother)\s+               # the indefinite determiner
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
    # rule INTRODUCTION_ENDS_AT_VERB: the introduction ends before its verb ('a site executive tells
    # staff' -> 'a site executive'; 'one official replied' -> 'one official')
    np_ = _cut_clause(_trim_np(found))
    return _descriptor(np_) if np_ else None


def _resolve_role(art: _Article, np_: str, pos: int) -> Person | None:
    """'the foreign minister' -> the person the article linked to that role; 'the ministry' -> org."""
    words = [w for w in _role_words(_head_part(np_)[0]) if w not in (
        "the", "a", "an", "one", "another", "this", "that", "our", "chinese", "china's", "china’s", "u.s", "top", "senior")]
    while words and words[-1] in _LOWER_FUNCTION_WORDS:
        words = words[:-1]  # rule ROLE_HEAD_IS_A_NOUN: 'the coalition of' is headed by 'coalition'
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
    # rule ORGANISATION_NOT_ROLE: an organisation's noun names a person's role only as the role's
    # head ('the trust' is not 'Harbor Trust director Jo Pike', 'the campaign' not its manager)
    org_head = head in _ORG_WORDS and not _is_person_word(head)
    for at, rw, p in art.cache["roles"].get(head, ()):
        if org_head and rw[-1] != head:
            continue
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
    # the document's own noun phrase names it ('begins with the statement' -> 'the statement'), with
    # a determiner in lower case as organisations are named ('The report' -> 'the report')
    dm = re.search(r"\b(?:the|a|an|this|that|its|his|her|their)\s+(?:[\w’'-]+\s+){0,3}?(?:%s)\b.*$" % "|".join(_DOC_NOUNS), m, re.I)
    name = dm.group(0) if dm is not None and dm.start() > 0 else m
    name = re.sub(r"^(The|A|An|This|That|Its|His|Her|Their)\b", lambda g: g.group(1).lower(), name)
    return Person(name=name, tokens=tuple(name.split()), kind="document")


#: Rule POSSESSOR_SPEAKS: an owner, its possessive, then up to three lower-case modifiers and the
#: head noun that ends the mention ('Roe's plan', 'the dean's latest email').
_OWNED_THING = re.compile(r"""
    (?:(?P<owner>.+?)['’]s|(?P<owner_s>.+?s)['’])\s+  # the owner, its possessive ('Roe's', 'Sanders'')
    (?:[a-z][\w’'-]*\s+){0,3}            # up to three lower-case modifiers ('most recent storm')
    (?P<head>[a-z][\w-]*)                # the head noun, ending the mention
    """, re.VERBOSE)


def _owner_speaks(art: _Article, m: str, pos: int, para_start: int) -> Person | None:
    """Rule POSSESSOR_SPEAKS: a thing that carries its owner's words, written
    after the owner's possessive ('Roe's plan', 'the dean's latest email', 'the agency's storm
    update': ``words._OWNED_SPEECH_NOUNS``), speaks for its owner, as a document speaks for its
    issuer; the owner is resolved as any mention. None when ``m`` has no such shape, or when the
    owner resolves to nobody or to a document.

    >>> from kit.quotes.entities import _index_mentions
    >>> art = _Article(doc_id=1, paras=[], text="Ann Roe and Bo Sanders met. Roe's plan says")
    >>> roe, bo = Person(name="Ann Roe", tokens=("Ann", "Roe")), Person(name="Bo Sanders", tokens=("Bo", "Sanders"))
    >>> art.persons = {"Ann Roe": roe, "Bo Sanders": bo}
    >>> art.mentions = [Mention(0, 7, roe), Mention(12, 22, bo)]
    >>> _index_mentions(art)
    >>> _owner_speaks(art, "Roe's plan", 28, 28).name, _owner_speaks(art, "Roe's campaign manager", 28, 28)
    ('Ann Roe', None)
    >>> _owner_speaks(art, "Sanders' latest reply", 28, 28).name
    'Bo Sanders'
    """
    om = _OWNED_THING.fullmatch(m)
    if om is None or om.group("head") not in _OWNED_SPEECH_NOUNS:
        return None
    owner = (om.group("owner") or om.group("owner_s")).strip()
    if not owner or owner.lower() in _PRONOUN_WORDS:
        return None
    r = _resolve(art, owner, pos, para_start)
    return r if r is not None and r.kind != "document" else None


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


def _source_can_speak(np_: str) -> bool:
    """Rule SOURCE_CAN_SPEAK (session 17): whether a lower-case description can be a source: it names
    someone who can speak (``attribution._looks_speaker_np``: 'a senior official', 'the ministry') or a
    word of its head part is a thing that carries words (a document, a study, a poll, a plan: 'a 2014
    study', 'the emails', 'a book debunking myths'). 'the grade of the steel', 'the new ferry
    terminal', 'the May 3' name no source.

    >>> _source_can_speak("a recent study"), _source_can_speak("the committee's spokeswoman")
    (True, True)
    >>> _source_can_speak("the grade of the steel"), _source_can_speak("the new ferry terminal")
    (False, False)
    """
    if _looks_speaker_np(np_) or _name_like(np_):
        return True  # a name inside speaks for itself ('the court-released Acme University playbook')
    last = _words(np_.lower())[-1:] or [""]
    if last[0].endswith("s") and _PERSON_NOUN_SHAPE.fullmatch(last[0][:-1]) and last[0][:-1] not in _NOT_PERSON_NOUNS:
        return True  # a plural agent noun: 'hundreds of demonstrators'
    carriers = _WORD_CARRIERS | _DOC_NOUNS | _OWNED_SPEECH_NOUNS | _LAW_HEADS | _OUTLET_NOUNS | _KIN_SOURCES
    for w in _words(_head_part(np_)[0].lower()):
        w = re.sub(r"['’]s?$", "", w)
        if w in carriers or w.endswith("s") and w[:-1] in carriers:
            return True
    return False


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.attribution import (  # noqa: E402,F401 (imported last, as the modules refer to each other)
    _NAME_NP,
    _NOT_PERSON_NOUNS,
    _PERSON_NOUN_SHAPE,
    _looks_speaker_np,
    _name_like,
    _trim_np,
)
from kit.quotes.entities import MAX_LOOKBACK, Mention, Person, _Article  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.extract import _DOC_NOUNS, _LEADER_WORDS, _in_quote  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.name_shape import _PERSON_TITLES, _is_orgish, _is_place, _org_tokens, _strip_titles, _titled_name_at  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.names import _LOWER_FUNCTION_WORDS, _resolve_name  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.pronouns import _PRONOUN_WORDS  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.resolution import _cut_clause, _outlet_name, _resolve  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.textutil import _clean_mention, _words  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.words import (  # noqa: E402,F401 (imported last, as the modules refer to each other)
    _CAP_RUN,
    _GENDER_NOUNS,
    _GROUP_HEADS,
    _KIN_SOURCES,
    _LAW_HEADS,
    _ORG_RUN,
    _ORG_WORDS,
    _OUTLET_NAME_WORDS,
    _OUTLET_NOUNS,
    _OWNED_SPEECH_NOUNS,
    _SOURCE_NOUNS,
    _TYPE_WORDS,
    _WORD_CARRIERS,
)
