"""Summary tables over the quotes table: speech acts, sources, top speakers, examples."""
from __future__ import annotations

import numbers
from typing import Any, Iterable

import numpy as np
import pandas as pd

from kit.errors import KitError
from kit.quotes.columns import SPEECH_KINDS  # noqa: F401 (re-exported, or used by this module)

#: The side of a speaker no actor file lists, in the quotes tables (:func:`sources`, :func:`top_speakers`).
NO_SIDE = "(none)"

#: Columns of the table of speech acts (:func:`speech_acts`).
SPEECH_ACT_COLUMNS: dict[str, str] = {
    "doc_id": "article id",
    "attribution_id": "the act's id in its article (the quote_no of its first quote)",
    "text": "the act's quotes joined by ' … '",
    "kind": "full when any quote of the act is full, else partial",
    "speaker": "resolved speaker of the act",
    "speaker_mention": "the speaker as written at the act's attribution",
    "speaker_rule": "the named rule that chose the act's speaker (as in the quotes table)",
    "verb": "speech verb of the act's attribution",
    "speaker_type": "as in the quotes table",
    "para_no": "paragraph where the act opens",
    "para_end": "paragraph where the act closes",
    "start": "offset of the act's first quoted character in the body text",
    "end": "offset just after the act's last quoted character",
    "n_quotes": "number of quote rows in the act",
    "n_words": "words in all its quotes",
    "speaker_confidence": "the act's first quote's speaker_confidence (the act's speaker is its first quote's; "
                          "see the quotes table); missing when the act has no speaker",
}


