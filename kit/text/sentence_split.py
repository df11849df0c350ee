"""Sentences: every article's text split into sentences, paragraph by paragraph (rules in :mod:`kit.text`).

The one sentence splitter of the kit: :func:`sentences` (tables), :func:`sentence_spans` (one
string) and the quotes module all use :func:`_sentence_spans`. It runs the kit's rules below; when a
user has installed NLTK's pretrained English Punkt model (``punkt_tab``), that model splits instead,
extended with the kit's abbreviations (:func:`punkt_model` says which one is in use). Both paths
share the repairs and the bound on sentence length, so every module sees one definition either way."""
from __future__ import annotations

import functools
import re

import pandas as pd

from kit.text.stoplists import _nltk_has
from kit.text.windows import MAX_SENTENCE_CHARS, cut_long_span
from kit.validate import require_columns

__all__ = ["ABBREVIATIONS", "NUMBER_ABBREVIATIONS", "SENTENCE_STARTERS", "punkt_model", "sentence_spans", "sentences"]


def _check_articles(articles: pd.DataFrame, text_col: str, id_col: str) -> None:
    """The articles table has its id and text columns (:func:`kit.validate.require_columns`)."""
    require_columns(articles, [id_col, text_col], "articles")


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


#: Capital letters a sentence may start with (Latin, with the accented ones).
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"

#: A possible sentence end; the next sentence starts where the match ends.
_SENT_END = re.compile(
    r"""
    [.!?…](?<![.!?…][.!?…])  # a sentence-final mark at the start of a run of marks (so a long run is
                             # tried once: linear); the look-behind comes after the mark, so that the
                             # pattern opens on a character class and re skips to the marks at C speed
    [.!?…]*+                 # the rest of the run (possessive: no backtracking)
    [”’"')\]]*+              # closing quotes or brackets after them
    \s++                     # white space
    (?=["“‘'(\[]{0,2}[0-9"""  # looked ahead: a digit or capital, perhaps after opening quotes
    + _UPPER + """])         # (two: '' written as a double quote)
    """,
    re.VERBOSE,
)
#: The word (dots inside allowed: 'U.S', 'e.g') right before a final period.
_WORD_BEFORE_PERIOD = re.compile(
    r"""
    ([A-Za-z][\w.]{0,15})    # a short word, dots inside allowed (bounded: only a few characters are looked at)
    \.$                      # the final period
    """,
    re.VERBOSE,
)
#: The first word after a possible sentence end.
_NEXT_WORD = re.compile(
    r"""
    ["“‘'(\[]*               # opening quotes or brackets
    (\w+)                    # the word
    """,
    re.VERBOSE,
)


def _is_abbreviation(head: str) -> bool:
    """Does the period ending ``head`` close an abbreviation or an initial ('Mr.', 'U.S.', 'J.')?

    >>> [_is_abbreviation(h) for h in ("said Mr.", "the U.S.", "J.R.", "went home.", "Jan.")]
    [True, True, True, False, True]
    """
    m = _WORD_BEFORE_PERIOD.search(head)
    if m is None:
        return False
    w = m.group(1)
    last = w.rsplit(".", 1)[-1]
    return (len(last) == 1 and last.isupper()) or w.lower() in ABBREVIATIONS


def _is_end(text: str, m: re.Match) -> bool:
    """Is the possible sentence end ``m`` one? Not after an abbreviation or an initial, unless the
    next word usually starts a sentence ('in the U.S. The talks'); not after 'No.' before a number."""
    head = text[max(0, m.start() - 8): m.start() + 1]
    nxt = _NEXT_WORD.match(text, m.end())
    word = nxt.group(1) if nxt else ""
    if word[:1].isdigit():
        w = _WORD_BEFORE_PERIOD.search(head)
        if w and w.group(1).lower() in NUMBER_ABBREVIATIONS:
            return False
    if _is_abbreviation(head):
        return word.lower() in SENTENCE_STARTERS and word[:1].isupper() and word.lower() not in ("mr", "mrs", "ms")
    return True


@functools.lru_cache(maxsize=1)
def _pretrained_punkt():
    """NLTK's pretrained English Punkt model with the kit's abbreviations, or None when not installed."""
    if not _nltk_has("tokenizers/punkt_tab"):
        return None
    try:
        from nltk.tokenize.punkt import PunktTokenizer  # lazy: nltk is slow to import

        tok = PunktTokenizer("english")
    except (LookupError, OSError, ImportError, ValueError):
        return None
    tok._params.abbrev_types.update(ABBREVIATIONS)
    tok._params.abbrev_types.difference_update(NUMBER_ABBREVIATIONS)
    tok._params.collocations.update((a, "##number##") for a in NUMBER_ABBREVIATIONS)
    return tok


def punkt_model() -> str:
    """Which splitter :func:`sentences` uses: ``"pretrained"`` (NLTK's English Punkt model, when a
    user has installed ``punkt_tab``) or ``"kit"`` (the kit's rules; no download needed).

    Examples
    --------
    >>> punkt_model() in ("pretrained", "kit")
    True
    """
    return "pretrained" if _pretrained_punkt() is not None else "kit"


def _punkt_cuts(tok, block: str) -> list[int]:
    """Sentence starts from Punkt, where a span whose first letter (after opening quotes) is lower
    case continues the previous sentence (``“Go!” she said.`` is one sentence)."""
    cuts = [0]
    for s, e in tok.span_tokenize(block):
        if s and not block[s:e].lstrip("\"'“‘«([")[:1].islower():
            cuts.append(s)
    return cuts + [len(block)]


def _sentence_spans(block: str) -> list[tuple[int, int]]:
    """The sentences of one paragraph: a sentence ends at final punctuation (and closing quotes)
    followed by white space and a capital letter or digit, unless :func:`_is_end` says no. A
    sentence starts at its first character that is not white space and ends at its last; a span
    over ``MAX_SENTENCE_CHARS`` is cut at white space (:func:`kit.text.windows.cut_long_span`)."""
    tok = _pretrained_punkt()
    if tok is not None:
        cuts = _punkt_cuts(tok, block)
    else:
        cuts = [0] + [m.end() for m in _SENT_END.finditer(block) if _is_end(block, m)] + [len(block)]
    spans = []
    for s, e in zip(cuts, cuts[1:]):
        while s < e and block[s].isspace():
            s += 1
        while e > s and block[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    if not any(e - s > MAX_SENTENCE_CHARS for s, e in spans):
        return spans
    return [piece for s, e in spans for piece in cut_long_span(block, s, e)]


#: A paragraph break in ``articles.text``: a blank line (paragraphs are joined by one).
_PARA_RE = re.compile(
    r"""
    \n \s* \n     # a line break, optional white space, another line break
    """,
    re.VERBOSE,
)


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs of a text (blocks separated by a blank line).

    >>> _blocks("One.\\n\\nTwo.\\nThree."), _blocks("One line.")
    ([(0, 4), (6, 17)], [(0, 9)])
    """
    if "\n" not in text:
        return [(0, len(text))]  # no line break, no blank line: one block (the pattern needs two)
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
    out: list[tuple[int, int]] = []
    for bstart, bend in _blocks(text):
        block = text[bstart:bend]
        if block.strip():
            out.extend((bstart + s, bstart + e) for s, e in _sentence_spans(block))
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
            for s, e in _sentence_spans(block):
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
