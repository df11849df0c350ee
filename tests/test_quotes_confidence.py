"""Issue 11, session 16: the ``speaker_confidence`` column (``kit.quotes.confidence``), its filter
``kit quotes --min-confidence``, its data file and its row in ``evaluation.speaker_check``.

Every article here is invented (made-up people, places and outlets).
"""
from __future__ import annotations

import json
import math

import pandas as pd
import pytest

import kit.quotes.confidence as cf
import kit.quotes.speaker_model as sm
from kit.quotes import QUOTE_COLUMNS, extract_quotes


def _paras(*texts, doc="a"):
    return pd.DataFrame({"doc_id": doc, "para_no": range(len(texts)), "role": "body", "text": list(texts)})


#: One article: a quote whose *she* goes to a woman named in passing two paragraphs before (the
#: rule's last resort), then a quote with its speaker named in full in its own sentence.
ARTICLE = _paras(
    "The ferry plan was drawn up with help from Ilse Varga of the port office.",
    "The council met on Tuesday. The vote was close. Many seats were empty.",
    'Ticket prices rose in spring. "We were never asked about the timetable," she said.',
    '"The bridge will open in May," said Mayor Tilda Brask.',
)


def test_the_column_is_in_the_table_and_documented():
    q = extract_quotes(ARTICLE)
    assert "speaker_confidence" in QUOTE_COLUMNS and list(q.columns) == list(QUOTE_COLUMNS)
    assert q["speaker_confidence"].dtype == float


def test_confidence_is_between_0_and_1_and_missing_without_a_speaker():
    q = extract_quotes(_paras('"We start at dawn," said Ada Voss.',
                              "Members of the Orlo Rowing Club came to the hall with Pim Akkerman and Tilda Brask.",
                              'The timetable was the main topic. "We were never asked about it at all, not once."',
                              'The so-called "quiet season" ended early.'))
    has = q["speaker"].notna()
    assert has.any() and (~has).any() and q.loc[has, "speaker_confidence"].between(0, 1).all()
    assert q.loc[~has, "speaker_confidence"].isna().all()
    # a scare quote or a title has no speaker, so no confidence either
    assert q.loc[~q["kind"].isin(["full", "partial"]), "speaker_confidence"].isna().all()


def test_a_speaker_named_in_the_quotes_sentence_is_surer_than_a_pronoun_resolved_from_afar():
    q = extract_quotes(ARTICLE)
    assert q["speaker"].tolist() == ["Ilse Varga", "Tilda Brask"]
    assert q["speaker_rule"].tolist() == ["PRONOUN_NEAREST_SUBJECT", "FULL_NAME"]
    assert q.loc[1, "speaker_confidence"] > 0.9 > 0.5 > q.loc[0, "speaker_confidence"]


def test_the_same_speaker_again_by_surname_and_pronoun_stays_sure():
    q = extract_quotes(_paras('"We will rebuild the pier," said Olek Dunne, the harbour master.',
                              '"It will take a year," Dunne said.', '"And it will cost less," he added.'))
    assert q["speaker"].tolist() == ["Olek Dunne"] * 3
    assert (q["speaker_confidence"] > 0.9).all()


def test_the_features_are_the_ranker_features_of_the_rules_choice():
    """The confidence reads the fifteenth round's candidate features of the speaker the rules chose
    (without the sentence subject), computed more cheaply: the same numbers."""
    sm.COLLECT, cf.COLLECT = [], []
    try:
        extract_quotes(ARTICLE)
        extract_quotes(_paras('Ada Voss met Cal Brun. "We start at dawn," she said. "Then we row."',
                              'Brun disagreed. "Too early," the farmer said.', doc="b"))
        ranker = {(d, s): next(x for e, x in cands if e is ent) for d, s, ent, _, cands in sm.COLLECT
                  if any(e is ent for e, _ in cands)}
        mine = {(d, s): x for d, s, x in cf.COLLECT}
    finally:
        sm.COLLECT, cf.COLLECT = None, None
    assert mine and set(mine) == set(ranker)
    for key, x in mine.items():
        assert x == [ranker[key][sm.FEATURES.index(f)] for f in cf.FEATURES], key


def test_the_data_file_loads_and_carries_its_card():
    m = cf.load_model()
    assert m["features"] == list(cf.FEATURES) and len(m["weights"]) == len(cf.FEATURES)
    assert all(isinstance(w, float) and math.isfinite(w) for w in m["weights"])
    card = m["card"]
    for key in ("what", "trained_on", "label", "checked", "trained", "script"):
        assert card[key], key
    assert "development part" in card["trained_on"] and "held-out" not in json.dumps(card["checked"])


