# When and where (issue 6): gazetteer build and benchmarks. Included by the main Makefile.
.PHONY: gazetteer bench-timex bench-places

gazetteer: install
	$(PY) -m zitat.train.gazetteer

bench-timex: install
	$(PY) bench/bench_timex.py

bench-places: install
	$(PY) bench/bench_places.py
