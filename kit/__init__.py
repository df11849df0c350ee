"""Coverage Framing Kit: tidy tables and sound statistics for studying how news coverage frames an event.

The public API on one screen (every function takes and returns pandas DataFrames):

Ingestion
    load_corpus, ingest, build_corpus, Corpus      sources or an ingested store -> tables
    formats                                       the readers and what they read
Overview
    corpus_overview tables: outlet_summary, coverage_over_time, length_summary, ingest_summary
"""
__version__ = "0.1.0"

from kit.errors import KitError  # noqa: E402
from kit.corpus import Corpus, build_corpus, ingest, load_corpus  # noqa: E402
from kit.readers import formats  # noqa: E402

__all__ = ["KitError", "Corpus", "build_corpus", "ingest", "load_corpus", "formats"]
