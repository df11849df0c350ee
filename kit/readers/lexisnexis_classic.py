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
from typing import Iterator

from kit import newsclean
from kit.readers.base import ReadError, ReadOptions, Rejection
from kit.readers.dates import parse_date_line
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
#: leading spaces that mark a centred header line
CENTRED = 5


def looks_classic(text: str) -> bool:
    """True when a text holds "N of M DOCUMENTS" marker lines (the classic layout)."""
    return any(MARKER.match(ln) and len(ln) - len(ln.lstrip()) >= CENTRED for ln in text.split("\n")[:4000])


def read_classic(text: str, path: str, options: ReadOptions) -> Iterator[Article | Rejection]:
    """Every document of a classic export; a file with fewer documents than markers is flagged."""
    lines = text.split("\n")
    starts = [i for i, ln in enumerate(lines) if MARKER.match(ln)]
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
    return all(len(ln) - len(ln.lstrip()) >= CENTRED for ln in block)


def _parse(lines: list[str], path: str, record: int, first_line: int,
           options: ReadOptions) -> Article:
    blocks = _blocks(lines, first_line + 1)
    header: list[str] = []
    copyright_lines: list[str] = []
    fields: dict[str, str] = {}
    other: dict[str, str] = {}
    field_pairs: list[tuple[str, str]] = []
    title_lines: list[str] = []
    i = 0
    # before the body: centred header blocks, the headline and upper-case fields, in any order
    while i < len(blocks):
        block = blocks[i][1]
        f = _field(block)
        if _is_centred(block):
            _header_block(block, header, copyright_lines)
        elif f is None:
            if not title_lines and not header and not copyright_lines:
                # an export without centring: outlet (and address) blocks, then a date block, then the headline
                ahead = [" ".join(" ".join(b).split()) for _, b in blocks[i:i + 4]]
                at = next((k for k, t in enumerate(ahead) if parse_date_line(t) is not None), None)
                if at is not None and at > 0:
                    for t in ahead[:at + 1]:
                        if URL.match(t):
                            fields.setdefault("url", t.replace(" ", ""))
                        else:
                            header.append(t)
                    i += at + 1
                    continue
            elif title_lines or field_pairs:
                break  # the body (a headline never comes after the fields)
            else:
                title_lines = [ln.strip() for ln in block]
        else:
            label, kind, value = f
            if kind in TRAILING or label in TRAILING_OTHER:
                break
            if kind == "body":
                i += 1
                if value:
                    blocks.insert(i, (blocks[i - 1][0], [value]))
                break
            if kind == "title" and not title_lines:
                title_lines = [FIELD.match(block[0]).group("value").strip()] + [ln.strip() for ln in block[1:]]
            else:
                _store(fields, other, label, kind, value)
                field_pairs.append(("byline" if kind == "byline" else "subtitle" if kind == "subtitle" else "meta",
                                    f"{label}: {value}"))
        i += 1
    date_at = next((k for k, h in enumerate(header) if parse_date_line(h) is not None), None)
    published = parse_date_line(header[date_at]) if date_at is not None else None
    outlet_line = header[0] if header and date_at != 0 else None
    outlet = options.outlet or outlet_line
    body_blocks: list[list[str]] = []
    tail: list[list[str]] = []
    rest = [b for _, b in blocks[i:]]
    # the index after the body: from the first trailing field, or from where only fields and
    # centred copyright lines remain (a RUBRIK: or LENGTH: printed after the text)
    only_fields_from = len(rest)
    while only_fields_from > 0 and (_field(rest[only_fields_from - 1]) is not None
                                    or _is_centred(rest[only_fields_from - 1])):
        only_fields_from -= 1
    for k, block in enumerate(rest):
        f = _field(block)
        ends = f is not None and (f[1] in TRAILING or f[0] in TRAILING_OTHER)
        if tail or ends or k >= only_fields_from:
            tail.append(block)
        elif f is not None and f[1] not in ("other", "body"):  # a known field printed amid the text
            _store(fields, other, f[0], f[1], f[2])
            field_pairs.append(("meta", f"{f[0]}: {f[2]}"))
        else:
            body_blocks.append(block)
    pairs: list[tuple[str, str]] = [("meta", h) for h in header if h != outlet_line] + field_pairs
    paras = split_text("\n\n".join("\n".join(ln.strip() for ln in b) for b in body_blocks), line_breaks=False)
    body_pairs, contributors = label_paragraphs(paras)
    pairs += body_pairs
    for block in tail:
        f = _field(block)
        if f is None:
            text = " ".join(" ".join(block).split())
            (copyright_lines if _COPYRIGHT.match(text) else pairs).append(text if _COPYRIGHT.match(text) else ("meta", text))
            continue
        label, kind, value = f
        _store(fields, other, label, kind, value)
        pairs.append(("caption", value) if kind == "graphic" else ("meta", f"{label}: {value}"))
    title, subtitle = _split_headline(title_lines)
    if not title and not paras and not header:
        raise ReadError(path, "document has no outlet, date, headline or text (an empty entry of the export)",
                        line=first_line, record=record)
    extra = {k: v for k, v in other.items()}
    if copyright_lines:
        extra["copyright"] = " ".join(copyright_lines)
    section_full = fields.get("section")
    length = re.search(r"\d[\d.,]*", fields.get("length", ""))
    load_date = parse_date_line(fields.get("load_date"))
    if fields.get("url"):
        extra["url"] = fields["url"]
    extra.update({"length_words": int(re.sub(r"\D", "", length.group(0))) if length else None,
                  "load_date": load_date.date().isoformat() if load_date is not None else fields.get("load_date"),
                  "publication_type": fields.get("publication_type"), "subject": fields.get("subject"),
                  "section_full": section_full, "date_line": header[date_at] if date_at is not None else None})
    date_source = "date line" if published is not None else None
    if published is None and load_date is not None:
        published, date_source = load_date, "load date"  # no date line: the day the database loaded it
    extra["date_source"] = date_source
    return Article(
        title=title,
        outlet=outlet,
        subtitle=fields.get("subtitle") or subtitle,
        published=published,
        authors=split_names(fields.get("byline"), drop=(outlet or "",)) if fields.get("byline") else [],
        contributors=contributors,
        section=section_full.split(";")[0].strip() if section_full else None,
        dateline=fields.get("dateline") or next((d for d in map(newsclean.dateline, paras[:1]) if d), None),
        language=language_code((fields.get("language") or "").split(";")[0].strip() or None),
        paragraphs=pairs,
        source_path=path,
        source_format="lexisnexis",
        source_record=record,
        outlet_source="--outlet" if options.outlet else "export",
        extra={k: v for k, v in extra.items() if v is not None},
    )


def _header_block(block: list[str], header: list[str], copyright_lines: list[str]) -> None:
    """Sort a centred block's lines into copyright lines (with their "All Rights Reserved") and header lines."""
    in_copyright = False
    for ln in block:
        text = " ".join(ln.split())
        in_copyright = bool(_COPYRIGHT.match(text)) or (in_copyright and RIGHTS.search(text) is not None)
        (copyright_lines if in_copyright else header).append(text)


def _store(fields: dict, other: dict, label: str, kind: str, value: str) -> None:
    if kind == "other":
        other[label.lower().replace("-", "_").replace(" ", "_")] = value
    elif kind not in fields:
        fields[kind] = value


def _split_headline(lines: list[str]) -> tuple[str, str | None]:
    """Title and subtitle from the headline lines: a first line ending in ';' is the title."""
    if not lines:
        return "", None
    if len(lines) > 1 and lines[0].rstrip().endswith(";"):
        return lines[0].rstrip().rstrip(";").strip(), " ".join(" ".join(lines[1:]).split()) or None
    return " ".join(" ".join(lines).split()), None
