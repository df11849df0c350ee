"""One canonical person per name variant in an article (rule CANONICAL_PERSON), one organisation per
short form (rule CANONICAL_ORGANISATION), and the name keys they compare (initials, possessives and
generational suffixes left out)."""
from __future__ import annotations

import functools
import re
from typing import Iterable


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
    _repoint(art.persons, art, target)
    art.role_links = [(at, r, target.get(id(p), p)) for at, r, p in art.role_links]


#: Lower-case words inside an organisation's name that give no letter to its acronym.
_ORG_NAME_LINKS = frozenset("of the for and & on de du des in at".split())


def _org_acronym(tokens: Iterable[str]) -> str | None:
    """The acronym of an organisation's name: the initials of its capitalised words, None for a
    name of fewer than two ('Republican National Committee' -> 'RNC').

    >>> _org_acronym("Federal Bureau of Investigation".split()), _org_acronym(["Pentagon"])
    ('FBI', None)
    """
    words = [t for t in tokens if t.lower() not in _ORG_NAME_LINKS]
    if len(words) < 2 or not all(t[:1].isupper() for t in words):
        return None
    return "".join(t[0] for t in words).upper()


def _merge_org_variants(art: _Article) -> None:
    """Rule CANONICAL_ORGANISATION: the short forms of an organisation are that organisation, per
    article: its acronym ('the RNC' after 'the Republican National Committee', 'DGA' after 'the
    Democratic Governors Association (DGA)') and, for a news outlet, the last word of its name
    ('the Post' after 'The Washington Post', 'the Times' after 'The New York Times'). A short
    form that two organisations of the article share ('the Times' with both a New York and a
    Los Angeles Times) stays apart. The first-introduced full name is the speaker's name."""
    orgs = sorted({id(o): o for o in art.orgs.values() if o.kind == "org"}.values(), key=lambda o: o.first_pos)
    if not orgs:
        return
    for o in orgs:  # an outlet of the kit's table speaks under the table's name ('The Washington Post')
        if len(o.tokens) >= 2 and o.tokens[-1].strip(".,").lower() in _OUTLET_NAME_WORDS:
            table_name = _outlet_name(re.sub(r"^the\s+", "", o.name, flags=re.I))
            if table_name is not None:
                o.name = table_name
    short: dict[str, list[Person]] = {}
    for o in orgs:
        acr = _org_acronym(o.tokens)
        if acr is not None and 2 <= len(acr) <= 6:
            short.setdefault(acr.lower(), []).append(o)
        last = o.tokens[-1].strip(".,").lower() if len(o.tokens) >= 2 else None
        if last in _OUTLET_NAME_WORDS:
            short.setdefault(last, []).append(o)
    target: dict[int, Person] = {}
    for key, lst in short.items():
        longs = {id(o): o for o in lst}
        if len(longs) != 1:
            continue
        full = lst[0]
        existing = art.orgs.get(key)
        if existing is full:
            continue
        if existing is not None:
            if existing.kind != "org" or len(existing.tokens) != 1:
                continue
            target[id(existing)] = full
        elif key.upper() in art.text and re.search(rf"\b{re.escape(key.upper())}\b", art.text):
            art.orgs[key] = full  # an acronym the article writes, resolved when met ('the RNC said')
    if not target:
        return
    _repoint(art.orgs, art, target)


def _repoint(table: dict, art, target: dict[int, Person]) -> None:
    """After a merge: the entries of ``table`` (the article's persons or organisations) and the
    article's mentions that name a merged entity (by ``id``) name what it was merged into."""
    for key, e in list(table.items()):
        if id(e) in target:
            table[key] = target[id(e)]
    for m in art.mentions:
        if id(m.entity) in target:
            m.entity = target[id(m.entity)]


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.entities import Person, _Article  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.name_shape import _is_initial, _lower_words  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.resolution import _outlet_name  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.words import _OUTLET_NAME_WORDS  # noqa: E402,F401 (imported last, as the modules refer to each other)
