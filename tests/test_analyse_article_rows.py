"""The quotes of a report's articles read a part at a time (kit.analyse.article_rows) and report 04's
summaries reduced over the parts (kit.quotes.summary *_in_parts) equal the whole-table results:
the same rows in the same order, the same summaries (assert_frame_equal), the same CSV bytes."""
import numpy as np
import pandas as pd
import pytest

import kit
import kit.reporting
from kit import analyse
from kit.analyse import article_rows
from kit.analyse.storage import Derived
from kit.corpus.store import Store
from kit.dedupe import dedupe
from kit.quotes import example_quotes, sources, speech_acts, top_speakers
from kit.quotes.summary import example_quotes_in_parts, sources_in_parts, top_speakers_in_parts

SAMPLE = "data/sample"
DAMAGED = "tests/fixtures/quotes/damaged_marks.jsonl"  # invented articles with unbalanced and stray marks
ACTORS = "kit/resources/actors/us_china_2023.yml"  # sides for the by="side" summaries


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    out = tmp_path_factory.mktemp("rows") / "corpus"
    kit.ingest([SAMPLE, DAMAGED], out, partition_size=7, workers=1)  # 50 articles: 8 partitions
    return str(out)


@pytest.fixture(scope="module")
def meta(store):
    return kit.load_corpus(store, paragraphs=False, text=False).articles


@pytest.fixture
def small(monkeypatch):
    """Parts of a few rows, partitions read a few rows at a time: every part from several batches."""
    monkeypatch.setattr(kit.reporting, "CSV_CHUNK_ROWS", 25)
    monkeypatch.setattr(article_rows, "BATCH_ROWS", 4)


def test_missing_text_is_none_in_every_partition(store, meta):
    """Derived.read: the gaps of a text column (``negator`` of the frame hits) are None, in the whole
    table, in each partition and in a subset, although a partition with negators stores the column as
    text (read back with NaN gaps) and one without any as nulls (read back as None)."""
    h = analyse.ensure(store, "frame_hits", dictionary="generic_frames", negation_window=3)
    with_negator = [bool(h.read(p["name"])["negator"].notna().any()) for p in h.meta["partitions"] if p["rows"]]
    assert True in with_negator and False in with_negator  # both kinds of partition
    reads = [h.read(), h.read(doc_ids=meta["doc_id"].iloc[::3])] + [h.read(p["name"]) for p in h.meta["partitions"]]
    for table in reads:
        gaps = [v for v in table["negator"].tolist() if not isinstance(v, str)]
        assert table["negator"].dtype == object and all(v is None for v in gaps), {type(v) for v in gaps}
    assert len(reads[0]) > len([v for v in reads[0]["negator"] if isinstance(v, str)]) > 3


def test_the_merge_is_needed(store):
    """The partitions' article ids interleave, so that the table's order is a merge of them."""
    ranges = [(p["doc_id"].min(), p["doc_id"].max()) for p in
              (Store(store).read_table("articles", part, ["doc_id"]) for part in Store(store).partitions)]
    assert any(lo2 < hi1 for (_, hi1), (lo2, _) in zip(ranges, ranges[1:]))


@pytest.mark.parametrize("name", ["quotes", "quote_problems", "frame_hits"])
@pytest.mark.parametrize("subset", [False, True])
def test_parts_are_the_table(store, meta, small, name, subset, monkeypatch, tmp_path):
    arts = meta.iloc[::2] if subset else meta  # a report's subset (dates, duplicates dropped) or all
    size = 1 if name == "quote_problems" else 25
    monkeypatch.setattr(kit.reporting, "CSV_CHUNK_ROWS", size)
    whole = analyse.table(store, name, articles=arts)
    rows = analyse.rows(store, name, articles=arts)
    parts = list(rows.parts())
    assert len(whole) > (2 if name == "quote_problems" else 10) and len(parts) > 2 and len(rows) == len(whole)
    pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), whole)
    for p in parts:  # whole articles, about ``size`` rows each
        assert len(p) <= size or p["doc_id"].nunique() == 1
    ids = [set(p["doc_id"]) for p in parts]
    assert all(not (a & b) for i, a in enumerate(ids) for b in ids[i + 1:])
    cols = list(rows.parts(["kind", "speaker"]))[0].columns.tolist() if name == "quotes" else None
    assert cols in (None, ["doc_id", "kind", "speaker"])
    assert rows.save(tmp_path, "t").read_bytes() == kit.save_table(whole, tmp_path, "w").read_bytes()
    pd.testing.assert_frame_equal(rows.head(7), whole.head(7))


