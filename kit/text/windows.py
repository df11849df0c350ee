"""Bounded work on pathological text: the limits, and the windows long text is processed in.

Real corpora hold text no newsroom wrote: a base64 image or a tracking string pasted into a
paragraph (one "word" of a megabyte), a page whose whole body is one line, a transcript without
punctuation. Such text is **kept and counted in full**; the ingest report flags the article
(``pathological text, kept in full: ...``, see :func:`kit.readers.base.pathological_text`), and
the text layer processes it in bounded pieces, so no step's work per piece grows with the article:

- the **tokenizer** (:func:`kit.text.find_tokens`, :func:`kit.text.count_words`) runs its pattern
  window by window over a paragraph longer than :data:`MAX_PARAGRAPH_CHARS`; windows are cut only
  at white space that no token spans, so the tokens are exactly those of one pass over the whole
  text (a token longer than a window is one window of its own; every alternative of the pattern
  is linear in it);
- the **sentence splitter** (:func:`kit.text.sentences`, one linear pass over a paragraph) cuts a "sentence" longer
  than :data:`MAX_SENTENCE_CHARS` at white space into pieces of at most that length: what builds
  on sentences (frame evidence, tone, quotes' sentence context) then works on bounded pieces.

>>> text = "Talks went on. " * 3
>>> windows(text, size=20, sentence_ends=True)
[(0, 14), (14, 29), (29, 45)]
>>> "".join(text[s:e] for s, e in windows(text, size=20)) == text
True
"""
from __future__ import annotations

import re

__all__ = ["MAX_TOKEN_CHARS", "MAX_PARAGRAPH_CHARS", "MAX_SENTENCE_CHARS", "windows", "sentence_windows",
           "cut_long_span"]

#: A "word" longer than this (a pasted base64 image, a tracking string) is pathological text: kept,
#: counted, and flagged in the ingest report.
MAX_TOKEN_CHARS = 1_000
#: A paragraph longer than this (a page whose whole body is one line) is pathological text: kept,
#: flagged, and tokenized and split into sentences in windows of about this many characters.
MAX_PARAGRAPH_CHARS = 100_000
#: A sentence longer than this (a paragraph without punctuation) is cut at white space into pieces
#: of at most this many characters (a long real sentence is a few hundred characters).
MAX_SENTENCE_CHARS = 10_000

#: Where a window may end in the middle of a paragraph: after a sentence end (., !, ? and any
#: closing quotes or brackets) followed by white space.
_SENTENCE_END = re.compile(
    r"""
    [.!?]                 # a sentence-final mark
    [\"'”’»)\]]{0,3}      # closing quotes or brackets after it (bounded)
    (?=\s)                # followed by white space (the cut goes before it)
    """,
    re.VERBOSE,
)


_SPACE = re.compile(
    r"""
    \s    # any white space character
    """,
    re.VERBOSE,
)


def _safe_cut(text: str, i: int) -> bool:
    """A window may end before ``text[i]``: white space no token spans (a space between two digits
    may be the one inside a mixed number, "7 1/2", so it is never a cut)."""
    c = text[i]
    return c.isspace() and not (c == " " and text[i - 1:i].isdigit() and text[i + 1:i + 2].isdigit())


def _cut_before(text: str, lo: int, hi: int) -> int | None:
    """The last safe cut in ``text[lo:hi]`` (an index), or None."""
    i = hi - 1
    while i >= lo:
        j = max(text.rfind(" ", lo, i + 1), text.rfind("\n", lo, i + 1), text.rfind("\t", lo, i + 1))
        if j < lo:
            return None
        if _safe_cut(text, j):
            return j
        i = j - 1
    return None


def _cut_after(text: str, lo: int, hi: int) -> int:
    """The first safe cut at or after ``lo`` (``hi`` when there is none)."""
    pos = lo
    while True:
        m = _SPACE.search(text, pos, hi)
        if m is None:
            return hi
        if _safe_cut(text, m.start()):
            return m.start()
        pos = m.start() + 1


def windows(text: str, *, size: int = MAX_PARAGRAPH_CHARS, start: int = 0, end: int | None = None,
            sentence_ends: bool = False) -> list[tuple[int, int]]:
    """``(start, end)`` windows that cover ``text[start:end]`` in order, each at most about ``size``
    characters, cut only at white space that no token spans.

    A window ends at the last such white space in its second half (after a sentence end there,
    when ``sentence_ends``); a run without white space longer than that (one huge token) makes a
    window of its own, so no token is ever cut. Work is linear in the text.

    >>> windows("alpha beta gamma", size=10)
    [(0, 10), (10, 16)]
    >>> windows("x" * 25 + " tail", size=10)
    [(0, 25), (25, 30)]
    >>> windows("a 7 1/2 b", size=4)  # the space inside "7 1/2" is never a cut
    [(0, 7), (7, 9)]
    """
    end = len(text) if end is None else end
    out = []
    pos = start
    while end - pos > size:
        lo, hi = pos + size // 2, pos + size
        cut = None
        if sentence_ends:
            last = None
            for m in _SENTENCE_END.finditer(text, lo, hi):
                last = m.end()
            cut = last if last is not None and last > pos else None
        if cut is None:
            cut = _cut_before(text, lo, min(hi + 1, end))
        if cut is None or cut <= pos:
            cut = _cut_after(text, hi, end)
        out.append((pos, cut))
        pos = cut
    if pos < end or not out:
        out.append((pos, end))
    return out


def sentence_windows(text: str) -> list[tuple[int, int]]:
    """Windows of a paragraph for the sentence splitter: the whole paragraph up to
    :data:`MAX_PARAGRAPH_CHARS`, else windows of about that size cut after a sentence end.

    >>> sentence_windows("Short paragraph.")
    [(0, 16)]
    """
    if len(text) <= MAX_PARAGRAPH_CHARS:
        return [(0, len(text))]
    return windows(text, size=MAX_PARAGRAPH_CHARS, sentence_ends=True)


def cut_long_span(text: str, start: int, end: int, *, size: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """A sentence span ``text[start:end]`` longer than ``size`` cut at white space into pieces of
    at most about ``size`` characters (each piece starts at its first character that is not white
    space); a shorter span comes back as it is.

    >>> cut_long_span("one two three four", 0, 18, size=8)
    [(0, 7), (8, 13), (14, 18)]
    """
    if end - start <= size:
        return [(start, end)]
    out = []
    for s, e in windows(text, size=size, start=start, end=end):
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            out.append((s, e))
    return out
