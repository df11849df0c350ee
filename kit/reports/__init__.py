"""Batch runs of the report notebooks (``kit run``): papermill in parallel, HTML, CSV, provenance, index.

A batch is declared in a YAML file (``reports.yml`` at the project root)::

    timeout: 1800                  # seconds one cell may run (optional)
    defaults:                      # parameters for every run (optional)
      corpus: data/sample          # sources (folder, files, .zip) or an ingested .parquet
    runs:
      - notebook: notebooks/01_corpus_overview.ipynb     # name defaults to the notebook's stem
      - name: keyness_{outlet}                           # one run per outlet in the corpus
        notebook: notebooks/02_terms.ipynb
        each: outlet                                     # a column of the articles table
        parameters:
          target: "{outlet}"                             # {outlet} is replaced by each value

One module per step, in the order a batch takes them:

==========================  ===================================================================
``kit.reports.params``      a notebook's declared parameters; values converted and checked
``kit.reports.plan``        the batch file; every run's merged, checked parameters; ``each``
``kit.reports.corpora``     each source corpus ingested once, privately, then renamed into place
``kit.reports.lock``        one batch per output folder
``kit.reports.execute``     one run in a worker process (papermill), its HTML and provenance
``kit.reports.html``        the report page (sanitized, script-free, self-contained)
``kit.reports.index``       ``index.html`` and ``runs.json`` of a batch; the archive page
``kit.reports.batch``       :func:`run_batch`: all of the above, stopping cleanly on Ctrl-C/SIGTERM
``kit.reports.provenance``  facts of the batch and each run's ``provenance.json``
``kit.reports.files``       atomic writes and the marker of every run folder
==========================  ===================================================================

Kernels start with ``PYTHONHASHSEED=0`` so that nothing depends on Python's per-process string
hashing; randomness in notebooks comes only through a ``seed`` parameter.
"""
from __future__ import annotations

from kit.reports.batch import BatchResult, format_failures, run_batch
from kit.reports.corpora import corpus_info, prepare_corpora
from kit.reports.execute import Task, execute_run
from kit.reports.html import render_html
from kit.reports.index import write_archive_index, write_index
from kit.reports.lock import BatchLock
from kit.reports.params import Parameter, annotation_kind, check_value, coerce_cli_value, notebook_parameters
from kit.reports.plan import RunEntry, RunSpec, expand_runs, load_config, plan_batch
from kit.reports.provenance import BatchFacts, Provenance, git_info, package_versions

__all__ = ["BatchFacts", "BatchLock", "BatchResult", "Parameter", "Provenance", "RunEntry", "RunSpec", "Task",
           "annotation_kind", "check_value", "coerce_cli_value", "corpus_info", "execute_run", "expand_runs",
           "format_failures", "git_info", "load_config", "notebook_parameters", "package_versions", "plan_batch",
           "prepare_corpora", "render_html", "run_batch", "write_archive_index", "write_index"]
