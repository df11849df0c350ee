"""Habits the linter cannot check: every ``# noqa`` names its codes and says why; the complexity
ceiling in pyproject.toml is one the code meets (``make test`` runs ``ruff check`` itself)."""
from __future__ import annotations

import io
import re
import tokenize
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: A noqa comment with its codes and a reason after them ("# noqa: F401 (re-exported)").
NOQA = re.compile(r"#\s*noqa\b(?P<rest>.*)$")
WITH_REASON = re.compile(r":\s*[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*\s+\S")


def python_files():
    for folder in ("kit", "tests", "benchmarks"):
        yield from (ROOT / folder).rglob("*.py")
    yield ROOT / "conftest.py"


def test_every_noqa_names_codes_and_a_reason():
    bad = []
    for path in python_files():
        source = path.read_text(encoding="utf-8")
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            m = NOQA.search(tok.string) if tok.type == tokenize.COMMENT else None
            if m and not WITH_REASON.match(m.group("rest")):
                bad.append(f"{path.relative_to(ROOT)}:{tok.start[0]}: {tok.string}")
    assert not bad, "noqa without codes and a reason on the line:\n" + "\n".join(bad)


def test_the_reason_pattern():
    ok = "import x  # noqa: F401 (re-exported)"
    assert WITH_REASON.match(NOQA.search(ok).group("rest"))
    for line in ("import x  # noqa", "import x  # noqa: F401", "import x  # noqa: F401,E402"):
        assert not WITH_REASON.match(NOQA.search(line).group("rest")), line


def test_ruff_runs_in_make_test_and_checks_what_we_said():
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())
    lint = cfg["tool"]["ruff"]["lint"]
    assert set(lint["select"]) == {"F", "I", "C901"}
    assert lint["mccabe"]["max-complexity"] <= 27
    make = (ROOT / "Makefile").read_text()
    test_recipe = re.search(r"^test:.*\n((?:\t.*\n)+)", make, re.M).group(1)
    assert test_recipe.splitlines()[0].strip() == "$(BIN)/ruff check ."
    assert "ruff" in {re.split(r"[<>=\[]", d)[0] for d in cfg["project"]["optional-dependencies"]["dev"]}


def test_fast_suite_leaves_out_slow_and_notebook_tests():
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())
    markers = {m.split(":")[0] for m in cfg["tool"]["pytest"]["ini_options"]["markers"]}
    assert {"slow", "notebooks"} <= markers
    make = (ROOT / "Makefile").read_text()
    assert '-m "not slow and not notebooks"' in re.search(r"^test-fast:.*\n((?:\t.*\n)+)", make, re.M).group(1)


def test_no_invalid_escape_sequences():
    """A ``\\s`` in a plain (not raw) string or docstring is an invalid escape: Python warns about it
    only when it compiles the file (not from a cached .pyc), so it surfaced in test runs as a
    DeprecationWarning from ``<unknown>`` (tools/regex_audit.py's docstring). Compile every file."""
    import warnings

    bad = []
    for path in [*python_files(), *(ROOT / "tools").glob("*.py"), *(ROOT / "evaluation").glob("*.py")]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            compile(path.read_text(encoding="utf-8"), str(path), "exec")
        bad += [f"{path.relative_to(ROOT)}:{w.lineno}: {w.message}" for w in caught if "escape" in str(w.message)]
    assert not bad, "\n".join(bad)
