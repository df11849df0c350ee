"""Field helpers every reader shares: dates, names, paragraphs, languages, decode notes.

Dates become timezone-aware UTC :class:`pandas.Timestamp`; **a date without a time zone is taken
to be UTC** and a date without a time is midnight UTC; an all-numeric date that could be read
both ways (``06/07/2023``) is read month first, as dateutil does.

Time zones: numeric offsets (``+0800``, ``-04:00``, ``GMT+8``, ``UTC-5:30``; ``GMT+8`` means
eight hours *ahead* of UTC, as news pages use it) and the abbreviations in ``_TZ_OFFSETS`` /
``_TZ_NAMES`` are honoured. Abbreviations that name several zones (``CST``: US Central or China
Standard Time; ``IST``: India, Israel or Irish; ``AST``: Atlantic or Arabia) and abbreviations the
kit does not know (``MESZ``, ...) raise ``ValueError`` instead of being read as UTC: the readers
then keep the article without a date and flag it, naming the zone.
"""
from __future__ import annotations

import datetime as _dt
import functools
import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported in parse_when, so listing the readers (`kit formats`) stays fast
    import pandas as pd

from kit import newsclean
from kit.readers.base import Rejection

_TZ_OFFSETS = {
    "UTC": 0, "GMT": 0, "Z": 0, "UT": 0,
    "EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
    "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "AWST": 8, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}
#: abbreviations used for more than one zone: never guessed
AMBIGUOUS_ZONES = {
    "CST": "US Central (UTC-6) or China Standard Time (UTC+8)",
    "IST": "India (UTC+5:30), Israel (UTC+2) or Irish (UTC+1) Standard Time",
    "AST": "Atlantic (UTC-4) or Arabia (UTC+3) Standard Time",
}
_TZ_NAMES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles"}
_WEEKDAY = re.compile(r"\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b\.?,?", re.I)
_YEAR = re.compile(r"(?<!\d)(?:1[89]|2\d)\d\d(?!\d)")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC)?$")


_GMT_OFFSET = re.compile(r"\b(?:GMT|UTC|UT)\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?\b", re.I)


def _tzinfos(name: str | None, offset: int | None):
    """dateutil's time-zone hook: an explicit numeric offset wins; a known name gives its offset;
    an ambiguous or unknown name is an error (never silently UTC)."""
    from zoneinfo import ZoneInfo

    if offset is not None:
        return offset
    key = (name or "").upper()
    if not key:
        return None
    if key in _TZ_OFFSETS:
        return _TZ_OFFSETS[key] * 3600
    if key in _TZ_NAMES:
        return ZoneInfo(_TZ_NAMES[key])
    if key in AMBIGUOUS_ZONES:
        raise ValueError(f"ambiguous time zone {name!r}: {AMBIGUOUS_ZONES[key]}")
    raise ValueError(f"unknown time zone {name!r}")


def _gmt_offset(m: re.Match) -> str:
    sign = "-" if m.group(1) in "-\u2212" else "+"
    return f"{sign}{int(m.group(2)):02d}:{m.group(3) or '00'}"


def parse_when(value: Any) -> pd.Timestamp | None:
    """Parse a date or date-time into a timezone-aware UTC Timestamp.

    Accepts ISO 8601 (with or without offset), news-style dates such as
    ``"June 19, 2023 Monday 3:15 AM GMT"`` or ``"19 June 2023"``, common time-zone
    abbreviations (GMT, EST, EDT, ET, BST, CET, HKT, ...), Unix epoch numbers and
    datetime objects. A value without a time zone is taken as UTC; a value without a
    time is midnight UTC. Empty values give ``None``; anything else that cannot be read
    (or that has no year, or a time zone offset more than 14 hours from UTC, or an epoch number
    no Timestamp holds) raises ``ValueError``.

    >>> parse_when("2023-06-19 08:30:00")
    Timestamp('2023-06-19 08:30:00+0000', tz='UTC')
    >>> parse_when("2023-06-20T09:00:00-04:00")
    Timestamp('2023-06-20 13:00:00+0000', tz='UTC')
    >>> parse_when("June 19, 2023 Monday 3:15 AM EDT")
    Timestamp('2023-06-19 07:15:00+0000', tz='UTC')
    >>> parse_when("Mon 19 Jun 2023 08:00:00 +0800")
    Timestamp('2023-06-19 00:00:00+0000', tz='UTC')
    >>> parse_when("19 June 2023 16:00 CST")
    Traceback (most recent call last):
    ...
    ValueError: cannot read date '19 June 2023 16:00 CST' (ambiguous time zone 'CST': US Central (UTC-6) or China Standard Time (UTC+8))
    >>> parse_when("") is None
    True
    >>> parse_when("next Tuesday")
    Traceback (most recent call last):
    ...
    ValueError: no year in date 'next Tuesday'
    >>> parse_when("19 June 2023 10:00 +2500")
    Traceback (most recent call last):
    ...
    ValueError: cannot read date '19 June 2023 10:00 +2500' (time zone offset +25:00 is more than 14 hours from UTC: no zone is that far)
    """
    import pandas as pd

    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, pd.Timestamp):
        ts = value
    elif isinstance(value, (_dt.datetime, _dt.date)):
        ts = pd.Timestamp(value)
    elif isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    elif isinstance(value, (int, float)):
        return _epoch(value)
    else:
        return _parse_text(str(value))
    if ts.tzinfo is None:
        return ts.tz_localize("UTC")
    return ts.tz_convert("UTC")


