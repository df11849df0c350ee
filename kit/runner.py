"""Batch runs of the report notebooks: ``kit run`` (papermill in parallel, HTML, CSV, provenance, index).

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

What :func:`run_batch` does, in order (nothing executes before the checks pass):

1. reads the file (unknown keys are errors) and, for every run, the notebook's ``parameters``
   cell; merges notebook defaults < ``defaults`` < the run's ``parameters`` < ``-p`` values, and
   checks each name and type against the parameters cell: a wrong type, a run parameter the
   notebook does not declare, or a batch-wide name (``defaults``, ``-p``) that no run declares
   is an error naming the run, the parameter and the accepted ones; batch-wide values go to the
   runs that declare them (``-p seed 7`` sets the seed of every notebook that has one);
2. resolves path parameters to absolute paths (``corpus``, names ending in ``_path``, ``_file``,
   ``_dir``, and any text parameter whose default names an existing file or folder): values from
   the YAML file are relative to the file, ``-p`` values to the current folder, notebook defaults
   as the notebook resolves them (``kit.paths.resolve_input``: from the notebook's folder, else
   from the project root);
3. ingests each distinct source corpus ONCE (``kit.ingest``) into ``<out>/corpus/`` and gives the
   runs the Parquet path, so no notebook parses sources again; expands ``each`` runs;
4. executes the runs through papermill in parallel worker processes (one per core by default),
   each in its notebook's folder, with ``output_dir`` set to ``<out>/<run name>/``;
5. per run writes ``<name>.ipynb`` (the executed notebook, also the log when a cell fails),
   ``<name>.html`` (self-contained, code hidden unless ``show_code``), the notebook's CSV tables
   and figures, and ``provenance.json``; then ``index.html`` and ``runs.json`` for the batch.

Kernels start with ``PYTHONHASHSEED=0`` so that nothing depends on Python's per-process string
hashing; randomness in notebooks comes only through a ``seed`` parameter.
"""
from __future__ import annotations

import ast
import concurrent.futures as cf
import datetime as dt
import fnmatch
import hashlib
import html
import json
import multiprocessing
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from kit.errors import KitError

CONFIG_KEYS = {"defaults": "parameters for every run", "runs": "the list of runs",
               "timeout": "seconds a cell may run before its run fails (default: no limit)"}
RUN_KEYS = {"name": "run name (default: the notebook's stem)", "notebook": "path to the .ipynb (relative to the file)",
            "parameters": "parameters of this run", "each": "articles column: one run per distinct value"}
#: Parameters the runner sets itself.
RESERVED = ("output_dir",)
#: The kernel every run uses: the Python that runs ``kit`` (ipykernel's native kernel).
KERNEL_NAME = "python3"
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_NOT_LITERAL = object()


# --------------------------------------------------------------------------------------------
# notebook parameters


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
        """True for parameters holding a path (resolved to an absolute path by the runner)."""
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
        found = _parse_parameters_cell(source)
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
            default, kind = _NOT_LITERAL, "any"
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


def _parse_parameters_cell(source: str) -> dict[str, dict]:
    """``name -> {default, inferred_type_name, help}`` for each ``name = value  # help`` line.

    The same information as ``papermill.inspect_notebook`` gives, without importing papermill
    (1.5 s); raises ``SyntaxError`` for cells that are not plain Python.

    >>> _parse_parameters_cell('n: int = 5  # rows\\nlabel = "x"  # a label')["n"]
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


def _describe(p: Parameter) -> str:
    return f"{p.name} ({p.kind}, default {p.source})" if p.source else p.name


def coerce_cli_value(param: Parameter, raw: str) -> Any:
    """Turn a ``-p NAME VALUE`` string into a value of the parameter's type.

    Raises ``ValueError`` with a short reason when the text does not fit the type.

    >>> p = Parameter("n", 10, "10", "int")
    >>> coerce_cli_value(p, "25")
    25
    >>> coerce_cli_value(Parameter("label", "x", '"x"', "str"), "25")
    '25'
    >>> coerce_cli_value(Parameter("flag", True, "True", "bool"), "no")
    False
    >>> coerce_cli_value(p, "many")
    Traceback (most recent call last):
    ...
    ValueError: 'many' is not an integer

    A ``None`` default without an annotation says nothing about the type: the value stays text
    (``None`` / ``null`` give ``None``), so ``-p date_from 2023`` is the string ``'2023'``.

    >>> coerce_cli_value(Parameter("date_from", None, "None", "none"), "2023")
    '2023'
    """
    kind = param.kind
    if kind == "str":
        return raw
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{raw!r} is not an integer") from None
    if kind == "float":
        try:
            return float(raw)
        except ValueError:
            raise ValueError(f"{raw!r} is not a number") from None
    if kind == "bool":
        low = raw.strip().lower()
        if low in ("true", "yes", "1", "on"):
            return True
        if low in ("false", "no", "0", "off"):
            return False
        raise ValueError(f"{raw!r} is not true/false")
    if kind in ("list", "tuple", "dict"):
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            try:
                value = ast.literal_eval(raw)
            except (ValueError, SyntaxError):
                raise ValueError(f"{raw!r} is not a {kind} (write it as JSON, e.g. [\"a\", \"b\"])") from None
        return value
    low = raw.strip().lower()
    if low in ("none", "null"):
        return None
    if kind == "none":
        return raw
    # any (the default is an expression): like papermill's own -p
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


# --------------------------------------------------------------------------------------------
# the batch file


@dataclass
class RunEntry:
    """One entry of the batch file after the parameter check (``each`` not yet expanded)."""

    name: str
    notebook: Path
    declared: dict[str, Parameter]
    parameters: dict[str, Any]
    each: str | None = None
    position: int = 0


@dataclass
class RunSpec:
    """One run ready to execute."""

    name: str
    notebook: Path
    parameters: dict[str, Any]
    position: int
    corpus: dict | None = None


def _slug(value: str) -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "_", str(value)).strip("_").lower()
    return s or "blank"


def load_config(path: str | os.PathLike) -> dict:
    """Read and validate the batch file; returns ``{"defaults": {...}, "runs": [...], "base": Path}``."""
    import yaml

    path = Path(path)
    if not path.is_file():
        raise KitError(f"batch file not found: {path} (give a path, or run from the folder holding reports.yml)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise KitError(f"{path}: not valid YAML ({e})") from e
    if not isinstance(data, dict):
        raise KitError(f"{path}: expected a mapping with keys {', '.join(CONFIG_KEYS)}")
    unknown = sorted(set(data) - set(CONFIG_KEYS))
    if unknown:
        raise KitError(f"{path}: unknown key(s) {', '.join(map(str, unknown))}; valid keys: "
                       + "; ".join(f"{k} ({v})" for k, v in CONFIG_KEYS.items()))
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise KitError(f"{path}: 'defaults' must be a mapping of parameter names to values")
    runs = data.get("runs")
    if not isinstance(runs, list) or not runs:
        raise KitError(f"{path}: 'runs' must be a non-empty list of runs (each with at least 'notebook')")
    for i, run in enumerate(runs, 1):
        if not isinstance(run, dict) or "notebook" not in run:
            raise KitError(f"{path}: run #{i} must be a mapping with at least 'notebook'")
        bad = sorted(set(run) - set(RUN_KEYS))
        if bad:
            raise KitError(f"{path}: run #{i} ({run.get('name') or run['notebook']}): unknown key(s) {', '.join(map(str, bad))}; "
                           "valid keys: " + "; ".join(f"{k} ({v})" for k, v in RUN_KEYS.items()))
        if not isinstance(run.get("parameters") or {}, dict):
            raise KitError(f"{path}: run #{i}: 'parameters' must be a mapping")
    timeout = data.get("timeout")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0):
        raise KitError(f"{path}: 'timeout' must be a positive number of seconds, got {timeout!r}")
    return {"defaults": defaults, "runs": runs, "base": path.resolve().parent, "timeout": timeout}


def _resolve_default(value: Any, notebook: Path) -> Any:
    """A notebook's default path as the notebook itself resolves it (``kit.paths.resolve_input``
    run from the notebook's folder): as written when it exists from there, else under the project root."""
    from kit.paths import project_root

    if not isinstance(value, str) or not value:
        return value
    p = Path(value).expanduser()
    if p.is_absolute():
        return str(p)
    here = notebook.parent / p
    return str(here.resolve() if here.exists() else (project_root(notebook.parent) / p).resolve())


