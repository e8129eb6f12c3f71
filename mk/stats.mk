# Who gets to speak (issue 27): the gendered first-name list, the attribute and speed benchmarks.
.PHONY: first-names bench-attributes bench-stats statistik-screenshot

# needs the train extra (Faker): pip install -e ".[train]"
first-names: install
	$(PY) -m zitat.train.first_names

bench-attributes: install
	$(PY) bench/bench_speaker_attributes.py

bench-stats: install
	$(PY) bench/bench_stats_speed.py

# docs/img/statistik.png from the demo corpus (Chromium via playwright, no download)
statistik-screenshot: install
	$(PY) scripts/statistik_screenshot.py
