"""The web-copy reader on a page with every element, and on the odd cases real copies have."""
from pathlib import Path

import pandas as pd
import pytest

from kit.readers.base import REGISTRY, ReadError, ReadOptions
from kit.schema import Article

FIX = Path(__file__).parent / "fixtures" / "webcopy"


def read(text: str, path="story.txt", **opts):
    return list(REGISTRY["webcopy"].func(text.encode("utf-8"), path, ReadOptions(**opts)))


@pytest.fixture(scope="module")
def full():
    recs = list(REGISTRY["webcopy"].func((FIX / "full_article.txt").read_bytes(), "full_article.txt", ReadOptions()))
    assert len(recs) == 1 and isinstance(recs[0], Article)
    return recs[0]


def test_header_fields(full):
    assert full.title == "Inside the Seven Hours That Thawed a Frozen Relationship"
    assert full.read_time_minutes == 7
    assert full.authors == ["Lena Hartwell", "Owen Pryce"]
    # 11:05 PM EDT = 03:05 UTC the next day; 7:42 AM EDT = 11:42 UTC
    assert full.published == pd.Timestamp("2023-06-19 03:05", tz="UTC")
    assert full.updated == pd.Timestamp("2023-06-19 11:42", tz="UTC")
    assert full.outlet == "Harbor Street Weekly"
    assert full.dateline == "BEIJING"
    assert full.source_format == "webcopy" and full.source_record == 1


def test_furniture_gets_its_own_roles_and_never_reaches_the_body(full):
    roles = [r for r, _ in full.paragraphs]
    assert roles == ["meta", "meta", "byline", "body", "body", "related", "heading", "body", "heading", "body",
                     "related", "contributors", "trailer", "trailer", "trailer", "trailer", "trailer"]
    assert full.with_role("heading") == ["A Long Road Back", "What Comes Next?"]
    assert full.contributors == ["Mara Quint", "Felix Oduya", "Sun Jiahui"]
    body = "\n".join(full.body())
    for furniture in ("Read More", "With assistance", "Must-Reads", "Contact us", "minute read", "Updated:",
                      "A Long Road Back", "Five Charts on Trade"):
        assert furniture not in body


def test_hard_wrapped_lines_join_into_one_paragraph(full):
    para = full.body()[2]
    assert para.startswith("The visit was supposed to happen in February. Then")
    assert para.endswith("“Then we were not.”")


def test_typographic_marks_are_kept(full):
    assert "“candid, substantive and constructive,”" in full.body()[1]


def test_updated_only_gives_published_and_empty_parts_are_allowed():
    a, = read("Title\n\nUpdated: June 19, 2023 7:42 AM EDT | Originally published:\n\nBody text here.\n")
    assert a.published == a.updated == pd.Timestamp("2023-06-19 11:42", tz="UTC")
    b, = read("Title\n\nUpdated: | Originally published: Feb. 4, 2023 3:39 PM EST\n\nBody text here.\n")
    assert b.updated is None and b.published == pd.Timestamp("2023-02-04 20:39", tz="UTC")


def test_double_dash_contributors_and_single_name():
    a, = read("Title\n\nBody one.\n\n--With assistance from Ana Ruiz.\n")
    assert a.contributors == ["Ana Ruiz"] and a.body() == ["Body one."]


def test_outlet_option_and_no_trailer():
    a, = read("Title\n\nBody one.\n", outlet="Given Outlet")
    assert a.outlet == "Given Outlet"
    b, = read("Title\n\nBody one.\n")
    assert b.outlet is None


def test_headline_only_is_an_error_naming_the_file():
    with pytest.raises(ReadError, match=r"^only_title\.txt: no body paragraphs"):
        read("Just a headline\n", path="only_title.txt")


def test_a_question_paragraph_of_many_words_is_body_not_a_subhead():
    a, = read("Title\n\nFirst paragraph.\n\nBut what happens to the students who already paid their fees for the autumn term?\n")
    assert [r for r, _ in a.paragraphs] == ["body", "body"]


# ---------------------------------------------------------------- ingest review, findings 4, 5, 6, 1 and 15

