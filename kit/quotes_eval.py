"""Scoring quote extraction against hand-annotated gold files.

A gold file (JSON) holds one outlet's annotated articles::

    {"outlet": "Harbor Street Weekly",
     "articles": [
       {"source": "data/sample/harbor_street_weekly/2023-02-04-balloon.txt",  # or "text": "..."
        "title": "exact headline",
        "quotes": [{"text": "...", "kind": "full", "speaker": "Full Name", "speaker_type": "official"}]}]}

An article either names its ``source`` (read with :func:`kit.load_corpus`, matched by
``title``) or carries its body ``text`` inline (paragraphs separated by blank lines).

Annotation conventions
----------------------
- ``quotes`` lists **every** text in double quotation marks in the body, in reading order;
  ``text`` is the exact words inside the marks. Nested single quotes are part of the outer
  quote, not listed on their own.
- A quote interrupted by its attribution **between commas**, where the sentence goes on after
  it, is ONE quote whose parts are joined by one space::

      "We are ready," she said, "and so are they."   ->  "We are ready, and so are they."

- When the attribution **ends the sentence**, the next quoted sentence is a SECOND quote of the
  same speaker::

      "We are ready," she said. "So are they."       ->  "We are ready,"  and  "So are they."

- A quote over several paragraphs (no closing mark at the end of a paragraph, an opening mark at
  the start of the next) is one quote, its paragraphs joined by one space.
- ``kind`` is ``full``, ``partial``, ``scare`` or ``title``. ``speaker`` is the resolved full
  name even when the text says *she* or a surname; an organisation or group in its canonical
  form (*the Pentagon*, *both sides*); an unnamed person as described (*a senior official*);
  null only when no speaker is given (always for scare quotes and titles).

Scoring (:func:`score_quotes`): a predicted quote matches a gold quote of the same article when
the predicted text covers at least ``min_coverage`` (0.8) of the gold quote's tokens (multiset
overlap); matches are one-to-one: a maximum matching (as many pairs as possible, then the highest
total coverage; :func:`match_quotes`). Precision, recall and F1 are reported for
all quotes, for speech (full + partial) and per kind (a pair counts for a kind when gold and
prediction both have that kind). Speaker accuracy is the share of matched gold speech quotes
whose predicted speaker equals the gold speaker after light normalisation (case, a leading
article, possessive 's, punctuation).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from kit.errors import KitError
from kit.resample import bootstrap_intervals
from kit.schema import make_doc_id, normalise_for_hash

__all__ = ["load_gold", "score_quotes", "evaluate", "match_quotes", "speaker_key", "article_counts",
           "score_intervals", "prf_of_counts", "accuracy_of_counts"]

KINDS = ("full", "partial", "scare", "title")
SPEECH = ("full", "partial")
#: The scopes of :func:`score_quotes`, in its order, and the kinds each counts.
SCOPES = {"all": KINDS, "speech": SPEECH, **{k: (k,) for k in KINDS}}


def _tokens(text: str) -> list[str]:
    """Tokens for matching: kit.text.tokenize when present, else a word regex (lower-cased)."""
    try:  # pragma: no cover - depends on the text layer being there
        from kit.text import tokenize

        toks = [str(t.term).lower() for t in tokenize(text)]
        return [t for t in toks if re.search(r"\w", t)]
    except Exception:
        return re.findall(r"\w+", text.lower())


def speaker_key(s: Any) -> str | None:
    """Normalise a speaker for comparison.

    >>> speaker_key("The Pentagon's"), speaker_key("one senior official"), speaker_key(None)
    ('pentagon', 'senior official', None)
    """
    if s is None or (isinstance(s, float) and s != s) or s is pd.NA:
        return None
    s = str(s).lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    s = re.sub(r"^\s*(?:the|a|an|one|another)\s+", "", s)
    s = " ".join(s.split())
    return s or None


def load_gold(paths: Iterable[str | Path], *, base: str | Path | None = None
              ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read gold files: returns (paragraphs, gold quotes, articles).

    An article's ``source`` is looked up as given (from the current folder), under ``base``
    (default: the current folder) and beside the gold file.

    ``paragraphs`` has doc_id, para_no, role, text for every annotated article (from the source
    through :func:`kit.load_corpus`, or from inline text); ``gold`` has doc_id, gold_no, text,
    kind, speaker, speaker_type, outlet, title; ``articles`` has doc_id, outlet, title, text.

    >>> paragraphs, gold, articles = load_gold(["tests/eval/gold/hard_cases.json"])
    >>> len(articles), len(gold), gold.columns.tolist()[:4]
    (13, 90, ['doc_id', 'gold_no', 'text', 'kind'])
    """
    paras: list[pd.DataFrame] = []
    golds: list[dict] = []
    arts: list[dict] = []
    corpora: dict[str, Any] = {}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = sorted(path.glob("*.json"))
        else:
            files = [path]
        for f in files:
            try:
                data = json.loads(f.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as e:
                raise KitError(f"cannot read gold file {f}: {e}") from e
            if not isinstance(data, dict) or "articles" not in data:
                raise KitError(f"{f}: a gold file is an object with an 'articles' list")
            root = Path(base) if base is not None else Path.cwd()
            for a_no, a in enumerate(data["articles"]):
                outlet = a.get("outlet") or data.get("outlet")
                title = a.get("title", "")
                if a.get("text") is not None:
                    body = [p for p in re.split(r"\n\s*\n", a["text"]) if p.strip()]
                    doc_id = make_doc_id(outlet, title, None, "\n\n".join(body))
                    p = pd.DataFrame({"doc_id": doc_id, "para_no": range(len(body)), "role": "body", "text": body})
                elif a.get("source"):
                    p, doc_id = _paragraphs_from_source(a["source"], title, f, root, corpora)
                else:
                    raise KitError(f"{f}: article {a_no} ({title!r}) has neither 'text' nor 'source'")
                paras.append(p)
                body_text = "\n\n".join(p.loc[p["role"] == "body", "text"].astype(str))
                arts.append({"doc_id": doc_id, "outlet": outlet, "title": title, "text": body_text,
                             "gold_file": f.name})
                for g_no, q in enumerate(a.get("quotes", [])):
                    kind = q.get("kind")
                    if kind not in KINDS:
                        raise KitError(f"{f}: article {title!r} quote {g_no}: kind {kind!r} is not one of {KINDS}")
                    golds.append({"doc_id": doc_id, "gold_no": g_no, "text": q.get("text", ""), "kind": kind,
                                  "speaker": q.get("speaker"), "speaker_type": q.get("speaker_type"),
                                  "outlet": outlet, "title": title})
    if not arts:
        raise KitError("no gold articles found")
    return (pd.concat(paras, ignore_index=True), pd.DataFrame(golds), pd.DataFrame(arts))


def _paragraphs_from_source(source: str, title: str, gold_file: Path, root: Path, cache: dict) -> tuple[pd.DataFrame, str]:
    cands = [Path(source), root / source, gold_file.parent / source]
    src = next((c for c in cands if c.exists()), None)
    if src is None:
        raise KitError(f"{gold_file.name}: source {source!r} not found (looked in {', '.join(map(str, cands))})")
    key = str(src.resolve())
    if key not in cache:
        import kit

        cache[key] = kit.load_corpus(str(src))
    corpus = cache[key]
    arts = corpus.articles
    want = normalise_for_hash(title)
    hit = arts[arts["title"].map(lambda t: normalise_for_hash(str(t)) == want)]
    if hit.empty and len(arts) == 1:
        hit = arts
    if hit.empty:
        raise KitError(f"{gold_file.name}: no article titled {title!r} in {source}")
    doc_id = hit["doc_id"].iloc[0]
    p = corpus.paragraphs
    return p[p["doc_id"] == doc_id].copy(), doc_id


def _best_matching(gt: list[Counter], pt: list[Counter], min_coverage: float) -> dict[int, tuple[int, float]]:
    """A maximum one-to-one matching of gold (``gt``) and predicted (``pt``) token bags.

    A pair is allowed when the prediction covers at least ``min_coverage`` of the gold tokens.
    Among the matchings with the most pairs, the one with the highest total coverage wins, then the
    one whose predictions carry fewest extra tokens (``scipy.optimize.linear_sum_assignment`` on
    weights ``1 + tie/scale``, where the tie-break part of all pairs together stays below 1, so
    that no tie-break can ever outweigh one more pair). Returns ``{gold index: (pred index, coverage)}``.

    >>> from collections import Counter as C
    >>> a = C("a1 a2 a3 a4 a5 a6 a7 a8 a9 a10".split()); b = C("b1 b2".split())
    >>> _best_matching([a, b], [a + b, C("a1 a2 a3 a4 a5 a6 a7 a8 a9".split())], 0.8)
    {0: (1, 0.9), 1: (0, 1.0)}
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not gt or not pt:
        return {}
    cov = np.zeros((len(gt), len(pt)))
    extra = np.zeros((len(gt), len(pt)))
    for i, gc in enumerate(gt):
        total = sum(gc.values())
        if total == 0:
            continue
        for j, pc in enumerate(pt):
            c = sum((gc & pc).values()) / total
            if c >= min_coverage:
                cov[i, j] = c
                extra[i, j] = sum((pc - gc).values())
    ok = cov > 0
    if not ok.any():
        return {}
    scale = 2.0 * (min(len(gt), len(pt)) + 1)
    tie = cov + 1e-3 / (1.0 + extra)  # coverage first, then the tighter prediction (both <= 1.001)
    weight = np.where(ok, 1.0 + tie / scale, 0.0)
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return {int(i): (int(j), round(float(cov[i, j]), 6)) for i, j in zip(rows, cols) if ok[i, j]}


def match_quotes(pred: pd.DataFrame, gold: pd.DataFrame, *, min_coverage: float = 0.8) -> pd.DataFrame:
    """One-to-one matches between predicted and gold quotes of the same articles.

    Returns a table with one row per gold quote (and one per unmatched prediction): doc_id,
    gold_no, quote_no, coverage, gold_kind, pred_kind, gold_speaker, pred_speaker,
    speaker_ok, gold_text, pred_text, pred_rule (the prediction's ``speaker_rule``, when it has one).

    >>> g = pd.DataFrame({"doc_id": ["a"], "gold_no": [0], "text": ["we will win"], "kind": ["full"], "speaker": ["Bo Li"]})
    >>> p = pd.DataFrame({"doc_id": ["a"], "quote_no": [0], "text": ["We will win,"], "kind": ["full"], "speaker": ["Bo Li"]})
    >>> match_quotes(p, g)[["gold_no", "quote_no", "coverage", "speaker_ok"]].values.tolist()
    [[0, 0, 1.0, True]]
    """
    rows = []
    for doc_id in sorted(set(gold["doc_id"]) | set(pred["doc_id"])):
        g = gold[gold["doc_id"] == doc_id]
        p = pred[pred["doc_id"] == doc_id]
        gt = [Counter(_tokens(str(t))) for t in g["text"]]
        pt = [Counter(_tokens(str(t))) for t in p["text"]]
        match = _best_matching(gt, pt, min_coverage)
        used_p = {j for j, _ in match.values()}
        g_rows = g.reset_index(drop=True)
        p_rows = p.reset_index(drop=True)
        for i, gr in g_rows.iterrows():
            j, cov = match.get(i, (None, 0.0))
            pr = p_rows.loc[j] if j is not None else None
            rows.append({
                "doc_id": doc_id, "gold_no": gr["gold_no"], "quote_no": None if pr is None else pr["quote_no"],
                "coverage": round(cov, 3), "gold_kind": gr["kind"], "pred_kind": None if pr is None else pr["kind"],
                "gold_speaker": gr.get("speaker"), "pred_speaker": None if pr is None else pr.get("speaker"),
                "speaker_ok": (pr is not None and speaker_key(gr.get("speaker")) == speaker_key(pr.get("speaker"))),
                "gold_text": gr["text"], "pred_text": None if pr is None else pr["text"],
                "pred_rule": None if pr is None else pr.get("speaker_rule")})
        for j, pr in p_rows.iterrows():
            if j not in used_p:
                rows.append({"doc_id": doc_id, "gold_no": None, "quote_no": pr["quote_no"], "coverage": 0.0,
                             "gold_kind": None, "pred_kind": pr["kind"], "gold_speaker": None,
                             "pred_speaker": pr.get("speaker"), "speaker_ok": False, "gold_text": None,
                             "pred_text": pr["text"], "pred_rule": pr.get("speaker_rule")})
    cols = ["doc_id", "gold_no", "quote_no", "coverage", "gold_kind", "pred_kind", "gold_speaker",
            "pred_speaker", "speaker_ok", "gold_text", "pred_text", "pred_rule"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("gold_no", "quote_no"):
        out[c] = out[c].astype("Int64")
    return out


def prf_of_counts(tp, n_pred, n_gold):
    """Precision, recall and F1 from counts: the one formula of every quote score.

    precision = tp / n_pred (NaN when nothing is predicted), recall = tp / n_gold (NaN when there
    is no gold), F1 = 2PR / (P + R) (0 when both are 0, NaN when either is NaN). The counts may be
    numbers (the scores of :func:`score_quotes` and :func:`kit.quotes.polnear.score_polnear`:
    Python floats come back) or arrays of summed bootstrap counts (arrays come back,
    element by element).

    Examples
    --------
    >>> import numpy as np
    >>> prf_of_counts(3, 4, 6)
    (0.75, 0.5, 0.6)
    >>> prf_of_counts(0, 2, 5), prf_of_counts(0, 0, 5)
    ((0.0, 0.0, 0.0), (nan, 0.0, nan))
    >>> [v.tolist() for v in prf_of_counts(np.array([1, 0]), np.array([2, 1]), np.array([1, 3]))]
    [[0.5, 0.0], [1.0, 0.0], [0.6666666666666666, 0.0]]
    """
    import numpy as np

    tp, n_pred, n_gold = (np.asarray(v, dtype=float) for v in (tp, n_pred, n_gold))
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n_pred > 0, tp / n_pred, np.nan)
        r = np.where(n_gold > 0, tp / n_gold, np.nan)
        f = np.where(p + r == 0, 0.0, 2 * p * r / (p + r))
    if p.ndim == 0:
        return float(p), float(r), float(f)
    return p, r, f


def accuracy_of_counts(right, scored):
    """Speaker accuracy ``right / scored`` from counts (NaN when nothing is scored); numbers or
    arrays, as :func:`prf_of_counts`.

    Examples
    --------
    >>> import numpy as np
    >>> accuracy_of_counts(3, 4), accuracy_of_counts(0, 0)
    (0.75, nan)
    >>> accuracy_of_counts(np.array([1, 0]), np.array([2, 0])).tolist()
    [0.5, nan]
    """
    import numpy as np

    right, scored = np.asarray(right, dtype=float), np.asarray(scored, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        acc = np.where(scored > 0, right / scored, np.nan)
    return float(acc) if acc.ndim == 0 else acc


def speaker_scored(details: pd.DataFrame) -> pd.Series:
    """The rows of a :func:`match_quotes` table that speaker accuracy counts: matched pairs
    (both ``gold_no`` and ``quote_no`` set) whose gold kind is speech (full or partial).

    Examples
    --------
    >>> d = pd.DataFrame({"gold_no": [0, 1, None, 2], "quote_no": [0, 1, 2, None],
    ...                   "gold_kind": ["full", "scare", None, "partial"]})
    >>> speaker_scored(d).tolist()
    [True, False, False, False]
    """
    return details["gold_no"].notna() & details["quote_no"].notna() & details["gold_kind"].isin(SPEECH)


def accuracy_by_rule(details: pd.DataFrame) -> pd.DataFrame:
    """Speaker accuracy by ``speaker_rule`` (:func:`kit.quotes.polnear.accuracy_by_rule`'s table)
    over the quotes of the speaker accuracy figure of :func:`score_quotes` (:func:`speaker_scored`);
    ``details`` is the :func:`match_quotes` table, with ``pred_rule``.

    Examples
    --------
    >>> d = pd.DataFrame({"gold_no": [0, 1, 2], "quote_no": [0, 1, 2], "gold_kind": ["full", "full", "scare"],
    ...                   "speaker_ok": [True, False, False], "pred_rule": ["FULL_NAME", "FULL_NAME", None]})
    >>> accuracy_by_rule(d)[["rule", "n", "right"]].values.tolist()
    [['FULL_NAME', 2, 1]]
    """
    from kit.quotes.polnear import accuracy_by_rule as by_rule

    d = details.copy()
    d["speaker_ok"] = d["speaker_ok"].astype(object).where(speaker_scored(d), None)
    return by_rule(d)


def score_quotes(pred: pd.DataFrame, gold: pd.DataFrame, *, min_coverage: float = 0.8) -> pd.DataFrame:
    """Precision, recall, F1 and speaker accuracy of predicted quotes against gold quotes.

    Parameters
    ----------
    pred
        Quotes table (doc_id, quote_no, text, kind, speaker) as from :func:`kit.quotes.extract_quotes`.
    gold
        Gold table (doc_id, gold_no, text, kind, speaker) as from :func:`load_gold`.
    min_coverage
        Share of the gold quote's tokens the predicted text must cover to match.

    Returns
    -------
    DataFrame, one row per scope (``all``, ``speech``, ``full``, ``partial``, ``scare``,
    ``title``): n_gold, n_pred, n_matched, precision, recall, f1, n_speaker (matched pairs
    scored for the speaker), speaker_accuracy. ``all`` matches spans whatever their kinds;
    ``speech`` counts full and partial quotes alike; the per-kind rows need both sides to
    have the kind. Speaker accuracy covers matched pairs whose gold kind is speech.

    Examples
    --------
    >>> g = pd.DataFrame({"doc_id": ["a", "a"], "gold_no": [0, 1], "text": ["We will win", "spy"],
    ...                   "kind": ["full", "scare"], "speaker": ["Bo Li", None]})
    >>> p = pd.DataFrame({"doc_id": ["a"], "quote_no": [0], "text": ["We will win"],
    ...                   "kind": ["full"], "speaker": ["Li"]})
    >>> s = score_quotes(p, g).set_index("scope")
    >>> [float(x) for x in s.loc["all", ["n_gold", "n_pred", "n_matched", "precision", "recall"]]]
    [2.0, 1.0, 1.0, 1.0, 0.5]
    >>> float(s.loc["full", "f1"]), float(s.loc["full", "speaker_accuracy"])
    (1.0, 0.0)
    """
    pred, gold = _checked(pred, gold)
    return _scores(pred, gold, match_quotes(pred, gold, min_coverage=min_coverage))


def _checked(pred: pd.DataFrame, gold: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``pred`` and ``gold`` checked for their columns, numbered when they carry no number."""
    for name, df, cols in (("pred", pred, ("doc_id", "text", "kind")), ("gold", gold, ("doc_id", "text", "kind"))):
        missing = [c for c in cols if c not in df.columns]
        if missing:
            raise KitError(f"{name} table lacks columns {missing}")
    if "quote_no" not in pred.columns:
        pred = pred.assign(quote_no=range(len(pred)))
    if "gold_no" not in gold.columns:
        gold = gold.assign(gold_no=range(len(gold)))
    return pred, gold


def _scores(pred: pd.DataFrame, gold: pd.DataFrame, m: pd.DataFrame) -> pd.DataFrame:
    """:func:`score_quotes`' table from the :func:`match_quotes` table ``m`` of ``pred`` and ``gold``."""
    matched = m[m["gold_no"].notna() & m["quote_no"].notna()]
    rows = []
    for scope, ks in SCOPES.items():
        n_gold = int(gold["kind"].isin(ks).sum())
        n_pred = int(pred["kind"].isin(ks).sum())
        if scope == "all":
            hit = matched
        else:
            hit = matched[matched["gold_kind"].isin(ks) & matched["pred_kind"].isin(ks)]
        tp = len(hit)
        p, r, f = prf_of_counts(tp, n_pred, n_gold)
        sp = hit[speaker_scored(hit)]
        acc = accuracy_of_counts(int(sp["speaker_ok"].eq(True).sum()), len(sp))
        rows.append({"scope": scope, "n_gold": n_gold, "n_pred": n_pred, "n_matched": tp,
                     "precision": p, "recall": r, "f1": f, "n_speaker": len(sp), "speaker_accuracy": acc})
    return pd.DataFrame(rows)


def evaluate(paths: Iterable[str | Path], *, actors: Any = None, min_coverage: float = 0.8,
             details: bool = False, intervals: bool = False, n_boot: int | None = None, seed: int | None = None
             ) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Run :func:`kit.quotes.extract_quotes` on the gold articles and score it.

    Returns the :func:`score_quotes` table (and, with ``details=True``, the
    :func:`match_quotes` table too). With ``intervals=True`` the table also holds the 95%
    article-bootstrap interval of each figure (:func:`score_intervals`; ``n_boot`` and ``seed`` are passed on).

    >>> table = evaluate(["tests/eval/gold/hard_cases.json"]).set_index("scope")
    >>> table.columns.tolist()
    ['n_gold', 'n_pred', 'n_matched', 'precision', 'recall', 'f1', 'n_speaker', 'speaker_accuracy']
    >>> int(table.loc["all", "n_gold"]), int(table.loc["speech", "n_gold"])
    (90, 85)
    """
    from kit.actors import alias_index, load_actors
    from kit.quotes import canonical_actor, extract_quotes

    paras, gold, arts = load_gold(paths)
    pred = extract_quotes(paras, actors=actors)
    if actors is not None:
        # with an actor file both sides speak in its canonical names ('Defense Ministry' ->
        # 'the Ministry of National Defense'), so that aliases are not counted as errors
        # (the same match as the extractor's: kit.actors' alias table)
        index = alias_index(load_actors(actors))
        gold = gold.assign(speaker=[(canonical_actor(x, index) or x) if isinstance(x, str) else x for x in gold["speaker"]])
    pred, gold = _checked(pred, gold)
    m = match_quotes(pred, gold, min_coverage=min_coverage)   # once: the scores, intervals and details
    scores = _scores(pred, gold, m)
    if intervals:
        scores = score_intervals(scores, m, articles=arts["doc_id"], n_boot=n_boot, seed=seed)
    if details:
        return scores, m
    return scores


# ------------------------------------------------------------------------------------------
# Uncertainty: the article-level (cluster) bootstrap
# ------------------------------------------------------------------------------------------

#: Resamples of the article bootstrap by default, and its seed (figures reproduce run to run).
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 0


def _count_intervals(counts, figures, *, n_boot: int | None, seed: int | None, ci: float):
    """(low, high) of ``figures(summed counts)`` over article resamples of ``counts`` (one row per
    article; :func:`kit.resample.bootstrap_intervals`): the article bootstrap of both quote scorers,
    defaults 2,000 resamples, seed 0. Fewer than two articles, or ``n_boot=0``: NaN (the kit's one
    small-case convention, as :func:`kit.resample.bootstrap_ci`)."""
    return bootstrap_intervals(counts, figures, n_boot=BOOTSTRAP_RESAMPLES if n_boot is None else n_boot,
                               seed=BOOTSTRAP_SEED if seed is None else seed, ci=ci)


#: What :func:`article_counts` counts per scope: gold and predicted quotes, matched pairs (tp),
#: speakers scored and right.
COUNT_KEYS = ("gold", "pred", "tp", "n_speaker", "right")
#: The figures of :func:`score_quotes` that :func:`score_intervals` gives an interval.
INTERVAL_MEASURES = ("precision", "recall", "f1", "speaker_accuracy")


def article_counts(details: pd.DataFrame, *, articles: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per article with the counts :func:`score_quotes` adds up, from a :func:`match_quotes` table.

    Columns: doc_id, then ``SCOPE_KEY`` for every scope of :data:`SCOPES` (all, speech, full,
    partial, scare, title) and key of :data:`COUNT_KEYS`: ``_gold`` (gold quotes of the scope's
    kinds), ``_pred`` (predicted ones), ``_tp`` (matched pairs the scope counts), ``_n_speaker`` and
    ``_right`` (speakers scored, and right: :func:`speaker_scored`). ``articles`` lists the doc_ids of
    every article scored, also those with no quote on either side (rows of zeros, resampled like
    the others); the table's articles come first, in their order.

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["a", "a", "a"], "gold_no": [0, 1, None], "quote_no": [0, None, 1],
    ...                   "gold_kind": ["full", "scare", None], "pred_kind": ["full", None, "full"],
    ...                   "speaker_ok": [True, False, False]})
    >>> c = article_counts(d, articles=["a", "b"])
    >>> c[["doc_id", "all_gold", "all_pred", "all_tp", "speech_n_speaker", "speech_right", "scare_gold"]].values.tolist()
    [['a', 2, 2, 1, 1, 1, 1], ['b', 0, 0, 0, 0, 0, 0]]
    """
    d = details
    cols = [f"{sc}_{k}" for sc in SCOPES for k in COUNT_KEYS]
    flags = pd.DataFrame(index=d.index)
    if len(d):
        has_g, has_p = d["gold_no"].notna(), d["quote_no"].notna()
        scored = speaker_scored(d)
        for sc, ks in SCOPES.items():
            g_in, p_in = has_g & d["gold_kind"].isin(ks), has_p & d["pred_kind"].isin(ks)
            hit = has_g & has_p if sc == "all" else g_in & p_in
            flags[f"{sc}_gold"], flags[f"{sc}_pred"], flags[f"{sc}_tp"] = g_in, p_in, hit
            flags[f"{sc}_n_speaker"] = hit & scored
            flags[f"{sc}_right"] = hit & scored & d["speaker_ok"].eq(True)
        summed = flags.astype(int).groupby(d["doc_id"].to_numpy()).sum()
    else:
        summed = pd.DataFrame(columns=cols)
    ids = list(dict.fromkeys([*(articles if articles is not None else []), *summed.index]))
    out = summed.reindex(ids, fill_value=0).reindex(columns=cols, fill_value=0).astype("int64")
    return out.rename_axis("doc_id").reset_index()


def _figures(sums):
    """precision, recall, f1, speaker_accuracy of every scope (shape ... x scopes x 4) from summed
    :func:`article_counts` (last axis in its column order): :func:`score_quotes`' formulas."""
    import numpy as np

    s = np.asarray(sums, dtype=float).reshape(*np.shape(sums)[:-1], len(SCOPES), len(COUNT_KEYS))
    gold, pred, tp, n_sp, right = (s[..., i] for i in range(len(COUNT_KEYS)))
    return np.stack([*prf_of_counts(tp, pred, gold), accuracy_of_counts(right, n_sp)], axis=-1)


def score_intervals(scores: pd.DataFrame, details: pd.DataFrame, *, articles: Iterable[str] | None = None,
                    n_boot: int | None = None, seed: int | None = None, ci: float = 0.95) -> pd.DataFrame:
    """The :func:`score_quotes` table with article-bootstrap intervals: ``MEASURE_low``, ``MEASURE_high``.

    The same article-level (cluster) bootstrap as :func:`kit.quotes.polnear.score_intervals`:
    ``n_boot`` resamples (default 2,000, seed 0) of the articles with replacement
    (:func:`kit.resample.resampled_sums`), each figure recomputed from the resampled articles' summed
    :func:`article_counts`, the percentile interval at ``ci`` (:func:`kit.resample.percentile_interval`);
    fewer than two articles, or ``n_boot=0``, give NaN intervals (:func:`kit.resample.bootstrap_intervals`).
    Measures: precision, recall, f1 and speaker_accuracy; the table's own columns are unchanged.
    ``details`` is the :func:`match_quotes` table the scores come from, ``articles`` every article
    scored (see :func:`article_counts`).

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["a", "a", "b"], "gold_no": [0, 1, 0], "quote_no": [0, 1, 0],
    ...                   "gold_kind": ["full"] * 3, "pred_kind": ["full"] * 3, "speaker_ok": [True, True, False]})
    >>> scores = pd.DataFrame({"scope": list(SCOPES), "speaker_accuracy": [2 / 3, 2 / 3, 2 / 3] + [float("nan")] * 3})
    >>> t = score_intervals(scores, d).set_index("scope")
    >>> [round(float(x), 3) for x in t.loc["full", ["speaker_accuracy", "speaker_accuracy_low", "speaker_accuracy_high"]]]
    [0.667, 0.0, 1.0]
    """
    counts = article_counts(details, articles=articles).drop(columns="doc_id").to_numpy()
    low, high = _count_intervals(counts, _figures, n_boot=n_boot, seed=seed, ci=ci)   # scopes x measures
    row = {sc: i for i, sc in enumerate(SCOPES)}
    out = scores.copy()
    at = [row[sc] for sc in out["scope"]]
    for k, m in enumerate(INTERVAL_MEASURES):
        out[f"{m}_low"] = low[at, k]
        out[f"{m}_high"] = high[at, k]
    return out
