"""Tests for kit/reports (the batch) and `kit run`: parameter check, parallel batch, failures, provenance,
reproducibility, archive, and HTML that is safe to share.

The fixture notebooks live in tests/fixtures/notebooks/ (ok: seeded table + figure; fail: raises in
its second cell; sleep: waits; hostile: shows article text every way a notebook can). The corpus
tests/fixtures/hostile/ was written for these tests: six short articles in the JSON Lines export
format whose titles, quotes and body carry ``<script>alert(1)</script>``,
``<img src=x onerror=alert(1)>``, a title that tries to close the table around it, a Markdown
``javascript:`` link and ``$...$``.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

import kit.cli
import kit.corpus
from kit import reports as runner
from kit.errors import KitError
from kit.reports import batch as batch_module

ROOT = Path(__file__).resolve().parents[2]
NB = ROOT / "tests" / "fixtures" / "notebooks"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def write_config(path: Path, text: str) -> Path:
    path.write_text(text.replace("NB/", f"{NB.as_posix()}/"), encoding="utf-8")
    return path


def quiet(_msg: str) -> None:
    pass


# ------------------------------------------------------------------------------------------
# HTML safety checker (independent of the runner: the standard library's HTML parser)

class _Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "link", "base", "form", "frame", "svg", "math", "video",
                   "audio", "source"):
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"event handler {name}= on <{tag}>")
            if name in ("src", "srcset", "poster", "data", "action", "formaction", "background") and not value.startswith("data:"):
                self.problems.append(f"<{tag} {name}={value[:40]!r}>")
            if name == "href" and (re.match(r"\s*(javascript|data|vbscript):", value, re.I)
                                   or re.match(r"\s*([a-z]+:)?//", value, re.I)):
                self.problems.append(f"<{tag} href={value[:40]!r}>")
            if name == "style" and re.search(r"url\(|expression\(|@import", value, re.I):
                self.problems.append(f"style attribute with {value[:40]!r}")
        if tag == "style":
            self.in_style = True

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            if re.search(r"@import|url\(\s*['\"]?(?!data:)", data, re.I):
                self.problems.append("CSS that loads a resource")
        else:
            self.text.append(data)


def scan_html(path: Path) -> tuple[list[str], str]:
    """Problems (live markup, remote requests) and the visible text of an HTML file."""
    s = _Scan()
    s.feed(path.read_text(encoding="utf-8"))
    return s.problems, "".join(s.text)


def test_scanner_catches_live_markup(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text(f'<p>{SCRIPT}</p><img src=x onerror=alert(1)><link href="https://cdn.example/x.css">'
                   '<style>@import url(https://fonts.example/f.css);</style><a href="javascript:alert(1)">x</a>',
                   encoding="utf-8")
    problems, _ = scan_html(bad)
    assert len(problems) >= 5


# ------------------------------------------------------------------------------------------
# parameters


def test_notebook_parameters_reads_types_and_help():
    params = runner.notebook_parameters(NB / "ok.ipynb")
    assert list(params) == ["corpus", "output_dir", "n", "scale", "label", "seed"]
    assert params["n"].kind == "int" and params["n"].default == 5 and params["n"].help == "rows of the random table"
    assert params["scale"].kind == "float" and params["corpus"].is_path
    assert runner.notebook_parameters(NB / "fail.ipynb")["corpus"].kind == "none"


def test_notebook_without_parameters_cell(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    nbformat.write(nb, tmp_path / "bare.ipynb")
    with pytest.raises(KitError, match="no cell tagged 'parameters'"):
        runner.notebook_parameters(tmp_path / "bare.ipynb")


@pytest.mark.parametrize("kind,raw,expected", [
    ("int", "7", 7), ("float", "2", 2.0), ("float", "0.25", 0.25), ("str", "2023", "2023"),
    ("bool", "True", True), ("bool", "off", False), ("list", '["a", "b"]', ["a", "b"]),
    ("list", "['a']", ["a"]), ("dict", '{"k": 1}', {"k": 1}), ("none", "None", None), ("none", "12", "12"), ("any", "12", 12),
    ("none", "2023-06-01", "2023-06-01"), ("none", "text", "text"),
])
def test_cli_values_are_coerced_to_the_declared_type(kind, raw, expected):
    p = runner.Parameter("x", None, "", kind)
    assert runner.check_value(p, runner.coerce_cli_value(p, raw)) == expected


@pytest.mark.parametrize("kind,value", [("int", "ten"), ("int", 1.5), ("int", True), ("float", "x"), ("bool", 1),
                                        ("str", 5), ("list", "a"), ("dict", [1])])
def test_wrong_types_are_rejected(kind, value):
    p = runner.Parameter("x", None, "", kind)
    with pytest.raises(ValueError, match=f"expected {kind}"):
        runner.check_value(p, value)


def test_unknown_parameter_from_p_names_run_parameter_and_accepted(tmp_path):
    cfg = write_config(tmp_path / "b.yml", "runs:\n  - notebook: NB/ok.ipynb\n  - notebook: NB/sleep.ipynb\n")
    with pytest.raises(KitError) as err:
        runner.run_batch(cfg, params=[("nn", "3")], out=tmp_path / "out", log=quiet)
    msg = str(err.value)
    assert "nothing was run" in msg
    assert "unknown parameter 'nn' (from -p): no run of the batch declares it" in msg
    assert "accepted: run 'ok': corpus (str" in msg and "n (int, default 5)" in msg and "seed (int, default 42)" in msg
    assert "run 'sleep': corpus (none" in msg and "seconds (float, default 2.0)" in msg
    assert not (tmp_path / "out" / "ok").exists()


def test_batch_wide_values_go_to_the_runs_that_declare_them(tmp_path):
    cfg = write_config(tmp_path / "b.yml", "defaults:\n  seconds: 0.5\nruns:\n  - notebook: NB/ok.ipynb\n"
                                           "  - notebook: NB/sleep.ipynb\n")
    plan = {e.name: e.parameters for e in runner.plan_batch(runner.load_config(cfg), cli_params=[("seed", "7")])}
    assert plan["ok"]["seed"] == 7 and "seed" not in plan["sleep"]
    assert plan["sleep"]["seconds"] == 0.5 and "seconds" not in plan["ok"]
    # a run's own parameters are strict
    cfg = write_config(tmp_path / "c.yml", "runs:\n  - notebook: NB/sleep.ipynb\n    parameters: {seed: 1}\n")
    with pytest.raises(KitError, match=r"run 'sleep' .*: unknown parameter 'seed' \(from the run's parameters in the "
                                       r"batch file\); accepted: corpus \(none, default None\), seconds"):
        runner.plan_batch(runner.load_config(cfg))


def test_wrong_type_is_an_error_before_anything_runs(tmp_path):
    cfg = write_config(tmp_path / "b.yml", "runs:\n  - notebook: NB/ok.ipynb\n    parameters: {scale: fast}\n")
    with pytest.raises(KitError, match=r"run 'ok' .*parameter 'scale' \(from the run's parameters in the batch file\): "
                                       r"expected float, got str 'fast'; the notebook declares scale \(float, default 1.0\)"):
        runner.run_batch(cfg, out=tmp_path / "out", log=quiet)
    cfg = write_config(tmp_path / "c.yml", "runs:\n  - notebook: NB/ok.ipynb\n")
    with pytest.raises(KitError, match=r"parameter 'n' \(from -p\): 'many' is not an integer"):
        runner.run_batch(cfg, params=[("n", "many")], out=tmp_path / "out", log=quiet)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def _params_notebook(path: Path, source: str) -> Path:
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = ["parameters"]
    nbformat.write(nbformat.v4.new_notebook(cells=[cell, nbformat.v4.new_code_cell("pass")]), path)
    return path


def test_none_defaults_keep_p_values_as_text_and_annotations_are_honoured(tmp_path):
    nb = _params_notebook(tmp_path / "dates.ipynb",
                          'corpus = "x"  # corpus\noutput_dir = "out"  # out\ndate_from = None  # first day\n'
                          'n_max: int | None = None  # cap\nlabel: Optional[str] = None  # label\n'
                          'tags: list[str] = []  # tags\n')
    params = runner.notebook_parameters(nb)
    assert {n: p.kind for n, p in params.items()} == {"corpus": "str", "output_dir": "str", "date_from": "none",
                                                       "n_max": "int", "label": "str", "tags": "list"}
    cfg = write_config(tmp_path / "b.yml", f"runs:\n  - notebook: {nb.as_posix()}\n")
    config = runner.load_config(cfg)
    (entry,) = runner.plan_batch(config, cli_params=[("date_from", "2023"), ("n_max", "5"), ("label", "7")])
    assert entry.parameters["date_from"] == "2023"  # text, not the integer 2023 (which pandas reads as 1970)
    assert entry.parameters["n_max"] == 5 and entry.parameters["label"] == "7"
    (entry,) = runner.plan_batch(config, cli_params=[("date_from", "None")])
    assert entry.parameters["date_from"] is None
    with pytest.raises(KitError, match=r"parameter 'n_max' \(from -p\): 'many' is not an integer"):
        runner.plan_batch(config, cli_params=[("n_max", "many")])
    cfg = write_config(tmp_path / "c.yml", f"runs:\n  - notebook: {nb.as_posix()}\n    parameters: {{label: 3}}\n")
    with pytest.raises(KitError, match=r"parameter 'label' .*expected str, got int 3"):
        runner.plan_batch(runner.load_config(cfg))


def test_p_actors_none_as_reports_yml_advises_reaches_every_notebook_as_none():
    # reports.yml advises `-p actors None`; notebook 04 declares a str default and got the text "None"
    advice = Path("reports.yml").read_text(encoding="utf-8")
    assert "-p actors None" in advice
    entries = runner.plan_batch(runner.load_config("reports.yml"), cli_params=[("actors", "None")])
    with_actors = {e.name: e.parameters["actors"] for e in entries if "actors" in e.declared}
    assert {"03_frames_and_tone", "04_voices"} <= set(with_actors)
    assert all(v is None for v in with_actors.values()), with_actors


def test_archive_folders_of_the_same_second_are_distinct(tmp_path, monkeypatch):
    class FrozenClock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2026, 11, 28, 6, 0, 0, tzinfo=tz)

    from types import SimpleNamespace

    monkeypatch.setattr(batch_module, "dt", SimpleNamespace(datetime=FrozenClock, timezone=dt.timezone))
    made = [batch_module.archive_dir(tmp_path / "arch") for _ in range(3)]
    assert [p.name for p in made] == ["2026-11-28T060000Z", "2026-11-28T060000Z-2", "2026-11-28T060000Z-3"]
    assert all(p.is_dir() for p in made)


def test_git_info_outside_a_repository(tmp_path):
    assert runner.git_info(tmp_path) == {"commit": None, "dirty": None}


def test_output_dir_is_reserved(tmp_path):
    cfg = write_config(tmp_path / "b.yml", "runs:\n  - notebook: NB/ok.ipynb\n")
    with pytest.raises(KitError, match="'output_dir' .* is set by kit run; use --out"):
        runner.run_batch(cfg, params=[("output_dir", "x")], out=tmp_path / "out", log=quiet)


@pytest.mark.parametrize("text,match", [
    ("runs: []\n", "non-empty list"),
    ("rnus:\n  - notebook: x.ipynb\n", "unknown key.*rnus.*valid keys: defaults"),
    ("runs:\n  - notebok: x.ipynb\n", "at least 'notebook'"),
    ("runs:\n  - notebook: NB/ok.ipynb\n    params: {n: 1}\n", "unknown key.*params.*valid keys: name"),
    ("runs:\n  - notebook: NB/missing.ipynb\n", "notebook not found"),
    ("runs:\n  - notebook: NB/ok.ipynb\n  - notebook: NB/ok.ipynb\n", "used twice"),
    ("runs:\n  - notebook: NB/ok.ipynb\n    name: ../up\n", "bad name"),
    ("runs: [\n", "not valid YAML"),
])
def test_bad_batch_files(tmp_path, text, match):
    cfg = write_config(tmp_path / "b.yml", text)
    with pytest.raises(KitError, match=match):
        runner.run_batch(cfg, out=tmp_path / "out", log=quiet)


def test_a_batch_wide_name_only_left_out_runs_declare_is_a_note_not_an_error(tmp_path):
    # one shared command line for several selections: 'seed' belongs to 'ok', which --only leaves out
    cfg = write_config(tmp_path / "b.yml", "defaults:\n  n: 3\nruns:\n  - notebook: NB/ok.ipynb\n"
                                           "  - notebook: NB/sleep.ipynb\n")
    notes: list[str] = []
    plan = runner.plan_batch(runner.load_config(cfg), cli_params=[("seed", "7")], only=["sleep"], notes=notes)
    assert [e.name for e in plan] == ["sleep"] and "seed" not in plan[0].parameters
    assert notes == ["parameter 'n' (from batch file defaults) is ignored: no run --only selects declares it; "
                     "runs that would take it: ok.",
                     "parameter 'seed' (from -p) is ignored: no run --only selects declares it; "
                     "runs that would take it: ok."]
    # a name no run of the batch file declares is still a typo, with or without --only
    with pytest.raises(KitError, match=r"unknown parameter 'sed' \(from -p\): no run of the batch declares it"):
        runner.plan_batch(runner.load_config(cfg), cli_params=[("sed", "7")], only=["sleep"])


def test_the_note_on_an_ignored_parameter_is_said_before_anything_runs(tmp_path):
    cfg = write_config(tmp_path / "b.yml", "runs:\n  - notebook: NB/ok.ipynb\n  - notebook: NB/sleep.ipynb\n")
    said: list[str] = []
    with pytest.raises(KitError, match="corpus not found"):
        runner.run_batch(cfg, only=["sleep"], params=[("seed", "7"), ("corpus", str(tmp_path / "nowhere"))],
                         out=tmp_path / "out", log=said.append)
    assert said == ["parameter 'seed' (from -p) is ignored: no run --only selects declares it; "
                    "runs that would take it: ok."]


def test_a_name_only_an_each_run_left_out_by_only_takes_is_a_note_said_before_the_runs(tmp_path, monkeypatch):
    # 'wait_{outlet}' counts as selected until the corpus names its runs; '--only ok' then selects none
    cfg = write_config(tmp_path / "b.yml", f"defaults:\n  corpus: {HOSTILE.as_posix()}\nruns:\n  - notebook: NB/ok.ipynb\n"
                                           "  - name: wait_{outlet}\n    notebook: NB/sleep.ipynb\n    each: outlet\n"
                                           "    min_articles: 1\n")

    def stop(*_args):
        raise KitError("stopped before the runs")

    monkeypatch.setattr(batch_module, "_analyse_corpora", stop)
    said: list[str] = []
    with pytest.raises(KitError, match="stopped before the runs"):
        runner.run_batch(cfg, only=["ok"], params=[("seconds", "1")], out=tmp_path / "out", log=said.append)
    assert said[1:] == ["parameter 'seconds' (from -p) is ignored: no run --only selects declares it; "
                        "runs that would take it: wait_{outlet}."]  # after the line on the ingest

def test_missing_corpus_and_bad_only(tmp_path):
    cfg = write_config(tmp_path / "b.yml", "runs:\n  - notebook: NB/ok.ipynb\n")
    with pytest.raises(KitError, match="corpus not found"):
        runner.run_batch(cfg, params=[("corpus", str(tmp_path / "nowhere"))], out=tmp_path / "out", log=quiet)
    with pytest.raises(KitError, match="--only nothere matches no run; runs: ok"):
        runner.run_batch(cfg, only=["nothere"], out=tmp_path / "out", log=quiet)


def test_paths_resolve_relative_to_their_origin(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    cfg = write_config(tmp_path / "b.yml", "defaults:\n  corpus: corp\nruns:\n  - notebook: NB/ok.ipynb\n")
    plan = runner.plan_batch(runner.load_config(cfg))
    assert plan[0].parameters["corpus"] == str(tmp_path / "corp")          # relative to the batch file
    plan = runner.plan_batch(runner.load_config(cfg), cli_params=[("corpus", "x/y")], cwd=tmp_path / "sub")
    assert plan[0].parameters["corpus"] == str(tmp_path / "sub" / "x" / "y")  # -p: relative to the current folder
    cfg = write_config(tmp_path / "c.yml", "runs:\n  - notebook: NB/ok.ipynb\n")
    plan = runner.plan_batch(runner.load_config(cfg))
    assert plan[0].parameters["corpus"] == str(HOSTILE)                    # the notebook's own default


# ------------------------------------------------------------------------------------------
# a whole batch: parallel runs, one failure, `each` expansion, provenance, index


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("batch")
    cfg = write_config(tmp / "reports.yml", f"""
