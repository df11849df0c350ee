"""Dictionary (lexicon) analysis: frames counted with the evidence behind every hit.

A *dictionary* maps categories (frames, issues, ...) to entries. Matching runs on the kit's own
tokenizer (:func:`kit.text.find_tokens`), so a word counted here is the same word the term
statistics count.

Entries
-------
- **single words**: ``talks`` matches the token whose term is ``talks`` (terms are lower case,
  possessives removed: ``China's`` and ``China’s`` match ``china``; ``US`` / ``U.S.`` match the entry
  ``US`` and never the pronoun entry ``us``).
- **phrases**: ``trade war`` matches consecutive tokens (punctuation between them is ignored;
  stopwords are kept, so ``rule of law`` works).
- **wildcards**: ``*`` stands for any run of characters inside one token (``stabili*`` matches
  ``stabilise``, ``stabilising``, ``stability``); wildcard words are matched case-insensitively.
- **hyphenated compounds** are one token (``military-to-military``, ``win-win``), so write them
  with their hyphens, or use ``split_hyphens=True`` to match their parts.

Within one category the longest entry wins where entries overlap (``trade war`` is one hit, not
``trade`` plus ``trade war``); different categories count independently.

Negation
--------
A hit is *negated* when one of :data:`NEGATORS` (``no``, ``not``, ``never``, ``without``, ``nor``,
any ``n't`` form, ...) occurs within ``negation_window`` tokens before its first token in the same
sentence and clause ("no progress", "did not agree", "without a deal"). The backward scan stops
at a sentence end and at any of ``. , ; : ! ?`` between the negator and the hit, so "They said
no. Agreement came." and "She said: No, the talks will continue." do not negate the hit. Two
uses of the words are not negations: ``No.`` before a number ("the No. 1 agreement") and ``not
only`` / ``not just`` ("not only talks but an agreement"). Negated hits are listed with
``negated=True`` and left out of the counts by default (``include_negated=False``). This simple
rule misses negation after the word ("progress was nil") and double negation.

A category can switch negation off (``negation: false`` in the YAML format): topic and issue
lists, where "would not resolve the Taiwan question" is still about Taiwan, use it. Its hits are
never flagged as negated.

File formats (:func:`read_dictionary`, chosen by extension or ``format=``)
-------------------------------------------------------------------------
**YAML** (``.yml``/``.yaml``), the kit's own format::

    name: cooperation_security
    description: Cooperation and security frames for diplomatic coverage.
    categories:
      cooperation:
        description: agreements, dialogue, stabilising ties
        entries: [agree*, "people-to-people", stabili*]
      security: [military, "national security", surveillance]   # short form: a list
      taiwan:
        negation: false          # hits of this category are never negated (default true)
        entries: [Taiwan, "Taiwan Strait"]

**LIWC-style** (``.dic``): a header between two ``%`` lines numbering the categories, then one
entry per line followed by its category numbers, separated by tabs (or spaces when the entry is
one word)::

    %
    1	cooperation
    2	security
    %
    agree*	1
    national security	2
    talks	1	2

**Lexicoder** (``.lc3``, also ``.lcd`` in the same text form): a line ``+category`` opens a
category, and every following non-empty line is one of its entries; lines starting with ``#`` are
comments::

    +cooperation
    agree*
    people-to-people
    +security
    military

Case: LIWC and Lexicoder files are often written all in capitals (``ABANDON*``, ``NOT GOOD``) as a
format convention. When every entry of such a file is in capitals, the entries are read in lower
case, so ``NOT GOOD`` matches "not good" (the kit's tokenizer keeps all-capital function words
such as ``NOT``, ``US``, ``IT`` as acronyms, which would never match running text). A file that
mixes cases is read as written, so an entry ``US`` there means the country, as in the YAML format.

Every reader fails with :class:`kit.errors.KitError` naming the file and the line of the first
problem (unknown category number, entry before any category, bad YAML, empty pattern, ...).

Statistics
----------
:func:`frame_scores` gives per article ``hits``, ``per_1k`` (hits per 1,000 tokens, all tokens
counted, stopwords included) and ``present`` (``hits >= min_hits``). :func:`frame_prevalence`
gives per group the share of articles with the frame, with a Wilson score interval, and the mean
rate, with a seeded percentile bootstrap interval over articles (NaN for a group of one article;
see :mod:`kit.resample`). :func:`frame_evidence` lists every hit with its sentence and a KWIC
window. :func:`dictionary_hits` records its tokenizer options in ``hits.attrs``; the functions
that take ``hits`` reuse them and refuse hits made with other options.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kit.schema import group_labels
from kit.errors import KitError
from kit.resample import bootstrap_ci, check_bootstrap_args, wilson_ci
from kit.text import TokenOptions, find_tokens, normalise_term, sentences as split_sentences

__all__ = [
    "Dictionary",
    "NEGATORS",
    "BUNDLED_DICTIONARIES",
    "dictionary_dir",
    "bundled_dictionary",
    "read_dictionary",
    "load_dictionary",
    "make_dictionary",
    "dictionary_summary",
    "evidence_sample",
    "dictionary_hits",
    "frame_scores",
    "frame_prevalence",
    "frame_evidence",
    "group_column",
    "group_series",
]

#: Terms that negate a following hit (compared with the token's term; every ``n't`` form counts too).
NEGATORS: frozenset[str] = frozenset(
    "no not never without nor neither none nobody nothing cannot lack lacks lacking absent".split()
)

#: The dictionaries bundled with the kit in ``kit/resources/dictionaries`` (name -> file).
BUNDLED_DICTIONARIES: dict[str, str] = {
    "generic_frames": "generic_frames.yml",
    "cooperation_security": "cooperation_security.yml",
    "us_china_issues": "us_china_issues.yml",
}

_FORMATS = {"yaml": (".yml", ".yaml"), "liwc": (".dic",), "lexicoder": (".lc3", ".lcd")}
_CATEGORY_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")


# ----------------------------------------------------------------------------- the dictionary


@dataclass(frozen=True)
class Dictionary:
    """A dictionary: categories and their entries.

    Attributes
    ----------
    name : str
    entries : DataFrame
        ``frame`` (category), ``pattern`` (entry as written), ``line`` (line in the source file,
        or missing), in file order.
    descriptions : dict
        Category -> description (empty string when the file gives none).
    source : str or None
        File it was read from.
    description : str
    negation : dict
        Category -> False for the categories whose hits are never negated (YAML ``negation:
        false``); categories not listed are negated as usual.
    """

    name: str
    entries: pd.DataFrame
    descriptions: dict = field(default_factory=dict)
    source: str | None = None
    description: str = ""
    negation: dict = field(default_factory=dict)

    def negates(self, category: str) -> bool:
        """Whether negation applies to the hits of ``category`` (True unless switched off)."""
        return bool(self.negation.get(category, True))

    @property
    def categories(self) -> list[str]:
        """Category names in file order."""
        return list(dict.fromkeys(self.entries["frame"].tolist())) if len(self.entries) else list(self.descriptions)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Dictionary({self.name!r}, {len(self.categories)} categories, {len(self.entries)} entries)"


def _fail(path, line, msg) -> KitError:
    where = f"{path}, line {line}" if line is not None else str(path)
    return KitError(f"{where}: {msg}")


def _check_pattern(pattern, path, line) -> str:
    if not isinstance(pattern, str):
        raise _fail(path, line, f"an entry must be text, got {pattern!r}")
    p = " ".join(pattern.split())
    if not p:
        raise _fail(path, line, "empty entry")
    if any(part.strip("*") == "" for part in p.split(" ")):
        raise _fail(path, line, f"entry '{pattern}' has a word that is only '*'; a wildcard needs letters beside it")
    if not any(ch.isalnum() for ch in p):
        raise _fail(path, line, f"entry '{pattern}' has no letters or digits")
    return p


def _check_category(name, path, line) -> str:
    if not isinstance(name, str) or not _CATEGORY_RE.match(name.strip()):
        raise _fail(path, line, f"bad category name {name!r}: use letters, digits, '_' and '-', starting with a letter")
    return name.strip()


def _build(name, rows, descriptions, source, description="", negation=None) -> Dictionary:
    df = pd.DataFrame(rows, columns=["frame", "pattern", "line"])
    df["line"] = df["line"].astype("Int64")
    df = df.drop_duplicates(["frame", "pattern"]).reset_index(drop=True)
    for cat in df["frame"].unique():
        descriptions.setdefault(cat, "")
    return Dictionary(name=name, entries=df, descriptions=descriptions, source=source, description=description,
                      negation=dict(negation or {}))


def _lower_if_all_capitals(rows):
    """Lower-case the entries of a LIWC / Lexicoder file written all in capitals (see the module docs)."""
    cased = [p for _, p, _ in rows if any(ch.isalpha() for ch in p)]
    if cased and all(p == p.upper() for p in cased):
        return [(c, p.lower(), ln) for c, p, ln in rows]
    return rows


def make_dictionary(categories: dict, *, name: str = "custom") -> Dictionary:
    """A dictionary from a mapping ``{category: [entries]}``.

    Examples
    --------
    >>> d = make_dictionary({"cooperation": ["agree*", "people-to-people"], "conflict": ["clash*"]})
    >>> d.categories, len(d)
    (['cooperation', 'conflict'], 3)
    """
    if not isinstance(categories, dict) or not categories:
        raise KitError("categories must be a non-empty dict {category: [entries]}")
    rows = []
    for cat, entries in categories.items():
        cat = _check_category(cat, "<dict>", None)
        if isinstance(entries, str) or not hasattr(entries, "__iter__"):
            raise KitError(f"entries of category '{cat}' must be a list of strings, got {entries!r}")
        for e in entries:
            rows.append((cat, _check_pattern(e, f"<dict> category '{cat}'", None), pd.NA))
    return _build(name, rows, {}, None)


def _detect_format(path: Path, format: str | None) -> str:
    if format is not None:
        if format not in _FORMATS:
            raise KitError(f"unknown dictionary format {format!r}; choose one of {', '.join(_FORMATS)}")
        return format
    suffix = path.suffix.lower()
    for fmt, exts in _FORMATS.items():
        if suffix in exts:
            return fmt
    known = ", ".join(e for exts in _FORMATS.values() for e in exts)
    raise KitError(f"{path}: cannot tell the dictionary format from the extension '{suffix}'; "
                   f"use one of {known} or pass format= ({', '.join(_FORMATS)})")


def read_dictionary(path, *, format: str | None = None, name: str | None = None) -> Dictionary:
    """Read a dictionary file: the kit's YAML, LIWC-style ``.dic`` or Lexicoder ``.lc3``/``.lcd``.

    Parameters
    ----------
    path : str or path, or the name of a bundled dictionary (see :data:`BUNDLED_DICTIONARIES`)
    format : {"yaml", "liwc", "lexicoder"}, optional
        Default: from the file extension.
    name : str, optional
        Dictionary name (default: the YAML ``name`` field, else the file stem).

    Returns
    -------
    Dictionary

    Raises
    ------
    KitError
        naming the file and line of the first problem.

    Examples
    --------
    >>> d = read_dictionary("generic_frames")
    >>> d.categories
    ['conflict', 'responsibility', 'economic', 'human_interest', 'morality']
    """
    if isinstance(path, str) and path in BUNDLED_DICTIONARIES:
        return bundled_dictionary(path)
    p = Path(path)
    if not p.is_file():
        raise KitError(f"dictionary file not found: {p} (bundled dictionaries: {', '.join(BUNDLED_DICTIONARIES)})")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise KitError(f"{p}: cannot read the dictionary file: {e.strerror or e}") from None
    return _parse_dictionary(data, str(p), format=format, name=name)


def _parse_dictionary(data: bytes, source: str, *, format: str | None = None, name: str | None = None) -> Dictionary:
    """A dictionary from the bytes of a file; ``source`` names the file in errors and in ``Dictionary.source``."""
    fmt = _detect_format(Path(source), format)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise _fail(source, line, "the file is not UTF-8 text") from None
    reader = {"yaml": _read_yaml, "liwc": _read_liwc, "lexicoder": _read_lexicoder}[fmt]
    d = reader(text, source)
    if name is not None:
        d = Dictionary(name=name, entries=d.entries, descriptions=d.descriptions, source=d.source,
                       description=d.description, negation=d.negation)
    if len(d.entries) == 0:
        raise _fail(source, None, "the dictionary has no entries")
    return d


def _read_yaml(text: str, path: str) -> Dictionary:
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(e, "problem", None) or str(e)
        raise _fail(path, line, f"not valid YAML: {problem}") from None
    if root is None:
        raise _fail(path, None, "the file is empty")

    def line_of(node):
        return node.start_mark.line + 1

    def scalar(node, what):
        if not isinstance(node, yaml.ScalarNode):
            raise _fail(path, line_of(node), f"{what} must be a single value")
        return node.value

    if not isinstance(root, yaml.MappingNode):
        raise _fail(path, line_of(root), "the top level must be a mapping with a 'categories' key")
    top = {}
    for k, v in root.value:
        key = scalar(k, "a key")
        if key not in ("name", "description", "categories", "version", "language", "authors", "reference", "license"):
            raise _fail(path, line_of(k), f"unknown key '{key}'; valid keys: name, description, categories, version, "
                                          "language, authors, reference, license")
        top[key] = v
    if "categories" not in top:
        raise _fail(path, line_of(root), "no 'categories' key")
    cats = top["categories"]
    if not isinstance(cats, yaml.MappingNode) or not cats.value:
        raise _fail(path, line_of(cats), "'categories' must map category names to entries")
    rows, descriptions, negation = [], {}, {}
    for knode, vnode in cats.value:
        cat = _check_category(scalar(knode, "a category name"), path, line_of(knode))
        if isinstance(vnode, yaml.MappingNode):
            entries_node = None
            for ek, ev in vnode.value:
                key = scalar(ek, "a key")
                if key == "entries":
                    entries_node = ev
                elif key == "description":
                    descriptions[cat] = " ".join(scalar(ev, "a description").split())
                elif key == "negation":
                    val = scalar(ev, "negation").strip().lower()
                    if val not in ("true", "false"):
                        raise _fail(path, line_of(ev), f"negation of category '{cat}' must be true or false, "
                                                       f"got '{ev.value}'")
                    if val == "false":
                        negation[cat] = False
                else:
                    raise _fail(path, line_of(ek), f"unknown key '{key}' in category '{cat}'; valid keys: "
                                                   "entries, description, negation")
            if entries_node is None:
                raise _fail(path, line_of(knode), f"category '{cat}' has no 'entries'")
        else:
            entries_node = vnode
        if not isinstance(entries_node, yaml.SequenceNode):
            raise _fail(path, line_of(entries_node), f"entries of category '{cat}' must be a list")
        if not entries_node.value:
            raise _fail(path, line_of(entries_node), f"category '{cat}' has no entries")
        for e in entries_node.value:
            if not isinstance(e, yaml.ScalarNode):
                raise _fail(path, line_of(e), f"an entry of category '{cat}' must be text, not a list or mapping")
            rows.append((cat, _check_pattern(e.value, path, line_of(e)), line_of(e)))
    name = scalar(top["name"], "name") if "name" in top else Path(path).stem
    desc = " ".join(scalar(top["description"], "description").split()) if "description" in top else ""
    return _build(name, rows, descriptions, path, desc, negation)


def _read_liwc(text: str, path: str) -> Dictionary:
    lines = text.splitlines()
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines) or lines[i].strip() != "%":
        raise _fail(path, i + 1 if i < len(lines) else None, "a LIWC .dic file starts with a line holding only '%'")
    i += 1
    ids: dict[str, str] = {}
    while True:
        if i >= len(lines):
            raise _fail(path, i, "the category header is not closed by a line holding only '%'")
        s = lines[i].strip()
        if s == "%":
            break
        if s:
            parts = s.split(None, 1)
            if len(parts) != 2 or not parts[0].isdigit():
                raise _fail(path, i + 1, f"expected 'number<TAB>category' in the header, got '{s}'")
            if parts[0] in ids:
                raise _fail(path, i + 1, f"category number {parts[0]} is defined twice")
            ids[parts[0].lstrip("0") or "0"] = _check_category(parts[1].strip(), path, i + 1)
        i += 1
    if not ids:
        raise _fail(path, i + 1, "the header defines no categories")
    rows = []
    for j in range(i + 1, len(lines)):
        raw = lines[j].rstrip("\r\n")
        if not raw.strip():
            continue
        if "\t" in raw:
            parts = [p.strip() for p in raw.split("\t") if p.strip()]
            pattern, nums = parts[0], parts[1:]
        else:
            parts = raw.split()
            k = len(parts)
            while k > 1 and parts[k - 1].isdigit():
                k -= 1
            pattern, nums = " ".join(parts[:k]), parts[k:]
        if not nums:
            raise _fail(path, j + 1, f"entry '{pattern}' has no category number")
        for n in nums:
            if not n.isdigit():
                raise _fail(path, j + 1, f"'{n}' is not a category number (entries and numbers are separated by tabs)")
            key = n.lstrip("0") or "0"
            if key not in ids:
                raise _fail(path, j + 1, f"unknown category number {n}; the header defines {', '.join(sorted(ids, key=int))}")
            rows.append((ids[key], _check_pattern(pattern, path, j + 1), j + 1))
    return _build(Path(path).stem, _lower_if_all_capitals(rows), {}, path)


def _read_lexicoder(text: str, path: str) -> Dictionary:
    if text.lstrip().startswith("<"):
        raise _fail(path, 1, "this looks like an XML (Yoshikoder) file; only the Lexicoder text format "
                             "('+category' lines followed by entries) is read")
    rows, cat = [], None
    for j, raw in enumerate(text.splitlines(), start=1):
        s = raw.strip()
        if not s or s.startswith("#"):
            continue
        if s.startswith("+"):
            cat = _check_category(s[1:].strip(), path, j)
            continue
        if cat is None:
            raise _fail(path, j, f"entry '{s}' comes before any '+category' line")
        rows.append((cat, _check_pattern(s, path, j), j))
    return _build(Path(path).stem, _lower_if_all_capitals(rows), {}, path)


def dictionary_dir():
    """The folder of the bundled dictionaries inside the installed package (``kit/resources/dictionaries``),
    as an :mod:`importlib.resources` traversable (a :class:`pathlib.Path` in a normal install).

    >>> (dictionary_dir() / "generic_frames.md").is_file()
    True
    """
    from importlib.resources import files

    return files("kit").joinpath("resources", "dictionaries")


def bundled_dictionary(name: str = "generic_frames") -> Dictionary:
    """One of the dictionaries shipped with the kit (see :data:`BUNDLED_DICTIONARIES`).

    >>> bundled_dictionary("us_china_issues").categories[:3]
    ['taiwan', 'trade', 'technology']
    """
    if name not in BUNDLED_DICTIONARIES:
        raise KitError(f"unknown bundled dictionary {name!r}; choose one of {', '.join(BUNDLED_DICTIONARIES)}")
    res = dictionary_dir() / BUNDLED_DICTIONARIES[name]
    return _parse_dictionary(res.read_bytes(), str(res))


def _as_dictionary(dictionary) -> Dictionary:
    if dictionary is None:
        return bundled_dictionary("generic_frames")
    if isinstance(dictionary, Dictionary):
        return dictionary
    if isinstance(dictionary, dict):
        return make_dictionary(dictionary)
    if isinstance(dictionary, (list, tuple)):
        parts = [_as_dictionary(d) for d in dictionary]
        rows = pd.concat([p.entries for p in parts], ignore_index=True)
        descs, negation, seen = {}, {}, {}
        for p in parts:
            descs.update(p.descriptions)
            for cat in p.categories:
                if cat in seen and seen[cat][1] != p.negates(cat):
                    raise KitError(f"category '{cat}' is in dictionaries '{seen[cat][0]}' and '{p.name}' with different "
                                   "negation settings; rename one of them or make the settings agree")
                seen[cat] = (p.name, p.negates(cat))
                if not p.negates(cat):
                    negation[cat] = False
        return Dictionary(name="+".join(p.name for p in parts), entries=rows.drop_duplicates(["frame", "pattern"]).reset_index(drop=True),
                          descriptions=descs, source=None, negation=negation)
    return read_dictionary(dictionary)


def load_dictionary(spec=None) -> Dictionary:
    """One dictionary from a bundled name, a file path, a ``{category: [entries]}`` dict, or a list of these (merged).

    Paths are read as given (a relative path from the current folder); notebooks resolve theirs
    against the project with :func:`kit.paths.resolve_input`. None gives ``generic_frames``.

    >>> load_dictionary(["generic_frames", "cooperation_security"]).categories[-2:]
    ['cooperation', 'security']
    """
    return _as_dictionary(spec)


def dictionary_summary(dictionary) -> pd.DataFrame:
    """What a dictionary holds: ``frame``, ``n_entries``, ``n_phrases`` (entries of several words),
    ``n_wildcards`` (entries with ``*``), ``examples`` (first five entries), ``description``,
    ``negation`` (False for categories whose hits are never negated).

    >>> dictionary_summary({"c": ["agree*", "trade war", "talks"]})[["frame", "n_entries", "n_phrases", "n_wildcards"]].values.tolist()
    [['c', 3, 1, 1]]
    """
    d = _as_dictionary(dictionary)
    rows = []
    for cat in d.categories:
        pats = d.entries.loc[d.entries["frame"] == cat, "pattern"].tolist()
        rows.append({"frame": cat, "n_entries": len(pats), "n_phrases": sum(" " in p for p in pats),
                     "n_wildcards": sum("*" in p for p in pats), "examples": ", ".join(pats[:5]),
                     "description": d.descriptions.get(cat, ""), "negation": d.negates(cat)})
    return pd.DataFrame(rows, columns=["frame", "n_entries", "n_phrases", "n_wildcards", "examples", "description",
                                       "negation"])


# ----------------------------------------------------------------------------- matching


def _compile_word(word: str, merge_us: bool):
    """('exact', term) or ('wild', compiled regex) for one word of an entry."""
    if "*" in word:
        folded = [re.escape(p.translate(_FOLD).lower()) for p in word.split("*")]
        return ("wild", re.compile(".*".join(folded), re.IGNORECASE))
    return ("exact", normalise_term(word, merge_us=merge_us))


_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-"})


def _entry_words(pattern: str, split_hyphens: bool) -> list[str]:
    words = pattern.split(" ")
    if split_hyphens:
        words = [p for w in words for p in re.split(r"[-‐]", w) if p]
    return words


class _Matcher:
    """Entries compiled for fast lookup by first token."""

    def __init__(self, d: Dictionary, merge_us: bool, split_hyphens: bool):
        self.exact_first: dict[str, list] = defaultdict(list)
        self.wild_first: list = []
        self._cache: dict[str, list] = {}
        self.prefix_first: dict[str, list] = defaultdict(list)  # "stabili*" entries by their prefix
        for cat, pattern in zip(d.entries["frame"].tolist(), d.entries["pattern"].tolist()):
            raw = _entry_words(pattern, split_hyphens)
            words = [_compile_word(w, merge_us) for w in raw]
            item = (cat, pattern, words)
            first = raw[0]
            if words[0][0] == "exact":
                self.exact_first[words[0][1]].append(item)
            elif first.endswith("*") and first.count("*") == 1:
                self.prefix_first[first[:-1].translate(_FOLD).lower()].append(item)
            else:
                self.wild_first.append(item)
        self._prefix_lengths = sorted({len(k) for k in self.prefix_first})

    @staticmethod
    def _word_ok(w, term: str) -> bool:
        kind, val = w
        return term == val if kind == "exact" else val.fullmatch(term) is not None

    def candidates(self, term: str) -> list:
        """Entries whose first word matches ``term`` (memoised per distinct term)."""
        got = self._cache.get(term)
        if got is None:
            low = term.lower()
            got = list(self.exact_first.get(term, []))
            for k in self._prefix_lengths:
                if k > len(low):
                    break
                got.extend(self.prefix_first.get(low[:k], ()))
            got.extend(c for c in self.wild_first if self._word_ok(c[2][0], term))
            if len(self._cache) < 500_000:
                self._cache[term] = got
        return got

    def matches(self, terms: list[str]):
        """Yield (category, pattern, first index, n tokens) for every entry matching at every position."""
        n = len(terms)
        for i, t in enumerate(terms):
            cands = self.candidates(t)
            for cat, pattern, words in cands:
                m = len(words)
                if i + m > n:
                    continue
                if all(self._word_ok(words[k], terms[i + k]) for k in range(1, m)):
                    yield cat, pattern, i, m


def _is_negator(term: str, negators: frozenset) -> bool:
    t = term.lower()
    return t in negators or t.endswith("n't")


#: Punctuation that ends the backward negation scan when it stands between a negator and a hit.
_CLAUSE_BREAK = re.compile(r"[.,;:!?]")
#: "not only talks but ...", "not just a deal": the word after ``not`` that undoes the negation.
_NOT_ONLY = frozenset({"only", "just", "merely", "simply"})
_NUMBER_AFTER_NO = re.compile(r"\.\s*\d")


def _negator_before(text, found, terms, i, window, negators, sno):
    """The surface form of the negator governing token ``i``, or None (rules in the module docs)."""
    for k in range(i - 1, max(i - window, 0) - 1, -1):
        if sno[k] != sno[i] or _CLAUSE_BREAK.search(text, found[k][1], found[k + 1][0]):
            return None
        if not _is_negator(terms[k], negators):
            continue
        t = terms[k].lower()
        if t == "no" and _NUMBER_AFTER_NO.match(text, found[k][1]):
            continue  # "No. 1": a number sign
        if t == "not" and k + 1 < len(terms) and terms[k + 1].lower() in _NOT_ONLY:
            continue  # "not only ... but": no negation
        return found[k][2]
    return None


def _check_articles(articles, text_col, id_col):
    if not isinstance(articles, pd.DataFrame):
        raise KitError(f"articles must be a DataFrame, got {type(articles).__name__}")
    missing = [c for c in (id_col, text_col) if c not in articles.columns]
    if missing:
        raise KitError(f"articles has no column(s) {missing}; columns are {list(articles.columns)}")
    if articles[id_col].duplicated().any():
        dup = articles[id_col][articles[id_col].duplicated()].iloc[0]
        raise KitError(f"articles has duplicate {id_col} values (e.g. '{dup}'); drop duplicates first")


HIT_COLUMNS = ["doc_id", "frame", "pattern", "sent_no", "token_no", "n_tokens", "start", "end", "match", "negated", "negator"]

#: Key of ``hits.attrs`` under which :func:`dictionary_hits` records its tokenizer options.
HITS_OPTIONS_KEY = "kit_token_options"


def _hits_token_options(hits: pd.DataFrame, split_hyphens, merge_us) -> TokenOptions:
    """The tokenizer options the hits were made with (``hits.attrs``), checked against those given.

    Options given as None are taken from the hits (default False / True when the hits carry none,
    e.g. after a round trip through CSV); an option given that differs from the recorded one is an
    error, since token positions and counts would not line up.
    """
    stored = hits.attrs.get(HITS_OPTIONS_KEY) if isinstance(getattr(hits, "attrs", None), dict) else None
    given = {"split_hyphens": split_hyphens, "merge_us": merge_us}
    for name, val in given.items():
        if val is not None and not isinstance(val, bool):
            raise KitError(f"{name} must be True, False or None (take it from the hits), got {val!r}")
    if stored:
        for name, val in given.items():
            if val is not None and name in stored and bool(stored[name]) != val:
                raise KitError(f"the hits were made with {name}={stored[name]}, but {name}={val} was passed; "
                               "pass the options used for dictionary_hits (or leave them out to reuse them)")
        opts = {k: bool(stored.get(k, d)) for k, d in (("split_hyphens", False), ("merge_us", True))}
    else:
        opts = {"split_hyphens": bool(split_hyphens) if split_hyphens is not None else False,
                "merge_us": bool(merge_us) if merge_us is not None else True}
    return TokenOptions.make(**opts)


def _check_hits_fit(h: pd.DataFrame, doc, toks) -> None:
    """Fail when a hit of article ``doc`` does not line up with the article's tokens ``toks``."""
    for i, m, start, end in zip(h["token_no"].tolist(), h["n_tokens"].tolist(), h["start"].tolist(), h["end"].tolist()):
        if i < 0 or i + m > len(toks) or toks[i][0] != start or toks[i + m - 1][1] != end:
            raise KitError(f"hit at offset {start} of article '{doc}' does not line up with the article's tokens: "
                           "the hits were made from other texts or with other tokenizer options "
                           "(split_hyphens, merge_us); rerun dictionary_hits on these articles")


