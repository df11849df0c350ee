"""The blocks of a saved news page and what the HTML says about each (used by :mod:`kit.readers.html`).

:func:`_walk_blocks` cuts the page into text blocks in source order, each with the block element
that holds it. :class:`NodeLabels` then reads, in **one pass over the page**, what every element
inherits from its ancestors: inside page furniture (``nav``, ``aside``, ``footer``,
``role="navigation"``, ... below the article), inside a byline wrapper, inside an ``article``,
``figure`` or ``figcaption``. Each block's labels are then dictionary look-ups, so labelling is
linear in the size of the page however deeply it nests (it used to walk every ancestor of every
block: depth x blocks). Class words are read only on the element holding the text and at most
:data:`CLASS_DEPTH` levels above it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from kit.readers.fields import parse_when

_SKIP = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "head", "title",
         "meta", "link", "select", "option", "textarea", "canvas", "video", "audio", "picture", "source", "img",
         "input", "base"}
_BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "figcaption", "pre", "td", "th",
          "caption", "div", "section", "article", "header", "footer", "aside", "nav", "main", "figure", "ul", "ol",
          "dl", "form", "table", "tr", "tbody", "thead", "tfoot", "address", "hr", "fieldset", "legend", "details",
          "summary", "body", "html", "center", "menu", "hgroup", "dialog"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
#: tags that make everything inside them furniture (not ``form``: ASP.NET pages wrap the whole page in one)
_FURNITURE_TAGS = {"nav", "aside", "footer", "button"}
_FURNITURE_ROLES = {"navigation", "complementary", "contentinfo", "banner", "search"}
_FURNITURE_WORDS = {"share", "sharing", "social", "newsletter", "related", "subscribe", "subscription", "signup",
                    "promo", "advert", "advertisement", "ad", "ads", "cookie", "cookies", "comments", "comment",
                    "footer", "nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "sidebar", "toolbar", "masthead",
                    "recirc", "paywall", "popular", "trending"}
_BYLINE_WORDS = {"byline", "author", "authors", "writer", "contributor", "by-line"}
_KICKER_WORDS = {"kicker", "eyebrow", "overline", "rubric", "category", "label", "flag"}
_DEK_WORDS = {"dek", "deck", "standfirst", "subtitle", "strapline", "sub-title", "summary", "excerpt"}

#: What separates the words of a ``class``/``id`` attribute: white space, underscores, hyphens.
_CLASS_SEP = re.compile(
    r"""
    [\s_\-]+    # one or more separators
    """,
    re.VERBOSE,
)
#: A byline written out: "By" and a capital letter.
_BY = re.compile(
    r"""
    ^By \s+ [A-Z]    # "By", white space, the first letter of a name
    """,
    re.VERBOSE,
)
#: A "Published:" / "Updated" / "Posted" label before a date line.
_DATE_LABEL = re.compile(
    r"""
    ^(?:published|updated|posted) \s* :? \s*    # the label, an optional colon
    """,
    re.VERBOSE | re.IGNORECASE,
)
#: A read-time line: "5 min read", "12 minutes read".
_READ_TIME = re.compile(
    r"""
    ^(\d+) [\s-]*                      # the number of minutes
    (?:min|mins|minute|minutes) \.?    # the unit
    \s+ read$                          # "read"
    """,
    re.VERBOSE | re.IGNORECASE,
)
#: Tags where inherited furniture and byline labels stop (the story's own wrappers).
_STORY_TAGS = {"article", "body", "html"}
_BYLINE_STOP = {"article", "body", "main"}
#: Ancestor tags whose presence labelling asks about.
_TRACKED = {"article", "figure", "figcaption"}
#: How many levels above the element holding the text class words are read (a deck's or kicker's
#: class sits on the element or its parent; wrappers further up name the whole story).
CLASS_DEPTH = 3

def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


_EDGE = "\x00"  # marks an inline element's start or end inside a block's text (never in parsed HTML text)


@dataclass
class _Block:
    el: Any
    tag: str
    text: str
    has_time: bool = False  # a <time> element is part of this block's own text
    spaced: str = ""  # the text with a space at every inline element edge ("Read more" + link)


def _walk_blocks(root) -> list[_Block]:
    """Text blocks of the page in source order, each with the block element that holds it."""
    out: list[_Block] = []
    buf: list[str] = []
    state = {"time": False}

    def flush(owner):
        joined = "".join(buf)
        text = " ".join(joined.replace(_EDGE, "").split())
        buf.clear()
        if text:
            spaced = " ".join(joined.replace(_EDGE, " ").split())
            out.append(_Block(owner, owner.tag.lower() if isinstance(owner.tag, str) else "", text, state["time"],
                              spaced))
        state["time"] = False

    def walk(el, owner):
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if tag is None or tag in _SKIP:
            return
        if tag == "br":
            buf.append("\n")
            return
        if tag == "time":
            state["time"] = True
        if tag in _BLOCK:
            flush(owner)
            buf.append(el.text or "")
            for ch in el:
                walk(ch, el)
                buf.append(ch.tail or "")
            flush(el)
        else:
            buf.append(_EDGE + (el.text or ""))
            for ch in el:
                walk(ch, owner)
                buf.append(ch.tail or "")
            buf.append(_EDGE)

    walk(root, root)
    flush(root)
    return out


def _class_words(el) -> frozenset[str]:
    """The lower-case words of an element's ``class``, ``id``, ``itemprop``, ``rel``,
    ``data-component`` and ``data-type`` attributes."""
    words: set[str] = set()
    if not isinstance(el.tag, str):
        return frozenset()
    for attr in ("class", "id", "itemprop", "rel", "data-component", "data-type"):
        value = el.get(attr)
        if value:
            words.update(w.lower() for w in _CLASS_SEP.split(value) if w)
    return frozenset(words)


class NodeLabels:
    """What every element of a page inherits from its ancestors, computed top-down in one pass.

    For each element: ``furniture`` (inside a furniture element by tag or ARIA role, below the
    article), ``byline`` (inside an element with a byline class word, below the article),
    ``ancestors`` (which of ``article``, ``figure``, ``figcaption`` enclose it, itself included)
    and its class words. Elements of another tree (or added later) are computed on demand by
    walking up to the nearest known ancestor.

    >>> import lxml.html
    >>> page = lxml.html.fromstring("<html><body><nav><div><p>Home</p></div></nav>"
    ...                             "<article><figure><p>Photo</p></figure><p>Story</p></article></body></html>")
    >>> labels = NodeLabels(page)
    >>> [(p.text, labels.is_furniture(p), sorted(labels.ancestors(p))) for p in page.iter("p")]
    [('Home', True, []), ('Photo', False, ['article', 'figure']), ('Story', False, ['article'])]
    """

    def __init__(self, root):
        self._state: dict[Any, tuple[bool, bool, frozenset[str]]] = {}
        self._words: dict[Any, frozenset[str]] = {}
        top = root.getroottree().getroot() if hasattr(root, "getroottree") else root
        for el in top.iter():
            self._add(el)

    def _add(self, el) -> tuple[bool, bool, frozenset[str]]:
        parent = el.getparent()
        up = self._state.get(parent, (False, False, frozenset())) if parent is not None else (False, False, frozenset())
        if not isinstance(el.tag, str):  # comments and processing instructions inherit
            self._state[el] = up
            return up
        tag = el.tag.lower()
        words = self._words.setdefault(el, _class_words(el))
        if tag in _STORY_TAGS:
            furniture = False
        elif tag in _FURNITURE_TAGS or (el.get("role") or "").lower() in _FURNITURE_ROLES:
            furniture = True
        else:
            furniture = up[0]
        byline = False if tag in _BYLINE_STOP else bool(words & _BYLINE_WORDS) or up[1]
        ancestors = up[2] | {tag} if tag in _TRACKED else up[2]
        self._state[el] = (furniture, byline, ancestors)
        return self._state[el]

    def _get(self, el) -> tuple[bool, bool, frozenset[str]]:
        state = self._state.get(el)
        if state is None:  # not seen in the pass: fill in from the nearest known ancestor down
            chain = [el]
            for a in el.iterancestors():
                if a in self._state:
                    break
                chain.append(a)
            for a in reversed(chain):
                state = self._add(a)
        return state

    def words(self, el) -> frozenset[str]:
        """The element's class words (see :func:`_class_words`).

        >>> import lxml.html
        >>> p = lxml.html.fromstring('<p class="story-lede" id="top">Hi</p>')
        >>> sorted(NodeLabels(p).words(p))
        ['lede', 'story', 'top']
        """
        w = self._words.get(el)
        return w if w is not None else self._words.setdefault(el, _class_words(el))

    def is_furniture(self, el) -> bool:
        """Page furniture: the element holding the text carries a furniture class word (``share``,
        ``newsletter``, ...), or it sits inside a furniture element by tag or ARIA role (``nav``,
        ``aside``, ``footer``, ``role="navigation"``) below the article. Class words of wrappers
        further up are not read: ``content-with-sidebar-wrp`` or ``ad_body`` around a whole story
        would otherwise make the story furniture.

        >>> import lxml.html
        >>> page = lxml.html.fromstring('<div><aside><p>Also read</p></aside><p class="share-bar">Share</p>'
        ...                             '<div class="share-wrap"><p>Story</p></div></div>')
        >>> labels = NodeLabels(page)
        >>> [(p.text, labels.is_furniture(p)) for p in page.iter("p")]
        [('Also read', True), ('Share', True), ('Story', False)]
        """
        return bool(self.words(el) & _FURNITURE_WORDS) or self._get(el)[0]

    def in_byline(self, el) -> bool:
        """The element or an ancestor below the article carries a byline class word.

        >>> import lxml.html
        >>> page = lxml.html.fromstring('<article><div class="byline"><p>By Ann Roe</p></div><p>Story</p></article>')
        >>> labels = NodeLabels(page)
        >>> [(p.text, labels.in_byline(p)) for p in page.iter("p")]
        [('By Ann Roe', True), ('Story', False)]
        """
        return self._get(el)[1]

    def ancestors(self, el) -> frozenset[str]:
        """Which of ``article``, ``figure``, ``figcaption`` enclose the element (itself included).

        >>> import lxml.html
        >>> page = lxml.html.fromstring('<article><figure><figcaption>A ferry</figcaption></figure></article>')
        >>> sorted(NodeLabels(page).ancestors(page.find(".//figcaption")))
        ['article', 'figcaption', 'figure']
        """
        return self._get(el)[2]

    def has_class(self, el, words: set[str], *, depth: int = CLASS_DEPTH) -> bool:
        """A class word of ``words`` on the element or at most ``depth - 1`` levels above it (never
        above ``article``, ``body`` or ``main``).

        >>> import lxml.html
        >>> page = lxml.html.fromstring('<article><div class="caption"><span><b>Photo: Ann Roe</b></span></div></article>')
        >>> labels, b = NodeLabels(page), page.find(".//b")
        >>> labels.has_class(b, {"caption"}), labels.has_class(b, {"caption"}, depth=2)
        (True, False)
        """
        a = el
        for _ in range(min(depth, CLASS_DEPTH)):
            if a is None or not isinstance(a.tag, str) or a.tag.lower() in _BYLINE_STOP:
                return False
            if self.words(a) & words:
                return True
            a = a.getparent()
        return False


def _is_byline(block: _Block, labels: NodeLabels) -> bool:
    words = len(block.text.split())
    if words > 15:
        return False
    if labels.in_byline(block.el):
        return True
    return bool(_BY.match(block.text)) and words <= 12 and not block.text.endswith(".")


def _is_date_line(text: str) -> bool:
    if len(text.split()) > 10:
        return False
    try:
        return parse_when(_DATE_LABEL.sub("", text)) is not None
    except ValueError:
        return False


def _is_meta(block: _Block, section: str | None, labels: NodeLabels) -> bool:
    text = block.text
    words = len(text.split())
    if _READ_TIME.match(text):
        return True
    if section and _norm(text) == _norm(section):
        return True
    if words <= 6 and labels.has_class(block.el, _KICKER_WORDS, depth=1):  # the holder's own class, not a wrapper's
        return True
    if words <= 12 and (block.has_time or block.tag == "time"):
        return True
    return _is_date_line(text)


def _is_standfirst(b: _Block, n: str, main: bool, before_story: bool, subtitle_n: str, labels: NodeLabels) -> bool:
    """A deck above the story that the extractor left out of the story: marked as one (``dek``,
    ``standfirst``, ... on the block or its parent) or repeating the page description. A block the
    extractor kept is the story's first paragraph (the lede, which many pages also use as their
    description): it stays in the body, and the description is still the article's subtitle."""
    if main:
        return False
    if before_story and len(b.text.split()) <= 60 and labels.has_class(b.el, _DEK_WORDS, depth=2):
        return True
    return bool(subtitle_n) and n == subtitle_n


