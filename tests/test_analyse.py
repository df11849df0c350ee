"""Derived tables computed partition by partition equal the in-memory functions on the whole corpus."""
import json
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit import analyse
from kit.actors import actor_mentions, load_actors
from kit.frames import dictionary_hits, frame_evidence, frame_scores, load_dictionary
from kit.terms import count_terms, keyness, log_odds
from kit.tone import article_tone, sentence_tone

SAMPLE = "data/sample"
DICTS = ["generic_frames", "cooperation_security"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The sample corpus in partitions of 7 articles (several partitions, the last one short)."""
    out = tmp_path_factory.mktemp("store") / "corpus"
    kit.ingest([SAMPLE], out, partition_size=7, workers=1)
    return str(out)


@pytest.fixture(scope="module")
def articles(store):
    return kit.load_corpus(store).articles


def same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Identical tables: same columns, dtypes, rows in the same order, exact numbers."""
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True), check_exact=True)


def test_store_has_several_partitions(store):
    assert len(kit.corpus.Store(store).partitions) >= 3


@pytest.mark.parametrize("opts", [{}, {"stopwords": None}, {"ngrams": 2, "min_length": 2}])
def test_term_counts_identical(store, articles, opts):
    got = analyse.derived(store, "term_counts", mode="sync", **opts)
    same(got, count_terms(articles, **opts))


@pytest.mark.parametrize("fold", [analyse.GROUP_FOLD, 1])
@pytest.mark.parametrize("group_by", ["outlet", "month", None])
def test_group_counts_are_exact_sums(store, articles, group_by, fold, monkeypatch):
    """Also when the partitions' sums are folded as they come back (every second one, fold=1)."""
    monkeypatch.setattr(analyse.waves, "GROUP_FOLD", fold)
    got = analyse.derived(store, "group_counts", group_by=group_by, stopwords=None, mode="sync", recompute=True)
    per_doc = count_terms(articles, stopwords=None)
    labels = dict(zip(articles["doc_id"], kit.groups.group_column(articles, group_by)))
    col = group_by or "group"
    per_doc[col] = per_doc["doc_id"].map(labels)
    # the hand-written reduction: sum of n and number of articles per group and term
    want = (per_doc.groupby([col, "term"]).agg(n=("n", "sum"), n_docs=("doc_id", "nunique")).reset_index())
    same(got[[col, "term", "n", "n_docs"]].astype({col: str}), want.astype({col: str, "n": "int64", "n_docs": "int64"}))
    assert got["n"].sum() == per_doc["n"].sum()


def test_keyness_and_log_odds_from_stored_group_counts(store, articles):
    """Keyness of one outlet is arithmetic on the stored group counts: the same table as from per-article counts."""
    all_counts = count_terms(articles, group_by="outlet", stopwords=None)
    groups = analyse.derived(store, "group_counts", group_by="outlet", stopwords=None, mode="sync")
    for target in sorted(articles["outlet"].unique())[:2]:
        want = keyness(all_counts, group_by="outlet", target=target, min_count=3, min_docs=2, correction="bonferroni")
        got = keyness(groups, group_by="outlet", target=target, min_count=3, min_docs=2, correction="bonferroni")
        assert got["docs_target"].notna().all() and len(got) > 20
        same(got, want)
    same(log_odds(groups, group_by="outlet", min_count=3), log_odds(all_counts, group_by="outlet", min_count=3))


def test_frames_tone_and_actors_identical(store, articles):
    d = load_dictionary(DICTS)
    hits = dictionary_hits(articles, d, negation_window=3)
    same(analyse.derived(store, "frame_hits", dictionary=DICTS, mode="sync"), hits)
    same(analyse.derived(store, "frame_scores", dictionary=DICTS, min_hits=2, mode="sync"),
         frame_scores(articles, d, hits=hits, min_hits=2))
    st = sentence_tone(articles)
    same(analyse.derived(store, "sentence_tone", mode="sync"), st)
    same(analyse.derived(store, "article_tone", mode="sync"), article_tone(st))
    actors = load_actors(None)
    same(analyse.derived(store, "actor_mentions", mode="sync"), actor_mentions(articles, actors))


