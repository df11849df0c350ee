"""Public entry points: extract_quotes, quote_problems, read_actors."""
from __future__ import annotations

import re
from typing import Any, Iterable

import pandas as pd

from kit.errors import KitError


def _require(df: pd.DataFrame, needed: Iterable[str], what: str) -> None:
    """Fail with the missing and the present columns when ``df`` lacks a needed column."""
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise KitError(f"{what} lacks column(s) {missing}; it needs {', '.join(needed)}; "
                       f"it has: {', '.join(map(str, df.columns)) or '(no columns)'}")


def _as_paragraphs(paragraphs: Any, articles: pd.DataFrame | None) -> pd.DataFrame:
    if paragraphs is None and articles is not None:
        paragraphs = articles
    if hasattr(paragraphs, "paragraphs") and isinstance(getattr(paragraphs, "paragraphs"), pd.DataFrame):
        paragraphs = paragraphs.paragraphs
    if not isinstance(paragraphs, pd.DataFrame):
        raise KitError("extract_quotes needs a paragraphs table (doc_id, para_no, role, text), an articles "
                       f"table (doc_id, text) or a Corpus; got {type(paragraphs).__name__}")
    if "para_no" not in paragraphs.columns:
        _require(paragraphs, ("doc_id", "text"), "articles table")
        rows = []
        for doc_id, text in zip(paragraphs["doc_id"], paragraphs["text"]):
            for k, p in enumerate(re.split(r"\n\s*\n", str(text) if _nz(text) is not None else "")):
                if p.strip():
                    rows.append((doc_id, k, "body", p))
        out = pd.DataFrame(rows, columns=["doc_id", "para_no", "role", "text"])
        if not rows:  # keep the id dtype of the input (integer ids stay integers)
            out["doc_id"] = out["doc_id"].astype(paragraphs["doc_id"].dtype)
        return out
    _require(paragraphs, ("doc_id", "para_no", "role", "text"), "paragraphs table")
    return paragraphs


def read_actors(actors: Any) -> pd.DataFrame:
    """Deprecated: use :func:`kit.actors.load_actors`, the one actor loader (YAML, CSV/TSV, JSON,
    DataFrame, list of records or a bundled name; same checks and missing-value rule for all).
    None gives an empty actor table.

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", DeprecationWarning)
    ...     read_actors(None).columns.tolist()
    ['name', 'aliases', 'role', 'organisation', 'side', 'type']
    """
    from kit.actors import ACTOR_COLUMNS, load_actors
    from kit.deprecation import warn_renamed

    warn_renamed("kit.quotes.read_actors()", "kit.actors.load_actors()")
    if actors is None:
        return pd.DataFrame(columns=list(ACTOR_COLUMNS))
    return load_actors(actors)


#: Words in front of a speaker's name that the actor file's aliases need not include.
_LEADING_ARTICLES = frozenset({"the", "a", "an"})


def canonical_actor(speaker: str, index: dict) -> str | None:
    """The canonical name of the actor a speaker string names, or None: the speaker must be one
    mention of :func:`kit.actors.find_aliases` (the match :func:`kit.actors.actor_mentions` makes),
    apart from a leading article ('the Defense Ministry') and a possessive.

    Examples
    --------
    >>> from kit.actors import actors_from_records, alias_index
    >>> idx = alias_index(actors_from_records([{"name": "Marcus Bell", "aliases": ["Secretary Bell", "Bell"],
    ...                                         "type": "official"}]))
    >>> canonical_actor("Secretary Bell", idx), canonical_actor("Bell’s", idx), canonical_actor("Bell Labs", idx)
    ('Marcus Bell', 'Marcus Bell', None)
    """
    from kit.actors import find_aliases

    text = " ".join(str(speaker).split())
    hits = find_aliases(text, index)
    if len(hits) != 1:
        return None
    start, end, name, _, _ = hits[0]
    head = text[:start].strip().lower()
    if end == len(text) and (not head or head in _LEADING_ARTICLES):
        return name
    return None


