"""Tests for kit/reports/plan.py: which runs an ``each`` entry makes, and what it says about the rest."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kit.errors import KitError
from kit.reports.plan import RunEntry, expand_runs, load_config, select_values


def _corpus(tmp_path: Path, outlets: list) -> dict:
    path = tmp_path / "c.parquet"
    pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(outlets))], "outlet": outlets}).to_parquet(path)
    return {"path": str(path)}


def test_each_keeps_outlets_with_enough_articles_and_says_which_were_left_out(tmp_path):
    outlets = ["Big"] * 9 + ["Mid"] * 5 + ["Small"] * 2 + ["Tiny"] + [None, ""]
    corpus = _corpus(tmp_path, outlets)
    entry = RunEntry("k_{outlet}", Path("nb.ipynb"), {}, {"corpus": "src", "target": "{outlet}"}, "outlet",
                     min_articles=5, max_runs=25)
    notes: list[str] = []
    specs = expand_runs([entry], {"src": corpus}, notes=notes)
    assert [s.name for s in specs] == ["k_big", "k_mid"] and specs[0].parameters["target"] == "Big"
    assert notes == ["run 'k_{outlet}' (one per outlet): 2 article(s) with no outlet value get no run of their own.",
                     "run 'k_{outlet}' (one per outlet): 2 outlet value(s) with fewer than 5 articles (min_articles) "
                     "left out: Small (2), Tiny (1)."]


def test_each_is_capped_at_max_runs_largest_first(tmp_path):
    outlets = [f"O{k:02d}" for k in range(30) for _ in range(k + 1)]  # O29 has the most articles
    entry = RunEntry("k", Path("nb.ipynb"), {}, {}, "outlet", min_articles=1, max_runs=3)
    notes: list[str] = []
    assert select_values(entry, _corpus(tmp_path, outlets), notes) == ["O27", "O28", "O29"]
    assert len(notes) == 1 and "only the 3 values with the most articles run (max_runs)" in notes[0]
    assert "O26 (27), O25 (26)" in notes[0] and "and 15 more" in notes[0]


def test_each_on_a_corpus_without_values_makes_no_run_and_says_so(tmp_path):
    entry = RunEntry("k", Path("nb.ipynb"), {}, {}, "outlet")
    notes: list[str] = []
    assert select_values(entry, _corpus(tmp_path, [None, None]), notes) == []
    assert notes[-1] == "run 'k' (one per outlet): no article has a outlet value, so there is no run."


@pytest.mark.parametrize("text,match", [
    ("runs:\n  - notebook: x.ipynb\n    each: outlet\n    min_articles: 0\n", "'min_articles' must be a positive integer"),
    ("runs:\n  - notebook: x.ipynb\n    max_runs: 3\n", "'max_runs' only applies to runs with 'each'"),
])
def test_bad_each_limits(tmp_path, text, match):
    (tmp_path / "b.yml").write_text(text, encoding="utf-8")
    with pytest.raises(KitError, match=match):
        load_config(tmp_path / "b.yml")


def _frames_batch(tmp_path: Path, extra: str = "") -> Path:
    root = Path(__file__).resolve().parents[2]
    cfg = tmp_path / "b.yml"
    cfg.write_text(f"runs:\n  - notebook: {root.as_posix()}/notebooks/03_frames_and_tone.ipynb\n{extra}", encoding="utf-8")
    return cfg


@pytest.mark.parametrize("params,match", [
    ([("group_by", "desk")], r"group_by 'desk' is neither a column of the corpus nor a period; columns: doc_id, outlet"),
    ([("time_unit", "fortnight")], r"time_unit 'fortnight' is not a period; choose one of day, week, month"),
    ([("dictionary", "no_such.yml")], r"dictionary: 'no_such.yml' is neither a bundled name \(.*generic_frames.*\) "
                                      r"nor an existing file"),
    ([("actors", "cast.yml")], r"actors: 'cast.yml' is neither a bundled name"),
])
def test_values_are_checked_against_the_corpus_and_the_files(tmp_path, params, match):
    from kit.reports.plan import check_values, plan_batch

    entries = plan_batch(load_config(_frames_batch(tmp_path)), cli_params=params, cwd=tmp_path)
    corpus = _corpus(tmp_path, ["A", "B"])
    corpus["path"] = corpus["path"]
    specs = expand_runs(entries, {entries[0].parameters["corpus"]: corpus})
    with pytest.raises(KitError, match=match) as err:
        check_values(specs, entries)
    assert "nothing was run" in str(err.value)


def test_one_dictionary_file_where_a_list_is_declared(tmp_path):
    from kit.reports.plan import check_values, plan_batch

    (tmp_path / "mine.yml").write_text("frames: {x: [y]}\n", encoding="utf-8")
    entries = plan_batch(load_config(_frames_batch(tmp_path)), cli_params=[("dictionary", "mine.yml"),
                                                                           ("group_by", "month")], cwd=tmp_path)
    assert entries[0].parameters["dictionary"] == [str(tmp_path / "mine.yml")]  # a list, resolved from the cwd
    entries = plan_batch(load_config(_frames_batch(tmp_path, "    parameters: {dictionary: generic_frames}\n")))
    assert entries[0].parameters["dictionary"] == ["generic_frames"]  # a bundled name stays a name
    specs = expand_runs(entries, {entries[0].parameters["corpus"]: _corpus(tmp_path, ["A"])})
    check_values(specs, entries)  # no problem


def test_values_that_slug_alike_get_numbered_names_not_a_refused_batch(tmp_path):
    # real outlet spellings: "Breitbart" and "breitbart" both slug to breitbart
    corpus = _corpus(tmp_path, ["Breitbart"] * 6 + ["breitbart"] * 5 + ["Corpus"] * 5)
    entries = [RunEntry("keyness_{outlet}", Path("nb.ipynb"), {}, {"corpus": "src", "target": "{outlet}"}, "outlet"),
               RunEntry("{outlet}", Path("nb.ipynb"), {}, {"corpus": "src", "target": "{outlet}"}, "outlet", position=1)]
    notes: list[str] = []
    specs = expand_runs(entries, {"src": corpus}, notes=notes)
    names = {s.name: s.parameters["target"] for s in specs}
    assert names["keyness_breitbart"] == "Breitbart" and names["keyness_breitbart_2"] == "breitbart"
    assert names["corpus_run"] == "Corpus"  # "corpus" is kit run's own folder
    assert len(names) == len(specs) == 6
    assert any("keyness_breitbart_2" in n and "outlet 'breitbart'" in n for n in notes)


def test_only_narrows_before_the_name_check(tmp_path):
    corpus = _corpus(tmp_path, ["Alpha"] * 5 + ["Beta"] * 5)
    entries = [RunEntry("k_{outlet}", Path("nb.ipynb"), {}, {"corpus": "src"}, "outlet"),
               RunEntry("latest", Path("nb.ipynb"), {}, {"corpus": "src"}, position=1)]
    with pytest.raises(KitError, match="latest"):
        expand_runs(entries, {"src": corpus})
    specs = expand_runs(entries, {"src": corpus}, only=["k_a*"])
    assert [s.name for s in specs] == ["k_alpha"]


def _each_batch(tmp_path: Path) -> tuple[Path, str]:
    """A batch of three runs (fixture notebooks): 'ok', 'wait' and 'wait_{outlet}' (one per outlet);
    'seconds' is declared by the notebooks of the last two only."""
    nb = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks"
    corpus = _corpus(tmp_path, ["Alpha"] * 5 + ["Beta"] * 5)["path"]
    cfg = tmp_path / "b.yml"
    cfg.write_text(f"defaults:\n  corpus: {corpus}\nruns:\n  - notebook: {nb.as_posix()}/ok.ipynb\n"
                   f"  - notebook: {nb.as_posix()}/wait.ipynb\n"
                   f"  - name: wait_{{outlet}}\n    notebook: {nb.as_posix()}/sleep.ipynb\n    each: outlet\n",
                   encoding="utf-8")
    return cfg, corpus


@pytest.mark.parametrize("only,said", [
    (["ok"], ["parameter 'seconds' (from -p) is ignored: no run --only selects declares it; "
              "runs that would take it: wait, wait_{outlet}."]),
    (["ok", "wait_b*"], []),  # a run of the 'each' entry is selected: it takes 'seconds'
    (["wait"], []),
])
def test_a_name_only_each_runs_left_out_by_only_take_is_a_note(tmp_path, only, said):
    from kit.reports.plan import note_left_out_each, plan_batch

    cfg, corpus = _each_batch(tmp_path)
    config = load_config(cfg)
    plan_notes: list[str] = []
    entries = plan_batch(config, cli_params=[("seconds", "1")], only=only, notes=plan_notes)
    assert plan_notes == []  # before the corpus, 'wait_{outlet}' counts as selected
    notes: list[str] = []
    specs = expand_runs(entries, {corpus: {"path": corpus}}, only=only, notes=notes)
    note_left_out_each(config, entries, specs, cli_params=[("seconds", "1")], only=only, notes=notes)
    assert notes == said


_EACH_WRONG = r"run 'wait_\{outlet\}' .*: parameter 'seconds' \(from -p\): 'many' is not a number"


@pytest.mark.parametrize("only,at_plan,at_expand", [
    (["ok"], None, None),  # the runs per outlet are left out: their wrong value fails nothing
    (["ok", "wait_b*"], None, _EACH_WRONG),  # one is selected: the plan's problem, once the names are known
    (["wait"], r"run 'wait' .*: parameter 'seconds' \(from -p\): 'many'", None),  # a selected run: at once
    (None, _EACH_WRONG, None),  # every run selected: at once, as before
])
def test_a_wrong_value_only_an_each_run_left_out_by_only_takes_fails_nothing(tmp_path, only, at_plan, at_expand):
    from kit.reports.plan import plan_batch

    cfg, corpus = _each_batch(tmp_path)
    config = load_config(cfg)
    params = [("seconds", "many")]
    if at_plan:
        with pytest.raises(KitError, match=at_plan):
            plan_batch(config, cli_params=params, only=only)
        return
    entries = plan_batch(config, cli_params=params, only=only)  # before the corpus: not yet known to be left out
    if at_expand:
        with pytest.raises(KitError, match="parameter check failed, nothing was run:\n  - " + at_expand):
            expand_runs(entries, {corpus: {"path": corpus}}, only=only)
    else:
        assert [s.name for s in expand_runs(entries, {corpus: {"path": corpus}}, only=only)] == only
    # a name no run declares is still a typo, whatever --only selects
    with pytest.raises(KitError, match=r"unknown parameter 'secnds' \(from -p\)"):
        plan_batch(config, cli_params=[("secnds", "many")], only=only)
