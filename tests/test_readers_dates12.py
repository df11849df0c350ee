"""Session 12: damaged numbers and dates never crash a reader (or the batch).

Each test holds a defect found by the audit of ``kit/readers`` or by ``tools/fuzz.py``; every input is
built here in code from sentences written by us (fictional ports, envoys and councils), and each test
failed before its fix. The convention for a bad date is the one the readers document: the article is
kept without that date and the ingest report flags it, naming the file, the record and the date.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pandas as pd
import pytest
from helpers import read_articles

from kit.corpus import build_corpus
from kit.readers.fields import parse_when

FIX = Path("tests/fixtures")
BODY = ("Envoys from both ports met on Monday to talk about the fees that small boats pay at the quay.\n\n"
        "They agreed to meet again next month to settle the matter for good.\n")
HUGE = "99999999999999999999"  # more than a 64-bit integer holds


_read = read_articles


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


# numbers a table column cannot hold: the batch stopped when the articles table was typed -------------

def _html_page(furniture: str) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    return (f"<html><head><title>Harbour talks resume</title></head><body><article><h1>Harbour talks resume</h1>"
            f"{furniture}{paras}</article></body></html>").encode()


@pytest.mark.parametrize("name, data, column", [
    ("ln.txt", (FIX / "readers" / "lexisnexis_export.txt").read_bytes().replace(b"Length: 412 words",
                                                                                 f"Length: {HUGE} words".encode()),
     "length_words"),
    ("factiva.txt", (FIX / "readers" / "factiva_export.txt").read_bytes().replace(b"412 words", f"{HUGE} words".encode()),
     "length_words"),
    ("page.html", _html_page(f"<div>{HUGE} min read</div>"), "read_time_minutes"),
])
def test_a_count_too_large_for_a_table_is_set_aside_and_flagged(tmp_path, name, data, column):
    (tmp_path / name).write_bytes(data)
    c = build_corpus([tmp_path])  # OverflowError: Python int too large to convert to C long, before
    first = c.articles[c.articles.source_record == 1]
    assert len(first) == 1 and first[column].isna().all()
    (flag,) = [r for r in c.report.itertuples() if HUGE in r.reason]
    assert (flag.status, flag.source_path, flag.record) == ("flagged", name, 1) and "kept without it" in flag.reason


# parse_when: every failure is a ValueError that says why; nothing impossible is read --------------------

@pytest.mark.parametrize("value, why", [
    pytest.param(10 ** 400, "out of range", id="int-of-400-digits"),  # OverflowError: integer division result ...
    (float("inf"), "not a date"),                     # OutOfBoundsDatetime: cannot convert input inf
    (1e30, "out of range"),
    ("19 June 2023 10:00 +2500", "more than 14 hours"),  # read as UTC+25:00, a day early, before
    ("2023-06-19T10:00:00+15:30", "more than 14 hours"),
    ("Mon 19 Jun 2023 08:00 GMT+99", "more than 14 hours"),
])
def test_parse_when_refuses_impossible_numbers_and_offsets_with_a_value_error(value, why):
    with pytest.raises(ValueError, match=why):
        parse_when(value)


def test_parse_when_reads_real_offsets_and_gives_none_for_not_a_time():
    assert parse_when("2023-06-19T10:00:00+14:00") == pd.Timestamp("2023-06-18 20:00", tz="UTC")
    assert parse_when("19 June 2023 10:00 -1200") == pd.Timestamp("2023-06-19 22:00", tz="UTC")
    assert parse_when(pd.NaT) is None  # NaT came back as NaT, not as a missing date


def test_jsonl_epoch_number_out_of_range_is_flagged_not_a_reader_failure():
    data = ('{"title": "Harbour talks resume", "publish_date": 1' + "0" * 400 + ', "text": "Envoys met."}\n'
            '{"title": "Council votes", "publish_date": 1687163400, "text": "The council voted."}\n').encode()
    arts, rejs = _read("wire.jsonl", data)  # 'jsonl reader failed: OverflowError' lost both records before
    assert [a.published for a in arts] == [None, pd.Timestamp("2023-06-19 08:30", tz="UTC")]
    (flag,) = rejs
    assert (flag.status, flag.record) == ("flagged", 1) and "out of range" in flag.reason


# dates no article was published on: kept without the date, flagged, in every reader -------------------

WEB = "Harbour Talks Resume\n\nPublished: {date}\n\nBy Ann Roe\n\n" + BODY


@pytest.mark.parametrize("date, why", [("March 4, 1850", "before 1900"), ("June 19, 2300", "after the ingest day")])
def test_web_copy_date_before_1900_or_after_the_ingest_day_is_set_aside_and_flagged(date, why):
    (art,), rejs = _read("story.txt", WEB.format(date=date).encode())  # kept as the publication date before
    assert art.published is None
    (flag,) = [r for r in rejs if why in r.reason]
    assert flag.status == "flagged" and flag.record == 1 and "kept without it" in flag.reason


def test_export_date_line_after_the_ingest_day_is_set_aside_and_flagged():
    data = (FIX / "readers" / "lexisnexis_export.txt").read_bytes().replace(b"June 19, 2023 Monday", b"June 19, 2099 Monday")
    arts, rejs = _read("ln.txt", data)
    assert arts[0].published is None and ("meta", "June 19, 2099 Monday 3:15 AM GMT") in arts[0].paragraphs  # kept
    assert any(r.record == 1 and "2099-06-19" in r.reason and "after the ingest day" in r.reason for r in rejs)


def test_file_name_date_stands_in_for_a_placeholder_date(tmp_path):
    (tmp_path / "2023-06-19-harbour.txt").write_text(WEB.format(date="January 1, 1800"))
    c = build_corpus([tmp_path])
    assert c.articles["published"].tolist() == [pd.Timestamp("2023-06-19", tz="UTC")]
    reasons = " | ".join(c.report.reason)
    assert "before 1900" in reasons and "taken from the file name" in reasons


# APA: a header date that is no calendar day keeps its article (as every export reader does) -----------
# ('31.02.2018' is in tests/test_readers_exports.py)

APA_HEADER = r'{\i "Alpenland Kurier" vom %s Seite: 4}\par Ressort: Politik\par\par'


@pytest.mark.parametrize("header, shown", [
    (APA_HEADER % "14.0.2018", "14.0.2018"),
    (r'{\i "Alpenland Kurier" gefunden am 14.03.2018 25:70 Uhr}\par\par', "14.03.2018 25:70"),
])
def test_apa_header_date_that_is_no_calendar_day_keeps_the_article_without_a_date(header, shown):
    rtf = (r"{\rtf1\ansi " + APA_HEADER % "05.06.2018" + r"{\b Talks resume}\par\par Envoys met.\par"
           + header + r"{\b Talks end}\par\par Envoys left.\par}").encode()
    arts, rejs = _read("bad_date.rtf", rtf)  # the second article was rejected before
    assert [a.title for a in arts] == ["Talks resume", "Talks end"] and arts[1].published is None
    (flag,) = [r for r in rejs if "no calendar day" in r.reason]
    assert (flag.status, flag.record, flag.source_path) == ("flagged", 2, "fixtures/bad_date.rtf")
    assert f"header date {shown} is no calendar day" in flag.reason and "kept without a date" in flag.reason


# downstream: extreme but valid dates survive the store, the overview and the report's time plots -------

def test_dates_of_1800_and_2300_survive_the_store_the_overview_and_the_time_plot(tmp_path):
    import kit
    from kit.corpus import write_store
    from kit.plots import time_series

    lines = [f'{{"title": "Council story {i}", "publish_date": "2023-06-{10 + i}", "media_name": "Harbour Ledger", '
             f'"text": "The council met on day {i} to talk about ferry fares and the harbour."}}' for i in range(3)]
    (tmp_path / "wire.jsonl").write_text("\n".join(lines) + "\n")
    c = build_corpus([tmp_path / "wire.jsonl"])
    # a table the user built or read elsewhere may hold what the readers set aside
    c.articles["published"] = pd.to_datetime(["1800-03-04", "2300-06-19", "2023-06-12"], utc=True).astype(
        c.articles["published"].dtype)
    write_store(c, tmp_path / "store")
    loaded = kit.load_corpus(tmp_path / "store").articles
    assert loaded.sort_values("published")["published"].dt.year.tolist() == [1800, 2023, 2300]
    for period in ("month", "year"):
        over = kit.coverage_over_time(loaded, period=period)
        assert over["n_articles"].sum() == 3 and str(over["period_start"].min())[:4] == "1800"
    assert kit.outlet_summary(loaded, group_by="year")["n_articles"].sum() == 3
    # a report (notebooks 01 and 03) counts such dates as undated, named in a note, and plots the rest
    shown, notes = kit.report_articles(loaded, group_by="month")
    assert shown["published"].notna().sum() == 1 and "implausible publication date" in " ".join(map(str, notes))
    fig = time_series(kit.coverage_over_time(shown, period="month"), period="month")
    fig.canvas.draw()
    assert len(fig.axes[0].get_lines()) == 1


def test_the_fuzzer_counts_a_reader_failure_as_a_violation(monkeypatch, tmp_path):
    """tools/fuzz.py: a reader's own error, caught by read_one's safety net, breaks invariant 5."""
    import dataclasses

    from kit.readers import REGISTRY

    monkeypatch.syspath_prepend(str(Path("tools").resolve()))
    import fuzz

    def broken(data, path, options):
        raise OverflowError("Python int too large to convert to C long")

    (tmp_path / "a.txt").write_text("Harbour Talks Resume\n\n" + BODY)
    assert fuzz.check_batch(tmp_path, 1) == []
    monkeypatch.setitem(REGISTRY, "webcopy", dataclasses.replace(REGISTRY["webcopy"], func=broken))
    assert fuzz.check_batch(tmp_path, 1) == [
        "a.txt: webcopy reader failed: OverflowError: Python int too large to convert to C long"]
