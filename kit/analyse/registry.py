"""The derived tables (:data:`TABLES`), their options and the key that names a stored table."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from kit import __version__
from kit.corpus.store import Store
from kit.dedupe import NEAR_OPTIONS
from kit.errors import KitError
from kit.frames.constants import EVIDENCE_WINDOW

#: Options of term counting and their defaults (those of :func:`kit.terms.count_terms`).
COUNT_OPTIONS = {"stopwords": "english", "min_length": 1, "stem": False, "merge_us": True, "split_hyphens": False,
                 "ngrams": 1}
#: Every derived table: its options with defaults, and the tables it is computed from.
TABLES: dict[str, dict[str, Any]] = {
    "term_counts": {"options": COUNT_OPTIONS, "needs": None},
    "group_counts": {"options": {"group_by": "outlet", **COUNT_OPTIONS}, "needs": None},
    "frame_hits": {"options": {"dictionary": None, "negation_window": 3}, "needs": None,
                   "order": ["doc_id", "start", "frame"]},  # dictionary_hits sorts by article id
    "frame_scores": {"options": {"dictionary": None, "negation_window": 3, "min_hits": 2}, "needs": "frame_hits"},
    # every hit's sentence and keyword in context (large: a report copies it a chunk at a time, never whole);
    # row_group_rows: small row groups, so that a reader can take a partition's rows a few at a time
    "frame_evidence": {"options": {"dictionary": None, "negation_window": 3, "window": EVIDENCE_WINDOW},
                       "needs": "frame_hits", "order": ["doc_id", "start", "frame"], "row_group_rows": 1000},
    "sentence_tone": {"options": {}, "needs": None},
    "article_tone": {"options": {}, "needs": "sentence_tone"},
    "quotes": {"options": {"actors": None}, "needs": None, "order": ["doc_id"],  # extract_quotes: by article id
               "companion": "quote_problems"},  # made in the same pass, stored beside it
    "quote_problems": {"options": {"actors": None}, "needs": None, "order": ["doc_id"], "made_by": "quotes"},
    "actor_mentions": {"options": {"actors": None}, "needs": None},
    # whole: a function (store, engine=, **options) -> the table, for tables that are not per partition
    "near_duplicates": {"options": NEAR_OPTIONS, "needs": None, "whole": "kit.dedupe_store.store_near_duplicate_pairs"},
}
#: What ``kit analyse`` computes by default (what the report notebooks read).
DEFAULT_TABLES = ("term_counts", "group_counts", "frame_hits", "frame_scores", "frame_evidence", "sentence_tone",
                  "article_tone")


# -- options and keys -----------------------------------------------------------------------------
def resolve_options(table: str, options: dict) -> dict:
    """The table's options with defaults filled in; an unknown table or option is an error.

    >>> resolve_options("group_counts", {"group_by": "month"})["group_by"], resolve_options("term_counts", {})["ngrams"]
    ('month', 1)
    """
    if table not in TABLES:
        raise KitError(f"unknown derived table {table!r} (choose from {', '.join(TABLES)})")
    known = TABLES[table]["options"]
    bad = sorted(set(options) - set(known))
    if bad:
        raise KitError(f"{table}: unknown option(s) {', '.join(bad)} (choose from {', '.join(known) or 'none'})")
    return {**known, **options}


def _loaded(table: str, options: dict) -> dict:
    """Options with the dictionary and actor list loaded (what the tasks get)."""
    out = dict(options)
    if "dictionary" in out:
        from kit.frames import load_dictionary
        out["dictionary"] = load_dictionary(out["dictionary"])
    if "actors" in out and out["actors"] is not None and not isinstance(out["actors"], pd.DataFrame):
        from kit.actors import load_actors
        out["actors"] = load_actors(out["actors"])
    return out


def _canonical(value: Any) -> Any:
    """A JSON-able stand-in for an option: loaded dictionaries and actor tables by their content."""
    if isinstance(value, pd.DataFrame):
        return {"table_sha256": hashlib.sha256(value.to_csv(index=False).encode()).hexdigest()}
    if hasattr(value, "entries") and hasattr(value, "negation"):  # a kit.frames.Dictionary
        body = value.entries[["frame", "pattern"]].to_csv(index=False) + json.dumps(value.negation, sort_keys=True)
        return {"dictionary": value.name, "sha256": hashlib.sha256(body.encode()).hexdigest()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_canonical(v) for v in (sorted(value, key=str) if isinstance(value, (set, frozenset)) else value)]
    return value


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of the kit's own code and data (every ``.py`` file and every file under
    ``kit/resources``, by path and content): part of every derived table's key, so a table stored
    by other code (a rule changed, a word list grew, a new column) is computed again rather than
    read, even when the version number is the same (an editable install, a development copy).

    >>> code_digest() == code_digest() and len(code_digest()) == 16
    True
    """
    return folder_digest(Path(__file__).resolve().parents[1])


def folder_digest(root: Path) -> str:
    """:func:`code_digest` of the package folder ``root``: its ``.py`` files and the files under
    ``root/resources`` (``__pycache__`` left out), by relative path and content.

    >>> import kit
    >>> digest = folder_digest(Path(kit.__file__).parent)
    >>> len(digest), digest == folder_digest(Path(kit.__file__).parent)
    (16, True)"""
    h = hashlib.sha256()
    files = [p for p in root.rglob("*.py") if "__pycache__" not in p.parts]
    files += [p for p in (root / "resources").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    for p in sorted(set(files)):
        h.update(p.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:16]


def table_key(store: Store, table: str, loaded: dict) -> tuple[str, dict]:
    """``(key, canonical options)``: the hash that names a derived table's folder (the corpus
    fingerprint, the kit's version and :func:`code_digest`, the table and its options).

    >>> import tempfile, kit
    >>> from kit.corpus import Store
    >>> path = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], path)
    >>> key, options = table_key(Store(path), "term_counts", {})
    >>> len(key), key == table_key(Store(path), "term_counts", {})[0]
    (16, True)"""
    canon = {k: _canonical(v) for k, v in sorted(loaded.items())}
    body = json.dumps({"table": table, "fingerprint": store.fingerprint, "kit": __version__, "code": code_digest(),
                       "options": canon}, sort_keys=True, default=str)
    return hashlib.sha256(body.encode()).hexdigest()[:16], canon
