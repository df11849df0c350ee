"""Large JSONL and CSV exports split into byte ranges on record boundaries, so several processes read one file.

:func:`plan_ranges` scans a file once (hashing it on the way, never holding it in memory) and cuts it
into ranges of about :data:`RANGE_BYTES` that end at a record boundary: a line break for JSON Lines;
for CSV a line break outside quotation marks (the count of ``"`` before it is even, which doubled
``""`` escapes keep). :func:`read_range` reads one range with the ordinary reader (a CSV range gets
the header row in front) and returns the records with numbers local to the range plus the counts
needed to make them global: the caller adds the lines and records of the ranges before it, so
``line`` and ``record`` in the report are those of the whole file.

A range whose reading would not match the single read of the whole file asks for that read instead
(:data:`FALLBACK`): it is not UTF-8 (the whole file may be decoded as another encoding), the reader
flagged the file itself (a repaired encoding, an empty or binary range), or a CSV row is broken (an
unclosed quotation mark re-reads the following lines, so its effect can cross a range's end). A range
that ends inside a quoted CSV field meets the end of its data inside the quotes, which the reader
reports as a broken row: the boundary was wrong and the whole file is read in one piece.
"""
from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass

#: Target size of one range (bytes); a file is split when it is at least twice this size.
RANGE_BYTES = 8 * 2**20
#: Bytes read at a time while scanning a file for boundaries.
SCAN_BYTES = 4 * 2**20
#: Returned by :func:`read_range` when the range cannot be read on its own (see the module docstring).
FALLBACK = "fallback"
#: Formats that can be split.
SPLITTABLE = ("jsonl", "csv")


@dataclass(frozen=True)
class Range:
    """Bytes ``start`` to ``end`` of ``path``; ``index`` counts the ranges of the file from 0.
    ``header`` is the CSV header row (bytes, with its line break) put in front of every range but the first."""

    path: str
    index: int
    start: int
    end: int
    header: bytes = b""


def splittable_format(head: bytes, fmt: str) -> bool:
    """True when a file of format ``fmt`` starting with ``head`` can be split: JSON Lines (not one JSON
    array) or CSV, in UTF-8 (a UTF-16 file is read whole).

    >>> splittable_format(b'{"title": "A"}\\n', "jsonl"), splittable_format(b'[{"title": "A"}]', "jsonl")
    (True, False)
    >>> splittable_format(b"title,text\\n", "csv"), splittable_format(b"<html>", "html")
    (True, False)
    """
    if fmt not in SPLITTABLE or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if fmt == "jsonl":
        return head.lstrip(codecs.BOM_UTF8).lstrip(b" \t\r\n")[:1] == b"{"
    return True


def plan_ranges(path: str, fmt: str, *, range_bytes: int = RANGE_BYTES) -> tuple[list[Range], str, int]:
    """``(ranges, sha256, size)`` for the file at ``path``: ranges of about ``range_bytes`` ending on record
    boundaries (see the module docstring), the file's sha256 and its size, from one pass over the file.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "x.csv")
    >>> _ = open(p, "wb").write(b'title,text\\nA,"one\\ntwo"\\nB,three\\nC,four\\n')
    >>> [(r.start, r.end, r.header) for r in plan_ranges(p, "csv", range_bytes=4)[0]]
    [(0, 23, b''), (23, 31, b'title,text\\n'), (31, 38, b'title,text\\n')]
    """
    sha = hashlib.sha256()
    cuts = [0]
    header_end = None if fmt == "csv" else 0  # a CSV range repeats the header row (the first record)
    parity = 0  # quotation marks before the scanned point, modulo 2 (CSV)
    pos = 0  # file offset of the current block
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        while block := f.read(SCAN_BYTES):
            sha.update(block)
            i = 0  # block[:i] is scanned (its quotation marks are counted in parity)
            while True:
                target = cuts[-1] + range_bytes if header_end is not None else 0
                j = block.find(b"\n", max(target - pos, i))
                if j < 0:
                    break
                if fmt == "csv":
                    parity = (parity + block.count(b'"', i, j)) % 2
                i = j + 1
                if parity:  # a line break inside a quoted field
                    continue
                if fmt == "jsonl" and block[i:i + 1] in (b"[", b" ", b"\t", b"\r", b"\n"):
                    continue  # a range must not start with an array line (it would read as one JSON array)
                if header_end is None:
                    header_end = pos + i
                elif pos + i < size:
                    cuts.append(pos + i)
            if fmt == "csv":
                parity = (parity + block.count(b'"', i)) % 2
            pos += len(block)
        header = b""
        if header_end:
            f.seek(0)
            header = f.read(header_end)
    ranges = [Range(path, k, a, b, header if k else b"") for k, (a, b) in enumerate(zip(cuts, cuts[1:] + [pos]))]
    return ranges, sha.hexdigest(), pos


def read_range(r: Range, fmt: str, display_path: str, name: str, options):
    """Read one range: ``(records, n_lines, header_lines)`` with ``line``/``record`` local to the
    range, or :data:`FALLBACK` (see the module docstring).

    ``n_lines`` is the number of lines of the range's own bytes (as the reader counts them: ``\\r\\n``,
    ``\\r`` and ``\\n`` end a line), ``header_lines`` those of the header put in front.

    >>> import tempfile, os
    >>> from kit.readers import ReadOptions
    >>> p = os.path.join(tempfile.mkdtemp(), "x.csv")
    >>> _ = open(p, "wb").write(b"title,text\\nA,one two\\nB,three four\\n")
    >>> ranges = plan_ranges(p, "csv", range_bytes=4)[0]
    >>> records, n_lines, header_lines = read_range(ranges[1], "csv", p, "x.csv", ReadOptions())
    >>> [a.title for a in records], n_lines, header_lines
    (['B'], 1, 1)
    >>> _ = open(p, "wb").write(b"title,text\\nA,one two\\nB,caf\\xe9\\n")  # not UTF-8: the whole file is read
    >>> read_range(plan_ranges(p, "csv", range_bytes=4)[0][1], "csv", p, "x.csv", ReadOptions())
    'fallback'
    """
    from kit.readers import read_one
    from kit.schema import Article

    with open(r.path, "rb") as f:
        f.seek(r.start)
        own = f.read(r.end - r.start)
    body = own[3:] if r.index == 0 and own.startswith(codecs.BOM_UTF8) else own
    if r.index and own.startswith(codecs.BOM_UTF8):
        return FALLBACK
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return FALLBACK
    if fmt == "jsonl" and r.index and own.lstrip(b" \t\r\n")[:1] == b"[":
        return FALLBACK  # read alone, a range starting with an array line would be taken for a JSON array
    records = []
    for _, rec in read_one(r.header + own, display_path, format=fmt, options=options, name=name):
        if not isinstance(rec, Article) and (rec.record is None or rec.reason.startswith("bad CSV row")):
            return FALLBACK
        records.append(rec)
    return records, _lines(own), _lines(r.header)


def _lines(data: bytes) -> int:
    """Line breaks in ``data`` as the decoder counts them (``\\r\\n``, ``\\r`` and ``\\n`` each end a line)."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