def _run(paragraphs, articles, actors):
    paras = _as_paragraphs(paragraphs, articles)
    headlines: dict = {}
    if "role" in paras.columns:
        heads = paras[paras["role"] == "heading"]
        if len(heads):  # rule HEADLINE_NAME: headings are read for names only, never for quotes
            for doc_id, text in zip(heads["doc_id"], heads["text"]):
                if _nz(text) is not None:
                    headlines[doc_id] = headlines.get(doc_id, "") + "\n" + str(text)
        paras = paras[paras["role"] == "body"]
    from kit.actors import alias_index, load_actors

    actor_df = load_actors(actors) if actors is not None else None
    side_of: dict[str, str] = {}
    index: dict | None = None
    by_name: dict[str, dict] = {}
    if actor_df is not None and len(actor_df):
        index = alias_index(actor_df)
        by_name = {str(row["name"]): row for row in actor_df.to_dict("records")}
    all_rows: list[dict] = []
    all_probs: list[dict] = []
    paras = paras.sort_values(["doc_id", "para_no"], kind="stable")
    # one article at a time, from plain lists: the sort puts each article's paragraphs together
    # (a pandas group per article cost about 2% of the extraction); a missing doc_id is skipped,
    # as groupby skips it
    ids = paras["doc_id"].tolist()
    missing = paras["doc_id"].isna().to_numpy()
    all_texts, all_pnos = paras["text"].tolist(), paras["para_no"].tolist()
    i, n = 0, len(ids)
    while i < n:
        if missing[i]:
            i += 1
            continue
        j = i + 1
        while j < n and not missing[j] and ids[j] == ids[i]:
            j += 1
        doc_id = ids[i]
        plist = []
        off = 0
        texts = single_marks(["" if _nz(text) is None else newsroom_marks(str(text)) for text in all_texts[i:j]])
        pnos = all_pnos[i:j]
        i = j
        for pno, t in zip(pnos, texts):
            plist.append((int(pno), t, off))
            off += len(t) + 2
        art = _Article(doc_id=doc_id, paras=plist, text="\n\n".join(p[1] for p in plist),
                       headline=headlines.get(doc_id, "") if headlines else "")
        _build_entities(art, actor_df, index)
        rows, probs = _extract_article(art, actor_df, side_of)
        if index:
            for r in rows:
                name = canonical_actor(r["speaker"], index) if r["speaker"] else None
                if name is None:
                    continue
                hit = by_name[name]
                r["speaker"] = hit["name"]
                r["side"] = hit["side"]
                if hit["type"]:
                    r["speaker_type"] = hit["type"]
                r["role"] = r["role"] or hit["role"]
                r["affiliation"] = r["affiliation"] or hit["organisation"]
        all_rows.extend(rows)
        all_probs.extend(probs)
    return all_rows, all_probs, actor_df


