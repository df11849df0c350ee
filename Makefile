# Coverage Framing Kit: every target sets up .venv itself when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= data/sample
JOBS   ?=
REPORTS ?= reports
TEST_JOBS ?= auto

.DEFAULT_GOAL := help
.PHONY: help setup report test test-fast lint docs lab bench fuzz ingest eval clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'
	@echo "  variables: CORPUS=path (default data/sample), JOBS=n, PYTHON=python3.11, TEST_JOBS=n (pytest workers, 0 = one process)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) ## create .venv and install the kit (fast when up to date)

report: $(STAMP) ## ingest the corpus and render every report notebook into reports/
	$(BIN)/kit run reports.yml -p corpus "$(CORPUS)" --out "$(REPORTS)" $(if $(JOBS),--jobs $(JOBS))

test: $(STAMP) ## ruff, then the whole test suite (executes every notebook; runs the regex audit), one pytest worker per core
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadfile --no-loadscope-reorder

test-fast: $(STAMP) ## lint, then the core suite without slow and notebook tests (a few minutes)
	$(BIN)/ruff check .
	$(BIN)/python tools/regex_audit.py
	$(BIN)/python -m pytest -m "not slow and not notebooks" -n $(TEST_JOBS) --dist loadfile --no-loadscope-reorder

lint: $(STAMP) ## ruff: pyflakes, import order, complexity ceiling (settings in pyproject.toml); regex audit
	$(BIN)/ruff check .
	$(BIN)/python tools/regex_audit.py

docs: $(STAMP) ## build the documentation site into site/ (MkDocs + mkdocstrings; open site/index.html)
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	$(BIN)/mkdocs build --strict

lab: $(STAMP) ## open JupyterLab on notebooks/ with the kit importable
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

bench: $(STAMP) ## run the speed and memory benchmarks (terms, quotes, report runner, scaling: SIZES=1000 10000, adversarial inputs)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/bench_quotes.py
	$(BIN)/python benchmarks/runner_overhead.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/bench_dedupe.py
	$(BIN)/python benchmarks/scaling.py $(if $(SIZES),--sizes $(SIZES))
	$(BIN)/python benchmarks/bench_batch.py $(if $(SIZES),--sizes $(SIZES))
	$(BIN)/python benchmarks/notebook_memory.py --size 10000
	$(BIN)/python benchmarks/adversarial.py

fuzz: $(STAMP) ## fuzz every reader with 10,000 mutated inputs; figures in fuzz-results.json
	$(BIN)/python tools/fuzz.py --inputs 10000 --out fuzz-results.json

ingest: $(STAMP) ## ingest CORPUS into the store folder corpus/ (Parquet partitions, manifest, ingest report)
	$(BIN)/kit ingest "$(CORPUS)" --out corpus

eval: $(STAMP) ## measure the kit on the real dev sets: readers, quotes and speakers, frames, reprints (KIT_DEVSETS=folder, default ../shared/devsets); check no dev-set text is copied
	$(BIN)/python -m evaluation $${KIT_DEVSETS:-../shared/devsets}
	$(BIN)/python tools/provenance_check.py $${KIT_DEVSETS:-../shared/devsets}; rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 2 ]

clean: ## remove generated files (.venv, reports, ingested corpora)
	rm -rf $(VENV) "$(REPORTS)" corpus build site *.egg-info .pytest_cache .ruff_cache
