"""Memory of each report notebook, cell by cell, on one corpus: what takes the memory.

Runs the code cells of ``notebooks/0*.ipynb`` in this process, one after the other (the parameters
cell with ``corpus`` and ``output_dir`` replaced, as ``kit run`` injects them; ``display`` a no-op),
and records for each cell its seconds, the resident memory after it and the peak during it (psutil,
sampled every 20 ms), so the cells whose memory grows with the corpus stand out. Each notebook runs
in its own child process (a fresh interpreter, as a kernel would be).

Usage: ``python benchmarks/notebook_memory.py [STORE] [--size N] [--notebooks 01 03] [--out FILE.json]
[--keep-reports DIR]`` (``--keep-reports``: each notebook's tables and figures go to ``DIR/<notebook>``,
to compare the files of two versions; otherwise to a temporary folder, removed)
(STORE: an analysed corpus store, e.g. one made by ``bench_batch.py --keep``; without it, ``--size``
generated articles (default 10,000, as :mod:`bench_batch` makes them) are ingested and analysed into
a temporary store first; ``make bench`` runs this). Prints one line per cell: notebook, cell,
seconds, peak MB, MB after, and the cell's last line; then each notebook's peak and the load average.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def _cells(path: str) -> list[tuple[str, list[str]]]:
    nb = json.load(open(path, encoding="utf-8"))
    return [("".join(c["source"]), c.get("metadata", {}).get("tags", [])) for c in nb["cells"] if c["cell_type"] == "code"]


def _make_store(n: int, work: str) -> str:
    """``n`` generated articles ingested and analysed for the default batch, as bench_batch.py does."""
    sys.path.insert(0, HERE)
    from bench_batch import ANALYSE_SCRIPT
    from scaling import make_corpus

    src, store = os.path.join(work, "articles.jsonl"), os.path.join(work, "store")
    make_corpus(n, src)
    kit = os.path.join(os.path.dirname(sys.executable), "kit")
    subprocess.run([kit, "ingest", src, "--out", store, "--quiet"], check=True, cwd=ROOT)
    subprocess.run([sys.executable, "-c", ANALYSE_SCRIPT, os.path.join(ROOT, "reports.yml"), store], check=True, cwd=ROOT)
    return store


def batch_parameters(corpus: str) -> dict[str, dict]:
    """The parameters ``kit run reports.yml -p corpus STORE`` gives each notebook (its first run: for
    02 the largest outlet), keyed by the notebook's file name."""
    from kit.reports.corpora import prepare_corpora
    from kit.reports.plan import expand_runs, load_config, plan_batch

    entries = plan_batch(load_config(os.path.join(ROOT, "reports.yml")), cli_params=[("corpus", corpus)])
    out: dict[str, dict] = {}
    for spec in expand_runs(entries, prepare_corpora(entries, None)):
        out.setdefault(os.path.basename(str(spec.notebook)), dict(spec.parameters))
    return out


def run_one(notebook: str, corpus: str, params: dict, out_dir: str) -> list[dict]:
    """Run one notebook's cells here, writing its report to ``out_dir``; one record per cell."""
    import psutil

    proc = psutil.Process()
    ns: dict = {"display": lambda *a, **k: None, "__name__": "__main__"}
    rows = []
    for i, (src, tags) in enumerate(_cells(notebook)):
        peak = [proc.memory_info().rss]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                peak[0] = max(peak[0], proc.memory_info().rss)
                time.sleep(0.02)

        t = threading.Thread(target=sample, daemon=True)
        t.start()
        t0 = time.perf_counter()
        exec(compile(src, f"{os.path.basename(notebook)}[{i}]", "exec"), ns)
        if "parameters" in tags:
            ns.update({**params, "corpus": corpus, "output_dir": out_dir})
        secs = time.perf_counter() - t0
        stop.set()
        t.join()
        after = proc.memory_info().rss
        rows.append({"cell": i, "seconds": round(secs, 2), "peak_mb": round(max(peak[0], after) / 1e6),
                     "after_mb": round(after / 1e6), "last_line": src.strip().splitlines()[-1][:90] if src.strip() else ""})
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", help="an analysed corpus store (default: one made from --size articles)")
    ap.add_argument("--size", type=int, default=10000, help="generated articles when no store is given")
    ap.add_argument("--notebooks", nargs="*", default=["01", "02", "03", "04", "05"])
    ap.add_argument("--one", help=argparse.SUPPRESS)  # child process: run this notebook and print JSON
    ap.add_argument("--out")
    ap.add_argument("--keep-reports", metavar="DIR", help="write each notebook's report to DIR/<notebook> and keep it")
    args = ap.parse_args(argv)
    os.chdir(ROOT)
    if args.one:
        params = batch_parameters(args.corpus).get(os.path.basename(args.one), {})
        if args.keep_reports:
            out_dir = os.path.join(os.path.abspath(args.keep_reports), os.path.basename(args.one).split(".")[0])
            print(json.dumps(run_one(args.one, args.corpus, params, out_dir)))
            return 0
        out_dir = tempfile.mkdtemp(prefix="kit-nbmem-")
        try:
            print(json.dumps(run_one(args.one, args.corpus, params, out_dir)))
        finally:
            shutil.rmtree(out_dir, ignore_errors=True)
        return 0
    if args.corpus is None:
        work = tempfile.mkdtemp(prefix="kit-nbmem-store-")
        try:
            args.corpus = _make_store(args.size, work)
            return main([args.corpus, "--notebooks", *args.notebooks] + (["--out", args.out] if args.out else [])
                        + (["--keep-reports", args.keep_reports] if args.keep_reports else []))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    result = {}
    for pre in args.notebooks:
        nb = next(os.path.join(ROOT, "notebooks", f) for f in sorted(os.listdir(os.path.join(ROOT, "notebooks")))
                  if f.startswith(pre) and f.endswith(".ipynb"))
        keep = ["--keep-reports", args.keep_reports] if args.keep_reports else []
        p = subprocess.run([sys.executable, __file__, args.corpus, "--one", nb, *keep], capture_output=True, text=True)
        if p.returncode:
            print(p.stderr[-3000:], file=sys.stderr)
            return 1
        rows = json.loads(p.stdout.strip().splitlines()[-1])
        result[pre] = rows
        for r in rows:
            print(f"{pre} cell {r['cell']:>2} {r['seconds']:7.2f} s peak {r['peak_mb']:6,} MB after {r['after_mb']:6,} MB"
                  f"  {r['last_line']}", flush=True)
        print(f"{pre} PEAK {max(r['peak_mb'] for r in rows):,} MB; load {os.getloadavg()[0]:.1f}", flush=True)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
