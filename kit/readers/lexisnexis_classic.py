"""LexisNexis Academic / classic text exports: the "N of M DOCUMENTS" layout, in any language.

Each document opens with a centred marker line (``1 of 62 DOCUMENTS``, ``Dokument 3 von 12``,
``Document 2 de 9``, ``2 van 40 DOCUMENTEN``), followed by centred header lines (copyright,
outlet, one or more date lines, edition or show lines), the headline (left-aligned, or a
``HEADLINE:`` / ``KOP:`` / ``TITRE:`` field), upper-case fields (``BYLINE:``, ``LENGTH:``,
``SECTION:``, ``AUTOR:``, ``RUBRIK:``, ``LÄNGE:``, ...), the body (after a ``BODY:`` / ``TEKST:``
marker when there is one), then trailing fields (``LOAD-DATE:``, ``LANGUAGE:``,
``PUBLICATION-TYPE:``, ``GRAPHIC:``, ...) and a centred copyright line::

                                  1 of 4 DOCUMENTS
                                   Continental Wire
                          June 19, 2023 Monday 3:15 AM GMT
    Talks resume in Beijing
    BYLINE: Ana Ruiz
    LENGTH: 412 words
    BEIJING - Envoys met ...
    LOAD-DATE: June 20, 2023
    LANGUAGE: ENGLISH

The field labels of each language are data (:data:`LABELS`); dates are read in any language
(:func:`kit.readers.dates.parse_date_line`). A headline whose first line ends with ``;`` keeps
that line as the title and the rest as the subtitle. The download header before the first
marker (search terms, recipient) is not an article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

import pandas as pd

from kit import newsclean
from kit.readers.base import ReadError, ReadOptions, Rejection
from kit.readers.dates import parse_date_line, parse_stated
from kit.readers.fields import label_paragraphs, language_code, split_names, split_text
from kit.schema import Article

#: the marker line that opens each document
MARKER = re.compile(r"""
    ^\s*
    (?:(?:Dokument|Document|Documento)\s+)?    # "Dokument 3 von 12" puts the word first
    (?P<n>\d+)\s+
    (?:of|von|de|van|sur|af|di|på)\s+          # "of" in the languages LexisNexis exported in
    (?P<m>\d+)
    (?:\s+(?:DOCUMENTS?|DOKUMENTE?N?|DOCUMENTEN|DOCUMENTOS?|DOKUMENTER))?
    \s*$
""", re.VERBOSE | re.IGNORECASE)

#: field label (upper case, as printed in the export) -> the article field it fills
LABELS: dict[str, str] = {
    # headline
    "HEADLINE": "title", "KOP": "title", "TITRE": "title", "TITLE": "title", "TITEL": "title",
    "ÜBERSCHRIFT": "title", "TITULAR": "title", "OVERSKRIFT": "title", "LEADALL": "title",
    # byline
    "BYLINE": "byline", "AUTOR": "byline", "AUTEUR": "byline", "AUTHOR": "byline", "SIGNATURE": "byline",
    "FORFATTER": "byline", "AUTORE": "byline",
    # section
    "SECTION": "section", "RUBRIK": "section", "RUBRIQUE": "section", "RUBRIEK": "section", "SEKTION": "section",
    "SECCIÓN": "section", "SEZIONE": "section",
    # length
    "LENGTH": "length", "LÄNGE": "length", "LONGUEUR": "length", "LENGTE": "length", "LÆNGDE": "length",
    "LONGITUD": "length", "LUNGHEZZA": "length",
    # place line
    "DATELINE": "dateline", "ORTSZEILE": "dateline",
    # language
    "LANGUAGE": "language", "SPRACHE": "language", "LANGUE": "language", "TAAL": "language", "SPROG": "language",
    "IDIOMA": "language", "LINGUA": "language",
    # load date
    "LOAD-DATE": "load_date", "DATE-CHARGEMENT": "load_date", "UPDATE": "load_date", "LAADDATUM": "load_date",
    # publication type
    "PUBLICATION-TYPE": "publication_type", "PUB-TYPE": "publication_type", "TYPE-PUBLICATION": "publication_type",
    "PUBLIKATIONSTYP": "publication_type",
    # standfirst
    "HIGHLIGHT": "subtitle", "CHAPEAU": "subtitle",
    # captions
    "GRAPHIC": "graphic", "GRAFIK": "graphic", "GRAPHIQUE": "graphic",
    # subject index
    "SUBJECT": "subject", "SUJET": "subject", "THEMA": "subject",
    # the body starts after these
    "BODY": "body", "TEKST": "body", "TEXT": "body", "TEXTE": "body",
}
#: labels that only ever come after the body (the body ends at the first of them)
TRAILING = {"load_date", "language", "publication_type", "graphic", "subject"}
#: other index fields that end the body when they open a block (kept as meta)
TRAILING_OTHER = {"JOURNAL-CODE", "CODE-REVUE", "DOCUMENT-TYPE", "COMPANY", "ORGANIZATION", "PERSON",
                  "GEOGRAPHIC", "INDUSTRY", "TICKER", "CORRECTION-APPEND", "URL", "NOTES", "PUB-SUBJECT",
                  "VIEW ORIGINAL PAGE", "DISTRIBUTION", "GEO"}
#: an upper-case "LABEL: value" line
FIELD = re.compile(r"""
    ^(?P<label>[A-ZÄÖÜÉÈÀÇÆØÅÓÍ][A-ZÄÖÜÉÈÀÇÆØÅÓÍ\-]+(?:\ [A-Z]+){0,2})   # LABEL, LOAD-DATE, VIEW ORIGINAL PAGE
    :\s*(?P<value>.*)$
