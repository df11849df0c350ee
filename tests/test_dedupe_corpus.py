"""`dedupe: near` on a corpus store: the pairs are computed once per corpus and options into the
store (derived/near_duplicates/), every report reads them, and the kept articles are those of the
in-memory path. Fixture: tests/fixtures/dedupe/reprint_corpus.jsonl (written by us): a wire story
with two edited reprints, an exact duplicate and a copy five weeks later (outside the window); a
local story with an edited copy and an undated copy; a same-topic distractor; three unrelated
articles."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import kit
import kit.dedupe
import kit.dedupe_store
from kit import analyse
from kit.dedupe import dedupe, near_duplicate_pairs
from kit.dedupe_store import corpus_pairs
from kit.errors import KitError

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "dedupe" / "reprint_corpus.jsonl"
#: What `near` keeps of the fixture (known by construction; titles are unique)
KEPT_NEAR = ["Rail strike halts freight trains", "Looking back: the spring rail strike",
             "What the rail strike means for farmers", "Crack found in Millbrook dam spillway",
             "Library extends weekend opening hours", "Harbour festival returns with tall ships",
             "Council approves cycle lanes on the ring road"]


@pytest.fixture()
def store(tmp_path):
    """The fixture as a store of three partitions (clusters cut across partitions)."""
    out = tmp_path / "corpus"
    kit.ingest([str(FIX)], out, partition_size=4, workers=1)
    return str(out)


@pytest.fixture()
def articles(store):
    return kit.load_corpus(store).articles


def titles(df):
    return df["title"].tolist()


def test_fixture_clusters_are_known(articles):
    assert titles(dedupe(articles, "near")) == KEPT_NEAR
    assert len(dedupe(articles, "exact")) == 11  # the word-for-word copy only


def test_exact_keeps_one_copy_in_any_row_order(articles):
    """The copy marked at ingest (duplicate_of) goes; its original stays even when it comes later."""
    for order in (articles, articles.iloc[::-1]):
        kept = titles(dedupe(order, "exact"))
        assert "Rail strike halts freight trains" in kept and "Northern freight strike begins" not in kept
        assert len(kept) == 11


def test_stored_pairs_equal_the_in_memory_pairs_and_are_stored(store, articles):
    assert analyse.find(store, "near_duplicates") is None
    got = corpus_pairs(store)
    pd.testing.assert_frame_equal(got, near_duplicate_pairs(articles), check_dtype=False)
    assert len(got) >= 6
    d = analyse.find(store, "near_duplicates")
    assert d is not None and d.meta["rows"] == len(got)
    # other options: another table beside it; an unknown option is named
    corpus_pairs(store, window_days=None)
    assert len(analyse.stored_tables(store).query("table == 'near_duplicates'")) == 2
    with pytest.raises(KitError, match="window_dayz"):
        dedupe(articles, "near", corpus=store, window_dayz=3)


@pytest.mark.parametrize("subset", ["all", "from_date", "one_outlet", "period_column"])
def test_dedupe_near_on_a_store_keeps_what_the_in_memory_path_keeps(store, articles, subset):
    if subset == "all":
        part, _ = kit.report_articles(articles)
    elif subset == "from_date":  # the wire origin and its first reprint are left out: the cluster gets a new origin
        part, _ = kit.report_articles(articles, date_from="2024-04-09")
    elif subset == "one_outlet":
        part = articles[articles["outlet"] == "Ridgeway Post"]
    else:
        part, _ = kit.report_articles(articles, group_by="week")
    got = dedupe(part, "near", corpus=store)
    want = dedupe(part, "near")
    assert got.attrs["dedupe"]["pairs"] == "stored" and want.attrs["dedupe"]["pairs"] == "computed"
    pd.testing.assert_frame_equal(got, want)
    if subset == "all":
        assert titles(got) == KEPT_NEAR


def test_the_stored_table_is_read_not_recomputed(store, articles, monkeypatch):
    first = dedupe(articles, "near", corpus=store)
    meta = json.loads(Path(analyse.find(store, "near_duplicates").path, "meta.json").read_text())

    def boom(*a, **k):
        raise AssertionError("near-duplicates computed again")

    monkeypatch.setattr(kit.dedupe_store, "store_near_duplicate_pairs", boom)
    monkeypatch.setattr(kit.dedupe, "near_duplicate_pairs", boom)
    again = dedupe(articles.iloc[::-1], "near", corpus=store)  # any order of the same articles
    assert sorted(titles(again)) == sorted(titles(first))
    assert json.loads(Path(analyse.find(store, "near_duplicates").path, "meta.json").read_text()) == meta


def test_dates_that_differ_from_the_store_are_computed_in_memory(store, articles):
    """A report that set a date to missing (an implausible date) changes which pairs the window
    allows: the stored pairs do not apply, the in-memory path runs (and gives its result)."""
    part = articles.copy()
    late = part["title"].str.startswith("Looking back")
    part.loc[late, "published"] = pd.NaT  # undated now: compared with every article, a reprint of the wire story
    got = dedupe(part, "near", corpus=store)
    assert got.attrs["dedupe"]["pairs"] == "computed"
    pd.testing.assert_frame_equal(got, dedupe(part, "near"))
    assert "Looking back: the spring rail strike" not in titles(got)
    # articles that are not in the store: in memory too
    other = pd.DataFrame({"doc_id": ["x"], "text": ["Nothing here."], "published": [pd.NaT]})
    assert dedupe(other, "near", corpus=store).attrs["dedupe"]["pairs"] == "computed"
    assert corpus_pairs("no/such/store") is None


def test_analyse_table_gives_the_pairs_of_a_subset(store, articles):
    part = articles[articles["outlet"] != "Valley Ledger"].reset_index(drop=True)
    got = analyse.table(store, "near_duplicates", articles=part)
    pd.testing.assert_frame_equal(got, near_duplicate_pairs(part), check_dtype=False)
    assert len(got) >= 2
    whole = analyse.table("not-a-store", "near_duplicates", articles=articles)
    pd.testing.assert_frame_equal(whole, near_duplicate_pairs(articles))


def test_report_requests_ask_for_the_pairs_only_with_near_or_the_overview():
    assert ("near_duplicates", {}) in analyse.report_requests([{"dedupe": "near"}])
    assert all(t != "near_duplicates" for t, _ in analyse.report_requests([{"dedupe": "exact"}, {}]))
    # notebook 01 (its parameter `period`) shows the reprint share whatever its dedupe switch
    overview = {"group_by": "outlet", "period": "month", "dedupe": "exact"}
    assert analyse.report_requests([overview]) == [("near_duplicates", {})]


@pytest.mark.parametrize("group_by", ["outlet", "week"])
def test_overview_reprint_share_reads_the_stored_pairs(store, articles, group_by, monkeypatch):
    """Notebook 01's reprint cell: on a store the clusters come from the stored pairs and equal
    the in-memory ones; a second run reads the table and computes nothing."""
    dated, _ = kit.report_articles(articles, group_by=group_by)
    exact = dedupe(dated, "exact")
    got = kit.dedupe.reprint_clusters(exact, corpus=store)
    want = kit.dedupe.reprint_clusters(exact)
    assert (got.attrs["pairs"], want.attrs["pairs"]) == ("stored", "computed")
    pd.testing.assert_frame_equal(got, want)
    assert got["cluster_size"].max() >= 3  # the wire story and its reprints
    share = kit.dedupe.reprint_share(dated, got, group_by=group_by)
    pd.testing.assert_frame_equal(share, kit.dedupe.reprint_share(dated, want, group_by=group_by))
    assert share["n_reprints"].sum() == (~got["is_origin"]).sum() > 0
    assert kit.dedupe.reprint_clusters(exact, corpus="not/a/store").attrs["pairs"] == "computed"
    meta = Path(analyse.find(store, "near_duplicates").path, "meta.json").read_text()

    def boom(*a, **k):
        raise AssertionError("near-duplicates computed again")

    monkeypatch.setattr(kit.dedupe_store, "store_near_duplicate_pairs", boom)
    monkeypatch.setattr(kit.dedupe, "near_duplicate_pairs", boom)
    again = kit.dedupe.reprint_clusters(exact, corpus=store)
    pd.testing.assert_frame_equal(again, want)
    assert Path(analyse.find(store, "near_duplicates").path, "meta.json").read_text() == meta


@pytest.mark.slow
@pytest.mark.notebooks  # runs notebooks through papermill
def test_report_batch_with_dedupe_near_reads_the_stored_pairs(store, articles, tmp_path):
    """`kit run -p dedupe near` on the store: the overview lists the articles the in-memory path
    keeps; the pairs are computed once, before the notebooks; a second batch (overview + keyness
    per outlet) computes nothing and its notebooks read the stored table."""
    from kit import reports as runner

    nb = ROOT / "notebooks"
    cfg = tmp_path / "reports.yml"
    cfg.write_text(f"""
