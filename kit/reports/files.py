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
import tempfile
from pathlib import Path

#: The marker file of a run folder.
MARKER = ".kit-run.json"
#: Permission bits of every output file (before the umask): readable by all, like figures and HTML.
FILE_MODE = 0o644


def write_bytes_atomic(path: str | os.PathLike, data: bytes, *, mode: int = FILE_MODE) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    >>> import tempfile, pathlib
    >>> p = write_bytes_atomic(pathlib.Path(tempfile.mkdtemp()) / "a.txt", b"hi")
    >>> p.read_bytes(), oct(p.stat().st_mode & 0o644)
    (b'hi', '0o644')
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
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
    return path


def write_text_atomic(path: str | os.PathLike, text: str, *, mode: int = FILE_MODE) -> Path:
    """:func:`write_bytes_atomic` for UTF-8 text."""
    return write_bytes_atomic(path, text.encode("utf-8"), mode=mode)


def mark_run_dir(run_dir: Path, *, name: str, batch: str) -> None:
    """Create ``run_dir`` (it must not exist) and put the runner's marker in it first."""
    run_dir.mkdir(parents=True)
    write_text_atomic(run_dir / MARKER, json.dumps({"run": name, "batch": batch, "pid": os.getpid()}) + "\n")


def is_run_dir(path: Path) -> bool:
    """True when ``path`` is a folder the runner wrote (its marker or, from older batches, a provenance.json)."""
    return (path / MARKER).is_file() or (path / "provenance.json").is_file()
