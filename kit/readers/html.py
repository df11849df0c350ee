"""Reader for saved news pages (HTML).

The main text comes from trafilatura (the extractor with the best published scores on
news pages); the kit then walks the page itself, in source order, so that nothing on the
page vanishes: every block of text gets a role (see :data:`kit.schema.PARAGRAPH_ROLES`).

- blocks trafilatura kept as main text: ``body``, subheads (h2-h6) ``heading``, and
  news furniture recognised by :mod:`kit.newsclean` (``related`` for "Read More: ...",
  ``contributors`` for "With assistance from ...", ``trailer`` for outlet trailers);
- figure captions and photo credits: ``caption``; author lines: ``byline``; the deck
  (when it repeats the description): ``subtitle``; kicker, time and read-time lines: ``meta``;
- everything else (navigation, share buttons, related-story boxes, newsletter boxes,
  footers): ``boilerplate``. The headline itself is the title, not a paragraph.

Metadata comes from the page's own markup first (``og:`` and ``article:`` meta tags,
``<link rel="canonical">``, JSON-LD ``NewsArticle``, ``<time datetime>``, the byline),
then from trafilatura's metadata. Truncated HTML (no ``</html>``, cut inside a tag) still
yields what can be read, together with a ``flagged`` rejection; a page without any
article text raises :class:`~kit.readers.base.ReadError`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterator
from urllib.parse import urljoin, urlsplit

from kit import newsclean
from kit.readers.base import _KEEP_DEEP, MAX_HTML_DEPTH, ReadError, ReadOptions, Rejection, bound_html_depth, reader
from kit.readers.dates import ingest_day, pick_date
from kit.readers.fields import decode_notes, language_code, split_names
from kit.readers.html_blocks import (
    _HEADINGS,
    _READ_TIME,
    PARSER_DEPTH,
    NodeLabels,
    _Block,
    _class_words,
    _is_byline,
    _is_date_line,
    _is_meta,
    _is_standfirst,
    _norm,
    _walk_blocks,
    flatten_deep_markup,
)
from kit.readers.outlets import choose_outlet
from kit.readers.people import person_names
from kit.schema import Article

_JOB_TITLE = re.compile(r"\b(?:fellow|program|programme|editor|correspondent|reporter|director|professor|staff|"
                        r"writer|chief|bureau|contributor|analyst|researcher|associate|senior|columnist|"
                        r"department|institute|university|center|centre)\b", re.I)
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
                  "blogposting", "backgroundnewsarticle", "reviewnewsarticle", "webpage", "liveblogposting"}



def _sniff_html(head: bytes, path: str) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    return start.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head[:4096].lower()


#: a block shorter than this (in characters) is main text only when trafilatura kept exactly that
#: block; a longer one also when trafilatura's text contains it (one of several ``<br>`` lines)
MIN_MATCH_CHARS = 25

# ---------------------------------------------------------------------------
# metadata
# ---------------------------------------------------------------------------

def _meta(tree) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or m.get("http-equiv") or "").strip().lower()
        value = m.get("content")
        if key and value and value.strip():
            found.setdefault(key, []).append(" ".join(value.split()))
    return found


def _json_ld(tree) -> dict[str, Any]:
    """The first article-like object in the page's JSON-LD, or {}."""
    candidates: list[dict] = []

    def collect(obj):
        if isinstance(obj, list):
            for o in obj:
                collect(o)
        elif isinstance(obj, dict):
            if "@graph" in obj:
                collect(obj["@graph"])
            types = obj.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
                candidates.append(obj)

    for s in tree.iter("script"):
        if (s.get("type") or "").lower() != "application/ld+json" or not s.text:
            continue
        try:
            collect(json.loads(s.text))
        except ValueError:
            continue
    candidates.sort(key=lambda o: 0 if "article" in str(o.get("@type")).lower() or "posting" in str(o.get("@type")).lower() else 1)
    return candidates[0] if candidates else {}


