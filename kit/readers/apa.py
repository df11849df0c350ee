"""Reader for APA (Austria Presse Agentur) RTF exports: press clippings and online finds.

APA's clipping services export many articles to one ``.rtf`` file. Each article opens with a
header line naming the outlet in quotes and the day, then an optional ``Ressort:`` line, optional
lines above the headline (an edition such as ``Abend``, a kicker), the headline in **bold**, and
the text; an author line reads ``Von <name>``::

    "Alpenland Kurier" vom 05.06.2018 Seite: 4          <- print: the paper of that day, its page
    Ressort: Politik                                    <- the section
    Abend                                               <- optional lines above the headline
    **Talks resume in Vienna**                          <- the headline (bold)
    Envoys met on Monday ...

    "Alpenland Kurier.at" gefunden am 14.03.2018 09:12 Uhr   <- online: the day (and time) APA found it

Articles are separated by a line of underscores (APA Online) or a section break (APA
OnlineManager); the reader splits at the header lines and checks the count against the
separators: a file that yields fewer articles than its separators announce is flagged with both
numbers. The text comes from striprtf (:mod:`kit.readers.rtf`), which also tells which lines are
bold. Fields become: outlet (``outlet_source`` ``export``), ``published`` (the stated calendar day,
with the time when one is given, as UTC: no time-zone shift moves the day), ``date_source``
(``export header`` for a paper's day, ``found online`` for an online find), section (``Ressort``),
authors (``Von ...``), and in ``extra`` the page (``page``), issue number (``issue``) and the lines
above the headline (``overline``). Nothing vanishes: the header, ``Ressort`` and overline lines are
``meta`` paragraphs, the author line ``byline``, photo credits (``Foto: ...``) ``caption``, APA's closing notes ("Gespeicherter Anhang: ...")
``boilerplate``.
"""
from __future__ import annotations

import re
from typing import Iterator

import pandas as pd

from kit.readers.base import ReadError, ReadOptions, Rejection, reader
from kit.readers.fields import label_paragraphs, split_names
from kit.readers.rtf import looks_rtf, plain, rtf_lines, rtf_plain_text, rtf_to_marked_text
from kit.schema import Article

#: the line that opens each article
HEADER = re.compile(r"""
    ^\s*"(?P<outlet>[^"]+)"                        # the outlet in quotes: "Kurier", "Die Presse.com"
    (?:\s+(?P<between>(?!vom\b|gefunden\b)\S.*?))?   # an issue number ("Nr. 246") or a section, when printed
    \s+(?P<how>vom|gefunden\ am)\s+                # "vom": the paper of that day; "gefunden am": found online on
    (?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})
    (?:\s+(?P<hour>\d{1,2})[:.](?P<minute>\d\d)\s*Uhr)?   # the time of an online find
    (?:\s+Seite:?\s*(?P<page>\S+))?                # the print page: "Seite: 2", "Seite 14", "Seite: L2"
    \s*$
""", re.VERBOSE)
#: the section line under the header
RESSORT = re.compile(r"^\s*Ressort:\s*(?P<section>.*?)\s*$")
#: an author line: "Von" and names, no digits (matched on lines with their spaces already tidied)
AUTHOR = re.compile(r"""
    ^Von\                 # "Von" (by) and one space
    (?P<names>[^\d]+)$    # one or more names ("Karl Ettinger und Thomas Prior")
""", re.VERBOSE)
#: the separator line APA Online puts between articles
SEPARATOR = re.compile(r"^\s*_{20,}\s*$")
#: "und" between two names
AND = re.compile(r"\s+und\s+")
#: APA's closing notes: everything from such a line on is boilerplate
CLOSING = re.compile(r"""
    ^\s*(?:Gespeicherter\ Anhang:               # "saved attachment: ..."
         |Gespeicherte\ Anh(?:ä|ae)nge          # "saved attachments"
         |Der\ gegenst(?:ä|ae)ndliche\ Text\ ist\ eine\ Abschrift)   # "this text is a transcript"
""", re.VERBOSE)
#: a photo or graphic credit line
CAPTION = re.compile(r"^\s*(?:Foto|Fotos|Bild|Grafik)\s*:", re.I)
#: words that mark an issue number between the outlet and the date
ISSUE = re.compile(r"^(?:Nr\.?|Nummer|Ausgabe)\s*\S+$", re.I)
#: date_source for the two kinds of header
DATE_SOURCES = {"vom": "export header", "gefunden am": "found online"}


