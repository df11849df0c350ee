"""The shape of a name: titles, initials, a job or an opening word before it, places, days,
glued words, title-case runs and organisation words (rules JOB_WORD, PARTICIPLE_OPENER,
PLACES_NEVER_SPEAK, CALENDAR_NOT_SPEAKER, GLUED_WORDS, TITLE_CASE_RUN, TITLE_CASE_VERB,
ORG_ROLE_NAME)."""
from __future__ import annotations

import re
from typing import Iterable


def _is_initial(tok: str) -> bool:
    """A middle or first initial ('H.', 'J.R.'): part of a name, not an acronym or a title.

    >>> _is_initial("H."), _is_initial("J.R."), _is_initial("US")
    (True, True, False)
    """
    return bool(_INITIAL.fullmatch(tok))


def _strip_titles(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split a capitalised run into (title tokens, name tokens)."""
    cut = 0
    for k, t in enumerate(tokens[:-1]):  # the last title (or possessive) before the last word ends the titles
        # a title, a short acronym, or a possessive in the middle ("China’s")
        if t.endswith(("’s", "'s")) or _is_title_token(t) or (t.isupper() and len(t) <= 5 and not _is_initial(t)):
            cut = k + 1
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
        if toks[k].endswith(("’s", "'s")) and k < len(toks) - 1 and toks[k][:-2].lower() not in _PEOPLE_PLURALS:
            toks = toks[k + 1:]  # not "Children's Fund" (rule PEOPLE_IN_ORG_NAME, session 16)
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
    while toks and toks[0] in _CAP_STOP and " ".join(toks[:2]).lower() not in _PLACES:
        toks = toks[1:]  # not 'New' of 'New York Times' (a place opens the name)
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


#: Whether a token is an organisation word, per token met (``_ORG_WORDS`` is a frozenset); cleared
#: when it grows large, so a long corpus keeps it small.
_ORGISH_TOKEN: dict[str, bool] = {}


def _is_orgish(tokens: Iterable[str]) -> bool:
    """Whether one of ``tokens`` is an organisation word ('Ministry', 'Council.').

    >>> _is_orgish(["Foreign", "Ministry"]), _is_orgish(["Ann", "Roe"])
    (True, False)
    """
    memo = _ORGISH_TOKEN
    for t in tokens:
        hit = memo.get(t)
        if hit is None:
            if len(memo) > 100_000:
                memo.clear()
            hit = memo[t] = t.lower().strip(".,") in _ORG_WORDS
        if hit:
            return True
    return False


def _name_tokens(text: str, m: re.Match, after_the: set[str], lower_words: set[str]) -> tuple[int, list[str], list[str]]:
    """(start of the run's words, titles, name tokens) of a capitalised run: leading sentence
    words, titles, a possessive, a place in front ('the United States'), a job at a sentence
    start ('Rancher Dale Hutchins') and trailing title-case words are taken off."""
    all_toks = m.group(0).split()
    if _quoted_alone(text, m.start(), m.end()):
        return 0, [], []
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
    if titles and titles[-1].lower() in _ONE_NAME_TITLES and _title_before_place(name_toks):
        return 0, [], []
    name_toks = list(name_toks)
    if name_toks and name_toks[-1].endswith(("’s", "'s")):
        name_toks[-1] = name_toks[-1][:-2]
    while len(name_toks) >= 3 and " ".join(name_toks[:2]) in after_the:
        titles = titles + name_toks[:2]
        name_toks = name_toks[2:]
    if len(name_toks) >= 3 and not titles and not _is_initial(name_toks[1]) and _job_word(name_toks[0], lower_words):
        titles = [name_toks[0]]  # 'Rancher Dale Hutchins', not 'Christopher' of 'Christopher Lee Dunmore'
        name_toks = name_toks[1:]
    if len(name_toks) >= 2 and (_opener_word(name_toks[0], lower_words) or (
            not titles and len(name_toks) <= 4 and _participle_opener(name_toks[0]) and _at_sentence_start(text, tok_start))):
        titles = titles + [name_toks[0]]  # 'Interestingly Hallberg', 'Stated Varga': no given name
        name_toks = name_toks[1:]
    titles, name_toks = _cut_headline_verb(titles, name_toks)
    if len(name_toks) == 2 and _title_case_verb(text, m.end(), name_toks):
        name_toks = name_toks[:1]
    name_toks = _cut_title_case(name_toks, lower_words)
    name_toks = _cut_weekday(name_toks)
    if len(name_toks) == 3:  # rule TITLE_CASE_VERB_FULL_NAME: 'Ann Roe Downplays' of a longer title-case run
        verb_at = text.find(name_toks[2], text.find(name_toks[1], tok_start) + len(name_toks[1]))
        if verb_at >= 0 and _title_case_verb(text, verb_at + len(name_toks[2]), name_toks):
            name_toks = name_toks[:2]
    return tok_start, titles, name_toks


def _headline_words_before_name(text: str, name: list[str], lower_words: set[str]) -> int:
    """Rule HEADLINE_WORDS_BEFORE_NAME (session 13): how many words of a title-case headline glued
    to a name open the run ('Save Jobs Ann Roe', 'Ban Dredging Roe'): two or more leading words
    that the article also writes in lower case, before a rest whose first word it never writes
    so. A rest of one word must be a surname the article writes after another capitalised word
    too ('Ann Roe' elsewhere); otherwise 0 (a given name that is a common word stands alone,
    'Rose Barks'; a place, 'Great Falls Tribune', keeps its words).

    >>> _headline_words_before_name("", ["Save", "Jobs", "Ann", "Roe"], {"save", "jobs"})
    2
    >>> t = "Ban Dredging Roe said. Ann Roe won."
    >>> _headline_words_before_name(t, ["Ban", "Dredging", "Roe"], {"ban", "dredging"})
    2
    >>> _headline_words_before_name("Great Falls Tribune", ["Great", "Falls", "Tribune"], {"great", "falls"})
    0
    >>> _headline_words_before_name("", ["Rose", "Barks"], {"rose", "barks"})
    0
    """
    k = 0
    while k < len(name) - 1 and name[k].lower().rstrip(".,") in lower_words and not _is_initial(name[k]):
        k += 1
    if k < 2 or name[k].lower() in lower_words or not name[k][:1].isupper():
        return 0
    if len(name) - k == 1:
        word, before = name[k], name[k - 1]
        if not any(m.group(1) != before for m in re.finditer(r"\b([A-Z][\w’'-]*)\s+%s\b" % re.escape(word), text)):
            return 0
    return k


def _title_before_place(name: list[str]) -> bool:
    """Rule ONE_NAME_TITLE (session 12): one word after a one-name title (``_ONE_NAME_TITLES``) that
    is a place's or a thing's head word names that place or thing ('King County', 'Queen Street'),
    not a person whose title is 'King' or 'Queen' ('Pope Aurel', 'King Tomas' are people).

    >>> _title_before_place(["County"]), _title_before_place(["Street's"]), _title_before_place(["Tomas"])
    (True, True, False)
    >>> _title_before_place(["Kestrel", "Glacier"])
    False
    """
    if len(name) != 1:
        return False
    low = re.sub(r"['’]s$", "", name[0].lower().rstrip(".,"))
    return low in _PLACE_WORDS or low in _NOT_PERSON_HEADS or low in _ORG_WORDS


def _headline_verb(tok: str) -> bool:
    """A capitalised verb of saying (``_HEADLINE_VERBS``: 'Says', 'Warns', 'Said', 'Urge'), the verb
    of a title-case headline; rules VERB_BEFORE_NAME and HEADLINE_VERB (:func:`_cut_headline_verb`).

    >>> _headline_verb("Say"), _headline_verb("Warns"), _headline_verb("Sang"), _headline_verb("Post")
    (True, True, True, False)
    """
    return tok[:1].isupper() and tok.lower() in _HEADLINE_VERBS


def _cut_headline_verb(titles: list[str], name: list[str]) -> tuple[list[str], list[str]]:
    """(titles, name) of a capitalised run with a title-case headline's verb of saying taken out:
    the one place where rules VERB_BEFORE_NAME and HEADLINE_VERB decide (``_headline_verb``).

    Rule VERB_BEFORE_NAME: the verb before exactly two name words is no given name, also where no
    sentence starts ('Experts Say Ann Roe ...', 'Says Ann Roe'); it joins the titles. A longer run
    after the verb ('Says Green Guru Ann Roe') is left as it is (no person).

    Rule HEADLINE_VERB: the verb from the name's second word on, with a word after it, ends the
    name ('Bolsonaro Urges Macron' -> 'Bolsonaro'); a two-word name keeps its last word ('Carl
    Barks'), unless a title stands before it (session 11: 'Pope Ann Calls for ...' -> 'Ann',
    a title-case headline glued to the text, where a lower-case word follows the verb).

    >>> _cut_headline_verb([], ["Say", "Ann", "Roe"]), _cut_headline_verb([], ["Bolsonaro", "Urges", "Macron"])
    ((['Say'], ['Ann', 'Roe']), ([], ['Bolsonaro']))
    >>> _cut_headline_verb([], ["Carl", "Barks"]), _cut_headline_verb([], ["Says", "Green", "Guru", "Ann", "Roe"])
    (([], ['Carl', 'Barks']), ([], ['Says', 'Green', 'Guru', 'Ann', 'Roe']))
    >>> _cut_headline_verb(["Pope"], ["Ann", "Calls"])
    (['Pope'], ['Ann'])
    """
    if len(name) == 3 and _headline_verb(name[0]):
        return titles + [name[0]], name[1:]
    for k in range(1, len(name)):
        if _headline_verb(name[k]) and (k < len(name) - 1 or titles):
            return titles, name[:k]
    return titles, name


def _title_case_verb(text: str, end: int, name: list[str]) -> bool:
    """Rule TITLE_CASE_VERB: the second word of a two-word name is the verb of a title-case
    headline glued to the text ('Ann Wants to Add New Rules' -> 'Ann'), not a surname, when it is
    shaped like a present tense in '-s' (not '-ss', '-us', '-is': 'Mass', 'Shimkus', 'Francis'),
    the words after the run are in title case (two capitalised words and no lower-case word of four
    letters or more among the next six), the article never writes the word with a capital again
    (a surname such as 'Barks' or 'Woods' comes back alone in the body) and it does write the first
    word again without it (the body names the person: 'Pope Ann', 'Ann said').

    Why not ``entities._title_case_line``: that test asks whether a whole run is no person (a
    common word in the run, the words on both sides of it in title case, three capitalised words
    at least); this one asks whether one word of a person's name is a headline verb, so it reads
    only the words after the run (the words before are the person's title or nothing), asks for
    two capitalised words only (a short headline, 'to Add New Rules'), and needs the shape of a
    verb in '-s' and the person named again in the body. The two answer different questions and
    are kept apart (session 13).

    >>> t = "Pope Ann Wants to Add 'Green Sin' to Rules ROME - Pope Ann said"
    >>> _title_case_verb(t, 13, ["Ann", "Wants"])
    True
    >>> t = "Carl Barks Draws New Ducks For Comic Fans. Barks said the dog barks"
    >>> _title_case_verb(t, 10, ["Carl", "Barks"])
    False
    >>> _title_case_verb("Ann Wants to leave the city, Ann said", 9, ["Ann", "Wants"])
    False

    Rule TITLE_CASE_VERB_FULL_NAME (session 13): the last word of a three-word name is such a verb
    by the same tests, the body writing the surname (the second word) without it ('Port Nominee Ann
    Roe Downplays Flood Threat At Hearing ... Roe said' -> 'Ann Roe'); an initial as the second
    word is no surname ('Ann B. Roes' stays).

    >>> t = "Port Nominee Ann Roe Downplays Flood Threat At Tense Hearing She said. Roe won."
    >>> _title_case_verb(t, 30, ["Ann", "Roe", "Downplays"])
    True
    >>> _title_case_verb("Ann Roe Downplays Flood Threat At Tense Hearing", 17, ["Ann", "Roe", "Downplays"])
    False
    """
    if len(name) == 3 and _is_initial(name[1]):
        return False
    first, tok = name[-2], name[-1]
    low = tok.lower()
    if not (len(low) >= 4 and tok[:1].isupper() and low.endswith("s") and not low.endswith(("ss", "us", "is"))):
        return False
    words = [w.strip(_WORD_PUNCT) for w in text[end:end + 120].split()[:6]]
    words = [w for w in words if w[:1].isalpha()]
    if sum(1 for w in words if w[:1].isupper()) < 2 or any(w[:1].islower() and len(w) >= 4 for w in words):
        return False
    if sum(1 for k in _find_all(text, tok) if not text[k + len(tok):k + len(tok) + 1].isalpha()) != 1:
        return False
    return any(not text[k + len(first):k + len(first) + 1].isalpha() and not text.startswith(tok, k + len(first) + 1)
               for k in _find_all(text, first))


def _find_all(text: str, tok: str) -> Iterable[int]:
    """Every position where ``tok`` occurs in ``text``.

    >>> list(_find_all("Ann Wants Wants", "Wants"))
    [4, 10]
    """
    k = text.find(tok)
    while k >= 0:
        yield k
        k = text.find(tok, k + 1)


#: A capitalised word shaped like a job ('Rancher', 'Journalist', 'Spokesman'); rule JOB_WORD
#: (:func:`_job_word`) also asks that it be a known job or title or written in lower case.
_JOB_WORD = re.compile(r"""
    [A-Z][a-z]+                                     # a capitalised word
    (?:er|or|ist|ian|man|woman|person|ant|ent)      # with the ending of a job noun
    """, re.VERBOSE)


def _job_word(tok: str, lower_words: set[str] | frozenset[str]) -> bool:
    """Rule JOB_WORD: a capitalised job before a full name ('Rancher Dale Hutchins',
    'Journalist Ada Lark') is no given name when it is shaped like a job noun and is a known job
    or title word or the article also writes it in lower case; a given name that only ends like
    one ('Christopher', 'Brent', 'Trent') stays.

    >>> _job_word("Rancher", {"rancher"}), _job_word("Journalist", set()), _job_word("Christopher", set())
    (True, True, False)
    >>> _job_word("Assemblywoman", set()), _job_word("Pastor", set()), _job_word("Osman", set()), _job_word("Brent", set())
    (True, True, False, False)
    """
    low = tok.lower()
    return bool(_JOB_WORD.fullmatch(tok)) and (low in _TYPE_WORDS or low in _TITLE_WORDS or low in _JOB_NOUNS
                                               or low in lower_words
                                               or bool(_COMPOUND_JOB.fullmatch(low)))


#: A compound job noun no given name is shaped like: '-woman', '-person', or a stem of six letters
#: or more before '-man' ('Assemblywoman', 'Councilman'; not 'Osman', 'Herman' or 'Sherman').
_COMPOUND_JOB = re.compile(r"""
    [a-z]+(?:woman|person)                           # 'assemblywoman', 'chairperson'
    | [a-z]{6,}man                                   # 'assemblyman', 'councilman', 'spokesman'
    """, re.VERBOSE)


def _opener_word(tok: str, lower_words: set[str]) -> bool:
    """A sentence-opening adverb or participle, never a given name: an '-ly', '-ed' or '-ing'
    word that the article also writes in lower case ('Kelly', 'Ted' and 'Sterling' stay names).

    >>> _opener_word("Interestingly", {"interestingly"}), _opener_word("Stated", {"stated"}), _opener_word("Kelly", set())
    (True, True, False)
    >>> _opener_word("Reportedly", set()), _opener_word("Connolly", set())
    (True, False)
    """
    low = tok.lower()
    # rule ADVERB_SHAPE: a word with an adverb's ending is never a name, also when the article
    # never writes it in lower case ('Interestingly Hallberg, ...')
    return low.endswith(("ly", "ed", "ing")) and low in lower_words or (len(low) >= 7 and low.endswith(_ADVERB_ENDINGS))


#: Endings of adverbs that no given name or surname has (rule ADVERB_SHAPE): 'Interestingly',
#: 'Reportedly', 'Obviously', 'Apparently' ('Kelly', 'Beverly', 'Connolly' stay names).
_ADVERB_ENDINGS = ("ingly", "edly", "ously", "ently", "antly", "ately", "ively", "fully", "ically", "ably", "ibly")


def _participle_opener(tok: str) -> bool:
    """Rule PARTICIPLE_OPENER: a word in '-ing' (not a name that ends so, ``_ING_NAMES``) or a
    verb of saying, written with a capital: at a sentence start it opens a clause ('Playing
    Trump on stage, ...', 'Said Dorothy Poynter, ...') and is no part of the name after it.

    >>> _participle_opener("Impeaching"), _participle_opener("Said"), _participle_opener("Sterling"), _participle_opener("King")
    (True, True, False, False)
    >>> _participle_opener("Given")
    True
    """
    low = tok.lower()
    if not tok[:1].isupper() or tok.isupper():
        return False
    return (len(low) >= 5 and low.endswith("ing") and low not in _ING_NAMES) or low in SPEECH_VERBS \
        or low in _OPENER_PARTICIPLES  # rule GIVEN_OPENER (session 14): 'Given Marlow's history, ...'


#: What comes before a sentence's first word: the text start, or a sentence end, a dash or an
#: opening quotation mark and white space.
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?:;\"“”‘’'(—–-])\s*$")


def _at_sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` opens a sentence (or a quotation, or a clause after a dash).

    >>> _at_sentence_start("He left. Playing Trump", 9), _at_sentence_start("fans of Playing", 8)
    (True, False)
    """
    return bool(_SENTENCE_BEFORE.search(text, max(0, pos - 4), pos))


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


def _quoted_alone(text: str, start: int, end: int) -> bool:
    """Rule QUOTED_TITLE_CASE: a capitalised run that fills a pair of quotation marks alone ('Is
    Based On 'Science Fiction'', a headline's "Drastic Measures") is a quoted phrase or a title,
    never a person's name.

    >>> t = "Plan Rests On 'Magic Thinking' Ann Roe said"
    >>> _quoted_alone(t, 15, 29), _quoted_alone(t, 31, 38)
    (True, False)
    """
    return start > 0 and text[start - 1] in _OPEN_QUOTES and text[end:end + 1] in _CLOSE_QUOTES


#: Opening and closing quotation marks, straight or curly (rule QUOTED_TITLE_CASE).
_OPEN_QUOTES = frozenset("'‘\"“")
_CLOSE_QUOTES = frozenset("'’\"”")

#: Punctuation stripped from a white-space word before it is looked up.
_WORD_PUNCT = ".,;:!?\"“”‘’'()[]{}…—–"


def _lower_words(art: _Article) -> set[str]:
    """The words ``art`` writes in lower case (computed once per article)."""
    words = art.cache.get("lower_words")
    if words is None:  # white-space words that start in lower case, without the punctuation around them
        words = art.cache["lower_words"] = {w.strip(_WORD_PUNCT) for w in set(art.text.split()) if w[0].islower()}
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
    if tok[1:].islower():
        return False  # no capital after the first letter (most names): no inner word starts
    return sum(1 for a, b in zip(tok, tok[1:]) if a.islower() and b.isupper()) >= 3


def _calendar(tokens: Iterable[str]) -> bool:
    """Rule CALENDAR_NOT_SPEAKER: a run holding a day or a holiday ('Super Tuesday', 'Clinton
    Christmas') names a date or an event, never a person.

    >>> _calendar(["Super", "Tuesday"]), _calendar(["Doris", "Day"])
    (True, False)
    """
    return any(t.lower().rstrip(".,").removesuffix("'s").removesuffix("’s") in _CALENDAR_WORDS for t in tokens)


# --- session 14, branch fdcheck ---
#: Rule WEEKDAY_AFTER_NAME: the days of the week.
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def _cut_weekday(tokens: list[str]) -> list[str]:
    """Rule WEEKDAY_AFTER_NAME: a weekday after a full name ('said Ray Tolliver Tuesday morning') is
    when it was said, not the name's last word (a run of three or more words; 'Joe Friday' stays).

    >>> _cut_weekday(["Ray", "Tolliver", "Tuesday"]), _cut_weekday(["Joe", "Friday"])
    (['Ray', 'Tolliver'], ['Joe', 'Friday'])
    """
    if len(tokens) >= 3 and tokens[-1].lower().rstrip(".,") in _WEEKDAYS:
        return tokens[:-1]
    return tokens


def _cut_title_case(tokens: list[str], lower_words: set[str]) -> list[str]:
    """Rule TITLE_CASE_RUN: a name ends before the first word (from the third on) that the
    article also writes in lower case: 'Salma Hayek Described Her Experience' -> 'Salma Hayek'
    (a run-in subhead or a headline in title case), while 'Rafael Edward Cruz' stays whole.

    >>> _cut_title_case(["Chris", "Christie", "Says", "He"], {"says", "he"})
    ['Chris', 'Christie']

    A title-case headline's verb of saying ends the name before this (rule HEADLINE_VERB,
    :func:`_cut_headline_verb`).
    """
    for k in range(2, len(tokens)):
        if tokens[k].lower().rstrip(".,") in lower_words and not _is_initial(tokens[k]):
            return tokens[:k]
    return tokens

# Patterns of the hot per-mention steps, compiled once (the same patterns as written inline before;
# an f-string pattern was rebuilt and looked up in re's cache at every call).
#: A middle or first initial: 'H.', 'J.R.'.
_INITIAL = re.compile(r"(?:[A-Z]\.)+")


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.entities import _Article  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.textutil import _is_title_token  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.words import (  # noqa: E402,F401 (imported last, as the modules refer to each other)
    _CALENDAR_WORDS,
    _CAP_STOP,
    _ING_NAMES,
    _JOB_NOUNS,
    _NAME_HOMOGRAPHS,
    _NOT_PERSON_HEADS,
    _ONE_NAME_TITLES,
    _OPENER_PARTICIPLES,
    _ORG_WORDS,
    _PEOPLE_PLURALS,
    _PLACE_WORDS,
    _PLACES,
    _SPEECH_VERB_NOUNS,
    _TITLE_WORDS,
    _TYPE_WORDS,
    SPEECH_VERBS,
)

#: Verbs of saying that are the verb of a title-case headline (rules VERB_BEFORE_NAME and
#: HEADLINE_VERB, :func:`_cut_headline_verb`): the one-word verbs of SPEECH_VERBS, not those that
#: are also the nouns of names (``_SPEECH_VERB_NOUNS``: 'United States', 'Washington Post').
_HEADLINE_VERBS = frozenset(v for v in SPEECH_VERBS if " " not in v) - _SPEECH_VERB_NOUNS