def _ld_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id") or value.get("url")
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _strip_site(title: str, outlet: str | None) -> str:
    if outlet:
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            if title.endswith(sep + outlet):
                return title[: -len(sep + outlet)].strip()
    return title


def _first(*values):
    for v in values:
        if v is not None and str(v).strip():
            return v
    return None


# ---------------------------------------------------------------------------
# the reader
# ---------------------------------------------------------------------------

@reader("html", extensions=(".html", ".htm", ".xhtml"), sniff=_sniff_html,
        description="Saved news page (HTML): trafilatura main text plus labelled page furniture")
def read_html(data: bytes, path: str, options: ReadOptions) -> Iterator[Article | Rejection]:
    """Saved news page (HTML): trafilatura main text plus labelled page furniture.

    >>> from kit.readers.base import ReadOptions
    >>> page = (b"<html><head><meta property='og:site_name' content='Wire'></head><body>"
    ...         b"<nav>Home | World</nav><article><h1>Talks resume</h1><p>BEIJING - Envoys met on "
    ...         b"Monday for the first time in months and agreed to keep talking about trade.</p>"
    ...         b"</article><footer>(c) Wire</footer></body></html>")
    >>> art = next(read_html(page, "p.html", ReadOptions()))
    >>> art.title, art.outlet, art.dateline, [r for r, _ in art.paragraphs]
    ('Talks resume', 'Wire', 'BEIJING', ['boilerplate', 'body', 'boilerplate'])
    """
    import lxml.html
    from lxml import etree

    text, notes = _decode_html(data, path)
    flags = decode_notes(path, notes)
    truncated = _truncation(text)
    source = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    source, deep_note = _bounded_depth(source)  # pages nested deeper than the parser follows
    if deep_note:
        flags = list(flags) + [Rejection(source_path=path, reason=deep_note, status="flagged")]
    try:
        tree = lxml.html.document_fromstring(source)
    except (etree.ParserError, ValueError) as e:
        raise ReadError(path, f"not readable as HTML ({e})") from None
    meta = _meta(tree)
    ld = _json_ld(tree)
    doc = _trafilatura(source) if deep_note is None else _trafilatura(source, fast=True)  # flattened: no fallbacks

    url = _page_url(tree, meta, ld, doc)
    outlet, outlet_source = _outlet(meta, ld, doc, url, options)
    page_title = tree.find(".//title")
    page_title = " ".join(page_title.text_content().split()) if page_title is not None else None
    labels = NodeLabels(tree)
    h1 = _page_headline(tree, page_title, labels)
    title = _first(*(meta.get("og:title") or [None]), *(meta.get("twitter:title") or [None]), _ld_text(ld.get("headline")),
                   h1, getattr(doc, "title", None), page_title) or ""
    title = _strip_site(" ".join(title.split()), outlet)
    subtitle = _first(*(meta.get("og:description") or [None]), *(meta.get("description") or [None]),
                      _ld_text(ld.get("description")), getattr(doc, "description", None))
    section = _first(*(meta.get("article:section") or [None]), _ld_text(ld.get("articleSection")),
                     *((getattr(doc, "categories", None) or [None])[:1]))
    language = language_code(_first(tree.get("lang"), tree.get("xml:lang"), *(meta.get("og:locale") or [None]),
                                    _ld_text(ld.get("inLanguage")), *(meta.get("content-language") or [None]),
                                    getattr(doc, "language", None)))

    today = ingest_day(options.as_of)
    published, date_source, bad_dates = _published(meta, ld, tree, doc, url, today)
    updated, _, _ = pick_date(
        [(k, v) for k in ("article:modified_time", "og:updated_time", "datemodified", "last-modified")
         for v in meta.get(k, [])] + [("JSON-LD dateModified", _ld_text(ld.get("dateModified")))], today=today)

    blocks = _walk_blocks(tree.find("body") if tree.find("body") is not None else tree)
    main_kinds = _main_blocks(doc)
    pairs, byline, read_time = _label(blocks, main_kinds, title=title, subtitle=subtitle, section=section,
                                      labels=labels)
    furniture = {_key(_norm(b.text)) for b in blocks if labels.is_furniture(b.el)}
    pairs = _keep_extractor_text(pairs, _main_paragraphs(doc), title=title, furniture=furniture)
    if not subtitle:
        subtitle = next((t for r, t in pairs if r == "subtitle"), None)
    if not any(r == "body" for r, _ in pairs):
        raise ReadError(path, "no article text found in the HTML page"
                              + (" (the file looks truncated)" if truncated else ""))

    authors = person_names(_authors(ld, meta, doc, byline, outlet), outlets=(outlet or "",))
    contributors: list[str] = []
    for r, t in pairs:
        if r == "contributors":
            contributors.extend(n for n in newsclean.split_contributors(t) if n not in contributors)
    body = [t for r, t in pairs if r == "body"]
    extra: dict[str, Any] = {}
    tags = meta.get("article:tag") or list(getattr(doc, "tags", None) or [])
    if tags:
        extra["tags"] = tags
    if ld.get("identifier"):
        extra["source_id"] = _ld_text(ld.get("identifier"))
    yield Article(
        title=title,
        outlet=outlet,
        subtitle=" ".join(subtitle.split()) if subtitle else None,
        published=published,
        updated=updated,
        authors=authors,
        contributors=contributors,
        read_time_minutes=read_time,
        url=url.strip() if url else None,
        section=section,
        dateline=next((d for d in map(newsclean.dateline, body[:2]) if d), None),  # a lede may follow a deck
        language=language,
        paragraphs=pairs,
        source_path=path,
        source_format="html",
        source_record=1,
        extra=extra,
        date_source=date_source,
        outlet_source=outlet_source,
    )
    yield from flags
    if truncated:
        yield Rejection(source_path=path, status="flagged", reason=f"truncated HTML ({truncated}); kept what could be read")
    if bad_dates:
        yield Rejection(source_path=path, status="flagged",
                        reason="publication date candidates not used: "
                               + "; ".join(f"{k}={v!r} ({why})" for k, v, why in bad_dates)
                               + (f"; used {date_source}" if published is not None else "; kept without a date"))


