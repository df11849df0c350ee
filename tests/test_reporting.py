"""Tests for kit/reporting.py: deterministic CSV tables and escaped display."""
from __future__ import annotations

import csv
import datetime as dt
import io
import math

import numpy as np
import pandas as pd
import pytest

from kit.errors import KitError
from kit.reporting import check_name, save_table, show_table, table_to_csv


def test_save_table_exact_bytes(tmp_path):
    df = pd.DataFrame({
        "outlet": ["Wire", "Daily — “quoted”"],
        "n": [3, 12],
        "share": [1 / 3, 2 / 3],
        "tiny": [1.5e-20, -0.0],
        "missing": [np.nan, 2.5],
        "authors": [["A. One", "B. Two"], []],
    })
    path = save_table(df, tmp_path / "new" / "sub", "summary")
    assert path == tmp_path / "new" / "sub" / "summary.csv"
    expected = ('outlet,n,share,tiny,missing,authors\n'
                'Wire,3,0.333333,1.5e-20,,"[""A. One"", ""B. Two""]"\n'
                'Daily — “quoted”,12,0.666667,0,2.5,[]\n')
    assert path.read_bytes() == expected.encode("utf-8")
    assert b"\r" not in path.read_bytes()
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")  # no BOM


def test_two_saves_are_byte_identical_and_input_untouched(tmp_path):
    rng = np.random.default_rng(7)
    df = pd.DataFrame({"term": [f"t{i}" for i in range(200)], "score": rng.normal(size=200),
                       "when": pd.date_range("2023-01-01", periods=200, freq="D", tz="UTC")})
    before = df.copy()
    a = save_table(df, tmp_path / "a", "t").read_bytes()
    # the same numbers computed in a different order of operations differ in the last bits only
    df2 = df.assign(score=(df["score"] * 3.0) / 3.0)
    b = save_table(df2, tmp_path / "b", "t").read_bytes()
    assert a == b
    pd.testing.assert_frame_equal(df, before)
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["t.csv"]  # no temporary file left behind


def test_float_values_round_trip_to_six_significant_digits(tmp_path):
    values = [math.pi, 123456789.0, -2.5e-7, 1.0, 0.1 + 0.2]
    path = save_table(pd.DataFrame({"v": values}), tmp_path, "v")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0] == ["v"]
    # independent oracle: Python's own formatting with 6 significant digits
    assert [r[0] for r in rows[1:]] == [format(v, ".6g") for v in values]


def test_float_format_option_and_index(tmp_path):
    path = save_table(pd.DataFrame({"x": [0.125]}, index=pd.Index(["a"], name="k")), tmp_path, "x.csv",
                      float_format="%.2f", index=True)
    assert path.name == "x.csv"
    assert path.read_text(encoding="utf-8") == "k,x\na,0.12\n"


def test_nullable_and_date_columns():
    df = pd.DataFrame({"i": pd.array([1, None], dtype="Int64"), "f": pd.array([0.5, None], dtype="Float64"),
                       "d": [pd.Timestamp("2023-06-18").date(), None],
                       "ts": pd.to_datetime(["2023-06-18 09:00", None], utc=True)})
    assert table_to_csv(df) == "i,f,d,ts\n1,0.5,2023-06-18,2023-06-18 09:00:00+00:00\n,,,\n"


@pytest.mark.parametrize("bad", ["", "../up", "a/b", "with space", ".hidden", "x..y"])
def test_bad_names_are_rejected(tmp_path, bad):
    with pytest.raises(KitError, match="name"):
        save_table(pd.DataFrame({"a": [1]}), tmp_path, bad)


def test_check_name_accepts_plain_names():
    assert check_name("keyness_top-terms.v2") == "keyness_top-terms.v2"


def test_not_a_dataframe(tmp_path):
    with pytest.raises(KitError, match="DataFrame"):
        save_table([1, 2], tmp_path, "x")
    with pytest.raises(KitError, match="DataFrame"):
        show_table({"a": 1})


def test_show_table_escapes_everything():
    df = pd.DataFrame({"title": ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"],
                       "text": ["para one\n\npara <b>two</b>", "x"]})
    out = show_table(df, caption="Titles <i>and</i> text")._repr_html_()
    assert "<script" not in out and "<img" not in out and "<b>" not in out and "<i>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "Titles &lt;i&gt;and&lt;/i&gt; text" in out
    assert "para one \u00b6 para &lt;b&gt;two&lt;/b&gt;" in out


def test_show_table_cuts_long_tables():
    t = show_table(pd.DataFrame({"n": range(30)}), max_rows=5)
    assert "Showing 5 of 30 rows" in t._repr_html_()
    assert t._repr_html_().count("<td>") == 5
    assert "(showing 5 of 30 rows)" in repr(t)
    with pytest.raises(KitError, match="max_rows"):
        show_table(pd.DataFrame({"n": [1]}), max_rows=0)


