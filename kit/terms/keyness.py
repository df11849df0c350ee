r"""Comparing groups: keyness (log-likelihood G2, log ratio, chi-squared) and weighted log-odds.

For a term with count :math:`a` in the target corpus of :math:`c` tokens and :math:`b` in the
reference corpus of :math:`d` tokens:

- **Log-likelihood G2** (Dunning 1993; as computed by Rayson & Garside 2000):
  :math:`E_1 = c(a+b)/(c+d)`, :math:`E_2 = d(a+b)/(c+d)`,
  :math:`G^2 = 2\,[a\ln(a/E_1) + b\ln(b/E_2)]` with :math:`0 \ln 0 = 0`. The kit reports it
  **signed**: positive when the term is relatively more frequent in the target
  (:math:`a/c > b/d`), negative otherwise, so swapping target and reference flips the sign.
  ``p_value`` is the upper tail of :math:`\chi^2_1` at :math:`|G^2|`.
- **Log ratio** (Hardie 2014): :math:`\log_2\big((a/c)/(b/d)\big)`; a zero count is replaced by
  0.5 so the ratio stays finite. 1 means twice as frequent in the target.
- **Document frequency**: ``docs_target`` / ``docs_reference`` count the documents of each side
  holding the term; ``min_docs`` keeps terms found in enough documents.
- **Pearson's chi-squared** (optional, ``chi2=True``): on the 2x2 table
  :math:`[[a, b], [c-a, d-b]]`, without continuity correction, signed like G2.
- **Bonferroni** (``correction="bonferroni"``): ``p_adjusted`` = min(1, p x m) for m terms tested;
  ``significant`` is ``p_adjusted < alpha``.
- **Weighted log-odds with an informative Dirichlet prior** (Monroe, Colaresi & Quinn 2008,
  eqs. 16 and 20): for group :math:`i` against the rest :math:`j`, with counts :math:`y_w`,
  totals :math:`n`, prior :math:`\alpha_w` and :math:`\alpha_0 = \sum_w \alpha_w`,

  .. math::
     \delta_w = \ln\frac{y^i_w+\alpha_w}{n^i+\alpha_0-y^i_w-\alpha_w}
              - \ln\frac{y^j_w+\alpha_w}{n^j+\alpha_0-y^j_w-\alpha_w},\qquad
     \sigma^2_w \approx \frac{1}{y^i_w+\alpha_w} + \frac{1}{y^j_w+\alpha_w},\qquad
     z_w = \delta_w/\sigma_w.

  ``prior="corpus"`` (default) sets :math:`\alpha_w = s \cdot y_w` (the term's count in the whole
  corpus, times ``prior_scale`` s); ``prior="uniform"`` sets :math:`\alpha_w = s`.

Keyness and log-odds share ``term``, ``n_target``, ``n_reference`` and ``direction`` so a notebook
can switch method without renaming columns.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

import numpy as np
import pandas as pd

from kit.errors import KitValueError
from kit.groups import UNKNOWN as UNKNOWN_GROUP  # missing groups: one group, labelled as everywhere
from kit.terms._args import check_columns, check_counts, renamed

__all__ = ["keyness", "log_odds", "largest_group", "NOT_KEYWORDS"]

#: Terms that are never keywords: times of day (the tokenizer keeps "a.m." as one token, and
#: outlets that print times in every dateline make it look key). They still count in corpus sizes.
NOT_KEYWORDS = frozenset({"a.m.", "p.m.", "a.m", "p.m"})



def _group_totals(counts, group, term_col, n_col) -> pd.DataFrame:
    """Wide table: one row per term, one column per group value."""
    wide = counts.pivot_table(index=term_col, columns=group, values=n_col, aggfunc="sum", fill_value=0, observed=True)
    return wide


def _xlogx_ratio(obs: np.ndarray, exp: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(obs > 0, obs * np.log(obs / exp), 0.0)


@renamed(group="group_by")
def largest_group(counts: pd.DataFrame, *, group_by: str, n_col: str = "n"):
    """The value of ``group_by`` with the most tokens (a default target for :func:`keyness`).

    >>> counts = pd.DataFrame({"outlet": ["A", "B", "B"], "term": ["x", "x", "y"], "n": [5, 1, 2]})
    >>> largest_group(counts, group_by="outlet")
    'A'
    """
    check_columns(counts, [group_by, n_col], "counts")
    if counts.empty:
        raise KitValueError("counts is empty: no tokens to compare")
    tot = counts.groupby(group_by, sort=True)[n_col].sum()
    return tot.sort_values(ascending=False, kind="stable").index[0]


_CORRECTIONS = (None, "bonferroni")


def _group_values(counts: pd.DataFrame, group: str) -> pd.Series:
    """The group column with missing values labelled :data:`UNKNOWN_GROUP`, so keyness against
    "all others" and log-odds count the same tokens."""
    col = counts[group]
    missing = col.isna()
    if missing.any():
        col = col.astype(object).where(~missing, UNKNOWN_GROUP)
    return col


def _excluded(exclude) -> frozenset[str]:
    """Terms to leave out of a result table (``exclude`` as the ``stopwords`` option, or None)."""
    if exclude is None:
        return frozenset()
    from kit.text import stopword_set as _stopwords

    return _stopwords(exclude)


def _check_count_arg(name: str, v) -> None:
    if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 0:
        raise KitValueError(f"{name} must be a non-negative integer, got {v!r}")


#: Column of per-group counts giving the documents of the group that use the term (summed per side).
DOCS_COL = "n_docs"


def _doc_freq(counts: pd.DataFrame, terms: pd.Index, term_col: str, n_col: str, doc_col: str) -> np.ndarray:
    """Documents of ``counts`` holding each of ``terms`` (a positive count), in the order of ``terms``."""
    pos = counts[counts[n_col] > 0]
    if doc_col not in pos.columns and DOCS_COL in pos.columns:  # counts per group (kit.analyse.group_counts)
        df = pos.groupby(term_col)[DOCS_COL].sum()
    else:
        df = pos.groupby(term_col)[doc_col].nunique()
    return df.reindex(terms, fill_value=0).to_numpy(dtype=np.int64)


def _side_sums(counts: pd.DataFrame, is_t: np.ndarray, is_r: np.ndarray, term_col: str, n_col: str):
    """For integer counts: the terms with a row on either side (sorted, as a union of group-by
    indexes), each side's count and (from ``n_docs``, where the term occurs) documents."""
    codes, uniques = pd.factorize(counts[term_col], sort=True)  # missing terms: -1, left out
    ok = codes >= 0
    n = counts[n_col].to_numpy()
    docs = counts[DOCS_COL].to_numpy() if DOCS_COL in counts.columns else None
    k = len(uniques)
    present = np.bincount(codes[ok & (is_t | is_r)], minlength=k) > 0
    out = [pd.Index(uniques)[present]]
    for side in (is_t, is_r):
        sel = ok & side
        out.append(np.bincount(codes[sel], weights=n[sel], minlength=k)[present])
    for side in (is_t, is_r):
        sel = ok & side & (n > 0)
        out.append(np.zeros(int(present.sum()), dtype=np.int64) if docs is None
                   else np.bincount(codes[sel], weights=docs[sel], minlength=k)[present].astype(np.int64))
    return tuple(out)


