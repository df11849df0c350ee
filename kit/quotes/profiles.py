"""What the words around one mention of a person tell: role, affiliation, gender and evidence, from
titles, appositives and role nouns before the name."""
from __future__ import annotations

import re


def _appositive_after(text: str, end: int) -> str | None:
    """Text of an appositive right after a name: ', a senior fellow at X,' -> 'a senior fellow at X'."""
    m = _APPOSITIVE.match(text, end)  # at ``end``, without copying the rest of the article
    if not m:
        return None
    app = m.group(1).strip()
    # an appositive describes: it holds a role word, a 'who' clause, an age or a lower-case noun
    words = _words(app.lower())
    if _AGE.match(app):
        return app
    if not words or _NAME_ONLY.match(app) or _CLAUSE_START.match(app) \
            or words[0] in SPEECH_VERBS or words[0] in _PARTICIPLES or _ED_WORD.fullmatch(words[0]):
        return None
    if _DESCRIBING_START.match(app) or any(
            w in _TITLE_WORDS or w in _TYPE_WORDS or _ROLE_SHAPED.fullmatch(w)
            for w in words):
        return app
    return None


_ROLE_BEFORE = re.compile(
    r"(?:^|[\s(])((?:[A-Z][\w’'.-]*\s+|[a-z][\w’'-]*\s+){0,4}?"
    r"(?:[a-z][\w-]*(?:man|woman|person|ist|er|or|ian|ant|ent|ary|ee|ive|ess)|chief|head|leader|official|sister|brother|"
    r"wife|husband|daughter|son|mother|father|owner|expert|envoy|aide|boss|coach|pilot|chair)),?\s+$")


#: How a role noun ends (the last alternatives of :data:`_ROLE_BEFORE`).
_ROLE_ENDINGS = ("man", "woman", "person", "ist", "er", "or", "ian", "ant", "ent", "ary", "ee", "ive", "ess", "chief",
                 "head", "leader", "official", "sister", "brother", "wife", "husband", "daughter", "son", "mother",
                 "father", "owner", "expert", "envoy", "aide", "boss", "coach", "pilot", "chair")


def _may_end_in_role(window: str) -> bool:
    """Whether ``window`` can match :data:`_ROLE_BEFORE` (a role word, a comma maybe, then white
    space at its end): a cheap test first, as the pattern backtracks at every word.

    >>> _may_end_in_role("the columnist "), _may_end_in_role("on Monday "), _may_end_in_role("the owner")
    (True, False, False)
    """
    t = window.rstrip()
    if len(t) == len(window):
        return False
    return t.removesuffix(",").endswith(_ROLE_ENDINGS)


def _parse_appositive(app: str) -> tuple[str | None, str | None]:
    """Role and affiliation from an appositive ('a senior fellow at the X Institute')."""
    app = _LEADING_AGE.sub("", app).strip()
    if _AGE_ONLY.fullmatch(app):
        return "aged " + app, None
    if app.lower().startswith(("who ", "whose ", "which ")):
        m = _RUNS.search(app)
        if m:
            return None, _clean_mention(m.group(1)) or None
        return None, None
    app = _LEADING_ARTICLE.sub("", app)
    m = _ROLE_AT.match(app)
    if m:
        return _clean_mention(m.group(1)) or None, _clean_mention(m.group(2)) or None
    return (_clean_mention(app) or None), None


def _gender_from_context(p: Person, text: str, end: int) -> None:
    """'Name said he/she ...', 'Name ... his/her' in the same clause tell the gender, when no
    capitalised run comes between but a date or a place (rule DATE_OR_PLACE_BETWEEN: 'Tom Vale on
    Monday, saying he')."""
    if p.gender is not None:
        return
    g = _GENDER_PRONOUN_AFTER.match(text[end:end + 60])
    if g and not any(not (_calendar(r.group(0).split()) or _is_place(r.group(0).split()))
                     for r in _CAP_RUN.finditer(text[end:end + g.start(1)])):
        w = g.group(1)
        p.gender = "f" if w in ("she", "her") else "m"


#: A title's extension before the name: 'Secretary of State ' in 'Secretary of State John Doe'.
_TITLE_EXT = re.compile(r"((?:[A-Z][\w.’'-]*\s+)+(?:of|for|to)\s+(?:the\s+)?)$")
_TITLE_EXT_END = re.compile(r"\b(?:of|for|to)\s+(?:the\s+)?$")


