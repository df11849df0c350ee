"""Actor files: the one loader (bundled names, YAML, CSV/TSV, JSON, DataFrames, records) and the alias table.

Formats and rules are described in :mod:`kit.actors`.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from kit.errors import KitFileNotFoundError, KitTypeError, KitValueError
from kit.text import TokenOptions, find_tokens
from kit.validate import check_choice, check_path, require_columns

__all__ = ["ACTOR_TYPES", "ACTOR_COLUMNS", "BUNDLED_ACTORS", "DEFAULT_ACTORS", "ACTOR_FILE_FORMATS", "ALIAS_SEPARATOR",
           "bundled_actors_path", "load_actors", "actors_from_records", "alias_key", "alias_table"]

#: Valid actor types (the speaker types used by the quotes module).
ACTOR_TYPES: tuple[str, ...] = ("official", "expert", "media", "business", "citizen", "organisation")

#: Columns of the actors table returned by :func:`load_actors`.
ACTOR_COLUMNS: dict[str, str] = {
    "name": "canonical name",
    "aliases": "list of other names the text may use (the canonical name is matched too)",
    "role": "role or title (text, may be empty)",
    "organisation": "organisation (text, may be empty)",
    "side": "side or country (text, may be empty)",
    "type": "one of ACTOR_TYPES",
}

_KEYS = set(ACTOR_COLUMNS)
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-"})
_OPTS = TokenOptions.make()


#: The actor files bundled with the kit in ``kit/resources/actors`` (name -> file).
BUNDLED_ACTORS: dict[str, str] = {"us_china_2023": "us_china_2023.yml"}

#: The bundled actor file used when none is given.
DEFAULT_ACTORS = "us_china_2023"

#: Actor file formats by extension.
ACTOR_FILE_FORMATS: dict[str, str] = {".yml": "yaml", ".yaml": "yaml", ".csv": "csv", ".tsv": "tsv", ".json": "json"}

#: Separator of several aliases in one CSV/TSV cell (or DataFrame text cell).
ALIAS_SEPARATOR = ";"

#: Optional text fields of an actor; a missing value (absent, None, NaN, empty text) is None.
_TEXT_FIELDS = ("role", "organisation", "side")


def bundled_actors_path(name: str = DEFAULT_ACTORS):
    """The bundled actor file ``name`` inside the installed package (``kit/resources/actors``), as
    an :mod:`importlib.resources` traversable (a :class:`pathlib.Path` in a normal install).

    >>> bundled_actors_path().name
    'us_china_2023.yml'
    """
    from importlib.resources import files

    check_choice(name, "bundled actor file", BUNDLED_ACTORS)
    return files("kit").joinpath("resources", "actors", BUNDLED_ACTORS[name])


def _fail(path, line, msg) -> KitValueError:
    """The one error of the actor loader: ``<file>[, line <n>]: <problem>``."""
    return KitValueError(f"{path}, line {line}: {msg}" if line is not None else f"{path}: {msg}")


def _missing(v) -> bool:
    """The one missing-value rule: None, NaN/NA and empty or blank text are missing."""
    if v is None:
        return True
    if isinstance(v, str):
        return not v.strip()
    if isinstance(v, (list, tuple)):
        return False
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def load_actors(source=None) -> pd.DataFrame:
    """The one actor loader: a bundled name, a YAML / CSV / TSV / JSON file, a DataFrame or a list of records.

    Every form gets the same checks: only the keys of :data:`ACTOR_COLUMNS`; a ``name`` for every
    actor; a ``type`` from :data:`ACTOR_TYPES` (required, except that a DataFrame may leave the
    whole ``type`` column out, e.g. for quote speakers typed from the article); names and aliases
    unique across actors. One missing-value rule: an absent, empty or NaN ``role``,
    ``organisation``, ``side`` (or ``type``) is None.

    Parameters
    ----------
    source : str, path, DataFrame, list of dict, or None
        - None or a name of :data:`BUNDLED_ACTORS`: the file shipped inside the package
          (default ``us_china_2023``);
        - a file, read as given (a relative path from the current folder; notebooks resolve
          theirs with :func:`kit.paths.resolve_inputs`): YAML (module docs), CSV/TSV with the
          columns of :data:`ACTOR_COLUMNS` (several aliases separated by ``;``), or JSON (a list
          of actors, or an object with only the key ``actors``);
        - a DataFrame with those columns (``aliases`` a list or ``;``-separated text);
        - a list of dicts with those keys.

    Returns
    -------
    DataFrame
        Columns :data:`ACTOR_COLUMNS` (``name, aliases, role, organisation, side, type``), one row
        per actor in input order; ``aliases`` is a list of strings (the canonical name not repeated).

    Raises
    ------
    kit.errors.KitFileNotFoundError
        for a file that does not exist;
    kit.errors.KitValueError
        naming the file (and line of a YAML file, record of the others) and the problem.

    Examples
    --------
    >>> a = load_actors()
    >>> a.set_index("name").loc["Eleanor Whitcombe", ["role", "side", "type"]].tolist()
    ['Secretary of State', 'US', 'official']
    >>> "Whitcombe" in a.set_index("name").loc["Eleanor Whitcombe", "aliases"]
    True
    >>> load_actors(pd.DataFrame({"name": ["Ana Ribeiro"], "aliases": ["Ribeiro; Ms Ribeiro"]})).iloc[0].tolist()
    ['Ana Ribeiro', ['Ribeiro', 'Ms Ribeiro'], None, None, None, None]
    """
    if source is None or (isinstance(source, str) and source in BUNDLED_ACTORS):
        res = bundled_actors_path(source or DEFAULT_ACTORS)
        return _from_yaml(res.read_text(encoding="utf-8-sig"), str(res))
    if isinstance(source, pd.DataFrame):
        return _from_frame(source)
    if isinstance(source, list):
        return actors_from_records(source)
    if not isinstance(source, (str, os.PathLike)):
        raise KitTypeError(f"actors must be a bundled name ({', '.join(BUNDLED_ACTORS)}), a file path, a DataFrame or "
                           f"a list of dicts, got {type(source).__name__}")
    p = Path(source)
    fmt = ACTOR_FILE_FORMATS.get(p.suffix.lower())
    if fmt is None:
        if not p.suffix and not p.exists():
            raise KitFileNotFoundError(f"actor file not found: {p} (bundled actor files: {', '.join(BUNDLED_ACTORS)})")
        raise KitValueError(f"{p}: actor files are {', '.join(ACTOR_FILE_FORMATS)}; got '{p.suffix}'")
    p = check_path(p, "actor file")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(p, None, "the file is not UTF-8 text") from None
    if fmt == "yaml":
        return _from_yaml(text, str(p))
    if fmt == "json":
        return _from_json(text, str(p))
    return _from_delimited(p, "\t" if fmt == "tsv" else ",")


def _from_yaml(text: str, path: str) -> pd.DataFrame:
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        raise _fail(path, mark.line + 1 if mark else None, f"not valid YAML: {getattr(e, 'problem', None) or e}") from None
    if root is None:
        raise _fail(path, None, "the file is empty")

    def line(node):
        return node.start_mark.line + 1

    if isinstance(root, yaml.MappingNode):
        keys = {k.value: v for k, v in root.value}
        if set(keys) != {"actors"}:
            extra = sorted(set(keys) - {"actors"})
            raise _fail(path, line(root), "the top level must have only the key 'actors'" + (f"; found {extra}" if extra else ""))
        seq = keys["actors"]
    else:
        seq = root
    if not isinstance(seq, yaml.SequenceNode):
        raise _fail(path, line(seq), "'actors' must be a list of actors")
    records, lines = [], []
    for node in seq.value:
        if not isinstance(node, yaml.MappingNode):
            raise _fail(path, line(node), "each actor must be a mapping with name, aliases, role, organisation, side, type")
        rec = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode) or k.value not in _KEYS:
                raise _fail(path, line(k), f"unknown key '{getattr(k, 'value', k)}'; valid keys: {', '.join(ACTOR_COLUMNS)}")
            if k.value == "aliases":
                if not isinstance(v, yaml.SequenceNode) or not all(isinstance(x, yaml.ScalarNode) for x in v.value):
                    raise _fail(path, line(v), "aliases must be a list of names")
                rec["aliases"] = [(x.value, line(x)) for x in v.value]
            else:
                if not isinstance(v, yaml.ScalarNode):
                    raise _fail(path, line(v), f"'{k.value}' must be a single value")
                if v.tag != "tag:yaml.org,2002:null" and v.value.strip():
                    rec[k.value] = (v.value, line(v))
        records.append(rec)
        lines.append(line(node))
    return _table(records, lines, path)


def _from_json(text: str, path: str) -> pd.DataFrame:
    import json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise _fail(path, e.lineno, f"not valid JSON: {e.msg}") from None
    if isinstance(data, dict):
        if set(data) != {"actors"}:
            raise _fail(path, None, f"a JSON actor file is a list of actors or an object with only the key 'actors'; "
                                    f"found keys {sorted(data)}")
        data = data["actors"]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise _fail(path, None, f"expected a list of actors (objects with {', '.join(ACTOR_COLUMNS)})")
    return _from_records(data, path, "actor")


def _from_delimited(path: Path, sep: str) -> pd.DataFrame:
    table = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False)
    bad = [c for c in table.columns if c not in _KEYS]
    if bad:
        raise _fail(path, None, f"unknown column(s) {bad}; valid columns: {', '.join(ACTOR_COLUMNS)}")
    # rows are numbered as lines of the file (line 1 is the header)
    return _from_records(table.to_dict("records"), str(path), "line", first=2)


def _from_frame(df: pd.DataFrame) -> pd.DataFrame:
    bad = [c for c in df.columns if c not in _KEYS]
    if bad:
        raise KitValueError(f"actor table has unknown column(s) {bad}; valid columns: {', '.join(ACTOR_COLUMNS)}")
    if "name" not in df.columns:
        raise KitValueError(f"actor table needs a 'name' column; has {list(df.columns)}")
    return _from_records(df.to_dict("records"), "actor table", "row", require_type="type" in df.columns)


def _split_aliases(v) -> list:
    if _missing(v):
        return []
    if isinstance(v, str):
        return [a.strip() for a in v.split(ALIAS_SEPARATOR) if a.strip()]
    if isinstance(v, (list, tuple, np.ndarray)):
        return [a for a in v if not _missing(a)]
    return [v]


def _from_records(rows: list[dict], path: str, unit: str, *, first: int = 1, require_type: bool = True) -> pd.DataFrame:
    """Records of a non-YAML source, numbered ``unit first``, ``unit first+1``, ... in errors."""
    records, lines = [], []
    for i, r in enumerate(rows):
        where = f"{unit} {i + first}"
        bad = sorted(set(r) - _KEYS)
        if bad:
            raise KitValueError(f"{path}, {where}: unknown key(s) {bad}; valid keys: {', '.join(ACTOR_COLUMNS)}")
        rec = {}
        for k, v in r.items():
            if k == "aliases":
                rec["aliases"] = [(a, where) for a in _split_aliases(v)]
            elif not _missing(v):
                rec[k] = (v, where)
        records.append(rec)
        lines.append(where)
    return _table(records, lines, path, require_type=require_type, numbered=True)


def actors_from_records(records: list[dict]) -> pd.DataFrame:
    """An actors table from a list of dicts with the keys of :data:`ACTOR_COLUMNS` (same checks as
    :func:`load_actors`, which also takes such a list).

    >>> actors_from_records([{"name": "Ann Lee", "aliases": ["Lee"], "type": "expert"}])[["name", "type"]].values.tolist()
    [['Ann Lee', 'expert']]
    """
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise KitTypeError(f"records must be a list of dicts with the keys {', '.join(ACTOR_COLUMNS)}")
    return _from_records(records, "actor records", "actor")


def _where(path, ln, numbered: bool) -> str:
    """``path, line 7`` for a YAML line number, ``path, row 3`` for a numbered record."""
    if ln is None:
        return str(path)
    return f"{path}, {ln}" if numbered else f"{path}, line {ln}"


def _table(records, lines, path, *, require_type: bool = True, numbered: bool = False) -> pd.DataFrame:
    def fail(ln, msg):
        return KitValueError(f"{_where(path, ln, numbered)}: {msg}")

    rows, seen_alias, names = [], {}, set()
    for rec, ln in zip(records, lines):
        if "name" not in rec or not str(rec["name"][0]).strip():
            raise fail(ln, "an actor has no name")
        name = " ".join(str(rec["name"][0]).split())
        if name in names:
            raise fail(ln, f"actor name '{name}' is listed twice")
        names.add(name)
        typ = None
        if "type" in rec:
            typ, tline = rec["type"]
            if typ not in ACTOR_TYPES:
                raise fail(tline, f"actor '{name}' has unknown type '{typ}'; choose one of {', '.join(ACTOR_TYPES)}")
        elif require_type:
            raise fail(ln, f"actor '{name}' has no type; choose one of {', '.join(ACTOR_TYPES)}")
        aliases = []
        for a, aline in [(name, ln)] + list(rec.get("aliases", [])):
            a = " ".join(str(a).split())
            if not a:
                raise fail(aline, f"actor '{name}' has an empty alias")
            key = alias_key(a)
            if not key:
                raise fail(aline, f"alias '{a}' of '{name}' has no letters or digits")
            if key in seen_alias and seen_alias[key] != name:
                raise fail(aline, f"alias '{a}' of '{name}' is also a name or alias of '{seen_alias[key]}'")
            seen_alias[key] = name
            if a != name and a not in aliases:
                aliases.append(a)
        row = {"name": name, "aliases": aliases}
        for k in _TEXT_FIELDS:
            v = rec.get(k, (None, None))[0]
            row[k] = None if _missing(v) else " ".join(str(v).split())
        row["type"] = typ
        rows.append(row)
    # object columns built one by one, so a missing text stays None (not NaN)
    return pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype="object") for c in ACTOR_COLUMNS})


def _surface_key(tok: str, term: str) -> str:
    """Case-kept key of one token: apostrophes folded, possessive removed, U.S. = US."""
    if term == "US":
        return "US"
    s = tok.translate(_FOLD)
    if s.endswith("'s") and len(s) > 2 and s.lower() not in ("it's", "he's", "she's", "that's", "there's", "let's"):
        s = s[:-2]
    elif s.endswith("'") and len(s) > 1:
        s = s[:-1]
    return s


def alias_key(text: str) -> tuple[str, ...]:
    """The matching key of a name or alias: its tokens, case kept, apostrophes folded, possessive
    removed, ``U.S.`` = ``US`` (two forms with the same key are the same alias).

    >>> alias_key("Whitcombe’s"), alias_key("the U.S. Navy")
    (('Whitcombe',), ('the', 'US', 'Navy'))
    """
    return tuple(_surface_key(t, term) for _, _, t, term, _ in find_tokens(text, _OPTS))


def alias_table(actors: pd.DataFrame) -> pd.DataFrame:
    """Every form an actor can be found by: ``alias``, ``name``, ``type``, ``side``, ``n_tokens``,
    ``key`` (:func:`alias_key`, what a mention is matched on).

    Includes the canonical name; longest aliases first. This is the table :func:`actor_mentions`
    matches through, and the one the quotes module uses to name speakers.

    >>> alias_table(load_actors()).query("alias == 'Whitcombe'")[["name", "type"]].values.tolist()
    [['Eleanor Whitcombe', 'official']]
    """
    _check_actors(actors)
    rows = []
    for r in actors.itertuples(index=False):
        for a in [r.name] + list(r.aliases):
            key = alias_key(a)
            rows.append((a, r.name, r.type, r.side, len(key), key))
    out = pd.DataFrame(rows, columns=["alias", "name", "type", "side", "n_tokens", "key"])
    return out.sort_values(["n_tokens", "alias"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _check_actors(actors):
    require_columns(actors, ("name", "aliases", "type"), "actors", hint="use load_actors()")
