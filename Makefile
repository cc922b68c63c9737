# kawasaki_econ — every target creates/updates .venv itself when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: reproduce test test-fast data lint bench clean-processed env lab schemas docs sweep

env: $(STAMP)

# (Re)install when the environment is missing or pyproject/constraints changed.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

data: $(STAMP)
	$(BIN)/kawasaki-econ build

# Kawasaki's report (14130) into reports/14130/; any other: kawasaki-econ report --focus CODE
reproduce: $(STAMP)
	$(BIN)/kawasaki-econ build
	$(BIN)/kawasaki-econ report --focus 14130

# JupyterLab in the project's environment, opened on notebooks/. As root (a container)
# it adds --allow-root; extra flags: make lab LAB_ARGS="--no-browser --port 8890".
# Stop it with Ctrl-C twice in its terminal, or `.venv/bin/jupyter lab stop PORT`.
LAB_ARGS ?=
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root) $(LAB_ARGS)

# The whole suite on 2 workers (pytest-xdist; a test file stays on one worker and files
# sharing a session fixture stay together, see tests/conftest.py). PYTEST_ARGS passes
# more options, e.g. make test PYTEST_ARGS="tests/forecast --durations=20".
PYTEST_ARGS ?=
test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 $(PYTEST_ARGS)

# The quick loop: everything but the tests marked slow (notebooks, reports, kill tests)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 -m "not slow" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check kawasaki_econ tests bench

BENCH_STAMP := $(VENV)/.installed-bench

# statsforecast (AutoETS / AutoTheta references of bench/bench_forecast.py): the `bench` extra
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,bench]'
	@touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/bench_ingest.py
	@for f in bench/bench_*.py; do [ "$$f" = bench/bench_ingest.py ] || $(BIN)/python $$f; done

# the generations, the pointer `current` and the links to it (README: Processed tables)
clean-processed:
	rm -rf data/processed/generation-* data/processed/current
	rm -f data/processed/*.parquet data/processed/*.csv data/processed/_manifest.json

# rewrite the README's table-schema section from kawasaki_econ/schema.py
schemas: $(STAMP)
	$(BIN)/python -m kawasaki_econ.readme_schemas

DOCS_STAMP := $(VENV)/.installed-docs

# Sphinx + numpydoc + myst-nb: the `docs` extra
$(DOCS_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,docs]'
	@touch $(DOCS_STAMP)

# The documentation site into docs/_build/html: offline (no intersphinx), warnings are
# errors, the six notebooks and the tutorial executed in the build against data/processed
# (built first); their figures go to docs/_build/figures, never into reports/.
docs: $(DOCS_STAMP) data
	KAWASAKI_ECON_FIGURES=$(CURDIR)/docs/_build/figures KAWASAKI_ECON_TABLES=$(CURDIR)/docs/_build/tables \
	  $(BIN)/python -m sphinx -W --keep-going -b html docs docs/_build/html

# Every municipality (1,741) and 東京都区部: every table, chart input and finding of the
# report, computed in-process and checked (kawasaki_econ/report/sweep.py); prints its time.
sweep: $(STAMP)
	$(BIN)/kawasaki-econ build
	$(BIN)/python -m kawasaki_econ.report.sweep --jobs 2
