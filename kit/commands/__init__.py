"""Sub-commands of ``kit``; see :mod:`kit.cli`."""
