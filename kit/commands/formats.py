"""``kit formats [--json]``: list the readers."""
from kit.commands._common import add_output_arguments, emit

NAME = "formats"
HELP = "list the source formats the kit reads"


def add_arguments(p):
    add_output_arguments(p, "{format, extensions, description} objects")


def run(args) -> int:
    from kit.readers import REGISTRY

    rows = [{"format": name, "extensions": list(spec.extensions), "description": spec.description}
            for name, spec in REGISTRY.items()]
    if args.json:
        emit(args, rows)
    else:
        for r in rows:
            print(f"{r['format']:12} {', '.join(r['extensions']):14} {r['description']}")
    return 0