def _bounded_depth(source: str) -> tuple[str, str | None]:
    """The page with levels below ``MAX_HTML_DEPTH`` flattened (:func:`bound_html_depth`) and a note;
    a page nested deeper than the parser follows is first flattened by a scan of its tags, so its
    deepest text is kept too (the parser would drop it)."""
    flat, note = bound_html_depth(source)
    if not note or not note.startswith("HTML nested deeper than the parser"):
        return flat, note
    pre, deepest = flatten_deep_markup(source, max_depth=MAX_HTML_DEPTH, keep=_KEEP_DEEP)
    flat, _ = bound_html_depth(pre)
    return flat, (f"HTML nested {deepest:,} levels deep, deeper than the parser follows ({PARSER_DEPTH:,}); "
                  f"levels below {MAX_HTML_DEPTH} were flattened before parsing (text kept)")


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_DEFAULT_CHARSETS = {"utf-8", "utf8", "windows-1252", "cp1252", "iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}


def _decode_html(data: bytes, path: str) -> tuple[str, list[str]]:
    """Decode with :func:`kit.decode.decode_bytes`, unless the page declares another charset
    (e.g. ``<meta charset="gb18030">``) that the bytes are valid in and that is not UTF-8."""
    import codecs

    from kit.decode import decode_bytes

    m = _CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii", "replace").lower() if m else None
    if declared and declared not in _DEFAULT_CHARSETS and not data.startswith(codecs.BOM_UTF8):
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = None
        if codec and codec not in ("utf-8", "cp1252", "latin-1", "ascii"):
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = data.decode(codec)
                except UnicodeDecodeError:
                    pass
                else:
                    import unicodedata as _ud

                    text = text.replace("\r\n", "\n").replace("\r", "\n")
                    return _ud.normalize("NFC", text), [f"decoded as {declared} (declared by the page)"]
    return decode_bytes(data, path)


def _truncation(text: str) -> str | None:
    tail = text.rstrip()
    reasons = []
    if tail.rfind("<") > tail.rfind(">"):
        reasons.append("cut off inside a tag")
    if re.search(r"<html", text[:4096], re.I) and not re.search(r"</html\s*>\s*(?:<!--.*?-->\s*)*$", tail, re.I | re.S):
        reasons.append("no closing </html>")
    return ", ".join(reasons) or None


def _time_elements(tree):
    times = [t for t in tree.iter("time") if t.get("datetime")]
    times.sort(key=lambda t: 0 if t.get("pubdate") is not None or "publish" in (t.get("itemprop") or "").lower() else 1)
    return times


#: Headings that label a site's menus, not a story: an ``<h1>`` reading only this is never the headline.
NAVIGATION_HEADINGS = frozenset({"sections", "menu", "navigation", "search", "subscribe", "about", "about us",
                                 "topics", "more", "related", "latest", "trending", "newsletters", "sign in"})


def _page_headline(tree, page_title: str | None, labels: NodeLabels) -> str | None:
    """The page's ``<h1>`` headline: the first one the ``<title>`` repeats, else the first that is
    neither page furniture nor a menu heading ("Sections", "Menu"), else None."""
    h1s = [(h, " ".join(h.text_content().split())) for h in tree.iter("h1")]
    h1s = [(h, t) for h, t in h1s if t]
    in_title = (page_title or "").casefold()
    for _, t in h1s:
        if in_title and t.casefold() in in_title:
            return t
    return next((t for h, t in h1s if not labels.is_furniture(h) and t.casefold() not in NAVIGATION_HEADINGS), None)


def _page_url(tree, meta: dict, ld: dict, doc) -> str | None:
    """The page's address: canonical link, og:url, JSON-LD url, trafilatura's url.

    The first absolute address (``http(s)://``) wins; a relative one (``/world/talks``, common in
    canonical links) is made absolute against the first absolute candidate, and kept as written
    only when the page has none.
    """
    canonical = next((ln.get("href") for ln in tree.iter("link")
                      if "canonical" in (ln.get("rel") or "").lower().split() and ln.get("href")), None)
    candidates = [str(v).strip() for v in (canonical, *(meta.get("og:url") or [None]), _ld_text(ld.get("url")),
                                          _ld_text(ld.get("mainEntityOfPage")), getattr(doc, "url", None))
                  if v is not None and str(v).strip()]
    absolute = [c for c in candidates if urlsplit(c).scheme in ("http", "https") and urlsplit(c).netloc]
    if not candidates:
        return None
    if candidates[0] in absolute or not absolute:
        return candidates[0]
    return urljoin(absolute[0], candidates[0])


def _outlet(meta: dict, ld: dict, doc, url: str | None, options: ReadOptions) -> tuple[str | None, str | None]:
    """``(outlet, source)``: the ``--outlet`` option, else the outlet table / site names / domain."""
    if options.outlet:
        return options.outlet, "--outlet"
    publisher = ld.get("publisher")
    candidates = [("og:site_name", v) for v in meta.get("og:site_name", [])]
    candidates += [("JSON-LD publisher", _ld_text(publisher))]
    candidates += [("application-name", v) for v in meta.get("application-name", [])]
    candidates += [("trafilatura sitename", getattr(doc, "sitename", None))]
    return choose_outlet(candidates, url, table=options.outlet_table)


#: a date in a news URL: /2019/11/20/ or /2019-11-20/
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|-|$)")


