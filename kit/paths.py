"""Where a notebook's relative paths point, so the same notebook runs from JupyterLab (whose
kernel starts in ``notebooks/``), from papermill on the command line (started anywhere) and from
``kit run``.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

#: Permission bits of every output file before the umask: readable by all (tables like figures and HTML).
FILE_MODE = 0o644


def project_root(start: str | os.PathLike | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: the current folder) that holds both a
    ``pyproject.toml`` and a ``notebooks/`` folder; the current folder when there is none.

    >>> (project_root() / "pyproject.toml").is_file()
    True
    """
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "notebooks").is_dir():
            return folder
    return here


def resolve_input(path: str | os.PathLike) -> str:
    """An input path as given when it is absolute or exists from the current folder, otherwise
    relative to :func:`project_root` (so ``data/sample`` works from ``notebooks/`` too).

    >>> Path(resolve_input("data/sample")).is_dir()
    True
    """
    p = Path(path).expanduser()
    if p.is_absolute() or p.exists():
        return str(p)
    return str(project_root() / p)


def resolve_inputs(value, *, keep=()):
    """:func:`resolve_input` for a notebook parameter that may also name a bundled resource: one
    value or a list of values; values in ``keep`` (e.g. :data:`kit.frames.BUNDLED_DICTIONARIES`),
    None and "" are returned unchanged.

    >>> resolve_inputs(["generic_frames", "data/sample"], keep={"generic_frames"})[0]
    'generic_frames'
    >>> Path(resolve_inputs("data/sample")).is_dir()
    True
    """
    if isinstance(value, (list, tuple)):
        return [resolve_inputs(v, keep=keep) for v in value]
    if value is None or value == "" or (isinstance(value, str) and value in keep) or not isinstance(value, (str, os.PathLike)):
        return value
    return resolve_input(value)


def resolve_output(path: str | os.PathLike) -> str:
    """An output folder: as given when absolute, otherwise under :func:`project_root`.

    >>> resolve_output("reports/x") == str(project_root() / "reports" / "x")
    True
    """
    p = Path(path).expanduser()
    return str(p if p.is_absolute() else project_root() / p)


#: Set by ``kit run`` in the environment of each run's kernel: the run folder it owns.
RUN_DIR_ENV = "KIT_RUN_DIR"


def notebook_paths(corpus: str, output_dir: str) -> tuple[str, str]:
    """``(resolve_input(corpus), resolve_output(output_dir))``: the first call of every report notebook.

    A notebook run by plain papermill (or in JupyterLab) refuses to write into a folder that
    ``kit run`` wrote (it holds ``.kit-run.json`` or ``provenance.json``): its CSVs would replace the
    batch's while the batch's HTML and provenance still describe the old run. ``kit run`` itself
    names the folder it owns in ``KIT_RUN_DIR``.

    >>> import tempfile, pathlib
    >>> batch_run = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (batch_run / ".kit-run.json").write_text("{}")
    >>> notebook_paths("data/sample", str(batch_run))
    Traceback (most recent call last):
    ...
    kit.errors.KitError: ... was written by kit run; give this notebook its own output_dir (papermill -p output_dir my_folder)
    """
    from kit.errors import KitError

    out = resolve_output(output_dir)
    owned = os.environ.get(RUN_DIR_ENV)
    if (Path(out) / ".kit-run.json").is_file() or (Path(out) / "provenance.json").is_file():
        if not owned or Path(owned).resolve() != Path(out).resolve():
            raise KitError(f"{out} was written by kit run; give this notebook its own output_dir "
                           "(papermill -p output_dir my_folder)")
    return resolve_input(corpus), out


def write_atomic(path: str | os.PathLike, data: bytes, *, mode: int = FILE_MODE) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A reader (or a batch killed mid-write) sees the old file or the new one, never half of one.
    The file gets ``mode`` minus the umask, like any file ``open()`` creates (``mkstemp`` alone
    would leave it readable by its owner only).

    >>> import tempfile, pathlib
    >>> p = write_atomic(pathlib.Path(tempfile.mkdtemp()) / "a.txt", b"hi")
    >>> p.read_bytes(), oct(p.stat().st_mode & 0o644)
    (b'hi', '0o644')
    """
    return write_atomic_chunks(path, [data], mode=mode)


def write_atomic_chunks(path: str | os.PathLike, chunks, *, mode: int = FILE_MODE) -> Path:
    """:func:`write_atomic` of the bytes ``chunks`` yields one after the other (a long file never held whole).

    >>> import tempfile, pathlib
    >>> write_atomic_chunks(pathlib.Path(tempfile.mkdtemp()) / "a.txt", iter([b"h", b"i"])).read_bytes()
    b'hi'
    """
    with atomic_file(path, mode=mode) as fh:
        for data in chunks:
            fh.write(data)
    return Path(path)


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike, *, mode: int = FILE_MODE):
    """A binary file to write ``path`` through (see :func:`write_atomic`): a temporary file in the same
    folder that replaces ``path`` when the block ends, and is removed when it raises.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_file(p) as fh:
    ...     _ = fh.write(b"hi")
    >>> p.read_bytes(), oct(p.stat().st_mode & 0o644)
    (b'hi', '0o644')
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, mode & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
