"""Term figures: keyness bars, the log-odds scatter and the lexical dispersion plot.

Part of :mod:`kit.plots` (the style is described there); import from ``kit.plots``.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from kit.errors import KitError
from kit.plots.base import (
    MUTED_COLOR,
    PALETTE,
    REFERENCE_COLOR,
    TARGET_COLOR,
    _empty_ok,
    _finish,
    _need,
    _new_figure,
    _no_data,
    _plain_log_ticks,
    group_colors,
    style,
)
from kit.schema import group_labels


@_empty_ok
def keyness_bars(df: pd.DataFrame, *, term: str = "term", score: str = "log_ratio", n: int = 15,
                 target_label: str = "target", reference_label: str = "reference", title: str | None = None,
                 xlabel: str = "Log ratio (log2 of relative frequency, target / reference)",
                 source: str | None = None, figsize: tuple[float, float] | None = None):
    """Diverging bar chart of keyness: the ``n`` most positive and ``n`` most negative terms.

    Terms over-represented in the target point right (blue), those over-represented in the
    reference point left (vermillion); the strongest are at the ends of the chart.

    Parameters
    ----------
    df : one row per term with ``<term>`` and ``<score>`` (a signed score: log ratio, signed G2,
        weighted log-odds ...); rows with a missing or infinite score are left out. Filter by
        significance before plotting when you want only significant terms.
    term, score : column names
    n : terms shown on each side
    target_label, reference_label : names of the two sides, used in the legend
    title, xlabel : texts (say which score ``xlabel`` shows)
    source : source note

    Examples
    --------
    >>> df = pd.DataFrame({"term": ["balloon", "dialogue", "talks", "spy"],
    ...                    "log_ratio": [2.5, -1.8, 0.4, 3.1]})
    >>> fig = keyness_bars(df, n=2, target_label="Wire", reference_label="others")
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['dialogue', 'balloon', 'spy']
    """
    _need(df, {"term": term, "score": score}, "keyness_bars")
    if not isinstance(n, int) or n < 1:
        raise KitError(f"keyness_bars: n must be a positive integer, got {n!r}")
    s = pd.to_numeric(df[score], errors="coerce").astype(float)
    data = df.assign(_s=s, _t=df[term].astype(str))[np.isfinite(s.to_numpy())]
    pos = data[data["_s"] > 0].sort_values(["_s", "_t"], ascending=[False, True], kind="stable").head(n)
    neg = data[data["_s"] < 0].sort_values(["_s", "_t"], ascending=[True, True], kind="stable").head(n)
    # bottom-to-top: most negative at the bottom ... most positive at the top
    rows = pd.concat([neg, pos.iloc[::-1]], ignore_index=True)
    with style():
        from matplotlib.patches import Patch

        fig, ax = _new_figure(figsize or (7.0, min(10.0, 1.6 + 0.24 * max(len(rows), 4))))
        if rows.empty:
            _no_data(ax)
        else:
            y = np.arange(len(rows))
            colors = [TARGET_COLOR if v > 0 else REFERENCE_COLOR for v in rows["_s"]]
            ax.barh(y, rows["_s"].to_numpy(), color=colors, height=0.75)
            ax.set_yticks(y, rows["_t"].tolist())
            ax.axvline(0, color="#444444", linewidth=0.8)
            ax.grid(axis="y", visible=False)
            ax.legend(handles=[Patch(color=TARGET_COLOR, label=f"More frequent in {target_label}"),
                               Patch(color=REFERENCE_COLOR, label=f"More frequent in {reference_label}")],
                      loc="lower right")
        ax.set_xlabel(xlabel)
        ax.set_ylabel("Term")
        _finish(fig, title=title, source=source, ax=ax)
    return fig


@_empty_ok
def log_odds_scatter(df: pd.DataFrame, *, term: str = "term", x: str = "n_target", y: str = "z", group: str | None = None,
                     n_labels: int = 10, threshold: float = 1.96, title: str | None = None,
                     xlabel: str = "Term frequency (count, log scale)", ylabel: str = "Weighted log-odds (z-score)",
                     source: str | None = None, figsize: tuple[float, float] | None = None, max_panels: int = 8):
    """Scatter of term frequency (log scale) against a z-score, top terms labelled; one panel per group.

    Points with ``z >= threshold`` take the group's colour, the rest are grey; dashed lines mark
    ``+threshold`` and ``-threshold``; the ``n_labels`` terms with the highest ``z`` are labelled.

    Parameters
    ----------
    df : one row per term (and group) with ``<term>``, ``<x>`` (count, > 0), ``<y>`` (z-score,
        e.g. the weighted log-odds of Monroe, Colaresi & Quinn 2008) and optionally ``<group>``;
        the defaults fit the output of ``kit.terms.log_odds`` (``term``, ``n_target``, ``z``)
    term, x, y, group : column names
    n_labels : terms labelled in each panel
    threshold : z above which a point is highlighted (1.96: two-sided 5 % level)
    title, xlabel, ylabel, source : texts
    max_panels : at most this many panels: the groups with the most counted terms (``<x>`` summed);
        the figure says how many groups it leaves out (they are all in the table)

    Examples
    --------
    >>> df = pd.DataFrame({"term": ["balloon", "talks", "the", "spy"], "n_target": [40, 25, 900, 12],
    ...                    "z": [4.2, -2.5, 0.1, 2.2], "outlet": "Wire"})
    >>> fig = log_odds_scatter(df, group="outlet", n_labels=2)
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['balloon', 'spy']
    """
    _need(df, {"term": term, "x": x, "y": y, "group": group}, "log_odds_scatter")
    if not isinstance(n_labels, int) or n_labels < 0:
        raise KitError(f"log_odds_scatter: n_labels must be a non-negative integer, got {n_labels!r}")
    xs = pd.to_numeric(df[x], errors="coerce").astype(float)
    ys = pd.to_numeric(df[y], errors="coerce").astype(float)
    ok = np.isfinite(xs.to_numpy()) & np.isfinite(ys.to_numpy()) & (xs.to_numpy() > 0)
    data = df.assign(_x=xs, _y=ys, _t=df[term].astype(str))[ok]
    if group is not None:
        data = data.assign(_g=group_labels(data[group]))
        size = data.groupby("_g")["_x"].sum()
        panels = sorted(size.sort_values(ascending=False, kind="stable").index[:max_panels]) or ["(none)"]
        left_out = len(size) - len(panels) if len(size) else 0
    else:
        data = data.assign(_g="all")
        panels, left_out = ["all"], 0
    ncols = 1 if len(panels) == 1 else 2
    nrows = int(np.ceil(len(panels) / ncols))
    colors = group_colors(panels)
    with style():
        fig, axes = _new_figure(figsize or (7.0 if ncols == 1 else 9.0, 4.2 if nrows == 1 else 3.4 * nrows),
                                nrows=nrows, ncols=ncols, squeeze=False, sharex=True, sharey=True)
        flat = axes.ravel()
        labels: list[list] = []
        for ax, p in zip(flat, panels):
            sub = data[data["_g"] == p]
            if sub.empty:
                _no_data(ax)
                continue
            hi = sub["_y"] >= threshold
            # points rasterized (text and axes stay vector): an SVG of 100,000 terms stays small and quick
            ax.scatter(sub.loc[~hi, "_x"], sub.loc[~hi, "_y"], s=10, color=MUTED_COLOR, alpha=0.6, linewidths=0,
                       rasterized=True)
            ax.scatter(sub.loc[hi, "_x"], sub.loc[hi, "_y"], s=16, color=colors[p], linewidths=0, rasterized=True)
            ax.set_xscale("log")
            _plain_log_ticks(ax.xaxis)
            for yline in (threshold, -threshold):
                ax.axhline(yline, color="#777777", linewidth=0.7, linestyle="--")
            top = sub.sort_values(["_y", "_t"], ascending=[False, True], kind="stable").head(n_labels)
            labels.append([ax.annotate(r["_t"], (r["_x"], r["_y"]), xytext=(4, 3), textcoords="offset points",
                                       fontsize=8, color="#222222") for _, r in top.iterrows()])
            if group is not None:
                ax.set_title(p, fontsize=10)
        for ax in flat[len(panels):]:
            ax.set_visible(False)
        for k, ax in enumerate(flat[:len(panels)]):
            if k + ncols >= len(panels):  # the lowest panel of its column: the x axis is labelled there
                ax.set_xlabel(xlabel)
                ax.xaxis.set_tick_params(labelbottom=True)
        for ax in axes[:, 0]:
            ax.set_ylabel(ylabel)
        if left_out:
            title = (f"{title} - " if title else "") + f"the {len(panels)} largest of {len(panels) + left_out} groups"
        _finish(fig, title=title, source=source, ax=flat[0] if len(panels) == 1 and group is None else None)
        _spread_labels(fig, [a for panel_labels in labels for a in panel_labels])  # one layout pass for all panels
    return fig


#: Offsets (points) tried in turn for a label, so labels of nearby points do not overlap.
_LABEL_OFFSETS = ((4, 3), (4, -10), (-4, 3), (-4, -10), (4, 12), (-4, 12), (4, -19), (-4, -19))


def _spread_labels(fig, annotations) -> None:
    """Move each label to the first offset where it overlaps no label placed before it."""
    if not annotations:
        return
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    placed = []
    for ann in annotations:
        for dx, dy in _LABEL_OFFSETS:
            ann.set_position((dx, dy))
            ann.set_horizontalalignment("left" if dx > 0 else "right")
            box = ann.get_window_extent(renderer)
            if not any(box.overlaps(b) for b in placed):
                break
        else:
            ann.set_position(_LABEL_OFFSETS[0])
            ann.set_horizontalalignment("left")
            box = ann.get_window_extent(renderer)
        placed.append(box)


@_empty_ok
def dispersion_plot(df: pd.DataFrame, *, term: str = "pattern", position: str = "position", doc: str | None = None,
                    terms: Sequence[str] | None = None, docs: Sequence | None = None, color: str | None = None,
                    boundaries: Sequence[float] | None = None, title: str | None = None, xlabel: str | None = None,
                    source: str | None = None, figsize: tuple[float, float] | None = None):
    """Lexical dispersion ("x-ray") plot: one row per term, a tick at every occurrence.

    Two ways to place the ticks:

    - ``doc=None``: ``<position>`` is already a position in the corpus (e.g. a token offset with
      the articles read in order);
    - ``doc="doc_id"``: ``<position>`` is a relative position inside the article (0 = start,
      1 = end, as ``kit.terms.dispersion`` returns it) and article *k* (in the order of ``docs``,
      or of first appearance) covers ``k`` to ``k + 1`` on the x axis, with a faint line between
      articles. Sort the table (e.g. by outlet and date) before plotting to choose the order.

    Parameters
    ----------
    df : one row per occurrence with ``<term>`` and ``<position>`` (numbers), optionally
        ``<doc>`` and ``<color>`` (a category such as the outlet, which colours the ticks); the
        defaults fit ``kit.terms.dispersion`` (``pattern``, ``position``, ``doc_id``)
    term, position, doc, color : column names
    terms : rows to draw, top to bottom (default: sorted); terms without occurrences get an empty row
    docs : article order for ``doc`` mode (default: order of first appearance in ``df``)
    boundaries : extra positions to mark with faint lines (e.g. where a new outlet starts)
    title, xlabel, source : texts (the default x label says what the position is)

    Examples
    --------
    >>> df = pd.DataFrame({"pattern": ["balloon", "talks", "balloon"], "position": [10, 450, 900]})
    >>> fig = dispersion_plot(df, terms=["balloon", "talks", "summit"])
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['summit', 'talks', 'balloon']
    >>> hits = pd.DataFrame({"pattern": ["balloon", "balloon"], "doc_id": ["d1", "d2"], "position": [0.1, 0.5]})
    >>> fig = dispersion_plot(hits, doc="doc_id")
    >>> fig.axes[0].collections[0].get_offsets()[:, 0].tolist(), fig.axes[0].get_xlabel()
    ([0.1, 1.5], 'Article (in order) and position within it')
    """
    _need(df, {"term": term, "position": position, "doc": doc, "color": color}, "dispersion_plot")
    pos = pd.to_numeric(df[position], errors="coerce").astype(float)
    data = df.assign(_p=pos, _t=df[term].astype(str))[np.isfinite(pos.to_numpy())]
    n_docs = 0
    if doc is not None:
        order = list(dict.fromkeys(docs if docs is not None else df[doc].tolist()))
        rank = {d: i for i, d in enumerate(order)}
        data = data[data[doc].isin(rank)]
        data = data.assign(_p=data[doc].map(rank).astype(float) + data["_p"].clip(0, 1))
        n_docs = len(order)
    if xlabel is None:
        xlabel = "Article (in order) and position within it" if doc is not None else "Position in corpus (token offset)"
    rows = list(terms) if terms is not None else sorted(data["_t"].unique())
    index = {t: i for i, t in enumerate(rows)}
    with style():
        from matplotlib.lines import Line2D

        fig, ax = _new_figure(figsize or (7.0, min(9.0, 1.5 + 0.38 * max(len(rows), 3))))
        data = data[data["_t"].isin(index)]
        if not rows:
            _no_data(ax)
        else:
            yvals = (len(rows) - 1 - data["_t"].map(index)).to_numpy()
            if color is None:
                ax.scatter(data["_p"], yvals, marker="|", s=120, color=PALETTE[0], linewidths=1.2)
            else:
                labels = group_labels(data[color])
                colors = group_colors(labels)
                ax.scatter(data["_p"], yvals, marker="|", s=120, c=[colors[v] for v in labels], linewidths=1.2)
                ax.legend(handles=[Line2D([], [], color=c, marker="|", linestyle="", markersize=10, label=k)
                                   for k, c in colors.items()], title=color, loc="upper left", bbox_to_anchor=(1.01, 1))
            lines = [float(b) for b in boundaries or ()]
            if doc is not None:
                lines += list(range(1, n_docs))
                ax.set_xlim(0, max(n_docs, 1))
            for b in lines:
                ax.axvline(b, color="#CCCCCC", linewidth=0.5, zorder=0)
            ax.set_yticks(np.arange(len(rows)), rows[::-1])
            ax.set_ylim(-0.6, len(rows) - 0.4)
            ax.grid(visible=False)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("Term")
        _finish(fig, title=title, source=source, ax=ax)
    return fig