def _published(meta: dict, ld: dict, tree, doc, url: str | None, today=None):
    """``(published, source, problems)``: the first plausible date among JSON-LD, meta tags,
    ``<time datetime>``, trafilatura's (htmldate) date and the URL (:func:`kit.readers.dates.pick_date`)."""
    m = _URL_DATE.search(url or "")
    return pick_date(
        [("JSON-LD datePublished", _ld_text(ld.get("datePublished")))]
        + [("article:published_time", v) for v in meta.get("article:published_time", [])]
        + [(k, v) for k in ("datepublished", "pubdate", "publishdate", "publish-date", "date", "dc.date",
                            "dc.date.issued", "parsely-pub-date", "sailthru.date", "og:published_time")
           for v in meta.get(k, [])]
        + [("<time datetime>", t.get("datetime")) for t in _time_elements(tree)]
        + [("trafilatura date", getattr(doc, "date", None))]
        + [("URL", "-".join(m.groups()) if m else None)], today=today)


def _trafilatura(source: str, *, fast: bool = False):
    """trafilatura's extraction; ``fast`` skips its fallback extractors (readability, jusText),
    whose work grows with depth x elements: used for pages the kit had to flatten."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(source, with_metadata=True, include_comments=False, include_tables=True,
                                           include_images=False, include_links=False, deduplicate=False, fast=fast)
    except Exception:  # trafilatura gives up on some malformed pages; the kit's own walk still runs
        return None


_MAIN_TAGS = ("p", "head", "item", "quote", "cell", "code")


def _main_paragraphs(doc) -> list[tuple[str, str]]:
    """``(kind, text)`` of the innermost blocks trafilatura kept as main text, in order; kind is
    ``head`` for its headings, else ``p``."""
    body = getattr(doc, "body", None)
    if body is None:
        return []
    out = []
    for el in body.iter(*_MAIN_TAGS):
        if any(True for _ in el.iterdescendants(*_MAIN_TAGS)):
            continue  # a list, quote or table whose parts are listed on their own
        text = " ".join("".join(el.itertext()).split())
        if text:
            out.append(("head" if el.tag == "head" else "p", text))
    return out


def _main_blocks(doc) -> dict[str, str]:
    """Normalised text -> kind ('head' or 'p') of every block trafilatura kept as main text."""
    kinds: dict[str, str] = {}
    body = getattr(doc, "body", None)
    if body is None:
        return kinds
    for el in body.iter(*_MAIN_TAGS):
        t = _norm("".join(el.itertext()))
        if t:
            kinds.setdefault(t, "head" if el.tag == "head" else "p")
    return kinds


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def _news_label(b: _Block) -> tuple[str | None, str]:
    """The :func:`kit.newsclean.label_block` role of a block and the text to keep: inline elements
    are read apart (a space at each element edge) when only that reading is recognised, so that
    ``<span>Read more</span><a>Balloon ...</a>`` becomes ``related`` "Read more Balloon ..."."""
    role = newsclean.label_block(b.text)
    if role is None and b.spaced and b.spaced != b.text:
        role = newsclean.label_block(b.spaced)
        if role is not None:
            return role, b.spaced
    return role, b.text


@dataclass
class _Story:
    """What labelling knows about the page before it looks at one block: which blocks the
    extractor kept (``is_main``), the story's span of blocks (``lo`` to ``hi``), whether the page
    has an ``<article>``, the normalised title and subtitle, and each element's inherited labels."""

    main_kinds: dict[str, str]
    is_main: list[bool]
    lo: int
    hi: int
    has_article: bool
    title_n: str
    subtitle_n: str
    section: str | None
    labels: NodeLabels


