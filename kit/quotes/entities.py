"""Entities of one article: people, organisations, titles, appositives, role links."""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

import pandas as pd


@dataclass
class Person:
    name: str
    tokens: tuple[str, ...]
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None
    first_pos: int = 0
    kind: str = "person"  # person | org | group | descriptor
    evidence: int = 0


@dataclass
class Mention:
    pos: int
    end: int
    entity: Person
    passing: bool = False  # named after a preposition, in passing (rule PASSING_NAME)


@dataclass
class _Article:
    doc_id: Any
    paras: list[tuple[int, str, int]]  # (para_no, text, body offset)
    persons: dict[str, Person] = field(default_factory=dict)
    orgs: dict[str, Person] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    role_links: list[tuple[int, str, Person]] = field(default_factory=list)
    text: str = ""
    quote_spans: list[tuple[int, int]] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)
    # indexes built once per article, so that every lookup per quote is a bisect or a dict
    # lookup, never a scan of the whole article (issue 17: time linear in quotes and names)
    quote_starts: list[int] = field(default_factory=list)
    mention_pos: list[int] = field(default_factory=list)
    token_index: dict[str, list[int]] = field(default_factory=dict)   # token -> mention indexes
    masked: str | None = None
    cache: dict[Any, Any] = field(default_factory=dict)
    headline: str = ""  # the article's headings (role 'heading'), read for names only


#: How far back (characters) from an opening mark the attribution is searched: the sentence
#: start, but never more than this, so one huge sentence costs no more per quote than a normal one.
ATTRIBUTION_WINDOW = 400
#: Most earlier mentions looked at when resolving a name, pronoun or organisation by walking back.
MAX_LOOKBACK = 400


def _index_mentions(art: "_Article") -> None:
    """Positions and a token index of ``art.mentions`` (sorted by position)."""
    art.mention_pos = [m.pos for m in art.mentions]
    idx: dict[str, list[int]] = {}
    for i, m in enumerate(art.mentions):
        for t in {t.lower() for t in m.entity.tokens}:
            idx.setdefault(t, []).append(i)
    art.token_index = idx


def _is_initial(tok: str) -> bool:
    """A middle or first initial ('H.', 'J.R.'): part of a name, not an acronym or a title.

    >>> _is_initial("H."), _is_initial("J.R."), _is_initial("US")
    (True, True, False)
    """
    return bool(_INITIAL.fullmatch(tok))


