"""Pairing quotation marks within a paragraph (newsroom forms included)."""
from __future__ import annotations

import re

from kit.quotes.words import _SPEECH_VERB_ALT, SPEECH_VERBS  # noqa: F401 (re-exported, or used by this module)


def _lean(text: str, i: int) -> tuple[float, float]:
    """Cost of reading the mark at ``text[i]`` as an opening or a closing mark."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    before_space = prev.isspace() or prev in "([{—–-/:;" or i == 0
    after_space = nxt.isspace() or nxt in ".,;:!?)]}—–" or i + 1 == len(text)
    if ch in OPEN_DQ:
        # a typographic opening mark written where a closing one belongs ('world“ and', the
        # German „...“ pair) still closes, at a higher cost than a mark in its usual place
        return (1.5, 0.5) if ch == "“" and after_space and not before_space else (0.0, 3.0)
    if ch in CLOSE_DQ:
        return (0.5, 1.5) if ch == "”" and before_space and not after_space else (3.0, 0.0)
    if before_space and not after_space:
        return 0.0, 1.0
    if after_space and not before_space:
        return (0.0, 1.0) if _glued_opener(text, i) else (1.0, 0.0)
    return 0.5, 0.5


# --- session 14, branch fdcheck ---
#: Rule GLUED_OPENER: the end of an attribution sentence ('... ," Roe said.', 'said Roe.', 'he
#: added.') right before a straight mark and a space.
#: The verbs are :data:`kit.quotes.words.SPEECH_VERBS`, the one vocabulary of verbs of saying, as
#: the one alternation of them (``words._SPEECH_VERB_ALT``, shared with ``attribution._VERB_ALT``).
_SAYING = _SPEECH_VERB_ALT
_ATTRIBUTION_END = re.compile(
    rf"(?:\b(?:he|she|they|[A-Z][\w’'-]+)\s+(?:{_SAYING})"
    rf"|\b(?:{_SAYING})(?:\s+[A-Z][\w.’'-]*){{1,3}})\.$")


def _glued_opener(text: str, i: int) -> bool:
    """Rule GLUED_OPENER: a straight mark right after the full stop of an attribution sentence and
    before a space and a capital ('," Roe said." It was ...') opens the next quote: text whose
    paragraphs were joined with the opening mark glued to the sentence before (the joins of some
    corpora) would otherwise close there and pair every later mark the wrong way. The DP still
    reads it as a closing mark when the pairing needs that.

    >>> _glued_opener('"We won," Roe said." It was', 19), _glued_opener('"We won." It was', 8)
    (True, False)
    >>> _glued_opener('"We won," Roe insisted." It was', 23)  # any verb of saying (words.SPEECH_VERBS)
    True
    """
    if text[i] != '"' or i + 2 >= len(text) or not text[i + 2].isupper():
        return False
    return bool(_ATTRIBUTION_END.search(text, max(0, i - 60), i))


#: Quotation marks written with two characters, as some newsrooms and archives do: ``''...''``
#: (New York Times copy in Nexis) and the typewriter opener ````...''``.
_TWO_CHAR_MARK = re.compile(r"``|''(?!')")


def newsroom_marks(text: str) -> str:
    """Two-character quotation marks as one straight double mark, offsets unchanged.

    ``''`` (and a typewriter ``````) becomes ``"`` plus a space on the side away from the quoted
    words, so that every offset into the text stays the same and the pairing below sees an
    ordinary straight mark. Three apostrophes in a row are left alone.

    >>> newsroom_marks("''We won,'' she said, ``again.''")
    ' "We won,"  she said,  "again." '
    """
    if "''" not in text and "``" not in text:
        return text

    def one(m: re.Match) -> str:
        i = m.start()
        prev = text[i - 1] if i > 0 else " "
        opening = m.group() == "``" or prev.isspace() or prev in "([{—–-/:;"
        return ' "' if opening else '" '
    return _TWO_CHAR_MARK.sub(one, text)


#: A single mark that opens a quotation: at the start, after a space or an opening bracket or
#: dash, and before a letter, a digit-free word or an opening ellipsis.
_SINGLE_OPEN = re.compile(r"""
    (?:(?<=^)|(?<=[\s(\[{—–/:;"]))   # at the start of the paragraph or after a space or opener
    ['‘]                          # straight or curly opening single mark
    (?=[^\W\d_]|…)                # then a letter (not a digit: '90s is an apostrophe)
    (?!(?:em|n|cause|til|tis|twas)\b)  # nor an elided word ('em, 'cause, 'til)
    """, re.VERBOSE)
#: A single mark that closes a quotation: after punctuation ('We won,' she said) or after a word
#: and before punctuation or a space; never inside a word (don't, O'Brien) and never after a
#: plural s before a space (the voters' rights: a possessive).
_SINGLE_CLOSE = re.compile(r"""
      (?<=[,.?!…—–-])['’](?![^\W_])     # after punctuation: 'We won,' / 'Really?' (not it’s)
    | (?<=[^\W_])['’](?=[,.;:?!)\]—–]|$) # after a word, before punctuation or the end
    | (?<=[^\Ws_])['’](?=\s)             # after a word (not a plural s), before a space
    """, re.VERBOSE)


def uses_single_marks(paragraphs: list[str]) -> bool:
    """Does an article quote with single marks? True when its body has no double quotation mark
    at all and at least one single-mark pair (so single marks nested inside double ones, and
    apostrophes, are never read as quotation marks).

    >>> uses_single_marks(["‘We won,’ she said.", "It’s over."]), uses_single_marks(['"A," he said, ‘b’.'])
    (True, False)
    """
    if any(_MARK_RE.search(p) for p in paragraphs):
        return False
    return any(_single_pairs(p, False)[0] for p in paragraphs)


def _single_pairs(text: str, continues: bool) -> tuple[list[tuple[int, int | None]], int | None]:
    """Pairs of single quotation marks in one paragraph (opening, closing index), read left to
    right: an opening mark while a quote is open and a closing mark with none open are
    apostrophes. A mark still open at the end counts only when the next paragraph continues the
    quote (``continues``); it is returned as the second value."""
    opens = [m.start() for m in _SINGLE_OPEN.finditer(text)]
    closes = [m.start() for m in _SINGLE_CLOSE.finditer(text)]
    events = sorted([(i, 0) for i in opens] + [(i, 1) for i in closes])
    pairs: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for i, kind in events:
        if kind == 0 and open_at is None:
            open_at = i
        elif kind == 1 and open_at is not None and i > open_at:
            pairs.append((open_at, i))
            open_at = None
    return pairs, (open_at if continues else None)


def single_marks(paragraphs: list[str]) -> list[str]:
    """Rule SINGLE_MARKS: in an article that quotes with single marks (:func:`uses_single_marks`),
    every paired single quotation mark becomes a straight double mark, offsets unchanged;
    apostrophes, possessives and elisions stay. A mark left open is converted only when the next
    paragraph opens with a single mark (a quote running over paragraphs), so a damaged mark never
    swallows the paragraphs after it.

    >>> single_marks(["‘The voters’ rights matter,’ she said. It’s late."])
    ['"The voters’ rights matter," she said. It’s late.']
    """
    if not uses_single_marks(paragraphs):
        return paragraphs
    out = []
    for k, text in enumerate(paragraphs):
        nxt = paragraphs[k + 1].lstrip() if k + 1 < len(paragraphs) else ""
        pairs, left_open = _single_pairs(text, nxt[:1] in ("'", "‘"))
        if not pairs and left_open is None:
            out.append(text)
            continue
        chars = list(text)
        for a, b in pairs:
            chars[a] = '"'
            chars[b] = '"'  # type: ignore[index]
        if left_open is not None:
            chars[left_open] = '"'
        out.append("".join(chars))
    return out


def _pair_marks(text: str, continues: bool) -> tuple[list[tuple[int, int | None]], list[str]]:
    """Pair the double quotation marks of one paragraph.

    Returns spans ``(open_index, close_index_or_None)`` (``None``: still open at the end of the
    paragraph) and a list of problems. ``continues`` says whether the next paragraph starts
    with an opening mark, which makes an unclosed last quote the normal multi-paragraph case.
    """
    marks = [m.start() for m in _MARK_RE.finditer(text)]
    if not marks:
        return [], []
    leans = [_lean(text, i) for i in marks]
    n = len(marks)
    SKIP = 2.0
    INF = float("inf")
    # dp[k][s]: best cost after k marks, s=0 outside, s=1 inside; back pointers
    dp = [[INF, INF] for _ in range(n + 1)]
    back: list[list[tuple[int, str] | None]] = [[None, None] for _ in range(n + 1)]
    dp[0][0] = 0.0
    for k in range(n):
        o, c = leans[k]
        for s in (0, 1):
            cur = dp[k][s]
            if cur == INF:
                continue
            # skip (stray mark)
            if cur + SKIP < dp[k + 1][s]:
                dp[k + 1][s] = cur + SKIP
                back[k + 1][s] = (s, "skip")
            if s == 0 and cur + o < dp[k + 1][1]:
                dp[k + 1][1] = cur + o
                back[k + 1][1] = (0, "open")
            if s == 1 and cur + c < dp[k + 1][0]:
                dp[k + 1][0] = cur + c
                back[k + 1][0] = (1, "close")
    end_open_cost = 0.0 if continues else 1.5
    final = 0 if dp[n][0] <= dp[n][1] + end_open_cost else 1
    actions: list[str] = []
    s = final
    for k in range(n, 0, -1):
        prev_s, act = back[k][s]  # type: ignore[misc]
        actions.append(act)
        s = prev_s
    actions.reverse()
    spans: list[tuple[int, int | None]] = []
    problems: list[str] = []
    open_at: int | None = None
    for i, act in zip(marks, actions):
        if act == "open":
            open_at = i
        elif act == "close":
            spans.append((open_at, i))  # type: ignore[arg-type]
            open_at = None
        else:
            problems.append(f"stray quotation mark ignored at offset {i}")
    if open_at is not None:
        spans.append((open_at, None))
        if not continues:
            problems.append(f"quotation mark opened at offset {open_at} is never closed")
    return spans, problems


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.words import _MARK_RE, CLOSE_DQ, OPEN_DQ  # noqa: E402,F401 (imported last, as the modules refer to each other)
