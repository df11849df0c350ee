"""Readers: every source format becomes :class:`kit.schema.Article` records.

:func:`read_sources` walks files, folders (recursively) and ``.zip`` archives, picks a reader
for each file by extension and content (or the one named by ``format``) and yields articles and
:class:`~kit.readers.base.Rejection` records; a bad file never stops the batch.
"""
from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from kit.readers.base import REGISTRY, ReadError, ReadOptions, Rejection, ReaderSpec, reader  # noqa: F401
from kit.errors import KitError
from kit.schema import Article

# importing the format modules registers them; the order is the sniffing order for shared extensions
from kit.readers import lexisnexis, factiva, html, tabular  # noqa: E402,F401
from kit.readers import webcopy  # noqa: E402,F401  (the .txt fallback, registered last)

_SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass
class SourceFile:
    """One file to read: ``path`` as shown to the user (``a.zip!b/c.txt`` inside archives)."""

    path: str
    data: bytes


def formats() -> dict[str, str]:
    """Reader names and what they read.

    >>> sorted(formats())
    ['csv', 'factiva', 'html', 'jsonl', 'lexisnexis', 'webcopy']
    """
    return {name: spec.description for name, spec in REGISTRY.items()}


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[SourceFile | Rejection]:
    """Every file below ``paths`` (folders recursively, zip members), in a stable sorted order.

    Hidden files and folders (starting with ``.``) are skipped; a missing path is a rejection.
    """
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(q for q in p.rglob("*") if q.is_file()):
                rel = f.relative_to(p)
                if any(part.startswith(".") for part in rel.parts) or f.name in _SKIP_NAMES:
                    continue
                yield from _expand(f)
        elif p.is_file():
            yield from _expand(p)
        else:
            yield Rejection(str(p), "no such file or folder")


def _expand(f: Path) -> Iterator[SourceFile | Rejection]:
    if f.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(f) as z:
                for name in sorted(z.namelist()):
                    base = name.rsplit("/", 1)[-1]
                    if name.endswith("/") or base.startswith(".") or base in _SKIP_NAMES or name.startswith("__MACOSX/"):
                        continue
                    yield SourceFile(f"{f}!{name}", z.read(name))
        except (zipfile.BadZipFile, OSError) as e:
            yield Rejection(str(f), f"not a readable zip archive ({e})")
        return
    try:
        yield SourceFile(str(f), f.read_bytes())
    except OSError as e:
        yield Rejection(str(f), f"cannot open ({e.strerror or e})")


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
