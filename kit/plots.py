"""One plotting module for every report: a fixed style and the figures the notebooks draw.

Style (applied inside every function, so figures never depend on global matplotlib settings):

- **Fonts**: DejaVu Sans (bundled with matplotlib, so every machine renders the same glyphs),
  10 pt text, 12 pt titles, 9 pt tick labels; text from data is never read as math (``$`` is shown
  as ``$``).
- **Palette**: the eight colours of Okabe & Ito (2008), *Color Universal Design*, which stay
  distinct for the common forms of colour-vision deficiency: blue ``#0072B2``, orange
  ``#E69F00``, bluish green ``#009E73``, reddish purple ``#CC79A7``, sky blue ``#56B4E9``,
  vermillion ``#D55E00``, yellow ``#F0E442``, black ``#000000`` (yellow last: low contrast on
  white). Groups get colours in sorted order, so an outlet keeps its colour in every figure of a
  report; lines and points also differ by marker shape, so figures survive greyscale printing.
  Two-sided figures (keyness) use blue for the target and vermillion for the reference.
- **Axes**: labels with units (``Articles (count)``, ``Article length (words)``), light grid
  behind the data, no top/right spines, title at the left.
- **Source note**: every figure carries a small grey note at the bottom left (``source=``).

Every plot function takes a tidy DataFrame with documented columns (names are keyword options),
never modifies it, and returns a :class:`matplotlib.figure.Figure` created through pyplot (so a
notebook shows it). :func:`save_figure` writes it as PNG and SVG without timestamps, so two runs
give identical files.
"""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from kit.errors import KitError
from kit.paths import write_atomic
from kit.schema import group_labels

#: Okabe & Ito (2008) colour-blind-safe palette, in the order groups receive them.
PALETTE: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Marker shapes paired with the palette (lines and points differ by shape as well as colour).
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")
#: Colour for "more in the target" and "more in the reference" in two-sided figures.
TARGET_COLOR, REFERENCE_COLOR = "#0072B2", "#D55E00"
#: Colour for points that are not significant / not highlighted.
MUTED_COLOR = "#9A9A9A"
#: Source note used when a plot function gets ``source=None``.
DEFAULT_SOURCE = "Coverage Framing Kit analysis"
#: Salt for SVG element ids, so SVG files are identical from run to run.
SVG_HASHSALT = "coverage-framing-kit"

#: The fixed style (matplotlib rcParams) every figure is drawn with.
STYLE: dict = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.labelcolor": "#222222",
    "axes.edgecolor": "#444444",
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": None,  # filled in below (needs matplotlib's cycler)
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "legend.fontsize": 9,
    "legend.frameon": False,
    "lines.linewidth": 1.8,
    "lines.markersize": 5,
    "figure.figsize": (7.0, 4.2),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.dpi": 150,
    "text.usetex": False,
    "text.parse_math": False,
    "svg.fonttype": "path",
    "svg.hashsalt": SVG_HASHSALT,
    "pdf.fonttype": 42,
}

_FORMATS = ("png", "svg", "pdf")


def _mpl():
    import matplotlib

    if STYLE["axes.prop_cycle"] is None:
        from cycler import cycler

        STYLE["axes.prop_cycle"] = cycler(color=list(PALETTE))
    return matplotlib


class style:
    """Apply :data:`STYLE`: for the rest of the session when called, or inside a ``with`` block.

    ``kit.plots.style()`` at the top of a notebook gives your own figures the kit's look;
    ``with kit.plots.style(): ...`` applies it only inside the block and restores the previous
    settings afterwards (every plot function of this module draws that way).

    >>> import matplotlib, matplotlib.pyplot as plt
    >>> before = matplotlib.rcParams["font.size"]
    >>> with style():
    ...     fig, ax = plt.subplots()
    >>> float(fig.get_figwidth()), matplotlib.rcParams["font.size"] == before
    (7.0, True)
    >>> plt.close(fig)
    """

    def __init__(self):
        mpl = _mpl()
        saved = dict(mpl.rcParams.copy())
        saved.pop("backend", None)  # as matplotlib's rc_context: never undo a backend chosen meanwhile
        self._saved = saved
        mpl.rcParams.update(STYLE)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        dict.update(_mpl().rcParams, self._saved)

    def __repr__(self) -> str:
        return "<kit.plots.style: Okabe-Ito palette, DejaVu Sans>"