def _doc_hits(text, matcher, opts, negators, window, sent_starts, no_negation=frozenset()):
    found = find_tokens(text, opts)
    terms = [f[3] for f in found]
    if not found:
        return [], 0
    starts = np.fromiter((f[0] for f in found), dtype=np.int64, count=len(found))
    if sent_starts is not None and len(sent_starts):
        sno = np.maximum(np.searchsorted(sent_starts, starts, side="right") - 1, 0)
    else:
        sno = np.zeros(len(found), dtype=np.int64)
    by_cat: dict[str, list] = defaultdict(list)
    for cat, pattern, i, m in matcher.matches(terms):
        by_cat[cat].append((i, m, pattern))
    out = []
    for cat, cands in by_cat.items():
        cands.sort(key=lambda c: (c[0], -c[1], c[2]))
        last_end = -1
        for i, m, pattern in cands:
            if i < last_end:
                continue
            last_end = i + m
            negator = None
            if window > 0 and cat not in no_negation:
                negator = _negator_before(text, found, terms, i, window, negators, sno)
            s, e = found[i][0], found[i + m - 1][1]
            out.append((cat, pattern, int(sno[i]), i, m, s, e, text[s:e], negator is not None, negator))
    return out, len(found)


def dictionary_hits(
    articles: pd.DataFrame,
    dictionary=None,
    *,
    negation_window: int = 3,
    negators=None,
    split_hyphens: bool = False,
    merge_us: bool = True,
    text_col: str = "text",
    id_col: str = "doc_id",
    with_sizes: bool = False,
):
    """Every dictionary hit in every article, negated hits included (flagged).

    Parameters
    ----------
    articles : DataFrame with ``doc_id`` and ``text``
    dictionary : Dictionary, path, bundled name, ``{category: [entries]}`` dict, or a list of these
        (merged); default the bundled ``generic_frames``.
    negation_window : int
        Tokens before a hit searched for a negator (0 turns negation off).
    negators : iterable of str, optional
        Replaces :data:`NEGATORS` (``n't`` forms always count).
    split_hyphens, merge_us : tokenizer options (see :mod:`kit.text`); recorded in
        ``hits.attrs["kit_token_options"]`` so that :func:`frame_scores` and
        :func:`frame_evidence` reuse them.
    with_sizes : also return a Series ``doc_id -> number of tokens``.

    Returns
    -------
    DataFrame
        ``doc_id``, ``frame`` (category), ``pattern`` (entry that matched), ``sent_no`` (sentence
        of the article, as in :func:`kit.text.sentences`), ``token_no`` (0-based index of the first
        token among all tokens of the article), ``n_tokens`` (tokens in the hit), ``start``,
        ``end`` (character offsets into ``text``), ``match`` (the text matched), ``negated``,
        ``negator`` (the negating word or missing; always missing for categories with negation
        switched off). Ordered by article, then position.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Both sides want to stabilise ties. There was no agreement."]})
    >>> h = dictionary_hits(arts, {"cooperation": ["stabili*", "agree*"]})
    >>> h[["frame", "match", "sent_no", "start", "negated", "negator"]].values.tolist()
    [['cooperation', 'stabilise', 0, 19, False, None], ['cooperation', 'agreement', 1, 48, True, 'no']]
    """
    _check_articles(articles, text_col, id_col)
    if not isinstance(negation_window, (int, np.integer)) or isinstance(negation_window, bool) or negation_window < 0:
        raise KitError(f"negation_window must be a non-negative integer (0 turns negation off), got {negation_window!r}")
    d = _as_dictionary(dictionary)
    neg = NEGATORS if negators is None else frozenset(str(w).lower() for w in negators)
    opts = TokenOptions.make(merge_us=merge_us, split_hyphens=split_hyphens)
    matcher = _Matcher(d, merge_us, split_hyphens)
    no_negation = frozenset(c for c in d.categories if not d.negates(c))
    sents = split_sentences(articles, text_col=text_col, id_col=id_col)
    sent_starts = {k: g["start"].to_numpy() for k, g in sents.groupby("doc_id", sort=False)}
    rows, sizes = [], {}
    for doc_id, text in zip(articles[id_col].tolist(), articles[text_col].tolist()):
        if not isinstance(text, str) or not text:
            sizes[doc_id] = 0
            continue
        hits, n = _doc_hits(text, matcher, opts, neg, int(negation_window), sent_starts.get(doc_id), no_negation)
        sizes[doc_id] = n
        rows.extend((doc_id,) + h for h in hits)
    cols = ["doc_id", "frame", "pattern", "sent_no", "token_no", "n_tokens", "start", "end", "match", "negated", "negator"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("sent_no", "token_no", "n_tokens", "start", "end"):
        out[c] = out[c].astype("int64")
    out["negated"] = out["negated"].astype(bool)
    out["negator"] = out["negator"].astype("object").where(out["negator"].notna(), None)
    out = out.sort_values(["doc_id", "start", "frame"], kind="stable").reset_index(drop=True) if len(out) else out
    out.attrs[HITS_OPTIONS_KEY] = {"split_hyphens": bool(split_hyphens), "merge_us": bool(merge_us)}
    if with_sizes:
        return out, pd.Series(sizes, name="n_tokens", dtype="int64")
    return out


def frame_scores(
    articles: pd.DataFrame,
    dictionary=None,
    *,
    hits: pd.DataFrame | None = None,
    include_negated: bool = False,
    min_hits: int = 2,
    negation_window: int = 3,
    split_hyphens: bool | None = None,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Per article and frame: hits, hits per 1,000 tokens and presence.

    Parameters
    ----------
    articles : DataFrame with ``doc_id`` and ``text``
    dictionary : as in :func:`dictionary_hits` (default the bundled generic frames)
    hits : the output of :func:`dictionary_hits` for these articles, to avoid matching twice
        (the dictionary is still needed for the list of frames and token counts are recomputed
        with the tokenizer options recorded in the hits).
    include_negated : count negated hits too
    split_hyphens : tokenizer option (see :mod:`kit.text`); None means False, or, with ``hits``,
        the option the hits were made with (passing a different one is an error).
    min_hits : int
        Presence threshold: a frame is ``present`` in an article with at least this many
        (non-negated) hits. The default 2 was fixed before the bundled dictionaries were
        validated: one stray word is weak evidence of a frame.

    Returns
    -------
    DataFrame
        One row per article and frame (zeros included), in article order then dictionary order:
        ``doc_id``, ``frame``, ``hits``, ``negated_hits`` (hits flagged as negated; left out of ``hits`` unless ``include_negated``),
        ``n_tokens`` (all tokens of the article), ``per_1k`` (``1000 * hits / n_tokens``, 0 for an
        empty article), ``present`` (``hits >= min_hits``).

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Talks, talks and no talks.", "Quiet day."]})
    >>> frame_scores(arts, {"diplomacy": ["talks"]}, min_hits=1)
      doc_id   frame  hits  negated_hits  n_tokens  per_1k  present
    0      a  diplomacy     2             1         5   400.0     True
    1      b  diplomacy     0             0         2     0.0    False
    """
    if not isinstance(min_hits, (int, np.integer)) or isinstance(min_hits, bool) or min_hits < 1:
        raise KitError(f"min_hits must be a positive integer, got {min_hits!r}")
    d = _as_dictionary(dictionary)
    if hits is None:
        h, sizes = dictionary_hits(articles, d, negation_window=negation_window,
                                   split_hyphens=bool(split_hyphens) if split_hyphens is not None else False,
                                   text_col=text_col, id_col=id_col, with_sizes=True)
    else:
        missing = [c for c in HIT_COLUMNS if c not in hits.columns]
        if missing:
            raise KitError(f"hits has no column(s) {missing}; pass the output of dictionary_hits")
        _check_articles(articles, text_col, id_col)
        h = hits
        opts = _hits_token_options(hits, split_hyphens, None)
        by_doc = {doc: g for doc, g in h.groupby("doc_id", sort=False)} if len(h) else {}
        n_tok = {}
        for doc, t in zip(articles[id_col].tolist(), articles[text_col].tolist()):
            toks = find_tokens(t, opts) if isinstance(t, str) else []
            n_tok[doc] = len(toks)
            if doc in by_doc:
                _check_hits_fit(by_doc[doc], doc, toks)
        sizes = pd.Series(n_tok, dtype="int64")
    docs = articles[id_col].tolist()
    frames = d.categories
    counted = h if include_negated else h[~h["negated"]]
    n_hit = counted.groupby(["doc_id", "frame"]).size()
    n_neg = h[h["negated"]].groupby(["doc_id", "frame"]).size()
    idx = pd.MultiIndex.from_product([docs, frames], names=["doc_id", "frame"])
    out = idx.to_frame(index=False)
    out["hits"] = n_hit.reindex(idx, fill_value=0).to_numpy().astype("int64")
    out["negated_hits"] = n_neg.reindex(idx, fill_value=0).to_numpy().astype("int64")
    out["n_tokens"] = sizes.reindex(out["doc_id"]).fillna(0).to_numpy().astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(out["n_tokens"] > 0, 1000.0 * out["hits"] / out["n_tokens"].where(out["n_tokens"] > 0, 1), 0.0)
    out["per_1k"] = rate.astype(float)
    out["present"] = out["hits"] >= int(min_hits)
    return out


_PERIODS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def group_series(articles: pd.DataFrame, group_by: str | None, *, id_col: str = "doc_id",
                 what: str = "articles") -> pd.Series:
    """The group of every article, indexed by its id: :func:`group_column` with the id column checked.

    Raises :class:`kit.errors.KitError` listing the columns when ``articles`` is not a DataFrame
    or has no ``id_col``.

    >>> a = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", None]})
    >>> group_series(a, "outlet").to_dict()
    {'a': 'X', 'b': '(unknown)'}
    """
    if not isinstance(articles, pd.DataFrame):
        raise KitError(f"{what} must be a DataFrame (the articles table), got {type(articles).__name__}")
    if id_col not in articles.columns:
        raise KitError(f"{what} has no id column '{id_col}'; columns are {', '.join(map(str, articles.columns))} "
                       "(pass id_col= to name the id column)")
    return pd.Series(group_column(articles, group_by).to_numpy(), index=articles[id_col].to_numpy())


def group_column(articles: pd.DataFrame, group_by: str | None) -> pd.Series:
    """The grouping values of ``articles``: a column, or a period of ``published``.

    ``group_by`` is a column name, one of ``day``, ``week``, ``month``, ``quarter``, ``year``
    (the period of ``published``, as text such as ``2023-06``; undated articles get
    ``(undated)``), or None (one group ``all``). Missing values become ``(unknown)``.

    >>> a = pd.DataFrame({"outlet": ["A", None], "published": pd.to_datetime(["2023-06-18", None], utc=True)})
    >>> group_column(a, "outlet").tolist(), group_column(a, "month").tolist()
    (['A', '(unknown)'], ['2023-06', '(undated)'])
    """
    if group_by is None:
        return pd.Series("all", index=articles.index, dtype="object")
    if group_by in articles.columns:
        s = articles[group_by]
        return group_labels(s).astype("object")
    if group_by in _PERIODS:
        if "published" not in articles.columns:
            raise KitError(f"group_by='{group_by}' needs a 'published' column")
        pub = pd.to_datetime(articles["published"], utc=True, errors="coerce")
        fmt = {"D": "%Y-%m-%d", "W": "%Y-%m-%d", "M": "%Y-%m", "Q": None, "Y": "%Y"}[_PERIODS[group_by]]
        if group_by == "week":
            vals = (pub.dt.tz_localize(None).dt.to_period("W-SUN").dt.start_time).dt.strftime("%Y-%m-%d")
        elif group_by == "quarter":
            vals = pub.dt.tz_localize(None).dt.to_period("Q").astype(str)
        else:
            vals = pub.dt.strftime(fmt)
        return vals.astype("object").where(pub.notna(), "(undated)")
    raise KitError(f"unknown group_by '{group_by}'; use a column of the articles table "
                   f"({', '.join(map(str, articles.columns))}), one of {', '.join(_PERIODS)}, or None")


def frame_prevalence(
    scores: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    group_by: str | None = "outlet",
    n_boot: int = 1000,
    seed: int = 0,
    ci: float = 0.95,
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Per group and frame: share of articles with the frame and mean rate, with bootstrap intervals.

    Parameters
    ----------
    scores : output of :func:`frame_scores`
    articles : the articles table (needed for ``group_by``; may be None when ``group_by`` is None)
    group_by : a column of ``articles``, a period (``month``, ...; see :func:`group_column`), or None
    n_boot, seed, ci : interval settings. ``share_low`` / ``share_high`` are a Wilson score
        interval of ``n_present`` out of ``n_articles`` (:func:`kit.resample.wilson_ci`, at
        coverage ``ci``; it needs no resampling and does not depend on ``n_boot``);
        ``per_1k_low`` / ``per_1k_high`` are a seeded percentile bootstrap over the group's
        articles (:func:`kit.resample.bootstrap_ci`): NaN for a group of fewer than two articles
        (one article resamples to itself) and when ``n_boot`` is 0.
    id_col : id column of ``articles``

    Returns
    -------
    DataFrame
        ``<group_by>`` (or ``group`` = ``all`` when None), ``frame``, ``n_articles``,
        ``n_present``, ``share`` (``n_present / n_articles``), ``share_low``, ``share_high``
        (Wilson), ``hits`` (total), ``mean_per_1k`` (mean of the articles' ``per_1k``),
        ``per_1k_low``, ``per_1k_high`` (bootstrap). Groups sorted, frames in dictionary order.

    Examples
    --------
    >>> sc = pd.DataFrame({"doc_id": ["a", "b", "c"], "frame": "conflict", "hits": [2, 0, 3],
    ...                    "per_1k": [4.0, 0.0, 6.0], "present": [True, False, True]})
    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"]})
    >>> frame_prevalence(sc, arts, n_boot=0)[["outlet", "n_articles", "share", "share_low", "mean_per_1k"]].round(4)
      outlet  n_articles  share  share_low  mean_per_1k
    0      X           2    0.5     0.0945          2.0
    1      Y           1    1.0     0.2065          6.0
    """
    check_bootstrap_args(n_boot, seed, ci)
    need = [c for c in ("doc_id", "frame", "hits", "per_1k", "present") if c not in scores.columns]
    if need:
        raise KitError(f"scores has no column(s) {need}; pass the output of frame_scores")
    name = group_by if group_by is not None else "group"
    if group_by is None:
        groups = pd.Series("all", index=pd.Index(scores["doc_id"].unique(), name="doc_id"))
    else:
        if articles is None:
            raise KitError("frame_prevalence needs the articles table to group by " + repr(group_by))
        groups = group_series(articles, group_by, id_col=id_col)
    frames = list(dict.fromkeys(scores["frame"].tolist()))
    wide_p = scores.pivot_table(index="doc_id", columns="frame", values="present", aggfunc="max").reindex(columns=frames)
    wide_r = scores.pivot_table(index="doc_id", columns="frame", values="per_1k", aggfunc="mean").reindex(columns=frames)
    wide_h = scores.pivot_table(index="doc_id", columns="frame", values="hits", aggfunc="sum").reindex(columns=frames)
    docs = [doc for doc in groups.index if doc in wide_p.index]
    g_of = groups.loc[docs]
    rows = []
    for g in sorted(g_of.unique(), key=str):
        ids = g_of.index[g_of == g]
        p = wide_p.loc[ids].fillna(False).to_numpy(dtype=float)
        r = wide_r.loc[ids].fillna(0.0).to_numpy(dtype=float)
        hsum = wide_h.loc[ids].fillna(0).to_numpy(dtype=float).sum(axis=0)
        lo, hi = bootstrap_ci(r, n_boot=n_boot, seed=seed, ci=ci)
        n_present = p.sum(axis=0)
        s_lo, s_hi = wilson_ci(n_present, np.full(len(frames), len(ids)), ci=ci)
        for j, f in enumerate(frames):
            rows.append({name: g, "frame": f, "n_articles": len(ids), "n_present": int(n_present[j]),
                         "share": float(p[:, j].mean()), "share_low": s_lo[j], "share_high": s_hi[j],
                         "hits": int(hsum[j]), "mean_per_1k": float(r[:, j].mean()),
                         "per_1k_low": lo[j], "per_1k_high": hi[j]})
    cols = [name, "frame", "n_articles", "n_present", "share", "share_low", "share_high", "hits",
            "mean_per_1k", "per_1k_low", "per_1k_high"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("n_articles", "n_present", "hits"):
        out[c] = out[c].astype("int64")
    for c in ("share", "share_low", "share_high", "mean_per_1k", "per_1k_low", "per_1k_high"):
        out[c] = out[c].astype(float)
    return out


def frame_evidence(
    hits: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    window: int = 8,
    frame: str | None = None,
    include_negated: bool = True,
    split_hyphens: bool | None = None,
    merge_us: bool | None = None,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> pd.DataFrame:
    """Every hit with its sentence and a KWIC window, so a reader can check what was counted.

    Parameters
    ----------
    hits : output of :func:`dictionary_hits`
    articles : the articles the hits came from
    window : int
        Tokens shown on each side of the match in ``left`` / ``right`` (within the article,
        across sentence ends).
    frame : keep only this frame
    include_negated : keep negated hits (flagged in ``negated``)
    split_hyphens, merge_us : tokenizer options for the KWIC window; None (the default) reuses
        those the hits were made with (``hits.attrs``); a different value is an error. Hits that
        do not line up with the articles' tokens raise :class:`kit.errors.KitError`.

    Returns
    -------
    DataFrame
        ``doc_id``, ``frame``, ``pattern``, ``sent_no``, ``start``, ``end`` (offsets into the
        article text), ``left``, ``keyword`` (the matched text), ``right``, ``sentence`` (the
        full sentence holding the hit), ``negated``.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Calm day. Officials traded sharp words over the balloon. Talks resume."]})
    >>> ev = frame_evidence(dictionary_hits(arts, {"conflict": ["sharp words"]}), arts, window=2)
    >>> ev[["left", "keyword", "right", "sentence"]].values.tolist()
    [['Officials traded', 'sharp words', 'over the', 'Officials traded sharp words over the balloon.']]
    """
    if not isinstance(window, (int, np.integer)) or isinstance(window, bool) or window < 0:
        raise KitError(f"window must be a non-negative integer, got {window!r}")
    need = [c for c in HIT_COLUMNS if c not in hits.columns]
    if need:
        raise KitError(f"hits has no column(s) {need}; pass the output of dictionary_hits")
    _check_articles(articles, text_col, id_col)
    h = hits
    if frame is not None:
        known = sorted(hits["frame"].unique())
        h = h[h["frame"] == frame]
        if h.empty and frame not in known:
            raise KitError(f"no hits for frame '{frame}'; frames with hits: {', '.join(known) or '(none)'}")
    if not include_negated:
        h = h[~h["negated"]]
    cols = ["doc_id", "frame", "pattern", "sent_no", "start", "end", "left", "keyword", "right", "sentence", "negated"]
    if h.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    sub = articles[articles[id_col].isin(h["doc_id"].unique())]
    texts = dict(zip(sub[id_col].tolist(), sub[text_col].tolist()))
    sents = split_sentences(sub, text_col=text_col, id_col=id_col)
    sent_span = {(d, s): (a, b) for d, s, a, b in zip(sents["doc_id"], sents["sent_no"], sents["start"], sents["end"])}
    opts = _hits_token_options(hits, split_hyphens, merge_us)
    missing_docs = [doc for doc in h["doc_id"].unique() if doc not in texts]
    if missing_docs:
        raise KitError(f"hits name article(s) not in articles (e.g. '{missing_docs[0]}'); pass the articles the hits came from")
    tok_cache: dict = {}
    for doc, g in h.groupby("doc_id", sort=False):
        t = texts[doc]
        tok_cache[doc] = find_tokens(t, opts) if isinstance(t, str) else []
        _check_hits_fit(g, doc, tok_cache[doc])
    rows = []
    for r in h.itertuples(index=False):
        text = texts[r.doc_id]
        toks = tok_cache[r.doc_id]
        i, m = r.token_no, r.n_tokens
        lo = max(0, i - window)
        hi = min(len(toks), i + m + window)
        left = text[toks[lo][0]:toks[i][0]].strip() if window and i > 0 else ""
        right = text[toks[i + m - 1][1]:toks[hi - 1][1]].strip() if window and i + m < len(toks) else ""
        a, b = sent_span.get((r.doc_id, r.sent_no), (r.start, r.end))
        rows.append((r.doc_id, r.frame, r.pattern, r.sent_no, r.start, r.end, " ".join(left.split()),
                     text[r.start:r.end], " ".join(right.split()), " ".join(text[a:b].split()), bool(r.negated)))
    out = pd.DataFrame(rows, columns=cols)
    for c in ("sent_no", "start", "end"):
        out[c] = out[c].astype("int64")
    return out


def evidence_sample(evidence: pd.DataFrame, *, n: int = 3, seed: int = 0, include_negated: bool = False) -> pd.DataFrame:
    """Up to ``n`` evidence rows per frame, drawn at random (seeded), for reading in a report.

    Parameters
    ----------
    evidence : output of :func:`frame_evidence`
    n : rows per frame
    seed : seed of the draw (same seed, same rows)
    include_negated : also draw negated hits

    Returns
    -------
    DataFrame with the columns of ``evidence``, frames in their first-seen order, rows in text order.

    >>> ev = pd.DataFrame({"doc_id": ["a"] * 4, "frame": ["x", "x", "x", "y"], "start": [0, 5, 9, 2], "negated": False})
    >>> evidence_sample(ev, n=2)[["frame"]].value_counts().to_dict()
    {('x',): 2, ('y',): 1}
    """
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise KitError(f"n must be a positive integer, got {n!r}")
    ev = evidence if include_negated else evidence[~evidence["negated"].astype(bool)]
    if ev.empty:
        return ev.copy()
    order = {f: i for i, f in enumerate(dict.fromkeys(ev["frame"]))}
    rng = np.random.default_rng(seed)
    keys = rng.random(len(ev))
    picked = ev.assign(_k=keys, _o=ev["frame"].map(order)).sort_values(["_o", "_k"], kind="stable")
    picked = picked.groupby("frame", sort=False).head(n)
    return picked.sort_values(["_o", "doc_id", "start"], kind="stable").drop(columns=["_k", "_o"]).reset_index(drop=True)
