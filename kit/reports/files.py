"""Files of the output folder: atomic writes and the marker every run folder carries from creation.

Every file the runner writes goes to a temporary name in the same folder and is renamed into
place (``os.replace`` is atomic on POSIX and Windows), so a reader sees the old file or the new
one, never half of one, even when the batch is killed mid-write. A run folder gets its marker
(``.kit-run.json``) before anything else is written into it: a later batch recognises the folder
as the runner's own (to replace or resume it) even when the run never finished.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from kit.paths import FILE_MODE, write_atomic

#: The marker file of a run folder.
MARKER = ".kit-run.json"


def write_bytes_atomic(path: str | os.PathLike, data: bytes, *, mode: int = FILE_MODE) -> Path:
    """Write ``data`` to ``path`` atomically (:func:`kit.paths.write_atomic`).

    >>> import tempfile, pathlib
    >>> p = write_bytes_atomic(pathlib.Path(tempfile.mkdtemp()) / "t.bin", b"ok")
    >>> p.read_bytes()
    b'ok'
    """
    return write_atomic(path, data, mode=mode)


def write_text_atomic(path: str | os.PathLike, text: str, *, mode: int = FILE_MODE) -> Path:
    """:func:`write_bytes_atomic` for UTF-8 text.

    >>> import tempfile, pathlib
    >>> write_text_atomic(pathlib.Path(tempfile.mkdtemp()) / "t.txt", "Zürich").read_bytes()
    b'Z\\xc3\\xbcrich'
    """
    return write_bytes_atomic(path, text.encode("utf-8"), mode=mode)


def mark_run_dir(run_dir: Path, *, name: str, batch: str) -> None:
    """Create ``run_dir`` (it must not exist) and put the runner's marker in it first.

    >>> import tempfile, pathlib
    >>> run_dir = pathlib.Path(tempfile.mkdtemp()) / "keyness_a"
    >>> mark_run_dir(run_dir, name="keyness_a", batch="reports")
    >>> sorted(p.name for p in run_dir.iterdir()), is_run_dir(run_dir)
    (['.kit-run.json'], True)
    """
    run_dir.mkdir(parents=True)
    write_text_atomic(run_dir / MARKER, json.dumps({"run": name, "batch": batch, "pid": os.getpid()}) + "\n")


def is_run_dir(path: Path) -> bool:
    """True when ``path`` is a folder the runner wrote (its marker or, from older batches, a provenance.json).

    >>> import tempfile, pathlib
    >>> is_run_dir(pathlib.Path(tempfile.mkdtemp()))  # an empty folder: not the runner's
    False
    """
    return (path / MARKER).is_file() or (path / "provenance.json").is_file()
