"""Word lists and name patterns of quote extraction, as data (one comment each)."""
from __future__ import annotations

import re

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
report reports reported
fumed fumes barked barks beamed remembered remembers mused muses marveled marvelled groused
grouses exclaimed exclaims gushed railed bragged brags thundered retorted retorts scolded chided
lectured wondered wonders reasoned sniped griped gripes ranted boomed intoned answered answers
cried yelled yells screamed screams
pressed presses retaliated retaliates interjected interjects snapped
found finds sang sings
""".split()
#: Verbs of saying written in two words: '"...," X went on'.
_SPEECH_PHRASES = ("went on", "goes on", "shot back", "fired back", "chimed in")
SPEECH_VERBS: frozenset[str] = frozenset(_SPEECH_VERBS) | frozenset(_SPEECH_PHRASES)
#: Verbs of saying that are also the nouns that end the names of places, offices and outlets
#: ('United States', 'State Department', 'Washington Post', 'Drudge Report', 'West Point'): never
#: the verb of a title-case headline (rules VERB_BEFORE_NAME and HEADLINE_VERB). Chosen by their
#: capitalised uses inside a run of names on PolNeAR dev and frames-dev, where these five nouns
#: were almost all of them.
_SPEECH_VERB_NOUNS = frozenset("state states post posts report reports point points".split())

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

#: Rule PREPOSITION_OPENER: prepositions (many of them participles in form) that open a sentence
#: and are never the first word of a name ('Regarding Trump, she said ...'); part of _CAP_STOP.
_PREPOSITION_OPENERS = frozenset("""
Regarding Concerning Including Excluding Following Considering Featuring Notwithstanding Barring
Per Via Versus Re Beside Besides Behind Beneath Beyond Except Past Plus Minus Amongst Whilst
""".split())
_CAP_STOP = _CAP_STOP | _PREPOSITION_OPENERS

#: Rule PARTICIPLE_OPENER: given names and surnames that end in '-ing' (a sentence-opening word in
#: '-ing' before a name is a participle, 'Playing Trump', 'Impeaching Trump', unless it is one of
#: these: 'Sterling K. Brown', 'Irving Kristol').
_ING_NAMES = frozenset("""
sterling irving channing manning fleming harding golding keating browning downing whiting
darling ewing hastings jennings cummings king ming ling bing jing ping ying xing ding qing
""".split())

#: Rule CALENDAR_NOT_SPEAKER: days and holidays, never part of a speaker's name ('Super
#: Tuesday', 'Clinton Christmas'); months are not here: 'May' and 'June' are names too.
_CALENDAR_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday christmas thanksgiving easter
hanukkah halloween ramadan passover
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
democrat democratic republican independent libertarian gop
""".split())
# the last line: party labels written before a name ('Republican Donald Trump', 'Democrat Hillary
# Clinton') are labels, not part of the name (one person, not two)

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

#: Rule LY_NOUN: nouns in -ly that can end a speaker's description ('the influential US daily',
#: 'a longtime ally', 'the family'): never read as an adverb that ends the noun phrase.
_LY_NOUNS = frozenset("daily weekly biweekly monthly quarterly family ally assembly rally".split())
#: A lookahead that keeps the nouns in -ly out of an adverb pattern (`[a-z]+ly`); rule LY_NOUN.
_NOT_LY_NOUN = r"(?!(?:%s)\b)" % "|".join(sorted(_LY_NOUNS))

_GROUP_HEADS = frozenset("""sides side officials users residents analysts experts critics
observers diplomats lawmakers legislators protesters investors economists scholars
researchers sources supporters opponents leaders members villagers farmers workers
students parents teachers fans voters citizens people activists officers soldiers
negotiators executives traders participants organisers organizers delegates bloggers
commentators netizens locals neighbours neighbors families governments countries
nations ministries""".split())

