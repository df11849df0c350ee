"""The partitioned store: the same tables as in memory, whatever the partitions, workers or file system."""
import importlib
import json
import shutil

import pandas as pd
import pytest

import kit
from kit.corpus import Store, build_corpus, ingest, is_ingested, load_corpus, write_store
from kit.corpus.ingest import Built, read_files
from kit.readers import ReadOptions

ingest_mod = importlib.import_module("kit.corpus.ingest")  # the module, not the function of that name

SAMPLE = "data/sample"


@pytest.fixture(scope="module")
def sample():
    return build_corpus([SAMPLE], workers=1)


def _same(a: kit.Corpus, b: kit.Corpus) -> None:
    pd.testing.assert_frame_equal(a.articles, b.articles)
    pd.testing.assert_frame_equal(a.paragraphs, b.paragraphs)
    pd.testing.assert_frame_equal(a.report.reset_index(drop=True), b.report.reset_index(drop=True))


def test_store_round_trip_in_several_partitions(tmp_path, sample):
    n = len(sample.articles)
    assert n > 10
    store = write_store(sample, tmp_path / "corpus", partition_size=7)
    assert store.partitions == [f"part-{i:05d}" for i in range(-(-n // 7))]
    files = sorted(p.name for p in (tmp_path / "corpus" / "articles").iterdir())
    assert files == [f"{p}.parquet" for p in store.partitions]
    parts = store.manifest["partitions"]
    assert [p["articles"] for p in parts] == [7] * (n // 7) + ([n % 7] if n % 7 else [])
    assert sum(p["paragraphs"] for p in parts) == len(sample.paragraphs)
    # a partition holds the paragraphs of its own articles, nothing else
    for p in store.partitions:
        ids = set(store.read_table("articles", p)["doc_id"])
        assert set(store.read_table("paragraphs", p)["doc_id"]) == ids
    back = load_corpus(tmp_path / "corpus")
    _same(back, sample)
    assert back.manifest["fingerprint"] == sample.manifest["fingerprint"]
    assert is_ingested(tmp_path / "corpus") and not is_ingested(tmp_path)


def test_parallel_reading_gives_identical_tables(tmp_path, monkeypatch, sample):
    monkeypatch.setattr(ingest_mod, "PARALLEL_BATCH_FILES", 3)  # many small batches, sent to 2 processes
    par = build_corpus([SAMPLE], workers=2)
    _same(par, sample)
    assert par.manifest == sample.manifest


def test_read_files_returns_rows_in_file_order(monkeypatch):
    monkeypatch.setattr(ingest_mod, "PARALLEL_BATCH_FILES", 2)
    got = read_files([SAMPLE], format=None, options=ReadOptions(), skipped=[], workers=2)
    paths = [entry["path"] for entry, _ in got]
    assert paths == sorted(paths) and len(paths) > 4
    assert all(isinstance(r, Built) for _, recs in got for r in recs)


def test_fsspec_memory_store():
    url = "memory://kit-test-store/corpus"
    c = ingest(["tests/fixtures/webcopy"], url, partition_size=1)
    s = Store(url)
    assert s.exists() and len(s.partitions) == len(c.articles) == 2
    _same(load_corpus(url), c)
    Store(url).fs.rm("/kit-test-store", recursive=True)


def test_file_url_store(tmp_path):
    c = ingest(["tests/fixtures/webcopy"], f"file://{tmp_path}/corpus")
    assert (tmp_path / "corpus" / "manifest.json").is_file()
    _same(load_corpus(tmp_path / "corpus"), c)


def test_rewriting_a_store_replaces_it_and_keeps_valid_derived_tables(tmp_path):
    out = tmp_path / "corpus"
    ingest(["tests/fixtures/webcopy"], out)
    (out / "derived" / "t" / "k").mkdir(parents=True)
    (out / "derived" / "t" / "k" / "meta.json").write_text("{}")
    ingest(["tests/fixtures/webcopy"], out)  # same sources: derived tables are still valid
    assert (out / "derived" / "t" / "k" / "meta.json").is_file()
    ingest(["tests/fixtures/webcopy/minimal.txt"], out)  # another corpus: they go
    assert not (out / "derived").exists()
    assert json.loads((out / "manifest.json").read_text())["counts"]["articles"] == 1
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_a_folder_that_is_not_a_store_is_never_overwritten(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(kit.KitError, match="exists and is not a corpus store"):
        ingest(["tests/fixtures/webcopy"], tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


def test_empty_corpus_store_has_one_empty_partition(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "empty.txt").write_bytes(b"")
    c = ingest([tmp_path / "src"], tmp_path / "corpus")
    back = load_corpus(tmp_path / "corpus")
    assert c.articles.empty and back.articles.empty
    assert list(back.articles.columns) == list(c.articles.columns)
    assert len(back.report) == 1


def test_store_errors_are_clear(tmp_path):
    with pytest.raises(kit.KitError, match="not a corpus store"):
        Store(tmp_path).manifest
    shutil.rmtree(tmp_path)


def test_ingest_command_writes_a_store(tmp_path, capsys):
    from kit.cli import main

    assert main(["ingest", "tests/fixtures/webcopy", "--out", str(tmp_path / "c"), "--quiet", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert f"manifest: {tmp_path / 'c' / 'manifest.json'}" in out
    assert main(["terms", str(tmp_path / "c")]) == 0


def test_a_corpus_without_paragraphs_keeps_text_ids(tmp_path):
    """An article with an empty body gives no paragraphs; the empty paragraphs table still has text ids,
    so joining it to the articles works (it was float64 and broke notebook 04 on such a corpus)."""
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps({"id": "e1", "media_name": "Nobody Times"}) + "\n", encoding="utf-8")
    for corpus in (build_corpus([str(src)], workers=1), ingest([str(src)], out=tmp_path / "store")):
        assert corpus.paragraphs.empty
        assert pd.api.types.is_string_dtype(corpus.paragraphs["doc_id"])
        assert not pd.api.types.is_numeric_dtype(corpus.paragraphs["text"])
        merged = corpus.paragraphs.merge(corpus.articles[["doc_id", "outlet"]], on="doc_id", how="left")
        assert list(merged.columns) == ["doc_id", "para_no", "role", "text", "outlet"]
    assert pd.api.types.is_string_dtype(load_corpus(tmp_path / "store").paragraphs["doc_id"])


def test_unmapped_source_fields_kept_in_extra_column(tmp_path):
    """A CSV column the kit does not map (a bias rating) is not dropped: it is in the articles
    table's ``extra`` column as JSON, in memory and in the store alike."""
    import json

    from kit.corpus import build_corpus, load_corpus, write_store

    src = tmp_path / "stories.csv"
    src.write_text("title,text,outlet,published,bias\n"
                   "Talks resume,Officials met in Beijing on Monday.,Daily Ledger,2023-06-18,left\n"
                   "Ships sail,Two ships left port.,Harbor Times,2023-06-19,\n", encoding="utf-8")
    corpus = build_corpus([str(src)])
    arts = corpus.articles.sort_values("title").reset_index(drop=True)
    assert json.loads(arts.loc[1, "extra"]) == {"bias": "left"}
    assert arts.loc[0, "extra"] is None or arts.loc[0, "extra"] != arts.loc[0, "extra"]  # missing: no other field
    out = tmp_path / "store"
    write_store(corpus, out)
    stored = load_corpus(out).articles.sort_values("title").reset_index(drop=True)
    assert stored["extra"].tolist()[1] == arts["extra"].tolist()[1]
