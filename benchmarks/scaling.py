"""Scaling benchmark: ingest, each analysis and the default report batch on generated corpora of growing size.

Articles come from :mod:`corpus_gen` (growing vocabulary, news-like tokens, about 690 words each),
spread over 20 fictional outlets and one year, written as one JSONL export. Each step runs as its
own command, as a user would run it, and is measured for wall time and peak memory (the largest sum
of the resident memory of the command and all its child processes, Dask workers included, sampled
every 0.1 s with psutil):

    kit ingest corpus.jsonl --out STORE                      the partitioned store (streaming)
    kit analyse STORE --tables term_counts group_counts      term counts       (local Dask cluster)
    kit analyse STORE --tables frame_hits frame_scores       frames
    kit analyse STORE --tables sentence_tone article_tone    tone
    kit analyse STORE --tables quotes                        quotes
    kit analyse STORE --tables actor_mentions                actors
    kit run reports.yml -p corpus STORE                      the default report batch

Usage: ``python benchmarks/scaling.py --sizes 1000 10000`` (``make bench`` runs 1k and 10k);
``--analyse-sizes`` limits the analyses and the report batch to some sizes (ingest runs at every
size), ``--step-timeout`` stops a step after so many seconds (recorded as stopped). Prints a Markdown
table (steps x sizes: seconds, peak MB, milliseconds per article), the growth of the cost per article
from the smallest to the largest size, and a 1M-article projection (marked as a projection: cost per
article at the largest size x 1,000,000, divided over the workers of a cluster); writes it to
``benchmarks/results/scaling.md`` and every measurement, as it is taken, to ``scaling.json`` beside it.
Timings depend on what else the machine is doing: the load average before and after is printed.
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

    made = [int(f[8:-4]) for f in os.listdir(os.path.join(HERE, "corpus")) if f.startswith("scaling_")
            and f.endswith(".txt") and f[8:-4].isdigit() and int(f[8:-4]) >= n] if os.path.isdir(os.path.join(HERE, "corpus")) else []
    text_path = os.path.join(HERE, "corpus", f"scaling_{min(made) if made else n}.txt")  # the first n articles of a larger text
    if not made:
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


def measure(cmd: list[str], *, cwd: str = ROOT, env: dict | None = None, timeout: float | None = None) -> dict:
    """Run a command; wall seconds and peak memory of its process tree (MB). A command still running
    after ``timeout`` seconds is stopped (with its children) and recorded as ``stopped``."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    root = psutil.Process(proc.pid)
    peak = 0
    stopped = False
    while proc.poll() is None:
        if timeout is not None and time.perf_counter() - t0 > timeout:
            for p in [*root.children(recursive=True), root]:
                try:
                    p.kill()
                except psutil.Error:
                    pass
            stopped = True
            proc.wait()
            break
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
    return {"seconds": round(seconds, 2), "peak_mb": round(peak / 1e6), "ok": proc.returncode == 0 and not stopped,
            "stopped": stopped, "output": out[-2000:]}


ANALYSES = {"term counts": ["term_counts", "group_counts"], "frames": ["frame_hits", "frame_scores"],
            "tone": ["sentence_tone", "article_tone"], "quotes": ["quotes"], "actors": ["actor_mentions"]}


