"""Readers: every source format becomes :class:`kit.schema.Article` records.

:func:`read_sources` walks files, folders (recursively) and ``.zip`` archives, picks a reader
for each file by extension and content (or the one named by ``format``) and yields articles and
:class:`~kit.readers.base.Rejection` records; a bad file never stops the batch.
"""
from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from kit.readers.base import REGISTRY, ReadError, ReadOptions, Rejection, ReaderSpec, reader  # noqa: F401 (re-exported for the reader modules and callers)
from kit.errors import KitError
from kit.schema import Article

# importing the format modules registers them; the order is the sniffing order for shared extensions
from kit.readers import lexisnexis, factiva, europresse, html, tabular  # noqa: E402,F401 (imported to register the readers)
from kit.readers import webcopy  # noqa: E402,F401  (the .txt fallback, registered last)

_SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
#: How deep ``.zip`` archives inside ``.zip`` archives are opened.
ZIP_DEPTH = 3


@dataclass
class SourceFile:
    """One file to read.

    ``path`` is what the tables and the report show: the path relative to the input folder it was
    found under (``nested/a.txt``), or the path as given for a file named directly; members of a
    ``.zip`` archive are ``archive.zip!member`` (``a.zip!b.zip!c.txt`` for an archive inside one).
    ``rel`` is the same path relative to the input root (a file named directly: its name), used
    for the corpus fingerprint so that it does not depend on where the corpus sits.
    """

    path: str
    data: bytes
    rel: str = ""


def formats() -> dict[str, str]:
    """Reader names and what they read.

    >>> sorted(formats())
    ['csv', 'europresse', 'factiva', 'html', 'jsonl', 'lexisnexis', 'webcopy']
    """
    return {name: spec.description for name, spec in REGISTRY.items()}


def _skipped_name(name: str) -> bool:
    """Hidden files, OS furniture (``.DS_Store``, ``Thumbs.db``) and Office lock files (``~$x.docx``)."""
    return name.startswith((".", "~$")) or name in _SKIP_NAMES


def iter_files(paths: Iterable[str | os.PathLike], *, skipped: list[str] | None = None
               ) -> Iterator[SourceFile | Rejection]:
    """Every file below ``paths`` (folders recursively, zip members), in a stable sorted order.

    Files found in a folder are named relative to that folder (see :class:`SourceFile`).
    Hidden files and folders (starting with ``.``), OS files and Office lock files (``~$``) are
    skipped and, when ``skipped`` is a list, appended to it. A missing path, a broken symbolic
    link and anything that is not a regular file (a FIFO, a socket, a device) is a rejection.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "sub").mkdir(); _ = (d / "sub" / "a.txt").write_text("A"); _ = (d / ".b.txt").write_text("B")
    >>> skipped = []
    >>> [(f.path, f.rel) for f in iter_files([d], skipped=skipped)], skipped
    ([('sub/a.txt', 'sub/a.txt')], ['.b.txt'])
    """
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                rel_s = rel.as_posix()
                if any(_skipped_name(part) for part in rel.parts):
                    if skipped is not None and not f.is_dir():
                        skipped.append(rel_s)
                    continue
                if f.is_dir():
                    continue
                yield from _expand(f, rel_s, rel_s)
        elif p.exists() or p.is_symlink():
            yield from _expand(p, str(p), p.name)
        else:
            yield Rejection(str(p), "no such file or folder")


def _expand(f: Path, shown: str, rel: str) -> Iterator[SourceFile | Rejection]:
    if f.is_symlink() and not f.exists():
        yield Rejection(shown, f"broken link (points to {os.readlink(f)})")
        return
    if not f.is_file():
        yield Rejection(shown, "not a regular file (a pipe, socket or device), not read")
        return
    if f.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(f) as z:
                yield from _zip_members(z, shown, rel, depth=1)
        except (zipfile.BadZipFile, OSError) as e:
            yield Rejection(shown, f"not a readable zip archive ({e})")
        return
    try:
        yield SourceFile(shown, f.read_bytes(), rel)
    except OSError as e:
        yield Rejection(shown, f"cannot open ({e.strerror or e})")


def _zip_members(z: zipfile.ZipFile, shown: str, rel: str, *, depth: int) -> Iterator[SourceFile | Rejection]:
    """Members of an open archive; archives inside it are opened up to :data:`ZIP_DEPTH` levels."""
    for name in sorted(z.namelist()):
        base = name.rsplit("/", 1)[-1]
        if name.endswith("/") or _skipped_name(base) or name.startswith("__MACOSX/"):
            continue
        where, where_rel = f"{shown}!{name}", f"{rel}!{name}"
        try:
            data = z.read(name)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as e:
            yield Rejection(where, f"cannot read this archive member ({e})")
            continue
        if base.lower().endswith(".zip"):
            if depth >= ZIP_DEPTH:
                yield Rejection(where, f"archive nested deeper than {ZIP_DEPTH} levels, not opened")
                continue
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as inner:
                    yield from _zip_members(inner, where, where_rel, depth=depth + 1)
            except (zipfile.BadZipFile, OSError) as e:
                yield Rejection(where, f"not a readable zip archive ({e})")
            continue
        yield SourceFile(where, data, where_rel)


def detect_format(data: bytes, path: str) -> str:
    """Name of the reader for a file, from its extension and first bytes.

    >>> detect_format(b'{"title": "x"}\\n', "export.jsonl")
    'jsonl'
    >>> detect_format(b"Headline\\n\\nBody text.", "story.txt")
    'webcopy'
    """
    ext = os.path.splitext(path.split("!")[-1])[1].lower()
    head = data[:65536]
    candidates = [s for s in REGISTRY.values() if ext in s.extensions]
    for spec in candidates:
        if spec.sniff is not None and _sniffs(spec, head, path):
            return spec.name
    fallback = [s for s in candidates if s.sniff is None]
    if fallback:
        return fallback[0].name
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
    """Raise a :class:`~kit.errors.KitError` listing the readers when ``format`` is not one of them."""
    if format is not None and format not in REGISTRY:
        raise KitError(f"unknown format '{format}' (choose from {', '.join(sorted(REGISTRY))})")


def read_sources(paths: Iterable[str | os.PathLike], *, format: str | None = None,
                 options: ReadOptions | None = None) -> Iterator[tuple[str, Article | Rejection]]:
    """Yield ``(format, article_or_rejection)`` for everything found under ``paths``.

    Every file either yields at least one record or a rejection saying why: nothing is lost
    silently. ``format`` forces one reader for every file.
    """
    options = options or ReadOptions()
    check_format(format)
    for item in iter_files(paths):
        if isinstance(item, Rejection):
            yield "", item
            continue
        yield from read_one(item.data, item.path, format=format, options=options)


def read_one(data: bytes, path: str, *, format: str | None = None,
             options: ReadOptions | None = None) -> Iterator[tuple[str, Article | Rejection]]:
    """Read one file's bytes; errors become rejections."""
    options = options or ReadOptions()
    try:
        name = format or detect_format(data, path)
    except ReadError as e:
        yield "", Rejection.from_error(e)
        return
    produced = False
    try:
        for rec in REGISTRY[name].func(data, path, options):
            produced = produced or isinstance(rec, Article) or rec.status == "rejected"
            yield name, rec
    except ReadError as e:
        produced = True
        yield name, Rejection.from_error(e)
    except Exception as e:  # a reader bug must not stop a batch; it is reported with the file
        produced = True
        yield name, Rejection(path, f"{name} reader failed: {type(e).__name__}: {e}")
    if not produced:
        yield name, Rejection(path, f"no articles found by the {name} reader")