def _default_is_existing_path(p: Parameter, notebook: Path) -> bool:
    """A str parameter whose default names an existing file or folder is a path parameter."""
    if p.kind != "str" or not p.default or p.name in RESERVED or "\n" in p.default:
        return False
    try:
        return Path(_resolve_default(p.default, notebook)).exists()
    except (OSError, ValueError):
        return False


def _resolve_path(value: Any, base: Path) -> Any:
    if isinstance(value, str) and value:
        p = Path(value).expanduser()
        return str(p if p.is_absolute() else (base / p).resolve())
    return value


def plan_batch(config: dict, *, cli_params: Sequence[tuple[str, str]] = (), only: Sequence[str] | None = None,
               cwd: Path | None = None) -> list[RunEntry]:
    """Check every selected run's parameters against its notebook and return the runs to execute.

    Values for the whole batch (``defaults`` in the file, ``-p``) go to every run whose notebook
    declares the name; a name that no selected run declares is an error (a typo, most likely).
    A run's own ``parameters`` must all be declared by its notebook. Every value must fit the
    type of the notebook's default. Raises one :class:`KitError` listing every problem found.
    """
    cwd = Path(cwd or os.getcwd())
    base: Path = config["base"]
    problems: list[str] = []
    selected: list[tuple[int, dict, str, Path]] = []
    seen_names: set[str] = set()
    for pos, run in enumerate(config["runs"]):
        nb_path = Path(str(run["notebook"]))
        nb_path = (nb_path if nb_path.is_absolute() else base / nb_path).resolve()
        name = str(run.get("name") or nb_path.stem)
        each = run.get("each")
        if each is not None and not isinstance(each, str):
            problems.append(f"run '{name}': 'each' must be a column name of the articles table")
            continue
        check = name.replace("{" + each + "}", "x") if each else name
        if not _NAME_RE.match(check):
            problems.append(f"run '{name}': bad name (letters, digits, '_', '-', '.'"
                            + (f", and {{{each}}}" if each else "") + ")")
            continue
        if name in seen_names:
            problems.append(f"run '{name}': the name is used twice in the batch file")
        seen_names.add(name)
        if only and not each and not any(fnmatch.fnmatchcase(name, pat) for pat in only):
            continue
        selected.append((pos, run, name, nb_path))
    if only and not selected and not problems:
        raise KitError(f"--only {' '.join(only)} matches no run; runs: "
                       + ", ".join(str(r.get("name") or Path(str(r["notebook"])).stem) for r in config["runs"]))
    declared_by: dict[str, dict[str, Parameter]] = {}
    for _pos, _run, name, nb_path in selected:
        try:
            declared_by[name] = notebook_parameters(nb_path)
        except KitError as e:
            problems.append(f"run '{name}': {e}")
    batch_layers = [("batch file defaults", list(config["defaults"].items()), base), ("-p", list(cli_params), cwd)]
    for origin, items, _rel_base in batch_layers:
        for pname, _raw in items:
            pname = str(pname)
            if pname in RESERVED:
                problems.append(f"parameter '{pname}' (from {origin}) is set by kit run; use --out to choose the folder")
            elif declared_by and not any(pname in d for d in declared_by.values()):
                accepted = "; ".join(f"run '{n}': " + ", ".join(_describe(p) for p in d.values() if p.name not in RESERVED)
                                     for n, d in declared_by.items())
                problems.append(f"unknown parameter '{pname}' (from {origin}): no run of the batch declares it; "
                                f"accepted: {accepted}")
    entries: list[RunEntry] = []
    for pos, run, name, nb_path in selected:
        declared = declared_by.get(name)
        if declared is None:
            continue
        where = f"run '{name}' ({_rel(nb_path, base)})"
        values: dict[str, Any] = {}
        path_params = {n for n, p in declared.items() if p.is_path or _default_is_existing_path(p, nb_path)}
        for pname, p in declared.items():
            if p.default is not _NOT_LITERAL:
                values[pname] = _resolve_default(p.default, nb_path) if pname in path_params else p.default
        layers = [batch_layers[0], ("the run's parameters in the batch file", list((run.get("parameters") or {}).items()), base),
                  batch_layers[1]]
        for origin, items, rel in layers:
            batch_wide = origin != "the run's parameters in the batch file"
            for pname, raw in items:
                pname = str(pname)
                if pname in RESERVED:
                    if not batch_wide:
                        problems.append(f"{where}: parameter '{pname}' (from {origin}) is set by kit run; use --out")
                    continue
                if pname not in declared:
                    if not batch_wide:
                        accepted = ", ".join(_describe(p) for p in declared.values() if p.name not in RESERVED)
                        problems.append(f"{where}: unknown parameter '{pname}' (from {origin}); accepted: {accepted}")
                    continue
                p = declared[pname]
                try:
                    value = coerce_cli_value(p, raw) if origin == "-p" else raw
                    value = check_value(p, value)
                except ValueError as e:
                    problems.append(f"{where}: parameter '{pname}' (from {origin}): {e}; "
                                    f"the notebook declares {_describe(p)}")
                    continue
                values[pname] = _resolve_path(value, rel) if pname in path_params else value
        entries.append(RunEntry(name, nb_path, declared, values, run.get("each"), pos))
    if problems:
        raise KitError("parameter check failed, nothing was run:\n  - " + "\n  - ".join(dict.fromkeys(problems)))
    return entries


