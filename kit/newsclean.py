"""News page furniture: the rules that tell body text from cross-links, contributor lines,
trailers and other boilerplate. Shared by the web-copy and HTML readers so both label a page
the same way.

The rules are patterns over one block (a paragraph or stand-alone line):

* ``related``: cross-links such as ``Read More: <headline>``, ``Related: ...``, ``Related coverage:
  ...``, ``See also: ...``; a label of two or more words may also be followed by the headline
  without a colon (``Read more Balloon fallout``, as HTML link boxes render);
* ``contributors``: ``—With assistance from A, B and C.`` (any dash or none), ``Additional
  reporting by ...``, ``Reporting by ...; Editing by ...``, ``A and B contributed reporting (from
  ...).``, ``A contributed to this report.``;
* ``trailer``: outlet furniture after a story: ``More Must-Reads From <Outlet>``, ``More from
  <Outlet>:``, ``Contact us at ...``, ``Write to ... at ...``, newsletter sign-ups, ``Click here to
  subscribe ...``, ``Follow <Outlet> on Facebook ...``, ``Copyright``/``©`` lines;
* ``boilerplate``: share buttons and similar one-word controls (``Share``, ``Print``, ``Email``,
  ``Share on X``, ``Advertisement``);
* ``caption``: photo credits (``Photo: ...``, ``(Photo by ... / Agency)``).

Anything else is left to the caller (body, heading, ...).
"""
from __future__ import annotations

import re
from itertools import repeat

_DASH = r"[\-\u2010-\u2015\u2212]*"

_RELATED_LABEL = (r"read more|related(?: coverage| stories| story| articles?| reading| content| links?)?|see also|"
                  r"read also|more on this(?: story| topic)?|also read|further reading|read next|recommended(?: reading)?")
_RELATED = re.compile(
    rf"^\s*(?:(?:{_RELATED_LABEL})\s*[:\-\u2013\u2014]\s*\S"
    # several-word labels may run into the headline (link boxes): "Read more Balloon fallout"
    rf"|(?i:read more|see also|read also|also read|further reading|read next|related (?:coverage|stories|articles?))"
    r"\s+(?-i:[A-Z0-9\u201c\"\u2018']))",
    re.I,
)
_RELATED_STRIP = re.compile(rf"^\s*(?:{_RELATED_LABEL})\s*[:\-\u2013\u2014]?\s*", re.I)
_CONTRIB = re.compile(
    rf"^\s*{_DASH}\s*(with (additional )?assistance from|additional reporting by|reporting by|"
    rf"with reporting by|contributing:|written with)\s*(?P<names>.+?)\s*\.?\s*$",
    re.I,
)
_NAME = r"[A-Z][\w'\u2019.\-]*(?:\s+(?:[A-Z][\w'\u2019.\-]*|de|van|von|da|al|bin|la|le))*"
_CONTRIB_AFTER = re.compile(
    rf"^\s*{_DASH}\s*(?P<names>{_NAME}(?:\s+in\s+{_NAME})?(?:\s*(?:,|\band\b|&)\s*{_NAME}(?:\s+in\s+{_NAME})?)*)\s+"
    r"contributed(?:\s+(?:additional\s+)?reporting|\s+to\s+this\s+(?:report|story|article))"
    r"(?:\s++(?:from|in)\s++[^.]{1,60})?\s*+\.?\s*+$"  # possessive: no cubic re-scan of trailing spaces
)
_MUST_READS = re.compile(r"^\s*more\s+must[\s\-]*reads?\s+from\s+(?P<outlet>.+?)\s*$", re.I)
_TRAILER = re.compile(
    r"^\s*(contact us at\b|write to\b.+\bat\b|sign up for\b|subscribe to\b|get our\b.*\bnewsletter|"
    r"newsletter\b|copyright\b|\u00a9|all rights reserved|follow us on\b|this story was (first )?published\b|"
    r"\(c\)\s*\d{4}|(?:click|tap) here to (?:subscribe|sign up|register|get|receive|download|follow)\b|"
    r"follow\s+(?:us|(?-i:[A-Z])[\w'\u2019&.\-]*(?:\s+[\w'\u2019&.\-]+){0,5}?)\s+on\s+"
    r"(?:facebook|twitter|x|instagram|linkedin|threads|bluesky|tiktok|youtube|mastodon)\b|"
    r"more from\s+[^.!?]{1,60}?:?\s*$)",
    re.I,
)
_BOILER = re.compile(
    r"^\s*(share( (on|via) \w+( \w+)?| this( article| story)?)?|print|email|e-mail|copy link|tweet|"
    r"advertisement|skip to (main )?content|comments?|save|listen( to (this|the) (article|story))?|"
    r"\d+ comments?)\s*$",
    re.I,
)
_CAPTION = re.compile(r"^\s*(photo|photograph|image|credit|illustration)\s*:|^\s*\((photo|photograph) by\b", re.I)


