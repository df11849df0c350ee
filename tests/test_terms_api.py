"""The shape of kit.terms after the split: one run owns its state, one vocabulary for grouping and
tokenizer options, old keywords still working with a warning, keyness document frequencies."""
from __future__ import annotations

import gc
import subprocess
import sys
import warnings
import weakref

import pandas as pd
import pytest

import kit.terms
import kit.terms.counts as engine
from kit.errors import KitError
from kit.terms import (
    collocations,
    count_stream,
    count_terms,
    document_term_matrix,
    frequencies,
    keyness,
    largest_group,
    log_odds,
    phrases,
)
from kit.text import TokenOptions, tokenize


def arts(texts, outlets=None, published=None):
    df = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})
    if outlets is not None:
        df["outlet"] = list(outlets)
    if published is not None:
        df["published"] = pd.to_datetime(published, utc=True)
    return df


# ----------------------------------------------------------------------------- state of a run


def _live_tables():
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, engine._PieceTable)]


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_nothing_of_a_run_stays_alive_after_it(n_jobs):
    texts = [f"Trade talks {i} resumed in Geneva, officials said." for i in range(400)]
    a = arts(texts)
    ref = weakref.ref(a)
    m = document_term_matrix(a, n_jobs=n_jobs, chunk_chars=2_000)
    assert m.matrix.sum() > 0
    del a
    gc.collect()
    assert ref() is None, "the articles table is kept alive by the counting engine"
    assert engine._FORKED_TEXTS is None
    assert engine._WORKER_TABLE == []  # only worker processes hold a table, and they are gone
    assert _live_tables() == []
    # no module-level name of the engine holds a piece table or a sparse matrix
    for name, value in vars(engine).items():
        assert not isinstance(value, (engine._PieceTable, engine._TermMapper)), name


def test_the_matrix_returned_does_not_hold_the_run():
    m = count_stream(iter(["Trade talks.", "Trade deal."]), stopwords="kit", n_jobs=1)
    run_refs = [r for r in gc.get_referents(m) if isinstance(r, engine._CountingRun)]
    assert run_refs == []
    assert _live_tables() == []


def test_two_runs_do_not_share_a_vocabulary():
    # a run with other options right after must not reuse the first run's piece table
    a = arts(["The trade talks", "the TALKS"])
    m1 = document_term_matrix(a, stopwords=None)
    m2 = document_term_matrix(a, stopwords="kit", min_length=6)
    assert list(m1.terms) == ["talks", "the", "trade"]
    assert list(m2.terms) == []


# ----------------------------------------------------------------------------- one vocabulary


def test_tokens_option_object_equals_the_keywords():
    a = arts(["High-stakes trade talks with the U.S. resumed", "China's trade-war talks"], outlets=["X", "Y"])
    opts = TokenOptions.make(stopwords="kit", split_hyphens=True, min_length=3)
    by_kw = count_terms(a, stopwords="kit", split_hyphens=True, min_length=3)
    pd.testing.assert_frame_equal(count_terms(a, tokens=opts), by_kw)
    # hand-worked: split hyphens, kit stopwords out, terms of 3+ characters
    assert sorted(set(by_kw["term"])) == ["china", "high", "resumed", "stakes", "talks", "trade", "war"]
    m = document_term_matrix(a, tokens=opts)
    assert m.to_counts().equals(by_kw)
    s = count_stream(iter(a["text"]), tokens=opts, n_jobs=1)
    assert sorted(s.terms) == sorted(set(by_kw["term"]))
    assert collocations(a, tokens=opts, min_count=1).equals(collocations(a, stopwords="kit", split_hyphens=True,
                                                                        min_length=3, min_count=1))
    assert phrases(a, tokens=opts, min_count=1).equals(phrases(a, stopwords="kit", split_hyphens=True, min_length=3,
                                                               min_count=1))


