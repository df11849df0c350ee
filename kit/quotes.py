"""Who speaks: direct quotes, their speakers, and source profiles.

:func:`extract_quotes` finds every text in double quotation marks in the *body* paragraphs of
an article, decides what kind of quotation it is and who said it; :func:`sources` summarises the
result per article or per group (outlet, month, ...).

What is handled
---------------
- straight (``"``) and typographic (``“ ”``, ``« »``) double marks, mixed in one paragraph;
  single quotes nested inside double ones stay part of the outer quote;
- a quote interrupted by its attribution (``"A," she said, "B."``) is one quote ``A B``;
- a quote running over several paragraphs (opening mark with no closing mark at the end of a
  paragraph, reopened at the start of the next) is one quote;
- quotes introduced by a colon (``Zhou put it bluntly: "..."``);
- kinds: ``full`` (a sentence or more of speech), ``partial`` (a quoted phrase inside the
  reporter's sentence), ``scare`` (so-called "spy" balloon: not speech) and ``title`` (a quoted
  book, report or speech title);
- unbalanced or stray marks: marks are paired per paragraph by a small dynamic programme that
  prefers well-formed pairs, so a missing or extra mark never spreads beyond its paragraph; each
  repair is reported in :func:`quote_problems` and in the quote's ``note`` column;
- attribution: ``"...," X said``, ``said X``, ``X said: "..."``, ``X told Y (that) "..."``,
  ``according to X``, ``X, a [role] at [organisation], said`` and many speech verbs beyond
  *said*; a quote without attribution of its own belongs to the previous quote's speaker
  (same paragraph, or the previous paragraph when the quote opens its paragraph);
- resolution within the article: surnames, pronouns (nearest compatible person; gender is
  learnt from the article itself), roles linked to a name ("the foreign minister" after
  "Foreign Minister X"), organisations ("the ministry" after "the Ministry of Trade") and
  groups ("both sides", "analysts at X") as speakers; unnamed people as described ("said a
  senior official on Tuesday" -> "a senior official"; "another diplomat" is someone new);
  documents for whoever issued them ("X issued a statement ... the statement said");
- speaker profile: ``role`` and ``affiliation`` from titles and appositives, ``speaker_type``
  (official, expert, media, business, citizen, organisation, unknown), and ``side`` from an
  optional actor file.

Everything is rule based and runs without network or models.
"""
from __future__ import annotations

import bisect
import numbers
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

import pandas as pd

from kit.errors import KitError

__all__ = [
    "QUOTE_COLUMNS",
    "SPEAKER_TYPES",
    "QUOTE_KINDS",
    "extract_quotes",
    "quote_problems",
    "sources",
    "top_speakers",
    "example_quotes",
    "read_actors",
]

#: Columns of the ``quotes`` table.
QUOTE_COLUMNS: dict[str, str] = {
    "doc_id": "article id",
    "quote_no": "position of the quote in its article (0-based, reading order)",
    "text": "the words inside the marks; interrupted and multi-paragraph parts joined by one space",
    "kind": "full, partial, scare or title (see QUOTE_KINDS)",
    "speaker": "resolved speaker: full name, organisation or group, or an unnamed person as described "
               "('a senior official'); missing when unknown",
    "speaker_mention": "the speaker as written next to the quote ('she', 'Whitcombe', 'the ministry')",
    "verb": "speech verb of the attribution, lower-cased (said, told, according to, ':' ...)",
    "para_no": "paragraph where the quote opens",
    "para_end": "paragraph where the quote closes (differs from para_no for multi-paragraph quotes)",
    "start": "offset of the first quoted character in the article body text (articles.text)",
    "end": "offset just after the last quoted character in the article body text",
    "n_words": "number of words in text",
    "speaker_type": "official, expert, media, business, citizen, organisation or unknown",
    "role": "speaker's role or title found in the article (or the actor file)",
    "affiliation": "speaker's organisation found in the article (or the actor file)",
    "side": "speaker's side from the actor file (missing without one)",
    "note": "repairs made to unbalanced marks around this quote (missing when none)",
}

#: What each quote kind means. Only ``full`` and ``partial`` are speech.
QUOTE_KINDS: dict[str, str] = {
    "full": "a sentence or more of speech",
    "partial": "a quoted phrase of speech inside the reporter's sentence",
    "scare": "a word or phrase in quotes that is not attributed speech (so-called 'spy' balloon)",
    "title": "a quoted title of a book, report, film, speech ...",
}

#: Speaker types, in the order :func:`sources` reports them.
SPEAKER_TYPES: tuple[str, ...] = (
    "official", "expert", "media", "business", "citizen", "organisation", "unknown")

SPEECH_KINDS = ("full", "partial")

# --------------------------------------------------------------------------------------------
# Word lists (written for this module)
# --------------------------------------------------------------------------------------------

_SPEECH_VERBS = """
say says said saying tell tells told add adds added note notes noted write writes wrote
ask asks asked argue argues argued warn warns warned insist insists insisted stress stresses
stressed describe describes described call calls called explain explains explained
reply replies replied respond responds responded recall recalls recalled continue continues
continued declare declares declared state states stated announce announces announced
admit admits admitted acknowledge acknowledges acknowledged concede concedes conceded
claim claims claimed suggest suggests suggested predict predicts predicted complain
complains complained caution cautions cautioned urge urges urged vow vows vowed promise
promises promised pledge pledges pledged repeat repeats repeated reiterate reiterates
reiterated emphasise emphasises emphasised emphasize emphasizes emphasized underline
underlines underlined maintain maintains maintained contend contends contended counter
counters countered observe observes observed remark remarks remarked comment comments
commented tweet tweets tweeted post posts posted agree agrees agreed deny denies denied
accuse accuses accused criticise criticises criticised criticize criticizes criticized
praise praises praised hail hails hailed label labels labelled labeled term terms termed
brand brands branded condemn condemns condemned welcome welcomes welcomed reject rejects
rejected dismiss dismisses dismissed characterise characterises characterised characterize
characterizes characterized shout shouts shouted joke jokes joked quip quips quipped
whisper whispers whispered recount recounts recounted conclude concludes concluded
mention mentions mentioned point points pointed put puts explain boast boasts boasted
lament laments lamented scoff scoffs scoffed sigh sighs sighed laugh laughs laughed
testify testifies testified chant chants chanted announce proclaimed proclaim
proclaims pleaded plead pleads demanded demand demands asserted assert asserts
highlighted highlight highlights signalled signaled hinted hint hints opined
""".split()
SPEECH_VERBS: frozenset[str] = frozenset(_SPEECH_VERBS)

# verbs that, in a sentence holding a short quoted phrase, make it speech (she called it "X")
_CUE_WORDS = frozenset("""
as called calls calling describe described describes describing dubbed termed labelled labeled
branded dismissed praised hailed characterised characterized condemned criticised criticized
called warned promised vowed pledged urged insisted stressed said says told added noted wrote
argued according
""".split())

_SCARE_CUES = ("so-called", "so called", "the word", "the term", "the phrase", "the label",
               "the slogan", "the nickname", "known as", "the notion of", "the idea of",
               "the concept of", "quote-unquote", "been called", "been known as", "been dubbed",
               "been described as", "been labelled", "been labeled", "often called", "sometimes called",
               "widely called", "what some call", "what critics call", "what many call")

_TITLE_NOUNS = frozenset("""
book books memoir memoirs novel novels report reports film films movie movies documentary
documentaries song songs album albums series show shows play plays poem poems essay essays
article articles column columns op-ed paper papers study studies speech speeches lecture
lectures headline headlines slogan podcast podcasts exhibition exhibitions painting
programme program campaign white-paper whitepaper treatise manifesto opera musical ballet
blog newsletter episode chapter strategy plan doctrine initiative titled entitled headlined
title named
""".split())

# capitalised words that start sentences and are not names
_CAP_STOP = frozenset("""
A An The This That These Those It Its In On At For From To Of By With Without And But Or Nor
So Yet If When While Where Why How What Who Whom Whose Which After Before Since Until As Although
Though Because During Despite Not No Yes One Two Three Four Five Six Seven Eight Nine Ten Many
Some Most Several Few Both Each Every All Any Another Other Others Such Last Next First Second
Third Still Even Only Just Also Then Now Today Yesterday Tomorrow Tonight Monday Tuesday
Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Asked
According Meanwhile However Instead Indeed Perhaps Later Earlier Under Over Between Among
Against Within Across Around Near Inside Outside Beyond Through Throughout There Here He She
They We I You His Her Their Our My Your Him Them Us Me Mr Mrs Ms Miss Dr Sir Madam Online
Writing Speaking Addressing Reporting Asked Told Like Unlike Amid Along Toward Towards Upon
Nobody Everyone Everybody Somebody Someone Nothing Everything Anything Something Neither Either
Whether Once Twice Again Already Never Always Often Sometimes Almost About Above Below Up Down
Out Off Back Well Very Much More Less Least Best Worst Good Bad New Old Big Small Oh Ah Please
Thank Thanks Let Let's Do Does Did Is Are Was Were Be Been Being Have Has Had Will Would Shall
Should Can Could May Might Must Read More Photo Source Sources Officials Critics Analysts
Experts Residents Users Protesters Investors Observers Supporters Opponents Diplomats Lawmakers
""".split())

# words (title case) that are titles or ranks in front of a name
_TITLE_WORDS = frozenset("""
president vice-president premier prime minister ministers secretary secretary-general senator
sen representative rep congressman congresswoman congressmember governor gov mayor deputy
ambassador envoy chancellor chairman chairwoman chair chairperson director spokesman
spokeswoman spokesperson general gen brigadier brig lieutenant lt colonel col major maj
captain capt commander cmdr admiral adm sergeant sgt officer chief judge justice
commissioner sheriff detective inspector superintendent constable professor prof dr doctor
mr mrs ms miss mx sir dame lord lady baroness baron rev reverend father sister brother
bishop cardinal pope imam rabbi king queen prince princess emperor sheikh minister leader
head councillor councilor alderman speaker whip attorney solicitor counsel coach manager
editor columnist correspondent reporter anchor host economist analyst strategist adviser
advisor consultant founder co-founder cofounder ceo cfo coo executive president-elect
secretary-designate nominee candidate activist organiser organizer lawyer barrister
historian researcher scientist scholar fellow lecturer teacher student farmer owner resident
nurse pilot officer engineer designer artist author novelist writer poet singer actor
actress player striker goalkeeper mp mep ald fr mgr sr jr foreign defense defence
interior finance treasury commerce trade health education state justice labor labour
energy agriculture transport environment culture home homeland national security
first lady ward team council opposition party chinese american us u.s. british french
russian german japanese indian taiwanese korean european un nato ecb imf eu former
acting retired late top senior junior assistant associate executive managing general
""".split())

_GENDER_NOUNS = {
    "f": frozenset("""she her hers herself woman women mother daughter sister wife girl
        grandmother aunt niece spokeswoman chairwoman congresswoman businesswoman
        stateswoman mrs ms miss madam dame lady queen princess baroness actress widow
        girlfriend fiancee mum mom""".split()),
    "m": frozenset("""he him his himself man men father son brother husband boy grandfather
        uncle nephew spokesman chairman congressman businessman statesman mr sir lord
        king prince baron widower boyfriend fiance dad""".split()),
}

# head words that make a capitalised run an organisation
_ORG_WORDS = frozenset("""
ministry ministries department departments government governments administration office
agency agencies bureau commission committee council parliament congress senate house
assembly court courts army navy force forces guard police military pentagon kremlin
embassy consulate party union federation association alliance league organisation
organization foundation institute institution university college school academy center
centre council fund bank banks securities capital partners holdings group corporation corp
company co inc ltd llc plc gmbh ag sa airlines airline airways motors technologies technology
tech systems energy cargo shipping logistics industries electronics semiconductor
semiconductors pharmaceuticals pharma foods media news times post daily weekly wire journal
herald gazette tribune telegraph guardian review network television tv radio broadcasting
press agency club museum zoo hospital infirmary clinic authority authorities board
service services exchange market markets reserve treasury secretariat cabinet mission
advisory research consulting consultancy associates solutions labs laboratories
chamber society trust network forum coalition movement front campaign initiative
council commission nations community union church mosque temple command
port
""".split())

_MEDIA_WORDS = frozenset("""news times post daily weekly wire journal herald gazette tribune
telegraph guardian review television tv radio broadcasting press magazine newspaper
broadcaster network""".split())

_GROUP_HEADS = frozenset("""sides side officials users residents analysts experts critics
observers diplomats lawmakers legislators protesters investors economists scholars
researchers sources supporters opponents leaders members villagers farmers workers
students parents teachers fans voters citizens people activists officers soldiers
negotiators executives traders participants organisers organizers delegates bloggers
commentators netizens locals neighbours neighbors families governments countries
nations ministries""".split())

_TYPE_RULES: list[tuple[str, frozenset[str]]] = [
    ("media", frozenset("""journalist journalists columnist columnists editor editors reporter
        reporters correspondent correspondents commentator commentators anchor presenter
        broadcaster blogger bloggers podcaster newspaper magazine editorial""".split())),
    ("expert", frozenset("""professor prof lecturer researcher researchers scholar scholars
        fellow expert experts analyst analysts economist economists scientist scientists
        historian academic academics strategist specialist dean sinologist political
        think-tank scientist demographer epidemiologist archaeologist analysts
        author""".split())),
    ("official", frozenset("""president premier minister ministers secretary senator sen rep
        representative congressman congresswoman congressmember lawmaker lawmakers legislator
        governor mayor ambassador envoy diplomat diplomats official officials spokesman
        spokeswoman spokesperson general admiral colonel lieutenant commander captain
        sergeant officer councillor councilor councilwoman councilman chancellor
        commissioner regulator regulators prosecutor judge sheriff consul attache attaché
        administrator aide adviser advisor chief-of-staff chairman chairwoman deputy
        delegate negotiator negotiators mp mep republican democrat republicans democrats
        brig gen adm lt col capt sgt police undersecretary under-secretary ambassadors""".split())),
    ("business", frozenset("""ceo cfo coo executive executives founder co-founder cofounder
        owner owners manager managers businessman businesswoman entrepreneur investor
        investors trader traders banker bankers merchant shopkeeper retailer exporter
        importer industrialist consultant director pilot salesman developer landlord""".split())),
    ("citizen", frozenset("""resident residents citizen citizens student students teacher
        teachers farmer farmers worker workers parent parents mother father retiree retired
        villager villagers user users commuter commuters shopper shoppers tourist tourists
        visitor visitors fan fans voter voters volunteer volunteers protester protesters
        nurse nurses driver drivers hiker hikers neighbour neighbor local locals
        grandmother grandfather widow pensioner passenger passengers zookeeper
        netizen netizens traveller traveler keeper engineer graduate operator rancher vendor
        aged year-old homeowner tenant survivor patient mum mom dad son daughter""".split())),
]

