"""The batch: ``kit run`` from the batch file to ``index.html``.

What :func:`run_batch` does, in order (nothing executes before the checks pass):

1. reads the batch file and checks every run's parameters (:mod:`kit.reports.plan`);
2. checks the output folder and takes its lock (:mod:`kit.reports.lock`): a second batch on the
   same folder is refused, naming the holder;
3. ingests each distinct source corpus once, into a private folder that is renamed into place
   when complete (:mod:`kit.reports.corpora`); expands ``each`` runs;
4. executes the runs through papermill in parallel worker processes (:mod:`kit.reports.execute`),
   never more queued than there are workers, each run folder marked from its creation;
5. writes ``index.html`` and ``runs.json`` (:mod:`kit.reports.index`), also when it was stopped.

The first Ctrl-C or SIGTERM stops the batch cleanly: no queued run starts, running runs are told to
stop (their kernels are shut down), finished runs are kept, and the index marks the runs that were
interrupted or cancelled. ``resume=True`` then runs only what is not complete.
"""
from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import json
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from kit.errors import KitError
from kit.reports.corpora import prepare_corpora
from kit.reports.execute import Task, execute_run, worker_init
from kit.reports.files import MARKER, is_run_dir, mark_run_dir
from kit.reports.index import write_archive_index, write_index
from kit.reports.lock import BatchLock
from kit.reports.params import RESERVED
from kit.reports.plan import RunSpec, check_values, expand_runs, load_config, note_left_out_each, plan_batch, rel
from kit.reports.provenance import BatchFacts, git_info, read_provenance

#: Seconds the batch waits, after a stop, for running runs to end before their workers are killed.
STOP_GRACE_SECONDS = 30.0
#: File whose presence tells workers that the batch is stopping (their failed runs are "interrupted").
STOP_FILE = ".kit-stopping"


@dataclass
class BatchResult:
    """What :func:`run_batch` did: the batch folder, one provenance dict per run, wall-clock time."""

    out_dir: Path
    runs: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    corpora: dict = field(default_factory=dict)
    interrupted: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[dict]:
        """Runs that did not end ``ok`` (failed, interrupted or cancelled).

        >>> BatchResult(Path("out"), [{"run": "a", "status": "ok"}, {"run": "b", "status": "cancelled"}]).failed
        [{'run': 'b', 'status': 'cancelled'}]
        """
        return [r for r in self.runs if r.get("status") != "ok"]

    @property
    def ok(self) -> bool:
        """True when every run ended ``ok``.

        >>> BatchResult(Path("out"), [{"run": "a", "status": "ok"}, {"run": "b", "status": "failed"}]).ok
        False
        """
        return not self.failed


# --------------------------------------------------------------------------------------------
# the output folder


def check_out_dir(path: Path) -> None:
    """Raise a one-line :class:`KitError` when ``path`` cannot be the output folder (it is made when missing).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> check_out_dir(folder / "reports")  # made, and writable
    >>> _ = (folder / "a_file").write_text("")
    >>> check_out_dir(folder / "a_file")
    Traceback (most recent call last):
    ...
    kit.errors.KitError: output folder ... is a file; choose a folder with --out
    """
    if path.exists() and not path.is_dir():
        raise KitError(f"output folder {path} is a file; choose a folder with --out")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise KitError(f"cannot create the output folder {path}: {e.strerror or e}") from None
    probe = path / f".kit-probe-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise KitError(f"cannot write into the output folder {path}: {e.strerror or e}") from None


def archive_dir(base: Path) -> Path:
    """Create and return a new dated folder under ``base``; ``-2``, ``-3`` ... when one of that
    second exists. ``mkdir`` without ``exist_ok`` makes the claim atomic, so two batches started
    in the same second never share a folder.

    >>> import re, tempfile
    >>> base = Path(tempfile.mkdtemp())
    >>> first, second = archive_dir(base), archive_dir(base)
    >>> bool(re.fullmatch(r"\\d{4}-\\d\\d-\\d\\dT\\d{6}Z", first.name)), first != second
    (True, True)
    """
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")
    base.mkdir(parents=True, exist_ok=True)
    for k in range(1, 10_000):
        path = base / (stamp if k == 1 else f"{stamp}-{k}")
        try:
            path.mkdir()
        except FileExistsError:
            continue
        return path
    raise KitError(f"could not create a new dated folder under {base}")


