"""Speakers on real news without gold: the kit's ``speaker`` against a hand coding of frames-dev quotes.

Discovered by ``make eval`` (alone: ``python -m evaluation.speaker_check [DEVSETS]``): :func:`evaluate`
returns rows ``devset, measure, kit, baseline, n`` (and ``low``, ``high`` for the accuracy).
The coding is ``evaluation/speaker_check_frames_dev.csv`` (``doc_id, start, end, gold_speaker,
gold_form, half, note, stratum, weight``): 197 quotes of speech (``full``/``partial``) drawn from
the kit's frames-dev output at b08c94b, stratified by the speaker rule that chose the speaker (and
the quotes without one), each read in its article and given the speaker a careful reader gives
(coding rules in docs/quotes.md, "Fourteenth round (session 14): speakers on real news"). It holds
no article text: names, short descriptions, offsets and codes only. The articles are read at run
time (as ``kit quotes ... --map published=date`` reads them); no network.

- A coded quote is found again by its offsets in the body: the kit's quote with the same ``start``
  and ``end``, else the one that overlaps it most when the overlap covers at least 80% of both
  spans; a quote not found counts as given no speaker (the ``no longer found`` row counts them).
- ``gold_speaker`` holds one or more accepted strings separated by ``/`` (*Environmental
  Protection Agency/EPA*); ``gold_form`` is ``person``, ``org``, ``desc`` or ``none``.
- **Match rule** (:func:`same_speaker`): a person matches by the PolNeAR scorer's same-person test
  (:func:`kit.quotes.polnear.speaker_matches`, form ``full name`` for a coded name of two words
  or more, else ``surname``); an organisation or a description matches when its normalised form
  (:func:`kit.quotes_eval.speaker_key`: case, a leading determiner and a possessive *'s* ignored)
  equals one accepted string's; ``none`` is right only when the kit gives no speaker.
- ``speaker accuracy by the text``: the share of coded quotes the kit gets right (95% interval:
  article bootstrap, ``kit.resample.bootstrap_ci``, 2,000 resamples, seed 0). Baseline: the share
  of quotes coded ``none`` (a kit that never gives a speaker).
- ``..., half 0`` / ``half 1``: the halves by ``md5(doc_id) % 2`` (rules are developed on half 0).
- ``..., weighted to all frames-dev quotes``: each quote weighted by its stratum's size over its
  sample size (the stratum sizes of b08c94b), an estimate for all 1,785 quotes of speech.
- ``speaker precision (kit gives a speaker)``: accuracy among the coded quotes the kit gives a
  speaker (a wrong name is worse for a researcher than none).
- ``quotes the kit gives no speaker``, ``quotes coded with no speaker``: shares of the coded quotes.
- ``coded quotes no longer found``: how many the kit no longer finds by their offsets.
- ``speaker precision, the 50% most confident``: among the coded quotes the kit gives a speaker,
  the half with the highest ``speaker_confidence`` (ties in coding order): their precision, with
  its interval; baseline: the precision of all of them. ``speaker confidence AUC``: the ROC AUC
  of ``speaker_confidence`` against right/wrong on the same quotes (0.5: no better than chance).
"""
from __future__ import annotations

import pathlib
import sys

import pandas as pd

from evaluation._common import accuracy_row, coded_root, kit_quotes

DEVSET = "frames-dev"
#: The hand coding (next to this module).
CODING = pathlib.Path(__file__).with_name("speaker_check_frames_dev.csv")
#: The least share of both spans an overlapping quote must cover to count as the coded one.
MIN_OVERLAP = 0.8
#: The share of the quotes given a speaker kept, most confident first, for the confidence's row.
KEPT = 0.5


def same_speaker(pred, gold: str, form: str) -> bool:
    """Whether the kit's speaker ``pred`` is the coded ``gold`` (accepted strings split by ``/``).

    >>> same_speaker("Ann Roe", "Ann Roe", "person"), same_speaker("Roe", "Ann Roe", "person")
    (True, False)
    >>> same_speaker("Senator Ann Roe", "Roe", "person"), same_speaker(None, "none", "none")
    (True, True)
    >>> same_speaker("the EPA", "Environmental Protection Agency/EPA", "org")
    True
    >>> same_speaker("Environmental Protection", "Environmental Protection Agency", "org")
    False
    >>> same_speaker("A city spokesman", "the city spokesman", "desc"), same_speaker("Bo Li", "none", "none")
    (True, False)
    """
    from kit.quotes.polnear import speaker_matches
    from kit.quotes_eval import speaker_key

    given = pred is not None and not (isinstance(pred, float) and pred != pred) and str(pred).strip() != ""
    if form == "none":
        return not given
    if not given:
        return False
    for alt in str(gold).split("/"):
        alt = alt.strip()
        if form == "person":
            if speaker_matches(str(pred), alt, "full name" if len(alt.split()) >= 2 else "surname"):
                return True
        elif speaker_key(pred) is not None and speaker_key(pred) == speaker_key(alt):
            return True
    return False


