"""Rule PRONOUN_MODEL: a learned ranking of the persons *he* or *she* may refer to.

The rules of :mod:`kit.quotes.pronouns` (PRONOUN_FOLLOWS_STORY, PRONOUN_PARAGRAPH_SUBJECT,
ASKED_ANSWERS) pick one person for a pronoun. This module lists the persons of compatible gender
the article names before the pronoun (in its paragraph and the :data:`CANDIDATE_PARAGRAPHS`
before it, plus the rules' choice), describes each by a few numbers (:data:`FEATURES`: how far
back it was named, whether it is the rules' choice, the story's latest speaker or the
paragraph's subject, how often it was named and quoted, gender, a name in passing ...) and
scores it with the weights of a logistic regression (a JSON file with the feature names and
how it was trained: a data card). The highest score wins. Applying the model is a dot product
per candidate: no model library is called at run time.

``python -m evaluation._train_pronoun_model DIR`` trains the weights on the development part of
the PolNeAR train split, with grouped cross-validation over articles. **The model is off**
(:data:`kit.quotes.pronouns.PRONOUN_MODEL` is None) and no weights are shipped: the
cross-validation showed no gain over the rules (docs/quotes.md, "A learned pronoun resolver").
"""
from __future__ import annotations

import bisect
import json
import math
import re

#: The features of one candidate, in the order of the weights in the model file.
FEATURES = (
    "is_rule_choice",        # the person the rules pick
    "is_story_speaker",      # the story's latest speaker (PRONOUN_FOLLOWS_STORY)
    "is_paragraph_subject",  # the subject of the pronoun's sentence or paragraph
    "is_previous_speaker",   # the speaker of the previous quote
    "sentences_back",        # log(1 + sentences between its latest mention and the pronoun)
    "same_sentence",         # named earlier in the pronoun's own sentence
    "same_paragraph",        # named in the pronoun's paragraph
    "paragraphs_back",       # paragraphs between its latest mention and the pronoun (at most 4)
    "recency_rank",          # log(1 + rank among the candidates, latest first)
    "mentions_so_far",       # log(1 + mentions in the article before the pronoun)
    "quotes_so_far",         # log(1 + quotes already given to it)
    "most_mentioned",        # the candidate named most often so far
    "gender_known",          # its gender is known and is the pronoun's
    "latest_passing",        # its latest mention is a name in passing (after a preposition)
    "latest_in_quote",       # its latest mention is inside quotation marks
    "latest_sentence_start", # its latest mention opens its sentence (within 30 characters)
    "latest_says",           # its latest mention is next to a verb of saying
    "full_name",             # the entity's name has two or more words
    "newer_than_rule",       # named after the latest mention of the rules' choice
    "rule_sentences_back",   # for the rules' choice: log(1 + sentences back), else 0
    "says_nearby_recent",    # named next to a verb of saying in the pronoun's sentence or the two before
    "introduced",            # its latest mention is followed by an appositive (', a ...', ', the ...', ', who')
    "first_in_paragraph",    # the first person named in the pronoun's paragraph, outside quotation marks
)

#: Paragraphs before the pronoun's own whose person mentions are candidates.
CANDIDATE_PARAGRAPHS = 3
#: Most mentions looked at before the pronoun when listing candidates.
CANDIDATE_MENTIONS = 60

#: An appositive right after a name introduces the person: ', a professor at ...', ', who ...'.
_APPOSITIVE = re.compile(r"""
    (?:\s*\([^()]{1,30}\))?      # a party and state or an age in brackets
    ,\s+(?:a|an|the|who|one|now|then|[0-9]{2})\b   # a comma and the appositive's first word
    """, re.VERBOSE)

_MODELS: dict[str, dict] = {}
#: Set to a list to record ``(doc_id, pos, rules' choice, candidates)`` of every *he*/*she*
#: resolved (used by ``evaluation/_train_pronoun_model.py``); None in normal use.
COLLECT: list | None = None


def load_model(path) -> dict:
    """A model file written by ``evaluation/_train_pronoun_model.py`` as a dict (``features``,
    ``weights``, ``intercept``, ``card``), read once per path. Raises ``ValueError`` naming the
    file when its features are not :data:`FEATURES`.

    >>> import json, tempfile, os
    >>> f = os.path.join(tempfile.mkdtemp(), "m.json")
    >>> _ = open(f, "w").write(json.dumps({"features": list(FEATURES), "weights": [0.0] * len(FEATURES), "intercept": 0.0}))
    >>> len(load_model(f)["weights"]) == len(FEATURES)
    True
    """
    return read_model(path, FEATURES, "pronoun_model")


def read_model(path, features: tuple, name: str) -> dict:
    """The model file at ``path`` for the features ``features`` of ``kit.quotes.<name>``, read once
    per model and path (kept in ``_MODELS``). Raises ``ValueError`` naming the file when the file's
    features are not ``features``; the message names the module and its training script.

    >>> import json, tempfile, os
    >>> f = os.path.join(tempfile.mkdtemp(), "m.json")
    >>> _ = open(f, "w").write(json.dumps({"features": ["a"], "weights": [0.0], "intercept": 0.0}))
    >>> read_model(f, ("a", "b"), "pronoun_model")
    Traceback (most recent call last):
    ...
    ValueError: ...m.json: the model's features are not those of kit.quotes.pronoun_model.FEATURES (retrain with evaluation/_train_pronoun_model.py)
    """
    key = f"{name}:{path}"
    if key in _MODELS:
        return _MODELS[key]
    with open(path, encoding="utf-8") as fh:
        model = json.load(fh)
    if tuple(model.get("features", ())) != features or len(model.get("weights", ())) != len(features):
        raise ValueError(f"{path}: the model's features are not those of kit.quotes.{name}.FEATURES "
                         f"(retrain with evaluation/_train_{name}.py)")
    _MODELS[key] = model
    return model