def test_the_card_holds_the_held_out_and_make_eval_figures_the_readme_gives():
    from pathlib import Path

    card = cf.load_model()["card"]
    held, fd = card["held_out_scored_once"], card["frames_dev_make_eval"]
    # session 16's held-out scoring (docs/quotes.md, sixteenth round): figures only
    assert (held["n"], held["auc"], held["p50"], held["all"]) == (1856, [0.817, 0.777, 0.854], [0.967, 0.949, 0.981], 0.852)
    readme = " ".join((Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert (f"held-out part, scored once, AUC {held['auc'][0]:.2f} ({held['auc'][1]:.2f}-{held['auc'][2]:.2f}) "
            f"and {held['p50'][0]:.2f} ({held['p50'][1]:.2f}-{held['p50'][2]:.2f}) against {held['all']:.2f}") in readme
    assert (f"AUC of {fd['auc']:.2f}, and the half of the speakers it is surest of were right in {fd['p50'][0]:.2f} "
            f"({fd['p50'][1]:.3f}-{fd['p50'][2]:.3f}) against {fd['all'][0]:.2f} for all") in readme


def test_probability_is_a_logistic():
    assert cf.probability([0.0], {"weights": [3.0], "intercept": 0.0}) == 0.5
    assert cf.probability([1.0], {"weights": [-1000.0], "intercept": 0.0}) == 0.0


def test_min_confidence_keeps_the_surer_quotes(tmp_path, capsys):
    from kit.cli import main

    src = tmp_path / "a.txt"
    src.write_text("Ferry plan\n\n" + "\n\n".join(ARTICLE["text"]) + "\n", encoding="utf-8")
    assert main(["quotes", str(src), "--json"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert len(every) >= 2
    cut = sorted(r["speaker_confidence"] for r in every if r["speaker_confidence"] is not None)[-1]
    assert main(["quotes", str(src), "--json", "--min-confidence", str(cut)]) == 0
    kept = json.loads(capsys.readouterr().out)
    assert 1 <= len(kept) < len(every) and all(r["speaker_confidence"] >= cut for r in kept)


@pytest.mark.parametrize("bad", ["1.5", "-0.1"])
def test_min_confidence_outside_0_1_is_a_bad_argument(tmp_path, capsys, bad):
    from kit.cli import main

    src = tmp_path / "a.txt"
    src.write_text("Title\n\n" + ARTICLE["text"][0] + "\n", encoding="utf-8")
    assert main(["quotes", str(src), "--min-confidence", bad]) == 2
    assert "--min-confidence" in capsys.readouterr().err


def test_speaker_check_rows_of_the_confidence():
    import evaluation.speaker_check as sc

    given = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "right": [True, True, False, True],
                          "confidence": [0.9, 0.8, 0.3, 0.4]})
    rows = {r["measure"]: r for r in sc.confidence_rows(given)}
    top = rows["speaker precision, the 50% most confident"]
    assert (top["kit"], top["baseline"], top["n"]) == (1.0, 0.75, 2)
    assert rows["speaker confidence AUC (right against wrong speakers)"]["kit"] == 1.0


def test_the_table_view_shows_the_confidence(tmp_path, capsys):
    from kit.cli import main

    src = tmp_path / "a.txt"
    src.write_text("Ferry plan\n\n" + "\n\n".join(ARTICLE["text"]) + "\n", encoding="utf-8")
    assert main(["quotes", str(src)]) == 0
    out = capsys.readouterr().out
    assert "rule FULL_NAME, confidence 0.9" in out and "rule PRONOUN_NEAREST_SUBJECT, confidence 0." in out


def test_every_speaker_rule_has_a_family():
    """The confidence reads the family of the rule that chose the speaker: a rule added to
    SPEAKER_RULES needs its family in kit.quotes.speaker_model.RULE_FAMILIES (else its quotes read
    as if no rule had chosen)."""
    from kit.quotes import SPEAKER_RULES

    missing = set(SPEAKER_RULES) - set(sm.RULE_FAMILIES) - {"SPEAKER_MODEL"}
    assert not missing, f"add to kit.quotes.speaker_model.RULE_FAMILIES: {sorted(missing)}"
