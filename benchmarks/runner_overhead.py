"""How much time `kit run` spends around a notebook: kernel start, kit import, HTML, provenance.

    .venv/bin/python benchmarks/runner_overhead.py [--repeat 5]

Prints seconds per trivial notebook (parameters cell + ``x = 1``):
- papermill, cold kernel each time, in a warm Python process (what every run pays);
- the same notebook also importing ``kit`` and matplotlib (what every report notebook pays);
- ``kit run`` on a batch of N trivial notebooks with one job and with one job per core
  (per-run overhead including worker start, HTML rendering, provenance and the index).
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook


def _notebook(path: Path, body: str) -> Path:
    nb = new_notebook(cells=[new_code_cell('corpus = None  # unused\noutput_dir = "out"  # unused',
                                           metadata={"tags": ["parameters"]}), new_code_cell(body)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    import papermill

    from kit.reports import run_batch

    tmp = Path(tempfile.mkdtemp(prefix="kit-bench-"))
    trivial = _notebook(tmp / "trivial.ipynb", "x = 1")
    with_kit = _notebook(tmp / "with_kit.ipynb", "import kit\nimport kit.plots\nimport matplotlib.pyplot as plt")

    def timed(nb: Path) -> list[float]:
        out = []
        for k in range(args.repeat + 1):
            t0 = time.perf_counter()
            papermill.execute_notebook(str(nb), str(tmp / "out.ipynb"), kernel_name="python3", progress_bar=False)
            if k:  # the first call also imports papermill's machinery
                out.append(time.perf_counter() - t0)
        return out

    t = timed(trivial)
    print(f"papermill, cold kernel, trivial notebook : median {statistics.median(t):.2f} s (n={len(t)}, min {min(t):.2f})")
    t = timed(with_kit)
    print(f"papermill, cold kernel, import kit       : median {statistics.median(t):.2f} s (n={len(t)}, min {min(t):.2f})")

    n = 2 * (os.cpu_count() or 1) + 2
    cfg = tmp / "batch.yml"
    cfg.write_text("runs:\n" + "".join(f"  - name: t{i}\n    notebook: {trivial}\n" for i in range(n)), encoding="utf-8")
    for jobs in (1, os.cpu_count() or 1):
        res = run_batch(cfg, jobs=jobs, out=tmp / f"out{jobs}", log=lambda m: None, progress=False)
        per_run = [r["duration_seconds"] for r in res.runs]
        render = [r.get("render_seconds", 0) for r in res.runs]
        print(f"kit run, {n} trivial notebooks, jobs={jobs}: wall {res.seconds:.1f} s = {res.seconds / n:.2f} s per notebook; "
              f"papermill median {statistics.median(per_run):.2f} s, HTML+provenance median {statistics.median(render):.2f} s")


if __name__ == "__main__":
    main()