_TYPE_WORDS = frozenset(w for _, ws in _TYPE_RULES for w in ws)

_GOV_AFFIL = frozenset("""ministry department government administration agency bureau
commission council parliament congress senate pentagon kremlin embassy consulate army navy
force military police authority white house cabinet treasury state""".split())
_ACADEMIC_AFFIL = frozenset("""university college institute institution school academy
centre center think-tank""".split())
_BUSINESS_AFFIL = frozenset("""company corporation corp inc ltd llc plc bank securities
capital partners holdings group airlines airline motors technologies systems energy cargo
shipping logistics industries electronics semiconductor advisory consulting business
chamber associates solutions""".split())

_PARTICLES = r"(?:van|von|de|der|den|da|di|du|del|della|la|le|al|bin|ibn|ter|ten|dos|das|el)"
_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_LOW = "a-zß-öø-ÿāăąćčďđēėęěğģīįıķĺļľłńņňōőœŕřśşšţťūůűųźżž"
_TOK = (rf"(?:(?:Dr|Mr|Mrs|Ms|Prof|Gen|Brig|Lt|Col|Capt|Sgt|Sen|Rep|Gov|Adm|Maj|Cmdr|Rev|St|Jr|Sr|Fr)\.|"
        rf"Mc[{_UP}][{_LOW}]+|O['’][{_UP}][{_LOW}]+|[{_UP}][{_LOW}]+(?:[-'’][{_UP}]?[{_LOW}]+|[{_UP}][{_LOW}]+)*"
        rf"|[{_UP}]{{2,}}(?:['’]s)?|[{_UP}]\.(?:[{_UP}]\.)*)")
_CAP_RUN = re.compile(rf"(?<![\w.])(?:{_TOK})(?:\s+(?:{_PARTICLES}\s+)*(?:{_TOK}))*")
_ORG_RUN = re.compile(
    rf"(?<![\w.])(?:{_TOK})(?:(?:\s+|\s+(?:of|for|and|&|on|the|of\s+the|for\s+the|de|du|des)\s+)(?:{_TOK}))*")

_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Brig|Lt|Col|Capt|Sgt|Sen|Rep|Gov|Adm|Maj|Cmdr|Rev|St|Jr|Sr|Fr|No|Inc|Corp|Co|Ltd|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|approx)|\b[A-Z]|\b(?:U\.S|U\.K|U\.N|E\.U|a\.m|p\.m|e\.g|i\.e))\.$")

_WORD = re.compile(r"[\w’'-]+")

_MARK_RE = re.compile('[“«„”»"]')
OPEN_DQ = "“«„"
CLOSE_DQ = "”»"
ALL_DQ = OPEN_DQ + CLOSE_DQ + '"'


# --------------------------------------------------------------------------------------------
# Pairing quotation marks within a paragraph
# --------------------------------------------------------------------------------------------

def _lean(text: str, i: int) -> tuple[float, float]:
    """Cost of reading the mark at ``text[i]`` as an opening or a closing mark."""
    ch = text[i]
    if ch in OPEN_DQ:
        return 0.0, 3.0
    if ch in CLOSE_DQ:
        return 3.0, 0.0
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    before_space = prev.isspace() or prev in "([{—–-/:;" or i == 0
    after_space = nxt.isspace() or nxt in ".,;:!?)]}—–" or i + 1 == len(text)
    if before_space and not after_space:
        return 0.0, 1.0
    if after_space and not before_space:
        return 1.0, 0.0
    return 0.5, 0.5


def _pair_marks(text: str, continues: bool) -> tuple[list[tuple[int, int | None]], list[str]]:
    """Pair the double quotation marks of one paragraph.

    Returns spans ``(open_index, close_index_or_None)`` (``None``: still open at the end of the
    paragraph) and a list of problems. ``continues`` says whether the next paragraph starts
    with an opening mark, which makes an unclosed last quote the normal multi-paragraph case.
    """
    marks = [m.start() for m in _MARK_RE.finditer(text)]
    if not marks:
        return [], []
    leans = [_lean(text, i) for i in marks]
    n = len(marks)
    SKIP = 2.0
    INF = float("inf")
    # dp[k][s]: best cost after k marks, s=0 outside, s=1 inside; back pointers
    dp = [[INF, INF] for _ in range(n + 1)]
    back: list[list[tuple[int, str] | None]] = [[None, None] for _ in range(n + 1)]
    dp[0][0] = 0.0
    for k in range(n):
        o, c = leans[k]
        for s in (0, 1):
            cur = dp[k][s]
            if cur == INF:
                continue
            # skip (stray mark)
            if cur + SKIP < dp[k + 1][s]:
                dp[k + 1][s] = cur + SKIP
                back[k + 1][s] = (s, "skip")
            if s == 0 and cur + o < dp[k + 1][1]:
                dp[k + 1][1] = cur + o
                back[k + 1][1] = (0, "open")
            if s == 1 and cur + c < dp[k + 1][0]:
                dp[k + 1][0] = cur + c
                back[k + 1][0] = (1, "close")
    end_open_cost = 0.0 if continues else 1.5
    final = 0 if dp[n][0] <= dp[n][1] + end_open_cost else 1
    actions: list[str] = []
    s = final
    for k in range(n, 0, -1):
        prev_s, act = back[k][s]  # type: ignore[misc]
        actions.append(act)
        s = prev_s
    actions.reverse()
    spans: list[tuple[int, int | None]] = []
    problems: list[str] = []
    open_at: int | None = None
    for i, act in zip(marks, actions):
        if act == "open":
            open_at = i
        elif act == "close":
            spans.append((open_at, i))  # type: ignore[arg-type]
            open_at = None
        else:
            problems.append(f"stray quotation mark ignored at offset {i}")
    if open_at is not None:
        spans.append((open_at, None))
        if not continues:
            problems.append(f"quotation mark opened at offset {open_at} is never closed")
    return spans, problems


# --------------------------------------------------------------------------------------------
# Small text helpers
# --------------------------------------------------------------------------------------------

_SENT_END = re.compile(r"[.!?…]+[”’\"')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9" + _UP + "])")


def _sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start (0 included), skipping abbreviations and initials."""
    starts = [0]
    for m in _SENT_END.finditer(text):
        head = text[max(0, m.start() - 8): m.start() + 1]
        if _ABBREV.search(head):
            continue
        starts.append(m.end())
    return starts


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _clean_mention(s: str) -> str:
    s = s.strip(" ,;:—–-\n\t\"“”'’")
    s = re.sub(r"\s+", " ", s)
    return s


def _norm_key(s: str) -> str:
    s = s.lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    s = re.sub(r"^(?:the|a|an|one|another)\s+", "", s.strip())
    return " ".join(s.split())


def _is_title_token(tok: str) -> bool:
    return tok.lower().rstrip(".") in _TITLE_WORDS


def _tok_list(run: str) -> list[str]:
    return run.split()


# --------------------------------------------------------------------------------------------
# Entities of one article
# --------------------------------------------------------------------------------------------

@dataclass
class Person:
    name: str
    tokens: tuple[str, ...]
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None
    first_pos: int = 0
    kind: str = "person"  # person | org | group | descriptor
    evidence: int = 0


@dataclass
class Mention:
    pos: int
    end: int
    entity: Person


@dataclass
class _Article:
    doc_id: Any
    paras: list[tuple[int, str, int]]  # (para_no, text, body offset)
    persons: dict[str, Person] = field(default_factory=dict)
    orgs: dict[str, Person] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    role_links: list[tuple[int, str, Person]] = field(default_factory=list)
    text: str = ""
    quote_spans: list[tuple[int, int]] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)


def _strip_titles(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split a capitalised run into (title tokens, name tokens)."""
    cut = 0
    for k, t in enumerate(tokens[:-1]):
        if _is_title_token(t) or (t.isupper() and len(t) <= 5 and k + 1 < len(tokens)):
            cut = k + 1
    # possessive in the middle ("China’s") ends the title part too
    for k, t in enumerate(tokens[:-1]):
        if t.endswith(("’s", "'s")):
            cut = max(cut, k + 1)
    return tokens[:cut], tokens[cut:]


_PERSON_TITLES = frozenset("""secretary minister president premier spokesman spokeswoman spokesperson director
chairman chairwoman chair ambassador envoy governor mayor senator sen general gen admiral commander chief
leader official adviser advisor deputy executive ceo founder professor prof economist analyst editor
columnist correspondent reporter dr mr mrs ms""".split())


def _org_tokens(toks: list[str]) -> list[str]:
    """Trim a capitalised run to the organisation it names.

    'China's Foreign Ministry' -> 'Foreign Ministry'; 'Treasury Secretary Ruth Abernathy' ->
    'Treasury'; 'Hao Ruoxi of Eastbridge University' -> 'Eastbridge University'; 'The Taiwan
    Affairs Office of the State Council' -> 'Taiwan Affairs Office'.
    """
    toks = list(toks)
    # possessor in front
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].endswith(("’s", "'s")) and k < len(toks) - 1:
            toks = toks[k + 1:]
            break
    # a title after an organisation word ends the organisation
    seen_org = False
    for k, t in enumerate(toks):
        tl = t.lower().rstrip(".")
        if tl in _ORG_WORDS:
            seen_org = True
        elif seen_org and tl in _PERSON_TITLES:
            toks = toks[:k]
            break
    # 'X of Y'
    low = [t.lower() for t in toks]
    if "of" in low:
        k = low.index("of")
        left, right = toks[:k], [t for t in toks[k + 1:] if t.lower() != "the"]
        if left and not _is_orgish(left) and _is_orgish(right):
            toks = toks[k + 1:]
            while toks and toks[0].lower() == "the":
                toks = toks[1:]
        elif len([t for t in left if t.lower() != "the"]) >= 2 and left[-1].lower() in _ORG_WORDS \
                and right and right[-1].lower() in _ORG_WORDS:
            toks = left
    while toks and toks[0] in _CAP_STOP:
        toks = toks[1:]
    return toks


def _is_orgish(tokens: Iterable[str]) -> bool:
    return any(t.lower().strip(".,") in _ORG_WORDS for t in tokens)


def _appositive_after(text: str, end: int) -> str | None:
    """Text of an appositive right after a name: ', a senior fellow at X,' -> 'a senior fellow at X'."""
    m = re.match(r",\s+((?:\d{1,3},\s+)?[^.;:!?\"“”,]{2,160}?)(?=,|\.(?:\s|$)|;|$|\s+(?:said|says|told|tells|added|adds|warned|noted|argued|wrote)\b)",
                 text[end:])
    if not m:
        return None
    app = m.group(1).strip()
    # an appositive describes: it holds a role word, a 'who' clause, an age or a lower-case noun
    words = _words(app.lower())
    if re.match(r"^\d{1,3}$", app):
        return app
    if not words or re.match(rf"^(?:{_NAME_NP})$", app) or re.match(r"^(?:and|or|but|then|which|while|as|after|before|"
                                                                     r"saying|adding|noting|calling|if|when)\b", app) \
            or words[0] in SPEECH_VERBS or words[0] in _PARTICIPLES or re.fullmatch(r"[a-z]+ed", words[0]):
        return None
    if re.match(r"^(?:a|an|the|who|whose|its|his|her|their|\d)", app, re.I) or any(
            w in _TITLE_WORDS or w in _TYPE_WORDS or re.fullmatch(r"[a-z][\w-]*(?:ist|er|or|ian|ent|ant|man|woman|person)", w)
            for w in words):
        return app
    return None


_ROLE_BEFORE = re.compile(
    r"(?:^|[\s(])((?:[A-Z][\w’'.-]*\s+|[a-z][\w’'-]*\s+){0,4}?"
    r"(?:[a-z][\w-]*(?:man|woman|person|ist|er|or|ian|ant|ent|ary|ee|ive|ess)|chief|head|leader|official|sister|brother|"
    r"wife|husband|daughter|son|mother|father|owner|expert|envoy|aide|boss|coach|pilot|chair)),?\s+$")


def _parse_appositive(app: str) -> tuple[str | None, str | None]:
    """Role and affiliation from an appositive ('a senior fellow at the X Institute')."""
    app = re.sub(r"^\d{1,3},\s*", "", app).strip()
    if re.fullmatch(r"\d{1,3}", app):
        return "aged " + app, None
    if app.lower().startswith(("who ", "whose ", "which ")):
        m = re.search(r"\b(?:runs|manages|leads|heads|owns|founded|chairs|directs|teaches at|works (?:at|for))\s+(.*)", app)
        if m:
            return None, _clean_mention(m.group(1)) or None
        return None, None
    app = re.sub(r"^(?:a|an|the)\s+", "", app)
    m = re.match(r"(.*?)\s+(?:at|of|for|with|in)\s+((?:the\s+)?(?:[A-Z0-9].*))$", app)
    if m:
        return _clean_mention(m.group(1)) or None, _clean_mention(m.group(2)) or None
    return (_clean_mention(app) or None), None


