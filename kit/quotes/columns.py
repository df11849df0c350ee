"""Column and kind vocabularies of the quotes tables."""
from __future__ import annotations

#: Columns of the ``quotes`` table.
QUOTE_COLUMNS: dict[str, str] = {
    "doc_id": "article id",
    "quote_no": "position of the quote in its article (0-based, reading order)",
    "attribution_id": "the speech act the quote belongs to: the quote_no of the act's first quote (equal to "
                      "quote_no for a quote that starts its own act; see the speech-act rule in the README)",
    "text": "the words inside the marks; interrupted and multi-paragraph parts joined by one space",
    "kind": "full, partial, scare or title (see QUOTE_KINDS)",
    "speaker": "resolved speaker: full name, organisation or group, or an unnamed person as described "
               "('a senior official'); missing when unknown",
    "speaker_mention": "the speaker as written next to the quote ('she', 'Whitcombe', 'the ministry')",
    "speaker_rule": "the named rule that chose the speaker (see SPEAKER_RULES: FULL_NAME, SURNAME_NEAREST, "
                    "PRONOUN_FOLLOWS_STORY, LATEST_SPEAKER, ...); missing when the speaker is",
    "verb": "speech verb of the attribution, lower-cased (said, told, according to, ':' ...)",
    "para_no": "paragraph where the quote opens",
    "para_end": "paragraph where the quote closes (differs from para_no for multi-paragraph quotes)",
    "start": "offset of the first quoted character in the article body text (articles.text)",
    "end": "offset just after the last quoted character in the article body text",
    "n_words": "number of words in text (kit.text.count_words: the words of an article's n_words)",
    "speaker_type": "official, expert, media, business, citizen, organisation or unknown (see SPEAKER_TYPES): "
                    "unknown for a quote of speech with no speaker, and for a speaker of whom the article (or "
                    "the actor file) says nothing that gives a type (a person named with no role nor "
                    "affiliation); missing for scare quotes and titles",
    "role": "speaker's role or title found in the article (or the actor file)",
    "affiliation": "speaker's organisation found in the article (or the actor file)",
    "side": "speaker's side from the actor file (missing without one)",
    "note": "repairs made to unbalanced marks around this quote (missing when none)",
    "segments": "the quoted parts as [start, end] offsets into the body text, one per part "
                "(an interrupted or multi-paragraph quote has several)",
    "speaker_confidence": "how likely the speaker is right, 0-1 (kit.quotes.confidence: a logistic regression "
                          "trained on PolNeAR's development part; a ranking first, see docs/quotes.md); "
                          "missing when the speaker is",
}

#: What each quote kind means. Only ``full`` and ``partial`` are speech.
QUOTE_KINDS: dict[str, str] = {
    "full": "a sentence or more of speech",
    "partial": "a quoted phrase of speech inside the reporter's sentence",
    "scare": "a word or phrase in quotes that is not attributed speech (so-called 'spy' balloon)",
    "title": "a quoted title or name of a book, report, film, show, game, campaign, protest ...",
}

#: Speaker types, in the order :func:`sources` reports them. ``unknown`` holds two cases: no speaker
#: (``speaker`` missing) and a speaker with no type found; ``speaker.isna()`` tells them apart.
SPEAKER_TYPES: tuple[str, ...] = (
    "official", "expert", "media", "business", "citizen", "organisation", "unknown")

SPEECH_KINDS = ("full", "partial")