#: The rules of :func:`label_block` but ``_CONTRIB_AFTER`` (tried only on blocks holding
#: "contributed") as one pattern: every alternative is anchored at the block's start, so it
#: matches a block exactly when one of the rules does (see :func:`may_label`).
_ANY_ROLE = re.compile("|".join(rule.pattern for rule in (_RELATED, _CONTRIB, _MUST_READS, _TRAILER, _BOILER, _CAPTION)),
                       re.I)


def may_label(blocks: list[str]) -> bool:
    """False when :func:`label_block` gives ``None`` for every one of ``blocks`` (one pattern tried
    per block, in C, instead of each rule); True when some block may get a role.

    >>> may_label(["Talks resumed.", "The envoy left."]), may_label(["Talks resumed.", "Share"])
    (False, True)
    """
    return any(map(str.__contains__, blocks, repeat("contributed"))) or any(map(_ANY_ROLE.match, blocks))


def label_block(text: str) -> str | None:
    """The furniture role of one block of text, or ``None`` when it looks like story text.

    >>> label_block("Read More: Inside the Balloon Hunt")
    'related'
    >>> label_block("—With assistance from Ana Ruiz and Tom Becker.")
    'contributors'
    >>> label_block("More Must-Reads From Harbor Street Weekly")
    'trailer'
    >>> label_block("Share on X")
    'boilerplate'
    >>> label_block("The talks lasted more than seven hours.") is None
    True
    """
    if _RELATED.match(text):
        return "related"
    if _CONTRIB.match(text) or ("contributed" in text and _CONTRIB_AFTER.match(text)):  # (a cheap test first)
        return "contributors"
    if _MUST_READS.match(text) or _TRAILER.match(text):
        return "trailer"
    if _BOILER.match(text):
        return "boilerplate"
    if _CAPTION.match(text):
        return "caption"
    return None


def related_headline(text: str) -> str:
    """The headline a cross-link points to.

    >>> related_headline("Read More: Why the Balloon Matters")
    'Why the Balloon Matters'
    >>> related_headline("Read more Balloon fallout continues")
    'Balloon fallout continues'
    """
    stripped = _RELATED_STRIP.sub("", text, count=1)
    if stripped == text:
        stripped = re.sub(r"^\s*[^:\-\u2013\u2014]+[:\-\u2013\u2014]\s*", "", text, count=1)
    return stripped.strip()


def split_contributors(line: str) -> list[str]:
    """Names in a contributor line, in order.

    >>> split_contributors("—With assistance from Ana Ruiz, Tom Becker and Li Wen.")
    ['Ana Ruiz', 'Tom Becker', 'Li Wen']
    >>> split_contributors("--With assistance from Ana Ruiz")
    ['Ana Ruiz']
    >>> split_contributors("Reporting by Ana Ruiz; Editing by Tom Becker")
    ['Ana Ruiz', 'Tom Becker']
    >>> split_contributors("Jane Smith in Washington and Li Wen contributed reporting from Beijing.")
    ['Jane Smith', 'Li Wen']
    """
    m = _CONTRIB.match(line) or _CONTRIB_AFTER.match(line)
    if not m:
        return []
    names = re.sub(r"\s+in\s+" + _NAME + r"(?=\s*(?:,|\band\b|&|$))", "", m.group("names"))
    names = re.sub(r"\b(editing|edited|additional reporting|writing) by\b", ",", names, flags=re.I)
    parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", names)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def outlet_from_trailer(lines: list[str]) -> str | None:
    """The outlet named in trailer lines (``More Must-Reads From X``), if any.

    >>> outlet_from_trailer(["More Must-Reads From Harbor Street Weekly", "Contact us at x@y.example."])
    'Harbor Street Weekly'
    """
    for line in lines:
        m = _MUST_READS.match(line)
        if m:
            return m.group("outlet").strip(" .")
    for line in lines:
        m = re.match(r"^\s*(?:this story was (?:first )?published (?:by|in|on)|copyright \d{4})\s+(?P<o>[A-Z][\w&' ]+?)[.,]?\s*$", line, re.I)
        if m:
            return m.group("o").strip()
    return None


_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\-]{1,40}?(?:,\s*[A-Z][A-Za-z.]{1,15}(?:\s+[A-Za-z.]{1,15}){0,2}(?:\s*\d{1,2})?)?)"
    r"\s*(?:\((?P<agency>[^)]{2,40})\))?\s*(?:--|[\u2013\u2014\-])\s+"
)


def dateline(paragraph: str) -> str | None:
    """The place of a dateline opening a paragraph (``BEIJING (Wire) — ...``), upper-case only.

    >>> dateline("BEIJING (Continental Wire) - Talks opened on Sunday.")
    'BEIJING'
    >>> dateline("WASHINGTON, Nov 15 (Continental Wire) - The two leaders met.")
    'WASHINGTON'
    >>> dateline("WASHINGTON — The Pentagon said on Thursday ...")
    'WASHINGTON'
    >>> dateline("The talks opened on Sunday.") is None
    True
    """
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    place = m.group("place").split(",")[0].strip()
    return place if place.upper() == place and len(place) >= 2 else None
