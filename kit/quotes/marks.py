"""Pairing quotation marks within a paragraph (newsroom forms included)."""
from __future__ import annotations

import re


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
        return 1.0, 0.0
    return 0.5, 0.5


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