def _build_entities(art: _Article, actors: pd.DataFrame | None) -> None:
    """Find people, organisations, titles, appositives and role links in one article."""
    text = art.text
    # actors from the file: surface forms -> canonical person
    actor_forms: list[tuple[str, Person]] = []
    if actors is not None:
        for row in actors.itertuples(index=False):
            name = str(row.name)
            p = Person(name=name, tokens=tuple(name.split()), role=_nz(getattr(row, "role", None)),
                       affiliation=_nz(getattr(row, "organisation", None)), first_pos=10**9,
                       kind="org" if str(getattr(row, "type", "") or "") == "organisation" else "person")
            for form in [name, *list(getattr(row, "aliases", []) or [])]:
                if form and re.search(re.escape(str(form)), text):
                    actor_forms.append((str(form), p))

    # organisations: extended runs with an org word
    org_spans: list[tuple[int, int]] = []
    for m in _ORG_RUN.finditer(text):
        run = m.group(0)
        toks = run.split()
        while toks and toks[0] in _CAP_STOP:
            toks = toks[1:]
        while toks and toks[-1].lower() in ("of", "for", "and", "&", "on", "the", "de", "du", "des"):
            toks = toks[:-1]
        if not toks:
            continue
        toks = _org_tokens(toks)
        if toks and _is_orgish(toks):
            if toks[0].lower() in ("secretary", "minister", "president", "director", "chairman", "head"):
                continue  # titles like "Secretary of State" are not organisations
            name = re.sub(r"['’]s$", "", " ".join(toks))
            start = m.start() + run.find(toks[0])
            if name.lower() in ("the", "house") or len(name) < 3:
                continue
            org_spans.append((start, start + len(name)))
            key = name.lower()
            org = art.orgs.get(key)
            if org is None:
                pre = text[max(0, start - 4):start]
                full = ("the " + name) if pre.lower().endswith("the ") else name
                org = Person(name=full, tokens=tuple(toks), kind="org", first_pos=start)
                art.orgs[key] = org
            art.mentions.append(Mention(start, start + len(name), org))

    def in_org(a: int, b: int) -> bool:
        return any(s <= a and b <= e for s, e in org_spans)

    # people: capitalised runs with two or more name tokens after titles
    singles: list[tuple[int, int, str, list[str]]] = []
    for m in _CAP_RUN.finditer(text):
        run = m.group(0)
        all_toks = run.split()
        lead = 0
        while lead < len(all_toks) and all_toks[lead] in _CAP_STOP:
            lead += 1
        toks = all_toks[lead:]
        if not toks:
            continue
        tok_start = m.start() + len(" ".join(all_toks[:lead])) + (1 if lead else 0)
        tok_start = text.find(toks[0], tok_start)
        titles, name_toks = _strip_titles(toks)
        name_toks = list(name_toks)
        if name_toks and name_toks[-1].endswith(("’s", "'s")):
            name_toks[-1] = name_toks[-1][:-2]
        # a place named elsewhere with 'the' ('the United States') is not the start of a name
        while len(name_toks) >= 3 and re.search(r"\bthe\s+" + re.escape(" ".join(name_toks[:2])) + r"\b", text):
            titles = titles + name_toks[:2]
            name_toks = name_toks[2:]
        # 'Rancher Dale Hutchins' at a sentence start: a job in front of the name
        if len(name_toks) >= 3 and not titles and re.fullmatch(r"[A-Z][a-z]+(?:er|or|ist|ian|man|woman|person|ant|ent)", name_toks[0]):
            titles = [name_toks[0]]
            name_toks = name_toks[1:]
        if not name_toks:
            continue
        start = text.find(name_toks[0], tok_start)
        end = start + len(" ".join(name_toks))
        if in_org(start, end) or _is_orgish(name_toks) or any(t in _CAP_STOP or t.isupper() for t in name_toks):
            continue
        if len(name_toks) == 1:
            singles.append((start, end, name_toks[0], titles))
            continue
        if len(name_toks) > 4:
            continue
        before = text[max(0, tok_start - 16):tok_start]
        after = text[end:end + 60]
        # places after prepositions are not people (unless a title or an appositive marks a person)
        if not titles and re.search(r"\b(?:in|at|from|to|near|of|into|across|over|outside|inside|off|via|toward|towards|for|by|with|on)\s+(?:the\s+)?$", before) \
                and not re.search(r"\b(?:according|told|by|with)\s+\w*\s*$", before):
            if not re.match(r"\s*(?:,\s+(?:a|an|the|who|\d)|\s+(?:said|says|told))", after):
                continue
        if len(name_toks) == 2 and not titles and re.search(r"\bthe\s+" + re.escape(" ".join(name_toks)) + r"\b", text):
            continue  # 'the United States', 'the National Zoo': not a person
        name = " ".join(name_toks)
        key = name.lower()
        p = art.persons.get(key)
        if p is None:
            # a shorter form of a person already met ('Van Dam' after 'Joost van Dam')
            low = [t.lower() for t in name_toks]
            for q in art.persons.values():
                et = [t.lower() for t in q.tokens]
                if len(et) > len(low) and (et[-len(low):] == low):
                    p = q
                    break
        if p is None:
            p = Person(name=name, tokens=tuple(name_toks), first_pos=start)
            art.persons[key] = p
        _profile(art, p, text, start, end, m.start(), titles)
        art.mentions.append(Mention(start, end, p))

    for form, p in actor_forms:
        key = p.name.lower()
        existing = art.persons.get(key) or art.orgs.get(key)
        target = existing or p
        if existing is None:
            (art.orgs if p.kind == "org" else art.persons)[key] = p
        if p.role and not target.role:
            target.role = p.role
        if p.affiliation and not target.affiliation:
            target.affiliation = p.affiliation
        target.evidence += 3
        for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
            art.mentions.append(Mention(m.start(), m.end(), target))
    art.mentions.sort(key=lambda x: (x.pos, -(x.end - x.pos)))

    # single-token mentions of people met before ('Okoro said'), resolved in reading order:
    # one pass over full mentions and single tokens together, keeping the latest person per token
    added = []
    events = [(mm.pos, 0, mm) for mm in art.mentions if mm.entity.kind == "person"]
    events += [(st[0], 1, st) for st in singles]
    events.sort(key=lambda e: (e[0], e[1]))
    latest: dict[str, Person] = {}
    for _, is_single, item in events:
        if not is_single:
            for t in item.entity.tokens:
                latest[t.lower()] = item.entity
            continue
        start, end, tok, titles = item
        low = tok.lower()
        ent = latest.get(low)
        if ent is not None:
            added.append(Mention(start, end, ent))
            if titles:
                _profile(art, ent, text, start, end, start, titles)
            else:
                _gender_from_context(ent, text, end)
        elif titles and any(t.lower().rstrip(".") in ("mr", "mrs", "ms", "miss", "dr", "prof", "sen", "rep", "gov", "president",
                                                       "minister", "senator", "general", "gen", "mayor", "ambassador")
                            for t in titles):
            p = art.persons.get(low) or Person(name=tok, tokens=(tok,), first_pos=start)
            art.persons[low] = p
            _profile(art, p, text, start, end, start, titles)
            added.append(Mention(start, end, p))
            latest[low] = p
    art.mentions.extend(added)
    art.mentions.sort(key=lambda x: (x.pos, -(x.end - x.pos)))


def _gender_from_context(p: Person, text: str, end: int) -> None:
    """'Name said he/she ...', 'Name ... his/her' in the same clause tell the gender."""
    if p.gender is not None:
        return
    g = re.match(r"[^.;!?“”\"]{0,50}?\b(he|she|his|her|him)\b", text[end:end + 60])
    if g and not _CAP_RUN.search(text[end:end + g.start(1)]):
        w = g.group(1)
        p.gender = "f" if w in ("she", "her") else "m"


def _profile(art: _Article, p: Person, text: str, start: int, end: int, run_start: int, titles: list[str]) -> None:
    """Role, affiliation, gender and evidence of a person from the words around one mention."""
    if titles:
        p.evidence += 2
        t_str = " ".join(titles)
        ext = re.search(r"((?:[A-Z][\w.’'-]*\s+)+(?:of|for|to)\s+(?:the\s+)?)$", text[max(0, run_start - 60):run_start])
        if ext and _is_title_token(ext.group(1).split()[0]):
            t_str = ext.group(1) + t_str
        if p.role is None and not all(t.lower().rstrip(".") in ("mr", "mrs", "ms", "miss", "dr", "sir") for t in titles):
            p.role = t_str
        for t in titles:
            tl = t.lower().rstrip(".")
            for g, words in _GENDER_NOUNS.items():
                if tl in words:
                    p.gender = p.gender or g
        art.role_links.append((run_start, t_str.lower(), p))
    app = _appositive_after(text, end)
    if app:
        p.evidence += 2
        role, aff = _parse_appositive(app)
        if role and p.role is None:
            p.role = role
        if aff and p.affiliation is None:
            p.affiliation = aff
        if role:
            art.role_links.append((start, role.lower(), p))
        for w in _words(app.lower())[:4]:
            for g, words in _GENDER_NOUNS.items():
                if w in words and w not in ("his", "her", "he", "she"):
                    p.gender = p.gender or g
    # role noun phrase right before the name: "columnist Tom Ashby", "The owner, Jenny Holroyd,"
    rb = _ROLE_BEFORE.search(text[max(0, run_start - 60):run_start])
    if rb and not titles:
        role = rb.group(1).strip()
        role = re.sub(rf"^.*\b(?:{_VERB_ALT})\s+", "", role)  # 'said council leader' -> 'council leader'
        role = re.sub(r"^(?:the|a|an|[A-Z][\w’']*['’]s)\s+", "", role, flags=re.I).strip()
        if role and role.split()[-1].lower() not in ("said", "told", "after", "ever", "never", "other", "under", "over"):
            p.evidence += 1
            if p.role is None:
                p.role = role
            art.role_links.append((run_start, role.lower(), p))
            for w in _words(role.lower()):
                for g, words in _GENDER_NOUNS.items():
                    if w in words:
                        p.gender = p.gender or g
    after = text[end:end + 40]
    if re.match(rf"\s*(?:,\s*)?(?:\w+ly\s+)?(?:{_VERB_ALT})\b", after) or re.match(r",\s+\d{1,3},", after) \
            or re.match(r"\s+(?:\w+ly\s+)?(?:has|had|was|is|did|would|will|[a-z]+ed|[a-z]+s)\b", after) \
            or re.match(r"['’]s\s+[a-z]", after):
        p.evidence += 1
    _gender_from_context(p, text, end)


def _nz(v: Any) -> Any:
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v


# --------------------------------------------------------------------------------------------
# Resolving a speaker mention to an entity
# --------------------------------------------------------------------------------------------

def _persons_in_order(art: _Article, before: int) -> list[Mention]:
    return [m for m in art.mentions if m.pos < before and m.entity.kind == "person"]


def _resolve_name(art: _Article, mention: str, pos: int) -> Person | None:
    """A capitalised name (full or partial) to the nearest matching person or organisation."""
    toks = mention.split()
    titles, name_toks = _strip_titles(toks)
    if not name_toks:
        name_toks = toks
    if name_toks and name_toks[-1].endswith(("’s", "'s")):
        name_toks[-1] = name_toks[-1][:-2]
    low = [t.lower() for t in name_toks]
    key = " ".join(low)
    if key in art.persons:
        return art.persons[key]
    best: tuple[int, Person] | None = None
    for m in art.mentions:
        if m.pos > pos + 200:
            break
        ent = m.entity
        etoks = [t.lower() for t in ent.tokens]
        if ent.kind == "person":
            ok = (len(low) < len(etoks) and (etoks[-len(low):] == low or etoks[:len(low)] == low))
        else:
            ok = key == " ".join(etoks) or key == ent.name.lower()
        if ok:
            dist = pos - m.pos if m.pos <= pos else 10**6 + m.pos - pos
            if best is None or dist < best[0]:
                best = (dist, ent)
    if best:
        return best[1]
    # organisations by name
    for o in art.orgs.values():
        if key == " ".join(t.lower() for t in o.tokens):
            return o
    return None


def _pronoun_gender(p: str) -> str | None:
    p = p.lower()
    return "f" if p in ("she", "her") else "m" if p in ("he", "him", "his") else None


def _resolve_pronoun(art: _Article, pron: str, pos: int, para_start: int) -> Person | None:
    g = _pronoun_gender(pron)
    if pron.lower() in ("they", "it", "we"):
        for m in reversed([m for m in art.mentions if m.pos < pos]):
            if m.entity.kind in ("org", "group"):
                return m.entity
        return None
    cands = [m for m in _persons_in_order(art, pos) if g is None or m.entity.gender in (None, g)]
    if not cands:
        return None
    cands = [m for m in cands if not _in_quote(art, m.pos)] or cands
    # the subject (first person) of the nearest sentence with a candidate; a sentence whose
    # subject is the same pronoun continues the chain and is skipped
    starts = art.sent_starts or [0]
    k = bisect.bisect_right(starts, pos) - 1
    steps = 0
    while k >= 0 and steps < 15:
        s0 = starts[k]
        s1 = min(starts[k + 1] if k + 1 < len(starts) else len(art.text), pos)
        sent = art.text[s0:s1]
        in_sent = [m for m in cands if s0 <= m.pos < s1]
        if s1 < pos and re.match(r"^[\s\"“”‘’']*(?:[A-Z][^,.]{0,60},\s+)?(?:he|she|He|She)\s", sent) and \
                (g is None or _pronoun_gender(re.search(r"\b(he|she|He|She)\b", sent).group(1)) == g):
            k -= 1
            steps += 1
            continue
        if in_sent:
            return in_sent[0].entity
        k -= 1
        steps += 1
    return cands[-1].entity