defaults:
  corpus: {store}
runs:
  - notebook: {(nb / "01_corpus_overview.ipynb").as_posix()}
  - name: keyness_{{outlet}}
    notebook: {(nb / "02_terms_and_keyness.ipynb").as_posix()}
    each: outlet
    min_articles: 1
    parameters: {{target: "{{outlet}}"}}
""", encoding="utf-8")
    first = runner.run_batch(cfg, only=["01_corpus_overview"], params=[("dedupe", "near")], jobs=1,
                             out=tmp_path / "out1", log=lambda m: None, progress=False)
    assert first.ok, first.failed
    part, _ = kit.report_articles(articles)
    want = dedupe(part, "near")
    listed = pd.read_csv(tmp_path / "out1" / "01_corpus_overview" / "articles.csv")
    assert sorted(listed["title"]) == sorted(want["title"]) == sorted(KEPT_NEAR)
    stored = analyse.find(store, "near_duplicates")
    assert stored is not None
    meta = (Path(stored.path) / "meta.json").read_text()
    # Proof that the notebooks read the stored table: empty it (keeping its meta.json). A notebook
    # that compared the articles again would still drop the reprints; one that reads keeps them.
    part_file = Path(stored.path) / "part-00000.parquet"
    pd.read_parquet(part_file).iloc[:0].to_parquet(part_file, index=False)
    second = runner.run_batch(cfg, params=[("dedupe", "near")], jobs=2, out=tmp_path / "out2",
                              log=lambda m: None, progress=False)
    assert second.ok, second.failed
    assert (Path(stored.path) / "meta.json").read_text() == meta  # not computed again
    assert len(analyse.stored_tables(store).query("table == 'near_duplicates'")) == 1
    listed = pd.read_csv(tmp_path / "out2" / "01_corpus_overview" / "articles.csv")
    assert sorted(listed["title"]) == sorted(dedupe(part, "exact")["title"])  # nothing dropped as a reprint
    assert len([r for r in second.runs if r["run"].startswith("keyness_")]) == 3  # one per outlet, all ok


class _ClusterStarted(Exception):
    """Raised by the patched Engine.start: a Dask cluster would start here."""


@pytest.fixture()
def cluster_starts(monkeypatch):
    """The modes of the engines that started a cluster (the start itself is stopped by an exception)."""
    from kit.compute import SCHEDULER_ENV, Engine

    monkeypatch.delenv(SCHEDULER_ENV, raising=False)
    seen = []

    def start(self):
        seen.append(self.mode)
        raise _ClusterStarted(self.mode)

    monkeypatch.setattr(Engine, "start", start)  # sync engines never call start()
    return seen


def test_near_duplicate_engine_is_chosen_by_size(store, monkeypatch):
    from kit.compute import SCHEDULER_ENV
    from kit.dedupe_store import LOCAL_CLUSTER_MIN_ARTICLES as LIMIT
    from kit.dedupe_store import near_engine, near_mode

    monkeypatch.delenv(SCHEDULER_ENV, raising=False)
    assert near_mode(LIMIT - 1) == "sync" and near_mode(LIMIT) == "auto"
    # an explicit choice wins whatever the size
    assert near_mode(10, workers=2) == near_mode(10, scheduler="tcp://h:8786") == "auto"
    monkeypatch.setenv(SCHEDULER_ENV, "tcp://h:8786")
    assert near_mode(10) == "auto" and near_mode(10, scheduler="") == "sync"
    assert near_engine(store).mode == "cluster"
    monkeypatch.delenv(SCHEDULER_ENV)
    assert near_engine(store).mode == "sync"  # 12 articles
    assert near_engine(store, workers=2).mode == "local" and near_engine(store, workers=1).mode == "sync"
    monkeypatch.setattr(kit.dedupe_store, "LOCAL_CLUSTER_MIN_ARTICLES", 12)
    assert near_engine(store).mode == "local"  # at the threshold: workers


def test_kit_dedupe_on_a_small_store_starts_no_cluster(store, tmp_path, cluster_starts, capsys):
    from kit.cli import main

    assert main(["dedupe", store, "--out", str(tmp_path / "a")]) == 0
    assert cluster_starts == [] and analyse.find(store, "near_duplicates") is not None
    assert pd.read_csv(tmp_path / "a" / "reprint_share.csv")["n_reprints"].sum() > 0
    with pytest.raises(_ClusterStarted):  # --workers always wins
        main(["dedupe", store, "--workers", "2", "--out", str(tmp_path / "b")])
    assert cluster_starts == ["local"]


def test_kit_run_preparation_chooses_the_engine_of_the_pairs_by_size(store, cluster_starts, monkeypatch):
    overview = [{"group_by": "outlet", "period": "month", "dedupe": "exact"}]  # notebook 01's parameters
    monkeypatch.setattr(kit.dedupe_store, "LOCAL_CLUSTER_MIN_ARTICLES", 5)  # the 12 articles are many
    monkeypatch.setattr(analyse.waves, "WORKERS_MIN_ARTICLES", 5)  # for the other tables too: local workers
    with pytest.raises(_ClusterStarted):
        analyse.for_reports(store, overview, quiet=True)
    assert cluster_starts == ["local"]
    monkeypatch.setattr(kit.dedupe_store, "LOCAL_CLUSTER_MIN_ARTICLES", 100)  # now few: one process
    monkeypatch.setattr(analyse.waves, "WORKERS_MIN_ARTICLES", 100)
    (d,) = analyse.for_reports(store, overview, quiet=True)
    assert d.table == "near_duplicates" and d.meta["rows"] > 0 and cluster_starts == ["local"]
