"""Tests for kit/readers/html.py: expected values are read off the fixture pages by hand."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import kit.readers.html  # noqa: F401  (registers the reader)
from kit.readers.base import REGISTRY, ReadError, ReadOptions, Rejection
from kit.schema import PARAGRAPH_ROLES, Article

FIX = Path(__file__).parent / "fixtures" / "readers"


def read(name: str, options: ReadOptions | None = None):
    data = (FIX / name).read_bytes()
    out = list(REGISTRY["html"].func(data, f"fixtures/{name}", options or ReadOptions()))
    arts = [x for x in out if isinstance(x, Article)]
    rejs = [x for x in out if isinstance(x, Rejection)]
    return arts, rejs


@pytest.fixture(scope="module")
def ppf():
    arts, rejs = read("ppf_article.html")
    assert len(arts) == 1 and rejs == []
    return arts[0]


def test_metadata_from_meta_tags(ppf):
    assert ppf.title == "Envoys Test a Thaw as Beijing Talks Resume"
    assert ppf.outlet == "Pacific Policy Forum"
    assert ppf.subtitle == ("Two days of meetings produced warm words and few commitments, "
                            "but both sides agreed to keep talking.")
    # article:published_time 2023-06-20T09:00:00-04:00 is 13:00 UTC
    assert ppf.published == pd.Timestamp("2023-06-20 13:00:00", tz="UTC")
    assert str(ppf.published.tz) == "UTC"
    assert ppf.updated == pd.Timestamp("2023-06-20 19:30:00", tz="UTC")
    assert ppf.authors == ["Mara Lindqvist", "Joel Okafor"]
    # the canonical link wins over og:url (which carries a tracking parameter)
    assert ppf.url == "https://pacificpolicyforum.example/analysis/envoys-test-a-thaw"
    assert ppf.section == "Analysis"
    assert ppf.language == "en"
    assert ppf.dateline == "BEIJING"
    assert ppf.source_path == "fixtures/ppf_article.html"
    assert ppf.source_format == "html"
    assert ppf.source_record == 1
    assert ppf.extra["tags"] == ["US-China relations", "Diplomacy"]


def test_paragraph_roles_in_source_order(ppf):
    roles = [r for r, _ in ppf.paragraphs]
    assert set(roles) <= set(PARAGRAPH_ROLES)
    assert roles == (["boilerplate"] * 8                   # nav (5 links), logo, tagline, share bar
                     # kicker, dek (kept by the extractor: the story's first paragraph), byline, time
                     + ["meta", "body", "byline", "meta"]
                     + ["body", "body", "caption", "body", "heading", "body", "body", "related", "heading",
                        "body", "body"]
                     + ["boilerplate"] * 8)                 # related box (3), newsletter (3), footer (2)
    assert ppf.with_role("heading") == ["What Beijing Wanted", "A Channel, Not a Reset"]
    assert ppf.with_role("related") == ["Read More: How a Balloon Derailed a Year of Diplomacy"]
    assert ppf.with_role("caption") == ["Delegations meet at the Diaoyutai State Guesthouse in Beijing on June 19. "
                                        "Photo: Wen Jing for Pacific Policy Forum"]
    assert ppf.with_role("byline") == ["By Mara Lindqvist and Joel Okafor"]
    body = ppf.body()
    assert len(body) == 8
    assert body[0] == ppf.subtitle  # the standfirst the extractor keeps stays in the text
    assert body[1].startswith("BEIJING — Secretary of State Eleanor Whitcombe")  # dateline kept in the text
    assert body[-1].endswith("the diplomats have bought themselves time.")


def test_title_is_not_a_paragraph(ppf):
    assert all(t != ppf.title for _, t in ppf.paragraphs)


def test_boilerplate_kept_but_not_in_body(ppf):
    body = "\n\n".join(ppf.body())
    boiler = ppf.with_role("boilerplate")
    for furniture in ["Share on X Email Print", "China Drills Around Taiwan After Transit Stop",
                      "Get our weekly newsletter on Asia-Pacific policy, delivered every Friday.",
                      "© 2023 Pacific Policy Forum. All rights reserved.", "Podcasts"]:
        assert furniture in boiler
        assert furniture not in body
    for not_body in ["Read More", "Photo:", "By Mara Lindqvist", "What Beijing Wanted", "Sign up"]:
        assert not_body not in body


def test_json_ld_and_fallbacks():
    arts, rejs = read("jsonld_article.html")
    assert rejs == []
    (a,) = arts
    assert a.title == "Students Wait for Flights as Exchange Ties Fray"
    assert a.outlet == "The Harbour Ledger"
    # datePublished 2023-06-27T06:00:00+08:00 is 22:00 UTC the day before
    assert a.published == pd.Timestamp("2023-06-26 22:00:00", tz="UTC")
    assert a.updated == pd.Timestamp("2023-06-27 01:30:00", tz="UTC")
    assert a.authors == ["Priya Natarajan", "Wen Jing"]
    assert a.url == "https://harbourledger.example/education/students-wait"
    assert a.section == "Education"
    assert a.language == "en"
    assert a.subtitle == "A Beijing teacher counts the students still hoping to study abroad."
    assert a.read_time_minutes == 5
    assert a.contributors == ["Lena Fischer"]
    assert a.extra["source_id"] == "HL-2023-06-27-0042"
    assert a.dateline is None
    roles = [r for r, _ in a.paragraphs]
    assert roles == ["boilerplate", "byline", "meta", "body", "body", "body", "heading", "body", "contributors",
                     "trailer", "boilerplate", "boilerplate", "boilerplate", "boilerplate"]
    assert a.with_role("trailer") == ["Contact us at letters@harbourledger.example."]
    assert not any("Most read" in t or "Lena Fischer" in t for t in a.body())


def test_outlet_option_overrides():
    arts, _ = read("ppf_article.html", ReadOptions(outlet="PPF"))
    assert arts[0].outlet == "PPF"


def test_truncated_html_yields_what_it_can_and_is_flagged():
    arts, rejs = read("truncated.html")
    (a,) = arts
    assert a.title == "Envoys Test a Thaw as Beijing Talks Resume"
    assert a.published == pd.Timestamp("2023-06-20 13:00:00", tz="UTC")
    assert len(a.body()) == 4
    assert a.body()[-1].endswith("willing to sit in the same room.”")
    (r,) = rejs
    assert r.status == "flagged"
    assert r.source_path == "fixtures/truncated.html"
    assert "truncated" in r.reason and "cut off inside a tag" in r.reason and "</html>" in r.reason


def test_page_without_article_text_is_a_read_error():
    with pytest.raises(ReadError) as err:
        read("no_article.html")
    assert "fixtures/no_article.html" in str(err.value)
    assert "no article text" in str(err.value)


@pytest.mark.parametrize("name, reason", [("empty.txt", "empty file"), ("binary.dat", "binary file")])
def test_bad_bytes_are_read_errors(name, reason):
    with pytest.raises(ReadError) as err:
        read(name)
    assert str(err.value).startswith(f"fixtures/{name}: {reason}")


def test_windows_1252_page_is_decoded_and_flagged():
    page = ("<html><head><meta property='og:site_name' content='Wire'></head><body><article><h1>Caf\u00e9 talks</h1>"
            "<p>The envoys\u2019 meeting in Beijing ran long, officials said, and both sides agreed to meet again "
            "before the end of the year.</p></article></body></html>").encode("cp1252")
    out = list(REGISTRY["html"].func(page, "w.html", ReadOptions()))
    (a,) = [x for x in out if isinstance(x, Article)]
    assert a.title == "Caf\u00e9 talks"
    assert a.body() == ["The envoys\u2019 meeting in Beijing ran long, officials said, and both sides agreed to meet "
                        "again before the end of the year."]
    (r,) = [x for x in out if isinstance(x, Rejection)]
    assert (r.status, r.reason) == ("flagged", "decoded as Windows-1252 (not valid UTF-8)")


def test_sniff():
    spec = REGISTRY["html"]
    assert spec.extensions == (".html", ".htm", ".xhtml")
    assert spec.sniff(b"<!DOCTYPE html>\n<html lang='en'>", "page.txt")
    assert not spec.sniff(b"Headline\n\nBody text <b>bold</b>", "page.txt")


def test_declared_charset_is_honoured():
    page = ("<html><head><meta charset='gb18030'><meta property='og:site_name' content='环球'></head><body><article>"
            "<h1>会谈恢复</h1><p>北京 — 两国外长周一在北京会谈超过七个小时，同意保持沟通渠道畅通，并在年底前再次会面。"
            "双方都表示会谈坦率而有建设性，但没有宣布任何突破。</p></article></body></html>").encode("gb18030")
    out = list(REGISTRY["html"].func(page, "gb.html", ReadOptions()))
    (a,) = [x for x in out if isinstance(x, Article)]
    assert a.title == "会谈恢复" and a.outlet == "环球"
    assert a.body()[0].startswith("北京 — 两国外长周一在北京会谈")
    (r,) = [x for x in out if isinstance(x, Rejection)]
    assert (r.status, r.reason) == ("flagged", "decoded as gb18030 (declared by the page)")


def test_fallback_when_trafilatura_finds_nothing(monkeypatch):
    monkeypatch.setattr(kit.readers.html, "_trafilatura", lambda source: None)
    arts, rejs = read("ppf_article.html")
    (a,) = arts
    # without trafilatura the long <p> paragraphs of the story (and the dek) are the body; the rest keeps its roles
    assert len(a.body()) == 8
    assert a.with_role("heading") == ["What Beijing Wanted", "A Channel, Not a Reset"]
    assert a.with_role("boilerplate")[-1] == "About · Privacy · Contact"
    assert a.with_role("related") == ["Read More: How a Balloon Derailed a Year of Diplomacy"]
    assert a.title == "Envoys Test a Thaw as Beijing Talks Resume"
    assert a.authors == ["Mara Lindqvist", "Joel Okafor"]


def test_byline_links_give_authors_when_no_metadata_names_them():
    page = (b"<html><body><article><h1>Talks</h1><div class='byline-block'><address class='author'>By "
            b"<a rel='author' href='/experts/leila-farahani/'>Leila Farahani</a>, Senior Fellow, Security Program"
            b"</address><time datetime='2023-11-28T08:00:00-05:00'>Tuesday, November 28, 2023</time></div>"
            b"<p>Of everything agreed at the summit two weeks ago, the deal on fentanyl is the easiest to measure "
            b"and the easiest to fake, officials and analysts said on Tuesday.</p></article></body></html>")
    (a,) = [x for x in REGISTRY["html"].func(page, "b.html", ReadOptions()) if isinstance(x, Article)]
    assert a.authors == ["Leila Farahani"]
    assert a.published == pd.Timestamp("2023-11-28 13:00", tz="UTC")
    assert [r for r, _ in a.paragraphs] == ["byline", "meta", "body"]


def test_on_page_headline_that_differs_from_og_title_is_kept_as_title_role():
    page = (b"<html><head><meta property='og:title' content='Talks resume (SEO title)'></head><body><article>"
            b"<h1>Envoys resume talks in Beijing</h1><p>BEIJING - Envoys met on Monday for the first time in months "
            b"and agreed to keep talking about trade and about student exchanges.</p></article></body></html>")
    (a,) = [x for x in REGISTRY["html"].func(page, "t.html", ReadOptions()) if isinstance(x, Article)]
    assert a.title == "Talks resume (SEO title)"
    assert a.paragraphs[0] == ("title", "Envoys resume talks in Beijing")
    assert [r for r, _ in a.paragraphs] == ["title", "body"]


def test_inline_label_and_link_are_read_apart_and_news_furniture_is_labelled():
    # ingest review, finding 6: <span>Read more</span><a>headline</a> used to give "Read moreBalloon ..."
    (a,), rejs = read("inline_furniture.html")
    assert rejs == []
    assert a.published == pd.Timestamp("2023-06-19 03:05", tz="UTC")  # 23:05 at UTC-4
    assert ("related", "Read more Balloon fallout continues across the Pacific") in a.paragraphs
    assert ("related", "Related coverage: What the visit means for chip controls") in a.paragraphs
    assert ("contributors", "Jane Smith contributed reporting from Washington.") in a.paragraphs
    assert ("trailer", "Follow The Ledger on Facebook and Twitter.") in a.paragraphs
    assert a.contributors == ["Jane Smith"]
    assert a.body() == [
        "BEIJING — The envoy landed on Sunday for talks that officials on both sides described as candid and long.",
        "He met the foreign minister for seven hours at the state guesthouse, officials said on Monday evening.",
        "The two sides agreed to meet again in the autumn, but set no date for the next round of talks."]


def test_inline_markup_inside_words_is_not_split():
    import lxml.html

    from kit.readers.html import _walk_blocks

    (b,) = _walk_blocks(lxml.html.fromstring("<div><p>Bei<b>jing</b> and <a>Washington</a>'s envoys</p></div>"))
    assert b.text == "Beijing and Washington's envoys"


# --------------------------------------------------------------------------- real-page failures (issue 10)

LEDE = ("WASHINGTON (AP) — Lawmakers agreed late on Tuesday to keep the port authority funded "
        "through the spring, ending a standoff that had threatened to halt cargo traffic.")


def _one(page: bytes, name: str = "p.html"):
    out = list(REGISTRY["html"].func(page, name, ReadOptions()))
    return [x for x in out if isinstance(x, Article)][0], [x for x in out if isinstance(x, Rejection)]


def test_lede_that_repeats_the_description_stays_in_the_body():
    page = (f"<html><head><meta property='og:description' content='{LEDE}'></head><body><article>"
            f"<h1>Port funding deal reached</h1><p>{LEDE}</p>"
            "<p>The agreement still needs a vote in the full chamber, which is expected next week, "
            "officials said after the meeting ended.</p></article></body></html>").encode()
    a, _ = _one(page)
    assert a.body()[0] == LEDE
    assert a.subtitle == LEDE
    assert a.dateline == "WASHINGTON"


@pytest.mark.parametrize("wrapper", ["content-with-sidebar-wrp", "l-sidebar-fixed", "ad_body"])
def test_wrapper_whose_class_names_furniture_does_not_make_the_story_furniture(wrapper):
    page = (f"<html><body><div class='{wrapper}'><div class='story'><h1>Port funding deal reached</h1>"
            f"<p>{LEDE}</p><p>The agreement still needs a vote in the full chamber, which is expected "
            "next week, officials said after the meeting ended.</p></div></div>"
            "<div class='sidebar'><p>Most read stories this week on everything</p></div></body></html>").encode()
    a, _ = _one(page)
    assert a.body()[0] == LEDE and len(a.body()) == 2
    assert "Most read stories this week on everything" not in a.body()


def test_br_separated_body_keeps_the_text_trafilatura_finds():
    lines = [f"Line {k} of the story says something about the port funding deal and the vote that follows."
             for k in range(1, 7)]
    page = ("<html><body><div id='main'><h1>Port funding deal reached</h1><div class='text'>"
            + "<br><br>".join(lines) + "</div></div><footer>Contact the newsroom</footer></body></html>").encode()
    a, _ = _one(page)
    body = "\n".join(a.body())
    assert all(line in body for line in lines)
    assert "Contact the newsroom" not in body


def test_placeholder_date_is_never_used_and_is_flagged():
    page = ("<html><head><meta property='article:published_time' content='2019-11-20T10:43:00Z'>"
            "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": "
            "\"0001-01-01T00:00:00\"}</script></head><body><article><h1>Port funding deal reached</h1>"
            f"<p>{LEDE}</p></article></body></html>").encode()
    a, rejs = _one(page)
    assert a.published == pd.Timestamp("2019-11-20 10:43", tz="UTC")
    assert a.date_source == "article:published_time"
    (flag,) = [r for r in rejs if "date" in r.reason]
    assert flag.status == "flagged" and "0001-01-01" in flag.reason and "before 1900" in flag.reason


def test_date_after_the_ingest_day_is_never_used():
    page = ("<html><head><meta property='article:published_time' content='2999-01-01T00:00:00Z'></head>"
            f"<body><article><h1>Port funding deal reached</h1><p>{LEDE}</p></article></body></html>").encode()
    a, rejs = _one(page)
    assert a.published is None
    assert any("after the ingest day" in r.reason for r in rejs)


@pytest.mark.parametrize("site_name, url, outlet, source", [
    ("usatoday", None, "USA Today", "outlet table (og:site_name)"),
    ("U.S.", "https://www.reuters.com/world/us/port-deal-2019-11-20/", "Reuters", "outlet table (domain)"),
    ("@politifact", None, "PolitiFact", "outlet table (og:site_name)"),
    ("Harbour Ledger", None, "Harbour Ledger", "og:site_name"),
])
def test_outlet_is_normalised_with_the_outlet_table(site_name, url, outlet, source):
    canonical = f"<link rel='canonical' href='{url}'>" if url else ""
    page = (f"<html><head><meta property='og:site_name' content='{site_name}'>{canonical}</head><body><article>"
            f"<h1>Port funding deal reached</h1><p>{LEDE}</p></article></body></html>").encode()
    a, _ = _one(page)
    assert (a.outlet, a.outlet_source) == (outlet, source)


def test_a_users_outlet_table_extends_the_bundled_one(tmp_path):
    from kit.readers.outlets import load_outlet_table

    table = tmp_path / "outlets.csv"
    table.write_text("match,outlet\nharbourledger.example,The Harbour Ledger\n", encoding="utf-8")
    page = ("<html><head><meta property='og:site_name' content='HL'>"
            "<link rel='canonical' href='https://news.harbourledger.example/a'></head><body><article>"
            f"<h1>Port funding deal reached</h1><p>{LEDE}</p></article></body></html>").encode()
    out = list(REGISTRY["html"].func(page, "p.html", ReadOptions(outlet_table=load_outlet_table(table))))
    assert out[0].outlet == "The Harbour Ledger"


@pytest.mark.parametrize("byline, names", [
    ("Analysis by Ana Ruiz, CNN Editor-at-large", ["Ana Ruiz"]),
    ("By JERUSALEM POST STAFF", []),
    ("Ana Ruiz and Tom Becker", ["Ana Ruiz", "Tom Becker"]),
    ("Ana Ruiz, Tom Becker & Li Wei", ["Ana Ruiz", "Tom Becker", "Li Wei"]),
    ("NOVEMBER 20, 2019 10:43", []),
    ("ana.ruiz@ledger.example", []),
])
def test_authors_are_person_names(byline, names):
    page = (f"<html><head><meta name='author' content='{byline}'><meta property='og:site_name' content='CNN'>"
            f"</head><body><article><h1>Port funding deal reached</h1><p>{LEDE}</p></article></body></html>").encode()
    a, _ = _one(page)
    assert a.authors == names


def _page_with_links(head: str) -> bytes:
    body = "".join(f"<p>Paragraph {i} of a short report on the port talks, long enough to count as text.</p>"
                   for i in range(6))
    return (f"<html><head><title>Port talks resume</title>{head}</head>"
            f"<body><article><h1>Port talks resume</h1>{body}</article></body></html>").encode()


@pytest.mark.parametrize("head, url", [
    # a relative canonical link is made absolute against og:url
    ('<link rel="canonical" href="/world/port-talks"><meta property="og:url" content="https://ledger.example/x">',
     "https://ledger.example/world/port-talks"),
    # an absolute canonical link wins as it is
    ('<link rel="canonical" href="https://ledger.example/a"><meta property="og:url" content="https://m.ledger.example/b">',
     "https://ledger.example/a"),
    # a relative address with nothing absolute to join it to is kept as written
    ('<link rel="canonical" href="/world/port-talks">', "/world/port-talks"),
])
def test_relative_page_address_is_made_absolute(head, url):
    (a,) = [x for x in REGISTRY["html"].func(_page_with_links(head), "page.html", ReadOptions())
            if isinstance(x, Article)]
    assert a.url == url


@pytest.mark.parametrize("title_tag, h1s, want", [
    # a menu's <h1> comes first; the headline is the one the <title> repeats
    ("<title>Harbour Weekly: Port talks resume | Ledger</title>", ["Sections", "Port talks resume"], "Port talks resume"),
    # no <h1> in the title: the first that is not a menu heading
    ("<title>Ledger</title>", ["Menu", "Port talks resume"], "Port talks resume"),
])
def test_menu_headings_are_not_the_headline(title_tag, h1s, want):
    body = "".join(f"<p>Paragraph {i} of a short report on the port talks, long enough to count as text.</p>"
                   for i in range(6))
    heads = "".join(f"<div><h1>{h}</h1></div>" for h in h1s)
    page = f"<html><head>{title_tag}</head><body>{heads}<article>{body}</article></body></html>".encode()
    (a,) = [x for x in REGISTRY["html"].func(page, "page.html", ReadOptions()) if isinstance(x, Article)]
    assert a.title == want
