"""The tokenizer options: :class:`TokenOptions` (checked once, passed as one ``tokens=``) and
:func:`token_options` (the options of a call from ``tokens=`` and/or flat keywords).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from kit.errors import KitTypeError, KitValueError
from kit.text.normalise import _stem, normalise_term
from kit.text.pattern import _HYPHEN_RE
from kit.text.stoplists import stopword_set
from kit.validate import check_bool, check_int


@dataclass(frozen=True)
class TokenOptions:
    """The tokenizer options, checked once, passed as one ``tokens=`` argument.

    Every function that tokenizes takes ``tokens=TokenOptions(...)`` or the same options as flat
    keywords (not both with different values). Building one checks every value.

    Attributes
    ----------
    stopwords : None, {"english", "kit", "nltk"} or iterable of str
        Terms left out (kept as the normalised set of :func:`stopword_set`); None keeps every term.
    min_length : int
        Leave out terms shorter than this many characters (default 1).
    stem : bool
        Replace lower-case alphabetic terms by their Snowball stem (default False).
    merge_us : bool
        ``U.S.``, ``U.S``, ``USA`` and ``US`` all give the term ``US`` (default True).
    split_hyphens : bool
        Split hyphenated compounds into their parts (default False).

    Examples
    --------
    >>> from kit.text import tokenize
    >>> opts = TokenOptions(stopwords="kit", split_hyphens=True)
    >>> [t.term for t in tokenize("The China-US talks", tokens=opts)]
    ['china', 'US', 'talks']
    >>> TokenOptions(min_length=0)
    Traceback (most recent call last):
    ...
    kit.errors.KitValueError: min_length must be a positive integer, got 0
    """

    stopwords: frozenset[str] | None = None
    min_length: int = 1
    stem: bool = False
    merge_us: bool = True
    split_hyphens: bool = False

    def __post_init__(self):
        # surface form -> terms_of(surface): find_tokens looks each distinct surface up once
        # (not a field: options compare and hash as before; replace() gives a fresh cache)
        object.__setattr__(self, "_surfaces", {})
        object.__setattr__(self, "_pieces", {})  # white-space piece -> its tokens (find_tokens)
        if self.stopwords is not None:
            object.__setattr__(self, "stopwords", stopword_set(self.stopwords))
        object.__setattr__(self, "min_length", check_int(self.min_length, "min_length", min=1))
        for name in ("stem", "merge_us", "split_hyphens"):
            object.__setattr__(self, name, check_bool(getattr(self, name), name))

    @classmethod
    def make(cls, *, stopwords=None, min_length=1, stem=False, merge_us=True, split_hyphens=False) -> "TokenOptions":
        """The same as ``TokenOptions(...)`` (kept for the callers that use it).

        >>> TokenOptions.make(min_length=2)
        TokenOptions(stopwords=None, min_length=2, stem=False, merge_us=True, split_hyphens=False)
        """
        return cls(stopwords, min_length, stem, merge_us, split_hyphens)

    def replace(self, **changes) -> "TokenOptions":
        """A copy with some options changed (checked again).

        >>> TokenOptions.make().replace(stem=True).stem
        True
        """
        return dataclasses.replace(self, **changes)

    def terms_of(self, surface: str) -> list[tuple[int, int, str, bool]]:
        """``(offset, length, term, keep)`` for each token a surface form yields (more than one
        only with ``split_hyphens``); ``keep`` is False for stopwords and short terms.

        >>> TokenOptions.make(split_hyphens=True).terms_of("China-US")
        [(0, 5, 'china', True), (6, 2, 'US', True)]
        >>> TokenOptions.make(stopwords="english").terms_of("The")
        [(0, 3, 'the', False)]
        """
        out = []
        if self.split_hyphens and ("-" in surface or "‐" in surface) and not surface.startswith(("http", "www.")) and "@" not in surface:
            pos = 0
            for piece in _HYPHEN_RE.split(surface):
                if piece:
                    out.append((pos, len(piece), normalise_term(piece, merge_us=self.merge_us)))
                pos += len(piece) + 1
        else:
            out.append((0, len(surface), normalise_term(surface, merge_us=self.merge_us)))
        res = []
        for off, ln, term in out:
            keep = not (self.stopwords is not None and term in self.stopwords) and len(term) >= self.min_length
            if self.stem:
                term = _stem(term)
            res.append((off, ln, term, keep))
        return res


#: The defaults of the flat tokenizer keywords (the fields of :class:`TokenOptions`).
TOKEN_DEFAULTS: dict = {f.name: f.default for f in dataclasses.fields(TokenOptions)}


def token_options(tokens: TokenOptions | None = None, defaults: dict | None = None, **flat) -> TokenOptions:
    """One :class:`TokenOptions` from a ``tokens=`` argument and/or flat tokenizer keywords.

    ``flat`` holds the keywords as the caller received them and ``defaults`` their defaults in
    the caller's signature (:data:`TOKEN_DEFAULTS` when None). Without ``tokens`` the flat values
    make the options; with ``tokens``, a flat value different from its default must agree with
    ``tokens`` (one setting, one place).

    >>> token_options(None, split_hyphens=True).split_hyphens
    True
    >>> token_options(TokenOptions(stem=True), stem=False).stem
    True
    >>> token_options(TokenOptions(stem=False), stem=True)
    Traceback (most recent call last):
    ...
    kit.errors.KitValueError: tokens has stem=False but stem=True was passed too; give the option in one place
    """
    base = TOKEN_DEFAULTS if defaults is None else {**TOKEN_DEFAULTS, **defaults}
    unknown = sorted(set(flat) - set(TOKEN_DEFAULTS))
    if unknown:
        raise KitTypeError(f"unknown tokenizer option(s) {', '.join(unknown)}; options are {', '.join(TOKEN_DEFAULTS)}")
    if tokens is None:
        return TokenOptions(**{k: flat.get(k, base[k]) for k in TOKEN_DEFAULTS})
    if not isinstance(tokens, TokenOptions):
        raise KitTypeError(f"tokens must be a kit.text.TokenOptions, got {type(tokens).__name__} {tokens!r}")
    for k, v in flat.items():
        if v is base[k] or (not isinstance(v, (set, frozenset, list, tuple)) and v == base[k]):
            continue
        mine = getattr(tokens, k)
        theirs = stopword_set(v) if k == "stopwords" and v is not None else v
        if mine != theirs:
            raise KitValueError(f"tokens has {k}={_short(mine)} but {k}={_short(v)} was passed too; "
                                "give the option in one place")
    return tokens


def _short(value) -> str:
    if isinstance(value, frozenset):
        return f"<{len(value)} stopwords>"
    return repr(value)