def _direction(diff: np.ndarray) -> np.ndarray:
    """"target" for a positive difference, "reference" for a negative one, "none" for zero."""
    out = np.full(len(diff), "none", dtype=object)
    out[diff > 0] = "target"
    out[diff < 0] = "reference"
    return out


@renamed(group="group_by")
def keyness(
    counts: pd.DataFrame,
    *,
    group_by: str,
    target,
    reference=None,
    min_count: int = 0,
    min_docs: int = 1,
    chi2: bool = False,
    correction: str | None = None,
    alpha: float = 0.05,
    exclude: str | Iterable[str] | None = None,
    term_col: str = "term",
    n_col: str = "n",
    doc_col: str = "doc_id",
) -> pd.DataFrame:
    """Keywords of a target group against a reference group (or all other groups).

    Parameters
    ----------
    counts : DataFrame
        Tidy counts with ``term``, ``n``, ``doc_id`` and the ``group_by`` column (e.g. from
        ``count_terms(articles, group_by="outlet", stopwords=None)``). Corpus sizes are the sums of
        ``n`` per side, so pass untrimmed counts (stopwords included) and leave terms out of the
        result with ``min_count``, ``min_docs`` and ``exclude``.
    group_by : str
        Column holding the groups; a missing value is the group ``"(unknown)"``. (Formerly ``group``.)
    target : value of ``group_by``
    reference : value of ``group_by`` or None
        None compares against every other group together.
    min_count : int
        Keep terms with ``n_target + n_reference >= min_count``.
    min_docs : int
        Keep terms found in at least this many documents of target and reference together
        (``docs_target + docs_reference >= min_docs``), so a name repeated in one article does not
        top the list; needs a ``doc_id`` column when above 1.
    chi2 : bool
        Add Pearson's chi-squared (``chi2`` and ``chi2_p_value``).
    correction : {None, "bonferroni"}
        Adds ``p_adjusted`` and ``significant``; the number of tests is the number of rows
        returned (after ``min_count`` and ``exclude``).
    alpha : float
        Significance level for ``significant``, strictly between 0 and 1.
    exclude : None, {"english", "kit", "nltk"} or iterable of str
        Terms left out of the result *after* scoring (e.g. ``"english"`` for stopwords): they
        still count in the corpus sizes c and d. The times of day of :data:`NOT_KEYWORDS`
        (``a.m.``, ``p.m.``) are always left out.

    Returns
    -------
    DataFrame
        ``term``, ``n_target``, ``n_reference``, ``docs_target``, ``docs_reference`` (documents of
        each side containing the term; missing without a ``doc_id`` column), ``per_million_target``, ``per_million_reference``,
        ``g2`` (signed log-likelihood), ``p_value``, ``log_ratio``, ``direction`` ("target",
        "reference", or "none" when the relative frequencies are equal), [``chi2``, ``chi2_p_value``], [``p_adjusted``, ``significant``]; sorted by
        ``g2`` descending (keywords of the target first, of the reference last).

    Examples
    --------
    >>> counts = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "term": ["tariff", "talks", "tariff", "talks"],
    ...                        "n": [30, 70, 10, 90]})
    >>> keyness(counts, group_by="outlet", target="A")[["term", "n_target", "n_reference", "g2", "log_ratio"]].round(3).values.tolist()
    [['tariff', 30, 10, 10.465, 1.585], ['talks', 70, 90, -2.507, -0.363]]
    >>> keyness(counts, group_by="outlet", target="A", exclude=["talks"])["term"].tolist()
    ['tariff']

    A name repeated in one article stops topping the list with ``min_docs``:

    >>> counts = pd.DataFrame({"outlet": ["A", "A", "A", "B"], "doc_id": ["a1", "a1", "a2", "b1"],
    ...                        "term": ["smith", "trade", "trade", "trade"], "n": [9, 1, 4, 5]})
    >>> keyness(counts, group_by="outlet", target="A")[["term", "docs_target", "docs_reference"]].values.tolist()
    [['smith', 1, 0], ['trade', 2, 1]]
    >>> keyness(counts, group_by="outlet", target="A", min_docs=2)["term"].tolist()
    ['trade']
    """
    check_counts(counts, [group_by], term_col, n_col)
    gcol = _group_values(counts, group_by)
    groups = pd.unique(gcol)
    if target not in set(groups):
        raise KitValueError(f"target {target!r} is not a value of {group_by!r}; values are {sorted(map(str, groups))}")
    if reference is not None:
        if reference not in set(groups):
            raise KitValueError(f"reference {reference!r} is not a value of {group_by!r}; values are {sorted(map(str, groups))}")
        if reference == target:
            raise KitValueError("reference must differ from target")
    if correction not in _CORRECTIONS:
        raise KitValueError(f"unknown correction {correction!r}; choose one of {list(_CORRECTIONS)}")
    _check_count_arg("min_count", min_count)
    _check_count_arg("min_docs", min_docs)
    has_docs = doc_col in counts.columns or DOCS_COL in counts.columns
    if min_docs > 1 and not has_docs:
        raise KitValueError(f"min_docs needs a {doc_col!r} column in counts (count_terms gives one)")
    if not isinstance(chi2, (bool, np.bool_)):
        raise KitValueError(f"chi2 must be True or False, got {chi2!r}")
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real) or not 0 < alpha < 1:
        raise KitValueError(f"alpha must be a number strictly between 0 and 1, got {alpha!r}")
    drop = _excluded(exclude) | NOT_KEYWORDS
    is_t = np.asarray(gcol == target, dtype=bool)
    is_r = np.asarray(gcol == reference, dtype=bool) if reference is not None else ~is_t
    by_code = doc_col not in counts.columns and pd.api.types.is_integer_dtype(counts[n_col].dtype)
    if by_code:  # integer counts (e.g. per group): summed by term code, no string index to align
        terms, a, b, da, db = _side_sums(counts, is_t, is_r, term_col, n_col)
    else:
        t = counts[is_t].groupby(term_col)[n_col].sum()
        r = counts[is_r].groupby(term_col)[n_col].sum()
        terms = t.index.union(r.index)
        a = t.reindex(terms, fill_value=0).to_numpy(dtype=float)
        b = r.reindex(terms, fill_value=0).to_numpy(dtype=float)
    c, d = a.sum(), b.sum()
    if c == 0 or d == 0:
        raise KitValueError("target and reference must both contain tokens")
    if not has_docs:
        da = db = np.zeros(len(terms), dtype=np.int64)
    elif not by_code:
        da, db = (_doc_freq(counts[side], terms, term_col, n_col, doc_col) for side in (is_t, is_r))
    keep = ((a + b) >= min_count) & ((a + b) > 0) & ((da + db) >= min_docs if has_docs else True)
    keep &= ~np.asarray(terms.isin(list(drop)), dtype=bool)
    a, b, terms, da, db = a[keep], b[keep], terms[keep], da[keep], db[keep]
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    g2 = 2 * (_xlogx_ratio(a, e1) + _xlogx_ratio(b, e2))
    g2 = np.maximum(g2, 0.0)
    # a/c against b/d compared exactly as a*d against b*c: equal rates give sign 0 and G2 0
    sign = np.sign(a * d - b * c)
    out = pd.DataFrame(
        {
            "term": np.asarray(terms, dtype=object),
            "n_target": a.astype("int64"),
            "n_reference": b.astype("int64"),
            "docs_target": pd.array(da, dtype="Int64") if has_docs else pd.array([pd.NA] * len(a), dtype="Int64"),
            "docs_reference": pd.array(db, dtype="Int64") if has_docs else pd.array([pd.NA] * len(a), dtype="Int64"),
            "per_million_target": a / c * 1e6,
            "per_million_reference": b / d * 1e6,
            "g2": sign * g2,
            "p_value": _chi2_sf(g2),
            "log_ratio": np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d)),
            "direction": _direction(sign),
        }
    )
    if chi2:
        n = c + d
        # 2x2 table [[a, b], [c - a, d - b]]; expected = row total * column total / n
        obs = np.stack([a, b, c - a, d - b])
        exp = np.stack([e1, e2, c * (n - a - b) / n, d * (n - a - b) / n])
        with np.errstate(divide="ignore", invalid="ignore"):
            x2 = np.where(exp > 0, (obs - exp) ** 2 / exp, 0.0).sum(axis=0)
        out["chi2"] = sign * x2
        out["chi2_p_value"] = _chi2_sf(x2)
    if correction == "bonferroni":
        out["p_adjusted"] = np.minimum(1.0, out["p_value"] * max(len(out), 1))
        out["significant"] = out["p_adjusted"] < alpha
    out = out.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return out