def _profile(art: _Article, p: Person, text: str, start: int, end: int, run_start: int, titles: list[str]) -> None:
    """Role, affiliation, gender and evidence of a person from the words around one mention."""
    if titles:
        p.evidence += 2
        t_str = " ".join(titles)
        window = text[max(0, run_start - 60):run_start]
        # the full pattern only where it can match: it backtracks on every capitalised word
        ext = _TITLE_EXT.search(window) if _TITLE_EXT_END.search(window) else None
        if ext and _is_title_token(ext.group(1).split()[0]):
            t_str = ext.group(1) + t_str
        if p.role is None and not all(t.lower().rstrip(".") in ("mr", "mrs", "ms", "miss", "dr", "sir") for t in titles):
            p.role = t_str
        for t in titles:
            tl = t.lower().rstrip(".")
            for g, words in _GENDER_NOUNS.items():
                if tl in words:
                    p.gender = p.gender or g
        art.role_links.append((run_start, t_str.lower(), p))
    app = _appositive_after(text, end)
    if app:
        p.evidence += 2
        role, aff = _parse_appositive(app)
        if role and p.role is None:
            p.role = role
        if aff and p.affiliation is None:
            p.affiliation = aff
        if role:
            art.role_links.append((start, role.lower(), p))
        for w in _words(app.lower())[:4]:
            for g, words in _GENDER_NOUNS.items():
                # a pronoun in the appositive may be another person's ('Ann Roe, who thanked him'):
                # only its nouns tell the gender ('a mother of three'); 'him' and 'hers' were missed
                if w in words and w not in _APPOSITIVE_PRONOUNS:
                    p.gender = p.gender or g
    # role noun phrase right before the name: "columnist Tom Ashby", "The owner, Jenny Holroyd,"
    window = text[max(0, run_start - 60):run_start]
    rb = _ROLE_BEFORE.search(window) if _may_end_in_role(window) else None
    if rb and not titles:
        role = rb.group(1).strip()
        role = _VERB_PREFIX.sub("", role)  # 'said council leader' -> 'council leader'
        # rule POSSESSIVE_ROLE_GENDER: 'Nadia Roe. Her husband, Sami Roe': the role starts after the
        # sentence end, and the possessive tells the gender of the person it refers to, not of the
        # one named; only the role's nouns tell Sami's
        role = _SENTENCE_END_IN_ROLE.split(role)[-1]
        role = _ROLE_DETERMINER.sub("", role).strip()
        if role and role.split()[-1].lower() not in ("said", "told", "after", "ever", "never", "other", "under", "over"):
            p.evidence += 1
            if p.role is None:
                p.role = role
            art.role_links.append((run_start, role.lower(), p))
            for w in _words(role.lower()):
                for g, words in _GENDER_NOUNS.items():
                    if w in words and w not in _POSSESSIVE_PRONOUNS:
                        p.gender = p.gender or g
    if not titles and p.role is None:
        p.role = _plural_title_before(text, run_start)
    after = text[end:end + 40]
    if _VERB_AFTER.match(after) or _AGE_AFTER.match(after) or _CLAUSE_AFTER.match(after) or _POSSESSIVE_AFTER.match(after):
        p.evidence += 1
    _gender_from_context(p, text, end)


def _plural_title_before(text: str, run_start: int) -> str | None:
    """Rule PLURAL_TITLE_LIST (session 13, second pass): a plural title before a list of names
    ('Reps. Ann Roe (D-Ore.), Bo Li and Cy Dee', 'Senators Ann Roe of Ohio and Bo Li') gives each name
    of the list the title in the singular (``_PLURAL_TITLES``). Between the title and the name at
    ``run_start`` stand only names (each with a party-state tag or an *of* place maybe) joined by
    commas and *and*.

    >>> t = "Reps. Ann Roe (D-Ore.), Bo Li and Cy Dee of Maine wrote"
    >>> _plural_title_before(t, t.index("Bo")), _plural_title_before(t, t.index("Cy"))
    ('Rep.', 'Rep.')
    >>> t = "Reps. Ann Roe and her aide, Bo Li"
    >>> _plural_title_before(t, t.index("Bo")) is None
    True
    >>> t = "Senators Ann Roe and Bo Li met. Later, Cy Dee said"
    >>> _plural_title_before(t, t.index("Cy")) is None
    True
    """
    window = text[max(0, run_start - 200):run_start]
    if window.isascii() and not any(w in window.lower() for w in _PLURAL_TITLE_WORDS):
        return None  # no plural title in an ASCII window (most): the pattern is not run over it
    last = None
    for last in _PLURAL_TITLE.finditer(window):
        pass
    if last is None:
        return None
    seg = window[last.end():]
    if seg:
        sep = _LIST_SEP_END.search(seg)
        if sep is None:
            return None
        names = _LIST_SEP.split(seg[:sep.start()])
        if not all(_LISTED_NAME.fullmatch(n) for n in names):
            return None
    return _PLURAL_TITLES[last.group(1).lower().rstrip(".")]


#: A plural title (rule PLURAL_TITLE_LIST), and the separators and names of the list after it.
_PLURAL_TITLE = re.compile(r"\b(Reps\.|Sens\.|Govs\.|(?i:senators|representatives|governors|congressmen|congresswomen|"
                           r"mayors))\s+")
