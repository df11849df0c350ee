"""Tone: VADER sentiment per sentence, aggregated per article, per group and per actor.

VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
Social Media Text", ICWSM) scores a sentence from a lexicon of rated words plus rules for
negation, intensifiers, "but", capitals and punctuation. Its ``compound`` score runs from -1 (most
negative) to +1 (most positive); the usual cut-offs call a sentence positive at ``>= 0.05`` and
negative at ``<= -0.05``.

The kit runs NLTK's implementation (``nltk.sentiment.vader.SentimentIntensityAnalyzer``). Its
lexicon is taken, in this order, from NLTK's data (``vader_lexicon``, when downloaded with
``python -m nltk.downloader vader_lexicon``) or from the ``vader_lexicon.txt`` file that the
``vaderSentiment`` package ships (a runtime dependency of the kit, so tone works offline).
:func:`lexicon_source` says which was used.

VADER was built for social media; on news it reads reported conflict ("warned", "attack") as the
writer's negativity, so compare groups and actors on the same corpus rather than reading the
scores as absolute, and check sentences with :func:`sentence_tone`.

Intervals are seeded percentile bootstrap intervals over articles (see :mod:`kit.resample`); for
actors, whole articles are resampled with their sentences that mention the actor (a cluster
bootstrap of the sentence-level mean). Fewer than two articles give no interval (NaN).
"""
from __future__ import annotations

import functools
import os
import string

import numpy as np
import pandas as pd

from kit.errors import KitError, KitValueError
from kit.groups import group_name, group_series
from kit.resample import bootstrap_ci, check_bootstrap_args
from kit.text import sentences as split_sentences
from kit.validate import check_int, require_columns

__all__ = ["lexicon_source", "polarity_scores", "sentence_tone", "article_tone", "tone_by_group", "actor_tone",
           "POSITIVE_CUTOFF", "NEGATIVE_CUTOFF"]

#: VADER's usual cut-off on the compound score: a sentence at or above it is positive.
POSITIVE_CUTOFF = 0.05
#: VADER's usual cut-off on the compound score: a sentence at or below it is negative.
NEGATIVE_CUTOFF = -0.05
#: The file of VADER's lexicon inside the ``vaderSentiment`` package (used when NLTK's is not installed).
VADERSENTIMENT_LEXICON = "vader_lexicon.txt"


def _vadersentiment_lexicon() -> str | None:
    try:
        import vaderSentiment
    except ImportError:
        return None
    path = os.path.join(os.path.dirname(vaderSentiment.__file__), VADERSENTIMENT_LEXICON)
    return path if os.path.isfile(path) else None


