"""Seeded bootstrap intervals for shares and means over articles.

One algorithm serves every interval of the frames, actors and tone tables, so that a rerun with the
same seed gives the same numbers and a test can recompute them independently:

1. ``rng = numpy.random.default_rng(seed)``, created afresh for every group (so a group's interval
   does not depend on which other groups are in the table, or on their order);
2. ``n_boot`` resamples of the group's ``n`` units (articles) with replacement, drawn as
   ``rng.integers(0, n, size=(b, n))`` in consecutive blocks of rows (the same stream as one
   ``(n_boot, n)`` draw), each giving the column sums of its units' rows
   (:func:`resampled_sums`);
3. the statistic of each resample is ``sum(sums[idx]) / sum(counts[idx])``: with ``counts`` all 1
   that is the mean (a share when the values are 0/1); with counts (e.g. sentences per article)
   it is a ratio estimator, i.e. a cluster bootstrap that resamples whole articles;
4. the interval is the percentile interval: the ``(1 - ci) / 2`` and ``1 - (1 - ci) / 2``
   quantiles of the resampled statistics (``numpy.quantile``, linear interpolation;
   :func:`percentile_interval`).

The quote scores' intervals (:func:`kit.quotes.polnear.score_intervals`,
:func:`kit.quotes_eval.score_intervals`) resample articles with the same two functions: their
figures have a denominator each (and F1 is no ratio), so they take the resampled sums of
per-article count columns from :func:`resampled_sums` and compute every figure from them.

**Small cases, one convention** (:func:`bootstrap_intervals`, which :func:`bootstrap_ci` and the
quote scores' intervals both go through): a group of fewer than two units (none, or one) and
``n_boot=0`` get **no** bootstrap interval (NaN), never an error: every resample of one article is
that article, so the percentile interval would have zero width and look like certainty, and with
none there is nothing to resample. A figure that is undefined in some resamples (a zero
denominator) is the caller's choice of ``figures``: :func:`bootstrap_ci` gives that statistic no
interval at all, the quote scores leave those resamples out (a resample with no quote of a form has
no accuracy for it; :func:`percentile_interval`).

Shares of articles (a frame present or not) get a **Wilson score interval** instead
(:func:`wilson_ci`; Wilson 1927, "Probable inference, the law of succession, and statistical
inference", JASA 22(158); recommended for small samples by Brown, Cai & DasGupta 2001,
"Interval estimation for a binomial proportion", Statistical Science 16(2)). It needs no
resampling, stays inside [0, 1], and has a sensible width for small groups, even for one article
(1 of 1 gives about [0.21, 1.00] at 95%), where the percentile bootstrap collapses to a point.

Reference: Efron & Tibshirani (1993), *An Introduction to the Bootstrap*, ch. 13 (percentile
interval); for clustered data, Field & Welsh (2007), "Bootstrapping clustered data", JRSS B 69(3).
"""
from __future__ import annotations

import numpy as np

from kit.errors import KitValueError
from kit.validate import check_int, check_number

__all__ = ["bootstrap_ci", "bootstrap_intervals", "check_bootstrap_args", "percentile_interval", "resampled_sums",
           "wilson_ci"]

_BLOCK_CELLS = 4_000_000  # indices drawn per block (about 32 MB of int64)


def check_bootstrap_args(n_boot, seed, ci) -> None:
    """Fail loudly on a bad ``n_boot``, ``seed`` or ``ci``.

    >>> check_bootstrap_args(1000, 0, 0.95)
    >>> check_bootstrap_args(-1, 0, 0.95)
    Traceback (most recent call last):
    ...
    kit.errors.KitValueError: n_boot must be a non-negative integer (0 turns intervals off), got -1
    """
    check_int(n_boot, "n_boot", min=0, note="0 turns intervals off")
    check_int(seed, "seed", min=0)
    check_number(ci, "ci", min=0, max=1, exclusive=True, note="e.g. 0.95")


