"""Outlet names: one canonical name per publication, from a bundled, user-extendable table.

Pages name their publisher in many ways (``og:site_name`` "usatoday", a JSON-LD publisher
"USA TODAY", the domain ``usatoday.com``), and some name something else (a section "U.S.", a
hosting label "Hosted", a Twitter handle "@politifact", a slogan). :func:`choose_outlet` looks
every candidate up in the outlet table (``kit/resources/outlets.csv``: a domain or a name variant
-> the canonical name; user files with the same columns extend it), and falls back to the first
candidate that reads as a name, then to the domain. It returns where the value came from, for
the ``outlet_source`` column.

User tables may also hold path patterns (a ``match`` with ``/`` or ``*``, e.g. ``data/guardian/*``)
that name the outlet of plain files: :func:`outlet_for_path`.
"""
from __future__ import annotations

import csv
import fnmatch
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from kit.errors import KitError

#: candidates that name something other than the publisher (sections, hosting labels, page words)
NOT_OUTLETS = {"hosted", "home", "homepage", "news", "u.s.", "us", "world", "politics", "opinion", "business",
               "video", "videos", "latest", "breaking news", "index", "article", "articles", "blog", "website"}
#: a site name longer than this (in words) is a slogan, not a name
MAX_NAME_WORDS = 6


def _squash(text: str) -> str:
    """A name with case, spaces, punctuation and a leading "the" folded away ("thedailycaller",
    "The Daily Caller" -> "dailycaller"), so spellings run together still find their outlet."""
    text = re.sub(r"[\W_]+", "", _key(text))
    return text[3:] if text.startswith("the") and len(text) > 6 else text


_SCHEME = re.compile(r"^https?://")
_WWW = re.compile(r"^www\d?\.")


@lru_cache(maxsize=8192)
def _key(text: str) -> str:
    # memoised (a pure function of its string; looked up ~1,900 times a quotes run), patterns compiled once
    text = text.strip().casefold()
    text = _SCHEME.sub("", text)
    text = _WWW.sub("", text)
    return " ".join(text.rstrip("/").split())


@dataclass
class OutletTable:
    """Name variants and domains -> canonical outlet, plus path patterns for plain files."""

    names: dict[str, str] = field(default_factory=dict)
    domains: dict[str, str] = field(default_factory=dict)
    paths: list[tuple[str, str]] = field(default_factory=list)
    squashed: dict[str, str] = field(default_factory=dict)  # _squash(name or canonical) -> outlet

    def extend(self, rows: Iterable[tuple[str, str]]) -> "OutletTable":
        """Add ``(match, outlet)`` rows: a path pattern (with ``/``, ``*`` or ``?``), a domain, or a name.

        >>> table = OutletTable().extend([("harbortimes.example", "Harbor Times"), ("HT", "Harbor Times")])
        >>> table.lookup_domain("www.harbortimes.example"), table.lookup_name("ht")
        ('Harbor Times', 'Harbor Times')
        """
        for match, outlet in rows:
            match, outlet = match.strip(), " ".join(outlet.split())
            if not match or not outlet:
                continue
            if "/" in match or "*" in match or "?" in match:
                self.paths.append((match, outlet))
            elif re.fullmatch(r"(?:[\w-]+\.)+[a-z]{2,}", _key(match)):
                self.domains[_key(match)] = outlet
            else:
                self.names[_key(match)] = outlet
                self.squashed[_squash(match)] = outlet
            self.squashed.setdefault(_squash(outlet), outlet)
        return self

    def lookup_name(self, value: str | None) -> str | None:
        """The outlet of a name variant (case and spacing aside), or None.

        >>> OutletTable().extend([("Harbor Times Online", "Harbor Times")]).lookup_name("harbor  times online")
        'Harbor Times'
        """
        return self.names.get(_key(value)) if value else None

    def lookup_squashed(self, value: str | None) -> str | None:
        """The outlet of a name written without spaces or "the" ("thehuffingtonpost", "usatoday").

        >>> bundled_table().lookup_squashed("usatoday")
        'USA Today'
        """
        key = _squash(value) if value else ""
        return self.squashed.get(key) if len(key) >= 2 else None

    def lookup_domain(self, host: str | None) -> str | None:
        """The outlet of a host name or of any of its parent domains (``edition.cnn.com`` -> ``cnn.com``).

        >>> bundled_table().lookup_domain("edition.cnn.com")
        'CNN'
        """
        if not host:
            return None
        parts = _key(host).split(".")
        for k in range(len(parts) - 1):
            hit = self.domains.get(".".join(parts[k:]))
            if hit:
                return hit
        return None


