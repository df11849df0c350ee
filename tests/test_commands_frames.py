"""`kit frames` and `kit frames-eval` on small hand-made files."""
import json
from pathlib import Path

import pytest

from kit.cli import main

FIX = Path(__file__).parent / "fixtures" / "frames"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_frames_json_with_a_dictionary_file(capsys):
    code, out, err = run(capsys, "frames", FIX / "article.txt", "--json", "--dictionary", FIX / "mini.dic")
    assert code == 0, err
    rows = json.loads(out)
    assert all(set(r) == {"doc_id", "frame", "hits", "per_1k", "evidence"} for r in rows)
    by = {r["frame"]: r for r in rows}
    assert by["cooperation"]["hits"] == 3 and by["conflict"]["hits"] == 2
    assert by["cooperation"]["per_1k"] == pytest.approx(3000 / 34, abs=1e-3)
    assert by["cooperation"]["evidence"] == [
        "Both sides agreed to stabilise ties on Monday.",
        "The US envoy said people-to-people exchanges would resume."]
    assert by["conflict"]["evidence"] == [
        "There was no agreement on chips, and the trade war went on.",
        "The US envoy said people-to-people exchanges would resume."]


def test_frames_negation_options(capsys):
    _, out, _ = run(capsys, "frames", FIX / "article.txt", "--dictionary", FIX / "mini.yml", "--include-negated", "--json")
    assert {r["frame"]: r["hits"] for r in json.loads(out)} == {"cooperation": 4, "conflict": 3}
    _, out, _ = run(capsys, "frames", FIX / "article.txt", "--dictionary", FIX / "mini.lc3", "--negation-window", "0", "--json")
    assert {r["frame"]: r["hits"] for r in json.loads(out)} == {"cooperation": 4, "conflict": 3}


def test_frames_default_is_the_generic_frames_dictionary(capsys):
    code, out, err = run(capsys, "frames", FIX / "article.txt", "--json", "--all")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["frame"] for r in rows] == ["conflict", "responsibility", "economic", "human_interest", "morality"]


def test_frames_bad_dictionary_is_a_user_error_with_the_line(capsys):
    code, out, err = run(capsys, "frames", FIX / "article.txt", "--dictionary", FIX / "bad_number.dic")
    assert code == 2 and out == ""
    assert "bad_number.dic, line 5:" in err and "Traceback" not in err


def test_frames_eval_on_inline_gold(capsys, tmp_path):
    gold = {"outlet": "Test", "articles": [
        {"title": "a", "text": "Talks, talks and an agreement.", "frames": ["cooperation"]},
        {"title": "b", "text": "They clashed and clashed again.", "frames": ["conflict", "cooperation"]},
        {"title": "c", "text": "Nothing of note. One agreement.", "frames": []}]}
    (tmp_path / "g.json").write_text(json.dumps(gold))
    d = tmp_path / "d.lc3"
    d.write_text("+cooperation\ntalks\nagreement\n+conflict\nclash*\n")
    code, out, err = run(capsys, "frames-eval", "--gold", tmp_path, "--dictionary", d, "--json", "--min-hits", "1")
    assert code == 0, err
    m = {r["frame"]: r for r in json.loads(out)}
    # cooperation: predicted a, c; gold a, b -> tp 1, fp 1, fn 1
    assert (m["cooperation"]["tp"], m["cooperation"]["fp"], m["cooperation"]["fn"]) == (1, 1, 1)
    assert m["cooperation"]["precision"] == 0.5 and m["cooperation"]["recall"] == 0.5
    assert (m["conflict"]["tp"], m["conflict"]["fp"], m["conflict"]["fn"], m["conflict"]["f1"]) == (1, 0, 0, 1.0)
    assert m["micro"]["precision"] == pytest.approx(2 / 3) and m["micro"]["recall"] == pytest.approx(2 / 3)
    code, out, _ = run(capsys, "frames-eval", "--gold", tmp_path, "--dictionary", d, "--json", "--min-hits", "2")
    m = {r["frame"]: r for r in json.loads(out)}
    assert (m["cooperation"]["tp"], m["cooperation"]["fp"]) == (1, 0)  # only article a has 2+ hits


