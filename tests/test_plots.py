"""Tests for the kit/plots package: style, palette, what each figure draws, deterministic files."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402 (after matplotlib.use("Agg"))
import matplotlib.pyplot as plt  # noqa: E402 (after matplotlib.use("Agg"))
import numpy as np  # noqa: E402 (after matplotlib.use("Agg"))
import pandas as pd  # noqa: E402 (after matplotlib.use("Agg"))
import pytest  # noqa: E402 (after matplotlib.use("Agg"))

from kit import plots  # noqa: E402 (after matplotlib.use("Agg"))
from kit.errors import KitError  # noqa: E402 (after matplotlib.use("Agg"))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _hex(c) -> str:
    return mcolors.to_hex(c).upper()


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.texts]


def test_palette_is_okabe_ito():
    # Okabe & Ito (2008), Color Universal Design: published RGB values
    published = {(0, 114, 178), (230, 159, 0), (0, 158, 115), (204, 121, 167), (86, 180, 233), (213, 94, 0),
                 (240, 228, 66), (0, 0, 0)}
    got = {tuple(round(255 * v) for v in mcolors.to_rgb(c)) for c in plots.PALETTE}
    assert got == published


def test_group_colors_are_stable_across_figures():
    a = plots.group_colors(["B", "A", "C"])
    b = plots.group_colors(["C", "A", "B", "A"])
    assert a == b == {"A": plots.PALETTE[0], "B": plots.PALETTE[1], "C": plots.PALETTE[2]}


def test_bar_counts_bars_labels_and_source_note():
    df = pd.DataFrame({"outlet": ["Wire", "Daily", "Forum"], "n_articles": [12, 7, 20]})
    fig = plots.bar_counts(df, title="Articles per outlet", source="sample corpus")
    ax = fig.axes[0]
    widths = sorted(p.get_width() for p in ax.patches)
    assert widths == [7, 12, 20]
    # largest on top: tick labels bottom to top
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Daily", "Wire", "Forum"]
    assert ax.get_xlabel() == "Articles (count)" and ax.get_title(loc="left") == "Articles per outlet"
    assert "Source: sample corpus" in _texts(fig)
    assert {_hex(p.get_facecolor()) for p in ax.patches} == {plots.PALETTE[0]}
    assert sorted(t.get_text() for t in ax.texts) == ["12", "20", "7"]


def test_bar_counts_with_hue_dodges():
    df = pd.DataFrame({"outlet": ["A", "A", "B"], "role": ["x", "y", "x"], "n_articles": [1, 2, 3]})
    fig = plots.bar_counts(df, hue="role")
    ax = fig.axes[0]
    assert len(ax.patches) == 4  # 2 groups x 2 hues (B/y is a zero bar)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["x", "y"]


def test_bar_counts_writes_values_only_on_bars_tall_enough_to_hold_them():
    few = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "role": ["x", "y", "x", "y"], "share": [0.25, 0.75, 0.5, 0.5]})
    assert sorted(t.get_text() for t in plots.bar_counts(few, value="share", hue="role").axes[0].texts) == [
        "0.25", "0.5", "0.5", "0.75"]
    # 30 outlets x 7 types in a figure at most 9 inches tall: bars of about 2 points, so no value labels
    many = pd.DataFrame([(f"Outlet {i:02d}", t, 1 / 7) for i in range(30) for t in "abcdefg"],
                        columns=["outlet", "role", "share"])
    ax = plots.bar_counts(many, value="share", hue="role").axes[0]
    assert len(ax.patches) == 210 and len(ax.texts) == 0


def test_default_source_note():
    fig = plots.histogram(pd.DataFrame({"n_words": [1, 2, 3]}))
    assert f"Source: {plots.DEFAULT_SOURCE}" in _texts(fig)


def test_time_series_points_colours_and_markers():
    df = pd.DataFrame({"period_start": pd.to_datetime(["2023-02-01", "2023-03-01", "2023-02-01", "2023-03-01"]).date,
                       "outlet": ["B", "B", "A", "A"], "n_articles": [3, 1, 0, 2]})
    fig = plots.time_series(df, ylabel="Articles per month (count)")
    ax = fig.axes[0]
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    assert set(lines) == {"A", "B"}
    assert list(lines["B"].get_ydata()) == [3, 1] and list(lines["A"].get_ydata()) == [0, 2]
    assert _hex(lines["A"].get_color()) == plots.PALETTE[0] and _hex(lines["B"].get_color()) == plots.PALETTE[1]
    assert lines["A"].get_marker() != lines["B"].get_marker()
    assert ax.get_ylabel() == "Articles per month (count)"


def test_histogram_uses_shared_bins_and_counts_match_numpy():
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"n_words": rng.integers(200, 900, 120), "outlet": rng.choice(["A", "B"], 120)})
    fig = plots.histogram(df, group="outlet", bins=10)
    edges = np.histogram_bin_edges(df["n_words"], bins=10)
    ax = fig.axes[0]
    # one filled + one outline polygon per group; check the outline heights against numpy
    for g in ("A", "B"):
        expected, _ = np.histogram(df.loc[df["outlet"] == g, "n_words"], bins=edges)
        outline = [p for p in ax.patches if p.get_label() == g][0]
        xy = outline.get_xy()
        heights = xy[1:-1:2, 1][: len(expected)]
        assert list(heights) == list(expected)


def test_keyness_bars_both_directions():
    df = pd.DataFrame({"term": ["a", "b", "c", "d", "e", "f"], "log_ratio": [3.0, 1.0, 2.0, -0.5, -4.0, np.inf]})
    fig = plots.keyness_bars(df, n=2, target_label="Wire", reference_label="others")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # bottom to top: most negative ... most positive; inf is left out; 'b' is the third positive
    assert labels == ["e", "d", "c", "a"]
    widths = [p.get_width() for p in ax.patches]
    assert widths == [-4.0, -0.5, 2.0, 3.0]
    colours = [_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == [plots.REFERENCE_COLOR] * 2 + [plots.TARGET_COLOR] * 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["More frequent in Wire", "More frequent in others"]


def test_log_odds_scatter_labels_top_terms_per_group():
    df = pd.DataFrame({"term": ["a", "b", "c", "d", "a", "b"], "n_target": [10, 20, 30, 40, 5, 6],
                       "z": [3.0, 2.5, 0.5, -3.0, 1.0, 4.0], "outlet": ["X"] * 4 + ["Y"] * 2})
    fig = plots.log_odds_scatter(df, group="outlet", n_labels=2)
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title(loc="left") for ax in axes] == ["X", "Y"]
    assert sorted(t.get_text() for t in axes[0].texts) == ["a", "b"]
    assert sorted(t.get_text() for t in axes[1].texts) == ["a", "b"]
    assert axes[0].get_xscale() == "log"
    assert axes[0].get_ylabel() == "Weighted log-odds (z-score)"


def test_dispersion_plot_rows_and_ticks():
    df = pd.DataFrame({"pattern": ["x", "y", "x", "z"], "position": [5, 10, 15, 20], "outlet": ["A", "A", "B", "B"]})
    fig = plots.dispersion_plot(df, terms=["x", "y"], color="outlet", boundaries=[12])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["y", "x"]  # bottom to top
    offsets = ax.collections[0].get_offsets()
    assert sorted(map(tuple, np.asarray(offsets))) == [(5.0, 1.0), (10.0, 0.0), (15.0, 1.0)]  # 'z' not asked for
    assert any(ln.get_xdata()[0] == 12 for ln in ax.get_lines())


def test_dispersion_plot_per_article_positions():
    hits = pd.DataFrame({"pattern": ["x", "x", "y", "x"], "doc_id": ["d2", "d1", "d2", "d3"],
                         "position": [0.25, 0.5, 0.75, 0.0]})
    fig = plots.dispersion_plot(hits, doc="doc_id", docs=["d1", "d2", "d3"])
    ax = fig.axes[0]
    got = sorted(map(tuple, np.asarray(ax.collections[0].get_offsets())))
    # article k spans k..k+1: d1 -> 0, d2 -> 1, d3 -> 2; rows bottom to top: y (0), x (1)
    assert got == [(0.5, 1.0), (1.25, 1.0), (1.75, 0.0), (2.0, 1.0)]
    assert ax.get_xlim() == (0.0, 3.0)
    assert sorted(ln.get_xdata()[0] for ln in ax.get_lines()) == [1, 2]


def test_prevalence_plot_whiskers_match_intervals():
    df = pd.DataFrame({"frame": ["security", "economy"], "share": [0.4, 0.25], "share_low": [0.3, 0.2],
                       "share_high": [0.55, 0.3]})
    fig = plots.prevalence_plot(df, group=None)
    ax = fig.axes[0]
    segs = ax.collections[0].get_segments()  # error bar lines, one per row
    spans = sorted((round(s[0][0], 6), round(s[1][0], 6)) for s in segs)
    assert spans == [(20.0, 30.0), (30.0, 55.0)]
    with pytest.raises(KitError, match="outside"):
        plots.prevalence_plot(df.assign(share_low=[0.5, 0.2]), group=None)


def test_unknown_column_lists_the_columns():
    with pytest.raises(KitError, match="value='count' is not a column; the table has: outlet, n_articles"):
        plots.bar_counts(pd.DataFrame({"outlet": ["A"], "n_articles": [1]}), value="count")


@pytest.mark.parametrize("func", [plots.bar_counts, plots.time_series, plots.histogram, plots.keyness_bars,
                                  plots.log_odds_scatter, plots.dispersion_plot, plots.prevalence_plot])
def test_empty_tables_give_a_figure_saying_so(func, tmp_path):
    cols = {"outlet": [], "n_articles": [], "period_start": [], "n_words": [], "term": [], "log_ratio": [],
            "n_target": [], "z": [], "pattern": [], "position": [], "frame": [], "share": [], "share_low": [], "share_high": []}
    fig = func(pd.DataFrame(cols))
    assert any(t.get_text() == "No data to plot" for ax in fig.axes for t in ax.texts)
    plots.save_figure(fig, tmp_path, "empty")


def test_text_from_data_is_not_math(tmp_path):
    df = pd.DataFrame({"term": ["$5 billion", "50% of $x$", "_under_"], "log_ratio": [1.0, -1.0, 2.0]})
    fig = plots.keyness_bars(df)
    plots.save_figure(fig, tmp_path, "money")  # mathtext would fail on an unbalanced "$"
    assert "$5 billion" in [t.get_text() for t in fig.axes[0].get_yticklabels()]


def _draw(seed: int):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"term": [f"w{i}" for i in range(60)], "n_target": rng.integers(1, 300, 60), "z": rng.normal(0, 2, 60)})
    return plots.log_odds_scatter(df, n_labels=8, title="Log-odds")


def test_save_figure_is_deterministic(tmp_path):
    a = plots.save_figure(_draw(1), tmp_path / "a", "fig")
    b = plots.save_figure(_draw(1), tmp_path / "b", "fig")
    assert set(a) == {"png", "svg"}
    assert a["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert a["png"].read_bytes() == b["png"].read_bytes()
    assert a["svg"].read_bytes() == b["svg"].read_bytes()
    svg = a["svg"].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "<script" not in svg


def test_save_figure_arguments(tmp_path):
    fig = _draw(2)
    with pytest.raises(KitError, match="unknown format"):
        plots.save_figure(fig, tmp_path, "x", formats=("png", "gif"))
    with pytest.raises(KitError, match="name"):
        plots.save_figure(fig, tmp_path, "../x")
    with pytest.raises(KitError, match="Figure"):
        plots.save_figure("not a figure", tmp_path, "x")
    paths = plots.save_figure(fig, tmp_path, "x", formats=("pdf",))
    assert paths["pdf"].read_bytes().startswith(b"%PDF")


def test_style_does_not_leak_into_global_settings():
    before = dict(matplotlib.rcParams)
    plots.bar_counts(pd.DataFrame({"outlet": ["A"], "n_articles": [1]}))
    after = dict(matplotlib.rcParams)
    assert {k for k in before if before[k] != after[k] and k != "axes.prop_cycle"} == set()


def test_interval_plot_signed_estimates_with_zero_line():
    df = pd.DataFrame({"actor": ["A", "B", "C"], "mean_compound": [-0.2, 0.3, 0.05],
                       "compound_low": [-0.45, 0.1, np.nan], "compound_high": [0.0, 0.5, np.nan]})
    fig = plots.interval_plot(df)
    ax = fig.axes[0]
    assert ax.get_xlim()[0] < -0.45  # not clipped at zero
    assert any(ln.get_xdata()[0] == 0.0 for ln in ax.get_lines())  # the zero line
    spans = sorted((round(s[0][0], 6), round(s[1][0], 6)) for s in ax.collections[0].get_segments())
    assert (-0.45, 0.0) in spans and (0.1, 0.5) in spans
    assert ax.get_xlabel().startswith("Mean VADER compound")
    with pytest.raises(KitError, match="outside"):
        plots.interval_plot(df.assign(compound_low=[0.1, 0.1, 0.0]))


def test_style_called_bare_applies_for_the_session():
    saved = dict(matplotlib.rcParams.copy())
    saved.pop("backend", None)
    try:
        matplotlib.rcParams["font.size"] = 17
        plots.style()
        assert matplotlib.rcParams["font.size"] == 10 and matplotlib.rcParams["text.parse_math"] is False
        with plots.style():
            matplotlib.rcParams["font.size"] = 30
        assert matplotlib.rcParams["font.size"] == 10  # the block restored what was there before it
    finally:
        dict.update(matplotlib.rcParams, saved)


@pytest.mark.parametrize("func", [plots.bar_counts, plots.time_series, plots.keyness_bars, plots.log_odds_scatter,
                                  plots.dispersion_plot, plots.prevalence_plot, plots.interval_plot, plots.histogram])
def test_a_step_that_computed_nothing_gives_a_titled_figure(func):
    """A column-less empty table (kit.reporting.attempt after a KitError) draws "No data to plot", not a KeyError."""
    fig = func(pd.DataFrame(), title="Keywords")
    texts = [t.get_text() for ax in fig.axes for t in ax.texts] + [ax.get_title(loc) for ax in fig.axes
                                                                 for loc in ("left", "center")]
    assert "No data to plot" in texts and "Keywords" in texts


def test_many_groups_show_the_largest_and_say_so():
    """200 outlets: bars, lines and histograms draw the largest groups and the title says how many were left out."""
    outlets = [f"Outlet {k:03d}" for k in range(200)]
    bars = pd.DataFrame({"outlet": outlets, "n_articles": range(1, 201)})
    fig = plots.bar_counts(bars, title="Articles per outlet")
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == 30 and ax.get_yticklabels()[-1].get_text() == "Outlet 199"
    assert ax.get_title(loc="left") == "Articles per outlet - the 30 largest of 200"
    series = pd.DataFrame({"period_start": ["2023-01-01"] * 200, "outlet": outlets, "n_articles": range(200)})
    fig = plots.time_series(series, title="Coverage")
    assert len(fig.axes[0].get_lines()) == plots.MAX_GROUPS and "largest of 200 groups" in fig.axes[0].get_title(loc="left")
    plt.close("all")


def test_count_axes_tick_whole_numbers_with_thousands_separators():
    fig = plots.bar_counts(pd.DataFrame({"outlet": ["A", "B"], "n_words": [25770, 8224]}), value="n_words",
                           xlabel="Words (count)")
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert all("e+" not in t and "." not in t for t in ticks) and any("," in t for t in ticks)
    fig = plots.bar_counts(pd.DataFrame({"outlet": ["A", "B"], "n_articles": [1, 2]}))
    fig.canvas.draw()
    assert all(float(v).is_integer() for v in fig.axes[0].get_xticks())
    plt.close("all")


def test_interval_figures_of_many_groups_show_the_largest_and_say_so():
    outlets = [f"Outlet {k:03d}" for k in range(50)]
    prev = pd.DataFrame({"frame": ["conflict"] * 50, "outlet": outlets, "n_articles": range(1, 51),
                         "share": 0.5, "share_low": 0.2, "share_high": 0.8})
    fig = plots.prevalence_plot(prev, title="Frames")
    assert fig.axes[0].get_title(loc="left") == f"Frames - the {plots.MAX_GROUPS} largest of 50 groups"
    assert sorted(t.get_text() for t in fig.axes[0].get_legend().get_texts())[0] == "Outlet 042"
    tone = pd.DataFrame({"outlet": outlets, "n_articles": range(1, 51), "mean_compound": 0.1,
                         "compound_low": 0.0, "compound_high": 0.2})
    fig = plots.interval_plot(tone, label="outlet", title="Tone")
    assert len(fig.axes[0].get_yticklabels()) == plots.MAX_LABELS and "30 of 50 rows" in fig.axes[0].get_title(loc="left")
    plt.close("all")


@pytest.mark.parametrize("freq,period,pattern", [("MS", "month", r"^[A-Z][a-z]{2}(\n\d{4})?$"),
                                                  ("QS", "quarter", r"^\d{4}Q[1-4]$"), ("YS", "year", r"^\d{4}$")])
def test_time_series_ticks_match_the_period(freq, period, pattern):
    import re

    starts = pd.date_range("2022-01-01", periods=30, freq=freq)
    df = pd.DataFrame({"period_start": starts, "n_articles": range(30), "outlet": "A"})
    for given in (period, None):  # named, or read from the spacing of the dates
        fig = plots.time_series(df, period=given)
        fig.canvas.draw()
        labels = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
        assert labels and len(labels) <= 13 and all(re.match(pattern, t) for t in labels), labels
        plt.close(fig)


def test_time_series_and_histogram_legends_take_the_report_group_order():
    series = pd.DataFrame({"period_start": ["2023-02-01", "2023-03-01"] * 3, "outlet": ["A", "A", "B", "B", "C", "C"],
                           "n_articles": [3, 1, 0, 2, 5, 5]})
    lengths = pd.DataFrame({"n_words": [250, 300, 410, 780, 500], "outlet": ["A", "A", "B", "C", "C"]})
    for fig in (plots.time_series(series, order=["C", "A"]), plots.histogram(lengths, group="outlet", order=["C", "A"])):
        assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["C", "A", "B"]  # the rest after, sorted
        plt.close(fig)
    fig = plots.time_series(series)  # no order: sorted, as before
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["A", "B", "C"]
    plt.close(fig)
