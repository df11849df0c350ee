"""Executing one run in a worker process: papermill, then the HTML page and ``provenance.json``.

:func:`execute_run` never raises: a failing cell, a timeout or an interrupt ends up in the run's
provenance (``status`` and ``error``), and the executed notebook is kept as the log.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.paths import RUN_DIR_ENV
from kit.reports.html import header_html, render_html
from kit.reports.provenance import BatchFacts, Provenance, now

#: The kernel every run uses: the Python that runs ``kit`` (ipykernel's native kernel).
KERNEL_NAME = "python3"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class Task:
    """Everything a worker needs to execute one run (picklable: it crosses to a worker process)."""

    name: str
    notebook: str
    run_dir: str
    parameters: dict[str, Any]
    notebook_rel: str | None = None
    git_notebook: dict | None = None
    show_code: bool = False
    project_root: str | None = None
    timeout: float | None = None
    corpus: dict | None = None
    facts: BatchFacts = field(default_factory=BatchFacts)
    kernel_name: str = KERNEL_NAME
    stop_file: str | None = None


class Interrupted(Exception):
    """Raised in a worker when the batch is stopped (SIGINT/SIGTERM) while its run executes."""


def error_info(exc: BaseException, timeout: float | None = None) -> dict:
    """The error of a failed run as provenance records it (cell, counts, name, value, source, traceback).

    A cell timeout gets ``timeout`` (the limit in seconds) and the cell that ran out of time.

    >>> info = error_info(RuntimeError("disk full"))
    >>> info["ename"], info["evalue"], info["cell_index"], "timeout" in info
    ('RuntimeError', 'disk full', None, False)
    """
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        tb = [_ANSI.sub("", line) for line in (exc.traceback or [])]
        return {"cell_index": exc.cell_index, "execution_count": exc.exec_count, "ename": exc.ename,
                "evalue": _ANSI.sub("", str(exc.evalue)), "source": exc.source, "traceback": tb[-8:]}
    info = {"cell_index": None, "execution_count": None, "ename": type(exc).__name__,
            "evalue": _ANSI.sub("", str(exc)), "source": None, "traceback": []}
    if type(exc).__name__ == "CellTimeoutError" or "timed out" in str(exc).lower():
        info["timeout"] = timeout
    return info


def _running_cell(out_nb: Path) -> tuple[int | None, str | None]:
    """The index and source of the cell that was running when the run stopped: the one papermill
    marks ``running``, else the last one it started."""
    try:
        cells = json.loads(out_nb.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return None, None
    meta = [((c.get("metadata") or {}).get("papermill") or {}) for c in cells]
    running = [i for i, m in enumerate(meta) if m.get("status") == "running"]
    started = [i for i, m in enumerate(meta) if m.get("start_time")]
    if not (running or started):
        return None, None
    i = (running or started)[-1]
    src = cells[i].get("source", "")
    return i, "".join(src) if isinstance(src, list) else src


def output_files(run_dir: Path, name: str) -> dict:
    """The run folder's outputs by kind: ``tables`` (CSV, Parquet), ``figures``, ``other`` (hidden files left out).

    >>> import tempfile
    >>> run_dir = Path(tempfile.mkdtemp())
    >>> for f in ("ok.ipynb", "ok.html", "counts.csv", "trend.png", "notes.txt", ".kit-run.json"):
    ...     _ = (run_dir / f).write_text("")
    >>> output_files(run_dir, "ok")
    {'tables': ['counts.csv'], 'figures': ['trend.png'], 'other': ['notes.txt']}
    """
    files = sorted(p.name for p in run_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    skip = {f"{name}.ipynb", f"{name}.html", "provenance.json"}
    tables, figures = (".csv", ".parquet"), (".png", ".svg", ".pdf")
    return {"tables": [f for f in files if f.endswith(tables)],
            "figures": [f for f in files if f.endswith(figures)],
            "other": [f for f in files if f not in skip and not f.endswith(tables + figures)]}


def skip_slow_imports() -> None:
    """In the runner's worker processes only: keep jsonschema from loading ``rfc3987_syntax``.

    jsonschema builds that package's IRI grammar at import (1.2 s per process); it only serves
    the "iri" string format, which nbformat's schemas never use. jsonschema imports it under
    ``suppress(ImportError)``, so a ``None`` entry in ``sys.modules`` simply leaves it out.
    Kernels are separate processes and are not affected.

    >>> import subprocess, sys  # (in a process of its own, as in a worker)
    >>> code = ("import sys; from kit.reports.execute import skip_slow_imports; skip_slow_imports(); "
    ...         "import jsonschema; print(sys.modules['rfc3987_syntax'])")
    >>> subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    'None\\n'
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


