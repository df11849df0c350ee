"""Resolving a speaker mention to an entity: :func:`_resolve` tries a pronoun, a known organisation, a
document, a group, an organisation named in full, a description and a capitalised name, in that order
(the steps are in :mod:`kit.quotes.pronouns`, :mod:`kit.quotes.descriptions` and :mod:`kit.quotes.names`),
after the clause glued to the mention is cut (rule CLAUSE_IN_MENTION)."""
from __future__ import annotations

import re

_ACRONYM = re.compile(r"[A-Z]{2,6}")
#: Determiners and quantifiers that are never a speaker on their own.
_BARE_DETERMINERS = frozenset("the a an one another some many several both this that these those".split())
#: A short parenthesis after a name: party and state ('(R-OH)', '(D-N.Y.)'), an age or a handle.
_PARTY_STATE = re.compile(r"\s{0,3}\([^()]{1,30}\)")


#: Patterns of _known_org, compiled once (as written inline before).
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_POSSESSIVE_END = re.compile(r"['’]s$")
_LEADING_LOWER_THE = re.compile(r"^the\s+")


def _known_org(art: _Article, mention: str) -> Person | None:
    """Rule KNOWN_ORGANISATIONS: a mention that is a known outlet ('USA Today', 'The Washington
    Post', from the kit's outlet table) or an acronym ('the FBI', 'CNN') is an organisation."""
    rest = _LEADING_THE.sub("", mention.strip().rstrip(".,"))
    rest = _POSSESSIVE_END.sub("", rest)
    if not rest:
        return None
    outlet = _outlet_name(rest)
    if outlet is None and not (_ACRONYM.fullmatch(rest) and rest not in ("I", "OK", "TV")):
        return None
    name = outlet or rest
    key = name.lower()
    # the outlet table's 'The New York Times' is the article's 'New York Times' (one speaker)
    org = art.orgs.get(key) or art.orgs.get(_LEADING_LOWER_THE.sub("", key))
    if org is None:
        org = art.orgs[key] = Person(name=name, tokens=tuple(name.split()), kind="org")
    return org


_OUTLETS: list = []  # the bundled outlet table, loaded on first use


def _outlet_name(name: str) -> str | None:
    """The outlet the bundled table names ``name`` (its spelling there), or None. Rule OUTLET_DESK
    (session 16): an outlet's name and one desk word after it ('Bloomberg Environment', 'CNN
    Politics': ``words._OUTLET_DESKS``) is that outlet's desk, an outlet too, named as written.

    >>> _outlet_name("Washington Post"), _outlet_name("CNN Politics"), _outlet_name("Ann Politics")
    ('The Washington Post', 'CNN Politics', None)
    """
    if not _OUTLETS:
        from kit.readers.outlets import bundled_table

        try:
            _OUTLETS.append(bundled_table())
        except Exception:  # noqa: BLE001 (an unreadable outlet table must not stop quote extraction)
            _OUTLETS.append(None)
    table = _OUTLETS[0]
    if table is None:
        return None
    found = table.lookup_name(name)
    if found is None:
        head, _, desk = name.strip().rpartition(" ")
        if head and desk in _OUTLET_DESKS and table.lookup_name(head) is not None:
            return _LEADING_THE.sub("", name.strip())
    return found


def _note_rule(art: _Article, rule: str) -> None:
    """Record ``rule`` (a name of :data:`kit.quotes.columns.SPEAKER_RULES`) as the rule that chose the
    speaker being resolved. Only the outermost resolution records: a mention resolved on the way (an
    earlier speaker a pronoun is compared with, a document's issuer) does not overwrite it."""
    if art.cache.get("resolve_depth", 0) <= 1:
        art.cache["rule"] = rule


def _clear_rule(art: _Article) -> None:
    """Forget the rule noted so far, with the same guard as :func:`_note_rule`: only the outermost
    resolution clears, so a mention resolved on the way never wipes the rule of the speaker being
    resolved. Every write of ``art.cache["rule"]`` inside a resolution goes through these two."""
    if art.cache.get("resolve_depth", 0) <= 1:
        art.cache["rule"] = None


def _resolve(art: _Article, mention: str, pos: int, para_start: int) -> Person | None:
    """Resolve a speaker mention written at ``pos``: pronoun, known organisation, document,
    group, organisation named in full, description, or capitalised name, tried in that order.
    The rule that chose the entity is left in ``art.cache["rule"]`` (the ``speaker_rule`` column)."""
    cache = art.cache
    depth = cache.get("resolve_depth", 0)
    cache["resolve_depth"] = depth + 1
    try:
        return _resolve_mention(art, mention, pos, para_start)
    finally:
        cache["resolve_depth"] = depth


