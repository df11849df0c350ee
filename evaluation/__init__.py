"""Measurements of the kit on real development data (``make eval``); not part of ``make test``.

Each public module ``evaluation/<name>.py`` (not starting with ``_``) provides::

    DEVSET = "html"                      # folder under the dev-sets root it reads (optional:
                                         # the module name when absent)
    def evaluate(devsets: pathlib.Path) -> list[dict]: ...

returning rows with the keys ``devset``, ``measure``, ``kit``, ``baseline`` (None when there is
no baseline) and ``n`` (how many items the figure is computed over). ``python -m evaluation
DEVSETS`` runs every module whose dev-set folder exists and prints one table.
"""
