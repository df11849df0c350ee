"""LexisNexis Academic HTML exports: many documents in one page, turned into the classic text layout.

The page marks each document with an anchor ``<A NAME="DOC_ID_...">`` and prints it as a run of
``<DIV>`` blocks whose style class centres them (marker, outlet, date, copyright) or not
(headline, fields, paragraphs), exactly the layout of the classic text export. The converter
writes each block as text (centred blocks indented, paragraphs apart) and hands it to
:func:`kit.readers.lexisnexis_classic.read_classic`. An entry without a document (LexisNexis
prints "there is an error in this document" instead) is rejected with its position and text.
"""
from __future__ import annotations

import re
from typing import Iterator

from kit.readers.base import ReadOptions, Rejection
from kit.readers.lexisnexis_classic import CENTRED, MARKER, read_classic
from kit.schema import Article

#: how a document anchor of the export starts
ANCHOR = re.compile(r"<A\s+NAME=[\"']?DOC_ID", re.I)
_CENTRE_CLASS = re.compile(r"\.([\w-]+)\s*\{[^}]*text-align\s*:\s*center", re.I)


def looks_lexisnexis_html(head: str) -> bool:
    """A LexisNexis Academic HTML export: document anchors or its ``DOCFULL`` comments.

    >>> looks_lexisnexis_html(open("tests/fixtures/exports/ln_academic.html").read()), looks_lexisnexis_html("<p>")
    (True, False)
    """
    return bool(ANCHOR.search(head)) or "<DOCFULL>" in head or "LXNComment" in head


def _block_text(el) -> str:
    """An element's text with ``<br>`` and paragraph ends as line breaks."""
    parts: list[str] = []

    def walk(e):
        tag = e.tag.lower() if isinstance(e.tag, str) else ""
        if tag in ("style", "script") or not isinstance(e.tag, str):
            if e.tail:
                parts.append(e.tail)
            return
        if tag == "br":
            parts.append("\n")
        elif tag in ("p", "tr", "li") and parts and not parts[-1].endswith("\n\n"):
            parts.append("\n\n")
        if tag and e.text:
            parts.append(e.text)
        for ch in e:
            walk(ch)
            if ch.tail and isinstance(ch.tag, str) and ch.tag.lower() not in ("style", "script"):
                parts.append(ch.tail)
        if tag in ("p", "tr", "li"):
            parts.append("\n\n")
        elif tag in ("td", "th"):
            parts.append(" ")

    walk(el)
    text = "".join(parts).replace("\xa0", " ")
    return "\n".join(" ".join(ln.split()) for ln in text.split("\n")).strip("\n")


def to_classic_text(source: str) -> list[str]:
    """The page's entries (one per document anchor) as classic-layout text.

    >>> len(to_classic_text(open("tests/fixtures/exports/ln_academic.html").read()))
    3
    """
    import lxml.html

    centred = set(_CENTRE_CLASS.findall(source))
    pieces = ANCHOR.split(source)
    entries = []
    for piece in pieces[1:] if len(pieces) > 1 else pieces:
        doc = lxml.html.document_fromstring("<html><body><div>" + piece.split(">", 1)[-1] + "</div></body></html>")
        tree = doc.find("body")
        blocks = []
        for div in tree.iter("div", "table"):
            if not div.get("class") or any(a.tag in ("div", "table") and a.get("class") for a in div.iterancestors()):
                continue  # the export's blocks are the outermost styled <DIV>s and tables
            if div.tag == "table":  # one line per row, cells apart
                text = "\n\n".join(" | ".join(" ".join(c.text_content().split()) for c in tr.iter("td", "th"))
                                   for tr in div.iter("tr"))
            else:
                text = _block_text(div).strip()
            if not text:
                continue
            if set((div.get("class") or "").split()) & centred:
                text = "\n".join(" " * (CENTRED * 2) + ln if ln.strip() else "" for ln in text.split("\n"))
            blocks.append(text)
        entries.append("\n\n".join(blocks))
    return entries


def read_lexisnexis_html(text: str, path: str, options: ReadOptions) -> Iterator[Article | Rejection]:
    """Every document of a LexisNexis Academic HTML export (an entry holding no document is a rejection).

    >>> from kit.readers.base import ReadOptions
    >>> text = open("tests/fixtures/exports/ln_academic.html").read()
    >>> [type(r).__name__ for r in read_lexisnexis_html(text, "ln_academic.html", ReadOptions())]
    ['Rejection', 'Article', 'Article']
    """
    documents = []
    for k, entry in enumerate(to_classic_text(text), start=1):
        if any(MARKER.match(ln) for ln in entry.split("\n")):
            documents.append(entry)
        elif entry.strip():
            first = " ".join(entry.split())[:100]
            yield Rejection(path, f"export entry without a document: {first!r}", record=k)
    if documents:
        yield from read_classic("\n\n".join(documents), path, options)
