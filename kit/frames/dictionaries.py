"""Dictionaries: what they hold, and reading them from the formats researchers use.

:func:`load_dictionary` is the one loader (bundled names, files, mappings, lists of these); the
file formats and the entry syntax are described in :mod:`kit.frames`. Every reader fails with
:class:`kit.errors.KitValueError` naming the file and the line of the first problem (unknown
category number, entry before any category, bad YAML, empty pattern, ...).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kit.deprecation import deprecated_alias
from kit.errors import KitFileNotFoundError, KitTypeError, KitValueError
from kit.frames.constants import CATEGORY_NAME, DEFAULT_DICTIONARY, FORMATS, YAML_CATEGORY_KEYS, YAML_KEYS
from kit.validate import check_choice, check_path

__all__ = ["Dictionary", "BUNDLED_DICTIONARIES", "dictionary_dir", "load_dictionary", "dictionary_summary"]

#: The dictionaries bundled with the kit in ``kit/resources/dictionaries`` (name -> file).
BUNDLED_DICTIONARIES: dict[str, str] = {
    "generic_frames": "generic_frames.yml",
    "cooperation_security": "cooperation_security.yml",
    "us_china_issues": "us_china_issues.yml",
}


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
        """Whether negation applies to the hits of ``category`` (True unless switched off).

        >>> load_dictionary("generic_frames").negates("conflict")
        True
        """
        return bool(self.negation.get(category, True))

    @property
    def categories(self) -> list[str]:
        """Category names in file order.

        >>> load_dictionary("generic_frames").categories
        ['conflict', 'responsibility', 'economic', 'human_interest', 'morality']
        """
        return list(dict.fromkeys(self.entries["frame"].tolist())) if len(self.entries) else list(self.descriptions)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Dictionary({self.name!r}, {len(self.categories)} categories, {len(self.entries)} entries)"


def _fail(path, line, msg) -> KitValueError:
    """The one error of the dictionary readers: ``<file>, line <n>: <problem>``."""
    where = f"{path}, line {line}" if line is not None else str(path)
    return KitValueError(f"{where}: {msg}")


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
    if not isinstance(name, str) or not CATEGORY_NAME.match(name.strip()):
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


def _from_mapping(categories: dict, name: str = "custom") -> Dictionary:
    """A dictionary from a mapping ``{category: [entries]}`` (same checks as the file readers)."""
    if not isinstance(categories, dict) or not categories:
        raise KitValueError("categories must be a non-empty dict {category: [entries]}")
    rows = []
    for cat, entries in categories.items():
        cat = _check_category(cat, "<dict>", None)
        if isinstance(entries, str) or not hasattr(entries, "__iter__"):
            raise KitTypeError(f"entries of category '{cat}' must be a list of strings, got {entries!r}")
        for e in entries:
            rows.append((cat, _check_pattern(e, f"<dict> category '{cat}'", None), pd.NA))
    return _build(name, rows, {}, None)


def _detect_format(path: Path, format: str | None) -> str:
    if format is not None:
        return check_choice(format, "dictionary format", FORMATS)
    suffix = path.suffix.lower()
    for fmt, exts in FORMATS.items():
        if suffix in exts:
            return fmt
    known = ", ".join(e for exts in FORMATS.values() for e in exts)
    raise KitValueError(f"{path}: cannot tell the dictionary format from the extension '{suffix}'; "
                        f"use one of {known} or pass format= ({', '.join(FORMATS)})")


def _read_file(path, *, format: str | None = None, name: str | None = None) -> Dictionary:
    """A dictionary file read as given (see :func:`load_dictionary`)."""
    p = check_path(path, "dictionary file")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise KitValueError(f"{p}: cannot read the dictionary file: {e.strerror or e}") from None
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


def _yaml_line(node) -> int:
    return node.start_mark.line + 1


def _yaml_scalar(node, what: str, path: str) -> str:
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        raise _fail(path, _yaml_line(node), f"{what} must be a single value")
    return node.value


def _yaml_top(text: str, path: str) -> dict:
    """The top-level keys of a YAML dictionary as ``key -> node`` (checked against :data:`YAML_KEYS`)."""
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
    if not isinstance(root, yaml.MappingNode):
        raise _fail(path, _yaml_line(root), "the top level must be a mapping with a 'categories' key")
    top = {}
    for k, v in root.value:
        key = _yaml_scalar(k, "a key", path)
        if key not in YAML_KEYS:
            raise _fail(path, _yaml_line(k), f"unknown key '{key}'; valid keys: {', '.join(YAML_KEYS)}")
        top[key] = v
    if "categories" not in top:
        raise _fail(path, _yaml_line(root), "no 'categories' key")
    cats = top["categories"]
    if not isinstance(cats, yaml.MappingNode) or not cats.value:
        raise _fail(path, _yaml_line(cats), "'categories' must map category names to entries")
    return top


def _yaml_category_mapping(cat: str, knode, vnode, path: str, descriptions: dict, negation: dict):
    """The entries node of a category written as a mapping; its description and negation recorded."""
    entries_node = None
    for ek, ev in vnode.value:
        key = _yaml_scalar(ek, "a key", path)
        if key == "entries":
            entries_node = ev
        elif key == "description":
            descriptions[cat] = " ".join(_yaml_scalar(ev, "a description", path).split())
        elif key == "negation":
            val = _yaml_scalar(ev, "negation", path).strip().lower()
            if val not in ("true", "false"):
                raise _fail(path, _yaml_line(ev), f"negation of category '{cat}' must be true or false, got '{ev.value}'")
            if val == "false":
                negation[cat] = False
        else:
            raise _fail(path, _yaml_line(ek), f"unknown key '{key}' in category '{cat}'; valid keys: "
                                              f"{', '.join(YAML_CATEGORY_KEYS)}")
    if entries_node is None:
        raise _fail(path, _yaml_line(knode), f"category '{cat}' has no 'entries'")
    return entries_node


def _yaml_entries(cat: str, entries_node, path: str) -> list[tuple]:
    """``(category, pattern, line)`` rows of one category's entry list."""
    import yaml

    if not isinstance(entries_node, yaml.SequenceNode):
        raise _fail(path, _yaml_line(entries_node), f"entries of category '{cat}' must be a list")
    if not entries_node.value:
        raise _fail(path, _yaml_line(entries_node), f"category '{cat}' has no entries")
    rows = []
    for e in entries_node.value:
        if not isinstance(e, yaml.ScalarNode):
            raise _fail(path, _yaml_line(e), f"an entry of category '{cat}' must be text, not a list or mapping")
        rows.append((cat, _check_pattern(e.value, path, _yaml_line(e)), _yaml_line(e)))
    return rows


