"""Session 14, branch weakrules: attributions after a quote that the fallback rules (LATEST_SPEAKER,
FIRST_PERSON_NAMED, SPEECH_ACT_CONTINUES) answered for, because the attribution's shape was not read.
The articles here are written by us (fictional names and places)."""
from __future__ import annotations

import pandas as pd
import pytest

from kit.quotes import extract_quotes
from kit.quotes.attribution import _attr_after, _carrier_reads, _described_verb_slot, _verb_slot


def quotes(*texts: str) -> pd.DataFrame:
    p = pd.DataFrame({"doc_id": "x", "para_no": range(len(texts)), "role": "body", "text": list(texts)})
    q = extract_quotes(p)
    return q[q["kind"].isin(["full", "partial"])].reset_index(drop=True)


CAMPAIGN = "The Roe campaign mailed a new flyer to voters in Calder on Sunday."


# --- rule CARRIER_READS -------------------------------------------------------------------------

@pytest.mark.parametrize("after, mention", [
    (", the flyer read. Then", "the flyer"),
    (", the letter read.", "the letter"),
    (", read the sign by the gate.", "the sign"),
    (", reads a Tuesday editorial in the Calder Star.", "a Tuesday editorial"),
    (", the campaign email also read.", "the campaign email"),
])
def test_a_carrier_of_written_words_reads_the_quote(after, mention):
    assert _attr_after(after) == (mention, "read")


@pytest.mark.parametrize("after", [", the senator read from her notes.", " he read.", ", read the senator.",
                                   ", the crowd read."])
def test_read_without_a_carrier_is_no_attribution(after):
    assert _carrier_reads(after) is None


def test_the_flyer_reads_the_quote_that_opens_its_paragraph():
    # before: LATEST_SPEAKER gave the quote to the campaign of the paragraph before
    q = quotes(CAMPAIGN, '"Vote for the candidate who shows up for Calder," the flyer read.')
    assert q.loc[0, "speaker_mention"] == "the flyer"
    assert q.loc[0, "verb"] == "read"
    assert q.loc[0, "speaker_rule"] not in ("LATEST_SPEAKER", "SPEECH_ACT_CONTINUES")


def test_an_inverted_editorial_reads_the_quote():
    # before: LATEST_SPEAKER gave the editorial's words to the senator it attacks
    q = quotes("Senator Ann Roe has been criticised at home for her silence.",
               '"Few senators have shown less courage than Ann Roe," reads a Friday editorial in the Calder Star.')
    assert q.loc[0, "speaker"] != "Ann Roe"
    assert q.loc[0, "verb"] == "read"


# --- demonstrative determiners (rule THIS_DESCRIPTION) --------------------------------------------

@pytest.mark.parametrize("after, mention, verb", [
    (", this official told the Star.", "this official", "told"),
    (", this aide said.", "this aide", "said"),
    (", these voters said on Monday.", "these voters", "said"),
])
def test_a_description_after_this_or_these_speaks(after, mention, verb):
    assert _attr_after(after) == (mention, verb)


def test_this_week_is_no_speaker():
    assert _attr_after(", this week he said.") is None


def test_this_description_after_a_quote_takes_it_from_the_first_person_named():
    # before: FIRST_PERSON_NAMED gave the quote to Ann Roe, named first in the paragraph before
    q = quotes("Mayor Ann Roe met Governor Bo Lind in Calder on Monday, and the two men emerged smiling.",
               '"The bridge will be built, and built soon," this impostor declared in the square.')
    assert q.loc[0, "speaker"] == "this impostor"
    assert q.loc[0, "speaker_rule"] != "FIRST_PERSON_NAMED"


# --- rule DESCRIBED_VERB_SLOT -----------------------------------------------------------------------

@pytest.mark.parametrize("after, expected", [
    (" the retired judge quipped. Then", ("the retired judge", "quipped")),
    (" a protester heckled at the back.", ("a protester", "heckled")),
    (" the party's vice-presidential nominee riffed on the plan.", ("the party's vice-presidential nominee", "riffed")),
])
def test_a_description_holds_the_verb_slot(after, expected):
    assert _verb_slot(after) == expected


@pytest.mark.parametrize("after", [" the rain stopped.", " a radio show that first aired in May.",
                                   " the mayor seems to agree.", " the lights dimmed."])
def test_no_speaker_or_no_speech_in_the_described_slot(after):
    assert _described_verb_slot(after) is None


def test_the_described_slot_takes_the_quote_from_the_first_person_named():
    # before: FIRST_PERSON_NAMED gave the quote to Ann Roe, who is only seen in a video
    q = quotes("At a rally on Friday, Ed Voss played a video in which Mayor Ann Roe fails to answer a question.",
               '"Mayor Roe, allow me to answer for you - it is yes," the party\'s vice-presidential nominee riffed.')
    assert q.loc[0, "speaker"] != "Ann Roe"
    assert q.loc[0, "verb"] == "riffed"

