"""Overview tables, checked against counts worked out by hand."""
import pandas as pd
import pytest

import kit
from kit.overview import article_listing, coverage_over_time, filter_dates, ingest_summary, outlet_summary


@pytest.fixture()
def articles():
    return pd.DataFrame({
        "doc_id": ["a", "b", "c", "d", "e"],
        "outlet": ["Wire", "Wire", "Weekly", "Weekly", None],
        "n_words": [100, 300, 500, 700, 50],
        "published": pd.to_datetime(["2023-02-04 10:00", "2023-02-27 23:59", "2023-06-18 00:00", None, "2023-06-19 00:00"], utc=True),
        "source_format": ["lexisnexis", "lexisnexis", "webcopy", "webcopy", "html"],
    })


def test_outlet_summary_by_hand(articles):
    s = outlet_summary(articles).set_index("outlet")
    assert s.loc["Weekly", "n_articles"] == 2 and s.loc["Weekly", "n_words"] == 1200
    assert s.loc["Weekly", "mean_words"] == 600 and s.loc["Weekly", "n_undated"] == 1
    assert s.loc["Wire", "median_words"] == 200 and s.loc["Wire", "min_words"] == 100
    assert s.loc["(unknown)", "n_articles"] == 1  # missing outlets are counted, not dropped
    assert s["share_articles"].sum() == pytest.approx(1.0)
    assert s.loc["Wire", "last_published"] == pd.Timestamp("2023-02-27 23:59", tz="UTC")
    assert outlet_summary(articles).iloc[0]["n_articles"] == 2  # largest first


def test_outlet_summary_does_not_modify_its_input(articles):
    before = articles.copy()
    outlet_summary(articles, group_by="source_format")
    pd.testing.assert_frame_equal(articles, before)


def test_coverage_over_time_weeks_fill_gaps(articles):
    w = coverage_over_time(articles, period="week")
    # 2023-02-04 is a Saturday (week of Mon 2023-01-30); 2023-02-27 a Monday; 2023-06-18 a Sunday
    weeks = sorted(w["period_start"].unique())
    assert str(weeks[0]) == "2023-01-30" and str(weeks[-1]) == "2023-06-19"
    assert len(weeks) == 21  # every week between, filled with zeros
    assert w["n_articles"].sum() == 4  # the undated article is left out
    june = w[(w["period_start"].astype(str) == "2023-06-12") & (w["outlet"] == "Weekly")]
    assert june["n_articles"].tolist() == [1] and june["n_words"].tolist() == [500]


def test_unknown_arguments_list_the_choices(articles):
    with pytest.raises(ValueError, match=r"unknown period 'fortnight'; choose one of day \(calendar day"):
        coverage_over_time(articles, period="fortnight")
    with pytest.raises(kit.KitError, match="unknown group_by 'medium'; use a column of articles \\(doc_id"):
        outlet_summary(articles, group_by="medium")


def test_group_by_takes_the_same_vocabulary_as_frames_and_tone(articles):
    # overview used to refuse periods; now month, quarter, ... and None work as everywhere
    m = outlet_summary(articles, group_by="month").set_index("month")
    assert m.loc["2023-02", "n_articles"] == 2 and m.loc["2023-06", "n_articles"] == 2
    assert m.loc["(undated)", "n_articles"] == 1
    q = outlet_summary(articles, group_by="quarter").set_index("quarter")
    assert q.loc["2023Q1", "n_words"] == 400 and q.loc["2023Q2", "n_words"] == 550
    one = outlet_summary(articles, group_by=None)
    assert one["group"].tolist() == ["all"] and one["n_articles"].tolist() == [5]
    c = coverage_over_time(articles, group_by=None, period="quarter")
    assert c[["period_start", "group", "n_articles"]].astype(str).values.tolist() == [
        ["2023-01-01", "all", "2"], ["2023-04-01", "all", "2"]]


def test_old_overview_keywords_warn_and_still_work(articles):
    with pytest.warns(DeprecationWarning, match=r"outlet_summary\(group_by=...\)"):
        old = outlet_summary(articles, group="source_format")
    pd.testing.assert_frame_equal(old, outlet_summary(articles, group_by="source_format"))
    with pytest.warns(DeprecationWarning, match=r"coverage_over_time\(period=...\)"):
        w = coverage_over_time(articles, group="outlet", freq="W")
    pd.testing.assert_frame_equal(w, coverage_over_time(articles, period="week"))
    with pytest.warns(DeprecationWarning, match="period='month'"):
        m = coverage_over_time(articles, period="M")
    pd.testing.assert_frame_equal(m, coverage_over_time(articles))


def test_filter_dates_inclusive_bounds(articles):
    assert filter_dates(articles, start="2023-02-27", end="2023-06-18")["doc_id"].tolist() == ["b", "c"]
    assert len(filter_dates(articles)) == 5


def test_ingest_summary_counts_reasons():
    report = pd.DataFrame({"status": ["rejected", "rejected", "flagged"],
                           "reason": ["not JSON: Expecting value", "not JSON: Unterminated string",
                                      "no date in the source; published date 2023-07-08 taken from the file name"]})
    s = ingest_summary(report)
    assert s.to_dict("records") == [
        {"status": "flagged", "reason": "no date in the source; published date YYYY-MM-DD taken from the file name", "n": 1},
        {"status": "rejected", "reason": "not JSON", "n": 2},
    ]


def test_article_listing_orders_by_date(articles):
    a = articles.assign(title="t", authors=[["X"], [], [], [], []], source_path="p", source_record=1)
    assert article_listing(a)["doc_id"].tolist() == ["a", "b", "c", "e", "d"]


@pytest.mark.parametrize("bad", [2023, 2023.0, True, "2023", "June 2023", "yesterday", ["2023-01-01"]])
def test_filter_dates_rejects_what_is_not_a_date(articles, bad):
    # pd.Timestamp(2023) is 1970-01-01 plus 2023 ns: an integer bound used to keep every article
    with pytest.raises(kit.KitError, match="start must be a date"):
        filter_dates(articles, start=bad)
    with pytest.raises(kit.KitError, match="end must be a date"):
        filter_dates(articles, end=bad)


def test_filter_dates_accepts_dates_and_timestamps(articles):
    import datetime as dt

    by_text = filter_dates(articles, start="2023-02-27", end="2023-06-18")["doc_id"].tolist()
    assert by_text == ["b", "c"]  # b at 23:59 on the first day, c at 00:00 on the last day
    assert filter_dates(articles, start=dt.date(2023, 2, 27), end=dt.date(2023, 6, 18))["doc_id"].tolist() == by_text
    assert filter_dates(articles, start=pd.Timestamp("2023-02-27 15:00"), end=dt.datetime(2023, 6, 18, 1))[
        "doc_id"].tolist() == by_text
    with pytest.raises(kit.KitError, match="not a valid date"):
        filter_dates(articles, start="2023-02-30")
