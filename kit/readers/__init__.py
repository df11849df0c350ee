"""Readers: every source format becomes :class:`kit.schema.Article` records.

:func:`read_sources` walks files, folders (recursively) and ``.zip`` archives, picks a reader
for each file by extension and content (or the one named by ``format``) and yields articles and
:class:`~kit.readers.base.Rejection` records; a bad file never stops the batch.
"""
from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kit.readers.base import (ARCHIVE_ERRORS, REGISTRY, Limits, ReadError, ReadOptions, Rejection, ReaderSpec,  # noqa: F401 (re-exported)
                              TooBig, mb as _mb, pathological_text, reader)
from kit.errors import KitError
from kit.schema import Article

# importing the format modules registers them; the order is the sniffing order for shared extensions
from kit.readers import lexisnexis, apa, factiva, europresse, html, tabular  # noqa: E402,F401 (imported to register the readers)
from kit.readers import webcopy  # noqa: E402,F401  (the .txt fallback, registered last)

_SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
#: How deep ``.zip`` archives inside ``.zip`` archives are opened.
ZIP_DEPTH = 3
#: How deep folders (followed symbolic links included) are walked.
FOLDER_DEPTH = 64
_CHUNK = 1 << 20  # bytes read at a time from an archive member


@dataclass
class SourceFile:
    """One file to read; its bytes are loaded only when :meth:`read` is called.

    ``path`` is what the tables and the report show: the path relative to the input folder it was
    found under (``nested/a.txt``), or the path as given for a file named directly; members of a
    ``.zip`` archive are ``archive.zip!member`` (``a.zip!b.zip!c.txt`` for an archive inside one;
    a second member of the same name is ``a.zip!c.txt#2``). ``rel`` is the same path relative to
    the input root (a file named directly: its name), used for the corpus fingerprint so that it
    does not depend on where the corpus sits. ``name`` is the file's own name (the member name
    inside an archive), used to pick a reader. ``flags`` are warnings about the file itself (a file
    name that is not valid UTF-8). A file name that is not valid UTF-8 is shown with U+FFFD in its
    place.
    """

    path: str
    _load: Callable[[], bytes] = field(repr=False)
    rel: str = ""
    name: str = ""
    flags: list[str] = field(default_factory=list)
    size: int = 0  # bytes on disk, or the member's expanded size from the archive's directory
    #: why the file may not be read whole (a JSONL/CSV export over the limit for one file): it is
    #: read only in byte ranges (kit.corpus.split), which keep memory bounded; read() raises TooBig
    too_big: str | None = None

    def read(self) -> bytes:
        """The file's bytes (read again at every call: nothing is kept in memory).

        >>> SourceFile("a.txt", lambda: b"A Headline").read()
        b'A Headline'
        """
        if self.too_big:
            raise TooBig(self.too_big)
        return self._load()

    @property
    def data(self) -> bytes:
        """The file's bytes (:meth:`read`).

        >>> SourceFile("a.txt", lambda: b"A Headline").data
        b'A Headline'
        """
        return self.read()


def formats() -> dict[str, str]:
    """Reader names and what they read.

    >>> sorted(formats())
    ['apa', 'csv', 'europresse', 'factiva', 'html', 'jsonl', 'lexisnexis', 'webcopy']
    """
    return {name: spec.description for name, spec in REGISTRY.items()}


def _skipped_name(name: str) -> bool:
    """Hidden files, OS furniture (``.DS_Store``, ``Thumbs.db``) and Office lock files (``~$x.docx``)."""
    return name.startswith((".", "~$")) or name in _SKIP_NAMES