_KERNEL_DIR: str | None = None


def pin_kernel() -> None:
    """Make kernel ``python3`` run this very interpreter (where ``kit`` is installed).

    A ``python3`` kernel spec in the user's Jupyter folders would otherwise win over the
    virtual environment's and run the reports in another Python. A spec in a private folder put
    first on ``JUPYTER_PATH`` takes precedence; the executed notebooks still name ``python3``.

    >>> import subprocess, sys  # (in a process of its own: it sets JUPYTER_PATH, as in a worker)
    >>> code = ("import json, os, sys; from kit.reports.execute import pin_kernel; pin_kernel(); "
    ...         "first = os.environ['JUPYTER_PATH'].split(os.pathsep)[0]; "
    ...         "print(json.load(open(first + '/kernels/python3/kernel.json'))['argv'][0] == sys.executable)")
    >>> subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    'True\\n'
    """
    global _KERNEL_DIR
    if _KERNEL_DIR is not None:
        return
    import atexit
    import tempfile

    root = tempfile.mkdtemp(prefix="kit-kernel-")
    atexit.register(shutil.rmtree, root, True)
    spec_dir = Path(root) / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (ipykernel)", "language": "python", "metadata": {"debugger": True}}
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (root, os.environ.get("JUPYTER_PATH")) if p)
    _KERNEL_DIR = root


_BUSY = False


def _on_signal(signum, _frame):
    """SIGTERM from the batch (or SIGINT from the terminal) while a run renders or writes: stop it;
    between runs: ignore (the pool ends idle workers itself)."""
    if _BUSY and signum == signal.SIGTERM:
        raise Interrupted(f"the batch was stopped ({signal.Signals(signum).name})")


def _install_handlers() -> None:
    # papermill's client (nbclient) puts its own SIGINT/SIGTERM handlers in place while a kernel
    # runs (they shut the kernel down) and leaves the defaults behind: ours go back after every run
    if threading.current_thread() is not threading.main_thread():
        return  # a run in a Dask worker's thread (kit run --scheduler): the worker owns the signals
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the batch decides
    signal.signal(signal.SIGTERM, _on_signal)


class _DeadKernelTaskFilter:
    """Drops asyncio's "Task exception was never retrieved" report of nbclient's cell task when its
    exception is a ``DeadKernelError``: the kernel was shut down under a run (the batch was stopped,
    or the kernel died), the run's own status and error say so, and the orphaned task's traceback,
    printed later when the task is garbage-collected, would reach the terminal as noise."""

    def filter(self, record) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return type(exc).__name__ != "DeadKernelError"


_DEAD_KERNEL_FILTER = _DeadKernelTaskFilter()


def quiet_orphaned_kernel_tasks() -> None:
    """Install :class:`_DeadKernelTaskFilter` on the ``asyncio`` logger (once; idempotent).

    Examples
    --------
    >>> import logging
    >>> quiet_orphaned_kernel_tasks(); quiet_orphaned_kernel_tasks()
    >>> sum(f is _DEAD_KERNEL_FILTER for f in logging.getLogger("asyncio").filters)
    1
    """
    import logging

    log = logging.getLogger("asyncio")
    if _DEAD_KERNEL_FILTER not in log.filters:
        log.addFilter(_DEAD_KERNEL_FILTER)