def test_tables_are_readable_like_figures_and_html(tmp_path):
    """CSV tables get the same permissions as the other outputs (0644 less the umask), not mkstemp's 0600."""
    import os

    import pandas as pd

    from kit import reporting

    umask = os.umask(0o022)
    try:
        path = reporting.save_table(pd.DataFrame({"a": [1]}), tmp_path, "t")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]  # no temporary file left


def test_long_text_is_cut_on_screen_and_kept_whole_in_the_csv(tmp_path):
    import pandas as pd

    from kit import reporting

    df = pd.DataFrame({"title": ["word " * 100]})
    shown = reporting.show_table(df)._repr_html_()
    assert "\u2026" in shown and "word " * 40 not in shown
    assert (reporting.save_table(df, tmp_path, "t").read_text(encoding="utf-8").count("word") == 100)


def test_large_numbers_on_screen_have_thousands_separators():
    import pandas as pd

    from kit import reporting

    html = reporting.show_table(pd.DataFrame({"per_million": [25770.3, 8224.0, 957.46]}))._repr_html_()
    assert "25,770" in html and "8,224" in html and "957.5" in html and "e+" not in html


def test_every_bundled_dictionary_says_where_it_was_validated_and_report_03_repeats_it():
    import json
    from pathlib import Path

    from kit.frames.dictionaries import BUNDLED_DICTIONARIES
    from kit.reporting import dictionary_validity

    lines = dictionary_validity(list(BUNDLED_DICTIONARIES))
    assert len(lines) == len(BUNDLED_DICTIONARIES)
    for name, line in zip(BUNDLED_DICTIONARIES, lines):
        assert line.startswith(f"{name}: Validated") and "Not validated on" in line and "\n" not in line
    assert "frames-dev" in lines[list(BUNDLED_DICTIONARIES).index("generic_frames")]  # its one real-news measurement
    nb = json.loads((Path(__file__).resolve().parents[1] / "notebooks" / "03_frames_and_tone.ipynb").read_text())
    assert any("dictionary_validity(dictionary)" in "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


def test_table_to_csv_formats_floats_as_pandas_does():
    """Floats are formatted by the kit (faster) to the same text as pandas' to_csv(float_format=...)."""
    import numpy as np

    from kit.reporting import FLOAT_FORMAT, table_to_csv

    df = pd.DataFrame({"f": [1 / 3, 0.0, np.nan, np.inf, -np.inf, 1e-300, 123456789.0],
                       "F": pd.array([1.5, None, 0.0, 2, 3, 4, 5], dtype="Float64"),
                       "f32": np.array([1 / 3, 2, 3, 4, 5, 6, 7], dtype="float32"),
                       "i": range(7), "t": ["a", "b,c", 'd"e', None, "x", "y", "z"]})
    want = df.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
    assert table_to_csv(df, neutralise_formulas=False) == want
    shown = pd.DataFrame({"t": pd.Series(["=x", "-3", None, "ok", "'=y"], dtype="str"), "v": [-1.5, 2, 3, 4, 5]})
    assert table_to_csv(shown) == "t,v\n'=x,-1.5\n'-3,2\n,3\nok,4\n''=y,5\n"


def test_wide_tables_scroll_in_their_box():
    """A table wider than the page (keyness: 13 columns) scrolls sideways instead of being cut off."""
    from kit.reporting import show_table

    html = show_table(pd.DataFrame({f"column_{i}": [1.5] for i in range(14)}))._repr_html_()
    assert 'class="kit-table-box" style="overflow-x: auto' in html and html.index("kit-table-box") < html.index("<table")


def test_counts_get_thousands_separators_but_years_and_ids_do_not():
    df = pd.DataFrame({"outlet": ["A", "B"], "n_words": [5702, 12], "year": [2023, 2024], "doc_no": [1234, 5],
                       "n": pd.array([1500, None], dtype="Int64"), "flag": [True, False]})
    html_text = show_table(df)._repr_html_()
    assert "5,702" in html_text and "1,500" in html_text
    assert "2023" in html_text and "2,023" not in html_text and "1234" in html_text and "1,234" not in html_text
    assert "True" in html_text
    assert str(show_table(df)).splitlines()[1].split() == ["A", "5,702", "2023", "1234", "1,500", "True"]


def test_two_figures_of_one_report_list_groups_in_the_report_order():
    # one group order per report: by articles (most first, ties by name), whatever each figure's values
    import matplotlib.pyplot as plt

    from kit.plots import bar_counts, prevalence_plot
    from kit.reporting import group_order, in_order

    arts = pd.DataFrame({"doc_id": list("abcdefg"), "outlet": ["Wire", "Post", "Post", "Daily", "Daily", "Wire", "Post"]})
    order = group_order(arts, "outlet")
    assert order == ["Post", "Daily", "Wire"]  # 3 articles, then 2 and 2 by name
    voices = pd.DataFrame({"outlet": ["Wire", "Post", "Daily"], "n_voices": [9, 1, 5]})  # its own sort: Wire, Daily, Post
    shares = pd.DataFrame({"outlet": ["Daily", "Wire", "Post"] * 2, "side": ["x"] * 3 + ["y"] * 3,
                           "share": [0.9, 0.5, 0.1, 0.1, 0.5, 0.9]})
    prev = pd.DataFrame({"frame": ["f"] * 3, "outlet": ["Wire", "Daily", "Post"], "share": [0.5, 0.4, 0.3],
                         "share_low": [0.4, 0.3, 0.2], "share_high": [0.6, 0.5, 0.4]})
    top_down = lambda fig: [t.get_text() for t in fig.axes[0].get_yticklabels()][::-1]  # noqa: E731 (a one-line reader of a figure)
    f1 = bar_counts(voices, group="outlet", value="n_voices", order=order)
    f2 = bar_counts(shares, group="outlet", value="share", hue="side", order=order)
    f3 = prevalence_plot(prev, group="outlet", order=order)
    legend = [t.get_text() for t in f3.axes[0].get_legend().get_texts()]
    assert top_down(f1) == top_down(f2) == legend == order
    assert top_down(bar_counts(voices, group="outlet", value="n_voices")) == ["Wire", "Daily", "Post"]  # without it
    for f in (f1, f2, f3):
        plt.close(f)
    tone = pd.DataFrame({"outlet": ["Daily", "Wire", "Post"], "mean_compound": [0.1, 0.2, 0.3]})
    assert in_order(tone, "outlet", order)["outlet"].tolist() == order


def test_long_text_columns_keep_a_readable_width():
    """Titles are not squeezed into one word a line: a column of long text gets a minimum width
    (the table box scrolls sideways instead); short text and numbers do not."""
    from kit.reporting import TEXT_MIN_WIDTH, show_table

    df = pd.DataFrame({"title": ["Envoy lands in Beijing for two days of talks on trade and security"],
                       "outlet": ["Harbor Street Weekly"], "n_words": [512]})
    html = show_table(df)._repr_html_()
    assert f'<th class="kit-wide" style="min-width: {TEXT_MIN_WIDTH};">title</th>' in html  # the page's CSS reads the class
    assert "<th>outlet</th>" in html and "<th>n_words</th>" in html
    empty = pd.DataFrame({"published": pd.to_datetime([], utc=True), "title": pd.Series([], dtype=object)})
    assert "<th>published</th>" in show_table(empty)._repr_html_()  # an empty table (a date column) shows too


def test_several_long_text_columns_share_the_page_width():
    """03's evidence (left, right, sentence side by side) fits the page: three or more long text
    columns each get the narrower TEXT_SHARED_WIDTH (class kit-wide-shared, which the report page's
    CSS reads), so the text wraps rather than the last column running off the page; two keep 18em."""
    from kit.reporting import TEXT_MIN_WIDTH, TEXT_SHARED_WIDTH, show_table

    long = "Senator Ann Roe told the committee on Tuesday that the talks would go on into the night"
    three = show_table(pd.DataFrame({"frame": ["economic"], "left": [long], "keyword": ["trade"], "right": [long],
                                     "sentence": [long]}))._repr_html_()
    for c in ("left", "right", "sentence"):
        assert f'<th class="kit-wide kit-wide-shared" style="min-width: {TEXT_SHARED_WIDTH};">{c}</th>' in three
    assert "<th>frame</th>" in three and "<th>keyword</th>" in three
    two = show_table(pd.DataFrame({"title": [long], "text": [long]}))._repr_html_()
    assert two.count(f'<th class="kit-wide" style="min-width: {TEXT_MIN_WIDTH};">') == 2 and "shared" not in two
    css = open("kit/resources/report.html.j2", encoding="utf-8").read()
    assert f"th.kit-wide.kit-wide-shared {{ min-width: {TEXT_SHARED_WIDTH}; }}" in css
    assert f"th.kit-wide {{ min-width: {TEXT_MIN_WIDTH}; }}" in css


def test_missing_cells_show_empty_or_their_label_never_none():
    """A column of None (04's side without an actor file) printed "None"; missing cells are empty,
    or show the label given per column (missing={"side": "(none)"})."""
    from kit.reporting import show_table

    df = pd.DataFrame({"speaker": ["Ann Roe", "Bo Li"], "side": [None, None], "role": ["senator", None],
                       "share": [0.5, float("nan")]})
    html = show_table(df)._repr_html_()
    assert "None" not in html and "nan" not in html.lower() and html.count("<td></td>") == 4
    labelled = show_table(df, missing={"side": "(none)"})._repr_html_()
    assert labelled.count("<td>(none)</td>") == 2 and "None" not in labelled and "(none)" not in html
    assert "(none)" in repr(show_table(df, missing={"side": "(none)"}))
    with pytest.raises(KitError):
        show_table(df, missing=["side"])


def test_a_long_table_is_written_in_chunks_with_the_same_bytes(tmp_path, monkeypatch):
    """save_table formats a long table CSV_CHUNK_ROWS rows at a time: the same file as in one piece,
    whatever the chunk holds (a list, a float or a date in a text column only in a later chunk, a
    formula, -0.0, missing values); a table of dates is written whole."""
    import datetime as dt

    import kit.reporting as rep

    n = 23
    df = pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(n)],
        "mixed": ["text"] * 20 + [["a", "b"], 1.5, None],  # a list only in the last chunk: JSON for the column
        "floaty": ["x"] * 21 + [0.1234567, None],  # floats in a text column, formatted
        "both": [0.1234567] + ["t"] * 21 + [["x"]],  # a list decides the column: its float is not formatted
        "when": [None] * 22 + [dt.date(2023, 1, 2)],
        "formula": ["=SUM(A1)" if i % 5 == 0 else "plain" for i in range(n)],
        "score": [-0.0 if i % 3 == 0 else i / 7 for i in range(n)],
        "n": pd.array([i if i % 4 else None for i in range(n)], dtype="Int64"),
    })
    whole = tmp_path / "whole"
    rep.save_table(df, whole, "t")
    monkeypatch.setattr(rep, "CSV_CHUNK_ROWS", 4)
    chunked = tmp_path / "chunked"
    rep.save_table(df, chunked, "t")
    assert (chunked / "t.csv").read_bytes() == (whole / "t.csv").read_bytes() == rep.table_to_csv(df).encode()
    dated = df.assign(published=pd.to_datetime(["2023-01-02"] * n, utc=True))
    assert not rep._chunkable(dated)
    rep.save_table(dated, chunked, "dated")
    assert (chunked / "dated.csv").read_bytes() == rep.table_to_csv(dated).encode()
    assert sorted(p.name for p in chunked.iterdir()) == ["dated.csv", "t.csv"]  # no temporary file left


