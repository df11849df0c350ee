"""tools/provenance_check.py finds dev-set text copied into repository files (fixtures written by us)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import provenance_check  # noqa: E402 (tools/ is put on the path just above)

FIX = Path(__file__).resolve().parent / "fixtures" / "provenance"
DEVSETS = str(FIX / "devsets")


def test_a_copied_sentence_wrapped_over_two_lines_fails_the_check(capsys):
    assert provenance_check.main([DEVSETS, "--scan", str(FIX / "repo" / "copied.md")]) == 1
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("COPIED"))
    assert "copied.md:4:" in line  # the line of the first copied word
    assert "polnear-train: fake_article.txt" in line
    assert '13 words: "we owe the islanders a timetable that the tide can actually keep said"' in line
    assert "1 copied runs of 8+ words (per dev set: polnear-train: 1) in 1 files" in out


def test_a_common_phrase_is_listed_for_review_but_does_not_fail(capsys):
    assert provenance_check.main([DEVSETS, "--scan", str(FIX / "repo" / "common.py")]) == 0
    out = capsys.readouterr().out
    assert "COPIED" not in out
    review = [x for x in out.splitlines() if "common.py:2:" in x]
    assert len(review) == 1
    assert '6 words: "said in a statement on tuesday"' in review[0]
    assert "0 copied runs" in out and "1 6-word matches to review" in out


def test_frames_dev_text_column_is_read(tmp_path, capsys):
    copied = tmp_path / "notes.txt"
    copied.write_text("As the notes put it: glacier melt on Mount Varrow doubled over the winter.\n")
    assert provenance_check.main([DEVSETS, "--scan", str(copied)]) == 1
    assert "frames-dev: articles.csv id 7" in capsys.readouterr().out


def test_missing_devset_folder_exits_2(tmp_path, capsys):
    assert provenance_check.main([str(tmp_path / "absent"), "--scan", str(FIX / "repo")]) == 2
    assert "skipped" in capsys.readouterr().out


def test_binary_files_are_skipped(tmp_path):
    blob = tmp_path / "blob.bin"
    blob.write_bytes(b"\0\1we owe the islanders a timetable that the tide can actually keep")
    assert provenance_check.read_text_file(str(blob)) is None


def test_words_and_visible_text():
    assert provenance_check.words("It's the well-known Bay's ferry!") == ["its", "the", "well", "known", "bays", "ferry"]
    assert provenance_check.words(provenance_check.visible_text("<p>A<script>x()</script> b&amp;c</p>")) == \
        ["a", "b", "c"]


def test_a_reviewed_interface_phrase_is_allowed_but_listed(tmp_path, capsys, monkeypatch):
    copied = tmp_path / "summary.txt"
    copied.write_text("We owe the islanders a timetable that the tide\n")
    monkeypatch.setitem(provenance_check.ALLOWED, "we owe the islanders a timetable that the tide can", "test")
    assert provenance_check.main([DEVSETS, "--scan", str(copied)]) == 0
    out = capsys.readouterr().out
    assert "allowed (listed in ALLOWED)" in out and "summary.txt:1:" in out and "1 allowed" in out