#: Rule DESCRIBED_SOURCE (kit.quotes.descriptions._is_source_noun): nouns for unnamed people who
#: can speak that no title or type list holds ('said a person close to X', 'one source', 'a
#: witness', 'one of those insiders'); with their plurals, and the plurals of the title and type
#: words ('one of those aides').
_SOURCE_NOUNS = frozenset("""
person source insider witness ally confidant confidante acquaintance colleague relative
staffer operative donor employee participant attendee onlooker bystander eyewitness man woman guy
girl boy husband wife child kid teenager voice
""".split())

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

#: Rule JOB_WORD (kit.quotes.name_shape._job_word): jobs a capitalised word before a full name may
#: name ('Pastor Ada Okoro', 'Sculptor Bo Hale') besides the title and type words above; only words
#: with a job noun's ending count, and no common surname ('Baker', 'Painter') is listed.
_JOB_NOUNS = frozenset("""
pastor deacon inventor sculptor producer publisher composer dancer drummer swimmer skater wrestler
photographer filmmaker rapper trooper ranger vintner grower supporter demonstrator defender
comedian musician librarian physician guitarist pianist cyclist dentist lobbyist
""".split())

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
#: A name word ('Ruiz', 'McCain', "O'Brien", 'Smith-Jones', 'FBI', 'U.S.'); rule APOSTROPHE_PREFIX:
#: one capital (not the pronoun I) and an apostrophe, straight or curly, before a capitalised word
#: is one name word ("D'Souza", 'N’Diaye', "L'Engle", as "O'Brien"); rule GLUED_ACRONYM: an
#: acronym glued to a capitalised word is one word ('AZCentral', not 'AZC'); rule ORDINAL_RANK:
#: an ordinal before a rank belongs to the title ('Air Force 1st Lt. Ana Ruiz').
_TOK = (rf"(?:(?:Dr|Mr|Mrs|Ms|Prof|Gen|Brig|Lt|Col|Capt|Sgt|Sen|Rep|Gov|Adm|Maj|Cmdr|Rev|St|Jr|Sr|Fr)\.|"
        rf"Mc[{_UP}][{_LOW}]+|(?!I['’])[{_UP}]['’][{_UP}][{_LOW}]+|[{_UP}][{_LOW}]+(?:[-'’][{_UP}]?[{_LOW}]+|[{_UP}][{_LOW}]+)*"
        rf"|[{_UP}]{{2,5}}[{_UP}][{_LOW}]{{2,}}"
        rf"|[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})*(?:['’]s)?|[{_UP}]\.(?:[{_UP}]\.)*"
        rf"|\d{{1,2}}(?:st|nd|rd|th)(?=\s(?:Lt|Sgt|Lieutenant|Sergeant|Class)\b))")
_CAP_RUN = re.compile(rf"(?<![\w.])(?:{_TOK})(?:\s+(?:{_PARTICLES}\s+)*(?:{_TOK}))*")
#: Rule ORG_AND_THE (session 13): after a 'for' or 'on' inside the run, 'and the' and
#: title-case words (no acronym) go on with the name ('Center for Tides and the Coastal Economy');
#: elsewhere 'and the' parts two names ('the Senate and the House', 'the Department of Justice and the
#: Pentagon', 'Ann Roe and the Harbor Board').
_ORG_RUN = re.compile(
    rf"(?<![\w.])(?:{_TOK})(?:(?:\s+|\s+(?:of|(?P<org_of>for|on)|and|&|the|of\s+the|for\s+the|de|du|des)\s+)(?:{_TOK}))*"
    rf"(?(org_of)(?:\s+and\s+the(?:\s+[{_UP}][{_LOW}]+)+(?![\w.]))?)")

_WORD = re.compile(r"[\w’'-]+")

#: Function words that are never a word of a speaker's role or name inside a noun phrase
#: ('former FBI agent Dana Gill', 'Sen. Bo Scott of Ohio'): prepositions, conjunctions, articles,
#: copulas, question and time words and the speech verbs that follow a name.
_NP_FUNCTION_WORDS = tuple("""
of to in on at for from with by as and or but how that which who what when where while if than
the a an is was were are after before last this next during told said says""".split())
#: A lookahead (put before a word pattern) that refuses a word of :data:`_NP_FUNCTION_WORDS`.
_NOT_FUNCTION_WORD = rf"(?!(?:{'|'.join(_NP_FUNCTION_WORDS)})\b)"

