# kawasaki_econ — every target creates/updates .venv itself when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: reproduce test data lint bench clean-processed env lab sweep

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

# Every municipality (1,741) and 東京都区部: every table, chart input and finding of the
# report, computed in-process and checked (kawasaki_econ/report/sweep.py); prints its time.
sweep: $(STAMP)
	$(BIN)/kawasaki-econ build
	$(BIN)/python -m kawasaki_econ.report.sweep --jobs 2
