"""Author names: bylines cleaned down to a list of person names.

Bylines carry more than names: prefixes ("By", "Analysis by", "Von", "Par"), roles ("CNN
Editor-at-large", "Senior Fellow"), dates ("NOVEMBER 20, 2019 10:43"), e-mail addresses, the
outlet itself ("By JERUSALEM POST STAFF"), and several names at once ("A and B", "A, B & C").
:func:`person_names` keeps the names. Word lists are data (:data:`PREFIXES`, :data:`ROLE_WORDS`).
"""
from __future__ import annotations

import re
from typing import Any

from kit.readers.fields import split_names

#: byline openers, in the languages the readers meet (matched case-insensitively, at the start)
PREFIXES = ("published by", "posted by", "article by", "analysis by", "opinion by", "commentary by", "review by", "reviewed by", "written by", "words by",
            "story by", "reporting by", "text by", "interview by", "by", "from", "von", "par", "por", "door", "di",
            "af", "av")
#: words that make a part of a byline a role or an organisation, not a person
ROLE_WORDS = {"editor", "editor-at-large", "correspondent", "reporter", "staff", "writer", "columnist", "contributor",
              "analyst", "fellow", "director", "professor", "bureau", "chief", "senior", "associate", "desk", "team",
              "newsroom", "agency", "agencies", "service", "services", "syndication", "press", "news", "wire",
              "report", "redaktion", "rédaction", "correspondant", "program", "programme", "university", "institute",
              "department", "center", "centre", "brought", "special", "contributing", "producer", "anchor",
              "phd", "md", "rd", "cpt", "admin", "administrator", "webmaster"}
#: placeholders that content systems print where a name should be
NOT_NAMES = {"no author", "unknown", "by", "name", "anonymous", "article by", "posted by", "published by", "guest",
             "author", "editor", "staff", "none", "null"}
_PREFIX = re.compile(r"^\s*(?:" + "|".join(re.escape(p) for p in PREFIXES) + r")\s*:?\s+", re.I)
_EMAIL = re.compile(r"(?<!\S)\S+@\S+")  # starts at a word's start: linear (regex audit)
_DIGIT = re.compile(r"\d")
#: separators between names that split_names does not know ("A & B", "A / B", "A | B")
_EXTRA_SPLIT = re.compile(r"\s+(?:&|/|\||und|et|y|en|og|e)\s+")
MAX_NAME_WORDS = 5


def is_person_name(text: str, *, outlets: tuple[str, ...] = ()) -> bool:
    """A part of a byline that reads as a person's name.

    >>> [is_person_name(t) for t in ["Ana Ruiz", "CNN Editor-at-large", "NOVEMBER 20, 2019 10:43", "Reuters staff"]]
    [True, False, False, False]
    """
    words = text.split()
    if text.casefold() in NOT_NAMES:
        return False
    if not 1 <= len(words) <= MAX_NAME_WORDS or _DIGIT.search(text) or _EMAIL.search(text):
        return False
    if {w.strip(".,()").casefold() for w in words} & ROLE_WORDS:
        return False
    low = text.casefold()
    if any(o and (o.casefold() in low or low in o.casefold()) for o in outlets):  # the outlet, or part of it
        return False
    return words[0][:1].isupper()


def person_names(value: Any, *, outlets: tuple[str, ...] = ()) -> list[str]:
    """The person names in a byline or author list (prefixes, roles, dates, e-mails and outlets removed).

    >>> person_names("Analysis by Ana Ruiz, CNN Editor-at-large", outlets=("CNN",))
    ['Ana Ruiz']
    >>> person_names("By JERUSALEM POST STAFF")
    []
    >>> person_names("Ana Ruiz, Tom Becker & Li Wei")
    ['Ana Ruiz', 'Tom Becker', 'Li Wei']
    >>> person_names("Von Lorenz Honegger")
    ['Lorenz Honegger']
    """
    if isinstance(value, str):
        value = _EMAIL.sub(" ", _PREFIX.sub("", " ".join(value.split())))
        value = re.sub(r"\s+[-—–|·•]\s+.*$", "", value)  # "Ana Ruiz - Staff writer", "A · 3 min read"
        parts = [p for chunk in split_names(value) for p in _EXTRA_SPLIT.split(chunk)]
    else:
        parts = [p for chunk in split_names(value) for p in _EXTRA_SPLIT.split(chunk)]
    out: list[str] = []
    for p in parts:
        p = _PREFIX.sub("", p).strip(" .,;:()")
        if is_person_name(p, outlets=outlets) and p not in out:
            out.append(p)
    return out
