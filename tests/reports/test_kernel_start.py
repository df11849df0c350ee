"""A run whose kernel dies while it starts is started again (kit.reports.execute.KERNEL_START_ATTEMPTS).

The kernel is a real ipykernel behind a launcher written here that exits the first N times it is
started (a counter file says how often it ran), as a kernel does that loses a port race. The run
executes in a subprocess, as in a batch worker, because a run installs its own signal handlers.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NB = ROOT / "tests" / "fixtures" / "notebooks"

pytestmark = [pytest.mark.notebooks]

LAUNCHER = '''
import os, sys
from pathlib import Path
count = Path(os.environ["KIT_TEST_KERNEL_COUNT"])
n = int(count.read_text()) if count.exists() else 0
count.write_text(str(n + 1))
if n < int(os.environ["KIT_TEST_KERNEL_FAILS"]):
    sys.stderr.write("test kernel: refusing to start, attempt %d\\n" % (n + 1))
    if os.environ.get("KIT_TEST_STOP_FILE"):  # the batch is stopped while this kernel starts
        Path(os.environ["KIT_TEST_STOP_FILE"]).write_text("stop")
    sys.exit(1)
os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *sys.argv[1:]])
'''

RUN = '''
import json, sys
from kit.reports.execute import Task, execute_run
task = Task(name="sleepy", notebook=sys.argv[1], run_dir=sys.argv[2], parameters={"seconds": 0.0},
            kernel_name="flaky", stop_file=sys.argv[3] if len(sys.argv) > 3 else None)
print(json.dumps(execute_run(task)))
'''


def _run(tmp_path: Path, fails: int, stop_file: Path | None = None) -> tuple[dict, int]:
    spec = tmp_path / "jupyter" / "kernels" / "flaky"
    spec.mkdir(parents=True)
    (tmp_path / "launcher.py").write_text(LAUNCHER, encoding="utf-8")
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, str(tmp_path / "launcher.py"), "-f", "{connection_file}"],
        "display_name": "flaky", "language": "python"}), encoding="utf-8")
    count = tmp_path / "starts"
    env = dict(os.environ, JUPYTER_PATH=str(tmp_path / "jupyter"), KIT_TEST_KERNEL_COUNT=str(count),
               KIT_TEST_KERNEL_FAILS=str(fails), PYTHONPATH=str(ROOT), JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"),
               KIT_TEST_STOP_FILE=str(stop_file or ""))
    done = subprocess.run([sys.executable, "-c", RUN, str(NB / "sleep.ipynb"), str(tmp_path / "run"),
                           *([str(stop_file)] if stop_file else [])],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), int(count.read_text())


def test_a_kernel_that_dies_while_starting_is_started_again(tmp_path):
    prov, starts = _run(tmp_path, fails=1)
    assert starts == 2
    assert prov["status"] == "ok" and prov["error"] is None
    assert prov["kernel_starts"] == 2
    log = (tmp_path / "run" / "kernel.log").read_text(encoding="utf-8")
    assert "refusing to start, attempt 1" in log and "starting it again" in log
    on_disk = json.loads((tmp_path / "run" / "provenance.json").read_text(encoding="utf-8"))
    assert on_disk["kernel_starts"] == 2


def test_a_kernel_that_never_starts_fails_the_run_with_its_log(tmp_path):
    from kit.reports.execute import KERNEL_START_ATTEMPTS

    prov, starts = _run(tmp_path, fails=99)
    assert starts == KERNEL_START_ATTEMPTS == 3
    assert prov["status"] == "failed" and prov["kernel_starts"] == 3
    assert prov["error"]["cell_index"] is None
    assert "Kernel died before replying to kernel_info" in prov["error"]["evalue"]
    assert "3 attempts" in prov["error"]["evalue"]
    assert "refusing to start, attempt 3" in prov["error"]["evalue"]  # the end of kernel.log, in the error


def test_a_batch_stopped_while_a_kernel_starts_starts_no_other(tmp_path):
    prov, starts = _run(tmp_path, fails=99, stop_file=tmp_path / ".kit-stopping")
    assert starts == 1
    assert prov["status"] == "interrupted" and prov["error"]["ename"] == "Interrupted"
