# kawasaki_econ — every target creates/updates .venv itself when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: reproduce test data lint bench clean-processed env lab docs

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

# JupyterLab in the project's environment, opened on notebooks/
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

test: $(STAMP)
	$(BIN)/python -m pytest -q

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

clean-processed:
	rm -f data/processed/*.parquet data/processed/*.csv data/processed/_manifest.json

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
