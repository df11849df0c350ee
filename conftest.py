"""Project-wide pytest set-up: doctests run from the project root; the module entry point is not collected."""
import os
from pathlib import Path

collect_ignore = ["kit/__main__.py", "benchmarks"]

os.chdir(Path(__file__).parent)  # doctests and fixtures use paths relative to the project root
os.environ.setdefault("MPLBACKEND", "Agg")
