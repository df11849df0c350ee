"""Actors: who is mentioned, how early, how often, in headlines, and together with whom.

Actor file format
-----------------
A YAML file with one list ``actors``; each actor is a mapping::

    actors:
      - name: Eleanor Whitcombe          # canonical name (required, unique)
        aliases: [Whitcombe, Secretary Whitcombe]   # other ways the text names the actor
        role: Secretary of State         # free text (optional)
        organisation: State Department   # free text (optional)
        side: US                         # side or country (optional): e.g. US, China, other
        type: official                   # one of ACTOR_TYPES (required)
      - name: the Pentagon
        aliases: [Pentagon, Defense Department]
        type: organisation
        side: US

- ``type`` is one of :data:`ACTOR_TYPES`: ``official``, ``expert``, ``media``, ``business``,
  ``citizen``, ``organisation`` (the speaker types of the quotes gold standard).
- The canonical ``name`` is matched too, so list only *other* forms as aliases. Include the
  **surname** for people (``Whitcombe``; for Chinese names the family name comes first:
  ``Liang Weiming`` -> ``Liang``), and titles plus surname when they are common.
- Matching is **case-sensitive** on whole tokens of the kit's tokenizer (``Bell`` is the Defense
  Secretary, ``bell`` is not); possessives count (``Whitcombe's``, ``Whitcombe’s``), ``U.S.`` and
  ``US`` are the same, and an alias written with a leading lower-case ``the`` also matches ``The``.
- Where aliases overlap, the longest match wins (``Marcus Bell`` is one mention, not two), and
  two actors may not share an alias (the loader says which).
- Unknown keys, a missing name or type, a duplicate name or alias fail with the file and line.

The quotes module reuses :func:`load_actors` and :func:`alias_table` to type speakers.

Functions
---------
:func:`load_actors` reads the file into a table; :func:`actor_mentions` finds every mention in
titles and texts; :func:`actor_salience` summarises per article (mentions, first-mention
position, headline mention) and :func:`actor_summary` per group; :func:`actor_cooccurrence`
counts sentences that mention two actors; :func:`uncovered_names` lists frequent capitalised
names the file does not cover yet.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import combinations

import numpy as np
import pandas as pd

from kit.actors.loader import (
    _OPTS,
    ACTOR_COLUMNS,
    ACTOR_TYPES,
    BUNDLED_ACTORS,
    _check_actors,
    _surface_key,
    actors_from_records,
    alias_key,
    alias_table,
    bundled_actors_path,
    load_actors,
)
from kit.deprecation import renamed_keywords
from kit.groups import group_name, group_series
from kit.text import find_tokens, stopword_set
from kit.text import sentences as split_sentences
from kit.validate import check_choice, check_int, require_columns

__all__ = [
    "ACTOR_TYPES",
    "ACTOR_COLUMNS",
    "BUNDLED_ACTORS",
    "load_actors",
    "actors_from_records",
    "alias_key",
    "alias_table",
    "alias_index",
    "find_aliases",
    "bundled_actors_path",
    "actor_mentions",
    "actor_salience",
    "actor_summary",
    "actor_cooccurrence",
    "uncovered_names",
]


def alias_index(actors: pd.DataFrame) -> dict:
    """The matcher built from an actor table's aliases (:func:`alias_table`'s keys, plus ``The X``
    for an alias written ``the X``), for :func:`find_aliases`: first key token -> list of
    (key tuple, name, alias), longest first. :func:`actor_mentions`, :func:`uncovered_names`,
    tone (through the mention table) and the quotes' speakers all match through it.

    Examples
    --------
    >>> acts = actors_from_records([{"name": "the Pentagon", "aliases": ["Pentagon"], "type": "organisation"}])
    >>> sorted(alias_index(acts))
    ['Pentagon', 'The', 'the']
    """
    return _index(actors)


def find_aliases(text: str, index: dict) -> list[tuple[int, int, str, str, int]]:
    """Every mention of an actor in one string: ``(start, end, name, alias, token_no)``, longest
    match first, no overlaps (the rules of the module docstring; ``index`` from :func:`alias_index`).

    Examples
    --------
    >>> acts = actors_from_records([{"name": "Marcus Bell", "aliases": ["Bell"], "type": "official"}])
    >>> find_aliases("Marcus Bell met them; Bell’s aide and a bell.", alias_index(acts))
    [(0, 11, 'Marcus Bell', 'Marcus Bell', 0), (22, 28, 'Marcus Bell', 'Bell', 4)]
    """
    return _find(text, index)


class _AliasIndex(defaultdict):
    """First key token -> ``[(key tuple, name, alias), ...]``, longest first; ``narrowed`` remembers
    the entries of a first token that a second token leaves possible (:func:`_find`)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.narrowed: dict[tuple[str, str], list] = {}