def test_quotes_identical(store):
    corpus = kit.load_corpus(store)
    want = kit.extract_quotes(corpus.paragraphs)
    got = analyse.derived(store, "quotes", mode="sync")
    assert len(want) > 5
    same(got, want)


def test_quote_problems_are_stored_in_the_same_pass_as_quotes(tmp_path):
    """quote_problems: the problems extract_quotes finds, stored beside quotes without a second pass;
    a store holding quotes without them (an older kit) makes both again."""
    paras = pd.DataFrame({"doc_id": ["a", "a", "b"], "para_no": [0, 1, 0], "role": ["body"] * 3,
                          "text": ['"We are ready," Ribeiro said.', "The vote was 41 to 29”. Nobody objected.",
                                   '“It will pass, Chen said.']})
    src = tmp_path / "paras.jsonl"
    src.write_text("\n".join(json.dumps({"outlet": "X", "title": f"T {d}", "text": "\n\n".join(g["text"])})
                              for d, g in paras.groupby("doc_id")) + "\n")
    out = str(tmp_path / "corpus")
    kit.ingest([str(src)], out, partition_size=1, workers=1)
    corpus = kit.load_corpus(out)
    want_q, want_p = kit.extract_quotes(corpus.paragraphs, return_problems=True)
    assert len(want_p) >= 2
    calls = []
    real = analyse.partitions.compute_partition
    analyse.partitions.compute_partition = lambda *a, **k: calls.append(a[2]) or real(*a, **k)
    try:
        same(analyse.derived(out, "quotes", mode="sync"), want_q)
        same(analyse.derived(out, "quote_problems", mode="sync"), want_p)  # stored with quotes: no new pass
        assert calls == ["quotes", "quotes"]  # one call per partition, for both tables
        import shutil
        shutil.rmtree(analyse.find(out, "quote_problems").path)
        same(analyse.derived(out, "quote_problems", mode="sync"), want_p)
        assert calls.count("quotes") == 4
    finally:
        analyse.partitions.compute_partition = real
    # not a store: one pass for the pair (quotes, then quote_problems of the same tables)
    import kit.quotes as quotes_module
    passes = []
    real_extract = quotes_module.extract_quotes
    quotes_module.extract_quotes = lambda *a, **k: passes.append(1) or real_extract(*a, **k)
    try:
        same(analyse.table("not-a-store", "quotes", articles=corpus.articles, paragraphs=corpus.paragraphs), want_q)
        same(analyse.table("not-a-store", "quote_problems", articles=corpus.articles, paragraphs=corpus.paragraphs),
             want_p)
    finally:
        quotes_module.extract_quotes = real_extract
    assert len(passes) == 1
    sub = corpus.articles[corpus.articles["doc_id"] == want_p["doc_id"].iloc[-1]]
    same(analyse.table(out, "quote_problems", articles=sub), analyse.table("not-a-store", "quote_problems",
                                                                          articles=sub, paragraphs=corpus.paragraphs))


def test_report_requests_per_notebook():
    """What each notebook reads: 04 quotes and their problems; 05 nothing (its dictionary is matched on
    the coded articles); 03 frames, tone and actors."""
    assert analyse.report_requests([{"coding_sheet": "x.csv", "dictionary": "generic_frames", "folds": 5}]) == []
    req = analyse.report_requests([{"n_examples": 3, "actors": None, "top_n": 8}])
    assert req == [("quotes", {"actors": None}), ("quote_problems", {"actors": None})]
    names = [t for t, _ in analyse.report_requests([{"dictionary": "generic_frames", "negation_window": 3,
                                                     "actors": None}])]
    assert names == ["frame_hits", "frame_scores", "frame_evidence", "sentence_tone", "article_tone", "actor_mentions"]


