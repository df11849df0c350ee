"""Turn source bytes into text robustly, saying what was done.

UTF-8 (with or without a byte-order mark) and UTF-16 with a BOM are read as they are.
Other bytes are tried as the East Asian legacy encodings GB18030 (GBK, GB2312), Big5 and
Shift_JIS: one is taken when the bytes decode cleanly, most letters come out as CJK characters
(Chinese, kana) and most of those are in the encoding's block of common characters (GB2312 for
GB18030, Big5's frequent-character block, Shift_JIS symbols, kana and level-1 kanji); the best such
reading wins. Else the bytes are read as Windows-1252, unless that gives mostly accented Latin-1
letters (the mark of another code page, e.g. Cyrillic or Greek), which is refused as an unknown
encoding. Mojibake (UTF-8 read as Windows-1252, e.g.
``â€™`` for ``’``) is repaired with ftfy's ``fix_encoding``, which changes nothing else:
typographic quotes and dashes stay as they are. Binary data is refused.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from kit.readers.base import ReadError

_MOJIBAKE_HINTS = ("â€", "Ã", "Â", "â€™", "Ã©")
#: The first byte of every hint written in UTF-8 ("Ã" C3 83, "Â" C3 82, "â" C3 A2): UTF-8 bytes
#: without it hold no hint (checked in the tests).
_MOJIBAKE_LEAD = b"\xc3"


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
    utf8 = False  # text is exactly the UTF-8 reading of ``data`` (after a byte-order mark)
    if data.startswith(codecs.BOM_UTF8):
        text = _utf8(data[len(codecs.BOM_UTF8):])
        if text is None:
            raise ReadError(path, "has a UTF-8 byte-order mark but is not valid UTF-8")
        utf8 = True
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ReadError(path, f"has a UTF-16 byte-order mark but is not valid UTF-16 ({e.reason})") from None
        notes.append("decoded as UTF-16")
    elif looks_binary(data):
        raise ReadError(path, "binary file, not text (no reader for this content)")
    elif (text := _utf8(data)) is not None:
        utf8 = True
    elif (cjk := _cjk_reading(data)) is not None:
        text, name = cjk
        notes.append(f"decoded as {name} (not valid UTF-8)")
    else:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as e:
            raise ReadError(path, f"unknown encoding: neither UTF-8 nor Windows-1252 (byte 0x{data[e.start]:02x} at offset {e.start})") from None
        notes.append("decoded as Windows-1252 (not valid UTF-8)")
        latin = _latin1_share(text)
        if latin is not None and latin > 0.3 and not any(h in text for h in _MOJIBAKE_HINTS):
            raise ReadError(path, f"unknown encoding: not UTF-8, and read as Windows-1252 {latin:.0%} of the letters "
                                  "are accented Latin-1 letters (probably another code page)")
    # Read as UTF-8, the text holds a hint (or a carriage return) only where the bytes do; every
    # hint's UTF-8 form starts with the byte 0xC3, and one byte is found at memchr speed.
    if (not utf8 or _MOJIBAKE_LEAD in data) and (fixed := repair_mojibake(text)) is not None:
        text = fixed
        notes.append("repaired mojibake (UTF-8 text that had been decoded as Windows-1252)")
    if not utf8 or b"\r" in data:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), notes


def repair_mojibake(text: str) -> str | None:
    """``text`` with mojibake (UTF-8 text that had been decoded as Windows-1252) repaired by ftfy's
    ``fix_encoding``, which changes nothing else; None when the text holds no hint of it or ftfy
    changes nothing. Used for whole files (:func:`decode_bytes`) and for table cells.

    >>> repair_mojibake("Fran\u00c3\u00a7ois"), repair_mojibake("François")
    ('François', None)
    """
    if not any(h in text for h in _MOJIBAKE_HINTS):
        return None
    import ftfy  # (imported when a text needs it: most never do)

    fixed = ftfy.fix_encoding(text)
    return fixed if fixed != text else None


def _common_gb(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _common_big5(ch: str) -> bool:
    try:
        b = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xA1 <= b[0] <= 0xC6  # symbols and the frequent-character block


def _common_sjis(ch: str) -> bool:
    try:
        b = ch.encode("shift_jis")
    except UnicodeEncodeError:
        return False
    return len(b) == 1 or 0x81 <= b[0] <= 0x98  # half-width kana; symbols, kana and level-1 kanji


#: (codec, name in notes, test for the encoding's common characters), in order of preference on a tie
_CJK_CODECS = (("gb18030", "GB18030/GBK (Chinese)", _common_gb), ("big5", "Big5 (Chinese)", _common_big5),
               ("shift_jis", "Shift_JIS (Japanese)", _common_sjis))


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3040 <= o <= 0x30FF or 0xF900 <= o <= 0xFAFF
            or 0xFF66 <= o <= 0xFF9F or 0x20000 <= o <= 0x2FFFF)


def _cjk_reading(data: bytes) -> tuple[str, str] | None:
    """``(text, name)`` for the best East Asian reading of non-UTF-8 bytes, or ``None``.

    A reading counts when the bytes decode without error, at least half of the letters are CJK and
    at least 90% of the non-ASCII characters are common characters of that encoding.

    >>> _cjk_reading("中美双方在北京举行了会谈。".encode("gbk"))
    ('中美双方在北京举行了会谈。', 'GB18030/GBK (Chinese)')
    >>> _cjk_reading("Café “talks”".encode("cp1252")) is None
    True
    """
    best = None
    for codec, name, common in _CJK_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        letters = [c for c in text if c.isalpha()]
        wide = [c for c in text if ord(c) > 127 and not c.isspace()]
        if not letters or not wide or sum(map(_is_cjk, letters)) < 0.5 * len(letters):
            continue
        score = sum(map(common, wide)) / len(wide)
        if score >= 0.9 and (best is None or score > best[0]):
            best = (score, text, name)
    return (best[1], best[2]) if best else None


def _latin1_share(text: str) -> float | None:
    """Share of letters that are Latin-1 supplement letters (À..ÿ), or ``None`` for fewer than 20 letters."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 20:
        return None
    return sum(1 for c in letters if 0xC0 <= ord(c) <= 0xFF) / len(letters)


