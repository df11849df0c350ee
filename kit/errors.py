"""The kit's own exception type: bad arguments, bad files, failed runs."""


class KitError(Exception):
    """An error a user can act on; the command line prints it without a traceback."""
