"""Session 13: dates and text cells the readers misread.

Every input is built here from sentences written by us (fictional towns, councils and mayors) or read
from our own fixtures; each test failed before its fix. The readers' one convention holds throughout:
a date is read or set aside with a flag, never guessed silently.
"""
from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest
from helpers import read_articles

from kit.corpus import build_corpus
from kit.readers import read_one
from kit.schema import Article

FIX = Path("tests/fixtures")
BODY = "The council met on Monday to talk about the ferry fees.\n\nIt will meet again next month."
DAY = re.compile(r"after the ingest day \(\d{4}-\d\d-\d\d\)")


_read = read_articles


# epoch seconds written as text in a table cell -------------------------------------------------------

@pytest.mark.parametrize("cell, unit", [("1686960000", "seconds"), ("1686960000000", "milliseconds")])
def test_csv_epoch_text_cell_is_read_as_epoch_time_and_flagged(cell, unit):
    data = f'title,date,text\nFerry fees,{cell},"{BODY}"\n'.encode()
    (art,), rejs = _read("export.csv", data)
    assert art.published == pd.Timestamp("2023-06-17", tz="UTC")  # flagged "no year in date" before
    (flag,) = [r for r in rejs if "epoch" in r.reason]
    assert flag.status == "flagged" and flag.record == 1 and f"read as epoch {unit}" in flag.reason
    assert not any("no year" in r.reason for r in rejs)


def test_jsonl_epoch_text_cell_is_read_like_the_number():
    rows = [{"title": "Ferry fees", "published": "1686960000", "text": BODY},
            {"title": "Ferry fees again", "published": 1686960000, "text": BODY}]
    arts, rejs = _read("export.jsonl", "\n".join(json.dumps(r) for r in rows).encode())
    assert [a.published for a in arts] == [pd.Timestamp("2023-06-17", tz="UTC")] * 2
    assert [r.record for r in rejs if "read as epoch seconds" in r.reason] == [1]  # a JSON number is no guess


@pytest.mark.parametrize("cell", ["20230617", "168696000", "16869600000"])
def test_other_digit_cells_are_not_read_as_epoch_time(cell):
    data = f'title,date,text\nFerry fees,{cell},"{BODY}"\n'.encode()
    (art,), rejs = _read("export.csv", data)
    assert art.published is None
    assert any("unparsable published date" in r.reason for r in rejs)
    assert not any("epoch" in r.reason for r in rejs)


# LexisNexis date lines with a year outside 1900-2099 -----------------------------------------------

@pytest.mark.parametrize("year, why", [("1776", "before 1900"), ("0203", "before 1900"), ("2206", "after the ingest day"),
                                       ("3023", "after the ingest day")])
def test_lexisnexis_date_line_with_any_year_is_the_date_line(year, why):
    data = (FIX / "readers" / "lexisnexis_export.txt").read_bytes().replace(
        b"June 19, 2023 Monday", f"June 19, {year} Monday".encode())
    arts, rejs = _read("ln.txt", data)
    first = arts[0]
    assert first.published is None and first.outlet == "Continental Wire"  # kept undated, its outlet still read
    assert ("meta", f"June 19, {year} Monday 3:15 AM GMT") in first.paragraphs  # not body text
    assert not any("no date line" in r.reason for r in rejs)  # the flag before: the line was not seen as a date
    (flag,) = [r for r in rejs if f"{year}-06-19" in r.reason]
    assert why in flag.reason and flag.record == 1


def test_nexis_uni_rtf_headline_is_kept_with_a_date_line_of_a_far_year():
    data = (FIX / "exports" / "nexis_uni.rtf").read_bytes().replace(b"2023", b"3023")
    arts, rejs = _read("nexis.rtf", data)
    assert arts[0].title == "Harbour talks resume" and arts[0].published is None  # the title was 'Documents (2)'
    assert any("3023-06-19" in r.reason and DAY.search(r.reason) for r in rejs)


# the ingest day is named and recorded ---------------------------------------------------------------

