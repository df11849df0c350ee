"""Tests of kit.text: the news-aware tokenizer, stopwords, stems, n-grams, tokens and sentences.

Expected values are worked out by hand from the rules in the module docstring.
"""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.errors import KitError
from kit.text import Token, normalise_term, sentences, stopword_set, tokenize, tokens


def terms(text, **kw):
    return [t.term for t in tokenize(text, **kw)]


# ----------------------------------------------------------------------------- tokenizer rules


def test_straight_and_typographic_apostrophes_are_the_same_and_possessives_count_for_the_noun():
    assert terms("China’s") == terms("China's") == terms("China") == ["china"]
    assert terms("the officials’ view") == ["the", "officials", "view"]
    assert terms("O’Brien") == ["o'brien"]


def test_contractions_are_not_possessives():
    assert terms("it’s what’s don’t") == ["it's", "what's", "don't"]


def test_us_the_country_is_not_the_pronoun_and_merges_with_u_s():
    assert terms("U.S. US U.S us Us") == ["US", "US", "US", "us", "us"]
    assert terms("U.S. US", merge_us=False) == ["u.s.", "US"]
    # stopword removal drops the pronoun, never the country
    assert terms("tell us about US and U.S. aid", stopwords="kit") == ["tell", "US", "US", "aid"]
    assert terms("tell us about US", stopwords=["us", "about"]) == ["tell", "US"]


def test_acronyms_that_would_collide_with_function_words_keep_their_capitals():
    assert terms("WHO who IT it NATO Nato") == ["WHO", "who", "IT", "it", "nato", "nato"]


def test_upper_case_possessives_count_for_their_noun():
    # finding 3: the suffix is tested case-blind; an acronym in capitals + 's is a possessive
    assert terms("CHINA'S CHINA’S") == ["china", "china"]
    assert terms("WHO’s chief and the WHO", stopwords="kit") == ["WHO", "chief", "WHO"]
    assert terms("IT'S over, it’s late") == ["it's", "over", "it's", "late"]  # all-capital contraction stays a contraction
    assert terms("U.S.'s role") == ["US", "role"]


def test_words_in_capitals_are_lower_cased_except_the_listed_acronyms():
    # finding 4: a headline in capitals gives the same terms as the sentence in lower case
    assert terms("THE US AND CHINA", stopwords="kit") == ["US", "china"]
    assert terms("TALKS WITH THE WHO ON IT SYSTEMS") == ["talks", "with", "the", "WHO", "on", "IT", "systems"]
    assert terms("HE SAID THEY WOULD", stopwords="kit") == ["said"]
    assert stopword_set(["THE", "US"]) == frozenset({"the", "US"})


def test_dotted_abbreviations_need_a_right_boundary_and_emails_come_first():
    # finding 5: no abbreviation in the middle of a word
    assert [(t.token, t.term) for t in tokenize("Write to j.smith@state.gov about e.coli")] == [
        ("Write", "write"), ("to", "to"), ("j.smith@state.gov", "j.smith@state.gov"), ("about", "about"),
        ("e", "e"), ("coli", "coli")]
    assert terms("U.S.-China a.m. U.K.") == ["US-china", "a.m.", "u.k."]


def test_only_a_small_whole_number_joins_a_fraction():
    # finding 6: "2019 1/3" is a year and a fraction; "7 1/2" and "12 3/16" are mixed numbers
    assert terms("In 2019 1/3 of voters, 7 1/2 and 12 3/16 inches") == [
        "in", "2019", "1/3", "of", "voters", "7 1/2", "and", "12 3/16", "inches"]


def test_handle_and_hashtag_possessives_and_us_variants():
    # finding 7
    assert terms("'#MeToo's' rise, @nytimes’s story") == ["#metoo", "rise", "@nytimes", "story"]
    assert terms("U.S.A. USA U.S.") == ["US", "US", "US"]
    assert terms("U.S.A.", merge_us=False) == ["u.s.a."]
    # the en dash is punctuation (ranges: 2019–2020), so "China–US" is two tokens; the hyphen joins
    assert terms("China–US China-US") == ["china", "US", "china-US"]


