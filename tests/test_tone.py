"""Tone: VADER per sentence (checked against the vaderSentiment package), aggregation and intervals."""
import numpy as np
import pandas as pd
import pytest

from kit.errors import KitError
from kit.tone import actor_tone, article_tone, lexicon_source, sentence_tone, tone_by_group

SENTENCES = [
    "The talks were a great success and both sides were happy.",
    "The attack was horrible, and officials were furious.",
    "The meeting took place on Tuesday in a hotel.",
    "It was NOT a good day for diplomacy!",
    "Relations are not bad, but they are hardly warm.",
]


def test_a_lexicon_is_available_offline():
    assert lexicon_source() in ("nltk", "vaderSentiment")


def test_sentence_scores_match_the_reference_vader_implementation():
    ref_mod = pytest.importorskip("vaderSentiment.vaderSentiment")
    ref = ref_mod.SentimentIntensityAnalyzer()
    arts = pd.DataFrame({"doc_id": ["a"], "text": ["\n\n".join(SENTENCES)]})
    t = sentence_tone(arts)
    assert t["text"].tolist() == SENTENCES
    for s, c in zip(t["text"], t["compound"]):
        assert c == pytest.approx(ref.polarity_scores(s)["compound"], abs=0.02), s
    assert t["compound"].iloc[0] > 0.5 and t["compound"].iloc[1] < -0.5 and t["compound"].iloc[2] == 0.0
    assert np.allclose(t[["neg", "neu", "pos"]].sum(axis=1), 1.0, atol=0.002)


def test_sentence_tone_keeps_the_sentence_offsets():
    text = "Good news came. Then bad news."
    t = sentence_tone(pd.DataFrame({"doc_id": ["a"], "text": [text]}))
    assert [text[s:e] for s, e in zip(t["start"], t["end"])] == t["text"].tolist()
    assert list(t.columns) == ["doc_id", "sent_no", "para_no", "start", "end", "text", "neg", "neu", "pos", "compound"]


def test_article_tone_hand_computed():
    st = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "compound": [0.6, -0.3, 0.02, -0.05]})
    at = article_tone(st).set_index("doc_id")
    assert at.loc["a", "n_sentences"] == 3
    assert at.loc["a", "mean_compound"] == pytest.approx((0.6 - 0.3 + 0.02) / 3)
    assert at.loc["a", "share_positive"] == pytest.approx(1 / 3) and at.loc["a", "share_negative"] == pytest.approx(1 / 3)
    assert at.loc["b", "share_negative"] == 1.0  # -0.05 is negative (cut-off inclusive)


def test_tone_by_group_interval_against_an_independent_bootstrap():
    x = np.array([0.2, -0.1, 0.4, 0.05, 0.3, -0.2, 0.1])
    at = pd.DataFrame({"doc_id": list("abcdefg"), "n_sentences": 2, "mean_compound": x, "share_positive": 0.5,
                       "share_negative": 0.0})
    arts = pd.DataFrame({"doc_id": list("abcdefg"), "outlet": "W"})
    out = tone_by_group(at, arts, n_boot=600, seed=4).iloc[0]
    rng = np.random.default_rng(4)
    stats = x[rng.integers(0, 7, size=(600, 7))].mean(axis=1)
    assert [out["compound_low"], out["compound_high"]] == pytest.approx(list(np.quantile(stats, [0.025, 0.975])))
    assert out["mean_compound"] == pytest.approx(x.mean()) and out["n_sentences"] == 14


