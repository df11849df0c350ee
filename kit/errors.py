"""The kit's one family of exceptions.

Every error a user can act on is a :class:`KitError`; the command line prints it without a
traceback. Errors about arguments are also the standard Python exception a caller would expect,
so ``except ValueError`` (or ``TypeError``, ``FileNotFoundError``) in user code catches them too:

- :class:`KitValueError` (also :class:`ValueError`): a value out of range, an unknown choice, a
  table without a needed column, ...
- :class:`KitTypeError` (also :class:`TypeError`): a value of the wrong kind (a list where a
  DataFrame is needed, ``True`` where a number is needed).
- :class:`KitFileNotFoundError` (also :class:`FileNotFoundError`): a named input that does not exist.

:mod:`kit.validate` raises them with one message form (``<name> must be <what>, got <value>``,
``<table> has no column(s) ...; columns are ...``, ``unknown <name> ...; choose one of ...``).

>>> issubclass(KitValueError, ValueError) and issubclass(KitValueError, KitError)
True
>>> str(KitFileNotFoundError("dictionary file not found: x.yml"))
'dictionary file not found: x.yml'
"""

__all__ = ["KitError", "KitValueError", "KitTypeError", "KitFileNotFoundError"]


class KitError(Exception):
    """An error a user can act on; the command line prints it without a traceback."""


class KitValueError(KitError, ValueError):
    """A bad argument value (out of range, unknown choice, missing column); also a :class:`ValueError`."""


class KitTypeError(KitError, TypeError):
    """An argument of the wrong type; also a :class:`TypeError`."""


class KitFileNotFoundError(KitError, FileNotFoundError):
    """A named input file or folder that does not exist; also a :class:`FileNotFoundError`.

    Raised with one message argument, so ``str(error)`` is the message (not OSError's
    ``[Errno ...]`` form).
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""