def _index(actors):
    """first key token -> list of (key tuple, name, alias), longest first."""
    idx = _AliasIndex(list)
    for r in actors.itertuples(index=False):
        for a in [r.name] + list(r.aliases):
            keys = [alias_key(a)]
            if a.startswith("the "):
                keys.append(alias_key("The " + a[4:]))
            for k in keys:
                if k:
                    idx[k[0]].append((k, r.name, a))
    for v in idx.values():
        v.sort(key=lambda x: -len(x[0]))
    return idx


def _find(text, idx, toks=None, keys=None):
    """(start, end, name, alias, token_no) of every mention in text, longest match first, no overlaps
    (``toks``: the text's tokens when already at hand, ``find_tokens(text, _OPTS)``; ``keys``:
    their :func:`_token_keys`)."""
    toks = find_tokens(text, _OPTS) if toks is None else toks
    keys = _token_keys(toks) if keys is None else keys
    out, n, free = [], len(toks), 0  # free: the first token not inside a mention already found
    narrowed = getattr(idx, "narrowed", None)
    for i in [i for i, k in enumerate(keys) if k in idx]:  # only tokens that start some alias
        if i < free:
            continue
        cands = idx[keys[i]]
        if narrowed is not None and len(cands) > 2 and i + 1 < n:  # "the": many aliases start with it
            pair = (keys[i], keys[i + 1])
            got = narrowed.get(pair)
            if got is None:  # those that can match here, in the same (longest first) order
                got = [c for c in cands if len(c[0]) == 1 or c[0][1] == pair[1]]
                if len(narrowed) < _KEY_CACHE_LIMIT:
                    narrowed[pair] = got
            cands = got
        for k, name, alias in cands:
            m = len(k)
            if i + m <= n and tuple(keys[i:i + m]) == k:
                out.append((toks[i][0], toks[i + m - 1][1], name, alias, i))
                free = i + m
                break
    return out


#: Surface form -> :func:`_surface_key` of its token (tokens repeat; bounded by _KEY_CACHE_LIMIT).
_KEY_CACHE: dict[str, str] = {}
_KEY_CACHE_LIMIT = 200_000


def _token_keys(toks) -> list[str]:
    """The matching key of every token of :func:`kit.text.find_tokens` (with ``_OPTS``: the term
    depends on the surface only, so keys are remembered by surface)."""
    keys = []
    for _, _, t, term, _ in toks:
        k = _KEY_CACHE.get(t)
        if k is None:
            k = _surface_key(t, term)
            if len(_KEY_CACHE) < _KEY_CACHE_LIMIT:
                _KEY_CACHE[t] = k
        keys.append(k)
    return keys


MENTION_COLUMNS = ["doc_id", "actor", "alias", "where", "sent_no", "token_no", "start", "end", "match"]


