"""Scaling benchmark: ingest, analyse and the default report batch on generated corpora of growing size.

Articles come from :mod:`corpus_gen` (growing vocabulary, news-like tokens), spread over 20 fictional
outlets and one year, written as one JSONL export. Each step runs as its own command, as a user
would run it, and is measured for wall time and peak memory (the largest sum of the resident memory
of the command and all its child processes, sampled every 0.1 s with psutil):

    kit ingest corpus.jsonl --out STORE        the partitioned store
    kit analyse STORE --workers W              derived tables (local Dask cluster)
    kit run reports.yml -p corpus STORE        the default report batch

Usage: ``python benchmarks/scaling.py --sizes 1000 10000`` (``make bench`` runs 1k and 10k). Prints
a Markdown table (sizes x steps: seconds, seconds per 1,000 articles, peak MB) and writes it to
``benchmarks/results/scaling.md``. Timings depend on what else the machine is doing: the load
average before and after is printed with the table.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import corpus_gen  # noqa: E402 (found through the sys.path entry above)

N_OUTLETS = 20
BYTES_PER_ARTICLE = 4300  # corpus_gen's articles average about 600 words


def make_corpus(n: int, path: str, *, seed: int = 11) -> dict:
    """``n`` generated articles as JSONL (title, outlet, published, text), 20 outlets, dates over 2023."""
    import numpy as np

    text_path = os.path.join(HERE, "corpus", f"scaling_{n}.txt")
    if not os.path.exists(text_path):
        corpus_gen.generate(text_path, n * BYTES_PER_ARTICLE / 1e6 * 1.1, seed=seed)
    rng = np.random.default_rng(seed)
    written = 0
    with open(text_path, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        for i, line in enumerate(src):
            if i == n:
                break
            paras = line.rstrip("\n").split("\t")
            words = paras[0].split()
            day = int(rng.integers(0, 365))
            rec = {"title": " ".join(words[:8]).rstrip(".,"), "outlet": f"Outlet {int(rng.integers(N_OUTLETS)) + 1:02d}",
                   "published": f"2023-{1 + day // 31 % 12:02d}-{1 + day % 28:02d}T{int(rng.integers(24)):02d}:00:00Z",
                   "text": "\n\n".join(paras)}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            written += 1
    if written < n:
        raise SystemExit(f"the generated text has only {written} articles; delete {text_path} and retry")
    return {"articles": written, "mb": os.path.getsize(path) / 1e6}


def measure(cmd: list[str], *, cwd: str = ROOT, env: dict | None = None) -> dict:
    """Run a command; wall seconds and peak memory of its process tree (MB)."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            procs = [root, *root.children(recursive=True)]
            rss = 0
            for p in procs:
                try:
                    rss += p.memory_info().rss
                except psutil.Error:
                    pass
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.1)
    out = proc.stdout.read()
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        print(out[-3000:], file=sys.stderr)
    return {"seconds": round(seconds, 2), "peak_mb": round(peak / 1e6), "ok": proc.returncode == 0, "output": out[-2000:]}


def run_size(n: int, workdir: str, *, workers: int, report: bool) -> dict:
    kit = os.path.join(os.path.dirname(sys.executable), "kit")
    src = os.path.join(workdir, f"articles_{n}.jsonl")
    info = make_corpus(n, src)
    store = os.path.join(workdir, f"store_{n}")
    steps = {"ingest": [kit, "ingest", src, "--out", store, "--quiet"],
             "analyse": [kit, "analyse", store, "--workers", str(workers), "--quiet"]}
    if report:
        steps["report batch"] = [kit, "run", os.path.join(ROOT, "reports.yml"), "-p", "corpus", store,
                                 "--out", os.path.join(workdir, f"reports_{n}"), "--jobs", str(workers)]
    res = {"articles": n, "mb": round(info["mb"], 1)}
    for name, cmd in steps.items():
        print(f"  {n:>7,} articles: {name} ...", file=sys.stderr, flush=True)
        res[name] = measure(cmd)
    print(f"  {n:>7,} articles: kit terms against CountVectorizer ...", file=sys.stderr, flush=True)
    res["terms"] = terms_vs_sklearn(src, store)
    return res


SKLEARN_SCRIPT = """
import json, sys
from sklearn.feature_extraction.text import CountVectorizer
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
x = CountVectorizer().fit_transform(texts)
print(int(x.sum()))
"""


def terms_vs_sklearn(src: str, store: str) -> dict:
    """``kit terms`` end to end (from the JSONL export, and from the store) against reading the same
    export and counting with scikit-learn's CountVectorizer, each as a fresh process."""
    kit = os.path.join(os.path.dirname(sys.executable), "kit")
    return {"kit terms (export)": measure([kit, "terms", src, "--top", "10"]),
            "kit terms (store)": measure([kit, "terms", store, "--top", "10"]),
            "CountVectorizer (export)": measure([sys.executable, "-c", SKLEARN_SCRIPT, src])}


def table(results: list[dict], steps: list[str]) -> str:
    lines = ["| articles | MB | " + " | ".join(f"{s} s | {s} s/1k | {s} peak MB" for s in steps) + " |",
             "|---:|---:|" + "---:|---:|---:|" * len(steps)]
    for r in results:
        cells = []
        for s in steps:
            m = r.get(s)
            if m is None:
                cells += ["", "", ""]
            elif not m["ok"]:
                cells += ["failed", "", str(m["peak_mb"])]
            else:
                cells += [f"{m['seconds']:.1f}", f"{m['seconds'] / r['articles'] * 1000:.2f}", str(m["peak_mb"])]
        lines.append(f"| {r['articles']:,} | {r['mb']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes in articles")
    ap.add_argument("--workers", type=int, default=2, help="Dask workers and report jobs (default 2)")
    ap.add_argument("--no-report", action="store_true", help="skip the report batch")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (printed)")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "scaling.md"))
    args = ap.parse_args(argv)
    work = tempfile.mkdtemp(prefix="kit-scaling-")
    load_before = os.getloadavg()
    results = []
    try:
        for n in args.sizes:
            results.append(run_size(n, work, workers=args.workers, report=not args.no_report))
    finally:
        if args.keep:
            print(f"work folder: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    steps = ["ingest", "analyse"] + ([] if args.no_report else ["report batch"])
    text = (f"{table(results, steps)}\n\n{os.cpu_count()} cores; load average before {load_before[0]:.1f}, "
            f"after {os.getloadavg()[0]:.1f}; ingest MB/s: "
            + ", ".join(f"{r['mb'] / r['ingest']['seconds']:.1f} ({r['articles']:,})" for r in results if r['ingest']['ok'])
            + "\n")
    for r in results:
        t = r["terms"]
        cv = t["CountVectorizer (export)"]["seconds"]
        text += (f"\n{r['articles']:,} articles, term counts end to end (fresh process each): "
                 + "; ".join(f"{k} {m['seconds']:.1f} s ({cv / m['seconds']:.2f}x CountVectorizer)" if m["ok"] else f"{k} failed"
                             for k, m in t.items()) + "\n")
    print(text)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    return 0 if all(r[s]["ok"] for r in results for s in steps) else 1


if __name__ == "__main__":
    sys.exit(main())
