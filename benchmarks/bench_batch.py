"""The whole default report batch on generated corpora: seconds and peak memory per notebook.

Articles come from :mod:`corpus_gen` through :func:`scaling.make_corpus` (growing vocabulary,
news-like tokens, 20 fictional outlets over one year, one JSONL export). Each step runs as its own
command, as a user would run it, measured for wall time and peak memory (the largest sum of the
resident memory of the command and all its child processes: workers and kernels, sampled every
0.1 s with psutil):

    ingest + analyse    kit ingest export.jsonl --out STORE, then the batch's analysis step
                        (kit.analyse.for_reports for the runs of reports.yml, as kit run does)
    01 ... 05           kit run reports.yml -p corpus STORE --only <run> --jobs W
                        (keyness: all per-outlet runs, W at a time; they read the stored tables)

The sum of the rows is the batch's time on one machine; ``kit run`` without ``--only`` overlaps the
single notebooks with each other, so a whole batch takes a little less.

Usage: ``python benchmarks/bench_batch.py --sizes 1000 10000 [50000]`` (``make bench`` runs 1k and
10k). Prints a Markdown table and writes it to ``benchmarks/results/batch.md``. Target at 10k
articles: the whole batch under 5 minutes and under 4 GB. Timings depend on the load of the
machine: the load average before and after is printed with the table.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from scaling import make_corpus, measure  # noqa: E402 (found through the sys.path entry above)

#: The runs of the default batch, measured one ``--only`` pattern at a time (label, pattern).
STEPS = [("01 overview", "01_*"), ("02 keyness (per outlet)", "keyness_*"), ("03 frames and tone", "03_*"),
         ("04 voices", "04_*"), ("05 coded frames", "05_*")]
TARGET_SECONDS, TARGET_MB = 300, 4000

#: The analysis ``kit run`` does before its notebooks, for the runs of reports.yml on one store.
ANALYSE_SCRIPT = """
import sys
from kit.analyse import for_reports
from kit.reports.corpora import prepare_corpora
from kit.reports.plan import expand_runs, load_config, plan_batch
entries = plan_batch(load_config(sys.argv[1]), cli_params=[("corpus", sys.argv[2])])
specs = expand_runs(entries, prepare_corpora(entries, None))
for_reports(sys.argv[2], [s.parameters for s in specs], quiet=True)
"""


def run_size(n: int, workdir: str, *, jobs: int) -> dict:
    kit = os.path.join(os.path.dirname(sys.executable), "kit")
    src = os.path.join(workdir, f"articles_{n}.jsonl")
    info = make_corpus(n, src)
    store = os.path.join(workdir, f"store_{n}")
    config = os.path.join(ROOT, "reports.yml")
    res = {"articles": n, "mb": round(info["mb"], 1), "steps": {}}
    print(f"  {n:>7,} articles: ingest + analyse ...", file=sys.stderr, flush=True)
    ing = measure([kit, "ingest", src, "--out", store, "--quiet"])
    ana = measure([sys.executable, "-c", ANALYSE_SCRIPT, config, store]) if ing["ok"] else ing
    res["steps"]["ingest + analyse"] = {"seconds": round(ing["seconds"] + ana["seconds"], 2),
                                        "peak_mb": max(ing["peak_mb"], ana["peak_mb"]), "ok": ing["ok"] and ana["ok"],
                                        "detail": f"ingest {ing['seconds']:.1f} s, analyse {ana['seconds']:.1f} s"}
    _done(n, "ingest + analyse", res["steps"]["ingest + analyse"])
    for label, pattern in STEPS:
        print(f"  {n:>7,} articles: {label} ...", file=sys.stderr, flush=True)
        out = os.path.join(workdir, f"reports_{n}_{pattern.strip('_*')}")
        m = measure([kit, "run", config, "-p", "corpus", store, "--only", pattern, "--out", out, "--jobs", str(jobs),
                     "--quiet"])
        runs = json.load(open(os.path.join(out, "runs.json"), encoding="utf-8")) if os.path.exists(
            os.path.join(out, "runs.json")) else []
        m["detail"] = f"{len(runs.get('runs', runs)) if isinstance(runs, dict) else len(runs)} run(s)"
        res["steps"][label] = m
        _done(n, label, m)
    return res


def _done(n: int, label: str, m: dict) -> None:
    """One line per finished step, so that an interrupted run still shows what it measured."""
    state = "ok" if m["ok"] else "FAILED"
    print(f"  {n:>7,} articles: {label}: {m['seconds']:.1f} s, peak {m['peak_mb']:,} MB, {state}"
          f"{' (' + m['detail'] + ')' if m.get('detail') else ''}; load {os.getloadavg()[0]:.1f}",
          file=sys.stderr, flush=True)


def table(results: list[dict]) -> str:
    labels = ["ingest + analyse"] + [s[0] for s in STEPS]
    head = "| step | " + " | ".join(f"{r['articles']:,} articles: s | peak MB" for r in results) + " |"
    lines = [head, "|---|" + "---:|---:|" * len(results)]
    for label in labels:
        cells = []
        for r in results:
            m = r["steps"].get(label)
            cells += ["failed" if not m["ok"] else f"{m['seconds']:.1f}", f"{m['peak_mb']:,}"]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    cells = []
    for r in results:
        total = sum(m["seconds"] for m in r["steps"].values())
        peak = max(m["peak_mb"] for m in r["steps"].values())
        cells += [f"**{total:.1f}**", f"**{peak:,}**"]
    lines.append("| whole batch (sum) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes in articles")
    ap.add_argument("--jobs", type=int, default=2, help="parallel report runs (default 2)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (printed)")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "batch.md"))
    args = ap.parse_args(argv)
    work = tempfile.mkdtemp(prefix="kit-bench-batch-")
    load_before = os.getloadavg()
    results = []
    try:
        for n in args.sizes:
            results.append(run_size(n, work, jobs=args.jobs))
            print(table(results), file=sys.stderr, flush=True)
    finally:
        if args.keep:
            print(f"work folder: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    verdicts = []
    for r in results:
        total = sum(m["seconds"] for m in r["steps"].values())
        peak = max(m["peak_mb"] for m in r["steps"].values())
        verdicts.append(f"{r['articles']:,} articles ({r['mb']} MB of JSONL): {total / 60:.1f} min, peak {peak:,} MB"
                        + (f" (target {TARGET_SECONDS // 60} min / {TARGET_MB:,} MB: "
                           f"{'met' if total < TARGET_SECONDS and peak < TARGET_MB else 'missed'})"
                           if r["articles"] == 10_000 else ""))
    text = (f"{table(results)}\n\n" + "; ".join(verdicts) + f".\n{os.cpu_count()} cores, {args.jobs} jobs; load average "
            f"before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f}. Details: "
            + "; ".join(f"{r['articles']:,}: {r['steps']['ingest + analyse']['detail']}" for r in results) + "\n")
    print(text)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    return 0 if all(m["ok"] for r in results for m in r["steps"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