def test_report_requests_with_actor_tables_in_several_runs():
    """Two notebook-03 runs with the same actor file (say one per outlet) ask for its mentions once; the
    options hold the loaded actor table, which == cannot compare."""
    run = {"dictionary": "generic_frames", "negation_window": 3, "actors": "us_china_2023"}
    req = analyse.report_requests([run, dict(run), {**run, "actors": None}])
    mentions = [o for t, o in req if t == "actor_mentions"]
    assert len(mentions) == 2 and sorted(len(o["actors"]) for o in mentions)[0] == 0
    assert len([t for t, _ in req if t == "frame_hits"]) == 1


def test_computed_once_then_read(store, monkeypatch):
    first = analyse.ensure(store, "term_counts", mode="sync", stopwords="kit")
    meta = json.loads(open(f"{first.path}/meta.json").read())
    assert meta["fingerprint"] == kit.corpus.Store(store).fingerprint and meta["kit_version"] == kit.__version__
    assert meta["options"]["stopwords"] == "kit" and meta["rows"] == sum(p["rows"] for p in meta["partitions"])

    def boom(*a, **k):
        raise AssertionError("recomputed")
    monkeypatch.setattr(analyse.partitions, "compute_partition", boom)
    again = analyse.ensure(store, "term_counts", mode="sync", stopwords="kit")
    assert again.key == first.key
    with pytest.raises(kit.KitError, match="recomputed"):  # other options: another key, computed
        analyse.ensure(store, "term_counts", mode="sync", stopwords="kit", min_length=3)
    listed = analyse.stored_tables(store)
    assert first.key in set(listed["key"])


def test_the_key_follows_the_dictionary_content(store, tmp_path):
    path = tmp_path / "d.yml"
    path.write_text("name: mine\ncategories:\n  talks:\n    - talks\n")
    a = analyse.ensure(store, "frame_hits", dictionary=str(path), mode="sync")
    path.write_text("name: mine\ncategories:\n  talks:\n    - talks\n    - meeting*\n")
    b = analyse.ensure(store, "frame_hits", dictionary=str(path), mode="sync")
    assert a.key != b.key and b.meta["rows"] > a.meta["rows"]


def test_a_table_stored_by_other_kit_code_is_computed_again(tmp_path, monkeypatch):
    """The key holds a digest of the kit's code and word lists: a table stored before a rule changed
    (same version number, an editable install) is not read back, and `kit analyse --prune` removes it."""
    from kit.analyse import partitions, registry, storage

    store = str(tmp_path / "corpus")  # a store of its own: the prune below removes tables
    kit.ingest(["tests/fixtures/webcopy"], store, workers=1)
    first = analyse.ensure(store, "term_counts", mode="sync", stopwords="kit", min_length=2)
    calls = []
    real = partitions.compute_partition
    monkeypatch.setattr(partitions, "compute_partition", lambda *a, **k: calls.append(1) or real(*a, **k))
    analyse.ensure(store, "term_counts", mode="sync", stopwords="kit", min_length=2)
    assert calls == []  # same code: read back
    for module in (registry, storage):
        monkeypatch.setattr(module, "code_digest", lambda: "0123456789abcdef")
    other = analyse.ensure(store, "term_counts", mode="sync", stopwords="kit", min_length=2)
    assert other.key != first.key and len(calls) > 0 and other.meta["rows"] == first.meta["rows"]
    assert other.meta["kit_code"] == "0123456789abcdef"
    listed = analyse.stored_tables(store).set_index("key")
    assert not listed.loc[first.key, "current"] and listed.loc[other.key, "current"]
    gone = analyse.prune_stored(store)
    assert first.key in set(gone["key"]) and other.key not in set(gone["key"])
    left = set(analyse.stored_tables(store)["key"])
    assert other.key in left and first.key not in left
    monkeypatch.undo()  # this kit again: the table of the fake digest is the stale one now
    from kit.cli import main

    assert main(["analyse", store, "--tables", "term_counts", "--prune", "--quiet"]) == 0
    listed = analyse.stored_tables(store)
    assert other.key not in set(listed["key"]) and listed["current"].all() and len(listed) == 1


