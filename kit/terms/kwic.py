"""Terms in their place: keywords in context (KWIC), concordance lines and dispersion.

Patterns are split by the kit's tokenizer and normalised like text tokens, so a pattern matches
what the counts count; ``*``, ``?`` and ``[...]`` are shell-style wildcards inside a token.
"""
from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from kit.errors import KitValueError
from kit.terms._args import check_columns, token_options
from kit.text import _TOKEN_RE, TokenOptions, find_tokens, normalise_term, sentences

__all__ = ["kwic", "format_kwic", "dispersion"]



_WILDCARD_RE = re.compile(r"\*|\?|\[[^\]]*\]")
#: stand-ins for wildcards while a pattern is tokenized: letters (so a wildcard stays inside its
#: token, as in "US*" or "*-US") of a script no news text uses (Glagolitic)
_WILD_BASE = 0x2C30


def _pattern_parts(pattern: str, merge_us: bool) -> list[str]:
    """The terms of a KWIC pattern: split with the kit's tokenizer (so "7 1/2" and "China-US"
    are one token each, as in the text), wildcards protected; each literal part is normalised like
    a token and the wildcards put back ("US*" -> "US*", "Tariff*" -> "tariff*")."""
    wilds = _WILDCARD_RE.findall(pattern)
    if len(wilds) > 40:
        raise KitValueError(f"pattern {pattern!r} has too many wildcards (at most 40)")
    k = iter(range(len(wilds)))
    protected = _WILDCARD_RE.sub(lambda m: chr(_WILD_BASE + next(k)), pattern)
    marks = {chr(_WILD_BASE + i): w for i, w in enumerate(wilds)}
    out = []
    for tok in _TOKEN_RE.findall(protected):
        if not any(ch in marks for ch in tok):
            out.append(normalise_term(tok, merge_us=merge_us))
            continue
        # literal runs between wildcards: normalised part by part (hyphens kept)
        pieces, buf = [], ""
        for ch in tok:
            if ch in marks:
                if buf:
                    pieces.append(_normalise_literal(buf, merge_us))
                    buf = ""
                pieces.append(marks[ch])
            else:
                buf += ch
        if buf:
            pieces.append(_normalise_literal(buf, merge_us))
        out.append("".join(pieces))
    return out


def _normalise_literal(text: str, merge_us: bool) -> str:
    """A literal run of a wildcard pattern, normalised hyphen part by hyphen part."""
    from kit.text import _norm_part

    return "-".join(_norm_part(p.translate(_FOLD), merge_us) if p else p for p in re.split("[-\u2010]", text))


_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def _compile_patterns(patterns, merge_us: bool) -> list[tuple[str, list[str]]]:
    if isinstance(patterns, str):
        patterns = [patterns]
    out = []
    for p in patterns:
        if not isinstance(p, str) or not p.strip():
            raise KitValueError(f"patterns must be non-empty strings, got {p!r}")
        parts = _pattern_parts(p, merge_us)
        if not parts:
            raise KitValueError(f"pattern {p!r} holds no word, number or wildcard")
        out.append((p, parts))
    return out


def _first_hits(first: str, terms: list[str]) -> list[int]:
    """Positions of ``terms`` matching a pattern's first part: the only places a match can start
    (found with one comparison per token, not a call per token and pattern)."""
    if any(ch in first for ch in "*?["):
        match = re.compile(fnmatch.translate(first)).match  # what fnmatch.fnmatchcase does
        return [i for i, term in enumerate(terms) if match(term)]
    return [i for i, term in enumerate(terms) if term == first]


def _matches(parts: list[str], terms: list[str], i: int) -> bool:
    if i + len(parts) > len(terms):
        return False
    for k, part in enumerate(parts):
        term = terms[i + k]
        if any(ch in part for ch in "*?["):
            if not fnmatch.fnmatchcase(term, part):
                return False
        elif term != part:
            return False
    return True


def _merge_us(tokens, merge_us: bool) -> bool:
    """``merge_us`` of ``tokens`` when given (the only option KWIC uses), else the keyword."""
    return token_options(tokens, {"merge_us": merge_us}, {"merge_us": True}).merge_us if tokens is not None else merge_us


