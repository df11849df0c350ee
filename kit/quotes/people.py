"""One person per name across a corpus: rule ``CORPUS_PERSON``, written out as a table to review.

Within an article, :func:`kit.quotes.extract_quotes` already maps every variant of a name to one
speaker (rule ``CANONICAL_PERSON``: titles, middle initials, possessives, a surname alone). Across
articles the same person is still written several ways ("Antony J. Blinken", "Antony Blinken",
"Secretary Antony Blinken"), and counting speakers per outlet splits them. This module merges them
by one explicit rule and shows every merge, so a researcher can check it before counting:

Rule ``CORPUS_PERSON``
    Two speakers are one person when they are person names (two or more capitalised words, not an
    organisation) whose *name key* is the same: the words without titles, initials, possessives,
    generational suffixes (*Jr.*, *III*) and case (``same name``). A name with a middle name
    ("Hillary Rodham Clinton") joins the two-word name of the same first name and surname
    ("Hillary Clinton") when that two-word name has no other longer form in the corpus
    (``middle name``). A surname alone, a description ("a senior official") and an organisation
    are never merged across articles (``not merged``): their referent depends on the article.
    The person's name is the variant with most quotes (ties: the longest, then the first in
    alphabetical order).

The table can be edited and given back as an actor file (``people_as_actors``), which makes the
merge part of the extraction (aliases) and of the actor mention table.
"""
from __future__ import annotations

import re

import pandas as pd

from kit.quotes.columns import SPEECH_KINDS
from kit.quotes.name_shape import _is_orgish
from kit.quotes.textutil import _is_title_token
from kit.quotes.variants import _name_key
from kit.validate import require_columns

#: Columns of :func:`corpus_people`.
PEOPLE_COLUMNS: dict[str, str] = {
    "speaker": "a speaker as the quotes table writes it (one row per distinct speaker of speech quotes)",
    "person": "the person the speaker is counted as across the corpus (the speaker itself when not merged)",
    "rule": "why: 'same name', 'middle name' (rule CORPUS_PERSON) or 'not merged' (surname alone, "
            "description, organisation, or a name no other speaker shares)",
    "n_quotes": "speech quotes (full and partial) with this speaker",
    "n_articles": "articles quoting this speaker",
    "speaker_type": "the speaker's most frequent speaker_type in the quotes table (missing without that column)",
}

_NAME_WORD = re.compile(r"[A-ZÀ-ÞĀ-Ž][\w’'.-]*|(?:van|von|de|der|den|da|di|du|del|della|la|le|al|bin|ibn|el)")


def _person_tokens(speaker: str) -> list[str] | None:
    """The name words of a speaker written as a person's name, without titles; None for anything else.

    >>> _person_tokens("Secretary Antony J. Blinken"), _person_tokens("a senior official")
    (['Antony', 'J.', 'Blinken'], None)
    >>> _person_tokens("Blinken"), _person_tokens("Ministry of Commerce")
    (None, None)
    """
    toks = speaker.split()
    if not toks or not all(_NAME_WORD.fullmatch(t) for t in toks) or _is_orgish(toks):
        return None
    while toks and _is_title_token(toks[0]):
        toks = toks[1:]
    return toks if len(_name_key(toks)) >= 2 else None


def _pick_name(variants: pd.DataFrame) -> str:
    order = variants.assign(_len=variants["speaker"].str.len()).sort_values(
        ["n_quotes", "_len", "speaker"], ascending=[False, False, True], kind="stable")
    return str(order["speaker"].iloc[0])


