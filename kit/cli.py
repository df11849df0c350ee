"""The ``kit`` command line: one sub-command per module in :mod:`kit.commands`.

Each module in ``kit/commands/`` defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``; this file only wires them together, so commands can be added without
touching it. What the commands share (source and tokenizer arguments, argument types, table and
JSON output, the ingest report on stderr) is in :mod:`kit.commands._common`. Command modules
import nothing heavy at module level, so ``kit --version`` and ``kit formats`` start fast.

Exit status: 0 on success, 1 when a source was rejected (or a run failed), 2 for a bad argument.
"""
from __future__ import annotations

import argparse
import gc
import importlib
import pkgutil
import sys

import kit
import kit.commands


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``kit`` parser with every sub-command, or with the one named ``only`` (a module of
    :mod:`kit.commands`): setting up a command's arguments may import what it needs (``kit analyse``
    lists its tables), so a command run alone pays for its own imports only.

    >>> build_parser().parse_args(["terms", "data/sample", "--top", "5"]).top
    5
    """
    parser = argparse.ArgumentParser(prog="kit", description="Coverage Framing Kit: study how news coverage frames an event.")
    parser.add_argument("--version", action="version", version=f"kit {kit.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(kit.commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_") or (only is not None and info.name != only):
            continue
        mod = importlib.import_module(f"kit.commands.{info.name}")
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def _named_command(argv: list[str]) -> str | None:
    """The module of the sub-command ``argv`` starts with (``frames-apply`` -> ``frames_apply``), or None."""
    if not argv or argv[0].startswith("-"):
        return None
    name = argv[0].replace("-", "_")
    known = {info.name for info in pkgutil.iter_modules(kit.commands.__path__) if not info.name.startswith("_")}
    if name not in known or importlib.import_module(f"kit.commands.{name}").NAME != argv[0]:
        return None
    return name


def main(argv: list[str] | None = None) -> int:
    """Run the command ``argv`` (default: the command line) and return its exit status.

    Run from the command line (``argv`` None: the ``kit`` script, ``python -m kit``), the objects the
    command leaves are then frozen for the garbage collector (``gc.freeze``; after a collection of
    the young ones, where unreachable files or connections of the command would be): the process
    ends next, and its shutdown would otherwise walk every object of pandas, pyarrow and the
    command's tables again (0.1-0.3 s); their memory goes back with the process.

    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = main(["formats"])
    >>> status, "webcopy" in out.getvalue()
    (0, True)
    """
    status = _main(argv)
    if argv is None:
        gc.collect(1)
        gc.freeze()
    return status


def _main(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(only=_named_command(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version, or a bad argument (argparse has printed why)
        return e.code if isinstance(e.code, int) else 0 if e.code is None else 2
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except BrokenPipeError:  # e.g. `kit parse ... | head`
        return 0
    except kit.KitError as e:
        print(f"kit {args.command}: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