def _shown(name: str) -> tuple[str, bool]:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogate escapes) become U+FFFD."""
    try:
        name.encode("utf-8")
        return name, False
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"), True


_BAD_NAME = "the file name is not valid UTF-8; it is shown with U+FFFD in place of the bad bytes"


def iter_files(paths: Iterable[str | os.PathLike], *, skipped: list[str] | None = None,
               limits: Limits | None = None) -> Iterator[SourceFile | Rejection]:
    """Every file below ``paths`` (folders recursively, zip members), in a stable sorted order.

    Files found in a folder are named relative to that folder (see :class:`SourceFile`).
    Hidden files and folders (starting with ``.``), OS files and Office lock files (``~$``) are
    skipped and, when ``skipped`` is a list, appended to it (inside archives too). Symbolic links
    to folders are followed; a link that leads back into a folder being walked is a rejection
    ("symbolic link loop"). A missing path, a broken symbolic link, a folder that cannot be opened,
    anything that is not a regular file (a FIFO, a socket, a device), an empty archive or one that
    holds only hidden files, and an archive member over the :class:`Limits` is a rejection.
    Nothing is read here: :meth:`SourceFile.read` loads one file at a time.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "sub").mkdir(); _ = (d / "sub" / "a.txt").write_text("A"); _ = (d / ".b.txt").write_text("B")
    >>> skipped = []
    >>> [(f.path, f.rel) for f in iter_files([d], skipped=skipped)], skipped
    ([('sub/a.txt', 'sub/a.txt')], ['.b.txt'])
    """
    limits = limits or Limits()
    skipped = skipped if skipped is not None else []
    for p in paths:
        p = Path(p)
        shown, bad = _shown(str(p))
        if p.is_dir():
            yield from _walk(p, "", {_dir_key(p)}, skipped, limits, 0)
        elif p.exists() or p.is_symlink():
            name, _ = _shown(p.name)
            yield from _expand(p, shown, name, name, limits, skipped, [_BAD_NAME] if bad else [])
        else:
            yield Rejection(shown, "no such file or folder")


def _dir_key(p: Path | os.DirEntry) -> tuple[int, int]:
    st = p.stat()
    return st.st_dev, st.st_ino


def _walk(folder: Path, prefix: str, ancestors: set, skipped: list[str], limits: Limits, depth: int
          ) -> Iterator[SourceFile | Rejection]:
    """Files below ``folder``, named ``prefix + name``; ``ancestors`` are the folders on the way (loop check)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        yield Rejection(_shown(prefix)[0] or str(folder), f"cannot open this folder ({e.strerror or e})")
        return
    for e in entries:
        name, bad = _shown(e.name)
        rel = prefix + name
        try:
            is_dir = e.is_dir()  # follows symbolic links
        except OSError:
            is_dir = False
        if _skipped_name(e.name):
            if is_dir and not e.is_symlink():
                skipped.extend(_hidden_files(Path(e.path), rel + "/"))
            else:
                skipped.append(rel + ("/" if is_dir else ""))
            continue
        if is_dir:
            try:
                key = _dir_key(e)
            except OSError as err:
                yield Rejection(rel + "/", f"cannot open this folder ({err.strerror or err})")
                continue
            if key in ancestors:
                yield Rejection(rel + "/", f"symbolic link loop (points to {os.readlink(e.path)}, a folder above it), "
                                           "not followed")
                continue
            if depth >= FOLDER_DEPTH:
                yield Rejection(rel + "/", f"folders nested deeper than {FOLDER_DEPTH} levels, not read")
                continue
            yield from _walk(Path(e.path), rel + "/", ancestors | {key}, skipped, limits, depth + 1)
            continue
        yield from _expand(Path(e.path), rel, rel, name, limits, skipped, [_BAD_NAME] if bad else [])


def _hidden_files(folder: Path, prefix: str) -> list[str]:
    """Names of the files inside a hidden folder (not following links), for the list of skipped files."""
    out = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        base = prefix + Path(root).relative_to(folder).as_posix().removeprefix(".").lstrip("/")
        base = base if base.endswith("/") else base + "/"
        out.extend(_shown(base + f)[0] for f in sorted(files))
    return out


def _expand(f: Path, shown: str, rel: str, name: str, limits: Limits, skipped: list[str], flags: list[str]
            ) -> Iterator[SourceFile | Rejection]:
    if f.is_symlink() and not f.exists():
        yield Rejection(shown, f"broken link (points to {_shown(os.readlink(f))[0]})")
        return
    if not f.is_file():
        yield Rejection(shown, "not a regular file (a pipe, socket or device), not read")
        return
    if name.lower().endswith(".zip"):
        try:
            with zipfile.ZipFile(f) as z:
                yield from _zip_members(z, shown, rel, str(f), (), limits, skipped, depth=1)
        except ARCHIVE_ERRORS as e:
            yield Rejection(shown, f"not a readable zip archive ({e})")
        return
    try:
        size = f.stat().st_size
    except OSError as e:
        yield Rejection(shown, f"cannot open ({e.strerror or e})")
        return
    too_big = None
    if size > limits.max_file_bytes:
        too_big = (f"{_mb(size)}, over the limit of {_mb(limits.max_file_bytes)} for one file "
                   "(not read; raise it with --max-file-mb)")
        if not name.lower().endswith(STREAMABLE_EXTENSIONS):
            yield Rejection(shown, too_big)
            return
    yield SourceFile(shown, _FileLoader(str(f)), rel, name, flags, size, too_big=too_big)


