"""PolNeAR quote-extraction figures for ``make eval`` (see :mod:`kit.quotes.polnear`).

:func:`evaluate` scores ``kit.quotes.extract_quotes`` on the PolNeAR train split found under
``devsets/polnear-train``, separately for the development and held-out parts (fixed hash
split, :func:`kit.quotes.polnear.split_of`). PolNeAR's own dev and test splits are never read.
"""
from __future__ import annotations

import pathlib

#: Figures of the extractor before the issue-11 work (kit before this branch), the baseline column.
#: Measured with ``kit quotes-eval --polnear DIR --split dev|heldout`` on the same rules.
BASELINE = {
    "dev": {"segment F1": 0.854, "speech act F1": 0.537, "speaker accuracy": 0.646},
    "heldout": {"segment F1": 0.842, "speech act F1": 0.514, "speaker accuracy": 0.648},
}


def evaluate(devsets: pathlib.Path) -> list[dict]:
    """Rows ``devset, measure, kit, baseline, n`` for both parts of polnear-train.

    Returns an empty list when ``devsets/polnear-train`` is not there.
    """
    from kit.quotes.polnear import evaluate_polnear

    folder = pathlib.Path(devsets) / "polnear-train"
    if not (folder / "text").is_dir():
        return []
    rows = []
    for part in ("dev", "heldout"):
        res = evaluate_polnear(folder, split=part)
        for r in res["summary"].to_dict("records"):
            rows.append({"devset": f"polnear-train ({part})", "measure": r["measure"], "kit": r["value"],
                         "baseline": BASELINE[part].get(r["measure"]), "n": r["n"]})
    return rows
