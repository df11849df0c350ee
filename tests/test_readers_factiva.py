"""Tests for kit/readers/factiva.py; expected values are read off the fixtures by hand."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import kit.readers.factiva  # noqa: F401  (registers the reader)
from kit.readers.base import REGISTRY, ReadError, ReadOptions, Rejection
from kit.schema import Article

FIX = Path(__file__).parent / "fixtures" / "readers"


def read(name: str, options: ReadOptions | None = None, data: bytes | None = None):
    data = (FIX / name).read_bytes() if data is None else data
    out = list(REGISTRY["factiva"].func(data, f"fixtures/{name}", options or ReadOptions()))
    return [x for x in out if isinstance(x, Article)], [x for x in out if isinstance(x, Rejection)]


@pytest.fixture(scope="module")
def export():
    return read("factiva_export.txt")


def test_first_article_fields(export):
    a = export[0][0]
    assert a.title == "Envoys pledge to keep channels open after Beijing talks"
    assert a.outlet == "Continental Wire"
    assert a.published == pd.Timestamp("2023-06-19 03:15", tz="UTC")
    assert a.authors == ["Ana Ruiz", "Tom Becker"]
    assert a.language == "en"
    assert a.dateline == "BEIJING"
    assert a.contributors == ["Lena Fischer"]
    assert a.source_record == 1 and a.source_format == "factiva" and a.source_path == "fixtures/factiva_export.txt"
    # LP (2 paragraphs) + TD (3 paragraphs, the last a contributor line)
    assert [r for r, _ in a.paragraphs] == ["body", "body", "body", "body", "contributors"]
    assert a.body()[2] == ("Foreign Minister Liang Qichao said relations were at \"a critical juncture\" and urged "
                           "Washington to lift chip curbs.")
    assert a.extra["source_id"] == "CONWIR0020230619ej6j0005x"
    assert a.extra["length_words"] == 412
    assert a.extra["source_code"] == "CONWIR"
    assert a.extra["subject"] == "gdip : International Relations | gdiplo : Diplomacy | gcat : Political/General News"
    assert a.extra["regions"] == "china : China | usa : United States | asiaz : Asia"
    assert a.extra["copyright"] == "(c) 2023 Continental Wire. All Rights Reserved."
    assert a.extra["publisher"] == "Continental Wire Ltd."


def test_second_article_captions_contact_section(export):
    b = export[0][1]
    assert b.title == "Chipmakers slip as curbs stay despite thaw"
    assert b.outlet == "The Harbour Ledger"
    assert b.authors == ["Priya Natarajan"]
    assert b.published == pd.Timestamp("2023-06-20 10:45", tz="UTC")
    assert b.section == "Markets"
    assert b.dateline == "HONG KONG"
    assert b.paragraphs[-2:] == [("caption", "Traders at the Hong Kong exchange. Photo: Ledger staff"),
                                 ("trailer", "Write to Priya Natarajan at markets@harbourledger.example")]
    assert len(b.body()) == 2
    assert (b.extra["edition"], b.extra["page"]) == ("Asia", "B4")
    assert b.source_record == 2


def test_article_without_time_or_byline(export):
    c = export[0][2]
    assert c.title == "Editorial: A floor, not a ceiling"
    assert c.published == pd.Timestamp("2023-06-21", tz="UTC")
    assert c.authors == []
    assert c.source_record == 3


def test_rejections_name_record_and_line(export):
    arts, rejs = export
    assert [a.source_record for a in arts] == [1, 2, 3, 5]
    assert [(r.record, r.line, r.status) for r in rejs] == [(4, 118, "rejected"), (5, 130, "flagged")]
    assert rejs[0].reason == "article 'Record whose text was lost in the export' has no text (no LP or TD field)"
    assert rejs[1].reason.startswith("unparsable PD date 'sometime in June'")
    assert rejs[0].message().startswith("fixtures/factiva_export.txt, line 118, record 4: ")
    assert arts[3].published is None and arts[3].body() == ["The date of this record cannot be read, but the text can."]


def test_search_summary_and_index_fields_stay_out_of_the_body(export):
    for a in export[0]:
        text = "\n\n".join(a.body())
        for word in ("Search Summary", "Results Found", "Document CONWIR", "gdip", "Timestamp"):
            assert word not in text


def test_tab_separated_layout():
    arts, rejs = read("factiva_tabbed.txt")
    assert rejs == []
    a, b = arts
    assert a.title == "Beijing and Washington agree to more talks"
    assert a.authors == ["Ana Ruiz"]
    assert a.published == pd.Timestamp("2023-06-19 08:30", tz="UTC")
    assert a.body() == ["BEIJING (Continental Wire) - Senior envoys agreed to meet again within months.",
                        "The meeting lasted seven hours.", "Both sides said the talks were useful."]
    assert a.extra["source_id"] == "CONWIR0020230619ej6j0009z"
    assert (b.title, b.outlet, b.body(), b.source_record) == ("Second story in tab layout", "Northern Courier",
                                                              ["A short lead."], 2)


def test_windows_1252_export():
    (a,), (r,) = read("factiva_cp1252.txt")
    assert a.title == "Caf\u00e9 diplomacy: envoys \u201ctalk it out\u201d in Beijing"
    assert a.body() == ["BEIJING (Continental Wire) \u2014 The envoys\u2019 meeting ran long."]
    assert a.dateline == "BEIJING"
    assert (r.status, r.reason) == ("flagged", "decoded as Windows-1252 (not valid UTF-8)")


def test_outlet_option_and_not_factiva():
    arts, _ = read("factiva_tabbed.txt", ReadOptions(outlet="Override"))
    assert {a.outlet for a in arts} == {"Override"}
    with pytest.raises(ReadError, match=r"^fixtures/x.txt: not a Factiva export"):
        read("x.txt", data=b"Headline\n\nBody text.\n")
    with pytest.raises(ReadError, match=r"^fixtures/empty.txt: empty file"):
        read("empty.txt")


def test_sniff():
    sniff = REGISTRY["factiva"].sniff
    assert sniff((FIX / "factiva_export.txt").read_bytes(), "f.txt")
    assert sniff((FIX / "factiva_tabbed.txt").read_bytes(), "f.txt")
    assert not sniff((FIX / "lexisnexis_export.txt").read_bytes(), "f.txt")
    assert not sniff(b"HD ready TVs are cheaper\n\nPrices fell.\n", "f.txt")


def test_dispatcher_picks_this_reader():
    from kit import readers

    for name in ("factiva_export.txt", "factiva_tabbed.txt", "factiva_cp1252.txt"):
        assert readers.detect_format((FIX / name).read_bytes(), name) == "factiva"


def test_time_zones_in_et_are_honoured_or_flagged():
    # ingest review, finding 1: "+0800" is eight hours ahead of UTC; "CST" is ambiguous and not guessed
    doc = (b"HD\nTalks resume\nPD\n19 June 2023\nET\n08:00 +0800\nSN\nWire\nLP\nEnvoys met.\n"
           b"HD\nTalks again\nPD\n20 June 2023\nET\n08:00 CST\nSN\nWire\nLP\nEnvoys met again.\n")
    arts, rejs = read("zones.txt", data=doc)
    assert arts[0].published == pd.Timestamp("2023-06-19 00:00", tz="UTC")
    assert arts[1].published == pd.Timestamp("2023-06-20 00:00", tz="UTC")  # the date only
    (flag,) = rejs
    assert (flag.status, flag.record) == ("flagged", 2)
    assert "unparsable ET time '08:00 CST'" in flag.reason and "ambiguous time zone 'CST'" in flag.reason
