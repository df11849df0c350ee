"""Near-duplicate detection on reprints built from real articles (frames-dev texts, read at run time).

Discovered by ``make eval``: :func:`evaluate` returns rows ``devset, measure, kit, baseline, n``.
The frames-dev articles (real climate-change news from many outlets: same-topic distractors) are
first cleared of the near-duplicates they already hold (the devset has a few), then each gets 1-3
copies with newsroom edits (:func:`kit.dedupe_eval.reprint_testset`: trimmed endings, new ledes,
inserted paragraphs, ~5% of the words changed). ``kit`` is the pair precision / recall of the
clusters of :func:`kit.dedupe.reprint_clusters`; ``baseline`` is the exact-duplicate check the kit
had before (same normalised body text), on the same pairs.
"""
from __future__ import annotations

import pathlib

import pandas as pd

DEVSET = "frames-dev"


def evaluate(devsets: pathlib.Path) -> list[dict]:
    """Rows ``devset, measure, kit, baseline, n`` (empty when frames-dev is absent)."""
    from kit.dedupe import dedupe, reprint_clusters
    from kit.dedupe_eval import cluster_pairs, pair_scores, reprint_testset

    path = pathlib.Path(devsets) / DEVSET / "articles.csv"
    if not path.is_file():
        return []
    arts = pd.read_csv(path)
    arts = arts.assign(doc_id=arts["id"].astype(str), published=pd.to_datetime(arts["date"], utc=True, errors="coerce"))
    arts = dedupe(arts[["doc_id", "outlet", "published", "text"]], "near", window_days=None)
    rows = []
    for seed in (0, 1):
        test, truth = reprint_testset(arts, seed=seed)
        kit_s = pair_scores(cluster_pairs(reprint_clusters(test)), truth)
        exact = test.assign(key=test["text"].str.split().str.join(" ").str.lower())
        ex_pairs = exact.merge(exact, on="key").query("doc_id_x < doc_id_y")
        base = pair_scores(ex_pairs.rename(columns={"doc_id_x": "doc_id_a", "doc_id_y": "doc_id_b"}), truth)
        for m in ("precision", "recall"):
            rows.append({"devset": f"{DEVSET} reprints (seed {seed})", "measure": f"pair_{m}", "kit": kit_s[m],
                         "baseline": base[m], "n": kit_s["n_true"]})
    return rows


if __name__ == "__main__":
    import sys

    print(pd.DataFrame(evaluate(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/devsets"))).to_string(index=False))
