"""Tests for kit/readers/lexisnexis.py; expected values are read off the fixtures by hand."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import kit.readers.lexisnexis  # noqa: F401  (registers the reader)
from kit.readers.base import REGISTRY, ReadError, ReadOptions, Rejection
from kit.schema import Article

FIX = Path(__file__).parent / "fixtures" / "readers"


def read(name: str, options: ReadOptions | None = None, data: bytes | None = None):
    data = (FIX / name).read_bytes() if data is None else data
    out = list(REGISTRY["lexisnexis"].func(data, f"fixtures/{name}", options or ReadOptions()))
    return [x for x in out if isinstance(x, Article)], [x for x in out if isinstance(x, Rejection)]


@pytest.fixture(scope="module")
def txt():
    return read("lexisnexis_export.txt")


def test_text_export_first_document(txt):
    arts, _ = txt
    a = arts[0]
    assert a.title == "China and US agree to keep talking after marathon Beijing meeting"
    assert a.outlet == "Continental Wire"
    assert a.published == pd.Timestamp("2023-06-19 03:15", tz="UTC")
    assert a.authors == ["Ana Ruiz", "Tom Becker"]
    assert a.section == "WORLD NEWS"
    assert a.dateline == "BEIJING"
    assert a.language == "en"
    assert a.source_record == 1
    assert a.source_format == "lexisnexis"
    assert a.source_path == "fixtures/lexisnexis_export.txt"
    # nothing vanishes: every header and index line is kept with a role (finding 9 of the ingest review)
    assert [r for r, _ in a.paragraphs] == ["meta"] * 5 + ["byline", "meta"] + ["body"] * 3 + ["meta"] * 6
    assert a.with_role("meta") == [
        "Continental Wire", "June 19, 2023 Monday 3:15 AM GMT", "Copyright 2023 Continental Wire All Rights Reserved",
        "Section: WORLD NEWS", "Length: 412 words", "Dateline: BEIJING", "Classification", "Language: ENGLISH",
        "Publication-Type: Newswire",
        "Subject: DIPLOMACY (92%); INTERNATIONAL RELATIONS (90%); TALKS & MEETINGS (78%); FOREIGN POLICY (77%); "
        "EXPORT CONTROLS (60%)",
        "Geographic: BEIJING, CHINA (92%); UNITED STATES (90%)", "Load-Date: June 20, 2023"]
    assert a.with_role("byline") == ["Byline: Ana Ruiz and Tom Becker"]
    assert a.body()[0].startswith("BEIJING (Continental Wire) - China and the United States agreed")
    assert a.body()[-1] == "Neither side announced a breakthrough on trade, Taiwan or export controls."
    assert a.extra == {
        "copyright": "Copyright 2023 Continental Wire All Rights Reserved",
        "date_line": "June 19, 2023 Monday 3:15 AM GMT",
        "publication_type": "Newswire",
        # the Subject field wraps onto a second line in the export
        "subject": "DIPLOMACY (92%); INTERNATIONAL RELATIONS (90%); TALKS & MEETINGS (78%); FOREIGN POLICY (77%); "
                   "EXPORT CONTROLS (60%)",
        "geographic": "BEIJING, CHINA (92%); UNITED STATES (90%)",
        "load_date": "2023-06-20",
        "length_words": 412,
    }


def test_text_export_tolerates_order_and_missing_fields(txt):
    arts, _ = txt
    b, c = arts[1], arts[2]
    assert b.title == "Markets shrug off diplomatic thaw as chip curbs stay in place"
    assert b.outlet == "The Harbour Ledger"
    assert b.published == pd.Timestamp("2023-06-20", tz="UTC")   # date line without a time
    assert b.authors == ["Priya Natarajan"]
    assert b.section == "BUSINESS" and b.extra["section_full"] == "BUSINESS; Pg. B4"
    assert b.dateline == "HONG KONG"                              # from the first paragraph
    assert b.language is None                                     # no Language field
    assert b.extra["load_date"] == "2023-06-21" and b.extra["length_words"] == 268
    assert len(b.body()) == 2
    # no blank line between date line and fields, no copyright, no byline; the EST clock time kept
    assert c.title == "Editorial: A floor, not a ceiling"
    assert c.outlet == "Northern Courier"
    assert c.published == pd.Timestamp("2023-06-21 23:05", tz="UTC")  # the stated day and time (EST)
    assert c.authors == []
    assert c.section == "OPINION"
    assert c.body() == ["Diplomacy rarely makes headlines when it works. The meeting in Beijing this week will not end "
                        "the rivalry between the two largest economies, but it may stop the slide.",
                        "That is worth something. A relationship without channels is one accident away from a crisis."]
    assert [a.source_record for a in arts] == [1, 2, 3]


def test_unparsable_document_is_rejected_and_others_go_on(txt):
    arts, rejs = txt
    assert len(arts) == 3
    (r,) = rejs
    assert (r.record, r.line, r.status) == (4, 85, "rejected")
    assert r.reason == "document has no 'Body' line"
    assert r.message() == "fixtures/lexisnexis_export.txt, line 85, record 4: document has no 'Body' line"


def test_fields_never_leak_into_body(txt):
    for a in txt[0]:
        text = "\n\n".join(a.body())
        for word in ("Load-Date", "Classification", "Subject:", "Copyright", "Byline", "End of Document"):
            assert word not in text


def test_docx_export():
    arts, rejs = read("lexisnexis_export.docx")
    assert rejs == []
    assert [a.title for a in arts] == ["Envoys agree to keep talking after seven-hour Beijing meeting",
                                       "Students wait for flights as exchange ties fray"]
    a, b = arts
    assert (a.outlet, b.outlet) == ("Continental Wire", "The Harbour Ledger")
    assert a.published == pd.Timestamp("2023-06-19 18:40", tz="UTC")
    assert b.published == pd.Timestamp("2023-06-27", tz="UTC")
    assert a.authors == ["Ana Ruiz"] and b.authors == ["Priya Natarajan", "Wen Jing"]
    assert a.dateline == "BEIJING" and a.section == "WORLD NEWS" and b.section == "EDUCATION"
    assert [r for r, _ in a.paragraphs] == ["meta"] * 5 + ["byline", "meta", "body", "body", "related"] + ["meta"] * 5
    assert a.paragraphs[:3] == [("meta", "Continental Wire"), ("meta", "June 19, 2023 Monday 6:40 PM GMT"),
                                ("meta", "Copyright 2023 Continental Wire All Rights Reserved")]
    assert b.body()[1] == "\u201cThey ask me every week whether the planes are coming back,\u201d she said."
    assert a.extra["subject"] == "DIPLOMACY (91%); TALKS & MEETINGS (85%)"
    assert b.extra["load_date"] == "2023-06-28" and b.extra["length_words"] == 64
    assert [x.source_record for x in arts] == [1, 2]
    # the cover page (user name, job number, list of documents) is not part of any article
    assert not any("Job Number" in t for x in arts for _, t in x.paragraphs)


def test_docx_fixture_script_rebuilds_the_same_documents(tmp_path):
    script = FIX / "make_docx.py"
    code = (f"import sys; sys.path.insert(0, {str(FIX)!r}); import make_docx, pathlib; "
            f"make_docx.build(pathlib.Path({str(tmp_path / 'x.docx')!r}))")
    subprocess.run([sys.executable, "-c", code], check=True)
    assert script.exists()
    fresh, _ = read("x.docx", data=(tmp_path / "x.docx").read_bytes())
    committed, _ = read("lexisnexis_export.docx")
    assert [(a.title, a.paragraphs) for a in fresh] == [(a.title, a.paragraphs) for a in committed]


def test_mojibake_is_repaired_and_flagged():
    (a,), (r,) = read("lexisnexis_mojibake.txt")
    assert a.title == "Beijing\u2019s envoy says \u2018the door is open\u2019"
    assert a.body() == ["BEIJING (Continental Wire) \u2013 China\u2019s foreign minister said the door was "
                        "\u2018open\u2019."]
    assert a.dateline == "BEIJING"
    assert r.status == "flagged" and r.reason.startswith("repaired mojibake")


def test_highlight_graphic_and_contributors():
    doc = ("Headline here\n\nWire\nJune 19, 2023\n\nHighlight: The deck line.\nByline: Ana Ruiz, Wire\n\nBody\n\n"
           "Envoys met.\n\n--With assistance from Bo Chen\n\nGraphic\n\nPHOTO: Envoys in Beijing.\n\n"
           "Classification\n\nLanguage: ENGLISH\n\nEnd of Document\n").encode()
    (a,), rejs = read("x.txt", data=doc)
    assert rejs == []
    assert a.subtitle == "The deck line."
    assert a.authors == ["Ana Ruiz"]           # the outlet after the comma is not an author
    assert a.contributors == ["Bo Chen"]
    assert a.paragraphs == [("meta", "Wire"), ("meta", "June 19, 2023"), ("subtitle", "Highlight: The deck line."),
                            ("byline", "Byline: Ana Ruiz, Wire"),
                            ("body", "Envoys met."), ("contributors", "--With assistance from Bo Chen"),
                            ("meta", "Graphic"), ("caption", "PHOTO: Envoys in Beijing."),
                            ("meta", "Classification"), ("meta", "Language: ENGLISH")]


def test_missing_date_line_is_flagged():
    doc = b"Headline only\n\nSome Outlet\n\nBody\n\nText.\n\nEnd of Document\n"
    (a,), (r,) = read("x.txt", data=doc)
    assert (a.title, a.outlet, a.published) == ("Headline only", "Some Outlet", None)
    assert (r.status, r.record, r.line) == ("flagged", 1, 1)
    assert "no date line" in r.reason


def test_not_lexisnexis_is_a_read_error():
    with pytest.raises(ReadError, match=r"^fixtures/x.txt: not a LexisNexis export"):
        read("x.txt", data=b"Just a headline\n\nAnd a paragraph.\n")
    with pytest.raises(ReadError, match=r"^fixtures/binary.dat: binary file"):
        read("binary.dat")
    with pytest.raises(ReadError, match=r"^fixtures/unknown_encoding.txt: unknown encoding"):
        read("unknown_encoding.txt")
    with pytest.raises(ReadError, match=r"^fixtures/bad.docx: not a readable .docx file"):
        read("bad.docx", data=b"PK\x03\x04 not really a zip")


def test_sniff():
    sniff = REGISTRY["lexisnexis"].sniff
    assert sniff((FIX / "lexisnexis_export.txt").read_bytes()[:4096], "a.txt")
    assert not sniff((FIX / "factiva_export.txt").read_bytes(), "a.txt")
    web = (Path(__file__).parent.parent / "data" / "sample").glob("*/*.txt")
    for f in list(web)[:3]:
        head = f.read_bytes()[:65536]
        assert sniff(head, str(f)) == (b"End of Document" in head)
    assert sniff(b"PK\x03\x04", "export.docx")


def test_wrapped_headline_cover_page_and_field_order():
    doc = ("Nexis Uni\nDocuments (1)\n1. Envoys agree\n\n\n"
           "      Envoys agree to keep talking\n      after a marathon meeting\n\n"
           "Continental Wire\nJune 19, 2023 Monday 11:05 PM EDT\n\n"
           "Dateline: BEIJING\nByline: Ana Ruiz\nLength: 1,204 words\n\nBody\n\n"
           "China and the United States agreed to talk.\nThe text wraps onto a second line.\n\nSecond.\n\n"
           "Load-Date: June 20, 2023\n\nEnd of Document\n").encode()
    (a,), rejs = read("x.txt", data=doc)
    assert rejs == []
    assert a.title == "Envoys agree to keep talking after a marathon meeting"
    assert a.outlet == "Continental Wire"
    # 11:05 PM EDT is 03:05 UTC the next day: the export's day and clock time are kept, the zone recorded
    assert a.published == pd.Timestamp("2023-06-19 23:05", tz="UTC") and a.extra["date_zone"] == "EDT"
    assert a.dateline == "BEIJING" and a.authors == ["Ana Ruiz"]
    assert a.extra["length_words"] == 1204
    assert a.body() == ["China and the United States agreed to talk. The text wraps onto a second line.", "Second."]


def test_dispatcher_picks_this_reader():
    from kit import readers

    for name in ("lexisnexis_export.txt", "lexisnexis_mojibake.txt", "lexisnexis_export.docx"):
        assert readers.detect_format((FIX / name).read_bytes(), name) == "lexisnexis"


def test_fields_before_outlet_and_date_lines_do_not_swallow_them():
    # review finding 9: Length/Byline come before the outlet and date lines (input /tmp/rev26/l/ln.txt)
    doc = ("Envoy talks stall\r\n\r\nLength: 300 words\r\nByline: Ana Ruiz\r\nThe Ledger\r\n"
           "June 19, 2023 Monday 3:15 AM EDT\r\nSection: WORLD\r\n\r\nBody\r\n\r\nThe talks stalled on Monday."
           "\r\n\r\nMore later.\r\n\r\nLoad-Date: June 20, 2023\r\n\r\nEnd of Document\r\n").encode()
    (a,), rejs = read("ln.txt", data=doc)
    assert rejs == []
    assert a.title == "Envoy talks stall"
    assert a.authors == ["Ana Ruiz"]
    assert a.outlet == "The Ledger"
    assert a.published == pd.Timestamp("2023-06-19 03:15", tz="UTC")  # 3:15 AM EDT as stated
    assert a.section == "WORLD" and a.extra["length_words"] == 300
    assert a.paragraphs == [("meta", "Length: 300 words"), ("byline", "Byline: Ana Ruiz"), ("meta", "The Ledger"),
                            ("meta", "June 19, 2023 Monday 3:15 AM EDT"), ("meta", "Section: WORLD"),
                            ("body", "The talks stalled on Monday."), ("body", "More later."),
                            ("meta", "Load-Date: June 20, 2023")]


def test_a_wrapped_field_value_still_continues():
    doc = ("Title\n\nWire\nJune 19, 2023\n\nByline: Ana Ruiz and\nTom Becker\n\nBody\n\nText.\n\n"
           "End of Document\n").encode()
    (a,), _ = read("x.txt", data=doc)
    assert a.authors == ["Ana Ruiz", "Tom Becker"] and a.with_role("byline") == ["Byline: Ana Ruiz and Tom Becker"]
