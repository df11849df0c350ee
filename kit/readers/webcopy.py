"""Web copy: the text a researcher gets by selecting a news page and pasting it into a ``.txt`` file.

Layout understood (every element but the headline is optional)::

    Headline on the first line
    6 minute read
    Updated: June 19, 2023 7:42 AM EDT | Originally published: June 18, 2023 11:05 PM EDT
    By Jane Doe and John Roe
    BEIJING — First body paragraph ...
    A Short Subhead
    Read More: Headline of another story
    ...
    —With assistance from Ana Ruiz and Tom Becker.
    More Must-Reads From Harbor Street Weekly
    <headlines> / Contact us at letters@example.

Paragraphs are separated by blank lines; consecutive non-blank lines of running text are joined.
A copy with no blank line between paragraphs (one line per paragraph) is read line by line: each
line is a block of its own, unless it is a soft wrap (the next line starts in lower case, or the
line is too long for a subhead and has no end punctuation), which joins it to the next line.

Header lines may combine parts separated by ``|``, ``·`` or ``•`` (``By Ana Ruiz | Updated June 19,
2023 7:42 AM EDT``); date labels (``Updated``, ``Published``, ``Originally published``, ``Posted``)
may have a colon or not (without one, what follows must look like a date).
``published`` is the "Originally published" time, or the "Updated" time when that is all the page
shows; a time without a zone is read as UTC. A date that cannot be read (an unknown or ambiguous
zone such as ``CST``) leaves the field empty and is reported as a ``flagged`` rejection.

Known limitation: a subhead written as a full sentence ending in a full stop ("Why the meeting
matters for trade.") cannot be told from a one-sentence paragraph and is read as body text. The outlet comes from the trailer ("More Must-Reads
From X"), else from ``ReadOptions.outlet``; the corpus builder may infer it from a contact address
(:func:`kit.corpus.infer_outlets`) and flags articles left without one.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from kit import newsclean
from kit.readers.base import ReadError, ReadOptions, Rejection, reader
from kit.readers.fields import decode_notes, looks_like_date, parse_when, split_names
from kit.schema import Article

if TYPE_CHECKING:  # annotations only: listing the readers (`kit formats`) stays fast
    import pandas as pd

_READ_TIME = re.compile(r"^\s*(\d{1,3})[\s\-]*(?:min(?:ute)?s?\.?)[\s\-]*read\s*$", re.I)
_DATE_LABEL = re.compile(r"^\s*(?P<label>updated|last updated|originally published|first published|published|posted)"
                         r"\b\s*(?P<colon>:)?\s*(?P<value>.*)$", re.I)
_BYLINE = re.compile(r"^\s*(?i:by)\s+(?P<names>[A-Z][^\n]{1,150})$")
_PART_SEP = re.compile(r"\s+[|\u00b7\u2022]\s+|\s*\|\s*")
_END_PUNCT = (".", "?", "!", "\u201d", '"', "\u2019", "'", ":", ")", "\u2026", ";")


def parse_date(value: str | None) -> pd.Timestamp | None:
    """:func:`kit.readers.fields.parse_when`, with ``None`` for text that is not a date.

    >>> parse_date("June 18, 2023 11:05 PM EDT")
    Timestamp('2023-06-19 03:05:00+0000', tz='UTC')
    >>> parse_date("soon") is None
    True
    """
    try:
        return parse_when(value)
    except ValueError:
        return None


def _is_subhead(line: str) -> bool:
    words = line.split()
    if not 1 <= len(words) <= 12 or len(line) > 90:
        return False
    if line.rstrip()[-1] in ".,;:!\"”’'" or line.lstrip()[0] in "\"“‘'(—–-":
        return False
    if line.rstrip().endswith("?") and not _title_case(words):
        return False  # a question in sentence case is a sentence of the story ("Will talks resume?"), not a subhead
    return line[0].isupper()


def _title_case(words: list[str]) -> bool:
    """Every word of four or more letters starts with a capital ("What Comes Next?")."""
    return all(w[:1].isupper() for w in words if len(w.strip("?!.,")) >= 4)


#: database furniture that marks parts of a copied record, not the story ("ABSTRACT.", "FULL TEXT.")
DATABASE_MARKERS = re.compile(r"""
    ^\s*(?:
        abstract | full\ text | full-text | document\ text | text | summary | lead | body
        | citation | subject\ terms? | source | document\ url | copyright
    )\s*[.:]?\s*$                      # alone on its line, with or without a full stop or colon
