"""List the public functions of the kit whose docstring has no example (DESIGN.md: every public
function has a docstring with a small runnable example, run as a doctest).

Usage: ``python tools/docstring_examples.py [ROOT] [--methods]``

Public: a function defined at the top of a module of ``ROOT/kit`` (default: the repository) whose
name and module path have no part starting with ``_`` (``__init__.py`` counts as public); with
``--methods`` also the public methods of public classes. An example is a ``>>>`` line in the
docstring. Prints one line per function lacking one, ``path:line name: no docstring`` or
``... no example``, then a count. Exit code 0 when every one has an example, 1 otherwise.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> (root / "kit").mkdir()
>>> _ = (root / "kit" / "m.py").write_text("def f():\\n    'Doc: >>> f()'\\n\\ndef g():\\n    pass\\n")
>>> missing(root)
[('kit/m.py', 4, 'g', 'no docstring')]
"""
from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lacks(node: ast.AST) -> str | None:
    doc = ast.get_docstring(node) or ""
    return None if ">>>" in doc else "no docstring" if not doc else "no example"


def missing(root: Path, *, methods: bool = False) -> list[tuple[str, int, str, str]]:
    """``(path, line, name, what)`` of every public function under ``root/kit`` with no example.

    >>> [m for m in missing(ROOT) if m[2] == "missing"]  # this tool's own module is not in kit/
    []
    """
    out = []
    for path in sorted((root / "kit").rglob("*.py")):
        rel = path.relative_to(root)
        if any(p.startswith("_") and p != "__init__.py" for p in rel.parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
                what = _lacks(node)
                if what:
                    out.append((rel.as_posix(), node.lineno, node.name, what))
            elif methods and isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                for sub in node.body:
                    if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)) and not sub.name.startswith("_"):
                        what = _lacks(sub)
                        if what:
                            out.append((rel.as_posix(), sub.lineno, f"{node.name}.{sub.name}", what))
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the functions with no example and their count; 1 when there is one or more.

    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> (root / "kit").mkdir()
    >>> main([str(root)])
    every public function has an example (0 lacking)
    0
    """
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", default=str(ROOT), help="the repository (default: this one)")
    ap.add_argument("--methods", action="store_true", help="also the public methods of public classes")
    args = ap.parse_args(argv)
    found = missing(Path(args.root), methods=args.methods)
    for path, line, name, what in found:
        print(f"{path}:{line} {name}: {what}")
    print(f"{len(found)} public function(s) with no example" if found else
          "every public function has an example (0 lacking)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
