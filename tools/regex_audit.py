r"""Audit every regular expression in the kit for catastrophic backtracking (ReDoS), with regexploit.

Usage: ``python tools/regex_audit.py [--verbose]``; exits 1 when a pattern is vulnerable. It runs
in ``make test`` (``tests/test_regex_audit.py``).

Patterns are collected two ways, so that none is missed:

1. every pattern compiled while the kit's modules are imported (``re.compile`` is wrapped for the
   duration), with its flags (``re.VERBOSE`` patterns are read as the kit reads them), including
   patterns assembled from word lists at import time;
2. every string literal passed to a ``re`` function (``re.search(r"...", text)``) in the kit's
   source, found by walking the syntax tree, with the flags when they are written as ``re.X``.

Each pattern is parsed by regexploit (https://github.com/doyensec/regexploit), which finds
repeated parts that can match the same text in several ways and rates the worst case by its
"starriness" (2 = quadratic, 3 = cubic, more = worse, 11 = exponential). A pattern fails the audit
when regexploit rates it cubic or worse (its own threshold) as written, or once ``re.search`` /
``finditer`` try every start position (checked again behind an implicit ``[\s\S]*?``) unless it
starts with an anchor or a lookbehind that pins where a match can begin. Patterns that
``re.search`` makes quadratic on long runs of one character class are counted and listed with
``--verbose`` (regexploit does not rate quadratic cases by itself; two implicit prefixes lift them
to its threshold). Known, reviewed exceptions are listed in :data:`ALLOWED` with the reason.

regexploit 1.0.0 runs on Python 3.11 but cannot parse 3.11's atomic groups and possessive
quantifiers; :func:`_parser` teaches it both (neither can be backtracked into).
"""
from __future__ import annotations

import argparse
import ast
import importlib
import os
import pkgutil
import re
import sys
import traceback
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIT = os.path.join(ROOT, "kit")

#: pattern text -> why it is safe although regexploit rates it (reviewed by hand)
ALLOWED: dict[str, str] = {}

_FLAG_NAMES = {"I": re.I, "IGNORECASE": re.I, "M": re.M, "MULTILINE": re.M, "S": re.S, "DOTALL": re.S,
               "X": re.X, "VERBOSE": re.X, "U": re.U, "UNICODE": re.U, "A": re.A, "ASCII": re.A}
_FUNCS = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "findall": 2, "finditer": 2, "split": 3,
          "sub": 4, "subn": 4}


def compiled_at_import() -> list[tuple[str, int, str]]:
    """(pattern, flags, where) for every pattern compiled while importing every kit module."""
    found: list[tuple[str, int, str]] = []
    real = re.compile

    def spy(pattern, flags=0):
        if isinstance(pattern, str):
            fr = traceback.extract_stack(limit=2)[0]  # the caller of re.compile: the kit, or a library
            if fr.filename.startswith(KIT):
                where = f"{os.path.relpath(fr.filename, ROOT)}:{fr.lineno}"
                found.append((pattern, int(flags), where))
        return real(pattern, flags)

    sys.path.insert(0, ROOT)
    re.compile = spy
    try:
        import kit

        for info in pkgutil.walk_packages(kit.__path__, "kit."):
            if info.name.endswith("__main__"):
                continue
            try:
                importlib.import_module(info.name)
            except Exception as e:  # a module that cannot be imported is reported, not skipped
                found.append(("", 0, f"{info.name}: import failed ({e})"))
    finally:
        re.compile = real
    return found


def _flags(node: ast.AST | None) -> int | None:
    if node is None:
        return 0
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re":
        return _FLAG_NAMES.get(node.attr)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        a, b = _flags(node.left), _flags(node.right)
        return None if a is None or b is None else a | b
    return None


def literal_calls() -> list[tuple[str, int, str]]:
    """(pattern, flags, where) for every literal pattern passed to a ``re`` function in kit/.

    Patterns given to ``re.match``/``re.fullmatch`` are anchored at the start by the call itself:
    they get a ``\\A`` in front, so the search model below does not apply to them."""
    out = []
    for folder, _, files in os.walk(KIT):
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            tree = ast.parse(open(path, encoding="utf-8").read(), path)
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                        and node.func.attr in _FUNCS and node.args):
                    continue
                pat = node.args[0]
                if not (isinstance(pat, ast.Constant) and isinstance(pat.value, str)):
                    continue
                pos = _FUNCS[node.func.attr]
                fnode = node.args[pos] if len(node.args) > pos else next(
                    (k.value for k in node.keywords if k.arg == "flags"), None)
                flags = _flags(fnode)
                anchored = node.func.attr in ("match", "fullmatch")
                out.append(((r"\A(?:" + pat.value + "\n)") if anchored else pat.value, 0 if flags is None else flags,
                            f"{os.path.relpath(path, ROOT)}:{node.lineno}"))
    return out


