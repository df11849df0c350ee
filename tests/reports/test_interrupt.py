"""`kit run` stopped by SIGINT or SIGTERM, a second batch on the same folder, and user errors.

A real batch runs in a subprocess (the fixture notebook wait.ipynb waits until released or 60 s).
Its environment carries a private TMPDIR and JUPYTER_RUNTIME_DIR, so the test can find every
process the batch started (their /proc/<pid>/environ holds that TMPDIR) and every kernel
connection file it wrote.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NB = ROOT / "tests" / "fixtures" / "notebooks"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
KIT = [sys.executable, "-m", "kit"]

pytestmark = [pytest.mark.slow, pytest.mark.notebooks,
              pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")]


def _batch_file(tmp: Path) -> Path:
    cfg = tmp / "b.yml"
    cfg.write_text(f"""
defaults:
  corpus: {HOSTILE.as_posix()}
runs:
  - name: quick
    notebook: {NB.as_posix()}/sleep.ipynb
    parameters: {{seconds: 0.0}}
  - name: wait_{{outlet}}
    notebook: {NB.as_posix()}/wait.ipynb
    each: outlet
    min_articles: 1
    parameters: {{release_file: release}}
""", encoding="utf-8")
    return cfg


def _env(tmp: Path) -> dict:
    (tmp / "tmpdir").mkdir(exist_ok=True)
    (tmp / "runtime").mkdir(exist_ok=True)
    return dict(os.environ, TMPDIR=str(tmp / "tmpdir"), JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
                PYTHONPATH=str(ROOT))


def _processes_with(marker: str) -> list[str]:
    """Command lines of the live processes whose environment holds ``marker``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            if marker.encode() in (proc / "environ").read_bytes():
                cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                stat = (proc / "stat").read_text()
                if ") Z " not in stat:  # zombies are already dead
                    found.append(f"{proc.name}: {cmd}")
        except OSError:
            continue
    return found


#: The waiting cell of wait.ipynb, after the injected parameters.
WAIT_CELL = 3


def _running_cells(out: Path) -> int:
    """How many wait_* runs are in their waiting cell (not still in an earlier one, which a loaded
    machine can take seconds over)."""
    n = 0
    for nb in out.glob("wait_*/wait_*.ipynb"):
        try:
            cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        except (OSError, ValueError, KeyError):
            continue
        n += any((c.get("metadata", {}).get("papermill") or {}).get("status") == "running" and i == WAIT_CELL
                 for i, c in enumerate(cells))
    return n


