"""Wire copy and near-duplicates: find reprints, cluster them, say who reprints whom, count once.

How it works (README, "Wire copy and near-duplicates"):

1. **Shingles**: each article body is lower-cased and split into words (``\\w+``); its shingles
   are the overlapping runs of :data:`SHINGLE_WORDS` words, hashed to 32-bit integers.
2. **MinHash + LSH** (Broder 1997, "On the resemblance and containment of documents"; Leskovec,
   Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3): a ``num_perm``-value MinHash
   signature per article (computed by the well-kept ``datasketch`` library, one batch per
   article) goes into a ``datasketch.MinHashLSH`` index; articles that
   share a band become candidate pairs. Work and memory grow linearly with the corpus.
3. **Date window**: articles are put in blocks one window wide by publication date; each block
   gets an LSH index with the next block, so an article meets only articles of its own and the
   neighbouring weeks (this keeps the work linear in the corpus for a steady flow of news), and
   candidates more than ``window_days`` apart are dropped. An undated article is compared with
   every article.
4. **Exact check**: for every candidate pair, the exact Jaccard similarity ``|A & B| / |A | B|``
   and containment ``|A & B| / min(|A|, |B|)`` of the shingle sets; a pair is a near-duplicate
   when ``containment >= min_containment`` (containment, not Jaccard, decides, because a reprint
   cut to half its length still contains only the original's words).
5. **Clusters**: connected components of the near-duplicate pairs; the **origin** is the earliest
   published member (undated last, then by ``doc_id``); each member is compared with the origin
   (similarity, paragraphs added and removed).

Wire credits ("(AP)", "Reuters", "AFP", "Associated Press", ...) in the byline or the first or
last paragraph are recognised by :func:`wire_credits` and shown as evidence of a cluster's source.
:func:`dedupe` is the one switch ``none | exact | near`` for every analysis.
"""
from __future__ import annotations

import re
import zlib

import numpy as np
import pandas as pd

from kit.errors import KitError

__all__ = ["DEDUPE_MODES", "shingles", "near_duplicate_pairs", "reprint_clusters", "clusters_of", "NEAR_OPTIONS", "wire_credits",
           "reprint_provenance", "reprint_share", "dedupe", "plot_provenance"]

#: Values of the ``dedupe`` switch: keep everything, drop exact duplicates (the default), drop reprints too.
DEDUPE_MODES = ("none", "exact", "near")
#: Words per shingle: 3 keeps a 5% word edit from destroying most shingles and is still rare
#: enough that two different articles on the same topic share few.
SHINGLE_WORDS = 3
#: MinHash permutations (signature length); more = finer similarity estimates, slower.
NUM_PERM = 128
#: Jaccard level around which LSH turns pairs into candidates (datasketch picks bands and rows).
#: Low on purpose: a trimmed or re-ledged reprint has a low Jaccard but a high containment.
LSH_THRESHOLD = 0.2
#: A candidate pair is a near-duplicate when this share of the shorter article's shingles is in the other.
MIN_CONTAINMENT = 0.5
#: Candidates further apart than this many days are not compared.
WINDOW_DAYS = 7
#: A paragraph counts as kept in the other article when this share of its shingles is there.
PARAGRAPH_CONTAINMENT = 0.5
#: Seed of the MinHash permutations (datasketch's own default).
MINHASH_SEED = 1
#: The options of :func:`near_duplicate_pairs` and their defaults (also the options of the stored
#: ``near_duplicates`` table of a corpus store, :mod:`kit.analyse`).
NEAR_OPTIONS = {"window_days": WINDOW_DAYS, "min_containment": MIN_CONTAINMENT, "num_perm": NUM_PERM,
                "lsh_threshold": LSH_THRESHOLD, "shingle_words": SHINGLE_WORDS, "seed": MINHASH_SEED}

_WORD_RE = re.compile(r"\w+")
_MASK32 = np.uint64(0xFFFFFFFF)

