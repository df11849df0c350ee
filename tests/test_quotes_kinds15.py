"""Session 15 (quoteterms): quoted terms, titles and names are not speech, and an empty quote is no
quote of speech (docs/quotes.md, "Fifteenth round (session 15): quoted terms and titles are not
speech"). Such quotes get a kind that is not speech (``title`` or ``scare``) and no speaker, so a
researcher counting voices does not count them.

Every sentence here is written by us (fictional people, places, shows and organisations)."""
from __future__ import annotations

import pandas as pd
import pytest

from kit.quotes import extract_quotes


def quotes(*texts: str) -> pd.DataFrame:
    """Every quote (all kinds) of one article whose body paragraphs are ``texts``."""
    return extract_quotes(pd.DataFrame({"doc_id": "x", "para_no": range(len(texts)), "role": "body",
                                        "text": list(texts)}))


def _row(q, text):
    rows = q[q["text"].str.strip() == text]
    assert len(rows) == 1, q[["text", "kind"]].values.tolist()
    return rows.iloc[0]


@pytest.mark.parametrize("paras, quoted, kind", [
    # rule TITLE_IN_SENTENCE: a title-case stretch inside a sentence, after a plain verb or a
    # preposition, with no verb of saying: a game's title, a protest's name, a summit's name
    (['Mayor Ann Roe spoke at the pier on Monday. "We will rebuild the pier," Roe said.',
      'Rolling dice in the back room while he played "Harbour Raid Deluxe Edition," Tom Vell looked calm.'],
     "Harbour Raid Deluxe Edition,", "title"),
    (['Senator Bo Lind spoke at the rally. "The river needs us," Lind said.',
      'Hundreds of students took part in "Close the Quarry Now," a march across the valley.'],
     "Close the Quarry Now,", "title"),
    # rule TITLE_BEFORE_NOUN: a title-case stretch right before a title noun, even when the
    # sentence has an attribution ('according to')
    (['Smog rose in six towns, according to the Valley Air League\'s yearly "Breath of the Hills" report, '
      'released Friday.'],
     "Breath of the Hills", "title"),
    # rule TERM_AS_SUBJECT: a short title-case quote that opens its sentence and runs straight on
    (['Mayor Ann Roe named the new storms. "It is a warning," Roe said.',
      '"Red Tide" paints a grim picture of the bay in summer.'],
     "Red Tide", "scare"),
    # rule MODIFIER_AFTER_ADJECTIVE: a lower-case quote between a determiner with an adjective and
    # the noun it modifies
    (['Professor Ida Marr studies pollution. "The data are thin," Marr said.',
      'She wants to drop the present "balance of all harms" tests that courts apply to mills.'],
     "balance of all harms", "scare"),
])
def test_a_quoted_name_or_term_is_not_speech_and_has_no_speaker(paras, quoted, kind):
    r = _row(quotes(*paras), quoted)
    assert r["kind"] == kind
    assert r["speaker"] is None or r["speaker"] != r["speaker"]  # None or NaN: no speaker, no voice


def test_an_empty_quote_is_not_speech_and_has_no_speaker():
    # rule EMPTY_QUOTE: doubled marks ('""', as some sources print a quotation's edges) hold no
    # speech; they were read as a partial quote and given the speaker named next to them
    q = quotes('The port has been quiet all week.Frankly, we have to raise the sea wall before winter,"" '
               'harbour director Ann Roe told me on Monday. ""But the money is not there yet."""')
    empty = q[q["text"].str.strip() == ""]
    assert len(empty) >= 1
    assert not empty["kind"].isin(["full", "partial"]).any()
    assert empty["speaker"].isna().all()


@pytest.mark.parametrize("paras, quoted, speaker", [
    # a real short quote with its attribution stays speech with its speaker
    (['The harbour bill failed on Tuesday. It was "a Total Disaster," Ann Roe said later.'],
     "a Total Disaster,", "Ann Roe"),
    # a title-case quote right after a verb of saying is speech
    (['Mayor Bo Lind was asked about the ferry. Lind said "Never Again" when reporters asked.'],
     "Never Again", "Bo Lind"),
    # a crowd's chant is the crowd's words, not a title
    (['Hundreds of dock workers marched to the port office, chanting "Fair Pay Now, Fair Pay Now," as they went.'],
     "Fair Pay Now, Fair Pay Now,", "Hundreds of dock workers"),
    # a lower-case sentence that opens the paragraph and runs on is still speech
    (['Mayor Ann Roe spoke about the pier on Monday.',
      '"We cannot wait" any longer for the state, Roe said.'],
     "We cannot wait", "Ann Roe"),
])
def test_real_short_quotes_stay_speech(paras, quoted, speaker):
    r = _row(quotes(*paras), quoted)
    assert r["kind"] in ("full", "partial")
    assert r["speaker"] == speaker
