"""Adversarial inputs: does the time of every command grow linearly with the size of the input?

Run with ``make bench`` or ``python benchmarks/adversarial.py [--base BYTES] [--cap SECONDS]
[--repeat N] [--shape NAME] [--command NAME]``.

For each constructed *shape* of article (built here in code, never a real article) and each
command that reads or analyses articles (``ingest``, ``terms``, ``frames``, ``quotes``, ``tone``),
the library calls behind the command are timed **in this process** on one file of about ``n``,
``2n``, ``4n`` and ``8n`` bytes (``n`` = ``--base``, 256 KiB by default, so the largest file is
about 2 MiB of text): ``ingest`` is :func:`kit.corpus.build_corpus` on the file, the others run
on its tables (:data:`STEPS`), so start-up, imports and printing are not in the figures (a first
small run pays for lazy imports and is not reported). Each point is the **best of 3** runs
(fewer when one run takes over a third of the cap); a run over ``--cap`` seconds (60 by default)
is stopped with SIGALRM and shown as ``> cap``, and larger sizes of that command are skipped.
The growth per doubling is the geometric mean of the ratios between neighbouring sizes that
finished: linear work gives about 2x per doubling, quadratic 4x; the target is at most 2.3x.

The machine is shared: the figures are wall-clock seconds taken while other work may be running
(the load average is printed); read the growth factors, not the absolute times.

Writes ``benchmarks/results/adversarial.md`` (``--out``) and prints it.
"""
from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

COMMANDS = ("ingest", "terms", "frames", "quotes", "tone")
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


# ----------------------------------------------------------------------------- timing


def _ingest(path: str):
    from kit.corpus import build_corpus

    return build_corpus([path])


def _terms(corpus):
    from kit.commands.terms import terms_table

    return terms_table(corpus.articles)


def _frames(corpus):
    from kit.commands.frames import frames_json

    return frames_json(corpus.articles[["doc_id", "text"]], None)


def _quotes(corpus):
    from kit.quotes import extract_quotes

    return extract_quotes(corpus.paragraphs)


def _tone(corpus):
    from kit.tone import article_tone, sentence_tone

    return article_tone(sentence_tone(corpus.articles))


#: What each command of the kit runs once its sources are read (the library calls behind ``kit
#: ingest``, ``kit terms``, ``kit frames``, ``kit quotes`` and the tone report), so that start-up
#: and printing are not timed.
STEPS = {"terms": _terms, "frames": _frames, "quotes": _quotes, "tone": _tone}


class _Cap(Exception):
    """A point ran over the cap (raised by SIGALRM between Python bytecodes)."""


def _timed(fn, arg, cap: float, repeat: int) -> tuple[float | None, object]:
    """Best of ``repeat`` wall-clock runs of ``fn(arg)`` (fewer when one run takes over ``cap / 3``);
    None when a run went over ``cap`` seconds."""
    import signal

    def stop(*_):
        raise _Cap()

    best, result = None, None
    old = signal.signal(signal.SIGALRM, stop)
    try:
        for _ in range(repeat):
            signal.setitimer(signal.ITIMER_REAL, cap)
            t0 = time.perf_counter()
            try:
                result = fn(arg)
            except _Cap:
                return None, None
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
            if dt > cap / 3:
                break
    finally:
        signal.signal(signal.SIGALRM, old)
    return best, result


