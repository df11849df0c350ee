"""Start-up time of the command line and of ``import kit`` (run by ``make bench``).

Each command runs in a fresh interpreter, ``--repeat`` times; the table gives the median wall time
and its ratio to a bare ``python -c pass``. ``import kit (eager)`` imports every module the public
API lives in, which is what ``import kit`` cost before it became lazy (PEP 562); ``import pandas``
is the floor for any command that touches a table.

    python benchmarks/startup.py [--repeat 7]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

EAGER = ("import kit.errors, kit.corpus, kit.readers, kit.overview, kit.text, kit.terms, kit.dictionaries, "
         "kit.actors, kit.tone, kit.quotes, kit.reporting, kit.paths, kit.plots")

CASES = [
    ("python -c pass", [sys.executable, "-c", "pass"]),
    ("import kit", [sys.executable, "-c", "import kit"]),
    ("kit --version", [sys.executable, "-m", "kit", "--version"]),
    ("kit formats", [sys.executable, "-m", "kit", "formats"]),
    ("kit --help", [sys.executable, "-m", "kit", "--help"]),
    ("import pandas", [sys.executable, "-c", "import pandas"]),
    ("import kit (eager)", [sys.executable, "-c", EAGER]),
]


def measure(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    rows = [(name, measure(cmd, args.repeat)) for name, cmd in CASES]
    base = rows[0][1]
    print(f"{'start-up (median of ' + str(args.repeat) + ')':28} {'seconds':>8} {'x python':>9}")
    for name, sec in rows:
        print(f"{name:28} {sec:8.3f} {sec / base:9.1f}")


if __name__ == "__main__":
    main()
