"""``kit formats [--json]``: list the readers."""
from kit.commands._common import add_output_arguments, emit

NAME = "formats"
HELP = "list the source formats the kit reads"


def add_arguments(p):
    """The arguments of ``kit formats`` (``kit formats --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit formats")
    >>> add_arguments(parser)
    >>> args = parser.parse_args([])
    >>> vars(args)
    {'json': False}
    """
    add_output_arguments(p, "{format, extensions, description} objects")


def run(args) -> int:
    """``kit formats``: list the readers: name, file endings, what they read; returns the exit status.

    >>> import contextlib, io
    >>> from kit.cli import build_parser
    >>> args = build_parser(only="formats").parse_args(["formats"])
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(args)
    >>> status, out.getvalue().split()[0]
    (0, 'lexisnexis')
    """
    from kit.readers import REGISTRY

    rows = [{"format": name, "extensions": list(spec.extensions), "description": spec.description}
            for name, spec in REGISTRY.items()]
    if args.json:
        emit(args, rows)
    else:
        for r in rows:
            print(f"{r['format']:12} {', '.join(r['extensions']):14} {r['description']}")
    return 0