def extract_quotes(paragraphs: Any, *, articles: pd.DataFrame | None = None, actors: Any = None,
                   return_problems: bool = False) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Find the direct quotes in body paragraphs and attribute each to its speaker.

    Parameters
    ----------
    paragraphs
        The ``paragraphs`` table (doc_id, para_no, role, text; only role ``body`` is searched),
        a :class:`kit.corpus.Corpus`, or an ``articles`` table (doc_id, text: the text is split
        at blank lines and every paragraph is treated as body).
    articles
        Optional ``articles`` table, used when ``paragraphs`` is None.
    actors
        Optional actor list (DataFrame or YAML/CSV/JSON path, see :func:`read_actors`): aliases
        resolve to the actor's name, and role, organisation and ``side`` fill the profile.
    return_problems
        When True, return ``(quotes, problems)``: ``problems`` is the table of
        :func:`quote_problems` (doc_id, para_no, problem) found in the same pass.

    Returns
    -------
    DataFrame with the columns of :data:`QUOTE_COLUMNS`, one row per quote in reading order
    (and the problems table with ``return_problems=True``). ``doc_id`` keeps the values (and
    dtype) of the input ids. ``start``/``end`` are offsets into the article's body text (body
    paragraphs joined by a blank line, as ``articles.text``); for interrupted and
    multi-paragraph quotes ``text`` joins the parts with one space. A quote whose mark was
    repaired says so in ``note``. (``result.attrs["problems"]``, read by the deprecated
    ``quote_problems(quotes=...)``, stays for one release.)

    Examples
    --------
    >>> paras = pd.DataFrame({"doc_id": ["a", "a"], "para_no": [0, 1], "role": ["body", "body"],
    ...     "text": ["Foreign Minister Ana Ribeiro met reporters on Monday.",
    ...              '"We are ready," Ribeiro said, "and so are they."']})
    >>> q = extract_quotes(paras)
    >>> q[["text", "kind", "speaker", "speaker_mention", "verb"]].values.tolist()
    [['We are ready, and so are they.', 'full', 'Ana Ribeiro', 'Ribeiro', 'said']]
    >>> q.loc[0, "role"], q.loc[0, "speaker_type"]
    ('Foreign Minister', 'official')
    >>> q, problems = extract_quotes(paras, return_problems=True)
    >>> list(problems.columns), len(problems)
    (['doc_id', 'para_no', 'problem'], 0)
    """
    rows, probs, _ = _run(paragraphs, articles, actors)
    df = pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))
    for c in ("quote_no", "attribution_id", "para_no", "para_end", "start", "end", "n_words"):
        df[c] = df[c].astype("int64")
    if not rows:
        df["doc_id"] = df["doc_id"].astype(_as_paragraphs(paragraphs, articles)["doc_id"].dtype)
    # plain records, not a DataFrame: pandas compares attrs when it concatenates or merges
    # tables, and a DataFrame there makes pd.concat of two quote tables fail. pandas deep-copies
    # attrs into every table derived from this one, so the records are shared, not copied
    df.attrs["problems"] = _SharedRecords(dict(p) for p in probs)  # deprecated side channel, for one release
    if return_problems:
        return df, pd.DataFrame(probs, columns=_PROBLEM_COLUMNS)
    return df


_PROBLEM_COLUMNS = ["doc_id", "para_no", "problem"]


class _SharedRecords(tuple):
    """Read-only records that ``copy.deepcopy`` shares instead of copying.

    pandas deep-copies ``DataFrame.attrs`` into the result of every operation (filter, groupby
    group, row): with the problems list copied each time, per-row or per-group work on a quotes
    table grew with rows x problems (issue 11: ``speech_acts`` took minutes on 10,000 quotes).
    """

    def __deepcopy__(self, memo: dict) -> "_SharedRecords":
        return self


def quote_problems(paragraphs: Any = None, *, articles: pd.DataFrame | None = None,
                   quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Unbalanced or stray quotation marks found in body paragraphs, and how they were repaired.

    Pass ``paragraphs`` / ``articles`` as to :func:`extract_quotes`. To get the quotes and their
    problems from one pass, call ``extract_quotes(..., return_problems=True)``; ``quotes=`` (the
    table of :func:`extract_quotes`, read through ``DataFrame.attrs``) is deprecated and goes in
    the next release.

    Returns
    -------
    DataFrame with columns doc_id, para_no, problem.

    Examples
    --------
    >>> paras = pd.DataFrame({"doc_id": ["a"], "para_no": [0], "role": ["body"],
    ...                       "text": ["The vote was 41 to 29”. Nobody objected."]})
    >>> quote_problems(paras)["problem"].tolist()
    ['stray quotation mark ignored at offset 21']
    >>> extract_quotes(paras, return_problems=True)[1]["para_no"].tolist()
    [0]
    """
    if quotes is not None:
        from kit.deprecation import warn_renamed

        warn_renamed("quote_problems(quotes=...)", "extract_quotes(..., return_problems=True)")
        if paragraphs is not None or articles is not None:
            raise KitError("quote_problems takes either quotes= (a table from extract_quotes) or the "
                           "paragraphs / articles, not both")
        if not isinstance(quotes, pd.DataFrame) or "problems" not in quotes.attrs:
            raise KitError("quote_problems(quotes=...) needs the table returned by extract_quotes "
                           "(its attrs['problems'] is missing: it was lost by copying or saving the table)")
        probs = quotes.attrs["problems"]
        if isinstance(probs, pd.DataFrame):
            return probs.reindex(columns=_PROBLEM_COLUMNS).reset_index(drop=True)
        return pd.DataFrame(list(probs), columns=_PROBLEM_COLUMNS)
    if paragraphs is None and articles is None:
        raise KitError("quote_problems needs paragraphs, articles= or quotes=")
    _, probs, _ = _run(paragraphs, articles, None)
    return pd.DataFrame(probs, columns=_PROBLEM_COLUMNS)


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.columns import QUOTE_COLUMNS  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.entities import _Article, _build_entities, _nz  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.extract import _extract_article  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.marks import newsroom_marks, single_marks  # noqa: E402,F401 (imported last, as the modules refer to each other)
