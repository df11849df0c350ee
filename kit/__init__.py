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
Coded       kit.frames.coded: code_sample, agreement, train_frames, apply_frames, coded_prevalence, ...
Reprints    kit.dedupe: dedupe (the none|exact|near switch), near_duplicate_pairs, reprint_clusters, ...
Reports     save_table, save_parquet, show_table, report_articles, notebook_paths (figures: kit.plots)
Errors      KitError (a message a user can act on; kit.errors has its ValueError/TypeError kinds)

``import kit`` is lazy (PEP 562): a name is imported from its module on first use, so the command
line starts without loading pandas, matplotlib or NLTK.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Where each public name lives: ``name -> "module"`` or ``name -> "module:attribute"``.
_PUBLIC = {
    "KitError": "kit.errors",
    "Corpus": "kit.corpus", "build_corpus": "kit.corpus", "ingest": "kit.corpus", "load_corpus": "kit.corpus",
    "formats": "kit.readers",
    "filter_dates": "kit.overview", "outlet_summary": "kit.overview", "coverage_over_time": "kit.overview",
    "ingest_summary": "kit.overview", "article_listing": "kit.overview",
    "tokenize": "kit.text", "tokens": "kit.text", "sentences": "kit.text", "stopword_set": "kit.text",
    "count_words": "kit.text", "TokenOptions": "kit.text",
    **{name: "kit.terms" for name in (
        "count_terms", "document_term_matrix", "count_stream", "frequencies", "trim", "tf_idf", "keyness",
        "log_odds", "collocations", "phrases", "kwic", "format_kwic", "dispersion")},
    **{name: "kit.frames" for name in (
        "load_dictionary", "dictionary_hits", "frame_scores", "frame_prevalence", "frame_evidence")},
    "read_dictionary": "kit.frames.dictionaries",  # deprecated: load_dictionary
    **{name: "kit.actors" for name in (
        "load_actors", "actor_mentions", "actor_salience", "actor_summary", "actor_cooccurrence", "uncovered_names")},
    **{name: "kit.tone" for name in ("sentence_tone", "article_tone", "tone_by_group", "actor_tone")},
    "extract_quotes": "kit.quotes", "quote_problems": "kit.quotes", "top_speakers": "kit.quotes",
    "quote_sources": "kit.quotes:sources",
    "save_table": "kit.reporting", "save_parquet": "kit.reporting", "show_table": "kit.reporting", "report_articles": "kit.reporting",
    "notebook_paths": "kit.paths",
}

#: Sub-modules reachable as attributes (``kit.plots``) without importing them first.
_SUBMODULES = frozenset({
    "actors", "cli", "commands", "corpus", "dedupe", "deprecation", "dictionaries", "errors", "frames",
    "groups", "overview", "paths", "plots", "quotes", "readers", "reporting", "reports", "runner", "schema", "terms",
    "text", "tone", "validate",
})

#: Old public names kept for one release (each warns when called; see docs/renames.md).
_DEPRECATED = {"stopwords": "kit.text"}

__all__ = list(_PUBLIC)


def __getattr__(name: str):
    target = _PUBLIC.get(name) or _DEPRECATED.get(name)
    if target is not None:
        module, _, attr = target.partition(":")
        value = getattr(importlib.import_module(module), attr or name)
        globals()[name] = value  # later look-ups skip this function
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"kit.{name}")
    raise AttributeError(f"module 'kit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC, *_DEPRECATED, *_SUBMODULES})
