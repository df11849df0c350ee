"""Where work runs: in this process, on a local Dask cluster of worker processes, or on an existing cluster.

This module is handed functions and knows no analysis. :func:`engine` picks where to run;
:meth:`Engine.map` applies a function to every item (for example every partition of a
:class:`kit.corpus.Store`) and returns the results in the order of the items, so that the caller
can reduce them exactly; :meth:`Engine.run` runs different functions side by side (every partition
of several tables at once, so both cores stay busy); :func:`concat` and :func:`sum_by` are the two
exact reductions the kit needs.

Modes
-----
``sync``
    a plain loop in this process (small corpora, tests, debugging).
``local``
    a ``dask.distributed.LocalCluster`` of worker processes, one per core by default, one thread
    each (the analyses are pure Python and hold the GIL). On Linux the workers are forked from
    this process (:func:`_start_method`).
``ADDRESS``
    an existing cluster: ``scheduler="tcp://host:8786"`` or the ``DASK_SCHEDULER_ADDRESS``
    environment variable (started with ``dask scheduler`` / ``dask worker``, dask-jobqueue or
    dask-kubernetes). Its workers must have the kit installed and must see the store's path.

The Dask dashboard address is printed (on stderr) when a cluster is used.
"""
from __future__ import annotations

import os
import sys
from typing import Any, Callable, Iterable, Sequence

import pandas as pd

from kit.errors import KitError

MODES = ("auto", "sync", "local")
#: Environment variable naming a running scheduler (the same one Dask itself reads).
SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"


def reading_mode() -> str:
    """How a report computes a stored table it finds missing: on the cluster that
    :data:`SCHEDULER_ENV` names (``kit run --scheduler`` sets it for the notebooks), else in this
    process (``"sync"``: a notebook starts no cluster of its own).

    >>> import os
    >>> reading_mode() == ("auto" if os.environ.get(SCHEDULER_ENV) else "sync")
    True
    """
    return "auto" if os.environ.get(SCHEDULER_ENV) else "sync"


