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

The functions live in modules of one figure family each (:mod:`kit.plots.base`: the style and the
shared helpers; :mod:`~kit.plots.save`; :mod:`~kit.plots.figures`: counts, time series,
histograms; :mod:`~kit.plots.terms`: keyness, log-odds, dispersion; :mod:`~kit.plots.intervals`:
prevalence and intervals); import them from ``kit.plots``. Plot functions keep ``group=`` for a
column of an already grouped table (the analyses group with ``group_by``).
"""
from __future__ import annotations

from kit.plots.base import (
    DEFAULT_SOURCE,
    MARKERS,
    MAX_GROUPS,
    MAX_LABELS,
    MUTED_COLOR,
    PALETTE,
    REFERENCE_COLOR,
    STYLE,
    SVG_HASHSALT,
    TARGET_COLOR,
    _finish,  # noqa: F401 - kit.dedupe draws its figure with the shared helpers
    _need,  # noqa: F401 - kit.dedupe draws its figure with the shared helpers
    _new_figure,  # noqa: F401 - kit.dedupe draws its figure with the shared helpers
    _no_data,  # noqa: F401 - kit.dedupe draws its figure with the shared helpers
    group_colors,
    style,
    use_style,
)
from kit.plots.figures import bar_counts, histogram, time_series
from kit.plots.intervals import interval_plot, prevalence_plot
from kit.plots.save import SavedFigure, save_figure
from kit.plots.terms import dispersion_plot, keyness_bars, log_odds_scatter

__all__ = ["DEFAULT_SOURCE", "MARKERS", "MAX_GROUPS", "MAX_LABELS", "MUTED_COLOR", "PALETTE", "REFERENCE_COLOR", "STYLE",
           "SVG_HASHSALT", "TARGET_COLOR", "SavedFigure", "bar_counts", "dispersion_plot", "group_colors", "histogram",
           "interval_plot", "keyness_bars", "log_odds_scatter", "prevalence_plot", "save_figure", "style", "time_series",
           "use_style"]
