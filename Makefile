# zitat — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ZITAT := $(VENV)/bin/zitat
STAMP := $(VENV)/.installed-stamp
# the extras the tests need (pytest, ruff, Playwright; Spark; the PostgreSQL driver)
TEST_STAMP := $(VENV)/.installed-test-stamp
DB ?= zitat.db

.PHONY: install install-test run test test-fast lint lint-imports bench clean help

help:
	@echo "make run    - install zitat, analyse the demo corpus into $(DB), print a summary"
	@echo "make test   - run the test suite"
	@echo "make bench  - benchmarks (speed, accuracy; needs ../shared/data)"
	@echo "make models - retrain the shipped models from ../shared/data"
	@echo "make lint   - ruff and the import contracts (lint-imports)"

# `make run` installs only what running zitat needs (no Spark, PostgreSQL driver, Playwright)
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $(STAMP)

# `make test` (and CI) adds the dev, spark and postgres extras
$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e ".[dev,spark,postgres]"
	@touch $(TEST_STAMP)

install: $(STAMP)

install-test: $(TEST_STAMP)

run: install
	$(ZITAT) ingest examples/demo --db $(DB)
	$(ZITAT) summary --db $(DB)

test: install-test
	$(PY) -m pytest -q

test-fast: install-test
	$(PY) -m pytest -q -m "not slow"

lint: install-test lint-imports
	$(VENV)/bin/ruff check src tests bench

# the layering and no-cycle contracts of [tool.importlinter] in pyproject.toml
lint-imports: install-test
	$(VENV)/bin/lint-imports

# every benchmark runs even when one misses a target (exit code 1); the misses are listed last
bench: install-test
	@missed=""; for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || missed="$$missed $$b"; done; \
	if [ -n "$$missed" ]; then echo "== targets missed or failed in:$$missed"; exit 1; fi

clean:
	rm -rf $(DB) $(DB)-wal $(DB)-shm $(DB).rejects.jsonl .pytest_cache

-include mk/*.mk

schema: install
	$(PY) -c "import json; from zitat.schema import Article; print(json.dumps(Article.model_json_schema(mode='serialization'), indent=2, ensure_ascii=False))" > src/zitat/article.schema.json