def run_size(n: int, workdir: str, *, workers: int, report: bool, analyse: bool, timeout: float | None,
             save) -> dict:
    kit = os.path.join(os.path.dirname(sys.executable), "kit")
    src = os.path.join(workdir, f"articles_{n}.jsonl")
    info = make_corpus(n, src)
    store = os.path.join(workdir, f"store_{n}")
    mb = str(max(256, int(info["mb"]) + 1))  # over the default one-file limit at 100k articles; read in ranges
    steps = {"ingest": [kit, "ingest", src, "--out", store, "--quiet", "--workers", str(workers), "--max-file-mb", mb]}
    if analyse:
        for name, tables in ANALYSES.items():
            steps[f"analyse: {name}"] = [kit, "analyse", store, "--tables", *tables, "--workers", str(workers), "--quiet"]
        if report:
            steps["report batch"] = [kit, "run", os.path.join(ROOT, "reports.yml"), "-p", "corpus", store,
                                     "--out", os.path.join(workdir, f"reports_{n}"), "--jobs", str(workers)]
    res = {"articles": n, "mb": round(info["mb"], 1), "load_before": round(os.getloadavg()[0], 1)}
    for name, cmd in steps.items():
        print(f"  {n:>7,} articles: {name} ...", file=sys.stderr, flush=True)
        res[name] = measure(cmd, timeout=timeout)
        save(res)
        if name == "ingest" and not res[name]["ok"]:
            break
    if analyse:
        print(f"  {n:>7,} articles: kit terms against CountVectorizer ...", file=sys.stderr, flush=True)
        res["terms"] = terms_vs_sklearn(src, store)
        save(res)
    shutil.rmtree(store, ignore_errors=True)
    os.remove(src)
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
    """Steps x sizes: seconds, peak MB and milliseconds per article; then the growth of the cost per
    article (largest size over smallest) and the 1M-article projection."""
    sizes = [r for r in results]
    head = "| step | " + " | ".join(f"{r['articles']:,}: s / peak MB / ms per article" for r in sizes)
    lines = [head + " | cost per article, largest / smallest size | 1M articles, projected (2 cores; 20 workers) |",
             "|---|" + "---:|" * len(sizes) + "---:|---:|"]
    for s in steps:
        cells, costs = [], []
        for r in sizes:
            m = r.get(s)
            if m is None:
                cells.append("not run")
            elif not m["ok"]:
                cells.append(f"{'stopped after' if m.get('stopped') else 'failed,'} {m['seconds']:.0f} s / {m['peak_mb']}")
            else:
                ms = m["seconds"] / r["articles"] * 1000
                costs.append((r["articles"], ms))
                cells.append(f"{m['seconds']:.1f} / {m['peak_mb']} / {ms:.1f}")
        growth = f"{costs[-1][1] / costs[0][1]:.2f} ({costs[0][0]:,} -> {costs[-1][0]:,})" if len(costs) > 1 else ""
        proj = ""
        if costs:
            sec = costs[-1][1] * 1000  # seconds for 1M articles at the cost per article of the largest size
            proj = f"{sec / 3600:.1f} h; {sec / 3600 / 10:.1f} h"  # 20 single-threaded workers = 10x our 2
        lines.append(f"| {s} | " + " | ".join(cells) + f" | {growth} | {proj} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes in articles")
    ap.add_argument("--analyse-sizes", type=int, nargs="*", default=None,
                    help="sizes at which the analyses and the report batch run (default: every size)")
    ap.add_argument("--workers", type=int, default=2, help="ingest processes, Dask workers and report jobs (default 2)")
    ap.add_argument("--no-report", action="store_true", help="skip the report batch")
    ap.add_argument("--step-timeout", type=float, default=None, help="stop a step after this many seconds")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (printed)")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "scaling.md"))
    args = ap.parse_args(argv)
    work = tempfile.mkdtemp(prefix="kit-scaling-")
    load_before = os.getloadavg()
    results: list[dict] = []
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    log = os.path.splitext(args.out)[0] + ".json"

    def save(res: dict) -> None:
        with open(log, "w", encoding="utf-8") as f:
            json.dump([*results, res] if res not in results else results, f, indent=1)

    make_corpus(max(args.sizes), os.path.join(work, "largest.jsonl"))  # the text of every size, made once
    os.remove(os.path.join(work, "largest.jsonl"))
    try:
        for n in args.sizes:
            analyse = args.analyse_sizes is None or n in args.analyse_sizes
            results.append(run_size(n, work, workers=args.workers, report=not args.no_report, analyse=analyse,
                                    timeout=args.step_timeout, save=save))
            save(results[-1])
    finally:
        if args.keep:
            print(f"work folder: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    steps = ["ingest", *(f"analyse: {a}" for a in ANALYSES)] + ([] if args.no_report else ["report batch"])
    text = (f"{table(results, steps)}\n\nMeasured on {os.cpu_count()} cores with {args.workers} workers; load average "
            f"before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f}. Ingest MB/s: "
            + ", ".join(f"{r['mb'] / r['ingest']['seconds']:.1f} ({r['articles']:,}, {r['mb']} MB)"
                        for r in results if r["ingest"]["ok"])
            + ". The 1M column is a projection (cost per article at the largest size measured x 1,000,000), "
              "not a measurement.\n")
    for r in results:
        if "terms" not in r:
            continue
        t = r["terms"]
        cv = t["CountVectorizer (export)"]["seconds"]
        text += (f"\n{r['articles']:,} articles, term counts end to end (fresh process each): "
                 + "; ".join(f"{k} {m['seconds']:.1f} s ({cv / m['seconds']:.2f}x CountVectorizer)" if m["ok"] else f"{k} failed"
                             for k, m in t.items()) + "\n")
    print(text)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    return 0 if all(r[s]["ok"] for r in results for s in steps if s in r) else 1


if __name__ == "__main__":
    sys.exit(main())
