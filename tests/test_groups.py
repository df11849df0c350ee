"""kit.groups: one group_by vocabulary (column, period, None) with the same labels in every table."""
import pandas as pd
import pytest

from kit.groups import ALL, PERIODS, UNDATED, UNKNOWN, group_column, group_series, period_of

ARTS = pd.DataFrame({
    "doc_id": ["a", "b", "c", "d"],
    "outlet": ["Wire", None, "Weekly", "Wire"],
    "published": pd.to_datetime(["2023-01-01 23:30", "2023-06-18 00:00", None, "2023-12-31 00:00"], utc=True),
})


def test_periods_worked_by_hand():
    # 2023-01-01 is a Sunday: its week starts Monday 2022-12-26; 2023-06-18 is a Sunday too
    assert group_column(ARTS, "day").tolist() == ["2023-01-01", "2023-06-18", UNDATED, "2023-12-31"]
    assert group_column(ARTS, "week").tolist() == ["2022-12-26", "2023-06-12", UNDATED, "2023-12-25"]
    assert group_column(ARTS, "month").tolist() == ["2023-01", "2023-06", UNDATED, "2023-12"]
    assert group_column(ARTS, "quarter").tolist() == ["2023Q1", "2023Q2", UNDATED, "2023Q4"]
    assert group_column(ARTS, "year").tolist() == ["2023", "2023", UNDATED, "2023"]
    assert set(PERIODS) == {"day", "week", "month", "quarter", "year"}


def test_columns_label_missing_values_and_none_is_one_group():
    assert group_column(ARTS, "outlet").tolist() == ["Wire", UNKNOWN, "Weekly", "Wire"]
    assert group_column(ARTS, None).tolist() == [ALL] * 4
    assert group_series(ARTS, "outlet").to_dict() == {"a": "Wire", "b": UNKNOWN, "c": "Weekly", "d": "Wire"}


def test_a_column_named_like_a_period_wins():
    a = ARTS.assign(month=["m1", "m2", "m3", "m4"])
    assert group_column(a, "month").tolist() == ["m1", "m2", "m3", "m4"]


def test_bad_group_by_lists_what_is_accepted():
    with pytest.raises(ValueError, match=r"unknown group_by 'medium'; use a column of articles \(doc_id, outlet, "
                                         r"published\), one of day, week, month, quarter, year, or None"):
        group_column(ARTS, "medium")
    with pytest.raises(ValueError, match="needs a 'published' column"):
        group_column(ARTS.drop(columns="published"), "month")
    with pytest.raises(ValueError, match="unknown period"):
        period_of(ARTS["published"], "fortnight")


def test_every_analysis_accepts_the_same_vocabulary():
    """frames, tone, actors and overview group the same articles into the same labelled groups."""
    import kit.actors
    import kit.frames
    import kit.overview
    import kit.tone

    arts = ARTS.assign(text=["Talks went well.", "Talks stalled.", "No talks.", "Talks again."],
                       n_words=[3, 2, 2, 2])
    scores = kit.frames.frame_scores(arts, {"talk": ["talks"]}, min_hits=1)
    at = pd.DataFrame({"doc_id": arts["doc_id"], "n_sentences": 1, "mean_compound": 0.1,
                       "share_positive": 0.0, "share_negative": 0.0})
    sal = pd.DataFrame({"doc_id": ["a"], "actor": ["X"], "mentions": [1], "in_title": [False],
                        "first_position": [0.0]})
    for g in ["outlet", "month", "quarter", None]:
        name = g or "group"
        want = sorted(set(group_column(arts, g)))
        fr = kit.frames.frame_prevalence(scores, arts, group_by=g, n_boot=0)
        tn = kit.tone.tone_by_group(at, arts, group_by=g, n_boot=0)
        ov = kit.overview.outlet_summary(arts, group_by=g)
        ac = kit.actors.actor_summary(sal, arts, group_by=g)
        assert sorted(fr[name]) == want and sorted(tn[name]) == want and sorted(ov[name]) == want, g
        assert set(ac[name]) <= set(want)