#: Exports of these kinds over the limit for one file are still read when they can be cut into byte
#: ranges (JSON Lines, CSV in UTF-8; kit.corpus.split): memory then follows a range, not the file.
STREAMABLE_EXTENSIONS = (".jsonl", ".ndjson", ".json", ".csv", ".tsv")


def _read_limited(z: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes:
    """A member's bytes, read in chunks and stopped as soon as it passes the limits (sizes in the
    archive's directory can lie)."""
    out = bytearray()
    with z.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            out += chunk
            reason = limits.check_member(info.filename, len(out), info.compress_size)
            if reason:
                raise TooBig(reason)
    return bytes(out)


@dataclass(frozen=True)
class _FileLoader:
    """Reads a file when called (picklable, so files can be read in worker processes)."""

    path: str

    def __call__(self) -> bytes:
        return Path(self.path).read_bytes()


@dataclass(frozen=True)
class _MemberLoader:
    """Opens the archive again and reads the member at the end of ``chain`` (the archives in
    archives on the way first), so members are read one at a time; picklable."""

    archive: str
    chain: tuple
    limits: Limits

    def __call__(self) -> bytes:
        z = zipfile.ZipFile(self.archive)
        try:
            for info in self.chain[:-1]:
                inner = zipfile.ZipFile(io.BytesIO(_read_limited(z, info, self.limits)))
                z.close()
                z = inner
            return _read_limited(z, self.chain[-1], self.limits)
        finally:
            z.close()


def _zip_members(z: zipfile.ZipFile, shown: str, rel: str, archive: str,
                 chain: tuple[zipfile.ZipInfo, ...], limits: Limits, skipped: list[str], *, depth: int
                 ) -> Iterator[SourceFile | Rejection]:
    """Members of an open archive; archives inside it are opened up to :data:`ZIP_DEPTH` levels.

    Every member is accounted for: read, rejected (with the reason) or skipped (hidden files, with
    their names); an archive with no files at all is a rejection.
    """
    infos = sorted(enumerate(z.infolist()), key=lambda t: (t[1].filename, t[0]))
    total = sum(i.file_size for _, i in infos)
    if total > limits.max_archive_bytes:
        yield Rejection(shown, f"archive expands to {_mb(total)}, over the limit of {_mb(limits.max_archive_bytes)} "
                               "(not read; raise it with --max-archive-mb)")
        return
    seen: dict[str, int] = {}
    found = 0
    hidden: list[str] = []
    for _, info in infos:
        name = info.filename
        if name.endswith("/"):
            continue
        found += 1
        base = name.rsplit("/", 1)[-1]
        seen[name] = seen.get(name, 0) + 1
        label = name if seen[name] == 1 else f"{name}#{seen[name]}"
        where, where_rel = f"{shown}!{label}", f"{rel}!{label}"
        if _skipped_name(base) or name.startswith("__MACOSX/") or any(_skipped_name(part) for part in name.split("/")[:-1]):
            skipped.append(where_rel)
            hidden.append(label)
            continue
        reason = limits.check_member(name, info.file_size, info.compress_size)
        if reason:
            yield Rejection(where, reason)
            continue
        if base.lower().endswith(".zip"):
            if depth >= ZIP_DEPTH:
                yield Rejection(where, f"archive nested deeper than {ZIP_DEPTH} levels, not opened")
                continue
            try:
                inner = zipfile.ZipFile(io.BytesIO(_read_limited(z, info, limits)))
            except TooBig as e:
                yield Rejection(where, str(e))
                continue
            except ARCHIVE_ERRORS as e:
                yield Rejection(where, f"not a readable zip archive ({e})")
                continue
            with inner:
                yield from _zip_members(inner, where, where_rel, archive, chain + (info,), limits, skipped,
                                        depth=depth + 1)
            continue
        yield SourceFile(where, _MemberLoader(archive, chain + (info,), limits), where_rel, base, [], info.file_size)
    if not found:
        yield Rejection(shown, "empty archive (it holds no files)")
    elif len(hidden) == found:
        yield Rejection(shown, f"the archive holds only hidden or system files, skipped: {', '.join(hidden)}")


#: extension -> the reader a file goes to when no reader recognises its first bytes (a saved web
#: page may open with ``<style>`` or ``<script>`` instead of ``<html>``; an export never does)
GENERIC_READERS = {".html": "html", ".htm": "html", ".xhtml": "html"}


def detect_format(data: bytes, path: str, *, name: str | None = None) -> str:
    """Name of the reader for a file, from its extension and first bytes.

    The extension is taken from ``name`` (the file's own name) when given, else from the part of
    ``path`` after the last ``!`` (the archive-member separator), so ``wow!.txt`` read as a file
    is a ``.txt`` file.

    >>> detect_format(b'{"title": "x"}\\n', "export.jsonl")
    'jsonl'
    >>> detect_format(b"Headline\\n\\nBody text.", "story.txt")
    'webcopy'
    """
    ext = os.path.splitext(name if name is not None else path.split("!")[-1])[1].lower()
    head = data[:65536]
    candidates = [s for s in REGISTRY.values() if ext in s.extensions]
    for spec in candidates:
        if spec.sniff is not None and _sniffs(spec, head, path):
            return spec.name
    fallback = [s for s in candidates if s.sniff is None]
    if fallback:
        return fallback[0].name
    generic = GENERIC_READERS.get(ext)
    if generic in REGISTRY:  # a saved page that opens with <style> or <script>: the page reader, not an export's
        return generic
    if candidates:
        return candidates[0].name
    for spec in REGISTRY.values():
        if spec.sniff is not None and _sniffs(spec, head, path):
            return spec.name
    known = sorted({e for s in REGISTRY.values() for e in s.extensions})
    raise ReadError(path, f"no reader for '{ext or 'files without an extension'}' (known: {', '.join(known)}; or pass --format)")


def _sniffs(spec: ReaderSpec, head: bytes, path: str) -> bool:
    try:
        return bool(spec.sniff(head, path))
    except Exception:  # a sniffer must never break detection
        return False


def check_format(format: str | None) -> None:
    """Raise a :class:`~kit.errors.KitError` listing the readers when ``format`` is not one of them.

    >>> check_format("webcopy")  # a reader: nothing happens (None, too)
    >>> check_format("pdf")
    Traceback (most recent call last):
    ...
    kit.errors.KitError: unknown format 'pdf' (choose from apa, csv, ...)
    """
    if format is not None and format not in REGISTRY:
        raise KitError(f"unknown format '{format}' (choose from {', '.join(sorted(REGISTRY))})")


def read_sources(paths: Iterable[str | os.PathLike], *, format: str | None = None,
                 options: ReadOptions | None = None, skipped: list[str] | None = None
                 ) -> Iterator[tuple[str, Article | Rejection]]:
    """Yield ``(format, article_or_rejection)`` for everything found under ``paths``.

    Every file either yields at least one record or a rejection saying why: nothing is lost
    silently. ``format`` forces one reader for every file. Files are read one at a time.

    >>> [(fmt, type(rec).__name__) for fmt, rec in read_sources(["tests/fixtures/webcopy"])]
    [('webcopy', 'Article'), ('webcopy', 'Article')]
    """
    options = options or ReadOptions()
    check_format(format)
    for item in iter_files(paths, skipped=skipped, limits=options.limits):
        if isinstance(item, Rejection):
            yield "", item
            continue
        yield from read_file(item, format=format, options=options)


def read_file(item: SourceFile, *, format: str | None = None, options: ReadOptions | None = None,
              data: bytes | None = None) -> Iterator[tuple[str, Article | Rejection]]:
    """Read one :class:`SourceFile` (its bytes, unless ``data`` gives them); errors become rejections.

    Warnings about the file itself (a file name that is not valid UTF-8) come first, as flags.

    >>> item = SourceFile("a.txt", lambda: b"A Headline\\n\\nA paragraph.", name="a.txt")
    >>> [(fmt, rec.title) for fmt, rec in read_file(item)]
    [('webcopy', 'A Headline')]
    """
    for note in item.flags:
        yield "", Rejection(item.path, note, status="flagged")
    if data is None:
        try:
            data = item.read()
        except TooBig as e:
            yield "", Rejection(item.path, str(e))
            return
        except ARCHIVE_ERRORS as e:
            yield "", Rejection(item.path, f"cannot read this file ({type(e).__name__}: {e})")
            return
    yield from read_one(data, item.path, format=format, options=options, name=item.name)


def read_one(data: bytes, path: str, *, format: str | None = None,
             options: ReadOptions | None = None, name: str | None = None) -> Iterator[tuple[str, Article | Rejection]]:
    """Read one file's bytes; errors become rejections.

    ``name`` is the file's own name, used to pick the reader (default: the part of ``path`` after
    the last ``!``, the archive-member separator). Every article and rejection is put under the
    kit's one text-normalisation rule (:func:`kit.decode.clean_text`: NFC, lone surrogates replaced
    by U+FFFD and flagged), whatever the format.

    >>> [(fmt, type(rec).__name__, rec.reason) for fmt, rec in read_one(b"", "empty.txt")]
    [('webcopy', 'Rejection', 'empty file')]
    """
    options = options or ReadOptions()
    try:
        fmt = format or detect_format(data, path, name=name)
    except ReadError as e:
        yield "", _clean_rejection(Rejection.from_error(e))
        return
    produced = False
    bounds = None
    try:
        for rec in REGISTRY[fmt].func(data, path, options):
            produced = produced or isinstance(rec, Article) or rec.status == "rejected"
            if isinstance(rec, Article):
                rec, flag = _clean_article(rec)
                _export_outlet(rec, options)
                bounds = bounds or _date_bounds(options.as_of)
                set_aside = _set_aside(rec, bounds)
                yield fmt, rec
                if flag is not None:
                    yield fmt, flag
                for reason in set_aside:
                    yield fmt, Rejection(rec.source_path, reason, record=rec.source_record, status="flagged")
                odd = pathological_text(rec.paragraphs)
                if odd:
                    yield fmt, Rejection(rec.source_path, f"pathological text, kept in full: {odd}",
                                         record=rec.source_record, status="flagged")
            else:
                yield fmt, _clean_rejection(rec)
    except ReadError as e:
        produced = True
        yield fmt, _clean_rejection(Rejection.from_error(e))
    except RecursionError:
        produced = True
        yield fmt, Rejection(path, f"{fmt} reader: the file is nested too deeply to read (Python's recursion limit)")
    except MemoryError:
        produced = True
        yield fmt, Rejection(path, f"{fmt} reader: out of memory while reading this file")
    except Exception as e:  # a reader bug must not stop a batch; it is reported with the file
        produced = True
        yield fmt, _clean_rejection(Rejection(path, f"{fmt} reader failed: {type(e).__name__}: {e}"))
    if not produced:
        yield fmt, Rejection(path, f"no articles found by the {fmt} reader")


#: The largest count a table column holds (a 64-bit integer): a stated length or read time above it
#: is a damaged number (typing the articles table raised OverflowError and stopped the batch).
MAX_COUNT = 2**63 - 1


def _date_bounds(as_of=None) -> tuple:
    """``(first, last, today, first year, last year)``: the first and last moment a publication date
    may take (1900, the end of the ingest day; :func:`kit.readers.dates.plausible`), and the ingest
    day (``as_of``, else now; :func:`kit.readers.dates.ingest_day`)."""
    import pandas as pd

    from kit.readers.dates import EARLIEST_YEAR, ingest_day

    today = ingest_day(as_of)
    first, last = pd.Timestamp(EARLIEST_YEAR, 1, 1, tz="UTC"), today.normalize() + pd.Timedelta(days=1)
    return first, last, today, first.year, last.year


def _set_aside(a: Article, bounds: tuple) -> list[str]:
    """Set aside the values no article can have, whatever reader gave them, and say why, one reason
    each (the article is kept without them, flagged): a publication or update date before 1900 or
    after the ingest day (a placeholder such as ``0001-01-01``, a typo'd year; the HTML and table
    readers already pass over such candidates), and a stated length or read time larger than a
    table column holds.
    """
    y0, y1 = bounds[3], bounds[4]
    pub, upd, minutes, length = a.published, a.updated, a.read_time_minutes, a.extra.get("length_words")
    if ((pub is None or y0 <= getattr(pub, "year", y0) < y1) and (upd is None or y0 <= getattr(upd, "year", y0) < y1)
            and (minutes is None or (type(minutes) is int and minutes <= MAX_COUNT))
            and (length is None or type(length) is not int or length <= MAX_COUNT)):
        return []  # (the usual article: a year between, compared as a number, and plain counts)
    return _set_aside_values(a, bounds)


def _set_aside_values(a: Article, bounds: tuple) -> list[str]:
    """:func:`_set_aside` for an article with a value to look at closely."""
    from kit.readers.dates import why_implausible

    first, last, today = bounds[:3]
    reasons = []
    for name, label in (("published", "publication date"), ("updated", "update date")):
        ts = getattr(a, name)
        if ts is None or getattr(ts, "tzinfo", None) is None or first <= ts <= last:
            continue
        setattr(a, name, None)
        reasons.append(f"{label} {ts.isoformat()[:10]} is {why_implausible(ts, today=today)} (a placeholder or a "
                       "typo?); kept without it")
    if type(a.read_time_minutes) is int and a.read_time_minutes > MAX_COUNT:
        reasons.append(f"read time of {a.read_time_minutes} minutes is more than a table holds (a damaged number?); "
                       "kept without it")
        a.read_time_minutes = None
    length = a.extra.get("length_words")
    if type(length) is int and length > MAX_COUNT:
        reasons.append(f"stated length of {length} words is more than a table holds (a damaged number?); kept without it")
        a.extra["length_words"] = None
    return reasons


_TEXT_FIELDS = ("title", "outlet", "outlet_raw", "subtitle", "url", "section", "dateline", "language", "source_path")


#: ``outlet_source`` of the database export readers: the publication name as the export prints it
EXPORT_OUTLET_SOURCES = ("export", "SN field")


def _export_outlet(a: Article, options: ReadOptions) -> None:
    """An export's outlet named by the user's outlet table (``--outlets``), when one is given.

    Exports print the publication's own name, so without a table of the user's it is kept as
    printed (the bundled table alone would rename well-read export names, e.g. "El Pais"); with one,
    variants such as "Weltwoche" and "Die Weltwoche" become one outlet, the printed name kept in
    ``outlet_raw``.
    """
    if options.outlet_table is None or not a.outlet or a.outlet_source not in EXPORT_OUTLET_SOURCES:
        return
    from kit.readers.outlets import normalise_outlet

    name, how = normalise_outlet(a.outlet, options.outlet_table)
    if how is not None and name != a.outlet:
        a.outlet_raw, a.outlet = a.outlet, name
        a.outlet_source = f"{how} ({a.outlet_source})"


def _clean_article(a: Article) -> tuple[Article, Rejection | None]:
    """The article under the one normalisation rule, and a flag when lone surrogates were replaced."""
    from kit.decode import clean_text, clean_value

    n = 0
    for f in _TEXT_FIELDS:
        v = getattr(a, f)
        if isinstance(v, str):
            v, k = clean_text(v)
            setattr(a, f, v)
            n += k
    for f in ("authors", "contributors", "paragraphs", "extra"):
        if _plain_strings(f, getattr(a, f)):
            continue  # (the usual case: nothing to change, checked in one pass)
        try:
            v, k = clean_value(getattr(a, f))
        except RecursionError:
            v, k = {"_dropped": "a field nested too deeply to keep"} if f == "extra" else getattr(a, f), 0
        setattr(a, f, v)
        n += k
    if not n:
        return a, None
    return a, Rejection(a.source_path, f"{n} lone surrogate code point{'s' if n > 1 else ''} (not characters; "
                                       "e.g. a broken \\ud800 escape) replaced by U+FFFD", record=a.source_record,
                        status="flagged")


def _plain_strings(field: str, value) -> bool:
    """True when ``value`` (an article's names or paragraphs) is a list of strings, or of
    ``(role, text)`` string pairs, that the normalisation rule leaves as they are."""
    from kit.decode import already_clean

    if field == "extra" or not isinstance(value, list):
        return False
    if field == "paragraphs":
        if not all(type(p) is tuple and len(p) == 2 for p in value):
            return False
        roles = [r for r, _ in value]
        texts = [t for _, t in value]
        return (all(type(r) is str for r in roles) and all(type(t) is str for t in texts)
                and already_clean(roles) and already_clean(texts))
    return all(type(v) is str for v in value) and already_clean(value)


def _clean_rejection(r: Rejection) -> Rejection:
    from kit.decode import clean_text

    r.source_path = clean_text(r.source_path)[0]
    r.reason = clean_text(r.reason)[0]
    return r
