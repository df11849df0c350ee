"""Session 14: report 04 (voices) ranks the distinct voices by their count, and leaves out the chart
of quoted words by side when there is nothing to compare (no actor file, or a single side). The
tables are written here (fictional outlets)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from kit.plots import bar_counts
from kit.reporting import Note, group_order, side_chart_note, value_order

ROOT = Path(__file__).resolve().parents[1]
VOICES = pd.DataFrame({"outlet": ["Harbor Daily", "Ridge Post", "Valley Wire", "Coast Times"],
                       "n_voices": [3, 11, 7, 7]})
ARTICLES = pd.DataFrame({"outlet": ["Harbor Daily"] * 5 + ["Ridge Post"] + ["Valley Wire"] * 2 + ["Coast Times"] * 3})


def test_distinct_voices_are_ranked_by_count_ties_in_the_group_order():
    order = group_order(ARTICLES, "outlet")
    assert order == ["Harbor Daily", "Coast Times", "Valley Wire", "Ridge Post"]  # most articles first
    ranked = value_order(VOICES, "outlet", "n_voices", order)
    assert ranked == ["Ridge Post", "Coast Times", "Valley Wire", "Harbor Daily"]
    fig = bar_counts(VOICES, group="outlet", value="n_voices", order=ranked)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()][::-1]  # top to bottom
    assert labels == ranked


def test_value_order_sums_rows_of_a_group_and_labels_missing_groups():
    t = pd.DataFrame({"outlet": ["A", "A", None, "B"], "share": [0.25, 0.5, 0.9, None]})
    assert value_order(t, "outlet", "share") == ["(unknown)", "A", "B"]


def _by_side(sides):
    return pd.DataFrame({"outlet": ["Harbor Daily"] * len(sides), "side": sides, "share": [1 / len(sides)] * len(sides)})


def test_no_side_chart_without_an_actor_file_or_with_one_side():
    note = side_chart_note(_by_side(["(none)"]), actors=None)
    assert isinstance(note, Note) and "no actor file" in note
    one = side_chart_note(_by_side(["(none)"]), actors="cast.yml")
    assert isinstance(one, Note) and "one side ((none))" in one
    assert side_chart_note(_by_side(["council", "(none)"]), actors="cast.yml") is None
    assert "no quote" in side_chart_note(_by_side(["(none)"]).head(0), actors="cast.yml")


def test_report_04_draws_the_side_chart_only_when_side_chart_note_allows():
    cells = json.loads((ROOT / "notebooks" / "04_voices.ipynb").read_text(encoding="utf-8"))["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    cell = next(c for c in code if 'by="side"' in c)
    guard, _, drawn = cell.partition("if no_side_chart is None:")
    assert "kit.reporting.side_chart_note(by_side, actors=actors_path)" in guard
    assert "bar_counts" not in guard and "bar_counts" in drawn and "save_figure" in drawn
    voices = next(c for c in code if 'value="n_voices"' in c)
    assert 'order=kit.reporting.value_order(voices, group_by, "n_voices", group_order)' in voices


def test_a_share_chart_with_too_many_groups_keeps_the_first_in_the_report_order():
    # shares by speaker type sum to 1 in every group: "the largest" groups were the first by name
    # (report 04 on frames-dev left out outlets with many articles and kept ones with one)
    outlets = [f"Outlet {i:02d}" for i in range(34)]
    by_type = pd.DataFrame({"outlet": outlets * 2, "speaker_type": ["official"] * 34 + ["expert"] * 34,
                            "share": [0.5] * 68})
    order = outlets[::-1]  # the report's order: here the last names have the most articles
    fig = bar_counts(by_type, group="outlet", value="share", hue="speaker_type", order=order, max_bars=30)
    shown = [t.get_text() for t in fig.axes[0].get_yticklabels()][::-1]
    assert shown == order[:30]
    assert fig.axes[0].get_title(loc="left").endswith("the first 30 of 34")
