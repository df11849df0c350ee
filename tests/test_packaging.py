"""pyproject.toml and environment.yml list the same packages; the Makefile and CI do what the README says."""
import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# conda-forge spells a few PyPI names differently; everything else is compared as normalised
CONDA_NAME = {}


def _norm(spec: str) -> str:
    name = re.split(r"[<>=!~\[; ]", spec.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject_packages(extras=("dev",)) -> set[str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {_norm(d) for d in meta["dependencies"]}
    for extra in extras:
        names |= {_norm(d) for d in meta["optional-dependencies"][extra]}
    return {CONDA_NAME.get(n, n) for n in names}


def _environment_packages() -> set[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    names = {_norm(d) for d in env["dependencies"] if isinstance(d, str)}
    return names - {"python", "pip"}


def test_environment_yml_lists_the_same_packages_as_pyproject():
    py, env = _pyproject_packages(), _environment_packages()
    assert py - env == set(), f"in pyproject.toml but not environment.yml: {sorted(py - env)}"
    assert env - py == set(), f"in environment.yml but not pyproject.toml: {sorted(env - py)}"


def test_environment_yml_installs_the_kit_with_pip():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert pip_sections and any(line.strip() in ("-e .", ".") for line in pip_sections[0])


def test_design_card_packages_are_runtime_dependencies():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_norm(d) for d in meta["dependencies"]}
    assert {"jupyterlab", "pandas", "matplotlib", "nltk", "papermill"} <= runtime
    assert "pytest" in {_norm(d) for d in meta["optional-dependencies"]["dev"]}
    assert meta["scripts"]["kit"] == "kit.cli:main"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make report" in readme


def test_makefile_has_the_documented_targets():
    mk = (ROOT / "Makefile").read_text()
    for target in ("help", "report", "test", "lab", "bench"):
        assert re.search(rf"^{target}:", mk, re.M), target


def test_readme_documents_every_table_column_and_role():
    from kit.schema import ARTICLE_COLUMNS, PARAGRAPH_ROLES

    readme = (ROOT / "README.md").read_text()
    missing = [c for c in ARTICLE_COLUMNS if f"`{c}`" not in readme]
    assert not missing, f"README does not document articles columns {missing}"
    missing = [r for r in PARAGRAPH_ROLES if f"`{r}`" not in readme]
    assert not missing, f"README does not document paragraph roles {missing}"


def test_make_test_spreads_the_suite_over_the_cores():
    # the suite took 18 minutes on one core of a 2-core machine: make test (and CI through it) and
    # make test-fast give pytest-xdist one worker per core; TEST_JOBS=0 runs in one process
    mk = (ROOT / "Makefile").read_text()
    assert re.search(r"^TEST_JOBS \?= auto$", mk, re.M)
    for target in ("test", "test-fast"):
        recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", mk, re.M).group(1)
        # a test file stays on one worker: module fixtures (an ingested corpus, a whole batch) run once
        assert "-m pytest" in recipe and "-n $(TEST_JOBS) --dist loadfile" in recipe, target
        # the heavy files first (tests/conftest.py's order), not xdist's most-tests-first reordering
        assert "--no-loadscope-reorder" in recipe, target
    assert "pytest-xdist" in _pyproject_packages() and "pytest-xdist" in _environment_packages()
    # plain pytest (JupyterLab, targeted runs) stays in one process: no -n in the configured options
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "-n" not in cfg["tool"]["pytest"]["ini_options"]["addopts"].split()