def _clean(s: str) -> str:
    return " ".join(s.split())


def kwic(
    articles: pd.DataFrame,
    patterns: str | Sequence[str],
    *,
    window: int | tuple[int, int] = 5,
    side: str = "both",
    sentence: bool = False,
    tokens: TokenOptions | None = None,
    merge_us: bool = True,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Keywords in context.

    Parameters
    ----------
    patterns : str or list of str
        Words (``"tariff"``), phrases (``"trade war"``: consecutive tokens) or wildcards
        (``"tariff*"``, ``"*-US"``, ``"US*"``; ``*``, ``?`` and ``[...]`` as in shell patterns).
        A pattern is split into tokens by the kit's tokenizer (so ``"7 1/2"`` is one token, as in
        the text) and each token normalised like a text token (``"China's"`` matches ``china``;
        ``"US"`` matches the country, ``"us"`` the pronoun; in a wildcard pattern the literal parts
        are normalised, so ``"US*"`` finds ``US`` and ``US-led``); stopwords are matched too.
    window : int or (int, int)
        Tokens of context on each side, or (left, right).
    side : {"both", "left", "right"}
        One-sided windows keep context on one side only.
    sentence : bool
        Keep the context inside the keyword's sentence.
    tokens, merge_us
        Tokenizer options (:class:`~kit.text.TokenOptions` or the keyword): only ``merge_us``
        matters here (stopwords are matched, hyphens kept), so ``tokens`` may carry any others.

    Returns
    -------
    DataFrame
        ``doc_id``, ``token_start``, ``token_end`` (token positions, end exclusive), ``start``,
        ``end`` (character offsets of the keyword in the text), ``left``, ``keyword``, ``right``
        (original text, white space collapsed), ``pattern``. Display with :func:`format_kwic`.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Beijing says the trade war with the U.S. must end. Talks resume."]})
    >>> kwic(arts, ["trade war", "US"], window=2)[["left", "keyword", "right", "pattern"]].values.tolist()
    [['says the', 'trade war', 'with the', 'trade war'], ['with the', 'U.S.', 'must end', 'US']]
    >>> kwic(arts, "end", window=3, side="right", sentence=True)[["left", "keyword", "right"]].values.tolist()
    [['', 'end', '']]
    """
    return _kwic(articles, patterns, window=window, side=side, sentence=sentence, tokens=tokens, merge_us=merge_us,
                 text_col=text_col, id_col=id_col)


def _kwic(articles, patterns, *, window, side, sentence, tokens, merge_us, text_col, id_col,
          n_tokens: dict | None = None) -> pd.DataFrame:
    """:func:`kwic`; with ``n_tokens``, also the number of tokens of every article, by id (so
    :func:`dispersion` tokenizes each article once)."""
    from kit.text import _check_articles

    _check_articles(articles, text_col, id_col)
    if isinstance(window, int) and not isinstance(window, bool):
        left_n, right_n = window, window
    elif isinstance(window, tuple) and len(window) == 2 and all(isinstance(w, int) for w in window):
        left_n, right_n = window
    else:
        raise KitValueError(f"window must be an int or a (left, right) pair of ints, got {window!r}")
    if left_n < 0 or right_n < 0:
        raise KitValueError("window sizes must not be negative")
    if side not in ("both", "left", "right"):
        raise KitValueError(f"unknown side {side!r}; choose 'both', 'left' or 'right'")
    if side == "left":
        right_n = 0
    elif side == "right":
        left_n = 0
    merge_us = _merge_us(tokens, merge_us)
    pats = _compile_patterns(patterns, merge_us)
    opts = TokenOptions.make(merge_us=merge_us)
    sents = sentences(articles, text_col=text_col, id_col=id_col) if sentence else None
    sent_bounds = {d: (g["start"].to_numpy(), g["end"].to_numpy()) for d, g in sents.groupby("doc_id", sort=False)} if sentence else {}
    rows = []
    for doc_id, text in zip(articles[id_col].tolist(), articles[text_col].tolist()):
        if not isinstance(text, str) or not text:
            if n_tokens is not None:
                n_tokens[doc_id] = 0
            continue
        found = find_tokens(text, opts)
        if n_tokens is not None:
            n_tokens[doc_id] = len(found)
        terms = [f[3] for f in found]
        starts = np.array([f[0] for f in found], dtype=np.int64)
        for label, parts in pats:
            for i in _first_hits(parts[0], terms):
                if not _matches(parts, terms, i):
                    continue
                j = i + len(parts)
                lo, hi = max(0, i - left_n), min(len(found), j + right_n)
                s, e = found[i][0], found[j - 1][1]
                if sentence and doc_id in sent_bounds:
                    ss, se = sent_bounds[doc_id]
                    k = max(int(np.searchsorted(ss, s, side="right")) - 1, 0)
                    lo = max(lo, int(np.searchsorted(starts, ss[k], side="left")))
                    hi = min(hi, int(np.searchsorted(starts, se[k], side="left")))
                left = _clean(text[found[lo][0]:s]) if lo < i else ""
                right = _clean(text[e:found[hi - 1][1]]) if hi > j else ""
                rows.append((doc_id, i, j, s, e, left, text[s:e], right, label))
    out = pd.DataFrame(rows, columns=["doc_id", "token_start", "token_end", "start", "end", "left", "keyword", "right", "pattern"])
    for c in ("token_start", "token_end", "start", "end"):
        out[c] = out[c].astype("int64")
    return out


def format_kwic(kw: pd.DataFrame, *, width: int = 40) -> pd.DataFrame:
    """Concordance lines for display: ``doc_id``, ``pattern`` and ``line`` (left context
    right-aligned and cut to ``width`` characters, the keyword in ``[...]``, right context).

    >>> kw = pd.DataFrame({"doc_id": ["a"], "left": ["says the"], "keyword": ["trade war"], "right": ["with"], "pattern": ["trade war"]})
    >>> format_kwic(kw, width=10)["line"].tolist()
    ['  says the [trade war] with']
    """
    check_columns(kw, ["doc_id", "left", "keyword", "right", "pattern"], "kwic table")
    if not isinstance(width, int) or width < 1:
        raise KitValueError(f"width must be a positive integer, got {width!r}")
    lines = [
        f"{left[-width:]:>{width}} [{key}] {right[:width]}"
        for left, key, right in zip(kw["left"].tolist(), kw["keyword"].tolist(), kw["right"].tolist())
    ]
    return pd.DataFrame({"doc_id": kw["doc_id"].tolist(), "pattern": kw["pattern"].tolist(), "line": lines})


def dispersion(
    articles: pd.DataFrame,
    patterns: str | Sequence[str],
    *,
    tokens: TokenOptions | None = None,
    merge_us: bool = True,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Where each match of each pattern falls in its article (for a lexical dispersion / x-ray plot).

    Returns
    -------
    DataFrame
        ``doc_id``, ``pattern``, ``token_no`` (position of the match), ``n_tokens`` (tokens in the
        article), ``position`` (token_no / n_tokens, 0 = start, towards 1 = end), ``start`` (offset).

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Tariffs rose. Then tariff talks began."]})
    >>> d = dispersion(arts, "tariff*")
    >>> d["token_no"].tolist(), d["n_tokens"].tolist(), d["position"].tolist()
    ([0, 3], [6, 6], [0.0, 0.5])
    """
    merge_us = _merge_us(tokens, merge_us)
    n_tok: dict = {}  # tokens per article, counted in the same pass
    kw = _kwic(articles, patterns, window=0, side="both", sentence=False, tokens=None, merge_us=merge_us,
               text_col=text_col, id_col=id_col, n_tokens=n_tok)
    out = pd.DataFrame(
        {
            "doc_id": kw["doc_id"],
            "pattern": kw["pattern"],
            "token_no": kw["token_start"],
            "n_tokens": kw["doc_id"].map(n_tok).astype("int64"),
            "start": kw["start"],
        }
    )
    out["position"] = (out["token_no"] / out["n_tokens"]).astype("float64")
    return out[["doc_id", "pattern", "token_no", "n_tokens", "position", "start"]]