defaults:
  corpus: {HOSTILE.as_posix()}
runs:
  - notebook: NB/ok.ipynb
    parameters: {{n: 6, label: "six"}}
  - notebook: NB/fail.ipynb
    parameters: {{corpus: null}}
  - notebook: NB/hostile.ipynb
  - name: wait_{{outlet}}
    notebook: NB/sleep.ipynb
    each: outlet
    min_articles: 1
    parameters: {{seconds: 2.5}}
""")
    calls = []

    def counting_ingest(sources, out):
        calls.append((sources, out))
        return kit.corpus.ingest([sources], out)

    result = runner.run_batch(cfg, jobs=2, out=tmp / "out", ingest=counting_ingest, log=quiet, progress=False)
    return result, calls


@pytest.mark.notebooks  # runs notebooks through papermill
def test_batch_runs_every_run_and_reports_the_failure(batch):
    result, _ = batch
    names = [r["run"] for r in result.runs]
    assert names == ["ok", "fail", "hostile", "wait_eastern_horizon_daily", "wait_harbor_street_weekly",
                     "wait_pacific_policy_forum"]
    assert [r["run"] for r in result.failed] == ["fail"]
    assert not result.ok


@pytest.mark.notebooks  # runs notebooks through papermill
def test_corpus_is_ingested_once_and_passed_as_a_store(batch):
    result, calls = batch
    assert len(calls) == 1
    store = result.out_dir / "corpus"
    # ingested into a private folder of this batch, then renamed into place (nothing else left behind)
    assert calls[0][0] == str(HOSTILE) and calls[0][1].name.startswith(".kit-ingest-")
    assert (store / "manifest.json").is_file() and (store / "articles").is_dir()
    assert not list(result.out_dir.glob(".kit-*"))
    used = {r["parameters"]["corpus"] for r in result.runs if r["run"] != "fail"}
    assert used == {str(store)}
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    assert {r["corpus"]["fingerprint"] for r in result.runs if r["run"] != "fail"} == {manifest["fingerprint"]}


@pytest.mark.notebooks  # runs notebooks through papermill
def test_runs_execute_in_parallel(batch):
    result, _ = batch
    waits = [r for r in result.runs if r["run"].startswith("wait_")]

    def span(r):
        return dt.datetime.fromisoformat(r["started"]), dt.datetime.fromisoformat(r["finished"])

    # six runs (three of them 2.5 s long) on two workers: some of them overlap in time
    spans = sorted(span(r) for r in result.runs)
    assert any(a[1] > b[0] for a, b in zip(spans, spans[1:]))
    assert all(r["parameters"]["seconds"] == 2.5 for r in waits)


@pytest.mark.notebooks  # runs notebooks through papermill
def test_per_run_outputs_and_provenance(batch):
    result, _ = batch
    ok = result.out_dir / "ok"
    assert {p.name for p in ok.iterdir()} >= {"ok.ipynb", "ok.html", "provenance.json", "random.csv", "counts.csv",
                                              "counts.png", "counts.svg"}
    prov = json.loads((ok / "provenance.json").read_text(encoding="utf-8"))
    assert prov["status"] == "ok" and prov["error"] is None
    assert prov["parameters"] == {"corpus": str(result.out_dir / "corpus"), "output_dir": str(ok),
                                  "n": 6, "scale": 1.0, "label": "six", "seed": 42}
    assert prov["seed"] == 42 and prov["kit_version"] == kit.__version__
    assert set(prov["git"]) == {"commit", "dirty"}
    # the batch file sits outside any repository; the kit's and the notebook's own commits are kept
    assert prov["git"]["commit"] is None
    assert set(prov["git_kit"]) == set(prov["git_notebook"]) == {"commit", "dirty"}
    if (ROOT / ".git").exists():
        assert re.fullmatch(r"[0-9a-f]{40}", prov["git_kit"]["commit"])
        assert prov["git_notebook"]["commit"] == prov["git_kit"]["commit"]
        assert prov["git_kit"]["commit"][:12] in (ok / "ok.html").read_text(encoding="utf-8")
    assert prov["python"]["version"].count(".") == 2
    assert prov["packages"]["papermill"] and prov["packages"]["pandas"]
    assert prov["started"] <= prov["finished"] and prov["duration_seconds"] > 0
    assert prov["files"]["tables"] == ["counts.csv", "random.csv"]
    assert prov["files"]["figures"] == ["counts.png", "counts.svg"]
    random = (ok / "random.csv").read_text(encoding="utf-8").splitlines()
    assert random[0] == "i,x,label" and len(random) == 7 and random[1].endswith(",six")
    # the executed notebook holds the injected parameters
    nb = nbformat.read(ok / "ok.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "n = 6" in injected[0].source


@pytest.mark.notebooks  # runs notebooks through papermill
def test_failed_run_keeps_notebook_and_html_with_the_error(batch):
    result, _ = batch
    fail = result.out_dir / "fail"
    prov = json.loads((fail / "provenance.json").read_text(encoding="utf-8"))
    assert prov["status"] == "failed"
    assert prov["error"]["ename"] == "ValueError" and prov["error"]["evalue"] == f"boom {SCRIPT}"
    nb = nbformat.read(fail / "fail.ipynb", as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert any(o.get("output_type") == "error" and o.get("ename") == "ValueError" for o in outputs)
    assert not any("never reached" in o.get("text", "") for o in outputs)  # later cells did not run
    problems, text = scan_html(fail / "fail.html")
    assert problems == []
    assert "ValueError" in text and f"boom {SCRIPT}" in text and "first cell ran" in text
    report = runner.format_failures(result)
    assert "FAILED fail" in report and f"ValueError: boom {SCRIPT}" in report and "raise ValueError" in report


@pytest.mark.notebooks  # runs notebooks through papermill
def test_index_lists_every_run(batch):
    result, _ = batch
    index = result.out_dir / "index.html"
    problems, text = scan_html(index)
    assert problems == []
    page = index.read_text(encoding="utf-8")
    for r in result.runs:
        assert f'href="{r["run"]}/{r["run"]}.html"' in page
        assert f'href="{r["run"]}/provenance.json"' in page
    assert 'href="ok/counts.csv"' in page and 'href="ok/counts.png"' in page
    assert "6 runs: 5 ok, 1 failed" in text
    assert re.search(r"fail.*failed", text, re.S)
    summary = json.loads((result.out_dir / "runs.json").read_text(encoding="utf-8"))
    assert [r["status"] for r in summary["runs"]].count("failed") == 1


@pytest.mark.notebooks  # runs notebooks through papermill
def test_html_is_self_contained_and_shows_markup_as_text(batch):
    result, _ = batch
    html_file = result.out_dir / "hostile" / "hostile.html"
    problems, text = scan_html(html_file)
    assert problems == []
    assert SCRIPT in text and IMG in text  # shown literally, as text
    raw = html_file.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in raw and "default-src 'none'" in raw
    assert "require.js" not in raw and "mathjax" not in raw.lower()
    ok_html = (result.out_dir / "ok" / "ok.html").read_text(encoding="utf-8")
    assert re.search(r'<img [^>]*src="data:image/png;base64,', ok_html)  # the figure is embedded
    assert "np.random.default_rng" not in ok_html  # code hidden by default


@pytest.mark.notebooks  # runs notebooks through papermill
def test_ingested_corpus_is_used_as_is(batch, tmp_path):
    result, _ = batch
    store = result.out_dir / "corpus"
    cfg = write_config(tmp_path / "b.yml", "runs:\n  - notebook: NB/ok.ipynb\n")

    def no_ingest(sources, out):
        raise AssertionError("an ingested corpus must not be ingested again")

    again = runner.run_batch(cfg, params=[("corpus", str(store))], out=tmp_path / "out", ingest=no_ingest, log=quiet)
    assert again.ok and again.runs[0]["parameters"]["corpus"] == str(store)
    assert again.runs[0]["corpus"]["fingerprint"] == result.runs[0]["corpus"]["fingerprint"]
    assert not (tmp_path / "out" / "corpus").exists()
    # the older single-file corpus too
    single = tmp_path / "single" / "c.parquet"
    kit.corpus.ingest([str(HOSTILE)], single)
    old = runner.run_batch(cfg, params=[("corpus", str(single))], out=tmp_path / "out2", ingest=no_ingest, log=quiet)
    assert old.ok and old.runs[0]["corpus"]["fingerprint"] == result.runs[0]["corpus"]["fingerprint"]


def test_each_needs_an_articles_column(tmp_path):
    cfg = write_config(tmp_path / "b.yml", f"defaults:\n  corpus: {HOSTILE.as_posix()}\nruns:\n"
                                           "  - name: s_{desk}\n    notebook: NB/ok.ipynb\n    each: desk\n")
    with pytest.raises(KitError, match="each: 'desk' is not a column of the articles table; columns: doc_id, outlet"):
        runner.run_batch(cfg, out=tmp_path / "out", log=quiet)
    assert not (tmp_path / "out" / "s_desk").exists()


def test_run_names_may_not_clash_with_the_runners_files(tmp_path):
    cfg = write_config(tmp_path / "b.yml", "runs:\n  - name: corpus\n    notebook: NB/fail.ipynb\n")
    with pytest.raises(KitError, match="used by kit run's own files"):
        runner.run_batch(cfg, out=tmp_path / "out", log=quiet)


@pytest.mark.notebooks  # runs notebooks through papermill
def test_show_code_and_only(tmp_path):
    cfg = write_config(tmp_path / "b.yml", "runs:\n  - notebook: NB/sleep.ipynb\n    parameters: {seconds: 0.0}\n"
                                           "  - notebook: NB/fail.ipynb\n")
    result = runner.run_batch(cfg, only=["sl*"], show_code=True, out=tmp_path / "out", log=quiet)
    assert [r["run"] for r in result.runs] == ["sleep"] and result.ok
    _, text = scan_html(tmp_path / "out" / "sleep" / "sleep.html")
    assert "time.sleep(seconds)" in text
    assert not (tmp_path / "out" / "fail").exists()


@pytest.mark.notebooks  # runs notebooks through papermill
def test_cell_timeout_fails_the_run(tmp_path):
    cfg = write_config(tmp_path / "b.yml", "timeout: 1\nruns:\n  - notebook: NB/sleep.ipynb\n    parameters: {seconds: 30.0}\n")
    result = runner.run_batch(cfg, out=tmp_path / "out", log=quiet)
    assert [r["run"] for r in result.failed] == ["sleep"]
    assert result.runs[0]["duration_seconds"] < 25
    assert "timed out" in result.runs[0]["error"]["evalue"].lower() or "timeout" in result.runs[0]["error"]["ename"].lower()
    assert (tmp_path / "out" / "sleep" / "sleep.html").is_file()
    report = runner.format_failures(result)  # said as a timeout, in the cell that ran out of time
    assert "Timed out in cell 3 (limit 1 s)" in report and "before any cell ran" not in report
    assert "cell: import time" in report
    with pytest.raises(KitError, match="'timeout' must be a positive number"):
        runner.load_config(write_config(tmp_path / "c.yml", "timeout: soon\nruns:\n  - notebook: NB/sleep.ipynb\n"))


def test_refuses_to_overwrite_foreign_folders(tmp_path):
    cfg = write_config(tmp_path / "b.yml", "runs:\n  - notebook: NB/fail.ipynb\n")
    (tmp_path / "out" / "fail").mkdir(parents=True)
    (tmp_path / "out" / "fail" / "thesis.docx").write_text("precious", encoding="utf-8")
    with pytest.raises(KitError, match="refusing to overwrite"):
        runner.run_batch(cfg, out=tmp_path / "out", log=quiet)
    assert (tmp_path / "out" / "fail" / "thesis.docx").is_file()


@pytest.mark.notebooks  # runs notebooks through papermill
def test_cli_exit_status_and_failure_message(tmp_path, capsys):
    cfg = write_config(tmp_path / "b.yml", "runs:\n  - notebook: NB/fail.ipynb\n    parameters: {message: kaput}\n"
                                           "  - notebook: NB/sleep.ipynb\n    parameters: {seconds: 0.0}\n")
    code = kit.cli.main(["run", str(cfg), "--out", str(tmp_path / "out"), "--jobs", "2"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "2 run(s): 1 ok, 1 failed" in out
    assert "FAILED fail" in err and "ValueError: kaput" in err
    code = kit.cli.main(["run", str(cfg), "--out", str(tmp_path / "out"), "-p", "bogus", "1"])
    out, err = capsys.readouterr()
    assert code == 2 and "unknown parameter 'bogus'" in err


@pytest.mark.notebooks  # runs notebooks through papermill
def test_archive_keeps_dated_folders_and_a_latest_pointer(tmp_path):
    cfg = write_config(tmp_path / "b.yml", "runs:\n  - notebook: NB/sleep.ipynb\n    parameters: {seconds: 0.0}\n")
    first = runner.run_batch(cfg, archive=True, out=tmp_path / "arch", log=quiet)
    second = runner.run_batch(cfg, archive=True, out=tmp_path / "arch", log=quiet)
    assert first.out_dir != second.out_dir and first.out_dir.parent == second.out_dir.parent == tmp_path / "arch"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d{6}Z(-\d+)?", second.out_dir.name)
    latest = tmp_path / "arch" / "latest"
    assert latest.resolve() == second.out_dir.resolve()
    assert (latest / "sleep" / "waited.csv").is_file() and (first.out_dir / "sleep" / "waited.csv").is_file()
    page = (tmp_path / "arch" / "index.html").read_text(encoding="utf-8")
    assert first.out_dir.name in page and second.out_dir.name in page


# ------------------------------------------------------------------------------------------
# reproducibility: the same batch twice gives byte-identical tables (and figures)


@pytest.mark.notebooks  # runs notebooks through papermill
def test_same_batch_twice_gives_identical_files(tmp_path):
    cfg = write_config(tmp_path / "b.yml", f"defaults:\n  corpus: {HOSTILE.as_posix()}\nruns:\n  - notebook: NB/ok.ipynb\n")
    a = runner.run_batch(cfg, out=tmp_path / "a", log=quiet)
    b = runner.run_batch(cfg, out=tmp_path / "b", log=quiet)
    for name in ("random.csv", "counts.csv", "counts.png", "counts.svg"):
        assert (a.out_dir / "ok" / name).read_bytes() == (b.out_dir / "ok" / name).read_bytes(), name


# ------------------------------------------------------------------------------------------
# the project's own batch (reports.yml) on the hostile corpus: safe HTML, identical CSVs twice


@pytest.fixture(scope="module")
def hostile_batches(tmp_path_factory):
    """reports.yml twice on the hostile corpus; of the runs made per outlet (each:), one outlet only."""
    tmp = tmp_path_factory.mktemp("hostile")
    batch_file = project_batch_copy(tmp)  # the hostile corpus has two articles per outlet
    config = runner.load_config(batch_file)
    only = [str(r.get("name") or Path(r["notebook"]).stem).replace("{" + str(r.get("each")) + "}", "harbor_street_weekly")
            for r in config["runs"]]
    runs = []
    for k in (1, 2):
        runs.append(runner.run_batch(batch_file, params=[("corpus", str(HOSTILE))], only=only,
                                     out=tmp / f"run{k}", log=quiet, progress=False))
    return runs


def project_batch_copy(folder: Path, **each: int) -> Path:
    """reports.yml copied into ``folder`` (paths made absolute), its ``each`` runs with ``min_articles: 1``
    unless ``each`` says otherwise."""
    import yaml

    data = yaml.safe_load((ROOT / "reports.yml").read_text(encoding="utf-8"))
    for run in data["runs"]:
        run["notebook"] = str(ROOT / run["notebook"])
        if run.get("each"):
            run.update({"min_articles": 1, **each})
    for key, value in (data.get("defaults") or {}).items():
        if key == "corpus" or key.endswith(("_path", "_file", "_dir")):
            data["defaults"][key] = str(ROOT / value)
    path = folder / "reports.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.notebooks  # runs notebooks through papermill
def test_project_batch_on_hostile_corpus_is_safe(hostile_batches):
    result = hostile_batches[0]
    assert result.ok, runner.format_failures(result)
    notebooks = {Path(r["notebook"]).name for r in result.runs}
    assert notebooks == {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}  # every notebook ran
    literal = False
    for r in result.runs:
        html_file = result.out_dir / r["run"] / r["files"]["html"]
        problems, text = scan_html(html_file)
        assert problems == [], (r["run"], problems)
        literal = literal or (SCRIPT in text and IMG in text)
    assert literal, "no report showed the hostile titles"


@pytest.mark.notebooks  # runs notebooks through papermill
def test_project_batch_csvs_are_byte_identical(hostile_batches):
    a, b = hostile_batches
    files_a = sorted(p.relative_to(a.out_dir) for p in a.out_dir.glob("*/*.csv"))
    files_b = sorted(p.relative_to(b.out_dir) for p in b.out_dir.glob("*/*.csv"))
    assert files_a == files_b and files_a
    for rel in files_a:
        assert (a.out_dir / rel).read_bytes() == (b.out_dir / rel).read_bytes(), str(rel)


def test_previous_durations_order_the_next_batch(tmp_path):
    for name, secs in (("a", 3.0), ("b", 12.5)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "provenance.json").write_text(json.dumps({"duration_seconds": secs}), encoding="utf-8")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "provenance.json").write_text("{broken", encoding="utf-8")
    assert batch_module.previous_durations(tmp_path, ["a", "b", "c", "d"]) == {"a": 3.0, "b": 12.5}


def test_provenance_lists_parquet_tables_as_tables(tmp_path):
    from kit.reports.execute import output_files

    for f in ("r.ipynb", "r.html", "provenance.json", "a.csv", "sentence_tone.parquet", "f.png", "f.svg", "notes.txt",
              ".hidden"):
        (tmp_path / f).write_text("x", encoding="utf-8")
    assert output_files(tmp_path, "r") == {"tables": ["a.csv", "sentence_tone.parquet"], "figures": ["f.png", "f.svg"],
                                           "other": ["notes.txt"]}
