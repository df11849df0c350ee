"""Resolving a capitalised name to a person: full names and surnames to the nearest fitting person
(rules SURNAME_WRITTEN, SURNAME_SPEAKER, HEADLINE_PERSON, HEADLINE_NAME) and the shape of a name the
entity step did not know (rule STRAY_PHRASE)."""
from __future__ import annotations

import bisect
import re

from kit.quotes.words import _PREPOSITION_OPENERS


def _resolve_name(art: _Article, mention: str, pos: int) -> Person | None:
    """A capitalised name (full or partial) to the nearest matching person or organisation."""
    toks = mention.split()
    titles, name_toks = _strip_titles(toks)
    if not name_toks:
        name_toks = toks
    if len(name_toks) >= 2 and _opener_word(name_toks[0], _lower_words(art)):
        name_toks = name_toks[1:]  # 'Stated Stanhope:' (rule in kit.quotes.name_shape._opener_word)
    if name_toks and name_toks[-1].endswith(("’s", "'s")):
        name_toks[-1] = name_toks[-1][:-2]
    low = [t.lower() for t in name_toks]
    key = " ".join(low)
    direct = art.persons.get(key)
    if direct is not None and (len(direct.tokens) >= 2 or direct.kind != "person"):
        return direct
    lkey = list(_name_key(name_toks))
    tg = _title_gender(titles)  # 'Mrs. Clinton' is never a man

    def fits_anew(ent: Person) -> bool:
        if ent.kind == "person":  # name keys: initials and 'Jr.' do not count ('Mr. Biden' fits 'Joseph R. Biden Jr.')
            if tg is not None and ent.gender not in (None, tg):
                return False
            ekey = list(_name_key(ent.tokens))
            return 0 < len(lkey) < len(ekey) and (ekey[-len(lkey):] == lkey or ekey[:len(lkey)] == lkey)
        return key == " ".join(t.lower() for t in ent.tokens) or key == ent.name.lower()

    fitting: dict[int, bool] = {}  # id of an entity -> fits_anew: the walk meets one person again and again

    def fits(ent: Person) -> bool:
        got = fitting.get(id(ent))
        if got is None:
            got = fitting[id(ent)] = fits_anew(ent)
        return got

    found = _nearest_fitting(art, low, pos, fits)
    if found is not None:
        return found
    if direct is not None:
        return direct
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
            _note_rule(art, "HEADLINE_PERSON")
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
                    _note_rule(art, "SURNAME_SPEAKER")
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
    nt = nt[_headline_words_before_name(art.text, nt, _lower_words(art)):]  # rule HEADLINE_WORDS_BEFORE_NAME
    if nt and not (len(nt) == 1 and nt[0].lower() in _lower_words(art)) and not _is_place(nt):
        if len(nt) < len(toks):
            r = _resolve_name(art, " ".join(nt), pos)  # 'Of Carson', 'Playing Trump': the name after the opener
            if r is not None:
                return r
        if len(nt) == 1:
            r = _headline_name(art, nt[0])
            if r is not None:
                _note_rule(art, "HEADLINE_NAME")
                return r
            if _plural_group(art, nt[0]):  # rule PLURAL_GROUP: 'Republicans said' is a group
                return Person(name=nt[0], tokens=(nt[0],), kind="group")
        return Person(name=" ".join(nt), tokens=tuple(nt))
    return None


def _plural_group(art: _Article, word: str) -> bool:
    """Rule PLURAL_GROUP (session 16): a capitalised word the entity step did not know, ending in
    *s*, whose singular the article also writes as a word ('Republicans' beside 'a Republican
    senator', 'Videos' beside 'the video') names a group, not a person: it may speak, but no *he*
    or *she* refers to it. A surname is kept: the article writes it at the end of a person's name
    ('Sanders' of 'Bo Sanders'), or it has no singular in the text ('Jones').

    >>> art = _Article(doc_id=1, paras=[], text="A Republican senator spoke. Republicans said no.")
    >>> _plural_group(art, "Republicans"), _plural_group(art, "Jones")
    (True, False)
    """
    if len(word) < 4 or not word.endswith("s") or word.endswith(("ss", "'s", "’s")):
        return False
    low = word.lower()
    if any(len(p.tokens) >= 2 and p.tokens[-1].lower() == low for p in art.persons.values()):
        return False
    return re.search(rf"(?<![\w’'-]){re.escape(word[:-1])}(?![\w’'-])", art.text, re.IGNORECASE) is not None


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
    if toks and toks[0] in _NOT_NAME_WORDS:
        return []  # rule NOT_A_NAME_WORD: 'Wait', 'Any', 'Most Southern (states)': no name
    while toks and (toks[0] in _LEADING_FUNCTION_WORDS or (len(toks) > 1 and _participle_opener(toks[0]))):
        toks = toks[1:]
    if not toks or _calendar(toks) or any(map(_glued_words, toks)) or _PRONOUN_CONTRACTION.fullmatch(toks[0]):
        return []
    if len(toks) >= 3 and _job_word(toks[0], lower) and not _is_initial(toks[1]):
        toks = toks[1:]  # rule JOB_WORD: 'Journalist Ada Lark', a job, not a given name ('Brent')
    if len(toks) == 1 and _participle_opener(toks[0]):
        return []
    return toks


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.entities import MAX_LOOKBACK, Person, _Article  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.name_shape import (  # noqa: E402,F401 (imported last, as the modules refer to each other)
    _calendar,
    _glued_words,
    _headline_words_before_name,
    _is_initial,
    _is_orgish,
    _is_place,
    _job_word,
    _lower_words,
    _opener_word,
    _participle_opener,
    _strip_titles,
    _title_gender,
)
from kit.quotes.resolution import _note_rule  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.textutil import _is_title_token  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.variants import _name_key  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.words import _CAP_STOP, _NOT_NAME_WORDS, SPEECH_VERBS  # noqa: E402,F401 (imported last, as the modules refer to each other)
