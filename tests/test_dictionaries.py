"""The dictionary engine: entries, negation, file formats, statistics, evidence, bundled dictionaries."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kit.resample
import kit.text
from kit.errors import KitError
from kit.frames import (
    BUNDLED_DICTIONARIES,
    dictionary_hits,
    frame_evidence,
    frame_prevalence,
    frame_scores,
    load_dictionary,
)
from kit.groups import group_column
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
    text = "They did not after long and tiring talks agree."  # no comma: punctuation would end the scan (F1)
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
    d = load_dictionary(FIX / name)
    assert d.categories == ["cooperation", "conflict"]
    assert sorted(d.entries["pattern"]) == sorted(["agree*", "stabilise ties", "people-to-people", "clash*", "trade war", "US"])
    h = dictionary_hits(ARTS, d)
    assert h[["frame", "match", "negated"]].values.tolist() == [
        ["cooperation", "agreed", False], ["cooperation", "stabilise ties", False],
        ["cooperation", "agreement", True], ["conflict", "trade war", False], ["conflict", "US", False],
        ["cooperation", "people-to-people", False], ["conflict", "clash", True]]


def test_yaml_keeps_descriptions_and_lines():
    d = load_dictionary(FIX / "mini.yml")
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
        load_dictionary(FIX / name)
    msg = str(e.value)
    assert name in msg and f"line {line}:" in msg and words in msg


def test_unknown_extension_and_format_are_refused_with_the_choices(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("+a\nb\n")
    with pytest.raises(KitError, match=r"\.dic"):
        load_dictionary(p)
    assert load_dictionary(p, format="lexicoder").categories == ["a"]
    with pytest.raises(KitError, match="yaml, liwc, lexicoder"):
        load_dictionary(p, format="wordstat")


def test_liwc_entries_with_spaces_and_several_categories(tmp_path):
    p = tmp_path / "x.dic"
    p.write_text("%\n01 a\n02 b\n%\nkind of 01\nboth\t1\t2\n")
    d = load_dictionary(p)
    assert d.entries[["frame", "pattern"]].values.tolist() == [["a", "kind of"], ["a", "both"], ["b", "both"]]


def test_make_dictionary_refuses_bad_entries():
    with pytest.raises(KitError, match="only '\\*'"):
        load_dictionary({"a": ["*"]})
    with pytest.raises(KitError, match="bad category name"):
        load_dictionary({"a b": ["x"]})


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
    d = load_dictionary(FIX / "mini.yml")
    h = dictionary_hits(ARTS, d)
    pd.testing.assert_frame_equal(frame_scores(ARTS, d, hits=h), frame_scores(ARTS, d))
    h, sizes = dictionary_hits(ARTS, d, with_sizes=True)  # with the token counts: no second tokenization
    pd.testing.assert_frame_equal(frame_scores(ARTS, d, hits=h, sizes=sizes), frame_scores(ARTS, d))
    words = pd.Series([kit.text.count_words(t) for t in ARTS["text"]], index=ARTS["doc_id"])
    pd.testing.assert_frame_equal(frame_scores(ARTS, d, hits=h, sizes=words), frame_scores(ARTS, d))
    with pytest.raises(KitError, match="sizes= goes with hits="):
        frame_scores(ARTS, d, sizes=sizes)


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
    # shares: Wilson score interval (F4), worked by hand: n=6, p=4/6, z=1.959964
    z = 1.959963984540054
    n, p = 6, 4 / 6
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert [a["share_low"], a["share_high"]] == pytest.approx([centre - half, centre + half])
    assert [a["share_low"], a["share_high"]] == pytest.approx([0.29999, 0.90323], abs=1e-5)
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


def test_evidence_windows_match_a_whole_text_tokenization():
    # frame_evidence tokenizes only a slice around each hit: the KWIC windows must be those of the
    # whole article's tokens, also across mixed numbers, long stretches and the text's two ends
    from kit.text import TokenOptions, find_tokens

    filler = " ".join(f"word{k} 7 1/2 tons, “quoted” U.S.-made" for k in range(120))
    text = f"Trade war first. {filler} the trade war went on; {filler} and the trade war"
    arts = pd.DataFrame({"doc_id": ["long"], "text": [text]})
    h = dictionary_hits(arts, {"conflict": ["trade war"]})
    assert len(h) == 3
    toks = find_tokens(text, TokenOptions())
    for window in (0, 1, 3, 40, 400):
        ev = frame_evidence(h, arts, window=window)
        for r, (i, m) in zip(ev.itertuples(), zip(h["token_no"], h["n_tokens"])):
            lo, hi = max(0, i - window), min(len(toks), i + m + window)
            left = text[toks[lo][0]:toks[i][0]] if window and i > 0 else ""
            right = text[toks[i + m - 1][1]:toks[hi - 1][1]] if window and i + m < len(toks) else ""
            assert (r.left, r.right) == (" ".join(left.split()), " ".join(right.split())), (window, i)
    assert ev.iloc[-1]["right"] == "" and ev.iloc[0]["left"] == ""
    moved = h.assign(start=h["start"] + 1, end=h["end"] + 1)  # offsets of another text
    with pytest.raises(KitError, match="does not line up"):
        frame_evidence(moved.iloc[[1]], arts)
    wrong_no = h.assign(token_no=h["token_no"] + 1)  # the first hit's index is checked at the text start
    with pytest.raises(KitError, match="does not line up"):
        frame_evidence(wrong_no.iloc[[0]], arts)


# ----------------------------------------------------------------------------- bundled dictionaries

GOLD_LABELS = {"conflict", "cooperation", "security", "economic", "responsibility", "human_interest", "morality",
               "taiwan", "trade", "technology", "military_incidents", "human_rights", "russia_ukraine", "exchanges"}


@pytest.mark.parametrize("name", list(BUNDLED_DICTIONARIES))
def test_bundled_dictionaries_load_and_have_a_data_card(name):
    d = load_dictionary(name)
    assert set(d.categories) <= GOLD_LABELS
    assert all(d.descriptions[c] for c in d.categories)
    assert d.entries.groupby("frame").size().min() >= 10
    card = Path(d.source).with_suffix(".md")
    text = card.read_text()
    assert "validate on your own corpus before use" in text.lower()
    for c in d.categories:
        assert f"| {c} |" in text, f"{card.name} has no validation row for {c}"


def test_bundled_dictionaries_together_cover_every_gold_label():
    cats = {c for n in BUNDLED_DICTIONARIES for c in load_dictionary(n).categories}
    assert cats == GOLD_LABELS


def test_generic_frames_are_the_five_of_semetko_and_valkenburg():
    assert load_dictionary("generic_frames").categories == [
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

    d = load_dictionary(name)
    card = Path(d.source).with_suffix(".md").read_text()
    res = evaluate_dictionary(name, "tests/eval/gold", files=SAMPLE_GOLD, min_hits=2)
    assert len(res["matched"]) == 44 and res["unmatched"].empty
    m = res["metrics"].set_index("frame")
    for frame in d.categories + ["micro"]:
        row = re.search(rf"^\| {frame} \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|", card, re.M)
        assert row, f"{name}.md has no validation row for {frame}"
        got = [int(m.loc[frame, c]) for c in ("n_gold", "n_predicted", "tp", "fp", "fn")]
        assert [int(v) for v in row.groups()] == got, f"{name}.md row {frame} is out of date: rerun kit frames-eval"


# ----------------------------------------------------------------------------- properties

from hypothesis import given, settings  # noqa: E402 (imported where the property tests start)
from hypothesis import strategies as st

_VOCAB = ["talks", "Talks", "trade", "war", "China's", "U.S.", "US", "us", "stability", "stable", "the", "and", ","]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), min_size=0, max_size=30))
@pytest.mark.slow
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
@pytest.mark.slow
def test_row_order_does_not_change_scores(texts):
    base = ["Talks resumed.", "No talks today.", "Trade war talks.", "", "talks talks talks"]
    ids = {t: f"id{base.index(t)}" for t in base}
    df = pd.DataFrame({"doc_id": [ids[t] for t in texts], "text": list(texts)})
    ref = pd.DataFrame({"doc_id": [ids[t] for t in base], "text": base})
    d = {"c": ["talks", "trade war"]}
    a = frame_scores(df, d).sort_values("doc_id").reset_index(drop=True)
    b = frame_scores(ref, d).sort_values("doc_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


# ----------------------------------------------------------------------------- review fixes F1-F11


@pytest.mark.parametrize("text, negated", [
    ("They said no. Agreement came.", [False]),                   # sentence end between (F1)
    ("Asked about it, she said: No, the talks will continue.", [False]),  # comma after the negator
    ("It was the No. 1 agreement of the year.", [False]),         # "No." before a number
    ("They held not only talks but an agreement.", [False, False]),  # "not only"
    ("There was no; agreement", [False]),                         # semicolon
    ("There was no agreement and not a single talks round.", [True, True]),  # still negated
])
def test_negation_stops_at_punctuation_and_skips_number_sign_and_not_only(text, negated):
    h = dictionary_hits(arts(text), {"c": ["agree*", "talks"]})
    assert h["negated"].tolist() == negated


def test_negation_stops_at_a_clause_break_even_within_the_window():
    h = dictionary_hits(arts("Without doubt, agreement"), {"c": ["agreement"]}, negation_window=5)
    assert h["negated"].tolist() == [False]
    h = dictionary_hits(arts("Without any doubt agreement"), {"c": ["agreement"]}, negation_window=5)
    assert h[["negated", "negator"]].values.tolist() == [[True, "Without"]]


def test_all_capital_lexicoder_and_liwc_files_are_read_in_lower_case(tmp_path):
    text = "The plan was not good, and they abandoned it. Worthless talk."
    lc3 = tmp_path / "caps.lc3"
    lc3.write_text("+negative\nABANDON*\nNOT GOOD\nWORTHLESS\n+positive\nGOOD\n")
    dic = tmp_path / "caps.dic"
    dic.write_text("%\n1\tnegative\n2\tpositive\n%\nABANDON*\t1\nNOT GOOD\t1\nWORTHLESS\t1\nGOOD\t2\n")
    for path in (lc3, dic):
        d = load_dictionary(path)
        assert sorted(d.entries["pattern"]) == ["abandon*", "good", "not good", "worthless"]
        h = dictionary_hits(arts(text), d)
        got = h[["frame", "match", "negated"]].values.tolist()
        assert got == [["negative", "not good", False], ["positive", "good", True],
                       ["negative", "abandoned", False], ["negative", "Worthless", False]], path.name


def test_mixed_case_lexicoder_file_keeps_its_case():
    d = load_dictionary(FIX / "mini.lc3")  # lower-case entries plus the acronym US
    assert "US" in d.entries["pattern"].tolist()
    assert dictionary_hits(arts("They told us about the US."), d)["match"].tolist() == ["US"]


SPLIT = pd.DataFrame({"doc_id": ["a"], "text": ["Officials held long-term talks about a win-win deal, and agreed to more talks."]})


def test_evidence_takes_the_tokenizer_options_of_the_hits_explicitly():
    from kit.text import TokenOptions

    h = dictionary_hits(SPLIT, {"coop": ["talks", "win"]}, split_hyphens=True)
    assert not h.attrs  # no side channel: the options are passed where they are needed
    ev = frame_evidence(h, SPLIT, window=2, split_hyphens=True)
    # tokens with split hyphens: Officials held long term talks about a win win deal and agreed to more talks
    assert ev[["keyword", "left", "right"]].values.tolist() == [
        ["talks", "long-term", "about a"], ["win", "about a", "-win deal"], ["win", "a win-", "deal, and"],
        ["talks", "to more", ""]]
    same = frame_evidence(h, SPLIT, window=2, tokens=TokenOptions(split_hyphens=True))
    pd.testing.assert_frame_equal(ev, same)
    with pytest.raises(KitError, match="does not line up"):
        frame_evidence(h, SPLIT, split_hyphens=False)
    with pytest.raises(ValueError, match="give the option in one place"):
        frame_evidence(h, SPLIT, tokens=TokenOptions(split_hyphens=True), split_hyphens=False)


def test_frame_scores_counts_tokens_with_the_options_given():
    from kit.text import TokenOptions

    h = dictionary_hits(SPLIT, {"coop": ["talks", "win"]}, tokens=TokenOptions(split_hyphens=True))
    sc = frame_scores(SPLIT, {"coop": ["talks", "win"]}, hits=h, min_hits=1, split_hyphens=True)
    # Officials held long term talks about a win win deal and agreed to more talks: 15 tokens once
    # long-term and win-win are split (13 without splitting); 4 hits
    assert sc[["hits", "n_tokens"]].values.tolist() == [[4, 15]]
    assert sc["per_1k"].tolist() == [pytest.approx(4000 / 15)]
    with pytest.raises(KitError, match="does not line up"):
        frame_scores(SPLIT, {"coop": ["talks", "win"]}, hits=h, min_hits=1)
    with pytest.raises(ValueError, match="split_hyphens and merge_us, not stem"):
        frame_scores(SPLIT, {"coop": ["talks"]}, tokens=TokenOptions(stem=True))


def test_hits_without_their_options_that_do_not_fit_the_tokens_fail_loudly():
    h = dictionary_hits(SPLIT, {"coop": ["talks", "win"]}, split_hyphens=True)
    plain = pd.DataFrame(h.to_dict("list"))  # e.g. read back from CSV: no attrs
    assert not plain.attrs
    with pytest.raises(KitError, match="does not line up"):
        frame_evidence(plain, SPLIT)
    ok = frame_evidence(plain, SPLIT, split_hyphens=True, window=1)
    assert ok["keyword"].tolist() == ["talks", "win", "win", "talks"]


def test_frame_prevalence_single_article_group_has_wilson_share_and_no_bootstrap_interval():
    sc = pd.DataFrame({"doc_id": ["a", "b", "c"], "frame": "conflict", "hits": [3, 0, 2],
                       "per_1k": [6.0, 0.0, 4.0], "present": [True, False, True]})
    ar = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "Y", "Y"]})
    out = frame_prevalence(sc, ar, n_boot=200, seed=0).set_index("outlet")
    x = out.loc["X"]
    assert x["share"] == 1.0
    # Wilson for 1 of 1 at 95%: centre = (1 + z^2/2) / (1 + z^2), half = z / (1 + z^2) * sqrt(z^2 / 4)
    z = 1.959963984540054
    centre, half = (1 + z * z / 2) / (1 + z * z), z / (1 + z * z) * (z / 2)
    assert (x["share_low"], x["share_high"]) == pytest.approx((centre - half, 1.0))
    assert x["share_low"] == pytest.approx(0.20655, abs=1e-5)
    assert np.isnan(x["per_1k_low"]) and np.isnan(x["per_1k_high"])
    from scipy.stats import binomtest

    y = out.loc["Y"]  # 1 of 2
    ref = binomtest(1, 2).proportion_ci(confidence_level=0.95, method="wilson")
    assert (y["share_low"], y["share_high"]) == pytest.approx((ref.low, ref.high))
    assert not np.isnan(y["per_1k_low"])


@pytest.mark.parametrize("k, n, ci", [(0, 5, 0.95), (3, 10, 0.9), (7, 7, 0.99), (12, 40, 0.95)])
def test_wilson_ci_agrees_with_scipy(k, n, ci):
    from scipy.stats import binomtest

    from kit.resample import wilson_ci

    ref = binomtest(k, n).proportion_ci(confidence_level=ci, method="wilson")
    assert wilson_ci(k, n, ci=ci) == pytest.approx((ref.low, ref.high))


def test_wilson_ci_edge_cases():
    from kit.resample import wilson_ci

    lo, hi = wilson_ci(0, 0)
    assert np.isnan(lo) and np.isnan(hi)
    with pytest.raises(KitError, match="successes"):
        wilson_ci(3, 2)


def test_bootstrap_of_one_unit_is_nan_not_a_zero_width_interval():
    lo, hi = bootstrap_ci([0.7], n_boot=100)
    assert np.isnan(lo) and np.isnan(hi)
    lo, hi = bootstrap_ci([[1.0, 2.0]], n_boot=100)
    assert np.isnan(lo).all() and np.isnan(hi).all()


NEG_YAML = """name: t
categories:
  taiwan:
    description: the island
    negation: false
    entries: [Taiwan]
  conflict:
    entries: [clash*]
