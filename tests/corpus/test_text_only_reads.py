"""`kit terms/keyness/frames` on an ingested corpus read only doc_id, text and the grouping column
(no paragraphs), and from sources build no paragraphs table: their output must stay exactly what the
full read gave.

The snapshot ``tests/fixtures/store_reads/snapshot.json`` was written by :func:`outputs` with the kit
as it was before the lighter read (every table read whole). To rewrite it deliberately::

    python tests/corpus/test_text_only_reads.py > tests/fixtures/store_reads/snapshot.json
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import sys
import tempfile
from pathlib import Path

SAMPLE = "data/sample"
SNAPSHOT = Path(__file__).resolve().parents[1] / "fixtures" / "store_reads" / "snapshot.json"

#: Commands run on the store and on the single-file corpus; {c} is the corpus path.
COMMANDS = {
    "terms": ["terms", "{c}", "--json", "--top", "40"],
    "terms_by_outlet": ["terms", "{c}", "--json", "--by", "outlet", "--top", "15"],
    "terms_by_month": ["terms", "{c}", "--json", "--by", "month", "--top", "15"],
    "terms_stem_keep": ["terms", "{c}", "--json", "--top", "30", "--stem", "--keep-stopwords"],
    "keyness_outlet": ["keyness", "{c}", "--json", "--by", "outlet", "--target", "Continental Wire", "--top", "25"],
    "keyness_month": ["keyness", "{c}", "--json", "--by", "month", "--target", "2023-10", "--top", "25"],
    "frames": ["frames", "{c}", "--json"],
    "terms_unknown_field": ["terms", "{c}", "--json", "--by", "no_such_field"],
}


def _run(argv: list[str]) -> dict:
    from kit.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as e:  # argparse / KitError exits
            status = e.code
    return {"status": status, "stdout": out.getvalue(), "stderr": err.getvalue()}


def outputs(root: str) -> dict:
    """Every command of :data:`COMMANDS` on a store (3 partitions) and on a single-file corpus of the sample."""
    from kit.cli import main

    store, single = f"{root}/store", f"{root}/single.parquet"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["ingest", SAMPLE, "--out", store, "--quiet", "--workers", "1", "--partition-size", "16"]) == 0
        assert main(["ingest", SAMPLE, "--out", single, "--quiet", "--workers", "1"]) == 0
    res = {}
    for layout, path in (("store", store), ("single", single), ("sources", SAMPLE)):
        for name, argv in COMMANDS.items():
            r = _run([a.format(c=path) for a in argv])
            r["stderr"] = r["stderr"].replace(path, "CORPUS")
            if len(r["stdout"]) > 20000:  # frames evidence: its hash keeps the snapshot small
                r["stdout_rows"] = len(json.loads(r["stdout"]))
                r["stdout"] = "sha256:" + hashlib.sha256(r["stdout"].encode("utf-8")).hexdigest()
            res[f"{layout}:{name}"] = r
    return res


def test_text_only_reads_give_the_snapshot(tmp_path):
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    got = outputs(str(tmp_path))
    assert got.keys() == expected.keys()
    for key in expected:
        assert got[key] == expected[key], key
    # the snapshot holds real rows, not empty results
    assert len(json.loads(expected["store:terms_by_month"]["stdout"])) > 15
    assert expected["store:terms_unknown_field"]["status"] != 0 and "outlet" in expected["store:terms_unknown_field"]["stderr"]


def test_terms_keyness_frames_do_not_read_paragraphs(tmp_path):
    """With the paragraphs of the store removed, the text-only commands still give the same output
    (quotes, which needs paragraphs, does not)."""
    from kit.corpus import Store

    store = tmp_path / "store"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        from kit.cli import main

        assert main(["ingest", SAMPLE, "--out", str(store), "--quiet", "--workers", "1", "--partition-size", "16"]) == 0
    before = {n: _run([a.format(c=str(store)) for a in COMMANDS[n]]) for n in ("terms_by_month", "keyness_outlet", "frames")}
    assert len(Store(store).paragraphs()) > 0
    shutil.rmtree(store / "paragraphs")
    for name, r in before.items():
        assert _run([a.format(c=str(store)) for a in COMMANDS[name]]) == r, name
    quotes = _run(["quotes", str(store), "--json"])
    assert quotes["status"] != 0 and "paragraphs/part-00000.parquet: missing from the corpus store" in quotes["stderr"]


def test_store_corpus_reads_only_the_columns_asked(tmp_path):
    from kit.corpus import Store, load_corpus

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        from kit.cli import main

        assert main(["ingest", SAMPLE, "--out", str(tmp_path / "s"), "--quiet", "--workers", "1", "--partition-size", "16"]) == 0
    s = Store(tmp_path / "s")
    full = s.corpus()
    light = load_corpus(tmp_path / "s", paragraphs=False, columns=["doc_id", "text", "outlet"])
    assert list(light.articles.columns) == ["doc_id", "text", "outlet"]
    import pandas as pd

    pd.testing.assert_frame_equal(light.articles, full.articles[["doc_id", "text", "outlet"]])
    assert len(light.paragraphs) == 0 and list(light.paragraphs.columns) == list(full.paragraphs.columns)
    pd.testing.assert_frame_equal(light.report, full.report)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as d:
        json.dump(outputs(d), sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
        sys.stdout.write("\n")
