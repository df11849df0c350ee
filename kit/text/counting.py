"""Word counts: :func:`count_words` (the articles table's ``n_words``) and :func:`count_words_many`
(the same numbers for many texts at once), with the cache of white-space pieces they share.
"""
from __future__ import annotations

from collections.abc import Iterable
from itertools import filterfalse

import numpy as np

from kit.text.options import TokenOptions
from kit.text.pattern import (
    _FRACTION_RE,
    _FRACTION_SPACE_RE,
    _JOIN,
    _MAYBE_URL,
    _NEVER_IN_TOKENS,
    _TOKEN_RE,
    _token_matches,
)


def count_words(text, tokens: TokenOptions | None = None) -> int:
    """The number of words of a text: its tokens under the kit's rules (:data:`TOKEN_PATTERN`;
    punctuation is not a word, ``U.S.`` and ``high-stakes`` are one word each, or two with
    ``split_hyphens``), stopwords included. The articles table's ``n_words`` and the frames
    denominator (``n_tokens`` of :func:`kit.frames.frame_scores`) are this number.

    >>> count_words("The U.S. envoy’s high-stakes talks — 7 1/2 hours — ended.")
    8
    >>> count_words("high-stakes", TokenOptions(split_hyphens=True)), count_words(None)
    (2, 0)
    """
    if not isinstance(text, str) or not text:
        return 0
    opts = _DEFAULT_TOKENS if tokens is None else tokens
    if not opts.split_hyphens:
        # exactly the number of pattern matches, counted per white-space piece (see _PieceTokens)
        if _JOIN in text:  # (never in news text) the one character the pieces cannot hold
            return sum(1 for _ in _token_matches(text))
        if "/" in text and _FRACTION_RE.search(text):
            text = _FRACTION_SPACE_RE.sub("\\1" + _JOIN, text)
        pieces = text.split()
        odd = list(filterfalse(str.isalpha, pieces))  # a piece of letters only is one word
        return len(pieces) - len(odd) + sum(map(_PIECE_TOKENS.__getitem__, odd))
    return sum(len(opts.terms_of(m.group())) for m in _token_matches(text))


def count_words_many(texts: Iterable) -> np.ndarray:
    """:func:`count_words` of every text (default token options), as an ``int64`` array; the same
    numbers, counted over all the texts at once.

    The texts are cut at spaces by pyarrow (in C, no Python string per word). Any cut at white space
    keeps the count, since no token holds white space (the pattern's look-arounds see white space
    and a piece's edge alike, see :class:`_PieceTokens`): a piece of ASCII letters is one word, and
    every other piece (punctuation, digits, other letters, other white space, nothing) is looked up
    once per distinct piece in the cache :func:`count_words` uses. The space of a mixed number
    ("7 1/2", inside a token) is kept inside its piece as :func:`count_words` keeps it; a text holding
    the character reserved for that is counted by :func:`count_words` itself; anything but a
    non-empty string counts 0.

    >>> count_words_many(["The U.S. envoy’s talks — 7 1/2 hours — ended.", "", None, "Two  words"]).tolist()
    [7, 0, 0, 2]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = list(texts)
    out = np.zeros(len(texts), dtype=np.int64)
    fast: list[int] = []
    for i, t in enumerate(texts):
        if not isinstance(t, str) or not t:
            continue
        if _JOIN in t:
            out[i] = count_words(t)
            continue
        if "/" in t and _FRACTION_RE.search(t):  # the space of "7 1/2" kept inside its piece, as count_words does
            texts[i] = _FRACTION_SPACE_RE.sub("\\1" + _JOIN, t)
        fast.append(i)
    for start in range(0, len(fast), _MANY_BATCH):  # (memory: a batch's pieces, never the whole corpus's)
        batch = fast[start:start + _MANY_BATCH]
        out[np.asarray(batch)] = _count_batch([texts[i] for i in batch], pa, pc)
    return out


#: Texts counted at once by :func:`count_words_many` (its pieces take about four times their text).
_MANY_BATCH = 2000


def _count_batch(texts: list[str], pa, pc) -> np.ndarray:
    """The word counts of non-empty texts without the reserved character (see :func:`count_words_many`)."""
    arr = pa.array(texts, type=pa.large_string())
    lists = pc.split_pattern(pc.replace_substring(arr, "\n\n", " "), " ")  # (fewer distinct pieces)
    pieces = pc.list_flatten(lists)
    owner = pc.list_parent_indices(lists).to_numpy()
    letters = pc.ascii_is_alpha(pieces).to_numpy(zero_copy_only=False)
    n = np.bincount(owner[letters], minlength=len(texts))
    other = pc.dictionary_encode(pieces.filter(pa.array(~letters)))
    per_piece = np.fromiter(map(_PIECE_TOKENS.__getitem__, other.dictionary.to_pylist()), dtype=np.int64,
                            count=len(other.dictionary))
    n += np.bincount(owner[~letters], weights=per_piece[other.indices.to_numpy()], minlength=len(texts)).astype(np.int64)
    return n


_DEFAULT_TOKENS = TokenOptions()


#: cached pieces are forgotten when there are this many (the vocabulary of pieces keeps growing)
_PIECE_CACHE_MAX = 500_000


class _PieceTokens(dict):
    """White-space piece -> its number of pattern matches, computed on first sight.

    Scanning a piece alone finds the matches a scan of the whole text finds there, because no
    token holds white space (the space of a mixed number is kept inside its piece, see _JOIN) and
    the pattern's look-arounds at a piece's edges see white space or the string's edge alike.
    A piece of letters only is one word; other pieces are scanned once and remembered, so
    :func:`count_words` costs ``str.split`` and a dictionary look-up per piece.
    """

    def __missing__(self, piece: str) -> int:
        core = piece if piece.isalpha() else piece.strip(_NEVER_IN_TOKENS)
        if core.isalpha() and (core is piece or not _MAYBE_URL(piece)):
            n = 1  # a word, perhaps between characters no token starts or ends with
        else:
            n = len(_TOKEN_RE.findall(piece.replace(_JOIN, " ")))
        if len(self) >= _PIECE_CACHE_MAX:
            self.clear()
        self[piece] = n
        return n


_PIECE_TOKENS = _PieceTokens()