def score(features: list[float], model: dict) -> float:
    """The model's score (log-odds) of one candidate's features.

    >>> score([1.0, 2.0], {"weights": [0.5, -1.0], "intercept": 0.25})
    -1.25
    """
    return model["intercept"] + sum(w * x for w, x in zip(model["weights"], features))


def _mention_positions(art) -> dict[int, list[int]]:
    """Every entity's mention positions (sorted), built once per article."""
    by = art.cache.get("pm_positions")
    if by is None:
        by = art.cache["pm_positions"] = {}
        for m in art.mentions:
            by.setdefault(id(m.entity), []).append(m.pos)
    return by


def candidates(art, g: str | None, pos: int, rule, story, subject) -> list[tuple[object, list[float]]]:
    """The persons a pronoun of gender ``g`` at ``pos`` may refer to, each with its features
    (in the order of :data:`FEATURES`); ``rule``, ``story`` and ``subject`` are the entities the
    rules found (or None)."""
    from kit.quotes.extract import _in_quote
    from kit.quotes.pronouns import _compatible, _says_nearby

    starts = art.cache.get("para_starts")
    if starts is None:
        starts = art.cache["para_starts"] = [po for _, _, po in art.paras]
    pk = bisect.bisect_right(starts, pos) - 1
    since = starts[max(0, pk - CANDIDATE_PARAGRAPHS)] if starts else 0
    hi = bisect.bisect_left(art.mention_pos, pos)
    lo = max(bisect.bisect_left(art.mention_pos, since), hi - CANDIDATE_MENTIONS)
    latest: dict[int, object] = {}   # id(entity) -> latest Mention, in order of first sight going back
    ents: dict[int, object] = {}
    for m in reversed(art.mentions[lo:hi]):
        e = m.entity
        if id(e) not in latest and _compatible(e, g):
            latest[id(e)] = m
            ents[id(e)] = e
    if rule is not None and id(rule) not in ents and _compatible(rule, g):
        ents[id(rule)] = rule
        latest[id(rule)] = None
    if not ents:
        return []
    sents = art.sent_starts or [0]
    s_pos = bisect.bisect_right(sents, pos) - 1
    positions = _mention_positions(art)
    spoke = art.cache.get("spoke", {})
    prev = art.cache.get("prev_speech")
    prev_ent = prev.entity if prev is not None else None
    counts = {k: bisect.bisect_left(positions.get(k, []), pos) for k in ents}
    top = max(counts.values())
    rule_pos = -1
    if rule is not None:
        lst = positions.get(id(rule), [])
        j = bisect.bisect_left(lst, pos) - 1
        rule_pos = lst[j] if j >= 0 else -1
    recent_from = sents[max(0, s_pos - 2)]
    p_lo = bisect.bisect_left(art.mention_pos, starts[pk] if starts else 0)
    first_id = next((id(m.entity) for m in art.mentions[p_lo:hi] if m.entity.kind == "person"
                     and not _in_quote(art, m.pos)), None)
    says_recent = {id(m.entity) for m in art.mentions[bisect.bisect_left(art.mention_pos, recent_from):hi]
                   if id(m.entity) in ents and _says_nearby(art, m)}
    out = []
    for rank, (k, e) in enumerate(ents.items()):
        m = latest[k]
        if m is None:  # the rules' choice named before the window: its latest mention anywhere
            lst = positions.get(k, [])
            j = bisect.bisect_left(lst, pos) - 1
            mpos = lst[j] if j >= 0 else -1
            mm = None
            if mpos >= 0:
                i = bisect.bisect_left(art.mention_pos, mpos)
                mm = art.mentions[i] if i < len(art.mentions) else None
        else:
            mpos, mm = m.pos, m
        if mpos >= 0:
            s_m = bisect.bisect_right(sents, mpos) - 1
            sback = s_pos - s_m
            pback = pk - (bisect.bisect_right(starts, mpos) - 1)
            at_start = mpos - sents[s_m] <= 30 if s_m >= 0 else mpos <= 30
        else:
            sback, pback, at_start = 50, 4, False
        out.append((e, [
            float(e is rule), float(e is story), float(e is subject), float(e is prev_ent and e is not None),
            math.log1p(sback), float(sback == 0), float(pback == 0), float(min(pback, 4)),
            math.log1p(rank), math.log1p(counts[k]), math.log1p(spoke.get(k, 0)), float(counts[k] == top),
            float(g is not None and getattr(e, "gender", None) == g),
            float(bool(mm is not None and mm.passing)),
            float(mm is not None and _in_quote(art, mm.pos)),
            float(at_start),
            float(mm is not None and _says_nearby(art, mm)),
            float(len(e.tokens) >= 2),
            float(mpos > rule_pos and e is not rule),
            math.log1p(sback) if e is rule else 0.0,
            float(k in says_recent),
            float(mm is not None and _APPOSITIVE.match(art.text, mm.end) is not None),
            float(k == first_id),
        ]))
    return out


def choose(cands: list[tuple[object, list[float]]], rule, model: dict):
    """The candidate with the highest score (the rules' choice on a tie), or ``rule`` when there
    is no candidate.

    >>> model = {"weights": [1.0] + [0.0] * (len(FEATURES) - 1), "intercept": 0.0}
    >>> choose([("A", [0.0] * len(FEATURES)), ("B", [1.0] + [0.0] * (len(FEATURES) - 1))], None, model)
    'B'
    """
    if not cands:
        return rule
    best, best_s = rule, -math.inf
    for e, x in cands:
        s = score(x, model) + (1e-9 if e is rule else 0.0)
        if s > best_s:
            best, best_s = e, s
    return best
