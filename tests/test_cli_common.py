"""What every command shares (kit.commands._common): table and JSON output, argparse-level checks,
the tokenizer options on every command that counts terms, the exit status."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from kit.cli import build_parser, main

FIX = Path(__file__).parent / "fixtures"
ARTICLES = str(FIX / "terms" / "articles.jsonl")
WEBCOPY = str(FIX / "webcopy" / "full_article.txt")
FRAMES = FIX / "frames_cli"

#: Every command that reads sources and how to call it on a small fixture.
READING = {
    "parse": ["parse", ARTICLES],
    "terms": ["terms", ARTICLES],
    "keyness": ["keyness", ARTICLES, "--by", "outlet", "--target", "North Ledger", "--min-docs", "1"],
    "frames": ["frames", ARTICLES],
    "quotes": ["quotes", str(FIX / "quotes" / "two_articles.jsonl")],
}
#: The commands that count terms: each takes the four tokenizer options.
COUNTING = ["terms", "keyness"]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def texts():
    return [json.loads(line) for line in Path(ARTICLES).read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name", sorted(READING))
def test_every_reading_command_prints_a_table_or_json(capsys, name):
    code, out, err = run(capsys, *READING[name], "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows)
    code, table, err = run(capsys, *READING[name])
    assert code == 0, err
    assert not table.lstrip().startswith("[")
    if name == "quotes":  # a block per article (outlet | title, then speaker and wrapped quote), not columns
        assert rows[0]["speaker"] in table and rows[0]["text"] in table
    else:
        header = table.splitlines()[0].split()
        assert set(header) <= set(rows[0]) | {"n_paragraphs", "n_sentences"}, header
    assert len(table.splitlines()) >= 2


def test_formats_json_and_table(capsys):
    code, out, _ = run(capsys, "formats", "--json")
    rows = json.loads(out)
    assert code == 0 and {r["format"] for r in rows} == {"apa", "csv", "europresse", "factiva", "html", "jsonl",
                                                         "lexisnexis", "webcopy"}
    code, table, _ = run(capsys, "formats")
    assert [line.split()[0] for line in table.splitlines()] == [r["format"] for r in rows]


@pytest.mark.parametrize("argv, message", [
    (["terms", ARTICLES, "--top", "0"], "--top: must be a positive integer, got '0'"),
    (["terms", ARTICLES, "--top", "x"], "--top: must be a positive integer, got 'x'"),
    (["terms", ARTICLES, "--min-length", "-2"], "--min-length: must be a positive integer"),
    (["keyness", ARTICLES, "--by", "outlet", "--target", "X", "--min-docs", "-1"], "--min-docs: must be 0 or"),
    (["frames", ARTICLES, "--negation-window", "-1"], "--negation-window: must be 0 or"),
    (["parse", "no/such/file.txt"], "no such file or folder: 'no/such/file.txt'"),
    (["parse", ARTICLES, "--format", "pdf"], "unknown format 'pdf' (choose from"),
    (["frames-eval", "--min-hits", "0"], "--min-hits: must be a positive integer"),
])
def test_bad_arguments_are_refused_by_argparse_naming_the_option(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert message in err


@pytest.mark.parametrize("name", COUNTING)
def test_counting_commands_take_the_tokenizer_options(name):
    sub = build_parser()._subparsers._group_actions[0].choices[name]
    options = {o for a in sub._actions for o in a.option_strings}
    assert {"--split-hyphens", "--stem", "--min-length", "--keep-stopwords"} <= options


def test_terms_tokenizer_options_change_the_counts(capsys):
    # the fixture holds plain words only: counts by a plain regex are the oracle
    words = Counter(w for r in texts() for w in re.findall(r"[a-z]+", r["text"].lower()))
    code, out, err = run(capsys, "terms", ARTICLES, "--json", "--keep-stopwords", "--min-length", "6")
    assert code == 0, err
    assert {r["term"]: r["n"] for r in json.loads(out)} == {w: n for w, n in words.items() if len(w) >= 6}
    code, out, _ = run(capsys, "terms", ARTICLES, "--json", "--stem", "--keep-stopwords")
    stems = {r["term"] for r in json.loads(out)}
    assert "farmer" in stems and "farmers" not in stems  # Snowball: farmers -> farmer


def test_split_hyphens_on_keyness(capsys, tmp_path):
    src = tmp_path / "h.jsonl"
    src.write_text('{"outlet": "A", "title": "a", "text": "High-stakes talks. High-stakes deal."}\n'
                   '{"outlet": "A", "title": "b", "text": "High-stakes vote."}\n'
                   '{"outlet": "B", "title": "c", "text": "Quiet talks on stakes."}\n', encoding="utf-8")
    _, out, _ = run(capsys, "keyness", src, "--by", "outlet", "--target", "A", "--json")
    assert "high-stakes" in {r["term"] for r in json.loads(out)}
    _, out, _ = run(capsys, "keyness", src, "--by", "outlet", "--target", "A", "--json", "--split-hyphens")
    rows = {r["term"]: r for r in json.loads(out)}
    assert "high-stakes" not in rows and rows["high"]["n_target"] == 3 and rows["stakes"]["n_target"] == 3


def test_keyness_min_docs_and_document_columns(capsys, tmp_path):
    # "smith" 5 times in one article of A; "tariff" once in each of two articles of A
    src = tmp_path / "names.jsonl"
    src.write_text('{"outlet": "A", "title": "a", "text": "Smith Smith Smith Smith Smith tariff"}\n'
                   '{"outlet": "A", "title": "b", "text": "A tariff vote"}\n'
                   '{"outlet": "B", "title": "c", "text": "Quiet vote on rail"}\n', encoding="utf-8")
    _, out, _ = run(capsys, "keyness", src, "--by", "outlet", "--target", "A", "--json", "--min-docs", "1")
    rows = {r["term"]: r for r in json.loads(out)}
    assert (rows["smith"]["docs_target"], rows["smith"]["docs_reference"]) == (1, 0)
    assert (rows["tariff"]["docs_target"], rows["vote"]["docs_target"], rows["vote"]["docs_reference"]) == (2, 1, 1)
    _, out, _ = run(capsys, "keyness", src, "--by", "outlet", "--target", "A", "--json")  # default --min-docs 2
    assert {r["term"] for r in json.loads(out)} == {"tariff", "vote"}


def test_terms_by_month(capsys):
    code, out, err = run(capsys, "terms", ARTICLES, "--json", "--by", "month", "--top", "1")
    assert code == 0, err
    rows = json.loads(out)
    assert {r["month"] for r in rows} == {r["published"][:7] for r in texts()}


def test_rejected_source_gives_status_1_and_a_report_on_stderr(capsys, tmp_path):
    (tmp_path / "good.jsonl").write_text('{"outlet": "A", "title": "a", "text": "Trade talks."}\n', encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"outlet": "A", "title": \n', encoding="utf-8")
    code, out, err = run(capsys, "terms", tmp_path, "--json")
    assert code == 1
    assert {r["term"] for r in json.loads(out)} == {"trade", "talks"}
    assert "kit: rejected: bad.jsonl" in err


def test_version_and_help_exit_cleanly():
    res = subprocess.run([sys.executable, "-m", "kit", "--version"], capture_output=True, text=True)
    assert res.returncode == 0 and res.stdout.startswith("kit ")
    assert main(["--version"]) == 0


@pytest.mark.notebooks
def test_run_json_lists_every_run(capsys, tmp_path):
    nb = FIX / "notebooks"
    cfg = tmp_path / "b.yml"
    cfg.write_text(f"runs:\n  - notebook: {nb.as_posix()}/fail.ipynb\n    parameters: {{message: kaput}}\n"
                   f"  - notebook: {nb.as_posix()}/sleep.ipynb\n    parameters: {{seconds: 0.0}}\n", encoding="utf-8")
    code, out, err = run(capsys, "run", cfg, "--out", tmp_path / "out", "--jobs", "2", "--json", "--quiet")
    assert code == 1
    rows = {r["run"]: r for r in json.loads(out)}
    assert {r["status"] for r in rows.values()} == {"ok", "failed"}
    failed = next(r for r in rows.values() if r["status"] == "failed")
    assert "ValueError: kaput" in failed["error"] and Path(failed["folder"]).is_dir()
    assert "2 run(s): 1 ok, 1 failed" in err


def test_run_checks_its_arguments_before_running(capsys, tmp_path):
    code, _, err = run(capsys, "run", tmp_path / "missing.yml")
    assert code == 2 and "no such file" in err
    (tmp_path / "b.yml").write_text("runs: []\n", encoding="utf-8")
    code, _, err = run(capsys, "run", tmp_path / "b.yml", "--jobs", "0")
    assert code == 2 and "--jobs: must be a positive integer" in err


def test_ingest_json_reports_counts_and_paths(capsys, tmp_path):
    out_path = tmp_path / "c" / "corpus.parquet"
    code, out, err = run(capsys, "ingest", ARTICLES, "--out", out_path, "--json", "--quiet")
    assert code == 0, err
    (rec,) = json.loads(out)
    assert (rec["n_articles"], rec["n_rejected"]) == (len(texts()), 0)
    assert rec["articles_path"] == str(out_path) and Path(rec["manifest_path"]).is_file()


def test_keyness_by_a_period(capsys, tmp_path):
    src = tmp_path / "m.jsonl"
    src.write_text('{"outlet": "A", "title": "a", "published": "2023-05-03", "text": "Tariff talks. Tariff vote."}\n'
                   '{"outlet": "A", "title": "b", "published": "2023-05-20", "text": "Tariff deal"}\n'
                   '{"outlet": "B", "title": "c", "published": "2023-06-02", "text": "Rail strike talks"}\n',
                   encoding="utf-8")
    code, out, err = run(capsys, "keyness", src, "--by", "month", "--target", "2023-05", "--json")
    assert code == 0, err
    rows = {r["term"]: r for r in json.loads(out)}
    # by hand: May has tariff 3 (2 articles), talks 1, vote 1, deal 1; June talks 1, rail 1, strike 1
    assert (rows["tariff"]["n_target"], rows["tariff"]["docs_target"], rows["tariff"]["n_reference"]) == (3, 2, 0)
    code, _, err = run(capsys, "keyness", src, "--by", "month", "--target", "2023-07")
    assert code == 2 and "'2023-07' is not a value of 'month'" in err


def test_every_command_has_json_output():
    sub = build_parser()._subparsers._group_actions[0].choices
    missing = [name for name, p in sub.items() if "--json" not in {o for a in p._actions for o in a.option_strings}]
    assert not missing, f"commands without --json: {missing}"


def test_agreement_json_is_the_table_and_the_rest_goes_to_stderr(capsys):
    code, out, err = run(capsys, "agreement", FIX / "coded" / "two_coders.csv", "--n-boot", "50", "--json")
    assert code == 0, err
    rows = {r["frame"]: r for r in json.loads(out)}
    assert rows["conflict"]["alpha"] == pytest.approx(0.686, abs=1e-3)  # as the coded tests compute by hand
    assert "2 article-frame disagreement" in err
    code, _, err = run(capsys, "agreement", FIX / "coded" / "two_coders.csv", "--n-boot", "-5")
    assert code == 2 and "--n-boot: must be 0 or a positive integer" in err


def test_ingest_quiet_default_and_verbose(capsys, tmp_path):
    src = tmp_path / "s.jsonl"
    same = '{"outlet": "A", "title": "%s", "text": "Trade talks resumed."}\n'
    src.write_text("".join(same % t for t in "abc") + '{"outlet": "A", "title": \n', encoding="utf-8")
    _, out, err = run(capsys, "ingest", src, "--out", tmp_path / "st1")
    # default: every rejection, one line per reason of flagging (two duplicates -> one line)
    assert err.count("kit: rejected: ") == 1 and "s.jsonl, line 4" in err
    flagged = [line for line in err.splitlines() if line.startswith("kit: flagged")]
    assert len(flagged) == 1 and "record 2 and 1 more" in flagged[0] and "duplicate" in flagged[0]
    _, out, err = run(capsys, "ingest", src, "--out", tmp_path / "st2", "--verbose")
    assert len([line for line in err.splitlines() if line.startswith("kit: flagged")]) == 2
    _, out, err = run(capsys, "ingest", src, "--out", tmp_path / "st3", "-q")
    assert "kit:" not in err and "3 articles written" in out


def test_commands_on_a_store_do_not_repeat_its_ingest_report(capsys, tmp_path):
    src = tmp_path / "s.jsonl"
    same = '{"outlet": "A", "title": "%s", "text": "Trade talks resumed."}\n'
    src.write_text("".join(same % t for t in "abc") + '{"outlet": "A", "title": \n', encoding="utf-8")
    run(capsys, "ingest", src, "--out", tmp_path / "st")
    # read from the sources, the command reports every rejection and flag and fails on the rejection ...
    code, _, err = run(capsys, "terms", src, "--top", "2")
    assert code == 1 and "kit: rejected: " in err and "kit: flagged: " in err
    # ... read from the store, one line says what the ingest report holds, and the command succeeds
    for cmd in ("terms", "parse", "quotes"):
        code, _, err = run(capsys, cmd, tmp_path / "st")
        lines = [ln for ln in err.splitlines() if ln.startswith("kit: ")]
        assert code == 0, err
        assert lines == [f"kit: {tmp_path / 'st'} was ingested with 2 flagged article(s) and 1 rejected source(s); "
                         "its ingest report (report.csv) names each"], cmd
