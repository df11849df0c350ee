"""The extraction of one article: segments, quotes, speech acts and speakers."""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

import pandas as pd

from kit.quotes.attribution import _ADV, _VERB_ALT  # noqa: F401 (re-exported, or used by this module)
from kit.quotes.entities import Person  # noqa: F401 (re-exported, or used by this module)
from kit.text import count_words


@dataclass
class _Seg:
    para_idx: int
    open_i: int
    close_i: int | None  # None: runs to paragraph end
    cont_from_prev: bool = False


@dataclass
class _Quote:
    segs: list[_Seg]
    note: list[str] = field(default_factory=list)
    kind: str = ""
    mention: str | None = None
    verb: str | None = None
    entity: Person | None = None
    mention_pos: int = 0
    end_pos: int = -1
    act: "_Quote | None" = None  # the first quote of the speech act this quote belongs to
    rule: str | None = None  # the named rule that chose the speaker (the speaker_rule column)
    confidence: float = math.nan  # how likely the speaker is right (the speaker_confidence column)
    text: str | None = None  # the quote's words, its segments joined by a space (set by _attribute)


def _inner(para: str, seg: _Seg) -> str:
    end = seg.close_i if seg.close_i is not None else len(para)
    return para[seg.open_i + 1:end]


def _bounds(para: str, seg: _Seg) -> tuple[int, int]:
    s = seg.open_i + 1
    e = seg.close_i if seg.close_i is not None else len(para)
    while s < e and para[s].isspace():
        s += 1
    while e > s and para[e - 1].isspace():
        e -= 1
    return s, e


_INTERRUPT = re.compile(
    rf"^\s*(?:,\s*)?(?:(?P<v1>{_VERB_ALT})\s+[^.!?“”\"]{{1,160}}?|[^.!?“”\"]{{1,160}}?\s+(?:{_ADV})?(?P<v2>{_VERB_ALT})(?:\s+[^.!?“”\"]{{0,120}}?)?)\s*[,—–:]\s*$")


def _damaged_tail(inner: str) -> tuple[str, int] | None:
    """For a quote whose mark is never closed: cut it where an attribution starts."""
    m = re.search(rf"[,?!]\s+(?=(?:(?:{_VERB_ALT})\s+(?:[a-z]+\s+){{0,3}}{_NAME_NP}|(?:he|she|they)\s+(?:{_VERB_ALT})\b|{_NAME_NP}\s+(?:{_VERB_ALT})\b))", inner)
    if m:
        return inner[:m.start() + 1], m.start() + 1
    return None


_DOC_NOUNS = frozenset("""statement statements readout readouts report communique communiqué release letter note
notice message post memo transcript summary document editorial commentary article filing
announcement declaration""".split())


def _in_quote(art: "_Article", pos: int) -> bool:
    k = bisect.bisect_right(art.quote_starts, pos) - 1
    return k >= 0 and pos < art.quote_spans[k][1]


#: A dateline at the start of a sentence: 'BEIJING, Feb. 5 (EHD) --', 'WASHINGTON —'.
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .,'’-]{2,40}(?:,\s*[A-Z][a-z]{2,4}\.?\s*\d{1,2})?\s*(?:\([^)]{1,40}\))?\s*(?:--|—|–)\s*")


def _strip_dateline(text: str) -> str:
    """Drop a dateline ('BEIJING, Feb. 5 (EHD) --', 'WASHINGTON —') from the start of a sentence."""
    m = _DATELINE.match(text)
    return text[m.end():] if m else text


def _modifier_quote(before: str, after: str) -> bool:
    """A quoted word used as a modifier or a topic, not as speech: the "spy" balloon, "X" has become."""
    b = before.rstrip().lower()
    a = after.lstrip()
    if not b.strip() and re.match(r"^(?:has|have|is|was|are|were|became|becomes|remains|entered|means)\b", a):
        return True
    if re.search(r"(?:\bthe|\ba|\ban|['’]s)$", b) and re.match(r"^[a-z]+\b", a) and not re.match(
            r"^(?:and|or|but|to|that|for|from|with|in|on|at|as|of|by|said|says|is|was|were|are|had|has|would|will)\b", a):
        return True
    return False


def _masked_text(art: "_Article") -> str:
    """The article text with every quoted stretch blanked out (offsets unchanged; computed once)."""
    if art.masked is not None:
        return art.masked
    pieces, at = [], 0
    for a, b in getattr(art, "quote_spans", ()):
        a, b = max(a, at), min(b, len(art.text))
        if b <= a:
            continue
        pieces.append(art.text[at:a])
        quoted = art.text[a:b]
        # every character but white space becomes a space: when the only white space is the space
        # itself (most quotes), that is one space per character
        pieces.append(" " * (b - a) if _OTHER_SPACE.search(quoted) is None else _NON_SPACE.sub(" ", quoted))
        at = b
    pieces.append(art.text[at:])
    art.masked = "".join(pieces)
    return art.masked


_NON_SPACE = re.compile(r"\S")
#: White space other than the space character (a tab, a line break, a no-break space).
_OTHER_SPACE = re.compile(r"[^\S ]")


_ISSUE_VERBS = (r"(?:issued|issues|released|releases|published|publishes|put\s+out|posted|sent|circulated|"
                r"distributed|made\s+public|shared|read\s+out|tweeted|signed|drafted|wrote)")


#: Who issued a document, written after it: ' issued by X', ' filed by X', ' from X' (compiled on
#: first use: the noun-phrase pattern is imported last).
_ISSUED_BY_SRC = (r"""
    \s*(?:(?:issued|released|published|put\s+out|posted|signed|filed|written|prepared|submitted|sent|authored)\s+)?
    (?:from|by)\s+                                   # the preposition that names the issuer
    (?P<np>(?-x:{np}))                                # the issuer's noun phrase (not verbose)
    """)
_ISSUED_BY: list[re.Pattern] = []


_SAID_IN = re.compile(rf"""
    \b(?:{_VERB_ALT})\s+(?:[\w,-]+\s+){{0,3}}?           # a verb of saying, then up to three words
    (?:in|into)\s+(?:a|an|its|the|his|her|their)\s+   # 'in a', 'in his'
    (?:[\w-]+\s+){{0,2}}$                               # up to two words before the document noun
    """, re.VERBOSE)


