"""Fitting the confidence model: logistic regression and cross-fitting over documents."""

from __future__ import annotations

import pytest

from zitat.eval.calibration import expected_calibration_error
from zitat.train.calibration import cross_fitted, fit, scored


def _samples() -> list[tuple[int, list[str], bool]]:
    """Quotations of 40 documents: with feature ``s=name`` 8 of 10 right, without 2 of 10."""
    out = []
    for doc in range(40):
        for k in range(5):
            named = (doc + k) % 2 == 0
            right = (doc * 5 + k) % 10 < (8 if named else 2)
            out.append((doc, ["bias", "s=name" if named else "s=none"], right))
    return out


def test_fit_recovers_the_rates_of_its_features():
    model = fit(_samples(), l2=0.1)
    assert model.probability(["bias", "s=name"]) == pytest.approx(0.8, abs=0.03)
    assert model.probability(["bias", "s=none"]) == pytest.approx(0.2, abs=0.03)
    assert expected_calibration_error(scored(model, _samples())) < 0.03


def test_rare_features_are_left_out():
    samples = [*_samples(), (99, ["bias", "s=name", "once"], False)]
    assert "once" not in fit(samples).weights


def test_cross_fitting_scores_every_sample_once_with_the_other_fold():
    samples = _samples()
    crossed = cross_fitted(samples, folds=2)
    assert len(crossed) == len(samples)
    assert sorted(ok for _, ok in crossed) == sorted(ok for _, _, ok in samples)
    # a fold whose documents are all missing from the other: the model falls back on bias
    lonely = [(0, ["bias", "only-here"], True), (0, ["bias", "only-here"], True),
              (1, ["bias"], False), (1, ["bias"], False)]
    conf = dict(enumerate(c for c, _ in cross_fitted(lonely, folds=2)))
    assert conf[0] < 0.5 and conf[2] > 0.5
