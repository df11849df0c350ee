"""What every reader shares: the registry, errors, rejections and options.

A reader is a generator function ``read(data: bytes, path: str, options: ReadOptions)``
that yields :class:`kit.schema.Article` for every record it understands and
:class:`Rejection` for every record it cannot use (the batch goes on). A problem that
spoils the whole file raises :class:`ReadError`; the caller turns it into a rejection.
Readers never write into their sources.
"""
from __future__ import annotations

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
        return cls(source_path=err.path, reason=err.reason, line=err.line, record=err.record)

    def message(self) -> str:
        return str(ReadError(self.source_path, self.reason, line=self.line, record=self.record))


@dataclass
class ReadOptions:
    """Options a reader may use.

    ``column_map`` maps article fields to the column names of a CSV/JSONL export
    (for example ``{"text": "body", "outlet": "source"}``); ``outlet`` overrides
    or supplies the outlet name for every article; ``outlet_table`` is the outlet table used to
    normalise site names (the bundled one when None).
    """

    column_map: dict[str, str] = field(default_factory=dict)
    outlet: str | None = None
    #: the outlet table (:class:`kit.readers.outlets.OutletTable`) to normalise names with; None: the bundled one
    outlet_table: Any = None


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
    extension apart, e.g. web copy and LexisNexis ``.txt``)."""

    def deco(func: ReaderFunc) -> ReaderFunc:
        REGISTRY[name] = ReaderSpec(name, func, tuple(e.lower() for e in extensions), sniff,
                                    description or (func.__doc__ or "").strip().splitlines()[0])
        return func

    return deco
