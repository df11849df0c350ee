"""Coded frames: sheets, agreement (checked against a hand computation and the krippendorff package),
training and validation (checked against scikit-learn), Rogan-Gladen prevalence (hand-worked)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kit
from kit.errors import KitError
from kit.frames.coded import (
    agreement,
    apply_frames,
    code_sample,
    coded_prevalence,
    coded_texts,
    compare_with_dictionary,
    disagreements,
    gold_labels,
    least_certain,
    load_model,
    read_coding_sheet,
    rogan_gladen,
    train_frames,
    write_coding_sheet,
)
from kit.frames.coded.train import validation_metrics

FIX = Path(__file__).parent / "fixtures" / "coded"
ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SHEET = ROOT / "data" / "coding" / "sample_coding.csv"


def hand_alpha_nominal(units: list[list[int]]) -> float:
    """Krippendorff's alpha for nominal data from the coincidence matrix (Krippendorff 2011, sec. C)."""
    values = sorted({v for u in units for v in u})
    o = {(c, k): 0.0 for c in values for k in values}
    for u in units:
        m = len(u)
        if m < 2:
            continue
        for i, c in enumerate(u):
            for j, k in enumerate(u):
                if i != j:
                    o[(c, k)] += 1 / (m - 1)
    n_c = {c: sum(o[(c, k)] for k in values) for c in values}
    n = sum(n_c.values())
    d_o = sum(o[(c, k)] for c in values for k in values if c != k)
    d_e = sum(n_c[c] * n_c[k] for c in values for k in values if c != k) / (n - 1)
    return 1 - d_o / d_e


def test_sheet_reads_codes_and_missing():
    coded = read_coding_sheet(FIX / "two_coders.csv")
    assert set(coded.columns) == {"doc_id", "coder", "frame", "code"}
    assert len(coded) == 24
    assert coded["code"].isna().sum() == 1  # ann left u6/economic empty


def test_alpha_matches_hand_computation_and_package():
    import krippendorff

    coded = read_coding_sheet(FIX / "two_coders.csv")
    table = agreement(coded, n_boot=200, seed=3).set_index("frame")
    # conflict: ann 1 1 0 0 1 0, bo 1 0 0 0 1 0 -> one disagreement in six units
    conflict = [[1, 1], [1, 0], [0, 0], [0, 0], [1, 1], [0, 0]]
    assert table.at["conflict", "alpha"] == pytest.approx(hand_alpha_nominal(conflict))
    assert table.at["conflict", "alpha"] == pytest.approx(0.6857142857, abs=1e-9)  # n_1 = 5, n_0 = 7, D_o = 2, D_e = 2*5*7/11: 1 - 22/70
    # economic: u6 coded by bo only -> not pairable, left out
    economic = [[0, 0], [1, 1], [0, 0], [1, 1], [0, 1]]
    assert table.at["economic", "alpha"] == pytest.approx(hand_alpha_nominal(economic))
    assert table.at["economic", "n_articles"] == 5
    ref = krippendorff.alpha(reliability_data=[[0, 1, 0, 1, 0, np.nan], [0, 1, 0, 1, 1, 0]], level_of_measurement="nominal")
    assert table.at["economic", "alpha"] == pytest.approx(ref)
    assert table.at["conflict", "percent_agreement"] == pytest.approx(5 / 6)
    lo, hi = table.at["conflict", "alpha_low"], table.at["conflict", "alpha_high"]
    assert lo <= table.at["conflict", "alpha"] <= hi and lo < hi


def test_alpha_is_nan_without_variation():
    c = pd.DataFrame({"doc_id": list("aabb"), "coder": ["x", "y"] * 2, "frame": "f", "code": [1, 1, 1, 1]})
    assert np.isnan(agreement(c, n_boot=0)["alpha"].iloc[0])


def test_disagreements_and_gold_labels():
    coded = read_coding_sheet(FIX / "two_coders.csv")
    dis = disagreements(coded)
    assert dis[["doc_id", "frame"]].values.tolist() == [["u2", "conflict"], ["u5", "economic"]]
    assert dis["codes"].tolist() == ["ann=1; bo=0", "ann=0; bo=1"]
    gold = gold_labels(coded).set_index(["doc_id", "frame"])
    assert gold.at[("u2", "conflict"), "source"] == "tie" and gold.at[("u2", "conflict"), "label"] == 1
    assert gold.at[("u6", "economic"), "n_coders"] == 1
    adj = pd.concat([coded, pd.DataFrame({"doc_id": ["u2"], "coder": ["adjudicated"], "frame": ["conflict"],
                                          "code": pd.array([0], dtype="Int64")})])
    g2 = gold_labels(adj).set_index(["doc_id", "frame"])
    assert g2.at[("u2", "conflict"), "label"] == 0 and g2.at[("u2", "conflict"), "source"] == "adjudicated"
    assert disagreements(adj).set_index(["doc_id", "frame"]).at[("u2", "conflict"), "adjudicated"] == 0


