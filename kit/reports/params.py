"""Declared parameters of a report notebook: read from its ``parameters`` cell, values checked.

The runner checks every value against this before any run starts (:mod:`kit.reports.plan`).
A parameter's *kind* comes from its annotation (``n: int | None = None``) or the type of its
default literal; ``-p`` text is converted to that kind (:func:`coerce_cli_value`) and every value
is checked against it (:func:`check_value`).
"""
from __future__ import annotations

import ast
import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit.errors import KitError

#: Parameters the runner sets itself.
RESERVED = ("output_dir",)
#: Marks a default that is not a literal (an expression the notebook evaluates).
NOT_LITERAL = object()


@dataclass(frozen=True)
class Parameter:
    """One line of a notebook's ``parameters`` cell.

    ``kind`` is the annotation's type when the line has one (``date_from: str = None``,
    ``n: int | None = None``), else the type of the default literal: ``str``, ``int``, ``float``,
    ``bool``, ``list``, ``tuple``, ``dict``, ``none`` (default ``None`` without an annotation:
    values from the batch file accepted as written, ``-p`` values kept as text) or ``any`` (the
    default is not a literal).
    """

    name: str
    default: Any
    source: str
    kind: str
    help: str = ""

    @property
    def is_path(self) -> bool:
        """True for parameters holding a path (resolved to an absolute path by the runner).

        >>> Parameter("dictionary_file", None, "x", "str").is_path, Parameter("top_n", 20, "20", "int").is_path
        (True, False)
        """
        if self.name == "corpus" or self.name.endswith(("_path", "_file", "_dir")):
            return True
        return self.kind == "str" and isinstance(self.default, str) and self.default.startswith(("./", "../", "/"))


_KINDS = {str: "str", int: "int", float: "float", bool: "bool", list: "list", tuple: "tuple", dict: "dict",
          type(None): "none"}


def notebook_parameters(path: str | os.PathLike) -> dict[str, Parameter]:
    """The parameters declared in the notebook's cell tagged ``parameters``, in order.

    Raises :class:`KitError` when the notebook cannot be read or has no ``parameters`` cell.

    >>> params = notebook_parameters("tests/fixtures/notebooks/ok.ipynb")
    >>> [(p.name, p.kind) for p in params.values()]
    [('corpus', 'str'), ('output_dir', 'str'), ('n', 'int'), ('scale', 'float'), ('label', 'str'), ('seed', 'int')]
    """
    path = Path(path)
    if not path.is_file():
        raise KitError(f"notebook not found: {path}")
    try:  # plain JSON: importing nbformat costs a second (its schema validator)
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = [c for c in nb["cells"] if "parameters" in (c.get("metadata") or {}).get("tags", [])]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise KitError(f"{path}: not a readable notebook ({e})") from e
    if not cells:
        raise KitError(f"{path}: no cell tagged 'parameters' (tag one cell 'parameters' holding the notebook's inputs)")
    source = cells[0].get("source", "")
    source = "".join(source) if isinstance(source, list) else str(source)
    try:
        found = parse_parameters_cell(source)
    except SyntaxError:  # magics or other non-Python lines: let papermill's own parser try
        import papermill

        found = papermill.inspect_notebook(str(path))
    out: dict[str, Parameter] = {}
    for name, info in found.items():
        src = info.get("default") or ""
        try:
            default = ast.literal_eval(src)
            kind = _KINDS.get(type(default), "any")
        except (ValueError, SyntaxError, TypeError):
            default, kind = NOT_LITERAL, "any"
        kind = annotation_kind(info.get("inferred_type_name")) or kind
        out[name] = Parameter(name, default, src, kind, info.get("help") or "")
    return out


_ANNOTATION_KINDS = {"str": "str", "int": "int", "float": "float", "bool": "bool", "list": "list", "tuple": "tuple",
                     "dict": "dict", "date": "str", "datetime.date": "str"}


def annotation_kind(annotation: str | None) -> str | None:
    """The parameter kind an annotation names, or ``None`` when it names none the runner checks.

    ``Optional[X]`` and ``X | None`` count as ``X`` (``None`` is accepted for every parameter);
    ``list[str]`` counts as ``list``; a date (``date``, ``datetime.date``) is written as ISO text.

    >>> annotation_kind("str | None"), annotation_kind("Optional[int]"), annotation_kind("list[str]")
    ('str', 'int', 'list')
    >>> annotation_kind("None") is None, annotation_kind("MyType") is None
    (True, True)
    """
    if not annotation:
        return None
    text = re.sub(r"\s+", "", str(annotation))
    m = re.fullmatch(r"(?:typing\.)?Optional\[(.+)\]", text)
    if m:
        text = m.group(1)
    parts = [t for t in text.split("|") if t.lower() not in ("none", "nonetype")]
    if len(parts) != 1:
        return None
    base = re.sub(r"\[.*\]$", "", parts[0]).lower()
    base = {"typing.list": "list", "typing.dict": "dict", "typing.tuple": "tuple"}.get(base, base)
    return _ANNOTATION_KINDS.get(base)