def point_latest(base: Path, target: Path) -> None:
    """Point ``base/latest`` (a symbolic link) and ``base/LATEST`` (a text file) at ``target``.

    >>> import tempfile
    >>> base = Path(tempfile.mkdtemp())
    >>> point_latest(base, archive_dir(base))
    >>> (base / "latest").resolve().name == (base / "LATEST").read_text().strip()
    True
    """
    from kit.reports.files import write_text_atomic

    link, tmp = base / "latest", base / f".latest.{os.getpid()}"
    try:
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        os.symlink(target.name, tmp, target_is_directory=True)
        os.replace(tmp, link)
    except OSError:  # file systems without symlinks: the text pointer only
        pass
    write_text_atomic(base / "LATEST", target.name + "\n")


def clear_run_dir(run_dir: Path) -> None:
    """Remove a run folder the runner wrote (marker or provenance); refuse any other non-empty folder.

    >>> import tempfile
    >>> from kit.reports.files import mark_run_dir
    >>> base = Path(tempfile.mkdtemp())
    >>> mark_run_dir(base / "ok", name="ok", batch="b")
    >>> clear_run_dir(base / "ok")
    >>> (base / "ok").exists()
    False
    >>> (base / "mine").mkdir()
    >>> _ = (base / "mine" / "notes.txt").write_text("")
    >>> clear_run_dir(base / "mine")
    Traceback (most recent call last):
    ...
    kit.errors.KitError: refusing to overwrite ...: it was not written by kit run (no provenance.json or .kit-run.json); choose another --out
    """
    if not run_dir.exists() and not run_dir.is_symlink():
        return
    if run_dir.is_symlink() or not run_dir.is_dir():
        raise KitError(f"{run_dir} exists and is not a folder")
    if is_run_dir(run_dir) or not any(run_dir.iterdir()):
        shutil.rmtree(run_dir)
    else:
        raise KitError(f"refusing to overwrite {run_dir}: it was not written by kit run (no provenance.json "
                       f"or {MARKER}); choose another --out")


def previous_durations(folder: Path, names: Sequence[str]) -> dict[str, float]:
    """Seconds each run took in the batch last written to ``folder`` (from its provenance files).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "ok").mkdir()
    >>> _ = (folder / "ok" / "provenance.json").write_text('{"duration_seconds": 2.5}')
    >>> previous_durations(folder, ["ok", "never_ran"])
    {'ok': 2.5}
    """
    out = {}
    for name in names:
        prov = read_provenance(folder / name / "provenance.json")
        try:
            out[name] = float(prov["duration_seconds"])  # type: ignore[index]
        except (TypeError, ValueError, KeyError):
            continue
    return out


def completed(run_dir: Path, spec: RunSpec, notebook_sha256: str) -> dict | None:
    """The run's provenance when ``run_dir`` holds a finished ``ok`` run of exactly this spec
    (same notebook content, parameters and corpus fingerprint), else ``None``.

    >>> import json, tempfile
    >>> run_dir = Path(tempfile.mkdtemp())
    >>> _ = (run_dir / "provenance.json").write_text(json.dumps(
    ...     {"status": "ok", "notebook_sha256": "abc", "parameters": {"n": 3, "output_dir": "x"}}))
    >>> completed(run_dir, RunSpec("ok", Path("ok.ipynb"), {"n": 3}, 0), "abc")["status"]
    'ok'
    >>> completed(run_dir, RunSpec("ok", Path("ok.ipynb"), {"n": 4}, 0), "abc") is None  # other parameters
    True
    """
    prov = read_provenance(run_dir / "provenance.json")
    if not prov or prov.get("status") != "ok" or prov.get("notebook_sha256") != notebook_sha256:
        return None
    def own(params: dict) -> dict:
        return {k: v for k, v in params.items() if k not in RESERVED}

    same_corpus = (prov.get("corpus") or {}).get("fingerprint") == (spec.corpus or {}).get("fingerprint")
    return prov if own(prov.get("parameters") or {}) == own(spec.parameters) and same_corpus else None


