"""Session 14: the ingest day (``--as-of``) is parsed once, and every command that reads sources takes it.

The inputs are written here (a fictional town council and its mayor)."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from kit.cli import main
from kit.corpus.ingest import read_setup
from kit.readers.base import Limits

BODY = "The council met on Monday to talk about the ferry fees.\n\n“We will lower them,” Mayor Ann Roe said."


def _export(tmp_path):
    path = tmp_path / "fees.csv"
    path.write_text(f'title,date,text\nFerry fees,2024-03-02,"{BODY}"\n')
    return str(path)


def test_read_setup_parses_the_day_once_into_a_utc_timestamp():
    _, _, options = read_setup(["x"], format=None, outlet_from=None, outlets=None, column_map=None, outlet=None,
                               limits=Limits(), as_of="2024-01-01")
    assert options.as_of == pd.Timestamp("2024-01-01", tz="UTC")
    _, _, options = read_setup(["x"], format=None, outlet_from=None, outlets=None, column_map=None, outlet=None,
                               limits=Limits(), as_of=pd.Timestamp("2024-01-01 18:30", tz="UTC"))
    assert options.as_of == pd.Timestamp("2024-01-01", tz="UTC")  # the day, not the moment


def test_kit_quotes_takes_as_of_and_sets_late_dates_aside(tmp_path, capsys):
    path = _export(tmp_path)
    assert main(["quotes", path, "--json", "--as-of", "2024-01-01"]) == 0
    out = capsys.readouterr()
    assert [q["speaker"] for q in json.loads(out.out)] == ["Ann Roe"]
    assert "after the ingest day (2024-01-01)" in out.err
    assert main(["quotes", path, "--json", "--as-of", "2024-03-02"]) == 0
    assert "after the ingest day" not in capsys.readouterr().err


#: Every command that reads sources through the readers, with the other arguments it requires.
READING = {"ingest": [], "quotes": [], "terms": [], "frames": [], "parse": [], "dedupe": [],
           "code-sample": ["--n", "1", "--frames", "x"], "keyness": ["--by", "outlet", "--target", "x"],
           "frames-apply": ["FILE"]}  # (MODEL: any existing file; it is read when the command runs)


@pytest.mark.parametrize("command", sorted(READING))
def test_every_command_reading_sources_takes_as_of(command, tmp_path):
    from kit.cli import build_parser

    path = _export(tmp_path)
    extra = [path if a == "FILE" else a for a in READING[command]]
    args = build_parser(command.replace("-", "_")).parse_args([command, *extra, path, "--as-of", "2024-01-01"])
    assert args.as_of == pd.Timestamp("2024-01-01", tz="UTC")


def test_a_bad_as_of_is_a_usage_error(tmp_path, capsys):
    assert main(["quotes", _export(tmp_path), "--as-of", "next week"]) == 2
    assert "not a day" in capsys.readouterr().err