def use_style() -> None:
    """Apply :data:`STYLE` to every later figure of the session (the same as calling :class:`style`).

    The kit's plot functions do not need it: they apply the style themselves.

    >>> import matplotlib
    >>> saved = dict(matplotlib.rcParams)
    >>> use_style()
    >>> matplotlib.rcParams["text.parse_math"]
    False
    >>> matplotlib.rcParams.update(saved)
    """
    _mpl().rcParams.update(STYLE)


def group_colors(values: Iterable) -> dict:
    """Colour for each distinct value, palette colours in sorted order (cycling after eight).

    >>> group_colors(["Wire", "Daily", "Wire"])
    {'Daily': '#0072B2', 'Wire': '#E69F00'}
    """
    keys = sorted({str(v) for v in values})
    return {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(keys)}


def _markers(values: Iterable) -> dict:
    keys = sorted({str(v) for v in values})
    return {k: MARKERS[i % len(MARKERS)] for i, k in enumerate(keys)}


def _need(df, cols: dict[str, str | None], func: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise KitError(f"{func}: expected a pandas DataFrame, got {type(df).__name__}")
    for option, col in cols.items():
        if col is not None and col not in df.columns:
            raise KitError(f"{func}: {option}='{col}' is not a column; the table has: {', '.join(map(str, df.columns))}")


def _new_figure(figsize=None, nrows=1, ncols=1, **kw):
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(nrows, ncols, figsize=figsize or STYLE["figure.figsize"], layout="constrained", **kw)
    return fig, axes


def _finish(fig, *, title: str | None, source: str | None, ax=None) -> None:
    """Title, source note and room for the note at the bottom of the figure."""
    if title:
        import textwrap

        title = "\n".join(textwrap.wrap(str(title), 50)) or str(title)  # long titles (with notes) wrap, not cut
        if ax is not None:
            ax.set_title(title)
        else:
            fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=STYLE["axes.titlesize"])
    note = DEFAULT_SOURCE if source is None else str(source)
    if note:
        if not note.lower().startswith("source"):
            note = f"Source: {note}"
        height = fig.get_figheight()
        room = min(0.3, 0.24 / height)
        fig.get_layout_engine().set(rect=(0, room, 1, 1 - room))
        fig.text(0.01, 0.012 / max(height / 4.2, 0.5), note, ha="left", va="bottom", fontsize=7.5, color="#555555")


def _no_data(ax, what: str = "No data to plot") -> None:
    ax.text(0.5, 0.5, what, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)


def _empty_ok(func):
    """Plot functions draw a titled "No data to plot" figure for a table without rows (even one
    without the named columns: a step that had nothing to compute), so a report never stops there."""
    import functools

    @functools.wraps(func)
    def wrapper(df, *args, **kwargs):
        if isinstance(df, pd.DataFrame) and df.empty:
            with style():
                fig, ax = _new_figure(kwargs.get("figsize") or (7.0, 2.2))
                _no_data(ax)
                _finish(fig, title=kwargs.get("title"), source=kwargs.get("source"), ax=ax)
            return fig
        return func(df, *args, **kwargs)

    return wrapper


def _plain_log_ticks(axis) -> None:
    """Label a log axis 1, 10, 100, 1,000 (the default labels need math text, which the style turns off)."""
    from matplotlib.ticker import FuncFormatter, NullFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}" if v >= 1 else f"{v:g}"))
    axis.set_minor_formatter(NullFormatter())


