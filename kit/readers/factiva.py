"""Reader for Factiva exports with field codes (plain text), several articles per file.

Factiva's "full article plus indexing" export labels every field with a two- or three-letter
code, either on a line of its own with the value on the following lines, or at the start
of the line followed by a tab::

    HD                       headline (starts a new article)
    BY                       byline -> authors
    CR                       credit
    WC                       word count ("412 words" -> extra length_words)
    PD, ET                   publication date and time -> published (a time without zone is UTC)
    SN, SC                   source name -> outlet, source code
    ED, PG, SE, CLM          edition, page, section, column
    LA                       language
    CY                       copyright
    LP, TD                   lead and tail paragraphs: together the body
    ART                      captions (role "caption");  CT  contact lines (role "trailer")
    CO, IN, NS, RE, IPC, IPD companies, industries, subjects, regions, descriptors
    PUB, RF, AN              publisher, reference, accession number ("Document X" -> source_id)

Fields may come in any order. A "Search Summary" block at the end of the file is ignored.
An article without LP/TD text is rejected with its record number (its position among the
``HD`` fields of the file) and line; an unreadable date is kept as missing and flagged.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from kit import newsclean
from kit.readers.base import ReadError, ReadOptions, Rejection, reader
from kit.readers.dates import parse_date_line
from kit.readers.factiva_markup import html_records, looks_factiva_html, looks_factiva_xml, xml_records
from kit.readers.fields import decode_notes, label_paragraphs, language_code, parse_when, split_text
from kit.readers.people import person_names
from kit.schema import Article

CODES = ("HD", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "LA", "CY", "LP", "TD", "CT", "RF", "CO",
         "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN", "SE", "CLM", "ART", "VOL", "NGC")
_CODE_ALT = "|".join(CODES)
_OWN_LINE = re.compile(rf"^({_CODE_ALT})\s*$")
_TABBED = re.compile(rf"^({_CODE_ALT})(?:\t+|[ ]{{2,}})(\S.*)$")
_SPACED = re.compile(rf"^({_CODE_ALT}) (\S.*)$")
#: codes that are also English words: inside LP/TD they only count when tab-separated or alone on a line
_WORDLIKE = {"BY", "IN", "RE", "AN", "ED", "SE", "CO", "LA", "PG"}
_SUMMARY = re.compile(r"^\s*Search Summary\s*$", re.I)

#: code -> key in Article.extra
EXTRA_NAMES = {"CR": "credit", "SC": "source_code", "ED": "edition", "PG": "page", "CY": "copyright",
               "CO": "companies", "IN": "industries", "NS": "subject", "RE": "regions", "IPC": "ipc",
               "IPD": "ipd", "PUB": "publisher", "RF": "reference", "VOL": "volume", "CLM": "column",
               "NGC": "ngc", "ET": "time", "PD": "date"}


def _sniff(head: bytes, path: str) -> bool:
    if path.lower().endswith((".xml", ".htm", ".html")):
        text = head.decode("utf-8", "replace")
        return looks_factiva_xml(text) or looks_factiva_html(text)
    has_hd = re.search(rb"(?m)^HD(?:[ \t]|\r?$)", head) is not None
    others = len(set(re.findall(rb"(?m)^(LP|TD|SN|PD|AN|WC)(?:[ \t]|\r?$)", head)))
    return has_hd and others >= 2


@reader("factiva", extensions=(".txt", ".htm", ".html", ".xml"), sniff=_sniff,
        description="Factiva export with field codes (HD, BY, PD, SN, LP, TD, AN, ...), several articles per file")
def read_factiva(data: bytes, path: str, options: ReadOptions) -> Iterator[Article | Rejection]:
    """Factiva export with field codes (HD, BY, PD, SN, LP, TD, AN, ...), several articles per file.

    >>> from kit.readers.base import ReadOptions
    >>> doc = b"HD\\nTalks resume\\nPD\\n19 June 2023\\nSN\\nContinental Wire\\nLP\\nEnvoys met.\\nAN\\nDocument CW1\\n"
    >>> art = next(read_factiva(doc, "f.txt", ReadOptions()))
    >>> art.title, art.outlet, str(art.published), art.body(), art.extra["source_id"]
    ('Talks resume', 'Continental Wire', '2023-06-19 00:00:00+00:00', ['Envoys met.'], 'CW1')
    """
    from kit.decode import decode_bytes

    head = data[:65536].decode("utf-8", "replace")
    if looks_factiva_xml(head):
        yield from _records(list(xml_records(data)), path, options, "no <ppsarticle> element found")
        return
    text, notes = decode_bytes(data, path)
    yield from decode_notes(path, notes)
    if looks_factiva_html(text[:65536]):
        yield from _records(list(html_records(text)), path, options, "no div.article element found")
        return
    lines = text.split("\n")
    own_line_style = any(_OWN_LINE.match(ln.rstrip()) and ln.strip() == "HD" for ln in lines)
    records: list[tuple[int, dict[str, list[str]]]] = []
    current: dict[str, list[str]] | None = None
    code = None
    for lineno, raw in enumerate(lines, start=1):
        ln = raw.rstrip()
        if _SUMMARY.match(ln):
            current, code = None, None
            continue
        found = _match_code(ln, own_line_style, in_text=code in ("LP", "TD"))
        if found:
            code, value = found
            if code == "HD":
                current = {}
                records.append((lineno, current))
            if current is not None:
                current.setdefault(code, [])
                if value:
                    current[code].append(value)
            continue
        if current is not None and code is not None:
            current[code].append(ln)
    if not records:
        raise ReadError(path, "not a Factiva export: no HD (headline) field found")
    for record, (lineno, fields) in enumerate(records, start=1):
        yield from _article(fields, path, record, lineno, options)


def _records(records: list[tuple[int, dict[str, list[str]]]], path: str, options: ReadOptions,
             empty: str) -> Iterator[Article | Rejection]:
    """Articles from the records of a saved HTML page or an XML export (position = record number)."""
    if not records:
        raise ReadError(path, f"not a Factiva export: {empty}")
    for record, fields in records:
        yield from _article(fields, path, record, None, options)


def _match_code(line: str, own_line_style: bool, *, in_text: bool):
    m = _OWN_LINE.match(line)
    if m:
        return m.group(1), ""
    m = _TABBED.match(line)
    if m and not (in_text and own_line_style):
        return m.group(1), m.group(2).strip()
    if not own_line_style:
        m = _SPACED.match(line)
        if m and not (in_text and m.group(1) in _WORDLIKE):
            return m.group(1), m.group(2).strip()
    return None


def _one(fields: dict[str, list[str]], code: str) -> str | None:
    text = " ".join(" ".join(fields.get(code, [])).split())
    return text or None


def _article(fields: dict[str, list[str]], path: str, record: int, line: int,
             options: ReadOptions) -> Iterator[Article | Rejection]:
    title = _one(fields, "HD")
    if not title:
        yield Rejection(source_path=path, line=line, record=record, reason="article has an empty HD (headline) field")
        return
    lead = split_text("\n".join(fields.get("LP", [])))
    tail = split_text("\n".join(fields.get("TD", [])))
    if not lead and not tail:
        yield Rejection(source_path=path, line=line, record=record,
                        reason=f"article {title!r} has no text (no LP or TD field)")
        return
    pairs, contributors = label_paragraphs(lead + tail)
    pairs += [("caption", t) for t in split_text("\n".join(fields.get("ART", [])))]
    pairs += [("trailer", t) for t in split_text("\n".join(fields.get("CT", [])))]
    body = [t for r, t in pairs if r == "body"]
    outlet = options.outlet or _one(fields, "SN")

    flags: list[Rejection] = []
    date, time = _one(fields, "PD"), _one(fields, "ET")
    published = None
    if date:
        try:
            published = parse_when(f"{date} {time}" if time else date)
        except ValueError as first:
            try:
                published = parse_when(date)
                flags.append(Rejection(source_path=path, line=line, record=record, status="flagged",
                                       reason=f"unparsable ET time {time!r} ({first}); kept the date only"))
            except ValueError as e:
                published = parse_date_line(f"{date} {time}" if time else date) or parse_date_line(date)
                if published is None:  # not English either: "29 décembre 2011" is read by dateparser
                    flags.append(Rejection(source_path=path, line=line, record=record, status="flagged",
                                           reason=f"unparsable PD date {date!r} ({e}); kept without a date"))
    extra: dict[str, Any] = {}
    for code, key in EXTRA_NAMES.items():
        value = _one(fields, code)
        if value:
            extra[key] = value
    wc = _one(fields, "WC")
    if wc:
        m = re.search(r"\d[\d,]*", wc)
        extra["length_words"] = int(m.group(0).replace(",", "")) if m else wc
    an = next((x.strip() for x in fields.get("AN", []) if x.strip()), None)
    if an:
        extra["source_id"] = re.sub(r"^Document\s+", "", an)
    yield Article(
        title=title,
        outlet=outlet,
        published=published,
        authors=person_names(_one(fields, "BY"), outlets=(outlet or "",)),
        contributors=contributors,
        section=_one(fields, "SE"),
        dateline=newsclean.dateline(body[0]) if body else None,
        language=language_code(_one(fields, "LA")),
        paragraphs=pairs,
        source_path=path,
        source_format="factiva",
        source_record=record,
        extra=extra,
        date_source="PD field" if published is not None else None,
        outlet_source="--outlet" if options.outlet else "SN field",
    )
    yield from flags