_SAID_NP_IN: list[re.Pattern] = []


def _said_np_in() -> re.Pattern:
    """'said X in a statement' at the end of a text (compiled on first use)."""
    if not _SAID_NP_IN:
        _SAID_NP_IN.append(re.compile(
            rf"\b(?:{_VERB_ALT})\s+(?P<np>(?:the\s+)?{_NAME_NP})\s+(?:on\s+\w+\s+)?in\s+(?:a|an|its|the|his|her|their)\s+"
            rf"(?:[\w-]+\s+){{0,2}}$"))
    return _SAID_NP_IN[0]


def _issued_by() -> re.Pattern:
    if not _ISSUED_BY:
        _ISSUED_BY.append(re.compile(_ISSUED_BY_SRC.replace("{np}", _NP_TAIL), re.VERBOSE))
    return _ISSUED_BY[0]


def _document_issuer(art: "_Article", mention: str, pos: int, para_start: int) -> Person | None:
    """Who issued the document that 'speaks' at ``pos`` ('the statement said', 'the statement called it').

    The nearest earlier sentence that mentions the same kind of document names its issuer:
    'X issued a statement', 'a statement from X', 'X's statement', or 'X said in a statement'.
    """
    nouns = [w for w in _words(mention.lower()) if w in _DOC_NOUNS]
    if not nouns:
        return None
    noun = nouns[0]
    stem = noun[:-1] if noun.endswith("s") and noun[:-1] in _DOC_NOUNS else noun
    mtext = _masked_text(art)
    # the issuer right after the mention: 'according to a memo filed by X'
    if art.text.startswith(mention, pos):
        by = _issued_by().match(mtext, pos + len(mention))
        if by:
            ent = _resolve(art, _trim_np(by.group("np")), by.start("np"), para_start)
            if ent is not None and ent.kind != "document":
                return ent
    starts = art.sent_starts or [0]
    k = bisect.bisect_right(starts, pos) - 1
    noun_re = re.compile(rf"\b{re.escape(stem)}s?\b", re.I)
    for step in range(12):
        if k - step < 0:
            break
        s0 = starts[k - step]
        s1 = pos if step == 0 else (starts[k - step + 1] if k - step + 1 < len(starts) else len(mtext))
        sent = mtext[s0:s1]
        for nm in reversed(list(noun_re.finditer(sent))):
            pre, post = sent[:nm.start()], sent[nm.end():]
            np_, at = None, 0
            iv = re.search(rf"\b{_ISSUE_VERBS}\s+(?:(?:a|an|its|the|his|her|their|this|that|joint|new|brief|short|"
                           rf"written|formal|official|lengthy|[\w-]+-word)\s+){{1,3}}$", pre, re.I)
            if iv:
                subj = _subject(pre[:iv.start()])
                if subj is not None:
                    np_, at = subj
            if np_ is None:
                by = _issued_by().match(post)
                if by:
                    np_, at = _trim_np(by.group("np")), nm.end() + by.start("np")
            if np_ is None:
                poss = re.search(rf"(?P<np>{_NAME_NP}|the\s+[\w-]+(?:\s+[\w-]+)?)['’]s?\s+(?:[\w-]+\s+){{0,2}}$", pre)
                if poss:
                    np_, at = poss.group("np"), poss.start("np")
            # 'X said in a statement': the verb of saying at most three words before 'in' (not 'X
            # said he saw no evidence in the report')
            if np_ is None and _SAID_IN.search(pre):
                found = _attr_before(pre)
                if found is not None:
                    np_, at = found[0], found[2]
                else:  # 'said the State Department in a statement': the speaker after the verb
                    inv = _said_np_in().search(pre)
                    if inv:
                        np_, at = _trim_np(inv.group("np")), inv.start("np")
            if np_:
                ent = _resolve(art, np_, s0 + at, para_start)
                if ent is not None and ent.kind != "document":
                    return ent
    return None


def _speech_events(art: "_Article", para_sents: list[list[int]] | None = None) -> list[tuple[int, str, str, int]]:
    """Sentences where someone speaks in paraphrase ('X said ...', 'X put it bluntly:').

    Returns (position, mention, verb, paragraph start) in reading order; quoted words are masked.
    ``para_sents``: each paragraph's sentence starts, when already split.
    """
    out = []
    mtext = _masked_text(art)
    for k, (_, ptext, po) in enumerate(art.paras):
        starts = (para_sents[k] if para_sents is not None else _sentence_starts(ptext)) + [len(ptext)]
        for s0, s1 in zip(starts, starts[1:]):
            sent = _strip_dateline(mtext[po + s0: po + s1])
            shift = (s1 - s0) - len(sent)
            # no colon and no verb of saying: no sentence of saying (the pattern of _speech_verbs_in,
            # searched once, without a hit object per verb)
            if not sent.strip() or (":" not in sent and _SPEECH_WORD_RE.search(sent) is None):
                continue
            found = _attr_before(sent)
            if found is None:
                found = _inverted_event(sent)
            if found is None:
                continue
            mention, verb, off = found
            if _noun_not_verb(sent, mention, verb, off):
                continue
            out.append((po + s0 + shift + off, mention, verb, po))
    return out


#: Auxiliaries and modals: after one of them a word of ``_SPEECH_VERB_NOUNS`` was the subject's noun.
_AUX_AFTER_NOUN = re.compile(r"\s+(?:will|would|can|could|should|may|might|must|are|were|is|was|have|has|had|do|does|did)\b")


def _noun_not_verb(sent: str, mention: str, verb: str, off: int) -> bool:
    """Rule NOUN_NOT_VERB: a verb of saying that is also a noun (``words._SPEECH_VERB_NOUNS``:
    *states*, *reports*, *points*, *posts*) followed by an auxiliary or a modal is the head of the
    sentence's subject, not its verb ('Individual states will decide ...', 'The jobs report has
    ...'), so the sentence is no sentence of saying and its first word no speaker.

    >>> _noun_not_verb("Most coastal states will vote in May.", "Most coastal", "states", 0)
    True
    >>> _noun_not_verb("The agency states that the dam is safe.", "The agency", "states", 0)
    False
    """
    if verb not in _SPEECH_VERB_NOUNS:
        return False
    k = sent.find(verb, off + len(mention))
    return k >= 0 and _AUX_AFTER_NOUN.match(sent, k + len(verb)) is not None