def _main_flags(blocks: list[_Block], main_kinds: dict[str, str], labels: NodeLabels) -> list[bool]:
    """Step 1: which blocks are main text: trafilatura kept them (exactly, or, for a block of at
    least ``MIN_MATCH_CHARS``, inside a longer paragraph) and they are not furniture; when
    trafilatura found nothing, the long paragraphs that are not furniture."""
    if not main_kinds:
        return [b.tag in ("p", "blockquote", "li") and len(b.text.split()) >= 12 and not labels.is_furniture(b.el)
                for b in blocks]
    main_text = "\n".join(main_kinds)
    # the same text with punctuation and spaces removed, so small differences in how the
    # extractor rendered a paragraph (dropped inline markup, quotes) do not lose it
    main_keys = {_key(t) for t in main_kinds}
    main_key_text = "|".join(main_keys)
    flags = []
    for b in blocks:
        n = _norm(b.text)
        k = _key(n)
        found = n in main_kinds or k in main_keys or (len(n) >= MIN_MATCH_CHARS and (n in main_text or k in main_key_text))
        flags.append(bool(k) and found and not labels.is_furniture(b.el))
    return flags


def _story(blocks: list[_Block], main_kinds: dict[str, str], labels: NodeLabels, *, title: str,
           subtitle: str | None, section: str | None) -> _Story:
    """Step 2: the page-level facts every block's role depends on."""
    is_main = _main_flags(blocks, main_kinds, labels)
    main_idx = [i for i, m in enumerate(is_main) if m]
    lo, hi = (main_idx[0], main_idx[-1]) if main_idx else (0, -1)
    has_article = any("article" in labels.ancestors(b.el) for b in blocks)
    return _Story(main_kinds, is_main, lo, hi, has_article, _norm(title), _norm(subtitle or ""), section, labels)


