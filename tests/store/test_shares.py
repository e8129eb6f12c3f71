"""Wilson intervals, shares within groups and top-N concentration (pure functions)."""

from __future__ import annotations

import itertools
import math

import pytest

from zitat.store.shares import Z95, concentration, share_rows, wilson_interval


def _normal_interval(k: int, n: int) -> tuple[float, float]:
    p = k / n
    half = Z95 * math.sqrt(p * (1 - p) / n)
    return p - half, p + half


@pytest.mark.parametrize(("k", "n", "low", "high"), [
    # reference values of the Wilson score interval (z = 1.96), computed by hand
    (5, 10, 0.2366, 0.7634),
    (0, 10, 0.0, 0.2775),
    (10, 10, 0.7225, 1.0),
    (1, 100, 0.0018, 0.0545),
    (50, 100, 0.4038, 0.5962),
])
def test_wilson_reference_values(k: int, n: int, low: float, high: float) -> None:
    lo, hi = wilson_interval(k, n)
    assert lo == pytest.approx(low, abs=5e-4)
    assert hi == pytest.approx(high, abs=5e-4)


def test_wilson_is_symmetric_and_contains_the_share() -> None:
    for n in (1, 7, 50, 1000):
        for k in range(0, n + 1, max(1, n // 7)):
            lo, hi = wilson_interval(k, n)
            assert 0.0 <= lo <= k / n <= hi <= 1.0
            mlo, mhi = wilson_interval(n - k, n)
            assert lo == pytest.approx(1 - mhi) and hi == pytest.approx(1 - mlo)


def test_wilson_narrows_with_more_data_and_approaches_the_normal_interval() -> None:
    widths = [wilson_interval(n // 4, n) for n in (8, 80, 800, 8000)]
    assert all(b[1] - b[0] < a[1] - a[0] for a, b in itertools.pairwise(widths))
    lo, hi = wilson_interval(3000, 10000)
    nlo, nhi = _normal_interval(3000, 10000)
    assert lo == pytest.approx(nlo, abs=1e-3) and hi == pytest.approx(nhi, abs=1e-3)


def test_wilson_edge_cases() -> None:
    assert wilson_interval(0, 0) == (0.0, 1.0)
    with pytest.raises(ValueError):
        wilson_interval(3, 2)
    with pytest.raises(ValueError):
        wilson_interval(-1, 2)


def test_share_rows_take_shares_within_each_group() -> None:
    cells = [(("A",), "f", 30, 3), (("A",), "m", 70, 5), (("B",), "f", 5, 1), (("B",), "m", 5, 2)]
    rows = share_rows(cells, ["source"])
    by = {(r.group["source"], r.value): r for r in rows}
    assert by[("A", "f")].quote_share == pytest.approx(0.3)
    assert by[("A", "f")].quotes_total == 100
    assert by[("A", "m")].speaker_share == pytest.approx(5 / 8)
    assert by[("B", "f")].quote_share == pytest.approx(0.5)
    # group A first, most quotes first within it
    assert [(r.group["source"], r.value) for r in rows] == [
        ("A", "m"), ("A", "f"), ("B", "f"), ("B", "m")]
    assert (by[("A", "f")].quote_low, by[("A", "f")].quote_high) == wilson_interval(30, 100)


def test_concentration_counts_the_top_speakers_against_all_quotes() -> None:
    counts = [(f"S{i}", 20 - i) for i in range(15)]  # 20, 19, …, 6
    c = concentration({}, counts, total=400, top=10)
    assert c.top_quotes == sum(range(11, 21))
    assert c.share == pytest.approx(c.top_quotes / 400)
    assert [name for name, _ in c.speakers][:2] == ["S0", "S1"]
    assert c.low < c.share < c.high
    empty = concentration({"source": "x"}, [], total=0)
    assert empty.share == 0.0 and empty.top_quotes == 0
