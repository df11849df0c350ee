"""The corpus: sources -> articles, paragraphs, ingest report and manifest (:mod:`kit.corpus.ingest`),
written to and read from a partitioned Parquet store (:mod:`kit.corpus.store`), by a streaming ingest
that never holds the corpus (:mod:`kit.corpus.stream`; large exports split by :mod:`kit.corpus.split`).

:func:`load_corpus` accepts sources, a store folder or an older single-file ``.parquet`` corpus, so
every notebook can take a ``corpus`` parameter that is any of them.
"""
from kit.corpus.ingest import REPORT_COLUMNS, Corpus, articles_frame, build_corpus, date_from_filename, infer_outlets
from kit.corpus.store import (
                              PARTITION_SIZE,
                              Store,
                              StoreWriter,
                              ingest,
                              is_ingested,
                              is_store,
                              load_corpus,
                              store_paths,
                              write_store,
)
from kit.corpus.stream import StoredCorpus, ingest_store

__all__ = ["Corpus", "build_corpus", "ingest", "load_corpus", "Store", "write_store", "is_ingested", "is_store",
           "store_paths", "StoreWriter", "StoredCorpus", "ingest_store", "articles_frame", "date_from_filename", "infer_outlets", "REPORT_COLUMNS", "PARTITION_SIZE"]