def test_code_digest_follows_code_and_word_lists_only(tmp_path):
    from kit.analyse.registry import folder_digest

    (tmp_path / "resources" / "lists").mkdir(parents=True)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "rules.py").write_text("X = 1\n")
    (tmp_path / "resources" / "lists" / "verbs.txt").write_text("said\n")
    (tmp_path / "notes.md").write_text("a\n")
    seen = {folder_digest(tmp_path)}
    (tmp_path / "notes.md").write_text("b\n")  # not code, not a resource
    (tmp_path / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"\0")
    assert folder_digest(tmp_path) in seen
    for change in (lambda: (tmp_path / "rules.py").write_text("X = 2\n"),
                   lambda: (tmp_path / "resources" / "lists" / "verbs.txt").write_text("said\nsays\n"),
                   lambda: (tmp_path / "resources" / "lists" / "verbs.txt").rename(tmp_path / "resources" / "v.txt")):
        change()
        assert folder_digest(tmp_path) not in seen
        seen.add(folder_digest(tmp_path))


def test_bad_tables_and_options_are_named(store):
    with pytest.raises(kit.KitError, match="unknown derived table 'terms'"):
        analyse.derived(store, "terms")
    with pytest.raises(kit.KitError, match=r"unknown option\(s\) group_by \(choose from stopwords"):
        analyse.derived(store, "term_counts", group_by="outlet")
    with pytest.raises(kit.KitError, match="unknown compute mode 'fast'"):
        analyse.derived(store, "term_counts", mode="fast")


@pytest.mark.slow
def test_local_cluster_gives_identical_tables(store, articles, capsys):
    """A real LocalCluster of 2 worker processes computes the same tables."""
    out = analyse.analyse(store, ["term_counts", "group_counts", "frame_scores", "frame_evidence"], mode="local", workers=2,
                          recompute=True, options={"*": {"dictionary": DICTS}, "term_counts": {"stopwords": None}})
    assert "local cluster, 2 workers, dashboard" in capsys.readouterr().err
    assert "local cluster, 2 workers" in out["term_counts"].meta["engine"]
    same(out["term_counts"].read(), count_terms(articles, stopwords=None))
    d = load_dictionary(DICTS)
    same(out["frame_scores"].read(), frame_scores(articles, d, min_hits=2))
    same(out["frame_evidence"].read(), frame_evidence(dictionary_hits(articles, d), articles))


def test_frequencies_from_stored_group_counts(store, articles):
    from kit.terms import frequencies

    groups = analyse.derived(store, "group_counts", group_by="outlet", mode="sync")
    same(frequencies(groups, group_by="outlet"), frequencies(count_terms(articles, group_by="outlet"), group_by="outlet"))


def test_table_reads_a_store_and_computes_sources_in_memory(store, articles, tmp_path):
    """What the notebooks call: the same table from a store and from sources."""
    legacy = tmp_path / "c.parquet"
    kit.ingest([SAMPLE], legacy, workers=1)
    for name, opts in [("group_counts", {"group_by": "month"}), ("frame_scores", {"dictionary": DICTS}),
                       ("article_tone", {})]:
        from_store = analyse.table(store, name, articles=None, **opts)
        in_memory = analyse.table(str(legacy), name, articles=articles, **opts)
        same(from_store, in_memory)
    assert analyse.find(store, "group_counts", group_by="month") is not None
    with pytest.raises(kit.KitError, match="needs the articles table"):
        analyse.table(SAMPLE, "term_counts")


