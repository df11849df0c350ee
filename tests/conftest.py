"""Suite-wide pytest hooks."""
from __future__ import annotations

import os


def heavy_files_first(items: list) -> None:
    """Put the test files that hold a ``slow`` or ``notebooks`` test first, in place; order is kept
    otherwise (within a file, and among the light files and among the heavy ones).

    Under ``make test`` (pytest-xdist, ``--dist loadfile``) files go to the workers in this order, so
    the batches and notebook runs start first and the many quick tests fill in at the end, rather
    than one worker finishing a long file alone."""
    heavy = {item.path for item in items if item.get_closest_marker("slow") or item.get_closest_marker("notebooks")}
    items.sort(key=lambda item: item.path not in heavy)


def pytest_collection_modifyitems(config, items):
    if os.environ.get("PYTEST_XDIST_WORKER"):  # only in parallel runs: plain pytest keeps the file order
        heavy_files_first(items)
