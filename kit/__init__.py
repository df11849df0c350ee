"""Coverage Framing Kit: tidy tables and sound statistics for studying how news coverage frames an event.

The public API on one screen. Every analysis function takes and returns pandas DataFrames; the
modules hold the rest (``kit.text``, ``kit.terms``, ``kit.frames``, ``kit.actors``,
``kit.tone``, ``kit.quotes``, ``kit.plots``, ``kit.runner``).

Ingestion   load_corpus, ingest, build_corpus, Corpus, formats
Overview    filter_dates, outlet_summary, coverage_over_time, ingest_summary, article_listing
Text        tokenize, tokens, sentences, stopword_set, count_words, TokenOptions
Terms       count_terms, document_term_matrix, count_stream, frequencies, trim, tf_idf,
            keyness, log_odds, collocations, phrases, kwic, format_kwic, dispersion
Frames      load_dictionary, dictionary_hits, frame_scores, frame_prevalence, frame_evidence
Actors      load_actors, actor_mentions, actor_salience, actor_summary, actor_cooccurrence, uncovered_names
Tone        sentence_tone, article_tone, tone_by_group, actor_tone
Quotes      extract_quotes, quote_sources, top_speakers, quote_problems
Reports     save_table, show_table, notebook_paths (figures: kit.plots)
Errors      KitError (a message a user can act on; kit.errors has the ValueError/TypeError kinds)
"""
__version__ = "0.1.0"

from kit.errors import KitError  # noqa: E402
from kit.corpus import Corpus, build_corpus, ingest, load_corpus  # noqa: E402
from kit.readers import formats  # noqa: E402
from kit.overview import article_listing, coverage_over_time, filter_dates, ingest_summary, outlet_summary  # noqa: E402
from kit.text import TokenOptions, count_words, sentences, stopword_set, stopwords, tokenize, tokens  # noqa: E402
from kit.terms import (collocations, count_stream, count_terms, dispersion, document_term_matrix,  # noqa: E402
                       format_kwic, frequencies, keyness, kwic, log_odds, phrases, tf_idf, trim)
from kit.frames import (dictionary_hits, frame_evidence, frame_prevalence, frame_scores,  # noqa: E402
                        load_dictionary)
from kit.frames.dictionaries import read_dictionary  # noqa: E402  (deprecated: load_dictionary)
from kit.actors import (actor_cooccurrence, actor_mentions, actor_salience, actor_summary,  # noqa: E402
                        load_actors, uncovered_names)
from kit.tone import actor_tone, article_tone, sentence_tone, tone_by_group  # noqa: E402
from kit.quotes import extract_quotes, quote_problems, top_speakers  # noqa: E402
from kit.quotes import sources as quote_sources  # noqa: E402
from kit.reporting import save_table, show_table  # noqa: E402
from kit.paths import notebook_paths  # noqa: E402
import kit.plots  # noqa: E402,F401
import kit.quotes  # noqa: E402,F401

__all__ = [
    "KitError", "Corpus", "build_corpus", "ingest", "load_corpus", "formats",
    "filter_dates", "outlet_summary", "coverage_over_time", "ingest_summary", "article_listing",
    "tokenize", "tokens", "sentences", "stopword_set", "stopwords", "count_words", "TokenOptions",
    "count_terms", "document_term_matrix", "count_stream", "frequencies", "trim", "tf_idf", "keyness",
    "log_odds", "collocations", "phrases", "kwic", "format_kwic", "dispersion",
    "load_dictionary", "read_dictionary", "dictionary_hits", "frame_scores", "frame_prevalence", "frame_evidence",
    "load_actors", "actor_mentions", "actor_salience", "actor_summary", "actor_cooccurrence", "uncovered_names",
    "sentence_tone", "article_tone", "tone_by_group", "actor_tone",
    "extract_quotes", "quote_sources", "top_speakers", "quote_problems",
    "save_table", "show_table", "notebook_paths",
]
