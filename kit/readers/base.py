"""What every reader shares: the registry, errors, rejections and options.

A reader is a generator function ``read(data: bytes, path: str, options: ReadOptions)``
that yields :class:`kit.schema.Article` for every record it understands and
:class:`Rejection` for every record it cannot use (the batch goes on). A problem that
spoils the whole file raises :class:`ReadError`; the caller turns it into a rejection.
Readers never write into their sources.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from kit.errors import KitError
from kit.schema import Article


class ReadError(KitError):
    """A source could not be read; the message names the file, the line or record, and the reason.

    >>> str(ReadError("a.jsonl", "not JSON: Expecting value", line=3))
    'a.jsonl, line 3: not JSON: Expecting value'
    """

    def __init__(self, path: str, reason: str, *, line: int | None = None, record: int | None = None):
        self.path, self.reason, self.line, self.record = path, reason, line, record
        super().__init__(self.where() + ": " + reason)

    def where(self) -> str:
        """The file and, when known, the line and record: what a message names first.

        >>> ReadError("export.txt", "no date", line=12, record=3).where()
        'export.txt, line 12, record 3'
        """
        parts = [str(self.path)]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.record is not None:
            parts.append(f"record {self.record}")
        return ", ".join(parts)


@dataclass
class Rejection:
    """A file or record that did not become an article (``status='rejected'``), or that did but
    with a warning (``status='flagged'``, for example a duplicate or a repaired encoding)."""

    source_path: str
    reason: str
    line: int | None = None
    record: int | None = None
    status: str = "rejected"
    doc_id: str | None = None

    @classmethod
    def from_error(cls, err: ReadError) -> "Rejection":
        """The rejection of what ``err`` says could not be read.

        >>> Rejection.from_error(ReadError("export.txt", "no date", record=3))
        Rejection(source_path='export.txt', reason='no date', line=None, record=3, status='rejected', doc_id=None)
        """
        return cls(source_path=err.path, reason=err.reason, line=err.line, record=err.record)

    def message(self) -> str:
        """One line for the terminal: where, then why.

        >>> Rejection("export.txt", "no date", record=3).message()
        'export.txt, record 3: no date'
        """
        return str(ReadError(self.source_path, self.reason, line=self.line, record=self.record))


@dataclass(frozen=True)
class Limits:
    """How much a source may expand to before it is refused (checked before and while reading).

    ``max_file_bytes``: one file, archive member or document part, once expanded (default 256 MiB; a
    JSONL/CSV export that the streaming ingest reads in byte ranges is not held whole and not limited);
    ``max_archive_bytes``: all members of one ``.zip`` (or ``.docx``) together (default 2 GiB);
    ``max_ratio``: expanded size over compressed size of one member larger than ``ratio_floor``
    bytes (default 200: news text compresses 3-10 times; a zip bomb thousands of times).
    Raise them with ``kit ingest --max-file-mb N --max-ratio R`` or
    ``build_corpus(..., limits=Limits(...))``.

    >>> Limits().max_file_bytes // 2**20, Limits().max_ratio
    (256, 200.0)
    """

    max_file_bytes: int = 256 * 2**20
    max_archive_bytes: int = 2 * 2**30
    max_ratio: float = 200.0
    ratio_floor: int = 1 * 2**20

    def check_member(self, name: str, size: int, compressed: int) -> str | None:
        """The reason a member of these sizes is refused, or ``None`` when it may be read.

        >>> Limits().check_member("a.txt", 10, 5) is None
        True
        >>> Limits().check_member("bomb.txt", 200 * 2**20, 1000)
        'compression ratio 209,715:1 (1,000 bytes -> 200.0 MiB) is over the limit of 200:1, the mark of a zip bomb (not read; raise it with --max-ratio)'
        """
        if size > self.max_file_bytes:
            return (f"expands to {mb(size)}, over the limit of {mb(self.max_file_bytes)} for one file "
                    "(not read; raise it with --max-file-mb)")
        if size > self.ratio_floor and size > self.max_ratio * max(compressed, 1):
            return (f"compression ratio {size / max(compressed, 1):,.0f}:1 ({mb(compressed)} -> {mb(size)}) is over "
                    f"the limit of {self.max_ratio:,.0f}:1, the mark of a zip bomb (not read; raise it with --max-ratio)")
        return None


def mb(n: int) -> str:
    """A size for a message: MiB with one decimal from 1 MiB on, else bytes.

    >>> mb(3 * 2**20), mb(5120)
    ('3.0 MiB', '5,120 bytes')
    """
    return f"{n / 2**20:,.1f} MiB" if n >= 2**20 else f"{n:,} bytes"


#: What a damaged archive (``.zip``, ``.docx``) raises while it is opened or a member is inflated:
#: zipfile's own errors, and zlib's (``Error -3 while decompressing data``), which is none of them.
ARCHIVE_ERRORS = (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError, zlib.error)


class TooBig(Exception):
    """A source or member over the :class:`Limits` (the message says which and how to raise it)."""


@dataclass
class ReadOptions:
    """Options a reader may use.

    ``column_map`` maps article fields to the column names of a CSV/JSONL export
    (for example ``{"text": "body", "outlet": "source"}``); ``outlet`` overrides
    or supplies the outlet name for every article; ``outlet_table`` is the outlet table used to
    normalise site names (the bundled one when None); ``limits`` bounds what archives and
    documents may expand to (:class:`Limits`); ``as_of`` is the ingest day dates are checked against
    (None: today; :func:`kit.readers.dates.ingest_day`).
    """

    column_map: dict[str, str] = field(default_factory=dict)
    outlet: str | None = None
    #: the outlet table (:class:`kit.readers.outlets.OutletTable`) to normalise names with; None: the bundled one
    outlet_table: Any = None
    limits: Limits = field(default_factory=lambda: Limits())
    #: the ingest day dates are checked against (a date after it is set aside and flagged; a date, a
    #: ``YYYY-MM-DD`` string or a Timestamp); None: today (UTC). ``--as-of`` sets it, so a re-ingest on
    #: a later day reads the same dates. :func:`kit.corpus.ingest.read_setup` parses it once into a UTC
    #: Timestamp, which :func:`kit.readers.dates.ingest_day` then takes as it is (a string given here
    #: directly is parsed by each reader call).
    as_of: Any = None


ReaderFunc = Callable[[bytes, str, ReadOptions], Iterator["Article | Rejection"]]


@dataclass
class ReaderSpec:
    name: str
    func: ReaderFunc
    extensions: tuple[str, ...]
    sniff: Callable[[bytes, str], bool] | None
    description: str


#: name -> ReaderSpec, filled by the @reader decorator in each format module.
REGISTRY: dict[str, ReaderSpec] = {}


def reader(name: str, *, extensions: tuple[str, ...] = (), sniff: Callable[[bytes, str], bool] | None = None,
           description: str = "") -> Callable[[ReaderFunc], ReaderFunc]:
    """Register a reader under ``name`` for file ``extensions``; ``sniff(head, path)`` tells
    whether a file's first bytes look like this format (used to tell formats that share an
    extension apart, e.g. web copy and LexisNexis ``.txt``).

    >>> REGISTRY["webcopy"].extensions, REGISTRY["webcopy"].name  # registered by @reader("webcopy", ...)
    (('.txt',), 'webcopy')
    """

    def deco(func: ReaderFunc) -> ReaderFunc:
        REGISTRY[name] = ReaderSpec(name, func, tuple(e.lower() for e in extensions), sniff,
                                    description or (func.__doc__ or "").strip().splitlines()[0])
        return func

    return deco


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def check_docx(data: bytes, path: str, limits: Limits | None = None) -> None:
    """Refuse a ``.docx`` that is not a readable Word document, or that would expand past the
    :class:`Limits`, with a :class:`ReadError` saying why, before python-docx opens it.

    Checked before anything is parsed: the archive, the size and compression ratio of every part
    (a docx bomb), that ``[Content_Types].xml`` and ``word/document.xml`` are there and are XML,
    and that the document part is a WordprocessingML document.

    >>> check_docx(b"PK\\x03\\x04 not really", "a.docx")
    Traceback (most recent call last):
    ...
    kit.readers.base.ReadError: a.docx: not a readable .docx file: the zip archive is damaged (File is not a zip file)
    """
    import io

    from lxml import etree

    limits = limits or Limits()
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except ARCHIVE_ERRORS as e:
        raise ReadError(path, f"not a readable .docx file: the zip archive is damaged ({e})") from None
    with z:
        infos = z.infolist()
        total = sum(i.file_size for i in infos)
        if total > limits.max_archive_bytes:
            raise ReadError(path, f"not read: the document expands to {mb(total)}, over the limit of "
                                  f"{mb(limits.max_archive_bytes)} (raise it with --max-archive-mb)")
        for info in infos:
            reason = limits.check_member(info.filename, info.file_size, info.compress_size)
            if reason:
                raise ReadError(path, f"part {info.filename} {reason}")
        names = {i.filename for i in infos}
        for part in ("[Content_Types].xml", "word/document.xml"):
            if part not in names:
                raise ReadError(path, f"not a readable .docx file: it has no {part} (not a Word document, or damaged)")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        try:
            with z.open("word/document.xml") as fh:
                root = etree.parse(fh, parser).getroot()
            with z.open("[Content_Types].xml") as fh:
                types = etree.parse(fh, parser).getroot()
        except (etree.XMLSyntaxError, *ARCHIVE_ERRORS) as e:
            raise ReadError(path, f"not a readable .docx file: its XML is damaged ({e})") from None
        if root.tag != f"{{{_W_NS}}}document":
            raise ReadError(path, "not a readable .docx file: word/document.xml is not a Word document "
                                  f"(its root element is {etree.QName(root).localname!r})")
        if not any(el.get("PartName") == "/word/document.xml" for el in types.iter()):
            raise ReadError(path, "not a readable .docx file: [Content_Types].xml does not declare the document part")


# The limits beyond which text is pathological (kept, counted, processed in bounded windows and
# flagged) are defined once, in kit.text.windows.
from kit.text.windows import MAX_PARAGRAPH_CHARS, MAX_TOKEN_CHARS  # noqa: E402  (beside the function that uses them)


def pathological_text(paragraphs: list[tuple[str, str]]) -> str | None:
    """What is unusual about an article's paragraphs (a token or a paragraph over the limits), or ``None``.

    Such text is kept and counted in full; the ingest report flags the article so a researcher
    can look at it. The text layer processes it in bounded windows (:mod:`kit.text.windows`) and
    every per-article step of the kit is linear in the length of the text (see
    ``benchmarks/adversarial.py``), so this is a warning about the data, not a cut.

    >>> pathological_text([("body", "Talks went on."), ("body", "x" * 5000)])
    'paragraph 1 holds a token of 5,000 characters (over 1,000: a pasted image or tracking string?)'
    >>> pathological_text([("body", "Talks went on.")]) is None
    True
    """
    notes = []
    for i, (_, text) in enumerate(paragraphs):
        if len(text) > MAX_PARAGRAPH_CHARS:
            notes.append(f"paragraph {i} holds {len(text):,} characters (over {MAX_PARAGRAPH_CHARS:,}: "
                         "a page whose body is one line?)")
        if len(text) > MAX_TOKEN_CHARS:
            longest = max(map(len, text.split()), default=0)
            if longest > MAX_TOKEN_CHARS:
                notes.append(f"paragraph {i} holds a token of {longest:,} characters (over {MAX_TOKEN_CHARS:,}: "
                             "a pasted image or tracking string?)")
        if len(notes) >= 3:
            break
    return "; ".join(notes) or None


#: HTML elements nested deeper than this are flattened (their text kept, the extra levels dropped),
#: so the parser (limit 256 levels, 2048 with its "huge" option) and recursive walks never give up,
#: and the HTML reader's per-block walks up the ancestors stay short. News pages nest 20-40 levels.
MAX_HTML_DEPTH = 64
_KEEP_DEEP = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "br", "time", "figcaption", "pre",
              "table", "tr", "td", "th"}


#: Control characters that the parser keeps in a page's text but lxml refuses to store again (a
#: dropped element's text joined to its neighbour's raised ``All strings must be XML compatible``);
#: read as spaces while a deep page is flattened.
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def bound_html_depth(source: str, max_depth: int = MAX_HTML_DEPTH) -> tuple[str, str | None]:
    """HTML with containers nested deeper than ``max_depth`` flattened, and a note saying what was done.

    Returns ``(source, None)`` unchanged for ordinary pages. Paragraph-like elements (``p``,
    headings, list items, ...) are kept; the ``div``/``span`` levels above ``max_depth`` are dropped,
    so the text stays in order. When the page is nested deeper than the parser can follow (2,048
    levels) the text below that depth is lost and the note says so.

    >>> page = "<html><body>" + "<div>" * 300 + "<p>Deep text.</p>" + "</div>" * 300 + "</body></html>"
    >>> flat, note = bound_html_depth(page)
    >>> "Deep text." in flat, note
    (True, 'HTML nested 302 levels deep; levels below 64 were flattened (text kept)')
    >>> bound_html_depth("<html><body><p>Plain.</p></body></html>")[1] is None
    True
    >>> odd = "<html><body>" + "<div>" * 300 + "Deep\x1ftext." + "</div>" * 300 + "</body></html>"
    >>> "Deep text." in bound_html_depth(odd)[0]  # a control character in a dropped level's text
    True
    """
    # cheap test first: a page needs at least max_depth opening tags to be too deep
    if source.count("<") < max_depth:
        return source, None
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(_XML_UNSAFE.sub(" ", source), parser=parser)
    except (etree.ParserError, ValueError):
        return source, None
    lost = any("Excessive depth" in e.message for e in parser.error_log)
    deep, deepest, stack = [], 0, [(root, 0)]
    while stack:
        el, d = stack.pop()
        deepest = max(deepest, d)
        if d > max_depth and isinstance(el.tag, str) and el.tag.lower() not in _KEEP_DEEP:
            deep.append(el)
        stack.extend((ch, d + 1) for ch in el)
    if not deep and not lost:
        return source, None
    for el in deep:
        el.drop_tag()
    note = f"HTML nested {deepest} levels deep; levels below {max_depth} were flattened (text kept)"
    if lost:
        note = (f"HTML nested deeper than the parser can follow (2,048 levels): text below that depth is lost; "
                f"levels below {max_depth} were flattened")
    return lxml.html.tostring(root, encoding="unicode"), note
