"""Finding tokens: :func:`find_tokens`, every token of a text with its term, read white-space piece by
piece with the pieces' and surfaces' tokens remembered per :class:`~kit.text.TokenOptions`.
"""
from __future__ import annotations

from kit.text.options import TokenOptions
from kit.text.pattern import _FRACTION_RE, _JOIN, _token_matches

#: Distinct surface forms whose terms one :class:`TokenOptions` remembers for :func:`find_tokens`
#: (about 200 bytes each; a corpus with more distinct forms normalises the rest each time).
SURFACE_CACHE_LIMIT = 500_000


def find_tokens(text: str, options: TokenOptions) -> list[tuple[int, int, str, str, bool]]:
    """All tokens of ``text`` as ``(start, end, token, term, keep)``, stopwords included (keep=False).

    The text is read white-space piece by piece: no token holds white space (but the space of a
    mixed number, "7 1/2", whose texts are scanned whole) and the pattern's look-arounds see white
    space or a string's edge alike at a piece's edges, so scanning a piece alone finds the tokens
    a scan of the whole text finds there (as :func:`count_words` counts them); each distinct piece
    is scanned once and its tokens remembered (:data:`PIECE_CACHE_LIMIT`).

    >>> find_tokens("Mr. Xi’s U.S. trip", TokenOptions(stopwords="kit"))[1]
    (4, 8, 'Xi’s', 'xi', True)
    """
    if _JOIN in text or ("/" in text and _FRACTION_RE.search(text)):
        return _scan_tokens(text, options)
    out = []
    append = out.append
    known = options._pieces  # piece -> ((offset, length, token, term, keep), ...)
    get = known.get
    find = text.find
    pos = 0
    for piece in text.split():
        start = find(piece, pos)
        pos = start + len(piece)
        got = get(piece)
        if got is None:
            if len(piece) > _LONG_PIECE:  # (never in news text) scanned in windows with the whole text
                return _scan_tokens(text, options)
            got = _piece_tokens(piece, options)
            if len(known) < PIECE_CACHE_LIMIT:
                known[piece] = got
        if len(got) == 1:
            off, ln, tok, term, keep = got[0]
            append((start + off, start + off + ln, tok, term, keep))
        else:
            for off, ln, tok, term, keep in got:
                append((start + off, start + off + ln, tok, term, keep))
    return out


#: Distinct white-space pieces whose tokens one :class:`TokenOptions` remembers for
#: :func:`find_tokens` (about 250 bytes each); later pieces are scanned each time.
PIECE_CACHE_LIMIT = 300_000
#: Pieces longer than this send the whole text to the windowed scan (:func:`_token_matches`).
_LONG_PIECE = 1_000


def _piece_tokens(piece: str, options: TokenOptions) -> tuple:
    """The tokens of one white-space piece: ``((offset, length, token, term, keep), ...)``."""
    return tuple((s, e - s, tok, term, keep) for s, e, tok, term, keep in _scan_tokens(piece, options))


def _scan_tokens(text: str, options: TokenOptions) -> list[tuple[int, int, str, str, bool]]:
    """:func:`find_tokens` by a scan of the whole text with the token pattern."""
    out = []
    append = out.append
    seen = options._surfaces  # surface -> (term, keep, None) or (None, None, parts): most tokens are looked up
    for m in _token_matches(text):
        s = m.group()
        got = seen.get(s)
        if got is None:
            parts = tuple(options.terms_of(s))
            whole = len(parts) == 1 and parts[0][0] == 0 and parts[0][1] == len(s)
            got = (parts[0][2], parts[0][3], None) if whole else (None, None, parts)
            if len(seen) < SURFACE_CACHE_LIMIT:
                seen[s] = got
        term, keep, parts = got
        start = m.start()
        if parts is None:  # one token, the whole surface
            append((start, start + len(s), s, term, keep))
        else:
            for off, ln, term, keep in parts:
                append((start + off, start + off + ln, s[off:off + ln], term, keep))
    return out
