"""A bounded run of every fuzz target (issue 24); `bench/bench_fuzz.py` runs them long."""

from __future__ import annotations

import pytest

from tests.fuzz.targets import TARGETS, run

#: examples per target in the test suite: the whole module stays well under 30 s
EXAMPLES = {"readers": 60, "text-readers": 60, "ingest": 15, "api-analyze": 25,
            "api-articles": 20, "api-queries": 40, "api-speaker": 30}


@pytest.mark.fuzz
@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_fuzz(target):
    run(target, EXAMPLES[target.name], derandomize=True)