_ANCHORED = re.compile(r"^(?:\(\?[aiLmsux]+\))?(?:\^|\\A|\(\?<[=!])")


def _parser():
    """regexploit's parser, taught Python 3.11's atomic groups and possessive quantifiers.

    regexploit 1.0.0 (the current release) predates them and fails with an AttributeError. Neither
    can be backtracked into, which is what they are for: a possessive repeat is modelled as a
    repeat that adds no backtracking (starriness 0), an atomic group as the group's content with
    its repeats made possessive the same way.
    """
    from regexploit.ast.repeat import InfiniteRepeat
    from regexploit.ast.sre import SreOpParser

    class Parser(SreOpParser):
        def from_POSSESSIVE_REPEAT(self, data):
            r = self.from_MAX_REPEAT(data)
            if isinstance(r, InfiniteRepeat):
                return InfiniteRepeat(r.repeat, r.minimum_repeats, forced_starriness=0)
            return r

        def from_ATOMIC_GROUP(self, ops):
            import re._constants as c

            def possessive(op):
                code, data = op
                if code in (c.MAX_REPEAT, c.MIN_REPEAT):
                    return (c.POSSESSIVE_REPEAT, data)
                return op
            return self.sequence_or_singleton([possessive(op) for op in ops])

    return Parser()


def _starriness(pattern: str, flags: int) -> tuple[int, str]:
    from regexploit.redos import find

    parsed = _parser().parse_sre(pattern, flags)
    worst = max(find(parsed), key=lambda r: r.starriness, default=None)
    return (worst.starriness, worst.example()[:60]) if worst else (0, "")


def audit(pattern: str, flags: int) -> tuple[list[str], list[str]]:
    """``(problems, warnings)`` regexploit finds in one pattern.

    A problem is cubic or worse (regexploit's own threshold, starriness 3 or more) as written, or
    once ``re.search`` tries every start position (an implicit ``[\\s\\S]*?`` in front) for a
    pattern that is not anchored. A warning is a pattern that ``re.search`` makes quadratic (two
    implicit prefixes reach starriness 3): slow only on long runs of the characters it repeats.
    """
    problems, warnings_ = [], []
    try:
        star, example = _starriness(pattern, flags)
    except Exception as e:  # a construct regexploit cannot read: say so rather than pass silently
        return [f"regexploit could not parse it ({type(e).__name__}: {e})"], []
    if star >= 3:
        problems.append(f"starriness {star} (worst case like {example!r}...)")
        return problems, warnings_
    stripped = re.sub(r"(?m)\s+#.*$|\s+", "", pattern) if flags & re.X else pattern
    if _ANCHORED.match(stripped):
        return problems, warnings_
    star, example = _starriness(r"[\s\S]*?(?:" + pattern + "\n)", flags)  # \n: ends a verbose comment
    if star >= 3:
        problems.append(f"cubic under re.search (every start position re-scans: {example!r}...)")
        return problems, warnings_
    star, example = _starriness(r"[\s\S]*?[\s\S]*?(?:" + pattern + "\n)", flags)
    if star >= 3:
        warnings_.append(f"quadratic under re.search on long runs like {example!r}")
    return problems, warnings_


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="ReDoS audit of every regex in kit/ (regexploit)")
    ap.add_argument("--verbose", action="store_true", help="list every pattern checked")
    args = ap.parse_args(argv)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = compiled_at_import() + literal_calls()
    seen, bad, warned, n = set(), [], [], 0
    for pattern, flags, where in found:
        if not pattern:
            bad.append((where, "", ["module could not be imported"]))
            continue
        if (pattern, flags) in seen:
            continue
        seen.add((pattern, flags))
        n += 1
        problems, warns = ([], []) if pattern in ALLOWED else audit(pattern, flags)
        if args.verbose:
            print(f"{'FAIL' if problems else 'warn' if warns else 'ok  '} {where}: {pattern[:90]!r}")
        if problems:
            bad.append((where, pattern, problems))
        elif warns:
            warned.append((where, pattern, warns))
    if args.verbose:
        for where, pattern, warns in warned:
            print(f"{where}: (warning) {pattern[:120]!r}: {warns[0]}")
    for where, pattern, problems in bad:
        print(f"{where}: vulnerable pattern {pattern[:200]!r}")
        for p in problems:
            print(f"    {p}")
    print(f"regex audit (regexploit): {n} patterns checked, {len(bad)} vulnerable (cubic or worse), "
          f"{len(warned)} quadratic only on long runs of one character class (--verbose lists them)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
