"""Every report notebook: committed clean, one literal parameters cell, listed in reports.yml, and
running top to bottom with its default parameters through plain papermill."""
from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import papermill
import pytest
import yaml

from kit.tone import article_tone

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def _parameter_cells(nb):
    return [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_name_follows_the_convention(path):
    assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name), "notebooks are named NN_topic.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_without_outputs(path):
    nb = _read(path)
    dirty = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)]
    assert not dirty, f"cells {dirty} hold outputs or execution counts; clear them before committing"
    assert "papermill" not in nb.metadata, "this is an executed copy (papermill metadata), not the source notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_one_parameters_cell_of_commented_literals(path):
    cells = _parameter_cells(_read(path))
    assert len(cells) == 1, f"expected exactly one cell tagged 'parameters', found {len(cells)}"
    cell = cells[0]
    assert cell.cell_type == "code"
    tree = ast.parse(cell.source)
    names = []
    for stmt in tree.body:
        assert isinstance(stmt, (ast.Assign, ast.AnnAssign)), f"line {stmt.lineno}: only `name = literal` lines"
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        assert len(targets) == 1 and isinstance(targets[0], ast.Name), f"line {stmt.lineno}: one plain name per line"
        ast.literal_eval(stmt.value)  # raises for anything but a literal
        names.append(targets[0].id)
    comment_lines = {tok.start[0] for tok in tokenize.generate_tokens(io.StringIO(cell.source).readline)
                     if tok.type == tokenize.COMMENT}
    missing = [s.targets[0].id if isinstance(s, ast.Assign) else s.target.id
               for s in tree.body if s.end_lineno not in comment_lines]
    assert not missing, f"parameters without a trailing comment: {missing}"
    assert {"corpus", "output_dir"} <= set(names), "every notebook takes `corpus` and `output_dir`"
    assert len(names) == len(set(names))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_default_paths_point_at_the_sample_corpus_and_reports(path):
    from kit.reports.params import notebook_parameters
    from kit.reports.plan import resolve_default as _resolve_default

    params = notebook_parameters(path)
    corpus = Path(_resolve_default(params["corpus"].default, path))
    assert corpus.exists(), f"default corpus {params['corpus'].default!r} does not exist"
    out = Path(_resolve_default(params["output_dir"].default, path))
    assert out == ROOT / "reports" / path.stem


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_code_cells_hold_calls_not_helpers(path):
    """Loops and helper functions belong in kit/ with a test; data never becomes Markdown or HTML."""
    for i, cell in enumerate(_read(path).cells):
        if cell.cell_type != "code":
            continue
        source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(source)):
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.For, ast.While)), (
                f"cell {i}: {type(node).__name__} in a notebook; move it into kit/")
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
                assert name not in ("Markdown", "HTML", "Javascript", "display_markdown", "display_html"), (
                    f"cell {i}: {name}(...) turns data into live markup; show tables with kit.show_table")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_table_shown_is_displayed(path):
    """Only a cell's last expression is displayed: a kit.show_table(...) before it needs display(...),
    or its table silently vanishes from the report (the target's keywords once did)."""
    for i, cell in enumerate(_read(path).cells):
        if cell.cell_type != "code":
            continue
        body = ast.parse(cell.source).body
        for st in body[:-1]:
            if isinstance(st, ast.Expr) and isinstance(st.value, ast.Call):
                assert not ast.unparse(st.value.func).endswith("show_table"), (
                    f"cell {i}: {ast.unparse(st)[:60]}... is not the last expression: wrap it in display(...)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_listed_in_the_default_batch(path):
    config = yaml.safe_load((ROOT / "reports.yml").read_text(encoding="utf-8"))
    listed = {(ROOT / r["notebook"]).resolve() for r in config["runs"]}
    assert path.resolve() in listed, f"add `- notebook: notebooks/{path.name}` to reports.yml"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_runs_with_defaults_through_papermill(path, tmp_path):
    out_dir = tmp_path / path.stem
    out_nb = tmp_path / path.name
    papermill.execute_notebook(str(path), str(out_nb), parameters={"output_dir": str(out_dir)},
                               cwd=str(path.parent), kernel_name="python3", progress_bar=False)
    nb = _read(out_nb)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    assert sorted(p.name for p in out_dir.glob("*.csv")), "a report writes its tables as CSV"
    assert not any(p.suffix == ".png" and not p.with_suffix(".svg").exists() for p in out_dir.iterdir())
    if path.stem == "03_frames_and_tone":
        # the per-sentence tone goes to Parquet (the notebook's markdown says so), not CSV; the per-article
        # table written beside it is that file's sentences averaged
        assert not (out_dir / "sentence_tone.csv").exists()
        sentences = pd.read_parquet(out_dir / "sentence_tone.parquet")
        written = pd.read_csv(out_dir / "article_tone.csv", dtype={"doc_id": str})
        again = article_tone(sentences).reset_index(drop=True)
        assert len(sentences) > len(written) > 0
        assert written["doc_id"].tolist() == again["doc_id"].astype(str).tolist()
        np.testing.assert_allclose(written["mean_compound"], again["mean_compound"], rtol=1e-5, atol=1e-6)
    # every saved figure is shown exactly once in the report, and no bare return value is printed instead
    for cell in nb.cells:
        if cell.cell_type == "code" and "save_figure(" in cell.source:
            images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
            notes = [o for o in cell.outputs if "kit-note" in o.get("data", {}).get("text/html", "")]
            if "\nif " in cell.source and not images:  # a figure left out (04's sides) says why instead
                assert len(notes) == 1, cell.source
                continue
            assert len(images) == cell.source.count("save_figure("), cell.source


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_notebook_groups_by_a_period_within_dates(path, tmp_path):
    # one parameter vocabulary: every report takes group_by (a column or a period) and date_from/date_to
    declared = _declared(path)
    assert {"group_by", "date_from", "date_to"} <= set(declared), sorted(declared)
    out_dir = tmp_path / path.stem
    params = {"output_dir": str(out_dir), "group_by": "month", "date_from": "2023-01-01", "date_to": "2023-12-31"}
    if "target" in declared:
        params["target"] = None
    papermill.execute_notebook(str(path), str(tmp_path / path.name), parameters=params, cwd=str(path.parent),
                               kernel_name="python3", progress_bar=False)
    nb = _read(tmp_path / path.name)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    grouped = [p for p in out_dir.glob("*.csv") if "month" in p.read_text(encoding="utf-8").splitlines()[0].split(",")]
    assert grouped, "no table of the report is grouped by month"


def test_no_notebook_names_a_retired_parameter():
    # the renames table lists parameters that were renamed (01: freq -> period): no intro may still use them
    text = (ROOT / "docs" / "renames.md").read_text(encoding="utf-8")
    section = text.split("## Notebook parameters", 1)[1].split("\n## ", 1)[0]
    retired = set(re.findall(r"^\| `\d\d_[^|]*?`: `(\w+) = ", section, flags=re.M))
    assert "freq" in retired
    for path in NOTEBOOKS:
        intro = " ".join(c.source for c in _read(path).cells if c.cell_type == "markdown")
        named = set(re.findall(r"`(\w+)`", intro.split("Parameters (change them", 1)[-1].split("\n\n", 1)[0]))
        assert not (named & retired - set(_declared(path))), (path.name, named & retired)


def _declared(path: Path) -> dict:
    from kit.reports.params import notebook_parameters

    return notebook_parameters(path)


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no report notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_defaults_are_domain_neutral(path):
    """No notebook defaults to the sample's US-China dictionaries or cast: the sample batch names them
    in reports.yml, a user's own corpus gets the generic dictionary and no actor file."""
    from kit.reports.params import notebook_parameters

    defaults = {name: p.default for name, p in notebook_parameters(path).items()}
    if "actors" in defaults:
        assert defaults["actors"] is None, f"{path.name}: actors defaults to {defaults['actors']!r}"
    if "dictionary" in defaults:
        assert defaults["dictionary"] in ("generic_frames", ["generic_frames"]), defaults["dictionary"]


def test_figures_by_group_take_the_report_group_order():
    # one group order per report (kit.reporting.group_order): every group_by figure of every report gets it
    for path in NOTEBOOKS:
        code = "\n".join(c.source for c in _read(path).cells if c.cell_type == "code")
        assert "group_order = kit.reporting.group_order(articles, group_by)" in code, path.name
        calls = re.findall(r"kit\.plots\.(?:bar_counts|prevalence_plot|time_series|histogram)\((?:[^()]|\([^()]*\))*\)", code)
        by_group = [c for c in calls if "group=group_by" in c]
        # a ranking (04's distinct voices) is sorted by its value, ties in the group order, and says so
        ranked = [c for c in by_group if "order=kit.reporting.value_order(" in c]
        assert all("order=group_order" in c for c in by_group if c not in ranked), path.name
        assert all("group_order)" in c and "most first" in c for c in ranked), path.name
        assert by_group or path.name.startswith("02_"), path.name  # 02 draws the target only
    # tables with a row per group take it too (the keyness report's per-group tables, the overview's)
    for name, n in (("01_corpus_overview.ipynb", 2), ("02_terms_and_keyness.ipynb", 2)):
        code = "\n".join(c.source for c in _read(ROOT / "notebooks" / name).cells if c.cell_type == "code")
        assert code.count("group_by, group_order)") == n, name


