"""Sentences: every article's text split into sentences, paragraph by paragraph (rules in :mod:`kit.text`)."""
from __future__ import annotations

import functools
import re

import pandas as pd

from kit.text import _check_articles, _nltk_has
from kit.text.windows import MAX_SENTENCE_CHARS, cut_long_span, sentence_windows
from kit.validate import require_columns

__all__ = ["ABBREVIATIONS", "NUMBER_ABBREVIATIONS", "SENTENCE_STARTERS", "punkt_model", "sentence_spans", "sentences"]


#: Abbreviations (lower case, without the final period) that never end a sentence by themselves.
ABBREVIATIONS = frozenset(
    """mr mrs ms messrs dr prof sen sens rep reps gov lt col gen maj capt cmdr adm sgt cpl pvt
    pres supt det insp amb hon rev fr sr jr st mt ft rd ave blvd
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    u.s u.k u.n e.u u.s.a d.c n.y l.a p.m a.m e.g i.e
    inc corp co ltd llc plc bros dept univ assn est approx vol vs etc al ph.d""".split()
)

#: Abbreviations that do not end a sentence only before a number ("No. 1", "Nos. 3 and 4"), so
#: "They said no. Talks ended." still splits (Punkt collocations with its number type).
NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})

#: Capitalised words that usually start a sentence (used after an abbreviation: "in the U.S. The").
SENTENCE_STARTERS = frozenset(
    """the a an he she it they we i you this that these those there his her its their our
    but and however meanwhile still yet in on at after before when while if as so
    some many most several one two three mr mrs ms""".split()
)


