"""The batch file (``reports.yml``) and the plan made from it before anything runs.

:func:`load_config` reads and checks the file; :func:`plan_batch` merges every run's parameters
(notebook defaults < ``defaults`` < the run's ``parameters`` < ``-p``), checks each name and type
against the notebook's ``parameters`` cell and makes path values absolute; :func:`expand_runs`
turns ``each:`` entries into one run per value once the corpus is known.
"""
from __future__ import annotations

import fnmatch
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from kit.errors import KitError
from kit.reports.params import (
    NOT_LITERAL,
    RESERVED,
    Parameter,
    check_value,
    coerce_cli_value,
    describe,
    notebook_parameters,
)

#: ``each`` runs: a value (an outlet) needs this many articles for a run of its own ...
EACH_MIN_ARTICLES = 5
#: ... and at most this many runs are made, the values with the most articles first.
EACH_MAX_RUNS = 25
CONFIG_KEYS = {"defaults": "parameters for every run", "runs": "the list of runs",
               "timeout": "seconds a cell may run before its run fails (default: no limit)"}
RUN_KEYS = {"name": "run name (default: the notebook's stem)", "notebook": "path to the .ipynb (relative to the file)",
            "parameters": "parameters of this run", "each": "articles column: one run per distinct value",
            "min_articles": f"with each: values with fewer articles get no run of their own (default {EACH_MIN_ARTICLES})",
            "max_runs": f"with each: at most this many runs, values with the most articles first (default {EACH_MAX_RUNS})"}
#: Names of the runner's own files and folders in the output folder: no run may take them.
OWN_NAMES = re.compile(r"latest|index\.html|runs\.json|\.kit-.*|corpus(_\d+)?", re.I)
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_RUN_ORIGIN = "the run's parameters in the batch file"


@dataclass
class RunEntry:
    """One entry of the batch file after the parameter check (``each`` not yet expanded)."""

    name: str
    notebook: Path
    declared: dict[str, Parameter]
    parameters: dict[str, Any]
    each: str | None = None
    position: int = 0
    min_articles: int = EACH_MIN_ARTICLES
    max_runs: int = EACH_MAX_RUNS
    #: an ``each`` entry's parameter problems when ``--only`` is given: raised by :func:`expand_runs`
    #: only if ``--only`` selects one of its runs (a run left out does not fail the plan)
    problems: list[str] = field(default_factory=list)


@dataclass
class RunSpec:
    """One run ready to execute: its name, notebook, final parameters and corpus facts."""

    name: str
    notebook: Path
    parameters: dict[str, Any]
    position: int
    corpus: dict | None = None


def slug(value: str) -> str:
    """A run-name-safe form of a column value: accents folded, other letters kept, the rest ``_``.

    >>> slug("Harbor Street Weekly"), slug("!!"), slug("Süddeutsche Zeitung"), slug("Der Straßenbote"), slug("人民日报")
    ('harbor_street_weekly', 'blank', 'suddeutsche_zeitung', 'der_strassenbote', '人民日报')
    """
    folded = "".join(c for c in unicodedata.normalize("NFKD", str(value)) if not unicodedata.combining(c))
    s = re.sub(r"[\W_]+", "_", folded.casefold()).strip("_")
    return s or "blank"