""", re.VERBOSE)
_COPYRIGHT = re.compile(r"^\s*(?:Copyright|©|\(c\))", re.I)
#: the line under a copyright line that still belongs to it
RIGHTS = re.compile(r"rights\s+reserved|rechte\s+vorbehalten|droits\s+r[ée]serv[ée]s|\b(?:GmbH|Ltd|Inc|B\.V\.|S\.A\.)\b",
                    re.I)
#: an address line under the outlet in exports without centring
URL = re.compile(r"^https?://", re.I)
#: a header line that goes on in the next line: it ends in a joining word
CONTINUES = re.compile(r"(?:\b(?:and|of|for|the|und|et|de|van)|[&,])\s*$", re.I)
#: a journal's season line instead of a date: "Summer, 2008", "Winter 2009"
SEASON = re.compile(r"""
    ^\s*(?P<season>Spring|Summer|Fall|Autumn|Winter)   # the season of a quarterly issue
    ,?\s+(?P<year>\d{4})\s*$                        # and its year (any: one outside 1900 to today is set aside)
""", re.VERBOSE | re.IGNORECASE)
#: the month a season's issue is dated to (its first month; winter issues carry the new year)
SEASON_MONTH = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 1}
#: characters in a line as wide as the export's page (a centred line that long has no indent)
PAGE_WIDTH = 75
#: leading spaces that mark a centred header line
CENTRED = 5


def looks_classic(text: str) -> bool:
    """True when a text holds "N of M DOCUMENTS" marker lines (the classic layout).

    >>> looks_classic(open("tests/fixtures/exports/ln_classic.txt").read()), looks_classic("A web page.")
    (True, False)
    """
    return any(MARKER.match(ln) and len(ln) - len(ln.lstrip()) >= CENTRED for ln in text.split("\n")[:4000])


#: labels that only a LexisNexis document prints (a web page may well have a "SECTION:" line)
_EXPORT_KINDS = {"title", "length", "load_date", "publication_type", "body", "language"}


def looks_classic_single(text: str) -> bool:
    """True for one classic document saved without its "N of M DOCUMENTS" line: a centred first line
    (copyright or outlet) and at least two different export labels (``LENGTH:``, ``KOP:``, ``LOAD-DATE:``, ...).

    >>> looks_classic_single("      Copyright 2002 Harbour Ledger\\n\\nKOP: Talks\\n\\nTEKST:\\n\\nBody.\\n")
    True
    >>> looks_classic_single("Talks\\n\\nLENGTH: 3 words\\n")
    False
    """
    lines = text.lstrip("\ufeff").split("\n")[:400]
    first = next((ln for ln in lines if ln.strip()), "")
    if len(first) - len(first.lstrip()) < CENTRED:
        return False
    kinds = {LABELS.get(m.group("label")) for ln in lines if (m := FIELD.match(ln))}
    return len(kinds & _EXPORT_KINDS) >= 2


def read_classic(text: str, path: str, options: ReadOptions) -> Iterator[Article | Rejection]:
    """Every document of a classic export; a file with fewer documents than markers is flagged.
    A file holding one document without its marker line is read as that one document.

    >>> from kit.readers.base import ReadOptions
    >>> text = open("tests/fixtures/exports/ln_classic.txt").read()
    >>> [type(r).__name__ for r in read_classic(text, "ln_classic.txt", ReadOptions())]
    ['Article', 'Rejection', 'Article', 'Rejection']
    """
    lines = text.split("\n")
    starts = [i for i, ln in enumerate(lines) if MARKER.match(ln)]
    if not starts and looks_classic_single(text):
        yield _parse(lines, path, 1, 0, options)
        return
    if not starts:
        raise ReadError(path, "not a LexisNexis export: no 'N of M DOCUMENTS' line")
    read = 0
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        try:
            art = _parse(lines[start + 1:end], path, k + 1, start + 1, options)
        except ReadError as e:
            yield Rejection.from_error(e)
            continue
        read += 1
        yield art
    if read < len(starts):
        yield Rejection(path, f"the export announces {len(starts)} documents ('N of M DOCUMENTS' lines) "
                              f"but {read} could be read", status="flagged")


def _blocks(lines: list[str], offset: int) -> list[tuple[int, list[str]]]:
    """Blocks of consecutive non-blank lines as ``(first line number, lines)``."""
    out: list[tuple[int, list[str]]] = []
    cur: list[str] = []
    first = 0
    for i, ln in enumerate(lines):
        if ln.strip():
            if not cur:
                first = offset + i
            cur.append(ln)
        elif cur:
            out.append((first, cur))
            cur = []
    if cur:
        out.append((first, cur))
    return out


def _field(block: list[str]) -> tuple[str, str, str] | None:
    """``(label, kind, value)`` when a block opens with a field line, else None."""
    m = FIELD.match(block[0])
    if not m:
        return None
    label = m.group("label")
    kind = LABELS.get(label, "other")
    value = " ".join(" ".join([m.group("value")] + [ln.strip() for ln in block[1:]]).split())
    return label, kind, value


def _is_centred(block: list[str]) -> bool:
    """Every line indented; a first line as wide as the page (:data:`PAGE_WIDTH`) cannot be indented,
    so it counts as centred when the lines under it are."""
    first = block[0]
    wide = len(block) > 1 and len(first.strip()) >= PAGE_WIDTH and not first.startswith(" ")
    return all(len(ln) - len(ln.lstrip()) >= CENTRED for ln in (block[1:] if wide else block))


@dataclass
class _Front:
    """What the lines before the body hold: centred header lines, copyright lines, fields, headline."""

    header: list[str] = field(default_factory=list)
    copyright_lines: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    other: dict[str, str] = field(default_factory=dict)
    field_pairs: list[tuple[str, str]] = field(default_factory=list)
    title_lines: list[str] = field(default_factory=list)


def _parse(lines: list[str], path: str, record: int, first_line: int,
           options: ReadOptions) -> Article:
    """One document of a classic export, in named steps: front matter, body and index, fields."""
    blocks = _blocks(lines, first_line + 1)
    front = _Front()
    i = _read_front(blocks, front)
    body_blocks, tail = _split_body(front, [b for _, b in blocks[i:]])
    date_at = next((k for k, h in enumerate(front.header) if parse_date_line(h) is not None), None)
    published, zone = parse_stated(front.header[date_at]) if date_at is not None else (None, None)
    outlet_line = front.header[0] if front.header and date_at != 0 else None
    outlet = options.outlet or outlet_line
    pairs: list[tuple[str, str]] = [("meta", h) for h in front.header if h != outlet_line] + front.field_pairs
    paras = split_text("\n\n".join("\n".join(ln.strip() for ln in b) for b in body_blocks), line_breaks=False)
    body_pairs, contributors = label_paragraphs(paras)
    pairs += body_pairs + _tail_pairs(tail, front)
    title, subtitle = _split_headline(front.title_lines)
    if not title and not paras and not front.header:
        raise ReadError(path, "document has no outlet, date, headline or text (an empty entry of the export)",
                        line=first_line, record=record)
    fields = front.fields
    extra = _extra(front, front.header[date_at] if date_at is not None else None, zone)
    if published is None:
        published, extra["date_source"] = _undated(front, extra)
    section_full = fields.get("section")
    return Article(
        title=title,
        outlet=outlet,
        subtitle=fields.get("subtitle") or subtitle,
        published=published,
        authors=split_names(fields.get("byline"), drop=(outlet or "",)) if fields.get("byline") else [],
        contributors=contributors,
        section=section_full.split(";")[0].strip() if section_full else None,
        dateline=fields.get("dateline") or next((d for d in map(newsclean.dateline, paras[:1]) if d), None),
        language=language_code(re.split(r"[;/]", fields.get("language") or "")[0].strip() or None),
        paragraphs=pairs,
        source_path=path,
        source_format="lexisnexis",
        source_record=record,
        outlet_source="--outlet" if options.outlet else "export",
        extra={k: v for k, v in extra.items() if v is not None},
    )


def _read_front(blocks: list[tuple[int, list[str]]], front: _Front) -> int:
    """Read centred header blocks, the headline and upper-case fields, in any order, into ``front``;
    returns the index of the first body block."""
    i = 0
    while i < len(blocks):
        block = blocks[i][1]
        f = _field(block)
        if _is_centred(block):
            _header_block(block, front.header, front.copyright_lines)
        elif f is None:
            if not front.title_lines and not front.header and not front.copyright_lines:
                step = _uncentred_header(blocks, i, front)
                if step:
                    i += step
                    continue
                front.title_lines = [ln.strip() for ln in block]
            elif front.title_lines or front.field_pairs:
                break  # the body (a headline never comes after the fields)
            else:
                front.title_lines = [ln.strip() for ln in block]
        else:
            label, kind, value = f
            if kind in TRAILING or label in TRAILING_OTHER:
                break
            if kind == "body":
                if value:
                    blocks.insert(i + 1, (blocks[i][0], [value]))
                return i + 1
            _front_field(block, label, kind, value, front)
        i += 1
    return i


def _uncentred_header(blocks: list[tuple[int, list[str]]], i: int, front: _Front) -> int:
    """An export without centring: outlet (and address) blocks, then a date block, then the headline.
    Returns how many blocks were header (0: none)."""
    ahead = [" ".join(" ".join(b).split()) for _, b in blocks[i:i + 4]]
    at = next((k for k, t in enumerate(ahead) if parse_date_line(t) is not None), None)
    if at is None or at == 0:
        return 0
    for t in ahead[:at + 1]:
        if URL.match(t):
            front.fields.setdefault("url", t.replace(" ", ""))
        else:
            front.header.append(t)
    return at + 1


def _front_field(block: list[str], label: str, kind: str, value: str, front: _Front) -> None:
    """A field before the body: the headline field, or any other field (kept as a meta/byline line)."""
    if kind == "title" and not front.title_lines:
        front.title_lines = [FIELD.match(block[0]).group("value").strip()] + [ln.strip() for ln in block[1:]]
        return
    _store(front.fields, front.other, label, kind, value)
    front.field_pairs.append(("byline" if kind == "byline" else "subtitle" if kind == "subtitle" else "meta",
                              f"{label}: {value}"))


def _split_body(front: _Front, rest: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """Body blocks and the index after the body: from the first trailing field, or from where only
    fields and centred copyright lines remain (a RUBRIK: or LENGTH: printed after the text)."""
    only_fields_from = len(rest)
    while only_fields_from > 0 and (_field(rest[only_fields_from - 1]) is not None
                                    or _is_centred(rest[only_fields_from - 1])):
        only_fields_from -= 1
    body_blocks: list[list[str]] = []
    tail: list[list[str]] = []
    for k, block in enumerate(rest):
        f = _field(block)
        ends = f is not None and (f[1] in TRAILING or f[0] in TRAILING_OTHER)
        if tail or ends or k >= only_fields_from:
            tail.append(block)
        elif f is not None and f[1] not in ("other", "body"):  # a known field printed amid the text
            _store(front.fields, front.other, f[0], f[1], f[2])
            front.field_pairs.append(("meta", f"{f[0]}: {f[2]}"))
        else:
            body_blocks.append(block)
    return body_blocks, tail


def _tail_pairs(tail: list[list[str]], front: _Front) -> list[tuple[str, str]]:
    """The index after the body as paragraphs (captions for GRAPHIC:); copyright lines are collected."""
    pairs: list[tuple[str, str]] = []
    for block in tail:
        f = _field(block)
        if f is None:
            text = " ".join(" ".join(block).split())
            if _COPYRIGHT.match(text):
                front.copyright_lines.append(text)
            else:
                pairs.append(("meta", text))
            continue
        label, kind, value = f
        _store(front.fields, front.other, label, kind, value)
        pairs.append(("caption", value) if kind == "graphic" else ("meta", f"{label}: {value}"))
    return pairs


def _extra(front: _Front, date_line: str | None, zone: str | None) -> dict:
    """The export's own fields that have no article column, under snake_case names."""
    fields = front.fields
    extra = dict(front.other)
    if front.copyright_lines:
        extra["copyright"] = " ".join(front.copyright_lines)
    length = re.search(r"\d[\d.,]*", fields.get("length", ""))
    load_date = parse_date_line(fields.get("load_date"))
    if fields.get("url"):
        extra["url"] = fields["url"]
    extra.update({"length_words": int(re.sub(r"\D", "", length.group(0))) if length else None,
                  "load_date": load_date.date().isoformat() if load_date is not None else fields.get("load_date"),
                  "publication_type": fields.get("publication_type"), "subject": fields.get("subject"),
                  "section_full": fields.get("section"), "date_line": date_line, "date_zone": zone,
                  "date_source": "date line" if date_line is not None else None})
    return extra


