# Two commands do all the set-up: `make demo` and `make test` (see README).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test setup system-deps lint schema bench speed page docs-image clean

demo: setup
	$(BIN)/tailor examples/jobs/ml-platform.txt

# Lint first (a minute saved on a typo), then every test.
test: setup system-deps lint
	$(BIN)/python -m pytest

setup: $(VENV)/.installed

# torch is installed first and pinned to the CPU build: an unpinned torch resolves to CUDA (GBs).
$(VENV)/.installed: pyproject.toml constraints-cpu.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints-cpu.txt torch
	$(BIN)/pip install --quiet -c constraints-cpu.txt -e '.[test]'
	$(BIN)/python -c "import sys, torch; sys.exit('a CUDA torch slipped in' if torch.version.cuda else 0)"
	touch $@

# LibreOffice + metric-compatible fonts + poppler: the tests prove page counts with them;
# Chromium: they open the HTML report in it.
system-deps:
	@scripts/system-deps.sh

# ruff's rules, its formatting, and the type checker (pyproject.toml configures all three).
lint: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

# resume.yaml's JSON Schema, generated from the model (a test fails while the committed file
# is not what this writes).
schema: setup
	$(BIN)/python -m tailor.resume_schema

# Reading (recruiters' line labels) and ranking quality on the graded sets (the team's dev set by
# default; benchmarks/eval ships here).
EVAL ?= ../shared/eval-dev
bench: setup
	if [ -d $(EVAL)/postings/labels ]; then $(BIN)/python benchmarks/reading.py $(EVAL)/postings; fi
	$(BIN)/python benchmarks/ranking.py $(EVAL)

speed: setup
	$(BIN)/python benchmarks/speed.py

page: setup system-deps
	$(BIN)/python benchmarks/page.py

docs-image: setup system-deps
	$(BIN)/python scripts/docs_image.py
	$(BIN)/python scripts/report_image.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