# ---------------------------------------------------------------------------
# pages nested deeper than the HTML parser follows
# ---------------------------------------------------------------------------

#: The parser's hard limit (libxml2 with its "huge" option): text nested deeper is lost.
PARSER_DEPTH = 2_048
#: :func:`flatten_deep_markup` keeps at most this many levels of tags (beyond it every tag is
#: dropped, paragraph-like ones too, their text kept): half the parser's limit.
HARD_DEPTH = 1_024
#: Elements without an end tag (never opened on the stack).
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
#: Elements whose content is raw text (a "<div>" inside a script is not a tag).
_RAW = {"script", "style", "textarea", "title", "xmp", "plaintext"}
_MARKUP = re.compile(
    r"""
    <!--                                  # a comment opening (its end is found with str.find)
  | <(/?)([A-Za-z][\w:.-]*)               # a start or end tag and its name
    ((?:[^>"']|"[^"]*"|'[^']*')*)         # its attributes (quoted values may hold ">")
    >
    """,
    re.VERBOSE,
)


def flatten_deep_markup(source: str, *, max_depth: int, keep: set[str]) -> tuple[str, int]:
    """The page's markup with tags nested deeper than ``max_depth`` removed (containers; tags in
    ``keep`` stay until :data:`HARD_DEPTH`), their text kept in order, and the deepest nesting seen.

    A scan over the tags (linear in the page, no parser), used before parsing a page nested deeper
    than the parser follows (:data:`PARSER_DEPTH`), so that no text is lost.

    >>> page = "<html><body>" + "<div><p>x</p>" * 3000 + "</div>" * 3000 + "</body></html>"
    >>> flat, deepest = flatten_deep_markup(page, max_depth=64, keep={"p"})
    >>> deepest, flat.count("<div>"), flat.count("<p>x</p>")
    (3003, 62, 3000)
    """
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (name, dropped)
    open_count: dict[str, int] = {}
    deepest = pos = kept = 0
    while True:
        m = _MARKUP.search(source, pos)
        if m is None:
            break
        if m.group(0) == "<!--":
            end = source.find("-->", m.end())
            end = len(source) if end < 0 else end + 3
            out.append(source[pos:end])
            pos = end
            continue
        out.append(source[pos:m.start()])
        pos = m.end()
        closing, name = m.group(1) == "/", m.group(2).lower()
        if closing:
            if open_count.get(name):
                while stack:
                    top, dropped = stack.pop()
                    open_count[top] -= 1
                    kept -= not dropped
                    if top == name:
                        if not dropped:
                            out.append(m.group(0))
                        break
            continue
        depth = len(stack) + 1
        deepest = max(deepest, depth)
        # void and raw-text elements never nest, so they stay (a dropped <script> tag would turn
        # its code into page text)
        dropped = name not in _VOID and name not in _RAW and (kept >= HARD_DEPTH or (depth > max_depth and name not in keep))
        if not dropped:
            out.append(m.group(0))
        if name in _VOID or m.group(3).rstrip().endswith("/"):
            continue
        if name in _RAW:  # copy the raw text up to its end tag as it is
            end = _find_ci(source, name, pos)
            end = len(source) if end < 0 else end
            out.append(source[pos:end])
            pos = end
        stack.append((name, dropped))
        kept += not dropped
        open_count[name] = open_count.get(name, 0) + 1
    out.append(source[pos:])
    return "".join(out), deepest


def _find_ci(source: str, name: str, pos: int) -> int:
    """Where ``</name`` starts (any case) at or after ``pos``, or -1."""
    m = re.compile(rf"</{re.escape(name)}", re.IGNORECASE).search(source, pos)
    return m.start() if m else -1