def _read_yaml(text: str, path: str) -> Dictionary:
    import yaml

    top = _yaml_top(text, path)
    rows, descriptions, negation = [], {}, {}
    for knode, vnode in top["categories"].value:
        cat = _check_category(_yaml_scalar(knode, "a category name", path), path, _yaml_line(knode))
        if isinstance(vnode, yaml.MappingNode):
            vnode = _yaml_category_mapping(cat, knode, vnode, path, descriptions, negation)
        rows += _yaml_entries(cat, vnode, path)
    name = _yaml_scalar(top["name"], "name", path) if "name" in top else Path(path).stem
    desc = " ".join(_yaml_scalar(top["description"], "description", path).split()) if "description" in top else ""
    return _build(name, rows, descriptions, path, desc, negation)


def _liwc_header(lines: list[str], path: str) -> tuple[dict, int]:
    """Category numbers -> names from the header between the two '%' lines, and the index of the closing '%'."""
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
    return ids, i


def _liwc_split(raw: str) -> tuple[str, list[str]]:
    """An entry line -> (pattern, category numbers): tab-separated, or trailing numbers after spaces."""
    if "\t" in raw:
        parts = [p.strip() for p in raw.split("\t") if p.strip()]
        return parts[0], parts[1:]
    parts = raw.split()
    k = len(parts)
    while k > 1 and parts[k - 1].isdigit():
        k -= 1
    return " ".join(parts[:k]), parts[k:]


def _read_liwc(text: str, path: str) -> Dictionary:
    lines = text.splitlines()
    ids, i = _liwc_header(lines, path)
    rows = []
    for j in range(i + 1, len(lines)):
        raw = lines[j].rstrip("\r\n")
        if not raw.strip():
            continue
        pattern, nums = _liwc_split(raw)
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


def _bundled(name: str) -> Dictionary:
    check_choice(name, "bundled dictionary", BUNDLED_DICTIONARIES)
    res = dictionary_dir() / BUNDLED_DICTIONARIES[name]
    return _parse_dictionary(res.read_bytes(), str(res))


def _merge(parts: list[Dictionary]) -> Dictionary:
    """Several dictionaries as one (a category in two of them must have the same negation setting)."""
    rows = pd.concat([p.entries for p in parts], ignore_index=True)
    descs, negation, seen = {}, {}, {}
    for p in parts:
        descs.update(p.descriptions)
        for cat in p.categories:
            if cat in seen and seen[cat][1] != p.negates(cat):
                raise KitValueError(f"category '{cat}' is in dictionaries '{seen[cat][0]}' and '{p.name}' with different "
                                    "negation settings; rename one of them or make the settings agree")
            seen[cat] = (p.name, p.negates(cat))
            if not p.negates(cat):
                negation[cat] = False
    return Dictionary(name="+".join(p.name for p in parts),
                      entries=rows.drop_duplicates(["frame", "pattern"]).reset_index(drop=True),
                      descriptions=descs, source=None, negation=negation)


