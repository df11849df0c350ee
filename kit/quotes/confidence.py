"""The ``speaker_confidence`` column: how likely a quote's speaker is right.

Every quote of speech with a speaker gets a number between 0 and 1: the probability, by a
logistic regression, that the speaker the named rules chose is the one a reader gives. The
regression sees only general numbers about the chosen speaker at that point of the article
(:data:`FEATURES`: the family of the rule that chose it, whether it is the previous quote's or the
story's latest speaker, how far from the cue it is named, whether it is named next to a verb of
saying, how often it was named and quoted so far, its kind, ...), never a word of one article. They
are the fifteenth round's candidate features (:mod:`kit.quotes.speaker_model`) for the rules' own
choice, without the sentence subject (the one costly to find). The weights are trained on the
development part of the PolNeAR train split (``python -m evaluation._train_confidence DEVSETS
--out kit/resources/quotes``) and shipped with a data card in
``kit/resources/quotes/speaker_confidence.json``; applying them is a dot product per quote.

How well it sorts right from wrong speakers, on data it was not trained on, and how far its
probabilities can be taken at face value: docs/quotes.md, "Sixteenth round (session 16): a speaker
confidence". In short: on hand-coded climate news (frames-dev) the 50% most confident speakers are
right far more often than all of them, but the numbers are those of PolNeAR's 2016 election news,
where the kit is right more often: read them as a ranking first.
"""
from __future__ import annotations

import bisect
import json
import math
import operator
from importlib import resources

from kit.quotes.extract import _in_quote
from kit.quotes.pronoun_model import _APPOSITIVE, _mention_positions
from kit.quotes.pronouns import _says_nearby
from kit.quotes.speaker_model import FEATURES as _RANKER_FEATURES
from kit.quotes.speaker_model import RULE_FAMILIES, _story_speaker, _window

#: The bundled weights and data card (in ``kit/resources/quotes``).
MODEL_FILE = "speaker_confidence.json"
#: Set to a list to record ``(doc_id, quote start, features)`` of every quote of speech with a
#: speaker (used by ``evaluation/_train_confidence.py``); None in normal use.
COLLECT: list | None = None

#: The features of a quote's chosen speaker, in the order of the weights in :data:`MODEL_FILE`: the
#: ranker's candidate features (:data:`kit.quotes.speaker_model.FEATURES`, each described there) for
#: the rules' own choice, without ``is_rule_choice`` (always 1 here) and ``is_sentence_subject`` (the
#: one costly to find). ``features`` below fills them by position.
FEATURES = tuple(f for f in _RANKER_FEATURES if f not in ("is_rule_choice", "is_sentence_subject"))

_FAMILY_INDEX = {"name": 0, "pronoun": 1, "description": 2, "unattributed": 3, "continues": 4}
_RULE_INDEX = {rule: _FAMILY_INDEX[family] for rule, family in RULE_FAMILIES.items()}
_MODEL: dict = {}


def load_model() -> dict:
    """The bundled model (``features``, ``weights``, ``intercept``, ``card``), read once.

    >>> m = load_model()
    >>> m["features"] == list(FEATURES), len(m["weights"]) == len(FEATURES)
    (True, True)
    >>> "development part" in m["card"]["trained_on"]
    True
    """
    if not _MODEL:
        text = resources.files("kit.resources").joinpath("quotes").joinpath(MODEL_FILE).read_text(encoding="utf-8")
        model = json.loads(text)
        if tuple(model["features"]) != FEATURES or len(model["weights"]) != len(FEATURES):
            raise ValueError(f"{MODEL_FILE}: its features are not kit.quotes.confidence.FEATURES "
                             "(retrain with evaluation/_train_confidence.py)")
        _MODEL.update(model)
    return _MODEL


def probability(x: list[float], model: dict) -> float:
    """The logistic regression's probability for the features ``x``.

    >>> probability([0.0, 2.0], {"weights": [1.0, 0.5], "intercept": -1.0})
    0.5
    """
    z = model["intercept"] + sum(map(operator.mul, model["weights"], x))
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def _top_counts(art) -> list[int]:
    """``top[i]``: the most mentions any entity has among ``art.mentions[:i]`` (built once per article)."""
    top = art.cache.get("cf_top")
    if top is None:
        counts: dict[int, int] = {}
        top, best = [0], 0
        for m in art.mentions:
            k = id(m.entity)
            counts[k] = counts.get(k, 0) + 1
            best = max(best, counts[k])
            top.append(best)
        art.cache["cf_top"] = top
    return top


def _nearest_and_rank(art, ent, cue: int, lo: int, hi: int):
    """The mention of ``ent`` nearest to ``cue`` among ``art.mentions[lo:hi]`` (the earlier on a tie;
    None when it has none there) and ``ent``'s rank among the entities named there, nearest first
    (ties by first mention; an entity not named there comes after them all)."""
    pos, ments = art.mention_pos, art.mentions
    if lo >= hi:
        return None, 0
    p_lo, p_hi = pos[lo], pos[hi - 1]
    own = _mention_positions(art).get(id(ent), ())
    j = bisect.bisect_left(own, cue)
    best = None   # (distance, position) of the nearest mention in the window, on each side of the cue
    for p in (own[j - 1] if j > 0 else None, own[j] if j < len(own) else None):
        if p is not None and p_lo <= p <= p_hi and (best is None or abs(p - cue) < best[0]):
            best = (abs(p - cue), p)
    if best is None:
        return None, len({id(m.entity) for m in ments[lo:hi]})
    d, p = best
    i = bisect.bisect_left(pos, p)
    while ments[i].entity is not ent:   # mentions sharing a position
        i += 1
    a = max(lo, bisect.bisect_right(pos, cue - d))
    b = min(hi, bisect.bisect_left(pos, cue + d))
    closer = {id(m.entity) for m in ments[a:b]}
    at_d = ments[max(lo, bisect.bisect_left(pos, cue - d)):a] + ments[b:min(hi, bisect.bisect_right(pos, cue + d))]
    tied = [m for m in at_d if m.entity is not ent and id(m.entity) not in closer]
    if tied:   # another entity at the same distance: the one named first in the window comes first
        first: dict[int, int] = {}
        for k, m in enumerate(ments[lo:hi]):
            first.setdefault(id(m.entity), k)
        closer |= {id(m.entity) for m in tied if first[id(m.entity)] < first[id(ent)]}
    return ments[i], len(closer)


