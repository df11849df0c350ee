"""Speed and memory of the kit's tokenize-and-count path against NLTK, scikit-learn and polars.

Run with ``make bench`` (installs the ``bench`` extra first) or ``python benchmarks/run.py``.

1. Generates (once) ``benchmarks/corpus/news_<MB>mb.txt``: synthetic news-like text whose
   vocabulary keeps growing (see ``corpus_gen.py``); no article is repeated.
2. Measures every tool in its own subprocess (so peak memory is the tool's own): MB/s of text,
   tokens/s (tokens each tool counted), peak resident memory of the process and its workers
   (proportional set size, sampled every 50 ms with psutil), and the ratio to the kit.
   The task is the same for every tool: tokenize every article, lower-case, count terms per
   article. NLTK's word tokenizer runs on a sample (it is slow); its MB/s is per sampled MB.
3. Checks that the fast counting path gives exactly the counts of ``kit.text.tokenize`` on a
   sample of articles.
4. Streams a larger file (default 1 GB) through ``kit.terms.count_stream`` and reports peak memory
   against the size of the text.
5. Writes ``benchmarks/results/latest.md`` and prints it.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import corpus_gen  # noqa: E402 (after sys.path holds benchmarks/)

# ----------------------------------------------------------------------------- measuring


class PeakMemory:
    """Samples the resident memory of this process and all its children."""

    def __init__(self, interval: float = 0.05):
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _mem(p) -> int:
        # PSS (proportional set size) counts pages shared between the parent and forked workers
        # once; RSS would count them in every process
        try:
            return p.memory_full_info().pss
        except Exception:
            return p.memory_info().rss

    def _sample(self) -> int:
        total = 0
        try:
            total = self._mem(self.proc)
            for c in self.proc.children(recursive=True):
                try:
                    total += self._mem(c)
                except Exception:
                    pass
        except Exception:
            pass
        return total

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            time.sleep(self.interval)

    @staticmethod
    def _cpu() -> float:
        import resource

        s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime

    def __enter__(self):
        self.peak = self._sample()
        self.cpu0 = self._cpu()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())
        # CPU seconds of this process and its finished workers (includes the sampler's small share)
        self.cpu = self._cpu() - self.cpu0


def _mb(texts) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def tool_kit(path, limit_mb, jobs):
    import pandas as pd

    from kit.terms import document_term_matrix

    texts = corpus_gen.read_articles(path, None if limit_mb is None else int(limit_mb * 1e6))
    arts = pd.DataFrame({"doc_id": range(len(texts)), "text": texts})
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        m = document_term_matrix(arts, n_jobs=jobs)
        dt = time.perf_counter() - t0
    return dict(mb=_mb(texts), seconds=dt, tokens=int(m.matrix.sum()), distinct=len(m.terms), peak_mb=mem.peak / 1e6, cpu=mem.cpu)


def tool_kit_stream(path, limit_mb, jobs):
    from kit.terms import count_stream

    size = os.path.getsize(path) / 1e6
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        m = count_stream(path, n_jobs=jobs)
        dt = time.perf_counter() - t0
    return dict(mb=size, seconds=dt, tokens=int(m.matrix.sum()), distinct=len(m.terms), peak_mb=mem.peak / 1e6, cpu=mem.cpu)


def tool_nltk(path, limit_mb, jobs):
    from collections import Counter

    from nltk.tokenize import word_tokenize

    texts = corpus_gen.read_articles(path, int((limit_mb or 5) * 1e6))
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        # preserve_line=True: no Punkt model needed (it may not be installed); the word
        # tokenizer itself (NLTKWordTokenizer) does the same work either way
        counts = [Counter(w.lower() for w in word_tokenize(t, preserve_line=True)) for t in texts]
        dt = time.perf_counter() - t0
    vocab = set()
    for c in counts:
        vocab.update(c)
    return dict(mb=_mb(texts), seconds=dt, tokens=sum(sum(c.values()) for c in counts), distinct=len(vocab), peak_mb=mem.peak / 1e6, cpu=mem.cpu)


def tool_sklearn(path, limit_mb, jobs):
    from sklearn.feature_extraction.text import CountVectorizer

    texts = corpus_gen.read_articles(path, None if limit_mb is None else int(limit_mb * 1e6))
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        cv = CountVectorizer()
        x = cv.fit_transform(texts)
        dt = time.perf_counter() - t0
    return dict(mb=_mb(texts), seconds=dt, tokens=int(x.sum()), distinct=len(cv.vocabulary_), peak_mb=mem.peak / 1e6, cpu=mem.cpu)


def tool_polars(path, limit_mb, jobs):
    import polars as pl

    texts = corpus_gen.read_articles(path, None if limit_mb is None else int(limit_mb * 1e6))
    # the table is built before the timer starts, as the kit's DataFrame is in tool_kit (like for like)
    df = pl.DataFrame({"text": texts}).with_row_index("doc")
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        counts = (
            df.select("doc", pl.col("text").str.to_lowercase().str.extract_all(r"\w+").alias("term"))
            .explode("term")
            .drop_nulls("term")
            .group_by("doc", "term")
            .len()
        )
        dt = time.perf_counter() - t0
    return dict(mb=_mb(texts), seconds=dt, tokens=int(counts["len"].sum()), distinct=counts["term"].n_unique(), peak_mb=mem.peak / 1e6, cpu=mem.cpu)


def tool_re(path, limit_mb, jobs):
    import re
    from collections import Counter

    texts = corpus_gen.read_articles(path, None if limit_mb is None else int(limit_mb * 1e6))
    pat = re.compile(r"\w+")
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        counts = [Counter(pat.findall(t.lower())) for t in texts]
        dt = time.perf_counter() - t0
    vocab = set()
    for c in counts:
        vocab.update(c)
    return dict(mb=_mb(texts), seconds=dt, tokens=sum(sum(c.values()) for c in counts), distinct=len(vocab), peak_mb=mem.peak / 1e6, cpu=mem.cpu)


# ----------------------------------------------------------------------------- end to end from an export

_SKLEARN_EXPORT = """
import json, sys
import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
with open(sys.argv[1], encoding="utf-8") as f:
    texts = [json.loads(line).get("text") or "" for line in f if line.strip()]