@pytest.mark.parametrize("name, message", [("bad_code.csv", "line 3, column 'conflict'"), ("no_coder.csv", "line 3: empty coder")])
def test_bad_sheets_name_file_and_line(name, message):
    with pytest.raises(KitError, match=message) as e:
        read_coding_sheet(FIX / name)
    assert name in str(e.value)


def test_sample_is_stratified_seeded_and_written(tmp_path):
    arts = kit.load_corpus(ROOT / "data" / "sample").articles
    s1 = code_sample(arts, 20, seed=5, frames=["conflict", "economic"])
    s2 = code_sample(arts, 20, seed=5, frames=["conflict", "economic"])
    assert s1.equals(s2) and len(s1) == 20 and s1["doc_id"].is_unique
    by_outlet = code_sample(arts, 20, strata=("outlet",), seed=5)["outlet"].value_counts()
    assert by_outlet.min() == by_outlet.max() == 5  # 4 equal outlets, proportional allocation
    months = pd.to_datetime(arts["published"], utc=True).dt.strftime("%Y-%m")
    assert s1["stratum"].str.split(" | ", regex=False).str[1].isin(set(months)).all()
    assert code_sample(arts, 44, seed=1)["doc_id"].nunique() == 44
    assert not s1.equals(code_sample(arts, 20, seed=6, frames=["conflict", "economic"]))
    out = write_coding_sheet(s1, tmp_path, arts)
    back = pd.read_csv(out["sheet"], dtype=str, keep_default_na=False)
    assert list(back.columns[-2:]) == ["conflict", "economic"]
    first = back.iloc[0]
    body = arts.set_index("doc_id").at[first["doc_id"], "text"]
    assert (tmp_path / first["full_text"]).read_text(encoding="utf-8") == body
    assert "## economic" in out["codebook"].read_text(encoding="utf-8")
    with pytest.raises(KitError, match="unknown stratum"):
        code_sample(arts, 5, strata=("nope",))
    with pytest.raises(KitError, match="n must be between"):
        code_sample(arts, 100)


def test_validation_metrics_match_sklearn():
    from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score

    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 60)
    p = np.clip(y * 0.3 + rng.random(60) * 0.7, 0, 1)
    v = validation_metrics(pd.DataFrame({"doc_id": range(60), "frame": "f", "label": y, "probability": p}), n_boot=100).iloc[0]
    pred = p >= 0.5
    assert v["precision"] == pytest.approx(precision_score(y, pred))
    assert v["recall"] == pytest.approx(recall_score(y, pred))
    assert v["f1"] == pytest.approx(f1_score(y, pred))
    assert v["auc"] == pytest.approx(roc_auc_score(y, p))
    assert v["specificity"] == pytest.approx(recall_score(1 - y, ~pred))
    assert v["auc_low"] < v["auc"] < v["auc_high"]


@pytest.fixture(scope="module")
def sample_model():
    arts = kit.load_corpus(ROOT / "data" / "sample").articles
    coded = read_coding_sheet(SAMPLE_SHEET)
    return arts, coded, train_frames(arts, gold_labels(coded), n_boot=100, corpus_fingerprint="fp")


def test_train_on_sample_sheet(sample_model, tmp_path):
    arts, coded, model = sample_model
    v = model.validation.set_index("frame")
    assert list(v.index) == ["cooperation", "economic", "human_interest", "security"]
    assert (v["n_articles"] == 44).all()
    # the classifiers separate the frames the sample's outlets were written with (better than chance)
    assert v.loc[["cooperation", "economic"], "auc"].min() > 0.8
    cv = model.cv_predictions
    assert set(cv["fold"]) == set(range(5)) and len(cv) == 4 * 44
    prov = model.provenance
    assert prov["kit_version"] == kit.__version__ and prov["corpus_fingerprint"] == "fp"
    assert len(prov["data_hash"]) == 64 and prov["options"]["folds"] == 5
    path = model.save(tmp_path / "m.pkl")
    again = load_model(path)
    pd.testing.assert_frame_equal(again.predict(arts.head(5)), model.predict(arts.head(5)))
    assert (tmp_path / "m.pkl.json").is_file()
    (tmp_path / "junk.pkl").write_bytes(b"not a pickle")
    with pytest.raises(KitError, match="junk.pkl: not a kit frame model"):
        load_model(tmp_path / "junk.pkl")


