"""Compatibility module: the frames step lives in :mod:`kit.frames` (split by job: dictionaries,
matching, scores, evidence) and the group helpers in :mod:`kit.groups`.

``import kit.dictionaries`` keeps working; the old function names ``read_dictionary``,
``bundled_dictionary`` and ``make_dictionary`` warn and call :func:`kit.frames.load_dictionary`
(see ``docs/renames.md``).
"""
from kit.frames import (  # noqa: F401 (re-exported: the old import path keeps working)
                        BUNDLED_DICTIONARIES,
                        HIT_COLUMNS,
                        NEGATORS,
                        Dictionary,
                        dictionary_dir,
                        dictionary_hits,
                        dictionary_summary,
                        evidence_sample,
                        frame_evidence,
                        frame_prevalence,
                        frame_scores,
                        load_dictionary,
)
from kit.frames.dictionaries import bundled_dictionary, make_dictionary, read_dictionary  # noqa: F401 (re-exported: the old import path keeps working)
from kit.groups import group_column, group_series  # noqa: F401 (re-exported: the old import path keeps working)

_as_dictionary = load_dictionary  # the name kit/commands/frames.py imported

__all__ = [
    "Dictionary", "NEGATORS", "BUNDLED_DICTIONARIES", "HIT_COLUMNS", "dictionary_dir", "load_dictionary",
    "dictionary_summary", "dictionary_hits", "frame_scores", "frame_prevalence", "frame_evidence", "evidence_sample",
    "group_column", "group_series", "read_dictionary", "bundled_dictionary", "make_dictionary",
]
