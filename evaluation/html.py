"""Main text of real web pages: the kit's HTML reader against bare trafilatura.

Dev set ``html/``: pages from trafilatura's own evaluation set, with snippets the main text must
contain (``with``) and must not contain (``without``). For each page both tools extract the main
text (the kit: the title and the paragraphs it labels ``body`` or ``heading``; trafilatura: ``extract()`` with
its defaults); a snippet counts when it occurs in that text after loose normalisation.

Pages are grouped by what they say they are: ``news`` (JSON-LD ``*NewsArticle`` or a news
``og:type``), ``article`` (JSON-LD ``Article``/``BlogPosting`` or ``og:type`` article) and
``other``. Figures per group and overall: share of ``with`` snippets found, share of
``without`` snippets avoided, pages rejected (no text at all).
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from evaluation._common import norm, share

DEVSET = "html"
GROUPS = ("news", "article", "other")


def page_group(html: str) -> str:
    """``news``, ``article`` or ``other``, from the page's JSON-LD types and ``og:type``."""
    types = " ".join(re.findall(r'"@type"\s*:\s*\[?\s*"([^"]+)"', html)).lower()
    og = re.search(r"""<meta[^>]+property=["']og:type["'][^>]*content=["']([^"']+)""", html, re.I) \
        or re.search(r"""<meta[^>]+content=["']([^"']+)["'][^>]*property=["']og:type["']""", html, re.I)
    og_type = og.group(1).lower() if og else ""
    if "newsarticle" in types or "news" in og_type:
        return "news"
    if re.search(r"\b(?:article|blogposting|posting)\b", types) or og_type == "article":
        return "article"
    return "other"


def kit_text(data: bytes, name: str) -> str | None:
    """The kit's main text (title, body and subheads), or None when the reader rejected the page."""
    from kit.readers import read_one
    from kit.schema import Article

    parts = []
    for _, rec in read_one(data, name, format="html"):
        if isinstance(rec, Article):
            parts += [rec.title] + [t for r, t in rec.paragraphs if r in ("body", "heading")]
    return "\n".join(parts) if parts else None


def trafilatura_text(data: bytes) -> str | None:
    """Bare trafilatura (``extract`` with its defaults), or None when it found nothing."""
    import trafilatura

    return trafilatura.extract(data) or None


def evaluate(devsets: Path) -> list[dict]:
    folder = devsets / DEVSET
    pages = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    tally: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    counts: dict[str, int] = defaultdict(int)
    rejected_extracted: list[str] = []
    for url, page in sorted(pages.items(), key=lambda kv: kv[1]["file"]):
        path = folder / "pages" / page["file"]
        if not path.is_file():
            continue
        data = path.read_bytes()
        group = page_group(data.decode("utf-8", "replace"))
        results = {"kit": kit_text(data, page["file"]), "baseline": trafilatura_text(data)}
        for g in (group, "all"):
            counts[g] += 1
            for tool, text in results.items():
                t = norm(text)
                found = sum(norm(s) in t for s in page.get("with", []))
                avoided = sum(norm(s) not in t for s in page.get("without", []))
                tally[g][f"{tool} with"][0] += found
                tally[g][f"{tool} with"][1] += len(page.get("with", []))
                tally[g][f"{tool} without"][0] += avoided
                tally[g][f"{tool} without"][1] += len(page.get("without", []))
                tally[g][f"{tool} rejected"][0] += text is None
        if results["kit"] is None and results["baseline"] is not None:
            rejected_extracted.append(page["file"])
    rows = []
    for g in GROUPS + ("all",):
        if not counts[g]:
            continue
        t = tally[g]
        rows.append({"devset": DEVSET, "measure": f"{g}: 'with' snippets found",
                     "kit": share(*t["kit with"]), "baseline": share(*t["baseline with"]), "n": t["kit with"][1]})
        rows.append({"devset": DEVSET, "measure": f"{g}: 'without' snippets avoided",
                     "kit": share(*t["kit without"]), "baseline": share(*t["baseline without"]),
                     "n": t["kit without"][1]})
        rows.append({"devset": DEVSET, "measure": f"{g}: pages rejected (no text)",
                     "kit": t["kit rejected"][0], "baseline": t["baseline rejected"][0], "n": counts[g]})
    rows.append({"devset": DEVSET, "measure": "pages trafilatura extracts that the kit rejects",
                 "kit": len(rejected_extracted), "baseline": 0, "n": counts["all"]})
    return rows