def load_dictionary(spec=None, *, format: str | None = None, name: str | None = None) -> Dictionary:
    """The one dictionary loader: a bundled name, a file, a ``{category: [entries]}`` dict, a
    :class:`Dictionary`, or a list of these (merged into one).

    Parameters
    ----------
    spec : str, path, dict, Dictionary, list, or None
        - a name of :data:`BUNDLED_DICTIONARIES` (shipped inside the package);
        - a file in the kit's YAML, LIWC-style ``.dic`` or Lexicoder ``.lc3``/``.lcd`` format, read
          as given (a relative path from the current folder; notebooks resolve theirs against the
          project with :func:`kit.paths.resolve_inputs`);
        - a mapping ``{category: [entries]}``;
        - a list of any of these, merged (entries of a category in two of them are pooled);
        - None: the bundled ``generic_frames``.
    format : {"yaml", "liwc", "lexicoder"}, optional
        File format (default: from the extension); only for a file.
    name : str, optional
        Name of the result (default: the YAML ``name`` field, the file stem, or ``custom`` for a dict).

    Returns
    -------
    Dictionary

    Raises
    ------
    kit.errors.KitFileNotFoundError
        for a file that does not exist (also a ``FileNotFoundError``);
    kit.errors.KitValueError
        naming the file and line of the first problem in a dictionary file.

    Examples
    --------
    >>> load_dictionary("generic_frames").categories
    ['conflict', 'responsibility', 'economic', 'human_interest', 'morality']
    >>> load_dictionary(["generic_frames", "cooperation_security"]).categories[-2:]
    ['cooperation', 'security']
    >>> d = load_dictionary({"cooperation": ["agree*", "people-to-people"], "conflict": ["clash*"]})
    >>> d.categories, len(d)
    (['cooperation', 'conflict'], 3)
    """
    if format is not None and not isinstance(spec, (str, os.PathLike)):
        raise KitTypeError(f"format= applies to a dictionary file, not to {type(spec).__name__}")
    if spec is None:
        d = _bundled(DEFAULT_DICTIONARY)
    elif isinstance(spec, Dictionary):
        d = spec
    elif isinstance(spec, dict):
        d = _from_mapping(spec)
    elif isinstance(spec, (list, tuple)):
        if not spec:
            raise KitValueError("an empty list of dictionaries; give at least one name, file or mapping")
        d = _merge([load_dictionary(x) for x in spec])
    elif isinstance(spec, str) and spec in BUNDLED_DICTIONARIES and format is None:
        d = _bundled(spec)
    elif isinstance(spec, (str, os.PathLike)):
        if isinstance(spec, str) and not Path(spec).suffix and not Path(spec).exists():
            raise KitFileNotFoundError(f"dictionary file not found: {spec} "
                                       f"(bundled dictionaries: {', '.join(BUNDLED_DICTIONARIES)})")
        return _read_file(spec, format=format, name=name)
    else:
        raise KitTypeError(f"a dictionary is a bundled name, a file path, a {{category: [entries]}} dict or a list "
                           f"of these, got {type(spec).__name__}")
    if name is not None:
        d = Dictionary(name=name, entries=d.entries, descriptions=d.descriptions, source=d.source,
                       description=d.description, negation=d.negation)
    return d


def dictionary_summary(dictionary) -> pd.DataFrame:
    """What a dictionary (anything :func:`load_dictionary` takes) holds: ``frame``, ``n_entries``, ``n_phrases`` (entries of several words),
    ``n_wildcards`` (entries with ``*``), ``examples`` (first five entries), ``description``,
    ``negation`` (False for categories whose hits are never negated).

    >>> dictionary_summary({"c": ["agree*", "trade war", "talks"]})[["frame", "n_entries", "n_phrases", "n_wildcards"]].values.tolist()
    [['c', 3, 1, 1]]
    """
    d = load_dictionary(dictionary)
    rows = []
    for cat in d.categories:
        pats = d.entries.loc[d.entries["frame"] == cat, "pattern"].tolist()
        rows.append({"frame": cat, "n_entries": len(pats), "n_phrases": sum(" " in p for p in pats),
                     "n_wildcards": sum("*" in p for p in pats), "examples": ", ".join(pats[:5]),
                     "description": d.descriptions.get(cat, ""), "negation": d.negates(cat)})
    return pd.DataFrame(rows, columns=["frame", "n_entries", "n_phrases", "n_wildcards", "examples", "description",
                                       "negation"])


# ----------------------------------------------------------------------------- deprecated names (one release)


def _read_dictionary(path, *, format: str | None = None, name: str | None = None) -> Dictionary:
    return load_dictionary(path, format=format, name=name)


def _bundled_dictionary(name: str = DEFAULT_DICTIONARY) -> Dictionary:
    return _bundled(name)


def _make_dictionary(categories: dict, *, name: str = "custom") -> Dictionary:
    return load_dictionary(categories, name=name)


read_dictionary = deprecated_alias(_read_dictionary, "read_dictionary", new_name="kit.frames.load_dictionary")
bundled_dictionary = deprecated_alias(_bundled_dictionary, "bundled_dictionary", new_name="kit.frames.load_dictionary")
make_dictionary = deprecated_alias(_make_dictionary, "make_dictionary", new_name="kit.frames.load_dictionary")