def _headline(b: _Block, i: int, n: str, story: _Story) -> str | None:
    """Step 3, until the headline is seen: ``"title"`` for the block that repeats the article's
    title (dropped: it is the title), ``"h1"`` for an on-page headline that differs from it (kept
    as a ``title`` paragraph), else None."""
    if story.title_n and n == story.title_n and (b.tag in _HEADINGS or story.is_main[i]):
        return "title"
    if b.tag == "h1" and i <= story.lo and not story.labels.is_furniture(b.el):
        return "h1"
    return None


def _furniture_free_role(b: _Block, i: int, n: str, story: _Story, *, in_region: bool, body_seen: bool) -> str | None:
    """Step 4: the roles only a block outside page furniture can take, from the HTML around it
    and its own short text: ``caption``, ``meta`` (a date or read-time line, a kicker), ``byline``,
    ``subtitle`` (a deck); None for anything else."""
    labels = story.labels
    around = labels.ancestors(b.el)
    if "figcaption" in around or (not story.is_main[i] and "figure" in around):
        return "caption"
    before = in_region or i < story.lo
    if before and _is_date_line(b.text):
        return "meta"
    if before and _is_byline(b, labels):
        return "byline"
    if (in_region or i <= story.lo) and _is_standfirst(b, n, story.is_main[i], not body_seen, story.subtitle_n, labels):
        return "subtitle"
    if before and _is_meta(b, story.section, labels):
        return "meta"
    return None


def _text_role(b: _Block, i: int, n: str, story: _Story, *, in_region: bool, furniture: bool,
               in_trailer: bool) -> tuple[str, str]:
    """Step 5: the role of a block by what it says: main text is ``heading``, news furniture
    recognised by :mod:`kit.newsclean` or ``body``; other text in the story is a subhead, news
    furniture or ``boilerplate``; page furniture is ``boilerplate`` (or ``related``)."""
    if story.is_main[i]:
        if b.tag in _HEADINGS or story.main_kinds.get(n) == "head":
            return "heading", b.text
        role, text = _news_label(b)
        if role is None and in_trailer and len(b.text.split()) <= 20 and not b.text.endswith((".", "”", '"')):
            role = "trailer"
        return role or "body", text
    if in_region and not furniture and b.tag in _HEADINGS and b.tag != "h1" and story.lo < i < story.hi:
        return "heading", b.text  # a subhead between story paragraphs that the extractor left out
    role, text = _news_label(b)
    if in_region and not furniture:
        return role or "boilerplate", text
    # page furniture is boilerplate, except a cross-link box ("Read more" + a headline link)
    return ("related", text) if role == "related" else ("boilerplate", b.text)