#: Wire agencies and the credit forms that name them, as (agency, regex) pairs matched in the
#: authors field and in the first and last paragraph of the body.
WIRE_CREDITS = (
    ("AP", r"""\(\s*AP\s*\)                               # dateline credit: WASHINGTON (AP) -
             | \bAssociated\s+Press\b                       # byline or credit line"""),
    ("Reuters", r"""\(\s*Reuters\s*\)                       # dateline credit: BEIJING (Reuters) -
             | ^\s*(?:By\s+)?(?:[\w.' -]+,\s*)?Reuters(?:\s+staff)?\s*$   # byline line: "By Reuters", "Jane Roe, Reuters"
             | \bThomson\s+Reuters\b                        # copyright line
             | \(\s*Reporting\s+by\b[^)]*\)                 # Reuters credit line (Reporting by X; Editing by Y)"""),
    ("AFP", r"""\(\s*AFP\s*\)                               # dateline credit
             | \bAgence\s+France[-\s]Presse\b               # full name
             | ^\s*(?:By\s+)?(?:[\w.' -]+,\s*)?AFP\s*$         # byline line"""),
    ("Xinhua", r"""\(\s*Xinhua\s*\) | \bXinhua\s+News\s+Agency\b"""),
    ("Bloomberg", r"""^\s*(?:By\s+)?Bloomberg(?:\s+News)?\s*$   # byline "Bloomberg News"
             | \(\s*Bloomberg\s*\)"""),
)
_CREDIT_RES = tuple((a, re.compile(p, re.VERBOSE | re.MULTILINE)) for a, p in WIRE_CREDITS)


