"""Reliability bins, expected calibration error and the right/wrong judgement of a quote."""

from __future__ import annotations

import pytest

from zitat.eval.calibration import (
    expected_calibration_error,
    judge_predictions,
    reliability,
    reliability_table,
)
from zitat.eval.quotations import Annotation


def ann(quote, speaker=()):
    return Annotation(type="Direct", medium="Speech", tokens={
        "quote": frozenset(quote), "speaker": frozenset(speaker), "cue": frozenset(),
        "frame": frozenset(), "addressee": frozenset()})


def test_a_quote_is_right_only_with_its_speaker():
    gold = [ann(range(0, 10), speaker=[12, 13]), ann(range(20, 30), speaker=[31])]
    pred = [ann(range(0, 9), speaker=[13]),       # right quote, right speaker
            ann(range(20, 30), speaker=[40]),     # right quote, wrong speaker
            ann(range(50, 55))]                   # invented
    assert judge_predictions(gold, pred) == [True, False, False]


def test_a_mostly_missed_quote_is_wrong_even_with_its_speaker():
    gold = [ann(range(0, 20), speaker=[21])]
    assert judge_predictions(gold, [ann(range(0, 4), speaker=[21])]) == [False]


def test_perfectly_calibrated_confidence_has_no_error():
    samples = [(0.75, True)] * 3 + [(0.75, False)] + [(0.25, True)] + [(0.25, False)] * 3
    assert expected_calibration_error(samples) == pytest.approx(0.0)


def test_overconfidence_is_the_gap_weighted_by_count():
    samples = [(0.9, True)] * 5 + [(0.9, False)] * 5   # says 0.9, right half the time
    assert expected_calibration_error(samples) == pytest.approx(0.4)
    (only,) = reliability(samples)
    assert only.count == 10 and only.accuracy == 0.5
    assert "expected calibration error 0.400" in reliability_table(samples)


def test_confidence_one_falls_in_the_top_bin():
    assert [b.high for b in reliability([(1.0, True), (0.0, False)])] == [0.1, 1.0]