def _rel(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------------------------
# corpus: ingest once, fingerprint, expand `each`


def _corpus_paths(parquet: Path) -> dict[str, Path]:
    stem = parquet.with_suffix("")
    return {"articles": parquet, "manifest": Path(f"{stem}.manifest.json"), "report": Path(f"{stem}.report.csv")}


def corpus_info(parquet: str | os.PathLike, *, sources: str | None = None) -> dict:
    """Path, fingerprint and counts of an ingested corpus (from its manifest; sha256 of the file otherwise)."""
    parquet = Path(parquet)
    paths = _corpus_paths(parquet)
    info: dict[str, Any] = {"path": str(parquet), "sources": sources, "manifest": None, "fingerprint": None,
                            "articles": None, "report": str(paths["report"]) if paths["report"].is_file() else None}
    if paths["manifest"].is_file():
        manifest = json.loads(paths["manifest"].read_text(encoding="utf-8"))
        info["manifest"] = str(paths["manifest"])
        info["fingerprint"] = manifest.get("fingerprint")
        info["articles"] = (manifest.get("counts") or {}).get("articles")
        info["kit_version"] = manifest.get("kit_version")
    if not info["fingerprint"] and parquet.is_file():
        info["fingerprint"] = "sha256:" + hashlib.sha256(parquet.read_bytes()).hexdigest()
    return info


def _default_ingest(sources: str, out: Path):
    import kit.corpus

    return kit.corpus.ingest([sources], out)


def prepare_corpora(entries: list[RunEntry], batch_dir: Path, *, ingest: Callable | None = None,
                    log: Callable[[str], None] = print) -> dict[str, dict]:
    """Ingest every distinct source corpus of the runs once; returns corpus value -> corpus info."""
    ingest = ingest or _default_ingest
    done: dict[str, dict] = {}
    for e in entries:
        value = e.parameters.get("corpus")
        if not isinstance(value, str) or value in done:
            continue
        path = Path(value)
        if not path.exists():
            raise KitError(f"run '{e.name}': corpus not found: {value}")
        if path.is_file() and path.suffix == ".parquet":
            if not _corpus_paths(path)["manifest"].is_file():
                raise KitError(f"run '{e.name}': {value} is not an ingested corpus (no .manifest.json beside it); "
                               "pass the sources instead, or make it with `kit ingest`")
            done[value] = corpus_info(path)
            continue
        n = sum(1 for v in done.values() if v.get("sources"))
        out = batch_dir / ("corpus" if n == 0 else f"corpus_{n + 1}") / "corpus.parquet"
        log(f"ingesting {value} -> {out}")
        t0 = time.perf_counter()
        ingest(value, out)
        info = corpus_info(out, sources=value)
        info["ingest_seconds"] = round(time.perf_counter() - t0, 3)
        done[value] = info
    return done


def expand_runs(entries: list[RunEntry], corpora: dict[str, dict], *, only: Sequence[str] | None = None) -> list[RunSpec]:
    """One :class:`RunSpec` per run; ``each`` entries become one run per distinct column value."""
    import pandas as pd

    specs: list[RunSpec] = []
    for e in entries:
        params = dict(e.parameters)
        corpus = corpora.get(params.get("corpus")) if isinstance(params.get("corpus"), str) else None
        if corpus is not None:
            params["corpus"] = corpus["path"]
        if not e.each:
            specs.append(RunSpec(e.name, e.notebook, params, e.position, corpus))
            continue
        if corpus is None:
            raise KitError(f"run '{e.name}': 'each: {e.each}' needs the notebook's corpus parameter")
        try:
            column = pd.read_parquet(corpus["path"], columns=[e.each])[e.each]
        except Exception as ex:  # noqa: BLE001
            import pyarrow.parquet as pq

            names = pq.read_schema(corpus["path"]).names
            raise KitError(f"run '{e.name}': each: '{e.each}' is not a column of the articles table; "
                           f"columns: {', '.join(names)}") from ex
        values = sorted({str(v) for v in column.dropna()})
        placeholder = "{" + e.each + "}"
        for v in values:
            name = e.name.replace(placeholder, _slug(v)) if placeholder in e.name else f"{e.name}_{_slug(v)}"
            p = {k: (val.replace(placeholder, v) if isinstance(val, str) else val) for k, val in params.items()}
            specs.append(RunSpec(name, e.notebook, p, e.position, corpus))
    names = [s.name for s in specs]
    taken = [n for n in names if n.lower() in ("latest", "index.html", "runs.json") or re.fullmatch(r"corpus(_\d+)?", n.lower())]
    if taken:
        raise KitError(f"run name(s) {', '.join(taken)} are used by kit run's own files (corpus, latest); rename the run(s)")
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise KitError(f"two runs would share the name(s) {', '.join(dupes)}; give the entries distinct names")
    if only:
        specs = [s for s in specs if any(fnmatch.fnmatchcase(s.name, pat) for pat in only)]
        unmatched = [pat for pat in only if not any(fnmatch.fnmatchcase(n, pat) for n in names)]
        if unmatched:
            raise KitError(f"--only: no run named {', '.join(unmatched)}; runs: {', '.join(names)}")
    return specs


# --------------------------------------------------------------------------------------------
# environment facts for provenance


def git_info(folder: Path) -> dict:
    """Commit and dirty flag of the git work tree holding ``folder`` (``None`` values without git)."""
    def git(*args):
        try:
            r = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        return r.stdout.strip() if r.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no") if commit else None
    return {"commit": commit, "dirty": bool(status) if status is not None else None}


def package_versions() -> dict[str, str | None]:
    """Versions of the kit's runtime dependencies and the notebook machinery (``None``: not installed)."""
    from importlib import metadata

    names = {"ipykernel", "jupyter_client", "nbclient", "nbconvert", "nbformat", "numpy", "pandas", "papermill",
             "matplotlib", "pyarrow", "scipy", "nltk"}
    try:
        for req in metadata.requires("coverage-framing-kit") or []:
            if "extra ==" not in req:
                names.add(re.split(r"[\s<>=!~;\[]", req, maxsplit=1)[0])
    except metadata.PackageNotFoundError:
        pass
    out = {}
    for n in sorted(names, key=str.lower):
        try:
            out[n] = metadata.version(n)
        except metadata.PackageNotFoundError:
            out[n] = None
    return out


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


# --------------------------------------------------------------------------------------------
# HTML rendering


def _sanitizer():
    """A SanitizeHTML preprocessor that keeps tables and basic text markup, and nothing active."""
    tags = ["a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div",
            "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "ol", "p", "pre", "q",
            "s", "samp", "small", "span", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
            "th", "thead", "tr", "u", "ul"]
    attributes = {"*": ["class", "id", "title", "style", "align", "valign"], "a": ["href", "title"],
                  "td": ["colspan", "rowspan"], "th": ["colspan", "rowspan", "scope"], "table": ["border"],
                  "col": ["span"], "colgroup": ["span"], "ol": ["start"], "style": ["type"]}
    pp = _SafeOutputs(tags=tags, attributes=attributes, strip=False)
    pp.safe_output_keys = {"metadata", "text/plain", "application/json", "image/png", "image/jpeg", "image/svg+xml"}
    pp.sanitized_output_types = {"text/html", "text/markdown"}
    return pp


def _inert_css(css: str) -> str:
    css = re.sub(r"@import[^;]*;?", "", css, flags=re.I)
    return re.sub(r"url\(\s*(?!['\"]?data:)[^)]*\)", "none", css, flags=re.I)


def _make_safe_outputs_class():
    from nbconvert.preprocessors.sanitize import SanitizeHTML

    class SafeOutputs(SanitizeHTML):
        """Sanitize code-cell outputs (text/html, text/markdown) with a table-friendly allow-list.

        Markdown cells are the notebook's own prose and stay as written; everything a cell
        *outputs* may carry article text, so it is cleaned: scripts, event-handler attributes,
        iframes, images with remote sources and CSS imports are removed or shown as text.
        """

        def preprocess_cell(self, cell, resources, cell_index):
            if cell.cell_type == "code":
                cell.outputs = self.sanitize_code_outputs(cell.outputs)
            elif cell.cell_type == "raw":
                cell.source = self.sanitize_html_tags(cell.source)
            return cell, resources

        def sanitize_html_tags(self, html_str):
            cleaned = super().sanitize_html_tags(html_str)
            return re.sub(r"(<style[^>]*>)(.*?)(</style>)", lambda m: m.group(1) + _inert_css(m.group(2)) + m.group(3),
                          cleaned, flags=re.S | re.I)

    return SafeOutputs


_SAFE_OUTPUTS_CLASS = None


def _SafeOutputs(**kw):  # noqa: N802 - a lazily built class
    global _SAFE_OUTPUTS_CLASS
    if _SAFE_OUTPUTS_CLASS is None:
        _SAFE_OUTPUTS_CLASS = _make_safe_outputs_class()
    return _SAFE_OUTPUTS_CLASS(**kw)


def _shorten(value: Any, root: str | None) -> Any:
    """Paths under the project folder shown relative to it (pages are shared; home folders need not be)."""
    if root and isinstance(value, str) and value.startswith(root.rstrip("/") + "/"):
        return value[len(root.rstrip("/")) + 1:]
    return value


def _header_html(prov: dict, root: str | None = None) -> str:
    e = html.escape
    status = prov.get("status", "?")
    rows = [("Notebook", f"<code>{e(str(prov.get('notebook')))}</code>"),
            ("Started", e(str(prov.get("started")))),
            ("Duration", e(f"{prov.get('duration_seconds', 0):.1f} s")),
            ("Corpus", e(str((prov.get("corpus") or {}).get("fingerprint") or "-"))),
            ("Kit", e(f"{prov.get('kit_version')} (git {((prov.get('git_kit') or prov.get('git') or {}).get('commit') or 'n/a')[:12]})"))]
    params = prov.get("parameters") or {}
    prow = "".join(f"<tr><th><code>{e(str(k))}</code></th><td><code>{e(json.dumps(_shorten(v, root), ensure_ascii=False))}</code></td></tr>"
                   for k, v in params.items())
    err = ""
    if status != "ok" and prov.get("error"):
        er = prov["error"]
        err = (f"<p class=\"kit-status-failed\">Failed in cell {e(str(er.get('cell_index')))}: "
               f"{e(str(er.get('ename')))}: {e(str(er.get('evalue')))}</p>")
    meta = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return (f'<header class="kit-header"><h1>{e(str(prov.get("run")))} '
            f'<span class="kit-status-{ "ok" if status == "ok" else "failed"}">{e(status)}</span></h1>'
            f"{err}<table>{meta}</table><details><summary>Parameters</summary><table>{prow}</table></details></header>")


def render_html(notebook: str | os.PathLike, html_path: str | os.PathLike, *, show_code: bool = False,
                title: str | None = None, header: str = "") -> Path:
    """Render an executed notebook as one self-contained, script-free HTML page.

    Figures are embedded as data URIs; code is hidden unless ``show_code``; outputs are sanitized
    (see ``SafeOutputs``); the page has a Content-Security-Policy that blocks scripts and remote
    requests. ``header`` is trusted HTML put at the top (the runner builds it escaped).
    """
    import nbformat
    from nbconvert import HTMLExporter

    template = Path(__file__).parent / "resources" / "report.html.j2"
    exporter = HTMLExporter(template_name="lab", template_file=str(template),
                            exclude_input=not show_code, exclude_input_prompt=not show_code,
                            exclude_output_prompt=not show_code, sanitize_html=False, embed_images=True)
    exporter.register_preprocessor(_sanitizer(), enabled=True)
    nb = nbformat.read(str(notebook), as_version=4)
    if title:
        nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb, resources={"kit_header": header, "metadata": {"name": title or Path(notebook).stem}})
    html_path = Path(html_path)
    html_path.write_text(body, encoding="utf-8")
    return html_path