_PRIORS = ("corpus", "uniform")


def _chosen_groups(uniques, groups) -> list[int]:
    """Positions in ``uniques`` of the group values asked for (a value or its text matches)."""
    wanted = [groups] if isinstance(groups, str) or not isinstance(groups, Iterable) else list(groups)
    as_text = {str(g) for g in wanted}
    return [k for k, g in enumerate(uniques) if g in wanted or str(g) in as_text]


@renamed(group="group_by")
def log_odds(
    counts: pd.DataFrame,
    *,
    group_by: str,
    prior: str = "corpus",
    prior_scale: float = 1.0,
    min_count: int = 0,
    exclude: str | Iterable[str] | None = None,
    groups=None,
    top: int | None = None,
    term_col: str = "term",
    n_col: str = "n",
) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008),
    each group against all the others.

    Parameters
    ----------
    counts : DataFrame with ``term``, ``n`` and the ``group_by`` column
    group_by : str
        Column holding the groups. (Formerly ``group``.)
    prior : {"corpus", "uniform"}
        ``"corpus"``: alpha_w = prior_scale x count of w in the whole corpus; ``"uniform"``:
        alpha_w = prior_scale for every term.
    prior_scale : float
        Strength of the prior (> 0).
    min_count : int
        Keep terms whose corpus count is at least this (after the prior is computed); terms with
        no occurrence at all are never scored.
    exclude : None, {"english", "kit", "nltk"} or iterable of str
        Terms left out of the result after scoring (they still count in the totals and the prior);
        :data:`NOT_KEYWORDS` are always left out.
    groups : value, list of values or None
        Return the rows of these groups only (a value or its text, as in a report's ``target``);
        the scores are the same as in the full table, since totals and prior always come from
        every group. None: every group. A per-outlet report asks for its outlet only, so its cost
        does not grow with the number of groups.
    top : int or None
        The first ``top`` rows of each group only (highest ``z``), e.g. for a table of the most
        distinctive terms of each group; None: all rows.

    Returns
    -------
    DataFrame
        the ``group_by`` column (a missing value is the group ``"(unknown)"``), ``term``, ``n_target``
        (count in the group), ``n_reference`` (count in the other groups), ``delta`` (log-odds
        ratio), ``variance``, ``z`` (delta / sqrt(variance)), ``direction`` ("target" for z > 0,
        "reference" for z < 0, "none" for z = 0); sorted by group, then ``z`` descending, then term.

    Examples
    --------
    >>> counts = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "term": ["tariff", "talks", "tariff", "talks"],
    ...                        "n": [30, 70, 10, 90]})
    >>> log_odds(counts, group_by="outlet")[["outlet", "term", "z"]].round(3).values.tolist()
    [['A', 'tariff', 2.267], ['A', 'talks', -4.595], ['B', 'talks', 4.595], ['B', 'tariff', -2.267]]
    >>> log_odds(counts, group_by="outlet", groups="B", top=1)[["outlet", "term", "z"]].round(3).values.tolist()
    [['B', 'talks', 4.595]]
    """
    from scipy import sparse

    check_counts(counts, [group_by], term_col, n_col)
    if prior not in _PRIORS:
        raise KitValueError(f"unknown prior {prior!r}; choose one of {list(_PRIORS)}")
    if isinstance(prior_scale, bool) or not (isinstance(prior_scale, numbers.Real) and prior_scale > 0 and math.isfinite(prior_scale)):
        raise KitValueError(f"prior_scale must be a positive number, got {prior_scale!r}")
    prior_scale = float(prior_scale)
    _check_count_arg("min_count", min_count)
    if top is not None:
        _check_count_arg("top", top)
    drop = _excluded(exclude) | NOT_KEYWORDS
    # terms x groups, summed over duplicate rows (terms and groups in sorted order, as a pivot table)
    g_codes, g_uniques = pd.factorize(_group_values(counts, group_by), sort=True)
    t_codes, t_uniques = pd.factorize(counts[term_col], sort=True)
    if len(g_uniques) < 2:
        raise KitValueError(f"log_odds needs at least two values of {group_by!r}")
    vals = counts[n_col].to_numpy(dtype=float)
    ok = (g_codes >= 0) & (t_codes >= 0)
    y = sparse.csc_matrix((vals[ok], (t_codes[ok], g_codes[ok])), shape=(len(t_uniques), len(g_uniques)))
    y_all = np.asarray(y.sum(axis=1), dtype=float).ravel()
    alpha = prior_scale * y_all if prior == "corpus" else np.full(len(y_all), float(prior_scale))
    a0 = alpha.sum()
    keep = (y_all >= min_count) & (y_all > 0)
    keep &= ~np.asarray(pd.Index(t_uniques).isin(list(drop)), dtype=bool)
    kept = np.flatnonzero(keep)
    terms = np.asarray(t_uniques, dtype=object)
    n_all = y_all.sum()
    chosen = range(len(g_uniques)) if groups is None else _chosen_groups(g_uniques, groups)
    parts = []
    for k in chosen:
        yi = y[:, k].toarray().ravel()
        yj = y_all - yi
        ni = yi.sum()
        nj = n_all - ni
        yi, yj, al = yi[kept], yj[kept], alpha[kept]
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = np.log((yi + al) / (ni + a0 - yi - al)) - np.log((yj + al) / (nj + a0 - yj - al))
            var = 1.0 / (yi + al) + 1.0 / (yj + al)
        z = delta / np.sqrt(var)
        order = np.lexsort((kept, -z))  # z descending (NaN last), then term (codes are in sorted order)
        if top is not None:
            order = order[:top]
        parts.append(pd.DataFrame({
            group_by: np.repeat(np.asarray(g_uniques, dtype=object)[k:k + 1], len(order)),
            "term": terms[kept[order]],
            "n_target": yi[order].astype("int64"),
            "n_reference": yj[order].astype("int64"),
            "delta": delta[order],
            "variance": var[order],
            "z": z[order],
            "direction": _direction(z[order]),
        }))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in ((group_by, object), ("term", object), ("n_target", "int64"),
                             ("n_reference", "int64"), ("delta", float), ("variance", float), ("z", float),
                             ("direction", object))})
    return pd.concat(parts, ignore_index=True)


def _chi2_sf(x):
    """Upper tail of the chi-squared distribution with one degree of freedom: ``scipy.stats.chi2.sf(x, 1)``
    exactly, through the function it calls (``scipy.special.chdtrc``; 1 below zero, as scipy.stats
    gives). Imported here, and not from ``scipy.stats``, whose import costs seconds that ``kit terms``
    and every per-outlet report would pay."""
    from scipy.special import chdtrc

    return chdtrc(1, np.maximum(np.asarray(x, dtype=float), 0.0))
