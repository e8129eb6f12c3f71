"""The learned medium classifier: features and its decisions on hand-written sentences."""

from __future__ import annotations

import pytest

from tests.conftest import span_of
from zitat.nlp.medium import (
    MediumModel,
    load_medium_model,
    medium_features,
    medium_of,
    quote_medium,
    report_medium,
    rule_medium,
)


def test_features_name_cue_speaker_and_rule_guess():
    text = "Nach Angaben der Polizei wurden drei Menschen verletzt."
    feats = medium_features(text, "Indirect", [span_of(text, "Nach")],
                            [span_of(text, "Angaben der Polizei")], "SW")
    assert {"t=Indirect", "h=SW", "c0=nach", "s=polizei", "sw=angaben"} <= set(feats)
    assert "nospk" not in feats
    assert "nocue" in medium_features(text, "FreeIndirect", [], [], "SW")


def test_model_sums_weights_of_known_features_only():
    model = MediumModel(labels=("Speech", "Writing"),
                        weights={"bias": [0.5, 0.0], "c0=schrieb": [0.0, 2.0]})
    assert model.predict(["bias"]) == "Speech"
    assert model.predict(["bias", "c0=schrieb", "unknown"]) == "Writing"
    probs = model.probabilities(["bias", "c0=schrieb"])
    assert probs["Writing"] > probs["Speech"] and abs(sum(probs.values()) - 1) < 1e-9


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "medium"),
    [
        ("„Wir handeln jetzt“, sagte Bundesinnenministerin Anna Beispiel.", "Speech"),
        ("In einem Brief an die Länder schrieb Beispiel, die Mittel würden aufgestockt.",
         "Writing"),
        ("Nach Angaben der Polizei wurden drei Menschen verletzt.", "SW"),
        ("Der Minister hofft, dass die Gespräche bald beginnen.", "ST"),
    ],
)
def test_shipped_classifier_on_news_sentences(nlp, text, medium):
    assert load_medium_model() is not None
    (q,) = nlp(text)._.quotes
    assert q.medium == medium


@pytest.mark.parametrize(
    ("cue", "medium"),
    [("sagte", "Speech"), ("teilte mit", "Speech"), ("schrieb", "Writing"),
     ("wie … geschrieben", "Writing"), ("berichtete", "Writing"), ("hofft", "ST"),
     ("geht davon aus", "ST"), ("laut", "SW"), ("wurde mitgeteilt", "SW"), ("", "SW")],
)
def test_cue_medium_comes_from_the_lexicon(cue, medium):
    assert medium_of(cue) == medium


def test_report_and_rule_media():
    assert report_medium("befürchtet") == "ST"  # a stance
    assert (report_medium("rief"), report_medium("kritisierte")) == ("Speech", "Speech")
    assert report_medium("kritisiert") == "SW"  # present tense
    text = "Die Polizei teilte mit, dass niemand verletzt wurde."
    cue = [span_of(text, "teilte")]
    assert rule_medium(text, "Indirect", cue, "Writing") == "Writing"  # the rule's own first
    assert rule_medium(text, "Indirect", cue, None) == "Speech"
    assert (rule_medium(text, "Direct", [], None), rule_medium(text, "Reported", [], None)) == \
        ("Speech", "SW")
    model = MediumModel(labels=("Speech", "SW"), weights={"h=Speech": [0.0, 3.0]})
    assert quote_medium(text, "Indirect", cue, [], None, model) == "SW"  # the model corrects