@functools.lru_cache(maxsize=1)
def _punkt():
    """The Punkt tokenizer: pretrained English (plus our abbreviations) when installed, else ours."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer  # lazy

    try:
        if not _nltk_has("tokenizers/punkt_tab"):
            raise LookupError("punkt_tab is not installed")
        from nltk.tokenize.punkt import PunktTokenizer

        tok = PunktTokenizer("english")
        tok._params.abbrev_types.update(ABBREVIATIONS)
        tok._params.abbrev_types.difference_update(NUMBER_ABBREVIATIONS)
        tok._params.collocations.update((a, "##number##") for a in NUMBER_ABBREVIATIONS)
        return tok, "pretrained"
    except (LookupError, OSError, ImportError, ValueError):
        params = PunktParameters()
        params.abbrev_types = set(ABBREVIATIONS)
        params.sent_starters = set(SENTENCE_STARTERS)
        params.collocations = {(a, "##number##") for a in NUMBER_ABBREVIATIONS}
        return PunktSentenceTokenizer(params), "kit"


def punkt_model() -> str:
    """Which Punkt parameters :func:`sentences` uses: ``"pretrained"`` or ``"kit"``."""
    return _punkt()[1]


#: A paragraph break in ``articles.text``: a blank line (paragraphs are joined by one).
_PARA_RE = re.compile(
    r"""
    \n \s* \n     # a line break, optional white space, another line break
    """,
    re.VERBOSE,
)
_OPENERS = "\"'“‘«(["


def _sentence_spans(tok, block: str) -> list[tuple[int, int]]:
    """Punkt's spans of one paragraph, then two general repairs: a span starts at its first
    character that is not white space, and a span whose first letter (after any opening quote or
    bracket) is lower case continues the previous sentence (``“Go!” she said.`` is one sentence).
    A span over ``MAX_SENTENCE_CHARS`` is then cut at white space (:func:`kit.text.windows.cut_long_span`)."""
    spans: list[list[int]] = []
    for s, e in _punkt_spans(tok, block):
        while s < e and block[s].isspace():
            s += 1
        if s >= e:
            continue
        head = block[s:e].lstrip(_OPENERS)
        if spans and head[:1].islower():
            spans[-1][1] = e
        else:
            spans.append([s, e])
    if not any(e - s > MAX_SENTENCE_CHARS for s, e in spans):
        return [(s, e) for s, e in spans]
    return [piece for s, e in spans for piece in cut_long_span(block, s, e)]


def _punkt_spans(tok, block: str):
    """Punkt's spans of a paragraph; a paragraph over ``MAX_PARAGRAPH_CHARS`` is split window by
    window (windows cut after a sentence end where there is one: :mod:`kit.text.windows`)."""
    for ws, we in sentence_windows(block):
        if (ws, we) == (0, len(block)):
            yield from tok.span_tokenize(block)
            return
        for s, e in tok.span_tokenize(block[ws:we]):
            yield ws + s, ws + e


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs of a text (blocks separated by a blank line)."""
    blocks, pos = [], 0
    for m in _PARA_RE.finditer(text):
        blocks.append((pos, m.start()))
        pos = m.end()
    blocks.append((pos, len(text)))
    return blocks


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of one string as ``(start, end)`` offsets, split exactly as :func:`sentences`
    splits an article (paragraph by paragraph); the one sentence splitter of the kit (quotes use it).

    Examples
    --------
    >>> t = "“Go!” she said. Mr. Tan left on Jan. 5. Talks go on."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['“Go!” she said.', 'Mr. Tan left on Jan. 5.', 'Talks go on.']
    """
    tok, _ = _punkt()
    out: list[tuple[int, int]] = []
    for bstart, bend in _blocks(text):
        block = text[bstart:bend]
        if block.strip():
            out.extend((bstart + s, bstart + e) for s, e in _sentence_spans(tok, block))
    return out


def sentences(
    articles: pd.DataFrame,
    *,
    paragraphs: pd.DataFrame | None = None,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Split every article's text into sentences, paragraph by paragraph.

    Parameters
    ----------
    articles : DataFrame with ``doc_id`` and ``text``
    paragraphs : DataFrame, optional
        The corpus' paragraphs table; when given, ``para_no`` is taken from its body paragraphs
        (the k-th block of ``text`` is the k-th body paragraph) instead of counting blocks.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_no`` (0-based in the article), ``para_no`` (0-based block of ``text``
        separated by a blank line, or the paragraphs table's number), ``start``, ``end`` (offsets
        into ``text``; ``text[start:end]`` is the sentence), ``text``.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": [
    ...     "Mr. Whitcombe met Gen. Tan in Beijing. The U.S. diplomat left on Jan. 5.\\n\\nTalks go on."]})
    >>> sentences(arts)[["sent_no", "para_no", "text"]].values.tolist()
    [[0, 0, 'Mr. Whitcombe met Gen. Tan in Beijing.'], [1, 0, 'The U.S. diplomat left on Jan. 5.'], [2, 1, 'Talks go on.']]
    """
    _check_articles(articles, text_col, id_col)
    tok, _ = _punkt()
    body_no: dict = {}
    if paragraphs is not None:
        require_columns(paragraphs, ("doc_id", "para_no", "role"), "paragraphs")
        body = paragraphs[paragraphs["role"] == "body"].sort_values(["doc_id", "para_no"])
        body_no = {d: g["para_no"].tolist() for d, g in body.groupby("doc_id", sort=False)}
    rows: dict[str, list] = {k: [] for k in ("doc_id", "sent_no", "para_no", "start", "end", "text")}
    for doc_id, text in zip(articles[id_col].tolist(), articles[text_col].tolist()):
        if not isinstance(text, str) or not text.strip():
            continue
        numbers = body_no.get(doc_id)
        sent_no = 0
        k = 0
        for bstart, bend in _blocks(text):
            block = text[bstart:bend]
            if not block.strip():
                continue
            pno = numbers[k] if numbers is not None and k < len(numbers) else k
            k += 1
            for s, e in _sentence_spans(tok, block):
                rows["doc_id"].append(doc_id)
                rows["sent_no"].append(sent_no)
                rows["para_no"].append(pno)
                rows["start"].append(bstart + s)
                rows["end"].append(bstart + e)
                rows["text"].append(block[s:e])
                sent_no += 1
    out = pd.DataFrame(rows)
    for c in ("sent_no", "para_no", "start", "end"):
        out[c] = out[c].astype("int64")
    return out