_ROLE_SYNONYMS = {"spokeswoman": "spokesperson", "spokesman": "spokesperson", "sen": "senator",
                  "rep": "representative", "congressman": "representative", "congresswoman": "representative",
                  "gov": "governor", "gen": "general", "brig": "brigadier", "adm": "admiral", "lt": "lieutenant",
                  "col": "colonel", "capt": "captain", "prof": "professor", "sgt": "sergeant", "maj": "major",
                  "chairwoman": "chair", "chairman": "chair", "chairperson": "chair", "defence": "defense",
                  "us": "u.s", "american": "u.s", "ceo": "executive", "secretary-general": "secretary"}


def _role_words(text: str) -> list[str]:
    text = text.lower().replace("under secretary", "undersecretary").replace("under-secretary", "undersecretary")
    text = text.replace("prime minister", "premier").replace("vice president", "vice-president")
    return [_ROLE_SYNONYMS.get(w.rstrip("."), w.rstrip(".")) for w in _words(text)]


_INDEFINITE = re.compile(r"^(?:a|an|one|another|a\s+(?:second|third|fourth|fifth)|one\s+more)\s+", re.I)
_DETERMINER = re.compile(r"^(?:the|a|an|one|another|both|two|three|some|many|several|other)\s+", re.I)
_PREP_SPLIT = re.compile(r"\s+(?:of|for|at|from|with|in)\s+")


def _head_part(np_: str) -> tuple[str, str | None]:
    """Split a descriptive noun phrase at its first preposition: (head part, complement).

    >>> _head_part("a spokesperson for the ministry of health")
    ('a spokesperson', 'the ministry of health')
    """
    parts = _PREP_SPLIT.split(np_.strip(), maxsplit=1)
    # 'a former diplomat now at X': an adverb before the preposition is not the head
    head = re.sub(r"(?:\s+(?:now|currently|formerly|previously|also|still|once|later|then|[a-z]+ly))+$", "", parts[0])
    return head, (parts[1] if len(parts) > 1 else None)


def _is_person_word(w: str) -> bool:
    """A noun for a person (role, job, title), not an organisation: 'spokesperson', 'diplomat'."""
    w = w.lower().rstrip(".")
    if w in _ORG_WORDS and w not in _TYPE_WORDS:
        return False
    return w in _TYPE_WORDS or w in _PERSON_TITLES or w in _LEADER_WORDS or w in _GENDER_NOUNS["f"] | _GENDER_NOUNS["m"]


def _descriptor(np_: str) -> Person:
    """An unnamed speaker described by a noun phrase ('a United Nations spokesperson').

    The phrase (with its determiner, lower-cased) is the speaker's name, the words of the head
    part without the determiner are the role, and an organisation after a preposition or inside
    the head part is the affiliation.
    """
    np_ = _clean_mention(np_)
    if _DETERMINER.match(np_):
        np_ = np_[0].lower() + np_[1:]
    head, comp = _head_part(np_)
    role = _DETERMINER.sub("", head).strip() or None
    hw = _words(head)
    aff = None
    if comp and _is_orgish(_words(comp)) or comp and re.match(r"(?:the\s+)?[A-Z]", comp):
        aff = _clean_mention(comp)
    else:
        orgs = [r.group(0) for r in _ORG_RUN.finditer(head) if _is_orgish(r.group(0).split())]
        if orgs:
            aff = orgs[-1]
    kind = "org" if hw and hw[-1].lower() in _ORG_WORDS and not _is_person_word(hw[-1]) else "descriptor"
    return Person(name=np_, tokens=tuple(np_.split()), kind=kind, role=role if kind == "descriptor" else None,
                  affiliation=aff if kind == "descriptor" else None)


def _earlier_descriptor(art: _Article, head: str, pos: int) -> Person | None:
    """The nearest unnamed speaker introduced before ``pos`` with this head noun ('one senior official' ...
    'the official'); words inside quotation marks do not count."""
    found = None
    for d in re.finditer(rf"\b(?:[Aa]|[Aa]n|[Oo]ne|[Aa]nother)\s+(?:[\w’'-]+\s+){{0,3}}?{re.escape(head)}\b[^.;:!?,“”\"]*",
                         art.text[:pos]):
        if not _in_quote(art, d.start()):
            found = d
    if found is None:
        return None
    np_ = _trim_np(found.group(0))
    return _descriptor(np_) if np_ else None


def _resolve_role(art: _Article, np_: str, pos: int) -> Person | None:
    """'the foreign minister' -> the person the article linked to that role; 'the ministry' -> org."""
    words = [w for w in _role_words(_head_part(np_)[0]) if w not in (
        "the", "a", "an", "one", "another", "this", "that", "our", "chinese", "china's", "china’s", "u.s", "top", "senior")]
    if not words:
        return None
    head = words[-1]
    cands = []
    for at, role, p in art.role_links:
        rw = _role_words(role)
        if rw and head in rw and all(w in rw for w in words[:-1]) and at <= pos:
            cands.append((at, p))
    if cands:
        return max(cands, key=lambda x: x[0])[1]
    if head in ("company", "firm", "carrier", "group", "business", "operator", "maker", "chipmaker", "airline", "club"):
        intro = list(re.finditer(r"\bthe\s+(?:[\w-]+\s+){0,2}?(?:company|firm|carrier|group|operator|maker|chipmaker|"
                                 r"airline|club|retailer|manufacturer|bank|insurer|startup|start-up)\s+"
                                 rf"({_NAME_NP})", art.text[:pos]))
        if intro:
            name = intro[-1].group(1)
            key = name.lower()
            return art.orgs.get(key) or Person(name=name, tokens=tuple(name.split()), kind="org")
    # organisations: 'the ministry', 'the airline', 'the college'
    stem = head.rstrip("s")
    best = None
    for m in art.mentions:
        if m.pos >= pos or m.entity.kind != "org":
            continue
        if any(t.lower().rstrip("s") == stem for t in m.entity.tokens):
            best = m.entity
    if best is not None:
        return best
    # unnamed descriptor earlier: 'one senior official' ... 'the official'
    return _earlier_descriptor(art, head, pos)


def _resolve(art: _Article, mention: str, pos: int, para_start: int) -> Person | None:
    """Resolve a speaker mention written at ``pos``."""
    m = mention.strip()
    if not m:
        return None
    low = m.lower()
    if low in ("he", "she", "they", "it", "we", "him", "her"):
        return _resolve_pronoun(art, low, pos, para_start)
    first = m.split()[0]
    words = _words(low)
    # documents speak for whoever issued them: 'the statement said', 'the ministry's summary said'
    doc_at = next((k for k, w in enumerate(words) if w in _DOC_NOUNS), None)
    if doc_at is not None and (doc_at == len(words) - 1 or words[doc_at + 1] in ("of", "from", "by", "issued", "released")):
        poss = re.match(r"^(.*?)['’]s?\s+(?:own\s+|latest\s+|new\s+|official\s+|written\s+)?(?:%s)\b" % "|".join(_DOC_NOUNS), m)
        if poss and poss.group(1).strip():
            r = _resolve(art, poss.group(1), pos, para_start)
            if r is not None:
                return r
        by = re.search(r"\b(?:%s)\s+(?:(?:issued|released|published|signed)\s+)?(?:by|from)\s+(.+)$" % "|".join(_DOC_NOUNS), m)
        if by and by.group(1).strip():
            r = _resolve(art, by.group(1), pos, para_start)
            if r is not None and r.kind != "document":
                return r
        return Person(name=m, tokens=tuple(m.split()), kind="document")
    # groups: 'analysts at X', 'both sides'
    if words and (words[0] in _GROUP_HEADS or (len(words) > 1 and words[0] in ("both", "some", "many", "several", "two", "three", "other")
                                               and words[1] in _GROUP_HEADS)) and (words[-1] in _GROUP_HEADS or re.search(r"\b(?:at|of|from|in|with)\b", low)):
        return Person(name=_clean_mention(m[0].lower() + m[1:] if m.split()[0].lower() in ("both", "the") else m),
                      tokens=tuple(m.split()), kind="group")
    # a person described by a role: 'a United Nations spokesperson', 'a spokesman for the Ministry
    # of Trade' (the organisation is the affiliation, not the speaker)
    head_part = _head_part(m)[0]
    hp_words = _words(head_part)
    person_head = bool(hp_words) and _is_person_word(hp_words[-1])
    # organisations named in full (not 'Foreign Ministry spokesperson Shen Meiling')
    for om in ([] if person_head else _ORG_RUN.finditer(m)):
        ot = _org_tokens(om.group(0).split())
        tail = m[om.end():]
        if ot and _is_orgish(ot) and not _name_like(tail) and not any(
                w in _PERSON_TITLES or w in _TYPE_WORDS for w in _words(tail.lower())):
            key = re.sub(r"['’]s$", "", " ".join(ot)).lower()
            if key in art.orgs:
                return art.orgs[key]
            name = re.sub(r"['’]s$", "", " ".join(ot))
            if re.search(rf"\bthe\s+{re.escape(ot[0])}", m, re.I):
                name = "the " + name  # 'The Pentagon' -> 'the Pentagon', as organisations are named
            return Person(name=name, tokens=tuple(ot), kind="org")
    # proper names (possibly after a title or a role written in lower case)
    runs = [r for r in _CAP_RUN.finditer(m)]
    possessive_np = bool(re.match(rf"^(?:{_NAME_NP})['’]s\s+[a-z]", m)) and not _name_like(m.split(None, 1)[1])
    if low.split()[0] in ("the", "a", "an", "one", "another", "both", "two", "some", "many", "several") or not runs \
            or first[0].islower() or possessive_np:
        # 'the foreign minister', 'analysts at X', 'both sides', 'Foreign Ministry spokesperson Shen Meiling'
        if runs:
            last = runs[-1]
            toks = last.group(0).split()
            _, nt = _strip_titles(toks)
            if nt and not _is_orgish(nt) and last.end() == len(m.rstrip(",. ")) and (
                    len(nt) >= 2 or _resolve_name(art, " ".join(nt), pos)):
                r = _resolve_name(art, " ".join(nt), pos)
                if r is not None:
                    return r
                if len(nt) >= 2:
                    return Person(name=" ".join(nt), tokens=tuple(nt))
        words = _words(low)
        head = words[-1] if words else ""
        if head in _GROUP_HEADS or re.search(r"\b(?:at|of|from|in|with)\b", low) and words and words[0] in _GROUP_HEADS:
            return Person(name=_clean_mention(m[0].lower() + m[1:] if m[:4].lower() in ("both", "the ") else m),
                          tokens=tuple(m.split()), kind="group")
        if _INDEFINITE.match(m):
            # 'a senior official', 'another diplomat': someone new, never a person named before
            return _descriptor(m)
        r = _resolve_role(art, m, pos)
        if r is not None:
            return r
        if runs and _is_orgish(runs[-1].group(0).split()) and not person_head:
            name = runs[-1].group(0)
            return art.orgs.get(name.lower()) or Person(name=name, tokens=tuple(name.split()), kind="org")
        return _descriptor(m)
    # capitalised mention: the run that names a known person (a full name before a surname),
    # else the last full name
    found = []
    for run in runs:
        r = _resolve_name(art, run.group(0), pos)
        if r is not None and (r.kind == "person" or len(runs) == 1):
            found.append((len(_strip_titles(run.group(0).split())[1]), r))
    if found:
        full = [r for n_tok, r in found if n_tok >= 2]
        return full[-1] if full else found[0][1]
    cand = runs[0].group(0)
    for run in reversed(runs):
        _, nt = _strip_titles(run.group(0).split())
        if len(nt) >= 2 and not _is_orgish(nt):
            cand = run.group(0)
            break
    r = _resolve_name(art, cand, pos)
    if r is not None:
        return r
    toks = cand.split()
    _, nt = _strip_titles(toks)
    if _is_orgish(toks):
        name = re.sub(r"['’]s$", "", cand)
        return Person(name=name, tokens=tuple(name.split()), kind="org")
    if nt:
        return Person(name=" ".join(nt), tokens=tuple(nt))
    return None


# --------------------------------------------------------------------------------------------
# Attribution patterns
# --------------------------------------------------------------------------------------------

_VERB_ALT = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
_ADV = r"(?:(?:also|later|then|again|once|previously|earlier|recently|separately|simply|quickly|flatly|bluntly|angrily|firmly|repeatedly|publicly|privately|[a-z]+ly)\s+)"
_AUX = r"(?:(?:has|had|have|would|will|did|does|was|is|were|could|might)\s+(?:also\s+|not\s+|never\s+|previously\s+)?)"
_NAME_NP = (rf"(?:(?:{_TOK})(?:\s+(?:{_PARTICLES}\s+)*(?:{_TOK}))*)")
_NP_AFTER = (
    rf"(?:{_NAME_NP}|(?:the|a|an|one|another|both|two|some|many|several|other|his|her|their|its)\s+"
    rf"(?:[\w’'-]+\s+){{0,5}}?[\w’'-]+(?:\s+(?:at|of|for|from|with)\s+(?:the\s+)?{_NAME_NP})?"
    rf"|{_NAME_NP}\s+(?:[a-z][\w-]*\s+){{1,2}}{_NAME_NP}"
    rf"|[a-z]+(?:\s+[a-z]+)?\s+(?:at|of|for|from|with)\s+(?:the\s+)?{_NAME_NP}"
    rf"|(?:[a-z][\w-]*\s+){{1,3}}{_NAME_NP})"
)
# a word of a noun phrase: 'U.S.', 'AT&T', 'co-founder', 'ministry’s'
_NPW = r"(?:[A-Z]\.(?:[A-Z]\.)+|[\w’'&-]+)"
# a speaker noun phrase AFTER its verb ('said X', 'according to X'): nothing ends it but punctuation,
# so it is matched greedily (up to 10 words) and _trim_np cuts the clause words that follow the head
_NP_TAIL = (
    rf"(?:{_NAME_NP}\s+(?:(?!(?:of|at|for|from|with|in|on|and|or|to|by|as|after|before|who|which|that|but|"
    rf"last|this|next|during|when|while|told|said|says)\b)[a-z][\w-]*\s+){{1,2}}{_NAME_NP}"
    rf"|{_NAME_NP}['’]s\s+(?:{_NPW}\s+){{0,6}}{_NPW}"
    rf"|{_NAME_NP}"
    rf"|(?:the|a|an|one|another|both|two|three|some|many|several|other|his|her|their|its)\s+(?:{_NPW}\s+){{0,9}}{_NPW}"
    rf"|[a-z][\w’'-]*(?:\s+{_NPW}){{0,9}})"
)
# after the closing mark: ', said X' / ', X said' / ', she said' / ', according to X'
_AFTER_INV = re.compile(rf"^\s*[,—–-]?\s*(?P<verb>{_VERB_ALT})\s+(?P<np>{_NP_TAIL})")
_AFTER_NORMAL = re.compile(
    rf"^\s*[,—–-]?\s*(?P<np>he|she|they|it|we|{_NP_AFTER})(?:\s*,\s*(?P<app>[^,.“”\"]{{2,120}}?),)?\s+{_ADV}?{_AUX}?(?P<verb>{_VERB_ALT})\b")
