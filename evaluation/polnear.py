"""PolNeAR quote-extraction figures for ``make eval`` (see :mod:`kit.quotes.polnear`).

:func:`evaluate` scores ``kit.quotes.extract_quotes`` on the PolNeAR train split found under
``devsets/polnear-train``, separately for the development and held-out parts (fixed hash
split, :func:`kit.quotes.polnear.split_of`), each figure with its 95% article-bootstrap interval
(``low``, ``high``), and on the development part by the rule that chose each speaker
(``speaker_rule``). PolNeAR's own dev and test splits are never read.
"""
from __future__ import annotations

import pathlib

DEVSET = "polnear-train"  # the folder under the dev-sets root that make eval checks for

#: Figures of the extractor before the issue-11 work (kit/quotes.py at main 1b7c08b, given only a
#: ``segments`` column so that it can be scored), on the same scoring rules: the baseline column.
BASELINE = {
    "dev": {"segment precision": 0.934, "segment recall": 0.787, "segment F1": 0.854,
            "speech act precision": 0.507, "speech act recall": 0.570, "speech act F1": 0.537,
            "speaker accuracy": 0.729, "speaker accuracy: full name": 0.815, "speaker accuracy: surname": 0.825,
            "speaker accuracy: pronoun": 0.591, "speaker accuracy: organisation": 0.581,
            "speaker accuracy: description": 0.559},
    "heldout": {"segment precision": 0.961, "segment recall": 0.749, "segment F1": 0.842,
                "speech act precision": 0.501, "speech act recall": 0.529, "speech act F1": 0.514,
                "speaker accuracy": 0.712, "speaker accuracy: full name": 0.833, "speaker accuracy: surname": 0.819,
                "speaker accuracy: pronoun": 0.515, "speaker accuracy: organisation": 0.607,
                "speaker accuracy: description": 0.532},
}


def evaluate(devsets: pathlib.Path) -> list[dict]:
    """Rows ``devset, measure, kit, baseline, n, low, high`` for both parts of polnear-train.

    ``low`` and ``high`` are the 95% interval of each figure from the article-level bootstrap
    (:func:`kit.quotes.polnear.score_intervals`: 2,000 resamples of the part's articles, seed 0);
    the rows by rule carry none. Returns an empty list when ``devsets/polnear-train`` is not there.
    """
    from kit.quotes.polnear import accuracy_by_rule, evaluate_polnear, score_intervals

    folder = pathlib.Path(devsets) / "polnear-train"
    if not (folder / "text").is_dir():
        return []
    rows = []
    for part in ("dev", "heldout"):
        res = evaluate_polnear(folder, split=part)
        for r in score_intervals(res).to_dict("records"):
            rows.append({"devset": f"polnear-train ({part})", "measure": r["measure"], "kit": r["value"],
                         "baseline": BASELINE[part].get(r["measure"]), "n": r["n"], "low": r["low"],
                         "high": r["high"]})
        if part == "dev":  # speaker accuracy by the rule that chose the speaker (speaker_rule); dev only
            for r in accuracy_by_rule(res["details"]).to_dict("records"):
                rows.append({"devset": f"polnear-train ({part})", "measure": f"speaker accuracy by rule: {r['rule']}",
                             "kit": r["accuracy"], "baseline": None, "n": r["n"]})
    return rows
