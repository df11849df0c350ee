"""The regex audit (tools/regex_audit.py, regexploit) passes on the kit, and can fail."""
from __future__ import annotations

import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # regexploit imports sre_parse
    import regex_audit  # noqa: E402 (tools/ is put on the path just above)
    import regexploit.ast.sre  # noqa: E402,F401 (imported here so its DeprecationWarning is silenced once)


@pytest.mark.slow
def test_every_pattern_in_the_kit_passes_the_audit():
    # a fresh interpreter: the audit sees the patterns compiled while the kit is imported
    tool = Path(regex_audit.__file__)
    run = subprocess.run([sys.executable, str(tool)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert " 0 vulnerable" in run.stdout
    n = int(run.stdout.split("regex audit (regexploit): ")[1].split()[0])
    assert n > 100  # the kit's patterns were found


def test_the_audit_catches_backtracking_patterns():
    assert regex_audit.audit(r"(a+)+b", 0)[0]  # exponential
    assert regex_audit.audit(r"\s*\w+\s*\w+\s*\n", 0)[0]  # cubic
    # the patterns this audit made us rewrite (cubic once re.search tries every start)
    assert regex_audit.audit(r"\s*\n\s*\n\s*|\s*\n\s*", 0)[0]
    assert regex_audit.audit(r"\s*(?:;|\||,\s*and\s+|\s+and\s+|\s+&\s+|,)\s*", re.I)[0]
    # the old e-mail pattern was quadratic on a long run of letters: a warning
    problems, warnings = regex_audit.audit(r"[\w.+-]+@(?P<d>[\w-]+(?:\.[\w-]+)+)", 0)
    assert not problems and warnings


def test_the_audit_reads_python_311_atomic_groups_and_possessive_quantifiers():
    from kit.corpus.ingest import _EMAIL_DOMAIN

    assert regex_audit.audit(_EMAIL_DOMAIN.pattern, _EMAIL_DOMAIN.flags) == ([], [])
    assert regex_audit.audit(r"(?>\s*)x++y", 0) == ([], [])


def test_match_calls_are_audited_as_anchored(tmp_path, monkeypatch):
    (tmp_path / "m.py").write_text('import re\nre.match(r"\\s+x", s)\nre.search(r"\\s+y", s, re.X)\n')
    monkeypatch.setattr(regex_audit, "KIT", str(tmp_path))
    monkeypatch.setattr(regex_audit, "ROOT", str(tmp_path))
    found = sorted(regex_audit.literal_calls())
    assert found == [("\\A(?:\\s+x\n)", 0, "m.py:2"), ("\\s+y", re.X, "m.py:3")]