def _rule_word(w: str) -> str:
    """A word as the rules compare it, in a mention and in an entity's tokens alike: lower case,
    without the stops and apostrophes around it ('Jr.' -> 'jr', 'Ray,' -> 'ray')."""
    return w.lower().strip(".,’'")


def _mention_words(m: str) -> set[str]:
    """The words of a mention, each as :func:`_rule_word` compares it."""
    return {_rule_word(w) for w in m.split()}


def _name_rule(art: _Article, m: str, ent: Person | None) -> str | None:
    """The rule of a capitalised mention's entity, from what the entity is and what the mention writes
    of it: FULL_NAME (two or more of the person's words), SURNAME_NEAREST (one word of a longer
    name: the nearest person carrying it), NAME_AS_WRITTEN (a name the entity step did not know, or
    a one-word name with no longer form), ORGANISATION_NAME."""
    if ent is None:
        return None
    if ent.kind == "org":
        return "ORGANISATION_NAME"
    if not _known_person(art, ent) or len(ent.tokens) < 2:
        return "NAME_AS_WRITTEN"
    written = _mention_words(m)
    n = sum(1 for t in ent.tokens if _rule_word(t) in written)
    return "FULL_NAME" if n >= 2 else "SURNAME_NEAREST"


def _described_rule(art: _Article, m: str, ent: Person | None) -> str | None:
    """The rule of a described mention's entity ('the senator', 'a spokesperson for X', 'the
    newspaper', 'Foreign Ministry spokesperson Shen Meiling')."""
    if ent is None:
        return None
    written = _mention_words(m)
    inside = all(_rule_word(t) in written for t in ent.tokens)
    if ent.kind == "group":
        return "GROUP"
    if ent.kind == "descriptor":
        return "DESCRIPTION_KEPT" if inside else "EARLIER_DESCRIPTION"
    if ent.kind == "org":
        if inside:
            return "ORGANISATION_NAME" if any(t[:1].isupper() for t in ent.tokens) else "DESCRIPTION_KEPT"
        words = _words(m.lower())
        return "OUTLET_DESCRIPTION" if words and words[-1] in _OUTLET_NOUNS else "ROLE_OF_ORGANISATION"
    if ent.kind == "person":
        return _name_rule(art, m, ent) if inside or any(
            _rule_word(t) in written for t in ent.tokens[-1:]) else "ROLE_OF_PERSON"
    return None


def _ruled(art: _Article, ent: Person | None, rule: str | None) -> Person | None:
    """``ent``, with ``rule`` recorded unless a more specific rule was noted while it was found."""
    if ent is not None and rule is not None and art.cache.get("rule") is None:
        _note_rule(art, rule)
    return ent