class Engine:
    """Runs a function over items in this process or on a Dask cluster (see :func:`engine`).

    Examples
    --------
    >>> with engine(mode="sync") as e:  # a cluster starts on the first map() and stops at the end
    ...     e.map(pow, [1, 2, 3], 2)
    [1, 4, 9]
    """

    def __init__(self, mode: str = "sync", *, scheduler: str | None = None, workers: int | None = None,
                 memory_limit: str | None = None, quiet: bool = False):
        self.mode, self.scheduler, self.workers = mode, scheduler, workers
        self.memory_limit, self.quiet = memory_limit, quiet
        self.client = None
        self.cluster = None

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> "Engine":
        """Connect to the scheduler or start the local cluster (nothing for ``sync``); returns the engine.

        >>> engine = Engine("sync").start()
        >>> engine.client is None
        True
        """
        if self.mode == "sync" or self.client is not None:
            return self
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="10s")
            except (OSError, TimeoutError) as e:
                raise KitError(f"cannot reach the Dask scheduler at {self.scheduler} ({e}); start one with "
                               "`dask scheduler` or leave out --scheduler for a local cluster") from e
        else:
            import dask

            n = self.workers or os.cpu_count() or 1
            with dask.config.set({"distributed.worker.multiprocessing-method": _start_method()}):
                self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                            dashboard_address=":0", memory_limit=self.memory_limit or "auto")
            self.client = Client(self.cluster)
        self._say(f"Dask: {self.describe()}")
        return self

    def close(self) -> None:
        """Close the client and any cluster this engine started (an existing cluster keeps running).

        >>> engine = Engine("sync").start()
        >>> engine.close()
        >>> engine.client is None and engine.cluster is None
        True
        """
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None

    def __enter__(self) -> "Engine":
        return self  # started by the first map(): nothing to compute, no cluster

    def __exit__(self, *exc) -> None:
        self.close()

    def describe(self) -> str:
        """Where work runs, with the dashboard address (for the user and provenance).

        >>> Engine("sync").describe()
        'in this process'
        """
        if self.mode == "sync":
            return "in this process"
        if self.client is None:
            return f"{self.mode} (not started)"
        n = len(self.client.scheduler_info(n_workers=-1).get("workers", {}))
        where = f"scheduler {self.client.scheduler.address}" if self.scheduler else "local cluster"
        return f"{where}, {n} workers, dashboard {_dashboard(self.client)}"

    def _say(self, msg: str) -> None:
        if not self.quiet:
            print(msg, file=sys.stderr)

    # -- work --------------------------------------------------------------------------------
    def map(self, func: Callable, items: Iterable, *args: Any, progress: bool = False, desc: str = "", **kwargs: Any
            ) -> list:
        """``[func(item, *args, **kwargs) for item in items]``, run where this engine runs.

        Results come back in the order of ``items`` whatever order the workers finish in; an
        exception in a task is raised here with the item named.

        >>> Engine("sync").map(abs, [-1, 2])
        [1, 2]
        """
        return self.run([(func, item, args, kwargs) for item in items], progress=progress,
                        desc=desc or getattr(func, "__name__", "tasks"))

    def run(self, tasks: Sequence[tuple], *, progress: bool = False, desc: str = "tasks",
            take: Callable[[int, Any], Any] | None = None) -> list:
        """Run different functions side by side: ``tasks`` holds ``(func, item, args, kwargs)``
        tuples, each computed as ``func(item, *args, **kwargs)``; results in the order of ``tasks``.

        Workers take the tasks in the order given (put the longest first for an even finish); an
        exception in a task is raised here with its function and item named.

        ``take(i, result)``, when given, is called here as each task finishes (in the order they
        finish; ``i`` is the task's position) and what it returns is kept instead of the result.
        A worker's result is released as soon as it is taken, so neither the workers nor this
        process need hold every result at once: ``take`` can fold partial sums as they come.

        >>> with engine(mode="sync") as e:
        ...     e.run([(pow, 2, (3,), {}), (divmod, 7, (2,), {})])
        [8, (3, 1)]
        >>> with engine(mode="sync") as e:
        ...     e.run([(pow, 2, (3,), {}), (pow, 3, (2,), {})], take=lambda i, r: r * 10)
        [80, 90]
        """
        tasks = list(tasks)
        if self.mode != "sync" and tasks:
            self.start()  # before the progress bar's thread, so that the workers can be forked
        bar = None
        if progress and tasks:
            from tqdm import tqdm
            bar = tqdm(total=len(tasks), desc=desc, unit="part")
        try:
            if self.mode == "sync":
                out = []
                for i, (func, item, args, kwargs) in enumerate(tasks):
                    res = _call(func, item, args, kwargs)
                    out.append(res if take is None else take(i, res))
                    if bar is not None:
                        bar.update(1)
                return out
            self.start()
            from distributed import as_completed

            futures = [self.client.submit(_call, func, item, args, kwargs, pure=False)
                       for func, item, args, kwargs in tasks]
            position = {f.key: i for i, f in enumerate(futures)}
            out = [None] * len(futures)
            try:
                for fut, res in as_completed(futures, with_results=True):
                    i = position[fut.key]
                    out[i] = res if take is None else take(i, res)
                    fut.release()  # the worker may free it now
                    if bar is not None:
                        bar.update(1)
                return out
            finally:
                for f in futures:
                    f.release()
        finally:
            if bar is not None:
                bar.close()


def pool_start_method() -> str:
    """How the kit's process pools (counting, ingest, shared reads) start workers: ``fork`` on Linux,
    ``spawn`` elsewhere (a local Dask cluster forks only where this says fork and more holds:
    :func:`_start_method`).

    fork: workers start at once, need not re-import the caller's main module, and can read the
    parent's texts without copying them through a pipe. macOS has fork too, but a forked child of a
    process whose threads (pyarrow's, the system frameworks') hold locks can hang or crash there,
    which is why Python itself spawns on macOS; Windows has no fork.

    >>> pool_start_method() == ("fork" if sys.platform.startswith("linux") else "spawn")
    True
    """
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _start_method() -> str:
    """How a local cluster starts its worker processes: Dask's setting
    (``distributed.worker.multiprocessing-method``) when it was changed from Dask's default
    ``spawn``; otherwise ``fork`` on Linux when forking is safe here (this is the only thread and
    SIGINT / SIGTERM have Python's default handlers, so a worker inherits no lock held by another
    thread and no handler of the program that started it), which starts two workers in about 1 s
    instead of 4 s (a spawned worker imports Dask, pandas and the kit again; a forked one shares
    what this process has imported), so that a corpus of a thousand articles already gains from the
    second core. ``kit run`` (notebook workers and signal handlers already running) spawns.

    >>> _start_method() in ("fork", "spawn", "forkserver")
    True
    """
    import signal
    import threading

    import dask

    method = dask.config.get("distributed.worker.multiprocessing-method", "spawn")
    if method != "spawn" or pool_start_method() != "fork":
        return method
    alone = threading.active_count() == 1 and threading.current_thread() is threading.main_thread()
    default_handlers = (signal.getsignal(signal.SIGINT) is signal.default_int_handler
                        and signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None))
    return "fork" if alone and default_handlers else method


