"""Tests for kit/readers/fields.py: time zones in parse_when (ingest review, finding 1); split_text.

Expected UTC times are worked out by hand: local time minus the zone's offset.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from kit.readers.fields import looks_like_date, parse_when, split_text


@pytest.mark.parametrize("value, expected", [
    ("Mon 19 Jun 2023 08:00:00 +0800", "2023-06-19 00:00"),     # 08:00 - 8 h
    ("June 19, 2023 7:42 AM -0400", "2023-06-19 11:42"),         # 07:42 + 4 h
    ("June 19, 2023 7:42 AM -04:00", "2023-06-19 11:42"),
    ("19 June 2023 20:30 +0530", "2023-06-19 15:00"),            # 20:30 - 5 h 30
    ("June 19, 2023 8:00 GMT+8", "2023-06-19 00:00"),            # GMT+8 = eight hours ahead of UTC
    ("June 19, 2023 8:00 PM UTC-5", "2023-06-20 01:00"),         # 20:00 + 5 h
    ("June 19, 2023 8:00 GMT+05:30", "2023-06-19 02:30"),
    ("June 19, 2023 8:00 GMT", "2023-06-19 08:00"),
    ("June 19, 2023 3:15 AM EDT", "2023-06-19 07:15"),           # named zones still work
    ("18 June 2023 23:05 BST", "2023-06-18 22:05"),
    ("June 19, 2023 8:00 HKT", "2023-06-19 00:00"),
    ("June 19, 2023 8:00", "2023-06-19 08:00"),                  # no zone: UTC, as documented
])
def test_offsets_and_named_zones(value, expected):
    assert parse_when(value) == pd.Timestamp(expected, tz="UTC")


@pytest.mark.parametrize("value, zone, kind", [
    ("June 19, 2023 9:00 AM CST", "CST", "ambiguous"),   # US Central (UTC-6) or China (UTC+8)
    ("19 June 2023 14:00 IST", "IST", "ambiguous"),      # India, Israel or Ireland
    ("19 June 2023 14:00 MESZ", "MESZ", "unknown"),      # German summer time: not in the table
    ("19 June 2023 14:00 XYZ", "XYZ", "unknown"),
])
def test_ambiguous_and_unknown_zones_are_errors_not_utc(value, zone, kind):
    with pytest.raises(ValueError, match=rf"{kind} time zone '{zone}'"):
        parse_when(value)


def test_looks_like_date():
    assert looks_like_date("Updated June 19, 2023 7:42 AM EDT")
    assert looks_like_date("19 June 2023 23:05 MESZ")
    assert looks_like_date("2023-06-19")
    assert not looks_like_date("The Ledger")
    assert not looks_like_date("Published reports say the talks went well.")


# split_text: tidy text takes a shortcut (no split into words); every case below must give what the
# plain definition gives (paragraphs on blank lines, white space collapsed), worked out by hand.
@pytest.mark.parametrize("text, expected", [
    ("One two.\n\nThree “four”.", ["One two.", "Three “four”."]),              # tidy: the shortcut
    ("One two.", ["One two."]),
    ("One  two.\n\nThree.", ["One two.", "Three."]),                           # double space
    ("One.\n\n\nTwo.", ["One.", "Two."]),                                      # two blank lines
    ("One. \n\n Two.", ["One.", "Two."]),                                      # spaces at the break
    ("One.\n \t\u00a0\nTwo.", ["One.", "Two."]),                               # blank line of spaces
    ("One\nwrapped.\n\nTwo.", ["One wrapped.", "Two."]),                       # single line break
    ("One.\nTwo.", ["One.", "Two."]),                                          # no blank line: lines
    ("One\u00a0two.\n\nThree\u3000four\u2028five.", ["One two.", "Three four five."]),  # Unicode spaces
    ("One\ttwo.\r\n\r\nThree.\rFour.", ["One two.", "Three. Four."]),
    ("\n\n  One.\n\n", ["One."]),
    ("One.\n\n\u200b\n\nTwo.", ["One.", "\u200b", "Two."]),  # a zero-width space is not white space
    (" \n\t\n", []),
])
def test_split_text_tidy_and_untidy(text, expected):
    assert split_text(text) == expected
    reference = re.split(r"\n[ \t\u00a0]*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip())
    if len(reference) == 1:
        reference = reference[0].split("\n")
    assert split_text(text) == [" ".join(p.split()) for p in reference if p.strip()]


def test_split_text_without_line_breaks_joins_lines():
    assert split_text("One\nwrapped.", line_breaks=False) == ["One wrapped."]
    assert split_text("One.\n\nTwo.", line_breaks=False) == ["One.", "Two."]


@pytest.mark.parametrize("text, want", [
    ("One.\r\n\r\nTwo\r\nwrapped.\r\n", ["One.", "Two wrapped."]),   # Windows line ends
    ("One.\r\rTwo.", ["One.", "Two."]),                                # old Mac line ends
    ("One.\n\nTwo.", ["One.", "Two."]),                                # no carriage return: the tidy path
    ("One.\r\n\nTwo.", ["One.", "Two."]),
])
def test_split_text_carriage_returns(text, want):
    from kit.readers.fields import split_text

    assert split_text(text) == want
