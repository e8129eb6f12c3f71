"""A cold server loads the pipeline once, however many requests arrive at once (issue 24)."""

from __future__ import annotations

import threading
import time
from functools import lru_cache

import zitat.analysis


def test_concurrent_first_calls_load_the_pipeline_once(monkeypatch):
    pipeline = object()  # stands in for a Language: only its identity matters here
    loads: list[str | None] = []

    @lru_cache(maxsize=8)  # cached like the real loader: filled only when a load finishes
    def slow_load(path: str | None = None):
        loads.append(path)
        time.sleep(0.3)
        return pipeline

    monkeypatch.setattr(zitat.analysis, "load_pipeline", slow_load)
    barrier = threading.Barrier(8)
    got: list[object] = []

    def request() -> None:
        barrier.wait()
        got.append(zitat.analysis.default_pipeline())

    threads = [threading.Thread(target=request) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(got) == 8 and all(nlp is pipeline for nlp in got)
    assert loads == [None]