def _call(func: Callable, item: Any, args: tuple, kwargs: dict) -> Any:
    try:
        return func(item, *args, **kwargs)
    except KitError:
        raise
    except Exception as e:
        raise KitError(f"{getattr(func, '__name__', func)} failed on {item!r}: {type(e).__name__}: {e}") from e


def _dashboard(client) -> str:
    try:
        import bokeh  # noqa: F401  (the dashboard needs it)
    except ImportError:
        return "unavailable (pip install bokeh)"
    return client.dashboard_link


def engine(scheduler: str | None = None, *, mode: str = "auto", workers: int | None = None, n_items: int | None = None,
           memory_limit: str | None = None, quiet: bool = False) -> Engine:
    """The :class:`Engine` for a run (not started: use it in a ``with`` block, or call ``close()``).

    Parameters
    ----------
    scheduler : address of a running Dask scheduler (default: ``$DASK_SCHEDULER_ADDRESS``)
    mode : ``auto`` (a scheduler when one is named, else ``local`` for more than one item, else
        ``sync``), ``sync`` or ``local``
    workers : worker processes of a local cluster (default: one per core)
    n_items : how many items will be mapped (lets ``auto`` run a one-partition corpus in-process)

    Examples
    --------
    >>> engine(mode="sync").describe()
    'in this process'
    >>> engine(mode="auto", n_items=1, scheduler="").mode
    'sync'
    """
    if mode not in MODES:
        raise KitError(f"unknown compute mode {mode!r} (choose from {', '.join(MODES)})")
    if workers is not None and (not isinstance(workers, int) or isinstance(workers, bool) or workers < 1):
        raise KitError(f"workers must be a positive integer, got {workers!r}")
    address = scheduler if scheduler is not None else os.environ.get(SCHEDULER_ENV) or None
    if address and mode == "auto":
        return Engine("cluster", scheduler=address, quiet=quiet)
    if mode == "auto":
        mode = "sync" if (n_items is not None and n_items <= 1) or workers == 1 else "local"
    return Engine(mode, workers=workers, memory_limit=memory_limit, quiet=quiet)


# -- exact reductions ---------------------------------------------------------------------------
def concat(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Partition results stacked in partition order (an exact reduction for per-row tables).

    >>> concat([pd.DataFrame({"a": [1]}), pd.DataFrame({"a": [2, 3]})])["a"].tolist()
    [1, 2, 3]
    """
    frames = list(frames)
    if not frames:
        raise KitError("nothing to combine: no partitions")
    keep = [f for f in frames if len(f)] or frames[:1]
    out = pd.concat(keep, ignore_index=True) if len(keep) > 1 else keep[0].reset_index(drop=True)
    out.attrs = dict(frames[0].attrs)
    return out


def sum_by(frames: Sequence[pd.DataFrame], keys: list[str], values: list[str]) -> pd.DataFrame:
    """Partial sums from every partition added up per key (integer sums, so exact).

    >>> a = pd.DataFrame({"g": ["x", "y"], "n": [1, 2]}); b = pd.DataFrame({"g": ["x"], "n": [5]})
    >>> sum_by([a, b], ["g"], ["n"]).values.tolist()
    [['x', 6], ['y', 2]]
    """
    both = concat(frames)
    if both.empty:
        return both[keys + values].reset_index(drop=True)
    return both.groupby(keys, sort=True, dropna=False, observed=True)[values].sum().reset_index()
