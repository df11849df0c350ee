"""Tests for kit/decode.py on the encoding fixtures; expected strings are written out by hand."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kit.decode import decode_bytes, looks_binary
from kit.readers.base import ReadError

FIX = Path(__file__).parent / "fixtures" / "readers"


def fixture(name: str) -> bytes:
    return (FIX / name).read_bytes()


def test_plain_utf8_unchanged():
    text, notes = decode_bytes("Beijing\u2019s \u201cfloor\u201d \u2014 caf\u00e9".encode("utf-8"), "a.txt")
    assert (text, notes) == ("Beijing\u2019s \u201cfloor\u201d \u2014 caf\u00e9", [])


def test_utf8_bom_is_removed_without_note():
    data = fixture("utf8_bom.jsonl")
    assert data.startswith(codecs.BOM_UTF8)
    text, notes = decode_bytes(data, "utf8_bom.jsonl")
    assert text.startswith('{"id": "bom-1", "title": "Beijing\u2019s view"')
    assert notes == []


def test_windows_1252_file():
    text, notes = decode_bytes(fixture("factiva_cp1252.txt"), "factiva_cp1252.txt")
    assert "Caf\u00e9 diplomacy: envoys \u201ctalk it out\u201d in Beijing" in text
    assert "BEIJING (Continental Wire) \u2014 The envoys\u2019 meeting ran long." in text
    assert notes == ["decoded as Windows-1252 (not valid UTF-8)"]


def test_mojibake_repaired():
    raw = fixture("lexisnexis_mojibake.txt").decode("utf-8")
    assert "Beijing\u00e2\u20ac\u2122s" in raw  # the file really holds mojibake: â€™
    text, notes = decode_bytes(fixture("lexisnexis_mojibake.txt"), "m.txt")
    assert text.splitlines()[0] == "Beijing\u2019s envoy says \u2018the door is open\u2019"
    assert "(Continental Wire) \u2013 China\u2019s foreign minister" in text
    assert notes == ["repaired mojibake (UTF-8 text that had been decoded as Windows-1252)"]


def test_typographic_text_is_not_touched_by_the_mojibake_repair():
    # Windows-1252 text that merely contains "Â" as a real letter must survive
    original = "\u00c2ngela said \u201cyes\u201d."
    text, notes = decode_bytes(original.encode("utf-8"), "a.txt")
    assert text == original


def test_unknown_encoding_is_a_read_error_naming_the_byte():
    with pytest.raises(ReadError) as err:
        decode_bytes(fixture("unknown_encoding.txt"), "fixtures/unknown_encoding.txt")
    # bytes 0x81 0x8d are undefined in Windows-1252 and invalid as UTF-8; the first sits at offset 9
    assert str(err.value) == ("fixtures/unknown_encoding.txt: unknown encoding: neither UTF-8 nor Windows-1252 "
                              "(byte 0x81 at offset 9)")


def test_empty_and_blank_files():
    for data in (fixture("empty.txt"), b"  \n\t\n"):
        with pytest.raises(ReadError, match=r"^e.txt: empty file$"):
            decode_bytes(data, "e.txt")


def test_binary_file():
    data = fixture("binary.dat")
    assert looks_binary(data)
    with pytest.raises(ReadError, match=r"^binary.dat: binary file"):
        decode_bytes(data, "binary.dat")


def test_utf16_with_bom():
    data = "Talks \u2014 resumed".encode("utf-16")
    assert not looks_binary(data)
    assert decode_bytes(data, "a.txt") == ("Talks \u2014 resumed", ["decoded as UTF-16"])


def test_line_endings_normalised():
    assert decode_bytes(b"a\r\nb\rc\n", "a.txt")[0] == "a\nb\nc\n"


def test_bom_but_invalid_utf8():
    with pytest.raises(ReadError, match="byte-order mark but is not valid UTF-8"):
        decode_bytes(codecs.BOM_UTF8 + b"caf\xe9", "a.txt")


# ingest review, finding 8: East Asian legacy encodings are not Windows-1252
CHINESE_S = "中美双方在北京举行了会谈，双方同意保持沟通。会谈持续了七个小时。"
CHINESE_T = "中美雙方在北京舉行了會談，雙方同意保持溝通。會談持續了七個小時。"
JAPANESE = "米中両国は北京で会談を行い、対話を続けることで合意した。"


@pytest.mark.parametrize("text, codec, name", [
    (CHINESE_S, "gbk", "GB18030/GBK (Chinese)"),
    (CHINESE_S, "gb18030", "GB18030/GBK (Chinese)"),
    (CHINESE_T, "big5", "Big5 (Chinese)"),
    (JAPANESE, "shift_jis", "Shift_JIS (Japanese)"),
])
def test_cjk_legacy_encodings(text, codec, name):
    data = ("标题\n\n" if codec.startswith("gb") else "") + text + "\n"
    got, notes = decode_bytes(data.encode(codec), "a.txt")
    assert got == data
    assert notes == [f"decoded as {name} (not valid UTF-8)"]


def test_latin_text_in_windows_1252_is_still_windows_1252():
    original = "Caf\u00e9 talks: envoys \u201cagree\u201d on a d\u00e9tente, said Jos\u00e9 Mart\u00ednez."
    assert decode_bytes(original.encode("cp1252"), "a.txt") == (original, ["decoded as Windows-1252 (not valid UTF-8)"])


def test_other_code_page_is_an_unknown_encoding():
    # Russian in Windows-1251: as Windows-1252 every letter would be an accented Latin-1 letter
    data = "Переговоры в Пекине продолжались семь часов.".encode("cp1251")
    with pytest.raises(ReadError, match=r"^r.txt: unknown encoding: not UTF-8, and read as Windows-1252 100% of the"):
        decode_bytes(data, "r.txt")


def test_every_mojibake_hint_starts_with_the_lead_byte_in_utf8():
    # decode_bytes looks for the hints only in UTF-8 bytes that hold this byte
    from kit.decode import _MOJIBAKE_HINTS, _MOJIBAKE_LEAD

    assert all(h.encode("utf-8").startswith(_MOJIBAKE_LEAD) for h in _MOJIBAKE_HINTS)


@pytest.mark.parametrize("original", ["Beijing\u2019s view \u2014 talks", "Caf\u00e9 \u00e9t\u00e9", "plain"])
def test_utf8_fast_paths_give_what_the_full_checks_give(original):
    # clean UTF-8 (no lead byte, no carriage return) comes back as decoded; mojibake written in
    # UTF-8 (the hint's lead byte present) is still repaired, and carriage returns still go
    assert decode_bytes(original.encode("utf-8"), "a.txt") == (original, [])
    assert decode_bytes((original + "\r\nx\ry").encode("utf-8"), "a.txt")[0] == original + "\nx\ny"
    assert decode_bytes(codecs.BOM_UTF8 + (original + "\r\n").encode("utf-8"), "a.txt")[0] == original + "\n"


def test_mojibake_in_utf8_bytes_is_found_through_the_lead_byte():
    broken = "Beijing\u2019s view \u2014 talks".encode("utf-8").decode("cp1252").encode("utf-8")
    assert b"\xc3" in broken
    assert decode_bytes(broken, "a.txt") == (
        "Beijing\u2019s view \u2014 talks", ["repaired mojibake (UTF-8 text that had been decoded as Windows-1252)"])


@pytest.mark.parametrize("ch", ["\ud800", "\udbff", "\udc00", "\udfff"])
def test_lone_surrogates_are_found_by_the_encoder_check(ch):
    from kit.decode import _has_surrogates, already_clean, clean_text

    for text in (ch, "caf\u00e9 " + ch, "\u4e2d" + ch + "x", "\U0001f600" + ch):
        assert _has_surrogates(text)
        assert not already_clean(["plain", text])
        assert clean_text(text)[1] == 1
    assert not _has_surrogates("caf\u00e9 \u4e2d \U0001f600 \ud7ff\ue000")
