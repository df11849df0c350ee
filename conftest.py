"""Project-wide pytest set-up: doctests run from the project root; the module entry point is not collected."""
import os
from pathlib import Path

collect_ignore = ["kit/__main__.py", "benchmarks"]

os.chdir(Path(__file__).parent)  # doctests and fixtures use paths relative to the project root
os.environ.setdefault("MPLBACKEND", "Agg")

# Property tests explore new random examples on a developer's machine; in CI they replay a fixed
# sequence, so a landing never depends on the luck of the draw (and a failure reproduces).
try:
    from hypothesis import settings as _hyp_settings

    _hyp_settings.register_profile("ci", derandomize=True, print_blob=True)
    if os.environ.get("CI"):
        _hyp_settings.load_profile("ci")
except ImportError:  # hypothesis is a dev dependency
    pass


def pytest_configure(config):
    # `slow`: builds or installs things (the wheel test); `make test` runs it, a quick run can use -m "not slow"
    config.addinivalue_line("markers", "slow: slow test (builds the wheel, installs it outside the checkout)")