# --------------------------------------------------------------------------------------------
# executing one run (in a worker process)


def _error_info(exc: BaseException) -> dict:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        tb = [_ANSI.sub("", line) for line in (exc.traceback or [])]
        return {"cell_index": exc.cell_index, "execution_count": exc.exec_count, "ename": exc.ename,
                "evalue": _ANSI.sub("", str(exc.evalue)), "source": exc.source, "traceback": tb[-8:]}
    return {"cell_index": None, "execution_count": None, "ename": type(exc).__name__,
            "evalue": _ANSI.sub("", str(exc)), "source": None, "traceback": []}


def _outputs(run_dir: Path, name: str) -> dict:
    files = sorted(p.name for p in run_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    skip = {f"{name}.ipynb", f"{name}.html", "provenance.json"}
    return {"tables": [f for f in files if f.endswith(".csv")],
            "figures": [f for f in files if f.endswith((".png", ".svg", ".pdf"))],
            "other": [f for f in files if f not in skip and not f.endswith((".csv", ".png", ".svg", ".pdf"))]}


def _skip_slow_imports() -> None:
    """In the runner's worker processes only: keep jsonschema from loading ``rfc3987_syntax``.

    jsonschema builds that package's IRI grammar at import (1.2 s per process); it only serves
    the "iri" string format, which nbformat's schemas never use. jsonschema imports it under
    ``suppress(ImportError)``, so a ``None`` entry in ``sys.modules`` simply leaves it out.
    Kernels are separate processes and are not affected.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


_KERNEL_DIR: str | None = None


def _pin_kernel() -> None:
    """Make kernel ``python3`` run this very interpreter (where ``kit`` is installed).

    A ``python3`` kernel spec in the user's Jupyter folders would otherwise win over the
    virtual environment's and run the reports in another Python. A spec in a private folder put
    first on ``JUPYTER_PATH`` takes precedence; the executed notebooks still name ``python3``.
    """
    global _KERNEL_DIR
    if _KERNEL_DIR is not None:
        return
    import atexit
    import tempfile

    root = tempfile.mkdtemp(prefix="kit-kernel-")
    atexit.register(shutil.rmtree, root, True)
    spec_dir = Path(root) / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (ipykernel)", "language": "python", "metadata": {"debugger": True}}
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (root, os.environ.get("JUPYTER_PATH")) if p)
    _KERNEL_DIR = root


def _warm_up() -> None:
    """Import what a run needs (papermill, nbconvert) before the first run arrives."""
    _skip_slow_imports()
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401


def execute_run(task: dict) -> dict:
    """Execute one run (papermill), render its HTML and write ``provenance.json``; never raises.

    ``task`` holds ``name``, ``notebook``, ``parameters``, ``run_dir``, ``show_code`` and the
    batch facts (``kit_version``, ``git``, ``packages``, ``corpus``, ``command``).
    """
    _skip_slow_imports()
    _pin_kernel()
    import papermill

    os.environ["PYTHONHASHSEED"] = "0"
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    name, notebook, run_dir = task["name"], Path(task["notebook"]), Path(task["run_dir"])
    run_dir.mkdir(parents=True, exist_ok=True)
    out_nb, out_html = run_dir / f"{name}.ipynb", run_dir / f"{name}.html"
    params = dict(task["parameters"])
    params["output_dir"] = str(run_dir)
    started, t0 = _now(), time.perf_counter()
    status, error = "ok", None
    # the kernel inherits this process's stderr: keep its chatter in the run's kernel.log
    log_fd = os.open(run_dir / "kernel.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    saved_fd = os.dup(2)
    os.dup2(log_fd, 2)
    try:
        papermill.execute_notebook(str(notebook), str(out_nb), parameters=params, cwd=str(notebook.parent),
                                   kernel_name=task.get("kernel_name") or KERNEL_NAME, progress_bar=False,
                                   log_output=False, request_save_on_cell_execute=True,
                                   execution_timeout=task.get("timeout"))
    except Exception as exc:  # noqa: BLE001 - a failed run is reported, the batch goes on
        status, error = "failed", _error_info(exc)
    finally:
        os.dup2(saved_fd, 2)
        os.close(saved_fd)
        os.close(log_fd)
    duration = time.perf_counter() - t0
    prov = {
        "run": name,
        "notebook": task.get("notebook_rel") or str(notebook),
        "notebook_sha256": hashlib.sha256(notebook.read_bytes()).hexdigest(),
        "parameters": params,
        "seed": params.get("seed"),
        "status": status,
        "error": error,
        "started": started,
        "finished": _now(),
        "duration_seconds": round(duration, 3),
        "kit_version": task.get("kit_version"),
        "git": task.get("git"),
        "git_kit": task.get("git_kit"),
        "git_notebook": task.get("git_notebook"),
        "corpus": task.get("corpus"),
        "python": {"version": platform.python_version(), "implementation": platform.python_implementation(),
                   "executable": sys.executable, "platform": platform.platform()},
        "packages": task.get("packages"),
        "command": task.get("command"),
        "kernel_env": {"PYTHONHASHSEED": "0"},
    }
    prov["files"] = {"notebook": out_nb.name if out_nb.is_file() else None, "html": None}
    if out_nb.is_file():
        try:
            render_html(out_nb, out_html, show_code=task.get("show_code", False), title=name,
                        header=_header_html(prov, task.get("project_root")))
            prov["files"]["html"] = out_html.name
        except Exception as exc:  # noqa: BLE001
            prov["html_error"] = f"{type(exc).__name__}: {exc}"
    prov["files"].update(_outputs(run_dir, name))
    prov["render_seconds"] = round(time.perf_counter() - t0 - duration, 3)
    (run_dir / "provenance.json").write_text(json.dumps(prov, indent=2, ensure_ascii=False, default=str) + "\n",
                                             encoding="utf-8")
    return prov


# --------------------------------------------------------------------------------------------
# the batch


@dataclass
class BatchResult:
    """What :func:`run_batch` did: the batch folder, one provenance dict per run, wall-clock time."""

    out_dir: Path
    runs: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    corpora: dict = field(default_factory=dict)

    @property
    def failed(self) -> list[dict]:
        return [r for r in self.runs if r.get("status") != "ok"]

    @property
    def ok(self) -> bool:
        return not self.failed


def _clear_run_dir(run_dir: Path) -> None:
    if not run_dir.exists():
        return
    if not run_dir.is_dir():
        raise KitError(f"{run_dir} exists and is not a folder")
    if (run_dir / "provenance.json").is_file() or not any(run_dir.iterdir()):
        shutil.rmtree(run_dir)
    else:
        raise KitError(f"refusing to overwrite {run_dir}: it was not written by kit run (no provenance.json); "
                       "choose another --out")


def _previous_durations(folder: Path, names: Sequence[str]) -> dict[str, float]:
    """Seconds each run took in the batch last written to ``folder`` (from its provenance files)."""
    out = {}
    for name in names:
        try:
            prov = json.loads((folder / name / "provenance.json").read_text(encoding="utf-8"))
            out[name] = float(prov["duration_seconds"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return out


def _archive_dir(base: Path) -> Path:
    """Create and return a new dated folder under ``base``; ``-2``, ``-3`` ... when one of that
    second exists. ``mkdir`` without ``exist_ok`` makes the claim atomic, so two batches started
    in the same second never share a folder."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")
    base.mkdir(parents=True, exist_ok=True)
    for k in range(1, 10_000):
        path = base / (stamp if k == 1 else f"{stamp}-{k}")
        try:
            path.mkdir()
        except FileExistsError:
            continue
        return path
    raise KitError(f"could not create a new dated folder under {base}")