def actor_mentions(articles: pd.DataFrame, actors: pd.DataFrame | None = None, *, title_col: str | None = "title",
                   text_col: str = "text", id_col: str = "doc_id") -> pd.DataFrame:
    """Every mention of every actor in the titles and texts of the articles.

    Parameters
    ----------
    articles : DataFrame with ``doc_id``, ``text`` (and ``title`` unless ``title_col=None``)
    actors : output of :func:`load_actors` (default: the bundled US-China file)

    Returns
    -------
    DataFrame
        ``doc_id``, ``actor`` (canonical name), ``alias`` (the form that matched, as in the file),
        ``where`` (``title`` or ``text``), ``sent_no`` (sentence of the text as in
        :func:`kit.text.sentences`; -1 in the title), ``token_no`` (index of the first token),
        ``start``, ``end`` (offsets into the title or text), ``match`` (text matched).

    Examples
    --------
    >>> acts = actors_from_records([{"name": "Eleanor Whitcombe", "aliases": ["Whitcombe"], "type": "official"},
    ...                             {"name": "the Pentagon", "aliases": ["Pentagon"], "type": "organisation"}])
    >>> arts = pd.DataFrame({"doc_id": ["a"], "title": ["Whitcombe’s trip"],
    ...                      "text": ["Eleanor Whitcombe met them. The Pentagon said Whitcombe left."]})
    >>> actor_mentions(arts, acts)[["actor", "where", "sent_no", "start", "match"]].values.tolist()
    [['Eleanor Whitcombe', 'title', -1, 0, 'Whitcombe’s'], ['Eleanor Whitcombe', 'text', 0, 0, 'Eleanor Whitcombe'], ['the Pentagon', 'text', 1, 28, 'The Pentagon'], ['Eleanor Whitcombe', 'text', 1, 46, 'Whitcombe']]
    """
    require_columns(articles, (id_col, text_col, title_col), "articles",
                    hint="pass text_col= / id_col= to name them, title_col=None for no titles")
    actors = load_actors() if actors is None else actors
    _check_actors(actors)
    idx = _index(actors)
    sents = split_sentences(articles, text_col=text_col, id_col=id_col)
    starts = {d: g["start"].to_numpy() for d, g in sents.groupby("doc_id", sort=False)}
    rows = []
    titles = articles[title_col].tolist() if title_col else [None] * len(articles)
    for doc_id, title, text in zip(articles[id_col].tolist(), titles, articles[text_col].tolist()):
        if isinstance(title, str) and title:
            for s, e, name, alias, ti in _find(title, idx):
                rows.append((doc_id, name, alias, "title", -1, ti, s, e, title[s:e]))
        if isinstance(text, str) and text:
            ss = starts.get(doc_id)
            for s, e, name, alias, ti in _find(text, idx):
                sno = int(max(np.searchsorted(ss, s, side="right") - 1, 0)) if ss is not None and len(ss) else 0
                rows.append((doc_id, name, alias, "text", sno, ti, s, e, text[s:e]))
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    for c in ("sent_no", "token_no", "start", "end"):
        out[c] = out[c].astype("int64")
    return out


def actor_salience(mentions: pd.DataFrame, articles: pd.DataFrame, *, text_col: str = "text",
                   id_col: str = "doc_id") -> pd.DataFrame:
    """Per article and actor mentioned: how often, how early, and whether in the headline.

    Returns
    -------
    DataFrame
        ``doc_id``, ``actor``, ``mentions`` (in the text), ``title_mentions``, ``in_title``
        (bool), ``first_sent_no`` (first sentence of the text with a mention; -1 when only in
        the title), ``first_position`` (offset of the first text mention divided by the text
        length: 0 = the first word, near 1 = the end; NaN when only in the title).
        Sorted by article, then first position.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a", "a", "a"], "actor": ["X", "X", "Y"], "where": ["title", "text", "text"],
    ...                   "sent_no": [-1, 2, 0], "start": [0, 50, 0]})
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["x" * 100]})
    >>> actor_salience(m, arts)[["actor", "mentions", "in_title", "first_sent_no", "first_position"]].values.tolist()
    [['Y', 1, False, 0, 0.0], ['X', 1, True, 2, 0.5]]
    """
    require_columns(mentions, ("doc_id", "actor", "where", "sent_no", "start"), "mentions",
                    hint="pass the output of actor_mentions")
    require_columns(articles, (id_col, text_col), "articles")
    lengths = dict(zip(articles[id_col].tolist(), articles[text_col].map(lambda t: len(t) if isinstance(t, str) else 0).tolist()))
    rows = []
    for (doc, actor), g in mentions.groupby(["doc_id", "actor"], sort=False):
        body = g[g["where"] == "text"]
        n_title = int((g["where"] == "title").sum())
        if len(body):
            first = int(body["start"].min())
            pos = first / lengths[doc] if lengths.get(doc) else np.nan
            fs = int(body["sent_no"].min())
        else:
            pos, fs = np.nan, -1
        rows.append((doc, actor, len(body), n_title, n_title > 0, fs, pos))
    out = pd.DataFrame(rows, columns=["doc_id", "actor", "mentions", "title_mentions", "in_title", "first_sent_no", "first_position"])
    out = out.sort_values(["doc_id", "first_position", "actor"], na_position="last", kind="stable").reset_index(drop=True)
    for c in ("mentions", "title_mentions", "first_sent_no"):
        out[c] = out[c].astype("int64")
    out["in_title"] = out["in_title"].astype(bool)
    out["first_position"] = out["first_position"].astype(float)
    return out


