"""Estimates with intervals: frame prevalence and tone per group or actor.

Part of :mod:`kit.plots` (the style is described there); import from ``kit.plots``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kit.errors import KitError
from kit.plots.base import (
    MAX_GROUPS,
    MAX_LABELS,
    MUTED_COLOR,
    _empty_ok,
    _finish,
    _largest_groups,
    _markers,
    _need,
    _new_figure,
    _no_data,
    group_colors,
    style,
)
from kit.schema import group_labels


def _interval_rows(df, *, label: str, estimate: str, low: str, high: str, group: str | None, func: str):
    """Rows of an estimate-with-interval table ready to draw: ``(data, labels, groups)``.

    ``data`` gets ``_e``, ``_l``, ``_h`` (numbers), ``_f`` (label text) and ``_g`` (group text,
    "(unknown)" for missing, "all" without a group); rows without an estimate are left out, and an
    estimate outside its interval is an error.
    """
    vals = {k: pd.to_numeric(df[c], errors="coerce").astype(float) for k, c in (("e", estimate), ("l", low), ("h", high))}
    data = df.assign(_e=vals["e"], _l=vals["l"], _h=vals["h"], _f=df[label].astype(str))
    data = data[np.isfinite(data["_e"].to_numpy())]
    bad = data[(data["_l"] > data["_e"] + 1e-12) | (data["_h"] < data["_e"] - 1e-12)]
    if not bad.empty:
        raise KitError(f"{func}: {len(bad)} row(s) have an estimate outside [{low}, {high}], "
                       f"e.g. '{bad['_f'].iloc[0]}'")
    notes = []
    weight = "n_articles" if "n_articles" in data.columns else None
    labels = list(dict.fromkeys(data["_f"]))
    if len(labels) > MAX_LABELS:  # the largest (n_articles) or the first rows
        size = data.groupby("_f", sort=False)[weight].sum() if weight else pd.Series(1, index=labels)
        keep = set(size.sort_values(ascending=False, kind="stable").index[:MAX_LABELS])
        notes.append(f"{MAX_LABELS} of {len(labels)} rows")
        labels = [f for f in labels if f in keep]
        data = data[data["_f"].isin(keep)]
    if group is not None:
        data = data.assign(_g=group_labels(data[group]))
        n_groups = data["_g"].nunique()
        data, _ = _largest_groups(data, None, weight)
        if data["_g"].nunique() < n_groups:
            notes.append(f"the {MAX_GROUPS} largest of {n_groups} groups")
    else:
        data = data.assign(_g="all")
    return data, labels, sorted(data["_g"].unique()), "; ".join(notes)


def _titled(title: str | None, note: str) -> str | None:
    return (f"{title} - {note}" if title else note) if note else title


def _draw_rows(ax, data: pd.DataFrame, labels: list, groups: list, *, group: str | None, scale: float = 1.0) -> dict:
    """Draw :func:`_interval_rows` output as dodged dots with whiskers, first label on top.

    Returns the y position of every label. Whiskers never point inwards (a missing or inverted
    bound draws no whisker on that side); with a ``group`` column the legend, titled with it, sits outside the axes.
    """
    colors, markers = group_colors(groups), _markers(groups)
    step = 0.7 / max(len(groups), 1)
    base = {f: len(labels) - 1 - i for i, f in enumerate(labels)}
    for j, g in enumerate(groups):
        sub = data[data["_g"] == g]
        yy = sub["_f"].map(base).to_numpy() + (len(groups) - 1) / 2 * step - j * step
        e = sub["_e"].to_numpy() * scale
        err = np.vstack([np.nan_to_num(np.clip(e - sub["_l"].to_numpy() * scale, 0, None)),
                         np.nan_to_num(np.clip(sub["_h"].to_numpy() * scale - e, 0, None))])
        ax.errorbar(e, yy, xerr=err, fmt=markers[g], color=colors[g], ecolor=colors[g], elinewidth=1.4,
                    capsize=2.5, markersize=5, label=g if group is not None else None)
    ax.set_yticks([base[f] for f in labels], labels)
    ax.grid(axis="y", visible=False)
    if group is not None:
        ax.legend(title=group, loc="upper left", bbox_to_anchor=(1.01, 1))
    return base


@_empty_ok
def prevalence_plot(df: pd.DataFrame, *, frame: str = "frame", group: str | None = "outlet", estimate: str = "share",
                    low: str = "share_low", high: str = "share_high", percent: bool = True, title: str | None = None,
                    xlabel: str = "Share of articles (%, with 95% interval)", source: str | None = None,
                    figsize: tuple[float, float] | None = None, order=None):
    """Dot-and-whisker plot of frame prevalence per group: a point at the estimate, whiskers for its interval.

    Parameters
    ----------
    df : one row per frame and group with ``<frame>`` (category), ``<estimate>``, ``<low>`` and
        ``<high>`` (proportions 0-1, with ``low <= estimate <= high``) and optionally ``<group>``
        (dodged rows with colour and marker per group); the defaults fit
        ``kit.dictionaries.frame_prevalence`` (``frame``, ``share``, ``share_low``, ``share_high``)
    frame, group, estimate, low, high : column names
    percent : show proportions as percentages
    title, xlabel, source : texts (say which interval ``xlabel`` shows)
    order : the report's group order (:func:`kit.reporting.group_order`), first on top within a
        frame and in the legend; by default groups are in alphabetical order

    Examples
    --------
    >>> df = pd.DataFrame({"frame": ["security", "security", "diplomacy", "diplomacy"],
    ...                    "outlet": ["A", "B", "A", "B"], "share": [0.4, 0.2, 0.5, 0.7],
    ...                    "share_low": [0.3, 0.1, 0.4, 0.6], "share_high": [0.5, 0.3, 0.6, 0.8]})
    >>> fig = prevalence_plot(df)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()], bool(fig.axes[0].get_xlim()[0] < 0)
    (['security', 'diplomacy'], True)
    """
    _need(df, {"frame": frame, "group": group, "estimate": estimate, "low": low, "high": high}, "prevalence_plot")
    scale = 100.0 if percent else 1.0
    data, frames, groups, note = _interval_rows(df, label=frame, estimate=estimate, low=low, high=high, group=group,
                                          func="prevalence_plot")
    if order is not None:
        rank = {str(g): i for i, g in enumerate(order)}
        groups = sorted(groups, key=lambda g: (rank.get(g, len(rank)), g))
    with style():
        fig, ax = _new_figure(figsize or (7.0, min(10.0, 1.6 + 0.3 * max(len(frames) * len(groups), 4))))
        if data.empty:
            _no_data(ax)
        else:
            base = _draw_rows(ax, data, frames, groups, group=group, scale=scale)
            for f in frames[1::2]:  # light bands tell the frames apart when groups are dodged
                ax.axhspan(base[f] - 0.5, base[f] + 0.5, color="#F2F2F2", zorder=0, linewidth=0)
            ax.set_ylim(-0.5, len(frames) - 0.5)
            right = ax.get_xlim()[1]
            ax.set_xlim(-0.02 * right, right)  # markers at 0 stay whole
        ax.set_xlabel(xlabel)
        ax.set_ylabel("Frame")
        _finish(fig, title=_titled(title, note), source=source, ax=ax)
    return fig


@_empty_ok
def interval_plot(df: pd.DataFrame, *, label: str = "actor", estimate: str = "mean_compound", low: str = "compound_low",
                  high: str = "compound_high", group: str | None = None, zero_line: bool = True, title: str | None = None,
                  xlabel: str = "Mean VADER compound (-1 to +1, with 95% interval)", ylabel: str | None = None,
                  source: str | None = None, figsize: tuple[float, float] | None = None):
    """Dot-and-whisker plot of signed estimates (tone, differences) per label, optionally dodged by group.

    Unlike :func:`prevalence_plot` the axis is not clipped at zero, and a thin vertical line marks
    zero. Rows keep the table's order (first row on top); missing intervals draw a point only.

    Parameters
    ----------
    df : one row per label (and group) with ``<label>`` (category), ``<estimate>``, ``<low>``,
        ``<high>`` (numbers, ``low <= estimate <= high``) and optionally ``<group>``
    label, estimate, low, high, group : column names
    zero_line : draw a vertical line at 0
    title, xlabel, ylabel, source : texts (ylabel defaults to the label column's name)

    Examples
    --------
    >>> df = pd.DataFrame({"actor": ["A", "B"], "mean_compound": [-0.2, 0.3],
    ...                    "compound_low": [-0.4, 0.1], "compound_high": [0.0, 0.5]})
    >>> fig = interval_plot(df)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()], bool(fig.axes[0].get_xlim()[0] < -0.3)
    (['A', 'B'], True)
    """
    _need(df, {"label": label, "estimate": estimate, "low": low, "high": high, "group": group}, "interval_plot")
    data, labels, groups, note = _interval_rows(df, label=label, estimate=estimate, low=low, high=high, group=group,
                                          func="interval_plot")
    with style():
        fig, ax = _new_figure(figsize or (7.0, min(10.0, 1.6 + 0.3 * max(len(labels) * len(groups), 4))))
        if data.empty:
            _no_data(ax)
        else:
            if zero_line:
                ax.axvline(0.0, color=MUTED_COLOR, linewidth=0.8, zorder=0)
            _draw_rows(ax, data, labels, groups, group=group)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel if ylabel is not None else label)
        _finish(fig, title=_titled(title, note), source=source, ax=ax)
    return fig
