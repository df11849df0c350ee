"""Property-based fuzz test of every reader (issue 15): random bytes, truncations and mutations of
our fixtures, read the way ``kit ingest`` reads them.

Invariants: no exception escapes; files seen = read + rejected; every file written is seen;
every rejection names its file and a reason. ``make fuzz`` runs the long campaign
(``tools/fuzz.py``, 10,000 inputs) with the same checks.
"""
from __future__ import annotations

import os
import sys
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import fuzz  # noqa: E402 (tools/ is put on the path just above)

pytestmark = pytest.mark.slow

FIXTURES = fuzz.fixtures()
READERS = ("csv", "factiva", "html", "jsonl", "lexisnexis", "webcopy")


@st.composite
def inputs(draw):
    """(file name, bytes): a fixture cut, flipped, spliced, or plain random bytes."""
    if draw(st.integers(0, 9)) == 0:
        return "random" + draw(st.sampled_from(fuzz.EXTENSIONS)), draw(st.binary(max_size=2048))
    name, data = draw(st.sampled_from(FIXTURES))
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "nasty"]))
        i = draw(st.integers(0, len(data)))
        if op == "truncate":
            del data[i:]
        elif op == "flip" and data:
            data[min(i, len(data) - 1)] = draw(st.integers(0, 255))
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=32))
        elif op == "delete":
            del data[i:i + draw(st.integers(1, 200))]
        else:
            data[i:i] = draw(st.sampled_from(fuzz.NASTY))
    if draw(st.booleans()) and draw(st.integers(0, 4)) == 0:
        name = os.path.splitext(name)[0] + draw(st.sampled_from(fuzz.EXTENSIONS))
    return name, bytes(data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(inputs(), min_size=1, max_size=4))
def test_every_reader_survives_mutated_input(files):
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        folder = Path(tmp)
        for k, (name, data) in enumerate(files):
            (folder / f"{k}_{name}").write_bytes(data)
        assert fuzz.check_batch(folder, len(files)) == []


@pytest.mark.parametrize("reader", READERS)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000) | inputs().map(lambda t: t[1]))
def test_each_reader_forced_on_any_bytes_rejects_cleanly(reader, data):
    from kit.readers import read_one
    from kit.schema import Article

    for fmt, rec in read_one(data, "fuzzed.input", format=reader):
        if not isinstance(rec, Article):
            assert rec.source_path == "fuzzed.input" and rec.reason.strip()


def test_the_fuzzer_finds_an_escaped_exception(monkeypatch, tmp_path):
    """The check can fail: a reader that raises out of the batch is caught and reported."""
    import kit.corpus

    def broken(*a, **k):
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(kit.corpus, "build_corpus", broken)
    (tmp_path / "a.txt").write_text("Headline\n\nBody.")
    with pytest.raises(UnicodeEncodeError):
        fuzz.check_batch(tmp_path, 1)
