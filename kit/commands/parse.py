"""``kit parse PATH... --json``: print every article found as JSON."""
from __future__ import annotations

import json
import sys

import pandas as pd

from kit.commands._common import add_source_arguments, load

NAME = "parse"
HELP = "read sources and print one JSON object per article (rejections go to stderr)"


def add_arguments(p):
    add_source_arguments(p)
    p.add_argument("--json", action="store_true", help="print a JSON array (the only output form; kept for clarity)")


def articles_json(corpus) -> list[dict]:
    """Articles as plain JSON-ready dicts, with their body paragraphs in order."""
    body = corpus.paragraphs[corpus.paragraphs["role"] == "body"].sort_values(["doc_id", "para_no"])
    paras = body.groupby("doc_id", sort=False)["text"].agg(list).to_dict()
    out = []
    for row in corpus.articles.to_dict("records"):
        rec = {}
        for k, v in row.items():
            if isinstance(v, pd.Timestamp):
                v = v.isoformat()
            elif v is None or (not isinstance(v, (list, str)) and pd.isna(v)):
                v = None
            elif hasattr(v, "item"):
                v = v.item()
            rec[k] = v
        rec["paragraphs"] = paras.get(row["doc_id"], [])
        out.append(rec)
    return out


def print_report(corpus) -> int:
    """Print rejections and flags to stderr; the number of rejections."""
    n = 0
    for r in corpus.report.itertuples():
        where = ", ".join([str(r.source_path)] + [f"{k} {v}" for k, v in (("line", r.line), ("record", r.record)) if not pd.isna(v)])
        print(f"kit: {r.status}: {where}: {r.reason}", file=sys.stderr)
        n += r.status == "rejected"
    return n


def run(args) -> int:
    corpus = load(args)
    json.dump(articles_json(corpus), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    rejected = print_report(corpus)
    return 1 if rejected else 0
