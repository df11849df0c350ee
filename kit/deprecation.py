"""Old names that keep working for one release, with a :class:`DeprecationWarning`.

Every rename is listed in ``docs/renames.md`` (old -> new); the old spellings go in the next release.

>>> @renamed_keywords(group="group_by")
... def f(*, group_by=None):
...     return group_by
>>> import warnings
>>> with warnings.catch_warnings(record=True) as w:
...     warnings.simplefilter("always")
...     f(group="outlet"), str(w[0].message)
('outlet', 'f(group=...) is deprecated; use f(group_by=...) (the old keyword goes in the next release)')
"""
from __future__ import annotations

import functools
import warnings

from kit.errors import KitTypeError

__all__ = ["renamed_keywords", "deprecated_alias", "warn_renamed"]


def warn_renamed(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` is deprecated in favour of ``new``.

    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_renamed("kit.old()", "kit.new()")
    >>> str(caught[0].message)
    'kit.old() is deprecated; use kit.new() (the old name goes in the next release)'
    """
    warnings.warn(f"{old} is deprecated; use {new} (the old {'keyword' if '=' in old else 'name'} goes in the "
                  "next release)", DeprecationWarning, stacklevel=stacklevel)


def renamed_keywords(**renames: str):
    """Decorator: keyword ``old`` is accepted as ``new`` with a DeprecationWarning (both at once is an error).

    >>> @renamed_keywords(n="ngrams")
    ... def grams(*, ngrams=2):
    ...     return ngrams
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     grams(n=3), caught[0].category.__name__
    (3, 'DeprecationWarning')
    """

    def wrap(func):
        @functools.wraps(func)
        def inner(*args, **kwargs):
            for old, new in renames.items():
                if old in kwargs:
                    if new in kwargs:
                        raise KitTypeError(f"{func.__name__}() got both {old}= (deprecated) and {new}=; pass only {new}=")
                    warn_renamed(f"{func.__name__}({old}=...)", f"{func.__name__}({new}=...)")
                    kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        inner.__renamed_keywords__ = dict(renames)
        return inner

    return wrap


def deprecated_alias(func, old_name: str, *, new_name: str | None = None):
    """A function named ``old_name`` that warns and calls ``func``.

    >>> def total(xs):
    ...     return sum(xs)
    >>> old = deprecated_alias(total, "kit.sum_all", new_name="kit.total")
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     old([1, 2]), old.__name__, str(caught[0].message)
    (3, 'sum_all', 'kit.sum_all is deprecated; use kit.total (the old name goes in the next release)')
    """
    new = new_name or f"{func.__module__}.{func.__name__}"

    @functools.wraps(func)
    def alias(*args, **kwargs):
        warn_renamed(old_name, new)
        return func(*args, **kwargs)

    alias.__name__ = alias.__qualname__ = old_name.rsplit(".", 1)[-1]
    alias.__doc__ = f"Deprecated: use :func:`{new}` (this name goes in the next release)."
    return alias
