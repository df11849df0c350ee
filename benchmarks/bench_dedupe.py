"""Near-duplicate detection at scale: 10,000 / 50,000 / 100,000 generated articles on the corpus store.

Run with ``make bench`` or ``python benchmarks/bench_dedupe.py [--sizes 10000 50000 100000] [--small 2000]``.

1. Generates ``n`` news-like articles (words drawn from the Zipf lexicon of ``corpus_gen.py``, six
   paragraphs of about 70 words, dates spread over a year); ``REPRINT_SHARE`` of them are copies
   of an earlier article made with :func:`kit.dedupe_eval.newsroom_copy` (trimmed endings, new
   ledes, inserted paragraphs, about 5% of the words changed), published 0-3 days later, shuffled,
   and writes them as a corpus store (partitions of 2,000 articles).
2. For each size, in fresh processes (so peak memory is each method's own):
   the kit's store path (:func:`kit.dedupe_store.store_reprint_clusters`: signatures per
   partition, LSH banding across, exact check, clusters with origins and paragraph changes; in
   one process, and on a local cluster of two worker processes: the same pairs) against the in-memory path a user of datasketch would write
   (:func:`kit.dedupe.near_duplicate_pairs` on the whole table: ``datasketch.MinHashLSH``
   indexes, then :func:`kit.dedupe.reprint_clusters`); wall and CPU time, peak resident memory,
   pair precision / recall against the known families, and whether both found the same pairs.
   The time each run waited for a core (``/proc/self/schedstat``) is shown: on a shared machine
   wall time = CPU time + that wait (the runs block on nothing else), which is why wall time can be
   several times the CPU time under load.
3. On ``small`` articles, compares the kit with the naive baseline: the exact containment of every
   pair of articles (Python sets).
Writes ``benchmarks/results/dedupe.md`` and prints it. Timings on a shared machine are noisy: the
ratios (measured in the same run) and the growth from 10k to 100k are what to read.
"""
from __future__ import annotations

import argparse
import itertools
import os
import resource
import sys
import time

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

REPRINT_SHARE = 0.3
LABELS = {"store": "kit store path, one process", "store2": "kit store path, 2 worker processes",
          "memory": "in-memory datasketch LSH"}
PARAGRAPHS, PARA_WORDS = 6, 70