def measure_shape(shape: str, commands: list[str], sizes: list[int], cap: float, repeat: int,
                  tmp: str) -> dict[str, list[float | None]]:
    """Seconds per command at each size (best of ``repeat``; None over the cap, and for every larger
    size after one went over). Ingest is timed from the file; the other commands on its tables."""
    out: dict[str, list[float | None]] = {c: [] for c in commands}
    dead: set[str] = set()
    for size in sizes:
        ext, text = SHAPES[shape](size)
        path = os.path.join(tmp, f"article_{size}.{ext}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        secs, corpus = _timed(_ingest, path, cap, repeat if "ingest" in commands else 1)
        if "ingest" in commands:
            out["ingest"].append(None if "ingest" in dead else secs)
            if secs is None:
                dead.add("ingest")
        if corpus is None:
            corpus = _ingest(path)
        for c in commands:
            if c == "ingest":
                continue
            if c in dead:
                out[c].append(None)
                continue
            secs, _ = _timed(STEPS[c], corpus, cap, repeat)
            out[c].append(secs)
            if secs is None:
                dead.add(c)
        os.remove(path)
    return out


# ----------------------------------------------------------------------------- the table


def growth(secs: list[float | None]) -> float | None:
    """Geometric mean of the ratios between neighbouring sizes that finished (None below two)."""
    done = [x for x in secs if x is not None]
    if len(done) < 2:
        return None
    ratios = [b / max(a, 1e-4) for a, b in zip(done, done[1:])]
    return math.exp(sum(math.log(r) for r in ratios) / len(ratios))


def table(rows: list[tuple[str, str, list[float | None], float | None]], sizes: list[int], cap: float) -> str:
    """The Markdown table: one row per (shape, command)."""
    head = ("| shape | command | " + " | ".join(f"{s // 1024} KiB" for s in sizes)
            + " | growth per doubling |\n|" + " --- |" * (len(sizes) + 3))
    lines = [head]
    for shape, command, secs, g in rows:
        cells = [f"{x:.2f} s" if x is not None else f"> {cap:.0f} s" for x in secs]
        if g is None:
            gtxt = "n/a (gave up at the cap)"
        else:
            gtxt = f"{g:.1f}x" + ("" if g <= TARGET else " (over target)")
            if secs and secs[-1] is None:
                gtxt += " (gave up at the cap)"
        lines.append(f"| {shape} | {command} | " + " | ".join(cells) + f" | {gtxt} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=int, default=256 * 1024, help="n in bytes (default 256 KiB: 8n is 2 MiB)")
    ap.add_argument("--cap", type=float, default=60.0, help="seconds one run may take before it is stopped")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs per point (default 3)")
    ap.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only these shapes (repeatable)")
    ap.add_argument("--command", action="append", choices=COMMANDS, help="only these commands (repeatable)")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "adversarial.md"))
    ap.add_argument("--strict", action="store_true", help="exit 1 when a row is over the target or stopped")
    args = ap.parse_args()
    sizes = [args.base * k for k in (1, 2, 4, 8)]
    commands = [c for c in COMMANDS if c in (args.command or COMMANDS)]
    tmp = tempfile.mkdtemp(prefix="kit-adv-")
    warm = measure_shape("many quotes", commands, [2048], args.cap, 1, tmp)  # pays for lazy imports, unreported
    del warm
    rows = []
    try:
        for shape in args.shape or SHAPES:
            result = measure_shape(shape, commands, sizes, args.cap, args.repeat, tmp)
            for command in commands:
                secs = result[command]
                g = growth(secs)
                rows.append((shape, command, secs, g))
                print(f"{shape:24} {command:7} " + "  ".join(f"{x:7.2f}" if x is not None else f" >{args.cap:4.0f}s"
                                                            for x in secs)
                      + (f"   {g:.2f}x" if g else ""), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    md = table(rows, sizes, args.cap)
    worst = max((g for *_, g in rows if g is not None), default=float("nan"))
    unfinished = sum(1 for _, _, secs, _ in rows if any(x is None for x in secs))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    note = (f"\n\nOne run on {os.cpu_count()} cores shared with other work (load average {load:.1f} at the end), "
            f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
            f"best of {args.repeat} in-process runs per point. Worst growth per doubling: {worst:.2f}x "
            f"(target <= {TARGET}x); {unfinished} (shape, command) pairs stopped at the {args.cap:.0f} s cap.\n")
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(md + note)
    print()
    print(md + note)
    over = [(s, c) for s, c, secs, g in rows if g is None or g > TARGET or any(x is None for x in secs)]
    return 1 if over and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
