"""Tests of kit.terms against hand-worked numbers and independent computations (scipy, the
Monroe et al. formulas written out here, NLTK-free PMI by hand), plus property tests."""
from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from kit.errors import KitError
from kit.terms import (
    collocations,
    count_stream,
    count_terms,
    dispersion,
    document_term_matrix,
    format_kwic,
    frequencies,
    kwic,
    log_odds,
    phrases,
    tf_idf,
    trim,
)
from kit.terms import keyness as keyness_fn
from kit.text import tokenize

NEWSY_PIECES = (list("aZé9 .,’'-/@#:%\n“”") + ["Xi’s", "It’s", "high-stakes", "WHO-led", "U.S.", "US", "us", "http://x.io/a.", "7 1/2", "China’s ", "the ", "WHO ",
                                                "China-U.S.", "\u00a0", "\t", "e.g.", "x@y.org", "1,000", "\uffff", " 3/4",
                                                "www.", "http://", "…", "(", "—", "*", "%", "$", "12", "3.5", "1/2",
                                                "CHINA'S ", "WHO’s", "THE ", "IT'S", "j.smith@state.gov", "e.coli", "2019 1/3",
                                                "12 3/16", "#MeToo’s", "@nyt's", "U.S.A.", "USA", "–", "___", "_", "x_y"])
NEWSY = st.lists(st.sampled_from(NEWSY_PIECES), max_size=50).map("".join)


def arts(texts, outlets=None):
    df = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})
    if outlets is not None:
        df["outlet"] = list(outlets)
    return df


def reference_counts(texts, **kw):
    """Counts of the slow, obviously-correct path: Counter over kit.text.tokenize."""
    out = {}
    for i, t in enumerate(texts):
        for term, n in Counter(tok.term for tok in tokenize(t, **kw)).items():
            out[(f"d{i}", term)] = n
    return out


def as_dict(counts):
    return {(d, t): n for d, t, n in counts[["doc_id", "term", "n"]].itertuples(index=False)}


# ----------------------------------------------------------------------------- counts


def test_count_terms_by_hand():
    a = arts(["The U.S. and China’s trade, China's aims", "US trade, trade"], ["X", "Y"])
    c = count_terms(a, group_by="outlet", stopwords="kit")
    assert c.columns.tolist() == ["outlet", "doc_id", "term", "n"]
    assert c.values.tolist() == [["X", "d0", "US", 1], ["X", "d0", "aims", 1], ["X", "d0", "china", 2], ["X", "d0", "trade", 1],
                                 ["Y", "d1", "US", 1], ["Y", "d1", "trade", 2]]


@settings(max_examples=300, deadline=None)
@given(st.lists(NEWSY, min_size=1, max_size=6), st.sampled_from([None, "kit"]), st.booleans(), st.integers(1, 3))
@pytest.mark.slow
def test_fast_counting_path_equals_tokenize(texts, sw, split, minlen):
    kw = dict(stopwords=sw, split_hyphens=split, min_length=minlen)
    got = as_dict(count_terms(arts(texts), **kw))
    assert got == reference_counts(texts, **kw)


def test_fast_path_equals_tokenize_with_stemming_and_without_us_merge():
    texts = ["Running talks on tariffs; U.S. and US envoys’ meetings", "China-U.S. talks, 7 1/2 hours"]
    for kw in (dict(stem=True, stopwords="kit"), dict(merge_us=False, stopwords=None)):
        assert as_dict(count_terms(arts(texts), **kw)) == reference_counts(texts, **kw)