def looks_apa(head: bytes) -> bool:
    """True for an RTF file whose text holds an APA article header line.

    >>> looks_apa(open("tests/fixtures/exports/apa_online.rtf", "rb").read())
    True
    >>> looks_apa(open("tests/fixtures/exports/nexis_uni.rtf", "rb").read())  # RTF, but another layout
    False
    """
    if not looks_rtf(head):
        return False
    text = rtf_plain_text(head)
    return any(HEADER.match(ln) for ln in text.splitlines()[:400])


def _sniff(head: bytes, path: str) -> bool:
    return looks_apa(head)


@reader("apa", extensions=(".rtf",), sniff=_sniff,
        description="APA (Austria Presse Agentur) RTF export, several articles per file")
def read_apa(data: bytes, path: str, options: ReadOptions) -> Iterator[Article | Rejection]:
    r"""APA RTF export: one article per header line.

    >>> from kit.readers.base import ReadOptions
    >>> rtf = (r'{\rtf1\ansi {\i "Alpenland Kurier" vom 05.06.2018 Seite: 4}\par Ressort: Politik\par\par'
    ...        r'{\b Talks resume}\par\par Envoys met.\par}').encode()
    >>> art = next(read_apa(rtf, "apa.rtf", ReadOptions()))
    >>> art.title, art.outlet, str(art.published.date()), art.section, art.extra["page"]
    ('Talks resume', 'Alpenland Kurier', '2018-06-05', 'Politik', '4')
    """
    converted = rtf_to_marked_text(data, path)
    lines = rtf_lines(converted.text)
    starts = [i for i, (ln, _) in enumerate(lines) if HEADER.match(ln)]
    if not starts:
        raise ReadError(path, "not an APA export: no header line such as '\"Outlet\" vom 23.10.2017 Seite: 2'")
    before = [ln for ln, _ in lines[:starts[0]] if ln.strip() and not SEPARATOR.match(ln)]
    if before:
        yield Rejection(path, f"{len(before)} line(s) before the first article header are not part of an article: "
                              f"{before[0][:60]!r}", line=1, status="flagged")
    read = 0
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        try:
            article, flags = _parse_article(lines[start:end], path, k + 1, start + 1, options)
        except ReadError as e:
            yield Rejection.from_error(e)
            continue
        yield article
        yield from flags
        read += 1
    separators = converted.sections or sum(1 for ln, _ in lines if SEPARATOR.match(ln))
    if separators and read < separators + 1:
        yield Rejection(path, f"the export announces {separators + 1} articles ({separators} separators) "
                              f"but {read} could be read", status="flagged")