_MARK_RE = re.compile('[“«„”»"]')
OPEN_DQ = "“«„"
CLOSE_DQ = "”»"
ALL_DQ = OPEN_DQ + CLOSE_DQ + '"'

#: Places that a capitalised run may name and that are never speakers (written by us: US states,
#: large countries and cities, regions, streets of politics). A run that is one of these, or
#: ends in a place word (Street, County ...), is not a person.
_PLACES = frozenset(line.strip().lower() for line in """
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii
Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan
Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico
New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island
South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia
Wisconsin|Wyoming|Puerto Rico|New York City|Los Angeles|San Francisco|Las Vegas|New Orleans
Des Moines|Salt Lake City|San Diego|San Antonio|St. Louis|Kansas City|Wall Street|Main Street
Capitol Hill|Silicon Valley|Middle America|White America|Black America|Latin America
North America|South America|Central America|Middle East|North Korea|South Korea|Saudi Arabia
United States|United Kingdom|Great Britain|New Zealand|South Africa|Hong Kong|Soviet Union
European Union|America|Britain|England|Scotland|Ireland|France|Germany|Italy|Spain|Russia
China|Japan|India|Pakistan|Afghanistan|Iraq|Iran|Syria|Israel|Egypt|Libya|Mexico|Canada
Cuba|Brazil|Ukraine|Turkey|Europe|Asia|Africa|Benghazi|Baghdad|Moscow|Beijing|London|Paris
Berlin|Tokyo|Havana|Jerusalem|Tehran|Kabul|Manhattan|Brooklyn|Queens|Bronx|Chicago|Boston
Philadelphia|Detroit|Atlanta|Miami|Houston|Dallas|Phoenix|Denver|Seattle|Cleveland|Orlando
""".replace("\n", "|").split("|") if line.strip())
#: Last words that make a capitalised run a place or a facility, not a person.
_PLACE_WORDS = frozenset("""street avenue road boulevard square county city town village river
lake mountain mountains island islands valley beach park bay coast state states province
district heights hills springs falls harbor harbour airport stadium arena hall tower plaza
hotel hotels resort casino mall courthouse
""".split())

#: Rule NAME_HOMOGRAPH: words of _CAP_STOP that are also names ('George Will', 'Theresa May'):
#: inside a name, or alone when a person of the article carries them, they are name words.
_NAME_HOMOGRAPHS = frozenset("Will May June April August Grant Hope".split())

# nouns by which a story refers back to a news outlet ('the newspaper said'): rule OUTLET_DESCRIPTION
_OUTLET_NOUNS = frozenset("""
newspaper paper daily tabloid weekly magazine network channel broadcaster outlet publication
""".split())

# words that make an organisation's name a news outlet's ('The Washington Post', 'CNN'): rule
# OUTLET_DESCRIPTION (the speaker types use _MEDIA_WORDS above)
_OUTLET_NAME_WORDS = frozenset("""
post times journal herald tribune news gazette daily magazine telegraph guardian observer
chronicle globe examiner inquirer courier register review weekly press cnn msnbc fox nbc abc cbs
npr pbs bbc reuters bloomberg politico breitbart univision telemundo
""".split())