def _utf8(data: bytes) -> str | None:
    """``data`` read as UTF-8, or None when it is not valid UTF-8 (decoded once)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


# ---------------------------------------------------------------------------------------------
# The one text-normalisation rule
# ---------------------------------------------------------------------------------------------
#
# Every string a reader produces (titles, paragraphs, names, extra fields) goes through
# :func:`clean_text` in :func:`kit.readers.read_one`, whatever the format and whatever escaping the
# source used (raw UTF-8, JSON ``\uXXXX`` escapes, HTML ``&#...;`` entities, CSV, Word XML):
#
# 1. a lone surrogate (``\ud800`` in a JSON escape, an undecodable byte in a file name), which is
#    not a character and cannot be written as UTF-8, becomes U+FFFD REPLACEMENT CHARACTER and the
#    record is flagged in the ingest report;
# 2. the text is put in Unicode normalisation form NFC (composed: ``e`` + combining acute becomes
#    ``é``), so the same word is the same string however the source spelled it.
#
# Nothing else is changed (quotes, dashes, case and white space stay as the source gives them).

_SURROGATES = re.compile(r"[\ud800-\udfff]")


def _has_surrogates(text: str) -> bool:
    """True when ``text`` holds a lone surrogate: the strict UTF-8 encoder refuses exactly those,
    and encodes four times faster than the pattern above scans."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def clean_text(text: str) -> tuple[str, int]:
    """The text under the kit's one normalisation rule, and how many lone surrogates were replaced.

    >>> clean_text("caf\\u0065\\u0301 \\ud800!")
    ('café \\ufffd!', 1)
    >>> clean_text("plain")
    ('plain', 0)
    """
    n = 0
    if not text.isascii():
        if _has_surrogates(text):
            text, n = _SURROGATES.subn("\ufffd", text)
        text = unicodedata.normalize("NFC", text)
    return text, n


def already_clean(strings: list[str]) -> bool:
    """True when :func:`clean_text` would change none of ``strings`` (checked in one pass over them
    joined by line breaks: a line break never composes with its neighbours, so the joined text is
    in NFC exactly when every string is).

    >>> already_clean(["plain", "caf\\u00e9"]), already_clean(["cafe\\u0301"]), already_clean(["x\\ud800"])
    (True, False, False)
    """
    blob = "\n".join(strings)
    return blob.isascii() or (not _has_surrogates(blob) and unicodedata.is_normalized("NFC", blob))


def clean_value(value):
    """:func:`clean_text` applied to every string inside ``value`` (lists, tuples, dicts, nested).

    Returns ``(value, replaced)``.

    >>> clean_value({"a": ["x\\ud800", ("e\\u0301", 1)]})
    ({'a': ['x\\ufffd', ('é', 1)]}, 1)
    """
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (list, tuple)):
        out, n = [], 0
        for v in value:
            v, k = clean_value(v)
            out.append(v)
            n += k
        return (type(value)(out) if isinstance(value, tuple) else out), n
    if isinstance(value, dict):
        out, n = {}, 0
        for k, v in value.items():
            k2, a = clean_value(k) if isinstance(k, str) else (k, 0)
            v2, b = clean_value(v)
            out[k2] = v2
            n += a + b
        return out, n
    return value, 0
