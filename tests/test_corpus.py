"""The corpus store: every input becomes an article or a line in the ingest report."""
import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit.corpus import build_corpus, date_from_filename, ingest, load_corpus

FIX = Path(__file__).parent / "fixtures" / "webcopy"
STORY = "Talks Resume in Beijing\n\nBy Ana Ruiz\n\nBEIJING — The talks “went well,” an aide said.\n\nMore Must-Reads From Test Outlet\n"


@pytest.fixture()
def batch(tmp_path):
    """A folder with good, duplicate, bad and odd inputs, plus a zip."""
    src = tmp_path / "src"
    (src / "nested").mkdir(parents=True)
    shutil.copy(FIX / "full_article.txt", src / "a_full.txt")
    shutil.copy(FIX / "full_article.txt", src / "nested" / "b_copy_of_full.txt")  # exact duplicate
    (src / "c_empty.txt").write_bytes(b"")
    (src / "d_binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (src / "e_notes.xyz").write_text("what is this")
    (src / "f_cp1252.txt").write_bytes(STORY.replace("Beijing", "Shanghai").replace("BEIJING", "SHANGHAI").encode("cp1252"))
    (src / ".hidden.txt").write_text("hidden files are skipped")
    with zipfile.ZipFile(src / "g_archive.zip", "w") as z:
        z.writestr("inner/2023-03-01-story.txt", STORY.replace("Talks", "Meetings").replace("talks", "meetings"))
    return src


def test_nothing_is_lost_silently(batch):
    c = build_corpus([batch])
    m = c.manifest["counts"]
    assert m["files_seen"] == 7  # hidden file skipped; zip member counted as a file
    assert m["articles"] == 4
    assert m["files_rejected"] == 3
    assert m["files_read"] + m["files_rejected"] == m["files_seen"]
    rejected = c.report[c.report["status"] == "rejected"]
    reasons = dict(zip(rejected["source_path"].map(lambda p: Path(p.split("!")[0]).name), rejected["reason"]))
    assert reasons == {
        "c_empty.txt": "empty file",
        "d_binary.txt": "binary file, not text (no reader for this content)",
        "e_notes.xyz": reasons["e_notes.xyz"],
    }
    assert reasons["e_notes.xyz"].startswith("no reader for '.xyz'")
    # every source file is in the manifest with a hash
    assert len(c.manifest["sources"]) == 7
    assert all(s["sha256"] for s in c.manifest["sources"])


def test_duplicates_flagged_then_dropped(batch):
    c = build_corpus([batch])
    dup = c.articles[c.articles["duplicate_of"].notna()]
    assert len(dup) == 1
    first = c.articles[c.articles["source_path"].str.endswith("a_full.txt")].iloc[0]
    assert dup.iloc[0]["duplicate_of"] == first["doc_id"]
    assert dup.iloc[0]["doc_id"] == first["doc_id"] + "-2" == "533af7247b1f5e67-2"
    assert first["doc_id"] == "533af7247b1f5e67" and first["source_path"] == "a_full.txt"
    assert dup.iloc[0]["source_path"] == "nested/b_copy_of_full.txt"  # relative to the input folder
    # the folder and the file given the other way round: the same numbering
    r = build_corpus([batch / "nested", batch / "a_full.txt"])
    assert dict(zip(r.articles["source_path"], r.articles["doc_id"])) == {
        "b_copy_of_full.txt": "533af7247b1f5e67-2", str(batch / "a_full.txt"): "533af7247b1f5e67"}
    assert c.report["reason"].str.contains("exact duplicate .* kept").sum() == 1
    d = build_corpus([batch], drop_duplicates=True)
    assert len(d.articles) == 3
    assert d.report["reason"].str.contains("exact duplicate .* dropped").sum() == 1
    assert d.manifest["counts"]["duplicates"] == 1


def test_encodings_and_zip_members(batch):
    c = build_corpus([batch])
    cp = c.articles[c.articles["source_path"].str.endswith("f_cp1252.txt")].iloc[0]
    assert "“went well,”" in cp["text"]
    assert c.report["reason"].str.startswith("decoded as Windows-1252").any()
    z = c.articles[c.articles["source_path"].str.contains(r"g_archive\.zip!inner/")].iloc[0]
    assert z["title"] == "Meetings Resume in Beijing"
    assert z["published"] == pd.Timestamp("2023-03-01", tz="UTC")  # from the member's file name, flagged
    assert c.report["reason"].str.contains("taken from the file name").any()


LONE = ("Envoys Agree on Hotline\n\nBy Tom Becker\n\nWASHINGTON — Both sides agreed to restore a military hotline, "
        "officials said.\n\nContact us at letters@ledger.example.\n")
COMPANION = ("Tariff Review Delayed\n\nBy Li Wen\n\nThe review of tariffs was pushed back to the autumn.\n\n"
             "More Must-Reads From The Ledger\n\nContact us at letters@ledger.example.\n")


def sha1_id(*fields: str) -> str:
    """The documented doc_id recipe worked by hand: sha1 of the normalised fields joined by U+001F."""
    return hashlib.sha1("\x1f".join(fields).encode("utf-8")).hexdigest()[:16]


# outlet, title, date (none in the source), body: lower-cased, dashes and quotes folded by hand
STORY_ID = "3a5839b04d30e4f0"
LONE_ID = "800b9707966de113"


def test_pinned_ids_match_the_documented_recipe():
    assert sha1_id("test outlet", "talks resume in beijing", "", 'beijing - the talks "went well," an aide said.') == STORY_ID
    assert sha1_id("", "envoys agree on hotline", "",
                   "washington - both sides agreed to restore a military hotline, officials said.") == LONE_ID


def test_doc_id_is_stable_and_independent_of_paths(tmp_path):
    a = build_corpus([FIX / "full_article.txt"]).articles.iloc[0]
    shutil.copy(FIX / "full_article.txt", tmp_path / "renamed.txt")
    b = build_corpus([tmp_path / "renamed.txt"]).articles.iloc[0]
    assert a["doc_id"] == b["doc_id"] == "533af7247b1f5e67"
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    assert build_corpus([tmp_path / "story.txt"]).articles.iloc[0]["doc_id"] == STORY_ID


def test_doc_id_ignores_a_date_taken_from_the_file_name(tmp_path):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "dated").mkdir()
    (tmp_path / "dated" / "2023-06-18_story.txt").write_text(STORY, encoding="utf-8")
    plain = build_corpus([tmp_path / "story.txt"]).articles.iloc[0]
    dated = build_corpus([tmp_path / "dated"])
    row = dated.articles.iloc[0]
    assert plain["doc_id"] == row["doc_id"] == STORY_ID
    assert pd.isna(plain["published"])
    assert row["published"] == pd.Timestamp("2023-06-18", tz="UTC")  # the column keeps the inferred date ...
    assert dated.report["reason"].tolist() == [  # ... flagged, with the id of the article
        "no date in the source; published date 2023-06-18 taken from the file name"]
    assert dated.report["doc_id"].tolist() == [STORY_ID]


