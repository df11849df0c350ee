"""Fuzz every reader: mutated copies of our fixtures and random bytes, read in batches.

``make fuzz`` runs a campaign of 10,000 mutated inputs (``python tools/fuzz.py --inputs 10000``);
``tests/test_fuzz.py`` runs the same mutations and checks through hypothesis in ``make test``.

Each batch is a folder of mutated files (and sometimes a ``.zip`` of some of them) read with
:func:`kit.corpus.build_corpus`, whose tables are then written the way ``kit ingest`` writes them
(Parquet and the report CSV, in memory). The invariants checked for every batch:

1. no exception escapes (reading or writing);
2. files seen = files read + files rejected, and every file written into the batch is seen
   (``files_seen`` counts archive members, so a zip counts for its members);
3. every rejection names its file and gives a reason; every rejected file has a report row;
4. every article comes from a file of the batch;
5. no rejection is a reader's own failure (``... reader failed: ...``: an exception the safety net of
   :func:`kit.readers.read_one` caught, which loses the whole file): bad input is rejected or flagged
   with the reader's reason.

Besides byte-level mutations, one mutation replaces numbers in a fixture with damaged ones (a month
of 0 or 13, a year 0001 or 99999, a count of 20 digits, ``nan``, an offset of ``+25:00``), so the
dates and counts of every export layout are hit where the readers read them.

The figures (inputs, batches, escaped exceptions, invariant violations, peak memory) are written
to ``fuzz-results.json`` (``--out``) and printed; the exit status is 1 when anything escaped or an
invariant broke.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DIRS = ("tests/fixtures/readers", "tests/fixtures/webcopy", "tests/fixtures/hostile",
                "tests/fixtures/terms", "tests/fixtures/quotes", "tests/fixtures/exports")
EXTENSIONS = (".txt", ".html", ".jsonl", ".json", ".csv", ".tsv", ".docx", ".zip", ".dat", "")

#: byte strings that broke readers before (or could): spliced into fixtures
NASTY = (b"\\ud800", b"\\udfff\\ud800", b'"', b"\r", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"[" * 3000,
         b"9" * 5000, b"<div>" * 600, b"&#x301;", b"e\xcc\x81", b"\xed\xa0\x80", b"=HYPERLINK(\"x\")", b"\n\n",
         b"End of Document\n", b"Body\n", b"PK\x03\x04", b"a" * 20000 + b"@x.example", b"\t", b",\"", b"{\"text\": ")

#: numbers that broke readers before (or could): put in place of the numbers of a fixture (dates, counts)
NUMBERS = (b"0", b"00", b"0000", b"0001", b"13", b"24", b"25", b"29", b"30", b"31", b"32", b"60", b"99", b"1676",
           b"1800", b"2263", b"2300", b"9999", b"99999", b"99999999999999999999", b"253402300800", b"1e30",
           b"nan", b"Infinity", b"-1", b"+25:00", b"+2500", b"")
_NUMBER = re.compile(rb"\d+")


def fixtures() -> list[tuple[str, bytes]]:
    """(name, bytes) of every fixture file the mutations start from."""
    out = []
    for d in FIXTURE_DIRS:
        for p in sorted((ROOT / d).rglob("*")):
            if p.is_file() and p.suffix != ".py" and p.stat().st_size < 2_000_000:
                out.append((p.name, p.read_bytes()))
    return out


def damage_numbers(data: bytes, rng: random.Random) -> bytes:
    """``data`` with one to four of its numbers (runs of digits) replaced by damaged ones (:data:`NUMBERS`)."""
    spans = [m.span() for m in _NUMBER.finditer(data)]
    out = bytearray(data)
    for start, end in sorted(rng.sample(spans, min(len(spans), rng.randint(1, 4))), reverse=True):
        out[start:end] = rng.choice(NUMBERS)
    return bytes(out)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random mutations: truncate, flip, insert, delete, repeat, splice a nasty string, or
    damage the numbers (:func:`damage_numbers`)."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(8)
        n = len(data)
        i = rng.randrange(n + 1)
        if op == 0:  # truncate
            del data[i:]
        elif op == 1 and n:  # flip bytes
            for _ in range(rng.randint(1, 16)):
                data[rng.randrange(n)] = rng.randrange(256)
        elif op == 2:  # insert random bytes
            data[i:i] = rng.randbytes(rng.randint(1, 64))
        elif op == 3:  # delete a slice
            del data[i:i + rng.randint(1, 256)]
        elif op == 4:  # repeat a slice
            j = min(n, i + rng.randint(1, 128))
            data[i:i] = bytes(data[i:j]) * rng.randint(2, 20)
        elif op == 7:  # damaged dates and counts
            data = bytearray(damage_numbers(bytes(data), rng))
        else:  # splice a string that broke readers before
            data[i:i] = rng.choice(NASTY)
    return bytes(data)


def make_input(rng: random.Random, corpus: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    """(file name, bytes): a mutated fixture (mostly with its own extension) or random bytes."""
    if rng.random() < 0.1:
        return f"random{rng.choice(EXTENSIONS)}", rng.randbytes(rng.randint(0, 4096))
    name, data = rng.choice(corpus)
    ext = os.path.splitext(name)[1] if rng.random() < 0.8 else rng.choice(EXTENSIONS)
    return os.path.splitext(name)[0] + ext, mutate(data, rng)


def check_batch(folder: Path, expected_files: int) -> list[str]:
    """Read ``folder`` as ``kit ingest`` would and return the invariant violations (empty: all held).

    Raises whatever escapes the kit (the caller counts it as an escaped exception).
    """
    from kit.corpus import build_corpus
    from kit.csvsafe import neutralise_frame

    c = build_corpus([folder])
    c.articles.to_parquet(io.BytesIO(), index=False)  # what kit ingest writes
    c.paragraphs.to_parquet(io.BytesIO(), index=False)
    neutralise_frame(c.report).to_csv(io.StringIO(), index=False)
    json.dumps(c.manifest, ensure_ascii=False, default=str).encode("utf-8")
    problems = []
    n = c.manifest["counts"]
    if n["files_seen"] != n["files_read"] + n["files_rejected"]:
        problems.append(f"files seen {n['files_seen']} != read {n['files_read']} + rejected {n['files_rejected']}")
    if n["files_seen"] + n["files_skipped"] < expected_files:
        problems.append(f"{expected_files} files written but only {n['files_seen']} seen and {n['files_skipped']} skipped")
    rep = c.report
    unnamed = rep[rep.source_path.isna() | (rep.source_path.astype(str) == "") | rep.reason.isna()
                  | (rep.reason.astype(str).str.strip() == "")]
    if len(unnamed):
        problems.append(f"{len(unnamed)} report rows without a file or a reason")
    paths = {s["path"] for s in c.manifest["sources"]}
    for s in c.manifest["sources"]:
        if s["articles"] == 0 and not (rep.source_path == s["path"]).any():
            problems.append(f"{s['path']!r} has no article and no report row saying why")
    stray = set(c.articles.source_path) - paths
    if stray:
        problems.append(f"articles from files that are not in the batch: {sorted(stray)[:3]}")
    failed = rep[rep.reason.astype(str).str.contains(" reader failed: ", regex=False)]
    problems.extend(f"{r.source_path}: {r.reason}" for r in failed.itertuples())
    return problems


def write_batch(folder: Path, rng: random.Random, corpus, size: int) -> tuple[int, int]:
    """Write ``size`` inputs into ``folder`` (sometimes some of them in a zip); return
    ``(inputs, files expected to be seen or skipped)``."""
    expected = 0
    zipped: list[tuple[str, bytes]] = []
    for k in range(size):
        name, data = make_input(rng, corpus)
        name = f"{k:03d}_{name}"
        if rng.random() < 0.1:
            zipped.append((name, data))
            continue
        (folder / name).write_bytes(data)
        expected += 1
    if zipped:
        with zipfile.ZipFile(folder / "zz_batch.zip", "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in zipped:
                z.writestr(name, data)
        expected += len(zipped)  # every member is seen at least once (an archive in it: >= 1)
    return size, expected


def campaign(inputs: int, batch: int, seed: int, quiet: bool = False) -> dict:
    """Run the campaign and return its figures."""
    import warnings

    rng = random.Random(seed)
    corpus = fixtures()
    figures = {"inputs": 0, "batches": 0, "escaped_exceptions": 0, "invariant_violations": 0, "examples": [],
               "seed": seed, "fixtures": len(corpus)}
    t0 = time.time()
    while figures["inputs"] < inputs:
        with tempfile.TemporaryDirectory(prefix="kit-fuzz-") as tmp:
            folder = Path(tmp)
            n, expected = write_batch(folder, rng, corpus, min(batch, inputs - figures["inputs"]))
            figures["inputs"] += n
            figures["batches"] += 1
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    problems = check_batch(folder, expected)
            except Exception as e:  # an escaped exception: the thing this campaign hunts
                figures["escaped_exceptions"] += 1
                figures["examples"].append(f"batch {figures['batches']}: {type(e).__name__}: {e}\n"
                                           + traceback.format_exc(limit=4))
                continue
            if problems:
                figures["invariant_violations"] += len(problems)
                figures["examples"].extend(f"batch {figures['batches']}: {p}" for p in problems[:3])
        if not quiet and figures["batches"] % 20 == 0:
            print(f"  {figures['inputs']:>6} inputs, {figures['batches']} batches, "
                  f"{figures['escaped_exceptions']} escaped, {figures['invariant_violations']} violations, "
                  f"{time.time() - t0:.0f} s", flush=True)
    figures["seconds"] = round(time.time() - t0, 1)
    figures["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    figures["examples"] = figures["examples"][:20]
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=int, default=10_000, help="mutated inputs in all (default 10,000)")
    ap.add_argument("--batch", type=int, default=50, help="inputs per batch folder (default 50)")
    ap.add_argument("--seed", type=int, default=20261204)
    ap.add_argument("--out", default="fuzz-results.json", help="where the figures are written")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    figures = campaign(args.inputs, args.batch, args.seed)
    Path(args.out).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"fuzz campaign: {figures['inputs']:,} mutated inputs in {figures['batches']} batches "
          f"({figures['fixtures']} fixtures, seed {figures['seed']}), {figures['seconds']} s\n"
          f"  escaped exceptions:   {figures['escaped_exceptions']}\n"
          f"  invariant violations: {figures['invariant_violations']}\n"
          f"  peak memory:          {figures['peak_memory_mb']} MB (resident, whole process)\n"
          f"  figures written to {args.out}")
    for ex in figures["examples"][:5]:
        print("  e.g. " + ex.replace("\n", "\n       "))
    return 1 if figures["escaped_exceptions"] or figures["invariant_violations"] else 0


if __name__ == "__main__":
    sys.exit(main())
