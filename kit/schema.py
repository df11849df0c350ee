"""The tidy tables of the kit, defined once.

Every reader produces :class:`Article` records; :func:`articles_frame` and
:func:`paragraphs_frame` turn them into the two tables that every later step
reads. Column lists here are the single source of truth for the README.
"""
from __future__ import annotations

import datetime
import functools
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any

#: Columns of the ``articles`` table, in order, with their meaning.
ARTICLE_COLUMNS: dict[str, str] = {
    "doc_id": "stable id derived from the outlet, title, date and body text the source gives (same on every run)",
    "outlet": "publication name (from the source, a trailer, or site metadata)",
    "title": "headline",
    "subtitle": "standfirst / deck, when the source has one",
    "published": "publication time, timezone-aware UTC (NaT when unknown)",
    "updated": "last update time, timezone-aware UTC (NaT when unknown)",
    "authors": "list of byline names",
    "contributors": "list of names from 'With assistance from' lines",
    "read_time_minutes": "the source's 'N minute read' figure (nullable integer)",
    "url": "canonical address, when known",
    "section": "section or desk, when known",
    "dateline": "place line that opens the story (e.g. BEIJING), when found",
    "language": "language code, when the source gives one",
    "headings": "list of subheads inside the body",
    "related": "list of cross-linked headlines ('Read More: ...')",
    "text": "body paragraphs joined by a blank line (no subheads, links or trailers)",
    "n_words": "number of words in text: its tokens under the kit's rules, as kit.text.count_words counts them",
    "date_source": "where published came from (e.g. 'JSON-LD datePublished', 'date line', 'load date'), or missing",
    "outlet_source": "where outlet came from (e.g. 'outlet table', 'og:site_name', 'folder', 'export'), or missing",
    "outlet_raw": "the outlet as a table or export column spelled it, before the outlet table named it, or missing",
    "length_words": "the length in words the export states (LENGTH, WC), nullable integer",
    "load_date": "the day the database loaded the article (LOAD-DATE), ISO date, or missing",
    "subject": "the export's subject index terms (Subject, NS), or missing",
    "document_id": "the export's own document id (Factiva AN, Europresse, LexisNexis), or missing",
    "extra": "the source's other fields (CSV/JSONL columns the kit does not map, export fields without a column "
             "of their own) as the text of a JSON object, or missing when there are none",
    "source_path": "file the article came from, relative to the input folder it was found under "
                   "(a file given directly: as given; inside a zip: archive.zip!member)",
    "source_format": "reader that produced it (webcopy, html, jsonl, csv, lexisnexis, factiva, europresse, apa)",
    "source_record": "position of the record in its source file (1-based)",
    "content_hash": "sha1 of the normalised body text, used to find exact duplicates",
    "duplicate_of": "doc_id of the first article with the same content, or missing",
}

#: Columns of the ``paragraphs`` table.
PARAGRAPH_COLUMNS: dict[str, str] = {
    "doc_id": "article id",
    "para_no": "position in the article as the source showed it (0-based)",
    "role": "one of PARAGRAPH_ROLES",
    "text": "paragraph text",
}

#: Every role a paragraph can have. Nothing in a source vanishes: boilerplate is labelled.
#: (The headline is ``articles.title``, not a paragraph.)
PARAGRAPH_ROLES: dict[str, str] = {
    "subtitle": "standfirst or deck under the headline",
    "meta": "read-time, updated/published, length and similar lines",
    "byline": "author line",
    "body": "running text of the story (what articles.text holds)",
    "heading": "a subhead inside the body",
    "related": "a cross-link to another story ('Read More: ...')",
    "contributors": "a 'With assistance from ...' line",
    "caption": "photo caption or credit",
    "trailer": "outlet furniture after the story (newsletters, contact lines, Must-Reads)",
    "boilerplate": "other page furniture (share buttons, navigation, copyright)",
}