_AFTER_ACC = re.compile(rf"^\s*[,—–-]?\s*(?P<verb>according to|in the words of)\s+(?P<np>{_NP_TAIL})")
_PRONOUNS = ("he", "she", "they", "it", "we")


def _np_end(text: str) -> str:
    """Trim a matched noun phrase: stop before time/place adverbials."""
    text = re.split(r"\s+(?:on|in|at|to|after|before|during|when|while|as|last|this|late|early|"
                    r"yesterday|today|on|by|from|via|who|which|that|but|and|told|said)\b(?!\s+(?:[A-Z]))",
                    text, maxsplit=1)[0]
    return _clean_mention(text)


def _attr_after(after: str) -> tuple[str, str] | None:
    """Attribution right after the closing mark. Returns (mention, verb)."""
    if re.match(r"^\s*[,—–-]?\s*(?:according to|in the words of)\b", after):
        m = _AFTER_ACC.match(after)
        if m:
            np_ = m.group("np")
            np_ = _trim_np(np_)
            return np_, "according to"
    m = _AFTER_INV.match(after)
    if m:
        np_ = _trim_np(m.group("np"))
        if not np_ or np_.lower() in _PRONOUNS or np_.split()[0].lower() in ("that", "this", "it", "these", "those"):
            return None
        # a capitalised name speaks; a lower-case phrase only when it names someone who can
        # ('a senior official', 'the State Department', 'residents of the town')
        if np_[0].isupper() or _looks_speaker_np(np_) or _name_like(np_):
            # 'said the company's chief executive, Mark Li.': the name in apposition speaks
            app = re.match(rf"\s*,\s*(?P<name>{_NAME_NP})\s*(?:[,.;!?]|$)", after[m.end():])
            if app and np_[0].islower() and np_ == _clean_mention(m.group("np")) and not _is_orgish(app.group("name").split()):
                return app.group("name"), m.group("verb").lower()
            return np_, m.group("verb").lower()
    m = _AFTER_NORMAL.match(after)
    if m:
        np_ = _trim_np(m.group("np"))
        if not np_:
            return None
        w = _words(np_.lower())
        if len(w) > 1 and any(x in ("he", "she", "they", "it", "we", "i", "you") for x in w):
            return None
        app = m.group("app")
        if app and (np_.split()[0].lower() in ("the", "a", "an", "his", "her", "its", "their") or np_[0].islower()) \
                and re.fullmatch(rf"\s*(?:{_NAME_NP})\s*", app):
            return app.strip(), m.group("verb").lower()  # '..., the ministry's spokeswoman, Ana Ruiz, said'
        return np_, m.group("verb").lower()
    return None


def _looks_speaker_np(np_: str) -> bool:
    """Does a lower-case noun phrase name someone who can speak ('a senior official', 'the ministry')?"""
    w = _words(np_.lower())
    if not w:
        return False
    hw = _words(_head_part(np_)[0].lower()) or w
    if any(x[-1] in _GROUP_HEADS or x[-1] in _TITLE_WORDS or x[-1] in _ORG_WORDS or x[-1] in _TYPE_WORDS
           or x[-1] in _DOC_NOUNS for x in (w, hw)):
        return True
    if len(hw) >= 2 and hw[0] in ("two", "three", "four", "five", "several", "many", "some", "both", "dozens",
                                  "hundreds", "thousands") and hw[-1].endswith("s"):
        return True  # 'two witnesses', 'several shopkeepers'
    return any(x in _TITLE_WORDS or x in _TYPE_WORDS for x in w)


# words that end a speaker noun phrase: time and place adverbials, relative clauses, auxiliaries
_NP_CUT = re.compile(
    r"\s+(?:on|in|to|after|before|during|when|while|as|last|this|next|late|early|yesterday|today|tonight|by|via|"
    r"who|whom|whose|which|that|where|but|or|nor|because|if|since|although|though|than|citing|"
    r"told|said|says|wrote|added|later|then|also|recently|previously|earlier|again|once|"
    r"would|will|could|should|can|may|might|must|is|was|were|are|has|had|have|did|does|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    # a participle or adjective with its complement: 'based in', 'speaking on', 'familiar with'
    r"|\s+(?:[a-z]{3,}(?:ed|ing)|familiar|close|privy|knowledgeable|aware|responsible)\s+"
    r"(?:in|at|to|by|with|on|from|for|as|about|of|that|the|a|an|his|her|their|its)\b"
    r"|\s+(?:[a-z]{3,}ing|declined|asked|requested)$")


def _trim_np(np_: str) -> str:
    """Cut a speaker noun phrase before the words that follow it.

    'a senior official on Tuesday' -> 'a senior official'; 'one European diplomat who declined
    to be named' -> 'one European diplomat'; 'the Department of Trade and Industry' stays whole
    (an 'and' between capitalised words of an organisation), 'Ana Ruiz and Bo Li' -> 'Ana Ruiz'.
    """
    np_ = np_.strip()
    # 'a report by the International Energy Agency': the issuer of a document stays
    dm = re.search(r"\b(?:%s)\s+(?:(?:issued|released|published|signed)\s+)?(?:by|from)\s+(?=\S)" % "|".join(_DOC_NOUNS), np_)
    if dm and not _NP_CUT.search(np_[:dm.start()]):
        rest = _trim_np(np_[dm.end():])
        return _clean_mention(np_[:dm.end()] + rest) if rest else _clean_mention(np_[:dm.start()])
    cut = _NP_CUT.split(np_, maxsplit=1)[0]
    # 'and' ends the phrase, unless it joins capitalised words of one organisation name
    for am in re.finditer(r"\s+and\b", cut):
        left, right = cut[:am.start()], cut[am.end():]
        if re.match(r"\s+[A-Z]", right) and re.search(r"\b[A-Z][\w’'-]*$", left) and _is_orgish(_words(left)):
            continue
        cut = left
        break
    # 'at'/'for'/'from'/'with' stay only when an organisation follows ('a spokesperson for the
    # ministry of health', 'analysts at Daeyang Securities')
    for pm in re.finditer(r"\s+(?:at|for|from|with)\s+", cut):
        left, right = cut[:pm.start()], cut[pm.end():]
        if re.match(r"(?:the\s+)?[A-Z]", right):
            continue
        lw = _words(left.lower())
        if lw and (lw[-1] in _TYPE_WORDS or lw[-1] in _TITLE_WORDS or lw[-1] in _GROUP_HEADS) and _is_orgish(_words(right)):
            continue
        cut = left
        break
    cut = re.sub(r"[’']s$", "", cut.strip())
    return _clean_mention(cut)


_SPEECH_VERB_RE = re.compile(rf"\b(?P<verb>{_VERB_ALT})\b")


_PARTICIPLES = frozenset("""calling describing saying adding noting warning accusing urging insisting
arguing stressing labelling labeling terming dismissing praising hailing telling asking writing
declaring promising vowing pledging branding condemning criticising criticizing welcoming rejecting
denying claiming suggesting predicting explaining repeating reiterating emphasising emphasizing
characterising characterizing""".split())
_PART_ALT = "|".join(sorted(_PARTICIPLES, key=len, reverse=True))
_SPEECH_OR_PART = SPEECH_VERBS | _PARTICIPLES | {"expressed", "voiced"}
_LOWER_WORD_RE = re.compile(r"(?<![\w’'-])[a-z]+(?![\w’'-])")


class _VerbHit:
    """A speech verb found in a text (the part of re.Match that _attr_before uses)."""

    __slots__ = ("_start", "_word")

    def __init__(self, start: int, word: str):
        self._start, self._word = start, word

    def start(self) -> int:
        return self._start

    def group(self, _name: str = "verb") -> str:
        return self._word


def _speech_verbs_in(s: str, start_at: int = 0):
    """Speech verbs and participles of ``s`` in order (a set lookup per word: faster than one big regex)."""
    for m in _LOWER_WORD_RE.finditer(s, start_at):
        w = m.group(0)
        if w in _SPEECH_OR_PART:
            yield _VerbHit(m.start(), w)

_ADVERBIAL_START = re.compile(
    r"^(?:a|an|who|whose|which|where|when|\d+|asked|speaking|writing|standing|sitting|according|in|on|at|"
    r"after|before|during|while|as|for|with|without|by|from|despite|unlike|like|under|since|until|earlier|"
    r"later|last|this|that|next|then|still|meanwhile|however|instead|yesterday|today|back|once|again|"
    r"also|too|moreover|separately|similarly|likewise|elsewhere|here|there|now|so|yet|but|and|or|"
    r"not|only|even|if|because|although|though|whether|to|over|through|across|inside|outside|near|"
    r"around|among|between|against|toward|towards|beyond|within|into|onto|upon|amid)\b", re.I)

_AUX_WORDS = ("has", "had", "have", "also", "then", "later", "once", "again", "would", "will", "did", "was", "is",
              "not", "never", "previously", "recently", "earlier", "separately", "himself", "herself", "first",
              "both", "all", "each", "only", "just", "still", "further", "even", "publicly", "privately")

_POSS_PRON = {"his": "he", "her": "she", "their": "they", "its": "it", "our": "we"}
_CLAUSE_MARK = re.compile(r"^.*\b(?:what|that|which|who|whom|and|but|as|because|while|when|where|if|after|before|since|than)\s+(?=\S)", re.I)


def _name_like(p: str) -> bool:
    """Does this text hold a capitalised name that is not a function word?"""
    for r in _CAP_RUN.finditer(p):
        toks = [t for t in r.group(0).split() if t not in _CAP_STOP]
        if not toks:
            continue
        pre = p[:r.start()].rstrip().lower()
        if re.search(r"\b(?:in|at|from|to|near|of|into|across|over|outside|inside|off|via|for|on|by|with)$", pre):
            continue
        return True
    return False


def _clean_np(p: str) -> str | None:
    """A subject noun phrase out of a clause piece (drop auxiliaries, verbs, leading conjunctions)."""
    ws = p.split()
    while ws and (ws[-1].lower() in _AUX_WORDS or re.fullmatch(r"[a-z]+ly", ws[-1])):
        ws = ws[:-1]
    if not ws:
        return None
    np_ = " ".join(ws)
    m = re.match(rf"^(.*?\w)\s+(?:put|was|were|is|are|had|has|have|went|made|got|took|gave|struck|"
                 rf"sounded|kept|offered|used|chose|summed|laid|spelled|spelt|set|reached|pointed|turned|"
                 rf"returned|stood|sat|met|expects|believes|thinks|sees|says|told|said|wrote|spoke|saw|came|"
                 rf"held|sent|left|found|thought|knew|became|began|brought|ran|led|won|lost|did|"
                 rf"[a-z]+ed)\b", np_)
    if m and m.group(1) != np_:
        np_ = m.group(1)
    np_ = re.sub(r"^(?:But|And|Yet|So|Still|Then|Now|Meanwhile|However|Later|Earlier|Separately|Instead|Also|"
                 r"In turn|Even|Only)\s+", "", np_)
    np_ = re.sub(r"^(?:[A-Z][a-z]+ly)\s+", "", np_)
    pm = re.match(r"^(his|her|their|its|our)\s+(?:[\w-]+\s+){0,2}?(?:message|words|reply|answer|response|"
                  r"statement|verdict|comment|comments|view|argument|point|advice|conclusion|warning|"
                  r"assessment|explanation|position|tone|verdict|summary|account)\b", np_, re.I)
    if pm:
        return _POSS_PRON[pm.group(1).lower()]
    if len(np_.split()) > 10:
        return None
    if re.fullmatch(r"(?:he|she|they|it|we)", np_, re.I):
        return np_.lower()
    if _name_like(np_) or np_.split()[0].lower() in ("the", "a", "an", "one", "another", "both", "two", "three",
                                                      "some", "many", "several", "most", "other") \
            or _looks_speaker_np(np_):
        return np_
    return None