def test_flag_names_the_ingest_day_and_the_manifest_records_it(tmp_path):
    (tmp_path / "later.csv").write_text(f'title,date,text\nFerry fees,2206-06-19,"{BODY}"\n')
    c = build_corpus([tmp_path])
    today = pd.Timestamp.now(tz="UTC").strftime("%Y-%m-%d")
    reasons = c.report["reason"].tolist()
    assert any(f"after the ingest day ({today})" in r for r in reasons), reasons
    assert c.manifest["ingest_day"] == today
    assert c.articles["published"].isna().all()


# double-encoded text in table cells ----------------------------------------------------------------

def test_jsonl_mojibake_cells_are_repaired_and_flagged_per_record():
    arts, rejs = _read("mojibake_cells.jsonl", (FIX / "readers" / "mojibake_cells.jsonl").read_bytes())
    first, second = arts
    assert first.title == "Mayor François Roe opens the new ferry pier"
    assert first.paragraphs[0][1].startswith("Mayor François Roe cut the ribbon") and "town’s" in first.paragraphs[0][1]
    assert "café" in second.paragraphs[1][1]  # a clean record is left as it is
    flags = [r for r in rejs if "mojibake" in r.reason]
    assert [(r.record, r.status) for r in flags] == [(1, "flagged")]
    assert "title cell and text cell" in flags[0].reason


def test_csv_mojibake_cells_are_repaired():
    data = ("title,date,text\nFerry pier opens,2024-03-02,\"Mayor François Roe said it’s done.\"\n"
            "FranÃ§ois Roe speaks,2024-03-03,\"Mayor FranÃ§ois Roe said itâ€™s late.\"\n").encode()
    arts, rejs = _read("export.csv", data)
    assert [a.title for a in arts] == ["Ferry pier opens", "François Roe speaks"]
    assert arts[1].paragraphs[0][1] == "Mayor François Roe said it’s late."
    assert any("mojibake" in r.reason for r in rejs)


# --as-of: a reproducible ingest day ----------------------------------------------------------------

def test_as_of_sets_the_ingest_day_of_a_corpus(tmp_path):
    (tmp_path / "fees.csv").write_text(f'title,date,text\nFerry fees,2024-03-02,"{BODY}"\n')
    today = build_corpus([tmp_path])
    earlier = build_corpus([tmp_path], as_of="2024-01-01")
    assert today.articles["published"].tolist() == [pd.Timestamp("2024-03-02", tz="UTC")]
    assert earlier.articles["published"].isna().all()
    assert any("is after the ingest day (2024-01-01)" in r for r in earlier.report["reason"])
    assert (earlier.manifest["ingest_day"], earlier.manifest["as_of"]) == ("2024-01-01", "2024-01-01")
    assert today.manifest["as_of"] is None and earlier.manifest["fingerprint"] != today.manifest["fingerprint"]
    same = build_corpus([tmp_path], as_of=pd.Timestamp("2024-03-02"))  # the day itself is not after it
    assert same.articles["published"].notna().all() and same.manifest["ingest_day"] == "2024-03-02"


def test_as_of_applies_to_the_html_reader_candidates():
    from kit.readers.base import ReadOptions

    data = (FIX / "readers" / "jsonld_article.html").read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        now = [r for _, r in read_one(data, "page.html")]
        before = [r for _, r in read_one(data, "page.html", options=ReadOptions(as_of="2020-01-01"))]
    assert [a.published for a in now if isinstance(a, Article)][0] is not None
    assert [a.published for a in before if isinstance(a, Article)] == [None]
    assert any(DAY.search(r.reason) and "2020-01-01" in r.reason for r in before if not isinstance(r, Article))


def test_kit_ingest_as_of_option(tmp_path, capsys):
    from kit.cli import main

    (tmp_path / "fees.csv").write_text(f'title,date,text\nFerry fees,2024-03-02,"{BODY}"\n')
    out = tmp_path / "store"
    assert main(["ingest", str(tmp_path / "fees.csv"), "--out", str(out), "--as-of", "2024-01-01", "-q"]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["ingest_day"] == "2024-01-01"
    assert main(["ingest", str(tmp_path / "fees.csv"), "--out", str(out), "--as-of", "next week"]) == 2
    assert "not a day" in capsys.readouterr().err