def find(coding: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """The coding with ``found`` (bool), ``speaker`` (the kit's, None when none or not found), ``kind`` and
    ``quote_row`` (the index label of the matched row of ``quotes``, None when not found).

    >>> coding = pd.DataFrame({"doc_id": ["a", "a", "b"], "start": [0, 50, 0], "end": [10, 60, 9]})
    >>> quotes = pd.DataFrame({"doc_id": ["a", "a"], "start": [0, 51], "end": [10, 60],
    ...                        "speaker": ["Ann Roe", None], "kind": ["full", "partial"]})
    >>> find(coding, quotes)[["found", "speaker"]].values.tolist()
    [[True, 'Ann Roe'], [True, None], [False, None]]
    """
    by_doc = {d: g for d, g in quotes.groupby("doc_id")}
    found, speaker, kind, row = [], [], [], []
    for r in coding.itertuples(index=False):
        g = by_doc.get(str(r.doc_id))
        best = None
        if g is not None:
            exact = g[(g["start"] == r.start) & (g["end"] == r.end)]
            if len(exact):
                best = exact.iloc[0]
            else:
                inter = (g["end"].clip(upper=r.end) - g["start"].clip(lower=r.start)).clip(lower=0)
                share = inter / (g["end"] - g["start"]).clip(lower=1).combine(max(r.end - r.start, 1), max)
                if len(share) and share.max() >= MIN_OVERLAP:
                    best = g.loc[share.idxmax()]
        found.append(best is not None)
        sp = None if best is None else best["speaker"]
        speaker.append(None if sp is None or (isinstance(sp, float) and sp != sp) else sp)
        kind.append(None if best is None else best["kind"])
        row.append(None if best is None else best.name)
    return coding.assign(found=found, speaker=pd.Series(speaker, index=coding.index, dtype=object),
                         kind=kind, quote_row=pd.Series(row, index=coding.index, dtype=object))


def scored(devsets: pathlib.Path, coding_path: pathlib.Path | None = None) -> pd.DataFrame:
    """The coding (``coding_path``, default :data:`CODING`) with the kit's speaker (``speaker``),
    ``found``, ``given`` and ``right`` (bool), and the speaker's ``confidence`` (``speaker_confidence``;
    NaN without a speaker)."""
    root = pathlib.Path(devsets) / DEVSET
    coding = pd.read_csv(CODING if coding_path is None else coding_path, dtype={"doc_id": str, "gold_speaker": str}, keep_default_na=False)
    quotes = kit_quotes(root, set(coding["doc_id"]))
    s = find(coding, quotes)
    right = [same_speaker(p, g, f) for p, g, f in zip(s["speaker"], s["gold_speaker"], s["gold_form"])]
    conf = [float("nan") if r is None or s_ is None else float(quotes.loc[r, "speaker_confidence"])
            for r, s_ in zip(s["quote_row"], s["speaker"])]
    return s.assign(given=s["speaker"].notna(), right=right, confidence=conf)


def most_confident(given: pd.DataFrame, share: float = KEPT) -> pd.DataFrame:
    """The ``share`` of ``given`` (rows with a ``confidence``) most confident, ties in row order.

    >>> g = pd.DataFrame({"confidence": [0.2, 0.9, 0.5, 0.7]})
    >>> most_confident(g, 0.5).index.tolist()
    [1, 3]
    """
    rank = given["confidence"].rank(method="first", ascending=False)
    return given[rank <= round(share * len(given))]


def confidence_rows(given: pd.DataFrame) -> list[dict]:
    """Rows of the ``speaker_confidence`` check on the coded quotes the kit gives a speaker: the
    precision of the :data:`KEPT` most confident (95% article-bootstrap interval; baseline: the
    precision of all) and the ROC AUC of confidence against right and wrong (baseline 0.5)."""
    from evaluation._train_confidence import auc

    kept = most_confident(given)
    prec = float(given["right"].mean()) if len(given) else None
    rows = [accuracy_row(DEVSET, kept, f"speaker precision, the {KEPT:.0%} most confident", prec, interval=True)]
    rows.append({"devset": DEVSET, "measure": "speaker confidence AUC (right against wrong speakers)",
                 "kit": auc(given["confidence"], given["right"]) if len(given) else None, "baseline": 0.5,
                 "n": int(len(given))})
    return rows


def evaluate(devsets: pathlib.Path) -> list[dict]:
    """Rows ``devset, measure, kit, baseline, n`` for the coded frames-dev quotes (empty without frames-dev)."""
    if coded_root(devsets, DEVSET, CODING) is None:
        return []
    s = scored(devsets)
    none = float(s["gold_form"].eq("none").mean())
    rows = [accuracy_row(DEVSET, s, "speaker accuracy by the text (coded quotes)", none, interval=True)]
    for h in (0, 1):
        rows.append(accuracy_row(DEVSET, s[s["half"] == h], f"speaker accuracy by the text, half {h}", None, interval=False))
    w = s["weight"].astype(float)
    rows.append({"devset": DEVSET, "measure": "speaker accuracy, weighted to all frames-dev quotes",
                 "kit": float((w * s["right"]).sum() / w.sum()), "baseline": None, "n": int(len(s))})
    rows.append(accuracy_row(DEVSET, s[s["given"]], "speaker precision (kit gives a speaker)", None, interval=True))
    rows += confidence_rows(s[s["given"]])
    rows.append({"devset": DEVSET, "measure": "quotes the kit gives no speaker", "kit": float((~s["given"]).mean()),
                 "baseline": None, "n": int(len(s))})
    rows.append({"devset": DEVSET, "measure": "quotes coded with no speaker", "kit": none, "baseline": None,
                 "n": int(len(s))})
    rows.append({"devset": DEVSET, "measure": "coded quotes no longer found", "kit": int((~s["found"]).sum()),
                 "baseline": None, "n": int(len(s))})
    return rows


if __name__ == "__main__":  # pragma: no cover - a command-line convenience
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/devsets")
    for row in evaluate(folder):
        print(row)
