"""Arguments shared by the commands that read sources."""
from __future__ import annotations

import argparse

from kit.errors import KitError


def add_source_arguments(p: argparse.ArgumentParser) -> None:
    """PATH... plus the reader options every reading command accepts."""
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="source files, folders (read recursively), .zip archives, or an ingested corpus (store folder or .parquet)")
    p.add_argument("--format", default=None,
                   help="force one reader for every file (default: detected per file); see `kit formats`")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="CSV/JSONL column for an article field, e.g. --map text=body --map outlet=source")
    p.add_argument("--outlet", default=None, help="outlet name for sources that do not say it")


def column_map(pairs: list[str]) -> dict[str, str]:
    """Parse ``FIELD=COLUMN`` pairs.

    >>> column_map(["text=body", "outlet=source"])
    {'text': 'body', 'outlet': 'source'}
    """
    out = {}
    for pair in pairs:
        field, sep, col = pair.partition("=")
        if not sep or not field.strip() or not col.strip():
            raise KitError(f"--map takes FIELD=COLUMN, got '{pair}'")
        out[field.strip()] = col.strip()
    return out


def load(args: argparse.Namespace):
    """The corpus named by ``args.paths`` with the reader options given."""
    from kit.corpus import is_ingested, load_corpus

    if len(args.paths) == 1 and (args.paths[0].endswith(".parquet") or is_ingested(args.paths[0])):
        return load_corpus(args.paths[0])
    return load_corpus(args.paths, format=args.format, column_map=column_map(args.map), outlet=args.outlet)
