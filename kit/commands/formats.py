"""``kit formats``: list the readers."""
NAME = "formats"
HELP = "list the source formats the kit reads"


def add_arguments(p):
    pass


def run(args) -> int:
    from kit.readers import REGISTRY

    for name, spec in REGISTRY.items():
        print(f"{name:12} {', '.join(spec.extensions):14} {spec.description}")
    return 0
