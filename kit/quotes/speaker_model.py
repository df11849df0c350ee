"""Rule SPEAKER_MODEL: a learned ranking of the candidate speakers of every quote of speech.

The named rules (FULL_NAME, PRONOUN_FOLLOWS_STORY, LATEST_SPEAKER, ...) pick one speaker per
quote. This module lists the speakers the article offers at that point (:func:`candidates`): the
rules' choice, the previous quote's speaker, the story's latest speaker, the subject of the
quote's sentence, and every person, organisation or group named in the quote's paragraph(s) and
the :data:`CANDIDATE_PARAGRAPHS` before (at most :data:`CANDIDATE_MENTIONS` mentions). Each is
described by general numbers (:data:`FEATURES`: which rule family proposed it, how far from the
cue it is named, in the cue's sentence, next to a verb of saying, in passing, inside quotation
marks, introduced by an appositive, its kind, how often it was named and quoted ...), never by a
word of one article, and scored with the weights of a logistic regression kept in a JSON file
with a data card. The highest score wins; applying it is a dot product per candidate, no model
library is called at run time.

``python -m evaluation._train_speaker_model DIR`` trains and cross-validates it on the
development part of the PolNeAR train split. **The model is off** (:data:`SPEAKER_MODEL` is
None): set it to the path of a weights file to turn it on (docs/quotes.md, "Fifteenth round").
"""
from __future__ import annotations

import bisect
import math

from kit.quotes.pronoun_model import _APPOSITIVE, choose, read_model, score

#: Path of a weights file (written by ``evaluation/_train_speaker_model.py --out``) that turns the
#: model on; None (the default) leaves every speaker to the named rules.
SPEAKER_MODEL: str | None = None
#: Set to a list to record ``(doc_id, quote start, rules' choice, rule name, candidates)`` for every
#: quote of speech (used by ``evaluation/_train_speaker_model.py``); None in normal use.
COLLECT: list | None = None

#: Paragraphs before the quote's own whose mentions are candidates.
CANDIDATE_PARAGRAPHS = 2
#: Most mentions looked at around the quote when listing candidates.
CANDIDATE_MENTIONS = 60

#: The rule families a rules' choice comes from (see kit.quotes.SPEAKER_RULES).
RULE_FAMILIES: dict[str, str] = {
    **dict.fromkeys(("FULL_NAME", "SURNAME_NEAREST", "SURNAME_SPEAKER", "HEADLINE_PERSON", "HEADLINE_NAME",
                     "NAME_AS_WRITTEN"), "name"),
    **dict.fromkeys(("PRONOUN_FOLLOWS_STORY", "PRONOUN_PARAGRAPH_SUBJECT", "ASKED_ANSWERS",
                     "PRONOUN_NEAREST_SUBJECT", "PRONOUN_NEAREST_PERSON", "PRONOUN_ORGANISATION",
                     "PRONOUN_MODEL", "PRONOUN_LEADS_QUOTE"), "pronoun"),
    **dict.fromkeys(("ORGANISATION_NAME", "KNOWN_ORGANISATION", "GROUP", "DESCRIPTION_KEPT",
                     "EARLIER_DESCRIPTION", "ROLE_OF_PERSON", "ROLE_OF_ORGANISATION", "OUTLET_DESCRIPTION",
                     "ISSUER_NAMED", "DOCUMENT_WITHOUT_ISSUER", "CLAUSE_SUBJECT", "POSSESSOR_SPEAKS"), "description"),
    **dict.fromkeys(("LATEST_SPEAKER", "NAMED_AFTER_QUOTE", "SENTENCE_SUBJECT", "FIRST_PERSON_NAMED"),
                    "unattributed"),
    **dict.fromkeys(("SAME_SENTENCE_SPEAKER", "SPEECH_ACT_CONTINUES"), "continues"),
}

#: The features of one candidate, in the order of the weights in the model file.
FEATURES = (
    "is_rule_choice",            # the speaker the named rules pick
    "rule_name",                 # ... and the rule resolved a name the attribution writes
    "rule_pronoun",              # ... a pronoun
    "rule_description",          # ... an organisation, group, description or document
    "rule_unattributed",         # ... a quote without attribution (latest speaker, subject, ...)
    "rule_continues",            # ... the previous quote's speech act goes on
    "is_previous_speaker",       # the speaker of the previous quote
    "is_story_speaker",          # the latest speaker of a quote or a sentence of saying in reach
    "is_sentence_subject",       # the named subject of the quote's sentence
    "is_first_person",           # the first person named in the quote's paragraph, outside quotation marks
    "sentences_away",            # log(1 + sentences between its nearest mention and the cue)
    "same_sentence",             # named in the cue's sentence
    "same_paragraph",            # named in the cue's paragraph
    "paragraphs_back",           # paragraphs between its nearest mention and the cue (at most 4)
    "after_cue",                 # its nearest mention follows the cue
    "recency_rank",              # log(1 + rank among the candidates, nearest first)
    "mentions_so_far",           # log(1 + mentions in the article before the cue)
    "quotes_so_far",             # log(1 + quotes already given to it)
    "most_mentioned",            # the candidate named most often so far
    "kind_person",               # a person
    "kind_org",                  # an organisation
    "kind_other",                # a group, a description or a document
    "passing",                   # its nearest mention is a name in passing (after a preposition)
    "in_quote",                  # its nearest mention is inside quotation marks
    "sentence_start",            # its nearest mention opens its sentence (within 30 characters)
    "says_nearby",               # its nearest mention is next to a verb of saying
    "introduced",                # its nearest mention is followed by an appositive
    "full_name",                 # the name has two or more words
    "not_in_window",             # not named in the candidate window (proposed by a rule only)
    "pronoun_disagrees",         # the attribution writes he/she and it is no person, or it and it is one
)

