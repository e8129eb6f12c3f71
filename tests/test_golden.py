"""The redesign keeps every output: today's analysis equals the stored golden files.

See ``tests/golden/golden.py`` for the three sets and how to regenerate them (only in a
commit that says why the output changed).
"""

from __future__ import annotations

import pytest

from tests.golden import golden


@pytest.mark.slow
@pytest.mark.parametrize("name", golden.SETS)
def test_output_matches_golden(name: str, monkeypatch) -> None:
    if not golden.available(name):
        pytest.skip(f"{name}: inputs not found under {golden.SHARED_DATA}")
    monkeypatch.chdir(golden.REPO)
    problems = golden.compare(name)
    assert not problems, "\n".join(problems[:20])