FRAMES = {"dictionary": "generic_frames", "negation_window": 3}


@pytest.mark.parametrize("subset", [False, True])
def test_frame_hits_in_parts_give_the_whole_tables_files_and_sample(store, meta, small, subset, tmp_path):
    """Report 03's steps on the hits' parts: the evidence file, the negated hits and the seeded
    sample are those of the whole hits table (for many seeds and n)."""
    from kit.dictionaries import load_dictionary
    from kit.frames import evidence_sample

    arts = meta.iloc[1::2] if subset else meta
    d = load_dictionary(["generic_frames"])
    opts = {"dictionary": d, "negation_window": 3}
    whole = analyse.table(store, "frame_hits", articles=arts, **opts)
    hits = analyse.rows(store, "frame_hits", articles=arts, **opts)
    assert len(list(hits.parts())) > 3 and whole["negated"].any() and whole["frame"].nunique() > 2
    got = analyse.save_frame_evidence(store, hits, arts, tmp_path / "parts", **opts).read_bytes()
    assert got == analyse.save_frame_evidence(store, whole, arts, tmp_path / "whole", **opts).read_bytes()
    pd.testing.assert_frame_equal(hits.rows_with("negated", [True]), whole[whole["negated"]].reset_index(drop=True))
    for seed in range(8):
        for n in (1, 3, 50):
            for neg in (False, True):
                pd.testing.assert_frame_equal(analyse.reading._sample_in_parts(hits, n=n, seed=seed, include_negated=neg),
                                              evidence_sample(whole, n=n, seed=seed, include_negated=neg))
    pd.testing.assert_frame_equal(analyse.evidence_sample(store, hits, arts, n=2, seed=4),
                                  analyse.evidence_sample(store, whole, arts, n=2, seed=4))


def test_frame_hits_without_any_hit(store, meta, tmp_path):
    """Articles without a hit: an empty part, an empty sample and an empty evidence file, as whole."""
    d = {"nothing": ["zzqxv"]}
    whole = analyse.table(store, "frame_hits", articles=meta, dictionary=d)
    hits = analyse.rows(store, "frame_hits", articles=meta, dictionary=d)
    assert len(whole) == 0 and len(hits) == 0
    assert analyse.evidence_sample(store, hits, meta).empty
    got = analyse.save_frame_evidence(store, hits, meta, tmp_path / "p", dictionary=d).read_bytes()
    assert got == analyse.save_frame_evidence(store, whole, meta, tmp_path / "w", dictionary=d).read_bytes()


def test_quotes_csv_and_speech_acts_are_the_same_files(store, meta, small, tmp_path):
    whole = analyse.table(store, "quotes", articles=meta)
    rows = analyse.rows(store, "quotes", articles=meta)
    assert rows.save(tmp_path, "q").read_bytes() == kit.save_table(whole, tmp_path, "w").read_bytes()
    first, n = analyse.save_speech_acts(rows, tmp_path, "acts", head=5)
    acts = speech_acts(whole)
    assert n == len(acts) > 25
    assert (tmp_path / "acts.csv").read_bytes() == kit.save_table(acts, tmp_path, "wa").read_bytes()
    pd.testing.assert_frame_equal(first, acts.head(5))


@pytest.mark.parametrize("group_by", ["outlet", "month", None, "doc_id"])
def test_summaries_equal_the_whole_tables(store, meta, small, group_by):
    arts = dedupe(meta, "exact", corpus=store)
    actors = ACTORS
    whole = analyse.table(store, "quotes", articles=arts, actors=actors)
    rows = analyse.rows(store, "quotes", articles=arts, actors=actors)
    assert len(list(rows.parts())) > 2
    for by in (None, "speaker_type", "side", "speaker", "kind"):
        pd.testing.assert_frame_equal(analyse.quote_sources(rows, group_by=group_by, by=by),
                                      sources(whole, arts, group_by=group_by, by=by))
    for n in (1, 3):
        pd.testing.assert_frame_equal(analyse.top_speakers(rows, group_by=group_by, n=n),
                                      top_speakers(whole, arts, group_by=group_by, n=n))
    for seed in (0, 1, 7):
        got = analyse.example_quotes(rows, group_by=group_by, n=2, seed=seed)
        pd.testing.assert_frame_equal(got, example_quotes(whole, arts, group_by=group_by, n=2, seed=seed))
    assert len(analyse.example_quotes(rows, group_by=group_by, n=2, seed=0)) > 1


