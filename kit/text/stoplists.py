"""Stopword lists: the kit's own list, NLTK's list when installed, or the user's words, as sets of
normalised terms (:func:`stopword_set`).
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources

from kit.deprecation import warn_renamed
from kit.errors import KitError, KitTypeError, KitValueError
from kit.text.normalise import _APOS_FOLD, ACRONYMS, NEWS_STOPWORDS


@functools.lru_cache(maxsize=1)
def _kit_stopwords() -> frozenset[str]:
    text = resources.files("kit").joinpath("resources/stopwords_en.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _nltk_data_dirs() -> list[str]:
    """NLTK's default data search path, computed without importing nltk (which is slow)."""
    import os
    import sys

    dirs = [d for d in os.environ.get("NLTK_DATA", "").split(os.pathsep) if d]
    dirs.append(os.path.expanduser("~/nltk_data"))
    for base in (sys.prefix, getattr(sys, "base_prefix", sys.prefix)):
        dirs += [os.path.join(base, "nltk_data"), os.path.join(base, "share", "nltk_data"), os.path.join(base, "lib", "nltk_data")]
    dirs += ["/usr/share/nltk_data", "/usr/local/share/nltk_data", "/usr/lib/nltk_data", "/usr/local/lib/nltk_data",
             os.path.join(os.environ.get("APPDATA", ""), "nltk_data"), r"C:\nltk_data", r"D:\nltk_data", r"E:\nltk_data"]
    return dirs


def _nltk_has(resource: str) -> bool:
    """Whether an NLTK data package (e.g. ``corpora/stopwords``) looks installed."""
    import os

    return any(os.path.exists(os.path.join(d, resource)) or os.path.exists(os.path.join(d, resource + ".zip")) for d in _nltk_data_dirs())


def _nltk_stopword_list() -> list[str]:
    from nltk.corpus import stopwords as sw  # lazy: nltk is slow to import

    return sw.words("english")


@functools.lru_cache(maxsize=1)
def _nltk_stopwords() -> frozenset[str] | None:
    if not _nltk_has("corpora/stopwords"):
        return None
    try:
        return frozenset(w.translate(_APOS_FOLD).lower() for w in _nltk_stopword_list())
    except (LookupError, OSError, ImportError):
        return None


def stopword_set(source: str | Iterable[str] = "english") -> frozenset[str]:
    """Return a stopword set of normalised terms (the ``stopwords=`` option of every tokenizer
    function is passed through this).

    Parameters
    ----------
    source : {"english", "kit", "nltk"} or iterable of str
        ``"english"``: NLTK's English list plus :data:`NEWS_STOPWORDS` (the pronoun ``us``) when
        NLTK's list is installed, else the kit's own list; ``"kit"``: the kit's list
        (``kit/resources/stopwords_en.txt``); ``"nltk"``: NLTK's list exactly as NLTK gives it
        (error when not installed); an iterable: those words, normalised like terms (apostrophes
        folded, lower-cased except the :data:`ACRONYMS`).

    Examples
    --------
    >>> sw = stopword_set("kit")
    >>> "us" in sw, "US" in sw, "the" in sw
    (True, False, True)
    >>> sorted(stopword_set(["The", "China’s", "WHO", "AND"]))
    ['WHO', 'and', "china's", 'the']
    """
    if isinstance(source, str):
        if source == "kit":
            return _kit_stopwords()
        if source == "english":
            sw = _nltk_stopwords()
            return (sw | NEWS_STOPWORDS) if sw is not None else _kit_stopwords()
        if source == "nltk":
            sw = _nltk_stopwords()
            if sw is None:
                raise KitError("NLTK's stopword list is not installed (python -m nltk.downloader stopwords); use 'kit'")
            return sw
        raise KitValueError(f"unknown stopword list {source!r}; choose 'english', 'kit', 'nltk' or give a list of words")
    if not isinstance(source, Iterable):
        raise KitTypeError(f"stopwords must be 'english', 'kit', 'nltk', a list of words or None, got {source!r}")
    words = set()
    for w in source:
        if not isinstance(w, str):
            raise KitTypeError(f"stopwords must be strings, got {w!r}")
        w = w.strip().translate(_APOS_FOLD)
        words.add(w if w in ACRONYMS else w.lower())
    return frozenset(words)


def stopwords(source: str | Iterable[str] = "english") -> frozenset[str]:
    """Deprecated name of :func:`stopword_set` (it was shadowed by the ``stopwords=`` option).

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", DeprecationWarning)
    ...     stopwords(["the", "of"]) == stopword_set(["the", "of"])
    True
    """
    warn_renamed("kit.text.stopwords()", "kit.text.stopword_set()")
    return stopword_set(source)