def _resolve_mention(art: _Article, mention: str, pos: int, para_start: int) -> Person | None:
    """:func:`_resolve` itself (the outermost call records the rule)."""
    _clear_rule(art)
    m = _PARTY_STATE.sub("", mention).strip()  # 'Sen. Ray Donnelly (D-N.M.)'
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
    if " " in m and _RELATIVE_END.search(m):  # 'a senior aide who' is the aide
        m = _RELATIVE_END.sub("", m)
        if m.split(None, 1)[0].lower() in _DESCRIBED_OPENERS:
            m = m[0].lower() + m[1:]  # 'Another Lutheran who' opened a sentence: a description, no name
    if _function_word_head(m):
        head, _, _ = m.rpartition(" ")
        prev = head.split()[-1]
        if not prev[:1].isupper() or prev.lower() in _BARE_DETERMINERS:
            return None  # rule FUNCTION_WORD_HEAD: 'one can', 'the does', 'many of whom' name nobody
        m = head  # 'Roe hasn't': the name before the verb
    low = m.lower()
    if _law_name(m):  # rule ORG_NAME_TAIL: 'the Harbor Protection and Fair Wages Act' speaks as itself
        return _ruled(art, Person(name=m, tokens=tuple(m.split()), kind="document"), "DOCUMENT_WITHOUT_ISSUER")
    words = _words(low)
    found = _known_org(art, m)
    if found is not None:
        return _ruled(art, found, "KNOWN_ORGANISATION")
    found = _resolve_document(art, m, words, pos, para_start)
    if found is not None:  # rule DOCUMENT_WITHOUT_ISSUER, or 'the ministry's statement': its issuer
        if found.kind == "document":
            _clear_rule(art)  # the issuer's name is no rule of this mention
            return _ruled(art, found, "DOCUMENT_WITHOUT_ISSUER")
        _clear_rule(art)
        return _ruled(art, found, "ISSUER_NAMED")
    found = _owner_speaks(art, m, pos, para_start)
    if found is not None:  # rule POSSESSOR_SPEAKS: 'Roe's plan says' is Roe's word
        _clear_rule(art)
        return _ruled(art, found, "POSSESSOR_SPEAKS")
    found = _group_mention(m, words, low)
    if found is not None:
        return _ruled(art, found, "GROUP")
    # a person described by a role: 'a United Nations spokesperson', 'a spokesman for the Ministry
    # of Trade' (the organisation is the affiliation, not the speaker)
    hp_words = _words(_head_part(m)[0])
    person_head = bool(hp_words) and _is_person_word(hp_words[-1])
    named = None if person_head else _name_of_organisation(art, m, pos)
    if named is not None:  # rule NAME_OF_ORGANISATION: 'Ann Roe of the Harbor League' is Ann Roe
        return _ruled(art, named, _name_rule(art, m, named))
    org = None if person_head else _org_named_in_full(art, m)
    if org is not None:
        return _ruled(art, org, "ORGANISATION_NAME")
    if _CAPITALISED_DESCRIPTION.fullmatch(m) and low.split()[0] not in _DESCRIBED_OPENERS \
            and _not_a_name_word(art, m.split(None, 1)[0]):
        # rule CAPITALISED_DESCRIPTION: 'Legal observers said', 'Other scientists called it':
        # a description that opens a sentence, not the capitalised word alone
        first = m.split(None, 1)[0]
        d = _trim_np((m[0].lower() + m[1:]) if first in _CAP_STOP or first.lower() in _lower_words(art) else m)
        last = d.split()[-1] if d else ""
        if len(d.split()) >= 2 and (last.lower() not in _NOT_A_HEAD and not _ly_adverb(last)
                                    or _SHARE.fullmatch(d)):  # rule SHARE_OF_PEOPLE: 'Forty-one percent'
            found = _resolve_described(art, d, [], pos, person_head)
            return _ruled(art, found, _described_rule(art, d, found))
    toks = m.split()
    if toks[0].rstrip(".,").lower() in _PERSON_TITLES and (len(toks) == 1 or toks[1] in ("of", "at", "for") and _is_orgish(
            [t for t in toks[2:] if t.lower() != "the"])):
        # rule TITLE_ALONE: 'CEO of the Harbor Fund', 'President' name nobody: a role, as 'the CEO'
        found = _resolve_described(art, m, [], pos, True)
        return _ruled(art, found, _described_rule(art, m, found))
    # proper names (possibly after a title or a role written in lower case)
    runs = _outside_org_names(m, list(_CAP_RUN.finditer(m)))
    possessive_np = _possessive_np(m)
    if low.split()[0] in _DESCRIBED_OPENERS or not runs \
            or m[0].islower() or possessive_np:
        found = _resolve_described(art, m, runs, pos, person_head)
        return _ruled(art, found, _described_rule(art, m, found))
    found = _two_capital_given_name(art, m, pos) or _resolve_capitalised(art, runs, pos)
    return _ruled(art, found, _name_rule(art, m, found))


#: Rule TWO_CAPITAL_GIVEN_NAME: two capitals without stops as a given name, then a surname ('RL Roe').
_TWO_CAPITALS_NAME = re.compile(r"(?P<given>[A-Z]{2})\s+(?P<surname>[A-Z][a-z][\w’'-]*)")


def _two_capital_given_name(art: _Article, m: str, pos: int) -> Person | None:
    """Rule TWO_CAPITAL_GIVEN_NAME (session 17): a mention that is two capitals written without stops and a
    surname ('RL Roe said', 'JP Dunn told') names a person by two initials, not *Roe* after an acronym,
    when the two capitals are no organisation, outlet, place or state the article knows ('US Navy',
    'NY Post', 'GE Capital' stay what they are) and the surname is no organisation or place word.

    >>> art = _Article(doc_id=1, paras=[], text="x")
    >>> _two_capital_given_name(art, "RL Roe", 0).name, _two_capital_given_name(art, "US Navy", 0)
    ('RL Roe', None)
    """
    tm = _TWO_CAPITALS_NAME.fullmatch(m)
    if tm is None:
        return None
    given, surname = tm.group("given"), tm.group("surname")
    if given.lower() in art.orgs or given.lower() in _STATE_ABBREVIATIONS or _is_place([given]) \
            or _outlet_name(given) is not None or _is_orgish([given, surname]) \
            or _is_place([surname]) or _known_org(art, m) is not None:
        return None
    found = _resolve_name(art, m, pos)
    if found is not None:
        return found if found.kind == "person" else None
    return Person(name=f"{given} {surname}", tokens=(given, surname))


