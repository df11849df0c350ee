"""Reader for LexisNexis / Nexis Uni exports (plain text ``.txt`` and Word ``.docx``).

An export holds several documents, each ending with a line ``End of Document``::

    <headline, possibly centred and wrapped over several lines>

    Continental Wire                              <- outlet
    June 19, 2023 Monday 3:15 AM GMT              <- date line

    Copyright 2023 Continental Wire All Rights Reserved

    Section: WORLD NEWS
    Length: 612 words
    Byline: Ana Ruiz and Tom Becker
    Dateline: BEIJING

    Body

    <paragraphs separated by blank lines>

    Graphic                                       <- optional: photo captions

    Classification

    Language: ENGLISH
    Publication-Type: Newswire
    Subject: DIPLOMACY (92%); INTERNATIONAL RELATIONS (90%)
    Load-Date: June 20, 2023

    End of Document

The headline, outlet and date are the lines before the first field; the date line is the
last line there that reads as a date, the outlet the line above it, the headline the block
above that (so a cover page before the first document is ignored). Fields may come in any
order or be missing, and may come before the outlet and date lines: a field value never
continues onto a line that reads as a date or onto the line just above one (the outlet); such a
date line is then the date, the line above it the outlet, the last block above the fields the
headline. The body runs from ``Body`` to ``Classification``, ``Graphic``, the
first trailing field (``Load-Date:``, ``Language:``, ...) or the end of the document.

Fields become: ``Byline`` -> authors, ``Section`` -> section (the part before ``;``),
``Dateline`` -> dateline (else the place that opens the first paragraph), ``Language`` ->
language, ``Highlight`` -> subtitle; ``Length`` (``length_words``), ``Load-Date``
(``load_date``, ISO), ``Publication-Type``, ``Subject``, ``Geographic`` and the other fields,
the copyright line and the full section go to ``extra`` under snake_case names.
Nothing vanishes: the outlet and date lines, the copyright line, every field line (``Byline``
as role ``byline``, ``Highlight`` as ``subtitle``) and the index lines after the body
(``Classification``, ``Language: ...``, ``Load-Date: ...``) are kept as ``meta`` paragraphs in
source order; ``Graphic`` text is ``caption``, ``Notes`` text ``boilerplate``.
A document that cannot be parsed becomes a :class:`~kit.readers.base.Rejection` naming its
record number (1-based position in the file) and first line; the others go on.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from kit import newsclean
from kit.readers.base import ReadError, ReadOptions, Rejection, check_docx, reader
from kit.readers.dates import parse_date_line, parse_stated
from kit.readers.fields import decode_notes, label_paragraphs, language_code, parse_when, split_names, split_text
from kit.readers.lexisnexis_classic import looks_classic, looks_classic_single, read_classic
from kit.readers.lexisnexis_html import looks_lexisnexis_html, read_lexisnexis_html
from kit.readers.rtf import looks_rtf, plain, rtf_plain_text, rtf_to_marked_text
from kit.schema import Article

_END = re.compile(r"^\s*End of Document\s*$", re.I)
_BODY = re.compile(r"^\s*Body\s*$")
_FIELDS = ("Section", "Length", "Byline", "Dateline", "Highlight", "Edition", "Series", "Column", "Type",
           "Load-Date", "Language", "Publication-Type", "Subject", "Geographic", "Correction-Date", "Correction",
           "Document-Type", "Journal-Code", "Industry", "Person", "Organization", "Company", "Ticker", "Source",
           "URL", "Url", "Notes", "Author", "Contributor", "Page", "Acc-No", "Distribution", "Graphic", "Update")
_FIELD = re.compile(r"^\s*(" + "|".join(re.escape(f) for f in _FIELDS) + r")\s*:\s*(.*)$", re.I)
_END_BODY_WORDS = {"classification", "graphic", "notes"}
_TRAILING = {"load-date", "language", "publication-type", "subject", "geographic", "correction-date", "correction",
             "document-type", "journal-code", "industry", "person", "organization", "company", "ticker", "graphic",
             "notes", "url", "distribution", "acc-no"}
_COPYRIGHT = re.compile(r"^\s*(?:Copyright|©|\(c\))\s*(?:©|\(c\))?\s*\d{4}\b", re.I)
#: fields that open the block under headline, outlet and date (others could start a headline: "Update: ...")
_HEADER_START = {"section", "length", "byline", "dateline", "highlight", "edition", "load-date", "language",
                 "publication-type", "subject", "author"}
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
#: a date line by pattern; any four-digit year (a year outside 1900 to the ingest day is a damaged date,
#: set aside and flagged by :func:`kit.readers.read_one`, but the line is still the date line)
_DATE_LINE = re.compile(rf"(?:\b{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}\b"
                        r"|^\s*\d{4}-\d\d-\d\d\b)", re.I)


def _sniff(head: bytes, path: str) -> bool:
    if path.lower().endswith(".docx"):
        return head.startswith(b"PK")
    if looks_rtf(head):  # .rtf, or RTF saved under another name (Word calls it .doc)
        return _sniff_text(rtf_plain_text(head).encode("utf-8"))
    if path.lower().endswith((".html", ".htm")):
        return looks_lexisnexis_html(head.decode("utf-8", "replace"))
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    if looks_classic(text) or looks_classic_single(text):
        return True  # the classic "N of M DOCUMENTS" layout, or one document of it without the marker
    return _sniff_text(head)


def _sniff_text(head: bytes) -> bool:
    """The Nexis Uni layout: a 'Body' line and an 'End of Document' line or a field."""
    has_body = re.search(rb"(?m)^[ \t]*Body[ \t]*\r?$", head) is not None
    has_end = b"End of Document" in head
    has_field = re.search(rb"(?m)^[ \t]*(?:Length|Byline|Section|Load-Date|Dateline)[ \t]*:", head) is not None
    return has_body and (has_end or has_field)


@reader("lexisnexis", extensions=(".txt", ".docx", ".rtf", ".html", ".htm"), sniff=_sniff,
        description="LexisNexis / Nexis Uni export (.txt, .docx or .rtf), several documents per file")
def read_lexisnexis(data: bytes, path: str, options: ReadOptions) -> Iterator[Article | Rejection]:
    """LexisNexis / Nexis Uni export (.txt, .docx or .rtf), several documents per file.

    >>> from kit.readers.base import ReadOptions
    >>> doc = ("Talks resume\\n\\nContinental Wire\\nJune 19, 2023 Monday 3:15 AM GMT\\n\\n"
    ...        "Byline: Ana Ruiz\\n\\nBody\\n\\nBEIJING (Continental Wire) - Envoys met.\\n\\n"
    ...        "Load-Date: June 20, 2023\\n\\nEnd of Document\\n").encode()
    >>> art = next(read_lexisnexis(doc, "ln.txt", ReadOptions()))
    >>> art.title, art.outlet, str(art.published), art.authors, art.dateline, art.extra["load_date"]
    ('Talks resume', 'Continental Wire', '2023-06-19 03:15:00+00:00', ['Ana Ruiz'], 'BEIJING', '2023-06-20')
    """
    if data[:4] == b"PK\x03\x04" or path.lower().endswith(".docx"):
        check_docx(data, path, options.limits)  # a clear reason for a damaged file; sizes checked first
        text = _docx_text(data, path)
        notes: list[str] = []
    elif looks_rtf(data[:64]) or path.lower().endswith(".rtf"):
        text, notes = _rtf_text(data, path), []
    else:
        from kit.decode import decode_bytes

        text, notes = decode_bytes(data, path)
    yield from decode_notes(path, notes)
    if path.lower().endswith((".html", ".htm")) and looks_lexisnexis_html(text[:65536]):
        yield from read_lexisnexis_html(text, path, options)
        return
    if looks_classic(text) or looks_classic_single(text):
        yield from read_classic(text, path, options)
        return
    lines = text.split("\n")
    if not any(_BODY.match(ln) for ln in lines):
        raise ReadError(path, "not a LexisNexis export: no 'Body' line found")
    chunks: list[tuple[int, list[str]]] = []
    start = 0
    for i, ln in enumerate(lines):
        if _END.match(ln):
            chunks.append((start, lines[start:i]))
            start = i + 1
    chunks.append((start, lines[start:]))
    record = 0
    for offset, chunk in chunks:
        if not any(ln.strip() for ln in chunk):
            continue
        record += 1
        first = offset + next(i for i, ln in enumerate(chunk) if ln.strip()) + 1
        try:
            yield from _parse_document(chunk, path, record, first, options)
        except ReadError as e:
            yield Rejection.from_error(e)


def _docx_text(data: bytes, path: str) -> str:
    try:
        import docx
    except ImportError as e:  # pragma: no cover - python-docx is a dependency
        raise ReadError(path, "reading .docx needs python-docx (pip install python-docx)") from e
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises several kinds for bad archives
        raise ReadError(path, f"not a readable .docx file: python-docx could not read it ({e})") from None
    paras = [p.text.replace("\r", "\n") for p in document.paragraphs]
    # every Word paragraph becomes a blank-line separated block, as in the text export
    return "\n\n".join(paras)


def _rtf_text(data: bytes, path: str) -> str:
    """A Nexis Uni ``.rtf`` export as the text the ``.docx`` path reads: one block per RTF paragraph."""
    if not looks_rtf(data[:64]):
        raise ReadError(path, "not an RTF file: it does not start with '{\\rtf'")
    text = plain(rtf_to_marked_text(data, path).text)
    if not any(_BODY.match(ln) for ln in text.split("\n")):
        raise ReadError(path, "an RTF file in no export layout the kit reads (Nexis Uni: 'Body' and "
                              "'End of Document' lines; APA: '\"Outlet\" vom 23.10.2017' header lines); not read")
    return "\n\n".join(text.split("\n"))


def _is_date_line(line: str) -> bool:
    """An English date line by pattern, or a date line in another language ("mercredi 17 avril 2013
    20:15 GMT", "Samstag 6. Mai 2023") that :func:`kit.readers.dates.parse_date_line` reads."""
    if len(line.split()) > 12:
        return False
    return bool(_DATE_LINE.search(line)) or (re.search(r"\b\d{4}\b", line) is not None
                                             and parse_date_line(line) is not None)


def _parse_date_line(text: str):
    """``(published, zone)``: the day and time the line states (its zone set aside, see
    :func:`kit.readers.dates.parse_stated`); an unreadable line raises ``ValueError`` naming why."""
    when, zone = parse_stated(text)
    if when is not None:
        return when, zone
    when = parse_when(text)  # raises with the reason (e.g. an ambiguous zone)
    if when is None:
        raise ValueError(f"cannot read date {text!r}")
    return when, None


def _join_fields(lines: list[str]) -> tuple[dict[str, str], list[str], list[tuple[str, str]]]:
    """Parse 'Name: value' lines (values may continue on the next non-blank lines).

    A value never continues onto a line that reads as a date, nor onto the line just above one
    (an outlet line): exports that put fields before the outlet and date lines keep them apart.
    Returns ``(fields, other_lines, items)``; ``items`` are the lines in order as ``(kind, text)``
    with kind ``field`` (the whole field, label included), ``line`` (any other line) or
    ``section:graphic`` / ``section:notes`` (text under that marker, read by :func:`_section_text`).
    """
    fields: dict[str, str] = {}
    other: list[str] = []
    items: list[tuple[str, str]] = []
    current = None
    section = ""
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    for i, ln in enumerate(lines):
        if not ln.strip():
            current = None
            continue
        m = _FIELD.match(ln)
        nxt = next((j for j in nonblank if j > i), None)
        if m:
            current = m.group(1).lower()
            section = current if current in ("graphic", "notes") else ""
            fields[current] = " ".join((fields.get(current, "") + " " + m.group(2)).split()) if current in fields \
                else " ".join(m.group(2).split())
            if section:  # the marker is meta, its value is section text (a caption / a note)
                items.append(("line", m.group(1) + ":"))
                if m.group(2).strip():
                    items.append((f"section:{section}", m.group(2).strip()))
            else:
                items.append(("field", " ".join(ln.split())))
        elif (current is not None and current not in ("graphic", "notes") and not _is_date_line(ln)
              and not (nxt is not None and _is_date_line(lines[nxt]) and not _FIELD.match(lines[nxt]))):
            fields[current] = " ".join((fields[current] + " " + ln).split())
            items[-1] = ("field", items[-1][1] + " " + " ".join(ln.split()))
        else:
            current = None
            word = ln.strip().lower()
            if word in _END_BODY_WORDS:
                section = word if word in ("graphic", "notes") else ""
                items.append(("line", ln.strip()))
            else:
                items.append((f"section:{section}" if section else "line", ln.strip()))
            other.append(ln.strip())
    return fields, other, items


@dataclass
class _Dating:
    """Where a document's header puts its date: the date line, the headline's end, the outlet line."""

    date_text: str | None = None
    published: Any = None
    zone: str | None = None
    head_end: int = 0
    outlet_idx: int | None = None
    zone_outlet: str | None = None
    flags: list[Rejection] = field(default_factory=list)


def _parse_document(chunk: list[str], path: str, record: int, first_line: int,
                    options: ReadOptions) -> Iterator[Article | Rejection]:
    """One document, in named steps: header (headline, outlet, date, fields), body, index after it."""
    b = next((i for i, ln in enumerate(chunk) if _BODY.match(ln)), None)
    if b is None:
        raise ReadError(path, "document has no 'Body' line", line=first_line, record=record)
    header, rest = chunk[:b], chunk[b + 1:]
    body_lines, tail = _split_tail(rest)
    # header: the plain lines before the first field or copyright line hold headline, outlet, date
    cut = next((i for i, ln in enumerate(header) if _COPYRIGHT.match(ln)
                or ((m := _FIELD.match(ln)) and m.group(1).lower() in _HEADER_START)), len(header))
    top = header[:cut]
    head_fields, head_other, head_items = _join_fields(header[cut:])
    copyright_line = next((ln.strip() for ln in header if _COPYRIGHT.match(ln)), None)
    head_other = [ln for ln in head_other if ln != copyright_line]
    nonblank = [i for i, ln in enumerate(top) if ln.strip()]
    if not nonblank:
        raise ReadError(path, "document has no headline before its fields", line=first_line, record=record)
    dating = _dating(top, header, cut, nonblank, path, first_line, record)
    title = _headline_above(top, dating.head_end)
    if not title:
        raise ReadError(path, "document has no headline", line=first_line, record=record)
    outlet = options.outlet or (" ".join(top[dating.outlet_idx].split()) if dating.outlet_idx is not None
                                else dating.zone_outlet)
    # every header line but the headline is kept, as meta (the byline field as byline)
    meta_pairs = [("meta", " ".join(top[i].split())) for i in nonblank if i >= dating.head_end]
    meta_pairs += [(_header_role(t), t) for kind, t in head_items if not kind.startswith("section")]
    tail_fields, _, tail_items = _join_fields(tail)
    fields = {**tail_fields, **head_fields}
    paras = split_text("\n".join(body_lines))
    if not paras:
        raise ReadError(path, "document has an empty body", line=first_line, record=record)
    pairs, contributors = label_paragraphs(paras)
    pairs = meta_pairs + pairs + _tail_pairs(tail, tail_items)
    body = [t for r, t in pairs if r == "body"]
    extra = _extra(fields, copyright_line, dating, head_other)
    section = fields.get("section")
    yield Article(
        title=title,
        outlet=outlet,
        subtitle=fields.get("highlight") or None,
        published=dating.published,
        authors=split_names(fields.get("byline"), drop=(outlet or "",)),
        contributors=contributors,
        section=section.split(";")[0].strip() if section else None,
        dateline=fields.get("dateline") or (newsclean.dateline(body[0]) if body else None),
        language=language_code(fields.get("language")),
        paragraphs=pairs,
        source_path=path,
        source_format="lexisnexis",
        source_record=record,
        extra=extra,
        date_source="date line" if dating.published is not None else None,
        outlet_source="--outlet" if options.outlet else "export",
    )
    yield from dating.flags


def _split_tail(rest: list[str]) -> tuple[list[str], list[str]]:
    """Body lines and the index after them: the body ends at Classification / Graphic / Notes or the
    first trailing field."""
    for i, ln in enumerate(rest):
        m = _FIELD.match(ln)
        if ln.strip().lower() in _END_BODY_WORDS or (m and m.group(1).lower() in _TRAILING):
            return rest[:i], rest[i:]
    return rest, []


def _dating(top: list[str], header: list[str], cut: int, nonblank: list[int], path: str, first_line: int,
            record: int) -> _Dating:
    """Find the date line (among the plain lines, else among the fields), the outlet and the headline's end."""
    d = _Dating()
    date_idx = next((i for i in reversed(nonblank) if _is_date_line(top[i])), None)
    if date_idx is not None:
        d.date_text = top[date_idx].strip()
        above = [i for i in nonblank if i < date_idx]
        d.outlet_idx = above[-1] if above else None
        if d.outlet_idx is not None and [i for i in nonblank if i < d.outlet_idx]:
            d.head_end = d.outlet_idx
        else:  # only one line above the date: it is the headline, no outlet line
            d.head_end, d.outlet_idx = (d.outlet_idx + 1 if d.outlet_idx is not None else 0), None
    elif (zone_date := _date_in_field_zone(header, cut)) is not None:
        # fields came before the outlet and date lines: headline = the last block above the fields
        date_idx_z, outlet_idx_z = zone_date
        d.date_text = header[date_idx_z].strip()
        d.head_end = _blocks(top)[-1][-1] + 1
        d.zone_outlet = " ".join(header[outlet_idx_z].split()) if outlet_idx_z is not None else None
    else:
        blocks = _blocks(top)
        d.head_end = blocks[0][-1] + 1
        d.outlet_idx = blocks[1][0] if len(blocks) > 1 else None
        d.flags.append(Rejection(source_path=path, line=first_line, record=record, status="flagged",
                                 reason="no date line after the headline; kept without a date"))
        return d
    try:
        d.published, d.zone = _parse_date_line(d.date_text)
    except ValueError as e:
        d.flags.append(Rejection(source_path=path, line=first_line, record=record, status="flagged",
                                 reason=f"unparsable date line {d.date_text!r} ({e}); kept without a date"))
    return d


def _headline_above(top: list[str], head_end: int) -> str:
    """The headline: the block of consecutive non-blank lines that ends just above ``head_end``."""
    j = head_end - 1
    while j >= 0 and not top[j].strip():
        j -= 1
    head: list[str] = []
    while j >= 0 and top[j].strip():
        head.insert(0, top[j].strip())
        j -= 1
    return " ".join(" ".join(head).split())


def _tail_pairs(tail: list[str], tail_items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The index after the body in source order: fields and markers as meta, Graphic text as
    captions, Notes as boilerplate (inserted after the marker line that opens them)."""
    sections = {"graphic": [("caption", t) for t in _section_text(tail, "graphic")],
                "notes": [("boilerplate", t) for t in _section_text(tail, "notes")]}
    tail_pairs: list[tuple[str, str]] = [("meta", t) for kind, t in tail_items if not kind.startswith("section")]
    for word, role_pairs in sections.items():
        at = next((k for k, (kind, _) in enumerate(tail_items) if kind == f"section:{word}"), None)
        done = sum(1 for kind, _ in tail_items[:at] if not kind.startswith("section")) if at is not None \
            else len(tail_pairs)
        tail_pairs[done:done] = role_pairs
    return tail_pairs


def _extra(fields: dict[str, str], copyright_line: str | None, dating: _Dating, head_other: list[str]) -> dict:
    """The export's fields without an article column, under snake_case names (see the module notes)."""
    extra: dict[str, Any] = {}
    if copyright_line:
        extra["copyright"] = copyright_line
    if dating.date_text:
        extra["date_line"] = dating.date_text
    if dating.zone:
        extra["date_zone"] = dating.zone
    section = fields.get("section")
    if section and ";" in section:
        extra["section_full"] = section
    for key, value in fields.items():
        if key in ("section", "byline", "dateline", "language", "highlight", "graphic", "notes"):
            continue
        if key == "length" and (m := re.search(r"\d[\d,]*", value)):
            extra["length_words"] = int(m.group(0).replace(",", ""))
        elif key == "load-date":
            extra["load_date"] = _load_date(value)
        else:
            extra[key.replace("-", "_")] = value
    if head_other:
        extra["header_lines"] = head_other
    return extra


def _load_date(value: str) -> str:
    """A Load-Date as an ISO day, or the value as given when it is not a date."""
    try:
        when = parse_when(value)
    except ValueError:
        return value
    return when.date().isoformat() if when is not None else value


def _header_role(line: str) -> str:
    """Role of a kept header line: the Byline field is ``byline``, Highlight ``subtitle``, the rest ``meta``."""
    m = _FIELD.match(line)
    name = m.group(1).lower() if m else ""
    return {"byline": "byline", "highlight": "subtitle"}.get(name, "meta")


def _date_in_field_zone(header: list[str], cut: int) -> tuple[int, int | None] | None:
    """``(date_index, outlet_index)`` of a date line among the plain lines after the first field
    (the outlet is the plain line just above it), or ``None``."""
    for i in range(cut, len(header)):
        ln = header[i]
        if ln.strip() and not _FIELD.match(ln) and not _COPYRIGHT.match(ln) and _is_date_line(ln):
            above = i - 1
            ok = above >= cut and header[above].strip() and not _FIELD.match(header[above]) \
                and not _COPYRIGHT.match(header[above])
            return i, (above if ok else None)
    return None


def _blocks(lines: list[str]) -> list[list[int]]:
    out: list[list[int]] = []
    cur: list[int] = []
    for i, ln in enumerate(lines):
        if ln.strip():
            cur.append(i)
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def _section_text(tail: list[str], word: str) -> list[str]:
    """Paragraphs under a stand-alone 'Graphic' / 'Notes' line (or 'Graphic: ...' field) in the tail."""
    out: list[str] = []
    collecting = False
    buf: list[str] = []
    for ln in tail:
        s = ln.strip()
        m = _FIELD.match(ln)
        if s.lower() == word or (m and m.group(1).lower() == word):
            collecting = True
            if m and m.group(2).strip():
                buf.append(m.group(2).strip())
            continue
        if collecting and (s.lower() in _END_BODY_WORDS or m):
            break
        if collecting:
            buf.append(ln)
    if buf:
        out = split_text("\n".join(buf))
    return out
