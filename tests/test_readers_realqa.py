"""Reader failures found by running the kit on real material (saved pages, database exports);
every input here is written by us and reproduces the layout that failed."""
from __future__ import annotations

from pathlib import Path

import pytest

from kit.readers import detect_format, read_one
from kit.readers.fields import split_names
from kit.readers.people import person_names
from kit.schema import Article

FIX = Path(__file__).parent / "fixtures" / "exports"

#: a saved page whose file opens with the site's inline <style> (and one that opens with a <script>)
#: before <html>: real pages saved by crawlers look like this
STYLE_FIRST = b"""<style>
  .visible-media-boxes { opacity: 1; }
</style>
<!DOCTYPE html>
<html lang="en"><head><title>Harbour cranes return | Example Ledger</title>
<meta property="og:site_name" content="Example Ledger"></head>
<body><article><h1>Harbour cranes return</h1>
<p>The harbour authority said on Monday that the three cranes removed last spring will be back by June.</p>
<p>Dock workers had asked for the cranes for months, saying the queues of ships grew every week.</p>
<p>The authority said the repairs cost less than planned and that the cranes are now quieter.</p>
</article></body></html>
"""
SCRIPT_FIRST = STYLE_FIRST.replace(b"<style>\n  .visible-media-boxes { opacity: 1; }\n</style>",
                                   b"<script>window.dataLayer = window.dataLayer || [];</script>")


@pytest.mark.parametrize("page", [STYLE_FIRST, SCRIPT_FIRST], ids=["style-first", "script-first"])
def test_saved_page_opening_with_style_or_script_is_a_web_page_not_a_lexisnexis_export(page):
    # before: detection fell to the first .html reader (LexisNexis) and the page was rejected with
    # "not a LexisNexis export: no 'Body' line found"
    assert detect_format(page, "pages/ledger.html") == "html"
    out = list(read_one(page, "pages/ledger.html"))
    arts = [r for _, r in out if isinstance(r, Article)]
    assert [f for f, _ in out] and {f for f, _ in out} == {"html"}
    assert len(arts) == 1 and arts[0].title == "Harbour cranes return"
    assert any("three cranes" in p for p in arts[0].body())


def test_factiva_soft_return_between_two_authors_gives_two_names():
    # Factiva's HTML writes a line break inside the author field as its own entity "&softReturn;"
    data = (FIX / "factiva_plain.html").read_bytes().replace(
        b"Von Jana Ostmann</div>", b"Von Jana Ostmann&softReturn;und Piet Lorenz</div>", 1)
    arts = [r for _, r in read_one(data, "fixtures/factiva_soft.html") if isinstance(r, Article)]
    assert arts[0].authors == ["Jana Ostmann", "Piet Lorenz"]
    assert not any("softReturn" in p for a in arts for p in a.body() + a.authors)


@pytest.mark.parametrize("byline, names", [
    ("PRUIM, FRED", ["FRED PRUIM"]),                       # one person, surname first, upper case
    ("By OSTMANN, JANA M.", ["JANA M. OSTMANN"]),
    ("Ostmann, Jana", ["Jana Ostmann"]),
    ("Ostmann, Jana; Lorenz, Piet", ["Jana Ostmann", "Piet Lorenz"]),   # catalogue style list
    ("Jana Ostmann, Piet Lorenz", ["Jana Ostmann", "Piet Lorenz"]),     # commas between people
    ("Jana Ostmann, Piet Lorenz and Li Wei", ["Jana Ostmann", "Piet Lorenz", "Li Wei"]),
    ("Ostmann, Lorenz and Wei", ["Ostmann", "Lorenz", "Wei"]),          # surnames listed: not inverted
    ("Jana Ostmann, Staff", ["Jana Ostmann", "Staff"]),                 # a role after the comma stays apart
    ("OSTMANN, Reuters", ["OSTMANN", "Reuters"]),
])
def test_surname_comma_given_byline_is_one_person(byline, names):
    assert split_names(byline) == names


def test_surname_comma_given_through_person_names_and_an_export():
    assert person_names("PRUIM, FRED") == ["FRED PRUIM"]
    doc = ("Cranes return\n\nExample Ledger\nJune 19, 2023 Monday\n\nByline: PRUIM, FRED\n\nBody\n\n"
           "The cranes are back.\n\nLoad-Date: June 20, 2023\n\nEnd of Document\n").encode()
    arts = [r for _, r in read_one(doc, "ln.txt") if isinstance(r, Article)]
    assert arts[0].authors == ["FRED PRUIM"]


def test_names_kept_apart_by_a_slash_are_two_people():
    # Spanish Nexis Uni exports print two bylines as "NAME ONE / NAME TWO"
    assert split_names("JANA OSTMANN / PIET LORENZ") == ["JANA OSTMANN", "PIET LORENZ"]
    assert split_names("OSTMANN, JANA / LORENZ, PIET") == ["JANA OSTMANN", "PIET LORENZ"]
    assert split_names("Jana Ostmann and/or Piet") == ["Jana Ostmann and/or Piet"]  # no spaces: not a separator


def test_users_outlet_table_names_export_outlets_and_without_one_the_printed_name_stays(tmp_path):
    # a Factiva export whose SN field changed over the years ("Kurier" / "Nordstadt Kurier"): only
    # the user's own table (--outlets) can say they are one publication
    from kit.readers.base import ReadOptions
    from kit.readers.outlets import load_outlet_table

    data = (FIX / "factiva_plain.html").read_bytes().replace(b"<div>Nordstadt Kurier</div>", b"<div>Kurier</div>", 1)
    table = tmp_path / "outlets.csv"
    table.write_text("match,outlet\nKurier,Nordstadt Kurier\n", encoding="utf-8")

    def outlets(options):
        arts = [r for _, r in read_one(data, "fixtures/factiva_sn.html", options=options) if isinstance(r, Article)]
        return [(a.outlet, a.outlet_raw if a.outlet_raw else None, a.outlet_source) for a in arts]

    assert outlets(ReadOptions())[0] == ("Kurier", None, "SN field")          # kept as the export prints it
    with_table = outlets(ReadOptions(outlet_table=load_outlet_table(table)))
    assert with_table[0] == ("Nordstadt Kurier", "Kurier", "outlet table (SN field)")
    assert with_table[1] == ("Nordstadt Kurier", None, "SN field")            # already the canonical name
