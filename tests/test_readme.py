"""The README's commands stay runnable: every ``kit ...`` and ``make ...`` line of its fenced shell
blocks names a command or target that exists, and ``kit <command> --help`` accepts its options."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from kit.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^[ \t]*```(?:sh|bash|shell|console)[ \t]*\n(.*?)^[ \t]*```", re.M | re.S)  # also inside list items


def shell_lines(text: str) -> list[str]:
    """Commands of the fenced shell blocks: comments dropped, continuation lines joined, ``$ `` prompts removed."""
    out = []
    for block in FENCE.findall(text):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split(" #", 1)[0].strip()
            line = line[2:] if line.startswith("$ ") else line
            if line and not line.startswith("#"):
                out.extend(part.strip() for part in re.split(r"&&|\|", line) if part.strip())
    return out


def commands(prefix: str) -> list[list[str]]:
    found = []
    for line in shell_lines((ROOT / "README.md").read_text(encoding="utf-8")):
        words = shlex.split(line)
        while words and "=" in words[0] and not words[0].startswith("-"):  # VAR=value before the command
            words = words[1:]
        if words and Path(words[0]).name == prefix:
            found.append(words)
    return found


def test_shell_lines_parses_blocks():
    text = "x\n```bash\n$ kit parse a.txt \\\n  --json  # all\n# note\nmake test && kit formats\n```\n"
    assert shell_lines(text) == ["kit parse a.txt    --json", "make test", "kit formats"]
    assert shell_lines("1. step\n\n   ```sh\n   kit formats\n   ```\n") == ["kit formats"]


def test_readme_names_the_two_commands():
    targets = [w[1] for w in commands("make") if len(w) > 1]
    assert "report" in targets and "test" in targets


@pytest.mark.parametrize("words", commands("make"), ids=lambda w: " ".join(w))
def test_readme_make_targets_exist(words):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in [w for w in words[1:] if not w.startswith("-") and "=" not in w]:
        assert re.search(rf"^{re.escape(target)}:", makefile, re.M), f"README runs `make {target}`: no such target"


KIT_COMMANDS = commands("kit")


def test_readme_shows_kit_commands():
    assert KIT_COMMANDS, "the README shows no kit command"


@pytest.mark.parametrize("words", KIT_COMMANDS, ids=lambda w: " ".join(w))
def test_readme_kit_commands_exist_and_their_options_parse(words, capsys):
    sub = build_parser()._subparsers._group_actions[0].choices
    args = words[1:]
    if not args or args[0].startswith("-"):
        assert main([a for a in args if a in ("--version", "--help")] or ["--help"]) == 0
        return
    assert args[0] in sub, f"README runs `kit {args[0]}`: no such command (commands: {sorted(sub)})"
    assert main([args[0], "--help"]) == 0
    known = {o for a in sub[args[0]]._actions for o in a.option_strings}
    for word in args[1:]:
        if word.startswith("--"):
            assert word.split("=", 1)[0] in known, f"README uses `kit {args[0]} {word}`: no such option"
    capsys.readouterr()
