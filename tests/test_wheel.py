"""The built wheel carries the bundled data: installed outside the checkout, `kit frames`,
`load_dictionary("generic_frames")` and `load_actors()` work (issue 9, part 1).

The wheel is built offline from a copy of the package sources (``--no-build-isolation`` with the
setuptools of ``.venv``), installed with ``--no-deps`` into a fresh virtual environment in a
temporary folder, and run from another temporary folder. That environment sees the ``.venv``'s
packages (pandas, nltk, ...) through a ``.pth`` line, which puts the folder on ``sys.path``
without running the ``.pth`` files inside it, so the checkout's editable install of ``kit`` is
not visible there: the test asserts that the ``kit`` it runs is the installed one.
"""
import json
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

ARTICLE = """\
Harbor Street Weekly
Talks resume as rivals trade sharp words
June 18, 2023

Officials from both countries traded sharp words on Monday, but the dispute did not stop the talks.
The conflict over tariffs has cost farmers dearly, and the economic damage is growing.
Negotiators said the clash would be settled by a fair agreement.
"""


def _run(cmd, cwd, **kw):
    res = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=600, **kw)
    assert res.returncode == 0, f"{cmd} failed ({res.returncode}):\n{res.stdout}\n{res.stderr}"
    return res


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python of a fresh environment with only the wheel's kit, a working folder outside the checkout)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "kit", src / "kit", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = tmp / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
          "--quiet", "-w", dist, src], cwd=tmp)
    wheels = list(dist.glob("coverage_framing_kit-*.whl"))
    assert len(wheels) == 1, wheels

    env = tmp / "env"
    _run([sys.executable, "-m", "venv", "--without-pip", env], cwd=tmp)
    py = env / "bin" / "python"
    env_site = Path(_run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp).stdout.strip())
    # the .venv's installed packages, appended to sys.path without processing their .pth files
    (env_site / "zz_kit_test_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    _run([py, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", wheels[0]], cwd=tmp)
    work = tmp / "work"
    (work / "corpus").mkdir(parents=True)
    (work / "corpus" / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    return {"wheel": wheels[0], "python": py, "bin": env / "bin", "site": env_site, "work": work}


def test_wheel_contains_the_bundled_data(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for name in ("generic_frames", "cooperation_security", "us_china_issues"):
        assert f"kit/resources/dictionaries/{name}.yml" in names
        assert f"kit/resources/dictionaries/{name}.md" in names  # the data card travels with it
    assert "kit/resources/actors/us_china_2023.yml" in names
    assert "kit/resources/stopwords_en.txt" in names and "kit/resources/report.html.j2" in names
    assert "kit/resources/quotes/speaker_confidence.json" in names  # the speaker_confidence weights and card


def test_installed_kit_is_the_wheel_not_the_checkout(installed):
    out = _run([installed["python"], "-c", "import kit; print(kit.__file__)"], cwd=installed["work"]).stdout.strip()
    where = Path(out).resolve()
    assert where.is_relative_to(installed["site"].resolve()), where
    assert not where.is_relative_to(ROOT), f"the checkout's kit was imported: {where}"


def test_installed_kit_loads_bundled_dictionaries_and_actors(installed):
    code = (
        "import kit.actors, kit.dictionaries\n"
        "d = kit.dictionaries.load_dictionary('generic_frames')\n"
        "a = kit.actors.load_actors()\n"
        "print(d.categories)\n"
        "print(len(a), 'Eleanor Whitcombe' in set(a['name']))\n"
        "print(kit.dictionaries.__file__)\n"
    )
    out = _run([installed["python"], "-c", code], cwd=installed["work"]).stdout.splitlines()
    assert out[0] == "['conflict', 'responsibility', 'economic', 'human_interest', 'morality']"
    n, has = out[1].split()
    assert int(n) > 10 and has == "True"
    assert not Path(out[2]).resolve().is_relative_to(ROOT)


def test_kit_frames_runs_from_the_installed_script(installed):
    kit_script = installed["bin"] / "kit"
    assert kit_script.is_file(), "the wheel installs the kit command"
    res = _run([kit_script, "frames", "corpus", "--dictionary", "generic_frames", "--json"], cwd=installed["work"])
    rows = json.loads(res.stdout)
    assert len(rows) >= 1
    frames = {r["frame"] for r in rows}
    assert "conflict" in frames  # "conflict", "clash" and "sharp words" are conflict entries
    conflict = next(r for r in rows if r["frame"] == "conflict")
    assert conflict["hits"] >= 2