#: The rules that choose a quote's speaker, as named in the ``speaker_rule`` column (docs/quotes.md has
#: the table, with an example of each). The first group resolves the mention an attribution writes,
#: the second a quote without an attribution of its own.
SPEAKER_RULES: dict[str, str] = {
    "FULL_NAME": "the attribution writes two or more words of the person's name ('said Dana Reyes')",
    "SURNAME_NEAREST": "one word of a longer name: the nearest person carrying it ('Reyes said')",
    "SURNAME_SPEAKER": "a surname two people carry: the one who has spoken before",
    "HEADLINE_PERSON": "a surname two people carry: the one the headline names in full",
    "HEADLINE_NAME": "a surname no person of the body carries: the full name the headline writes",
    "NAME_AS_WRITTEN": "a name taken as written: one the entity step did not know, or a one-word name "
                       "with no longer form",
    "ORGANISATION_NAME": "an organisation named in the attribution ('the Ministry of Trade said')",
    "KNOWN_ORGANISATION": "a known outlet or an acronym ('CNN', 'the FBI')",
    "GROUP": "a group ('analysts at X', 'both sides')",
    "DESCRIPTION_KEPT": "an unnamed speaker, the description kept as the speaker ('a senior official')",
    "EARLIER_DESCRIPTION": "a description that refers to an unnamed speaker described before "
                           "('the official' after 'one senior official')",
    "ROLE_OF_PERSON": "a description that refers to the person the article linked to the role "
                      "('the senator' after 'Sen. Ray Donnelly')",
    "ROLE_OF_ORGANISATION": "a description of an organisation named before ('the ministry', 'the company')",
    "OUTLET_DESCRIPTION": "'the newspaper', 'the daily': the news outlet named last",
    "ISSUER_NAMED": "a document speaks for its issuer ('the statement said' after 'X issued a statement')",
    "DOCUMENT_WITHOUT_ISSUER": "a document with no issuer in sight speaks as itself ('the report said')",
    "PRONOUN_FOLLOWS_STORY": "he/she: the latest speaker of compatible gender in the pronoun's paragraph "
                             "or the two before",
    "PRONOUN_PARAGRAPH_SUBJECT": "he/she: the named subject of the pronoun's sentence or paragraph, more "
                                 "recent than the story's speaker",
    "ASKED_ANSWERS": "he/she after 'X asked Y whether ...': Y answers",
    "PRONOUN_NEAREST_SUBJECT": "he/she with no speaker nor subject in reach: the first person of the "
                               "nearest sentence naming one",
    "PRONOUN_NEAREST_PERSON": "he/she: the nearest person mentioned (last resort)",
    "PRONOUN_ORGANISATION": "it/they/we: the latest organisation or group mentioned",
    "PRONOUN_MODEL": "he/she: the learned ranking (off unless kit.quotes.pronouns.PRONOUN_MODEL is set)",
    "SAME_SENTENCE_SPEAKER": "no attribution: the speaker of the previous quote of the same sentence",
    "SPEECH_ACT_CONTINUES": "no attribution: the quote continues the previous quote's speech act (same or "
                            "previous paragraph, no other sentence of saying between) and takes its speaker",
    "LATEST_SPEAKER": "no attribution, a new speech act: the latest speaker (of a quote or a sentence of "
                      "saying) of the quote's paragraph, or of the paragraph before for a quote that opens "
                      "its paragraph",
    "NAMED_AFTER_QUOTE": "no attribution found: the quote's own sentence, after it, names a person as the "
                         "subject of its first verb of saying or right after it ('\"...,\" Ann Lee, 67, a "
                         "clerk, said'; '\"...\" if she loses, said Ada Lind')",
    "SENTENCE_SUBJECT": "no attribution: the named subject of the quote's own sentence, with a verb "
                        "between (before the paragraph's latest speaker and its first person) ('At the fair, Roe handed out flyers that promised \"...\"')",
    "FIRST_PERSON_NAMED": "no attribution and no speaker before: the first person named there",
    "PRONOUN_LEADS_QUOTE": "no attribution: the he/she that opens the quote's sentence",
    "CLAUSE_SUBJECT": "no attribution: the subject of the quote's own clause that is no named person, an "
                      "organisation, a document or a description, with its verb ('The council voted for a "
                      "resolution that \"...\"', 'one delegate called him \"...\"'); before the paragraph's "
                      "latest speaker and its first person",
    "SPEAKER_MODEL": "the learned ranking of every quote's candidate speakers overrides the rules (off unless "
                     "kit.quotes.speaker_model.SPEAKER_MODEL is set)",
    "POSSESSOR_SPEAKS": "a thing that carries its owner's words speaks for its owner "
                        "('Roe's plan says', 'the dean's email read': the owner)",
}
