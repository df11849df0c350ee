"""Reader for Europresse HTML exports: many articles saved in one page.

Europresse prints each article as the publication name (``span.DocPublicationName``), a header
line (``span.DocHeader``: section, weekday and date, page), sometimes a rubric, the headline
(``.titreArticleVisu``), sometimes an author line, the text, then "Illustration(s) :",
"Note(s) :", the copyright line and ``Numéro de document : <id>``. Two page layouts exist (one
table per article, and ``<article>`` elements); both are read by finding each publication name
and the block around it that holds no other article.

Header: the date is the part of the header line that reads as a date in any language
(:func:`kit.readers.dates.parse_date_line`), the section the part before it, the page the part
after it. A page with fewer articles than "Numéro de document" lines is flagged with both numbers.
"""
from __future__ import annotations

import re
from typing import Iterator

from kit.readers.base import ReadError, ReadOptions, Rejection, reader
from kit.readers.dates import parse_date_line
from kit.readers.fields import decode_notes, label_paragraphs
from kit.schema import Article

#: lines that end an article's text (the index and furniture after it)
TEXT_END = re.compile(r"""
    ^(?:Illustration\(s\)\s*:      # captions box
    |Note\(s\)\s*:                 # notes box
    |©|\(c\)                       # copyright line
    |Numéro\ de\ document\s*:      # the document id
    |Num[ée]ro\ de\ document)
""", re.VERBOSE | re.IGNORECASE)
_DOC_ID = re.compile(r"Numéro de document\s*:\s*(\S+)", re.I)
#: an author line under the headline: a few capitalised words, no sentence end
_AUTHOR = re.compile(r"^[A-ZÀ-Ý][\w'’.\-]*(?:\s+(?:[A-ZÀ-Ý][\w'’.\-]*|de|du|van|von|et|and))*$")
MAX_AUTHOR_WORDS = 6
_BREAKS = {"br", "p", "div", "tr", "header", "section", "footer", "article", "aside", "li", "table", "h1", "h2",
           "h3", "small"}


def _sniff(head: bytes, path: str) -> bool:
    return b"DocPublicationName" in head or b"europresse" in head.lower() and b"Num\xc3\xa9ro de document" in head


def _lines(el) -> list[str]:
    parts: list[str] = []

    def walk(e):
        tag = e.tag.lower() if isinstance(e.tag, str) else ""
        if tag in ("script", "style") or not tag:
            return
        if tag in _BREAKS:
            parts.append("\n")
        parts.append(e.text or "")
        for ch in e:
            walk(ch)
            parts.append(ch.tail or "")
        if tag in _BREAKS:
            parts.append("\n")

    walk(el)
    return [" ".join(ln.split()) for ln in "".join(parts).split("\n") if ln.strip()]


def _has_class(el, name: str) -> bool:
    return name.lower() in (el.get("class") or "").lower().split()


def _containers(tree) -> list:
    """For each publication name, the largest block around it holding no other article."""
    names = [e for e in tree.iter() if isinstance(e.tag, str) and _has_class(e, "DocPublicationName")]
    out = []
    for name in names:
        box = name
        while box.getparent() is not None:
            parent = box.getparent()
            if sum(1 for e in parent.iter() if isinstance(e.tag, str) and _has_class(e, "DocPublicationName")) > 1:
                break
            box = parent
        out.append((name, box))
    return out


@reader("europresse", extensions=(".html", ".htm"), sniff=_sniff,
        description="Europresse HTML export, several articles per page")