def test_doc_id_ignores_an_outlet_inferred_from_a_companion_file(tmp_path):
    (tmp_path / "lone.txt").write_text(LONE, encoding="utf-8")
    (tmp_path / "companion.txt").write_text(COMPANION, encoding="utf-8")
    alone = build_corpus([tmp_path / "lone.txt"]).articles.iloc[0]
    both = build_corpus([tmp_path / "companion.txt", tmp_path / "lone.txt"])
    row = both.articles.set_index("title").loc["Envoys Agree on Hotline"]
    assert alone["doc_id"] == row["doc_id"] == LONE_ID
    assert pd.isna(alone["outlet"]) and row["outlet"] == "The Ledger"
    assert "outlet inferred from the contact address (ledger.example)" in both.report["reason"].tolist()


def test_duplicate_numbering_does_not_depend_on_argument_order(tmp_path):
    for sub in ("x", "y", "z"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / f"{sub}.txt").write_text(STORY, encoding="utf-8")
    paths = [tmp_path / "x" / "x.txt", tmp_path / "y" / "y.txt", tmp_path / "z" / "z.txt"]
    expected = {"x.txt": STORY_ID, "y.txt": STORY_ID + "-2", "z.txt": STORY_ID + "-3"}
    for order in ([0, 1, 2], [2, 1, 0], [1, 2, 0]):
        c = build_corpus([paths[i] for i in order])
        got = dict(zip(c.articles["source_path"].map(lambda p: Path(p).name), c.articles["doc_id"]))
        assert got == expected, order
        dup_of = dict(zip(c.articles["doc_id"], c.articles["duplicate_of"]))
        assert pd.isna(dup_of[STORY_ID]) and dup_of[STORY_ID + "-2"] == dup_of[STORY_ID + "-3"] == STORY_ID
        d = build_corpus([paths[i] for i in order], drop_duplicates=True)
        assert d.articles["source_path"].map(lambda p: Path(p).name).tolist() == ["x.txt"]