def test_save_table_parts_writes_what_save_table_writes_for_the_whole_table(tmp_path):
    from kit.reporting import save_table_parts

    df = pd.DataFrame({"doc_id": ["a", "b", "c", "d", "e"], "cells": [["x"], "plain", None, {"k": 1}, "=1+1"],
                       "mixed": ["t", 0.5, "u", 1 / 3, None], "n": [1, 2, 3, 4, 5], "share": [0.1, -0.0, None, 2.5, 1e-9],
                       "flag": [True, False, True, True, False],
                       # a list and a float (and a date) in one text column, in different parts (review)
                       "lists_and_floats": [["x"], 1 / 3, dt.date(2023, 6, 18), dt.datetime(2023, 6, 19, 8, 30), 2.0]})
    whole = save_table(df, tmp_path, "whole").read_bytes()
    row = whole.decode().splitlines()[2]  # 'b': 1/3 formatted as a float column formats it, by itself
    assert row.endswith(",0.333333") and "2023-06-19T08:30:00" in whole.decode() and ',"[""x""]"' in whole.decode()
    for cuts in ([0, 5], [0, 1, 5], [0, 2, 3, 5], [0, 1, 2, 3, 4, 5]):  # lists, floats and formulas in some parts only
        parts = (df.iloc[a:b] for a, b in zip(cuts, cuts[1:]))
        assert save_table_parts(parts, tmp_path, "parts").read_bytes() == whole
    with pytest.raises(KitError, match="other columns"):
        save_table_parts(iter([df, df.drop(columns="n")]), tmp_path, "bad")
    with pytest.raises(KitError, match="no part"):
        save_table_parts(iter([]), tmp_path, "bad")
    with pytest.raises(KitError, match="written whole"):
        save_table_parts(iter([pd.DataFrame({"d": pd.to_datetime(["2024-01-01"])})]), tmp_path, "bad")
    assert sorted(f.name for f in tmp_path.iterdir()) == ["parts.csv", "whole.csv"]  # nothing left of the failures


def test_show_table_counts_the_whole_table_it_begins():
    """A table's first rows (the rest written a part at a time, never held) shown with its row count."""
    first = pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"]})
    t = show_table(first, max_rows=1, total=500)
    assert "Showing 1 of 500 rows" in t._repr_html_() and "(showing 1 of 500 rows)" in repr(t)
    assert "Showing" in show_table(first, max_rows=2, total=3)._repr_html_()  # all shown, but more exist
    assert "Showing" not in show_table(first, max_rows=2)._repr_html_()
    with pytest.raises(KitError, match="total"):
        show_table(first, total=1)
