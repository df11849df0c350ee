import pytest

from kit import newsclean


@pytest.mark.parametrize("line, role", [
    ("Read More: The Balloon That Grounded a Summit", "related"),
    ("READ MORE - Five charts on trade", "related"),
    ("See also: How the Pentagon tracked it", "related"),
    ("—With assistance from Mara Quint and Felix Oduya.", "contributors"),
    ("-- With assistance from Mara Quint", "contributors"),
    ("Additional reporting by Sun Jiahui", "contributors"),
    ("More Must-Reads From Harbor Street Weekly", "trailer"),
    ("Contact us at letters@harborstreetweekly.example.", "trailer"),
    ("© 2023 Pacific Policy Forum. All rights reserved.", "trailer"),
    ("Sign up for our weekly China briefing", "trailer"),
    ("Share on X", "boilerplate"),
    ("Print", "boilerplate"),
    ("Photo: A jet over the Atlantic.", "caption"),
    ("Read more about it in the report, she said.", None),
    ("The secretary said the talks would continue.", None),
    ("Reporting from Beijing has become harder, Hao said.", None),
])
def test_label_block(line, role):
    assert newsclean.label_block(line) == role


def test_split_contributors_variants():
    assert newsclean.split_contributors("—With assistance from A Bee, C Dee & E Eff.") == ["A Bee", "C Dee", "E Eff"]
    assert newsclean.split_contributors("Body text") == []


def test_dateline_variants():
    assert newsclean.dateline("BEIJING, June 19 (EHD) -- The foreign minister said") == "BEIJING"
    assert newsclean.dateline("SAN FRANCISCO (Continental Wire) - Leaders met") == "SAN FRANCISCO"
    assert newsclean.dateline("WOODSIDE, California (Continental Wire) - Leaders met") == "WOODSIDE"
    assert newsclean.dateline("US officials - and their allies - met") is None


# ingest review, finding 6: more contributor, trailer and cross-link forms
@pytest.mark.parametrize("line, role", [
    ("Jane Smith contributed reporting from Washington.", "contributors"),
    ("Jane Smith and Li Wen contributed reporting.", "contributors"),
    ("Tom Becker contributed to this report.", "contributors"),
    ("Follow The Ledger on Facebook and Twitter.", "trailer"),
    ("Click here to subscribe to our daily newsletter.", "trailer"),
    ("More from The Ledger:", "trailer"),
    ("Related coverage: What the visit means for chip controls", "related"),
    ("Read more Balloon fallout continues across the Pacific", "related"),
    # story text that merely starts with the same words stays story text
    ("Follow the money, said one official on Twitter.", None),
    ("Related talks were held in May.", None),
    ("More from the talks is expected on Friday.", None),
    ("Read more about it in the report, she said.", None),
])
def test_more_furniture_forms(line, role):
    assert newsclean.label_block(line) == role


def test_names_in_contributed_reporting_lines():
    assert newsclean.split_contributors("Jane Smith contributed reporting from Washington.") == ["Jane Smith"]
    assert newsclean.split_contributors("Jane Smith in Washington and Li Wen in Beijing contributed reporting.") \
        == ["Jane Smith", "Li Wen"]


def test_related_headline_without_a_colon():
    assert newsclean.related_headline("Read more Balloon fallout continues") == "Balloon fallout continues"
    assert newsclean.related_headline("Related coverage: What the visit means") == "What the visit means"