def test_ingest_round_trip(tmp_path, batch):
    out = tmp_path / "store" / "c.parquet"
    written = ingest([batch], out)
    back = load_corpus(out)
    pd.testing.assert_frame_equal(back.articles, written.articles)
    pd.testing.assert_frame_equal(back.paragraphs, written.paragraphs)
    assert back.manifest["fingerprint"] == written.manifest["fingerprint"]
    assert len(back.report) == len(written.report)
    assert isinstance(back.articles.iloc[0]["authors"], list)
    manifest = json.loads((tmp_path / "store" / "c.manifest.json").read_text())
    assert manifest["counts"]["articles"] == 4 and manifest["kit_version"] == kit.__version__


def test_fingerprint_changes_with_content(tmp_path):
    p = tmp_path / "s.txt"
    p.write_text(STORY)
    one = build_corpus([p]).manifest["fingerprint"]
    p.write_text(STORY.replace("well", "badly"))
    assert build_corpus([p]).manifest["fingerprint"] != one


def test_sources_are_never_written(batch):
    before = {p: p.read_bytes() for p in batch.rglob("*") if p.is_file()}
    build_corpus([batch])
    assert {p: p.read_bytes() for p in batch.rglob("*") if p.is_file()} == before


def test_load_corpus_errors_are_clear(tmp_path):
    with pytest.raises(kit.KitError, match="no such file or folder"):
        load_corpus(tmp_path / "missing")
    (tmp_path / "x.parquet").write_bytes(b"")
    with pytest.raises(kit.KitError, match="not an ingested corpus"):
        load_corpus(tmp_path / "x.parquet")


def test_paragraph_table_keeps_every_block():
    c = build_corpus([FIX / "full_article.txt"])
    assert list(c.paragraphs.columns) == ["doc_id", "para_no", "role", "text"]
    assert c.paragraphs["para_no"].tolist() == list(range(17))
    body = c.paragraphs[c.paragraphs.role == "body"]["text"].tolist()
    assert c.articles.iloc[0]["text"] == "\n\n".join(body)
    assert c.articles.iloc[0]["n_words"] == kit.text.count_words(c.articles.iloc[0]["text"])  # one definition of a word


def test_date_from_filename_rejects_impossible_dates():
    assert date_from_filename("2023-02-30-story.txt") is None
    assert date_from_filename("20231115_summit.html") == pd.Timestamp("2023-11-15", tz="UTC")


def test_source_paths_and_fingerprint_do_not_depend_on_where_the_corpus_sits(tmp_path, batch, monkeypatch):
    copy = tmp_path / "elsewhere" / "copy of corpus"
    shutil.copytree(batch, copy)
    a, b = build_corpus([batch]), build_corpus([copy])
    monkeypatch.chdir(batch.parent)
    c = build_corpus([os.path.relpath(batch, batch.parent)])
    assert a.manifest["fingerprint"] == b.manifest["fingerprint"] == c.manifest["fingerprint"]
    pd.testing.assert_frame_equal(a.articles, b.articles)
    pd.testing.assert_frame_equal(a.report, b.report)
    assert sorted(a.articles["source_path"]) == ["a_full.txt", "f_cp1252.txt", "g_archive.zip!inner/2023-03-01-story.txt",
                                                 "nested/b_copy_of_full.txt"]
    assert sorted(s["path"] for s in a.manifest["sources"]) == [
        "a_full.txt", "c_empty.txt", "d_binary.txt", "e_notes.xyz", "f_cp1252.txt",
        "g_archive.zip!inner/2023-03-01-story.txt", "nested/b_copy_of_full.txt"]
    (copy / "a_full.txt").write_text(STORY, encoding="utf-8")  # other content: another fingerprint
    assert build_corpus([copy]).manifest["fingerprint"] != a.manifest["fingerprint"]