"""


def test_yaml_negation_false_switches_negation_off_for_one_category(tmp_path):
    p = tmp_path / "t.yml"
    p.write_text(NEG_YAML)
    d = load_dictionary(p)
    assert d.negation == {"taiwan": False} and not d.negates("taiwan") and d.negates("conflict")
    text = "Force would not resolve the Taiwan question. There was no clash."
    h = dictionary_hits(arts(text), d)
    assert h[["frame", "match", "negated", "negator"]].values.tolist() == [
        ["taiwan", "Taiwan", False, None], ["conflict", "clash", True, "no"]]
    sc = frame_scores(arts(text), d, min_hits=1)
    assert sc[["frame", "hits", "negated_hits"]].values.tolist() == [["taiwan", 1, 0], ["conflict", 0, 1]]


def test_yaml_negation_must_be_true_or_false(tmp_path):
    p = tmp_path / "t.yml"
    p.write_text(NEG_YAML.replace("negation: false", "negation: sometimes"))
    with pytest.raises(KitError, match=r"line 5: negation of category 'taiwan' must be true or false"):
        load_dictionary(p)


def test_merging_dictionaries_with_different_negation_for_one_category_fails(tmp_path):
    p = tmp_path / "t.yml"
    p.write_text(NEG_YAML)
    merged = load_dictionary([p, "us_china_issues"])  # both switch negation off for taiwan: fine
    assert not merged.negates("taiwan") and merged.negates("conflict")
    with pytest.raises(KitError, match="negation"):
        load_dictionary([p, {"taiwan": ["Taipei"]}])


def test_us_china_issues_count_negated_mentions():
    d = load_dictionary("us_china_issues")
    assert all(not d.negates(c) for c in d.categories)
    text = "Drills would not resolve the Taiwan question, and there was no military threat to Taiwan."
    h = dictionary_hits(arts(text), d)
    assert h[h["frame"] == "taiwan"]["negated"].tolist() == [False, False]


def test_missing_id_column_is_a_kit_error_listing_the_columns():
    sc = frame_scores(arts("clash clash"), {"c": ["clash"]}, min_hits=1)
    ar = pd.DataFrame({"id": ["d0"], "outlet": ["X"]})
    with pytest.raises(KitError, match="no id column 'doc_id'; columns are id, outlet"):
        frame_prevalence(sc, ar, n_boot=0)
    assert frame_prevalence(sc, ar, n_boot=0, id_col="id")["n_articles"].tolist() == [1]


@pytest.mark.parametrize("name", list(BUNDLED_DICTIONARIES))
def test_data_card_wording_matches_the_layout_and_what_the_kit_prints(name):
    card = Path(load_dictionary(name).source).with_suffix(".md").read_text()
    validated = card.index("## How it was validated")
    table = card.index("| micro |")
    assert table < validated and "figures below" not in card[validated:]  # the table is above (F10)
    assert "responsibility 0.00" not in card  # undefined precision/F1 is NaN, not 0.00
