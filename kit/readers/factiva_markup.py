"""Factiva exports saved as HTML (both layouts) and as XML, turned into field-code records.

Every layout becomes the same record as the text export (``code -> lines``, see
:mod:`kit.readers.factiva`), so one function builds the articles:

- **HTML, plain layout** (an article list page saved from the browser): each ``div.article``
  holds the headline (``div#hd``), the author (``div.author``), then unlabelled header lines in
  a fixed order (word count, date, time, source name, source code, page, language, copyright),
  the text (``p.articleParagraph``), the publisher and ``Document <accession number>``;
  a line above the headline is the section. Header lines are recognised by what they hold
  (:func:`classify_header_line`), not by position.
- **HTML, field-code layout** ("Full Article/Report plus Indexing"): each ``div.article`` holds a
  table whose rows are a code (``HD``, ``WC``, ``PD``, ``SN``, ``LP``, ``TD``, ...) and its value.
- **XML** (``PPSResponse``): ``ppsarticle/article`` elements with ``headline``,
  ``leadParagraph``, ``tailParagraphs``, ``publicationDate``, ``sourceName``, ``byline``, ...
"""
from __future__ import annotations

import re
from typing import Iterator

from kit.readers.dates import parse_date_line

#: XML element -> field code (elements not listed are ignored)
XML_CODES = {"headline": "HD", "byline": "BY", "author": "BY", "leadParagraph": "LP", "tailParagraphs": "TD",
             "sourceName": "SN", "sourceCode": "SC", "wordCount": "WC", "baseLanguage": "LA", "copyright": "CY",
             "accessionNo": "AN", "sectionName": "SE", "publisherName": "PUB", "pages": "PG", "credit": "CR",
             "edition": "ED", "columnName": "CLM"}
#: XML elements whose ``name`` children are index terms: element -> field code
XML_INDEX = {"newsSubject": "NS", "region": "RE", "company": "CO", "industry": "IN"}
#: language names Factiva prints in the plain layout's header (lower case)
LANGUAGES = {"english", "german", "deutsch", "french", "français", "francais", "spanish", "español", "italian",
             "italiano", "dutch", "nederlands", "portuguese", "português", "russian", "chinese", "japanese",
             "danish", "swedish", "norwegian", "finnish", "polish", "arabic", "englisch", "französisch"}
#: a word-count line: "475 words", "1.111 Wörter", "295 mots"
WORD_COUNT = re.compile(r"^\d[\d.,'\u2019 ]*\s+(?:words?|wörter|woerter|mots|palabras|parole|woorden)$", re.I)
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:GMT|UTC|[AP]M))?$", re.I)
_COPY = re.compile(r"^(?:©|\(c\)|copyright\b)", re.I)
_CODE = re.compile(r"^[A-Z0-9]{3,12}$")
_DOCUMENT = re.compile(r"^Document\s+(\S+)$")
#: Factiva's own entity for a line break inside a field ("Von A&softReturn;und B"), unknown to HTML
_SOFT_RETURN = re.compile(r"&(?:amp;)?softReturn;?", re.I)


def looks_factiva_html(head: str) -> bool:
    """A saved Factiva article list: titled "Factiva", or ``div.article`` blocks with Factiva's headline class
    (the first 64 KB of a saved page may hold only its style sheet).

    >>> looks_factiva_html("<html><title>Factiva</title>"), looks_factiva_html("<html><title>News</title>")
    (True, False)
    """
    return bool(re.search(r"<title>\s*Factiva\s*</title>", head[:8192], re.I)
                or re.search(r"class=['\"][a-z]{2}Headline['\"]", head) and "article" in head)


def looks_factiva_xml(head: str) -> bool:
    """A Factiva XML export: a ``PPSResponse`` document or ``ppsarticle`` elements.

    >>> looks_factiva_xml('<?xml version="1.0"?><PPSResponse>'), looks_factiva_xml("<rss>")
    (True, False)
    """
    return "<PPSResponse" in head or "<ppsarticle" in head


def classify_header_line(text: str, seen: set[str]) -> str | None:
    """The field code of an unlabelled header line of the plain HTML layout, or None.

    >>> seen = set()
    >>> [classify_header_line(t, seen) for t in ["612 words", "7 March 2016", "Die Bergpost",
    ...                                          "BERGP", "9", "German", "© 2016 Verlag"]]
    ['WC', 'PD', 'SN', 'SC', 'PG', 'LA', 'CY']
    """
    code = None
    if WORD_COUNT.match(text):
        code = "WC"
    elif _TIME.match(text):
        code = "ET"
    elif _COPY.match(text):
        code = "CY"
    elif text.lower() in LANGUAGES:
        code = "LA"
    elif text.isdigit():
        code = "PG"
    elif "PD" not in seen and parse_date_line(text) is not None:
        code = "PD"
    elif _CODE.match(text) and "SN" in seen:
        code = "SC"
    elif "PD" in seen and "SN" not in seen:
        code = "SN"
    if code is not None and code in seen and code not in ("CY",):
        code = None
    if code:
        seen.add(code)
    return code


