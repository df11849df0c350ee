"""Tests for kit/readers/tabular.py (JSON Lines and CSV); expected values are read off the fixtures by hand."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import kit.readers.tabular as tabular
from kit.readers.base import REGISTRY, ReadError, ReadOptions, Rejection
from kit.schema import Article

FIX = Path(__file__).parent / "fixtures" / "readers"


def read(fmt: str, name: str, options: ReadOptions | None = None, data: bytes | None = None):
    data = (FIX / name).read_bytes() if data is None else data
    out = list(REGISTRY[fmt].func(data, f"fixtures/{name}", options or ReadOptions()))
    return [x for x in out if isinstance(x, Article)], [x for x in out if isinstance(x, Rejection)]


# --------------------------------------------------------------------------- JSON Lines

@pytest.fixture(scope="module")
def jsonl():
    return read("jsonl", "mediacloud_export.jsonl")


def test_jsonl_articles(jsonl):
    arts, _ = jsonl
    assert [a.title for a in arts] == ["Beijing talks end with promise of more meetings",
                                       "Chip curbs stay as diplomats talk", "Empty story", "Date nobody can read",
                                       "Alternative keys still work"]
    assert [a.source_record for a in arts] == [1, 2, 5, 6, 7]
    # the story without text is kept for headline analyses (title, outlet, date), with no body
    assert arts[2].body() == [] and arts[2].outlet == "Northern Courier"
    assert arts[2].published == pd.Timestamp("2023-06-21", tz="UTC")
    a = arts[0]
    assert a.outlet == "Continental Wire"
    # 2023-06-19T18:40:00+08:00 is 10:40 UTC
    assert a.published == pd.Timestamp("2023-06-19 10:40", tz="UTC")
    assert a.authors == ["Ana Ruiz", "Tom Becker"]
    assert a.url == "https://continentalwire.example/world/beijing-talks-end"
    assert a.language == "en"
    assert a.dateline == "BEIJING"
    assert a.contributors == ["Lena Fischer", "Bo Chen"]
    assert [r for r, _ in a.paragraphs] == ["body", "body", "related", "body", "contributors"]
    assert a.body()[0].startswith("BEIJING (Continental Wire) - China and the United States")
    assert not any("Read More" in t or "assistance" in t for t in a.body())
    assert a.extra == {"source_id": "ehd-2023-0619-001", "media_url": "continentalwire.example"}
    assert a.source_format == "jsonl" and a.source_path == "fixtures/mediacloud_export.jsonl"


def test_jsonl_naive_date_is_utc(jsonl):
    b = jsonl[0][1]
    assert b.published == pd.Timestamp("2023-06-20 08:30:00", tz="UTC")
    assert str(b.published.tz) == "UTC"
    assert b.authors == []
    assert len(b.paragraphs) == 2


def test_jsonl_alternative_keys_are_recognised(jsonl):
    d = jsonl[0][4]
    assert d.outlet == "Pacific Policy Forum"                            # "source"
    assert d.published == pd.Timestamp("2023-06-22 09:15", tz="UTC")     # "pubdate"
    assert d.authors == ["Mara Lindqvist", "Joel Okafor"]                # "byline"
    assert d.body() == ["First paragraph.", "Second paragraph."]         # "content"
    assert d.extra == {"source_id": 77}                                  # "story_id"
    assert d.source_record == 7


def test_jsonl_rejections_name_line_record_and_reason(jsonl):
    _, rejs = jsonl
    got = [(r.line, r.record, r.status) for r in rejs]
    assert got == [(3, 3, "rejected"), (4, 4, "rejected"), (5, 5, "flagged"), (6, 6, "flagged")]
    assert rejs[0].reason.startswith("not JSON: Unterminated string")
    assert rejs[1].reason == "JSON value is an array, not an object"
    assert rejs[2].reason == ("record without text (field 'text' is empty): kept with its title, URL, outlet "
                              "and date for headline analyses")
    assert "unparsable published date" in rejs[3].reason and "'last Tuesday'" in rejs[3].reason
    assert rejs[0].message().startswith("fixtures/mediacloud_export.jsonl, line 3, record 3: not JSON")
    unreadable = jsonl[0][3]
    assert unreadable.published is None and unreadable.title == "Date nobody can read"
    assert unreadable.authors == ["Sam Ode"]


def test_jsonl_record_without_any_text_field_says_how_to_map():
    line = b'{"title": "x", "words": "Some text."}\n'
    arts, (r,) = read("jsonl", "x.jsonl", data=line)
    assert [a.title for a in arts] == ["x"] and arts[0].body() == []  # kept as a headline, and flagged
    assert r.status == "flagged"
    assert "no text field (fields found: title, words" in r.reason
    assert "column_map={'text': '<field>'}" in r.reason
    arts, (r,) = read("jsonl", "x.jsonl", data=b'{"words": "Some text."}\n')
    assert arts == [] and r.status == "rejected"  # neither text nor title: nothing to keep
    arts, rejs = read("jsonl", "x.jsonl", ReadOptions(column_map={"text": "words"}), data=line)
    assert rejs == [] and arts[0].body() == ["Some text."]


def test_jsonl_bom_and_json_array():
    arts, rejs = read("jsonl", "utf8_bom.jsonl")
    assert rejs == []
    assert arts[0].title == "Beijing\u2019s view" and arts[0].body() == ["China\u2019s envoy spoke."]
    data = b'[{"title": "A", "text": "one"}, "oops", {"title": "B", "text": "two"}]'
    arts, (r,) = read("jsonl", "x.json", data=data)
    assert [(a.title, a.source_record) for a in arts] == [("A", 1), ("B", 3)]
    assert (r.record, r.reason) == (2, "JSON value is a string, not an object")


def test_title_repeated_as_first_paragraph_is_labelled_title():
    data = b'{"title": "Talks resume", "text": "Talks resume\\n\\nEnvoys met."}'
    (a,), _ = read("jsonl", "x.jsonl", data=data)
    assert a.paragraphs == [("title", "Talks resume"), ("body", "Envoys met.")]


# --------------------------------------------------------------------------- CSV

def test_csv_media_cloud_export():
    arts, rejs = read("csv", "mediacloud_export.csv")
    assert [a.title for a in arts] == ["Envoys agree to more talks", "Row without text",
                                       "Editorial: A floor, not a ceiling", "A date in words"]
    assert [a.source_record for a in arts] == [1, 2, 3, 4]
    assert arts[1].body() == [] and arts[1].url is not None  # kept for headline analyses
    arts = [arts[0]] + arts[2:]
    a = arts[0]
    assert a.authors == ["Ana Ruiz", "Tom Becker"]
    assert a.published == pd.Timestamp("2023-06-19 08:30", tz="UTC")
    assert [r for r, _ in a.paragraphs] == ["body", "body", "related"]
    assert a.dateline == "BEIJING"
    assert a.extra == {"source_id": "ehd-2023-0619-011"}
    # 2023-06-21T23:05:00-05:00 is 04:05 UTC the next day
    assert arts[1].published == pd.Timestamp("2023-06-22 04:05", tz="UTC")
    # rows span several lines: the row without text starts on line 7, the bad date on line 11
    assert [(r.line, r.record, r.status) for r in rejs] == [(7, 2, "flagged"), (11, 4, "flagged")]
    assert rejs[0].reason.startswith("record without text (field 'text' is empty): kept with its title")
    assert "'the day after'" in rejs[1].reason
    assert arts[2].published is None


def test_csv_alternative_columns_are_recognised():
    (a,), rejs = read("csv", "alternative_columns.csv")
    assert rejs == []
    assert a.title == "Talks resume in Beijing"
    assert a.outlet == "Pacific Policy Forum"
    assert a.published == pd.Timestamp("2023-06-20 13:00", tz="UTC")
    assert a.authors == ["Mara Lindqvist", "Joel Okafor"]
    assert a.section == "Analysis"
    assert a.body() == ["First paragraph.", "Second paragraph."]


def test_csv_column_map_wins_over_aliases():
    opts = ReadOptions(column_map={"text": "article_words", "outlet": "paper", "published": "when",
                                   "title": "story_title"})
    (a,), _ = read("csv", "custom_columns.csv", opts)
    assert a.body() == ["The mapped text column.", "Second."]      # not the "body" column
    assert a.outlet == "Northern Courier"
    assert a.title == "Mapped columns win"
    assert a.published == pd.Timestamp("2023-06-23", tz="UTC")
    assert a.extra == {"body": "This column would be the body if the map did not win."}


def test_csv_story_list_without_text_column_keeps_every_story_flagged():
    arts, rejs = read("csv", "no_text_column.csv")
    assert arts and all(a.body() == [] and a.title for a in arts)
    assert len(rejs) == len(arts) and all(r.status == "flagged" for r in rejs)
    assert "fields found: id, title, url, publish_date, media_name" in rejs[0].reason
    assert "--map text=<field>" in rejs[0].reason


def test_csv_without_text_or_title_column_is_a_read_error_listing_columns():
    with pytest.raises(ReadError) as err:
        read("csv", "x.csv", data=b"id,url\n1,https://a.example/x\n")
    msg = str(err.value)
    assert msg.startswith("fixtures/x.csv, line 1: no text or title column")
    assert "columns found: id, url" in msg


def test_bad_column_map_fails_loudly():
    with pytest.raises(ReadError, match="unknown field 'txet'; valid fields: text, title"):
        read("csv", "mediacloud_export.csv", ReadOptions(column_map={"txet": "body"}))
    with pytest.raises(ReadError, match=r"not in the file \(text='words'\)"):
        read("csv", "mediacloud_export.csv", ReadOptions(column_map={"text": "words"}))


def test_csv_semicolons_and_outlet_option():
    data = "title;text;date\nA;Body one.;19/06/2023\n".encode()
    (a,), _ = read("csv", "x.csv", ReadOptions(outlet="Wire"), data=data)
    assert (a.title, a.outlet, a.body()) == ("A", "Wire", ["Body one."])
    assert a.published == pd.Timestamp("2023-06-19", tz="UTC")


def test_csv_windows_1252_is_flagged():
    data = "title,text\nCaf\u00e9,\u201cQuoted\u201d text.\n".encode("cp1252")
    (a,), (r,) = read("csv", "x.csv", data=data)
    assert a.title == "Caf\u00e9" and a.body() == ["\u201cQuoted\u201d text."]
    assert (r.status, r.reason) == ("flagged", "decoded as Windows-1252 (not valid UTF-8)")


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("name, reason", [("empty.txt", "empty file"), ("binary.dat", "binary file"),
                                          ("unknown_encoding.txt", "unknown encoding")])
def test_bad_bytes_are_read_errors(fmt, name, reason):
    with pytest.raises(ReadError) as err:
        read(fmt, name)
    assert str(err.value).startswith(f"fixtures/{name}: {reason}")


# --------------------------------------------------------------------------- helpers

@pytest.mark.parametrize("value, expected", [
    ("2023-06-19 08:30:00", "2023-06-19 08:30:00+00:00"),
    ("2023-06-19T08:30:00Z", "2023-06-19 08:30:00+00:00"),
    ("2023-06-20T09:00:00-04:00", "2023-06-20 13:00:00+00:00"),
    ("June 19, 2023 Monday 3:15 AM GMT", "2023-06-19 03:15:00+00:00"),
    ("June 21, 2023 Wednesday 11:05 PM EST", "2023-06-22 04:05:00+00:00"),
    ("19 June 2023", "2023-06-19 00:00:00+00:00"),
    (1687163400, "2023-06-19 08:30:00+00:00"),
])
def test_parse_when(value, expected):
    ts = tabular.parse_when(value)
    assert str(ts) == expected and str(ts.tz) == "UTC"


@pytest.mark.parametrize("value", ["sometime in June", "2023-13-45", "soon 2023 xyz"])
def test_parse_when_refuses(value):
    with pytest.raises(ValueError):
        tabular.parse_when(value)


def test_split_text_and_names():
    assert tabular.split_text("A\nwrapped.\n\n \nB.") == ["A wrapped.", "B."]
    assert tabular.split_names("By ANA RUIZ & Tom Becker") == ["ANA RUIZ", "Tom Becker"]
    assert tabular.split_names([{"name": "Ana Ruiz"}, "Tom Becker"]) == ["Ana Ruiz", "Tom Becker"]


def test_nested_source_object_gives_the_outlet_name():
    data = b'{"title": "A", "source": {"id": "cw", "name": "Continental Wire"}, "content": "Text."}'
    (a,), _ = read("jsonl", "x.jsonl", data=data)
    assert a.outlet == "Continental Wire"


def test_numeric_offsets_are_kept_and_ambiguous_zones_flagged():
    # ingest review, finding 1: "+0800" used to be dropped (read as UTC); CST used to be taken as US Central
    data = ('{"title": "A", "publish_date": "Mon 19 Jun 2023 08:00:00 +0800", "text": "Envoys met."}\n'
            '{"title": "B", "publish_date": "June 19, 2023 8:00 AM CST", "text": "Envoys met again."}\n').encode()
    (a, b), rejs = read("jsonl", "zones.jsonl", data=data)
    assert a.published == pd.Timestamp("2023-06-19 00:00", tz="UTC")
    assert b.published is None
    (flag,) = rejs
    assert (flag.status, flag.record) == ("flagged", 2)
    assert "ambiguous time zone 'CST'" in flag.reason


def test_placeholder_dates_outside_a_tables_range_are_flagged_not_fatal(tmp_path):
    # "0001-01-01" used to pass the reader and then stop the whole ingest when the table was built
    data = ('{"title": "A", "publish_date": "0001-01-01", "text": "Envoys met."}\n'
            '{"title": "B", "publish_date": "2023-06-19", "updated": "9999-12-31", "text": "Envoys met again."}\n').encode()
    (a, b), rejs = read("jsonl", "placeholder.jsonl", data=data)
    assert a.published is None and b.published == pd.Timestamp("2023-06-19", tz="UTC") and b.updated is None
    assert [(r.record, r.status) for r in rejs] == [(1, "flagged"), (2, "flagged")]
    assert "'0001-01-01' lies outside the dates" in rejs[0].reason and "column 'updated'" in rejs[1].reason
    from kit.corpus import build_corpus

    (tmp_path / "p.jsonl").write_bytes(data)
    assert build_corpus([tmp_path / "p.jsonl"]).articles["published"].isna().tolist() == [True, False]


def _odd_export() -> tuple[bytes, list[str]]:
    """A JSONL export whose records vary in everything the reader remembers per file (key sets,
    outlet spellings, date strings), with bad lines, odd dates and duplicates between them."""
    import json

    dates = ["2023-06-19 08:30:00", "2023-06-20T09:00:00-04:00", "June 19, 2023 Monday 3:15 AM EDT", "next Tuesday",
             "19 June 2023 16:00 CST", "0001-01-01", 1687163400, "", None, "2023-06-19 08:30:00"]
    outlets = ["Outlet 01", " Outlet  01 ", {"name": "Wire"}, "breitbart.com", "", None, "Outlet 01"]
    lines = []
    for i in range(40):
        rec = {"title": f"Talks {i % 7}", "publish_date": dates[i % len(dates)], "media_name": outlets[i % len(outlets)],
               "text": f"Envoys met on day {i % 5}.\n\nRead More: Earlier talks\n\nThey said “more” — {i % 3}."}
        if i % 4 == 1:
            rec = {"headline": rec["title"], "date": rec["publish_date"], "source": rec["media_name"], "body": rec["text"],
                   "authors": "By Ana Ruiz and Tom Becker"}
        if i % 9 == 0:
            rec["text"] = ""
        lines.append(json.dumps(rec))
        if i % 11 == 5:
            lines.append("{not json")
    return ("\n".join(lines) + "\n").encode(), lines


def test_jsonl_read_whole_equals_every_record_read_alone():
    """What the reader remembers within a file (columns per key set, outlet names, parsed dates) must
    not change any record: the whole file gives what each line read on its own gives."""
    data, lines = _odd_export()
    whole = list(REGISTRY["jsonl"].func(data, "odd.jsonl", ReadOptions()))
    alone = []
    for i, line in enumerate(lines):
        for rec in REGISTRY["jsonl"].func(line.encode(), "odd.jsonl", ReadOptions()):
            if isinstance(rec, Article):
                rec.source_record = None
            else:
                rec.record = rec.line = None
            alone.append(rec)
    for rec in whole:
        if isinstance(rec, Article):
            rec.source_record = None
        else:
            rec.record = rec.line = None
    assert whole == alone
    assert sum(isinstance(r, Article) for r in whole) == 40
    assert [r.reason[:8] for r in whole if isinstance(r, Rejection) and r.status == "rejected"] == ["not JSON"] * 4
    flags = " ".join(r.reason for r in whole if isinstance(r, Rejection) and r.status == "flagged")
    assert all(s in flags for s in ("no year in date 'next Tuesday'", "ambiguous time zone 'CST'", "'0001-01-01' lies",
                                    "kept with its title"))
