"""The project's whole batch (reports.yml) runs to the end on the corpora real collections produce.

One batch, every notebook on each corpus of ``tests/reports/corpora.py``: no article at all, a
single article, one outlet with undated articles and no dictionary word, and 200 outlets with
year-1850, year-2200 and year-0001 dates, undated articles and empty bodies. Every run must end ``ok``;
what a report cannot show it says (checked for the implausible dates, set aside at ingest, and the
left-out outlets), never with a traceback.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

from kit import reports

sys.path.insert(0, str(Path(__file__).parent))
import corpora  # noqa: E402 (after sys.path holds tests/reports/)

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.notebooks]
#: Reports that need more than a corpus: 05 reads a hand coding of the sample's own articles.
NEEDS_MORE = {"05_coded_frames.ipynb"}
CORPORA = {"empty": corpora.empty, "single": corpora.single_article, "one_outlet": corpora.one_outlet_undated,
           "many": corpora.many_outlets}


def _batch_file(tmp: Path) -> Path:
    """reports.yml with every run repeated once per corpus (names suffixed), each-runs on 'many' only,
    and notebook 02 without a target on every corpus."""
    data = yaml.safe_load((ROOT / "reports.yml").read_text(encoding="utf-8"))
    runs = []
    for key, make in CORPORA.items():
        source = make(tmp / "sources" / key)
        for run in data["runs"]:
            if (run.get("each") and key != "many") or Path(run["notebook"]).name in NEEDS_MORE:
                continue
            run = json.loads(json.dumps(run))
            run["notebook"] = str(ROOT / run["notebook"])
            name = run.get("name") or Path(run["notebook"]).stem
            run["name"] = f"{name}_{key}" if "{" not in name else name
            run["parameters"] = {**(run.get("parameters") or {}), "corpus": str(source.parent)}
            runs.append(run)
        # keyness without a target (the largest group against the rest) on every corpus too
        runs.append({"name": f"02_terms_and_keyness_{key}", "notebook": str(ROOT / "notebooks/02_terms_and_keyness.ipynb"),
                     "parameters": {"corpus": str(source.parent)}})
    path = tmp / "reports.yml"
    path.write_text(yaml.safe_dump({"runs": runs}, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("degenerate")
    lines: list[str] = []
    result = reports.run_batch(_batch_file(tmp), out=tmp / "out", jobs=2, log=lines.append, progress=False)
    return result, lines


def test_every_report_runs_to_the_end_on_every_corpus(batch):
    result, _ = batch
    assert result.ok, reports.format_failures(result)
    notebooks = {Path(r["notebook"]).name for r in result.runs}
    assert notebooks == {p.name for p in (ROOT / "notebooks").glob("*.ipynb")} - NEEDS_MORE
    assert len([r for r in result.runs if not r["run"].startswith("keyness_")]) == len(notebooks) * len(CORPORA)


def test_implausible_dates_are_said_in_the_report(batch):
    """The readers set a date before 1900 or after the ingest day aside at ingest (kept undated,
    flagged with the date as given: kit.readers.read_one), so the overview's table of flags by reason
    names both kinds, and its sentence on undated articles counts them."""
    result, _ = batch
    nb = json.loads((result.out_dir / "01_corpus_overview_many" / "01_corpus_overview_many.ipynb").read_text())
    text = "".join("".join(o.get("text", "")) + "".join((o.get("data") or {}).get("text/plain", ""))
                   for c in nb["cells"] for o in c.get("outputs", []))
    assert "publication date YYYY-MM-DD is before 1900" in text
    assert "publication date YYYY-MM-DD is after the ingest day" in text
    assert "articles have no publication date: they are left out of everything shown over time." in text
    # the ingest report the overview writes beside itself keeps each date as the source gave it
    reasons = (result.out_dir / "01_corpus_overview_many" / "ingest_report.csv").read_text(encoding="utf-8")
    assert "publication date 1850-01-01 is before 1900" in reasons
    assert "publication date 2200-12-31 is after the ingest day" in reasons
    assert "'0001-01-01' lies outside the dates a table reader accepts" in reasons


def test_left_out_outlets_are_said_before_the_runs_and_in_the_index(batch):
    result, lines = batch
    keyness = [r["run"] for r in result.runs if r["run"].startswith("keyness_")]
    assert len(keyness) == 4  # the four outlets with 12 articles; the other 196 have fewer than 5
    note = next(line for line in lines if "with fewer than 5 articles (min_articles) left out" in line)
    assert int(note.split(": ", 1)[1].split(" outlet value(s)")[0]) > 180
    assert note in (result.out_dir / "index.html").read_text(encoding="utf-8").replace("&#39;", "'")
