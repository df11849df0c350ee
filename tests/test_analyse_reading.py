"""A report's tables read partition by partition (kit.analyse.reading, table(doc_ids=), load_corpus(text=False))
equal the whole-table computations on the same corpus."""
import pandas as pd
import pytest

import kit
from kit import analyse
from kit.actors import actor_mentions, actor_salience, load_actors, uncovered_names
from kit.analyse.notebooks import _sum_groups
from kit.corpus.store import Store
from kit.dedupe import dedupe, reprint_clusters
from kit.errors import KitError
from kit.frames import dictionary_hits, frame_evidence, load_dictionary
from kit.frames.coded import apply_frames, train_frames

SAMPLE = "data/sample"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    out = tmp_path_factory.mktemp("reading") / "corpus"
    kit.ingest([SAMPLE], out, partition_size=7, workers=1)  # 44 articles: 7 partitions
    return str(out)


@pytest.fixture(scope="module")
def full(store):
    return kit.load_corpus(store, paragraphs=False).articles


@pytest.fixture(scope="module")
def meta(store):
    return kit.load_corpus(store, paragraphs=False, text=False).articles


def test_text_false_reads_every_column_but_text(store, full, meta):
    assert len(Store(store).partitions) > 3
    assert "text" not in meta.columns
    assert list(meta.columns) == [c for c in full.columns if c != "text"]
    pd.testing.assert_frame_equal(meta, full.drop(columns="text"))


def test_text_false_on_a_single_parquet_file(tmp_path, full):
    path = tmp_path / "c.parquet"
    kit.ingest([SAMPLE], path)
    # a single file is no store: its tables are computed in memory from the articles, which keep their texts
    assert "text" in kit.load_corpus(path, paragraphs=False, text=False).articles.columns
    arts = kit.load_corpus(path, paragraphs=False).articles.drop(columns="text")
    assert len(arts) == len(full)
    back = analyse.with_text(path, arts.iloc[::3])
    assert back["text"].tolist() == kit.load_corpus(path).articles["text"].iloc[::3].tolist()


def test_text_parts_and_with_text_give_the_stored_texts(store, full, meta):
    parts = list(analyse.text_parts(store, meta))
    assert len(parts) == len(Store(store).partitions)
    pd.testing.assert_frame_equal(pd.concat(parts), full)  # same rows, order, columns (text in place) and index
    some = meta.iloc[[40, 3, 17]]  # any order: kept
    assert analyse.with_text(store, some)["text"].tolist() == full["text"].iloc[[40, 3, 17]].tolist()
    assert list(analyse.with_text(store, some).index) == [40, 3, 17]
    assert analyse.with_text(store, meta.iloc[:0])["text"].tolist() == []
    assert analyse.with_text(store, full) is not None and list(analyse.text_parts(store, full))[0] is full
    stranger = meta.head(1).assign(doc_id="not-in-the-store")
    with pytest.raises(KitError, match="not-in-the-store"):
        list(analyse.text_parts(store, pd.concat([meta.head(2), stranger])))


def test_frame_evidence_equals_the_whole_table(store, full, meta):
    hits = dictionary_hits(full, load_dictionary(["generic_frames", "cooperation_security"]))
    assert hits["negated"].any() and hits["doc_id"].nunique() > 7
    for neg in (True, False):
        pd.testing.assert_frame_equal(analyse.frame_evidence(store, hits, meta, include_negated=neg),
                                      frame_evidence(hits, full, include_negated=neg))
    pd.testing.assert_frame_equal(analyse.frame_evidence(store, hits, meta, window=2), frame_evidence(hits, full, window=2))
    pd.testing.assert_frame_equal(analyse.frame_evidence(store, hits.iloc[:0], meta), frame_evidence(hits.iloc[:0], full))


def test_actor_salience_and_uncovered_names_equal_the_whole_table(store, full, meta):
    actors = load_actors("us_china_2023")
    mentions = actor_mentions(full, actors)
    assert mentions["doc_id"].nunique() > 7
    pd.testing.assert_frame_equal(analyse.actor_salience(store, mentions, meta), actor_salience(mentions, full))
    pd.testing.assert_frame_equal(analyse.actor_salience(store, mentions.iloc[:0], meta), actor_salience(mentions.iloc[:0], full))
    got = analyse.uncovered_names(store, meta, actors, n=None)
    assert len(got) > 5
    pd.testing.assert_frame_equal(got, uncovered_names(full, actors, n=None))
    kept = meta.iloc[5:30]
    pd.testing.assert_frame_equal(analyse.uncovered_names(store, kept, actors, min_count=1),
                                  uncovered_names(full.iloc[5:30], actors, min_count=1))