def _count_axis(axis) -> None:
    """An axis of counts: ticks on whole numbers only, written with thousands separators (12,500)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))


def _amount_axis(axis) -> None:
    """An axis of amounts: thousands separators, no scientific notation (25,770 and 8,224, not 2.577e+04)."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.3g}"))


def _fmt_number(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.3g}"


def save_figure(fig, output_dir: str | os.PathLike, name: str, *, formats: Sequence[str] = ("png", "svg"),
                dpi: int = 150) -> dict[str, Path]:
    """Write ``fig`` as ``output_dir/name.png`` and ``.svg`` (no timestamps) and return the paths.

    PNG at ``dpi`` dots per inch; SVG with text drawn as paths (identical on every machine) and a
    fixed id salt; no creation date in either, so two runs give identical files. The figure is
    closed for pyplot and returned inside a :class:`SavedFigure`, so a notebook cell that ends with
``save_figure(...)`` shows the figure exactly once.

    Parameters
    ----------
    fig : a matplotlib Figure (every plot function of this module returns one)
    output_dir : folder of the report (created when missing)
    name : file stem: letters, digits, ``_``, ``-``, ``.``
    formats : any of ``png``, ``svg``, ``pdf``
    dpi : resolution of the PNG

    Returns
    -------
    dict format -> Path.

    Examples
    --------
    >>> import tempfile
    >>> fig = bar_counts(pd.DataFrame({"outlet": ["A", "B"], "n_articles": [3, 5]}))
    >>> paths = save_figure(fig, tempfile.mkdtemp(), "articles_per_outlet")
    >>> sorted(p.name for p in paths.values())
    ['articles_per_outlet.png', 'articles_per_outlet.svg']
    >>> b"<dc:date>" in paths["svg"].read_bytes()
    False
    """
    from matplotlib.figure import Figure

    from kit.reporting import check_name

    if not isinstance(fig, Figure):
        raise KitError(f"save_figure: expected a matplotlib Figure, got {type(fig).__name__}")
    name = check_name(name, what="figure")
    bad = [f for f in formats if f not in _FORMATS]
    if bad or not formats:
        raise KitError(f"save_figure: unknown format(s) {bad}; choose from {', '.join(_FORMATS)}")
    folder = Path(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    mpl = _mpl()
    metadata = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None},
                "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}}
    paths = {}
    with mpl.rc_context({"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path", "pdf.fonttype": 42}):
        for fmt in formats:
            path = folder / f"{name}.{fmt}"
            buf = io.BytesIO()  # written whole, then renamed into place (kit.paths.write_atomic)
            fig.savefig(buf, format=fmt, dpi=dpi, metadata=metadata[fmt], facecolor="white")
            paths[fmt] = write_atomic(path, buf.getvalue())
    import matplotlib.pyplot as plt

    plt.close(fig)  # shown once, through the returned SavedFigure, not again by the inline backend
    return SavedFigure(fig, paths)


class SavedFigure(dict):
    """What :func:`save_figure` returns: a dict ``format -> Path`` that a notebook shows as the
    figure itself (exactly once, whether or not the inline backend would have shown it).

    >>> import tempfile
    >>> saved = save_figure(bar_counts(pd.DataFrame({"outlet": ["A"], "n_articles": [1]})), tempfile.mkdtemp(), "one")
    >>> saved._repr_png_()[:4] == bytes([137, 80, 78, 71]), sorted(saved)
    (True, ['png', 'svg'])
    """

    def __init__(self, figure, paths: dict[str, Path]):
        super().__init__(paths)
        self.figure = figure

    def _repr_png_(self) -> bytes:
        import io

        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=110, metadata={"Software": None}, facecolor="white")
        return buf.getvalue()

    def __repr__(self) -> str:
        return "<figure saved as " + ", ".join(str(p) for p in self.values()) + ">"


# --------------------------------------------------------------------------------------------
# plot functions