def test_frames_eval_json_keeps_full_floats(capsys, tmp_path):
    """--json goes through the shared converter: floats are not rounded to 10 digits (category names are ASCII)."""
    gold = {"outlet": "Test", "articles": [
        {"title": "a", "text": "Talks, talks and an agreement.", "frames": ["cooperation"]},
        {"title": "b", "text": "Nothing here at all.", "frames": ["cooperation"]},
        {"title": "c", "text": "More talks today.", "frames": ["cooperation"]},
        {"title": "d", "text": "An agreement, finally.", "frames": []}]}
    (tmp_path / "g.json").write_text(json.dumps(gold))
    d = tmp_path / "d.lc3"
    d.write_text("+cooperation\ntalks\nagreement\n", encoding="utf-8")
    code, out, err = run(capsys, "frames-eval", "--gold", tmp_path, "--dictionary", d, "--json", "--min-hits", "1",
                         "--n-boot", "0")
    assert code == 0, err
    m = {r["frame"]: r for r in json.loads(out)}
    # predicted a, c, d; gold a, b, c -> precision 2/3 exactly as Python computes it (to_json gave 0.6666666667)
    assert m["cooperation"]["precision"] == 2 / 3 and m["cooperation"]["recall"] == 2 / 3


def test_frames_eval_reports_unmatched_gold(capsys, tmp_path):
    gold = {"outlet": "Test", "articles": [{"source": "x.txt", "title": "No such headline", "frames": []}]}
    (tmp_path / "g.json").write_text(json.dumps(gold))
    code, out, err = run(capsys, "frames-eval", "--gold", tmp_path, "--corpus", FIX / "article.txt")
    assert code == 2 and "no gold article" in err


def test_f1_interval_against_an_independent_bootstrap():
    import numpy as np
    import pandas as pd

    from kit.frames_eval import presence_metrics

    gold_has = [1, 1, 0, 1, 0, 0, 1, 1]
    pred_has = [1, 0, 1, 1, 0, 0, 1, 0]
    docs = [f"d{i}" for i in range(8)]
    pred = pd.DataFrame({"doc_id": docs, "frame": "x", "present": [bool(v) for v in pred_has]})
    gold = pd.DataFrame({"doc_id": docs, "frames": [["x"] if v else [] for v in gold_has]})
    m = presence_metrics(pred, gold, n_boot=300, seed=4).set_index("frame")
    assert m.loc["x", "f1"] == pytest.approx(2 * 3 / (2 * 3 + 1 + 2))
    g, p = np.array(gold_has, bool), np.array(pred_has, bool)
    rng = np.random.default_rng(4)
    f1s = []
    for row in rng.integers(0, 8, size=(300, 8)):
        tp, fp, fn = (g[row] & p[row]).sum(), (~g[row] & p[row]).sum(), (g[row] & ~p[row]).sum()
        if tp + fp and tp + fn:
            f1s.append(2 * tp / (2 * tp + fp + fn))
    assert [m.loc["x", "f1_low"], m.loc["x", "f1_high"]] == pytest.approx(list(np.quantile(f1s, [0.025, 0.975])))


def test_frames_eval_skips_gold_files_without_frames(capsys, tmp_path):
    (tmp_path / "quotes_only.json").write_text(json.dumps({"articles": [{"title": "q", "text": "Talks.", "quotes": []}]}))
    (tmp_path / "g.json").write_text(json.dumps({"articles": [{"title": "a", "text": "Talks and talks.", "frames": ["c"]}]}))
    d = tmp_path / "d.lc3"
    d.write_text("+c\ntalks\n")
    code, out, err = run(capsys, "frames-eval", "--gold", tmp_path, "--dictionary", d, "--json", "--n-boot", "0")
    assert code == 0, err
    assert "1 gold article(s) scored" in err
    code, out, err = run(capsys, "frames-eval", "--gold", tmp_path, "--dictionary", d, "--files", "quotes_only.json")
    assert code == 2 and "no article with a 'frames' list" in err


# ----------------------------------------------------------------------------- review fixes (F8, F9, F11)