def actor_summary(salience: pd.DataFrame, articles: pd.DataFrame, *, group_by: str | None = "outlet",
                  actors: pd.DataFrame | None = None, id_col: str = "doc_id") -> pd.DataFrame:
    """Per group and actor: articles mentioning the actor, mentions, headline mentions, how early.

    Parameters
    ----------
    salience : output of :func:`actor_salience`
    articles : the articles table (for the groups and the number of articles per group)
    group_by : column of ``articles``, a period (``month``, ...), or None (one group ``all``)
    actors : actors table; when given, ``type`` and ``side`` are added
    id_col : id column of ``articles`` (a missing one raises :class:`kit.errors.KitValueError`
        listing the columns)

    Returns
    -------
    DataFrame
        ``<group_by>``, ``actor``, ``n_articles`` (articles of the group mentioning the actor),
        ``share_articles`` (of all the group's articles), ``mentions`` (in texts),
        ``mentions_per_article`` (over the articles that mention the actor), ``title_articles``
        (articles with the actor in the headline), ``mean_first_position`` (mean of
        ``first_position``), [``type``, ``side``]. Sorted by group, then articles (most first).

    Examples
    --------
    >>> sal = pd.DataFrame({"doc_id": ["a", "b"], "actor": ["X", "X"], "mentions": [2, 4], "title_mentions": [1, 0],
    ...                     "in_title": [True, False], "first_sent_no": [0, 3], "first_position": [0.0, 0.5]})
    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["A", "A", "A"]})
    >>> actor_summary(sal, arts)[["outlet", "actor", "n_articles", "share_articles", "mentions", "title_articles"]].values.tolist()
    [['A', 'X', 2, 0.6666666666666666, 6, 1]]
    """
    require_columns(salience, ("doc_id", "actor", "mentions", "in_title", "first_position"), "salience",
                    hint="pass the output of actor_salience")
    name = group_name(group_by)
    groups = group_series(articles, group_by, id_col=id_col)
    sizes = groups.value_counts()
    s = salience.assign(_g=groups.reindex(salience["doc_id"]).to_numpy())
    rows = []
    for (g, actor), sub in s.groupby(["_g", "actor"], sort=True):
        n = len(sub)
        rows.append({name: g, "actor": actor, "n_articles": n, "share_articles": n / sizes[g],
                     "mentions": int(sub["mentions"].sum()), "mentions_per_article": float(sub["mentions"].mean()),
                     "title_articles": int(sub["in_title"].sum()),
                     "mean_first_position": float(sub["first_position"].mean())})
    cols = [name, "actor", "n_articles", "share_articles", "mentions", "mentions_per_article", "title_articles", "mean_first_position"]
    out = pd.DataFrame(rows, columns=cols)
    if actors is not None:
        meta = actors.set_index("name")[["type", "side"]]
        out = out.join(meta, on="actor")
    out = out.sort_values([name, "n_articles", "mentions", "actor"], ascending=[True, False, False, True], kind="stable")
    return out.reset_index(drop=True)