@functools.lru_cache(maxsize=1)
def _analyzer():
    """(analyzer, source) with the first lexicon available offline."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer  # lazy: nltk is slow to import

    try:
        return SentimentIntensityAnalyzer(), "nltk"
    except LookupError:
        pass
    path = _vadersentiment_lexicon()
    if path is None:
        raise KitError("no VADER lexicon is available: install the vaderSentiment package "
                       "(pip install vaderSentiment) or NLTK's data (python -m nltk.downloader vader_lexicon)")

    class _Analyzer(SentimentIntensityAnalyzer):
        def __init__(self, lexicon_text: str):  # same as NLTK's, from text instead of nltk.data
            from nltk.sentiment.vader import VaderConstants

            self.lexicon_file = lexicon_text
            self.lexicon = self.make_lex_dict()
            self.constants = VaderConstants()

    with open(path, encoding="utf-8") as fh:
        text = "\n".join(line for line in fh.read().splitlines() if line.strip())
    return _Analyzer(text), "vaderSentiment"


def lexicon_source() -> str:
    """Where the VADER lexicon comes from: ``"nltk"`` or ``"vaderSentiment"``.

    >>> lexicon_source() in ("nltk", "vaderSentiment")
    True
    """
    return _analyzer()[1]


#: What VADER removes from a text to find its words (its ``REGEX_REMOVE_PUNCTUATION``: ASCII punctuation).
_VADER_PUNCTUATION = str.maketrans("", "", string.punctuation)


def _has_lexicon_word(text: str, lexicon: dict) -> bool:
    """Whether VADER could score a word or emoticon of ``text``.

    VADER scores the items of :class:`nltk.sentiment.vader.SentiText`: the white-space tokens of
    the text, some replaced by the same token with its punctuation removed; an item counts only
    when its lower-case form is in the lexicon. This checks every token in both forms (a superset
    of the items), so False means VADER would score every item 0.
    """
    low = text.lower()
    if not lexicon.keys().isdisjoint(low.split()):
        return True
    return not lexicon.keys().isdisjoint(low.translate(_VADER_PUNCTUATION).split())


def polarity_scores(text: str, analyzer=None) -> dict:
    """VADER's scores of one text, the same as ``SentimentIntensityAnalyzer.polarity_scores``.

    A text without any lexicon word or emoticon gets VADER's neutral result (every item scores
    0: ``neu`` is 1 when the text has a token of two or more characters, else 0) without
    running VADER's rules, which is most of the cost on news text.

    Examples
    --------
    >>> polarity_scores("The committee met on Tuesday.")
    {'neg': 0.0, 'neu': 1.0, 'pos': 0.0, 'compound': 0.0}
    >>> polarity_scores("The talks were a great success.")["compound"] > 0
    True
    """
    sia = _analyzer()[0] if analyzer is None else analyzer
    if not isinstance(text, str) or _has_lexicon_word(text, sia.lexicon):
        return sia.polarity_scores(text)
    items = any(len(t) > 1 for t in text.split())
    return {"neg": 0.0, "neu": 1.0 if items else 0.0, "pos": 0.0, "compound": 0.0}


def sentence_tone(articles: pd.DataFrame, *, sentences: pd.DataFrame | None = None, text_col: str = "text",
                  id_col: str = "doc_id") -> pd.DataFrame:
    """VADER scores of every sentence of every article.

    Parameters
    ----------
    articles : DataFrame with ``doc_id`` and ``text``
    sentences : output of :func:`kit.text.sentences` for these articles (computed when None)

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_no``, ``para_no``, ``start``, ``end``, ``text`` (as in
        :func:`kit.text.sentences`), ``neg``, ``neu``, ``pos`` (shares of the sentence's
        sentiment, summing to 1), ``compound`` (-1 to +1).

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["The talks were a great success. The attack was horrible."]})
    >>> t = sentence_tone(arts)
    >>> (t["compound"] > 0).tolist()
    [True, False]
    """
    sents = split_sentences(articles, text_col=text_col, id_col=id_col) if sentences is None else sentences
    require_columns(sents, ("doc_id", "sent_no", "text"), "sentences", hint="pass the output of kit.text.sentences")
    sia, _ = _analyzer()
    scores = [polarity_scores(s, sia) for s in sents["text"].tolist()]
    out = sents.reset_index(drop=True).copy()
    for k in ("neg", "neu", "pos", "compound"):
        out[k] = np.array([s[k] for s in scores], dtype=float)
    return out


def article_tone(sent_tone: pd.DataFrame) -> pd.DataFrame:
    """Tone per article from :func:`sentence_tone`.

    Returns
    -------
    DataFrame
        ``doc_id``, ``n_sentences``, ``mean_compound`` (mean of the sentences' compound scores),
        ``share_positive`` / ``share_negative`` (sentences with compound ``>= 0.05`` /
        ``<= -0.05``), ``min_compound``, ``max_compound``.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["a", "a", "b"], "compound": [0.5, -0.3, 0.0]})
    >>> article_tone(st).values.tolist()
    [['a', 2, 0.1, 0.5, 0.5, -0.3, 0.5], ['b', 1, 0.0, 0.0, 0.0, 0.0, 0.0]]
    """
    require_columns(sent_tone, ("doc_id", "compound"), "sent_tone", hint="pass the output of sentence_tone")
    g = sent_tone.assign(_p=sent_tone["compound"] >= POSITIVE_CUTOFF,
                         _n=sent_tone["compound"] <= NEGATIVE_CUTOFF).groupby("doc_id", sort=False)
    out = pd.DataFrame({
        "n_sentences": g.size(),
        "mean_compound": g["compound"].mean(),
        "share_positive": g["_p"].mean(),
        "share_negative": g["_n"].mean(),
        "min_compound": g["compound"].min(),
        "max_compound": g["compound"].max(),
    }).reset_index()
    out["n_sentences"] = out["n_sentences"].astype("int64")
    for c in ("mean_compound", "share_positive", "share_negative", "min_compound", "max_compound"):
        out[c] = out[c].astype(float)
    return out


def tone_by_group(art_tone: pd.DataFrame, articles: pd.DataFrame, *, group_by: str | None = "outlet",
                  n_boot: int = 1000, seed: int = 0, ci: float = 0.95, id_col: str = "doc_id") -> pd.DataFrame:
    """Mean article tone per group with a bootstrap interval over articles.

    Parameters
    ----------
    art_tone : output of :func:`article_tone`
    articles : the articles table (for the groups)
    group_by : column of ``articles``, a period (``day``, ``week``, ``month``, ``quarter``,
        ``year``), or None for one group ``all`` (see :mod:`kit.groups`)
    n_boot, seed, ci : bootstrap settings (see :mod:`kit.resample`)

    id_col : id column of ``articles``

    Returns
    -------
    DataFrame
        ``<group_by>``, ``n_articles`` (all articles of the group in ``articles``, with or
        without text), ``n_with_tone`` (those with at least one scored sentence: the articles
        the tone figures are about; an article without body sentences has no tone and is
        counted here, not silently dropped), ``n_sentences``, ``mean_compound`` (mean of the
        articles' mean compound; NaN when no article has tone), ``compound_low``,
        ``compound_high`` (bootstrap over the articles with tone; NaN for fewer than two),
        ``share_positive`` / ``share_negative`` (means of the articles' shares). Groups sorted.

    Examples
    --------
    >>> at = pd.DataFrame({"doc_id": ["a", "b", "c"], "n_sentences": [2, 1, 4], "mean_compound": [0.2, 0.4, -0.1],
    ...                    "share_positive": [0.5, 1.0, 0.0], "share_negative": [0.0, 0.0, 0.25]})
    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "outlet": ["X", "X", "Y", "Y"]})
    >>> tone_by_group(at, arts, n_boot=0)[["outlet", "n_articles", "n_with_tone", "mean_compound"]].round(3).values.tolist()
    [['X', 2, 2, 0.3], ['Y', 2, 1, -0.1]]
    """
    check_bootstrap_args(n_boot, seed, ci)
    require_columns(art_tone, ("doc_id", "n_sentences", "mean_compound", "share_positive", "share_negative"),
                    "art_tone", hint="pass the output of article_tone")
    name = group_name(group_by)
    groups = group_series(articles, group_by, id_col=id_col)
    toned = art_tone[art_tone["n_sentences"] > 0].set_index("doc_id")
    rows = []
    for g in sorted(pd.unique(groups.to_numpy()), key=str):
        docs = groups.index[groups.to_numpy() == g]
        sub = toned.loc[[d for d in docs if d in toned.index]]
        x = sub["mean_compound"].to_numpy(dtype=float)
        lo, hi = bootstrap_ci(x, n_boot=n_boot, seed=seed, ci=ci)
        empty = len(sub) == 0
        rows.append({name: g, "n_articles": len(docs), "n_with_tone": len(sub),
                     "n_sentences": int(sub["n_sentences"].sum()),
                     "mean_compound": np.nan if empty else float(x.mean()), "compound_low": lo, "compound_high": hi,
                     "share_positive": np.nan if empty else float(sub["share_positive"].mean()),
                     "share_negative": np.nan if empty else float(sub["share_negative"].mean())})
    cols = [name, "n_articles", "n_with_tone", "n_sentences", "mean_compound", "compound_low", "compound_high",
            "share_positive", "share_negative"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("n_articles", "n_with_tone", "n_sentences"):
        out[c] = out[c].astype("int64")
    for c in ("mean_compound", "compound_low", "compound_high", "share_positive", "share_negative"):
        out[c] = out[c].astype(float)
    return out


def actor_tone(sent_tone: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame | None = None, *,
               group_by: str | None = None, min_sentences: int = 1, n_boot: int = 1000, seed: int = 0,
               ci: float = 0.95, id_col: str = "doc_id") -> pd.DataFrame:
    """Tone of the sentences that mention each actor, with a cluster bootstrap interval.

    Parameters
    ----------
    sent_tone : output of :func:`sentence_tone`
    mentions : output of :func:`kit.actors.actor_mentions` (only mentions in the text count)
    articles : the articles table, needed when ``group_by`` is given
    group_by : column of ``articles``, a period (``day`` ... ``year``), or None (all articles
        together; see :mod:`kit.groups`)
    min_sentences : leave out actors (per group) with fewer sentences than this
    n_boot, seed, ci : bootstrap settings; articles are resampled with all their sentences that
        mention the actor (``sum(compound) / n_sentences`` over the resampled articles)

    Returns
    -------
    DataFrame
        [``<group_by>``], ``actor``, ``n_sentences`` (sentences mentioning the actor; a sentence
        naming the actor twice counts once), ``n_articles``, ``mean_compound``, ``compound_low``,
        ``compound_high``, ``share_positive``, ``share_negative``. Most sentences first.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_no": [0, 1, 0], "compound": [0.6, -0.2, 0.1]})
    >>> m = pd.DataFrame({"doc_id": ["a", "a", "b"], "actor": ["X", "X", "X"], "where": ["text"] * 3, "sent_no": [0, 0, 0]})
    >>> actor_tone(st, m, n_boot=0)[["actor", "n_sentences", "n_articles", "mean_compound"]].round(3).values.tolist()
    [['X', 2, 2, 0.35]]
    """
    check_bootstrap_args(n_boot, seed, ci)
    min_sentences = check_int(min_sentences, "min_sentences", min=1)
    require_columns(sent_tone, ("doc_id", "sent_no", "compound"), "sent_tone", hint="pass the output of sentence_tone")
    require_columns(mentions, ("doc_id", "actor", "where", "sent_no"), "mentions",
                    hint="pass the output of kit.actors.actor_mentions")
    m = mentions[mentions["where"] == "text"][["doc_id", "actor", "sent_no"]].drop_duplicates()
    st = sent_tone[["doc_id", "sent_no", "compound"]]
    m = m.astype({"doc_id": "object", "sent_no": "int64"})
    st = st.astype({"doc_id": "object", "sent_no": "int64"})
    j = m.merge(st, on=["doc_id", "sent_no"], how="inner")
    keys = ["actor"]
    name = None
    if group_by is not None:
        if articles is None:
            raise KitValueError("actor_tone needs the articles table to group by " + repr(group_by))
        name = group_by
        groups = group_series(articles, group_by, id_col=id_col)
        j = j.assign(**{name: groups.reindex(j["doc_id"]).to_numpy()})
        keys = [name, "actor"]
    rows = []
    for k, sub in j.groupby(keys, sort=True):
        if len(sub) < min_sentences:
            continue
        per_doc = sub.groupby("doc_id", sort=True)["compound"].agg(["sum", "size"])
        lo, hi = bootstrap_ci(per_doc["sum"].to_numpy(), per_doc["size"].to_numpy(), n_boot=n_boot, seed=seed, ci=ci)
        c = sub["compound"].to_numpy(dtype=float)
        row = dict(zip(keys, k if isinstance(k, tuple) else (k,)))
        row.update({"n_sentences": len(sub), "n_articles": len(per_doc), "mean_compound": float(c.mean()),
                    "compound_low": lo, "compound_high": hi,
                    "share_positive": float((c >= POSITIVE_CUTOFF).mean()),
                    "share_negative": float((c <= NEGATIVE_CUTOFF).mean())})
        rows.append(row)
    cols = keys + ["n_sentences", "n_articles", "mean_compound", "compound_low", "compound_high", "share_positive", "share_negative"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("n_sentences", "n_articles"):
        out[c] = out[c].astype("int64")
    sort = ([name] if name else []) + ["n_sentences", "actor"]
    asc = ([True] if name else []) + [False, True]
    return out.sort_values(sort, ascending=asc, kind="stable").reset_index(drop=True)