#: An inverted attribution closing a sentence of paraphrase: '..., said Dan Ruiz, a professor'.
_INVERTED_SAID = re.compile(r"""
    ,\s+(?:said|says|added|adds|wrote|writes|noted|notes|argued|argues|explained|explains|warned|warns)
    \s+(?=(?:[A-Z]|the\s|a\s|an\s))              # a name or a described person follows
    """, re.VERBOSE)


def _inverted_event(sent: str) -> tuple[str, str, int] | None:
    """Rule INVERTED_PARAPHRASE: 'Nor are tariffs likely to help, said Dan Ruiz, an
    economist.' is a sentence of saying whose speaker follows the verb (mention, verb, offset)."""
    if "," not in sent:
        return None
    m = _INVERTED_SAID.search(sent)
    if m is None:
        return None
    found = _attr_after(sent[m.start():])
    if found is None:
        return None
    mention, verb = found
    at = sent.find(mention, m.start())
    return (mention, verb, at) if at >= 0 else None


def _last_event_speaker(art: "_Article", events, prev_speech, pos: int, since: int):
    """The speaker of the latest quote or paraphrase before ``pos`` (not earlier than ``since``)."""
    best_pos, best = -1, None
    if prev_speech is not None and prev_speech.entity is not None and getattr(prev_speech, "end_pos", -1) >= since:
        best_pos, best = prev_speech.end_pos, prev_speech.entity
    hi = bisect.bisect_left(art.cache["event_pos"], pos) if "event_pos" in art.cache else len(events)
    for epos, mention, verb, pstart in reversed(events[:hi]):
        if epos < since or epos <= best_pos:
            break
        if epos >= pos:
            continue
        ent = _resolve(art, mention, epos, pstart)
        if ent is not None and ent.kind != "document":
            return ent
    return best


def _opens_with_mark(text: str) -> bool:
    """Does the paragraph open with an opening (or straight) double quotation mark?"""
    t = text.lstrip()
    return bool(t) and t[0] in OPEN_DQ + '"'


