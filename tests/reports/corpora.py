"""Corpora that real collections produce and reports must survive, written in code (no article text).

Every function writes one JSON Lines export (the tabular reader's format) into ``folder`` and
returns its path. The words come from a small made-up vocabulary, so no report finds anything
domain-specific by accident; some articles carry quotes, dictionary words and names on purpose.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

WORDS = ("harbour council budget river school road plan vote week market farm water report meeting street "
         "museum garden bridge park library station clinic festival weather league team season coach").split()
NAMES = ["Ada Brennick", "Tomas Verl", "Ines Caldo", "Rui Pessanha", "Nell Ostrow"]
FRAMEY = ["the economy and jobs", "a conflict between the parties", "the cost of the plan", "public health",
          "a fair and moral choice", "security on the road"]


def _text(rng: random.Random, sentences: int, *, quotes: bool) -> str:
    paras = []
    for k in range(sentences):
        words = rng.choices(WORDS, k=rng.randint(8, 16))
        sent = " ".join(words).capitalize() + f", and {rng.choice(FRAMEY)} was discussed."
        if quotes and k % 3 == 1:
            sent = f"“{sent}” said {rng.choice(NAMES)}."
        paras.append(sent)
    return "\n\n".join(paras)


def _write(folder: Path, name: str, records: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def many_outlets(folder: Path, *, outlets: int = 200, seed: int = 1) -> Path:
    """``outlets`` outlets with 1 to 4 articles each (a few with 12), dates over two years, some
    undated, one of 1850 and one in 2200 and one of year 0001 (implausible: set aside at ingest, flagged
    with the date as given and kept undated), a few empty bodies."""
    rng = random.Random(seed)
    records = []
    for o in range(outlets):
        n = 12 if o % 50 == 0 else rng.randint(1, 4)
        for k in range(n):
            i = len(records)
            date = f"202{2 + i % 2}-{1 + i % 12:02d}-{1 + i % 28:02d} 08:00:00"
            if i % 17 == 0:
                date = None
            elif i == 5:
                date = "1850-01-01 00:00:00"
            elif i == 9:
                date = "2200-12-31 00:00:00"
            elif i == 13:
                date = "0001-01-01 00:00:00"
            text = "" if i % 41 == 3 else _text(rng, rng.randint(2, 9), quotes=i % 2 == 0)
            records.append({"id": f"m{i}", "media_name": f"Outlet {o:03d} Gazette", "title": f"Story {i} of outlet {o}",
                            "publish_date": date, "authors": [], "text": text, "url": f"https://example.invalid/m{i}"})
    return _write(folder, "many_outlets", records)


def one_outlet_undated(folder: Path, *, articles: int = 3) -> Path:
    """One outlet, no dates, no quotes, and no word of any bundled dictionary."""
    records = [{"id": f"u{i}", "media_name": "Lone Valley Courier", "title": f"Plain note {i}", "publish_date": None,
                "text": f"Garden museum river walk number {i}.\n\nLibrary station park street museum garden."}
               for i in range(articles)]
    return _write(folder, "one_outlet_undated", records)


def single_article(folder: Path) -> Path:
    """Exactly one article."""
    return _write(folder, "single", [{"id": "s1", "media_name": "Solo Post", "title": "Only one",
                                      "publish_date": "2023-03-04 10:00:00",
                                      "text": "“The plan is fair,” said Ada Brennick.\n\nThe council met on the budget."}])


def empty(folder: Path) -> Path:
    """A source file that yields no article at all (every record lacks text and title)."""
    return _write(folder, "empty", [{"id": "e1", "media_name": "Nobody Times"}])