def actor_cooccurrence(mentions: pd.DataFrame, *, unit: str = "sentence") -> pd.DataFrame:
    """Pairs of actors mentioned in the same sentence (or article).

    Parameters
    ----------
    mentions : output of :func:`actor_mentions`
    unit : {"sentence", "article"}
        Co-occurrence within one sentence of the text, or anywhere in one article (title included).

    Returns
    -------
    DataFrame
        ``actor_a``, ``actor_b`` (alphabetical, a < b), ``n_units`` (sentences or articles where
        both are mentioned), ``n_articles`` (articles with at least one such unit). Most frequent first.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a", "a", "a", "a"], "actor": ["X", "Y", "X", "Z"], "where": ["text"] * 4,
    ...                   "sent_no": [0, 0, 1, 2]})
    >>> actor_cooccurrence(m).values.tolist()
    [['X', 'Y', 1, 1]]
    """
    check_choice(unit, "unit", ("sentence", "article"))
    require_columns(mentions, ("doc_id", "actor", "where", "sent_no"), "mentions", hint="pass the output of actor_mentions")
    m = mentions
    if unit == "sentence":
        m = m[m["where"] == "text"]
        keys = ["doc_id", "sent_no"]
    else:
        keys = ["doc_id"]
    pairs: Counter = Counter()
    docs: dict = defaultdict(set)
    for k, g in m.groupby(keys, sort=False):
        names = sorted(set(g["actor"]))
        doc = k[0] if isinstance(k, tuple) else k
        for a, b in combinations(names, 2):
            pairs[(a, b)] += 1
            docs[(a, b)].add(doc)
    rows = [(a, b, n, len(docs[(a, b)])) for (a, b), n in pairs.items()]
    out = pd.DataFrame(rows, columns=["actor_a", "actor_b", "n_units", "n_articles"])
    out = out.sort_values(["n_units", "n_articles", "actor_a", "actor_b"], ascending=[False, False, True, True], kind="stable")
    for c in ("n_units", "n_articles"):
        out[c] = out[c].astype("int64")
    return out.reset_index(drop=True)


#: A word written in lower case (a capitalised word also seen like this is not a name).
_LOWER_WORD = re.compile(
    r"""
    \b [a-z]       # a lower-case letter at the start of a word
    [a-z'’-]*       # then lower-case letters, apostrophes or hyphens
    \b
    """,
    re.VERBOSE,
)
#: Lower-case words allowed inside a multi-word name ("Ministry of Commerce", "Ludwig van Beethoven").
_CONNECT = {"of", "the", "for", "and", "de", "van", "von", "al", "bin"}
#: Capitalised words that are not names on their own (sentence openers, titles, days, months).
_NOT_NAMES = frozenset(
    """The A An He She It They We I You This That These Those There His Her Its Their Our But And However
    Meanwhile Still Yet In On At After Before When While If As So Some Many Most Several One Two Three
    Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December What Why How Who Where For With From By To Not
    No Yes Both Each Every Any Asked Read More Also Even Now Then Last Next First""".split()
)


@renamed_keywords(top="n")
def uncovered_names(articles: pd.DataFrame, actors: pd.DataFrame | None = None, *, min_count: int = 2,
                    n: int | None = 50, text_col: str = "text", title_col: str | None = None,
                    id_col: str = "doc_id") -> pd.DataFrame:
    """Frequent capitalised names in the texts that no actor of the file covers (to extend the file).

    A *name* is a run of capitalised tokens (inner ``of``/``the``/``and`` allowed, e.g.
    ``Ministry of Commerce``); a single capitalised word counts only when it does not start a
    sentence. Runs stop at punctuation; a capitalised first word of a sentence is dropped when the
    word is a stopword or occurs in lower case elsewhere in the texts ("Later", "Officials"). Runs
    that overlap a mention of a known actor, and common openers, months and weekdays, are skipped. Countries and places are listed too (they are names): skip them.

    Returns
    -------
    DataFrame
        ``name``, ``n`` (occurrences), ``n_articles``, ``example`` (first sentence where it occurs),
        most frequent first, only names with ``n >= min_count``, at most ``n`` rows (the argument;
        None for all; ``top=`` is its deprecated name).

    Examples
    --------
    >>> acts = actors_from_records([{"name": "Eleanor Whitcombe", "aliases": ["Whitcombe"], "type": "official"}])
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": [
    ...     "Whitcombe met Dana Fry. Then Dana Fry spoke.", "Officials said Dana Fry left Boise."]})
    >>> uncovered_names(arts, acts)[["name", "n", "n_articles"]].values.tolist()
    [['Dana Fry', 3, 2]]
    """
    require_columns(articles, (id_col, text_col), "articles")
    return uncovered_names_in_parts(lambda: [articles], actors, min_count=min_count, n=n, text_col=text_col, id_col=id_col)


