"""Entities of one article, in named steps (:func:`_build_entities`): actor forms, organisations, people
(full names), actor mentions, single names, one canonical person per name variant
(:mod:`kit.quotes.variants`) and the indexes every lookup uses; the shape of a name is in
:mod:`kit.quotes.name_shape`, what the words around a mention tell in :mod:`kit.quotes.profiles`."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

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


def _build_entities(art: _Article, actors: pd.DataFrame | None, index: dict | None = None) -> None:
    """Find people, organisations, titles, appositives and role links in one article, in named
    steps: actor forms, organisations, people (full names), actor mentions, single names, then
    one canonical person per name variant and the indexes used by every lookup. ``index`` is
    :func:`kit.actors.alias_index` of ``actors`` (built here when not given)."""
    actor_forms = _actor_forms(art, actors, index)
    in_org = _find_orgs(art)
    singles = _find_persons(art, in_org)
    singles = _nicknamed_persons(art, singles)
    _add_actor_mentions(art, actor_forms)
    _resolve_singles(art, singles)
    _merge_variants(art)
    _merge_org_variants(art)
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
    named = _ORG_OF_RUN
    orgish = _ORGISH_TOKEN  # _is_orgish's memo, read directly for a run of one word
    for m in _cap_runs(_ORG_RUN, art):
        run = m.group(0)
        if not _has_space(run) and not (orgish.get(run) or (run not in orgish and _is_orgish((run,)))):
            continue  # one word that is no organisation word (most runs): never an organisation
        if run in named:
            found = named[run]
        else:
            if len(named) > 100_000:
                named.clear()
            found = named[run] = _org_of_run(run)
        if found is None:
            continue
        toks, name, at = found
        start = m.start() + at
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


#: :func:`_org_of_run` per run met (a run's words alone decide, so a run met again, in this article or
#: another, is read once); cleared when it grows large, so a long corpus keeps it small.
_ORG_OF_RUN: dict[str, tuple[list[str], str, int] | None] = {}


def _org_of_run(run: str) -> tuple[list[str], str, int] | None:
    """The organisation a capitalised run (of :data:`words._ORG_RUN`) names, read from its words
    alone: (its words, its name, where its first word starts in the run), or None when the run
    names none. :func:`_find_orgs` asks once per run (:data:`_ORG_OF_RUN`).

    >>> _org_of_run("The Harbor Board"), _org_of_run("Treasury Secretary Ann Roe"), _org_of_run("Ann Roe")
    ((['Harbor', 'Board'], 'Harbor Board', 4), None, None)
    """
    toks = run.split()
    while toks and toks[0] in _CAP_STOP and " ".join(toks[:2]).lower() not in _PLACES:
        toks = toks[1:]  # not 'New' of 'New York Times' (a place opens the name)
    while toks and toks[-1].lower() in ("of", "for", "and", "&", "on", "the", "de", "du", "des"):
        toks = toks[:-1]
    titled = _titled_name_at(toks)
    if titled is not None:
        toks = toks[:titled]  # the organisation before a titled person's name
    toks = _org_tokens(toks) if toks else toks
    if not toks or not _is_orgish(toks):
        return None
    if toks[0].lower() in ("secretary", "minister", "president", "director", "chairman", "head"):
        return None  # titles like "Secretary of State" are not organisations
    name = re.sub(r"['’]s$", "", " ".join(toks))
    if name.lower() in ("the", "house") or len(name) < 3:
        return None
    return toks, name, run.find(toks[0])


def _place_context(text: str, tok_start: int, end: int, titles: list[str]) -> bool:
    """A name after a preposition ('in', 'from', 'near' ...) is a place, unless a title, an
    appositive or a speech verb marks a person."""
    before = text[max(0, tok_start - 16):tok_start]
    after = text[end:end + 60]
    return bool(not titles and _PREP_BEFORE.search(before) and not _PERSON_PREP_BEFORE.search(before)
                and not _PERSON_AFTER.match(after))


def _not_a_person(art: _Article, toks: list[str], start: int, end: int) -> str | None:
    """Rule NOT_A_PERSON: the entity type of a capitalised run of two or more words that no title
    marks as a person, read from the structure of the name and the grammar around it; returns the
    shape that makes the run a place or a thing ('head', 'place opener', 'plural', 'lower case',
    'thing'), or
    None when the run may name a person. A run is no person when

    - its last word is a geographic, built-thing, event, award or law head ('the Arctic Sea',
      'Kestrel Glacier', 'the Harbor Festival', 'the Clean Water Act': ``_NOT_PERSON_HEADS``);
    - its first word opens a place name ('Santa Rosa', 'Fort Ledger': ``_PLACE_OPENERS``);
    - the article also writes it with a plural ending ('Pacific Islanders'), or two of its words
      in a row all in lower case ('Green Jobs Plan' beside 'green jobs': a title-case headline run
      into the text);
    - wherever the article writes it, an article comes before it ('the Ann Roe' is rare) or it
      modifies a lower-case noun ('an Art Deco lobby', 'Pacific Islander voters'), a noun being a
      word the article writes after a determiner and that is no verb (:func:`_thing_shape`), and
      its last word is never written alone (a person's surname is: 'a Roe presidency ... Roe
      said').

    >>> art = _Article(doc_id=1, paras=[], text="Voters near the Arctic Sea met Ann Roe. Ann Roe said so.")
    >>> _not_a_person(art, ["Arctic", "Sea"], 16, 26), _not_a_person(art, ["Ann", "Roe"], 31, 38)
    ('head', None)
    >>> art = _Article(doc_id=1, paras=[], text="Art Deco lobby. The lobby, she said.")
    >>> _not_a_person(art, ["Art", "Deco"], 0, 8)
    'thing'
    """
    last = toks[-1].lower().rstrip(".,")
    if last in _NOT_PERSON_HEADS:
        return "head"
    if toks[0].lower().rstrip(".") in _PLACE_OPENERS and not any("-" in t for t in toks):
        return "place opener"  # not 'South Korean-born Ann Roe'
    text = art.text
    name = " ".join(toks)
    shape = _words_shape(art, toks)
    if shape is not None:
        return shape
    if _title_case_line(art, toks, start, end):
        return "title-case line"
    # (the surname test before the noun test when the latter needs the article's nouns after a
    # determiner: either answers None, and the surname test often spares reading them)
    cue = _thing_cue(art, start, end)
    if cue is False or _runs_of(text, toks[-1]) > _runs_of(text, name) \
            or (cue is not True and cue not in _determiner_words(art)):
        return None  # a surname written alone elsewhere ('a Roe presidency ... Roe said'): a person
    for pos in _find_all(text, name):  # every other place the article writes the run must be a thing's too
        if pos != start and not _thing_shape(art, pos, pos + len(name)):
            return None
    return "thing"


def _words_shape(art: _Article, toks: list[str]) -> str | None:
    """The tests of rule NOT_A_PERSON (:func:`_not_a_person`) that read only the run's words and
    the whole article, never where the run stands: 'plural' when the article also writes the run
    with a plural ending or without its own ('Pacific Islander' beside 'Pacific Islanders', either
    way round), 'lower case' when it writes two of its words in a row in lower case ('Green Jobs'
    beside 'green jobs'), else None. Kept per article in ``art.cache`` (a name is met again and
    again, and each test scans the text), keyed by the run's words.

    >>> art = _Article(doc_id=1, paras=[], text="Pacific Islanders and a Pacific Islander. Most green jobs pay.")
    >>> _words_shape(art, ["Pacific", "Islander"]), _words_shape(art, ["Green", "Jobs"]), _words_shape(art, ["Ann", "Roe"])
    ('plural', 'lower case', None)
    """
    memo = art.cache.get("words_shape")
    if memo is None:
        memo = art.cache["words_shape"] = {}
    key = tuple(toks)
    if key in memo:
        return memo[key]
    text = art.text
    name = " ".join(toks)
    if _plural_of(text, name) or (toks[-1].lower().rstrip(".,").endswith("s") and _written_as_run(text, name[:-1])):
        shape = "plural"  # 'Pacific Islander' beside 'Pacific Islanders', either way round
    elif any(_written_lower(text, f"{w1} {w2}") for w1, w2 in zip(toks, toks[1:])):
        shape = "lower case"
    else:
        shape = None
    memo[key] = shape
    return shape


#: Rule TITLE_CASE_LINE: how many words on each side of a run are read to tell a title-case line
#: (a headline or subhead glued to the text) from running text.
TITLE_CASE_WORDS = 6
#: A paragraph break: the words of a line are read up to it (not a sentence end: a glued headline
#: may hold one, 'Roe's Tide Warning Isn't New. She Has Said It Before').
_LINE_END = re.compile(r"\n")


def _title_case_line(art: _Article, toks: list[str], start: int, end: int) -> bool:
    """Rule TITLE_CASE_LINE: a run of name words is no person when it stands in a line written in
    title case (a headline or subhead glued to the text: 'Harbor Town Readies for Wettest Spring on
    Record', "Ann Roe's Tide Warning Isn't New"), one of its words is a common word (the article
    also writes it in lower case, 'spring', 'tide'; or a function word, 'Than', or a word in
    '-ing', 'Alarming') and its last word is a common word or never written alone (a surname is:
    'Rose Barks's Plan For ...' and later 'Barks said' keeps Rose Barks a person). A line is in
    title case when, of the words of four letters or more among the :data:`TITLE_CASE_WORDS`
    before and after the run (not across a paragraph break), three or more are capitalised and at
    most one in four is not. A name the headline glues to its line stays a person where the body
    writes it in running text.

    Why not ``name_shape._title_case_verb``: that test cuts one headline verb in '-s' off a
    person's two-word name ('Ann Wants' -> 'Ann') and reads only the words after it; this one
    sets a whole run aside as no person, so it reads both sides of the run (up to a paragraph
    break), asks for more capitalised words and for a common word in the run itself. The two
    answer different questions and are kept apart.

    >>> text = "Harbor Town Readies for Wettest Spring on Record As Rivers Rise The spring rains came."
    >>> art = _Article(doc_id=1, paras=[], text=text)
    >>> _title_case_line(art, ["Wettest", "Spring"], 24, 38)
    True
    >>> text = "Rose Barks's Plan For Storms Gets Backing Barks said the rose garden will flood."
    >>> _title_case_line(_Article(doc_id=1, paras=[], text=text), ["Rose", "Barks"], 0, 10)
    False
    >>> text = "The plan, said Rose Barks, will flood the rose garden by Monday."
    >>> _title_case_line(_Article(doc_id=1, paras=[], text=text), ["Rose", "Barks"], 15, 25)
    False
    """
    lower = _lower_words(art)
    if not any(t.lower() in lower or t.lower() in _AFTER_NAME_NOT_NOUN or _participle_opener(t) for t in toks):
        return False  # no common word: 'Worse Than', 'Embarrassing X Rant' hold one too
    text = art.text
    before = text[max(0, start - 120):start]
    cut = None
    for cut in _LINE_END.finditer(before):
        pass
    if cut is not None:
        before = before[cut.end():]
    after = text[end:end + 120]
    stop = _LINE_END.search(after)
    if stop is not None:
        after = after[:stop.start()]
    words = before.split()[-TITLE_CASE_WORDS:] + after.split()[:TITLE_CASE_WORDS]
    words = [w for w in (w.strip(_WORD_PUNCT) for w in words) if len(w) >= 4 and w[:1].isalpha()]
    caps = sum(1 for w in words if w[:1].isupper())
    if caps < 3 or 3 * (len(words) - caps) > caps:
        return False
    last = toks[-1]
    return last.lower() in lower or _runs_of(text, last) <= _runs_of(text, " ".join(toks))


def _plural_of(text: str, name: str) -> bool:
    """Whether ``text`` writes ``name`` with a plural ending ('Pacific Islanders'), not after 'the'
    (a person's name is made plural so: 'the Ann Roes of this world').

    >>> _plural_of("Pacific Islanders and one Pacific Islander", "Pacific Islander"), _plural_of("Ann Roe's", "Ann Roe")
    (True, False)
    >>> _plural_of("the Ann Roes of this world", "Ann Roe")
    False
    """
    n = len(name)
    for pos in _find_all(text, name):  # one scan for both endings: each is written after the name
        for ending in ("s", "es"):
            if not text.startswith(ending, pos + n):
                continue
            after = pos + n + len(ending)
            if (after >= len(text) or not (text[after].isalnum() or text[after] in "'’")) \
                    and not text[max(0, pos - 4):pos].lower() == "the ":
                return True
    return False


def _runs_of(text: str, run: str) -> int:
    """How often ``text`` writes ``run`` as whole words.

    >>> _runs_of("Ann Roe met Roe's aide, not Roebuck.", "Roe")
    2
    """
    return sum(1 for _ in _whole_runs(text, run))


def _written_as_run(text: str, run: str) -> bool:
    """Whether ``text`` writes ``run`` as whole words ('Pacific Islander', not inside 'Pacific
    Islanders').

    >>> _written_as_run("Pacific Islanders", "Pacific Islander"), _written_as_run("a Pacific Islander.", "Pacific Islander")
    (False, True)
    """
    return next(_whole_runs(text, run), None) is not None


def _whole_runs(text: str, run: str) -> Iterator[int]:
    """Every position where ``text`` writes ``run`` as whole words (no letter or digit touches it).

    >>> list(_whole_runs("Roe, Roebuck and Roe", "Roe"))
    [0, 17]
    """
    for pos in _find_all(text, run):
        after = pos + len(run)
        if (pos == 0 or not text[pos - 1].isalnum()) and (after >= len(text) or not text[after].isalnum()):
            yield pos


def _written_lower(text: str, name: str) -> bool:
    """Whether ``text`` also writes the run ``name`` all in lower case, as a word sequence: a
    common noun phrase set in title case (a headline run into the text: 'Green Jobs' beside
    'green jobs'), never a name.

    >>> _written_lower("A Green Jobs Plan. Most green jobs pay.", "Green Jobs"), _written_lower("Ann Roe", "Ann Roe")
    (True, False)
    """
    return _written_as_run(text, name.lower())


#: An article right before a run ('the ', 'An ').
_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=[\s(\"“‘]))(?:[Tt]he|[Aa]n?)\s+$")
#: The lower-case word right after a run, after one space.
_NEXT_LOWER = re.compile(r" ([a-z][a-z'’-]*)\b")
#: A lower-case word after a determiner: a noun or an adjective as the article writes it. The
#: pattern of ``\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|...)\s+([a-z][a-z'’-]+)``, written to
#: open on the class of the determiners' first letters (the word boundary is the look-behind after
#: that letter, each determiner's rest follows a look-behind for its own first letter), so that
#: ``re`` skips to the candidates at C speed: the same matches, about twice as fast over an article.
_AFTER_DETERMINER = re.compile(
    r"[TtAaHhIiOoMmYySs](?<!\w.)"                       # a determiner's first letter, at a word start
    r"(?:(?<=[Tt])(?:he|heir|his|hese|hose)|(?<=[Aa])n?|(?<=[Hh])(?:is|er)|(?<=[Ii])ts"
    r"|(?<=[Oo])(?:ur|ther)|(?<=[Mm])(?:y|any)|(?<=[Yy])our|(?<=[Ss])ome)"
    r"\s+([a-z][a-z'’-]+)")


def _thing_shape(art: _Article, start: int, end: int) -> bool:
    """Whether the run at ``[start, end)`` stands where a thing does, not a person: right after an
    article ('the Arctic Sea'), or before a lower-case noun it modifies ('Art Deco lobby'; a noun
    is a word the article writes after a determiner, and no verb nor function word; a verb of
    saying that is also a noun, 'states', 'reports', may be the noun)."""
    cue = _thing_cue(art, start, end)
    return cue if isinstance(cue, bool) else cue in _determiner_words(art)


def _thing_cue(art: _Article, start: int, end: int) -> bool | str:
    """:func:`_thing_shape` without the article's nouns: True (after an article) or False, or the
    lower-case word after the run when only those nouns can tell.

    >>> art = _Article(doc_id=1, paras=[], text="Art Deco lobby. Ann Roe said so. The Arctic Sea.")
    >>> _thing_cue(art, 0, 8), _thing_cue(art, 16, 23), _thing_cue(art, 37, 47)
    ('lobby', False, True)
    """
    text = art.text
    if _ARTICLE_BEFORE.search(text, max(0, start - 5), start):
        return True
    m = _NEXT_LOWER.match(text, end)
    if m is None:
        return False
    word = m.group(1)
    if word in _AFTER_NAME_NOT_NOUN or (word in SPEECH_VERBS and word not in _NOUN_HOMOGRAPHS) \
            or word.endswith(("ly", "ed")):
        return False
    return word


def _determiner_words(art: _Article) -> set[str]:
    """The lower-case words ``art`` writes after a determiner (:data:`_AFTER_DETERMINER`; once per article).

    >>> sorted(_determiner_words(_Article(doc_id=1, paras=[], text="The lobby and their new lobby.")))
    ['lobby', 'new']
    """
    nouns = art.cache.get("determiner_words")
    if nouns is None:
        nouns = art.cache["determiner_words"] = set(_AFTER_DETERMINER.findall(art.text))
    return nouns


def _find_persons(art: _Article, in_org) -> list[tuple[int, int, str, list[str], int]]:
    """People named with two to four name words (mentions and profiles); returns the single
    capitalised words left to resolve ((start, end, word, titles, start of the run's words): the
    last is read by :func:`_place_context` only for a word that resolves to a person)."""
    text = art.text
    after_the = _after_the_pairs(text)
    lower_words = _lower_words(art)
    suffix_of: dict[tuple[str, ...], Person] = {}
    singles: list[tuple[int, int, str, list[str], int]] = []
    for m in _cap_runs(_CAP_RUN, art):
        run = m.group(0)
        if not _has_space(run):  # one word (most runs): a short path through _name_tokens
            _single_word(art, m, in_org, singles)
            continue
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
            singles.append((start, end, name_toks[0], titles, tok_start))
            continue
        passing = False
        if len(name_toks) > 4 or _is_place(name_toks) or _calendar(name_toks) or any(map(_glued_words, name_toks)) \
                or (len(name_toks) == 2 and not titles and " ".join(name_toks) in after_the) \
                or (not titles and _not_a_person(art, name_toks, start, end) is not None) \
                or (any(t.endswith(("'s", "’s")) for t in titles) and _title_case_line(art, name_toks, start, end)):
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


_has_space = re.compile(r"\s").search
#: The word sets :func:`_name_tokens` takes, empty: its one-word path does not read them.
_NO_WORDS: frozenset[str] = frozenset()


def _single_word(art: _Article, m: re.Match, in_org, singles: list) -> None:
    """What :func:`_find_persons` does with a capitalised run ``m`` of one word (no white space):
    :func:`_name_tokens`'s one-word path, written out (a run alone in quotation marks, a stop word
    that is no name homograph: nothing; else the word without its possessive), and the same checks,
    without the search for the word nor the loop over the tokens.

    >>> art = _Article(doc_id=1, paras=[], text="Roe's aide met 'Ruiz' and Ruiz. FBI agents")
    >>> singles = []
    >>> for m in _cap_runs(_CAP_RUN, art):
    ...     _single_word(art, m, lambda a, b: False, singles)
    >>> [s[2] for s in singles]
    ['Roe', 'Ruiz']
    """
    text = art.text
    start, tok = m.start(), m.group(0)
    if start > 0 and text[start - 1] in _OPEN_QUOTES and text[m.end():m.end() + 1] in _CLOSE_QUOTES:
        return  # rule QUOTED_TITLE_CASE (name_shape._quoted_alone)
    if tok in _CAP_STOP and tok not in _NAME_HOMOGRAPHS:
        return
    if tok.endswith(("’s", "'s")):
        tok = tok[:-2]
    end = start + len(tok)
    if tok in _CAP_STOP or (tok.isupper() and not _is_initial(tok)) or _is_orgish((tok,)) or in_org(start, end):
        return
    singles.append((start, end, tok, [], start))


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


# --- session 14, branch fdcheck ---
#: Rule NICKNAME_IN_NAME: a given name, a nickname in quotation marks and a surname.
_NICKNAMED = re.compile(r"\b([A-Z][a-z]+)\s+[\"“]([A-Z][\w’'.-]{1,20})[\"”]\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
#: The middle of every :data:`_NICKNAMED` match (a quoted capitalised word, then a capital): it
#: opens on a quotation mark, which ``re`` skips to at C speed; an article without it (most) holds
#: no nicknamed name, and the slower full pattern is not run over it.
_NICKNAME_MIDDLE = re.compile(r"[\"“][A-Z][\w’'.-]{1,20}[\"”]\s+[A-Z]")


def _nicknamed_persons(art: _Article, singles: list) -> list:
    """Rule NICKNAME_IN_NAME: 'Cal "Hook" Dunmore' names the person Cal Dunmore (the nickname in
    quotation marks splits the capitalised run, so the name step saw two single words). Adds the
    person and its mention; returns ``singles`` without the words inside the name.

    >>> art = _Article(doc_id="d", paras=[], text='Cal "Hook" Dunmore runs the town. Dunmore said so.')
    >>> rest = _nicknamed_persons(art, [(0, 3, "Cal", [], False), (11, 18, "Dunmore", [], False),
    ...                                 (34, 41, "Dunmore", [], False)])
    >>> sorted(art.persons), [s[0] for s in rest]
    (['cal dunmore'], [34])
    """
    if _NICKNAME_MIDDLE.search(art.text) is None:
        return singles
    found = False
    for m in _NICKNAMED.finditer(art.text):
        given, surname = m.group(1), m.group(3)
        if given in _CAP_STOP or surname in _CAP_STOP:
            continue
        name = f"{given} {surname}"
        p = art.persons.get(name.lower())
        if p is None:
            p = art.persons[name.lower()] = Person(name=name, tokens=(given, surname), first_pos=m.start())
            _profile(art, p, art.text, m.start(), m.end(), m.start(), [])
        art.mentions.append(Mention(m.start(), m.end(), p))
        singles = [s for s in singles if not m.start() <= s[0] < m.end()]
        found = True
    if found:
        art.mentions.sort(key=lambda x: (x.pos, -(x.end - x.pos)))
    return singles


#: Titles that make a single capitalised word a person even when no full name precedes it.
_SINGLE_NAME_TITLES = frozenset("""mr mrs ms miss dr prof sen rep gov president minister senator
general gen mayor ambassador""".split())


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


def _resolve_singles(art: _Article, singles: list[tuple[int, int, str, list[str], int]]) -> None:
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
        start, end, tok, titles, tok_start = item
        low = tok.lower()
        carriers = latest.get(low)  # none for most single words: no person to choose among
        ent = _latest_of_gender(carriers, _title_gender(titles), passing) if carriers else None
        if ent is not None:
            in_passing = _place_context(text, tok_start, end, titles)
            added.append(Mention(start, end, ent, in_passing))
            if titles:
                _profile(art, ent, text, start, end, start, titles)
            elif not in_passing:  # 'apologized to Okoye and to his volunteers': not Okoye's gender
                _gender_from_context(ent, text, end)
        elif any(t.lower().rstrip(".") in _SINGLE_NAME_TITLES or t.lower() in _ONE_NAME_TITLES for t in titles):
            p = art.persons.get(low) or Person(name=tok, tokens=(tok,), first_pos=start)
            art.persons[low] = p
            _profile(art, p, text, start, end, start, titles)
            added.append(Mention(start, end, p))
            latest.setdefault(low, []).append(p)
    art.mentions.extend(added)
    art.mentions.sort(key=lambda x: (x.pos, -(x.end - x.pos)))


#: 'the X Y'. The word boundary before 'the' is written as a look-behind after its 't' (no word
#: character before the 't'), so the pattern opens on a literal and ``re`` skips to each 't' at C
#: speed instead of testing a boundary at every position; the same matches as ``\bthe\s+...``.
_THE_PAIR = re.compile(r"t(?<!\wt)he\s+(\S+)\s+(\S+)")
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


def _nz(v: Any) -> Any:
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v
#: A preposition right before a name ('in', 'from' ... 'the'): a place, or a name in passing.
_PREP_BEFORE = re.compile(r"\b(?:in|at|from|to|near|of|into|across|over|outside|inside|off|via|toward|towards|for|by|with|on)\s+(?:the\s+)?$")
#: Prepositions and verbs before a person who speaks ('according to', 'told', 'by', 'with').
_PERSON_PREP_BEFORE = re.compile(r"\b(?:[Aa]ccording|told|by|with)\s+\w*\s*$")
#: An appositive or a verb of saying after a name: a person.
_PERSON_AFTER = re.compile(r"^\s*(?:,\s+(?:a|an|the|who|\d)|\s+(?:said|says|told))")


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.name_shape import (  # noqa: E402,F401 (imported last, as the modules refer to each other)
    _CLOSE_QUOTES,
    _OPEN_QUOTES,
    _ORGISH_TOKEN,
    _WORD_PUNCT,
    _calendar,
    _find_all,
    _glued_words,
    _is_initial,
    _is_orgish,
    _is_place,
    _lower_words,
    _name_tokens,
    _org_tokens,
    _participle_opener,
    _title_gender,
    _titled_name_at,
)
from kit.quotes.profiles import _gender_from_context, _profile  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.textutil import _cap_runs  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.variants import _merge_org_variants, _merge_variants  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.words import (  # noqa: E402,F401 (imported last, as the modules refer to each other)
    _AFTER_NAME_NOT_NOUN,
    _CAP_RUN,
    _CAP_STOP,
    _NAME_HOMOGRAPHS,
    _NOT_PERSON_HEADS,
    _NOUN_HOMOGRAPHS,
    _ONE_NAME_TITLES,
    _ORG_RUN,
    _ORG_WORDS,
    _PLACE_OPENERS,
    _PLACES,
    SPEECH_VERBS,
)
