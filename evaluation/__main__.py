"""Run every evaluation module and print one table: ``python -m evaluation [DEVSETS] [--markdown|--json]``.

The dev-sets folder is the argument, else ``$KIT_DEVSETS``, else ``../shared/devsets``. A module
whose dev-set folder is missing is skipped with a note on standard error.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import sys
from pathlib import Path

import evaluation

#: the keys every row carries, in table order
COLUMNS = ("devset", "measure", "kit", "baseline", "n")
#: keys a row may carry: the 95% interval of ``kit`` (shown as one column after it, ``-`` where a row
#: has none; the column is left out when no row has one)
INTERVAL = ("low", "high")
#: the interval column's title
INTERVAL_TITLE = "95% interval"


def modules() -> list[str]:
    """Names of the evaluation modules (``evaluation/*.py`` not starting with ``_``), sorted."""
    return sorted(m.name for m in pkgutil.iter_modules(evaluation.__path__) if not m.name.startswith("_"))


def run(devsets: Path, *, log=sys.stderr) -> list[dict]:
    """Rows of every module whose dev-set folder exists under ``devsets``."""
    rows: list[dict] = []
    for name in modules():
        module = importlib.import_module(f"evaluation.{name}")
        folder = devsets / getattr(module, "DEVSET", name)
        if not folder.is_dir():
            print(f"evaluation.{name}: skipped, no dev set at {folder}", file=log)
            continue
        for row in module.evaluate(devsets):
            missing = [k for k in COLUMNS if k not in row]
            if missing:
                raise ValueError(f"evaluation.{name}: row {row!r} lacks {', '.join(missing)}")
            rows.append({k: row[k] for k in COLUMNS + INTERVAL if k in row})
    return rows


def _cell(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _interval(row: dict) -> str:
    """``low-high`` of a row (three decimals), ``-`` when it has no interval."""
    low, high = row.get("low"), row.get("high")
    if not isinstance(low, (int, float)) or not isinstance(high, (int, float)) or low != low or high != high:
        return "-"
    return f"{low:.3f}-{high:.3f}"


def format_table(rows: list[dict], *, markdown: bool = False) -> str:
    """Rows as an aligned text table, or a Markdown table.

    When a row carries ``low`` and ``high`` (a 95% interval of ``kit``), a column ``95% interval``
    follows ``kit`` (``0.886-0.911``; ``-`` for rows without one).
    """
    titles = list(COLUMNS)
    cells = [[_cell(r[k]) for k in COLUMNS] for r in rows]
    if any(_interval(r) != "-" for r in rows):
        titles.insert(3, INTERVAL_TITLE)
        for c, r in zip(cells, rows):
            c.insert(3, _interval(r))
    if markdown:
        out = ["| " + " | ".join(titles) + " |", "|" + "|".join("---" for _ in titles) + "|"]
        out += ["| " + " | ".join(c) + " |" for c in cells]
        return "\n".join(out)
    widths = [max([len(k)] + [len(c[i]) for c in cells]) for i, k in enumerate(titles)]
    line = lambda c: "  ".join(v.ljust(w) if i < 2 else v.rjust(w) for i, (v, w) in enumerate(zip(c, widths)))  # noqa: E731
    return "\n".join([line(titles), line(["-" * w for w in widths])] + [line(c) for c in cells])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__.splitlines()[0])
    parser.add_argument("devsets", nargs="?", default=os.environ.get("KIT_DEVSETS", "../shared/devsets"),
                        help="folder holding the dev sets (default: $KIT_DEVSETS or ../shared/devsets)")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--markdown", action="store_true", help="print a Markdown table")
    out.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    devsets = Path(args.devsets)
    if not devsets.is_dir():
        parser.error(f"no dev-sets folder at {devsets}")
    rows = run(devsets)
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False))
    else:
        print(format_table(rows, markdown=args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