def _parse_article(chunk: list[tuple[str, bool]], path: str, record: int, line: int,
                   options: ReadOptions) -> tuple[Article, list[Rejection]]:
    """One article (its header, section line, overline, bold headline and text) and its flags.

    A header date that is no calendar day ('31.02.2018', or '14.0.2018' left by a damaged file)
    keeps the article without a date, flagged, as every export reader keeps an unreadable date line;
    the header stays in the article as its first ``meta`` paragraph.
    """
    head_text = " ".join(chunk[0][0].split())
    m = HEADER.match(head_text)
    rest = [(" ".join(plain(ln).split()), bold) for ln, bold in chunk[1:]]
    section, rest = _section(rest)
    overline, title_lines, after = _headline(rest)
    if not title_lines:
        raise ReadError(path, "article has no headline (no bold line after its header)", line=line, record=record)
    authors, contributors, pairs = _text(after)
    if not any(r == "body" for r, _ in pairs):
        raise ReadError(path, "article has no text after its headline", line=line, record=record)
    flags = []
    try:
        published = _when(m)
    except ValueError:  # '31.02.2018', a month of 0 or an hour of 25 left by a damaged file
        published = None
        stated = f"{m.group('day')}.{m.group('month')}.{m.group('year')}"
        if m.group("hour"):
            stated += f" {m.group('hour')}:{m.group('minute')}"
        flags.append(Rejection(path, f"header date {stated} is no calendar day (or no clock time); kept without a date",
                               line=line, record=record, status="flagged"))
    between = (m.group("between") or "").strip()
    extra = {"page": m.group("page"), "issue": between if ISSUE.match(between) else None,
             "overline": overline or None}
    meta = [("meta", head_text)] + ([("meta", f"Ressort: {section}")] if section is not None else [])
    meta += [("meta", t) for t in overline]
    return Article(
        title=" ".join(title_lines),
        outlet=options.outlet or m.group("outlet").strip(),
        published=published,
        authors=authors,
        contributors=contributors,
        section=section or (between if between and not ISSUE.match(between) else None),
        paragraphs=meta + pairs,
        source_path=path,
        source_format="apa",
        source_record=record,
        extra={k: v for k, v in extra.items() if v is not None},
        date_source=DATE_SOURCES[m.group("how")],
        outlet_source="--outlet" if options.outlet else "export",
    ), flags


def _when(m: re.Match) -> pd.Timestamp:
    """The header's day (and time), as stated: read as UTC so the calendar day never moves."""
    return pd.Timestamp(int(m.group("year")), int(m.group("month")), int(m.group("day")),
                        int(m.group("hour") or 0), int(m.group("minute") or 0), tz="UTC")


def _section(rest: list[tuple[str, bool]]) -> tuple[str | None, list[tuple[str, bool]]]:
    """The ``Ressort:`` value when the first non-blank line is one, and the lines after it."""
    first = next((i for i, (ln, _) in enumerate(rest) if ln), None)
    if first is not None and (m := RESSORT.match(rest[first][0])):
        return m.group("section"), rest[first + 1:]
    return None, rest


def _headline(rest: list[tuple[str, bool]]) -> tuple[list[str], list[str], list[tuple[str, bool]]]:
    """``(overline, headline lines, lines after)``: the headline is the first run of bold lines."""
    start = next((i for i, (ln, bold) in enumerate(rest) if ln and bold), None)
    if start is None:
        return [], [], rest
    end = start
    while end < len(rest) and rest[end][0] and rest[end][1]:
        end += 1
    overline = [ln for ln, _ in rest[:start] if ln]
    return overline, [ln for ln, _ in rest[start:end]], rest[end:]


def _text(after: list[tuple[str, bool]]) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """Authors, contributors and the ``(role, text)`` pairs of the text under the headline, in order."""
    authors: list[str] = []
    items: list[tuple[str, str]] = []  # (role, text); role "" = a body paragraph, labelled below
    closing = False
    for ln, _ in after:
        if not ln or SEPARATOR.match(ln):
            continue
        closing = closing or CLOSING.match(ln) is not None
        if closing:
            items.append(("boilerplate", ln))
        elif CAPTION.match(ln) and len(ln.split()) <= 12:
            items.append(("caption", ln))
        elif not authors and (a := AUTHOR.match(ln)) and len(ln.split()) <= 12:
            authors = split_names(AND.sub(" and ", a.group("names")))
            items.append(("byline", ln))
        else:
            items.append(("", ln))
    labelled, contributors = label_paragraphs([t for r, t in items if not r])
    it = iter(labelled)
    return authors, contributors, [next(it) if not r else (r, t) for r, t in items]
