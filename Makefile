# make run: set up .venv with the locked dependencies, then run the ingest flow on raw/ into processed/.
# make test: the test suite.
# make bench: throughput, scaling and memory on generated inputs (BENCH_ARGS="--repeat 3" to repeat runs).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SRC ?= raw
OUT ?= processed
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: run ingest test bench dictionary clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m flows.ingest $(SRC) --out $(OUT)

ingest: $(STAMP)
	$(PY) -m pipeline ingest $(SRC) --out $(OUT)

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m bench.run_bench $(BENCH_ARGS)

dictionary: $(STAMP)
	$(PY) -m pipeline dictionary > docs/data-dictionary.md

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