def test_hyphenated_compounds_are_one_token_with_parts_normalised():
    assert terms("China-US china-us CHINA-US") == ["china-US", "china-us", "china-US"]
    assert terms("U.S.-China high-stakes 19-year-old") == ["US-china", "high-stakes", "19-year-old"]
    toks = tokenize("China-US high-stakes", split_hyphens=True)
    assert [(t.token, t.term) for t in toks] == [("China", "china"), ("US", "US"), ("high", "high"), ("stakes", "stakes")]
    assert [(t.start, t.end) for t in toks] == [(0, 5), (6, 8), (9, 13), (14, 20)]


def test_numbers_fractions_urls_emails_handles_and_hashtags_stay_whole():
    text = "Prices rose 7 1/2 points, 1,000 tons, 3.5% at 10:30 in the 1990s; see https://example.org/a?b=1. or press@state.gov, @WHO #G20"
    assert terms(text) == ["prices", "rose", "7 1/2", "points", "1,000", "tons", "3.5", "at", "10:30", "in", "the", "1990s",
                           "see", "https://example.org/a?b=1", "or", "press@state.gov", "@who", "#g20"]


def test_punctuation_and_dashes_are_not_tokens():
    assert terms("war—and peace – “quoted” (aside) ... !?") == ["war", "and", "peace", "quoted", "aside"]


def test_offsets_point_into_the_text():
    text = "Mr. Xi’s U.S. trip: “7 1/2 hours”."
    toks = tokenize(text)
    assert all(isinstance(t, Token) for t in toks)
    assert [(t.start, t.end, t.token) for t in toks] == [(0, 2, "Mr"), (4, 8, "Xi’s"), (9, 13, "U.S."), (14, 18, "trip"),
                                                         (21, 26, "7 1/2"), (27, 32, "hours")]
    for t in toks:
        assert text[t.start:t.end] == t.token


NEWSY = st.lists(st.sampled_from(list("aZé9 .,’'-/@#:%\n“”") + ["U.S.", "US", "http://x.io/", "7 1/2", "China’s ", "\u00a0"]),
                 max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(NEWSY)
def test_every_token_is_its_own_span_and_tokens_do_not_overlap(text):
    toks = tokenize(text)
    last = 0
    for t in toks:
        assert text[t.start:t.end] == t.token
        assert t.start >= last
        last = t.end
        assert t.term  # never empty


def test_min_length_and_stopwords():
    assert terms("a bb ccc", min_length=2) == ["bb", "ccc"]
    assert terms("The talks and the deal", stopwords="kit") == ["talks", "deal"]
    assert terms("The talks and the deal", stopwords=["talks"]) == ["the", "and", "the", "deal"]


def test_stemming_uses_snowball_and_leaves_acronyms_and_numbers_alone():
    pytest.importorskip("nltk")
    # Snowball (Porter2) English: running -> run, talks -> talk, tariffs -> tariff
    assert terms("running talks tariffs US 1990s", stem=True) == ["run", "talk", "tariff", "US", "1990s"]


def test_ngrams_do_not_bridge_stopwords():
    toks = tokenize("the trade war talks of the year", stopwords="kit", ngrams=2)
    assert [t.term for t in toks] == ["trade war", "war talks"]
    assert [t.token for t in toks] == ["trade war", "war talks"]
    assert terms("a b c", ngrams=3) == ["a b c"]


@pytest.mark.parametrize("kw", [dict(min_length=0), dict(stem="yes"), dict(ngrams=0), dict(stopwords="klingon"),
                                dict(merge_us=1), dict(stopwords=[1, 2])])
def test_bad_options_fail_loudly(kw):
    with pytest.raises(KitError):
        tokenize("text", **kw)


def test_tokenize_rejects_non_text():
    with pytest.raises(KitError):
        tokenize(None)


def test_normalise_term_is_what_tokenize_uses():
    for s in ["China’s", "U.S.", "WHO", "China-U.S.", "Beijing"]:
        assert tokenize(s)[0].term == normalise_term(s)


# ----------------------------------------------------------------------------- stopwords


def test_kit_stopword_list_is_ours_and_has_the_pronoun_but_not_the_country():
    sw = stopword_set("kit")
    assert {"the", "us", "it's", "don't"} <= sw
    assert "US" not in sw and "china" not in sw


def test_english_list_is_ours_when_nltk_is_missing(monkeypatch):
    import kit.text as kt

    monkeypatch.setattr(kt.stoplists, "_nltk_stopwords", lambda: None)
    assert stopword_set("english") == stopword_set("kit")


def test_english_list_from_nltk_keeps_the_news_rules(monkeypatch):
    # finding 2: NLTK's English list has no "us"; the kit adds it, so the pronoun goes and the country stays
    import kit.text as kt

    fake_nltk = frozenset({"the", "and", "we", "our", "about"})  # a stand-in for NLTK's list, without "us"
    monkeypatch.setattr(kt.stoplists, "_nltk_stopwords", lambda: fake_nltk)
    assert stopword_set("english") == fake_nltk | {"us"}
    assert terms("Tell us about US and the U.S.", stopwords="english") == ["tell", "US", "US"]


def test_stopwords_from_a_user_list_are_normalised():
    assert stopword_set(["The", "China’s", "WHO"]) == frozenset({"the", "china's", "WHO"})


def test_unknown_stopword_list_lists_the_choices():
    with pytest.raises(KitError, match="english"):
        stopword_set("french-ish")


def test_nltk_list_requested_but_missing_says_so():
    from kit.text import _nltk_stopwords

    if _nltk_stopwords() is not None:
        pytest.skip("NLTK stopwords are installed here")
    with pytest.raises(KitError, match="not installed"):
        stopword_set("nltk")


# ----------------------------------------------------------------------------- sentences


def arts(*texts):
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})