def worker_init() -> None:
    """Set up a worker process (signal handlers) and import what a run needs (papermill, nbconvert).

    >>> import subprocess, sys  # (in a process of its own: Ctrl-C is left to the batch, as in a worker)
    >>> code = ("import signal, sys; from kit.reports.execute import worker_init; worker_init(); "
    ...         "print('papermill' in sys.modules, signal.getsignal(signal.SIGINT) is signal.SIG_IGN)")
    >>> subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    'True True\\n'
    """
    _install_handlers()
    quiet_orphaned_kernel_tasks()
    skip_slow_imports()
    import nbconvert  # noqa: F401 (imported once per worker, before the first run)
    import papermill  # noqa: F401 (imported once per worker, before the first run)


def stopping(task: Task) -> bool:
    """True when the batch that sent ``task`` is stopping (its stop file exists).

    >>> import tempfile
    >>> stop = Path(tempfile.mkdtemp()) / ".kit-stop"
    >>> task = Task("ok", "ok.ipynb", "out/ok", {}, stop_file=str(stop))
    >>> before = stopping(task)
    >>> _ = stop.write_text("")
    >>> before, stopping(task)
    (False, True)
    """
    return bool(task.stop_file) and Path(task.stop_file).exists()


def _interrupted(out_nb: Path, why: str) -> dict:
    cell, source = _running_cell(out_nb)
    return {"cell_index": cell, "execution_count": None, "ename": "Interrupted", "evalue": why, "source": source,
            "traceback": []}


#: How many times a run's kernel is started before the run fails: a kernel can die while it starts
#: for reasons outside the notebook (two kernels started at once picked the same free port, a
#: briefly exhausted machine); no cell has run then, so starting it again is safe.
KERNEL_START_ATTEMPTS = 3
_KERNEL_START_FAILURES = ("Kernel died before replying to kernel_info", "Kernel didn't respond")


def kernel_failed_to_start(exc: BaseException, out_nb: Path) -> bool:
    """True when ``exc`` says the kernel died or did not answer while it started, before any cell ran.

    Examples
    --------
    >>> from pathlib import Path
    >>> kernel_failed_to_start(RuntimeError("Kernel died before replying to kernel_info"), Path("missing.ipynb"))
    True
    >>> kernel_failed_to_start(ValueError("bad parameter"), Path("missing.ipynb"))
    False
    """
    return (isinstance(exc, RuntimeError) and any(m in str(exc) for m in _KERNEL_START_FAILURES)
            and _running_cell(out_nb) == (None, None))


def _log_tail(path: Path, n: int = 5) -> str:
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
    except OSError:
        return ""
    return "\n".join(lines[-n:])


def _papermill(task: Task, notebook: Path, out_nb: Path, params: dict, run_dir: Path) -> tuple[str, dict | None, int]:
    """Run papermill with the kernel's stderr in ``kernel.log``; returns ``(status, error, attempts)``.

    A kernel that dies while it starts is started again, up to :data:`KERNEL_START_ATTEMPTS` times
    (``attempts`` says how many it took); ``kernel.log`` keeps every attempt's messages.
    """
    import papermill

    log_path = run_dir / "kernel.log"
    log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    saved_fd = os.dup(2)
    os.dup2(log_fd, 2)
    attempt = 0
    try:
        while True:
            attempt += 1
            try:
                papermill.execute_notebook(str(notebook), str(out_nb), parameters=params, cwd=str(notebook.parent),
                                           kernel_name=task.kernel_name, progress_bar=False, log_output=False,
                                           request_save_on_cell_execute=True, execution_timeout=task.timeout)
                return "ok", None, attempt
            except (Interrupted, KeyboardInterrupt) as exc:
                return "interrupted", _interrupted(out_nb, str(exc) or "the batch was stopped"), attempt
            except Exception as exc:  # noqa: BLE001 - a failed run is reported, the batch goes on
                if stopping(task):  # the kernel was shut down under it
                    return "interrupted", _interrupted(out_nb, "the batch was stopped"), attempt
                if kernel_failed_to_start(exc, out_nb) and attempt < KERNEL_START_ATTEMPTS:
                    os.write(log_fd, f"kit: the kernel did not start ({exc}); starting it again\n".encode())
                    _install_handlers()  # nbclient left the default handlers: a stop must still be heard
                    try:
                        time.sleep(0.5 * attempt)
                    except Interrupted as stop:
                        return "interrupted", _interrupted(out_nb, str(stop)), attempt
                    if stopping(task):  # the batch was stopped meanwhile: start no kernel
                        return "interrupted", _interrupted(out_nb, "the batch was stopped"), attempt
                    continue
                error = error_info(exc, task.timeout)
                if error.get("timeout") is not None and error["cell_index"] is None:
                    error["cell_index"], error["source"] = _running_cell(out_nb)
                if kernel_failed_to_start(exc, out_nb):
                    tail = _log_tail(log_path)
                    error["evalue"] += f" ({attempt} attempts; kernel.log ends: {tail})" if tail else f" ({attempt} attempts)"
                return "failed", error, attempt
    finally:
        _install_handlers()
        os.dup2(saved_fd, 2)
        os.close(saved_fd)
        os.close(log_fd)


