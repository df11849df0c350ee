"""Speed of quote extraction (``kit.quotes.extract_quotes``): quotes per second.

Run with ``python benchmarks/bench_quotes.py [--repeat N] [--corpus PATH] [--polnear DIR]``.
With PolNeAR-train at hand it also times the longest real articles of its development part. A
measurement times one constructed article holding 4,000 attributed quotations (the shape of a
debate transcript, issue 17), and the growth of that time per doubling of the quotes
(1,000 / 2,000 / 4,000): linear extraction grows about 2x, quadratic 4x. The corpus (default
the sample corpus) is repeated N times under new doc_ids; the extractor keeps no cache between
articles, so repeated articles cost as much as new ones. Prints quotes/s and MB/s, both per
second of CPU time (what one core does) and of wall time (what the machine gave).
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
    args = ap.parse_args(argv)

    import kit
    from kit.quotes import extract_quotes

    paras = kit.load_corpus(args.corpus).paragraphs
    big = pd.concat([paras.assign(doc_id=paras["doc_id"] + f"_{i}") for i in range(args.repeat)], ignore_index=True)
    mb = big.loc[big["role"] == "body", "text"].str.len().sum() / 1e6
    n_docs = big["doc_id"].nunique()
    t0, c0 = time.perf_counter(), time.process_time()
    quotes = extract_quotes(big)
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    n = len(quotes)
    print(f"quote extraction: {n_docs} articles, {mb:.1f} MB of body text, {n} quotes")
    print(f"  per CPU second : {n / cpu:,.0f} quotes/s, {n_docs / cpu:,.0f} articles/s, {mb / cpu:.2f} MB/s")
    print(f"  per wall second: {n / wall:,.0f} quotes/s, {n_docs / wall:,.0f} articles/s, {mb / wall:.2f} MB/s")

    _polnear(args)

    # one article with N attributed quotations: time per size and growth per doubling
    prev = None
    print("one article with N quotations ('\"...,\" the minister said.'), CPU seconds:")
    for n_q in (1000, 2000, 4000):
        text = " ".join(f'"We will build road number {i}," the minister said.' for i in range(n_q))
        art = pd.DataFrame({"doc_id": ["adv"], "para_no": [0], "role": ["body"], "text": [text]})
        c0 = time.process_time()
        found = extract_quotes(art)
        cpu = time.process_time() - c0
        assert len(found) == n_q, f"{len(found)} quotes found of {n_q}"
        growth = f", growth x{cpu / prev:.2f} per doubling" if prev else ""
        print(f"  N={n_q:5d}: {cpu:.2f} s, {n_q / cpu:,.0f} quotes/s{growth}")
        prev = cpu
    return 0


def _polnear(args) -> None:
    """Quotes per CPU second on the longest real articles (best of 3 runs)."""
    import pathlib

    from kit.quotes import extract_quotes
    from kit.quotes.polnear import polnear_paragraphs, read_polnear

    folder = pathlib.Path(args.polnear) if args.polnear else pathlib.Path("../shared/devsets/polnear-train")
    if not (folder / "text").is_dir():
        print(f"PolNeAR: {folder} not found, skipped (--polnear DIR)")
        return
    arts = sorted(read_polnear(folder, split="dev"), key=lambda a: -len(a.text))[:args.longest]
    paras = polnear_paragraphs(arts)
    best = None
    for _ in range(3):
        c0 = time.process_time()
        n = len(extract_quotes(paras))
        cpu = time.process_time() - c0
        best = cpu if best is None else min(best, cpu)
    mb = sum(len(a.text) for a in arts) / 1e6
    print(f"PolNeAR-train (dev part), the {len(arts)} longest articles ({mb:.2f} MB, {n} quotes): "
          f"{n / best:,.0f} quotes/s per CPU second (best of 3)")


if __name__ == "__main__":
    raise SystemExit(main())
