"""Turn source bytes into text robustly, saying what was done.

UTF-8 (with or without a byte-order mark) and UTF-16 with a BOM are read as they are;
other bytes are tried as Windows-1252. Mojibake (UTF-8 read as Windows-1252, e.g.
``â€™`` for ``’``) is repaired with ftfy's ``fix_encoding``, which changes nothing else:
typographic quotes and dashes stay as they are. Binary data is refused.
"""
from __future__ import annotations

import codecs
import unicodedata

import ftfy

from kit.readers.base import ReadError

_MOJIBAKE_HINTS = ("â€", "Ã", "Â", "â€™", "Ã©")


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes (outside UTF-16) or many control bytes.

    >>> looks_binary(b"PK\\x03\\x04\\x00\\x00binary")
    True
    >>> looks_binary("Plain text “quoted”".encode())
    False
    """
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and control / len(head) > 0.05


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, list[str]]:
    """Decode ``data`` and return ``(text, notes)``; ``notes`` says what was repaired.

    Raises :class:`~kit.readers.base.ReadError` for empty or binary input.

    >>> decode_bytes("Beijing’s view".encode("utf-8"))
    ('Beijing’s view', [])
    >>> decode_bytes("Beijing’s view".encode("cp1252"))
    ('Beijing’s view', ['decoded as Windows-1252 (not valid UTF-8)'])
    >>> decode_bytes("Beijing’s view".encode("utf-8").decode("cp1252").encode("utf-8"))
    ('Beijing’s view', ['repaired mojibake (UTF-8 text that had been decoded as Windows-1252)'])
    """
    notes: list[str] = []
    if not data.strip():
        raise ReadError(path, "empty file")
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict") if _is_utf8(data[3:]) else None
        if text is None:
            raise ReadError(path, "has a UTF-8 byte-order mark but is not valid UTF-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ReadError(path, f"has a UTF-16 byte-order mark but is not valid UTF-16 ({e.reason})") from None
        notes.append("decoded as UTF-16")
    elif looks_binary(data):
        raise ReadError(path, "binary file, not text (no reader for this content)")
    elif _is_utf8(data):
        text = data.decode("utf-8")
    else:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as e:
            raise ReadError(path, f"unknown encoding: neither UTF-8 nor Windows-1252 (byte 0x{data[e.start]:02x} at offset {e.start})") from None
        notes.append("decoded as Windows-1252 (not valid UTF-8)")
    if any(h in text for h in _MOJIBAKE_HINTS):
        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            text = fixed
            notes.append("repaired mojibake (UTF-8 text that had been decoded as Windows-1252)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), notes


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
