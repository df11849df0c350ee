"""Session 12: damaged numbers and dates never crash a reader (or the batch).

Each test holds a defect found by the audit of ``kit/readers`` or by ``tools/fuzz.py``; every input is
built here in code from sentences written by us (fictional ports, envoys and councils), and each test
failed before its fix. The convention for a bad date is the one the readers document: the article is
kept without that date and the ingest report flags it, naming the file, the record and the date.
"""
from __future__ import annotations

import io
import struct
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest

from kit.corpus import build_corpus
from kit.readers import read_one
from kit.schema import Article

FIX = Path("tests/fixtures")
BODY = ("Envoys from both ports met on Monday to talk about the fees that small boats pay at the quay.\n\n"
        "They agreed to meet again next month to settle the matter for good.\n")
HUGE = "99999999999999999999"  # more than a 64-bit integer holds


def _read(name: str, data: bytes) -> tuple[list[Article], list]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = [r for _, r in read_one(data, f"fixtures/{name}")]
    arts = [r for r in out if isinstance(r, Article)]
    rejs = [r for r in out if not isinstance(r, Article)]
    assert all("reader failed" not in r.reason for r in rejs), [r.reason for r in rejs]
    return arts, rejs


def _damage(data: bytes, member: str) -> bytes:
    """The zip ``data`` with bytes of ``member``'s compressed data flipped (its inflation then fails)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    h = info.header_offset
    name_len, extra_len = struct.unpack("<HH", data[h + 26:h + 30])
    start = h + 30 + name_len + extra_len
    out = bytearray(data)
    for k in range(start + 8, start + 40):
        out[k] ^= 0xA5
    with pytest.raises(zlib.error):  # the damage is the kind under test: zlib, not a zipfile error
        zipfile.ZipFile(io.BytesIO(bytes(out))).read(member)
    return bytes(out)


# damaged archives: zlib's own error was not among the errors caught ---------------------------------

def test_zip_member_with_damaged_compressed_data_is_rejected_and_the_batch_goes_on(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("talks.txt", "Harbour Talks Resume\n\n" + BODY * 20)
        z.writestr("council.txt", "Council Votes On Ferry Fares\n\n" + BODY)
    (tmp_path / "batch.zip").write_bytes(_damage(buf.getvalue(), "talks.txt"))
    c = build_corpus([tmp_path])  # raised zlib.error out of the whole batch before
    assert c.articles["title"].tolist() == ["Council Votes On Ferry Fares"]
    (row,) = c.report[c.report.status == "rejected"].itertuples()
    assert row.source_path == "batch.zip!talks.txt" and row.status == "rejected"
    assert "cannot read this file" in row.reason and "decompressing" in row.reason


def test_docx_with_a_damaged_part_is_a_rejection_with_a_reason_not_a_reader_failure():
    data = _damage((FIX / "readers" / "lexisnexis_export.docx").read_bytes(), "word/document.xml")
    arts, rejs = _read("export.docx", data)  # 'lexisnexis reader failed: error: Error -3 ...' before
    assert arts == [] and len(rejs) == 1
    assert rejs[0].reason.startswith("not a readable .docx file") and "decompressing" in rejs[0].reason


# HTML: a control character in a page nested deeper than the kit keeps ----------------------------------

def test_deep_page_with_a_control_character_is_read():
    page = ("<html><head><title>Harbour talks resume</title></head><body>" + "<div>" * 70 + "Port notice\x1f<div>"
            + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")) + "</div>" + "</div>" * 70 + "</body></html>")
    arts, rejs = _read("deep.html", page.encode())  # 'html reader failed: ValueError: All strings must be XML compatible'
    assert len(arts) == 1 and any("fees that small boats pay" in t for t in arts[0].body())
    assert any("levels below 64 were flattened" in r.reason for r in rejs)
