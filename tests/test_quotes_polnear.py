"""Scoring on PolNeAR's brat standoff layout, on a small fixture written by us."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from kit.cli import main
from kit.errors import KitError
from kit.quotes.polnear import (
    evaluate_polnear,
    quoted_stretches,
    read_polnear,
    score_polnear,
    speaker_form,
    speaker_matches,
    split_of,
)

FIX = Path(__file__).parent / "fixtures" / "polnear"


def test_reader_keeps_discontinuous_content_and_skips_paraphrase_marks():
    (art,) = read_polnear(FIX)
    assert art.text.startswith("Council votes") and len(art.paras) == 5
    first = art.attributions[0]
    assert len(first["content"]) == 2 and first["source"] == "Ortiz"


def test_gold_direct_quotes_and_scores_by_hand():
    (art,) = read_polnear(FIX)
    # prediction: the kit's output shape, written by hand; body offsets (headline excluded)
    body = "\n\n".join(art.text[a:b] for a, b in art.paras[1:])

    def seg(s):
        i = body.index(s)
        return [i, i + len(s)]
    quotes = pd.DataFrame({
        "doc_id": [art.name] * 4, "quote_no": [0, 1, 2, 3], "attribution_id": [0, 0, 2, 3],
        "kind": ["full", "full", "full", "partial"],
        "speaker": ["Lena T. Ortiz", "Lena T. Ortiz", "Ortiz", "the Harbor Gazette"],
        "segments": [[seg("We have waited long enough,")], [seg("The harbor cannot wait.")],
                     [seg("It is cheaper now,")], [seg("a gamble")]]})
    res = score_polnear([art], quotes)
    s = res["summary"].set_index("measure")["value"]
    # 3 gold segments (2 + 1), all found; 'a gamble' sits in a paraphrase: not counted
    assert s["segment precision"] == 1.0 and s["segment recall"] == 1.0
    # 2 gold acts, both matched
    assert s["speech act F1"] == 1.0
    # speakers: surname 'Ortiz' -> 'Lena T Ortiz' (right twice); pronoun 'she' -> the same person,
    # predicted as the bare surname: wrong
    assert s["speaker accuracy: surname"] == 1.0
    assert s["speaker accuracy: pronoun"] == 0.0
    assert s["speaker accuracy"] == pytest.approx(2 / 3)


def test_kit_on_the_fixture_end_to_end(capsys):
    res = evaluate_polnear(FIX)
    s = res["summary"].set_index("measure")["value"]
    assert s["segment recall"] == 1.0 and s["speech act recall"] == 1.0
    assert s["speaker accuracy"] == 1.0
    assert main(["quotes-eval", "--polnear", str(FIX), "--errors"]) == 0
    out = capsys.readouterr().out
    assert "segment F1" in out and "speaker accuracy: pronoun" in out


def test_two_apostrophe_marks_and_open_ended_stretches():
    t = "He said ''no'' and “maybe"
    assert [t[a:b] for a, b in quoted_stretches(t, 0, len(t))] == ["no", "maybe"]


@pytest.mark.parametrize("source, form, name", [
    ("Sen. Bernie Sanders (I-Vt.)", "full name", "Bernie Sanders"),
    ("the campaign's spokesman, Jo Bell,", "full name", "Jo Bell"),
    ("Mrs. Clinton", "surname", "Clinton"),
    ("they", "pronoun", "they"),
    ("CNN", "organisation", "CNN"),
    ("a senior aide", "description", "a senior aide"),
])
def test_speaker_forms(source, form, name):
    assert speaker_form(source) == (form, name)


def test_speaker_matching_rules():
    assert speaker_matches("Donald J. Trump", "Donald Trump", "full name")
    assert not speaker_matches("Trump", "Donald Trump", "surname")
    assert not speaker_matches("Ivanka Trump", "Donald Trump", "full name")
    assert speaker_matches("the Washington Post", "Washington Post", "organisation")


def test_split_is_fixed_and_about_a_quarter():
    names = [f"outlet_2016-01-{i:02d}_story-{i}" for i in range(400)]
    held = sum(split_of(n) == "heldout" for n in names)
    assert 60 < held < 140
    assert [split_of(n) for n in names] == [split_of(n) for n in names]


def test_bad_folder_and_bad_annotation_name_the_file(tmp_path):
    with pytest.raises(KitError, match="text/ and attributions/"):
        read_polnear(tmp_path)
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text("Head\n\nBody.\n")
    (tmp_path / "attributions" / "a_ab12.ann").write_text("T1\tSource x y\tBody\n")
    with pytest.raises(KitError, match=r"a_ab12.ann: line 1"):
        read_polnear(tmp_path)


def test_polnear_json_goes_through_the_shared_converter(capsys):
    # kit.commands._common.emit: numbers stay numbers, a measure with nothing to score is null
    assert main(["quotes-eval", "--polnear", str(FIX), "--json"]) == 0
    rows = {r["measure"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["segment recall"]["value"] == 1.0 and isinstance(rows["segment recall"]["n"], int)
    assert rows["speaker accuracy: organisation"]["value"] is None
