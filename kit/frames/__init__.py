"""Frames: dictionary (lexicon) analysis, counted with the evidence behind every hit.

A *dictionary* maps categories (frames, issues, ...) to entries. Matching runs on the kit's own
tokenizer (:func:`kit.text.find_tokens`), so a word counted here is the same word the term
statistics count.

Entries
-------
- **single words**: ``talks`` matches the token whose term is ``talks`` (terms are lower case,
  possessives removed: ``China's`` and ``China’s`` match ``china``; ``US`` / ``U.S.`` match the entry
  ``US`` and never the pronoun entry ``us``).
- **phrases**: ``trade war`` matches consecutive tokens (punctuation between them is ignored;
  stopwords are kept, so ``rule of law`` works).
- **wildcards**: ``*`` stands for any run of characters inside one token (``stabili*`` matches
  ``stabilise``, ``stabilising``, ``stability``); wildcard words are matched case-insensitively.
- **hyphenated compounds** are one token (``military-to-military``, ``win-win``), so write them
  with their hyphens, or use ``split_hyphens=True`` (or ``tokens=TokenOptions(split_hyphens=True)``)
  to match their parts.

Within one category the longest entry wins where entries overlap (``trade war`` is one hit, not
``trade`` plus ``trade war``); different categories count independently.

Negation
--------
A hit is *negated* when one of :data:`NEGATORS` (``no``, ``not``, ``never``, ``without``, ``nor``,
any ``n't`` form, ...) occurs within ``negation_window`` tokens before its first token in the same
sentence and clause ("no progress", "did not agree", "without a deal"). The backward scan stops
at a sentence end and at any of ``. , ; : ! ?`` between the negator and the hit, so "They said
no. Agreement came." and "She said: No, the talks will continue." do not negate the hit. Two
uses of the words are not negations: ``No.`` before a number ("the No. 1 agreement") and ``not
only`` / ``not just`` ("not only talks but an agreement"). Negated hits are listed with
``negated=True`` and left out of the counts by default (``include_negated=False``). This simple
rule misses negation after the word ("progress was nil") and double negation.

A category can switch negation off (``negation: false`` in the YAML format): topic and issue
lists, where "would not resolve the Taiwan question" is still about Taiwan, use it. Its hits are
never flagged as negated.

File formats (:func:`load_dictionary`, chosen by extension or ``format=``)
-------------------------------------------------------------------------
**YAML** (``.yml``/``.yaml``), the kit's own format::

    name: cooperation_security
    description: Cooperation and security frames for diplomatic coverage.
    categories:
      cooperation:
        description: agreements, dialogue, stabilising ties
        entries: [agree*, "people-to-people", stabili*]
      security: [military, "national security", surveillance]   # short form: a list
      taiwan:
        negation: false          # hits of this category are never negated (default true)
        entries: [Taiwan, "Taiwan Strait"]

**LIWC-style** (``.dic``): a header between two ``%`` lines numbering the categories, then one
entry per line followed by its category numbers, separated by tabs (or spaces when the entry is
one word)::

    %
    1	cooperation
    2	security
    %
    agree*	1
    national security	2
    talks	1	2

**Lexicoder** (``.lc3``, also ``.lcd`` in the same text form): a line ``+category`` opens a
category, and every following non-empty line is one of its entries; lines starting with ``#`` are
comments::

    +cooperation
    agree*
    people-to-people
    +security
    military

Case: LIWC and Lexicoder files are often written all in capitals (``ABANDON*``, ``NOT GOOD``) as a
format convention. When every entry of such a file is in capitals, the entries are read in lower
case, so ``NOT GOOD`` matches "not good" (the kit's tokenizer keeps all-capital function words
such as ``NOT``, ``US``, ``IT`` as acronyms, which would never match running text). A file that
mixes cases is read as written, so an entry ``US`` there means the country, as in the YAML format.

Every reader fails with :class:`kit.errors.KitValueError` naming the file and the line of the first
problem (unknown category number, entry before any category, bad YAML, empty pattern, ...).

Statistics
----------
:func:`frame_scores` gives per article ``hits``, ``per_1k`` (hits per 1,000 tokens, all tokens
counted, stopwords included) and ``present`` (``hits >= min_hits``). :func:`frame_prevalence`
gives per group the share of articles with the frame, with a Wilson score interval, and the mean
rate, with a seeded percentile bootstrap interval over articles (NaN for a group of one article;
see :mod:`kit.resample`). :func:`frame_evidence` lists every hit with its sentence and a KWIC
window. Pass the same tokenizer options (``tokens=`` or ``split_hyphens=``) to every function of
one analysis; hits that do not line up with the articles' tokens are refused.

Modules
-------
:mod:`kit.frames.dictionaries` (the :class:`Dictionary`, :func:`load_dictionary` and the file
formats), :mod:`kit.frames.matching` (:func:`dictionary_hits`, negation),
:mod:`kit.frames.scores` (:func:`frame_scores`, :func:`frame_prevalence`),
:mod:`kit.frames.evidence` (:func:`frame_evidence`, :func:`evidence_sample`) and
:mod:`kit.frames.constants` (word lists and defaults). Grouping (``group_by``) is :mod:`kit.groups`.
"""
from kit.frames.constants import NEGATORS
from kit.frames.dictionaries import (
                                     BUNDLED_DICTIONARIES,
                                     Dictionary,
                                     dictionary_dir,
                                     dictionary_summary,
                                     load_dictionary,
)
from kit.frames.evidence import evidence_sample, frame_evidence
from kit.frames.matching import HIT_COLUMNS, dictionary_hits
from kit.frames.scores import frame_prevalence, frame_scores

__all__ = [
    "Dictionary",
    "NEGATORS",
    "BUNDLED_DICTIONARIES",
    "HIT_COLUMNS",
    "dictionary_dir",
    "load_dictionary",
    "dictionary_summary",
    "dictionary_hits",
    "frame_scores",
    "frame_prevalence",
    "frame_evidence",
    "evidence_sample",
]