def _check(articles: pd.DataFrame, cols=("doc_id", "text")) -> None:
    if not isinstance(articles, pd.DataFrame):
        raise KitError(f"articles must be a DataFrame, got {type(articles).__name__}")
    missing = [c for c in cols if c not in articles.columns]
    if missing:
        raise KitError(f"articles has no column(s) {missing}; columns are {list(articles.columns)}")
    if articles["doc_id"].duplicated().any():
        d = articles.loc[articles["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise KitError(f"doc_id {d!r} appears more than once in articles")


def shingles(text, k: int = SHINGLE_WORDS) -> np.ndarray:
    """Sorted unique 32-bit hashes of the ``k``-word shingles of a text (a text shorter than ``k``
    words gives one shingle of all its words; an empty text none).

    >>> len(shingles("The talks resumed in Beijing")), len(shingles("")), len(shingles("Talks"))
    (3, 0, 1)
    >>> bool((shingles("Talks RESUMED today!") == shingles("talks resumed today")).all())
    True
    """
    words = _WORD_RE.findall(text.lower()) if isinstance(text, str) else []
    if not words:
        return np.zeros(0, dtype=np.uint32)
    h = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    if len(h) < k:
        k = len(h)
    out = np.zeros(len(h) - k + 1, dtype=np.uint64)
    for j in range(k):  # polynomial rolling combination, wrapped to 32 bits
        out = (out * np.uint64(0x01000193) + h[j:len(h) - k + 1 + j]) & _MASK32
    return np.unique(out).astype(np.uint32)


class _Signer:
    """MinHash signatures by datasketch (its default permutation scheme), fed our shingle hashes."""

    def __init__(self, num_perm: int, seed: int):
        if not isinstance(num_perm, int) or isinstance(num_perm, bool) or num_perm < 16:
            raise KitError(f"num_perm must be an integer of at least 16, got {num_perm!r}")
        from datasketch import MinHash

        self.num_perm, self.seed = num_perm, seed
        self.template = MinHash(num_perm=num_perm, seed=seed)  # permutations drawn once, shared

    def __call__(self, sh: np.ndarray):
        from datasketch import LeanMinHash, MinHash

        if len(sh) == 0:
            return None
        t = self.template
        m = MinHash(num_perm=self.num_perm, seed=self.seed, hashfunc=int,  # values are hashes already
                    permutations=t.permutations, scheme=t.scheme)
        m.update_batch(sh.tolist())
        return LeanMinHash(m)


def _similarity(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


def _days(published: pd.Series) -> np.ndarray:
    pub = pd.to_datetime(published, utc=True, errors="coerce")
    return (pub - pd.Timestamp("1970-01-01", tz="UTC")).dt.total_seconds().to_numpy() / 86400.0


def near_duplicate_pairs(articles: pd.DataFrame, *, window_days: float | None = WINDOW_DAYS,
                         min_containment: float = MIN_CONTAINMENT, num_perm: int = NUM_PERM,
                         lsh_threshold: float = LSH_THRESHOLD, shingle_words: int = SHINGLE_WORDS,
                         seed: int = MINHASH_SEED) -> pd.DataFrame:
    """Pairs of near-duplicate articles (MinHash LSH candidates confirmed by exact similarity).

    Parameters
    ----------
    articles : DataFrame with ``doc_id``, ``text`` and (for the date window) ``published``; or a
        corpus store (:class:`kit.corpus.Store` or its path), processed partition by partition by
        :func:`kit.dedupe_store.store_near_duplicate_pairs` (same pairs, texts never all in memory)
    window_days : compare only articles published at most this many days apart (None: no window)
    min_containment : a pair is kept when ``|A & B| / min(|A|, |B|)`` reaches this
    num_perm, lsh_threshold, shingle_words, seed : MinHash / LSH settings (see the module docs)

    Returns
    -------
    DataFrame
        ``doc_id_a``, ``doc_id_b`` (``a`` before ``b`` in article order), ``jaccard``,
        ``containment``, ``days_apart`` (NaN when a date is missing), sorted by ``doc_id_a``,
        ``doc_id_b``.

    Examples
    --------
    >>> body = "The ministers met in Geneva on Monday to discuss the grain corridor and the shipping insurance."
    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [body, "UPDATED: " + body, "A different story entirely about rain."],
    ...                      "published": pd.to_datetime(["2023-01-02", "2023-01-03", "2023-01-03"], utc=True)})
    >>> near_duplicate_pairs(arts)[["doc_id_a", "doc_id_b", "containment"]]
      doc_id_a doc_id_b  containment
    0        a        b          1.0
    """
    if not isinstance(articles, pd.DataFrame):  # a corpus store (or its path): partition by partition
        from kit.dedupe_store import store_near_duplicate_pairs

        return store_near_duplicate_pairs(articles, window_days=window_days, min_containment=min_containment,
                                          num_perm=num_perm, lsh_threshold=lsh_threshold,
                                          shingle_words=shingle_words, seed=seed)
    _check(articles)
    check_options(window_days=window_days, min_containment=min_containment)
    ids = articles["doc_id"].astype(str).tolist()
    days = _days(articles["published"]) if "published" in articles.columns else np.full(len(ids), np.nan)
    sh = [shingles(t, shingle_words) for t in articles["text"].tolist()]
    signer = _Signer(num_perm, seed)
    sigs = [signer(s) for s in sh]
    rows = []
    for i, j in _lsh_candidates(sigs, days, window_days, lsh_threshold, num_perm):
        dd = abs(days[i] - days[j])
        if window_days is not None and dd > window_days:  # NaN (undated) compares False: kept
            continue
        jac, con = _similarity(sh[i], sh[j])
        if con >= min_containment:
            a, b = (i, j) if i < j else (j, i)
            rows.append((ids[a], ids[b], jac, con, dd))
    out = pd.DataFrame(rows, columns=["doc_id_a", "doc_id_b", "jaccard", "containment", "days_apart"])
    return out.sort_values(["doc_id_a", "doc_id_b"], kind="stable").reset_index(drop=True)


def check_options(*, window_days, min_containment) -> None:
    """Checks shared by the in-memory and the store path of :func:`near_duplicate_pairs`.

    >>> check_options(window_days=3, min_containment=0.8)  # fine: nothing happens
    >>> check_options(window_days=3, min_containment=1.5)
    Traceback (most recent call last):
    ...
    kit.errors.KitError: min_containment must be in (0, 1], got 1.5
    """
    if not isinstance(min_containment, (int, float)) or not 0 < min_containment <= 1:
        raise KitError(f"min_containment must be in (0, 1], got {min_containment!r}")
    if window_days is not None and (not isinstance(window_days, (int, float)) or window_days < 0):
        raise KitError(f"window_days must be a non-negative number or None, got {window_days!r}")


def _date_blocks(have: list[int], days: np.ndarray, window_days: float | None) -> tuple[dict, list[int]]:
    """Articles in blocks one window wide by date (an article meets its own block and the next one),
    and the undated articles (compared with every article); one block of all when there is no window."""
    dated = [i for i in have if not np.isnan(days[i])]
    undated = [i for i in have if np.isnan(days[i])]
    if window_days is None or not dated:
        return {0: have}, []
    width = max(float(window_days), 1.0)
    blocks: dict[int, list[int]] = {}
    for i in dated:
        blocks.setdefault(int(days[i] // width), []).append(i)
    return blocks, undated


def _lsh_candidates(sigs: list, days: np.ndarray, window_days: float | None, lsh_threshold: float, num_perm: int):
    """Candidate index pairs from datasketch ``MinHashLSH`` indexes over the date blocks (each pair once)."""
    from datasketch import MinHashLSH

    def index(members):
        lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
        for i in members:
            lsh.insert(i, sigs[i], check_duplication=False)
        return lsh

    have = [i for i in range(len(sigs)) if sigs[i] is not None]
    blocks, undated = _date_blocks(have, days, window_days)
    block_of = {i: k for k, members in blocks.items() for i in members}
    for k in sorted(blocks):
        lsh = index(blocks[k] + blocks.get(k + 1, []))
        for i in blocks[k]:
            for j in lsh.query(sigs[i]):
                if block_of[j] != k or j > i:  # a pair inside the block once; the next block always
                    yield i, j
    if undated:  # an undated article is compared with every article
        lsh = index(have)
        done = set()
        for i in undated:
            for j in lsh.query(sigs[i]):
                if j != i and (min(i, j), max(i, j)) not in done:
                    done.add((min(i, j), max(i, j)))
                    yield i, j


def _paragraphs(text) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()] if isinstance(text, str) else []


def _para_diff(origin: str, copy: str, k: int, *, so: np.ndarray | None = None, sc: np.ndarray | None = None,
               origin_paras: list | None = None) -> tuple[list[str], list[str]]:
    """Paragraphs of ``copy`` not found in ``origin`` (added) and of ``origin`` not in ``copy`` (removed).

    ``so`` / ``sc`` (the shingles of origin and copy) and ``origin_paras`` (``(paragraph, shingles)``
    of the origin) may be given when already computed: the result is the same.
    """
    so = shingles(origin, k) if so is None else so
    sc = shingles(copy, k) if sc is None else sc
    if origin_paras is None:
        origin_paras = [(p, shingles(p, k)) for p in _paragraphs(origin)]

    def missing(paras, other):
        out = []
        for p, s in paras:
            if len(s) and len(np.intersect1d(s, other, assume_unique=True)) / len(s) < PARAGRAPH_CONTAINMENT:
                out.append(p)
        return out

    return missing([(p, shingles(p, k)) for p in _paragraphs(copy)], so), missing(origin_paras, sc)


def pair_roots(pairs: pd.DataFrame) -> dict[str, str]:
    """Connected components of ``doc_id_a``-``doc_id_b`` pairs: every paired article -> the smallest
    ``doc_id`` of its component (union-find with path halving; articles in first-seen order).

    >>> pair_roots(pd.DataFrame({"doc_id_a": ["c", "x"], "doc_id_b": ["b", "y"]}))
    {'c': 'b', 'b': 'b', 'x': 'x', 'y': 'x'}
    """
    parent: dict[str, str] = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(pairs["doc_id_a"], pairs["doc_id_b"]):
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {d: find(d) for d in parent}


def clusters_of(pairs: pd.DataFrame, published: pd.Series) -> list[list[str]]:
    """Connected components of the near-duplicate ``pairs``, each sorted origin first.

    The origin is the earliest published member (undated last, then by ``doc_id``). ``published``
    is indexed by ``doc_id`` (timezone-aware timestamps or NaT) and holds every paired article.

    >>> pairs = pd.DataFrame({"doc_id_a": ["a", "c"], "doc_id_b": ["b", "b"]})
    >>> clusters_of(pairs, pd.Series(pd.to_datetime(["2023-01-03", "2023-01-02", None], utc=True), index=["a", "b", "c"]))
    [['b', 'a', 'c']]
    """
    roots = pair_roots(pairs)
    comps: dict[str, list[str]] = {}
    for d, r in roots.items():
        comps.setdefault(r, []).append(d)
    pub = published.to_dict()
    return [sorted(set(m), key=lambda d: (pd.isna(pub[d]), pub[d] if not pd.isna(pub[d]) else 0, d))
            for m in comps.values()]


def reprint_clusters(articles: pd.DataFrame, pairs: pd.DataFrame | None = None, *, corpus=None,
                     shingle_words: int = SHINGLE_WORDS, **options) -> pd.DataFrame:
    """Clusters of near-duplicates with their origin and what each copy changed.

    Parameters
    ----------
    articles : DataFrame with ``doc_id``, ``text``, optionally ``published`` and ``outlet``
    pairs : output of :func:`near_duplicate_pairs` (computed with ``options`` when None)
    corpus : the corpus ``articles`` were read from (as in :func:`dedupe`). When ``pairs`` is None
        and it is a corpus store, the pairs are the store's stored ones (computed once per corpus
        and options, :func:`kit.dedupe_store.corpus_pairs`); otherwise, or when the articles' dates
        differ from the store's, computed in memory. The clusters are the same either way.

    Returns
    -------
    DataFrame
        One row per article in a cluster of two or more: ``cluster`` (the origin's doc_id),
        ``doc_id``, ``outlet``, ``published``, ``is_origin``, ``cluster_size``, ``jaccard`` and
        ``containment`` (against the origin; 1.0 for the origin), ``n_added`` / ``n_removed``
        (paragraphs of the copy not in the origin / of the origin not in the copy), ``added`` /
        ``removed`` (those paragraphs, joined by a blank line), ``wire_credit`` (agencies credited
        anywhere in the cluster, comma-separated, or empty). Sorted by cluster, origin first, then
        publication and doc_id. ``attrs["pairs"]`` says where the pairs came from (``given``,
        ``stored`` or ``computed``).

    Examples
    --------
    >>> body = "The ministers met in Geneva on Monday.\\n\\nThey discussed the grain corridor and shipping insurance at length."
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                      "text": [body, body + "\\n\\nLocal farmers welcomed the news on Tuesday."],
    ...                      "published": pd.to_datetime(["2023-01-02", "2023-01-03"], utc=True)})
    >>> reprint_clusters(arts)[["cluster", "doc_id", "is_origin", "n_added", "n_removed"]]
      cluster doc_id  is_origin  n_added  n_removed
    0       a      a       True        0          0
    1       a      b      False        1          0
    """
    _check(articles)
    source = "given"
    if pairs is None:
        if corpus is not None:
            from kit.dedupe_store import corpus_pairs

            pairs = corpus_pairs(corpus, articles, shingle_words=shingle_words, **options)
        source = "computed" if pairs is None else "stored"
        if pairs is None:
            pairs = near_duplicate_pairs(articles, shingle_words=shingle_words, **options)
    elif options:
        raise KitError(f"options {sorted(options)} apply only when pairs is None")
    ids = articles["doc_id"].astype(str).tolist()
    text = dict(zip(ids, articles["text"].tolist()))
    outlet = dict(zip(ids, articles["outlet"].tolist())) if "outlet" in articles.columns else {}
    pub = (pd.Series(pd.to_datetime(articles["published"], utc=True, errors="coerce").to_numpy(), index=ids)
           if "published" in articles.columns else pd.Series(pd.NaT, index=ids, dtype="datetime64[ns, UTC]"))
    credits = wire_credits(articles).groupby("doc_id")["agency"].agg(lambda s: sorted(set(s)))
    rows = []
    for members in clusters_of(pairs, pub):
        origin = members[0]
        agencies = sorted({a for d in members for a in credits.get(d, [])})
        so = shingles(text[origin], shingle_words)
        origin_paras = [(p, shingles(p, shingle_words)) for p in _paragraphs(text[origin])]
        for d in members:
            if d == origin:
                (jac, con), added, removed = (1.0, 1.0), [], []
            else:
                sc = shingles(text[d], shingle_words)
                jac, con = _similarity(so, sc)
                added, removed = _para_diff(text[origin], text[d], shingle_words, so=so, sc=sc, origin_paras=origin_paras)
            rows.append({"cluster": origin, "doc_id": d, "outlet": outlet.get(d) if outlet else None,
                         "published": pub[d], "is_origin": d == origin, "cluster_size": len(members),
                         "jaccard": jac, "containment": con, "n_added": len(added), "n_removed": len(removed),
                         "added": "\n\n".join(added), "removed": "\n\n".join(removed),
                         "wire_credit": ", ".join(agencies)})
    cols = ["cluster", "doc_id", "outlet", "published", "is_origin", "cluster_size", "jaccard", "containment",
            "n_added", "n_removed", "added", "removed", "wire_credit"]
    out = sort_clusters(pd.DataFrame(rows, columns=cols))
    out.attrs["pairs"] = source
    return out


def sort_clusters(clusters: pd.DataFrame) -> pd.DataFrame:
    """The row order of :func:`reprint_clusters`: by cluster, origin first, then publication and doc_id.

    >>> rows = pd.DataFrame({"cluster": [1, 0, 0], "is_origin": [True, False, True], "doc_id": ["c", "b", "a"],
    ...                      "published": pd.to_datetime(["2024-01-03", "2024-01-02", "2024-01-01"])})
    >>> sort_clusters(rows)["doc_id"].tolist()
    ['a', 'b', 'c']
    """
    if not len(clusters):
        return clusters
    return clusters.sort_values(["cluster", "is_origin", "published", "doc_id"], ascending=[True, False, True, True],
                                kind="stable", na_position="last").reset_index(drop=True)


def wire_credits(articles: pd.DataFrame) -> pd.DataFrame:
    """Wire agency credits in the byline (``authors``) and the first and last paragraph.

    Returns
    -------
    DataFrame
        ``doc_id``, ``agency`` (one of the agencies of :data:`WIRE_CREDITS`), ``where``
        (``authors``, ``first_paragraph`` or ``last_paragraph``), ``evidence`` (the matched text);
        one row per article, agency and place.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "authors": [None, "Reuters"],
    ...                      "text": ["BEIJING (AP) — Talks resumed.\\n\\nMore later.", "Talks resumed."]})
    >>> wire_credits(arts)[["doc_id", "agency", "where", "evidence"]]
      doc_id   agency            where evidence
    0      a       AP  first_paragraph     (AP)
    1      b  Reuters          authors  Reuters
    """
    _check(articles)
    rows = []
    has_auth = "authors" in articles.columns
    for i, (d, t) in enumerate(zip(articles["doc_id"].astype(str), articles["text"])):
        places = []
        if has_auth:
            a = articles["authors"].iat[i]
            if isinstance(a, (list, tuple, np.ndarray)):
                a = "\n".join(map(str, a))
            if isinstance(a, str) and a:
                places.append(("authors", a))
        paras = _paragraphs(t)
        if paras:
            places.append(("first_paragraph", paras[0]))
            if len(paras) > 1:
                places.append(("last_paragraph", paras[-1]))
        for where, s in places:
            for agency, rx in _CREDIT_RES:
                m = rx.search(s)
                if m:
                    rows.append({"doc_id": d, "agency": agency, "where": where, "evidence": m.group().strip()})
    return pd.DataFrame(rows, columns=["doc_id", "agency", "where", "evidence"])


def reprint_provenance(clusters: pd.DataFrame) -> pd.DataFrame:
    """Who reprints whom: per source and reprinting outlet, the number of reprints.

    The source of a cluster is the wire agency it credits (when exactly one is credited: evidence
    from the text), else the outlet of its earliest article.

    Returns
    -------
    DataFrame
        ``source``, ``source_kind`` (``wire credit`` or ``earliest outlet``), ``outlet`` (the
        reprinting outlet), ``n_reprints``, ``n_clusters``, ``mean_containment``, sorted by
        ``n_reprints`` (descending), source and outlet.

    Examples
    --------
    >>> cl = pd.DataFrame({"cluster": ["a", "a", "a"], "doc_id": ["a", "b", "c"], "outlet": ["X", "Y", "Y"],
    ...                    "is_origin": [True, False, False], "containment": [1.0, 0.9, 0.8], "wire_credit": ""})
    >>> reprint_provenance(cl)
      source      source_kind outlet  n_reprints  n_clusters  mean_containment
    0      X  earliest outlet      Y           2           1              0.85
    """
    cols = ["source", "source_kind", "outlet", "n_reprints", "n_clusters", "mean_containment"]
    if clusters.empty:
        return pd.DataFrame(columns=cols)
    origin = clusters[clusters["is_origin"]].set_index("cluster")
    c = clusters[~clusters["is_origin"]].copy()
    credit = c["cluster"].map(origin["wire_credit"]).fillna("")
    single = credit.ne("") & ~credit.str.contains(",")
    c["source"] = np.where(single, credit, c["cluster"].map(origin["outlet"]).astype(str))
    c["source_kind"] = np.where(single, "wire credit", "earliest outlet")
    c["outlet"] = c["outlet"].astype(str)
    out = (c.groupby(["source", "source_kind", "outlet"], sort=False)
           .agg(n_reprints=("doc_id", "size"), n_clusters=("cluster", "nunique"), mean_containment=("containment", "mean"))
           .reset_index())
    return out.sort_values(["n_reprints", "source", "outlet"], ascending=[False, True, True], kind="stable").reset_index(drop=True)[cols]


def reprint_share(articles: pd.DataFrame, clusters: pd.DataFrame, *, group_by: str | None = "outlet") -> pd.DataFrame:
    """Per group (a column, a period such as ``month``, or None for all): articles, reprints (copies
    of an earlier article in the corpus: the non-origin members of ``clusters``) and their share.

    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "Y", "Y"], "text": ["t"] * 3})
    >>> cl = pd.DataFrame({"cluster": ["a", "a"], "doc_id": ["a", "b"], "is_origin": [True, False]})
    >>> reprint_share(arts, cl)
      outlet  n_articles  n_reprints  reprint_share
    0      X           1           0            0.0
    1      Y           2           1            0.5
    """
    from kit.groups import group_column, group_name

    name = group_name(group_by)
    copies = set(clusters.loc[~clusters["is_origin"].astype(bool), "doc_id"].astype(str)) if len(clusters) else set()
    g = pd.DataFrame({name: group_column(articles, group_by).to_numpy(),
                      "reprint": articles["doc_id"].astype(str).isin(copies).to_numpy()})
    out = g.groupby(name, sort=True).agg(n_articles=("reprint", "size"), n_reprints=("reprint", "sum")).reset_index()
    out["n_reprints"] = out["n_reprints"].astype("int64")
    out["reprint_share"] = out["n_reprints"] / out["n_articles"]
    return out


def dedupe(articles: pd.DataFrame, mode: str = "exact", *, corpus=None, **options) -> pd.DataFrame:
    """The one switch for every analysis: keep all articles, drop exact duplicates, or drop reprints too.

    Parameters
    ----------
    articles : the articles table
    mode : ``"none"`` (keep everything), ``"exact"`` (default: drop articles whose normalised body
        equals an earlier one's: ``duplicate_of`` set at ingest, or the same ``content_hash`` /
        text), ``"near"`` (also drop every non-origin member of a near-duplicate cluster, see
        :func:`reprint_clusters`; ``options`` go to :func:`near_duplicate_pairs`)
    corpus : the corpus ``articles`` were read from (a report's corpus path). When it is a corpus
        store, mode ``near`` reads the store's near-duplicate pairs, computed once per corpus and
        options into ``derived/near_duplicates/`` (:func:`kit.dedupe_store.corpus_pairs`), instead
        of comparing the articles again; the result is the same. Sources, a ``.parquet`` corpus,
        None, or articles whose dates differ from the store's (dates a report set to missing):
        computed in memory.

    Returns
    -------
    DataFrame
        ``articles`` without the dropped rows (a new table, same columns, original order);
        ``attrs["dedupe"]`` says the mode, how many rows were dropped and kept, and (mode ``near``)
        where the pairs came from (``pairs``: ``stored`` or ``computed``).

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["Same text.", "Same text.", "Other."]})
    >>> dedupe(arts)["doc_id"].tolist(), dedupe(arts, "none")["doc_id"].tolist()
    (['a', 'c'], ['a', 'b', 'c'])
    >>> dedupe(arts, "fuzzy")
    Traceback (most recent call last):
    ...
    kit.errors.KitError: unknown dedupe mode 'fuzzy'; use one of none, exact, near
    """
    if mode not in DEDUPE_MODES:
        raise KitError(f"unknown dedupe mode {mode!r}; use one of {', '.join(DEDUPE_MODES)}")
    _check(articles, ("doc_id",) if mode == "none" or "content_hash" in articles.columns else ("doc_id", "text"))
    if options and mode != "near":
        raise KitError(f"options {sorted(options)} apply only to mode='near'")
    bad = sorted(set(options) - set(NEAR_OPTIONS))
    if bad:
        raise KitError(f"unknown near-duplicate option(s) {', '.join(bad)} (choose from {', '.join(NEAR_OPTIONS)})")
    drop = pd.Series(False, index=articles.index)
    if mode in ("exact", "near"):
        if "duplicate_of" in articles.columns:
            drop |= articles["duplicate_of"].notna()
        if "content_hash" in articles.columns:
            key = articles["content_hash"]
        else:
            from kit.schema import normalise_for_hash

            key = articles["text"].fillna("").map(normalise_for_hash)
        rest = key[~drop]  # a copy marked at ingest is gone: its original is kept, whatever the row order
        drop |= (rest.duplicated(keep="first") & rest.notna()).reindex(articles.index, fill_value=False)
    info = {}
    if mode == "near":
        kept = articles[~drop]
        pairs = None
        if corpus is not None:
            from kit.dedupe_store import corpus_pairs

            pairs = corpus_pairs(corpus, kept, **options)
        info["pairs"] = "computed" if pairs is None else "stored"
        if pairs is None:
            if "text" not in kept.columns and corpus is not None:  # articles read without their texts
                from kit.analyse.reading import with_text

                kept = with_text(corpus, kept)
            pairs = near_duplicate_pairs(kept, **options)
        ids = kept["doc_id"].astype(str)
        pub = (pd.Series(pd.to_datetime(kept["published"], utc=True, errors="coerce").to_numpy(), index=ids)
               if "published" in kept.columns else pd.Series(pd.NaT, index=ids, dtype="datetime64[ns, UTC]"))
        copies = {d for members in clusters_of(pairs, pub) for d in members[1:]}  # all but the origin
        drop |= articles["doc_id"].astype(str).isin(copies)
    out = articles[~drop].copy()
    out.attrs["dedupe"] = {"mode": mode, "dropped": int(drop.sum()), "kept": int(len(out)), **info}
    return out


def plot_provenance(provenance: pd.DataFrame, *, title: str | None = "Who reprints whom", source: str | None = None):
    """Heat map of :func:`reprint_provenance`: sources (rows) by reprinting outlets (columns), the
    number of reprints in each cell. Returns the matplotlib figure.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> pv = pd.DataFrame({"source": ["AP", "X"], "outlet": ["Y", "Y"], "n_reprints": [3, 1]})
    >>> fig = plot_provenance(pv)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['AP', 'X']
    """
    from kit import plots

    plots._need(provenance, {"source": "source", "outlet": "outlet", "n_reprints": "n_reprints"}, "plot_provenance")
    with plots.style():
        if provenance.empty:
            fig, ax = plots._new_figure()
            plots._no_data(ax, "No reprints found")
            plots._finish(fig, title=title, source=source)
            return fig
        m = provenance.pivot_table(index="source", columns="outlet", values="n_reprints", aggfunc="sum", fill_value=0)
        m = m.sort_index().sort_index(axis=1)
        fig, ax = plots._new_figure(figsize=(max(4.5, 1.1 * m.shape[1] + 2.5), max(2.5, 0.45 * m.shape[0] + 1.5)))
        im = ax.imshow(m.to_numpy(), cmap="Blues", aspect="auto")
        ax.set_xticks(range(m.shape[1]), [str(c) for c in m.columns], rotation=30, ha="right")
        ax.set_yticks(range(m.shape[0]), [str(i) for i in m.index])
        ax.set_xlabel("reprinted by")
        ax.set_ylabel("source")
        ax.grid(False)
        hi = m.to_numpy().max()
        for (r, c), v in np.ndenumerate(m.to_numpy()):
            if v:
                ax.text(c, r, f"{int(v)}", ha="center", va="center", color="white" if v > hi / 2 else "black")
        fig.colorbar(im, ax=ax, label="reprints")
        plots._finish(fig, title=title, source=source)
    return fig
