"""The style every figure shares and the helpers the figure modules draw with (see :mod:`kit.plots`)."""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from kit.errors import KitError

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


def in_group_order(groups: Iterable, order=None) -> list:
    """The distinct ``groups`` (as text) in the report's group order (:func:`kit.reporting.group_order`),
    those not in ``order`` after them in sorted order; sorted when ``order`` is None.

    >>> in_group_order(["Wire", "Daily", "Post"], ["Post", "Wire"]), in_group_order(["Wire", "Daily"])
    (['Post', 'Wire', 'Daily'], ['Daily', 'Wire'])
    """
    keys = sorted({str(g) for g in groups})
    if order is None:
        return keys
    rank = {str(g): i for i, g in enumerate(order)}
    return sorted(keys, key=lambda g: rank.get(g, len(rank)))


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
    from matplotlib.ticker import FuncFormatter, NullLocator

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}" if v >= 1 else f"{v:g}"))
    axis.set_minor_locator(NullLocator())  # no unlabelled minor ticks: each costs layout time in every panel


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