def _subject(head: str) -> tuple[str, int] | None:
    """The subject noun phrase of a clause, given the text before its verb."""
    pm = re.search(r"\b(he|she|they|it|we)\s+(?:(?:also|later|then|again|once|had|has|have|would|will|did|was|"
                   r"never|not|first|further|[a-z]+ly)\s+){0,2}$", head, re.I)
    if pm:
        return pm.group(1).lower(), pm.start(1)
    wm = re.search(rf"\bwith\s+((?:[\w’'.-]+\s+){{0,5}}?[\w’'.-]+)\s*$", head)
    pieces: list[tuple[str, int]] = []
    pos = 0
    for part in re.split(r"(,)", head):
        if part == ",":
            pos += 1
            continue
        pieces.append((part, pos))
        pos += len(part)
    # a sentence adverb in front of a piece is not part of it: 'Later both sides said'
    pieces = [(re.sub(r"^(\s*)(?:[Ll]ater|[Ee]arlier|[Mm]eanwhile|[Ss]eparately|[Ss]till|[Tt]hen|[Nn]ow|[Aa]lso|"
                      r"[Hh]owever|[Ii]nstead|[Aa]gain|[Mm]oreover|[Ss]imilarly|[Ll]ikewise|[Ss]o|[Yy]et)\s+(?=\S)",
                      r"\1", part), o) for part, o in pieces]
    # 1. the words right before the verb, when no comma separates them from it
    last, off = pieces[-1]
    if re.search(r"\b(?:and|but|or|then|before|after)\s*$", last):
        last = ""  # a verb coordinated with the main clause shares its subject
    if last.strip():
        lp = last.strip()
        cm = _CLAUSE_MARK.match(lp)
        cand = lp[cm.end():] if cm else lp
        if not _ADVERBIAL_START.match(cand) or re.match(r"^(?:a|an)\s+(?:[\w-]+\s+){0,3}(?:spokes\w+|official|"
                                                        r"diplomat|source|analyst|expert|user|resident)\b", cand, re.I):
            np_ = _clean_np(cand)
            if np_:
                return np_, off + last.find(cand[:10])
        elif wm:
            np_ = _clean_np(wm.group(1))
            if np_:
                return np_, wm.start(1)
        # an adverbial right before the verb: the subject is earlier
    # 2. the first piece that names someone (appositives after it are skipped)
    firsts = []
    for part, o in pieces:
        p = part.strip()
        if not p or _ADVERBIAL_START.match(p) and not re.match(r"^(?:a|an)\s+(?:[\w-]+\s+){0,3}(?:spokes\w+|"
                                                                  r"official|diplomat|source)\b", p, re.I):
            continue
        firsts.append((p, o + part.find(p)))
    for k, (p, o) in enumerate(firsts):
        if _name_like(p) or re.match(r"^(?:he|she|they|it|we)\b", p, re.I):
            # 'A Foreign Ministry spokesperson, Shen Meiling, told ...': the name in apposition
            # to a description is the subject
            if k + 1 < len(firsts) and re.match(r"^(?:a|an|the|one)\s", p, re.I) and \
                    re.fullmatch(rf"(?:{_NAME_NP})", firsts[k + 1][0]) and not _is_orgish(firsts[k + 1][0].split()):
                return firsts[k + 1]
            np_ = _clean_np(p)
            if np_:
                return np_, o
    for p, o in firsts:
        np_ = _clean_np(p)
        if np_:
            return np_, o
    return None


def _attr_before(frag: str) -> tuple[str, str, int] | None:
    """Attribution in the sentence before the opening mark. Returns (mention, verb, offset)."""
    s = frag
    acc = re.search(rf"\b(?:[Aa]ccording to|[Ii]n the words of)\s+(?P<np>{_NP_TAIL})", s)
    start_at = 0
    if acc:
        # 'According to a readout, Liang told Garrity that ...': the main clause wins
        comma = s.find(",", acc.end())
        start_at = comma + 1 if comma >= 0 else len(s)
    colon = s.rstrip().endswith(":")
    wm = re.search(rf"\bwith\s+((?:[\w’'.-]+\s+){{0,5}}?[\w’'.-]+)\s+(?:{_PART_ALT})\b(?:(?!\bwith\b)[^.;:])*$", s)
    if wm:
        np_ = _clean_np(wm.group(1))
        if np_:
            return np_, "with", wm.start(1)
    for cand in _speech_verbs_in(s, start_at):
        pre = s[:cand.start()]
        if not pre[start_at:].strip():
            continue
        if re.search(r"(?:['’]s|\b(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|whose|of|in|"
                     r"with|for|joint|press|news|public|brief|short|written|formal))\s+$", pre, re.I):
            continue  # 'Keller's remarks', 'the call', 'in a statement': nouns, not verbs
        if re.search(r"(?:\bwho|\bwhich|\bthat)\s+$", pre) and not re.search(r"[,]\s*$", pre):
            continue  # 'X, who said ...' keeps looking for the main verb
        subj = _subject(pre[start_at:] if acc else pre)
        if subj is not None:
            return subj[0], cand.group("verb").lower(), subj[1] + (start_at if acc else 0)
    if acc:
        return _trim_np(acc.group("np")), "according to", acc.start("np")
    if colon:
        subj = _subject(s.rstrip()[:-1])
        if subj is not None:
            return subj[0], ":", subj[1]
    return None



# --------------------------------------------------------------------------------------------
# Kinds
# --------------------------------------------------------------------------------------------

def _is_title_case(text: str) -> bool:
    ws = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text)]
    if not ws or not ws[0][0].isupper():
        return False
    content = [w for w in ws if len(w) > 3]
    if not content:
        return all(w[0].isupper() for w in ws)
    caps = sum(1 for w in content if w[0].isupper())
    return caps / len(content) >= 0.75


def _scare_cue(before: str) -> bool:
    """'so-called', 'the word', 'what has long been called' right before the quote."""
    bl = before.rstrip().lower()
    return any(bl.endswith(c) or bl.endswith(c + " the") or bl.endswith(c + " a") for c in _SCARE_CUES) or \
        bool(re.search(r"\bso[- ]called\s+(?:\w+\s+){0,1}$", bl + " "))


def _kind(inner: str, before: str, after: str, has_attr: bool, para_start: bool) -> str:
    """Classify one quote: full, partial, scare or title."""
    txt = inner.strip()
    words = _words(txt)
    n = len(words)
    b = before.rstrip()
    bl = b.lower()
    tail = " ".join(_words(bl)[-6:])
    tail_words = _words(bl)[-6:]
    # titles: title-case text after a title noun or 'titled'
    if _is_title_case(txt) and n <= 14 and not re.search(r"[.!?]\W*$", txt.rstrip(",")) or (
            _is_title_case(txt) and n <= 14 and any(w in ("titled", "entitled", "headlined") for w in tail_words)):
        if any(w in _TITLE_NOUNS for w in tail_words[-4:]) or re.search(r"\b(?:titled|entitled|headlined|called|named)$", bl):
            if not has_attr or any(w in ("titled", "entitled", "headlined", "title") for w in tail_words) \
                    or any(w in _TITLE_NOUNS for w in tail_words[-2:]):
                return "title"
    # a quoted word used as a modifier or topic: the "spy" balloon, "Guardrails" has become ...
    if n <= 4 and not has_attr and _modifier_quote(before, after):
        return "scare"
    # scare quotes: 'so-called', 'the word', or a very short phrase that nobody is said to say
    if _scare_cue(b):
        return "scare"
    starts_upper = bool(re.match(r"^[\s'‘’…\.]*[A-Z0-9" + _UP + "]", txt))
    prev_char = b[-1:] if b else ""
    sentence_start = para_start or prev_char in ("", ".", "!", "?", ":", "”", '"', "—", "–") and not b.endswith(" -")
    after_verb = bool(re.search(rf"\b(?:{_VERB_ALT})[,]?$", bl)) and not re.search(r"\b(?:as|it|them|him|her|this|that)$", bl)
    if starts_upper and (sentence_start or prev_char == "," and (after_verb or has_attr) or after_verb) and n >= 1:
        if n <= 2 and not has_attr and not sentence_start and not re.search(r"[.!?]$", txt.rstrip(",")):
            return "scare"
        return "full"
    if n <= 3 and not has_attr:
        return "scare"
    if not starts_upper and sentence_start and n >= 4:
        # a paragraph opening with lower case words is still a full quote continuation
        return "full" if para_start else "partial"
    return "partial"


# --------------------------------------------------------------------------------------------
# Main extraction
# --------------------------------------------------------------------------------------------

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
    return any(a <= pos < b for a, b in getattr(art, "quote_spans", ()))


def _strip_dateline(text: str) -> str:
    """Drop a dateline ('BEIJING, Feb. 5 (EHD) --', 'WASHINGTON —') from the start of a sentence."""
    m = re.match(r"^\s*[A-Z][A-Z .,'’-]{2,40}(?:,\s*[A-Z][a-z]{2,4}\.?\s*\d{1,2})?\s*(?:\([^)]{1,40}\))?\s*(?:--|—|–)\s*", text)
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
    """The article text with every quoted stretch blanked out (offsets unchanged)."""
    masked = list(art.text)
    for a, b in getattr(art, "quote_spans", ()):
        for i in range(a, min(b, len(masked))):
            if not masked[i].isspace():
                masked[i] = " "
    return "".join(masked)


_ISSUE_VERBS = (r"(?:issued|issues|released|releases|published|publishes|put\s+out|posted|sent|circulated|"
                r"distributed|made\s+public|shared|read\s+out|tweeted|signed|drafted|wrote)")


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
                by = re.match(rf"\s*(?:(?:issued|released|published|put\s+out|posted|signed)\s+)?(?:from|by)\s+(?P<np>{_NP_TAIL})", post)
                if by:
                    np_, at = _trim_np(by.group("np")), nm.end() + by.start("np")
            if np_ is None:
                poss = re.search(rf"(?P<np>{_NAME_NP}|the\s+[\w-]+(?:\s+[\w-]+)?)['’]s?\s+(?:[\w-]+\s+){{0,2}}$", pre)
                if poss:
                    np_, at = poss.group("np"), poss.start("np")
            if np_ is None and re.search(r"\b(?:in|into)\s+(?:a|an|its|the|his|her|their)\s+(?:[\w-]+\s+){0,2}$", pre):
                found = _attr_before(pre)
                if found is not None:
                    np_, at = found[0], found[2]
            if np_:
                ent = _resolve(art, np_, s0 + at, para_start)
                if ent is not None and ent.kind != "document":
                    return ent
    return None


def _speech_events(art: "_Article") -> list[tuple[int, str, str, int]]:
    """Sentences where someone speaks in paraphrase ('X said ...', 'X put it bluntly:').

    Returns (position, mention, verb, paragraph start) in reading order; quoted words are masked.
    """
    out = []
    mtext = _masked_text(art)
    for _, ptext, po in art.paras:
        starts = _sentence_starts(ptext) + [len(ptext)]
        for s0, s1 in zip(starts, starts[1:]):
            sent = _strip_dateline(mtext[po + s0: po + s1])
            shift = (s1 - s0) - len(sent)
            if not sent.strip() or (":" not in sent and next(_speech_verbs_in(sent), None) is None):
                continue
            found = _attr_before(sent)
            if found is None:
                continue
            mention, verb, off = found
            out.append((po + s0 + shift + off, mention, verb, po))
    return out


def _last_event_speaker(art: "_Article", events, prev_speech, pos: int, since: int):
    """The speaker of the latest quote or paraphrase before ``pos`` (not earlier than ``since``)."""
    best_pos, best = -1, None
    if prev_speech is not None and prev_speech.entity is not None and getattr(prev_speech, "end_pos", -1) >= since:
        best_pos, best = prev_speech.end_pos, prev_speech.entity
    for epos, mention, verb, pstart in events:
        if since <= epos < pos and epos > best_pos:
            ent = _resolve(art, mention, epos, pstart)
            if ent is not None and ent.kind != "document":
                best_pos, best = epos, ent
    return best


def _opens_with_mark(text: str) -> bool:
    """Does the paragraph open with an opening (or straight) double quotation mark?"""
    t = text.lstrip()
    return bool(t) and t[0] in OPEN_DQ + '"'


