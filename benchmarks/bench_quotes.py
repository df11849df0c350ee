"""Speed of quote extraction (``kit.quotes.extract_quotes``): quotes per second.

Run with ``python benchmarks/bench_quotes.py [--repeat N] [--corpus PATH] [--polnear DIR]``.
With PolNeAR-train at hand it also times the longest real articles of its development part. A
measurement times one constructed article holding 4,000 attributed quotations (the shape of a
debate transcript, issue 17), and the growth of that time per doubling of the quotes
(1,000 / 2,000 / 4,000): linear extraction grows about 2x, quadratic 4x. The corpus (default
the sample corpus) is repeated N times under new doc_ids. Prints quotes/s and MB/s, both per
second of CPU time (what one core does) and of wall time (what the machine gave).

The extractor keeps a few memos across calls (:func:`memos`: whether a token is an organisation
word, name keys, outlet keys, the organisation a capitalised run names, a speaker's type), so a repeated article or a second run finds them warm. Every timing
starts with them cleared, and the lines say which figures then ran warm: the copies after the first
in the corpus line, and a PolNeAR line of its own (best of 3 with the memos kept from the run
before) beside the cold one (best of 3, memos cleared before each run) and the first run.

The summary tables of notebook 04 (``speech_acts``, ``sources``, ``top_speakers``,
``example_quotes``) are timed on generated corpora of n and 2n articles (``scaling.make_corpus``,
default n=500): seconds per 1,000 speech acts and the growth per doubling (linear about 2x; issue
11 found speech_acts quadratic, 339 s for 8,228 acts, because pandas copied the quotes table's
problems list into every per-act step), and the whole analysis of notebook 04 on 2n articles.
"""
from __future__ import annotations

import argparse
import time

import pandas as pd


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="data/sample", help="sources or an ingested .parquet (default data/sample)")
    ap.add_argument("--repeat", type=int, default=40, help="copies of the corpus (default 40)")
    ap.add_argument("--polnear", default=None, metavar="DIR",
                    help="also time the longest articles of PolNeAR-train's development part (DIR holds "
                         "text/ and attributions/; default: ../shared/devsets/polnear-train when it exists)")
    ap.add_argument("--longest", type=int, default=60, help="how many of the longest PolNeAR articles (default 60)")
    ap.add_argument("--summary-articles", type=int, default=500, metavar="N",
                    help="generated articles for the summary-table timings: N and 2N (default 500; 0 skips)")
    args = ap.parse_args(argv)

    import kit
    from kit.quotes import extract_quotes

    paras = kit.load_corpus(args.corpus).paragraphs
    big = pd.concat([paras.assign(doc_id=paras["doc_id"] + f"_{i}") for i in range(args.repeat)], ignore_index=True)
    mb = big.loc[big["role"] == "body", "text"].str.len().sum() / 1e6
    n_docs = big["doc_id"].nunique()
    extract_quotes(paras.head(0))  # imports and patterns compiled on first use, outside the timing
    clear_memos()
    t0, c0 = time.perf_counter(), time.process_time()
    quotes = extract_quotes(big)
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    n = len(quotes)
    print(f"quote extraction: {n_docs} articles ({args.repeat} copies), {mb:.1f} MB of body text, {n} quotes "
          f"(memos cleared before the run; the copies after the first find them warm)")
    print(f"  per CPU second : {n / cpu:,.0f} quotes/s, {n_docs / cpu:,.0f} articles/s, {mb / cpu:.2f} MB/s")
    print(f"  per wall second: {n / wall:,.0f} quotes/s, {n_docs / wall:,.0f} articles/s, {mb / wall:.2f} MB/s")
    clear_memos()
    c0 = time.process_time()
    n1 = len(extract_quotes(paras))
    cpu = time.process_time() - c0
    print(f"  one copy, memos cleared first: {n1 / cpu:,.0f} quotes/s per CPU second ({n1} quotes)")

    _polnear(args)

    # one article with N attributed quotations: time per size and growth per doubling
    prev = None
    print("one article with N quotations ('\"...,\" the minister said.'), CPU seconds:")
    for n_q in (1000, 2000, 4000):
        text = " ".join(f'"We will build road number {i}," the minister said.' for i in range(n_q))
        art = pd.DataFrame({"doc_id": ["adv"], "para_no": [0], "role": ["body"], "text": [text]})
        clear_memos()
        c0 = time.process_time()
        found = extract_quotes(art)
        cpu = time.process_time() - c0
        assert len(found) == n_q, f"{len(found)} quotes found of {n_q}"
        growth = f", growth x{cpu / prev:.2f} per doubling" if prev else ""
        print(f"  N={n_q:5d}: {cpu:.2f} s, {n_q / cpu:,.0f} quotes/s{growth}")
        prev = cpu

    if args.summary_articles:
        _summaries(args.summary_articles)
    return 0


