"""The dictionary engine: entries, negation, file formats, statistics, evidence, bundled dictionaries."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kit.resample
from kit.dictionaries import (
    BUNDLED_DICTIONARIES,
    bundled_dictionary,
    dictionary_hits,
    frame_evidence,
    frame_prevalence,
    frame_scores,
    group_column,
    make_dictionary,
    read_dictionary,
)
from kit.errors import KitError
from kit.resample import bootstrap_ci

FIX = Path(__file__).parent / "fixtures" / "frames"

TEXT = ("Both sides agreed to stabilise ties on Monday. There was no agreement on chips, and the trade war went on."
        "\n\nThe US envoy said people-to-people exchanges would resume. Officials did not clash in public.")
ARTS = pd.DataFrame({"doc_id": ["d1"], "text": [TEXT]})


def arts(*texts):
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})


def matches(text, entries, **kw):
    h = dictionary_hits(arts(text), {"f": entries}, **kw)
    return h["match"].tolist()


# ----------------------------------------------------------------------------- entries


def test_single_words_match_whole_tokens_only():
    assert matches("Talks resumed; the talkshow did not.", ["talks"], negation_window=0) == ["Talks"]


def test_phrase_matches_consecutive_tokens_across_punctuation_but_not_gaps():
    assert matches("A trade war, trade-war and trade, war.", ["trade war"]) == ["trade war", "trade, war"]
    assert matches("trade and war", ["trade war"]) == []


def test_wildcard_prefix_and_inner():
    got = matches("Stabilise, stabilising, stability; unstable.", ["stabili*"])
    assert got == ["Stabilise", "stabilising", "stability"]
    assert matches("A 34-year-old teacher and 7-year-olds.", ["*-year-old"]) == ["34-year-old"]
    assert matches("re-engaged and reengage", ["re-engage*"]) == ["re-engaged"]


def test_possessives_apostrophes_and_us_follow_the_tokenizer():
    assert matches("China’s envoy and China's envoy", ["china"]) == ["China’s", "China's"]
    assert matches("The U.S. and US told us.", ["US"]) == ["U.S.", "US"]
    assert matches("The U.S. and US told us.", ["us"]) == ["us"]


def test_longest_entry_wins_within_a_frame_but_frames_count_independently():
    h = dictionary_hits(arts("The trade war hurt trade."), {"econ": ["trade", "trade war"], "conflict": ["war"]})
    assert h[["frame", "match"]].values.tolist() == [["econ", "trade war"], ["conflict", "war"], ["econ", "trade"]]


def test_multiword_wildcard_entry():
    assert matches("They eased tensions and easing tension.", ["eas* tension*"]) == ["eased tensions", "easing tension"]


def test_split_hyphens_option_matches_parts():
    assert matches("military-to-military talks", ["military"]) == []
    assert matches("military-to-military talks", ["military"], split_hyphens=True) == ["military", "military"]


# ----------------------------------------------------------------------------- negation


def test_negation_flags_hits_within_the_window_before_them():
    h = dictionary_hits(arts("There was no real progress. Progress came."), {"coop": ["progress"]})
    assert h[["match", "negated", "negator"]].values.tolist() == [["progress", True, "no"], ["Progress", False, None]]


def test_negation_window_is_a_parameter_and_zero_turns_it_off():
    text = "They did not, after long and tiring talks, agree."
    assert dictionary_hits(arts(text), {"c": ["agree"]}, negation_window=3)["negated"].tolist() == [False]
    assert dictionary_hits(arts(text), {"c": ["agree"]}, negation_window=8)["negated"].tolist() == [True]
    assert dictionary_hits(arts("no agreement"), {"c": ["agree*"]}, negation_window=0)["negated"].tolist() == [False]


def test_negation_uses_nt_forms_and_stops_at_sentence_end():
    h = dictionary_hits(arts("They didn't agree. Not today. Agreement came."), {"c": ["agree*"]})
    assert h["negated"].tolist() == [True, False]
    assert h["negator"].tolist()[0] == "didn't"


def test_negated_hits_are_left_out_of_counts_by_default():
    sc = frame_scores(arts("No agreement, no deal, but an agreement."), {"c": ["agreement"]}, min_hits=1)
    assert sc[["hits", "negated_hits"]].values.tolist() == [[1, 1]]
    sc2 = frame_scores(arts("No agreement, no deal, but an agreement."), {"c": ["agreement"]}, min_hits=1,
                       include_negated=True)
    assert sc2["hits"].tolist() == [2]


def test_custom_negators():
    h = dictionary_hits(arts("They refused agreement."), {"c": ["agreement"]}, negators=["refused"])
    assert h["negated"].tolist() == [True]


# ----------------------------------------------------------------------------- file formats


@pytest.mark.parametrize("name", ["mini.yml", "mini.dic", "mini.lc3", "mini.lcd"])
def test_each_format_reads_the_same_dictionary_and_gives_the_same_hits(name):
    d = read_dictionary(FIX / name)
    assert d.categories == ["cooperation", "conflict"]
    assert sorted(d.entries["pattern"]) == sorted(["agree*", "stabilise ties", "people-to-people", "clash*", "trade war", "US"])
    h = dictionary_hits(ARTS, d)
    assert h[["frame", "match", "negated"]].values.tolist() == [
        ["cooperation", "agreed", False], ["cooperation", "stabilise ties", False],
        ["cooperation", "agreement", True], ["conflict", "trade war", False], ["conflict", "US", False],
        ["cooperation", "people-to-people", False], ["conflict", "clash", True]]


def test_yaml_keeps_descriptions_and_lines():
    d = read_dictionary(FIX / "mini.yml")
    assert d.name == "mini" and d.descriptions["cooperation"] == "working together"
    assert d.entries.set_index("pattern").loc["agree*", "line"] == 8


@pytest.mark.parametrize("name, line, words", [
    ("bad_entry.yml", 5, "must be text"),
    ("bad_syntax.yml", 4, "not valid YAML"),
    ("bad_key.yml", 2, "unknown key 'catgories'"),
    ("bad_number.dic", 5, "unknown category number 3"),
    ("bad_header.dic", 1, "starts with a line holding only '%'"),
    ("bad_order.lc3", 1, "before any '+category'"),
    ("bad_category.lc3", 3, "bad category name"),
    ("yoshikoder.lcd", 1, "XML"),
])
def test_bad_files_fail_with_file_and_line(name, line, words):
    with pytest.raises(KitError) as e:
        read_dictionary(FIX / name)
    msg = str(e.value)
    assert name in msg and f"line {line}:" in msg and words in msg


def test_unknown_extension_and_format_are_refused_with_the_choices(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("+a\nb\n")
    with pytest.raises(KitError, match=r"\.dic"):
        read_dictionary(p)
    assert read_dictionary(p, format="lexicoder").categories == ["a"]
    with pytest.raises(KitError, match="yaml, liwc, lexicoder"):
        read_dictionary(p, format="wordstat")


def test_liwc_entries_with_spaces_and_several_categories(tmp_path):
    p = tmp_path / "x.dic"
    p.write_text("%\n01 a\n02 b\n%\nkind of 01\nboth\t1\t2\n")
    d = read_dictionary(p)
    assert d.entries[["frame", "pattern"]].values.tolist() == [["a", "kind of"], ["a", "both"], ["b", "both"]]


def test_make_dictionary_refuses_bad_entries():
    with pytest.raises(KitError, match="only '\\*'"):
        make_dictionary({"a": ["*"]})
    with pytest.raises(KitError, match="bad category name"):
        make_dictionary({"a b": ["x"]})


# ----------------------------------------------------------------------------- scores


def test_frame_scores_hand_counted():
    sc = frame_scores(ARTS, FIX / "mini.yml", min_hits=2)
    # 34 tokens: 8 + 12 + 8 + 6 (hyphenated people-to-people is one token)
    assert sc.values.tolist() == [
        ["d1", "cooperation", 3, 1, 34, pytest.approx(3000 / 34), True],
        ["d1", "conflict", 2, 1, 34, pytest.approx(2000 / 34), True]]
    assert list(sc.columns) == ["doc_id", "frame", "hits", "negated_hits", "n_tokens", "per_1k", "present"]


def test_frame_scores_zero_rows_and_threshold():
    sc = frame_scores(arts("One agreement.", ""), {"c": ["agreement"]}, min_hits=2)
    assert sc[["hits", "n_tokens", "per_1k", "present"]].values.tolist() == [[1, 2, 500.0, False], [0, 0, 0.0, False]]
    with pytest.raises(KitError, match="min_hits"):
        frame_scores(ARTS, {"c": ["x"]}, min_hits=0)


def test_frame_scores_reuses_given_hits():
    d = read_dictionary(FIX / "mini.yml")
    h = dictionary_hits(ARTS, d)
    pd.testing.assert_frame_equal(frame_scores(ARTS, d, hits=h), frame_scores(ARTS, d))


def test_duplicate_doc_ids_are_refused():
    with pytest.raises(KitError, match="duplicate"):
        dictionary_hits(pd.DataFrame({"doc_id": ["a", "a"], "text": ["x", "y"]}), {"c": ["x"]})


# ----------------------------------------------------------------------------- bootstrap


def _independent_percentile(x, n_boot, seed, ci=0.95):
    """The documented algorithm, written out again with plain numpy."""
    x = np.asarray(x, dtype=float)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(x), size=(n_boot, len(x)))
    stats = x[idx].mean(axis=1)
    return np.quantile(stats, [(1 - ci) / 2, 1 - (1 - ci) / 2])


def test_bootstrap_matches_an_independent_computation_and_blocks_do_not_change_it(monkeypatch):
    x = [0, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1]
    lo, hi = bootstrap_ci(x, n_boot=777, seed=5)
    assert (lo, hi) == pytest.approx(tuple(_independent_percentile(x, 777, 5)))
    monkeypatch.setattr(kit.resample, "_BLOCK_CELLS", 50)  # draw in many small blocks
    assert bootstrap_ci(x, n_boot=777, seed=5) == pytest.approx((lo, hi))


def test_bootstrap_agrees_with_scipy_percentile_interval():
    scipy_stats = pytest.importorskip("scipy.stats")
    x = np.array([0.0, 2.5, 1.0, 4.0, 3.5, 0.5, 2.0, 6.0, 1.5, 2.2, 0.0, 3.1, 4.4, 1.1, 0.9])
    lo, hi = bootstrap_ci(x, n_boot=20000, seed=11)
    ref = scipy_stats.bootstrap((x,), np.mean, n_resamples=20000, method="percentile", confidence_level=0.95,
                                random_state=np.random.default_rng(99)).confidence_interval
    assert lo == pytest.approx(ref.low, abs=0.06) and hi == pytest.approx(ref.high, abs=0.06)


def test_bootstrap_ratio_is_a_cluster_bootstrap():
    sums, counts = np.array([1.0, -0.5, 2.0, 0.3]), np.array([2, 1, 4, 1])
    lo, hi = bootstrap_ci(sums, counts, n_boot=300, seed=2)
    rng = np.random.default_rng(2)
    stats = []
    for _ in range(300):
        i = rng.integers(0, 4, size=4)
        stats.append(sums[i].sum() / counts[i].sum())
    assert (lo, hi) == pytest.approx(tuple(np.quantile(stats, [0.025, 0.975])))


def test_bootstrap_edge_cases():
    assert bootstrap_ci([1, 1, 1]) == (1.0, 1.0)
    lo, hi = bootstrap_ci([], n_boot=10)
    assert np.isnan(lo) and np.isnan(hi)
    lo, hi = bootstrap_ci([1, 0], n_boot=0)
    assert np.isnan(lo)
    with pytest.raises(KitError, match="seed"):
        bootstrap_ci([1], seed=-1)
    with pytest.raises(KitError, match="ci"):
        bootstrap_ci([1], ci=95)


def test_frame_prevalence_shares_and_intervals_against_independent_numbers():
    present = {"A": [1, 0, 1, 1, 0, 1], "B": [0, 0, 1]}
    rate = {"A": [3.0, 0.0, 5.0, 2.0, 0.0, 1.0], "B": [0.0, 0.0, 4.0]}
    rows, groups = [], []
    for g in present:
        for i, (p, r) in enumerate(zip(present[g], rate[g])):
            rows.append({"doc_id": f"{g}{i}", "frame": "conflict", "hits": int(p) * 2, "per_1k": r, "present": bool(p)})
            groups.append({"doc_id": f"{g}{i}", "outlet": g})
    sc, ar = pd.DataFrame(rows), pd.DataFrame(groups)
    out = frame_prevalence(sc, ar, n_boot=400, seed=7)
    a = out[out["outlet"] == "A"].iloc[0]
    assert a["n_articles"] == 6 and a["n_present"] == 4 and a["share"] == pytest.approx(4 / 6)
    assert a["mean_per_1k"] == pytest.approx(11 / 6) and a["hits"] == 8
    assert [a["share_low"], a["share_high"]] == pytest.approx(list(_independent_percentile(present["A"], 400, 7)))
    assert [a["per_1k_low"], a["per_1k_high"]] == pytest.approx(list(_independent_percentile(rate["A"], 400, 7)))
    # a group's interval does not depend on the other groups nor on row order
    again = frame_prevalence(sc.iloc[::-1], ar[ar["outlet"] == "A"], n_boot=400, seed=7)
    assert again.iloc[0]["share_low"] == a["share_low"] and again.iloc[0]["share_high"] == a["share_high"]


def test_frame_prevalence_is_seeded():
    sc = frame_scores(arts("agreement agreement", "nothing", "agreement", "agreement here"), {"c": ["agreement"]}, min_hits=1)
    one = frame_prevalence(sc, None, group_by=None, n_boot=200, seed=3)
    two = frame_prevalence(sc, None, group_by=None, n_boot=200, seed=3)
    pd.testing.assert_frame_equal(one, two)
    assert one["group"].tolist() == ["all"] and one["share"].tolist() == [0.75]


def test_group_column_periods_and_errors():
    a = pd.DataFrame({"outlet": ["X", "Y"], "published": pd.to_datetime(["2023-02-04", "2023-11-15"], utc=True)})
    assert group_column(a, "quarter").tolist() == ["2023Q1", "2023Q4"]
    assert group_column(a, "week").tolist() == ["2023-01-30", "2023-11-13"]
    with pytest.raises(KitError, match="outlet, published"):
        group_column(a, "desk")


# ----------------------------------------------------------------------------- evidence


def test_evidence_positions_sentence_and_kwic_window():
    h = dictionary_hits(ARTS, FIX / "mini.yml")
    assert all(TEXT[s:e] == m for s, e, m in zip(h["start"], h["end"], h["match"]))
    ev = frame_evidence(h, ARTS, window=2)
    row = ev[ev["keyword"] == "trade war"].iloc[0]
    assert (row["start"], row["end"]) == (TEXT.index("trade war"), TEXT.index("trade war") + 9)
    assert row["left"] == "and the" and row["right"] == "went on"
    assert row["sentence"] == "There was no agreement on chips, and the trade war went on."
    assert row["sent_no"] == 1
    first = ev.iloc[0]
    assert first["keyword"] == "agreed" and first["left"] == "Both sides" and first["right"] == "to stabilise"


def test_evidence_filters_frame_and_negated():
    h = dictionary_hits(ARTS, FIX / "mini.yml")
    ev = frame_evidence(h, ARTS, frame="conflict", include_negated=False)
    assert ev["keyword"].tolist() == ["trade war", "US"]
    with pytest.raises(KitError, match="frames with hits"):
        frame_evidence(h, ARTS, frame="morality")


# ----------------------------------------------------------------------------- bundled dictionaries

GOLD_LABELS = {"conflict", "cooperation", "security", "economic", "responsibility", "human_interest", "morality",
               "taiwan", "trade", "technology", "military_incidents", "human_rights", "russia_ukraine", "exchanges"}


@pytest.mark.parametrize("name", list(BUNDLED_DICTIONARIES))
def test_bundled_dictionaries_load_and_have_a_data_card(name):
    d = bundled_dictionary(name)
    assert set(d.categories) <= GOLD_LABELS
    assert all(d.descriptions[c] for c in d.categories)
    assert d.entries.groupby("frame").size().min() >= 10
    card = Path(d.source).with_suffix(".md")
    text = card.read_text()
    assert "validate on your own corpus before use" in text.lower()
    for c in d.categories:
        assert f"| {c} |" in text, f"{card.name} has no validation row for {c}"


def test_bundled_dictionaries_together_cover_every_gold_label():
    cats = {c for n in BUNDLED_DICTIONARIES for c in bundled_dictionary(n).categories}
    assert cats == GOLD_LABELS


def test_generic_frames_are_the_five_of_semetko_and_valkenburg():
    assert bundled_dictionary("generic_frames").categories == [
        "conflict", "responsibility", "economic", "human_interest", "morality"]


SAMPLE_GOLD = ["continental_wire.json", "eastern_horizon_daily.json", "harbor_street_weekly.json",
               "pacific_policy_forum.json"]


@pytest.mark.parametrize("name", list(BUNDLED_DICTIONARIES))
def test_data_card_figures_are_what_a_rerun_measures(name):
    """The validation table of each data card must match `kit frames-eval` on the sample corpus.

    When this fails after a change to the tokenizer, the readers or the sample corpus, rerun
    `kit frames-eval --dictionary NAME --markdown --files <the four outlet files>` and update the
    card (and the README section) with the new figures.
    """
    import re

    from kit.frames_eval import evaluate_dictionary

    d = bundled_dictionary(name)
    card = Path(d.source).with_suffix(".md").read_text()
    res = evaluate_dictionary(name, files=SAMPLE_GOLD, min_hits=2)
    assert len(res["matched"]) == 44 and res["unmatched"].empty
    m = res["metrics"].set_index("frame")
    for frame in d.categories + ["micro"]:
        row = re.search(rf"^\| {frame} \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|", card, re.M)
        assert row, f"{name}.md has no validation row for {frame}"
        got = [int(m.loc[frame, c]) for c in ("n_gold", "n_predicted", "tp", "fp", "fn")]
        assert [int(v) for v in row.groups()] == got, f"{name}.md row {frame} is out of date: rerun kit frames-eval"


# ----------------------------------------------------------------------------- properties

from hypothesis import given, settings, strategies as st  # noqa: E402

_VOCAB = ["talks", "Talks", "trade", "war", "China's", "U.S.", "US", "us", "stability", "stable", "the", "and", ","]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), min_size=0, max_size=30))
def test_single_word_counts_equal_plain_term_counts(words):
    from kit.text import tokenize

    text = " ".join(words)
    terms = [t.term for t in tokenize(text)]
    sc = frame_scores(arts(text), {"a": ["talks"], "b": ["US"], "c": ["stabili*"], "d": ["china"]}, min_hits=1)
    got = dict(zip(sc["frame"], sc["hits"]))
    assert got == {"a": terms.count("talks"), "b": terms.count("US"),
                   "c": sum(t.startswith("stabili") for t in terms), "d": terms.count("china")}


@settings(max_examples=30, deadline=None)
@given(st.permutations(["Talks resumed.", "No talks today.", "Trade war talks.", "", "talks talks talks"]))
def test_row_order_does_not_change_scores(texts):
    base = ["Talks resumed.", "No talks today.", "Trade war talks.", "", "talks talks talks"]
    ids = {t: f"id{base.index(t)}" for t in base}
    df = pd.DataFrame({"doc_id": [ids[t] for t in texts], "text": list(texts)})
    ref = pd.DataFrame({"doc_id": [ids[t] for t in base], "text": base})
    d = {"c": ["talks", "trade war"]}
    a = frame_scores(df, d).sort_values("doc_id").reset_index(drop=True)
    b = frame_scores(ref, d).sort_values("doc_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