def test_abbreviations_titles_months_and_initials_do_not_end_sentences():
    text = ("Mr. Secretary, the U.S. diplomat met Gen. Li and Sen. Warren on Jan. 5 in Washington. "
            "John F. Kennedy was quoted. Prices rose.")
    got = sentences(arts(text))["text"].tolist()
    assert got == ["Mr. Secretary, the U.S. diplomat met Gen. Li and Sen. Warren on Jan. 5 in Washington.",
                   "John F. Kennedy was quoted.", "Prices rose."]


def test_sentence_after_u_s_at_the_end_still_splits():
    got = sentences(arts("He lives in the U.S. The talks ended."))["text"].tolist()
    assert got == ["He lives in the U.S.", "The talks ended."]


def test_sentences_carry_offsets_and_paragraph_numbers_and_never_cross_paragraphs():
    text = "First one. Second one\n\nThird one."
    s = sentences(arts(text))
    assert s.columns.tolist() == ["doc_id", "sent_no", "para_no", "start", "end", "text"]
    assert s["sent_no"].tolist() == [0, 1, 2]
    assert s["para_no"].tolist() == [0, 0, 1]
    for r in s.itertuples():
        assert text[r.start:r.end] == r.text
    assert s["text"].tolist() == ["First one.", "Second one", "Third one."]


def test_paragraph_numbers_from_the_paragraphs_table():
    text = "Body one.\n\nBody two."
    paras = pd.DataFrame({"doc_id": ["d0"] * 3, "para_no": [0, 1, 2], "role": ["title", "body", "body"],
                          "text": ["T", "Body one.", "Body two."]})
    s = sentences(arts(text), paragraphs=paras)
    assert s["para_no"].tolist() == [1, 2]


def test_sentences_of_empty_and_missing_text():
    s = sentences(pd.DataFrame({"doc_id": ["a", "b"], "text": ["", None]}))
    assert len(s) == 0 and list(s.columns) == ["doc_id", "sent_no", "para_no", "start", "end", "text"]


def test_missing_columns_are_named():
    with pytest.raises(KitError, match="text"):
        sentences(pd.DataFrame({"doc_id": ["a"]}))


