"""Punctuation sentence splitting and the pipeline without the parser."""

from __future__ import annotations

import pytest

from zitat.nlp.sentences import sentence_spans

TEXT = ("Dr. Katharina Lenz sagte am 3. März, die Pläne seien z. B. zu teuer. „Wir handeln "
        "jetzt.“ Das sagte sie in Berlin! Ist das so?\nNeuer Absatz ohne Punkt")


def test_sentences_keep_abbreviations_ordinals_and_closing_marks():
    assert [TEXT[s:e] for s, e in sentence_spans(TEXT)] == [
        "Dr. Katharina Lenz sagte am 3. März, die Pläne seien z. B. zu teuer.",
        "„Wir handeln jetzt.“",
        "Das sagte sie in Berlin!",
        "Ist das so?",
        "Neuer Absatz ohne Punkt",
    ]


def test_no_sentence_in_empty_or_blank_text():
    assert sentence_spans("") == [] and sentence_spans("  \n ") == []


def test_default_pipeline_splits_by_punctuation_and_skips_the_parser():
    from zitat.nlp.pipeline import load_pipeline

    nlp = load_pipeline(components=("zitat_quotes",))
    assert "zitat_sentences" in nlp.pipe_names and "parser" not in nlp.pipe_names
    doc = nlp(TEXT)
    assert [s.text for s in doc.sents][:2] == [
        "Dr. Katharina Lenz sagte am 3. März, die Pläne seien z. B. zu teuer.",
        "„Wir handeln jetzt.“",
    ]


@pytest.mark.slow
def test_parse_setting_keeps_parser_and_lemmatizer(monkeypatch):
    from zitat.nlp.pipeline import CORE_MODEL, load_pipeline
    from zitat.settings import get_settings

    if not (CORE_MODEL / "config.cfg").exists():
        pytest.skip("no shipped core model")
    monkeypatch.setenv("ZITAT_PARSE", "1")
    get_settings.cache_clear()
    nlp = load_pipeline(components=())
    assert "parser" in nlp.pipe_names and "zitat_sentences" not in nlp.pipe_names
    assert any(t.dep_ for t in nlp("Die Ministerin sagte das am Montag."))


def test_loose_boundary_skips_titles_and_initials():
    from zitat.nlp.sentences import boundary_near

    text = "Das sagte Prof. Dr. Anna W. Roth. Danach ging sie."
    assert text[boundary_near(text, 5, +1)] == "."
    assert boundary_near(text, 5, +1) == text.index("Roth.") + 4
    assert boundary_near(text, len(text) - 3, -1) == text.index("Roth.") + 5