@_empty_ok
def bar_counts(df: pd.DataFrame, *, group: str = "outlet", value: str = "n_articles", hue: str | None = None,
               title: str | None = None, xlabel: str = "Articles (count)", ylabel: str | None = None,
               sort: bool = True, source: str | None = None, figsize: tuple[float, float] | None = None,
               max_bars: int = 30):
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
    max_bars : at most this many groups, the largest (the title says how many were left out; the
        table keeps them all)

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
    if sort:
        groups = sorted(groups, key=lambda g: (-totals[g], g))
    if len(groups) > max_bars:
        keep = set(sorted(groups, key=lambda g: (-totals[g], g))[:max_bars])
        title = (f"{title} - " if title else "") + f"the {max_bars} largest of {len(groups)}"
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
            for j, h in enumerate(hues):
                sub = data if h is None else data[data[hue].astype(str) == h]
                vals = sub.groupby("_g", sort=False)["_v"].sum().reindex(groups, fill_value=0.0)
                offset = (len(hues) - 1) / 2 * height - j * height
                bars = ax.barh(y + offset, vals.to_numpy(), height=height * 0.92, color=colors[h],
                               label=None if h is None else h)
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


@_empty_ok
def time_series(df: pd.DataFrame, *, date: str = "period_start", value: str = "n_articles", group: str | None = "outlet",
                title: str | None = None, xlabel: str = "Period start (UTC)", ylabel: str = "Articles per period (count)",
                source: str | None = None, figsize: tuple[float, float] | None = None):
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

    Examples
    --------
    >>> df = pd.DataFrame({"period_start": ["2023-02-01", "2023-03-01"] * 2,
    ...                    "outlet": ["A", "A", "B", "B"], "n_articles": [3, 1, 0, 2]})
    >>> fig = time_series(df, ylabel="Articles per month (count)")
    >>> len(fig.axes[0].get_lines()), fig.axes[0].get_ylabel()
    (2, 'Articles per month (count)')
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
        import matplotlib.dates as mdates

        fig, ax = _new_figure(figsize)
        if data.empty:
            _no_data(ax)
        else:
            colors, markers = group_colors(data["_g"]), _markers(data["_g"])
            for g, sub in sorted(data.groupby("_g", sort=True), key=lambda kv: kv[0]):
                sub = sub.sort_values("_d", kind="stable")
                ax.plot(sub["_d"], sub["_v"], color=colors[g], marker=markers[g], label=g if group else None)
            locator = mdates.AutoDateLocator()
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
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
              source: str | None = None, figsize: tuple[float, float] | None = None):
    """Histogram of a numeric column, one outlined histogram per group on shared bin edges.

    Parameters
    ----------
    df : one row per item (article, sentence, ...) with ``<value>`` (number) and optionally
        ``<group>`` (category)
    value, group : column names
    bins : number of equal-width bins over the whole range (the same edges for every group)
    title, xlabel, ylabel : texts (the defaults suit article lengths)
    source : source note

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
                for g in sorted(colors):
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
            ax.scatter(sub.loc[~hi, "_x"], sub.loc[~hi, "_y"], s=10, color=MUTED_COLOR, alpha=0.6, linewidths=0)
            ax.scatter(sub.loc[hi, "_x"], sub.loc[hi, "_y"], s=16, color=colors[p], linewidths=0)
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
        for panel_labels in labels:
            _spread_labels(fig, panel_labels)
    return fig


#: Line, histogram and interval figures draw at most this many groups (the largest); the title says so.
MAX_GROUPS = 8
#: Interval figures draw at most this many rows (labels): the largest by ``n_articles`` when the table has it.
MAX_LABELS = 30


def _largest_groups(data: pd.DataFrame, title: str | None, weight: str | None = None):
    """``data`` cut to the :data:`MAX_GROUPS` largest groups of ``_g`` (by ``weight`` summed, else rows),
    and the title saying so."""
    if data["_g"].nunique() <= MAX_GROUPS:
        return data, title
    size = data.groupby("_g")[weight].sum() if weight else data.groupby("_g").size()
    keep = set(size.sort_values(ascending=False, kind="stable").index[:MAX_GROUPS])
    note = f"the {MAX_GROUPS} largest of {len(size)} groups"
    return data[data["_g"].isin(keep)], (f"{title} - {note}" if title else note)


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


@_empty_ok
def prevalence_plot(df: pd.DataFrame, *, frame: str = "frame", group: str | None = "outlet", estimate: str = "share",
                    low: str = "share_low", high: str = "share_high", percent: bool = True, title: str | None = None,
                    xlabel: str = "Share of articles (%, with 95% interval)", source: str | None = None,
                    figsize: tuple[float, float] | None = None):
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
    with style():
        fig, ax = _new_figure(figsize or (7.0, min(10.0, 1.6 + 0.3 * max(len(frames) * len(groups), 4))))
        if data.empty:
            _no_data(ax)
        else:
            colors, markers = group_colors(groups), _markers(groups)
            step = 0.7 / max(len(groups), 1)
            base = {f: len(frames) - 1 - i for i, f in enumerate(frames)}  # first frame on top
            for j, g in enumerate(groups):
                sub = data[data["_g"] == g]
                yy = sub["_f"].map(base).to_numpy() + (len(groups) - 1) / 2 * step - j * step
                e = sub["_e"].to_numpy() * scale
                lo = np.clip(e - sub["_l"].to_numpy() * scale, 0, None)
                hi = np.clip(sub["_h"].to_numpy() * scale - e, 0, None)
                err = np.vstack([np.nan_to_num(lo), np.nan_to_num(hi)])
                ax.errorbar(e, yy, xerr=err, fmt=markers[g], color=colors[g], ecolor=colors[g], elinewidth=1.4,
                            capsize=2.5, markersize=5, label=g if group is not None else None)
            ax.set_yticks([base[f] for f in frames], frames)
            for f in frames[1::2]:  # light bands tell the frames apart when groups are dodged
                ax.axhspan(base[f] - 0.5, base[f] + 0.5, color="#F2F2F2", zorder=0, linewidth=0)
            ax.set_ylim(-0.5, len(frames) - 0.5)
            right = ax.get_xlim()[1]
            ax.set_xlim(-0.02 * right, right)  # markers at 0 stay whole
            ax.grid(axis="y", visible=False)
            if group is not None:
                ax.legend(title=group, loc="upper left", bbox_to_anchor=(1.01, 1))
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
            colors, markers = group_colors(groups), _markers(groups)
            step = 0.7 / max(len(groups), 1)
            base = {f: len(labels) - 1 - i for i, f in enumerate(labels)}
            if zero_line:
                ax.axvline(0.0, color=MUTED_COLOR, linewidth=0.8, zorder=0)
            for j, g in enumerate(groups):
                sub = data[data["_g"] == g]
                yy = sub["_f"].map(base).to_numpy() + (len(groups) - 1) / 2 * step - j * step
                e = sub["_e"].to_numpy()
                err = np.vstack([np.nan_to_num(np.clip(e - sub["_l"].to_numpy(), 0, None)),
                                 np.nan_to_num(np.clip(sub["_h"].to_numpy() - e, 0, None))])
                color = colors[g] if group is not None else PALETTE[0]
                ax.errorbar(e, yy, xerr=err, fmt=markers[g], color=color, ecolor=color, elinewidth=1.4,
                            capsize=2.5, markersize=5, label=g if group is not None else None)
            ax.set_yticks([base[f] for f in labels], labels)
            ax.grid(axis="y", visible=False)
            if group is not None:
                ax.legend(title=group, loc="upper left", bbox_to_anchor=(1.01, 1))
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel if ylabel is not None else label)
        _finish(fig, title=_titled(title, note), source=source, ax=ax)
    return fig