def _extract_article(art: _Article, actors: pd.DataFrame | None, side_of: dict[str, str]) -> tuple[list[dict], list[dict]]:
    paras = art.paras
    problems: list[dict] = []
    # 1. pair marks per paragraph
    segs_by_para: list[list[_Seg]] = []
    pending: _Seg | None = None
    for k, (pno, text, _) in enumerate(paras):
        continues = k + 1 < len(paras) and _opens_with_mark(paras[k + 1][1])
        spans, probs = _pair_marks(text, continues)
        for pr in probs:
            problems.append({"doc_id": art.doc_id, "para_no": pno, "problem": pr})
        segs = []
        for o, c in spans:
            segs.append(_Seg(k, o, c))
        segs_by_para.append(segs)

    # 2. build quotes: join multi-paragraph and interrupted segments
    quotes: list[_Quote] = []
    carry: _Quote | None = None
    for k, segs in enumerate(segs_by_para):
        para = paras[k][1]
        para_quotes: list[_Quote] = []
        for j, seg in enumerate(segs):
            lead_ok = para[:seg.open_i].strip() == ""
            if carry is not None and j == 0 and lead_ok:
                seg.cont_from_prev = True
                carry.segs.append(seg)
                q = carry
                carry = None
            else:
                if carry is not None:
                    # the previous paragraph's quote was never continued: damaged
                    _close_damaged(carry, paras, problems, art)
                    carry = None
                q = None
                if para_quotes:
                    prev = para_quotes[-1]
                    last = prev.segs[-1]
                    if last.para_idx == k and last.close_i is not None:
                        inner_prev = _inner(para, last).rstrip()
                        gap = para[last.close_i + 1:seg.open_i]
                        if (inner_prev.endswith((",", "—", "–", "-", "…")) or gap.lstrip().startswith(("—", "–"))) \
                                and _INTERRUPT.match(gap) and not re.search(r"[.!?]\s", gap.replace("Dr.", "Dr").replace("Mr.", "Mr")):
                            prev.segs.append(seg)
                            q = prev
                if q is None:
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

    # 3. kinds and attribution
    # quoted stretches, so that words inside quotes are never taken for attributions or subjects
    art.quote_spans = []
    for q in quotes:
        for sg in q.segs:
            po = paras[sg.para_idx][2]
            e = sg.close_i if sg.close_i is not None else len(paras[sg.para_idx][1])
            art.quote_spans.append((po + sg.open_i, po + e + 1))
    art.sent_starts = []
    for _, ptext, po in paras:
        art.sent_starts.extend(po + s for s in _sentence_starts(ptext))
    events = _speech_events(art)
    rows = []
    prev_speech: _Quote | None = None
    for q in quotes:
        first, last = q.segs[0], q.segs[-1]
        para = paras[first.para_idx][1]
        lpara = paras[last.para_idx][1]
        para_off = paras[first.para_idx][2]
        sent_starts = _sentence_starts(para)
        s0 = max([s for s in sent_starts if s <= first.open_i] or [0])
        before = _strip_dateline(para[s0:first.open_i])
        # a previous quote in the same sentence ends the 'before' part
        same_sentence_prev: _Quote | None = None
        for other in quotes:
            o_last = other.segs[-1]
            if other is not q and o_last.para_idx == first.para_idx and o_last.close_i is not None and s0 <= o_last.close_i < first.open_i:
                before = para[o_last.close_i + 1:first.open_i]
                same_sentence_prev = other
        lend = last.close_i + 1 if last.close_i is not None else len(lpara)
        if getattr(last, "_cut", None) is not None:
            lend = last._cut  # type: ignore[attr-defined]
        nxt_open = min([s.open_i for other in quotes for s in other.segs if s.para_idx == last.para_idx and s.open_i >= lend] or [len(lpara)])
        after = lpara[lend:nxt_open]
        inner_all = " ".join(_seg_text(paras, s) for s in q.segs)
        inner_first = _seg_text(paras, first)
        a_after = None
        ends_sentence = bool(re.search(r"[.]\W*$", _seg_text(paras, last)))
        if not ends_sentence or re.match(r"^\s*[,a-z]", after) or re.match(r"^\s*[,—–-]?\s*(?:according to)\b", after):
            a_after = _attr_after(after)
        cands_attr = []
        # interrupted quote: attribution sits in the gap
        if len(q.segs) > 1:
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
        inherited = False
        if bb and same_sentence_prev is not None and same_sentence_prev.entity is not None and \
                not _name_like(bb[0]) and bb[0] not in _PRONOUNS and re.search(r"\bthat\s+$", before[:bb[2]]):
            bb = None  # 'X said A "..." and that B "...": the second quote is X's too
        if bb:
            b_attr = (bb[0], bb[1], para_off + first.open_i - len(before) + bb[2])
            embedded = bool(re.search(r"[\w’'\-]\s*$", before))
            if embedded:
                cands_attr.insert(0, b_attr)
            else:
                cands_attr.append(b_attr)
        acc = [c for c in cands_attr if c[1] == "according to"]
        attr = acc[0] if acc and not (bb and embedded) else (cands_attr[0] if cands_attr else None)
        if attr is None and same_sentence_prev is not None and same_sentence_prev.kind in SPEECH_KINDS \
                and same_sentence_prev.entity is not None:
            inherited = True
        has_attr = attr is not None or inherited
        q.kind = _kind(inner_first if len(q.segs) == 1 or q.segs[1].para_idx != first.para_idx else inner_all,
                       before if before.strip() else para[:first.open_i], after, has_attr,
                       para[:first.open_i].strip() == "")
        if q.kind in ("scare", "title"):
            # a quoted phrase with a clear speaker and speech verb next to it is speech after all
            if q.kind == "scare" and has_attr and (attr is None or attr[1] != ":") and not _scare_cue(before) \
                    and not _modifier_quote(before, after):
                q.kind = "partial"
            else:
                q.mention = None
        if q.kind in SPEECH_KINDS:
            ent = None
            if attr is not None:
                q.mention, q.verb = attr[0], attr[1]
                ent = _resolve(art, attr[0], attr[2], para_off)
                if ent is not None and ent.kind == "document":
                    ent = _document_issuer(art, attr[0], attr[2], para_off) or \
                        _last_event_speaker(art, events, prev_speech, attr[2], para_off - 1)
            elif inherited:
                ent = same_sentence_prev.entity  # type: ignore[union-attr]
                q.mention, q.verb = same_sentence_prev.mention, same_sentence_prev.verb  # type: ignore[union-attr]
            else:
                opens_para = para[:first.open_i].strip() == ""
                q_pos = para_off + first.open_i
                if opens_para:
                    # a quote alone at the start of a paragraph: the latest speaker of the previous paragraph
                    prev_para_start = paras[first.para_idx - 1][2] if first.para_idx > 0 else 0
                    ent = _last_event_speaker(art, events, prev_speech, q_pos, prev_para_start)
                    if ent is None and first.para_idx > 0:
                        # 'X, a fellow at Y, doubts that ...' followed by a paragraph of quotation
                        last_start = max([st for st in art.sent_starts if prev_para_start <= st < para_off] or [prev_para_start])
                        cands = [m for m in art.mentions if last_start <= m.pos < para_off and m.entity.kind == "person"
                                 and not _in_quote(art, m.pos)]
                        if cands:
                            ent = cands[0].entity
                else:
                    ent = _last_event_speaker(art, events, prev_speech, q_pos, para_off)
                    if ent is None:
                        cands = [m for m in art.mentions if para_off <= m.pos < q_pos and m.entity.kind == "person"
                                 and not _in_quote(art, m.pos)]
                        if cands:
                            ent = cands[0].entity
            q.entity = ent
            # the quote's sentence (with its attribution) ends where the next sentence starts
            nxt_sent = [st for st in _sentence_starts(lpara) if st >= lend]
            q.end_pos = paras[last.para_idx][2] + (nxt_sent[0] if nxt_sent else len(lpara))
            prev_speech = q
        rows.append(q)

    out = []
    for i, q in enumerate(rows):
        first, last = q.segs[0], q.segs[-1]
        s, _ = _bounds(paras[first.para_idx][1], first)
        _, e = _bounds(paras[last.para_idx][1], last)
        if getattr(last, "_cut", None) is not None:
            e = last._cut  # type: ignore[attr-defined]
        text = " ".join(_seg_text(paras, sg) for sg in q.segs)
        ent = q.entity
        speaker = ent.name if ent is not None else None
        stype = _speaker_type(ent, q.kind) if q.kind in SPEECH_KINDS else None
        side = None
        if ent is not None and side_of:
            side = side_of.get(ent.name.lower())
        out.append({
            "doc_id": art.doc_id,
            "quote_no": i,
            "text": text,
            "kind": q.kind,
            "speaker": speaker,
            "speaker_mention": q.mention if q.kind in SPEECH_KINDS else None,
            "verb": q.verb if q.kind in SPEECH_KINDS else None,
            "para_no": paras[first.para_idx][0],
            "para_end": paras[last.para_idx][0],
            "start": paras[first.para_idx][2] + s,
            "end": paras[last.para_idx][2] + e,
            "n_words": len(_words(text)),
            "speaker_type": stype,
            "role": (ent.role if ent is not None else None) if q.kind in SPEECH_KINDS else None,
            "affiliation": (ent.affiliation if ent is not None else None) if q.kind in SPEECH_KINDS else None,
            "side": side,
            "note": "; ".join(q.note) if q.note else None,
        })
    return out, problems


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


def _speaker_type(ent: Person | None, kind: str) -> str:
    """Speaker type from the profile the article gives (role, affiliation, organisation or group)."""
    if ent is None:
        return "unknown"
    if ent.kind == "org":
        return _affiliation_class(ent.name) if _affiliation_class(ent.name) == "media" else "organisation"
    role = (ent.role or "").lower()
    text = " ".join(x for x in (role, (ent.affiliation or "").lower()) if x)
    if ent.kind in ("group", "descriptor"):
        text = (text + " " + ent.name.lower()).strip()
        w = _words(text)
        if w and w[-1] in ("sides", "side", "governments", "countries", "nations", "ministries"):
            return "organisation"
    words = _words(text)
    role_words = _words(role)
    aff_class = _affiliation_class(ent.affiliation)
    # a leader or spokesperson takes the type of the organisation they speak for
    if aff_class and (not role_words or any(w in _LEADER_WORDS for w in role_words)) and not any(
            w in _TYPE_RULES[1][1] for w in role_words):
        return aff_class
    for typ, vocab in _TYPE_RULES:
        if any(w in vocab for w in words):
            return typ
    if aff_class:
        return aff_class
    if ent.kind == "person" and (role or ent.affiliation):
        return "citizen"  # described, but with no title or institution: an ordinary person
    return "unknown"



# --------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------

def _require(df: pd.DataFrame, needed: Iterable[str], what: str) -> None:
    """Fail with the missing and the present columns when ``df`` lacks a needed column."""
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise KitError(f"{what} lacks column(s) {missing}; it needs {', '.join(needed)}; "
                       f"it has: {', '.join(map(str, df.columns)) or '(no columns)'}")


def _as_paragraphs(paragraphs: Any, articles: pd.DataFrame | None) -> pd.DataFrame:
    if paragraphs is None and articles is not None:
        paragraphs = articles
    if hasattr(paragraphs, "paragraphs") and isinstance(getattr(paragraphs, "paragraphs"), pd.DataFrame):
        paragraphs = paragraphs.paragraphs
    if not isinstance(paragraphs, pd.DataFrame):
        raise KitError("extract_quotes needs a paragraphs table (doc_id, para_no, role, text), an articles "
                       f"table (doc_id, text) or a Corpus; got {type(paragraphs).__name__}")
    if "para_no" not in paragraphs.columns:
        _require(paragraphs, ("doc_id", "text"), "articles table")
        rows = []
        for doc_id, text in zip(paragraphs["doc_id"], paragraphs["text"]):
            for k, p in enumerate(re.split(r"\n\s*\n", str(text) if _nz(text) is not None else "")):
                if p.strip():
                    rows.append((doc_id, k, "body", p))
        out = pd.DataFrame(rows, columns=["doc_id", "para_no", "role", "text"])
        if not rows:  # keep the id dtype of the input (integer ids stay integers)
            out["doc_id"] = out["doc_id"].astype(paragraphs["doc_id"].dtype)
        return out
    _require(paragraphs, ("doc_id", "para_no", "role", "text"), "paragraphs table")
    return paragraphs


def read_actors(actors: Any) -> pd.DataFrame:
    """Deprecated: use :func:`kit.actors.load_actors`, the one actor loader (YAML, CSV/TSV, JSON,
    DataFrame, list of records or a bundled name; same checks and missing-value rule for all).
    None gives an empty actor table.
    """
    from kit.actors import ACTOR_COLUMNS, load_actors
    from kit.deprecation import warn_renamed

    warn_renamed("kit.quotes.read_actors()", "kit.actors.load_actors()")
    if actors is None:
        return pd.DataFrame(columns=list(ACTOR_COLUMNS))
    return load_actors(actors)


def _run(paragraphs, articles, actors):
    paras = _as_paragraphs(paragraphs, articles)
    if "role" in paras.columns:
        paras = paras[paras["role"] == "body"]
    from kit.actors import load_actors

    actor_df = load_actors(actors) if actors is not None else None
    side_of: dict[str, str] = {}
    lookup: dict[str, dict] = {}
    if actor_df is not None and len(actor_df):
        for row in actor_df.to_dict("records"):
            for form in [row["name"], *row["aliases"]]:
                lookup.setdefault(_norm_key(str(form)), row)
    all_rows: list[dict] = []
    all_probs: list[dict] = []
    paras = paras.sort_values(["doc_id", "para_no"], kind="stable")
    for doc_id, grp in paras.groupby("doc_id", sort=False):
        plist = []
        off = 0
        for pno, text in zip(grp["para_no"], grp["text"]):
            t = "" if _nz(text) is None else str(text)
            plist.append((int(pno), t, off))
            off += len(t) + 2
        art = _Article(doc_id=doc_id, paras=plist, text="\n\n".join(p[1] for p in plist))
        _build_entities(art, actor_df)
        rows, probs = _extract_article(art, actor_df, side_of)
        if lookup:
            for r in rows:
                hit = lookup.get(_norm_key(r["speaker"])) if r["speaker"] else None
                if hit is None:
                    continue
                r["speaker"] = hit["name"]
                r["side"] = hit["side"]
                if hit["type"]:
                    r["speaker_type"] = hit["type"]
                r["role"] = r["role"] or hit["role"]
                r["affiliation"] = r["affiliation"] or hit["organisation"]
        all_rows.extend(rows)
        all_probs.extend(probs)
    return all_rows, all_probs, actor_df


def extract_quotes(paragraphs: Any, *, articles: pd.DataFrame | None = None, actors: Any = None) -> pd.DataFrame:
    """Find the direct quotes in body paragraphs and attribute each to its speaker.

    Parameters
    ----------
    paragraphs
        The ``paragraphs`` table (doc_id, para_no, role, text; only role ``body`` is searched),
        a :class:`kit.corpus.Corpus`, or an ``articles`` table (doc_id, text: the text is split
        at blank lines and every paragraph is treated as body).
    articles
        Optional ``articles`` table, used when ``paragraphs`` is None.
    actors
        Optional actor list (DataFrame or YAML/CSV/JSON path, see :func:`read_actors`): aliases
        resolve to the actor's name, and role, organisation and ``side`` fill the profile.

    Returns
    -------
    DataFrame with the columns of :data:`QUOTE_COLUMNS`, one row per quote in reading order.
    ``doc_id`` keeps the values (and dtype) of the input ids. ``start``/``end`` are offsets into
    the article's body text (body paragraphs joined by a blank line, as ``articles.text``); for
    interrupted and multi-paragraph quotes ``text`` joins the parts with one space. Problems with
    unbalanced marks are in ``note``, and ``result.attrs["problems"]`` holds them as a list of
    records (doc_id, para_no, problem); :func:`quote_problems` with ``quotes=result`` gives them
    as a table without extracting again.

    Examples
    --------
    >>> paras = pd.DataFrame({"doc_id": ["a", "a"], "para_no": [0, 1], "role": ["body", "body"],
    ...     "text": ["Foreign Minister Ana Ribeiro met reporters on Monday.",
    ...              '"We are ready," Ribeiro said, "and so are they."']})
    >>> q = extract_quotes(paras)
    >>> q[["text", "kind", "speaker", "speaker_mention", "verb"]].values.tolist()
    [['We are ready, and so are they.', 'full', 'Ana Ribeiro', 'Ribeiro', 'said']]
    >>> q.loc[0, "role"], q.loc[0, "speaker_type"]
    ('Foreign Minister', 'official')
    """
    rows, probs, _ = _run(paragraphs, articles, actors)
    df = pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))
    for c in ("quote_no", "para_no", "para_end", "start", "end", "n_words"):
        df[c] = df[c].astype("int64")
    if not rows:
        df["doc_id"] = df["doc_id"].astype(_as_paragraphs(paragraphs, articles)["doc_id"].dtype)
    # plain records, not a DataFrame: pandas compares attrs when it concatenates or merges
    # tables, and a DataFrame there makes pd.concat of two quote tables fail
    df.attrs["problems"] = [dict(p) for p in probs]
    return df


