"""Evidence: every hit with its sentence and a KWIC window, and a seeded sample of it for reading."""
from __future__ import annotations

import numpy as np
import pandas as pd

from kit.errors import KitValueError
from kit.frames.constants import EVIDENCE_WINDOW
from kit.frames.matching import HIT_COLUMNS, _check_articles, _check_hits_fit, frames_tokens
from kit.text import TokenOptions, find_tokens
from kit.text import sentences as split_sentences
from kit.validate import check_int, require_columns

__all__ = ["frame_evidence", "evidence_sample"]


def frame_evidence(
    hits: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    window: int = EVIDENCE_WINDOW,
    frame: str | None = None,
    include_negated: bool = True,
    tokens: TokenOptions | None = None,
    split_hyphens: bool | None = None,
    merge_us: bool | None = None,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Every hit with its sentence and a KWIC window, so a reader can check what was counted.

    Parameters
    ----------
    hits : output of :func:`dictionary_hits`
    articles : the articles the hits came from
    window : int
        Tokens shown on each side of the match in ``left`` / ``right`` (within the article,
        across sentence ends).
    frame : keep only this frame
    include_negated : keep negated hits (flagged in ``negated``)
    tokens : kit.text.TokenOptions, optional
        The tokenizer options the hits were made with (see :func:`dictionary_hits`); hits that do
        not line up with the articles' tokens raise :class:`kit.errors.KitValueError`.
    split_hyphens, merge_us : the same options as flat keywords (default False, True).

    Returns
    -------
    DataFrame
        ``doc_id``, ``frame``, ``pattern``, ``sent_no``, ``start``, ``end`` (offsets into the
        article text), ``left``, ``keyword`` (the matched text), ``right``, ``sentence`` (the
        full sentence holding the hit), ``negated``.

    Examples
    --------
    >>> from kit.frames import dictionary_hits
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Calm day. Officials traded sharp words over the balloon. Talks resume."]})
    >>> ev = frame_evidence(dictionary_hits(arts, {"conflict": ["sharp words"]}), arts, window=2)
    >>> ev[["left", "keyword", "right", "sentence"]].values.tolist()
    [['Officials traded', 'sharp words', 'over the', 'Officials traded sharp words over the balloon.']]
    """
    window = check_int(window, "window", min=0)
    require_columns(hits, HIT_COLUMNS, "hits", hint="pass the output of dictionary_hits")
    _check_articles(articles, text_col, id_col)
    opts = frames_tokens(tokens, split_hyphens, merge_us)
    h = hits
    if frame is not None:
        known = sorted(hits["frame"].unique())
        h = h[h["frame"] == frame]
        if h.empty and frame not in known:
            raise KitValueError(f"no hits for frame '{frame}'; frames with hits: {', '.join(known) or '(none)'}")
    if not include_negated:
        h = h[~h["negated"]]
    cols = ["doc_id", "frame", "pattern", "sent_no", "start", "end", "left", "keyword", "right", "sentence", "negated"]
    if h.empty:
        return pd.DataFrame({c: pd.Series(dtype="bool" if c == "negated" else "object") for c in cols})
    sub = articles[articles[id_col].isin(h["doc_id"].unique())]
    texts = dict(zip(sub[id_col].tolist(), sub[text_col].tolist()))
    sents = split_sentences(sub, text_col=text_col, id_col=id_col)
    sent_span = {(d, s): (a, b) for d, s, a, b in zip(sents["doc_id"], sents["sent_no"], sents["start"], sents["end"])}
    missing_docs = [doc for doc in h["doc_id"].unique() if doc not in texts]
    if missing_docs:
        raise KitValueError(f"hits name article(s) not in articles (e.g. '{missing_docs[0]}'); pass the articles the hits came from")
    rows = []
    for r in h.itertuples(index=False):
        text = texts[r.doc_id]
        if not isinstance(text, str):
            text = ""
        i, m = r.token_no, r.n_tokens
        toks, a, k = _tokens_near(text, r.start, r.end, i, m, window, opts, r.doc_id)
        lo = max(0, k - window)
        hi = min(len(toks), k + m + window)
        left = text[a + toks[lo][0]:r.start].strip() if window and i > 0 else ""
        right = text[r.end:a + toks[hi - 1][1]].strip() if window and k + m < len(toks) else ""
        sa, sb = sent_span.get((r.doc_id, r.sent_no), (r.start, r.end))
        rows.append((r.doc_id, r.frame, r.pattern, r.sent_no, r.start, r.end, " ".join(left.split()),
                     text[r.start:r.end], " ".join(right.split()), " ".join(text[sa:sb].split()), bool(r.negated)))
    out = pd.DataFrame(rows, columns=cols)
    for c in ("sent_no", "start", "end"):
        out[c] = out[c].astype("int64")
    return out


#: characters of text tokenized on each side of a hit at first, per token of ``window`` (plus two
#: tokens' worth); doubled until ``window`` tokens are seen. News tokens with their space average
#: about six characters, so the first slice nearly always suffices and holds few more tokens than shown.
_NEAR_CHARS_PER_TOKEN = 8


def _cut_before(text: str, pos: int) -> int:
    """A cut at or before ``pos`` no token spans: just after white space not inside a mixed number."""
    while pos > 0 and not (text[pos - 1].isspace() and not (pos > 1 and text[pos - 2].isdigit())):
        pos -= 1
    return pos


def _cut_after(text: str, pos: int) -> int:
    """A cut at or after ``pos`` no token spans: at white space not followed by a digit."""
    n = len(text)
    while pos < n and not (text[pos].isspace() and not (pos + 1 < n and text[pos + 1].isdigit())):
        pos += 1
    return pos


def _tokens_near(text: str, start: int, end: int, i: int, m: int, window: int, opts: TokenOptions, doc):
    """The tokens of a slice of ``text`` around the hit at ``start:end`` (tokens ``i`` to ``i + m``).

    Tokens never hold white space other than a mixed number's, so a slice cut at white space has
    the tokens the whole text has there. Returns ``(tokens, a, k)``: the slice's tokens (offsets
    from ``a``, the slice start) and the hit's first token among them. The slice grows until it
    holds ``window`` tokens on each side of the hit or reaches the text's ends; a hit that does not
    line up with the tokens raises :class:`kit.errors.KitValueError`.
    """
    span = _NEAR_CHARS_PER_TOKEN * (window + 2)
    while True:
        a = _cut_before(text, max(0, start - span))
        b = _cut_after(text, min(len(text), end + span))
        toks = find_tokens(text[a:b], opts)
        k = next((j for j, t in enumerate(toks) if a + t[0] == start), -1)
        if k < 0 or k + m > len(toks) or a + toks[k + m - 1][1] != end or (a == 0 and k != i) or i < 0:
            _check_hits_fit(pd.DataFrame({"token_no": [-1], "n_tokens": [m], "start": [start], "end": [end]}), doc, [])  # raises
        if (a == 0 or k >= window) and (b == len(text) or len(toks) - k - m >= window):
            return toks, a, k
        span *= 2


def evidence_sample(evidence: pd.DataFrame, *, n: int = 3, seed: int = 0, include_negated: bool = False) -> pd.DataFrame:
    """Up to ``n`` evidence rows per frame, drawn at random (seeded), for reading in a report.

    Parameters
    ----------
    evidence : output of :func:`frame_evidence`, or the hits it was made from (:func:`dictionary_hits`):
        the draw uses only ``doc_id, frame, start, negated`` and the rows' order, which the evidence
        shares with its hits, so the same hits are drawn (:func:`kit.analyse.evidence_sample` makes
        the evidence of those only)
    n : rows per frame
    seed : seed of the draw (same seed, same rows)
    include_negated : also draw negated hits

    Returns
    -------
    DataFrame with the columns of ``evidence``, frames in their first-seen order, rows in text order.

    >>> ev = pd.DataFrame({"doc_id": ["a"] * 4, "frame": ["x", "x", "x", "y"], "start": [0, 5, 9, 2], "negated": False})
    >>> evidence_sample(ev, n=2)[["frame"]].value_counts().to_dict()
    {('x',): 2, ('y',): 1}
    """
    n = check_int(n, "n", min=1)
    seed = check_int(seed, "seed", min=0)
    require_columns(evidence, ("doc_id", "frame", "start", "negated"), "evidence", hint="pass the output of frame_evidence")
    ev = evidence if include_negated else evidence[~evidence["negated"].astype(bool)]
    if ev.empty:
        return ev.copy()
    order = {f: i for i, f in enumerate(dict.fromkeys(ev["frame"]))}
    rng = np.random.default_rng(seed)
    keys = rng.random(len(ev))
    picked = ev.assign(_k=keys, _o=ev["frame"].map(order)).sort_values(["_o", "_k"], kind="stable")
    picked = picked.groupby("frame", sort=False).head(n)
    return picked.sort_values(["_o", "doc_id", "start"], kind="stable").drop(columns=["_k", "_o"]).reset_index(drop=True)
