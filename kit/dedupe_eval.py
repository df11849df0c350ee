"""Reprint test sets built in code: articles copied with typical newsroom edits, against distractors.

:func:`reprint_testset` takes a table of distinct articles (the same topic makes the distractors
hard: same names, same phrases) and makes 1 to ``max_copies`` copies of each, each copy with a
seeded random mix of the edits newsrooms make to wire copy (:data:`EDITS`):

- ``trim``: the ending cut (the last 10-40% of the paragraphs, at least two paragraphs kept);
- ``lede``: the first paragraph replaced by a new one (words of the article in a new order);
- ``insert``: a new paragraph inserted at a random place (local reaction, context);
- ``words``: about ``word_change`` of the words replaced by other words of the corpus;
- a new headline, and a publication time 0-3 days after the original.

The true pairs are every pair inside a family (the original and its copies). :func:`pair_scores`
compares pairs found by :func:`kit.dedupe.near_duplicate_pairs` with them.
"""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from kit.errors import KitError

__all__ = ["EDITS", "newsroom_copy", "reprint_testset", "pair_scores", "cluster_pairs"]

#: Probability that a copy gets each edit (each drawn independently; ``words`` always applies).
EDITS = {"trim": 0.6, "lede": 0.5, "insert": 0.5, "words": 1.0}


def _shuffled_paragraph(words: list[str], rng, n: int) -> str:
    pick = rng.choice(len(words), size=min(n, len(words)), replace=False) if words else []
    return " ".join(words[i] for i in pick).capitalize() + "."


def newsroom_copy(text: str, vocabulary: list[str], rng: np.random.Generator, *, word_change: float = 0.05) -> tuple[str, list[str]]:
    """One edited copy of ``text`` and the list of edits applied (see the module docs).

    >>> rng = np.random.default_rng(0)
    >>> copy, edits = newsroom_copy("One two three four.\\n\\nFive six seven.\\n\\nEight nine ten.", ["alpha", "beta"], rng)
    >>> "words" in edits
    True
    """
    paras = [p for p in text.split("\n\n") if p.strip()]
    words_all = text.split()
    edits = []
    if len(paras) > 3 and rng.random() < EDITS["trim"]:
        keep = max(2, int(round(len(paras) * (1 - rng.uniform(0.1, 0.4)))))
        paras = paras[:keep]
        edits.append("trim")
    if len(paras) > 1 and rng.random() < EDITS["lede"]:
        paras[0] = _shuffled_paragraph(words_all, rng, 30)
        edits.append("lede")
    if rng.random() < EDITS["insert"]:
        paras.insert(int(rng.integers(1, len(paras) + 1)), _shuffled_paragraph(vocabulary, rng, 35))
        edits.append("insert")
    out = []
    for p in paras:
        w = p.split()
        for i in range(len(w)):
            if rng.random() < word_change:
                w[i] = vocabulary[int(rng.integers(len(vocabulary)))]
        out.append(" ".join(w))
    edits.append("words")
    return "\n\n".join(out), edits


def reprint_testset(articles: pd.DataFrame, *, max_copies: int = 3, seed: int = 0, word_change: float = 0.05,
                    outlets=("Copy Desk A", "Copy Desk B", "Copy Desk C")) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Originals plus edited copies, and the true near-duplicate pairs.

    Parameters
    ----------
    articles : ``doc_id``, ``text`` and optionally ``published`` (else all dated 2023-01-01),
        ``outlet``, ``title``; the articles must be distinct (not copies of each other)

    Returns
    -------
    (articles, pairs)
        ``articles``: ``doc_id``, ``outlet``, ``title``, ``published``, ``text``, ``family`` (the
        original's doc_id), ``edits``; ``pairs``: ``doc_id_a``, ``doc_id_b`` (sorted within the
        pair) of every two members of a family.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Talks resumed in Geneva today.\\n\\nMore later."] * 2})
    >>> test, pairs = reprint_testset(arts, max_copies=1)
    >>> len(test), len(pairs)
    (4, 2)
    """
    if not isinstance(max_copies, int) or max_copies < 1:
        raise KitError(f"max_copies must be a positive integer, got {max_copies!r}")
    rng = np.random.default_rng(seed)
    vocab = sorted({w for t in articles["text"] for w in str(t).split() if w.isalpha()})
    pub = (pd.to_datetime(articles["published"], utc=True) if "published" in articles
           else pd.Series(pd.Timestamp("2023-01-01", tz="UTC"), index=articles.index))
    rows, pairs = [], []
    for i, (d, t) in enumerate(zip(articles["doc_id"].astype(str), articles["text"])):
        p0 = pub.iloc[i] if not pd.isna(pub.iloc[i]) else pd.Timestamp("2023-01-01", tz="UTC")
        fam = [d]
        rows.append({"doc_id": d, "outlet": articles["outlet"].iloc[i] if "outlet" in articles else "Origin",
                     "title": articles["title"].iloc[i] if "title" in articles else "", "published": p0,
                     "text": t, "family": d, "edits": ""})
        for c in range(int(rng.integers(1, max_copies + 1))):
            text, edits = newsroom_copy(str(t), vocab, rng, word_change=word_change)
            cid = f"{d}~copy{c + 1}"
            rows.append({"doc_id": cid, "outlet": outlets[c % len(outlets)], "title": f"New headline {c + 1} for {d}",
                         "published": p0 + pd.Timedelta(hours=float(rng.uniform(0, 72))), "text": text, "family": d,
                         "edits": ",".join(edits)})
            fam.append(cid)
        pairs += [tuple(sorted(p)) for p in itertools.combinations(fam, 2)]
    return pd.DataFrame(rows), pd.DataFrame(sorted(pairs), columns=["doc_id_a", "doc_id_b"])


def pair_scores(found: pd.DataFrame, truth: pd.DataFrame) -> dict:
    """Pair precision, recall and F1 of found pairs against true pairs (order within a pair ignored).

    >>> t = pd.DataFrame({"doc_id_a": ["a", "a"], "doc_id_b": ["b", "c"]})
    >>> f = pd.DataFrame({"doc_id_a": ["b", "x"], "doc_id_b": ["a", "y"]})
    >>> pair_scores(f, t)
    {'n_true': 2, 'n_found': 2, 'tp': 1, 'precision': 0.5, 'recall': 0.5, 'f1': 0.5}
    """
    def norm(df):
        return {tuple(sorted(p)) for p in zip(df["doc_id_a"].astype(str), df["doc_id_b"].astype(str))}

    f, t = norm(found), norm(truth)
    tp = len(f & t)
    p = tp / len(f) if f else float("nan")
    r = tp / len(t) if t else float("nan")
    return {"n_true": len(t), "n_found": len(f), "tp": tp, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else float("nan")}


def cluster_pairs(clusters: pd.DataFrame) -> pd.DataFrame:
    """Every two members of a cluster of :func:`kit.dedupe.reprint_clusters`, as pairs.

    >>> cl = pd.DataFrame({"cluster": ["a", "a", "a"], "doc_id": ["a", "b", "c"]})
    >>> cluster_pairs(cl).values.tolist()
    [['a', 'b'], ['a', 'c'], ['b', 'c']]
    """
    pairs = [tuple(sorted(p)) for _, g in clusters.groupby("cluster") for p in itertools.combinations(g["doc_id"].astype(str), 2)]
    return pd.DataFrame(sorted(pairs), columns=["doc_id_a", "doc_id_b"])
