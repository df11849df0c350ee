"""Session 13: a time series spanning centuries gets labelled year ticks (no timed assertion)."""
from __future__ import annotations

import re
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 (after matplotlib.use("Agg"))
import pandas as pd  # noqa: E402 (after matplotlib.use("Agg"))
import pytest  # noqa: E402 (after matplotlib.use("Agg"))

from kit import plots  # noqa: E402 (after matplotlib.use("Agg"))

SPANS = {  # a few early periods and a few recent ones: the span, not the number of points, sets the ticks
    "month": ["1750-01-01", "1750-02-01", "2023-02-01", "2023-03-01"],
    "quarter": ["1750-01-01", "1750-04-01", "2023-01-01", "2023-04-01"],
    "year": ["1700-01-01", "1701-01-01", "2023-01-01"],
    "day": ["1750-01-01", "1750-01-02", "2023-02-01"],
}


@pytest.mark.parametrize("period", list(SPANS))
@pytest.mark.parametrize("named", [True, False])
def test_time_series_spanning_centuries_has_year_tick_labels(period, named):
    df = pd.DataFrame({"period_start": SPANS[period], "n_articles": range(len(SPANS[period]))})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib's "Locator attempting to generate 3603 ticks" came before
        fig = plots.time_series(df, group=None, period=period if named else None)
        fig.canvas.draw()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert 2 <= len(labels) <= plots.figures.MAX_DATE_TICKS + 1, labels
    assert all(re.fullmatch(r"\d{4}", t) for t in labels), labels
    assert len(ax.xaxis.get_minorticklocs()) < 1000
    plt.close(fig)


def test_a_short_monthly_series_keeps_its_month_labels():
    df = pd.DataFrame({"period_start": ["2023-02-01", "2023-03-01"], "n_articles": [3, 1]})
    fig = plots.time_series(df, group=None)
    fig.canvas.draw()
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Feb\n2023", "Mar"]
    plt.close(fig)