def corpus_people(quotes: pd.DataFrame) -> pd.DataFrame:
    """Rule ``CORPUS_PERSON``: which speakers of a quotes table are one person across the corpus.

    Parameters
    ----------
    quotes : the table of :func:`kit.quotes.extract_quotes` (``doc_id``, ``kind``, ``speaker``)

    Returns
    -------
    DataFrame
        One row per distinct speaker of speech quotes, columns :data:`PEOPLE_COLUMNS`, sorted by
        person and then by number of quotes. Rows whose ``rule`` is not ``not merged`` are the
        merges to review.

    Examples
    --------
    >>> q = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "c"], "kind": ["full"] * 5,
    ...                   "speaker": ["Antony J. Blinken", "Antony J. Blinken", "Antony Blinken",
    ...                               "Blinken", "a senior official"]})
    >>> for row in corpus_people(q)[["speaker", "person", "rule", "n_quotes"]].values.tolist():
    ...     print(row)
    ['Antony J. Blinken', 'Antony J. Blinken', 'same name', 2]
    ['Antony Blinken', 'Antony J. Blinken', 'same name', 1]
    ['Blinken', 'Blinken', 'not merged', 1]
    ['a senior official', 'a senior official', 'not merged', 1]
    """
    require_columns(quotes, ("doc_id", "kind", "speaker"), "quotes", hint="pass the output of kit.quotes.extract_quotes")
    speech = quotes[quotes["kind"].isin(SPEECH_KINDS) & quotes["speaker"].notna()]
    if speech.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c.startswith("n_") else "object") for c in PEOPLE_COLUMNS})
    counts = (speech.groupby("speaker", sort=True)
              .agg(n_quotes=("doc_id", "size"), n_articles=("doc_id", "nunique")).reset_index())
    if "speaker_type" in speech.columns:
        typ = (speech.groupby(["speaker", "speaker_type"]).size().rename("n").reset_index()
               .sort_values(["speaker", "n", "speaker_type"], ascending=[True, False, True], kind="stable")
               .drop_duplicates("speaker").set_index("speaker")["speaker_type"])
        counts["speaker_type"] = counts["speaker"].map(typ)
    else:
        counts["speaker_type"] = None
    tokens = {s: _person_tokens(str(s)) for s in counts["speaker"]}
    counts["_key"] = [tuple(_name_key(t)) if t else None for t in (tokens[s] for s in counts["speaker"])]
    # a middle name joins the two-word key of the same first name and surname when that is the only longer form
    short = {k for k in counts["_key"].dropna() if len(k) == 2}
    longer: dict[tuple, set] = {}
    for k in counts["_key"].dropna():
        if len(k) > 2 and (k[0], k[-1]) in short:
            longer.setdefault((k[0], k[-1]), set()).add(k)
    joined = {k: pair for pair, ks in longer.items() if len(ks) == 1 for k in ks}
    counts["_group"] = [joined.get(k, k) if k is not None else None for k in counts["_key"]]
    counts["person"] = counts["speaker"].astype(object)
    counts["rule"] = "not merged"
    for _, members in counts[counts["_group"].notna()].groupby("_group", sort=False):
        if len(members) < 2:
            continue
        name = _pick_name(members)
        counts.loc[members.index, "person"] = name
        counts.loc[members.index, "rule"] = ["middle name" if joined.get(k) is not None else "same name"
                                             for k in members["_key"]]
    counts["_size"] = counts.groupby("person")["n_quotes"].transform("sum")
    out = counts.sort_values(["_size", "person", "n_quotes", "speaker"], ascending=[False, True, False, True],
                             kind="stable")
    return out[list(PEOPLE_COLUMNS)].reset_index(drop=True)


def with_people(quotes: pd.DataFrame, people: pd.DataFrame | None = None) -> pd.DataFrame:
    """The quotes table with a ``person`` column: the speaker as counted across the corpus.

    Parameters
    ----------
    quotes : the table of :func:`kit.quotes.extract_quotes`
    people : the table of :func:`corpus_people` (computed when None), possibly edited after review:
        every ``speaker`` -> ``person`` row is used as it stands

    Examples
    --------
    >>> q = pd.DataFrame({"doc_id": ["a", "b", "c"], "kind": ["full", "full", "scare"],
    ...                   "speaker": ["Hillary Rodham Clinton", "Hillary Clinton", None]})
    >>> with_people(q)["person"].fillna("-").tolist()
    ['Hillary Rodham Clinton', 'Hillary Rodham Clinton', '-']
    """
    people = corpus_people(quotes) if people is None else people
    require_columns(people, ("speaker", "person"), "people", hint="pass the output of kit.quotes.corpus_people")
    mapping = dict(zip(people["speaker"], people["person"]))
    person = quotes["speaker"].map(mapping)
    return quotes.assign(person=person.where(person.notna(), quotes["speaker"]))


def people_as_actors(people: pd.DataFrame) -> pd.DataFrame:
    """The merges of :func:`corpus_people` as an actor table (``name``, ``type``, ``aliases``).

    ``type`` is the person's most frequent ``speaker_type`` when it is one of
    :data:`kit.actors.ACTOR_TYPES`, else missing. Saved as CSV (aliases joined by ``;``, a type
    filled in where missing) it is an actor file for ``extract_quotes(actors=...)`` and
    ``kit.actors``: the reviewed merge then applies inside every article too.

    Examples
    --------
    >>> q = pd.DataFrame({"doc_id": ["a", "b"], "kind": ["full", "full"], "speaker_type": ["official"] * 2,
    ...                   "speaker": ["Antony J. Blinken", "Antony Blinken"]})
    >>> people_as_actors(corpus_people(q)).to_dict("records")
    [{'name': 'Antony J. Blinken', 'type': 'official', 'aliases': ['Antony Blinken']}]
    """
    from kit.actors import ACTOR_TYPES

    require_columns(people, ("speaker", "person"), "people", hint="pass the output of kit.quotes.corpus_people")
    merged = people.groupby("person", sort=True).filter(lambda g: (g["speaker"] != g.name).any())
    rows = []
    for person, g in merged.groupby("person", sort=True):
        types = g["speaker_type"].dropna() if "speaker_type" in g.columns else pd.Series(dtype=object)
        typ = types.iloc[0] if len(types) and types.iloc[0] in ACTOR_TYPES else None
        rows.append({"name": person, "type": typ, "aliases": sorted(set(g["speaker"]) - {person})})
    return pd.DataFrame(rows, columns=["name", "type", "aliases"])
