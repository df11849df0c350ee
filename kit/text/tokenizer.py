"""Tokenizing: :func:`tokenize` (one text), :func:`tokens` (one row per token of every article) and
:func:`ngrams`.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from kit.deprecation import renamed_keywords
from kit.errors import KitTypeError
from kit.text.options import TokenOptions, token_options
from kit.text.pattern import Token
from kit.text.scan import find_tokens
from kit.text.sentence_split import _check_articles, sentences
from kit.validate import check_int


@renamed_keywords(n="size")
def ngrams(terms: list[str], size: int, sep: str = " ") -> list[str]:
    """Consecutive n-grams of ``size`` terms, joined by ``sep`` (``n=`` is the deprecated name of ``size``).

    >>> ngrams(["trade", "war", "talks"], 2)
    ['trade war', 'war talks']
    """
    size = check_int(size, "size", min=1)
    return [sep.join(terms[i:i + size]) for i in range(len(terms) - size + 1)]


def tokenize(
    text: str,
    *,
    stopwords: str | Iterable[str] | None = None,
    min_length: int = 1,
    stem: bool = False,
    merge_us: bool = True,
    split_hyphens: bool = False,
    ngrams: int = 1,
    tokens: TokenOptions | None = None,
) -> list[Token]:
    """Tokenize one text with the kit's news-aware rules (see the module docs).

    Parameters
    ----------
    text : str
    stopwords : None, {"english", "kit", "nltk"} or iterable of str
        Tokens whose term is in the list are left out. The default None keeps every token: this is
        the raw layer (KWIC, dictionaries, quotes); the table functions default to "english".
    min_length : int
        Leave out terms shorter than this many characters.
    stem : bool
        Replace lower-case alphabetic terms by their Snowball stem.
    merge_us : bool
        ``U.S.``, ``U.S`` and ``US`` all give the term ``US`` (default True).
    split_hyphens : bool
        Split hyphenated compounds into their parts.
    ngrams : int
        1 for single tokens; n > 1 gives n-grams (term parts joined by a space, ``token`` the text
        span they cover); n-grams containing a left-out token are dropped.
    tokens : TokenOptions, optional
        All the options above (but ``ngrams``) in one object, instead of the keywords.

    Returns
    -------
    list of Token
        ``Token(start, end, token, term)``, with ``text[start:end] == token``.

    Examples
    --------
    >>> [t.term for t in tokenize("China’s talks with the U.S. on high-stakes trade, says US envoy")]
    ['china', 'talks', 'with', 'the', 'US', 'on', 'high-stakes', 'trade', 'says', 'US', 'envoy']
    >>> [t.term for t in tokenize("Tell us: 7 1/2 tons, press@state.gov, #G20 @WHO", stopwords="kit")]
    ['tell', '7 1/2', 'tons', 'press@state.gov', '#g20', '@who']
    >>> [t.term for t in tokenize("the trade war talks resumed", stopwords="kit", ngrams=2)]
    ['trade war', 'war talks', 'talks resumed']
    """
    if not isinstance(text, str):
        raise KitTypeError(f"text must be a string, got {type(text).__name__}")
    opts = token_options(tokens, stopwords=stopwords, min_length=min_length, stem=stem, merge_us=merge_us,
                         split_hyphens=split_hyphens)
    ngrams = check_int(ngrams, "ngrams", min=1)
    found = find_tokens(text, opts)
    if ngrams == 1:
        return [Token(s, e, tok, term) for s, e, tok, term, keep in found if keep]
    out = []
    for i in range(len(found) - ngrams + 1):
        window = found[i:i + ngrams]
        if all(w[4] for w in window):
            s, e = window[0][0], window[-1][1]
            out.append(Token(s, e, text[s:e], " ".join(w[3] for w in window)))
    return out


def tokens(
    articles: pd.DataFrame,
    *,
    stopwords: str | Iterable[str] | None = "english",
    drop_stopwords: bool = False,
    min_length: int = 1,
    stem: bool = False,
    merge_us: bool = True,
    split_hyphens: bool = False,
    tokens: TokenOptions | None = None,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """One row per token of every article.

    The tokenizer options are those of :func:`tokenize` (default ``stopwords="english"``: marked
    in ``is_stop``, and left out with ``drop_stopwords=True``), as keywords or one ``tokens=``.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_no`` (sentence number in the article, as in :func:`sentences`),
        ``token_no`` (0-based position among all tokens of the article, stopwords included, so
        positions stay the same whether or not stopwords are dropped), ``start``, ``end`` (offsets
        into the article text), ``token`` (surface form), ``term`` (normalised form), ``is_stop``
        (the term is in ``stopwords`` or shorter than ``min_length``).

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Mr. Xi met U.S. envoys.\\n\\nThey spoke."]})
    >>> tokens(arts, stopwords="kit")[["sent_no", "token_no", "term", "is_stop"]].to_string(index=False)
    ' sent_no  token_no   term  is_stop\\n       0         0     mr    False\\n       0         1     xi    False\\n       0         2    met    False\\n       0         3     US    False\\n       0         4 envoys    False\\n       1         5   they     True\\n       1         6  spoke    False'
    """
    _check_articles(articles, text_col, id_col)
    opts = token_options(tokens, {"stopwords": "english"}, stopwords=stopwords, min_length=min_length, stem=stem,
                         merge_us=merge_us, split_hyphens=split_hyphens)
    sents = sentences(articles, text_col=text_col, id_col=id_col)
    sent_starts = {d: g["start"].to_numpy() for d, g in sents.groupby("doc_id", sort=False)}
    cols: dict[str, list] = {k: [] for k in ("doc_id", "sent_no", "token_no", "start", "end", "token", "term", "is_stop")}
    for doc_id, text in zip(articles[id_col].tolist(), articles[text_col].tolist()):
        if not isinstance(text, str) or not text:
            continue
        found = find_tokens(text, opts)
        if not found:
            continue
        starts = np.fromiter((f[0] for f in found), dtype=np.int64, count=len(found))
        ss = sent_starts.get(doc_id)
        sno = np.searchsorted(ss, starts, side="right") - 1 if ss is not None and len(ss) else np.zeros(len(found), dtype=np.int64)
        sno = np.maximum(sno, 0)
        for i, (s, e, tok, term, keep) in enumerate(found):
            if drop_stopwords and not keep:
                continue
            cols["doc_id"].append(doc_id)
            cols["sent_no"].append(int(sno[i]))
            cols["token_no"].append(i)
            cols["start"].append(s)
            cols["end"].append(e)
            cols["token"].append(tok)
            cols["term"].append(term)
            cols["is_stop"].append(not keep)
    out = pd.DataFrame(cols)
    for c in ("sent_no", "token_no", "start", "end"):
        out[c] = out[c].astype("int64")
    out["is_stop"] = out["is_stop"].astype(bool)
    return out
