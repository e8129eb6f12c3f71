# Corpus scale: Spark batch and ingest throughput on 10kGNAD (needs ../shared/data and Java).
BENCH_SCALE_ARGS ?=

.PHONY: bench-scale
bench-scale: install
	$(PY) bench/bench_scale.py $(BENCH_SCALE_ARGS)

# Load (issue 24): `zitat serve` over a generated store of 100,000 articles, 16 reading and
# 8 analysing clients; prints throughput, p50/p95/p99, errors, memory against the targets.
BENCH_LOAD_ARGS ?=
.PHONY: bench-load
bench-load: install
	$(PY) bench/bench_load.py $(BENCH_LOAD_ARGS)