@dataclass
class Article:
    """One article as a reader found it; ``paragraphs`` holds ``(role, text)`` pairs in order."""

    title: str = ""
    outlet: str | None = None
    subtitle: str | None = None
    published: Any = None
    updated: Any = None
    authors: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    read_time_minutes: int | None = None
    url: str | None = None
    section: str | None = None
    dateline: str | None = None
    language: str | None = None
    paragraphs: list[tuple[str, str]] = field(default_factory=list)
    source_path: str = ""
    source_format: str = ""
    source_record: int = 1
    extra: dict[str, Any] = field(default_factory=dict)
    date_source: str | None = None
    outlet_source: str | None = None
    outlet_raw: str | None = None  # the outlet as a table column spelled it, before the outlet table

    def export_fields(self) -> dict[str, Any]:
        """The columns an export states (see :data:`ARTICLE_COLUMNS`), from what the reader kept in ``extra``.

        >>> Article(extra={"length_words": 412, "source_id": "CW1"}).export_fields()["document_id"]
        'CW1'
        >>> Article(extra={"source_id": "CW1", "bias": "left", "note": ""}).export_fields()["extra"]
        '{"bias": "left"}'
        """
        e = self.extra
        date_source = self.date_source or e.get("date_source")
        rest = {str(k): v for k, v in e.items() if k not in _EXPORT_KEYS and not _missing(v)}
        return {"date_source": date_source if self.published is not None else None,
                "outlet_source": self.outlet_source if self.outlet else None,
                "outlet_raw": self.outlet_raw if self.outlet else None,
                "length_words": e.get("length_words") if isinstance(e.get("length_words"), int) else None,
                "load_date": e.get("load_date"), "subject": e.get("subject"),
                "document_id": _text_or_none(e.get("document_id") or e.get("source_id")),
                "extra": json.dumps(rest, ensure_ascii=False, sort_keys=True, default=str) if rest else None}

    def body(self) -> list[str]:
        """Body paragraphs in order.

        >>> Article(title="T", paragraphs=[("heading", "H"), ("body", "One."), ("body", "Two.")]).body()
        ['One.', 'Two.']
        """
        return [t for r, t in self.paragraphs if r == "body"]

    def with_role(self, role: str) -> list[str]:
        """Texts of every paragraph with ``role``.

        >>> Article(title="T", paragraphs=[("body", "One."), ("trailer", "Contact us")]).with_role("trailer")
        ['Contact us']
        """
        return [t for r, t in self.paragraphs if r == role]


def _text_or_none(v):
    """An id as text (JSON ids may be numbers; a Parquet column holds one type), or None."""
    return None if v is None else str(v)


#: Keys of ``Article.extra`` that have columns of their own (see :meth:`Article.export_fields`).
_EXPORT_KEYS = frozenset({"date_source", "length_words", "load_date", "subject", "document_id", "source_id"})


def _missing(v) -> bool:
    """None, NaN or empty text: not kept in the ``extra`` column."""
    return v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip())


@functools.lru_cache(maxsize=8)  # an article's text is normalised for its id and for its content hash
def normalise_for_hash(text: str) -> str:
    """Fold Unicode form, quotes, dashes, case and white space so trivial copies hash alike.

    >>> normalise_for_hash("China’s  “big”\\nday") == normalise_for_hash("china's \\"big\\" day")
    True
    """
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():  # one str.replace (in C) per character present beats a Python call per match
        for char, ascii in _FOLD_MAP.items():
            if char in text:
                text = text.replace(char, ascii)
    text = text.lower().replace("\n\n", " ")  # (a paragraph break: one replace, before the general rule)
    if not text.isascii():
        if not text.isprintable():  # white space other than the space (or control characters)
            return " ".join(text.split())
    else:
        # the same as the line above for ASCII text, by C-speed replaces instead of a list of its words
        for char in _ASCII_SPACE:
            if char in text:
                text = text.replace(char, " ")
    # a printable text holds no white space but the space: runs of spaces collapsed, as split() would
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip(" ")


#: The ASCII characters other than the space that ``str.split()`` splits on.
_ASCII_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"


# typographic quotes and dashes, and the no-break space, folded to their ASCII forms before hashing
_FOLD_MAP = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "}


def content_hash(text: str) -> str:
    """sha1 of the normalised text.

    >>> content_hash("Hello world")[:12]
    '2aae6c35c94f'
    """
    return hashlib.sha1(normalise_for_hash(text).encode("utf-8")).hexdigest()


_UTC = datetime.timezone.utc


def make_doc_id(outlet: str | None, title: str | None, published: Any, text: str) -> str:
    """A 16-hex-digit id that depends only on the article's content, never on file names or order.

    >>> a = make_doc_id("Wire", "Talks resume", "2023-06-18T00:00:00+00:00", "Body  text.")
    >>> len(a), a == make_doc_id("wire", "Talks resume", "2023-06-18", "Body text.")
    (16, True)
    >>> a == make_doc_id("Wire", "Talks resume", "2023-06-19", "Body text.")
    False
    """
    import pandas as pd

    pub = ""
    if published is not None and not (not isinstance(published, str) and pd.isna(published)):
        ts = pd.Timestamp(published)
        if ts.tzinfo is not _UTC:  # (the readers give UTC already)
            ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
        pub = ts.isoformat()
    key = "\x1f".join([normalise_for_hash(outlet or ""), normalise_for_hash(title or ""), pub, normalise_for_hash(text)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# The group helpers live in kit.groups; these names stay for the modules that import them from here
# (looked up on first use, so importing the schema does not load pandas).
_FROM_GROUPS = {"group_labels": "group_labels", "UNKNOWN_GROUP": "UNKNOWN"}


def __getattr__(name: str):
    if name in _FROM_GROUPS:
        from kit import groups

        return getattr(groups, _FROM_GROUPS[name])
    raise AttributeError(f"module 'kit.schema' has no attribute {name!r}")
