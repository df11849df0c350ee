"""Issue 17: adversarial articles built in code finish, and give the right answer.

``pytest-timeout`` is the hang guard (generous limits: a hang detector, never a timing assertion).
The long-trailer case took minutes before the e-mail pattern was made linear.
"""
from __future__ import annotations

import sys

import pytest

from kit.corpus import build_corpus, infer_outlets
from kit.readers.base import MAX_TOKEN_CHARS
from kit.schema import Article

sys.path.insert(0, "benchmarks")
import adversarial  # noqa: E402  (the benchmark's shapes: one definition for tests and benchmark)

pytestmark = pytest.mark.slow


def _trailer_article(trailer: str, outlet: str | None) -> Article:
    return Article(title="Talks", outlet=outlet, paragraphs=[("body", "The minister met the delegation."),
                                                             ("trailer", trailer)])


@pytest.mark.timeout(120)
def test_outlet_is_inferred_through_a_huge_trailer():
    known = _trailer_article("Contact us at letters@harbor.example.", "Harbor Daily")
    odd = _trailer_article("Contact us at " + "a" * 400_000 + " letters@harbor.example.", None)
    changed = infer_outlets([known, odd])
    assert odd.outlet == "Harbor Daily" and changed == {id(odd): "harbor.example"}


@pytest.mark.timeout(120)
def test_a_run_of_address_characters_without_an_at_sign_finds_nothing():
    odd = _trailer_article("x" * 400_000 + ".example", None)
    assert infer_outlets([_trailer_article("a@harbor.example", "Harbor Daily"), odd]) == {}
    assert odd.outlet is None


@pytest.mark.timeout(180)
@pytest.mark.parametrize("shape", ["one long token", "long trailer", "no punctuation", "deeply nested HTML",
                                   "huge single-line page", "many paragraphs"])
def test_pathological_shapes_are_read_whole_and_flagged(tmp_path, shape):
    ext, text = adversarial.SHAPES[shape](200_000)
    path = tmp_path / f"a.{ext}"
    path.write_text(text, encoding="utf-8")
    c = build_corpus([path])
    assert len(c.articles) == 1, c.report.reason.tolist()
    art = c.articles.iloc[0]
    assert art.title.startswith("Officials Meet")
    if shape == "one long token":
        assert "x" * 100_000 in art.text  # kept in full, not cut
        flags = c.report[c.report.reason.str.startswith("pathological text")]
        assert flags.doc_id.tolist() == [art.doc_id] and f"over {MAX_TOKEN_CHARS:,}" in flags.reason.iloc[0]
    if shape == "deeply nested HTML":
        # 6,000 levels: deeper than the parser follows (2,048); every level's text is kept
        assert art.text.count("Talks went on.") == text.count("Talks went on.") > 6000
        assert c.report.reason.str.contains("flattened before parsing (text kept)", regex=False).any()
    if shape == "many paragraphs":
        assert c.paragraphs.role.eq("body").sum() == text.count("The delegation discussed") > 4000


@pytest.mark.timeout(180)
def test_terms_and_frames_finish_on_a_long_token_and_a_long_trailer(tmp_path):
    from kit.dictionaries import frame_scores
    from kit.terms import count_terms

    for shape in ("one long token", "long trailer", "no punctuation"):
        ext, text = adversarial.SHAPES[shape](200_000)
        (tmp_path / f"{shape}.{ext}").write_text(text, encoding="utf-8")
    c = build_corpus([tmp_path])
    counts = count_terms(c.articles)
    assert {"minister", "delegation"} <= set(counts.term)
    scores = frame_scores(c.articles)
    assert set(scores.doc_id) == set(c.articles.doc_id)


@pytest.mark.timeout(300)
def test_the_benchmark_times_every_command_in_process(tmp_path):
    # the harness of `make bench` runs (no timing is asserted: only that every command ran)
    result = adversarial.measure_shape("many quotes", list(adversarial.COMMANDS), [2048, 4096], 120.0, 1, str(tmp_path))
    assert set(result) == set(adversarial.COMMANDS)
    assert all(len(v) == 2 and all(isinstance(x, float) for x in v) for v in result.values())
    assert adversarial.growth([1.0, 2.0, 4.0]) == pytest.approx(2.0) and adversarial.growth([1.0, None]) is None