def _label(blocks: list[_Block], main_kinds: dict[str, str], *, title: str, subtitle: str | None,
           section: str | None, labels: NodeLabels | None = None):
    """Every block's ``(role, text)`` in page order, the byline block and the read time.

    Linear in the page: inherited labels come from one pass (:class:`NodeLabels`), and each block
    is labelled by the named steps above from what is known so far."""
    if labels is None and blocks:
        labels = NodeLabels(blocks[0].el)
    story = _story(blocks, main_kinds, labels, title=title, subtitle=subtitle, section=section)
    pairs: list[tuple[str, str]] = []
    byline, read_time = None, None
    title_seen = body_seen = in_trailer = False
    for i, b in enumerate(blocks):
        n = _norm(b.text)
        if not title_seen:
            head = _headline(b, i, n, story)
            if head is not None:
                title_seen = True
                if head == "h1":
                    pairs.append(("title", b.text))  # an on-page headline that differs from the metadata title
                continue
        in_region = "article" in labels.ancestors(b.el) if story.has_article else story.lo <= i <= story.hi
        furniture = labels.is_furniture(b.el)
        role = None if furniture else _furniture_free_role(b, i, n, story, in_region=in_region, body_seen=body_seen)
        text = b.text
        if role is None:
            role, text = _text_role(b, i, n, story, in_region=in_region, furniture=furniture, in_trailer=in_trailer)
        in_trailer = in_trailer or role == "trailer"
        body_seen = body_seen or role == "body"
        if role == "byline" and byline is None:
            byline = b
        if role == "meta" and read_time is None and (m := _READ_TIME.match(b.text)):
            read_time = int(m.group(1))
        pairs.append((role, text))
    return pairs, byline, read_time


#: Share of trafilatura's main text (in letters and digits) that the kit's body and subheads must
#: keep. Below it the kit's cleanup lost text the extractor found (a ``<br>``-separated body, a
#: wrapper mistaken for furniture), and trafilatura's paragraphs become the body instead.
MIN_EXTRACTOR_COVERAGE = 0.9
#: roles the fallback keeps from the kit's own labelling around the extractor's paragraphs
_KEPT_AROUND_BODY = {"title", "subtitle", "byline", "meta", "caption"}


def _coverage(pairs: list[tuple[str, str]], main_paras: list[tuple[str, str]]) -> float:
    """Share of the extractor's main text (in letters and digits) that the kit's body and subheads
    hold: a paragraph of the extractor counts whole when the kit's text contains it, else by the
    kit paragraphs it contains (the extractor sometimes runs several page blocks together)."""
    kit = [_key(_norm(t)) for r, t in pairs if r in ("body", "heading")]
    kit_set = set(kit)
    kit_text = "|".join(kit)
    covered = total = cursor = 0
    for _, text in main_paras:
        k = _key(_norm(text))
        total += len(k)
        if k in kit_set:  # the usual case, found without searching the whole text
            covered += len(k)
            continue
        # the paragraphs come in page order: search on from the last one found first
        at = kit_text.find(k, cursor)
        if at >= 0:
            cursor = at + len(k)
            covered += len(k)
        else:
            covered += len(k) if k in kit_text else min(len(k), sum(len(p) for p in kit if p and p in k))
    return covered / total if total else 1.0