def test_tokens_and_a_differing_keyword_together_is_an_error():
    a = arts(["trade talks"])
    with pytest.raises(KitError, match="stem=True was passed too"):
        count_terms(a, tokens=TokenOptions.make(), stem=True)
    with pytest.raises(KitError, match="TokenOptions"):
        count_terms(a, tokens={"stem": True})
    with pytest.raises(KitError, match="merge_us=False was passed too"):
        kit.terms.kwic(a, "trade", tokens=TokenOptions.make(), merge_us=False)


def test_kwic_takes_merge_us_from_tokens():
    a = arts(["The U.S. and the USA"])
    merged = kit.terms.kwic(a, "US", tokens=TokenOptions.make(merge_us=True))
    apart = kit.terms.kwic(a, "US", tokens=TokenOptions.make(merge_us=False))
    assert merged["keyword"].tolist() == ["U.S.", "USA"]
    assert apart["keyword"].tolist() == []


def test_group_by_takes_a_column_or_a_period():
    a = arts(["trade talks", "trade", "talks talks"], outlets=["X", "Y", "X"],
             published=["2024-01-05", "2024-01-20", "2024-03-02"])
    by_month = count_terms(a, group_by="month", stopwords=None)
    assert by_month.columns.tolist() == ["month", "doc_id", "term", "n"]
    assert by_month["month"].tolist() == ["2024-01", "2024-01", "2024-01", "2024-03"]
    f = frequencies(by_month, group_by="month")
    # hand-worked: January has trade 2, talks 1 (3 tokens); March talks 2
    assert f.values.tolist() == [["2024-01", "trade", 2, 2 / 3, 2 / 3 * 1e6, 2],
                                 ["2024-01", "talks", 1, 1 / 3, 1 / 3 * 1e6, 1],
                                 ["2024-03", "talks", 2, 1.0, 1e6, 1]]
    both = count_terms(a, group_by=["outlet", "year"], stopwords=None)
    assert both.columns.tolist()[:2] == ["outlet", "year"]
    assert set(both["year"]) == {"2024"}
    with pytest.raises(KitError, match="unknown group_by 'fortnight'.*month"):
        count_terms(a, group_by="fortnight")