def _epoch(value: int | float) -> pd.Timestamp:
    """A Unix epoch number (seconds; milliseconds when larger than 10^11) as a UTC Timestamp; a
    number no Timestamp can hold (``1e30``, an integer of 400 digits) or one that is not finite
    raises ``ValueError`` saying so (pandas and Python raised OverflowError or their own errors)."""
    import math

    import pandas as pd

    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"not a date: {value!r}")
    try:
        seconds = value / 1000 if abs(value) > 1e11 else value
        return pd.Timestamp(seconds, unit="s", tz="UTC")
    except (OverflowError, ValueError):  # (pandas' OutOfBoundsDatetime is a ValueError)
        shown = f"{value:.4g}" if isinstance(value, float) else str(value) if value.bit_length() < 100 \
            else f"of {value.bit_length()} bits"
        raise ValueError(f"epoch number {shown} is out of range (seconds or milliseconds since 1970)") from None


@functools.lru_cache(maxsize=4096)  # exports repeat their date strings (same day, same hour)
def _parse_text(value: str) -> pd.Timestamp | None:
    """:func:`parse_when` for a string (results are immutable Timestamps, so they are cached)."""
    import pandas as pd

    text = " ".join(value.split())
    if not text:
        return None
    if _ISO.match(text):
        ts = pd.Timestamp(text.replace("UTC", "+00:00"))
    else:
        if not _YEAR.search(text):
            raise ValueError(f"no year in date {text!r}")
        from dateutil import parser as du

        cleaned = _WEEKDAY.sub(" ", text)
        cleaned = re.sub(r"\b(?:at|Published|Updated)\b:?", " ", cleaned, flags=re.I)
        cleaned = _GMT_OFFSET.sub(lambda m: " " + _gmt_offset(m), cleaned)
        cleaned = " ".join(cleaned.replace(",", " ").split())
        try:
            parsed = du.parse(cleaned, tzinfos=_tzinfos, default=_dt.datetime(1900, 1, 1))
        except (ValueError, OverflowError) as e:
            zone = str(e) if str(e).startswith(("ambiguous time zone", "unknown time zone")) else ""
            raise ValueError(f"cannot read date {text!r}" + (f" ({zone})" if zone else "")) from e
        ts = pd.Timestamp(parsed)
    if ts.tzinfo is None:
        return ts.tz_localize("UTC")
    offset = ts.tzinfo.utcoffset(ts.to_pydatetime())  # (asked of the zone: a datetime refuses 24 hours or more)
    if offset is not None and abs(offset) > _MAX_OFFSET:
        raise ValueError(f"cannot read date {text!r} (time zone offset {_offset_text(offset)} is more than 14 hours "
                         "from UTC: no zone is that far)")
    return ts.tz_convert("UTC")


#: The widest offsets of real time zones are UTC-12 and UTC+14; a larger one is a damaged date.
_MAX_OFFSET = _dt.timedelta(hours=14)


