"""A Dask cluster started from the command line, as a user would on a cluster: `dask scheduler` and two
`dask worker` processes on 127.0.0.1, then `kit analyse --scheduler` through them; always shut down."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit.cli import main

BIN = Path(sys.executable).parent
pytestmark = pytest.mark.slow


def _stop(procs: list[subprocess.Popen]) -> None:
    """Stop the processes we started (workers first), each by its own process group."""
    for p in reversed(procs):
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + 20
    for p in reversed(procs):
        try:
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait(timeout=10)


@pytest.fixture(scope="module")
def cli_cluster(tmp_path_factory):
    """``dask scheduler`` + 2 ``dask worker`` processes; yields the scheduler address."""
    tmp = tmp_path_factory.mktemp("dask")
    sched_file = tmp / "scheduler.json"
    procs: list[subprocess.Popen] = []
    logs = []

    def start(*args: str) -> None:
        log = open(tmp / f"proc{len(procs)}.log", "w")
        logs.append(log)
        procs.append(subprocess.Popen([str(BIN / "dask"), *args], stdout=log, stderr=subprocess.STDOUT, cwd=tmp,
                                      start_new_session=True))

    try:
        start("scheduler", "--host", "127.0.0.1", "--port", "0", "--dashboard-address", "127.0.0.1:0",
              "--scheduler-file", str(sched_file))
        deadline = time.monotonic() + 90
        while not sched_file.is_file():
            assert procs[0].poll() is None, (tmp / "proc0.log").read_text()
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.2)
        time.sleep(0.3)  # the file is written once; let it be complete
        address = json.loads(sched_file.read_text())["address"]
        for _ in range(2):
            start("worker", address, "--host", "127.0.0.1", "--nworkers", "1", "--nthreads", "1",
                  "--memory-limit", "1GB", "--local-directory", str(tmp), "--no-dashboard")
        from distributed import Client

        with Client(address, timeout="60s") as c:
            c.wait_for_workers(2, timeout=120)
        yield address
    finally:
        _stop(procs)
        for log in logs:
            log.close()
    assert all(p.poll() is not None for p in procs)


def test_kit_analyse_through_a_cli_started_cluster(cli_cluster, tmp_path, capsys):
    store = tmp_path / "corpus"
    kit.ingest(["data/sample"], store, partition_size=9, workers=1)
    assert main(["analyse", str(store), "--scheduler", cli_cluster, "--tables", "term_counts", "frame_scores",
                 "--json"]) == 0
    cap = capsys.readouterr()
    assert f"scheduler {cli_cluster}, 2 workers, dashboard http://127.0.0.1:" in cap.err
    rows = {r["table"]: r for r in json.loads(cap.out)}
    assert set(rows) == {"term_counts", "frame_scores"}
    meta = json.loads((Path(rows["term_counts"]["path"]) / "meta.json").read_text())
    assert meta["engine"].startswith(f"scheduler {cli_cluster}")
    # the same numbers as in memory
    articles = kit.load_corpus(store).articles
    got = kit.analyse.derived(store, "term_counts")
    pd.testing.assert_frame_equal(got, kit.count_terms(articles), check_exact=True)
    scores = kit.analyse.derived(store, "frame_scores")
    pd.testing.assert_frame_equal(scores, kit.frame_scores(articles, min_hits=2), check_exact=True)


def test_environment_variable_names_the_scheduler(cli_cluster, tmp_path, monkeypatch, capsys):
    store = tmp_path / "corpus"
    kit.ingest(["tests/fixtures/webcopy"], store, partition_size=1, workers=1)
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cli_cluster)
    assert main(["analyse", str(store), "--tables", "sentence_tone"]) == 0
    assert f"scheduler {cli_cluster}" in capsys.readouterr().err


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, capsys):
    store = tmp_path / "corpus"
    kit.ingest(["tests/fixtures/webcopy"], store, workers=1)
    assert main(["analyse", str(store), "--scheduler", "tcp://127.0.0.1:9", "--tables", "term_counts"]) == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err


def test_kit_run_through_a_cli_started_cluster(cli_cluster, tmp_path, capsys):
    """A small report batch: the corpus analysed on the cluster, the notebook runs executed by its workers."""
    root = Path(__file__).resolve().parents[1]
    cfg = tmp_path / "batch.yml"
    cfg.write_text(f"defaults:\n  corpus: {root / 'tests' / 'fixtures' / 'webcopy'}\n"
                   f"runs:\n  - name: keyness_{{outlet}}\n    notebook: {root / 'notebooks' / '02_terms_and_keyness.ipynb'}\n"
                   "    each: outlet\n    min_articles: 1\n    parameters:\n      target: \"{outlet}\"\n      min_count: 1\n")
    out = tmp_path / "out"
    assert main(["run", str(cfg), "--out", str(out), "--scheduler", cli_cluster]) == 0, capsys.readouterr().err
    err = capsys.readouterr().err
    assert "analysed group_counts" in err
    store = out / "corpus"
    stored = kit.analyse.stored_tables(store)
    # group counts for the keyness runs, and per-article counts because notebook 02 drops exact copies (dedupe)
    assert sorted(stored["table"]) == ["group_counts", "group_counts", "term_counts", "term_counts"]
    provs = [json.loads(p.read_text()) for p in out.glob("keyness_*/provenance.json")]
    assert provs and all(p["status"] == "ok" for p in provs)
    # the runs read the stored counts: their keyness table is the in-memory one
    articles = kit.load_corpus(store).articles
    counts = kit.count_terms(articles, group_by="outlet", stopwords=None)
    for p in provs:
        target = p["parameters"]["target"]
        got = pd.read_csv(Path(p["parameters"]["output_dir"]) / "keyness.csv")
        want = kit.keyness(counts, group_by="outlet", target=target, min_count=1, correction="bonferroni",
                           exclude="english")
        assert got["term"].tolist() == want["term"].tolist()
        assert got["g2"].to_numpy() == pytest.approx(want["g2"].to_numpy(), rel=1e-5)  # the CSV keeps 6 digits