def bootstrap_ci(sums, counts=None, *, n_boot: int = 1000, seed: int = 0, ci: float = 0.95):
    """Percentile bootstrap interval of ``sum(sums) / sum(counts)`` over resampled units.

    Parameters
    ----------
    sums : array of shape (n,) or (n, k)
        One row per unit (article); with k columns, k statistics share the same resamples.
    counts : array of shape (n,), optional
        Denominator per unit (default 1 each: the statistic is the mean of ``sums``).
    n_boot : int
        Number of resamples; 0 gives NaN intervals.
    seed : int
        Seed of ``numpy.random.default_rng``.
    ci : float
        Coverage of the interval (0.95 for a 95% interval).

    Returns
    -------
    (low, high) : two float arrays of shape (k,) (or two floats for 1-d ``sums``); NaN when
        there are fewer than two units (one unit resamples to itself: a zero-width interval
        would look like certainty), when ``n_boot`` is 0, or when a resample has a zero
        denominator.

    Examples
    --------
    >>> lo, hi = bootstrap_ci([1, 1, 1, 1])
    >>> float(lo), float(hi)
    (1.0, 1.0)
    >>> bootstrap_ci([0.7])
    (nan, nan)
    >>> lo, hi = bootstrap_ci([0, 1, 0, 1, 1, 0, 1, 1, 0, 1], n_boot=2000, seed=1)
    >>> bool(0.2 < lo < 0.6 < hi < 0.95)
    True
    """
    check_bootstrap_args(n_boot, seed, ci)
    x = np.asarray(sums, dtype=float)
    one_d = x.ndim == 1
    if one_d:
        x = x[:, None]
    if x.ndim != 2:
        raise KitValueError(f"sums must be 1-d or 2-d, got shape {x.shape}")
    n, k = x.shape
    w = np.ones(n) if counts is None else np.asarray(counts, dtype=float)
    if w.shape != (n,):
        raise KitValueError(f"counts must have one value per unit ({n}), got shape {w.shape}")

    def ratios(summed):
        with np.errstate(invalid="ignore", divide="ignore"):
            stats = summed[:, :k] / summed[:, k:]
        # a statistic with an undefined resample (zero denominator) gets no interval at all
        stats[:, ~np.isfinite(stats).all(axis=0)] = np.nan
        return stats

    low, high = bootstrap_intervals(np.column_stack([x, w]), ratios, n_boot=n_boot, seed=seed, ci=ci)
    if one_d:
        return float(low[0]), float(high[0])
    return np.asarray(low, dtype=float), np.asarray(high, dtype=float)


def bootstrap_intervals(values, figures, *, n_boot: int = 1000, seed: int = 0, ci: float = 0.95):
    """Percentile intervals of ``figures(summed rows)`` over ``n_boot`` resamples of the rows (units:
    articles) of ``values``, with the kit's one convention for small cases.

    The resamples are :func:`resampled_sums`; ``figures`` maps an array of summed rows (shape
    ``(b, k)``) to the figures of each (shape ``(b, ...)``); the interval of each figure is
    :func:`percentile_interval` at ``ci``. Fewer than two rows (none, or one: it resamples to
    itself, a zero-width interval that would look like certainty) or ``n_boot=0``: NaN, no
    resampling and no error.

    Parameters
    ----------
    values : array of shape (n, k)
        One row per unit (every unit, also those with nothing to count), one column per count.
    figures : callable
        Summed rows, shape (b, k), to figures, shape (b, ...): e.g. right / scored.
    n_boot, seed, ci
        Number of resamples (0: no interval), seed of ``numpy.random.default_rng``, coverage.

    Returns
    -------
    (low, high) : two float arrays of the shape of one resample's figures.

    Examples
    --------
    >>> share = lambda s: s[:, :1] / s[:, 1:]            # right / scored
    >>> low, high = bootstrap_intervals(np.array([[3, 4], [0, 2], [2, 2]]), share, n_boot=500)
    >>> bool(0 <= low[0] < 5 / 8 < high[0] <= 1)
    True
    >>> bootstrap_intervals(np.array([[3, 4]]), share)            # one article: no interval
    (array([nan]), array([nan]))
    >>> bootstrap_intervals(np.zeros((0, 2)), share)              # none: no interval either
    (array([nan]), array([nan]))
    """
    check_bootstrap_args(n_boot, seed, ci)
    v = np.asarray(values)
    if v.ndim != 2:
        raise KitValueError(f"values must be a 2-d array with one row per article (or other unit), got shape {v.shape}")
    if len(v) < 2 or n_boot == 0:
        with np.errstate(all="ignore"):
            shape = np.shape(figures(v.sum(axis=0)[None, :]))[1:]
        return np.full(shape, np.nan), np.full(shape, np.nan)
    rep = np.asarray(figures(resampled_sums(v, n_boot=n_boot, seed=seed)), dtype=float)
    low, high = percentile_interval(rep.reshape(len(rep), -1), ci=ci)
    return low.reshape(rep.shape[1:]), high.reshape(rep.shape[1:])


