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
    "verb": "speech verb of the attribution, lower-cased (said, told, according to, ':' ...)",
    "para_no": "paragraph where the quote opens",
    "para_end": "paragraph where the quote closes (differs from para_no for multi-paragraph quotes)",
    "start": "offset of the first quoted character in the article body text (articles.text)",
    "end": "offset just after the last quoted character in the article body text",
    "n_words": "number of words in text (kit.text.count_words: the words of an article's n_words)",
    "speaker_type": "official, expert, media, business, citizen, organisation or unknown",
    "role": "speaker's role or title found in the article (or the actor file)",
    "affiliation": "speaker's organisation found in the article (or the actor file)",
    "side": "speaker's side from the actor file (missing without one)",
    "note": "repairs made to unbalanced marks around this quote (missing when none)",
    "segments": "the quoted parts as [start, end] offsets into the body text, one per part "
                "(an interrupted or multi-paragraph quote has several)",
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