def _undated(front: _Front, extra: dict) -> tuple[pd.Timestamp | None, str | None]:
    """No full date line: a journal's season line ("Summer, 2008") or month line, else the load date."""
    for line in front.header:
        m = SEASON.match(line)
        if m:
            extra["date_line"] = line
            return pd.Timestamp(int(m.group("year")), SEASON_MONTH[m.group("season").lower()], 1, tz="UTC"), \
                "season line (first day of the season)"
    load_date = parse_date_line(front.fields.get("load_date"))
    if load_date is not None:
        return load_date, "load date"  # no date line: the day the database loaded it
    return None, None


def _header_block(block: list[str], header: list[str], copyright_lines: list[str]) -> None:
    """Sort a centred block's lines into copyright lines (with their "All Rights Reserved") and header
    lines; a line that ends in a joining word ("and", "of", "&", ",") goes on in the next line."""
    in_copyright = False
    joins = False
    for ln in block:
        text = " ".join(ln.split())
        in_copyright = bool(_COPYRIGHT.match(text)) or (in_copyright and RIGHTS.search(text) is not None)
        if in_copyright:
            copyright_lines.append(text)
        elif joins and header:
            header[-1] = f"{header[-1]} {text}"
        else:
            header.append(text)
        joins = not in_copyright and CONTINUES.search(text) is not None


def _store(fields: dict, other: dict, label: str, kind: str, value: str) -> None:
    if kind == "other":
        other[label.lower().replace("-", "_").replace(" ", "_")] = value
    elif kind not in fields:
        fields[kind] = value


def _split_headline(lines: list[str]) -> tuple[str, str | None]:
    """Title and subtitle from the headline lines: a line ending in ';' ends the title, the lines
    after it are the subtitle.

    >>> _split_headline(["Talks resume in the city and", "the port;", "Envoys meet"])
    ('Talks resume in the city and the port', 'Envoys meet')
    >>> _split_headline(["Talks resume"])
    ('Talks resume', None)
    """
    if not lines:
        return "", None
    end = next((k for k, ln in enumerate(lines[:-1]) if ln.rstrip().endswith(";")), None)
    if end is None:
        return " ".join(" ".join(lines).split()), None
    title = " ".join(" ".join(lines[:end + 1]).split()).rstrip(";").strip()
    return title, " ".join(" ".join(lines[end + 1:]).split()) or None