def _rows(text: str, where: str) -> list[tuple[str, str]]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if not reader.fieldnames or not {"match", "outlet"} <= {f.strip() for f in reader.fieldnames}:
        raise KitError(f"{where}: an outlet table needs the columns 'match' and 'outlet' "
                       f"(found: {', '.join(reader.fieldnames or []) or 'none'})")
    return [((r.get("match") or ""), (r.get("outlet") or "")) for r in reader]


@lru_cache(maxsize=1)
def bundled_table() -> OutletTable:
    """The outlet table shipped with the kit (``kit/resources/outlets.csv``).

    >>> bundled_table().lookup_name("USA TODAY")
    'USA Today'
    """
    text = resources.files("kit").joinpath("resources/outlets.csv").read_text(encoding="utf-8")
    return OutletTable().extend(_rows(text, "kit/resources/outlets.csv"))


def load_outlet_table(path: str | Path | None = None) -> OutletTable:
    """The bundled table extended (and overridden) by a user's CSV file with columns ``match,outlet``.

    >>> load_outlet_table().lookup_name("USA TODAY")
    'USA Today'
    """
    base = bundled_table()
    table = OutletTable(dict(base.names), dict(base.domains), list(base.paths), dict(base.squashed))
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise KitError(f"{p}: no such outlet table")
        table.extend(_rows(p.read_text(encoding="utf-8-sig"), str(p)))
    return table


def reads_as_name(value: str | None) -> bool:
    """A site name that can be an outlet: not a URL, handle, section word or slogan.

    >>> [reads_as_name(v) for v in ["Pacific Policy Forum", "@politifact", "U.S.", "https://x.example"]]
    [True, False, False, False]
    """
    if not value or not value.strip():
        return False
    v = value.strip()
    if v.startswith(("@", "http://", "https://")) or "/" in v or "www." in v:
        return False
    if v.casefold() in NOT_OUTLETS or len(v.split()) > MAX_NAME_WORDS:
        return False
    return any(ch.isalpha() for ch in v)


def choose_outlet(candidates: list[tuple[str, str | None]], url: str | None = None, *,
                  table: OutletTable | None = None) -> tuple[str | None, str | None]:
    """``(outlet, source)`` from site-name candidates (``(source, value)``, in order of trust) and the page URL.

    >>> choose_outlet([("og:site_name", "U.S.")], "https://www.reuters.com/world/us/x")
    ('Reuters', 'outlet table (domain)')
    >>> choose_outlet([("og:site_name", "usatoday")])
    ('USA Today', 'outlet table (og:site_name)')
    >>> choose_outlet([("og:site_name", "Pacific Policy Forum")])
    ('Pacific Policy Forum', 'og:site_name')
    """
    table = table or bundled_table()
    host = urlsplit(url).hostname if url and "//" in url else None
    hit = table.lookup_domain(host)
    if hit:
        return hit, "outlet table (domain)"
    for source, value in candidates:
        hit = table.lookup_name(value)
        if hit:
            return hit, f"outlet table ({source})"
    for source, value in candidates:
        if reads_as_name(value):
            return " ".join(value.split()), source
    if host:
        return _key(host), "domain"
    return None, None


def normalise_outlet(value: str | None, table: OutletTable | None = None) -> tuple[str | None, str | None]:
    """``(outlet, how)`` for an outlet value a table or export gives: its canonical name from the
    outlet table (``how`` = ``outlet table``), else the value with its spaces tidied (``how`` = None).

    The value is looked up as a name variant ("USA TODAY"), as a domain or address
    ("breitbart.com", "https://www.cnn.com/"), then with case, spaces and a leading "the" folded
    ("thehuffingtonpost").

    >>> [normalise_outlet(v)[0] for v in ["breitbart", "Breitbart News", "breitbart.com", "thedailycaller"]]
    ['Breitbart', 'Breitbart', 'Breitbart', 'The Daily Caller']
    >>> normalise_outlet("  Harbor   Street Weekly ")
    ('Harbor Street Weekly', None)
    """
    if value is None or not str(value).strip():
        return None, None
    value = " ".join(str(value).split())
    table = table or bundled_table()
    host = urlsplit(value).hostname if "//" in value else (value if re.fullmatch(r"(?:[\w-]+\.)+[a-z]{2,}", _key(value))
                                                          else None)
    hit = table.lookup_name(value) or table.lookup_domain(host) or table.lookup_squashed(value)
    return (hit, "outlet table") if hit else (value, None)


def outlet_for_path(path: str, table: OutletTable) -> str | None:
    """The outlet a user's table gives a file path (first matching pattern), or None.

    >>> t = OutletTable().extend([("guardian/*", "The Guardian")])
    >>> outlet_for_path("guardian/2023-07-08.txt", t), outlet_for_path("other/a.txt", t)
    ('The Guardian', None)
    """
    for pattern, outlet in table.paths:
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, "*/" + pattern):
            return outlet
    return None