def test_same_seed_same_model_and_data_hash_tracks_labels(sample_model):
    arts, coded, model = sample_model
    labels = gold_labels(coded)
    again = train_frames(arts, labels, frames=["economic"], n_boot=0)
    assert again.cv_predictions["probability"].tolist() == pytest.approx(
        model.cv_predictions.query("frame == 'economic'")["probability"].tolist())
    flipped = labels.copy()
    i = flipped.index[flipped["frame"] == "economic"][0]
    flipped.loc[i, "label"] = 1 - flipped.loc[i, "label"]
    assert train_frames(arts, flipped, frames=["economic"], n_boot=0).provenance["data_hash"] != again.provenance["data_hash"]


def test_other_estimator_and_errors(sample_model):
    from sklearn.naive_bayes import ComplementNB

    arts, coded, _ = sample_model
    labels = gold_labels(coded)
    m = train_frames(arts, labels, frames=["economic"], estimator=ComplementNB(), n_boot=0)
    assert 0 <= m.validation["auc"].iloc[0] <= 1
    with pytest.raises(KitError, match="unknown estimator"):
        train_frames(arts, labels, estimator="forest")
    few = labels.assign(label=0)
    with pytest.raises(KitError, match="needs at least 2 of each"):
        train_frames(arts, few, frames=["economic"])
    with pytest.raises(KitError, match="not in the corpus"):
        train_frames(arts.head(10), labels)


def test_dictionary_comparison_on_same_articles(sample_model):
    from sklearn.metrics import roc_auc_score

    arts, coded, _ = sample_model
    labels = gold_labels(coded)
    d = compare_with_dictionary(arts, labels, "generic_frames", n_boot=0).set_index("frame")
    assert list(d.index) == ["economic", "human_interest"] and (d["method"] == "dictionary").all()
    sc = kit.frame_scores(arts, "generic_frames", min_hits=1).query("frame == 'economic'")
    m = labels.query("frame == 'economic'").merge(sc, on="doc_id")
    assert d.at["economic", "auc"] == pytest.approx(roc_auc_score(m["label"], m["per_1k"]))


def test_rogan_gladen_hand_worked_and_prevalence(sample_model):
    assert rogan_gladen(0.3, 0.8, 0.9) == pytest.approx(0.2 / 0.7)
    assert rogan_gladen(0.05, 0.8, 0.9) == 0.0  # clipped
    assert np.isnan(rogan_gladen(0.4, 0.3, 0.6))
    arts, _, model = sample_model
    pred = apply_frames(model, arts)
    assert len(pred) == 4 * len(arts) and pred["probability"].between(0, 1).all()
    prev = coded_prevalence(pred, model, arts, group_by="outlet", n_boot=200)
    assert len(prev) == 4 * 4
    row = prev.iloc[0]
    cv = model.cv_predictions.query(f"frame == '{row['frame']}'")
    se = cv.loc[cv["label"] == 1, "predicted"].mean()
    sp = 1 - cv.loc[cv["label"] == 0, "predicted"].mean()
    assert row["sensitivity"] == pytest.approx(se) and row["specificity"] == pytest.approx(sp)
    assert row["share"] == pytest.approx(rogan_gladen(row["raw_share"], se, sp))
    ok = prev.dropna(subset=["share_low"])
    assert ((ok["share_low"] <= ok["share"] + 1e-9) & (ok["share"] <= ok["share_high"] + 1e-9)).all()
    # with classifier error, the interval is wider than a pure sampling interval with perfect Se, Sp
    unsure = least_certain(pred, arts, n=3)
    assert len(unsure) == 12 and "title" in unsure


def test_corrected_interval_includes_classifier_error():
    class Perfect:
        frames = ["f"]
        cv_predictions = pd.DataFrame({"frame": "f", "label": [1] * 20 + [0] * 20, "predicted": [True] * 20 + [False] * 20})

    class Noisy:
        frames = ["f"]
        cv_predictions = pd.DataFrame({"frame": "f", "label": [1] * 20 + [0] * 20,
                                       "predicted": [True] * 16 + [False] * 4 + [True] * 2 + [False] * 18})

    pr = pd.DataFrame({"doc_id": range(100), "frame": "f", "predicted": [True] * 40 + [False] * 60})
    a = coded_prevalence(pr, Perfect(), group_by=None, n_boot=500).iloc[0]
    b = coded_prevalence(pr, Noisy(), group_by=None, n_boot=500).iloc[0]
    assert a["share"] == pytest.approx(0.4)
    assert b["share"] == pytest.approx((0.4 + 0.9 - 1) / (0.8 + 0.9 - 1))
    assert (b["share_high"] - b["share_low"]) > (a["share_high"] - a["share_low"])