def read_europresse(data: bytes, path: str, options: ReadOptions) -> Iterator[Article | Rejection]:
    """Europresse HTML export, several articles per page.

    >>> from kit.readers.base import ReadOptions
    >>> page = ('<html><body><article><header><span class="DocPublicationName">Le Quotidien</span>'
    ...         '<span class="DocHeader">Politique, mardi 14 mars 2006, p. 12</span>'
    ...         '<p class="titreArticleVisu">Un titre</p><div>Anne Auteur</div></header>'
    ...         '<section><p>Le texte.</p></section><footer><p>Numéro de document : news-1</p></footer>'
    ...         '</article></body></html>').encode()
    >>> a = next(read_europresse(page, "e.html", ReadOptions()))
    >>> a.outlet, a.title, str(a.published.date()), a.section, a.authors, a.body(), a.extra["document_id"]
    ('Le Quotidien', 'Un titre', '2006-03-14', 'Politique', ['Anne Auteur'], ['Le texte.'], 'news-1')
    """
    import lxml.html

    from kit.decode import decode_bytes

    text, notes = decode_bytes(data, path)
    yield from decode_notes(path, notes)
    tree = lxml.html.document_fromstring(text)
    boxes = _containers(tree)
    if not boxes:
        raise ReadError(path, "not a Europresse export: no publication name (span.DocPublicationName) found")
    read = 0
    for record, (name, box) in enumerate(boxes, start=1):
        art = _article(name, box, path, record, options)
        if isinstance(art, Rejection):
            yield art
            continue
        read += 1
        yield art
    announced = len(_DOC_ID.findall(" ".join(tree.text_content().split())))
    if announced > read:
        yield Rejection(path, f"the export announces {announced} documents ('Numéro de document' lines) "
                              f"but {read} could be read", status="flagged")


def _header(box) -> tuple[str | None, object, str | None, str]:
    """``(section, published, page, header text)`` from the DocHeader spans."""
    text = ", ".join(" ".join(e.text_content().split()).strip(" ,") for e in box.iter()
                     if isinstance(e.tag, str) and _has_class(e, "DocHeader"))
    parts = [p.strip() for p in text.split(",") if p.strip()]
    for k, part in enumerate(parts):
        when = parse_date_line(part)
        if when is not None:
            if k and len(parts[k - 1].split()) == 1 and parse_date_line(f"{parts[k - 1]} {part}") is not None:
                k -= 1  # the weekday printed in its own span ("jeudi", "5 octobre 2013")
            section = ", ".join(parts[:k]) or None
            page = ", ".join(p for p in parts[k + 1:] if parse_date_line(p) is None) or None
            return section, when, page, text
    return (parts[0] if parts else None), None, None, text


def _article(name, box, path: str, record: int, options: ReadOptions) -> Article | Rejection:
    outlet = " ".join(name.text_content().split())
    title_el = next((e for e in box.iter() if isinstance(e.tag, str) and _has_class(e, "titreArticleVisu")), None)
    if title_el is None:
        return Rejection(path, f"article {record} ({outlet}) has no headline (.titreArticleVisu)", record=record)
    title = " ".join(title_el.text_content().split())
    section, published, page, header_text = _header(box)
    lines = _lines(box)
    try:
        at = lines.index(title)
    except ValueError:
        at = 0
    key = lambda t: re.sub(r"\W+", "", t).casefold()  # noqa: E731 (a one-line key function)
    before = [ln for ln in lines[:at] if ln not in (outlet, title) and key(ln) not in key(header_text)]
    rest = lines[at + 1:]
    end = next((k for k, ln in enumerate(rest) if TEXT_END.match(ln)), len(rest))
    text_lines, after = rest[:end], rest[end:]
    authors: list[str] = []
    pairs: list[tuple[str, str]] = [("meta", header_text)] if header_text else []
    pairs += [("meta", ln) for ln in before]
    if len(text_lines) > 1 and len(text_lines[0].split()) <= MAX_AUTHOR_WORDS and _AUTHOR.match(text_lines[0]):
        authors = [text_lines[0]]
        pairs.append(("byline", text_lines[0]))
        text_lines = text_lines[1:]
    body, contributors = label_paragraphs(text_lines)
    pairs += body + [("meta", ln) for ln in after]
    doc_id = next((m.group(1) for ln in after if (m := _DOC_ID.search(ln))), None)
    return Article(
        title=title,
        outlet=options.outlet or outlet,
        published=published,
        authors=authors,
        contributors=contributors,
        section=section,
        language=None,
        paragraphs=pairs,
        source_path=path,
        source_format="europresse",
        source_record=record,
        outlet_source="--outlet" if options.outlet else "export",
        extra={k: v for k, v in {"document_id": doc_id, "page": page, "rubric": "; ".join(before) or None,
                                 "date_source": "header line" if published is not None else None}.items()
               if v is not None},
    )
