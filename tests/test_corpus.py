"""The corpus store: every input becomes an article or a line in the ingest report."""
import json
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
    assert dup.iloc[0]["doc_id"] == first["doc_id"] + "-2"
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


def test_doc_id_is_stable_and_independent_of_paths(tmp_path):
    a = build_corpus([FIX / "full_article.txt"]).articles.iloc[0]
    shutil.copy(FIX / "full_article.txt", tmp_path / "renamed.txt")
    b = build_corpus([tmp_path / "renamed.txt"]).articles.iloc[0]
    assert a["doc_id"] == b["doc_id"] and len(a["doc_id"]) == 16


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
    assert c.articles.iloc[0]["n_words"] == len(c.articles.iloc[0]["text"].split())


def test_date_from_filename_rejects_impossible_dates():
    assert date_from_filename("2023-02-30-story.txt") is None
    assert date_from_filename("20231115_summit.html") == pd.Timestamp("2023-11-15", tz="UTC")