#: Rule FUNCTION_WORD_HEAD: words that never end a noun phrase that names someone: auxiliaries, relative
#: pronouns and degree words ('the does', 'many of whom', 'the most'); modals are ``_MODAL_VERBS``.
_NO_HEAD_WORDS = frozenset("""do does did doing is are was were be been being am has have had so than most more
very too of for to with by at in on from""".split())
#: Rule FUNCTION_WORD_HEAD: a relative pronoun ending a mention comes off ('a senior aide who' -> 'a senior
#: aide'); what is left is then tested ('many of whom' -> 'many of', no head).
_RELATIVE_END = re.compile(r"\s+(?:who|whom|which|whose|that)$")


def _function_word_head(m: str) -> bool:
    """Rule FUNCTION_WORD_HEAD (session 17): a mention of two words or more whose last word is a
    lower-case modal, auxiliary, preposition or degree word, or a negated contraction ('one can',
    'the does', 'many of' (of 'many of whom'), 'the most', 'voters don't'), has no noun for a head: it
    is a clause or a cut phrase read as a subject, and names nobody.

    >>> _function_word_head("one can"), _function_word_head("many of"), _function_word_head("voters don't")
    (True, True, True)
    >>> _function_word_head("the most senior aide"), _function_word_head("Ann Roe"), _function_word_head("can")
    (False, False, False)
    """
    ws = m.split()
    if len(ws) < 2 or not ws[-1][:1].islower():
        return False
    last = ws[-1].rstrip(".,;:")
    return last in _MODAL_VERBS or last in _NO_HEAD_WORDS or last.endswith(("n't", "n’t"))


#: Rule NAME_OF_ORGANISATION: two or three name words, then 'of', 'with', 'from' or 'at' and the rest
#: of the mention (an organisation's name).
_NAME_THEN_ORG = re.compile(r"(?P<name>[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){1,2}),?\s+(?:of|with|from|at)\s+(?P<org>(?:the\s+)?[A-Z].*)")


def _name_of_organisation(art: _Article, m: str, pos: int) -> Person | None:
    """Rule NAME_OF_ORGANISATION (session 16): a person's name, then *of*, *with*, *from* or *at* and
    an organisation's name ('Ann Roe of the Harbor League', 'Bo Li with the Tide Fund said') names
    the person, not the organisation (as a titled name already did: 'Sen. Ann Roe of Ohio'). The
    name must have a name's shape (no organisation, place or title word); the person met before
    when there is one, else a person of that name.

    >>> art = _Article(doc_id=1, paras=[], text="x")
    >>> roe = _name_of_organisation(art, "Ann Roe of the Harbor League", 0)
    >>> roe.name, roe.affiliation
    ('Ann Roe', 'the Harbor League')
    >>> _name_of_organisation(art, "Friends of the Earth", 0), _name_of_organisation(art, "Ann Roe", 0)
    (None, None)
    """
    nm = _NAME_THEN_ORG.fullmatch(m)
    if nm is None:
        return None
    toks = nm.group("name").split()
    titles, name_toks = _strip_titles(toks)
    if titles or name_toks != toks or _is_orgish(toks) or _is_place(toks) or any(
            t in _CAP_STOP or t.lower() in _LOWER_FUNCTION_WORDS for t in toks) or _org_named_in_full(art, nm.group("org")) is None:
        return None
    found = _resolve_name(art, " ".join(toks), pos)
    if found is not None and found.kind != "person":
        return None
    if found is None:
        found = Person(name=" ".join(toks), tokens=tuple(toks))
    if not found.affiliation:  # the organisation the mention names is the person's affiliation
        found.affiliation = nm.group("org").rstrip(".,")
    return found


#: A law's or an agreement's full name: capitalised words (joined by 'and', 'of', 'for', 'on') up to
#: a head of ``words._LAW_HEADS`` written with a capital.
_LAW_NAME = re.compile(r"(?:[Tt]he\s+)?(?:[A-Z][\w’'-]*\s+(?:(?:and|of|for|on|the)\s+)?){1,8}(?P<head>[A-Z][a-z]+)")