def _point_latest(base: Path, target: Path) -> None:
    link = base / "latest"
    tmp = base / f".latest.{os.getpid()}"
    try:
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        os.symlink(target.name, tmp, target_is_directory=True)
        os.replace(tmp, link)
    except OSError:  # file systems without symlinks: a text pointer
        (base / "LATEST").write_text(target.name + "\n", encoding="utf-8")
    (base / "LATEST").write_text(target.name + "\n", encoding="utf-8")


def run_batch(config_path: str | os.PathLike = "reports.yml", *, only: Sequence[str] | None = None,
              params: Sequence[tuple[str, str]] = (), jobs: int | None = None, out: str | os.PathLike = "reports",
              archive: bool = False, show_code: bool = False, ingest: Callable | None = None,
              log: Callable[[str], None] | None = None, progress: bool | None = None) -> BatchResult:
    """Run a batch of notebooks as described in the module notes; returns a :class:`BatchResult`.

    Raises :class:`KitError` (nothing executed) when the batch file, a parameter or the corpus is
    wrong. Failing runs do not raise: they are in ``result.failed``.

    Parameters
    ----------
    config_path : the batch file (``reports.yml``)
    only : run names or glob patterns (``keyness_*``) to run; default all
    params : ``(name, value)`` pairs applied to every run, values as typed on the command line
    jobs : parallel runs (default: one per core)
    out : output folder (default ``reports``)
    archive : write into ``out/<UTC date-time>/`` and point ``out/latest`` at it
    show_code : keep code cells in the HTML
    ingest : ``ingest(sources, out_parquet)``, for tests (default ``kit.corpus.ingest``)
    log : where progress lines go (default: stderr)
    progress : show a progress bar (default: when stderr is a terminal)
    """
    import kit

    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    t_start = time.perf_counter()
    if jobs is not None and (not isinstance(jobs, int) or jobs < 1):
        raise KitError(f"--jobs must be a positive integer, got {jobs!r}")
    config = load_config(config_path)
    entries = plan_batch(config, cli_params=params, only=only)
    base_out = Path(out).resolve()
    batch_dir = _archive_dir(base_out) if archive else base_out
    batch_dir.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1
    most_runs = sum(cores if e.each else 1 for e in entries)
    n_jobs = max(1, min(jobs or cores, most_runs))
    # start the workers now: they import papermill and nbconvert while the corpus is ingested
    pool = cf.ProcessPoolExecutor(max_workers=n_jobs, mp_context=multiprocessing.get_context("spawn"))
    try:
        for _ in range(n_jobs):
            pool.submit(_warm_up)
        corpora = prepare_corpora(entries, batch_dir, ingest=ingest, log=log)
        specs = expand_runs(entries, corpora, only=only)
        if not specs:
            raise KitError("no run to execute (the corpus may have no values for an 'each' column)")
        previous = _previous_durations(base_out / "latest" if archive else batch_dir, [s.name for s in specs])
        for s in specs:
            _clear_run_dir(batch_dir / s.name)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    facts = {"kit_version": kit.__version__, "git": git_info(config["base"]),
             "git_kit": git_info(Path(kit.__file__).resolve().parent), "packages": package_versions(),
             "command": ["kit", "run", *sys.argv[2:]] if Path(sys.argv[0]).name == "kit" else None}
    git_by_folder: dict[Path, dict] = {}
    for s in specs:
        if s.notebook.parent not in git_by_folder:
            git_by_folder[s.notebook.parent] = git_info(s.notebook.parent)
    tasks = [{"name": s.name, "notebook": str(s.notebook), "notebook_rel": _rel(s.notebook, config["base"]),
              "git_notebook": git_by_folder[s.notebook.parent],
              "parameters": s.parameters, "run_dir": str(batch_dir / s.name), "show_code": show_code,
              "project_root": str(config["base"]), "timeout": config.get("timeout"),
              "corpus": s.corpus, **facts} for s in specs]
    order = [t["name"] for t in tasks]
    # longest first (durations of the previous batch; unknown ones first), so the batch ends sooner
    tasks.sort(key=lambda t: -previous.get(t["name"], float("inf")))
    n_jobs = min(n_jobs, len(tasks))
    log(f"running {len(tasks)} notebook run(s) with {n_jobs} parallel job(s) -> {batch_dir}")
    results: dict[str, dict] = {}
    show_bar = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show_bar:
        from tqdm import tqdm

        bar = tqdm(total=len(tasks), unit="run", file=sys.stderr, leave=False)
    with pool:
        futures = {pool.submit(execute_run, t): t for t in tasks}
        try:
            for k, fut in enumerate(cf.as_completed(futures), 1):
                t = futures[fut]
                try:
                    prov = fut.result()
                except Exception as exc:  # noqa: BLE001 - the worker itself died
                    prov = {"run": t["name"], "status": "failed", "duration_seconds": 0.0, "notebook": t["notebook_rel"],
                            "error": {"ename": type(exc).__name__, "evalue": str(exc), "cell_index": None},
                            "files": {}}
                results[t["name"]] = prov
                line = f"[{k}/{len(tasks)}] {prov['status']:6} {t['name']} ({prov.get('duration_seconds', 0):.1f} s)"
                if bar is not None:
                    bar.write(line, file=sys.stderr)
                    bar.update(1)
                else:
                    log(line)
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    if bar is not None:
        bar.close()
    ordered = [results[name] for name in order]
    result = BatchResult(batch_dir, ordered, time.perf_counter() - t_start, corpora)
    write_index(batch_dir, order=order, corpora=corpora, facts=facts, seconds=result.seconds,
                root=str(config["base"]))
    if archive:
        _point_latest(base_out, batch_dir)
        write_archive_index(base_out)
    return result


