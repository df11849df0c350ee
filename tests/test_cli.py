"""The command line: kit parse, kit ingest, kit formats."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kit.cli import main

FIX = Path(__file__).parent / "fixtures" / "webcopy"
REQUIRED = {"doc_id", "outlet", "title", "published", "authors", "read_time_minutes", "headings", "related",
            "contributors", "paragraphs", "text", "source_path", "source_format"}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_json_has_every_documented_field(capsys):
    code, out, err = run(capsys, "parse", str(FIX / "full_article.txt"), "--json")
    assert code == 0, err
    (art,) = json.loads(out)
    assert REQUIRED <= set(art)
    assert art["published"] == "2023-06-19T03:05:00+00:00"
    assert art["read_time_minutes"] == 7
    assert art["authors"] == ["Lena Hartwell", "Owen Pryce"]
    assert art["headings"] == ["A Long Road Back", "What Comes Next?"]
    assert art["related"] == ["The Balloon That Grounded a Summit", "Why Chips Still Divide Washington and Beijing"]
    assert art["contributors"] == ["Mara Quint", "Felix Oduya", "Sun Jiahui"]
    assert len(art["paragraphs"]) == 4 and art["text"] == "\n\n".join(art["paragraphs"])
    assert art["source_format"] == "webcopy"


# worked by hand from the documented recipe in tests/test_corpus.py (sha1 of outlet, title, date, body)
FULL_ID, MINIMAL_ID = "533af7247b1f5e67", "4f2dfc352a644ead"


def ids_by_title(capsys, *argv):
    code, out, err = run(capsys, "parse", *argv, "--json")
    assert code == 0, err
    return {a["title"]: a["doc_id"] for a in json.loads(out)}


def test_parse_doc_id_is_the_same_on_every_run(capsys, tmp_path):
    expected = {"Inside the Seven Hours That Thawed a Frozen Relationship": FULL_ID,
                "Short Headline Without Furniture": MINIMAL_ID}
    first, second = ids_by_title(capsys, str(FIX)), ids_by_title(capsys, str(FIX))  # two runs
    assert {t: first[t] for t in expected} == {t: second[t] for t in expected} == expected
    # other names (one with a date in it), the other argument order, and a companion file in the batch
    (tmp_path / "dated").mkdir()
    shutil.copy(FIX / "minimal.txt", tmp_path / "dated" / "2023-04-02-short.txt")
    shutil.copy(FIX / "full_article.txt", tmp_path / "renamed.txt")
    (tmp_path / "companion.txt").write_text(
        "Another Story\n\nA different body.\n\nMore Must-Reads From Harbor Street Weekly\n\n"
        "Contact us at letters@harborstreetweekly.example.\n", encoding="utf-8")
    shuffled = ids_by_title(capsys, str(tmp_path / "dated"), str(tmp_path / "renamed.txt"), str(tmp_path / "companion.txt"))
    assert {t: shuffled[t] for t in expected} == expected


def test_bad_input_is_reported_with_its_file_and_the_batch_goes_on(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    code, out, err = run(capsys, "parse", str(FIX / "full_article.txt"), str(bad), "--json")
    assert code == 1
    assert len(json.loads(out)) == 1
    assert f"rejected: {bad}: empty file" in err


def test_unknown_format_lists_the_choices(capsys):
    code, out, err = run(capsys, "parse", str(FIX), "--format", "pdf", "--json")
    assert code == 2 and out == ""
    assert "unknown format 'pdf' (choose from" in err and "webcopy" in err


def test_bad_map_argument(capsys):
    code, _, err = run(capsys, "parse", str(FIX), "--map", "text", "--json")
    assert code == 2 and "--map takes FIELD=COLUMN" in err


def test_ingest_writes_the_store_and_reports(capsys, tmp_path):
    out = tmp_path / "c.parquet"
    code, stdout, err = run(capsys, "ingest", str(FIX), "--out", str(out))
    assert code == 0
    assert "2 files seen: 2 read, 0 rejected. 2 articles written" in stdout
    assert out.exists() and (tmp_path / "c.manifest.json").exists()
    # an ingested corpus is accepted wherever sources are
    code, stdout, _ = run(capsys, "parse", str(out), "--json")
    assert code == 0 and len(json.loads(stdout)) == 2


def test_console_script_and_module_entry_point():
    res = subprocess.run([sys.executable, "-m", "kit", "formats"], capture_output=True, text=True, check=True)
    assert "webcopy" in res.stdout
    res = subprocess.run([str(Path(sys.executable).parent / "kit"), "--help"], capture_output=True, text=True)
    assert res.returncode == 0 and "parse" in res.stdout and "ingest" in res.stdout


def test_every_bad_input_is_named_with_its_reason_and_the_batch_goes_on(capsys):
    fixtures = Path(__file__).parent / "fixtures" / "readers"
    code, out, err = run(capsys, "parse", str(fixtures), "--json")
    assert code == 1
    arts = json.loads(out)
    expected = {
        "binary.dat": "no reader for '.dat'",
        "empty.txt": "empty file",
        "no_article.html": "no article text found",
        # a story list without text is kept (flagged), with the hint to map a text column
        "no_text_column.csv, line 2, record 1": "record has no text field (fields found: id, title, url, "
                                                "publish_date, media_name; if one holds the text, name it with --map",
        "mediacloud_export.jsonl, line 3, record 3": "not JSON",
        "unknown_encoding.txt": "unknown encoding: neither UTF-8 nor Windows-1252",
        "truncated.html": "truncated HTML",
    }
    for where, reason in expected.items():
        assert any(where in line and reason in line for line in err.splitlines()), (where, err)
    # every readable article of the batch was still read, from every format
    formats = {a["source_format"] for a in arts}
    assert formats == {"csv", "factiva", "html", "jsonl", "lexisnexis"}
    assert any(a["source_path"].endswith("lexisnexis_export.docx") for a in arts)


def test_make_quotes_the_corpus_path():
    res = subprocess.run(["make", "-n", "report", "ingest", "CORPUS=my articles/2023 export", "REPORTS=out dir"],
                         cwd=Path(__file__).parents[1], capture_output=True, text=True)
    if res.returncode != 0 and "No such file" in res.stderr:
        pytest.skip("make is not installed")
    lines = [ln for ln in res.stdout.splitlines() if "kit run" in ln or "kit ingest" in ln]
    assert any('-p corpus "my articles/2023 export" --out "out dir"' in ln for ln in lines), res.stdout
    assert any('kit ingest "my articles/2023 export" --out' in ln for ln in lines), res.stdout


def test_a_command_imports_only_what_it_needs():
    """``kit ingest --help`` sets up the ingest command alone: the analysis modules that other
    commands import to list their options (``kit analyse`` its tables) are not loaded."""
    import subprocess
    import sys

    code = ("import sys, contextlib, io\nfrom kit.cli import main\nwith contextlib.redirect_stdout(io.StringIO()) as out:\n"
            "    main(['ingest', '--help'])\nprint('--out' in out.getvalue(), 'kit.analyse' in sys.modules)")
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert got == ["True", "False"]


def test_only_the_command_line_freezes_what_a_command_leaves(monkeypatch, capsys):
    """``main()`` run as the ``kit`` command freezes the objects left for the garbage collector (the
    process ends next, so its shutdown need not walk them); ``main([...])`` in a process that goes on
    (a notebook, these tests) leaves the collector as it was."""
    import gc

    from kit.cli import main as kit_main

    before = gc.get_freeze_count()
    assert kit_main(["formats"]) == 0 and gc.get_freeze_count() == before
    monkeypatch.setattr("sys.argv", ["kit", "formats"])
    try:
        assert kit_main() == 0
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
    capsys.readouterr()
