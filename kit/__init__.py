"""Coverage Framing Kit: tidy tables and sound statistics for studying how news coverage frames an event.

The public API on one screen (every analysis function takes and returns pandas DataFrames):

Ingestion            load_corpus, ingest, build_corpus, Corpus, formats
Overview             filter_dates, outlet_summary, coverage_over_time, ingest_summary, article_listing
Reports              save_table, show_table, notebook_paths (figures: kit.plots)
Errors               KitError (a message a user can act on)
"""
__version__ = "0.1.0"

from kit.errors import KitError  # noqa: E402
from kit.corpus import Corpus, build_corpus, ingest, load_corpus  # noqa: E402
from kit.readers import formats  # noqa: E402
from kit.overview import article_listing, coverage_over_time, filter_dates, ingest_summary, outlet_summary  # noqa: E402
from kit.reporting import save_table, show_table  # noqa: E402
from kit.paths import notebook_paths  # noqa: E402

__all__ = [
    "KitError", "Corpus", "build_corpus", "ingest", "load_corpus", "formats",
    "filter_dates", "outlet_summary", "coverage_over_time", "ingest_summary", "article_listing",
    "save_table", "show_table", "notebook_paths",
]
