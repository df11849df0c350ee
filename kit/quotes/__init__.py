"""Who speaks: direct quotes, their speakers, and source profiles.

:func:`extract_quotes` finds every text in double quotation marks in the *body* paragraphs of
an article, decides what kind of quotation it is and who said it; :func:`sources` summarises the
result per article or per group (outlet, month, ...).

What is handled
---------------
- straight (``"``) and typographic (``“ ”``, ``« »``) double marks, mixed in one paragraph;
  single quotes nested inside double ones stay part of the outer quote;
- a quote interrupted by its attribution (``"A," she said, "B."``) is one quote ``A B``;
- a quote running over several paragraphs (opening mark with no closing mark at the end of a
  paragraph, reopened at the start of the next) is one quote;
- quotes introduced by a colon (``Zhou put it bluntly: "..."``);
- kinds: ``full`` (a sentence or more of speech), ``partial`` (a quoted phrase inside the
  reporter's sentence), ``scare`` (so-called "spy" balloon: not speech) and ``title`` (a quoted
  title or name: a book, report, show, campaign or protest);
- unbalanced or stray marks: marks are paired per paragraph by a small dynamic programme that
  prefers well-formed pairs, so a missing or extra mark never spreads beyond its paragraph; each
  repair is reported in :func:`quote_problems` and in the quote's ``note`` column;
- attribution: ``"...," X said``, ``said X``, ``X said: "..."``, ``X told Y (that) "..."``,
  ``according to X``, ``X, a [role] at [organisation], said`` and many speech verbs beyond
  *said*; a quote without attribution of its own belongs to the previous quote's speaker
  (same paragraph, or the previous paragraph when the quote opens its paragraph);
- resolution within the article: surnames, pronouns (the person just named as the subject
  before the quote, else the story's latest speaker, else the nearest compatible person; gender
  is learnt from the article itself), roles linked to a name ("the foreign minister" after
  "Foreign Minister X"), organisations ("the ministry" after "the Ministry of Trade") and
  groups ("both sides", "analysts at X") as speakers; unnamed people as described ("said a
  senior official on Tuesday" -> "a senior official"; "another diplomat" is someone new);
  documents for whoever issued them ("X issued a statement ... the statement said");
- speaker profile: ``role`` and ``affiliation`` from titles and appositives, ``speaker_type``
  (official, expert, media, business, citizen, organisation, unknown), and ``side`` from an
  optional actor file.

Everything is rule based and runs without network or models.

The package, one step per module (each small enough to test on its own)::

    columns      Column and kind vocabularies of the quotes tables.
    words        Word lists and name patterns of quote extraction, as data (one comment each).
    marks        Pairing quotation marks within a paragraph (newsroom forms included).
    textutil     Small text helpers: sentence starts, words, mention keys.
    entities     Entities of one article: people, organisations, titles, appositives, role links.
    name_shape   The shape of a name: titles, initials, jobs, opening words, places, days.
    variants     One canonical person per name variant in an article (rule CANONICAL_PERSON).
    profiles     Role, affiliation, gender and evidence from the words around a mention.
    resolution   Resolving a speaker mention to an entity: names, pronouns, roles, groups, documents.
    names        Resolving a capitalised name to a person (surnames, headline names, a name's shape).
    pronouns     Resolving a pronoun: the story's latest speaker, the paragraph's subject, the person asked.
    descriptions Resolving a description: roles, unnamed speakers, documents, groups, outlets.
    attribution  Attribution patterns: who is said to speak before and after a quote.
    kinds        Kinds of quotes: full, partial, scare, title.
    extract      The extraction of one article: segments, quotes, speech acts and speakers.
    api          Public entry points: extract_quotes, quote_problems, read_actors.
    summary      Summary tables over the quotes table: speech acts, sources, top speakers, examples.
    people       One person per name across a corpus (rule CORPUS_PERSON), as a table to review.
"""
from __future__ import annotations

from kit.quotes.api import canonical_actor, extract_quotes, quote_problems, read_actors  # noqa: F401 (re-exported, or used by this module)
from kit.quotes.columns import QUOTE_COLUMNS, QUOTE_KINDS, SPEAKER_RULES, SPEAKER_TYPES  # noqa: F401 (re-exported, or used by this module)
from kit.quotes.marks import newsroom_marks  # noqa: F401 (re-exported, or used by this module)
from kit.quotes.people import PEOPLE_COLUMNS, corpus_people, people_as_actors, with_people  # noqa: F401 (re-exported, or used by this module)
from kit.quotes.summary import SPEECH_ACT_COLUMNS, example_quotes, sources, speech_acts, top_speakers  # noqa: F401 (re-exported, or used by this module)

__all__ = [
    "QUOTE_COLUMNS",
    "SPEAKER_RULES",
    "SPEAKER_TYPES",
    "QUOTE_KINDS",
    "extract_quotes",
    "quote_problems",
    "sources",
    "top_speakers",
    "example_quotes",
    "read_actors",
    "canonical_actor",
    "speech_acts",
    "SPEECH_ACT_COLUMNS",
    "newsroom_marks",
    "corpus_people",
    "with_people",
    "people_as_actors",
    "PEOPLE_COLUMNS",
]