def _law_name(m: str) -> bool:
    """Rule ORG_NAME_TAIL: the mention is a law's or an agreement's name with an 'and', 'of', 'for'
    or 'on' inside ('the Harbor Protection and Fair Wages Act'), which no run of it names apart.

    >>> _law_name("the Harbor Protection and Fair Wages Act"), _law_name("the Fair Wages Act")
    (True, False)
    >>> _law_name("Ann Roe and Carl Lee"), _law_name("the Institute for Tides and Coastal Safety")
    (False, False)
    """
    lm = _LAW_NAME.fullmatch(m)
    return lm is not None and lm.group("head").lower() in _LAW_HEADS and re.search(r"\s(?:and|of|for|on)\s", m) is not None


def _outside_org_names(m: str, runs: list) -> list:
    """Rule ORG_NAME_TAIL (session 13): the capitalised runs of mention ``m`` less those inside an
    organisation's name after its first word ('Tides', 'Coastal Safety' of 'a spokeswoman for the
    Institute for Tides and Coastal Safety'): the tail of a name after 'for', 'of', 'on' or 'and'
    names no person (it was taken as the name ending the mention). The run that opens the
    organisation's name, and a person before it ('Ann Roe of the Institute ...'), stay.

    >>> m = "a spokeswoman for the Institute for Tides and Coastal Safety"
    >>> [r.group(0) for r in _outside_org_names(m, list(_CAP_RUN.finditer(m)))]
    ['Institute']
    >>> m = "Ann Roe of the Acme Institute"
    >>> [r.group(0) for r in _outside_org_names(m, list(_CAP_RUN.finditer(m)))]
    ['Ann Roe', 'Acme Institute']
    """
    if len(runs) < 2:
        return runs
    inside = []
    for om in _ORG_RUN.finditer(m):
        toks = om.group(0).split()
        if len(toks) < 3 or _titled_name_at(toks) is not None:
            continue
        ot = _org_tokens(toks)
        if ot and _is_orgish(ot):
            first = om.start() + om.group(0).find(" ".join(ot))
            inside.append((first, om.end()))
    if not inside:
        return runs
    return [r for r in runs if not any(a < r.start() and r.end() <= b for a, b in inside)]


def _possessive_np(m: str) -> bool:
    """Whether the mention is a noun phrase after a possessive name, resolved as a description
    ('Roe's campaign manager', rule POSSESSIVE_ROLE_NAME's shape), not a name ('Roe's aide Ann
    Lee' names Ann Lee). Rule POSSESSIVE_ORGANISATION (session 12): what follows the possessive
    decides, also after a name of several words ('Acme Corp's chief executive', which was
    resolved to *Acme Corp* as the words after its first word, 'Corp's chief executive', looked
    like a name).

    >>> _possessive_np("Roe's campaign manager"), _possessive_np("Acme Corp's chief executive")
    (True, True)
    >>> _possessive_np("Roe's aide Ann Lee"), _possessive_np("Acme Corp")
    (False, False)
    """
    np = _POSSESSIVE_NP.match(m)
    return np is not None and not _name_like(m[np.end(1):].lstrip())


#: Rule CLAUSE_IN_MENTION: lower-case finite verbs that end a speaker mention taken from the
#: words before a quote ('the Q survey also shows that' -> 'the Q survey', 'a website called' -> 'a
#: website', 'Harlan shot back in a post' -> 'Harlan'); verbs of saying end it too.
_MENTION_VERBS = frozenset("""
is was are were has had goes went held holds shot hits finds found reads reveals revealed
affirms affirmed vary varies known claims claimed shows showed lists listed
""".split())
#: Adverbs and reflexives that trail a mention cut before its verb ('Paul then', 'Obama himself');
#: rule MODAL_IN_MENTION (session 13): adverbs of frequency too ('the mayor often').
_TRAILING_ADVERBS = frozenset("""
also then now again later still once previously earlier too even himself herself themselves itself
often sometimes always never
""".split())
#: Rule MODAL_IN_MENTION (session 13): a modal (``words._MODAL_VERBS``) ends a mention as a finite verb
#: does ('a spokesman for the mill could', 'the deal shall').