def _keep_extractor_text(pairs: list[tuple[str, str]], main_paras: list[tuple[str, str]], *,
                         title: str, furniture: set[str] = frozenset()) -> list[tuple[str, str]]:
    """The kit's labelled blocks, unless they keep clearly less of the main text than trafilatura
    found (see :data:`MIN_EXTRACTOR_COVERAGE`): then trafilatura's paragraphs are the body
    (subheads ``heading``, news furniture labelled by :func:`kit.newsclean.label_block`), placed
    where the kit's story began, and every other block keeps its role (blocks the kit called body
    that the extractor left out become ``boilerplate``; nothing is dropped). ``furniture`` holds the
    keys of blocks the kit found inside page furniture (``nav``, ``footer``, a share box): the
    extractor's copies of those are left where the kit put them."""
    # the extractor's copies of the headline, standfirst, byline, date lines and captions stay
    # where the kit put them
    placed = {_key(_norm(title))} | {_key(_norm(t)) for r, t in pairs if r in _KEPT_AROUND_BODY} | set(furniture)
    main_paras = [(k, t) for k, t in main_paras if _key(_norm(t)) not in placed]
    kept = [(r if r not in _KEPT_AROUND_BODY else "body", t) for r, t in pairs]
    kept += [("body", title)]
    if _coverage(kept, main_paras) >= MIN_EXTRACTOR_COVERAGE:
        return pairs
    main_keys = {_key(_norm(t)) for _, t in main_paras}
    story = []
    for kind, text in main_paras:
        role = "heading" if kind == "head" else (newsclean.label_block(text) or "body")
        story.append((role, text))
    # the extractor's story goes where the kit's first body block (or its first main block) was
    at = next((i for i, (r, t) in enumerate(pairs) if r in ("body", "heading") or _key(_norm(t)) in main_keys),
              None)
    before, after = (pairs[:at], pairs[at:]) if at is not None else (pairs, [])
    # a kit block the extractor also kept is now part of the story, unless the kit recognised it
    # as one of the story's own furniture (byline, date line, caption, standfirst)
    keep = lambda r, t: r in _KEPT_AROUND_BODY or _key(_norm(t)) not in main_keys  # noqa: E731 (a one-line helper)
    relabel = lambda r: "boilerplate" if r in ("body", "heading") else r  # noqa: E731 (a one-line helper)
    return ([(relabel(r), t) for r, t in before if keep(r, t)] + story
            + [(relabel(r), t) for r, t in after if keep(r, t)])


def _byline_names(byline: _Block | None, *, structured: bool, drop: tuple[str, ...]) -> list[str]:
    """Names in the byline: its author links/spans when ``structured``, else its text."""
    if byline is None:
        return []
    if structured:
        found = []
        for el in byline.el.iter():
            if not isinstance(el.tag, str):
                continue
            href = (el.get("href") or "").lower()
            if (el.tag == "a" and (re.search(r"/(?:authors?|experts?|people|staff|profiles?|contributors?|by)/", href)
                                   or "author" in (el.get("rel") or "").lower())) \
                    or (el.tag != "a" and _class_words(el) & {"author", "name", "author-name"} and el is not byline.el):
                found.append(" ".join(el.text_content().split()))
        return split_names(found, drop=drop)
    text = re.split(r"\s[·•|]\s|\s[—–]\s", byline.text)[0]
    return [n for n in split_names(text, drop=drop) if not _JOB_TITLE.search(n) and not _is_date_line(n)]


def _authors(ld: dict, meta: dict, doc, byline: _Block | None, outlet: str | None) -> list[str]:
    drop = (outlet or "",)
    ld_author = ld.get("author")
    if ld_author:
        items = ld_author if isinstance(ld_author, list) else [ld_author]
        names = split_names([(_ld_text(a) or "") for a in items], drop=drop)
        names = [n for n in names if not n.startswith("http")]
        if names:
            return names
    for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator"):
        names = [n for v in meta.get(key, []) for n in split_names(v, drop=drop) if not n.startswith("http")]
        if names:
            return names
    names = _byline_names(byline, structured=True, drop=drop)
    if names:
        return names
    if getattr(doc, "author", None):
        names = [n for n in split_names(doc.author, drop=drop) if not _JOB_TITLE.search(n)]
        if names:
            return names
    return _byline_names(byline, structured=False, drop=drop)
