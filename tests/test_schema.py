"""Tests for kit/schema.py: the text folding behind article ids and content hashes.

ASCII text takes a shortcut (C-speed replaces instead of splitting into words); both paths must give
what the plain definition gives. Expected values are worked out by hand.
"""
from __future__ import annotations

import hashlib

import pytest

from kit.schema import content_hash, normalise_for_hash


@pytest.mark.parametrize("text, expected", [
    ("Talks Resume", "talks resume"),
    ("  Talks \t\n\n resume\x0b\x0c\r\x1c\x1d\x1e\x1fnow  ", "talks resume now"),  # every ASCII space
    ("a" + " " * 1001 + "b" + " " * 2 + "c" + " " * 3 + "d", "a b c d"),           # odd and even runs
    ("\n\n\n", ""),
    ("", ""),
    ("China’s “Big”\u00a0day—again", "china's \"big\" day-again"),                 # folded to ASCII first
    ("Café\u2028Ünion\u3000Talks", "café ünion talks"),                             # non-ASCII path
    ("ﬁnal\u2003round", "final round"),                                               # NFKC: ligature, em space
    ("a\x85b", "a b"),                                                                # NEL is white space
    ("a\u200bb", "a\u200bb"),                                                         # zero-width space is not
])
def test_normalise_for_hash(text, expected):
    assert normalise_for_hash(text) == expected


def test_content_hash_ignores_white_space_case_and_quote_style():
    want = hashlib.sha1(b"china's \"big\" day").hexdigest()
    assert content_hash("China’s  “big”\nday") == want
    assert content_hash("CHINA'S \"BIG\"\t\tDAY\n") == want


def _plain_definition(text: str) -> str:
    """normalise_for_hash written as its definition: NFKC, quotes and dashes folded, lower case,
    white space runs as one space."""
    import unicodedata

    from kit.schema import _FOLD_MAP

    text = unicodedata.normalize("NFKC", text)
    for char, ascii in _FOLD_MAP.items():
        text = text.replace(char, ascii)
    return " ".join(text.lower().split())


_HASH_ALPHABET = ["a", "Z", "é", "Ü", "中", " ", "  ", "\n", "\n\n", "\n\n\n", "\t", "\r", "\x0b", "\x1c", "\x85",
                  "\u00a0", "\u2003", "\u2028", "\u3000", "\u200b", "\u00ad", "’", "“", "—", "\u00a8", "\u00b4",
                  "ﬁ", "\u0301", ".", "İ", "ß"]


def test_normalise_for_hash_fast_paths_give_the_plain_definition():
    # the paragraph-break replace, the printable non-ASCII shortcut and the ASCII replaces against
    # the definition, on text that mixes every kind of white space, folded and NFKC characters
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=500, deadline=None)
    @given(st.one_of(st.lists(st.sampled_from(_HASH_ALPHABET), max_size=25).map("".join), st.text(max_size=30)))
    def check(text):
        assert normalise_for_hash.__wrapped__(text) == _plain_definition(text)

    check()


def test_make_doc_id_reads_every_form_of_a_date_alike():
    import datetime

    import pandas as pd

    from kit.schema import make_doc_id

    want = make_doc_id("Wire", "Talks", "2023-06-18T22:00:00+00:00", "Body.")
    for when in (pd.Timestamp("2023-06-18 22:00", tz="UTC"), pd.Timestamp("2023-06-19 07:00", tz="Asia/Tokyo"),
                 pd.Timestamp("2023-06-18 22:00"), "2023-06-18 22:00",
                 datetime.datetime(2023, 6, 18, 22, tzinfo=datetime.timezone.utc)):
        assert make_doc_id("Wire", "Talks", when, "Body.") == want, when
    assert make_doc_id("Wire", "Talks", None, "Body.") == make_doc_id("Wire", "Talks", pd.NaT, "Body.") != want
