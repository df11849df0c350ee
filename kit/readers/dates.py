"""Dates for readers: date lines in any language the exports use, and the choice among candidates.

:func:`parse_date_line` reads ISO and English news dates with :func:`kit.readers.fields.parse_when`
and everything else ("mercredi 17 avril 2013 20:15 GMT", "Samstag 6. Mai 2023", "1 mei 2015
vrijdag") with `dateparser <https://dateparser.readthedocs.io>`_, which knows the month and weekday
names of some 200 languages and works offline. :func:`pick_date` takes candidates in order of
trust and returns the first plausible one together with where it came from; a date before
:data:`EARLIEST_YEAR` or after the ingest day (a placeholder ``0001-01-01``, a typo'd year) is
never used and is reported. :func:`why_implausible` says why a date cannot be a publication date;
every reader's dates pass it (:func:`kit.readers.read_one` sets such a date aside and flags it).
"""
from __future__ import annotations

import re
from typing import Any, Iterable

import pandas as pd

from kit.readers.fields import _TZ_NAMES, _TZ_OFFSETS, AMBIGUOUS_ZONES, parse_when

#: Dates before this year are placeholders or typos in news metadata, never a publication date.
EARLIEST_YEAR = 1900
#: dateparser settings: a day, a month and a year must all be present (no guessing from "May 2023")
_DATEPARSER_SETTINGS = {"RETURN_AS_TIMEZONE_AWARE": True, "TO_TIMEZONE": "UTC",
                        "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
_HAS_DIGIT_YEAR = re.compile(r"\b\d{4}\b")


def parse_date_line(text: Any) -> pd.Timestamp | None:
    """A date line in any language as a UTC Timestamp, or None when it holds no full date.

    >>> str(parse_date_line("June 19, 2023 Monday 3:15 AM GMT"))
    '2023-06-19 03:15:00+00:00'
    >>> str(parse_date_line("mercredi 17 avril 2013 20:15 GMT"))
    '2013-04-17 20:15:00+00:00'
    >>> str(parse_date_line("Samstag 6. Mai 2023"))
    '2023-05-06 00:00:00+00:00'
    >>> str(parse_date_line("May 20, 2014, Tuesday, Late Edition - Final"))
    '2014-05-20 00:00:00+00:00'
    >>> parse_date_line("Continental Wire") is None
    True
    """
    if text is None:
        return None
    if not isinstance(text, str):
        try:
            return parse_when(text)
        except ValueError:
            return None
    text = " ".join(text.split())
    if not text or not _HAS_DIGIT_YEAR.search(text) or len(text) > 80:
        return None
    try:
        ts = parse_when(text)
        if ts is not None:
            return ts
    except (ValueError, OverflowError):
        pass
    import dateparser

    # "May 20, 2014, Tuesday, Late Edition - Final": drop trailing comma-separated parts
    parts = text.split(",")
    for n in range(len(parts), 0, -1):
        candidate = ",".join(parts[:n])
        if not _HAS_DIGIT_YEAR.search(candidate):
            break
        try:
            parsed = dateparser.parse(candidate, settings=_DATEPARSER_SETTINGS)
        except (ValueError, OverflowError, TypeError):
            parsed = None
        if parsed is not None:
            return pd.Timestamp(parsed).tz_convert("UTC")
    return None


_UTC_NAMES = {"GMT", "UTC", "UT"}
_ZONE_NAMES = "|".join(sorted({*_TZ_OFFSETS, *AMBIGUOUS_ZONES, *_TZ_NAMES} - {"Z"}, key=len, reverse=True))
#: a clock time followed by the time zone the export names
_TIME_ZONE = re.compile(rf"""
    (?P<time>\b\d{{1,2}}[:.]\d\d(?::\d\d)?\s*(?:[AaPp]\.?[Mm]\.?)?)   # 9:25 PM, 20:15, 10.36
    \s*
    (?P<zone>
        \b(?:{_ZONE_NAMES})\b(?:\s*[+\-\u2212]\s*\d{{1,2}}(?::?\d\d)?)?   # EST, GMT, GMT+1, CET
      | [+\-\u2212]\d\d:?\d\d\b                                          # a numeric offset: +0100
    )
""", re.VERBOSE)


def parse_stated(text: Any) -> tuple[pd.Timestamp | None, str | None]:
    """A database export's date line as the calendar day and clock time it states, and its zone.

    News databases date an article by the day of the paper that printed it; converting a stated
    local time to UTC would move a late-evening story to the next day. So the zone is set aside
    (returned as the second value, for the record; None for GMT/UTC, where nothing moves) and the
    stated day and time are kept, marked UTC like every date in the kit. Lines without a zone read
    as :func:`parse_date_line` reads them.

    >>> ts, zone = parse_stated("March 3, 2011 Thursday 7:40 PM EST")
    >>> str(ts), zone
    ('2011-03-03 19:40:00+00:00', 'EST')
    >>> parse_stated("mercredi 17 avril 2013 20:15 GMT")[1], parse_stated("19 June 2023 16:00 CST")[1]
    (None, 'CST')
    >>> parse_stated("Continental Wire")
    (None, None)
    """
    if not isinstance(text, str):
        return parse_date_line(text), None
    m = _TIME_ZONE.search(text)
    if m is None:
        return parse_date_line(text), None
    zone = " ".join(m.group("zone").split())
    when = parse_date_line(text[:m.start()] + m.group("time") + text[m.end():])
    return when, (None if zone.upper() in _UTC_NAMES else zone)


def ingest_day(as_of: Any = None) -> pd.Timestamp:
    """The ingest day dates are checked against, as a UTC Timestamp: ``as_of`` (a date, a
    ``YYYY-MM-DD`` string or a Timestamp; ``kit ingest --as-of``), else now. A value that is no day
    raises ``ValueError``.

    >>> str(ingest_day("2024-03-02").date()), ingest_day() <= pd.Timestamp.now(tz="UTC")
    ('2024-03-02', True)
    """
    if as_of is None:
        return pd.Timestamp.now(tz="UTC")
    try:
        ts = pd.Timestamp(as_of)
    except (ValueError, TypeError) as e:
        raise ValueError(f"not a day for the ingest day (as_of): {as_of!r} ({e})") from None
    if ts is pd.NaT:
        raise ValueError(f"not a day for the ingest day (as_of): {as_of!r}")
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def why_implausible(ts: pd.Timestamp, *, today: pd.Timestamp | None = None) -> str | None:
    """Why ``ts`` cannot be a publication date (``"before 1900"``, ``"after the ingest day (2026-12-05)"``),
    or None. The ingest day is named: the bound depends on the day of reading, so a date set aside
    today may be kept by a later ingest, and the flag says which day it was compared with.

    >>> why_implausible(pd.Timestamp("0001-01-01", tz="UTC")), why_implausible(pd.Timestamp("2019-11-20", tz="UTC"))
    ('before 1900', None)
    >>> why_implausible(pd.Timestamp("2099-06-19", tz="UTC"), today=pd.Timestamp("2026-12-05 14:00", tz="UTC"))
    'after the ingest day (2026-12-05)'
    """
    if ts.year < EARLIEST_YEAR:
        return f"before {EARLIEST_YEAR}"
    today = today if today is not None else pd.Timestamp.now(tz="UTC")
    if not plausible(ts, today=today):
        return f"after the ingest day ({today.strftime('%Y-%m-%d')})"
    return None


def plausible(ts: pd.Timestamp | None, *, today: pd.Timestamp | None = None) -> bool:
    """True for a date from :data:`EARLIEST_YEAR` up to the end of the ingest day.

    >>> plausible(pd.Timestamp("2023-06-19", tz="UTC")), plausible(pd.Timestamp("0001-01-01", tz="UTC"))
    (True, False)
    """
    if ts is None:
        return False
    today = today if today is not None else pd.Timestamp.now(tz="UTC")
    return ts.year >= EARLIEST_YEAR and ts <= today.normalize() + pd.Timedelta(days=1)


def pick_date(candidates: Iterable[tuple[str, Any]], *, today: pd.Timestamp | None = None
              ) -> tuple[pd.Timestamp | None, str | None, list[tuple[str, str, str]]]:
    """The first plausible date among ``(source, value)`` candidates, in the order given.

    Returns ``(timestamp, source, problems)``; ``problems`` lists ``(source, value, reason)`` for
    every candidate before the chosen one that could not be read or was not plausible (before
    :data:`EARLIEST_YEAR`, after the ingest day), so a reader can flag them.

    >>> ts, source, problems = pick_date([("JSON-LD datePublished", "0001-01-01T00:00:00"),
    ...                                   ("article:published_time", "2019-11-20T10:43:00Z")])
    >>> str(ts), source, problems[0][2]
    ('2019-11-20 10:43:00+00:00', 'article:published_time', 'before 1900')
    """
    problems: list[tuple[str, str, str]] = []
    today = today if today is not None else pd.Timestamp.now(tz="UTC")
    for source, value in candidates:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, pd.Timestamp):
            ts = value if value.tzinfo else value.tz_localize("UTC")
        else:
            try:
                ts = parse_when(value)
            except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
                ts = parse_date_line(value)
                if ts is None:
                    problems.append((source, str(value), _why_unreadable(value)))
                    continue
        if ts is None:
            continue
        why = why_implausible(ts, today=today)
        if why:
            problems.append((source, str(value), why))
            continue
        return ts, source, problems
    return None, None, problems


_YEAR_ONE = re.compile(r"^\s*0{0,3}\d{1,3}-\d\d-\d\d")


def _why_unreadable(value: Any) -> str:
    return f"before {EARLIEST_YEAR}" if _YEAR_ONE.match(str(value)) else "not a readable date"