def rel(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` when it lies below it, else as given.

    >>> rel(Path("/work/reports/a.ipynb"), Path("/work")), rel(Path("/tmp/a.ipynb"), Path("/work"))
    ('reports/a.ipynb', '/tmp/a.ipynb')
    """
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------------------------
# the file


def _check_keys(path: Path, data: dict) -> None:
    unknown = sorted(set(data) - set(CONFIG_KEYS))
    if unknown:
        raise KitError(f"{path}: unknown key(s) {', '.join(map(str, unknown))}; valid keys: "
                       + "; ".join(f"{k} ({v})" for k, v in CONFIG_KEYS.items()))
    if not isinstance(data.get("defaults") or {}, dict):
        raise KitError(f"{path}: 'defaults' must be a mapping of parameter names to values")
    runs = data.get("runs")
    if not isinstance(runs, list) or not runs:
        raise KitError(f"{path}: 'runs' must be a non-empty list of runs (each with at least 'notebook')")
    for i, run in enumerate(runs, 1):
        if not isinstance(run, dict) or "notebook" not in run:
            raise KitError(f"{path}: run #{i} must be a mapping with at least 'notebook'")
        bad = sorted(set(run) - set(RUN_KEYS))
        if bad:
            raise KitError(f"{path}: run #{i} ({run.get('name') or run['notebook']}): unknown key(s) "
                           f"{', '.join(map(str, bad))}; valid keys: "
                           + "; ".join(f"{k} ({v})" for k, v in RUN_KEYS.items()))
        if not isinstance(run.get("parameters") or {}, dict):
            raise KitError(f"{path}: run #{i}: 'parameters' must be a mapping")
        for key in ("min_articles", "max_runs"):
            value = run.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise KitError(f"{path}: run #{i}: '{key}' must be a positive integer, got {value!r}")
            if value is not None and not run.get("each"):
                raise KitError(f"{path}: run #{i}: '{key}' only applies to runs with 'each'")
    timeout = data.get("timeout")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0):
        raise KitError(f"{path}: 'timeout' must be a positive number of seconds, got {timeout!r}")


def load_config(path: str | os.PathLike) -> dict:
    """Read and validate the batch file.

    Returns ``{"defaults": {...}, "runs": [...], "base": Path, "timeout": seconds or None}``;
    raises :class:`KitError` naming the file and the problem.

    >>> sorted(load_config("reports.yml"))
    ['base', 'defaults', 'runs', 'timeout']
    """
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
    _check_keys(path, data)
    return {"defaults": data.get("defaults") or {}, "runs": data["runs"], "base": path.resolve().parent,
            "timeout": data.get("timeout")}


# --------------------------------------------------------------------------------------------
# paths


def resolve_default(value: Any, notebook: Path) -> Any:
    """A notebook's default path as the notebook itself resolves it (``kit.paths.resolve_input``
    run from the notebook's folder): as written when it exists from there, else under the project root.

    >>> resolve_default("data/sample", Path("notebooks/01_corpus_overview.ipynb").resolve()) == str(Path("data/sample").resolve())
    True
    """
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
        return Path(resolve_default(p.default, notebook)).exists()
    except (OSError, ValueError):
        return False


def _resolve_path(value: Any, base: Path, *, only_existing: bool = False) -> Any:
    if isinstance(value, str) and value:
        p = Path(value).expanduser()
        if only_existing and not p.is_absolute() and not (base / p).exists():
            return value  # a bundled name, or a missing file that check_values names
        return str(p if p.is_absolute() else (base / p).resolve())
    if isinstance(value, (list, tuple)):  # a list of paths (dictionaries, actor files)
        return type(value)(_resolve_path(v, base, only_existing=only_existing) for v in value)
    return value


# --------------------------------------------------------------------------------------------
# the plan


def _select_runs(config: dict, only: Sequence[str] | None, problems: list[str],
                 left_out: list[tuple[str, Path]] | None = None) -> list[tuple[int, dict, str, Path]]:
    """``(position, run, name, notebook path)`` of every run ``--only`` selects, names checked;
    ``(name, notebook path)`` of the runs ``--only`` leaves out go to ``left_out``."""
    base: Path = config["base"]
    selected, seen = [], set()
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
        if name in seen:
            problems.append(f"run '{name}': the name is used twice in the batch file")
        seen.add(name)
        if only and not each and not any(fnmatch.fnmatchcase(name, pat) for pat in only):
            if left_out is not None:
                left_out.append((name, nb_path))
            continue
        selected.append((pos, run, name, nb_path))
    if only and not selected and not problems:
        raise KitError(f"--only {' '.join(only)} matches no run; runs: "
                       + ", ".join(str(r.get("name") or Path(str(r["notebook"])).stem) for r in config["runs"]))
    return selected


def _declaring(left_out: list[tuple[str, Path]], pname: str) -> list[str]:
    """Names of the runs left out by ``--only`` whose notebook declares ``pname`` (an unreadable notebook
    declares nothing here: it is not run)."""
    names = []
    for name, nb_path in left_out:
        try:
            if pname in notebook_parameters(nb_path):
                names.append(name)
        except KitError:
            continue
    return names


def _check_batch_wide(layers: list, declared_by: dict[str, dict[str, Parameter]], problems: list[str],
                      left_out: list[tuple[str, Path]] = (), notes: list[str] | None = None) -> None:
    """Batch-wide names (``defaults``, ``-p``) must be declared by a run of the batch file: a name that
    only runs left out by ``--only`` declare is a note (one command line shared by several
    selections), a name that no run declares an error (a typo)."""
    for origin, items, _base in layers:
        for pname, _raw in items:
            pname = str(pname)
            if pname in RESERVED:
                problems.append(f"parameter '{pname}' (from {origin}) is set by kit run; use --out to choose the folder")
            elif declared_by and not any(pname in d for d in declared_by.values()):
                takers = _declaring(list(left_out), pname)
                if takers:
                    if notes is not None:
                        notes.append(f"parameter '{pname}' (from {origin}) is ignored: no run --only selects declares "
                                     f"it; runs that would take it: {', '.join(takers)}.")
                    continue
                accepted = "; ".join(f"run '{n}': " + ", ".join(describe(p) for p in d.values() if p.name not in RESERVED)
                                     for n, d in declared_by.items())
                problems.append(f"unknown parameter '{pname}' (from {origin}): no run of the batch declares it; "
                                f"accepted: {accepted}")


def _run_values(name: str, nb_path: Path, run: dict, declared: dict[str, Parameter], layers: list, base: Path,
                problems: list[str]) -> dict[str, Any]:
    """One run's merged, type-checked parameter values (problems appended, not raised)."""
    where = f"run '{name}' ({rel(nb_path, base)})"
    values: dict[str, Any] = {}
    path_params = {n for n, p in declared.items() if p.is_path or _default_is_existing_path(p, nb_path)}
    for pname, p in declared.items():
        if p.default is not NOT_LITERAL:
            values[pname] = resolve_default(p.default, nb_path) if pname in path_params else p.default
    run_layer = (_RUN_ORIGIN, list((run.get("parameters") or {}).items()), base)
    for origin, items, rel_base in (layers[0], run_layer, layers[1]):
        batch_wide = origin != _RUN_ORIGIN
        for pname, raw in items:
            pname = str(pname)
            if pname in RESERVED or pname not in declared:
                if batch_wide:
                    continue
                if pname in RESERVED:
                    problems.append(f"{where}: parameter '{pname}' (from {origin}) is set by kit run; use --out")
                else:
                    accepted = ", ".join(describe(p) for p in declared.values() if p.name not in RESERVED)
                    problems.append(f"{where}: unknown parameter '{pname}' (from {origin}); accepted: {accepted}")
                continue
            p = declared[pname]
            try:
                value = check_value(p, coerce_cli_value(p, raw) if origin == "-p" else raw)
            except ValueError as e:
                problems.append(f"{where}: parameter '{pname}' (from {origin}): {e}; the notebook declares {describe(p)}")
                continue
            if pname in path_params:
                value = _resolve_path(value, rel_base)
            elif _bundled(pname):  # a bundled name or a file: files resolved where they were named
                if p.kind == "list" and isinstance(value, str):
                    value = [value]  # one file where a list is declared
                value = _resolve_path(value, rel_base, only_existing=True)
            values[pname] = value
    return values


def plan_batch(config: dict, *, cli_params: Sequence[tuple[str, str]] = (), only: Sequence[str] | None = None,
               cwd: Path | None = None, notes: list[str] | None = None) -> list[RunEntry]:
    """Check every selected run's parameters against its notebook and return the runs to execute.

    Values for the whole batch (``defaults`` in the file, ``-p``) go to every run whose notebook
    declares the name; a name that no run of the batch file declares is an error (a typo, most
    likely); a name that only runs left out by ``only`` declare is ignored, with a sentence in
    ``notes`` naming it and those runs (one command line serves several selections).
    A run's own ``parameters`` must all be declared by its notebook. Every value must fit the
    type of the notebook's default. Raises one :class:`KitError` listing every problem found.
    With ``only``, the problems of an ``each`` entry's values are kept in its ``problems`` instead:
    its run names come from the corpus, so :func:`expand_runs` raises them if ``only`` selects one
    of its runs (a name no run declares is still an error here).

    >>> [e.name for e in plan_batch(load_config("reports.yml"), only=["01_*"])][:1]
    ['01_corpus_overview']
    """
    cwd = Path(cwd or os.getcwd())
    base: Path = config["base"]
    problems: list[str] = []
    left_out: list[tuple[str, Path]] = []
    selected = _select_runs(config, only, problems, left_out)
    declared_by: dict[str, dict[str, Parameter]] = {}
    for _pos, _run, name, nb_path in selected:
        try:
            declared_by[name] = notebook_parameters(nb_path)
        except KitError as e:
            problems.append(f"run '{name}': {e}")
    layers = [("batch file defaults", list(config["defaults"].items()), base), ("-p", list(cli_params), cwd)]
    _check_batch_wide(layers, declared_by, problems, left_out, notes)
    entries = []
    for pos, run, name, nb_path in selected:
        if name not in declared_by:
            continue
        deferred: list[str] = []  # an each entry --only may leave out: its problems wait for its run names
        values = _run_values(name, nb_path, run, declared_by[name], layers, base,
                             deferred if only and run.get("each") else problems)
        entries.append(RunEntry(name, nb_path, declared_by[name], values, run.get("each"), pos,
                                run.get("min_articles") or EACH_MIN_ARTICLES, run.get("max_runs") or EACH_MAX_RUNS,
                                deferred))
    if problems:
        raise KitError("parameter check failed, nothing was run:\n  - " + "\n  - ".join(dict.fromkeys(problems)))
    return entries


# --------------------------------------------------------------------------------------------
# expanding `each`


def _column_counts(entry: RunEntry, corpus: dict):
    """Articles per value of the ``each`` column (most first, then by value) and the number without one."""
    import pandas as pd

    from kit.corpus import Store, is_store

    try:
        if is_store(corpus["path"]):
            column = Store(corpus["path"]).articles(columns=[entry.each])[entry.each]
        else:
            column = pd.read_parquet(corpus["path"], columns=[entry.each])[entry.each]
    except Exception as ex:  # noqa: BLE001 - pyarrow raises several kinds for a missing column
        import pyarrow.parquet as pq

        first = Store(corpus["path"]).join("articles", "part-00000.parquet") if is_store(corpus["path"]) else corpus["path"]
        names = pq.read_schema(first).names
        raise KitError(f"run '{entry.name}': each: '{entry.each}' is not a column of the articles table; "
                       f"columns: {', '.join(names)}") from ex
    blank = column.isna() | (column.astype(str).str.strip() == "")
    counts = column[~blank].astype(str).value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")
    return counts, int(blank.sum())


def _listing(counts, limit: int = 12) -> str:
    shown = ", ".join(f"{v} ({n})" for v, n in counts.head(limit).items())
    return shown + (f" and {len(counts) - limit} more" if len(counts) > limit else "")


def select_values(entry: RunEntry, corpus: dict, notes: list[str]) -> list[str]:
    """The ``each`` values that get a run: at least ``min_articles`` articles, at most ``max_runs``
    of them (the most articles first); a sentence per left-out group is appended to ``notes``.

    >>> import tempfile, pandas as pd
    >>> path = tempfile.mkdtemp() + "/c.parquet"
    >>> pd.DataFrame({"doc_id": list("abcdefg"), "outlet": ["Ash"] * 5 + ["Elm"] * 2}).to_parquet(path)
    >>> notes = []
    >>> select_values(RunEntry("k_{outlet}", Path("nb.ipynb"), {}, {}, "outlet"), {"path": path}, notes)
    ['Ash']
    >>> notes
    ["run 'k_{outlet}' (one per outlet): 1 outlet value(s) with fewer than 5 articles (min_articles) left out: Elm (2)."]
    """
    counts, n_blank = _column_counts(entry, corpus)
    what = f"run '{entry.name}' (one per {entry.each})"
    if n_blank:
        notes.append(f"{what}: {n_blank} article(s) with no {entry.each} value get no run of their own.")
    small = counts[counts < entry.min_articles]
    if len(small):
        notes.append(f"{what}: {len(small)} {entry.each} value(s) with fewer than {entry.min_articles} articles "
                     f"(min_articles) left out: {_listing(small)}.")
    kept = counts[counts >= entry.min_articles]
    if len(kept) > entry.max_runs:
        notes.append(f"{what}: only the {entry.max_runs} values with the most articles run (max_runs); "
                     f"left out: {_listing(kept.iloc[entry.max_runs:])}.")
        kept = kept.iloc[:entry.max_runs]
    if counts.empty:
        notes.append(f"{what}: no article has a {entry.each} value, so there is no run.")
    return sorted(kept.index)


def _unique_names(specs: list[RunSpec], each_specs: list[tuple[RunSpec, str]], notes: list[str]) -> None:
    """Give ``each`` runs whose values slug alike (``Breitbart``, ``breitbart``) or that would take a
    name already used (another run) a numbered name: ``keyness_breitbart_2``; a name of kit run's own
    files (``corpus``, ``latest``) gets ``_run``: ``corpus_run``.
    The first value in sort order keeps the plain name; a note says which value got which name."""
    generated = {id(s) for s, _ in each_specs}
    used = {s.name.lower() for s in specs if id(s) not in generated}
    for s, value in each_specs:
        base = f"{s.name}_run" if OWN_NAMES.fullmatch(s.name) else s.name  # "corpus" is kit run's own folder
        name, k = base, 1
        while name.lower() in used:
            k += 1
            name = f"{base}_{k}"
        if name != s.name:
            notes.append(f"run '{name}' ({value}): renamed, because '{s.name}' is already the name of another run "
                         "or of kit run's own files.")
        s.name = name
        used.add(name.lower())


def expand_runs(entries: list[RunEntry], corpora: dict[str, dict], *, only: Sequence[str] | None = None,
                notes: list[str] | None = None) -> list[RunSpec]:
    """One :class:`RunSpec` per run; ``each`` entries become one run per selected column value
    (:func:`select_values`; sentences about left-out values are appended to ``notes``). Raises
    :class:`KitError` with an entry's ``problems`` (:func:`plan_batch`) when ``only`` selects one of
    its runs.

    >>> import tempfile, pandas as pd
    >>> path = tempfile.mkdtemp() + "/c.parquet"
    >>> pd.DataFrame({"doc_id": list("abcde"), "outlet": ["Ash"] * 5}).to_parquet(path)
    >>> entry = RunEntry("k_{outlet}", Path("nb.ipynb"), {}, {"corpus": "src", "target": "{outlet}"}, "outlet")
    >>> [(s.name, s.parameters["target"]) for s in expand_runs([entry], {"src": {"path": path}})]
    [('k_ash', 'Ash')]
    """
    notes = notes if notes is not None else []
    specs: list[RunSpec] = []
    each_specs: list[tuple[RunSpec, str]] = []
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
        placeholder = "{" + e.each + "}"
        for v in select_values(e, corpus, notes):
            base = e.name.replace(placeholder, slug(v)) if placeholder in e.name else f"{e.name}_{slug(v)}"
            p = {k: (val.replace(placeholder, v) if isinstance(val, str) else val) for k, val in params.items()}
            specs.append(RunSpec(base, e.notebook, p, e.position, corpus))
            each_specs.append((specs[-1], f"{e.each} '{v}'"))
    _unique_names(specs, each_specs, notes)
    names = [s.name for s in specs]
    if only:
        specs = [s for s in specs if any(fnmatch.fnmatchcase(s.name, pat) for pat in only)]
        unmatched = [pat for pat in only if not any(fnmatch.fnmatchcase(n, pat) for n in names)]
        if unmatched:
            raise KitError(f"--only: no run named {', '.join(unmatched)}; runs: {', '.join(names)}")
    kept = {s.position for s in specs}
    problems = [p for e in entries if e.position in kept for p in e.problems]
    if problems:
        raise KitError("parameter check failed, nothing was run:\n  - " + "\n  - ".join(dict.fromkeys(problems)))
    selected = [s.name for s in specs]
    taken = [n for n in selected if OWN_NAMES.fullmatch(n)]
    if taken:
        raise KitError(f"run name(s) {', '.join(taken)} are used by kit run's own files (corpus, latest); rename the run(s)")
    dupes = sorted({n for n in selected if selected.count(n) > 1})
    if dupes:
        raise KitError(f"two runs would share the name(s) {', '.join(dupes)}; give the entries distinct names")
    return specs


def note_left_out_each(config: dict, entries: list[RunEntry], specs: list[RunSpec], *,
                       cli_params: Sequence[tuple[str, str]] = (), only: Sequence[str] | None = None,
                       notes: list[str]) -> None:
    """The check of batch-wide names (``defaults``, ``-p``) again, once the ``each`` runs are expanded:
    an ``each`` entry of which ``only`` selects no run is left out like any other run (:func:`plan_batch`
    counts it as selected, as its run names come from the corpus), so a name that only it and
    other runs left out declare is ignored, with the note :func:`plan_batch` gives for those.
    Appends to ``notes`` the sentences not already there.

    >>> config = load_config("reports.yml")
    >>> entries = plan_batch(config, cli_params=[("min_count", "3")], only=["04_*"])
    >>> [e.name for e in entries]  # keyness_{outlet} counts as selected: its names come from the corpus
    ['keyness_{outlet}', '04_voices']
    >>> specs = [RunSpec(e.name, e.notebook, e.parameters, e.position) for e in entries if not e.each]
    >>> notes = []  # what expand_runs leaves when '04_*' selects none of the runs per outlet
    >>> note_left_out_each(config, entries, specs, cli_params=[("min_count", "3")], only=["04_*"], notes=notes)
    >>> notes
    ["parameter 'min_count' (from -p) is ignored: no run --only selects declares it; runs that would take it: keyness_{outlet}."]
    """
    kept = {s.position for s in specs}
    if not only or all(e.position in kept for e in entries if e.each):
        return
    left_out = [(name, nb_path) for pos, _run, name, nb_path in _select_runs(config, None, []) if pos not in kept]
    declared_by = {e.name: e.declared for e in entries if e.position in kept}
    layers = [("batch file defaults", list(config["defaults"].items()), None), ("-p", list(cli_params), None)]
    found: list[str] = []
    _check_batch_wide(layers, declared_by, [], left_out, found)
    notes.extend(n for n in dict.fromkeys(found) if n not in notes)


# --------------------------------------------------------------------------------------------
# values checked against the corpus and the bundled resources (after ingest, before any run)

#: Parameters holding a grouping: a column of the articles table, a period, or None.
GROUP_PARAMETERS = ("group_by",)
#: Parameters holding a period only.
PERIOD_PARAMETERS = ("period", "time_unit")


def _bundled(name: str) -> set[str]:
    """Names of the bundled resources a parameter may name instead of a file."""
    if name.startswith("dictionar"):
        from kit.frames.dictionaries import BUNDLED_DICTIONARIES

        return set(BUNDLED_DICTIONARIES)
    if name.startswith("actor"):
        from kit.actors import BUNDLED_ACTORS

        return set(BUNDLED_ACTORS)
    return set()


def _value_problems(spec: RunSpec, declared: dict[str, Parameter], columns: list[str] | None) -> list[str]:
    from kit.groups import PERIODS

    problems = []
    where = f"run '{spec.name}'"
    for name, value in spec.parameters.items():
        if name in GROUP_PARAMETERS and isinstance(value, str) and value not in PERIODS and columns is not None \
                and value not in columns:
            problems.append(f"{where}: {name} '{value}' is neither a column of the corpus nor a period; columns: "
                            f"{', '.join(columns)}; periods: {', '.join(PERIODS)}")
        if name in PERIOD_PARAMETERS and isinstance(value, str) and value not in PERIODS:
            problems.append(f"{where}: {name} '{value}' is not a period; choose one of {', '.join(PERIODS)}")
        bundled = _bundled(name)
        if bundled and value:
            for item in ([value] if isinstance(value, str) else value if isinstance(value, list) else []):
                if isinstance(item, str) and item not in bundled and not Path(item).exists():
                    problems.append(f"{where}: {name}: '{item}' is neither a bundled name ({', '.join(sorted(bundled))}) "
                                    "nor an existing file")
    return problems


def check_values(specs: list[RunSpec], entries: list[RunEntry]) -> None:
    """Check values against what they name: a ``group_by`` column the corpus lacks, a period that
    does not exist, a dictionary or actor file that is not there. Raises one :class:`KitError`.

    >>> entries = plan_batch(load_config("reports.yml"), cli_params=[("period", "fortnight")], only=["01_*"])
    >>> check_values([RunSpec(e.name, e.notebook, e.parameters, e.position) for e in entries], entries)
    Traceback (most recent call last):
    ...
    kit.errors.KitError: parameter check failed, nothing was run:
      - run '01_corpus_overview': period 'fortnight' is not a period; choose one of day, week, month, quarter, year
    """
    import pyarrow.parquet as pq

    declared = {e.notebook: e.declared for e in entries}
    schema: dict[str, list[str]] = {}
    problems: list[str] = []
    for s in specs:
        columns = None
        if s.corpus and s.corpus.get("path"):
            path = s.corpus["path"]
            if path not in schema:
                try:
                    from kit.corpus import Store, is_store

                    first = Store(path).join("articles", "part-00000.parquet") if is_store(path) else path
                    schema[path] = list(pq.read_schema(first).names)
                except (OSError, ValueError):
                    schema[path] = None
            columns = schema[path]
        problems += _value_problems(s, declared.get(s.notebook, {}), columns)
    if problems:
        raise KitError("parameter check failed, nothing was run:\n  - " + "\n  - ".join(dict.fromkeys(problems)))