def test_sheet_carries_its_texts(tmp_path):
    coded = read_coding_sheet(SAMPLE_SHEET)
    arts = kit.load_corpus(ROOT / "data" / "sample").articles.set_index("doc_id")
    texts = coded_texts(coded)  # from data/coding/texts, no corpus needed
    assert len(texts) == 44 and (texts["text"] == arts.loc[texts["doc_id"], "text"].to_numpy()).all()
    bare = read_coding_sheet(FIX / "two_coders.csv")
    with pytest.raises(KitError, match="no text in the sheet and are not in the corpus"):
        coded_texts(bare)
    assert coded_texts(bare, pd.DataFrame({"doc_id": [f"u{i}" for i in range(1, 7)], "text": "t"}))["text"].eq("t").all()


def test_agreement_weights_by_hand():
    from kit.frames.coded import agreement_weights

    c = pd.DataFrame({"doc_id": ["a"] * 3 + ["b"] * 3 + ["c"], "coder": ["ann", "bo", "cy"] * 2 + ["adjudicated"],
                      "frame": "f", "code": [1, 1, 0, 0, 0, 0, 1]})
    w = agreement_weights(c, floor=0.5).set_index("doc_id")
    # a: majority 1, two of three agree; b: unanimous 0; c: only an adjudicated code
    assert w.at["a", "agreement"] == pytest.approx(2 / 3) and w.at["a", "weight"] == pytest.approx(2 / 3 + 0.5)
    assert w.at["b", "agreement"] == 1.0 and w.at["c", "agreement"] == 1.0
    with pytest.raises(KitError, match="floor"):
        agreement_weights(c, floor=0)


def test_training_weights_decide_between_contradicting_codes():
    """Two articles with the same text and opposite labels: the heavier one wins (weights are used)."""
    base = ["tariffs and markets fell", "the family mourned at the funeral"]
    texts = base * 4 + ["wheat prices rose sharply", "wheat prices rose sharply"]
    arts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    labels = pd.DataFrame({"doc_id": arts["doc_id"], "frame": "economic", "label": [1, 0] * 4 + [1, 0]})
    probe = pd.DataFrame({"doc_id": ["x"], "text": ["wheat prices rose sharply"]})

    def prob(w_pos, w_neg):
        w = labels[["doc_id", "frame"]].assign(weight=[1.0] * 8 + [w_pos, w_neg])
        m = train_frames(arts, labels, folds=2, min_df=1, n_boot=0, weights=w)
        assert m.provenance["options"]["weights"] == "given"
        return m.predict(probe)["probability"].iloc[0]

    assert prob(20.0, 0.05) > 0.5 > prob(0.05, 20.0)
    bad = labels[["doc_id", "frame"]].assign(weight=1.0).iloc[1:]
    with pytest.raises(KitError, match="no weight for 1 coded article"):
        train_frames(arts, labels, folds=2, min_df=1, n_boot=0, weights=bad)
    with pytest.raises(KitError, match="positive finite"):
        train_frames(arts, labels, folds=2, min_df=1, n_boot=0, weights=labels[["doc_id", "frame"]].assign(weight=0.0))


def test_auc_is_scikit_learns_roc_auc():
    # the bootstrap's AUC (Mann-Whitney, ties one half) against scikit-learn's ROC area
    from sklearn.metrics import roc_auc_score

    from kit.frames.coded.train import _auc

    rng = np.random.default_rng(0)
    checked = 0
    for k in range(600):
        n = int(rng.integers(2, 50))
        y = rng.integers(0, 2, n)
        if not 0 < y.sum() < n:
            continue
        p = [rng.random(n), np.round(rng.random(n), 1), rng.integers(0, 3, n).astype(float)][k % 3]  # ties too
        assert _auc(y, p) == pytest.approx(roc_auc_score(y, p), abs=1e-12)
        checked += 1
    assert checked > 400
    assert _auc(np.array([0, 1, 0, 1]), np.array([0.2, 0.2, 0.2, 0.9])) == pytest.approx(0.75)  # hand-worked: 3 of 4 pairs, one tie


def test_predictions_count_only_vocabulary_terms_with_the_same_result(sample_model):
    # predict leaves out terms no frame's vectorizer knows: the same probabilities as each
    # pipeline's own predict_proba on the full analysed texts
    arts, _, model = sample_model
    got = model.predict(arts)
    docs = [model.analyzer(t) for t in arts["text"]]
    for f in model.frames:
        want = model.pipelines[f].predict_proba(docs)[:, 1]
        p = got[got["frame"] == f].set_index("doc_id").loc[arts["doc_id"], "probability"].to_numpy()
        np.testing.assert_array_equal(p, want)