# ----------------------------------------------------------------------------- tokens table


def test_tokens_table_columns_positions_and_stopword_flags():
    a = arts("Mr. Xi met U.S. envoys.\n\nThey spoke.")
    t = tokens(a, stopwords="kit")
    assert t.columns.tolist() == ["doc_id", "sent_no", "token_no", "start", "end", "token", "term", "is_stop"]
    assert t["term"].tolist() == ["mr", "xi", "met", "US", "envoys", "they", "spoke"]
    assert t["is_stop"].tolist() == [False, False, False, False, False, True, False]
    assert t["sent_no"].tolist() == [0, 0, 0, 0, 0, 1, 1]
    dropped = tokens(a, stopwords="kit", drop_stopwords=True)
    # positions stay those of the full token stream
    assert dropped["token_no"].tolist() == [0, 1, 2, 3, 4, 6]


def test_tokens_do_not_change_the_input():
    a = arts("China’s talks.")
    before = a.copy()
    tokens(a)
    pd.testing.assert_frame_equal(a, before)


def test_sentences_start_after_white_space_and_lower_case_pieces_continue():
    # finding 12: "  Leading space." starts at offset 2; “Go!” she said. is one sentence
    s = sentences(arts("  Leading space. Next one.", "“Go!” she said. Then he left."))
    assert s[["doc_id", "start", "end"]].values.tolist() == [["d0", 2, 16], ["d0", 17, 26], ["d1", 0, 15], ["d1", 16, 29]]
    assert s["text"].tolist() == ["Leading space.", "Next one.", "“Go!” she said.", "Then he left."]


def test_tokenize_keeps_stopwords_by_default_while_tables_leave_them_out():
    # finding 15: tokenize is the raw layer (every token); tokens() and the counting functions default to "english"
    assert terms("the talks") == ["the", "talks"]
    t = tokens(arts("the talks"))
    assert t["is_stop"].tolist() == [True, False]


def test_no_ends_a_sentence_but_not_before_a_number():
    arts = pd.DataFrame({"doc_id": ["a"], "text": [
        "They said no. Agreement came. It was the No. 1 deal, and Nos. 3 and 4 followed."]})
    assert sentences(arts)["text"].tolist() == [
        "They said no.", "Agreement came.", "It was the No. 1 deal, and Nos. 3 and 4 followed."]


# ----------------------------------------------------------------------------- one definition of a word


def test_count_words_is_the_article_n_words_and_the_frames_denominator(tmp_path):
    """The same sentence counts the same number of words as an article's n_words, as the frames
    denominator and as count_words (issue 9: they gave 18 and 16 before)."""
    import kit
    import kit.frames
    from kit.text import count_words

    sentence = ("The U.S. envoy’s high-stakes talks — set for 10:30 a.m. — ended early, officials said; "
                "China's reply (\"no comment\") followed 7 1/2 hours later.")
    # by hand: The, U.S., envoy’s, high-stakes, talks, set, for, 10:30, a.m., ended, early, officials,
    # said, China's, reply, no, comment, followed, 7 1/2, hours, later -> 21 (dashes, quotes, brackets are no words)
    assert count_words(sentence) == 21
    assert len(sentence.split()) != 21  # the old n_words counted "—" and split "7 1/2"
    src = tmp_path / "story.txt"
    src.write_text(f"Harbor Street Weekly\nTalks end\nJune 18, 2023\n\n{sentence}\n", encoding="utf-8")
    arts = kit.load_corpus(src).articles
    assert arts["text"].tolist() == [sentence]
    assert arts["n_words"].tolist() == [21]
    sc = kit.frames.frame_scores(arts, {"talks": ["talks"]}, min_hits=1)
    assert sc["n_tokens"].tolist() == [21]
    assert len(tokenize(sentence)) == 21  # every token, stopwords kept
    # with split hyphens both sides still agree
    opts = kit.text.TokenOptions(split_hyphens=True)
    assert count_words(sentence, opts) == 22 == kit.frames.frame_scores(arts, {"t": ["talks"]}, tokens=opts)["n_tokens"][0]


