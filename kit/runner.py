"""Former home of ``kit run``'s machinery, now the :mod:`kit.reports` package.

Kept so that ``from kit.runner import run_batch`` (and the other public names) keeps working for
one release; new code imports from :mod:`kit.reports`.
"""
from __future__ import annotations

from kit.reports import *  # noqa: F401,F403 (kit.runner is the old import path of kit.reports)
from kit.reports import __all__  # noqa: F401 (the same public names)