def _start(tmp: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([*KIT, "run", str(_batch_file(tmp)), "--out", str(tmp / "out"), "--jobs", "2", *extra],
                            cwd=tmp, env=_env(tmp), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_two_running(proc: subprocess.Popen, out: Path) -> None:
    t0 = time.monotonic()
    while _running_cells(out) < 2:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() - t0 < 240, "the runs did not start"
        time.sleep(0.2)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_stopped_batch_leaves_nothing_running_and_an_honest_index(tmp_path, sig):
    proc = _start(tmp_path)
    out = tmp_path / "out"
    _wait_for_two_running(proc, out)
    t_stop = time.monotonic()
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert time.monotonic() - t_stop < 60  # the runs were stopped, not waited for (they wait 60 s)
    assert "Traceback" not in stderr
    assert f"{signal.Signals(sig).name}: stopping the batch" in stderr
    # nothing left running, no kernel connection file, no lock
    time.sleep(1.0)
    assert _processes_with(str(tmp_path / "tmpdir")) == []
    leftovers = [p.name for p in (tmp_path / "tmpdir").rglob("*") if p.suffix == ".json"]
    assert leftovers == [] and list((tmp_path / "runtime").iterdir()) == []
    assert not (out / ".kit-lock").exists() and not list(out.glob(".kit-stopping"))
    # finished runs kept; running ones marked interrupted, the queued one cancelled
    summary = json.loads((out / "runs.json").read_text(encoding="utf-8"))
    status = {r["run"]: r["status"] for r in summary["runs"]}
    assert status["quick"] == "ok" and (out / "quick" / "waited.csv").is_file()
    waits = sorted(v for k, v in status.items() if k.startswith("wait_"))
    assert waits == ["cancelled", "interrupted", "interrupted"], status
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "4 runs: 1 ok, 0 failed, 2 interrupted, 1 cancelled" in page and "--resume" in page
    for name, st in status.items():
        if st == "interrupted":
            prov = json.loads((out / name / "provenance.json").read_text(encoding="utf-8"))
            assert prov["status"] == "interrupted" and prov["error"]["cell_index"] == WAIT_CELL
            assert (out / name / f"{name}.ipynb").is_file()  # the notebook as far as it ran, as the log
    # the folder is usable: --resume keeps the finished run and completes the others
    quick_prov = (out / "quick" / "provenance.json").read_bytes()
    (tmp_path / "release").write_text("go", encoding="utf-8")
    again = subprocess.run([*KIT, "run", str(tmp_path / "b.yml"), "--out", str(out), "--jobs", "2", "--resume"],
                           cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "running 3 notebook run(s)" in again.stderr and "(1 complete run(s) kept)" in again.stderr
    assert (out / "quick" / "provenance.json").read_bytes() == quick_prov
    summary = json.loads((out / "runs.json").read_text(encoding="utf-8"))
    assert {r["status"] for r in summary["runs"]} == {"ok"} and len(summary["runs"]) == 4


def test_second_batch_on_the_same_folder_is_refused(tmp_path):
    first = _start(tmp_path)
    out = tmp_path / "out"
    try:
        _wait_for_two_running(first, out)
        second = subprocess.run([*KIT, "run", str(tmp_path / "b.yml"), "--out", str(out)], cwd=tmp_path,
                                env=_env(tmp_path), capture_output=True, text=True, timeout=120)
        assert second.returncode == 2
        assert f"is in use by another kit run (pid {first.pid}" in second.stderr
        assert len(second.stderr.strip().splitlines()) == 1
        assert _running_cells(out) == 2  # the first batch's files were not touched
    finally:
        (tmp_path / "release").write_text("go", encoding="utf-8")
        stdout, stderr = first.communicate(timeout=300)
    assert first.returncode == 0, stderr
    # a stale lock of a process that is gone is taken over
    (out / ".kit-lock").write_text(json.dumps({"pid": 2 ** 22 + 12345, "host": os.uname().nodename,
                                               "started": "then", "command": ["kit", "run"]}), encoding="utf-8")
    third = subprocess.run([*KIT, "run", str(tmp_path / "b.yml"), "--out", str(out), "--only", "quick"],
                           cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert third.returncode == 0, third.stderr
    assert not (out / ".kit-lock").exists()


@pytest.mark.parametrize("setup,message", [
    ("file", "is a file"),
    ("under_file", "cannot create the output folder"),
])
def test_bad_output_folder_is_a_one_line_error(tmp_path, setup, message):
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    out = tmp_path / "plain" if setup == "file" else tmp_path / "plain" / "sub"
    r = subprocess.run([*KIT, "run", str(_batch_file(tmp_path)), "--out", str(out), "--only", "quick"],
                       cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_read_only_output_folder_and_unreadable_batch_file_are_one_line_errors(tmp_path):
    import shutil
    import tempfile

    as_user: list[str] = []
    if os.geteuid() == 0:  # root writes anywhere: run the command as an unprivileged user
        nobody = subprocess.run(["id", "-u", "nobody"], capture_output=True, text=True)
        if nobody.returncode != 0 or not shutil.which("setpriv"):
            pytest.skip("no unprivileged user to test with")
        as_user = ["setpriv", f"--reuid={nobody.stdout.strip()}", "--regid=65534", "--clear-groups"]
    world = Path(tempfile.mkdtemp(prefix="kit-ro-"))  # pytest's own folders are private to root
    try:
        world.chmod(0o755)
        out = world / "ro"
        out.mkdir()
        out.chmod(0o555)
        cfg = _batch_file(world)
        cmd = [*as_user, *KIT, "run", str(cfg), "--out", str(out), "--only", "quick"]
        r = subprocess.run(cmd, cwd=world, env=_env(world), capture_output=True, text=True, timeout=120)
        assert r.returncode == 2, r.stderr
        assert "cannot write into the output folder" in r.stderr and len(r.stderr.strip().splitlines()) == 1
        cfg.chmod(0o000)
        r = subprocess.run(cmd, cwd=world, env=_env(world), capture_output=True, text=True, timeout=120)
        assert r.returncode == 2 and "Permission denied" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    finally:
        out.chmod(0o755)
        shutil.rmtree(world, ignore_errors=True)


def test_orphaned_dead_kernel_task_reports_are_dropped_and_others_kept():
    """The SIGTERM case once printed asyncio's "Task exception was never retrieved" traceback of
    nbclient's DeadKernelError (the kernel the batch had shut down): that report is dropped, any
    other asyncio error still reaches the log."""
    import logging

    from kit.reports.execute import quiet_orphaned_kernel_tasks

    class DeadKernelError(RuntimeError):
        pass

    quiet_orphaned_kernel_tasks()
    seen = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(record.getMessage())

    log = logging.getLogger("asyncio")
    h = Keep()
    log.addHandler(h)
    try:
        for exc in (DeadKernelError("Kernel died"), ValueError("real problem")):
            try:
                raise exc
            except Exception:  # noqa: BLE001 - building exc_info as asyncio's handler does
                import sys
                log.error("Task exception was never retrieved", exc_info=sys.exc_info())
    finally:
        log.removeHandler(h)
    assert seen == ["Task exception was never retrieved"]  # only the ValueError one