def test_actor_tone_counts_each_sentence_once_and_resamples_articles():
    st = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "c"], "sent_no": [0, 1, 0, 0, 1],
                       "compound": [0.5, -0.4, 0.1, 0.3, 0.0]})
    m = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "c", "c", "a"], "actor": ["X", "X", "X", "X", "X", "Y", "Y"],
                      "where": ["text", "text", "text", "text", "text", "text", "title"],
                      "sent_no": [0, 0, 1, 0, 1, 0, -1]})
    out = actor_tone(st, m, n_boot=500, seed=9).set_index("actor")
    assert out.loc["X", "n_sentences"] == 4 and out.loc["X", "n_articles"] == 3
    assert out.loc["X", "mean_compound"] == pytest.approx((0.5 - 0.4 + 0.1 + 0.0) / 4)
    assert out.loc["Y", "n_sentences"] == 1  # the title mention does not count
    # independent cluster bootstrap: per article sums and counts (a: 0.1/2, b: 0.1/1, c: 0.0/1)
    sums, counts = np.array([0.1, 0.1, 0.0]), np.array([2, 1, 1])
    rng = np.random.default_rng(9)
    stats = []
    for _ in range(500):
        i = rng.integers(0, 3, size=3)
        stats.append(sums[i].sum() / counts[i].sum())
    assert [out.loc["X", "compound_low"], out.loc["X", "compound_high"]] == pytest.approx(list(np.quantile(stats, [0.025, 0.975])))


def test_actor_tone_by_group_needs_articles():
    st = pd.DataFrame({"doc_id": ["a"], "sent_no": [0], "compound": [0.5]})
    m = pd.DataFrame({"doc_id": ["a"], "actor": ["X"], "where": ["text"], "sent_no": [0]})
    with pytest.raises(KitError, match="articles"):
        actor_tone(st, m, group_by="outlet")
    out = actor_tone(st, m, pd.DataFrame({"doc_id": ["a"], "outlet": ["W"]}), group_by="outlet", n_boot=0)
    assert out[["outlet", "actor", "n_sentences"]].values.tolist() == [["W", "X", 1]]


def test_bad_bootstrap_arguments_fail_loudly():
    at = pd.DataFrame({"doc_id": ["a"], "n_sentences": [1], "mean_compound": [0.1], "share_positive": [1.0],
                       "share_negative": [0.0]})
    with pytest.raises(KitError, match="n_boot"):
        tone_by_group(at, pd.DataFrame({"doc_id": ["a"], "outlet": ["W"]}), n_boot=-5)


# ----------------------------------------------------------------------------- review fixes (F4, F5, F7)


def test_tone_by_group_counts_articles_without_body_sentences():
    arts = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "outlet": ["X", "X", "X", "Y"],
                         "text": ["The talks were a great success.", None, "", "   "]})
    at = article_tone(sentence_tone(arts))
    assert at["doc_id"].tolist() == ["a"]  # only a has sentences
    out = tone_by_group(at, arts, n_boot=0).set_index("outlet")
    assert out.loc["X", "n_articles"] == 3 and out.loc["X", "n_with_tone"] == 1
    assert out.loc["X", "mean_compound"] == pytest.approx(at["mean_compound"].iloc[0])
    # a group none of whose articles has a sentence is reported, with no tone
    assert out.loc["Y", "n_articles"] == 1 and out.loc["Y", "n_with_tone"] == 0 and out.loc["Y", "n_sentences"] == 0
    assert np.isnan(out.loc["Y", "mean_compound"]) and np.isnan(out.loc["Y", "compound_low"])


def test_tone_by_group_one_article_has_no_bootstrap_interval():
    at = pd.DataFrame({"doc_id": ["a"], "n_sentences": [3], "mean_compound": [0.4], "share_positive": [1.0],
                       "share_negative": [0.0]})
    out = tone_by_group(at, pd.DataFrame({"doc_id": ["a"], "outlet": ["W"]}), n_boot=200).iloc[0]
    assert out["mean_compound"] == pytest.approx(0.4)
    assert np.isnan(out["compound_low"]) and np.isnan(out["compound_high"])


