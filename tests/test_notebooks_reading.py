"""The report notebooks never hold a corpus store's texts whole: 01 to 05 render on a store
whose whole-table read of the ``text`` column (and of the paragraphs) fails; 03 and 05 read the texts
one partition at a time, 01 only those of reprints, 02 those of its target group.

The notebooks' code cells run in this process (with the parameters of the default batch, as ``kit
run`` gives them, after the analysis ``kit run`` makes first) so that the store's reading can be watched."""
import json
from pathlib import Path

import pytest

import kit
from kit.corpus.store import Store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    out = tmp_path_factory.mktemp("nbreads") / "corpus"
    kit.ingest([str(ROOT / "data" / "sample")], out, partition_size=9, workers=1)
    from kit.analyse import for_reports

    for_reports(str(out), list(_parameters(str(out)).values()), quiet=True)  # as kit run does before the notebooks
    return str(out)


def _parameters(corpus: str) -> dict[str, dict]:
    from kit.reports.corpora import prepare_corpora
    from kit.reports.plan import expand_runs, load_config, plan_batch

    entries = plan_batch(load_config(ROOT / "reports.yml"), cli_params=[("corpus", corpus)])
    out: dict[str, dict] = {}
    for spec in expand_runs(entries, prepare_corpora(entries, None)):
        out.setdefault(Path(spec.notebook).name, dict(spec.parameters))
    return out


def _run(notebook: Path, params: dict, output_dir: Path) -> dict:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    ns: dict = {"display": lambda *a, **k: None, "__name__": "__main__"}
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        exec(compile("".join(cell["source"]), notebook.name, "exec"), ns)
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            ns.update({**params, "output_dir": str(output_dir)})
    return ns


@pytest.fixture
def poisoned(monkeypatch):
    """Reading a store's texts or paragraphs whole fails; the partitions read are recorded."""
    reads: list = []
    articles, read_table = Store.articles, Store.read_table

    def whole_articles(self, columns=None):
        if columns is None or "text" in columns:
            raise AssertionError(f"the whole text column of {self.path} was read")
        return articles(self, columns)

    def one_partition(self, table, partition, columns=None):
        reads.append((table, tuple(columns) if columns is not None else None))
        return read_table(self, table, partition, columns)

    def whole_paragraphs(self):
        raise AssertionError(f"the whole paragraphs table of {self.path} was read")

    monkeypatch.setattr(Store, "articles", whole_articles)
    monkeypatch.setattr(Store, "read_table", one_partition)
    monkeypatch.setattr(Store, "paragraphs", whole_paragraphs)
    monkeypatch.chdir(ROOT)
    return reads


@pytest.mark.parametrize("stem, table", [("01_corpus_overview", "outlet_summary"), ("02_terms_and_keyness", "kwic"),
                                         ("03_frames_and_tone", "frame_evidence"), ("05_coded_frames", "frame_probabilities"),
                                         ("04_voices", "voices_per_group")])
def test_renders_without_reading_the_texts_whole(store, poisoned, tmp_path, stem, table):
    nb = ROOT / "notebooks" / f"{stem}.ipynb"
    ns = _run(nb, _parameters(store)[nb.name], tmp_path)
    assert (tmp_path / f"{table}.csv").stat().st_size > 100
    text_reads = [cols for t, cols in poisoned if t == "articles" and (cols is None or "text" in cols)]
    assert all(cols == ("doc_id", "text") for cols in text_reads)  # texts only beside their ids, a partition at a time
    if stem in ("01_corpus_overview", "04_voices"):
        assert "text" not in ns["articles"].columns
    if stem in ("03_frames_and_tone", "05_coded_frames"):
        assert len(text_reads) >= len(Store(store).partitions)  # read, one partition at a time


@pytest.fixture(scope="module")
def single_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("nbfile") / "corpus.parquet"
    kit.ingest([str(ROOT / "data" / "sample")], out, workers=1)  # the single-file corpus of older kits
    return str(out)


@pytest.mark.parametrize("stem, table", [("01_corpus_overview", "outlet_summary"), ("02_terms_and_keyness", "kwic"),
                                         ("03_frames_and_tone", "frame_evidence"), ("05_coded_frames", "frame_probabilities"),
                                         ("04_voices", "quotes")])
def test_single_file_corpus_keeps_its_texts(single_file, tmp_path, monkeypatch, stem, table):
    """A ``.parquet`` corpus is no store: its tables are computed from the articles in memory, which
    therefore keep their texts (``text=False`` leaves them out of a store only)."""
    monkeypatch.chdir(ROOT)
    assert "text" in kit.load_corpus(single_file, paragraphs=False, text=False).articles.columns
    nb = ROOT / "notebooks" / f"{stem}.ipynb"
    _run(nb, _parameters(single_file)[nb.name], tmp_path)
    assert (tmp_path / f"{table}.csv").stat().st_size > 100


