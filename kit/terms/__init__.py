"""Term statistics: counts, document-term matrices, frequencies, tf-idf, keyness, log-odds,
collocations, KWIC and dispersion.

Every function takes a DataFrame and returns a new one (inputs are never changed). Tokens come from
the one tokenizer of :mod:`kit.text`: give its options as one ``tokens=TokenOptions(...)`` or as the
keywords ``stopwords``, ``min_length``, ``stem``, ``merge_us``, ``split_hyphens``. Grouping is
always ``group_by`` (a column, a list of columns, or a period ``day|week|month|quarter|year`` when
counting); n-gram sizes are ``ngrams``.

The package has three parts:

- :mod:`kit.terms.counts`: the counting engine (:func:`count_terms`, :func:`document_term_matrix`,
  :func:`count_stream`), whose state belongs to each run.
- statistics: :mod:`kit.terms.frequency` (:func:`frequencies`, :func:`trim`, :func:`tf_idf`) and
  :mod:`kit.terms.keyness` (:func:`keyness`, :func:`log_odds`, :func:`largest_group`), formulas in
  their module docs.
- context: :mod:`kit.terms.collocations` (:func:`collocations`, :func:`phrases`) and
  :mod:`kit.terms.kwic` (:func:`kwic`, :func:`format_kwic`, :func:`dispersion`).

Tables
------
- counts (:func:`count_terms`): [``group_by`` columns], ``doc_id``, ``term``, ``n``.
- frequencies (:func:`frequencies`): [group], ``term``, ``n``, ``freq`` (share of the group's
  tokens), ``per_million``, ``doc_freq`` (documents containing the term).
- keyness (:func:`keyness`) and log-odds (:func:`log_odds`) share ``term``, ``n_target``,
  ``n_reference`` and ``direction`` so a notebook can switch method without renaming columns.
"""
from kit.terms.collocations import collocations, phrases
from kit.terms.counts import DocumentTermMatrix, count_stream, count_terms, document_term_matrix
from kit.terms.frequency import frequencies, tf_idf, trim
from kit.terms.keyness import NOT_KEYWORDS, keyness, largest_group, log_odds
from kit.terms.kwic import dispersion, format_kwic, kwic

__all__ = [
    "DocumentTermMatrix",
    "document_term_matrix",
    "count_stream",
    "count_terms",
    "frequencies",
    "trim",
    "tf_idf",
    "keyness",
    "largest_group",
    "log_odds",
    "NOT_KEYWORDS",
    "collocations",
    "phrases",
    "kwic",
    "format_kwic",
    "dispersion",
]