@pytest.mark.parametrize("call, old, new", [
    (lambda c, a, **k: count_terms(a, **k), {"by": "outlet"}, {"group_by": "outlet"}),
    (lambda c, a, **k: frequencies(c, **k), {"group": "outlet"}, {"group_by": "outlet"}),
    (lambda c, a, **k: keyness(c, target="X", **k), {"group": "outlet"}, {"group_by": "outlet"}),
    (lambda c, a, **k: log_odds(c, **k), {"group": "outlet"}, {"group_by": "outlet"}),
    (lambda c, a, **k: largest_group(c, **k), {"group": "outlet"}, {"group_by": "outlet"}),
    (lambda c, a, **k: collocations(a, min_count=1, **k), {"n": 3}, {"ngrams": 3}),
    (lambda c, a, **k: phrases(a, min_count=1, **k), {"n": 2}, {"ngrams": 2}),
])
def test_old_keywords_work_with_a_deprecation_warning(call, old, new):
    a = arts(["big trade war talks", "big trade war now", "trade war"], outlets=["X", "Y", "X"])
    c = count_terms(a, group_by="outlet", stopwords=None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        expected = call(c, a, **new)  # the new name warns about nothing
    with pytest.warns(DeprecationWarning, match=f"{list(old)[0]}=.*{list(new)[0]}="):
        got = call(c, a, **old)
    if isinstance(expected, pd.DataFrame):
        pd.testing.assert_frame_equal(got, expected)
    else:
        assert got == expected
    with pytest.raises(TypeError, match="both"):
        call(c, a, **old, **new)


# ----------------------------------------------------------------------------- keyness: documents


def test_keyness_document_frequencies_hand_worked():
    # target A: a1 says "smith" 6 times and "trade" once; a2 says "trade" twice.
    # reference B: b1 "trade" 3 times, b2 "smith" once.
    counts = pd.DataFrame({
        "outlet": ["A", "A", "A", "B", "B"],
        "doc_id": ["a1", "a1", "a2", "b1", "b2"],
        "term": ["smith", "trade", "trade", "trade", "smith"],
        "n": [6, 1, 2, 3, 1],
    })
    k = keyness(counts, group_by="outlet", target="A").set_index("term")
    assert k.loc["smith", ["n_target", "n_reference", "docs_target", "docs_reference"]].tolist() == [6, 1, 1, 1]
    assert k.loc["trade", ["n_target", "n_reference", "docs_target", "docs_reference"]].tolist() == [3, 3, 2, 1]
    # min_docs counts documents of both sides together: smith is in 2 documents, trade in 3
    assert keyness(counts, group_by="outlet", target="A", min_docs=3)["term"].tolist() == ["trade"]
    # the filter leaves the corpus sizes alone: trade's G2 is that of a=3, b=3, c=9, d=4:
    # E1 = 9*6/13 = 4.1538, E2 = 4*6/13 = 1.8462, G2 = 2 (3 ln(3/E1) + 3 ln(3/E2)) = 0.9605,
    # negative because 3/9 < 3/4
    g2 = 0.960512
    got = keyness(counts, group_by="outlet", target="A", min_docs=3).set_index("term").loc["trade", "g2"]
    assert got == pytest.approx(-g2, abs=1e-6)


def test_keyness_min_docs_needs_documents():
    counts = pd.DataFrame({"outlet": ["A", "B"], "term": ["x", "x"], "n": [1, 2]})
    k = keyness(counts, group_by="outlet", target="A")
    assert k["docs_target"].isna().all()
    with pytest.raises(KitError, match="min_docs needs a 'doc_id' column"):
        keyness(counts, group_by="outlet", target="A", min_docs=2)
    with pytest.raises(KitError, match="min_docs must be a non-negative integer"):
        keyness(counts, group_by="outlet", target="A", min_docs=-1)


def test_separators_and_times_of_day_are_never_keywords():
    texts = ["Talks began at 9 a.m. ___ Talks ended at 5 p.m.", "___\n____\nTrade talks at 10 A.M.",
             "A quiet day in the markets."]
    a = arts(texts, outlets=["X", "X", "Y"])
    assert [t.term for t in tokenize("at 9 a.m. ___ ____", stopwords=None)] == ["at", "9", "a.m."]
    counts = count_terms(a, group_by="outlet", stopwords=None)
    assert not counts["term"].str.fullmatch("_+").any()
    k = keyness(counts, group_by="outlet", target="X")
    assert not set(k["term"]) & {"a.m.", "p.m.", "___", "____"}
    lo = log_odds(counts, group_by="outlet")
    assert not set(lo["term"]) & {"a.m.", "p.m."}
    # times still count in the corpus sizes: X has 15 tokens (Talks began at 9 a.m. Talks ended at 5
    # p.m. | Trade talks at 10 A.M.), 3 of them "talks"
    talks = k.set_index("term").loc["talks"]
    assert talks["n_target"] == 3
    assert talks["per_million_target"] == pytest.approx(3 / 15 * 1e6)


# ----------------------------------------------------------------------------- lazy import


def test_import_kit_loads_no_heavy_library():
    code = ("import sys, kit; heavy = [m for m in ('pandas', 'matplotlib', 'nltk', 'scipy', 'numpy', 'papermill') "
            "if m in sys.modules]; print(','.join(heavy)); kit.count_terms; print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "", f"import kit loaded {out[0]}"
    assert out[1] == "True"  # the first use of a name loads its module


def test_the_public_api_is_in_all_and_resolves():
    import kit

    for name in kit.__all__:
        assert getattr(kit, name) is not None, name
    assert set(kit.__all__) <= set(dir(kit))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        getattr(kit, "nope")
