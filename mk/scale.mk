# Corpus scale: Spark batch and ingest throughput on 10kGNAD (needs ../shared/data and Java).
BENCH_SCALE_ARGS ?=

.PHONY: bench-scale
bench-scale: install
	$(PY) bench/bench_scale.py $(BENCH_SCALE_ARGS)