# --------------------------------------------------------------------------------------------
# stopping on SIGINT / SIGTERM


class Stopper:
    """Catches SIGINT and SIGTERM in the main thread while the batch runs.

    Before the runs start (``armed`` false) the first signal raises ``KeyboardInterrupt`` (nothing
    to keep yet); while they run it only sets :attr:`requested`, and the batch loop stops cleanly.
    """

    def __init__(self, log: Callable[[str], None]):
        self.log = log
        self.requested: str | None = None
        self.armed = False
        self._saved: dict = {}

    def _handle(self, signum, _frame):
        name = signal.Signals(signum).name
        if self.requested:
            self.log(f"{name} again: still stopping (waiting for the running notebooks' kernels to shut down)")
            return
        self.requested = name
        if not self.armed:
            raise KeyboardInterrupt(name)
        self.log(f"{name}: stopping the batch - no new run starts; running runs are stopped, finished ones kept")

    def __enter__(self) -> "Stopper":
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._saved[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        for sig, handler in self._saved.items():
            signal.signal(sig, handler)


# --------------------------------------------------------------------------------------------
# executing the tasks


def _status_record(task: Task, status: str, evalue: str) -> dict:
    return {"run": task.name, "notebook": task.notebook_rel or task.notebook, "status": status,
            "duration_seconds": 0.0, "parameters": {**task.parameters, "output_dir": task.run_dir},
            "error": {"ename": status.capitalize(), "evalue": evalue, "cell_index": None}, "files": {}}


def _mark_interrupted(task: Task, prov: dict) -> dict:
    """A run that failed while the batch was stopping was stopped by it: say so in its provenance."""
    from kit.reports.files import write_text_atomic

    prov = {**prov, "status": "interrupted"}
    try:
        write_text_atomic(Path(task.run_dir) / "provenance.json",
                          json.dumps(prov, indent=2, ensure_ascii=False, default=str) + "\n")
    except OSError:
        pass
    return prov


def _stop_workers(pool: cf.ProcessPoolExecutor, batch_dir: Path, sig: int = signal.SIGTERM) -> None:
    """Tell every worker process to stop its run (the STOP_FILE marks the cause)."""
    try:
        (batch_dir / STOP_FILE).touch()
    except OSError:
        pass
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            os.kill(proc.pid, sig)
        except (ProcessLookupError, OSError):
            pass


def execute_tasks(pool: cf.ProcessPoolExecutor, tasks: list[Task], n_jobs: int, stopper: Stopper, batch_dir: Path,
                  on_done: Callable[[Task, dict], None]) -> dict[str, dict]:
    """Run the tasks, at most ``n_jobs`` at a time (so nothing waits in a queue that a stop cannot
    empty); returns run name -> provenance. After a stop, unstarted tasks are ``cancelled``.

    >>> import tempfile
    >>> stopper = Stopper(print)
    >>> stopper.requested = "SIGINT"  # stopped before the task could start
    >>> task = Task("ok", "ok.ipynb", tempfile.mkdtemp() + "/ok", {})
    >>> with cf.ThreadPoolExecutor(1) as pool:
    ...     results = execute_tasks(pool, [task], 1, stopper, Path(tempfile.mkdtemp()), print)
    >>> results["ok"]["status"], results["ok"]["error"]["evalue"]
    ('cancelled', 'not started: the batch was stopped (SIGINT)')
    """
    waiting, running, results = list(tasks), {}, {}
    deadline = None
    while waiting or running:
        while waiting and len(running) < n_jobs and not stopper.requested:
            task = waiting.pop(0)
            mark_run_dir(Path(task.run_dir), name=task.name, batch=str(batch_dir))
            running[pool.submit(execute_run, task)] = task
        if stopper.requested and deadline is None:
            deadline = time.monotonic() + STOP_GRACE_SECONDS
            for task in waiting:
                results[task.name] = _status_record(task, "cancelled", f"not started: the batch was stopped ({stopper.requested})")
            waiting = []
            _stop_workers(pool, batch_dir)
        if not running:
            break
        done, _ = cf.wait(running, timeout=0.2, return_when=cf.FIRST_COMPLETED)
        for fut in done:
            task = running.pop(fut)
            try:
                prov = fut.result()
            except Exception as exc:  # noqa: BLE001 - the worker itself died
                status = "interrupted" if stopper.requested else "failed"
                prov = _status_record(task, status, f"{type(exc).__name__}: {exc}")
            if stopper.requested and prov.get("status") == "failed":
                prov = _mark_interrupted(task, prov)
            results[task.name] = prov
            on_done(task, prov)
        if deadline is not None and time.monotonic() > deadline and running:
            _stop_workers(pool, batch_dir, signal.SIGKILL)
            for fut, task in running.items():
                results[task.name] = _status_record(task, "interrupted", "killed: it did not stop in time")
            break
    return results


# --------------------------------------------------------------------------------------------
# the batch


def _tasks(specs: list[RunSpec], config: dict, batch_dir: Path, facts: BatchFacts, show_code: bool) -> list[Task]:
    git_by_folder: dict[Path, dict] = {}
    tasks = []
    for s in specs:
        if s.notebook.parent not in git_by_folder:
            git_by_folder[s.notebook.parent] = git_info(s.notebook.parent)
        tasks.append(Task(name=s.name, notebook=str(s.notebook), run_dir=str(batch_dir / s.name),
                          parameters=s.parameters, notebook_rel=rel(s.notebook, config["base"]),
                          git_notebook=git_by_folder[s.notebook.parent], show_code=show_code,
                          project_root=str(config["base"]), timeout=config.get("timeout"), corpus=s.corpus,
                          facts=facts, stop_file=str(batch_dir / STOP_FILE)))
    return tasks


def _resumable(specs: list[RunSpec], batch_dir: Path, resume: bool) -> dict[str, dict]:
    """Runs already complete in ``batch_dir`` (only with ``resume``); clears the folders of the others."""
    import hashlib

    kept: dict[str, dict] = {}
    for s in specs:
        run_dir = batch_dir / s.name
        if resume:
            prov = completed(run_dir, s, hashlib.sha256(s.notebook.read_bytes()).hexdigest())
            if prov is not None:
                kept[s.name] = prov
                continue
        clear_run_dir(run_dir)
    return kept


def _progress(log: Callable[[str], None], total: int, progress: bool | None):
    """A callback printing one line per finished run (through a tqdm bar on a terminal)."""
    bar = None
    if (sys.stderr.isatty() if progress is None else progress):
        from tqdm import tqdm

        bar = tqdm(total=total, unit="run", file=sys.stderr, leave=False)
    count = [0]

    def on_done(task: Task, prov: dict) -> None:
        count[0] += 1
        line = f"[{count[0]}/{total}] {prov['status']:6} {task.name} ({prov.get('duration_seconds') or 0:.1f} s)"
        if bar is not None:
            bar.write(line, file=sys.stderr)
            bar.update(1)
        else:
            log(line)

    on_done.close = (lambda: bar.close()) if bar is not None else (lambda: None)  # type: ignore[attr-defined]
    return on_done


class _DaskPool:
    """The notebook runs on a Dask cluster, behind the interface :func:`execute_tasks` uses."""

    def __init__(self, engine):
        self.engine = engine
        self.executor = engine.client.get_executor(pure=False)

    def submit(self, fn, *args):
        return self.executor.submit(fn, *args)

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        try:
            self.executor.shutdown(wait=wait and not cancel_futures)
        finally:
            self.engine.close()


def _start_pool(n_jobs: int, jobs: int | None, scheduler: str | None):
    """Local worker processes, or the workers of the Dask cluster at ``scheduler`` (one run per worker thread)."""
    if scheduler:
        from kit.compute import engine

        eng = engine(scheduler).start()
        threads = sum(w.get("nthreads", 1) for w in eng.client.scheduler_info(n_workers=-1)["workers"].values())
        return _DaskPool(eng), max(1, jobs or threads)
    return cf.ProcessPoolExecutor(max_workers=n_jobs, mp_context=multiprocessing.get_context("spawn"),
                                  initializer=worker_init), n_jobs


def _analyse_corpora(specs: list[RunSpec], scheduler: str | None, log: Callable[[str], None]) -> None:
    """Compute once, into each corpus store, the tables the runs' notebooks read (kit.analyse)."""
    from kit.analyse import for_reports
    from kit.corpus import is_store

    by_corpus: dict[str, list[dict]] = {}
    for s in specs:
        if s.corpus and is_store(s.corpus["path"]):
            by_corpus.setdefault(s.corpus["path"], []).append(s.parameters)
    for path, runs in by_corpus.items():
        try:
            for_reports(path, runs, scheduler=scheduler, log=log, quiet=True)
        except KitError as e:  # the notebooks compute what they need, and say what went wrong
            log(f"analyse {path}: {e}")


def run_batch(config_path: str | os.PathLike = "reports.yml", *, only: Sequence[str] | None = None,
              params: Sequence[tuple[str, str]] = (), jobs: int | None = None, out: str | os.PathLike = "reports",
              archive: bool = False, show_code: bool = False, ingest: Callable | None = None,
              log: Callable[[str], None] | None = None, progress: bool | None = None,
              resume: bool = False, verbose: bool = False, scheduler: str | None = None,
              analyse: bool = True) -> BatchResult:
    """Run a batch of notebooks as described in the module notes; returns a :class:`BatchResult`.

    Raises :class:`KitError` (nothing executed) when the batch file, a parameter, the output
    folder or the corpus is wrong, and ``KeyboardInterrupt`` when stopped before any run started.
    Failing, interrupted and cancelled runs do not raise: they are in ``result.failed``.

    Parameters
    ----------
    config_path : the batch file (``reports.yml``)
    only : run names or glob patterns (``keyness_*``) to run; default all
    params : ``(name, value)`` pairs applied to every run, values as typed on the command line
    jobs : parallel runs (default: one per core)
    out : output folder (default ``reports``)
    archive : write into ``out/<UTC date-time>/`` and point ``out/latest`` at it
    show_code : keep code cells in the HTML
    ingest : ``ingest(sources, out_parquet)``, for tests (default ``kit.corpus.ingest``)
    log : where progress lines go (default: stderr)
    progress : show a progress bar (default: when stderr is a terminal)
    resume : keep the runs of ``out`` that finished ``ok`` with the same notebook, parameters and
        corpus, and run only the others (default: start fresh)
    verbose : also log every run's notebook and parameters before the runs start
    scheduler : address of a running Dask scheduler: the analysis and the notebook runs go to its
        workers (default ``$DASK_SCHEDULER_ADDRESS``; none: local worker processes)
    analyse : compute the tables the notebooks read once into the corpus store before they run
        (:func:`kit.analyse.for_reports`), so per-outlet runs only read them

    Examples
    --------
    >>> import tempfile
    >>> run_batch("reports.yml", only=["01_*"], params=[("sed", "7")], out=tempfile.mkdtemp())  # a typo of seed
    Traceback (most recent call last):
    ...
    kit.errors.KitError: parameter check failed, nothing was run:
      - unknown parameter 'sed' (from -p): no run of the batch declares it; accepted: ...
    """
    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    t_start = time.perf_counter()
    if jobs is not None and (not isinstance(jobs, int) or jobs < 1):
        raise KitError(f"--jobs must be a positive integer, got {jobs!r}")
    config = load_config(config_path)
    plan_notes: list[str] = []
    entries = plan_batch(config, cli_params=params, only=only, notes=plan_notes)
    for note in plan_notes:  # said at once (a parameter this selection ignores), and again in the index
        log(note)
    base_out = Path(out).resolve()
    check_out_dir(base_out)
    batch_dir = archive_dir(base_out) if archive else base_out
    cores = os.cpu_count() or 1
    n_jobs = max(1, min(jobs or cores, sum(cores if e.each else 1 for e in entries)))
    scheduler = scheduler if scheduler is not None else os.environ.get("DASK_SCHEDULER_ADDRESS") or None
    with BatchLock(batch_dir), Stopper(log) as stopper:
        # start the workers now: they import papermill and nbconvert while the corpus is ingested
        pool, n_jobs = _start_pool(n_jobs, jobs, scheduler)
        try:
            corpora = prepare_corpora(entries, batch_dir, ingest=ingest, log=log)
            notes: list[str] = list(plan_notes)
            specs = expand_runs(entries, corpora, only=only, notes=notes)
            note_left_out_each(config, entries, specs, cli_params=params, only=only, notes=notes)
            check_values(specs, entries)
            for note in notes[len(plan_notes):]:  # said before the runs start, and again in the index
                log(note)
            if not specs:
                raise KitError("no run to execute (the corpus may have no values for an 'each' column)")
            if analyse:
                _analyse_corpora(specs, scheduler, log)
            previous = previous_durations(base_out / "latest" if archive else batch_dir, [s.name for s in specs])
            kept = _resumable(specs, batch_dir, resume)
            facts = BatchFacts.collect(config["base"])
            tasks = [t for t in _tasks(specs, config, batch_dir, facts, show_code) if t.name not in kept]
            order = [s.name for s in specs]
            # longest first (durations of the previous batch; unknown ones first), so the batch ends sooner
            tasks.sort(key=lambda t: -previous.get(t.name, float("inf")))
            n_jobs = max(1, min(n_jobs, len(tasks)))
            log(f"running {len(tasks)} notebook run(s) with {n_jobs} parallel job(s) -> {batch_dir}"
                + (f" ({len(kept)} complete run(s) kept)" if kept else ""))
            if verbose:
                for t in tasks:
                    log(f"  {t.name}: {t.notebook_rel} " + " ".join(f"{k}={v!r}" for k, v in t.parameters.items()))
            stopper.armed = True
            on_done = _progress(log, len(tasks), progress)
            try:
                results = execute_tasks(pool, tasks, n_jobs, stopper, batch_dir, on_done)
            finally:
                on_done.close()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            (batch_dir / STOP_FILE).unlink(missing_ok=True)
        results.update(kept)
        ordered = [results[name] for name in order if name in results]
        result = BatchResult(batch_dir, ordered, time.perf_counter() - t_start, corpora,
                             interrupted=bool(stopper.requested), notes=notes)
        write_index(batch_dir, order=order, corpora=corpora, facts=facts.__dict__, seconds=result.seconds,
                    root=str(config["base"]), extra=[r for r in ordered if r.get("status") == "cancelled"],
                    notes=notes)
    if archive:
        point_latest(base_out, batch_dir)
        write_archive_index(base_out)
    return result


def format_failures(result: BatchResult) -> str:
    """Text naming every run that did not end ``ok``, with the failing cell and its error (for the terminal).

    >>> error = {"cell_index": 1, "execution_count": 2, "ename": "ValueError", "evalue": "boom",
    ...          "source": "raise ValueError('boom')"}
    >>> print(format_failures(BatchResult(Path("out"), [{"run": "ok", "status": "ok"},
    ...       {"run": "fail", "notebook": "fail.ipynb", "status": "failed", "error": error}])))
    FAILED fail (fail.ipynb): Failed in cell 1 (In [2]): ValueError: boom
        cell: raise ValueError('boom')
    """
    from kit.reports.html import error_line

    lines = []
    for p in result.failed:
        er = p.get("error") or {}
        head = error_line(p) or f"{p.get('status')}"
        if er.get("execution_count") is not None:
            head = head.replace(f"cell {er.get('cell_index')}", f"cell {er.get('cell_index')} (In [{er['execution_count']}])", 1)
        lines.append(f"{str(p.get('status')).upper()} {p.get('run')} ({p.get('notebook')}): {head}")
        src = (er.get("source") or "").strip().splitlines()
        if src:
            lines.append("    cell: " + src[0][:120] + (" ..." if len(src) > 1 else ""))
        for tb in (er.get("traceback") or [])[-4:]:
            for t in tb.splitlines()[-3:]:
                if t.strip():
                    lines.append("    " + t[:200])
        files = p.get("files") or {}
        if files.get("html"):
            lines.append(f"    log: {result.out_dir / str(p.get('run')) / files['html']}")
    return "\n".join(lines)
