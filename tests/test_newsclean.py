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


# --- the one-search fast path of label_paragraphs (newsclean.may_label) ----------------------

# every furniture form the tests above name, and story text that starts like furniture, with
# white space, dashes and case changed around them
_FURNITURE = [
    "Read More: The Balloon That Grounded a Summit", "READ MORE - Five charts on trade", "See also: How it was tracked",
    "—With assistance from Mara Quint and Felix Oduya.", "-- With assistance from Mara Quint",
    "Additional reporting by Sun Jiahui", "More Must-Reads From Harbor Street Weekly",
    "Contact us at letters@harborstreetweekly.example.", "© 2023 Pacific Policy Forum. All rights reserved.",
    "Sign up for our weekly China briefing", "Share on X", "Print", "Photo: A jet over the Atlantic.",
    "(Photo by Ana Ruiz / Wire)", "Jane Smith contributed reporting from Washington.", "Tom Becker contributed to this report.",
    "Follow The Ledger on Facebook and Twitter.", "Click here to subscribe to our daily newsletter.",
    "More from The Ledger:", "Related coverage: What the visit means", "Read more Balloon fallout continues",
    "Advertisement", "3 comments", "Listen to this article", "Write to Ana Ruiz at ana@x.example",
    "This story was first published by The Ledger.", "(c) 2021 Wire", "Newsletter",
]
_STORY = [
    "Read more about it in the report, she said.", "The secretary said the talks would continue.",
    "Reporting from Beijing has become harder, Hao said.", "Follow the money, said one official on Twitter.",
    "Related talks were held in May.", "More from the talks is expected on Friday.", "Sharepoint files leaked.",
    "Printers ran all night.", "Photographs showed the balloon.", "The envoy contributed little.", "",
]


def _variants(line: str) -> list[str]:
    return [line, " " + line, line + " ", "  " + line + "  ", line.upper(), line.lower(), line + "\n", "\n" + line,
            line.replace(" ", "\n", 1), line + "\nand more", "\u2014" + line]


@pytest.mark.parametrize("line", _FURNITURE + _STORY)
def test_may_label_is_true_wherever_a_block_gets_a_role(line):
    for v in _variants(line):
        for blocks in ([v], [_STORY[1], v], [v, _STORY[0]], [_STORY[2], v, _STORY[3]]):
            if any(newsclean.label_block(b) is not None for b in blocks):
                assert newsclean.may_label(blocks), blocks


def test_may_label_is_false_for_plain_story_text():
    assert not newsclean.may_label([s for s in _STORY if "contributed" not in s])
    assert not newsclean.may_label([])


def test_the_union_of_the_rules_keeps_their_meaning():
    # one flag set for all (re.I), and every alternative anchored at the block's start
    import re

    for rule in (newsclean._RELATED, newsclean._CONTRIB, newsclean._MUST_READS, newsclean._TRAILER,
                 newsclean._BOILER, newsclean._CAPTION):
        assert rule.flags & re.I
        assert rule.pattern.startswith("^") and not re.search(r"\(\?[a-zA-Z]+\)", rule.pattern), rule.pattern


def test_label_paragraphs_fast_path_gives_the_full_labelling():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kit.readers.fields import label_paragraphs

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from([v for line in _FURNITURE + _STORY for v in _variants(line)]), max_size=6))
    def check(blocks):
        got = label_paragraphs(blocks)
        # the slow path: every block labelled on its own
        pairs, who, in_trailer = [], [], False
        for text in blocks:
            role = newsclean.label_block(text)
            if role is None and in_trailer and len(text.split()) <= 20 and not text.rstrip().endswith((".", "?", "!", "”", '"')):
                role = "trailer"
            in_trailer = in_trailer or role == "trailer"
            if role == "contributors":
                who.extend(n for n in newsclean.split_contributors(text) if n not in who)
            pairs.append((role or "body", text))
        assert got == (pairs, who)

    check()