def _render(task: Task, prov: Provenance, out_nb: Path, out_html: Path) -> None:
    try:
        render_html(out_nb, out_html, show_code=task.show_code, title=task.name,
                    header=header_html(prov.as_dict(), task.project_root))
        prov.files["html"] = out_html.name
    except Exception as exc:  # noqa: BLE001 - the notebook is still there
        prov.html_error = f"{type(exc).__name__}: {exc}"


def execute_run(task: Task) -> dict:
    """Execute one run (papermill), render its HTML and write ``provenance.json``; never raises.

    Returns the provenance as a dict (the JSON that was written).

    >>> import subprocess, sys, tempfile  # (in a process of its own, as in a worker: it sets os.environ)
    >>> tmp = Path(tempfile.mkdtemp())
    >>> _ = (tmp / "broken.ipynb").write_text("not a notebook")  # fails before any kernel starts
    >>> code = ("import sys; from kit.reports.execute import Task, execute_run; "
    ...         "prov = execute_run(Task('broken', sys.argv[1], sys.argv[2], {})); print(prov['status'])")
    >>> subprocess.run([sys.executable, "-c", code, str(tmp / "broken.ipynb"), str(tmp / "broken")],
    ...                capture_output=True, text=True).stdout, (tmp / "broken" / "provenance.json").is_file()
    ('failed\\n', True)
    """
    global _BUSY
    _BUSY = True
    try:
        return _execute(task)
    except Interrupted as exc:  # stopped while rendering or writing: say so in the run folder
        prov = Provenance(run=task.name, notebook=task.notebook_rel or task.notebook, status="interrupted",
                          parameters={**task.parameters, "output_dir": task.run_dir},
                          error={"ename": "Interrupted", "evalue": str(exc), "cell_index": None})
        prov.write(Path(task.run_dir))
        return prov.as_dict()
    finally:
        _BUSY = False


def _execute(task: Task) -> dict:
    quiet_orphaned_kernel_tasks()
    skip_slow_imports()
    pin_kernel()
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    os.environ[RUN_DIR_ENV] = task.run_dir  # the kernel may write here (kit.paths.notebook_paths)
    notebook, run_dir = Path(task.notebook), Path(task.run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    out_nb, out_html = run_dir / f"{task.name}.ipynb", run_dir / f"{task.name}.html"
    params = {**task.parameters, "output_dir": str(run_dir)}
    started, t0 = now(), time.perf_counter()
    status, error, attempts = _papermill(task, notebook, out_nb, params, run_dir)
    duration = time.perf_counter() - t0
    facts = task.facts
    prov = Provenance(run=task.name, notebook=task.notebook_rel or str(notebook), status=status, parameters=params,
                      notebook_sha256=hashlib.sha256(notebook.read_bytes()).hexdigest(), seed=params.get("seed"),
                      error=error, started=started, finished=now(), duration_seconds=round(duration, 3),
                      kit_version=facts.kit_version, git=facts.git, git_kit=facts.git_kit,
                      git_notebook=task.git_notebook, corpus=task.corpus, packages=facts.packages,
                      command=facts.command, kernel_starts=attempts)
    prov.files = {"notebook": out_nb.name if out_nb.is_file() else None, "html": None}
    if out_nb.is_file():
        _render(task, prov, out_nb, out_html)
    prov.files.update(output_files(run_dir, task.name))
    prov.render_seconds = round(time.perf_counter() - t0 - duration, 3)
    prov.write(run_dir)
    return prov.as_dict()
