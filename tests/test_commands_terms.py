"""Tests of ``kit terms`` and ``kit keyness`` on small fixtures, checked against counts made here
with a plain regular expression (the fixture uses plain words only) and scipy's G2."""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

import pytest
from scipy import stats

from kit.cli import main
from kit.text import stopword_set as stopwords

FIX = Path(__file__).parent / "fixtures" / "terms"
ARTICLES = str(FIX / "articles.jsonl")
SPECIAL = str(FIX / "special.jsonl")


def run_json(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def plain_counts(keep_stopwords=False):
    """Per outlet, counts by a plain lower-case word regex (valid for this fixture: plain words only)."""
    sw = set() if keep_stopwords else stopwords("english")
    out = {}
    for line in (FIX / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        c = out.setdefault(rec["outlet"], Counter())
        c.update(w for w in re.findall(r"[a-z]+", rec["text"].lower()) if w not in sw)
    return out


def test_terms_json_most_frequent_first(capsys):
    rows = run_json(capsys, "terms", ARTICLES, "--json")
    expected = sum(plain_counts().values(), Counter())
    assert {r["term"]: r["n"] for r in rows} == dict(expected)
    assert [r["n"] for r in rows] == sorted((r["n"] for r in rows), reverse=True)
    assert set(rows[0]) == {"term", "n"}
    assert rows[0] == {"term": "said", "n": 8}


def test_terms_by_outlet_with_top(capsys):
    rows = run_json(capsys, "terms", ARTICLES, "--json", "--by", "outlet", "--top", "2")
    # counted by hand in the fixture: North Ledger "said" 5, "tariff" 5 (ties go alphabetically);
    # South Courier "talks" 5 (Talks, talks, talks, talks, talks), "said" 3
    assert rows == [{"outlet": "North Ledger", "term": "said", "n": 5}, {"outlet": "North Ledger", "term": "tariff", "n": 5},
                    {"outlet": "South Courier", "term": "talks", "n": 5}, {"outlet": "South Courier", "term": "said", "n": 3}]


def test_terms_keep_stopwords(capsys):
    rows = run_json(capsys, "terms", ARTICLES, "--json", "--keep-stopwords")
    expected = sum(plain_counts(keep_stopwords=True).values(), Counter())
    assert {r["term"]: r["n"] for r in rows} == dict(expected)
    assert {"the", "and"} <= {r["term"] for r in rows}


def test_terms_news_rules(capsys):
    rows = {r["term"]: r["n"] for r in run_json(capsys, "terms", SPECIAL, "--json")}
    # China’s + China's; U.S. + US + U.S. (the pronoun "us" is a stopword); WHO kept apart from "who"
    assert rows["china"] == 2
    assert rows["US"] == 3
    assert "us" not in rows
    assert rows["WHO"] == 1
    assert rows["china-US"] == 1 and rows["high-stakes"] == 1


def test_keyness_json_matches_scipy(capsys):
    rows = run_json(capsys, "keyness", ARTICLES, "--by", "outlet", "--target", "North Ledger", "--json")
    pc = plain_counts(keep_stopwords=True)  # finding 1: corpus sizes count every token, stopwords included
    t, r = pc["North Ledger"], pc["South Courier"]
    c, d = sum(t.values()), sum(r.values())
    sw = stopwords("english")
    assert not {row["term"] for row in rows} & sw  # stopword rows are left out of the result
    assert {"term", "n_target", "n_reference", "per_million_target", "per_million_reference", "g2", "p_value",
            "log_ratio", "direction"} <= set(rows[0])
    by_term = {row["term"]: row for row in rows}
    for term in ("tariff", "talks", "said", "steel"):
        a, b = t[term], r[term]
        e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
        g2 = stats.power_divergence([a, b], f_exp=[e1, e2], lambda_="log-likelihood").statistic
        row = by_term[term]
        assert (row["n_target"], row["n_reference"]) == (a, b)
        assert abs(row["g2"]) == pytest.approx(g2)
        assert row["p_value"] == pytest.approx(stats.chi2.sf(g2, 1))
        ratio = (max(a, 0.5) / c) / (max(b, 0.5) / d)
        assert row["log_ratio"] == pytest.approx(math.log2(ratio))
    assert rows[0]["term"] == "tariff" and rows[0]["direction"] == "target"
    assert rows[-1]["term"] == "talks" and rows[-1]["direction"] == "reference"
    assert [row["g2"] for row in rows] == sorted((row["g2"] for row in rows), reverse=True)


def test_keyness_corpus_sizes_include_stopwords(capsys, tmp_path):
    # finding 1, worked by hand: A = "The tariff and the talks" (5 tokens, 3 of them stopwords),
    # B = "Talks and talks" (3 tokens). tariff: a = 1, b = 0, E1 = 5 * 1 / 8; G2 = 2 ln(1 / 0.625) = 0.940007
    src = tmp_path / "two.jsonl"
    src.write_text('{"outlet": "A", "title": "a", "text": "The tariff and the talks"}\n'
                   '{"outlet": "B", "title": "b", "text": "Talks and talks"}\n', encoding="utf-8")
    rows = run_json(capsys, "keyness", str(src), "--by", "outlet", "--target", "A", "--json", "--min-docs", "1")
    by_term = {row["term"]: row for row in rows}
    assert set(by_term) == {"tariff", "talks"}
    assert by_term["tariff"]["g2"] == pytest.approx(0.9400072585)
    assert by_term["tariff"]["per_million_target"] == pytest.approx(200_000)
    assert by_term["talks"]["per_million_reference"] == pytest.approx(2 / 3 * 1e6)


def test_keyness_by_a_date_field(capsys):
    # finding 15: "2023-06-01" matches the article published that day (its tariff count: 3, by hand)
    rows = run_json(capsys, "keyness", ARTICLES, "--by", "published", "--target", "2023-06-01", "--json")
    assert {row["term"]: row["n_target"] for row in rows}["tariff"] == 3


def test_keyness_reference_and_top(capsys):
    rows = run_json(capsys, "keyness", ARTICLES, "--by", "outlet", "--target", "South Courier",
                    "--reference", "North Ledger", "--top", "1", "--json")
    assert len(rows) == 1 and rows[0]["term"] == "talks"


@pytest.mark.parametrize("argv, message", [
    (["keyness", ARTICLES, "--by", "outlet", "--target", "Nowhere", "--json"], "North Ledger"),
    (["keyness", ARTICLES, "--by", "colour", "--target", "x", "--json"], "outlet"),
    (["terms", ARTICLES, "--by", "authors", "--json"], "lists"),
    (["terms", ARTICLES, "--top", "0", "--json"], "--top"),
])
def test_user_errors_name_the_valid_choices(capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_terms_by_outlet_names_missing_outlet_unknown():
    """An article without an outlet is counted in the group "(unknown)", as in the reports, not "NaN"."""
    import pandas as pd

    from kit.commands.terms import terms_table

    arts = pd.DataFrame({"doc_id": ["a", "b"], "title": ["", ""], "text": ["talks talks", "talks"],
                         "outlet": ["Daily Ledger", None]})
    table = terms_table(arts, by="outlet")
    assert set(table["outlet"]) == {"Daily Ledger", "(unknown)"}
    assert table.set_index("outlet").loc["(unknown)", "n"] == 1


@pytest.mark.parametrize("by", [None, "outlet", "month"])
@pytest.mark.parametrize("source", ["data/sample", "tests/fixtures/readers", str(FIX)])
def test_terms_table_from_the_matrix_equals_tidy_counts_and_frequencies(source, by):
    """`kit terms` sums its counts straight from the sparse matrix (in worker processes for a large
    corpus); the table must be the one count_terms + frequencies give on the same articles."""
    import pandas as pd

    from kit.commands.terms import terms_table
    from kit.corpus import build_corpus
    from kit.groups import group_labels
    from kit.terms import count_terms, frequencies
    from kit.text import TokenOptions

    root = Path(__file__).parent.parent
    arts = build_corpus([root / source]).articles
    for tok in (None, TokenOptions.make(stopwords=None), TokenOptions.make(split_hyphens=True, min_length=3)):
        a = arts.assign(outlet=group_labels(arts["outlet"])) if by == "outlet" else arts
        slow = frequencies(count_terms(a, group_by=by, tokens=tok), group_by=by)
        slow = slow[([by] if by else []) + ["term", "n", "per_million", "doc_freq"]].reset_index(drop=True)
        fast = terms_table(arts, by=by, tokens=tok)
        assert len(fast) > 10
        pd.testing.assert_frame_equal(fast, slow)
        # the top terms (of each group), ties at the cut decided by term as in the full table
        top = slow.groupby(by, sort=False, dropna=False).head(3) if by else slow.head(3)
        pd.testing.assert_frame_equal(terms_table(arts, by=by, tokens=tok, top=3), top.reset_index(drop=True))
        if by is None:  # from the counts of a read that counted while reading (summed, not assembled)
            from kit.text import TokenOptions as T

            opts = tok if tok is not None else T.make(stopwords="kit")
            counted = build_corpus([root / source], count=opts, workers=2)
            for k in (None, 1, 3, 10_000):
                want = frequencies(count_terms(counted.articles, tokens=opts), top=k)
                want = want[["term", "n", "per_million", "doc_freq"]]
                got = terms_table(counted.articles, tokens=opts, top=k, matrix=counted.term_matrix)
                pd.testing.assert_frame_equal(got, want.reset_index(drop=True))


def _no_stage(*args):
    raise AssertionError("kit terms staged the articles of an export")


@pytest.mark.parametrize("by", [None, "outlet", "month", "section"])
def test_terms_of_an_export_are_those_of_its_store(capsys, tmp_path, monkeypatch, by):
    """`kit terms EXPORT` (read in byte ranges by worker processes, counted where read, nothing
    staged) prints what `kit terms STORE` prints after `kit ingest EXPORT`, also per group."""
    import importlib

    from kit.corpus import split

    stream = importlib.import_module("kit.corpus.stream")

    rows = []
    for i in range(80):
        rec = {"title": f"Story {i}", "outlet": ["North Ledger", "Harbor Daily", None][i % 3],
               "published": f"2024-0{1 + i % 4}-1{i % 9}T08:00:00Z", "section": ["World", "Trade"][i % 2],
               "text": f"Tariff talks {i % 7} resumed; the U.S. envoy’s 7 1/2 hour visit.\n\nChina’s reply {i % 5}."}
        rows.append(json.dumps({k: v for k, v in rec.items() if v is not None}))
    export = tmp_path / "export.jsonl"
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(split, "RANGE_BYTES", 2_000)  # ranges, read by worker processes
    grouped = [] if by is None else ["--by", by]
    staged = stream._stage
    monkeypatch.setattr(stream, "_stage", _no_stage)  # (the forked workers inherit it)
    from_export = run_json(capsys, "terms", str(export), "--top", "15", "--json", *grouped)
    monkeypatch.setattr(stream, "_stage", staged)
    assert main(["ingest", str(export), "--out", str(tmp_path / "store"), "-q"]) == 0
    capsys.readouterr()
    from_store = run_json(capsys, "terms", str(tmp_path / "store"), "--top", "15", "--json", *grouped)
    assert from_export == from_store
    assert len(from_export) >= 15
    if by is None:
        assert {"term": "US", "n": 80} in from_export
