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