def _strip_titles(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split a capitalised run into (title tokens, name tokens)."""
    cut = 0
    for k, t in enumerate(tokens[:-1]):
        if _is_title_token(t) or (t.isupper() and len(t) <= 5 and k + 1 < len(tokens) and not _is_initial(t)):
            cut = k + 1
    # possessive in the middle ("China’s") ends the title part too
    for k, t in enumerate(tokens[:-1]):
        if t.endswith(("’s", "'s")):
            cut = max(cut, k + 1)
    return tokens[:cut], tokens[cut:]


_PERSON_TITLES = frozenset("""secretary minister president premier spokesman spokeswoman spokesperson director
chairman chairwoman chair ambassador envoy governor mayor senator sen general gen admiral commander chief
leader official adviser advisor deputy executive ceo founder professor prof economist analyst editor
columnist correspondent reporter dr mr mrs ms rep representative congressman congresswoman whip""".split())


def _org_tokens(toks: list[str]) -> list[str]:
    """Trim a capitalised run to the organisation it names.

    'China's Foreign Ministry' -> 'Foreign Ministry'; 'Treasury Secretary Ruth Abernathy' ->
    'Treasury'; 'Hao Ruoxi of Eastbridge University' -> 'Eastbridge University'; 'The Taiwan
    Affairs Office of the State Council' -> 'Taiwan Affairs Office'.
    """
    toks = list(toks)
    # possessor in front
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].endswith(("’s", "'s")) and k < len(toks) - 1:
            toks = toks[k + 1:]
            break
    # a title after an organisation word ends the organisation
    seen_org = False
    for k, t in enumerate(toks):
        tl = t.lower().rstrip(".")
        if tl in _ORG_WORDS:
            seen_org = True
        elif seen_org and tl in _PERSON_TITLES:
            toks = toks[:k]
            break
    # 'X of Y'
    low = [t.lower() for t in toks]
    if "of" in low:
        k = low.index("of")
        left, right = toks[:k], [t for t in toks[k + 1:] if t.lower() != "the"]
        if left and not _is_orgish(left) and _is_orgish(right):
            toks = toks[k + 1:]
            while toks and toks[0].lower() == "the":
                toks = toks[1:]
        elif len([t for t in left if t.lower() != "the"]) >= 2 and left[-1].lower() in _ORG_WORDS \
                and right and right[-1].lower() in _ORG_WORDS:
            toks = left
    while toks and toks[0] in _CAP_STOP:
        toks = toks[1:]
    return toks


def _titled_name_at(toks: list[str]) -> int | None:
    """Rule ORG_ROLE_NAME: a capitalised run that ends in a title and a name ('Senate Minority
    Whip Dick Durbin', 'House Speaker Paul Ryan', 'Army Lt. Gen. Mick Bednarek') names the
    person; the organisation before the title is the affiliation. Returns the index of the
    title that starts the person (None when the run ends in no titled name).

    >>> _titled_name_at("Senate Minority Whip Dick Durbin".split()), _titled_name_at("Senate Armed Services Committee".split())
    (2, None)
    """
    for k, t in enumerate(toks[:-1]):
        if _is_title_token(t):
            _, name = _strip_titles(toks[k + 1:])
            if name and not _is_orgish(name) and not _is_title_token(name[0]) \
                    and all(w[:1].isupper() and not w.isupper() for w in name if not _is_initial(w)):
                return k
    return None


def _is_orgish(tokens: Iterable[str]) -> bool:
    return any(t.lower().strip(".,") in _ORG_WORDS for t in tokens)


def _appositive_after(text: str, end: int) -> str | None:
    """Text of an appositive right after a name: ', a senior fellow at X,' -> 'a senior fellow at X'."""
    m = _APPOSITIVE.match(text, end)  # at ``end``, without copying the rest of the article
    if not m:
        return None
    app = m.group(1).strip()
    # an appositive describes: it holds a role word, a 'who' clause, an age or a lower-case noun
    words = _words(app.lower())
    if re.match(r"^\d{1,3}$", app):
        return app
    if not words or re.match(rf"^(?:{_NAME_NP})$", app) or re.match(r"^(?:and|or|but|then|which|while|as|after|before|"
                                                                     r"saying|adding|noting|calling|if|when)\b", app) \
            or words[0] in SPEECH_VERBS or words[0] in _PARTICIPLES or re.fullmatch(r"[a-z]+ed", words[0]):
        return None
    if re.match(r"^(?:a|an|the|who|whose|its|his|her|their|\d)", app, re.I) or any(
            w in _TITLE_WORDS or w in _TYPE_WORDS or re.fullmatch(r"[a-z][\w-]*(?:ist|er|or|ian|ent|ant|man|woman|person)", w)
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
    app = re.sub(r"^\d{1,3},\s*", "", app).strip()
    if re.fullmatch(r"\d{1,3}", app):
        return "aged " + app, None
    if app.lower().startswith(("who ", "whose ", "which ")):
        m = re.search(r"\b(?:runs|manages|leads|heads|owns|founded|chairs|directs|teaches at|works (?:at|for))\s+(.*)", app)
        if m:
            return None, _clean_mention(m.group(1)) or None
        return None, None
    app = re.sub(r"^(?:a|an|the)\s+", "", app)
    m = re.match(r"(.*?)\s+(?:at|of|for|with|in)\s+((?:the\s+)?(?:[A-Z0-9].*))$", app)
    if m:
        return _clean_mention(m.group(1)) or None, _clean_mention(m.group(2)) or None
    return (_clean_mention(app) or None), None


def _build_entities(art: _Article, actors: pd.DataFrame | None, index: dict | None = None) -> None:
    """Find people, organisations, titles, appositives and role links in one article, in named
    steps: actor forms, organisations, people (full names), actor mentions, single names, then
    one canonical person per name variant and the indexes used by every lookup. ``index`` is
    :func:`kit.actors.alias_index` of ``actors`` (built here when not given)."""
    actor_forms = _actor_forms(art, actors, index)
    in_org = _find_orgs(art)
    singles = _find_persons(art, in_org)
    _add_actor_mentions(art, actor_forms)
    _resolve_singles(art, singles)
    _merge_variants(art)
    _index_mentions(art)


def _actor_forms(art: _Article, actors: pd.DataFrame | None, index: dict | None = None) -> list[tuple[int, int, str, Person]]:
    """Mentions of the file's actors in the text, found by :func:`kit.actors.find_aliases` (the
    alias table every analysis matches through): (start, end, alias, actor). A possessive stays
    outside the span ('Whitcombe' of 'Whitcombe's'), as for every other mention."""
    if actors is None or not len(actors):
        return []
    from kit.actors import alias_index, find_aliases

    hits = find_aliases(art.text, alias_index(actors) if index is None else index)
    if not hits:
        return []
    rows = {str(r["name"]): r for r in actors.to_dict("records")}
    persons: dict[str, Person] = {}
    out: list[tuple[int, int, str, Person]] = []
    for start, end, name, alias, _ in hits:
        p = persons.get(name)
        if p is None:
            row = rows[name]
            p = persons[name] = Person(
                name=name, tokens=tuple(name.split()), role=_nz(row.get("role")),
                affiliation=_nz(row.get("organisation")), first_pos=10**9,
                kind="org" if str(row.get("type") or "") == "organisation" else "person")
        if art.text[end - 2:end] in ("'s", "’s") and not alias.endswith(("'s", "’s")):
            end -= 2
        out.append((start, end, alias, p))
    return out


def _find_orgs(art: _Article):
    """Organisations (extended capitalised runs with an organisation word) as mentions; returns
    ``in_org(a, b)``: whether ``[a, b)`` lies inside an organisation's name."""
    text = art.text
    org_spans: list[tuple[int, int]] = []
    for m in _ORG_RUN.finditer(text):
        run = m.group(0)
        toks = run.split()
        if len(toks) == 1 and toks[0].lower().strip(".,") not in _ORG_WORDS:
            continue  # one word that is no organisation word (most runs): never an organisation
        while toks and toks[0] in _CAP_STOP:
            toks = toks[1:]
        while toks and toks[-1].lower() in ("of", "for", "and", "&", "on", "the", "de", "du", "des"):
            toks = toks[:-1]
        titled = _titled_name_at(toks)
        if titled is not None:
            toks = toks[:titled]  # the organisation before a titled person's name
        toks = _org_tokens(toks) if toks else toks
        if not toks or not _is_orgish(toks):
            continue
        if toks[0].lower() in ("secretary", "minister", "president", "director", "chairman", "head"):
            continue  # titles like "Secretary of State" are not organisations
        name = re.sub(r"['’]s$", "", " ".join(toks))
        start = m.start() + run.find(toks[0])
        if name.lower() in ("the", "house") or len(name) < 3:
            continue
        org_spans.append((start, start + len(name)))
        key = name.lower()
        org = art.orgs.get(key)
        if org is None:
            pre = text[max(0, start - 4):start]
            full = ("the " + name) if pre.lower().endswith("the ") else name
            org = Person(name=full, tokens=tuple(toks), kind="org", first_pos=start)
            art.orgs[key] = org
        art.mentions.append(Mention(start, start + len(name), org))

    org_spans.sort()
    org_starts = [s for s, _ in org_spans]
    org_end_max: list[int] = []
    for _, e in org_spans:
        org_end_max.append(max(e, org_end_max[-1]) if org_end_max else e)

    def in_org(a: int, b: int) -> bool:
        # spans starting at or before a; the widest reach among them decides
        k = bisect.bisect_right(org_starts, a) - 1
        return k >= 0 and org_end_max[k] >= b
    return in_org


def _name_tokens(text: str, m: re.Match, after_the: set[str], lower_words: set[str]) -> tuple[int, list[str], list[str]]:
    """(start of the run's words, titles, name tokens) of a capitalised run: leading sentence
    words, titles, a possessive, a place in front ('the United States'), a job at a sentence
    start ('Rancher Dale Hutchins') and trailing title-case words are taken off."""
    all_toks = m.group(0).split()
    if len(all_toks) == 1:  # one word (most runs): no title, job or title-case tail to take off
        tok = all_toks[0]
        if tok in _CAP_STOP and tok not in _NAME_HOMOGRAPHS:
            return 0, [], []
        return m.start(), [], [tok[:-2] if tok.endswith(("’s", "'s")) else tok]
    lead = 0
    while lead < len(all_toks) and all_toks[lead] in _CAP_STOP:
        lead += 1
    toks = all_toks[lead:]
    if not toks:
        return 0, [], []
    tok_start = m.start() + len(" ".join(all_toks[:lead])) + (1 if lead else 0)
    tok_start = text.find(toks[0], tok_start)
    titles, name_toks = _strip_titles(toks)
    name_toks = list(name_toks)
    if name_toks and name_toks[-1].endswith(("’s", "'s")):
        name_toks[-1] = name_toks[-1][:-2]
    while len(name_toks) >= 3 and " ".join(name_toks[:2]) in after_the:
        titles = titles + name_toks[:2]
        name_toks = name_toks[2:]
    if len(name_toks) >= 3 and not titles and not _is_initial(name_toks[1]) and re.fullmatch(r"[A-Z][a-z]+(?:er|or|ist|ian|man|woman|person|ant|ent)", name_toks[0]):
        titles = [name_toks[0]]
        name_toks = name_toks[1:]
    if len(name_toks) >= 2 and (_opener_word(name_toks[0], lower_words) or (
            not titles and len(name_toks) <= 4 and _participle_opener(name_toks[0]) and _at_sentence_start(text, tok_start))):
        titles = titles + [name_toks[0]]  # 'Interestingly Blocher', 'Stated Stone': no given name
        name_toks = name_toks[1:]
    return tok_start, titles, _cut_title_case(name_toks, lower_words)


def _opener_word(tok: str, lower_words: set[str]) -> bool:
    """A sentence-opening adverb or participle, never a given name: an '-ly', '-ed' or '-ing'
    word that the article also writes in lower case ('Kelly', 'Ted' and 'Sterling' stay names).

    >>> _opener_word("Interestingly", {"interestingly"}), _opener_word("Stated", {"stated"}), _opener_word("Kelly", set())
    (True, True, False)
    """
    low = tok.lower()
    return low.endswith(("ly", "ed", "ing")) and low in lower_words


def _participle_opener(tok: str) -> bool:
    """Rule PARTICIPLE_OPENER: a word in '-ing' (not a name that ends so, ``_ING_NAMES``) or a
    verb of saying, written with a capital: at a sentence start it opens a clause ('Playing
    Trump on stage, ...', 'Said Dorothy Poynter, ...') and is no part of the name after it.

    >>> _participle_opener("Impeaching"), _participle_opener("Said"), _participle_opener("Sterling"), _participle_opener("King")
    (True, True, False, False)
    """
    low = tok.lower()
    if not tok[:1].isupper() or tok.isupper():
        return False
    return (len(low) >= 5 and low.endswith("ing") and low not in _ING_NAMES) or low in SPEECH_VERBS


#: What comes before a sentence's first word: the text start, or a sentence end, a dash or an
#: opening quotation mark and white space.
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?:;\"“”‘’'(—–-])\s*$")


def _at_sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` opens a sentence (or a quotation, or a clause after a dash).

    >>> _at_sentence_start("He left. Playing Trump", 9), _at_sentence_start("fans of Playing", 8)
    (True, False)
    """
    return bool(_SENTENCE_BEFORE.search(text, max(0, pos - 4), pos))


def _place_context(text: str, tok_start: int, end: int, titles: list[str]) -> bool:
    """A name after a preposition ('in', 'from', 'near' ...) is a place, unless a title, an
    appositive or a speech verb marks a person."""
    before = text[max(0, tok_start - 16):tok_start]
    after = text[end:end + 60]
    return bool(not titles and _PREP_BEFORE.search(before) and not _PERSON_PREP_BEFORE.search(before)
                and not _PERSON_AFTER.match(after))


def _find_persons(art: _Article, in_org) -> list[tuple[int, int, str, list[str]]]:
    """People named with two to four name words (mentions and profiles); returns the single
    capitalised words left to resolve ((start, end, word, titles, after a preposition))."""
    text = art.text
    after_the = _after_the_pairs(text)
    lower_words = _lower_words(art)
    suffix_of: dict[tuple[str, ...], Person] = {}
    singles: list[tuple[int, int, str, list[str], bool]] = []
    for m in _CAP_RUN.finditer(text):
        tok_start, titles, name_toks = _name_tokens(text, m, after_the, lower_words)
        if not name_toks:
            continue
        start = text.find(name_toks[0], tok_start)
        end = start + len(" ".join(name_toks))
        if in_org(start, end) or _is_orgish(name_toks) or any(
                (t in _CAP_STOP and not (k and t in _NAME_HOMOGRAPHS)) or (t.isupper() and not _is_initial(t))
                for k, t in enumerate(name_toks)):
            continue
        if len(name_toks) == 1:
            singles.append((start, end, name_toks[0], titles, _place_context(text, tok_start, end, titles)))
            continue
        passing = False
        if len(name_toks) > 4 or _is_place(name_toks) or _calendar(name_toks) or any(map(_glued_words, name_toks)) \
                or (len(name_toks) == 2 and not titles and " ".join(name_toks) in after_the):
            continue  # 'the United States', 'the National Zoo': not a person
        if _place_context(text, tok_start, end, titles):
            # rule PASSING_NAME: a name after a preposition ('vote for Priya Castellano', 'posed to
            # Owen Harlow') is a person named in passing: a later 'Castellano said' finds her, but
            # only when nobody else of that name fits, and she is never a sentence's subject;
            # not after a country's initials ('in U.S. Steel', 'from U.K. Kent')
            if _is_initial(name_toks[0]) and len(name_toks[0]) > 2:
                continue
            passing = True
        name = " ".join(name_toks)
        key = name.lower()
        # a shorter form of a person already met ('Van Dam' after 'Joost van Dam')
        p = art.persons.get(key) or suffix_of.get(tuple(t.lower() for t in name_toks))
        if p is None:
            p = Person(name=name, tokens=tuple(name_toks), first_pos=start)
            art.persons[key] = p
            low_all = [t.lower() for t in name_toks]
            for k in range(1, len(low_all)):
                suffix_of.setdefault(tuple(low_all[k:]), p)
        _profile(art, p, text, start, end, m.start(), titles)
        art.mentions.append(Mention(start, end, p, passing))
    return singles


def _add_actor_mentions(art: _Article, actor_forms: list[tuple[int, int, str, Person]]) -> None:
    """Every mention of an actor (:func:`_actor_forms`) is a mention of that actor, merged with a
    person or organisation of the same name found in the text."""
    seen: set[tuple[str, str]] = set()
    for start, end, alias, p in actor_forms:
        key = p.name.lower()
        existing = art.persons.get(key) or art.orgs.get(key)
        target = existing or p
        if existing is None:
            (art.orgs if p.kind == "org" else art.persons)[key] = p
        if p.role and not target.role:
            target.role = p.role
        if p.affiliation and not target.affiliation:
            target.affiliation = p.affiliation
        if (p.name, alias) not in seen:  # evidence per form of the actor met in the text
            seen.add((p.name, alias))
            target.evidence += 3
        art.mentions.append(Mention(start, end, target))
    art.mentions.sort(key=lambda x: (x.pos, -(x.end - x.pos)))


#: Titles that make a single capitalised word a person even when no full name precedes it.
_SINGLE_NAME_TITLES = frozenset("""mr mrs ms miss dr prof sen rep gov president minister senator
general gen mayor ambassador""".split())


def _title_gender(titles: Iterable[str]) -> str | None:
    """'f' for Mrs./Ms./Miss, 'm' for Mr., else None.

    >>> _title_gender(["Mrs."]), _title_gender(["Mr."]), _title_gender(["Sen."])
    ('f', 'm', None)
    """
    for t in titles:
        tl = t.lower().rstrip(".")
        if tl in ("mrs", "ms", "miss"):
            return "f"
        if tl == "mr":
            return "m"
    return None


def _latest_of_gender(persons, g: str | None, passing: set[int] | frozenset = frozenset()) -> Person | None:
    """Rule GENDERED_TITLE: the latest person of the list whose gender fits a title's ('Mrs.
    Clinton' after Bill and Hillary Clinton: Hillary); a person of known gender first, then one of
    unknown gender; without a gendered title, simply the latest. People only named in passing
    (``passing``: their ids, rule PASSING_NAME) come last."""
    if not persons:
        return None
    if passing:
        persons = [p for p in persons if id(p) not in passing] or persons
    if g is None:
        return persons[-1]
    for want in (g, None):
        for p in reversed(persons):
            if p.gender == want:
                return p
    return None


def _resolve_singles(art: _Article, singles: list[tuple[int, int, str, list[str], bool]]) -> None:
    """Single-token mentions of people met before ('Okoro said'), resolved in reading order:
    one pass over full mentions and single tokens together, keeping the latest person per token;
    a titled single name ('Mr. Okoro') with no person before it becomes a person of its own."""
    text = art.text
    added = []
    events = [(mm.pos, 0, mm) for mm in art.mentions if mm.entity.kind == "person"]
    events += [(st[0], 1, st) for st in singles]
    events.sort(key=lambda e: (e[0], e[1]))
    latest: dict[str, list[Person]] = {}  # token -> persons carrying it, the latest met last
    passing: set[int] = set()  # ids of people so far only named in passing
    named: set[int] = set()
    for _, is_single, item in events:
        if not is_single:
            if item.passing:
                if id(item.entity) not in named:
                    passing.add(id(item.entity))
            else:
                named.add(id(item.entity))
                passing.discard(id(item.entity))
            for t in item.entity.tokens:
                lst = latest.setdefault(t.lower(), [])
                if item.passing and lst:
                    # named in passing: never the latest of a surname someone else carries
                    if item.entity not in lst:
                        lst.insert(0, item.entity)
                    continue
                if not lst or lst[-1] is not item.entity:
                    if item.entity in lst:
                        lst.remove(item.entity)
                    lst.append(item.entity)
            continue
        start, end, tok, titles, in_passing = item
        low = tok.lower()
        ent = _latest_of_gender(latest.get(low, ()), _title_gender(titles), passing)
        if ent is not None:
            added.append(Mention(start, end, ent, in_passing))
            if titles:
                _profile(art, ent, text, start, end, start, titles)
            elif not in_passing:  # 'apologized to Okoye and to his volunteers': not Okoye's gender
                _gender_from_context(ent, text, end)
        elif any(t.lower().rstrip(".") in _SINGLE_NAME_TITLES for t in titles):
            p = art.persons.get(low) or Person(name=tok, tokens=(tok,), first_pos=start)
            art.persons[low] = p
            _profile(art, p, text, start, end, start, titles)
            added.append(Mention(start, end, p))
            latest.setdefault(low, []).append(p)
    art.mentions.extend(added)
    art.mentions.sort(key=lambda x: (x.pos, -(x.end - x.pos)))


#: Punctuation stripped from a white-space word before it is looked up.
_WORD_PUNCT = ".,;:!?\"“”‘’'()[]{}…—–"


def _lower_words(art: _Article) -> set[str]:
    """The words ``art`` writes in lower case (computed once per article)."""
    words = art.cache.get("lower_words")
    if words is None:  # white-space words that start in lower case, without the punctuation around them
        words = art.cache["lower_words"] = {w.strip(_WORD_PUNCT) for w in set(art.text.split()) if w[:1].islower()}
    return words


def _is_place(tokens: Iterable[str]) -> bool:
    """Rule PLACES_NEVER_SPEAK: a run naming a place ('New Hampshire', 'Wall Street', 'Kings County').

    >>> _is_place(["New", "Hampshire"]), _is_place(["Kings", "County"]), _is_place(["Jeb", "Bush"])
    (True, True, False)
    """
    low = [t.lower().rstrip(".,") for t in tokens]
    return bool(low) and (" ".join(low) in _PLACES or (len(low) >= 2 and low[-1] in _PLACE_WORDS))



def _glued_words(tok: str) -> bool:
    """Rule GLUED_WORDS: a token of three or more title-case words written together is page
    furniture (share buttons, a byline run into the text), never part of a name; names with one
    inner capital ('McDonald', 'DiPietro', 'VanderSloot') stay.

    >>> _glued_words("FoleyFlagShareLikeReplyAni"), _glued_words("DiPietro"), _glued_words("MacNab")
    (True, False, False)
    """
    return sum(1 for a, b in zip(tok, tok[1:]) if a.islower() and b.isupper()) >= 3


def _calendar(tokens: Iterable[str]) -> bool:
    """Rule CALENDAR_NOT_SPEAKER: a run holding a day or a holiday ('Super Tuesday', 'Clinton
    Christmas') names a date or an event, never a person.

    >>> _calendar(["Super", "Tuesday"]), _calendar(["Doris", "Day"])
    (True, False)
    """
    return any(t.lower().rstrip(".,").removesuffix("'s").removesuffix("’s") in _CALENDAR_WORDS for t in tokens)


def _cut_title_case(tokens: list[str], lower_words: set[str]) -> list[str]:
    """Rule TITLE_CASE_RUN: a name ends before the first word (from the third on) that the
    article also writes in lower case: 'Salma Hayek Described Her Experience' -> 'Salma Hayek'
    (a run-in subhead or a headline in title case), while 'Rafael Edward Cruz' stays whole.

    >>> _cut_title_case(["Chris", "Christie", "Says", "He"], {"says", "he"})
    ['Chris', 'Christie']
    """
    for k in range(2, len(tokens)):
        if tokens[k].lower().rstrip(".,") in lower_words and not _is_initial(tokens[k]):
            return tokens[:k]
    return tokens


def _name_key(tokens: Iterable[str]) -> tuple[str, ...]:
    """The key of a name's tokens (cached; see :func:`_name_key_of`)."""
    return _name_key_of(tuple(tokens))


@functools.lru_cache(maxsize=65536)
def _name_key_of(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """A person's tokens without initials, possessives and dots, lower-cased: one key per name variant.

    >>> _name_key(["Lisa", "O.", "Monaco"]), _name_key(["Donald", "J.", "Trump's"])
    (('lisa', 'monaco'), ('donald', 'trump'))
    """
    out = []
    for t in tokens:
        if _is_initial(t) or re.fullmatch(r"[A-Z]", t):
            continue
        out.append(re.sub(r"['’]s$", "", t).rstrip(".,").lower())
    while len(out) > 1 and out[-1] in _NAME_SUFFIXES:
        out.pop()  # 'Joseph R. Biden Jr.' is 'Joseph Biden'
    return tuple(out)


#: Generational suffixes that end a name and are not its surname.
_NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())


def _merge_variants(art: _Article) -> None:
    """Rule CANONICAL_PERSON: every variant of one name is one person per article.

    - a middle initial does not make another person ('Lisa O. Monaco' = 'Lisa Monaco'): the
      first-introduced form is kept;
    - capitalised words in front of a full name the article writes elsewhere are not part of
      the name ('Fault Ted Cruz' from a run-in subhead, 'Billionaire Donald Trump', 'Green Guru
      Ada Marsh' after an opening verb of saying is dropped, rule PARTICIPLE_OPENER); in front of
      a surname, when the article also writes that word in lower case ('See Sexton' when 'Jared
      Sexton' is the one person of that surname);
    - a surname met alone (with a title: 'Mr. Cruz') belongs to the one person of the article
      with that surname ('Ted Cruz'), even when the full name comes later; with two or more
      such persons ('Jeb Bush', 'George W. Bush') the surname stays apart, and each mention is
      resolved to the nearest one when a quote is attributed.
    """
    persons = [p for p in {id(p): p for p in art.persons.values()}.values() if p.kind == "person"]
    if not persons:
        return
    lower_words = None
    by_key: dict[tuple[str, ...], Person] = {}
    for p in sorted(persons, key=lambda p: p.first_pos):
        by_key.setdefault(_name_key(p.tokens), p)
    target: dict[int, Person] = {}
    for p in persons:
        k = _name_key(p.tokens)
        q = by_key.get(k)
        if q is not None and q is not p:
            target[id(p)] = q
            continue
        glued = next((k[j:] for j in range(1, len(k) - 1) if k[j:] in by_key), None)
        if glued is not None:  # 'Billionaire Donald Trump', 'Eco Sage Ada Marsh'
            target[id(p)] = by_key[glued]
    by_last: dict[str, list[Person]] = {}
    for k, p in by_key.items():
        if len(k) >= 2 and id(p) not in target:
            by_last.setdefault(k[-1], []).append(p)
    for k, p in by_key.items():
        if len(k) == 2 and id(p) not in target:
            if lower_words is None:
                lower_words = _lower_words(art)
            others = [q for q in by_last.get(k[1], ()) if q is not p]
            if k[0] in lower_words and (len(others) == 1 or (not others and (k[1],) in by_key)):
                # 'See Sexton', 'Maybe Trump': a common word in front of a surname met elsewhere
                target[id(p)] = others[0] if others else by_key[(k[1],)]
                by_last[k[1]].remove(p)
    for k, p in by_key.items():
        if len(k) == 1 and id(p) not in target and len(by_last.get(k[0], ())) == 1:
            target[id(p)] = by_last[k[0]][0]
    if not target:
        return
    for p in persons:
        q = target.get(id(p))
        if q is None:
            continue
        while id(q) in target:
            q = target[id(q)]
        q.gender = q.gender or p.gender
        q.role = q.role or p.role
        q.affiliation = q.affiliation or p.affiliation
        q.evidence += p.evidence
        q.first_pos = min(q.first_pos, p.first_pos)
        target[id(p)] = q
    for key, p in list(art.persons.items()):
        if id(p) in target:
            art.persons[key] = target[id(p)]
    for m in art.mentions:
        if id(m.entity) in target:
            m.entity = target[id(m.entity)]
    art.role_links = [(at, r, target.get(id(p), p)) for at, r, p in art.role_links]


_THE_PAIR = re.compile(r"\bthe\s+(\S+)\s+(\S+)")
#: Word characters only (re's \w is str.isalnum() or '_'), and the end of a word.
_ALL_WORD = re.compile(r"\w+")
_WORD_END = re.compile(r"\w(?!\w)")


def _after_the_pairs(text: str) -> set[str]:
    """Every 'X Y' written as 'the X Y' (Y cut at any word end), in one pass over the text.

    >>> sorted(_after_the_pairs("near the National Zoo's gate"))
    ['National Zoo', "National Zoo's"]
    """
    out: set[str] = set()
    pos = 0
    while True:
        m = _THE_PAIR.search(text, pos)
        if m is None:
            break
        a, b = m.group(1), m.group(2)
        if _ALL_WORD.fullmatch(b):  # most: one word, its only word end is its end
            out.add(f"{a} {b}")
        else:  # every word end: a word character not followed by one (as str.isalnum or '_')
            for e in _WORD_END.finditer(b):
                out.add(f"{a} {b[:e.end()]}")
        pos = m.start(2)  # 'the the X Y': pairs may overlap
    return out


def _gender_from_context(p: Person, text: str, end: int) -> None:
    """'Name said he/she ...', 'Name ... his/her' in the same clause tell the gender."""
    if p.gender is not None:
        return
    g = _GENDER_PRONOUN_AFTER.match(text[end:end + 60])
    if g and not _CAP_RUN.search(text[end:end + g.start(1)]):
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
                if w in words and w not in ("his", "her", "he", "she"):
                    p.gender = p.gender or g
    # role noun phrase right before the name: "columnist Tom Ashby", "The owner, Jenny Holroyd,"
    window = text[max(0, run_start - 60):run_start]
    rb = _ROLE_BEFORE.search(window) if _may_end_in_role(window) else None
    if rb and not titles:
        role = rb.group(1).strip()
        role = re.sub(rf"^.*\b(?:{_VERB_ALT})\s+", "", role)  # 'said council leader' -> 'council leader'
        role = re.sub(r"^(?:the|a|an|[A-Z][\w’']*['’]s)\s+", "", role, flags=re.I).strip()
        if role and role.split()[-1].lower() not in ("said", "told", "after", "ever", "never", "other", "under", "over"):
            p.evidence += 1
            if p.role is None:
                p.role = role
            art.role_links.append((run_start, role.lower(), p))
            for w in _words(role.lower()):
                for g, words in _GENDER_NOUNS.items():
                    if w in words:
                        p.gender = p.gender or g
    after = text[end:end + 40]
    if _VERB_AFTER.match(after) or _AGE_AFTER.match(after) or _CLAUSE_AFTER.match(after) or _POSSESSIVE_AFTER.match(after):
        p.evidence += 1
    _gender_from_context(p, text, end)


def _nz(v: Any) -> Any:
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.attribution import _NAME_NP, _PARTICIPLES, _VERB_ALT  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.textutil import _clean_mention, _is_title_token, _words  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.words import (  # noqa: E402,F401 (imported last, as the modules refer to each other)
    _CALENDAR_WORDS,
    _CAP_RUN,
    _CAP_STOP,
    _GENDER_NOUNS,
    _ING_NAMES,
    _NAME_HOMOGRAPHS,
    _ORG_RUN,
    _ORG_WORDS,
    _PLACE_WORDS,
    _PLACES,
    _TITLE_WORDS,
    _TYPE_WORDS,
    SPEECH_VERBS,
)

# Patterns of the hot per-mention steps, compiled once (the same patterns as written inline before;
# an f-string pattern was rebuilt and looked up in re's cache at every call).
#: A middle or first initial: 'H.', 'J.R.'.
_INITIAL = re.compile(r"(?:[A-Z]\.)+")
#: An appositive right after a name, up to its comma, full stop or the verb of saying.
_APPOSITIVE = re.compile(r",\s+((?:\d{1,3},\s+)?[^.;:!?\"“”,]{2,160}?)(?=,|\.(?:\s|$)|;|$|\s+(?:said|says|told|tells|added|adds|warned|noted|argued|wrote)\b)")
#: A preposition right before a name ('in', 'from' ... 'the'): a place, or a name in passing.
_PREP_BEFORE = re.compile(r"\b(?:in|at|from|to|near|of|into|across|over|outside|inside|off|via|toward|towards|for|by|with|on)\s+(?:the\s+)?$")
#: Prepositions and verbs before a person who speaks ('according to', 'told', 'by', 'with').
_PERSON_PREP_BEFORE = re.compile(r"\b(?:[Aa]ccording|told|by|with)\s+\w*\s*$")
#: An appositive or a verb of saying after a name: a person.
_PERSON_AFTER = re.compile(r"^\s*(?:,\s+(?:a|an|the|who|\d)|\s+(?:said|says|told))")
#: A gendered pronoun in the clause after a name.
_GENDER_PRONOUN_AFTER = re.compile(r"[^.;!?“”\"]{0,50}?\b(he|she|his|her|him)\b")
#: A verb of saying after a name (evidence that the name is a person who speaks).
_VERB_AFTER = re.compile(rf"\s*(?:,\s*)?(?:\w+ly\s+)?(?:{_VERB_ALT})\b")
#: An age in commas after a name: ', 47,'.
_AGE_AFTER = re.compile(r",\s+\d{1,3},")
#: A finite verb after a name.
_CLAUSE_AFTER = re.compile(r"\s+(?:\w+ly\s+)?(?:has|had|was|is|did|would|will|[a-z]+ed|[a-z]+s)\b")
#: A possessive before a lower-case noun after a name.
_POSSESSIVE_AFTER = re.compile(r"['’]s\s+[a-z]")