#: Rule NOUN_AFTER_PREPOSITION (session 16): a word right after a preposition is a noun, never the
#: mention's verb ('the coalition of states', 'a group for reports' keep their noun).
_PREPOSITIONS = frozenset("of for from with by at in on about among between against to into".split())
#: Prepositions after a participle that closes a description ('a source speaking to X').
_PARTICIPLE_PREPOSITIONS = frozenset("to with on for about at from".split())


def _cut_clause(m: str) -> str:
    """Rule CLAUSE_IN_MENTION: a mention ends before its first lower-case finite verb, modal (rule
    MODAL_IN_MENTION) or verb of saying (from its second word on), and trailing adverbs come off.

    >>> _cut_clause("the Q survey also shows that"), _cut_clause("Harlan shot back in a post")
    ('the Q survey', 'Harlan')
    >>> _cut_clause("Paul then"), _cut_clause("a spokesman for the ministry")
    ('Paul', 'a spokesman for the ministry')
    >>> _cut_clause("the Acme campaign on Tuesday"), _cut_clause("the report")
    ('the Acme campaign', 'the report')
    >>> _cut_clause("another source speaking to the Daily Ledger")
    'another source'
    >>> _cut_clause("a spokesman for the mill could"), _cut_clause("the mayor often")
    ('a spokesman for the mill', 'the mayor')
    >>> _cut_clause("the coalition of states")
    'the coalition of states'
    """
    ws = m.split()
    if len(ws) < 2:
        return m
    for k in range(1, len(ws)):
        w = ws[k]
        if w[:1].islower() and ws[k - 1].lower() not in _BARE_DETERMINERS and ws[k - 1].lower() not in _PREPOSITIONS \
                and (w in _MENTION_VERBS or w in _MODAL_VERBS or (
                w in SPEECH_VERBS and (w.endswith(("ed", "s")) or w in ("said", "told", "wrote")))):
            # not a noun ('the report', 'One tweet'), and no name after it ('this explains why Ann Lee')
            if not any(t[:1].isupper() for t in ws[k + 1:]):
                ws = ws[:k]
            break
        if k + 1 < len(ws) and len(w) > 5 and w.endswith("ing") and w.islower() and ws[k + 1] in _PARTICIPLE_PREPOSITIONS \
                and (_is_source_noun(ws[k - 1]) or _is_person_word(ws[k - 1])):
            ws = ws[:k]  # rule DESCRIBED_SOURCE: 'another source speaking to the Ledger' is the source
            break
        if w.lower() in ("on", "last", "this", "late", "early") and k + 1 < len(ws) and \
                ws[k + 1].lower().rstrip(".,") in _CALENDAR_WORDS:
            ws = ws[:k]  # 'the Trump campaign on Tuesday': a time, not part of the speaker
            break
    while len(ws) > 1 and ws[-1][:1].islower() and (ws[-1] in _TRAILING_ADVERBS or (
            len(ws[-1]) > 4 and _ly_adverb(ws[-1]))):  # rule LY_NOUN
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


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.attribution import _NAME_NP, _SHARE, _name_like, _trim_np  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.descriptions import (  # noqa: E402,F401 (imported last, as the modules refer to each other)
    _group_mention,
    _head_part,
    _is_person_word,
    _is_source_noun,
    _org_named_in_full,
    _owner_speaks,
    _resolve_described,
    _resolve_document,
)
from kit.quotes.entities import Person, _Article  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.name_shape import (  # noqa: E402,F401 (imported last, as the modules refer to each other)
    _PERSON_TITLES,
    _is_orgish,
    _is_place,
    _lower_words,
    _org_tokens,
    _strip_titles,
    _titled_name_at,
)
from kit.quotes.names import _LOWER_FUNCTION_WORDS, _resolve_capitalised, _resolve_name  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.pronouns import _PRONOUN_WORDS, _known_person, _resolve_pronoun  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.textutil import _ly_adverb, _words  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.words import (  # noqa: E402,F401 (imported last, as the modules refer to each other)
    _CALENDAR_WORDS,
    _CAP_RUN,
    _CAP_STOP,
    _LAW_HEADS,
    _LY_NOUNS,
    _MODAL_VERBS,
    _ORG_RUN,
    _OUTLET_DESKS,
    _OUTLET_NOUNS,
    _STATE_ABBREVIATIONS,
    SPEECH_VERBS,
)

#: Rule POSSESSIVE_ORGANISATION: a name, its possessive, then a lower-case word (group 1 ends at the
#: possessive); built here, after the import of ``_NAME_NP``.
_POSSESSIVE_NP = re.compile(rf"^(?:{_NAME_NP})(['’]s)\s+[a-z]")