# --------------------------------------------------------------------------------------------
# index pages


_PAGE_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 14px; color: #222; max-width: 1100px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 4px; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #ddd; vertical-align: top; }
th { background: #f3f3f3; }
.ok { color: #007a4d; font-weight: bold; }
.failed { color: #b00020; font-weight: bold; }
.error { color: #b00020; font-size: 12px; }
.files a { margin-right: 8px; font-size: 12px; }
code { font-size: 12px; }
"""

_CSP = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">")


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n{_CSP}\n"
            f"<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{_PAGE_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def _link(href: str, text: str) -> str:
    from urllib.parse import quote

    return f'<a href="{html.escape(quote(href))}">{html.escape(text)}</a>'


def write_index(batch_dir: Path, *, order: Sequence[str] = (), corpora: dict | None = None, facts: dict | None = None,
                seconds: float | None = None, root: str | None = None) -> Path:
    """Write ``index.html`` and ``runs.json`` listing every run folder (with a provenance.json) of the batch."""
    e = html.escape
    runs = []
    for prov_path in sorted(batch_dir.glob("*/provenance.json")):
        try:
            runs.append(json.loads(prov_path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError):
            continue
    rank = {n: i for i, n in enumerate(order)}
    runs.sort(key=lambda p: (rank.get(p.get("run"), len(rank)), str(p.get("run"))))
    rows = []
    for p in runs:
        name = str(p.get("run"))
        files = p.get("files") or {}
        status = p.get("status", "?")
        main = _link(f"{name}/{files['html']}", name) if files.get("html") else e(name)
        links = []
        if files.get("notebook"):
            links.append(_link(f"{name}/{files['notebook']}", "notebook"))
        links.append(_link(f"{name}/provenance.json", "provenance"))
        tables = " ".join(_link(f"{name}/{t}", t) for t in files.get("tables", []))
        figures = " ".join(_link(f"{name}/{f}", f) for f in files.get("figures", []) if f.endswith(".png"))
        err = ""
        if status != "ok" and p.get("error"):
            er = p["error"]
            err = f'<div class="error">{e(str(er.get("ename")))}: {e(str(er.get("evalue"))[:300])}</div>'
        rows.append(f"<tr><td>{main}<div class=\"files\">{' '.join(links)}</div></td><td><code>{e(str(p.get('notebook')))}</code></td>"
                    f"<td class=\"{'ok' if status == 'ok' else 'failed'}\">{e(status)}{err}</td>"
                    f"<td>{float(p.get('duration_seconds') or 0):.1f} s</td><td class=\"files\">{tables}</td>"
                    f"<td class=\"files\">{figures}</td></tr>")
    n_fail = sum(1 for p in runs if p.get("status") != "ok")
    corp = ""
    for c in (corpora or {}).values():
        rep = c.get("report")
        rep_link = ""
        if rep:
            try:
                rep_link = " · " + _link(str(Path(rep).relative_to(batch_dir)), "ingest report")
            except ValueError:
                pass
        corp += (f"<p class=\"meta\">Corpus <code>{e(str(_shorten(c.get('sources') or c.get('path'), root)))}</code>: "
                 f"{e(str(c.get('articles')))} articles, fingerprint <code>{e(str(c.get('fingerprint')))}</code>{rep_link}</p>")
    facts = facts or {}
    git = facts.get("git") or {}
    if not git.get("commit"):  # the batch file is outside any repository: the kit's own commit
        git = facts.get("git_kit") or git
    meta = (f"Generated {e(_now())} · kit {e(str(facts.get('kit_version', '')))} · git "
            f"{e(str(git.get('commit') or 'n/a')[:12])}{' (uncommitted changes)' if git.get('dirty') else ''}"
            + (f" · batch {seconds:.1f} s" if seconds is not None else ""))
    summary = f"{len(runs)} runs: {len(runs) - n_fail} ok, {n_fail} failed"
    body = (f"<h1>Coverage Framing Kit reports</h1>\n<p class=\"meta\">{meta}</p>\n{corp}\n"
            f"<p><strong class=\"{'failed' if n_fail else 'ok'}\">{e(summary)}</strong></p>\n"
            "<table>\n<tr><th>Run</th><th>Notebook</th><th>Status</th><th>Duration</th><th>Tables (CSV)</th><th>Figures</th></tr>\n"
            + "\n".join(rows) + "\n</table>")
    index = batch_dir / "index.html"
    index.write_text(_page("Coverage Framing Kit reports", body), encoding="utf-8")
    summary_json = {"generated": _now(), "seconds": seconds, "corpora": corpora, "kit_version": facts.get("kit_version"),
                    "git": git, "runs": [{k: p.get(k) for k in ("run", "notebook", "status", "duration_seconds", "started",
                                                               "finished", "error", "files")} for p in runs]}
    (batch_dir / "runs.json").write_text(json.dumps(summary_json, indent=2, ensure_ascii=False, default=str) + "\n",
                                         encoding="utf-8")
    return index


def write_archive_index(base: Path) -> Path:
    """Write ``base/index.html`` listing the dated batch folders, newest first, and the ``latest`` one."""
    e = html.escape
    rows = []
    for d in sorted((p for p in base.iterdir() if p.is_dir() and not p.is_symlink() and (p / "runs.json").is_file()),
                    key=lambda p: p.name, reverse=True):
        try:
            info = json.loads((d / "runs.json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        runs = info.get("runs") or []
        n_fail = sum(1 for r in runs if r.get("status") != "ok")
        rows.append(f"<tr><td>{_link(d.name + '/index.html', d.name)}</td><td>{len(runs)}</td>"
                    f"<td class=\"{'failed' if n_fail else 'ok'}\">{n_fail}</td></tr>")
    latest = (base / "LATEST").read_text(encoding="utf-8").strip() if (base / "LATEST").is_file() else ""
    body = ("<h1>Coverage Framing Kit report archive</h1>\n"
            + (f"<p>Latest: {_link('latest/index.html', latest)}</p>\n" if latest else "")
            + "<table>\n<tr><th>Batch (UTC)</th><th>Runs</th><th>Failed</th></tr>\n" + "\n".join(rows) + "\n</table>")
    index = base / "index.html"
    index.write_text(_page("Coverage Framing Kit report archive", body), encoding="utf-8")
    return index


def format_failures(result: BatchResult) -> str:
    """Text naming every failed run with the failing cell and its error (for the terminal)."""
    lines = []
    for p in result.failed:
        er = p.get("error") or {}
        where = f"cell {er.get('cell_index')}" if er.get("cell_index") is not None else "before any cell ran"
        if er.get("execution_count") is not None:
            where += f" (In [{er['execution_count']}])"
        lines.append(f"FAILED {p.get('run')} ({p.get('notebook')}) in {where}: {er.get('ename')}: {er.get('evalue')}")
        src = (er.get("source") or "").strip().splitlines()
        if src:
            lines.append("    cell: " + src[0][:120] + (" ..." if len(src) > 1 else ""))
        for tb in (er.get("traceback") or [])[-4:]:
            for t in tb.splitlines()[-3:]:
                if t.strip():
                    lines.append("    " + t[:200])
        files = p.get("files") or {}
        if files.get("html"):
            lines.append(f"    log: {result.out_dir / str(p.get('run')) / files['html']}")
    return "\n".join(lines)