def speech_acts(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per speech act: the quotes that share an ``attribution_id`` put together.

    Only speech (kinds ``full`` and ``partial``) is kept. See :data:`SPEECH_ACT_COLUMNS`. An act's
    speaker, and so its ``speaker_confidence``, is its first quote's.

    Examples
    --------
    >>> paras = pd.DataFrame({"doc_id": ["a", "a"], "para_no": [0, 1], "role": ["body", "body"],
    ...     "text": ['"We are ready," Ana Ribeiro said. "So are they."', '"Not yet," said Bo Li.']})
    >>> acts = speech_acts(extract_quotes(paras))
    >>> acts[["attribution_id", "text", "speaker", "n_quotes"]].values.tolist()
    [[0, 'We are ready, … So are they.', 'Ana Ribeiro', 2], [2, 'Not yet,', 'Bo Li', 1]]
    >>> bool(acts["speaker_confidence"].between(0, 1).all())
    True
    """
    need = ["doc_id", "attribution_id", "quote_no", "text", "kind"]
    _require(quotes, need, "quotes table")
    q = _plain(quotes)
    q = q[q["kind"].isin(SPEECH_KINDS) & q["doc_id"].notna() & q["attribution_id"].notna()]
    q = q.sort_values(["doc_id", "quote_no"], kind="stable")
    # one pass of grouped aggregates (no per-act table filtering): acts in order of first appearance,
    # each act's fields taken from its first quote in reading order
    keys = [q["doc_id"], q["attribution_id"]]
    grouped = q.groupby(keys, sort=False)
    first = q[~q.duplicated(["doc_id", "attribution_id"])]
    # each act's quotes joined in one pass over the rows (a Python function per act, as groupby.agg
    # calls it, took most of report 04's time: one Series made per act)
    pieces: list[list[str]] = [[] for _ in range(grouped.ngroups)]
    for g, t in zip(grouped.ngroup().tolist(), q["text"].astype(str).tolist()):
        pieces[g].append(t)
    texts = [" … ".join(p) for p in pieces]
    full = (q["kind"] == "full").groupby(keys, sort=False).any().tolist()
    sizes = grouped.size().tolist()

    def col(name: str) -> list:
        return first[name].tolist() if name in first.columns else [None] * len(first)

    def most(name: str, how: str) -> list:
        return [int(v) for v in getattr(grouped[name], how)().tolist()] if name in q.columns else [None] * len(first)

    para_no = [int(v) for v in first["para_no"].tolist()] if "para_no" in first.columns else [0] * len(first)
    start = [int(v) for v in first["start"].tolist()] if "start" in first.columns else [0] * len(first)
    # the act's speaker is its first quote's, and so is its confidence (NaN without one, or without the column)
    conf = (pd.to_numeric(first["speaker_confidence"], errors="coerce").tolist() if "speaker_confidence" in first.columns
            else [float("nan")] * len(first))
    rows = [{"doc_id": d, "attribution_id": int(a), "text": t, "kind": "full" if f else "partial",
             "speaker": sp, "speaker_mention": sm, "speaker_rule": sr, "verb": v, "speaker_type": st, "para_no": pn, "para_end": pe,
             "start": s0, "end": e, "n_quotes": n, "n_words": w, "speaker_confidence": c}
            for d, a, t, f, sp, sm, sr, v, st, pn, pe, s0, e, n, w, c in zip(
                first["doc_id"].tolist(), first["attribution_id"].tolist(), texts, full, col("speaker"),
                col("speaker_mention"), col("speaker_rule"), col("verb"), col("speaker_type"), para_no, most("para_end", "max"), start,
                most("end", "max"), sizes, most("n_words", "sum"), conf)]
    return pd.DataFrame(rows, columns=list(SPEECH_ACT_COLUMNS))


def _plain(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` without its ``attrs``: pandas deep-copies ``attrs`` into every table an operation
    returns, so the quotes table's problems list would be copied once per step (per act, per
    speaker) and the summaries would grow with acts x problems."""
    out = table.copy(deep=False)
    out.attrs = {}
    return out


_SOURCE_BY = ("speaker", "speaker_type", "side", "kind")
_PERIODS = ("day", "week", "month", "quarter", "year")


def _check_n(n: Any, name: str = "n") -> int:
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise KitError(f"{name} must be a positive integer, got {n!r}")
    return int(n)


def _check_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    bad = [k for k in kinds if k not in QUOTE_KINDS]
    if bad:
        raise KitError(f"unknown quote kinds {bad}; valid: {list(QUOTE_KINDS)}")
    return kinds


def _grouped(articles: pd.DataFrame, group_by: str | None) -> tuple[pd.DataFrame, str]:
    """``articles`` with the grouping column, and its name.

    Labels are those of :func:`kit.dictionaries.group_column` (the frames and tone tables use the
    same): a column's missing values become ``(unknown)``, ``month`` gives ``2023-02``, undated
    articles ``(undated)``, and ``group_by=None`` one group ``all`` in a column ``group``. Grouping
    by ``doc_id`` keeps the ids as they are.
    """
    from kit.dictionaries import group_column

    if group_by is not None and not isinstance(group_by, str):
        raise KitError(f"group_by must be a column name, a period ({', '.join(_PERIODS)}) or None; got {group_by!r}")
    if group_by == "doc_id":
        return articles, "doc_id"
    if group_by is not None and group_by not in articles.columns and group_by not in _PERIODS:
        raise KitError(f"group_by {group_by!r} is not a column of the articles table; use one of its columns "
                       f"({', '.join(map(str, articles.columns))}), a period ({', '.join(_PERIODS)}) or None")
    name = group_by if group_by is not None else "group"
    return articles.assign(**{name: group_column(articles, group_by).to_numpy()}), name


def _same_id_type(q: pd.DataFrame, arts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Compare ids as text when one table holds numbers and the other text (a CSV round trip)."""
    qn = pd.api.types.is_numeric_dtype(q["doc_id"])
    an = pd.api.types.is_numeric_dtype(arts["doc_id"])
    if len(q) and len(arts) and qn != an:
        return q.assign(doc_id=q["doc_id"].astype(str)), arts.assign(doc_id=arts["doc_id"].astype(str))
    return q, arts


def _article_words(articles: pd.DataFrame) -> pd.Series:
    """Words per article, counted as the quotes' ``n_words`` are (:func:`kit.text.count_words`): the
    ingested ``n_words`` where there is one (no text need be read), else counted in ``text``."""
    from kit.text import count_words

    counted = (articles["n_words"] if "n_words" in articles.columns
               else pd.Series(pd.NA, index=articles.index, dtype="Int64"))
    missing = counted.isna()
    if missing.any():
        if "text" not in articles.columns:
            raise KitError(f"articles table: {int(missing.sum())} article(s) have no n_words and there is no "
                           f"text column to count them in (first: doc_id {articles.loc[missing, 'doc_id'].iloc[0]!r})")
        counted = counted.astype("object").where(~missing, articles.loc[missing, "text"].map(
            lambda t: count_words(str(t)) if _nz(t) is not None else 0))
    return counted.astype("int64")


def sources(quotes: pd.DataFrame, articles: pd.DataFrame, *, group_by: str | None = "doc_id", by: str | None = None,
            kinds: Iterable[str] = SPEECH_KINDS) -> pd.DataFrame:
    """Who speaks, summarised per article or per group of articles.

    Parameters
    ----------
    quotes
        Output of :func:`extract_quotes` (needs doc_id, text, kind, speaker, n_words, and the
        ``by`` column).
    articles
        The ``articles`` table (needs ``doc_id``, the ``group_by`` column, and ``n_words`` or
        ``text``: an article's words are its ``n_words`` as ingested, else counted in its text,
        with the tokenizer that counts the quoted words, :func:`kit.text.count_words`).
    group_by
        ``doc_id`` (per article, the default), a column of ``articles`` (``outlet``, ``section``
        ...), a period of ``published`` (``day``, ``week``, ``month``, ``quarter``, ``year``:
        labels such as ``2023-02``, the same as the frames tables) or None (one group ``all`` in
        a column ``group``). Articles whose group is missing count under ``(unknown)``, undated
        ones under ``(undated)``: no article is dropped.
    by
        None for one row per group; or ``speaker``, ``speaker_type``, ``side`` or ``kind`` for
        one row per group and value (quoted words by speaker type, most-quoted people ...).
    kinds
        Quote kinds counted as speech (scare quotes and titles are not speech).

    Returns
    -------
    With ``by=None``: the group column, n_articles, n_quotes, n_voices (distinct speakers),
    quoted_words, words (all words of the articles), quote_share (quoted_words / words),
    top_speaker, top_speaker_quotes. With ``by``: the group column, the ``by`` column, n_quotes,
    quoted_words, n_articles (articles where it speaks), share (of the group's quoted words),
    sorted by group and descending quoted words. Unknown speakers count under ``(unknown)``.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"],
    ...     "text": ['"We will win this," Ana Ruiz said.', 'Calm day. "Nothing new," said Bo Li.']})
    >>> q = extract_quotes(arts)
    >>> s = sources(q, arts, group_by="outlet")
    >>> s[["outlet", "n_quotes", "n_voices", "quoted_words", "words"]].values.tolist()
    [['X', 2, 2, 6, 14]]
    >>> round(float(s.loc[0, "quote_share"]), 3)
    0.429
    """
    kinds = _check_kinds(kinds)
    if by is not None and by not in _SOURCE_BY:
        raise KitError(f"unknown by={by!r}; valid: None, {', '.join(_SOURCE_BY)}")
    _require(quotes, ("doc_id", "text", "kind", "speaker", "n_words") + ((by,) if by else ()), "quotes table")
    _require(articles, ("doc_id",) if "n_words" in articles.columns else ("doc_id", "text"), "articles table")
    articles, group = _grouped(_plain(articles), group_by)
    arts = articles[["doc_id"] + ([group] if group != "doc_id" else [])].copy()
    arts["words"] = _article_words(articles)
    q = _source_quotes(quotes, kinds, arts, group)
    if by is None:
        base = arts.groupby(group, sort=True).agg(n_articles=("doc_id", "nunique"), words=("words", "sum"))
        agg = q.groupby(group).agg(n_quotes=("text", "size"), quoted_words=("n_words", "sum"))
        counts = q[q["speaker"] != "(unknown)"].groupby([group, "speaker"]).size().rename("n")
        return _sources_table(base, agg, counts, group)
    agg = q.groupby([group, by]).agg(n_quotes=("text", "size"), quoted_words=("n_words", "sum"),
                                      n_articles=("doc_id", "nunique"))
    return _shares_by(agg, group, by)


def _source_quotes(quotes: pd.DataFrame, kinds, arts: pd.DataFrame, group: str) -> pd.DataFrame:
    """The quotes :func:`sources` counts: of ``kinds``, with the articles' group, a missing speaker
    as ``(unknown)``, a missing speaker type / side as ``unknown`` / ``(none)``."""
    q = _plain(quotes)
    q = q[q["kind"].isin(kinds)].copy()
    q, arts = _same_id_type(q, arts)
    q = q.merge(arts[["doc_id"] + ([group] if group != "doc_id" else [])], on="doc_id", how="inner")
    q["speaker"] = q["speaker"].astype("object").where(q["speaker"].notna(), "(unknown)")
    for c in ("speaker_type", "side"):
        if c in q.columns:
            q[c] = q[c].astype("object").where(q[c].notna(), "unknown" if c == "speaker_type" else NO_SIDE)
    return q


def _sources_table(base: pd.DataFrame, agg: pd.DataFrame, counts: pd.Series, group: str) -> pd.DataFrame:
    """:func:`sources` per group from its sums: ``base`` (articles and words per group), ``agg``
    (quotes and quoted words per group) and ``counts`` (quotes per group and named speaker)."""
    voices = counts.groupby(level=0).size().rename("n_voices")
    out = base.join(agg).join(voices)
    for c in ("n_quotes", "quoted_words", "n_voices"):
        out[c] = out[c].fillna(0).astype("int64")
    out["quote_share"] = (out["quoted_words"] / out["words"].where(out["words"] > 0)).astype("float64")
    if len(counts):
        counts = counts.reset_index()
        counts = counts.sort_values([group, "n", "speaker"], ascending=[True, False, True])
        top = counts.drop_duplicates(group).set_index(group)
        out["top_speaker"] = top["speaker"].reindex(out.index).astype("object")
        out["top_speaker_quotes"] = top["n"].reindex(out.index).fillna(0).astype("int64")
    else:
        out["top_speaker"] = None
        out["top_speaker_quotes"] = 0
    out = out.reset_index()
    return out[[group, "n_articles", "n_quotes", "n_voices", "quoted_words", "words", "quote_share",
                "top_speaker", "top_speaker_quotes"]]


def _shares_by(agg: pd.DataFrame, group: str, by: str) -> pd.DataFrame:
    """:func:`sources` with ``by``: ``agg`` (sums per group and ``by``) with each row's share of its
    group's quoted words, largest first."""
    agg = agg.reset_index()
    totals = agg.groupby(group)["quoted_words"].transform("sum")
    agg["share"] = (agg["quoted_words"] / totals.where(totals > 0)).astype("float64")
    return agg.sort_values([group, "quoted_words", by], ascending=[True, False, True]).reset_index(drop=True)


def top_speakers(quotes: pd.DataFrame, articles: pd.DataFrame, *, group_by: str | None = "outlet", n: int = 10,
                 kinds: Iterable[str] = SPEECH_KINDS) -> pd.DataFrame:
    """The ``n`` most-quoted named speakers of each group, by quoted words.

    ``group_by`` works as in :func:`sources`; ``n`` is any positive integer (``numpy.int64`` too).

    Returns
    -------
    DataFrame with the group column, rank (1 = most quoted), speaker, speaker_type, side,
    n_quotes, quoted_words, n_articles and share (of the group's quoted words, all speakers
    included). A speaker without a type is ``unknown``, one without a side (not in the actor
    file, or no actor file) ``(none)``, as in :func:`sources` with ``by``.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
    ...     "text": ['"We will win this race," said Ana Ruiz. "Maybe," said Bo Li. "Yes," said Ana Ruiz.']})
    >>> top_speakers(extract_quotes(arts), arts, n=1)[["outlet", "rank", "speaker", "n_quotes", "quoted_words"]].values.tolist()
    [['X', 1, 'Ana Ruiz', 2, 6]]
    """
    n = _check_n(n)
    kinds = _check_kinds(kinds)
    _require(quotes, ("doc_id", "text", "kind", "speaker", "n_words", "speaker_type", "side"), "quotes table")
    by_speaker = sources(quotes, articles, group_by=group_by, by="speaker", kinds=kinds)
    group = by_speaker.columns[0]
    named = by_speaker[by_speaker["speaker"] != "(unknown)"].copy()
    q = _plain(quotes)
    q = q[q["kind"].isin(kinds) & q["speaker"].notna()]
    # each speaker's profile: the most frequent speaker_type (ties: the first in sorted order, as
    # Series.mode) and the first side given, in table order; None when the speaker has none
    return _ranked_speakers(named, group, n, q.groupby(["speaker", "speaker_type"]).size(),
                            q["side"].astype(object).groupby(q["speaker"]).first(), q["speaker"].unique())


def _ranked_speakers(named: pd.DataFrame, group: str, n: int, types: pd.Series, sides: pd.Series,
                     speakers) -> pd.DataFrame:
    """:func:`top_speakers` from the per-speaker sums ``named`` and each speaker's profile: ``types``
    (quotes per speaker and speaker type: the most frequent wins, ties to the first in sorted order,
    as ``Series.mode``) and ``sides`` (the first side given); None when a speaker has none."""
    types = types.rename("n").reset_index()
    types = types.sort_values(["speaker", "n", "speaker_type"], ascending=[True, False, True], kind="stable")
    speakers = pd.Index(speakers).sort_values()

    def values(s: pd.Series) -> list:
        return [None if pd.isna(v) else v for v in s.reindex(speakers).astype(object).tolist()]

    # a speaker the article does not describe / the actor file does not list (or no actor file):
    # "unknown" / "(none)", the labels of the quoted-words tables (sources(by=...)), not an empty cell
    profile = pd.DataFrame({
        "speaker_type": [v if v is not None else "unknown" for v in
                         values(types.drop_duplicates("speaker").set_index("speaker")["speaker_type"])],
        "side": [v if v is not None else NO_SIDE for v in values(sides)]}, index=speakers)
    named = named.merge(profile, left_on="speaker", right_index=True, how="left")
    named = named.sort_values([group, "quoted_words", "n_quotes", "speaker"], ascending=[True, False, False, True])
    named["rank"] = named.groupby(group).cumcount() + 1
    named = named[named["rank"] <= n]
    return named[[group, "rank", "speaker", "speaker_type", "side", "n_quotes", "quoted_words", "n_articles",
                  "share"]].reset_index(drop=True)


def example_quotes(quotes: pd.DataFrame, articles: pd.DataFrame, *, group_by: str | None = "outlet", n: int = 3,
                   seed: int = 0, kinds: Iterable[str] = ("full",), min_words: int = 8) -> pd.DataFrame:
    """A seeded random sample of ``n`` quotes per group, for reading next to the numbers.

    ``group_by`` works as in :func:`sources`; ``n`` is any positive integer (``numpy.int64`` too).

    Returns
    -------
    DataFrame with the group column, doc_id, title (when the articles table has one), speaker,
    speaker_type, text; the same seed gives the same sample.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "title": ["T"],
    ...     "text": ['"We will win this race and then the next one too," said Ana Ruiz.']})
    >>> example_quotes(extract_quotes(arts), arts, n=2)[["outlet", "speaker"]].values.tolist()
    [['X', 'Ana Ruiz']]
    """
    n = _check_n(n)
    kinds = _check_kinds(kinds)
    if isinstance(min_words, bool) or not isinstance(min_words, numbers.Integral) or min_words < 0:
        raise KitError(f"min_words must be a whole number >= 0, got {min_words!r}")
    _require(quotes, ("doc_id", "quote_no", "text", "kind", "speaker", "speaker_type", "n_words"), "quotes table")
    _require(articles, ("doc_id",), "articles table")
    articles, group = _grouped(_plain(articles), group_by)
    cols = ["doc_id"] + ([group] if group != "doc_id" else []) + (["title"] if "title" in articles.columns else [])
    q = _plain(quotes)
    q = q[q["kind"].isin(kinds) & (q["n_words"] >= min_words)].copy()
    q, arts = _same_id_type(q, articles[cols])
    q = q.merge(arts, on="doc_id", how="inner")
    q = q.sample(frac=1.0, random_state=int(seed)) if len(q) else q
    out = q.groupby(group, sort=True).head(n).sort_values([group, "doc_id", "quote_no"])
    keep = [group] + (["doc_id"] if group != "doc_id" else []) + (["title"] if "title" in cols else []) + [
        "speaker", "speaker_type", "text"]
    return out[keep].reset_index(drop=True)


# -- the summaries reduced over parts of the quotes table (a corpus store's, read a part at a time) --
# Reduction helpers only (kit.analyse.rows calls them): the functions above on the whole table give
# the same tables (tests compare them). A part holds whole articles; the parts come in table order.
#: Partial sums held before they are added up.
PARTS_FOLD = 8


def _fold(frames: list, levels: int) -> list:
    """Partial per-key sums added up into one (the keys are the index's ``levels`` levels)."""
    nonempty = [f for f in frames if len(f)]
    if len(nonempty) <= 1:
        return (nonempty or frames)[:1]
    return [pd.concat(nonempty).groupby(level=list(range(levels)), sort=True).sum()]


class _SourcesSum:
    """:func:`sources` summed over parts: per group (and ``by`` value) the quotes' counts and words,
    articles (an article is in one part), and the named speakers' quotes."""

    def __init__(self, articles: pd.DataFrame, group_by, by, kinds):
        self.kinds = _check_kinds(kinds)
        if by is not None and by not in _SOURCE_BY:
            raise KitError(f"unknown by={by!r}; valid: None, {', '.join(_SOURCE_BY)}")
        _require(articles, ("doc_id",) if "n_words" in articles.columns else ("doc_id", "text"), "articles table")
        self.by = by
        articles, self.group = _grouped(_plain(articles), group_by)
        self.arts = articles[["doc_id"] + ([self.group] if self.group != "doc_id" else [])].copy()
        self.arts["words"] = _article_words(articles)
        self.sums: list = []
        self.pairs: list = []

    def add(self, part: pd.DataFrame) -> pd.DataFrame:
        """Add a part; returns its speech quotes with the group column (speakers filled in)."""
        by, group = self.by, self.group
        # (no text needed: a quote is counted by its row)
        _require(part, ("doc_id", "kind", "speaker", "n_words") + ((by,) if by else ()), "quotes table")
        q = _source_quotes(part, self.kinds, self.arts, group)
        if by is None:
            self.sums.append(q.groupby(group).agg(n_quotes=("doc_id", "size"), quoted_words=("n_words", "sum")))
            self.pairs.append(q[q["speaker"] != "(unknown)"].groupby([group, "speaker"]).size().rename("n"))
        else:
            self.sums.append(q.groupby([group, by]).agg(n_quotes=("doc_id", "size"), quoted_words=("n_words", "sum"),
                                                        n_articles=("doc_id", "nunique")))
        if len(self.sums) > PARTS_FOLD:
            self.sums = _fold(self.sums, 1 if by is None else 2)
            self.pairs = _fold(self.pairs, 2)
        return q

    def result(self) -> pd.DataFrame:
        group, by, arts = self.group, self.by, self.arts
        if not self.sums:
            raise KitError("quotes table: no part given")
        if by is None:
            base = arts.groupby(group, sort=True).agg(n_articles=("doc_id", "nunique"), words=("words", "sum"))
            return _sources_table(base, _fold(self.sums, 1)[0], _fold(self.pairs, 2)[0], group)
        return _shares_by(_fold(self.sums, 2)[0], group, by)


def sources_in_parts(parts: Iterable[pd.DataFrame], articles: pd.DataFrame, *, group_by: str | None = "doc_id",
                     by: str | None = None, kinds: Iterable[str] = SPEECH_KINDS) -> pd.DataFrame:
    """:func:`sources` of the quotes table given in ``parts`` (each holding whole articles), summed
    part by part: the same table as on the whole table, holding one part at a time.

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"],
    ...     "text": ['"We will win this," Ana Ruiz said.', 'Calm day. "Nothing new," said Bo Li.']})
    >>> q = extract_quotes(arts)
    >>> parts = [q[q["doc_id"] == "a"], q[q["doc_id"] == "b"]]
    >>> sources_in_parts(parts, arts, group_by="outlet").equals(sources(q, arts, group_by="outlet"))
    True
    """
    total = _SourcesSum(articles, group_by, by, kinds)
    for part in parts:
        total.add(part)
    return total.result()


def top_speakers_in_parts(parts: Iterable[pd.DataFrame], articles: pd.DataFrame, *, group_by: str | None = "outlet",
                          n: int = 10, kinds: Iterable[str] = SPEECH_KINDS) -> pd.DataFrame:
    """:func:`top_speakers` of the quotes table given in ``parts`` (whole articles each, in table
    order), reduced part by part: each speaker's quotes by speaker type are summed and its first
    side kept, so the table is the same as on the whole table.

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"],
    ...     "text": ['"We will win," said Ana Ruiz.', '"Maybe," said Bo Li. "Yes, we will," said Ana Ruiz.']})
    >>> q = extract_quotes(arts)
    >>> top_speakers_in_parts([q[q["doc_id"] == "a"], q[q["doc_id"] == "b"]], arts, n=2).equals(
    ...     top_speakers(q, arts, n=2))
    True
    """
    n = _check_n(n)
    total = _SourcesSum(articles, group_by, "speaker", kinds)
    types, sides, speakers = [], None, []
    for part in parts:
        _require(part, ("doc_id", "kind", "speaker", "n_words", "speaker_type", "side"), "quotes table")
        total.add(part)
        q = _plain(part)
        q = q[q["kind"].isin(total.kinds) & q["speaker"].notna()]
        types.append(q.groupby(["speaker", "speaker_type"]).size())
        side = q["side"].astype(object).groupby(q["speaker"]).first()  # the first side given, in table order
        sides = side if sides is None else sides.combine_first(side)
        speakers.append(q["speaker"].drop_duplicates())
        if len(types) > PARTS_FOLD:
            types = _fold(types, 2)
            speakers = [pd.concat(speakers).drop_duplicates()]
    by_speaker = total.result()
    group = by_speaker.columns[0]
    named = by_speaker[by_speaker["speaker"] != "(unknown)"].copy()
    return _ranked_speakers(named, group, n, _fold(types, 2)[0], sides, pd.concat(speakers).unique())


def example_quotes_in_parts(parts, articles: pd.DataFrame, *, group_by: str | None = "outlet", n: int = 3,
                            seed: int = 0, kinds: Iterable[str] = ("full",), min_words: int = 8) -> pd.DataFrame:
    """:func:`example_quotes` of the quotes table given in parts: ``parts(columns)`` returns them
    (whole articles each, in table order; called twice). The same sample: the rows kept are
    counted first, the seeded shuffle of that many rows is drawn as :func:`example_quotes` draws
    it (``DataFrame.sample``), and each group's first ``n`` rows in that shuffle are taken from
    the parts (a position per row kept is held, not the rows).

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"], "title": ["T", "U"], "text": [
    ...     '"We will win this race and then the next one too," said Ana Ruiz.',
    ...     '"Nobody here expected the vote to pass so early in the year," said Bo Li.']})
    >>> q = extract_quotes(arts)
    >>> parts = lambda columns: [q[q["doc_id"] == "a"], q[q["doc_id"] == "b"]]
    >>> example_quotes_in_parts(parts, arts, n=1, seed=3).equals(example_quotes(q, arts, n=1, seed=3))
    True
    """
    n = _check_n(n)
    kinds = _check_kinds(kinds)
    if isinstance(min_words, bool) or not isinstance(min_words, numbers.Integral) or min_words < 0:
        raise KitError(f"min_words must be a whole number >= 0, got {min_words!r}")
    _require(articles, ("doc_id",), "articles table")
    articles, group = _grouped(_plain(articles), group_by)
    cols = ["doc_id"] + ([group] if group != "doc_id" else []) + (["title"] if "title" in articles.columns else [])
    need = ("doc_id", "quote_no", "text", "kind", "speaker", "speaker_type", "n_words")

    def kept(part: pd.DataFrame, needed=need) -> pd.DataFrame:
        _require(part, needed, "quotes table")
        q = _plain(part)
        q = q[q["kind"].isin(kinds) & (q["n_words"] >= min_words)].copy()
        q, arts = _same_id_type(q, articles[cols])
        return q.merge(arts, on="doc_id", how="inner")

    total = sum(len(kept(p, ("doc_id", "kind", "n_words"))) for p in parts(["kind", "n_words"]))
    # the shuffle example_quotes makes (DataFrame.sample depends on the number of rows and the seed only)
    order = pd.Series(np.arange(total)).sample(frac=1.0, random_state=int(seed)).to_numpy() if total else None
    rank = np.empty(total, dtype="int64")
    if total:
        rank[order] = np.arange(total)
    del order
    picked, offset = [], 0
    for part in parts(list(need)):
        q = kept(part)
        q["_rank"] = rank[offset:offset + len(q)]
        offset += len(q)
        picked.append(q.sort_values("_rank", kind="stable").groupby(group, sort=True).head(n) if len(q) else q)
        if len(picked) > PARTS_FOLD:
            both = pd.concat(picked, ignore_index=True)
            picked = [both.sort_values("_rank", kind="stable").groupby(group, sort=True).head(n)]
    if offset != total:
        raise KitError(f"quotes table: the parts gave {offset} quotes to draw from, then {total}; pass the same parts")
    nonempty = [p for p in picked if len(p)] or picked[:1]
    q = pd.concat(nonempty, ignore_index=True) if len(nonempty) > 1 else nonempty[0]
    q = q.sort_values("_rank", kind="stable") if len(q) else q
    out = q.groupby(group, sort=True).head(n).sort_values([group, "doc_id", "quote_no"])
    keep = [group] + (["doc_id"] if group != "doc_id" else []) + (["title"] if "title" in cols else []) + [
        "speaker", "speaker_type", "text"]
    return out[keep].reset_index(drop=True)


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.api import _require, extract_quotes  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.columns import QUOTE_KINDS  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.entities import _nz  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.textutil import _words  # noqa: E402,F401 (imported last, as the modules refer to each other)
