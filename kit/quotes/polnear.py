"""Scoring quote extraction on PolNeAR (brat standoff attribution annotations).

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution of US election news
as Source, Cue and Content spans tied by an ``Attribution`` event. This module turns those
annotations into gold direct quotes and scores :func:`kit.quotes.extract_quotes` against them.

Layout read (the train split as distributed): ``DIR/text/NAME.txt`` (the first paragraph is
the headline, paragraphs are separated by blank lines) and ``DIR/attributions/NAME_ANNOT.ann``
(brat standoff; offsets into the text file). When several annotators annotated an article, the
file of the alphabetically first annotator id is used.

The gold standard, rule by rule
-------------------------------
- **Quoted stretches.** Per paragraph, quotation marks are paired independently of the kit:
  typographic marks open (``“ « „``) and close (``” »``); straight ``"`` and the Nexis/NYT
  ``''`` alternate open/close; a stretch still open at the end of a paragraph ends there.
- **Direct quote.** An ``Attribution`` (or ``Attribution-no-source``) event whose Content spans
  lie mostly (more than half of their non-space characters) inside quoted stretches. Its
  **segments** are the quoted stretches that overlap its Content (their text inside the marks);
  the **speech act** is the attribution, i.e. all its segments together.
- **Ignored predictions.** A predicted quote lying inside the Content of an attribution that is
  *not* direct (a quoted phrase inside a paraphrase) is neither right nor wrong: it is not
  counted. Everything else the kit calls speech (``full``/``partial``) and no gold segment
  matches is a false positive.
- **Matching.** A predicted segment matches a gold segment when their character spans overlap
  by at least ``min_overlap`` (0.8) of *both* lengths; matches are one-to-one. Speech acts match
  the same way on their total spans (the characters of all their segments), so a speech act
  split in two, or two acts merged, does not match.
- **Speaker form** of the gold Source (text before its first comma): ``pronoun`` (he, she,
  they, it, we, I, who ...); ``organisation`` (a capitalised run with an acronym, an
  organisation word such as Committee, Post, Campaign, Party, or a plural group name such as
  Democrats); ``full name`` (a capitalised run of two or more words after titles such as Mr.,
  Sen., President are removed); ``surname`` (one word left); ``description`` (no capitalised
  run near the start: "the newspaper", "a campaign aide"). A determiner or quantifier written
  with a capital at the start ("Another commenter", "One strategist", "An Israeli official") and
  a capitalised run followed by a lower-case person noun ("Republican National Committee
  member", "a top GOP strategist") make a description; a name after titles written in capitals
  ("Senate Majority Leader Mitch McConnell") and a name after a possessive role ("Mr. Lund's
  campaign chairman, Ivo Brandl") are full names; "she's" is a pronoun. A Source of three
  or more words written all in capitals is a subhead, not a speaker, and a Source that is only a
  speech verb or one or two letters ("said", "o") is a broken span: neither is scored. A Source
  'NAME of Place-or-Organisation' ("Sen. Ray Dunn of New Mexico") names the person.
- **Gold speaker.** A full name, organisation or description is itself. A surname becomes the
  longest capitalised run ending in that surname earlier in the article's body (else later; else
  in the title-case headline, which glues words to names: 'Understated Perez'; else the
  surname); so does a two-word full name that the article also writes after a given name (a
  compound surname: 'Wasserman Schultz' is 'Debbie Wasserman Schultz', 'Le Pen', 'Suu Kyi'); a sentence's first word that the article also writes in lower case is not taken
  as a given name ("Maybe Trump", "Billionaire Mark Cuban"), nor, in a run of three or more
  words, any leading word the article writes in lower case. **Pronoun rule**: a pronoun's speaker is the gold speaker of the nearest earlier
  attribution in the same article whose Source is not a pronoun and, for he/she/I, is a
  person (full name or surname); when there is none the pronoun is not scored for speaker
  (``n`` says how many were scored). **Definite descriptions** of a person ("the senator",
  "the former secretary of state": *the* + a person noun) refer back like a pronoun: the
  description itself is right, and so is the person the pronoun rule gives.
- **Speaker right** when the normalised predicted speaker (:func:`kit.quotes_eval.speaker_key`)
  equals the gold speaker, or, for persons, when the predicted name has at least two words, the
  same last word and no word that the gold name lacks (initials ignored: "Donald J. Trump" =
  "Donald Trump", but a bare surname is wrong when the article gives the full name); for
  organisations and descriptions also when one's words contain the other's; for a surname for
  which the article gives no full name ending in it, also a name of two or more words holding
  it ("Lou Jiwei" for "Mr. Lou": family name first).

The split used in the README (:func:`split_of`): an article is ``heldout`` when the first hex
digit of the MD5 of its file name (without the annotator suffix and extension) is 0-3, else
``dev``; about a quarter is held out.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kit.errors import KitError

__all__ = ["read_polnear", "split_of", "score_polnear", "evaluate_polnear", "SPEAKER_FORMS", "article_counts",
           "score_intervals"]

#: Speaker forms reported, in order.
SPEAKER_FORMS = ("full name", "surname", "pronoun", "organisation", "description")

#: Pronouns (and relative pronouns) that can head a PolNeAR Source.
_PRONOUNS = frozenset("he she they it we i you who him her them his their its our us me which that "
                      "this these those one".split())
#: Pronouns that refer to one person.
_PERSON_PRONOUNS = frozenset("he she i him her his me".split())
#: Titles removed from the front of a name.
_TITLES = frozenset("""mr mrs ms miss dr sen senator rep representative gov governor president
vice former secretary gen general adm admiral lt col sgt judge justice mayor speaker candidate whip
chairman chairwoman chief rev state attorney majority minority leader house first lady
republican democratic democrat presidential nominee hopeful sir director executive adviser advisor
spokesman spokeswoman spokesperson strategist journalist reporter host anchor editor analyst
professor pollster aide manager chair founder ceo""".split())
#: Words that make a capitalised run an organisation.
_ORG_WORDS = frozenset("""committee campaign party post times news journal network foundation
institute university college center centre council department administration agency bureau
office association union court congress senate house commission group corp inc company
bank fund league coalition club service services poll polling review magazine channel
tribune herald daily press media pac caucus organization organisation network cnn fox
""".split())
_DETERMINERS = frozenset("the a an some many several other both".split())
#: Capitalised words that are never part of a person's name (sentence openers, months, days,
#: section labels); a name run stops at them.
_NOT_NAME = frozenset("""the a an and but or for in on at of to by with from as if so when while after
before this that these those his her their our my its it he she they we i you watch abstract
photo video read more update updated related also according however meanwhile still even
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday""".split())

_WORD = re.compile(r"[\w’'.-]+")
#: Sources that are only a speech verb (a broken annotation span): not scored.
_SPEECH_VERB_SOURCES = frozenset("said says say told tells added wrote writes".split())
#: Determiners and quantifiers that open a Source in upper case ('Another commenter').
_LEAD_DETERMINERS = frozenset("the a an another one some many several most few all both each every no any "
                              "two three four five other".split())


def split_of(name: str) -> str:
    """``heldout`` or ``dev`` by a fixed hash of the article's file name.

    >>> split_of("nyt_2015-11-09_jobs-report-gives-democrats-a-li"), split_of("x")
    ('dev', 'dev')
    """
    h = hashlib.md5(name.encode("utf-8")).hexdigest()
    return "heldout" if h[0] in "0123" else "dev"


# ------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------

@dataclass
class PolnearArticle:
    """One PolNeAR article: its raw text, paragraphs (raw offsets) and attributions."""

    name: str
    text: str
    paras: list[tuple[int, int]]                      # (start, end) in text, headline first
    attributions: list[dict] = field(default_factory=list)  # id, kind, source, source_span, content
    lower_words: set[str] | None = None               # words the article writes in lower case


def _parse_ann(path: Path, text: str) -> list[dict]:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events: list[tuple[str, str, dict[str, str]]] = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or not re.match(r"[A-Z#]\d*\t", line):
            continue  # blank, or the rest of a span text that runs over a line break
        parts = line.split("\t")
        try:
            if parts[0].startswith("T"):
                label, _, offs = parts[1].partition(" ")
                segs = [(int(a), int(b)) for a, b in (o.split() for o in offs.split(";"))]
                spans[parts[0]] = (label, segs, parts[2] if len(parts) > 2 else "")
            elif parts[0].startswith("E"):
                args = dict(a.split(":", 1) for a in parts[1].split())
                kind = next(iter(args))
                events.append((parts[0], kind, args))
        except (ValueError, IndexError) as e:
            raise KitError(f"{path}: line {line_no}: not a brat standoff line ({e}): {line[:80]!r}") from e
    out = []
    for eid, kind, args in events:
        if kind not in ("Attribution", "Attribution-no-source"):
            continue
        content = spans.get(args.get("Content", ""), (None, [], ""))[1]
        src = spans.get(args.get("Source", ""))
        out.append({"id": eid, "kind": kind, "content": content,
                    "source": " ".join(text[a:b] for a, b in src[1]) if src else None,
                    "source_span": src[1][0] if src else None})
    out.sort(key=lambda a: (a["content"][0][0] if a["content"] else 0))
    return out


def read_polnear(folder: str | Path, *, split: str | None = None) -> list[PolnearArticle]:
    """Read PolNeAR articles (``text/*.txt`` + ``attributions/*.ann``) from ``folder``.

    ``split`` keeps only ``dev`` or ``heldout`` articles (see :func:`split_of`); None keeps all.

    >>> [(a.name, len(a.attributions)) for a in read_polnear("tests/fixtures/polnear")]  # a fixture written by us
    [('gazette_2016-01-01_council-votes', 4)]
    """
    folder = Path(folder)
    tdir, adir = folder / "text", folder / "attributions"
    if not tdir.is_dir() or not adir.is_dir():
        raise KitError(f"{folder}: a PolNeAR folder holds text/ and attributions/ sub-folders")
    if split not in (None, "dev", "heldout"):
        raise KitError(f"split must be 'dev', 'heldout' or None, got {split!r}")
    anns: dict[str, Path] = {}
    for p in sorted(adir.glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", p.stem)
        anns.setdefault(stem, p)   # sorted: the alphabetically first annotator wins
    arts = []
    for t in sorted(tdir.glob("*.txt")):
        if t.stem not in anns or (split is not None and split_of(t.stem) != split):
            continue
        text = t.read_text(encoding="utf-8")
        paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text)]
        arts.append(PolnearArticle(t.stem, text, paras, _parse_ann(anns[t.stem], text)))
    if not arts:
        raise KitError(f"{folder}: no article has both a text and an attribution file")
    return arts


# ------------------------------------------------------------------------------------------
# Gold quotes
# ------------------------------------------------------------------------------------------

_MARKS = re.compile(r"''|[“”\"«»„]")


def quoted_stretches(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted stretches of ``text[start:end]`` (one paragraph): (first, last+1) inside the marks.

    >>> t = 'He said, ``no\\'\\' and "yes" and “maybe'
    >>> [t[a:b] for a, b in quoted_stretches(t.replace("``", "\\'\\'"), 0, len(t))]
    ['no', 'yes', 'maybe']
    """
    out = []
    open_at = None
    for m in _MARKS.finditer(text, start, end):
        ch = m.group()
        if ch in "“«„":
            if open_at is None:
                open_at = m.end()
        elif ch in "”»":
            if open_at is not None:
                out.append((open_at, m.start()))
                open_at = None
        elif open_at is None:
            open_at = m.end()
        else:
            out.append((open_at, m.start()))
            open_at = None
    if open_at is not None and open_at < end:
        out.append((open_at, end))
    return [(a, b) for a, b in (_strip(text, a, b) for a, b in out) if b > a]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _inside(spans: list[tuple[int, int]], stretches: list[tuple[int, int]], text: str) -> float:
    tot = ins = 0
    for a, b in spans:
        for i in range(a, b):
            if text[i].isspace():
                continue
            tot += 1
            k = bisect.bisect_right(stretches, (i, 10**12)) - 1
            if k >= 0 and stretches[k][0] <= i < stretches[k][1]:
                ins += 1
    return ins / tot if tot else 0.0


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


# ------------------------------------------------------------------------------------------
# Speaker forms and gold speakers
# ------------------------------------------------------------------------------------------

def _cap_runs(s: str) -> list[tuple[int, list[str]]]:
    """Runs of capitalised words: (index of the first word, words)."""
    words = _WORD.findall(s)
    runs, cur, at = [], [], 0
    for i, w in enumerate(words):
        if w[:1].isupper() or (cur and w.lower() in ("de", "van", "von", "al")):
            if not cur:
                at = i
            cur.append(w)
        else:
            if cur:
                runs.append((at, cur))
            cur = []
    if cur:
        runs.append((at, cur))
    return runs


def _clean_name(words: list[str]) -> list[str]:
    """The name inside a capitalised run: after its last title or non-name word, without
    possessives and all-capital words (headings, acronyms)."""
    words = [w.rstrip(".,’'").replace("’s", "") for w in words]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    cut = 0
    for k, w in enumerate(words):
        lw = w.lower().rstrip(".")
        initial = bool(re.fullmatch(r"(?:[A-Z]\.?)+", w)) and len(w) <= 4 and "." in w
        if lw in _TITLES or lw in _NOT_NAME or (w.isupper() and len(w) > 1 and not initial) or not w[:1].isalpha():
            cut = k + 1
    return [w for w in words[cut:] if w]


#: A Source whose head is 'NAME of (the) Place-or-Organisation'.
_NAME_OF = re.compile(r"^(.*?\S)\s+of\s+(?:the\s+)?[A-Z]")


def _person_before_of(head: str) -> str:
    """A person's name before 'of' and a place or organisation is the Source ('Sen. Ray Dunn
    of New Mexico' -> 'Sen. Ray Dunn', 'Ada Lind of the National Retail Federation');
    an organisation named with 'of' stays whole ('the State Board of Elections')."""
    pre_of = _NAME_OF.match(head)
    if not pre_of:
        return head
    runs_p = _cap_runs(pre_of.group(1))
    if not runs_p:
        return head
    name_p = _clean_name(runs_p[-1][1])
    words_p = _WORD.findall(pre_of.group(1))
    lead_p = words_p[:runs_p[-1][0]]
    if runs_p[-1][0] + len(runs_p[-1][1]) == len(words_p) and len(name_p) >= 2 \
            and not any(w.lower() in _ORG_WORDS for w in name_p) and not any(w[:1].islower() for w in lead_p):
        return pre_of.group(1)
    return head


def speaker_form(source: str | None) -> tuple[str | None, str | None]:
    """(form, name) of a gold Source: form is one of :data:`SPEAKER_FORMS`.

    >>> speaker_form("the economist Mara Quint, a former adviser")
    ('full name', 'Mara Quint')
    >>> speaker_form("Mr. Garin"), speaker_form("she"), speaker_form("The Washington Post")
    (('surname', 'Garin'), ('pronoun', 'she'), ('organisation', 'Washington Post'))
    >>> speaker_form("many Republican voters")
    ('description', 'many Republican voters')
    >>> speaker_form("Sen. Ray Dunn of New Mexico, who supports it")
    ('full name', 'Ray Dunn')
    """
    if not source or not source.strip():
        return None, None
    src = re.sub(r"\([^)]*\)", " ", source)
    parts = [p.strip() for p in src.split(",")]
    head = parts[0] or src.strip()
    head = re.sub(r"\s+", " ", head)
    letters = [c for c in head if c.isalpha()]
    if len(head.split()) >= 3 and letters and all(c.isupper() for c in letters):
        return None, None  # a subhead in capitals annotated as a source: nobody speaks
    pron = re.sub(r"['’](?:s|d|ll|re|ve)$", "", head.lower().strip(" .’'"))  # "she's"
    if pron in _PRONOUNS:
        return "pronoun", pron
    if len(head.strip(" .,")) <= 2 or head.lower().strip(" .,") in _SPEECH_VERB_SOURCES:
        return None, None  # a broken annotation ('o', 'said'): nobody to score
    # a determiner or quantifier opening the sentence is not a name ('Another commenter',
    # 'One strategist', 'An Israeli official')
    first, _, rest = head.partition(" ")
    if first.lower() in _LEAD_DETERMINERS and rest:
        head = first.lower() + " " + rest
    head = _person_before_of(head)
    words = _WORD.findall(head)
    # a role written before the name ('Trump senior adviser Paul Manafort', 'the White House
    # spokesman, Josh Earnest'): the full name that ends the head, or that follows it alone
    for cand in ([head, parts[1]] if len(parts) > 1 else [head]):
        runs_c = _cap_runs(cand)
        if runs_c:
            at, run = runs_c[-1]
            if cand is not head and runs_c[0][0] == 0 and len(_clean_name(runs_c[0][1])) >= 2:
                at, run = runs_c[0]  # 'another delegate, Nina Holt of Vermont'
                cand = " ".join(_WORD.findall(cand)[:len(run)])
            name = _clean_name(run)
            ends = len(_WORD.findall(cand)) == at + len(run)
            lead_low = [w for w in _WORD.findall(cand)[:at] if w[:1].islower()]
            titled = len(name) < len(run) and len(name) >= 2  # 'Senate Majority Leader Mitch McConnell'
            if ends and len(name) >= 2 and (cand is not head or lead_low or len(runs_c) > 1 or titled) \
                    and not any(w.lower() in _ORG_WORDS for w in name):
                if cand is not head and not _looks_role(head):
                    continue
                return "full name", " ".join(name)
    if re.search(r"['’]s\s+[a-z]", head):
        return "description", head  # "Obama's first five questioners"
    runs = _cap_runs(head)
    for at, run in runs:
        if at > 3:
            break
        lead = [w.lower() for w in words[:at]]
        if lead and lead[0] not in _DETERMINERS and at > 0:
            break
        if at > 0 and any(w in ("many", "some", "several", "other", "both") for w in lead):
            break
        tail = [w.lower() for w in words[at + len(run):]]
        if tail and all(w[:1].islower() for w in words[at + len(run):]) and tail[-1] in _PERSON_NOUNS:
            return "description", head  # 'Republican National Committee member', 'a top GOP strategist'
        raw = [w.rstrip(".,’'") for w in run]
        low = [w.lower().replace("’s", "").replace("'s", "") for w in raw]
        if any(w.isupper() and len(w) >= 2 and w.isalpha() for w in raw) or any(w in _ORG_WORDS for w in low) \
                or (len(raw) == 1 and low[0].endswith("s") and low[0][:-1] in ("democrat", "republican", "american")):
            name = " ".join(_strip_det(raw))
            return "organisation", name
        name = _clean_name(run)
        if not name:
            continue
        if at > 0 and lead and lead[-1] in _DETERMINERS and len(name) == len(run) and at == 1:
            tail = [w.lower() for w in words[at + len(run):]]
            if tail and lead[-1] != "the" or tail and tail[-1] not in _ORG_WORDS:
                return "description", head  # 'an Israeli official', 'the Florida senator'
            # "the Clintons", "the Trump campaign" ... a capitalised run right after 'the'
            return "organisation", " ".join(w for w in words[1:])
        return ("full name" if len(name) >= 2 else "surname"), " ".join(name)
    return "description", head


def _looks_role(head: str) -> bool:
    """A description of a person before an appositive name ('her senior policy adviser')."""
    w = _WORD.findall(head.lower())
    # also a possessive role: "Mr. Trump's campaign chairman", "Florida’s Republican attorney general"
    return bool(w) and (w[0] in ("the", "a", "an", "another", "his", "her", "their", "its", "our", "one")
                        or bool(re.search(r"['’]s\s+(?:[A-Z][\w.-]*\s+)*[a-z]", head)))


def _strip_det(words: list[str]) -> list[str]:
    return words[1:] if words and words[0].lower() == "the" else words


def _lower_vocabulary(art: PolnearArticle) -> set[str]:
    if art.lower_words is None:
        art.lower_words = set(re.findall(r"(?<![\w’'-])[a-z][a-z’'-]*", art.text))
    return art.lower_words


#: Particles that open a compound surname ('de Vries', 'van Dam', 'Le Roux').
_SURNAME_PARTICLES = frozenset("de del della di da du van von der den le la".split())


def _canonical_surname(art: PolnearArticle, surname: str, pos: int) -> str:
    best_before, best_after, best_head = None, None, None
    head_end = art.paras[0][1] if art.paras else 0  # the headline, in title case
    # a surname opened by a particle is written in lower case after a given name ('De Vries' at a
    # sentence start is 'Anna de Vries')
    parts = surname.split(None, 1)
    if len(parts) == 2 and parts[0].lower() in _SURNAME_PARTICLES:  # only the particle's case is free
        pattern = rf"\b(?i:{re.escape(parts[0])})\s+{re.escape(parts[1])}\b"
    else:
        pattern = rf"\b{re.escape(surname)}\b"
    for m in re.finditer(pattern, art.text):
        left = re.split(r"(?<!\b[A-Z])[.;:!?]\s|[\n“”\"(),]", art.text[max(0, m.start() - 60):m.start()])[-1]
        run = _cap_runs(left + surname)
        if not run:
            continue
        words = _clean_name(run[-1][1])
        # a sentence's first word that the article also writes in lower case is no given name
        # ('Maybe Trump', 'Billionaire Mark Cuban'); nor is a word of a title-case line
        if words and run[-1][0] == 0 and words[0] == run[-1][1][0] and words[0].lower() in _lower_vocabulary(art):
            words = words[1:]
        while len(words) > 2 and words[0].lower() in _lower_vocabulary(art):
            words = words[1:]
        n = len(surname.split())  # one word, or a compound surname ('Wasserman Schultz')
        if len(words) >= n + 1 and " ".join(words[-n:]) == surname and len(words) <= 4:
            cand = " ".join(words)
            if m.start() < head_end:
                best_head = best_head or cand  # only when the body names nobody of that surname
            elif m.start() <= pos and best_before is None:
                best_before = cand
            elif m.start() > pos and best_after is None:
                best_after = cand
    return best_before or best_after or best_head or surname


#: Nouns for a person that make a definite description ('the senator', 'the former secretary of
#: state', 'the retired neurosurgeon') refer back to a person, like a pronoun.
_PERSON_NOUNS = _TITLES | frozenset("""senator congressman congresswoman candidate nominee
billionaire businessman businesswoman mogul neurosurgeon lawmaker official moderator woman man
frontrunner front-runner incumbent challenger contender mayor premier""".split())
_DEFINITE_PERSON = re.compile(r"^(?:the|this|that)\s+(?:[\w’'.-]+\s+){0,4}?([\w’'-]+)(?:\s+of\s+[\w’'. -]+)?$", re.I)


def _anaphoric_description(head: str | None) -> bool:
    """A definite description of one person ('the former secretary of state').

    >>> _anaphoric_description("the former secretary of state"), _anaphoric_description("the newspaper")
    (True, False)
    """
    m = _DEFINITE_PERSON.match((head or "").strip())
    return bool(m) and m.group(1).lower() in _PERSON_NOUNS


#: Nouns by which a story refers back to a news outlet ('the newspaper', 'the conservative
#: publication'): such a definite description refers back to the latest organisation, like a
#: definite description of a person to the latest person.
_OUTLET_NOUNS = frozenset("newspaper paper daily tabloid weekly magazine network channel broadcaster outlet "
                          "publication".split())
_DEFINITE_OUTLET = re.compile(r"^(?:the|this)\s+(?:[\w’'.-]+\s+){0,3}?([\w’'-]+)$", re.I)


def _outlet_description(head: str | None) -> bool:
    """A definite description of a news outlet ('the newspaper', 'the news outlet').

    >>> _outlet_description("the newspaper"), _outlet_description("the senator")
    (True, False)
    """
    m = _DEFINITE_OUTLET.match((head or "").strip())
    return bool(m) and m.group(1).lower() in _OUTLET_NOUNS


def gold_speakers(art: PolnearArticle) -> list[tuple[str | None, str | None, str | None, str | None]]:
    """(form, gold speaker, form of the speaker, also right) for every attribution of ``art`` in
    order: for a pronoun the third is the form of the attribution it refers to (see the pronoun
    rule); the fourth is the person a definite description refers to (or None).

    >>> [g[:2] for g in gold_speakers(read_polnear("tests/fixtures/polnear")[0])]
    [('surname', 'Lena T Ortiz'), ('pronoun', 'Lena T Ortiz'), ('full name', 'Harbor Gazette'), ('surname', 'Critics')]"""
    out: list[tuple[str | None, str | None, str | None, str | None]] = []
    for a in art.attributions:
        form, name = speaker_form(a["source"])
        if form == "description" and _anaphoric_description(name):
            ref, _ = _referent_pronoun(out, True)
            out.append((form, name, form, ref))
            continue
        if form == "description" and _outlet_description(name):
            out.append((form, name, form, _referent_org(out)))
            continue
        if form == "surname":
            name = _canonical_surname(art, name, a["source_span"][0] if a["source_span"] else 0)
        elif form == "full name" and len(name.split()) == 2:
            # a compound surname the article also writes after a given name ('Wasserman Schultz'
            # of 'Debbie Wasserman Schultz', 'Le Pen', 'Suu Kyi') is a surname
            name = _canonical_surname(art, name, a["source_span"][0] if a["source_span"] else 0)
        elif form == "pronoun":
            ref, ref_form = _referent_pronoun(out, name in _PERSON_PRONOUNS)
            out.append((form, ref, ref_form, None))
            continue
        out.append((form, name, form, None))
    return out


def _referent_pronoun(out: list, person: bool) -> tuple[str | None, str | None]:
    """The gold speaker (and its form) of the nearest earlier attribution not by a pronoun;
    with ``person``, the nearest that names a person (full name or surname)."""
    for f2, n2, _, _ in reversed(out):
        if f2 is None or f2 == "pronoun" or n2 is None:
            continue
        if person and f2 not in ("full name", "surname"):
            continue
        return n2, f2
    return None, None


def _referent_org(out: list) -> str | None:
    """The gold speaker of the nearest earlier attribution whose Source is an organisation."""
    for f2, n2, _, _ in reversed(out):
        if f2 == "organisation" and n2 is not None:
            return n2
    return None


def _key(s) -> str | None:
    from kit.quotes_eval import speaker_key

    return speaker_key(s)


#: Generational suffixes the scorer ignores in person names, as it ignores initials
#: ('Joseph R. Biden Jr.' is 'Joseph R Biden').
GENERATIONAL_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))


def speaker_matches(pred: str | None, gold: str | None, form: str | None) -> bool:
    """Whether a predicted speaker counts as the gold speaker (see the module notes).

    >>> speaker_matches("Donald J. Trump", "Donald Trump", "full name")
    True
    >>> speaker_matches("Trump", "Donald Trump", "surname"), speaker_matches("Post", "The Washington Post", "organisation")
    (False, True)
    >>> speaker_matches("Lou Jiwei", "Lou", "surname")
    True
    >>> speaker_matches("Joseph R. Biden Jr.", "Joseph R Biden", "surname")
    True
    >>> speaker_matches("the Republican National Committee", "RNC", "organisation")
    True
    >>> speaker_matches("the Democratic National Committee", "RNC", "organisation")
    False
    >>> speaker_matches("a senior official", "SO", "description")
    False
    """
    pk, gk = _key(pred), _key(gold)
    if pk is None or gk is None:
        return False
    if pk == gk:
        return True
    pw = [w for w in pk.split() if len(w) > 1]
    gw = [w for w in gk.split() if len(w) > 1]
    if form in ("full name", "surname"):  # generational suffixes are ignored like initials
        pw = [w for w in pw if w not in GENERATIONAL_SUFFIXES] if len(pw) > 2 else pw
        gw = [w for w in gw if w not in GENERATIONAL_SUFFIXES] if len(gw) > 2 else gw
        if pw == gw:
            return True
    if not pw or not gw:
        return False
    if form in ("full name", "surname") and len(gw) >= 2:
        if len(pw) >= 2 and pw[-1] == gw[-1] and set(pw) <= set(gw):
            return True
    if form == "surname" and len(gw) == 1 and len(pw) >= 2 and gw[0] in pw:
        return True  # no full name ends in the surname: 'Lou Jiwei' for 'Mr. Lou' (family name first)
    if form in ("organisation", "description"):
        if set(pw) <= set(gw) or set(gw) <= set(pw):
            return True
    if form == "organisation":  # an organisation and its acronym are one speaker ('RNC', 'Republican
        # National Committee'), for any system's output: an acronym names its organisation
        if len(pw) == 1 and _initials(gw) == pw[0] or len(gw) == 1 and _initials(pw) == gw[0]:
            return True
    return False


def _initials(words: list[str]) -> str | None:
    """The initials of a lower-cased organisation name's words, links left out (for acronyms).

    >>> _initials(["republican", "national", "committee"]), _initials(["fbi"])
    ('rnc', None)
    """
    ws = [w for w in words if w not in ("of", "the", "for", "and", "on", "in", "at")]
    return "".join(w[0] for w in ws) if len(ws) >= 2 else None


# ------------------------------------------------------------------------------------------
# Scoring
# ------------------------------------------------------------------------------------------

def _gold_of(art: PolnearArticle) -> tuple[list[dict], list[tuple[int, int]]]:
    """Gold speech acts of ``art`` (with their segments) and the spans of non-direct contents."""
    stretches = []
    for a, b in art.paras[1:]:
        stretches.extend(quoted_stretches(art.text, a, b))
    stretches.sort()
    speakers = gold_speakers(art)
    acts, other = [], []
    for att, (form, name, match_form, also) in zip(art.attributions, speakers):
        if not att["content"]:
            continue
        if _inside(att["content"], stretches, art.text) > 0.5:
            segs = [s for s in stretches if any(_overlap(s, c) > 0.5 * (s[1] - s[0]) for c in att["content"])]
            if segs:
                acts.append({"id": att["id"], "segments": segs, "form": form, "speaker": name, "match_form": match_form, "also": also,
                             "also_form": "organisation" if _outlet_description(name) else "full name",
                             "source": att["source"]})
                continue
        other.extend(att["content"])
    return acts, sorted(other)


def _articles_paragraphs(arts: list[PolnearArticle]) -> pd.DataFrame:
    rows = []
    for art in arts:
        for k, (a, b) in enumerate(art.paras):
            rows.append({"doc_id": art.name, "para_no": k, "role": "heading" if k == 0 else "body",
                         "text": art.text[a:b]})
    return pd.DataFrame(rows, columns=["doc_id", "para_no", "role", "text"])


def _to_raw(art: PolnearArticle, body_starts: list[int], off: int) -> int:
    k = bisect.bisect_right(body_starts, off) - 1
    return art.paras[k + 1][0] + (off - body_starts[k])


def _match(gold: list[tuple[int, int]], pred: list[tuple[int, int]], min_overlap: float,
           gold_len=None, pred_len=None) -> dict[int, int]:
    """One-to-one matching of spans (greedy by overlap; spans of one side never share characters)."""
    pairs = []
    for i, g in enumerate(gold):
        gl = gold_len[i] if gold_len else g[1] - g[0]
        for j, p in enumerate(pred):
            o = _overlap(g, p) if gold_len is None else _overlap_multi(g, p)
            pl = pred_len[j] if pred_len else p[1] - p[0]
            if gl and pl and o >= min_overlap * gl and o >= min_overlap * pl:
                pairs.append((-o, i, j))
    pairs.sort()
    used_g, used_p, out = set(), set(), {}
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            out[i] = j
            used_g.add(i)
            used_p.add(j)
    return out


def _overlap_multi(g, p) -> int:
    return sum(_overlap(a, b) for a in g for b in p)


def score_polnear(arts: list[PolnearArticle], quotes: pd.DataFrame, *, min_overlap: float = 0.8) -> dict:
    """Score a quotes table (from :func:`kit.quotes.extract_quotes` on :func:`polnear_paragraphs`).

    Returns a dict with ``summary`` (a DataFrame: measure, n, value) and ``details`` (one row per
    gold or predicted segment: doc_id, gold_id, form, gold_speaker, pred_speaker, speaker_ok,
    gold_text, pred_text, pred_row (the index label of the matched row of ``quotes``), pred_rule (its
    ``speaker_rule``: see :func:`accuracy_by_rule`), and
    match_form, also, also_form (how the speaker is compared: :func:`speaker_matches`)), and
    ``acts`` (one row per article, in the order of ``arts``: doc_id, act_tp, act_pred, act_gold, the
    speech-act counts that ``details`` does not hold; :func:`article_counts` joins them to the rest).

    >>> from kit.quotes import extract_quotes
    >>> arts = read_polnear("tests/fixtures/polnear")
    >>> summary = score_polnear(arts, extract_quotes(polnear_paragraphs(arts)))["summary"].set_index("measure")
    >>> int(summary.loc["speaker accuracy", "n"]), int(summary.loc["segment recall", "n"])  # gold segments scored
    (3, 3)
    """
    speech = quotes[quotes["kind"].isin(["full", "partial"])] if len(quotes) else quotes
    by_doc = {d: g for d, g in speech.groupby("doc_id", sort=False)} if len(speech) else {}
    seg_tp = seg_gold = seg_pred = 0
    act_tp = act_gold = act_pred = 0
    form_n: dict[str, int] = {f: 0 for f in SPEAKER_FORMS}
    form_ok: dict[str, int] = {f: 0 for f in SPEAKER_FORMS}
    details = []
    act_counts = []  # per article: what details cannot tell (speech acts), and every article scored
    for art in arts:
        acts, other = _gold_of(art)
        body_starts, off = [], 0
        for a, b in art.paras[1:]:
            body_starts.append(off)
            off += (b - a) + 2
        q = by_doc.get(art.name)
        p_segs, p_speaker, p_act, p_row, p_rule = [], [], [], [], []
        act_ids = (q["attribution_id"] if q is not None and "attribution_id" in q.columns
                   else (q["quote_no"] if q is not None else []))
        rules = (q["speaker_rule"] if q is not None and "speaker_rule" in q.columns
                 else ([None] * len(q) if q is not None else []))
        if q is not None:
            for row, segs, spk, aid, rule in zip(q.index, q["segments"], q["speaker"], act_ids, rules):
                for s, e in segs:
                    span = (_to_raw(art, body_starts, s), _to_raw(art, body_starts, max(s, e - 1)) + 1)
                    # a prediction inside a paraphrase's content is not counted either way
                    if any(_overlap(span, c) >= 0.5 * (span[1] - span[0]) for c in other) and \
                            not any(_overlap(span, gs) for a in acts for gs in a["segments"]):
                        continue
                    p_segs.append(span)
                    p_speaker.append(spk if isinstance(spk, str) else None)
                    p_act.append(aid)
                    p_row.append(row)
                    p_rule.append(rule if isinstance(rule, str) else None)
        g_segs, g_info = [], []
        for a in acts:
            for s in a["segments"]:
                g_segs.append(s)
                g_info.append(a)
        m = _match(g_segs, p_segs, min_overlap)
        seg_gold += len(g_segs)
        seg_pred += len(p_segs)
        seg_tp += len(m)
        for i, a in enumerate(g_info):
            j = m.get(i)
            ok = None
            if j is not None and a["form"] in form_n and a["speaker"] is not None:
                ok = speaker_matches(p_speaker[j], a["speaker"], a["match_form"]) or (
                    a["also"] is not None and speaker_matches(p_speaker[j], a["also"], a.get("also_form", "full name")))
                form_n[a["form"]] += 1
                form_ok[a["form"]] += int(ok)
            details.append({"doc_id": art.name, "gold_id": a["id"], "form": a["form"], "source": a["source"],
                            "gold_speaker": a["speaker"], "pred_speaker": None if j is None else p_speaker[j],
                            "speaker_ok": ok, "gold_text": art.text[g_segs[i][0]:g_segs[i][1]],
                            "pred_text": None if j is None else art.text[p_segs[j][0]:p_segs[j][1]],
                            "pred_row": None if j is None else p_row[j],
                            "pred_rule": None if j is None else p_rule[j], "match_form": a["match_form"],
                            "also": a["also"], "also_form": a.get("also_form", "full name")})
        matched = set(m.values())
        for j, sp in enumerate(p_segs):
            if j not in matched:
                details.append({"doc_id": art.name, "gold_id": None, "form": None, "source": None,
                                "gold_speaker": None, "pred_speaker": p_speaker[j], "speaker_ok": None,
                                "gold_text": None, "pred_text": art.text[sp[0]:sp[1]], "pred_row": p_row[j],
                                "pred_rule": p_rule[j],
                                "match_form": None, "also": None, "also_form": None})
        # speech acts: the characters of all their segments
        g_acts = [a["segments"] for a in acts]
        grouped: dict = {}
        for sp, aid in zip(p_segs, p_act):
            grouped.setdefault(aid, []).append(sp)
        p_acts = list(grouped.values())
        ma = _match(g_acts, p_acts, min_overlap, gold_len=[sum(b - a for a, b in g) for g in g_acts],
                    pred_len=[sum(b - a for a, b in p) for p in p_acts])
        act_gold += len(g_acts)
        act_pred += len(p_acts)
        act_tp += len(ma)
        act_counts.append((art.name, len(ma), len(p_acts), len(g_acts)))

    from kit.quotes_eval import prf_of_counts

    rows = []
    for unit, (tp, npd, ngd) in (("segment", (seg_tp, seg_pred, seg_gold)), ("speech act", (act_tp, act_pred, act_gold))):
        p, r, f = prf_of_counts(tp, npd, ngd)
        rows += [{"measure": f"{unit} precision", "n": npd, "value": p},
                 {"measure": f"{unit} recall", "n": ngd, "value": r},
                 {"measure": f"{unit} F1", "n": tp, "value": f}]
    n_all = sum(form_n.values())
    rows.append({"measure": "speaker accuracy", "n": n_all,
                 "value": sum(form_ok.values()) / n_all if n_all else float("nan")})
    for f in SPEAKER_FORMS:
        rows.append({"measure": f"speaker accuracy: {f}", "n": form_n[f],
                     "value": form_ok[f] / form_n[f] if form_n[f] else float("nan")})
    return {"summary": pd.DataFrame(rows), "details": pd.DataFrame(details),
            "acts": pd.DataFrame(act_counts, columns=["doc_id", "act_tp", "act_pred", "act_gold"])}


def accuracy_by_rule(details: pd.DataFrame) -> pd.DataFrame:
    """Speaker accuracy by the rule that chose the predicted speaker (the ``speaker_rule`` column):
    one row per rule with ``rule, n, right, accuracy, share`` (``share``: of all scored segments),
    most frequent first; segments whose prediction has no speaker are the rule ``(no speaker)``.
    Only matched gold segments whose speaker is scored count (those of the ``speaker accuracy``
    figure of :func:`score_polnear`).

    >>> d = pd.DataFrame({"speaker_ok": [True, False, True, None],
    ...                   "pred_rule": ["FULL_NAME", "PRONOUN_FOLLOWS_STORY", "FULL_NAME", "FULL_NAME"]})
    >>> accuracy_by_rule(d).values.tolist()
    [['FULL_NAME', 2, 2, 1.0, 0.6666666666666666], ['PRONOUN_FOLLOWS_STORY', 1, 0, 0.0, 0.3333333333333333]]
    """
    cols = ["rule", "n", "right", "accuracy", "share"]
    if not len(details) or "speaker_ok" not in details.columns:
        return pd.DataFrame(columns=cols)
    scored = details[details["speaker_ok"].notna()]
    rules = scored["pred_rule"] if "pred_rule" in scored.columns else pd.Series(None, index=scored.index)
    rules = rules.astype(object).where(rules.notna(), "(no speaker)")
    ok = scored["speaker_ok"].astype(bool)
    g = ok.groupby(rules.to_numpy(), sort=False)
    out = pd.DataFrame({"rule": g.size().index, "n": g.size().to_numpy(), "right": g.sum().astype(int).to_numpy()})
    out["accuracy"] = out["right"] / out["n"]
    out["share"] = out["n"] / out["n"].sum()
    return out.sort_values(["n", "rule"], ascending=[False, True], kind="stable").reset_index(drop=True)[cols]


# ------------------------------------------------------------------------------------------
# Uncertainty: per-article counts and the article-level bootstrap
# ------------------------------------------------------------------------------------------

#: Columns of :func:`article_counts` after doc_id: segment and speech-act counts, then the scored
#: (``n_``) and right (``right_``) speakers of each form.
COUNT_COLUMNS = ("seg_tp", "seg_pred", "seg_gold", "act_tp", "act_pred", "act_gold",
                 *(f"{k}_{f.replace(' ', '_')}" for f in SPEAKER_FORMS for k in ("n", "right")))


def article_counts(result: dict) -> pd.DataFrame:
    """One row per scored article with the counts every figure of :func:`score_polnear` adds up.

    Segment and speaker counts come from ``result["details"]`` (a gold segment is found when it has
    a matched prediction; a prediction is spurious when it has no gold segment; a speaker is scored
    when ``speaker_ok`` is set), speech-act counts from ``result["acts"]``, which also lists the
    articles with nothing to count (they are resampled like the others). Columns: doc_id, then
    :data:`COUNT_COLUMNS`: seg_tp, seg_pred, seg_gold, act_tp, act_pred, act_gold, and n_FORM,
    right_FORM for each speaker form (``n_full_name``, ``right_full_name``, ...). Summed over the
    articles they give the summary's figures exactly (:func:`score_intervals`).

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["a", "a", "a"], "gold_id": ["E1", "E2", None],
    ...                   "pred_text": ["x", None, "y"], "form": ["surname", "pronoun", None],
    ...                   "speaker_ok": [True, None, None]})
    >>> acts = pd.DataFrame({"doc_id": ["a", "b"], "act_tp": [1, 0], "act_pred": [2, 0], "act_gold": [2, 0]})
    >>> c = article_counts({"details": d, "acts": acts})
    >>> c[["doc_id", "seg_tp", "seg_pred", "seg_gold", "n_surname", "right_surname"]].values.tolist()
    [['a', 1, 2, 2, 1, 1], ['b', 0, 0, 0, 0, 0]]
    """
    acts = result["acts"]
    d = result["details"]
    flags = pd.DataFrame(index=d.index)
    if len(d):
        gold = d["gold_id"].notna()
        found = gold & d["pred_text"].notna()
        flags["seg_tp"], flags["seg_pred"], flags["seg_gold"] = found, found | ~gold, gold
        scored = d["speaker_ok"].notna()
        right = scored & d["speaker_ok"].eq(True)
        for f in SPEAKER_FORMS:
            is_f = d["form"].eq(f)
            flags[f"n_{f.replace(' ', '_')}"] = scored & is_f
            flags[f"right_{f.replace(' ', '_')}"] = right & is_f
        summed = flags.astype(int).groupby(d["doc_id"].to_numpy()).sum()
    else:
        summed = pd.DataFrame()
    out = summed.reindex(acts["doc_id"].to_numpy(), fill_value=0).reset_index(drop=True)
    for c in COUNT_COLUMNS:
        out[c] = acts[c].to_numpy() if c in acts.columns else (out[c] if c in out.columns else 0)
    out.insert(0, "doc_id", acts["doc_id"].to_numpy())
    return out[["doc_id", *COUNT_COLUMNS]].astype({c: "int64" for c in COUNT_COLUMNS})


def scores_from_counts(sums):
    """The figures of :func:`score_polnear`'s summary, in its order, from summed counts.

    ``sums`` has :data:`COUNT_COLUMNS` as its last axis: one vector (all articles) or one row per
    bootstrap resample. Precision = tp / predicted, recall = tp / gold (NaN when nothing is
    predicted or in gold), F1 = 2PR / (P + R) (0 when both are 0), speaker accuracy = right / scored
    overall and per form (NaN when nothing is scored): the scorer's own formulas
    (:func:`kit.quotes_eval.prf_of_counts`, :func:`kit.quotes_eval.accuracy_of_counts`, which
    :func:`score_polnear` and :func:`kit.quotes_eval.score_quotes` use too), so the figures of the
    summed counts of all articles are the summary's, to the last bit.

    Examples
    --------
    >>> import numpy as np
    >>> v = scores_from_counts(np.array([3, 4, 6, 1, 2, 2] + [4, 3] + [0, 0] * 4))
    >>> [round(float(x), 3) for x in v[:7]], bool(np.isnan(v[8]))
    ([0.75, 0.5, 0.6, 0.5, 0.5, 0.5, 0.75], True)
    """
    import numpy as np

    from kit.quotes_eval import accuracy_of_counts, prf_of_counts

    s = np.asarray(sums, dtype=float)
    col = {c: s[..., i] for i, c in enumerate(COUNT_COLUMNS)}
    out = []
    for unit in ("seg", "act"):
        out += prf_of_counts(col[f"{unit}_tp"], col[f"{unit}_pred"], col[f"{unit}_gold"])
    n = [col[f"n_{f.replace(' ', '_')}"] for f in SPEAKER_FORMS]
    ok = [col[f"right_{f.replace(' ', '_')}"] for f in SPEAKER_FORMS]
    out.append(accuracy_of_counts(sum(ok), sum(n)))
    out += [accuracy_of_counts(r, k) for k, r in zip(n, ok)]
    return np.stack(out, axis=-1)


def score_intervals(result: dict, *, n_boot: int | None = None, seed: int | None = None,
                    ci: float = 0.95) -> pd.DataFrame:
    """The summary of :func:`score_polnear` with ``low`` and ``high``: article-bootstrap intervals.

    Quotes cluster by article, so a binomial interval over quotes is too narrow. Each of
    ``n_boot`` resamples (default 2,000) draws as many articles as were scored, with replacement
    (:func:`kit.resample.resampled_sums`, the kit's one bootstrap draw, seeded: default seed 0, so
    the figures reproduce), adds up their :func:`article_counts` and computes every figure from the
    sums (:func:`scores_from_counts`); ``low`` and ``high`` are the percentile interval at ``ci``
    (:func:`kit.resample.percentile_interval`). ``measure``, ``n`` and ``value`` are the
    summary's, unchanged.

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["a", "a", "b"], "gold_id": ["E1", "E2", "E1"], "pred_text": ["x", "y", "z"],
    ...                   "form": ["surname"] * 3, "speaker_ok": [True, True, False]})
    >>> acts = pd.DataFrame({"doc_id": ["a", "b"], "act_tp": [2, 1], "act_pred": [2, 1], "act_gold": [2, 1]})
    >>> summary = pd.DataFrame({"measure": ["speaker accuracy"], "n": [3], "value": [2 / 3]})
    >>> t = score_intervals({"summary": summary, "details": d, "acts": acts}).set_index("measure")
    >>> [round(float(x), 3) for x in t.loc["speaker accuracy", ["value", "low", "high"]]]
    [0.667, 0.0, 1.0]
    """
    from kit.quotes_eval import _count_intervals

    counts = article_counts(result)[list(COUNT_COLUMNS)].to_numpy()
    low, high = _count_intervals(counts, scores_from_counts, n_boot=n_boot, seed=seed, ci=ci)
    names = ["segment precision", "segment recall", "segment F1", "speech act precision", "speech act recall",
             "speech act F1", "speaker accuracy", *(f"speaker accuracy: {f}" for f in SPEAKER_FORMS)]
    by_name = dict(zip(names, zip(low, high)))
    out = result["summary"].copy()
    out["low"] = [float(by_name[m][0]) if m in by_name else float("nan") for m in out["measure"]]
    out["high"] = [float(by_name[m][1]) if m in by_name else float("nan") for m in out["measure"]]
    return out


def polnear_paragraphs(arts: list[PolnearArticle]) -> pd.DataFrame:
    """The paragraphs table of PolNeAR articles (the headline is role ``heading``, the rest ``body``).

    >>> polnear_paragraphs(read_polnear("tests/fixtures/polnear"))["role"].tolist()
    ['heading', 'body', 'body', 'body', 'body']
    """
    return _articles_paragraphs(arts)


def evaluate_polnear(folder: str | Path, *, split: str | None = None, min_overlap: float = 0.8,
                     actors=None) -> dict:
    """Read PolNeAR from ``folder``, extract quotes and score them (see :func:`score_polnear`).

    >>> result = evaluate_polnear("tests/fixtures/polnear")
    >>> sorted(result), result["n_articles"]
    (['acts', 'details', 'n_articles', 'summary'], 1)
    """
    from kit.quotes import extract_quotes

    arts = read_polnear(folder, split=split)
    quotes = extract_quotes(_articles_paragraphs(arts), actors=actors)
    res = score_polnear(arts, quotes, min_overlap=min_overlap)
    res["n_articles"] = len(arts)
    return res