def memos() -> list:
    """The memos that quote extraction keeps across calls, as objects with ``clear`` or
    ``cache_clear`` (those of the kit in use; an older kit may lack some).

    >>> all(hasattr(m, "clear") or hasattr(m, "cache_clear") for m in memos())
    True
    """
    import importlib

    found = []
    for module, name in (("kit.quotes.name_shape", "_ORGISH_TOKEN"), ("kit.quotes.variants", "_name_key_of"),
                         ("kit.readers.outlets", "_key"), ("kit.quotes.entities", "_ORG_OF_RUN"),
                         ("kit.quotes.attribution", "_SUBJECTS"),
                         ("kit.quotes.extract", "_SPEAKER_TYPES")):
        try:
            obj = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
        if hasattr(obj, "cache_clear") or isinstance(obj, dict):  # (an older kit's plain function: no memo)
            found.append(obj)
    return found


def clear_memos() -> int:
    """Empty every memo of :func:`memos`, so that the next run finds nothing warm; returns how many.

    >>> clear_memos() >= 0
    True
    """
    for m in memos():
        (m.cache_clear if hasattr(m, "cache_clear") else m.clear)()
    return len(memos())


def _best(fn, repeat: int = 3) -> tuple[float, object]:
    """Least CPU seconds of ``repeat`` calls, and the last result."""
    best, out = None, None
    for _ in range(repeat):
        c0 = time.process_time()
        out = fn()
        cpu = time.process_time() - c0
        best = cpu if best is None else min(best, cpu)
    return best, out


def _summaries(n: int) -> None:
    """The summary tables of notebook 04 on n and 2n generated articles (best of 3 each)."""
    import os
    import sys
    import tempfile

    import kit
    from kit.quotes import example_quotes, extract_quotes, sources, speech_acts, top_speakers

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from scaling import make_corpus

    print("summary tables on generated corpora (scaling.make_corpus), CPU seconds, best of 3:")
    prev = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in (n, 2 * n):
            path = os.path.join(tmp, f"a{size}.jsonl")
            make_corpus(size, path)
            clear_memos()
            c0 = time.process_time()
            data = kit.load_corpus(path)
            quotes = extract_quotes(data.paragraphs)
            load_extract = time.process_time() - c0
            t_acts, acts = _best(lambda: speech_acts(quotes))
            t_top, _ = _best(lambda: top_speakers(quotes, data.articles, group_by="outlet", n=10))
            t_rest, _ = _best(lambda: (sources(quotes, data.articles, group_by="outlet"),
                                       sources(quotes, data.articles, group_by="outlet", by="speaker_type"),
                                       sources(quotes, data.articles, group_by="outlet", by="side"),
                                       example_quotes(quotes, data.articles, group_by="outlet", n=3)))
            per_k = t_acts / max(len(acts), 1) * 1000
            growth = (f", growth per doubling: speech_acts x{t_acts / prev[0]:.2f}, top_speakers "
                      f"x{t_top / prev[1]:.2f}") if prev else ""
            print(f"  {size} articles, {len(quotes)} quotes, {len(acts)} acts: speech_acts {t_acts:.2f} s "
                  f"({per_k:.3f} s per 1,000 acts), top_speakers {t_top:.2f} s, sources x3 + example_quotes "
                  f"{t_rest:.2f} s{growth}")
            print(f"    notebook 04's analysis in all: load + extract {load_extract:.2f} s + tables "
                  f"{t_acts + t_top + t_rest:.2f} s = {load_extract + t_acts + t_top + t_rest:.2f} s")
            prev = (t_acts, t_top)


def _polnear(args) -> None:
    """Quotes per CPU second on the longest real articles: best of 3 runs with the memos cleared
    before each, the first of them, and best of 3 with the memos warm from the run before."""
    import pathlib

    from kit.quotes import extract_quotes
    from kit.quotes.polnear import polnear_paragraphs, read_polnear

    folder = pathlib.Path(args.polnear) if args.polnear else pathlib.Path("../shared/devsets/polnear-train")
    if not (folder / "text").is_dir():
        print(f"PolNeAR: {folder} not found, skipped (--polnear DIR)")
        return
    arts = sorted(read_polnear(folder, split="dev"), key=lambda a: -len(a.text))[:args.longest]
    paras = polnear_paragraphs(arts)
    cold, warm, first = None, None, None
    for k in range(6):  # cold, warm, cold, warm, cold, warm: each cold run starts with the memos cleared
        if k % 2 == 0:
            clear_memos()
        c0 = time.process_time()
        n = len(extract_quotes(paras))
        cpu = time.process_time() - c0
        if k == 0:
            first = cpu
        if k % 2 == 0:
            cold = cpu if cold is None else min(cold, cpu)
        else:
            warm = cpu if warm is None else min(warm, cpu)
    mb = sum(len(a.text) for a in arts) / 1e6
    print(f"PolNeAR-train (dev part), the {len(arts)} longest articles ({mb:.2f} MB, {n} quotes): "
          f"{n / cold:,.0f} quotes/s per CPU second (best of 3, memos cleared before each run); "
          f"first run {n / first:,.0f}; memos warm from the run before {n / warm:,.0f} (best of 3)")


if __name__ == "__main__":
    raise SystemExit(main())