def uncovered_names_in_parts(parts, actors: pd.DataFrame | None = None, *, min_count: int = 2, n: int | None = 50,
                             text_col: str = "text", id_col: str = "doc_id") -> pd.DataFrame:
    """:func:`uncovered_names` of the articles that ``parts()`` yields, one table at a time, in order
    (e.g. a corpus store's partitions): the same table as on all of them at once, holding the texts
    of one part and the words seen in lower case (two passes: ``parts`` is called twice).

    >>> acts = actors_from_records([{"name": "Eleanor Whitcombe", "aliases": ["Whitcombe"], "type": "official"}])
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": [
    ...     "Whitcombe met Dana Fry. Then Dana Fry spoke.", "Officials said Dana Fry left Boise."]})
    >>> uncovered_names_in_parts(lambda: [arts.iloc[:1], arts.iloc[1:]], acts)[["name", "n", "n_articles"]].values.tolist()
    [['Dana Fry', 3, 2]]
    """
    min_count = check_int(min_count, "min_count", min=1)
    n = check_int(n, "n", min=1, none=True)
    actors = load_actors() if actors is None else actors
    idx = _index(actors)
    lower_words = set(stopword_set("kit"))
    for part in parts():  # first pass: every word seen in lower case anywhere in the texts
        for t in part[text_col].tolist():
            if isinstance(t, str):
                lower_words.update(_LOWER_WORD.findall(t))
    count: Counter = Counter()
    arts: dict = defaultdict(set)
    example: dict = {}
    for part in parts():
        _scan_names(part, idx, lower_words, count, arts, example, text_col=text_col, id_col=id_col)
    rows = [(nm, c, len(arts[nm]), example[nm]) for nm, c in count.items() if c >= min_count]
    out = pd.DataFrame(rows, columns=["name", "n", "n_articles", "example"])
    out = out.sort_values(["n", "n_articles", "name"], ascending=[False, False, True], kind="stable").reset_index(drop=True)
    if n is not None:
        out = out.head(n)
    for c in ("n", "n_articles"):
        out[c] = out[c].astype("int64")
    return out


def _scan_names(articles: pd.DataFrame, idx, lower_words: set, count: Counter, arts: dict, example: dict, *,
                text_col: str, id_col: str) -> None:
    """Count the uncovered names of ``articles`` into ``count``, ``arts`` and ``example`` (see :func:`uncovered_names`)."""
    sents = split_sentences(articles, text_col=text_col, id_col=id_col)
    for doc_id, s_text in zip(sents["doc_id"].tolist(), sents["text"].tolist()):
        pieces = s_text.split(None, 1)
        if not pieces or pieces[0].isalpha() and not (len(pieces) > 1 and any(map(str.isupper, pieces[1]))):
            continue  # one capitalised word at most, the first (a letters-only piece is one token): no name
        toks = find_tokens(s_text, _OPTS)  # once per sentence, for the known mentions and the names
        keys = _token_keys(toks)
        covered = None  # the known mentions, found when a name is first seen in the sentence
        i = 0
        while i < len(toks):
            t = toks[i][2]
            if not (t[:1].isupper() and any(c.islower() for c in t[1:]) or (t.isupper() and len(t) > 1 and t.isalpha())):
                i += 1
                continue
            j = i + 1
            while j < len(toks) and s_text[toks[j - 1][1]:toks[j][0]] == " ":
                u = toks[j][2]
                if u[:1].isupper() and u.isalpha() or (u.lower() in _CONNECT and j + 1 < len(toks) and toks[j + 1][2][:1].isupper()):
                    j += 1
                else:
                    break
            while j - 1 > i and toks[j - 1][2].lower() in _CONNECT:
                j -= 1
            words = keys[i:j]
            while words and (words[0] in _NOT_NAMES or (i == 0 and words[0].lower() in lower_words)):
                words = words[1:]
                i += 1
            s0, e0 = (toks[i][0], toks[j - 1][1]) if i < j else (0, 0)
            ok = bool(words) and not (len(words) == 1 and i == 0)
            if ok and covered is None:
                covered = [(s, e) for s, e, *_ in _find(s_text, idx, toks, keys)]
            if ok and any(s0 < ce and cs < e0 for cs, ce in covered):
                ok = False
            if ok and len(words) == 1 and words[0] in _NOT_NAMES:
                ok = False
            if ok:
                name = " ".join(words)
                count[name] += 1
                arts[name].add(doc_id)
                example.setdefault(name, " ".join(s_text.split()))
            i = max(j, i + 1)
