"""Saving figures: PNG and SVG without timestamps, shown once in a notebook.

Part of :mod:`kit.plots` (the style is described there); import from ``kit.plots``.
"""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Sequence

from kit.errors import KitError
from kit.paths import write_atomic
from kit.plots.base import _FORMATS, SVG_HASHSALT, _mpl


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
    >>> import pandas as pd
    >>> from kit.plots import bar_counts
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
    >>> import pandas as pd
    >>> from kit.plots import bar_counts
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