@pytest.mark.slow
@pytest.mark.notebooks
def test_notebooks_read_the_stored_tables(store, articles, tmp_path, monkeypatch):
    """Notebooks 02 and 03 on a store that kit run analysed first: their tables equal the in-memory ones,
    and they only read (the store gains no table while they run)."""
    import papermill

    from kit.frames import load_dictionary

    root = Path(__file__).resolve().parents[1]
    runs = [{"group_by": "outlet", "target": None, "kwic_terms": []},
            {"dictionary": ["generic_frames"], "negation_window": 3, "min_hits": 2, "actors": "us_china_2023"},
            {"n_examples": 3, "actors": "us_china_2023"}]
    analyse.for_reports(store, runs, scheduler="", workers=1)
    before = set(analyse.stored_tables(store)["key"])
    for nb, params in [("02_terms_and_keyness", {"group_by": "outlet"}),
                       ("03_frames_and_tone", {"dictionary": ["generic_frames"], "actors": "us_china_2023",
                                               "n_boot": 0}),
                       ("04_voices", {"actors": "us_china_2023"})]:
        out_dir = tmp_path / nb
        papermill.execute_notebook(str(root / "notebooks" / f"{nb}.ipynb"), str(tmp_path / f"{nb}.ipynb"),
                                   parameters={"corpus": store, "output_dir": str(out_dir), **params},
                                   cwd=str(root / "notebooks"), kernel_name="python3", progress_bar=False)
    assert set(analyse.stored_tables(store)["key"]) == before
    freq = pd.read_csv(tmp_path / "02_terms_and_keyness" / "frequencies.csv")
    want = kit.frequencies(count_terms(articles, group_by="outlet"), group_by="outlet")
    tokens = want.groupby("outlet")["n"].sum()
    largest = tokens[tokens == tokens.max()].index.min()  # no target given: the rows of the outlet with most tokens
    assert set(freq["outlet"]) == {largest} and freq["n"].sum() > 0
    want = want[want["outlet"] == largest]
    assert freq["n"].tolist() == want["n"].tolist() and freq["doc_freq"].tolist() == want["doc_freq"].tolist()
    scores = pd.read_csv(tmp_path / "03_frames_and_tone" / "frame_scores.csv")
    want = frame_scores(articles, load_dictionary(["generic_frames"]), min_hits=2)
    assert scores["hits"].tolist() == want["hits"].tolist() and scores["frame"].tolist() == want["frame"].tolist()
    negated = pd.read_csv(tmp_path / "03_frames_and_tone" / "frame_negated_hits.csv")  # listed, not left out
    assert len(negated) == int(dictionary_hits(articles, load_dictionary(["generic_frames"]))["negated"].sum()) > 0
    tone = pd.read_csv(tmp_path / "03_frames_and_tone" / "article_tone.csv")
    assert tone["n_sentences"].tolist() == article_tone(sentence_tone(articles))["n_sentences"].tolist()
    # notebook 04: the stored quotes of the articles kept (exact duplicates dropped), not found again
    kept = kit.dedupe.dedupe(articles, "exact")
    corpus = kit.load_corpus(store)
    want_q, want_p = kit.extract_quotes(corpus.paragraphs[corpus.paragraphs["doc_id"].isin(kept["doc_id"])],
                                        actors="us_china_2023", return_problems=True)
    quotes = pd.read_csv(tmp_path / "04_voices" / "quotes.csv")
    assert len(quotes) > 5 and quotes["text"].tolist() == want_q["text"].tolist()
    assert quotes["speaker"].fillna("").tolist() == want_q["speaker"].fillna("").tolist()
    assert len(pd.read_csv(tmp_path / "04_voices" / "quote_mark_problems.csv")) == len(want_p)


def test_table_of_a_subset_of_the_store(store, articles):
    """A notebook that dropped duplicates reads the stored tables for its articles only: the same
    tables as computing on those articles."""
    part = articles.iloc[::3].reset_index(drop=True)
    for name, opts in [("group_counts", {"group_by": "outlet", "stopwords": None}), ("frame_scores", {}),
                       ("sentence_tone", {})]:
        got = analyse.table(store, name, articles=part, **opts)
        want = analyse.table("not-a-store", name, articles=part, **opts)
        same(got, want)


