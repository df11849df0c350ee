"""`make eval`'s runner: module discovery, skipping missing dev sets, one table in three forms."""
from __future__ import annotations

import json

import evaluation.__main__ as runner


def test_modules_are_the_public_files_of_the_package():
    names = runner.modules()
    assert {"html", "exports"} <= set(names)
    assert not any(n.startswith("_") for n in names)


def test_modules_whose_dev_set_is_missing_are_skipped(tmp_path, capsys):
    import io

    log = io.StringIO()
    assert runner.run(tmp_path, log=log) == []
    assert "evaluation.html: skipped" in log.getvalue() and "evaluation.exports: skipped" in log.getvalue()


def test_table_forms():
    rows = [{"devset": "html", "measure": "all: 'with' snippets found", "kit": 0.9634, "baseline": 0.955, "n": 535},
            {"devset": "exports", "measure": "all: title right", "kit": 0.988, "baseline": None, "n": 254}]
    text = runner.format_table(rows)
    assert text.splitlines()[0].split() == ["devset", "measure", "kit", "baseline", "n"]
    assert "0.963" in text and " - " in text
    md = runner.format_table(rows, markdown=True)
    assert md.splitlines()[1] == "|---|---|---|---|---|" and "| exports | all: title right | 0.988 | - | 254 |" in md


def test_json_output_and_a_bad_folder(tmp_path, capsys):
    assert runner.main([str(tmp_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    import pytest

    with pytest.raises(SystemExit):
        runner.main([str(tmp_path / "missing")])


def test_html_page_groups():
    from evaluation.html import page_group

    assert page_group('<script type="application/ld+json">{"@type": "NewsArticle"}</script>') == "news"
    assert page_group('<meta property="og:type" content="article">') == "article"
    assert page_group("<html><body>Docs</body></html>") == "other"
