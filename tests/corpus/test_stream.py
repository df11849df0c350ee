"""Streaming ingest and split exports: the same store as the in-memory path, record numbers included."""
import importlib
import json
import shutil

import numpy as np
import pandas as pd
import pytest

from kit.corpus import build_corpus, ingest, split, write_store
from kit.corpus.stream import StoredCorpus, ingest_store

stream = importlib.import_module("kit.corpus.stream")

EXPORTS = ["tests/fixtures/readers/mediacloud_export.csv", "tests/fixtures/readers/mediacloud_export.jsonl",
           "tests/fixtures/readers/utf8_bom.jsonl", "tests/fixtures/readers/custom_columns.csv",
           "tests/fixtures/hostile/hostile_export.jsonl", "tests/fixtures/terms/articles.jsonl"]


def _write_exports(folder):
    """Our fixtures plus two exports written here: blank lines, CRLF and CR line ends, bad JSON, a
    record that is not an object, an exact duplicate, quoted CSV fields over several lines."""
    folder.mkdir()
    for p in EXPORTS:
        shutil.copy(p, folder)
    lines = []
    for i in range(40):
        rec = {"title": f"Story {i % 30}", "media_name": f"Outlet {i % 3}", "publish_date": f"2023-05-{1 + i % 28:02d}",
               "text": f"Paragraph one of story {i % 30}.\n\nA second paragraph, \"quoted\", number {i % 30}."}
        lines.append(json.dumps(rec))
        if i % 7 == 3:
            lines.append("")  # blank lines count as lines, not records
        if i % 11 == 5:
            lines.append('{"title": "broken", "text": ')  # not JSON: rejected with its line and record
        if i % 13 == 6:
            lines.append("[1, 2]")  # not an object
    (folder / "wire.jsonl").write_bytes(("\r\n".join(lines[:50]) + "\n" + "\n".join(lines[50:]) + "\n").encode())
    rows = ["title,outlet,date,text"]
    for i in range(30):
        rows.append(f'"Row {i}, with a comma",Outlet {i % 4},2023-06-{1 + i % 28:02d},"Body {i} line one.\n\n'
                    f'Body {i} says ""hello"" on line three."')
        if i % 9 == 4:
            rows.append("only,three,fields")  # wrong number of fields: rejected with its line
    (folder / "rows.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def _same_store(a, b):
    pd.testing.assert_frame_equal(a.articles(), b.articles())
    pd.testing.assert_frame_equal(a.paragraphs(), b.paragraphs())
    pd.testing.assert_frame_equal(a.report(), b.report())
    assert a.manifest == b.manifest


@pytest.mark.parametrize("workers", [1, 2])
def test_split_exports_give_the_single_read_tables(tmp_path, monkeypatch, workers):
    _write_exports(tmp_path / "src")
    calls, whole = [], []
    real, real_files = stream._range_task, stream._files_task
    monkeypatch.setattr(split, "RANGE_BYTES", 300)  # every export over 600 bytes is cut into ranges
    if workers == 1:  # tasks run in this process: count them
        monkeypatch.setattr(stream, "_range_task", lambda *a: calls.append(a[0]) or real(*a))
        monkeypatch.setattr(stream, "_files_task", lambda items, *a: whole.extend(i.path for i in items) or real_files(items, *a))
    single = build_corpus([tmp_path / "src"], workers=1, split=False)
    assert not calls  # (split=False: every file read in one piece)
    whole.clear()
    expected = write_store(single, tmp_path / "a", partition_size=9)
    got = ingest_store([tmp_path / "src"], tmp_path / "b", partition_size=9, workers=workers)
    _same_store(expected, got.store)
    # build_corpus reads big exports in ranges too (kit terms EXPORT), with the same tables
    in_memory = build_corpus([tmp_path / "src"], workers=workers)
    for name in ("articles", "paragraphs", "report"):
        pd.testing.assert_frame_equal(getattr(in_memory, name), getattr(single, name))
    assert in_memory.manifest == single.manifest
    calls.clear()
    whole.clear()
    ingest_store([tmp_path / "src"], tmp_path / "c", partition_size=9, workers=workers)
    if workers == 1:  # ranges were read in this process, so they were counted
        split_files = {r.path.rsplit("/", 1)[1] for r in calls}
        assert split_files == {"wire.jsonl", "rows.csv", "mediacloud_export.csv", "mediacloud_export.jsonl",
                               "hostile_export.jsonl", "articles.jsonl"} and len(calls) > 30
        assert sorted(whole) == ["custom_columns.csv", "utf8_bom.jsonl"]  # small: read whole; no fallback
    rep = single.report
    # record numbers and lines in the report are those of the whole file (checked by hand on wire.jsonl)
    bad = rep[(rep.source_path == "wire.jsonl") & rep.reason.str.startswith("not JSON")]
    assert list(bad.record) == [7, 20, 33, 46] and list(bad.line) == [8, 22, 37, 52]
    wrong = rep[(rep.source_path == "rows.csv") & (rep.status == "rejected")]
    assert list(wrong.record) == [6, 16, 26] and list(wrong.line) == [17, 45, 73]


def test_a_broken_csv_row_makes_the_file_read_in_one_piece(tmp_path, monkeypatch):
    (tmp_path / "src").mkdir()
    rows = ["title,text"] + [f'T{i},"Body {i}\n\nmore {i}"' for i in range(20)]
    rows[8] = 'T7,"an unclosed quotation mark'  # the single read re-reads the lines after it
    (tmp_path / "src" / "x.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(split, "RANGE_BYTES", 40)
    fell_back = []
    real = stream._files_task
    monkeypatch.setattr(stream, "_files_task", lambda items, *a: fell_back.extend(items) or real(items, *a))
    expected = write_store(build_corpus([tmp_path / "src"], workers=1, split=False), tmp_path / "a")
    got = ingest_store([tmp_path / "src"], tmp_path / "b", workers=1)
    _same_store(expected, got.store)
    assert [i.path for i in fell_back] == ["x.csv"]


def test_plan_ranges_cuts_only_between_records(tmp_path):
    text = 'title,text\n' + "".join(f'T{i},"a\n""b""\nc"\n' for i in range(50))
    p = tmp_path / "x.csv"
    p.write_text(text, encoding="utf-8")
    ranges, sha, size = split.plan_ranges(str(p), "csv", range_bytes=25)
    assert size == len(text.encode()) and len(ranges) > 10
    assert [r.start for r in ranges[1:]] == [r.end for r in ranges[:-1]] and ranges[-1].end == size
    data = p.read_bytes()
    for r in ranges[1:]:  # every range starts with a row
        assert data[r.start:r.start + 1] == b"T" and r.header == b"title,text\n"
    import hashlib
    assert sha == hashlib.sha256(data).hexdigest()


def test_streaming_ingest_matches_the_in_memory_store_on_the_sample(tmp_path):
    src = ["data/sample", "tests/fixtures/webcopy", "tests/fixtures/exports"]
    expected = write_store(build_corpus(src, workers=1, drop_duplicates=True), tmp_path / "a", partition_size=5)
    got = ingest(src, tmp_path / "b", partition_size=5, drop_duplicates=True)
    assert isinstance(got, StoredCorpus)
    _same_store(expected, got.store)
    assert got.manifest["counts"]["articles"] == len(got.articles) == len(expected.articles())


def test_single_file_layout_still_written_in_memory(tmp_path):
    c = ingest(["tests/fixtures/webcopy"], tmp_path / "c.parquet")
    assert not isinstance(c, StoredCorpus) and (tmp_path / "c.manifest.json").is_file()


def test_a_store_written_inside_its_source_folder_reads_nothing_of_its_own(tmp_path):
    shutil.copytree("tests/fixtures/webcopy", tmp_path / "src")
    before = build_corpus([tmp_path / "src"], workers=1)
    got = ingest([tmp_path / "src"], tmp_path / "src" / "corpus")  # stage and temporary folders are not read
    assert got.manifest["skipped"] == before.manifest["skipped"] == []
    assert got.manifest["fingerprint"] == before.manifest["fingerprint"]
    assert sorted(p.name for p in (tmp_path / "src").iterdir() if not p.suffix) == ["corpus"]


def test_exports_over_the_file_limit_are_read_in_ranges_other_files_are_refused(tmp_path, monkeypatch):
    """The per-file limit protects readers that hold a file in memory; a JSONL/CSV export read in
    byte ranges is not held whole, so it is read; what cannot be cut is still refused, saying why."""
    from kit.readers import Limits

    src = tmp_path / "src"
    src.mkdir()
    recs = [json.dumps({"title": f"T{i}", "publish_date": "2023-06-19", "text": f"Body {i}.\n\nMore {i}."})
            for i in range(60)]
    (src / "big.jsonl").write_text("\n".join(recs) + "\n", encoding="utf-8")
    (src / "array.json").write_text("[" + ",".join(recs) + "]", encoding="utf-8")  # one JSON value: not cut
    (src / "notes.txt").write_text("Envoys met. " * 300, encoding="utf-8")
    monkeypatch.setattr(split, "RANGE_BYTES", 600)
    limits = Limits(max_file_bytes=2000)
    got = ingest_store([src], tmp_path / "store", limits=limits, workers=1)
    assert len(got.articles) == 60 and set(got.articles.source_path) == {"big.jsonl"}
    refused = got.report[got.report.status == "rejected"].set_index("source_path").reason
    assert sorted(refused.index) == ["array.json", "notes.txt"]
    assert all("over the limit of 2,000 bytes for one file (not read; raise it with --max-file-mb)" in r for r in refused)
    # read whole in memory (split=False), the export is refused as before
    whole = build_corpus([src], limits=limits, workers=1, split=False)
    assert len(whole.articles) == 0 and len(whole.report[whole.report.status == "rejected"]) == 3
    # and with the limit raised, the tables are those of the ranges
    raised = build_corpus([src / "big.jsonl"], workers=1, split=False)
    pd.testing.assert_frame_equal(got.articles.drop(columns="source_path").reset_index(drop=True),
                                  raised.articles.drop(columns="source_path").reset_index(drop=True))


@pytest.mark.parametrize("workers,drop", [(1, False), (2, True)])
def test_terms_counted_while_reading_are_the_matrix_of_the_articles(tmp_path, monkeypatch, workers, drop):
    """``build_corpus(..., count=)``: the processes that read the articles count their terms; the
    matrix is the one counted from the finished articles table, also when a file's ranges were
    counted and then thrown away (a broken CSV row makes it read in one piece) and when exact
    duplicates are dropped after counting."""
    from kit.terms.counts import document_term_matrix
    from kit.text import TokenOptions

    _write_exports(tmp_path / "src")
    rows = ["title,text"] + [f'T{i},"Body {i} of the story\n\nmore words {i}"' for i in range(60)]
    rows[40] = 'T39,"an unclosed quotation mark'
    (tmp_path / "src" / "x.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(split, "RANGE_BYTES", 300)
    opts = TokenOptions.make(stopwords="english")
    c = build_corpus([tmp_path / "src"], workers=workers, drop_duplicates=drop, paragraphs=False, count=opts)
    expected = document_term_matrix(c.articles, tokens=opts)
    got = c.term_matrix
    # summed from the chunk results before the matrix is assembled (`kit terms` without --by): the
    # totals of the matrix counted from the articles, with the top terms' ties kept
    from kit.terms.counts import term_totals

    def totals(m, top=None):
        terms, n, n_docs, total = term_totals(m, top=top)
        return dict(zip(terms.tolist(), zip(n.tolist(), n_docs.tolist()))), total

    sums = np.asarray(expected.matrix.sum(axis=0)).ravel()
    docs = np.asarray((expected.matrix > 0).sum(axis=0)).ravel()
    independent = {t: (int(n), int(d)) for t, n, d in zip(expected.terms, sums, docs) if n}
    assert totals(got) == (independent, int(sums.sum())) and "_pending" in got.__dict__
    top, total = totals(got, top=4)
    fourth = sorted(sums, reverse=True)[3]
    assert top == {t: v for t, v in independent.items() if v[0] >= fourth} and total == int(sums.sum())
    assert "_pending" in got.__dict__  # (nothing assembled yet)
    assert list(got.terms) == list(expected.terms) and list(got.doc_ids) == list(c.articles.doc_id)
    assert got.matrix.shape == expected.matrix.shape and (got.matrix != expected.matrix).nnz == 0
    assert got.matrix.nnz > 300 and "body" in set(got.terms)
    whole = build_corpus([tmp_path / "src"], workers=1, split=False, drop_duplicates=drop, count=opts)
    pd.testing.assert_frame_equal(whole.articles, c.articles)
    assert (whole.term_matrix.matrix != got.matrix).nnz == 0
    assert build_corpus([tmp_path / "src"], workers=1).term_matrix is None


def test_streaming_ingest_patches_only_what_settling_changed(tmp_path, monkeypatch):
    """Ids, duplicates, dates from the file name and outlets from the folder are settled after the
    parts were tabulated by the workers; the store is the in-memory one, partitions across parts."""
    folder = tmp_path / "src" / "wire-desk"
    folder.mkdir(parents=True)
    lines = []
    for i in range(90):
        rec = {"title": f"Story {i % 40}", "text": f"Body of story {i % 40}.\n\nSecond paragraph {i % 40}."}
        if i % 3:
            rec["media_name"] = f"Outlet {i % 4}"
        if i % 5:
            rec["publish_date"] = f"2023-05-{1 + i % 28:02d}"
        lines.append(json.dumps(rec))
    (folder / "export-2023-04-30.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(split, "RANGE_BYTES", 700)
    for drop in (False, True):
        kw = dict(drop_duplicates=drop, outlet_from="folder")
        expected = write_store(build_corpus([tmp_path / "src"], workers=1, split=False, **kw), tmp_path / f"a{drop}",
                               partition_size=7)
        got = ingest_store([tmp_path / "src"], tmp_path / f"b{drop}", partition_size=7, workers=2, **kw)
        _same_store(expected, got.store)
        arts = got.store.articles()
        assert arts.duplicate_of.notna().any() != drop and (arts.outlet == "wire-desk").any()
        assert (arts.published == pd.Timestamp("2023-04-30", tz="UTC")).any()


@pytest.mark.parametrize("workers,drop", [(1, True), (2, False)])
def test_a_counted_read_of_some_columns_builds_those_of_the_whole_table(tmp_path, monkeypatch, workers, drop):
    """``build_corpus(..., count=, columns=)`` (what ``kit terms`` reads from sources): nothing is
    staged, and the columns are those of the whole articles table (values settled after reading:
    ids, duplicates, dates from the file name, outlets from the folder), with the same report,
    manifest and term matrix."""
    from kit.errors import KitError
    from kit.schema import ARTICLE_COLUMNS
    from kit.text import TokenOptions

    _write_exports(tmp_path / "src")
    folder = tmp_path / "src" / "wire-desk"
    folder.mkdir()
    lines = [json.dumps({"title": f"Story {i % 20}", "text": f"Body of story {i % 20}, with care.",
                         **({"media_name": f"Outlet {i % 4}"} if i % 3 else {}),
                         **({"publish_date": f"2023-05-{1 + i % 28:02d}"} if i % 5 else {})}) for i in range(60)]
    (folder / "export-2023-04-30.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = ["title,text,section"] + [f'T{i},"Body {i} of the story\n\nmore words {i}",S{i % 3}' for i in range(60)]
    rows[40] = 'T39,"an unclosed quotation mark'  # its ranges are counted, thrown away, the file read whole
    (tmp_path / "src" / "x.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(split, "RANGE_BYTES", 400)
    staged = []
    monkeypatch.setattr(stream, "_stage", lambda *a: staged.append(a) or None)
    opts = TokenOptions.make(stopwords="english")
    kw = dict(workers=workers, drop_duplicates=drop, outlet_from="folder", paragraphs=False, count=opts)
    full = build_corpus([tmp_path / "src"], split=False, **kw)
    for cols in (list(ARTICLE_COLUMNS), ["outlet"], ["published", "doc_id"], ["section"]):
        got = build_corpus([tmp_path / "src"], columns=cols, **kw)
        pd.testing.assert_frame_equal(got.articles, full.articles[cols])
        pd.testing.assert_frame_equal(got.report, full.report)
        assert got.manifest == full.manifest
        assert list(got.term_matrix.doc_ids) == list(full.articles.doc_id)
        assert (got.term_matrix.matrix != full.term_matrix.matrix).nnz == 0
    assert staged == [] and full.articles.duplicate_of.notna().any() != drop
    assert (full.articles.published == pd.Timestamp("2023-04-30", tz="UTC")).any()
    assert (full.articles.outlet == "wire-desk").any()
    with pytest.raises(KitError, match="colour"):
        build_corpus([tmp_path / "src"], columns=["colour"])


def test_a_shared_read_is_split_between_this_process_and_a_forked_one(tmp_path, monkeypatch):
    """A read that stages nothing (``kit terms`` on an export) reads the ranges of a big export here and
    in a forked process, each claiming the next unread range: every range is read once, by both
    processes, and the tables are those of a read in one process; an error in either process is
    raised here, naming what failed."""
    import os

    from kit.text import TokenOptions

    lines = [json.dumps({"title": f"Story {i}", "media_name": f"Outlet {i % 3}",
                         "text": f"Tariff talks {i} resumed.\n\nThe envoy said {i % 7} things."}) for i in range(300)]
    export = tmp_path / "export.jsonl"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(split, "RANGE_BYTES", 1_000)
    opts = TokenOptions.make(stopwords="english")
    one = build_corpus([export], workers=1, paragraphs=False, count=opts, columns=["outlet"])
    task = stream._range_task

    def logged(r, *args):
        got = task(r, *args)
        if got != split.FALLBACK:  # (the pid of the process that read it, in its chunk)
            got[0].records.insert(0, (None, stream.Rejection(str(os.getpid()), f"range {r.index}", record=0, status="flagged")))
        return got

    monkeypatch.setattr(stream, "_range_task", logged)
    reader = stream._read_all([str(export)], None, stream.ReadOptions(), [], str(tmp_path), progress=False,
                              workers=2, count=opts, paragraphs=False, columns=("doc_id", "outlet"))
    marks = [rec for c in reader.chunks for _, rec in c.records if isinstance(rec, stream.Rejection) and rec.reason.startswith("range")]
    assert [m.reason for m in marks] == [f"range {i}" for i in range(len(marks))] and len(marks) >= 16
    assert len({m.source_path for m in marks}) == 2 and str(os.getpid()) in {m.source_path for m in marks}
    monkeypatch.setattr(stream, "_range_task", task)
    two = build_corpus([export], workers=2, paragraphs=False, count=opts, columns=["outlet"])
    pd.testing.assert_frame_equal(two.articles, one.articles)
    pd.testing.assert_frame_equal(two.report, one.report)
    assert (two.term_matrix.matrix != one.term_matrix.matrix).nnz == 0 and list(two.term_matrix.terms) == list(one.term_matrix.terms)
    for where in ("here", "there"):
        parent = os.getpid()

        def failing(r, *args, where=where, parent=parent):
            if r.index == 5 and (os.getpid() == parent) == (where == "here"):
                raise ValueError(f"range 5 failed {where}")
            return task(r, *args)

        monkeypatch.setattr(stream, "_range_task", failing)
        monkeypatch.setattr(stream, "_claim", _claim_in_turn(where))
        with pytest.raises(ValueError, match=f"range 5 failed {where}"):
            build_corpus([export], workers=2, paragraphs=False, count=opts, columns=["outlet"])


def _claim_in_turn(where: str):
    """A claim that gives range 5 to this process (``where="here"``) or to the forked one."""
    import os

    parent = os.getpid()

    def turn(counter, n):
        while True:
            with counter.get_lock():
                i = counter.value
                if i >= n:
                    return None
                if i != 5 or (os.getpid() == parent) == (where == "here"):
                    counter.value = i + 1
                    return i
            import time

            time.sleep(0.001)  # (range 5 waits for the process it is meant for)

    return turn