def parse_parameters_cell(source: str) -> dict[str, dict]:
    """``name -> {default, inferred_type_name, help}`` for each ``name = value  # help`` line.

    The same information as ``papermill.inspect_notebook`` gives, without importing papermill
    (1.5 s); raises ``SyntaxError`` for cells that are not plain Python.

    >>> parse_parameters_cell('n: int = 5  # rows\\nlabel = "x"  # a label')["n"]
    {'default': '5', 'inferred_type_name': 'int', 'help': 'rows'}
    """
    import io
    import tokenize

    tree = ast.parse(source)
    comments = {tok.start[0]: tok.string.lstrip("#").strip()
                for tok in tokenize.generate_tokens(io.StringIO(source).readline) if tok.type == tokenize.COMMENT}
    out: dict[str, dict] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            name, annotation = stmt.targets[0].id, None
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            name, annotation = stmt.target.id, ast.unparse(stmt.annotation)
        else:
            continue
        out[name] = {"default": ast.get_source_segment(source, stmt.value) or "",
                     "inferred_type_name": annotation or "None", "help": comments.get(stmt.end_lineno, "")}
    return out


def describe(p: Parameter) -> str:
    """``name (kind, default value)``, as error messages list the accepted parameters.

    >>> describe(Parameter("n", 5, "5", "int"))
    'n (int, default 5)'
    """
    return f"{p.name} ({p.kind}, default {p.source})" if p.source else p.name


def _to_int(param: Parameter, raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not an integer") from None


def _to_float(param: Parameter, raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a number") from None


#: Words ``-p`` accepts for a bool parameter.
TRUE_WORDS, FALSE_WORDS = ("true", "yes", "1", "on"), ("false", "no", "0", "off")


def _to_bool(param: Parameter, raw: str) -> bool:
    low = raw.strip().lower()
    if low in TRUE_WORDS or low in FALSE_WORDS:
        return low in TRUE_WORDS
    raise ValueError(f"{raw!r} is not true/false")


def _to_container(param: Parameter, raw: str) -> Any:
    """JSON, else a Python literal; one file name where a dictionary/actor list is declared."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        pass
    try:
        return ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        if param.kind == "list" and param.name.startswith(("dictionar", "actor")):
            return [raw]  # -p dictionary my.yml: one file where a list is declared
        raise ValueError(f"{raw!r} is not a {param.kind} (write it as JSON, e.g. [\"a\", \"b\"])") from None


def _to_any(param: Parameter, raw: str) -> Any:
    """The default is an expression: convert like papermill's own ``-p`` (bool, int, float, JSON, text)."""
    low = raw.strip().lower()
    if low in ("true", "false"):
        return low == "true"
    for conv in (int, float):
        try:
            return conv(raw)
        except ValueError:
            pass
    if raw.strip()[:1] in ("[", "{"):
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            pass
    return raw


#: How ``-p`` text becomes a value, per parameter kind (``str`` and ``none`` keep the text).
_CONVERTERS = {"str": lambda p, raw: raw, "none": lambda p, raw: raw, "int": _to_int, "float": _to_float,
               "bool": _to_bool, "list": _to_container, "tuple": _to_container, "dict": _to_container, "any": _to_any}


def coerce_cli_value(param: Parameter, raw: str) -> Any:
    """Turn a ``-p NAME VALUE`` string into a value of the parameter's type.

    ``None`` or ``null`` give ``None`` for every parameter (as :func:`check_value` accepts it
    everywhere: ``-p actors None`` means no actor file). Raises ``ValueError`` with a short
    reason when the text does not fit the type.

    >>> p = Parameter("n", 10, "10", "int")
    >>> coerce_cli_value(p, "25")
    25
    >>> coerce_cli_value(Parameter("label", "x", '"x"', "str"), "25")
    '25'
    >>> coerce_cli_value(Parameter("actors", "cast", '"cast"', "str"), "None") is None
    True
    >>> coerce_cli_value(Parameter("flag", True, "True", "bool"), "no")
    False
    >>> coerce_cli_value(p, "many")
    Traceback (most recent call last):
    ...
    ValueError: 'many' is not an integer

    A ``None`` default without an annotation says nothing about the type: the value stays text,
    so ``-p date_from 2023`` is the string ``'2023'``.

    >>> coerce_cli_value(Parameter("date_from", None, "None", "none"), "2023")
    '2023'
    """
    if raw.strip().lower() in ("none", "null"):
        return None
    return _CONVERTERS.get(param.kind, _to_any)(param, raw)


def check_value(param: Parameter, value: Any) -> Any:
    """Check a value against the parameter's type and return it (dates become ISO strings).

    Raises ``ValueError`` with a short reason. ``None`` is accepted for every parameter.

    >>> check_value(Parameter("scale", 1.0, "1.0", "float"), 2)
    2.0
    >>> import datetime
    >>> check_value(Parameter("start", None, "None", "none"), datetime.date(2023, 6, 1))
    '2023-06-01'
    >>> check_value(Parameter("n", 10, "10", "int"), "ten")
    Traceback (most recent call last):
    ...
    ValueError: expected int, got str 'ten'
    """
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    kind = param.kind
    ok: bool
    if kind == "str":
        ok = isinstance(value, str)
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "float":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok:
            value = float(value)
    elif kind == "bool":
        ok = isinstance(value, bool)
    elif kind in ("list", "tuple"):
        if isinstance(value, str) and param.name.startswith(("dictionar", "actor")):
            value = [value]  # one file (or bundled name) where a list is declared
        ok = isinstance(value, (list, tuple))
        if ok:
            value = list(value) if kind == "list" else tuple(value)
    elif kind == "dict":
        ok = isinstance(value, dict)
    else:
        ok = isinstance(value, (str, int, float, bool, list, tuple, dict))
    if not ok:
        raise ValueError(f"expected {kind}, got {type(value).__name__} {value!r}")
    return value