def _offset_text(offset: _dt.timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_DATE_LIKE = re.compile(rf"(?:\b{_MONTHS}\s+\d{{1,2}},?\s+(?:19|20)\d\d\b|\b\d{{1,2}}\s+{_MONTHS},?\s+(?:19|20)\d\d\b"
                        r"|^\s*(?:19|20)\d\d-\d\d-\d\d\b|^\s*\d{1,2}/\d{1,2}/(?:19|20)\d\d\b)", re.I)


def looks_like_date(text: str, *, max_words: int = 12) -> bool:
    """True for a short line that holds a calendar date (month name and year, or ISO / numeric).

    It says nothing about whether :func:`parse_when` can read the line (its zone may be unknown).

    >>> looks_like_date("June 19, 2023 Monday 3:15 AM EDT"), looks_like_date("19 June 2023 23:05 MESZ")
    (True, True)
    >>> looks_like_date("The Ledger"), looks_like_date("Talks began on June 19, 2023, and ran for hours on end with no break at all")
    (False, False)
    """
    return len(text.split()) <= max_words and _DATE_LIKE.search(text) is not None


#: separators that only ever stand between two people (a comma may stand inside one: "Ruiz, Ana")
_BETWEEN_PEOPLE = r"""
      ; | \|            # semicolon, bar
      | ,\s*and\s+      # ", and "
      | (?<=\s)and\s+   # " and " (white space before it)
      | (?<=\s)&\s+     # " & "
      | (?<=\s)/\s+     # " / " (Spanish and Italian exports: "ANA RUIZ / TOM BECKER")
"""
#: a separator and the white space around it, the white space before it taken whole (no re-scans
#: of long runs)
_SEPARATOR = r"""(?<!\s) \s*+ (?: {alternatives} ) \s*"""
_PERSON_SEP = re.compile(_SEPARATOR.format(alternatives=_BETWEEN_PEOPLE), re.I | re.VERBOSE)
#: every separator of a byline: those between people, and a bare comma
_NAME_SPLIT = re.compile(_SEPARATOR.format(alternatives=_BETWEEN_PEOPLE + "| ,"), re.I | re.VERBOSE)
#: one name written surname first, as library catalogues and some exports print it: "PRUIM, FRED",
#: "Ruiz, Ana M." (one surname word, then one or two given names or initials)
_INVERTED = re.compile(r"""
    ^ (?P<surname> [^\W\d_][\w'’-]* )             # one surname word (hyphens and apostrophes kept)
    \s*,\s*
    (?P<given> [^\W\d_][\w'’.-]* (?:\s[^\W\d_][\w'’.-]*)? )   # one or two given names or initials
    $
""", re.VERBOSE)
#: words after the comma that make "Name, Word" a name and a role or place, not an inverted name
_NOT_GIVEN = {"jr", "sr", "ii", "iii", "staff", "editor", "reporter", "correspondent", "writer", "columnist",
              "reuters", "ap", "afp", "dpa", "upi", "london", "washington", "paris", "berlin", "beijing"}


def _inverted_name(chunk: str) -> str | None:
    """``"Given Surname"`` for a chunk written ``"Surname, Given"``, else None."""
    m = _INVERTED.match(chunk.strip(" ;"))
    if m is None or {w.strip(".").casefold() for w in m["given"].split()} & _NOT_GIVEN:
        return None
    return f"{m['given']} {m['surname']}"


def _split_byline(text: str) -> list[str]:
    """A byline's names: "Surname, Given" is one person when the byline is that one name, or when
    the names are kept apart by ";", "|" or " / " (catalogue style); otherwise commas separate people."""
    if text.count(",") == 1 and _PERSON_SEP.search(text) is None:
        whole = _inverted_name(text)
        if whole is not None:
            return [whole]
    if re.search(r"[;|]|\s/\s", text):
        chunks = _PERSON_SEP.split(text)
        if all(c.count(",") <= 1 for c in chunks):
            out: list[str] = []
            for c in chunks:
                inv = _inverted_name(c) if "," in c else None
                out.extend([inv] if inv is not None else _NAME_SPLIT.split(c))
            return out
    return _NAME_SPLIT.split(text)


def split_names(value: Any, *, drop: tuple[str, ...] = ()) -> list[str]:
    """Split a byline or author field into names.

    Accepts a list, a JSON list written as text, or a byline such as
    ``"By Ana Ruiz and Tom Becker"``. Names equal to one of ``drop`` (e.g. the outlet)
    are left out, and so are duplicates.

    >>> split_names("By Ana Ruiz, Li Wei and Tom Becker")
    ['Ana Ruiz', 'Li Wei', 'Tom Becker']
    >>> split_names(["Ana Ruiz", " "])
    ['Ana Ruiz']
    >>> split_names('["Ana Ruiz", "Tom Becker"]')
    ['Ana Ruiz', 'Tom Becker']
    >>> split_names("Ana Ruiz; Continental Wire", drop=("Continental Wire",))
    ['Ana Ruiz']
    >>> split_names("By RUIZ, ANA"), split_names("Ruiz, Ana; Becker, Tom J.")
    (['ANA RUIZ'], ['Ana Ruiz', 'Tom J. Becker'])
    """
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except ValueError:
                value = text.strip("[]")
    if isinstance(value, str):
        text = re.sub(r"^\s*(?:by|from)\s+", "", " ".join(value.split()), flags=re.I)
        parts = _split_byline(text)
    elif isinstance(value, (list, tuple)):
        parts = []
        for v in value:
            if isinstance(v, dict):
                v = v.get("name") or ""
            parts.append(" ".join(str(v).split()))
    else:
        parts = [str(value)]
    dropped = {d.casefold() for d in drop if d}
    out: list[str] = []
    for p in parts:
        p = p.strip(" .,;")
        if p and p.casefold() not in dropped and p not in out:
            out.append(p)
    return out




def split_text(text: str, *, line_breaks: bool = True) -> list[str]:
    """Split body text into paragraphs on blank lines.

    When the text has no blank line at all and ``line_breaks`` is true, every line is a
    paragraph (exports that separate paragraphs with single line breaks); otherwise lines
    inside a paragraph are joined. White space inside a paragraph is collapsed to single spaces.

    >>> split_text("One.\\n\\n\\nTwo\\nwrapped.\\n")
    ['One.', 'Two wrapped.']
    >>> split_text("One.\\nTwo.")
    ['One.', 'Two.']
    >>> split_text("One\\nwrapped.", line_breaks=False)
    ['One wrapped.']
    """
    text = text or ""
    if "\r" in text:  # (one character is found at memchr speed; the pair is not)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip()
    if not text:
        return []
    paragraphs = text.split("\n\n")
    flat = " ".join(paragraphs)
    if flat.isprintable() and "  " not in flat:
        # tidy text: no white space but single spaces (a space is the only printable white space) and
        # bare blank lines between paragraphs, so the paragraphs are already what the lines below give
        return paragraphs
    chunks = _BLANK_LINE.split(text)
    if len(chunks) == 1 and line_breaks:
        chunks = text.split("\n")
    return [p for p in map(" ".join, map(str.split, chunks)) if p]


#: A paragraph break in :func:`split_text`.
_BLANK_LINE = re.compile(r"""
    \n [\ \t\u00a0]* \n     # a line holding nothing but spaces, tabs or no-break spaces
""", re.VERBOSE)






def label_paragraphs(paragraphs: list[str], *, default: str = "body") -> tuple[list[tuple[str, str]], list[str]]:
    """Give each paragraph a role and collect contributor names.

    Cross-links, contributor lines and trailers get their roles from :func:`kit.newsclean.label_block`;
    once a trailer line has been seen, the short lines after it (e.g. the headlines under
    "More Must-Reads From ...") are trailer too. Returns ``(pairs, contributors)``.

    >>> pairs, who = label_paragraphs(["Talks resumed.", "Read More: Earlier talks",
    ...     "—With assistance from Lena Fischer.", "More Must-Reads From Harbor Street Weekly",
    ...     "Why Allies Watch"])
    >>> [r for r, _ in pairs], who
    (['body', 'related', 'contributors', 'trailer', 'trailer'], ['Lena Fischer'])
    """
    if not newsclean.may_label(paragraphs):  # (the usual article: no furniture, proved in one search)
        return [(default, text) for text in paragraphs], []
    pairs: list[tuple[str, str]] = []
    contributors: list[str] = []
    in_trailer = False
    for text in paragraphs:
        role = newsclean.label_block(text)
        if role is None and in_trailer and len(text.split()) <= 20 and not text.rstrip().endswith((".", "?", "!", "”", '"')):
            role = "trailer"
        if role == "trailer":
            in_trailer = True
        if role == "contributors":
            contributors.extend(n for n in newsclean.split_contributors(text) if n not in contributors)
        pairs.append((role or default, text))
    return pairs, contributors


_LANGUAGES = {
    "english": "en", "chinese": "zh", "french": "fr", "german": "de", "spanish": "es", "japanese": "ja",
    "korean": "ko", "russian": "ru", "portuguese": "pt", "italian": "it", "arabic": "ar", "dutch": "nl",
}


def language_code(value: Any) -> str | None:
    """A lower-case language code from a code, a locale or an English language name.

    >>> language_code("ENGLISH"), language_code("en-US"), language_code("en_GB"), language_code("")
    ('en', 'en', 'en', None)
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    if not text:
        return None
    low = text.casefold()
    if low in _LANGUAGES:
        return _LANGUAGES[low]
    m = re.match(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$", low)
    return m.group(1) if m else low


def decode_notes(path: str, notes: list[str]) -> list[Rejection]:
    """Flagged rejections for what :func:`kit.decode.decode_bytes` repaired.

    >>> [(r.status, r.reason) for r in decode_notes("a.txt", ["repaired mojibake"])]
    [('flagged', 'repaired mojibake')]
    """
    return [Rejection(source_path=path, reason=n, status="flagged") for n in notes]