def test_frames_without_gold_are_reported_not_hidden_by_macro(capsys, tmp_path):
    import pandas as pd

    from kit.frames_eval import presence_metrics

    pred = pd.DataFrame({"doc_id": ["a", "b", "c", "a", "b", "c"], "frame": ["x"] * 3 + ["morality"] * 3,
                         "present": [True, False, True, True, True, False]})
    gold = pd.DataFrame({"doc_id": ["a", "b", "c"], "frames": [["x"], ["x"], []]})
    m = presence_metrics(pred, gold).set_index("frame")
    # x: tp 1 (a), fp 1 (c), fn 1 (b); morality: no gold, 2 predictions, both false positives
    assert (m.loc["macro", "n_predicted"], m.loc["macro", "fp"]) == (2, 1)
    assert (m.loc["no_gold", "n_predicted"], m.loc["no_gold", "fp"], m.loc["no_gold", "precision"]) == (2, 2, 0.0)
    assert pd.isna(m.loc["no_gold", "recall"]) and pd.isna(m.loc["no_gold", "f1"])
    assert m.loc["micro", "fp"] == 3  # micro pools every frame
    # and the command says so
    (tmp_path / "g.json").write_text(json.dumps({"articles": [
        {"title": "a", "text": "Talks and talks. A moral duty and moral values.", "frames": ["c"]}]}))
    d = tmp_path / "d.lc3"
    d.write_text("+c\ntalks\n+morality\nmoral*\n")
    code, out, err = run(capsys, "frames-eval", "--gold", tmp_path, "--dictionary", d, "--markdown", "--n-boot", "0")
    assert code == 0, err
    assert "| no_gold | 0 | 1 | 0 | 1 | 0 | 0.00 | - | - |" in out
    assert "morality (1 FP)" in out
    code, out, err = run(capsys, "frames-eval", "--gold", tmp_path, "--dictionary", d, "--n-boot", "0")
    assert "morality (1 FP)" in err


def test_frame_gold_loader_has_its_own_name():
    import kit.frames_eval as fe
    import kit.quotes_eval as qe

    assert hasattr(fe, "load_frame_gold") and not hasattr(fe, "load_gold")
    assert "load_frame_gold" in fe.__all__ and "load_gold" not in fe.__all__
    assert fe.load_frame_gold is not getattr(qe, "load_gold", None)


def test_notebook_03_takes_min_sentences_as_a_parameter():
    import ast

    nb = json.loads((Path(__file__).parent.parent / "notebooks" / "03_frames_and_tone.ipynb").read_text())
    params = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(params) == 1
    names = {t.id: n.value.value for n in ast.parse("".join(params[0]["source"])).body
             for t in n.targets if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)}
    assert names.get("min_sentences") == 5
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code" and c is not params[0])
    assert "min_sentences=min_sentences" in code and "min_sentences=5" not in code
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")


def test_frames_json_streams_a_store_a_partition_at_a_time(capsys, tmp_path, monkeypatch):
    """`kit frames STORE --json` reads the texts a partition at a time and writes each record as it is
    made: the same bytes as the whole corpus's records dumped at once (sources and a store alike)."""
    import kit
    import kit.analyse.reading
    from kit.commands._common import records
    from kit.commands.frames import frames_json

    store = tmp_path / "corpus"
    kit.ingest(["data/sample"], store, partition_size=6, workers=1)
    whole = kit.load_corpus(store, paragraphs=False).articles[["doc_id", "text"]]
    expected = json.dumps(records(frames_json(whole, None)), ensure_ascii=False, indent=2) + "\n"
    assert expected.count('"evidence"') > 20
    parts = []
    text_parts = kit.analyse.reading.text_parts

    def watched(corpus, articles):
        for p in text_parts(corpus, articles):
            parts.append(len(p))
            yield p

    monkeypatch.setattr(kit.analyse.reading, "text_parts", watched)
    code, out, err = run(capsys, "frames", store, "--json")
    assert code == 0, err
    assert out == expected and len(parts) > 3 and max(parts) <= 6
    monkeypatch.setattr(kit.analyse.reading, "PART_ROWS", 5)  # sources: parts of 5 articles
    code, out2, err = run(capsys, "frames", "data/sample", "--json")
    assert code == 0 and out2 == expected
    code, table, _ = run(capsys, "frames", store)
    assert code == 0 and "n_sentences" in table.splitlines()[0]
    code, out3, _ = run(capsys, "frames", store, "--json", "--dictionary", FIX / "mini.dic")
    assert code == 0 and json.loads(out3) == records(frames_json(whole, str(FIX / "mini.dic")))