def test_reductions_on_any_split_at_article_boundaries(store, meta):
    """The *_in_parts helpers alone, on random splits of the whole table (one article per part, too)."""
    whole = analyse.table(store, "quotes", articles=meta)
    ids = whole["doc_id"].drop_duplicates().tolist()
    rng = np.random.default_rng(3)
    for cuts in (sorted(rng.choice(np.arange(1, len(ids)), 5, replace=False)), list(range(1, len(ids)))):
        bounds = [0, *cuts, len(ids)]
        parts = [whole[whole["doc_id"].isin(ids[a:b])] for a, b in zip(bounds, bounds[1:])]
        pd.testing.assert_frame_equal(sources_in_parts(parts, meta, group_by="outlet", by="speaker_type"),
                                      sources(whole, meta, group_by="outlet", by="speaker_type"))
        pd.testing.assert_frame_equal(sources_in_parts(parts, meta, group_by="outlet"),
                                      sources(whole, meta, group_by="outlet"))
        pd.testing.assert_frame_equal(top_speakers_in_parts(parts, meta, n=4), top_speakers(whole, meta, n=4))
        pd.testing.assert_frame_equal(example_quotes_in_parts(lambda cols: parts, meta, n=2, seed=5),
                                      example_quotes(whole, meta, n=2, seed=5))


def test_no_quote_at_all_gives_the_empty_tables(store, meta):
    """Articles without quotes: one empty part, and the summaries' empty tables as on the whole table."""
    whole_all = analyse.table(store, "quotes", articles=meta)
    none = meta[~meta["doc_id"].isin(whole_all["doc_id"])].head(2)
    assert len(none)
    rows = analyse.rows(store, "quotes", articles=none)
    whole = analyse.table(store, "quotes", articles=none)
    assert len(rows) == 0 and len(whole) == 0
    assert list(next(rows.parts()).columns) == list(whole.columns)
    for by in (None, "speaker_type"):
        pd.testing.assert_frame_equal(analyse.quote_sources(rows, group_by="outlet", by=by),
                                      sources(whole, none, group_by="outlet", by=by), check_dtype=False,
                                      check_index_type=False)
    assert len(analyse.example_quotes(rows, n=2)) == 0


def test_the_stored_table_is_never_read_whole(store, meta, small, monkeypatch, tmp_path):
    """Fails if a step reads the stored quotes whole (Derived.read) or holds more than a part of them."""
    read = Derived.read

    def not_whole(self, partition=None, columns=None, doc_ids=None):
        if self.table in ("quotes", "quote_problems"):
            raise AssertionError(f"the stored {self.table} table was read")
        return read(self, partition, columns, doc_ids)

    biggest = analyse.table(store, "quotes", articles=meta)["doc_id"].value_counts().max()  # (stored first)
    monkeypatch.setattr(Derived, "read", not_whole)
    largest = []
    take = article_rows._Batches.take_table

    def watched(self, k):
        largest.append(k)
        return take(self, k)

    monkeypatch.setattr(article_rows._Batches, "take_table", watched)
    rows = analyse.rows(store, "quotes", articles=meta)
    rows.save(tmp_path, "q")
    analyse.save_speech_acts(rows, tmp_path)
    analyse.quote_sources(rows, group_by="outlet")
    analyse.top_speakers(rows, n=3)
    analyse.example_quotes(rows, n=2)
    assert largest and max(largest) <= max(25, biggest)  # a part's rows at a time


def test_sources_corpus_gives_the_table_in_one_part(meta, tmp_path):
    data = kit.load_corpus(SAMPLE)
    rows = analyse.rows(SAMPLE, "quotes", articles=data.articles, paragraphs=data.paragraphs)
    whole = analyse.table(SAMPLE, "quotes", articles=data.articles, paragraphs=data.paragraphs)
    parts = list(rows.parts())
    assert len(parts) == 1 and len(rows) == len(whole)
    pd.testing.assert_frame_equal(parts[0], whole)
    pd.testing.assert_frame_equal(analyse.quote_sources(rows, group_by="outlet"),
                                  sources(whole, data.articles, group_by="outlet"))


def test_only_per_article_tables(store, meta):
    with pytest.raises(kit.KitError, match="rows\\(\\) reads quotes, quote_problems"):
        analyse.rows(store, "sentence_tone", articles=meta)