#: Verbs of saying that are also nouns, base and -s forms (rule NOUN_HOMOGRAPH in
#: kit.quotes.attribution: 'One tweet said', 'the congressional report said', 'by 21 points').
_NOUN_HOMOGRAPHS = frozenset("""call calls claim claims comment comments note notes point points post
posts report reports reply replies state states tweet tweets remark remarks demand demands pledge
pledges promise promises praise joke jokes vow vows label labels term terms chant chants hint hints
whisper whispers quip quips recall recount recounts lament laments highlight highlights shout
shouts sigh sighs laugh laughs""".split())
#: Number words before a noun ('one tweet', 'two reports').
_NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve twenty
thirty forty fifty hundred thousand million dozen dozens several""".split())

#: US state abbreviations as newsrooms write them after a town ('Derry, N.H.', 'Alexandria, Va.',
#: '(R-OH)'): AP style and postal codes, lower-cased without dots. A place, never a speaker (rule
#: STATE_ABBREVIATION in kit.quotes.attribution). Postal codes that are also words or common
#: acronyms (IN, ME, OR, OK, HI, DE, PA, MA, CO, ID, AL, LA, MD, MO, NE) are left out.
_STATE_ABBREVIATIONS = frozenset("""ala ariz ark calif colo conn del fla ga ill ind kan kans ky md mass
mich minn miss mont neb nebr nev nh nj nm ny nc nd okla ore pa ri sc sd tenn tex vt va wash wva wis
wisc wyo ak az ar ca ct fl ia ks mi mn ms mt nv oh ri tn tx ut vt wa wi wv wy""".split())

# --- entity typing of capitalised runs (rule NOT_A_PERSON, kit.quotes.entities._not_a_person) ---
#: Last words that make a capitalised run a place, a built thing, an event (a war, a crisis, a
#: strike), an award or a law
#: (written by us; _PLACE_WORDS above holds the streets, cities and rivers): 'the Arctic Sea',
#: 'Kestrel Glacier', 'Harbor Bridge', 'the Riverside Festival', 'the Clean Water Act'.
_NOT_PERSON_HEADS = frozenset("""
sea seas ocean oceans gulf strait straits channel sound peninsula desert glacier glaciers canyon
canal creek lagoon reef cape isle isles archipelago delta basin plateau plain plains prairie
swamp volcano peak peaks
bridge tower towers port station terminal highway freeway turnpike parkway
expressway interstate tunnel pier cathedral chapel abbey palace monument memorial
theater theatre cinema gallery library center centre building mansion estate ranch
summit festival fair expo convention conference games olympics championship championships
cup prize award awards medal trophy act bill amendment accord accords treaty doctrine
reform reforms war wars depression recession crisis revolution strike strikes pandemic epidemic
""".split())
#: First words that make a capitalised run a place or an event ('Santa Rosa', 'Fort Ledger', 'Mount
#: Ord', 'West Arden', 'Upper Vell', 'Hurricane Ada'): place prefixes, the points of the compass and
#: storms, never a given name.
_PLACE_OPENERS = frozenset("""santa san los las fort mount mt lake port cape puerto north south east west
northern southern eastern western central upper lower greater hurricane typhoon cyclone""".split())
#: Lower-case words right after a name that are verbs or function words, never the noun a run
#: modifies ('Roe has', 'Roe will', 'Roe himself', 'Roe and').
_AFTER_NAME_NOT_NOUN = frozenset("""
is was has had have will would can could should may might must does did do are were be been
being who whom whose which that and or but nor of in on at to for from with by as than then
too also himself herself itself themselves again still just only never always later now once
soon first last not about after before over into during since against among across through
without within under around while when where if because so yet here there back up down out off
""".split())

# --- session 12 (titles): rule ONE_NAME_TITLE ---
#: Titles written before one name, a given name or a surname, that make that word a person with the
#: title as role ('Pope Aurel', 'King Tomas', 'Cardinal Reyes'), unless the word is a place's or a
#: thing's head ('King County', 'Queen Street': name_shape._title_before_place).
_ONE_NAME_TITLES = frozenset("pope king queen prince princess emperor empress cardinal sultan sheikh".split())
#: Titles held by one sex only, which give the person they name a gender ('Pope Aurel ... he said',
#: 'Empress Ilse'); 'King', 'Queen', 'Prince', 'Princess' are already in the lists above.
_GENDER_NOUNS["m"] = _GENDER_NOUNS["m"] | frozenset("pope cardinal emperor sultan sheikh".split())
_GENDER_NOUNS["f"] = _GENDER_NOUNS["f"] | frozenset("empress".split())
#: The one-name titles that were not titles yet.
_TITLE_WORDS = _TITLE_WORDS | frozenset("empress sultan".split())
# --- session 12, branch glued ---
#: Rule NOT_A_PERSON (session 12): heads of research and observing places, an institution's venue
#: rather than a person ('the Kestrel Ridge Observatory').
_NOT_PERSON_HEADS = _NOT_PERSON_HEADS | frozenset("observatory observatories laboratory laboratories".split())
#: Rule NOT_A_NAME_WORD: quantifiers, determiners and interjections that open a sentence with a
#: capital and are never a given name or a surname ('Any delay ...', 'Most voters ...', 'Wait,
#: it gets worse'): a capitalised mention that one of them opens names nobody, as one made of them alone
#: (written by us; 'Will', 'May', 'Hope', 'Sure' are left out: they are names too).
_NOT_NAME_WORDS = frozenset("""
Any Most Some Many Much Every Each All Few Several Both Either Neither Such Another Other Others
More Less No None Nobody Somebody Anybody Everybody Everyone Someone Anyone
Wait Oh Ah Alas Wow Yes Yeah Nope Okay OK Hey Hello Hi Please Sorry Thanks Indeed Well Listen
""".split())
# --- session 13, branch types ---
#: Rule ROLE_TYPE_WORDS (session 13): role words the speaker-type lists above lack, by type, written
#: by us from a hand coding of real news speakers (docs/quotes.md, "Thirteenth round"): abbreviated
#: and plural titles ('Gov.', 'Associate Justices', 'Reps.'), the royal one-name titles, and
#: scientists' job nouns; 'study' and 'research' make a study or a research paper that speaks expert.
#: Used by the speaker types only (``_SPEAKER_TYPE_RULES``), so no speaker changes with them.
#: 'justice' is official only as the role's last word ('Associate Justice'; ``_OFFICIAL_HEAD_WORDS``),
#: never in 'environmental justice'.
_TYPE_WORDS_13 = {
    "official": frozenset("""gov govs justices reps sens administrator king queen prince princess
        emperor empress sultan sheikh monarch""".split()),
    "expert": frozenset("""climatologist climatologists meteorologist meteorologists forecaster
        forecasters glaciologist glaciologists oceanographer oceanographers physicist physicists
        biologist biologists ecologist ecologists geologist geologists chemist chemists study
        studies research""".split()),
}
#: Rule RELIGIOUS_LEADER (session 13): a religious leader's title; such a speaker speaks for a church,
#: a non-governmental institution, and is typed organisation (the coding rule of docs/quotes.md).
_RELIGIOUS_ROLES = frozenset("pope popes cardinal cardinals archbishop archbishops bishop bishops".split())
#: The speaker types' role words in the order they are tried: ``_TYPE_RULES`` with the words above,
#: then the religious leaders' titles (organisation).
_SPEAKER_TYPE_RULES: list[tuple[str, frozenset[str]]] = [
    (typ, vocab | _TYPE_WORDS_13.get(typ, frozenset())) for typ, vocab in _TYPE_RULES
] + [("organisation", _RELIGIOUS_ROLES)]
#: Rule NGO_STAFF (session 13): role words that say someone leads or works for an organisation but
#: not which kind ('executive director', 'co-founder', 'coordinator'); with an affiliation of no
#: known kind (no agency, company, university or outlet) the speaker speaks for that organisation.
_GENERIC_STAFF_WORDS = frozenset("""director directors executive executives manager managers founder
co-founder cofounder coordinator campaigner organiser organizer""".split())
#: Rule ROLE_TYPE_WORDS: words that make a role official only as its last word (see above).
_OFFICIAL_HEAD_WORDS = frozenset(("justice",))
#: Rule GLUED_TITLE (session 13): 'Administrator' is a title before a name ('Agency Administrator Ann
#: Roe' names Ann Roe, role 'Agency Administrator'), as 'Commissioner' and 'Director' are.
_TITLE_WORDS = _TITLE_WORDS | frozenset(("administrator",))

# --- session 13, branch names2 ---
#: Rule ORG_NAME_TAIL: heads of a law's or an agreement's name; an 'and' before such a name's last
#: words joins one name ('the Harbor Protection and Fair Wages Act'), not two speakers.
_LAW_HEADS = frozenset("act acts law code accord accords agreement treaty bill charter convention protocol".split())

# --- session 13, branch types2 ---
#: Rule PLURAL_TITLE_LIST: plural titles before a list of names, and the title each name takes.
_PLURAL_TITLES = {"reps": "Rep.", "sens": "Sen.", "govs": "Gov.", "senators": "Senator",
                  "representatives": "Representative", "governors": "Governor", "congressmen": "Congressman",
                  "congresswomen": "Congresswoman", "mayors": "Mayor"}

# --- session 14, branch fdcheck ---
#: Rule DEGREE_AFTER_NAME: academic degrees written after a name, dots and spaces taken out.
_DEGREES = frozenset("phd dphil md edd jd".split())
#: Rule CO_AUTHOR_TITLE: 'Co-author' before a name is a title, not a given name ('Co-author Bea Kell'
#: names Bea Kell, role 'Co-author'); a study's co-author is typed expert, as 'study' is.
_TITLE_WORDS = _TITLE_WORDS | frozenset(("co-author",))
_SPEAKER_TYPE_RULES = [(typ, vocab | frozenset(("co-author",)) if typ == "expert" else vocab)
                       for typ, vocab in _SPEAKER_TYPE_RULES]
#: Rule GIVEN_OPENER: past participles without '-ed' that open a sentence before a name and are no
#: given name ('Given Marlow's history with the river, ...' names nobody called Given).
_OPENER_PARTICIPLES = frozenset(("given",))

# --- session 14, branch weakrules ---
#: Rule CARRIER_READS: nouns of things that carry written words and that *read* a quote after it
#: ('"...," the email read', '"...," reads the sign'); *read* says nothing of a person.
_READ_CARRIERS = frozenset("""email emails e-mail letter letters memo note statement editorial sign signs
banner banners placard placards poster posters headline headlines caption tweet tweets post message
text ad advertisement flyer leaflet mailer plaque inscription release notice invitation petition
slogan shirt t-shirt cover page website""".split())

#: Verbs and nouns of chanting and crying out: a title-case quote right after them is the crowd's
#: words (speech), not a title (kinds rule TITLE_IN_SENTENCE; session 15).
_CHANT_WORDS = ("chant", "chants", "chanted", "chanting", "shout", "shouts", "shouted", "shouting",
                "yell", "yells", "yelled", "yelling", "cry", "cries", "cried", "crying", "calls",
                "sang", "singing", "sing", "sings", "screamed", "screaming", "cheered", "cheering",
                "chorus", "roared")


# --- session 16, branch speakers16 ---
#: Rule POSSESSOR_SPEAKS: nouns of things that carry their owner's words. After a possessive ('Roe's
#: plan', 'the dean's latest email', 'the agency's storm update') the thing speaks for its owner: the
#: owner is the speaker, as a document speaks for its issuer (ISSUER_NAMED). The written carriers of
#: CARRIER_READS count too. Not a choice or a stance without words ('Roe's decision', 'her view').
_OWNED_SPEECH_NOUNS = frozenset("""
plan plans proposal proposals response responses reply replies answer answers conclusion
conclusions argument arguments remarks comments words speech speeches testimony update updates
blog column op-ed book memoir essay series video videos lawsuit complaint filing warning warnings
announcement
""".split()) | _READ_CARRIERS
#: Rule OUTLET_DESK: the desks and verticals an outlet's name may carry after it ('Bloomberg
#: Environment', 'CNN Politics', 'Reuters Investigates'): the outlet's desk speaks as an outlet (media).
_OUTLET_DESKS = frozenset("""Environment Climate Energy Politics Opinion Opinions News Business Money Markets
Tech Technology Science Health World Investigates Sports Entertainment Weather Green Earth Live""".split())
#: Rule PEOPLE_IN_ORG_NAME: plural people nouns whose possessive is a word of an organisation's name
#: ("the Harbor Children's Fund", "the Women's Tide League"), not a possessor in front of it ("Ruritania's
#: Foreign Ministry" is the ministry).
_PEOPLE_PLURALS = frozenset("children women men people".split())


# --- session 16, branch speed4 ---
def _word_trie(words) -> str:
    """A regular-expression alternation of ``words`` written as a trie of their letters, so that
    ``re`` follows one branch per letter instead of trying every word in turn (a space inside a word
    matches any white space). Wherever a non-letter must follow (a word boundary, white space, a
    comma), it matches what the plain alternation of the words, longest first, matches: at one
    position only one of the words can end before a non-letter.

    >>> _word_trie(["say", "says", "saying", "said", "tell"])
    '(?:sa(?:id|y(?:(?:ing|s))?)|tell)'
    >>> [bool(re.fullmatch(_word_trie(["say", "says", "went on"]), w)) for w in ("say", "sa", "says", "went\\n on")]
    [True, False, True, True]
    """
    groups: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        groups.setdefault(w[:1], []).append(w[1:])
    alts = []
    for c, rests in groups.items():
        tails = [r for r in rests if r]
        head = r"\s+" if c == " " else re.escape(c)
        if not tails:
            alts.append(head)
            continue
        sub = _word_trie(tails)
        alts.append(head + (f"(?:{sub})?" if len(tails) < len(rests) else sub))
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


#: SPEECH_VERBS as one regular-expression alternation (a trie of their letters, :func:`_word_trie`),
#: a two-word verb ('went on') with any white space between its words: the one alternation of the
#: verbs of saying, for attribution (``attribution._VERB_ALT``) and for the pairing of quotation
#: marks (``marks._SAYING``). Every pattern that holds it has a non-letter follow it.
_SPEECH_VERB_ALT = _word_trie(SPEECH_VERBS)


# --- session 17, branch speakers17 ---
#: Rule SOURCE_CAN_SPEAK: heads of things that carry words and may be quoted as a source, besides the
#: documents (``extract._DOC_NOUNS``), the owned carriers (``_OWNED_SPEECH_NOUNS``) and the laws
#: (``_LAW_HEADS``): studies, polls, data ('according to a new poll', 'a 2014 study found'). A
#: lower-case description after *according to*, or the subject of a clause whose verb is no verb of
#: saying (CLAUSE_SUBJECT), speaks only when its head is one of these or names someone who can speak
#: ('according to plan', 'the grade of the steel', 'the new ferry terminal will' name no source).
_WORD_CARRIERS = frozenset("""
study studies survey surveys poll polls paper papers analysis analyses research data figures estimate
estimates record records census projection projections forecast forecasts model models assessment
assessments review reviews leak leaks account accounts story stories documents minutes findings
resolution resolutions deal ad ads advertisement commercial piece pieces cable cables opinion opinions
ruling rulings verdict order orders decree directive guidance guidelines website site page textbook
manifesto platform program programme agenda brochure pamphlet tweet tweets post posts
""".split())
#: Rule SOURCE_CAN_SPEAK: people close to someone who are quoted as a source and whom no other list
#: holds ('according to their friends', 'according to family members').
_KIN_SOURCES = frozenset("friend friends family relatives neighbor neighbour classmate classmates".split())
#: The modal verbs (rules MODAL_IN_MENTION, FUNCTION_WORD_HEAD in ``resolution``, PREDICATE_NOT_SUBJECT in
#: ``attribution``): a modal ends a mention as a finite verb does, and opens a predicate, never a subject.
_MODAL_VERBS = frozenset("can could may might must shall should will would".split())