def test_missing_id_column_is_a_kit_error_listing_the_columns():
    at = pd.DataFrame({"doc_id": ["a"], "n_sentences": [1], "mean_compound": [0.1], "share_positive": [1.0],
                       "share_negative": [0.0]})
    with pytest.raises(KitError, match="no id column 'doc_id'; columns are id, outlet"):
        tone_by_group(at, pd.DataFrame({"id": ["a"], "outlet": ["W"]}))
    st = pd.DataFrame({"doc_id": ["a"], "sent_no": [0], "compound": [0.5]})
    m = pd.DataFrame({"doc_id": ["a"], "actor": ["X"], "where": ["text"], "sent_no": [0]})
    with pytest.raises(KitError, match="columns are id, outlet"):
        actor_tone(st, m, pd.DataFrame({"id": ["a"], "outlet": ["W"]}), group_by="outlet")


# -- the shortcut for sentences without a lexicon word: identical to VADER on every sentence ------
EDGE_SENTENCES = [
    "", "a", "I", "...", "!!!", "?? ?", "No.", "no", "never", "Not.", "The committee met on Tuesday.",
    "It was not bad.", "It isn't good.", "Officials were never so happy.", "It was kind of good.",
    "kind of", "Kind of a meeting.", "very very", "It was GOOD, the talks.", "THE TALKS WERE GOOD.",
    "THE TALKS ENDED ON TUESDAY.", "At least they met.", "The talks were good but the dinner was bad.",
    "but", "But the meeting happened.", "The envoy smiled :) and left :-(", ":D", "<3", "(good)", "good!!!",
    "--good--", "'good'", "\"bad\"", "“good” and “bad”", "#bad news", "@good", "naïve résumé café",
    "The U.S. envoy’s high-stakes talks — 7 1/2 hours — ended.", "GREAT!!", "great??", "great?!?!",
    "Good. Bad. Ugly.", "kind", "of", "The talks, frankly, were not without merit.", "yes", "Yes!",
    "The meeting was a success?", "sort of bad", "He was least happy.", "At least he was happy.",
    "It was the least bad option.", "good-bad", "good,bad", "ok", "OK", "lol", "12 3/16 inches",
]


def _vader_on_each(sentences):
    from kit.tone import _analyzer, polarity_scores

    sia, _ = _analyzer()
    for s in sentences:
        assert polarity_scores(s, sia) == sia.polarity_scores(s), s


def test_polarity_scores_equal_vader_on_crafted_edge_cases():
    _vader_on_each(EDGE_SENTENCES + SENTENCES)


def test_polarity_scores_equal_vader_on_every_sentence_of_the_sample():
    from kit import load_corpus
    from kit.text import sentences as split_sentences

    arts = load_corpus("data/sample").articles
    sents = split_sentences(arts)["text"].tolist()
    from kit.tone import _analyzer, _has_lexicon_word

    lex = _analyzer()[0].lexicon
    skipped = sum(not _has_lexicon_word(s, lex) for s in sents)
    assert len(sents) > 500 and 50 < skipped < len(sents) - 50  # both paths are taken
    _vader_on_each(sents)


def test_the_shortcut_is_taken_and_gives_the_neutral_result():
    from kit.tone import _analyzer, _has_lexicon_word, polarity_scores

    sia, _ = _analyzer()
    assert not _has_lexicon_word("The committee met on Tuesday.", sia.lexicon)
    assert _has_lexicon_word("(good)", sia.lexicon) and _has_lexicon_word(":)", sia.lexicon)
    assert polarity_scores("a") == {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}


from hypothesis import given, settings  # noqa: E402 (imported where the property test starts)
from hypothesis import strategies as st  # noqa: E402 (imported where the property test starts)

_PIECES = ["good", "GOOD", "bad", "not", "never", "kind", "of", "but", "BUT", "very", "least", "at", "so", "this",
           "talks", "met", "the", "Tuesday", ":)", ":(", "!", "?", ",", ".", "'", "(", ")", "-", "“", "”", "a", "I",
           "happy", "without", "doubt", "sort", "no"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(["", " ", "  "])), max_size=14))
def test_polarity_scores_equal_vader_on_generated_sentences(parts):
    _vader_on_each(["".join(p + sep for p, sep in parts)])
