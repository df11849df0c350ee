"""What produced a run's files: the batch's facts (kit, git, packages) and one run's provenance record.

:class:`Provenance` is written as ``provenance.json`` in every run folder; :meth:`Provenance.as_dict`
is the JSON form, which :class:`kit.reports.batch.BatchResult` and the index pages read.
"""
from __future__ import annotations

import datetime as dt
import json
import platform
import re
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

#: The runner's status words: ``ok`` and ``failed`` from a run; ``interrupted`` when the batch
#: was stopped while the run executed; ``cancelled`` when it was stopped before the run started.
STATUSES = ("ok", "failed", "interrupted", "cancelled")


def now() -> str:
    """The current UTC time as ISO text with milliseconds.

    >>> len(now()), now().endswith("+00:00")
    (29, True)
    """
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


def git_info(folder: Path) -> dict:
    """Commit and dirty flag of the git work tree holding ``folder`` (``None`` values without git).

    >>> import tempfile
    >>> git_info(Path(tempfile.mkdtemp()))  # a folder outside any work tree
    {'commit': None, 'dirty': None}
    """
    def git(*args):
        try:
            r = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        return r.stdout.strip() if r.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no") if commit else None
    return {"commit": commit, "dirty": bool(status) if status is not None else None}


def package_versions() -> dict[str, str | None]:
    """Versions of the kit's runtime dependencies and the notebook machinery (``None``: not installed).

    >>> versions = package_versions()
    >>> "pandas" in versions and "papermill" in versions
    True
    """
    from importlib import metadata

    names = {"ipykernel", "jupyter_client", "nbclient", "nbconvert", "nbformat", "numpy", "pandas", "papermill",
             "matplotlib", "pyarrow", "scipy", "nltk"}
    try:
        for req in metadata.requires("coverage-framing-kit") or []:
            if "extra ==" not in req:
                names.add(re.split(r"[\s<>=!~;\[]", req, maxsplit=1)[0])
    except metadata.PackageNotFoundError:
        pass
    out = {}
    for n in sorted(names, key=str.lower):
        try:
            out[n] = metadata.version(n)
        except metadata.PackageNotFoundError:
            out[n] = None
    return out


def python_info() -> dict:
    """Version, implementation, executable and platform of this Python.

    >>> sorted(python_info())
    ['executable', 'implementation', 'platform', 'version']
    """
    return {"version": platform.python_version(), "implementation": platform.python_implementation(),
            "executable": sys.executable, "platform": platform.platform()}


@dataclass
class BatchFacts:
    """Facts shared by every run of a batch (collected once, in the main process)."""

    kit_version: str | None = None
    git: dict = field(default_factory=dict)
    git_kit: dict = field(default_factory=dict)
    packages: dict = field(default_factory=dict)
    command: list[str] | None = None

    @classmethod
    def collect(cls, base: Path) -> "BatchFacts":
        """The facts for a batch file in ``base``.

        >>> import kit
        >>> facts = BatchFacts.collect(Path("."))
        >>> facts.kit_version == kit.__version__, "pandas" in facts.packages
        (True, True)
        """
        import kit

        command = ["kit", "run", *sys.argv[2:]] if Path(sys.argv[0]).name == "kit" else None
        return cls(kit.__version__, git_info(base), git_info(Path(kit.__file__).resolve().parent),
                   package_versions(), command)


@dataclass
class Provenance:
    """One run's ``provenance.json``: what ran, with which inputs, where, and how it ended."""

    run: str
    notebook: str
    status: str
    parameters: dict = field(default_factory=dict)
    notebook_sha256: str | None = None
    seed: Any = None
    error: dict | None = None
    started: str | None = None
    finished: str | None = None
    duration_seconds: float = 0.0
    kit_version: str | None = None
    git: dict | None = None
    git_kit: dict | None = None
    git_notebook: dict | None = None
    corpus: dict | None = None
    python: dict = field(default_factory=python_info)
    packages: dict | None = None
    command: list[str] | None = None
    kernel_env: dict = field(default_factory=lambda: {"PYTHONHASHSEED": "0"})
    files: dict = field(default_factory=dict)
    render_seconds: float | None = None
    html_error: str | None = None
    kernel_starts: int = 1

    def as_dict(self) -> dict:
        """The JSON form (``html_error`` only when the HTML failed, ``kernel_starts`` only when the
        kernel had to be started more than once).

        >>> d = Provenance("ok", "ok.ipynb", "ok").as_dict()
        >>> d["status"], "html_error" in d, "kernel_starts" in d
        ('ok', False, False)
        """
        d = asdict(self)
        if d["html_error"] is None:
            del d["html_error"]
        if d["kernel_starts"] == 1:
            del d["kernel_starts"]
        return d

    def write(self, run_dir: Path) -> Path:
        """Write ``provenance.json`` into ``run_dir`` atomically.

        >>> import tempfile
        >>> path = Provenance("ok", "ok.ipynb", "ok").write(Path(tempfile.mkdtemp()))
        >>> read_provenance(path)["run"]
        'ok'
        """
        from kit.reports.files import write_text_atomic

        return write_text_atomic(run_dir / "provenance.json",
                                 json.dumps(self.as_dict(), indent=2, ensure_ascii=False, default=str) + "\n")


def read_provenance(path: Path) -> dict | None:
    """The provenance record at ``path`` as a dict, or ``None`` when it is missing or unreadable.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "provenance.json").write_text('{"run": "ok", "status": "ok"}')
    >>> read_provenance(folder / "provenance.json"), read_provenance(folder / "missing.json")
    ({'run': 'ok', 'status': 'ok'}, None)
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