def test_token_options_one_object_or_flat_keywords():
    from kit.text import TokenOptions

    opts = TokenOptions(stopwords="kit", min_length=3, split_hyphens=True)
    text = "The China-US talks, as planned."
    assert [t.term for t in tokenize(text, tokens=opts)] == [t.term for t in tokenize(
        text, stopwords="kit", min_length=3, split_hyphens=True)] == ["china", "talks", "planned"]
    assert tokens(ARTICLES_FOR_OPTIONS, tokens=opts)["term"].tolist() == tokens(
        ARTICLES_FOR_OPTIONS, stopwords="kit", min_length=3, split_hyphens=True)["term"].tolist()
    with pytest.raises(ValueError, match="give the option in one place"):
        tokenize(text, tokens=opts, min_length=1 + 1)
    with pytest.raises(TypeError, match="tokens must be a kit.text.TokenOptions"):
        tokenize(text, tokens={"stem": True})
    assert opts.replace(stem=True).stem and not opts.stem
    assert TokenOptions.make(stem=True) == TokenOptions(stem=True)


ARTICLES_FOR_OPTIONS = pd.DataFrame({"doc_id": ["a"], "text": ["The China-US talks, as planned."]})


def test_sentence_splitter_uses_installed_punkt_model(monkeypatch):
    """When NLTK's pretrained Punkt model is installed, the one splitter follows it (with the kit's
    repairs); without it the kit's rules split. A stand-in model that cuts after every comma shows
    which path ran (the kit's rules never cut at a comma)."""
    import re as _re

    from kit.text import punkt_model, sentence_spans
    from kit.text import sentence_split as ss

    class CommaModel:
        def span_tokenize(self, block):
            starts = [0] + [m.end() for m in _re.finditer(r",\s*", block)]
            return list(zip(starts, starts[1:] + [len(block)]))

    text = "Talks resumed, Officials said, and then ended."
    monkeypatch.setattr(ss, "_pretrained_punkt", lambda: None)
    assert punkt_model() == "kit"
    assert [text[s:e] for s, e in sentence_spans(text)] == [text]
    monkeypatch.setattr(ss, "_pretrained_punkt", lambda: CommaModel())
    assert punkt_model() == "pretrained"
    # "and then ended." starts lower case, so it continues the sentence before it
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Talks resumed,", "Officials said, and then ended."]


_PIECE_ALPHABET = st.sampled_from(list("ab AZ_.,-'’@#:/\n\t\u00a0\x1c19é…“”($%") + [
    " 7 1/2 ", "2019 1/3", "12 3/16", "www.", "http://", "e.coli", "U.S.", "x@y.com", "\uffff", "‐", "___", "O'Brien"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECE_ALPHABET, max_size=40).map("".join))
def test_count_words_per_piece_equals_one_scan_of_the_whole_text(text):
    """count_words counts per white-space piece (with a cache); that must equal the number of matches
    of one scan of the whole text, fractions ("7 1/2"), URLs, e-mails and the join character included."""
    from kit.text import _token_matches, count_words

    assert count_words(text) == sum(1 for _ in _token_matches(text))
    assert count_words(text) == count_words(text)  # a second call reads the cache


def _find_tokens_plain(text, options):
    """find_tokens as defined: every match of the pattern, split by TokenOptions.terms_of (no cache)."""
    from kit.text import _TOKEN_RE

    out = []
    for m in _TOKEN_RE.finditer(text):
        s = m.group()
        for off, ln, term, keep in options.terms_of(s):
            out.append((m.start() + off, m.start() + off + ln, s[off:off + ln], term, keep))
    return out


@pytest.mark.parametrize("opts", [dict(), dict(stopwords="kit"), dict(split_hyphens=True, stopwords="kit"),
                                  dict(stem=True, min_length=3), dict(merge_us=False, split_hyphens=True)])