_FAMILY_INDEX = {"name": 1, "pronoun": 2, "description": 3, "unattributed": 4, "continues": 5}


def load_model(path) -> dict:
    """A model file written by ``evaluation/_train_speaker_model.py`` as a dict (``features``,
    ``weights``, ``intercept``, ``card``). Raises ``ValueError`` when its features are not
    :data:`FEATURES`.

    >>> import json, tempfile, os
    >>> f = os.path.join(tempfile.mkdtemp(), "m.json")
    >>> _ = open(f, "w").write(json.dumps({"features": list(FEATURES), "weights": [0.0] * len(FEATURES), "intercept": 0.0}))
    >>> len(load_model(f)["weights"]) == len(FEATURES)
    True
    """
    return read_model(path, FEATURES, "speaker_model")


def _window(art, q, cue: int) -> tuple[int, int, int, int]:
    """Bounds ``(lo, hi)`` of the candidate mentions (indexes into ``art.mentions``), the index of
    the cue's paragraph and the offset where the candidate window starts."""
    starts = art.cache.get("para_starts")
    if starts is None:
        starts = art.cache["para_starts"] = [po for _, _, po in art.paras]
    pk = bisect.bisect_right(starts, cue) - 1
    since = starts[max(0, pk - CANDIDATE_PARAGRAPHS)] if starts else 0
    last_para = max(q.segs[-1].para_idx, pk)
    until = starts[last_para + 1] if last_para + 1 < len(starts) else len(art.text)
    c = bisect.bisect_left(art.mention_pos, cue)
    lo = max(bisect.bisect_left(art.mention_pos, since), c - CANDIDATE_MENTIONS)
    hi = min(bisect.bisect_left(art.mention_pos, until), c + CANDIDATE_MENTIONS // 3)
    return lo, hi, pk, since


def _proposed(art, q, prev_speech, cue: int, since: int) -> tuple:
    """The speakers other steps proposed: the previous quote's, the story's latest (a speaker of a
    sentence of saying the rules already resolved, in the window) and the named subject of the
    quote's sentence (each an entity or None). Nothing is resolved anew: listing the candidates
    must leave the rules' state (and so every other quote's speaker) as it was."""
    from kit.quotes.sentence_speaker import sentence_subject

    first = q.segs[0]
    para_off = art.paras[first.para_idx][2]
    q_pos = para_off + first.open_i
    prev = prev_speech.entity if prev_speech is not None else None
    story = _story_speaker(art, prev_speech, min(cue, q_pos), since)
    subject = sentence_subject(art, para_off, q_pos)
    return prev, story, subject


def _story_speaker(art, prev_speech, upto: int, since: int):
    """The story's latest speaker before ``upto`` and not before ``since``: the previous quote's
    speaker, or a later speaker of a sentence of saying the rules already resolved (None when
    neither is in reach; a document is never one)."""
    story = prev_speech.entity if prev_speech is not None and prev_speech.mention_pos >= since else None
    memo = art.cache.get("event_entity", {})
    events = art.cache.get("events", [])
    hi = bisect.bisect_left(art.cache.get("event_pos", []), upto)
    for i in range(hi - 1, -1, -1):
        if events[i][0] < since or story is not None and events[i][0] <= prev_speech.mention_pos:
            break
        e = memo.get(i)
        if e is not None and e.kind != "document":
            return e
    return story


def candidates(art, q, lay, prev_speech, cue: int) -> list[tuple[object, list[float]]]:
    """The speakers a quote may have, each with its features (in the order of :data:`FEATURES`);
    ``q.entity`` and ``q.rule`` hold the rules' choice, ``cue`` is the offset of the attribution's
    mention (the quote's opening mark for a quote without one).

    >>> import pandas as pd
    >>> from kit.quotes import extract_quotes
    >>> import kit.quotes.speaker_model as sm
    >>> sm.COLLECT = []
    >>> p = pd.DataFrame({"doc_id": "x", "para_no": [0, 1], "role": "body", "text": [
    ...     "Mayor Tom Vale met Senator Ann Roe.", '"We will build it," he said.']})
    >>> _ = extract_quotes(p)
    >>> sorted(e.name for e, _ in sm.COLLECT[0][4]), sm.COLLECT[0][3]
    (['Ann Roe', 'Tom Vale'], 'PRONOUN_PARAGRAPH_SUBJECT')
    >>> sm.COLLECT = None
    """
    from kit.quotes.extract import _in_quote
    from kit.quotes.pronouns import _says_nearby

    rule = q.entity
    lo, hi, pk, since = _window(art, q, cue)
    prev, story, subject = _proposed(art, q, prev_speech, cue, since)
    nearest: dict[int, object] = {}   # id(entity) -> the mention nearest to the cue
    ents: dict[int, object] = {}
    for m in art.mentions[lo:hi]:
        k = id(m.entity)
        ents.setdefault(k, m.entity)
        old = nearest.get(k)
        if old is None or abs(m.pos - cue) < abs(old.pos - cue):
            nearest[k] = m
    for e in (rule, prev, story, subject):
        if e is not None and (e is rule or e.kind != "document"):
            ents.setdefault(id(e), e)
    if not ents:
        return []
    sents = art.sent_starts or [0]
    starts = art.cache["para_starts"]
    s_cue = bisect.bisect_right(sents, cue) - 1
    c = bisect.bisect_left(art.mention_pos, cue)
    p_lo = bisect.bisect_left(art.mention_pos, starts[pk] if starts else 0)
    first_id = next((id(m.entity) for m in art.mentions[p_lo:hi] if m.entity.kind == "person"
                     and not _in_quote(art, m.pos)), None)
    counts = {}
    for m in art.mentions[:c]:
        counts[id(m.entity)] = counts.get(id(m.entity), 0) + 1
    top = max(counts.values(), default=0)
    spoke = art.cache.get("spoke", {})
    pron = (q.mention or "").lower() if q.rule is not None or q.entity is None else ""
    family = _FAMILY_INDEX.get(RULE_FAMILIES.get(q.rule or "", ""), 0)
    order = sorted(ents, key=lambda k: abs(nearest[k].pos - cue) if k in nearest else 10 ** 9)
    rank = {k: i for i, k in enumerate(order)}
    out = []
    for k, e in ents.items():
        m = nearest.get(k)
        x = [0.0] * len(FEATURES)
        if e is rule:
            x[0] = 1.0
            if family:
                x[family] = 1.0
        x[6], x[7], x[8], x[9] = float(e is prev), float(e is story), float(e is subject), float(k == first_id)
        if m is not None:
            s_m = bisect.bisect_right(sents, m.pos) - 1
            away = abs(s_cue - s_m)
            pback = abs(pk - (bisect.bisect_right(starts, m.pos) - 1))
            x[10], x[11], x[12], x[13], x[14] = (math.log1p(away), float(away == 0), float(pback == 0),
                                                 float(min(pback, 4)), float(m.pos > cue))
            x[22] = float(bool(m.passing))
            x[23] = float(_in_quote(art, m.pos))
            x[24] = float(m.pos - (sents[s_m] if s_m >= 0 else 0) <= 30)
            x[25] = float(_says_nearby(art, m))
            x[26] = float(_APPOSITIVE.match(art.text, m.end) is not None)
        else:
            x[10], x[13], x[28] = math.log1p(50), 4.0, 1.0
        x[15] = math.log1p(rank[k])
        x[16] = math.log1p(counts.get(k, 0))
        x[17] = math.log1p(spoke.get(k, 0))
        x[18] = float(top > 0 and counts.get(k, 0) == top)
        kind = getattr(e, "kind", "person")
        x[19], x[20], x[21] = float(kind == "person"), float(kind == "org"), float(kind not in ("person", "org"))
        x[27] = float(len(getattr(e, "tokens", ()) or ()) >= 2)
        x[29] = float(pron in ("he", "she") and kind != "person" or pron == "it" and kind == "person")
        out.append((e, x))
    return out


def rerank(art, q, lay, prev_speech, cue: int):
    """The speaker of quote ``q`` after the model (the rules' choice when it is off); records the
    candidates when :data:`COLLECT` is a list, and names the rule SPEAKER_MODEL when the model
    overrides the rules.

    >>> import pandas as pd
    >>> from kit.quotes import extract_quotes
    >>> p = pd.DataFrame({"doc_id": "x", "para_no": [0], "role": "body", "text": ['"Soon," said Ann Roe.']})
    >>> extract_quotes(p)["speaker"].tolist()   # the model is off: the rules' choice
    ['Ann Roe']
    """
    cands = candidates(art, q, lay, prev_speech, cue)
    if COLLECT is not None:
        first = q.segs[0]
        from kit.quotes.extract import _bounds

        _, ptext, po = art.paras[first.para_idx]
        COLLECT.append((art.doc_id, po + _bounds(ptext, first)[0], q.entity, q.rule, cands))
    if SPEAKER_MODEL is None:
        return q.entity
    model = load_model(SPEAKER_MODEL)
    best = choose(cands, q.entity, model)
    if best is q.entity:
        return best
    if score(next(x for e, x in cands if e is best), model) < model.get("min_score", -math.inf):
        return q.entity  # the model is not sure enough to speak over the rules
    q.rule = "SPEAKER_MODEL"
    return best