def test_apply_frames_equals_the_whole_table(store, full, meta):
    labels = pd.DataFrame({"doc_id": full["doc_id"], "frame": "economic",
                           "label": full["text"].str.contains("trade|tariff", case=False).astype(int)})
    model = train_frames(full, labels, folds=2, min_df=1, n_boot=0)
    pd.testing.assert_frame_equal(analyse.apply_frames(store, model, meta), apply_frames(model, full))


def test_reprint_clusters_read_the_members_texts_only(tmp_path, monkeypatch):
    out = str(tmp_path / "reprints")
    kit.ingest(["tests/fixtures/dedupe/reprint_corpus.jsonl"], out, partition_size=3, workers=1)
    full = kit.load_corpus(out, paragraphs=False).articles
    meta = kit.load_corpus(out, paragraphs=False, text=False).articles
    expected = reprint_clusters(full, corpus=out)
    assert expected["cluster"].nunique() >= 1 and len(expected) < len(full)  # some articles are no reprint
    read = []
    original = Store.read_table

    def spy(self, table, partition, columns=None):
        read.append(columns)
        return original(self, table, partition, columns)

    monkeypatch.setattr(Store, "read_table", spy)
    got = analyse.reprint_clusters(out, meta)
    pd.testing.assert_frame_equal(got, expected)
    assert read and None not in read  # never the whole articles table
    assert all(c == ["doc_id", "text"] or "text" not in c for c in read)  # texts: one partition at a time


def test_group_counts_of_a_subset_summed_per_partition(store, full, meta, monkeypatch):
    monkeypatch.setattr("kit.analyse.notebooks.SUM_FOLD", 2)  # fold more than once over 7 partitions
    kept = dedupe(meta.iloc[::2], "exact")
    got = analyse.table(store, "group_counts", articles=kept, group_by="outlet")
    terms = analyse.derived(store, "term_counts", mode="sync")
    pd.testing.assert_frame_equal(got, _sum_groups(terms[terms["doc_id"].isin(set(kept["doc_id"]))], kept, "outlet"))
    pd.testing.assert_frame_equal(got, analyse.group_counts(full[full["doc_id"].isin(set(kept["doc_id"]))], group_by="outlet"))


def test_table_doc_ids_reads_only_those_rows(store, full, meta):
    ids = set(meta["doc_id"].iloc[[1, 9, 30]])
    whole = analyse.table(store, "sentence_tone", articles=meta)
    got = analyse.table(store, "sentence_tone", articles=meta, doc_ids=ids)
    pd.testing.assert_frame_equal(got, whole[whole["doc_id"].isin(ids)].reset_index(drop=True))
    subset = meta.iloc[:20]  # the rows of articles that are both asked for and kept
    got = analyse.table(store, "sentence_tone", articles=subset, doc_ids=ids)
    assert set(got["doc_id"]) == ids & set(subset["doc_id"])
    # not a store: computed once in memory, then the same rows
    mem = analyse.table("not/a/store", "sentence_tone", articles=full, doc_ids=ids)
    pd.testing.assert_frame_equal(mem, whole[whole["doc_id"].isin(ids)].reset_index(drop=True))
    with pytest.raises(KitError, match="no doc_id column"):
        analyse.table(store, "group_counts", articles=meta, doc_ids=ids)
    # no article asked for: no row, the columns and types of the table (a report with no actor named)
    pd.testing.assert_frame_equal(analyse.table(store, "sentence_tone", articles=meta, doc_ids=[]), whole.iloc[:0])


def test_doc_ids_read_a_table_with_empty_partitions(store, full, meta):
    """Partitions without a row are stored with an untyped doc_id column; a filtered read skips them."""
    d = {"rare": ["schoolteacher", "photography"]}
    hits = dictionary_hits(full, d)
    assert 0 < hits["doc_id"].nunique() <= 2 < len(Store(store).partitions)  # most partitions hold no hit
    ids = set(hits["doc_id"]) | set(meta["doc_id"].iloc[:3])
    got = analyse.table(store, "frame_hits", articles=meta, doc_ids=ids, dictionary=d)
    pd.testing.assert_frame_equal(got, hits[hits["doc_id"].isin(ids)].reset_index(drop=True))