def test_find_tokens_remembered_surfaces_give_the_plain_result(opts, monkeypatch):
    import kit.text as kt

    text = ("The U.S.-China talks, the US envoy’s high-stakes trip and China-US trade: high-stakes talks again. "
            "Tell us at press@state.gov or #G20 https://example.com/a-b; 7 1/2 tons, 1990s, O'Brien's view. ") * 3
    options = kt.TokenOptions(**opts)
    want = _find_tokens_plain(text, options)
    assert kt.find_tokens(text, options) == want
    assert kt.find_tokens(text, options) == want  # second time from the remembered surfaces
    monkeypatch.setattr(kt.scan, "SURFACE_CACHE_LIMIT", 3)  # a full cache normalises the rest each time
    fresh = kt.TokenOptions(**opts)
    assert kt.find_tokens(text, fresh) == want and len(fresh._surfaces) == 3


def test_find_tokens_by_pieces_equals_the_whole_text_scan():
    """find_tokens reads white-space pieces (and remembers their tokens): the same tokens as one scan of the
    whole text with the token pattern, on the shapes where a piece's edges could matter (mixed numbers
    across a space, URLs, e-mail addresses, dotted abbreviations, underscores, odd white space, long pieces)."""
    import random

    from kit.text import TokenOptions, _scan_tokens, find_tokens

    shapes = ["U.S.", "7 1/2", "12 3/16", "2019 1/3", "e.coli", "O'Brien’s", "___", "a.m.", "@x's", "#MeToo's",
              "x@y.org", "1,000.5", "19-year-old", "US-China", "www.a.org/x.", "https://a.b/c?d=1),", "\uffff",
              "\u00a0", "\t", "\n", "\u2009", "\u001c", " ", "é", "_a", "(Reuters)", "—", "“quoted,”", "x" * 1200]
    rng = random.Random(7)
    texts = [" ".join(rng.choice(shapes) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    texts += ["".join(rng.choice(shapes) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    for opts in (TokenOptions(), TokenOptions(split_hyphens=True), TokenOptions(stopwords="english", stem=True)):
        for t in texts:
            assert find_tokens(t, opts) == _scan_tokens(t, opts), t
        assert opts._pieces  # the pieces were remembered


# --- count_words_many: the articles table's n_words counted over a whole chunk ----------------

_PIECE_ALPHABET = ["a", "Z", "é", "中", "7", "12", "1/2", "3/16", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003",
                   "\u3000", "\x1c", "\x85", ".", ",", "U.S.", "’s", "'", "-", "—", "_", "__", "@x", "#y", "e@x.org",
                   "http://x.org/a.", "www.y.com", "“", "”", "\u0301", "\U0001f600", "\uffff", "1,000", "3.5", "n't"]


def test_count_words_many_gives_count_words_of_every_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kit.text import count_words, count_words_many

    texts = st.lists(st.sampled_from(_PIECE_ALPHABET), max_size=30).map("".join)

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.one_of(texts, st.text(max_size=40), st.none()), max_size=12))
    def check(batch):
        assert count_words_many(batch).tolist() == [count_words(t) for t in batch]

    check()


def test_count_words_many_on_news_text_and_the_slow_cases():
    from kit.text import count_words, count_words_many

    texts = ["The U.S. envoy’s high-stakes talks — 7 1/2 hours — ended.", "Talks ran 7 1/2 hours.",
             "Plain words only here", "Two\n\nparagraphs, with “quotes” and 1,000 people.", "x\uffffy",
             "A run of ____ under_scores and e-mail press@state.example today.", "", "   ", "\n\n"]
    got = count_words_many(texts)
    assert str(got.dtype) == "int64"
    assert got.tolist() == [count_words(t) for t in texts] == [8, 4, 4, 7, 2, 8, 0, 0, 0]


def test_count_words_many_in_batches(monkeypatch):
    import kit.text
    from kit.text import count_words, count_words_many

    texts = [f"Talk {i}, said “A{i}”.\n\nNext 7 1/2 paragraph." if i % 3 else None for i in range(11)] + ["x"]
    want = [count_words(t) for t in texts]
    monkeypatch.setattr(kit.text.counting, "_MANY_BATCH", 3)
    assert count_words_many(texts).tolist() == want