def generate(n: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    from corpus_gen import build_lexicon

    from kit.dedupe_eval import newsroom_copy

    rng = np.random.default_rng(seed)
    lex = np.array(build_lexicon(200_000), dtype=object)
    vocab = lex[:20_000].tolist()
    n_orig = int(round(n * (1 - REPRINT_SHARE)))
    ranks = np.minimum(rng.zipf(1.15, size=(n_orig, PARAGRAPHS * PARA_WORDS)) - 1, len(lex) - 1)
    texts, days, family = [], rng.uniform(0, 365, n_orig).tolist(), list(range(n_orig))
    for r in ranks:
        w = lex[r]
        texts.append("\n\n".join(" ".join(w[p * PARA_WORDS:(p + 1) * PARA_WORDS]) for p in range(PARAGRAPHS)))
    for _ in range(n - n_orig):
        src = int(rng.integers(n_orig))
        t, _edits = newsroom_copy(texts[src], vocab, rng)
        texts.append(t)
        days.append(days[src] + float(rng.uniform(0, 3)))
        family.append(src)
    arts = pd.DataFrame({"doc_id": [f"d{i:06d}" for i in range(n)], "text": texts,
                         "published": pd.Timestamp("2024-01-01", tz="UTC") + pd.to_timedelta(days, unit="D"),
                         "outlet": [f"Outlet {i % 25}" for i in range(n)], "family": family})
    pairs = [tuple(sorted(p)) for _, g in arts.groupby("family") if len(g) > 1 for p in itertools.combinations(g["doc_id"], 2)]
    return arts, pd.DataFrame(pairs, columns=["doc_id_a", "doc_id_b"])


def naive_pairs(arts: pd.DataFrame, min_containment: float) -> set:
    import re

    grams = []
    for t in arts["text"]:
        w = re.findall(r"\w+", t.lower())
        grams.append({(w[i], w[i + 1], w[i + 2]) for i in range(len(w) - 2)})
    ids = arts["doc_id"].tolist()
    days = (arts["published"] - arts["published"].min()).dt.total_seconds().to_numpy() / 86400
    out = set()
    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            if abs(days[i] - days[j]) > 7:
                continue
            inter = len(grams[i] & grams[j])
            if inter / min(len(grams[i]), len(grams[j])) >= min_containment:
                out.add((ids[i], ids[j]))
    return out


def write_bench_store(n: int, folder: str, seed: int = 0) -> pd.DataFrame:
    """Generate ``n`` articles as a store at ``folder`` (shuffled, so partitions are not in date order); the true pairs."""
    from kit.corpus import write_store
    from kit.corpus.ingest import Corpus

    arts, truth = generate(n, seed=seed)
    arts = arts.drop(columns="family").sample(frac=1.0, random_state=seed).reset_index(drop=True)
    paras = pd.DataFrame({"doc_id": pd.Series(dtype=str), "para_no": pd.Series(dtype="int64"),
                          "role": pd.Series(dtype=str), "text": pd.Series(dtype=str)})
    report = pd.DataFrame(columns=["source_path", "line", "record", "status", "reason", "doc_id"])
    write_store(Corpus(arts, paras, report, {"fingerprint": f"bench-{n}-{seed}"}), folder, partition_size=2000)
    return truth


def worker(method: str, folder: str, out: str) -> None:
    """One measured run in this (fresh) process: pairs and clusters, then a JSON line of figures."""
    import json

    from kit.corpus import Store
    from kit.dedupe import near_duplicate_pairs, reprint_clusters
    from kit.dedupe_store import store_near_duplicate_pairs, store_reprint_clusters

    t0, c0, w0, k0 = time.perf_counter(), time.process_time(), run_queue_wait(), children_cpu()
    if method in ("store", "store2"):  # store2: the same on a local cluster of two worker processes
        from kit.compute import engine

        eng = engine(mode="sync" if method == "store" else "local", workers=2, quiet=True)
        try:
            pairs = store_near_duplicate_pairs(folder, engine=eng)
            t_pairs = time.perf_counter() - t0
            clusters = store_reprint_clusters(folder, pairs, engine=eng)
        finally:
            eng.close()
    else:
        arts = Store(folder).articles(["doc_id", "text", "published", "outlet"])
        pairs = near_duplicate_pairs(arts)
        t_pairs = time.perf_counter() - t0
        clusters = reprint_clusters(arts, pairs)
    wall, wait = time.perf_counter() - t0, run_queue_wait() - w0
    cpu = time.process_time() - c0 + children_cpu() - k0  # with the worker processes (waited for at close)
    pairs[["doc_id_a", "doc_id_b"]].to_parquet(out + ".pairs.parquet")
    clusters[["cluster", "doc_id"]].to_parquet(out + ".clusters.parquet")
    print(json.dumps({"wall": wall, "cpu": cpu, "wait": wait, "pairs_wall": t_pairs, "peak_mb": peak_mb(), "n_pairs": len(pairs)}))


def children_cpu() -> float:
    """CPU seconds of this process's finished child processes (and theirs): the workers of ``store2``."""
    t = os.times()
    return t.children_user + t.children_system


def run_queue_wait() -> float:
    """Seconds this process has spent ready to run but waiting for a core (``/proc/self/schedstat``;
    NaN where it is missing). Wall time = CPU time + this wait + time blocked on I/O, so on a shared
    machine it says how much of the wall time is other people's jobs."""
    try:
        with open("/proc/self/schedstat", encoding="ascii") as fh:
            return int(fh.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return float("nan")


def peak_mb() -> float:
    """Peak resident memory of this process (VmHWM: reset by exec, unlike ru_maxrss, which Linux keeps
    from the parent that forked us)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(method: str, folder: str, out: str) -> dict:
    import json
    import subprocess

    r = subprocess.run([sys.executable, __file__, "--worker", method, folder, out], capture_output=True, text=True,
                       check=False)
    if r.returncode:
        raise SystemExit(f"{method} run failed:\n{r.stderr}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> int:
    import tempfile

    from kit.dedupe import MIN_CONTAINMENT, near_duplicate_pairs
    from kit.dedupe_eval import cluster_pairs, pair_scores

    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    ap.add_argument("--small", type=int, default=2_000)
    ap.add_argument("--compare-up-to", type=int, default=50_000,
                    help="run the in-memory datasketch path too at sizes up to this (it doubles the run time)")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "dedupe.md"), help="results file (Markdown)")
    ap.add_argument("--worker", nargs=3, metavar=("METHOD", "STORE", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(*args.worker)
        return 0
    lines = ["# Near-duplicate benchmark", "", f"cores: {os.cpu_count()}; python {sys.version.split()[0]}; "
             f"load average at start {os.getloadavg()[0]:.1f}; measured under load (a machine shared with other "
             "jobs: wall time includes waiting for a core, CPU time does not)", ""]

    small, _ = generate(args.small, seed=1)
    t0 = time.process_time()
    naive = naive_pairs(small, MIN_CONTAINMENT)
    t_naive = time.process_time() - t0
    t0 = time.process_time()
    fast = near_duplicate_pairs(small)
    t_fast = time.process_time() - t0
    fast_set = set(zip(fast["doc_id_a"], fast["doc_id_b"]))
    lines += [f"## {args.small:,} articles: kit (MinHash LSH) vs all pairs (Python sets)", "",
              "| method | CPU seconds | pairs found |", "|---|---:|---:|",
              f"| all pairs, exact containment (naive) | {t_naive:.1f} | {len(naive)} |",
              f"| kit.dedupe.near_duplicate_pairs | {t_fast:.1f} | {len(fast_set)} |", "",
              f"speed-up: **{t_naive / t_fast:.1f}x**; pairs of the naive method found by the kit: "
              f"{len(fast_set & naive)}/{len(naive)}; pairs found only by the kit: {len(fast_set - naive)}", ""]

    lines += ["## Store path (partition by partition) vs in-memory datasketch MinHashLSH, pairs + clusters", "",
              f"{REPRINT_SHARE:.0%} reprints with newsroom edits; partitions of 2,000 articles; each run in a fresh process.", "",
              "| articles | method | wall s | CPU s | waiting for a core s (driver) | CPU ratio (memory / store) | peak MB | pairs | precision | recall | same pairs |",
              "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = os.path.join(tmp, f"store{n}")
            t0 = time.perf_counter()
            truth = write_bench_store(n, folder)
            t_gen = time.perf_counter() - t0
            methods = ("store", "store2", "memory") if n <= args.compare_up_to else ("store", "store2")
            res = {m: measure(m, folder, os.path.join(tmp, f"{m}{n}")) for m in methods}
            got = {m: pd.read_parquet(os.path.join(tmp, f"{m}{n}.pairs.parquet")) for m in res}
            same = got["store"].equals(got["memory"]) if "memory" in got else None
            if not got["store"].equals(got["store2"]):
                raise SystemExit(f"{n}: the store path found other pairs on two worker processes")
            for m in methods:
                cl = pd.read_parquet(os.path.join(tmp, f"{m}{n}.clusters.parquet"))
                sc = pair_scores(cluster_pairs(cl), truth)
                r = res[m]
                ratio = f"{res['memory']['cpu'] / res['store']['cpu']:.2f}x" if m == "store" and same is not None else ""
                lines.append(f"| {n:,} | {LABELS[m]} | "
                             f"{r['wall']:.0f} | {r['cpu']:.0f} | {r['wait']:.0f} | {ratio} | {r['peak_mb']:,.0f} | {r['n_pairs']:,} | "
                             f"{sc['precision']:.4f} | {sc['recall']:.4f} | {'-' if same is None else 'yes' if same else 'NO'} |")
            print(f"{n}: generated in {t_gen:.0f} s; {res}", file=sys.stderr, flush=True)
    big = max(args.sizes)
    lines += ["", f"load average at the end {os.getloadavg()[0]:.1f}"]
    lines += ["", f"Target: {big:,} articles deduplicated (near) in under 10 minutes on 2 cores "
              "(see the wall time of the kit store path above)."]
    text = "\n".join(lines)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