@pytest.mark.slow
def test_report_tables_side_by_side_on_workers(tmp_path, articles, monkeypatch):
    """for_reports computes every table of the batch side by side on forked local workers once the corpus
    reaches WORKERS_MIN_ARTICLES (here lowered to the sample's size): one partition still gives tasks to
    both workers, and every table equals the in-memory function."""
    one = tmp_path / "one"
    kit.ingest([SAMPLE], one, workers=1)  # one partition
    monkeypatch.setattr(analyse.waves, "WORKERS_MIN_ARTICLES", 10)
    runs = [{"group_by": "outlet", "target": None, "kwic_terms": []},
            {"dictionary": DICTS, "negation_window": 3, "min_hits": 2, "actors": "us_china_2023"},
            {"n_examples": 3, "actors": "us_china_2023"}, {"period": "week"}]
    lines = []
    got = analyse.for_reports(str(one), runs, log=lines.append, quiet=True)
    by = {}
    for d in got:  # the first of each table (group_counts comes with and without stopwords)
        by.setdefault(d.table, d)
    assert {"group_counts", "frame_hits", "frame_scores", "sentence_tone", "article_tone", "actor_mentions",
            "quotes", "quote_problems", "near_duplicates"} <= set(by)
    assert all("local cluster, 2 workers" in d.meta["engine"] for d in got)
    assert any(line.startswith("analysis: ") and "local cluster" in line for line in lines)
    # each table's own CPU time is recorded (tables run side by side, so wall time per table means little)
    assert by["frame_hits"].meta["cpu_seconds"] > 0
    d = load_dictionary(DICTS)
    same(by["frame_hits"].read(), dictionary_hits(articles, d))
    same(by["frame_scores"].read(), frame_scores(articles, d, min_hits=2))
    same(by["sentence_tone"].read(), sentence_tone(articles))
    same(by["article_tone"].read(), article_tone(sentence_tone(articles)))
    same(by["actor_mentions"].read(), actor_mentions(articles, load_actors("us_china_2023")))
    same(by["group_counts"].read(), analyse.group_counts(articles, group_by="outlet"))
    corpus = kit.load_corpus(str(one))
    want_q, want_p = kit.extract_quotes(corpus.paragraphs, actors="us_china_2023", return_problems=True)
    same(by["quotes"].read(), want_q)
    same(by["quote_problems"].read(), want_p)
    same(by["near_duplicates"].read(), kit.dedupe.near_duplicate_pairs(articles))


def test_small_corpora_stay_in_this_process(store):
    """Below WORKERS_MIN_ARTICLES no worker process is started (they would cost more than they save)."""
    assert kit.corpus.Store(store).manifest["counts"]["articles"] < analyse.WORKERS_MIN_ARTICLES
    got = analyse.for_reports(store, [{"group_by": "month", "target": None}], quiet=True)
    assert got and all(d.meta["engine"] == "in this process" for d in got if d.meta["options"]["group_by"] == "month")


def test_ensure_all_runs_dependent_tables_after_their_source(store, articles):
    """frame_scores waits for the frame_hits it is made from, computed in the same call; asking twice for the
    same table computes it once; tables come back in the order asked."""
    d = load_dictionary(DICTS)
    got = analyse.ensure_all(store, [("frame_scores", {"dictionary": DICTS, "negation_window": 2}),
                                     ("frame_hits", {"dictionary": DICTS, "negation_window": 2}),
                                     ("frame_scores", {"dictionary": DICTS, "negation_window": 2})],
                             mode="sync", recompute=True)
    assert [g.table for g in got] == ["frame_scores", "frame_hits", "frame_scores"] and got[0].key == got[2].key
    same(got[1].read(), dictionary_hits(articles, d, negation_window=2))
    same(got[0].read(), frame_scores(articles, d, min_hits=2, negation_window=2))


def test_workers_are_forked_only_where_it_is_safe():
    """A plain process forks its local workers (fast start); one with another thread or its own SIGTERM
    handler (kit run) spawns them, so that no worker inherits a held lock or the program's handler."""
    import subprocess
    import sys

    # SIGINT as Python sets it: a shell's background job (CI runners, nohup) starts with SIGINT ignored
    code = ("import signal, threading, time\n"
            "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
            "from kit.compute import _start_method\n"
            "a = _start_method()\n"
            "t = threading.Thread(target=time.sleep, args=(0.5,)); t.start(); b = _start_method(); t.join()\n"
            "signal.signal(signal.SIGTERM, lambda *x: None); c = _start_method()\n"
            "print(a, b, c)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == (["fork", "spawn", "spawn"] if sys.platform.startswith("linux") else ["spawn"] * 3)