def test_arrow_splits_where_str_split_does_for_every_code_point():
    """The counting engine splits a chunk's texts with Arrow's utf8_split_whitespace: it must cut
    exactly where str.split cuts, for every code point (a leading or trailing run gives an empty
    piece, which the engine drops)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cps = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    pieces = pc.utf8_split_whitespace(pa.array([f"a{chr(c)}{chr(c)}b" for c in cps])).to_pylist()
    differs = [hex(c) for c, got in zip(cps, pieces) if got != f"a{chr(c)}{chr(c)}b".split()]
    assert differs == []
    assert pc.utf8_split_whitespace(pa.array([" a\u3000b\n"])).to_pylist() == [["", "a", "b", ""]]
    # the faster ASCII split is used when no text holds another character str.split cuts at
    from kit.terms.counts import _NOT_ASCII_SPACE

    other = pc.match_substring_regex(pa.array([chr(c) for c in cps]), _NOT_ASCII_SPACE).to_pylist()
    assert [hex(c) for c, o in zip(cps, other) if o != (chr(c).isspace() and chr(c) not in " \t\n\v\f\r")] == []
    ascii_pieces = pc.ascii_split_whitespace(pa.array([f"a{chr(c)}{chr(c)}b" for c in cps])).to_pylist()
    assert [hex(c) for c, got, o in zip(cps, ascii_pieces, other) if not o and got != f"a{chr(c)}{chr(c)}b".split()] == []


ARROW_CHUNKS = st.lists(NEWSY | st.sampled_from(["", "  lead", "trail\u2003 ", "\u00a0", "7 1/2 and 12 3/16 cups"]),
                        min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(ARROW_CHUNKS, st.booleans())
def test_arrow_piece_counts_equal_the_python_ones(texts, split):
    """The Arrow path of the counting engine and the piece-by-piece Python path give the same matrix
    (a chunk with the join character or a lone surrogate takes the Python path whole)."""
    from kit.terms import counts as engine
    from kit.text import TokenOptions

    opts = TokenOptions.make(stopwords="kit", split_hyphens=split)
    got = []
    for fn in (engine._piece_counts, engine._piece_counts_python):
        table = engine._PieceTable(opts, "test")
        indptr, indices, data = fn(texts, table)
        engine._map_new_pieces(table, len(table.pieces))
        from scipy import sparse

        x = sparse.csr_matrix((data, indices, indptr), shape=(len(texts), len(table.pieces))) @ table.p2t
        terms = np.array(list(table.term_ids), dtype=object)
        got.append({(i, terms[j]): n for i, j, n in zip(*sparse.find(x))})
    assert got[0] == got[1]


def test_arrow_path_falls_back_for_what_arrow_cannot_take(monkeypatch):
    from scipy import sparse

    from kit.terms import counts as engine

    calls = []
    real = engine._piece_counts_python
    monkeypatch.setattr(engine, "_piece_counts_python", lambda t, s: calls.append(len(t)) or real(t, s))
    texts = ["talks \ud800 resume", "tariff talks", "odd \uffff join", "7 1/2 hours"]
    for chunk in (texts[:2], texts[2:], texts[1:2] + texts[3:]):
        m = count_stream(iter(chunk), stopwords="kit", n_jobs=1)
        got = {(f"d{d}", m.terms[j]): n for d, j, n in zip(*sparse.find(m.matrix))}
        assert got == reference_counts(chunk, stopwords="kit")
    assert calls == [2, 2]  # the surrogate and the join character; fractions stay on the Arrow path


def test_terms_without_utf8_are_merged_and_sorted_by_python(monkeypatch):
    """A term holding a lone surrogate (inside a URL) cannot be an Arrow string: the vocabulary is
    then merged and sorted by code point in Python, with the same matrix as a token-by-token count."""
    from scipy import sparse

    from kit.terms import counts as engine

    used = []
    real = engine._TermMapper._vocabulary_python
    monkeypatch.setattr(engine._TermMapper, "_vocabulary_python", lambda self, k: used.append(1) or real(self, k))
    texts = ["see http://x.io/a\ud800b now", "now then Zeta zeta", "éclair and Éclair, now"]
    m = count_stream(iter(texts), stopwords=None, n_jobs=1, chunk_chars=10)
    assert used and list(m.terms) == sorted(m.terms) and "http://x.io/a\ud800b" in set(m.terms)
    got = {(f"d{d}", m.terms[j]): n for d, j, n in zip(*sparse.find(m.matrix))}
    assert got == reference_counts(texts, stopwords=None)
    plain = count_stream(iter(texts[1:]), stopwords=None, n_jobs=1, chunk_chars=10)
    assert not used[1:] and list(plain.terms) == sorted(plain.terms)


def test_counts_add_up_to_the_number_of_tokens():
    texts = ["China’s envoy met U.S. officials. The talks, 7 1/2 hours, went on.", "", "WHO: high-stakes talks"]
    c = count_terms(arts(texts), stopwords=None)
    for i, t in enumerate(texts):
        assert c.loc[c["doc_id"] == f"d{i}", "n"].sum() == len(tokenize(t))


def test_parallel_chunks_and_streaming_give_the_same_matrix(tmp_path):
    rng = np.random.default_rng(3)
    words = ["tariff", "talks", "China’s", "U.S.", "7 1/2", "high-stakes", "the", "said", "Beijing,", "WHO"]
    texts = [" ".join(rng.choice(words, size=rng.integers(5, 40))) for _ in range(300)]
    a = arts(texts)
    one = document_term_matrix(a, n_jobs=1)
    many = document_term_matrix(a, n_jobs=2, chunk_chars=2_000)
    assert list(one.terms) == list(many.terms)
    assert (one.matrix != many.matrix).nnz == 0
    path = tmp_path / "corpus.txt"
    path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    streamed = count_stream(str(path), n_jobs=2, chunk_chars=3_000)
    assert list(streamed.terms) == list(one.terms)
    assert (streamed.matrix != one.matrix).nnz == 0
    it = count_stream(iter(texts), n_jobs=1, chunk_chars=1_000)
    assert (it.matrix != one.matrix).nnz == 0
    for m in (one, many, streamed, it):  # one entry per document and term, columns in order in each row
        rows = np.repeat(np.arange(m.matrix.shape[0]), np.diff(m.matrix.indptr))
        assert (np.diff(m.matrix.indices)[np.diff(rows) == 0] > 0).all()
    tot = one.term_totals()
    assert tot["tariff"] == sum(t.split().count("tariff") for t in texts)


def test_row_order_changes_nothing():
    texts = ["tariff talks tariff", "talks resume", "US tariff"]
    a = arts(texts, ["A", "B", "A"])
    c1 = count_terms(a, group_by="outlet")
    c2 = count_terms(a.iloc[::-1], group_by="outlet")
    key = ["doc_id", "term"]
    pd.testing.assert_frame_equal(c1.sort_values(key).reset_index(drop=True), c2.sort_values(key).reset_index(drop=True))


def test_count_terms_checks_its_input():
    with pytest.raises(KitError, match="outlet"):
        count_terms(arts(["a"]), group_by="outlet")
    with pytest.raises(KitError, match="duplicated"):
        count_terms(pd.DataFrame({"doc_id": ["a", "a"], "text": ["x", "y"]}))
    with pytest.raises(KitError):
        document_term_matrix(arts(["a"]), n_jobs=0)


def test_ngram_counts():
    c = count_terms(arts(["the trade war and the trade war talks"]), stopwords="kit", ngrams=2)
    assert dict(zip(c["term"], c["n"])) == {"trade war": 2, "war talks": 1}


# ----------------------------------------------------------------------------- frequencies, trim, tf-idf


COUNTS = pd.DataFrame({"outlet": ["A", "A", "A", "B", "B"], "doc_id": ["a1", "a1", "a2", "b1", "b1"],
                       "term": ["trade", "war", "trade", "trade", "talks"], "n": [3, 1, 1, 2, 6]})


def test_frequencies_by_hand():
    f = frequencies(COUNTS, group_by="outlet")
    assert f.columns.tolist() == ["outlet", "term", "n", "freq", "per_million", "doc_freq"]
    rows = {(r.outlet, r.term): r for r in f.itertuples()}
    assert rows[("A", "trade")].n == 4 and rows[("A", "trade")].freq == pytest.approx(4 / 5)
    assert rows[("A", "trade")].doc_freq == 2
    assert rows[("B", "talks")].per_million == pytest.approx(6 / 8 * 1e6)
    overall = frequencies(COUNTS)
    assert overall["term"].tolist() == ["talks", "trade", "war"]
    assert overall["n"].tolist() == [6, 6, 1]


def test_trim_by_count_and_documents():
    assert set(trim(COUNTS, min_count=5)["term"]) == {"trade", "talks"}
    assert set(trim(COUNTS, min_docs=2)["term"]) == {"trade"}
    assert set(trim(COUNTS, max_doc_share=0.5)["term"]) == {"war", "talks"}
    with pytest.raises(KitError):
        trim(COUNTS, max_doc_share=0)


def test_tf_idf_by_hand():
    out = tf_idf(COUNTS)
    r = out[(out["doc_id"] == "a1") & (out["term"] == "war")].iloc[0]
    assert r["tf"] == pytest.approx(1 / 4)
    assert r["idf"] == pytest.approx(math.log(3 / 1))
    assert r["tf_idf"] == pytest.approx(0.25 * math.log(3))
    t = out[(out["doc_id"] == "b1") & (out["term"] == "trade")].iloc[0]
    assert t["tf_idf"] == pytest.approx(2 / 8 * math.log(3 / 3))
    assert "tf" not in COUNTS.columns  # input untouched


# ----------------------------------------------------------------------------- keyness


def two_groups(a, b, c, d, term="x"):
    """Counts where ``term`` has a of c tokens in A and b of d tokens in B."""
    return pd.DataFrame({"outlet": ["A", "A", "B", "B"], "term": [term, "other", term, "other"], "n": [a, c - a, b, d - b]})


def test_g2_hand_worked_example():
    # a=30 of c=100, b=10 of d=100: E1 = E2 = 20; G2 = 2 (30 ln 1.5 + 10 ln 0.5) = 2 (12.1640 - 6.9315) = 10.4650
    k = keyness_fn(two_groups(30, 10, 100, 100), group_by="outlet", target="A")
    r = k.set_index("term").loc["x"]
    assert r["g2"] == pytest.approx(2 * (30 * math.log(1.5) + 10 * math.log(0.5)))
    assert r["g2"] == pytest.approx(10.4650, abs=1e-4)
    assert r["log_ratio"] == pytest.approx(math.log2(3))
    assert r["per_million_target"] == pytest.approx(300_000)
    assert r["direction"] == "target"
    assert r["p_value"] == pytest.approx(stats.chi2.sf(10.4650, 1), rel=1e-4)


@pytest.mark.parametrize("a, b, c, d, published", [
    # Lancaster log-likelihood wizard teaching example: 52 in 50,000 tokens against 57 in 75,000 -> "+ 2.65"
    (52, 57, 50_000, 75_000, 2.65),
    # Rayson (Corpora list, 18 Jan 2002), learner vs native corpora of a million words each (rounded to 0 d.p.):
    (392, 170, 1_000_000, 1_000_000, 90),   # lemma KEEP: LL = 90
    (348, 99, 1_000_000, 1_000_000, 147),   # keep: 147
    (15, 14, 1_000_000, 1_000_000, 0),      # keeps: 0
    (9, 32, 1_000_000, 1_000_000, -14),     # keeping: 14, underused by learners
])
def test_g2_published_worked_examples(a, b, c, d, published):
    k = keyness_fn(two_groups(a, b, c, d), group_by="outlet", target="A").set_index("term").loc["x"]
    decimals = 2 if isinstance(published, float) else 0
    assert round(k["g2"], decimals) == published


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 500), st.integers(0, 500), st.integers(1, 5000), st.integers(1, 5000))
def test_g2_and_chi2_match_scipy(a, b, extra_c, extra_d):
    if a + b == 0:
        return
    c, d = a + extra_c, b + extra_d
    k = keyness_fn(two_groups(a, b, c, d), group_by="outlet", target="A", chi2=True).set_index("term").loc["x"]
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    g2 = stats.power_divergence([a, b], f_exp=[e1, e2], lambda_="log-likelihood").statistic
    assert abs(k["g2"]) == pytest.approx(g2, rel=1e-9, abs=1e-9)
    assert k["p_value"] == pytest.approx(stats.chi2.sf(g2, 1), rel=1e-9, abs=1e-300)
    x2, p, _, _ = stats.chi2_contingency([[a, b], [c - a, d - b]], correction=False)
    assert abs(k["chi2"]) == pytest.approx(x2, rel=1e-9, abs=1e-9)
    assert k["chi2_p_value"] == pytest.approx(p, rel=1e-7, abs=1e-300)
    if k["g2"] != 0:
        assert np.sign(k["g2"]) == (1 if a / c > b / d else -1)


def test_log_ratio_uses_half_for_zero_counts():
    k = keyness_fn(two_groups(4, 0, 100, 200), group_by="outlet", target="A").set_index("term").loc["x"]
    assert k["log_ratio"] == pytest.approx(math.log2((4 / 100) / (0.5 / 200)))


def random_counts(seed, groups=("A", "B", "C"), n_terms=12):
    rng = np.random.default_rng(seed)
    rows = [(g, f"t{i}", int(rng.integers(0, 40))) for g in groups for i in range(n_terms)]
    return pd.DataFrame(rows, columns=["outlet", "term", "n"])


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000))
def test_swapping_target_and_reference_flips_signs(seed):
    c = random_counts(seed)
    ab = keyness_fn(c, group_by="outlet", target="A", reference="B").set_index("term").sort_index()
    ba = keyness_fn(c, group_by="outlet", target="B", reference="A").set_index("term").sort_index()
    both = (ab["n_target"] + ab["n_reference"]) > 0
    np.testing.assert_allclose(ab["g2"][both], -ba["g2"][both], atol=1e-9)
    np.testing.assert_allclose(ab["log_ratio"], -ba["log_ratio"], atol=1e-9)
    assert (ab["n_target"] == ba["n_reference"]).all()


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000))
def test_keyness_does_not_depend_on_row_order(seed):
    c = random_counts(seed)
    shuffled = c.sample(frac=1, random_state=seed % 1000)
    k1 = keyness_fn(c, group_by="outlet", target="A")
    k2 = keyness_fn(shuffled, group_by="outlet", target="A")
    pd.testing.assert_frame_equal(k1, k2)


def test_reference_none_means_all_other_groups():
    c = random_counts(1)
    k = keyness_fn(c, group_by="outlet", target="A").set_index("term")
    rest = c[c["outlet"] != "A"].groupby("term")["n"].sum()
    assert (k["n_reference"] == rest.reindex(k.index)).all()
    only_b = keyness_fn(c, group_by="outlet", target="A", reference="B").set_index("term")
    assert (only_b["n_reference"] == c[c["outlet"] == "B"].set_index("term")["n"].reindex(only_b.index)).all()


def test_keyness_sorting_min_count_and_bonferroni():
    c = random_counts(2)
    k = keyness_fn(c, group_by="outlet", target="A", min_count=30, correction="bonferroni")
    assert k["g2"].is_monotonic_decreasing
    assert ((k["n_target"] + k["n_reference"]) >= 30).all()
    assert np.allclose(k["p_adjusted"], np.minimum(1, k["p_value"] * len(k)))
    assert (k["significant"] == (k["p_adjusted"] < 0.05)).all()
    assert k.columns.tolist()[:11] == ["term", "n_target", "n_reference", "docs_target", "docs_reference",
                                       "per_million_target", "per_million_reference", "g2", "p_value", "log_ratio",
                                       "direction"]


def test_keyness_exclude_keeps_stopwords_in_the_corpus_sizes():
    # finding 1: counts with stopwords; "the" and "and" leave the result but stay in c and d.
    # A: "The tariff and the talks" = the, tariff, and, the, talks (c = 5); B: "Talks and talks" (d = 3)
    a = arts(["The tariff and the talks", "Talks and talks"], ["A", "B"])
    counts = count_terms(a, group_by="outlet", stopwords=None)
    k = keyness_fn(counts, group_by="outlet", target="A", exclude="kit").set_index("term")
    assert sorted(k.index) == ["talks", "tariff"]
    # tariff: a = 1, b = 0; E1 = 5 * 1 / 8 = 0.625; G2 = 2 * 1 * ln(1 / 0.625) = 2 ln 1.6 = 0.94001
    assert k.loc["tariff", "g2"] == pytest.approx(2 * math.log(1.6))
    assert k.loc["tariff", "per_million_target"] == pytest.approx(1 / 5 * 1e6)
    # talks: a = 1, b = 2; E1 = 5 * 3 / 8 = 1.875, E2 = 1.125; G2 = 2 (ln(1/1.875) + 2 ln(2/1.125)) = 1.04448
    assert k.loc["talks", "g2"] == pytest.approx(-2 * (math.log(1 / 1.875) + 2 * math.log(2 / 1.125)))
    assert k.loc["talks", "per_million_reference"] == pytest.approx(2 / 3 * 1e6)
    lo = log_odds(counts, group_by="outlet", exclude=["the", "and"])
    assert set(lo["term"]) == {"talks", "tariff"}


def test_equal_rates_have_no_direction():
    # finding 11: 10 of 100 against 20 of 200: same rate, G2 = 0, direction "none" (not "target")
    k = keyness_fn(two_groups(10, 20, 100, 200), group_by="outlet", target="A").set_index("term").loc["x"]
    assert k["g2"] == 0 and k["direction"] == "none"
    kb = keyness_fn(two_groups(10, 20, 100, 200), group_by="outlet", target="B").set_index("term").loc["x"]
    assert kb["g2"] == 0 and kb["direction"] == "none"
    # log-odds with the same counts in both groups: delta = 0, z = 0
    c = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "term": ["x", "y", "x", "y"], "n": [5, 5, 5, 5]})
    lo = log_odds(c, group_by="outlet")
    assert (lo["z"] == 0).all() and (lo["direction"] == "none").all()


@pytest.mark.parametrize("kw", [dict(alpha=5), dict(alpha=0), dict(alpha="0.05"), dict(chi2="no"), dict(min_count=-1)])
def test_keyness_validates_alpha_and_chi2(kw):
    with pytest.raises(KitError):
        keyness_fn(random_counts(0), group_by="outlet", target="A", **kw)


def test_log_odds_skips_unused_terms_and_checks_its_options():
    # finding 10: a term with total count 0 is not scored (no NaN delta, no infinite variance)
    c = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "term": ["x", "y", "x", "y"], "n": [3, 0, 1, 0]})
    lo = log_odds(c, group_by="outlet")
    assert set(lo["term"]) == {"x"} and np.isfinite(lo["variance"]).all()
    with pytest.raises(KitError):
        log_odds(c, group_by="outlet", min_count=-1)
    # numpy numbers are numbers: np.float32(0.5) gives the same as 0.5
    pd.testing.assert_frame_equal(log_odds(random_counts(3), group_by="outlet", prior_scale=np.float32(0.5)),
                                  log_odds(random_counts(3), group_by="outlet", prior_scale=0.5))


def test_missing_group_is_one_group_in_keyness_and_log_odds():
    # finding 10: a missing outlet is "(unknown)" in both, so "all others" counts the same tokens
    c = pd.DataFrame({"outlet": ["A", "A", "B", "B", None], "term": ["x", "y", "x", "y", "x"], "n": [4, 6, 2, 8, 5]})
    k = keyness_fn(c, group_by="outlet", target="A").set_index("term")
    assert k.loc["x", "n_reference"] == 2 + 5
    lo = log_odds(c, group_by="outlet").set_index(["outlet", "term"])
    assert lo.loc[("A", "x"), "n_reference"] == 7
    assert lo.loc[("(unknown)", "x"), "n_target"] == 5
    assert keyness_fn(c, group_by="outlet", target="(unknown)").set_index("term").loc["x", "n_target"] == 5


@pytest.mark.parametrize("kw, match", [(dict(group_by="outlet", target="Z"), "values are"),
                                       (dict(group_by="nope", target="A"), "nope"),
                                       (dict(group_by="outlet", target="A", reference="A"), "differ"),
                                       (dict(group_by="outlet", target="A", correction="holm"), "bonferroni")])
def test_keyness_fails_loudly(kw, match):
    with pytest.raises(KitError, match=match):
        keyness_fn(random_counts(0), **kw)


def test_keyness_does_not_change_its_input():
    c = random_counts(5)
    before = c.copy()
    keyness_fn(c, group_by="outlet", target="A", chi2=True, correction="bonferroni")
    pd.testing.assert_frame_equal(c, before)


# ----------------------------------------------------------------------------- log-odds


def monroe_by_hand(counts, group, prior_scale=1.0, uniform=False):
    """Monroe, Colaresi & Quinn (2008) eqs. 16, 19-20 written out term by term, each group vs the rest."""
    groups = sorted(counts[group].unique())
    terms = sorted(counts["term"].unique())
    y = {(g, w): 0 for g in groups for w in terms}
    for g, w, n in counts[[group, "term", "n"]].itertuples(index=False):
        y[(g, w)] += n
    total_w = {w: sum(y[(g, w)] for g in groups) for w in terms}
    alpha = {w: (prior_scale if uniform else prior_scale * total_w[w]) for w in terms}
    a0 = sum(alpha.values())
    out = {}
    for g in groups:
        n_i = sum(y[(g, w)] for w in terms)
        n_j = sum(total_w.values()) - n_i
        for w in terms:
            yi, yj = y[(g, w)], total_w[w] - y[(g, w)]
            omega_i = (yi + alpha[w]) / (n_i + a0 - yi - alpha[w])
            omega_j = (yj + alpha[w]) / (n_j + a0 - yj - alpha[w])
            delta = math.log(omega_i) - math.log(omega_j)
            var = 1 / (yi + alpha[w]) + 1 / (yj + alpha[w])
            out[(g, w)] = (delta, var, delta / math.sqrt(var))
    return out


@pytest.mark.parametrize("scale, uniform", [(1.0, False), (0.1, False), (2.0, True)])
def test_log_odds_matches_the_formulas(scale, uniform):
    c = random_counts(7)
    c = c[c["n"] > 0]
    lo = log_odds(c, group_by="outlet", prior="uniform" if uniform else "corpus", prior_scale=scale)
    ref = monroe_by_hand(c, "outlet", scale, uniform)
    assert len(lo) == len(ref)
    for r in lo.itertuples():
        d, v, z = ref[(r.outlet, r.term)]
        assert r.delta == pytest.approx(d, rel=1e-10)
        assert r.variance == pytest.approx(v, rel=1e-10)
        assert r.z == pytest.approx(z, rel=1e-10)


def test_log_odds_hand_worked_two_groups():
    # A: tariff 30, talks 70; B: tariff 10, talks 90; corpus prior alpha = (40, 160), alpha0 = 200
    c = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "term": ["tariff", "talks", "tariff", "talks"], "n": [30, 70, 10, 90]})
    lo = log_odds(c, group_by="outlet").set_index(["outlet", "term"])
    delta = math.log(70 / 230) - math.log(50 / 250)
    assert lo.loc[("A", "tariff"), "delta"] == pytest.approx(delta)
    assert lo.loc[("A", "tariff"), "z"] == pytest.approx(delta / math.sqrt(1 / 70 + 1 / 50))
    # two groups: each is the other's rest, so the signs flip
    assert lo.loc[("B", "tariff"), "z"] == pytest.approx(-lo.loc[("A", "tariff"), "z"])
    assert lo.loc[("A", "tariff"), "n_target"] == 30 and lo.loc[("A", "tariff"), "n_reference"] == 10


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_keyness_on_integer_group_counts_matches_the_general_path(seed):
    # integer counts are summed by term code; float counts take the group-by path: the same table
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 80))
    c = pd.DataFrame({"outlet": rng.choice(["A", "B", "C", None], n), "term": rng.choice(["x", "y", "z", "the", None], n),
                      "n": rng.integers(0, 6, n), "n_docs": rng.integers(0, 3, n)})
    for kw in ({"target": "A"}, {"target": "B", "reference": "C", "min_docs": 2}, {"target": "(unknown)", "exclude": "english"}):
        try:
            want = keyness_fn(c.assign(n=c["n"].astype(float)), group_by="outlet", **kw)
        except KitError as e:
            with pytest.raises(KitError, match=re.escape(str(e))):
                keyness_fn(c, group_by="outlet", **kw)
            continue
        pd.testing.assert_frame_equal(keyness_fn(c, group_by="outlet", **kw), want)


def test_log_odds_rows_of_some_groups_and_the_top_of_each():
    # a per-outlet report asks for its own group (scores from every group) and each group's top rows
    c = random_counts(11)
    full = log_odds(c, group_by="outlet", min_count=2)
    for g in sorted(full["outlet"].unique()):
        own = log_odds(c, group_by="outlet", min_count=2, groups=[g])
        pd.testing.assert_frame_equal(own, full[full["outlet"] == g].reset_index(drop=True))
    top = log_odds(c, group_by="outlet", min_count=2, top=2)
    pd.testing.assert_frame_equal(top, full.groupby("outlet", sort=False).head(2).reset_index(drop=True))
    assert log_odds(c, group_by="outlet", groups=["no such group"]).empty
    with pytest.raises(KitError, match="top"):
        log_odds(c, group_by="outlet", top=-1)


def test_frequencies_top_of_each_group():
    c = random_counts(12)
    full = frequencies(c, group_by="outlet")
    for k in (0, 1, 3):
        pd.testing.assert_frame_equal(frequencies(c, group_by="outlet", top=k),
                                      full.groupby("outlet", sort=False).head(k).reset_index(drop=True))
    pd.testing.assert_frame_equal(frequencies(c, top=2), frequencies(c).head(2))
    # ties at the cut: the term order decides, as in the full table
    tied = pd.DataFrame({"outlet": ["A"] * 3, "term": ["c", "b", "a"], "n": [2, 2, 2]})
    assert frequencies(tied, group_by="outlet", top=2)["term"].tolist() == ["a", "b"]
    with pytest.raises(KitError, match="top"):
        frequencies(c, top=-1)


def test_log_odds_row_order_and_errors():
    c = random_counts(9)
    k1 = log_odds(c, group_by="outlet")
    k2 = log_odds(c.sample(frac=1, random_state=1), group_by="outlet")
    pd.testing.assert_frame_equal(k1, k2)
    with pytest.raises(KitError, match="corpus"):
        log_odds(c, group_by="outlet", prior="jeffreys")
    with pytest.raises(KitError):
        log_odds(c, group_by="outlet", prior_scale=0)
    with pytest.raises(KitError, match="two"):
        log_odds(c[c["outlet"] == "A"], group_by="outlet")


# ----------------------------------------------------------------------------- collocations and phrases


def test_collocation_pmi_and_counts_by_hand():
    pytest.importorskip("nltk")
    a = arts(["trade war looms", "trade war ends", "trade deal near"])
    out = collocations(a, measure="pmi", min_count=2, stopwords=None)
    r = out.set_index("collocation").loc["trade war"]
    # N = 9 words; f(trade war) = 2, f(trade) = 3, f(war) = 2: PMI = log2(2 * 9 / (3 * 2)) = log2(3)
    assert r["n"] == 2
    assert r["score"] == pytest.approx(math.log2(3))
    assert list(out.columns) == ["collocation", "term1", "term2", "n", "score", "measure"]


def test_collocations_do_not_bridge_stopwords_and_window_reaches_further():
    pytest.importorskip("nltk")
    a = arts(["secretary of state", "secretary of state", "secretary of state"])
    adj = collocations(a, measure="llr", min_count=1, stopwords="kit")
    assert "secretary state" not in set(adj["collocation"])
    # finding 9: a wider window does not reach across a removed token either
    wide = collocations(a, measure="t", min_count=1, window=3, stopwords="kit")
    assert "secretary state" not in set(wide["collocation"])
    # ... but it does reach over a kept one: "trade big war" x3, window 3 -> "trade war" 3 times
    reach = collocations(arts(["trade big war"] * 3), measure="pmi", min_count=1, window=3, stopwords=None)
    r = reach.set_index("collocation")
    assert r.loc["trade war", "n"] == 3 and r.loc["trade big", "n"] == 3 and r.loc["big war", "n"] == 3
    # NLTK's windowed PMI: log2(N * (n_pair / (window - 1)) / (f1 * f2)) = log2(9 * 1.5 / 9) = log2(1.5)
    assert r.loc["trade war", "score"] == pytest.approx(math.log2(1.5))
    tri = collocations(arts(["big trade war talks", "big trade war now"]), ngrams=3, min_count=2, stopwords=None)
    assert tri["collocation"].tolist() == ["big trade war"]


def test_collocations_fail_loudly():
    with pytest.raises(KitError, match="pmi"):
        collocations(arts(["a b"]), measure="dice-ish")
    with pytest.raises(KitError):
        collocations(arts(["a b"]), ngrams=4)


def test_phrases_by_hand():
    p = phrases(arts(["the trade war talks", "trade war talks resumed", "a trade war"]), min_count=2, stopwords="kit")
    got = {r.phrase: (r.length, r.n, r.doc_freq) for r in p.itertuples()}
    assert got == {"trade war": (2, 3, 3), "war talks": (2, 2, 2), "trade war talks": (3, 2, 2)}


# ----------------------------------------------------------------------------- KWIC and dispersion


KW_TEXT = "Beijing says the trade war with the U.S. must end. Talks resume; us officials hope. China’s trade war aims."


def test_kwic_phrase_word_and_possessive_patterns():
    k = kwic(arts([KW_TEXT]), ["trade war", "US", "china's"], window=2)
    assert k.columns.tolist() == ["doc_id", "token_start", "token_end", "start", "end", "left", "keyword", "right", "pattern"]
    rows = [(r.keyword, r.left, r.right, r.pattern) for r in k.itertuples()]
    assert rows == [("trade war", "says the", "with the", "trade war"),
                    ("trade war", "hope. China’s", "aims", "trade war"),
                    ("U.S.", "with the", "must end", "US"),
                    ("China’s", "officials hope.", "trade war", "china's")]
    # offsets counted by hand: "Beijing says the " is 17 characters, "trade war" 9 more; "U.S." at 36-40;
    # the second "trade war" follows "... hope. " (84) + "China’s " (8 characters): 92-101
    assert k[["start", "end"]].values.tolist() == [[17, 26], [92, 101], [36, 40], [84, 91]]
    # the pronoun is not the country
    assert kwic(arts([KW_TEXT]), "us")["keyword"].tolist() == ["us"]


def test_kwic_wildcards_one_sided_and_sentence_bounded_windows():
    a = arts([KW_TEXT])
    assert kwic(a, "tal*", window=1)["keyword"].tolist() == ["Talks"]
    right = kwic(a, "end", window=3, side="right")
    # context is the original text between the keyword and the last token of the window
    assert right[["left", "right"]].values.tolist() == [["", ". Talks resume; us"]]
    bounded = kwic(a, "end", window=3, sentence=True)
    assert bounded[["left", "right"]].values.tolist() == [["the U.S. must", ""]]
    left = kwic(a, "resume", window=(1, 0))
    assert left[["left", "keyword", "right"]].values.tolist() == [["Talks", "resume", ""]]


def test_kwic_fails_loudly_and_format_kwic():
    with pytest.raises(KitError):
        kwic(arts(["x"]), "x", side="up")
    with pytest.raises(KitError):
        kwic(arts(["x"]), "x", window=-1)
    with pytest.raises(KitError):
        kwic(arts(["x"]), "  ")
    lines = format_kwic(kwic(arts([KW_TEXT]), "trade war", window=2), width=12)
    assert lines["line"].tolist()[0] == "    says the [trade war] with the"


def test_kwic_patterns_are_split_by_the_kit_tokenizer():
    # finding 8: "7 1/2" is one token in the text, so in the pattern too; "US*" keeps its capitals
    a = arts(["Shares rose 7 1/2 points in US-led US talks; us too."])
    k = kwic(a, ["7 1/2", "US*"], window=1)
    assert k[["keyword", "left", "right", "pattern"]].values.tolist() == [
        ["7 1/2", "rose", "points", "7 1/2"], ["US-led", "in", "US", "US*"], ["US", "US-led", "talks", "US*"]]
    assert kwic(a, "us*")["keyword"].tolist() == ["us"]
    assert kwic(a, "*-US")["keyword"].tolist() == []
    assert kwic(arts(["China-US ties"]), ["*-US", "CHINA-US", "China-us"])["keyword"].tolist() == ["China-US", "China-US"]


def test_dispersion_positions():
    d = dispersion(arts(["Tariffs rose. Then tariff talks began.", "No match here"]), ["tariff*", "talks"])
    assert d.columns.tolist() == ["doc_id", "pattern", "token_no", "n_tokens", "position", "start"]
    assert d[["pattern", "token_no", "n_tokens"]].values.tolist() == [["tariff*", 0, 6], ["tariff*", 3, 6], ["talks", 4, 6]]
    assert d["position"].tolist() == [0.0, 0.5, 4 / 6]


def test_kwic_finds_what_a_token_by_token_scan_finds():
    # matches start only where a pattern's first part matches: the same rows as trying every token
    import fnmatch

    texts = ["The US-led talks. US tariffs on US goods; the trade war, trade wars and tariff-free trade.",
             "Trade war? The [trade] war ends. U.S.-China trade war talks.", "", "tariff"]
    a = arts(texts)
    pats = ["trade war", "US*", "*-led", "tariff*", "t?lks", "[tw]ar*", "the trade"]
    got = kwic(a, pats, window=0)[["doc_id", "token_start", "token_end", "pattern"]].values.tolist()
    from kit.terms.kwic import _compile_patterns
    from kit.text import TokenOptions, find_tokens

    want = []
    for doc, text in zip(a["doc_id"], a["text"]):
        terms = [f[3] for f in find_tokens(text, TokenOptions())]
        for label, parts in _compile_patterns(pats, True):
            for i in range(len(terms) - len(parts) + 1):
                if all(fnmatch.fnmatchcase(terms[i + k], p) for k, p in enumerate(parts)):
                    want.append([doc, i, i + len(parts), label])
    assert got == want and len(got) > 10


def test_collocations_and_phrases_tokenize_shared_articles_once(monkeypatch):
    import sys

    coll = sys.modules["kit.terms.collocations"]  # the module (kit.terms.collocations is the function)
    calls = []
    real = coll.find_tokens
    monkeypatch.setattr(coll, "find_tokens", lambda text, opts: calls.append(text) or real(text, opts))
    a = arts(["trade war looms", "the trade war", "trade war talks"])
    collocations(a, min_count=2, stopwords="kit")
    assert phrases(a, min_count=2, stopwords="kit")["phrase"].tolist() == ["trade war"]
    assert len(calls) == 3  # three articles, tokenized once for both
    a.loc[1, "text"] = "trade peace"  # a changed text is tokenized again, never served stale
    assert phrases(a, min_count=2, stopwords="kit")["phrase"].tolist() == ["trade war"]
    assert phrases(a, min_count=3, stopwords="kit").empty
    assert len(calls) == 6
    phrases(a, min_count=2, stopwords=None)  # other options: tokenized again
    assert len(calls) == 9


@pytest.mark.parametrize("measure", ["llr", "pmi", "t", "chi2"])
@pytest.mark.parametrize("window", [2, 3])
def test_pair_scores_are_nltks(measure, window):
    # pairs are scored without importing NLTK: the same numbers as NLTK's finder on the same counts
    nltk_coll = pytest.importorskip("nltk.collocations")
    from nltk.metrics import BigramAssocMeasures
    from nltk.probability import FreqDist

    from kit.terms.collocations import _MEASURES

    rng = np.random.default_rng(window)
    vocab = ["trade", "war", "talks", "tariff", "beijing", "washington", "deal", "summit"]
    texts = [" ".join(rng.choice(vocab, int(rng.integers(3, 40)))) for _ in range(60)]
    got = collocations(arts(texts), measure=measure, window=window, min_count=2, top=None, stopwords=None)
    words = FreqDist(w for t in texts for w in t.split())
    pairs = FreqDist((ws[i], ws[j]) for t in texts for ws in [t.split()] for i in range(len(ws))
                     for j in range(i + 1, min(i + window, len(ws))))
    finder = nltk_coll.BigramCollocationFinder(words, pairs, window_size=window)
    finder.apply_freq_filter(2)
    want = {" ".join(g): s for g, s in finder.score_ngrams(getattr(BigramAssocMeasures, _MEASURES[measure]))}
    assert dict(zip(got["collocation"], got["score"])) == want  # exactly equal floats
    assert len(want) > 20


def test_chi2_upper_tail_is_scipy_stats_exactly():
    """Keyness p-values come from scipy.special (a light import): the same numbers as scipy.stats.chi2.sf."""
    from scipy import stats

    from kit.terms.keyness import _chi2_sf

    x = np.concatenate([np.random.default_rng(0).exponential(5, 10_000), [0.0, -0.0, -1e-12, -3.0, 1e-300, 1e3,
                                                                         np.inf, np.nan]])
    assert np.array_equal(_chi2_sf(x), stats.chi2.sf(x, 1), equal_nan=True)
    assert _chi2_sf(3.84) == stats.chi2.sf(3.84, 1) and _chi2_sf(pd.Series([1.0, 2.0])).tolist() == list(stats.chi2.sf([1.0, 2.0], 1))
