"""Outlets for plain files (issue 10): --outlet-from folder, --outlets CSV, and the summary's count."""
from __future__ import annotations

from kit.cli import main
from kit.corpus import build_corpus

STORY = "{title}\n\nBy Ana Ruiz\n\nNORDSTADT — Dock workers stopped work on Tuesday after talks on pay broke down.\n"


def _corpus(tmp_path):
    for folder, name, title in [("Harbour Ledger", "a.txt", "Dockers walk out"),
                                ("Nordstadt Kurier", "b.txt", "Strike enters second day"),
                                ("misc", "c.txt", "Port reopens")]:
        (tmp_path / "in" / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / folder / name).write_text(STORY.format(title=title), encoding="utf-8")
    return tmp_path / "in"


def test_outlet_from_folder(tmp_path):
    c = build_corpus(_corpus(tmp_path), outlet_from="folder")
    got = dict(zip(c.articles["title"], c.articles["outlet"]))
    assert got == {"Dockers walk out": "Harbour Ledger", "Strike enters second day": "Nordstadt Kurier",
                   "Port reopens": "misc"}
    assert set(c.articles["outlet_source"]) == {"folder"}


def test_outlets_file_with_path_patterns_wins_over_the_folder(tmp_path):
    src = _corpus(tmp_path)
    table = tmp_path / "outlets.csv"
    table.write_text("match,outlet\nmisc/*,The Port Gazette\n", encoding="utf-8")
    c = build_corpus(src, outlet_from="folder", outlets=table)
    row = c.articles.set_index("title").loc["Port reopens"]
    assert (row.outlet, row.outlet_source) == ("The Port Gazette", "--outlets path pattern")


def test_without_outlets_the_summary_says_how_many_have_none(tmp_path):
    c = build_corpus(_corpus(tmp_path))
    assert c.articles["outlet"].isna().all()
    assert "3 articles have no outlet" in c.summary()
    assert c.manifest["counts"]["no_outlet"] == 3


def test_ingest_command_takes_the_options(tmp_path, capsys):
    src = _corpus(tmp_path)
    code = main(["ingest", str(src), "--out", str(tmp_path / "c.parquet"), "--outlet-from", "folder", "--quiet"])
    assert code == 0
    out = capsys.readouterr().out
    assert "have no outlet" not in out
    import pandas as pd

    assert set(pd.read_parquet(tmp_path / "c.parquet")["outlet"]) == {"Harbour Ledger", "Nordstadt Kurier", "misc"}


def test_parse_and_other_reading_commands_take_the_same_options(tmp_path, capsys):
    """`kit parse` (every command that reads sources) shares ingest's --outlet-from / --outlets."""
    import json

    src = _corpus(tmp_path)
    table = tmp_path / "outlets.csv"
    table.write_text("match,outlet\nmisc/*,The Port Gazette\n", encoding="utf-8")
    assert main(["parse", str(src), "--outlet-from", "folder", "--outlets", str(table), "--json"]) == 0
    got = {r["title"]: r["outlet"] for r in json.loads(capsys.readouterr().out)}
    assert got == {"Dockers walk out": "Harbour Ledger", "Strike enters second day": "Nordstadt Kurier",
                   "Port reopens": "The Port Gazette"}
    assert main(["terms", str(src), "--outlet-from", "folder", "--by", "outlet", "--json"]) == 0
    assert {r["outlet"] for r in json.loads(capsys.readouterr().out)} == {"Harbour Ledger", "Nordstadt Kurier", "misc"}


def test_folder_names_are_looked_up_in_the_outlet_table(tmp_path):
    # folders named the way people name folders ("usa-today", "the_guardian") get the canonical outlet name
    for folder in ("usa-today", "Breitbart"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "a.txt").write_text(STORY.format(title=f"From {folder}"), encoding="utf-8")
    c = build_corpus(tmp_path / "in", outlet_from="folder")
    got = dict(zip(c.articles["title"], c.articles["outlet"]))
    assert got == {"From usa-today": "USA Today", "From Breitbart": "Breitbart"}
    assert set(c.articles["outlet_source"]) == {"folder"}
