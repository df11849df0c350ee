"""kit code-sample, agreement, frames-train, frames-apply and dedupe, end to end on the sample corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from kit.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = str(ROOT / "data" / "sample")
SHEET = str(ROOT / "data" / "coding" / "sample_coding.csv")
FIX = Path(__file__).parent / "fixtures"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_code_sample_writes_sheet_codebook_and_texts(capsys, tmp_path):
    code, out, err = run(capsys, "code-sample", SAMPLE, "--n", 12, "--frames", "conflict,economic", "--out", tmp_path, "--seed", 3)
    assert code == 0, err
    sheet = pd.read_csv(tmp_path / "coding_sheet.csv", dtype=str, keep_default_na=False)
    assert len(sheet) == 12 and list(sheet.columns[-2:]) == ["conflict", "economic"]
    assert all((tmp_path / p).is_file() for p in sheet["full_text"])
    assert (tmp_path / "codebook.md").is_file() and "12 articles" in out


def test_agreement_prints_alpha_and_writes_tables(capsys, tmp_path):
    code, out, err = run(capsys, "agreement", FIX / "coded" / "two_coders.csv", "--n-boot", 50, "--out", tmp_path)
    assert code == 0, err
    table = pd.read_csv(tmp_path / "agreement.csv").set_index("frame")
    assert table.at["conflict", "alpha"] == pytest.approx(0.6857142857)
    assert len(pd.read_csv(tmp_path / "disagreements.csv")) == 2 and "2 article-frame disagreement" in out


def test_agreement_bad_sheet_is_a_clear_error(capsys):
    code, out, err = run(capsys, "agreement", FIX / "coded" / "bad_code.csv")
    assert code == 2 and "bad_code.csv, line 3, column 'conflict'" in err


def test_train_then_apply(capsys, tmp_path):
    model = tmp_path / "m.pkl"
    code, out, err = run(capsys, "frames-train", SHEET, "--corpus", SAMPLE, "--out", model, "--n-boot", 50)
    assert code == 0, err
    val = pd.read_csv(str(model) + ".validation.csv")
    assert set(val["method"]) == {"classifier", "dictionary"}
    prov = json.loads(Path(str(model) + ".json").read_text())["provenance"]
    assert prov["corpus_fingerprint"] and prov["options"]["folds"] == 5
    code, out, err = run(capsys, "frames-apply", model, SAMPLE, "--out", tmp_path / "applied", "--n-boot", 50)
    assert code == 0, err
    prev = pd.read_csv(tmp_path / "applied" / "prevalence.csv")
    assert len(prev) == 16 and {"share", "share_low", "share_high", "raw_share"} <= set(prev.columns)
    assert len(pd.read_csv(tmp_path / "applied" / "predictions.csv")) == 4 * 44
    # on a store with --dedupe near: the store's near-duplicate pairs are stored and used
    code, _, err = run(capsys, "ingest", FIX / "dedupe" / "reprint_corpus.jsonl", "--out", tmp_path / "store", "-q")
    assert code == 0, err
    code, out, err = run(capsys, "frames-apply", model, tmp_path / "store", "--dedupe", "near", "--out",
                         tmp_path / "near", "--n-boot", 0)
    assert code == 0, err
    assert "5 dropped by dedupe=near" in out  # 12 articles: one exact copy, four reprints
    assert len(pd.read_csv(tmp_path / "near" / "predictions.csv")) == 4 * 7
    from kit.analyse import stored_tables
    assert stored_tables(tmp_path / "store")["table"].tolist() == ["near_duplicates"]


def test_train_from_a_self_contained_coding_folder(capsys, tmp_path):
    code, out, err = run(capsys, "frames-train", SHEET, "--out", tmp_path / "m.pkl", "--n-boot", 0, "--dictionary", "none")
    assert code == 0, err
    assert set(pd.read_csv(tmp_path / "m.pkl.validation.csv")["method"]) == {"classifier"}


def test_train_without_text_or_corpus_fails_clearly(capsys, tmp_path):
    code, out, err = run(capsys, "frames-train", FIX / "coded" / "two_coders.csv", "--out", tmp_path / "m.pkl")
    assert code == 2 and "--corpus" in err


def test_dedupe_command(capsys, tmp_path):
    arts = pd.read_json(FIX / "dedupe" / "tuna_reprints.json")
    arts.to_csv(tmp_path / "tuna.csv", index=False)
    code, out, err = run(capsys, "dedupe", tmp_path / "tuna.csv", "--out", tmp_path / "d")
    assert code == 0, err
    clusters = pd.read_csv(tmp_path / "d" / "clusters.csv")
    assert len(clusters) == 3 and clusters["is_origin"].sum() == 1
    prov = pd.read_csv(tmp_path / "d" / "provenance.csv")
    assert set(prov["source"]) == {"AP"}


def test_dedupe_command_on_a_store_matches_the_files(capsys, tmp_path):
    arts = pd.read_json(FIX / "dedupe" / "tuna_reprints.json")
    arts.to_csv(tmp_path / "tuna.csv", index=False)
    code, _, err = run(capsys, "ingest", tmp_path / "tuna.csv", "--out", tmp_path / "store")
    assert code == 0, err
    code, _, err = run(capsys, "dedupe", tmp_path / "store", "--out", tmp_path / "s")
    assert code == 0, err
    code, _, err = run(capsys, "dedupe", tmp_path / "tuna.csv", "--out", tmp_path / "f")
    assert code == 0, err
    for name in ("pairs", "clusters", "reprint_share"):
        a, b = pd.read_csv(tmp_path / "s" / f"{name}.csv"), pd.read_csv(tmp_path / "f" / f"{name}.csv")
        pd.testing.assert_frame_equal(a, b)
    assert len(pd.read_csv(tmp_path / "s" / "clusters.csv")) == 3
    from kit.analyse import stored_tables  # the pairs are kept in the store for the reports (dedupe near)
    assert stored_tables(tmp_path / "store")["table"].tolist() == ["near_duplicates"]


def test_train_with_agreement_weights(capsys, tmp_path):
    code, out, err = run(capsys, "frames-train", SHEET, "--out", tmp_path / "m.pkl", "--n-boot", 0, "--dictionary", "none",
                         "--weights", "agreement")
    assert code == 0, err
    side = json.loads((tmp_path / "m.pkl.json").read_text())
    assert side["provenance"]["options"]["weights"] == "given"
    code, out, err = run(capsys, "frames-train", SHEET, "--out", tmp_path / "m.pkl", "--weights", "votes")
    assert code == 2 and "--weights" in err