def test_save_parquet_writes_the_stored_table(store, meta, tmp_path):
    whole = analyse.table(store, "sentence_tone", articles=meta)
    p = analyse.save_parquet(store, "sentence_tone", tmp_path, articles=meta)
    pd.testing.assert_frame_equal(pd.read_parquet(p), whole)
    kept = meta.iloc[3:25]
    p = analyse.save_parquet(store, "sentence_tone", tmp_path, "kept", articles=kept)
    pd.testing.assert_frame_equal(pd.read_parquet(p), analyse.table(store, "sentence_tone", articles=kept))
    assert sorted(f.name for f in tmp_path.iterdir()) == ["kept.parquet", "sentence_tone.parquet"]  # no temporary file left


def test_a_table_computed_in_memory_is_computed_once_for_the_same_articles(full, monkeypatch):
    from kit.analyse import notebooks

    calls = []
    compute = notebooks._compute
    monkeypatch.setattr(notebooks, "_compute", lambda name, *a: calls.append(name) or compute(name, *a))
    monkeypatch.setattr(notebooks, "_LAST_TABLES", {})
    arts = full.copy()
    tone = analyse.table("not/a/store", "article_tone", articles=arts)  # sentence tone first, kept
    some = analyse.table("not/a/store", "sentence_tone", articles=arts, doc_ids=arts["doc_id"].iloc[:3])
    assert calls == ["sentence_tone", "article_tone"] and set(some["doc_id"]) == set(arts["doc_id"].iloc[:3])
    analyse.table("not/a/store", "sentence_tone", articles=arts.iloc[:5])  # other articles: computed again
    assert calls == ["sentence_tone", "article_tone", "sentence_tone"]
    assert len(tone) == len(arts)


# -- per-hit evidence: stored beside the corpus, copied to a report a chunk at a time ----------------------
EVIDENCE_DICTIONARY = ["generic_frames", "cooperation_security"]


@pytest.fixture(scope="module")
def small_groups(tmp_path_factory):
    """A store of 6 partitions whose stored evidence has row groups of 5 rows (many per partition)."""
    from kit.analyse.registry import TABLES

    out = tmp_path_factory.mktemp("evidence") / "corpus"
    kit.ingest([SAMPLE], out, partition_size=8, workers=1)
    saved = TABLES["frame_evidence"]["row_group_rows"]
    TABLES["frame_evidence"]["row_group_rows"] = 5
    try:
        analyse.ensure(str(out), "frame_evidence", mode="sync", dictionary=load_dictionary(EVIDENCE_DICTIONARY))
    finally:
        TABLES["frame_evidence"]["row_group_rows"] = saved
    return str(out)


def test_stored_frame_evidence_equals_the_whole_table(store, full):
    d = load_dictionary(EVIDENCE_DICTIONARY)
    hits = dictionary_hits(full, d)
    assert hits["negated"].any() and len(Store(store).partitions) == 7
    stored = analyse.derived(store, "frame_evidence", mode="sync", dictionary=d)
    pd.testing.assert_frame_equal(stored, frame_evidence(hits, full))
    pd.testing.assert_frame_equal(analyse.derived(store, "frame_evidence", mode="sync", dictionary=d, window=2),
                                  frame_evidence(hits, full, window=2))
    # computed in memory the same way for a corpus that is not a store
    pd.testing.assert_frame_equal(analyse.table("not/a/store", "frame_evidence", articles=full, dictionary=d),
                                  frame_evidence(hits, full))
    wanted = dict(analyse.report_requests([{"dictionary": EVIDENCE_DICTIONARY, "negation_window": 2}]))
    assert wanted["frame_evidence"]["negation_window"] == 2  # computed before the notebooks, as kit run does


