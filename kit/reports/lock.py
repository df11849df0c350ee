"""One batch per output folder: a lock file naming its holder, stale locks of dead processes taken over.

``<out>/.kit-lock`` is created with ``O_CREAT | O_EXCL`` (atomic: of two batches started at the
same moment exactly one gets it) and holds the holder's pid, host, start time and command. A
second batch on the same folder is refused with a message naming the holder. A lock whose
process no longer runs on this host (a batch that was killed) is taken over.
"""
from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path

from kit.errors import KitError
from kit.reports.provenance import now

LOCK_NAME = ".kit-lock"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _holder(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _describe(holder: dict | None) -> str:
    if not holder:
        return "an unknown process (the lock file is unreadable)"
    cmd = " ".join(holder.get("command") or [])
    return (f"pid {holder.get('pid')} on {holder.get('host')}, started {holder.get('started')}"
            + (f": {cmd}" if cmd else ""))


class BatchLock:
    """The lock of one output folder; use as a context manager or call :meth:`acquire`/:meth:`release`.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with BatchLock(folder):
    ...     BatchLock(folder).acquire()
    Traceback (most recent call last):
    ...
    kit.errors.KitError: ... is in use by another kit run (pid ...
    >>> (folder / LOCK_NAME).exists()
    False
    """

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self.held = False

    def _try_create(self) -> bool:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        info = {"pid": os.getpid(), "host": socket.gethostname(), "started": now(), "command": sys.argv}
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(info, fh)
        return True

    def acquire(self) -> "BatchLock":
        """Take the lock or raise :class:`KitError` naming the batch that holds it.

        >>> import tempfile
        >>> folder = tempfile.mkdtemp()
        >>> lock = BatchLock(folder).acquire()
        >>> BatchLock(folder).acquire()  # a second batch on the same folder
        Traceback (most recent call last):
        ...
        kit.errors.KitError: ... is in use by another kit run (...); wait for it to finish or choose another --out ...
        >>> lock.release()
        """
        for _ in range(3):
            if self._try_create():
                self.held = True
                return self
            holder = _holder(self.path)
            stale = (holder is not None and holder.get("host") == socket.gethostname()
                     and isinstance(holder.get("pid"), int) and not _alive(holder["pid"]))
            if not stale:
                raise KitError(f"{self.folder} is in use by another kit run ({_describe(holder)}); wait for it to "
                               f"finish or choose another --out (remove {self.path} only if that process is gone)")
            try:  # the holder died: take the lock over
                self.path.unlink()
            except FileNotFoundError:
                pass
        raise KitError(f"could not take the lock {self.path}")

    def release(self) -> None:
        """Remove the lock file (only when this object holds it).

        >>> import tempfile
        >>> lock = BatchLock(tempfile.mkdtemp()).acquire()
        >>> lock.release()
        >>> lock.held, lock.path.exists()
        (False, False)
        """
        if self.held:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
            self.held = False

    def __enter__(self) -> "BatchLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