def _mention_features(art, m, sents, starts) -> tuple:
    """What a mention is, whichever quote it is the nearest mention of (kept per article): its
    sentence and paragraph indexes and the features ``passing`` to ``introduced``."""
    memo = art.cache.setdefault("cf_mention", {})
    got = memo.get(id(m))
    if got is None:
        s_m = bisect.bisect_right(sents, m.pos) - 1
        got = memo[id(m)] = (s_m, bisect.bisect_right(starts, m.pos) - 1, [
            float(bool(m.passing)),
            float(_in_quote(art, m.pos)),
            float(m.pos - (sents[s_m] if s_m >= 0 else 0) <= 30),
            float(_says_nearby(art, m)),
            float(_APPOSITIVE.match(art.text, m.end) is not None)])
    return got


def features(art, q, prev_speech, cue: int) -> list[float]:
    """The features (:data:`FEATURES`) of quote ``q``'s chosen speaker ``q.entity`` (not None), ``cue``
    being the offset of the attribution's mention (the quote's opening mark for a quote without one).

    >>> import pandas as pd
    >>> from kit.quotes import extract_quotes
    >>> import kit.quotes.confidence as cf
    >>> cf.COLLECT = []
    >>> p = pd.DataFrame({"doc_id": "x", "para_no": [0], "role": "body", "text": ['"Soon," said Ann Roe.']})
    >>> _ = extract_quotes(p)
    >>> x = dict(zip(cf.FEATURES, cf.COLLECT[0][2]))
    >>> x["rule_name"], x["same_sentence"], x["after_cue"], x["says_nearby"], x["full_name"]
    (1.0, 1.0, 0.0, 1.0, 1.0)
    >>> cf.COLLECT = None
    """
    ent = q.entity
    x = [0.0] * len(FEATURES)
    family = _RULE_INDEX.get(q.rule)
    if family is not None:
        x[family] = 1.0
    lo, hi, pk, since = _window(art, q, cue)
    first = q.segs[0]
    prev = prev_speech.entity if prev_speech is not None else None
    story = _story_speaker(art, prev_speech, min(cue, art.paras[first.para_idx][2] + first.open_i), since)
    starts = art.cache["para_starts"]
    nearest, rank = _nearest_and_rank(art, ent, cue, lo, hi)
    first_id = None
    pos = art.mention_pos
    for i in range(max(lo, bisect.bisect_left(pos, starts[pk] if starts else 0)), hi):
        m = art.mentions[i]
        if m.entity.kind == "person" and not _in_quote(art, m.pos):
            first_id = id(m.entity)
            break
    x[5], x[6], x[7] = float(ent is prev), float(ent is story), float(id(ent) == first_id)
    sents = art.sent_starts or [0]
    if nearest is not None:
        s_cue = bisect.bisect_right(sents, cue) - 1
        s_m, p_m, x[20:25] = _mention_features(art, nearest, sents, starts)
        away = abs(s_cue - s_m)
        pback = abs(pk - p_m)
        x[8], x[9], x[10], x[11], x[12] = (math.log1p(away), float(away == 0), float(pback == 0),
                                           float(min(pback, 4)), float(nearest.pos > cue))
    else:
        x[8], x[11], x[26] = math.log1p(50), 4.0, 1.0
    x[13] = math.log1p(rank)
    c = bisect.bisect_left(art.mention_pos, cue)
    so_far = bisect.bisect_left(_mention_positions(art).get(id(ent), ()), cue)
    top = _top_counts(art)[c]
    x[14] = math.log1p(so_far)
    x[15] = math.log1p(art.cache.get("spoke", {}).get(id(ent), 0))
    x[16] = float(top > 0 and so_far == top)
    kind = getattr(ent, "kind", "person")
    x[17], x[18], x[19] = float(kind == "person"), float(kind == "org"), float(kind not in ("person", "org"))
    x[25] = float(len(getattr(ent, "tokens", ()) or ()) >= 2)
    pron = (q.mention or "").lower() if q.rule is not None else ""
    x[27] = float(pron in ("he", "she") and kind != "person" or pron == "it" and kind == "person")
    return x


def speaker_confidence(art, q, prev_speech, cue: int) -> float:
    """The confidence of quote ``q``'s speaker (NaN when it has none); records the features when
    :data:`COLLECT` is a list.

    >>> import pandas as pd
    >>> from kit.quotes import extract_quotes
    >>> p = pd.DataFrame({"doc_id": "x", "para_no": [0, 1], "role": "body", "text": [
    ...     '"We will build it," said Mayor Tom Vale.', 'Ann Roe disagreed. "Never," she said.']})
    >>> extract_quotes(p)["speaker_confidence"].round(2).between(0, 1).tolist()
    [True, True]
    """
    if q.entity is None:
        return math.nan
    x = features(art, q, prev_speech, cue)
    if COLLECT is not None:
        from kit.quotes.extract import _bounds

        first = q.segs[0]
        _, ptext, po = art.paras[first.para_idx]
        COLLECT.append((art.doc_id, po + _bounds(ptext, first)[0], x))
    return probability(x, load_model())