def test_03_writes_every_hits_evidence_without_holding_it(store, poisoned, tmp_path, monkeypatch):
    """03 copies the stored evidence to ``frame_evidence.csv`` a chunk at a time (never reading the
    stored table whole nor making the whole table), draws its sample from the hits and makes the
    negated hits' evidence only: the files and the sample are those of the whole evidence table."""
    import pandas as pd

    import kit.reporting
    from kit.analyse.storage import Derived
    from kit.frames import evidence_sample, frame_evidence

    read = Derived.read

    def not_the_evidence_whole(self, partition=None, columns=None, doc_ids=None):
        if self.table == "frame_evidence":
            raise AssertionError("the stored evidence was read whole")
        return read(self, partition, columns, doc_ids)

    monkeypatch.setattr(Derived, "read", not_the_evidence_whole)
    monkeypatch.setattr(kit.reporting, "CSV_CHUNK_ROWS", 40)  # many chunks, each from several partitions
    nb = ROOT / "notebooks" / "03_frames_and_tone.ipynb"
    ns = _run(nb, _parameters(store)[nb.name], tmp_path)
    monkeypatch.undo()
    assert "evidence" not in ns and len(Store(store).partitions) > 3
    full = kit.load_corpus(store, paragraphs=False).articles
    whole = frame_evidence(ns["hits"], full)  # the table 03 made in memory before
    assert whole["negated"].any() and len(whole) > 200
    expected = tmp_path / "expected"
    assert (tmp_path / "frame_evidence.csv").read_bytes() == kit.save_table(whole, expected, "e").read_bytes()
    negated = whole[whole["negated"]].reset_index(drop=True)
    assert (tmp_path / "frame_negated_hits.csv").read_bytes() == kit.save_table(negated, expected, "n").read_bytes()
    pd.testing.assert_frame_equal(ns["sample"], evidence_sample(whole, n=3, seed=ns["seed"]))


def test_04_writes_the_same_files_without_holding_the_quotes(store, poisoned, tmp_path, monkeypatch):
    """04 reads the stored quotes a part at a time (never whole: Derived.read of them fails), writes
    quotes.csv and speech_acts.csv a part at a time and reduces its summaries over the parts: every
    file is the one the whole-table functions write."""
    import kit.analyse
    import kit.quotes
    import kit.reporting
    from kit.analyse.storage import Derived

    read = Derived.read

    def not_the_quotes_whole(self, partition=None, columns=None, doc_ids=None):
        if self.table in ("quotes", "quote_problems"):
            raise AssertionError(f"the stored {self.table} table was read whole")
        return read(self, partition, columns, doc_ids)

    monkeypatch.setattr(Derived, "read", not_the_quotes_whole)
    monkeypatch.setattr(kit.reporting, "CSV_CHUNK_ROWS", 30)  # many parts, each from several partitions
    nb = ROOT / "notebooks" / "04_voices.ipynb"
    params = _parameters(store)[nb.name]
    ns = _run(nb, params, tmp_path)
    monkeypatch.undo()
    assert len(list(ns["quotes"].parts(rows=30))) > 3 and len(Store(store).partitions) > 3
    arts, g = ns["articles"], params.get("group_by", "outlet")
    actors = ns["actors_path"]
    quotes = kit.analyse.table(store, "quotes", articles=arts, actors=actors)  # the table 04 held before
    problems = kit.analyse.table(store, "quote_problems", articles=arts, actors=actors)
    expected = {"quotes": quotes, "speech_acts": kit.quotes.speech_acts(quotes),
                "voices_per_group": kit.quotes.sources(quotes, arts, group_by=g),
                "quoted_words_by_type": kit.quotes.sources(quotes, arts, group_by=g, by="speaker_type"),
                "quoted_words_by_side": kit.quotes.sources(quotes, arts, group_by=g, by="side"),
                "top_speakers": kit.quotes.top_speakers(quotes, arts, group_by=g, n=ns["top_n"]),
                "example_quotes": kit.quotes.example_quotes(quotes, arts, group_by=g, n=ns["n_examples"], seed=ns["seed"]),
                "quote_mark_problems": problems}
    assert len(quotes) > 100 and len(expected["example_quotes"]) > 3
    for name, table in expected.items():
        want = kit.save_table(table, tmp_path / "expected", name).read_bytes()
        assert (tmp_path / f"{name}.csv").read_bytes() == want, name