def test_copy_without_blank_lines_crlf_and_bom_is_read_line_by_line():
    # finding 5: one line per paragraph, CRLF line ends, a UTF-8 byte-order mark
    # (written here, not as a fixture file: the CLI tests read the whole fixture folder)
    data = b"\xef\xbb\xbf" + "\r\n".join([
        "Envoys Resume Talks in Beijing",
        "5 min read",
        "By Ana Ruiz, Tom Becker and Li Wen | Updated June 19, 2023 7:42 AM EDT",
        "BEIJING \u2014 The two delegations met on Sunday for seven hours at the state guesthouse.",
        "Officials on both sides called the talks candid.",
        "A Late Arrival After a Long Flight From Washington",
        "The secretary was greeted at the airport by a junior official, a choice that analysts in both capitals read as",
        "a deliberate signal of how far the relationship had cooled since February.",
        "Why the meeting matters for trade.",
        "Exporters said the tone was improving.",
        "Read More: Inside the Balloon Hunt",
        "The talks will continue next week in Washington.",
        "Jane Smith contributed reporting from Washington.",
        "Click here to subscribe to our daily newsletter.",
        "More from The Ledger:",
        "Balloon fallout continues",
    ]).encode("utf-8") + b"\r\n"
    recs = list(REGISTRY["webcopy"].func(data, "no_blank_lines.txt", ReadOptions()))
    assert len(recs) == 1
    a = recs[0]
    assert a.title == "Envoys Resume Talks in Beijing"
    assert a.read_time_minutes == 5
    assert a.paragraphs == [
        ("meta", "5 min read"),
        ("byline", "By Ana Ruiz, Tom Becker and Li Wen | Updated June 19, 2023 7:42 AM EDT"),
        ("body", "BEIJING \u2014 The two delegations met on Sunday for seven hours at the state guesthouse."),
        ("body", "Officials on both sides called the talks candid."),
        ("heading", "A Late Arrival After a Long Flight From Washington"),
        # a soft wrap (long line without end punctuation, next line lower-case) joins
        ("body", "The secretary was greeted at the airport by a junior official, a choice that analysts in both "
                 "capitals read as a deliberate signal of how far the relationship had cooled since February."),
        ("body", "Why the meeting matters for trade."),  # finding 15: a full-sentence subhead stays body
        ("body", "Exporters said the tone was improving."),
        ("related", "Read More: Inside the Balloon Hunt"),
        ("body", "The talks will continue next week in Washington."),
        ("contributors", "Jane Smith contributed reporting from Washington."),
        ("trailer", "Click here to subscribe to our daily newsletter."),
        ("trailer", "More from The Ledger:"),
        ("trailer", "Balloon fallout continues"),
    ]
    assert a.contributors == ["Jane Smith"]


def test_byline_and_date_on_one_line():
    # finding 4: 7:42 AM EDT is 11:42 UTC; an "Updated" time alone is also the published time
    a, = read("Title\n\nBy Ana Ruiz, Tom Becker and Li Wen | Updated June 19, 2023 7:42 AM EDT\n\nBody text here.\n")
    assert a.authors == ["Ana Ruiz", "Tom Becker", "Li Wen"]
    assert a.updated == a.published == pd.Timestamp("2023-06-19 11:42", tz="UTC")
    b, = read("Title\n\nBy Ana Ruiz \u00b7 June 18, 2023 \u2022 4 min read\n\nBody text here.\n")
    assert b.authors == ["Ana Ruiz"] and b.read_time_minutes == 4
    assert b.published == pd.Timestamp("2023-06-18", tz="UTC") and b.updated is None
    assert b.paragraphs[0] == ("byline", "By Ana Ruiz \u00b7 June 18, 2023 \u2022 4 min read")


def test_date_labels_without_a_colon():
    # finding 4: "Published 18 June 2023 23:05 BST" (BST = UTC+1) is a header line, not body
    a, = read("Talks Resume\n\nBy Ana Ruiz\n\nPublished 18 June 2023 23:05 BST\n\nWASHINGTON - The two sides met.\n")
    assert a.published == pd.Timestamp("2023-06-18 22:05", tz="UTC")
    assert a.paragraphs[:2] == [("byline", "By Ana Ruiz"), ("meta", "Published 18 June 2023 23:05 BST")]
    assert a.body() == ["WASHINGTON - The two sides met."]
    # without a colon the rest must look like a date: this is a body paragraph
    b, = read("Title\n\nPublished reports say the talks went well.\n")
    assert b.body() == ["Published reports say the talks went well."] and b.published is None


def test_unreadable_zone_keeps_the_article_and_flags_the_date():
    # finding 1: CST is US Central or China Standard Time: not guessed, flagged
    recs = read("Title\n\nUpdated: June 19, 2023 9:00 AM CST\n\nBody text here.\n", path="cst.txt")
    a, flag = recs
    assert isinstance(a, Article) and a.published is None and a.updated is None
    assert flag.status == "flagged" and flag.source_path == "cst.txt"
    assert "ambiguous time zone 'CST'" in flag.reason and "Updated: June 19, 2023 9:00 AM CST" in flag.reason


def test_contributor_follow_and_subscribe_lines_stay_out_of_the_body():
    # finding 6
    a, = read("Talks Resume\n\nWASHINGTON - The two sides met.\n\nJane Smith contributed reporting.\n\n"
              "Follow The Ledger on Facebook and Twitter.\n\nSign up for our newsletter here.\n")
    assert a.body() == ["WASHINGTON - The two sides met."]
    assert [r for r, _ in a.paragraphs] == ["body", "contributors", "trailer", "trailer"]
    assert a.contributors == ["Jane Smith"]


def test_database_markers_are_meta_and_a_question_is_body():
    from kit.readers.base import REGISTRY, ReadOptions

    text = ("Port funding deal reached\n\nABSTRACT.\n\nLawmakers agreed to fund the port.\n\nFULL TEXT.\n\n"
            "WASHINGTON — Lawmakers agreed late on Tuesday to keep the port authority funded.\n\n"
            "Will the deal hold through the spring?\n\nWhat Comes Next\n\nA vote is expected next week.\n")
    (a,) = [x for x in REGISTRY["webcopy"].func(text.encode(), "w.txt", ReadOptions()) if hasattr(x, "title")]
    roles = dict((t, r) for r, t in a.paragraphs)
    assert roles["ABSTRACT."] == "meta" and roles["FULL TEXT."] == "meta"
    assert roles["Will the deal hold through the spring?"] == "body"
    assert roles["What Comes Next"] == "heading"
