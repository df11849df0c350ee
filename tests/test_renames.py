"""Renamed functions and keywords (issue 9): the old spellings warn, still work for one release,
and every rename is listed in docs/renames.md."""
import re
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTS = pd.DataFrame({"doc_id": ["a"], "text": ["Whitcombe met Dana Fry. Then Dana Fry spoke, and Dana Fry left."]})


def _same_dictionary(a, b):
    pd.testing.assert_frame_equal(a.entries, b.entries)
    assert a.categories == b.categories and a.name == b.name


def test_old_dictionary_loaders_warn_and_return_what_load_dictionary_does():
    import kit.dictionaries as old
    from kit.frames import load_dictionary

    with pytest.warns(DeprecationWarning, match=r"read_dictionary is deprecated; use kit.frames.load_dictionary"):
        _same_dictionary(old.read_dictionary("tests/fixtures/frames/mini.lc3"),
                         load_dictionary("tests/fixtures/frames/mini.lc3"))
    with pytest.warns(DeprecationWarning, match="bundled_dictionary is deprecated"):
        _same_dictionary(old.bundled_dictionary("us_china_issues"), load_dictionary("us_china_issues"))
    with pytest.warns(DeprecationWarning, match="make_dictionary is deprecated"):
        _same_dictionary(old.make_dictionary({"c": ["talks"]}, name="x"), load_dictionary({"c": ["talks"]}, name="x"))


def test_kit_dictionaries_stays_importable_as_a_thin_module():
    import kit.dictionaries
    import kit.frames
    import kit.groups

    assert kit.dictionaries.frame_scores is kit.frames.frame_scores
    assert kit.dictionaries.group_column is kit.groups.group_column
    assert kit.dictionaries.load_dictionary is kit.frames.load_dictionary


def test_stopwords_function_renamed_stopword_set():
    from kit.text import stopword_set, stopwords

    with pytest.warns(DeprecationWarning, match=r"kit.text.stopwords\(\) is deprecated; use kit.text.stopword_set\(\)"):
        assert stopwords("kit") == stopword_set("kit")


def test_ngrams_size_keyword():
    from kit.text import ngrams

    with pytest.warns(DeprecationWarning, match=r"ngrams\(n=...\) is deprecated; use ngrams\(size=...\)"):
        assert ngrams(["a", "b", "c"], n=2) == ngrams(["a", "b", "c"], size=2) == ["a b", "b c"]
    with pytest.raises(TypeError, match="both n="):
        ngrams(["a"], n=1, size=1)


def test_quotes_read_actors_is_the_actors_loader():
    from kit.actors import load_actors
    from kit.quotes import read_actors

    with pytest.warns(DeprecationWarning, match=r"read_actors\(\) is deprecated; use kit.actors.load_actors\(\)"):
        pd.testing.assert_frame_equal(read_actors("us_china_2023"), load_actors())
    with pytest.warns(DeprecationWarning):
        assert read_actors(None).empty


def test_uncovered_names_n_is_rows():
    from kit.actors import actors_from_records, uncovered_names

    acts = actors_from_records([{"name": "Eleanor Whitcombe", "aliases": ["Whitcombe"], "type": "official"}])
    with pytest.warns(DeprecationWarning, match=r"uncovered_names\(top=...\)"):
        old = uncovered_names(ARTS, acts, top=1)
    pd.testing.assert_frame_equal(old, uncovered_names(ARTS, acts, n=1))
    assert old[["name", "n"]].values.tolist() == [["Dana Fry", 3]]


def test_every_rename_is_listed_in_docs_renames():
    text = (ROOT / "docs" / "renames.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|", text, re.M)
    listed = {old for old, _ in rows}
    for old in ["kit.dictionaries.read_dictionary", "kit.dictionaries.bundled_dictionary",
                "kit.dictionaries.make_dictionary", "kit.quotes.read_actors", "kit.text.stopwords",
                "kit.text.ngrams(n=)", "kit.actors.uncovered_names(top=)", "kit.overview.outlet_summary(group=)",
                "kit.overview.coverage_over_time(group=)", "kit.overview.coverage_over_time(freq=)",
                "kit.dictionaries", "kit.frames_eval.default_gold_dir", "data/dictionaries/", "data/actors/"]:
        assert old in listed, f"{old} missing from docs/renames.md"