def resampled_sums(values, *, n_boot: int = 1000, seed: int = 0):
    """Column sums of ``n_boot`` resamples of the rows (units: articles) of ``values``.

    The kit's one bootstrap draw: ``rng = numpy.random.default_rng(seed)``, then for each resample
    ``n`` row indices drawn with replacement, ``rng.integers(0, n, size=(b, n))`` in consecutive
    blocks of rows (the same stream as one ``(n_boot, n)`` draw), and the sum of the drawn rows.
    :func:`bootstrap_ci` (frames, actors, tone) and the quote scores' intervals
    (:func:`kit.quotes.polnear.score_intervals`, :func:`kit.quotes_eval.score_intervals`) all draw
    here, so one seed gives them the same resamples of the same number of units.

    Parameters
    ----------
    values : array of shape (n, k)
        One row per unit (every unit, also those with nothing to count), one column per count.
    n_boot : int
        Number of resamples (at least 1).
    seed : int
        Seed of ``numpy.random.default_rng``: the same seed gives the same resamples.

    Returns
    -------
    ndarray of shape (n_boot, k): int64 when ``values`` holds integers (or booleans), else float.
    Each column is summed on its own, in the order of the drawn indices.

    Examples
    --------
    >>> c = np.array([[3, 4], [0, 2]])     # article 1: 3 of 4 right; article 2: 0 of 2
    >>> resampled_sums(c, n_boot=5, seed=1).shape
    (5, 2)
    >>> sorted({tuple(r) for r in resampled_sums(c, n_boot=200).tolist()})
    [(0, 4), (3, 6), (6, 8)]
    >>> idx = np.random.default_rng(7).integers(0, 2, size=(3, 2))   # the same draw by hand
    >>> bool((resampled_sums(c, n_boot=3, seed=7) == c[idx].sum(axis=1)).all())
    True
    """
    n_boot = check_int(n_boot, "n_boot", min=1)
    seed = check_int(seed, "seed", min=0)
    v = np.asarray(values)
    if v.ndim != 2 or v.shape[0] == 0:
        raise KitValueError(f"values must be a 2-d array with one row per article (or other unit), got shape {v.shape}")
    if v.dtype.kind in "biu":
        v = v.astype(np.int64)
    elif v.dtype.kind != "f":
        v = v.astype(float)
    n, k = v.shape
    rng = np.random.default_rng(seed)
    out = np.empty((n_boot, k), dtype=v.dtype)
    block = max(1, _BLOCK_CELLS // n)
    for b0 in range(0, n_boot, block):
        b = min(block, n_boot - b0)
        idx = rng.integers(0, n, size=(b, n))
        for j in range(k):
            out[b0:b0 + b, j] = v[:, j][idx].sum(axis=1)
    return out


def percentile_interval(replicates, *, ci: float = 0.95):
    """The percentile bootstrap interval of each column of ``replicates``: (low, high) arrays.

    ``low`` and ``high`` are the ``(1 - ci) / 2`` and ``1 - (1 - ci) / 2`` quantiles of the
    replicates (``numpy.quantile``, linear interpolation, as ``scipy.stats.bootstrap`` with
    ``method='percentile'``). A replicate that is not defined (NaN: e.g. a resample with no quote
    of a form, so no accuracy) is left out; a column with no defined replicate gives NaN.

    Examples
    --------
    >>> low, high = percentile_interval(np.arange(101.0)[:, None], ci=0.9)
    >>> round(float(low[0]), 9), round(float(high[0]), 9)
    (5.0, 95.0)
    >>> percentile_interval(np.array([[np.nan, 1.0], [np.nan, 3.0]]))[0].tolist()
    [nan, 1.05]
    """
    import warnings

    check_number(ci, "ci", min=0, max=1, exclusive=True, note="e.g. 0.95")
    rep = np.asarray(replicates, dtype=float)
    if rep.ndim == 1:
        rep = rep[:, None]
    q = [(1 - ci) / 2, 1 - (1 - ci) / 2]
    gaps = np.isnan(rep).any(axis=0)
    low, high = np.full(rep.shape[1], np.nan), np.full(rep.shape[1], np.nan)
    if not gaps.all():
        low[~gaps], high[~gaps] = np.quantile(rep[:, ~gaps], q, axis=0)
    if gaps.any():
        with warnings.catch_warnings():  # an all-NaN column is NaN, said in the docstring
            warnings.simplefilter("ignore", RuntimeWarning)
            low[gaps], high[gaps] = np.nanquantile(rep[:, gaps], q, axis=0)
    return low, high


def wilson_ci(successes, n, *, ci: float = 0.95):
    """Wilson score interval of a proportion ``successes / n``.

    With ``p = successes / n`` and ``z`` the ``1 - (1 - ci) / 2`` quantile of the standard normal
    distribution (1.95996 for ``ci=0.95``)::

        centre = (p + z**2 / (2 n)) / (1 + z**2 / n)
        half   = z / (1 + z**2 / n) * sqrt(p (1 - p) / n + z**2 / (4 n**2))
        interval = (centre - half, centre + half)

    Parameters
    ----------
    successes, n : int or array of int
        Counts (``0 <= successes <= n``); broadcast against each other.
    ci : float
        Coverage (0.95 for a 95% interval).

    Returns
    -------
    (low, high) : floats (or float arrays); NaN where ``n`` is 0.

    Examples
    --------
    >>> lo, hi = wilson_ci(1, 1)
    >>> round(lo, 4), round(hi, 4)
    (0.2065, 1.0)
    >>> lo, hi = wilson_ci(3, 10)
    >>> round(lo, 4), round(hi, 4)
    (0.1078, 0.6032)
    """
    from statistics import NormalDist

    if not isinstance(ci, (float, int)) or isinstance(ci, bool) or not 0 < ci < 1:
        raise KitValueError(f"ci must be a number between 0 and 1 (e.g. 0.95), got {ci!r}")
    k = np.asarray(successes, dtype=float)
    m = np.asarray(n, dtype=float)
    if np.any(m < 0) or np.any(k < 0) or np.any(k > m):
        raise KitValueError(f"wilson_ci needs 0 <= successes <= n, got successes={successes!r}, n={n!r}")
    z = NormalDist().inv_cdf(1 - (1 - ci) / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / m
        denom = 1 + z * z / m
        centre = (p + z * z / (2 * m)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / m + z * z / (4 * m * m))
        low = np.where(m > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
        high = np.where(m > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    if low.ndim == 0:
        return float(low), float(high)
    return low.astype(float), high.astype(float)