""", re.VERBOSE | re.IGNORECASE)


def _date_part(part: str) -> tuple[str, str] | None:
    """``(label, value)`` for a dated header part (``Updated: ...``, ``Published 18 June 2023``,
    or a bare date), else ``None``. Without a colon the value must look like a date."""
    m = _DATE_LABEL.match(part)
    if m:
        value = m.group("value").strip()
        if m.group("colon") or looks_like_date(value):
            return m.group("label").lower(), value
        return None
    if looks_like_date(part, max_words=10) and not re.search(r"[.!?]$", part.strip()):
        return "date", part.strip()
    return None


def _header_parts(line: str) -> list[tuple[str, str]] | None:
    """A header line split into ``(kind, text)`` parts (kinds: ``read_time``, ``byline``, ``date``),
    or ``None`` when the line is not made only of header parts.

    >>> _header_parts("By Ana Ruiz | Updated June 19, 2023 7:42 AM EDT")
    [('byline', 'By Ana Ruiz'), ('date', 'Updated June 19, 2023 7:42 AM EDT')]
    >>> _header_parts("BEIJING — Talks resumed on June 19, 2023.") is None
    True
    """
    parts = [p for p in _PART_SEP.split(line.strip()) if p.strip()]
    if not parts:
        return None
    out = []
    for k, part in enumerate(parts):
        if _READ_TIME.match(part):
            out.append(("read_time", part))
        elif _date_part(part):
            out.append(("date", part))
        elif k == 0 and _BYLINE.match(part):
            out.append(("byline", part))
        else:
            return None
    return out


def _is_furniture_line(line: str) -> bool:
    return bool(newsclean.label_block(line) or _header_parts(line))


def _blocks(text: str) -> list[str]:
    """Blank-line separated blocks; inside a block, furniture lines stand alone and text lines join.

    A copy without any blank line between paragraphs is read line by line (see the module docstring).
    """
    out: list[str] = []
    in_trailer = False  # after "More Must-Reads From X" every line is a block of its own
    lines_only = not re.search(r"\n[ \t\u00a0]*\n", text.strip())
    for group in re.split(r"\n[ \t\u00a0]*\n", text):
        lines = [ln.strip() for ln in group.split("\n") if ln.strip()]
        buf: list[str] = []
        for k, ln in enumerate(lines):
            in_trailer = in_trailer or bool(newsclean.outlet_from_trailer([ln]))
            if in_trailer or _is_furniture_line(ln):
                if buf:
                    out.append(" ".join(buf))
                    buf = []
                out.append(ln)
                continue
            buf.append(ln)
            if lines_only and (not out or not _soft_wrap(ln, lines[k + 1] if k + 1 < len(lines) else None)):
                out.append(" ".join(buf))
                buf = []
        if buf:
            out.append(" ".join(buf))
    return out


def _soft_wrap(line: str, nxt: str | None) -> bool:
    """In a copy without blank lines: does ``line`` continue on ``nxt``?

    >>> _soft_wrap("The talks ran", "late into the night.")
    True
    >>> _soft_wrap("A Short Subhead", "He was greeted by a junior official.")
    False
    """
    if nxt is None or _is_furniture_line(nxt):
        return False
    if nxt[0].islower():
        return True
    return not line.endswith(_END_PUNCT) and not _is_subhead(line) and len(line.split()) > 12


@reader("webcopy", extensions=(".txt",), description="Text copied from a news web page (.txt)")
def read_webcopy(data: bytes, path: str, options: ReadOptions) -> Iterator[Article | Rejection]:
    """Read one web-copy article. See the module docstring for the layout.

    >>> from kit.readers.base import ReadOptions
    >>> art = next(read_webcopy(b"A Short Headline\\n\\nThe only paragraph.", "a.txt", ReadOptions()))
    >>> art.title, art.paragraphs
    ('A Short Headline', [('body', 'The only paragraph.')])
    """
    from kit.decode import decode_bytes  # ftfy loads on first read, not when readers are listed

    text, notes = decode_bytes(data, path)
    yield from decode_notes(path, notes)
    blocks = _blocks(text)
    if not blocks:
        raise ReadError(path, "no text")
    art = Article(title=blocks[0], source_path=path, source_format="webcopy")
    paras = art.paragraphs
    i = 1
    # header zone: read time, dates, byline (in any order) before the first body paragraph
    flags: list[Rejection] = []
    while i < len(blocks):
        b = blocks[i]
        parts = _header_parts(b)
        if parts is None:
            break
        for kind, part in parts:
            if kind == "read_time":
                art.read_time_minutes = int(_READ_TIME.match(part).group(1))
            elif kind == "byline":
                art.authors = split_names(_BYLINE.match(part).group("names"))
            else:
                flags.extend(_parse_dated(part, art, path))
        paras.append(("byline" if any(k == "byline" for k, _ in parts) else "meta", b))
        i += 1
    if art.published is None and art.updated is not None:
        art.published = art.updated
    in_trailer = False  # after "More Must-Reads From X": every line is trailer
    after_trailer = False  # after any trailer line: short lines without end punctuation are trailer
    seen_body = False
    for b in blocks[i:]:
        role = newsclean.label_block(b)
        if in_trailer or role == "trailer" or (role is None and after_trailer and _is_trailer_item(b)):
            in_trailer = in_trailer or bool(newsclean.outlet_from_trailer([b]))
            after_trailer = True
            paras.append(("trailer", b))
            continue
        after_trailer = False
        if role is None and DATABASE_MARKERS.match(b):
            paras.append(("meta", b))
            continue
        if role == "contributors":
            art.contributors.extend(newsclean.split_contributors(b))
        elif role is None:
            role = "heading" if seen_body and _is_subhead(b) else "body"
            if role == "body" and not seen_body:
                art.dateline = newsclean.dateline(b)
            seen_body = seen_body or role == "body"
        paras.append((role, b))
    trailer = art.with_role("trailer")
    art.outlet = options.outlet or newsclean.outlet_from_trailer(trailer)
    if not art.body():
        raise ReadError(path, "no body paragraphs after the headline")
    yield art
    yield from flags


def _is_trailer_item(line: str) -> bool:
    """A headline-like line under a trailer ("More from The Ledger:" / "Balloon fallout continues")."""
    return len(line.split()) <= 20 and not line.rstrip().endswith((".", "?", "!", "\u201d", '"'))


def _parse_dated(part: str, art: Article, path: str) -> list[Rejection]:
    """Set ``updated`` or ``published`` from one dated header part; a flag when it cannot be read."""
    label, value = _date_part(part)
    if not value:
        return []
    try:
        ts = parse_when(value)
    except ValueError as e:
        return [Rejection(source_path=path, status="flagged", record=1,
                          reason=f"unparsable date {part.strip()!r} ({e}); kept without it")]
    if label in ("updated", "last updated"):
        art.updated = ts
    elif ts is not None:
        art.published = ts
    return []


def sniff_webcopy(head: bytes, path: str) -> bool:  # pragma: no cover - web copy is the .txt fallback
    """Any ``.txt`` may be web copy: the reader tried when no other ``.txt`` format's sniff says yes.

    >>> sniff_webcopy(b"Headline\\n\\nBody text.", "a.txt")
    True
    """
    return True
