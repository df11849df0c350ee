"""Issue 11: every quote says which named rule chose its speaker (the ``speaker_rule`` column, the
vocabulary :data:`kit.quotes.SPEAKER_RULES`). The articles of the fixture
``fixtures/quotes/pronouns_speaker_rules.json`` are written by us: in each, one rule picks the
speaker of one quote, and the column must name it."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit import analyse
from kit.cli import main
from kit.quotes import QUOTE_COLUMNS, SPEAKER_RULES, SPEECH_ACT_COLUMNS, extract_quotes, speech_acts
from kit.quotes.polnear import accuracy_by_rule, evaluate_polnear

HERE = Path(__file__).parent
CASES = json.loads((HERE / "fixtures" / "quotes" / "pronouns_speaker_rules.json").read_text())
POLNEAR = HERE / "fixtures" / "polnear"
SAMPLE = "data/sample"


def _paragraphs(case: dict) -> pd.DataFrame:
    texts, roles = list(case["paragraphs"]), ["body"] * len(case["paragraphs"])
    if case.get("headline"):
        texts, roles = [case["headline"]] + texts, ["heading"] + roles
    return pd.DataFrame({"doc_id": "x", "para_no": range(len(texts)), "role": roles, "text": texts})


@pytest.mark.parametrize("case", CASES, ids=[c["rule"] for c in CASES])
def test_the_rule_that_chose_the_speaker_is_named(case):
    q = extract_quotes(_paragraphs(case))
    speech = q[q["kind"].isin(["full", "partial"])].reset_index(drop=True)
    row = speech.iloc[case["quote"]]
    assert (row["speaker"], row["speaker_rule"]) == (case["speaker"], case["rule"])


def test_the_fixture_covers_the_vocabulary():
    named = {c["rule"] for c in CASES}
    assert named <= set(SPEAKER_RULES)
    # every rule but the learned ranking (off by default) and the pronoun's last resort has an article
    assert set(SPEAKER_RULES) - named == {"PRONOUN_MODEL", "PRONOUN_NEAREST_PERSON", "SPEAKER_MODEL"}  # the models are off


@pytest.fixture(scope="module")
def sample_quotes():
    return extract_quotes(kit.load_corpus(SAMPLE).paragraphs)


def test_every_speaker_has_a_rule_and_no_speaker_none(sample_quotes):
    q = sample_quotes
    assert list(q.columns) == list(QUOTE_COLUMNS) and "speaker_rule" in QUOTE_COLUMNS
    speech = q["kind"].isin(["full", "partial"])
    assert q.loc[speech & q["speaker"].notna(), "speaker_rule"].isin(list(SPEAKER_RULES)).all()
    assert q.loc[q["speaker"].isna() | ~speech, "speaker_rule"].isna().all()
    # more than a handful of rules at work on four outlets
    assert q.loc[speech, "speaker_rule"].nunique() >= 8


def test_speech_acts_take_the_rule_of_their_first_quote(sample_quotes):
    acts = speech_acts(sample_quotes)
    assert "speaker_rule" in SPEECH_ACT_COLUMNS
    q = sample_quotes
    first = q[q["kind"].isin(["full", "partial"])].drop_duplicates(["doc_id", "attribution_id"])
    want = dict(zip(zip(first["doc_id"], first["attribution_id"]), first["speaker_rule"]))
    got = dict(zip(zip(acts["doc_id"], acts["attribution_id"]), acts["speaker_rule"]))
    assert got == want


def test_kit_quotes_prints_the_rule(capsys):
    assert main(["quotes", SAMPLE, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all("speaker_rule" in r for r in rows)
    assert {r["speaker_rule"] for r in rows if r["speaker"]} <= set(SPEAKER_RULES)
    assert main(["quotes", SAMPLE]) == 0
    assert ", rule SURNAME_NEAREST" in capsys.readouterr().out


def test_the_stored_quotes_table_has_the_rule(tmp_path):
    out = tmp_path / "corpus"
    kit.ingest([SAMPLE], out, partition_size=20, workers=1)
    got = analyse.derived(str(out), "quotes", mode="sync")
    want = extract_quotes(kit.load_corpus(str(out)).paragraphs)
    assert "speaker_rule" in got.columns
    assert got["speaker_rule"].tolist() == want["speaker_rule"].tolist()


def test_accuracy_by_rule_counts_by_hand():
    details = pd.DataFrame({
        "speaker_ok": [True, False, True, None, False, True],
        "pred_rule": ["FULL_NAME", "PRONOUN_FOLLOWS_STORY", "FULL_NAME", "LATEST_SPEAKER", None,
                      "PRONOUN_FOLLOWS_STORY"]})
    t = accuracy_by_rule(details).set_index("rule")
    assert t.loc["FULL_NAME", ["n", "right"]].tolist() == [2, 2]
    assert t.loc["PRONOUN_FOLLOWS_STORY", ["n", "right"]].tolist() == [2, 1]
    assert t.loc["(no speaker)", ["n", "right"]].tolist() == [1, 0]
    assert "LATEST_SPEAKER" not in t.index  # a segment whose speaker is not scored does not count
    assert t["n"].sum() == 5 and t.loc["PRONOUN_FOLLOWS_STORY", "accuracy"] == 0.5


def test_quotes_eval_by_rule_on_polnear(capsys):
    res = evaluate_polnear(POLNEAR)
    by_rule = accuracy_by_rule(res["details"])
    s = res["summary"].set_index("measure")
    # the rules' counts add up to the speaker accuracy's n and right answers
    assert by_rule["n"].sum() == s.loc["speaker accuracy", "n"]
    assert by_rule["right"].sum() / by_rule["n"].sum() == pytest.approx(s.loc["speaker accuracy", "value"])
    assert main(["quotes-eval", "--polnear", str(POLNEAR), "--by-rule"]) == 0
    out = capsys.readouterr().out
    assert "speaker accuracy by the rule" in out and by_rule["rule"].iloc[0] in out
    assert main(["quotes-eval", "--polnear", str(POLNEAR), "--by-rule", "--json"]) == 0
    recs = json.loads(capsys.readouterr().out)
    assert any(r["measure"].startswith("speaker accuracy by rule: ") for r in recs)


def test_quotes_eval_by_rule_on_our_gold(capsys):
    gold = str(HERE / "eval" / "gold" / "hard_cases.json")
    assert main(["quotes-eval", gold, "--by-rule", "--json"]) == 0
    recs = json.loads(capsys.readouterr().out)
    n_all = next(r["n_speaker"] for r in recs if r["scope"] == "all")
    rules = [r for r in recs if r["scope"].startswith("rule: ")]
    assert rules and sum(r["n_speaker"] for r in rules) == n_all
    assert {r["scope"][6:] for r in rules} <= set(SPEAKER_RULES) | {"(no speaker)"}
    assert main(["quotes-eval", gold, "--by-rule"]) == 0
    assert "speaker accuracy by the rule" in capsys.readouterr().out


def test_docs_list_every_rule():
    doc = (HERE.parent / "docs" / "quotes.md").read_text()
    section = doc.split("## Speaker rules: the `speaker_rule` column", 1)[1]
    assert all(f"| `{r}` |" in section for r in SPEAKER_RULES)


def test_notebook_04_shows_and_writes_the_rule(tmp_path, monkeypatch):
    from kit.reports.corpora import prepare_corpora
    from kit.reports.plan import expand_runs, load_config, plan_batch

    root = HERE.parent
    monkeypatch.chdir(root)
    corpus = tmp_path / "corpus.parquet"
    kit.ingest([str(root / SAMPLE)], corpus, workers=1)
    entries = plan_batch(load_config(root / "reports.yml"), cli_params=[("corpus", str(corpus))])
    params = next(dict(s.parameters) for s in expand_runs(entries, prepare_corpora(entries, None))
                  if Path(s.notebook).name == "04_voices.ipynb")
    nb = json.loads((root / "notebooks" / "04_voices.ipynb").read_text(encoding="utf-8"))
    ns: dict = {"display": lambda *a, **k: None, "__name__": "__main__"}
    out = tmp_path / "out"
    out.mkdir()
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), "04_voices.ipynb", "exec"), ns)
            if "parameters" in cell.get("metadata", {}).get("tags", []):
                ns.update({**params, "output_dir": str(out)})
    written = pd.read_csv(out / "quotes.csv")
    assert "speaker_rule" in written.columns
    assert written.loc[written["speaker"].notna(), "speaker_rule"].isin(list(SPEAKER_RULES)).all()
    code = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert '"speaker_rule"' in code  # shown in the report's table of quotes


def test_naming_the_rule_changes_no_speaker(sample_quotes, monkeypatch):
    """The rules are only recorded: with the recording switched off, every other column is the
    same (checked once against the kit before the column, on all 840 PolNeAR train articles and
    the sample corpus: docs/quotes.md)."""
    import kit.quotes.names
    import kit.quotes.pronouns
    import kit.quotes.resolution

    for mod in (kit.quotes.resolution, kit.quotes.names, kit.quotes.pronouns):
        monkeypatch.setattr(mod, "_note_rule", lambda art, rule: None)
    silent = extract_quotes(kit.load_corpus(SAMPLE).paragraphs)
    # the recording is off: the resolver's rules are gone
    assert not silent["speaker_rule"].isin(["FULL_NAME", "SURNAME_NEAREST", "PRONOUN_FOLLOWS_STORY"]).any()
    cols = [c for c in QUOTE_COLUMNS if c not in ("speaker_rule", "speaker_confidence")]  # the confidence reads the rule
    pd.testing.assert_frame_equal(silent[cols], sample_quotes[cols])


def test_a_quote_that_continues_an_act_says_so(sample_quotes):
    q = sample_quotes
    cont = q["speaker_rule"].eq("SPEECH_ACT_CONTINUES")
    assert cont.any()
    assert (q.loc[cont, "attribution_id"] != q.loc[cont, "quote_no"]).all()
    new = q["speaker_rule"].eq("LATEST_SPEAKER")
    assert (q.loc[new, "attribution_id"] == q.loc[new, "quote_no"]).all()


def test_nested_resolution_keeps_the_outer_rule():
    """A mention resolved on the way (depth 2: an issuer, an earlier speaker) neither sets nor clears
    the rule the outer resolution noted; the outermost resolution records its own rule."""
    from kit.quotes.entities import _Article
    from kit.quotes.resolution import _note_rule, _resolve

    art = _Article(doc_id="a", paras=[(0, "The statement said so.", 0)], text="The statement said so.")
    ent = _resolve(art, "the statement", 0, 0)
    assert ent is not None and ent.kind == "document"
    assert art.cache["rule"] == "DOCUMENT_WITHOUT_ISSUER"
    art.cache["resolve_depth"] = 1  # inside an outer resolution that has noted its rule
    _note_rule(art, "FULL_NAME")
    assert _resolve(art, "the statement", 0, 0).kind == "document"
    assert art.cache["rule"] == "FULL_NAME"
    assert art.cache["resolve_depth"] == 1


def test_described_and_name_rules_clean_words_alike():
    """'Jr.' of a person's name matches 'Jr.' written in a described mention, as in the name rule:
    one cleaning of words (lower case, no stops or apostrophes) for both rules."""
    from kit.quotes.entities import Person, _Article
    from kit.quotes.resolution import _described_rule, _name_rule, _rule_word

    assert _rule_word("Jr.") == "jr" and _rule_word("Donnelly’") == "donnelly"
    ray = Person(name="Ray Donnelly Jr.", tokens=("Ray", "Donnelly", "Jr."))
    art = _Article(doc_id="a", paras=[], persons={"Ray Donnelly Jr.": ray})
    assert _name_rule(art, "Donnelly Jr.", ray) == "FULL_NAME"
    assert _described_rule(art, "the senator, Donnelly Jr.", ray) == "FULL_NAME"
    assert _described_rule(art, "the senator", ray) == "ROLE_OF_PERSON"


def test_one_function_word_guard_for_roles_and_tails():
    """The role-with-organisation and the noun-phrase-tail patterns share one function-word guard
    (kit.quotes.words._NOT_FUNCTION_WORD): a role word may not be 'of' or 'said', a name may."""
    import re

    from kit.quotes import attribution
    from kit.quotes.words import _NOT_FUNCTION_WORD

    word = re.compile(_NOT_FUNCTION_WORD + r"[a-z][\w-]*")
    assert [w for w in ("of", "said", "the", "former", "offer", "theory") if word.fullmatch(w)] == [
        "former", "offer", "theory"]
    assert attribution._NP_AFTER.count(_NOT_FUNCTION_WORD) == 2
    assert attribution._NP_TAIL.count(_NOT_FUNCTION_WORD) == 1
    assert (attribution._NP_AFTER + attribution._NP_TAIL).count("(?!(?:of|") == 3  # no other pasted list
    # 'former FBI agent Dana Gill' is one speaker; 'Ray Donnelly of Ohio' keeps 'of' out of the role
    q = extract_quotes(pd.DataFrame({"doc_id": ["d1"], "para_no": [0], "role": ["body"], "text": [
        '"We were never told," former FBI agent Dana Gill said on Monday.']}))
    assert q.loc[0, "speaker"] == "Dana Gill"


def test_known_person_is_one_helper():
    """The pronoun step (_compatible) and the name rule (_name_rule) ask one helper whether an entity
    is a person the article names; its id set is built once per article."""
    from kit.quotes.entities import Person, _Article
    from kit.quotes.pronouns import _compatible, _known_person
    from kit.quotes.resolution import _name_rule

    ray = Person(name="Ray Donnelly", tokens=("Ray", "Donnelly"))
    stranger = Person(name="Ana Ruiz", tokens=("Ana", "Ruiz"))
    art = _Article(doc_id="a", paras=[], persons={"Ray Donnelly": ray})
    assert _known_person(art, ray) and not _known_person(art, stranger)
    ids = art.cache["known_persons"]
    assert _compatible(ray, None, art) and not _compatible(stranger, None, art)
    assert _compatible(stranger, None, art, known=False)
    assert _name_rule(art, "Ray Donnelly", ray) == "FULL_NAME"
    assert _name_rule(art, "Ana Ruiz", stranger) == "NAME_AS_WRITTEN"
    assert art.cache["known_persons"] is ids


def test_gold_by_rule_counts_the_quotes_of_speaker_accuracy():
    """kit.quotes_eval.accuracy_by_rule scores the rows speaker_scored picks, the same rows as the
    speaker accuracy of score_quotes: the per-rule counts add up to its n_speaker and right answers."""
    from kit.quotes_eval import accuracy_by_rule, match_quotes, score_quotes, speaker_scored

    gold = pd.DataFrame({"doc_id": ["a"] * 4, "gold_no": [0, 1, 2, 3],
                         "text": ["We will win this", "never again", "so-called", "a tax on everyone"],
                         "kind": ["full", "partial", "scare", "full"],
                         "speaker": ["Bo Li", "Ana Ruiz", None, "Bo Li"]})
    pred = pd.DataFrame({"doc_id": ["a"] * 4, "quote_no": [0, 1, 2, 3],
                         "text": ["We will win this", "never again", "so-called", "nothing like it"],
                         "kind": ["full", "partial", "scare", "full"],
                         "speaker": ["Bo Li", "Ray Donnelly", None, "Bo Li"],
                         "speaker_rule": ["SURNAME_NEAREST", "FULL_NAME", None, "FULL_NAME"]})
    d = match_quotes(pred, gold)
    assert speaker_scored(d).sum() == 2
    s = score_quotes(pred, gold).set_index("scope")
    r = accuracy_by_rule(d).set_index("rule")
    assert r["n"].sum() == s.loc["all", "n_speaker"] == 2
    assert r["right"].sum() / r["n"].sum() == s.loc["all", "speaker_accuracy"] == 0.5
    assert r.loc["FULL_NAME", "right"] == 0 and r.loc["SURNAME_NEAREST", "right"] == 1