@pytest.mark.parametrize("subset", [False, True])
def test_save_frame_evidence_writes_the_whole_table_a_chunk_at_a_time(small_groups, tmp_path, monkeypatch, subset):
    import pyarrow.parquet as pq

    import kit.reporting
    from kit.analyse.storage import Derived

    d = load_dictionary(EVIDENCE_DICTIONARY)
    full = kit.load_corpus(small_groups, paragraphs=False).articles
    meta = kit.load_corpus(small_groups, paragraphs=False, text=False).articles
    if subset:  # a report's articles after dedupe or a date filter: some of the store's
        full, meta = full.iloc[5:33], meta.iloc[5:33]
    hits = analyse.table(small_groups, "frame_hits", articles=meta, dictionary=d)
    assert hits["doc_id"].nunique() > 8
    handle = analyse.find(small_groups, "frame_evidence", dictionary=d)
    with Store(small_groups).fs.open(f"{handle.path}/part-00000.parquet", "rb") as f:
        assert pq.ParquetFile(f).metadata.num_row_groups > 3
    whole = kit.save_table(frame_evidence(hits, full), tmp_path / "whole", "frame_evidence")
    monkeypatch.setattr(kit.reporting, "CSV_CHUNK_ROWS", 17)  # many chunks, each from several partitions
    monkeypatch.setattr(Derived, "read", lambda *a, **k: pytest.fail("the stored evidence was read whole"))

    from kit.analyse import article_rows

    opened, init = [], article_rows._Batches.__init__
    monkeypatch.setattr(article_rows._Batches, "__init__",
                        lambda self, h, part, *a, **k: opened.append(part) or init(self, h, part, *a, **k))
    p = analyse.save_frame_evidence(small_groups, hits, meta, tmp_path / "parts", dictionary=d)
    assert p.read_bytes() == whole.read_bytes()
    store = Store(small_groups)
    holding = [q for q in store.partitions if store.read_table("articles", q, ["doc_id"])["doc_id"].isin(meta["doc_id"]).any()]
    assert opened == holding and len(holding) < len(store.partitions) if subset else len(opened) == len(store.partitions)
    assert [f.name for f in (tmp_path / "parts").iterdir()] == ["frame_evidence.csv"]  # no temporary file left


def test_save_frame_evidence_refuses_hits_that_are_not_the_stored_ones(small_groups, tmp_path):
    d = load_dictionary(EVIDENCE_DICTIONARY)
    meta = kit.load_corpus(small_groups, paragraphs=False, text=False).articles
    hits = analyse.table(small_groups, "frame_hits", articles=meta, dictionary=d)
    with pytest.raises(KitError, match="not the stored frame hits|do not have"):  # a hit left out
        analyse.save_frame_evidence(small_groups, hits.drop(index=3).reset_index(drop=True), meta, tmp_path, dictionary=d)
    with pytest.raises(KitError, match="not the stored frame hits|fewer stored rows"):  # hits in another order
        analyse.save_frame_evidence(small_groups, hits.iloc[::-1].reset_index(drop=True), meta, tmp_path, dictionary=d)
    with pytest.raises(KitError, match="not in the corpus"):
        analyse.save_frame_evidence(small_groups, hits.assign(doc_id="elsewhere"), meta, tmp_path, dictionary=d)
    last = hits["doc_id"].iloc[-1]  # every hit of one article left out (review: was not noticed)
    with pytest.raises(KitError, match="do not have"):
        analyse.save_frame_evidence(small_groups, hits[hits["doc_id"] != last].reset_index(drop=True), meta, tmp_path,
                                    dictionary=d)
    assert not (tmp_path / "frame_evidence.csv").exists()
    # no hit at all: the empty table, as save_table writes it
    p = analyse.save_frame_evidence(small_groups, hits.iloc[:0], meta, tmp_path, dictionary=d)
    assert p.read_text() == "doc_id,frame,pattern,sent_no,start,end,left,keyword,right,sentence,negated\n"


def test_evidence_sample_draws_the_same_rows_as_from_the_whole_table(store, full, meta):
    from kit.frames import evidence_sample

    hits = dictionary_hits(full, load_dictionary(EVIDENCE_DICTIONARY))
    whole = frame_evidence(hits, full)
    draws = set()
    for seed in range(4):
        for n, neg in ((1, False), (3, False), (2, True)):
            got = analyse.evidence_sample(store, hits, meta, n=n, seed=seed, include_negated=neg)
            pd.testing.assert_frame_equal(got, evidence_sample(whole, n=n, seed=seed, include_negated=neg))
            draws.add(tuple(got["start"]))
    assert len(draws) > 4  # seeds and sizes draw different rows


def test_with_text_reads_only_the_partitions_holding_the_articles(store, meta, monkeypatch):
    reads = []
    read_table = Store.read_table
    monkeypatch.setattr(Store, "read_table", lambda self, t, p, columns=None: reads.append((p, tuple(columns or ())))
                        or read_table(self, t, p, columns))
    analyse.with_text(store, meta.iloc[[8]])  # the second partition (7 articles each)
    assert [p for p, cols in reads if "text" in cols] == ["part-00001"]