cv = CountVectorizer()
x = cv.fit_transform(texts)
n = np.asarray(x.sum(axis=0)).ravel()
terms = cv.get_feature_names_out()
top = np.argsort(-n, kind="stable")[:100]
print(json.dumps([[str(terms[i]), int(n[i])] for i in top]))
"""


def _compile_kit() -> None:
    """Byte code for the kit's modules, as ``pip install`` writes it (the script's libraries have
    theirs): an editable install under ``PYTHONDONTWRITEBYTECODE=1`` (set on some machines) would
    otherwise compile the kit's source at every command's start, about 0.1 s that no installed kit pays."""
    import compileall

    import kit

    compileall.compile_dir(os.path.dirname(kit.__file__), quiet=1)


def end_to_end(n_articles: int, repeat: int) -> dict:
    """``kit terms EXPORT`` (and ``kit terms STORE``, ``kit ingest EXPORT``) as a user runs them, against
    a script that reads the same JSONL export with ``json`` and counts with CountVectorizer: wall
    seconds of each whole command (process start included), fastest of ``repeat`` interleaved runs."""
    import shutil
    import tempfile

    import scaling

    tmp = tempfile.mkdtemp(prefix="kit-bench-")
    try:
        export = os.path.join(tmp, "export.jsonl")
        made = scaling.make_corpus(n_articles, export)
        kit = [os.path.join(os.path.dirname(sys.executable), "kit")]
        store = os.path.join(tmp, "store")
        _compile_kit()
        cmds = {
            "sklearn": [sys.executable, "-c", _SKLEARN_EXPORT, export],
            "kit_terms_export": kit + ["terms", export, "--top", "100", "--json"],
            "kit_ingest": kit + ["ingest", export, "--out", store, "-q"],
            "kit_terms_store": kit + ["terms", store, "--top", "100", "--json"],
        }
        best: dict[str, float] = {}
        for _ in range(max(1, repeat)):
            for key, cmd in cmds.items():
                if key == "kit_ingest":
                    shutil.rmtree(store, ignore_errors=True)
                t0 = time.perf_counter()
                out = subprocess.run(cmd, capture_output=True, text=True)
                dt = time.perf_counter() - t0
                if out.returncode != 0:
                    raise SystemExit(f"{' '.join(cmd)} failed: {out.stderr.strip()[-400:]}")
                best[key] = min(best.get(key, dt), dt)
        return {"articles": made["articles"], "mb": made["mb"], **best}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def end_to_end_lines(e: dict) -> list[str]:
    sk = e["sklearn"]
    return [
        "",
        f"End to end from a JSONL export ({e['articles']:,} generated articles, {e['mb']:.1f} MB; whole commands, "
        "process start included, fastest of the runs; the kit's byte code compiled first, as an install has it):",
        "",
        "| command | seconds | MB/s | kit speed / CountVectorizer script |",
        "|---|---:|---:|---:|",
        f"| python script: json + CountVectorizer + top 100 | {sk:.2f} | {e['mb'] / sk:.1f} | |",
        f"| `kit terms EXPORT --top 100` | {e['kit_terms_export']:.2f} | {e['mb'] / e['kit_terms_export']:.1f} | "
        f"{sk / e['kit_terms_export']:.2f}x |",
        f"| `kit ingest EXPORT --out STORE` | {e['kit_ingest']:.2f} | {e['mb'] / e['kit_ingest']:.1f} | |",
        f"| `kit terms STORE --top 100` | {e['kit_terms_store']:.2f} | {e['mb'] / e['kit_terms_store']:.1f} | "
        f"{sk / e['kit_terms_store']:.2f}x |",
    ]


def check_equivalence(path, n_docs, jobs=2):
    """The fast counting path gives exactly the counts of kit.text.tokenize (sample of articles),
    both in one process and with ``jobs`` worker processes (the configuration that is timed)."""
    from collections import Counter

    import pandas as pd

    from kit.terms import document_term_matrix
    from kit.text import tokenize

    texts = corpus_gen.read_articles(path)[:n_docs]
    arts = pd.DataFrame({"doc_id": range(len(texts)), "text": texts})
    m = document_term_matrix(arts, n_jobs=1).to_counts()
    fast = {(d, t): n for d, t, n in m.itertuples(index=False)}
    # the measured configuration: worker processes, with chunks small enough that every worker counts
    chars = sum(len(t) for t in texts)
    mw = document_term_matrix(arts, n_jobs=jobs, chunk_chars=max(1, chars // (4 * jobs))).to_counts()
    fast_workers = {(d, t): n for d, t, n in mw.itertuples(index=False)}
    slow = {}
    for d, t in enumerate(texts):
        for term, n in Counter(tok.term for tok in tokenize(t, stopwords="english")).items():
            slow[(d, term)] = n
    return dict(docs=len(texts), entries=len(slow), identical=fast == slow, identical_workers=fast_workers == slow,
                jobs=jobs, tokens=sum(slow.values()))


TOOLS = {
    "kit": tool_kit,
    "kit_stream": tool_kit_stream,
    "nltk": tool_nltk,
    "sklearn": tool_sklearn,
    "polars": tool_polars,
    "re": tool_re,
}

LABELS = {
    "kit": "kit document_term_matrix (news-aware tokens, stopwords, {jobs} workers)",
    "kit1": "kit document_term_matrix (1 process)",
    "kit_stream": "kit count_stream from the file ({jobs} workers)",
    "nltk": "NLTK word_tokenize + lower + Counter (sample)",
    "sklearn": "scikit-learn CountVectorizer",
    "polars": "polars extract_all(\\w+) + group_by",
    "re": "re.findall(\\w+) + Counter",
}


def run_tool(name, path, limit_mb=None, jobs=2):
    cmd = [sys.executable, os.path.abspath(__file__), "--tool", name, "--corpus", path, "--jobs", str(jobs)]
    if limit_mb is not None:
        cmd += ["--limit-mb", str(limit_mb)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def ensure_corpus(mb: float) -> str:
    path = os.path.join(HERE, "corpus", f"news_{int(mb)}mb.txt")
    if not os.path.exists(path):
        print(f"generating {path} ...", file=sys.stderr)
        corpus_gen.generate(path, mb)
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=100, help="size of the comparison corpus in MB (default 100)")
    ap.add_argument("--stream-mb", type=float, default=1000, help="size of the streaming corpus (0 skips it)")
    ap.add_argument("--export-articles", type=int, default=10000,
                    help="articles of the JSONL export for the end-to-end commands (0 skips them)")
    ap.add_argument("--only-export", action="store_true", help="run only the end-to-end commands on the export")
    ap.add_argument("--nltk-mb", type=float, default=5, help="sample size for NLTK (default 5 MB)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for the kit (default 2)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs per tool; the fastest is reported, as timeit does (default 3)")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "latest.md"))
    ap.add_argument("--tool", choices=sorted(TOOLS), help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--limit-mb", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.tool:  # child process: one measurement, printed as JSON
        print(json.dumps(TOOLS[args.tool](args.corpus, args.limit_mb, args.jobs)))
        return 0

    load_before = os.getloadavg()
    if args.only_export:
        e = end_to_end(args.export_articles, args.repeat)
        load_after = os.getloadavg()
        print("\n".join(end_to_end_lines(e) + ["", f"Load average before/after: {load_before[0]:.2f} / {load_after[0]:.2f}."]))
        return 0
    path = ensure_corpus(args.mb)
    results = {}
    plan = [("kit", None, args.jobs), ("kit1", None, 1), ("kit_stream", None, args.jobs), ("sklearn", None, 1),
            ("polars", None, 1), ("re", None, 1), ("nltk", args.nltk_mb, 1)]
    for rep in range(max(1, args.repeat)):  # rounds interleave the tools, so load spikes hit them alike
        for key, limit, jobs in plan:
            tool = "kit" if key == "kit1" else key
            print(f"  round {rep + 1}: measuring {key} ...", file=sys.stderr, flush=True)
            r = run_tool(tool, path, limit, jobs)
            best = results.get(key)
            if best is None or "error" in best or ("seconds" in r and r["seconds"] < best["seconds"]):
                if best is not None and "peak_mb" in best and "peak_mb" in r:
                    r["peak_mb"] = max(r["peak_mb"], best["peak_mb"])
                results[key] = r
            elif "peak_mb" in r:
                best["peak_mb"] = max(best["peak_mb"], r["peak_mb"])
    print("  checking that the fast path equals kit.text.tokenize ...", file=sys.stderr, flush=True)
    eq = check_equivalence(path, 2000, args.jobs)
    stream = None
    if args.stream_mb > 0:
        spath = ensure_corpus(args.stream_mb)
        print(f"  streaming {spath} ...", file=sys.stderr, flush=True)
        stream = run_tool("kit_stream", spath, None, args.jobs)
    export = None
    if args.export_articles > 0:
        print(f"  end to end: kit terms / kit ingest on a JSONL export of {args.export_articles} articles ...",
              file=sys.stderr, flush=True)
        export = end_to_end(args.export_articles, args.repeat)
    load_after = os.getloadavg()

    kit_speed = results["kit"].get("mb", 0) / results["kit"]["seconds"] if "seconds" in results["kit"] else float("nan")
    lines = [
        "# Benchmark: tokenize and count per article",
        "",
        f"Corpus: `{os.path.relpath(path, os.path.dirname(HERE))}`, {os.path.getsize(path) / 1e6:.0f} MB of synthetic news-like text "
        f"(Zipf word forms, names, numbers; no repeated articles). Machine: {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}, {platform.system()}. "
        f"Load average before/after: {load_before[0]:.2f} / {load_after[0]:.2f} (other work on the machine slows every tool). "
        f"Fastest of {max(1, args.repeat)} interleaved runs per tool; peak memory is the highest seen.",
        "",
        "| tool | MB | seconds | MB/s | tokens/s | CPU seconds | MB per CPU second | distinct terms | peak memory MB | kit speed / tool |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, _, jobs in plan:
        r = results[key]
        label = LABELS[key].format(jobs=args.jobs)
        if "error" in r:
            lines.append(f"| {label} | | | | | | | | | error: {r['error']} |")
            continue
        speed = r["mb"] / r["seconds"]
        lines.append(
            f"| {label} | {r['mb']:.1f} | {r['seconds']:.2f} | {speed:.1f} | {r['tokens'] / r['seconds'] / 1e6:.2f} M | "
            f"{r['cpu']:.1f} | {r['mb'] / r['cpu']:.1f} | {r['distinct']:,} | {r['peak_mb']:.0f} | {kit_speed / speed:.2f}x |"
        )
    def mbps(key):
        r = results.get(key, {})
        return r["mb"] / r["seconds"] if "seconds" in r else float("nan")

    lines += [""]
    for key in ("kit", "kit_stream"):
        lines.append(
            f"- {LABELS[key].format(jobs=args.jobs)}: {mbps(key) / mbps('sklearn'):.2f}x CountVectorizer (target 2x), "
            f"{mbps(key) / mbps('nltk'):.1f}x NLTK's word tokenizer (target 15x)."
        )
    lines += [
        "",
        "Tokens are what each tool counts: the kit counts terms left after stopword removal (news-aware rules: possessives,",
        "U.S./US merging, kept acronyms, compounds, numbers, URLs); CountVectorizer drops one-character tokens; polars and",
        "`re` count `\\w+` runs. Peak memory is the proportional set size (PSS) of the process and its workers, text included.",
        "CPU seconds add up the process and its workers; MB per CPU second is the efficiency of the code itself, which",
        "other work on the machine changes far less than it changes wall-clock MB/s.",
        "",
        f"Fast path equals `kit.text.tokenize`: **{'yes' if eq['identical'] else 'NO'}** in one process, "
        f"**{'yes' if eq['identical_workers'] else 'NO'}** with {eq['jobs']} workers "
        f"({eq['docs']} articles, {eq['entries']:,} document-term counts, {eq['tokens']:,} tokens compared).",
    ]
    if stream:
        if "error" in stream:
            lines.append(f"\nStreaming run failed: {stream['error']}")
        else:
            lines += [
                "",
                f"Streaming: `count_stream` over {stream['mb']:.0f} MB in {stream['seconds']:.1f} s "
                f"({stream['mb'] / stream['seconds']:.1f} MB/s, {args.jobs} workers), {stream['distinct']:,} distinct terms, "
                f"peak memory {stream['peak_mb']:.0f} MB = {stream['peak_mb'] / stream['mb']:.2f}x the text size.",
            ]
    if export:
        lines += end_to_end_lines(export)
    text = "\n".join(lines) + "\n"
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
