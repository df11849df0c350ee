"""Database exports: articles found and fields read right, against ``exports/gold.json``.

For each in-scope file (``out_of_scope`` entries are left out, except the formats the kit has
read since gold.json was written: :data:`NOW_IN_SCOPE`) the kit reads the file as a user
would (format detected from the content) and is compared with the gold entry: articles found
against the number the file holds, then per gold article the title, date (day), author, outlet
and section. Gold articles are paired with the kit's by position when gold lists every article
of the file, else by title. Titles, outlets and sections are compared after loose normalisation
(case, spaces, quotes); a section also counts when it equals the full ``Section`` field (before
the kit's split at ``;``); authors count when the words of the names agree. There is no
baseline (no other tool reads these layouts), so ``baseline`` is empty.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from evaluation._common import norm, share, words

DEVSET = "exports"
FIELDS = ("title", "date", "author", "outlet", "section")
#: files gold.json marks ``out_of_scope`` (written before the kit read their format) that the kit
#: now reads: they are counted like every in-scope file
NOW_IN_SCOPE = frozenset({
    "amcat/other/apa/online.rtf",         # APA RTF export (kit.readers.apa)
    "amcat/other/apa/onlinemanager.rtf",  # APA OnlineManager RTF export (kit.readers.apa)
})


def in_scope(entry: dict) -> bool:
    """Whether a gold entry is measured: in scope in gold.json, or a format the kit reads since.

    >>> in_scope({"file": "a.txt", "expected_articles": 2}), in_scope({"file": "b.htm", "out_of_scope": True,
    ...                                                               "expected_articles": 2})
    (True, False)
    >>> in_scope({"file": "amcat/other/apa/online.rtf", "out_of_scope": True, "expected_articles": 38})
    True
    """
    return (not entry.get("out_of_scope") or entry["file"] in NOW_IN_SCOPE) \
        and entry.get("expected_articles") is not None


def kit_articles(path: Path, name: str) -> tuple[list, list, set[str]]:
    """``(articles, rejections, formats)`` the kit reads from one file."""
    from kit.readers import read_one
    from kit.schema import Article

    arts, rejections, formats = [], [], set()
    for fmt, rec in read_one(path.read_bytes(), name):
        if isinstance(rec, Article):
            arts.append(rec)
            formats.add(fmt)
        elif rec.status == "rejected":
            rejections.append(rec)
    return arts, rejections, formats


def _value(art, field: str):
    if field == "title":
        return art.title
    if field == "date":
        return art.published.date().isoformat() if art.published is not None else None
    if field == "author":
        return art.authors
    if field == "outlet":
        return art.outlet
    if field == "section":
        full = (getattr(art, "extra", None) or {}).get("section_full")
        return [art.section, full, getattr(art, "section_full", None)]
    raise ValueError(field)


def field_right(gold: dict, art, field: str) -> bool:
    """Whether the kit's article has the gold value of ``field``."""
    want = gold.get(field)
    got = _value(art, field) if art is not None else None
    if field == "author":
        return words(want) == words(" ".join(got or []))
    if field == "section":
        return any(norm(want) == norm(g) for g in got if g) if got else False
    if field == "date":
        return want == got
    return norm(want) == norm(got)


def pair(gold_articles: list[dict], expected: int | None, arts: list) -> list:
    """The kit article for each gold article (None when not found)."""
    if expected is not None and len(gold_articles) == expected:
        return [arts[i] if i < len(arts) else None for i in range(len(gold_articles))]
    out, used = [], set()
    for g in gold_articles:
        hit = next((i for i, a in enumerate(arts) if i not in used and g.get("title")
                    and norm(a.title) == norm(g["title"])), None)
        if hit is not None:
            used.add(hit)
        out.append(arts[hit] if hit is not None else None)
    return out


def evaluate(devsets: Path) -> list[dict]:
    folder = devsets / DEVSET
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["files"]
    rows = []
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    exact = 0
    measured = [f for f in gold if in_scope(f)]
    for entry in measured:
        arts, _, formats = kit_articles(folder / entry["file"], Path(entry["file"]).name)
        expected = entry["expected_articles"]
        exact += len(arts) == expected
        label = f"{entry['file']} [{'/'.join(sorted(formats)) or 'none'}]"
        rows.append({"devset": DEVSET, "measure": f"{label}: articles found", "kit": len(arts), "baseline": None,
                     "n": expected})
        totals["articles found"][0] += min(len(arts), expected)
        totals["articles found"][1] += expected
        paired = pair(entry["articles"], expected, arts)
        for field in FIELDS:
            golds = [(g, a) for g, a in zip(entry["articles"], paired) if g.get(field)]
            if not golds:
                continue
            right = sum(field_right(g, a, field) for g, a in golds)
            totals[field][0] += right
            totals[field][1] += len(golds)
            rows.append({"devset": DEVSET, "measure": f"{label}: {field} right", "kit": share(right, len(golds)),
                         "baseline": None, "n": len(golds)})
    rows.append({"devset": DEVSET, "measure": "all: files yielding exactly the expected articles", "kit": exact,
                 "baseline": None, "n": len(measured)})
    hit, total = totals.pop("articles found")
    rows.append({"devset": DEVSET, "measure": "all: articles found (capped per file)", "kit": share(hit, total),
                 "baseline": None, "n": total})
    for field in FIELDS:
        if field in totals:
            rows.append({"devset": DEVSET, "measure": f"all: {field} right", "kit": share(*totals[field]),
                         "baseline": None, "n": totals[field][1]})
    return rows
