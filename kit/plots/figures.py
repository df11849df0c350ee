"""Counts, time series and distributions: bar_counts, time_series, histogram.

Part of :mod:`kit.plots` (the style is described there); import from ``kit.plots``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kit.errors import KitError
from kit.plots.base import (
    PALETTE,
    _amount_axis,
    _count_axis,
    _empty_ok,
    _finish,
    _fmt_number,
    _largest_groups,
    _markers,
    _need,
    _new_figure,
    _no_data,
    group_colors,
    in_group_order,
    style,
)
from kit.schema import group_labels

# --------------------------------------------------------------------------------------------
# plot functions


#: The thinnest bar (in points) of :func:`bar_counts` that gets its value written beside it (8-point labels).
MIN_LABELLED_BAR_PT = 7.0


@_empty_ok
def bar_counts(df: pd.DataFrame, *, group: str = "outlet", value: str = "n_articles", hue: str | None = None,
               title: str | None = None, xlabel: str = "Articles (count)", ylabel: str | None = None,
               sort: bool = True, source: str | None = None, figsize: tuple[float, float] | None = None,
               max_bars: int = 30, order=None):
    """Horizontal bar chart of a count (or any amount) per group, values printed at the bar ends.

    Parameters
    ----------
    df : one row per group (or per group and ``hue``) with columns
        ``<group>`` (category), ``<value>`` (number) and optionally ``<hue>`` (second category,
        drawn as side-by-side bars with a legend)
    group, value, hue : column names
    title, xlabel, ylabel : texts (ylabel defaults to the group column's name)
    sort : largest total at the top (otherwise the table's order, first row on top)
    source : source note (default :data:`DEFAULT_SOURCE`)
    figsize : inches; by default grows with the number of bars
    max_bars : at most this many groups (the title says how many were left out; the table keeps them
        all): the largest totals, or with ``order`` the first in it (shares of each group's words sum
        to 1 in every group: the largest would be any)
    order : the report's group order (:func:`kit.reporting.group_order`), first on top; it replaces
        ``sort``, and groups not in it follow in the table's order

    Examples
    --------
    >>> fig = bar_counts(pd.DataFrame({"outlet": ["Wire", "Daily"], "n_articles": [12, 7]}))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]  # bottom to top: largest on top
    ['Daily', 'Wire']
    >>> fig.axes[0].get_xlabel()
    'Articles (count)'
    """
    _need(df, {"group": group, "value": value, "hue": hue}, "bar_counts")
    data = df.assign(_g=group_labels(df[group]),
                     _v=pd.to_numeric(df[value], errors="coerce").fillna(0.0))
    groups = list(dict.fromkeys(data["_g"]))
    totals = data.groupby("_g", sort=False)["_v"].sum()
    if order is not None:
        rank = {str(g): i for i, g in enumerate(order)}
        groups = sorted(groups, key=lambda g: rank.get(g, len(rank)))
    elif sort:
        groups = sorted(groups, key=lambda g: (-totals[g], g))
    if len(groups) > max_bars:
        # with an order, its first groups (the largest total means nothing for shares that sum to 1 per group)
        keep = set(groups[:max_bars] if order is not None else sorted(groups, key=lambda g: (-totals[g], g))[:max_bars])
        title = (f"{title} - " if title else "") + (f"the first {max_bars} of {len(groups)}" if order is not None
                                                     else f"the {max_bars} largest of {len(groups)}")
        groups = [g for g in groups if g in keep]
        data = data[data["_g"].isin(keep)]
    hues = sorted(data[hue].astype(str).unique()) if hue else [None]
    n_bars = len(groups) * len(hues)
    with style():
        fig, ax = _new_figure(figsize or (7.0, min(9.0, 1.4 + 0.32 * max(n_bars, 3))))
        if data.empty:
            _no_data(ax)
        else:
            colors = group_colors(hues) if hue else {None: PALETTE[0]}
            height = 0.8 / len(hues)
            y = np.arange(len(groups))[::-1]  # first group on top
            # a value label needs a bar about as tall as its 8-point text; many dodged bars get none
            # (30 outlets x 7 speaker types): the axis tells their values
            bar_pt = 72 * fig.get_figheight() * ax.get_position().height * height * 0.92 / (len(groups) + 0.6)
            labelled = bar_pt >= MIN_LABELLED_BAR_PT
            for j, h in enumerate(hues):
                sub = data if h is None else data[data[hue].astype(str) == h]
                vals = sub.groupby("_g", sort=False)["_v"].sum().reindex(groups, fill_value=0.0)
                offset = (len(hues) - 1) / 2 * height - j * height
                bars = ax.barh(y + offset, vals.to_numpy(), height=height * 0.92, color=colors[h],
                               label=None if h is None else h)
                if labelled:
                    ax.bar_label(bars, labels=[_fmt_number(v) for v in vals], padding=3, fontsize=8, color="#333333")
            ax.set_yticks(np.arange(len(groups)), groups[::-1])  # bottom to top
            ax.grid(axis="y", visible=False)
            ax.margins(x=0.12)
            if hue:
                ax.legend(title=hue, loc="upper left", bbox_to_anchor=(1.01, 1))  # outside the bars
            if data["_v"].round().eq(data["_v"]).all() and data["_v"].max() >= 2:  # counts, not shares of 0 or 1
                _count_axis(ax.xaxis)
            else:
                _amount_axis(ax.xaxis)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel if ylabel is not None else group)
        _finish(fig, title=title, source=source, ax=ax)
    return fig


#: Days between consecutive periods from which a series is read as monthly, quarterly, yearly.
PERIOD_DAYS = (("year", 360), ("quarter", 88), ("month", 28))
#: Tick labels of yearly series (months: "Feb", with the year under the first tick and each January;
#: quarters: 2023Q2).
PERIOD_TICK_FORMAT = {"year": "%Y"}
#: At most this many labelled ticks on a date axis.
MAX_DATE_TICKS = 12


def _series_period(dates: pd.Series) -> str | None:
    """``year``, ``quarter`` or ``month`` when the distinct dates are that far apart, else None."""
    d = pd.Series(sorted(dates.dropna().unique()))
    if len(d) < 2:
        return None
    gap = d.diff().dropna().min() / pd.Timedelta(days=1)
    return next((name for name, days in PERIOD_DAYS if gap >= days), None)


def _date_axis(ax, dates: pd.Series, period: str | None) -> None:
    """Ticks that match the period of the series: month labels on a monthly series (never days),
    quarters and years likewise; days and weeks get matplotlib's concise date labels. The number of
    ticks follows the span of the series, not its number of points: a series spanning decades or
    centuries gets year ticks every so many years (at most :data:`MAX_DATE_TICKS` labels), where a
    tick per month would have been thousands (beyond matplotlib's limit: slow, and no labels)."""
    import matplotlib.dates as mdates

    period = period or _series_period(dates)
    known = dates.dropna()
    months = 0 if known.empty else (known.max().year - known.min().year) * 12 + known.max().month - known.min().month
    if period in ("month", "quarter") and months > 12 * MAX_DATE_TICKS:
        period = "year"  # (more than MAX_DATE_TICKS years: a label per year at most)
    if period == "year":
        step = max(1, int(np.ceil((months // 12 + 1) / MAX_DATE_TICKS)))
        ax.xaxis.set_major_locator(mdates.YearLocator(_nice_step(step)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter(PERIOD_TICK_FORMAT[period]))
        if months // 12 <= MAX_DATE_TICKS * 12:  # (a minor tick per year, unless they would be hundreds)
            ax.xaxis.set_minor_locator(mdates.YearLocator())
        return
    if period in ("month", "quarter"):
        _month_axis(ax, period, months)
        return
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _nice_step(step: int) -> int:
    """``step`` years rounded up to 1, 2, 5, 10, 20, 50, 100, ... (ticks on round years)."""
    nice = 1
    while nice < step:
        nice = nice * 5 // 2 if str(nice).startswith("2") else nice * 2
    return nice


def _month_axis(ax, period: str, months: int) -> None:
    """:func:`_date_axis` for a monthly or quarterly series of at most :data:`MAX_DATE_TICKS` years."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    span = max(1, (months + 1) // (3 if period == "quarter" else 1))
    step = max(1, int(np.ceil(span / MAX_DATE_TICKS)))
    every = 3 * step if period == "quarter" else step
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=range(1, 13, every) if 12 % every == 0 else None,
                                                   interval=1 if 12 % every == 0 else every))
    if period == "quarter":
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda v, _pos: (lambda t: f"{t.year}Q{(t.month - 1) // 3 + 1}")(mdates.num2date(v))))
    else:  # "Feb" under each tick, the year beneath the first tick and each January
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda v, pos: (lambda t: t.strftime("%b\n%Y") if pos == 0 or t.month == 1 else t.strftime("%b"))(
                mdates.num2date(v))))
    ax.xaxis.set_minor_locator(mdates.MonthLocator())


@_empty_ok
def time_series(df: pd.DataFrame, *, date: str = "period_start", value: str = "n_articles", group: str | None = "outlet",
                title: str | None = None, xlabel: str = "Period start (UTC)", ylabel: str = "Articles per period (count)",
                source: str | None = None, figsize: tuple[float, float] | None = None, period: str | None = None,
                order=None):
    """Lines of a count per period, one line (colour and marker) per group.

    Parameters
    ----------
    df : one row per period and group with columns ``<date>`` (dates or timestamps; e.g. the
        ``period_start`` of ``kit.overview.coverage_over_time``), ``<value>`` (number) and
        ``<group>`` (category, or ``group=None`` for one line). Fill empty periods with zeros
        before plotting, or the lines will skip them.
    date, value, group : column names
    title, xlabel, ylabel : texts; say the period in ``ylabel`` ("Articles per week (count)")
    source : source note
    period : ``day``, ``week``, ``month``, ``quarter`` or ``year``: tick labels that match it
        (``Feb``, ``Mar`` with the year under the first and each January on a monthly series, never day numbers); None: read from the spacing of the dates
    order : the report's group order (:func:`kit.reporting.group_order`) for the legend; None: sorted

    Examples
    --------
    >>> df = pd.DataFrame({"period_start": ["2023-02-01", "2023-03-01"] * 2,
    ...                    "outlet": ["A", "A", "B", "B"], "n_articles": [3, 1, 0, 2]})
    >>> fig = time_series(df, ylabel="Articles per month (count)")
    >>> len(fig.axes[0].get_lines()), fig.axes[0].get_ylabel()
    (2, 'Articles per month (count)')
    >>> fig.canvas.draw(); [t.get_text() for t in fig.axes[0].get_xticklabels()]
    ['Feb\\n2023', 'Mar']
    """
    _need(df, {"date": date, "value": value, "group": group}, "time_series")
    dates = pd.to_datetime(df[date].astype("object"), utc=True, errors="coerce").dt.tz_localize(None)
    data = df.assign(_d=dates, _v=pd.to_numeric(df[value], errors="coerce"))
    data = data[data["_d"].notna()]
    if group is not None:
        data = data.assign(_g=group_labels(data[group]))
        data, title = _largest_groups(data, title, "_v")
    else:
        data = data.assign(_g="all")
    with style():
        fig, ax = _new_figure(figsize)
        if data.empty:
            _no_data(ax)
        else:
            colors, markers = group_colors(data["_g"]), _markers(data["_g"])
            by_group = dict(list(data.groupby("_g", sort=True)))
            for g in in_group_order(by_group, order):
                sub = by_group[g].sort_values("_d", kind="stable")
                ax.plot(sub["_d"], sub["_v"], color=colors[g], marker=markers[g], label=g if group else None)
            _date_axis(ax, data["_d"], period)
            ax.set_ylim(bottom=0)
            if data["_v"].dropna().round().eq(data["_v"].dropna()).all():
                _count_axis(ax.yaxis)
            if group is not None:
                ax.legend(title=group, loc="upper left", bbox_to_anchor=(1.01, 1))
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        _finish(fig, title=title, source=source, ax=ax)
    return fig


@_empty_ok
def histogram(df: pd.DataFrame, *, value: str = "n_words", group: str | None = None, bins: int = 20,
              title: str | None = None, xlabel: str = "Article length (words)", ylabel: str = "Articles (count)",
              source: str | None = None, figsize: tuple[float, float] | None = None, order=None):
    """Histogram of a numeric column, one outlined histogram per group on shared bin edges.

    Parameters
    ----------
    df : one row per item (article, sentence, ...) with ``<value>`` (number) and optionally
        ``<group>`` (category)
    value, group : column names
    bins : number of equal-width bins over the whole range (the same edges for every group)
    title, xlabel, ylabel : texts (the defaults suit article lengths)
    source : source note
    order : the report's group order (:func:`kit.reporting.group_order`) for the legend; None: sorted

    Examples
    --------
    >>> df = pd.DataFrame({"n_words": [250, 300, 410, 780], "outlet": ["A", "A", "B", "B"]})
    >>> fig = histogram(df, group="outlet", bins=4)
    >>> fig.axes[0].get_xlabel(), len(fig.axes[0].get_legend().get_texts())
    ('Article length (words)', 2)
    """
    _need(df, {"value": value, "group": group}, "histogram")
    if not isinstance(bins, int) or bins < 1:
        raise KitError(f"histogram: bins must be a positive integer, got {bins!r}")
    vals = pd.to_numeric(df[value], errors="coerce").astype(float)
    keep = np.isfinite(vals.to_numpy())
    data = df.assign(_v=vals)[keep]
    with style():
        fig, ax = _new_figure(figsize)
        if data.empty:
            _no_data(ax)
        else:
            edges = np.histogram_bin_edges(data["_v"].to_numpy(), bins=bins)
            if group is None:
                ax.hist(data["_v"].to_numpy(), bins=edges, color=PALETTE[0], edgecolor="white", linewidth=0.6)
            else:
                data = data.assign(_g=group_labels(data[group]))
                data, title = _largest_groups(data, title)
                labels = data["_g"]
                colors = group_colors(labels)
                for g in in_group_order(colors, order):
                    v = data["_v"][labels == g].to_numpy()
                    ax.hist(v, bins=edges, histtype="stepfilled", color=colors[g], alpha=0.18)
                    ax.hist(v, bins=edges, histtype="step", color=colors[g], linewidth=1.8, label=g)
                ax.legend(title=group, loc="upper left", bbox_to_anchor=(1.01, 1))  # outside the bars
            ax.grid(axis="x", visible=False)
            _count_axis(ax.yaxis)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        _finish(fig, title=title, source=source, ax=ax)
    return fig