_PROBLEM_COLUMNS = ["doc_id", "para_no", "problem"]


def quote_problems(paragraphs: Any = None, *, articles: pd.DataFrame | None = None,
                   quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Unbalanced or stray quotation marks found in body paragraphs, and how they were repaired.

    Pass the table of :func:`extract_quotes` as ``quotes=`` to read the problems it already
    found (no second extraction); or pass ``paragraphs`` / ``articles`` as to :func:`extract_quotes`.

    Returns
    -------
    DataFrame with columns doc_id, para_no, problem.

    Examples
    --------
    >>> paras = pd.DataFrame({"doc_id": ["a"], "para_no": [0], "role": ["body"],
    ...                       "text": ["The vote was 41 to 29”. Nobody objected."]})
    >>> quote_problems(paras)["problem"].tolist()
    ['stray quotation mark ignored at offset 21']
    >>> quote_problems(quotes=extract_quotes(paras))["para_no"].tolist()
    [0]
    """
    if quotes is not None:
        if paragraphs is not None or articles is not None:
            raise KitError("quote_problems takes either quotes= (a table from extract_quotes) or the "
                           "paragraphs / articles, not both")
        if not isinstance(quotes, pd.DataFrame) or "problems" not in quotes.attrs:
            raise KitError("quote_problems(quotes=...) needs the table returned by extract_quotes "
                           "(its attrs['problems'] is missing: it was lost by copying or saving the table)")
        probs = quotes.attrs["problems"]
        if isinstance(probs, pd.DataFrame):
            return probs.reindex(columns=_PROBLEM_COLUMNS).reset_index(drop=True)
        return pd.DataFrame(list(probs), columns=_PROBLEM_COLUMNS)
    if paragraphs is None and articles is None:
        raise KitError("quote_problems needs paragraphs, articles= or quotes=")
    _, probs, _ = _run(paragraphs, articles, None)
    return pd.DataFrame(probs, columns=_PROBLEM_COLUMNS)


_SOURCE_BY = ("speaker", "speaker_type", "side", "kind")
_PERIODS = ("day", "week", "month", "quarter", "year")


def _check_n(n: Any, name: str = "n") -> int:
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise KitError(f"{name} must be a positive integer, got {n!r}")
    return int(n)


def _check_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    bad = [k for k in kinds if k not in QUOTE_KINDS]
    if bad:
        raise KitError(f"unknown quote kinds {bad}; valid: {list(QUOTE_KINDS)}")
    return kinds


def _grouped(articles: pd.DataFrame, group_by: str | None) -> tuple[pd.DataFrame, str]:
    """``articles`` with the grouping column, and its name.

    Labels are those of :func:`kit.dictionaries.group_column` (the frames and tone tables use the
    same): a column's missing values become ``(unknown)``, ``month`` gives ``2023-02``, undated
    articles ``(undated)``, and ``group_by=None`` one group ``all`` in a column ``group``. Grouping
    by ``doc_id`` keeps the ids as they are.
    """
    from kit.dictionaries import group_column

    if group_by is not None and not isinstance(group_by, str):
        raise KitError(f"group_by must be a column name, a period ({', '.join(_PERIODS)}) or None; got {group_by!r}")
    if group_by == "doc_id":
        return articles, "doc_id"
    if group_by is not None and group_by not in articles.columns and group_by not in _PERIODS:
        raise KitError(f"group_by {group_by!r} is not a column of the articles table; use one of its columns "
                       f"({', '.join(map(str, articles.columns))}), a period ({', '.join(_PERIODS)}) or None")
    name = group_by if group_by is not None else "group"
    return articles.assign(**{name: group_column(articles, group_by).to_numpy()}), name


def _same_id_type(q: pd.DataFrame, arts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Compare ids as text when one table holds numbers and the other text (a CSV round trip)."""
    qn = pd.api.types.is_numeric_dtype(q["doc_id"])
    an = pd.api.types.is_numeric_dtype(arts["doc_id"])
    if len(q) and len(arts) and qn != an:
        return q.assign(doc_id=q["doc_id"].astype(str)), arts.assign(doc_id=arts["doc_id"].astype(str))
    return q, arts


def sources(quotes: pd.DataFrame, articles: pd.DataFrame, *, group_by: str | None = "doc_id", by: str | None = None,
            kinds: Iterable[str] = SPEECH_KINDS) -> pd.DataFrame:
    """Who speaks, summarised per article or per group of articles.

    Parameters
    ----------
    quotes
        Output of :func:`extract_quotes` (needs doc_id, text, kind, speaker, n_words, and the
        ``by`` column).
    articles
        The ``articles`` table (needs ``doc_id``, ``text`` and the ``group_by`` column).
    group_by
        ``doc_id`` (per article, the default), a column of ``articles`` (``outlet``, ``section``
        ...), a period of ``published`` (``day``, ``week``, ``month``, ``quarter``, ``year``:
        labels such as ``2023-02``, the same as the frames tables) or None (one group ``all`` in
        a column ``group``). Articles whose group is missing count under ``(unknown)``, undated
        ones under ``(undated)``: no article is dropped.
    by
        None for one row per group; or ``speaker``, ``speaker_type``, ``side`` or ``kind`` for
        one row per group and value (quoted words by speaker type, most-quoted people ...).
    kinds
        Quote kinds counted as speech (scare quotes and titles are not speech).

    Returns
    -------
    With ``by=None``: the group column, n_articles, n_quotes, n_voices (distinct speakers),
    quoted_words, words (all words of the articles), quote_share (quoted_words / words),
    top_speaker, top_speaker_quotes. With ``by``: the group column, the ``by`` column, n_quotes,
    quoted_words, n_articles (articles where it speaks), share (of the group's quoted words),
    sorted by group and descending quoted words. Unknown speakers count under ``(unknown)``.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"],
    ...     "text": ['"We will win this," Ana Ruiz said.', 'Calm day. "Nothing new," said Bo Li.']})
    >>> q = extract_quotes(arts)
    >>> s = sources(q, arts, group_by="outlet")
    >>> s[["outlet", "n_quotes", "n_voices", "quoted_words", "words"]].values.tolist()
    [['X', 2, 2, 6, 14]]
    >>> round(float(s.loc[0, "quote_share"]), 3)
    0.429
    """
    kinds = _check_kinds(kinds)
    if by is not None and by not in _SOURCE_BY:
        raise KitError(f"unknown by={by!r}; valid: None, {', '.join(_SOURCE_BY)}")
    _require(quotes, ("doc_id", "text", "kind", "speaker", "n_words") + ((by,) if by else ()), "quotes table")
    _require(articles, ("doc_id", "text"), "articles table")
    articles, group = _grouped(articles, group_by)
    arts = articles[["doc_id", "text"] + ([group] if group != "doc_id" else [])].copy()
    arts["words"] = arts["text"].map(lambda t: len(_words(str(t))) if _nz(t) is not None else 0)
    q = quotes[quotes["kind"].isin(kinds)].copy()
    q.attrs = {}
    q, arts = _same_id_type(q, arts)
    q = q.merge(arts[["doc_id"] + ([group] if group != "doc_id" else [])], on="doc_id", how="inner")
    q["speaker"] = q["speaker"].astype("object").where(q["speaker"].notna(), "(unknown)")
    for c in ("speaker_type", "side"):
        if c in q.columns:
            q[c] = q[c].astype("object").where(q[c].notna(), "unknown" if c == "speaker_type" else "(none)")
    if by is None:
        base = arts.groupby(group, sort=True).agg(n_articles=("doc_id", "nunique"), words=("words", "sum"))
        named = q[q["speaker"] != "(unknown)"]
        agg = q.groupby(group).agg(n_quotes=("text", "size"), quoted_words=("n_words", "sum"))
        voices = named.groupby(group)["speaker"].nunique().rename("n_voices")
        out = base.join(agg).join(voices)
        for c in ("n_quotes", "quoted_words", "n_voices"):
            out[c] = out[c].fillna(0).astype("int64")
        out["quote_share"] = (out["quoted_words"] / out["words"].where(out["words"] > 0)).astype("float64")
        if len(named):
            counts = named.groupby([group, "speaker"]).size().rename("n").reset_index()
            counts = counts.sort_values([group, "n", "speaker"], ascending=[True, False, True])
            top = counts.drop_duplicates(group).set_index(group)
            out["top_speaker"] = top["speaker"].reindex(out.index).astype("object")
            out["top_speaker_quotes"] = top["n"].reindex(out.index).fillna(0).astype("int64")
        else:
            out["top_speaker"] = None
            out["top_speaker_quotes"] = 0
        out = out.reset_index()
        return out[[group, "n_articles", "n_quotes", "n_voices", "quoted_words", "words", "quote_share",
                    "top_speaker", "top_speaker_quotes"]]
    agg = q.groupby([group, by]).agg(n_quotes=("text", "size"), quoted_words=("n_words", "sum"),
                                      n_articles=("doc_id", "nunique")).reset_index()
    totals = agg.groupby(group)["quoted_words"].transform("sum")
    agg["share"] = (agg["quoted_words"] / totals.where(totals > 0)).astype("float64")
    agg = agg.sort_values([group, "quoted_words", by], ascending=[True, False, True]).reset_index(drop=True)
    return agg


def top_speakers(quotes: pd.DataFrame, articles: pd.DataFrame, *, group_by: str | None = "outlet", n: int = 10,
                 kinds: Iterable[str] = SPEECH_KINDS) -> pd.DataFrame:
    """The ``n`` most-quoted named speakers of each group, by quoted words.

    ``group_by`` works as in :func:`sources`; ``n`` is any positive integer (``numpy.int64`` too).

    Returns
    -------
    DataFrame with the group column, rank (1 = most quoted), speaker, speaker_type, side,
    n_quotes, quoted_words, n_articles and share (of the group's quoted words, all speakers
    included).

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
    ...     "text": ['"We will win this race," said Ana Ruiz. "Maybe," said Bo Li. "Yes," said Ana Ruiz.']})
    >>> top_speakers(extract_quotes(arts), arts, n=1)[["outlet", "rank", "speaker", "n_quotes", "quoted_words"]].values.tolist()
    [['X', 1, 'Ana Ruiz', 2, 6]]
    """
    n = _check_n(n)
    kinds = _check_kinds(kinds)
    _require(quotes, ("doc_id", "text", "kind", "speaker", "n_words", "speaker_type", "side"), "quotes table")
    by_speaker = sources(quotes, articles, group_by=group_by, by="speaker", kinds=kinds)
    group = by_speaker.columns[0]
    named = by_speaker[by_speaker["speaker"] != "(unknown)"].copy()
    q = quotes[quotes["kind"].isin(kinds) & quotes["speaker"].notna()]
    profile = q.groupby("speaker").agg(speaker_type=("speaker_type", lambda s: s.mode().iloc[0] if s.notna().any() else None),
                                       side=("side", lambda s: s.dropna().iloc[0] if s.notna().any() else None))
    named = named.merge(profile, left_on="speaker", right_index=True, how="left")
    named = named.sort_values([group, "quoted_words", "n_quotes", "speaker"], ascending=[True, False, False, True])
    named["rank"] = named.groupby(group).cumcount() + 1
    named = named[named["rank"] <= n]
    return named[[group, "rank", "speaker", "speaker_type", "side", "n_quotes", "quoted_words", "n_articles",
                  "share"]].reset_index(drop=True)


def example_quotes(quotes: pd.DataFrame, articles: pd.DataFrame, *, group_by: str | None = "outlet", n: int = 3,
                   seed: int = 0, kinds: Iterable[str] = ("full",), min_words: int = 8) -> pd.DataFrame:
    """A seeded random sample of ``n`` quotes per group, for reading next to the numbers.

    ``group_by`` works as in :func:`sources`; ``n`` is any positive integer (``numpy.int64`` too).

    Returns
    -------
    DataFrame with the group column, doc_id, title (when the articles table has one), speaker,
    speaker_type, text; the same seed gives the same sample.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "title": ["T"],
    ...     "text": ['"We will win this race and then the next one too," said Ana Ruiz.']})
    >>> example_quotes(extract_quotes(arts), arts, n=2)[["outlet", "speaker"]].values.tolist()
    [['X', 'Ana Ruiz']]
    """
    n = _check_n(n)
    kinds = _check_kinds(kinds)
    if isinstance(min_words, bool) or not isinstance(min_words, numbers.Integral) or min_words < 0:
        raise KitError(f"min_words must be a whole number >= 0, got {min_words!r}")
    _require(quotes, ("doc_id", "quote_no", "text", "kind", "speaker", "speaker_type", "n_words"), "quotes table")
    _require(articles, ("doc_id",), "articles table")
    articles, group = _grouped(articles, group_by)
    cols = ["doc_id"] + ([group] if group != "doc_id" else []) + (["title"] if "title" in articles.columns else [])
    q = quotes[quotes["kind"].isin(kinds) & (quotes["n_words"] >= min_words)].copy()
    q.attrs = {}
    q, arts = _same_id_type(q, articles[cols])
    q = q.merge(arts, on="doc_id", how="inner")
    q = q.sample(frac=1.0, random_state=int(seed)) if len(q) else q
    out = q.groupby(group, sort=True).head(n).sort_values([group, "doc_id", "quote_no"])
    keep = [group] + (["doc_id"] if group != "doc_id" else []) + (["title"] if "title" in cols else []) + [
        "speaker", "speaker_type", "text"]
    return out[keep].reset_index(drop=True)
