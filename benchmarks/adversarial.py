"""Adversarial inputs: does the time of every command grow linearly with the size of the input?

Run with ``make bench`` or ``python benchmarks/adversarial.py [--base BYTES] [--cap SECONDS]``.

For each constructed *shape* of article (built here in code, never a real article) and each
command that reads or analyses articles (``kit ingest``, ``kit terms``, ``kit frames``,
``kit quotes``), the command is run on one file of about ``n``, ``2n``, ``4n`` and ``8n`` bytes
(``n`` = ``--base``, 256 KiB by default, so the largest file is about 2 MB of text). Each
(shape, command) pair runs in its own child process, which imports the kit once and then times
``kit.cli.main([...])`` in-process for the four sizes in turn, so start-up (about 1 s) is not
in the figures. A size that takes longer than ``--cap`` seconds is stopped and shown as
``>cap``; the growth per doubling is the geometric mean of the ratios between neighbouring
sizes that finished. Linear work gives about 2x per doubling; quadratic work 4x.

The machine is shared: the figures are wall-clock seconds of one run, taken while other work
may be running; read the growth factors, not the absolute times.

Writes ``benchmarks/results/adversarial.md`` and prints it.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

COMMANDS = ("ingest", "terms", "frames", "quotes")
TARGET = 2.3  # growth per doubling that counts as linear enough

_SYL = ("ka", "lo", "mi", "ren", "ta", "vo", "su", "nel", "dor", "pa", "ri", "ose", "bel", "tan", "qui", "ma")


def _word(i: int, k: int = 3) -> str:
    """A made-up word, different for every ``i`` (the vocabulary keeps growing)."""
    out = []
    for _ in range(k):
        out.append(_SYL[i % len(_SYL)])
        i //= len(_SYL)
    return "".join(out) + (_SYL[i % len(_SYL)] if i else "")


def _webcopy(paragraphs: list[str], *, trailer: list[str] | None = None) -> str:
    head = ["Officials Meet For Talks In The Capital", "", "By Ana Fictional", ""]
    body = []
    for p in paragraphs:
        body += [p, ""]
    tail = ["More Must-Reads From Harbor Fictional Daily", "A Story About Something", ""] + (trailer or [])
    return "\n".join(head + body + tail) + "\n"


def shape_long_token(size: int) -> tuple[str, str]:
    """A normal paragraph, then one token of ``size`` letters (a pasted tracking string)."""
    return "txt", _webcopy(["The minister met the delegation on Monday.", "x" * size, "Talks went on."])


def shape_long_trailer(size: int) -> tuple[str, str]:
    """A trailer paragraph with a run of letters before a contact address (the e-mail pattern's worst case)."""
    return "txt", _webcopy(["The minister met the delegation on Monday."],
                           trailer=["Contact us at " + "a" * size + " letters@harbor.example."])


def shape_many_quotes(size: int) -> tuple[str, str]:
    """Short quotations, each attributed ("...," the minister said.), in paragraphs of ten."""
    quotes, n, i = [], 0, 0
    while n < size:
        quotes.append(f"\u201cWe discussed point {_word(i)} at length,\u201d the minister said.")
        n += len(quotes[-1]) + 1
        i += 1
    return "txt", _webcopy([" ".join(quotes[j:j + 10]) for j in range(0, len(quotes), 10)])


def shape_many_names(size: int) -> tuple[str, str]:
    """Sentences full of different capitalised two-word names (speaker and entity resolution)."""
    sents, n, i = [], 0, 0
    while n < size:
        a, b = _word(i).capitalize(), _word(i + 7919).capitalize()
        sents.append(f"Minister {a} {b} met Director {b} {a} and Senator {a}son.")
        n += len(sents[-1]) + 1
        i += 1
    return "txt", _webcopy([" ".join(sents[j:j + 8]) for j in range(0, len(sents), 8)])


def shape_many_paragraphs(size: int) -> tuple[str, str]:
    """Many one-sentence paragraphs."""
    paras, n, i = [], 0, 0
    while n < size:
        paras.append(f"The delegation discussed {_word(i)} on day {i}.")
        n += len(paras[-1]) + 2
        i += 1
    return "txt", _webcopy(paras)


def shape_no_punctuation(size: int) -> tuple[str, str]:
    """One paragraph of words with no punctuation at all (one endless sentence)."""
    words, n, i = [], 0, 0
    while n < size:
        w = _word(i)
        words.append(w)
        n += len(w) + 1
        i += 1
    return "txt", _webcopy(["the minister said " + " ".join(words)])


def shape_deep_html(size: int) -> tuple[str, str]:
    """An HTML page whose article sits inside deeply nested ``<div>`` elements (text at every level)."""
    unit = len("<div><p>Talks went on.</p>") + len("</div>")
    depth = max(1, size // unit)
    body = "<div><p>Talks went on.</p>" * depth + "</div>" * depth
    return "html", ("<html><head><title>Officials Meet</title></head><body><article><h1>Officials Meet</h1>"
                    f"<p>The minister met the delegation on Monday.</p>{body}</article></body></html>")


def shape_single_line_page(size: int) -> tuple[str, str]:
    """An HTML page whose whole body is one line: many paragraphs with no line break anywhere."""
    paras, n, i = [], 0, 0
    while n < size:
        p = f"<p>The delegation discussed {_word(i)} and {_word(i + 1)} on day {i}.</p>"
        paras.append(p)
        n += len(p)
        i += 1
    return "html", ("<html><head><title>Officials Meet</title></head><body><article><h1>Officials Meet</h1>"
                    + "".join(paras) + "</article></body></html>")


SHAPES = {
    "one long token": shape_long_token,
    "long trailer": shape_long_trailer,
    "many quotes": shape_many_quotes,
    "many names": shape_many_names,
    "many paragraphs": shape_many_paragraphs,
    "no punctuation": shape_no_punctuation,
    "deeply nested HTML": shape_deep_html,
    "huge single-line page": shape_single_line_page,
}


# ----------------------------------------------------------------------------- the child


def child(shape: str, command: str, sizes: list[int]) -> None:
    """Time ``kit <command>`` on the shape at every size; print one JSON line per size as it finishes."""
    import contextlib
    import io

    from kit.cli import main

    tmp = os.environ.get("KIT_ADV_TMP") or tempfile.mkdtemp(prefix="kit-adv-")
    runs = [(1024, False)] + [(s, True) for s in sizes]  # a first small run pays for lazy imports, unreported
    for size, report in runs:
        ext, text = SHAPES[shape](size)
        path = os.path.join(tmp, f"article_{size}_{report}.{ext}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        argv = [command, path]
        if command == "ingest":
            argv += ["--out", os.path.join(tmp, f"c{size}_{report}.parquet")]
        out, err = io.StringIO(), io.StringIO()
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(argv)
        dt = time.perf_counter() - t0
        if not report:
            continue
        print(json.dumps({"size": size, "bytes": len(text.encode()), "seconds": dt, "rc": rc}), flush=True)


# ----------------------------------------------------------------------------- the parent


def measure(shape: str, command: str, sizes: list[int], cap: float) -> list[dict | None]:
    """Run one child; sizes that did not finish within ``cap`` seconds each are ``None``."""
    cmd = [sys.executable, os.path.abspath(__file__), "--child", shape, command, json.dumps(sizes)]
    tmp = tempfile.mkdtemp(prefix="kit-adv-")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env={**os.environ, "KIT_ADV_TMP": tmp})
    results: list[dict | None] = []
    import selectors

    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + cap + 15  # + import time of the child
    while len(results) < len(sizes):
        left = deadline - time.monotonic()
        if left <= 0 or not sel.select(timeout=left):
            proc.kill()
            break
        line = proc.stdout.readline()
        if not line:
            break
        results.append(json.loads(line))
        deadline = time.monotonic() + cap
    proc.kill()
    proc.wait()
    shutil.rmtree(tmp, ignore_errors=True)
    return results + [None] * (len(sizes) - len(results))


def growth(results: list[dict | None]) -> float | None:
    """Geometric mean of the ratios between neighbouring sizes that finished (None below two)."""
    secs = [r["seconds"] for r in results if r is not None]
    if len(secs) < 2:
        return None
    ratios = [b / max(a, 1e-4) for a, b in zip(secs, secs[1:])]
    return math.exp(sum(math.log(r) for r in ratios) / len(ratios))


def table(rows: list[tuple[str, str, list[dict | None], float | None]], sizes: list[int], cap: float) -> str:
    head = ("| shape | command | " + " | ".join(f"{s // 1024} KiB" for s in sizes)
            + " | growth per doubling |\n|" + " --- |" * (len(sizes) + 3))
    lines = [head]
    for shape, command, results, g in rows:
        cells = [f"{r['seconds']:.2f} s" if r else f"> {cap:.0f} s" for r in results]
        if results and results[-1] is None and g is not None:
            gtxt = f"{g:.1f}x (gave up at the cap)"
        elif g is None:
            gtxt = "n/a (gave up at the cap)"
        else:
            gtxt = f"{g:.1f}x" + ("" if g <= TARGET else " (over target)")
        lines.append(f"| {shape} | {command} | " + " | ".join(cells) + f" | {gtxt} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=int, default=256 * 1024, help="n in bytes (default 256 KiB: 8n is 2 MiB)")
    ap.add_argument("--cap", type=float, default=60.0, help="seconds one size may take before it is stopped")
    ap.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only these shapes (repeatable)")
    ap.add_argument("--command", action="append", choices=COMMANDS, help="only these commands (repeatable)")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "adversarial.md"))
    ap.add_argument("--strict", action="store_true", help="exit 1 when a row is over the target or stopped")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.child[1], json.loads(args.child[2]))
        return 0
    sizes = [args.base * k for k in (1, 2, 4, 8)]
    rows = []
    for shape in args.shape or SHAPES:
        for command in args.command or COMMANDS:
            results = measure(shape, command, sizes, args.cap)
            g = growth(results)
            rows.append((shape, command, results, g))
            print(f"{shape:24} {command:7} " + "  ".join(f"{r['seconds']:7.2f}" if r else f" >{args.cap:4.0f}s"
                                                        for r in results)
                  + (f"   {g:.2f}x" if g else ""), flush=True)
    md = table(rows, sizes, args.cap)
    worst = max((g for *_, g in rows if g is not None), default=None)
    unfinished = sum(1 for *_, results, _ in rows if any(r is None for r in results))
    note = (f"\n\nOne run on {platform.node() or 'this machine'} ({os.cpu_count()} cores, shared with other work), "
            f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. "
            f"Worst growth per doubling: {worst:.2f}x (target <= {TARGET}x); "
            f"{unfinished} (shape, command) pairs stopped at the {args.cap:.0f} s cap.\n")
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(md + note)
    print()
    print(md + note)
    over = [(s, c) for s, c, results, g in rows if g is None or g > TARGET or any(r is None for r in results)]
    return 1 if over and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
