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
``published`` is the "Originally published" time, or the "Updated" time when that is all the page
shows; a time without a zone is read as UTC. The outlet comes from the trailer ("More Must-Reads
From X"), else from ``ReadOptions.outlet``; the corpus builder may infer it from a contact address
(:func:`kit.corpus.infer_outlets`) and flags articles left without one.
"""
from __future__ import annotations

import re
from typing import Iterator

import pandas as pd
from kit import newsclean
from kit.decode import decode_bytes
from kit.readers.base import ReadError, ReadOptions, Rejection, reader
from kit.readers.fields import decode_notes, parse_when, split_names
from kit.schema import Article

_READ_TIME = re.compile(r"^\s*(\d{1,3})[\s\-]*(?:min(?:ute)?s?\.?)[\s\-]*read\s*$", re.I)
_UPDATED = re.compile(r"^\s*(updated|originally published|published|posted)\s*:", re.I)
_BYLINE = re.compile(r"^\s*(?i:by)\s+(?P<names>[A-Z][^\n]{1,150})$")


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
    if line.rstrip().endswith("?") and len(words) > 10:
        return False
    return line[0].isupper()


def _blocks(text: str) -> list[str]:
    """Blank-line separated blocks; inside a block, furniture lines stand alone and text lines join."""
    out: list[str] = []
    in_trailer = False  # after "More Must-Reads From X" every line is a block of its own
    for group in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in group.split("\n") if ln.strip()]
        buf: list[str] = []
        for ln in lines:
            in_trailer = in_trailer or bool(newsclean.outlet_from_trailer([ln]))
            special = (in_trailer or newsclean.label_block(ln) or _READ_TIME.match(ln) or _UPDATED.match(ln)
                       or _BYLINE.match(ln))
            if special:
                if buf:
                    out.append(" ".join(buf))
                    buf = []
                out.append(ln)
            else:
                buf.append(ln)
        if buf:
            out.append(" ".join(buf))
    return out


@reader("webcopy", extensions=(".txt",), description="Text copied from a news web page (.txt)")
def read_webcopy(data: bytes, path: str, options: ReadOptions) -> Iterator[Article | Rejection]:
    """Read one web-copy article. See the module docstring for the layout."""
    text, notes = decode_bytes(data, path)
    yield from decode_notes(path, notes)
    blocks = _blocks(text)
    if not blocks:
        raise ReadError(path, "no text")
    art = Article(title=blocks[0], source_path=path, source_format="webcopy")
    paras = art.paragraphs
    i = 1
    # header zone: read time, dates, byline (in any order) before the first body paragraph
    while i < len(blocks):
        b = blocks[i]
        if m := _READ_TIME.match(b):
            art.read_time_minutes = int(m.group(1))
            paras.append(("meta", b))
        elif _UPDATED.match(b):
            _parse_updated(b, art)
            paras.append(("meta", b))
        elif m := _BYLINE.match(b):
            art.authors = split_names(m.group("names"))
            paras.append(("byline", b))
        else:
            break
        i += 1
    in_trailer = False
    seen_body = False
    for b in blocks[i:]:
        role = newsclean.label_block(b)
        if in_trailer or (role == "trailer"):
            in_trailer = in_trailer or bool(newsclean.outlet_from_trailer([b]))
            paras.append(("trailer", b))
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


def _parse_updated(line: str, art: Article) -> None:
    for part in line.split("|"):
        if ":" not in part:
            continue
        label, value = part.split(":", 1)
        ts = parse_date(value)
        label = label.strip().lower()
        if label == "updated":
            art.updated = ts
        elif ts is not None:
            art.published = ts
    if art.published is None and art.updated is not None:
        art.published = art.updated


def sniff_webcopy(head: bytes, path: str) -> bool:  # pragma: no cover - web copy is the .txt fallback
    return True
