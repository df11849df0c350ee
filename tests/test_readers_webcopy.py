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
