"""Quotation confidence: features, the logistic model and its use in ``zitat_quotes``."""

from __future__ import annotations

import pytest

from tests.conftest import span_of
from zitat.nlp.confidence import (
    Calibrator,
    calibrate,
    load_calibrator,
    quote_features,
    speaker_kind,
)
from zitat.nlp.pipeline import load_pipeline
from zitat.schema import Quote, Role


@pytest.mark.parametrize(("speaker", "kind"), [
    ("", "none"), ("er", "pron"), ("Sie", "pron"), ("der Sprecher", "desc"),
    ("eine Sprecherin des Ministeriums", "desc"), ("Anna Beispiel", "name"),
    ("Bürgermeisterin Sabine Roth", "name"), ("zwei Anwohner", "other"),
])
def test_speaker_kind(speaker, kind):
    assert speaker_kind(speaker) == kind


def _quote(text: str, quote: str, speaker: str | None, rule: str, conf: float = 0.9) -> Quote:
    spk = Role(text=speaker, spans=[span_of(text, speaker)]) if speaker else None
    return Quote(id="q1", type="Direct", text=quote, spans=[span_of(text, quote)],
                 speaker=spk, cue=Role(text="sagte", spans=[span_of(text, "sagte")]),
                 confidence=conf, rule=rule)


TEXT = "„Wir bauen die Brücke bis zum Sommer neu“, sagte Bürgermeisterin Sabine Roth."
QUOTE = "„Wir bauen die Brücke bis zum Sommer neu“"


def test_features_describe_rule_speaker_and_distance():
    feats = quote_features(TEXT, _quote(TEXT, QUOTE, "Bürgermeisterin Sabine Roth",
                                        "direct-cue-after"))
    assert {"bias", "r=direct-cue-after", "t=Direct", "s=name", "raw=9", "len=<16",
            "slen=<5", "sgap=<40"} <= set(feats)
    assert "nocue" not in feats and "spara" not in feats
    bare = quote_features(TEXT, _quote(TEXT, QUOTE, None, "direct-marks", 0.5))
    assert {"s=none", "raw=5"} <= set(bare) and not any(f.startswith("sgap") for f in bare)


def test_speaker_in_another_paragraph_is_a_feature():
    text = "Sabine Roth sagte:\n\n„Wir bauen die Brücke neu.“"
    q = _quote(text, "„Wir bauen die Brücke neu.“", "Sabine Roth", "direct-cue-before")
    assert "spara" in quote_features(text, q)


def test_logistic_model_and_json_round_trip():
    model = Calibrator(weights={"bias": 0.0, "s=none": -2.0})
    assert model.probability(["bias"]) == pytest.approx(0.5)
    assert model.probability(["bias", "s=none", "unknown"]) == pytest.approx(0.1192, abs=1e-4)
    assert Calibrator.from_json(model.to_json()) == model


def test_calibrate_replaces_confidence_and_none_keeps_it():
    q = _quote(TEXT, QUOTE, "Bürgermeisterin Sabine Roth", "direct-cue-after")
    (same,) = calibrate(TEXT, [q], None)
    assert same.confidence == 0.9
    (out,) = calibrate(TEXT, [q], Calibrator(weights={"s=name": 1.0}))
    assert out.confidence == pytest.approx(0.731)


def test_shipped_model_trusts_a_named_speaker_more_than_none():
    model = load_calibrator()
    assert model is not None
    named = model.probability(quote_features(TEXT, _quote(
        TEXT, QUOTE, "Bürgermeisterin Sabine Roth", "direct-cue-after")))
    alone = model.probability(quote_features(TEXT, _quote(TEXT, QUOTE, None, "direct-marks", 0.5)))
    assert 0.0 < alone < 0.5 < named < 1.0


@pytest.mark.slow
def test_pipeline_confidence_is_the_calibrated_probability():
    nlp = load_pipeline(components=("zitat_quotes", "zitat_speakers"))
    texts = ["„Die Schule wird im Herbst saniert“, sagte Bürgermeister Jonas Keller am Montag.",
             "„Niemand hat uns gefragt.“ So steht es auf einem Transparent vor dem Rathaus."]
    finder = nlp.get_pipe("zitat_quotes")
    docs = [nlp(t) for t in texts]
    saved, finder.calibrator = finder.calibrator, None
    try:
        raw = [nlp(t)._.quotes for t in texts]
    finally:
        finder.calibrator = saved
    model = load_calibrator()
    (keller,), (banner,) = (doc._.quotes for doc in docs)
    for text, q, (r,) in zip(texts, (keller, banner), raw, strict=True):
        assert q.confidence == round(model.probability(quote_features(text, r)), 3)
    assert keller.speaker is not None and banner.speaker is None
    assert keller.confidence > 0.5 > banner.confidence