def _extract_article(art: _Article, actors: pd.DataFrame | None, side_of: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """Quotes (rows of QUOTE_COLUMNS) and mark problems of one article, in named steps: pair the
    marks of each paragraph, join segments into quotes, index the article, then give every quote
    its kind, attribution, speaker and speech act in reading order."""
    problems: list[dict] = []
    segs_by_para = _pair_article(art, problems)
    quotes = _build_quotes(art, segs_by_para, problems)
    lay = _index_article(art, quotes)
    prev_speech: _Quote | None = None
    for qi in range(len(quotes)):
        prev_speech = _attribute(art, quotes, qi, lay, prev_speech)
    return _quote_rows(art, quotes, side_of), problems


@dataclass
class _Layout:
    """Per-paragraph indexes of one article, built once (offsets within each paragraph)."""

    para_sents: list[list[int]]      # sentence starts per paragraph
    opens_in_para: list[list[int]]   # opening marks of quotes per paragraph, sorted
    para_lead: list[int]             # leading white space of each paragraph
    events: list                     # sentences of saying (see _speech_events)


def _pair_article(art: _Article, problems: list[dict]) -> list[list[_Seg]]:
    """Step 1: the quoted segments of every paragraph (problems with the marks are recorded)."""
    paras = art.paras
    segs_by_para: list[list[_Seg]] = []
    for k, (pno, text, _) in enumerate(paras):
        continues = k + 1 < len(paras) and _opens_with_mark(paras[k + 1][1])
        spans, probs = _pair_marks(text, continues)
        problems.extend({"doc_id": art.doc_id, "para_no": pno, "problem": pr} for pr in probs)
        segs_by_para.append([_Seg(k, o, c) for o, c in spans])
    return segs_by_para


def _interrupts(para: str, prev: _Quote, seg: _Seg, k: int) -> bool:
    """Does ``seg`` continue ``prev`` after an attribution in the same paragraph
    ('"A," she said, "B."'): the first part ends open (comma, dash) and the gap is one short
    attribution with no sentence end."""
    last = prev.segs[-1]
    if last.para_idx != k or last.close_i is None:
        return False
    inner_prev = _inner(para, last).rstrip()
    gap = para[last.close_i + 1:seg.open_i]
    return bool((inner_prev.endswith((",", "—", "–", "-", "…")) or gap.lstrip().startswith(("—", "–")))
                and _INTERRUPT.match(gap) and not re.search(r"[.!?]\s", gap.replace("Dr.", "Dr").replace("Mr.", "Mr")))


def _build_quotes(art: _Article, segs_by_para: list[list[_Seg]], problems: list[dict]) -> list[_Quote]:
    """Step 2: join multi-paragraph and interrupted segments into quotes; a quote whose mark is
    never closed (and not continued by the next paragraph) is repaired inside its paragraph."""
    paras = art.paras
    quotes: list[_Quote] = []
    carry: _Quote | None = None
    for k, segs in enumerate(segs_by_para):
        para = paras[k][1]
        para_quotes: list[_Quote] = []
        lead = len(para) - len(para.lstrip())
        for j, seg in enumerate(segs):
            if carry is not None and j == 0 and seg.open_i <= lead:
                seg.cont_from_prev = True
                carry.segs.append(seg)
                q, carry = carry, None
            else:
                if carry is not None:
                    # the previous paragraph's quote was never continued: damaged
                    _close_damaged(carry, paras, problems, art)
                    carry = None
                if para_quotes and _interrupts(para, para_quotes[-1], seg, k):
                    q = para_quotes[-1]
                    q.segs.append(seg)
                else:
                    q = _Quote([seg])
                    para_quotes.append(q)
                    quotes.append(q)
            if seg.close_i is None:
                carry = q
        if carry is not None and (k + 1 >= len(paras) or not _opens_with_mark(paras[k + 1][1])):
            _close_damaged(carry, paras, problems, art)
            carry = None
    if carry is not None:
        _close_damaged(carry, paras, problems, art)
    return quotes


def _index_article(art: _Article, quotes: list[_Quote]) -> _Layout:
    """Step 3: quoted stretches (words inside quotes are never attributions or subjects),
    sentence starts, opening marks per paragraph and the sentences of saying."""
    paras = art.paras
    art.quote_spans = []
    for q in quotes:
        for sg in q.segs:
            po = paras[sg.para_idx][2]
            e = sg.close_i if sg.close_i is not None else len(paras[sg.para_idx][1])
            art.quote_spans.append((po + sg.open_i, po + e + 1))
    art.quote_spans.sort()
    art.quote_starts = [a for a, _ in art.quote_spans]
    art.sent_starts = []
    para_sents: list[list[int]] = []
    opens_in_para: list[list[int]] = [[] for _ in paras]
    for _, ptext, po in paras:
        ss = _sentence_starts(ptext)
        para_sents.append(ss)
        art.sent_starts.extend(po + s for s in ss)
    for q in quotes:
        for sg in q.segs:
            opens_in_para[sg.para_idx].append(sg.open_i)
    for lst in opens_in_para:
        lst.sort()
    events = _speech_events(art, para_sents)
    art.cache["events"] = events
    art.cache["event_pos"] = [e[0] for e in events]
    return _Layout(para_sents, opens_in_para, [len(t) - len(t.lstrip()) for _, t, _ in paras], events)


def _quote_context(art: _Article, quotes: list[_Quote], qi: int, lay: _Layout):
    """The text before a quote (from its sentence start, or from the previous quote of the same
    sentence, which is returned too), the text after it (to the next quote) and where it ends."""
    q = quotes[qi]
    paras = art.paras
    first, last = q.segs[0], q.segs[-1]
    para, lpara = paras[first.para_idx][1], paras[last.para_idx][1]
    sent_starts = lay.para_sents[first.para_idx]
    s0 = sent_starts[bisect.bisect_right(sent_starts, first.open_i) - 1]
    s0 = max(s0, first.open_i - ATTRIBUTION_WINDOW)
    before = _strip_dateline(para[s0:first.open_i])
    # a previous quote in the same sentence ends the 'before' part (quotes are in reading
    # order, so only the one just before can be it)
    same_sentence_prev: _Quote | None = None
    if qi > 0:
        other = quotes[qi - 1]
        o_last = other.segs[-1]
        if o_last.para_idx == first.para_idx and o_last.close_i is not None and s0 <= o_last.close_i < first.open_i:
            before = para[o_last.close_i + 1:first.open_i]
            same_sentence_prev = other
    lend = last.close_i + 1 if last.close_i is not None else len(lpara)
    if getattr(last, "_cut", None) is not None:
        lend = last._cut  # type: ignore[attr-defined]
    ol = lay.opens_in_para[last.para_idx]
    k_open = bisect.bisect_left(ol, lend)
    nxt_open = ol[k_open] if k_open < len(ol) else len(lpara)
    after = lpara[lend:min(nxt_open, lend + ATTRIBUTION_WINDOW)]
    return before, after, lend, same_sentence_prev


#: Patterns of _choose_attribution, compiled once (as written inline before).
_PERIOD_END = re.compile(r"[.]\W*$")
_COMMA_OR_LOWER_NEXT = re.compile(r"^\s*[,a-z]")
_ACCORDING_NEXT = re.compile(r"^\s*[,—–-]?\s*(?:according to)\b")
_COMMA_END = re.compile(r"[,?!]\W*$")
_THAT_END = re.compile(r"\bthat\s+$")
_WORD_END = re.compile(r"[\w’'\-]\s*$")


def _choose_attribution(art: _Article, q: _Quote, before: str, after: str, lend: int,
                        same_sentence_prev: _Quote | None):
    """(mention, verb, position) of a quote's attribution: in the gap of an interrupted quote,
    after it, or before it ('according to' first; an attribution running into the quote
    first); None when there is none."""
    paras = art.paras
    first, last = q.segs[0], q.segs[-1]
    para_off = paras[first.para_idx][2]
    a_after = None
    last_text = _seg_text(paras, last)
    ends_sentence = bool(_PERIOD_END.search(last_text))
    if not ends_sentence or _COMMA_OR_LOWER_NEXT.match(after) or _ACCORDING_NEXT.match(after):
        a_after = _attr_after(after)
    if a_after is None and _COMMA_END.search(last_text):
        a_after = _verb_slot(after)  # rule VERB_SLOT: '"...," Roe riffed.'
    cands_attr = []
    # interrupted quote: attribution sits in the gap
    for sa, sb in zip(q.segs, q.segs[1:]):
        if sa.para_idx == sb.para_idx and sa.close_i is not None:
            gp = paras[sa.para_idx][1][sa.close_i + 1:sb.open_i]
            aa = _attr_after(gp)
            if aa:
                cands_attr.append((aa[0], aa[1], paras[sa.para_idx][2] + sa.close_i + 1 + max(0, gp.find(aa[0]))))
                break
    if a_after:
        cands_attr.append((a_after[0], a_after[1], paras[last.para_idx][2] + lend + max(0, after.find(a_after[0]))))
    bb = _attr_before(before)
    if bb and same_sentence_prev is not None and same_sentence_prev.entity is not None and \
            not _name_like(bb[0]) and bb[0] not in _PRONOUNS and _THAT_END.search(before[:bb[2]]):
        bb = None  # 'X said A "..." and that B "...": the second quote is X's too
    embedded = False
    if bb:
        b_attr = (bb[0], bb[1], para_off + first.open_i - len(before) + bb[2])
        embedded = bool(_WORD_END.search(before))
        if embedded:
            cands_attr.insert(0, b_attr)
        else:
            cands_attr.append(b_attr)
    if not cands_attr and not after.strip() and last.para_idx + 1 < len(paras) \
            and not paras[first.para_idx][1][:first.open_i].strip():
        # rule DASH_BYLINE: a paragraph of quotation, then a paragraph that opens with a dash and
        # a name ('"..."' / '- Sen. Ray Dunn, at a rally.'): the name speaks
        _, ntext, noff = paras[last.para_idx + 1]
        dm = _dash_byline().match(ntext) if len(ntext) <= 200 and ntext.lstrip().startswith(("-", "–", "—")) else None
        if dm is not None and _dash_name(art, dm.group("name"), noff):
            cands_attr.append((dm.group("name"), "dash", noff + dm.start("name")))
    acc = [c for c in cands_attr if c[1] == "according to"]
    return acc[0] if acc and not (bb and embedded) else (cands_attr[0] if cands_attr else None)


#: Rule DASH_BYLINE: a dash, then a name (a title may open it) and the end of the name: a comma,
#: a full stop or the end of the paragraph ('- Bo Dunn.', '-President Ames, tweeting'); compiled on
#: first use (the name pattern is imported last).
_DASH_BYLINE: list[re.Pattern] = []


def _dash_name(art: _Article, name: str, pos: int) -> bool:
    """Rule DASH_BYLINE names a speaker only with a name of two words or more ('Ray Dunn',
    'President Ames') or one the article wrote before ``pos`` ('- Dunn.' after 'Ray Dunn'), never an
    outlet or wire credit ('- Reuters.'): a list item after a quotation ('- Taxes.') names nobody."""
    from kit.quotes.resolution import _outlet_name

    if _outlet_name(name) is not None:
        return False
    return len(name.split()) >= 2 or re.search(rf"(?<!\w){re.escape(name)}(?!\w)", art.text[:pos]) is not None


def _dash_byline() -> re.Pattern:
    if not _DASH_BYLINE:
        _DASH_BYLINE.append(re.compile(rf"\s{{0,3}}[-–—]{{1,2}}\s{{0,3}}(?P<name>{_NAME_NP})\s{{0,3}}(?:[,.;]|$)"))
    return _DASH_BYLINE[0]


def _attribute(art: _Article, quotes: list[_Quote], qi: int, lay: _Layout, prev_speech: _Quote | None) -> _Quote | None:
    """Step 4, one quote: its kind, attribution and speaker; returns the latest quote of speech."""
    q = quotes[qi]
    paras = art.paras
    first, last = q.segs[0], q.segs[-1]
    para = paras[first.para_idx][1]
    before, after, lend, same_sentence_prev = _quote_context(art, quotes, qi, lay)
    attr = _choose_attribution(art, q, before, after, lend, same_sentence_prev)
    inherited = attr is None and same_sentence_prev is not None and same_sentence_prev.kind in SPEECH_KINDS \
        and same_sentence_prev.entity is not None
    has_attr = attr is not None or inherited
    inner_first = _seg_text(paras, first)
    inner_all = inner_first if len(q.segs) == 1 else " ".join(_seg_text(paras, s) for s in q.segs)
    q.text = inner_all  # the segments are final once the quotes are built: _quote_rows reads it
    q.kind = _kind(inner_first if len(q.segs) == 1 or q.segs[1].para_idx != first.para_idx else inner_all,
                   before if before.strip() else para[max(0, first.open_i - ATTRIBUTION_WINDOW):first.open_i], after, has_attr,
                   first.open_i <= lay.para_lead[first.para_idx])
    if q.kind in ("scare", "title"):
        # a quoted phrase with a clear speaker and speech verb next to it is speech after all
        if q.kind == "scare" and has_attr and (attr is None or attr[1] != ":") and not _scare_cue(before) \
                and not _modifier_quote(before, after) and any(c.isalnum() for c in inner_all):
            q.kind = "partial"
        else:
            q.mention = None
    if q.kind not in SPEECH_KINDS:
        return prev_speech
    art.cache["prev_speech"] = prev_speech
    if attr is not None:
        q.entity = _attributed_speaker(art, q, attr, lay, prev_speech)
    elif inherited:
        q.entity = same_sentence_prev.entity  # type: ignore[union-attr]
        q.rule = "SAME_SENTENCE_SPEAKER"
        q.mention, q.verb = same_sentence_prev.mention, same_sentence_prev.verb  # type: ignore[union-attr]
        q.act = same_sentence_prev.act or same_sentence_prev  # type: ignore[union-attr]
    else:
        q.entity = _unattributed_speaker(art, q, lay, prev_speech)
    cue = q.mention_pos if attr is not None else paras[first.para_idx][2] + first.open_i
    if _sm.SPEAKER_MODEL is not None or _sm.COLLECT is not None:  # rule SPEAKER_MODEL (off by default)
        q.entity = _sm.rerank(art, q, lay, prev_speech, cue)
    q.confidence = _cf.speaker_confidence(art, q, prev_speech, cue)
    if q.entity is not None:  # how often each entity was quoted so far (a feature of PRONOUN_MODEL)
        spoke = art.cache.setdefault("spoke", {})
        spoke[id(q.entity)] = spoke.get(id(q.entity), 0) + 1
    if attr is None:
        q.mention_pos = paras[first.para_idx][2] + first.open_i
    # the quote's sentence (with its attribution) ends where the next sentence starts
    ls = lay.para_sents[last.para_idx]
    k_s = bisect.bisect_left(ls, lend)
    q.end_pos = paras[last.para_idx][2] + (ls[k_s] if k_s < len(ls) else len(paras[last.para_idx][1]))
    return q


def _attributed_speaker(art: _Article, q: _Quote, attr, lay: _Layout, prev_speech: _Quote | None) -> Person | None:
    """The speaker a quote's attribution names (a document speaks for whoever issued it)."""
    para_off = art.paras[q.segs[0].para_idx][2]
    q.mention, q.verb = attr[0], attr[1]
    q.mention_pos = attr[2]
    _clear_rule(art)
    ent = _resolve(art, attr[0], attr[2], para_off)
    q.rule = art.cache.get("rule") if ent is not None else None
    if ent is not None and ent.kind == "document":
        # rule DOCUMENT_WITHOUT_ISSUER: with no issuer in sight the document itself speaks
        # ('the statement said', 'the report concluded'), as an unnamed source keeps its description;
        # rule ISSUER_NAMED: the issuer is one the text names ('X issued a statement', 'a memo
        # from X', 'X said in a letter'), never merely the paragraph's latest speaker
        issuer = _document_issuer(art, attr[0], attr[2], para_off)
        if issuer is not None:
            q.rule = "ISSUER_NAMED"
        ent = issuer or ent
    return ent


#: Rule PRONOUN_LEADS_QUOTE: a sentence opened by *he* or *she* (after a joining word) that runs on,
#: with no sentence end and no other quotation mark, to the quote.
_PRONOUN_LEADS = re.compile(r"""
    \s{0,4}(?:(?:Then|And|But|So|Later|Now|Still|Instead)\s+)?   # a joining word
    (?P<pron>[Hh]e|[Ss]he)\b                                      # the pronoun as the subject
    [^.!?“”"]{0,300}$                                             # the sentence up to the quote
    """, re.VERBOSE)


def _unattributed_speaker(art: _Article, q: _Quote, lay: _Layout, prev_speech: _Quote | None) -> Person | None:
    """A quote with no attribution of its own: the latest speaker of its paragraph (of the
    previous paragraph when the quote opens its paragraph), else the first person named there;
    it continues the previous quote's speech act when the rule SPEECH_ACT_CONTINUES holds."""
    paras = art.paras
    first = q.segs[0]
    para_off = paras[first.para_idx][2]
    q_pos = para_off + first.open_i
    opens_para = first.open_i <= lay.para_lead[first.para_idx]
    since = para_off
    last = q.segs[-1]
    if last.close_i is not None:
        # rule NAMED_AFTER_QUOTE: '"...," Ann Lee, 67, a clerk, said' (an attribution the patterns miss)
        l_off, l_text = paras[last.para_idx][2], paras[last.para_idx][1]
        ent = named_after_quote(art, l_off + last.close_i + 1, l_off + len(l_text))
        if ent is not None:
            q.rule = "NAMED_AFTER_QUOTE"
            return ent
    if opens_para:
        # a quote alone at the start of a paragraph: the latest speaker of the previous paragraph
        since = paras[first.para_idx - 1][2] if first.para_idx > 0 else 0
        ent = _last_event_speaker(art, lay.events, prev_speech, q_pos, since)
        rule = "LATEST_SPEAKER"
        if ent is None and first.para_idx > 0:
            # 'X, a fellow at Y, doubts that ...' followed by a paragraph of quotation
            k_s = bisect.bisect_left(art.sent_starts, para_off) - 1
            last_start = art.sent_starts[k_s] if k_s >= 0 and art.sent_starts[k_s] >= since else since
            ent, rule = _first_person(art, last_start, para_off), "FIRST_PERSON_NAMED"
    else:
        ent = _last_event_speaker(art, lay.events, prev_speech, q_pos, para_off)
        rule = "LATEST_SPEAKER"
        # rule SENTENCE_SUBJECT: the quote's own sentence names its subject (before the
        # paragraph's latest speaker and its first person)
        subj = sentence_subject(art, para_off, q_pos)
        if subj is not None and subj is not ent:
            ent, rule = subj, "SENTENCE_SUBJECT"
        if rule != "SENTENCE_SUBJECT":
            # rule CLAUSE_SUBJECT: an organisation, a document or a description is the subject of
            # the quote's clause ('The county board voted for a motion that called it "..."')
            found = clause_subject(art, para_off, q_pos)
            if found is not None and found[0] is not ent:
                ent, rule = found
        if ent is None:
            ent, rule = _first_person(art, para_off, q_pos), "FIRST_PERSON_NAMED"
        if ent is None:
            # rule PRONOUN_LEADS_QUOTE: 'She then turned to the crowd: "..."', 'He also issued a
            # statement, saying, "..."': the pronoun that opens the quote's sentence speaks
            k_s = bisect.bisect_right(art.sent_starts, q_pos) - 1
            s0 = max(para_off, art.sent_starts[k_s]) if k_s >= 0 else para_off
            lead = _PRONOUN_LEADS.match(art.text, s0, q_pos)
            if lead:
                ent = _resolve(art, lead.group("pron"), lead.start("pron"), para_off)
                rule = "PRONOUN_LEADS_QUOTE"
    q.rule = rule if ent is not None else None
    if _continues_act(art, prev_speech, ent, q_pos, since):
        q.act = prev_speech.act or prev_speech  # type: ignore[union-attr]
        if rule == "LATEST_SPEAKER":
            q.rule = "SPEECH_ACT_CONTINUES"  # the previous quote's speaker, as the act goes on
    return ent


def _quote_rows(art: _Article, quotes: list[_Quote], side_of: dict[str, str]) -> list[dict]:
    """Step 5: one row of QUOTE_COLUMNS per quote."""
    paras = art.paras
    out = []
    act_no = {id(q): i for i, q in enumerate(quotes)}
    for i, q in enumerate(quotes):
        first, last = q.segs[0], q.segs[-1]
        s, _ = _bounds(paras[first.para_idx][1], first)
        _, e = _bounds(paras[last.para_idx][1], last)
        if getattr(last, "_cut", None) is not None:
            e = last._cut  # type: ignore[attr-defined]
        text = q.text if q.text is not None else " ".join(_seg_text(paras, sg) for sg in q.segs)
        segments = []
        for sg in q.segs:
            ss, se = _bounds(paras[sg.para_idx][1], sg)
            if getattr(sg, "_cut", None) is not None:
                se = sg._cut  # type: ignore[attr-defined]
            segments.append([paras[sg.para_idx][2] + ss, paras[sg.para_idx][2] + se])
        ent = q.entity
        speech = q.kind in SPEECH_KINDS
        out.append({
            "doc_id": art.doc_id,
            "quote_no": i,
            "attribution_id": act_no[id(q.act)] if q.act is not None and id(q.act) in act_no else i,
            "text": text,
            "kind": q.kind,
            "speaker": ent.name if ent is not None else None,
            "speaker_mention": q.mention if speech else None,
            "speaker_rule": q.rule if ent is not None and speech else None,
            "verb": q.verb if speech else None,
            "para_no": paras[first.para_idx][0],
            "para_end": paras[last.para_idx][0],
            "start": paras[first.para_idx][2] + s,
            "end": paras[last.para_idx][2] + e,
            "n_words": count_words(text),
            "speaker_type": _speaker_type_of(ent, q.kind) if speech else None,
            "role": (ent.role if ent is not None else None) if speech else None,
            "affiliation": (ent.affiliation if ent is not None else None) if speech else None,
            "side": side_of.get(ent.name.lower()) if ent is not None and side_of else None,
            "note": "; ".join(q.note) if q.note else None,
            "segments": segments,
            "speaker_confidence": q.confidence if ent is not None and speech else math.nan,
        })
    return out


def _continues_act(art: _Article, prev: "_Quote | None", ent: Person | None, pos: int, since: int) -> bool:
    """Rule SPEECH_ACT_CONTINUES: a quote with no attribution of its own continues the speech
    act of the previous quote of speech when it takes that quote's speaker, the previous quote
    ends in this paragraph or the one before (``since``), and no other sentence of saying comes
    between them (``"A," he said. "B."`` and ``"A," he said, adding ... "B."`` are one act)."""
    if prev is None or ent is None or prev.entity is not ent or prev.end_pos < since:
        return False
    ev = art.cache.get("event_pos", [])
    k = bisect.bisect_left(ev, prev.end_pos)
    return not (k < len(ev) and ev[k] < pos)


def _first_person(art: _Article, lo: int, hi: int) -> Person | None:
    """The first person mentioned in ``[lo, hi)`` outside quotation marks."""
    for i in range(bisect.bisect_left(art.mention_pos, lo), len(art.mentions)):
        m = art.mentions[i]
        if m.pos >= hi:
            break
        if m.entity.kind == "person" and not _in_quote(art, m.pos):
            return m.entity
    return None


def _seg_text(paras: list[tuple[int, str, int]], seg: _Seg) -> str:
    para = paras[seg.para_idx][1]
    s, e = _bounds(para, seg)
    cut = getattr(seg, "_cut", None)
    if cut is not None:
        e = cut
    return para[s:e].strip()


def _close_damaged(q: _Quote, paras, problems, art) -> None:
    """A quote whose mark never closes: keep it inside its paragraph, cut at an attribution."""
    seg = q.segs[-1]
    para = paras[seg.para_idx][1]
    inner = para[seg.open_i + 1:]
    cut = _damaged_tail(inner)
    if cut is not None:
        seg._cut = seg.open_i + 1 + len(cut[0].rstrip())  # type: ignore[attr-defined]
        # the attribution after the cut stays readable: pretend the mark closes there
        seg.close_i = seg.open_i + 1 + cut[1] - 1
        q.note.append("closing mark missing; quote ended before its attribution")
    else:
        q.note.append("closing mark missing; quote ended at the paragraph end")


def _affiliation_class(aff: str | None) -> str | None:
    """official / expert / media / business for an organisation name (None when unclear)."""
    w = _words((aff or "").lower())
    if not w:
        return None
    if any(x in _MEDIA_WORDS for x in w):
        return "media"
    if any(x in _ACADEMIC_AFFIL for x in w):
        return "expert"
    if any(x in _BUSINESS_AFFIL for x in w):
        return "business"
    if any(x in _GOV_AFFIL for x in w):
        return "official"
    return None


_LEADER_WORDS = frozenset("""president chairman chairwoman chair director head chief executive spokesman
spokeswoman spokesperson deputy founder co-founder manager secretary officer leader""".split())


#: :func:`_speaker_type` per (name, kind, role, affiliation) of a speaker and quote kind: all that it
#: reads, so a speaker quoted again, in this article or another, is typed once; cleared when it grows
#: large, so a long corpus keeps it small. A rule that makes ``_speaker_type`` read more of the
#: speaker (its tokens, gender, ...) must add it to the key in :func:`_speaker_type_of`.
_SPEAKER_TYPES: dict[tuple, str] = {}


def _speaker_type_of(ent: Person | None, kind: str) -> str:
    """:func:`_speaker_type`, kept in :data:`_SPEAKER_TYPES`.

    >>> from kit.quotes.entities import Person
    >>> _speaker_type_of(Person(name="Ann Roe", tokens=("Ann", "Roe"), first_pos=0, role="Gov."), "full")
    'official'
    >>> _speaker_type_of(Person(name="Ann Roe", tokens=("Ann", "Roe"), first_pos=0, role="professor"), "full")
    'expert'
    """
    if ent is None:
        return "unknown"
    key = (ent.name, ent.kind, ent.role, ent.affiliation, kind)
    typ = _SPEAKER_TYPES.get(key)
    if typ is None:
        if len(_SPEAKER_TYPES) > 100_000:
            _SPEAKER_TYPES.clear()
        typ = _SPEAKER_TYPES[key] = _speaker_type(ent, kind)
    return typ


def _speaker_type(ent: Person | None, kind: str) -> str:
    """Speaker type from the profile the article gives (role, affiliation, organisation or group).

    Session 13 (docs/quotes.md, "Thirteenth round"): the role words of ``_SPEAKER_TYPE_RULES``
    (rules ROLE_TYPE_WORDS, RELIGIOUS_LEADER), a title glued to the name (:func:`_glued_title`), the
    institution a role names (:func:`_role_institution`) and an organisation's staff
    (:func:`_ngo_staff`).

    >>> from kit.quotes.entities import Person
    >>> _speaker_type(Person(name="Ann Roe", tokens=("Ann", "Roe"), first_pos=0, role="Gov."), "full")
    'official'
    >>> _speaker_type(Person(name="Aurel", tokens=("Aurel",), first_pos=0, role="Pope"), "full")
    'organisation'
    """
    if ent is None:
        return "unknown"
    if _outlet_speaker(ent):
        return "media"
    if ent.kind == "org":
        return _affiliation_class(ent.name) if _affiliation_class(ent.name) == "media" else "organisation"
    role = (ent.role or "").lower()
    text = " ".join(x for x in (role, (ent.affiliation or "").lower()) if x)
    if ent.kind in ("group", "descriptor"):
        text = (text + " " + ent.name.lower()).strip()
        w = _words(text)
        if w and w[-1] in ("sides", "side", "governments", "countries", "nations", "ministries"):
            return "organisation"
    glued = _glued_title(ent)
    words = _words(text) + glued
    role_words = _words(role) + glued
    aff_class = _affiliation_class(ent.affiliation)
    # a leader or spokesperson takes the type of the organisation they speak for
    if aff_class and (not role_words or any(w in _LEADER_WORDS for w in role_words)) and not any(
            w in _TYPE_RULES[1][1] for w in role_words):
        return aff_class
    if _ngo_staff(ent, role_words, aff_class):
        return "organisation"
    if role_words and role_words[-1] in _OFFICIAL_HEAD_WORDS:
        return "official"
    for typ, vocab in _SPEAKER_TYPE_RULES:
        if any(w in vocab for w in words):
            return typ
    if aff_class:
        return aff_class
    inst = _role_institution(role) if ent.kind == "person" and not ent.affiliation else None
    if inst:
        return inst
    if ent.kind == "person" and (role or ent.affiliation):
        return "citizen"  # described, but with no title or institution: an ordinary person
    return "unknown"


def _outlet_speaker(ent: Person) -> bool:
    """Rule OUTLET_TYPE (session 13, second pass): a news outlet that speaks as itself is media even
    when its name holds no media word. An organisation whose name the bundled outlet table knows
    (``kit/resources/outlets.csv``, as the rule OUTLET_DESCRIPTION reads it), or any speaker without a
    role or affiliation whose name is *The* ... ending in an outlet's name word (``_OUTLET_NAME_WORDS``:
    'The Harbor Globe'). A person's name found in the table is not enough (a surname may be an
    outlet's name too).

    >>> from kit.quotes.entities import Person
    >>> _outlet_speaker(Person(name="The Harbor Globe", tokens=("The", "Harbor", "Globe"), first_pos=0))
    True
    >>> _outlet_speaker(Person(name="Mother Jones", tokens=("Mother", "Jones"), first_pos=0, kind="org"))
    True
    >>> _outlet_speaker(Person(name="Ann Globe", tokens=("Ann", "Globe"), first_pos=0))
    False
    """
    from kit.quotes.resolution import _outlet_name

    if ent.kind == "person" and (ent.role or ent.affiliation):
        return False
    toks = ent.name.split()
    if ent.kind == "org" and _outlet_name(ent.name) is not None:
        return True
    return len(toks) >= 3 and toks[0].lower() == "the" and toks[-1].lower() in _OUTLET_NAME_WORDS


def _glued_title(ent: Person) -> list[str]:
    """Rule GLUED_TITLE_TYPE (session 13): a title word the name step left at the start of a
    person's name of three or more words ('Administrator Ann Roe') is a role word of the type.

    >>> from kit.quotes.entities import Person
    >>> _glued_title(Person(name="Administrator Ann Roe", tokens=("Administrator", "Ann", "Roe"), first_pos=0))
    ['administrator']
    >>> _glued_title(Person(name="Ann Roe", tokens=("Ann", "Roe"), first_pos=0))
    []
    """
    toks = ent.name.split()
    if ent.kind != "person" or len(toks) < 3:
        return []
    first = toks[0].lower().rstrip(".")
    return [first] if any(first in vocab for typ, vocab in _SPEAKER_TYPE_RULES if typ != "citizen") else []


def _role_institution(role: str) -> str | None:
    """Rule ROLE_INSTITUTION (session 13): the kind of institution a short role (five words at most)
    names when the person has no affiliation and no role word of a type ('Senate Majority Leader',
    'agency head', 'Coastal Commission chair', 'CNN's'): official, expert, media or business, as
    :func:`_affiliation_class` reads an affiliation, or an outlet's name word (``_OUTLET_NAME_WORDS``)
    for media. A longer role is a clause ('who owns a ...'), not a title.

    >>> _role_institution("senate majority leader"), _role_institution("cnn's")
    ('official', 'media')
    >>> _role_institution("pope") is None, _role_institution("who says he left the college for the group") is None
    (True, True)
    """
    if len(role.split()) > 5:
        return None
    cls = _affiliation_class(role)
    if cls is None and any(w in _OUTLET_NAME_WORDS for w in _words(role.replace("’s", "").replace("'s", ""))):
        return "media"
    return cls


def _ngo_staff(ent: Person, role_words: list[str], aff_class: str | None) -> bool:
    """Rule NGO_STAFF (session 13): a person whose role says only that they lead or work for an
    organisation (``_GENERIC_STAFF_WORDS``: 'executive director', 'co-founder', 'coordinator') and whose
    affiliation is of no known kind (no agency, company, university or outlet, and no place) speaks
    for that organisation: type organisation ('Ann Roe, executive director of the Tidewater League').

    >>> from kit.quotes.entities import Person
    >>> p = Person(name="Ann Roe", tokens=("Ann", "Roe"), first_pos=0, role="executive director",
    ...            affiliation="the Tidewater League")
    >>> _ngo_staff(p, ["executive", "director"], None)
    True
    >>> _ngo_staff(p, ["executive", "director"], "business")
    False
    """
    if ent.kind != "person" or not ent.affiliation or aff_class is not None:
        return False
    if not any(w in _GENERIC_STAFF_WORDS for w in role_words):
        return False
    if any(w in vocab and w not in _GENERIC_STAFF_WORDS for _, vocab in _SPEAKER_TYPE_RULES for w in role_words):
        return False
    if "chief" in role_words and "executive" in role_words:
        return False  # 'chief executive': a company's head
    return not _is_place(re.sub(r"^the\s+", "", ent.affiliation.strip(), flags=re.I).split())


# used inside functions only: imported last, so that the modules may refer to each other
import kit.quotes.confidence as _cf  # noqa: E402 (imported last, as the modules refer to each other)
import kit.quotes.speaker_model as _sm  # noqa: E402 (imported last, as the modules refer to each other)
from kit.quotes.attribution import (  # noqa: E402,F401 (imported last, as the modules refer to each other)
    _NAME_NP,
    _NP_TAIL,
    _PRONOUNS,
    _SPEECH_WORD_RE,
    _attr_after,
    _attr_before,
    _name_like,
    _speech_verbs_in,
    _subject,
    _trim_np,
    _verb_slot,
)
from kit.quotes.clause_subject import clause_subject  # noqa: E402 (imported last, as the modules refer to each other)
from kit.quotes.columns import SPEECH_KINDS  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.entities import ATTRIBUTION_WINDOW, _Article  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.kinds import _kind, _scare_cue  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.marks import _pair_marks  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.name_shape import _is_place  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.resolution import _clear_rule, _resolve  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.sentence_speaker import named_after_quote, sentence_subject  # noqa: E402 (imported last, as the modules refer to each other)
from kit.quotes.textutil import _sentence_starts, _words  # noqa: E402,F401 (imported last, as the modules refer to each other)
from kit.quotes.words import (  # noqa: E402,F401 (imported last, as the modules refer to each other)
    _ACADEMIC_AFFIL,
    _BUSINESS_AFFIL,
    _GENERIC_STAFF_WORDS,
    _GOV_AFFIL,
    _MEDIA_WORDS,
    _OFFICIAL_HEAD_WORDS,
    _OUTLET_NAME_WORDS,
    _SPEAKER_TYPE_RULES,
    _SPEECH_VERB_NOUNS,
    _TYPE_RULES,
    OPEN_DQ,
)