#: What every match of :data:`_PLURAL_TITLE` holds, in lower case (a test for an ASCII window: in
#: another, a letter such as the long s matches under IGNORECASE and the pattern is run).
_PLURAL_TITLE_WORDS = ("reps.", "sens.", "govs.", "senators", "representatives", "governors", "congress", "mayors")
_LIST_SEP_END = re.compile(r"(?:,\s+and|,|\s+and)\s+$")
_LIST_SEP = re.compile(r",\s+and\s+|,\s+|\s+and\s+")
_LISTED_NAME = re.compile(r"[A-Z](?:\.|[\w’'-]*)(?:\s[A-Z](?:\.|[\w’'-]*)){0,3}"  # an initial's full stop, no sentence end
                          r"(?:\s\([A-Z]{1,2}-[\w. ]{1,15}\)|\sof\s[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*)?)?")
#: Pronouns that tell no gender of the person an appositive describes: they may refer to others.
_APPOSITIVE_PRONOUNS = frozenset(("he", "she", "him", "his", "her", "hers"))
#: A sentence end inside the words before a name ('Nadia Roe. Her husband'; not 'Mr.', 'Sen.').
_SENTENCE_END_IN_ROLE = re.compile(r"(?<=[a-z]{3})\.\s+(?=[A-Z])")
#: Possessive pronouns: in a role they tell another person's gender (rule POSSESSIVE_ROLE_GENDER).
_POSSESSIVE_PRONOUNS = frozenset(("his", "her", "hers"))
#: An appositive right after a name, up to its comma, full stop or the verb of saying.
_APPOSITIVE = re.compile(r",\s+((?:\d{1,3},\s+)?[^.;:!?\"“”,]{2,160}?)(?=,|\.(?:\s|$)|;|$|\s+(?:said|says|told|tells|added|adds|warned|noted|argued|wrote)\b)")
#: A gendered pronoun in the clause after a name.
_GENDER_PRONOUN_AFTER = re.compile(r"[^.;!?“”\"]{0,50}?\b(he|she|his|her|him)\b")
#: An age in commas after a name: ', 47,'.
_AGE_AFTER = re.compile(r",\s+\d{1,3},")
#: A finite verb after a name.
_CLAUSE_AFTER = re.compile(r"\s+(?:\w+ly\s+)?(?:has|had|was|is|did|would|will|[a-z]+ed|[a-z]+s)\b")
#: A possessive before a lower-case noun after a name.
_POSSESSIVE_AFTER = re.compile(r"['’]s\s+[a-z]")


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.attribution import _NAME_NP, _PARTICIPLES, _VERB_ALT  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.entities import Person, _Article  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.name_shape import _calendar, _is_place  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.textutil import _clean_mention, _is_title_token, _words  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.words import _CAP_RUN, _GENDER_NOUNS, _PLURAL_TITLES, _TITLE_WORDS, _TYPE_WORDS, SPEECH_VERBS  # noqa: E402,F401 (imported last, as the modules refer to each other)

#: A verb of saying after a name (evidence that the name is a person who speaks).
_VERB_AFTER = re.compile(rf"\s*(?:,\s*)?(?:\w+ly\s+)?(?:{_VERB_ALT})\b")

# Patterns of _appositive_after, _parse_appositive and _profile, compiled once (as written inline
# before; after the imports above, whose word lists they hold).
_AGE = re.compile(r"^\d{1,3}$")
_NAME_ONLY = re.compile(rf"^(?:{_NAME_NP})$")
_CLAUSE_START = re.compile(r"^(?:and|or|but|then|which|while|as|after|before|saying|adding|noting|calling|if|when)\b")
_ED_WORD = re.compile(r"[a-z]+ed")
_DESCRIBING_START = re.compile(r"^(?:a|an|the|who|whose|its|his|her|their|\d)", re.I)
_ROLE_SHAPED = re.compile(r"[a-z][\w-]*(?:ist|er|or|ian|ent|ant|man|woman|person)")
_LEADING_AGE = re.compile(r"^\d{1,3},\s*")
_AGE_ONLY = re.compile(r"\d{1,3}")
_RUNS = re.compile(r"\b(?:runs|manages|leads|heads|owns|founded|chairs|directs|teaches at|works (?:at|for))\s+(.*)")
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the)\s+")
_ROLE_AT = re.compile(r"^(.*?)\s+(?:at|of|for|with|in)\s+((?:the\s+)?(?:[A-Z0-9].*))$")
_VERB_PREFIX = re.compile(rf"^.*\b(?:{_VERB_ALT})\s+")
_ROLE_DETERMINER = re.compile(r"^(?:the|a|an|his|her|their|its|our|my|your|[A-Z][\w’']*['’]s)\s+", re.I)