def test_links_pipes_and_skipped_files_are_accounted_for(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "ok.txt").write_text(STORY, encoding="utf-8")
    os.symlink(tmp_path / "nowhere.txt", src / "broken.txt")
    os.mkfifo(src / "pipe.txt")
    (src / ".hidden").mkdir()
    (src / ".hidden" / "h.txt").write_text("hidden", encoding="utf-8")
    (src / "~$lock.docx").write_bytes(b"lock")
    (src / ".DS_Store").write_bytes(b"x")
    c = build_corpus([src])
    rej = dict(zip(c.report.loc[c.report["status"] == "rejected", "source_path"],
                   c.report.loc[c.report["status"] == "rejected", "reason"]))
    assert rej == {"broken.txt": f"broken link (points to {tmp_path / 'nowhere.txt'})",
                   "pipe.txt": "not a regular file (a pipe, socket or device), not read"}
    m = c.manifest
    assert (m["counts"]["files_seen"], m["counts"]["files_read"], m["counts"]["files_rejected"]) == (3, 1, 2)
    assert m["counts"]["files_skipped"] == 3
    assert m["skipped"] == [".DS_Store", ".hidden/h.txt", "~$lock.docx"]
    assert c.summary().endswith("3 hidden or system files skipped.")
    # named directly, a broken link and a pipe are reported too (not "no such file")
    d = build_corpus([src / "broken.txt", src / "pipe.txt", src / "ok.txt"])
    assert d.report.loc[d.report["status"] == "rejected", "reason"].str.split(" ").str[0].tolist() == ["broken", "not"]


def test_zip_inside_zip_is_opened(tmp_path):
    import io

    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("deep/story.txt", STORY)
    with zipfile.ZipFile(tmp_path / "outer.zip", "w") as z:
        z.writestr("inner.zip", inner.getvalue())
    c = build_corpus([tmp_path / "outer.zip"])
    assert c.articles["source_path"].tolist() == [f"{tmp_path / 'outer.zip'}!inner.zip!deep/story.txt"]
    assert c.articles["doc_id"].tolist() == [STORY_ID]
    # nesting deeper than the limit is a rejection naming the member, not a silent loss
    data = inner.getvalue()
    for level in range(4):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(f"l{level}.zip", data)
        data = buf.getvalue()
    (tmp_path / "deep.zip").write_bytes(data)
    d = build_corpus([tmp_path / "deep.zip"])
    assert d.articles.empty
    assert d.report["reason"].tolist() == ["archive nested deeper than 3 levels, not opened"]
    assert d.report["source_path"].iloc[0] == f"{tmp_path / 'deep.zip'}!l3.zip!l2.zip!l1.zip"


def test_articles_frame_counts_missing_n_words_for_the_chunk_and_keeps_given_ones():
    from kit.corpus import articles_frame
    from kit.text import count_words

    rows = [{"doc_id": "a", "text": "Talks ran 7 1/2 hours, officials said.", "n_words": None, "source_record": 1},
            {"doc_id": "b", "text": "Given count kept.", "n_words": 99, "source_record": 2},
            {"doc_id": "c", "text": None, "source_record": 3},  # no n_words key at all, no text
            {"doc_id": "d", "text": "Two\n\nparagraphs “quoted” here.", "n_words": None, "source_record": 4}]
    before = [dict(r) for r in rows]
    df = articles_frame(rows)
    assert df["n_words"].tolist() == [count_words(rows[0]["text"]), 99, 0, count_words(rows[3]["text"])] == [6, 99, 0, 4]
    assert str(df["n_words"].dtype) == "int64"
    assert rows == before  # the rows are not changed


def test_article_row_body_only_fast_path_and_mixed_roles():
    from kit.corpus.ingest import _article_row
    from kit.schema import Article

    plain = Article(title="T", outlet="Wire", paragraphs=[("body", "One."), ("body", "Two.")])
    row, paras = _article_row(plain)
    assert (row["text"], row["headings"], row["related"], row["contributors"]) == ("One.\n\nTwo.", [], [], [])
    mixed = Article(title="T", outlet="Wire", paragraphs=[
        ("body", "One."), ("heading", "Part two"), ("body", "Two."), ("related", "Read More: Earlier talks"),
        ("contributors", "—With assistance from Lena Fischer.")])
    row, paras = _article_row(mixed)
    assert row["text"] == "One.\n\nTwo." and row["headings"] == ["Part two"]
    assert row["related"] == ["Earlier talks"] and row["contributors"] == ["Lena Fischer"]
    assert paras == mixed.paragraphs
