"""Speaker types on real news: the kit's ``speaker_type`` against a hand coding of frames-dev speakers.

Discovered by ``make eval`` (alone: ``python -m evaluation.speaker_types [DEVSETS]``): :func:`evaluate`
returns rows ``devset, measure, kit, baseline, n`` (and ``low``, ``high`` for the accuracy).
The coding is ``evaluation/speaker_types_frames_dev.csv`` (``doc_id, speaker, gold_type, half,
note``; 200 (article, speaker) pairs drawn at a76bfe8, stratified by the kit's type; coding rules
in docs/quotes.md, "Thirteenth round"). It holds no article text: a speaker string that is a
phrase of the article rather than a name is stored as ``md5:`` and the hex digest of the string.
The articles (frames-dev, read as ``kit quotes ... --map published=date`` reads them) are read at
run time; no network.

- ``speaker type accuracy``: the share of the coded proper speakers (``gold_type`` other than
  ``not_a_speaker``) whose kit type (the most frequent ``speaker_type`` of the pair's quotes) is the
  coded one. A coded speaker the kit no longer gives in that article counts as wrong, unless the kit
  gives a speaker whose words end the coded string (the same person shown without a title glued to
  the name). 95% interval: article bootstrap (``kit.resample.bootstrap_ci``, 2,000 resamples, seed 0).
  Baseline: the share of the most frequent coded type (every speaker given that type).
- ``speaker type accuracy, half 0`` / ``half 1``: the same on the halves by ``md5(doc_id) % 2``
  (rules were developed on half 0).
- ``speaker type recall: <type>``: of the speakers coded ``<type>``, the share the kit types so
  (the confusion summary; no baseline; :func:`confusion` gives the whole table).
- ``not a speaker, still given``: of the coded ``not_a_speaker`` strings, the share the kit still
  gives as a speaker (lower is better).
"""
from __future__ import annotations

import hashlib
import pathlib
import sys

import pandas as pd

from evaluation._common import accuracy_row, coded_root, kit_quotes

DEVSET = "frames-dev"
#: The hand coding (next to this module).
CODING = pathlib.Path(__file__).with_name("speaker_types_frames_dev.csv")
#: The types, in the order of the recall rows.
TYPES = ("official", "expert", "media", "business", "citizen", "organisation", "unknown")


def _key(speaker: str) -> str:
    """The stored form of a speaker string: itself, or ``md5:<hex>`` for a stored digest."""
    return "md5:" + hashlib.md5(speaker.encode()).hexdigest()


def kit_types(root: pathlib.Path, doc_ids: set[str]) -> pd.DataFrame:
    """``doc_id, speaker, kit_type``: the kit's speakers of the given frames-dev articles and each one's
    most frequent type (ties: the first in sorted order)."""
    q = kit_quotes(root, doc_ids)
    q = q[q["speaker"].notna()]
    if q.empty:
        return pd.DataFrame(columns=["doc_id", "speaker", "kit_type"])
    n = q.groupby(["doc_id", "speaker", "speaker_type"]).size().rename("n").reset_index()
    n = n.sort_values(["doc_id", "speaker", "n", "speaker_type"], ascending=[True, True, False, True], kind="stable")
    first = n.drop_duplicates(["doc_id", "speaker"])
    return first[["doc_id", "speaker", "speaker_type"]].rename(columns={"speaker_type": "kit_type"}).reset_index(drop=True)


def match(coding: pd.DataFrame, kit: pd.DataFrame) -> pd.Series:
    """The kit's type of each coded pair (None where the kit gives no such speaker in the article).

    A coded speaker matches a kit speaker of its article written the same (or whose ``md5:`` digest
    is the coded one), else one whose words end the coded string (*Administrator Ann Roe* -> *Ann Roe*).

    >>> coding = pd.DataFrame({"doc_id": ["a", "a", "b"], "speaker": ["Mayor Ann Roe", "Bo Li", "Cy"]})
    >>> kit = pd.DataFrame({"doc_id": ["a", "a"], "speaker": ["Ann Roe", "Bo Li"], "kit_type": ["official", "expert"]})
    >>> match(coding, kit).tolist()
    ['official', 'expert', None]
    """
    by_doc: dict[str, dict[str, str]] = {}
    for r in kit.itertuples(index=False):
        by_doc.setdefault(str(r.doc_id), {})[str(r.speaker)] = r.kit_type
    out = []
    for r in coding.itertuples(index=False):
        speakers = by_doc.get(str(r.doc_id), {})
        want = str(r.speaker)
        got = speakers.get(want)
        if got is None and want.startswith("md5:"):
            got = next((t for s, t in speakers.items() if _key(s) == want), None)
        if got is None and not want.startswith("md5:"):
            words = want.split()
            got = next((t for s, t in speakers.items()
                        if 0 < len(s.split()) < len(words) and words[-len(s.split()):] == s.split()), None)
        out.append(got)
    return pd.Series(out, index=coding.index, dtype=object)


def scored(devsets: pathlib.Path, coding_path: pathlib.Path = CODING) -> pd.DataFrame:
    """The coding with the kit's type (``kit_type``, None when not found) and ``right`` (bool)."""
    root = pathlib.Path(devsets) / DEVSET
    coding = pd.read_csv(coding_path, dtype={"doc_id": str, "speaker": str}, keep_default_na=False)
    kit = kit_types(root, set(coding["doc_id"]))
    coding = coding.assign(kit_type=match(coding, kit))
    return coding.assign(right=coding["kit_type"].eq(coding["gold_type"]) & coding["kit_type"].notna())


def evaluate(devsets: pathlib.Path) -> list[dict]:
    """Rows ``devset, measure, kit, baseline, n`` for the coded frames-dev speakers (empty without frames-dev)."""
    if coded_root(devsets, DEVSET, CODING) is None:
        return []
    s = scored(devsets)
    proper = s[s["gold_type"] != "not_a_speaker"]
    top = float(proper["gold_type"].value_counts(normalize=True).iloc[0]) if len(proper) else None
    rows = [accuracy_row(DEVSET, proper, "speaker type accuracy (coded sample)", top, interval=True)]
    for h in (0, 1):
        part = proper[proper["half"] == h]
        rows.append(accuracy_row(DEVSET, part, f"speaker type accuracy, half {h}", None, interval=False))
    for t in TYPES:
        part = proper[proper["gold_type"] == t]
        if len(part):
            rows.append(accuracy_row(DEVSET, part, f"speaker type recall: {t}", None, interval=False))
    nas = s[s["gold_type"] == "not_a_speaker"]
    rows.append({"devset": DEVSET, "measure": "not a speaker, still given", "baseline": None, "n": int(len(nas)),
                 "kit": float(nas["kit_type"].notna().mean()) if len(nas) else None})
    return rows


def confusion(devsets: pathlib.Path) -> pd.DataFrame:
    """Coded type (rows) by the kit's type (columns; ``(none)`` where the kit gives no such speaker)."""
    s = scored(devsets)
    return pd.crosstab(s["gold_type"], s["kit_type"].fillna("(none)"), margins=True)


if __name__ == "__main__":  # pragma: no cover - a command-line convenience
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/devsets")
    for row in evaluate(folder):
        print(row)
    print(confusion(folder).to_string())