def _text(el) -> str:
    return " ".join(el.text_content().split())


def _has_class(el, word: str) -> bool:
    return word in (el.get("class") or "").split()


def html_records(source: str) -> Iterator[tuple[int, dict[str, list[str]]]]:
    """``(position, code -> lines)`` for every ``div.article`` of a saved Factiva page.

    >>> [(n, sorted(rec)[:4]) for n, rec in html_records(open("tests/fixtures/exports/factiva_fields.html").read())]
    [(1, ['AN', 'HD', 'LA', 'LP'])]
    """
    import lxml.html

    tree = lxml.html.document_fromstring(_SOFT_RETURN.sub("\n", source))
    articles = [d for d in tree.iter("div") if _has_class(d, "article")]
    for n, div in enumerate(articles, start=1):
        cells = [td for td in div.iter("td") if _has_class(td, "index")]
        yield n, (_table_record(cells) if cells else _plain_record(div))


def _table_record(cells) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for td in cells:
        code = _text(td).strip()
        value = td.getnext()
        if not code or value is None:
            continue
        paras = [_text(p) for p in value.iter("p") if _text(p)]
        fields.setdefault(code, []).extend(_paragraph_lines(paras) if paras else [_text(value)])
    return fields


def _paragraph_lines(paras: list[str]) -> list[str]:
    """Paragraphs as lines with a blank line between them (how the field-code text keeps them apart)."""
    out: list[str] = []
    for p in paras:
        out += [p, ""]
    return out[:-1]


def _plain_record(div) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    seen: set[str] = set()
    body: list[str] = []
    after_body: list[str] = []
    headline_seen = False
    for el in div.iter("div", "p"):
        if el is div:
            continue
        text = _text(el)
        if not text:
            continue
        if el.get("id") == "hd":
            fields["HD"] = [text]
            headline_seen = True
        elif _has_class(el, "author"):
            fields["BY"] = [text]
        elif _has_class(el, "articleParagraph") or any(_has_class(a, "articleParagraph") for a in el.iterancestors()):
            if el.tag == "p":
                body.append(text)
        elif el.tag == "div" and not any(a.tag == "div" and a is not div for a in el.iterancestors()
                                         if a is not div and div in a.iterancestors()):
            if not headline_seen:
                fields.setdefault("SE", []).append(text)
            elif not body:
                code = classify_header_line(text, seen)
                fields.setdefault(code or "HDR", []).append(text)
        elif el.tag == "p" and body:
            m = _DOCUMENT.match(text)
            if m:
                fields["AN"] = [text]
            else:
                after_body.append(text)
    if body:
        fields["TD"] = _paragraph_lines(body)
    if after_body:
        fields["PUB"] = after_body
    return fields


def xml_records(data: bytes) -> Iterator[tuple[int, dict[str, list[str]]]]:
    """``(position, code -> lines)`` for every ``ppsarticle`` of a Factiva XML export.

    >>> [(n, sorted(rec)[:4]) for n, rec in xml_records(open("tests/fixtures/exports/factiva.xml", "rb").read())]
    [(1, ['AN', 'BY', 'HD', 'LP']), (2, ['AN', 'HD', 'PD', 'SN'])]
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    root = etree.fromstring(data, parser)
    if root is None:
        return
    local = lambda el: etree.QName(el).localname if isinstance(el.tag, str) else ""  # noqa: E731 (a one-line helper)
    for n, art in enumerate((a for a in root.iter() if local(a) == "ppsarticle"), start=1):
        fields: dict[str, list[str]] = {}
        for el in art.iter():
            name = local(el)
            if name == "publicationDate":
                value = " ".join(" ".join(el.itertext()).split())
                if value:
                    fields["PD"] = [value]
            elif name in XML_CODES and XML_CODES[name] not in fields:
                paras = [" ".join(" ".join(p.itertext()).split()) for p in el if local(p) == "paragraph"]
                paras = [p for p in paras if p]
                text = " ".join(" ".join(el.itertext()).split())
                if paras:
                    fields[XML_CODES[name]] = _paragraph_lines(paras)
                elif text:
                    fields[XML_CODES[name]] = [text]
            elif name in XML_INDEX:
                names = [" ".join(" ".join(c.itertext()).split()) for c in el if local(c) == "name"]
                fields.setdefault(XML_INDEX[name], []).extend(x for x in names if x)
        for code in XML_INDEX.values():
            if code in fields:
                fields[code] = [" | ".join(fields[code])]
        yield n, fields
