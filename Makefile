# zitat — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ZITAT := $(VENV)/bin/zitat
STAMP := $(VENV)/.installed-stamp
DB ?= zitat.db

.PHONY: install run test test-fast lint lint-imports bench clean help

help:
	@echo "make run    - install zitat, analyse the demo corpus into $(DB), print a summary"
	@echo "make test   - run the test suite"
	@echo "make bench  - benchmarks (speed, accuracy; needs ../shared/data)"
	@echo "make models - retrain the shipped models from ../shared/data"
	@echo "make lint   - ruff and the import contracts (lint-imports)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,spark,postgres]"
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(ZITAT) ingest examples/demo --db $(DB)
	$(ZITAT) summary --db $(DB)

test: install
	$(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m "not slow"

lint: install lint-imports
	$(VENV)/bin/ruff check src tests bench

# the layering and no-cycle contracts of [tool.importlinter] in pyproject.toml
lint-imports: install
	$(VENV)/bin/lint-imports

bench: install
	@for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(DB) $(DB)-wal $(DB)-shm $(DB).rejects.jsonl .pytest_cache

-include mk/*.mk

schema: install
	$(PY) -c "import json; from zitat.schema import Article; print(json.dumps(Article.model_json_schema(mode='serialization'), indent=2, ensure_ascii=False))" > src/zitat/article.schema.json
