"""Word lists, patterns and tuning constants of the frames step, as named data (one comment each)."""
from __future__ import annotations

import re

#: Terms that negate a following hit (compared with the token's term, lower-cased); every ``n't``
#: form (``didn't``, ``won't``) counts too, see :data:`NEGATOR_SUFFIX`.
NEGATORS: frozenset[str] = frozenset(
    "no not never without nor neither none nobody nothing cannot lack lacks lacking absent".split()
)

#: A term ending in this is a negator whatever its stem ("didn't", "isn't", "can't").
NEGATOR_SUFFIX = "n't"

#: Words right after ``not`` that undo the negation: "not only talks but an agreement", "not just a deal".
NOT_ONLY: frozenset[str] = frozenset({"only", "just", "merely", "simply"})

#: Punctuation that ends the backward negation scan when it stands between a negator and a hit.
CLAUSE_BREAK = re.compile(
    r"""
    [.,;:!?]        # a sentence or clause mark: "They said no. Agreement came." is not negated
    """,
    re.VERBOSE,
)

#: ``No.`` used as a number sign ("the No. 1 agreement"): a period, optional space, then a digit.
NUMBER_AFTER_NO = re.compile(
    r"""
    \.          # the period of "No."
    \s*         # optional space
    \d          # a digit: "No. 1", "No.3"
    """,
    re.VERBOSE,
)

#: A valid category name: a letter, then letters, digits, ``_`` or ``-``.
CATEGORY_NAME = re.compile(
    r"""
    ^[A-Za-z]           # starts with a letter
    [A-Za-z0-9_\-]*$    # then letters, digits, underscores or hyphens
    """,
    re.VERBOSE,
)

#: Dictionary file formats and their file extensions (format chosen by extension or ``format=``).
FORMATS: dict[str, tuple[str, ...]] = {"yaml": (".yml", ".yaml"), "liwc": (".dic",), "lexicoder": (".lc3", ".lcd")}

#: Top-level keys the kit's YAML dictionary format allows.
YAML_KEYS: tuple[str, ...] = ("name", "description", "categories", "version", "language", "authors", "reference",
                              "license")

#: Keys of one category in the YAML format.
YAML_CATEGORY_KEYS: tuple[str, ...] = ("entries", "description", "negation")

#: Typographic apostrophes and the Unicode hyphen folded to ASCII before wildcard matching.
FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-"})

#: Separators inside a hyphenated entry word (ASCII hyphen and Unicode hyphen) for ``split_hyphens``.
HYPHENS = re.compile(
    r"""
    [-‐]    # ASCII hyphen-minus or Unicode hyphen U+2010
    """,
    re.VERBOSE,
)

#: Default tokens before a hit searched for a negator (0 turns negation off).
NEGATION_WINDOW = 3

#: Default presence threshold: a frame is present with at least this many non-negated hits. Fixed
#: before the bundled dictionaries were validated: one stray word is weak evidence of a frame.
MIN_HITS = 2

#: Default tokens shown on each side of a hit in the evidence table.
EVIDENCE_WINDOW = 8

#: Distinct terms whose candidate entries the matcher remembers (bounds its memory on huge corpora).
MATCH_CACHE_LIMIT = 500_000

#: The bundled dictionary used when none is given.
DEFAULT_DICTIONARY = "generic_frames"
